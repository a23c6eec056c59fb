"""Who holds an office: answered from the roles the retrieved passages write beside names.

"Who heads Norland's harbour authority?" or "Who is Norland's foreign minister?" asks for the
person whose role, as the article writes it ("Karl Dunmore, head of Norland's harbour
authority", "Foreign Minister Ola Brenning"), fits the office the question describes; "Who is
Karl Dunmore?" asks for his role. The span reader often answers with another name of the same sentence; a role that
fits, held by exactly one person of the passages read, is better evidence. Roles are gathered
by the meetings layer's name matcher (``qa.meetings.mentions``), so both layers read a role
the same way.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from .. import lexicons
from ..models import Passage

_OFFICE_QUESTION = re.compile(
    r"^\s*who\s+(is|was|heads|headed|leads|led|runs|ran|chairs|chaired)\s+(?:now\s+|currently\s+)?(.+?)[?.!\s]*$",
    re.I)
_NAME_QUESTION = re.compile(r"^\s*what\s+(is|are|was|were)\s+the\s+names?\s+of\s+(.+?)[?.!\s]*$", re.I)
_LEADING = {"heads", "headed", "leads", "led", "runs", "ran", "chairs", "chaired"}
MIN_FIT = 0.6  # share of the office's describing words the role must hold
# Offices that head what they are of: who "heads" the bank is its governor, its chairman ...
_HEADING = {"head", "president", "chairman", "chairwoman", "governor", "director", "executive", "commissioner"}


class OfficeHolder(NamedTuple):
    name: str
    role: str
    passage: int  # index in the passages read
    start: int  # where the passage writes the role (else the name): the evidence
    end: int


def by_role(question: str, passages: list[Passage]) -> tuple[str, OfficeHolder] | None:
    """(answer, where the passages say it): the holder of the office asked, or the written role
    of the person asked about; None when the question asks neither or the passages don't say."""
    match = _OFFICE_QUESTION.match(question)
    if match is None or not passages:
        return _body_headed(question, passages) if passages else None
    verb, description = match.group(1).lower(), _office_phrase(match.group(2))
    asked = asked_office(verb, description)
    if asked is not None:
        person = _office_holder(*asked, _people(passages))
        answer = person and person.name
    elif verb in {"is", "was"} and description[:1].isupper():
        person = _person_named(description, _people(passages))
        answer = person and person.role
    else:
        return None
    where = person and _located(person, passages)
    return (answer, where) if where else None


_HEADED_QUESTION = re.compile(
    r"^\s*(?:[Ww]hat|[Ww]hich)\b.*?\b(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+)*)\s+"
    r"(?:runs|ran|run|heads|headed|head|leads|led|lead|chairs|chaired|chair)\s*[?.!]*\s*$")
_HEAD_OF = re.compile(r"^(?:the\s+)?(?:head|chief|director|director-general|chairman|chairwoman|chair|leader|"
                      r"boss|president|governor)\s+of\s+(?:the\s+)?(?P<body>.+)$", re.I)


def _body_headed(question: str, passages: list[Passage]) -> tuple[str, OfficeHolder] | None:
    """"What is the agency that Karl Dunmore runs?": the body his written role says he heads
    ("Karl Dunmore, head of Norland's harbour authority" -> "Norland's harbour authority")."""
    match = _HEADED_QUESTION.match(question)
    person = match and _person_named(match.group("name"), _people(passages))
    body = person and _HEAD_OF.match(person.role)
    where = body and _located(person, passages)
    return (body.group("body"), where) if where else None


def holds_another_office(question: str, candidate: str, passages: list[Passage]) -> bool:
    """Whether the question asks for the holder of an office ("Who is Norland's foreign
    minister?") and the passages give ``candidate`` a role without that office ("Norland's
    harbour chief Karl Dunmore"): then the candidate is not the answer."""
    from ..meetings.mentions import role_words
    from ..names import names_match

    match = _OFFICE_QUESTION.match(question) or _NAME_QUESTION.match(question)
    asked = match and asked_office(match.group(1).lower(), _office_phrase(match.group(2)))
    if not asked or not candidate[:1].isupper():
        return False
    heads = _HEADING if asked[1] == "head" else {asked[1]}
    roles = [p.role for p in _people(passages).known
             if p.label == "PERSON" and p.role and names_match(p.name, candidate)]
    return bool(roles) and not any(heads & role_words(role) for role in roles)


_RELATIVE = re.compile(r"\s*(?:,|\b(?:who|whom|whose|that|which)\b)", re.I)


def _office_phrase(description: str) -> str:
    """The office without the clause that tells its holder apart: "the harbour chief who met
    Lund in May" -> "the harbour chief" (the clause's words are no words of the role)."""
    return _RELATIVE.split(description.strip(), maxsplit=1)[0].strip()


def _office_words() -> frozenset[str]:
    from ..meetings.mentions import office_words

    return office_words()


def asked_office(verb: str, description: str) -> tuple[set[str], str] | None:
    """(describing words, head word) of the office a question asks the holder of, or None:
    "heads", "Norland's harbour authority" -> ({norland, harbour, authority}, "head")."""
    from ..meetings.mentions import role_words

    words = role_words(description)
    if verb in _LEADING:
        return words - {"head"}, "head"
    # "Who is the foreign minister of Norland?": the last office word the question names
    offices = [w for raw in re.findall(r"[\w'’-]+", description) for w in role_words(_singular(raw))
               if w in _office_words()]
    if not offices or len(description.split()) < 2:
        return None  # "Who is Karl Dunmore?" asks about a person, not for one
    return words - {offices[-1]}, offices[-1]


def is_office_word(word: str) -> bool:
    """"minister", "ministers", "chief": a word of an office (the meetings layer's test, one for both)."""
    from ..meetings.mentions import is_office_word as office_word

    return office_word(word)


def _singular(word: str) -> str:
    from ..meetings.mentions import singular_office

    return singular_office(word)


def _people(passages: list[Passage]):
    return _people_in(tuple(p.text for p in passages))


@functools.lru_cache(maxsize=4)
def _people_in(texts: tuple[str, ...]):
    """The people (with roles) the passages name: parsed once a question, though the office
    routes and each of the reader's candidates ask."""
    from ..meetings.mentions import gather_people
    from ..nlp import load_nlp

    return gather_people(list(load_nlp().pipe(texts)))


def _office_holder(words: set[str], head: str, people):
    """The one person whose written role holds the head word and most describing words."""
    from ..meetings.mentions import role_words

    fits = []
    for person in (p for p in people.known if p.label == "PERSON" and p.role):
        have = role_words(person.role)
        fit = len(words & have) / len(words) if words else 1.0
        if ((_HEADING if head == "head" else {head}) & have) and fit >= MIN_FIT:
            fits.append((fit, person))
    fits.sort(key=lambda f: -f[0])
    if not fits or (len(fits) > 1 and fits[1][0] == fits[0][0]):
        return None  # nobody fits, or two people fit as well: the passages do not say which one
    return fits[0][1]


def _person_named(name: str, people):
    from ..names import names_match

    known = [p for p in people.known if p.label == "PERSON" and p.role and names_match(p.name, name)]
    return known[0] if len(known) == 1 else None


def _located(person, passages: list[Passage]) -> OfficeHolder | None:
    """Where the passages write the person's role (else the name)."""
    for wanted in (person.role, person.name):
        for index, passage in enumerate(passages):
            at = passage.text.find(wanted)
            if at >= 0:
                return OfficeHolder(person.name, person.role, index, at, at + len(wanted))
    return None
