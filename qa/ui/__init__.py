"""The Textual chat. ``from qa.ui import create_app`` (imports Textual, never the engine)."""

from __future__ import annotations

from typing import Any

__all__ = ["create_app", "QAApp"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from qa.ui import app

        return getattr(app, name)
    raise AttributeError(name)
