"""Reading saved web pages and RSS/Atom feeds, and the dates news writes."""

import os
import time
from datetime import date
from pathlib import Path

import pytest

from qa.articles import article_from_text, read_articles
from qa.ingest.dates import date_line, dateline_date, dateline_length, dateline_place, parse_date
from qa.ingest.html import article_from_html, fragment_paragraphs

from .news_pages import STORY, news_page, rss_feed


@pytest.mark.parametrize("text, expected", [
    ("Mon 3 Mar 2025", "2025-03-03"),
    ("Monday, March 3, 2025", "2025-03-03"),
    ("3 March 2025", "2025-03-03"),
    ("March 3rd, 2025", "2025-03-03"),
    ("2025-03-03T10:00:00+00:00", "2025-03-03"),
    ("Sept 16, 2022", "2022-09-16"),
    ("the third of March", None),
])
def test_parse_date_news_forms(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize("line, expected", [
    ("Mon 3 Mar 2025 14.02 GMT", "2025-03-03"),
    ("Published: March 3, 2025 2:15 pm EST", "2025-03-03"),
    ("Last updated on 3 March 2025", "2025-03-03"),
    ("2025-03-03", "2025-03-03"),
    ("The talks began on 3 March 2025 in Cairo.", None),
])
def test_date_lines(line, expected):
    assert date_line(line) == expected


def test_wire_datelines_take_their_year_from_the_reference():
    saved = date(2025, 5, 1)
    assert dateline_date("LONDON, March 3 (Reuters) - Talks began.", saved) == "2025-03-03"
    assert dateline_date("PARIS, 3 March (AFP) — Talks began.", saved) == "2025-03-03"
    assert dateline_date("WASHINGTON, March 3, 2024 /PRNewswire/ -- A deal.", saved) == "2024-03-03"
    # Saved in January: a December dateline is last year's.
    assert dateline_date("OSLO, Dec 30 (Reuters) - Talks.", date(2025, 1, 2)) == "2024-12-30"
    assert dateline_date("LONDON, March 3 (Reuters) - Talks began.", None) is None
    assert dateline_date("Talks began in London on March 3.", saved) is None


def test_text_article_date_from_a_bare_date_line_and_byline_kept():
    article = article_from_text(
        "t", "Ministers meet in Oslo\n\nBy Kari Nordmann\n\nTue 4 Mar 2025 09.00 GMT\n\n"
        "Norway's foreign minister met his Swedish counterpart in Oslo.\n"
    )
    assert (article.date, article.byline) == ("2025-03-04", "Kari Nordmann")
    assert article.paragraphs == ("Norway's foreign minister met his Swedish counterpart in Oslo.",)


def test_text_article_dated_by_its_wire_dateline_and_the_file_date(tmp_path: Path):
    path = tmp_path / "wire.txt"
    path.write_text("Talks in Cairo\n\n" + "\n\n".join(STORY))
    saved = time.mktime((2025, 3, 4, 12, 0, 0, 0, 0, -1))
    os.utime(path, (saved, saved))
    [article] = read_articles(tmp_path).articles
    assert article.date == "2025-03-03"
    assert article.paragraphs[0] == STORY[0]  # the dateline stays: it is the story's first line


def test_html_page_keeps_the_article_and_drops_the_page_furniture(tmp_path: Path):
    (tmp_path / "cairo.html").write_text(news_page(
        "Egypt and Jordan discuss Gaza ceasefire", STORY, published="2025-03-03", byline="Jane Roe",
    ))
    result = read_articles(tmp_path)
    assert result.warnings == []
    [article] = result.articles
    assert article.id == "cairo" and article.source == "cairo.html"
    assert article.title == "Egypt and Jordan discuss Gaza ceasefire"
    assert (article.date, article.byline, article.publisher) == ("2025-03-03", "Jane Roe",
                                                                 "The Daily Courier")
    assert article.paragraphs == STORY  # one paragraph per <p>, nothing else


def test_html_page_without_metadata_is_dated_by_its_text():
    page = news_page("Talks", ["Published 5 March 2025"] + list(STORY[1:]), comments=False)
    article = article_from_html("p", page)
    assert article.date == "2025-03-05"
    assert article.paragraphs == STORY[1:]


def test_html_page_without_article_text_is_a_warning(tmp_path: Path):
    (tmp_path / "menu.htm").write_text(
        "<html><head><title>Shop</title></head><body><nav><ul><li><a href='/'>Home</a></li>"
        "<li><a href='/w'>World</a></li></ul></nav><footer>Copyright 2025</footer></body></html>"
    )
    result = read_articles(tmp_path)
    assert result.articles == []
    assert result.warnings == ["skipped menu.htm: no article text in it"]


def test_fragment_paragraphs_of_a_feed_summary():
    assert fragment_paragraphs("<p>One <b>bold</b> line<br>goes on.</p><p>Two.</p>") == [
        "One bold line goes on.", "Two."]
    assert fragment_paragraphs("Plain text.\n\nSecond.") == ["Plain text.", "Second."]


def _three_entries() -> list[dict]:
    return [
        {"title": "Ministers meet in Oslo", "link": "https://wire.example/world/oslo-talks",
         "pubDate": "Tue, 04 Mar 2025 09:00:00 GMT",
         "description": "<p>Norway's foreign minister met his Swedish counterpart in Oslo.</p>"
                        "<p>They discussed energy prices.</p>"},
        {"title": "Egypt and Jordan discuss Gaza", "link": "https://courier.example/2025/03/cairo.html",
         "pubDate": "Mon, 03 Mar 2025 10:00:00 GMT", "description": "A short summary."},
        {"title": "Markets steady", "link": "https://wire.example/markets?id=7", "guid": "urn:7",
         "description": "Shares were little changed on Wednesday."},
    ]


def test_rss_feed_gives_one_article_per_entry(tmp_path: Path):
    (tmp_path / "wire.rss").write_text(rss_feed("World Wire", _three_entries()))
    result = read_articles(tmp_path)
    assert result.warnings == []
    cairo, oslo, markets = result.articles
    assert [a.id for a in result.articles] == ["wire/cairo", "wire/oslo-talks", "wire/urn-7"]
    assert (oslo.title, oslo.date, oslo.source) == (
        "Ministers meet in Oslo", "2025-03-04", "https://wire.example/world/oslo-talks")
    assert oslo.paragraphs == ("Norway's foreign minister met his Swedish counterpart in Oslo.",
                               "They discussed energy prices.")
    assert oslo.publisher == "World Wire"
    assert cairo.paragraphs == ("A short summary.",)
    assert markets.date is None


def test_feed_entry_linking_a_saved_page_reads_the_page(tmp_path: Path):
    (tmp_path / "wire.xml").write_text(rss_feed("World Wire", _three_entries()))
    (tmp_path / "cairo.html").write_text(news_page("Egypt and Jordan discuss Gaza", STORY))
    articles = {a.id: a for a in read_articles(tmp_path).articles}
    entry = articles["wire/cairo"]
    assert entry.paragraphs == STORY and entry.date == "2025-03-03"
    assert entry.source == "https://courier.example/2025/03/cairo.html"


def test_atom_feed(tmp_path: Path):
    (tmp_path / "site.atom").write_text(
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Site</title><id>urn:site</id><updated>2025-03-03T00:00:00Z</updated>"
        "<entry><title>Summit opens</title><id>urn:entry:1</id><link href='https://s.example/summit'/>"
        "<updated>2025-03-06T08:00:00Z</updated>"
        "<content type='html'>&lt;p&gt;Leaders gathered in Rome on Thursday.&lt;/p&gt;</content>"
        "</entry></feed>"
    )
    [article] = read_articles(tmp_path).articles
    assert (article.title, article.date, article.paragraphs) == (
        "Summit opens", "2025-03-06", ("Leaders gathered in Rome on Thursday.",))


def test_malformed_feed_and_other_xml(tmp_path: Path):
    (tmp_path / "broken.rss").write_text("<rss><channel><title>x</title><item><title>unclosed")
    (tmp_path / "notes.rss").write_text("just words, no feed")
    (tmp_path / "sitemap.xml").write_text('<?xml version="1.0"?><urlset><url>a</url></urlset>')
    result = read_articles(tmp_path)
    assert result.articles == []
    assert len(result.warnings) == 2
    assert all(w.startswith("skipped ") and "malformed feed" in w for w in result.warnings)


def test_wire_dateline_is_nobody_who_met():
    from qa.meetings_index import extract_records
    from qa.models import Article

    opening = "OSLO, March 4 (Reuters) - "
    text = (opening + "Norwegian Foreign Minister Espen Barth Eide met Swedish Foreign Minister "
            "Maria Malmer Stenergard in Oslo on Tuesday to discuss electricity prices.")
    article = Article("a", "Talks", (text,), date="2025-03-04")
    [record] = extract_records([article])["a"]
    assert [p["name"] for p in record["participants"]] == ["Espen Barth Eide",
                                                           "Maria Malmer Stenergard"]
    assert record["date"] == "2025-03-04"
    evidence = record["evidence"][0]
    assert article.text[evidence["start"] : evidence["end"]] == evidence["text"]
    assert evidence["start"] == len(opening)


@pytest.mark.parametrize("opening", ["WASHINGTON - ", "NEW DELHI, India -- ", "Hong Kong CNN — ", "(CNN) — ", "Seoul, South Korea CNN — ", "Tolvik, Norway – ",
                                     "CAMP DAVID, Maryland, Aug 18 - ", "GENEVA, Switzerland (AP) — ", "Bergen – ",
                                     "Mexico City, Oct 1 (EFE).- ", "MADRID (EFE).- "])
def test_datelines_without_a_date_or_in_a_web_page_form(opening):
    assert dateline_length(opening + "President Lund met Ada Berg.") == len(opening)


@pytest.mark.parametrize("paragraph", ["Lund – a former minister – met Ada Berg.", "Lund – The minister – met Ada Berg."])
def test_an_aside_after_a_name_is_no_dateline(paragraph):
    assert dateline_length(paragraph) == 0


@pytest.mark.parametrize("text", ["US - China talks resumed.", "The US - China talks.", "Lund - the president.",
                                  "However, Lund — who met Berg — left."])
def test_a_sentence_opening_is_no_dateline(text):
    assert dateline_length(text) == 0


@pytest.mark.parametrize("opening, place", [
    ("BERGEN, Norway, Nov 14 - ", "Bergen, Norway"), ("OSLO, March 4 (Reuters) - ", "Oslo"),
    ("Hong Kong CNN — ", "Hong Kong"), ("GENEVA, Switzerland (AP) — ", "Geneva, Switzerland"),
    ("(CNN) — ", None), ("", None),
])
def test_dateline_place(opening, place):
    assert dateline_place(opening + "President Lund met Ada Berg.") == place


def test_a_meeting_that_states_no_place_is_where_the_story_was_filed():
    from qa.meetings import extract_meetings
    from qa.models import Article

    text = ("OSLO, March 4 (Reuters) - Foreign Minister Tomas Lund met his Skarnish counterpart "
            "Ada Berg on Monday. The two ministers last met in Vienna in 2019.")
    older = ("BERGEN, March 4 (Reuters) - Foreign Minister Tomas Lund said he last met "
             "President Ada Berg in 2019.")
    places = {r.time_text: r.place for r in extract_meetings(Article("a", "Talks", (text,), date="2025-03-04"))}
    assert places == {"on Monday": "Oslo", "in 2019": "Vienna"}
    [recalled] = extract_meetings(Article("b", "Talks", (older,), date="2025-03-04"))
    assert recalled.place is None  # years before the story: not where it was filed


def test_capitalised_dateline_is_nobody_who_met_in_extraction():
    from qa.meetings import extract_meetings
    from qa.models import Article

    text = "CAMP DAVID, Maryland - President Tom Lund hosted Prime Minister Ada Berg at the retreat on Friday."
    [record] = extract_meetings(Article("a", "Talks", (text,), date="2025-03-04"))
    assert {p.name for p in record.participants} == {"Tom Lund", "Ada Berg"}


def test_hard_wrapped_plain_text_keeps_its_paragraphs_whole():
    from qa.ingest.text import article_from_text

    raw = ("HARBOUR TALKS RESUME\n\n"
           "Port officials from Norway and Chile met in\n"
           "Valparaiso on Monday to discuss fishing quotas, a\n"
           "spokesman for the harbour authority said.\n"
           "    The talks will continue next week in\n"
           "Oslo, where both delegations expect a deal.\n")
    article = article_from_text("wire", raw)
    assert article.title == "HARBOUR TALKS RESUME"
    assert article.paragraphs == (
        "Port officials from Norway and Chile met in Valparaiso on Monday to discuss fishing "
        "quotas, a spokesman for the harbour authority said.",
        "The talks will continue next week in Oslo, where both delegations expect a deal.",
    )


def test_one_paragraph_a_line_is_left_as_it_is():
    from qa.ingest.text import text_blocks

    raw = "Title\n\nFirst paragraph ends here.\nSecond one too.\nA third.\nAnd a fourth.\n"
    assert text_blocks(raw) == ["Title", "First paragraph ends here.", "Second one too.", "A third.",
                                "And a fourth."]
