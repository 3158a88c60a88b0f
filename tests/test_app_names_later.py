"""The app during a full build's second phase: search works, what needs the names says
they are being found, and everything follows once they land (tui.library.naming)."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Label

from tests.app_helpers import SIZE, make_app, settle, wait_for
from tui.app.screens.search import SearchScreen


def _status(app: Any) -> str:
    return str(app.screen.query_one("#search-status", Label).render())


def _notices(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]  # noqa: SLF001 - no public list


def _named_elsewhere(corpus: Path) -> Any:
    """``corpus`` indexed with its names pending, and "another process" finding them:
    the naming lock this returns (held; the test releases it)."""
    from tests.test_two_phase import stopped_finding_names
    from tui.library import Library
    from tui.library.naming import NamingLock

    lib = Library.open(corpus)
    stopped_finding_names(lib)
    lock = NamingLock(lib.paths.index)
    assert lock.acquire()
    return lock


async def _pending_said(pilot: Any, app: Any) -> None:
    """Wait for the app to be searchable, and to say that the names are pending."""
    await wait_for(pilot, lambda: app.index_ready, timeout=30, what="the index")
    await wait_for(pilot, lambda: app.names is not None, what="the names said pending")


async def test_search_works_while_the_names_are_found_and_all_follows_when_they_land(
    seeds_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.library import naming

    entered, gate = threading.Event(), threading.Event()
    original = naming.names_of

    def held(text: Any, recognizer: Any) -> Any:
        entered.set()
        gate.wait(30)  # the names stay to be found until let go
        return original(text, recognizer)

    monkeypatch.setattr(naming, "names_of", held)
    app = make_app(seeds_copy)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, entered.is_set, timeout=30, what="the names being found")
            await wait_for(pilot, lambda: app.index_ready, what="the folder searchable")
            main = app.main_screen()
            assert app.names is not None
            status = main.status
            await wait_for(
                pilot, lambda: "finding names" in status.info, what="the status bar saying so"
            )
            assert status.indexing  # (the bar shows the names' progress)
            # The articles that mention an entity wait for the names, and say so.
            main.navigator.choose_entity("person:john kerry", "John Kerry")
            await pilot.pause()
            assert any("Finding names" in n and "John Kerry" in n for n in _notices(app))
            # Search answers meanwhile; a query on names says what it misses.
            await pilot.press("slash", *"ceasefire")
            screen = app.screen
            assert isinstance(screen, SearchScreen)
            await wait_for(pilot, lambda: screen.shown_query == "ceasefire", what="an answer")
            assert screen.result is not None and screen.result.total > 0
            assert "finding names" in _status(app)
            await pilot.press("ctrl+u", *'person:"john kerry"')
            await wait_for(pilot, lambda: screen.shown_query == 'person:"john kerry"')
            assert screen.result is not None and screen.result.total == 0
            assert "person:, place: and org: miss the rest" in _status(app), _status(app)
            gate.set()
            await wait_for(pilot, lambda: app.names is None, timeout=30, what="the names")
            # The search runs again by itself, and finds the person now.
            await wait_for(
                pilot,
                lambda: screen.result is not None and screen.result.total > 0,
                timeout=30,
                what="the search run again once the names landed",
            )
            await wait_for(pilot, lambda: "finding names" not in _status(app), what="no note")
            assert status.info == "index ready"
            await settle(pilot)
    finally:
        gate.set()


async def test_names_left_by_a_stopped_build_are_found_at_the_next_launch(
    seeds_copy: Path,
) -> None:
    from tests.test_two_phase import stopped_finding_names
    from tui.library import Library

    lib = Library.open(seeds_copy)
    stopped_finding_names(lib)
    assert lib.names_pending()
    lib.close()
    app = make_app(seeds_copy)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: app.names is None and app.index_ready, timeout=30)
        await settle(pilot)
        assert not Library.open(seeds_copy).names_pending()
        assert Library.open(seeds_copy).search('person:"john kerry"').total > 0


async def test_names_another_process_finds_are_waited_for(seeds_copy: Path) -> None:
    """A `dossier index` of the same folder finds the names while the app starts: the app
    says they are being found, and follows once that process has them all."""
    from tui.library import Library

    lock = _named_elsewhere(seeds_copy)
    app = make_app(seeds_copy)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await _pending_said(pilot, app)
            main = app.main_screen()
            assert "finding names" in main.status.info
            lock.release()
            Library.open(seeds_copy).update_index(workers=1)  # "the other process" ends
            await wait_for(pilot, lambda: app.names is None, timeout=10, what="the names")
            assert main.status.info == "index ready"
            await settle(pilot)
    finally:
        lock.release()


async def test_names_landing_while_this_app_updates_the_index_leave_its_count(
    seeds_copy: Path,
) -> None:
    """The names another process found landed while this app's own update ran (a file
    changed meanwhile): the status bar said "index ready" over "indexing 1/3"."""
    from tests.app_helpers import ready
    from tui.app import messages as m

    app = make_app(seeds_copy)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        main.status.indexing = True
        main.status.info = "indexing 1/3"
        main.post_message(m.NamesLanded())
        await pilot.pause()
        await pilot.pause()
        assert main.status.info == "indexing 1/3"
        main.status.indexing = False
        main.post_message(m.NamesLanded())
        await wait_for(pilot, lambda: main.status.info == "index ready", what="the status")


async def test_the_count_of_names_another_process_finds_is_shown(seeds_copy: Path) -> None:
    """A `dossier index` beside the app finds the names: the app says how far it is
    (from the file that process writes beside its lock), and follows when they land."""
    from tui.library import Library
    from tui.library.names_told import write_progress

    lock = _named_elsewhere(seeds_copy)
    folder = Library.open(seeds_copy).paths.index
    write_progress(folder, 2, 5)
    app = make_app(seeds_copy)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: app.index_ready, timeout=30, what="the index")
            main = app.main_screen()
            status = main.status
            await wait_for(
                pilot,
                lambda: status.info == "finding names… 2 of 5 articles",
                timeout=10,
                what="the other process's count",
            )
            write_progress(folder, 4, 5)
            await wait_for(
                pilot,
                lambda: status.info == "finding names… 4 of 5 articles",
                timeout=10,
                what="the count moving on",
            )
            lock.release()
            Library.open(seeds_copy).update_index(workers=1)  # "the other process" ends
            await wait_for(pilot, lambda: app.names is None, timeout=20, what="the names")
            await wait_for(pilot, lambda: status.info == "index ready", what="the status")
            await settle(pilot)
    finally:
        lock.release()


async def test_names_another_process_stopped_finding_are_found_by_the_app(
    seeds_copy: Path,
) -> None:
    """The `dossier index` finding the names beside the app was stopped (Ctrl-C): the
    app finds the rest itself rather than wait for names nobody finds."""
    from tui.library import Library

    lock = _named_elsewhere(seeds_copy)
    app = make_app(seeds_copy)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await _pending_said(pilot, app)
            await pilot.pause(1.5)  # (the app sees that process at it)
            lock.release()  # stopped, names left
            await wait_for(pilot, lambda: app.names is None, timeout=30, what="the names")
            await settle(pilot)
            assert not Library.open(seeds_copy).names_pending()
            assert Library.open(seeds_copy).search('person:"john kerry"').total > 0
    finally:
        lock.release()
