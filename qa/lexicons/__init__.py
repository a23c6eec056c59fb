"""Word lists as data, shared by the meetings layer and the answer layer.

Plain-text lists hold one entry a line ("#" starts a comment); JSON files hold maps. Both are
read once and cached, and returned as frozensets / dicts that callers must not change.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources


@functools.lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The entries of ``<name>.txt``, lower-cased."""
    text = resources.files(__name__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    return frozenset(entry for entry in entries if entry)


@functools.lru_cache(maxsize=None)
def synonym_groups() -> dict[str, frozenset[str]]:
    """Each word of ``synonyms.txt``, lower-cased, with the other words of its group."""
    text = resources.files(__name__).joinpath("synonyms.txt").read_text(encoding="utf-8")
    groups = [frozenset(line.split("#", 1)[0].lower().split()) for line in text.splitlines()]
    return {word: group - {word} for group in groups for word in group}


@functools.lru_cache(maxsize=None)
def table(name: str) -> dict:
    """The JSON object in ``<name>.json``, as written."""
    text = resources.files(__name__).joinpath(f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text)


@functools.lru_cache(maxsize=None)
def mapping(name: str) -> dict[str, str]:
    """The map in ``<name>.json`` (keys lower-cased)."""
    return {key.lower(): value for key, value in table(name).items()}


@functools.lru_cache(maxsize=None)
def countries() -> frozenset[str]:
    """Country names, lower-cased: the countries the demonyms lexicon names."""
    return frozenset(country.lower() for country in mapping("demonyms").values())


@functools.lru_cache(maxsize=None)
def _capital_pattern():
    return re.compile(r"\b(" + "|".join(re.escape(c) for c in sorted(table("capitals"), key=len, reverse=True)) + r")\b")


@functools.lru_cache(maxsize=None)
def proper_words() -> dict[str, str]:
    """Each word of a capital's, a country's or a people's name as written, keyed lower-cased
    ("ankara" -> "Ankara", "turkish" -> "Turkish"): how a question typed in lower case is
    recased where the passages do not write the word."""
    names = [*table("capitals"), *table("capitals").values(), *table("demonyms").values(),
             *(demonym.capitalize() for demonym in table("demonyms"))]
    return {word.lower(): word for name in names for word in name.split() if word[:1].isupper()}


def with_capitals_as_countries(text: str) -> str:
    """``text`` with each capital written as its country: "talks between Oslo and Stockholm" ->
    "talks between Norway and Sweden". Capitals are matched as written (capitalised)."""
    return _capital_pattern().sub(lambda m: table("capitals")[m.group(1)], text)


def countries_by_capital(text: str) -> list[str]:
    """The countries ``text`` names by their capitals ("What did Oslo want?" -> Norway)."""
    return [country for _capital, country in capitals_in(text)]


def capitals_in(text: str) -> list[tuple[str, str]]:
    """Each capital ``text`` writes, with its country."""
    return [(m.group(1), table("capitals")[m.group(1)]) for m in _capital_pattern().finditer(text)]


@functools.lru_cache(maxsize=64)
def capitals_named(text: str) -> tuple[tuple[str, str], ...]:
    """The capitals ``text`` names by their country, each with the words that name it: "the
    Norlandic capital" and "the capital of Norland" -> the capital of Norland (the capitals
    lexicon, with the demonyms); once a question, though several steps ask."""
    by_country, demonyms = _capitals_by_country(), mapping("demonyms")
    found = []
    for match in _CAPITAL_OF.finditer(text):
        written = (match.group(1) or match.group(2)).lower()
        country = demonyms.get(written, written) if match.group(1) else written
        if country.lower() in by_country:
            found.append((match.group(0), by_country[country.lower()]))
    return tuple(found)


@functools.lru_cache(maxsize=None)
def _capitals_by_country() -> dict[str, str]:
    return {country.lower(): capital for capital, country in table("capitals").items()}


_NAME = r"[A-Z][\w'’-]*(?: [A-Z][\w'’-]*)?"
_CAPITAL_OF = re.compile(rf"\b({_NAME}) capital\b|\bcapital of (?:the )?({_NAME})")


@functools.lru_cache(maxsize=None)
def known_places() -> frozenset[str]:
    """Countries, their capitals and other names for them, lower-cased: places that are never a
    person and never a venue."""
    aliases = mapping("place_aliases")
    return countries() | {c.lower() for c in table("capitals")} | set(aliases) | set(aliases.values())

