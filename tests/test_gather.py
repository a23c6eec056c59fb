"""A build reads only the files that changed; near-duplicates still fold across old and new."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import qa.articles
import qa.gather
from qa.engine import Engine

from .news_pages import STORY, news_page


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """Records the relative path of every file a build reads."""
    seen: list[str] = []
    original = qa.articles.read_file

    def counted(path, relative):
        seen.append(relative)
        return original(path, relative)

    monkeypatch.setattr(qa.articles, "read_file", counted)
    monkeypatch.setattr(qa.gather, "read_file", counted)
    return seen


def brief(folder: Path, name: str, title: str, body: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(f"{title}\n\n{body}\n", encoding="utf-8")


def engine_for(tmp_path: Path, embedder) -> Engine:
    return Engine(tmp_path / "seeds", tmp_path / "index", embedder=embedder, meetings=False)


def test_a_build_reads_only_new_and_changed_files(tmp_path, fake_embedder, reads):
    seeds = tmp_path / "seeds"
    brief(seeds, "a.txt", "Dock strike", "Dock workers in Skarn went on strike on Monday.")
    brief(seeds, "b.txt", "Ferry line", "The ferry line to Tolvik opened after ten years.")
    engine = engine_for(tmp_path, fake_embedder)
    engine.build()
    assert sorted(reads) == ["a.txt", "b.txt"]
    reads.clear()
    brief(seeds, "c.txt", "Bridge closed", "The old bridge closed for repairs in May.")
    report = engine.build()
    assert reads == ["c.txt"] and (report.added, report.unchanged) == (1, 2)
    reads.clear()
    brief(seeds, "a.txt", "Dock strike", "Dock workers in Skarn ended their strike on Friday.")
    report = engine.build()
    assert reads == ["a.txt"] and (report.updated, report.unchanged) == (1, 2)
    assert engine.search("strike ended Friday", k=1)[0].article == "a"
    assert sorted(engine.data.articles) == ["a", "b", "c"]
    (seeds / "b.txt").unlink()
    report = engine.build()
    assert report.removed == 1 and sorted(engine.data.articles) == ["a", "c"]


def test_a_file_touched_but_not_changed_is_read_and_kept(tmp_path, fake_embedder, reads):
    seeds = tmp_path / "seeds"
    brief(seeds, "a.txt", "Dock strike", "Dock workers in Skarn went on strike on Monday.")
    engine = engine_for(tmp_path, fake_embedder)
    engine.build()
    reads.clear()
    os.utime(seeds / "a.txt", ns=(1, 1))
    report = engine.build()
    assert reads == ["a.txt"] and (report.unchanged, report.embedded_chunks) == (1, 0)


def _courier(seeds: Path) -> None:
    seeds.mkdir(parents=True, exist_ok=True)
    (seeds / "courier.html").write_text(news_page(
        "Egypt and Jordan discuss Gaza ceasefire", STORY, published="2025-03-03"))


def _post(seeds: Path) -> None:
    (seeds / "post.html").write_text(news_page(
        "Egypt, Jordan talk Gaza truce", [*STORY, "Reporting by Jane Roe; Editing by John Doe"],
        published="2025-03-03", site="Evening Post", comments=False))


def test_a_copy_added_later_folds_into_the_story_already_indexed(tmp_path, fake_embedder, reads):
    seeds = tmp_path / "seeds"
    _courier(seeds)
    brief(seeds, "oslo.txt", "Ministers meet in Oslo", "Norway's minister met his Swedish counterpart.")
    engine = engine_for(tmp_path, fake_embedder)
    engine.build()
    reads.clear()
    _post(seeds)
    report = engine.build()
    assert sorted(reads) == ["courier.html", "post.html"]  # the look-alike is read again, not oslo
    assert report.duplicates == 1 and sorted(engine.data.articles) == ["courier", "oslo"]
    assert engine.data.articles["courier"].copies == ("Evening Post (post.html)",)

    reads.clear()
    report = engine.build()  # nothing changed: nothing read, the copy still folded
    assert reads == [] and report.duplicates == 1

    (seeds / "courier.html").unlink()  # the story kept goes: its copy is indexed in its place
    report = engine.build()
    assert reads == ["post.html"] and sorted(engine.data.articles) == ["oslo", "post"]
