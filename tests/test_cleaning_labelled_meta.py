"""Cleaning scraped pages: the page's labelled metadata under the story leaves the body
(tui/cleaning/asides.py, drop_labelled_meta).

Shaped as a fact-check page of aeb-dev/text ("About this statement:" over "Researched
by:", "Edited by:", "Subjects:" lines after the ruling), with made-up names and text.
"""

from __future__ import annotations

import pytest

from tui.cleaning import clean

PROSE = [
    "The harbour authority said on Tuesday that the pier would stay closed for the winter.",
    "Engineers found cracks in three of the iron columns that hold up the pier's deck.",
    "Repairs are expected to cost more than the council had set aside for the whole year.",
]


def _page(*after: str) -> str:
    """A scraped page: a menu, the headline, the story, then ``after`` (each line one
    level deeper than the story), then a footer."""
    pad = " " * 12
    lines = ["Home", "News", "Business", "", f"{pad}Storm-hit pier closed for the winter", ""]
    for para in PROSE:
        lines += [f"{pad}{para}", ""]
    for line in after:
        lines += [f"{pad}  {line}" if line else "", ""]
    lines += ["Share on Facebook", "Advertisement"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "after",
    [
        [
            "About this statement:",
            "Researched by: Jana Rowe, Tom Okafor",
            "Edited by: Ana Pires",
            "Subjects: Harbours, Weather, Councils",
        ],
        ["Produced by Jana Rowe", "Graphics by Tom Okafor and Ana Pires"],
        ["Filed under: Harbours, Weather", "Published: Monday, November 18th, 2019 at 11:08 a.m."],
    ],
)
def test_labelled_lines_after_the_story_leave_the_body(after: list[str]) -> None:
    c = clean(_page(*after))
    assert c.body.split("\n\n") == PROSE
    assert set(after) <= set(c.removed)


@pytest.mark.parametrize(
    "after",
    [
        ["Subjects: Harbours, Weather, Councils"],  # one line: no block of metadata
        # labelled lines with the story going on under them
        ["Tickets: 12 pounds", "Opening hours: 9 to 5", PROSE[0].replace("Tuesday", "Monday")],
        # a question and a sentence: an interview's end, not labels
        ["Q: Will the pier open in spring?", "A: We hope it will, but nobody can say."],
        # credits the rules keep ("Edited by Jane Doe" belongs to the article)
        ["Edited by Ana Pires", "Subjects: Harbours, Weather"],
    ],
)
def test_lines_that_are_no_block_of_labels_stay(after: list[str]) -> None:
    c = clean(_page(*after))
    assert c.body.split("\n\n")[:3] == PROSE
    for line in after:
        if not line.startswith("Subjects"):
            assert line in c.body


def test_a_page_of_labelled_lines_alone_is_left_whole() -> None:
    pad = " " * 12
    lines = ["Home", "News", "", f"{pad}Pier facts", ""]
    lines += [f"{pad}Length: 300 metres", f"{pad}Opened: 1871", f"{pad}Owner: the council", ""]
    lines += ["Share on Facebook", "Advertisement"]
    c = clean("\n".join(lines) + "\n")
    assert "Length: 300 metres" in c.body and "Owner: the council" in c.body


@pytest.mark.parametrize(
    "after",
    [
        # a match report's facts under it
        ["Att: 42,000", "Referee: Mike Dale"],
        ["Referee: Mike Dale", "Venue: Harbour Park"],
        ["Goals: Okafor 23, Rowe 67", "Booked: Pires, Okafor", "Att: 8,112"],
        # a list of results under its heading
        [
            "Results:",
            "Group A: Harbour Rovers 3, Quay United 1",
            "Group B: Pier Athletic 0, Tide 0",
        ],
        # a line-up
        ["Rovers: Rowe; Okafor, Pires, Lee", "Subs: Dale, Moss"],
    ],
)
def test_a_storys_facts_set_as_labelled_lines_stay(after: list[str]) -> None:
    c = clean(_page(*after))
    body = c.body.split("\n\n")
    assert body[:3] == PROSE
    for line in after:
        assert line in body
