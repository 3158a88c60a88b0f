"""Keys typed ahead: each key that runs a binding is handled before the keys typed after it.

Textual sends each key to the focused widget the moment it takes it from the terminal,
and runs a binding only when the key has bubbled back up to the app. Keys typed quickly
are therefore routed before the earlier ones have done anything: after ``/`` the next
letters were on their way to the article list (``s`` sorted it, ``r`` showed the raw
text) before the search box existed; after Esc on the search screen, ``f`` went into the
search box that Esc was about to close. A priority binding runs at once, but then ahead
of keys typed before it that are still on their way (Esc then ``/`` would open the search
and close it again).

So when a key arrives that a binding will handle, the app holds back the keys that follow
it until that binding's action has run (actions that open a box wait until it is mounted
and focused), then posts them again in the order they were typed. Keys that no binding
takes (letters typed into a box) are not held. If the action never runs, the keys go out
after :data:`HOLD_AT_MOST` seconds anyway.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual import events
from textual.actions import ActionParseResult
from textual.app import App
from textual.dom import DOMNode
from textual.timer import Timer
from textual.widgets import Input

HOLD_AT_MOST = 1.0


def action_name(action: str) -> str:
    """``"screen.search('x')"`` -> ``"search"``."""
    return action.split("(", 1)[0].rsplit(".", 1)[-1].strip()


class TypeAhead(App[None]):
    """A base class of DossierApp: it wraps the app's ``on_event`` and ``run_action``."""

    _held: list[events.Key] | None = None
    _awaited: str = ""  # the action the held keys wait for
    _hold_timer: Timer | None = None
    # Held keys go out again as new events, at the end of the app's queue; keys typed
    # meanwhile may already be in that queue, ahead of them. Those wait in ``_late``
    # until every key sent on has been handled ("/" then "brown" came out "rownb").
    _replaying: int = 0
    _late: list[events.Key] | None = None
    _unstick_timer: Timer | None = None

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            if getattr(event, "_typed_ahead", False):
                # (one that _unstick gave up on can still come: below zero, every key
                # after it was kept back for ever, or stopped the app on an assertion)
                self._replaying = max(0, self._replaying - 1)
                try:
                    if not self._hold(event):
                        await super().on_event(event)
                finally:
                    if self._replaying == 0:
                        late, self._late = self._late, None
                        self._send_on(late or [])
                return
            if self._replaying:
                assert self._late is not None
                self._late.append(event)
                return
            if self._hold(event):
                return
        await super().on_event(event)

    def _hold(self, event: events.Key) -> bool:
        """Keep ``event`` for later while a binding is on its way; start holding after one."""
        if self._held is not None:
            self._held.append(event)
            return True
        if isinstance(self.focused, Input) and event.is_printable:
            # Typed into a box: whatever the box does with the key, it does when the key
            # gets there (a box's keys can look like the screen's bindings: a keymap
            # puts them back among the active ones, and the search box leaves "/" to
            # the screen only over a selected query, which the keys before it change).
            # Holding the keys after it held "/" typed inside a query for a second.
            return False
        active = self.screen.active_bindings.get(event.key)
        if active is not None and active.enabled:
            self._held, self._awaited = [], action_name(active.binding.action)
            self._hold_timer = self.set_timer(HOLD_AT_MOST, self.release_keys)
        return False

    async def run_action(
        self,
        action: str | ActionParseResult,
        default_namespace: DOMNode | None = None,
        namespaces: Mapping[str, DOMNode] | None = None,
    ) -> bool:
        try:
            return await super().run_action(action, default_namespace, namespaces)
        finally:
            if self._held is not None and isinstance(action, str):
                if action_name(action) == self._awaited:
                    self.release_keys()

    def release_keys(self) -> None:
        """Send the held keys on, in order (to whatever has the focus now)."""
        held, self._held, self._awaited = self._held, None, ""
        if self._hold_timer is not None:
            self._hold_timer.stop()
            self._hold_timer = None
        self._send_on(held or [])

    def _send_on(self, keys: list[events.Key]) -> None:
        if not keys:
            return
        self._replaying += len(keys)
        if self._late is None:
            self._late = []
        for event in keys:
            again = events.Key(event.key, event.character)
            again._typed_ahead = True  # type: ignore[attr-defined]
            if not self.post_message(again):  # the app is closing
                self._replaying -= 1
        # Never wait for ever: if a key sent on is lost, the keys behind it go out anyway.
        if self._unstick_timer is not None:
            self._unstick_timer.stop()
        self._unstick_timer = self.set_timer(HOLD_AT_MOST, self._unstick)

    def _unstick(self) -> None:
        if self._replaying:
            self._replaying = 0
            late, self._late = self._late, None
            for event in late or ():
                self.post_message(events.Key(event.key, event.character))
