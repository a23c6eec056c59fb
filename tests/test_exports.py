"""Meetings as text, JSON, CSV and Markdown, and the chat's Markdown export: all with citations."""

import csv
import io
import json

import pytest

from qa.exports import as_csv, as_markdown
from qa.models import Answer, Evidence, Turn
from qa.ui.render import conversation_markdown

from .conftest import SEED_ID, invoke

TITLE = "Contacts between Turkey and Syria thicken as Russia wants out"


@pytest.fixture
def folders(runner, seeds_copy, tmp_path):
    args = ("--seeds", str(seeds_copy), "--index", str(tmp_path / "index"))
    invoke(runner, "index", "build", *args)
    return args


def meetings(runner, folders, *options):
    result = invoke(runner, "meetings", "--person", "Mamlouk", *folders, *options)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_json_records_carry_citations_and_json_is_an_alias(runner, folders):
    text = meetings(runner, folders, "--format", "json")
    assert meetings(runner, folders, "--json") == text
    records = [json.loads(line) for line in text.splitlines()]
    assert records
    for record in records:
        assert record["sources"] == [SEED_ID]
        for evidence in record["evidence"]:
            assert evidence["citation"] == f"{TITLE} · 2022-09-16 · ¶{evidence['paragraph']}"
            assert evidence["text"] and evidence["title"] == TITLE


def test_csv_has_one_row_a_meeting_with_citation_and_sentence(runner, folders):
    rows = list(csv.DictReader(io.StringIO(meetings(runner, folders, "--format", "csv"))))
    assert rows
    assert "Ali Mamlouk" in rows[0]["participants"]
    assert f"{TITLE} · 2022-09-16 · ¶" in rows[0]["citations"]
    assert "Mamlouk" in rows[0]["evidence"] and rows[0]["articles"] == SEED_ID


def test_markdown_quotes_each_evidence_sentence_with_its_citation(runner, folders):
    text = meetings(runner, folders, "--format", "md")
    assert text.startswith("# Meetings\n")
    assert "## " in text and "Ali Mamlouk" in text
    assert f"> — *{TITLE} · 2022-09-16 · ¶" in text


def test_date_filters():
    from qa.meetings import Meeting, Participant, filter_meetings

    people = [Participant("Ann Lee"), Participant("Bo Ng")]
    dated = [Meeting("a", people, date=d) for d in ("2023", "2024-03", "2024-03-04", None)]
    assert [m.date for m in filter_meetings(dated, until="2024-03-01")] == ["2023", "2024-03"]
    assert [m.date for m in filter_meetings(dated, since="2024-03-02", until="2024-12")] == ["2024-03-04"]
    assert len(filter_meetings(dated)) == 4


RECORD = {
    "participants": [{"name": "Ann Lee", "role": "mayor"}, {"name": "Bo | Ng", "role": None}],
    "kind": "meeting", "status": "planned", "place": "Oslo <b>", "reason": None,
    "time_text": "on Monday", "date": "2024-03-04", "sources": ["a"],
    "evidence": [{"article": "a", "paragraph": 2, "text": "Lee will meet *Ng*, she said.",
                  "citation": "Town news · 2024-03-01 · ¶2"}],
}


def test_csv_and_markdown_quote_what_would_break_them():
    [row] = list(csv.DictReader(io.StringIO(as_csv([RECORD]))))
    assert row["participants"] == "Ann Lee, mayor; Bo | Ng" and row["status"] == "planned"
    markdown = as_markdown([RECORD])
    assert "## on Monday (2024-03-04) · meeting (planned): Ann Lee, mayor — Bo \\| Ng" in markdown
    assert "Oslo \\<b\\>" in markdown and "\\*Ng\\*" in markdown
    assert "> — *Town news · 2024-03-01 · ¶2*" in markdown


def test_chat_export_cites_meeting_records():
    evidence = Evidence(article="a", title="Town news", date="2024-03-01", paragraph=2,
                        text="Lee will meet Ng, she said.")
    answer = Answer(question="Who will Lee meet?", answer="Bo Ng", evidence=evidence,
                    meetings=[RECORD])
    text = conversation_markdown([Turn(question=answer.question, answer=answer)])
    assert "— *Town news · 2024-03-01 · ¶2* (article `a`)" in text
    assert "  > Lee will meet *Ng*, she said. — *Town news · 2024-03-01 · ¶2*" in text


def test_each_part_of_a_composite_answer_is_cited_in_the_export_and_the_terminal():
    from qa.terminal import format_answer

    first = Evidence(article="a", title="Town news", date="2024-03-01", paragraph=1, text="Ann Lee heads the union.")
    second = Evidence(article="a", title="Town news", date="2024-03-01", paragraph=3, text="Lee runs the port of Vik.")
    answer = Answer(question="Who heads the union, and which port does she run?", answer="Ann Lee", evidence=first,
                    parts=[Answer(question="which port does Ann Lee run?", answer="Vik", evidence=second),
                           Answer(question="when did Ann Lee start?", answer="", evidence=None)])
    text = conversation_markdown([Turn(question=answer.question, answer=answer)])
    assert "**Answer:** Ann Lee" in text and "**Answer:** Vik" in text and "¶3" in text
    assert "*when did Ann Lee start?*" in text and "**The articles don't say.**" in text
    printed = format_answer(answer)
    assert "A: Vik" in printed and "Town news · 2024-03-01 · ¶3" in printed and "A: The articles don't say." in printed


def test_ask_json_meetings_carry_citations(runner, seeds_copy, tmp_path):
    result = invoke(runner, "ask", "Who did Mamlouk meet?", "--json", "--seeds", str(seeds_copy),
                    "--index", str(tmp_path / "index"))
    record = json.loads(result.stdout)
    for meeting in record.get("meetings", []):
        assert all(e["citation"].startswith(TITLE) for e in meeting["evidence"])
