"""How many of something, when the reader found no answer: the number or vague amount a passage
writes before the very noun the question counts.

"How many boats did the firm pull out of the strait?" is answered by "a limited number" of "the
firm pulled a limited number of boats out of the strait", or "40" of "40 boats", in the passage
sentence that shares most of the question's other words (at least two, and half of them). Never a
year, nor an amount the question gives. Only when the reader gives nothing: the reader reads
numbers well, and this is the weaker evidence.
"""

from __future__ import annotations

import functools
import re

from .. import lexicons
from ..models import Passage
from .answer_type import vague_count_allowed
from .found import Found, best
from .question import stem, weighted_terms

_HOW_MANY = re.compile(r"\bhow\s+many\s+(?:(?:more|of\s+the|of\s+its|of\s+their)\s+)?(?P<noun>[a-z]+)\b", re.I)
_AMOUNT = (r"(?:\d[\d,.]*(?:\s+(?:million|billion|thousand|hundred))?|a\s+(?:\w+\s+)?(?:number|handful)\s+of"
           r"|(?:several|multiple|numerous|many|few|a\s+few|dozens\s+of|hundreds\s+of|thousands\s+of|scores\s+of)"
           r"|(?:{words}))")
_SENTENCE = re.compile(r"[^.!?]+[.!?]?")


@functools.cache
def _number_words() -> str:
    """The number words as one pattern, longest first."""
    return "|".join(sorted(lexicons.words("number_words"), key=len, reverse=True))


def by_count(question: str, passages: list[Passage]) -> tuple[str, Found] | None:
    """(answer, where) for "How many <noun> ...?" from an amount written before that noun."""
    match = _HOW_MANY.search(question)
    if match is None:
        return None
    noun = match.group("noun").lower()
    words = _number_words()
    amount = re.compile(rf"\b(?P<amount>{_AMOUNT.format(words=words)})\s+(?:[a-z-]+\s+){{0,2}}?"
                        rf"(?P<noun>{re.escape(noun[:-1] if noun.endswith('s') else noun)}\w*)\b", re.I)
    asked = set(weighted_terms(question)) - {stem(noun)}
    scored: list[tuple[int, Found]] = []
    for number, passage in enumerate(passages):
        for sentence in _SENTENCE.finditer(passage.text):
            shared = len(asked & {stem(w) for w in re.findall(r"[\w'’-]+", sentence.group())})
            if shared < max(2, (len(asked) + 1) // 2):
                continue  # the sentence must say most of what the question asks about
            for hit in amount.finditer(sentence.group()):
                if stem(hit.group("noun")) != stem(noun) or sentence.group()[hit.end():].lstrip().startswith("ago"):
                    continue  # another noun; or "22,000 years ago", a time, not how many
                text = re.sub(r"\s+of$", "", hit.group("amount"))
                if re.fullmatch(r"1\d{3}|20\d{2}", text) or re.search(rf"\b{re.escape(text)}\b", question, re.I):
                    continue  # "the 2005 awards": a year, or an amount the question itself gives
                if not vague_count_allowed(question) and not re.search(rf"\d|\b(?:{words})\b", text, re.I):
                    continue  # "Exactly how many?" is not answered by "several"
                start = sentence.start() + hit.start("amount")
                scored.append((shared, Found(text, number, start, start + len(text))))
    return best(scored)
