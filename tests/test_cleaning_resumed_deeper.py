"""Cleaning scraped pages: a story that goes on a step deeper after a box set into it
(tui/cleaning/blocks.py, _trim).

Shaped as a markets report of aeb-dev/text: the story's paragraphs, a related link
and "Read More" set into it, then its last paragraphs two columns deeper (a container
of their own in the page), then the page's footer. The block was trimmed back to the
story's indent, and the story was cut at the box. Made-up text.
"""

from __future__ import annotations

from tui.cleaning import clean

HEAD = [
    "Shares in the region's biggest ports fell on Monday as shipping rates slid again.",
    "The index of container rates dropped for a fifth week, and traders said that the "
    "slowdown in orders from the largest importers had not yet run its course.",
    "Port operators in three countries said they expected volumes to recover in spring.",
]
TAIL = [
    "Freight companies have cut the number of sailings on the busiest routes this month.",
    "Analysts at two banks said the cuts would keep rates from falling much further, "
    "though they warned that a mild winter could change that.",
    "The ports' shares have lost about a tenth of their value since the start of the year.",
]
MENU = ["Markets", "Tech", "Media", "Success", "Videos", "Newsletters"]
FOOTER = ["Most read", "* Markets", "* Terms of use", "* Privacy policy", "* Contact us"]


def _page() -> str:
    lines = [f"        * {x}" for x in MENU]
    lines += ["", "    Port shares slide as shipping rates fall", ""]
    lines += ["        By Jo Marsh, Example News", "", "        Updated 0812 GMT March 3, 2022", ""]
    lines += [f"          {x}" for x in HEAD]
    lines += ["              Harbour cranes stand idle as orders dry up", "              Read More"]
    lines += [f"            {x}" for x in TAIL]
    lines += [""] + [f"        {x}" for x in FOOTER]
    return "\n".join(lines) + "\n"


def test_the_story_going_on_a_step_deeper_after_a_box_is_kept() -> None:
    c = clean(_page())
    assert c.title == "Port shares slide as shipping rates fall"
    body = c.body.split("\n\n")
    assert body[: len(HEAD)] == HEAD
    assert body[-len(TAIL) :] == TAIL
    assert "* Privacy policy" not in c.body
