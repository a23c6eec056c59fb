"""Who holds an office: answered from the roles the retrieved passages write beside names.

"Who heads Turkey's intelligence agency?" or "Who is Norland's foreign minister?" asks for the
person whose role, as the article writes it ("Hakan Fidan, head of Turkey's National
Intelligence Organization", "Foreign Minister Karl Dunmore"), fits the office the question
describes. The span reader often answers with another name of the same sentence; a role that
fits, held by exactly one person of the passages read, is better evidence. Roles are gathered
by the meetings layer's name matcher (``qa.meetings.mentions``), so both layers read a role
the same way.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .. import lexicons
from ..models import Passage

_OFFICE_QUESTION = re.compile(
    r"^\s*who\s+(is|was|heads|headed|leads|led|runs|ran|chairs|chaired)\s+(?:now\s+|currently\s+)?(.+?)[?.!\s]*$",
    re.I)
_LEADING = {"heads", "headed", "leads", "led", "runs", "ran", "chairs", "chaired"}
MIN_FIT = 0.6  # share of the office's describing words the role must hold


class OfficeHolder(NamedTuple):
    name: str
    role: str
    passage: int  # index in the passages read
    start: int  # where the passage writes the role (else the name): the evidence
    end: int


def asked_office(question: str) -> tuple[set[str], str] | None:
    """(describing words, head word) of the office a question asks the holder of, or None:
    "Who heads Turkey's intelligence agency?" -> ({turkey, intelligence, agency}, "head")."""
    from ..meetings.mentions import role_words

    match = _OFFICE_QUESTION.match(question)
    if match is None:
        return None
    verb, description = match.group(1).lower(), match.group(2)
    words = role_words(description)
    roles = {w for noun in lexicons.words("role_nouns") for w in role_words(noun)}
    if verb in _LEADING:
        head = "head"
    else:  # "Who is the foreign minister of Norland?": the last office word the question names
        offices = [w for raw in re.findall(r"[\w'’-]+", description) for w in role_words(raw) if w in roles]
        if not offices or len(description.split()) < 2:
            return None  # "Who is Hakan Fidan?" asks about a person, not for one
        head = offices[-1]
    return words - {head}, head


def _people(passages: list[Passage]):
    from ..meetings.mentions import gather_people
    from ..nlp import load_nlp

    return gather_people(list(load_nlp().pipe(p.text for p in passages)))


def _located(name: str, role: str, passages: list[Passage]) -> OfficeHolder | None:
    """Where the passages write the role beside the name (else the name alone)."""
    for wanted in (role, name):
        for index, passage in enumerate(passages):
            at = passage.text.find(wanted)
            if at >= 0:
                return OfficeHolder(name, role, index, at, at + len(wanted))
    return None


def role_of_person(question: str, passages: list[Passage]) -> OfficeHolder | None:
    """"Who is Ali Mamlouk?": the role the passages write beside that person's name."""
    match = _OFFICE_QUESTION.match(question)
    if match is None or match.group(1).lower() not in {"is", "was"} or not passages:
        return None
    from ..names import names_match

    asked = match.group(2).strip()
    if not asked[:1].isupper() or asked_office(question) is not None:
        return None
    known = [p for p in _people(passages).known
             if p.label == "PERSON" and p.role and names_match(p.name, asked)]
    return _located(known[0].name, known[0].role, passages) if len(known) == 1 else None


def office_holder(question: str, passages: list[Passage]) -> OfficeHolder | None:
    """The one person of ``passages`` whose written role fits the office asked, or None."""
    asked = asked_office(question)
    if asked is None or not passages:
        return None
    from ..meetings.mentions import role_words

    words, head = asked
    people = _people(passages)
    fits = []
    for person in people.known:
        if person.label != "PERSON" or not person.role:
            continue
        have = role_words(person.role)
        fit = len(words & have) / len(words) if words else 1.0
        if head in have and fit >= MIN_FIT:
            fits.append((fit, person))
    if not fits:
        return None
    fits.sort(key=lambda f: -f[0])
    if len(fits) > 1 and fits[1][0] == fits[0][0]:
        return None  # two people fit as well: the passages do not say which one
    person = fits[0][1]
    return _located(person.name, person.role, passages)
