"""Build and query benchmark over a corpus folder. Prints figures; asserts nothing.

    nice .venv/bin/python benchmarks/build_and_query.py ../shared/corpora/bbc [--questions 100]

The corpus is copied to a temporary folder so that one article can be touched. Figures:
  full build: passages/s, and its ratio to each encoder backend's raw rate on the same passages;
  incremental add of one article (a fresh process, as `qa index build` runs): seconds, peak RSS,
    bytes written;
  BM25 over every passage rebuilt from its terms (what a single global BM25 would cost an add);
  index load (a fresh process, no model): seconds and RSS;
  query p50/p95 split into encode, retrieve (and retrieve with a --since filter), answer;
  resume: a build killed (SIGKILL) at 80 % of its embedding, then the build that finishes it.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qa.chunking import embedding_text  # noqa: E402
from qa.embedding import DEFAULT_MODEL, embedder_for  # noqa: E402
from qa.engine import Engine  # noqa: E402
from qa.index_build import EMBED_BATCH  # noqa: E402
from qa.retrieval import Filters, indexed_terms  # noqa: E402
from qa.segments import keyword_index  # noqa: E402
from qa.store import IndexStore  # noqa: E402

KILLED_AT = "killed-at"
STEPS = ("build", "add", "load", "query", "ivf", "resume")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def memory_mb(field: str) -> float:
    """VmRSS (now) or VmHWM (peak) of this process; unlike ru_maxrss, not inherited at exec."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return 0.0


# ----- steps run in a fresh process, so that their memory is their own --------------------------

def child(step: str, seeds: Path, index: Path, meetings: bool) -> None:
    if step == "load":
        import bm25s  # noqa: F401 - what any process that searches imports: not index memory
        from qa.retrieval import HybridRetriever

        before = memory_mb("VmRSS")
        t = time.perf_counter()
        data = IndexStore(index).load(embedder_for(DEFAULT_MODEL).name)
        retriever = HybridRetriever(data)
        seconds = time.perf_counter() - t
        loaded = memory_mb("VmRSS")
        query = np.random.default_rng(1).normal(size=data.vectors.shape[1]).astype(np.float32)
        retriever.search(query / np.linalg.norm(query), "minister talks trade deal", k=5)
        print(json.dumps({"seconds": seconds, "imports_mb": before, "rss_mb": loaded,
                          "searched_mb": memory_mb("VmRSS"), "peak_mb": memory_mb("VmHWM")}))
        return
    started = time.perf_counter()
    embedder = embedder_for(DEFAULT_MODEL)
    embedder.load()  # the models load before the clock starts: the encoder, and spaCy
    if meetings:
        from qa.nlp import load_nlp

        load_nlp()
    models = time.perf_counter() - started
    engine = Engine(seeds, index, embedder=embedder, meetings=meetings)

    def progress(done: int, total: int, stage: str) -> None:
        if step == "build-until-80" and stage == "embedding passages" and total and done >= 0.8 * total:
            print(KILLED_AT, done, total, flush=True)
            signal.pause()  # the parent kills this process here

    report = engine.build(progress=progress)
    print(json.dumps({"seconds": report.seconds, "models": models, "peak_mb": memory_mb("VmHWM"),
                      "embedded": report.embedded_chunks,
                      "resumed": report.resumed_chunks, "chunks": report.chunks}))


def run_child(step: str, seeds: Path, index: Path, meetings: bool = True) -> dict:
    command = [sys.executable, __file__, "--child", step, str(seeds), "--index", str(index)]
    if not meetings:
        command.append("--no-meetings")
    result = subprocess.run(command, capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def kill_at_80(seeds: Path, index: Path, meetings: bool) -> str:
    command = [sys.executable, __file__, "--child", "build-until-80", str(seeds), "--index", str(index)]
    if not meetings:
        command.append("--no-meetings")
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        for line in process.stdout:
            if line.startswith(KILLED_AT):
                process.send_signal(signal.SIGKILL)
                process.wait()
                return line.strip()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return "the build ended before 80 %"


# ----- the benchmark ----------------------------------------------------------------------------

def full_build(engine: Engine, embedder, raw_encoder: bool) -> None:
    report = engine.build()
    data = engine.data
    print(f"articles                  {report.articles:8d}")
    print(f"passages                  {report.chunks:8d}")
    print(f"meeting records           {sum(len(v) for v in data.meetings.values()):8d}")
    print(f"full build                {report.seconds:8.2f} s  ({report.chunks / report.seconds:.1f} passages/s)")
    if not raw_encoder:
        return
    texts = [embedding_text(data.articles[c.article_id], c) for c in data.chunks]
    ordered = sorted(texts, key=len)  # as the build feeds them
    # The build's own backend, then the others (int8 is faster, but does not agree closely
    # enough with torch to be the default: qa/embedding.py).
    others = [name for name in ("onnx-int8", "onnx-fp32", "torch") if not embedder.name.endswith(name)]
    for backend in [None, *others]:
        encoder = embedder if backend is None else embedder_for(DEFAULT_MODEL, backend)
        encoder.encode(ordered[:EMBED_BATCH], batch_size=EMBED_BATCH)  # loaded and warm
        t = time.perf_counter()
        for start in range(0, len(ordered), EMBED_BATCH):
            encoder.encode(ordered[start : start + EMBED_BATCH], batch_size=EMBED_BATCH)
        raw = time.perf_counter() - t
        print(f"raw encoder {encoder.name.split()[-1]:<13} {raw:8.2f} s  ({len(texts) / raw:.1f} passages/s); "
              f"build rate / this rate {raw / report.seconds:.2f}x")


def incremental(seeds: Path, index: Path, engine: Engine, meetings: bool) -> None:
    files = sorted(seeds.rglob("*.txt"))
    victim = files[len(files) // 2]
    victim.write_text(victim.read_text(encoding="utf-8") + "\nAn added closing line.\n", encoding="utf-8")
    before = {p.name for p in (index / "segments").iterdir()}
    figures = run_child("build", seeds, index, meetings)
    written = sum(f.stat().st_size for p in (index / "segments").iterdir() if p.name not in before
                  for f in p.rglob("*") if f.is_file())
    print(f"add 1 article (process)   {figures['seconds']:8.2f} s  + {figures['models']:.2f} s loading the models; "
          f"peak RSS {figures['peak_mb']:.0f} MB (models included), {figures['embedded']} passages embedded, "
          f"{written / 1024:.0f} KiB written")
    data = IndexStore(index).load(engine.embedder.name)
    t = time.perf_counter()
    keyword_index(indexed_terms(data.chunks, data.read_terms(), data.articles, True))
    print(f"BM25 over all passages    {time.perf_counter() - t:8.2f} s  (what one global BM25 costs an add)")


def load(seeds: Path, index: Path) -> None:
    figures = run_child("load", seeds, index)
    print(f"index load (process)      {figures['seconds']:8.2f} s  RSS {figures['rss_mb']:.0f} MB "
          f"(peak {figures['peak_mb']:.0f} MB); imports alone {figures['imports_mb']:.0f} MB")
    print(f"index memory              {figures['searched_mb'] - figures['imports_mb']:8.0f} MB  "
          f"(RSS after one search {figures['searched_mb']:.0f} MB, less the imports; no models)")


def queries(engine: Engine, count: int) -> None:
    data = engine.data
    rng = random.Random(7)
    picked = rng.sample(list(data.articles.values()), min(count, len(data.articles)))
    questions = [f"What happened: {article.title}?" for article in picked]
    dates = sorted(a.date for a in data.articles.values() if a.date)
    since = Filters(since=dates[len(dates) // 2]) if dates else Filters()
    engine.ask(questions[0])  # warm-up: lazy pieces (spaCy, answerer) load once
    answerer, retriever = engine._get_answerer(), engine._retriever
    times: dict[str, list[float]] = {"encode": [], "retrieve": [], "answer": [], "total": [], "retrieve --since": []}
    for question in questions:
        t0 = time.perf_counter()
        resolved = answerer.resolve(question, ())
        vector = engine.embedder.encode([resolved])[0]
        t1 = time.perf_counter()
        passages = retriever.search(vector, resolved, k=5)
        t2 = time.perf_counter()
        answerer.answer(resolved, passages, data)
        t3 = time.perf_counter()
        retriever.search(vector, resolved, k=5, filters=since)
        t4 = time.perf_counter()
        for name, seconds in (("encode", t1 - t0), ("retrieve", t2 - t1), ("answer", t3 - t2),
                              ("total", t3 - t0), ("retrieve --since", t4 - t3)):
            times[name].append(seconds * 1000)
    print(f"questions                 {len(questions):8d}")
    for name, values in times.items():
        print(f"query {name:<19} p50 {statistics.median(values):7.1f} ms  p95 {percentile(values, 0.95):7.1f} ms")


def ivf_agreement(engine: Engine, count: int) -> None:
    """IVF-PQ (qa.ann, as `--vector-index ivf` builds it) against exact search on this index:
    top-10 agreement and dense search time, for the same kind of questions as above."""
    from qa.ann import AnnPart, candidates, train_ivf

    data = engine.data
    vectors = np.asarray(data.vectors)
    t = time.perf_counter()
    part = AnnPart(train_ivf(vectors), np.arange(len(vectors)))
    print(f"IVF-PQ training            {time.perf_counter() - t:8.2f} s  ({len(vectors)} vectors)")
    rng = random.Random(11)
    picked = rng.sample(list(data.articles), min(count, len(data.articles)))
    queries = engine.embedder.encode([f"What happened: {data.articles[a].title}?" for a in picked])
    agreement, exact_ms, ivf_ms = [], [], []
    for query in queries:
        t0 = time.perf_counter()
        exact = np.argsort(-(vectors @ query))[:10]
        t1 = time.perf_counter()
        rows = candidates([part], query)
        found = rows[np.argsort(-(vectors[rows] @ query))[:10]]
        t2 = time.perf_counter()
        agreement.append(len(set(exact) & set(found)) / 10)
        exact_ms.append((t1 - t0) * 1000)
        ivf_ms.append((t2 - t1) * 1000)
    print(f"IVF-PQ recall@10           {statistics.mean(agreement):8.3f}  (vs exact, {len(queries)} questions)")
    print(f"dense exact / IVF-PQ       p50 {statistics.median(exact_ms):.1f} / {statistics.median(ivf_ms):.1f} ms"
          f"  p95 {percentile(exact_ms, 0.95):.1f} / {percentile(ivf_ms, 0.95):.1f} ms")


def resume(seeds: Path, work: Path, meetings: bool) -> None:
    index = work / "resume-index"
    print(f"kill -9 during embedding  {kill_at_80(seeds, index, meetings)}")
    figures = run_child("build", seeds, index, meetings=meetings)
    print(f"resumed build             {figures['seconds']:8.2f} s  ({figures['resumed']} of "
          f"{figures['chunks']} passages resumed, meetings {'on' if meetings else 'off'})")


def copy_corpus(corpus: Path, seeds: Path, limit: int | None) -> None:
    files = sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix in (".txt", ".md", ".jsonl"))
    for path in files[:limit]:
        target = seeds / path.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--no-meetings", action="store_true", help="skip meeting extraction")
    parser.add_argument("--limit", type=int, help="only the first N article files (sorted by path)")
    parser.add_argument("--steps", default=",".join(STEPS), help=f"some of {','.join(STEPS)}")
    parser.add_argument("--no-raw", action="store_true", help="build without the raw-encoder comparison")
    parser.add_argument("--work", type=Path, help="keep the copied corpus and index here; "
                        "a later run with --steps add,load,query reuses them")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return child(args.child, args.corpus, args.index, not args.no_meetings)
    if not args.corpus.is_dir():
        parser.error(f"{args.corpus} is not a folder")
    steps = set(args.steps.split(","))
    if steps - set(STEPS):
        parser.error(f"unknown step(s) {', '.join(sorted(steps - set(STEPS)))}; choose from {','.join(STEPS)}")
    work = args.work or Path(tempfile.mkdtemp(prefix="qa-bench-"))
    try:
        seeds = work / "seeds"
        if not seeds.exists():
            copy_corpus(args.corpus, seeds, args.limit)
        embedder = embedder_for(DEFAULT_MODEL)  # the default backend ($QA_ENCODER picks another)
        t = time.perf_counter()
        embedder.load()
        print(f"encoder                   {embedder.name}")
        print(f"model load                {time.perf_counter() - t:8.2f} s")
        engine = Engine(seeds, work / "index", embedder=embedder, meetings=not args.no_meetings)
        if "build" in steps:
            full_build(engine, embedder, raw_encoder=not args.no_raw)
        elif steps & {"add", "query", "ivf"}:
            engine.load_index()
        if "add" in steps:
            incremental(seeds, work / "index", engine, not args.no_meetings)
        if "load" in steps:
            load(seeds, work / "index")
        if "query" in steps:
            engine.load_index()
            queries(engine, args.questions)
        if "ivf" in steps:
            ivf_agreement(engine, args.questions)
        if "resume" in steps:
            resume(seeds, work, not args.no_meetings)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
