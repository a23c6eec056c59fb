"""Convert XQuAD / SQuAD JSON into a folder of .txt articles and a questions JSONL.

    python benchmarks/convert_xquad.py ../shared/eval/xquad.en.json OUT_DIR

writes OUT_DIR/articles/<slug>-NN.txt (one article per paragraph context: headline = the
Wikipedia title and the paragraph number, a blank line, then the context) and
OUT_DIR/questions.jsonl ({"id", "question", "answers", "gold"}; gold = that article's id, which
is the file name without extension when OUT_DIR/articles is the folder indexed). The outputs
come from CC BY-SA text: keep them out of the repository.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path


def slug(title: str) -> str:
    text = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower()
    return text or "article"


def convert(source: Path, out_dir: Path) -> tuple[int, int]:
    data = json.loads(source.read_text(encoding="utf-8"))
    articles_dir = out_dir / "articles"
    articles_dir.mkdir(parents=True, exist_ok=True)
    n_articles = n_questions = 0
    with open(out_dir / "questions.jsonl", "w", encoding="utf-8") as questions:
        for entry in data["data"]:
            title = entry.get("title", "untitled").replace("_", " ")
            for number, paragraph in enumerate(entry["paragraphs"], 1):
                article_id = f"{slug(title)}-{number:02d}"
                context = " ".join(paragraph["context"].split())
                (articles_dir / f"{article_id}.txt").write_text(
                    f"{title} (paragraph {number})\n\n{context}\n", encoding="utf-8"
                )
                n_articles += 1
                for qa in paragraph["qas"]:
                    answers = list(dict.fromkeys(a["text"].strip() for a in qa["answers"]))
                    record = {
                        "id": qa["id"],
                        "question": qa["question"].strip(),
                        "answers": answers,
                        "gold": [article_id],
                    }
                    questions.write(json.dumps(record, ensure_ascii=False) + "\n")
                    n_questions += 1
    return n_articles, n_questions


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("source", type=Path, help="XQuAD/SQuAD JSON file")
    parser.add_argument("out_dir", type=Path, help="folder for articles/ and questions.jsonl")
    args = parser.parse_args(argv)
    n_articles, n_questions = convert(args.source, args.out_dir)
    print(f"{n_articles} articles in {args.out_dir / 'articles'}, "
          f"{n_questions} questions in {args.out_dir / 'questions.jsonl'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
