"""Answer spans that respect the units of the text: a span never cuts a name, date or number.

The reader picks token boundaries; it often stops one word short of a name ("London" of "the
London School of Economics") or a date ("February 1951" of "20 February 1951"), or gives a bare
verb for what someone did ("leave" of "asked them to leave Skarn"), or half a purpose ("find a
solution" of "to find a solution to the dispute"). Widening the span to the whole named entity
it cuts, a lone verb to its object, a lone noun to its modifiers, and a "why" answer to its
purpose or cause clause, are rules checked on the tuning halves (benchmarks/answers.py).
"""

from __future__ import annotations

import re

from ..nlp import entities_only, load_nlp

_OBJECTS = {"dobj", "prt", "dative", "attr", "acomp"}


def widened(text: str, start: int, end: int, sentence: tuple[int, int], kind: str = "") -> tuple[int, int]:
    """The rules, the sentence parsed once: fully only when a lone word may be a verb or the
    question asks why."""
    if not sentence[0] <= start < end <= sentence[1]:
        return start, end
    after_and = kind == "what" and text[max(sentence[0], start - 4):start].lower() == "and "
    doc = _parse(text, sentence, full=_one_word(text, start, end) or kind == "why" or after_and)
    start, end = whole_entities(text, start, end, sentence, doc)
    if after_and:
        start = with_first_conjunct(start, sentence, doc)
    if kind == "why":
        start, end = whole_purpose(text, start, end, sentence, doc)
    start, end = lone_word_phrase(text, start, end, sentence, doc)
    if kind in {"who", "whom"}:
        end = person_of_possessor(text, end, sentence, doc)
    if kind in {"what", "which", "who", "whom"}:
        end = with_agent(text, end, sentence)
    return with_article(text, start, sentence), end


def with_first_conjunct(start: int, sentence: tuple[int, int], doc) -> int:
    """The start of a what-answer that is the second of two things done widened over the first:
    "expand the docks" of "wants Skarn to cut fees and expand the docks"."""
    verb = next((t for t in doc if sentence[0] + t.idx == start), None)
    if verb is None or verb.pos_ != "VERB" or verb.dep_ != "conj" or verb.head.pos_ != "VERB":
        return start
    return sentence[0] + verb.head.idx


def person_of_possessor(text: str, end: int, sentence: tuple[int, int], doc) -> int:
    """The end of a who-answer widened over the person it is the possessor of: "Norland" ->
    "Norland's Ola Vik" (the country is not who)."""
    after = re.match(r"[’']s\s+", text[end:sentence[1]])
    at = end + after.end() if after else -1
    return next((sentence[0] + e.end_char for e in doc.ents if e.label_ == "PERSON" and sentence[0] + e.start_char == at),
                end)


def with_article(text: str, start: int, sentence: tuple[int, int]) -> int:
    """The start of a noun phrase widened over the "the" right before it ("the opposition
    rebels", as the article writes it); a name keeps its own start."""
    before = text[max(sentence[0], start - 4):start]
    return start - 4 if before.lower() == "the " and text[start:start + 1].islower() else start


# "the opposition rebels backed by Skarn": who backs them is part of what they are
_AGENT = re.compile(r"\s+[a-z]+ed\s+by\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*")


def with_agent(text: str, end: int, sentence: tuple[int, int]) -> int:
    """The end of an answer widened over a participle and its named agent right after it:
    "opposition rebels" -> "opposition rebels backed by Skarn"."""
    agent = _AGENT.match(text, end, sentence[1])
    return agent.end() if agent and text[end - 1:end].isalpha() else end


def whole_purpose(text: str, start: int, end: int, sentence: tuple[int, int], doc) -> tuple[int, int]:
    """A "why" answer inside a purpose or cause clause, widened to the whole clause: "find a
    political solution" of "to find a political solution to the conflict in Skarn"."""
    first = sentence[0]
    inside = [t for t in doc if start <= first + t.idx < end]
    if not inside:
        return start, end
    for clause in [inside[0]] + list(inside[0].ancestors):
        to = any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children)
        because = any(c.dep_ == "mark" and c.lower_ in {"because", "since", "as"} for c in clause.children)
        if clause.pos_ in {"VERB", "AUX"} and (to or because):
            nested = {t.i for c in clause.children if c.dep_ == "advcl" and c.i > clause.i
                      and any(m.dep_ == "mark" for m in c.children) for t in c.subtree}
            tokens = [t for t in clause.subtree if t.i not in nested and t.i < min(nested, default=len(doc))]
            return (min(start, first + tokens[0].idx),
                    max(end, first + tokens[-1].idx + len(tokens[-1].text)))
        if clause.dep_ in {"ROOT", "ccomp"}:
            break  # the main clause: no purpose clause holds the answer
    return start, end


def _one_word(text: str, start: int, end: int) -> bool:
    return " " not in text[start:end].strip()


def _parse(text: str, sentence: tuple[int, int], full: bool):
    part = text[sentence[0]:sentence[1]]
    return load_nlp()(part) if full else entities_only(part)


def whole_entities(text: str, start: int, end: int, sentence: tuple[int, int], doc=None) -> tuple[int, int]:
    """``[start, end)`` of ``text`` widened to every entity of ``sentence`` it cuts in half
    (``doc``: the sentence already parsed)."""
    first, last = sentence
    if not first <= start < end <= last:
        return start, end
    for entity in (doc or _parse(text, sentence, full=False)).ents:
        entity_start, entity_end = first + entity.start_char, first + entity.end_char
        cuts = entity_start < end and entity_end > start and (entity_start < start or entity_end > end)
        if cuts:
            start, end = min(start, entity_start), max(end, entity_end)
    return start, end


def lone_word_phrase(text: str, start: int, end: int, sentence: tuple[int, int], doc=None) -> tuple[int, int]:
    """A one-word answer that is a verb, widened to its object ("leave" -> "leave Skarn"); a
    lone noun, to its modifiers."""
    first, last = sentence
    if not first <= start < end <= last or not _one_word(text, start, end):
        return start, end
    if doc is None or not doc.has_annotation("DEP"):
        doc = _parse(text, sentence, full=True)
    verb = next((t for t in doc if first + t.idx == start), None)
    if verb is not None and verb.pos_ == "NOUN":
        # a lone head noun takes the words that make it what it is: "chief" -> "Skarnish
        # intelligence chief" (adjectives and nouns right before it, not articles or numbers)
        mods = [c for c in verb.children if c.dep_ in {"compound", "amod"} and c.i < verb.i]
        if mods:
            start = min(start, first + min(t.idx for m in mods for t in m.subtree))
        return start, end
    if verb is None or verb.pos_ != "VERB":
        return start, end
    objects = [c for c in verb.children if c.dep_ in _OBJECTS and c.i > verb.i]
    if objects:
        end = max(end, first + max(t.idx + len(t.text) for o in objects for t in o.subtree))
    return start, end
