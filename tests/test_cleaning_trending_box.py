"""Cleaning scraped pages: a "Trending" or "Most read" box set into the story
(config/boilerplate.yaml footer markers; tui/cleaning/insets.py, inset_links;
tui/cleaning/features.py, after_marker).

Shaped as pages of aeb-dev/text: a broadcaster's "Trending News" over five bulleted
headlines, and a tabloid's "Most read in world news" over five headlines each under a
kicker in capitals, both set deeper than the story's paragraphs in the middle of it,
the story going on under them. The boxes stayed in the body; the tabloid's box, once
a marker, must not end the story. Made-up names and text.
"""

from __future__ import annotations

from tui.cleaning import clean

BEFORE = [
    "The ferry company said on Monday that two of its ships would stay in port all week.",
    "Engineers found a fault in the steering gear of the larger ship during a routine check.",
    "Passengers who had booked a crossing were offered a refund or a seat on a later sailing.",
    "The smaller ship, which runs the night crossing, will be checked again on Wednesday.",
    "Travel agents on the island said that most of their customers had chosen to wait.",
]
AFTER = [
    "The company expects both ships to be back in service before the holiday weekend begins.",
    "A spokesman said that the fault had been found early and that nobody had been at risk.",
    "The harbour master said the port would use the quiet week to dredge the inner basin.",
    "Local shops near the terminal said they had already seen fewer visitors than usual.",
    "The last time both ships were out of service, in the spring of the year before, the "
    "island ran short of fresh milk and bread for three days.",
    "This time the company has chartered a cargo boat to bring food and post across daily.",
    "Its chief executive apologised to passengers and thanked the crews for their patience.",
]
# each line with its indent beyond the story's: the box's heading a step deeper, its items two
TRENDING = [
    "  Trending News",
    "    * Lighthouse keeper retires after forty years",
    "    * Storm closes the coastal road again",
    "    * Council votes to keep the night bus",
    "    * Seal pup found in a garden pond",
    "    * Fishing fleet returns early",
]
MOST_READ = ["      Most read in world news"]
for kicker, headline in (
    ("HIGH TIDE", "Pier cafe floods for the third time this winter"),
    ("LUCKY ESCAPE", "Walker rescued from the cliffs by a passing boat"),
    ("NEW ARRIVAL", "Zoo names its baby penguin after the harbour"),
    ("ON THE MOVE", "Town hall to move into the old station"),
    ("LAST ORDERS", "Oldest pub on the quay closes its doors"),
):
    MOST_READ += [f"          {kicker}", f"          {headline}"]
MENU = ["Home", "News", "Sport", "Weather", "Contact"]
FOOTER = ["Related articles", "* Harbour dues to rise", "* Ferry timetable changes"]


def _page(box: list[str]) -> str:
    lines = [f"    * {x}" for x in MENU]
    lines += ["", "      Ferries stay in port after steering fault found", ""]
    lines += [f"        {x}" for x in BEFORE]
    lines += [f"        {x}" for x in box]
    lines += [f"        {x}" for x in AFTER]
    lines += [""] + [f"      {x}" for x in FOOTER] + ["", "    Advertisement"]
    return "\n".join(lines) + "\n"


def test_a_trending_box_in_the_story_goes_and_the_story_goes_on() -> None:
    c = clean(_page(TRENDING))
    assert c.body.split("\n\n") == BEFORE + AFTER


def test_a_most_read_box_of_kickers_and_headlines_goes_and_the_story_goes_on() -> None:
    c = clean(_page(MOST_READ))
    assert c.body.split("\n\n") == BEFORE + AFTER
