"""Cleaning scraped pages: a footer marker that heads a box of links set into the story
(tui/cleaning/passes.py, _footer_pass; tui/cleaning/insets.py, inset_links).

Shaped as a tabloid's page of aeb-dev/text ("Related articles" over two bulleted
headlines, and "DON'T MISS" over three headlines tagged [VIDEO], in the middle of the
story, which goes on under them), with made-up names and text.
"""

from __future__ import annotations

import pytest

from tui.cleaning import clean

BEFORE = [
    "The harbour authority said on Tuesday that the pier would stay closed for the winter.",
    "Engineers found cracks in three of the iron columns that hold up the pier's deck.",
]
AFTER = [
    "Repairs are expected to cost more than the council had set aside for the whole year.",
    "Fishermen who moor their boats beside the pier have been told to use the north quay.",
    "The council will meet again in March to decide whether the pier can be saved at all.",
]
RELATED = ["Related articles", "* Storm closes coastal road", "* Ferry services cancelled again"]
DONT_MISS = [
    "DON'T MISS",
    "Mayor angry at pier closure [VIDEO]",
    "Pier cafe owners fear for jobs [INSIGHT]|",
    "Harbour 'will not reopen this year' [REACTION]",
]
FOOTER = ["Related articles", "* Lighthouse keepers return", "* Tide came in early", "Most read"]


def _page(*box: str, after: list[str] = AFTER) -> str:
    pad = " " * 12
    lines = ["Home", "News", "", f"{pad}Storm-hit pier closed for the winter", ""]
    lines += [f"{pad}{line}" for line in BEFORE]
    lines += [f"{pad}{line}" for line in box]
    lines += [f"{pad}{line}" for line in after]
    lines += [f"{pad}{line}" for line in FOOTER]
    lines += ["", "Share on Facebook", "Advertisement"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("box", [RELATED, DONT_MISS])
def test_a_box_of_links_in_the_middle_of_the_story_goes_and_the_story_goes_on(
    box: list[str],
) -> None:
    c = clean(_page(*box))
    assert c.body.split("\n\n") == BEFORE + AFTER
    assert set(box) <= set(c.removed)
    assert "* Lighthouse keepers return" in c.removed  # the footer still ends the page


@pytest.mark.parametrize(
    "after",
    [
        # a footer's teasers: a headline and its standfirst in turn
        [
            "Lighthouse keepers return to the northern isles after forty years away.",
            "Why the tide came in early",
            "Scientists say the moon was closer to the earth than it has been in years.",
        ],
        # one sentence only under the links
        [AFTER[0], "Why the tide came in early"],
    ],
)
def test_a_marker_with_no_story_going_on_under_its_links_ends_the_story(
    after: list[str],
) -> None:
    c = clean(_page(*RELATED, after=after))
    assert c.body.split("\n\n") == BEFORE


#: Readers' comments, each a few sentences as long as the story's.
COMMENTS = [
    "I have walked on that pier every Sunday since I was a boy and it breaks my heart.",
    "The council knew about those columns for years and did nothing until it was too late.",
    "Maybe now they will finally spend some of the parking money on the seafront itself.",
]


@pytest.mark.parametrize(
    "comments",
    [
        # the comments' heading and count under the links, then a comment
        ["Comments (3)", *COMMENTS, "Reply"],
        # a comment's text, then its time and controls
        [*COMMENTS, "Tom Okafor", "3 hours ago", "Reply", "Report abuse"],
        # a numbered comment's author over its date, after the first comment
        [*COMMENTS, "2. harbourwatcher says:", "November 19, 2019 at 6:44 am", COMMENTS[0]],
    ],
)
def test_readers_comments_under_a_box_of_links_are_not_the_story_going_on(
    comments: list[str],
) -> None:
    c = clean(_page(*RELATED, after=comments))
    assert c.body.split("\n\n") == BEFORE
    assert COMMENTS[0] in c.removed


def test_a_comments_mark_far_under_the_box_is_the_end_of_the_story_that_resumed() -> None:
    more = [
        "Divers will inspect the columns below the waterline once the winter storms have passed.",
        "The pier was opened in 1871 and has been closed only twice since, both times in wartime.",
    ]
    c = clean(_page(*RELATED, after=[*AFTER, *more, "Comments (3)", *COMMENTS]))
    assert c.body.split("\n\n")[: len(BEFORE + AFTER + more)] == BEFORE + AFTER + more
    assert set(RELATED) <= set(c.removed)
