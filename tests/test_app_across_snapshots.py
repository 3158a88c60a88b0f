"""Snapshots of the shared-passage list (w) at the app's usual size and at 80x24.

(The reader's gutter marks and the entities pane's "Mentioned with" list are in the
main-screen and entity snapshots of tests/test_app_snapshots.py.)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app_helpers import make_app, ready, settle, wait_for
from tui.app.screens.passages import PassagesScreen


@pytest.fixture
def app(indexed_seeds: Path):
    app = make_app(indexed_seeds)
    app.theme = "textual-dark"
    return app


async def _shared_list(pilot) -> None:  # noqa: ANN001
    app = pilot.app
    main = await ready(pilot)
    await pilot.press("enter")  # the reader, on the first article
    await settle(pilot)
    await wait_for(pilot, lambda: main.across.settled and main.reader.shared, what="the marks")
    await pilot.press("right_square_bracket", "w")
    await wait_for(pilot, lambda: isinstance(app.screen, PassagesScreen), what="the list")
    await settle(pilot)
    await pilot.wait_for_scheduled_animations()
    app.clear_notifications()
    await settle(pilot)


@pytest.mark.parametrize("size", [(120, 36), (80, 24)], ids=["120x36", "80x24"])
def test_shared_passages_list(snap_compare, app, size: tuple[int, int]) -> None:
    assert snap_compare(app, terminal_size=size, run_before=_shared_list)
