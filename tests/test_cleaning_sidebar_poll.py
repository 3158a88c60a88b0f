"""Cleaning scraped pages: a sidebar's poll is not prose (tui/cleaning/features.py, shapes).

Shaped as a blog post of aeb-dev/text: a short story of a few sentences, then a
sidebar with a poll whose options each end in their share of the votes in
parentheses ("Yes, every weekend (29%, 1,186 Votes)"). Counted as sentences, the
options made the poll the page's richest run of prose and the story was lost.
Made-up text.
"""

from __future__ import annotations

from tui.cleaning import clean
from tui.cleaning.features import shapes
from tui.cleaning.text import split_lines

STORY = [
    "Our club opened its new climbing wall on Saturday after two years of planning.",
    "The wall is twelve metres high and has routes for beginners as well as for the "
    "experienced climbers who have trained with us since the club began.",
    "Members can book a session at the desk or on the club's own page.",
    "Children under twelve must climb with an adult who holds a club card.",
]
POLL = [
    "Have you already tried the new wall? (Tell us below, and we will share the results next week)",
    "* No, I have not found the time to go there yet (41%, 1,680 Votes)",
    "* Yes, and I want to climb the hardest route again (29%, 1,186 Votes)",
    "* No, but my friends told me that it is very good (15%, 625 Votes)",
    "* I would go if it were open later in the evening (16%, 654 Votes)",
]


def _page() -> str:
    lines = ["Search for: Search", *(f"  * {x}" for x in ("Home", "Blog", "Events", "Log In")), ""]
    lines += ["        New climbing wall opens at the club", ""]
    lines += ["            * March 5, 2021", "            * Posted by Admin", ""]
    for line in STORY:
        lines += [f"        {line}", ""]
    lines += [f"          * {x}" for x in ("Facebook", "Twitter", "Email", "Pinterest")]
    lines += ["          Previous Post", "          Next Post", "", "      Polls", ""]
    lines += [f"            {x}" for x in POLL]
    lines += ["", "          Total Voters: 4,145", "", "      Useful links", ""]
    lines += [f"          * {x}" for x in ("About", "Contact", "Privacy")]
    return "\n".join(lines) + "\n"


def test_a_poll_option_ending_in_its_votes_is_no_sentence() -> None:
    closing = "The wall stays open until ten at night on weekdays (the desk closes at nine.)"
    lines = split_lines("\n".join([*POLL[1:], closing]))
    prose = [s.prose for s in shapes(lines, "en")]
    assert prose == [False, False, False, False, True]


def test_the_story_wins_over_a_poll_in_the_sidebar() -> None:
    c = clean(_page())
    assert c.title == "New climbing wall opens at the club"
    assert c.body.split("\n\n") == STORY
