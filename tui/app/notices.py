"""Notifications that replace each other instead of piling up.

Textual stacks every :meth:`~textual.app.App.notify` call as a new toast. A key
pressed five times then leaves five identical toasts over the text, and a toast
about a screen ("Deleted — press u to undo") stays after the user has left the
screen where ``u`` undoes. :class:`Notices` keeps one toast per *kind*: a new
toast of a kind replaces the one showing, and a toast tied to a screen leaves
when that screen is dismissed or covered.

The kind defaults to the message text, so repeating a message never stacks it.

No toast is drawn over a modal screen (a dialog, the entity type picker, the shared
passages, help, the command palette): at 80x24 a dialog fills most of the screen,
and the 8 s toast of the first scan covered the correction dialog's last field and
its keys. One rule for every one of them, here, from the app's screen changes (not
screen by screen): while a modal screen is on top (:meth:`Notices.hold_notices`),
the toasts showing are taken down and new ones wait; when a screen that is not
modal is on top again (:meth:`Notices.release_notices`) they show, for what was
left of their time (at least :data:`AGAIN_AT_LEAST` seconds). A modal screen says
its own answers inside it (a dialog's refusals, the shared passages' copy).
``notify`` stays thread-safe: the bookkeeping runs on the app's thread, in the
handler of :class:`Noticed`.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from typing import Any

from textual.app import App
from textual.message import Message
from textual.notifications import Notification, Notify, SeverityLevel
from textual.screen import ModalScreen, Screen

from tui.text import visible

#: Seconds after a toast's time is up that the screen is drawn again (see
#: ``Notices._repaint_screen``): its timer starts when it is mounted, a moment after.
REPAINT_AFTER = (0.25, 1.0)
#: Seconds a toast held back by a dialog shows at least once the dialog has closed.
AGAIN_AT_LEAST = 3.0


def holds_notices(screen: Screen[Any]) -> bool:
    """Whether the toasts wait while ``screen`` is on top: a modal one."""
    return isinstance(screen, ModalScreen)


@dataclass
class Noticed(Message, bubble=False):
    """A notification to show, with what it replaces and the screen it belongs to."""

    notification: Notification
    kind: str
    screen: Any = field(default=None)  # a weak reference to a Screen, or None


class Notices(App[None]):
    """A base class of DossierApp: ``notify(..., kind=..., screen=...)`` with replacement."""

    _live_notices: dict[str, tuple[Notification, Any]]
    #: Whether a modal screen is on top (see :meth:`hold_notices`), and the toasts
    #: waiting for it to close.
    _holding: bool = False
    _held_back: dict[str, tuple[Notification, Any, float]]

    def on_mount(self) -> None:
        # Immediate: the toasts are taken down as the modal screen is pushed, before it
        # is drawn (or its toast rack is filled from the app's toasts).
        self.screen_change_signal.subscribe(self, self._screen_changed, immediate=True)

    def _screen_changed(self, _screen: Screen[Any]) -> None:
        """A screen was pushed, popped or switched: hold the toasts while the screen on
        top is modal, show them when it is not."""
        try:
            top = self.screen
        except Exception:  # noqa: BLE001 - no screen (closing): nothing to hold
            return
        if holds_notices(top):
            if not self._holding:
                self.hold_notices()
        elif self._holding:
            self.release_notices()

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
        kind: str | None = None,
        screen: Screen[Any] | None = None,
    ) -> None:
        """Show ``message``, replacing the toast of the same ``kind`` (default: the text).

        With ``screen`` the toast leaves when that screen is dismissed or covered.
        """
        if timeout is None:
            timeout = self.NOTIFICATION_TIMEOUT
        # Every toast passes here (screens' and widgets' notify call the app's): file
        # names and errors in it are made visible, so an escape sequence in a file name
        # is shown rather than run by the terminal.
        message, title = visible(message), visible(title, keep_newlines=False)
        notification = Notification(message, title, severity, timeout, markup=markup)
        ref = weakref.ref(screen) if screen is not None else None
        self.post_message(Noticed(notification, kind or f"text:{message}", ref))

    def on_noticed(self, event: Noticed) -> None:
        if self._holding:
            held = self._held_notices()
            held.pop(event.kind, None)
            held[event.kind] = (event.notification, event.screen, event.notification.timeout)
            return
        live = self._notices()
        old = live.pop(event.kind, None)
        if old is not None:
            self._withdraw(old[0])
        live[event.kind] = (event.notification, event.screen)
        self.post_message(Notify(event.notification))
        if event.notification.timeout > 0:
            for after in REPAINT_AFTER:
                self.set_timer(event.notification.timeout + after, self._repaint_screen)

    def _repaint_screen(self) -> None:
        """Draw the screen again once a toast has left.

        Textual takes an expired toast off the screen without drawing what it covered
        when nothing else changes (seen at 80 columns: the warning toast of the first
        scan stayed over the list and the status bar for good, until the user left the
        screen). One full draw of the screen, a moment after the toast's time is up.
        """
        try:
            screen = self.screen
        except Exception:  # noqa: BLE001 - the app is closing: nothing to draw
            return
        screen.refresh()

    def hold_notices(self) -> None:
        """A modal screen is on top: take down the toasts showing, and hold new ones,
        until :meth:`release_notices`."""
        self._holding = True
        held = self._held_notices()
        live = self._notices()
        for kind, (notification, ref) in list(live.items()):
            del live[kind]
            self._withdraw(notification)
            held[kind] = (notification, ref, notification.time_left)
        # Textual updates the toasts of the screen on top only: those of the screen under
        # the modal one stayed drawn there, dimmed, their edge beside the dialog. Taken off
        # too; that screen's toasts are put back from the app's when it is on top again.
        for screen in self.screen_stack[:-1]:
            for rack in screen.query("ToastRack"):
                rack.remove_children()

    def release_notices(self) -> None:
        """No modal screen is on top any more: show the toasts held back (those of a
        screen gone since are dropped)."""
        self._holding = False
        held, self._held_back = self._held_notices(), {}
        for kind, (old, ref, left) in held.items():
            if ref is not None and ref() is None:
                continue
            notification = Notification(
                old.message,
                old.title,
                old.severity,
                max(left, AGAIN_AT_LEAST),
                markup=old.markup,
            )
            self.post_message(Noticed(notification, kind, ref))

    def held_notices(self) -> list[str]:
        """The messages of the toasts waiting for a modal screen to close."""
        return [n.message for n, _, _ in self._held_notices().values()]

    def _held_notices(self) -> dict[str, tuple[Notification, Any, float]]:
        try:
            return self._held_back
        except AttributeError:
            self._held_back = {}
            return self._held_back

    def withdraw_notices(self, screen: Screen[Any]) -> None:
        """Take down every toast that belongs to ``screen`` (held back ones too)."""
        live = self._notices()
        for kind, (notification, ref) in list(live.items()):
            if ref is not None and ref() in (screen, None):
                del live[kind]
                self._withdraw(notification)
        held = self._held_notices()
        for kind, (_, ref, _) in list(held.items()):
            if ref is not None and ref() in (screen, None):
                del held[kind]

    def withdraw_notice(self, kind: str) -> None:
        """Take down the toast of ``kind``, if one shows."""
        self._held_notices().pop(kind, None)
        old = self._notices().pop(kind, None)
        if old is not None:
            self._withdraw(old[0])

    def live_notices(self) -> list[str]:
        """The messages of the toasts showing now (expired ones left out)."""
        return [n.message for n, _ in self._notices().values() if not n.has_expired]

    def _notices(self) -> dict[str, tuple[Notification, Any]]:
        try:
            live = self._live_notices
        except AttributeError:
            live = self._live_notices = {}
        for kind, (notification, _) in list(live.items()):
            if notification.has_expired:
                del live[kind]
        return live

    def _withdraw(self, notification: Notification) -> None:
        # Textual has no public call to take down one toast; _unnotify is the one it uses
        # itself when a toast is clicked away. Should it go, clearing every toast is the
        # safe fallback: a stale message must not stay over the text.
        unnotify = getattr(self, "_unnotify", None)
        if unnotify is None:
            self.clear_notifications()
            return
        try:
            unnotify(notification)
        except KeyError:
            pass  # already expired and reaped
        self.set_timer(REPAINT_AFTER[0], self._repaint_screen)
