"""Encoder backends compared on a news corpus: speed, closeness to torch fp32, retrieval agreement.

    nice -n 15 .venv/bin/python benchmarks/encoder.py ../shared/corpora/bbc \\
        [--articles 600] [--questions 300] [--build] [--tune onnx-fp32 ...]

Passages are the index's own embedding texts (headline + chunk) of N articles drawn with a fixed
seed. Questions come from Q articles among them, alternately their headline and the first
sentence of their second paragraph (only articles of two or more paragraphs are drawn). For each backend:
raw encode passages/s fed as the build feeds them (median of --repeats runs on a fixed sample),
cosine of each passage vector to torch fp32 (mean, min), and retrieval agreement: the mean
overlap of its exact top-10 passages with torch fp32's top-10, per question, for the tuning and
held-out halves of the questions (split by article, qa.splits). ``--build`` then builds an index
of the same articles with the default backend and prints its passages/s beside the raw rate.
``--tune B...`` sweeps threads and batch sizes of those ONNX backends on a quarter of the
sample. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qa.articles import read_articles  # noqa: E402
from qa.chunking import chunk_article, embedding_text  # noqa: E402
from qa.embedding import BACKENDS, DEFAULT_BACKEND, DEFAULT_MODEL, embedder_for  # noqa: E402
from qa.engine import Engine  # noqa: E402
from qa.index_build import EMBED_BATCH  # noqa: E402
from qa.models import Article  # noqa: E402
from qa.splits import HELDOUT, TUNE, split_of  # noqa: E402
from qa.text import sentences  # noqa: E402

SEED = 11
TOP_K = 10


def corpus_sample(folder: Path, articles: int, questions: int):
    found = [a for a in read_articles(folder).articles if len(a.paragraphs) > 1]
    chosen = sorted(random.Random(SEED).sample(found, min(articles, len(found))), key=lambda a: a.id)
    passages = [embedding_text(a, c) for a in chosen for c in chunk_article(a)]
    asked = random.Random(SEED + 1).sample(chosen, min(questions, len(chosen)))
    texts, halves = [], []
    for number, article in enumerate(asked):
        first = (sentences(article.paragraphs[1]) or [article.paragraphs[1]])[0]
        texts.append(article.title if number % 2 == 0 else first)
        halves.append(split_of(article.id))
    return chosen, passages, texts, halves


def rate(embedder, texts: list[str], batch: int | None, repeats: int) -> float:
    """Passages/s fed as the build feeds them: sorted by length, EMBED_BATCH texts a call.

    ``batch`` is the encoder's own batch size (None: its default, as in the build). Also prints
    passages per CPU-second (all threads), which other jobs on a shared machine disturb less.
    """
    ordered = sorted(texts, key=len)
    options = {} if batch is None else {"batch_size": batch}
    embedder.encode(ordered[:EMBED_BATCH], **options)  # warm-up: sessions, allocators
    seconds, cpu = [], []
    for _ in range(repeats):
        started, started_cpu = time.perf_counter(), time.process_time()
        for start in range(0, len(ordered), EMBED_BATCH):
            embedder.encode(ordered[start : start + EMBED_BATCH], **options)
        seconds.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    print(f"  {embedder.name} batch {batch or 'default'}: "
          f"{len(texts) / statistics.median(cpu):.1f} passages per CPU-second", flush=True)
    return len(texts) / statistics.median(seconds)


def top_k(queries: np.ndarray, passages: np.ndarray) -> np.ndarray:
    return np.argsort(-(queries @ passages.T), axis=1)[:, :TOP_K]


def agreement(found: np.ndarray, reference: np.ndarray, mask: np.ndarray) -> float:
    overlaps = [len(set(a) & set(b)) / TOP_K for a, b, keep in zip(found, reference, mask) if keep]
    return float(np.mean(overlaps)) if overlaps else float("nan")


def compare(passages, questions, halves, sample, repeats) -> dict:
    halves = np.array(halves)
    figures, reference = {}, None
    for backend in ("torch", *[b for b in BACKENDS if b != "torch"]):
        embedder = embedder_for(DEFAULT_MODEL, backend)
        speed = rate(embedder, sample, None, repeats)
        vectors = embedder.encode(passages)
        asked = embedder.encode(questions)
        if reference is None:
            reference = (vectors, top_k(asked, vectors))
        cosine = (vectors * reference[0]).sum(axis=1)
        found = top_k(asked, vectors)
        figures[backend] = {
            "passages_per_s": round(speed, 1),
            "cosine_mean": round(float(cosine.mean()), 5),
            "cosine_min": round(float(cosine.min()), 5),
            "agreement_tune": round(agreement(found, reference[1], halves == TUNE), 4),
            "agreement_heldout": round(agreement(found, reference[1], halves == HELDOUT), 4),
        }
        print(f"{backend:10s} {json.dumps(figures[backend])}", flush=True)
    return figures


def tune(backends: list[str], sample: list[str], repeats: int) -> None:
    """Threads at the build's batch size, then batch sizes at the best thread count."""
    for backend in backends:
        speeds = {t: rate(_with_threads(backend, t), sample, None, repeats) for t in (1, 2)}
        for threads, speed in speeds.items():
            print(f"tune {backend:10s} threads {threads} default batch {speed:8.1f} passages/s")
        threads = max(speeds, key=speeds.get)
        embedder = _with_threads(backend, threads)
        for batch in (16, 32, 64, 128):  # 128: one batch per build call
            speed = rate(embedder, sample, batch, repeats)
            print(f"tune {backend:10s} threads {threads} batch {batch:4d} {speed:8.1f} passages/s",
                  flush=True)


def _with_threads(backend: str, threads: int):
    embedder = embedder_for(DEFAULT_MODEL, backend)
    embedder._active.threads = threads  # read when the session is created
    return embedder


def build_versus_raw(articles: list[Article], passages: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="qa-encoder-") as work:
        seeds = Path(work) / "seeds"
        seeds.mkdir()
        with open(seeds / "articles.jsonl", "w", encoding="utf-8") as out:
            for article in articles:
                out.write(json.dumps({"id": article.id, "title": article.title,
                                      "date": article.date, "text": article.text}) + "\n")
        embedder = embedder_for(DEFAULT_MODEL)
        raw = rate(embedder, passages, None, 1)  # the same passages the build embeds
        report = Engine(seeds, Path(work) / "index", embedder=embedder).build(full=True)
        built = report.chunks / report.seconds
        print(f"raw encode {embedder.name}: {raw:.1f} passages/s")
        print(f"full build {report.chunks} passages in {report.seconds:.1f} s: {built:.1f} passages/s")
        print(f"build / raw rate: {built / raw:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--articles", type=int, default=600)
    parser.add_argument("--questions", type=int, default=300)
    parser.add_argument("--sample", type=int, default=512, help="passages timed per run")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--build", action="store_true", help="also time a full build")
    parser.add_argument("--tune", nargs="*", choices=BACKENDS[:2], metavar="BACKEND",
                        help="sweep threads and batch sizes of these backends")
    parser.add_argument("--skip-compare", action="store_true")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        parser.error(f"{args.corpus} is not a folder")
    articles, passages, questions, halves = corpus_sample(args.corpus, args.articles, args.questions)
    sample = random.Random(SEED).sample(passages, min(args.sample, len(passages)))
    print(f"{len(articles)} articles, {len(passages)} passages, {len(questions)} questions "
          f"({halves.count(TUNE)} tuning, {halves.count(HELDOUT)} held-out); default {DEFAULT_BACKEND}")
    if args.tune:
        tune(args.tune, sample[: args.sample // 4 or 1], args.repeats)
    if not args.skip_compare:
        compare(passages, questions, halves, sample, args.repeats)
    if args.build:
        build_versus_raw(articles, passages)


if __name__ == "__main__":
    main()
