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
from .mentions import is_office_word, office_words, role_words
from .records import Meeting, Participant
from .triggers import trigger_regex

_QUESTION_WORDS = {"who", "whom", "where", "when", "why", "with", "did", "does", "do", "has", "have",
                   "had", "and", "each", "other", "one", "another", "what", "which", "the", "a",
                   "they", "them", "last"}
# "Why did Lund go to Oslo?": a trip to where a record of Lund's meeting was held is that visit
_TRIP = re.compile(r"\b(?:go|goes|going|went|gone|been|travel\w*|fl(?:y|ies|ew|own)|come|came|head\w*|"
                   r"trips?|journey\w*|arriv\w*)\s+(?:back\s+)?(?:to|in)\b", re.I)
_IDENTITY = re.compile(r"^\s*who\s+(?:is|was|are|were)\b", re.I)
_ASKS_LATEST = re.compile(r"\b(last|latest|most recent(ly)?|recently)\b", re.I)


def date_key(meeting: Meeting) -> tuple:
    """Dated meetings in date order, then the undated ones."""
    return (meeting.date is None, meeting.date or "", meeting.article)


def participant_matches(participant: Participant, query: str) -> bool:
    """A name, a surname or family name, or the words of a role ("island harbour chief")."""
    if names_match(participant.name, query):
        return True
    words = role_words(query)
    return bool(words) and participant.role is not None and words <= role_words(participant.role)


def place_matches(place: str | None, query: str) -> bool:
    return bool(place) and (names_match(place, query) or name_key(query) in name_key(place))


def filter_meetings(meetings: Iterable[Meeting], person: str | None = None, place: str | None = None,
                    since: str | None = None, until: str | None = None) -> list[Meeting]:
    """Records with ``person``, at ``place``, dated from ``since`` to ``until`` (ISO, inclusive;
    a date of a month or year is within ``until`` when it starts by then), in date order."""
    out = [m for m in meetings
           if (not person or any(participant_matches(p, person) for p in m.participants))
           and (not place or place_matches(m.place, place))
           and (not since or (m.date is not None and m.date >= since))
           and (not until or (m.date is not None and m.date[:len(until)] <= until))]
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


def _by_role(question: str, meetings: list[Meeting]) -> list[Participant]:
    """People the question names by role ("Turkey's intelligence chief"): two or more words of
    one role, among them the office word."""
    asked, offices = role_words(_without_capitals(question)), office_words()
    scored: list[tuple[int, Participant]] = []
    for p in (p for m in meetings for p in m.participants if p.role):
        shared = role_words(p.role) & asked
        if len(shared) >= 2 and shared & offices:
            scored.append((len(shared), p))
    best = max((score for score, _ in scored), default=0)
    out: list[Participant] = []
    for score, p in scored:
        if score == best and not any(names_match(p.name, x.name) for x in out):
            out.append(p)
    return out


def _capitalised(question: str) -> list[str]:
    """The question's capitalised words after its first, without a possessive "'s"."""
    return [re.sub(r"['’]s$", "", w) for w in re.findall(r"\b[A-Z][\w'’.-]*", question)[1:]]


def _without_capitals(question: str) -> str:
    """The question without the capitals it names by their country: "in the Norlandic capital"
    says where, not whose office, and names no one."""
    for phrase, _capital in lexicons.capitals_named(question):
        question = question.replace(phrase, " ")
    return question


def _question_people(question: str, meetings: list[Meeting]) -> list[Participant] | None:
    """The participants a question names; None when it names somebody no record knows."""
    found = _by_role(question, meetings)
    covered = {w for p in found for w in role_words(p.role or "")}
    capitalised = _capitalised(_without_capitals(question))
    for word in (w for w in capitalised if not is_title_word(w) and not role_words(w) <= covered):
        hits = [p for m in meetings for p in m.participants if names_match(p.name, word)] \
            or _by_demonym(word, question, meetings)
        if not hits and not any(m.place and names_match(m.place, word) for m in meetings):
            return None
        found += [h for h in hits if not any(names_match(h.name, x.name) for x in found)]
    return found


def _by_demonym(word: str, question: str, meetings: list[Meeting]) -> list[Participant]:
    """"the Skarnish side": the participants whose written role carries the people word. Not
    "the Skarnish foreign minister": an office after it is a role the record must give."""
    demonyms = lexicons.mapping("demonyms")
    after = re.search(rf"\b{re.escape(word)}\b(.*)", question)
    words = re.findall(r"\w+", after.group(1).lower()) if after else []
    while words and (words[0] in {"and", "or"} or words[0] in demonyms):
        words.pop(0)  # "the Skarnish and Norlandic ministers"
    if word.lower() not in demonyms or any(is_office_word(w) for w in words[:2]):  # "minister", "ministers"
        return []
    country = role_words(word)
    return [p for m in meetings for p in m.participants if country and country <= role_words(p.role or "")]


def _question_places(question: str, meetings: list[Meeting]) -> list[str]:
    """Capitalised words of the question that name the place of some record, and the capitals
    it names by their country ("in the Norlandic capital")."""
    words = _capitalised(question) + [capital for _, capital in lexicons.capitals_named(question)]
    return [w for w in words if any(m.place and names_match(m.place, w) for m in meetings)]


def _names_nobody(question: str) -> bool:
    """"Who met whom?", "Why did they meet?": only question words and meeting words."""
    rest = trigger_regex().sub(" ", question.lower())
    return not set(re.findall(r"[a-z]+", rest)) - _QUESTION_WORDS


def _with(meetings: list[Meeting], people: list[Participant]) -> list[Meeting]:
    return [m for m in meetings
            if all(any(names_match(p.name, q.name) for q in m.participants) for p in people)]


_MAX_COMPOSITE = 3  # meetings a composite answer describes: the latest ones


def _composite(parts: tuple[str, ...], people: list[Participant], meetings: list[Meeting]) -> str:
    """One line a meeting answering each part asked, saying so where the record does not."""
    lines = []
    for meeting in meetings:
        first, *others = meeting.participants
        if {"who", "whom"} & set(parts) or not people:
            text = f"{first.label()} met " + " and ".join(p.label() for p in others)
        else:
            text = " and ".join(p.name for p in meeting.participants)
        details = {"where": meeting.place, "when": meeting.when(), "why": meeting.reason}
        text += "".join(f"; {part}: {details[part] or 'not stated'}" for part in parts if part in details)
        lines.append(text)
    return " | ".join(lines)


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


def answer_meeting_question(question: str, kind: str, meetings: list[Meeting],
                            parts: tuple[str, ...] = ()) -> tuple[str, list[Meeting]] | None:
    """An answer from the records and the records it rests on, or None when no record fits
    (the caller then answers from the passages). ``kind`` and ``parts`` (every who/whom/
    where/when/why a composite question asks) come from the caller's classifier."""
    if not meetings or kind not in {"who", "whom", "where", "when", "why", "yesno"}:
        return None
    people = _question_people(question, meetings)
    places = _question_places(question, meetings)
    verb = trigger_regex().search(question)
    if not verb and not (places and _TRIP.search(question)):
        return None  # not a question about a meeting, nor about a trip to where one was held
    if people is None or (not people and not places and not _names_nobody(question)):
        return None
    found = sorted(_with(meetings, people), key=date_key)
    if places:  # "Who met whom in Tolvik?": the meetings held there, if a record says so
        there = [m for m in found if m.place and any(names_match(m.place, w) for w in places)]
        found = there if there or not people else found
    if not found:
        return None
    if len(parts) > 1:
        return _composite(parts, people, found[-_MAX_COMPOSITE:]), found[-_MAX_COMPOSITE:]
    if kind in {"where", "when", "why"}:
        field_of = {"where": lambda m: m.place, "when": lambda m: m.when() or None, "why": lambda m: m.reason}[kind]
        found = [m for m in found if field_of(m)]
        if not found:
            return None
        if _ASKS_LATEST.search(question):
            found = [found[-1]]
        texts = list(dict.fromkeys(field_of(m) for m in found))
        return "; ".join(texts[:5]), found
    if kind == "who" and _IDENTITY.match(question):
        # "Who is the harbour chief who met Lund?" asks for the person described, not whom they met
        named = _capitalised(question)
        described = [p for p in _by_role(question, meetings) if not any(names_match(p.name, w) for w in named)]
        if len(described) != 1:
            return None
        return described[0].label(), [m for m in found if any(names_match(p.name, described[0].name)
                                                             for p in m.participants)] or found
    if kind == "yesno":
        if len(people) < 2:
            return None
        return "Yes: " + _dated(found[-1], " and ".join(p.label() for p in found[-1].participants)), found
    answer = _who(people, found)
    after = question[verb.end():] if verb else ""
    if not answer and verb and not any(names_match(p.name, w) for w in re.findall(r"\b[A-Z][\w'’.-]*", after)
                                       for m in found for p in m.participants):
        # "Whom did the Norlandic envoy meet as his Skarnish counterpart?": every participant is
        # named, the words after the verb describing the one asked for (not naming them)
        asker = _question_people(question[:verb.end()], meetings)
        answer = _who(asker, found) if asker else ""
    return (answer, found) if answer else None
