"""What someone called someone: the words written after "called <the person>".

"What did the mayor call Brenner?" asks for the epithet in "the mayor called Ida Brenner a
dreamer". Two such clauses in one sentence often parse as one ("X called Y a dreamer and Y
called X a thief"), so the epithet is read off the words, not the tree: the words after the
naming verb and the person asked about, up to the end of the clause.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..models import Passage

_EPITHET_QUESTION = re.compile(
    r"^\s*what\s+(?:did|does|do|has|have|had)\s+.+?\s+(?:\w+ly\s+)?(?:call|label|brand|dub)\s+"
    r"(?P<named>.+?)\s*[?.!]*\s*$", re.I)
_NAMING = r"(?:called|calls|call|labelled|labeled|branded|dubbed)"
_CLAUSE_END = re.compile(r"\s+(?:and|but|while|as|after|before|because)\s+|[,;.!?]|$")
_QUOTES = "“”\"'‘’"


class Epithet(NamedTuple):
    text: str
    passage: int
    start: int
    end: int


def by_epithet(question: str, passages: list[Passage]) -> tuple[str, Epithet] | None:
    """(answer, where the passages write it) for "What did X call Y?", or None when no passage
    names Y after a naming verb, or they give Y several names."""
    match = _EPITHET_QUESTION.match(question)
    if match is None:
        return None
    names = re.findall(r"[A-Z][\w'’-]+", match.group("named"))
    if not names:
        return None  # "What did she call it?": nobody to find
    pattern = re.compile(rf"\b{_NAMING}\s+(?:[\w'’.-]+\s+){{0,4}}?{re.escape(names[-1])}\b\s+(?P<epithet>\S)")
    found: list[Epithet] = []
    for number, passage in enumerate(passages):
        for hit in pattern.finditer(passage.text):
            start = hit.start("epithet")
            end = start + _CLAUSE_END.search(passage.text[start + 1:]).start() + 1
            text = passage.text[start:end].strip(_QUOTES + " ")
            if text and not text[0].isupper():  # an epithet, not the next sentence's name
                start = passage.text.index(text, start)
                found.append(Epithet(text, number, start, start + len(text)))
    if len({e.text for e in found}) != 1:
        return None
    return found[0].text, found[0]
