"""Mending the parser's common slips before any stage reads a sentence: a contact verb read as
an adjective, a family name with particles split into several people. Each mend changes the
tree only where it stays one tree."""

from __future__ import annotations

from qa import lexicons


def mend_verb_read_as_modifier(doc):
    """"Vik hosted German Chancellor Ola Berg in Oslo", parsed as if "hosted" were an adjective
    of "Berg" (the sentence's root): a past-tense verb with a subject of its own is the verb, and
    the noun it seemed to modify its object. Mends the parse in place; returns the doc."""
    for verb in doc:
        noun = verb.head
        if (verb.dep_ == "amod" and verb.tag_ == "VBD" and noun.dep_ == "ROOT" and noun.i > verb.i
                and noun.pos_ in {"NOUN", "PROPN"} and any(c.dep_ == "nsubj" for c in verb.children)):
            verb.head, verb.dep_ = verb, "ROOT"
            noun.head, noun.dep_ = verb, "dobj"
            for prep in [c for c in noun.children if c.dep_ == "prep" and c.i > noun.i]:
                if any(o.ent_type_ in {"DATE", "TIME"} for o in prep.children):
                    prep.head = verb  # "... in Oslo on Tuesday": when the verb happened
    return doc


def mend_counted_subject(doc):
    """"The two discussed ways to end the war, and Lund told Berg ...", parsed as if "two" and
    "discussed" described "ways": a count after "the" then a past-tense verb is the subject and
    its verb, the noun the verb's object, and the old main verb a conjunct of it. Mends the
    parse in place; returns the doc."""
    for count in doc:
        verb = doc[count.i + 1] if count.i + 1 < len(doc) else None
        noun = count.head
        if (verb is None or count.dep_ != "nummod" or count.lower_ not in _COUNT_WORDS or verb.tag_ not in {"VBD", "VBN"}
                or verb.dep_ != "amod" or verb.head.i != noun.i or noun.i <= verb.i
                or count.i == 0 or doc[count.i - 1].lower_ != "the"):
            continue
        root = noun.sent.root
        verb.head, verb.dep_ = verb, "ROOT"
        noun.head, noun.dep_ = verb, "dobj"
        count.head, count.dep_ = verb, "nsubj"
        doc[count.i - 1].head = count  # "the" of "the two"
        for joint in [c for c in noun.children if c.dep_ in {"cc", "punct", "conj"} and c.i > noun.i]:
            joint.head = verb  # ", and Lund told Berg": joins the clauses, not the object's words
        if root.i != noun.i:
            root.head, root.dep_ = verb, "conj"
    return doc


_COUNT_WORDS = {"two", "three", "four", "both"}


def mend_particle_names(doc):
    """"Michel and von der Leyen held talks": a family name with lower-case particles, which the
    parser splits into several people ("von der", "Leyen"). The particles become words of the
    name, and the name one person entity. Mends the parse in place; returns the doc."""
    particles = lexicons.words("name_particles")
    i = 0
    while i < len(doc):
        j = i
        while j < len(doc) and doc[j].text in particles:  # lower-case only: "De" may start a sentence
            j += 1
        # after a person's first names ("Lula da Silva"), or "von"/"van" anywhere; not a place's
        # ("Rio de Janeiro", "Place de la Concorde")
        if j > i and j < len(doc) and doc[j].text[:1].isupper() and doc[j].tag_ in {"NNP", "NNPS"} and (
                (i > 0 and doc[i - 1].ent_type_ == "PERSON") or doc[i].text in {"von", "van"}):
            if _hang_particles_on_name(doc, i, j):
                _one_person(doc, i, j + 1)
        i = j + 1 if j > i else i + 1
    return doc


def _hang_particles_on_name(doc, i: int, j: int) -> bool:
    """Particles i..j-1 become compounds of the name j, which takes their place in the tree
    when it hung from one of them. False (nothing changed) where the tree would not stay one."""
    group = range(i, j + 1)
    heads = {t.i: t.head.i for t in doc}
    deps = {t.i: t.dep_ for t in doc}
    if heads[j] in group:
        outside = next((k for k in range(i, j) if heads[k] not in group), None)
        if outside is None:
            return False
        heads[j], deps[j] = heads[outside], deps[outside]  # the name takes the particles' place
    for k in range(i, j):
        heads[k], deps[k] = j, "compound"
    changed = set(range(i, j + 1)) | _conjoined_before(doc, i, j, heads, deps)
    if not _one_tree(heads, [t.i for t in doc if t.head.i == t.i]):
        return False
    for k in changed:
        doc[k].head, doc[k].dep_ = doc[heads[k]], deps[k]
    return True


def _conjoined_before(doc, i: int, j: int, heads: dict[int, int], deps: dict[int, str]) -> set[int]:
    """"Lund and Anna von der Berg met": the parser hangs "Lund" under the particles and takes
    "Anna" (or "von") for his conjunct. Lund takes the name's place, the name becomes his
    conjunct and "Anna" a word of her name. The tokens changed (in ``heads`` and ``deps``)."""
    first = i - 1 if i > 0 and doc[i - 1].ent_type_ == "PERSON" else i  # "Anna", or the first particle
    conjunct = next((k for k in range(first, j) if doc[k].dep_ == "conj" and doc[k].head.i < first), None)
    if conjunct is None:  # "Lund and von der Berg met": "Lund" hung on a particle, "and" under him
        other = next((k for k in range(first) if heads[k] in range(i, j) and deps[k] in {"nmod", "compound"}
                      and any(c.dep_ == "cc" for c in doc[k].children)), None)
        if other is None:
            return set()
        heads[other], deps[other] = heads[j], deps[j]
        heads[j], deps[j] = other, "conj"
        return {other}
    other = doc[conjunct].head.i
    if doc[other].ent_type_ != "PERSON" or doc[other].head.i not in range(first, j + 1):
        return set()
    heads[other], deps[other] = heads[j], deps[j]
    heads[j], deps[j] = other, "conj"
    changed = {other}
    if first < i:
        heads[first], deps[first] = j, "compound"
        changed.add(first)
    return changed


def _one_tree(heads: dict[int, int], roots: list[int]) -> bool:
    """Every word reaches one of the same roots, with no cycle."""
    for start in heads:
        node, seen = start, set()
        while heads[node] != node:
            if node in seen:
                return False
            seen.add(node)
            node = heads[node]
        if node not in roots:
            return False
    return True


def _one_person(doc, start: int, end: int) -> None:
    """The tokens start..end one PERSON entity, joined to a person's name just before it."""
    from spacy.tokens import Span  # spaCy is loaded with the pipeline, not on import

    before = [e for e in doc.ents if e.start < start <= e.end and e.label_ == "PERSON"]
    start = before[0].start if before else start  # "Anna von der Berg", however the recogniser split it
    kept = [e for e in doc.ents if e.end <= start or e.start >= end]
    doc.ents = kept + [Span(doc, start, end, label="PERSON")]
