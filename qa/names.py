"""One name matcher for people, organisations and places, shared by every layer.

Names are compared as written in news: with or without honorifics and titles ("Mr Brenner",
"President Xi Jinping"), family name first ("Xi Jinping" / "Xi"), possessives ("Turkey's"),
list bullets and stray punctuation ("►Zelensky"), and acronyms ("LSE").
"""

from __future__ import annotations

import re
import unicodedata

from qa import lexicons

_WORD = re.compile(r"[\w'’.-]+")
_EDGE_JUNK = " \t\r\n\"'’‘“”()[]{}<>,;:!?*•►▶▪■●◆→>-–—|/\\"
_LINK_WORDS = {"of", "and", "the", "&", "for", "de", "del", "la"}
_PATRONYMIC = {"bin", "ibn", "bint"}


def clean_name(text: str) -> str:
    """The name as written, without bullets, quotes, trailing punctuation or a possessive."""
    name = " ".join(text.split()).strip(_EDGE_JUNK)
    name = re.sub(r"['’]s$", "", name).strip(_EDGE_JUNK)
    return name.rstrip(".") if name.count(".") == 1 and name.endswith(".") else name


def strip_titles(name: str) -> str:
    """``clean_name`` without the honorifics and office titles written before the name."""
    words = clean_name(name).split()
    drop = lexicons.words("honorifics") | lexicons.words("titles")
    while len(words) > 1 and words[0].lower().rstrip(".") in drop | {"the"} and words[1][:1].isupper():
        words = words[1:]  # "Trade and Industry" keeps its first word
    if len(words) > 2 and words[0].lower() in lexicons.mapping("demonyms") and words[1].lower() in drop:
        return strip_titles(" ".join(words[1:]))  # "Danish Prime Minister Kari Dunmore"
    return " ".join(words)


_UNNAMING_WORDS = {"its", "their", "his", "her", "our", "the", "a", "an"}  # no part of a name


def fold(word: str) -> str:
    """The word in lower case without accents, possessive or edge punctuation ("Kücükdeveci's"
    -> "kucukdeveci"): how names are compared."""
    word = unicodedata.normalize("NFKD", word.lower())
    word = "".join(ch for ch in word if not unicodedata.combining(ch))
    return re.sub(r"['’]s$", "", word).strip(".'’-")


def name_key(name: str) -> str:
    """Lower-case words of the name, titles dropped, accents folded: for equality tests."""
    words = [fold(w) for w in _WORD.findall(strip_titles(name))]
    key = " ".join(w for w in words if w and w not in _UNNAMING_WORDS)  # "its creditor banks", "the Nordic council"
    aliases = lexicons.mapping("place_aliases")
    return aliases.get(key) or aliases.get(key + ".") or key  # "u.s" (its last dot folded away)


def _acronym(words: list[str]) -> str:
    return "".join(w[0] for w in words if w not in _LINK_WORDS)


def _without_article(word: str) -> str:
    """"al-Tolvik" is "Tolvik" (the Arabic article joined to a family name)."""
    return word[3:] if len(word) > 5 and word[:3] in {"al-", "el-"} else word


def names_match(a: str, b: str) -> bool:
    """Same person, organisation or place written two ways.

    Equal keys; one side a single word that is the other's last word ("Blair") or first word
    (family name first: "Xi" for "Xi Jinping"); one side the other's acronym; or one name's
    words contained in the other's ("Elm Port Bank" in "Elm Port Bank chief").
    """
    ka, kb = name_key(a), name_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    wa, wb = [_without_article(w) for w in ka.split()], [_without_article(w) for w in kb.split()]
    short, long_ = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    if len(short) == 1 and len(long_) > 1:
        word = short[0]
        if word in long_ and word not in _LINK_WORDS and (word != long_[0] or len(long_) <= 3 or _PATRONYMIC & set(long_)):
            return True  # "Blair", "Xi" / "Yoon" (family name first), "Ekholm" of "Tomas Ekholm Vik",
            # "Sheikh Omar" of "Omar bin Tolvik Al Norland" (called by the given name)
        if len(word) > 1 and word == _acronym(long_):
            return True
        return False
    if wa[-1] == wb[-1] and (_initials(wa[0]) or _initials(wb[0]) or wa[0][:3] == wb[0][:3]) and wa[0][0] == wb[0][0]:
        return True  # "Ida K Brenner" / "Ida Brenner", "J-M Vik", "Bernie Vik" / "Bernard Vik"; not "Jill Vik" / "Joe Vik"
    return f" {ka} " in f" {kb} " or f" {kb} " in f" {ka} "


def _initials(word: str) -> bool:
    """"J", "J-M": a first name written by its initials."""
    return all(len(part) <= 1 for part in word.split("-"))


def is_title_word(word: str) -> bool:
    """An honorific or an office word written before names ("Mr", "President")."""
    word = re.sub(r"-(?:elect|designate)$", "", fold(word))  # "President-elect"
    return word in lexicons.words("honorifics") | lexicons.words("titles")
