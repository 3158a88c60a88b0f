"""The reader's rows on the screen: each wrapped row drawn as a strip (cached until the
width or the base style changes), component styles looked up once per theme, and the
mouse: a click places the passage cursor on the text under it (shift+click extends it).

A base class of :class:`~tui.app.widgets.reader.Reader`, which lays the article out
(``_lines``, ``_layout_width``) and keeps the state these rows show.
"""

from __future__ import annotations

from rich.style import Style
from textual import events
from textual.geometry import Region
from textual.strip import Strip

from tui.app.widgets.layout import offset_in_row, text_strip
from tui.app.widgets.passage_cursor import PassageCursor
from tui.app.widgets.raw_lines import RawLines
from tui.app.widgets.styles import component_style


class ReaderRows(PassageCursor, RawLines):
    """Drawing the reader's rows and reading the mouse over them."""

    _strips: dict[int, tuple[int, Style, Strip]]  # row -> (width, base, drawn)
    _line_width: int
    _style_cache: dict[str, Style]
    _base: Style | None  # self.rich_style, which is slow to work out per line
    _layout_width: int

    def _style(self, name: str) -> Style:
        """A component class's style, looked up once per theme or focus change."""
        style = self._style_cache.get(name)
        if style is None:
            style = self._style_cache[name] = component_style(self, name)
        return style

    def _styles(self) -> dict[str, str | Style]:
        get = self._style
        return {
            "title": get("reader--title"),
            "meta": get("reader--meta"),
            "heading": get("reader--heading"),
            "quote": get("reader--quote"),
            "notice": get("reader--notice"),
            "raw-cut": get("reader--cut"),
        }

    # -- mouse: the passage cursor follows clicks (shift+click extends it) -------------

    def on_click(self, event: events.Click) -> None:
        offset = self._offset_at(event)
        if offset is None:
            return
        passage = self._ensure_passage(offset)
        if passage is None:
            return
        if event.shift:
            passage.extend_to(offset)
        else:
            passage.place(offset)
        self._passage_changed(scroll=None)

    def _offset_at(self, event: events.MouseEvent) -> int | None:
        """The body offset under the mouse, or ``None`` off the text."""
        where = event.get_content_offset(self)
        lines = self._lines
        if where is None:
            return None
        row = where.y + int(self.scroll_offset.y)
        if not 0 <= row < len(lines) or lines[row].start < 0:
            return None
        return offset_in_row(lines[row], where.x + int(self.scroll_offset.x) - self._margin())

    def _margin(self) -> int:
        width = self.scrollable_content_region.width
        return max(1, (width - self._layout_width) // 2)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._line_width = self.scrollable_content_region.width  # once, not once per line
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        row = y + int(self.scroll_y)
        width = self._line_width or self.scrollable_content_region.width
        base = self._base
        if base is None:
            base = self._base = self.rich_style
        if row >= len(self._lines):
            return Strip.blank(width, base)
        cached = self._strips.get(row)
        if cached is not None and cached[0] == width and cached[1] == base:
            return cached[2]
        margin = max(1, (width - self._layout_width) // 2)
        text = self._lines[row].text
        strip = text_strip(text, self.app.console, width, base, self.gutter_segments(row, margin))
        self._strips[row] = (width, base, strip)
        return strip
