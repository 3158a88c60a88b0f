"""set_virtual_size (tui.app.widgets.scroll_range): a scrolling widget's range set in
place when no scrollbar comes or goes, with a layout of the screen when one does."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.widgets.scroll_range import set_virtual_size


class Rows(ScrollView):
    DEFAULT_CSS = "Rows { height: 10; overflow-x: hidden; scrollbar-size-vertical: 1; }"

    def render_line(self, y: int) -> Strip:
        return Strip.blank(self.size.width)


class One(App[None]):
    def compose(self) -> ComposeResult:
        yield Rows()


async def test_the_range_is_set_in_place_while_the_scrollbar_stays() -> None:
    app = One()
    async with app.run_test(size=(40, 12)) as pilot:
        rows = app.query_one(Rows)
        set_virtual_size(rows, Size(0, 30))
        await pilot.pause()
        assert rows.show_vertical_scrollbar  # (a layout showed it)
        assert rows.vertical_scrollbar.window_virtual_size == 30
        rows.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert rows.scroll_y == 20
        # Fewer rows, still more than the height: the scrollbar's range and the scroll
        # position follow at once, with no layout to wait for.
        set_virtual_size(rows, Size(0, 15))
        assert rows.virtual_size == Size(0, 15)
        assert rows.vertical_scrollbar.window_virtual_size == 15
        assert rows.scroll_y == 5  # (the end of the shorter range)
        await pilot.pause()
        assert rows.show_vertical_scrollbar and rows.max_scroll_y == 5


async def test_a_layout_comes_when_the_scrollbar_comes_or_goes() -> None:
    app = One()
    async with app.run_test(size=(40, 12)) as pilot:
        rows = app.query_one(Rows)
        set_virtual_size(rows, Size(0, 30))
        await pilot.pause()
        width = rows.scrollable_content_region.width
        set_virtual_size(rows, Size(0, 5))  # fits: the scrollbar goes
        assert rows.show_vertical_scrollbar  # (until the layout)
        await pilot.pause()
        assert not rows.show_vertical_scrollbar
        assert rows.scrollable_content_region.width == width + 1  # its column is the text's
        set_virtual_size(rows, Size(0, 50))  # and comes back
        await pilot.pause()
        assert rows.show_vertical_scrollbar
        assert rows.vertical_scrollbar.window_virtual_size == 50
        assert rows.scrollable_content_region.width == width
