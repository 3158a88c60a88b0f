"""Cleaning scraped pages: a byline or date line a few lines under the headline, after
lines the header did not take (a photo's caption, the standfirst, a date with no year),
ends the page's header (tui/cleaning/header.py, header_pass and _late_meta).

Shaped as pages of aeb-dev/text with their indentation removed ("Updated Nov 19, 6:55
AM;Posted Nov 19, 6:51 AM" / a caption / "By Jane Doe, Outlet.com" over the story; a
standfirst over "by Jane Doe" and "19 Nov 2019 05:44 GMT"), with made-up names and text.
"""

from __future__ import annotations

import pytest

from tui.cleaning import clean

PROSE = [
    "The harbour authority said on Tuesday that the pier would stay closed for the winter.",
    "Engineers found cracks in three of the iron columns that hold up the pier's deck.",
    "Repairs are expected to cost more than the council had set aside for the whole year.",
]


def _page(*head: str, story: list[str] = PROSE) -> str:
    """A scraped page, unindented: a menu, the headline, ``head``, the story, a footer,
    a blank line between any two."""
    lines = ["Home", "News", "Business", "Storm-hit pier closed for the winter"]
    lines += [*head, *story, "Share on Facebook", "Advertisement"]
    return "\n\n".join(lines) + "\n"


@pytest.mark.parametrize(
    ("head", "byline", "date"),
    [
        (
            [
                "Updated Nov 19, 6:55 AM;Posted Nov 19, 6:51 AM",
                "The pier at dawn on Monday.",
                "By Jana Rowe, Harbourtimes.com",
            ],
            "Jana Rowe",
            None,
        ),
        (
            [
                "Why the council may never open the pier again, and what it would cost.",
                "by Jana Rowe",
                "19 Nov 2019 05:44 GMT",
            ],
            "Jana Rowe",
            "2019-11-19",
        ),
    ],
)
def test_a_byline_under_a_caption_or_standfirst_ends_the_header(
    head: list[str], byline: str, date: str | None
) -> None:
    c = clean(_page(*head))
    assert c.body.split("\n\n") == PROSE
    assert c.byline == byline
    assert c.date == date


@pytest.mark.parametrize(
    "story",
    [
        # a name beside a date: an author's or an outlet's? left as it is
        [PROSE[0], "Jana Rowe - Nov 19, 2019, 10:31 pm", *PROSE[1:]],
        # a date alone under the story's first paragraph: a timeline's heading
        [PROSE[0], "Sept. 24, 2019", *PROSE[1:]],
        # a byline under the story's first paragraphs: no header's
        [*PROSE, "By Jana Rowe", PROSE[0].replace("Tuesday", "Monday")],
    ],
)
def test_lines_under_the_story_start_stay(story: list[str]) -> None:
    c = clean(_page(story=story))
    assert c.body.split("\n\n")[:2] == story[:2]
    assert PROSE[0] in c.body and c.byline is None


def test_a_clean_article_keeps_its_lines() -> None:
    text = "Pier closed\n\nThe pier at dawn on Monday.\n\nBy Jana Rowe\n\n" + "\n\n".join(PROSE)
    c = clean(text + "\n")
    assert c.body.split("\n\n")[:2] == ["The pier at dawn on Monday.", "By Jana Rowe"]
