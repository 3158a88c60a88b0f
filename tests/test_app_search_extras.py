"""Pilot tests of the search extras (issue 14): history under Up/Down, facets beside the
results, saved searches (ctrl+s, S, the palette), the timeline (t) and the list filter (F)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.command import CommandList
from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Label, OptionList

from tests.app_helpers import (
    SIZE,
    make_app,
    notified,
    palette_offers,
    ready,
    refused,
    settle,
    shown,
    wait_for,
)
from tests.test_search_facets import RECORDS, record, write_corpus
from tui.app.history_walk import HistoryWalk
from tui.app.list_filter import ListFilter, date_bound
from tui.app.screens.saved_searches import SavedSearchesScreen
from tui.app.screens.search import SearchScreen
from tui.app.screens.timeline import TimelineScreen, bar
from tui.app.widgets import facet_list
from tui.app.widgets.facet_list import FacetList
from tui.app.widgets.key_bar import KeyBar
from tui.app.widgets.search_dialogs import ListFilterDialog, SaveSearchDialog
from tui.library import ArticleSummary, Library


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_corpus(folder, RECORDS)
    return folder


@pytest.fixture
def app(corpus: Path):
    return make_app(corpus)


def _box(app) -> Input:  # noqa: ANN001
    return app.screen.query_one("#search-input", Input)


async def _search(pilot, text: str) -> SearchScreen:  # noqa: ANN001
    if not isinstance(pilot.app.screen, SearchScreen):
        await pilot.press("slash")
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    await pilot.press("ctrl+u", *text)
    await wait_for(pilot, lambda: screen.shown_query == text, what=f"results of {text!r}")
    return screen


# -- pure parts ----------------------------------------------------------------------------


def test_history_walk_goes_back_and_returns_to_the_draft() -> None:
    walk = HistoryWalk(["syria", "kerry", "ceasefire"])
    assert walk.older("cease") == "ceasefire"
    assert walk.older("ceasefire") == "kerry"
    assert walk.older("kerry") == "syria"
    assert walk.older("syria") is None  # the oldest: stays
    assert walk.newer() == "kerry"
    assert walk.newer() == "ceasefire"
    assert walk.newer() == "cease"  # past the newest: what was being typed
    assert walk.newer() is None and not walk.walking
    walk.older("x")
    walk.typed("edited by hand")
    assert not walk.walking


def test_list_filter_keeps_source_period_and_bookmarked() -> None:
    rows = [("a", "AFP", "2016-02-03"), ("b", "Reuters", "2016-03-01"), ("c", "AFP", None)]
    lib_articles = [ArticleSummary(i, f"{i}.txt", i, s, d, None) for i, s, d in rows]
    assert [a.id for a in ListFilter(source="afp").apply(lib_articles, set())] == ["a", "c"]
    assert [a.id for a in ListFilter(since="2016-03").apply(lib_articles, set())] == ["b"]
    assert [a.id for a in ListFilter(until="2016-02").apply(lib_articles, set())] == ["a"]
    assert [a.id for a in ListFilter(bookmarked=True).apply(lib_articles, {"c"})] == ["c"]
    assert date_bound("2016-13") is None and date_bound("feb") is None
    assert date_bound(" 2016-02 ") == "2016-02" and date_bound("") == ""
    assert ListFilter("AFP", "2016", "2016").describe() == "source AFP · 2016"


def test_bars_grow_with_their_counts() -> None:
    assert bar(10, 10, 8) == "█" * 8
    assert len(bar(5, 10, 8)) == 4
    assert bar(1, 1000, 8) == "▏"  # a count is never drawn as nothing
    assert bar(0, 10, 8) == ""


# -- history -------------------------------------------------------------------------------


async def test_up_and_down_walk_earlier_queries_kept_per_corpus(app, corpus: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await _search(pilot, "ceasefire")
        await pilot.press("escape")
        await _search(pilot, "geneva")
        await pilot.press("escape")
        await pilot.press("slash")
        assert _box(app).value == "geneva"  # the last query, as before
        await pilot.press("ctrl+u", *"lav")
        await pilot.press("up")
        assert _box(app).value == "geneva"
        await pilot.press("up")
        assert _box(app).value == "ceasefire"
        await pilot.press("down")
        assert _box(app).value == "geneva"
        await pilot.press("down")
        assert _box(app).value == "lav"  # back to what was typed
        await pilot.press("escape")
        await settle(pilot)
    # Persisted beside the bookmarks, for the next session on this corpus.
    assert Library.open(corpus).history.queries()[-2:] == ["ceasefire", "geneva"]


async def test_history_is_read_back_in_a_new_session(app, corpus: Path) -> None:
    Library.open(corpus).history.add("moscow")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash")
        await settle(pilot)
        await pilot.press("up")
        assert _box(app).value == "moscow"


# -- facets --------------------------------------------------------------------------------


async def test_choosing_a_facet_narrows_and_shows_the_clause(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "ceasefire")
        assert screen.result is not None and screen.result.total == 4
        facets = screen.query_one(FacetList)
        await wait_for(pilot, lambda: facets.option_count > 0, what="the facets")
        sources = {v for k, v in facets.values.values() if k == "source"}
        assert sources == {"Reuters", "AFP", "BBC News"}
        await pilot.press("ctrl+f")
        assert app.focused is facets
        # The first value is the commonest source, Reuters (2 of the 4).
        assert facets.values[facets.get_option_at_index(facets.highlighted).id] == (
            "source",
            "Reuters",
        )
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.shown_query == 'ceasefire source:"Reuters"')
        assert _box(app).value == 'ceasefire source:"Reuters"'
        assert screen.result.total == 2


@pytest.mark.parametrize("size", [SIZE, (80, 24)])
async def test_escape_in_the_facets_goes_back_to_the_results(app, size) -> None:  # noqa: ANN001
    """Esc in the facets (ctrl+f) left the search altogether, its results with it, where
    Esc from a hit comes back to them: it goes back to the results, and on a terminal
    too narrow for both the facets make way for them again. A second Esc leaves."""
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "ceasefire")
        facets = screen.query_one(FacetList)
        await wait_for(pilot, lambda: facets.option_count > 0, what="the facets")
        await pilot.press("ctrl+f")
        assert app.focused is facets
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen
        assert app.focused is screen.results
        assert not screen.has_class("-facets")
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, SearchScreen)


async def test_the_facets_list_only_what_narrows_the_results(app) -> None:
    """A value every result has narrows nothing: "lavrov" finds three articles, each
    naming Sergei Lavrov, all in English. The facets listed him and the one language
    (a facet of one month showed too); they list only the values that leave out some."""
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "lavrov")
        assert screen.result.total == 3
        facets = screen.query_one(FacetList)
        await wait_for(pilot, lambda: facets.option_count > 0, what="the facets")
        values = set(facets.values.values())
        assert ("person", "John Kerry") in values  # in one of the three
        assert {("source", "Reuters"), ("month", "2016-02"), ("month", "2016-05")} <= values
        assert ("person", "Sergei Lavrov") not in values
        assert not {kind for kind, _ in values} & {"lang"}
        headings = [
            str(facets.get_option_at_index(i).prompt)
            for i in range(facets.option_count)
            if facets.get_option_at_index(i).disabled
        ]
        assert "Languages" not in headings


async def test_results_that_nothing_narrows_show_no_facets_and_say_why(app) -> None:
    """One article found: every count is its own, no value narrows it. No facet box,
    no ctrl+f in the key bar, and pressed it says so (not "no article matches")."""
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "moscow")
        assert screen.result.total == 1
        await settle(pilot)
        facets = screen.query_one(FacetList)
        assert facets.facets  # counted, and nothing of it listed
        assert facets.option_count == 0 and facets.region.width == 0
        assert "Facets" not in _offered(screen.query_one(KeyBar))
        await pilot.press("ctrl+f")
        await notified(pilot, "Nothing narrows these results")


async def test_keys_that_need_results_say_why_a_query_has_none(app) -> None:
    """A query that matches nothing: the key bar leaves out export, facets and timeline,
    and pressed they say that nothing matched (they said "type a query first", to a user
    who had), in toasts that leave with the search screen."""
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "ceasefire")
        bar = screen.query_one(KeyBar)
        await wait_for(pilot, lambda: {"Export", "Facets", "Timeline"} <= _offered(bar))
        await _search(pilot, "zzzqqq")
        await wait_for(pilot, lambda: not {"Export", "Facets", "Timeline"} & _offered(bar))
        await pilot.press("ctrl+o")
        await notified(pilot, "Nothing to export: no article matches “zzzqqq”.")
        await pilot.press("ctrl+f")
        await notified(pilot, "No facets to narrow by: no article matches “zzzqqq”.")
        await pilot.press("ctrl+u")
        await wait_for(pilot, lambda: "Timeline" in _offered(bar), what="every article's timeline")
        await pilot.press("ctrl+o")
        await notified(pilot, "Nothing to export: type a query first.")
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, SearchScreen))
        await wait_for(
            pilot,
            lambda: not any("Nothing to export" in text for text in app.live_notices()),
            what="the search screen's toasts to leave with it",
        )


def _offered(bar: KeyBar) -> set[str]:
    return {key.description for key in bar.keys}


async def test_facet_counts_show_when_the_list_scrolls(app) -> None:
    # 16 rows: the facets overflow their pane, which then gets a scrollbar.
    async with app.run_test(size=(120, 16)) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "ceasefire")
        facets = screen.query_one(FacetList)
        await wait_for(pilot, lambda: facets.option_count > 0, what="the facets")
        await settle(pilot)
        assert facets.show_vertical_scrollbar
        lines = ["".join(s.text for s in facets.render_line(y)) for y in range(facets.size.height)]
        reuters = next(line for line in lines if "Reuters" in line)
        # The count on the value's line, not wrapped onto a line of its own.
        assert reuters.split("Reuters", 1)[1].strip().startswith("2"), lines


async def test_the_facets_are_laid_out_again_only_for_a_new_width(app, monkeypatch) -> None:  # noqa: ANN001
    """Filled, the list gets a scrollbar (its values were laid out leaving room for
    it): laying them out again made a second layout of the screen and a repaint, at
    each search. A new width (shown at 80 columns, narrower) still lays them out."""
    laid_out: list[int] = []
    original = FacetList.show

    def show(self: FacetList, facets, total: int = 0) -> None:  # noqa: ANN001
        original(self, facets, total)
        if facets is not None:
            laid_out.append(self._laid_out)

    monkeypatch.setattr(FacetList, "show", show)
    async with app.run_test(size=(120, 16)) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "ceasefire")
        facets = screen.query_one(FacetList)
        await wait_for(pilot, lambda: facets.option_count > 0, what="the facets")
        await settle(pilot)
        assert facets.show_vertical_scrollbar
        assert len(laid_out) == 1
        assert laid_out[0] == facets.scrollable_content_region.width  # beside the scrollbar
        await pilot.resize_terminal(80, 16)
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert facets.display and laid_out[-1] == facets._width() != laid_out[0]


async def test_a_half_typed_word_keeps_the_facets_pane_in_place(app, monkeypatch) -> None:  # noqa: ANN001
    """While a word is typed, its half-typed letters find nothing ("lavro") and the
    next ones find results again: the pane stays, empty, and the results beside it
    keep their width (hidden and shown again at each such keystroke, it laid the whole
    screen out two or three times and the results were wrapped wider and back). Left
    with no results for a while, it hides."""
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "ceasefire")
        facets = screen.query_one(FacetList)
        await wait_for(pilot, lambda: facets.option_count > 0, what="the facets")
        await settle(pilot)
        width = screen.results.region.width
        hidden: list[bool] = []  # each time the pane was hidden
        set_class = FacetList.set_class

        def record(self: FacetList, add: bool, *names: str, update: bool = True) -> FacetList:
            if add and "-empty" in names and not self.has_class("-empty"):
                hidden.append(True)
            return set_class(self, add, *names, update=update)

        monkeypatch.setattr(FacetList, "set_class", record)
        monkeypatch.setattr(facet_list, "LINGER", 30.0, raising=False)
        await _search(pilot, "lavro")
        await pilot.pause()
        assert screen.result is not None and not screen.result.hits
        assert facets.option_count == 0 and not facets.values  # nothing of the last query's
        assert facets.region.width > 0 and screen.results.region.width == width
        await pilot.press("v")
        await wait_for(pilot, lambda: screen.shown_query == "lavrov")
        await wait_for(pilot, lambda: facets.option_count > 0, what="the facets again")
        assert not hidden and screen.results.region.width == width
        monkeypatch.setattr(facet_list, "LINGER", 0.3, raising=False)
        await pilot.press("x")
        await wait_for(pilot, lambda: screen.shown_query == "lavrovx")
        await wait_for(pilot, lambda: facets.region.width == 0, what="the empty pane to hide")
        assert hidden and screen.results.region.width > width


async def test_new_facets_in_the_shown_pane_lay_nothing_out(app, monkeypatch) -> None:  # noqa: ANN001
    """The next query's facets in the pane already shown, its scrollbar as it was: the
    list's lines change, not its size. OptionList set its virtual size, which asked for a
    layout of the whole screen and a repaint of everything (8-9 ms at each search)."""
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "ceasefire")
        facets = screen.query_one(FacetList)
        await wait_for(pilot, lambda: facets.option_count > 0, what="the facets")
        await settle(pilot)
        before = facets.option_count, facets.virtual_size, facets.show_vertical_scrollbar
        laid_out: list[bool] = []
        refresh = OptionList.refresh

        def record(self, *regions, repaint=True, layout=False, recompose=False):  # noqa: ANN001, ANN202
            if layout and isinstance(self, FacetList):
                laid_out.append(True)
            return refresh(self, *regions, repaint=repaint, layout=layout, recompose=recompose)

        monkeypatch.setattr(OptionList, "refresh", record)
        await _search(pilot, "lavrov")
        await wait_for(
            pilot, lambda: facets.values and ("person", "John Kerry") in set(facets.values.values())
        )
        await settle(pilot)
        assert facets.option_count != before[0] and facets.virtual_size != before[1]
        assert facets.show_vertical_scrollbar == before[2]
        assert facets.virtual_size.height == facets.option_count  # (one line each)
        assert not laid_out
        # What shows is the new lines.
        lines = ["".join(s.text for s in facets.render_line(y)) for y in range(facets.size.height)]
        assert any("John Kerry" in line for line in lines), lines


async def test_facets_draw_again_only_the_lines_that_change(app, monkeypatch) -> None:  # noqa: ANN001
    """Each key typed brings its results' facets, most often the same values: the whole
    list was drawn again each time (30-40 lines at each key at 50,000 articles). Now the
    same facets draw nothing, and others only the lines that changed, what shows being
    what a whole new drawing shows."""
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "ceasefire")
        facets = screen.query_one(FacetList)
        await wait_for(pilot, lambda: facets.option_count > 0, what="the facets")
        await settle(pilot)
        drawn: list[int] = []
        render_line = OptionList.render_line

        def record(self, y: int):  # noqa: ANN001, ANN202
            if self is facets:
                drawn.append(y)
            return render_line(self, y)

        def on_screen() -> list[list[object]]:
            return [list(strip) for strip in facets.render_lines(facets.size.region)]

        def texts() -> list[str]:
            return [str(getattr(o.prompt, "plain", o.prompt)) for o in facets.options]

        monkeypatch.setattr(OptionList, "render_line", record)
        lines = texts()
        await pilot.press("space")  # the same results, so the same facets
        await wait_for(pilot, lambda: screen.extras.facets_query == "ceasefire ")
        await settle(pilot)
        assert texts() == lines and drawn == []
        _box(app).value = "lavrov"  # (not emptied first, as ctrl+u would)
        await wait_for(pilot, lambda: screen.extras.facets_query == "lavrov")
        await settle(pilot)
        new = texts()
        changed = {
            y
            for y in range(min(facets.size.height, max(len(lines), len(new))))
            if y >= len(lines) or y >= len(new) or lines[y] != new[y]
        }
        assert 0 < len(changed) < facets.size.height, "the test shows nothing"
        assert set(drawn) == changed
        shown = on_screen()
        facets.refresh()  # everything drawn anew
        assert on_screen() == shown


async def test_a_name_too_long_for_the_facets_keeps_its_count(tmp_path: Path) -> None:
    """A value cut short with an ellipsis still shows its count at the right edge
    (the cut left the row two cells too long, and the count went out of sight)."""
    long_name = "Northern Counties Evening Chronicle and Gazette Group"
    folder = tmp_path / "long"
    write_corpus(
        folder,
        [
            record(1, text="Ceasefire talks in Geneva.", source=long_name),
            record(2, text="Ceasefire talks resumed.", source=long_name),
            record(3, text="Ceasefire held.", source="AFP"),
        ],
    )
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "ceasefire")
        facets = screen.query_one(FacetList)
        await wait_for(pilot, lambda: facets.option_count > 0, what="the facets")
        await settle(pilot)
        lines = ["".join(s.text for s in facets.render_line(y)) for y in range(facets.size.height)]
        row = next(line for line in lines if "Northern Counties" in line)
        assert "…" in row, lines
        assert row.rstrip().endswith("2"), lines
        afp = next(line for line in lines if "AFP" in line)
        assert row.rstrip().index("2") == afp.rstrip().index("1"), lines  # one column


async def test_no_empty_facet_box_beside_no_results(app, monkeypatch) -> None:  # noqa: ANN001
    """A query with no results, or one that cannot run, left an empty "Narrow by" box
    taking a third of the width; the box shows again with the next results' facets.
    (It leaves once no results came for :data:`facet_list.LINGER` seconds: see
    test_a_half_typed_word_keeps_the_facets_pane_in_place.)"""
    monkeypatch.setattr(facet_list, "LINGER", 0.2)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "ceasefire")
        facets = screen.query_one(FacetList)
        await wait_for(pilot, lambda: facets.option_count > 0, what="the facets")
        await pilot.pause()
        assert facets.region.width > 0
        await _search(pilot, "zzzqqq")
        await settle(pilot)
        assert screen.result is not None and screen.result.total == 0
        assert facets.option_count == 0
        await wait_for(pilot, lambda: facets.region.width == 0, what="the empty box to leave")
        await pilot.press("ctrl+u", *'"unclosed')
        await settle(pilot)
        assert facets.region.width == 0
        await _search(pilot, "ceasefire")
        await wait_for(pilot, lambda: facets.region.width > 0, what="the facets again")


async def test_facets_hide_at_80_columns_until_asked_for(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "ceasefire")
        facets = screen.query_one(FacetList)
        await settle(pilot)
        assert not facets.display
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert facets.display and app.focused is facets


# -- saved searches ------------------------------------------------------------------------


async def test_ctrl_s_saves_and_the_screen_and_palette_run_it(app, corpus: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await _search(pilot, "lavrov")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SaveSearchDialog)
        await pilot.press("ctrl+u", *"Lavrov watch", "enter")
        await notified(pilot, "Saved search “Lavrov watch” (3 articles)")
        assert [s.query for s in Library.open(corpus).saved_searches()] == ["lavrov"]
        await pilot.press("escape")
        await settle(pilot)
        # A new article mentioning him arrives on re-index: one new.
        write_corpus(corpus, [*RECORDS, {"id": "r9", "title": "Lavrov again", "text": "Lavrov."}])
        main = app.main_screen()
        main.feed.start_indexing()
        await settle(pilot)
        await pilot.press("S")
        assert isinstance(app.screen, SavedSearchesScreen)
        saved = app.screen
        await wait_for(pilot, lambda: saved.loaded)
        assert [(r.name, r.count, r.new) for r in saved.rows] == [("Lavrov watch", 4, 1)]
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        await wait_for(pilot, lambda: app.screen.shown_query == "lavrov")
        await settle(pilot)
        assert (
            Library.open(corpus).saved_search_status(Library.open(corpus).saved_searches()[0]).new
            == 0
        )  # opened: nothing is new any more
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.press(*"Lavrov watch")
        await palette_offers(pilot, "Saved search: Lavrov watch")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        await wait_for(pilot, lambda: app.screen.shown_query == "lavrov")


async def test_ctrl_s_on_a_query_that_cannot_run_says_so_before_asking_a_name(
    app, corpus: Path
) -> None:
    """ "ceasefire NOT" (Cannot search: NOT at the end needs a word after it): ctrl+s
    asked for a name, and only then said "Not saved: ..."."""
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"lavrov NOT")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await wait_for(pilot, lambda: screen.error is not None, what="the query's error")
        await pilot.press("ctrl+s")
        await notified(pilot, "Cannot save it: NOT at the end needs a word after it")
        assert app.screen is screen  # no name asked for
        await pilot.press(*" geneva")  # runs now: saved as before
        await wait_for(pilot, lambda: screen.shown_query == "lavrov NOT geneva")
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, SaveSearchDialog)
    assert Library.open(corpus).saved_searches() == []


async def test_d_deletes_a_saved_search(app, corpus: Path) -> None:
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    lib.save_search("geneva", "geneva")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("S")
        saved = app.screen
        await wait_for(pilot, lambda: saved.rows)
        await pilot.press("d")
        await wait_for(pilot, lambda: not saved.rows)
        # The last one gone: the screen says what it is for, not an empty frame.
        await wait_for(pilot, lambda: saved.query_one("#saved-empty").display)
    assert Library.open(corpus).saved_searches() == []


async def test_a_saved_search_named_by_its_query_says_it_once(app, corpus: Path) -> None:
    """ctrl+s offers the query as the name: such a search showed "geneva" in bold and
    "geneva" again below it, in S and in the palette. A name of its own keeps its query."""
    lib = Library.open(corpus)
    lib.update_index(workers=1)
    lib.save_search("geneva", "geneva")
    lib.save_search("Lavrov watch", "lavrov")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("S")
        saved = app.screen
        assert isinstance(saved, SavedSearchesScreen)
        await wait_for(pilot, lambda: len(saved.rows) == 2, what="both saved searches")
        listing = saved.query_one("#saved-list", OptionList)
        prompts = {
            str(listing.get_option_at_index(n).prompt).split()[0]: str(
                listing.get_option_at_index(n).prompt
            )
            for n in range(listing.option_count)
        }
        assert prompts["geneva"].count("geneva") == 1, prompts["geneva"]
        assert prompts["Lavrov"].splitlines()[-1] == "lavrov"  # its query, below its name
        await pilot.press("escape")
        await pilot.press("ctrl+p", *"geneva")

        def offered() -> list[str]:
            commands = app.screen.query(CommandList)
            if not commands:
                return []
            options = commands.first()
            texts = [
                str(options.get_option_at_index(n).prompt) for n in range(options.option_count)
            ]
            return [t for t in texts if t.startswith("Saved search: geneva")]

        await wait_for(pilot, offered, what="the saved search in the palette")
        (entry,) = offered()
        assert entry.count("geneva") == 1, entry


async def test_no_saved_searches_says_what_they_are_and_how_to_save_one(app, corpus: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("S")
        saved = app.screen
        assert isinstance(saved, SavedSearchesScreen)
        await wait_for(pilot, lambda: saved.loaded)
        await pilot.pause()
        assert not saved.query_one("#saved-list").display  # no empty frame
        help_text = saved.query_one("#saved-empty")
        assert help_text.display and help_text.region.height > 0
        words = str(help_text.render())
        assert "A saved search keeps a query by name" in words
        assert "press / on the main screen, type a query, then ctrl+s" in words
        assert "Delete" not in str(saved.query_one("#key-bar").render())  # nothing to delete


# -- timeline ------------------------------------------------------------------------------


async def open_timeline(pilot: Pilot) -> TimelineScreen:
    """``t`` from the list (Esc first: in the entities pane, t changes a type); the
    screen once its timeline is counted."""
    app = pilot.app
    await pilot.press("escape", "t")
    await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen))
    screen = app.screen
    assert isinstance(screen, TimelineScreen)
    await wait_for(pilot, lambda: screen.timeline is not None, what="the timeline")
    return screen


async def test_timeline_of_every_article_and_enter_narrows_to_a_period(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        line_screen = await open_timeline(pilot)
        line = line_screen.timeline
        assert line.total == 5 and line.scale == "day"
        listing = line_screen.query_one("#timeline-list", OptionList)
        # The cursor starts on the busiest period; s goes to a coarser scale.
        await pilot.press("s")
        await wait_for(pilot, lambda: line_screen.timeline.scale == "week")
        await pilot.press("s")
        await wait_for(pilot, lambda: line_screen.timeline.scale == "month")
        months = [(b.label, b.count) for b in line_screen.timeline.buckets]
        assert months == [("2016-02", 3), ("2016-03", 1), ("2016-04", 0), ("2016-05", 1)]
        assert listing.highlighted is not None
        listing.highlighted = 0
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        await wait_for(pilot, lambda: app.screen.shown_query == "date:2016-02")
        assert app.screen.result.total == 3


async def test_the_timeline_says_how_many_articles_have_no_date(app) -> None:
    """'5 dated articles by day' of 6: the one with no date was in no bar and in no
    word either; the heading counts it."""
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        line_screen = await open_timeline(pilot)
        assert line_screen.timeline.undated == 1
        status = str(line_screen.query_one("#timeline-status", Label).render())
        assert "5 dated articles by day" in status and "; 1 without a date." in status


async def test_ctrl_t_shows_the_timeline_of_the_search(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await _search(pilot, "lavrov")
        await pilot.press("ctrl+t")
        line_screen = app.screen
        assert isinstance(line_screen, TimelineScreen)
        await wait_for(pilot, lambda: line_screen.timeline is not None)
        assert line_screen.timeline.total == 3
        await pilot.press("escape")
        assert _box(app).value == "lavrov"  # Esc leaves the query as it was


async def test_a_timeline_of_undated_articles_says_so_and_draws_no_empty_frame(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await _search(pilot, "waffenstillstand")  # the one article with no date
        await pilot.press("ctrl+t")
        line_screen = app.screen
        assert isinstance(line_screen, TimelineScreen)
        await wait_for(pilot, lambda: line_screen.timeline is not None)
        assert not line_screen.timeline.buckets
        status = str(line_screen.query_one("#timeline-status", Label).render())
        assert status.startswith("No dated articles match") and "dossier correct" in status
        # The app's own way first: the key that corrects the open article's date.
        assert "press M on it in the reader" in status, status
        assert not line_screen.query_one("#timeline-list", OptionList).display


async def test_a_timeline_of_one_day_or_of_no_match_says_so(app) -> None:
    """One day is named once (it read "2016-02-28 to 2016-02-28"), and a query that
    matches nothing says so (it said how to give an article a date)."""
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        for query, said in (
            ("aleppo", "1 dated article by day, 2016-02-28. Enter narrows"),
            ("zzzqqq", "No articles match “zzzqqq”."),  # the search screen's words
        ):
            await _search(pilot, query)
            await pilot.press("ctrl+t")
            line_screen = await shown(pilot, TimelineScreen)
            await wait_for(pilot, lambda s=line_screen: s.timeline is not None)
            status = line_screen.query_one("#timeline-status", Label)
            await wait_for(pilot, lambda s=status, t=said: str(s.render()).startswith(t), what=said)
            await pilot.press("escape")
            await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))


# -- the list's filter ---------------------------------------------------------------------


async def test_f_filters_the_list_by_source_dates_and_bookmarks(app, corpus: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await pilot.press("escape")
        assert len(main.article_list.articles) == 6
        await pilot.press("F")
        assert isinstance(app.screen, ListFilterDialog)
        await pilot.press(*"afp", "enter")
        await wait_for(pilot, lambda: len(main.article_list.articles) == 2)
        assert {a.source for a in main.article_list.articles} == {"AFP"}
        assert main.article_list.border_title == "Articles (2 of 6)"
        await pilot.press("F")
        await pilot.press("tab", *"2016-03", "enter")
        await wait_for(pilot, lambda: len(main.article_list.articles) == 1)
        # Only the articles with bookmarks: none yet.
        await pilot.press("F")
        dialog = app.screen
        dialog.query_one("#filter-source", Input).value = ""
        dialog.query_one("#filter-since", Input).value = ""
        dialog.query_one(Checkbox).value = True
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(main.article_list.articles) == 0)
        await pilot.press("F", "ctrl+u")
        app.screen.query_one(Checkbox).value = False
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(main.article_list.articles) == 6)
        assert main.article_list.border_title == "Articles (6)"


async def test_the_reader_follows_the_list_a_filter_leaves(app) -> None:
    """A filter that left out the open article kept it in the reader beside a list
    without it: the reader opens the list's first article; when the filter leaves
    none, the status line says the open article is not among them."""
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await pilot.press("escape")
        main.article_list.sort_by("date")
        first = main.article_id
        assert first is not None and main.summaries[first].source != "AFP"
        await pilot.press("F")
        await pilot.press(*"afp", "enter")
        await wait_for(pilot, lambda: len(main.article_list.articles) == 2)
        await wait_for(pilot, lambda: main.article_id != first, what="a listed article")
        assert main.article_list.lists(main.article_id)
        assert main.summaries[main.article_id].source == "AFP"
        assert main.article_list.highlighted_id == main.article_id
        kept = main.article_id
        await pilot.press("F", "ctrl+u", *"1999", "enter")
        await wait_for(pilot, lambda: len(main.article_list.articles) == 0)
        label = main.query_one("#status-message")
        await wait_for(pilot, lambda: "not among them" in str(label.render()))
        assert main.article_id == kept
        await pilot.press("F")  # every article again: it stays open
        for field in app.screen.query(Input):
            field.value = ""
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(main.article_list.articles) == 6)
        await pilot.pause(0.3)
        assert main.article_id == kept


async def test_t_shows_the_chosen_entitys_timeline(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        main.navigator.choose_entity("person:sergei lavrov", "Sergei Lavrov")
        await wait_for(pilot, lambda: bool(main.steps.occurrences), what="his mentions")
        line_screen = await open_timeline(pilot)
        assert line_screen.query_text == 'person:"Sergei Lavrov"'
        assert line_screen.timeline.total == 3


async def test_t_after_a_search_that_matched_nothing_shows_every_article(app) -> None:
    """Back on the main screen from a search with no match, t shows every article's
    timeline (it showed that search's, empty: "No article matches"); after a search
    that matched, that search's."""
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        for query, wanted, total in (("zzzqqq", "", 5), ("lavrov", "lavrov", 3)):
            await _search(pilot, query)
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is main, what="the main screen")
            await pilot.press("t")
            line_screen = await shown(pilot, TimelineScreen)
            assert line_screen.query_text == wanted
            await wait_for(pilot, lambda s=line_screen: s.timeline is not None)
            assert line_screen.timeline is not None and line_screen.timeline.total == total
            # (every article: the 5 with a date, the sixth has none)
            await pilot.press("escape")
            await wait_for(pilot, lambda: app.screen is main, what="the main screen")


async def test_the_timeline_of_an_empty_folder_says_why_and_waits_for_the_index(
    tmp_path: Path, app
) -> None:
    """t on an empty folder showed "Counting…" for good and a toast telling the user to
    run `dossier index`; it says there are no articles. While the index is not ready
    it says it waits, and draws the timeline once the index is."""
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = make_app(empty)
    async with nothing.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: nothing.index_problem is not None, what="no articles")
        await settle(pilot)
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(nothing.screen, TimelineScreen))
        await settle(pilot)
        status = str(nothing.screen.query_one("#timeline-status", Label).render())
        assert "no articles" in status.lower(), status
        assert not nothing.screen.query_one("#timeline-list", OptionList).display
        assert not [n for n in nothing.live_notices() if "timeline" in n], nothing.live_notices()
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("escape")
        app.index_ready = False  # as while the first build runs
        await pilot.press("t")
        await wait_for(pilot, lambda: isinstance(app.screen, TimelineScreen))
        line_screen = app.screen
        await settle(pilot)
        status = str(line_screen.query_one("#timeline-status", Label).render())
        assert "Indexing" in status, status
        app.index_ready = True
        await wait_for(pilot, lambda: line_screen.timeline is not None, what="the timeline")
        assert line_screen.timeline.total == 5


async def test_the_timelines_status_shows_a_key_name_as_it_is(app) -> None:
    # A key of the user's keymap is data, never markup (a name may hold brackets).
    shown = app.key_for
    app.key_for = lambda binding_id, default: (  # type: ignore[method-assign]
        "[b]M[/b]" if binding_id == "correct" else shown(binding_id, default)
    )
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await _search(pilot, "waffenstillstand")  # the one article with no date
        await pilot.press("ctrl+t")
        line_screen = app.screen
        assert isinstance(line_screen, TimelineScreen)
        await wait_for(pilot, lambda: line_screen.timeline is not None)
        status = str(line_screen.query_one("#timeline-status", Label).render())
        assert "press [b]M[/b] on it" in status


async def test_find_in_article_shows_an_error_quoting_the_query_as_typed(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("f")
        await pilot.press(*"[b]abcdef~9")
        status = main.query_one("#find-status", Label)
        await wait_for(pilot, lambda: "letters off" in str(status.render()), what="the error")
        assert str(status.render()).startswith("[b]abcdef~9: a word may be")


async def test_the_search_export_toast_leaves_with_the_search_screen(
    app, tmp_path, monkeypatch
) -> None:
    """ "Wrote 4 items to …" is about the search screen, as the bookmarks screen's export
    toast is about that one: Esc takes it down with the screen (it followed the user to
    the main screen, and on to the saved searches, for its six seconds)."""
    from tui.app.widgets.bookmark_dialog import ExportDialog

    monkeypatch.chdir(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "ceasefire")
        await pilot.press("ctrl+o")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog), what="the dialog")
        await pilot.press("enter")
        await notified(pilot, f"Wrote {screen.result.total} items to")
        assert (tmp_path / "dossier-search-results.md").exists()
        await pilot.press("escape")
        await wait_for(pilot, lambda: not isinstance(app.screen, SearchScreen))
        await pilot.pause()
        assert not any("Wrote" in text for text in app.live_notices()), app.live_notices()


async def test_a_toast_at_80_columns_has_room_for_a_file_path(app, monkeypatch) -> None:
    """At 80 columns a toast was half the width (Textual's 50%): "Wrote 4 items to
    /tmp/…/dossier-search-results.m" on one line and "d" on the next. It takes the
    width it has at 120 columns (60 cells) while that leaves the terminal's left part."""
    import shutil
    import tempfile

    from textual.geometry import Region
    from textual.widgets._toast import Toast

    from tui.app.widgets.bookmark_dialog import ExportDialog

    short = Path(tempfile.mkdtemp(prefix="d", dir="/tmp"))  # a path that fits 60 cells
    monkeypatch.chdir(short)
    try:
        async with app.run_test(size=(80, 24), notifications=True) as pilot:
            await ready(pilot)
            screen = await _search(pilot, "ceasefire")
            await pilot.press("ctrl+o")
            await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog), what="dialog")
            await pilot.press("enter")
            await notified(pilot, f"Wrote {screen.result.total} items to")
            await wait_for(pilot, lambda: bool(screen.query(Toast)), what="the toast drawn")
            await pilot.pause()
            toast = screen.query(Toast).last()
            size = toast.outer_size
            lines = [
                "".join(s.text for s in strip) for strip in toast.render_lines(Region(0, 0, *size))
            ]
            path = str(short / "dossier-search-results.md")
            assert any(path in line for line in lines), lines
    finally:
        shutil.rmtree(short, ignore_errors=True)


async def test_the_list_filter_takes_a_source_by_its_first_letters_and_refuses_an_unknown_one(
    app,
) -> None:
    """F, "reu", Enter showed "0 of 6 articles: source reu": the source box wanted the
    whole name, and a name no article has (a typo, "source:AFP" typed as in a search)
    emptied the list without a word. Now the first letters of one source are that
    source, "source:" is dropped, and a name that is no source (or the first letters of
    several) is refused in the dialog, naming the sources."""
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await pilot.press("F")
        await wait_for(pilot, lambda: isinstance(app.screen, ListFilterDialog))
        await pilot.press(*"reu", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, ListFilterDialog))
        await wait_for(pilot, lambda: len(main.article_list.articles) == 2, what="Reuters")
        assert {a.source for a in main.article_list.articles} == {"Reuters"}
        await pilot.press("F", "ctrl+u", *"source:afp", "enter")
        await wait_for(pilot, lambda: {a.source for a in main.article_list.articles} == {"AFP"})
        for typed, said in [("zzz", "No article's source is"), ("e", "BBC News, Reuters, Spiegel")]:
            await pilot.press("F", "ctrl+u", *typed, "enter")
            await refused(pilot, said)
            assert isinstance(app.screen, ListFilterDialog), typed
            await pilot.press("escape")
            await wait_for(pilot, lambda: not isinstance(app.screen, ListFilterDialog))
        assert {a.source for a in main.article_list.articles} == {"AFP"}


async def test_the_timeline_shows_the_period_its_cursor_starts_on(tmp_path: Path) -> None:
    """The cursor starts on the busiest period; when that is the last of more periods
    than fit (the latest month of a story, as on real pages), its row was below the
    list's bottom edge at 80x24 and 120x36: the list had scrolled to it before the
    status line above it took its second line. The row under the cursor is in view."""
    folder = tmp_path / "news"
    months = [f"{2014 + m // 12}-{m % 12 + 1:02d}-15" for m in range(30)]
    records = [record(i, text=f"Story {i}.", date=d) for i, d in enumerate(months)]
    records += [record(100 + i, text="Latest.", date=months[-1]) for i in range(4)]
    write_corpus(folder, records)
    for size in [(80, 24), (120, 36)]:
        await _timeline_cursor_in_view(make_app(folder), size)


async def _timeline_cursor_in_view(app, size: tuple[int, int]) -> None:  # noqa: ANN001
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        screen = await open_timeline(pilot)
        listing = screen.query_one("#timeline-list", OptionList)
        await settle(pilot)
        await pilot.pause()
        assert listing.highlighted == len(screen.timeline.buckets) - 1
        top, height = listing.scroll_offset.y, listing.scrollable_content_region.height
        assert top <= listing.highlighted < top + height, (size, top, height)


def test_a_run_of_empty_periods_is_one_row() -> None:
    from datetime import date

    from tui.library.timeline import Gap, folded, make_timeline

    def days(*pairs: tuple[str, int]) -> dict[int, int]:
        return {date.fromisoformat(d).toordinal(): n for d, n in pairs}

    # 2 of 40 months with articles, 2 empty ones between two others, then 34.
    line = make_timeline(
        days(("2015-01-10", 2), ("2015-02-03", 1), ("2015-05-20", 1), ("2018-04-02", 5)), "month"
    )
    rows = folded(line.buckets)
    assert [r if isinstance(r, int) else (r.label, r.note) for r in rows] == [
        0, 1, 2, 3, 4, ("2015-06 to 2018-03", "none in 34 months"), 39,
    ]  # fmt: skip
    weeks = folded(make_timeline(days(("2016-02-01", 1), ("2016-03-07", 1)), "week").buckets)
    gap = weeks[1]
    assert isinstance(gap, Gap) and gap.label == "2016-02-08 to 2016-03-06"
    assert gap.note == "none in 4 weeks"
    assert folded(make_timeline(days(("2016-02-01", 1)), "day").buckets) == [0]


async def test_the_timeline_lists_a_long_empty_stretch_as_one_row(tmp_path: Path) -> None:
    """A story told in a few months of ten years listed every month, 110 rows and 96 of
    them empty (aeb-dev's text at 80x24: four screens of zeros around the months that
    have articles). A run of empty periods is one dim row; Enter on a month still
    narrows to it."""
    folder = tmp_path / "news"
    dates = ["2010-10-22", "2014-09-15", "2018-07-02", "2018-08-09", "2019-11-04", "2019-11-05"]
    write_corpus(folder, [record(i, text=f"Story {i}.", date=d) for i, d in enumerate(dates)])
    app = make_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        screen = await open_timeline(pilot)
        await settle(pilot)
        assert screen.timeline.scale == "month" and len(screen.timeline.buckets) == 110
        listing = screen.query_one("#timeline-list", OptionList)
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert listing.option_count == 8, prompts  # 5 months, 3 gaps
        assert prompts[1].startswith("2010-11 to 2014-08  none in 46 months")
        assert prompts[listing.highlighted].startswith("2019-11")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, SearchScreen))
        await wait_for(pilot, lambda: app.screen.shown_query == "date:2019-11")


async def test_a_year_typed_as_the_source_is_taken_as_the_dates(app) -> None:
    """ "2016" typed in the filter's source box was taken as a source: the dialog closed
    and the list said nothing of dates (in a corpus whose sources were not known yet, it
    emptied the list). A year, month or day there is the date range when From and Until
    are blank (the box's label says so), and beside dates of their own it is refused,
    pointing to From and Until."""
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await pilot.press("F")
        await wait_for(pilot, lambda: isinstance(app.screen, ListFilterDialog))
        labels = [str(label.render()) for label in app.screen.query(Label)]
        assert any("year or date typed here is taken as From and Until" in x for x in labels)
        await pilot.press(*"2016-02", "enter")
        await wait_for(pilot, lambda: not isinstance(app.screen, ListFilterDialog))
        await wait_for(pilot, lambda: len(main.article_list.articles) == 3, what="February")
        assert main.story.filter == ListFilter("", "2016-02", "2016-02")
        await pilot.press("F")
        dialog = app.screen
        assert dialog.query_one("#filter-since", Input).value == "2016-02"
        assert dialog.query_one("#filter-source", Input).value == ""
        dialog.query_one("#filter-source", Input).value = "2016"
        await pilot.press("enter")
        await refused(pilot, "“2016” is a date, not a source: put it in From or Until")
        assert isinstance(app.screen, ListFilterDialog)


async def test_the_timeline_offers_no_scale_when_no_article_is_dated(tmp_path: Path) -> None:
    """On the BBC's articles (no dates), t said that no article is dated and offered
    "s Scale" beside it, a key with nothing to count again."""
    folder = tmp_path / "news"
    write_corpus(folder, [record(i, text=f"Story {i} of the week.") for i in range(3)])
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await open_timeline(pilot)
        await settle(pilot)
        shown = {key.description for key in screen.query_one(KeyBar).shown}
        assert "Back" in shown and "Scale" not in shown, shown


async def test_the_results_are_painted_before_their_facets_are_counted(app) -> None:
    """Issue 13: the worker counting the facets started as the results were shown, and
    held up their paint (the interpreter's lock going back and forth between them) at
    every keystroke. It starts once they are painted; the facets follow as before."""
    from tests.test_app_launch import painted_and_asked

    def results_shown() -> bool:
        screen = app.screen
        return isinstance(screen, SearchScreen) and screen.shown_query == "ceasefire"

    events = painted_and_asked(app, results_shown, "load_facets", "ceasefire")
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        screen = await _search(pilot, "ceasefire")
        facets = screen.query_one(FacetList)
        await wait_for(pilot, lambda: facets.option_count > 0, what="the facets")
    assert "load_facets" in events and "painted" in events, events
    assert events.index("painted") < events.index("load_facets"), events


async def test_a_facet_value_cut_to_fit_shows_whole_on_the_border_while_highlighted() -> None:
    """At 120 columns "National Security Council" showed as "National Security Cou…",
    and nothing showed the rest."""
    from textual.app import App, ComposeResult

    class Host(App[None]):
        def compose(self) -> ComposeResult:
            yield FacetList(id="facets")

    app = Host()
    async with app.run_test(size=(60, 20)) as pilot:
        facets = app.query_one(FacetList)
        facets.styles.width = 32
        facets.focus()
        await pilot.pause()
        whole = "National Security Council of the Realm"
        facets.show({"org": [(whole, 2), ("Senate", 2)]}, total=4)
        await pilot.pause()
        highlighted = facets.get_option_at_index(facets.highlighted or 0)
        assert whole not in str(highlighted.prompt)
        assert str(facets.border_subtitle) == whole
        await pilot.press("down")
        await pilot.pause()
        assert str(facets.border_subtitle) == ""  # "Senate" fits
        await pilot.press("up")
        await pilot.pause()
        assert str(facets.border_subtitle) == whole
