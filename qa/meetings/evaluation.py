"""Scoring meeting records against hand annotations, per tuning / held-out half.

Records and gold meetings are plain dicts. A gold meeting lists its participants (2 or more);
its pairs are every two of them. A predicted pair is right when a gold meeting of the same
article holds it (names compared with :func:`qa.names.names_match`). A gold meeting is found
when a record of its article holds one of its pairs; its place, time and reason are right when
one of those records states a matching one. Field accuracy is over the gold meetings that state
the field, found or not.
"""

from __future__ import annotations

import re
from itertools import combinations
from typing import Any, Iterable

from qa.names import name_key, names_match

_REASON_STOP = {
    "the", "a", "an", "of", "to", "on", "in", "for", "and", "or", "about", "over", "how", "their",
    "its", "his", "her", "with", "by", "at", "could", "would", "be", "is", "was", "two", "that",
    "discuss", "discussed", "talks", "meeting", "met",
}
_TIME_STOP = {"on", "in", "at", "the", "of", "last", "this", "next", "early", "late", "a"}

Pair = tuple[str, str]


def pairs_of(names: Iterable[str]) -> list[Pair]:
    names = [n for n in names if n]
    return list(combinations(names, 2))


def record_names(record: dict) -> list[str]:
    return [p["name"] if isinstance(p, dict) else p for p in record.get("participants", [])]


def pair_matches(p: Pair, q: Pair) -> bool:
    return (names_match(p[0], q[0]) and names_match(p[1], q[1])) or (
        names_match(p[0], q[1]) and names_match(p[1], q[0])
    )


def _dedupe(pairs: Iterable[Pair]) -> list[Pair]:
    out: list[Pair] = []
    for pair in pairs:
        if not names_match(*pair) and not any(pair_matches(pair, seen) for seen in out):
            out.append(pair)
    return out


def place_matches(gold: str, predicted: str) -> bool:
    """Either names the other, part by part ("Downing Street, London" and "London")."""
    for g in re.split(r"[,;/]| and ", gold):
        for p in re.split(r"[,;/]| and ", predicted):
            kg, kp = name_key(g), name_key(p)
            if kg and kp and (kg == kp or f" {kg} " in f" {kp} " or f" {kp} " in f" {kg} "):
                return True
    return False


def _content(text: str, stop: set[str]) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in stop and len(w) > 1}


def reason_matches(gold: str, predicted: str, threshold: float = 0.5) -> bool:
    """Content words overlap by half of the shorter side (gold may list options with ';')."""
    p = _content(predicted, _REASON_STOP)
    for option in gold.split(";"):
        g = _content(option, _REASON_STOP)
        if g and p and len(g & p) / min(len(g), len(p)) >= threshold:
            return True
    return False


def time_matches(gold: dict, record: dict) -> bool:
    """Same ISO date (or the gold's month / year prefix), or the same words as written."""
    gold_date, date = gold.get("date"), record.get("date")
    if gold_date and date and (date.startswith(gold_date) or gold_date.startswith(date)):
        return True
    gold_text, text = gold.get("time"), record.get("time_text")
    if gold_text and text:
        g, p = _content(gold_text, _TIME_STOP), _content(text, _TIME_STOP)
        return bool(g and p) and len(g & p) / min(len(g), len(p)) >= 0.5
    return False


def _new_counts() -> dict[str, Any]:
    return {"articles": 0, "pred_pairs": 0, "right_pairs": 0, "events": 0, "found": 0,
            "place": [0, 0], "time": [0, 0], "reason": [0, 0], "status": [0, 0], "errors": []}


def _linked(meeting: dict, records: list[dict]) -> list[dict]:
    pairs = pairs_of(meeting.get("participants", []))
    return [r for r in records
            if any(pair_matches(p, g) for p in pairs_of(record_names(r)) for g in pairs)]


def _score_fields(meeting: dict, linked: list[dict], counts: dict, article: str) -> None:
    checks = {
        "place": (meeting.get("place"), lambda r: bool(r.get("place")) and place_matches(meeting["place"], r["place"])),
        "time": (meeting.get("time") or meeting.get("date"), lambda r: time_matches(meeting, r)),
        "reason": (meeting.get("reason"), lambda r: bool(r.get("reason")) and reason_matches(meeting["reason"], r["reason"])),
        "status": (meeting.get("status") if linked else None,
                   lambda r: r.get("status", "happened") == meeting.get("status")),
    }
    for field, (gold, right) in checks.items():
        if not gold:
            continue
        counts[field][1] += 1
        if any(right(r) for r in linked):
            counts[field][0] += 1
        else:
            got = next((r.get({"time": "time_text"}.get(field, field)) for r in linked), None)
            counts["errors"].append(f"{article}: {field} {got!r} (gold {gold!r})")


def score_article(gold_meetings: list[dict], records: list[dict], counts: dict, article: str) -> None:
    """Add one article's pairs, events and fields to ``counts``."""
    counts["articles"] += 1
    gold_pairs = _dedupe(p for m in gold_meetings for p in pairs_of(m.get("participants", [])))
    predicted = _dedupe(p for r in records for p in pairs_of(record_names(r)))
    counts["pred_pairs"] += len(predicted)
    for pair in predicted:
        if any(pair_matches(pair, g) for g in gold_pairs):
            counts["right_pairs"] += 1
        else:
            counts["errors"].append(f"{article}: spurious {' – '.join(pair)}")
    for meeting in gold_meetings:
        if len(meeting.get("participants", [])) < 2:
            continue
        counts["events"] += 1
        linked = _linked(meeting, records)
        if linked:
            counts["found"] += 1
        else:
            counts["errors"].append(f"{article}: missed {' – '.join(meeting['participants'])}")
        _score_fields(meeting, linked, counts, article)


def score_set(gold: list[dict], predicted: dict[str, list[dict]], split_of) -> dict[str, dict]:
    """Counts per half: ``{"tune": counts, "heldout": counts}``."""
    halves = {"tune": _new_counts(), "heldout": _new_counts()}
    for item in gold:
        half = halves[split_of(item)]
        score_article(item.get("meetings", []), predicted.get(item["article"], []), half, item["article"])
    return halves


def pct(num: int, den: int) -> str:
    return "  n/a" if not den else f"{100 * num / den:5.1f}% ({num}/{den})"


def format_halves(title: str, halves: dict[str, dict], show_errors: int = 0) -> str:
    lines = [title, f"  {'half':8}{'arts':>5}  {'pair precision':18}{'event recall':18}"
                    f"{'place':18}{'time':18}{'reason':18}{'status':18}"]
    for name, c in halves.items():
        lines.append(
            f"  {name:8}{c['articles']:>5}  {pct(c['right_pairs'], c['pred_pairs']):18}"
            f"{pct(c['found'], c['events']):18}{pct(*c['place']):18}{pct(*c['time']):18}"
            f"{pct(*c['reason']):18}{pct(*c['status']):18}")
    if show_errors:  # the tuning half only: rules are never fitted to held-out errors
        lines += [f"    {e}" for e in halves["tune"]["errors"][:show_errors]]
    return "\n".join(lines)
