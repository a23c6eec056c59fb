"""The command line, in-process with CliRunner and the hashing embedder."""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa.cli import main
from qa.store import IndexStore

from .conftest import REPO, SEED_ID, invoke


def test_help_does_not_import_torch():
    code = (
        "import sys; from click.testing import CliRunner; from qa.cli import main;"
        "r = CliRunner().invoke(main, ['--help']); assert r.exit_code == 0, r.output;"
        "assert 'qa index build' in r.output or 'index' in r.output;"
        "heavy = [m for m in ('torch', 'sentence_transformers', 'spacy', 'textual', 'faiss') if m in sys.modules];"
        "print(heavy)"
    )
    output = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=True)
    assert output.stdout.strip() == "[]"


def test_ask_builds_missing_index_then_answers_json(runner, seeds_copy, tmp_path):
    index = tmp_path / "index"
    result = invoke(runner, "ask", "Who did Turkey's intelligence chief meet?", "--seeds", str(seeds_copy),
                    "--index", str(index), "--json", "-k", "3")
    assert result.exit_code == 0
    assert "No index in" in result.stderr and "building it from" in result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert set(record) >= {"question", "answer", "evidence", "passages"}
    assert len(record["passages"]) == 3
    assert set(record["passages"][0]) == {"article", "title", "date", "paragraph", "text", "score"}
    assert record["passages"][0]["article"] == SEED_ID
    scores = [p["score"] for p in record["passages"]]
    assert all(isinstance(s, float) for s in scores)
    assert IndexStore(index).exists()


def test_ask_dash_reads_questions_from_stdin(runner, seeds_copy, tmp_path):
    args = ("--seeds", str(seeds_copy), "--index", str(tmp_path / "index"))
    invoke(runner, "index", "build", *args)
    result = invoke(runner, "ask", "-", *args, "--json", input="Who met in Damascus?\n\nWhat does Russia want?\n")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    # One object per input line: the blank line gets an error object, so outputs line up.
    assert [r["question"] for r in records] == ["Who met in Damascus?", "", "What does Russia want?"]
    assert "error" not in records[0] and "answer" in records[2]
    assert records[1] == {"question": "", "error": "the question is empty: type a question about the articles"}
    assert result.stderr == ""


def test_ask_plain_text_shows_citation(runner, seeds_copy, tmp_path):
    result = invoke(runner, "ask", "Erdogan called Assad a terrorist", "--seeds", str(seeds_copy),
                    "--index", str(tmp_path / "index"))
    assert result.exit_code == 0
    assert "Contacts between Turkey and Syria thicken as Russia wants out · 2022-09-16 · ¶" in result.stdout


def test_index_build_summary_and_info(runner, seeds_copy, tmp_path):
    args = ("--seeds", str(seeds_copy), "--index", str(tmp_path / "index"))
    first = invoke(runner, "index", "build", *args)
    assert "1 articles (1 added, 0 updated, 0 removed, 0 unchanged)" in first.stdout
    second = invoke(runner, "index", "build", *args)
    assert "(0 added, 0 updated, 0 removed, 1 unchanged)" in second.stdout
    info = invoke(runner, "index", "info", "--index", str(tmp_path / "index"))
    assert "articles: 1" in info.stdout and "model:    hashing-384 (384-d)" in info.stdout


def one_line_error(result) -> str:
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert "Traceback" not in result.stderr
    return lines[0]


def test_empty_seeds_folder(runner, tmp_path):
    (tmp_path / "empty").mkdir()
    line = one_line_error(invoke(runner, "index", "build", "--seeds", str(tmp_path / "empty"),
                                 "--index", str(tmp_path / "index")))
    assert "no articles in" in line


def test_bad_files_warn_but_build(runner, seeds_copy, tmp_path):
    (seeds_copy / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = invoke(runner, "index", "build", "--seeds", str(seeds_copy), "--index", str(tmp_path / "index"))
    assert result.exit_code == 0
    assert "warning: skipped broken.txt: binary file, not text" in result.stderr


def test_corrupt_index(runner, seeds_copy, tmp_path):
    args = ("--seeds", str(seeds_copy), "--index", str(tmp_path / "index"))
    invoke(runner, "index", "build", *args)
    store = IndexStore(tmp_path / "index")
    segment = store.segments.path(store.read_manifest()["segments"][0]["name"])
    (segment / "vectors.npy").write_bytes(b"garbage")
    line = one_line_error(invoke(runner, "ask", "Who met?", *args))
    assert "damaged" in line and "qa index build --full" in line
    # The fix the message names works.
    assert invoke(runner, "index", "build", "--full", *args).exit_code == 0
    assert invoke(runner, "ask", "Who met?", *args).exit_code == 0


def test_index_from_another_model(runner, seeds_copy, tmp_path, monkeypatch):
    args = ("--seeds", str(seeds_copy), "--index", str(tmp_path / "index"))
    invoke(runner, "index", "build", *args)
    monkeypatch.setattr("tests.hashing.HashingEmbedder.name", "other-model")
    line = one_line_error(invoke(runner, "ask", "Who met?", *args))
    assert "was built with model 'hashing-384'" in line and "qa index build --full" in line


def test_an_index_from_an_older_qa_is_rebuilt_on_first_question(runner, seeds_copy, tmp_path):
    args = ("--seeds", str(seeds_copy), "--index", str(tmp_path / "index"))
    invoke(runner, "index", "build", *args)
    live = tmp_path / "index" / (tmp_path / "index" / "CURRENT").read_text().strip()
    manifest = json.loads((live / "manifest.json").read_text())
    (live / "manifest.json").write_text(json.dumps({**manifest, "format_version": 1}))
    result = invoke(runner, "ask", "Who met?", *args)
    assert result.exit_code == 0
    assert "has format 1, this qa reads format" in result.stderr and "building it from" in result.stderr
    assert result.stdout.startswith("Q: Who met?")


def test_huge_and_markup_questions(runner, seeds_copy, tmp_path):
    args = ("--seeds", str(seeds_copy), "--index", str(tmp_path / "index"), "--json")
    result = invoke(runner, "ask", "Damascus " * 1200, *args)
    assert result.exit_code == 0 and json.loads(result.stdout)["passages"]
    result = invoke(runner, "ask", "[bold]Who[/] met [link=http://x]in[/link] Damascus?\x1b[31m", *args)
    assert json.loads(result.stdout)["question"].startswith("[bold]Who[/]")


def test_bad_date_filter_is_a_usage_error(runner, seeds_copy, tmp_path):
    result = runner.invoke(main, ["ask", "Who?", "--since", "soon", "--seeds", str(seeds_copy),
                                  "--index", str(tmp_path / "index")])
    assert result.exit_code == 2 and "is not a date" in result.stderr


def test_folders_given_before_the_command_apply_to_it(runner, seeds_copy, tmp_path):
    result = invoke(runner, "--seeds", str(seeds_copy), "--index", str(tmp_path / "index"), "index", "build")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "index" / "CURRENT").is_file()


def test_index_build_records_the_vector_index_asked_for(runner, seeds_copy, tmp_path):
    args = ("--seeds", str(seeds_copy), "--index", str(tmp_path / "index"))
    invoke(runner, "index", "build", *args, "--vector-index", "ivf")
    info = invoke(runner, "index", "info", "--index", str(tmp_path / "index"))
    assert "vectors:  ivf search; 1 segment(s)" in info.stdout  # one article: exact until a segment is large
    invoke(runner, "index", "build", *args)
    assert "vectors:  ivf search" in invoke(runner, "index", "info", "--index", str(tmp_path / "index")).stdout
