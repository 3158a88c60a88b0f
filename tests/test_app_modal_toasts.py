"""Pilot tests: no toast is drawn over any modal screen, not only over the dialogs.

The entity type picker, the shared passages and help are modal screens that are not
dialogs: a toast raised while one was up (an index update, the names found) was
drawn over it, and one showing when it opened stayed there. The rule is the app's,
for every modal screen (:mod:`tui.app.notices`): toasts wait while one is on top and
show once it closes. The shared passages say what ``y`` and ``x`` did in their list.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.screen import ModalScreen, Screen
from textual.widgets import Input, Label
from textual.widgets._toast import Toast

from tests.app_helpers import make_app, notified, ready, settle, wait_for
from tests.conftest import write_article
from tui.app.screens.help import HelpScreen
from tui.app.screens.passages import PassagesScreen
from tui.app.widgets.bookmark_dialog import ExportDialog
from tui.app.widgets.type_picker import TypePicker

QUOTE = (
    "we will not accept any agreement that leaves our families without water or shelter "
    "through another winter of broken promises"
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_article(
        folder,
        "a.txt",
        "A flood of promises",
        "Foreign Minister Anna Lindqvist met President Tomas Berger in Stockholm on Monday.",
        f'"{QUOTE[0].upper()}{QUOTE[1:]}," Lindqvist said after the meeting.',
    )
    write_article(
        folder,
        "b.txt",
        "B the mayor speaks",
        "Rain fell for a third day in the valley.",
        f"Speaking to the press, she said: {QUOTE.replace('another', 'one more')}.",
    )
    return folder


async def _passages(pilot: Any) -> Screen[Any]:
    """The shared passages of a.txt's quote (``]`` then ``w`` in the reader)."""
    app = pilot.app
    main = await ready(pilot)
    article_id = next(a.id for a in main.summaries.values() if a.path == "a.txt")
    main.reading.open(article_id, take_focus=True)
    await wait_for(pilot, lambda: main.article_id == article_id, what="a.txt open")
    await settle(pilot)
    await wait_for(pilot, lambda: main.reader.shared, what="the shared passages")
    main.set_focus(main.reader)
    await pilot.press("right_square_bracket", "w")
    await wait_for(pilot, lambda: isinstance(app.screen, PassagesScreen), what="the list")
    return app.screen


async def _pushed(pilot: Any, make: Callable[[Any], Screen[Any]]) -> Screen[Any]:
    await ready(pilot)
    screen = make(pilot.app)
    pilot.app.push_screen(screen)
    await wait_for(pilot, lambda: pilot.app.screen is screen and screen.is_mounted)
    return screen


OPENERS: dict[str, Callable[[Any], Any]] = {
    "type picker": lambda pilot: _pushed(pilot, lambda app: TypePicker("Anna Lindqvist", "person")),
    "help": lambda pilot: _pushed(pilot, lambda app: HelpScreen(app.help_sections(), app.keymap)),
    "shared passages": _passages,
}


def _toasts(app: Any) -> list[str]:
    return [str(t.render()) for s in app.screen_stack for t in s.query(Toast)]


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
@pytest.mark.parametrize("which", list(OPENERS))
async def test_no_toast_is_drawn_over_a_modal_screen(
    corpus: Path, which: str, size: tuple[int, int]
) -> None:
    app = make_app(corpus)
    async with app.run_test(size=size, notifications=True) as pilot:  # toasts drawn
        await ready(pilot)
        app.notify("Showing when it opens", markup=False, timeout=30)
        await notified(pilot, "Showing when it opens")
        modal = await OPENERS[which](pilot)
        assert isinstance(modal, ModalScreen)
        app.notify("Raised while it is open", markup=False)
        for _ in range(3):
            await pilot.pause(0.1)
        assert app.screen is modal
        assert not _toasts(app), _toasts(app)  # none over it, none left under it
        assert not app.live_notices()
        assert sorted(app.held_notices()) == ["Raised while it is open", "Showing when it opens"]
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, ModalScreen), what="closed")
        await notified(pilot, "Showing when it opens")
        await notified(pilot, "Raised while it is open")
        assert not app.held_notices()


def _passages_say(screen: Screen[Any]) -> str:
    said = screen.query_one("#passages-says", Label)
    return str(said.render()) if said.display else ""


async def test_the_shared_passages_say_what_y_and_x_did_in_their_list(
    corpus: Path, tmp_path: Path
) -> None:
    """A toast would wait until the list closes: the copy and the export are said in
    it."""
    app = make_app(corpus)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await _passages(pilot)
        assert _passages_say(screen) == ""
        await pilot.press("y")
        await wait_for(pilot, lambda: "Copied with its citation" in _passages_say(screen))
        assert app.clipboard.startswith("\u201c…we will not accept")
        await pilot.press("x")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog), what="the dialog")
        target = tmp_path / "shared.md"
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await wait_for(pilot, lambda: "Wrote 2 items to" in _passages_say(screen))
        assert app.screen is screen and target.is_file()
        assert not app.held_notices()  # said in the list, not held for later
