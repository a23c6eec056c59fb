"""Readings of a parsed sentence shared by the stages: the verb a noun hangs from, the verb
a misattached purpose belongs to, whether a word names a person, a word's base forms.
"""

from __future__ import annotations

import re

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
            or _lone_name_misread(token)
            or (token.tag_ == "NNPS" and any(c.lower_ == "the" for c in token.children))  # "the Lunds", a family
            or token.lemma_.lower() in lexicons.words("role_nouns") | lexicons.words("group_nouns"))


def _lone_name_misread(token) -> bool:
    """"hosted Ekholm", the surname taken for an event or a work: one capitalised word with no
    article ("hosted the Olympics" is an event)."""
    return token.tag_ == "NNP" and token.ent_type_ in {"EVENT", "WORK_OF_ART", "PRODUCT"} and token.ent_iob_ == "B" \
        and (token.i + 1 >= len(token.doc) or token.doc[token.i + 1].ent_iob_ != "I") \
        and not any(c.dep_ == "det" for c in token.children)


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
    """The contact nouns a verb's action was for or at: "met Lund for talks on fishing", "met for
    an hour of talks on fishing"."""
    objects = [o for p in verb.children if p.dep_ == "prep" and p.lower_ in preps for o in p.children if o.dep_ == "pobj"]
    objects += [o for x in objects if x.ent_type_ in {"TIME", "DATE"} for p in x.children if p.dep_ == "prep"
                and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    return [o for o in objects if o.lemma_.lower() in contact_nouns()]


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


_DAY_OF = re.compile(r"^on the (?:first|second|third|fourth|fifth|last|final) day\b", re.I)


def told_by_another_event(time_text: str) -> bool:
    """A time written as another event's ("before the news conference", "on the second day of
    the visit"): no day of its own."""
    return time_text.lower().split(" ", 1)[0] in OCCASION_TIME_WORDS or bool(_DAY_OF.match(time_text))


_OCCURRING = {"hold", "happen", "occur", "begin", "start", "open", "end", "conclude", "close", "continue", "resume",
              "convene", "last"}


def taking_place(noun) -> bool:
    """The contact as the subject of a verb that says it took place: "the talks were held",
    "the meeting took place", "the summit opened"."""
    verb = noun.head
    if noun.dep_ not in {"nsubj", "nsubjpass"} or verb.pos_ not in {"VERB", "AUX"}:
        return False
    lemma = verb.lemma_.lower()
    if lemma == "be":  # "their last meeting was at the Tolvik forum in May"
        return any(c.dep_ == "prep" and c.lower_ in {"at", "in", "on"} for c in verb.children)
    return lemma in _OCCURRING or (lemma == "take" and any(c.dep_ == "dobj" and c.lower_ == "place" for c in verb.children))
