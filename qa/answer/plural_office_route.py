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
from ..text import sentence_spans
from .found import Found, best
from .question import WORD_RE, stem, weighted_terms

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
    for number, passage in enumerate(passages):
        for start, end in sentence_spans(passage.text):
            text = passage.text[start:end]
            shared = len(asked & {stem(w) for w in WORD_RE.findall(text)})
            if shared < 2:
                continue
            for chunk in load_nlp()(text).noun_chunks:
                head = chunk.root
                if head.tag_ == "NNS" and is_office_word(head.lower_) and not any(t.ent_type_ == "PERSON" for t in chunk):
                    first = chunk[0]
                    at = start + first.idx
                    scored.append((shared, Found(text[first.idx: head.idx + len(head.text)], number, at,
                                                 start + head.idx + len(head.text))))
    return best(scored)
