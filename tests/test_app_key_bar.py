"""The key bar gives its room by importance: Esc where it does something, then the main keys.

At 80 columns the reader offers about twice as many keys as fit; the bar used to show them
in Textual's order and so cut n, e, r, B and q, while it never showed Esc at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding
from textual.command import CommandPalette

from tests.app_helpers import Messages, make_app, ready, settle, wait_for
from tests.conftest import write_config
from tui.app.widgets.key_bar import CONTEXT_KEY, IMPORTANCE, PINNED, Key, KeyBar, fit, item_width


@pytest.fixture
def app(indexed_seeds: Path):
    return make_app(indexed_seeds)


def _key(key: str, description: str) -> Key:
    return Key(key, description, description.lower(), None, True)  # type: ignore[arg-type]


def test_fit_keeps_the_most_important_and_the_pinned_keys() -> None:
    keys = [_key("esc", "Back"), _key("n", "Next"), _key("e", "Entities"), _key("r", "Raw")]
    help_key = [_key("?", "Help")]
    widths = [item_width(k) for k in keys]
    assert widths == [10, 8, 12, 7]
    assert fit(keys, help_key, 100) == (keys, help_key)
    # Room for Back and Next beside Help, not Entities: Raw, less important, is not shown
    # in its place even though it would fit.
    assert fit(keys, help_key, 8 + 10 + 8 + 9) == (keys[:2], help_key)
    assert fit(keys, help_key, 8) == ([], help_key)
    assert fit(keys, help_key, 5) == ([], [])


def test_every_key_the_bar_may_show_has_a_place_in_the_order(app) -> None:
    # A new binding shown in the bar goes into IMPORTANCE (or it comes after all of them).
    # (Help lists a few keys of Textual's own too, with no id: Tab, Enter in the entities.)
    for _, bindings in app.help_sections():
        for binding in Binding.make_bindings(bindings):
            if not binding.id or not binding.show or binding.action in PINNED:
                continue
            assert binding.key == CONTEXT_KEY or binding.id in IMPORTANCE, binding


def shown(app) -> list[str]:  # noqa: ANN001
    """The key bar's keys as drawn, left to right: ``"key Description"``."""
    bar = app.screen.query_one(KeyBar)
    return [f"{key.key} {key.description}" for key in bar.shown]


def drawn(app) -> str:  # noqa: ANN001
    return str(app.screen.query_one(KeyBar).render())


async def test_at_80_columns_the_reader_shows_esc_and_its_main_keys(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        await pilot.press("enter")  # the list yields to the reader at this width
        await settle(pilot)
        assert app.focused is main.reader
        keys = shown(app)
        assert keys[0] == "esc Back"
        for wanted in ("b Bookmark", "/ Search", "f Find", "e Entities", "r Raw"):
            assert wanted in keys
        # at the right end, whatever is cut: the ways to everything else
        assert keys[-2:] == ["^p Commands", "? Help"]
        line = drawn(app)
        assert len(line) == 80 and line.rstrip().endswith("? Help")
        # n has nothing to step through yet, so it gives its room to other keys;
        # with matches it comes right after Esc.
        assert "n Next" not in keys
        await pilot.press("f", *"syria", "enter")
        await wait_for(pilot, lambda: bool(main.reader.matches))
        await pilot.pause()
        assert shown(app)[:2] == ["esc Back", "n Next"]


async def test_esc_shows_where_it_does_something(app) -> None:
    async with app.run_test(size=(120, 36)) as pilot:
        main = await ready(pilot)
        assert app.focused is main.article_list
        assert "esc Back" not in shown(app)  # Esc on the list, with no matches, does nothing
        main.set_focus(main.reader)
        await pilot.pause()
        assert shown(app)[0] == "esc Back"
        # A selection: Esc drops it first, and says so.
        await pilot.press("v")
        await wait_for(pilot, lambda: shown(app)[0] == "esc Deselect")
        await pilot.press("escape")
        await wait_for(pilot, lambda: shown(app)[0] == "esc Back")
        assert app.focused is main.reader  # that Esc dropped the selection, nothing more
        # Matches: Esc on the list clears them, and says so.
        await pilot.press("f", *"syria")
        await wait_for(pilot, lambda: bool(main.reader.matches))
        await pilot.press("enter")
        main.set_focus(main.article_list)
        await pilot.pause()
        assert shown(app)[0] == "esc Clear matches"
        assert "esc Back" not in shown(app)
        await pilot.press("escape")
        await wait_for(pilot, lambda: not main.reader.matches)
        assert app.focused is main.article_list
        assert not [key for key in shown(app) if key.startswith("esc")]


async def test_at_160_columns_every_main_key_shows(app) -> None:
    async with app.run_test(size=(160, 48)) as pilot:
        main = await ready(pilot)
        main.set_focus(main.reader)
        await pilot.pause()
        keys = shown(app)
        for wanted in (
            "esc Back",
            "/ Search",
            "f Find",
            "e Entities",
            "r Raw",
            "b Bookmark",
            "v Select",
            "B Bookmarks",
            "q Quit",
            "^p Commands",
        ):
            assert wanted in keys
        assert keys[-1] == "? Help"


async def test_the_key_bar_shows_the_keymap(seeds_copy: Path, hermetic_dirs: Path) -> None:
    write_config("keymap:\n  raw: w\n")
    app = make_app(seeds_copy)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "w Raw" in shown(app)


async def test_hints_in_the_text_name_the_remapped_keys(
    seeds_copy: Path, hermetic_dirs: Path
) -> None:
    write_config("keymap:\n  raw: w\n  command_palette: ctrl+k\n")
    app = make_app(seeds_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        main = await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        assert "(w: back to the cleaned text)" in main.reader.text
        assert app.key_for("command_palette", "ctrl+p") == "ctrl+k"


async def test_an_unknown_keymap_id_is_reported(seeds_copy: Path, hermetic_dirs: Path) -> None:
    write_config("keymap:\n  raw: w\n  no_such_thing: x\n  help.close: escape\n")
    app = make_app(seeds_copy)
    toasts = Messages()  # the toasts of the start, even once they have timed out
    async with app.run_test(size=(120, 36), message_hook=toasts) as pilot:
        await ready(pilot)
        messages = toasts.toasts()
        unknown = [msg for msg in messages if "no key has the id" in msg]
        assert len(unknown) == 1
        assert "'no_such_thing'" in unknown[0] and "help.close" not in unknown[0]


async def test_an_empty_folder_offers_no_key_that_needs_an_article(tmp_path: Path) -> None:
    """In an empty folder r, f, e and s did nothing, yet the key bar offered them. They
    leave the bar while the folder has no article and come back when one arrives."""
    from tests.conftest import write_article

    folder = tmp_path / "news"
    folder.mkdir()
    app = make_app(folder)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for(pilot, lambda: app.index_problem is not None, what="no articles")
        await settle(pilot)
        main = app.main_screen()
        keys = shown(app)
        assert "/ Search" in keys and "B Bookmarks" in keys, keys
        for gone in ("f Find", "r Raw", "e Entities", "s Sort", "w Shared"):
            assert gone not in keys, keys
        write_article(folder, "talks.txt", "Talks resume", "Talks resume in Geneva on Monday.")
        main.feed.scan(refresh=True)
        await wait_for(pilot, lambda: main.article_list.row_count == 1, what="the article")
        await settle(pilot)
        await wait_for(pilot, lambda: "r Raw" in shown(app), what="the keys back")
        assert "f Find" in shown(app) and "s Sort" in shown(app)


async def test_r_is_named_for_what_it_does_now(app) -> None:
    """The bar said "r Raw" while the raw text was showing, where r brings back the
    cleaned text: it names what r does now, and Raw again when another article opens."""
    async with app.run_test(size=(120, 36)) as pilot:
        main = await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "r Raw" in shown(app)
        await pilot.press("r")
        await wait_for(pilot, lambda: main.reader.raw, what="the raw text")
        await wait_for(pilot, lambda: "r Cleaned" in shown(app), what="r Cleaned")
        assert "r Raw" not in shown(app)
        await pilot.press("r")
        await wait_for(pilot, lambda: "r Raw" in shown(app), what="r Raw again")
        await pilot.press("r", "escape", "down", "enter")  # raw, then another article
        await wait_for(pilot, lambda: not main.reader.raw, what="the cleaned text")
        await wait_for(pilot, lambda: "r Raw" in shown(app), what="r Raw for the next")


async def test_at_80_columns_the_raw_text_shows_its_own_keys(app) -> None:
    """At 80 columns the raw text's bar showed the reader's keys (Bookmark, Search,
    Find, Entities) and had no room left for its own: r back to the cleaned text and c
    to mark a line as cruft. They come right after Esc while the raw text shows."""
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("r")
        await wait_for(pilot, lambda: main.reader.raw, what="the raw text")
        await wait_for(pilot, lambda: "c Cruft" in shown(app), what="c Cruft in the bar")
        assert shown(app)[:3] == ["esc Back", "r Cleaned", "c Cruft"]
        assert shown(app)[-2:] == ["^p Commands", "? Help"]
        await pilot.press("r")  # the cleaned text: the bar as before
        await wait_for(pilot, lambda: "r Raw" in shown(app), what="r Raw again")
        assert shown(app)[:2] == ["esc Back", "b Bookmark"]


async def test_at_80_columns_the_bar_keeps_the_command_palette(app) -> None:
    """^p is the way to everything the bar has no room for: kept beside Help in the list
    and in the reader (it was the first key cut); q, which every terminal program has
    and Help lists, gives its room."""
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        assert shown(app)[-2:] == ["^p Commands", "? Help"]
        await pilot.press("enter")  # the reader, which offers the most keys
        await settle(pilot)
        assert app.focused is main.reader
        assert shown(app)[-2:] == ["^p Commands", "? Help"]
        assert drawn(app).rstrip().endswith("^p Commands  ? Help")
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), what="the palette")
        # Closed as a user would, once it has gathered its commands (its worker): the app
        # shut down while the palette was only pushed, and that worker, starting then,
        # found no CommandList (NoMatches, the test failed at teardown under load).
        await wait_for(pilot, lambda: app.screen.has_class("-ready"), what="its commands")
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, CommandPalette), what="closed")
