"""Sentence splitting with exact character offsets (no model needed, so indexing stays fast)."""

from __future__ import annotations

import re

from . import lexicons

# Words after which a full stop does not end a sentence (and the plural titles: "Reps. Lund").
_ABBREVIATIONS = lexicons.words("plural_titles") | {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "gen", "col", "lt", "capt", "sgt",
    "gov", "sen", "rep", "rev", "hon", "pres", "no", "vs", "etc", "inc", "ltd", "co", "corp",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "approx", "dept", "est", "fig",
}

# Longer "sentences" (run-on text, tables, text with no full stop) are cut, so that spaCy and the
# embedder only ever see bounded text.
MAX_SENTENCE_CHARS = 1000
_ABBREVIATION_WINDOW = 16  # characters before a full stop that can hold an abbreviation

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then whitespace.
_BOUNDARY = re.compile(r"""[.!?…]+["'”’)\]]*\s+""")
_NEXT_STARTS_SENTENCE = re.compile(r"""["'“‘(\[]*[A-Z0-9]""")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) offsets of the sentences in ``text``, whitespace trimmed.

    No span is longer than MAX_SENTENCE_CHARS: longer ones are cut at a space (or anywhere).
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end()
        if not _NEXT_STARTS_SENTENCE.match(text, end):
            continue
        # Only the last few characters matter; slicing from ``start`` would be quadratic.
        before = text[max(start, match.start() - _ABBREVIATION_WINDOW) : match.start()]
        last_word = before.rsplit(None, 1)[-1].lower().rstrip(".") if before.strip() else ""
        if match.group().startswith(".") and (
            last_word in _ABBREVIATIONS or (len(last_word) == 1 and last_word.isalpha())
        ):
            continue
        _append_trimmed(text, start, end, spans)
        start = end
    _append_trimmed(text, start, len(text), spans)
    return spans


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def _append_trimmed(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE_CHARS:
        cut = _cut_point(text, start, start + MAX_SENTENCE_CHARS)
        _append_trimmed(text, start, cut, spans)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))


def _cut_point(text: str, start: int, limit: int) -> int:
    """Where to cut an over-long sentence: after the last space in its second half, else at limit."""
    space = max(text.rfind(" ", start, limit), text.rfind("\n", start, limit))
    return space + 1 if space > start + (limit - start) // 2 else limit


_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())
