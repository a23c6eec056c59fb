"""The index store and incremental builds, with the deterministic hashing embedder."""

import json
import time
from pathlib import Path

import numpy as np
import pytest

from qa.chunking import ChunkSettings
from qa.engine import Engine
from qa.errors import (
    BuildLockedError,
    IndexCorruptError,
    IndexIncompatibleError,
    IndexMissingError,
    NoArticlesError,
)
from qa.store import IndexStore

from .conftest import SEED_ID
from .processes import killed_when_ready


def write_article(folder: Path, name: str, title: str, body: str) -> None:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")


def make_engine(seeds: Path, index: Path, embedder) -> Engine:
    return Engine(seeds, index, embedder=embedder, meetings=False)


def test_build_writes_manifest_and_round_trips(seeds_copy, tmp_path, fake_embedder):
    engine = make_engine(seeds_copy, tmp_path / "index", fake_embedder)
    report = engine.build()
    assert (report.added, report.articles, report.chunks) == (1, 1, report.embedded_chunks)
    manifest = IndexStore(tmp_path / "index").read_manifest()
    assert manifest["model"] == {"name": "hashing-384", "dimension": 384}
    assert manifest["format_version"] == 2
    assert manifest["counts"] == {"articles": 1, "chunks": report.chunks}
    assert manifest["chunking"] == ChunkSettings().to_dict()
    assert set(manifest["articles"]) == {SEED_ID}
    assert len(manifest["articles"][SEED_ID]["hash"]) == 32
    assert manifest["created_at"]

    reloaded = make_engine(seeds_copy, tmp_path / "index", fake_embedder)
    reloaded.load()
    assert list(reloaded.data.chunks) == list(engine.data.chunks)
    assert (np.asarray(reloaded.data.vectors) == np.asarray(engine.data.vectors)).all()
    assert dict(reloaded.data.articles) == dict(engine.data.articles)
    assert reloaded.status().startswith("1 article · ")


def test_incremental_add_change_remove_embeds_only_what_changed(tmp_path, fake_embedder):
    seeds = tmp_path / "seeds"
    write_article(seeds, "a.txt", "Alpha talks", "Alpha met Beta in Paris. They talked.")
    write_article(seeds, "b.txt", "Budget vote", "The budget passed on Tuesday.")
    write_article(seeds, "c.txt", "Cup final", "The final was played in Rome.")
    engine = make_engine(seeds, tmp_path / "index", fake_embedder)
    first = engine.build()
    assert (first.added, first.embedded_chunks) == (3, 3)

    write_article(seeds, "d.txt", "Dock strike", "Dock workers went on strike.")  # add
    write_article(seeds, "b.txt", "Budget vote", "The budget failed on Wednesday.")  # change
    (seeds / "c.txt").unlink()  # remove
    fake_embedder.calls.clear()
    second = engine.build()
    assert (second.added, second.updated, second.removed, second.unchanged) == (1, 1, 1, 1)
    assert fake_embedder.embedded == 2  # only b and d
    assert sorted(engine.data.articles) == ["a", "b", "d"]
    assert [c.article_id for c in engine.data.chunks] == ["a", "b", "d"]
    # The reused vector still finds its own article.
    [hit] = engine._retriever.dense(fake_embedder.encode(["Alpha talks. Alpha met Beta in Paris. They talked."]), 1)
    assert engine.data.chunks[hit].article_id == "a"

    fake_embedder.calls.clear()
    third = engine.build()
    assert third.unchanged == 3 and fake_embedder.embedded == 0
    full = engine.build(full=True)
    assert full.embedded_chunks == 3 and fake_embedder.embedded == 3


def test_no_articles_is_a_clear_error(tmp_path, fake_embedder):
    (tmp_path / "empty").mkdir()
    engine = make_engine(tmp_path / "empty", tmp_path / "index", fake_embedder)
    with pytest.raises(NoArticlesError, match="no articles in .*empty"):
        engine.build()
    assert not (tmp_path / "index" / "CURRENT").exists()


def test_missing_index_error_names_the_command(tmp_path):
    with pytest.raises(IndexMissingError, match="qa index build"):
        IndexStore(tmp_path / "none").load("hashing-384")


def test_failed_write_leaves_previous_index_loadable(seeds_copy, tmp_path, fake_embedder, monkeypatch):
    index = tmp_path / "index"
    engine = make_engine(seeds_copy, index, fake_embedder)
    engine.build()
    before = IndexStore(index).read_manifest()["created_at"], (index / "CURRENT").read_text()

    write_article(seeds_copy, "new.txt", "New article", "Something new happened in Oslo.")
    import qa.segments

    def explode(*args, **kwargs):
        raise KeyboardInterrupt  # as if Ctrl-C arrived mid-write

    monkeypatch.setattr(qa.segments, "write_jsonl", explode)
    with pytest.raises(KeyboardInterrupt):
        engine.build()
    monkeypatch.undo()

    assert (index / "CURRENT").read_text() == before[1]
    assert not [p for p in index.rglob(".tmp-*")]
    assert len(list((index / "segments").iterdir())) == 1
    reloaded = make_engine(seeds_copy, index, fake_embedder)
    reloaded.load()
    assert sorted(reloaded.data.articles) == [SEED_ID]


def _build_then_hang(seeds: str, index: str, ready) -> None:
    """A build killed with SIGKILL while it writes the new generation."""
    import qa.segments
    from .hashing import HashingEmbedder

    original = qa.segments.write_jsonl

    def slow_write(path, rows):
        original(path, rows)
        ready.set()
        time.sleep(60)

    qa.segments.write_jsonl = slow_write
    Engine(seeds, index, embedder=HashingEmbedder(), meetings=False).build()


def test_kill_9_mid_build_keeps_old_index_and_releases_lock(seeds_copy, tmp_path, fake_embedder):
    index = tmp_path / "index"
    make_engine(seeds_copy, index, fake_embedder).build()
    write_article(seeds_copy, "new.txt", "New article", "Something new happened in Oslo.")
    with killed_when_ready(_build_then_hang, str(seeds_copy), str(index)):
        # While it runs, a second build is refused with a clear message.
        with pytest.raises(BuildLockedError, match="already running"):
            make_engine(seeds_copy, index, fake_embedder).build()
    old = make_engine(seeds_copy, index, fake_embedder)
    old.load()
    assert sorted(old.data.articles) == [SEED_ID]
    # The lock died with its holder: the next build runs and cleans up the leftovers.
    report = old.build()
    assert report.added == 1
    generations = [p.name for p in index.iterdir() if p.is_dir() and p.name != "segments"]
    assert len(generations) == 1 and generations[0].startswith("gen-")
    live = {s["name"] for s in IndexStore(index).read_manifest()["segments"]}
    assert {p.name for p in (index / "segments").iterdir()} == live


def test_index_built_with_another_model_is_refused(seeds_copy, tmp_path, fake_embedder):
    index = tmp_path / "index"
    make_engine(seeds_copy, index, fake_embedder).build()
    with pytest.raises(IndexIncompatibleError, match="built with model 'hashing-384'.*qa index build --full"):
        IndexStore(index).load("sentence-transformers/all-MiniLM-L6-v2")


def test_other_format_version_is_refused(seeds_copy, tmp_path, fake_embedder):
    index = tmp_path / "index"
    make_engine(seeds_copy, index, fake_embedder).build()
    store = IndexStore(index)
    manifest_path = store.live_path() / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["format_version"] = 99
    manifest_path.write_text(json.dumps(manifest))
    with pytest.raises(IndexIncompatibleError, match="format 99"):
        store.load("hashing-384")


def test_an_index_from_another_version_is_rebuilt_when_opened(seeds_copy, tmp_path, fake_embedder):
    index = tmp_path / "index"
    make_engine(seeds_copy, index, fake_embedder).build()
    manifest_path = IndexStore(index).live_path() / "manifest.json"
    manifest_path.write_text(json.dumps({**json.loads(manifest_path.read_text()), "format_version": 1}))
    engine = make_engine(seeds_copy, index, fake_embedder)
    engine.warm_up = lambda: None
    report = engine.load()
    assert report is not None and report.added == 1
    assert IndexStore(index).read_manifest()["format_version"] != 1
    assert sorted(engine.data.articles) == [SEED_ID]


@pytest.mark.parametrize("damage", ["truncate_vectors", "garbage_manifest", "delete_chunks", "bad_pointer"])
def test_corrupt_index_gives_one_clear_line(seeds_copy, tmp_path, fake_embedder, damage):
    index = tmp_path / "index"
    make_engine(seeds_copy, index, fake_embedder).build()
    store = IndexStore(index)
    live = store.live_path()
    [segment] = [store.segments.path(s["name"]) for s in store.read_manifest()["segments"]]
    if damage == "truncate_vectors":
        data = (segment / "vectors.npy").read_bytes()
        (segment / "vectors.npy").write_bytes(data[: len(data) // 2])
    elif damage == "garbage_manifest":
        (live / "manifest.json").write_text("{not json")
    elif damage == "delete_chunks":
        (segment / "chunks.jsonl").unlink()
    else:
        (index / "CURRENT").write_text("gen-does-not-exist\n")
    with pytest.raises(IndexCorruptError) as error:
        IndexStore(index).load("hashing-384")
    message = str(error.value)
    assert "damaged" in message and "qa index build --full" in message and "\n" not in message
    # A build repairs it.
    engine = make_engine(seeds_copy, index, fake_embedder)
    engine.build()
    IndexStore(index).load("hashing-384")


def test_filters_by_source_and_date(tmp_path, fake_embedder):
    from qa.retrieval import Filters

    seeds = tmp_path / "seeds"
    write_article(seeds, "world/a.txt", "Talks in Paris", "Update: 1 March 2021 10:00\n\nLeaders met in Paris.")
    write_article(seeds, "sport/b.txt", "Match in Paris", "Update: 5 May 2022 10:00\n\nThe team played in Paris.")
    engine = make_engine(seeds, tmp_path / "index", fake_embedder)
    engine.build()
    vector = fake_embedder.encode(["Paris"])[0]
    search = engine._retriever.search
    assert {p.article for p in search(vector, "Paris", 5)} == {"world/a", "sport/b"}
    assert [p.article for p in search(vector, "Paris", 5, Filters(source="sport"))] == ["sport/b"]
    assert [p.article for p in search(vector, "Paris", 5, Filters(since="2022-01-01"))] == ["sport/b"]
    assert [p.article for p in search(vector, "Paris", 5, Filters(until="2021-12-31"))] == ["world/a"]


def test_meeting_records_follow_incremental_builds(tmp_path, fake_embedder, monkeypatch):
    seeds = tmp_path / "seeds"
    write_article(seeds, "a.txt", "Talks in Paris",
                  "French President Jacques Chirac met German Chancellor Gerhard Schroeder in Paris on Monday.")
    write_article(seeds, "b.txt", "Budget vote", "The budget passed on Tuesday.")
    engine = Engine(seeds, tmp_path / "index", embedder=fake_embedder)
    engine.build()
    assert set(engine.data.meetings) == {"a"}
    [record] = engine.data.meetings["a"]
    assert {p["name"] for p in record["participants"]} == {"Jacques Chirac", "Gerhard Schroeder"}

    calls = []
    import qa.index_build

    original = qa.index_build.extract_records
    monkeypatch.setattr(qa.index_build, "extract_records",
                        lambda articles, *a, **kw: calls.append([x.id for x in articles]) or original(articles, *a, **kw))
    write_article(seeds, "c.txt", "Rome visit", "Prime Minister Tony Blair met Silvio Berlusconi in Rome.")
    (seeds / "a.txt").unlink()
    engine.build()
    assert calls == [["c"]]  # only the new article is read for meetings
    assert set(engine.data.meetings) == {"c"}

    embedded_before = fake_embedder.embedded
    monkeypatch.setattr(qa.index_build, "EXTRACTOR_VERSION", 999)  # a newer extractor redoes all records
    engine.build()
    assert calls[-1] == ["b", "c"]
    assert fake_embedder.embedded == embedded_before  # ... without re-embedding anything
