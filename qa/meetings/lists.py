"""Who a list of people names: "Lund, Berg and Vik", "the foreign ministers of Norland and
Skarn, Ola Vik and Tom Lund", "his counterpart, Foreign Minister Lund", with the parser's
common slips mended (a name hung elsewhere, the first words of a title taken for a person,
who tells the news parsed into the list).
"""

from __future__ import annotations

from qa import lexicons
from qa.names import is_title_word

def conjuncts(token) -> list:
    """The token and the tokens joined to it by "and" / ","; "whom" is the noun it refers to."""
    clause = next((a for a in token.ancestors if a.dep_ == "relcl"), None)
    if token.lower_ in {"whom", "who"} and clause is not None and clause.head.i != token.i:
        return conjuncts(clause.head)
    named = _name_parsed_apart(token) or _head_of_organisation(token) or (
        # "met Vik and Bank President Ada Berg": the office listed, the name parsed as another object
        _titled_person_after(token, titled=True) if token.dep_ == "conj" and token.ent_type_ != "PERSON" else None)
    if named is not None:  # "met his counterpart, Foreign Minister Lund, ...": the name stands for him,
        # and the list runs on from the office ("the envoy, Lund, and his counterpart, Berg")
        listed = conjuncts(named)
        return listed + [t for c in token.children if c.dep_ == "conj" and not _speaker(c, token)
                         for t in conjuncts(c) if t.i not in {x.i for x in listed}]
    out = [token]
    for child in token.children:
        if child.dep_ in {"conj", "appos"} and _speaker(child, token):
            continue
        if child.dep_ == "conj" and _part_of_title(child):
            out.extend(conjuncts(child)[1:])  # "chiefs and Fisheries and Forestry Minister Vik"
        elif child.dep_ == "conj":
            out.extend(conjuncts(child))
        elif child.dep_ == "appos" and child.ent_type_ == "PERSON" and token.ent_type_ == "PERSON":
            if not any(c.dep_ == "relcl" and c.i < child.i for c in token.children):
                out.extend(conjuncts(child))  # "Ida Brenner of Norbank, Ola Vik of Elm Port and ...": a list
            # but "Vik, who is representing Lund, ...": the name is the clause's, misparsed
        elif child.dep_ == "appos":
            # "Ida Brenner, head of the port, and Tomas Ekholm": the next name hangs off the apposition.
            out.extend(t for c in child.children if c.dep_ == "conj" for t in conjuncts(c))
        elif child.dep_ == "nmod" and child.ent_type_ == "PERSON" and any(c.dep_ == "cc" for c in child.children):
            # "Ola Brenning and Tomas Lund" parsed as one name modifying the other; what hangs
            # off that name by "and" is the other's title ("Lund and Trade and Industry Secretary X")
            out.append(child)
        elif child.dep_ == "prep" and child.lower_ == "of" and token.ent_type_ == "PERSON":
            # "Ida Brenner of Norbank, Tomas Ekholm of Elm Port and Ola Vik": the list runs on
            # from the organisation each name is "of"
            out.extend(t for o in child.children if o.dep_ == "pobj" for c in o.children
                       if c.dep_ == "conj" and c.ent_type_ == "PERSON" for t in conjuncts(c))
        elif child.dep_ == "prep" and child.lower_ == "including":
            # "senators, including Ola Brenning and Tomas Lund": the named members too (people:
            # "lenders including Norbank and Elm Port" are still the lenders)
            out.extend(t for c in child.children if c.dep_ == "pobj" for t in conjuncts(c) if t.ent_type_ == "PERSON")
    out += [left for left in token.subtree if left.i < token.i and hung_first_name(left) and left not in out]
    if _names_the_group(out):
        return out[1:]  # "the foreign ministers of Norland and Skarn, Ola Vik and Tom Lund": the two
    members = named_members(token)
    if len(members) > 1:  # the same, the names parsed under "Skarn"
        return members + out[1:]
    return out


def named_members(group) -> list:
    """People named after a comma inside a definite plural group's "of" phrase ("the ministers
    of Norland and Skarn, Ola Vik and Tom Lund"): its members."""
    if group.tag_ != "NNS" or not any(c.dep_ == "det" and c.lower_ == "the" for c in group.children):
        return []
    inside = [t for p in group.children if p.dep_ == "prep" and p.lower_ == "of" for t in p.subtree]
    return [t for t in inside if t.ent_type_ == "PERSON" and t.dep_ == "conj"
            and t.doc[t.left_edge.i - 1].text in {",", "and"}]


def _names_the_group(listed: list) -> bool:
    """A definite plural group followed by a comma and the names of its members."""
    group, first = (listed[0], listed[1]) if len(listed) > 2 else (None, None)
    return (group is not None and group.tag_ == "NNS" and first.ent_type_ == "PERSON"
            and any(c.dep_ == "det" and c.lower_ == "the" for c in group.children)
            and group.doc[first.left_edge.i - 1].text == ","
            and all(t.ent_type_ == "PERSON" for t in listed[1:]))


def _name_parsed_apart(token):
    """The person named right after an office and a comma ("Norland's emir, Sheikh Tamim Vik,
    and ..."), when the parser hung the name elsewhere; None otherwise."""
    doc = token.doc
    if token.pos_ != "NOUN" or token.lemma_.lower() not in lexicons.words("role_nouns"):
        return None
    apposed = next((c for c in token.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    if apposed is not None:  # "the first minister, Anna Berg": the name, not the office to look up
        return apposed
    # "the chair of the review, Tracey Holm,": after the office's own words
    end = max([token.i] + [t.i for c in token.children if c.dep_ in {"prep", "amod", "compound"} and c.i > token.i
                          for t in c.subtree])
    if end + 2 >= len(doc) or doc[end + 1].text != ",":
        return None
    start = end + 2
    while start < min(len(doc), token.i + 6) and doc[start].tag_ == "NNP" and doc[start].ent_type_ != "PERSON":
        start += 1  # its title: "Foreign Minister"
    ent = next((e for e in doc.ents if e.start == start and e.label_ == "PERSON"), None)
    if ent is None or ent.root in token.subtree or ent.root.dep_ in {"nsubj", "nsubjpass"}:
        return None  # parsed as the office's already, or the subject of what follows ("the minister, Lund said")
    return ent.root


def _head_of_organisation(token):
    """"met Norland Monetary Fund Managing Director Ida Varga", parsed as the
    fund with the name in apposition: the titled person is who was met; None otherwise."""
    if token.ent_type_ != "ORG":
        return None
    person = next((c for c in token.children if c.dep_ == "appos" and c.ent_type_ == "PERSON" and c.i > token.i), None)
    if person is None:
        return _titled_person_after(token)
    if any(t.text == "," for t in token.doc[token.i + 1: person.left_edge.i]):
        return None
    titled = any(is_title_word(c.text) or c.lower_ in lexicons.words("role_nouns")
                 for c in person.children if c.dep_ == "compound")
    return person if titled else None


def _titled_person_after(token, titled: bool = False):
    """"... and International Monetary Fund (IMF) head Ida Varga", the name parsed apart from
    the fund: the titled person right after it (its acronym between), or None; ``titled``:
    the token is itself the office ("and Bank President Ida Varga")."""
    if titled and not (is_title_word(token.text) or token.lower_ in lexicons.words("role_nouns")):
        return None
    doc, at = token.doc, token.i + 1
    if at < len(doc) and doc[at].text == "(":
        close = next((t.i for t in doc[at:at + 4] if t.text == ")"), None)
        if close is None:
            return None
        at = close + 1
    start = at
    while at < len(doc) and doc[at].ent_type_ != "PERSON" and (
            is_title_word(doc[at].text) or doc[at].lower_ in lexicons.words("role_nouns")):
        at += 1
    person = next((e for e in doc.ents if e.start == at and e.label_ == "PERSON"), None)
    return person.root if person is not None and (at > start or titled) and person.root.head.i != token.i else None


def hung_first_name(token) -> bool:
    """"Lund" of "Lund and Norlandic President Ada Berg met", hung on the title by the parser:
    a capitalised word joined by "and" to the rest (the caller checks it is a person's name:
    "Fisheries and Forestry Minister Vik" reads the same)."""
    return (token.dep_ in {"nmod", "amod", "compound"} and token.text[:1].isupper()
            and (token.tag_ == "NNP" or token.ent_type_ in {"PERSON", "ORG"})
            and token.ent_type_ not in {"GPE", "NORP", "LOC", "DATE"} and not is_title_word(token.text)
            and any(c.dep_ == "cc" and c.lower_ == "and" for c in token.children))


def _part_of_title(token) -> bool:
    """"Fisheries" of "Fisheries and Forestry Minister Vik", parsed as a list: the first words of a title
    joined by "and" to the title word, not someone met."""
    doc = token.doc
    if token.ent_type_ == "PERSON" or token.tag_ not in {"NNP", "NNPS"} or is_title_word(token.text):
        return False
    if token.i + 2 >= len(doc) or doc[token.i + 1].lower_ != "and":
        return False
    # what follows "and" is the rest of the title: "Energy Minister" (and the name it goes with)
    return any(c.dep_ == "conj" and c.left_edge.i == token.i + 2
               and any(is_title_word(w.text) for w in doc[c.left_edge.i: c.i + 1]) for c in token.children)


def _speaker(conjunct, first) -> bool:
    """"... with President Lund, spokesman Kenji Sato told reporters": a last name joined without
    "and" and followed by a reporting verb is who tells it, parsed into the list by mistake."""
    following = conjunct.doc[conjunct.right_edge.i + 1] if conjunct.right_edge.i + 1 < len(conjunct.doc) else None
    joined = any(c.dep_ == "cc" for c in first.children) or any(c.dep_ == "cc" for c in conjunct.children)
    return (following is not None and not joined and following.pos_ == "VERB"
            and following.lemma_.lower() in lexicons.words("reporting_verbs"))
