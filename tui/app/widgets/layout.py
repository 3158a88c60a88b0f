"""Turning an article into wrapped lines the reader can draw.

An article becomes a list of :class:`Block` (headline, meta line, heading,
paragraph, ...). Each block knows the body offset where it starts, so styled
overlays (entities, search matches, later a passage cursor or selection) are
plain ``(start, end, style)`` spans over the body. :func:`wrap_blocks` breaks
the blocks into :class:`Line` rows of a given width, remembering the body
offset of every row for scrolling to a match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from rich.cells import cell_len
from rich.console import Console
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.strip import Strip

from tui.app.safe import unsafe_spans, visible
from tui.articles import Article

_WORD = re.compile(r"\S+\s*")


@dataclass(frozen=True)
class Block:
    """One paragraph-like unit. ``start`` is its body offset, or -1 outside the body."""

    kind: str  # "title", "meta", "heading", "quote", "para", "raw", "raw-cut", "blank", "notice"
    text: str
    start: int = -1

    @property
    def end(self) -> int:
        return self.start + len(self.text) if self.start >= 0 else -1


@dataclass(frozen=True)
class Line:
    """One wrapped row: ``text`` is already styled; ``start`` is a body offset or -1."""

    block: int
    text: Text
    start: int


def wrap_offsets(text: str, width: int) -> list[int]:
    """Start offsets of the rows of ``text`` wrapped greedily at ``width`` cells."""
    width = max(1, width)
    if _narrow(text) and text[:1] != " ":
        return _wrap_narrow(text, width)
    starts = [0]
    # The indentation before the first word takes its cells too (a raw line of a page
    # scraped to text, indented ten spaces, ran ten cells past the row and was cut).
    used = cell_len(text[: len(text) - len(text.lstrip())])
    for match in _WORD.finditer(text):
        word_start, word = match.start(), match.group()
        bare = cell_len(word.rstrip())
        if used and used + bare > width:
            starts.append(word_start)
            used = 0
        if bare > width:  # a word longer than the row: cut it
            pos = word_start
            for ch in word.rstrip():
                size = cell_len(ch)
                if used + size > width:
                    starts.append(pos)
                    used = 0
                used += size
                pos += 1
            used += len(word) - len(word.rstrip())
            continue
        used += cell_len(word)
    return starts


#: Characters seen to be one cell wide and not white space (but the space), and the rest.
_NARROW: set[str] = {" "}
_OTHER: set[str] = set()


def _narrow(text: str) -> bool:
    """Whether every character of ``text`` is one cell wide, the space the only white space."""
    new = set(text) - _NARROW
    if not new:
        return True
    if not new.isdisjoint(_OTHER):
        return False
    for ch in new:
        if ch.isspace() or cell_len(ch) != 1:
            _OTHER.add(ch)
            return False
        _NARROW.add(ch)
    return True


def _wrap_narrow(text: str, width: int) -> list[int]:
    """:func:`wrap_offsets` for text of one-cell characters, spaces between words (most text).

    A row ends at the last space within ``width`` characters of its start: a few string
    searches per row rather than a regex match and a width per word.
    """
    starts = [0]
    start, size = 0, len(text)
    while size - start > width:
        limit = start + width
        cut = text.rfind(" ", start, limit + 1)
        if cut > start:  # the row holds every word that ends by ``limit``
            nxt = cut + 1
            while nxt < size and text[nxt] == " ":
                nxt += 1
            if nxt >= size:
                break
        else:  # a word longer than the row: cut it
            nxt = limit
        starts.append(nxt)
        start = nxt
    return starts


def style_block(
    block: Block, base: str | Style, overlays: Sequence[tuple[int, int, str | Style]]
) -> Text:
    """The block's text with its base style and every overlay span that falls inside it."""
    text = Text(visible(block.text, keep_newlines=False), style=base, end="")
    for start, end in unsafe_spans(block.text):
        text.stylize("reverse", start, end)
    if block.start < 0:
        return text
    lo, hi = block.start, block.end
    for start, end, style in overlays:
        if end > lo and start < hi:
            text.stylize(style, max(start, lo) - lo, min(end, hi) - lo)
    return text


def wrap_blocks(
    blocks: Sequence[Block],
    width: int,
    styles: Mapping[str, str | Style],
    overlays: Iterable[tuple[int, int, str | Style]] = (),
) -> list[Line]:
    """Wrap ``blocks`` to ``width``; a blank row separates blocks (not title from meta)."""
    spans = list(overlays)
    lines: list[Line] = []
    for index, block in enumerate(blocks):
        raw = block.kind.startswith("raw")
        if index and not (block.kind == "meta" and blocks[index - 1].kind == "title"):
            if not (raw and blocks[index - 1].kind.startswith("raw")):
                lines.append(Line(index, Text(""), -1))
        if block.kind == "blank" or not block.text:
            if block.kind == "blank" or raw:
                lines.append(Line(index, Text(""), -1))
            continue
        styled = style_block(block, styles.get(block.kind, ""), spans)
        starts = wrap_offsets(styled.plain, width)
        for row_start, row in zip(starts, styled.divide(starts[1:]), strict=True):
            row.rstrip()
            offset = block.start + row_start if block.start >= 0 else -1
            lines.append(Line(index, row, offset))
    return lines


def article_blocks(
    article: Article, *, raw: bool = False, raw_key: str = "r", note: str = ""
) -> list[Block]:
    """The blocks of ``article``; ``raw_key`` is the key
    that toggles the raw text, as the user's keymap has it; ``note`` a line of the app's
    about the article, under the source and date."""
    blocks = [Block("title", article.title)]
    meta = " · ".join(part for part in (article.source, article.date, article.byline) if part)
    if meta:
        blocks.append(Block("meta", meta))
    if note:
        blocks.append(Block("notice", note))
    if raw:
        notice = _RAW_NOTICE.get(getattr(article, "format", "txt"), _RAW_NOTICE["txt"])
        notice = notice.format(key=raw_key)
        blocks.append(Block("notice", notice))
        blocks.extend(raw_blocks(article.raw, getattr(article, "removed", ())))
        return blocks
    paragraphs = list(article.paragraphs())
    if not paragraphs:
        blocks.append(Block("notice", "This article has no text after cleaning (r: raw text)."))
    quotes = getattr(article, "quotes", ())
    for start, end in paragraphs:
        heading = any(hs < end and he > start for hs, he in article.headings)
        quoted = any(qs < end and qe > start for qs, qe in quotes)
        kind = "heading" if heading else "quote" if quoted else "para"
        blocks.append(Block(kind, article.body[start:end], start))
    return blocks


#: The raw view's first line, by the article's format.
_RAW_NOTICE = {
    "txt": (
        "Raw text, as in the file ({key}: back to the cleaned text). Faded lines were left "
        "out; ) ( pick a line, c marks it as cruft or brings it back, for this source."
    ),
    "html": "The whole page as text, menus and all ({key}: back to the article)",
    **dict.fromkeys(
        ("jsonl", "json", "csv", "rss", "atom"),
        "The record as in the file ({key}: back to the article)",
    ),
}


_RAW_LINE = re.compile(r"[^\r\n]*")


def raw_blocks(raw: str, removed: Sequence[tuple[int, int]] = ()) -> list[Block]:
    """One block a line of ``raw`` (``start``: its offset in ``raw``); the lines the
    cleaner removed (``removed``: spans of ``raw``) are ``raw-cut``, shown dimmed."""
    blocks: list[Block] = []
    spans = sorted(removed)
    k, pos, size = 0, 0, len(raw)
    while True:
        match = _RAW_LINE.match(raw, pos)
        start, end = pos, match.end() if match else pos
        while k < len(spans) and spans[k][1] <= start:
            k += 1
        cut = k < len(spans) and spans[k][0] < end and spans[k][1] > start
        text = raw[start:end]
        blocks.append(Block("raw-cut" if cut and text.strip() else "raw", text, start))
        if end >= size:
            return blocks
        pos = end + (2 if raw.startswith("\r\n", end) else 1)


def row_of(lines: Sequence[Line], offset: int) -> int:
    """The row that shows body ``offset`` (the last row starting at or before it)."""
    found = 0
    for index, line in enumerate(lines):
        if line.start < 0:
            continue
        if line.start > offset:
            break
        found = index
    return found


def rows_of(spans: Iterable[tuple[int, int]], line_of: Callable[[int], int]) -> frozenset[int]:
    """Every row that shows some of the body ``spans``; ``line_of`` is an offset's row."""
    rows: set[int] = set()
    for start, end in spans:
        rows.update(range(line_of(start), line_of(max(start, end - 1)) + 1))
    return frozenset(rows)


def scroll_target(rows: tuple[int, int], y: int, height: int, *, top: bool) -> int | None:
    """Where to scroll (the new top row) to show ``rows`` (first, last) in a view of
    ``height`` rows now at ``y``: a third of the way down with ``top``, else just into
    view with a row of context; ``None`` when they are in view already."""
    first, last = rows
    if top:
        return max(0, first - max(1, height // 3))
    if first < y + 1:
        return max(0, first - 2)
    if last > y + height - 2:
        return max(0, min(first - 1, last - height + 3))
    return None


def offset_in_row(line: Line, column: int) -> int:
    """The body offset of the character drawn at cell ``column`` of ``line`` (the row's
    last character when the column lies beyond it)."""
    used = 0
    for index, char in enumerate(line.text.plain):
        used += cell_len(char)
        if used > column:
            return line.start + index
    return line.start + max(0, len(line.text.plain) - 1)


def text_strip(
    text: Text, console: Console, width: int, style: Style, before: Sequence[Segment] = ()
) -> Strip:
    """One drawn row: ``before`` then ``text`` over ``style`` (their own styles win), padded
    or cut to ``width`` cells. One strip, where applying the style and padding would make three."""
    if text.spans or not text.style:
        rendered = list(text.render(console, end=""))
    else:  # Text.render leaves out the text's own style when it has no spans
        rendered = [Segment(text.plain, console.get_style(text.style))]
    segments = list(Segment.apply_style([*before, *rendered], style))
    length = sum(cell_len(segment.text) for segment in segments)
    if length > width:
        return Strip(segments, length).crop(0, width)
    if length < width:
        segments.append(Segment(" " * (width - length), style))
    return Strip(segments, width)
