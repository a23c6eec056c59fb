#!/usr/bin/env python3
"""Fit the meetings layer's participant model (qa/meetings/confidence.py), tuning halves only.

    .venv/bin/python scripts/train_meetings_filter.py [--c 1.0] [--dry-run]

Every record the extractor finds in the tuning halves of the modern copy and the real-news
gold set is extracted with all its participants (``confidence.collecting``). A participant's
label is 1 when a gold meeting of its article holds it and another participant of the same
record (the names compared as ``qa eval-meetings`` compares them). A logistic regression on
standardised features gives the probability; a participant is dropped when it is more likely
wrong than right (under 0.5: no threshold is tuned). The trade-off table at other thresholds,
tuning and held-out halves, is printed for the record; ``--threshold`` ships another one.
Deterministic: fixed data, a convex fit.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa.meetings import confidence  # noqa: E402
from qa.meetings.eval_sets import MODERN_PATH, NEWS_GOLD_PATH, gold_articles, load_jsonl  # noqa: E402
from qa.meetings.evaluation import score_set  # noqa: E402
from qa.meetings.extract import extract_meetings_many  # noqa: E402
from qa.names import names_match  # noqa: E402
from qa.nlp import load_nlp  # noqa: E402
from qa.splits import split_of  # noqa: E402

SETS = {"modern": MODERN_PATH, "news": NEWS_GOLD_PATH}
THRESHOLDS = [round(0.05 * i, 2) for i in range(0, 17)]


def _half(item: dict) -> str:
    return item.get("split") or split_of(item["article"])


def collect(path: Path) -> tuple[list[dict], dict, list]:
    """(gold rows, records by article with every participant, collected rows)."""
    gold = load_jsonl(path)
    articles = gold_articles(gold)
    with confidence.collecting() as rows:
        found = extract_meetings_many(list(articles.values()), load_nlp())
    return gold, found, list(rows)


def label(record, participant, gold_by_article: dict[str, list[dict]]) -> int:
    others = [p for p in record.participants if p is not participant]
    for meeting in gold_by_article.get(record.article, []):
        names = meeting.get("participants", [])
        mine = [n for n in names if names_match(participant.name, n)]
        if mine and any(names_match(o.name, n) for o in others for n in names if n not in mine):
            return 1
    return 0


def filtered(found: dict, probability: dict[int, float], person: set[int], threshold: float) -> dict[str, list[dict]]:
    """Records as the extractor would give them at ``threshold``: likely participants only, two
    or more, one of them a person (``person``: ids of those the recogniser labelled one) or
    holding a role."""
    out = {}
    for article, records in found.items():
        kept = []
        for record in records:
            people = [p for p in record.participants if probability.get(id(p), 1.0) >= threshold]
            if len(people) >= 2 and any(p.role or id(p) in person for p in people):
                kept.append(record.to_dict() | {"participants": [p.to_dict() for p in people]})
        out[article] = kept
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--threshold", type=float, default=0.5, help="drop a participant under this probability")
    parser.add_argument("--dry-run", action="store_true", help="print the trade-off; write nothing")
    args = parser.parse_args()
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    data = {}
    for name, path in SETS.items():
        gold, found, rows = collect(path)
        by_article = {g["article"]: g.get("meetings", []) for g in gold}
        halves = {g["article"]: _half(g) for g in gold}
        labelled = [(r, p, v, label(r, p, by_article), halves.get(r.article, "tune")) for r, p, v in rows]
        data[name] = (gold, found, labelled)
        print(f"[{name}] {len(labelled)} participants, {sum(x[3] for x in labelled)} right", file=sys.stderr)
    train = [x for _g, _f, labelled in data.values() for x in labelled if x[4] == "tune"]
    x = np.array([v for _r, _p, v, _l, _h in train], dtype=np.float64)
    y = np.array([l for _r, _p, _v, l, _h in train])
    means, scales = x.mean(axis=0), x.std(axis=0) + 1e-6
    model = LogisticRegression(C=args.c, max_iter=2000).fit((x - means) / scales, y)
    shipped = confidence.ParticipantModel(model.coef_[0].tolist(), float(model.intercept_[0]),
                                          means.tolist(), scales.tolist(), 0.0)

    for name, weight in sorted(zip(confidence.FEATURES, shipped.weights), key=lambda x: -abs(x[1])):
        print(f"  {name:18} {weight:+.3f}", file=sys.stderr)
    print(f"{'threshold':>9} " + " ".join(f"{n + ' ' + h:>24}" for n in data for h in ("tune", "heldout")))
    for threshold in THRESHOLDS:
        cells = []
        for name, (gold, found, labelled) in data.items():
            probability = {id(p): shipped.probability(v) for _r, p, v, _l, _h in labelled}
            person = {id(p) for _r, p, v, _l, _h in labelled if v[confidence.FEATURES.index("person")]}
            halves = score_set(gold, filtered(found, probability, person, threshold), _half)
            for half in ("tune", "heldout"):
                c = halves[half]
                cells.append(f"P {100 * c['right_pairs'] / max(1, c['pred_pairs']):5.1f} "
                             f"R {100 * c['found'] / max(1, c['events']):5.1f}")
        print(f"{threshold:9.2f} " + " ".join(f"{c:>24}" for c in cells))
    if args.dry_run:
        return 0
    out = {"features": list(confidence.FEATURES), "weights": shipped.weights, "bias": shipped.bias,
           "means": shipped.means, "scales": shipped.scales, "threshold": args.threshold,
           "training": {"sets": list(SETS), "participants": len(train), "c": args.c}}
    confidence.WEIGHTS.parent.mkdir(exist_ok=True)
    confidence.WEIGHTS.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {confidence.WEIGHTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
