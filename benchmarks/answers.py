"""Open-domain answer benchmark: every set's articles indexed by the engine, its questions asked.

    python benchmarks/answers.py                       # all sets, 300 questions a half
    python benchmarks/answers.py --sets squad1 --per-half 0   # every question of a set
    python benchmarks/answers.py --json /tmp/answers.json     # per-question results too
    python benchmarks/answers.py --sets quiz --hurried        # questions typed in lower case, no "?"

Sets (from ../shared/eval, and the project's tests/data):
  squad1  SQuAD v1.1 dev: all 2,067 paragraphs indexed as articles, answerable questions
  squad2  SQuAD v2.0 dev: its 1,204 paragraphs; answerable and unanswerable questions (refusal)
  qasrl   QA-SRL Wikinews dev: each story's sentences as an article; who/what/when/where/why
  bbc     the project's BBC dev questions over BBC politics + the seed article
  quiz    news-quiz questions (tests/data/dev_news_quiz.jsonl) over all 2,095 BBC articles
  seed    the project's seed dev questions over seeds/
  seedfresh  fresh questions on the seed article (tests/data/dev_seed_fresh.jsonl)
  seedfresh2 … seedfresh19  blind sets of them, one a writer (tests/data/dev_seed_fresh<N>.jsonl)

Each set's questions are split by article into a tuning and a held-out half (qa.splits); both
are printed, always. Indexes are built once into --work and reused.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from qa import devsets  # noqa: E402
from qa.evaluation import run_questions, score  # noqa: E402

SHARED = ROOT.parent / "shared"
# Questions on the seed article: the first dev set, then blind sets by writers who saw no code
SEED_SETS = {"seed": "dev_seed.jsonl", "seedfresh": "dev_seed_fresh.jsonl",
             **{f"seedfresh{n}": f"dev_seed_fresh{n}.jsonl" for n in range(2, 21)}}
SETS = ("squad1", "squad2", "qasrl", "bbc", "quiz", *SEED_SETS)
COLUMNS = [
    ("n", "questions", "{:d}"), ("gold@1", "gold@1", "%"), ("gold@5", "gold@5", "%"),
    ("ans@5", "answer_in_top_k", "%"), ("EM", "exact", "%"), ("F1", "f1", "%"),
    ("contains", "contains", "%"), ("refuse-unans", "refusal_recall", "%"),
    ("refuse-ans", "false_refusal_rate", "%"), ("ms p50", "seconds_median", "ms"),
]


def load_set(name: str, work: Path) -> tuple[devsets.DevSet, Path]:
    """The set and the folder the engine indexes for it."""
    folder = work / name / "articles"
    if name == "squad1":
        dev = devsets.squad(SHARED / "eval" / "squad-dev-v1.1.json", name)
    elif name == "squad2":
        dev = devsets.squad(SHARED / "eval" / "squad-dev-v2.0.json", name, unanswerable=True)
    elif name == "qasrl":
        dev = devsets.qasrl(SHARED / "eval" / "qasrl-wikinews")
    elif name == "bbc":
        dev = devsets.questions_file(ROOT / "tests" / "data" / "dev_bbc.jsonl", name)
        if not (folder / "politics").exists():
            shutil.copytree(SHARED / "corpora" / "bbc" / "politics", folder / "politics")
            for seed in (ROOT / "seeds").iterdir():
                shutil.copy(seed, folder / seed.name)
        return dev, folder
    elif name == "quiz":
        dev = devsets.questions_file(ROOT / "tests" / "data" / "dev_news_quiz.jsonl", name)
        return dev, SHARED / "corpora" / "bbc"
    elif name in SEED_SETS:
        questions = SEED_SETS[name]
        return devsets.questions_file(ROOT / "tests" / "data" / questions, name), ROOT / "seeds"
    else:
        raise SystemExit(f"unknown set {name!r}; choose from {', '.join(SETS)}")
    if not (folder / f"{dev.name}.jsonl").exists():
        dev.write_articles(folder)
    return dev, folder


def run_set(name: str, work: Path, per_half: int | None, embedder, k: int,
            chunking=None, retrieval_only: bool = False, hurried: bool = False) -> dict:
    from qa.chunking import ChunkSettings
    from qa.engine import Engine

    chunking = chunking or ChunkSettings()
    dev, folder = load_set(name, work)
    dev = dev.sample(per_half)
    if hurried:  # as many people type in a chat: no capitals, no question mark
        dev.questions = [{**q, "question": q["question"].lower().rstrip().rstrip("?")} for q in dev.questions]
    index = work / name / ("index" if chunking == ChunkSettings() else
                           f"index-{chunking.max_chars}-{int(chunking.across_paragraphs)}")
    engine = Engine(folder, index, embedder=embedder, chunking=chunking)
    started = time.perf_counter()
    report = engine.build() if not engine.store.exists() else None
    if retrieval_only:
        engine.load_index()
        engine.ask = lambda question, k=5: _retrieve(engine, question, k)
    else:
        engine.load()
    if report is not None:
        print(f"[{name}] indexed: {report.summary()}", file=sys.stderr)
    print(f"[{name}] ready in {time.perf_counter() - started:.1f}s; asking "
          f"{len(dev.questions)} questions", file=sys.stderr)
    results = run_questions(engine, dev.questions, k=k)
    for result, question in zip(results, dev.questions):
        result["split"] = question["split"]
    return {
        "set": name,
        "halves": {split: score([r for r in results if r["split"] == split], k=k)
                   for split in ("tune", "heldout")},
        "results": results,
    }


def _retrieve(engine, question: str, k: int):
    """An answer holding the retrieved passages only (retrieval figures, no reader)."""
    from qa.models import Answer

    return Answer(question, "", None, engine.search(question, k=k))


def format_table(runs: list[dict]) -> str:
    header = f"{'set':<8} {'half':<8}" + "".join(f"{title:>13}" for title, _k, _f in COLUMNS)
    lines = [header, "-" * len(header)]
    for run in runs:
        for split, figures in run["halves"].items():
            cells = []
            for _title, key, form in COLUMNS:
                value = figures.get(key)
                if value is None:
                    cells.append(f"{'-':>13}")
                elif form == "%":
                    cells.append(f"{100 * value:>12.1f}%")
                elif form == "ms":
                    cells.append(f"{1000 * value:>13.0f}")
                else:
                    cells.append(f"{value:>13d}")
            lines.append(f"{run['set']:<8} {split:<8}" + "".join(cells))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--per-half", type=int, default=300,
                        help="questions drawn from each half (0: all)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/qa-bench"))
    parser.add_argument("-k", type=int, default=5)
    parser.add_argument("--json", type=Path, help="write every question's result here")
    parser.add_argument("--max-chars", type=int, default=None, help="passage size to index")
    parser.add_argument("--across-paragraphs", action="store_true",
                        help="passages are windows across paragraphs")
    parser.add_argument("--retrieval-only", action="store_true", help="no reader: passages only")
    parser.add_argument("--hurried", action="store_true",
                        help="ask every question as typed in a hurry: lower case, no question mark")
    args = parser.parse_args()
    if not SHARED.exists():
        raise SystemExit(f"needs {SHARED} (the research corpora)")
    from qa.embedding import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder()
    from qa.chunking import ChunkSettings

    chunking = ChunkSettings(max_chars=args.max_chars or ChunkSettings().max_chars,
                             across_paragraphs=args.across_paragraphs)
    runs = [run_set(name, args.work, args.per_half or None, embedder, args.k, chunking,
                    args.retrieval_only, args.hurried) for name in args.sets.split(",")]
    print(format_table(runs))
    if args.json:
        args.json.write_text(json.dumps(runs, indent=1, ensure_ascii=False, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
