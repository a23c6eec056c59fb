from pathlib import Path

from qa.articles import article_from_text, content_hash, parse_date, read_articles
from qa.chunking import ChunkSettings, chunk_article
from qa.models import Article

from .conftest import SEED_ID, SEEDS


def test_seed_article_headline_date_and_boilerplate():
    result = read_articles(SEEDS)
    assert result.warnings == []
    [article] = result.articles
    assert article.id == SEED_ID
    assert article.title == "Contacts between Turkey and Syria thicken as Russia wants out"
    assert article.date == "2022-09-16"
    # The repeated headline, the dateline and "A+ A-" are not paragraphs.
    assert all(p != article.title and p != "A+ A-" for p in article.paragraphs)
    assert not any(p.startswith("Update:") for p in article.paragraphs)
    assert article.paragraphs[0].startswith("Russia promotes talks")
    assert len(article.paragraphs) == 15


def test_markdown_and_nested_folders(tmp_path: Path):
    (tmp_path / "world" / "mideast").mkdir(parents=True)
    (tmp_path / "world" / "mideast" / "talks.md").write_text(
        "# Leaders meet in Cairo\n\nPublished 3 March 2021\n\nThe two leaders met in Cairo.\n"
    )
    [article] = read_articles(tmp_path).articles
    assert article.id == "world/mideast/talks"
    assert article.title == "Leaders meet in Cairo"
    assert article.date == "2021-03-03"
    assert article.paragraphs == ("The two leaders met in Cairo.",)


def test_jsonl_collection(tmp_path: Path):
    (tmp_path / "wire.jsonl").write_text(
        '{"id": "r-1", "title": "COCOA REVIEW", "date": "26-FEB-1987 15:01:01.79",'
        ' "body": "Showers continued\\nin the zone.\\n    Arrivals rose."}\n'
        '{"id": "r-2", "title": "ONLY TEXT", "text": "A text field works too."}\n'
        "not json at all\n"
        '{"id": "r-3", "title": "NO BODY"}\n'
    )
    result = read_articles(tmp_path)
    ids = [a.id for a in result.articles]
    assert ids == ["wire/r-1", "wire/r-2"]
    first = result.articles[0]
    assert first.date == "1987-02-26"
    assert first.paragraphs == ("Showers continued in the zone.", "Arrivals rose.")
    assert result.warnings == ["wire.jsonl: skipped 2 line(s) that are not articles (line 3: not JSON)"]


def test_jsonl_record_keeps_its_dateline_as_the_story_opens(tmp_path: Path):
    (tmp_path / "wire.jsonl").write_text(
        '{"id": "r-1", "title": "TALKS", "dateline": "OSLO, March 4 -", "body": "Lund met Berg."}\n')
    [article] = read_articles(tmp_path).articles
    assert article.paragraphs == ("OSLO, March 4 - Lund met Berg.",)


def test_bad_files_are_skipped_with_one_line_warnings(tmp_path: Path):
    (tmp_path / "good.txt").write_text("Headline\n\nBody text here.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.md").write_text("   \n\n")
    (tmp_path / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20)
    (tmp_path / "headline_only.txt").write_text("Just a headline\n")
    (tmp_path / "latin1.txt").write_bytes("Caf\xe9 talks\n\nThey met at the caf\xe9.".encode("cp1252"))
    (tmp_path / "image.png").write_bytes(b"\x89PNG")  # not an article type: ignored silently
    (tmp_path / ".hidden.txt").write_text("Hidden\n\nNot read.")
    result = read_articles(tmp_path)
    assert [a.id for a in result.articles] == ["good", "latin1"]
    assert result.articles[1].paragraphs == ("They met at the café.",)
    assert sorted(result.warnings) == [
        "latin1.txt: not UTF-8: read as cp1252",
        "skipped binary.txt: binary file, not text",
        "skipped blank.md: empty file",
        "skipped empty.txt: empty file",
        "skipped headline_only.txt: no article text in it",
    ]
    assert all("\n" not in w for w in result.warnings)


def test_missing_folder_is_a_warning(tmp_path: Path):
    result = read_articles(tmp_path / "nope")
    assert result.articles == [] and "not a folder" in result.warnings[0]


def test_parse_date_formats():
    assert parse_date("16 September 2022") == "2022-09-16"
    assert parse_date("Sep 16, 2022") == "2022-09-16"
    assert parse_date("2022-09-16") == "2022-09-16"
    assert parse_date("26-FEB-1987 15:01:01.79") == "1987-02-26"
    assert parse_date("yesterday") is None


def test_content_hash_changes_with_text():
    a = Article("x", "T", ("one",))
    assert content_hash(a) == content_hash(Article("x", "T", ("one",)))
    assert content_hash(a) != content_hash(Article("x", "T", ("one!",)))


def test_chunks_keep_whole_sentences_and_exact_offsets():
    [article] = read_articles(SEEDS).articles
    chunks = chunk_article(article)
    text = article.text
    for chunk in chunks:
        assert text[chunk.start : chunk.end] == chunk.text
        paragraph = article.paragraphs[chunk.paragraph - 1]
        assert chunk.text in paragraph
        assert chunk.text[-1] in '.!?"”' or chunk.end == text.find(paragraph) + len(paragraph)
    assert {c.paragraph for c in chunks} == set(range(1, 16))


def test_long_paragraph_is_split_between_sentences():
    sentences = [f"Sentence number {i} says that Mr. Smith met the minister." for i in range(30)]
    article = article_from_text("long", "Title\n\n" + " ".join(sentences))
    chunks = chunk_article(article, ChunkSettings(max_chars=200, overlap_sentences=1))
    assert len(chunks) > 5
    for chunk in chunks:
        assert chunk.text.startswith("Sentence number") and chunk.text.endswith("minister.")
        assert len(chunk.text) <= 200
        assert article.text[chunk.start : chunk.end] == chunk.text
    # One sentence of overlap carries context from one chunk to the next.
    assert chunks[1].text.split(". ")[0] in chunks[0].text
