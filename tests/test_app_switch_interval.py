"""The interpreter's switch interval while the app runs (tui/app/gil.py)."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.app_helpers import SIZE, make_app, ready
from tui.app.gil import UI_SWITCH


async def test_the_ui_thread_waits_a_millisecond_for_its_turn_not_five(
    indexed_seeds: Path,
) -> None:
    """Workers running Python held the UI thread up to CPython's 5 ms per turn, at every
    key and frame; while the app runs the interval is UI_SWITCH, and the one before is
    put back at its end."""
    before = sys.getswitchinterval()
    assert before > UI_SWITCH  # (CPython's default: else the test shows nothing)
    app = make_app(indexed_seeds)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert sys.getswitchinterval() == UI_SWITCH
    assert sys.getswitchinterval() == before
