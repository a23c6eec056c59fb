"""Stage 1: the words that report a contact, and its kind.

A trigger is a verb ("met", "phoned", "hosted") or a noun ("talks", "summit", "dinner") from
qa/lexicons/meeting_triggers.json; its status (happened, planned, cancelled, or only imagined)
comes from :mod:`.status`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from qa import lexicons

from .clauses import after_title, base_forms, is_person_like
from .status import status_of


def _lex() -> dict:
    return lexicons.table("meeting_triggers")


@lru_cache(maxsize=None)
def topic_verbs() -> frozenset[str]:
    """Verbs whose object is what a contact was about ("discussed fishing quotas", "focused on timber tariffs")."""
    return frozenset({"discuss", *lexicons.table("reason_cues")["topic_verbs"]})


def trigger_regex() -> re.Pattern:
    """Cheap pre-filter: a sentence without one of these word stems is never parsed."""
    lex = _lex()
    stems = (set(lex["verbs"]) | set(lex["nouns"]) | set(lex["call_only_nouns"]) | set(lex["irregular_forms"])
             | set(lex["accompanying_verbs"]))
    return re.compile(r"\b(?:" + "|".join(sorted(stems, key=len, reverse=True)) + r")\w*", re.I)


@dataclass
class Trigger:
    token: object  # the spaCy token
    kind: str
    status: str


@lru_cache(maxsize=None)
def call_words() -> frozenset[str]:
    """"phone", "video", "hotline": words that make a contact a call."""
    return frozenset(_lex()["call_words"])


def _has_call_word(token) -> bool:
    """"spoke by phone", "a phone call", "a video conversation", "talked over a video link"."""
    words = call_words()
    for child in token.subtree if token.pos_ == "NOUN" else token.children:
        if child.lower_ in words:
            return True
        if child.dep_ in {"prep", "agent"} and any(g.lower_ in words for g in child.subtree):
            return True
    return False


def _call_in_sentence(token) -> bool:
    """"In a much anticipated call, Trump spoke with Putin"."""
    return any(t.lemma_.lower() in {"call", "phone", "telephone"} and t.pos_ == "NOUN" for t in token.sent)


def _has_person_object(token) -> bool:
    """Someone received, hosted or greeted: the object, or who a passive's subject is, also
    when a joined verb holds it ("arrived and was greeted by Lund")."""
    if any((c.dep_ in {"dobj", "nsubjpass"} or misread_object(c)) and is_person_like(c) for c in token.children):
        return True
    passive = any(c.dep_ == "auxpass" for c in token.children) and any(
        c.dep_ == "agent" and any(is_person_like(o) for o in c.children) for c in token.children)
    if passive and any(c.dep_ == "nsubjpass" and c.tag_ in {"NNP", "NNPS", "PRP"} for c in token.children):
        return True  # "Berg was received by Crown Prince Omar", whatever the recogniser made of either
    if passive and token.dep_ in {"pcomp", "advcl", "xcomp"}:
        # "became prime minister after being received by the King", "is due to be welcomed by Lund"
        return any(c.dep_ in {"nsubj", "nsubjpass"} and is_person_like(c) for c in clause_above(token).children)
    return passive and token.dep_ == "conj" and any(
        c.dep_ in {"nsubj", "nsubjpass"} and is_person_like(c) for c in token.head.children)


def clause_above(verb):
    """The verb whose subject a passive without its own is about: "after being received" hangs
    from "became", "to be welcomed" from "is due"."""
    node = verb
    while node.dep_ in {"pcomp", "advcl", "xcomp", "acomp", "prep"} and node.head.i != node.i:
        node = node.head
        if any(c.dep_ in {"nsubj", "nsubjpass"} for c in node.children):
            break
    return node


def misread_object(token) -> bool:
    """"called Lund on Monday" with "Lund" parsed as a predicate ("called him a thief"): a
    proper name that is the verb's only object."""
    return token.dep_ == "oprd" and token.tag_ in {"NNP", "NNPS"} and not any(
        c.dep_ in {"dobj", "dative"} for c in token.head.children)


def _joint_subject(token) -> bool:
    """Two or more people as the subject: "they", "the two leaders", "Lund and Berg"."""
    return any(c.dep_ == "nsubj" and (c.lower_ == "they" or any(x.dep_ == "conj" for x in c.children)
                                      or c.lemma_.lower() in lexicons.words("plural_references") and c.tag_ == "NNS")
               for c in token.children)


def _inside_other_trigger(token, kinds: dict) -> bool:
    """A noun reached by a preposition from another trigger is that trigger's occasion or kind
    ("met on the sidelines of the summit", "hosted him for dinner"), not a contact of its own."""
    node = token
    while node.dep_ in {"pobj", "prep", "compound", "conj"} and node.head.i != node.i:
        if node.dep_ == "prep" and node.lower_ == "since":
            return False  # "has not met Berg since their call in May": an earlier contact of its own
        node = node.head
        if node.i in kinds and node.i != token.i:
            return True
        if node.pos_ in {"VERB", "AUX"}:
            return False  # "to meet Lund and then fly to Oslo for talks with Berg": the verb's own talks
    return False


def _joins_people(token) -> bool:
    """"will join other G20 leaders for the summit", "joined Lund in Oslo": people joined, not
    a body ("joined the alliance")."""
    def people(t) -> bool:
        return t.ent_type_ == "PERSON" or (t.tag_ == "NNS" and t.lemma_.lower() in
                                           lexicons.words("role_nouns") | lexicons.words("group_nouns"))
    return any(c.dep_ == "dobj" and people(c) for c in token.children)


def contact_lemma(verb) -> str:
    """The verb's lemma as the lexicon lists it: the lemmatiser errs on some forms ("dined"
    gave "din")."""
    lemma = verb.lemma_.lower()
    if lemma in _lex()["verbs"]:
        return lemma
    return next((form for form in sorted(base_forms(verb)) if form in _lex()["verbs"]), lemma)


def companions(verb) -> list:
    """"toured the plant with Minister Lund", "walked through the town with Lund": the people
    named after "with", which the parser may hang on the place."""
    places = [verb] + [c for c in verb.children if c.dep_ == "dobj"] + [
        o for p in verb.children if p.dep_ == "prep" and p.lower_ != "with" for o in p.children if o.dep_ == "pobj"]
    return [o for x in places for p in x.children if p.dep_ == "prep" and p.lower_ == "with"
            for o in p.children if o.dep_ == "pobj" and (o.ent_type_ == "PERSON" or after_title(o))]


def _accompanies_someone(token) -> bool:
    """A visit made with someone named ("toured the site with Lund", "Lund and Berg toured the
    site together"), not a tour alone."""
    return bool(companions(token)) or (_joint_subject(token) and any(c.lower_ == "together" for c in token.children))


def _not_a_contact_occasion(verb) -> bool:
    """"sat down with Lund for an interview", "meet in the cup final": a media interview or a
    sports fixture, not people meeting."""
    lex = _lex()
    objects = [o for p in verb.children if p.dep_ == "prep" and p.lower_ in {"for", "in", "during"}
               for o in p.children if o.dep_ == "pobj"]
    if any(o.lemma_.lower() in lex["media_occasions"] for o in objects):
        return True
    return contact_lemma(verb) == "meet" and any(
        _phrase_noun(o).lemma_.lower() in lex["fixture_nouns"] for o in objects if o.head.lower_ == "in")


def _phrase_noun(obj):
    """The last word of a noun phrase, its noun whatever the parser made of it: "final" of "the
    cup final" (parsed as an adjective) or of "the Copa Nordica final" (parsed apart)."""
    last = max([obj, *(c for c in obj.children if c.dep_ in {"amod", "compound"} and c.i > obj.i)], key=lambda t: t.i)
    following = obj.doc[last.i + 1] if last.i + 1 < len(obj.doc) else None
    return following if following is not None and following.lemma_.lower() in _lex()["fixture_nouns"] else last


def _verb_kind(token) -> str | None:
    if _not_a_contact_occasion(token):
        return None
    lemma = contact_lemma(token)
    if lemma in _lex()["joining_verbs"]:
        return "meeting" if _joins_people(token) else None
    if lemma in _lex()["accompanying_verbs"]:
        return "visit" if _accompanies_someone(token) else None
    kind = _lex()["verbs"].get(lemma)
    if kind is None:
        return None
    if lemma == "confer" and any(c.dep_ == "prep" and c.lower_ == "on" for c in token.children):
        return None  # "conferred on Mr Lund its highest honour": an award, not talks
    # "called on parliament to intervene": urged; but "called on the crown prince to review the
    # preparations" visited him for that
    urged = any(c.dep_ in {"xcomp", "advcl"} and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                and c.lemma_.lower() not in set(_lex()["visit_purposes"]) | topic_verbs() for c in token.children)
    if lemma == "call" and urged and any(c.dep_ in {"prep", "prt"} and c.lower_ == "on" and c.i == token.i + 1
                                         for c in token.children):
        return None  # "called on parliament to intervene", "calling on world leaders to force ...": urged
    if lemma == "call" and _calls_on_someone(token) and not any(c.dep_ == "xcomp" for c in token.children):
        return "meeting"  # "called on the minister on Sunday": visited him (but "called on Lund to resign")
    if lemma in _lex()["needs_call_word"] and not _has_call_word(token):
        if lemma in {"talk", "speak"} and any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children):
            return "call" if _call_in_sentence(token) else "talks"
        if lemma == "talk" and _joint_subject(token) and any(c.dep_ == "prep" and c.lower_ == "about"
                                                             for c in token.children):
            return "talks"  # "they talked about trade", "Lund and Berg talked about fishing"
        addressed = {"to", "of", "out"} | ({"at"} if lemma == "speak" else set())
        if lemma in {"speak", "talk"} and _joint_subject(token) and not any(
                c.dep_ in {"dobj", "dative"} or (c.dep_ == "prep" and c.lower_ in addressed) for c in token.children):
            return "talks"  # "the two leaders spoke for two hours" (but "spoke to reporters", "spoke at a rally")
        if lemma not in _lex()["needs_person_object"] or not _has_person_object(token):
            return None
    if lemma in _lex()["needs_person_object"] and not _has_person_object(token) and kind != "call":
        return None
    particle = _lex()["particle_verbs"].get(lemma)
    if particle and not any(c.dep_ == "prt" and c.lower_ == particle for c in token.children):
        return None  # "reached out to him by phone", "sat down with Lund"; not "reached a deal"
    if any(c.dep_ == "prt" and c.lower_ in {"off", "for", "on"} for c in token.children):
        return None  # "called off", "called for"
    if lemma == "call" and any(c.dep_ in {"ccomp", "attr"} or (c.dep_ == "xcomp" and not _has_person_object(token))
                               or (c.dep_ == "oprd" and not misread_object(c)) for c in token.children):
        return None  # "called him a thief", "called on them to leave"; but "called Lund to explain" phoned him
    if lemma == "call" and _quoted_after_object(token):
        return None  # 'called Lund "a great friend"', the epithet parsed apart: a name given, not a phone call
    if lemma == "meet" and any(c.dep_ == "dobj" and base_forms(c) & set(_lex()["satisfy_objects"])
                               for c in token.children):
        return None  # "meet targets", "meet demands"
    if kind in {"meeting", "talks"} and _has_call_word(token):
        return "call"  # "met virtually", "held talks by video link"
    return kind


def _quoted_after_object(verb) -> bool:
    """Whether a quotation opens right after the verb's object ('called Lund "a friend"')."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if not objects:
        return False
    after = objects[0].right_edge.i + 1
    doc = verb.doc
    return after + 1 < len(doc) and doc[after].text in {'"', "“", "‘", "'"} and doc[after + 1].is_alpha


def _speech(word) -> bool:
    """"address(ed)", or a verb whose object is a speech ("delivered an address", "gave remarks")."""
    return word.lemma_.lower() in _lex()["speech_verbs"] or word.lemma_.lower() in _lex()["speech_nouns"] or any(
        c.dep_ == "dobj" and c.lemma_.lower() in _lex()["speech_nouns"] for c in word.children)


def _addressed(noun) -> bool:
    """What a speech verb's object is, or says it is: "addressed a meeting of the forum", "addressed
    the closing session of the Nordic Days, a gathering of bishops"."""
    node = noun
    for _ in range(6):
        if node.dep_ in {"dobj", "dative"} and node.head.lemma_.lower() in _lex()["speech_verbs"]:
            return True
        if node.dep_ == "appos" or (node.dep_ == "pobj" and node.head.lower_ == "of") or (
                node.dep_ == "prep" and node.lower_ == "of"):
            node = node.head
        else:
            return False
    return False


def _calls_on_someone(noun) -> bool:
    return any(c.dep_ in {"prep", "prt"} and c.lower_ == "on" and any(  # "on" as a particle too
        o.dep_ == "pobj" and is_person_like(o) for o in c.children) for c in noun.children)


def _the_call_as_subject(noun) -> bool:
    return noun.dep_ in {"nsubj", "nsubjpass"} and any(
        c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in noun.children)


def _noun_kind(token) -> str | None:
    kind = _lex()["nouns"].get(token.lower_) or _lex()["nouns"].get(token.lemma_.lower())
    if kind is None and _has_call_word(token):  # "a video conference", not a news conference
        kind = _lex()["call_only_nouns"].get(token.lemma_.lower())
    if kind is None:
        return None
    if _addressed(token):
        return None  # "will address a joint meeting of Congress", "told a meeting of the forum": a speech
    if token.dep_ == "pobj" and token.head.lower_ == "to" and _speech(token.head.head):
        return None  # "gave a speech to a meeting of the forum", "delivered an address to": a speech too
    if token.is_title and token.ent_type_ in {"WORK_OF_ART", "ORG", "PRODUCT", "LOC", "GPE", "FAC", "PERSON"}:
        return None  # part of a name: a programme called "Lunch with Lund"
    if any(c.dep_ in {"compound", "amod"} and {c.lower_, c.lemma_.lower()} & set(_lex()["market_occasions"])
           for c in token.children):
        return None  # "on the earnings call with analysts": a firm reporting to the market
    plural_listed = token.lower_ != token.lemma_.lower() and token.lower_ in _lex()["nouns"]  # "talks", not "a talk"
    if token.lemma_.lower() in _lex()["needs_call_word"] and not plural_listed and not _has_call_word(token):
        if token.lemma_.lower() == "call" and _calls_on_someone(token):
            return "meeting"  # "paid a courtesy call on Lund": a visit in person
        if _the_call_as_subject(token):
            return kind  # "The call, which lasted an hour, focused on trade": the call just reported
        if not any(c.dep_ == "prep" and c.lower_ in {"with", "between", "from"} for c in token.children):
            return None
        if any(c.dep_ == "prep" and c.lower_ == "for" for c in token.children):
            return None  # "calls for restraint"
    return kind


def _kind_from_occasion(token, kind: str) -> str:
    """"hosted him for dinner" is a dinner; "met by video link" a call."""
    hung = [c for o in token.children if o.dep_ == "dobj" for c in o.children]  # "hosted [Vik for dinner]"
    for prep in (c for c in [*token.children, *hung] if c.dep_ == "prep" and c.lower_ in {"for", "over", "at", "by"}):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            occasion = _lex()["nouns"].get(obj.lemma_.lower())
            if occasion in {"dinner", "call", "talks"}:
                return occasion
            if obj.lower_ in _lex()["call_words"]:
                return "call"
    return kind


def find_triggers(doc) -> list[Trigger]:
    """The contact triggers of one parsed sentence (dropped: imagined ones and sports)."""
    if _is_sport(doc):
        return []
    kinds: dict[int, str] = {}
    for token in doc:
        if token.is_title and not token.is_sent_start and token.tag_.startswith("VB"):
            kind = None  # a verb in a title: "appeared on Meet the Press"
        elif token.pos_ in {"VERB", "AUX"} or (token.tag_.startswith("VB") and token.pos_ != "PROPN"):
            kind = _verb_kind(token)
            if kind is None and token.lower_ == "talks" and token.i > 0 and token.nbor(-1).lemma_ in _lex()["light_verbs"]:
                kind = "talks"  # "will have talks on ...", tagged as a verb
        elif token.pos_ in {"NOUN", "PROPN"}:
            kind = _noun_kind(token)
        else:
            kind = None
        if kind:
            kinds[token.i] = kind
    found = []
    for i, kind in kinds.items():
        token = doc[i]
        if token.pos_ in {"NOUN", "PROPN"} and _inside_other_trigger(token, kinds):
            continue
        status = status_of(token)
        if status is not None:
            found.append(Trigger(token, _kind_from_occasion(token, kind), status))
    return found


def _is_sport(doc) -> bool:
    """Two sports words used as nouns ("the final", "the second round of the tournament"; not
    "a final round of talks")."""
    sport = set(_lex()["sport_words"])
    def of_something_else(t) -> bool:
        return any(o.lemma_.lower() not in sport for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
                   for o in p.children if o.dep_ == "pobj")
    return sum(t.lemma_.lower() in sport and t.pos_ in {"NOUN", "PROPN"} and not of_something_else(t)
               and not _in_its_setting(t) for t in doc) >= 2


_SETTINGS = frozenset({"eve", "sideline", "sidelines", "margin", "margins", "fringe", "fringes", "before", "after",
                       "during", "ahead"})


def _in_its_setting(token) -> bool:
    """"met Lund on the eve of the cup final", "on the sidelines of the tournament": the sport
    only tells when or where a contact was."""
    return any(a.lower_ in _SETTINGS for a in token.ancestors)
