"""The article list: title, source and date, sortable, with the open article marked.

A virtual list (Textual's line API): it keeps the sorted summaries and draws only the
rows in view, caching each drawn row, so listing thousands of articles costs nothing
at mount and moving the cursor redraws two rows. The first line is a fixed header;
clicking a column's name sorts by it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.strip import Strip

from tui.app.safe import plain
from tui.app.widgets.article_rows import SORTS, RowLayout
from tui.app.widgets.styles import component_style
from tui.app.widgets.virtual_list import VirtualList, list_bindings
from tui.library import ArticleSummary
from tui.library.ordering import columns_filled, in_order, usable_column


class ArticleList(VirtualList):
    """The corpus, one row per article. Posts :class:`ArticleList.Selected` on Enter or click."""

    BINDINGS: ClassVar[list[BindingType]] = [
        *list_bindings("list", "Open the article"),
        Binding("s", "cycle_sort", "Sort", id="list.sort", tooltip="Sort by date, title or source"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "article-list--header",
        "article-list--dim",
        "article-list--mark",
        "article-list--cursor",
        "article-list--cursor-blurred",
    }

    FIXED_ROWS = 1  # the header

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
        self.articles: list[ArticleSummary] = []
        self.sort_column = "date"
        self.current_id: str | None = None
        self.border_title = "Articles"
        self._index: dict[str, int] = {}
        self._has = {"source": True, "date": True}  # columns some article fills
        self.total: int | None = None  # the articles before a filter (None: no filter)
        self.filter_note = ""  # what the filter keeps, for the border
        self.more = 0  # rows still to come (see set_articles)

    # -- contents ----------------------------------------------------------------------------

    @property
    def item_count(self) -> int:
        return len(self.articles)

    @property
    def row_count(self) -> int:
        return len(self.articles)

    @property
    def cursor_row(self) -> int:
        """The row under the cursor (one article per row)."""
        return self.cursor

    def set_articles(
        self,
        articles: Sequence[ArticleSummary],
        *,
        total: int | None = None,
        note: str | None = None,
        column: str | None = None,
        more: int = 0,
        filled: dict[str, bool] | None = None,
        rows: dict[str, int] | None = None,
    ) -> None:
        """Replace the rows; keeps the cursor on the article it was on when it is still there.

        ``total`` and ``note``: how many articles there are before a filter, and what it
        keeps (None: as before; a sort keeps them). ``column``: the column ``articles``
        are sorted by already (a worker sorted them: sorting 50,000 rows here would hold
        up keys). ``more``: rows still to come (the first rows show while the folder
        is read), counted in the title, and ``filled``: which columns the whole list fills.
        ``rows``: each article's row in ``articles`` by id, made with them (a worker's),
        taken when they are taken as they come."""
        self.more = more
        if total is not None:
            self.total = total if total != len(articles) or note else None
        if note is not None:
            self.filter_note = note
        keep = self.highlighted_id or self.current_id
        self._has = dict(filled) if filled is not None else columns_filled(articles)
        if column is not None and column == usable_column(self.sort_column, self._has):
            self.sort_column = column
            self.articles = list(articles)
        else:
            self.sort_column = usable_column(self.sort_column, self._has)
            self.articles = in_order(articles, self.sort_column)
            rows = None  # another order than theirs
        if rows is None or len(rows) != len(self.articles):
            rows = {article.id: index for index, article in enumerate(self.articles)}
        self._index = rows
        self._update_title()
        self._reset()
        if keep is not None:
            self.move_to(keep)

    def _update_title(self) -> None:
        if self.filter_note and self.total is not None:
            self.border_title = f"Articles ({len(self.articles):,} of {self.total:,})"
            # Text, not markup: the note names a source as the articles spell it.
            self.border_subtitle = plain(f"{self.filter_note} · by {self.sort_column}")
            return
        self.border_title = f"Articles ({len(self.articles) + self.more:,})"
        self.border_subtitle = f"by {self.sort_column}"

    def mark_current(self, article_id: str | None) -> None:
        """Mark ``article_id`` as the open article (and unmark the previous one)."""
        previous, self.current_id = self.current_id, article_id
        for key in (previous, article_id):
            index = self._index.get(key) if key is not None else None
            if index is not None:
                self._forget(index)

    def move_to(self, article_id: str) -> None:
        """Put the cursor on ``article_id`` without posting :class:`Highlighted`: that
        message is the user moving the cursor (it previews the article), and a move
        made for the app (the list refilled, an article opened) must not preview the
        row it lands on over the article being opened."""
        index = self._index.get(article_id)
        if index is not None:
            with self.prevent(ArticleList.Highlighted):
                self.cursor = index
            # Again once laid out: rows just set have no scroll range yet (the scroll to
            # the cursor stopped at the top, and the cursor's row was out of sight).
            self.call_after_refresh(self._scroll_to_cursor)

    def lists(self, article_id: str) -> bool:
        """Whether ``article_id`` has a row (a filter may leave it out)."""
        return article_id in self._index

    @property
    def highlighted_id(self) -> str | None:
        if 0 <= self.cursor < len(self.articles):
            return self.articles[self.cursor].id
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
        """Row ``index`` as one line: mark, title, [source], [date] (for tests)."""
        article = self.articles[index]
        return [text for text, _ in self.rows.cells(article, current=article.id == self.current_id)]

    # -- keys and clicks ---------------------------------------------------------------------

    def _highlighted(self, index: int) -> None:
        self.post_message(self.Highlighted(self.articles[index].id))

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

    def _fixed_clicked(self, x: int, y: int) -> None:
        column = self.rows.column_at(x)
        if column is not None:
            self.sort_by(column)

    # -- drawing -----------------------------------------------------------------------------

    @property
    def rows(self) -> RowLayout:
        """Where the columns go at the list's width (see :class:`RowLayout`)."""
        return RowLayout(self.scrollable_content_region.width, self._has, self.sort_column)

    @property
    def two_line(self) -> bool:
        """Rows of two lines (title; source · date): a one-line row would cut titles short."""
        return self.rows.two_line

    def _content_height(self) -> int:
        return self.item_count * (2 if self.two_line else 1)

    def _item_span(self, index: int) -> tuple[int, int]:
        return (index * 2, 2) if self.two_line else (index, 1)

    def _item_at(self, row: int) -> int | None:
        index = row // 2 if self.two_line else row
        return index if 0 <= row and index < self.item_count else None

    def _draw_fixed(self, y: int, width: int, base: Style) -> Strip:
        style = base + self.styles_by_role["header"]
        return Strip([Segment(self.rows.header_text(), style)]).crop_extend(0, width, base)

    def _current_styles(self) -> dict[str, Style]:
        return {
            "header": self.get_component_rich_style("article-list--header"),
            "dim": component_style(self, "article-list--dim"),
            "mark": component_style(self, "article-list--mark"),
            "cursor": component_style(self, "article-list--cursor"),
            "cursor-blurred": component_style(self, "article-list--cursor-blurred"),
        }

    def _draw_row(self, row: int, item: int, width: int, base: Style, over: Style | None) -> Strip:
        styles = self.styles_by_role
        layout, article = self.rows, self.articles[item]
        if layout.two_line and row % 2:
            original = self._index.get(article.duplicate_of) if article.duplicate_of else None
            path = self.articles[original].path if original is not None else None
            cells = layout.meta_cells(article, path)
        else:
            cells = layout.cells(article, current=article.id == self.current_id)
        segments = []
        for text, role in cells:
            style = base + styles[role] if role else base
            segments.append(Segment(text, style + over if over is not None else style))
        return Strip(segments).crop_extend(0, width, base + over if over is not None else base)
