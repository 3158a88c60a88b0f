"""Cleaning scraped pages: a bulleted list of the story's own at either end of its main
block (tui/cleaning/lists.py).

Shaped as a game maker's blog post of aeb-dev/text: a menu, the headline and its date
line, a lead-in ("What changed in version 4?") over a list set a step deeper, the
post's paragraphs, a last lead-in ("The box holds:") over a second list, then share
buttons and the sidebar. The block pass kept the paragraphs and left both lists out
with the menus. A box of links to other stories under a lead-in of its own, or of
headlines in title case, still goes. Made-up text.
"""

from __future__ import annotations

from tui.cleaning import clean

MENU = ["Home", "Blog", "Games", "Shop", "About us", "Contact"]
CHANGES = [
    "Twelve new puzzles for the second chapter",
    "A hint button that costs no coins",
    "Faster loading on older phones",
    "Crashes fixed",
]
STORY = [
    "We spent the summer listening to the players who wrote to us after the last update.",
    "Most of them asked for harder puzzles, and a few asked for a way out when they were stuck.",
    "This update tries to give both, without making the early levels any slower.",
    "If you played the first chapter, your progress carries over to the new one.",
]
BOX = [
    "A folding board that fits into a coat pocket",
    "Forty wooden tiles painted by hand in our workshop",
    "A booklet of rules with three variants for larger groups",
]
SHARE = ["* Facebook", "* Twitter", "* Email", "* Pinterest"]
SIDEBAR = ["Recent posts", "* Summer sale", "* Meet the team", "Archives", "* June", "* May"]


def _page(indent: bool = True) -> str:
    def at(n: int, text: str) -> str:
        return " " * n + text if indent else text

    lines = [at(6, f"* {x}") for x in MENU]
    lines += ["", at(12, "Version 4 of Tile Quest is out"), ""]
    lines += [at(16, "* June 12, 2021"), at(16, "* Posted by Ana"), at(16, "* Leave a comment")]
    lines += ["", at(12, "What changed in version 4?"), ""]
    lines += [at(14, f"* {x}") for x in CHANGES]
    for x in STORY:
        lines += ["", at(12, x)]
    lines += ["", at(12, "The box holds:"), ""]
    lines += [at(14, f"* {x}") for x in BOX]
    lines += [""] + [at(14, x) for x in SHARE]
    lines += ["", at(14, "Previous Post"), at(14, "Next Post"), ""]
    lines += [at(8, x) for x in SIDEBAR]
    lines += ["", at(6, "© 2021 Tile Quest Games. All rights reserved.")]
    return "\n".join(lines) + "\n"


def test_the_lists_of_the_story_are_kept() -> None:
    c = clean(_page())
    assert c.title == "Version 4 of Tile Quest is out"
    body = c.body.split("\n\n")
    assert body[:5] == ["What changed in version 4?", *(f"* {x}" for x in CHANGES)]
    assert body[-4:] == ["The box holds:", *(f"* {x}" for x in BOX)]
    for x in STORY:
        assert x in body
    assert "* Facebook" not in c.body
    assert "Summer sale" not in c.body


def test_without_indents_the_list_after_the_story_is_kept() -> None:
    c = clean(_page(indent=False))
    body = c.body.split("\n\n")
    assert body[-4:] == ["The box holds:", *(f"* {x}" for x in BOX)]
    assert "* Facebook" not in c.body
    assert "Summer sale" not in c.body


RELATED = [
    "Here is how to work out when you can stop working",
    "How to buy a first home on a single income",
    "What to do with an old pension when you change jobs",
]
HEADLINES = [
    "Local Bakers Win Regional Bread Contest",
    "Harbour Festival Returns After Three Years",
    "City Council Approves New Cycling Lanes",
]
PROSE = [
    "Saving a third of what you earn is hard, and most people who try give up within a year.",
    "Those who keep at it say the first months are the hardest, and that a plan written "
    "down helps more than any app.",
    "Planners say the earlier you start, the less each month has to carry later on.",
    "A plan is worth reviewing once a year, or whenever your income changes.",
]


def _boxed(lead: str, items: list[str]) -> str:
    lines = [f"      * {x}" for x in MENU]
    lines += ["", "          How to save a third of what you earn", ""]
    lines += ["            By Jo Marsh, June 12, 2021", ""]
    for x in PROSE:
        lines += [f"            {x}", ""]
    lines += [f"            {lead}"] + [f"              * {x}" for x in items]
    lines += ["", "        Advertisement", "        * Terms of use", "        * Privacy"]
    lines += ["", "      © 2021 Example Money. All rights reserved."]
    return "\n".join(lines) + "\n"


def test_a_box_of_other_stories_under_a_lead_in_is_not_the_story() -> None:
    c = clean(_boxed("Related coverage from Example Money:", RELATED))
    assert PROSE[-1] in c.body
    for x in RELATED:
        assert x not in c.body


def test_headlines_in_title_case_under_a_lead_in_are_not_the_story() -> None:
    c = clean(_boxed("Elsewhere this week:", HEADLINES))
    assert PROSE[-1] in c.body
    for x in HEADLINES:
        assert x not in c.body
