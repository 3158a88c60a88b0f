"""Cleaning scraped pages: the author's box after the story, and the author's name
above it that is no headline (tui/cleaning/asides.py drop_author_box,
tui/cleaning/headline.py).

Shaped as pages of aeb-dev/text (a magazine's "About <Name>" box with a note, then
the previous and next articles and teasers; a blog whose author's name sits between
the headline's share buttons and the story, and again in a box at its end), with
made-up names and text.
"""

from __future__ import annotations

import pytest

from tui.cleaning import clean

PROSE = [
    "The harbour authority said on Tuesday that the pier would stay closed for the winter.",
    "Engineers found cracks in three of the iron columns that hold up the pier's deck.",
    "Repairs are expected to cost more than the council had set aside for the whole year.",
    "Fishermen who moor their boats beside the pier have been told to use the north quay.",
    "The council will meet again in March to decide whether the pier can be saved at all.",
]
NOTE = (
    "Jana Rowe is a freelance writer based in Leeds. Her work has appeared in a number of "
    "publications, including the Harbour Times and the Coastal Review."
)
AFTER_BOX = [
    "Previous Article",
    "Lighthouse keepers return to the northern isles",
    "Next Article",
    "Why the tide came in early this year",
]


def _page(*after: str, byline: str = "By Jana Rowe", story: list[str] = PROSE) -> str:
    pad = " " * 6
    lines = ["Home", "News", "Business", "", f"{pad}Storm-hit pier closed for the winter", ""]
    if byline:
        lines += [f"{pad}    {byline}", ""]
    lines += [f"{pad}{para}\n" for para in story]
    lines += [f"{pad}{line}\n" if line else "" for line in after]
    lines += ["Share on Facebook", "Advertisement"]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("heading", ["About Jana Rowe", "Jana Rowe"])
def test_an_authors_box_after_the_story_ends_it(heading: str) -> None:
    c = clean(_page(heading, NOTE, *AFTER_BOX))
    assert c.body.split("\n\n") == PROSE
    assert c.byline == "Jana Rowe"
    assert NOTE in c.removed and AFTER_BOX[1] in c.removed


def test_an_authors_box_names_the_author_when_the_page_did_not() -> None:
    c = clean(_page("Jana Rowe", NOTE, *AFTER_BOX, byline=""))
    assert c.body.split("\n\n") == PROSE
    assert c.byline == "Jana Rowe"


def test_an_authors_box_above_most_of_the_story_goes_alone() -> None:
    # Under the first paragraph: the story goes on under it.
    story = [PROSE[0], "Jana Rowe", NOTE, *PROSE[1:]]
    c = clean(_page(byline="", story=story))
    assert c.body.split("\n\n") == PROSE
    assert c.byline == "Jana Rowe"


@pytest.mark.parametrize(
    "middle",
    [
        # who someone is, in the story: no heading of that name beside it
        ["Tom Okafor is a fisherman who has moored his boat beside the pier for years."],
        # a heading of another name
        ["Ana Pires", "Tom Okafor is a fisherman who has moored his boat beside the pier."],
    ],
)
def test_a_note_on_someone_in_the_story_stays(middle: list[str]) -> None:
    story = [*PROSE[:3], *middle, *PROSE[3:]]
    c = clean(_page(byline="", story=story))
    assert middle[-1] in c.body.split("\n\n")
    assert c.body.split("\n\n")[-1] == PROSE[-1]


@pytest.mark.parametrize(
    "after",
    [
        # a note on someone who is no writer, under their name: a profile in the story
        ["Tom Okafor", "Tom Okafor is a fisherman who has moored his boat here for years."],
        # two people each under their name: a list of profiles, the story's
        [
            "Tom Okafor",
            "Tom Okafor is a writer who has moored his boat beside the pier for years.",
            "Ana Pires",
            "Ana Pires is a photographer who has taken pictures of the pier since 1990.",
        ],
    ],
)
def test_notes_under_names_that_are_no_authors_box_stay(after: list[str]) -> None:
    c = clean(_page(*after, byline=""))
    body = c.body.split("\n\n")
    assert body[: len(PROSE)] == PROSE
    for line in after:
        assert line in body
    assert c.byline is None


def test_the_authors_name_above_the_story_is_no_headline() -> None:
    # A blog: the headline, its share buttons, the author's name right above the story
    # (the story says it again, and the box at its end too).
    pad = " " * 24
    story = [
        "Focus is why some harbours are able to keep the pier they are proud of open all"
        " winter while others talk about it for years but never actually manage to do it?",
        "If we have not met yet, my name is Jana Rowe and I have worked on piers since 2010.",
        *PROSE,
    ]
    lines = ["Home", "About", "Contact", "", " " * 26 + "Jana Rowe", ""]
    lines += [f"{pad}What keeps a pier going", ""]
    buttons = ("258 Shares", "Buffer", "Share", "Pin", "Tweet", "Email")
    lines += [" " * 30 + w for w in buttons] + [""]
    lines += [" " * 30 + "Jana Rowe", ""]
    lines += [f"{pad}{para}\n" for para in story]
    lines += [" " * 30 + "Jana Rowe", " " * 30 + NOTE, ""]
    lines += [f"{pad}I want to help you take the next step. Pick a workshop and start now!", ""]
    lines += ["Share on Facebook", "Advertisement"]
    c = clean("\n".join(lines) + "\n")
    assert c.title == "What keeps a pier going"
    assert c.byline == "Jana Rowe"
    assert c.body.split("\n\n") == story


@pytest.mark.parametrize("headline", ["Jana Rowe", "About Jana Rowe", "Contributors"])
@pytest.mark.parametrize(
    "after",
    [
        [],
        # the contributor's latest articles under the note
        ["Lighthouse keepers return to the northern isles", "Why the tide came in early"],
    ],
)
def test_a_contributors_profile_keeps_its_note_as_the_body(headline: str, after: list[str]) -> None:
    # A page about the author alone: the name (the headline, or a heading under it)
    # over the note, perhaps the author's articles, and nothing else.
    pad = " " * 6
    lines = ["Home", "News", "Business", "", f"{pad}{headline}", ""]
    if headline != "Jana Rowe":
        lines += [f"{pad}Jana Rowe\n"]
    lines += [f"{pad}{NOTE}\n"] + [f"{pad}{line}\n" for line in after]
    lines += ["Share on Facebook", "Advertisement"]
    c = clean("\n".join(lines) + "\n")
    assert NOTE in c.body.split("\n\n")


#: A note that does not start with the author's name (in German and in English).
NOTE_DE = (
    "Als Redakteurin für den Hafen schreibt Jana Rowe seit 2015 über Schiffe, Stege und"
    " die Menschen an der Küste."
)
NOTE_EN = (
    "A freelance writer based in Leeds, Jana Rowe has covered harbours and the people who"
    " work on them since 2015."
)


@pytest.mark.parametrize(
    ("heading", "note"), [("Über Jana Rowe", NOTE_DE), ("About Jana Rowe", NOTE_EN)]
)
def test_about_the_author_in_any_words_after_the_story_ends_it(heading: str, note: str) -> None:
    c = clean(_page(heading, note, *AFTER_BOX, byline=""))
    assert c.body.split("\n\n") == PROSE
    assert c.byline == "Jana Rowe"
    assert note in c.removed and AFTER_BOX[1] in c.removed


@pytest.mark.parametrize(
    "story",
    [
        # "About <a place>": the story's own section, at its end
        [
            *PROSE,
            "About New York",
            "New York has no pier of this kind, and its harbour was rebuilt long ago.",
        ],
        # "About <Name>" over a note near the top: most of the story is under it
        [PROSE[0], "About Jana Rowe", NOTE_EN, *PROSE[1:]],
    ],
)
def test_an_about_heading_that_is_no_authors_box_stays(story: list[str]) -> None:
    c = clean(_page(byline="", story=story))
    assert c.body.split("\n\n") == story
    assert c.byline is None
