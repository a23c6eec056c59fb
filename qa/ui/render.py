"""Pure helpers that turn answers and articles into ``rich.text.Text`` (always literal, never markup)
and the conversation into Markdown. No widgets and no engine here, so they are cheap to test."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from rich.text import Text

from qa.models import Answer, Article, Evidence, Passage, Turn

# Styles for spans inside text. Widget-level colours live in the app's CSS (theme aware).
ANSWER_SPAN = "bold reverse"
EVIDENCE_SPAN = "underline"
MUTED = "dim"

MAX_QUESTION_DISPLAY = 600


def find_spans(text: str, needle: str) -> list[tuple[int, int]]:
    """Case-insensitive, non-overlapping occurrences of ``needle`` in ``text``."""
    needle = needle.strip()
    if not needle or not text:
        return []
    return [(m.start(), m.end()) for m in re.finditer(re.escape(needle), text, re.IGNORECASE)]


def shorten(text: str, limit: int) -> str:
    text = " ".join(text.split()) if "\n" in text else text
    if len(text) <= limit:
        return text
    return f"{text[:limit].rstrip()}… (+{len(text) - limit:,} characters)"


def question_text(question: str) -> Text:
    return Text(shorten(question, MAX_QUESTION_DISPLAY))


def _highlight_answer(text: Text, plain: str, answer: str, lo: int = 0, hi: int | None = None) -> None:
    hi = len(plain) if hi is None else hi
    for s, e in find_spans(plain[lo:hi], answer):
        text.stylize(ANSWER_SPAN, lo + s, lo + e)


def answer_is_sentence(answer: str, sentence: str) -> bool:
    """True when the answer is (nearly) the whole evidence sentence, so quoting both is redundant."""
    a, s = " ".join(answer.split()).strip(" .\"'“”").lower(), " ".join(sentence.split()).strip(" .\"'“”").lower()
    return bool(a) and (a == s or (a in s and len(a) >= 0.8 * len(s)))


def evidence_text(evidence: Evidence, answer: str) -> Text:
    """The evidence sentence in quotes, the answer inside it emphasised."""
    body = evidence.text.strip()
    text = Text("“", style="italic")
    inner = Text(body, style="italic")
    _highlight_answer(inner, body, answer)
    text.append_text(inner)
    text.append("”", style="italic")
    return text


def passage_header(index: int, passage: Passage) -> Text:
    header = Text()
    header.append(f"{index}. ", style="bold")
    header.append(passage.citation(), style=MUTED)
    header.append(f"  score {float(passage.score):.2f}", style=MUTED)
    return header


def evidence_range_in(passage: Passage, answer: Answer | None) -> tuple[int, int] | None:
    """Where the evidence sentence sits inside ``passage.text`` (relative offsets), if it does."""
    if answer is None or answer.evidence is None:
        return None
    ev = answer.evidence
    if ev.article != passage.article:
        return None
    if passage.end > passage.start and ev.end > ev.start:
        if passage.start <= ev.start and ev.end <= passage.end:
            s, e = ev.start - passage.start, ev.end - passage.start
            if passage.text[s:e].strip() == ev.text.strip():
                return s, e
    spans = find_spans(passage.text, ev.text)
    return spans[0] if spans else None


def passage_body(passage: Passage, answer: Answer | None) -> Text:
    """Passage text with the evidence sentence underlined and the answer highlighted inside it."""
    plain = passage.text
    text = Text(plain)
    if answer is None or not answer.found:
        return text
    rng = evidence_range_in(passage, answer)
    if rng is not None:
        text.stylize(EVIDENCE_SPAN, *rng)
        _highlight_answer(text, plain, answer.answer, *rng)
    elif passage.article == (answer.evidence.article if answer.evidence else None):
        _highlight_answer(text, plain, answer.answer)
    return text


def paragraph_text(
    article: Article, number: int, span: tuple[int, int] | None, answer: str = ""
) -> Text:
    """Paragraph ``number`` (1-based) of ``article``; ``span`` (offsets into ``article.text``) highlighted."""
    plain = article.paragraphs[number - 1]
    text = Text(plain)
    if span is None:
        return text
    p_start, p_end = article.paragraph_offsets()[number - 1]
    s, e = max(span[0], p_start), min(span[1], p_end)
    if e > s:
        text.stylize("reverse", s - p_start, e - p_start)
        if answer:
            _highlight_answer(text, plain, answer, s - p_start, e - p_start)
    return text


def target_paragraph(article: Article, paragraph: int, start: int = 0, end: int = 0) -> int:
    """The 1-based paragraph to show: ``paragraph`` if valid, else the one holding ``start``."""
    count = len(article.paragraphs)
    if end > start:
        for i, (ps, pe) in enumerate(article.paragraph_offsets(), start=1):
            if ps <= start < pe + 1:
                if 1 <= paragraph <= count and paragraph != i:
                    break  # offsets and paragraph disagree; trust the paragraph number
                return i
    if 1 <= paragraph <= count:
        return paragraph
    return 1 if count else 0


# --------------------------------------------------------------------------- Markdown export


def _md_inline(text: str) -> str:
    """One line of user/article text, safe inside Markdown (no accidental headings or HTML)."""
    text = " ".join(text.split())
    return text.replace("<", "&lt;").replace(">", "&gt;")


def conversation_markdown(turns: Sequence[Turn], now: datetime | None = None) -> str:
    now = now or datetime.now()
    lines = [
        "# qa conversation",
        "",
        f"Exported {now:%Y-%m-%d %H:%M:%S} · {len(turns)} question{'s' if len(turns) != 1 else ''}",
        "",
    ]
    for n, turn in enumerate(turns, start=1):
        answer = turn.answer
        lines += [f"## {n}. {_md_inline(turn.question)}", ""]
        lines += _answer_markdown(answer)
        for part in answer.parts:  # a composite question's later parts
            lines += [f"*{_md_inline(part.question)}*", "", *_answer_markdown(part)]
        heading = "Top passages" if answer.found and answer.evidence is not None else "Closest passages"
        for meeting in answer.meetings or ():
            lines += [f"- Meeting record: {_md_inline(meeting_line(meeting))}"]
            lines += [f"  > {_md_inline(e.get('text', ''))} — *{_md_inline(_evidence_citation(e))}*"
                      for e in meeting.get("evidence") or () if isinstance(e, dict)]
        if answer.meetings:
            lines.append("")
        if answer.passages:
            lines += [f"{heading}:", ""]
            for i, p in enumerate(answer.passages, start=1):
                lines.append(
                    f"{i}. *{_md_inline(p.citation())}* (score {float(p.score):.2f}): {_md_inline(p.text)}"
                )
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _answer_markdown(answer: Answer) -> list[str]:
    if not (answer.found and answer.evidence is not None):
        return ["**The articles don't say.**", ""]
    ev = answer.evidence
    return [f"**Answer:** {_md_inline(answer.answer)}", "", f"> {_md_inline(ev.text)}", "",
            f"— *{_md_inline(ev.citation())}* (article `{ev.article}`)", ""]


def _evidence_citation(evidence: dict) -> str:
    """A meeting evidence sentence's citation (records from an older qa hold only the id)."""
    return str(evidence.get("citation") or f"{evidence.get('article', '')} · ¶{evidence.get('paragraph', '?')}")


def meeting_line(meeting: dict) -> str:
    names = ", ".join(
        p.get("name", "") for p in meeting.get("participants", []) if isinstance(p, dict)
    )
    bits = [names or "?"]
    for key in ("kind", "place", "time_text", "date"):
        if meeting.get(key):
            bits.append(str(meeting[key]))
    if meeting.get("reason"):
        bits.append(f"why: {meeting['reason']}")
    evidence = [e for e in meeting.get("evidence", []) if isinstance(e, dict)]
    if evidence:  # where each part was read, so every part of a composite answer is cited
        articles = {e.get("article") for e in evidence}
        paragraphs = ", ".join(f"¶{e.get('paragraph')}" for e in evidence)
        bits.append(f"from {paragraphs}" if len(articles) == 1 else f"from {len(articles)} articles")
    return " · ".join(bits)


def meeting_names(meeting: dict, roles: bool = True) -> str:
    return ", ".join(
        (f"{p.get('name', '')} ({p['role']})" if roles and p.get("role") else str(p.get("name", "")))
        for p in meeting.get("participants", [])
        if isinstance(p, dict)
    )
