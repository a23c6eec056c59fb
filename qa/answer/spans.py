"""Answer spans that respect the units of the text: a span never cuts a name, date or number.

The reader picks token boundaries; it often stops one word short of a name ("London" of "the
London School of Economics") or a date ("February 1951" of "20 February 1951"). Widening the
span to the whole named entity it cuts is one rule for every question, checked on the tuning
halves (benchmarks/answers.py).
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
