"""Who a plural reference stands for: "both envoys", "the duo", "they", "their parley".

The people a sentence's main verb joins, else those of the latest contact, else those the
sentences before name; a count ("the 3 envoys") must fit.
"""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from ..names import names_match
from .groups import is_group_name
from .mentions import People
from .records import Participant
from .references import Scope, count_of, resolve


def is_person(participant: Participant, people: People) -> bool:
    """Whether a participant may be a person: not a country, organisation or group the article
    names as such. A meeting needs one; countries, ministries and groups alone ("Norland met its
    creditors' club", "talks between Norland and Skarn") are contacts between bodies, not who met
    whom. A name the recogniser never labels a person anywhere in the article is not one."""
    if participant.role:
        return True
    if is_group_name(participant.name):
        return False  # "Norland officials", "the bank advisory committee", "the bosses of its banks"
    known = people.find(participant.name)
    return known is not None and known.label == "PERSON"


def main_pair(token, scope: Scope) -> list[Participant]:
    """"Lund told Berg on Monday that ..., in what was the last meeting between both envoys":
    the people the sentence's main verb joins, two of them, named before the reference."""
    if count_of(token) != 2 or token.lower_ in {"they", "them", "their"}:
        return []
    # the nearest clause above first: "told MPs that he had raised it with Berg when both met"
    for head in [a for a in token.ancestors if a.pos_ in {"VERB", "AUX"} and a.i < token.i][:2] + [token.sent.root]:
        joined = [c for c in head.children if c.dep_ in {"nsubj", "dobj", "dative"} and c.i < token.i]
        joined += [o for c in head.children if c.dep_ == "prep" and c.lower_ == "with" and c.i < token.i
                   for o in c.children if o.dep_ == "pobj"]
        people = [p for p in (resolve(c, scope, []) for c in joined) if isinstance(p, Participant)
                  and is_person(p, scope.people)]
        if len(people) == 2 and not names_match(people[0].name, people[1].name):
            return people
    return []




def plural(scope: Scope, word: str, count: int = 0, subordinate: bool = False, when: bool = False) -> list[Participant]:
    """"both envoys", "they", "their": for "their", those named earlier in the sentence
    ("Lund thanked Berg during their parley"), not counting who reports it ("Ek noted Lund's
    invitation to Berg, made at their summit"); else the people of the latest contact, else
    those named in the sentence before, else (not for a bare "they") those named earlier in this
    one ("Lund and Berg agreed ..., as both envoys met"), else those of a sentence or two
    before that. A count ("the 3 envoys")
    must fit; otherwise two or more are meant. In a clause of its own after them, the people this
    sentence has named come first ("Vik pressed Dunmore to back it when both met")."""
    def named(names: list[str]) -> list[Participant]:
        return [Participant(n, (scope.people.find(n) or None) and scope.people.find(n).role) for n in names]

    def fits(n: int) -> bool:
        return n == count if count else n == 2

    others = [n for n in scope.sentence_people if not (scope.reporter and names_match(n, scope.reporter))]
    if when and fits(len(scope.sentence_people)):  # "Lund and Berg announced it when they met": who reports too
        return named(scope.sentence_people)
    if (word == "their" or (subordinate and word not in {"they", "them"})) and fits(len(others)):
        return named(others)
    # "Both envoys met Lund, then Berg ... On Friday, the duo met Vik": who tours together
    touring = _pair_of_contacts(scope.contacts) if len(scope.previous_contact or []) > 2 else None
    if touring and (count == 2 or (not count and word in {"they", "them"})):
        return touring
    if scope.previous_contact and (not count or len(scope.previous_contact) == count):
        return [Participant(p.name, p.role) for p in scope.previous_contact]
    if fits(len(scope.previous_people)):
        return named(scope.previous_people)
    # "Lund and Berg arrived. Vik accused both envoys ... Both envoys then met Dahl": the
    # latest sentence naming as many, a sentence or two back (not for a bare "they")
    earlier = next((names for names in scope.earlier_people if fits(len(names))), None)
    if earlier and word not in {"they", "them", "their"}:
        return named(earlier)
    if word not in {"they", "them"} and fits(len(others)):
        return named(others)
    return []


def _pair_of_contacts(contacts: list[list[Participant]]) -> list[Participant] | None:
    """The couple of people together in the most contacts so far, when that is more than one and no
    other pair is as often together: who "the duo" is on a joint tour."""
    counts: Counter[tuple[str, str]] = Counter()
    together: dict[tuple[str, str], tuple[Participant, Participant]] = {}
    for contact in contacts:
        for first, second in combinations(contact, 2):
            key = tuple(sorted((first.name, second.name)))
            together.setdefault(key, (first, second))
            counts[key] += 1
    top = counts.most_common(2)
    if not top or top[0][1] < 2 or (len(top) > 1 and top[1][1] == top[0][1]):
        return None
    return [Participant(p.name, p.role) for p in together[top[0][0]]]
