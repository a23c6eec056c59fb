"""Pure functions for the evaluation harness (``qa eval QUESTIONS.jsonl``).

A questions file holds one JSON object a line::

    {"id": "seed-01", "question": "...", "answers": ["Ida Brenner"], "gold": ["000_d78a..."]}

``answers`` lists acceptable answer strings; an empty list means the question is unanswerable
from the articles and the right outcome is a refusal. ``gold`` (optional) lists the ids of the
articles that hold the answer.

The runner (in the CLI) asks the engine each question and builds one result dict per question::

    {"id", "question", "answers", "gold", "answer": str, "passages": [article ids, best first],
     "passage_texts": [passage texts, best first], "seconds": float}

and ``score(results, k)`` turns them into the figures ``format_report`` prints.
"""

from __future__ import annotations

import json
import re
import time
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

MAX_ANSWER_WORDS = 40


def load_questions(path: str | Path) -> list[dict[str, Any]]:
    """Read a questions JSONL file; blank lines and lines starting with # are skipped."""
    questions: list[dict[str, Any]] = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as error:
                raise ValueError(f"{path}:{number}: not valid JSON ({error.msg})") from None
            if not isinstance(data, dict) or not isinstance(data.get("question"), str):
                raise ValueError(f'{path}:{number}: expected an object with a "question" string')
            answers = data.get("answers", [])
            if isinstance(answers, str):
                answers = [answers]
            gold = data.get("gold") or []
            if isinstance(gold, str):
                gold = [gold]
            questions.append(
                {
                    "id": str(data.get("id", f"q{number}")),
                    "question": data["question"],
                    "answers": [str(a) for a in answers],
                    "gold": [str(g) for g in gold],
                }
            )
    return questions


def run_questions(
    engine: Any, questions: Sequence[Mapping[str, Any]], k: int = 5,
    on_answer: Callable[[Mapping[str, Any], Any], None] | None = None,
) -> list[dict[str, Any]]:
    """Ask ``engine`` each question; one result dict a question, in the form ``score`` reads."""
    results = []
    kept_for: dict[str, str] | None = None
    for question in questions:
        started = time.perf_counter()
        answer = engine.ask(question["question"], k=k)
        if kept_for is None:
            kept_for = _kept_for_copies(engine)
        # A gold article folded into another as its copy is found through the one kept.
        gold = list(question.get("gold") or [])
        gold += [kept_for[g] for g in gold if g in kept_for and kept_for[g] not in gold]
        results.append(dict(question) | {
            "gold": gold,
            "answer": answer.answer,
            "passages": [p.article for p in answer.passages],
            "passage_texts": [p.text for p in answer.passages],
            "confidence": answer.confidence,
            "seconds": time.perf_counter() - started,
        })
        if on_answer:
            on_answer(question, answer)
    return results


def _kept_for_copies(engine: Any) -> dict[str, str]:
    """The id of the article kept for each near-identical copy folded into it."""
    data = getattr(engine, "data", None)
    articles = getattr(data, "articles", {})
    return {copy: article.id for article in articles.values() for copy in article.copy_ids}


def normalize(text: str) -> str:
    """Lower case, accents folded, punctuation dropped, whitespace collapsed."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.lower().replace("’", "'")
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def answer_matches(answer: str, acceptable: Iterable[str]) -> bool:
    """True when ``answer`` (at most 40 words) contains one of the acceptable strings, ignoring
    case and punctuation. An empty ``acceptable`` list means "should refuse": only an empty
    answer matches it."""
    acceptable = [a for a in acceptable if normalize(a)]
    if not acceptable:
        return not answer.strip()
    if not answer.strip() or len(answer.split()) > MAX_ANSWER_WORDS:
        return False
    padded = f" {normalize(answer)} "
    return any(f" {normalize(a)} " in padded for a in acceptable)


def squad_normalize(text: str) -> str:
    """SQuAD's answer normalisation: ``normalize`` without the articles a, an, the."""
    return " ".join(w for w in normalize(text).split() if w not in {"a", "an", "the"})


def exact_match(answer: str, acceptable: Iterable[str]) -> float:
    got = squad_normalize(answer)
    return float(any(got == squad_normalize(a) for a in acceptable))


def token_f1(answer: str, acceptable: Iterable[str]) -> float:
    """SQuAD's F1: the best token-overlap F1 against any acceptable answer."""
    got = squad_normalize(answer).split()
    best = 0.0
    for gold_text in acceptable:
        gold = squad_normalize(gold_text).split()
        common = sum(min(got.count(w), gold.count(w)) for w in set(got) & set(gold))
        if common:
            precision, recall = common / len(got), common / len(gold)
            best = max(best, 2 * precision * recall / (precision + recall))
    return best


def _gold_rank(passages: Sequence[str], gold: Sequence[str]) -> int | None:
    """1-based rank of the first passage from a gold article."""
    gold_set = set(gold)
    for rank, article in enumerate(passages, 1):
        if article in gold_set:
            return rank
    return None


def score(results: Sequence[Mapping[str, Any]], k: int = 5) -> dict[str, Any]:
    """Figures over ``results`` (see the module docstring for their fields).

    gold@1 / gold@k / mrr: over questions with gold article ids, whether a passage of a gold
    article is ranked first / in the top k, and the mean reciprocal rank of the first one.
    answer_in_top_k: over answerable questions, whether an acceptable answer string appears in
    one of the top k passages. accuracy: over all questions, ``answer_matches`` (a refusal is
    right exactly for unanswerable questions). false_refusals / false_answers count refusals of
    answerable questions and answers to unanswerable ones. misses lists the ids answered wrongly.
    """
    with_gold = [r for r in results if r.get("gold")]
    answerable = [r for r in results if r.get("answers")]
    unanswerable = [r for r in results if not r.get("answers")]
    seconds = [float(r.get("seconds", 0.0)) for r in results]
    return {
        "questions": len(results),
        "k": k,
        "with_gold": len(with_gold),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        **_retrieval_figures(with_gold, answerable, k),
        **_answer_figures(results, answerable, unanswerable),
        "seconds_per_question": _ratio(sum(seconds), len(results)),
        "seconds_max": max(seconds) if seconds else None,
        "seconds_median": sorted(seconds)[len(seconds) // 2] if seconds else None,
    }


def _ratio(a: float, b: int) -> float | None:
    return a / b if b else None


def _retrieval_figures(with_gold: list, answerable: list, k: int) -> dict[str, Any]:
    hits1 = hitsk = 0
    reciprocal = 0.0
    for r in with_gold:
        rank = _gold_rank(list(r.get("passages", [])), r["gold"])
        if rank is not None:
            reciprocal += 1.0 / rank
            hits1 += rank == 1
            hitsk += rank <= k
    in_top_k = 0
    for r in answerable:
        texts = " ".join(normalize(t) for t in list(r.get("passage_texts", []))[:k])
        padded = f" {texts} "
        in_top_k += any(f" {normalize(a)} " in padded for a in r["answers"] if normalize(a))
    return {
        "gold@1": _ratio(hits1, len(with_gold)),
        f"gold@{k}": _ratio(hitsk, len(with_gold)),
        "mrr": _ratio(reciprocal, len(with_gold)),
        "answer_in_top_k": _ratio(in_top_k, len(answerable)),
    }


def _answer_figures(results: Sequence[Mapping[str, Any]], answerable: list, unanswerable: list
                    ) -> dict[str, Any]:
    correct = false_refusals = false_answers = 0
    misses: list[str] = []
    for r in results:
        answer = r.get("answer", "") or ""
        if answer_matches(answer, r.get("answers", [])):
            correct += 1
        else:
            misses.append(str(r.get("id", r.get("question", ""))))
            false_refusals += bool(r.get("answers")) and not answer.strip()
            false_answers += not r.get("answers") and bool(answer.strip())
    exact = sum(exact_match(r.get("answer", "") or "", r["answers"]) for r in answerable)
    f1 = sum(token_f1(r.get("answer", "") or "", r["answers"]) for r in answerable)
    contains = sum(answer_matches(r.get("answer", "") or "", r["answers"]) for r in answerable)
    refused_unanswerable = len(unanswerable) - false_answers
    return {
        "accuracy": _ratio(correct, len(results)),
        "exact": _ratio(exact, len(answerable)),
        "f1": _ratio(f1, len(answerable)),
        "contains": _ratio(contains, len(answerable)),
        "refusal_recall": _ratio(refused_unanswerable, len(unanswerable)),
        "false_refusal_rate": _ratio(false_refusals, len(answerable)),
        "refusal_precision": _ratio(refused_unanswerable, refused_unanswerable + false_refusals),
        "correct": correct,
        "false_refusals": false_refusals,
        "false_answers": false_answers,
        "misses": misses,
    }


def format_report(
    figures: Mapping[str, Any],
    results: Sequence[Mapping[str, Any]] | None = None,
    *,
    show_misses: int = 20,
) -> str:
    """A plain-text report of ``score``'s figures, with up to ``show_misses`` wrong answers."""
    k = figures.get("k", 5)

    def pct(key: str) -> str:
        value = figures.get(key)
        return "n/a" if value is None else f"{100 * value:.1f}%"

    lines = [
        f"questions: {figures['questions']} ({figures['answerable']} answerable, "
        f"{figures['unanswerable']} unanswerable, {figures['with_gold']} with gold articles)",
        f"gold@1: {pct('gold@1')}   gold@{k}: {pct(f'gold@{k}')}   "
        + ("MRR: n/a" if figures.get("mrr") is None else f"MRR: {figures['mrr']:.3f}"),
        f"answer in top-{k} passages: {pct('answer_in_top_k')}",
        f"answer accuracy: {pct('accuracy')} ({figures['correct']}/{figures['questions']}); "
        f"false refusals: {figures['false_refusals']}, false answers: {figures['false_answers']}",
    ]
    if figures.get("seconds_per_question") is not None:
        lines.append(
            f"seconds per question: {figures['seconds_per_question']:.3f} "
            f"(max {figures['seconds_max']:.3f})"
        )
    misses = figures.get("misses", [])
    if misses:
        lines.append(f"misses ({len(misses)}):")
        by_id = {str(r.get("id", r.get("question", ""))): r for r in results or []}
        for miss in misses[:show_misses]:
            r = by_id.get(miss)
            if r is None:
                lines.append(f"  {miss}")
                continue
            expected = " | ".join(r.get("answers", [])) or "(refusal)"
            got = r.get("answer") or "(refused)"
            lines.append(f"  {miss}: {r['question']}")
            lines.append(f"      expected: {_clip(expected)}")
            lines.append(f"      got:      {_clip(got)}")
        if len(misses) > show_misses:
            lines.append(f"  ... and {len(misses) - show_misses} more")
    return "\n".join(lines)


def _clip(text: str, width: int = 110) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
