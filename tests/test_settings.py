"""Where qa finds its articles and index: options, $QA_HOME, the config file, the project folder,
the user's collection. Every test has its own data and config folders (conftest.private_home)."""

import json
from pathlib import Path

import pytest

from qa.cli import main
from qa.settings import ConfigError, config_path, packaged_seeds, resolve, user_data_dir

from .conftest import REPO, SEED_ID, SEEDS, invoke


def write_config(text: str) -> Path:
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_folders_are_the_private_ones(private_home):
    assert user_data_dir().is_relative_to(private_home)
    assert config_path().is_relative_to(private_home)


def test_packaged_seeds_are_the_repository_seeds():
    shipped = {seed.name: seed.read_bytes() for seed in packaged_seeds()}
    assert shipped == {path.name: path.read_bytes() for path in SEEDS.iterdir()}


def test_outside_a_checkout_the_user_collection_is_used_and_seeded(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke(runner, "ask", "Who met in Damascus?", "--json")
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert record["passages"][0]["article"] == SEED_ID
    assert (user_data_dir() / "articles" / f"{SEED_ID}.txt").is_file()
    assert (user_data_dir() / "index" / "CURRENT").is_file()
    assert not (tmp_path / "index").exists()


def test_a_seeded_collection_is_not_seeded_again(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    invoke(runner, "index", "build")
    (user_data_dir() / "articles" / f"{SEED_ID}.txt").unlink()
    (user_data_dir() / "articles" / "mine.txt").write_text("Mine\n\nA meeting in Oslo.\n")
    result = invoke(runner, "index", "build")
    assert "(1 added, 0 updated, 1 removed" in result.stdout


def test_inside_the_checkout_its_seeds_are_used():
    settings = resolve(cwd=REPO)
    assert (settings.articles, settings.index) == (REPO / "seeds", REPO / "index")
    assert settings.origins["articles"] == "project folder"


def test_a_seeds_folder_without_qa_pyproject_is_not_a_checkout(tmp_path):
    (tmp_path / "seeds").mkdir()
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "other"\n')
    assert resolve(cwd=tmp_path).articles == user_data_dir() / "articles"


def test_precedence_options_then_qa_home_then_config(tmp_path, monkeypatch):
    write_config('articles = "news"\nindex = "~/news-index"\nencoder = "onnx"\nk = 7\n')
    from_config = resolve(cwd=REPO)
    assert from_config.articles == config_path().parent / "news"
    assert from_config.index == Path("~/news-index").expanduser()
    assert (from_config.encoder, from_config.k) == ("onnx-fp32", 7)

    monkeypatch.setenv("QA_HOME", str(tmp_path / "home"))
    from_home = resolve(cwd=REPO)
    assert (from_home.articles, from_home.index) == (tmp_path / "home/articles", tmp_path / "home/index")
    assert from_home.k == 7  # what QA_HOME does not set still comes from the config file

    chosen = resolve(seeds=tmp_path / "s", index=None, k=3, cwd=REPO)
    assert (chosen.articles, chosen.index, chosen.k) == (tmp_path / "s", tmp_path / "home/index", 3)
    monkeypatch.setenv("QA_ENCODER", "torch")
    assert resolve(cwd=REPO).encoder == "torch"


@pytest.mark.parametrize("text, words", [
    ("k = ", "not valid TOML"),
    ("colour = 'blue'", "unknown setting 'colour'"),
    ("k = 'five'", "k must be a whole number"),
    ("k = 500", "k must be between 1 and 50"),
    ("encoder = 'gpu'", "unknown encoder 'gpu'"),
])
def test_a_bad_config_file_is_one_line(runner, text, words, tmp_path, monkeypatch):
    write_config(text)
    with pytest.raises(ConfigError, match=words):
        resolve(cwd=tmp_path)
    result = runner.invoke(main, ["index", "build"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert words in result.stderr


def test_config_k_sets_the_passages_shown(runner, seeds_copy, tmp_path):
    write_config("k = 2\n")
    result = invoke(runner, "ask", "Who met in Damascus?", "--json",
                    "--seeds", str(seeds_copy), "--index", str(tmp_path / "index"))
    assert len(json.loads(result.stdout)["passages"]) <= 2


def test_qa_config_shows_where_things_come_from(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("QA_HOME", str(tmp_path / "home"))
    result = invoke(runner, "config")
    assert f"articles: {tmp_path / 'home' / 'articles'}  ($QA_HOME)" in result.stdout
    assert f"config:   {config_path()} (none)" in result.stdout


def test_shell_completion_knows_the_commands():
    from click.shell_completion import BashComplete

    complete = BashComplete(main, {}, "qa", "_QA_COMPLETE")
    assert [c.value for c in complete.get_completions(["index"], "w")] == ["watch"]
    assert "mcp" in [c.value for c in complete.get_completions([], "m")]
