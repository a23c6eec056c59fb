"""The participant model: who of those named around a contact is kept."""

from __future__ import annotations

from qa.meetings import confidence, pairs
from qa.meetings.confidence import FEATURES, ParticipantModel

from .meeting_helpers import meetings_of

SENTENCE = "Karl Dunmore, the harbour chief, met Ola Brenning, the port director, and Tomas Lund in Bergen on Monday."


def _only(feature: str, weight: float) -> ParticipantModel:
    """A model whose probability rises with one feature only."""
    weights = [weight if name == feature else 0.0 for name in FEATURES]
    return ParticipantModel(weights, 0.0, [0.5] * len(FEATURES), [1.0] * len(FEATURES), threshold=0.5)


def test_the_shipped_model_loads_with_the_features_it_was_trained_on():
    model = ParticipantModel.load()
    assert model is not None and len(model.weights) == len(FEATURES) and 0.0 <= model.threshold < 1.0


def test_a_participant_under_the_threshold_is_dropped(nlp, monkeypatch):
    monkeypatch.setattr(pairs, "shipped_model", lambda: None)  # the participant model alone
    monkeypatch.setattr(confidence, "shipped_model", lambda: _only("has_role", 5.0))
    [record] = meetings_of(nlp, SENTENCE)
    assert set(record.names()) == {"Karl Dunmore", "Ola Brenning"}  # Lund has no role written


def test_a_record_left_with_one_participant_goes(nlp, monkeypatch):
    monkeypatch.setattr(pairs, "shipped_model", lambda: None)  # the participant model alone
    monkeypatch.setattr(confidence, "shipped_model", lambda: _only("has_role", -5.0))
    assert meetings_of(nlp, SENTENCE) == []


def test_while_collecting_everyone_stays_and_each_gets_features(nlp, monkeypatch):
    monkeypatch.setattr(confidence, "shipped_model", lambda: _only("has_role", 5.0))
    with confidence.collecting() as rows:
        [record] = meetings_of(nlp, SENTENCE)
    assert len(record.participants) == 3 and len(rows) == 3
    assert all(len(values) == len(FEATURES) for _record, _participant, values in rows)


def test_the_shipped_model_keeps_two_named_people_who_met(nlp):
    [record] = meetings_of(nlp, "Karl Dunmore met Ola Brenning in Bergen on Monday.")
    assert set(record.names()) == {"Karl Dunmore", "Ola Brenning"}
