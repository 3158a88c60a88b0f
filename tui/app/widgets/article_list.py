"""The article list: title, source and date, sortable, with the open article marked.

A virtual list (Textual's line API): it keeps the sorted summaries and draws only the
rows in view, caching each drawn row, so listing thousands of articles costs nothing
at mount and moving the cursor redraws two rows. The first line is a fixed header;
clicking a column's name sorts by it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.safe import visible

SORTS = ("date", "title", "source")
_MARK = "▶"
_SOURCE_WIDTH = 10
_DATE_WIDTH = 10
_GAP = 2


def _sort_key(column: str):  # noqa: ANN202
    def key(summary: Any) -> tuple:
        if column == "date":  # newest first; undated last
            return (summary.date is None, _invert(summary.date or ""), summary.title.lower())
        if column == "source":
            return ((summary.source or "~").lower(), summary.title.lower())
        return (summary.title.lower(), summary.path)

    return key


def _invert(text: str) -> str:
    return "".join(chr(0x10FFFF - ord(ch)) for ch in text)


def _fit(text: str, width: int) -> str:
    """``text`` cut (with an ellipsis) or padded to exactly ``width`` cells."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


class ArticleList(ScrollView, can_focus=True):
    """The corpus, one row per article. Posts :class:`ArticleList.Selected` on Enter or click."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g,home", "scroll_top", "Top", show=False, id="list.top"),
        Binding("G,end", "scroll_bottom", "Bottom", show=False, id="list.bottom"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("enter", "select", "Open", show=False, id="list.open", tooltip="Open the article"),
        Binding("s", "cycle_sort", "Sort", id="list.sort", tooltip="Sort by date, title or source"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--header",
        "article-list--dim",
        "article-list--mark",
        "article-list--cursor",
        "article-list--cursor-blurred",
    }

    cursor_row: reactive[int] = reactive(0, always_update=False, repaint=False)

    @dataclass
    class Selected(Message):
        """The user chose an article to read."""

        article_id: str

    @dataclass
    class Highlighted(Message):
        """The cursor moved onto an article."""

        article_id: str

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.articles: list[Any] = []
        self.sort_column = "date"
        self.current_id: str | None = None
        self.border_title = "Articles"
        self._index: dict[str, int] = {}
        self._has = {"source": True, "date": True}  # columns some article fills
        self._rows: dict[int, tuple[int, Style, Strip]] = {}  # drawn rows (not the cursor's)
        self._styles_key: object = None
        self._base: Style | None = None  # self.rich_style, which is slow to work out per line
        self._line_width = 0

    # -- contents ----------------------------------------------------------------------------

    @property
    def row_count(self) -> int:
        return len(self.articles)

    def set_articles(self, articles: Sequence[Any]) -> None:
        """Replace the rows; keeps the cursor on the article it was on when it is still there."""
        keep = self.highlighted_id or self.current_id
        self._has = {
            "source": any(article.source for article in articles),
            "date": any(article.date for article in articles),
        }
        if not self._has.get(self.sort_column, True):
            self.sort_column = "title"
        self.articles = sorted(articles, key=_sort_key(self.sort_column))
        self._index = {article.id: index for index, article in enumerate(self.articles)}
        self._update_title()
        self._rows.clear()
        self.virtual_size = Size(0, len(self.articles) + 1)
        self.set_reactive(ArticleList.cursor_row, 0)
        self.scroll_to(y=0, animate=False, immediate=True)
        if keep is not None:
            self.move_to(keep)
        self.refresh()

    def _update_title(self) -> None:
        count = len(self.articles)
        noun = "article" if count == 1 else "articles"
        self.border_title = f"Articles ({count:,} {noun})"
        self.border_subtitle = f"by {self.sort_column}"

    def mark_current(self, article_id: str | None) -> None:
        """Mark ``article_id`` as the open article (and unmark the previous one)."""
        previous, self.current_id = self.current_id, article_id
        for key in (previous, article_id):
            index = self._index.get(key) if key is not None else None
            if index is not None:
                self._rows.pop(index, None)
                self._refresh_row(index)

    def move_to(self, article_id: str) -> None:
        """Put the cursor on ``article_id``."""
        index = self._index.get(article_id)
        if index is not None:
            self.cursor_row = index

    @property
    def highlighted_id(self) -> str | None:
        if 0 <= self.cursor_row < len(self.articles):
            return self.articles[self.cursor_row].id
        return None

    def neighbour(self, article_id: str, step: int) -> str | None:
        """The id ``step`` rows away from ``article_id`` in the current order."""
        index = self._index.get(article_id)
        if index is None:
            return None
        target = index + step
        if 0 <= target < len(self.articles):
            return self.articles[target].id
        return None

    def cells(self, index: int) -> list[str]:
        """Row ``index`` as shown: mark, title, [source], date (for tests)."""
        return [text for text, _ in self._cells(index, self._columns())]

    # -- the cursor --------------------------------------------------------------------------

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def validate_cursor_row(self, row: int) -> int:
        return max(0, min(row, len(self.articles) - 1))

    def watch_cursor_row(self, previous: int, row: int) -> None:
        self._refresh_row(previous)
        self._refresh_row(row)
        self._scroll_to_cursor()
        if 0 <= row < len(self.articles):
            self.post_message(self.Highlighted(self.articles[row].id))

    def _scroll_to_cursor(self) -> None:
        row, top, page = self.cursor_row, round(self.scroll_y), self._page
        if row < top:
            self.scroll_to(y=row, animate=False, immediate=True)
        elif row >= top + page:
            self.scroll_to(y=row - page + 1, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self.cursor_row += 1

    def action_cursor_up(self) -> None:
        self.cursor_row -= 1

    def action_scroll_top(self) -> None:
        self.cursor_row = 0

    def action_scroll_bottom(self) -> None:
        self.cursor_row = len(self.articles) - 1

    def action_page_down(self) -> None:
        self.cursor_row += self._page

    def action_page_up(self) -> None:
        self.cursor_row -= self._page

    def action_select(self) -> None:
        article_id = self.highlighted_id
        if article_id is not None:
            self.post_message(self.Selected(article_id))

    def action_cycle_sort(self) -> None:
        """The next sort order, skipping columns no article fills."""
        sorts = [column for column in SORTS if self._has.get(column, True)]
        index = sorts.index(self.sort_column) if self.sort_column in sorts else -1
        self.sort_by(sorts[(index + 1) % len(sorts)])

    def sort_by(self, column: str) -> None:
        self.sort_column = column
        self.set_articles(self.articles)

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        event.stop()
        if offset.y == 0:
            column = self._column_at(offset.x)
            if column is not None:
                self.sort_by(column)
            return
        row = round(self.scroll_y) + offset.y - 1
        if not 0 <= row < len(self.articles):
            return
        if row == self.cursor_row:
            self.action_select()
        else:
            self.cursor_row = row

    # -- drawing -----------------------------------------------------------------------------

    def _columns(self) -> tuple[int, tuple[tuple[str, str, int], ...]]:
        """The title column's width and the other columns shown, as (key, label, width).

        A column nobody has (a corpus without dates) is left out; source goes first
        when the list is narrow.
        """
        width = self.scrollable_content_region.width
        extras: list[tuple[str, str, int]] = []
        if self._has["source"] and width >= 50:
            extras.append(("source", "Source", _SOURCE_WIDTH))
        if self._has["date"]:
            extras.append(("date", "Date", _DATE_WIDTH))
        fixed = 3 + sum(w + _GAP for _, _, w in extras) + 1
        return max(8, width - fixed), tuple(extras)

    def _column_at(self, x: int) -> str | None:
        title_width, extras = self._columns()
        x0 = 3 + title_width
        if 3 <= x < x0 + _GAP:
            return "title"
        for key, _, width in extras:
            if x0 <= x < x0 + _GAP + width + 1:
                return key
            x0 += _GAP + width
        return None

    def _cells(self, index: int, columns: tuple[int, tuple]) -> list[tuple[str, str]]:
        """``(text, role)`` pieces of row ``index``; role picks the style."""
        title_width, extras = columns
        article = self.articles[index]
        mark = _MARK if article.id == self.current_id else " "
        cells = [
            (f" {mark} ", "mark"),
            (_fit(visible(article.title, keep_newlines=False), title_width), ""),
        ]
        for key, _, width in extras:
            value = visible(getattr(article, key) or "", keep_newlines=False)
            cells.append((" " * _GAP + _fit(value, width), "dim"))
        cells.append((" ", ""))
        return cells

    def _header(self, columns: tuple[int, tuple], style: Style) -> Strip:
        title_width, extras = columns
        arrow = " ▾" if self.sort_column == "date" else " ▴"

        def name(label: str, column: str, width: int) -> str:
            return _fit(label + (arrow if self.sort_column == column else ""), width)

        text = "   " + name("Title", "title", title_width)
        for key, label, width in extras:
            text += " " * _GAP + name(label, key, width)
        return Strip([Segment(text + " ", style)])

    def _current_styles(self) -> dict[str, Style]:
        get = self.get_component_rich_style
        return {
            "header": get("article-list--header"),
            "dim": get("article-list--dim", partial=True),
            "mark": get("article-list--mark", partial=True),
            "cursor": get("article-list--cursor", partial=True),
            "cursor-blurred": get("article-list--cursor-blurred", partial=True),
        }

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base = None
        if not self.is_mounted:
            return
        styles = self._current_styles()
        if styles != self._styles_key:  # a theme change: every cached row is stale
            self._styles_key = styles
            self._rows.clear()
            self.refresh()

    def on_focus(self) -> None:
        self._refresh_row(self.cursor_row)

    def on_blur(self) -> None:
        self._refresh_row(self.cursor_row)

    def on_resize(self) -> None:
        self._rows.clear()
        self.virtual_size = Size(0, len(self.articles) + 1)
        self._scroll_to_cursor()
        self.refresh()

    def _refresh_row(self, index: int) -> None:
        if 0 <= index < len(self.articles):
            self.refresh_line(index + 1)

    def render_lines(self, crop: Region) -> list[Strip]:
        self._line_width = self.scrollable_content_region.width  # once, not once per line
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self._line_width or self.scrollable_content_region.width
        base = self._base
        if base is None:
            base = self._base = self.rich_style
        if not isinstance(self._styles_key, dict):
            self._styles_key = self._current_styles()
        styles: dict[str, Style] = self._styles_key  # type: ignore[assignment]
        columns = self._columns()
        if y == 0:
            return self._header(columns, base + styles["header"]).crop_extend(0, width, base)
        row = round(self.scroll_y) + y - 1
        if not 0 <= row < len(self.articles):
            return Strip.blank(width, base)
        if row == self.cursor_row:
            cursor = styles["cursor" if self.has_focus else "cursor-blurred"]
            return self._draw(row, columns, styles, base, cursor).crop_extend(
                0, width, base + cursor
            )
        cached = self._rows.get(row)
        if cached is not None and cached[0] == width and cached[1] == base:
            return cached[2]
        strip = self._draw(row, columns, styles, base).crop_extend(0, width, base)
        self._rows[row] = (width, base, strip)
        return strip

    def _draw(
        self,
        row: int,
        columns: tuple[int, tuple],
        styles: dict,
        base: Style,
        over: Style | None = None,
    ) -> Strip:
        segments = []
        for text, role in self._cells(row, columns):
            style = base + styles[role] if role else base
            segments.append(Segment(text, style + over if over is not None else style))
        return Strip(segments)
