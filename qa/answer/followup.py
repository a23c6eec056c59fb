"""Follow-up questions: "why did they meet?" rewritten from the previous turn.

"why did they meet?" after "Who did the harbour chief meet in Skarn?" (answered "Tomas Ekholm"
from a sentence naming Ida Brenner and Tomas Ekholm) becomes "why did Ida Brenner and Tomas
Ekholm meet?": the entities of the previous turn stand in for its pronouns, so retrieval
and the reader see a self-contained question. Self-contained questions come back unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..models import Turn
from ..nlp import load_nlp
from .question import AUXILIARIES as _AUX
from .question import WH_WORDS as _WH_WORDS
from .question import WORD_RE as _WORD_RE
from .question import classify as classify_question

_PRONOUNS_PEOPLE = {"they", "them", "their", "theirs", "he", "him", "his", "she", "her", "hers"}
_EVENT_PRONOUNS = {"that", "it", "this"}
# "that man", "this woman": a person pointed back to, read as the pronoun
_DEMONSTRATIVE_PERSON = re.compile(r"\b(?:that|this)\s+(man|woman|person)\b", re.IGNORECASE)
_AS_PRONOUN = {"man": "he", "woman": "she", "person": "they"}
_FOLLOWUP_START = re.compile(r"^\s*(and|also|what about|how about|so)\b", re.IGNORECASE)
_MOTION_VERBS = {"go", "went", "gone", "going", "travel", "travelled", "traveled", "fly", "flew",
                 "come", "came", "return", "returned", "move", "moved", "head", "headed", "visit"}


def resolve(question: str, history: Sequence[Turn], nlp: Any = None) -> str:
    """The question made self-contained with the previous turn's entities (see the module)."""
    if not history:
        return question
    prev = history[-1]
    prev_answer = prev.answer
    if prev_answer is None or not (prev_answer.answer or prev_answer.evidence):
        return question
    question = _DEMONSTRATIVE_PERSON.sub(lambda m: _AS_PRONOUN[m.group(1).lower()], question)
    tokens = _WORD_RE.findall(question)
    lowered = [t.lower() for t in tokens]
    has_people = any(t in _PRONOUNS_PEOPLE for t in lowered)
    has_there = "there" in lowered and not re.search(
        r"\bthere\s+(is|are|was|were|be|been|will|has|have|had)\b|\b(is|are|was|were|be|been)\s+"
        r"there\b", question, re.IGNORECASE)
    has_event = any(t in _EVENT_PRONOUNS for t in lowered)
    if not (has_people or has_there or has_event or _FOLLOWUP_START.match(question)):
        return question

    prev_kind = prev_answer.kind or classify_question(prev.question)
    answer_name = _answer_name(prev_answer.answer) if prev_kind in {"who", "whom", "whose"} else ""
    evidence_text = prev_answer.evidence.text if prev_answer.evidence else ""
    pipeline = _pipeline(nlp)
    evidence_names = _people_names(evidence_text, pipeline)
    question_names = _people_names(prev.question, pipeline)
    parts = _question_parts(prev.question, pipeline)
    subject = parts[0] if parts else ""

    rewritten = question
    if has_people:
        mapping = _pronoun_mapping(_Names(answer_name, evidence_names, question_names, subject),
                                   prev_kind, lowered)
        if mapping:
            rewritten = _replace_words(rewritten, mapping)
    if has_there:
        rewritten = _replace_there(rewritten, tokens, prev, prev_kind, evidence_text)
    if has_event and not has_people:
        rewritten = _replace_event(rewritten, question, prev.question, parts, answer_name)
    if rewritten != question:
        rewritten = re.sub(r"\s+", " ", rewritten).strip()
        rewritten = re.sub(r"^(and|also|so)\s+", "", rewritten, flags=re.IGNORECASE)
    return rewritten


@dataclass(frozen=True)
class _Names:
    answer: str  # the previous answer, when it named a person
    evidence: list[str]  # people named in the previous evidence sentence
    question: list[str]  # people named in the previous question
    subject: str  # the previous question's subject


def _pronoun_mapping(names: _Names, prev_kind: str, lowered: list[str]) -> dict[str, str]:
    """he/she/him/her/they/them/their -> the people of the previous turn."""
    answer_name = names.answer
    if answer_name and answer_name not in names.evidence + names.question:
        answer_name = ""  # "Reuters": not a person, so not "he" or "they"
    people: list[str] = []
    if answer_name:
        others = [n for n in names.evidence + names.question if n != answer_name
                  and answer_name not in n and n not in answer_name]
        if prev_kind == "whom":
            first = others[0] if others else names.subject
            people = [p for p in (first, answer_name) if p]
        else:
            people = [answer_name] + ([others[0]] if others else ([names.subject] if names.subject else []))
    else:
        people = (names.question or names.evidence)[:2]
    if not people:
        return {}
    single = answer_name or people[0]
    other = next((p for p in people if p != single), "")
    pair = " and ".join(people[:2]) if len(people) > 1 else ""
    mapping = {"he": single, "she": single, "his": _possessive(single), "hers": _possessive(single)}
    # "when did he meet him?": the object pronoun is the other person.
    object_pronoun = {"him": single, "her": single}
    if any(w in lowered for w in ("he", "she")) and other:
        object_pronoun = {"him": other, "her": other}
    mapping.update(object_pronoun)
    if pair:
        mapping.update({"they": pair, "them": pair, "their": _possessive(pair)})
    return mapping


def _replace_there(rewritten: str, tokens: list[str], prev: Turn, prev_kind: str, evidence_text: str) -> str:
    """"there" -> in/to the previous turn's place."""
    if prev_kind == "where" and prev.answer.answer:
        place = prev.answer.answer
    else:
        place = _first_place(prev.question) or _first_place(evidence_text)
    if not place:
        return rewritten
    prep = "to " if {w.lower() for w in tokens} & _MOTION_VERBS else "in "
    return _replace_words(rewritten, {"there": prep + place})


def _replace_event(rewritten: str, question: str, prev_question: str, parts: list[str],
                   answer_name: str) -> str:
    """"where was that?" / "when did it happen?": the previous event, answer filled in."""
    clause = _event_clause(prev_question, parts, answer_name)
    new_kind = classify_question(question)
    if clause and re.search(r"\b(was|is|did|does)\s+(that|it|this)\b(\s+(happen|take place|"
                            r"occur))?\s*\??\s*$", question, re.IGNORECASE):
        wh = _leading_wh(question) or new_kind
        return f"{wh} did {_drop_adjunct(clause, new_kind)}?"
    return rewritten


def _answer_name(answer: str) -> str:
    """The name part of "Tomas Ekholm, island mayor"."""
    head = answer.split(",")[0].strip()
    return head if 0 < len(head.split()) <= 6 else ""


def _pipeline(nlp: Any) -> Any:
    if nlp is not None:
        return nlp if hasattr(nlp, "pipe_names") else nlp()
    return load_nlp()


def _people_names(text: str, nlp: Any) -> list[str]:
    if not text:
        return []
    names: list[str] = []
    for ent in nlp(text).ents:
        if ent.label_ == "PERSON" and ent.text not in names:
            names.append(ent.text)
    return names


def _first_place(text: str) -> str:
    m = re.search(r"\b(?:in|to|at|from|visit(?:ed)?)\s+((?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)",
                  text)
    return m.group(1) if m else ""


def _question_parts(question: str, nlp: Any) -> tuple[str, str, str] | None:
    """(subject, verb, rest) of "Who did <subject> <verb> <rest>?", or ("", verb, rest) of
    "Who <verb> <rest>?"."""
    doc = nlp(question.strip().rstrip("?").strip())
    tokens = list(doc)
    if len(tokens) < 2 or tokens[0].lower_ not in _WH_WORDS:
        return None
    if tokens[1].lower_ in _AUX:
        for j in range(3, len(tokens)):
            if tokens[j].tag_ in {"VB", "VBN", "VBG"} and tokens[j].lower_ not in _AUX:
                subject = doc[2:j].text
                rest = doc[j + 1 :].text if j + 1 < len(tokens) else ""
                return subject, tokens[j].text, rest
        # The tagger misses verbs in questions ("meet" as a noun): take the word before the
        # first preposition (or the last word).
        for j in range(3, len(tokens)):
            if (tokens[j].pos_ == "ADP" or j == len(tokens) - 1) and tokens[j - (tokens[j].pos_ == "ADP")].is_lower:
                k = j - 1 if tokens[j].pos_ == "ADP" else j
                if k >= 3:
                    rest = doc[k + 1 :].text if k + 1 < len(tokens) else ""
                    return doc[2:k].text, tokens[k].text, rest
                break
        return None
    if tokens[1].tag_.startswith("VB"):
        return "", tokens[1].text, doc[2:].text if len(tokens) > 2 else ""
    return None


def _event_clause(question: str, parts: tuple[str, str, str] | None, answer_name: str) -> str:
    """Statement form of the previous question with its answer filled in."""
    if not parts:
        return ""
    subject, verb, rest = parts
    wh = question.strip().split()[0].lower()
    rest = (" " + rest) if rest else ""
    if wh in {"who", "whom"} and answer_name:
        if subject:
            return f"{subject} {verb} {answer_name}{rest}"
        return f"{answer_name} {_base_verb(verb)}{rest}"
    if subject:
        return f"{subject} {verb}{rest}"
    return ""


def _base_verb(verb: str) -> str:
    irregular = {"met": "meet", "went": "go", "said": "say", "told": "tell", "made": "make",
                 "held": "hold", "called": "call", "led": "lead", "took": "take", "gave": "give"}
    low = verb.lower()
    if low in irregular:
        return irregular[low]
    if low.endswith("ied"):
        return low[:-3] + "y"
    if low.endswith("ed"):
        return low[:-2] if not low.endswith("eed") else low
    if low.endswith("es") and low[:-2].endswith(("sh", "ch", "ss", "x")):
        return low[:-2]
    if low.endswith("s") and not low.endswith("ss"):
        return low[:-1]
    return low


def _drop_adjunct(clause: str, kind: str) -> str:
    """Drop "in Tolvik" from the clause of a new where-question (and dates for when)."""
    if kind == "where":
        clause = re.sub(r"\s+(?:in|at)\s+(?:the\s+)?[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*", "",
                        clause)
    elif kind == "when":
        clause = re.sub(r"\s+(?:on|in|last|this|over)\s+(?:the\s+)?(?:\d[\w ]*|Monday|Tuesday|"
                        r"Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year)\b.*$", "",
                        clause)
    return clause


def _leading_wh(question: str) -> str:
    m = re.match(r"^\s*(?:and\s+|so\s+)?(who|whom|where|when|why|how|what|which)\b", question,
                 re.IGNORECASE)
    return m.group(1).lower() if m else ""


def _replace_words(text: str, mapping: Mapping[str, str], once: bool = False) -> str:
    done = [False]

    def repl(m: re.Match[str]) -> str:
        if once and done[0]:
            return m.group(0)
        word = m.group(0)
        value = mapping.get(word.lower())
        if value is None:
            return word
        done[0] = True
        return value

    pattern = r"\b(" + "|".join(re.escape(k) for k in mapping) + r")\b"
    return re.sub(pattern, repl, text, flags=re.IGNORECASE)


def _possessive(name: str) -> str:
    return name + ("'" if name.endswith("s") else "'s")
