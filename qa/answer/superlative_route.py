"""The biggest one: "What is seen as the biggest obstacle to a deal?" asks for what a
sentence names after "The biggest hurdle in the ferry talks is ...". News words the thing
itself in many ways (obstacle, hurdle, stumbling block), but the superlative stays, so the
sentence is found by its superlative and the question's other words, and the answer is what
its copula names ("is the harbour union backed by Skarn"). Asked only when the reader found nothing.
"""

from __future__ import annotations

import re

from ..nlp import load_nlp
from ..models import Passage
from .found import Found, best, sentences
from .question import stem, weighted_terms

_ASKS = re.compile(r"^\s*(?:(?:what|who|which)\s+(?:is|was|are|were|remains|remained)\s+(?:(?:described|seen|regarded|"
                   r"named|called)\s+as\s+)?the\s+|(?:the\s+)?(?=\w+est\b|most\b))(?:single\s+)?(?P<most>\w+est|most\s+\w+|main|chief|key|largest|"
                   r"major|primary)\b", re.I)
_COPULAS = {"be", "remain"}


def by_superlative(question: str, passages: list[Passage]) -> tuple[str, Found] | None:
    """(answer, where) for "What is the biggest X ...?" (or just "biggest X ...?") from "The
    biggest Y ... is Z", or None."""
    match = _ASKS.match(question)
    if match is None:
        return None
    most = match.group("most").lower().split()
    asked = set(weighted_terms(question)) - {stem(w) for w in most}
    scored: list[tuple[int, Found]] = []
    written = re.compile(r"\bthe\s+(?:single\s+)?" + r"\s+".join(most) + r"\b", re.I)
    for sentence in sentences(passages):
        if not written.search(sentence.text):
            continue
        shared = len(asked & sentence.stems)
        if shared < 1:
            continue
        for verb in (t for t in load_nlp()(sentence.text) if t.lemma_.lower() in _COPULAS):
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            named = next((c for c in verb.children if c.dep_ == "attr"), None)
            if subject is None or named is None or most[-1] not in {t.lower_ for t in subject.subtree}:
                continue
            last = _last_of(named)
            first = named.left_edge.idx
            scored.append((shared, Found(sentence.text[first:last], sentence.passage,
                                         sentence.start + first, sentence.start + last)))
    return best(scored)


def _last_of(noun) -> int:
    """Where the noun phrase ends, with what describes it ("the rebels backed by Skarn", "the
    question of fees") and without a clause that goes on ("holding the northern docks")."""
    end = noun.idx + len(noun.text)
    for child in (c for c in noun.children if c.i > noun.i):
        if (child.dep_ == "acl" and child.tag_ == "VBN") or (child.dep_ == "prep" and child.lower_ == "of"):
            end = max(t.idx + len(t.text) for t in child.subtree if not _goes_on(t, child))
        else:
            break
    going_on = [t.idx for t in noun.doc[noun.i + 1:] if t.tag_ == "VBG" and t.idx < end]
    return min([end] + [i - 1 for i in going_on])  # the parser may hang "holding the docks" on a name


def _goes_on(token, top) -> bool:
    """Whether the token is in a clause of its own below ``top`` ("... holding the docks")."""
    while token.i != top.i:
        if token.dep_ in {"acl", "relcl"} and token.tag_ != "VBN":
            return True
        token = token.head
    return False
