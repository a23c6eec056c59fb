#!/usr/bin/env python3
"""Fit the meetings layer's pair model (qa/meetings/pairs.py), tuning halves only.

    .venv/bin/python scripts/train_meeting_pairs.py [--c 1.0] [--threshold 0.5] [--dry-run]

The extractor runs over the modern copy and the real-news gold set with the pair model off
(``pairs.collecting``): every two names of a contact sentence that no record holds is a row.
Its label is 1 when a gold meeting of the article holds the two (names compared as
``qa eval-meetings`` compares them). A logistic regression on standardised features gives the
probability. The table prints pair precision and event recall of each set and half with the
pairs over each threshold added, so the threshold is read off the tuning halves and checked
on the held-out ones; ``--threshold`` ships one. Deterministic: fixed data, a convex fit.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa.meetings import pairs  # noqa: E402
from qa.meetings.eval_sets import MODERN_PATH, NEWS_GOLD_PATH, gold_articles, load_jsonl  # noqa: E402
from qa.meetings.evaluation import pair_matches, pairs_of, score_set  # noqa: E402
from qa.meetings.extract import extract_meetings_many  # noqa: E402
from qa.nlp import load_nlp  # noqa: E402
from qa.splits import split_of  # noqa: E402
from meetings_training import options, print_trade_off  # noqa: E402

SETS = {"modern": MODERN_PATH, "news": NEWS_GOLD_PATH}
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01)


def _half(item: dict) -> str:
    return item.get("split") or split_of(item["article"])


def collect(path: Path) -> tuple[list[dict], dict[str, list[dict]], list]:
    """(gold rows, records by article without the pair model, candidate rows)."""
    gold = load_jsonl(path)
    articles = gold_articles(gold)
    with pairs.collecting() as rows:
        found = extract_meetings_many(list(articles.values()), load_nlp())
    return gold, {a: [m.to_dict() for m in ms] for a, ms in found.items()}, list(rows)


def label(article: str, row: pairs.PairRow, gold_by_article: dict[str, list[dict]]) -> int:
    pair = (row.first.participant.name, row.second.participant.name)
    return int(any(pair_matches(pair, g) for m in gold_by_article.get(article, [])
                   for g in pairs_of(m.get("participants", []))))


def with_pairs(found: dict[str, list[dict]], rows: list, probabilities: list[float], threshold: float) -> dict:
    out = {a: list(ms) for a, ms in found.items()}
    for (article, row), p in zip(rows, probabilities):
        if p >= threshold:
            out.setdefault(article, []).append({"participants": [row.first.participant.name, row.second.participant.name]})
    return out


def main() -> int:
    args = options(__doc__, "add a pair at or over this probability")
    data = {}
    for name, path in SETS.items():
        gold, found, rows = collect(path)
        by_article = {g["article"]: g.get("meetings", []) for g in gold}
        halves = {g["article"]: _half(g) for g in gold}
        labels = [label(a, r, by_article) for a, r in rows]
        data[name] = (gold, found, rows, labels, [halves.get(a, "tune") for a, _ in rows])
        print(f"[{name}] {len(rows)} candidate pairs, {sum(labels)} right", file=sys.stderr)
    train = [(r.values, y) for _g, _f, rows, labels, hs in data.values()
             for (_a, r), y, h in zip(rows, labels, hs) if h == "tune"]
    shipped = pairs.PairModel.fit([v for v, _ in train], [t for _, t in train], args.c, args.threshold)
    print("\n".join(shipped.describe()), file=sys.stderr)

    def scored_at(threshold: float) -> list[dict]:
        return [score_set(gold, with_pairs(found, rows, [shipped.probability(r.values) for _a, r in rows], threshold), _half)
                for gold, found, rows, _labels, _hs in data.values()]

    print_trade_off(list(data), THRESHOLDS, scored_at)
    if args.dry_run:
        return 0
    shipped.save({"sets": list(SETS), "pairs": len(train), "c": args.c})
    print(f"wrote {pairs.WEIGHTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
