"""A scrolling widget's range set without laying the whole screen out again (issue 13).

Textual's ``virtual_size`` asks for a layout of the whole screen whenever it changes:
at every search's results (the results list), every article opened (the reader) and
the article list's every change, a few milliseconds of the UI thread each, before the
frame. A layout is only needed there when a scrollbar comes or goes (the content's
width changes); :func:`set_virtual_size` tells that case from the others and, when no
scrollbar comes or goes, sizes the range and the scrollbar in place. (A widget whose
vertical scrollbar is always there, ``overflow-y: scroll``, never lays out for it.)
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget


def set_virtual_size(widget: Widget, size: Size) -> None:
    """``widget.virtual_size = size``, without a layout when it would change nothing but
    the scrollbar's thumb: no horizontal scrollbar either way (overflow-x hidden, or the
    content narrower than the room beside a vertical one), and the vertical one (overflow-y
    auto) shown before and after, or neither."""
    old = widget.virtual_size
    if size == old:
        return
    width, height = widget.container_size
    styles = widget.styles
    no_horizontal = not widget.show_horizontal_scrollbar and (
        styles.overflow_x == "hidden"
        or (
            styles.overflow_x == "auto"
            and size.width <= width - styles.scrollbar_size_vertical
            and old.width <= width - styles.scrollbar_size_vertical
        )
    )
    vertical = widget.show_vertical_scrollbar
    # (overflow-y scroll: the vertical one is always there)
    vertical_stays = styles.overflow_y == "scroll" or (
        styles.overflow_y == "auto" and (size.height > height) == vertical == (old.height > height)
    )
    if width > 0 and height > 0 and no_horizontal and vertical_stays:
        widget.set_reactive(Widget.virtual_size, size)
        widget._scroll_update(size)  # noqa: SLF001 - what the layout would do for it
        widget.refresh()
    else:
        widget.virtual_size = size
