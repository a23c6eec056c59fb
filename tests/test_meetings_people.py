"""Who takes part in a contact: names, groups and references, on small invented articles
(real spaCy model)."""

from __future__ import annotations

import pytest

from qa.meetings import Meeting, extract_meetings
from qa.models import Article
from qa.nlp import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def _meetings(nlp, *paragraphs: str) -> list[Meeting]:
    article = Article(id="t/3", title="Test", paragraphs=tuple(paragraphs), date="2023-03-15")
    return extract_meetings(article, nlp)


def _pairs(meetings: list[Meeting]) -> set[frozenset[str]]:
    return {frozenset(p) for m in meetings for p in m.pairs()}


def test_their_is_never_the_one_who_reports_it(nlp):
    records = _meetings(nlp, "Chief of Staff Ola Brenning noted President Tom Lund's invitation to Norland "
                             "leader Piet Berg to visit Washington, made at their first summit in Oslo in 1985, "
                             "was still open.")
    assert frozenset({"Tom Lund", "Piet Berg"}) in _pairs(records)
    assert not any("Ola Brenning" in pair for pair in _pairs(records))


def test_surname_later_is_the_person_the_lead_names_in_full(nlp):
    records = _meetings(
        nlp,
        "Central bank governor Tomas Ekholm should push Norland towards reform, a newspaper said.",
        "The paper said the bureaucracy was slow.",
        "It added that exports had fallen.",
        "Analysts agreed.",
        "Ekholm arrived on Saturday and will have talks with President Ada Berg tomorrow.",
        "Today he was touring the north, and was scheduled to meet leading economic ministers in the afternoon.",
    )
    pairs = _pairs(records)
    assert frozenset({"Tomas Ekholm", "Ada Berg"}) in pairs
    assert frozenset({"Tomas Ekholm", "leading economic ministers"}) in pairs
    assert frozenset({"Ada Berg", "leading economic ministers"}) not in pairs


def test_delegation_led_by_a_person_is_that_person(nlp):
    [record] = _meetings(nlp, "A trade mission headed by Commerce Minister Ada Berg held talks with Prime "
                              "Minister Piet Dunmore on Monday.")
    assert {p.name for p in record.participants} == {"Ada Berg", "Piet Dunmore"}


def test_group_name_as_written_without_its_possessive(nlp):
    [record] = _meetings(nlp, "Central bank governor Tomas Ekholm said after talks with its 14-bank advisory "
                              "committee yesterday that no payment would be made.")
    assert {p.name for p in record.participants} == {"Tomas Ekholm", "14-bank advisory committee"}


def test_countries_listed_with_a_bloc_are_no_meeting(nlp):
    assert _meetings(nlp, "The leaders of the bloc, France, Italy, Spain and Portugal, are expected to "
                          "discuss ways of improving trade at their summit.") == []


def test_they_of_a_where_clause_are_the_people_of_its_talks(nlp):
    records = _meetings(nlp, "King Harald hosted a banquet at the palace for Kenyan President Ada Berg.",
                        "The Kenyan president also held talks with Prime Minister Piet Dunmore at Downing "
                        "Street, where they discussed trade and fishing.")
    talks = [r for r in records if r.kind == "talks"]
    assert talks and {p.name for p in talks[0].participants} == {"Ada Berg", "Piet Dunmore"}
    assert "fishing" in talks[0].reason


def test_an_event_apposed_to_a_name_is_not_their_role(nlp):
    [record] = _meetings(nlp, "King Harald hosted a state banquet for Kenyan President Ada Berg, the first state "
                              "visit of his reign.")
    berg = next(p for p in record.participants if p.name == "Ada Berg")
    assert "visit" not in (berg.role or "")


def test_counted_leaders_are_the_people_of_the_contact_before(nlp):
    records = _meetings(nlp, "President Tom Lund cancelled a planned summit in Oslo with Ada Berg and Piet Dunmore.",
                        "The three leaders instead plan to meet on Saturday, Berg told reporters.")
    planned = [r for r in records if r.status == "planned"]
    assert planned and {"Tom Lund", "Ada Berg"} <= {p.name for p in planned[0].participants}


def test_members_of_a_group_that_are_firms_are_not_people_who_met(nlp):
    records = _meetings(nlp, "Finance Minister Ada Berg met the bosses of the biggest banks on Friday.",
                        "Lenders including Barclays, HSBC, Lloyds and NatWest attended the meeting.")
    assert not any("Barclays" in pair for pair in _pairs(records))


def test_addressing_a_meeting_is_a_speech(nlp):
    assert _meetings(nlp, "President Ada Berg is due to address a joint meeting of Congress on Thursday.") == []


def test_he_who_says_he_will_call_is_the_one_reporting(nlp):
    records = _meetings(nlp, "President Tom Lund, who held talks with Prime Minister Ada Berg in Oslo on Thursday, "
                             "said he planned to speak to Piet Dunmore by phone in the coming days.")
    assert frozenset({"Tom Lund", "Piet Dunmore"}) in _pairs(records)
    assert frozenset({"Ada Berg", "Piet Dunmore"}) not in _pairs(records)


def test_bosses_of_named_firms_are_a_group_met(nlp):
    [record] = _meetings(nlp, "Finance Minister Ada Berg has met the bosses of major banks and building societies "
                              "to discuss help for homeowners.")
    assert {p.name for p in record.participants} >= {"Ada Berg"} and len(record.participants) == 2
    assert "homeowners" in record.reason


def test_bare_offices_met_are_nobody_in_particular(nlp):
    assert _meetings(nlp, "Prime Minister Ada Berg made a surprise visit to Oslo, where she met bosses.") == []


def test_joining_leaders_for_a_summit_is_meeting_them(nlp):
    [record] = _meetings(nlp, "President Tom Lund will join other G20 leaders on Tuesday for the summit's formal sessions.")
    assert {p.name for p in record.participants} == {"Tom Lund", "other G20 leaders"}


def test_joining_an_alliance_is_no_meeting(nlp):
    assert _meetings(nlp, "President Tom Lund said Norland would join NATO next year.") == []


def test_who_hosts_the_leaders_meeting_takes_part(nlp):
    [record] = _meetings(nlp, "Prime Minister Ada Berg will host the next Quad leaders' meeting in 2023.")
    assert "Ada Berg" in {p.name for p in record.participants}


def test_people_who_attended_the_meeting_join_the_one_just_reported(nlp):
    records = _meetings(nlp, "Prime Minister Ada Berg has met the bosses of three fishing companies in Oslo.",
                        "Tom Lund of Nordfisk, Piet Dunmore of Havbruk and Ola Vik of Skarnfisk attended the "
                        "meeting on Wednesday.")
    pairs = _pairs(records)
    assert {frozenset({"Ada Berg", "Tom Lund"}), frozenset({"Ada Berg", "Piet Dunmore"}),
            frozenset({"Tom Lund", "Piet Dunmore"})} <= pairs
