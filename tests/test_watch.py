"""A living index: `qa index watch` rebuilds on changes; the engine, the chat and `qa mcp`
switch to a newer index without a restart and never stop answering meanwhile."""

import threading
import time
from pathlib import Path

from textual.widgets import Input

from qa.engine import Engine
from qa.models import changes_text
from qa.store import IndexStore
from qa.ui import create_app
from qa.watch import watch_articles

from .fakes import FakeEngine
from .hashing import HashingEmbedder
from .ui_helpers import SIZE, WHO, notices, settle, texts, wait_for


def article(folder: Path, name: str, title: str, body: str) -> None:
    (folder / f"{name}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")


def indexed(index: Path) -> set[str]:
    try:
        return set(IndexStore(index).read_manifest()["articles"])
    except Exception:  # noqa: BLE001 - not written yet
        return set()


def until(predicate, timeout: float = 15.0) -> None:
    end = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < end, "condition never became true"
        time.sleep(0.05)


def test_changes_text():
    assert changes_text(2, 1, 0) == "2 new articles, 1 changed"
    assert changes_text(1, 0, 3) == "1 new article, 3 removed"
    assert changes_text(0, 0, 0) == "no article changed"


def test_watch_rebuilds_when_articles_change(seeds_copy, tmp_path):
    index = tmp_path / "index"
    engine = Engine(seeds_copy, index, embedder=HashingEmbedder(), meetings=False)
    said: list[str] = []
    stop = threading.Event()
    watcher = threading.Thread(target=watch_articles, args=(engine, said.append, stop),
                               kwargs={"quiet_ms": 50}, daemon=True)
    watcher.start()
    try:
        until(lambda: any(line.startswith("watching") for line in said))
        assert said[0].startswith(f"index {index} up to date: 1 article (1 new article)")
        article(seeds_copy, "oslo", "Talks in Oslo", "The mayors met in Oslo on Monday.")
        article(seeds_copy, "bergen", "Talks in Bergen", "The mayors met in Bergen on Friday.")
        until(lambda: {"oslo", "bergen"} <= indexed(index))
        until(lambda: any(line.startswith("2 new articles") for line in said))
        article(seeds_copy, "oslo", "Talks in Oslo", "The mayors met in Oslo on Tuesday.")
        (seeds_copy / "notes.tmp").write_text("not an article")
        until(lambda: any(line.startswith("1 changed") for line in said))
    finally:
        stop.set()
        watcher.join(timeout=10)
    assert not watcher.is_alive()
    assert not any(line.startswith("error") for line in said)


def test_engine_switches_to_a_newer_index(seeds_copy, tmp_path):
    index = tmp_path / "index"
    reader = Engine(seeds_copy, index, embedder=HashingEmbedder(), meetings=False)
    reader.build()
    assert reader.refresh() is None
    article(seeds_copy, "oslo", "Talks in Oslo", "The mayors met in Oslo on Monday.")
    Engine(seeds_copy, index, embedder=HashingEmbedder(), meetings=False).build()
    assert "oslo" not in reader.data.articles  # until it looks
    assert reader.refresh() == "1 new article"
    assert "oslo" in reader.data.articles and reader.refresh() is None


class IndexOnly(Engine):
    """The real engine without the answer models, for a chat that only has to load the index."""

    def warm_up(self) -> None:
        pass


async def test_chat_switches_to_a_newer_index_with_a_notice(seeds_copy, tmp_path):
    index = tmp_path / "index"
    engine = IndexOnly(seeds_copy, index, embedder=HashingEmbedder(), meetings=False)
    app = create_app(engine, index_check_seconds=0.1)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(lambda: app.loaded, pilot, timeout=30)
        article(seeds_copy, "oslo", "Talks in Oslo", "The mayors met in Oslo on Monday.")
        article(seeds_copy, "bergen", "Talks in Bergen", "The mayors met in Bergen on Friday.")
        Engine(seeds_copy, index, embedder=HashingEmbedder(), meetings=False).build()
        await wait_for(lambda: "Index updated: 2 new articles" in notices(app), pilot, timeout=10)
        assert {"oslo", "bergen"} <= set(engine.data.articles)
        assert "3 articles" in app._status_text


async def test_questions_are_answered_while_a_newer_index_loads():
    gate = threading.Event()
    engine = FakeEngine(refresh_gate=gate, refresh_result="12 new articles")
    app = create_app(engine, index_check_seconds=0.05)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await wait_for(engine.refreshing.is_set, pilot)
        app.query_one("#question", Input).value = WHO
        await pilot.press("enter")
        await wait_for(lambda: bool(app.turns), pilot)
        await pilot.pause()
        assert texts(app, ".answer-text") == ["Hakan Fidan"] and app.refreshing
        gate.set()
        await wait_for(lambda: "Index updated: 12 new articles" in notices(app), pilot)
        await settle(app, pilot)
