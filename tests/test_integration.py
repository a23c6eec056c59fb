"""The real packaged model and the real FAISS index, end to end over the seed article."""

import json

import pytest
from click.testing import CliRunner

from qa.cli import main
from qa.engine import Engine

from .conftest import SEED_ID

QUESTION = "Who did Turkey's intelligence chief meet in Damascus?"


@pytest.fixture(scope="module")
def seed_engine(real_embedder, tmp_path_factory):
    from .conftest import SEEDS

    engine = Engine(SEEDS, tmp_path_factory.mktemp("index"), embedder=real_embedder)
    engine.build()
    return engine


def test_seed_question_first_passage_names_mamlouk(seed_engine):
    answer = seed_engine.ask(QUESTION)
    first = answer.passages[0]
    assert first.article == SEED_ID
    assert "Mamlouk" in first.text
    assert answer.found and "Mamlouk" in answer.answer
    article = seed_engine.article(SEED_ID)
    assert article.text[answer.evidence.start : answer.evidence.end] == answer.evidence.text


def test_unrelated_question_is_not_answered(seed_engine):
    answer = seed_engine.ask("What is the recipe for apple pie?")
    assert not answer.found and answer.evidence is None
    assert answer.passages  # the closest passages are still shown


def test_cli_json_lines_with_real_model(seed_engine, real_embedder, monkeypatch):
    monkeypatch.setattr("qa.engine.embedder_for", lambda name: real_embedder)
    questions = f"{QUESTION}\nWhat does Russia want to focus on?\n"
    result = CliRunner().invoke(
        main, ["ask", "-", "--json", "--index", str(seed_engine.index_dir), "--seeds", str(seed_engine.seeds_dir)],
        input=questions, catch_exceptions=False,
    )
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2
    assert "Mamlouk" in records[0]["passages"][0]["text"]
    assert records[0]["evidence"]["article"] == SEED_ID
    assert "Ukraine" in records[1]["answer"] or "Ukraine" in records[1]["evidence"]["text"]
