"""Meetings for people and programs: plain text, JSON records, CSV and Markdown, every one with
its citations (title · date · ¶n and the evidence sentence). Pure functions over records."""

from __future__ import annotations

import csv
import io
import shutil
import textwrap
from typing import TYPE_CHECKING, Any

from .sanitize import json_line

if TYPE_CHECKING:
    from .engine import Engine
    from .meetings import Event

FORMATS = ("text", "json", "csv", "md")
CSV_COLUMNS = ("date", "time", "kind", "status", "participants", "place", "reason",
               "citations", "evidence", "articles")


def meeting_record(event: Event, engine: Engine) -> dict[str, Any]:
    """One meeting as JSON: the record's fields, the articles reporting it (``sources``) and
    each evidence sentence with its ``title``, ``date`` and ``citation``."""
    record = event.meeting.to_dict()
    record["evidence"] = [engine.cited(evidence) for evidence in record["evidence"]]
    record["sources"] = list(event.sources)
    copies = [copy for article_id in event.sources
              for copy in getattr(engine.data.articles.get(article_id), "copies", ())]
    if copies:
        record["also_reported_by"] = copies
    return record


def render(records: list[dict[str, Any]], fmt: str) -> str:
    """The records in ``fmt`` (one of FORMATS but "text")."""
    return {"json": as_json_lines, "csv": as_csv, "md": as_markdown}[fmt](records)


def as_json_lines(records: list[dict[str, Any]]) -> str:
    return "".join(json_line(record) + "\n" for record in records)


def _names(record: dict[str, Any]) -> list[str]:
    return [f"{p['name']}, {p['role']}" if p.get("role") else p["name"]
            for p in record["participants"]]


def _when(record: dict[str, Any]) -> str:
    time_text, date = record.get("time_text"), record.get("date")
    if time_text and date and date not in time_text:
        return f"{time_text} ({date})"
    return time_text or date or ""


def _citations(record: dict[str, Any]) -> list[str]:
    return list(dict.fromkeys(evidence["citation"] for evidence in record["evidence"]))


def as_csv(records: list[dict[str, Any]]) -> str:
    """One row a meeting; several citations or sentences in one cell are joined by " | "."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in records:
        writer.writerow([
            r.get("date") or "", r.get("time_text") or "", r["kind"], r["status"],
            "; ".join(_names(r)), r.get("place") or "", r.get("reason") or "",
            " | ".join(_citations(r)), " | ".join(e["text"] for e in r["evidence"]),
            " | ".join(r["sources"]),
        ])
    return out.getvalue()


def _md(text: str) -> str:
    """Article text inside a Markdown line or table cell: no accidental markup or HTML."""
    text = " ".join(str(text).split())
    for char in "\\|*_`[]<>":
        text = text.replace(char, "\\" + char)
    return text


def as_markdown(records: list[dict[str, Any]]) -> str:
    """A heading a meeting, its facts, then each evidence sentence quoted with its citation."""
    lines = ["# Meetings", ""]
    for r in records:
        status = "" if r["status"] == "happened" else f" ({r['status']})"
        lines += [f"## {_md(_when(r) or 'undated')} · {r['kind']}{status}: "
                  f"{_md(' — '.join(_names(r)))}", ""]
        if r.get("place"):
            lines.append(f"- **Where:** {_md(r['place'])}")
        if r.get("reason"):
            lines.append(f"- **Why:** {_md(r['reason'])}")
        lines.append("")
        for evidence in r["evidence"]:
            lines += [f"> {_md(evidence['text'])}", ">", f"> — *{_md(evidence['citation'])}*", ""]
    return "\n".join(lines).rstrip() + "\n"


def as_text(records: list[dict[str, Any]]) -> str:
    """Two lines a meeting: who and whom with the date, then where, why and the sources."""
    width = min(100, max(60, shutil.get_terminal_size()[0]))
    blocks = []
    for r in records:
        names = _names(r)
        status = "" if r["status"] == "happened" else f" [{r['status']}]"
        who = " — ".join([names[0], ", ".join(names[1:])] if len(names) > 1 else names)
        head = f"{_when(r) or 'undated'} · {r['kind']}{status}: {who}"
        detail = " · ".join(x for x in (f"where: {r['place']}" if r.get("place") else "",
                                         f"why: {r['reason']}" if r.get("reason") else "",
                                         "sources: " + "; ".join(_citations(r)[:3])) if x)
        blocks.append(textwrap.fill(head, width, subsequent_indent="  ") + "\n"
                      + textwrap.fill(detail, width, initial_indent="  ", subsequent_indent="  "))
    return "\n".join(blocks)
