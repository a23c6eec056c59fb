#!/usr/bin/env python3
"""Fit the answer scorer (qa/answer/scoring.py) and its refusal threshold, tuning halves only.

    .venv/bin/python scripts/train_scorer.py [--per-half 700] [--false-answers 0.72]

For questions of the calibration part of the tuning halves (``qa.splits.in_calibration``: the
paragraphs and sentences the reader was not trained on) of SQuAD v1.1, SQuAD v2.0 (answerable
and unanswerable) and QA-SRL, asked through the engine's retrieval over each whole set (indexes from
benchmarks/answers.py, built on first use), every passage the reader reads gives a candidate;
its label is whether the span matches a gold answer (SQuAD F1 >= 0.5). A logistic regression
on standardised features gives the probability. The threshold is the lowest probability at
which at most ``--false-answers`` of SQuAD 2.0's unanswerable calibration questions get an
answer: 0.72 keeps about one answerable question in eight from being refused (the trade-off
table it prints shows the others). Deterministic: fixed samples, a convex fit.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from answers import load_set  # noqa: E402

from qa.answer.pipeline import AnswerPipeline  # noqa: E402
from qa.answer.question import analyse  # noqa: E402
from qa.answer.reader import WEIGHTS  # noqa: E402
from qa.answer.scoring import FEATURES, Scorer  # noqa: E402
from qa.evaluation import token_f1  # noqa: E402
from qa.splits import in_calibration  # noqa: E402

SETS = ("squad1", "squad2", "qasrl")
COLLECTED_SPANS = 3  # candidates per passage in the collected rows; a fit may keep fewer


def collect(name: str, work: Path, per_half: int, embedder, pipeline) -> list[dict]:
    """One row per question: its candidates' features and labels."""
    from qa.engine import Engine

    dev, folder = load_set(name, work)
    questions = [q for q in dev.half("tune") if in_calibration(q["key"], q["part"])]
    random.Random(f"13:{name}").shuffle(questions)
    engine = Engine(folder, work / name / "index", embedder=embedder, answerer=pipeline)
    engine.load()  # built first when missing or from another version
    rows = []
    for item in questions[:per_half]:
        question = analyse(item["question"])
        passages = engine.search(item["question"], k=5)
        scored = pipeline.scored_candidates(question, passages)
        rows.append({
            "set": name, "answerable": bool(item["answers"]),
            "candidates": [(values, float(token_f1(c.text, item["answers"]) >= 0.5)
                            if item["answers"] else 0.0) for c, values, _p in scored],
        })
    print(f"[{name}] {len(rows)} calibration questions", file=sys.stderr)
    return rows


def kept(rows: list[dict], spans_per_passage: int) -> list[dict]:
    """The rows with only the candidates a reader giving ``spans_per_passage`` spans would give."""
    order = FEATURES.index("span_order")
    return [r | {"candidates": [c for c in r["candidates"] if c[0][order] < spans_per_passage]}
            for r in rows]


def fit(rows: list[dict], spans_per_passage: int, dropped: set[str]):
    """Logistic regression on standardised features; a dropped feature gets weight 0."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([v for r in rows for v, _l in r["candidates"]], dtype=np.float64)
    y = np.array([l for r in rows for _v, l in r["candidates"]])
    means, scales = x.mean(axis=0), x.std(axis=0) + 1e-6
    used = [i for i, name in enumerate(FEATURES) if name not in dropped]
    model = LogisticRegression(C=1.0, max_iter=2000).fit(((x - means) / scales)[:, used], y)
    weights = [0.0] * len(FEATURES)
    for i, w in zip(used, model.coef_[0]):
        weights[i] = float(w)
    return Scorer(tuple(weights), float(model.intercept_[0]), tuple(means), tuple(scales), 0.5,
                  spans_per_passage)


def choose_threshold(scorer: Scorer, rows: list[dict], false_answers: float) -> float:
    """Lowest threshold answering at most ``false_answers`` of the unanswerable questions."""
    best = [max((scorer.probability(v) for v, _l in r["candidates"]), default=0.0)
            for r in rows if r["set"] == "squad2" and not r["answerable"]]
    best.sort(reverse=True)
    allowed = int(false_answers * len(best))
    return best[allowed] + 1e-6 if allowed < len(best) else 0.0


def print_tradeoff(scorer: Scorer, rows: list[dict]) -> None:
    """Refusal rates at a few thresholds: unanswerable refused vs answerable refused, per set."""
    best = [(r["set"], r["answerable"], max((scorer.probability(v) for v, _l in r["candidates"]),
                                            default=0.0)) for r in rows]
    print("threshold  v2-unanswerable-refused  answerable-refused (squad1 / squad2 / qasrl)",
          file=sys.stderr)
    for threshold in (0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5):
        unanswerable = [p < threshold for s, a, p in best if s == "squad2" and not a]
        refused = {name: [p < threshold for s, a, p in best if s == name and a] for name in SETS}
        print(f"{threshold:>9.2f}  {sum(unanswerable) / max(1, len(unanswerable)):>22.1%}  " +
              " / ".join(f"{sum(v) / max(1, len(v)):.1%}" for v in refused.values()), file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--per-half", type=int, default=700, help="calibration questions per set")
    parser.add_argument("--false-answers", type=float, default=0.72)
    parser.add_argument("--work", type=Path, default=Path("/tmp/qa-bench"))
    parser.add_argument("--out", type=Path, default=WEIGHTS / "scorer.json")
    parser.add_argument("--rows", type=Path, help="cache of the collected candidates (reused)")
    parser.add_argument("--spans-per-passage", type=int, default=2,
                        help="candidates per read passage (rows are collected with 3)")
    parser.add_argument("--drop", default="", help="features left out, comma-separated")
    args = parser.parse_args()
    if args.rows and args.rows.exists():
        rows = json.loads(args.rows.read_text(encoding="utf-8"))
    else:
        from qa.embedding import SentenceTransformerEmbedder

        embedder = SentenceTransformerEmbedder()
        neutral = Scorer((0.0,) * len(FEATURES), 0.0, (0.0,) * len(FEATURES),
                         (1.0,) * len(FEATURES), 0.5, COLLECTED_SPANS)
        pipeline = AnswerPipeline(scorer=neutral)
        rows = [row for name in SETS
                for row in collect(name, args.work, args.per_half, embedder, pipeline)]
        if args.rows:
            args.rows.write_text(json.dumps(rows), encoding="utf-8")
    rows = kept(rows, args.spans_per_passage)
    scorer = fit(rows, args.spans_per_passage, {d for d in args.drop.split(",") if d})
    threshold = choose_threshold(scorer, rows, args.false_answers)
    answerable = [r for r in rows if r["set"] == "squad2" and r["answerable"]]
    refused = sum(max((scorer.probability(v) for v, _l in r["candidates"]), default=0.0) < threshold
                  for r in answerable)
    print(f"threshold {threshold:.3f}: refuses {refused / max(1, len(answerable)):.1%} of SQuAD 2.0 "
          f"answerable tuning questions, answers {args.false_answers:.0%} of unanswerable ones",
          file=sys.stderr)
    args.out.write_text(json.dumps({
        "features": list(FEATURES), "weights": list(scorer.weights), "bias": scorer.bias,
        "means": list(scorer.means), "scales": list(scorer.scales), "threshold": threshold,
        "spans_per_passage": args.spans_per_passage,
        "training": {"per_set": args.per_half, "false_answers": args.false_answers,
                     "dropped": args.drop,
                     "questions": len(rows), "sets": list(SETS)},
    }, indent=1) + "\n", encoding="utf-8")
    print_tradeoff(scorer, rows)
    for name, weight in zip(FEATURES, scorer.weights):
        print(f"  {name:<12} {weight:+.3f}", file=sys.stderr)
    print(f"wrote {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
