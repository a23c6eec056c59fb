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
from meetings_training import options, print_trade_off  # noqa: E402

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
    args = options(__doc__, "drop a participant under this probability")
    data = {}
    for name, path in SETS.items():
        gold, found, rows = collect(path)
        by_article = {g["article"]: g.get("meetings", []) for g in gold}
        halves = {g["article"]: _half(g) for g in gold}
        labelled = [(r, p, v, label(r, p, by_article), halves.get(r.article, "tune")) for r, p, v in rows]
        data[name] = (gold, found, labelled)
        print(f"[{name}] {len(labelled)} participants, {sum(x[3] for x in labelled)} right", file=sys.stderr)
    train = [x for _g, _f, labelled in data.values() for x in labelled if x[4] == "tune"]
    shipped = confidence.ParticipantModel.fit([x[2] for x in train], [x[3] for x in train], args.c, args.threshold)
    print("\n".join(shipped.describe()), file=sys.stderr)

    def scored_at(threshold: float) -> list[dict]:
        out = []
        for gold, found, labelled in data.values():
            probability = {id(p): shipped.probability(v) for _r, p, v, _l, _h in labelled}
            person = {id(p) for _r, p, v, _l, _h in labelled if v[confidence.FEATURES.index("person")]}
            out.append(score_set(gold, filtered(found, probability, person, threshold), _half))
        return out

    print_trade_off(list(data), THRESHOLDS, scored_at)
    if args.dry_run:
        return 0
    shipped.save({"sets": list(SETS), "participants": len(train), "c": args.c})
    print(f"wrote {confidence.WEIGHTS}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
