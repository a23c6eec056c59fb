"""Place phrasings the parser or the recogniser bends: behaviours on invented sentences (real spaCy model)."""

from __future__ import annotations

from .meeting_helpers import meetings_of


def test_a_venue_of_whoever_is_named_by_a_pronoun(nlp):
    [record] = meetings_of(nlp, "Ola Dahl's family met Tomas Lund in his office in February.")
    assert record.place == "his office"


def test_a_place_after_in_is_never_a_person_met(nlp):
    from spacy.tokens import Span

    from qa.meetings.arguments import place_names

    doc = nlp("Karl Ekholm held talks with Tomas Lund in Skarnvik in July.")
    town = next(t for t in doc if t.text == "Skarnvik")
    doc.ents = [Span(doc, 0, 2, "PERSON"), Span(doc, 5, 7, "PERSON"), Span(doc, town.i, town.i + 1, "PERSON")]
    assert place_names(town, "in") == ["Skarnvik"]
    assert place_names(town, "with") == []


def test_flying_into_a_town_and_meeting_there(nlp):
    [record] = meetings_of(nlp, "Governor Ada Berg flew into Bergen on Friday and met Tomas Lund before the session.")
    assert record.place == "Bergen"


def test_the_place_hung_on_who_was_met(nlp):
    [record] = meetings_of(nlp, "Tomas Lund is due to meet leaders of the parties backing him at the Tolvik Palace "
                                "on Friday.")
    assert record.place is not None and "Tolvik Palace" in record.place
