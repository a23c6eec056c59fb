"""Word lists as data, shared by the meetings layer and the answer layer.

Plain-text lists hold one entry a line ("#" starts a comment); JSON files hold maps. Both are
read once and cached, and returned as frozensets / dicts that callers must not change.
"""

from __future__ import annotations

import functools
import json
from importlib import resources


@functools.lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    """The entries of ``<name>.txt``, lower-cased."""
    text = resources.files(__name__).joinpath(f"{name}.txt").read_text(encoding="utf-8")
    entries = (line.split("#", 1)[0].strip().lower() for line in text.splitlines())
    return frozenset(entry for entry in entries if entry)


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
