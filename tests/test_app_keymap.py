"""keymap: in config.yaml: key names are checked and keys given two meanings are reported."""

from __future__ import annotations

from pathlib import Path

from tests.app_helpers import Messages, make_app, ready, settle
from tests.conftest import write_config
from tui.app.keymap_check import bad_key, keymap_problems


def test_key_names_are_checked() -> None:
    for good in ("w", "R", "?", "ctrl+w", "ctrl+shift+up", "f5", "escape", "question_mark"):
        assert bad_key(good) is None, good
    for bad in ("ctlr+w", "escpae", "f99", "ctrl+", "w w", "hyper+meta+foo"):
        assert bad_key(bad) is not None, bad


async def test_a_misspelt_key_is_reported_and_the_default_kept(seeds_copy: Path) -> None:
    write_config("keymap:\n  raw: ctlr+w\n")
    app = make_app(seeds_copy)
    messages = Messages()  # the toasts of the start, even once they have timed out
    async with app.run_test(size=(120, 36), message_hook=messages) as pilot:
        main = await ready(pilot)
        problems = [m for m in messages.toasts() if "ctlr+w" in m]
        assert len(problems) == 1 and "not a key" in problems[0]
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("r")  # the default key still shows the raw text
        await settle(pilot)
        assert main.reader.raw


async def test_a_key_given_two_meanings_is_reported(seeds_copy: Path) -> None:
    write_config("keymap:\n  raw: q\n  search: f5\n")
    app = make_app(seeds_copy)
    messages = Messages()  # the toasts of the start, even once they have timed out
    async with app.run_test(size=(120, 36), message_hook=messages) as pilot:
        await ready(pilot)
        clashes = [m for m in messages.toasts() if "two meanings" in m or "both" in m]
        assert len(clashes) == 1, messages.toasts()
        assert "'q'" in clashes[0] and "raw" in clashes[0] and "quit" in clashes[0]
        assert not any("f5" in m for m in messages.toasts())


def test_problems_name_each_clash_once() -> None:
    from textual.binding import Binding

    sections = [
        ("Everywhere", [Binding("q", "quit", "Quit", id="quit")]),
        ("Reader", [Binding("r", "raw", "Raw", id="raw"), Binding("n", "next", "Next", id="next")]),
        ("List", [Binding("s", "sort", "Sort", id="sort")]),
    ]
    # raw and next on one key in one pane; sort on n in another pane is fine.
    problems, keymap = keymap_problems({"raw": "n", "sort": "n"}, sections)
    assert len(problems) == 1 and "'n'" in problems[0]
    assert keymap == {"raw": "n", "sort": "n"}
    problems, keymap = keymap_problems({"raw": "w,bogus+key"}, sections)
    assert keymap == {"raw": "w"} and "bogus+key" in problems[0]
