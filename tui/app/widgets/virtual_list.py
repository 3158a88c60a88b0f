"""A focusable list drawn with Textual's line API: what the article and results lists share.

The list keeps its items in plain Python and draws only the rows in view, caching each
drawn row, so a long list costs nothing to show and moving the cursor redraws only the
rows it leaves and enters. A subclass says where each item's rows are
(:meth:`VirtualList._item_span`, :meth:`VirtualList._item_at`) and draws one row
(:meth:`VirtualList._draw_row`); this class keeps the cursor, the keys, scrolling, clicks
and the caches of drawn rows and styles.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.widgets.scroll_range import set_virtual_size
from tui.app.widgets.styles import ThemeAware


def list_bindings(prefix: str, open_tooltip: str, *, show_open: bool = False) -> list[BindingType]:
    """Moving and opening in a list, with binding ids ``prefix.down`` and so on;
    ``show_open``: Enter is in the key bar (where nothing else on screen says it opens)."""
    return [
        Binding("j,down", "cursor_down", "Down", show=False, id=f"{prefix}.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id=f"{prefix}.up"),
        Binding("g,home", "scroll_top", "Top", show=False, id=f"{prefix}.top"),
        Binding("G,end", "scroll_bottom", "Bottom", show=False, id=f"{prefix}.bottom"),
        Binding("pagedown", "page_down", "Page down", show=False, id=f"{prefix}.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id=f"{prefix}.page_up"),
        Binding(
            "enter", "select", "Open", show=show_open, id=f"{prefix}.open", tooltip=open_tooltip
        ),
    ]


class VirtualList(ThemeAware, ScrollView, can_focus=True):
    """Items drawn a row at a time; ``cursor`` is the index of the item under the cursor."""

    #: Rows pinned at the top (a header) that do not scroll.
    FIXED_ROWS: ClassVar[int] = 0

    cursor: reactive[int] = reactive(0, always_update=False, repaint=False)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._rows: dict[int, tuple[int, Style, Strip]] = {}  # drawn rows, not the cursor's
        self._styles_key: dict[str, Style] | None = None
        self._base: Style | None = None  # self.rich_style, which is slow to work out per line
        self._line_width = 0

    # -- what a subclass provides ------------------------------------------------------------

    @property
    def item_count(self) -> int:
        raise NotImplementedError

    def _content_height(self) -> int:
        """Rows below the fixed ones."""
        return self.item_count

    def _item_span(self, index: int) -> tuple[int, int]:
        """The first row of item ``index`` and how many rows it has."""
        return index, 1

    def _item_at(self, row: int) -> int | None:
        """The item drawn on ``row`` (below the fixed rows), if any."""
        return row if 0 <= row < self.item_count else None

    def _current_styles(self) -> dict[str, Style]:
        """Styles by role, looked up once per theme or focus change ("cursor" and
        "cursor-blurred" at least)."""
        raise NotImplementedError

    def _draw_row(self, row: int, item: int, width: int, base: Style, over: Style | None) -> Strip:
        """Row ``row`` (part of ``item``), ``width`` cells wide; ``over`` styles the cursor."""
        raise NotImplementedError

    def _draw_fixed(self, y: int, width: int, base: Style) -> Strip:
        return Strip.blank(width, base)

    def _fixed_clicked(self, x: int, y: int) -> None:
        """A click on a fixed row."""

    def _highlighted(self, index: int) -> None:
        """The cursor moved onto item ``index`` (post a message)."""

    def action_select(self) -> None:
        """Enter: open the item under the cursor (post a message)."""

    # -- contents ----------------------------------------------------------------------------

    def _reset(self) -> None:
        """The items changed: forget drawn rows, size the scroll range, cursor to the top."""
        self._rows.clear()
        set_virtual_size(self, Size(0, self._content_height() + self.FIXED_ROWS))
        self.set_reactive(VirtualList.cursor, 0)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def _forget(self, index: int) -> None:
        """Item ``index`` looks different now: draw it again."""
        top, height = self._item_span(index)
        for row in range(top, top + height):
            self._rows.pop(row, None)
        self._refresh_item(index)

    @property
    def styles_by_role(self) -> dict[str, Style]:
        if self._styles_key is None:
            self._styles_key = self._current_styles()
        return self._styles_key

    # -- the cursor --------------------------------------------------------------------------

    @property
    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height - self.FIXED_ROWS)

    def validate_cursor(self, index: int) -> int:
        return max(0, min(index, self.item_count - 1))

    def watch_cursor(self, previous: int, index: int) -> None:
        self._refresh_item(previous)
        self._refresh_item(index)
        self._scroll_to_cursor()
        if 0 <= index < self.item_count:
            self._highlighted(index)

    def _scroll_to_cursor(self) -> None:
        # force: Textual refuses a scroll while it thinks the view shows no scrollbar,
        # and it thinks so from rows set since its last layout (a list refilled with
        # more rows than fit, the cursor moved at once: the scroll was dropped and the
        # cursor's row stayed out of sight). The range is still the rows' own.
        if not self.item_count:
            return
        first, height = self._item_span(self.cursor)
        top, page = round(self.scroll_y), self._page
        if first < top or height > page:
            self.scroll_to(y=first, animate=False, immediate=True, force=True)
        elif first + height > top + page:
            y = first + height - page
            # Not half an item at the top (a two-line row's second line alone): from the
            # next item, while the cursor's stays in sight.
            above = self._item_at(y)
            if above is not None:
                start, rows = self._item_span(above)
                if start < y and start + rows <= first:
                    y = start + rows
            self.scroll_to(y=y, animate=False, immediate=True, force=True)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_scroll_top(self) -> None:
        self.cursor = 0

    def action_scroll_bottom(self) -> None:
        self.cursor = self.item_count - 1

    def action_page_down(self) -> None:
        first, _ = self._item_span(self.cursor)
        target = self._item_at(first + self._page)
        self.cursor = self.item_count - 1 if target is None else max(target, self.cursor + 1)

    def action_page_up(self) -> None:
        first, _ = self._item_span(self.cursor)
        target = self._item_at(max(0, first - self._page))
        self.cursor = 0 if target is None else min(target, self.cursor - 1)

    # -- mouse -------------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        event.stop()
        if offset.y < self.FIXED_ROWS:
            self._fixed_clicked(offset.x, offset.y)
            return
        item = self._item_at(round(self.scroll_y) + offset.y - self.FIXED_ROWS)
        if item is not None:
            self._item_clicked(item)

    def _item_clicked(self, index: int) -> None:
        """A click moves the cursor; a click on the cursor opens."""
        if index == self.cursor:
            self.action_select()
        else:
            self.cursor = index

    # -- drawing -----------------------------------------------------------------------------

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

    def restyle(self) -> None:
        self._base = None
        self._styles_key = self._current_styles()
        self._rows.clear()
        self.refresh()

    def on_focus(self) -> None:
        self._refresh_item(self.cursor)

    def on_blur(self) -> None:
        self._refresh_item(self.cursor)

    def on_resize(self) -> None:
        self._rows.clear()
        self.virtual_size = Size(0, self._content_height() + self.FIXED_ROWS)
        self._scroll_to_cursor()
        self.refresh()

    def _refresh_item(self, index: int) -> None:
        if 0 <= index < self.item_count:
            top, height = self._item_span(index)
            self.refresh_lines(top + self.FIXED_ROWS, height)

    def _cursor_style(self, item: int) -> Style | None:
        """What the cursor (or anything else uncached) lays over ``item``'s rows."""
        if item != self.cursor:
            return None
        return self.styles_by_role["cursor" if self.has_focus else "cursor-blurred"]

    def render_lines(self, crop: Region) -> list[Strip]:
        self._line_width = self.scrollable_content_region.width  # once, not once per line
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self._line_width or self.scrollable_content_region.width
        base = self._base
        if base is None:
            base = self._base = self.rich_style
        if y < self.FIXED_ROWS:
            return self._draw_fixed(y, width, base)
        row = round(self.scroll_y) + y - self.FIXED_ROWS
        item = self._item_at(row)
        if item is None:
            return Strip.blank(width, base)
        over = self._cursor_style(item)
        if over is not None:
            return self._draw_row(row, item, width, base, over)
        cached = self._rows.get(row)
        if cached is not None and cached[0] == width and cached[1] == base:
            return cached[2]
        strip = self._draw_row(row, item, width, base, None)
        self._rows[row] = (width, base, strip)
        return strip
