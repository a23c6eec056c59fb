"""Readings of a parsed sentence shared by the stages: the verb a noun hangs from, the verb
a misattached purpose belongs to, whether a word names a person, a word's base forms.
"""

from __future__ import annotations

from functools import lru_cache

from qa import lexicons
from qa.names import is_title_word

_MISREAD_LABELS = {"FAC", "WORK_OF_ART", "PRODUCT", "LOC", "GPE", "ORG", "EVENT", "LAW", "NORP"}


def is_person_like(token) -> bool:
    """A person, a pronoun, an office or a group of people ("received the foreign minister",
    "hosted Norland officials"); not a prize, a sum or a firm ("received an award")."""
    if token.lemma_.lower() in lexicons.words("award_words"):
        return False
    return (token.ent_type_ == "PERSON" or token.tag_ == "PRP" or after_title(token)
            or (token.tag_ in {"NNP", "NNPS"} and token.ent_type_ in {"", "NORP", "ORG"})  # a name it misread
            or token.lemma_.lower() in lexicons.words("role_nouns") | lexicons.words("group_nouns"))


def after_title(token) -> bool:
    """"President Ola Vik" taken for a building or a book: a name written right after a title
    is a person's, whatever the recogniser labelled it."""
    if token.tag_ not in {"NNP", "NNPS"} or token.ent_type_ not in _MISREAD_LABELS:
        return False
    doc, start = token.doc, token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    if start > 2 and doc[start - 1].lower_ in {"elect", "designate"} and doc[start - 2].text == "-":
        start -= 2  # "President-elect", tokenised in three
    if token.i > start and is_title_word(doc[start].text) and not is_title_word(token.text):
        return True  # the title taken in with the name: "Crown Prince Omar bin Tolvik" as a product
    return start > 0 and is_title_word(doc[start - 1].text)


def governing_verb(token, subject: bool = True):
    """The verb a noun trigger depends on ("held talks", "arrived for talks"; with ``subject``
    also "the talks were cancelled"), or None."""
    node = token
    deps = {"dobj", "pobj", "prep", "attr", "conj", "appos"} | ({"nsubj", "nsubjpass"} if subject else set())
    while node.dep_ in deps:
        if node.head.i == node.i:
            return None
        node = node.head
        if node.pos_ in {"VERB", "AUX"}:
            return node
    return None


def purpose_host(verb):
    """"travel to Oslo before the end of the year to meet Lund": the verb a purpose infinitive
    belongs to, when the parser hung it on the nearest noun as a relative clause; else None."""
    if verb.dep_ != "relcl" or is_person_like(verb.head) or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    return governing_verb(verb.head, subject=False)


def occasions(verb, preps: frozenset[str] = frozenset({"for", "at", "during", "over"})) -> list:
    """The contact nouns a verb's action was for or at: "met Lund for talks on fishing"."""
    return [o for p in verb.children if p.dep_ == "prep" and p.lower_ in preps
            for o in p.children if o.dep_ == "pobj" and o.lemma_.lower() in contact_nouns()]


@lru_cache(maxsize=None)
def contact_nouns() -> frozenset[str]:
    """The nouns that name a contact ("talks", "summit", "dinner"), from the triggers lexicon."""
    return frozenset(lexicons.table("meeting_triggers")["nouns"])


def base_forms(verb) -> set[str]:
    """The lemma and the word without its inflection: the lemmatiser errs on a mis-tagged
    sentence ("Lund hopes to meet" gave "hop")."""
    word = verb.lower_
    return {verb.lemma_.lower(), word} | {word[: -len(end)] for end in ("s", "es", "d", "ed") if word.endswith(end)}


OCCASION_TIME_WORDS = ("before", "after", "ahead")  # "before the talks", "ahead of the summit"


def told_by_another_event(time_text: str) -> bool:
    """A time written as another event's ("before the news conference"): no day of its own."""
    return time_text.lower().split(" ", 1)[0] in OCCASION_TIME_WORDS


_OCCURRING = {"hold", "happen", "occur", "begin", "start", "open", "end", "conclude", "close", "continue", "resume",
              "convene", "last"}


def taking_place(noun) -> bool:
    """The contact as the subject of a verb that says it took place: "the talks were held",
    "the meeting took place", "the summit opened"."""
    verb = noun.head
    if noun.dep_ not in {"nsubj", "nsubjpass"} or verb.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = verb.lemma_.lower()
    return lemma in _OCCURRING or (lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children))


def mend_verb_read_as_modifier(doc):
    """"Vik hosted German Chancellor Ola Berg in Oslo", parsed as if "hosted" were an adjective
    of "Berg" (the sentence's root): a past-tense verb with a subject of its own is the verb, and
    the noun it seemed to modify its object. Mends the parse in place; returns the doc."""
    for verb in doc:
        noun = verb.head
        if (verb.dep_ == "amod" and verb.tag_ == "VBD" and noun.dep_ == "ROOT" and noun.i > verb.i
                and noun.pos_ in {"NOUN", "PROPN"} and any(c.dep_ == "nsubj" for c in verb.children)):
            verb.head, verb.dep_ = verb, "ROOT"
            noun.head, noun.dep_ = verb, "dobj"
            for prep in [c for c in noun.children if c.dep_ == "prep" and c.i > noun.i]:
                if any(o.ent_type_ in {"DATE", "TIME"} for o in prep.children):
                    prep.head = verb  # "... in Oslo on Tuesday": when the verb happened
    return doc


def mend_particle_names(doc):
    """"Michel and von der Leyen held talks": a family name with lower-case particles, which the
    parser splits into several people ("von der", "Leyen"). The particles become words of the
    name, and the name one person entity. Mends the parse in place; returns the doc."""
    particles = lexicons.words("name_particles")
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and doc[j].text in particles:  # lower-case only: "De" may start a sentence
            j += 1
        # after a person's first names ("Lula da Silva"), or "von"/"van" anywhere; not a place's
        # ("Rio de Janeiro", "Place de la Concorde")
        if j > i and j < len(doc) and doc[j].text[:1].isupper() and doc[j].tag_ in {"NNP", "NNPS"} and (
                (i > 0 and doc[i - 1].ent_type_ == "PERSON") or doc[i].text in {"von", "van"}):
            if _hang_particles_on_name(doc, i, j):
                _one_person(doc, i, j + 1)
        i = j + 1 if j > i else i + 1
    return doc


def _hang_particles_on_name(doc, i: int, j: int) -> bool:
    """Particles i..j-1 become compounds of the name j, which takes their place in the tree
    when it hung from one of them. False (nothing changed) where the tree would not stay one."""
    group = range(i, j + 1)
    heads = {t.i: t.head.i for t in doc}
    deps = {t.i: t.dep_ for t in doc}
    if heads[j] in group:
        outside = next((k for k in range(i, j) if heads[k] not in group), None)
        if outside is None:
            return False
        heads[j], deps[j] = heads[outside], deps[outside]  # the name takes the particles' place
    for k in range(i, j):
        heads[k], deps[k] = j, "compound"
    if not _one_tree(heads, [t.i for t in doc if t.head.i == t.i]):
        return False
    for k in range(i, j + 1):
        doc[k].head, doc[k].dep_ = doc[heads[k]], deps[k]
    return True


def _one_tree(heads: dict[int, int], roots: list[int]) -> bool:
    """Every word reaches one of the same roots, with no cycle."""
    for start in heads:
        node, seen = start, set()
        while heads[node] != node:
            if node in seen:
                return False
            seen.add(node)
            node = heads[node]
        if node not in roots:
            return False
    return True


def _one_person(doc, start: int, end: int) -> None:
    """The tokens start..end one PERSON entity, joined to a person's name just before it."""
    from spacy.tokens import Span
    before = [e for e in doc.ents if e.start < start <= e.end and e.label_ == "PERSON"]
    start = before[0].start if before else start  # "Ursula von der Leyen", however the recogniser split it
    kept = [e for e in doc.ents if e.end <= start or e.start >= end]
    doc.ents = kept + [Span(doc, start, end, label="PERSON")]
