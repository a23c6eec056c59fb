"""Segments: a build writes only what changed; compaction, deep verification, resumed builds."""

import json
import signal

import numpy as np
import pytest

import qa.index_build
import qa.index_data
import qa.meetings_index
import qa.segments
import qa.store
from qa.engine import Engine
from qa.errors import IndexCorruptError
from qa.resume import EmbeddingScratch
from qa.retrieval import Filters
from qa.store import IndexStore

from .conftest import invoke
from .hashing import HashingEmbedder
from .processes import killed_when_ready
from .test_index import make_engine, write_article


def three_articles(seeds):
    write_article(seeds, "world/a.txt", "Alpha talks", "Update: 1 March 2021 10:00\n\nAlpha met Beta in Paris.")
    write_article(seeds, "world/b.txt", "Budget vote", "Update: 2 March 2021 10:00\n\nThe budget passed.")
    write_article(seeds, "sport/c.txt", "Cup final", "Update: 5 May 2022 10:00\n\nThe final was played in Rome.")


def segment_files(index):
    return {p: (p.stat().st_ino, p.stat().st_mtime_ns) for p in (index / "segments").rglob("*") if p.is_file()}


def test_an_added_article_writes_one_small_segment_and_leaves_the_rest(tmp_path, fake_embedder):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    three_articles(seeds)
    engine = make_engine(seeds, index, fake_embedder)
    engine.build()
    before = segment_files(index)
    write_article(seeds, "world/d.txt", "Dock strike", "Dock workers went on strike.")
    engine.build()
    after = segment_files(index)
    assert all(after[path] == stamp for path, stamp in before.items())  # not rewritten
    segments = IndexStore(index).read_manifest()["segments"]
    assert [(s["rows"], s["live"]) for s in segments] == [(3, 3), (1, 1)]
    assert sorted(engine.data.articles) == ["sport/c", "world/a", "world/b", "world/d"]


def test_updates_leave_dead_rows_until_compaction(tmp_path, fake_embedder, monkeypatch):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    three_articles(seeds)
    engine = make_engine(seeds, index, fake_embedder)
    engine.build()
    monkeypatch.setattr(qa.store, "MAX_DEAD_SHARE", 0.4)
    write_article(seeds, "world/b.txt", "Budget vote", "The budget failed on Wednesday.")
    engine.build()
    segments = IndexStore(index).read_manifest()["segments"]
    assert [(s["rows"], s["live"]) for s in segments] == [(3, 2), (1, 1)]
    assert [c.text for c in engine.data.chunks if c.article_id == "world/b"] == ["The budget failed on Wednesday."]

    # A segment left without live rows is dropped at once; 2 of the 4 rows left are dead.
    (seeds / "sport" / "c.txt").unlink()
    write_article(seeds, "world/b.txt", "Budget vote", "The budget failed again.")
    engine.build()
    [segment] = IndexStore(index).read_manifest()["segments"]
    assert (segment["rows"], segment["live"]) == (2, 2)
    assert len(list((index / "segments").iterdir())) == 1
    assert sorted(engine.data.articles) == ["world/a", "world/b"]


def test_compacted_index_answers_as_a_full_build_does(tmp_path, fake_embedder, monkeypatch):
    seeds = tmp_path / "seeds"
    monkeypatch.setattr(qa.store, "MAX_SEGMENTS", 3)
    engine = make_engine(seeds, tmp_path / "index", fake_embedder)
    topics = ["Paris talks", "Rome final", "Oslo strike", "Berlin budget"]
    for number, topic in enumerate(topics):
        write_article(seeds, f"n{number}.txt", topic, f"News from {topic}. Leaders met about {topic}.")
        engine.build()  # the fourth segment is one too many: all are merged into one
    assert len(IndexStore(tmp_path / "index").read_manifest()["segments"]) == 1
    full = make_engine(seeds, tmp_path / "full", fake_embedder)
    full.build()
    for question in ["Who met in Rome?", "budget", "strike in Oslo"]:
        vector = fake_embedder.encode([question])[0]
        got = [(p.article, p.start) for p in engine._retriever.search(vector, question, 3)]
        assert got == [(p.article, p.start) for p in full._retriever.search(vector, question, 3)]


def test_filters_see_only_live_rows_across_segments(tmp_path, fake_embedder):
    seeds = tmp_path / "seeds"
    three_articles(seeds)
    engine = make_engine(seeds, tmp_path / "index", fake_embedder)
    engine.build()
    write_article(seeds, "world/a.txt", "Alpha talks", "Update: 3 June 2022 10:00\n\nAlpha met Beta in Rome.")
    engine.build()
    search = engine._retriever.search
    vector = fake_embedder.encode(["Rome"])[0]
    assert {p.article for p in search(vector, "Rome", 5, Filters(since="2022-01-01"))} == {"world/a", "sport/c"}
    assert [p.text for p in search(vector, "Rome", 5, Filters(source="world/a"))] == ["Alpha met Beta in Rome."]
    assert search(vector, "Rome", 5, Filters(source="nowhere")) == []


def test_verify_finds_what_loading_does_not_read(runner, tmp_path, fake_embedder):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    three_articles(seeds)
    make_engine(seeds, index, fake_embedder).build()
    result = invoke(runner, "index", "verify", "--index", str(index))
    assert result.exit_code == 0 and "is sound" in result.stdout
    store = IndexStore(index)
    chunks = store.segments.path(store.read_manifest()["segments"][0]["name"]) / "chunks.jsonl"
    text = chunks.read_bytes()
    chunks.write_bytes(text.replace(b"Rome", b"Roma"))  # same size: a load does not notice
    store.load("hashing-384")
    with pytest.raises(IndexCorruptError, match="chunks.jsonl is missing, truncated or altered"):
        store.verify()


def test_loading_reads_no_checksum_and_copies_no_vectors(tmp_path, fake_embedder, monkeypatch):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    three_articles(seeds)
    make_engine(seeds, index, fake_embedder).build()
    monkeypatch.setattr("qa.segments.file_digest", lambda path: pytest.fail("hashed at load"))
    data = IndexStore(index).load("hashing-384")
    assert len(data.vectors) == 3 and all(isinstance(v, np.memmap) for v, _rows in data.vectors.parts)


class FailingEmbedder(HashingEmbedder):
    """Dies (like a killed build) after ``batches`` batches."""

    def __init__(self, batches):
        super().__init__()
        self.batches = batches

    def encode(self, texts, batch_size=64):
        if len(self.calls) == self.batches:
            raise KeyboardInterrupt
        return super().encode(texts, batch_size)


def many_articles(seeds, count=10):
    for number in range(count):
        write_article(seeds, f"a{number}.txt", f"Story {number}", f"Event number {number} happened in town {number}.")


def test_a_build_interrupted_mid_embedding_is_resumed(tmp_path, monkeypatch):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    many_articles(seeds)
    monkeypatch.setattr(qa.index_build, "EMBED_BATCH", 2)
    with pytest.raises(KeyboardInterrupt):
        Engine(seeds, index, embedder=FailingEmbedder(3), meetings=False).build()
    assert not IndexStore(index).exists()
    again = HashingEmbedder()
    report = Engine(seeds, index, embedder=again, meetings=False).build()
    assert again.embedded == 4 and report.resumed_chunks == 6 and report.embedded_chunks == 10
    assert not list(index.glob(".embeddings-*"))  # gone once committed
    fresh = HashingEmbedder()
    full = Engine(seeds, tmp_path / "full", embedder=fresh, meetings=False)
    full.build()
    resumed = IndexStore(index).load("hashing-384")
    assert np.array_equal(np.asarray(resumed.vectors), np.asarray(full.data.vectors))


def _build_killed_after(seeds, index, ready):
    class Slow(HashingEmbedder):
        def encode(self, texts, batch_size=64):
            if len(self.calls) == 2:
                ready.set()
                signal.pause()
            return super().encode(texts, batch_size)

    qa.index_build.EMBED_BATCH = 3
    Engine(seeds, index, embedder=Slow(), meetings=False).build()


def test_kill_9_mid_embedding_then_a_build_embeds_only_the_rest(tmp_path):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    many_articles(seeds)
    with killed_when_ready(_build_killed_after, str(seeds), str(index)):
        pass
    again = HashingEmbedder()
    report = Engine(seeds, index, embedder=again, meetings=False).build()
    assert (report.resumed_chunks, again.embedded) == (6, 4)


def test_a_torn_last_record_is_ignored(tmp_path):
    scratch = EmbeddingScratch(tmp_path, "m", 4)
    scratch.append([b"k" * 16, b"j" * 16], np.ones((2, 4), dtype=np.float32))
    with open(scratch.path, "ab") as handle:
        handle.write(b"half a record")
    assert sorted(scratch.read()) == [b"j" * 16, b"k" * 16]
    scratch.append([b"i" * 16], np.zeros((1, 4), dtype=np.float32))
    assert sorted(scratch.read()) == [b"i" * 16, b"j" * 16, b"k" * 16]


def test_a_compaction_that_fails_leaves_the_committed_build_with_a_warning(tmp_path, fake_embedder, monkeypatch):
    from qa.errors import IndexPathError

    seeds, index = tmp_path / "seeds", tmp_path / "index"
    three_articles(seeds)
    make_engine(seeds, index, fake_embedder).build()
    write_article(seeds, "d.txt", "Delta", "A fourth story about Lima.")
    monkeypatch.setattr(IndexStore, "needs_compaction", lambda self: True)

    def disk_full(self, model):
        raise IndexPathError(f"cannot write the index in {index}: the disk is full")

    monkeypatch.setattr(IndexStore, "compact", disk_full)
    engine = make_engine(seeds, index, fake_embedder)
    report = engine.build()
    assert "d" in engine.data.articles
    assert report.skipped == [f"compaction postponed to the next build: cannot write the index in {index}: the disk is full"]


def test_loading_parses_no_article_until_one_is_asked_for(tmp_path, fake_embedder, monkeypatch):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    three_articles(seeds)
    make_engine(seeds, index, fake_embedder).build()
    parsed = []
    original = qa.index_data.Article.from_dict
    monkeypatch.setattr(qa.index_data.Article, "from_dict", lambda data: parsed.append(data["id"]) or original(data))
    data = IndexStore(index).load(fake_embedder.name)
    assert len(data.articles) == 3 and len(data.chunks) == 3 and parsed == []
    row = [c for c in range(3) if data.chunks.article_ids[data.chunks.columns[c][0]] == "world/a"][0]
    assert data.chunks[row].text == "Alpha met Beta in Paris." and parsed == ["world/a"]
    assert data.articles["world/a"].title == "Alpha talks" and parsed == ["world/a"]  # cached


def test_segments_written_before_row_tables_still_load(tmp_path, fake_embedder):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    three_articles(seeds)
    engine = make_engine(seeds, index, fake_embedder)
    engine.build()
    expected = list(engine.data.chunks), dict(engine.data.articles)
    store = IndexStore(index)
    manifest_path = store.live_path() / qa.store.MANIFEST
    manifest = json.loads(manifest_path.read_text())
    for segment in manifest["segments"]:
        for name in (qa.segments.ROWS, qa.segments.ARTICLE_INDEX):
            (index / "segments" / segment["name"] / name).unlink()
            del segment["files"][name]
    manifest_path.write_text(json.dumps(manifest))
    data = store.load(fake_embedder.name)
    assert (list(data.chunks), dict(data.articles)) == expected


def test_a_loaded_index_still_reads_articles_after_compaction_removed_its_segments(tmp_path, fake_embedder):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    three_articles(seeds)
    make_engine(seeds, index, fake_embedder).build()
    data = IndexStore(index).load(fake_embedder.name)  # what an open chat holds
    IndexStore(index).compact(fake_embedder.name)  # a build elsewhere merges the segments ...
    assert not (index / "segments" / data.layout[0][0]).exists()  # ... and removes the old one
    assert data.articles["world/b"].text.endswith("The budget passed.")
    assert {c.text for c in data.chunks} >= {"Alpha met Beta in Paris."}


def test_vectors_of_several_segments_are_read_in_place_with_dead_rows_skipped(tmp_path, fake_embedder):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    three_articles(seeds)
    engine = make_engine(seeds, index, fake_embedder)
    engine.build()
    write_article(seeds, "world/b.txt", "Budget vote", "The budget failed on Wednesday.")  # row 1 dies
    write_article(seeds, "world/d.txt", "Dock strike", "Dock workers went on strike.")
    engine.build()
    data = engine.data
    assert len(data.vectors) == len(data.chunks) == 4 and data.vectors.shape == (4, fake_embedder.dimension)
    assert [rows is None for _v, rows in data.vectors.parts] == [False, True]  # segment 1 has a dead row
    stacked = np.asarray(data.vectors)
    query = stacked[2]
    assert np.allclose(data.vectors @ query, stacked @ query)
    assert np.allclose(data.vectors[np.array([3, 0, 2])], stacked[[3, 0, 2]])
    assert np.allclose(data.vectors[1], stacked[1])
    assert engine.search("budget failed Wednesday", k=1)[0].article == "world/b"


def test_meeting_records_extracted_before_an_interruption_are_kept(tmp_path, monkeypatch):
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    visits = [("Tony Blair", "Silvio Berlusconi", "Rome"), ("Gerhard Schroeder", "Jacques Chirac", "Paris"),
              ("Jose Aznar", "Romano Prodi", "Madrid"), ("Goran Persson", "Anders Rasmussen", "Stockholm"),
              ("Bertie Ahern", "Jan Balkenende", "Dublin"), ("Guy Verhofstadt", "Jean-Claude Juncker", "Brussels")]
    for number, (host, guest, city) in enumerate(visits):
        write_article(seeds, f"m{number}.txt", f"Talks in {city}",
                      f"Prime Minister {host} met {guest} in {city} on Monday to discuss trade.")
    monkeypatch.setattr(qa.meetings_index, "BATCH", 2)
    extracted: list[str] = []
    original = qa.meetings_index._add_records

    def counted(articles, nlp, records):
        extracted.extend(a.id for a in articles)
        if len(extracted) > 4:
            raise KeyboardInterrupt  # the build dies in its third batch
        return original(articles, nlp, records)

    monkeypatch.setattr(qa.meetings_index, "_add_records", counted)
    with pytest.raises(KeyboardInterrupt):
        Engine(seeds, index, embedder=HashingEmbedder(), meetings=True).build()
    assert list(index.glob(".meetings-*.partial"))
    extracted.clear()
    monkeypatch.setattr(qa.meetings_index, "_add_records", original)
    monkeypatch.setattr(qa.meetings_index, "_add_records",
                        lambda articles, nlp, records: extracted.extend(a.id for a in articles) or original(articles, nlp, records))
    engine = Engine(seeds, index, embedder=HashingEmbedder(), meetings=True)
    engine.build()
    assert extracted == ["m4", "m5"]  # the four done before are not parsed again
    assert sorted(engine.data.meetings) == [f"m{n}" for n in range(6)]
    assert not list(index.glob(".meetings-*.partial"))  # gone once committed
