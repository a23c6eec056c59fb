"""When a story appeared: the date of the article the question describes.

"When was the report on the ferry strike published?" asks about the article, not about an
event it tells; the answer is the article's own date (its dateline or "Updated:" line), which
the reader never sees since it is not part of the text. The article is the one retrieval
ranks first; the evidence is the first sentence of its earliest paragraph read, cited with
that date.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import NamedTuple

from ..models import Passage
from ..text import sentence_spans

_APPEARED = re.compile(r"\b(published|updated|posted|written|dated|filed)\b", re.I)
# "the story about ...", "this report": not "the Brenner report" or "the Tolvik Review", which
# name a document the story tells of.
_STORY = re.compile(r"\b(?:[Tt]his|[Tt]he)\s+(?:news\s+)?(?:article|story|report|piece|column|dispatch)\b"
                    r"(?!\s+[A-Z])")
_WHEN = re.compile(r"^\s*(when\b|on\s+what\s+(date|day)\b|(in\s+)?(what|which)\s+(date|day|year|month)\b)", re.I)


class Dated(NamedTuple):
    passage: int  # index in the passages read
    start: int  # the cited sentence in the passage
    end: int


def by_publication(question: str, passages: list[Passage]) -> tuple[str, Dated] | None:
    """(the article's date, written out; where to cite it) for a question asking when the
    story appeared, or None."""
    if not (_WHEN.match(question) and _APPEARED.search(question) and _STORY.search(question)):
        return None
    if not passages or not passages[0].date:
        return None
    try:
        day = dt.date.fromisoformat(passages[0].date)
    except ValueError:
        return None
    # cite the earliest paragraph read of that article: the lead, when it was retrieved
    lead = min((i for i, p in enumerate(passages) if p.article == passages[0].article),
               key=lambda i: passages[i].paragraph)
    spans = sentence_spans(passages[lead].text)
    start, end = spans[0] if spans else (0, len(passages[lead].text))
    return f"{day.day} {day:%B %Y}", Dated(lead, start, end)
