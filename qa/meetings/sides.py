"""Stage 2b: the participant slots of a trigger, read from the dependency parse.

Two sides: who (subjects; "X's meeting"; the agent of a passive) and whom (objects, "with X",
"to X" for calls, "between X and Y", "X-Y talks"). "X and Y met" is one event of all the
subjects, and so is "X met Y and Z" (:func:`listed_together`); "met Y and Z separately", "held
meetings with Y and with Z" are one event per object.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qa import lexicons
from qa.names import is_title_word

from .arguments import own_town
from .clauses import contact_nouns, governing_verb, is_person_like, occasions, taking_place
from .lists import conjuncts
from .slot_words import (followed_contact, gapped_objects, holder_above, preposition_objects, subjects, traveller,
                         with_hung_elsewhere)
from .triggers import call_words, clause_above, companions, misread_object, topic_verbs

_WITH = {"with", "between", "among", "alongside", "including"}
_CALL_TO = {"to"}
_MEALS = {"dinner", "lunch", "luncheon", "breakfast", "banquet", "reception"}


@dataclass
class Slots:
    who: list = field(default_factory=list)  # tokens
    whom: list = field(default_factory=list)
    joint: bool = False  # all of ``who`` met together ("X and Y met", "talks between X and Y")
    places: list = field(default_factory=list)  # objects of "visited Oslo"


def _on_the_agenda(token) -> bool:
    """"welcomed Lund, with defence and the Arctic high on the agenda": topics, not people."""
    prep = token
    while prep.dep_ != "prep" and prep.head.i != prep.i:
        prep = prep.head
    return any(t.lemma_.lower() in lexicons.table("reason_cues")["agenda_nouns"] for t in prep.subtree)


def _face_to_face(token) -> bool:
    """"met face to face": how, not whom."""
    doc = token.doc
    return token.lower_ == "face" and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to" \
        and doc[token.i + 2].lower_ == "face"


def _passive_object(verb) -> list:
    """"Xi was received by Putin": the passive subject is the one received."""
    if any(c.dep_ == "agent" for c in verb.children):
        subjects = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not subjects and verb.dep_ == "conj":  # "arrived and was greeted by Lund": who arrived
            subjects = [c for c in verb.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        elif not subjects and verb.dep_ in {"pcomp", "advcl", "xcomp"}:  # "after being received by", "due to be welcomed by"
            subjects = [c for c in clause_above(verb).children if c.dep_ in {"nsubj", "nsubjpass"}]
        return [t for c in subjects for t in conjuncts(c)]
    return []


def _object_taken_for_reporter(verb) -> list:
    """"... to meet President Ada Berg, a military source told Norland Radio": the name right
    after the verb, parsed as the subject of the reporting verb at the end of the sentence, or
    as a sentence of its own ("met U.S. Senator Ada Berg", cut at "U.S.")."""
    for ent in (e for e in verb.doc.ents if e.label_ == "PERSON" and verb.i < e.start <= verb.i + 5):
        root, between = ent.root, verb.doc[verb.i + 1: ent.start]
        reporting = root.dep_ == "nsubj" and root.head.i > root.i and root.head.lemma_.lower() in lexicons.words(
            "reporting_verbs")
        cut_off = root.dep_ == "ROOT" and all(t.is_punct or t.ent_type_ == "GPE" or is_title_word(t.text)
                                              for t in between)
        if (reporting or cut_off) and all(t.head.i in {root.i, verb.i, *(x.i for x in between)} for t in between):
            return conjuncts(root) if cut_off else [root]
    return []


def _titled_person(token) -> bool:
    """"visited Mr Ekholm", "visited President Xi", "visited Ola Vik, the harbour chief": a
    person, not "visited Leicester South"."""
    return token.ent_type_ == "PERSON" and any(
        (c.dep_ == "compound" and is_title_word(c.text)) or (c.dep_ == "appos" and _role_noun(c))
        for c in token.children)


def _role_noun(token) -> bool:
    """"the harbour chief", "director-general of the bureau": an office, which only a person holds."""
    words = {token.lemma_.lower(), token.lower_} | {c.lower_ for c in token.children if c.dep_ == "compound"}
    return bool(words & lexicons.words("role_nouns")) or is_title_word(token.text)


def _visited_in_a_place(verb) -> bool:
    """"visited Tomas Lund in Oslo", "visited Lund at the plant": with a place of its own, what
    is visited is a person."""
    return any(o.ent_type_ in {"GPE", "LOC", "FAC"} or (p.lower_ == "at" and o.pos_ == "NOUN" and not o.ent_type_)
               for t in [verb] + [c for c in verb.children if c.dep_ == "dobj"]
               for p in t.children if p.dep_ == "prep" and p.lower_ in {"in", "at"}
               for o in p.children if o.dep_ == "pobj")


def verb_slots(verb, kind: str) -> Slots:
    slots = Slots(who=subjects(verb))
    if verb.lemma_.lower() == "discuss":  # what is discussed is the topic: "discussed trade with Y"
        topics = [c for c in verb.children if c.dep_ == "dobj"]
        objects = [t for c in topics for t in preposition_objects(c, {"with"})]
    else:
        objects = [t for c in verb.children if c.dep_ in {"dobj", "dative"} or misread_object(c) for t in conjuncts(c)]
        if not objects:  # "met then Prime Minister Lund": the name parsed as a time phrase
            objects = [t for c in verb.children if c.dep_ == "npadvmod" and c.ent_type_ == "PERSON" for t in conjuncts(c)]
        if not objects:
            objects = _object_taken_for_reporter(verb)
        objects += [t for t in gapped_objects(verb) if t not in objects]
    objects += _passive_object(verb)
    # "met face to face"; "hosted a “Tolvik Summit for Peace”": how, and the occasion, not whom
    objects = [t for t in objects if not _face_to_face(t) and t.lemma_.lower() not in contact_nouns()]
    # "spoke to Lund", but "called the leader back to Tolvik Castle": where, not whom
    calls_to = _CALL_TO if kind in {"call", "talks"} and not objects else set()
    objects += [t for t in preposition_objects(verb, _WITH | calls_to) if not _on_the_agenda(t)]
    objects += [t for t in with_hung_elsewhere(verb) if t not in objects]  # "met at the palace with Lund"
    if verb.lemma_.lower() == "call" and kind == "meeting":  # "called on the minister on Sunday"
        objects += [t for c in verb.children if c.dep_ in {"prep", "prt"} and c.lower_ == "on"
                    for o in c.children if o.dep_ == "pobj" and o.ent_type_ not in {"DATE", "TIME"} for t in conjuncts(o)]
    # "spoke by phone with Lund": the parser hangs "with" on the means of the call
    objects += [t for p in verb.children if p.dep_ in {"prep", "agent"} and p.lower_ in {"by", "over", "via"}
                for m in p.children if m.dep_ == "pobj" and (m.lower_ in call_words() or any(
                    c.dep_ == "compound" and c.lower_ in call_words() for c in m.children))  # "by video link"
                for t in preposition_objects(m, _WITH)]
    accompanying = verb.lemma_.lower() in lexicons.table("meeting_triggers")["accompanying_verbs"]
    if accompanying:
        objects += [t for c in companions(verb) for t in conjuncts(c) if t not in objects]
    if accompanying or verb.lemma_.lower() == "visit":
        # "visited Manchester, Leeds and Bristol": what is visited is a place unless a person;
        # a list that names one place is a list of places.
        geo = any(t.ent_type_ in {"GPE", "LOC", "FAC"} for t in objects)
        located = _visited_in_a_place(verb)
        slots.places = [t for t in objects if (geo or not (_titled_person(t) or (located and t.ent_type_ == "PERSON")))
                        and t.pos_ != "PRON"]
        objects = [t for t in objects if t not in slots.places]
    # "visit Tolvik for talks with Lund": the people of the occasion it is for
    objects += [t for o in occasions(verb, frozenset({"for"})) for t in preposition_objects(o, {"with"})]
    if not objects and len(slots.who) > 1 and kind in {"meeting", "talks", "summit", "dinner"}:
        slots.joint = True  # "X and Y met"; but "X and Y visited Washington" travelled together
    slots.whom = objects
    invited = _invitation(verb)
    if invited is not None:  # "Lund invited Berg to visit Oslo": Berg visits, Lund hosts
        slots.who, slots.whom, slots.joint = invited[0], invited[1] + slots.whom, False
    return slots


_EXTENDING = {"extend", "issue", "renew", "send", "deliver", "convey", "give", "repeat", "reiterate"}


def _invitation(verb) -> tuple[list, list] | None:
    """(guests, hosts) of a contact someone is invited to: "invited Berg to visit", "accepted
    Lund's invitation to visit", "renewed his invitation for Berg to visit"; else None."""
    head = verb.head
    if verb.dep_ == "xcomp" and head.lemma_.lower() == "invite":
        guests = [t for c in head.children if c.dep_ == "dobj" for t in conjuncts(c)]
        return (guests, subjects(head)) if guests else None
    if verb.dep_ not in {"acl", "advcl"} or head.lemma_.lower() != "invitation":
        return None
    # "an invitation from Lund", "his invitation"; "for Berg to visit" parsed as Berg its subject
    hosts = [t for c in head.children if c.dep_ == "poss" for t in conjuncts(c)] or preposition_objects(head, {"from"})
    guests = preposition_objects(head, {"for", "to"}) or [
        t for c in verb.children if c.dep_ == "nsubj" and verb.dep_ == "advcl" for t in conjuncts(c)]
    governing = governing_verb(head, subject=False)
    if governing is not None and not guests and governing.lemma_.lower() not in _EXTENDING:
        guests = subjects(governing)  # "accepted Lund's invitation to visit"
    elif governing is not None and not hosts and governing.lemma_.lower() in _EXTENDING:
        hosts = subjects(governing)
    return (guests, hosts) if guests and hosts else None


def _referred_to(noun) -> bool:
    """"prepare for the meeting", "ahead of the summit": a definite event the clause is about,
    not one its subject attends ("at the meeting", "during the talks")."""
    definite = any(c.dep_ == "det" and c.lower_ in {"the", "this", "that"} for c in noun.children)
    return definite and noun.dep_ == "pobj" and noun.head.lower_ not in {"at", "during", "in", "into", "through"}


def _bodies(noun) -> list:
    """"the meeting of Nordic countries", "a summit of EU leaders": the body that meets."""
    bodies = {"ORG", "NORP", "GPE"}
    return [t for t in preposition_objects(noun, {"of"})
            if t.ent_type_ in bodies or t.lemma_.lower() in lexicons.words("group_nouns")
            or any(c.dep_ == "compound" and c.ent_type_ in bodies for c in t.children)]


_PLACES = {"GPE", "NORP", "LOC"}  # "the India-Russia summit" is between countries, not people


def _name_compounds(noun) -> list:
    """"the Xi-Putin talks", "US-China talks": names written before the trigger noun (the first
    of a hyphenated pair is often hung on the second)."""
    names = [c for c in noun.children if c.dep_ in {"compound", "amod", "nmod"} and c.tag_ in {"NNP", "NNPS"}
             and c.ent_type_ in {"PERSON", "GPE", "ORG", ""}]
    return [d for c in names for d in c.children if d.dep_ == "compound" and d.tag_ in {"NNP", "NNPS"}
            and d.i + 2 == c.i and d.nbor(1).text in {"-", "–"} and not {c.ent_type_, d.ent_type_} & _PLACES] + names


def where_clauses(noun) -> list:
    """"a dinner where the prime minister told Mr Brown ...": the verbs of the clauses that say
    what happened at the event (also when the parser hangs one on a later word of the clause:
    "hosted a dinner in November where ...")."""
    clauses = [c for c in noun.children if c.dep_ == "relcl"]
    verb = governing_verb(noun, subject=False)
    if verb is not None and noun.dep_ == "dobj":
        clauses += [t for t in verb.subtree if t.dep_ == "relcl" and t.head.i > noun.i and t.head.i != noun.i
                    and any(c.dep_ == "advmod" and c.lower_ == "where" for c in t.children)]
    return [clause for clause in clauses
            if any(c.lower_ in {"where", "which"} and c.dep_ in {"advmod", "pobj", "prep"}
                   for c in clause.subtree if c.i < clause.i)]


def _gathered(noun) -> list:
    """The people of the clauses that say what happened at the event."""
    return [t for clause in where_clauses(noun) for c in clause.children
            if c.dep_ in {"nsubj", "dative"} or (c.dep_ == "dobj" and clause.lemma_.lower() not in topic_verbs())
            for t in conjuncts(c) if t.lower_ not in {"they", "we", "them", "he", "she", "him"}
            and is_person_like(t)]  # not "where they signed a memorandum"
    # "where they went over quotas", "talks in Oslo, where he laid out his plan": those already there


def _hosts(noun) -> list:
    """"a dinner hosted by John Prescott": the host takes part; so does who attended or
    chaired a meeting of a body, where the parser hangs that on the body ("a meeting of
    ministers attended by Lund")."""
    clauses = [acl for acl in noun.children if acl.dep_ == "acl"]
    clauses += [acl for body in preposition_objects(noun, {"of"}) for acl in body.children
                if acl.dep_ == "acl" and acl.lemma_.lower() in {"attend", "chair", "host", "convene"}]
    return [t for acl in clauses for agent in acl.children if agent.dep_ == "agent"
            for obj in agent.children if obj.dep_ == "pobj" for t in conjuncts(obj)]


def _attendees(noun) -> list:
    """"Olmert attended a meeting between X and Y": who attends takes part too."""
    verb = governing_verb(noun, subject=False)
    if verb is not None and noun.dep_ == "dobj" and verb.lemma_.lower() in {"attend", "join", "chair", "host"}:
        return subjects(verb)
    return []


_STANDING_IN = {"represent", "replace", "substitute", "deputize", "deputise"}


def _addressed(verb) -> list:
    """"Kerry asked Sharif, during a meeting this week, to ...": the person addressed, also by
    a verb the occasion's clause hangs from ("urged Lund to withdraw and find a way out during
    a call"). Not who is stood in for: "representing Lund at the summit" is Lund away."""
    if verb.lemma_.lower() in _STANDING_IN:
        return []
    node = verb
    for _ in range(4):
        objects = [t for c in node.children if c.dep_ in {"dobj", "dative"} for t in conjuncts(c)]
        # "made no promise to Lund in a private meeting": the person it was said to
        objects += [t for x in [node, *(c for c in node.children if c.dep_ == "dobj")]
                    for t in preposition_objects(x, {"to"}) if t.ent_type_ == "PERSON"]
        if any(t.ent_type_ == "PERSON" or t.tag_ in {"NNP", "PRP"} or _titled_person(t) for t in objects):
            return objects
        if node.dep_ not in {"xcomp", "conj"} or node.head.i == node.i:
            break
        node = node.head
    # "asked the envoy during a meeting"; but "set up a working group after talks" addressed no one
    return [t for c in verb.children if c.dep_ in {"dobj", "dative"} for t in conjuncts(c)
            if t.lemma_.lower() in lexicons.words("role_nouns")]


_GATHERING = {"involve", "include", "bring", "gather", "unite", "feature"}


def _brought_together(noun) -> list:
    """"The talks brought together Lund, Berg and Vik", "talks involving Lund, seamen and
    employers": the people a contact is said to have gathered."""
    verbs = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBG"]
    if noun.dep_ in {"nsubj", "nsubjpass"}:
        verbs += [noun.head] + [c for c in noun.head.children if c.dep_ == "conj" and c.pos_ == "VERB"
                                and not any(s.dep_.startswith("nsubj") for s in c.children)]
    out = []
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if lemma not in _GATHERING or (lemma == "bring" and not any(c.lower_ == "together" for c in verb.children)):
            continue
        out += [t for c in verb.children if c.dep_ == "dobj" for t in conjuncts(c) if is_person_like(t)]
    return out


def _guests_of_meal(noun) -> list:
    """"a dinner for Lund", also with "for" hung on where it was held ("a dinner at the palace
    in Oslo for Lund and Berg")."""
    places = [o for p in noun.children if p.dep_ == "prep" and p.lower_ in {"at", "in"}
              for o in p.children if o.dep_ == "pobj"]
    places += [o for x in places for p in x.children if p.dep_ == "prep" and p.lower_ == "in"
               for o in p.children if o.dep_ == "pobj"]
    honoured = [c for o in places if o.lemma_.lower() in {"honour", "honor"}  # "a banquet in Lund's honour"
                for c in o.children if c.dep_ == "poss" and (c.pos_ == "PROPN" or c.lemma_.lower() in lexicons.words("role_nouns"))]
    return [t for x in [noun, *places] for t in preposition_objects(x, {"for"})] + honoured


def noun_slots(noun) -> Slots:
    if (before := followed_contact(noun)) is not None and not preposition_objects(noun, {"with", "between"}):
        return noun_slots(before)  # "talks with Lund, followed by a state dinner": the same people
    slots = Slots()
    between = (preposition_objects(noun, {"between", "among"}) or _brought_together(noun)
               or (taking_place(noun) and preposition_objects(noun.head, {"between", "among"})))  # "took place ... between"
    if between:
        return Slots(who=_attendees(noun) + between, joint=True)
    compounds = _name_compounds(noun)
    if len(compounds) > 1:
        return Slots(who=compounds, joint=True)
    owners = [c for c in noun.children if c.dep_ == "poss" and c.ent_type_ not in {"DATE", "TIME"}]  # not "Monday's"
    slots.whom = _gathered(noun)
    slots.whom += preposition_objects(noun, {"with", "alongside"})  # and "a visit to Oslo for talks with Lund":
    slots.whom += [t for o in occasions(noun, frozenset({"for"})) for t in preposition_objects(o, {"with"})]
    if noun.lemma_.lower() in {"meeting", "summit", "session", "gathering"}:
        slots.whom += _bodies(noun)
    if noun.lemma_.lower() in _MEALS:  # "a dinner for the visiting president"
        slots.whom += [t for t in _guests_of_meal(noun) if is_person_like(t) or _titled_person(t)]
    if noun.lemma_.lower() == "call":  # "paid a courtesy call on Lund", "learned of it in a call from Lund"
        slots.whom += [t for t in preposition_objects(noun, {"on", "from"}) if t.ent_type_ == "PERSON" or _titled_person(t)]
    if noun.lemma_.lower() == "visit":  # "paid a visit to President Lund": a person, not a place
        slots.whom += [t for t in preposition_objects(noun, {"to"}) if t.ent_type_ == "PERSON" or _titled_person(t)]
    if owners:  # "the leaders' meeting", and who hosts or attends it ("will host the next leaders' meeting")
        slots.who = _attendees(noun) + [t for o in owners for t in conjuncts(o)]
        verb = governing_verb(noun, subject=False)
        if verb is not None and verb.lemma_.lower() == "hold" and all(o.tag_ == "NNS" for o in owners):
            # "Lund, Berg and Vik held a Nordic leaders' summit": the leaders are those who held it
            slots.who = subjects(verb) or slots.who
    else:
        verb = governing_verb(noun, subject=False)
        if verb is not None:
            slots.who = subjects(verb)
            if slots.whom and not any(is_person_like(t) for t in slots.who):
                slots.who = holder_above(verb) or slots.who
            if not slots.whom:
                slots.whom = preposition_objects(verb, {"with"}) + with_hung_elsewhere(verb)
            else:  # "held meetings with Lund at his office and with Berg at hers": the second "with" on the verb's "at"
                slots.whom += [t for t in preposition_objects(verb, {"with"}) if t not in slots.whom]
            if not slots.whom and noun.dep_ == "pobj" and noun.head.lower_ in {"during", "at", "after", "in"}:
                slots.whom = _addressed(verb)
    slots.who = (not owners and traveller(noun)) or slots.who
    hosts = _hosts(noun)
    if hosts and _bodies(noun):  # "a meeting of EU ministers attended by Lund": Lund met them
        slots.who, slots.whom = hosts, [w for w in slots.whom if w not in hosts]
    else:
        slots.whom += hosts
    if not slots.whom and not owners and _referred_to(noun):
        slots.who = []  # "they prepared for the meeting": the meeting reported elsewhere, not theirs
    if not slots.whom and len(slots.who) > 1:
        slots.joint = True
    return slots


def slots_of(token, kind: str) -> Slots:
    if token.pos_ in {"NOUN", "PROPN"}:
        return noun_slots(token)
    return verb_slots(token, kind)


_APART = {"separately", "separate", "individually", "respectively", "bilateral", "one-on-one"}


def _with_its_verb(trigger) -> list:
    """The trigger, and the verb a noun trigger depends on ("held talks")."""
    verb = governing_verb(trigger, subject=False) if trigger.pos_ in {"NOUN", "PROPN"} else trigger
    return [trigger] + ([verb] if verb is not None else [])


def separately(trigger) -> bool:
    """"held separate talks", "met separately": each subject on their own."""
    return any(c.lower_ in _APART and c.dep_ in {"amod", "advmod"} for w in _with_its_verb(trigger) for c in w.children)


def listed_together(objects: list, trigger) -> bool:
    """"met Lund and Berg": one meeting of all three, as the text tells it; not "met Lund and
    Berg separately", "held separate talks with Lund and with Berg", "bilateral meetings with
    Lund and Berg", nor objects of different verbs or prepositions."""
    first = objects[0]
    listed = {t.i for t in conjuncts(first)}
    if not all(t.i in listed for t in objects):
        return False
    if any(c.lower_ in _APART for w in _with_its_verb(trigger) for c in w.subtree if c.i < first.i or c.head.i == w.i):
        return False
    if any(t.lower_ in _APART and t.head.dep_ == "relcl" for o in objects for t in o.subtree):
        return False  # "met Lund and Vik, who quit the cabinet on Sunday, separately", hung on the aside
    if sum(1 for t in objects if own_town(t)) > 1:
        return False  # "met King Harald in Oslo and Sheikh Omar in Doha": two meetings
    # "held meetings with Lund and Berg": meetings, one each (but "talks" are one)
    return not (trigger.tag_ == "NNS" and trigger.lemma_.lower() not in {"talk", "talks", "negotiation", "discussion",
                                                                        "consultation"})
