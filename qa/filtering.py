"""Filters on the articles a question may be answered from, found by binary search."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import numpy as np

from .index_data import IndexData


@dataclass(frozen=True)
class Filters:
    since: str | None = None  # ISO dates, inclusive
    until: str | None = None
    source: str | None = None  # article id / path prefix

    def active(self) -> bool:
        return bool(self.since or self.until or self.source)


class ArticleRows:
    """Each article's live rows (one contiguous range), its articles sorted by id and by date:
    a filter costs two binary searches plus the rows it keeps, never a pass over all rows."""

    def __init__(self, data: IndexData) -> None:
        offsets, live = {}, {}
        cursor = 0
        for name, rows in data.layout:
            offsets[name], live[name] = cursor, rows
            cursor += len(rows)
        self._ranges: dict[str, tuple[int, int]] = {}
        for article_id, entry in data.manifest["articles"].items():
            if entry["chunks"]:
                rows = live[entry["segment"]]
                start = offsets[entry["segment"]] + int(np.searchsorted(rows, entry["row"]))
                self._ranges[article_id] = (start, entry["chunks"])
        self._ids = sorted(self._ranges)
        entries = data.manifest["articles"]  # dates are in the manifest: no article is parsed
        dated = sorted((entries[i]["date"], i) for i in self._ranges if entries[i].get("date"))
        self._dates = [date for date, _ in dated]
        self._dated_ids = [article_id for _, article_id in dated]

    def allowed(self, filters: Filters) -> np.ndarray:
        """Rows the filters keep, ascending."""
        chosen: set[str] | None = None
        prefix = (filters.source or "").strip("/")
        if prefix:
            start = bisect_left(self._ids, prefix)
            chosen = set(self._ids[start : bisect_left(self._ids, prefix + "\U0010ffff", start)])
        if filters.since or filters.until:
            low = bisect_left(self._dates, filters.since) if filters.since else 0
            high = bisect_right(self._dates, filters.until) if filters.until else len(self._dates)
            in_dates = set(self._dated_ids[low:high])
            chosen = in_dates if chosen is None else chosen & in_dates
        if not chosen:
            return np.zeros(0, dtype=np.int64)
        ranges = sorted(self._ranges[article_id] for article_id in chosen)
        return np.concatenate([np.arange(start, start + count) for start, count in ranges])
