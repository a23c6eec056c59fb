"""Phrases of a reason: the words of a clause as written, without its asides, and the cue
words (lexicons/reason_cues.json) the reason stages share."""

from __future__ import annotations

import re

from qa import lexicons

MAX_WORDS = 25


def cues() -> dict:
    return lexicons.table("reason_cues")


def objects_of(prep) -> list:
    """What a preposition governs: a noun ("on trade") or a gerund clause ("on rescheduling debt")."""
    return [c for c in prep.children if c.dep_ in {"pobj", "pcomp"}]


def clause_text(tokens: list) -> str | None:
    """Text of a clause without its comma-set relative clauses and appositions."""
    skip: set[int] = set()
    for t in tokens:
        if t.dep_ in {"relcl", "appos"} and t.left_edge.i > 0 and t.doc[t.left_edge.i - 1].text == ",":
            skip |= {x.i for x in t.subtree} | {t.left_edge.i - 1}
    kept = [t for t in sorted(tokens, key=lambda t: t.i) if t.i not in skip]
    text = "".join(t.text_with_ws for t in kept).strip()
    text = re.sub(r"\s+([,;.])", r"\1", text).strip(" ,;.:-\"'")
    words = text.split()
    return " ".join(words[:MAX_WORDS]) or None


def infinitive(verb, sought: bool = False) -> str | None:
    """"to discuss the war" for a verb with a "to" marker that is not an outcome, nor when the
    contact takes place ("talks expected to begin in July"); what is ``sought`` ("seeking to
    end the dispute") is a purpose whatever its verb."""
    if not sought and verb.lemma_.lower() in cues()["outcome_verbs"] + lexicons.table("meeting_triggers")["timing_verbs"]:
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    return clause_text([t for t in verb.subtree if t.i >= verb.left_edge.i])


def span_text(tokens: list) -> str | None:
    """The words from the first token's phrase to the last one's ("a de-escalation", which the
    parser splits at the hyphen)."""
    return clause_text(list(tokens[0].doc[min(t.left_edge.i for t in tokens): max(t.right_edge.i for t in tokens) + 1]))
