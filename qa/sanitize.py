"""Text safety at the edges: valid Unicode in, nothing that can drive a terminal out.

Articles are read through ``clean_text`` (the index never holds escape sequences or lone
surrogates); everything printed from articles, questions or file names goes through
``terminal_safe`` or ``json_line``, since an index built before may still hold them.
"""

from __future__ import annotations

import json
import re
from typing import Any

# Escape sequences a terminal acts on: strings (OSC, DCS, SOS, PM, APC, terminated by BEL or ST),
# CSI (7-bit and the C1 form), and the short ESC sequences (reset, charset, keypad, ...).
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b[\]P^_X]|[\x90\x98\x9d\x9e\x9f])[^\x07\x1b\x9c]{0,4096}(?:\x07|\x1b\\|\x9c)"
    r"|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|\x1b[ -/]*[0-~]"
)
# Controls left over (C0 but tab and newline, DEL, C1) and the bidirectional overrides and
# isolates that reorder what the reader sees.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Characters that json.dumps(ensure_ascii=False) leaves raw but a terminal may act on.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
PLACEHOLDER = "\ufffd"


def valid_unicode(text: str) -> str:
    """Lone surrogates (from JSON escapes or undecodable file names) become U+FFFD."""
    return _SURROGATE.sub(PLACEHOLDER, text)


def clean_text(text: str) -> str:
    """Article text as it is indexed: valid Unicode, no escape sequences, no stray controls."""
    text = _ESCAPE_SEQUENCE.sub("", valid_unicode(text))
    return _BIDI.sub("", _CONTROL.sub(" ", text))


def terminal_safe(text: str) -> str:
    """Text to print: escape sequences removed, other controls shown as a visible placeholder."""
    text = _ESCAPE_SEQUENCE.sub("", valid_unicode(str(text)))
    text = text.replace("\r\n", "\n")
    return _BIDI.sub(PLACEHOLDER, _CONTROL.sub(PLACEHOLDER, text))


def json_line(record: Any) -> str:
    """One JSON line that round-trips exactly and carries nothing a terminal acts on."""
    text = json.dumps(record, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", valid_unicode(text))
