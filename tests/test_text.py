from qa.text import sentence_spans, sentences


def test_sentences_respect_abbreviations_and_quotes():
    text = 'Mr. Fidan met Dr. Mamlouk in Damascus. "It went well," he said. U.S. officials agreed! Did they?'
    assert sentences(text) == [
        "Mr. Fidan met Dr. Mamlouk in Damascus.",
        '"It went well," he said.',
        "U.S. officials agreed!",
        "Did they?",
    ]


def test_spans_are_exact_offsets():
    text = "  First one.  Second one.\n"
    for start, end in sentence_spans(text):
        assert text[start:end].strip() == text[start:end]
    assert [text[s:e] for s, e in sentence_spans(text)] == ["First one.", "Second one."]


def test_lowercase_continuation_is_not_a_boundary():
    assert sentences("Sales rose 3.5 per cent. in 2004 the total was higher.") == [
        "Sales rose 3.5 per cent. in 2004 the total was higher."
    ]


def test_a_plural_title_ends_no_sentence():
    text = "Berg met state Reps. Lund and Vik. Then she left."
    assert [text[a:b] for a, b in sentence_spans(text)] == ["Berg met state Reps. Lund and Vik.", "Then she left."]
