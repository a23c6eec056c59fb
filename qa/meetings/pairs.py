"""Stage 5c: contacts the rules missed, proposed by a small trained pair model.

The rules read who met whom from the shape of a sentence; where a sentence is shaped in a way
they do not know, two people (or a person and a body) named around a contact word go unread.
Here every two names of a contact sentence that no record already pairs become a candidate,
described by where each sits relative to the contact word (its subject, its object, after
"with", the reporter of the clause...), what the recogniser took them for, and how the
sentence is built. A logistic model gives the probability that the two met; a pair over the
threshold becomes a record of its own. ``scripts/train_meeting_pairs.py`` fits the weights on
the tuning halves of the gold sets (label: a gold meeting of the article holds the pair); they
ship in ``weights/pairs.json``.
"""

from __future__ import annotations

import functools
import math
import re
from pathlib import Path
from typing import NamedTuple

from qa import lexicons
from qa.names import names_match

from .groups import group_of
from .logistic import Collector, LogisticModel
from .mentions import People, entity_of, name_of
from .records import KINDS, STATUSES, Participant
from .sides import separately
from .triggers import Trigger

WEIGHTS = Path(__file__).resolve().parent / "weights" / "pairs.json"
_MOST = 8  # candidates kept per sentence, in order: 28 pairs at most
_SUBJECTS = {"nsubj", "nsubjpass", "agent"}
_WITH = {"with", "between", "among", "to", "and", "alongside"}
FEATURES = (
    tuple(f"kind_{k}" for k in KINDS) + tuple(f"status_{s}" for s in STATUSES)
    + ("noun_trigger", "persons", "bodies", "groups", "pronouns", "subjects", "objects", "after_with",
       "possessors", "through_trigger", "conjoined", "apposed", "near_distance", "far_distance",
       "word_gap", "reporter", "reporting_clause", "names_in_sentence", "triggers_in_sentence",
       "first_sentence", "rules_took_one", "with_roles", "same_clause",
       "opposite_sides", "both_subjects", "both_objects", "separately", "in_title", "fewer_mentions",
       "more_mentions", "person_across_from_body", "person_across_from_person")
)


class Candidate(NamedTuple):
    token: object  # the head token of the name as written
    participant: Participant
    label: str  # PERSON, ORG, GROUP or PRONOUN


class PairRow(NamedTuple):
    trigger: Trigger
    first: Candidate
    second: Candidate
    values: list[float]


_collector = Collector()
# Within ``collecting()`` every candidate pair is handed over as (article, row) and none is
# kept: the training script's rows.
collecting = _collector.collecting


def is_collecting() -> bool:
    return _collector.rows is not None


def collect(article: str, rows: list[PairRow]) -> None:
    if _collector.rows is not None:
        _collector.rows.extend((article, row) for row in rows)


def candidates(doc, people: People, pronoun_stands_for: str | None) -> list[Candidate]:
    """The people, bodies and groups one sentence names, in order, each once."""
    found: list[Candidate] = []
    for token in doc:
        candidate = _candidate(token, people, pronoun_stands_for)
        if candidate is not None and candidate.participant.name and not any(
                names_match(candidate.participant.name, c.participant.name) for c in found):
            found.append(candidate)
    return found[:_MOST]


def _candidate(token, people: People, pronoun_stands_for: str | None) -> Candidate | None:
    ent = entity_of(token)
    if ent is not None and ent.root.i == token.i and ent.label_ in {"PERSON", "ORG"}:
        named = name_of(token, people)
        known = people.find(named.name) if named is not None else None
        label = "PERSON" if ent.label_ == "PERSON" or (known is not None and known.label == "PERSON") else "ORG"
        return Candidate(token, named, label) if named is not None else None
    if ent is None and token.text[:1].isupper() and token.pos_ in {"PROPN", "NOUN"} and (
            known := people.find(token.text)) is not None and known.label == "PERSON":  # "Lund met", tagged a noun
        return Candidate(token, Participant(known.name, known.role), "PERSON")
    if token.lower_ in {"he", "she"} and token.dep_ in _SUBJECTS and pronoun_stands_for:
        known = people.find(pronoun_stands_for)
        return Candidate(token, Participant(pronoun_stands_for, known.role if known else None), "PRONOUN")
    if ent is None and token.pos_ in {"NOUN", "PROPN"} and token.dep_ != "compound":  # "harbour pilots", not "harbour"
        group = group_of(token)
        return Candidate(token, group, "GROUP") if group is not None else None
    return None


def _depth(token) -> int:
    return sum(1 for _ in token.ancestors)


def _distance(a, b) -> int:
    """Edges between two tokens of one parse."""
    above_a = [a, *a.ancestors]
    above_b = {t.i for t in [b, *b.ancestors]}
    common = next((t for t in above_a if t.i in above_b), None)
    if common is None:
        return 20
    return _depth(a) + _depth(b) - 2 * _depth(common)


def _governor(trigger):
    """The verb a noun trigger hangs on ("had a parley", "a parley was planned"), else the trigger."""
    if trigger.pos_ in {"NOUN", "PROPN"} and trigger.dep_ in {"dobj", "nsubj", "nsubjpass", "pobj", "attr"}:
        head = trigger.head.head if trigger.dep_ == "pobj" else trigger.head
        return head if head.pos_ in {"VERB", "AUX"} else trigger
    return trigger


def _is_subject(token, trigger) -> bool:
    verb = _governor(trigger)
    return token.dep_ in _SUBJECTS and token.head.i in {trigger.i, verb.i}


def _is_object(token, trigger) -> bool:
    return token.dep_ in {"dobj", "dative"} and token.head.i in {trigger.i, _governor(trigger).i}


def _after_with(token) -> bool:
    node = token
    while node.dep_ == "conj":
        node = node.head
    return node.dep_ == "pobj" and node.head.lower_ in _WITH


def _side(token, trigger) -> str:
    """"who" (the subject's side), "whom" (the object, or who comes after "with") or "" for a candidate,
    read through lists and appositions ("met Lund, the envoy, and Berg")."""
    node = token
    while node.dep_ in {"conj", "appos"} and node.head.i != node.i:
        node = node.head
    heads = {trigger.i, _governor(trigger).i}
    if node.dep_ in _SUBJECTS and node.head.i in heads:
        return "who"
    if node.dep_ == "pobj" and node.head.dep_ == "agent" and node.head.head.i in heads:
        return "who"  # "a meeting chaired by Lund"
    if node.dep_ in {"dobj", "dative"} and node.head.i in heads:
        return "whom"
    if node.dep_ == "pobj" and node.head.lower_ in _WITH and node.head.head.i in heads:
        return "whom"
    return ""


def _reports(token, trigger) -> bool:
    """The subject of a reporting verb above the contact ("Lund said ... the talks")."""
    while token.dep_ in {"appos", "compound", "conj"} and token.head.i != token.i:
        token = token.head  # "the spokesman, Ola Vik, said"
    verb = token.head
    return token.dep_ == "nsubj" and verb.lemma_.lower() in lexicons.words("reporting_verbs") and any(
        a.i == verb.i for a in trigger.ancestors)


def _clause(token):
    node = token
    while node.dep_ not in {"ROOT", "advcl", "ccomp", "relcl", "xcomp", "acl", "pcomp"} and node.head.i != node.i:
        node = node.head
    return node.i


def _mentions(name: str, text: str) -> int:
    """How often the article writes the name's last word: the people a story is about recur."""
    words = name.split()
    return len(re.findall(rf"\b{re.escape(words[-1])}\b", text)) if words else 0


def pair_features(trigger: Trigger, first: Candidate, second: Candidate, names: int, triggers: int,
                  sentence: int, rules_took: int, text: str, title: str) -> list[float]:
    t, a, b = trigger.token, first.token, second.token
    labels = (first.label, second.label)
    distances = sorted((_distance(a, t), _distance(b, t)))
    path_ab = _distance(a, b)
    sides = (_side(a, t), _side(b, t))
    across = {sides[0], sides[1]} == {"who", "whom"}
    bodies = labels.count("ORG") + labels.count("GROUP")
    return [
        *(float(trigger.kind == k) for k in KINDS), *(float(trigger.status == s) for s in STATUSES),
        float(t.pos_ in {"NOUN", "PROPN"}),
        float(sum(x in {"PERSON", "PRONOUN"} for x in labels)), float(labels.count("ORG")),
        float(labels.count("GROUP")), float(labels.count("PRONOUN")),
        float(_is_subject(a, t) + _is_subject(b, t)), float(_is_object(a, t) + _is_object(b, t)),
        float(_after_with(a) + _after_with(b)), float((a.dep_ == "poss") + (b.dep_ == "poss")),
        float(distances[0] + distances[1] == path_ab or _distance(a, _governor(t)) + _distance(b, _governor(t)) == path_ab),
        float(any(c.i == b.i for c in a.conjuncts)), float(b.dep_ == "appos" and b.head.i == a.i or
                                                          a.dep_ == "appos" and a.head.i == b.i),
        float(min(distances[0], 8)), float(min(distances[1], 8)), math.log1p(abs(b.i - a.i)),
        float(_reports(a, t) or _reports(b, t)),
        float(any(x.lemma_.lower() in lexicons.words("reporting_verbs") for x in t.ancestors)),
        float(min(names, 8)), float(min(triggers, 4)), float(sentence == 0),
        float(rules_took),
        float(first.participant.role is not None) + float(second.participant.role is not None),
        float(_clause(a) == _clause(b) == _clause(t)),
        float(across), float(sides == ("who", "who")),
        float(sides == ("whom", "whom")), float(separately(t)),
        float(sum(bool(c.participant.name.split()) and c.participant.name.split()[-1] in title for c in (first, second))),
        *(math.log1p(m) for m in sorted(_mentions(c.participant.name, text) for c in (first, second))),
        float(across and bodies == 1), float(across and bodies == 0),  # a linear model needs the two apart
    ]


def candidate_rows(doc, triggers: list[Trigger], people: People, sentence: int, pronoun_stands_for: str | None,
                   rule_names: list[str], text: str, title: str) -> list[PairRow]:
    """Every candidate pair of one contact sentence, each with the trigger nearest the two;
    ``rule_names``: the people the rules found in it."""
    found = candidates(doc, people, pronoun_stands_for)
    if len(found) < 2 or not triggers:
        return []
    rows = []
    for i, first in enumerate(found):
        for second in found[i + 1:]:
            if "PERSON" not in (first.label, second.label) and "PRONOUN" not in (first.label, second.label):
                continue  # two bodies: the records are of people
            trigger = min(triggers, key=lambda tr: _distance(first.token, tr.token) + _distance(second.token, tr.token))
            took = sum(any(names_match(c.participant.name, r) for r in rule_names) for c in (first, second))
            if took == 2:
                continue  # the rules read both here (and a later stage may have parted them): that reading stands
            rows.append(PairRow(trigger, first, second,
                                pair_features(trigger, first, second, len(found), len(triggers), sentence, took,
                                              text, title)))
    return rows


class PairModel(LogisticModel):
    FEATURES = FEATURES
    WEIGHTS = WEIGHTS


@functools.cache
def shipped_model() -> PairModel | None:
    return PairModel.load()
