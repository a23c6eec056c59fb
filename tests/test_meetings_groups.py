"""Groups as one side of a contact ("Skarnish officials", "the bosses of its banks"), their
named members, and bodies that are no one met, on small invented articles (real spaCy model)."""

from __future__ import annotations

import pytest

from .meeting_helpers import meetings_of, pairs_of, rule_meetings_of


def test_delegation_led_by_a_person_is_that_person(nlp):
    [record] = meetings_of(nlp, "A trade mission headed by Commerce Minister Ada Berg held talks with Prime "
                              "Minister Piet Dunmore on Monday.")
    assert {p.name for p in record.participants} == {"Ada Berg", "Piet Dunmore"}


def test_group_name_as_written_without_its_possessive(nlp):
    [record] = meetings_of(nlp, "Central bank governor Tomas Ekholm said after talks with its 14-bank advisory "
                              "committee yesterday that no payment would be made.")
    assert {p.name for p in record.participants} == {"Tomas Ekholm", "14-bank advisory committee"}


def test_counted_leaders_are_the_people_of_the_contact_before(nlp):
    records = meetings_of(nlp, "President Tom Lund cancelled a planned summit in Oslo with Ada Berg and Piet Dunmore.",
                        "The three leaders instead plan to meet on Saturday, Berg told reporters.")
    planned = [r for r in records if r.status == "planned"]
    assert planned and {"Tom Lund", "Ada Berg"} <= {p.name for p in planned[0].participants}


def test_members_of_a_group_that_are_firms_are_not_people_who_met(nlp):
    records = meetings_of(nlp, "Finance Minister Ada Berg met the bosses of the biggest banks on Friday.",
                        "Lenders including Barclays, HSBC, Lloyds and NatWest attended the meeting.")
    assert not any("Barclays" in pair for pair in pairs_of(records))


def test_bosses_of_named_firms_are_a_group_met(nlp):
    [record] = meetings_of(nlp, "Finance Minister Ada Berg has met the bosses of Norland's largest lenders "
                              "to discuss help for homeowners.")
    assert {p.name for p in record.participants} >= {"Ada Berg"} and len(record.participants) == 2
    assert "homeowners" in record.reason


def test_group_side_folds_into_the_named_member_met(nlp):
    records = meetings_of(nlp, "Foreign Minister Karl Dunmore arrived in Oslo for talks with Norwegian leaders "
                             "likely to focus on fishing quotas.",
                        "Dunmore drove straight from the airport to a meeting with Norwegian Foreign Minister "
                        "Ola Brenning.")
    assert pairs_of(records) == {frozenset({"Karl Dunmore", "Ola Brenning"})}
    [record] = records
    assert record.place == "Oslo" and "fishing quotas" in record.reason


def test_group_side_stays_without_a_named_member(nlp):
    records = meetings_of(nlp, "Karl Dunmore held talks with Norwegian officials in Oslo.")
    assert pairs_of(records) == {frozenset({"Karl Dunmore", "Norwegian officials"})}


def test_plural_counterparts_are_a_group_not_one_person(nlp):
    [record] = meetings_of(nlp, "EU Commission President Anna Berg said the plan was urgent.",
                         "UK Prime Minister Tomas Lund is meeting his EU counterparts to finalise a package "
                         "of measures.")
    assert "Anna Berg" not in record.names()


def test_named_members_of_a_group_met_too(nlp):
    records = meetings_of(nlp, "Karl Dunmore met with Norland senators, including Ola Brenning and Tomas Lund, "
                             "in Tolvik on Friday.")
    assert {frozenset({"Karl Dunmore", "Ola Brenning"}), frozenset({"Karl Dunmore", "Tomas Lund"})} <= pairs_of(records)


def test_their_own_delegations_are_no_other_side(nlp):
    records = meetings_of(nlp, "President Tom Lund and Prime Minister Ada Berg met on Monday in Oslo.",
                          "The two leaders shook hands before sitting down with their delegations.",
                          "Officials said the talks were aimed at ending the fishing dispute.")
    assert pairs_of(records) == {frozenset({"Tom Lund", "Ada Berg"})}
    assert any("fishing dispute" in (r.reason or "") for r in records)


def test_talks_between_firms_the_recogniser_names_as_such_are_no_meeting(nlp):
    assert meetings_of(nlp, "Industry sources said talks between Norbank Holdings Inc and Elm Port Systems Ltd "
                            "had been taking place for some months.") == []


def test_a_group_s_name_leaves_out_the_setting_and_is_never_cut_mid_phrase(nlp):
    [meeting] = meetings_of(nlp, "Chancellor Lena Holt met the heads of four of the region's largest shipping "
                                 "firms at Tolvik Castle to discuss port fees.")
    names = {p.name for p in meeting.participants}
    assert "heads of four of the region's largest shipping firms" in names
    assert meeting.place == "Tolvik Castle"
    [hosted] = meetings_of(nlp, "Premier Anil Vora is hosting a meeting of mayors of the country's largest "
                                "cities at Tolvik Hall this week.")
    assert "mayors of the country's largest cities" in {p.name for p in hosted.participants}


def test_a_group_s_name_leaves_out_what_they_do(nlp):
    [meeting] = meetings_of(nlp, "Treasury Secretary Ann Morrow will meet executives of Norlandic banks working "
                                 "in Skarn on Monday before returning to Oslo.")
    assert "executives of Norlandic banks" in {p.name for p in meeting.participants}


def test_a_list_of_nationalities_before_a_group_is_part_of_its_name(nlp):
    found = meetings_of(nlp, "Prices will rise, Commissioner Ola Vik told reporters after meeting Swiss, "
                             "Austrian, and Italian transport ministers.")
    assert pairs_of(found) == {frozenset({"Ola Vik", "Swiss, Austrian, and Italian transport ministers"})}


@pytest.mark.parametrize("sentence", [
    "President Tomas Lund hosted the prime ministers of Estonia and Latvia, Kaja Kallas and Evika Silina, for talks on Thursday.",
    "Secretary of State Tomas Lund hosted the foreign ministers of Armenia and Azerbaijan, Ararat Vik and Jeyhun Berg, "
    "for a fourth day of peace talks on Thursday.",
])
def test_a_group_named_by_its_members_is_its_members(nlp, sentence):
    [record] = meetings_of(nlp, sentence)
    assert len(record.participants) == 3 and not any("minister" in n for n in record.names())


def test_two_groups_joined_by_and_are_one_side(nlp):
    [record] = rule_meetings_of(nlp, "Finance minister Ada Berg hosted visiting finance ministers and central bank "
                                     "governors at a dinner on Wednesday evening.")
    assert [p.name for p in record.participants] == [
        "Ada Berg", "visiting finance ministers and central bank governors"]


def test_separate_talks_of_several_with_a_group_are_one_contact_each(nlp):
    records = rule_meetings_of(nlp, "Tomas Ekholm and Ada Berg, who accompanied the king, held separate talks "
                                    "with their Skarnish counterparts on Monday.")
    assert pairs_of(records) == {frozenset({"Tomas Ekholm", "Skarnish counterparts"}),
                                 frozenset({"Ada Berg", "Skarnish counterparts"})}


def test_a_named_summit_hosted_is_the_occasion_not_someone_met(nlp):
    records = rule_meetings_of(nlp, "President Ola Vik has hosted a “Tolvik Summit for Peace” attended by leaders "
                                    "from the Nordic countries, but the gathering ended without a statement.")
    assert all("Summit" not in name for r in records for name in r.names())


def test_a_government_is_a_body_not_people_met(nlp):
    assert not rule_meetings_of(nlp, "Foreign Secretary Tomas Ekholm is due to hold talks with the Skarnish "
                                     "government on Friday.")


@pytest.mark.parametrize("sentence, group", [
    ("Minority Leader Karl Lund met with House Democrats behind closed doors.", "House Democrats"),
    ("Speaker Karl Lund huddled with House Republicans in the Capitol basement on Tuesday.", "House Republicans"),
    ("Chancellor Karl Lund last met lenders in December.", "lenders"),
    ("Vice President Ada Berg is expected to meet privately with the family before the service.", "family"),
])
def test_party_members_lenders_and_a_family_are_groups_met(nlp, sentence, group):
    [record] = rule_meetings_of(nlp, sentence)
    assert record.names()[1] == group


def test_players_huddling_meet_nobody(nlp):
    assert rule_meetings_of(nlp, "The players huddled in the cold before kick-off.") == []
