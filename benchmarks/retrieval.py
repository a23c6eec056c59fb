"""Retrieval variants side by side, on built benchmark indexes (see benchmarks/answers.py).

    python benchmarks/retrieval.py --sets squad1,quiz --per-half 500

For each set and half: the gold article's rank among the top passages (@1, @5) and whether an
answer string is in the top 5 passages, for the fusion settings in ``VARIANTS``. Questions are
encoded once; every variant re-ranks the same candidates, so the figures differ only by fusion.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from answers import load_set  # noqa: E402

from qa.evaluation import normalize  # noqa: E402
from qa.retrieval import Fusion, HybridRetriever  # noqa: E402

VARIANTS = {
    "rrf": Fusion(),
    "rrf+title": Fusion(title_terms=True),
    "rrf+dedupe": Fusion(collapse_overlaps=True),
    "rrf+article": Fusion(article_weight=0.5),
    "all": Fusion(title_terms=True, collapse_overlaps=True, article_weight=0.5),
    "all-dense2": Fusion(title_terms=True, collapse_overlaps=True, article_weight=0.5, dense_weight=2.0),
}


def evaluate(retriever: HybridRetriever, questions, vectors, k: int = 5) -> dict:
    at1 = at5 = found = 0
    for question, vector in zip(questions, vectors):
        passages = retriever.search(vector, question["question"], k=k)
        articles = [p.article for p in passages]
        gold = set(question["gold"])
        at1 += bool(articles[:1]) and articles[0] in gold
        at5 += any(a in gold for a in articles)
        text = " " + " ".join(normalize(p.text) for p in passages) + " "
        found += any(f" {normalize(a)} " in text for a in question["answers"] if normalize(a))
    n = max(1, len(questions))
    return {"@1": at1 / n, "@5": at5 / n, "ans@5": found / n}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sets", default="squad1,quiz")
    parser.add_argument("--per-half", type=int, default=500)
    parser.add_argument("--work", type=Path, default=Path("/tmp/qa-bench"))
    args = parser.parse_args()
    from qa.embedding import SentenceTransformerEmbedder
    from qa.engine import Engine

    embedder = SentenceTransformerEmbedder()
    print(f"{'set':<8} {'half':<8} {'variant':<12} {'@1':>7} {'@5':>7} {'ans@5':>7}")
    for name in args.sets.split(","):
        dev, folder = load_set(name, args.work)
        dev = dev.sample(args.per_half)
        engine = Engine(folder, args.work / name / "index", embedder=embedder)
        if not engine.store.exists():
            engine.build()
        engine.load_index()
        data = engine.data
        for half in ("tune", "heldout"):
            questions = [q for q in dev.half(half) if q["answers"]]
            vectors = embedder.encode([q["question"] for q in questions])
            for variant, fusion in VARIANTS.items():
                figures = evaluate(HybridRetriever(data, fusion), questions, vectors)
                print(f"{name:<8} {half:<8} {variant:<12} " +
                      " ".join(f"{100 * figures[key]:>6.1f}%" for key in ("@1", "@5", "ans@5")),
                      flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
