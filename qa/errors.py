"""Errors a user can act on. Each prints as one line that says what is wrong and how to fix it."""

from __future__ import annotations


class QAError(Exception):
    """Base class: ``str(error)`` is the one-line message shown to the user."""


class NoArticlesError(QAError):
    pass


class IndexMissingError(QAError):
    pass


class IndexCorruptError(QAError):
    pass


class IndexIncompatibleError(QAError):
    pass


class IndexFormatError(IndexIncompatibleError):
    """The index was written by another version of qa: the articles can simply be re-indexed."""


class BuildLockedError(QAError):
    pass


class ModelUnavailableError(QAError):
    pass


def rebuild_hint(index_dir: object) -> str:
    return f"rebuild it with: qa index build --full --index {index_dir}"


class SeedsFolderError(QAError):
    pass


class IndexPathError(QAError):
    """The index folder cannot be created, written or locked (a file, read-only, no space)."""
