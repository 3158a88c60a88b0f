"""Cleaning scraped pages: teaser cards under the story on a page without indents
(tui/cleaning/cards.py).

Shaped as an opinion page of aeb-dev/text with its indentation removed: the story, then
"More from Example Post" and cards of other stories, each a headline, its author, its
date alone on a line and the start of its text. Made-up names and text.
"""

from __future__ import annotations

import pytest

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


# A broadcaster's cards, in sections: each a headline, its standfirst and its time told
# from now ("32M ago", "updated 15M ago"), the sections headed "World" / "More World".
SECTIONS = ["World", "More World"]
for headline, standfirst, time in (
    ("Ferry strike called off after late talks",
     "Crews will sail as planned on Friday after the union accepted a new offer.", "32M ago"),
    ("Storm brings down power lines in the north",
     "Thousands of homes were without power overnight as winds reached 90 miles an hour.",
     "1H ago"),
    ("Museum returns a painting to its owners' family",
     "The painting hung in the museum for sixty years before its history came to light.",
     "updated 15M ago"),
    ("Farmers paint their cows with stripes",
     "Flies bite striped cattle less often, a study of one herd found.", "17H ago"),
):  # fmt: skip
    SECTIONS += [headline, standfirst, time]
SECTIONS += ["More in World", "Politics", "More Politics"]
for headline, standfirst, time in (
    ("Budget vote set for next week",
     "Ministers will put the plan to a vote on Tuesday.", "5H ago"),
    ("Mayor to stand again",
     "She told supporters she would seek a third term in May.", "12H ago 34 photos"),
):  # fmt: skip
    SECTIONS += [headline, standfirst, time]
SECTIONS += ["More in Politics"]


def test_teaser_cards_timed_from_now_in_sections_go() -> None:
    c = clean(_page(SECTIONS))
    assert c.body.split("\n\n") == STORY


# A live blog: each post under its time told from now, longer than a card's lines.
POSTS = []
for time, post in (
    ("40M ago", "The council's leader said this morning that the vote would go ahead as "
     "planned, and that the letter had been read by every member before the meeting, "
     "though she would not say how she meant to vote herself or whether the plan would "
     "change before December."),
    ("25M ago", "Outside the library, a crowd of about two hundred people has gathered with "
     "banners and a petition, and the head librarian has come out to speak to them about "
     "the opening hours, saying that the staff would keep the doors open as long as they "
     "were allowed to."),
    ("10M ago", "The meeting has now begun, and the first speaker, a teacher from the primary "
     "school across the road, told members that her pupils used the library every Sunday "
     "and would have nowhere else to read in the warm if it closed its doors on that day."),
):  # fmt: skip
    POSTS += [time, post]


def test_a_live_blogs_posts_under_times_told_from_now_stay() -> None:
    c = clean(_page(POSTS))
    assert c.body.split("\n\n") == STORY + POSTS


# A timeline that ends the story: each date alone on its line over what happened, the
# dates going forward (cards list the newest first, or the same day).
TIMELINE = ["How the plan unfolded:"]
for date, event in (
    ("March 3, 2019", "The council first proposes shorter opening hours to save on heating."),
    ("June 12, 2019", "A public meeting on the plan draws more than three hundred people."),
    ("September 9, 2019", "The council's finance committee backs the plan by five votes to two."),
    ("November 18, 2019", "Campaigners hand in a letter signed by more than a thousand people."),
):
    TIMELINE += [date, event]


@pytest.mark.parametrize("indent", [False, True])
def test_a_timeline_that_ends_the_story_stays(indent: bool) -> None:
    text = _page(TIMELINE)
    if indent:  # the page as scraped with its nesting: the story a step deeper
        text = "\n".join(
            ("    " + line if line in STORY or line in TIMELINE else line) if line else line
            for line in text.split("\n")
        )
    c = clean(text)
    assert c.body.split("\n\n") == STORY + TIMELINE


# The same timeline written newest first (as cards are listed): each date still over a
# sentence of what happened, no headline or author between them.
NEWEST_FIRST = [TIMELINE[0]]
for k in range(len(TIMELINE) - 2, 0, -2):
    NEWEST_FIRST += TIMELINE[k : k + 2]


@pytest.mark.parametrize("indent", [False, True])
def test_a_timeline_newest_first_that_ends_the_story_stays(indent: bool) -> None:
    text = _page(NEWEST_FIRST)
    if indent:
        text = "\n".join(
            ("    " + line if line in STORY or line in NEWEST_FIRST else line) if line else line
            for line in text.split("\n")
        )
    c = clean(text)
    assert c.body.split("\n\n") == STORY + NEWEST_FIRST
