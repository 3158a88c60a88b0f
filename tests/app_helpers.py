"""Helpers for the app's Pilot and snapshot tests (the fixtures live in the test files)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
from textual import events
from textual.message import Message
from textual.notifications import Notify
from textual.pilot import Pilot
from textual.screen import Screen
from textual.worker import WorkerCancelled

from tests.test_derived import settle as settle_folders
from tui.app import create_app
from tui.app.app import DossierApp
from tui.app.screens.main import MainScreen
from tui.library import Library, ScanResult

SIZE = (120, 36)

M = TypeVar("M", bound=Message)
S = TypeVar("S", bound=Screen[Any])


def indexed_earlier(folder: Path) -> Path:
    """``folder`` indexed as by an earlier session, and closed: its folders dated back
    first, so that the index's stamp trusts them (a folder changed in the last seconds
    is read again)."""
    settle_folders(folder)
    lib = Library.open(folder)
    lib.update_index(workers=1)
    lib.close()
    return folder


def held_scan(monkeypatch: pytest.MonkeyPatch) -> tuple[threading.Event, list[str]]:
    """Make the folder's scan wait for the returned event; the list records scans."""
    release = threading.Event()
    scans: list[str] = []
    original = Library.scan

    def scan(self: Library, *args: Any, **kwargs: Any) -> ScanResult:
        scans.append("scan")
        release.wait(20)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Library, "scan", scan)
    return release, scans


def make_app(corpus: Path) -> DossierApp:
    return create_app(corpus)


def _running_workers(app: Any) -> list[str]:
    return [f"{w.name or w.group} ({w.state.name.lower()})" for w in app.workers if w.is_running]


def _notices(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]  # noqa: SLF001 - no public list


async def settle(pilot: Pilot, *, timeout: float = 20.0) -> None:
    """Wait until no worker runs and the messages they posted are handled."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:  # a newer one took over (the palette's gathering, a search)
            pass
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            await pilot.pause()
            return
    raise TimeoutError(f"workers still running after {timeout:g} s: {_running_workers(app)}")


async def ready(pilot: Pilot, *, timeout: float = 30.0) -> MainScreen:
    """Wait for the article list, the first article and the index; return the main screen.

    On a timeout, the error says which of those is missing and what the app showed.
    """
    app: Any = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        await settle(pilot, timeout=max(0.1, deadline - loop.time()))
        screen = app.main_screen()
        if app.index_ready and screen is not None and screen.article is not None:
            await settle(pilot)
            return screen
        await pilot.pause(0.05)
    screen = app.main_screen()
    missing = [
        what
        for what, ok in (
            ("the main screen", screen is not None),
            ("an open article", screen is not None and screen.article is not None),
            (f"the index (problem: {app.index_problem})", app.index_ready),
        )
        if not ok
    ]
    raise TimeoutError(
        f"the app was not ready after {timeout:g} s: no {', no '.join(missing)}; "
        f"screen {type(app.screen).__name__}, workers running {_running_workers(app)}, "
        f"notifications {_notices(app)}"
    )


async def wait_for(
    pilot: Pilot, predicate: Callable[[], object], *, timeout: float = 10.0, what: str = ""
) -> None:
    """Pump the app until ``predicate()`` holds; ``what`` names it in the error."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if predicate():
            return
        await pilot.pause(0.02)
    condition = what or getattr(predicate, "__name__", "the condition")
    raise AssertionError(
        f"waited {timeout:g} s for {condition}: screen {type(pilot.app.screen).__name__}, "
        f"workers running {_running_workers(pilot.app)}, notifications {_notices(pilot.app)}"
    )


async def shown(pilot: Pilot, kind: type[S], *, timeout: float = 10.0) -> S:
    """Wait until the current screen is a ``kind`` and mounted (its widgets composed); return it.

    A pushed screen is current before it is composed: querying its widgets then fails.
    """
    await wait_for(
        pilot,
        lambda: isinstance(pilot.app.screen, kind) and pilot.app.screen.is_mounted,
        timeout=timeout,
        what=f"a mounted {kind.__name__}",
    )
    screen = pilot.app.screen
    assert isinstance(screen, kind)
    return screen


async def palette_offers(pilot: Pilot, text: str) -> None:
    """Wait until the open command palette has gathered its commands for what was typed,
    with ``text`` in the first one (the one Enter runs)."""
    from textual.command import CommandList, CommandPalette

    def first() -> str:
        palette = pilot.app.screen
        if not isinstance(palette, CommandPalette):
            return ""
        commands = palette.query_one(CommandList)
        return str(commands.get_option_at_index(0).prompt) if commands.option_count else ""

    await settle(pilot)
    await wait_for(pilot, lambda: text in first(), what=f"the palette to offer {text!r} first")


async def notified(
    pilot: Pilot, text: str, *, timeout: float = 10.0, messages: Messages | None = None
) -> None:
    """Wait until a toast with ``text`` shows (a toast is posted as a message first).

    Wait for a toast before waiting for what comes after it: a toast leaves after its
    timeout, which a loaded machine can spend on the next step. Where the app works
    on right after the toast (a scan, an index update), pass the :class:`Messages`
    the app runs with: every toast it showed counts then, one that left already too,
    and a timeout lists them all.
    """

    def shown() -> bool:
        toasts = messages.toasts() if messages is not None else []
        return any(text in n for n in [*_notices(pilot.app), *toasts])

    try:
        await wait_for(pilot, shown, timeout=timeout, what=f"a toast with {text!r}")
    except AssertionError as exc:
        if messages is None:
            raise
        raise AssertionError(f"{exc}; toasts shown {messages.toasts()}") from None


async def refused(pilot: Pilot, text: str, *, timeout: float = 10.0) -> None:
    """Wait until the dialog up says ``text`` under its fields (a dialog's refusals are
    said in it, not in a toast: no toast is drawn over a dialog)."""

    def said() -> str:
        found = pilot.app.screen.query("#dialog-says")
        return str(found.first().render()) if found else ""

    await wait_for(
        pilot, lambda: text in said(), timeout=timeout, what=f"the dialog to say {text!r}"
    )


class Messages:
    """Every message the app handles while a test runs, each once, in order.

    Pass it as ``app.run_test(message_hook=messages)``: Textual calls it for every
    message any node handles (a bubbling message reaches several; it is kept once).
    """

    def __init__(self) -> None:
        self._seen: dict[int, Message] = {}  # the message kept alive: its id stays its own

    def __call__(self, message: Message) -> None:
        self._seen.setdefault(id(message), message)

    def clear(self) -> None:
        self._seen.clear()

    def of(self, kind: type[M]) -> list[M]:
        return [m for m in self._seen.values() if isinstance(m, kind)]

    def toasts(self) -> list[str]:
        """The text of every toast shown, those that timed out already too."""
        return [str(m.notification.message) for m in self.of(Notify)]


def type_fast(pilot: Pilot, *keys: str) -> None:
    """Queue ``keys`` as a terminal delivers a burst of typing: all at once, no pause between.

    ``pilot.press`` waits for the app to go idle after each key, which hides races
    between a key that opens something and the keys typed right after it.
    """
    for key in keys:
        character = {"slash": "/", "space": " "}.get(key, key if len(key) == 1 else None)
        pilot.app.post_message(events.Key(key, character))


def drawn_rows(widget: Any) -> list[tuple[str, list[tuple[str, Any]]]]:
    """What a line-API widget draws in its view: per row, its text and ``(text, style)`` pieces."""
    rows = []
    for y in range(widget.scrollable_content_region.height):
        segments = [(seg.text, seg.style) for seg in widget.render_line(y)]
        rows.append(("".join(text for text, _ in segments), segments))
    return rows
