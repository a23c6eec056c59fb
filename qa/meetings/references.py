"""Stage 2, references: who a token in a participant slot stands for.

A slot resolves to a named entity or a known surname (:func:`mentions.name_of`), a role the
article gives one person only ("his Norlandic counterpart", "the president"), a pronoun whose
person is unambiguous, a group's named leader, or "both envoys" / "they" (:data:`PLURAL`:
the people of the previous contact, chosen by the caller).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qa import lexicons
from qa.names import is_title_word, names_match

from .groups import group_of
from .lists import hung_first_name
from .mentions import SYNONYMS, People, description, entity_name, entity_of, name_of, people_named
from .records import Participant
from .written_roles import DASHES

PLURAL = "plural"  # marker: a mention of the people of the previous contact
# how many people a plural reference counts ("both envoys", "the duo", "the 3 envoys")
COUNTS = {"two": 2, "both": 2, "pair": 2, "duo": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
_PRONOUNS = {"he", "she", "him", "her"}
_PLURAL_PRONOUNS = {"they", "them", "their"}


def _office_objects(token) -> list:
    return [o for p in token.children if p.dep_ == "prep" and p.lower_ in {"for", "of", "at", "in"}
            for o in p.children if o.dep_ == "pobj"]


@dataclass
class Scope:
    """What a slot can refer back to: the sentence so far and the sentences before it."""

    people: People
    previous_people: list[str]  # people named in the previous sentence, in order
    previous_subject: str | None  # the person the previous sentence is about (its subject)
    sentence_people: list[str]  # people named earlier in this sentence
    sentence_subject: list[str]  # the person this sentence is about, if named
    previous_contact: list[Participant] | None  # participants of the latest contact
    reporter: str | None = None  # who the sentence quotes as saying it: never one of "their"
    earlier_people: list[list[str]] = field(default_factory=list)  # named before the previous sentence, latest first
    contacts: list[list[Participant]] = field(default_factory=list)  # of every contact so far, latest first


def resolve(token, scope: Scope, exclude: list[str]) -> Participant | list[Participant] | str | None:
    """The participant a slot token stands for, the people of a family ("the Lunds"), PLURAL
    for "both envoys", or None."""
    family = _family(token, scope.people) or _dashed_list(token, scope.people)
    if family:
        return family
    titled = _titled_by_department(token)
    if titled is not None:  # "Fisheries and Harbours Secretary Ola Vik": the department is Vik's title
        return name_of(titled.root, scope.people)
    named = name_of(token, scope.people)
    if named is not None and hung_first_name(token) and token.ent_type_ != "PERSON":
        known = scope.people.find(named.name)
        return named if known is not None and known.label == "PERSON" else None
    if named is not None:
        return named
    for child in token.children:  # "his Israeli counterpart, Ariel Sharon"
        if child.dep_ in {"appos", "npadvmod", "compound"} and child.i > token.i:
            while child.lower_ in lexicons.words("honorifics") and (deeper := next(
                    (c for c in child.children if c.dep_ == "appos" and c.i > child.i), None)) is not None:
                child = deeper  # "President His Highness Sheikh Ola Vik": the name under the courtesy
            named = name_of(child, scope.people)
            if named is not None:
                return named
    named = _name_after_comma(token, scope.people)
    if named is not None:
        return named
    if token.lemma_.lower() in lexicons.words("role_nouns"):
        # "the fund's mission chief for Norland, Ola Vik": the name hung on the office's country
        for child in _office_objects(token):
            named = next((n for a in child.children if a.dep_ == "appos" and a.ent_type_ == "PERSON"
                          and (n := name_of(a, scope.people)) is not None), None)
            if named is not None:
                return named
            if _run_on_holder(child):
                return name_of(child, scope.people)
    lower = token.lower_
    if lower in _PLURAL_PRONOUNS or _is_plural_reference(token):
        return PLURAL
    if lower in _PRONOUNS or lower == "his" or lower == "her":
        return _pronoun(token, scope, exclude)
    if lower in {"it", "its"}:
        return _reporting_subject(token, exclude)
    if token.pos_ in {"NOUN", "PROPN"} and token.tag_ not in {"NNS", "NNPS"} and (
            token.lemma_.lower() in lexicons.words("role_nouns")):
        titled = next((e for e in token.doc.ents if e.start == token.i + 1 and e.label_ == "PERSON"), None)
        if titled is not None:  # "Trade Minister Ola Brenning" parsed apart: the title of the name after it
            return name_of(titled.root, scope.people)
        # "his counterpart", and "the Chancellor" written with a capital; "his counterparts" are a group
        if any(c.dep_ == "det" and c.lower_ in {"a", "an", "any", "another", "some", "every"} for c in token.children):
            return group_of(token)  # "a Skarnish leader": nobody in particular
        words, head = description(token)
        person = scope.people.by_role(words - {head, SYNONYMS.get(head, head)}, head, exclude)
        if person is not None:
            return Participant(person.name, person.role)
    return _leader(token, scope.people) or group_of(token)


def _titled_by_department(token):
    """The person named right after an organisation's name and an office ("Fisheries and Harbours
    Secretary Ola Vik", where "Fisheries and Harbours" is read as a name of its own), or None."""
    entity = entity_of(token)
    if entity is None or entity.label_ != "ORG":
        return None
    doc, end = token.doc, entity.end
    while end < len(doc) and (doc[end].lemma_.lower() in lexicons.words("role_nouns") or is_title_word(doc[end].text)):
        end += 1
    if end == entity.end:
        return None
    person = _entity_starting_at(doc, end)
    return person if person is not None and person.label_ == "PERSON" else None


def _entity_starting_at(doc, index: int):
    """The entity whose first word is ``doc[index]``, or None."""
    return entity_of(doc[index]) if index < len(doc) and doc[index].ent_iob_ == "B" else None


def _run_on_holder(obj) -> bool:
    """"special envoy for the Nordic Sea Tom Lund": the office's holder written right
    after its remit, parsed as its object (not "envoy for President Lund": whom he speaks for)."""
    ent = entity_of(obj)
    if ent is None or ent.label_ != "PERSON" or ent.start == 0:
        return False
    before = obj.doc[ent.start - 1]
    return before.ent_type_ in {"LOC", "GPE", "ORG", "NORP"} and before.i > obj.head.i + 1 and not is_title_word(before.text)


def _name_after_comma(token, people: People) -> Participant | None:
    """"with her counterpart, Ola Vik, in Oslo", "her opposite number, Ola Vik,": the name
    written after an office, whatever the parser hung it on (not the subject of what follows:
    "met his counterpart, Vik said")."""
    doc = token.doc
    office = token.lemma_.lower() in lexicons.words("role_nouns") or (
        token.lemma_.lower() == "number" and any(c.lower_ == "opposite" for c in token.children))
    if not office or token.ent_type_:
        return None
    # the comma after the office and what it is "of" ("the chair of the review, Ola Vik,")
    subtree = {t.i for t in token.subtree}
    comma = next((t.i for t in doc[token.i + 1: token.i + 12] if t.text == ","), None)
    if comma is None or comma + 1 >= len(doc) or any(
            i not in subtree or doc[i].dep_ in {"relcl", "advcl", "ccomp", "xcomp", "conj"} for i in range(token.i + 1, comma)):
        return None
    first = comma + 1
    while first + 1 < len(doc) and is_title_word(doc[first].text) and not doc[first].ent_type_:
        first += 1  # "the deputy governor of the region, Prince Omar bin Tolvik"
    ent = entity_of(doc[first])
    titled = ent is not None and is_title_word(ent[0].text)  # the title taken in with the name, as a place
    if ent is None or (ent.label_ != "PERSON" and not titled) or ent.start != first or (
            ent.end < len(doc) and doc[ent.end].pos_ in {"VERB", "AUX"}):
        return None  # "met his counterpart, Vik said"
    return name_of(ent.root, people)


def _dashed_list(token, people: People) -> list[Participant]:
    """"The envoys — Ola Vik, Ada Berg and Tom Lund — met": the people named between the
    dashes after a plural noun."""
    doc = token.doc
    if token.tag_ != "NNS" or token.i + 1 >= len(doc) or doc[token.i + 1].text not in DASHES:
        return []
    end = next((t.i for t in doc[token.i + 2: token.i + 40] if t.text in DASHES), None)
    if end is None:
        return []
    listed = [name_of(e.root, people) for e in doc.ents if e.label_ == "PERSON" and token.i + 1 < e.start and e.end <= end]
    return [p for p in listed if p is not None] if len(listed) > 1 else []


def _family(token, people: People) -> list[Participant]:
    """"the Lunds hosted Berg": everyone the article names in full with that family name (a
    couple, as a rule), none when nobody is."""
    text = token.text
    if not (text[:1].isupper() and text.endswith("s") and len(text) > 3 and token.tag_ in {"NNPS", "NNP"}
            and any(c.lower_ == "the" and c.dep_ == "det" for c in token.children)):
        return []
    family = text[:-1].lower()
    return [Participant(p.name, p.role) for p in people.known
            if p.label == "PERSON" and len(p.name.split()) > 1 and p.name.split()[-1].lower() == family]


def _leader(token, people: People) -> Participant | None:
    """"a delegation led by Lund", "the team, headed by Berg": the named person at its head
    is who meets for it."""
    lemma = token.lemma_.lower()
    plural_role = (token.tag_ in {"NNS", "NNPS"} and lemma in lexicons.words("role_nouns")
                   and lemma not in lexicons.words("group_nouns"))  # "the bosses of banks"
    if token.pos_ not in {"NOUN", "PROPN"} or not (lemma in lexicons.words("group_nouns") or plural_role):
        return None
    leading = lexicons.table("meeting_triggers")["leading_verbs"]
    for verb in (c for c in token.children if c.dep_ == "acl" and c.lemma_.lower() in leading):
        for agent in (c for c in verb.children if c.dep_ == "agent"):
            for obj in (c for c in agent.children if c.dep_ == "pobj"):
                found = name_of(obj, people)
                if found is not None:
                    return found
    return None


def _is_plural_reference(token) -> bool:
    """"both envoys", "the 3 envoys", "the duo", or a count alone with "the" before it."""
    if token.dep_ in {"nsubj", "nsubjpass"} and _few(token) and any(c.lower_ == "the" for c in token.children):
        return True  # a count alone, no noun after it
    if token.lower_ in {"last", "first"} and token.dep_ == "nsubj" and any(c.lower_ == "two" for c in token.children):
        return True  # "The two last met in Oslo", parsed with "last" for the subject
    people_noun = token.tag_ == "NNS" and token.lemma_.lower() in lexicons.words("role_nouns")
    if not people_noun and token.lemma_.lower() not in lexicons.words("plural_references") and (
            token.lower_ not in lexicons.words("plural_references")):
        return False  # "both central bankers" counts as much as "both envoys"
    counted = any(c.lower_ == "both" or (c.dep_ == "nummod" and _few(c)) for c in token.children)
    return counted or token.lower_ in {"pair", "duo"}  # "both envoys", "the 3 / 6 envoys"


def _few(number) -> bool:
    """A count of people the story can have named one by one ("the 3", "the 6 envoys"),
    not a crowd ("100 faith leaders", "more than 20 ministers")."""
    value = COUNTS.get(number.lower_)
    if value is None and number.text.isdigit():
        value = int(number.text)
    return value is not None and 2 <= value <= 7 and not any(c.dep_ in {"quantmod", "advmod"} for c in number.children)


def _reporting_subject(token, exclude: list[str]) -> Participant | None:
    """"The EU said it will start talks": "it" is the named organisation or country the
    sentence reports."""
    for verb in token.ancestors:
        for subject in (c for c in verb.children if c.dep_ == "nsubj" and c.i != token.i):
            ent = entity_of(subject)
            if ent is not None and ent.label_ in {"ORG", "GPE"} and not any(names_match(ent.text, x) for x in exclude):
                return Participant(entity_name(ent), None)
    return None


def _pronoun(token, scope: Scope, exclude: list[str]) -> Participant | None:
    """The one person it can be: who reports the clause it is the subject of, else the one
    named earlier in the sentence (before the pronoun, not merely before the trigger), else in
    the sentence before."""
    described = _described_subject(token)
    if described is not None:  # "The minister, who ..., was welcomed at the palace, where he ..."
        found = resolve(described, scope, exclude)
        return found if isinstance(found, Participant) else None
    reporter = reporter_of(token, scope.people) if token.dep_ == "nsubj" else None
    if reporter and not any(names_match(reporter, x) for x in exclude):
        # "Lund, who met Berg on Monday, said he would call Dunmore": who reports speaks of himself
        known = scope.people.find(reporter)
        return Participant(reporter, known.role if known else None)
    subject = [scope.previous_subject] if scope.previous_subject else []
    before = [n for n in scope.sentence_people if n in people_named(token.doc[: token.i], scope.people)]
    partners: list[str] = []
    if token.dep_ in {"dobj", "dative", "pobj"} and token.lower_ in {"him", "her"}:
        # "Harris and Blinken will host him": not who hosts (that would be "themselves")
        verb = token.head.head if token.dep_ == "pobj" else token.head
        doers = [t for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} for t in c.subtree]
        named = people_named(token.doc[min(t.i for t in doers): max(t.i for t in doers) + 1], scope.people) if doers else []
        named += [known.name for t in doers if t.text[:1].isupper() and t.pos_ in {"PROPN", "NOUN"}  # one the
                  and t.ent_type_ != "PERSON"  # recogniser missed, perhaps tagged as a common noun
                  and (known := scope.people.find(t.text)) is not None and known.label == "PERSON"]
        exclude = exclude + named
        before = [n for n in before if not any(names_match(n, x) for x in named)]
        # "He had a parley with Lund. Lund hosted him for dinner": who Lund saw most recently
        partners = next(([p.name for p in c] for c in scope.contacts if any(
            names_match(p.name, n) for p in c for n in named)), [])
    for pool in (before, scope.sentence_subject, subject, scope.previous_people, partners):
        names = []
        for name in pool:
            if not any(names_match(name, x) for x in exclude + names) and _may_be(token, name, scope.people):
                names.append(name)
        if len(names) == 1:
            known = scope.people.find(names[0])
            return Participant(names[0], known.role if known else None)
        if names:
            return None
    return None


_PRONOUN_SEX = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}


def _may_be(pronoun, name: str, people) -> bool:
    """"She" is not Mr Lund: a pronoun never stands for a name a courtesy title gives the other sex."""
    known = people.find(name)
    return known is None or known.sex is None or known.sex == _PRONOUN_SEX.get(pronoun.lower_, known.sex)


def _described_subject(pronoun):
    """The sentence's subject when it is a person written by office alone ("The Saudi crown
    prince") before the pronoun: "he" is most likely that person, not one named earlier."""
    root = next((t for t in pronoun.doc if t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubjpass"}), None) if root is not None else None
    if subject is None or subject.i >= pronoun.i or subject.tag_ not in {"NN", "NNP"} or subject.ent_type_ or (
            subject.tag_ == "NNP" and not subject.is_lower):  # "the prime minister", tagged as a name
        return None
    return subject if subject.lemma_.lower() in lexicons.words("role_nouns") else None


def reporter_of(token, people: People) -> str | None:
    """The named person who reports the clause holding ``token`` ("Lund noted ... their summit")."""
    for verb in token.ancestors:
        if verb.lemma_.lower() in lexicons.words("reporting_verbs"):
            for subject in (c for c in verb.children if c.dep_ == "nsubj"):
                ent = entity_of(subject)
                if ent is not None and ent.label_ == "PERSON":
                    known = people.find(entity_name(ent))
                    return known.name if known else entity_name(ent)
                named = subject.tag_ == "NNP" and not any(c.dep_ == "det" for c in subject.children)
                known = people.find(subject.text) if named else None  # not "the Defence Ministry"
                if known is not None and known.label in {"PERSON", "ORG"}:
                    # a name the recogniser missed here, or took for an organisation elsewhere:
                    # who reports is a person ("Lund said she ...")
                    return known.name
    return None


def count_of(token) -> int:
    """How many a plural reference says: "the 3 envoys" 3, "both envoys" 2, "they" 0 (any)."""
    words = [token.lower_] + [c.lower_ for c in token.children if c.dep_ in {"nummod", "det", "predet", "amod"}]
    return next((COUNTS[w] for w in words if w in COUNTS), 0)


def in_a_time_clause(token) -> bool:
    """"..., when they met in Oslo": the subject of a clause of time below the sentence's verb."""
    clause = token.head
    return token.dep_ == "nsubj" and clause.dep_ == "advcl" and any(
        c.dep_ == "advmod" and c.lower_ in {"when", "as", "after", "before", "while", "once"} or
        c.dep_ == "mark" and c.lower_ in {"as", "after", "before", "while", "once"} for c in clause.children)
