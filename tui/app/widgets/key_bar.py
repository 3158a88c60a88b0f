"""The key bar: the keys that apply right now, one line at the bottom of a screen.

A light stand-in for Textual's ``Footer``: one widget drawing one line of text
from ``screen.active_bindings`` (so the user's keymap shows), redrawn only when
the keys on offer change. Textual's Footer mounts a widget per key and rebuilds
them all on every focus change, which cost more than a frame on the main screen.
Clicking a key runs its action.
"""

from __future__ import annotations

from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from tui.app.widgets.styles import component_style

#: Actions kept at the right end, shown even when the keys on the left are cut short.
PINNED = frozenset({"help", "command_palette"})


class Key(NamedTuple):
    """One key as shown: where it is drawn, and the action a click runs."""

    key: str
    description: str
    action: str
    namespace: DOMNode
    enabled: bool


class KeyBar(Widget):
    """Key and description for every active binding with ``show=True``; help and palette last."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--disabled",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.keys: tuple[Key, ...] = ()
        self.pinned: tuple[Key, ...] = ()
        self._spans: list[tuple[int, int, Key]] = []  # x range of each key, for clicks

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen) -> None:
        if not self.is_attached or screen is not self.screen:
            return
        keys, pinned = self._collect(screen)
        if (keys, pinned) != (self.keys, self.pinned):
            self.keys, self.pinned = keys, pinned
            self.refresh()

    def _collect(self, screen: Screen) -> tuple[tuple[Key, ...], tuple[Key, ...]]:
        app = self.app
        shown: dict[str, Key] = {}  # one entry per action, as Textual's Footer does
        pinned: dict[str, Key] = {}  # help and the palette stay at the right end
        for key, active in screen.active_bindings.items():
            binding: Binding = active.binding
            if key == app.COMMAND_PALETTE_BINDING and not app.ENABLE_COMMAND_PALETTE:
                continue
            pin = key == app.COMMAND_PALETTE_BINDING or binding.action in PINNED
            if not (binding.show or pin) or binding.action in shown or binding.action in pinned:
                continue
            if pin:
                pinned[binding.action] = Key(
                    app.get_key_display(binding),
                    binding.description,
                    binding.action,
                    active.node,
                    active.enabled,
                )
                continue
            shown[binding.action] = Key(
                app.get_key_display(binding),
                binding.description,
                binding.action,
                active.node,
                active.enabled,
            )
        return tuple(shown.values()), tuple(pinned.values())

    def render(self) -> Text:
        key_style = component_style(self, "key-bar--key")
        description_style = component_style(self, "key-bar--description")
        disabled_style = component_style(self, "key-bar--disabled")
        width = self.size.width
        tail = "".join(self._item(key) for key in self.pinned)
        room = width - cell_len(tail)
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for key in self.keys:
            if cell_len(line.plain) + cell_len(self._item(key)) > room:
                break
            self._append(line, key, key_style, description_style, disabled_style)
        if width - cell_len(line.plain) >= cell_len(tail):
            line.append(" " * (width - cell_len(line.plain) - cell_len(tail)))
            for key in self.pinned:
                self._append(line, key, key_style, description_style, disabled_style)
        return line

    @staticmethod
    def _item(key: Key) -> str:
        return f" {key.key} {key.description} "

    def _append(self, line: Text, key: Key, key_style, description_style, disabled_style) -> None:  # noqa: ANN001
        start, first = cell_len(line.plain), len(line.plain)
        line.append(f" {key.key} ", key_style)
        line.append(f"{key.description} ", description_style)
        if not key.enabled:
            line.stylize(disabled_style, first)
        self._spans.append((start, cell_len(line.plain), key))

    async def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                event.stop()
                if key.enabled:
                    await self.app.run_action(key.action, key.namespace)
                return
