"""A search with a date that matches nothing says when dates are the reason: a folder
whose articles have no date (or few) matches no date: clause, whatever the words."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Label

from tests.app_helpers import SIZE, make_app, ready, wait_for
from tests.test_search_facets import record, write_corpus
from tui.library.searching import FEWER_WORDS, no_match_advice


def test_the_advice_names_the_dates_only_for_a_date_clause() -> None:
    def none_dated() -> tuple[int, int]:
        return 0, 40

    assert no_match_advice("harbour", none_dated) == FEWER_WORDS
    assert no_match_advice("harbour update:2016", none_dated) == FEWER_WORDS
    said = no_match_advice("harbour date:2016", none_dated)
    assert said == "None of the 40 articles here has a date: date: finds only dated articles."
    assert "the 3 of 40 articles that have a date" in no_match_advice(
        "DATE:[2016-01-01 TO 2016-02-01]", lambda: (3, 40)
    )
    assert no_match_advice("(a OR b) date:>20160101", lambda: (40, 40)) == FEWER_WORDS


def test_the_advice_on_a_folder_of_one_undated_article_is_english() -> None:
    # "None of the 1 articles here has a date" in a folder of one article.
    said = no_match_advice("date:2016", lambda: (0, 1))
    assert said == "The one article here has no date: date: finds only dated articles."


async def test_a_date_search_in_a_folder_without_dates_says_none_has_one(tmp_path: Path) -> None:
    """BBC's files have no date: person:"Tony Blair" date:2005 said 'No articles match
    … Try fewer words, or word* for prefixes.' (tmux, 120x36): the words were fine."""
    folder = tmp_path / "news"
    write_corpus(folder, [record(n, text=f"Harbour story {n}.") for n in range(1, 4)])
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("slash", *"harbour date:2016")
        label = app.screen.query_one("#search-status", Label)
        await wait_for(pilot, lambda: "No articles match" in str(label.render()), what="none")
        said = str(label.render())
        assert "None of the 3 articles here has a date" in said, said
        assert "fewer words" not in said
