"""The article list's rows apart from the widget: how rows sort (the orders live in the
domain, :mod:`tui.library.ordering`), how a value fits its column, and where each column
goes at a given width (:class:`RowLayout`: plain text pieces with a role, which the widget
styles and draws)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size

from tui.app.safe import visible
from tui.library import ArticleSummary
from tui.library.labels import meta_parts
from tui.library.ordering import SORTS, sort_key

__all__ = ["COPY_MARK", "ONE_LINE_WIDTH", "SORTS", "RowLayout", "fit", "sort_key"]

MARK = "▶"
#: After the title of an article whose file has the same text as another's (the reader
#: names the other file).
COPY_MARK = "  (copy)"
SOURCE_WIDTH = 12
DATE_WIDTH = 10
GAP = 2
#: The cells a source keeps on a two-line row's second line before the date is cut.
_MIN_SOURCE = 6
#: Below this many cells a row takes two lines, so that the title keeps the whole width.
ONE_LINE_WIDTH = 72

#: A column beside the title: (key, label, width).
Column = tuple[str, str, int]
#: A piece of a drawn line: (text, role); the role picks the style ("" for none).
Cell = tuple[str, str]


def fit(text: str, width: int) -> str:
    """``text`` cut (with an ellipsis) or padded to exactly ``width`` cells."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


@dataclass(frozen=True)
class RowLayout:
    """The list's columns at one width: which columns show, where, and each row's text.

    ``has``: the columns some article fills (a corpus without dates has no date column).
    Rows take two lines (title; source · date) when a one-line row would cut titles
    short: below :data:`ONE_LINE_WIDTH` cells the title takes the whole width and source
    and date go on a second, dim line.
    """

    width: int
    has: dict[str, bool]
    sort_column: str

    @property
    def two_line(self) -> bool:
        return self.width < ONE_LINE_WIDTH and any(self.has.values())

    def columns(self) -> tuple[int, tuple[Column, ...]]:
        """The title column's width and the other columns shown.

        In two-line rows the title has the whole width and the others share the second
        line."""
        extras: list[Column] = []
        if self.has.get("source", True):
            extras.append(("source", "Source", SOURCE_WIDTH))
        if self.has.get("date", True):
            extras.append(("date", "Date", DATE_WIDTH))
        if self.two_line:
            return max(8, self.width - 4), tuple(extras)
        fixed = 3 + sum(w + GAP for _, _, w in extras) + 1
        return max(8, self.width - fixed), tuple(extras)

    def header(self) -> list[tuple[str, str, int, int]]:
        """The header's column names as ``(key, label, x, width)``, for drawing and clicks."""
        title_width, extras = self.columns()
        if self.two_line:
            # "Title · Source · Date": the names in the order a row shows the values, the
            # title on its first line and the rest on its second.
            x, pieces = 3, []
            for key, label in [("title", "Title"), *((k, lab) for k, lab, _ in extras)]:
                width = len(label) + (2 if key == self.sort_column else 0)  # " ▾"
                pieces.append((key, label, x, width))
                x += width + 3  # " · "
            return pieces
        pieces = [("title", "Title", 3, title_width)]
        x = 3 + title_width
        for key, label, width in extras:
            x += GAP
            pieces.append((key, label, x, width))
            x += width
        return pieces

    def header_text(self) -> str:
        """The header line, the sorted column's name with its arrow."""
        arrow = " ▾" if self.sort_column == "date" else " ▴"
        text = ""
        for key, label, x, column_width in self.header():
            name = label + (arrow if self.sort_column == key else "")
            if self.two_line:
                text = (text + " · " if text else "   ") + name
            else:
                text = text.ljust(x) + fit(name, column_width)
        return text + " "

    def column_at(self, x: int) -> str | None:
        """The column whose name is drawn at cell ``x`` of the header."""
        for key, _, left, width in self.header():
            if left - (2 if self.two_line else GAP) <= x < left + width + 1:
                return key
        return None

    def cells(self, article: ArticleSummary, *, current: bool) -> list[Cell]:
        """An article's row in one line: mark, title, [source], [date]."""
        title_width, extras = self.columns()
        title = visible(article.title, keep_newlines=False)
        cells = [(f" {MARK if current else ' '} ", "mark")]
        if article.duplicate_of and not self.two_line and title_width > 2 * len(COPY_MARK):
            # The title cut to leave room for the mark, which follows it, dim.
            shown = fit(title, min(cell_len(title), title_width - len(COPY_MARK)))
            cells.append((shown, ""))
            cells.append((fit(COPY_MARK, title_width - cell_len(shown)), "dim"))
        else:
            cells.append((fit(title, title_width), ""))
        for key, _, width in extras:
            value = visible(getattr(article, key) or "", keep_newlines=False)
            cells.append((" " * GAP + fit(value, width), "dim"))
        cells.append((" ", ""))
        return cells

    def meta_cells(self, article: ArticleSummary, original_path: str | None) -> list[Cell]:
        """The second line of a two-line row: source and date, dim, under the title; an
        article with neither shows its file's name there when it reads as one (not a
        hash: :func:`~tui.library.labels.meta_parts`). ``original_path``: the file a copy
        copies, when it is listed."""
        parts = [visible(p, keep_newlines=False) for p in meta_parts(article)]
        room = max(1, self.width - 4)
        if len(parts) == 2 and cell_len(f"{parts[0]} · {parts[1]}") > room:
            # Source and date: a long source is cut, not the date after it ("San
            # Antonio Express-N… · 2019-11-20", not "San Antonio Express-News · 2019-…").
            cut = max(_MIN_SOURCE, room - cell_len(parts[1]) - 3)
            parts[0] = fit(parts[0], min(cut, cell_len(parts[0])))
        if article.duplicate_of:
            of = visible(original_path, keep_newlines=False) if original_path else ""
            parts.append(f"copy of {of}" if of else "copy")
        return [("   ", ""), (fit(" · ".join(parts), room), "dim"), (" ", "")]
