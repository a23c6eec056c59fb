"""The pair model: two names around a contact word that no rule paired."""

from __future__ import annotations

from qa.meetings import pairs
from qa.meetings.mentions import gather_people
from qa.meetings.pairs import FEATURES, PairModel, candidates
from qa.meetings.triggers import find_triggers

from .meeting_helpers import meetings_of

MISSED = "The resignation of Anna Lund was accepted during a meeting with President Erik Berg on Monday."
PAIR = frozenset({"Anna Lund", "Erik Berg"})


def _always(probability_sign: float) -> PairModel:
    """A model that finds every pair likely (+1) or unlikely (-1)."""
    return PairModel([0.0] * len(FEATURES), 30.0 * probability_sign, [0.0] * len(FEATURES),
                     [1.0] * len(FEATURES), threshold=0.5)


def _values(nlp, sentence: str, first: str, second: str) -> dict[str, float]:
    doc = nlp(sentence)
    people = gather_people([doc])
    rows = pairs.candidate_rows(doc, find_triggers(doc), people, 1, None, [], sentence, "Test")
    row = next(r for r in rows if {r.first.participant.name, r.second.participant.name} == {first, second})
    return dict(zip(FEATURES, row.values))


def test_the_shipped_model_loads_with_the_features_it_was_trained_on():
    model = PairModel.load()
    assert model is not None and len(model.weights) == len(FEATURES) and 0.0 < model.threshold < 1.0


def test_candidates_are_the_people_bodies_and_groups_a_sentence_names_once_each(nlp):
    doc = nlp("Anna Lund met the Paris Club on Monday, and union leaders joined Lund later.")
    found = [(c.participant.name, c.label) for c in candidates(doc, gather_people([doc]), None)]
    assert found == [("Anna Lund", "PERSON"), ("Paris Club", "ORG"), ("union leaders", "GROUP")]


def test_a_pronoun_subject_stands_for_the_person_given(nlp):
    doc = nlp("She met Erik Berg in Tolvhamn.")
    found = [(c.participant.name, c.label) for c in candidates(doc, gather_people([doc]), "Anna Lund")]
    assert found == [("Anna Lund", "PRONOUN"), ("Erik Berg", "PERSON")]


def test_the_two_sides_of_a_contact_are_told_apart(nlp):
    across = _values(nlp, "Anna Lund met Erik Berg in Tolvhamn.", "Anna Lund", "Erik Berg")
    assert across["opposite_sides"] == 1.0 and across["person_across_from_person"] == 1.0
    apart = _values(nlp, "Ada Vik held separate meetings with Erik Berg and Tom Dahl on Sunday.", "Erik Berg", "Tom Dahl")
    assert apart["both_objects"] == 1.0 and apart["separately"] == 1.0 and apart["opposite_sides"] == 0.0


def test_the_reporter_of_a_contact_is_marked(nlp):
    values = _values(nlp, "Erik Berg held talks with the union, Anna Lund said on Monday.", "Erik Berg", "Anna Lund")
    assert values["reporter"] == 1.0 and values["reporting_clause"] == 1.0


def test_a_likely_pair_no_rule_kept_becomes_a_record_with_the_contacts_details(nlp, monkeypatch):
    monkeypatch.setattr(pairs, "shipped_model", lambda: None)
    assert meetings_of(nlp, MISSED) == []
    monkeypatch.setattr(pairs, "shipped_model", lambda: _always(+1))
    [record] = meetings_of(nlp, MISSED)
    assert set(record.names()) == PAIR and record.participants[1].role == "President"
    assert (record.kind, record.status, record.time_text) == ("meeting", "happened", "on Monday")
    assert record.evidence[0]["text"] == MISSED and record.date == "2023-03-13"


def test_an_unlikely_pair_adds_nothing(nlp, monkeypatch):
    monkeypatch.setattr(pairs, "shipped_model", lambda: _always(-1))
    assert meetings_of(nlp, MISSED) == []


def test_the_same_pair_in_two_sentences_is_one_record_with_both_unless_the_days_differ(nlp, monkeypatch):
    monkeypatch.setattr(pairs, "shipped_model", lambda: _always(+1))
    same_day = "The budget of Anna Lund was approved during a meeting with President Erik Berg on Monday."
    [record] = meetings_of(nlp, MISSED, same_day)
    assert len(record.evidence) == 2
    next_day = same_day.replace("Monday", "Tuesday")
    assert sorted(m.time_text for m in meetings_of(nlp, MISSED, next_day)) == ["on Monday", "on Tuesday"]


def test_while_collecting_every_candidate_is_handed_over_and_none_kept(nlp, monkeypatch):
    monkeypatch.setattr(pairs, "shipped_model", lambda: _always(+1))
    with pairs.collecting() as rows:
        records = meetings_of(nlp, MISSED)
    assert records == []
    assert [(r.first.participant.name, r.second.participant.name) for _a, r in rows] == [("Anna Lund", "Erik Berg")]
    assert all(len(r.values) == len(FEATURES) for _a, r in rows)
