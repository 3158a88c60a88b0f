"""The search screen's query box: ``/`` over a query that typing would replace selects it.

``/`` opens search everywhere in the app, and on the search screen it is bound to "edit
the query". The box takes printable keys first, though: back from an article, with the
query selected, ``/`` replaced it with "/" and the screen said there was nothing to
search for. When the whole query is selected ``/`` is left to the screen's binding;
into an empty box or inside a query being typed it is a character like any other (a
query may start with it: the box is focused, and a printable key typed into a focused
box belongs to the box).

Each key typed sets the box's virtual size (Input's ``_watch_value``: the text's width,
for its own horizontal scrolling), a reactive that asks for a layout of the whole
screen: one layout and a repaint of the search screen per keystroke, for a box whose
size never changes with its text. :class:`QueryInput` keeps the virtual size and lets
the layout go (its scrolling reads the virtual size, not the layout).
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from tui.app.widgets.held_layout import HeldLayout


class QueryInput(HeldLayout, Input):
    """An :class:`~textual.widgets.Input` that leaves ``/`` to the screen over a selected
    query, and lays nothing out as it is typed in."""

    def _watch_value(self, value: str) -> None:
        if self.styles.auto_dimensions:  # (a box sized by its text: Input's own way)
            super()._watch_value(value)
            return
        with self.held_layout():  # the virtual size changes: no layout
            super()._watch_value(value)

    def check_consume_key(self, key: str, character: str | None) -> bool:
        if character == "/" and self._all_selected():
            return False
        return super().check_consume_key(key, character)

    async def _on_key(self, event: events.Key) -> None:
        if event.character == "/" and self._all_selected():
            # Not typed: Input's own handler is skipped, and the key goes on up to the
            # screen's binding (the app checks bindings for keys nobody took).
            event.prevent_default()
            return
        await super()._on_key(event)

    def _all_selected(self) -> bool:
        """A query is there and typing would replace all of it."""
        start, end = sorted(self.selection)
        return bool(self.value) and start == 0 and end == len(self.value)
