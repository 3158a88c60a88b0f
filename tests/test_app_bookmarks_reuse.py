"""Pilot tests for the bookmarks screen kept between visits: built in the background,
shown again by B with the filter and cursor as left, and the list brought up to date."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app_helpers import SIZE, make_app, palette_offers, ready, settle, type_fast, wait_for
from tui.app.screens.bookmarks import BookmarksScreen
from tui.app.widgets.bookmark_dialog import BookmarkDialog
from tui.bookmarks import BookmarkStore
from tui.text import sentence_spans


@pytest.fixture
def app(indexed_seeds: Path):
    return make_app(indexed_seeds)


async def _open(pilot) -> BookmarksScreen:  # noqa: ANN001
    await pilot.press("B")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, BookmarksScreen))
    screen = pilot.app.screen
    await wait_for(pilot, lambda: screen.loaded)
    await settle(pilot)
    return screen


async def _close(pilot) -> None:  # noqa: ANN001
    await pilot.press("escape")
    await settle(pilot)
    assert not isinstance(pilot.app.screen, BookmarksScreen)


def _bookmark(app, main, index: int, note: str = ""):  # noqa: ANN001, ANN202
    """Save a sentence of the ``index``-th listed article straight to the store."""
    article = app.library.article(list(main.summaries)[index])
    return app.library.bookmarks.add(article, *sentence_spans(article.body)[0], note=note)


async def test_the_screen_is_built_while_idle_and_shown_again(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        _bookmark(app, main, 0, "first")
        # The user reads for a moment (no keys): the screen is built meanwhile.
        await wait_for(pilot, lambda: app.is_screen_installed("bookmarks"), what="the idle build")
        built = app.get_screen("bookmarks")
        await wait_for(pilot, lambda: built.is_running and built.size == app.size)
        assert built not in app.screen_stack

        screen = await _open(pilot)
        assert screen is built
        assert [b.note for b in screen.shown] == ["first"]
        await _close(pilot)
        assert app.get_screen("bookmarks") is screen and screen.is_running
        assert await _open(pilot) is screen


async def test_a_bookmark_saved_here_shows_on_the_next_visit(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        screen = await _open(pilot)
        assert screen.shown == []
        await _close(pilot)
        # Bookmark the reader's first sentence, through the dialog.
        main.reader.focus()
        await pilot.press("right_parenthesis", "b")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarkDialog))
        await pilot.press(*"kept", "enter")
        await settle(pilot)
        await pilot.press("B")
        assert app.screen is screen
        assert [b.note for b in screen.shown] == ["kept"]


async def test_another_copy_s_adds_edits_and_deletes_show_on_the_next_visit(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        one = _bookmark(app, main, 0, "one")
        two = _bookmark(app, main, 1, "two")
        screen = await _open(pilot)
        assert {b.id for b in screen.shown} == {one.id, two.id}
        await _close(pilot)
        other = BookmarkStore(app.library.bookmarks.path)  # another copy of Dossier
        other.update(one.id, note="one, edited")
        other.delete(two.id)
        three = other.add(main.article, *sentence_spans(main.article.body)[1], note="three")
        await _open(pilot)
        assert [(b.id, b.note) for b in screen.shown] == [
            (three.id, "three"),
            (one.id, "one, edited"),
        ]
        assert "2 bookmarks, " in str(screen.query_one("#bookmarks-status").render())


async def test_filter_and_cursor_are_kept_and_typing_replaces_the_filter(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        for i in range(3):
            _bookmark(app, main, i, f"note {i}")
        screen = await _open(pilot)
        box = screen.query_one("#bookmarks-filter")
        await pilot.press(*"note", "down", "down")  # the list has the focus now
        chosen = screen.current
        assert chosen is not None and chosen.id == screen.shown[1].id
        await pilot.press("enter")  # open it; the reader shows the passage
        await settle(pilot)
        assert app.screen is main

        await _open(pilot)
        assert box.value == "note" and app.focused is box
        assert box.selected_text == "note"  # typing replaces it
        assert screen.current.id == chosen.id
        assert len(screen.shown) == 3

        await _close(pilot)
        type_fast(pilot, "B", *"1")
        await wait_for(pilot, lambda: app.screen is screen and box.value == "1")
        await settle(pilot)
        assert [b.note for b in screen.shown] == ["note 1"]


async def test_keys_after_B_go_to_the_filter_even_if_the_list_had_the_focus(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        kept = _bookmark(app, main, 0, "keep me")
        screen = await _open(pilot)
        await pilot.press("down")
        assert app.focused is screen.listing
        await _close(pilot)
        # "d" deletes in the list; typed right after B it must land in the filter.
        type_fast(pilot, "B", "d")
        box = screen.query_one("#bookmarks-filter")
        await wait_for(pilot, lambda: app.screen is screen and box.value == "d")
        await settle(pilot)
        assert app.library.bookmarks.get(kept.id) is not None


async def test_the_palette_goes_to_a_bookmark_another_copy_saved(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        _bookmark(app, main, 0, "here")
        await _open(pilot)  # the app now keeps every bookmark
        await _close(pilot)
        target = app.library.article(list(main.summaries)[2])
        start, end = sentence_spans(target.body)[0]
        BookmarkStore(app.library.bookmarks.path).add(target, start, end, note="zebra crossing")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"zebra crossing")
        await palette_offers(pilot, "zebra crossing")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is main and main.article.id == target.id
        assert main.reader.passage is not None
        assert main.reader.passage.selection == (start, end)
