"""Stage 5: one record per meeting within an article.

Mentions merge when their participants are the same people and their time, place and status
agree; every evidence sentence is kept. A recalled past meeting ("they last met in 2019")
keeps its own record since its date differs. A one-sided or participant-less mention ("the
talks covered trade", "Straw will hold talks in Beijing") completes the meeting reported in
the same or the previous sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa import lexicons
from qa.names import names_match

from .clauses import told_by_another_event
from .groups import is_group_name
from .mentions import role_words
from .records import Meeting, Participant

_KIND_ORDER = ("call", "dinner", "visit", "summit", "talks", "meeting")


@dataclass
class Mention:
    sentence: int  # index of the sentence in the article
    meeting: Meeting
    definite: bool = False  # "the talks", "the meeting": refers to a contact already reported


def same_people(a: Meeting, b: Meeting) -> bool:
    return len(a.participants) == len(b.participants) and all(
        any(names_match(p.name, q.name) for q in b.participants) for p in a.participants)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower())) - {"on", "in", "at", "the", "of"}


def _agree(a: str | None, b: str | None, same) -> bool:
    return a is None or b is None or same(a, b)


def is_venue(place: str) -> bool:
    """"the Hall of the Nation", "Tolvik Palace": a building or grounds, not a town."""
    return any(w in lexicons.words("venue_nouns") for w in re.findall(r"[a-z]+", place.lower()))


def _same_place(a: str, b: str) -> bool:
    """One names the other, or one is a venue the other town or country can hold ("in Oslo"
    and "at the Tolvik Palace")."""
    return names_match(a, b) or a in b or b in a or (is_venue(a) or _not_a_town(a, b)) != (is_venue(b) or _not_a_town(b, a))


def _joined_place(a: str | None, b: str | None) -> str | None:
    """Venue first, then the town: "Tolvik Palace, Oslo"; two venues, the one told later first
    ("met at Tolvik Palace. The meeting in the Blue Room ..." is "Blue Room, Tolvik Palace")."""
    if a is None or b is None:
        return a or b
    if a in b or b in a:
        return b if a in b else a  # "Tolvik Palace, Oslo" says more than "Oslo"
    if names_match(a, b):
        return a
    venue_a, venue_b = is_venue(a) or _not_a_town(a, b), is_venue(b) or _not_a_town(b, a)
    if venue_a == venue_b and not (venue_a and venue_b):
        return a
    return f"{a}, {b}" if venue_a and not venue_b else f"{b}, {a}"


def _not_a_town(place: str, other: str) -> bool:
    """A place that is no town or country the lexicons know, beside one that is: "the Amiri
    Diwan" beside "Doha" is where in Doha."""
    def known(p: str) -> bool:
        return p.lower().removeprefix("the ") in lexicons.known_places()
    words = re.findall(r"[a-z]+", place.lower().removeprefix("the "))
    named = len(words) > 1 and not set(words) & (_REGION_WORDS | lexicons.words("place_nouns"))  # not "the Gulf"
    return named and known(other) and not known(place)


_REGION_WORDS = {"north", "south", "east", "west", "middle", "central", "northern", "southern", "eastern", "western",
                 "gulf", "sea", "coast", "island", "islands", "valley", "mountains", "peninsula", "bay"}



def compatible(a: Meeting, b: Meeting, status: bool = True, places: bool = True, calls: bool = True) -> bool:
    """Nothing written about the two mentions contradicts one meeting (``places``: nor two
    different places; ``calls``: nor a call and a contact in person)."""
    if status and a.status != b.status:
        return False
    if calls and (a.kind == "call") != (b.kind == "call"):
        return False  # a phone call is another contact than a visit or talks in person
    if a.date and b.date:
        if not (a.date.startswith(b.date) or b.date.startswith(a.date)):
            return False
    elif not _agree(a.time_text, b.time_text, lambda x, y: bool(_words(x) & _words(y)) or told_by_another_event(x)
                    or told_by_another_event(y)):
        return False  # but "before the news conference" is no other day than "on Monday"
    if not places:
        return True  # "the meeting at the Blue Room" is the one "at Tolvik Palace" (or "in Oslo") just told
    return _agree(a.place, b.place, _same_place)


def absorb(target: Meeting, other: Meeting, same_kind: bool = True) -> None:
    """Add the other mention's evidence and the fields the target lacks."""
    starts = {e["start"] for e in target.evidence}
    target.evidence += [e for e in other.evidence if e["start"] not in starts]
    target.evidence.sort(key=lambda e: e["start"])
    target.place = _joined_place(target.place, other.place)
    for name in ("time_text", "date", "reason"):
        if getattr(target, name) is None and getattr(other, name) is not None:
            setattr(target, name, getattr(other, name))
    if same_kind:
        target.kind = sorted({target.kind, other.kind}, key=_KIND_ORDER.index)[0]
    for person in target.participants:
        match = next((q for q in other.participants if names_match(person.name, q.name)), None)
        if match is not None and not person.role and match.role:
            person.role = match.role


def _merge_full(mentions: list[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for mention in mentions:
        # "last met in July, where they discussed Ukraine": the contact of its own sentence first
        twin = next((m for m in out if m.sentence == mention.sentence and _one_meeting(m, mention)), None) or next(
            (m for m in out if _one_meeting(m, mention)), None)
        if twin is None:
            out.append(mention)
        else:
            absorb(twin.meeting, mention.meeting)
    return out


def _one_meeting(a: Mention, b: Mention) -> bool:
    """Two mentions of the same people that nothing keeps apart. Kept apart: a mention that
    gives no time and a dated one far from it ("the King and the president held talks" and
    their meeting "in May" six sentences on), and talks and the state dinner of the same two
    unless told in adjacent sentences ("hosted Lund for dinner. The two discussed trade" is one)."""
    apart = abs(a.sentence - b.sentence)
    undated = (a.meeting.time_text is None) != (b.meeting.time_text is None)
    one_a_meal = (a.meeting.kind == "dinner") != (b.meeting.kind == "dinner")
    # "spoke by phone with Lund, and the two discussed X": what the call was about
    discussed = not apart and any((m.meeting.trigger or "").lower().startswith("discuss") for m in (a, b))
    # a meal beside talks told in the next sentence is its own event, unless one only tells
    # what was discussed or points back ("the talks")
    told_again = any((m.meeting.trigger or "").lower().startswith("discuss") or m.definite for m in (a, b))
    return (same_people(a.meeting, b.meeting)
            and compatible(a.meeting, b.meeting, calls=not discussed)
            and not (undated and apart > 2) and not (one_a_meal and (apart > 1 or (apart == 1 and not told_again))))


_REACH = 4  # sentences on which "The talks focused on X" still reports the contact told before


def _same_side(a: Meeting, b: Meeting) -> bool:
    """Whether the two share a participant: one who met several, one at a time."""
    return any(names_match(p.name, q.name) for p in a.participants for q in b.participants)


def _completes(partial: Mention, full: Mention) -> bool:
    bare = partial.definite and not partial.meeting.participants and partial.meeting.time_text is None
    # "The talks focused on trade", "the meeting at the palace", "the talks with Lund focused on
    # trade" may come a few sentences on, after quotes
    told_again = partial.definite and partial.meeting.time_text is None and (partial.meeting.reason or partial.meeting.place)
    reach = _REACH if told_again else 1
    if not 0 <= partial.sentence - full.sentence <= reach:
        return False
    if not compatible(full.meeting, partial.meeting, status=not bare, places=not bare):
        return False  # "X will meet Y. The talks are aimed at ...": no tense of its own to clash,
        # and "the meeting in the Blue Room" is the one "at Tolvik Palace" just reported
    names = partial.meeting.participants
    discussed = partial.sentence == full.sentence and (partial.meeting.trigger or "").lower().startswith("discuss")
    if not names and not partial.definite and not discussed:
        return False  # "ahead of an EU summit" is another event; "the talks" is this one, and
        # so is what "will be discussed" in the sentence that reports it
    return all(any(names_match(p.name, q.name) for q in full.meeting.participants) for p in names)


def _same_trip(mentions: list[Mention]) -> None:
    """A meeting that states no place or reason takes those of the meeting one of its people
    had in the sentence before ("Lund arrived in Oslo for talks ... Lund drove to a
    meeting with Berg")."""
    for later in mentions:
        for earlier in mentions:
            if not 0 < later.sentence - earlier.sentence <= 1 or earlier.meeting.status != later.meeting.status:
                continue
            if _recalled(earlier.meeting) and not later.meeting.time_text:
                continue  # "they last met in Oslo in 2019": not where this trip is
            if any(names_match(p.name, q.name) for p in later.meeting.participants for q in earlier.meeting.participants):
                if later.meeting.kind != "call":  # the other side of a call is elsewhere
                    later.meeting.place = later.meeting.place or _town(earlier.meeting.place)
                if _same_day(earlier.meeting, later.meeting):  # the next day's talks have their own purpose
                    later.meeting.reason = later.meeting.reason or earlier.meeting.reason


def _town(place: str | None) -> str | None:
    """The town of "Tolvik Palace, Oslo": where a next meeting of the same trip is, its room unknown."""
    towns = [p.strip() for p in (place or "").split(",") if p.strip() and not is_venue(p)]
    return ", ".join(towns) or None


def _same_day(a: Meeting, b: Meeting) -> bool:
    """Nothing says the two are on different days ("on April 1" and "on April 2" do)."""
    if a.date and b.date:
        return a.date[:10] == b.date[:10]
    return not (a.time_text and b.time_text) or _words(a.time_text) == _words(b.time_text)


def _recalled(meeting: Meeting) -> bool:
    """A meeting dated by its year ("in 2019", "in July 2023") is one the article recalls."""
    return bool(meeting.time_text and re.search(r"\b(?:19|20)\d\d\b", meeting.time_text))


def _group_side(name: str) -> set[str] | None:
    """Describing words of a group written as a side ("Soviet leaders" -> {soviet, union}), or
    None for a name that is no group."""
    words = name.split()
    if len(words) < 2 or words[-1].lower().rstrip("s") not in lexicons.words("group_nouns"):
        return None
    return role_words(" ".join(words[:-1])) or None


def _named_member(group: Participant, meeting: Meeting, others: list[Participant]) -> bool:
    """Whether the meeting is between the same others and a named person of the group."""
    described = _group_side(group.name)
    rest = [p for p in meeting.participants if not any(names_match(p.name, o.name) for o in others)]
    if not described or len(rest) != 1 or len(others) != len(meeting.participants) - 1:
        return False
    person = rest[0]
    return described <= role_words(person.name) | role_words(person.role or "")


def _fold_groups(full: list[Mention]) -> list[Mention]:
    """"talks with Soviet leaders" and a meeting of the same person with the Soviet foreign
    minister are one contact: the group mention folds into the named one."""
    out = []
    for mention in full:
        meeting = mention.meeting
        target = None
        for group in meeting.participants:
            others = [p for p in meeting.participants if p is not group]
            target = next((m for m in full if m is not mention and compatible(m.meeting, meeting)
                           and _named_member(group, m.meeting, others)), None)
            if target is not None:
                break
        if target is None:
            out.append(mention)
        else:
            absorb(target.meeting, meeting, same_kind=False)
    return out


def _attends(later: Mention, earlier: Mention) -> bool:
    """"Lund met the bosses of the banks. Ekholm and Vik attended the meeting": people at
    "the meeting" of the next sentence join the meeting reported just before."""
    return (later.definite and later is not earlier and len(earlier.meeting.participants) >= 2
            and 0 < later.sentence - earlier.sentence <= 1 and compatible(earlier.meeting, later.meeting)
            and (later.meeting.kind == "summit") == (earlier.meeting.kind == "summit"))
    # (talks held at a summit are not the summit: "Vik met Lund. Berg skipped the summit")


def _join(target: Meeting, other: Meeting) -> None:
    """Those who attended join; named people who attended stand for a group the meeting was
    with ("met the bosses of the banks. Lund, Berg and Vik attended the meeting")."""
    joining = [p for p in other.participants if not any(names_match(p.name, q.name) for q in target.participants)]
    if sum(not is_group_name(p.name) for p in joining) > 1:
        target.participants = [p for p in target.participants if p.role or not is_group_name(p.name)]
    target.participants += joining
    absorb(target, other, same_kind=False)


def merge_mentions(mentions: list[Mention]) -> list[Meeting]:
    """Records of one article: full mentions merged, partial ones folded into their meeting."""
    full = _merge_full([m for m in mentions if len(m.meeting.participants) >= 2])
    for later in [m for m in full if m.definite]:
        earlier = [f for f in full if _attends(later, f)]
        if earlier:
            _join(max(earlier, key=lambda f: f.sentence).meeting, later.meeting)
            full.remove(later)
    for partial in (m for m in mentions if len(m.meeting.participants) < 2):
        candidates = [f for f in full if _completes(partial, f)]
        if candidates:
            if partial.meeting.time_text is None:  # "they last met in 2019" told in between is not "the talks"
                candidates = [f for f in candidates if not _recalled(f.meeting)] or candidates
            target = max(candidates, key=lambda f: f.sentence)
            absorb(target.meeting, partial.meeting, same_kind=False)
            if partial.definite and not partial.meeting.participants:
                # "held separate meetings with Lund and Berg. The talks covered trade": each of them
                for other in (f for f in candidates if f is not target and f.sentence == target.sentence
                              and _same_side(f.meeting, target.meeting)):
                    absorb(other.meeting, partial.meeting, same_kind=False)
            if partial.definite and partial.meeting.status == "cancelled":
                # "was due to meet Lund and Berg, but the meeting was called off": each of them
                for called_off in (f for f in candidates if f.sentence == target.sentence and f.meeting.status == "planned"):
                    called_off.meeting.status = "cancelled"
            target.sentence = max(target.sentence, partial.sentence)  # mentioned last here: "the talks" next refer to it
        elif attended := [f for f in full if _attends(partial, f)]:
            _join(max(attended, key=lambda f: f.sentence).meeting, partial.meeting)
    full = _fold_groups(full)
    _same_trip(full)
    return [m.meeting for m in full]
