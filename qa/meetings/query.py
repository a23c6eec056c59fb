"""Stage 6: reading the records. Filters, date order, one row per meeting across articles,
the people a person met, and answers to questions about meetings.

The question's kind (who / whom / where / when / why / yesno) is decided by the caller's
question classifier; this module only answers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from qa import lexicons
from qa.names import is_title_word, name_key, names_match

from .merge import absorb, compatible, same_people
from .mentions import role_words
from .records import Meeting, Participant

_ASKS_LATEST = re.compile(r"\b(last|latest|most recent(ly)?|recently)\b", re.I)


def date_key(meeting: Meeting) -> tuple:
    """Dated meetings in date order, then the undated ones."""
    return (meeting.date is None, meeting.date or "", meeting.article)


def participant_matches(participant: Participant, query: str) -> bool:
    """A name, a surname or family name, or the words of a role ("Syrian intelligence chief")."""
    if names_match(participant.name, query):
        return True
    words = role_words(query)
    return bool(words) and participant.role is not None and words <= role_words(participant.role)


def place_matches(place: str | None, query: str) -> bool:
    return bool(place) and (names_match(place, query) or name_key(query) in name_key(place))


def filter_meetings(meetings: Iterable[Meeting], person: str | None = None, place: str | None = None,
                    since: str | None = None) -> list[Meeting]:
    """Records with ``person``, at ``place``, dated on or after ``since`` (ISO), in date order."""
    out = [m for m in meetings
           if (not person or any(participant_matches(p, person) for p in m.participants))
           and (not place or place_matches(m.place, place))
           and (not since or (m.date is not None and m.date >= since))]
    return sorted(out, key=date_key)


@dataclass
class Event:
    """One meeting as several articles report it."""

    meeting: Meeting
    sources: list[str] = field(default_factory=list)  # article ids


def group_meetings(meetings: Iterable[Meeting]) -> list[Event]:
    """The same meeting from several articles becomes one event: same people, agreeing time
    and place, and a date on at least one side (undated mentions are too vague to join)."""
    events: list[Event] = []
    for meeting in sorted(meetings, key=date_key):
        twin = next((e for e in events if e.meeting.article != meeting.article and meeting.date
                     and e.meeting.date and same_people(e.meeting, meeting)
                     and compatible(e.meeting, meeting)), None)
        if twin is None:
            copy = Meeting.from_dict(meeting.to_dict())
            events.append(Event(copy, [meeting.article]))
        else:
            absorb(twin.meeting, meeting)
            if meeting.article not in twin.sources:
                twin.sources.append(meeting.article)
    return events


def people_met(meetings: Iterable[Meeting], person: str) -> list[tuple[Participant, Meeting]]:
    """Everyone ``person`` met, each with the meeting, in time order."""
    out = []
    for meeting in filter_meetings(meetings, person=person):
        out += [(p, meeting) for p in meeting.participants if not participant_matches(p, person)]
    return out


# ---- answers ----------------------------------------------------------------------------------


def _question_people(question: str, meetings: list[Meeting]) -> list[Participant] | None:
    """The participants a question names; None when it names somebody no record knows."""
    capitalised = [w for w in re.findall(r"\b[A-Z][\w'’.-]*", question)[1:]
                   if not is_title_word(w) and w.lower() not in lexicons.words("honorifics")]
    found: list[Participant] = []
    for word in capitalised:
        word = re.sub(r"['’]s$", "", word)
        hits = [p for m in meetings for p in m.participants if names_match(p.name, word)] or [
            p for m in meetings for p in m.participants if p.role and role_words(word) <= role_words(p.role)]
        places = [m.place for m in meetings if m.place and names_match(m.place, word)]
        if not hits and not places:
            return None
        for hit in hits:
            if not any(names_match(hit.name, x.name) for x in found):
                found.append(hit)
    return found


def _with(meetings: list[Meeting], people: list[Participant]) -> list[Meeting]:
    return [m for m in meetings
            if all(any(names_match(p.name, q.name) for q in m.participants) for p in people)]


def _dated(meeting: Meeting, text: str) -> str:
    when = meeting.when()
    return f"{text} ({when})" if when else text


def _who(people: list[Participant], meetings: list[Meeting]) -> str:
    """Everyone the people met, each with the times they met, oldest first."""
    if not people:
        first = meetings[-1]
        return _dated(first, " met ".join(p.label() for p in first.participants[:2]))
    rows: dict[str, list[str]] = {}
    for meeting in meetings:
        others = [p.label() for p in meeting.participants if not any(names_match(p.name, x.name) for x in people)]
        if others:
            times = rows.setdefault(" and ".join(others), [])
            if meeting.when() and meeting.when() not in times:
                times.append(meeting.when())
    return "; ".join(f"{who} ({', '.join(times)})" if times else who for who, times in rows.items())


def answer_meeting_question(question: str, kind: str, meetings: list[Meeting]) -> tuple[str, list[Meeting]] | None:
    """An answer from the records and the records it rests on, or None when no record fits
    (the caller then answers from the passages). ``kind`` comes from the caller's classifier."""
    people = _question_people(question, meetings)
    if not meetings or people is None or kind not in {"who", "whom", "where", "when", "why", "yesno"}:
        return None
    found = sorted(_with(meetings, people), key=date_key)
    if not found:
        return None
    if kind in {"where", "when", "why"}:
        field_of = {"where": lambda m: m.place, "when": lambda m: m.when() or None, "why": lambda m: m.reason}[kind]
        found = [m for m in found if field_of(m)]
        if not found:
            return None
        if _ASKS_LATEST.search(question):
            found = [found[-1]]
        texts = list(dict.fromkeys(field_of(m) for m in found))
        return "; ".join(texts[:5]), found
    if kind == "yesno":
        if len(people) < 2:
            return None
        return "Yes: " + _dated(found[-1], " and ".join(p.label() for p in found[-1].participants)), found
    return _who(people, found), found
