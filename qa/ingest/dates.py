"""Publication dates as news writes them: date lines, wire datelines, metadata values.

    parse_date("Mon 3 Mar 2025")                      -> "2025-03-03"
    date_line("Published: March 3, 2025 14:02 GMT")   -> "2025-03-03"
    dateline_date("LONDON, March 3 (Reuters) - ...", reference=date(2025, 5, 1)) -> "2025-03-03"
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from .. import lexicons

MONTH_NUMBERS: dict[str, int] = lexicons.table("months")  # names and abbreviations -> 1..12
MONTHS = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))  # longest first: "march" before "mar"
_WEEKDAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?\s+"
_DAY_MONTH_YEAR = rf"\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\.?,?\s+\d{{4}}"
_MONTH_DAY_YEAR = rf"(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
_ISO = r"\d{4}-\d{2}-\d{2}"
_TIME = r"(?:[\sT,]+(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2}(?:\.\d+)?)?(?:\s*[ap]\.?m\.?)?)?"
_ZONE = r"(?:\s*(?:z|gmt|utc|bst|cet|cest|[ecmp][sd]t|[+-]\d{2}:?\d{2}))?"
# A line that only states when the article appeared: "Update: 16 September 2022 12:42",
# "Mon 3 Mar 2025 14.02 GMT", "Published March 3, 2025", "2025-03-03".
_DATE_LINE = re.compile(
    rf"^(?:(?:(?:last\s+)?updated?|published|posted|date|first published)(?:\s+on)?\s*:?\s*)?"
    rf"(?:{_WEEKDAY})?(?P<date>{_DAY_MONTH_YEAR}|{_MONTH_DAY_YEAR}|{_ISO}){_TIME}{_ZONE}\s*$",
    re.IGNORECASE,
)
_LABELLED = re.compile(r"^(?:(?:last\s+)?updated?|published|posted|date|first published)\b",
                       re.IGNORECASE)
# A wire dateline opening the first paragraph: "LONDON, March 3 (Reuters) -",
# "WASHINGTON, March 3, 2025 /PRNewswire/ --", "PARIS, 3 March (AFP) —".
_WIRE_DATELINE = re.compile(
    rf"^[A-Z][A-Za-z .'-]{{1,40}},(?:\s+[A-Z][A-Za-z .'-]{{1,30}},)?\s+"
    rf"(?P<date>(?:{MONTHS})\.?\s+\d{{1,2}}(?:,\s*\d{{4}})?"
    rf"|\d{{1,2}}\s+(?:{MONTHS})\.?(?:\s+\d{{4}})?)"
    rf"\s*(?:\([^)]{{1,40}}\)|/[^/]{{1,40}}/)?\.?\s*[-–—]",  # EFE writes "(EFE).-"
    re.IGNORECASE,
)
# A wire opening without a date: "LONDON (Reuters) -", "GENEVA, Switzerland (AP) —", a web
# page's "Hong Kong CNN —" or "(CNN) —", and a place in capitals alone: "NEW DELHI -".
_AGENCIES = r"(?:CNN|Reuters|AP|AFP|Bloomberg|UPI|CNBC|dpa)"
_WIRE_CREDIT = re.compile(
    r"^[A-Z][A-Z .'-]{1,40}(?:,\s*[A-Z][A-Za-z .'-]{1,30})?\s*\([A-Z][A-Za-z .'-]{0,39}\)\.?\s*[-–—]"
    rf"|^(?:[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){{0,3}}(?:,\s*[A-Z][A-Za-z.'-]*(?: [A-Z][A-Za-z.'-]*){{0,2}})?\s+)?"
    rf"\(?{_AGENCIES}\)?\s*[-–—]"
    r"|^[A-Z][A-Z.'-]{2,}(?: [A-Z][A-Z.'-]+){0,3}(?:,\s*[A-Z][A-Za-z .'-]{1,30})?\s+[-–—]{1,2}\s"
)
# A web page's "Pretoria, South Africa – ": a town and a country (from the demonyms lexicon) before a dash.
_TOWN_COUNTRY = re.compile(r"^[A-Z][a-z'-]+(?: [A-Z][a-z'-]+){0,2}, (?P<country>[A-Z][a-z'-]+(?: [A-Z][a-z'-]+){0,2}) [–—] ")
# A web page's town alone before a spaced dash ("Tolvik – Education Secretary ..."); not an aside
# ("Lund – a former minister – said"), whose next word is lower-case or whose dash closes.
_TOWN_DASH = re.compile(r"^[A-Z][a-z'-]+(?: [A-Z][a-z'-]+)? [–—] (?=[A-Z])(?![^.]*? [–—] )")
_FORMATS = (
    "%Y-%m-%d", "%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y",
    "%d-%b-%Y %H:%M:%S", "%d-%b-%Y", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S",
)


# The shapes that cover nearly every date met (metadata, feeds, wire records), read without
# strptime, which tries its formats one by one: 13,000 wire records took 6 s that way.
_QUICK = (
    re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ]\d{2}:\d{2}:\d{2})?$"),
    re.compile(rf"^(?P<d>\d{{1,2}})-(?P<month>{MONTHS})-(?P<y>\d{{4}})(?: \d{{1,2}}:\d{{2}}:\d{{2}}(?:\.\d+)?)?$",
               re.IGNORECASE),
)


def _quick_date(text: str) -> str | None:
    for pattern in _QUICK:
        match = pattern.match(text)
        if match:
            parts = match.groupdict()
            month = int(parts["m"]) if parts.get("m") else MONTH_NUMBERS[parts["month"].lower()]
            try:
                return date(int(parts["y"]), month, int(parts["d"])).isoformat()
            except ValueError:
                return None
    return None


def parse_date(text: str) -> str | None:
    """ISO date (YYYY-MM-DD) from a date as articles write it, or None."""
    text = text.strip().rstrip(".")
    quick = _quick_date(text)
    if quick:
        return quick
    iso = re.match(rf"^({_ISO})(?:[T\s]\d{{2}}:\d{{2}}.*)?$", text)
    if iso:
        text = iso.group(1)
    cleaned = re.sub(rf"^{_WEEKDAY}", "", text, flags=re.IGNORECASE)
    cleaned = re.sub(r"(\d)(?:st|nd|rd|th)\b", r"\1", cleaned)
    cleaned = re.sub(r"\s+", " ", re.sub(r"[,.]", " ", cleaned)).strip()
    for candidate in (cleaned, text, text.split(".")[0]):
        candidate = re.sub(r"\bsept\b", "Sep", candidate, flags=re.IGNORECASE)
        for fmt in _FORMATS:
            try:
                return datetime.strptime(candidate, fmt).date().isoformat()
            except ValueError:
                continue
    return None


def date_line(text: str, labelled_only: bool = False) -> str | None:
    """The date of a line that states nothing but a date (with a label, weekday or time)."""
    if len(text) > 80 or (labelled_only and not _LABELLED.match(text)):
        return None
    match = _DATE_LINE.match(text.strip())
    return parse_date(match.group("date")) if match else None


def _dateline(paragraph: str) -> re.Match | None:
    """The dateline opening ``paragraph``, in any of the forms above, or None."""
    town = _TOWN_COUNTRY.match(paragraph)
    if town and town.group("country").lower() not in lexicons.countries():
        town = None
    return _WIRE_DATELINE.match(paragraph) or _WIRE_CREDIT.match(paragraph) or town or _TOWN_DASH.match(paragraph)


def dateline_length(paragraph: str) -> int:
    """How many characters of ``paragraph`` a wire dateline takes ("LONDON (Reuters) - "), or 0:
    the place and agency there are no one's words, and no one who met."""
    match = _dateline(paragraph)
    if not match:
        return 0
    return len(paragraph) - len(paragraph[match.end():].lstrip("-–— "))


_AGENCY_WORDS = re.compile(rf"\(?\b{_AGENCIES}\b\)?|\(.*?\)|/.*?/")


def dateline_place(paragraph: str) -> str | None:
    """Where a wire dateline says the story was filed ("BERGEN, Norway, Nov 14 -" ->
    "Bergen, Norway"; "Tolvik CNN —" -> "Tolvik"), or None: no dateline, or an agency's name
    alone ("(CNN) —")."""
    match = _dateline(paragraph)
    if not match:
        return None
    head = paragraph[:match.end()]
    if match.re is _WIRE_DATELINE:
        head = head[:match.start("date")]
    head = re.sub(r"\s+\.(?=[\s,-–—]*$)", "", _AGENCY_WORDS.sub(" ", head)).strip(" ,-–—")  # "(EFE).-"
    parts = [p.strip() for p in head.split(",") if p.strip()][:2]
    parts = [p.title() if p.isupper() and len(p) > 2 else p for p in parts]
    return ", ".join(parts) or None


def dateline_date(paragraph: str, reference: date | None) -> str | None:
    """The date of a wire dateline opening ``paragraph``; a dateline without a year takes the
    latest such day not after ``reference`` (when the article was saved), or None without one."""
    match = _WIRE_DATELINE.match(paragraph)
    if not match:
        return None
    stated = match.group("date")
    if re.search(r"\d{4}\s*$", stated):
        return parse_date(stated)
    if reference is None:
        return None
    for year in (reference.year, reference.year - 1):
        day = parse_date(f"{stated} {year}")
        # A day after the reference is last year's (saved on 2 Jan, written on 30 Dec).
        if day and date.fromisoformat(day) <= reference + timedelta(days=1):
            return day
    return None
