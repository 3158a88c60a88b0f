"""A list of results, each several wrapped lines, with a rule between them.

Search hits and bookmarks: the screen hands over one :class:`~rich.text.Text` per item
(lines separated by ``\\n``, article text already made safe and styled as spans). The list
wraps only the plain text to know each item's height, and styles and draws just the rows
in view (Textual's line API, through :class:`VirtualList`), so replacing a hundred results
costs a few milliseconds. It looks like Textual's ``OptionList``: the cursor a block over
the whole item, dimmer when the list is not focused, a hover tint under the mouse.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar, overload

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.color import Color
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip

from tui.app.widgets.after_paint import AfterPaint
from tui.app.widgets.layout import text_strip, wrap_offsets
from tui.app.widgets.virtual_list import VirtualList, list_bindings

_RULE = "─"
#: The longest row of an item's text, in cells: on a wide terminal a snippet's lines
#: stop at a comfortable reading measure (the reader's column is 80) rather than run
#: the whole width; the cursor's block and the rule between items still span the list.
MEASURE = 100


class LazyItems(Sequence[Text]):
    """Items styled only when first shown.

    ``plain`` is each item's text, lines split by ``\\n``: all the list needs to lay
    the items out. ``make(index)`` builds item ``index`` (its ``plain`` must be the same).
    """

    def __init__(self, plain: Sequence[str], make: Callable[[int], Text]) -> None:
        self.plain = plain
        self._make = make
        self._made: dict[int, Text] = {}

    def __len__(self) -> int:
        return len(self.plain)

    @overload
    def __getitem__(self, index: int) -> Text: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Text]: ...

    def __getitem__(self, index: int | slice) -> Text | Sequence[Text]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        item = self._made.get(index)
        if item is None:
            item = self._made[index] = self._make(index)
        return item


class ResultsList(AfterPaint, VirtualList):
    """Items of wrapped lines. Posts :class:`ResultsList.Highlighted` and ``Selected``."""

    BINDINGS: ClassVar[list[BindingType]] = list_bindings(
        "results", "Open the result", show_open=True
    )

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "results-list--cursor",
        "results-list--cursor-blurred",
        "results-list--hover",
        "results-list--separator",
    }

    @dataclass
    class ItemMessage(Message):
        """Something happened to item ``index`` of ``results``."""

        results: ResultsList
        index: int

        @property
        def control(self) -> ResultsList:
            return self.results

    class Highlighted(ItemMessage):
        """The cursor moved onto item ``index``."""

    class Selected(ItemMessage):
        """The user chose item ``index`` (Enter or a click)."""

    class ToEnd(ItemMessage):
        """The user asked for the last item (G or End): ``index`` is the last one there,
        which may not be the last result of a list loaded in parts."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._items: Sequence[Text] = ()
        self._plain: Sequence[str] = ()
        self._wrap_width = 0
        self._tops: list[int] = []  # each item's first row
        self._starts: list[list[list[int]]] = []  # per item, per line: where its rows start
        self._drawn: dict[int, list[Text]] = {}  # item -> its rows, styled (items in view)
        self._hover: int | None = None
        self._track: Color | None = None  # the scrollbar track's colour set (see _paint_track)

    # -- contents ----------------------------------------------------------------------------

    @property
    def item_count(self) -> int:
        return len(self._items)

    @property
    def items(self) -> Sequence[Text]:
        return self._items

    def set_items(self, items: Sequence[Text], *, cursor: int = 0) -> None:
        """Show ``items`` (a list, or :class:`LazyItems`) with the cursor on item ``cursor``."""
        self._items = items
        self._plain = items.plain if isinstance(items, LazyItems) else [t.plain for t in items]
        self._hover = None
        self._layout()
        self._reset()
        if cursor:
            self.cursor = cursor

    def clear(self) -> None:
        self.set_items([])

    def rows(self, index: int) -> list[str]:
        """Item ``index`` as shown, one string per row (for tests)."""
        return [row.plain for row in self._item_rows(index)]

    # -- layout ------------------------------------------------------------------------------

    def _layout(self) -> None:
        """Wrap the items to the width they will have: less the scrollbar's if they overflow
        (with ``overflow-y: scroll``, the stylesheet's, the scrollbar is always there and
        drawn as the background while they fit: class ``-fits``)."""
        region = self.scrollable_content_region
        if self.styles.overflow_y == "scroll":
            self._wrap(region.width)
        else:
            gutter = self.styles.scrollbar_size_vertical
            full = region.width + (gutter if self.show_vertical_scrollbar else 0)
            self._wrap(full - gutter)
            if self._content_height() <= region.height:
                self._wrap(full)
        self.set_class(self._content_height() <= region.height, "-fits")
        self._paint_track()

    def _paint_track(self) -> None:
        """While the items fit (class ``-fits``), the scrollbar's track takes the list's
        own background, the focus's tint with it (a colour in the stylesheet cannot
        follow the tint): the column looks as the list's padding did."""
        colour = self.background_colors[1] if self.has_class("-fits") else None
        if colour == self._track:
            return
        self._track = colour
        styles = self.styles
        styles.scrollbar_background = colour  # (None: the stylesheet's again)
        styles.scrollbar_background_hover = colour
        styles.scrollbar_background_active = colour

    def notify_style_update(self) -> None:
        super().notify_style_update()  # (focus and blur, the theme: the tint changes)
        if self.is_mounted:
            self._paint_track()

    def _wrap(self, width: int) -> None:
        """Where each item's rows start at ``width`` (at most :data:`MEASURE` cells),
        worked out from the plain text alone."""
        self._wrap_width = width
        width = min(width, MEASURE)
        self._drawn.clear()
        self._rows.clear()
        if width <= 0:  # not laid out yet: on_resize wraps again
            width = 1 << 20
        self._starts = [
            [wrap_offsets(line, width) for line in plain.split("\n")] for plain in self._plain
        ]
        tops, top = [], 0
        for lines in self._starts:
            tops.append(top)
            top += sum(len(starts) for starts in lines) + 1  # and the rule below it
        self._tops = tops

    def _content_height(self) -> int:
        if not self._tops:
            return 0
        return self._tops[-1] + self._item_span(len(self._tops) - 1)[1]

    def _item_span(self, index: int) -> tuple[int, int]:
        if not 0 <= index < len(self._tops):
            return 0, 0
        return self._tops[index], sum(len(starts) for starts in self._starts[index])

    def _item_at(self, row: int) -> int | None:
        if row < 0 or row >= self._content_height():
            return None
        return bisect_right(self._tops, row) - 1

    def _item_rows(self, index: int) -> list[Text]:
        rows = self._drawn.get(index)
        if rows is None:
            rows = []
            for line, starts in zip(
                self._items[index].split("\n"), self._starts[index], strict=True
            ):
                for row in line.divide(starts[1:]):
                    row.rstrip()
                    rows.append(row)
            self._drawn[index] = rows
        return rows

    def on_resize(self) -> None:
        self._layout()
        super().on_resize()

    # -- keys and the mouse ------------------------------------------------------------------

    def _highlighted(self, index: int) -> None:
        self.post_message(self.Highlighted(self, index))

    def action_scroll_bottom(self) -> None:
        super().action_scroll_bottom()
        if self.item_count:
            self.post_message(self.ToEnd(self, self.item_count - 1))

    def action_select(self) -> None:
        if 0 <= self.cursor < self.item_count:
            self.post_message(self.Selected(self, self.cursor))

    def _item_clicked(self, index: int) -> None:
        self.cursor = index
        self.action_select()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        offset = event.get_content_offset(self)
        item = None if offset is None else self._item_at(round(self.scroll_y) + offset.y)
        self._set_hover(item)

    def on_leave(self) -> None:
        self._set_hover(None)

    def _set_hover(self, item: int | None) -> None:
        if item != self._hover:
            previous, self._hover = self._hover, item
            for index in (previous, item):
                if index is not None:
                    self._refresh_item(index)

    # -- drawing -----------------------------------------------------------------------------

    def _current_styles(self) -> dict[str, Style]:
        # Visual styles blend translucent colours (the rule, a blurred cursor) with the
        # background, as OptionList does.
        get = self.get_visual_style
        return {
            "cursor": get("results-list--cursor").rich_style,
            "cursor-blurred": get("results-list--cursor-blurred").rich_style,
            "hover": get("results-list--hover").rich_style,
            "separator": get("results-list--separator").rich_style,
        }

    def _cursor_style(self, item: int) -> Style | None:
        if item == self.cursor:
            return super()._cursor_style(item)
        if item == self._hover:
            return self.styles_by_role["hover"]
        return None

    def render_lines(self, crop: Region) -> list[Strip]:
        width = self.scrollable_content_region.width
        if self._items and width != self._wrap_width:  # the scrollbar came or went after all
            self._wrap(width)
            self.virtual_size = Size(0, self._content_height())
        return super().render_lines(crop)

    def _draw_row(self, row: int, item: int, width: int, base: Style, over: Style | None) -> Strip:
        offset = row - self._tops[item]
        rows = self._item_rows(item)
        if offset >= len(rows):  # the rule under the item
            return Strip([Segment(_RULE * width, self.styles_by_role["separator"])])
        style = base + over if over is not None else base
        return text_strip(rows[offset], self.app.console, width, style)
