"""Layouts of a whole screen asked for where nothing's size changes (issue 13).

Textual lays a whole screen out (and, after it, repaints what moved) for any widget's
``refresh(layout=True)``: at 50,000 articles a main-screen layout took 5-12 ms of the UI
thread's CPU. These tests record the layouts asked for while the user reads, searches and
opens results, and name the widget that asked.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Label

from tests.app_helpers import SIZE, make_app, ready, settle, wait_for
from tui.app.screens.main import MainScreen
from tui.app.screens.search import SearchScreen
from tui.app.widgets.status_bar import INFO_ROOM, StatusBar


@pytest.fixture
def app(indexed_seeds: Path):
    return make_app(indexed_seeds)


def _record_layouts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every layout asked for from now on by a status label or by the app itself."""
    asked: list[str] = []
    label_refresh, app_refresh = Label.refresh, App.refresh

    def label(self, *regions, repaint=True, layout=False, recompose=False):  # noqa: ANN001, ANN202
        if layout and isinstance(self.parent, StatusBar):
            asked.append(f"#{self.id}")
        return label_refresh(self, *regions, repaint=repaint, layout=layout, recompose=recompose)

    def app(self, *, repaint=True, layout=False, recompose=False):  # noqa: ANN001, ANN202
        if layout:
            asked.append("app")
        return app_refresh(self, repaint=repaint, layout=layout, recompose=recompose)

    monkeypatch.setattr(Label, "refresh", label)
    monkeypatch.setattr(App, "refresh", app)
    return asked


async def _open_hit(pilot, query: str) -> None:  # noqa: ANN001
    app = pilot.app
    await pilot.press("slash")
    screen = app.screen
    assert isinstance(screen, SearchScreen)
    await pilot.press(*query)
    await wait_for(pilot, lambda: screen.shown_query == query and screen.results.item_count > 0)
    await pilot.press("enter")
    await wait_for(pilot, lambda: isinstance(app.screen, MainScreen), what="the main screen")
    await settle(pilot)


async def test_opening_a_search_result_lays_nothing_out_for_the_status_line(
    app, monkeypatch
) -> None:  # noqa: ANN001
    """The status line's message (the line's rest, one line) asked for a layout of the
    main screen at every change, and its info ("match 1/3 · result 2/9" for "index
    ready") at every change of width; the search screen's removal asked for another.
    Once the info has shown a text as wide, opening a result lays nothing out for them."""
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await _open_hit(pilot, "ceasefire")  # the info's room grows to its widest text
        main.article_list.focus()
        await settle(pilot)
        asked = _record_layouts(monkeypatch)
        await _open_hit(pilot, "syria")
        info = str(main.query_one("#status-info", Label).render())
        assert "match" in info and "result" in info, info
        main.article_list.focus()
        await pilot.press("j")
        await wait_for(
            pilot,
            lambda: "index ready" in str(main.query_one("#status-info", Label).render()),
            what="the next article's info",
        )
        await settle(pilot)
        assert main.status.message and asked == []


async def test_the_status_info_keeps_its_room_and_shows_each_text_whole(app) -> None:  # noqa: ANN001
    """The info keeps the room of the widest text it showed (so a narrower one is a
    repaint), up to INFO_ROOM cells; a text wider than that still shows whole, and the
    message stays left of it."""
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        status = main.status
        info = status.query_one("#status-info", Label)
        message = status.query_one("#status-message", Label)
        for text in ("match 12/30 · result 4/50", "index ready", "x" * (INFO_ROOM + 8), "ok"):
            status.info = text
            await pilot.pause()
            drawn = "".join(s.text for s in info.render_lines(info.region.reset_offset)[0])
            assert drawn.strip() == text, (drawn, text)
            assert message.region.right < info.region.x
        # (the room kept is the widest text up to INFO_ROOM, not the widest of all)
        assert info.region.width == INFO_ROOM


def _short_and_long(folder: Path) -> Path:
    """Six invented articles, a few lines and a hundred paragraphs in turn."""
    folder.mkdir()
    for n in range(6):
        paragraphs = 100 if n % 2 else 2
        body = "\n\n".join(
            f"Paragraph {i} of the harbour report number {n}: the ferries ran late again."
            for i in range(paragraphs)
        )
        (folder / f"report-{n}.txt").write_text(f"Harbour report {n}\n\n{body}\n", "utf-8")
    return folder


async def test_articles_short_and_long_in_turn_lay_nothing_out_for_the_reader(
    tmp_path: Path, hermetic_dirs: Path, monkeypatch
) -> None:  # noqa: ANN001
    """The reader's scrollbar came with a long article and went with a short one, each
    time a layout of the main screen (and a second for the scrollbar's coming); it is
    always there now, drawn as the background while the article fits (its gutter was
    kept anyway: the text's width does not change)."""
    from textual.scrollbar import ScrollBar

    from tui.app.widgets.reader import Reader

    app = make_app(_short_and_long(tmp_path / "reports"))
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        reader = main.query_one(Reader)
        main.article_list.focus()
        await settle(pilot)
        asked: list[str] = []
        refresh = Reader.refresh
        bar_refresh = ScrollBar.refresh

        def record(self, *regions, repaint=True, layout=False, recompose=False):  # noqa: ANN001, ANN202
            if layout:
                asked.append(type(self).__name__)
            return refresh(self, *regions, repaint=repaint, layout=layout, recompose=recompose)

        def record_bar(self, *regions, repaint=True, layout=False, recompose=False):  # noqa: ANN001, ANN202
            if layout and self.parent is reader:
                asked.append("ScrollBar")
            return bar_refresh(self, *regions, repaint=repaint, layout=layout, recompose=recompose)

        monkeypatch.setattr(Reader, "refresh", record)
        monkeypatch.setattr(ScrollBar, "refresh", record_bar)
        fits = []
        for _ in range(len(main.article_list.articles) - 1):
            shown = main.article_id
            await pilot.press("j")
            await wait_for(pilot, lambda s=shown: main.article_id not in (None, s))
            await settle(pilot)
            fits.append((reader.max_scroll_y == 0, reader.has_class("-fits")))
        assert {whole for whole, _ in fits} == {True, False}, "the test shows nothing"
        assert asked == []
        # (the scrollbar drawn as the background exactly where the article fits)
        assert all(whole == drawn_blank for whole, drawn_blank in fits), fits


def _ferry_notes(folder: Path) -> Path:
    """Twenty invented notes on ferries (more results than the list shows), two of them
    signed, by two people (a facet that narrows those two)."""
    folder.mkdir()
    signers = {7: "the harbour master, Quillfeather", 12: "the purser, Ashdown"}
    for n in range(20):
        signed = f" Signed by {signers[n]}." if n in signers else ""
        (folder / f"ferry-{n:02}.txt").write_text(
            f"Ferry timetable note {n}\n\n"
            f"The ferry to the island left the quay late on the tide.{signed} "
            "Passengers waited in the rain while the crew loaded the vans.\n",
            "utf-8",
        )
    return folder


async def test_results_found_then_none_then_found_lay_nothing_out_for_the_list(
    tmp_path: Path, hermetic_dirs: Path, monkeypatch
) -> None:  # noqa: ANN001
    """The results list's scrollbar came with a query's many results and went with a
    query typed on that found none, each time two layouts of the search screen (the
    range's change, then the scrollbar's own); it is always there now, drawn as the
    background while the results fit."""
    from textual.scrollbar import ScrollBar
    from textual.widgets import Input

    from tui.app.widgets.results_list import ResultsList

    app = make_app(_ferry_notes(tmp_path / "notes"))
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        results = screen.query_one(ResultsList)
        asked: list[str] = []
        refresh, bar_refresh = ResultsList.refresh, ScrollBar.refresh

        def record(self, *regions, repaint=True, layout=False, recompose=False):  # noqa: ANN001, ANN202
            if layout and self is results:  # (not the bookmarks screen's list, made at idle)
                asked.append("ResultsList")
            return refresh(self, *regions, repaint=repaint, layout=layout, recompose=recompose)

        def record_bar(self, *regions, repaint=True, layout=False, recompose=False):  # noqa: ANN001, ANN202
            if layout and self.parent is results:
                asked.append("ScrollBar")
            return bar_refresh(self, *regions, repaint=repaint, layout=layout, recompose=recompose)

        seen = []
        for query in ("ferry", "ferryx", "ferry", "signed", "ferryx", "ferry"):
            screen.query_one("#search-input", Input).value = query
            await wait_for(pilot, lambda q=query: screen.shown_query == q)
            await settle(pilot)
            seen.append((results.item_count, results.max_scroll_y > 0, results.has_class("-fits")))
            if len(seen) == 1:  # from the first results on
                monkeypatch.setattr(ResultsList, "refresh", record)
                monkeypatch.setattr(ScrollBar, "refresh", record_bar)
        assert seen[0][1] and not seen[1][0] and seen[3][0] == 2, f"the test shows nothing: {seen}"
        assert asked == []
        # (the scrollbar drawn as the background exactly where the results fit)
        assert all(overflows != fits for _, overflows, fits in seen), seen
