"""Helpers for the app's Pilot and snapshot tests (the fixtures live in the test files)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from textual import events
from textual.pilot import Pilot

from tui.app import create_app
from tui.app.app import DossierApp
from tui.app.screens.main import MainScreen

SIZE = (120, 36)


def make_app(corpus: Path) -> DossierApp:
    return create_app(corpus)


async def settle(pilot: Pilot, *, timeout: float = 20.0) -> None:
    """Wait until no worker runs and the messages they posted are handled."""
    app = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(w.is_running for w in app.workers):
            await pilot.pause()
            return
    raise TimeoutError("workers still running")


async def ready(pilot: Pilot, *, timeout: float = 30.0) -> MainScreen:
    """Wait for the article list, the first article and the index; return the main screen."""
    app: Any = pilot.app
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        await settle(pilot)
        screen = app.main_screen()
        if app.index_ready and screen is not None and screen.article is not None:
            await settle(pilot)
            return screen
        await pilot.pause(0.05)
    raise TimeoutError("the app did not become ready")


async def wait_for(pilot: Pilot, predicate, *, timeout: float = 10.0) -> None:  # noqa: ANN001
    """Pump the app until ``predicate()`` holds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while loop.time() < deadline:
        if predicate():
            return
        await pilot.pause(0.02)
    raise AssertionError("condition not met in time")


def type_fast(pilot: Pilot, *keys: str) -> None:
    """Queue ``keys`` as a terminal delivers a burst of typing: all at once, no pause between.

    ``pilot.press`` waits for the app to go idle after each key, which hides races
    between a key that opens something and the keys typed right after it.
    """
    for key in keys:
        character = {"slash": "/", "space": " "}.get(key, key if len(key) == 1 else None)
        pilot.app.post_message(events.Key(key, character))


def record(widget: Any, log: list[Any]) -> None:
    """Append every message ``widget`` posts to ``log``."""
    original = widget.post_message

    def post(message: Any) -> bool:
        log.append(message)
        return original(message)

    widget.post_message = post


def drawn_rows(widget: Any) -> list[tuple[str, list[tuple[str, Any]]]]:
    """What a line-API widget draws in its view: per row, its text and ``(text, style)`` pieces."""
    rows = []
    for y in range(widget.scrollable_content_region.height):
        segments = [(seg.text, seg.style) for seg in widget.render_line(y)]
        rows.append(("".join(text for text, _ in segments), segments))
    return rows
