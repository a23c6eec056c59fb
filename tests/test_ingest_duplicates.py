"""Republished copies of a story are indexed once, cited with the places that also ran them."""

import json
from pathlib import Path

from qa.engine import Engine
from qa.ingest.duplicates import merge_duplicates
from qa.models import Article

from .conftest import invoke
from .news_pages import STORY, news_page


def _article(article_id: str, *paragraphs: str, publisher: str = "") -> Article:
    return Article(article_id, "Talks in Cairo", paragraphs, source=f"{article_id}.html",
                   publisher=publisher)


def test_near_identical_articles_fold_into_the_first():
    original = _article("a", *STORY, publisher="The Daily Courier")
    copy = _article("b", *STORY, "Reporting by Jane Roe; Editing by John Doe",
                    publisher="Evening Post")
    other = _article("c", "Shares were little changed on Wednesday as investors awaited "
                          "figures on inflation and the central bank's next decision on rates.")
    kept, folded = merge_duplicates([original, copy, other])
    assert folded == 1
    assert [a.id for a in kept] == ["a", "c"]
    assert kept[0].copies == ("Evening Post (b.html)",) and kept[0].copy_ids == ("b",)
    assert kept[0].paragraphs == original.paragraphs


def test_rewritten_stories_and_short_briefs_stay_apart():
    rewrite = _article("b", "Egypt's top diplomat hosted Jordan's foreign minister on Monday; "
                            "the pair called for a truce in Gaza and more aid.", *STORY[2:])
    brief = _article("x", "Markets closed.")
    kept, folded = merge_duplicates([_article("a", *STORY), rewrite, brief,
                                     _article("y", "Markets closed.")])
    assert folded == 0 and len(kept) == 4


def _two_sites(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "courier.html").write_text(news_page(
        "Egypt and Jordan discuss Gaza ceasefire", STORY, published="2025-03-03"))
    (folder / "post.html").write_text(news_page(
        "Egypt, Jordan talk Gaza truce", [*STORY, "Reporting by Jane Roe; Editing by John Doe"],
        published="2025-03-03", site="Evening Post", comments=False))
    (folder / "oslo.txt").write_text(
        "Ministers meet in Oslo\n\nTue 4 Mar 2025\n\n"
        "Norway's foreign minister met his Swedish counterpart in Oslo on Tuesday.\n")


def test_build_indexes_a_republished_story_once(tmp_path: Path, fake_embedder):
    _two_sites(tmp_path / "seeds")
    engine = Engine(tmp_path / "seeds", tmp_path / "index", embedder=fake_embedder, meetings=False)
    report = engine.build()
    assert (report.articles, report.duplicates) == (2, 1)
    assert "1 duplicate folded" in report.summary()
    assert set(engine.data.articles) == {"courier", "oslo"}
    assert {c.article_id for c in engine.data.chunks} == {"courier", "oslo"}
    [passage] = engine.search("Gaza ceasefire humanitarian aid", k=1)
    assert passage.citation().endswith("also reported by Evening Post (post.html)")
    assert passage.public()["also_reported_by"] == ["Evening Post (post.html)"]
    again = engine.build()
    assert (again.unchanged, again.embedded_chunks, again.duplicates) == (2, 0, 1)


def test_meetings_of_a_republished_story_count_once(tmp_path: Path, runner):
    _two_sites(tmp_path / "seeds")
    result = invoke(runner, "meetings", "--json", "--seeds", str(tmp_path / "seeds"),
                    "--index", str(tmp_path / "index"))
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    cairo = [r for r in records if "Sameh Shoukry" in {p["name"] for p in r["participants"]}]
    assert len(cairo) == 1 and cairo[0]["date"] == "2025-03-02"  # "on Sunday", dated 3 March
    assert cairo[0]["sources"] == ["courier"]
    assert cairo[0]["also_reported_by"] == ["Evening Post (post.html)"]


def test_evaluation_finds_a_folded_gold_article_through_the_one_kept():
    from types import SimpleNamespace

    from qa.evaluation import run_questions
    from qa.models import Answer, Passage

    kept = Article("courier", "Talks", STORY, copy_ids=("post",))
    passage = Passage("courier", "Talks", None, 1, STORY[0], 0.9)
    engine = SimpleNamespace(
        data=SimpleNamespace(articles={"courier": kept}),
        ask=lambda question, k: Answer(question, "", None, passages=[passage]),
    )
    [result] = run_questions(engine, [{"id": "q", "question": "Who met?", "answers": ["x"],
                                       "gold": ["post"]}])
    assert result["gold"] == ["post", "courier"] and result["passages"] == ["courier"]
