"""Faults at every durable step of an index write, readers racing builds, and fuzzed input."""

from __future__ import annotations

import errno
import os
import shutil
import threading
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qa.articles import read_articles
from qa.engine import Engine
from qa.errors import QAError

from .hashing import HashingEmbedder

GOOD = "Ministers meet\n\nThe foreign ministers of Norway and Chile met in Oslo on Monday to discuss fishing.\n"


def make_engine(seeds: Path, index: Path) -> Engine:
    return Engine(seeds, index, embedder=HashingEmbedder(), meetings=False)


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


class FaultAt:
    """Makes the ``fail_at``-th durable step (mkdir, fsync, replace, rename) raise ENOSPC;
    with ``fail_at=None`` it only counts them."""

    STEPS = ("mkdir", "makedirs", "fsync", "replace", "rename")

    def __init__(self, monkeypatch, fail_at: int | None) -> None:
        self.count, self.fail_at = 0, fail_at
        for name in self.STEPS:
            monkeypatch.setattr(os, name, self._wrap(getattr(os, name)))

    def _wrap(self, real):
        def step(*args, **kwargs):
            self.count += 1
            if self.count == self.fail_at:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(*args, **kwargs)

        return step


def _first_index(tmp_path: Path) -> tuple[Path, Path]:
    seeds, index = tmp_path / "seeds", tmp_path / "index"
    write(seeds, "one.txt", GOOD)
    make_engine(seeds, index).build()
    write(seeds, "two.txt", "Second story\n\nA new bridge opened in Lisbon on Friday.\n")
    return seeds, index


def test_a_fault_at_every_step_of_the_write_keeps_the_old_index(tmp_path, monkeypatch):
    seeds, index = _first_index(tmp_path)
    pristine = tmp_path / "pristine"
    shutil.copytree(index, pristine)
    with monkeypatch.context() as patch:
        counter = FaultAt(patch, fail_at=None)
        make_engine(seeds, index).build()
    steps = counter.count
    assert steps >= 3
    for fail_at in range(1, steps + 1):
        shutil.rmtree(index)
        shutil.copytree(pristine, index)
        with monkeypatch.context() as patch:
            FaultAt(patch, fail_at)
            try:
                make_engine(seeds, index).build()
            except (QAError, OSError):
                pass
        survivor = make_engine(seeds, index)
        survivor.load_index()
        assert set(survivor.data.articles) in ({"one"}, {"one", "two"}), fail_at
        make_engine(seeds, index).build()
        again = make_engine(seeds, index)
        again.load_index()
        assert set(again.data.articles) == {"one", "two"}, fail_at


def test_questions_keep_being_answered_while_builds_swap_generations(tmp_path):
    seeds, index = _first_index(tmp_path)
    done, failures, answered = threading.Event(), [], [0]

    def ask_continuously() -> None:
        while not done.is_set():
            try:
                engine = make_engine(seeds, index)
                engine.load_index()
                assert engine.search("Who met in Oslo?", k=3)
                answered[0] += 1
            except Exception as error:  # noqa: BLE001 - collected and reported below
                failures.append(repr(error))

    reader = threading.Thread(target=ask_continuously)
    reader.start()
    try:
        for number in range(12):
            write(seeds, f"extra{number}.txt", f"Story {number}\n\nEvent {number} happened in Oslo.\n")
            make_engine(seeds, index).build()
    finally:
        done.set()
        reader.join()
    assert failures == []
    assert answered[0] > 0


article_text = st.text(st.characters(codec="utf-8"), max_size=400) | st.binary(max_size=400).map(
    lambda data: data.decode("latin-1")
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=st.lists(st.tuples(st.sampled_from([".txt", ".md", ".jsonl"]), st.binary(max_size=600)), max_size=6),
       questions=st.lists(article_text, max_size=5))
def test_fuzzed_files_and_questions_never_take_it_down(tmp_path_factory, files, questions):
    root = tmp_path_factory.mktemp("fuzz")
    seeds = root / "seeds"
    write(seeds, "good.txt", GOOD)
    for number, (suffix, data) in enumerate(files):
        (seeds / f"f{number}{suffix}").write_bytes(data)
    warnings = read_articles(seeds).warnings
    assert all("\n" not in warning for warning in warnings)
    assert len(warnings) <= len(files)  # at most one line a file
    engine = make_engine(seeds, root / "index")
    engine.build()
    assert "good" in engine.data.articles
    for question in questions:
        try:
            engine.search(question, k=2)
        except QAError:
            pass
