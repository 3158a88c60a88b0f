"""Article text is data: helpers that turn it into Rich ``Text`` safely.

Nothing here parses markup. Control characters (ANSI escapes, bells, C1 codes)
are replaced one-for-one by visible symbols, so offsets into the body stay
valid and nothing reaches the terminal that could change its state.
"""

from __future__ import annotations

import re

from rich.text import Text

_C0 = {code: chr(0x2400 + code) for code in range(32) if code not in (9, 10)}
_C0[0x7F] = "\u2421"  # DEL
_C0[9] = " "  # a tab would break column arithmetic
_C1 = {code: "\ufffd" for code in range(0x80, 0xA0)}
# Bidi overrides and isolates can reorder the rest of a terminal line.
_BIDI = {code: "\ufffd" for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
_TABLE = {**_C0, **_C1, **_BIDI}
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_REPLACED = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # _TABLE's


def visible(text: str, *, keep_newlines: bool = True) -> str:
    """``text`` with every control character replaced by a visible symbol (same length)."""
    # Most text has none: one regex scan is far quicker than translating every character.
    out = text.translate(_TABLE) if _REPLACED.search(text) else text
    if not keep_newlines:
        out = out.replace("\n", " ")
    return out


def unsafe_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the characters :func:`visible` replaces (to style them as such)."""
    return [(m.start(), m.end()) for m in _UNSAFE.finditer(text)]


def plain(text: str | None, style: str = "", *, one_line: bool = True) -> Text:
    """A ``Text`` showing ``text`` literally: no markup, control characters visible.

    ``style`` covers this text only, not text appended to the result later.
    """
    out = Text(visible(text or "", keep_newlines=not one_line), end="")
    if style:
        out.stylize(style)
    return out


def highlighted(
    text: str,
    spans: tuple[tuple[int, int], ...] | list[tuple[int, int]],
    style: str,
    *,
    one_line: bool = True,
) -> Text:
    """``plain(text)`` with ``style`` on each ``(start, end)`` span."""
    out = plain(text, one_line=one_line)
    size = len(out.plain)
    for start, end in spans:
        start, end = max(0, start), min(size, end)
        if start < end:
            out.stylize(style, start, end)
    return out
