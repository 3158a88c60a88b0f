"""Search while the index is being updated: the index as last committed answers, the
results say that they may change, and the search runs again when the update lands."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Label

from tests.app_helpers import SIZE, make_app, ready, wait_for
from tests.conftest import write_article
from tui.app.screens.search import SearchScreen
from tui.app.widgets.results_list import ResultsList


def _status(app: Any) -> str:
    return str(app.screen.query_one("#search-status", Label).render())


async def test_a_search_answers_while_an_update_runs_then_again_when_it_lands(
    indexed_seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.library import update as update_mod

    entered, gate = threading.Event(), threading.Event()
    original = update_mod.prepare_document

    def held(item: Any) -> Any:
        entered.set()
        gate.wait(30)  # the update stays in the middle of its batch until let go
        return original(item)

    monkeypatch.setattr(update_mod, "prepare_document", held)
    app = make_app(indexed_seeds)
    try:
        async with app.run_test(size=SIZE) as pilot:
            main = await ready(pilot)
            write_article(indexed_seeds, "zz-new.txt", "Ceasefire news", "A ceasefire in Quarnby.")
            main.feed.start_indexing()
            await wait_for(pilot, entered.is_set, what="the update preparing the new article")
            assert not app.index_ready
            await pilot.press("slash", *"ceasefire")
            screen = app.screen
            assert isinstance(screen, SearchScreen)
            await wait_for(pilot, lambda: screen.shown_query == "ceasefire", what="an answer")
            results = screen.query_one("#search-results", ResultsList)
            assert screen.result is not None and screen.result.hits and results.item_count
            assert "the index is being updated: these may change" in _status(app)
            assert all(h.path != "zz-new.txt" for h in screen.result.hits)  # not indexed yet
            before = screen.result.total
            # The folder watcher saw the new file meanwhile (as it does, sooner or later):
            # the folder is read again after this update, and the index checked again.
            main.feed.corpus_changed()
            gate.set()
            await wait_for(pilot, lambda: app.index_ready, timeout=30, what="the update")
            await wait_for(
                pilot,
                lambda: screen.result is not None and screen.result.total == before + 1,
                what="the search run again on the new index",
            )
            # (a result of the new index may come while that check runs, marked: the mark
            # goes once the check is done; asserted at once, it failed now and then)
            await wait_for(
                pilot,
                lambda: app.index_ready and "being updated" not in _status(app),
                timeout=30,
                what="the results no longer marked",
            )
            assert screen.result is not None and screen.result.total == before + 1
    finally:
        gate.set()


async def test_a_search_while_a_damaged_index_is_rebuilt_waits_for_the_rebuild(
    indexed_seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A search that found the index damaged starts a rebuild: the damaged index is no
    index as last committed to answer from. Searches meanwhile said "the index needs to
    be built again: run `dossier index`", which the app was doing already."""
    import os

    from tui.library import update as update_mod

    entered, gate = threading.Event(), threading.Event()
    # (a rebuild prepares the articles without their names first: tui.library.naming)
    original = update_mod.prepare_plain

    def held(item: Any) -> Any:
        entered.set()
        gate.wait(30)  # the rebuild stays in the middle of its batch until let go
        return original(item)

    app = make_app(indexed_seeds)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await ready(pilot)
            monkeypatch.setattr(update_mod, "prepare_plain", held)
            # Same size and time: only a read of the postings can tell.
            for postings in app.library.paths.index.glob("*.pst"):
                st = postings.stat()
                postings.write_bytes(os.urandom(st.st_size))
                os.utime(postings, ns=(st.st_atime_ns, st.st_mtime_ns))
            app.library.index.close()
            await pilot.press("slash", *"syria")
            screen = app.screen
            assert isinstance(screen, SearchScreen)
            await wait_for(pilot, entered.is_set, timeout=30, what="the rebuild")
            await pilot.press("backspace", "a")  # the query again while the index is rebuilt
            await wait_for(pilot, lambda: "Indexing" in _status(app), what="the search to wait")
            await pilot.pause(0.3)
            assert "dossier index" not in _status(app)
            gate.set()
            await wait_for(pilot, lambda: app.index_ready, timeout=30, what="the rebuild")
            await wait_for(
                pilot,
                lambda: screen.result is not None and screen.shown_query == "syria",
                what="the search run again on the new index",
            )
            assert screen.result is not None and screen.result.hits
    finally:
        gate.set()
