"""Place phrasings the parser bends: behaviours on invented sentences (real spaCy model)."""

from __future__ import annotations

from .meeting_helpers import meetings_of


def test_flying_into_a_town_and_meeting_there(nlp):
    [record] = meetings_of(nlp, "Governor Ada Berg flew into Bergen on Friday and met Tomas Lund before the session.")
    assert record.place == "Bergen"


def test_the_place_hung_on_who_was_met(nlp):
    [record] = meetings_of(nlp, "Tomas Lund is due to meet leaders of the parties backing him at the Tolvik Palace "
                                "on Friday.")
    assert record.place is not None and "Tolvik Palace" in record.place
