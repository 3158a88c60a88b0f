"""Pilot tests: the command palette puts the app's commands first from the first list it
shows, and lists the best matches of many articles, not the first found.

At 50,000 articles and 17,000 entities the palette gathered its hits for seconds, and
showed what it had every quarter of a second: "rebui" showed 190 articles and no
command (Enter opened the first article), and each key typed showed an article first."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandInput, CommandList, CommandPalette

from tests.app_helpers import SIZE, make_app, ready, settle, wait_for
from tui.app.palette import ArticleCommands, GoTo
from tui.library import ArticleSummary

#: Articles enough that the palette's matching takes a while, all matching "rebuild"
#: (less well than the title "Rebuild", listed last).
MANY = [
    ArticleSummary(f"id{n:05}", f"m/{n}.txt", f"Rebel builds a harbour, part {n}", None, None, None)
    for n in range(3000)
] + [ArticleSummary("idexact", "m/exact.txt", "Rebuild", None, None, None)]


@pytest.fixture
def app(indexed_seeds: Path, monkeypatch: pytest.MonkeyPatch):  # noqa: ANN201
    monkeypatch.setattr(ArticleCommands, "items", lambda self: MANY)
    # The palette shows each hit as it comes (it waits a quarter of a second between
    # lists): the first list it shows is the first hit gathered.
    monkeypatch.setattr(CommandPalette, "_RESULT_BATCH_TIME", 0.0)
    # The items' providers asked first (the palette's order is a set's)
    original = CommandPalette._provider_classes.fget
    monkeypatch.setattr(
        CommandPalette,
        "_provider_classes",
        property(lambda self: sorted(original(self), key=lambda p: not issubclass(p, GoTo))),
    )
    return make_app(indexed_seeds)


async def test_the_apps_commands_come_first_in_the_first_list_shown(app) -> None:  # noqa: ANN001
    shown: list[list[str]] = []
    original = CommandPalette._refresh_command_list

    def refresh(self, command_list, commands, clear_current) -> None:  # noqa: ANN001
        best = sorted(commands, key=lambda c: c.hit.score, reverse=True)
        shown.append([str(c.prompt).split("\n")[0] for c in best])
        original(self, command_list, commands, clear_current)

    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette))
        await settle(pilot)
        palette = app.screen
        CommandPalette._refresh_command_list = refresh  # type: ignore[method-assign]
        try:
            palette.query_one(CommandInput).value = "rebuild"
            await settle(pilot)
            await wait_for(pilot, lambda: palette.query_one(CommandList).option_count > 1)
            await settle(pilot)
        finally:
            CommandPalette._refresh_command_list = original  # type: ignore[method-assign]
        assert shown and all(rows[0] == "Rebuild index" for rows in shown), [
            rows[:2] for rows in shown[:3]
        ]
        final = [str(o.prompt).split("\n")[0] for o in palette.query_one(CommandList).options]
        articles = [t for t in final if t.startswith("Go to article: ")]
        # the best matches, however far down the list: the exact title first of them
        assert articles[0] == "Go to article: Rebuild", articles[:3]
        assert len(articles) == ArticleCommands.SEARCH_LIMIT
