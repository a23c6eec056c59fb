"""The words a clause gives for the sides of a contact: its subjects (or the traveller, host
or planner they stand for) and the objects of its prepositions ("with Lund", "between Lund and
Berg"). Shared by :mod:`.sides`, which decides who met whom from them.
"""

from __future__ import annotations

from qa import lexicons
from qa.names import is_title_word

from .clauses import contact_nouns, is_person_like, purpose_host
from .lists import conjuncts
from .triggers import call_words


# "last met", "first met": a contact the story recalls; the parser may take the adverb for a subject
RECALLING_ADVERBS = frozenset({"last", "first", "previously"})
_TIME_ADVERBS = RECALLING_ADVERBS | {"recently"}


def subjects(verb) -> list:
    """Subjects of the verb, or of the verb it hangs from ("flew to Oslo to meet Lund")."""
    node = verb
    for _ in range(4):
        # "spoke in May and last met in June": "last" parsed as the subject of "met"
        subjects = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}
                    and not (c.lower_ in _TIME_ADVERBS and not list(c.children))]  # ("The two last met": "two")
        agents = [p for c in node.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                  and p.lower_ not in call_words()]  # "spoken by phone"
        if node.i != verb.i and any(s.dep_ == "nsubjpass" for s in subjects):
            # "X was summoned by the ministry to confer with Y": X confers, not the ministry
            return [t for s in subjects for t in conjuncts(s)]
        if agents:
            return [t for a in agents for t in conjuncts(a)]
        if subjects:
            if subjects[0].lower_ in {"who", "that"} and node.dep_ == "relcl":
                return conjuncts(node.head)
            return [t for s in subjects for t in conjuncts(s)]
        if node.i == verb.i and (misread := names_before(verb)):
            return misread
        host = purpose_host(node)
        if host is not None:  # "travel there before the end of the year to meet Lund": the traveller
            node = host
            continue
        if node.dep_ == "relcl" or (node.dep_ == "acl" and node.tag_ == "VBG"):
            return conjuncts(node.head)
        if node.dep_ == "pcomp" and node.head.lower_ == "for" and (
                praised := [c for c in node.head.head.children if c.dep_ == "dobj"]):
            return conjuncts(praised[0])  # "criticised Lund for hosting Berg": Lund hosted
        if node.dep_ == "acl" and node.i == verb.i and (planned := preposition_objects(node.head, {"for"})):
            return planned  # "plans for Lund to meet Berg", parsed as "plans for Lund" + "to meet Berg"
        if node.dep_ not in {"xcomp", "advcl", "conj", "ccomp", "pcomp", "prep", "pobj", "acomp"} or node.head.i == node.i:
            # "acomp": "X is due to meet Y"
            return []
        node = node.head
    return []


def names_before(verb) -> list:
    """"Mr Lund and Mr Berg last met": names the parser hung as modifiers of "last"."""
    return [t for c in verb.children if c.i < verb.i and c.dep_ in {"advmod", "npadvmod"}
            for m in c.children if m.dep_ in {"amod", "compound", "nmod"} and m.tag_ in {"NNP", "NNPS"}
            for t in conjuncts(m)]


def preposition_objects(token, words: set[str]) -> list:
    out = []
    preps = [c for c in token.children if c.dep_ == "prep" and c.lower_ in words]
    # "with Lund in Oslo and with Berg in Bergen": a preposition joined by "and", which the
    # parser hangs on the first preposition, another one or the word itself
    preps += [c for p in [token, *(x for x in token.children if x.dep_ == "prep")] for c in p.children
              if c.dep_ == "conj" and c.pos_ == "ADP" and c.lower_ in words]
    for prep in preps:
        for obj in (c for c in prep.children if c.dep_ == "pobj" and not _none_of(c)):
            out.extend(conjuncts(obj))
        # "with Lund to discuss quotas", parsed as "with [Lund to discuss quotas]"
        out.extend(t for c in prep.children if c.dep_ == "pcomp" and c.tag_ == "VB"
                   for s in c.children if s.dep_ == "nsubj" for t in conjuncts(s))
        # "with visiting Premier Lund", "with organizing committee head Lund": a name the
        # parser took for the object of a participle
        out.extend(t for c in prep.children if c.dep_ == "pcomp" and c.tag_ == "VBG"
                   for o in c.children if o.dep_ == "dobj" and o.ent_type_ == "PERSON" for t in conjuncts(o))
    return out


def _none_of(noun) -> bool:
    """"emerged from the meeting with no deal": nothing, not someone met."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)


def with_hung_elsewhere(verb) -> list:
    """Whom a contact is "with" when the parser hangs the "with" elsewhere: on the bare day ("held
    a video call Wednesday with Lund") or on the place ("met at the palace with Lund"; people
    only: not "a house with a garden")."""
    days = [t for c in verb.children if c.dep_ == "npadvmod" and c.ent_type_ in {"DATE", "TIME"}
            for t in preposition_objects(c, {"with"})]
    places = [t for p in verb.children if p.dep_ == "prep" and p.lower_ in {"at", "in", "on", "behind", "inside"}
              for o in p.children if o.dep_ == "pobj" for t in preposition_objects(o, {"with"})
              if t.ent_type_ == "PERSON" or is_title_word(t.nbor(-1).text)]
    return days + places


_TRAVEL_NOUNS = frozenset({"trip", "visit", "arrival", "journey", "tour", "mission", "departure", "flight", "stopover"})


def traveller(noun) -> list:
    """"Lund's trip to Oslo for talks with Berg", "the arrival of Lund for talks with Berg": the
    one who travels holds the talks, whoever the clause around the trip is about."""
    if noun.dep_ != "pobj" or noun.head.lower_ != "for" or noun.head.head.pos_ != "NOUN":
        return []
    travel = noun.head.head
    if travel.lemma_.lower() not in _TRAVEL_NOUNS:
        return []
    owners = [c for c in travel.children if c.dep_ == "poss" and is_person_like(c) and c.tag_ != "PRP$"]
    owners += [o for p in travel.children if p.dep_ == "prep" and p.lower_ == "of"
               for o in p.children if o.dep_ == "pobj" and is_person_like(o)]
    return [t for o in owners[:1] for t in conjuncts(o)]


def followed_contact(noun):
    """"will hold talks with Lund in Oslo, followed by a state dinner": the contact the noun comes
    after, whose people it has, or None."""
    follow = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "agent" else None
    if follow is None or follow.lemma_.lower() != "follow" or follow.dep_ not in {"advcl", "acl"}:
        return None
    above = follow.head
    if above.lemma_.lower() in contact_nouns():
        return above
    return next((c for c in above.children if c.dep_ == "dobj" and c.lemma_.lower() in contact_nouns()), None)


def holder_above(verb) -> list:
    """"Lund declined to say whether the plan had changed after the meeting with Berg", "His
    resignation was accepted during a meeting with Berg": the person of a clause above whose
    own subject is a thing, or whose possessor the thing is; never past a reporting verb ("Vik
    said the meeting with Berg went well" is not Vik's meeting)."""
    node = verb
    for _ in range(4):
        if node.lemma_.lower() in lexicons.words("reporting_verbs") or node.lemma_.lower() == "be":
            return []  # nor "Lund's trip is part of regular meetings with Berg": what it is, not a meeting
        for subject in (c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}):
            owners = [c for c in subject.children if c.dep_ == "poss"]
            people = [t for t in [subject] + owners if (is_person_like(t) or t.lower_ in {"his", "her"})
                      and t.lemma_.lower() not in lexicons.words("group_nouns")]
            if people:
                return [t for p in people[:1] for t in conjuncts(p)]
        if node.dep_ not in {"ccomp", "xcomp", "advcl", "conj", "pcomp", "acl"} or node.head.i == node.i:
            return []
        node = node.head
        # "declined to comment on whether it changed"; "will make proposals to ease friction at a meeting"
        while node.pos_ not in {"VERB", "AUX"} and node.dep_ in {"prep", "pobj", "pcomp", "dobj"} and node.head.i != node.i:
            node = node.head
    return []


_GAP_POINTS = {"DATE", "TIME", "GPE", "LOC", "FAC"}


def gapped_objects(verb) -> list:
    """"met Lund on Monday and Berg on Tuesday", "will meet Lund in Oslo and Berg in Bergen": the
    verb written once for two contacts; the parser hangs the second person on the first one's
    day or town, or on the verb itself."""
    if not any(c.dep_ in {"dobj", "dative"} for c in verb.children):
        return []
    hangers = [o for p in verb.children if p.dep_ == "prep" for o in p.children
               if o.dep_ == "pobj" and o.ent_type_ in _GAP_POINTS] + [verb]
    return [t for h in hangers for c in h.children  # "dep": the parser gave up on how it hangs
            if c.dep_ in {"conj", "dep"} and c.ent_type_ == "PERSON" and c.pos_ == "PROPN" for t in conjuncts(c)]
