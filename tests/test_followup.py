"""Follow-up questions are rewritten with the previous turn's people, places and event."""

from __future__ import annotations

import pytest

from qa.answer.followup import resolve
from qa.models import Answer, Evidence, Turn

SENTENCE = ("During the talks between Ida Brenner, head of the Harbour Authority, and island "
            "mayor Tomas Ekholm, the two sides agreed to study a bridge.")
WHOM = "Who did the harbour chief meet in Skarnholm?"


def turn(question: str, answer: str, kind: str, evidence_text: str = SENTENCE) -> Turn:
    evidence = Evidence("a", "t", None, 3, evidence_text, 0, len(evidence_text))
    return Turn(question, Answer(question, answer, evidence, [], kind=kind))


@pytest.fixture(scope="module", autouse=True)
def _spacy():
    from qa.nlp import load_nlp

    load_nlp()


def test_they_becomes_both_people():
    history = [turn(WHOM, "Tomas Ekholm", "whom")]
    assert resolve("why did they meet?", history) == "why did Ida Brenner and Tomas Ekholm meet?"


def test_he_and_there_become_the_answer_and_the_place():
    history = [turn(WHOM, "Tomas Ekholm", "whom")]
    assert resolve("when did he go there?", history) == "when did Tomas Ekholm go to Skarnholm?"


def test_that_becomes_the_previous_event_without_the_asked_part():
    rewritten = resolve("where was that?", [turn(WHOM, "Tomas Ekholm", "whom")])
    assert rewritten.lower().startswith("where") and "Tomas Ekholm" in rewritten
    assert "Skarnholm" not in rewritten  # the place is what is asked now


def test_there_after_a_where_answer():
    history = [turn("Where did the harbour chief go?", "Skarnholm", "where",
                    "Sources said the harbour chief has been to Skarnholm.")]
    assert "Skarnholm" in resolve("Who did he meet there?", history)


def test_self_contained_questions_and_first_questions_are_unchanged():
    history = [turn(WHOM, "Tomas Ekholm", "whom")]
    for question in ("What did Brenner call the bridge?", "Is there a deal on the ferry?"):
        assert resolve(question, history) == question
    assert resolve("why did they meet?", []) == "why did they meet?"


def test_followup_after_a_refusal_is_unchanged():
    history = [Turn("What did the Pope say?", Answer("What did the Pope say?", "", None, []))]
    assert resolve("why did he say it?", history) == "why did he say it?"


def test_that_man_is_the_person_of_the_previous_answer():
    history = [turn("Who chairs the Harbour Authority?", "Ida Brenner", "who")]
    assert "Ida Brenner" in resolve("which island does that woman come from?", history)
