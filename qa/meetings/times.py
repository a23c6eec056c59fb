"""Stage 3b: when, read from the trigger's own clause: a date or time phrase as written with its
preposition ("on Monday", "over the last few weeks", "in 2019"), else one tied to an occasion
("before the summit"); not how long ("met for three hours").
"""

from __future__ import annotations

import re

from qa import lexicons

from .arguments import SCHEDULING_VERBS, TRAVEL_WORDS, clause_heads, entity_at, is_where_clause, staging_clauses, when_clauses
from .clauses import OCCASION_TIME_WORDS, governing_verb

_DURATION = re.compile(r"-(?:minute|hour|day|week|month|year)(?:-long)?$", re.I)
_SPAN = re.compile(r"^(?:(?:about|around|nearly|almost|some|more than|less than|over|a|half)\s+)?(?P<count>[\w-]+)\s+"
                   r"(?:minutes?|hours?|days?|weeks?|months?|years?)$", re.I)
_RELATIVE = {"ago", "later", "earlier", "before", "after", "afterwards"}
_TIME = {"DATE", "TIME"}


def _time_phrase(token) -> str | None:
    ent = entity_at(token)
    if ent is None or ent.label_ not in _TIME:
        return None
    doc, start, end = token.doc, ent.start, ent.end
    while start > 0 and doc[start - 1].ent_type_ in _TIME:  # "Thursday night": one phrase
        start -= 1
    while end < len(doc) and doc[end].ent_type_ in _TIME:
        end += 1
    scheduled = start > 0 and doc[start - 1].head.lemma_.lower() in SCHEDULING_VERBS  # "planned for Tuesday"
    if start > 0 and doc[start - 1].lower_ == "for" and not scheduled or _DURATION.search(doc[start:end].text):
        return None  # how long, not when: "met for three hours", "two-day talks"
    if ent.root.dep_ in {"npadvmod", "dobj"} and ent.root.head.lemma_.lower() == "last":
        return None  # "the call, which lasted an hour and 45 minutes"
    span = _SPAN.match(doc[start:end].text)
    if span and (start == 0 or doc[start - 1].lower_ not in {"in", "within", "after", "since"}) and _is_count(span["count"]) and (
            end == len(doc) or doc[end].lower_ not in _RELATIVE):
        return None  # "the talks lasted two hours", "a meeting of about 30 minutes" (but "two days ago", "in two weeks" are when)
    if start > 0 and doc[start - 1].lower_ in {"in", "since"} and _counted(doc[start - 1].head):
        return None  # "their first meeting in nearly a year", "the first talks since 2019": not when
    possessive = end < len(doc) and doc[end].tag_ == "POS"  # "at Friday's lunch": not "at Friday"
    if start > 0 and doc[start - 1].dep_ == "prep" and doc[start - 1].lower_ not in {"of"} and not possessive:
        start -= 1  # with its preposition: "on Monday", "over the last few weeks"
    return doc[start:end].text


def _is_count(word: str) -> bool:
    """"90", "two", "a few"... not "last" or "next"."""
    word = word.lower()
    return word[0].isdigit() or word in lexicons.words("number_words") | {"few", "several", "an", "a"}


def _counted(noun) -> bool:
    """"their first meeting", "the second such visit": a contact counted against others."""
    return any(c.dep_ == "amod" and (c.ent_type_ == "ORDINAL" or c.lower_ in {"first", "last"})
               for c in noun.children)


def _time_children(head) -> list:
    """The head's dependents, with the prepositions of its adverbs ("here on Friday")."""
    out = list(head.children)
    out += [c for a in head.children if a.dep_ == "advmod" for c in a.children if c.dep_ == "prep"]
    return out


def _timing_clauses(trigger) -> list:
    """Verbs that say when the contact takes place: "talks expected to begin in July", "the
    talks, which resume on Monday", "the talks will start on Friday"."""
    timing = set(lexicons.table("meeting_triggers")["timing_verbs"])
    verbs = [c for c in trigger.children if c.dep_ in {"acl", "relcl"}]
    if trigger.dep_ in {"nsubj", "nsubjpass"}:
        verbs.append(trigger.head)
    verbs += [x for v in verbs for x in v.children if x.dep_ == "xcomp"]
    return [v for v in verbs if v.lemma_.lower() in timing]


def find_time(trigger) -> str | None:
    """The date or time phrase of the contact's clause, as written, or None; else one the
    parser hung on a noun of that clause ("on the sidelines of the summit next week", "for a
    state visit in June")."""
    heads = clause_heads(trigger) + _timing_clauses(trigger) + when_clauses(trigger)
    # "a meeting planned for this week", "which had been due to take place on Thursday"
    heads += [c for c in staging_clauses(trigger) if c not in heads]
    # "told leaders on Saturday ..., as he attended a summit": the clause it happens during
    heads += [h.head for h in heads if h.dep_ == "advcl" and h.head.i != h.i and any(
        m.dep_ == "mark" and m.lower_ in {"as", "while"} for m in h.children)]
    found = next((t for h in heads if (t := _time_of(h, trigger))), None) or next(
        (t for h in _nouns_of(heads) if (t := _time_of(h, trigger))), None)
    if found is None:  # "the retreat was held in Tolvik in April 2019, when Lund met Berg": that April
        found = next((t for h in clause_heads(trigger) if h.dep_ == "relcl" and any(
            c.dep_ == "advmod" and c.lower_ == "when" for c in h.children) and (t := _time_phrase(h.head))), None)
    if found is None:  # "will fly to Oslo on Friday, where she is due to meet Lund": that Friday
        found = next((t for h in clause_heads(trigger) if h.dep_ == "relcl" and is_where_clause(h)
                      and (t := _time_phrase(h.head) or _travel_time(h.head, trigger))), None)
    if found is None and any(h.dep_ == "ROOT" for h in heads):
        found = _opening_time(trigger.doc)  # "On Friday Lund is expected to ... meet Berg"
    if found is None:  # "before the talks", "ahead of the summit": no date, but when all the same
        found = next((t for h in heads for c in h.children if (t := _tied_to_an_occasion(c, trigger))), None)
    return found


def _travel_time(place, trigger) -> str | None:
    """"is set to travel on Sunday to Oslo, where ...": when the journey there is."""
    travel = governing_verb(place, subject=False)
    return _time_of(travel, trigger) if travel is not None and travel.lemma_.lower() in TRAVEL_WORDS else None


def _opening_time(doc) -> str | None:
    """A date the sentence opens with, which the parser may hang on the wrong word."""
    first = next((t for t in doc[:3] if t.ent_type_ in _TIME), None)
    return _time_phrase(first) if first is not None else None


def _time_of(head, trigger) -> str | None:
    for child in _time_children(head):
        if child.dep_ == "prep":
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                found = _time_phrase(obj)
                if found:
                    return found
        elif child.dep_ in {"npadvmod", "tmod", "advmod", "obl"} or (
                child.dep_ in {"compound", "poss"} and head.i == trigger.i):  # "the Monday talks", "Tuesday's meeting"
            found = _time_phrase(child)
            if found:
                return found
    return None


# what sets a meeting's day: "planned for Tuesday", "pushed back to Friday"
# events a contact can be timed by: some contacts, and others ("before the ceremony")
_TIMING_EVENTS = {"summit", "talks", "meeting", "ceremony", "dinner", "banquet", "lunch", "conference",
                  "session", "visit", "signing", "inauguration", "parade", "match", "vote", "speech"}


def _tied_to_an_occasion(word, trigger) -> str | None:
    """"before the talks", "ahead of the summit", "before the summit opened": a time told by
    another event the contact comes before or after, as written; and whatever a sentence opens
    with ("Before his remarks, ...") or a clause says ("before travelling to Oslo")."""
    nouns: list | None = None
    if word.dep_ == "prep" and word.lower_ in {"before", "after"} and (
            word.i == word.sent.start or any(c.dep_ == "pcomp" for c in word.children)):
        pass  # set by what the sentence says comes before or after it
    elif word.dep_ == "prep" and word.lower_ in OCCASION_TIME_WORDS:
        nouns = [o for o in word.children if o.dep_ == "pobj"]
    elif word.dep_ == "advmod" and word.lower_ == "ahead":
        nouns = [o for p in word.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    elif word.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in {"before", "after"} for m in word.children):
        nouns = [c for c in word.children if c.dep_ in {"nsubj", "nsubjpass"}]
    else:
        return None
    if nouns is not None and not any(n.lemma_.lower() in _TIMING_EVENTS and n.i != trigger.i for n in nouns):
        return None
    tokens = sorted(word.subtree, key=lambda t: t.i)
    return word.doc[tokens[0].i: tokens[-1].i + 1].text


def _nouns_of(heads: list, depth: int = 3) -> list:
    """The nouns of the heads' prepositional phrases, nested ones too, never inside a verb."""
    out, frontier = [], list(heads)
    for _ in range(depth):
        frontier = [o for h in frontier for p in h.children if p.dep_ == "prep"
                    for o in p.children if o.dep_ == "pobj" and o.pos_ in {"NOUN", "PROPN"}]
        out += frontier
    return out


def own_time(person) -> str | None:
    """"met Lund on Monday and Berg on Tuesday": the day written right after the second person
    met, whether the parser hangs it on the person or on the verb."""
    after = person.doc[person.right_edge.i + 1] if person.right_edge.i + 1 < len(person.doc) else None
    preps = [p for p in person.children if p.dep_ == "prep"]
    if after is not None and after.dep_ == "prep" and after.head.i != person.i:
        preps.append(after)
    return next((t for p in preps for o in p.children if o.dep_ == "pobj" and (t := _time_phrase(o))), None)
