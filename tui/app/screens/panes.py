"""Laying the main screen's panes out: the list, the reader and the entities pane, as
many as fit the width, the one with the focus when only one fits."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widget import Widget

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen

#: Below this width one pane shows at a time; below HUGE the entities pane hides the list.
NARROW = 100
HUGE = 150
#: From this width the entities pane is wider: its names and mentions wrap less, and
#: the reader keeps its column (its lines stop at a newspaper column's width anyway).
ROOMY = 180
#: Below this width the entities pane beside the reader would leave it a sliver (at 50
#: columns, 12 letters a line): the pane, when open, shows alone while it has the focus.
ALONE = 80


def inside(widget: Widget | None, container: Widget) -> bool:
    """Whether ``widget`` is ``container`` or in it."""
    return widget is not None and (widget is container or container in widget.ancestors)


def toggle_entities(screen: MainScreen) -> None:
    """Open the entities pane (its list takes the focus) or close it; open but out of
    sight (too narrow for it beside the reader), bring it back."""
    pane = screen.entity_pane
    if screen.entities_open and pane.display:
        screen.entities_open = False
        if pane.has_focus_within:
            screen.set_focus(screen.reader)
    else:
        screen.entities_open = pane.display = True
        pane.fill_entities()
        screen.set_focus(pane.query_one("#entity-list"))
    arrange_panes(screen)


def arrange_panes(screen: MainScreen) -> None:
    """Show the panes that fit: one at a time when narrow, the list yields to entities.

    Display is set directly rather than through a screen class: restyling the whole
    screen on every focus change costs more than a frame.
    """
    width = screen.size.width
    listing, pane = screen.article_list, screen.entity_pane
    # An empty list leaves the pane to the reader, which says why (reading, no articles).
    reading = listing.item_count == 0 or (
        screen.focused is not None and not inside(screen.focused, listing)
    )
    if width < NARROW:
        show_list, show_reader = not reading, reading
    else:
        show_list, show_reader = not (screen.entities_open and width < HUGE), True
    show_pane, alone = screen.entities_open, screen.entities_open and width < ALONE
    if alone:  # one of the pane and the reader (or list): the one with the focus
        show_pane = inside(screen.focused, pane)
        show_list, show_reader = show_list and not show_pane, show_reader and not show_pane
    if pane.display != show_pane:
        pane.display = show_pane
    if pane.has_class("-alone") != alone:
        pane.set_class(alone, "-alone")
    if pane.has_class("-roomy") != (width >= ROOMY):
        pane.set_class(width >= ROOMY, "-roomy")
    column = screen.query_one("#reader-column")
    if listing.display != show_list:
        listing.display = show_list
    if column.display != show_reader:
        column.display = show_reader
