"""Reasons told by what the sides exchanged, urged or said the contact covered."""

from __future__ import annotations

import pytest

from .meeting_helpers import meetings_of


@pytest.mark.parametrize("sentence", [
    "Anna Berg met Tomas Lund at the ministry on Tuesday and exchanged views on fishing quotas.",
    "Anna Berg met Tomas Lund in Oslo, where they exchanged views on fishing quotas.",
])
def test_what_the_two_exchanged_views_on_is_the_topic(nlp, sentence):
    [record] = meetings_of(nlp, sentence)
    assert record.reason == "fishing quotas"


def test_what_they_signed_where_they_met_is_no_topic(nlp):
    [record] = meetings_of(nlp, "Anna Berg met Tomas Lund in Oslo, where they signed a deal on fishing.")
    assert record.reason is None


@pytest.mark.parametrize("sentence", [
    "Anna Berg urged Tomas Lund on Thursday to lift the tariffs, during talks at the castle.",
    "During talks at the castle, Anna Berg urged Tomas Lund to lift the tariffs.",
    "Anna Berg met Tomas Lund and the other envoys on Wednesday and pressed them to lift the tariffs.",
])
def test_what_one_side_urged_at_the_contact_is_its_reason(nlp, sentence):
    assert {m.reason for m in meetings_of(nlp, sentence)} == {"to lift the tariffs"}


@pytest.mark.parametrize("second", [
    "Anna Berg and Tomas Lund then held private talks, which officials said covered fishing quotas.",
    "The pair held talks that lasted an hour on Thursday, covering fishing quotas.",
])
def test_what_officials_said_the_talks_covered(nlp, second):
    [record] = meetings_of(nlp, "Anna Berg met Tomas Lund in Oslo on Thursday.", second)
    assert record.reason == "fishing quotas"


@pytest.mark.parametrize("sentence", [
    "Ada Berg and Tomas Lund held fishing quota talks on Monday.",
    "President Ada Berg and Speaker Tomas Lund met in the Blue Room on Monday for more than an hour of fishing quota "
    "negotiations.",
])
def test_what_talks_are_named_after_is_their_topic(nlp, sentence):
    [record] = meetings_of(nlp, sentence)
    assert record.reason == "fishing quota"


def test_crisis_talks_say_how_they_were_held_not_what_about(nlp):
    [record] = meetings_of(nlp, "Ada Berg and Tomas Lund held crisis talks on Monday.")
    assert record.reason is None
