"""Stage 4: why they met, kept apart from what the meeting achieved.

The stated purpose ("met to discuss ...", "in a bid to ...", "talks aimed at ...") with the
cause the text gives with it ("..., as Russia wants to focus on Ukraine"), else the topic
("talks on trade", "met over the EU bid", "discussed the war"). Outcomes ("agreed to ...",
"reached a deal") are never a reason. The topic is read by :mod:`.topics`; reasons stated in a
sentence of their own, or for the countries the people stand for, by :mod:`.purposes`.
"""

from __future__ import annotations

from qa import lexicons

from .arguments import clause_heads, scope, when_clauses
from .clauses import occasions
from .phrases import MAX_WORDS, clause_text, cues, infinitive, objects_of, span_text
from .sides import where_clauses
from .topics import (focused_clause, on_the_agenda, subject_of_topic_verb, topic_of, what_verb_says,
                     with_on_the_agenda)
from .triggers import topic_verbs


def _cause(verb) -> str | None:
    """", as Russia wants to focus on Ukraine": a cause clause of the purpose's verb."""
    for child in verb.children:
        if child.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in cues()["cause_marks"]
                                         for m in child.children):
            return clause_text(list(child.subtree))
    return None


def purpose_of(head, trigger=None) -> str | None:
    if head.lemma_.lower() in cues()["outcome_verbs"]:
        return None  # "agreed to restore communications as they met": what they agreed, an outcome
    for child in head.children:
        if trigger is not None and (child.i == trigger.i or trigger in child.subtree):
            continue  # "stopped in Hong Kong to meet officials": the meeting is not its own reason
        if child.dep_ == "advcl" and child.lemma_.lower() in cues()["purpose_verbs"] and (child.tag_ == "VBG" or any(
                m.dep_ == "mark" and m.lower_ == "as" for m in child.children)):
            # "met Berg in Oslo, seeking to keep lines of communication open", "as she sought to ..."
            text = next((t for c in child.children if c.dep_ == "xcomp" and (t := infinitive(c, sought=True))), None)
            # "as the carmaker seeks approval to roll out X": what the approval is sought for
            text = text or next((t for o in child.children if o.dep_ == "dobj" for c in o.children
                                 if c.dep_ == "acl" and (t := infinitive(c, sought=True))), None)
            if text is None and child.tag_ == "VBG" and child.lemma_.lower() == "seek":
                # "..., seeking their backing for an all-party government": what was sought
                text = next((clause_text(list(o.subtree)) for o in child.children if o.dep_ == "dobj"), None)
            if text:
                return text
        if child.lemma_.lower() in cues()["appeal_verbs"] and (
                (child.dep_ == "advcl" and child.tag_ == "VBG")
                or (child.dep_ == "conj" and not any(s.dep_.startswith("nsubj") for s in child.children))):
            # "spoke with Putin by phone, urging him to withdraw his troops", "met the leaders and
            # pressed them to back the plan": what was urged
            text = next((t for c in child.children if c.dep_ in {"xcomp", "ccomp"} and (t := infinitive(c, sought=True))), None)
            text = text or next((span_text(objects_of(p)) for p in child.children if p.dep_ == "prep"
                                 and p.lower_ == "for" and objects_of(p)), None)  # "pressing for a ceasefire"
            if text:
                return text
        if child.dep_ in {"advcl", "xcomp", "acl", "relcl"} and child.pos_ in {"VERB", "AUX"}:
            # "met Lund to conclude the talks": what the meeting itself is for, whatever its verb
            text = infinitive(child, sought=child.dep_ == "advcl" and trigger is not None and head.i == trigger.i)
            if text:
                cause = _cause(head) or _cause(child)
                return f"{text}, {cause}" if cause and cause not in text else text
        if child.dep_ == "prep" and any(o.lemma_.lower() in cues()["purpose_nouns"] for o in _parts_of(child)):
            return clause_text(list(child.subtree))
        if child.dep_ == "prep" and child.lower_ == "with":
            # "spoke with Lund to discuss quotas", parsed as "with [Lund to discuss quotas]"
            for clause in (c for c in child.children if c.dep_ == "pcomp" and infinitive(c)):
                to = next(a for a in clause.children if a.dep_ == "aux" and a.lower_ == "to")
                return clause_text([t for t in clause.subtree if t.i >= to.i])
        if child.dep_ in {"acl", "amod", "advcl", "relcl"} and child.lower_ in cues()["purpose_adjectives"]:
            # "talks aimed at ...", "a meeting which was designed to break the deadlock"
            return clause_text([t for t in child.subtree if t.i > child.i or t.i == child.i])
        if child.dep_ in {"amod", "acl", "advmod"} and child.pos_ == "ADJ":
            # "talks likely to focus on arms reductions", "a meeting expected to center on ..."
            clause = next((infinitive(c) for c in child.children if c.dep_ == "xcomp"), None)
            if clause:
                return clause
    return None


_TIME_PREPS = frozenset({"after", "before", "since", "following", "until", "ahead"})


def _only_its_time(trigger, verb) -> bool:
    """Whether the contact is only when the verb's action was ("posted after the meeting")."""
    node = trigger
    while node.i != verb.i and node.head.i != node.i:
        if node.dep_ == "pobj" and node.head.lower_ in _TIME_PREPS:
            return True
        node = node.head
    return False


def _parts_of(prep) -> list:
    """A preposition's objects, and what they are "part of": "as part of efforts to ..."."""
    objects = [o for o in prep.children if o.dep_ == "pobj"]
    return objects + [x for o in objects if o.lemma_.lower() == "part"
                      for p in o.children if p.dep_ == "prep" and p.lower_ == "of"
                      for x in p.children if x.dep_ == "pobj"]


def _people_met(trigger) -> list:
    """The objects of the contact and of its "with", and what they list."""
    heads = scope(trigger)
    objects = [c for h in heads for c in h.children if c.dep_ == "dobj" and c is not trigger]
    objects += [o for h in heads for p in h.children if p.dep_ == "prep" and p.lower_ == "with"
                for o in p.children if o.dep_ == "pobj"]
    return objects + [c for o in objects for c in o.conjuncts]


def _topic_hung_on(person, trigger) -> str | None:
    """What a contact was about when the parser hung "about" or "over" on the person met; not
    "on", which is as often where ("leaders on Tolvik Hill", "a pat on the arm")."""
    preps = [p for p in person.children if p.dep_ == "prep" and p.lower_ in {"about", "over", "regarding", "concerning"}]
    return next((clause_text(list(o.subtree)) for p in preps for o in objects_of(p)
                 if o.ent_type_ not in {"DATE", "TIME", "GPE", "LOC", "FAC", "PERSON"}), None)


def _said_by(person) -> str | None:
    """"held talks with Berg, who said they had discussed the harbour": what the person met says
    the two discussed."""
    verbs = topic_verbs() | {"talk", *cues()["exchange_verbs"]}
    return next((t for c in person.children if c.dep_ == "relcl" and c.lemma_.lower() in
                 lexicons.words("reporting_verbs") | {"write", "post", "tweet"}
                 for d in c.children if d.dep_ == "ccomp" and d.lemma_.lower() in verbs and (t := topic_of(d))), None)


def _discussed_as_a_modifier(trigger) -> str | None:
    """"when the two discussed energy prices", parsed as if "discussed" were an adjective of
    "prices" (and lemmatised as one): the noun phrase it seems to modify is what was discussed."""
    if not trigger.lower_.startswith("discuss") or trigger.dep_ != "amod" or trigger.head.i < trigger.i:
        return None
    words = trigger.doc[trigger.i + 1: trigger.head.right_edge.i + 1].text.strip(" ,;.:-\"'").split()
    return " ".join(words[:MAX_WORDS]) or None


def _discussed_when(trigger) -> str | None:
    """"Climate change was discussed when McCain visited Blair": the topic of the clause the
    contact is the time of."""
    head = trigger.head
    if trigger.dep_ == "advcl" and head.lemma_.lower() == "discuss":
        topics = [c for c in head.children if c.dep_ in {"nsubjpass", "dobj"}]
        if topics:
            return clause_text([t for c in topics for t in c.subtree])
    return None


def _told_there(trigger) -> str | None:
    """"told him at a dinner that he would stand down", "a dinner where she told him ...",
    "urged him during talks to ...": what was told or urged at the contact is what it was about."""
    verbs = where_clauses(trigger) if trigger.pos_ in {"NOUN", "PROPN"} else []
    if trigger.dep_ == "pobj" and trigger.head.lower_ in {"at", "during"}:
        verbs.append(trigger.head.head)
    for verb in verbs:
        # "urged Lund during talks to halt the fighting", and with "during talks" hung on "halt"
        urged = [c for c in verb.children if c.dep_ in {"xcomp", "ccomp"}] if verb.lemma_.lower() in cues()[
            "appeal_verbs"] else [verb] if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in cues()["appeal_verbs"] else []
        at_contact = {t.i for t in trigger.head.subtree} if trigger.dep_ == "pobj" else set()
        found = next((c for c in urged if infinitive(c, sought=True)), None)
        if found is not None:
            return clause_text([t for t in found.subtree if t.i >= found.left_edge.i and t.i not in at_contact])
    for verb in (v for v in verbs if v.lemma_.lower() in cues()["telling_verbs"]):
        content = [c for c in verb.children if c.dep_ == "ccomp"]
        content += [o for p in verb.children if p.dep_ == "prep" and p.lower_ in {"of", "about"}
                    for o in objects_of(p)]
        if content:
            return clause_text(list(content[0].subtree))
    return None


def _discussed_there(trigger) -> str | None:
    """"met Berg on Tuesday, when the two discussed fishing", "a dinner where they talked
    about trade": the topic of the clause that says what was done at the contact."""
    clauses = when_clauses(trigger) + (where_clauses(trigger) if trigger.pos_ in {"NOUN", "PROPN"} else [])
    clauses += _clauses_on_its_setting(trigger)
    verbs = topic_verbs() | {"talk", *cues()["exchange_verbs"]}
    return next((t for c in clauses if c.lemma_.lower() in verbs and (t := topic_of(c))), None)


def _clauses_on_its_setting(trigger) -> list:
    """"met Lund on Tuesday, when the two discussed fishing", "met Lund at the plant in Tolvik,
    where they discussed jobs": a clause the parser hung on the day or the place of the contact."""
    heads = scope(trigger)
    heads += [o for h in heads for o in h.children if o.dep_ == "dobj" and o is not trigger]  # "met Berg in Oslo, where"
    settings = [o for h in heads for p in h.children if p.dep_ == "prep" for o in p.subtree
                if o.dep_ == "pobj"]
    settings += [c for h in heads for c in h.children if c.dep_ == "npadvmod" and c.ent_type_ in {"DATE", "TIME"}]
    return [c for o in settings for c in o.children if c.dep_ == "relcl"
            and any(m.dep_ == "advmod" and m.lower_ in {"when", "where"} for m in c.children)]


def _expected_topic(head) -> str | None:
    """"talks, in a session expected to focus on chips": what a session of the contact is
    expected to be about."""
    nouns = [head] if head.pos_ in {"NOUN", "PROPN"} else []
    nouns += [o for p in head.children if p.dep_ == "prep" and p.lower_ in {"in", "at", "during", "for"}
              for o in p.children if o.dep_ == "pobj"]
    for noun in nouns:
        for clause in (c for c in noun.children if c.dep_ in {"acl", "relcl"}):
            # "a session expected to focus on X", "sessions, which are expected to focus on X",
            # "sessions that will focus on X"
            verbs = [clause] if clause.lemma_.lower() in topic_verbs() else []
            verbs += [x for x in clause.children if x.dep_ == "xcomp" and x.lemma_.lower() in topic_verbs()]
            found = next((t for v in verbs if (t := topic_of(v) or what_verb_says(v))), None)
            if found:
                return found
    return None


TRIP_NOUNS = {"visit", "trip", "tour", "mission", "journey"}


def _described_as(trigger) -> list:
    """Nouns the sentence sums the contact up with: "met Lund, a wartime visit meant to ...",
    "met Lund, capping a two-day trip aimed at ..."."""
    out = []
    for head in scope(trigger):
        for child in head.children:
            if child.dep_ in {"npadvmod", "appos"} and child.lemma_.lower() in TRIP_NOUNS:
                out.append(child)
            elif child.dep_ == "advcl" and child.tag_ == "VBG":
                out += [o for o in child.children if o.dep_ == "dobj" and o.lemma_.lower() in TRIP_NOUNS]
    return out


_POINTING = frozenset({"this", "that", "it", "these", "those", "them"})


def find_reason(trigger) -> str | None:
    """The stated purpose, else the topic, of the contact a trigger reports; not a word that only
    points back ("held talks on this"), which says nothing read alone."""
    found = _find_reason(trigger)
    return None if found is None or found.lower().strip(" .") in _POINTING else found


def _purpose_hung_on_its_of(trigger) -> str | None:
    """"a meeting of EU ministers which was designed to break the deadlock": the parser hangs the
    clause on the ministers; "which" says it is the meeting's."""
    for obj in (o for p in trigger.children if p.dep_ == "prep" and p.lower_ == "of"
                for o in p.children if o.dep_ == "pobj"):
        for clause in (c for c in obj.children if c.dep_ == "relcl" and c.lower_ in cues()["purpose_adjectives"]):
            if any(s.dep_.startswith("nsubj") and s.lower_ in {"which", "that"} for s in clause.children):
                return clause_text([t for t in clause.subtree if t.i >= clause.i])
    return None


def _find_reason(trigger) -> str | None:
    heads = scope(trigger)
    found = (_discussed_when(trigger) or _discussed_as_a_modifier(trigger) or _told_there(trigger) or on_the_agenda(trigger)
             or next((t for h in clause_heads(trigger) if (t := with_on_the_agenda(h))), None)
             or subject_of_topic_verb(trigger) or _discussed_there(trigger) or focused_clause(trigger)
             or next((t for h in clause_heads(trigger) if (t := _expected_topic(h))), None))
    if found:
        return found
    if trigger.pos_ in {"NOUN", "PROPN"} and (found := _purpose_hung_on_its_of(trigger)):
        return found
    above = [h for h in clause_heads(trigger) if h not in heads]  # "is due to hold talks ..., in a push to"
    for head in heads + [o for h in heads for o in occasions(h, frozenset({"for"}))] + above:
        found = purpose_of(head, trigger)  # "welcomed Lund for a visit aimed at ..."
        if found:
            return found
    for head in heads + occasions(trigger):
        if head is not trigger and _only_its_time(trigger, head):
            continue  # "wrote on Telegram after the meeting": what the verb was on, not the meeting
        found = topic_of(head, trigger)
        if found:
            return found
    found = next((t for o in _people_met(trigger) if (t := _topic_hung_on(o, trigger) or _said_by(o))), None)
    if found:  # "spoke with Berg about the request", the parser hanging "about" on Berg
        return found
    for noun in _described_as(trigger):  # "met Lund on Monday, a visit meant to show support"
        found = purpose_of(noun)
        if found:
            return found
    # "met for talks that were expected to cover energy"
    found = next((t for t in map(subject_of_topic_verb, occasions(trigger)) if t), None)
    if found:
        return found
    # "held fishing quota talks", "met for an hour of ferry negotiations": what the talks were on
    nouns = ([trigger] if trigger.pos_ == "NOUN" else []) + [o for h in heads for o in occasions(h)]
    return next((t for n in nouns if (t := _topic_compound(n))), None)


def _topic_compound(noun) -> str | None:
    """The common nouns written before "talks" ("fishing quota talks" -> "fishing quota"); not a
    name ("Geneva talks") nor a kind of talks ("peace" is a topic, "crisis" and "summit" are not)."""
    talks = lexicons.table("meeting_triggers")["nouns"]  # the nouns that name talks, as the triggers lexicon has them
    if "talks" not in {talks.get(noun.lemma_.lower()), talks.get(noun.lower_)}:
        return None
    words, start = [], noun.i - 1
    while start >= 0 and noun.doc[start].dep_ == "compound" and noun.doc[start].head.i in {noun.i, *(w.i for w in words)}:
        words.insert(0, noun.doc[start])
        start -= 1
    if not words or any(w.pos_ != "NOUN" or w.ent_type_ or w.lemma_.lower() in cues()["talks_manner_words"] for w in words):
        return None
    return " ".join(w.text for w in words)
