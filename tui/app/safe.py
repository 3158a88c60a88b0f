"""Article text is data: helpers that turn it into Rich ``Text`` safely.

Nothing here parses markup. Control characters (ANSI escapes, bells, C1 codes,
bidi overrides) are replaced one-for-one by visible symbols, by the one function
the CLI uses too (:func:`tui.text.visible`), so offsets into the body stay
valid and nothing reaches the terminal that could change its state.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text

from tui.text import unsafe_spans, visible

__all__ = ["highlighted", "plain", "quoted", "unsafe_spans", "visible"]


def quoted(query: str) -> str:
    """A query as a message shows it: in quotation marks (“ceasefire”), or as typed when
    it has quotation marks of its own (“"Hong Kong"” read as two pairs)."""
    query = query.strip()
    return query if '"' in query else f"“{query}”"


def plain(text: str | None, style: str | Style = "", *, one_line: bool = True) -> Text:
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
    style: str | Style,
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
