"""IVF-PQ dense search for large collections: recall against exact search, and in the engine."""

from __future__ import annotations

import json
import random

import numpy as np

import qa.segments
from qa.ann import IVF_FILE, AnnPart, candidates, train_ivf
from qa.engine import Engine
from qa.retrieval import Filters
from qa.store import IndexStore


def clustered(rows: int, dimension: int = 384, topics: int = 40, seed: int = 3) -> np.ndarray:
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(topics, dimension))
    vectors = centres[rng.integers(topics, size=rows)] + 0.6 * rng.normal(size=(rows, dimension))
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def test_ivf_candidates_hold_nearly_all_of_the_exact_top_ten():
    vectors = clustered(3000)
    part = AnnPart(train_ivf(vectors), np.arange(len(vectors)))
    queries = clustered(50, seed=9)
    recall = []
    for query in queries:
        exact = set(np.argsort(-(vectors @ query))[:10])
        recall.append(len(exact & set(candidates([part], query))) / 10)
    assert np.mean(recall) >= 0.9


def test_dead_rows_never_come_back_from_an_ivf():
    vectors = clustered(1000)
    rows = np.arange(len(vectors))
    rows[::2] = -1  # every other row replaced since the segment was written
    found = candidates([AnnPart(train_ivf(vectors), rows)], vectors[0])
    assert len(found) and (found >= 0).all() and set(found) <= set(rows[rows >= 0])


def write_collection(folder, count: int) -> None:
    rng = random.Random(5)
    vocabulary = [f"word{i}" for i in range(3000)]
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "wire.jsonl", "w", encoding="utf-8") as out:
        for i in range(count):
            body = " ".join(rng.choice(vocabulary) for _ in range(25)) + "."
            out.write(json.dumps({"id": f"story{i}", "title": f"Story {i}", "body": body,
                                  "date": f"2021-01-{1 + i % 28:02d}"}) + "\n")


def test_an_ivf_index_is_recorded_kept_by_later_builds_and_finds_added_articles(
        tmp_path, fake_embedder, monkeypatch):
    monkeypatch.setattr(qa.segments, "IVF_MIN_ROWS", 200)  # a small collection, as a large one
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write_collection(seeds, 300)
    engine = Engine(seeds, index, embedder=fake_embedder, meetings=False, vector_index="ivf")
    engine.build()
    manifest = IndexStore(index).read_manifest()
    assert manifest["vectors"] == {"index": "ivf"}
    assert (index / "segments" / manifest["segments"][0]["name"] / IVF_FILE).exists()
    assert engine.data.ann

    (seeds / "extra.txt").write_text("Harbour news\n\nThe lighthouse keeper painted the harbour wall.\n")
    again = Engine(seeds, index, embedder=fake_embedder, meetings=False)  # no choice given: kept
    again.build()
    assert IndexStore(index).read_manifest()["vectors"] == {"index": "ivf"}
    top = again.search("lighthouse keeper painted the harbour wall", k=3)
    assert top[0].article == "extra"  # in a segment too small for an IVF: searched exactly
    story = again.data.articles["wire/story7"].text.split("\n\n")[-1]
    assert again.search(story, k=3)[0].article == "wire/story7"
    dated = again.search(story, k=3, filters=Filters(since="2021-01-08", until="2021-01-08"))
    assert dated[0].article == "wire/story7"
