"""Dense search past one machine's comfort: exact search against FAISS IVF-PQ and HNSW.

    nice .venv/bin/python benchmarks/scale.py [--vectors 1000000] [--queries 200]

Synthetic, seeded vectors shaped like sentence embeddings: 384-d, unit length, drawn around
4,096 Gaussian centres (sizes log-normal) that sit under 64 broad topics and share a common
direction; a passage departs from its centre along 32 directions of its topic plus a little
noise in every direction (embeddings have a low intrinsic dimension).
Queries are perturbed data rows (a question near a passage). Each method is asked, one query at
a time as the product does, for the 50 dense candidates the retriever takes (``CANDIDATES``);
recall@10 is against exact search. Figures: build/train seconds, index bytes, process RSS after
the build, query latency p50/p95, recall@10. Prints a table; asserts nothing.
"""

from __future__ import annotations

import argparse
import math
import resource
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from qa.retrieval import CANDIDATES  # noqa: E402

DIMENSION = 384
TOPICS = 64
CENTRES = 4096
CHUNK = 50_000  # rows generated at a time, to bound temporary memory
LOCAL_DIMENSION = 32
SPREAD = (0.1, 0.25)  # along the topic's directions: cosine to the centre ~0.55-0.9
NOISE = 0.01  # per coordinate, in every direction
QUERY_NOISE = 0.04
RECALL_AT = 10
RERANK = 200  # PQ candidates re-scored exactly from the stored vectors
PQ_BITS = 8
TRAIN_PER_LIST = 39  # faiss's own lower bound of training points per inverted list


@dataclass
class Row:
    method: str
    params: str
    build_s: float
    index_bytes: int
    rss_bytes: int
    p50_ms: float
    p95_ms: float
    recall: float


def unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=-1, keepdims=True)).astype(np.float32)


def synthetic(n: int, seed: int) -> np.ndarray:
    """``n`` unit vectors around log-normally sized centres, grouped under topics."""
    rng = np.random.default_rng(seed)
    common = unit(rng.standard_normal(DIMENSION))
    topics = unit(rng.standard_normal((TOPICS, DIMENSION)))
    of_topic = rng.integers(TOPICS, size=CENTRES)
    centres = unit(topics[of_topic] + 0.9 * unit(rng.standard_normal((CENTRES, DIMENSION))) + 0.35 * common)
    # Passages vary along a few directions of their topic (embeddings have a low intrinsic
    # dimension); isotropic noise alone would make every neighbour of a query about as near.
    bases = np.stack([np.linalg.qr(rng.standard_normal((DIMENSION, LOCAL_DIMENSION)))[0] for _ in range(TOPICS)])
    weights = rng.lognormal(0.0, 1.0, CENTRES)
    weights /= weights.sum()
    out = np.empty((n, DIMENSION), dtype=np.float32)
    for start in range(0, n, CHUNK):
        m = min(CHUNK, n - start)
        which = rng.choice(CENTRES, size=m, p=weights)
        spread = rng.uniform(*SPREAD, size=(m, 1)).astype(np.float32)
        local = spread * rng.standard_normal((m, LOCAL_DIMENSION), dtype=np.float32)
        x = centres[which] + NOISE * rng.standard_normal((m, DIMENSION), dtype=np.float32)
        for topic in range(TOPICS):
            rows = np.flatnonzero(of_topic[which] == topic)
            x[rows] += local[rows] @ bases[topic].T.astype(np.float32)
        out[start:start + m] = unit(x)
    return out


def near_queries(vectors: np.ndarray, count: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed + 1)
    rows = rng.choice(len(vectors), size=count, replace=False)
    noise = QUERY_NOISE * rng.standard_normal((count, DIMENSION), dtype=np.float32)
    return unit(vectors[rows] + noise)


def rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


def peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def exact_top(vectors: np.ndarray, query: np.ndarray, depth: int) -> np.ndarray:
    """What the product does today: one inner product over every row, then a partial sort."""
    scores = vectors @ query
    top = np.argpartition(-scores, depth - 1)[:depth]
    return top[np.argsort(-scores[top])]


def timed(search, queries: np.ndarray) -> tuple[list[np.ndarray], list[float]]:
    found, seconds = [], []
    for query in queries:
        start = time.perf_counter()
        found.append(search(query))
        seconds.append(time.perf_counter() - start)
    return found, seconds  # a small nprobe can find fewer than asked


def recall(found: list[np.ndarray], truth: np.ndarray) -> float:
    hits = [len(set(f[:RECALL_AT]) & set(t[:RECALL_AT])) for f, t in zip(found, truth)]
    return sum(hits) / (RECALL_AT * len(truth))


def row(method: str, params: str, build_s: float, index_bytes: int, found, seconds, truth) -> Row:
    p50, p95 = np.percentile(np.array(seconds) * 1000, [50, 95])
    return Row(method, params, build_s, index_bytes, rss(), float(p50), float(p95), recall(found, truth))


def run_exact(vectors: np.ndarray, queries: np.ndarray, depth: int) -> tuple[Row, np.ndarray]:
    found, seconds = timed(lambda q: exact_top(vectors, q, depth), queries)
    return row("exact", "numpy x @ q", 0.0, vectors.nbytes, found, seconds, found), np.stack(found)


def pq_search(index, vectors: np.ndarray, depth: int, rerank: bool):
    def search(query: np.ndarray) -> np.ndarray:
        _, ids = index.search(query[None, :], RERANK if rerank else depth)
        ids = ids[0][ids[0] >= 0]
        if not rerank:
            return ids[:depth]
        return ids[exact_top(vectors[ids], query, min(depth, len(ids)))]
    return search


def build_ivfpq(vectors: np.ndarray, nlist: int, m: int, seed: int) -> tuple[faiss.Index, float]:
    quantizer = faiss.IndexFlatIP(DIMENSION)
    index = faiss.IndexIVFPQ(quantizer, DIMENSION, nlist, m, PQ_BITS, faiss.METRIC_INNER_PRODUCT)
    index.cp.niter = 10  # coarse k-means: 10 rounds are near convergence on clustered data
    index.cp.seed = seed
    size = min(len(vectors), TRAIN_PER_LIST * nlist)
    sample = np.random.default_rng(seed + 2).choice(len(vectors), size, replace=False)
    start = time.perf_counter()
    index.train(vectors[np.sort(sample)])
    for first in range(0, len(vectors), CHUNK * 4):
        index.add(vectors[first:first + CHUNK * 4])
    return index, time.perf_counter() - start


def ivfpq_rows(vectors, queries, truth, depth, nlist, m, probes, seed) -> list[Row]:
    index, build_s = build_ivfpq(vectors, nlist, m, seed)
    size = faiss.serialize_index(index).nbytes
    rows = []
    for nprobe in probes:
        index.nprobe = nprobe
        for rerank in (False, True):
            found, seconds = timed(pq_search(index, vectors, depth, rerank), queries)
            label = f"IVF{nlist},PQ{m} nprobe={nprobe}" + (f" +exact re-rank {RERANK}" if rerank else "")
            rows.append(row("ivf-pq", label, build_s, size, found, seconds, truth))
    return rows


def hnsw_rows(vectors, queries, truth, depth, m, construction, efs) -> list[Row]:
    index = faiss.IndexHNSWFlat(DIMENSION, m, faiss.METRIC_INNER_PRODUCT)
    index.hnsw.efConstruction = construction
    start = time.perf_counter()
    for first in range(0, len(vectors), CHUNK * 4):
        index.add(vectors[first:first + CHUNK * 4])
    build_s = time.perf_counter() - start
    graph = index.hnsw
    size = vectors.nbytes + graph.neighbors.size() * 4 + graph.levels.size() * 4 + graph.offsets.size() * 8
    rows = []
    for ef in efs:
        index.hnsw.efSearch = max(ef, depth)
        found, seconds = timed(lambda q: index.search(q[None, :], depth)[1][0], queries)
        label = f"M={m} efConstruction={graph.efConstruction} efSearch={max(ef, depth)}"
        rows.append(row("hnsw", label, build_s, size, found, seconds, truth))
    return rows


def shape(vectors: np.ndarray, queries: np.ndarray, truth: np.ndarray) -> str:
    rng = np.random.default_rng(0)
    a, b = rng.integers(len(vectors), size=(2, 2000))
    pairs = float(np.mean(np.sum(vectors[a] * vectors[b], axis=1)))
    nearest = float(np.mean(np.sum(vectors[truth[:, 0]] * queries, axis=1)))
    tenth = float(np.mean(np.sum(vectors[truth[:, RECALL_AT - 1]] * queries, axis=1)))
    return f"cosine: random pairs {pairs:.2f}, query to its 1st neighbour {nearest:.2f}, to its 10th {tenth:.2f}"


def print_table(rows: list[Row]) -> None:
    print(f"{'method':<7} {'params':<44} {'build s':>8} {'index MB':>9} {'RSS MB':>7} "
          f"{'p50 ms':>7} {'p95 ms':>7} {'R@10':>6}")
    for r in rows:
        print(f"{r.method:<7} {r.params:<44} {r.build_s:>8.1f} {r.index_bytes / 2**20:>9.1f} "
              f"{r.rss_bytes / 2**20:>7.0f} {r.p50_ms:>7.2f} {r.p95_ms:>7.2f} {r.recall:>6.3f}")


def default_nlist(n: int) -> int:
    """About 4 sqrt(n) lists, a power of two, at most 4096 (1M rows: 4096)."""
    return max(16, min(4096, 2 ** round(math.log2(4 * math.sqrt(n)))))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--vectors", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--nlist", type=int, default=0, help="inverted lists (default: ~4 sqrt(N))")
    parser.add_argument("--pq", type=int, default=48, help="PQ sub-quantizers (bytes a vector)")
    parser.add_argument("--nprobe", default="8,16,32,64", help="empty skips IVF-PQ")
    parser.add_argument("--hnsw-m", type=int, default=32, help="0 skips HNSW")
    parser.add_argument("--ef-construction", type=int, default=100)
    parser.add_argument("--ef-search", default="50,100,200")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--threads", type=int, default=0, help="FAISS threads (default: all cores)")
    args = parser.parse_args()
    if args.threads:
        faiss.omp_set_num_threads(args.threads)
    depth = CANDIDATES
    nlist = args.nlist or default_nlist(args.vectors)

    start = time.perf_counter()
    vectors = synthetic(args.vectors, args.seed)
    queries = near_queries(vectors, args.queries, args.seed)
    print(f"{args.vectors:,} vectors x {DIMENSION} float32 generated in {time.perf_counter() - start:.1f} s; "
          f"{args.queries} queries, {depth} candidates a query, {faiss.omp_get_max_threads()} threads")
    exact, truth = run_exact(vectors, queries, depth)
    print(shape(vectors, queries, truth), flush=True)
    rows = [exact]
    if args.nprobe:
        rows += ivfpq_rows(vectors, queries, truth, depth, nlist, args.pq,
                           [int(p) for p in args.nprobe.split(",")], args.seed)
        print_table(rows)
    if args.hnsw_m:
        rows += hnsw_rows(vectors, queries, truth, depth, args.hnsw_m, args.ef_construction,
                          [int(e) for e in args.ef_search.split(",")])
    print()
    print_table(rows)
    print(f"peak RSS {peak_rss() / 2**20:,.0f} MB (vectors alone {vectors.nbytes / 2**20:,.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
