"""The "who met whom" layer: meeting records extracted from articles, and questions about them.

Stages, one module each: ``triggers`` (the contact words, kind and status), ``mentions`` (an
article's people and names), ``references`` (pronouns, roles, "the two leaders") and ``sides``
(who took part), ``arguments`` and ``dates`` (where and when), ``reason`` (why),
``merge`` (one record per meeting), ``confidence`` (a learned model that drops the
participants unlikely to have taken part), ``pairs`` (a learned model that adds the pairs the
rules did not read), ``extract`` (the stages in order) and ``query``
(filters, grouping across articles, answers).
"""

from qa.names import name_key, names_match

from .extract import extract_meetings, extract_meetings_many
from .query import Event, answer_meeting_question, filter_meetings, group_meetings, people_met
from .records import KINDS, STATUSES, Meeting, Participant

__all__ = [
    "Event",
    "answer_meeting_question",
    "filter_meetings",
    "group_meetings",
    "people_met",
    "KINDS",
    "STATUSES",
    "Meeting",
    "Participant",
    "extract_meetings",
    "extract_meetings_many",
    "name_key",
    "names_match",
]
