"""The article list's orders (tui.library.ordering): one string a key where it can be,
the same order as the tuples of sort_key, in a shorter call that keeps the
interpreter's lock."""

from __future__ import annotations

import random
import sys
import time
from collections.abc import Callable

import pytest

from tui.library.models import ArticleSummary
from tui.library.ordering import SORTS, columns_filled, in_order, listing, sort_key

TITLES = [
    "",
    "A",
    "a",
    "Ab",
    "ab",
    "A b",
    "“Quoted”",
    "_under",
    "...",
    "Zebra",
    "zèbre",
    "Ω",
    "a\x01",
]
DATES = [None, "", "2024", "2024-01", "2024-01-02", "2024-01-02T10:00", "1999-12-31", "2024-1"]
SOURCES = [None, "", "BBC", "bbc", "b", "Le Monde", "~", "ünï"]


def summaries(n: int, seed: int, titles: list[str] = TITLES, dates: list = DATES) -> list:  # noqa: ANN001
    rng = random.Random(seed)
    out = []
    for i in range(n):
        title = rng.choice(titles) + rng.choice(["", " x", "x", "ß"])
        path = rng.choice(["a", "a/b", "b", "a b", "é"]) + f"/{rng.randrange(n // 2 + 1)}.txt"
        out.append(
            ArticleSummary(f"id{i}", path, title, rng.choice(SOURCES), rng.choice(dates), None)
        )
    return out


@pytest.mark.parametrize("column", SORTS)
@pytest.mark.parametrize("seed", range(8))
def test_the_order_is_sort_keys(column: str, seed: int) -> None:
    articles = summaries(300, seed)  # paths repeat: ties keep the order given, as sorted does
    assert in_order(articles, column) == sorted(articles, key=sort_key(column))


@pytest.mark.parametrize(
    ("titles", "dates"),
    [
        (["a\x00b", "a", "a\x00"], DATES),  # a NUL in a title: the tuples
        (TITLES, [*DATES, "2024-01-02\u2009", "\u0968\u0966\u0968\u096a"]),  # beyond Latin-1
        (TITLES, [*DATES, "2024\xff", "\xfe"]),  # the end of Latin-1 (ÿ would invert to NUL)
    ],
)
@pytest.mark.parametrize("column", SORTS)
def test_keys_that_cannot_be_one_string_sort_as_tuples(
    titles: list[str], dates: list, column: str
) -> None:  # noqa: ANN001
    articles = summaries(200, 3, titles, dates)
    assert in_order(articles, column) == sorted(articles, key=sort_key(column))


def longest_call(run: Callable[[], object]) -> float:
    """The most CPU time ``run`` spent without a Python function starting or ending (in
    one C call: a sort comparing its keys), seconds."""
    longest, last = 0.0, time.thread_time()

    def profile(frame, event, arg) -> None:  # noqa: ANN001
        nonlocal longest, last
        now = time.thread_time()
        longest, last = max(longest, now - last), now

    sys.setprofile(profile)
    try:
        run()
    finally:
        sys.setprofile(None)
    return longest


def test_the_sort_keeps_the_interpreter_s_lock_less_long_than_with_tuples() -> None:
    """At launch a worker sorts the list by date (50,000 articles) while the UI thread
    waits for the lock: the comparisons of tuples took 45 ms in one call, of strings
    18 ms. Here (one date: the titles decide) ~0.25 x."""
    titles = [f"{w} {i}" for i, w in enumerate(["Same", "Other", "News"] * 400)]
    articles = summaries(6000, 1, titles, ["2024"])
    tuples = min(longest_call(lambda: sorted(articles, key=sort_key("date"))) for _ in range(3))
    strings = min(longest_call(lambda: in_order(articles, "date")) for _ in range(3))
    assert strings < 0.6 * tuples, (strings, tuples)


@pytest.mark.parametrize("column", SORTS)
def test_a_listing_is_the_list_and_its_tables_in_the_order_asked(column: str) -> None:
    articles = summaries(200, 3)
    made = listing(articles, column)
    assert made.articles == articles and made.articles is not articles
    assert made.column == column
    assert made.ordered == in_order(articles, column)
    assert made.by_id == {a.id: a for a in articles}
    assert made.rows == {a.id: row for row, a in enumerate(made.ordered)}
    assert made.filled == columns_filled(articles)


def test_a_listing_by_a_column_no_article_fills_is_by_title() -> None:
    articles = summaries(50, 4, dates=[None, ""])
    made = listing(articles, "date")
    assert made.column == "title"
    assert made.ordered == in_order(articles, "title")
    assert made.filled["date"] is False
