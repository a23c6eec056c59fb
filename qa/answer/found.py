"""What a route answers with: the words, and where the passages read write them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from ..models import Passage
from ..text import sentence_spans
from .question import WORD_RE, stem


class Found(NamedTuple):
    text: str
    passage: int  # index in the passages read
    start: int  # the words' offsets in that passage: the evidence
    end: int


def best(scored: list[tuple[int, Found]]) -> tuple[str, Found] | None:
    """(answer, where) of the highest-scored find, the first among equals; None for none."""
    if not scored:
        return None
    found = max(scored, key=lambda item: item[0])[1]
    return found.text, found


class Sentence(NamedTuple):
    passage: int  # index in the passages read
    start: int  # offsets in that passage
    end: int
    text: str
    stems: frozenset[str]  # the stems of its words, to compare with a question's terms


def sentences(passages: list[Passage]) -> Iterator[Sentence]:
    """Every sentence of the passages read, in order, with its words' stems."""
    for number, passage in enumerate(passages):
        for start, end in sentence_spans(passage.text):
            text = passage.text[start:end]
            yield Sentence(number, start, end, text, frozenset(stem(w) for w in WORD_RE.findall(text)))
