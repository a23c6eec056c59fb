"""Bytes of an article file to text: BOMs first, then UTF-8, then a charset detector.

Whenever the text is not plain UTF-8 the caller gets a note to show, so that a file read with
a guessed encoding (or with bytes replaced) never goes into the index silently.
"""

from __future__ import annotations

import codecs

# UTF-32 first: its little-endian BOM starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# The detector's "chaos" (share of implausible characters) above which its guess is not used.
MAX_CHAOS = 0.1
DETECT_BYTES = 1 << 20  # the detector looks at the start of large files only
# Among equally plausible single-byte encodings, the one most news pages were saved in.
_PREFERRED = "cp1252"


def decode_bytes(data: bytes) -> tuple[str, str | None]:
    """(text, note): note is None for text that decoded cleanly as its BOM or UTF-8 says, else
    it says what was done.

    Raises ValueError("binary file, not text") for data that is no text in any encoding.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode(data, encoding, encoding.removesuffix("-sig").upper())
    if b"\x00" in data[:8192]:
        raise ValueError("binary file, not text")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    guess = _guess_encoding(data[:DETECT_BYTES])
    if guess is not None:
        text, note = _decode(data, guess, guess)
        return text, note or f"not UTF-8: read as {guess}"
    return data.decode("utf-8", "replace"), "not valid UTF-8: undecodable bytes replaced by \ufffd"


def _decode(data: bytes, encoding: str, name: str) -> tuple[str, str | None]:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return data.decode(encoding, "replace"), f"invalid {name}: undecodable bytes replaced by \ufffd"
    return text, None


def _guess_encoding(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # the detector is optional: without it, bytes are replaced
        return None
    matches = list(from_bytes(data))
    if not matches or matches[0].chaos > MAX_CHAOS:
        return None
    best = matches[0]
    for match in matches:
        if match.chaos <= best.chaos and _PREFERRED in (match.encoding, *match.could_be_from_charset):
            return _PREFERRED
    return best.encoding
