"""Answer extraction: pick the evidence sentence among retrieved passages, then the answer span.

Pipeline for one question (see ``AnswerExtractor.answer``):

1. the top passages are split into sentences with exact offsets into ``Article.text``;
2. every candidate sentence is scored against the question in one embedding batch:
   ``0.55 * cosine + 0.45 * lexical overlap of question content words - rank penalty``;
3. when the best score is below ``REFUSAL_THRESHOLD`` nothing supports an answer: the answer is
   refused (``answer == ""`` and ``evidence is None``; the passages are still returned);
4. spaCy runs only on the few best sentences; a sentence holding a span of the expected type
   (PERSON for who, DATE for when, a reason clause for why...) gets a bonus, and the span of
   that type that is not already in the question becomes the answer, else the sentence itself.

Follow-up questions ("why did they meet?") are rewritten into self-contained questions by
``resolve_followup`` from the previous turn's question, answer and evidence.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from qa.models import Answer, Article, Evidence, Passage, Turn
from qa.nlp import load_nlp
from qa.text import sentence_spans

# Calibrated with benchmarks/eval_answering.py (best sentence score, 0.55*cos + 0.45*overlap):
# through the engine on BBC politics, the 34 dev_bbc questions all score >= 0.50 and 19 of 20
# off-topic questions < 0.46; on XQuAD (150 questions, gold paragraph + 4 most similar others
# vs the 4 others alone) 0.46 refuses 6% of answerable questions and answers 27% of those hard
# same-article negatives. Below this score the extractor refuses.
REFUSAL_THRESHOLD = 0.46

MAX_ANSWER_WORDS = 40
TOP_PASSAGES = 5  # passages whose sentences are scored
PARSED_SENTENCES = 4  # best sentences that spaCy reads
RANK_PENALTY = 0.015  # per passage rank
TYPE_BONUS = 0.12  # for a sentence holding a span of the expected type
MISSING_NAME_PENALTY = 0.3  # per name in the question that a sentence's article lacks
NO_SPAN_PENALTY = 0.25  # for a typed question's sentence holding none
MIN_SPAN_SCORE = 0.3  # weaker spans ("in April" for how long) are no answer

_STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each either few
    for from further had has have having he her here hers herself him himself his how i if in into
    is it its itself just least less many me might more most much must my myself no nor not now
    of off on once only or other our ours ourselves out over own per same shall she should so some
    such than that the their theirs them themselves then there these they this those through to
    too under until up upon us very was we were what whatever when where whereas whether which
    while who whom whose why will with within without would yet you your yours yourself
    yourselves one ones get got 's ’s said say says according""".split()
)
_WH_WORDS = ("who", "whom", "whose", "where", "when", "why", "how", "what", "which")
_AUX = frozenset(
    "is are was were be been do does did has have had can could will would should shall may "
    "might must am".split()
)
_WORD_RE = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)

# Expected entity labels per question kind, with a preference weight.
_KIND_LABELS: dict[str, dict[str, float]] = {
    "who": {"PERSON": 1.0, "ORG": 0.75, "NORP": 0.45},
    "whom": {"PERSON": 1.0, "ORG": 0.75, "NORP": 0.45},
    "whose": {"PERSON": 1.0, "ORG": 0.75, "NORP": 0.45},
    "where": {"GPE": 1.0, "LOC": 1.0, "FAC": 0.9, "ORG": 0.35},
    "when": {"DATE": 1.0, "TIME": 0.9},
    "how long": {"DATE": 1.0, "TIME": 1.0, "QUANTITY": 0.7},
    "how many": {"CARDINAL": 1.0, "QUANTITY": 0.9, "MONEY": 0.8, "PERCENT": 0.8},
    "how much": {"MONEY": 1.0, "QUANTITY": 0.9, "PERCENT": 0.9, "CARDINAL": 0.7},
}

# "what year", "which country", "how long"...: the noun after the wh-word sets the type.
_HEAD_NOUN_LABELS: list[tuple[frozenset[str], dict[str, float]]] = [
    (frozenset("year years decade century month day date time era period".split()),
     {"DATE": 1.0, "TIME": 0.8}),
    (frozenset("country countries city cities nation state states town region place province "
               "continent capital island river village area location county".split()),
     {"GPE": 1.0, "LOC": 1.0, "FAC": 0.6}),
    (frozenset("company companies organization organisation party team group agency newspaper "
               "university institution firm band club network bank body union broadcaster "
               "ministry department council court".split()),
     {"ORG": 1.0}),
    (frozenset("temple church mosque cathedral building stadium airport bridge museum hospital "
               "residence palace hotel venue street road".split()),
     {"FAC": 1.0, "ORG": 0.8, "GPE": 0.5, "LOC": 0.5}),
    (frozenset("person people man woman leader president minister king queen player author "
               "scientist official chancellor secretary mp premier prime counterpart envoy ambassador "
               "spokesman spokeswoman chief head director governor mayor senator general "
               "politician lawyer judge candidate founder owner chairman manager coach".split()),
     {"PERSON": 1.0, "ORG": 0.3}),
    (frozenset("nationality religion language ethnicity".split()),
     {"NORP": 1.0, "LANGUAGE": 1.0}),
    (frozenset("percentage percent proportion share".split()), {"PERCENT": 1.0, "CARDINAL": 0.5}),
    (frozenset("amount price cost sum".split()), {"MONEY": 1.0, "QUANTITY": 0.7,
                                                  "CARDINAL": 0.5}),
    (frozenset("number".split()), {"CARDINAL": 1.0, "QUANTITY": 0.8, "MONEY": 0.5}),
]
_HOW_LABELS = {
    "long": {"DATE": 1.0, "TIME": 1.0, "QUANTITY": 0.8},
    "old": {"DATE": 1.0, "CARDINAL": 0.8},
    "far": {"QUANTITY": 1.0, "CARDINAL": 0.5},
    "large": {"QUANTITY": 1.0, "CARDINAL": 0.8, "MONEY": 0.6},
    "big": {"QUANTITY": 1.0, "CARDINAL": 0.8, "MONEY": 0.6},
    "often": {"DATE": 0.8, "CARDINAL": 0.6},
    "tall": {"QUANTITY": 1.0},
    "high": {"QUANTITY": 1.0, "PERCENT": 0.8, "CARDINAL": 0.6},
}

_REASON_STRONG = re.compile(
    r"\b(because|due to|owing to|in order to|so as to|so that|as a result of|in a bid to|"
    r"in an effort to|aimed at|in response to|for fear)\b",
    re.IGNORECASE,
)
_REPORTING_TAIL = re.compile(
    r"""[,;]?\s*["'”’]?\s*,?\s*(?:\w+\s+){0,4}?(?:reported|said|says|added|told \w+|according to .+)\s*[.!]?["'”’]?$""",
    re.IGNORECASE,
)


# --------------------------------------------------------------------------- question analysis


def classify_question(question: str) -> str:
    """Question kind: who, whom, whose, where, when, why, how many, how much, how, which, what,
    or yesno."""
    tokens = [t.lower() for t in _WORD_RE.findall(question)]
    if not tokens:
        return "what"
    index = _first_wh(tokens)
    if index is None:
        if tokens[0] in _AUX:
            return "yesno"
        return "what"
    wh = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else ""
    if wh == "how":
        if following == "many":
            return "how many"
        if following == "much":
            return "how much"
        if following == "long":
            return "how long"
        if following in _HOW_LABELS:
            return "how many" if following in {"far", "large", "big", "tall", "high"} else "when"
        return "how"
    if wh == "who":
        # "Who did X meet?" asks for the object of the verb.
        if following in {"did", "do", "does", "will", "would", "has", "have", "had", "can",
                         "could", "should"} and len(tokens) > index + 3:
            return "whom"
        return "who"
    return wh


def _first_wh(tokens: Sequence[str]) -> int | None:
    for i, token in enumerate(tokens):
        if token in _WH_WORDS:
            # "what" in "so what ..." or "which" used as a relative pronoun late in a question
            # still marks the question; take the first one.
            return i
    return None


def expected_labels(question: str, kind: str | None = None) -> dict[str, float]:
    """Entity labels (with weights) an answer to ``question`` is expected to have."""
    kind = kind or classify_question(question)
    tokens = [t.lower() for t in _WORD_RE.findall(question)]
    index = _first_wh(tokens)
    if index is not None and tokens[index] == "how" and index + 1 < len(tokens):
        if tokens[index + 1] in _HOW_LABELS:
            return _HOW_LABELS[tokens[index + 1]]
    if kind in _KIND_LABELS:
        return _KIND_LABELS[kind]
    if kind in {"what", "which"} and index is not None:
        # The head noun: the first noun-ish word after the wh-word, skipping "kind of" etc.
        # "which German chancellor", "which two cities": the first known noun before a verb.
        window = tokens[index + 1 : index + 5]
        for word in window:
            if word in _AUX:
                break
            for nouns, labels in _HEAD_NOUN_LABELS:
                if word in nouns:
                    return labels
        if "name" in tokens[index + 1 : index + 3]:
            # "what is the name of the company/king ...": the noun after "of".
            rest = tokens[index + 1 :]
            if "of" in rest:
                after = rest[rest.index("of") + 1 :]
                for word in after[:3]:
                    for nouns, labels in _HEAD_NOUN_LABELS:
                        if word in nouns:
                            return labels
    return {}


def _stem(word: str) -> str:
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "s",
                   "ly", "ment", "ments"):
        if len(word) - len(suffix) >= 3 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:6]


def content_words(text: str) -> list[str]:
    """Lower-cased content words (no stopwords, no wh-words)."""
    return [w for w in (t.lower() for t in _WORD_RE.findall(text)) if w not in _STOPWORDS]


def _weighted_terms(question: str) -> dict[str, float]:
    """Stemmed question content words with weights (capitalised names and numbers weigh more)."""
    terms: dict[str, float] = {}
    for i, token in enumerate(_WORD_RE.findall(question)):
        low = token.lower()
        if low in _STOPWORDS or low in _AUX:
            continue
        weight = 1.0
        if (token[0].isupper() and i > 0) or token.isupper() or any(c.isdigit() for c in token):
            weight = 1.6
        stem = _stem(low)
        terms[stem] = max(terms.get(stem, 0.0), weight)
    return terms


def _overlap(terms: Mapping[str, float], text: str) -> float:
    if not terms:
        return 0.0
    stems = {_stem(w) for w in _WORD_RE.findall(text)}
    total = sum(terms.values())
    return sum(w for t, w in terms.items() if t in stems) / total


# --------------------------------------------------------------------------- extractor


@dataclass
class _Candidate:
    passage_rank: int
    passage: Passage
    article: Article
    start: int  # offsets into article.text
    end: int
    text: str
    score: float = 0.0
    base: float = 0.0
    span: str = ""
    span_score: float = 0.0
    extra: dict[str, Any] = field(default_factory=dict)


class AnswerExtractor:
    """Extractive answers with an exact evidence sentence, or a refusal."""

    def __init__(
        self,
        encode: Callable[[list[str]], np.ndarray],
        nlp: Callable[[], Any],
        *,
        refusal_threshold: float = REFUSAL_THRESHOLD,
        top_passages: int = TOP_PASSAGES,
    ) -> None:
        self._encode = encode
        self._nlp_loader = nlp
        self._nlp: Any = None
        self.refusal_threshold = refusal_threshold
        self.top_passages = top_passages
        self.last_best_score = 0.0  # best sentence score of the last question (calibration)

    @property
    def nlp(self) -> Any:
        if self._nlp is None:
            self._nlp = self._nlp_loader()
        return self._nlp

    # ------------------------------------------------------------------ public API

    def answer(
        self, question: str, passages: list[Passage], articles: Mapping[str, Article]
    ) -> Answer:
        kind = classify_question(question)
        refusal = Answer(question=question, answer="", evidence=None, passages=list(passages),
                         kind=kind, confidence=0.0)
        candidates = self._candidates(passages[: self.top_passages], articles)
        self.last_best_score = 0.0
        if not candidates or not question.strip():
            return refusal
        self._score(question, candidates)
        best_base = max(c.base for c in candidates)
        self.last_best_score = best_base
        if best_base < self.refusal_threshold:
            refusal.confidence = float(max(0.0, best_base))
            return refusal

        candidates.sort(key=lambda c: c.score, reverse=True)
        labels = expected_labels(question, kind)
        terms = _weighted_terms(question)
        question_stems = set(terms)
        parsed = 0
        typed = bool(labels) or kind == "why"
        while parsed < min(len(candidates), 2 * PARSED_SENTENCES):
            top = candidates[parsed : parsed + PARSED_SENTENCES]
            docs = list(self.nlp.pipe([c.text for c in top]))
            for cand, doc in zip(top, docs):
                span, span_score = self._extract(question, kind, labels, question_stems, doc)
                if span_score < MIN_SPAN_SCORE:
                    span, span_score = "", 0.0
                cand.span, cand.span_score = span, span_score
                if span:
                    cand.score += TYPE_BONUS * min(1.5, span_score)
                elif typed:
                    # A who/when/where... question cannot be answered by a sentence holding no
                    # span of the expected type ("held meetings with his Syrian counterpart").
                    cand.score -= NO_SPAN_PENALTY
            parsed += len(top)
            # Read the next few sentences only when a typed question found no span at all.
            if not typed or any(c.span for c in candidates[:parsed]):
                break
        names = _question_names(question)
        for cand in candidates[:parsed] if names else ():
            # "Who did Blair meet in Baghdad?": an article that never mentions Baghdad tells of
            # another event, however well its sentence matches the rest of the question.
            context = _article_stems(cand.article)
            cand.score -= MISSING_NAME_PENALTY * sum(1 for n in names if not _covered(n, context))
        best = max(candidates[:parsed], key=lambda c: c.score)
        text = best.span or _trim_words(best.text, terms)
        evidence = Evidence(
            article=best.article.id,
            title=best.passage.title or best.article.title,
            date=best.passage.date if best.passage.date is not None else best.article.date,
            paragraph=best.passage.paragraph,
            text=best.text,
            start=best.start,
            end=best.end,
        )
        confidence = float(np.clip((best.base - self.refusal_threshold) / 0.4 + 0.3, 0.0, 1.0))
        return Answer(question=question, answer=text, evidence=evidence, passages=list(passages),
                      kind=kind, confidence=confidence)

    def best_score(self, question: str, passages: list[Passage],
                   articles: Mapping[str, Article]) -> float:
        """The sentence score the refusal threshold is compared with (for calibration)."""
        candidates = self._candidates(passages[: self.top_passages], articles)
        if not candidates:
            return 0.0
        self._score(question, candidates)
        return max(c.base for c in candidates)

    # ------------------------------------------------------------------ sentence scoring

    def _candidates(self, passages: Sequence[Passage],
                    articles: Mapping[str, Article]) -> list[_Candidate]:
        out: list[_Candidate] = []
        seen: set[tuple[str, int, int]] = set()
        for rank, passage in enumerate(passages):
            article = articles.get(passage.article)
            if article is None:
                continue
            full = article.text
            start = _locate(full, passage)
            if start is None:
                continue
            for s, e in sentence_spans(passage.text):
                a, b = start + s, start + e
                key = (article.id, a, b)
                if key in seen or not full[a:b].strip():
                    continue
                seen.add(key)
                out.append(_Candidate(rank, passage, article, a, b, full[a:b]))
        return out

    def _score(self, question: str, candidates: list[_Candidate]) -> None:
        vectors = np.asarray(self._encode([question] + [c.text for c in candidates]),
                             dtype=np.float32)
        sims = vectors[1:] @ vectors[0]
        terms = _weighted_terms(question)
        kind = classify_question(question)
        for cand, sim in zip(candidates, sims):
            lexical = _overlap(terms, cand.text)
            cand.base = 0.55 * float(sim) + 0.45 * lexical - RANK_PENALTY * cand.passage_rank
            cand.score = cand.base
            if kind == "why" and _REASON_STRONG.search(cand.text):
                cand.score += 0.04

    # ------------------------------------------------------------------ span extraction

    def _question_doc(self, question: str) -> Any:
        if getattr(self, "_qdoc_key", None) != question:
            self._qdoc_key, self._qdoc = question, self.nlp(question)
        return self._qdoc

    def _extract(self, question: str, kind: str, labels: Mapping[str, float],
                 question_stems: set[str], doc: Any) -> tuple[str, float]:
        matched = [t.i for t in doc if _stem(t.text) in question_stems and not t.is_stop]
        if kind == "why":
            return _reason_span(doc, matched)
        if labels:
            return _typed_span(question, doc, kind, labels, question_stems, matched)
        if kind in {"what", "which"}:
            return _verb_argument(doc, question, question_stems, self._question_doc(question))
        return "", 0.0


def _locate(full: str, passage: Passage) -> int | None:
    """Offset of the passage in the article text (trusting start/end when they agree)."""
    if passage.end > passage.start and full[passage.start : passage.end] == passage.text:
        return passage.start
    if passage.text and full[passage.start : passage.start + len(passage.text)] == passage.text:
        return passage.start
    found = full.find(passage.text) if passage.text else -1
    return found if found >= 0 else None


def _question_names(question: str) -> list[str]:
    """Stems of the capitalised words inside a question (people, places, bodies it names)."""
    words = _WORD_RE.findall(question)
    return [_stem(w) for w in words[1:] if w[:1].isupper() and w.lower() not in _STOPWORDS
            and w.lower() not in _WH_WORDS]


@functools.lru_cache(maxsize=512)
def _text_stems(text: str) -> frozenset[str]:
    return frozenset(_span_stems(text))


def _article_stems(article: Article) -> frozenset[str]:
    """Stems of an article's words, computed once per article text (str hashes are cached)."""
    return _text_stems(f"{article.title}\n{article.text}")


def _covered(stem: str, context_stems: Iterable[str]) -> bool:
    if stem in context_stems:
        return True
    return any(len(c) >= 4 and (stem.startswith(c) or c.startswith(stem)) for c in context_stems)


def _span_stems(text: str) -> list[str]:
    return [_stem(w) for w in _WORD_RE.findall(text) if w.lower() not in _STOPWORDS]


def _in_question_fraction(text: str, question_stems: set[str]) -> float:
    stems = _span_stems(text)
    if not stems:
        return 1.0
    prefixes = {q[:5] for q in question_stems if len(q) >= 5}
    # "Iraq" is in a question about a "southern Iraqi city": a prefix covers the demonym.
    return sum(1 for s in stems if s in question_stems or s[:5] in prefixes
               or (len(s) >= 4 and any(q.startswith(s) for q in question_stems))) / len(stems)


def _role_match(role: str, question_stems: set[str]) -> float:
    """Weighted share of the role's words that the question uses (names and nationalities
    count double: "his Israeli counterpart" matches "the Israeli leader" better than "the
    Palestinian leader" does)."""
    total = matched = 0.0
    for word in _WORD_RE.findall(role):
        if word.lower() in _STOPWORDS:
            continue
        weight = 2.0 if word[:1].isupper() else 1.0
        total += weight
        matched += weight * (_stem(word) in question_stems)
    return matched / total if total else 0.0


def _is_subject_of_question_verb(ent: Any, question_stems: set[str]) -> bool:
    """The entity is the subject of a verb the question uses ("Russia ... asked Turkey")."""
    root = ent.root
    if root.dep_ == "appos":  # "... by Spain's director general for Europe, Jose Maria Pons"
        root = root.head
    if root.dep_ == "pobj" and root.head.dep_ == "agent":  # "represented by X"
        verb = root.head.head
    elif root.dep_ in {"nsubj"}:
        verb = root.head
    else:
        return False
    verbs = [verb] + [c for c in verb.children if c.dep_ == "conj"]
    return any(
        v.pos_ in {"VERB", "AUX"} and (_stem(v.text) in question_stems
                                       or _stem(v.lemma_) in question_stems)
        for v in verbs
    )


def _distance(span_start: int, span_end: int, matched: Sequence[int]) -> int:
    if not matched:
        return 10
    return min(min(abs(m - span_start), abs(m - (span_end - 1))) for m in matched)


_UNIT_ALIASES = {"mi": "miles", "km": "kilometres", "km2": "kilometres", "kg": "kilograms",
                 "lb": "pounds", "lbs": "pounds", "ft": "feet", "sq": "square", "mph": "miles",
                 "£": "pounds", "$": "dollars", "€": "euros"}
_DEFINITION_RE = re.compile(r"^\s*[Ww]ho\s+(?:is|was|are|were)\s+((?:Mr|Mrs|Ms|Dr|Sir)?\.?\s*"
                            r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)\s*\??\s*$")


def _typed_span(question: str, doc: Any, kind: str, labels: Mapping[str, float], question_stems: set[str],
                matched: Sequence[int]) -> tuple[str, float]:
    best_text, best_score = "", 0.0
    # "Who is Hakan Fidan?": the name asked about (at most 4 words), else "".
    match = _DEFINITION_RE.match(question) if kind == "who" else None
    definition = match.group(1).lower() if match and len(match.group(1).split()) <= 4 else ""
    for ent in doc.ents:
        weight = labels.get(ent.label_, 0.0)
        if weight <= 0:
            continue
        if ent.label_ == "NORP" and ent.root.dep_ in {"amod", "compound"}:
            continue  # "his Syrian counterpart": an adjective, not an answer to who
        inside = _in_question_fraction(ent.text, question_stems)
        if inside >= 0.99:
            if definition and ent.label_ == "PERSON" and ent.text.lower() in definition:
                role = _person_role(doc, ent)
                if role and _in_question_fraction(role, question_stems) < 0.5:
                    # "Who is Hakan Fidan?" -> "Hakan Fidan, head of Turkey's ..."
                    return f"{ent.text}, {role}", 1.0
            continue
        score = weight * (1.0 - 0.8 * inside)
        possessive = ent[-1].tag_ == "POS" or (ent.end < len(doc) and doc[ent.end].tag_ == "POS")
        if ent.label_ in {"PERSON", "ORG"} and possessive:
            score *= 0.5  # "Jack Straw's country residence": the owner, rarely the one asked for
        role = ""
        if ent.label_ == "PERSON":
            role = _person_role(doc, ent)
            if role and kind == "whom":
                # "Who did Turkey's intelligence chief meet?": a person whose role the question
                # already names (Turkey's...) is the one doing the meeting, not the answer.
                proper = [t for t in role.split() if t[:1].isupper()]
                if proper and _in_question_fraction(" ".join(proper), question_stems) > 0.5:
                    score *= 0.55
            elif role:
                # "Who heads Turkey's intelligence organisation?": the person so described.
                score *= 1.0 + 0.5 * _role_match(role, question_stems)
        if kind != "whom" and _is_subject_of_question_verb(ent, question_stems):
            score += 0.25
        if kind == "how long" and not _DURATION_RE.search(ent.text):
            continue  # "in April" is no answer to how long
        if kind == "when" and not _CALENDAR_RE.search(ent.text):
            score -= 0.5  # "60 to 65" tagged DATE: ages, not a time
        if kind in {"how many", "how much"} or ent.label_ in {"QUANTITY", "MONEY", "CARDINAL"}:
            # "How many square kilometres ...": prefer the number counted in the asked unit.
            unit = doc[ent.end : min(len(doc), ent.end + 2)]
            unit_matches = {_stem(_UNIT_ALIASES.get(t.lower_, t.text)) for t in list(ent) + list(unit)
                            if not t.like_num} & question_stems
            score += min(0.3, 0.15 * len(unit_matches))
        matched_outside = [m for m in matched if not ent.start <= m < ent.end]
        score -= 0.012 * min(_distance(ent.start, ent.end, matched_outside), 25)
        if score <= best_score:
            continue
        text = ent.text
        if ent.label_ == "PERSON" and role:
            text = f"{ent.text}, {role}"
        elif kind in {"when", "how long"}:
            text = _with_preposition(doc, ent)
        elif kind in {"how many", "how much"}:
            text = _with_counted_noun(doc, ent)
        best_text, best_score = text.strip(" ,;:"), score
    return best_text, best_score


_DURATION_RE = re.compile(r"\b(seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|"
                          r"centuries|century|fortnight|overnight|nights?)\b", re.IGNORECASE)
_CALENDAR_RE = re.compile(
    r"\b(\d{4}s?|\d{1,2}(st|nd|rd|th)|jan\w*|feb\w*|mar\w*|apr\w*|may|jun\w*|jul\w*|aug\w*|"
    r"sep\w*|oct\w*|nov\w*|dec\w*|mon\w*|tue\w*|wed\w*|thu\w*|fri\w*|sat\w*|sun\w*|today|"
    r"yesterday|tomorrow|tonight|week\w*|month\w*|years?|decades?|centur\w*|spring|summer|"
    r"autumn|fall|winter|morning|evening|night|earlier|later|last|next|ago|recent\w*)\b",
    re.IGNORECASE)
_HONORIFICS = {"Mr", "Mrs", "Ms", "Miss", "Dr", "Sir", "Dame", "Lord", "Lady", "Prof", "Rev"}


def _person_role(doc: Any, ent: Any) -> str:
    """The title or apposition written beside a person: "Syrian intelligence chief"."""
    # Title before the name: "Syrian intelligence chief Ali Mamlouk", "Turkey's President X".
    i = ent.start - 1
    left = ent.start
    while i >= 0:
        tok = doc[i]
        if tok.dep_ in {"compound", "amod", "nmod", "poss", "case"} and (
            left <= tok.head.i < ent.end or tok.head.i in range(i + 1, ent.end)
        ) and tok.ent_type_ not in {"PERSON"} and not tok.is_punct:
            left = i
            i -= 1
            continue
        break
    head = ent.root.head
    if left == ent.start and ent.root.dep_ == "appos" and head.i < ent.start \
            and ent.start - head.left_edge.i <= 8 and head.ent_type_ != "PERSON":
        # "Gibraltar's Chief Minister Peter Caruana" parsed as an apposition to "Minister".
        left = head.left_edge.i
    while left < ent.start and doc[left].text.rstrip(".") in _HONORIFICS:
        left += 1
    if left < ent.start:
        words = doc[left : ent.start]
        if any(t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.ent_type_ == "") for t in words):
            if any(t.dep_ != "case" for t in words):
                return words.text.strip(" ,;:")
    # Apposition after the name: "Hakan Fidan, head of Turkey's intelligence organisation".
    for tok in doc[ent.end : min(len(doc), ent.end + 3)]:
        if tok.dep_ == "appos" and ent.start <= tok.head.i < ent.end:
            end = tok.right_edge.i + 1
            if end < len(doc) and doc[end].text == ")" and "(" in doc[tok.i : end].text:
                end += 1
            text = doc[tok.left_edge.i : end].text
            if text.count("(") > text.count(")"):
                text = text[: text.rindex("(")]
            if len(text.split()) <= 14:
                return text.strip(" ,;:")
    return ""


def _with_preposition(doc: Any, ent: Any) -> str:
    if ent.start > 0 and doc[ent.start - 1].lower_ in {
        "over", "in", "on", "since", "during", "by", "until", "within", "for", "at", "before",
        "after", "from", "throughout",
    } and ent.label_ in {"DATE", "TIME"} and not ent.text[:1].isdigit():
        return doc[ent.start - 1 : ent.end].text
    return ent.text


def _with_counted_noun(doc: Any, ent: Any) -> str:
    end = ent.end
    if ent.label_ == "CARDINAL" and end < len(doc):
        head = ent.root.head
        if head.i >= end and head.i - end <= 2 and head.pos_ == "NOUN":
            end = head.i + 1
    return doc[ent.start : end].text


def _reason_span(doc: Any, matched: Sequence[int]) -> tuple[str, float]:
    """The stated reason: "because ...", "due to ...", "as Russia wants ...", "to find ..."."""
    text = doc.text
    after = (max(matched) if matched else 0)
    first_matched_char = doc[min(matched)].idx if matched else 0
    match = _REASON_STRONG.search(text, first_matched_char)
    start_char, score = None, 0.0
    if match:
        start_char, score = match.start(), 1.0
    else:
        for tok in doc:
            if tok.i + 1 < len(doc) and tok.idx >= first_matched_char:
                # Purpose infinitive: "stepped up contacts to find a solution".
                if tok.lower_ == "to" and tok.dep_ == "aux" and tok.head.dep_ in {
                    "advcl", "xcomp", "acl", "relcl"} and tok.head.pos_ == "VERB" and tok.i > 0:
                    start_char, score = tok.idx, 0.8
                    break
                # Causal subordinate clause: "as Russia wants ...", "since ...".
                if tok.lower_ in {"as", "since"} and tok.dep_ == "mark" and tok.head.dep_ == "advcl":
                    start_char, score = tok.idx, 0.8
                    break
    del after
    if start_char is None:
        return "", 0.0
    reason = text[start_char:].strip()
    reason = _REPORTING_TAIL.sub("", reason).strip(" ,;:.\"'“”’")
    words = reason.split()
    if len(words) > MAX_ANSWER_WORDS:
        reason = " ".join(words[:MAX_ANSWER_WORDS])
    if len(words) < 2:
        return "", 0.0
    return reason, score


_ARGUMENT_DEPS = {"oprd": 1.0, "ccomp": 0.95, "xcomp": 0.9, "dobj": 0.85, "attr": 0.85,
                  "acomp": 0.7, "dative": 0.6, "pobj": 0.5}


_QUESTION_SUBJECT_RE = re.compile(
    r"^\s*(?:what|which \w+)\s+(?:did|does|do|will|would|could|has|have|had|is|was|are|were)\s+"
    r"((?:the\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+(?:\w+)\b", re.IGNORECASE)


def _question_subject_phrase(question: str, qdoc: Any) -> str:
    """"Assad" in "What did Assad call Erdogan?": words between the auxiliary and the verb."""
    tokens = list(qdoc) if qdoc is not None else []
    for i, tok in enumerate(tokens[:3]):
        if tok.lower_ in _AUX and i > 0 and tokens[i - 1].lower_ in _WH_WORDS:
            for j in range(i + 2, len(tokens)):
                if tokens[j].tag_ == "VB":
                    return " ".join(t.text for t in tokens[i + 1 : j])
            break
        if tok.lower_ in _WH_WORDS:
            continue
    match = _QUESTION_SUBJECT_RE.match(question)
    return match.group(1) if match else ""


def _verb_argument(doc: Any, question: str, question_stems: set[str],
                   qdoc: Any = None) -> tuple[str, float]:
    """For "what did X call Y?" / "what does Russia want?": the argument of the question's verb
    that the question does not already hold."""
    qverbs = {
        _stem(w) for w in _WORD_RE.findall(question)
        if w.lower() not in _STOPWORDS and w.lower() not in _AUX and w[:1].islower()
    }
    best_text, best_score = "", 0.0
    subject_stems = set(_span_stems(_question_subject_phrase(question, qdoc)))
    for tok in doc:
        if tok.pos_ not in {"VERB"} or _stem(tok.text) not in qverbs and _stem(tok.lemma_) not in qverbs:
            continue
        subjects = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subject_stems and subjects and not any(
            subject_stems & set(_span_stems(" ".join(t.text for t in c.subtree)))
            for c in subjects
        ):
            continue  # "Erdogan called Assad ..." does not answer "What did Assad call ...?"
        for child in tok.children:
            weight = _ARGUMENT_DEPS.get(child.dep_, 0.0)
            if child.dep_ == "prep":
                continue
            if weight <= 0:
                continue
            span = _phrase(doc, child)
            inside = _in_question_fraction(span.text, question_stems)
            if inside > 0.5 or not _span_stems(span.text):
                continue
            words = span.text.split()
            if len(words) > MAX_ANSWER_WORDS or not any(
                t.pos_ in {"NOUN", "PROPN", "NUM", "VERB", "PRON"} for t in span
            ):
                continue  # "an estimated": no head word, a parse error
            score = weight * (1.0 - inside)
            if score > best_score:
                best_text, best_score = span.text.strip(" ,;:.\"“”"), score
    if best_score > 0:
        return best_text, best_score * 0.5
    return "", 0.0


def _phrase(doc: Any, head: Any) -> Any:
    """The subtree of ``head`` without coordinated continuations ("a terrorist and Assad ...")."""
    excluded: set[int] = set()
    for child in head.children:
        if child.dep_ in {"conj", "cc"} and child.i > head.i:
            excluded.update(t.i for t in child.subtree)
    end = head.i
    for tok in head.subtree:
        if tok.i > end and tok.i not in excluded and not any(
            e < tok.i for e in excluded if e > head.i
        ):
            end = tok.i
    return doc[head.left_edge.i : end + 1]


def _trim_words(sentence: str, terms: Mapping[str, float]) -> str:
    """The sentence itself, or its best window of at most MAX_ANSWER_WORDS words."""
    words = sentence.split()
    if len(words) <= MAX_ANSWER_WORDS:
        return sentence
    stems = [_stem(w.strip(".,;:\"'“”()")) for w in words]
    best_i, best = 0, -1.0
    for i in range(0, len(words) - MAX_ANSWER_WORDS + 1):
        value = sum(terms.get(s, 0.0) for s in stems[i : i + MAX_ANSWER_WORDS])
        if value > best:
            best_i, best = i, value
    return " ".join(words[best_i : best_i + MAX_ANSWER_WORDS])


# --------------------------------------------------------------------------- follow-ups

_PRONOUNS_PEOPLE = {"they", "them", "their", "theirs", "he", "him", "his", "she", "her", "hers"}
_EVENT_PRONOUNS = {"that", "it", "this"}
_FOLLOWUP_START = re.compile(r"^\s*(and|also|what about|how about|so)\b", re.IGNORECASE)
_MOTION_VERBS = {"go", "went", "gone", "going", "travel", "travelled", "traveled", "fly", "flew",
                 "come", "came", "return", "returned", "move", "moved", "head", "headed", "visit"}


def resolve_followup(question: str, history: Sequence[Turn], nlp: Any = None) -> str:
    """Rewrite a follow-up question into a self-contained one using the previous turn.

    "why did they meet?" after "Who did Turkey's intelligence chief meet in Damascus?" (answer
    "Ali Mamlouk, ..." from a sentence naming Hakan Fidan and Ali Mamlouk) becomes
    "why did Hakan Fidan and Ali Mamlouk meet?". Self-contained questions come back unchanged.
    """
    if not history:
        return question
    prev = history[-1]
    prev_answer = prev.answer
    if prev_answer is None or not (prev_answer.answer or prev_answer.evidence):
        return question
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
        if answer_name and answer_name not in evidence_names + question_names:
            answer_name = ""  # "Reuters": not a person, so not "he" or "they"
        people: list[str] = []
        if answer_name:
            others = [n for n in evidence_names + question_names if n != answer_name
                      and answer_name not in n and n not in answer_name]
            if prev_kind == "whom":
                first = others[0] if others else subject
                people = [p for p in (first, answer_name) if p]
            else:
                people = [answer_name] + ([others[0]] if others else ([subject] if subject else []))
        else:
            people = (question_names or evidence_names)[:2]
        if people:
            single = answer_name or people[0]
            other = next((p for p in people if p != single), "")
            pair = " and ".join(people[:2]) if len(people) > 1 else ""
            mapping = {"he": single, "she": single, "his": _possessive(single),
                       "hers": _possessive(single)}
            # "when did he meet him?": the object pronoun is the other person.
            object_pronoun = {"him": single, "her": single}
            if any(w in lowered for w in ("he", "she")) and other:
                object_pronoun = {"him": other, "her": other}
            mapping.update(object_pronoun)
            if pair:
                mapping.update({"they": pair, "them": pair, "their": _possessive(pair)})
            rewritten = _replace_words(rewritten, mapping)
    if has_there:
        place = ""
        if prev_kind == "where" and prev_answer.answer:
            place = prev_answer.answer
        else:
            place = _first_place(prev.question) or _first_place(evidence_text)
        if place:
            verbs = {w.lower() for w in tokens}
            prep = "to " if verbs & _MOTION_VERBS else "in "
            rewritten = _replace_words(rewritten, {"there": prep + place})
    if has_event and not has_people:
        clause = _event_clause(prev.question, parts, answer_name)
        new_kind = classify_question(question)
        if clause and re.search(r"\b(was|is|did|does)\s+(that|it|this)\b(\s+(happen|take place|"
                                r"occur))?\s*\??\s*$", question, re.IGNORECASE):
            # "where was that?" / "when did it happen?": the previous event, answer filled in.
            wh = _leading_wh(question) or new_kind
            clause = _drop_adjunct(clause, new_kind)
            rewritten = f"{wh} did {clause}?"
    if rewritten != question:
        rewritten = re.sub(r"\s+", " ", rewritten).strip()
        rewritten = re.sub(r"^(and|also|so)\s+", "", rewritten, flags=re.IGNORECASE)
    return rewritten


def _answer_name(answer: str) -> str:
    """The name part of "Ali Mamlouk, Syrian intelligence chief"."""
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
    """Drop "in Damascus" from the clause of a new where-question (and dates for when)."""
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
