"""Counts by facet beside the search results: sources, months, people, places,
organisations and languages of the matching articles, each with how many.

An :class:`~textual.widgets.OptionList` whose headings are disabled options.
Enter (or a click) on a value posts :class:`FacetList.Chosen`; the search screen
adds that value's clause to the query. Only values that narrow the results are listed:
one every result has (the one month of them all, a person found in each) would change
nothing, and a facet left with no value is not shown. Values are article data: shown with
:func:`tui.app.safe.plain`, never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.message import Message
from textual.timer import Timer
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.safe import plain
from tui.app.widgets.held_layout import HeldLayout
from tui.library.searching import Facets

#: The facets, in the order shown, with their headings.
HEADINGS = (
    ("source", "Sources"),
    ("month", "Months"),
    ("person", "People"),
    ("place", "Places"),
    ("org", "Organisations"),
    ("lang", "Languages"),
)
#: Values listed per facet (months: the latest ones).
PER_FACET = 8
#: Seconds an emptied list stays on screen, empty, before it hides (see FacetList.empty).
LINGER = 1.5


def facet_prompt(value: str, count: int, width: int) -> Text:
    """``value`` and its count on one line, the count at the right edge of ``width``."""
    number = f"{count:,}"
    room = max(4, width - 2 - len(number) - 1)  # the indent, the count, a space
    name = plain(value)
    if name.cell_len > room:
        name.truncate(room - 1)
        name.append("…")
    line = Text("  ")
    line.append_text(name)
    line.append(" " * max(1, width - 2 - name.cell_len - len(number)))
    line.append(number, style="bold")
    return line


def _line_of(option: Option) -> tuple[str, object, bool]:
    """What an option's line shows: its text, styles and whether it is a heading."""
    prompt = option.prompt
    if isinstance(prompt, Text):
        return prompt.plain, (prompt.style, tuple(prompt.spans)), option.disabled
    return str(prompt), None, option.disabled


def narrows(count: int, total: int) -> bool:
    """A value found in ``count`` of ``total`` results leaves out some of them."""
    return 0 < count and (not total or count < total)


class FacetList(HeldLayout, OptionList):
    """The facets of the current results; choosing a value narrows the search to it."""

    @dataclass
    class Chosen(Message):
        kind: str
        value: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="-empty")
        self.border_title = "Narrow by"
        self.values: dict[str, tuple[str, str]] = {}  # option id -> (kind, value)
        self.cut: set[str] = set()  # the options whose value is cut to fit ("…")
        self.facets: Facets | None = None
        self.total = 0
        self._laid_out = 0  # the width the values were laid out to (see on_resize)
        self._linger: Timer | None = None  # hides the emptied list (see empty)
        #: What each line shows (see show: only the lines that change are drawn again).
        self._lines_shown: list[tuple[str, object, bool]] = []

    def show(self, facets: Facets | None, total: int = 0) -> None:
        """List the values of ``facets`` (None: nothing to narrow by) that narrow
        ``total`` results (0: not known, every value is listed).

        Only the lines that change are drawn again: each key typed brings the facets of
        its results, most often the same values or a few counts changed, and the whole
        list was drawn again each time (its 30-40 lines, 5-10 ms of the UI thread at
        each key)."""
        self._stop_linger()
        self.facets, self.total = facets, total
        self.values = {}
        self.cut = set()
        self._set_subtitle("")
        options = self._facet_options(facets, total) if facets else []
        lines = [_line_of(option) for option in options]
        first = next((i for i, option in enumerate(options) if not option.disabled), None)
        if lines == self._lines_shown and self.highlighted == first and not self.scroll_y:
            return  # the same lines, the cursor where it would go: nothing to draw
        in_place = not self.scroll_y and self.size.height > 0
        shown, self._lines_shown = self._lines_shown, lines
        was = self.highlighted
        # One change of the options and of the class: emptied, then filled, the list
        # lost its scrollbar and got it back, and hidden, then shown, laid the whole
        # screen out even where it ended as it was.
        # (the lines that changed are drawn again below)
        with self.held_repaint(in_place):
            if options:
                self.set_options(options)
            else:
                self.clear_options()
            if first is not None:
                self.highlighted = first
        self.set_class(not self.values, "-empty")
        if in_place:
            if len(self._lines) != len(options):  # (a line of two rows after all)
                self.refresh()
                return
            for y in range(max(len(shown), len(lines))):
                if y >= len(shown) or y >= len(lines) or shown[y] != lines[y]:
                    self.refresh_lines(y)
            if was != first:  # the cursor's lines
                for cursor in (was, first):
                    if cursor is not None:
                        self.refresh_lines(cursor)

    def _set_subtitle(self, text: str | Text) -> None:
        # (border_subtitle draws the whole list again when set, even to what it was)
        if self.border_subtitle != text:
            self.border_subtitle = text

    def empty(self) -> None:
        """No results (none found, the query cleared, one that cannot run): nothing to
        narrow by. The pane empties at once and hides only if nothing fills it within
        :data:`LINGER` seconds: while a word is typed, its half-typed letters often
        find nothing and the next ones find results again. Hidden and shown again at
        each of those keystrokes, the pane laid the whole screen out two or three times
        (18 + 13 ms of the UI thread at 50,000 articles) and the results beside it were
        wrapped to the wider width and back."""
        self._stop_linger()
        self.facets, self.total = None, 0
        self.values = {}
        self.cut = set()
        self._set_subtitle("")
        self._lines_shown = []
        if self.option_count:
            self.clear_options()
        if not self.has_class("-empty"):
            self._linger = self.set_timer(LINGER, self._hide)

    def _hide(self) -> None:
        self._linger = None
        if not self.values:
            self.set_class(True, "-empty")

    def _stop_linger(self) -> None:
        if self._linger is not None:
            self._linger.stop()
            self._linger = None

    def _facet_options(self, facets: Facets, total: int) -> list[Option]:
        """The headings and values of ``facets`` that narrow ``total`` results, laid
        out to the list's width (``values`` and ``cut`` filled as they go)."""
        width = self._laid_out = self._width()
        options: list[Option] = []
        for kind, heading in HEADINGS:
            values = [(v, n) for v, n in facets.get(kind) or [] if narrows(n, total)]
            if kind == "month":
                values = values[-PER_FACET:][::-1]  # newest first
            else:
                values = values[:PER_FACET]
            if not values:
                continue
            options.append(Option(Text(heading, style="bold underline"), disabled=True))
            for value, count in values:
                option_id = f"f{len(self.values)}"
                self.values[option_id] = (kind, value)
                prompt = facet_prompt(value, count, width)
                if plain(value).plain not in prompt.plain:
                    self.cut.add(option_id)
                options.append(Option(prompt, id=option_id))
        return options

    def _width(self) -> int:
        """The width to lay the values out to."""
        width = self.scrollable_content_region.width or 28
        if not self.show_vertical_scrollbar:
            # The list is about to be filled: leave room for the scrollbar it will
            # get, or every count wraps onto a line of its own, out of sight.
            width -= self.styles.scrollbar_size_vertical
        return max(12, width)

    def _update_lines(self) -> None:
        # OptionList sets ``virtual_size`` here, a reactive that lays the whole screen
        # out at each change, for a list whose own size does not change with its lines:
        # 8-9 ms of the UI thread at each search's facets (a layout and a repaint of
        # everything). Laid out only when a scrollbar comes or goes.
        scrollbars = self.show_vertical_scrollbar, self.show_horizontal_scrollbar
        with self.held_layout():
            super()._update_lines()
        if (self.show_vertical_scrollbar, self.show_horizontal_scrollbar) != scrollbars:
            self.refresh(layout=True)

    def on_resize(self) -> None:
        # Only a new width lays the values out again: the list's own height (filled,
        # it gets a scrollbar, the values stay as wide) made a second layout of the
        # search screen and a whole repaint, 4-12 ms of the UI thread at each search.
        if self.facets is not None and self._width() != self._laid_out:
            keep = self.highlighted
            self.show(self.facets, self.total)
            if keep is not None and keep < self.option_count:
                self.highlighted = keep

    @on(OptionList.OptionHighlighted)
    def _whole_value(self, event: OptionList.OptionHighlighted) -> None:
        # A value cut to fit the column ("National Security Cou…") shows whole on the
        # border under the list while it is highlighted.
        option_id = event.option.id or ""
        cut = option_id in self.cut
        self._set_subtitle(plain(self.values[option_id][1]) if cut else "")

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        choice = self.values.get(event.option.id or "")
        if choice is not None:
            self.post_message(self.Chosen(*choice))
