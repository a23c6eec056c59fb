"""Stage 2: names. An article's people, and the names a token can carry.

An article's people are gathered once (full names, roles written next to them, and people the
recogniser missed but a title names, "King Tomas"); a token then names one of them by its
entity, a bare surname or family name ("Blair", "Xi"), or a role the article gives one person
only (:meth:`People.by_role`). Pronouns, "both envoys" and descriptions are resolved in
``references``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from qa import lexicons
from qa.names import clean_name, is_title_word, name_key, names_match, strip_titles
from qa.nlp import main_clauses, trimmed

from .arguments import is_where_clause
from .clauses import after_title
from .records import Participant
from .written_roles import TITLE_MODIFIERS, country_after, country_of, role_apposed, role_before, role_inside

NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
_NOT_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
              "january", "february", "march", "april", "june", "july", "august", "september",
              "october", "november", "december", "reuters", "ap", "afp", "bbc"}
_ROLE_STOP = {"the", "a", "an", "his", "her", "their", "its", "of", "and", "for", "former", "then",
              "new", "counterpart", "counterparts", "s", "'s", "’s", "mr", "mrs", "ms"}
SYNONYMS = lexicons.mapping("role_synonyms")  # "chief" and "head" are one office, "spy" and "intelligence" one service
_LEADING_ROLES = {"president", "prime", "chancellor", "king", "queen", "emir", "sultan", "taoiseach"}


def role_words(text: str) -> set[str]:
    """Comparable words of a role: demonyms become countries, "chief" and "head" are one."""
    demonyms = lexicons.mapping("demonyms")
    out = set()
    for raw in re.findall(r"[\w'’-]+", text.lower()):
        word = re.sub(r"['’]s$", "", raw)
        word = name_key(demonyms.get(word, word)) if word in demonyms else word
        word = SYNONYMS.get(word, word)
        if word and word not in _ROLE_STOP:
            out.update(word.split())
    return out


@functools.cache
def office_words() -> frozenset[str]:
    """Every word of an office in the role nouns lexicon ("minister", "prime", "head", ...)."""
    return frozenset(w for noun in lexicons.words("role_nouns") for w in role_words(noun))


def singular_office(word: str) -> str:
    """"ministers" -> "minister" where the singular is an office word ("both foreign ministers")."""
    singular = role_words(word[:-1]) if word.endswith("s") else set()
    return word[:-1] if singular and singular <= office_words() else word


def is_office_word(word: str) -> bool:
    """"minister", "ministers", "chief", "spokesman": a word of an office (the role nouns
    lexicon, a plural as its singular)."""
    words = role_words(singular_office(word))
    return bool(words) and words <= office_words()


@dataclass
class Person:
    name: str
    role: str | None
    label: str
    sex: str | None = None  # "m" or "f" when a courtesy title says so ("Mr Lund", "Ms Berg")


@dataclass
class People:
    """The named people, organisations and countries of one article."""

    known: list[Person] = field(default_factory=list)
    # people the recogniser missed, known by the title written before them ("King Tomas"):
    # only for what their title alone refers to ("the King")
    titled: list[Person] = field(default_factory=list)

    def add(self, name: str, role: str | None, label: str) -> Person:
        for person in self.known:
            if person.label == label and names_match(person.name, name):
                if len(name.split()) > len(person.name.split()):
                    person.name = name
                person.role = person.role or role
                return person
        person = Person(name, role, label)
        self.known.append(person)
        return person

    def find(self, name: str) -> Person | None:
        """The one known person a (possibly partial) name stands for."""
        size = len(name.split())
        hits = [p for p in self.known if len(p.name.split()) >= size and names_match(p.name, name)]
        people = [p for p in hits if p.label == "PERSON"]
        exact = [p for p in hits if name_key(p.name) == name_key(name)]
        hits = people or exact or hits  # "Japan" is the country, not "the National Press Club of Japan"
        if size == 1 and len(people) > 1 and all(p.name.split()[-1] == people[0].name.split()[-1] for p in people):
            hits = people[:1]  # "Lund" in a story of Tom and Olga Lund: the one it names first
        if not hits or not all(names_match(p.name, q.name) for p in hits for q in hits):
            return None
        best = max(hits, key=lambda p: (len(p.name.split()), p.role is not None))
        if best.role is None:
            best.role = next((p.role for p in hits if p.role), None)
        return best

    def by_role(self, words: set[str], head: str, exclude: list[str]) -> Person | None:
        """The one person whose role holds every word of a description ("Turkey's intelligence
        chief", "his Norlandic counterpart", "the president")."""
        needed = words - {"counterpart"}

        def fits(person: Person, any_head: bool) -> bool:
            have = role_words(person.role or "")
            return person.label == "PERSON" and bool(person.role) and needed <= have and not any(
                names_match(person.name, x) for x in exclude) and (
                (any_head and head == "counterpart") or SYNONYMS.get(head, head) in have
                or (head == "leader" and bool(have & _LEADING_ROLES)))  # "the Norlandic leader": its president

        hits = [p for p in self.known if fits(p, any_head=True)] or [p for p in self.titled if fits(p, any_head=False)]
        return hits[0] if len(hits) == 1 else None


def entity_of(token):
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def gather_people(docs: list, people: People | None = None) -> People:
    """Every named person (with a role where one is written), organisation and country."""
    people = people or People()
    for doc in docs:
        for ent in doc.ents:
            titled = after_title(ent[0]) or (after_title(ent[-1]) and not _a_place_noun(ent[-1]))  # "King Tomas" as a building
            if ent.label_ not in NAME_LABELS - {"NORP"} and not titled:
                continue
            name = entity_name(ent)
            if not name or name.lower() in _NOT_NAMES:
                continue
            label = "PERSON" if titled or _after_title_of(ent) or _called_he_or_she(ent) else ent.label_
            apposed = role_apposed(ent) if label in {"PERSON", "ORG"} else None
            if label == "ORG" and ent.root.dep_ == "appos" and apposed:
                label = "PERSON"  # "the Norlandic president, Ola Vik,": a name apposed to an office is a person's
            role = apposed or role_before(ent) or role_inside(ent) if label == "PERSON" else None
            if role and (country := country_after(ent)) and country not in role:
                role += f" of {country}"  # "King Tomas of Norland": the Norlandic leader
            person = people.add(name, role, label)
            person.sex = person.sex or next((_SEXES[t.lower_.rstrip(".")] for t in doc[max(ent.start - 1, 0): ent.start + 1]
                                             if t.lower_.rstrip(".") in _SEXES), None)  # "Ms Berg", tagged with or without "Ms"
        for token in doc:  # "King Tomas" the recogniser missed: a person, whom "the King" names
            titles = [c for c in token.children if c.dep_ == "compound" and c.i < token.i and is_title_word(c.text)
                      and c.lower_ not in TITLE_MODIFIERS]
            country = country_of(token)  # "King Tomas of Norland"
            if titles and not token.ent_type_ and token.tag_ == "NNP" and token.dep_ != "compound" and not any(
                    c.dep_ == "prep" and (country is None or c.i != country.i) for c in token.children):  # not "General Accord on Fish"
                name = _proper_name(token)
                if name and people.find(name) is None and not any(names_match(p.name, name) for p in people.titled):
                    role = " ".join(t.text for t in titles)
                    role += f" of {token.doc[country.i + 1: country.right_edge.i + 1].text}" if country else ""
                    people.titled.append(Person(name, role, "PERSON"))
    for doc in docs:  # "Mr Lund" where the recogniser did not tag the name: the title still tells
        for title in (t for t in doc[:-1] if t.lower_.rstrip(".") in _SEXES and t.nbor(1).is_title):
            known = people.find(title.nbor(1).text)
            if known is not None and known.label == "PERSON":
                known.sex = known.sex or _SEXES[title.lower_.rstrip(".")]
    return people


# courtesy titles that say whether "he" or "she" may stand for the name after them
_SEXES = {**dict.fromkeys(("mr", "sir", "lord", "king", "prince", "baron"), "m"),
          **dict.fromkeys(("ms", "mrs", "miss", "dame", "lady", "queen", "princess", "baroness", "madam"), "f")}


def _a_place_noun(token) -> bool:
    """"King Tomas Bridge", "Queen Ida Hall": a place named after a titled person."""
    return any(token.lemma_.lower() in lexicons.words(name) for name in ("venue_nouns", "place_nouns", "street_nouns"))


def _called_he_or_she(ent) -> bool:
    """"Ravel Dunmore said he would ...": a name the recogniser took for an organisation is a
    person's when the clause it reports has "he" or "she" for subject."""
    root = ent.root
    if ent.label_ != "ORG" or root.dep_ != "nsubj" or any(c.dep_ == "det" for c in root.children):
        return False  # "the Defence Ministry said he ...": a name with "the" is no one's
    return any(c.dep_ == "ccomp" and any(s.dep_ == "nsubj" and s.lower_ in {"he", "she"} for s in c.children)
               for c in root.head.children)


def _after_title_of(ent) -> bool:
    """"Secretary of Fisheries Karl Dunmore": a name after a title and its department, which
    the recogniser may take whole for an organisation, is a person's."""
    doc = ent.doc
    return (len(ent) > 2 and ent.start > 1 and doc[ent.start - 1].lower_ == "of"
            and is_title_word(doc[ent.start - 2].text))


def entity_name(ent) -> str:
    """A named entity's name without titles and without what the recogniser glued to it: the
    department of a title written before it ("Secretary of Fisheries Karl Dunmore", which it
    may take for a person or an organisation), and a clause after a comma ("Dunmore, Norland News
    Service said")."""
    text = trimmed(ent).text
    if all(is_title_word(w) or w.lower() == "the" for w in text.split()):
        return ""  # "the King": an office, resolved by role
    if ent.label_ not in {"PERSON", "ORG"}:
        return strip_titles(text)
    words = text.split(",")[0].split()
    if len(words) > 2 and _after_title_of(ent):
        words = words[1:]
        while len(words) > 3 and words[0] in {"and", "&"}:
            words = words[2:]  # "Secretary of Fisheries and Harbours Ola Vik": the rest of the department
    cut = next((i for i, w in enumerate(words) if i > 0 and w in _GLUED_PREPOSITIONS), len(words))
    return strip_titles(" ".join(words[:cut]))  # "Lund at Tolvik Palace": the venue glued on


_GLUED_PREPOSITIONS = {"at", "in", "on", "during"}
_PARTY_AND_STATE = re.compile(r"[DRI]\s?-\s?[A-Z][A-Za-z.]*")  # "Sen. Tomas Lund, D-Conn.,"


def _proper_name(token) -> str | None:
    """A capitalised name the entity recogniser missed: the token with its name compounds."""
    if _PARTY_AND_STATE.fullmatch(token.doc[token.left_edge.i: token.i + 1].text):
        return None  # a lawmaker's party and state, written after the name
    parts = [c for c in token.children if c.dep_ == "compound" and c.tag_ in {"NNP", "NNPS"} and c.i < token.i]
    while parts and not (parts[0].text[:1].isupper() and all(p.text[:1].isupper() for p in parts)):
        parts = parts[1:]  # "President-elect Ola Vik": the name after the title's pieces
    hyphened = [i for i, p in enumerate(parts) if p.i + 1 < len(token.doc) and p.nbor(1).text in {"-", "–"}
                and p.ent_type_ not in {"GPE", "NORP", "LOC"}]  # (but "the India-Russia summit" is no one's)
    parts = parts[hyphened[-1] + 1:] if hyphened else parts  # "the Lund-Berg talks": two people, not one
    tokens = parts + [token]
    name = clean_name(" ".join(t.text for t in tokens))
    name = strip_titles(name)
    if not name or not name[0].isupper() or name.lower() in _NOT_NAMES or is_title_word(name):
        return None
    if token.lemma_.lower() in lexicons.words("role_nouns"):
        return None  # "the Norland Foreign Minister" is an office: resolved by role, not a name
    return name


def _side_of_pair(token, ent, people: People) -> Participant | None:
    """"spoke with Berg and Varga", taken as one name: the known person on the token's side."""
    cuts = [t.i for t in ent if t.lower_ == "and"]
    if not cuts or token.i in cuts:
        return None
    start = max([c + 1 for c in cuts if c < token.i], default=ent.start)
    end = min([c for c in cuts if c > token.i], default=ent.end)
    known = people.find(clean_name(token.doc[start:end].text))
    return Participant(known.name, known.role) if known is not None and known.label == "PERSON" else None


def name_of(token, people: People) -> Participant | None:
    ent = entity_of(token)
    if ent is not None and ent.label_ in {"PERSON", "ORG"} and (side := _side_of_pair(token, ent, people)):
        return side
    if ent is not None and (after_title(ent[0]) or after_title(token)):
        name = strip_titles(ent.text)  # "President Ola Vik" the recogniser took for something else
    elif ent is not None and ent.label_ in NAME_LABELS:
        if ent.label_ == "NORP":
            return _surname_taken_for_nationality(ent, people)  # "Syrian" alone is a description, not a side
        name = entity_name(ent)
    elif token.tag_ in {"NNP", "NNPS"}:
        name = _proper_name(token)
    elif token.text[:1].isupper() and people.find(token.text) is not None:
        name = token.text  # a known name the tagger took for another word ("Ekholm met")
    else:
        return None
    if not name or name.lower() in _NOT_NAMES or name.startswith("@"):
        return None  # "@NorlandPM": an account quoted, not a person met
    known = people.find(name)
    if known is not None:
        return Participant(known.name, known.role)
    return Participant(name, None)


def _surname_taken_for_nationality(ent, people: People) -> Participant | None:
    """"Lund called Danes": a surname the recogniser took for a nationality is the person
    the article names in full, unless the word is a nationality indeed."""
    if len(ent) != 1 or ent.text.lower() in lexicons.mapping("demonyms"):
        return None
    known = people.find(ent.text)
    if known is None or known.label != "PERSON" or len(known.name.split()) < 2:
        return None
    return Participant(known.name, known.role)


def description(token) -> tuple[set[str], str]:
    """Words of a role description and its head: "his Norlandic counterpart" -> ({norland}, "counterpart")."""
    words = set()
    skip = {x.i for c in token.children if c.dep_ in {"relcl", "appos", "acl", "conj", "cc"} or (
        c.dep_ == "prep" and c.lower_ not in {"of", "for"}) for x in c.subtree}  # "counterpart in Oslo", "the King and the president"
    for t in token.subtree:
        if t.dep_ in {"relcl", "appos", "acl"} or t.i > token.i + 4 or t.i in skip:
            continue
        words |= role_words(t.text)
    return words, token.lemma_.lower()


def people_named(doc, people: People) -> list[str]:
    """Full names of the people a sentence names, in order; a known person's name the
    recogniser missed here counts too ("Berg told reporters ...")."""
    found: list[tuple[int, str]] = []
    for ent in doc.ents:
        if any(c.dep_ == "relcl" and is_where_clause(c) for c in ent.root.children):
            continue  # "visited Tolvikstad, where she held talks": a place, whatever the recogniser said
        if ent.root.dep_ == "compound" and ent.root.head.pos_ == "NOUN" and ent.root.head.is_lower:
            continue  # "the Vik crossing", "a Lund spokesman": a name describing something else
        known = people.find(entity_name(ent)) if ent.label_ in {"PERSON", "ORG"} else None
        if ent.label_ == "PERSON" or (known is not None and known.label == "PERSON"):
            found.append((ent.start, known.name if known else entity_name(ent)))
    for token in doc:
        if token.tag_ == "NNP" and not token.ent_type_:
            known = people.find(token.text)
            if known is not None and known.label == "PERSON":
                found.append((token.i, known.name))
    out: list[str] = []
    for _, name in sorted(found):
        if name and not any(names_match(name, x) for x in out):
            out.append(name)
    return out


def subject_person(doc, people: People) -> str | None:
    """The person a sentence is about: the named subject of its main verb, or of what a
    reporting verb reports ("Officials said Baldrige will meet Aquino")."""
    for head in main_clauses(doc):
        subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        # "Norland's defence minister, Tom Lund, arrived": the name apposed to the subject
        subjects += [a for c in subjects if c.pos_ == "NOUN" for a in c.children if a.dep_ == "appos"]
        for token in subjects:
            ent = entity_of(token)
            if ent is not None and (ent.label_ == "PERSON" or after_title(ent[0])):
                known = people.find(entity_name(ent))
                return known.name if known else entity_name(ent)
            known = people.find(token.text) if token.text[:1].isupper() else None
            if known is not None and known.label == "PERSON":
                return known.name  # a known person the recogniser labelled otherwise here
            if token.pos_ == "NOUN" and token.lemma_.lower() in lexicons.words("role_nouns") and any(
                    c.dep_ == "det" and c.lower_ == "the" for c in token.children):
                words, head = description(token)  # "The Norlandic leader, who ..., will ..."
                person = people.by_role(words - {head, SYNONYMS.get(head, head)}, head, [])
                if person is not None:
                    return person.name
    return None
