"""Answer spans that respect the units of the text: a span never cuts a name, date or number.

The reader picks token boundaries; it often stops one word short of a name ("London" of "the
London School of Economics") or a date ("February 1951" of "20 February 1951"), or gives a bare
verb for what someone did ("leave" of "asked them to leave Turkey"). Widening the span to the
whole named entity it cuts, and a lone verb to its object, are rules for every question,
checked on the tuning halves (benchmarks/answers.py).
"""

from __future__ import annotations

from ..nlp import load_nlp

_ENTITY_ONLY = ("parser", "tagger", "attribute_ruler", "lemmatizer", "senter")


def whole_entities(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """``[start, end)`` of ``text`` widened to every entity of ``sentence`` it cuts in half."""
    first, last = sentence
    if not first <= start < end <= last:
        return start, end
    nlp = load_nlp()
    doc = nlp(text[first:last], disable=[p for p in _ENTITY_ONLY if p in nlp.pipe_names])
    for entity in doc.ents:
        entity_start, entity_end = first + entity.start_char, first + entity.end_char
        cuts = entity_start < end and entity_end > start and (entity_start < start or entity_end > end)
        if cuts:
            start, end = min(start, entity_start), max(end, entity_end)
    return start, end


_OBJECTS = {"dobj", "prt", "dative", "attr", "acomp"}


def verb_with_object(text: str, start: int, end: int, sentence: tuple[int, int]) -> tuple[int, int]:
    """A one-word answer that is a verb, widened to its object ("leave" -> "leave Turkey")."""
    first, last = sentence
    if not first <= start < end <= last or " " in text[start:end].strip():
        return start, end
    doc = load_nlp()(text[first:last])
    verb = next((t for t in doc if first + t.idx == start), None)
    if verb is None or verb.pos_ != "VERB":
        return start, end
    objects = [c for c in verb.children if c.dep_ in _OBJECTS and c.i > verb.i]
    if objects:
        end = max(end, first + max(t.idx + len(t.text) for o in objects for t in o.subtree))
    return start, end
