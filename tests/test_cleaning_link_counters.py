"""Cleaning scraped pages: a link's label with a count ("View all (4)", "Show more (12)",
"445 shares", "1.2K views", "12 comments") is a control of the page, wherever it sits
(config/boilerplate.yaml, ``lines``); the story's sentences that count the same things
stay.

Shaped as pages of aeb-dev/text (a photo gallery's "View all (4)" between two paragraphs,
share and comment counters under the byline), with made-up names and text.
"""

from __future__ import annotations

import pytest

from tui.cleaning import clean

STORY = [
    "The city council voted on Tuesday to close the old library on Mill Street next spring.",
    "Residents filled the hall for the meeting, and many asked the council to think again.",
    "The building needs a new roof, and repairs would cost more than the council can pay.",
    "A smaller branch is to open in the shopping centre on the other side of town in May.",
]

COUNTERS = [
    "View all (4)",
    "Show more (12)",
    "See all",
    "Load more",
    "445 shares",
    "0 Shares",
    "1.2K views",
    "12 comments",
    "3 replies",
]


def _page(counter: str, where: int) -> str:
    lines = ["    Council votes to close Mill Street library", ""]
    lines += ["        By Ada Green", "        November 19, 2019", ""]
    body = [f"    {x}" for x in STORY]
    body.insert(where, f"        {counter}")
    return "\n".join(lines + body) + "\n"


@pytest.mark.parametrize("counter", COUNTERS)
@pytest.mark.parametrize("where", [0, 1, 4])
def test_a_counter_goes(counter: str, where: int) -> None:
    c = clean(_page(counter, where))
    assert c.body.split("\n\n") == STORY
    assert counter in c.removed


def test_sentences_that_count_stay() -> None:
    story = [
        *STORY[:2],
        "The petition had 445 shares on the first day.",
        "12 comments were read out at the meeting.",
        "Show more patience, one of the councillors said.",
        *STORY[2:],
    ]
    text = "\n".join(["    Council votes to close Mill Street library", ""])
    text += "\n" + "\n".join(f"    {x}" for x in story) + "\n"
    assert clean(text).body.split("\n\n") == story
