"""Queries that are typos or too costly are one-line query errors; searches can be stopped."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from tests.conftest import write_article
from tui.commands import main
from tui.library import Library, QueryError, SearchCancelled


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_article(
        folder,
        "a.txt",
        "Harbour talks",
        "The economy grew while negotiators met in Geneva to discuss a ceasefire.",
    )
    write_article(folder, "b.txt", "Grain prices", "Farmers said grain prices had collapsed.")
    # Many distinct words with one prefix, for the expansion limit.
    write_article(folder, "c.txt", "Word list", " ".join(f"zq{n:05d}x" for n in range(3000)))
    return folder


@pytest.fixture
def lib(corpus: Path) -> Library:
    library = Library.open(corpus)
    library.update_index(workers=1)
    return library


def test_a_query_whoosh_trips_over_is_not_index_damage(lib: Library, capsys, corpus) -> None:
    # `x~2/3` asks for a three-letter prefix of a one-letter word (IndexError in Whoosh).
    for query in ("economy x~2/3", "2~/22", "economy~2/30"):
        try:
            lib.search(query)
        except QueryError as exc:
            assert "\n" not in str(exc)
    assert "damaged" not in lib.index.read_meta()
    assert lib.search("economy").total == 1
    code = main(["search", "economy x~2/3", "--corpus", str(corpus)])
    _, err = capsys.readouterr()
    assert code in (0, 1, 2) and "damaged" not in err and "rebuilding" not in err


def test_any_failure_inside_whoosh_on_a_sound_index_is_a_query_error(lib: Library) -> None:
    from whoosh.query import terms

    def broken(self, searcher, context=None):  # noqa: ANN001, ANN202
        raise IndexError("string index out of range")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(terms.MultiTerm, "matcher", broken)
        with pytest.raises(QueryError, match="cannot run this query"):
            lib.search("econ?my")
    assert "damaged" not in lib.index.read_meta()
    assert lib.search("econ?my").total == 1


@pytest.mark.parametrize("query", ["economy~3", "abcdefghijklmnopqrstuvwxyz~9", "grain~5/1"])
def test_fuzzy_distance_is_at_most_two(lib: Library, query: str) -> None:
    started = time.monotonic()
    with pytest.raises(QueryError, match="~2"):
        lib.search(query)
    assert time.monotonic() - started < 2
    assert lib.search("economi~2").total == 1


@pytest.mark.parametrize("query", ["*", "**", "?*", "*ing", "*a*", "title:*", "economy *nomy"])
def test_a_leading_wildcard_is_refused_with_a_hint(lib: Library, query: str) -> None:
    with pytest.raises(QueryError, match="start"):
        lib.search(query)


def test_a_prefix_that_matches_too_many_words_is_refused(lib: Library) -> None:
    with pytest.raises(QueryError, match="too many words"):
        lib.search("zq*")
    assert lib.search("zq0001*").total == 1  # 10 words: fine
    with pytest.raises(QueryError, match="too many words"):
        lib.search("body:[a TO zzzz]")


def test_a_hundred_ors_are_a_query(lib: Library) -> None:
    words = ["economy", "grain", "ceasefire", "harbour", "farmers"] * 20
    assert lib.search(" OR ".join(words)).total == 2


def test_a_search_stops_when_cancelled(lib: Library) -> None:
    with pytest.raises(SearchCancelled):
        lib.search("economy OR grain", cancelled=lambda: True)
    assert lib.search("economy OR grain", cancelled=lambda: False).total == 2


async def test_esc_cancels_a_running_search_in_the_app(corpus: Path, monkeypatch) -> None:
    from tests.app_helpers import make_app, ready, settle

    app = make_app(corpus)
    seen: dict[str, bool] = {}
    started = threading.Event()

    def slow_search(query: str, limit=None, cancelled=None):  # noqa: ANN001, ANN202
        started.set()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if cancelled is not None and cancelled():
                seen["cancelled"] = True
                raise SearchCancelled("search stopped")
            time.sleep(0.01)
        seen["ran out"] = True
        raise SearchCancelled("search stopped")

    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        monkeypatch.setattr(app.library, "search", slow_search)
        await pilot.press("slash", *"economy")
        for _ in range(200):
            if started.is_set():
                break
            await pilot.pause(0.02)
        assert started.is_set()
        await pilot.press("escape")
        for _ in range(200):
            if seen:
                break
            await pilot.pause(0.02)
        assert seen == {"cancelled": True}
        await settle(pilot)
