"""Stage 1b: whether a contact happened, is planned, was cancelled, or is only imagined.

"planned": will meet, is due to meet, the upcoming summit; "cancelled": the talks were called
off; "happened"; None when the text only imagines it (could meet, wants to meet, never met, any
talks, if they meet). Read from the trigger's own words and the verbs above it.
"""

from __future__ import annotations

from qa import lexicons

from .clauses import base_forms, governing_verb, purpose_host

_OCCASION_PREPS = {"during", "at", "after", "following", "in"}
_TIME_MARKS = {"when", "once", "after", "before", "while", "as"}
_PRESENCE_VERBS = {"be", "attend", "join", "take", "participate", "go", "come", "turn", "show", "appear"}


def _status_lex() -> dict:
    return lexicons.table("meeting_status")


def _clause_chain(token) -> list:
    """The trigger, then the verbs above it through infinitives and complements."""
    chain, node = [token], token
    verb = governing_verb(token) if token.pos_ in {"NOUN", "PROPN"} else None
    if verb is not None and _spoken_of(token, verb):
        return chain  # "declined to comment on the meeting with Lund": the meeting is what it is
    if verb is not None:
        chain.append(verb)
        node = verb
    host = purpose_host(node)
    if host is not None:
        chain.append(host)
        node = host
    while node.dep_ in {"xcomp", "ccomp", "acomp", "conj", "pcomp", "advcl"} and node.head.i != node.i:
        if node.dep_ == "advcl" and not (_infinitive_or_present_when(node)):
            break  # a purpose clause shares the tense of its verb: "will stop in X to meet Y"
        if node.dep_ == "conj" and node.head.pos_ not in {"VERB", "AUX", "ADJ"}:
            break
        node = node.head
        if node.dep_ == "prep" and node.head.pos_ == "ADJ":
            node = node.head  # "open to talking with Lund": the adjective the contact hangs from
        chain.append(node)
        if node.dep_ == "ccomp":
            break
    return chain


_SPEAKING_OF = frozenset({"comment", "elaborate", "speculate", "remark", "talk", "speak", "say", "disclose",
                          "reveal", "report", "confirm", "deny", "explain"})


def _spoken_of(noun, verb) -> bool:
    """"commented on the talks", "would not say anything about the meeting": a contact that
    something said is about; what is said of it (refused, wished) is not its status."""
    return noun.dep_ == "pobj" and noun.head.lower_ in {"on", "about", "regarding"} \
        and noun.head.head.i == verb.i and verb.lemma_.lower() in _SPEAKING_OF


def _infinitive_or_present_when(verb) -> bool:
    """"to meet Y", or "when they meet" in the present: the clause takes the time of the verb it
    hangs from ("she will raise it when they meet")."""
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return True
    return verb.tag_ in {"VBP", "VBZ"} and any(c.dep_ in {"mark", "advmod"} and c.lower_ in _TIME_MARKS for c in verb.children)


def _modifier_status(token) -> str | None | bool:
    """Status set by the noun trigger's own words: "the upcoming summit", "any talks"."""
    lex = _status_lex()
    for child in token.children:
        word = child.lower_
        if child.dep_ == "det" and word in lex["irrealis_determiners"]:
            return None
        if child.dep_ in {"amod", "compound", "advmod"} and word in lex["cancel_modifiers"]:
            return "cancelled"
        if child.dep_ in {"amod", "compound"} and word in lex["planned_modifiers"]:
            return "planned"
        if child.dep_ == "amod" and word in lex["irrealis_modifiers"]:
            return None  # "a possible meeting": talked of, not set
    return False


def _verb_status(verb, is_trigger: bool, occasion: bool = False) -> str | None | bool:
    """Status a verb of the chain gives, or False when it says nothing. ``occasion``: the
    trigger is only when or where the verb's action took place ("he did not raise it at the
    meeting"), which a "not" does not undo; being there is ("he was not at the meeting")."""
    lex = _status_lex()
    lemma, children = verb.lemma_.lower(), list(verb.children)
    if any(c.dep_ == "mark" and c.lower_ in lex["conditional_marks"] for c in children):
        return None
    if any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex["condition_marks"] for m in c.children)
           for c in children):
        return None  # "would meet Lund if he invites me": only on a condition
    if "would" in {c.lower_ for c in children if c.dep_ == "aux"} and any(
            c.dep_ == "advcl" and any(m.lower_ == "only" for m in c.children) for c in children):
        return None  # "would meet Lund only after the troops leave": a condition too
    if not is_trigger and lemma in {"have", "be"} and any(c.dep_ == "advmod" and c.lower_ == "yet" for c in children):
        return None  # "has yet to meet Lund", "is yet to speak with him": not so far
    if not is_trigger and any(c.dep_ in {"prt", "advmod"} and c.lower_ in lex["rescheduling_particles"] for c in children):
        return "planned"  # moved to another day, "back" or "forward": still to come
    if not is_trigger and lemma in lex["cancel_heads"]:
        if lemma != "call" or any(c.lower_ == "off" for c in children):
            return "cancelled"
    negated = any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in lex["negating_adverbs"]) for c in children)
    if negated and not (occasion and lemma not in _PRESENCE_VERBS):  # "did not meet", "has rarely received"
        return None
    auxes = {c.lower_ for c in children if c.dep_ in {"aux", "auxpass"}}
    if not is_trigger and base_forms(verb) & set(lex["irrealis_heads"]):
        return None  # "said he would like to meet Lund": a wish
    if not is_trigger and "hope" in base_forms(verb) and not _dated(verb):
        return None  # "hoped to meet her in the near future"; but "hopes to meet Lund in late April"
    if "would" in auxes and _reported(verb):
        return "planned"  # "the spokesman said Smith would meet Kuroda on Thursday"
    if auxes & set(lex["irrealis_aux"]):
        return None
    if auxes & set(lex["future_aux"]):
        return "planned"
    if not is_trigger and verb.pos_ == "ADJ" and lemma in lex["irrealis_adjectives"]:
        return None  # "open to talks"; but "opened talks" held them
    if not is_trigger and (base_forms(verb) & set(lex["planned_heads"]) or (lemma == "be" and (
            _has_infinitive(verb) or any(c.dep_ == "acomp" and c.lemma_.lower() in lex["planned_heads"]
                                         for c in children)))):  # "is due in Oslo for talks"
        return "planned"
    return False


def _plan_it_belongs_to(verb) -> str | None | bool:
    """"plans for Lund to meet Berg": a contact told as what a plan or an agreement is for is
    planned, and imagined when there is "no" plan; False when the verb hangs from no such noun."""
    if verb.dep_ not in {"acl", "advcl"} or verb.head.pos_ != "NOUN" or not any(
            c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    return _plan_status(verb.head)


def _plan_status(noun) -> str | None | bool:
    """"planned" for a plan ("plans", "arrangements"), None for "no plans", else False."""
    lex = _status_lex()
    if not base_forms(noun) & set(lex["planned_heads"]):
        return False
    if any(c.dep_ == "det" and c.lower_ in lex["irrealis_determiners"] for c in noun.children):
        return None
    return "planned"


def _dated(verb) -> bool:
    """A day, month or year named in the clause, not "soon" or "the near future"."""
    return any(t.ent_type_ in {"DATE", "TIME"} and t.lower_ not in {"future", "near", "soon", "the", "day", "one"}
               for x in verb.children if x.dep_ in {"xcomp", "ccomp"} for t in x.subtree)


def _reported(verb) -> bool:
    """A clause a reporting verb reports, or one joined to it ("said he had called Lund and
    that they would meet")."""
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ccomp" and verb.head.lemma_.lower() in lexicons.words("reporting_verbs")


def _has_infinitive(verb) -> bool:
    """"is to meet": a form of "be" with a "to" infinitive."""
    return any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               for c in verb.children)


def status_of(token) -> str | None:
    """"happened", "planned", "cancelled", or None for a contact the text only imagines."""
    # "asked him during a meeting": the verb's own meaning ("ask", "want") bears on what it
    # governs, not on an occasion it merely happened at; an occasion is real whatever was urged
    # or sought during it ("urged Lund to find a way out during a phone call")
    from .slot_words import followed_contact

    if (before := followed_contact(token)) is not None:
        return status_of(before)  # "will hold talks, followed by a state dinner": a dinner to come too
    if token.dep_ == "pobj" and token.head.lower_ == "since" and token.pos_ in {"NOUN", "PROPN"}:
        return "happened"  # "has not spoken with Lund since their call in March": a contact that was
    occasion = token.dep_ == "pobj" and token.head.lower_ in _OCCASION_PREPS
    found = [_verb_status(verb, is_trigger=verb.i == token.i or occasion, occasion=occasion and k == 1)
             for k, verb in enumerate(_clause_chain(token)) if not (k == 0 and token.pos_ in {"NOUN", "PROPN"})]
    if token.dep_ == "pobj" and token.head.head.pos_ == "ADJ" and (
            token.head.head.lemma_.lower() in set(_status_lex()["irrealis_heads"]) | set(_status_lex()["irrealis_adjectives"])):
        return None  # "open to a summit", "keen on talks": not held
    if token.dep_ == "pobj" and token.head.lower_ == "of" and token.head.head.lemma_.lower() in _status_lex()[
            "irrealis_nouns"]:
        return None  # "dismissed the prospect of talks with the West", "the possibility of a summit"
    if token.dep_ == "pobj" and token.head.lower_ == "for" and token.head.head.pos_ == "NOUN":
        planned_for = _plan_status(token.head.head)
        if planned_for is not False and all(status is False for status in found):
            return planned_for  # "plans for talks with Lund"; but "no plans for talks"
    if token.pos_ in {"NOUN", "PROPN"}:
        modified = _modifier_status(token)
        if modified is not False:  # "cancelled a planned summit": the verb outranks "planned"
            return "cancelled" if "cancelled" in found[:1] else modified
    if None in found:
        return None  # "is trying to arrange a meeting": imagined, whatever the verbs below say
    planned_for = next((p for v in _clause_chain(token) if (p := _plan_it_belongs_to(v)) is not False), False)
    if planned_for is None:
        return None  # "no plans for Lund and Berg to meet"
    if planned_for is not False and all(status is False for status in found):
        return planned_for  # "plans for Lund to meet Berg" (but "no plans for Lund to meet Berg")
    status = next((status for status in found if status is not False), "happened")
    if status == "happened" and token.dep_ in {"acl", "advcl"} and token.head.lemma_.lower() == "invitation":
        return "planned"  # "accepted an invitation to visit Oslo": a visit to come
    return status
