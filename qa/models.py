"""Plain data shared by the core, the CLI and the UI.

Offsets are character offsets into ``Article.text`` (paragraphs joined by a blank line), so any
passage, sentence or span can be quoted exactly from its article.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

PARAGRAPH_SEPARATOR = "\n\n"

# Embedding model names, here (not in qa.embedding) so the CLI can name them without numpy.
DEFAULT_MODEL = "sentence-transformers/all-MiniLM-L6-v2"
MAX_QUESTION_CHARS = 2000  # the engine cuts longer questions (the model reads 256 tokens at most)


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    paragraphs: tuple[str, ...]
    date: str | None = None  # ISO date (YYYY-MM-DD) when the article states one
    source: str = ""  # file the article was read from, relative to the seeds folder (or its link)
    byline: str = ""  # the author(s) the article names
    publisher: str = ""  # the site or feed that published it, when the file says
    # Where near-identical copies of this article were also published, and their ids: the
    # copies themselves are not indexed.
    copies: tuple[str, ...] = ()
    copy_ids: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return PARAGRAPH_SEPARATOR.join(self.paragraphs)

    def paragraph_offsets(self) -> list[tuple[int, int]]:
        """(start, end) of each paragraph inside ``text``."""
        spans, cursor = [], 0
        for paragraph in self.paragraphs:
            spans.append((cursor, cursor + len(paragraph)))
            cursor += len(paragraph) + len(PARAGRAPH_SEPARATOR)
        return spans

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "id": self.id,
            "title": self.title,
            "date": self.date,
            "source": self.source,
            "paragraphs": list(self.paragraphs),
        }
        optional = {"byline": self.byline, "publisher": self.publisher,
                    "copies": list(self.copies), "copy_ids": list(self.copy_ids)}
        data.update((key, value) for key, value in optional.items() if value)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            id=data["id"],
            title=data["title"],
            paragraphs=tuple(data["paragraphs"]),
            date=data.get("date"),
            source=data.get("source", ""),
            byline=data.get("byline", ""),
            publisher=data.get("publisher", ""),
            copies=tuple(data.get("copies", ())),
            copy_ids=tuple(data.get("copy_ids", ())),
        )


@dataclass(frozen=True)
class Chunk:
    """A passage of one paragraph: whole sentences, never a sentence cut in half."""

    article_id: str
    paragraph: int  # 1-based paragraph number, as cited (¶n)
    start: int  # offsets into Article.text
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Chunk:
        return cls(**data)


@dataclass
class Passage:
    """A retrieved chunk with its article's citation fields and its retrieval score."""

    article: str
    title: str
    date: str | None
    paragraph: int
    text: str
    score: float
    start: int = 0
    end: int = 0
    copies: tuple[str, ...] = ()  # where near-identical copies of the article were published

    def public(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "title": self.title,
            "date": self.date,
            "paragraph": self.paragraph,
            "text": self.text,
            "score": round(float(self.score), 4),
            **({"also_reported_by": list(self.copies)} if self.copies else {}),
        }

    def citation(self) -> str:
        return cite(self.title, self.date, self.paragraph, self.copies)

    def holds(self, evidence: Evidence) -> bool:
        """Whether the evidence sentence starts inside this passage."""
        return self.article == evidence.article and self.start <= evidence.start < self.end


@dataclass
class Evidence:
    """The exact sentence an answer is taken from."""

    article: str
    title: str
    date: str | None
    paragraph: int
    text: str
    start: int = 0  # offsets of the sentence in Article.text
    end: int = 0
    copies: tuple[str, ...] = ()  # where near-identical copies of the article were published

    def public(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "title": self.title,
            "date": self.date,
            "paragraph": self.paragraph,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            **({"also_reported_by": list(self.copies)} if self.copies else {}),
        }

    def citation(self) -> str:
        return cite(self.title, self.date, self.paragraph, self.copies)


@dataclass
class Answer:
    question: str
    answer: str  # a short span or one sentence; "" when the articles hold no answer
    evidence: Evidence | None
    passages: list[Passage] = field(default_factory=list)
    kind: str = "what"  # question type: who, whom, where, when, why, how many, what
    confidence: float = 0.0
    meetings: list[dict[str, Any]] = field(default_factory=list)  # meeting records that answered
    parts: list[Answer] = field(default_factory=list)  # the answers to a composite question's later parts

    @property
    def found(self) -> bool:
        return self.evidence is not None and bool(self.answer)

    def public(self) -> dict[str, Any]:
        """The stable JSON schema of ``qa ask --json`` (extend only by adding keys)."""
        data: dict[str, Any] = {
            "question": self.question,
            "answer": self.answer,
            "evidence": self.evidence.public() if self.evidence else None,
            "passages": [p.public() for p in self.passages],
            "kind": self.kind,
            "confidence": round(float(self.confidence), 4),
        }
        if self.meetings:
            data["meetings"] = self.meetings
        if self.parts:
            data["parts"] = [part.public() for part in self.parts]
        return data


@dataclass
class Turn:
    """One exchange of a conversation, handed back to the engine for follow-up questions."""

    question: str
    answer: Answer


@dataclass
class BuildReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    chunks: int = 0
    embedded_chunks: int = 0
    resumed_chunks: int = 0  # of those, vectors an interrupted build had already made
    articles: int = 0
    duplicates: int = 0  # near-identical copies folded into the article they repeat
    seconds: float = 0.0
    skipped: list[str] = field(default_factory=list)  # one-line warnings about unreadable files

    def changes(self) -> str:
        return changes_text(self.added, self.updated, self.removed)

    def summary(self) -> str:
        warnings = len(self.skipped)
        return (
            f"{self.articles} articles ({self.added} added, {self.updated} updated, "
            f"{self.removed} removed, {self.unchanged} unchanged"
            + (f", {self.duplicates} duplicate{'s' if self.duplicates != 1 else ''} folded"
               if self.duplicates else "")
            + f"), {self.chunks} chunks ({self.embedded_chunks} embedded"
            + (f", {self.resumed_chunks} resumed" if self.resumed_chunks else "")
            + f") in {self.seconds:.1f}s"
            + (f", {warnings} warning{'s' if warnings != 1 else ''}" if warnings else "")
        )


def changes_text(added: int, changed: int, removed: int) -> str:
    """ "2 new articles, 1 changed", or "no article changed"."""
    parts = [f"{added} new article{'s' if added != 1 else ''}" if added else "",
             f"{changed} changed" if changed else "", f"{removed} removed" if removed else ""]
    return ", ".join(p for p in parts if p) or "no article changed"


def cite(title: str, date: str | None, paragraph: int, copies: tuple[str, ...] = ()) -> str:
    parts = [title or "untitled"]
    if date:
        parts.append(date)
    parts.append(f"¶{paragraph}" if paragraph else "headline")
    if copies:
        parts.append("also reported by " + ", ".join(copies))
    return " · ".join(parts)


def cited_evidence(evidence: dict[str, Any], articles: dict[str, Article]) -> dict[str, Any]:
    """A meeting's evidence sentence with its article's ``title``, ``date`` and ``citation``."""
    article = articles.get(evidence.get("article", ""))
    title, date = (article.title, article.date) if article else (evidence.get("article", ""), None)
    copies = article.copies if article else ()
    return {**evidence, "title": title, "date": date,
            **({"also_reported_by": list(copies)} if copies else {}),
            "citation": cite(title, date, evidence.get("paragraph", 0), copies)}
