"""Decoding text files whose encoding nobody declared (``.txt``, ``.md``, exports)."""

from __future__ import annotations


def decode(data: bytes) -> str:
    """Decode article bytes: UTF-8 (with or without BOM), else Windows-1252/Latin-1."""
    return decode_noted(data)[0]


def decode_noted(data: bytes) -> tuple[str, str | None]:
    """The text of ``data`` and, when it was not clean UTF-8, a note saying how it was read.

    UTF-8 with a few broken bytes among many good non-ASCII characters is UTF-8
    that was damaged (the broken bytes become U+FFFD); otherwise bytes that are
    not UTF-8 are Windows-1252 (Latin-1 where 1252 leaves a byte undefined).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    loose = data.decode("utf-8", "surrogateescape")
    bad = sum(1 for ch in loose if "\udc80" <= ch <= "\udcff")
    good = sum(1 for ch in loose if ord(ch) > 127) - bad
    if good > bad:
        text = data.decode("utf-8", "replace")
        return text, f"{bad} byte{'s' if bad != 1 else ''} of broken UTF-8 shown as �"
    try:
        return data.decode("cp1252"), "not UTF-8: read as Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "not UTF-8: read as Latin-1"


def looks_binary(data: bytes) -> bool:
    """True for data that is not text: NUL bytes or many control characters."""
    if b"\x00" in data[:8192]:
        return True
    sample = data[:8192]
    if not sample:
        return False
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    # A few stray control bytes in a short note are still text: a share of them
    # says binary only once there are enough to count.
    return controls >= _MIN_CONTROLS and controls / len(sample) > 0.05


#: Control bytes a file needs before their share can call it binary.
_MIN_CONTROLS = 8

# Control bytes that do not occur in text (tab, newlines, form feed and ESC are allowed).
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))
