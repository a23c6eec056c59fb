"""The command line under hostile input: one line per problem, nothing raw on the terminal."""

import errno
import json
import os
import pty
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

import qa.articles
from qa.cli import main

from .conftest import REPO, invoke

# Anything a terminal acts on: ESC, C1 controls (CSI, OSC, DCS), BEL, BIDI overrides.
TERMINAL_ACTIVE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
HOSTILE_BODY = (
    "The mayor met the governor in Springfield.\x1b[2J\x1b[?1049h\x1b[6n "
    "\x1b]52;c;SGVsbG8gY2xpcGJvYXJk\x07 \x1bP+q544e\x1b\\ \x9b31m \x9d0;title\x9c \u202eevil\u202c done.\n"
)


def one_line_error(result) -> str:
    assert result.exit_code == 1, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


@pytest.fixture
def built(runner, tmp_path) -> tuple[str, ...]:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Town talks\n\nThe mayor met the governor in Springfield on Monday.\n")
    args = ("--seeds", str(seeds), "--index", str(tmp_path / "index"))
    assert invoke(runner, "index", "build", *args).exit_code == 0
    return args


def test_ask_dash_gives_one_object_per_line_whatever_the_line(runner, built):
    lines = [b"Who met the governor?", b"\x1b\x07\x00\x01\x02", b"", b"   ", b"\x1b[2J\xff\xfe bad bytes",
             b"[bold]x[/] " * 5000, b"Where did they meet?"]
    result = runner.invoke(main, ["ask", "-", *built, "--json"], input=b"\n".join(lines) + b"\n")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == len(lines)
    assert [("error" in r) for r in records] == [False, True, True, True, False, False, False]
    assert records[1]["error"].startswith("the question is empty")
    assert "answer" in records[-1] and not TERMINAL_ACTIVE.search(result.stdout)


def test_a_thousand_hostile_question_lines_give_a_thousand_objects(runner, built, monkeypatch):
    from qa.engine import Engine

    calls = []

    def ask(self, question, **options):  # answering itself is tested elsewhere; count the calls
        calls.append(question)
        if "boom" in question:
            raise RuntimeError("answering crashed")
        return _answer(question)

    monkeypatch.setattr(Engine, "ask", ask)
    rng = random.Random(3)
    alphabet = b"abc boom?\x1b\x07\x00\x9b\xe2\x80\xae[]/\r\t" + bytes(range(0x80, 0x90))
    lines = [bytes(rng.choice(alphabet) for _ in range(rng.randrange(0, 60))) for _ in range(1000)]
    result = runner.invoke(main, ["ask", "-", *built, "--json"], input=b"\n".join(lines))
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert result.exit_code == 0 and len(records) == 1000 == len(calls)
    assert not TERMINAL_ACTIVE.search(result.stdout)


def _answer(question):
    from qa.models import Answer

    return Answer(question, "", None)


def test_plain_output_never_carries_escape_sequences_from_an_old_index(runner, tmp_path, monkeypatch):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Town \x1b[2Jtalks\x1b]52;c;SGk=\x07\n\n" + HOSTILE_BODY)
    args = ("--seeds", str(seeds), "--index", str(tmp_path / "index"))
    # An index built before the reader cleaned text can still hold raw escapes.
    monkeypatch.setattr(qa.articles, "clean_text", lambda text: text)
    monkeypatch.setattr(qa.articles, "_control_ratio", lambda text: 0.0)
    assert invoke(runner, "index", "build", *args).exit_code == 0
    result = invoke(runner, "ask", "Who did the mayor meet in Springfield?\x1b[31m\u202e", *args)
    assert result.exit_code == 0 and "Springfield" in result.stdout
    assert not TERMINAL_ACTIVE.search(result.stdout), repr(result.stdout)


def test_escape_sequences_from_articles_do_not_reach_a_real_terminal(tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    filler = "The council discussed the budget for the coming year at some length. " * 10
    (seeds / "a.txt").write_text("Town talks\n\n" + HOSTILE_BODY + "\n" + filler)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "PYTHONPATH": str(REPO)}
    primary, secondary = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.hashing", "ask", "Who did the mayor meet?", "--seeds", str(seeds),
         "--index", str(tmp_path / "index")],
        stdout=secondary, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env, cwd=REPO,
    )
    os.close(secondary)
    output = b""
    while True:
        try:
            block = os.read(primary, 65536)
        except OSError:  # the other end closed
            break
        if not block:
            break
        output += block
    process.wait(timeout=120)
    os.close(primary)
    assert process.returncode == 0, process.stderr.read()
    text = output.decode("utf-8")
    assert "Springfield" in text
    assert not TERMINAL_ACTIVE.search(text.replace("\r\n", "\n")), repr(text)


def test_build_warnings_stream_and_the_summary_counts_them(runner, tmp_path):
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Town talks\n\nThe mayor met the governor.\n")
    (seeds / "deep.jsonl").write_text('{"body": ' + "[" * 100_000 + "]" * 100_000 + "}\n")
    (seeds / "esc\x1b[2J.txt").write_bytes(b"\x00" * 10)
    result = invoke(runner, "index", "build", "--seeds", str(seeds), "--index", str(tmp_path / "index"))
    assert result.exit_code == 0
    assert "warning: deep.jsonl: skipped 1 line(s) that are not articles (line 1: nested too deeply)" in result.stderr
    assert "binary file" in result.stderr and "\x1b" not in result.stderr
    assert result.stdout.rstrip().endswith("2 warnings")


def test_missing_seeds_folder_says_it_does_not_exist(runner, tmp_path):
    for command in (["index", "build"], ["ask", "Who?"]):
        line = one_line_error(invoke(runner, *command, "--seeds", str(tmp_path / "nope"),
                                     "--index", str(tmp_path / "index")))
        assert "does not exist" in line and "nope" in line


def test_index_pointing_at_a_file_is_one_line(runner, built, tmp_path):
    (tmp_path / "afile").write_text("x")
    for command in (["index", "build"], ["ask", "Who?"]):
        line = one_line_error(invoke(runner, *command, *built[:2], "--index", str(tmp_path / "afile")))
        assert "afile is a file, not an index folder" in line


@pytest.mark.parametrize("code, words", [(errno.EROFS, "read-only"), (errno.EACCES, "permission denied")])
def test_unwritable_index_or_lock_is_one_line(runner, built, monkeypatch, code, words):
    def refuse(path, *a, **kw):
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr("qa.store_files.open", refuse, raising=False)
    line = one_line_error(invoke(runner, "index", "build", *built))
    assert words in line and "--index" in line
