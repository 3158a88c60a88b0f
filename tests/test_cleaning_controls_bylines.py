"""Cleaning scraped pages: a control's label between paragraphs, a caption with a bare
credit, and bylines without job titles (tui/cleaning/passes.py, tui/bylines.py).

Shaped as on real pages (aeb-dev/text: Moneycontrol's video overlay "Close", the
"Report" of embedded posts, Business Insider's captions, the Los Angeles Times'
bylines), with made-up names and text.
"""

from __future__ import annotations

import pytest

from tui.bylines import without_job_title
from tui.cleaning import clean, default_rules
from tui.cleaning.meta import Meta, meta_line
from tui.formats.record import byline_text

PROSE = [
    "The harbour authority said on Tuesday that the pier would stay closed for the winter.",
    "Engineers found cracks in three of the iron columns that hold up the pier's deck.",
    "Repairs are expected to cost more than the council had set aside for the whole year.",
]


def _page(*middle: str, indent: int = 12) -> str:
    """A scraped page: a menu, the headline, prose at ``indent`` with ``middle`` (lines
    with their own indentation) after the first paragraph, then a footer."""
    pad = " " * indent
    lines = [
        "Home",
        "News",
        "Business",
        "",
        f"{pad}Storm-hit pier closed for the winter",
        "",
        f"{pad}{PROSE[0]}",
        "",
        *middle,
        f"{pad}{PROSE[1]}",
        "",
        f"{pad}{PROSE[2]}",
        "",
        "Share on Facebook",
        "Advertisement",
    ]
    return "\n".join(lines) + "\n"


def test_a_lone_word_set_deeper_than_the_prose_is_a_controls_label() -> None:
    c = clean(_page(" " * 16 + "Close", ""))
    assert "Close" not in c.body.split("\n\n")
    assert c.body.split("\n\n") == PROSE
    assert "Close" in c.removed


def test_the_labels_of_two_embedded_posts_in_a_row_go() -> None:
    # "Report" under each of two posts: the one beside the other is no prose.
    c = clean(_page(" " * 16 + "Report", "", " " * 16 + "Report", ""))
    assert c.body.split("\n\n") == PROSE


@pytest.mark.parametrize(
    "heading",
    [
        " " * 12 + "Repairs",  # in line with the paragraphs: a subheading
        " " * 14 + "Our ruling",  # two words, set deeper by two: a subheading
        " " * 16 + "Repairs.",  # not a word alone: a sentence
    ],
)
def test_a_subheading_stays(heading: str) -> None:
    c = clean(_page(heading, ""))
    assert heading.strip() in c.body.split("\n\n")


def test_a_one_word_subheading_set_one_level_deeper_stays() -> None:
    # In an element of its own around the heading, right above the paragraph it heads.
    c = clean(_page(" " * 14 + "Background", ""))
    paras = c.body.split("\n\n")
    assert paras == [PROSE[0], "Background", *PROSE[1:]]
    start = c.body.index("Background")
    assert (start, start + len("Background")) in c.headings


@pytest.mark.parametrize(
    "middle",
    [
        # one level deeper, but the rest of its widget follows it before the prose
        [" " * 14 + "Close", " " * 16 + "Image Copyright @harbourpost @harbourpost", ""],
        [" " * 14 + "Close", " " * 14 + "Replay", ""],  # two labels in a row
        [" " * 18 + "Background", ""],  # three levels deeper: inside a widget
    ],
)
def test_a_lone_word_deeper_with_its_widget_around_it_is_a_control(middle: list[str]) -> None:
    c = clean(_page(*middle))
    assert c.body.split("\n\n") == PROSE


def test_a_lone_word_on_a_clean_page_stays() -> None:
    # Nothing says the page was scraped: nothing is dropped.
    raw = f"Storm-hit pier closed\n\n{PROSE[0]}\n\n    Close\n\n{PROSE[1]}\n"
    assert "Close" in clean(raw).body


def test_a_caption_with_a_bare_credit_leaves_the_body_but_not_the_key_points() -> None:
    # Dropped after the main block is chosen: taken away before, the key points under
    # it fell out of the block.
    caption = " " * 12 + "The road to reopening is not easy. Jana Rowe/Getty"
    points = [
        " " * 14 + "* The pier has been closed since the storm in October.",
        " " * 14 + "* Repairs will take at least two winters, engineers say.",
    ]
    c = clean(_page(caption, "", *points, ""))
    paras = c.body.split("\n\n")
    assert not [p for p in paras if "Jana Rowe" in p]
    assert "* The pier has been closed since the storm in October." in paras


@pytest.mark.parametrize(
    ("line", "byline", "source"),
    [
        ("By Jana Rowe Business Columnist", "Jana Rowe", None),
        ("By Jana Rowe Senior Correspondent", "Jana Rowe", None),
        ("By Jana Rowe, Senior Correspondent", "Jana Rowe", None),
        ("By Jana L. Rowe Staff Writer", "Jana L. Rowe", None),
        ("By Tom Okafor Mensah Staff Writer", "Tom Okafor Mensah", None),  # three names
        ("By Jana Rowe, Tom Okafor, Ana Pires", "Jana Rowe, Tom Okafor, Ana Pires", None),
        ("By Jana Rowe, Tom Okafor, CNN", "Jana Rowe, Tom Okafor", "CNN"),
        # several authors: every one kept
        ("By Jana Rowe, Tom Okafor", "Jana Rowe, Tom Okafor", None),
        ("By Jana Rowe, Tom Okafor and Ana Pires", "Jana Rowe, Tom Okafor and Ana Pires", None),
        ("By Jana Rowe, Tom Okafor & Ana Pires", "Jana Rowe, Tom Okafor & Ana Pires", None),
        ("By Jana Rowe and Tom Okafor", "Jana Rowe and Tom Okafor", None),
        ("By Jana Rowe , Tom Okafor", "Jana Rowe, Tom Okafor", None),
        # after a comma, no given name opens it: a place or a desk, no author
        ("By Jana Rowe, New York", "Jana Rowe", None),
        ("By Jana Rowe, Harbour Desk", "Jana Rowe", None),
        # a given name opens it, but it is a desk's name or a place
        ("By Jana Rowe, Austin Bureau", "Jana Rowe", None),
        ("By Jana Rowe, Carson City", "Jana Rowe", None),
        ("By Jana Rowe, CNN", "Jana Rowe", "CNN"),
        ("By Jana Rowe Editor", "Jana Rowe", None),
        # not a title: kept
        ("By Jana Rowe", "Jana Rowe", None),
        ("By Rowe Editor", "Rowe Editor", None),  # one word of name would be left
        ("By HARBOUR POST STAFF", "HARBOUR POST STAFF", None),
    ],
)
def test_a_byline_without_its_job_title(line: str, byline: str, source: str | None) -> None:
    meta = Meta()
    assert meta_line(line, meta, default_rules())
    assert (meta.byline, meta.source) == (byline, source)


@pytest.mark.parametrize(
    ("author", "byline"),
    [
        # an author field of a page's metadata
        ("Tom Okafor, Ap Auto Writer", "Tom Okafor"),
        ("JANA ROWE, AP National Political Writer", "JANA ROWE"),
        ("Tom Okafor, Harbour Times Staff", "Tom Okafor"),
        ("Ana Pires November", "Ana Pires"),  # the date's month glued after it
        ("Ana Pires; Tom Okafor", "Ana Pires, Tom Okafor"),
        ("Ana Pires, MS, RDN", "Ana Pires, MS, RDN"),  # letters after a name: kept
        ("Harbour Times staff", "Harbour Times staff"),
        ("By Jana Rowe", "Jana Rowe"),
        # an outlet's initials open the title
        ("Jana Rowe BBC political editor", "Jana Rowe"),
        ("Tom Okafor AP Auto Writer", "Tom Okafor"),
        ("JANA ROWE BBC Editor", "JANA ROWE BBC"),  # a name in capitals: kept whole
        # a generation's suffix is the name's, not an outlet's initials
        ("Tom Okafor III Staff Writer", "Tom Okafor III"),
        ("Tom Okafor JR Political Editor", "Tom Okafor JR"),
        ("Tom Okafor II AP Auto Writer", "Tom Okafor II"),
    ],
)
def test_an_author_field_without_its_job_title(author: str, byline: str) -> None:
    assert byline_text(author) == byline


def test_without_job_title_keeps_a_name_alone() -> None:
    assert without_job_title("Jana Rowe") == "Jana Rowe"
    assert without_job_title("Jana Rowe, Tom Okafor") == "Jana Rowe, Tom Okafor"
    assert without_job_title("Editor") == "Editor"


def test_an_authors_name_and_handle_under_the_standfirst_is_the_byline() -> None:
    # Moneycontrol: "Nishant Kumar @Nishantopines" between the standfirst and the story.
    c = clean(_page(" " * 16 + "Jana Rowe @janarowe", ""))
    assert c.body.split("\n\n") == PROSE
    assert c.byline == "Jana Rowe"


@pytest.mark.parametrize("line", ["The Harbour Post", "Jana Rowe @janarowe @harbourpost"])
def test_a_handle_byline_is_a_name_and_one_handle(line: str) -> None:
    c = clean(_page(" " * 12 + line, ""))
    assert line in c.body.split("\n\n")
    assert c.byline is None


def test_an_outlet_alone_under_the_headline_is_the_source_and_the_date_under_it_metadata() -> None:
    # CTV: "The Associated Press" then "Published Monday, November 18, 2019 8:22AM EST"
    # were the story's first two paragraphs (the outlet line ended the metadata, and
    # "8:22AM" was no time of a date line).
    raw = (
        "Home\nNews\nWorld\n\nSnooze cruise for astronauts\n\nThe Associated Press\n"
        "Published Monday, November 18, 2019 8:22AM EST\n\n"
        f"{PROSE[0]}\n\n{PROSE[1]}\n\nShare on Facebook\nAdvertisement\n"
    )
    c = clean(raw)
    assert c.title == "Snooze cruise for astronauts"
    assert c.body.split("\n\n") == PROSE[:2]
    assert (c.source, c.date) == ("AP", "2019-11-18")


def test_an_outlet_named_in_a_sentence_under_the_headline_stays() -> None:
    raw = "Snooze cruise\n\nThe Associated Press reported it first.\n\n" + PROSE[0]
    assert clean(raw).body.startswith("The Associated Press reported it first.")


def test_a_teaser_of_another_story_ending_with_read_more_leaves_the_body() -> None:
    # Gizmodo: another story's headline and the start of its text, set deeper than the
    # paragraphs, then "Read more", between two paragraphs of the story.
    teaser = [
        " " * 14 + "Ferry Fares Rise Again, Council Papers Show",
        "",
        " " * 14 + "In recent months, hundreds of travellers have complained about the cost of",
        "",
        " " * 15 + "Read more",
        "",
    ]
    c = clean(_page(*teaser))
    assert c.body.split("\n\n") == PROSE


@pytest.mark.parametrize("indent", [12, 10])
def test_lines_in_line_with_the_story_above_read_more_stay(indent: int) -> None:
    # Not set deeper than the paragraph above: the story's own lines.
    line = " " * indent + "Engineers will return to the pier in the spring to look again"
    c = clean(_page(line, "", " " * 12 + "Read more", ""))
    assert line.strip() in c.body.split("\n\n")


@pytest.mark.parametrize(
    "line",
    [
        "First published on November 19, 2019 / 8:16 AM",
        "First Published on Nov 20, 2019 01:38 pm",
        "Published: Monday, November 18th, 2019 at 11:08 a.m.",
        "Published: Nov. 19, 2019, 6:18 p.m. Updated: Nov. 19, 2019, 7:10 p.m.",
    ],
)
def test_a_date_line_in_the_body_of_a_scraped_page_leaves_it(line: str) -> None:
    # CBS, Moneycontrol, PolitiFact, the Spokesman-Review: the page's date again,
    # under the story.
    c = clean(_page(" " * 12 + line, ""))
    assert c.body.split("\n\n") == PROSE


@pytest.mark.parametrize(
    "line",
    [
        "29 November 2018 | 20 January 2019",  # when an exhibition is open: the story's
        "On November 19, 2019 the pier closed for good.",
        "November 19, 2019: the pier closes",
    ],
)
def test_a_line_with_a_date_and_more_stays(line: str) -> None:
    c = clean(_page(" " * 12 + line, ""))
    assert line in c.body.split("\n\n")


@pytest.mark.parametrize(
    "heading", [("Sept. 24, 2019", "Oct. 3, 2019"), ("19 November 2019", "2 December 2019")]
)
def test_a_timelines_dates_without_a_label_stay(heading: tuple[str, str]) -> None:
    # A date alone on its line, with no "Published"/"Updated" before it, heads what
    # happened that day in a timeline: the story's, not the page's date again.
    pad = " " * 12
    raw = "\n".join(
        ["Home", "News", "", f"{pad}How the pier inquiry unfolded", "", f"{pad}{PROSE[0]}", ""]
        + [f"{pad}{heading[0]}", "", f"{pad}{PROSE[1]}", "", f"{pad}{heading[1]}", ""]
        + [f"{pad}{PROSE[2]}", "", "Share on Facebook", "Advertisement"]
    )
    c = clean(raw + "\n")
    assert c.body.split("\n\n") == [PROSE[0], heading[0], PROSE[1], heading[1], PROSE[2]]


def test_a_handle_byline_under_the_headline_with_the_time_since() -> None:
    # TechCrunch: "Catherine Shu @catherineshu / 2 days" under the headline of a tidy page.
    raw = f"Harbour works begin\n\nJana Rowe @janarowe / 2 days\n\n{PROSE[0]}\n\n{PROSE[1]}\n"
    c = clean(raw)
    assert (c.byline, c.body.split("\n\n")) == ("Jana Rowe", PROSE[:2])


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By Jana Rowe @janarowe", "Jana Rowe"),
        ("Follow Jana Rowe @janarowe", "Jana Rowe"),
        ("Follow Us @harbourtimes", None),
        ("Breaking News @harbourtimes", None),
        ("Share On Twitter @harbourtimes", None),
    ],
)
def test_a_handle_line_names_only_a_person(line: str, byline: str | None) -> None:
    # A "By" or "Follow" before the name is no part of it; the outlet's own account
    # under the headline ("Follow Us @...") goes, and is no one's byline.
    for raw in (f"Harbour works begin\n\n{line}\n\n{PROSE[0]}\n\n{PROSE[1]}\n", _page(line)):
        c = clean(raw)
        assert c.byline == byline
        assert line not in c.body


def _with_byline(*end: str) -> str:
    """A scraped page by Jana Rowe, with ``end`` after the story."""
    pad = " " * 12
    lines = [
        "Home",
        "News",
        "",
        f"{pad}Storm-hit pier closed for the winter",
        f"{pad}By Jana Rowe",
        "",
        *[f"{pad}{p}\n" for p in PROSE],
        *[f"{pad}{e}\n" for e in end],
        "Share on Facebook",
        "Advertisement",
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "note",
    [
        "Jana Rowe is the Courier's harbour reporter and has covered the coast since 2009.",
        "Jana Rowe's book about the pier is out in the spring.",
        "Have a tip? Jana Rowe may be reached at jrowe@example.com. Follow her on Twitter.",
    ],
)
def test_the_authors_note_after_the_story_leaves_the_body(note: str) -> None:
    # IGN ("Eric Song is IGN's deal curator…"), NJ.com ("Have a tip? Amy Kuperinsky
    # may be reached at …").
    c = clean(_with_byline(note))
    assert c.byline == "Jana Rowe"
    assert c.body.split("\n\n") == PROSE


def test_the_author_named_in_a_sentence_at_the_end_stays() -> None:
    said = "The pier's history was written up by Jana Rowe in 2009, the council said."
    c = clean(_with_byline(said))
    assert said in c.body.split("\n\n")


@pytest.mark.parametrize(
    ("line", "byline", "source"),
    [
        # Space.com: the names, the page's timestamp, then its section
        ("By Jana Rowe 2019-11-18T20:51:19Z Science & Astronomy", "Jana Rowe", None),
        ("By Jana Rowe - Harbour Post Contributor 2019-11-18T12:48:14Z Space", "Jana Rowe", None),
        ("By Jana Rowe 2019-11-18T20:51:19+01:00 Reuters", "Jana Rowe", "Reuters"),
        ("By Jana Rowe 2019-11-18T20:51Z", "Jana Rowe", None),
        ("By Jana Rowe and Tom Okafor 2019-11-18 World News", "Jana Rowe and Tom Okafor", None),
        # PolitiFact: the weekday before the date, "a.m." after its time
        ("By Jana Rowe on Monday, November 18th, 2019 at 11:04 a.m.", "Jana Rowe", None),
        (
            "By Jana Rowe , Tom Okafor on Monday, November 18th, 2019 at 11:08 a.m.",
            "Jana Rowe, Tom Okafor",
            None,
        ),
    ],
)
def test_a_byline_with_a_timestamp_and_a_section_after_it(
    line: str, byline: str, source: str | None
) -> None:
    meta = Meta()
    assert meta_line(line, meta, default_rules())
    assert (meta.byline, meta.source, meta.date) == (byline, source, "2019-11-18")


@pytest.mark.parametrize(
    "line",
    [
        "By Monday, 18 November 2019 the pier had closed for good.",
        "By 2019-11-18 the pier had closed",
    ],
)
def test_a_sentence_with_a_date_after_by_is_no_byline(line: str) -> None:
    assert not meta_line(line, Meta(), default_rules())


def test_the_timestamp_of_a_byline_under_the_headline_is_the_articles_date() -> None:
    pad = " " * 4
    raw = "\n".join(
        ["Home", "News", "", f"{pad}Storm-hit pier closed for the winter", ""]
        + [f"{pad}{pad}By Jana Rowe 2019-11-18T20:51:19Z Science & Astronomy", ""]
        + [f"{pad}{p}\n" for p in PROSE]
        + ["Share on Facebook", "Advertisement"]
    )
    c = clean(raw + "\n")
    assert (c.byline, c.date) == ("Jana Rowe", "2019-11-18")
    assert c.body.split("\n\n") == PROSE


def test_an_iso_timestamp_is_one_date() -> None:
    from tui.cleaning.dates import date_span, find_date

    assert find_date("Updated 2019-11-18T20:51:19.250Z") == ("2019-11-18", "Updated  ")
    assert date_span("at 2019-11-18T20:51:19+0100 GMT") == ("2019-11-18", 3, 27)
    # a time that is not one (more digits after it) is left to the rest
    assert find_date("2019-11-18T20:51:199") == ("2019-11-18", " T20:51:199")


@pytest.mark.parametrize(
    "label",
    ["Click To Tweet", "Click to Tweet", "Tweet This", "Tweet this quote", "Share This Quote"],
)
def test_a_share_widgets_label_glued_after_a_sentence_leaves(label: str) -> None:
    # A quote box's button scraped after its quote: "... continuum.' Click To Tweet".
    quote = "Every harbour town lives by its pier, and dies a little when it closes."
    c = clean(_page(f"{' ' * 12}{quote} {label}", "", f"{' ' * 12}'Ours first.' {label}", ""))
    assert c.body.split("\n\n") == [PROSE[0], quote, "'Ours first.'", *PROSE[1:]]


@pytest.mark.parametrize(
    "line",
    [
        "Fans were asked to click to tweet.",  # prose: ends with its stop
        "The button under each quote said Click To Tweet",  # no sentence ends before it
        "Readers could share this quote. Tweet this quote to your friends, she wrote.",
        "She said it was time to stop. Tweet This Week, a newsletter, disagreed",
    ],
)
def test_the_words_of_a_share_widget_in_prose_stay(line: str) -> None:
    c = clean(_page(f"{' ' * 12}{line}", ""))
    assert line in c.body.split("\n\n")


def test_a_share_widgets_label_alone_on_its_line_leaves() -> None:
    c = clean(_page(f"{' ' * 12}Click To Tweet", ""))
    assert c.body.split("\n\n") == PROSE


CITATIONS = [
    'Harbour Post, "Pier closed after storm damage," Nov. 13, 2019',
    'Port Authority, "Annual inspection report," accessed Nov. 14, 2019',
    "Email interview with Jana Rowe, harbour engineer, Nov. 15, 2019",
]


def _sources_page(heading: str, after: list[str]) -> list[str]:
    """What a scraped page's story keeps once :func:`drop_sources_list` has looked at
    it, every line taken for the story first (a fact-check's tail: the ruling, its
    metadata, the sources under it, the page's contact box)."""
    from tui.cleaning.asides import drop_sources_list
    from tui.cleaning.passes import _new_page

    texts = [*PROSE, "Researched by: Tom Okafor", heading, *after, "How to contact us"]
    page = _new_page("\n".join(texts) + "\n", default_rules())
    page.scraped, page.body_start, page.body_end = True, 0, len(page.texts) - 1
    drop_sources_list(page)
    return [t for t, gone in zip(page.texts, page.drop, strict=True) if not gone]


@pytest.mark.parametrize("heading", ["Sources:", "Our Sources", "References", "Works cited"])
def test_a_list_of_sources_ends_the_story(heading: str) -> None:
    # A fact-check's "Sources:" under its ruling: the page's apparatus, which would pad
    # the story's searches and names with the titles and outlets it cites.
    assert _sources_page(heading, CITATIONS) == [*PROSE, "Researched by: Tom Okafor"]


def test_a_sources_heading_over_prose_or_one_citation_stays() -> None:
    prose = ["Officials said the repairs would take until spring.", "Fishermen moved."]
    for after in (prose, [CITATIONS[0], *prose]):
        assert "Sources:" in _sources_page("Sources:", after)


@pytest.mark.parametrize("heading", ["Sources:", "Our Sources", "References"])
def test_a_list_of_sources_after_the_story_leaves_the_body(heading: str) -> None:
    # A fact-check's "Sources:" under its ruling: the page's apparatus, which would pad
    # the story's searches and names with the titles and outlets it cites.
    pad = " " * 12
    raw = "\n".join(
        ["Home", "News", "", f"{pad}Storm-hit pier closed for the winter", ""]
        + [f"{pad}{p}\n" for p in PROSE]
        + [f"{pad}  {heading}", ""]
        + [f"{pad}    {line}\n" for line in CITATIONS]
        + [f"{pad}How to contact us", "", "Share on Facebook", "Advertisement"]
    )
    c = clean(raw + "\n")
    assert c.body.split("\n\n") == PROSE  # it ends the story: what follows goes too


@pytest.mark.parametrize(
    "after",
    [
        # prose under the heading: a subheading of the story
        ["Officials said the repairs would take until spring.", "Fishermen moved to the quay."],
        # one citation only
        [CITATIONS[0], "Officials said the repairs would take until spring."],
    ],
)
def test_a_sources_heading_without_citations_under_it_stays(after: list[str]) -> None:
    pad = " " * 12
    c = clean(_page(f"{pad}Sources:", "", *[f"{pad}{line}\n" for line in after]))
    body = c.body.split("\n\n")
    assert "Sources:" in body and after[1] in body and PROSE[2] in body
