"""What someone did something to: the object a passage writes for the question's own verb.

"What did the two chiefs get to the point of weighing up?" asks for the object of "weighing
up"; a passage that writes the verb, or a synonym of it (``synonyms.txt``: "evaluate"), with an
object after it answers with that object: "... reached a level to evaluate how the two harbour
chiefs could meet" -> "how the two harbour chiefs could meet". The sentence
must share two of the question's other words, and the question must leave the verb without an
object of its own ("What did Lund call Berg?" is another question). Asked only when the reader
found nothing.
"""

from __future__ import annotations

import re

from ..models import Passage
from ..nlp import load_nlp
from .. import lexicons
from .found import Found, best, sentences
from .question import stem, weighted_terms

_WHAT = re.compile(r"\bwhat\b", re.I)
_OBJECTS = {"dobj", "ccomp", "xcomp"}
# verbs that only carry another: "get to the point of evaluating", "start weighing up"
_CARRIERS = frozenset("be have do get start begin reach manage try seek want go come make able".split())


def by_object(question: str, passages: list[Passage]) -> tuple[str, Found] | None:
    """(answer, where) for "What did X <verb>?" from a passage sentence giving that verb an
    object, or None."""
    if not _WHAT.search(question):
        return None
    verb = _asked_verb(load_nlp()(question))
    if verb is None:
        return None
    lemmas = {verb.lemma_.lower()} | lexicons.synonym_groups().get(verb.lemma_.lower(), frozenset())
    others = {t for t in weighted_terms(question) if t not in {stem(w) for w in lemmas}}
    scored: list[tuple[int, Found]] = []
    for sentence in sentences(passages):
        if not any(stem(w)[:5] in sentence.text.lower() for w in lemmas):
            continue
        shared = len(others & sentence.stems)
        found = _object_of(load_nlp()(sentence.text), lemmas) if shared >= 2 else None
        if found is not None:
            start, end = sentence.start + found[0], sentence.start + found[1]
            scored.append((shared, Found(sentence.text[found[0]:found[1]], sentence.passage, start, end)))
    return best(scored)


def _asked_verb(doc):
    """The question's last verb that carries meaning and has no object of its own ("evaluating"
    of "what did they get to the point of evaluating?"), or None."""
    verbs = [t for t in doc if t.pos_ == "VERB" and t.lemma_.lower() not in _CARRIERS]
    if not verbs:
        return None
    verb = verbs[-1]
    objects = [c for c in verb.children if c.dep_ in _OBJECTS | {"dative", "oprd"} and c.i > verb.i]
    if any(not any(d.lower_ == "what" for d in o.children) for o in objects):
        return None  # "What did Lund call Berg?": the verb has its object; "weigh up what plan" has not
    return verb


def _object_of(doc, lemmas: set[str]) -> tuple[int, int] | None:
    """Character offsets of the object after the first verb of ``lemmas`` in ``doc``."""
    for token in doc:
        if token.lemma_.lower() not in lemmas or token.pos_ != "VERB":
            continue
        objects = [c for c in token.children if c.dep_ in _OBJECTS and c.i > token.i]
        if objects:
            subtree = list(objects[0].subtree)
            first, last = subtree[0], subtree[-1]
            return first.idx, last.idx + len(last.text)
    return None
