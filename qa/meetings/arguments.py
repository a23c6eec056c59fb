"""Stage 3: where, read from the trigger's own clause (when is :mod:`.times`).

Place: the venue and the city ("at the Tolvik Palace in Oslo" -> "Tolvik Palace, Oslo"), from "in",
"at", "to" (for travel verbs) and "on the sidelines of ... in Bali", or the object of "visited".
"""

from __future__ import annotations

import re

from qa import lexicons
from qa.names import is_title_word, names_match
from qa.nlp import trimmed

from .clauses import governing_verb, purpose_host, taking_place
from .triggers import topic_verbs

_GEO = {"GPE", "LOC", "FAC"}
_PLACE_PREPS = {"in", "at", "on", "inside", "outside", "near"}
TRAVEL_WORDS = {"be", "travel", "go", "come", "fly", "arrive", "visit", "head", "return", "journey", "trip", "invite",
           "flight", "welcome"}
_LINKING = {"conj", "xcomp", "advcl", "acl"}


def scope(trigger) -> list:
    """The trigger and the verbs its clause shares: the governing verb of a noun, the verb it
    is joined to ("has been to Tolvik ... and held meetings"), the verb of an infinitive."""
    out = [trigger]
    verb = governing_verb(trigger, subject=False) if trigger.pos_ in {"NOUN", "PROPN"} else None
    if verb is None and trigger.pos_ == "NOUN" and taking_place(trigger):
        verb = trigger.head  # "the talks are being held at the training centre"
    node = verb or trigger
    if verb is not None:
        out.append(verb)
    host = purpose_host(node)
    if host is not None:  # "travel to Oslo before the end of the year to meet Lund"
        out.append(host)
    elif node.dep_ in _LINKING and node.head.i != node.i and (
            node.head.pos_ in {"VERB", "AUX"} or node.head.lemma_.lower() in TRAVEL_WORDS):
        out.append(node.head)  # "a flight to Berlin to meet Merkel"
    if trigger.pos_ in {"NOUN", "PROPN"}:  # "a dinner hosted by Prescott in November 2003"
        out += [c for c in trigger.children if c.dep_ == "acl" and c.tag_ == "VBN"]
    return out


def clause_heads(trigger) -> list:
    """:func:`scope` and the verbs above it in the same clause ("On Friday Lund is expected to open
    the fair and meet Berg": up to "is expected")."""
    heads = scope(trigger)
    node = heads[1] if len(heads) > 1 and trigger.pos_ in {"NOUN", "PROPN"} else trigger
    node = purpose_host(node) or node
    while node.dep_ in {"xcomp", "conj", "acomp"} and node.head.i != node.i and node.head.pos_ in {"VERB", "AUX", "ADJ"}:
        node = node.head
        if node not in heads:
            heads.append(node)
    return heads


def when_clauses(trigger) -> list:
    """"will meet Lund when she visits Oslo next month", "is likely to have a meeting with Lund
    when he pays a visit to Oslo": the clause that says when, and so where."""
    return [c for h in clause_heads(trigger) for c in h.children if c.dep_ == "advcl"
            and any(m.dep_ in {"advmod", "mark"} and m.lower_ == "when" for m in c.children)]


def entity_at(token):
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent
    return None


def _ent_text(ent) -> str:
    """An entity's words without a leading "the" or what the recogniser ran on with, and with
    the first half of a hyphenated name it left out ("Villa-" of "Villa-Tolvik Hotel")."""
    doc, start, span = ent.doc, ent.start, trimmed(ent)
    while start >= 2 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_ and (
            not doc[start - 1].whitespace_) and doc[start - 2].is_title:
        start -= 2
    text = doc[start: span.end].text.removeprefix("the ").removeprefix("The ")
    glued = re.search(r"\sat\s+(?=[A-Z])", text)  # "Sheikh Ola at Tolvik Palace": the person glued on
    return text[glued.end():] if glued else text


def place_names(pobj, prep_word: str, depth: int = 0) -> list[str]:
    """Geographic names under one prepositional object, outermost first, with nested "in X"."""
    names = []
    ent = entity_at(pobj)
    if ent is not None and prep_word == "at" and ent.label_ == "PERSON" and (_in_a_place(pobj) or len(ent) > 1 or any(
            c.dep_ == "appos" and c.lemma_.lower() in lexicons.words("venue_nouns") for c in pobj.children)):
        # "at Palazzo Tolvik (in Rome)", "at Skarn House, the presidential palace": a venue, not
        # someone met (the participants' own names are left out by the caller)
        names.append(_ent_text(ent))
    elif ent is not None and prep_word in {"in", "at", "to"} and _ent_text(ent).lower() in lexicons.known_places():
        names.append(_ent_text(ent))  # "in <a capital>", which the recogniser took for a person
    elif ent is None and prep_word in {"in", "at", "to"} and pobj.tag_ == "NNP" and pobj.lower_ in lexicons.known_places():
        names.append(pobj.text)  # "to <a capital>" the recogniser left unlabelled
    elif ent is not None and ent.label_ == "NORP" and prep_word in {"in", "at"} and pobj.tag_ == "NNP" and (
            ent.text.lower() not in lexicons.mapping("demonyms")):
        names.append(_ent_text(ent))  # "in Tolvik", the town taken for a people
    elif ent is not None and (ent.label_ in _GEO or (ent.label_ == "ORG" and (
            prep_word == "at" or (prep_word in {"in", "to", "into"} and pobj.tag_ in {"NNP", "NNPS"})
            or (prep_word == "on" and ent[-1].lemma_.lower() in lexicons.words("street_nouns"))))):
        names.append(_ent_text(ent))
    elif ent is None and pobj.tag_ in {"NNP", "NNPS"} and (prep_word in {"at", "in"} or (
            prep_word == "on" and any(c.dep_ == "det" for c in pobj.children))):  # "on the Rose Lawn"
        compounds = [c for c in pobj.children if c.dep_ == "compound" and c.tag_ in {"NNP", "NNPS"}]
        first = min([t.i for t in compounds] + [pobj.i])
        names.append(pobj.doc[first: pobj.i + 1].text)  # as written: "Villa-del-Mar", not "Villa del Mar"
    elif ent is None and (prep_word in {"at", "in"} or (prep_word == "to" and pobj.lemma_.lower() in lexicons.words(
            "venue_nouns"))) and pobj.pos_ == "NOUN" and any(
            c.dep_ in {"compound", "nmod"} and c.tag_ == "NNP" and c.ent_type_ != "PERSON"
            and c.nbor(-1).text not in {"-", "–"} and (prep_word == "at" or c.ent_type_ not in _GEO)
            for c in pobj.children):  # (but "in the Texas countryside" is in Texas: below; "the Lund-Berg summit": people)
        # a venue named by a proper name before a common noun, as written: "at the Tolvik
        # estate", "at the Camp Tolvik presidential retreat"
        first = min(t.i for t in pobj.subtree if t.dep_ != "det")
        names.append(pobj.doc[first: pobj.i + 1].text)
    elif ent is None and pobj.lemma_.lower() in lexicons.words("venue_nouns") and (prep_word == "at" or (
            prep_word == "in" and any(c.dep_ == "poss" and c.pos_ in {"NOUN", "PROPN"} for c in pobj.children))):
        # also "in the estate's dining room", "in the minister's office" (not "in his office": whose?)
        # a venue by its common noun, as written: "at the prime minister's residence"
        first = min(t.i for t in pobj.subtree if t.dep_ != "det")
        names.append(pobj.doc[first: pobj.i + 1].text)
    elif ent is None and pobj.lemma_.lower() in lexicons.words("place_nouns") and (named := _named_after_comma(pobj)):
        names.append(named)  # "in the capital, Tolvik,", wherever the parser hung the name
    elif ent is None and prep_word == "in" and pobj.lemma_.lower() in lexicons.words("place_nouns") and any(
            c.dep_ == "amod" and c.ent_type_ in {"NORP", "GPE"} for c in pobj.children):
        first = min(t.i for t in pobj.subtree if t.dep_ != "det")  # "in the South African capital"
        names.append(pobj.doc[first: pobj.i + 1].text)
    elif ent is None and prep_word == "in":  # "in the northern Aleppo countryside"
        names += [entity_at(c).text for c in pobj.children
                  if c.dep_ in {"compound", "amod"} and entity_at(c) is not None and entity_at(c).label_ in _GEO]
    if names:  # "in Palm Beach, Florida", "in Grimmen, northern Germany"
        names += [entity_at(c).text for c in pobj.children
                  if c.dep_ in {"appos", "conj"} and entity_at(c) is not None and entity_at(c).label_ in _GEO]
        # "to Tolvik, Norland", parsed with the city as a modifier of the country
        if ent is not None and ent.label_ == "GPE":
            names = [entity_at(c).text for c in pobj.children if c.dep_ == "nmod" and c.i < ent.start
                     and entity_at(c) is not None and entity_at(c).label_ == "GPE"] + names
    if depth < 3:
        for prep in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ in {"in", "of", "at", "on"}):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                found = place_names(obj, prep.lower_, depth + 1)
                if not found and prep.lower_ == "of" and pobj.lemma_.lower() in lexicons.words("place_nouns") and (
                        entity_at(obj) is not None and obj.tag_ == "NNP"):
                    found = [_ent_text(entity_at(obj))]  # "the desert oasis of Al-Tolvik", taken for a firm
                elif not found and prep.lower_ == "of" and pobj.pos_ == "NOUN" and obj.tag_ == "NNP" and (
                        entity_at(obj) is not None and obj.lemma_.lower() in lexicons.words("venue_nouns")):
                    found = [_ent_text(entity_at(obj))]  # "in the courtyard of the Tolvik Palace"
                names += found
    return names


def _places_of(head, preps: set[str], skip=None) -> list[str]:
    """The places named by the objects of ``head``'s prepositions ``preps`` (not ``skip``)."""
    return [n for p in head.children if p.dep_ == "prep" and p.lower_ in preps
            for o in p.children if o.dep_ == "pobj" and (skip is None or o.i != skip.i) for n in place_names(o, p.lower_)]


def own_town(person) -> str | None:
    """"Sheikh Omar in Doha": a place written after the person met, of the person's own."""
    return next((entity_at(o).text if entity_at(o) is not None else o.text
                 for p in person.children if p.dep_ == "prep" and p.lower_ in {"in", "at"}
                 for o in p.children if o.dep_ == "pobj" and o.ent_type_ in {"GPE", "FAC"}), None)


def _named_after_comma(noun) -> str | None:
    """"the capital, Tolvik": the place name written right after the noun and a comma."""
    doc = noun.doc
    if noun.i + 2 >= len(doc) or doc[noun.i + 1].text != ",":
        return None
    ent = entity_at(doc[noun.i + 2])  # a name, whatever the recogniser took it for
    named = (ent is not None and ent.label_ in _GEO | {"PERSON", "ORG", "NORP"} and ent.start == noun.i + 2
             and ent.root.dep_ not in {"nsubj", "nsubjpass"})  # not "in the capital, Lund said"
    return _ent_text(ent) if named else None


def _in_a_place(token) -> bool:
    return any(o.ent_type_ in _GEO for p in token.children if p.dep_ == "prep" and p.lower_ == "in"
               for o in p.children if o.dep_ == "pobj")


def _destination_name(obj) -> str | None:
    """A proper name one travels to is a place, whatever the recogniser took it for; not a
    person written with a title ("went to President Lund")."""
    ent = entity_at(obj)
    if obj.tag_ != "NNP" or ent is None or len(ent) != 1 or ent.label_ not in {"PERSON", "ORG", "NORP"}:
        return None
    return None if any(is_title_word(c.text) for c in obj.children) else ent.text


SCHEDULING_VERBS = {"plan", "schedule", "set", "slate", "due", "expect", "arrange", "move", "push", "bring"}
_STAGING = SCHEDULING_VERBS | {"hold", "stage", "convene", "organise", "organize"}


def staging_clauses(trigger) -> list:
    """"a dinner that had been planned in Oslo", "a meeting, which had been due to take place
    in Bergen": the clause on the contact that says where it was (to be) held."""
    if trigger.pos_ not in {"NOUN", "PROPN"}:
        return []
    out = []
    # "a meeting between Lund and Berg, which had been due to ...": "which" is the meeting,
    # though the parser hangs it on the last person
    people = [t for p in trigger.children if p.dep_ == "prep" and p.lower_ in {"between", "with"}
              for o in p.children if o.dep_ == "pobj" for t in [o, *o.conjuncts]]
    clauses = [c for c in trigger.children if c.dep_ in {"relcl", "acl"}]
    clauses += [c for t in people for c in t.children if c.dep_ == "relcl" and any(
        s.dep_.startswith("nsubj") and s.lower_ == "which" for s in c.children)]
    for clause in clauses:
        chain = [clause] + [x for x in clause.subtree if x.dep_ in {"xcomp", "acomp"} and x.head.i != x.i]
        if any(v.lemma_.lower() in _STAGING or (v.lemma_.lower() == "take" and any(
                c.lower_ == "place" for c in v.children)) for v in chain):
            out += [v for v in chain if v.i >= clause.i]
    return out


def _expecting_verbs(heads: list) -> list:
    """"In Oslo on Thursday, Lund is scheduled to meet Berg": the verbs an infinitive of the
    clause hangs from (not those it is joined to by "and", which may be elsewhere)."""
    out, node = [], heads[-1]
    while node.dep_ in {"xcomp", "acomp"} and node.head.i != node.i and node.head.pos_ in {"VERB", "AUX", "ADJ"}:
        node = node.head
        out.append(node)
    return out


def _place_heads(trigger) -> list:
    """The clause's words, with the objects met ("spoke with Lund in the Blue Room")."""
    heads = scope(trigger)
    heads = heads + [h for h in _expecting_verbs(heads) if h not in heads] + when_clauses(trigger)
    heads += staging_clauses(trigger)
    heads += [c for h in heads if h.lemma_.lower() == "be" for c in h.children if c.dep_ == "acomp"]  # "is due in Oslo for talks"
    heads += [c for h in heads for c in h.children if c.dep_ == "xcomp"  # "hosted Berg to lunch at ...", a verb to the parser
              and c.lemma_.lower() in lexicons.table("meeting_triggers")["nouns"]]
    met = []
    for head in list(heads):
        for child in head.children:
            if child.dep_ == "dobj" and head.lemma_.lower() not in topic_verbs():
                met.append(child)  # not what was discussed: "discussed the fishing row in Oslo"
            elif child.dep_ == "nsubj" and child.i > head.i and head.pos_ == "VERB":
                met.append(child)  # "..., met Mr Lund in Oslo" with the object parsed as the subject
            elif (child.dep_ == "prep" and child.lower_ in {"with", "between", "for"}) or child.dep_ == "agent":
                met += [c for c in child.children if c.dep_ == "pobj"]  # also "received by Lund in Oslo"
            elif child.dep_ == "prep" and child.lower_ == "to":  # "hosted Berg to lunch at the Tolvik Hotel"
                met += [c for c in child.children if c.dep_ == "pobj"
                        and c.lemma_.lower() in lexicons.table("meeting_triggers")["nouns"]]
    # "with Lund and Dunmore in Oslo", "with Norway's prime minister, Tomas Lund, in Oslo", "met
    # the harbour's chief, Tomas Lund, and its owners at a hotel"
    met += [t for m in met for t in list(m.conjuncts) + [c for c in m.children if c.dep_ == "appos"]]
    met += [t for m in met if m.dep_ == "appos" for t in m.conjuncts if t not in met]
    # "with board members, including Lund and Berg, at the firm's headquarters": hung on the last named
    met += [t for m in list(met) for p in m.children if p.dep_ == "prep" and p.lower_ == "including"
            for o in p.children if o.dep_ == "pobj" for t in [o, *o.conjuncts] if t not in met]
    # "with a team headed by Lund at the Tolvik Palace": the place hung on the group's leader
    led = [acl for m in met for acl in m.children if acl.dep_ == "acl" and any(a.dep_ == "agent" for a in acl.children)]
    met += led + [o for acl in led for a in acl.children if a.dep_ == "agent" for o in a.children if o.dep_ == "pobj"]
    met += _of_chain(met)
    # "leaders of the parties backing him at the Tolvik Palace": the parser hangs the meeting's
    # place on the participle that describes who was met
    return heads + met + [c for m in met for c in m.children if c.dep_ == "acl" and c.tag_ in {"VBG", "VBN"}]


def _of_chain(tokens: list, depth: int = 3) -> list:
    """The nouns a met group is "of" ("the bosses of three of the firms in Oslo"): a place the
    parser hangs on the last of them is the meeting's."""
    out, frontier = [], list(tokens)
    for _ in range(depth):
        frontier = [o for t in frontier for p in t.children if p.dep_ == "prep" and p.lower_ == "of"
                    for o in p.children if o.dep_ == "pobj"]
        out += frontier
    return out


def find_place(trigger, visited: list, exclude: list[str]) -> str | None:
    """Venue and city of the contact, or None."""
    names = [(entity_at(t).text if entity_at(t) else t.text) for t in visited]
    for child in (c for c in trigger.children if c.dep_ == "compound"):  # "the Downing Street talks"
        ent = entity_at(child)
        if ent is not None and ent.label_ in _GEO:
            names.append(_ent_text(ent))
        elif ent is None and child.tag_ == "NNP":
            # a venue the recogniser missed: a proper name of two or more words ("Camp David")
            words = [c for c in child.children if c.dep_ == "compound" and c.tag_ == "NNP"] + [child]
            if len(words) > 1 and not any(entity_at(w) or w.nbor(1).text in {"-", "–"} for w in words):
                names.append(" ".join(w.text for w in words))
    for head in clause_heads(trigger):  # "went to Cardiff University, where he met ...": the place referred to
        if head.dep_ == "relcl" and is_where_clause(head):
            referent = head.head
            if referent.ent_type_ in {"DATE", "TIME"} and referent.dep_ == "pobj" and referent.head.head.i != referent.i:
                # "a visit to Tolvik on Friday, where ...", the clause hung on the day: the place before it
                referred = _places_of(referent.head.head, {"to", "in", "at"})
                names += referred
                continue
            referred = place_names(referent, "at")
            if not referred and head.head.tag_ == "NNP" and entity_at(head.head) is not None and (
                    entity_at(head.head).label_ in {"PERSON", "ORG", "NORP"}):
                referred = [_ent_text(entity_at(head.head))]  # "to Kyiv, where ...": a place, whatever the recogniser said
            travel = governing_verb(head.head, subject=False)  # "flew to Oslo (arrived at the airport) on Monday, where ..."
            if travel is not None and travel.lemma_.lower() in TRAVEL_WORDS:
                # "will travel to Kazan for the summit, where ...": the occasion, and the town it is in
                there = [n for n in _places_of(travel, {"to", "in", "at"}) if n not in referred]
                referred += there or ([] if referred else [
                    _ent_text(entity_at(o)) for o in travel.children  # "visited Tolvik in
                    if o.dep_ == "dobj" and o.ent_type_ in _GEO])  # December, where he met"
            names += referred
        elif head.dep_ == "relcl" and any(p.dep_ == "prep" and p.lower_ in {"at", "during"} and any(
                o.lower_ == "which" for o in p.children) for p in head.children):
            # "a summit in Oslo on Monday, at which Lund met Berg": where the occasion was
            names += _places_of(head.head, {"in", "at"})
        elif head.dep_ == "relcl" and head.head.dep_ == "pobj" and any(
                c.dep_ == "advmod" and c.lower_ == "when" for c in head.children):
            # "the retreat was held in Tolvik in April 2019, when Lund met Berg": where it was held
            names += _places_of(head.head.head.head, {"in", "at"}, skip=head.head)
        elif head.dep_ == "advcl" and is_where_clause(head):
            # "Lund is due in Oslo next week, where she will meet Berg", the "where" clause hung
            # on the verb: the place of the clause it hangs from
            above = [head.head] + [c for c in head.head.children if c.dep_ in {"acomp", "attr"}]
            names += [n for h in above for n in _places_of(h, {"to", "in", "at"})]
    names += _where_the_occasion_is(trigger)
    for head in _place_heads(trigger):
        if head.lemma_.lower() == "visit" and head.pos_ == "VERB":  # "when she visits Oslo"
            names += [entity_at(c).text for c in head.children if c.dep_ == "dobj" and c.ent_type_ in _GEO]
        preps = _PLACE_PREPS | ({"to", "into"} if head.lemma_.lower() in TRAVEL_WORDS else set())
        for prep in (c for c in head.children if c.dep_ == "prep" and c.lower_ in preps):
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                found = place_names(obj, prep.lower_)
                if not found and prep.lower_ in {"to", "into"} and head.pos_ == "VERB" and (town := _destination_name(obj)):
                    found = [town]  # "travelled to Tolvik", the town taken for a person
                names += found
    out: list[str] = []
    for name in (n.strip(" ,;") for n in names):
        if name and name not in out and not any(names_match(name, x) for x in exclude):
            out.append(name)
    out.sort(key=lambda name: name.lower() in lexicons.countries())  # "Dakar, Senegal": the country last
    return ", ".join(out[:3]) or None  # room, building, city: "Blue Room, Tolvik Palace, Oslo"


def _where_the_occasion_is(trigger) -> list[str]:
    """"Lund, in Oslo for talks with Berg, said ...": the place beside the occasion; "will meet
    Berg at the summit, which will take place in Oslo": the place of the occasion's own clause."""
    names = []
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "for" and trigger.head.head.pos_ in {"PROPN", "NOUN"}:
        names += _places_of(trigger.head.head, {"in", "at"})
    occasions = [trigger] + [o for p in trigger.children if p.dep_ == "prep" and p.lower_ in {"at", "during"}
                             for o in p.children if o.dep_ == "pobj"]
    for clause in (c for o in occasions for c in o.children if c.dep_ == "relcl"):
        held = clause.lemma_.lower() == "hold" or (clause.lemma_.lower() == "take" and any(
            c.dep_ == "dobj" and c.lower_ == "place" for c in clause.children))
        names += _places_of(clause, {"in", "at"}) if held else []
    return names


def is_where_clause(verb) -> bool:
    """"..., where he met", also "where he is due to meet" (the "where" on the infinitive)."""
    def clause_of(token):
        node = token.head
        while node.i != verb.i and node.dep_ in {"xcomp", "acomp"} and node.head.i != node.i:
            node = node.head  # "where he is due to meet": "meet" under "due" under "is"
        return node
    return any(t.dep_ == "advmod" and t.lower_ == "where" and clause_of(t).i == verb.i for t in verb.subtree)


_ARRIVE = {"arrive", "fly", "travel", "go", "come", "be", "head", "return", "land", "stop"}


def destination(doc) -> str | None:
    """Where the sentence's main clause says its subject is or goes ("Berg arrived in Oslo on
    Monday", "he will be in Peking from April 21"), or None."""
    roots = [t for t in doc if t.dep_ == "ROOT"]
    roots += [c for r in roots for c in r.children if c.dep_ == "ccomp"]
    for verb in (r for r in roots if r.lemma_.lower() in _ARRIVE):
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ in {"in", "to", "at"}):
            for obj in (c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ in _GEO):
                return ", ".join(place_names(obj, prep.lower_)[:3]) or None
    return None
