"""The key bar: the keys that matter right now, one line at the bottom of a screen.

A light stand-in for Textual's ``Footer``: one widget drawing one line of text
from ``screen.active_bindings`` (so the user's keymap shows), redrawn only when
the keys on offer change. Textual's Footer mounts a widget per key and rebuilds
them all on every focus change, which cost more than a frame on the main screen.
Clicking a key runs its action.

There is rarely room for every key (at 80 columns the reader offers twice as
many as fit), so the bar gives the room by importance rather than by the order
Textual lists the bindings in: Esc first when it does something here (go back,
close, drop the selection: the screens hide it where it does nothing), then the
keys in :data:`IMPORTANCE`, then any others; the command palette and ``? Help``
stay at the right end (:data:`PINNED`). The most important keys are drawn
from the left, so a narrower terminal drops keys from the right end of the same line.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, NamedTuple

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widget import Widget

from tui.app.widgets.styles import component_style

#: Actions kept at the right end, in this order, shown whatever else is cut: the two ways
#: to everything the bar has no room for, the command palette and help.
PINNED: tuple[str, ...] = ("command_palette", "help")

#: The key that backs out, shown first wherever a binding gives it something to do.
CONTEXT_KEY = "escape"

#: Binding ids (the names ``keymap:`` in config.yaml uses) in the order the bar gives
#: them room, most important first. Ids not named here follow, in Textual's order (the
#: focused pane's first). Each screen offers only some of them at a time.
IMPORTANCE: tuple[str, ...] = (
    # each pane's own main keys: the entity list's corrections (offered only while it
    # has the focus), the article list's, reading's, the bookmarks list's
    "entities.retype",
    "entities.ignore",
    "entities.merge",
    "entities.undo",
    # "Mentioned with"'s, offered only while it has the focus
    "entities.with_go",
    "entities.both",
    # Enter in the search results and the bookmarks list (the article list's is not shown)
    "results.open",
    "list.sort",
    "next_match",
    # "Mentioned with": W goes there once an entity is chosen
    "entities.with",
    "passage.bookmark",
    "search",
    "find",
    "entities",
    "raw",
    "reader.cruft",
    "bookmarks",
    "bookmarks.filter",
    "bookmarks.edit",
    "bookmarks.delete",
    "bookmarks.undo",
    "bookmarks.export",
    # then the rest of the passage cursor, and the rest
    "passage.select",
    "passage.next_sentence",
    "shared",
    "export",
    "search.export",
    # the shared-passage list's
    "passages.copy",
    "passages.export",
    "passages.close",
    "bookmarks.sort",
    "bookmarks.refresh",
    # the search screen's and the story's views (issue 14)
    "search.facets",
    "search.save",
    "search.timeline",
    "timeline.scale",
    "saved_searches.delete",
    "timeline",
    "saved_searches",
    # q is every terminal program's, and Help and the palette list it: it gives its
    # room to ^p at 80 columns
    "quit",
)
_RANK = {binding_id: rank for rank, binding_id in enumerate(IMPORTANCE)}
#: A view's own keys, right after Esc while the view shows (its key is offered only
#: then): the raw text's way back to the cleaned text and its cruft marking, which the
#: reader's keys pushed off the bar at 80 columns.
VIEW_KEYS: dict[str, tuple[str, ...]] = {"reader.cruft": ("raw", "reader.cruft")}


class Key(NamedTuple):
    """One key as shown: where it is drawn, and the action a click runs."""

    key: str
    description: str
    action: str
    namespace: DOMNode
    enabled: bool


def item_width(key: Key) -> int:
    """Cells ``key`` takes in the bar: `` k description ``."""
    return cell_len(f" {key.key} {key.description} ")


def fit(keys: Sequence[Key], pinned: Sequence[Key], width: int) -> tuple[list[Key], list[Key]]:
    """What ``width`` cells show: the pinned keys if they fit, and beside them as many of
    ``keys`` (most important first) as fit, stopping at the first that does not."""
    right = list(pinned) if sum(map(item_width, pinned)) <= width else []
    room = width - sum(map(item_width, right))
    left: list[Key] = []
    for key in keys:
        room -= item_width(key)
        if room < 0:
            break
        left.append(key)
    return left, right


class KeyBar(Widget):
    """Key and description for the active bindings with ``show=True``, by importance."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--disabled",
    }

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.keys: tuple[Key, ...] = ()  # most important first
        self.pinned: tuple[Key, ...] = ()
        self.shown: tuple[Key, ...] = ()  # what the last render drew, left to right
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
        ranked: dict[str, tuple[tuple[int, int], Key]] = {}  # one per action, as in Footer
        pinned: dict[str, Key] = {}
        last = len(IMPORTANCE)
        # A screen may keep a key working but out of the bar while it has nothing to
        # do ("n Next" with no matches: pressing it still says why).
        hides = getattr(screen, "key_bar_hides", None)
        # and may name a toggle for what it does now ("r Cleaned" while the raw text shows).
        names = getattr(screen, "key_bar_names", None)
        for order, (key, active) in enumerate(screen.active_bindings.items()):
            binding: Binding = active.binding
            if hides is not None and hides(binding.action):
                continue
            palette = key == app.COMMAND_PALETTE_BINDING
            if palette and not app.ENABLE_COMMAND_PALETTE:
                continue
            if not (binding.show or palette) or binding.action in ranked:
                continue
            description = names(binding.action) if names is not None else None
            shown = Key(
                app.get_key_display(binding),
                description or binding.description,
                binding.action,
                active.node,
                active.enabled,
            )
            if binding.action in PINNED:
                pinned.setdefault(binding.action, shown)
            elif key == CONTEXT_KEY:
                ranked[binding.action] = ((-2, order), shown)
            else:
                rank = _RANK.get(binding.id or "", last)
                ranked[binding.action] = ((rank, order), shown)
        ids = {
            active.binding.action: active.binding.id
            for active in screen.active_bindings.values()
            if active.binding.action in ranked
        }
        for marker, first in VIEW_KEYS.items():
            if marker in ids.values():
                for action, binding_id in ids.items():
                    if binding_id in first:
                        shown = ranked[action][1]
                        ranked[action] = ((-1, first.index(binding_id)), shown)
        keys = tuple(key for _, key in sorted(ranked.values(), key=lambda item: item[0]))
        return keys, tuple(pinned[action] for action in PINNED if action in pinned)

    def render(self) -> Text:
        key_style = component_style(self, "key-bar--key")
        description_style = component_style(self, "key-bar--description")
        disabled_style = component_style(self, "key-bar--disabled")
        width = self.size.width
        left, right = fit(self.keys, self.pinned, width)
        self.shown = (*left, *right)
        line = Text(no_wrap=True, overflow="crop", end="")
        self._spans = []
        for key in left:
            self._append(line, key, key_style, description_style, disabled_style)
        if right:
            line.append(" " * (width - cell_len(line.plain) - sum(map(item_width, right))))
            for key in right:
                self._append(line, key, key_style, description_style, disabled_style)
        return line

    def _append(
        self,
        line: Text,
        key: Key,
        key_style: Style,
        description_style: Style,
        disabled_style: Style,
    ) -> None:
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
