"""Cleaning scraped pages: a date written without its year under the headline
(tui/cleaning/yearless.py).

Shaped as pages of a group of regional news sites in aeb-dev/text: "Updated Nov 19,
9:41 AM;Posted Nov 18, 8:19 PM" under the headline, the year left out as sites do for
the current year. The page had no date. The year is the one the page's full dates
agree on, else its copyright line's; the posting, not the update, is the date.
Made-up names and text.
"""

from __future__ import annotations

import pytest

from tui.cleaning import clean
from tui.cleaning.yearless import _line_date

MENU = ["Sign In", "Search", "News", "Sports", "Entertainment", "Weather"]
STORY = [
    "HARBOUR TOWN – The band that played the town's first summer festival will come back "
    "next July for a show at the old pier, its manager said on Monday.",
    "Tickets go on sale on Friday, and the council expects them to sell out within a day.",
    "The festival's organisers said they had asked the band every year since it last played.",
    "Its singer, who grew up two streets from the pier, wrote about the news on Monday night.",
    "The council has promised to mend the pier's railings and lights before the summer.",
    "Last year's festival drew about twelve thousand people over two days, a record.",
]


def _page(date_line: str, *, extra: tuple[str, ...] = (), footer: str = "") -> str:
    lines = [f"      * {x}" for x in MENU]
    lines += ["", "    Band to return for pier show", "", f"      {date_line}", ""]
    lines += ["      By Jo Marsh, Example Media", ""]
    lines += [f"        {x}" for x in (*STORY, *extra)]
    lines += ["", "      You may also like...", "      * Pier to close for repairs"]
    if footer:
        lines += ["", f"          {footer}"]
    return "\n".join(lines) + "\n"


EMBED = "— Ana Ruiz (@anaruiz) November 18, 2019"


def test_the_posting_without_its_year_takes_the_year_of_the_pages_dates() -> None:
    c = clean(_page("Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM", extra=(EMBED,)))
    assert c.title == "Band to return for pier show"
    assert c.date == "2019-11-18"


def test_without_other_dates_the_copyright_line_gives_the_year() -> None:
    footer = "© 2019 Example Media. All rights reserved."
    c = clean(_page("Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM", footer=footer))
    assert c.date == "2019-11-19"


def test_dates_of_two_years_give_no_date() -> None:
    extra = (EMBED, "— Lee Park (@leepark) December 30, 2018")
    c = clean(_page("Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM", extra=extra))
    assert c.date is None


def test_a_time_told_from_now_gives_no_date() -> None:
    footer = "© 2019 Example Media. All rights reserved."
    assert clean(_page("Posted 4 hours ago", footer=footer)).date is None


@pytest.mark.parametrize(
    ("line", "month_day"),
    [
        ("Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM", (11, 19)),
        ("Updated Nov 19, 9:41 AM;Posted Nov 18, 8:19 PM", (11, 18)),
        ("Updated 12:30 PM ET, Tue November 19", (11, 19)),
        ("Published 19 Nov at 3 p.m.", (11, 19)),
        ("19 Nov 2019", None),  # its year: read as any date
        ("The band left on Nov 19 for a tour", None),  # a sentence
        ("Doors open May 5", None),
    ],
)
def test_a_date_line_without_its_year(line: str, month_day: tuple[int, int] | None) -> None:
    assert _line_date(line) == month_day
