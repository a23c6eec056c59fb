"""Build and query benchmark over a corpus folder. Prints figures; asserts nothing.

    .venv/bin/python benchmarks/build_and_query.py ../shared/corpora/bbc [--questions 100]

The corpus is copied to a temporary folder so that one article can be touched for the
incremental rebuild. Figures: articles, chunks, build seconds, chunks/s; the raw encoder
rate on the same chunk texts and the ratio of the two; an incremental rebuild after touching
one article; query latency p50/p95 (model loaded) over N questions made from headlines.
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qa.chunking import embedding_text  # noqa: E402
from qa.embedding import DEFAULT_MODEL, embedder_for  # noqa: E402
from qa.engine import EMBED_BATCH, Engine  # noqa: E402


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--no-meetings", action="store_true", help="skip meeting extraction")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        parser.error(f"{args.corpus} is not a folder")

    work = Path(tempfile.mkdtemp(prefix="qa-bench-"))
    try:
        seeds = work / "seeds"
        shutil.copytree(args.corpus, seeds)
        embedder = embedder_for(DEFAULT_MODEL)  # the default backend ($QA_ENCODER picks another)
        t = time.perf_counter()
        embedder.load()
        print(f"encoder                   {embedder.name}")
        print(f"model load                {time.perf_counter() - t:8.2f} s")
        engine = Engine(seeds, work / "index", embedder=embedder, meetings=not args.no_meetings)

        report = engine.build()
        data = engine.data
        print(f"articles                  {report.articles:8d}")
        print(f"chunks                    {report.chunks:8d}")
        print(f"meeting records           {sum(len(v) for v in data.meetings.values()):8d}")
        print(f"full build                {report.seconds:8.2f} s")
        print(f"build rate                {report.chunks / report.seconds:8.1f} chunks/s")

        texts = [embedding_text(data.articles[c.article_id], c) for c in data.chunks]
        t = time.perf_counter()
        for start in range(0, len(texts), EMBED_BATCH):
            embedder.encode(texts[start : start + EMBED_BATCH], batch_size=EMBED_BATCH)
        raw = time.perf_counter() - t
        print(f"raw model.encode          {raw:8.2f} s  ({len(texts) / raw:.1f} chunks/s)")
        print(f"build / raw encode        {report.seconds / raw:8.2f} x")

        victim = sorted(seeds.rglob("*.txt"))[len(data.articles) // 2]
        victim.write_text(victim.read_text(encoding="utf-8") + "\nAn added closing line.\n", encoding="utf-8")
        again = engine.build()
        print(f"incremental (1 touched)   {again.seconds:8.2f} s  "
              f"({again.updated} updated, {again.unchanged} unchanged, {again.embedded_chunks} chunks embedded)")

        rng = random.Random(7)
        titles = [a.title for a in rng.sample(list(data.articles.values()), min(args.questions, len(data.articles)))]
        questions = [f"What happened: {title}?" for title in titles]
        engine.ask(questions[0])  # warm-up: lazy pieces (spaCy, answerer) load once
        latencies = []
        for question in questions:
            t = time.perf_counter()
            engine.ask(question)
            latencies.append((time.perf_counter() - t) * 1000)
        print(f"questions                 {len(latencies):8d}")
        print(f"query p50                 {statistics.median(latencies):8.1f} ms")
        print(f"query p95                 {percentile(latencies, 0.95):8.1f} ms")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
