"""The meetings dev sets, read as articles, and ``qa eval-meetings`` over them.

* tests/data/meetings_gold.jsonl: the project's first gold set (seed and BBC articles);
* tests/data/meetings_news_gold.jsonl: hand-annotated Reuters and BBC news (status, time, date);
* tests/data/meetings_modern.jsonl: invented wire copy in the style of 2022-23 (calls, state
  dinners, sidelines, datelines), written and annotated blind to the extractor, articles inline;
* ../shared/eval/m2e2-contact-events.jsonl: VOA sentences with ACE contact events (triggers,
  kinds, places) and 1,000 sentences without any event.

Each set is split by article into a tuning and a held-out half (:func:`qa.splits.split_of`).
Articles whose corpus is not on this machine are left out and counted.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from qa.meetings.evaluation import format_halves, pct, place_matches, score_set
from qa.models import Article
from qa.splits import split_of

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
GOLD_PATH = REPO / "tests" / "data" / "meetings_gold.jsonl"
NEWS_GOLD_PATH = REPO / "tests" / "data" / "meetings_news_gold.jsonl"
MODERN_PATH = REPO / "tests" / "data" / "meetings_modern.jsonl"
M2E2_PATH = SHARED / "eval" / "m2e2-contact-events.jsonl"
SEEDS_DIR = REPO / "seeds"
BBC_DIR = SHARED / "corpora" / "bbc"
REUTERS_PATH = SHARED / "corpora" / "reuters21578.jsonl"

Extract = Callable[[list[Article]], dict[str, list[dict]]]


def load_jsonl(path: Path | str) -> list[dict]:
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _reuters_records(ids: set[str], path: Path) -> dict[str, dict]:
    found: dict[str, dict] = {}
    if not ids or not path.is_file():
        return found
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if any(f'"{i}"' in line for i in ids):
                record = json.loads(line)
                if record.get("id") in ids:
                    found[record["id"]] = record
    return found


def gold_articles(gold: list[dict], seeds_dir: Path = SEEDS_DIR, bbc_dir: Path = BBC_DIR,
                  reuters_path: Path = REUTERS_PATH) -> dict[str, Article]:
    """The articles a gold set names that are on this machine, by id."""
    from qa.articles import article_from_record, article_from_text

    reuters = _reuters_records({g["article"] for g in gold if g.get("corpus") == "reuters"},
                               Path(reuters_path))
    folders = {"seeds": Path(seeds_dir), "bbc": Path(bbc_dir)}
    articles: dict[str, Article] = {}
    for item in gold:
        aid, corpus = item["article"], item.get("corpus", "bbc")
        article = None
        if corpus == "inline":  # the article is written in the gold row itself
            article = Article(id=aid, title=item.get("title", ""), paragraphs=tuple(item["paragraphs"]),
                              date=item.get("date"))
        elif corpus == "reuters" and aid in reuters:
            article = article_from_record(aid, reuters[aid])
        elif corpus in folders:
            path = folders[corpus] / f"{aid}.txt"
            if path.is_file():
                article = article_from_text(aid, path.read_text(encoding="utf-8", errors="replace"))
        if article is not None:
            articles[aid] = article
    return articles


def evaluate_gold(path: Path, extract: Extract, show_errors: int = 0, **dirs) -> str:
    """The per-half report of one article-level gold set."""
    gold = load_jsonl(path)
    articles = gold_articles(gold, **dirs)
    available = [g for g in gold if g["article"] in articles]
    predicted = extract(list(articles.values()))
    halves = score_set(available, predicted, lambda g: g.get("split") or split_of(g["article"]))
    title = f"{path.name}: {len(available)} of {len(gold)} articles on this machine"
    return format_halves(title, halves, show_errors)


# ---- M2E2 sentences ---------------------------------------------------------------------------


def m2e2_document(sentence_id: str) -> str:
    """"VOA_EN_NW_2016.05.16.3331907_15" -> "VOA_EN_NW_2016.05.16.3331907"."""
    return sentence_id.rsplit("_", 1)[0]


def m2e2_article(item: dict) -> Article:
    match = re.search(r"_(\d{4})\.(\d{2})\.(\d{2})\.", item["id"])
    date = "-".join(match.groups()) if match else None
    return Article(id=item["id"], title="", paragraphs=(item["sentence"],), date=date)


def _m2e2_counts() -> dict[str, list[int]]:
    return {"detected": [0, 0], "false_alarms": [0, 0], "kind": [0, 0], "place": [0, 0]}


def _score_m2e2_item(item: dict, found: list[dict], counts: dict[str, list[int]]) -> None:
    events = item.get("events", [])
    if not events:
        counts["false_alarms"][1] += 1
        counts["false_alarms"][0] += bool(found)
        return
    counts["detected"][1] += 1
    counts["detected"][0] += bool(found)
    if found:
        calls = any(e["type"] == "Contact:Phone-Write" for e in events)
        counts["kind"][1] += 1
        counts["kind"][0] += any((r.get("kind") == "call") == calls for r in found)
    places = [a["text"] for e in events for a in e.get("arguments", []) if a["role"] == "Place"]
    if places:
        counts["place"][1] += 1
        counts["place"][0] += any(r.get("place") and place_matches(g, r["place"])
                                  for g in places for r in found)


def evaluate_m2e2(path: Path, detect: Extract) -> str:
    """Contact detection per sentence (recall on events, false alarms on the negatives), kind
    (call or not) of the detected ones, and place where the gold marks one."""
    items = load_jsonl(path)
    found = detect([m2e2_article(i) for i in items])
    halves = {"tune": _m2e2_counts(), "heldout": _m2e2_counts()}
    for item in items:
        _score_m2e2_item(item, found.get(item["id"], []), halves[split_of(m2e2_document(item["id"]))])
    lines = [f"{path.name}: {len(items)} sentences",
             f"  {'half':8}{'detection recall':20}{'precision':20}{'false alarms':20}"
             f"{'kind':20}{'place':20}"]
    for name, c in halves.items():
        hits, false = c["detected"][0], c["false_alarms"][0]
        lines.append(f"  {name:8}{pct(*c['detected']):20}{pct(hits, hits + false):20}"
                     f"{pct(*c['false_alarms']):20}{pct(*c['kind']):20}{pct(*c['place']):20}")
    return "\n".join(lines)


def run_all(extract: Extract, detect: Extract | None = None, show_errors: int = 0) -> str:
    """Reports on every set present on this machine."""
    reports = [evaluate_gold(GOLD_PATH, extract, show_errors)]
    for path in (NEWS_GOLD_PATH, MODERN_PATH):
        reports.append(evaluate_gold(path, extract, show_errors) if path.is_file() else f"{path.name}: not present")
    if M2E2_PATH.is_file():
        reports.append(evaluate_m2e2(M2E2_PATH, detect or extract))
    else:
        reports.append(f"{M2E2_PATH.name}: not on this machine ({M2E2_PATH.parent})")
    return "\n\n".join(reports)


def default_extractors() -> tuple[Extract, Extract]:
    """The project's extractor as (records, records with one-sided contacts too)."""
    from qa.nlp import load_nlp

    from .extract import extract_meetings_many

    def run(partial: bool) -> Extract:
        def extract(articles: list[Article]) -> dict[str, list[dict]]:
            found = extract_meetings_many(articles, load_nlp(), partial=partial)
            return {aid: [m.to_dict() for m in records] for aid, records in found.items()}
        return extract

    return run(False), run(True)
