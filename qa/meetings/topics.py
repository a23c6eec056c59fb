"""What a contact was about: "talks on trade", "discussed the war", "the talks focused on
energy", "with trade high on the agenda", "exchanged views on the economy"."""

from __future__ import annotations

from qa import lexicons

from .arguments import clause_heads
from .clauses import after_title
from .phrases import MAX_WORDS, clause_text, cues, infinitive, objects_of
from .triggers import topic_verbs

def subject_of_topic_verb(trigger) -> str | None:
    """"The talks focused on trade", "the meeting covered security", "the talks were about
    debt", "talks that were expected to cover energy": what the verb the contact is the subject
    of says it was about."""
    verbs = [trigger.head] if trigger.dep_ in {"nsubj", "nsubjpass"} else []
    # "the meeting lasted an hour and covered trade": verbs sharing the contact as subject
    verbs += [c for v in verbs for c in v.conjuncts if c.pos_ in {"VERB", "AUX"}
              and not any(s.dep_.startswith("nsubj") for s in c.children)]
    clauses = [c for c in trigger.children if c.dep_ == "relcl"]
    clauses += [x for c in clauses for x in c.children if x.dep_ == "ccomp"]  # "talks, which officials said covered trade"
    verbs += [c for c in clauses if any(s.dep_ in {"nsubj", "nsubjpass"} and s.tag_ in {"WDT", "WP"} for s in c.children)]
    return next((t for t in map(what_verb_says, verbs) if t), None) or next(
        (t for c in clauses if (t := _verb_read_as_modifier(c))), None)


def _verb_read_as_modifier(clause) -> str | None:
    """"talks, which officials said covered trade", parsed as if "covered" were an adjective of
    "trade": the noun phrase a topic verb seems to modify is what the contact covered."""
    for obj in (c for c in clause.children if c.dep_ == "dobj"):
        verb = next((a for a in obj.children if a.dep_ == "amod" and a.tag_ in {"VBN", "VBD"}
                     and a.lemma_.lower() in topic_verbs() and a.i < obj.i), None)
        if verb is not None:
            words = verb.doc[verb.i + 1: obj.right_edge.i + 1].text.strip(" ,;.:-\"'").split()
            return " ".join(words[:MAX_WORDS]) or None
    return None


def focused_clause(trigger) -> str | None:
    """"... will hold talks with Lund next week, focused on fishing quotas": a participle clause
    of the sentence that says what the contact covers."""
    clauses = [c for h in clause_heads(trigger) for c in h.children
               if c.dep_ in {"advcl", "acl"} and c.tag_ in {"VBN", "VBD", "VBG"}
               and c.lemma_.lower() in cues()["topic_verbs"] and not any(s.dep_.startswith("nsubj") for s in c.children)]
    return next((t for t in map(what_verb_says, clauses) if t), None)


def what_verb_says(verb) -> str | None:
    # "the summit is expected to focus on ...": the verb the subject's predicate goes on to
    verb = next((x for x in verb.children if x.dep_ == "xcomp" and x.lemma_.lower() in cues()["topic_verbs"]), verb)
    lemma = verb.lemma_.lower()
    if verb.lower_ in cues()["purpose_adjectives"]:  # "the talks were aimed at ending the war"
        # what a contact is "meant to" do is its purpose, whatever the verb ("meant to end the row")
        clause = next((infinitive(c, sought=True) for c in verb.children if c.dep_ == "xcomp"), None)
        objects = [o for p in verb.children if p.dep_ == "prep" and p.lower_ == "at" for o in objects_of(p)]
        return clause or (clause_text(list(objects[0].subtree)) if objects else None)
    if lemma in cues()["topic_verbs"]:
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        objects += [o for p in verb.children if p.dep_ == "prep" and p.lower_ in cues()["topic_preps"] + ["with"]
                    for o in objects_of(p)]
    elif lemma == "be":
        objects = [o for p in verb.children if p.dep_ == "prep" and p.lower_ in cues()["topic_preps"]
                   for o in objects_of(p)]
    else:
        return None
    return clause_text(list(objects[0].subtree)) if objects else None


_TOPPING = {"dominate", "top", "feature", "headline"}
_BRIEFING = {"brief", "update", "inform"}


def with_on_the_agenda(head) -> str | None:
    """"..., with the war expected to dominate their talks", "with defence and trade high on the
    agenda": what a "with" clause of the sentence puts on the contact's agenda."""
    for clause in (c for c in head.children if c.dep_ == "advcl" and any(
            m.dep_ == "mark" and m.lower_ == "with" for m in c.children)):
        if clause.lemma_.lower() in _TOPPING or any(x.dep_ == "xcomp" and x.lemma_.lower() in _TOPPING
                                                    for x in clause.children):
            subjects = [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subjects:
                return clause_text(list(subjects[0].subtree))
    for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ == "with"):
        agenda = next((t for t in prep.subtree if t.lemma_.lower() in cues()["agenda_nouns"]
                       and t.head.lower_ == "on"), None)
        if agenda is None:
            continue
        cut = agenda.head.i
        while cut - 1 > prep.i and prep.doc[cut - 1].lower_ in {"high", "top", "firmly", "squarely", "also", "likely"}:
            cut -= 1
        text = clause_text([t for t in prep.subtree if prep.i < t.i < cut])
        if text:
            return text
    return None


def on_the_agenda(trigger) -> str | None:
    """"Debt is expected to figure high on the agenda of his talks": what is on the agenda."""
    agenda = trigger.head.head if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" else None
    if agenda is None or agenda.lemma_.lower() not in cues()["agenda_nouns"]:
        return None
    node = agenda
    while node.dep_ in {"pobj", "prep", "attr", "xcomp"} and node.head.i != node.i:
        node = node.head
        subjects = [c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:
            return clause_text(list(subjects[0].subtree))
    return None


def _topic_preps(head) -> list:
    """The head's prepositions, with those the parser hung on its time phrase ("held talks
    earlier in the day on the war")."""
    preps = [c for c in head.children if c.dep_ == "prep"]
    return preps + [p for c in preps for o in c.children if o.dep_ == "pobj" and o.ent_type_ in {"DATE", "TIME"}
                    for p in o.children if p.dep_ == "prep"]


def _exchanged_views_on(verb) -> str | None:
    """"exchanged views on the economy", "shared their assessments of the war": what the views were on."""
    if verb.lemma_.lower() not in cues()["exchange_verbs"]:
        return None
    views = [o for o in verb.children if o.dep_ == "dobj" and o.lower_ in cues()["exchange_nouns"]]
    preps = [p for v in views for p in v.children if p.dep_ == "prep"] + [p for p in verb.children if p.dep_ == "prep"]
    objects = [o for p in preps if p.lower_ in cues()["topic_preps"] + ["of"] for o in objects_of(p)]
    return clause_text(list(objects[0].subtree)) if views and objects else None


def topic_of(head, trigger=None) -> str | None:
    if (found := _exchanged_views_on(head)):
        return found
    for child in _topic_preps(head):
        if trigger is not None and trigger in child.subtree:
            continue  # "on the agenda of the talks" is not what the talks are on
        if child.dep_ == "prep" and child.lower_ in cues()["topic_preps"]:
            for obj in objects_of(child):
                if obj.ent_type_ in {"DATE", "TIME", "GPE", "LOC", "FAC"} or obj.lemma_.lower() in cues()["circumstance_nouns"]:
                    continue  # "on Monday", "in Paris", "on the sidelines of the summit"
                if obj.ent_type_ == "PERSON" or after_title(obj) or obj.lemma_.lower() in lexicons.words("role_nouns"):
                    continue  # "called on President Vik", "on the ambassador": whom, not what
                if child.lower_ == "on" and obj.tag_ == "NNP" and not obj.ent_type_ and any(
                        c.dep_ == "det" for c in obj.children):
                    continue  # "a dinner on the Rose Lawn": a place the recogniser did not know
                return clause_text(list(obj.subtree))
    if head.lemma_.lower() == "discuss":
        # "discussed the war", and "the subject of fishing quotas will be discussed"
        objects = [c for c in head.children if c.dep_ == "dobj"] or [
            c for c in head.children if c.dep_ == "nsubjpass" and c.pos_ in {"NOUN", "PROPN"}] or [
            c for c in head.children if c.dep_ == "xcomp" and c.tag_ == "VBG"]  # "discussed restoring the grid"
        partners = {t.i for o in objects for p in o.children if p.dep_ == "prep" and p.lower_ == "with"
                    for t in p.subtree}  # "discussed the idea with Mr McCain": the idea
        if objects:
            return clause_text([t for o in objects for t in o.subtree if t.i not in partners])
        clauses = [c for c in head.children if c.dep_ == "ccomp" and any(
            w.tag_ in {"WRB", "WP", "WDT"} or w.lower_ == "whether" for w in c.subtree)]
        if clauses:  # "discussed how chipmakers could help", "discussed whether to extend the deal"
            return clause_text(list(clauses[0].subtree))
    for child in (c for c in head.children if c.dep_ == "conj"):
        lemma = child.lemma_.lower()
        if lemma == "discuss" or lemma in cues()["exchange_verbs"]:
            return topic_of(child)  # "met Lund and exchanged views on trade"
        if any(s.dep_.startswith("nsubj") for s in child.children):
            continue  # a clause of its own
        if lemma in topic_verbs():
            return what_verb_says(child)  # "met Lund and reviewed cooperation in health"
        if lemma in _BRIEFING:  # "spoke with Lund and briefed him on the plans": what he was briefed on
            objects = [o for p in child.children if p.dep_ == "prep" and p.lower_ in {"on", "about"}
                       for o in objects_of(p)]
            if objects:
                return clause_text(list(objects[0].subtree))
    return None
