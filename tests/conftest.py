"""Shared fixtures: the real model is loaded once per test session."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from .hashing import HashingEmbedder
from .hashing import install as install_hashing

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
SHARED = REPO.parent / "shared"
SEED_ID = "000_d78a5ff380758b2f"


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory, monkeypatch) -> Path:
    """Every test gets its own empty user data and config folders: none reads or writes the
    real ones, and no one's config file changes a test."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    for name in ("QA_HOME", "QA_SEEDS", "QA_INDEX"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture(scope="session")
def real_embedder():
    """The packaged all-MiniLM-L6-v2, loaded once for the whole session."""
    from qa.embedding import SentenceTransformerEmbedder

    embedder = SentenceTransformerEmbedder()
    embedder.load()
    return embedder


@pytest.fixture
def fake_embedder() -> HashingEmbedder:
    return HashingEmbedder()


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A writable copy of the project's seed articles."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or skip: a user's machine has no research corpora."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"needs {path} (research corpora are not shipped with the project)")
    return path


@pytest.fixture
def runner(monkeypatch) -> CliRunner:
    """The CLI in-process, every engine it makes embedding with the hashing embedder."""
    install_hashing(monkeypatch)
    return CliRunner()


def invoke(runner, *args, input=None):
    from qa.cli import main

    return runner.invoke(main, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="session")
def nlp():
    """The real spaCy pipeline, loaded once."""
    from qa.nlp import load_nlp

    return load_nlp()
