"""Hostile article files: each bad one is a warning, never the end of the reading."""

import codecs
import os
import time
from pathlib import Path

import pytest

from qa.articles import MAX_ARTICLE_CHARS, content_hash, read_articles
from qa.chunking import ChunkSettings, chunk_article
from qa.sanitize import clean_text, json_line, terminal_safe
from qa.text import MAX_SENTENCE_CHARS, sentence_spans
from tests.filler import varied_words

GOOD = '{"id": "good", "title": "Talks", "body": "The two ministers met in Paris."}\n'


def test_jsonl_line_nested_100k_deep_is_one_bad_line(tmp_path: Path):
    (tmp_path / "wire.jsonl").write_text('{"title": ' + "[" * 100_000 + "]" * 100_000 + "}\n" + GOOD)
    result = read_articles(tmp_path)
    assert [a.id for a in result.articles] == ["wire/good"]
    assert result.warnings == ["wire.jsonl: skipped 1 line(s) that are not articles (line 1: nested too deeply)"]


def test_lone_surrogate_in_jsonl_is_replaced(tmp_path: Path):
    (tmp_path / "wire.jsonl").write_text(
        '{"id": "s\\udc80", "title": "Bad \\ud800 char", "body": "They met \\udfff today."}\n'
    )
    [article] = read_articles(tmp_path).articles
    assert article.title == "Bad \ufffd char" and article.paragraphs == ("They met \ufffd today.",)
    assert article.id == "wire/s\ufffd"
    content_hash(article)  # used to raise UnicodeEncodeError


def test_raw_line_separator_inside_a_jsonl_record_is_kept(tmp_path: Path):
    (tmp_path / "wire.jsonl").write_text(
        '{"id": "a", "title": "One", "body": "First part\u2028second part."}\n' + GOOD, encoding="utf-8"
    )
    result = read_articles(tmp_path)
    assert [a.id for a in result.articles] == ["wire/a", "wire/good"] and result.warnings == []


def test_file_name_that_is_not_utf8_gets_a_name_that_round_trips(tmp_path: Path):
    name = os.fsdecode(b"caf\xe9.txt")
    try:
        (tmp_path / name).write_text("Caf\u00e9 talks\n\nThey met at the caf\u00e9.\n")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses file names that are not UTF-8")
    [article] = read_articles(tmp_path).articles
    assert article.id == "caf\\xe9" and article.source == "caf\\xe9.txt"
    article.id.encode("utf-8")  # valid text: it can be written to the index


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-8-sig"])
def test_files_with_a_byte_order_mark_are_read(tmp_path: Path, encoding):
    text = "Gespr\u00e4che in Z\u00fcrich\n\nDie Minister trafen sich in Z\u00fcrich.\n"
    bom = {"utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    (tmp_path / "a.txt").write_bytes(bom + text.encode(encoding))
    result = read_articles(tmp_path)
    assert result.warnings == []
    assert result.articles[0].paragraphs == ("Die Minister trafen sich in Z\u00fcrich.",)


def test_legacy_encoding_is_read_with_a_warning(tmp_path: Path):
    (tmp_path / "old.txt").write_bytes(
        "Talks in Z\u00fcrich\n\nM\u00fcller met Se\u00f1or Garc\u00eda in Z\u00fcrich on Monday.".encode("cp1252")
    )
    result = read_articles(tmp_path)
    assert result.warnings == ["old.txt: not UTF-8: read as cp1252"]
    assert "Se\u00f1or Garc\u00eda" in result.articles[0].paragraphs[0]


def test_invalid_utf8_is_replaced_with_a_warning(tmp_path: Path):
    (tmp_path / "bad.txt").write_bytes(b"Headline\n\nThe ministers met \xff\xfe\xc3\x28 in Paris \xe2\x82.")
    result = read_articles(tmp_path)
    [warning] = result.warnings
    assert warning.startswith("bad.txt: ") and "UTF-8" in warning
    assert "Paris" in result.articles[0].paragraphs[0]


def test_escape_sequences_and_controls_never_reach_the_index(tmp_path: Path):
    filler = "The talks went on for hours and nobody said much about them afterwards. " * 5
    (tmp_path / "a.txt").write_text(
        "Head\x1b[2Jline\n\nThey met\x1b]52;c;SGVsbG8=\x07 in \x1bP1$r\x1b\\Paris\x9b31m \u202eon\x01 Monday.\n\n"
        + filler
    )
    [article] = read_articles(tmp_path).articles
    assert article.title == "Headline"
    assert article.paragraphs[0] == "They met in Paris on Monday."


def test_a_skipped_file_gets_one_line_with_every_reason(tmp_path: Path):
    (tmp_path / "legacy.txt").write_bytes(("Caf\xe9\n\n" + "d\xe9j\xe0 vu " * 400).encode("cp1252"))
    result = read_articles(tmp_path)
    assert result.articles == []
    [warning] = result.warnings
    assert warning.startswith("skipped legacy.txt: the same few words repeated, not an article; not UTF-8")


def test_huge_article_is_cut_with_a_warning(tmp_path: Path):
    (tmp_path / "big.jsonl").write_text(
        '{"id": "big", "title": "Run-on", "body": "' + varied_words(60_000) + '"}\n'
    )
    result = read_articles(tmp_path)
    [article] = result.articles
    assert len(article.text) <= MAX_ARTICLE_CHARS
    assert result.warnings == [f"big.jsonl: cut 1 record(s) to their first {MAX_ARTICLE_CHARS:,} characters"]


def test_one_fragment_repeated_is_skipped_with_one_warning(tmp_path: Path):
    (tmp_path / "filler.txt").write_text("Head\n\n" + "The talks went on. " * 500)
    (tmp_path / "wire.jsonl").write_text('{"id": "a", "body": "' + "met " * 5_000 + '"}\n' + GOOD)
    (tmp_path / "short.txt").write_text("Head\n\n" + "They met. " * 20)  # too short to judge
    result = read_articles(tmp_path)
    assert sorted(a.id for a in result.articles) == ["short", "wire/good"]
    assert result.warnings == [
        "skipped filler.txt: the same few words repeated, not an article",
        "wire.jsonl: skipped 1 line(s) that are not articles (line 1: the same few words repeated, not an article)",
    ]


def test_five_megabyte_body_without_a_full_stop_gives_bounded_passages(tmp_path: Path):
    (tmp_path / "wire.jsonl").write_text(
        '{"id": "x", "title": "No stop", "body": "' + varied_words(800_000) + '"}\n' + GOOD
    )
    started = time.perf_counter()
    articles = read_articles(tmp_path).articles
    chunks = chunk_article(articles[1])
    assert time.perf_counter() - started < 20
    assert len(chunks) > 150
    text = articles[1].text
    for chunk in chunks:
        assert len(chunk.text) <= ChunkSettings().max_passage_chars
        assert text[chunk.start : chunk.end] == chunk.text


def test_run_on_sentences_are_cut_at_spaces_with_exact_offsets():
    text = "Intro here. Word " + "word " * 700 + "end. Next one."
    spans = sentence_spans(text)
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in spans)
    assert [text[s:e] for s, e in spans][0] == "Intro here."
    assert [text[s:e] for s, e in spans][-1] == "Next one."
    for s, e in spans[1:-1]:
        assert not text[s:e].startswith(" ") and not text[s:e].endswith(" ")
        assert set(text[s:e].split()) <= {"Word", "word", "end."}  # never cut inside a word


def test_text_without_spaces_is_cut_hard_with_exact_offsets():
    text = "x" * 2500
    assert sentence_spans(text) == [(0, 1000), (1000, 2000), (2000, 2500)]


def test_many_false_boundaries_stay_linear():
    text = "a. b. " * 200_000  # every full stop is followed by a lower-case word
    started = time.perf_counter()
    spans = sentence_spans(text)
    assert time.perf_counter() - started < 5
    assert all(e - s <= MAX_SENTENCE_CHARS for s, e in spans)


def test_terminal_safe_removes_sequences_and_shows_controls():
    hostile = "a\x1b[2Jb\x1b[?1049hc\x1b[6nd\x1bP+q\x1b\\e\x1b]52;c;SGk=\x07f\x9b31mg\x07h\u202ei\x1bcj"
    safe = terminal_safe(hostile)
    assert safe == "abcdefg\ufffdh\ufffdij"
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in safe)
    assert terminal_safe("line one\nline two\ttab") == "line one\nline two\ttab"


def test_json_line_escapes_what_terminals_act_on_and_round_trips():
    import json

    record = {"text": "a\x1b[2J\x9b31m\u202e\u2028b", "bad": "\ud800"}
    line = json_line(record)
    assert all(ch not in line for ch in "\x1b\x9b\u202e\u2028\ud800")
    assert json.loads(line) == {"text": "a\x1b[2J\x9b31m\u202e\u2028b", "bad": "\ufffd"}


def test_clean_text_keeps_ordinary_text():
    text = "Caf\u00e9 \u2014 \u201cquoted\u201d \u0645\u0631\u062d\u0628\u0627 \u4f60\u597d\ttab"
    assert clean_text(text) == text


def test_article_head_is_an_exact_prefix():
    from qa.articles import article_head
    from qa.models import Article

    article = Article("a", "T", ("x" * 60, "y" * 60, "z" * 60))
    head = article_head(article, 100)
    assert article.text.startswith(head.text) and len(head.text) <= 100
    starts = [start for start, _end in article.paragraph_offsets()]
    assert [start for start, _end in head.paragraph_offsets()] == starts[: len(head.paragraphs)]
    assert article_head(article, 1000) is article
