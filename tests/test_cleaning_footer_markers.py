"""Cleaning scraped pages: a footer marker with a colon, an ellipsis or an arrow after
it ("You may also like...", "More stories »") ends the story as the bare marker does
(tui/cleaning/rules.py, the footer markers; tui/cleaning/passes.py, _footer_pass).

Shaped as pages of aeb-dev/text (a list of other stories' headlines under "You may also
like..." after the story), with made-up names and text.
"""

from __future__ import annotations

import pytest

from tui.cleaning import clean

PROSE = [
    "The harbour authority said on Tuesday that the pier would stay closed for the winter.",
    "Engineers found cracks in three of the iron columns that hold up the pier's deck.",
    "Repairs are expected to cost more than the council had set aside for the whole year.",
]
TEASERS = [
    "Lighthouse keepers return to the northern isles",
    "Why the tide came in early this year",
    "Ferry services cancelled again",
]


def _page(*after: str) -> str:
    pad = " " * 12
    lines = ["Home", "News", "", f"{pad}Storm-hit pier closed for the winter", ""]
    lines += [f"{pad}{line}" for line in [*PROSE, *after]]
    lines += ["", "Share on Facebook", "Advertisement"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "marker", ["You may also like...", "You may also like…", "More stories »", "Most read >"]
)
def test_a_marker_with_its_ellipsis_or_arrow_ends_the_story(marker: str) -> None:
    c = clean(_page(marker, *TEASERS))
    assert c.body.split("\n\n") == PROSE
    assert marker in c.removed and TEASERS[0] in c.removed


@pytest.mark.parametrize(
    "line",
    [
        "Most readers of the harbour newsletter said they would miss the pier this winter.",
        "More stories about the pier will follow.",
    ],
)
def test_a_sentence_that_opens_as_a_marker_does_not_end_the_story(line: str) -> None:
    c = clean(_page(line, PROSE[0].replace("Tuesday", "Monday")))
    assert line in c.body.split("\n\n")


# The tabs of a box of lists, run into one line ("Most Read Most Shared"), without
# indents (each headline numbered under it).
@pytest.mark.parametrize("tabs", ["Most Read Most Shared", "Most Popular | Most Emailed"])
def test_a_box_of_lists_tabs_ends_the_story(tabs: str) -> None:
    teasers = [x for t in TEASERS for x in (t, "1. 1")]
    lines = ["Home", "News", "", "Storm-hit pier closed for the winter", "", *PROSE]
    lines += ["", tabs, *teasers, "", "Share on Facebook", "Advertisement"]
    c = clean("\n".join(lines) + "\n")
    assert c.body.split("\n\n") == PROSE
