"""Pilot tests: opening articles while messages cross (a preview's article, the cursor's moves).

Each test forces one interleaving that a loaded machine makes now and then: the app
bench at 50,000 articles saw an open that never painted in about one run of sixteen.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from tests.app_helpers import SIZE, make_app, notified, ready, settle, wait_for
from tui.app import messages as m


@pytest.fixture
def app(indexed_seeds: Path):
    return make_app(indexed_seeds)


async def test_a_preview_that_comes_as_the_cursor_leaves_its_row_does_not_pull_it_back(
    app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cursor rests on a row: its article is asked for (the preview). j moves the
    cursor on; its Highlighted climbs from the list to the screen, and the preview's
    article, posted by its worker meanwhile straight to the screen, got there first. It
    was shown and the cursor put back on its row, under the user's feet: Enter then
    opened that row, not the one the user had moved to (the app bench waited for the
    article it pressed Enter on, and the reader showed the other one for ever)."""
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        table = screen.article_list
        second, third = table.articles[1].id, table.articles[2].id
        library = app.library
        read = library.article
        let_go = threading.Event()

        def article(ref: str):  # noqa: ANN202 - the library's; the two previews held back
            if ref in (second, third):
                let_go.wait()
            return read(ref)

        monkeypatch.setattr(library, "article", article)
        try:
            await pilot.press("j")
            await wait_for(pilot, lambda: screen.reading.wanted == second, what="the preview")
            # j again, and in the same turn of the loop the preview's article reaches the
            # screen: its message is ahead of the Highlighted still in the list's queue.
            table.action_cursor_down()
            screen.post_message(m.ArticleLoaded(read(second)))
            await wait_for(
                pilot, lambda: screen.reading.wanted != second, what="the cursor's move seen"
            )
            assert table.highlighted_id == third
        finally:
            let_go.set()
        await pilot.press("enter")
        await wait_for(
            pilot,
            lambda: screen.article_id == third and app.focused is screen.reader,
            what="the third article read",
        )
        await settle(pilot)
        assert table.highlighted_id == third


async def test_an_article_whose_entry_goes_while_it_is_read_fails_in_one_line(
    app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder read again between the worker finding an article's file and looking up
    its entry, without that file: the lookup raised StopIteration, which a thread worker
    cannot hand back (asyncio refuses one into a future). The worker ran for ever, the
    article never came and nothing said why; now the open fails in one line."""
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        target = screen.article_list.articles[2].id
        # (what resolve() found before the scan replaced the listing)
        monkeypatch.setattr(app.library.catalog, "resolve", lambda ref: "gone-meanwhile.txt")
        screen.reading.open(target)
        await notified(pilot, "Could not open the article")
        assert screen.article_id != target


async def test_enter_on_the_article_shown_as_the_index_lands_gives_the_reader_the_focus(
    app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The cursor leaves the row shown and comes back (j, k): Enter opens that article
    again, asking for the focus when it shows. The index lands meanwhile (the rebuild
    after a release, a file changed): the open article is read again, in the same group
    of workers, which cancels the open's worker, and the read again, unchanged, showed
    nothing: the open's focus change went with it and the list kept the focus (seen 3
    times in 500 rounds of the app bench at load 30)."""
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        table = screen.article_list
        first = screen.article_id
        assert first is not None and table.highlighted_id == first
        assert app.focused is table
        await pilot.press("j", "k")
        await wait_for(pilot, lambda: screen.reading.wanted is None, what="the cursor's moves")
        assert table.highlighted_id == first
        library = app.library
        read = library.article
        let_go = threading.Event()
        held: list[str] = []

        def article(ref: str):  # noqa: ANN202 - the library's; Enter's read held back
            if not held:
                held.append(ref)
                let_go.wait()
            return read(ref)

        monkeypatch.setattr(library, "article", article)
        try:
            await pilot.press("enter")
            await wait_for(pilot, lambda: bool(held), what="Enter's read")
            # As the index's update, landing, does: its worker cancels Enter's.
            screen.reading.read_again()
        finally:
            let_go.set()
        await settle(pilot)
        assert screen.article_id == first
        assert app.focused is screen.reader


async def test_an_open_of_the_article_on_its_way_keeps_the_focus_enter_asked_for(
    app, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Enter on a row, then the same article opened again before it came (the list
    refilled after a scan, a filter): that open, asking for no focus, took back Enter's."""
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        table = screen.article_list
        target = table.articles[2].id
        library = app.library
        read = library.article
        let_go = threading.Event()

        def article(ref: str):  # noqa: ANN202 - the library's; Enter's read held back
            if ref == target:
                let_go.wait()
            return read(ref)

        monkeypatch.setattr(library, "article", article)
        try:
            table.move_to(target)
            await pilot.press("enter")
            await wait_for(pilot, lambda: screen.reading.wanted == target, what="Enter's open")
            screen.reading.open(target)
        finally:
            let_go.set()
        await wait_for(
            pilot,
            lambda: screen.article_id == target and app.focused is screen.reader,
            what="the article read, the reader focused",
        )
