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

from tui.cleaning import clean, default_rules
from tui.cleaning.insets import inset_links
from tui.cleaning.passes import _new_page, _rule_pass

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


def _flat(text: str) -> str:
    """The page without indents, a blank line after each line (as scrapers write it)."""
    return "\n\n".join(line.strip() for line in text.split("\n"))


def test_without_indents_a_most_read_box_goes_and_the_story_goes_on() -> None:
    # the box is no deeper: the story under it is told by its words, shared with the
    # story above ("company", "ships", "fault", "island"), and the box holds no share bar
    c = clean(_flat(_page(MOST_READ)))
    assert c.body.split("\n\n") == BEFORE + AFTER


SHARE_BOX = ["Related articles"]
for kicker, headline in (
    ("TRAVEL", "Harbour dues to rise next spring"),
    ("TRAVEL", "Ferry timetable changes for the winter"),
    ("ISLAND LIFE", "Night crossing to get a new ship"),
):
    SHARE_BOX += [kicker, headline]
SHARE_BOX += ["* Facebook", "* Twitter", "* Join our newsletter"]
DISCLAIMER = [
    "The information on this website about the ferry company, its ships and the island's "
    "harbour is for general guidance, and no liability is accepted for passengers.",
    "Timetables are subject to change, and every ship may be withdrawn from service "
    "without notice for reasons of safety, weather or engineers' checks.",
    "All content of this website is the property of the company and may not be copied.",
]


def _footer_marker_box(lines: list[str]) -> list[int] | None:
    """What inset_links makes of the marker in ``lines``, all of them left to the body
    but for those the rules drop (the block model may keep a legal notice of long
    sentences, as it did on a maker's page)."""
    page = _new_page("\n\n".join(lines) + "\n", default_rules())
    _rule_pass(page, None, ())
    j = page.texts.index("Most read in travel")
    return inset_links(page, j)


def test_without_indents_a_long_box_with_a_share_bar_ends_the_story() -> None:
    # the page's footer: its teasers, share buttons and a legal notice that shares the
    # story's words ("ferry", "company", "island", "passengers", "engineers")
    head = ["Ferries stay in port after steering fault found", *BEFORE, "Most read in travel"]
    assert _footer_marker_box(head + SHARE_BOX[1:] + DISCLAIMER) is None
    # the same box without its share bar, the story going on: a box set into it
    box = _footer_marker_box(head + SHARE_BOX[1:-3] + AFTER)
    assert box is not None and len(box) == 7
