"""The help screen opens with its table of keys drawn once (issue 13).

Help's keys are a Rich table of ~100 rows, ~30 ms of the UI thread's CPU to draw at
Pilot's size. As a Static's content it was drawn again at each layout of the screen, to
measure its height and then to paint it, and again once the scrollbar showed: four
draws, ~200 ms before the screen showed (1.4-2.6 s on a loaded machine)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.table import Table

from tests.app_helpers import SIZE, make_app, ready, settle, wait_for
from tui.app.screens.help import HelpScreen


@pytest.fixture
def app(indexed_seeds: Path):
    return make_app(indexed_seeds)


def _count_draws(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The widths every Rich table is drawn at from now on."""
    drawn: list[int] = []
    draw = Table.__rich_console__

    def counted(self, console, options):  # noqa: ANN001, ANN202
        drawn.append(options.max_width)
        return draw(self, console, options)

    monkeypatch.setattr(Table, "__rich_console__", counted)
    return drawn


async def test_help_draws_its_table_of_keys_once(app, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: ANN001
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await settle(pilot)
        drawn = _count_draws(monkeypatch)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await settle(pilot)
        assert len(drawn) == 1, drawn
        # scrolling down draws nothing again: the lines are kept
        await pilot.press("pagedown", "pagedown", "end")
        await settle(pilot)
        assert len(drawn) == 1, drawn


async def test_help_draws_the_table_again_when_its_width_changes(
    app,  # noqa: ANN001
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The lines kept are those of the width shown: a wider terminal draws them again."""
    async with app.run_test(size=(90, 30)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen))
        await settle(pilot)
        table = app.screen.query_one("#help-table")
        narrow = table.size.width
        drawn = _count_draws(monkeypatch)
        await pilot.resize_terminal(160, 40)
        await settle(pilot)
        assert table.size.width > narrow
        assert drawn == [table.size.width]
        shown = ["".join(s.text for s in table.render_line(y)) for y in range(table.size.height)]
        row = next(line for line in shown if "Quit Dossier" in line)
        # the wide table's row: keys, description and id on one line
        assert row.split() == ["q", "Quit", "Dossier", "quit"]
