"""Cleaning scraped pages: teaser cards under the story on a page without indents
(tui/cleaning/cards.py).

Shaped as an opinion page of aeb-dev/text with its indentation removed: the story, then
"More from Example Post" and cards of other stories, each a headline, its author, its
date alone on a line and the start of its text. Made-up names and text.
"""

from __future__ import annotations

from tui.cleaning import clean

STORY = [
    "The council's plan to close the library on Sundays has met more opposition than expected.",
    "More than a thousand people signed a letter asking the council to think again this week.",
    "Its members say the building costs too much to heat, and that few people come on Sundays.",
    "Those who do come, the letter says, are mostly children and older people with nowhere else "
    "to go, and the library is the one warm and quiet place in town that is open to everyone.",
    "The council will vote on the plan in December, after a month of public meetings.",
]
CARDS = ["* More from Example Post"]
for headline, author, date, start in (
    ("+ What the new bridge will cost", "Jo Marsh", "Wednesday November 20, 2019",
     "The bridge was meant to open last spring, and the council now says that it will cost "
     "twice what it was told when the work began, with no date yet for its opening."),
    ("+ A winter of strikes ahead", "Sam Reed", "Wednesday November 20, 2019",
     "Rail workers voted on Tuesday to walk out for three days in January, the first strike "
     "on the line in twenty years, after talks on pay broke down last week."),
    ("+ Why the market square matters", "Ana Ruiz", "Tuesday November 19, 2019",
     "Every town has a heart, and ours is the market square, where the stalls have stood "
     "every Saturday for four hundred years and where the town still meets."),
):  # fmt: skip
    CARDS += [headline, author, date, start]
MENU = ["Home", "Opinion", "News", "Sport", "Subscribe"]


def _page(tail: list[str]) -> str:
    lines = MENU + ["", "The library should stay open on Sundays", "", "By Lee Park"]
    lines += ["November 18, 2019", ""] + STORY + tail
    lines += ["", "Terms of use", "Privacy policy", "Advertisement"]
    return "\n".join(lines) + "\n"


def test_teaser_cards_under_the_story_go() -> None:
    c = clean(_page(CARDS))
    assert c.body.split("\n\n") == STORY
