"""Stage 4b: reasons stated outside the contact's own clause.

A sentence of its own that says what the contact just reported was for ("The aim was to mend
ties", "They focused on trade"), and a country-level sentence ("Turkey and Syria stepped up
contacts to find a political solution") that gives the reason of its officials' meeting.
"""

from __future__ import annotations

import functools
from typing import NamedTuple

from qa import lexicons
from qa.nlp import main_clauses

from .arguments import place_names
from .clauses import contact_nouns, governing_verb
from .lists import conjuncts
from .mentions import role_words
from .merge import is_venue
from .phrases import clause_text, cues, infinitive
from .reason import TRIP_NOUNS, purpose_of
from .topics import topic_of, what_verb_says
from .triggers import topic_verbs

_SIDE_LABELS = {"GPE", "ORG", "NORP"}


def _contact_sides(token) -> list[str]:
    """The named countries / organisations in contact: "Turkey and Syria stepped up contacts",
    "contacts between Turkey and Syria"."""
    sides = []
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "between"):
        sides += [t for o in prep.children if o.dep_ == "pobj" for t in conjuncts(o)]
    verb = governing_verb(token)
    if not sides and verb is not None:
        sides = [t for s in verb.children if s.dep_ == "nsubj" for t in conjuncts(s)]
    return [t.text for t in sides if t.ent_type_ in _SIDE_LABELS]


def contact_purposes(doc) -> list[tuple[list[str], str]]:
    """(sides, purpose) of each country-level contact of a sentence that states its purpose."""
    out = []
    for token in doc:
        if token.lower_ not in cues()["contact_nouns"]:
            continue
        sides = _contact_sides(token)
        if len(sides) < 2:
            continue
        heads = [token] + [v for v in [governing_verb(token)] if v is not None]
        purpose = next((p for p in map(purpose_of, heads) if p), None)
        if purpose:
            out.append((sides, purpose))
    return out


_AIM_NOUNS = {"aim", "goal", "purpose", "objective", "intention"}
_CONVENING = {"call", "convene", "hold", "organise", "organize", "arrange", "schedule"}


@functools.cache
def _occasion_words() -> frozenset[str]:
    """What names the contact just reported: its trigger nouns, a trip or retreat, "it", "this"."""
    return contact_nouns() | TRIP_NOUNS | {"retreat", "it", "this"}


def purpose_statement(doc) -> str | None:
    """A sentence that only says what the contact just reported was for: "The aim was to mend
    ties", "It was aimed at stabilising relations", "Officials said the trip was meant to ..."."""
    for verb in main_clauses(doc):
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not subjects or any(c.dep_ == "neg" for c in verb.children):
            continue
        subject = subjects[0].lemma_.lower()
        if verb.lemma_.lower() == "be" and subject in _AIM_NOUNS and not any(
                c.dep_ == "prep" for c in subjects[0].children if c.lower_ == "of" and not _is_contact(c)):
            text = next((t for c in verb.children if c.dep_ in {"xcomp", "attr", "ccomp"} and (t := infinitive(c, sought=True))), None)
            if text:
                return text
        if subject in _occasion_words() and verb.lower_ in cues()["purpose_adjectives"]:
            found = what_verb_says(verb)
            if found:
                return found
        if subject in _occasion_words() and verb.lemma_.lower() in _CONVENING and any(
                c.dep_ == "auxpass" for c in verb.children):
            # "The meeting was called to discuss X", "The summit was convened to tackle X"
            found = next((t for c in verb.children if c.dep_ in {"xcomp", "advcl"} and (t := infinitive(c))), None)
            if found:
                return found
        if verb.lemma_.lower() == "be" and any(p.dep_ == "prep" and p.lower_ == "on" and any(
                o.lemma_.lower() in cues()["agenda_nouns"] for o in p.children) for p in verb.children):
            return clause_text(list(subjects[0].subtree))  # "On the agenda was the budget bill"
        if subject in _occasion_words() and verb.lemma_.lower() == "dominate" and (found := next(
                (clause_text(list(o.subtree)) for a in verb.children if a.dep_ == "agent"
                 for o in a.children if o.dep_ == "pobj"), None)):
            return found  # "The summit was dominated by the war in Sudan"
        if _the_people_just_reported(subjects[0]) and (
                verb.lemma_.lower() in topic_verbs() or verb.lemma_.lower() in cues()["exchange_verbs"]):
            found = topic_of(verb) or what_verb_says(verb)  # "The four leaders discussed China's ..."
            if found:
                return found
    return None


_TRAVEL_VERBS = {"travel", "fly", "come", "arrive", "head", "journey", "go"}
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})


class PersonalPurpose(NamedTuple):
    person: str  # who came, or pressed: a name as written, or a pronoun
    pressed: str | None  # whom they pressed, when they did
    purpose: str


def personal_purpose(doc) -> PersonalPurpose | None:
    """A sentence on why one person of a contact came, what they raised, or what they pressed the
    other to do: "Varga had travelled to Oslo in a bid to revive the deal", "Varga made the trip
    to ...", "Sund said he had raised the fate of the prisoners", "Sund pressed Varga to lift the
    ban"."""
    for verb in main_clauses(doc):
        subjects = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subjects or any(c.dep_ == "neg" for c in verb.children):
            continue
        person = _person_text(subjects[0])
        lemma = verb.lemma_.lower()
        trip = lemma == "make" and any(o.dep_ == "dobj" and o.lemma_.lower() in TRIP_NOUNS for o in verb.children)
        if person and (lemma in _TRAVEL_VERBS or trip) and (purpose := purpose_of(verb)):
            return PersonalPurpose(person, None, purpose)
        if person and lemma == "raise" and verb.dep_ == "ccomp" and (
                raised := [c for c in verb.children if c.dep_ == "dobj"]):
            # "Lund said he had raised X" (reported: not "Lund raised taxes")
            return PersonalPurpose(person, None, clause_text(list(raised[0].subtree)))
        pressed = [_person_text(c) for c in verb.children if c.dep_ == "dobj"]
        if person and lemma in cues()["appeal_verbs"] and pressed and pressed[0]:
            purpose = next((t for c in verb.children if c.dep_ in {"xcomp", "ccomp"}
                            and (t := infinitive(c, sought=True))), None)
            if purpose:
                return PersonalPurpose(person, pressed[0], purpose)
    return None


def _person_text(token) -> str | None:
    """A name as written (whatever the recogniser took it for: the caller matches it against
    the contact's people), or a personal pronoun; None for anything else."""
    if token.lower_ in PERSONAL_PRONOUNS:
        return token.lower_
    if not (token.text[:1].isupper() and token.pos_ in {"PROPN", "NOUN"}):
        return None
    return next((e.text for e in token.doc.ents if e.start <= token.i < e.end), token.text)


def venue_statement(doc) -> str | None:
    """A venue a sentence about the people of the contact just told puts them in: "The two
    leaders shook hands at the Skarn hotel before sitting down with their delegations", "They
    spoke in a study next to the hall"; or where it says the contact was held ("The meeting
    took place at the Skarn hotel")."""
    for verb in main_clauses(doc):
        subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if not subjects or not (_the_people_just_reported(subjects[0]) or _the_contact_just_reported(subjects[0], verb)):
            continue
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"at", "in", "inside"}):
            names = [n for o in prep.children if o.dep_ == "pobj" for n in place_names(o, prep.lower_)]
            if names and is_venue(names[0]):
                return names[0]
    return None


def _the_contact_just_reported(subject, verb) -> bool:
    """"The meeting took place at the Skarn hotel", "The talks were held in the palace": the
    contact just told, and where it was held."""
    definite = subject.lower_ == "it" or any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"}
                                             for c in subject.children)
    held = (verb.lemma_.lower() == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children)) or (
        verb.lemma_.lower() == "hold" and subject.dep_ == "nsubjpass")
    return definite and held and subject.lemma_.lower() in _occasion_words()


def _the_people_just_reported(subject) -> bool:
    """"they", "the duo", "the 6 envoys", "both envoys": those of the contact just told."""
    if subject.lower_ == "they":
        return True  # "they", "the two", "both" (the subject of the sentence's main clause)
    people = lexicons.words("plural_references") | lexicons.words("role_nouns") | lexicons.words("group_nouns")
    counted = any(c.dep_ in {"nummod", "predet"} or c.lower_ == "both" for c in subject.children)
    # "the leaders", "the sides": any contact's people; not "the ministers" after a bank chief met a governor
    definite = subject.lemma_.lower() in {"leader", "side"} and [
        c.lower_ for c in subject.children if c.dep_ == "det"] == ["the"] and not any(
        c.dep_ in {"amod", "compound", "prep", "relcl", "acl"} for c in subject.children)
    return (subject.lower_ in {"pair", "duo"} and any(c.dep_ == "det" for c in subject.children)) or (
        subject.lemma_.lower() in people and subject.tag_ == "NNS" and (counted or definite))


def _is_contact(prep) -> bool:
    """"the aim of the visit": of the contact, which is the one meant."""
    return any(o.lemma_.lower() in _occasion_words() for o in prep.children if o.dep_ == "pobj")


def represents(participant, side: str) -> bool:
    """Whether a participant stands for a country or organisation, by name or by role."""
    words = role_words(participant.name) | (role_words(participant.role) if participant.role else set())
    side_words = role_words(side)
    return bool(side_words) and side_words <= words
