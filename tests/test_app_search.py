"""Pilot tests: search as you type, opening a hit, n/N across results, find-in-article."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Label, OptionList

from tests.app_helpers import SIZE, make_app, ready, record, settle, wait_for
from tui.app import messages as m
from tui.app.screens.search import SearchScreen


@pytest.fixture
def app(seeds_copy: Path):
    return make_app(seeds_copy)


def _results(app) -> OptionList:  # noqa: ANN001
    return app.screen.query_one("#search-results", OptionList)


def _status(app) -> str:  # noqa: ANN001
    return str(app.screen.query_one("#search-status", Label).render())


async def _search(pilot, text: str) -> SearchScreen:  # noqa: ANN001
    await pilot.press("slash")
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    await pilot.press(*text)
    await wait_for(pilot, lambda: screen.shown_query == text)
    return screen


async def test_results_update_as_the_user_types(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        search = app.screen
        posted: list = []
        record(search, posted)
        await pilot.press(*"ceasefire")
        await wait_for(pilot, lambda: search.shown_query == "ceasefire")
        finished = [msg for msg in posted if isinstance(msg, m.SearchFinished)]
        # Debounced: typing nine letters quickly runs far fewer than nine searches.
        assert 1 <= len(finished) < 5
        options = _results(app)
        hits = [opt for opt in options._options if opt.id is not None]  # noqa: SLF001
        assert len(hits) == 4
        assert "4 matching articles" in _status(app)
        first = hits[0].prompt
        assert "ceasefire" in first.plain.lower()
        styled = [
            first.plain[s.start : s.end].lower()
            for s in first.spans
            if s.start > first.plain.index("\n")
        ]
        assert "ceasefire" in styled


async def test_stale_results_are_dropped(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        search = await _search(pilot, "ceasefire")
        search.post_message(m.SearchFinished("old query", None, "should not show"))
        await pilot.pause()
        assert "should not show" not in _status(app)
        assert search.shown_query == "ceasefire"


async def test_no_results_says_what_to_do(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await _search(pilot, "zzyzzyx")
        assert "No articles match" in _status(app)
        assert "word*" in _status(app)


async def test_a_bad_query_shows_one_line(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await pilot.press(*'"unclosed')
        await wait_for(pilot, lambda: "Cannot search" in _status(app) or "matching" in _status(app))
        assert "\n" not in _status(app)


async def test_search_waits_for_the_index(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        app.index_ready = False
        await pilot.press("slash")
        await pilot.press(*"syria")
        await pilot.pause(0.3)
        assert "Indexing" in _status(app)
        app.index_ready = True
        await wait_for(pilot, lambda: app.screen.shown_query == "syria")


async def test_enter_opens_the_hit_at_its_first_match_and_n_steps_on(app) -> None:
    async with app.run_test(size=(100, 24)) as pilot:
        main = await ready(pilot)
        search = await _search(pilot, "ceasefire")
        hits = search.result.hits
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is main
        assert main.article.id == hits[0].id
        reader = main.reader
        assert reader.matches == tuple(hits[0].matches)
        assert reader.current_match == 0
        start, end = reader.matches[0]
        assert main.article.body[start:end].lower() == "ceasefire"
        assert "match 1/" in main.status.info and "result 1/4" in main.status.info
        for _ in range(len(hits[0].matches) - 1):
            await pilot.press("n")
        assert reader.current_match == len(hits[0].matches) - 1
        await pilot.press("n")  # on into the next result's article
        await settle(pilot)
        assert main.article.id == hits[1].id
        assert reader.current_match == 0
        await pilot.press("N")  # back to the last match of the first result
        await settle(pilot)
        assert main.article.id == hits[0].id
        assert reader.current_match == len(hits[0].matches) - 1


async def test_slash_again_keeps_the_query_and_escape_goes_back(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await _search(pilot, "kerry")
        await pilot.press("escape")
        assert app.screen is main
        await pilot.press("slash")
        await pilot.pause()
        assert app.screen.query_one(Input).value == "kerry"
        assert _results(app).option_count > 0


async def test_find_in_article(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f")
        assert app.focused is main.query_one("#find-input")
        await pilot.press(*"syria")
        await wait_for(pilot, lambda: main.reader.matches != ())
        body = main.article.body
        assert all(body[s:e].lower().startswith("syria") for s, e in main.reader.matches)
        count = len(main.reader.matches)
        assert str(main.query_one("#find-status", Label).render()) == f"{count} matches"
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is main.reader
        assert main.reader.current_match == 0
        await pilot.press("n")
        assert main.reader.current_match == 1
        await pilot.press("N", "N")  # find wraps around inside the article
        assert main.reader.current_match == count - 1
        assert f"found {count}/{count}" in main.status.info


async def test_n_without_matches_explains(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert any("/ searches every article" in str(n.message) for n in app._notifications)  # noqa: SLF001
