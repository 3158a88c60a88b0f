"""Cleaning scraped pages: other stories' headlines listed between the header and the
story (a video player's playlist: "Must watch" over a dozen titles) on a page without
indents go (tui/cleaning/cards.py, drop_lead_teasers); a table's rows, lines of a
language written without spaces and a few subheadings over the story stay.

Shaped as a business page of aeb-dev/text with its indentation removed, with made-up
names and text.
"""

from __future__ import annotations

from tui.cleaning import clean

HEADER = [
    "Home",
    "Markets",
    "Tech",
    "Media",
    "",
    "Investors are unsure what to make of the port strike",
    "",
    "By Kim Ode, Example Business",
    "",
    "November 19, 2019",
    "",
    "Share this article",
    "",
]
PLAYLIST = [
    "Must watch",
    "(8 Videos)",
    "Dockers walk out over pay at three ports",
    "Why shipping costs doubled this year",
    "The harbour that runs on robots",
    "What the strike means for your groceries",
    "Ferry operators warn of a long winter",
    "How a container finds its ship",
    "Inside the busiest port in the north",
    "Unions and owners: what is at stake",
]
STORY = [
    "Harbour City (Example Business) A strike at three of the country's ports weighed on "
    "markets again on Tuesday, as investors waited for news of talks.",
    "Shares of the largest shipping companies fell in early trading, while the main index "
    "was little changed by midday.",
    "Talks between the union and the port owners are to resume on Thursday.",
]


def _page(lines: list[str]) -> str:
    return "\n".join(HEADER) + "\n" + "\n\n".join(lines) + "\n"


def test_headlines_of_other_stories_above_the_story_go() -> None:
    c = clean(_page(PLAYLIST + STORY))
    assert c.body.split("\n\n") == STORY


def test_a_table_and_a_few_subheadings_stay() -> None:
    table = [
        "Standings after 12 races:",
        "1 Kim Ode 540 points",
        "2 Lee Park 535 points",
        "3 Ana Ruiz 533 points",
        "4 Sam Reed 527 points",
        "5 Jo Marsh 480 points",
        "6 Ida Berg 466 points",
    ]
    heads = ["What happened", "Who is hurt", "What comes next", "Where the talks stand"]
    for lines in (table, heads):
        c = clean(_page(STORY[:1] + lines + STORY[1:]))
        assert c.body.split("\n\n") == STORY[:1] + lines + STORY[1:]
        c = clean(_page(lines + STORY))
        assert c.body.split("\n\n")[-len(STORY) :] == STORY
        assert lines[-1] in c.body


def test_lines_without_spaces_stay() -> None:
    lines = [
        "港の労働者がストライキを続けている",
        "三つの港で荷物が止まった",
        "組合と港の所有者の話し合いは木曜日に再開される",
        "市場は大きく動かなかった",
        "株価は午前中ほぼ横ばいだった",
        "港の近くの店も影響を受けている",
    ]
    c = clean(_page(lines + STORY))
    assert c.body.split("\n\n") == lines + STORY
