"""A deterministic in-memory engine for UI tests (same protocol as ``qa.engine.Engine``)."""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa.errors import QAError
from qa.models import Answer, Article, BuildReport, Evidence, Passage, Turn

ARTICLE = Article(
    id="turkey-syria",
    title="Contacts between Turkey and Syria thicken as Russia wants out",
    date="2022-09-16",
    source="000_turkey_syria.txt",
    paragraphs=(
        "Turkey and Syria stepped up contacts to find a political solution to the conflict in Syria "
        "as Russia wants to focus more on the war with Ukraine, Reuters reported.",
        "Sources said Turkey's intelligence chief has been to Damascus multiple times over the last "
        "few weeks and held meetings with his Syrian counterpart.",
        "During the talks between Hakan Fidan, head of Turkey's National Intelligence Organization, "
        "and Syrian intelligence chief Ali Mamlouk, the two sides reached a level to evaluate how the "
        "two countries' foreign ministers could eventually meet.",
        "Fidan and Mamlouk have spoken intermittently over the last two years but the frequency of "
        "recent meetings reflected a Russian policy shift in Syria.",
        "The biggest complication in rapprochement between Turkey and Syria is the opposition rebels "
        "backed by Turkey holding areas in the northwestern part of the country.",
    ),
)

MARKUP_ARTICLE = Article(
    id="markup",
    title="[bold]Breaking[/] [link=https://evil.example]news[/link] [/]",
    date="2022-01-02",
    source="001_markup.txt",
    paragraphs=(
        "The council said [red]nothing[/red] about the [/] budget [link=https://x.example]here[/link].",
        "The mayor of [b]Springfield[/b] met the governor in [i]Shelbyville[/i] on Monday.",
    ),
)

# (words that must all be in the question, answer, article, paragraph number, sentence)
RULES: list[tuple[tuple[str, ...], str, Article, int, str]] = [
    (("who", "head", "intelligence"), "Hakan Fidan", ARTICLE, 3,
     "During the talks between Hakan Fidan, head of Turkey's National Intelligence Organization, "
     "and Syrian intelligence chief Ali Mamlouk, the two sides reached a level to evaluate how the "
     "two countries' foreign ministers could eventually meet."),
    (("where", "intelligence", "chief"), "Damascus", ARTICLE, 2,
     "Sources said Turkey's intelligence chief has been to Damascus multiple times over the last "
     "few weeks and held meetings with his Syrian counterpart."),
    (("who", "mayor"), "[b]Springfield[/b]", MARKUP_ARTICLE, 2,
     "The mayor of [b]Springfield[/b] met the governor in [i]Shelbyville[/i] on Monday."),
    (("what", "council"), "[red]nothing[/red]", MARKUP_ARTICLE, 1,
     "The council said [red]nothing[/red] about the [/] budget [link=https://x.example]here[/link]."),
]

STATUS = "2 articles · 7 passages · indexed just now"


@dataclass
class FakeMeeting:
    data: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return dict(self.data)


def _span(article: Article, sentence: str) -> tuple[int, int]:
    start = article.text.index(sentence)
    return start, start + len(sentence)


def _evidence(article: Article, paragraph: int, sentence: str) -> dict:
    start, end = _span(article, sentence)
    return {"article": article.id, "paragraph": paragraph, "start": start, "end": end, "text": sentence}


MEETINGS = [
    FakeMeeting(
        {
            "article": ARTICLE.id,
            "participants": [
                {"name": "Hakan Fidan", "role": "head of Turkey's intelligence"},
                {"name": "Ali Mamlouk", "role": "Syrian intelligence chief"},
            ],
            "kind": "talks",
            "place": "Damascus",
            "time_text": "over the last few weeks",
            "date": None,
            "reason": "political solution",
            "evidence": [_evidence(ARTICLE, 3, RULES[0][4])],
        }
    ),
    FakeMeeting(
        {
            "article": MARKUP_ARTICLE.id,
            "participants": [{"name": "[b]The mayor[/b]", "role": ""}, {"name": "the governor", "role": ""}],
            "kind": "meeting",
            "place": "[i]Shelbyville[/i]",
            "time_text": "on Monday",
            "date": "2022-01-03",
            "reason": "",
            "evidence": [_evidence(MARKUP_ARTICLE, 2, RULES[2][4])],
        }
    ),
]

_WORD = re.compile(r"\w+")
_STOP = {"the", "a", "an", "of", "in", "is", "was", "to", "and", "who", "what", "where", "did", "does"}


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP}


class FakeEngine:
    """Deterministic answers from two small articles; gates and errors to steer timing and failures.

    - ``load_gate`` / ``build_gate``: ``threading.Event``s that ``load`` / ``build`` wait on.
    - ``load_error`` / ``ask_error`` / ``build_error``: exceptions raised by those calls.
    - ``build_on_load``: ``load`` reports build progress, as when there was no index yet.
    - ``refresh_gate`` / ``refresh_result``: a newer index to switch to, and what changed.
    """

    def __init__(
        self,
        *,
        load_gate: threading.Event | None = None,
        build_gate: threading.Event | None = None,
        load_error: BaseException | None = None,
        ask_error: BaseException | None = None,
        build_error: BaseException | None = None,
        build_on_load: bool = False,
        refresh_gate: threading.Event | None = None,
        refresh_result: str | None = None,
        articles: Sequence[Article] = (ARTICLE, MARKUP_ARTICLE),
        meetings: Sequence[FakeMeeting] = tuple(MEETINGS),
    ) -> None:
        self.seeds_dir = Path("seeds")
        self.index_dir = Path("index")
        self.load_gate = load_gate
        self.build_gate = build_gate
        self.load_error = load_error
        self.ask_error = ask_error
        self.build_error = build_error
        self.build_on_load = build_on_load
        self.refresh_gate = refresh_gate
        self.refresh_result = refresh_result
        self.refreshing = threading.Event()  # set while refresh() runs
        self.articles = {a.id: a for a in articles}
        self._meetings = list(meetings)
        self.loaded = False
        self.load_calls = 0
        self.build_calls: list[bool] = []
        self.asked: list[tuple[str, int]] = []  # (question, len(history))
        self.histories: list[tuple[Turn, ...]] = []
        self.building = threading.Event()  # set while build() runs

    def _wait(self, gate: threading.Event | None) -> None:
        if gate is not None and not gate.wait(timeout=10):
            raise TimeoutError("test gate never opened")

    def load(self, progress: Callable[[int, int, str], None] | None = None) -> None:
        self.load_calls += 1
        if self.build_on_load and progress is not None:
            for done in range(4):
                progress(done, 3, "embedding passages")
        self._wait(self.load_gate)
        if self.load_error is not None:
            raise self.load_error
        self.loaded = True

    def build(self, full: bool = False, progress: Callable[[int, int, str], None] | None = None) -> BuildReport:
        self.build_calls.append(full)
        self.building.set()
        try:
            if progress is not None:
                progress(0, 0, "reading articles")  # total 0: not known yet
            self._wait(self.build_gate)
            if self.build_error is not None:
                raise self.build_error
            if progress is not None:
                progress(2, 2, "embedding passages")
            return BuildReport(articles=len(self.articles), unchanged=len(self.articles), chunks=7)
        finally:
            self.building.clear()

    def refresh(self) -> str | None:
        """A newer index appears once: ``refresh_result`` says what changed."""
        self.refreshing.set()
        try:
            self._wait(self.refresh_gate)
            result, self.refresh_result = self.refresh_result, None
            return result
        finally:
            self.refreshing.clear()

    def status(self) -> str:
        return STATUS

    def article(self, article_id: str) -> Article:
        try:
            return self.articles[article_id]
        except KeyError:
            raise QAError(f"no article {article_id!r} in the index; rebuild it with ctrl+r") from None

    def meetings(self) -> list:
        return list(self._meetings)

    def _passages(self, question: str, k: int) -> list[Passage]:
        asked = _words(question)
        scored = []
        for article in self.articles.values():
            for n, ((start, end), text) in enumerate(
                zip(article.paragraph_offsets(), article.paragraphs), start=1
            ):
                overlap = len(asked & _words(text))
                if overlap:
                    score = round(overlap / (len(asked) or 1), 4)
                    scored.append(Passage(article.id, article.title, article.date, n, text, score, start, end))
        scored.sort(key=lambda p: (-p.score, p.article, p.paragraph))
        return scored[:k]

    def ask(self, question: str, k: int = 5, history: Sequence[Turn] = ()) -> Answer:
        if not self.loaded:
            raise QAError("the index is not loaded yet")
        self.asked.append((question, len(history)))
        self.histories.append(tuple(history))
        if self.ask_error is not None:
            raise self.ask_error
        time.sleep(0.01)
        lowered = question.lower()
        passages = self._passages(question, k)
        for words, answer, article, paragraph, sentence in RULES:
            if all(re.search(rf"\b{re.escape(w)}\b", lowered) for w in words):
                start, end = _span(article, sentence)
                evidence = Evidence(article.id, article.title, article.date, paragraph, sentence, start, end)
                kind = words[0]
                return Answer(question, answer, evidence, passages, kind=kind, confidence=0.9)
        return Answer(question, "", None, passages, kind="what", confidence=0.0)
