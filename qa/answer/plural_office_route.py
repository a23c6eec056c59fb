"""Which officials: "Which officials of the two countries might eventually meet?" asks for a
kind of office holders, and the passages name them by their office in the plural ("the two
countries' foreign ministers could eventually meet"), which a reader trained on names misses.
The answer is the plural office phrase of the sentence that shares most of the question's other
words (at least two). Asked only when the reader found nothing.
"""

from __future__ import annotations

import re

from ..meetings.mentions import is_office_word
from ..models import Passage
from ..nlp import load_nlp
from .found import Found, best, sentences
from .question import stem, weighted_terms

_WHICH = re.compile(r"\b(?:which|what)\s+(?P<noun>officials|leaders|ministers|figures|envoys|diplomats)\b", re.I)


def asks_for_office_holders(question: str) -> bool:
    """"Which officials ...?": people of an office in the plural, not one named person."""
    return bool(_WHICH.search(question))


def by_plural_office(question: str, passages: list[Passage]) -> tuple[str, Found] | None:
    """(answer, where) for "Which officials ...?" from a plural office phrase, or None."""
    match = _WHICH.search(question)
    if match is None:
        return None
    asked = set(weighted_terms(question)) - {stem(match.group("noun"))}
    scored: list[tuple[int, Found]] = []
    for sentence in sentences(passages):
        shared = len(asked & sentence.stems)
        if shared < 2:
            continue
        for chunk in load_nlp()(sentence.text).noun_chunks:
            head = chunk.root
            if head.tag_ == "NNS" and is_office_word(head.lower_) and not any(t.ent_type_ == "PERSON" for t in chunk):
                first, last = chunk[0].idx, head.idx + len(head.text)
                scored.append((shared, Found(sentence.text[first:last], sentence.passage,
                                             sentence.start + first, sentence.start + last)))
    return best(scored)
