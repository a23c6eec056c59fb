"""Contacts the parser or lemmatiser misreads, and occasions a negation does not undo, on
small invented sentences (real spaCy model)."""

from __future__ import annotations

import pytest

from .meeting_helpers import meetings_of, pairs_of, rule_meetings_of


def test_dined_is_a_dinner_whatever_the_lemmatiser_makes_of_it(nlp):
    [record] = meetings_of(nlp, "President Olaf Lund dined with President Karl Hahn at a hotel in Oslo on Wednesday.")
    assert record.kind == "dinner" and set(record.names()) == {"Olaf Lund", "Karl Hahn"}


def test_a_purpose_hung_on_a_time_noun_belongs_to_the_trip(nlp):
    [record] = meetings_of(nlp, "Foreign Minister Anna Berg is expected to travel to Tolvik before the end of "
                                "the year to meet her counterpart, Li Wen, officials said.")
    assert set(record.names()) == {"Anna Berg", "Li Wen"}
    assert record.status == "planned" and record.place == "Tolvik"


@pytest.mark.parametrize("sentence", [
    "Sports chief Karl Hahn also held a video call Wednesday with President Marc Dubois.",
    "Sports chief Karl Hahn also held a video call Wednesday with organizing committee president Marc Dubois.",
    "Sports chief Karl Hahn held talks with visiting Chinese Premier Marc Dubois on Monday.",
])
def test_a_name_the_parser_hangs_elsewhere_is_still_who_was_met(nlp, sentence):
    assert frozenset({"Karl Hahn", "Marc Dubois"}) in pairs_of(meetings_of(nlp, sentence))


@pytest.mark.parametrize("sentence, held", [
    ("Bank head Jean Morel said that in meetings with President Anna Berg he had not called for changes.", True),
    ("Jean Morel did not raise the issue during his talks with President Anna Berg on Monday.", True),
    ("Bank head Jean Morel did not attend the meeting with President Anna Berg.", False),
    ("Jean Morel was not at the meeting with President Anna Berg.", False),
])
def test_a_not_on_what_was_said_at_a_meeting_leaves_the_meeting(nlp, sentence, held):
    assert bool(meetings_of(nlp, sentence)) is held


def test_who_something_was_said_to_at_a_meeting_took_part(nlp):
    records = meetings_of(nlp, "Finance Minister Jean Morel resigned on Monday.",
                          "He made no commitment to Anna Berg in a private meeting on Tuesday.")
    assert frozenset({"Jean Morel", "Anna Berg"}) in pairs_of(records)


@pytest.mark.parametrize("sentence, names", [
    ("The talks were held on Sunday behind closed doors and brought together spy chief Mark Stone, "
     "envoy David Cohen and intelligence chief Samir Aziz.", {"Mark Stone", "David Cohen", "Samir Aziz"}),
    ("The meeting included Prime Minister Anna Berg and President Olaf Lund.", {"Anna Berg", "Olaf Lund"}),
])
def test_the_people_a_meeting_brought_together(nlp, sentence, names):
    [record] = meetings_of(nlp, sentence)
    assert set(record.names()) == names


def test_a_meeting_that_included_topics_gathers_no_one(nlp):
    assert meetings_of(nlp, "The meeting included talks on trade and a dinner.") == []


@pytest.mark.parametrize("sentence, group", [
    ("President Olaf Lund dined with American business executives at a hotel in Oslo on Wednesday.",
     "American business executives"),
    ("Prime Minister Anna Berg met firefighters at a fire station in Tolvik on Monday.", "firefighters"),
    ("Prime Minister Anna Berg met privately with families of the victims on Monday.", "families of the victims"),
])
def test_people_in_general_met_as_a_group(nlp, sentence, group):
    [record] = meetings_of(nlp, sentence)
    assert group in record.names()


def test_ones_own_aides_are_no_other_side(nlp):
    assert meetings_of(nlp, "Prime Minister Anna Berg met her aides on Monday.") == []


@pytest.mark.parametrize("first, second, pair", [
    ("The prime minister, Tom Vale, has begun a tour of the regions.",
     "On Monday the prime minister flew to Tolvik, where he met the first minister, Anna Berg, at Tolvik Castle.",
     {"Tom Vale", "Anna Berg"}),
    ("The culture secretary, Lucy Dale, spoke on Monday.",
     "She is also due to meet the chair of the fan-led review, Tracey Holm, next week.", {"Lucy Dale", "Tracey Holm"}),
])
def test_an_office_with_the_name_after_a_comma_is_that_person(nlp, first, second, pair):
    assert frozenset(pair) in pairs_of(meetings_of(nlp, first, second))


def test_spoke_by_video_link_with(nlp):
    records = meetings_of(nlp, "Chancellor Karl Hahn left for Niger on Saturday.",
                          "Before leaving Berlin, the chancellor spoke by video link with President Ivan Petrov on Friday.")
    assert [r.kind for r in records] == ["call"] and set(records[0].names()) == {"Karl Hahn", "Ivan Petrov"}


def test_face_to_face_is_how_they_met(nlp):
    [record] = meetings_of(nlp, "League chief Tom Vale and union boss Rick Parr last met face to face in December.")
    assert set(record.names()) == {"Tom Vale", "Rick Parr"}


@pytest.mark.parametrize("sentence, pair", [
    ("On Monday, business secretary Jon Reed toured the carmaker's Tolvik plant with bank chief Ian Stuart.",
     {"Jon Reed", "Ian Stuart"}),
    ("Former Prime Minister Olaf Lund walked through the city centre with President Anna Berg in April.",
     {"Olaf Lund", "Anna Berg"}),
])
def test_a_tour_with_someone_is_a_visit_with_them(nlp, sentence, pair):
    [record] = meetings_of(nlp, sentence)
    assert record.kind == "visit" and set(record.names()) == pair


@pytest.mark.parametrize("sentence", ["President Anna Berg toured the factory on Monday.", "Olaf Lund walked with his dog."])
def test_a_tour_alone_is_no_contact(nlp, sentence):
    assert meetings_of(nlp, sentence) == []


def test_an_office_named_after_a_comma_keeps_the_rest_of_the_list(nlp):
    [record] = meetings_of(nlp, "The US climate envoy, Tom Vale, and his Chinese counterpart, Li Wen, met on Saturday.")
    assert set(record.names()) == {"Tom Vale", "Li Wen"}


@pytest.mark.parametrize("sentence, events", [
    ("President Anna Berg met Prime Minister Tom Lund and Foreign Minister Olaf Vik on Monday.", 1),
    ("President Anna Berg held talks with Prime Minister Tom Lund and Foreign Minister Olaf Vik on Monday.", 1),
    ("President Anna Berg met Prime Minister Tom Lund and Foreign Minister Olaf Vik separately on Monday.", 2),
    ("President Anna Berg held separate talks with Prime Minister Tom Lund and Foreign Minister Olaf Vik.", 2),
    ("President Anna Berg held meetings with Prime Minister Tom Lund and Foreign Minister Olaf Vik on Monday.", 2),
])
def test_one_met_with_several_is_one_meeting_unless_told_apart(nlp, sentence, events):
    records = meetings_of(nlp, sentence)
    assert len(records) == events
    assert {n for r in records for n in r.names()} == {"Anna Berg", "Tom Lund", "Olaf Vik"}


def test_arrived_and_was_greeted_by(nlp):
    [record] = meetings_of(nlp, "Prime Minister Tom Vale arrived in Auckland on Thursday night and was greeted at the "
                                "airport by Foreign Minister Ivan Petrov.")
    assert set(record.names()) == {"Tom Vale", "Ivan Petrov"}


def test_met_then_prime_minister(nlp):
    records = meetings_of(nlp, "The last visit was in December 2015, when Anna Berg travelled to Islamabad for the "
                               "conference and met then Prime Minister Tom Vale.")
    assert frozenset({"Anna Berg", "Tom Vale"}) in pairs_of(records)


def test_malaysian_honorifics_are_no_part_of_the_name(nlp):
    from qa.names import names_match
    assert names_match("Datuk Seri Anwar", "Anwar Ibrahim")


def test_a_group_hosted_for_dinner_is_named_without_the_dinner(nlp):
    [record] = meetings_of(nlp, "Prime Minister Anna Berg hosted both delegations for dinner at her residence on Monday.")
    assert "delegations" in record.names()


def test_received_by_a_titled_name_the_recogniser_took_for_a_product(nlp):
    records = meetings_of(nlp, "Sports chief Marco Rossi flew to Riyadh.",
                          "Rossi was later received by Crown Prince Khalid bin Fahd at Al-Yamamah Palace.")
    assert frozenset({"Marco Rossi", "Khalid bin Fahd"}) in pairs_of(records)


def test_a_proposal_received_is_no_contact(nlp):
    assert meetings_of(nlp, "The proposal was received by Prime Minister Anna Berg on Monday.") == []


def test_the_title_inside_the_name_is_the_role_the_crown_prince_refers_to(nlp):
    records = meetings_of(nlp, "Crown Prince Khalid bin Fahd arrived in Delhi on Sunday.",
                          "Foreign minister Sunil Ravi had called on the crown prince on Sunday evening.")
    assert frozenset({"Sunil Ravi", "Khalid bin Fahd"}) in pairs_of(records)


def test_names_parsed_as_modifiers_of_last_are_who_met(nlp):
    records = meetings_of(nlp, "Prime Minister Anthony Albanese met President Xi Jinping in Beijing on Monday.",
                          "Mr Albanese and Mr Xi last met in Bali in November last year.")
    assert {r.place for r in records} == {"Beijing", "Bali"}


def test_hosted_read_as_an_adjective_of_the_guest_is_still_the_verb(nlp):
    [record] = meetings_of(nlp, "Norland's Prime Minister Tomas Lund spoke on Monday.",
                           "Lund hosted German Chancellor Anna Berg in Oslo on Tuesday.")
    assert (record.names(), record.place, record.time_text) == (["Tomas Lund", "Anna Berg"], "Oslo", "on Tuesday")


def test_guests_of_a_dinner_hung_on_where_it_was_held(nlp):
    [record] = meetings_of(nlp, "President Anna Berg hosted a dinner at the palace in Oslo for President Tomas Lund "
                                "and other Nordic leaders on Monday.")
    assert record.kind == "dinner" and record.names()[:2] == ["Anna Berg", "Tomas Lund"]


def test_a_dinner_for_a_cause_has_no_guest(nlp):
    assert meetings_of(nlp, "President Anna Berg hosted a dinner for charity at the palace on Monday.") == []


def test_an_office_after_an_organisation_and_its_acronym_is_the_person_met(nlp):
    [record] = rule_meetings_of(nlp, "Karl Lund held talks in New York with Finance Minister Ada Berg, Central Bank "
                                     "chief Tom Dahl and International Monetary Fund (IMF) head Ola Vik.")
    assert record.names() == ["Karl Lund", "Ada Berg", "Tom Dahl", "Ola Vik"]


def test_an_office_listed_with_its_name_parsed_as_another_object_is_one_meeting(nlp):
    [record] = rule_meetings_of(nlp, "Finance Secretary Karl Lund met Norlandic Finance Minister Ada Berg and Central "
                                     "Bank President Ola Vik today in Tolvik.")
    assert record.names() == ["Karl Lund", "Ada Berg", "Ola Vik"]


def test_a_name_never_holds_a_lower_case_verb(nlp):
    from spacy.tokens import Span

    from qa.nlp import _verbless_names

    doc = nlp("Ekholm phoned Dunmore on Monday to congratulate him.")
    doc.ents = [Span(doc, 0, 3, label="ORG")]  # the recogniser's slip: "Ekholm phoned Dunmore", one firm
    assert [(e.text, e.label_) for e in _verbless_names(doc).ents] == [("Ekholm", "ORG"), ("Dunmore", "ORG")]


def test_a_sport_that_only_tells_when_leaves_the_meeting(nlp):
    [record] = rule_meetings_of(nlp, "Federation president Karl Lund met FIFA president Ada Berg in Doha in December, "
                                     "on the eve of the World Cup final, to lobby for the bid.")
    assert record.names() == ["Karl Lund", "Ada Berg"] and record.place == "Doha"


@pytest.mark.parametrize("sentence", [
    "US envoy Olaf Lund met Premier Ada Berg on Tuesday and Vice President Nils Dahl on Wednesday.",
    "Envoy Olaf Lund met Defence Minister Ada Berg on Tuesday, and Nils Dahl, the party's chief, on Wednesday.",
])
def test_one_verb_for_two_contacts_on_two_days(nlp, sentence):
    # the parser hangs the second person on the first one's day, or on the verb
    records = rule_meetings_of(nlp, sentence)
    assert sorted((tuple(r.names()), r.time_text) for r in records) == [
        (("Olaf Lund", "Ada Berg"), "on Tuesday"), (("Olaf Lund", "Nils Dahl"), "on Wednesday")]


def test_a_person_visited_is_known_by_the_office_written_beside_the_name(nlp):
    [record] = rule_meetings_of(nlp, "Shipping chief Karl Hahn said he will visit Ola Vik, director-general of the "
                                     "harbour board, next week.")
    assert record.kind == "visit" and record.names() == ["Karl Hahn", "Ola Vik"] and record.status == "planned"


def test_a_town_visited_is_no_person_though_a_phrase_follows_it(nlp):
    assert rule_meetings_of(nlp, "President Ada Berg visited Tolvik, the capital, on Monday.") == []
