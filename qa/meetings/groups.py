"""Groups as one side of a meeting: "Skarnish officials", "the bosses of its banks".

A group is written with a group noun (``lexicons/group_nouns.txt``) or the plural of an office
that says of what ("the chiefs of Norland's lenders"); its name is kept as the article writes it.
"""

from __future__ import annotations

from qa import lexicons
from qa.names import clean_name

from .clauses import contact_nouns
from .records import Participant


def group_of(token) -> Participant | None:
    """A body or group as written: "Skarnish officials", "the bank advisory committee"."""
    lemma = _singular(token.lower_) if token.tag_ == "NNPS" else token.lemma_.lower()  # "Democrats", as a name
    members = [o for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj"]
    if lemma in _QUANTITIES and members:  # "a number of Norland diplomats": the diplomats
        found = group_of(members[0])
        return Participant(f"{token.doc[token.left_edge.i:token.i + 1].text} of {found.name}", None) if found else None
    plural_role = (token.tag_ in {"NNS", "NNPS"} and lemma in lexicons.words("role_nouns")
                   and lemma not in lexicons.words("group_nouns"))  # "the bosses of banks"
    if token.pos_ not in {"NOUN", "PROPN"} or not (lemma in lexicons.words("group_nouns") or plural_role):
        return None
    if lemma in lexicons.words("own_side_nouns") and any(
            c.dep_ == "poss" and c.lower_ in {"their", "his", "her", "our"} for c in token.children):
        return None  # "with their delegations": their own people, no other side
    if token.tag_ in {"NN", "NNP"} and token.lemma_.lower() not in lexicons.words("singular_group_nouns"):
        return None  # a singular "the minister" the article does not name is nobody in particular
    before = [t for c in token.children if c.i < token.i and c.dep_ in {"amod", "compound", "poss", "nmod", "nummod"}
              for t in c.subtree]
    after = [t for c in token.children if c.dep_ == "prep" and c.lower_ in {"of", "from", "for"}
             for t in c.subtree if not _in_setting(t, c)]
    named = [t.left_edge.i for t in after if t.ent_type_ == "PERSON" and t.dep_ == "conj"]
    if named:  # "the ministers of Norland and Skarn, Ola Vik and Tom Lund": the names are no part of it
        after = [t for t in after if t.i < min(named) - 1]
    if plural_role and not before and not after:
        return None  # "met leaders in the capital": which, the text does not say
    if token.tag_ == "NNS" and not before and not after and any(
            c.dep_ == "det" and c.lower_ in {"the", "these", "those"} for c in token.children):
        return None  # "the ministers": some group named before, which this cannot tell
    words = [t for t in sorted(before + [token] + after, key=lambda t: t.i)  # "families of the victims"
             if t.i > token.i or not (t.dep_ == "det" or (t.dep_ == "poss" and (t.pos_ == "PRON" or t.tag_ == "WP$")))]
    if len(words) > _LONGEST:  # never cut inside a phrase: up to the head of what it is "of"
        heads = [o.i for o in after if o.dep_ == "pobj" and o.head.head.i == token.i]
        words = [t for t in words if t.i <= (heads[0] if heads else token.i)]
    while words and words[0].is_punct:
        words = words[1:]
    if not words:
        return None
    # as written, from the first word kept to the last ("its 14-bank advisory committee" ->
    # "14-bank advisory committee"), so that the name reads, and matches, as the article has it
    doc = token.doc
    if _contiguous(words):  # with a list of nationalities before it: "Swiss, Austrian, and Italian ministers"
        origins = _listed_origins(token)
        text = clean_name(doc[words[0].i if origins is None else origins: words[-1].i + 1].text)
    else:
        text = clean_name(" ".join(t.text for t in words if not t.is_punct))
    return Participant(text.replace(" 's", "'s"), None) if text else None


def _listed_origins(token) -> int | None:
    """Where a list of countries or nationalities before a group starts, when the parser took
    them for conjuncts of the group ("met Swiss, Austrian, and Italian transport ministers"), else None."""
    node, start = token, None
    while node.dep_ == "conj" and node.head.ent_type_ in {"NORP", "GPE"} and all(
            c.dep_ in {"conj", "cc", "punct", "compound"} for c in node.head.children):
        node = node.head
        start = node.left_edge.i
    return start


def _in_setting(token, top) -> bool:
    """Whether ``token`` sits in a phrase of place or time, or in a clause, inside the group's
    "of" phrase ("the bosses of three firms in Oslo", "leaders of the G20 at the summit"): the
    meeting's setting, not the group's name."""
    while token.i != top.i:
        if (token.dep_ == "prep" and token.lower_ in _SETTING_PREPS) or token.dep_ in {"acl", "relcl", "advcl"}:
            return True  # nor what they do: "the firms working in Skarn", "which ..."
        token = token.head
    # nor the occasion: "hosted both delegations for dinner"
    return top.lower_ == "for" and any(o.dep_ == "pobj" and o.lemma_.lower() in contact_nouns() for o in top.children)


_QUANTITIES = {"number", "group", "handful", "couple", "dozen", "dozens", "delegation", "team"}
_LONGEST = 12  # words in a group's name ("the heads of four of the region's largest shipping firms")
_SETTING_PREPS = {"in", "at", "on", "during", "inside", "near"}


def _contiguous(tokens: list) -> bool:
    return all(b.i == a.i + 1 for a, b in zip(tokens, tokens[1:]))


def is_group_name(name: str) -> bool:
    """Whether a participant's name, as written, is a group's: its head (the word before "of",
    "for" or "from") a group noun, or an office in the plural ("the bosses of its banks")."""
    words = name.split()
    cut = next((i for i, w in enumerate(words) if i and w.lower() in {"of", "for", "from"}), len(words))
    head = words[cut - 1].lower() if cut else ""
    return _singular(head) in lexicons.words("group_nouns") | {"people"} or (
        head != _singular(head) and _singular(head) in lexicons.words("role_nouns"))


def _singular(word: str) -> str:
    """"committees" -> "committee", "bosses" -> "boss", "deputies" -> "deputy"."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    return word[:-1] if word.endswith("s") and not word.endswith("ss") else word
