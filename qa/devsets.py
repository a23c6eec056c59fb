"""Dev sets as (articles, questions), each question tagged with its half of the fixed split.

Every loader returns a ``DevSet``: ``articles`` are JSONL-ready records (``id``, ``title``,
``body``) that the engine indexes like any user's collection, and ``questions`` are dicts in the
form ``qa.evaluation`` reads (``id``, ``question``, ``answers``, ``gold``) plus ``split``.
An empty ``answers`` list marks an unanswerable question (the right outcome is a refusal).

The split is by article (``qa.splits.split_of``): a SQuAD article's title, a news story's id.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .splits import split_of


@dataclass
class DevSet:
    name: str
    articles: list[dict[str, Any]] = field(default_factory=list)
    questions: list[dict[str, Any]] = field(default_factory=list)

    def half(self, split: str) -> list[dict[str, Any]]:
        return [q for q in self.questions if q["split"] == split]

    def sample(self, per_half: int | None, seed: int = 13) -> DevSet:
        """At most ``per_half`` questions of each half, drawn with a fixed seed."""
        if per_half is None:
            return self
        chosen: list[dict[str, Any]] = []
        for split in ("tune", "heldout"):
            questions = self.half(split)
            random.Random(f"{seed}:{self.name}:{split}").shuffle(questions)
            chosen.extend(questions[:per_half])
        return DevSet(self.name, self.articles, chosen)

    def write_articles(self, folder: Path) -> Path:
        """The articles as one JSONL collection in ``folder`` (what the engine indexes)."""
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{self.name}.jsonl"
        with open(path, "w", encoding="utf-8") as handle:
            for record in self.articles:
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        return path

    def article_id(self, record_id: str) -> str:
        """The id the engine gives a record of ``write_articles``'s file."""
        return f"{self.name}/{record_id}"


def squad(path: Path, name: str, *, answerable: bool = True, unanswerable: bool = False) -> DevSet:
    """SQuAD v1.1 / v2.0 JSON: one article a paragraph, titled with its Wikipedia page."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))["data"]
    dev = DevSet(name)
    for page in data:
        title = page["title"].replace("_", " ")
        split = split_of(page["title"])
        for number, paragraph in enumerate(page["paragraphs"]):
            record_id = f"{_slug(page['title'])}-{number:03d}"
            dev.articles.append({"id": record_id, "title": title, "body": paragraph["context"]})
            for qa in paragraph["qas"]:
                impossible = bool(qa.get("is_impossible"))
                if (impossible and not unanswerable) or (not impossible and not answerable):
                    continue
                answers = [] if impossible else _unique(a["text"] for a in qa["answers"])
                dev.questions.append({
                    "id": qa["id"], "question": qa["question"].strip(), "answers": answers,
                    "gold": [dev.article_id(record_id)], "split": split,
                    "key": page["title"], "part": f"{page['title']}#{number}",
                    "context": paragraph["context"],
                })
    return dev


def qasrl(folder: Path, part: str = "dev") -> DevSet:
    """QA-SRL Wikinews: one article a news story (its sentences), questions on one sentence."""
    sentences: dict[str, str] = {}
    with open(Path(folder) / f"wikinews.{part}.full.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            sentences[row["qasrl_id"]] = _detokenize(row["sentence"])
    stories: dict[str, list[str]] = {}
    for sentence_id in sorted(sentences, key=_sentence_order):
        stories.setdefault(_story_of(sentence_id), []).append(sentence_id)
    dev = DevSet(f"qasrl-{part}")
    for story, ids in stories.items():
        record_id = story.replace(":", "-")
        body = "\n\n".join(sentences[i] for i in ids)
        dev.articles.append({"id": record_id, "title": "", "body": body})
    with open(Path(folder) / f"wikinews.{part}.gold.csv", encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle)):
            if row["is_redundant"] == "True" or row["qasrl_id"] not in sentences:
                continue
            answers = _unique(_detokenize(a) for a in row["answer"].split("~!~") if a.strip())
            story = _story_of(row["qasrl_id"])
            dev.questions.append({
                "id": f"qasrl-{part}-{number}", "question": row["question"].strip(),
                "answers": answers, "gold": [dev.article_id(story.replace(":", "-"))],
                "split": split_of(story), "key": story,
                "part": row["qasrl_id"], "context": sentences[row["qasrl_id"]],
                "wh": row["wh"],
            })
    return dev


def questions_file(path: Path, name: str) -> DevSet:
    """A project questions file (``tests/data/dev_*.jsonl``): split by its first gold article."""
    from .evaluation import load_questions

    dev = DevSet(name)
    for question in load_questions(path):
        key = (question["gold"] or [question["id"]])[0]
        dev.questions.append(question | {"split": split_of(key)})
    return dev


def _story_of(sentence_id: str) -> str:
    return ":".join(sentence_id.split(":")[:3])  # Wiki1k:wikinews:1823406:3:4 -> the story


def _sentence_order(sentence_id: str) -> tuple:
    parts = sentence_id.split(":")
    return (parts[:3], *(int(p) if p.isdigit() else 0 for p in parts[3:]))


def _detokenize(text: str) -> str:
    """QA-SRL text is space-tokenised ("Obama , who ..."): rejoin punctuation."""
    text = re.sub(r" ([,.;:!?%)\]}])", r"\1", text)
    text = re.sub(r"([(\[{$]) ", r"\1", text)
    text = re.sub(r" (n't|'s|'re|'ve|'ll|'d|'m)\b", r"\1", text)
    return text.replace("`` ", '"').replace(" ''", '"')


def _slug(title: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower() or "article"


def _unique(texts: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(t.strip() for t in texts if t.strip()))
