"""The one name matcher shared by the answer and meetings layers, on invented names."""

from __future__ import annotations

import pytest

from qa.names import name_key, names_match


@pytest.mark.parametrize("short, full", [
    ("Brenning", "Ola Brenning"),             # surname
    ("Xi", "Xi Jinping"),                     # family name first
    ("Park", "Park Min Jun"),                 # family name first, three words
    ("Ekholm", "Tomas Ekholm Vik"),           # a middle family name
    ("Ida Brenner", "Ida K Brenner"),         # middle initial
    ("O Brenning", "Ola Brenning"),           # first name by its initial
    ("Bernie Brenning", "Bernard Brenning"),  # a short form of the first name
    ("NBA", "Norland Banking Authority"),     # acronym
    ("President Ola Brenning", "Ola Brenning"),
])
def test_one_person_written_two_ways(short, full):
    assert names_match(short, full) and names_match(full, short)


@pytest.mark.parametrize("a, b", [
    ("Ola Brenning", "Karl Brenning"),
    ("Tomas", "Tomas Ekholm Vik Lund"),
    ("Ola Brenning", "Ada Berg"),
    ("Ola Brenning", "Olga Brenning"),        # a couple: the same initial is no initial
])
def test_different_people_do_not_match(a, b):
    assert not names_match(a, b)


def test_a_possessive_pronoun_is_no_part_of_a_group_name():
    assert name_key("its 14-bank advisory committee") == name_key("14-bank advisory committee")
    assert names_match("steering committee for its creditor banks", "steering committee for creditor banks")


def test_articles_are_no_part_of_a_group_name():
    assert names_match("leaders of six Gulf states", "the leaders of the six Gulf states, Norland and Skarn")


def test_an_abbreviated_country_matches_its_name():
    assert names_match("U.S.", "United States") and names_match("U.K.", "Britain")


def test_the_arabic_article_joined_to_a_family_name():
    assert names_match("Burhan", "Abdel Fattah al-Burhan")
    assert names_match("al-Burhan", "Burhan")
    assert not names_match("Abdulaziz bin Tolvik", "Mohammed bin Tolvik")
