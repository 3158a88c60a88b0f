"""Cleaning scraped pages: a newsletter's sign-up form at the story's end
(tui/cleaning/signup.py) and share buttons written out ("Click to share on Facebook
(Opens in new window)", "Share on Facebook Share on Twitter ..."; config/boilerplate.yaml).

Shaped as pages of aeb-dev/text (a sports site's form with its pitch, consent line and
the messages it shows once sent; a blog's share list), with made-up names and text.
"""

from __future__ import annotations

import pytest

from tui.cleaning import clean

STORY = [
    "The home side lost their third game in a row on Sunday, and the coach was not happy.",
    "\u201cWe needed to win this game,\u201d he said after the final whistle at the ground.",
    "His team had led by ten points at half time before the visitors came back strongly.",
    "The two sides meet again in the cup in three weeks, this time on the visitors\u2019 ground.",
]
FORM = [
    "Match Day Newsletter",
    "Get the week's big stories, the fixtures and the best goals every Friday morning.",
    "I agree that Example Sport can send me the Match Day Newsletter.",
    "See All Newsletters",
    "Please check the opt-in box to say that you would like to subscribe.",
    "Thanks for signing up!",
    "Keep an eye on your inbox for the latest sports news.",
    "Sorry!",
    "There was an error processing your subscription.",
]
SHARE = [
    "* Click to share on Facebook (Opens in new window)",
    "* Click to share on Twitter (Opens in new window)",
    "* Click to email this to a friend (Opens in new window)",
    "* Click to print (Opens in new window)",
    "Share on Facebook Share on Twitter Share on Linkedin Share via Email",
]
MENU = ["Home", "Scores", "Teams", "Video", "Shop"]


def _page(tail: list[str]) -> str:
    lines = [f"  * {x}" for x in MENU] + ["", "    Coach: we needed that win", ""]
    lines += ["      By Sam Reed", "", "      November 19, 2019", ""]
    lines += [f"      {x}" for x in STORY + tail]
    lines += ["", "  Most Popular", "  * Terms of use", "  * Privacy policy", "  Advertisement"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("tail", [FORM, SHARE], ids=["signup", "share"])
def test_a_form_or_share_buttons_after_the_story_go(tail: list[str]) -> None:
    c = clean(_page(tail))
    assert c.body.split("\n\n") == STORY


def test_a_story_that_ends_on_subscriptions_keeps_its_end() -> None:
    end = [
        "More than two thousand fans signed up in the first week of the offer.",
        "A season subscription now costs less than a single match ticket did in 2010.",
    ]
    c = clean(_page(end))
    assert c.body.split("\n\n") == STORY + end
