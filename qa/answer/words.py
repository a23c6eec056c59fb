"""Word lists shared by question analysis and answer scoring."""

from __future__ import annotations

import re

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each either few
    for from further had has have having he her here hers herself him himself his how i if in into
    is it its itself just least less many me might more most much must my myself no nor not now
    of off on once only or other our ours ourselves out over own per same shall she should so some
    such than that the their theirs them themselves then there these they this those through to
    too under until up upon us very was we were what whatever when where whereas whether which
    while who whom whose why will with within without would yet you your yours yourself
    yourselves one ones get got 's ’s said say says according""".split()
)
MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty "
    "hundred hundreds thousand thousands million millions billion billions dozen dozens half".split()
)

_WORD = re.compile(r"\w+", re.UNICODE)


def words_of(text: str) -> list[str]:
    return _WORD.findall(text.lower())

# Words that make a question about a contact between people (answered from meeting records).
CONTACT_WORDS = frozenset(
    "meet meets meeting meetings met talk talks talked summit summits visit visits visited "
    "visiting call calls called phoned telephoned dinner dinners hosted host hosts".split()
)
