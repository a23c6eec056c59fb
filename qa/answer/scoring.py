"""How likely a candidate answer is right: one small logistic model, trained, not hand-set.

Each passage the reader reads gives a few candidates (its best spans that do not overlap). The features below describe
the candidate; ``scripts/train_scorer.py`` fits the weights on the tuning halves (label: the
span matches a gold answer) and picks the refusal threshold on SQuAD 2.0's tuning half. The
best-scoring candidate answers; its probability is the answer's ``confidence``, and below the
threshold the answer is "the articles don't say".
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

from .question import WORD_RE, Question, overlap, stem
from .reader import WEIGHTS, Span
from .. import lexicons
from ..text import words as words_of

FEATURES = (
    "margin", "span_score", "null_score", "gap_to_best", "rank", "cosine", "overlap",
    "type_match", "span_words", "in_question", "near_overlap", "span_order", "names_missing",
)
_TIME_WORDS = frozenset(
    "year years century centuries decade decades ago today yesterday tomorrow week weeks month months "
    "morning mornings night nights day days hour hours".split())
_FREQUENCY_WORDS = frozenset("times once twice thrice hourly daily nightly weekly monthly yearly annually every each "
                             "regularly repeatedly often frequently rarely seldom occasionally intermittently "
                             "sporadically periodically routinely constantly continually infrequently".split())
_REASON_START = re.compile(r"^(because|to|for|due|in order|as|so|after|over|amid)\b", re.I)


@dataclass(frozen=True)
class Candidate:
    span: Span
    text: str  # the answer text, trimmed
    sentence: str  # the sentence that holds it
    rank: int  # the passage's retrieval rank (0 = best)
    cosine: float  # the passage's similarity to the question
    near: str = ""  # the words either side of the span, within its sentence
    passage: str = ""  # the passage's headline and text


@dataclass(frozen=True)
class Scorer:
    weights: tuple[float, ...]
    bias: float
    means: tuple[float, ...]
    scales: tuple[float, ...]
    threshold: float  # refuse below this probability
    spans_per_passage: int = 1  # candidates the reader gives per passage, as in training

    @classmethod
    def load(cls, path: Path = WEIGHTS / "scorer.json") -> Scorer:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"{path} was trained on other features: retrain it")
        return cls(tuple(data["weights"]), data["bias"], tuple(data["means"]),
                   tuple(data["scales"]), data["threshold"], data.get("spans_per_passage", 1))

    def probability(self, values: list[float]) -> float:
        z = self.bias + sum(w * (v - m) / s for w, v, m, s in
                            zip(self.weights, values, self.means, self.scales))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def features(question: Question, candidate: Candidate, best_margin: float) -> list[float]:
    span = candidate.span
    answer_words = words_of(candidate.text)
    question_words = set(words_of(question.text))
    return [
        span.margin,
        span.score,
        span.null_score,
        best_margin - span.margin,
        float(candidate.rank),
        candidate.cosine,
        overlap(question.terms, candidate.sentence),
        type_match(question.kind, candidate.text),
        float(min(len(answer_words), 30)),
        sum(w in question_words for w in answer_words) / max(1, len(answer_words)),
        overlap(question.terms, candidate.near),
        float(span.order),
        names_missing(question.text, candidate.passage),
    ]


def names_missing(question: str, passage: str) -> float:
    """Share of the question's names and numbers that the passage never writes: a passage
    that does not name whom or what the question is about seldom answers it. A name is its
    last word ("Lund" of "Tomas Lund", as later sentences write it); it counts as written when a word of the passage has its stem or begins like it
    ("Norlandic", "Norland")."""
    tokens = WORD_RE.findall(question)
    capitalised = [i > 0 and t[:1].isupper() and t != "I" for i, t in enumerate(tokens)]
    names = {_plain(t) for i, t in enumerate(tokens)
             if (capitalised[i] and not (i + 1 < len(tokens) and capitalised[i + 1]))
             or any(c.isdigit() for c in t)} - {""}
    if not names:
        return 0.0
    written = {_plain(w) for w in WORD_RE.findall(passage)}
    stems = {stem(w) for w in written}
    prefixes = {w[:5] for w in written if len(w) >= 6}
    missing = [n for n in names if stem(n) not in stems and not (len(n) >= 6 and n[:5] in prefixes)]
    return len(missing) / len(names)


def _plain(token: str) -> str:
    # Not the name matcher's ``qa.names.fold``: that also folds accents, which changes this
    # feature's values (SQuAD names), so it waits for the next refit of the scorer.
    token = token.lower().replace("’", "'")
    return token[:-2] if token.endswith("'s") else token


def type_match(kind: str, text: str) -> float:
    """1 when the answer looks like what the question asks for, 0 when not, 0.5 when unknown."""
    tokens = text.split()
    lowered = set(words_of(text))
    has_number = any(c.isdigit() for c in text) or bool(lowered & lexicons.words("number_words"))
    capitalised = any(t[:1].isupper() for t in tokens)
    if kind == "when":
        dates = frozenset(lexicons.table("months")) | lexicons.words("weekdays") | _TIME_WORDS
        return float(has_number or bool(lowered & dates))
    if kind in {"how many", "how much", "how long"}:
        return float(has_number)
    if kind == "how often":  # "twice", "several times", "every week": not when
        return float(bool(lowered & _FREQUENCY_WORDS))
    if kind in {"who", "whom", "whose", "where"}:
        return float(capitalised)
    if kind == "why":
        return float(bool(_REASON_START.match(text)) or len(tokens) > 3)
    return 0.5
