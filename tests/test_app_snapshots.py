"""Snapshot tests (pytest-textual-snapshot): main screen, search, an entity across articles, help.

Run ``pytest tests/test_app_snapshots.py --snapshot-update`` after a deliberate UI change
and look at the new SVGs before committing them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app_helpers import make_app, ready, settle, wait_for

SIZE = (120, 36)


@pytest.fixture
def app(indexed_seeds: Path):
    app = make_app(indexed_seeds)
    app.theme = "textual-dark"
    return app


async def _still(pilot) -> None:  # noqa: ANN001
    for input_box in pilot.app.screen.query("Input"):
        input_box.cursor_blink = False
    await settle(pilot)
    main = pilot.app.main_screen()
    if main is not None:  # the reader's shared-passage marks come a moment after the article
        await wait_for(pilot, lambda: main.across.settled, what="the shared passages marked")
    await settle(pilot)
    await pilot.wait_for_scheduled_animations()
    pilot.app.clear_notifications()
    await settle(pilot)


def test_main_screen(snap_compare, app) -> None:
    async def run_before(pilot) -> None:  # noqa: ANN001
        await ready(pilot)
        await pilot.press("enter")
        await _still(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_main_screen_narrow(snap_compare, app) -> None:
    async def run_before(pilot) -> None:  # noqa: ANN001
        await ready(pilot)
        await pilot.press("enter")
        await _still(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_search_results(snap_compare, app) -> None:
    async def run_before(pilot) -> None:  # noqa: ANN001
        await ready(pilot)
        await pilot.press("slash")
        app.screen.query_one("Input").cursor_blink = False
        await pilot.press(*"ceasefire")
        await wait_for(pilot, lambda: app.screen.shown_query == "ceasefire")
        await _still(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_entity_across_articles(snap_compare, app) -> None:
    async def run_before(pilot) -> None:  # noqa: ANN001
        main = await ready(pilot)
        main.navigator.choose_entity("person:john kerry", "John Kerry")
        await wait_for(pilot, lambda: bool(main.steps.occurrences))
        await pilot.press("j", "j", "enter")
        await _still(pilot)

    assert snap_compare(app, terminal_size=(160, 44), run_before=run_before)


def test_help(snap_compare, app, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Help names the settings file: one path on every machine (the tests' own is
    # under a temporary folder named after the user), shown from the home folder.
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("DOSSIER_CONFIG_FILE", str(home / ".config" / "dossier" / "config.yaml"))

    async def run_before(pilot) -> None:  # noqa: ANN001
        await ready(pilot)
        await pilot.press("question_mark")
        await _still(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
