"""How long: the span of time a passage gives ("over the past three months", "for eighteen months",
"since 2019") in the sentence that shares the question's other words best (at least two; a word
few sentences write weighs more), when one sentence does. Asked only when the reader found nothing:
"How long have both harbour chiefs been in irregular talks?" is answered by "Dunmore and
Brenner have met now and then over the past three months".
"""

from __future__ import annotations

import re

from ..models import Passage
from .found import Found, sentences
from .question import weighted_terms

_HOW_LONG = re.compile(r"\bhow\s+long\b", re.I)
_UNIT = r"(?:years?|months?|weeks?|days?|decades?|hours?)"
_SPAN = re.compile(rf"\b(?:(?:over|in|during|for)\s+the\s+(?:last|past)\s+(?:[\w-]+\s+){{0,2}}{_UNIT}"
                   rf"|for\s+(?:about\s+|nearly\s+|almost\s+|more\s+than\s+)?(?:[\w-]+\s+){{1,2}}{_UNIT}"
                   rf"|since\s+(?:the\s+)?(?:\d{{4}}|[A-Z][a-z]+(?:\s+\d{{4}})?))", re.I)


def by_duration(question: str, passages: list[Passage]) -> tuple[str, Found] | None:
    """(answer, where) for "How long ...?" from the one best sentence with a span of time, or None."""
    if not _HOW_LONG.search(question):
        return None
    asked = set(weighted_terms(question)) - {"long"}
    read = list(sentences(passages))
    words = [asked & sentence.stems for sentence in read]
    # a word few sentences write says more than one most do ("intermittently" against "chief")
    rarity = {term: 1.0 / sum(term in found for found in words) for term in set().union(*words)} if words else {}
    scored: list[tuple[float, Found]] = []
    for sentence, shared in zip(read, words):
        if len(shared) < 2:
            continue
        for hit in _SPAN.finditer(sentence.text):
            start, end = sentence.start + hit.start(), sentence.start + hit.end()
            scored.append((sum(rarity[t] for t in shared), Found(hit.group(0), sentence.passage, start, end)))
    if not scored:
        return None
    top = max(score for score, _found in scored)
    best = [found for score, found in scored if score == top]
    return (best[0].text, best[0]) if len({f.text for f in best}) == 1 else None
