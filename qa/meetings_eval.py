"""Evaluation of the meetings layer against hand annotations (tests/data/meetings_gold.jsonl).

Participant pairs are unordered and matched by normalised name (full name, surname, or an
acronym such as "LSE" for "London Stock Exchange").  Place and reason are scored only on gold
meetings that annotate them: place by normalised containment, reason by token overlap.

Run it with ``python -m qa.meetings_eval`` (or ``run_evaluation()`` from the CLI).
"""

from __future__ import annotations

import json
import re
import time
from itertools import combinations
from pathlib import Path
from typing import Any, Callable, Iterable

from qa.meetings import Meeting, name_key

REPO = Path(__file__).resolve().parent.parent
GOLD_PATH = REPO / "tests" / "data" / "meetings_gold.jsonl"
SEEDS_DIR = REPO / "seeds"
BBC_DIR = REPO.parent / "shared" / "corpora" / "bbc"

_ALIASES = {
    "united states": "us", "usa": "us", "america": "us", "united kingdom": "uk", "britain": "uk",
    "european union": "eu",
}
_REASON_STOP = {
    "the", "a", "an", "of", "to", "on", "in", "for", "and", "or", "about", "over", "how", "their",
    "its", "his", "her", "with", "by", "at", "could", "would", "be", "is", "was", "two", "that",
}


# ---- matching -------------------------------------------------------------------------------


def _key(name: str) -> str:
    key = name_key(name).replace("’", "'")
    return _ALIASES.get(key, key)


def _acronym(words: list[str]) -> str:
    return "".join(w[0] for w in words if w and w not in {"of", "and", "the", "&"})


def same_participant(a: str, b: str) -> bool:
    """Normalised names equal, same surname, or one is the other's acronym."""
    ka, kb = _key(a), _key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    wa, wb = ka.split(), kb.split()
    if wa[-1] == wb[-1]:
        return True
    if len(wa) == 1 and len(wb) > 1 and wa[0] == _acronym(wb):
        return True
    if len(wb) == 1 and len(wa) > 1 and wb[0] == _acronym(wa):
        return True
    # "Deutsche Boerse" vs "Deutsche Boerse chief": one name contained in the other.
    return f" {ka} " in f" {kb} " or f" {kb} " in f" {ka} "


def _pair_matches(p: tuple[str, str], q: tuple[str, str]) -> bool:
    return (same_participant(p[0], q[0]) and same_participant(p[1], q[1])) or (
        same_participant(p[0], q[1]) and same_participant(p[1], q[0])
    )


def place_matches(gold: str, predicted: str) -> bool:
    g, p = _key(gold), _key(predicted)
    return bool(g and p) and (g == p or f" {g} " in f" {p} " or f" {p} " in f" {g} ")


def _reason_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _REASON_STOP and len(w) > 1}


def reason_matches(gold: str, predicted: str, threshold: float = 0.5) -> bool:
    """Overlap of content words relative to the shorter side (gold may list alternatives with ';')."""
    p = _reason_words(predicted)
    if not p:
        return False
    for option in gold.split(";"):
        g = _reason_words(option)
        if g and len(g & p) / min(len(g), len(p)) >= threshold:
            return True
    return False


def _gold_pairs(meeting: dict) -> list[tuple[str, str]]:
    names = [n for n in meeting.get("participants", []) if n]
    return [(a, b) for a, b in combinations(names, 2)]


def _dedupe(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for pair in pairs:
        if not any(_pair_matches(pair, seen) for seen in out):
            out.append(pair)
    return out


# ---- evaluation -----------------------------------------------------------------------------


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def _score_field(gold: str | None, got: list[str], matches: Callable[[str, str], bool],
                 counts: dict[str, int], errors: list[dict]) -> None:
    """Count one annotated field (place or reason) of a gold meeting against the linked records."""
    if not gold:
        return
    counts["annotated"] += 1
    if not got:
        return
    counts["predicted"] += 1
    if any(matches(gold, value) for value in got):
        counts["correct"] += 1
    else:
        errors.append({"gold": gold, "predicted": got[0]})


def evaluate_meetings(gold: list[dict], predicted: dict[str, list[Meeting]]) -> dict[str, Any]:
    """Precision/recall of participant pairs (and of place and reason where annotated).

    ``gold``: one dict per article, ``{"article", "meetings": [{"participants", "place"?,
    "reason"?}]}``.  ``predicted``: records by article id (articles absent from ``gold`` are
    ignored; gold articles absent from ``predicted`` count as "no records").
    """
    tp_pred = n_pred = tp_gold = n_gold = 0
    place = {"correct": 0, "predicted": 0, "annotated": 0}
    reason = {"correct": 0, "predicted": 0, "annotated": 0}
    articles: list[dict[str, Any]] = []
    for item in gold:
        aid = item["article"]
        records = [m if isinstance(m, Meeting) else Meeting.from_dict(m) for m in predicted.get(aid, [])]
        gold_meetings = item.get("meetings", [])
        g_pairs = _dedupe(p for m in gold_meetings for p in _gold_pairs(m))
        p_pairs = _dedupe(tuple(p) for r in records for p in r.pairs())  # type: ignore[misc]
        matched_pred = [p for p in p_pairs if any(_pair_matches(p, g) for g in g_pairs)]
        matched_gold = [g for g in g_pairs if any(_pair_matches(p, g) for p in p_pairs)]
        tp_pred += len(matched_pred)
        n_pred += len(p_pairs)
        tp_gold += len(matched_gold)
        n_gold += len(g_pairs)
        # Place / reason: for each annotated gold meeting, the records sharing one of its pairs.
        place_errors, reason_errors = [], []
        for gm in gold_meetings:
            pairs = _gold_pairs(gm)
            linked = [r for r in records if any(_pair_matches(tuple(p), g) for p in r.pairs() for g in pairs)]
            _score_field(gm.get("place"), [r.place for r in linked if r.place], place_matches,
                         place, place_errors)
            _score_field(gm.get("reason"), [r.reason for r in linked if r.reason], reason_matches,
                         reason, reason_errors)
        missed = [list(g) for g in g_pairs if g not in matched_gold]
        spurious = [list(p) for p in p_pairs if p not in matched_pred]
        articles.append(
            {
                "article": aid,
                "gold_pairs": len(g_pairs),
                "predicted_pairs": len(p_pairs),
                "missed": missed,
                "spurious": spurious,
                "place_errors": place_errors,
                "reason_errors": reason_errors,
            }
        )
    return {
        "articles": len(gold),
        "pairs": {
            "gold": n_gold,
            "predicted": n_pred,
            "correct_predicted": tp_pred,
            "found_gold": tp_gold,
            "precision": _ratio(tp_pred, n_pred),
            "recall": _ratio(tp_gold, n_gold),
        },
        "place": {**place, "precision": _ratio(place["correct"], place["predicted"]),
                  "recall": _ratio(place["correct"], place["annotated"])},
        "reason": {**reason, "precision": _ratio(reason["correct"], reason["predicted"]),
                   "recall": _ratio(reason["correct"], reason["annotated"])},
        "per_article": articles,
    }


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{100 * value:.1f}%"


def format_report(result: dict[str, Any]) -> str:
    pairs, place, reason = result["pairs"], result["place"], result["reason"]
    lines = [
        f"Meetings evaluation over {result['articles']} annotated articles",
        f"  participant pairs: precision {_pct(pairs['precision'])} "
        f"({pairs['correct_predicted']}/{pairs['predicted']}), recall {_pct(pairs['recall'])} "
        f"({pairs['found_gold']}/{pairs['gold']})",
        f"  place (annotated): precision {_pct(place['precision'])} "
        f"({place['correct']}/{place['predicted']}), recall {_pct(place['recall'])} "
        f"({place['correct']}/{place['annotated']})",
        f"  reason (annotated): precision {_pct(reason['precision'])} "
        f"({reason['correct']}/{reason['predicted']}), recall {_pct(reason['recall'])} "
        f"({reason['correct']}/{reason['annotated']})",
    ]
    if "ms_per_article" in result:
        lines.append(
            f"  extraction: {result['ms_per_article']:.1f} ms per article "
            f"({result.get('extract_seconds', 0):.2f}s for {result['articles']} articles)"
        )
    problems = [a for a in result["per_article"] if a["missed"] or a["spurious"] or a["place_errors"]
                or a["reason_errors"]]
    if problems:
        lines.append("  per article:")
    for a in problems:
        bits = []
        if a["missed"]:
            bits.append("missed " + "; ".join(" – ".join(p) for p in a["missed"]))
        if a["spurious"]:
            bits.append("spurious " + "; ".join(" – ".join(p) for p in a["spurious"]))
        for e in a["place_errors"]:
            bits.append(f"place {e['predicted']!r} (gold {e['gold']!r})")
        for e in a["reason_errors"]:
            bits.append(f"reason {e['predicted']!r} (gold {e['gold']!r})")
        lines.append(f"    {a['article']}: " + " | ".join(bits))
    return "\n".join(lines)


# ---- running over the gold articles -----------------------------------------------------------


def load_gold(path: Path | str = GOLD_PATH) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_gold_articles(
    gold: list[dict], seeds_dir: Path | str = SEEDS_DIR, bbc_dir: Path | str = BBC_DIR
) -> tuple[list, list[str]]:
    """The articles the gold file names, read with the project's reader; (articles, missing ids)."""
    from qa.articles import article_from_text

    folders = {"seeds": Path(seeds_dir), "bbc": Path(bbc_dir)}
    articles, missing = [], []
    for item in gold:
        folder = folders.get(item.get("corpus", "bbc"))
        path = None
        if folder is not None:
            for suffix in (".txt", ".md"):
                candidate = folder / (item["article"] + suffix)
                if candidate.is_file():
                    path = candidate
                    break
        if path is None:
            missing.append(item["article"])
            continue
        article = article_from_text(item["article"], path.read_text(encoding="utf-8", errors="replace"))
        if article is None:
            missing.append(item["article"])
        else:
            articles.append(article)
    return articles, missing


def run_evaluation(
    gold_path: Path | str = GOLD_PATH,
    seeds_dir: Path | str = SEEDS_DIR,
    bbc_dir: Path | str = BBC_DIR,
    nlp=None,
    extract: Callable | None = None,
) -> dict[str, Any]:
    """Extract meetings from every gold article that is available and score them.

    Gold articles whose files are absent (e.g. no BBC corpus) are left out and listed under
    ``"unavailable"``.
    """
    from qa.meetings import extract_meetings, load_nlp

    gold = load_gold(gold_path)
    articles, missing = load_gold_articles(gold, seeds_dir, bbc_dir)
    nlp = nlp or load_nlp()
    extract = extract or extract_meetings
    if articles:
        extract(articles[0], nlp)  # warm-up: the first call pays for lazy initialisation
    started = time.perf_counter()
    predicted = {a.id: extract(a, nlp) for a in articles}
    seconds = time.perf_counter() - started
    unavailable = set(missing)
    available = [g for g in gold if g["article"] not in unavailable]
    result = evaluate_meetings(available, predicted)
    result["unavailable"] = missing
    result["extract_seconds"] = seconds
    result["ms_per_article"] = 1000 * seconds / max(1, len(articles))
    return result


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(description="Score meeting extraction against gold annotations.")
    parser.add_argument("--gold", default=str(GOLD_PATH))
    parser.add_argument("--seeds", default=str(SEEDS_DIR))
    parser.add_argument("--bbc", default=str(BBC_DIR))
    parser.add_argument("--json", action="store_true", help="print the full result as JSON")
    args = parser.parse_args(argv)
    result = run_evaluation(args.gold, args.seeds, args.bbc)
    if args.json:
        print(json.dumps(result, indent=2, ensure_ascii=False))
    else:
        print(format_report(result))
        if result["unavailable"]:
            print(f"  ({len(result['unavailable'])} gold articles unavailable, e.g. {result['unavailable'][0]})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
