"""The role written around a name: "island mayor Tomas Ekholm", "Crown Prince Omar bin
Tolvik", "Karl Dunmore, head of Norland's harbour authority", "King Tomas of Norland".
"""

from __future__ import annotations

from qa import lexicons
from qa.names import is_title_word

from .clauses import contact_nouns

DASHES = frozenset({"—", "–", "--"})  # a dash that sets off a list or an aside

TITLE_MODIFIERS = {"new", "former", "then", "acting", "outgoing", "incoming", "opposition", "general"}


def role_before(ent) -> str | None:
    """Title words written before the name: "island mayor Tomas Ekholm"."""
    root = ent.root
    start = min([t.i for t in root.subtree if t.i < ent.start and t.dep_ in {"compound", "amod", "poss", "case", "nmod"}]
                or [ent.start])
    for t in ent.doc[start:ent.start]:  # "Lund and Norland's President Karl Dunmore": not Lund
        if t.pos_ == "CCONJ" or t.ent_type_ == "PERSON" or t.text in DASHES | {":"}:
            start = t.i + 1  # nor "the envoys — Sen. Ola Vik": the dash ends what went before
    words = [t for t in ent.doc[start:ent.start] if t.dep_ != "det" and t.text not in "(),"]
    if not words or not any(t.pos_ == "NOUN" or t.lower_ in lexicons.words("titles") for t in words):
        return None
    return " ".join(t.text for t in words).replace(" 's", "'s").replace(" ’s", "’s")


def role_inside(ent) -> str | None:
    """"Crown Prince Omar bin Tolvik" taken in one entity: the title words it starts with."""
    words = []
    for token in ent:
        if not is_title_word(token.text) or token.lower_ in TITLE_MODIFIERS:
            break
        words.append(token.text)
    if not words or len(words) == len(ent):
        return None
    doc = ent.doc  # "Norland's King Tomas": the country whose king ("the Norlandic leader")
    owner = doc[ent.start - 2] if ent.start > 1 and doc[ent.start - 1].tag_ == "POS" else None
    if owner is not None and owner.ent_type_ == "GPE" and owner.head.i == ent.root.i:
        start = owner.i
        while start > 0 and doc[start].ent_iob_ == "I":  # the whole name: "Saudi Arabia's"
            start -= 1
        return doc[start: ent.start].text + " " + " ".join(words)
    return " ".join(words)


def country_of(token):
    """The "of" of "Tomas of Norland": a preposition whose object is a country, or None."""
    return next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"
                 and any(o.dep_ == "pobj" and o.ent_type_ == "GPE" for o in c.children)), None)


def country_after(ent) -> str | None:
    """The country written right after a titled name: "King Tomas of Norland" -> "Norland"."""
    doc = ent.doc
    if ent.end + 1 < len(doc) and doc[ent.end].lower_ == "of" and doc[ent.end + 1].ent_type_ == "GPE":
        country = next((e for e in doc.ents if e.start == ent.end + 1), None)
        return country.text if country is not None else None
    return None


def role_apposed(ent) -> str | None:
    """"Karl Dunmore, head of Norland's harbour authority" or "Norland's harbour chief, Karl Dunmore"."""
    root = ent.root
    for child in root.children:
        # not an event the parser hung on the name: "for Ada Berg, the first state visit of his reign"
        if child.dep_ == "appos" and child.pos_ == "NOUN" and child.lemma_.lower() not in contact_nouns():
            return _span_text(child)
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        head = root.head
        if any(t.ent_type_ == "PERSON" for t in ent.doc[head.i + 1: ent.start]):
            return None  # "Skarn's port director Ola Vik and Tomas Lund", Lund parsed as the apposition: Vik's office
        if head.tag_ == "NNS":
            return None  # "the envoys — Ola Vik, ...": a group the person is one of, not their office
        tokens = [t for t in head.subtree if t.i < ent.start and not (t.dep_ == "punct" and t.i == ent.start - 1)]
        return "".join(t.text_with_ws for t in tokens if t.dep_ != "det" or t.i != head.left_edge.i).strip(" ,") or None
    return None


def _span_text(token) -> str:
    tokens = [t for t in token.subtree if t.dep_ != "appos" or t.i == token.i]
    text = token.doc[tokens[0].i: tokens[-1].i + 1].text
    if text.count("(") > text.count(")"):
        text = text[: text.rindex("(")]
    return text.strip(" ,;").removeprefix("the ").removeprefix("The ")
