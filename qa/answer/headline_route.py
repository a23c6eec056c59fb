"""What a story's headline says: "According to the headline, which country wants out?" is read
from the titles of the retrieved articles, which no passage holds. The reader reads each title
as a passage of its own; the answer cites the headline (paragraph 0).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..models import Passage

_ASKS = re.compile(r"\b(?:headlines?|heading|title\s+of\s+the\s+(?:article|story|report|piece)|"
                   r"(?:the|its|this)\s+(?:article's\s+|story's\s+|report's\s+)?title)\b", re.I)
# "According to the headline, ...", "..., in the headline?": the attribution, not what is asked
_ATTRIBUTION = re.compile(r"(?:,\s*)?\b(?:according\s+to|in|per|from)\s+(?:the|its|this)\s+(?:article's\s+|story's\s+)?"
                          r"(?:headline|title|heading)\b\s*,?\s*"
                          r"|\b(?:does|did|do)\s+(?:the|its|this)\s+(?:headline|title|heading)\s+"
                          r"(?:say|says|suggest|claim|state|tell\s+us)\b\s*", re.I)
# "What is the headline of the article?": the whole headline
_WHOLE = re.compile(r"^\s*what(?:'s|’s|\s+is|\s+was)\s+(?:the|its|this)\s+(?:article's\s+|story's\s+|report's\s+)?"
                    r"(?:headline|title|heading)(?:\s+of\s+(?:the|this)\s+(?:article|story|report|piece))?\s*[?.!]*\s*$", re.I)
MAX_TITLES = 3


def asks_about_headline(question: str) -> bool:
    return bool(_ASKS.search(question))


def asks_for_whole(question: str) -> bool:
    return bool(_WHOLE.match(question))


def as_asked(question: str) -> str:
    """The question without its attribution to the headline, as the reader is to read it."""
    stripped = _ATTRIBUTION.sub(" ", question).strip()
    return stripped[:1].upper() + stripped[1:] if stripped else question


def headlines(passages: list[Passage]) -> list[Passage]:
    """The title of each retrieved article, best first, as a passage citing paragraph 0."""
    seen: dict[str, Passage] = {}
    for passage in passages:
        if passage.title and passage.article not in seen:
            seen[passage.article] = replace(passage, text=passage.title, paragraph=0, start=0,
                                            end=0)  # holds no sentence of the body
    return list(seen.values())[:MAX_TITLES]
