"""The article list: title, source and date, sortable, with the open article marked."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist, RowDoesNotExist

from tui.app.safe import plain

SORTS = ("date", "title", "source")
_MARK = "▶"


def _sort_key(column: str):  # noqa: ANN202
    def key(summary: Any) -> tuple:
        if column == "date":  # newest first; undated last
            return (summary.date is None, _invert(summary.date or ""), summary.title.lower())
        if column == "source":
            return ((summary.source or "~").lower(), summary.title.lower())
        return (summary.title.lower(), summary.path)

    return key


def _title(title: str) -> Text:
    text = plain(title)
    text.no_wrap = True
    text.overflow = "ellipsis"
    return text


def _invert(text: str) -> str:
    return "".join(chr(0x10FFFF - ord(ch)) for ch in text)


class ArticleList(DataTable[Any]):
    """Rows keyed by article id. Posts :class:`ArticleList.Selected` on Enter or click."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "scroll_top", "Top", show=False, id="list.top"),
        Binding("G", "scroll_bottom", "Bottom", show=False, id="list.bottom"),
        Binding("s", "cycle_sort", "Sort", id="list.sort", tooltip="Sort by date, title or source"),
    ]

    @dataclass
    class Selected(Message):
        """The user chose an article to read."""

        article_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row")
        self.articles: list[Any] = []
        self.sort_column = "date"
        self.current_id: str | None = None
        self.border_title = "Articles"

    def on_mount(self) -> None:
        self._add_columns()

    def _layout(self) -> tuple[int, bool]:
        """The title column's width, and whether there is room for the source column."""
        show_source = self.size.width >= 60
        fixed = 1 + 10 + (10 if show_source else 0)  # mark, date, source
        padding = 2 * (4 if show_source else 3) + 2  # cell padding and the scrollbar
        return max(12, self.size.width - fixed - padding), show_source

    def _add_columns(self) -> None:
        self._columns = self._layout()
        title_width, show_source = self._columns
        self.add_column(" ", key="mark", width=1)
        self.add_column("Title", key="title", width=title_width)
        if show_source:
            self.add_column("Source", key="source", width=10)
        self.add_column("Date", key="date", width=10)

    def on_resize(self) -> None:
        if self._layout() != getattr(self, "_columns", None):
            self.clear(columns=True)
            self._add_columns()
            self._fill()

    def set_articles(self, articles: Sequence[Any]) -> None:
        """Replace the rows; keeps the cursor on the open article when it is still there."""
        self.articles = sorted(articles, key=_sort_key(self.sort_column))
        self._update_title()
        self._fill()

    def _fill(self) -> None:
        keep = self.highlighted_id or self.current_id
        self.clear()
        show_source = self._columns[1]
        for article in self.articles:
            cells = [self._mark(article.id), _title(article.title)]
            if show_source:
                cells.append(plain(article.source or "", "dim"))
            cells.append(plain(article.date or "", "dim"))
            self.add_row(*cells, key=article.id)
        if keep is not None:
            self.move_to(keep)

    def _mark(self, article_id: str) -> Text:
        return Text(_MARK if article_id == self.current_id else " ", style="bold")

    def _update_title(self) -> None:
        count = len(self.articles)
        noun = "article" if count == 1 else "articles"
        self.border_title = f"Articles ({count:,} {noun})"
        self.border_subtitle = f"by {self.sort_column}"

    def mark_current(self, article_id: str | None) -> None:
        """Mark ``article_id`` as the open article (and unmark the previous one)."""
        previous, self.current_id = self.current_id, article_id
        for key in (previous, article_id):
            if key is None:
                continue
            try:
                self.update_cell(key, "mark", self._mark(key))
            except (CellDoesNotExist, RowDoesNotExist, KeyError):
                pass

    def move_to(self, article_id: str) -> None:
        """Put the cursor on ``article_id``."""
        try:
            index = self.get_row_index(article_id)
        except (RowDoesNotExist, KeyError):
            return
        self.move_cursor(row=index, animate=False)

    @property
    def highlighted_id(self) -> str | None:
        if not self.articles or self.cursor_row < 0:
            return None
        try:
            key, _ = self.coordinate_to_cell_key(self.cursor_coordinate)
        except CellDoesNotExist:
            return None
        return key.value

    def neighbour(self, article_id: str, step: int) -> str | None:
        """The id ``step`` rows away from ``article_id`` in the current order."""
        try:
            index = self.get_row_index(article_id)
        except (RowDoesNotExist, KeyError):
            return None
        target = index + step
        if 0 <= target < len(self.articles):
            return self.articles[target].id
        return None

    def action_cycle_sort(self) -> None:
        self.sort_column = SORTS[(SORTS.index(self.sort_column) + 1) % len(SORTS)]
        self.set_articles(self.articles)

    def on_data_table_header_selected(self, event: DataTable.HeaderSelected) -> None:
        event.stop()
        column = str(event.column_key.value)
        if column in SORTS:
            self.sort_column = column
            self.set_articles(self.articles)

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Selected(event.row_key.value))
