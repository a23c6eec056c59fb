"""An ISO date for a time as written, resolved against the article's date.

"on Monday" is the last Monday up to the article's day (after it for a planned contact); "on March 3"
takes the article's year; "in 2019" gives "2019", "in March 2019" gives "2019-03". Vague times
("over the last few weeks", "recently") give no date.
"""

from __future__ import annotations

import datetime as dt
import re

from ..ingest.dates import MONTH_NUMBERS

_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
_MONTH_RE = r"(" + "|".join(m for m in MONTH_NUMBERS if len(m) == 3 or m == "sept") + r")[a-z]*\.?"
_RELATIVE_DAYS = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def _month(word: str) -> int:
    return MONTH_NUMBERS[word.lower()[:3]]


def _weekday(base: dt.date, name: str, future: bool) -> dt.date:
    target = _WEEKDAYS.index(name)
    if future:
        return base + dt.timedelta(days=(target - base.weekday() - 1) % 7 + 1)
    # Wire copy names the day it reports on: "met on Tuesday" in Tuesday's paper is that day.
    return base - dt.timedelta(days=(base.weekday() - target) % 7)


def _day_month(text: str, base: dt.date | None, future: bool) -> str | None:
    """"March 3, 2019", "3 March", "on Sept. 12"."""
    match = (re.search(rf"\b{_MONTH_RE}\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?", text, re.I)
             or re.search(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+(\d{{4}}))?", text, re.I))
    if not match:
        return None
    first, second, year = match.groups()
    month_word, day = (first, second) if not first.isdigit() else (second, first)
    try:
        month, day = _month(month_word), int(day)
        if year:
            return dt.date(int(year), month, day).isoformat()
        if base is None:
            return None
        date = dt.date(base.year, month, day)
    except (ValueError, StopIteration):
        return None
    if not future and date > base + dt.timedelta(days=1):
        date = date.replace(year=base.year - 1)
    elif future and date < base - dt.timedelta(days=1):
        date = date.replace(year=base.year + 1)
    return date.isoformat()


def _month_year(text: str, base: dt.date | None) -> str | None:
    """"in March 2019" -> "2019-03", "in 2019" -> "2019", "last month" -> the month before."""
    match = re.search(rf"\b{_MONTH_RE}\s+(\d{{4}})\b", text, re.I)
    if match:
        return f"{match.group(2)}-{_month(match.group(1)):02d}"
    match = re.search(r"\b(19\d\d|20\d\d)\b", text)
    if match:
        return match.group(1)
    if base is not None and re.search(r"\blast month\b", text, re.I):
        previous = base.replace(day=1) - dt.timedelta(days=1)
        return f"{previous.year}-{previous.month:02d}"
    if base is not None and re.search(r"\b(this|next) month\b", text, re.I):
        return f"{base.year}-{base.month:02d}" if "this" in text.lower() else None
    return None


def resolve_date(time_text: str | None, article_date: str | None, status: str = "happened") -> str | None:
    """The ISO date (or month, or year) a time as written stands for, or None."""
    if not time_text:
        return None
    base = None
    if article_date:
        try:
            base = dt.date.fromisoformat(article_date[:10])
        except ValueError:
            base = None
    future = status == "planned"
    found = _day_month(time_text, base, future)
    if found:
        return found
    lower = time_text.lower()
    if base is not None:
        for word, shift in _RELATIVE_DAYS.items():
            if re.search(rf"\b{word}\b", lower):
                return (base + dt.timedelta(days=shift)).isoformat()
        for name in _WEEKDAYS:
            if re.search(rf"\b{name}\b", lower):
                future_day = future or bool(re.search(r"\bnext\b", lower))
                return _weekday(base, name, future_day).isoformat()
    if re.search(rf"\b{_MONTH_RE}\b", lower) and base is not None and not re.search(r"\d{4}", lower):
        match = re.search(rf"\b{_MONTH_RE}", lower)
        month = _month(match.group(1))
        # "last November" written in November is a year ago; "in January" planned in November is next year's
        named = re.search(rf"\b(last|next)\s+{_MONTH_RE}", lower)
        if future:
            year = base.year + (month < base.month or (month == base.month and bool(named) and named.group(1) == "next"))
        else:
            year = base.year - (month > base.month or (month == base.month and bool(named) and named.group(1) == "last"))
        return f"{year}-{month:02d}"
    return _month_year(time_text, base)


_AHEAD = re.compile(r"\b(?:tomorrow|next\s+(?:week|month|year|\w+day)|later\s+this\s+(?:week|month|year)|"
                    r"(?:this|the)\s+coming\s+(?:week|month|days))\b", re.I)


def is_ahead(time_text: str | None, published: str | None) -> bool:
    """A time still to come when the story was written, whatever the verb's tense: "tomorrow",
    "next week", or a day and month with no year within six weeks after the story ("leaves for
    Oslo on April 29" in a story of April 7; not a weekday, which the tense decides)."""
    if not time_text:
        return False
    if _AHEAD.search(time_text):
        return True
    if not published or not re.search(rf"\b{_MONTH_RE}", time_text.lower()) or not re.search(r"\d", time_text) \
            or re.search(r"\b(?:last|\d{4})\b", time_text):
        return False
    ahead = resolve_date(time_text, published, "planned")
    try:
        days = (dt.date.fromisoformat(ahead) - dt.date.fromisoformat(published[:10])).days if ahead and len(ahead) == 10 else -1
    except ValueError:
        return False
    return 0 < days <= 42
