"""Builds over hostile folders: one bad article is skipped with one warning, the rest is indexed."""

import errno
import json
import os
import random
from pathlib import Path

import pytest

import qa.index_build
import qa.meetings
import qa.meetings_index
from .hashing import HashingEmbedder
from qa.articles import MAX_ARTICLE_CHARS
from qa.engine import Engine
from qa.errors import IndexPathError, NoArticlesError, SeedsFolderError
from qa.store import IndexStore
from qa.text import MAX_SENTENCE_CHARS
from tests.filler import varied_words


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def good_articles(seeds: Path, count: int = 2) -> list[str]:
    for n in range(count):
        write(seeds, f"good{n}.txt", f"Good news {n}\n\nMinister {n} met the mayor in Paris on Monday.\n")
    return [f"good{n}" for n in range(count)]


@pytest.fixture
def no_spacy(monkeypatch):
    """Meeting extraction without the parser: every article reports no meetings."""
    monkeypatch.setattr(qa.meetings_index, "load_nlp", lambda: None)
    monkeypatch.setattr(qa.meetings, "extract_meetings_many", lambda articles, nlp=None: {})


class PoisonedEmbedder(HashingEmbedder):
    def encode(self, texts, batch_size=64):
        if any("POISON" in text for text in texts):
            raise ValueError("cannot embed this")
        return super().encode(texts, batch_size)


@pytest.mark.parametrize("stage", ["chunking", "embedding", "finding meetings"])
def test_an_article_failing_at_any_stage_is_skipped_with_one_warning(tmp_path, monkeypatch, no_spacy, stage):
    seeds = tmp_path / "seeds"
    good = good_articles(seeds)
    write(seeds, "bad.txt", "Bad one\n\nThis POISON article breaks a stage.\n")
    if stage == "chunking":
        original = qa.index_build.chunk_article
        monkeypatch.setattr(qa.index_build, "chunk_article", lambda article, settings: (
            1 / 0 if article.id == "bad" else original(article, settings)))
    if stage == "finding meetings":
        def extract(articles, nlp=None):
            if any(a.id == "bad" for a in articles):
                raise RuntimeError("parser crashed")
            return {}
        monkeypatch.setattr(qa.meetings, "extract_meetings_many", extract)
    heard: list[str] = []
    embedder = PoisonedEmbedder() if stage == "embedding" else HashingEmbedder()
    engine = Engine(seeds, tmp_path / "index", embedder=embedder)
    report = engine.build(on_warning=heard.append)
    assert sorted(engine.data.articles) == good
    assert report.articles == 2 and report.added == 2
    [warning] = report.skipped
    assert warning.startswith(f"skipped bad (bad.txt): {stage} failed: ")
    assert heard == report.skipped and "1 warning" in report.summary()


def test_warnings_stream_before_the_build_ends(tmp_path, no_spacy):
    seeds = tmp_path / "seeds"
    good_articles(seeds)
    (seeds / "broken.txt").write_bytes(b"\x00\x01" * 50)
    embedded_at_warning: list[int] = []
    embedder = HashingEmbedder()
    engine = Engine(seeds, tmp_path / "index", embedder=embedder)
    engine.build(on_warning=lambda message: embedded_at_warning.append(embedder.embedded))
    assert embedded_at_warning == [0]  # heard while reading, before any embedding


def test_two_megabyte_sentence_with_a_meeting_word_reaches_spacy_in_bounded_pieces(tmp_path, monkeypatch):
    real = qa.meetings_index.load_nlp()
    seen: list[int] = []

    class Recording:
        def pipe(self, texts, **options):
            texts = list(texts)
            seen.extend(len(t) for t in texts)
            return real.pipe(texts, **options)

    monkeypatch.setattr(qa.meetings_index, "load_nlp", Recording)
    seeds = tmp_path / "seeds"
    write(seeds, "big.txt", "Big one\n\nThe ministers met in Paris on Monday " + varied_words(40_000) + ".\n")
    write(seeds, "small.txt", "Small one\n\nJacques Chirac met Gerhard Schroeder in Paris.\n")
    engine = Engine(seeds, tmp_path / "index", embedder=HashingEmbedder())
    report = engine.build()
    assert sorted(engine.data.articles) == ["big", "small"]
    assert report.skipped == [f"big.txt: cut to its first {MAX_ARTICLE_CHARS:,} characters"]
    assert seen and max(seen) <= MAX_SENTENCE_CHARS
    assert max(len(c.text) for c in engine.data.chunks) <= MAX_SENTENCE_CHARS
    assert "small" in engine.data.meetings


def test_lone_surrogates_and_non_utf8_names_build_and_load_back(tmp_path, no_spacy):
    seeds = tmp_path / "seeds"
    write(seeds, "wire.jsonl", '{"id": "x\\udc80", "title": "T \\ud800", "body": "They met \\udfff here."}\n')
    name = os.fsdecode(b"caf\xe9.txt")
    try:
        write(seeds, name, "Caf\u00e9 talks\n\nThey met at the caf\u00e9.\n")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses file names that are not UTF-8")
    Engine(seeds, tmp_path / "index", embedder=HashingEmbedder()).build()
    reloaded = Engine(seeds, tmp_path / "index", embedder=HashingEmbedder())
    reloaded.load_index()
    assert sorted(reloaded.data.articles) == ["caf\\xe9", "wire/x\ufffd"]
    # A second build finds everything unchanged: the stored names round-trip.
    assert reloaded.build().unchanged == 2


def test_missing_seeds_folder_says_it_does_not_exist(tmp_path):
    engine = Engine(tmp_path / "nope", tmp_path / "index", embedder=HashingEmbedder())
    with pytest.raises(SeedsFolderError, match="does not exist"):
        engine.build()
    write(tmp_path, "file.txt", "x")
    with pytest.raises(SeedsFolderError, match="is a file"):
        Engine(tmp_path / "file.txt", tmp_path / "index", embedder=HashingEmbedder()).build()


def test_all_articles_failing_is_one_clear_error(tmp_path, no_spacy):
    seeds = tmp_path / "seeds"
    write(seeds, "bad.txt", "Bad one\n\nThis POISON article breaks a stage.\n")
    with pytest.raises(NoArticlesError, match="could be indexed"):
        Engine(seeds, tmp_path / "index", embedder=PoisonedEmbedder()).build()


def test_index_path_that_is_a_file(tmp_path, no_spacy):
    good_articles(tmp_path / "seeds")
    write(tmp_path, "index", "not a folder")
    with pytest.raises(IndexPathError, match="is a file, not an index folder"):
        Engine(tmp_path / "seeds", tmp_path / "index", embedder=HashingEmbedder()).build()


@pytest.mark.parametrize("code, words", [(errno.EROFS, "read-only"), (errno.EACCES, "permission denied")])
def test_unwritable_index_folder(tmp_path, monkeypatch, no_spacy, code, words):
    good_articles(tmp_path / "seeds")
    (tmp_path / "index").mkdir()

    def refuse(path, mode, *a, **kw):
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr("qa.store_files.open", refuse, raising=False)  # the lock file cannot be opened
    with pytest.raises(IndexPathError, match=words):
        Engine(tmp_path / "seeds", tmp_path / "index", embedder=HashingEmbedder()).build()


@pytest.mark.skipif(os.geteuid() == 0, reason="permissions do not bind root")
def test_read_only_index_folder_for_real(tmp_path, no_spacy):
    good_articles(tmp_path / "seeds")
    (tmp_path / "index").mkdir(mode=0o555)
    with pytest.raises(IndexPathError, match="permission denied"):
        Engine(tmp_path / "seeds", tmp_path / "index", embedder=HashingEmbedder()).build()


def test_disk_full_during_the_write_keeps_the_old_index(tmp_path, monkeypatch, no_spacy):
    seeds = tmp_path / "seeds"
    good_articles(seeds)
    Engine(seeds, tmp_path / "index", embedder=HashingEmbedder()).build()
    write(seeds, "more.txt", "More\n\nAnother minister met the mayor.\n")

    def full_disk(*args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("qa.segments.write_jsonl", full_disk)
    with pytest.raises(IndexPathError, match="no space left.*previous index is unchanged"):
        Engine(seeds, tmp_path / "index", embedder=HashingEmbedder()).build()
    assert [p.name for p in (tmp_path / "index").iterdir() if p.name.startswith(".tmp")] == []
    monkeypatch.undo()
    old = Engine(seeds, tmp_path / "index", embedder=HashingEmbedder())
    old.load_index()
    assert sorted(old.data.articles) == ["good0", "good1"]


def _hostile_file(rng: random.Random) -> tuple[str, bytes]:
    kind = rng.randrange(9)
    size = rng.choice([1, 10, 1000, 50_000])
    if kind == 0:
        return "bytes.txt", bytes(rng.randrange(256) for _ in range(size))
    if kind == 1:
        depth = rng.choice([10, 5000, 50_000])
        return "deep.jsonl", ('{"body": ' + "[" * depth + "]" * depth + "}\n").encode()
    if kind == 2:
        text = "".join(chr(rng.choice([rng.randrange(32), 0x1B, 0x9B, 0x202E, 0xD800 - 1])) for _ in range(size))
        return "controls.txt", ("Head\n\n" + text).encode("utf-8", "replace")
    if kind == 3:
        return "markup.md", f"# [bold]x[/] {'[link=x]' * size}\n\nBody [red]text[/red] met.".encode()
    if kind == 4:
        return "utf16.txt", ("Head\n\n" + "Talks went on " * size).encode(rng.choice(["utf-16", "utf-32"]))
    if kind == 5:
        record = {"id": rng.choice([None, 5, [1], {"a": 1}, "x" * 500]), "title": rng.choice([None, 3, [], "T"]),
                  "body": rng.choice(["", None, 7, ["list"], "Valid body text."]), "date": rng.choice([[], "soon", 1])}
        return "fields.jsonl", (json.dumps(record) + "\n" + '{"body": "\\ud800"}\n' + "[1,2]\n").encode()
    if kind == 6:
        return "runon.txt", ("Head\n\n" + "met " * (size * 20)).encode()
    if kind == 7:
        return "latin.txt", ("Caf\xe9 news\n\n" + "d\xe9j\xe0 vu " * size).encode("cp1252")
    return "empty.txt", b" \n" * rng.randrange(3)


def test_seeded_fuzz_folder_builds_and_keeps_the_good_articles(tmp_path, no_spacy):
    rng = random.Random(12)
    seeds = tmp_path / "seeds"
    good = good_articles(seeds, 5)
    for number in range(120):
        name, data = _hostile_file(rng)
        (seeds / f"h{number:03d}-{name}").write_bytes(data)
    heard: list[str] = []
    engine = Engine(seeds, tmp_path / "index", embedder=HashingEmbedder())
    report = engine.build(on_warning=heard.append)
    assert set(good) <= set(engine.data.articles)
    assert heard == report.skipped and all("\n" not in w for w in heard)
    # One line a file, however many things were wrong with it (re-decoded and then skipped).
    per_file = {}
    for warning in heard:
        key = warning.removeprefix("skipped ").split(":")[0].split(" ")[0]
        per_file[key] = per_file.get(key, 0) + 1
    assert max(per_file.values()) == 1
    assert IndexStore(tmp_path / "index").exists()
