"""Photo captions and credits in scraped pages (tui/cleaning/captions.py).

The lines are shaped as on real pages (aeb-dev/text: National Review, the Los Angeles
Times, Fox Business, The Sun, ZDNet, Slate, SpaceNews), with made-up names.
"""

from __future__ import annotations

import pytest

from tui.cleaning import clean
from tui.cleaning.captions import captioned_by, credit_line, credit_only


@pytest.mark.parametrize(
    "line",
    [
        "(Jana Rowe/Reuters)",
        "(Jana Rowe / Associated Press)",
        "(Jana L. Rowe/The Washington Post)",
        "(Image: ravenstock / Getty Images)",
        "(Credit: Getty Images)",
        "(Photo courtesy of the family)",
        "Photo by Tom Okafor",
        "Photo illustration by Slate. Photo by Tom Okafor.",
        "Ana Pires | Bloomberg | Getty Images",
        "Credit: The Valley Times",
        # without brackets: a courtesy, a name and an agency, a labelled illustration
        "Courtesy of Tom Okafor",
        "Courtesy: Orbitek",
        "Photo courtesy of the family",
        "Photo Courtesy of Tom Okafor",
        "IMAGE COURTESY OF ORBITEK",
        "Jana Rowe/Getty",
        "Jana L. Rowe / Reuters",
        "AP Photo/Ben Ortiz",
        "Illustration: Ana Pires",
        "Photo illustration: The Valley Times",
        "Photos: Ana Pires/AFP",
        "Getty Images",
    ],
)
def test_a_credit_alone_on_its_line(line: str) -> None:
    assert credit_only(line)
    assert credit_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Senator Jo Bell speaks to reporters after a vote on Thursday, October 31, 2019. "
        "(Jana Rowe/Reuters)",
        "A worker loads door trims into his truck outside a store in Hialeah, Fla. "
        "(AP Photo/Ben Ortiz, File)",
        "The city was closed earlier this year because of infected marmots "
        "Credit: Vesti/The Valley Times",
        "The latest case was reported after a hunter ate a rabbit Credit: Getty - Contributor",
        "The chairman of the firm, Rui Mota (Credit: Getty Images)",
        "A model of the lander. Credit: Orbitek",
        "The minister in Downing Street. Photograph: Sam Reed/PA",
        "A diagram of the lander's cabin. Illustration: Ana Pires",
    ],
)
def test_a_caption_ending_with_its_credit(line: str) -> None:
    assert credit_line(line)
    assert not credit_only(line)


@pytest.mark.parametrize(
    "line",
    [
        "Stocks fell sharply on Tuesday as oil prices rose, traders said.",
        "The talks were held in Geneva (Switzerland).",
        "He spoke to Radio Free Europe (RFE/RL)",
        "Caroline Quentin (Life Begins/ Von Trapped, ITV1)",
        "Sebastien Bruno (Sale/ENG), William Servat (Stade Toulousain)",
        "Credit Suisse shares fell 3% on Monday.",
        "The bank's credit: a loan of $2bn to the city, repaid in 2019.",
        "(Reporting by Jana Rowe; Editing by Tom Okafor)",
        "Photographs of the era show a busy port.",
        "The photo was taken by a neighbour, police said.",
        # a long paragraph is prose, whatever ends it
        " ".join(["word"] * 90) + " (Jana Rowe/Reuters)",
        # ... unless a picture's credit follows its last sentence (below); not a bare one
        " ".join(["word"] * 90) + ". (Jana Rowe/Reuters)",
        " ".join(["word"] * 90) + ". Jana Rowe/Reuters",
        " ".join(["word"] * 210) + ". Credit: Orbitek",
        # a slash between words is no credit: one word before it, or a sentence
        "Israel/Palestine",
        # a heading of the same shape as "Jana Rowe/Getty": its first word no given name
        "New York/New Jersey",
        "Machine Learning/AI",
        "West Bank/Gaza",
        "Black Friday/Cyber Monday",
        "Courtesy calls were made to every family on the street.",
        # a heading of a label's shape: "Courtesy" and a word
        "Courtesy Counts",
        "The mayor said the courtesy of the staff was remarkable.",
        "The fund's buyers are hedge funds and pension funds / insurers",
        "Illustrations of the era show a busy port.",
    ],
)
def test_prose_is_no_credit(line: str) -> None:
    assert not credit_line(line)


def test_a_subheading_shaped_as_a_bare_credit_stays() -> None:
    # "New York/New Jersey" between two paragraphs heads a part of the story (a tidy
    # page: dropped as a credit, it also made the page read as scraped).
    prose = [
        "Prices rose again across the region last month, the survey found on Monday.",
        "Rents in the city went up by more than a tenth, the steepest rise in years.",
    ]
    raw = f"Rents climb again\n\n{prose[0]}\n\nNew York/New Jersey\n\n{prose[1]}\n"
    assert clean(raw).body.split("\n\n") == [prose[0], "New York/New Jersey", prose[1]]


def test_a_subheading_shaped_as_a_courtesy_credit_stays() -> None:
    # (a tidy page: dropped as a credit, it also made the page read as scraped)
    heading = "Courtesy Counts"
    prose = [
        "Prices rose again across the region last month, the survey found on Monday.",
        "Rents in the city went up by more than a tenth, the steepest rise in years.",
    ]
    raw = f"Rents climb again\n\n{prose[0]}\n\n{heading}\n\n{prose[1]}\n"
    assert clean(raw).body.split("\n\n") == [prose[0], heading, prose[1]]


@pytest.mark.parametrize(
    "credit",
    ["Credit: Orbitek", "(AP Photo/Ben Ortiz)", "(Credit: Getty Images)", "Photo: Jana Rowe"],
)
def test_a_long_caption_whose_credit_names_the_picture(credit: str) -> None:
    # A diagram's caption of a hundred words (ESA's hibernation module) ends with its
    # credit after its last sentence: it was kept as prose past 80 words.
    caption = "Functional areas of the module: " + ", ".join(["crew quarters"] * 45) + "."
    assert 80 < caption.count(" ") < 200
    assert credit_line(f"{caption} {credit}")
    assert credit_line(f"* {caption} {credit}")  # a list item's


def test_a_caption_with_a_bare_credit_after_its_sentence() -> None:
    from tui.cleaning.captions import captioned_bare

    assert captioned_bare("The road to the harbour is not easy. Jana Rowe/Getty")
    assert captioned_bare("Divers at work on the pier, 2019. AP Photo/Ben Ortiz, File")
    assert not captioned_bare("The road to the harbour is not easy, Jana Rowe said")
    assert not captioned_bare("Prices rose in Europe/Asia")  # no sentence before it
    assert not captioned_bare(" ".join(["word"] * 90) + ". Jana Rowe/Getty")


def test_a_caption_over_a_credit_alone() -> None:
    assert captioned_by("Two authors in 2002.", "Photo by Tom Okafor")
    assert not captioned_by("Two authors in 2002.", "He left in 2002.")
    assert not captioned_by("Photo by Tom Okafor", "(Credit: Getty Images)")


PAGE = """\
Home
News
Opinion

The Impeachment Clock Is Running Out

By Mara Quinn
November 19, 2019 6:30 AM

Senator Jo Bell speaks during a briefing after a vote, October 31, 2019. (Jana Rowe/Reuters)

Time is not on the senator's side, and every week makes the point again.

The inquiry is incoherent. Given the numbers, the only strategy left is to taint the president.

Two authors at a convention in 2002.
Photo by Tom Okafor

Yet the senator seems to have no sense that the worm has already turned, the writer said.

The chairman of the committee, Rui Mota (Credit: Getty Images)

The hearings resume on Monday, when two more witnesses are expected to testify in public.

Advertisement
"""


def test_captions_and_credits_leave_the_body_and_name_no_outlet() -> None:
    c = clean(PAGE)
    assert c.title == "The Impeachment Clock Is Running Out"
    assert c.body.split("\n\n") == [
        "Time is not on the senator's side, and every week makes the point again.",
        "The inquiry is incoherent. Given the numbers, the only strategy left is to taint "
        "the president.",
        "Yet the senator seems to have no sense that the worm has already turned, the writer said.",
        "The hearings resume on Monday, when two more witnesses are expected to testify in public.",
    ]
    assert "Photo by Tom Okafor" in c.removed
    assert "Two authors at a convention in 2002." in c.removed
    # Reuters took the picture; the page does not say whose article it is.
    assert c.source is None
    assert c.byline == "Mara Quinn"


def test_a_caption_line_in_a_paragraph_of_prose_lines_stays() -> None:
    # A hard-wrapped paragraph whose last line happens to be a credit's shape: only
    # that line goes, never the prose above it (a block of more than two lines).
    raw = (
        "Harbour works\n\nThe harbour bridge reopened on Tuesday after two years of\n"
        "repairs, the council said.\nPhoto by Tom Okafor\n\nTraffic was light on the first day."
    )
    c = clean(raw)
    assert "repairs, the council said." in c.body
    assert "The harbour bridge reopened" in c.body


def test_a_short_removed_line_still_names_the_outlet() -> None:
    raw = (
        "Home\nNews\nWorld\n\nMarkets slide again\n\nBy Jana Rowe, CNN\n\n"
        "Shares fell sharply on Friday as investors worried about rates, dealers said.\n\n"
        "Analysts expect more volatility in the weeks ahead as central banks meet.\n\n"
        "Advertisement\n"
    )
    assert clean(raw).source == "CNN"


def test_a_byline_beside_a_date_is_no_outlet() -> None:
    # "By FEDERICA LUSIARDI - 2019-04-10" (Inexhibit) made "By FEDERICA LUSIARDI" the
    # article's outlet: capitalised words beside a date read as "Outlet, date".
    c = clean("Design week\n\nBy MARA QUINN - 2019-04-10\n\nThe fair opened on Tuesday in Milan.")
    assert c.source is None
    assert c.byline == "MARA QUINN"
    assert c.date == "2019-04-10"
    assert c.body == "The fair opened on Tuesday in Milan."


def test_a_related_headline_names_no_outlet() -> None:
    # National Review's page named "Bloomberg" (Michael Bloomberg, in a headline of
    # its "related" box) and before that "The New York Times" (a teaser's text).
    raw = (
        "Home\nNews\nWorld\n\nThe inquiry drags on into the winter\n\nBy Jana Rowe\n\n"
        "The inquiry is incoherent, and every week of hearings makes the point again.\n\n"
        "Analysts expect more volatility in the weeks ahead as the committee meets.\n\n"
        "Advertisement\n\nRelated stories\n\n"
        "Bloomberg, Once a Tough Talker, Becomes a Pander Bear\n"
    )
    c = clean(raw)
    assert "Bloomberg, Once a Tough Talker, Becomes a Pander Bear" in c.removed
    assert c.source is None


# -- links to other stories in capitals (tui.cleaning.text.shouted_link) ----------------


@pytest.mark.parametrize(
    ("line", "link"),
    [
        ("GET FOX BUSINESS ON THE GO BY CLICKING HERE", True),
        ("SEAN SPICER ELIMINATED FROM 'DANCING WITH THE STARS'", True),
        ("CO-FOUNDER 'PROUD' OF HOME DEPOT EMPLOYEES LIVING OUT THEIR AMERICAN DREAM", True),
        # subheadings are short, and a question ends with its stop
        ("WHO IS THE FRONT-RUNNER?", False),
        ("WILL SOMEONE STAND UP FOR THE ESTABLISHMENT?", False),
        ("WHAT THE COUNCIL DECIDED ON THE BRIDGE", False),
        # a quote in capitals ends with its stop or quotation mark
        ("“NO COLLUSION, NO OBSTRUCTION, COMPLETE AND TOTAL EXONERATION!”", False),
        ("THIS IS THE GREATEST WITCH HUNT IN AMERICAN POLITICAL HISTORY.", False),
        # a stock quote: few words
        ("HD THE HOME DEPOT INC. 225.86 -12.99 -5.44%", False),
        ("Get Fox Business on the go by clicking here and reading more", False),
    ],
)
def test_a_link_in_capitals(line: str, link: bool) -> None:
    from tui.cleaning.text import shouted_link

    assert shouted_link(line) is link


def test_links_in_capitals_leave_a_scraped_page_and_subheadings_stay() -> None:
    raw = (
        "Home\nMarkets\nRetail\n\nHome improvement chain sales miss estimates\n\n"
        "By Mara Quinn\n\n"
        "The home improvement chain missed sales estimates for the third quarter, sending "
        "its shares down 5% in early trading on Tuesday.\n\n"
        "GET FOX BUSINESS ON THE GO BY CLICKING HERE\n\n"
        "Shares are up 39 percent this year, while the wider market is up 24.5 percent.\n\n"
        "WHAT COMES NEXT?\n\n"
        "The chain expects sales growth of 1.8 percent next year, down from 2.3 percent.\n\n"
        "Advertisement\n"
    )
    c = clean(raw)
    assert "GET FOX BUSINESS ON THE GO BY CLICKING HERE" in c.removed
    assert "WHAT COMES NEXT?" in c.body.split("\n\n")
    assert len(c.body.split("\n\n")) == 4
    # A tidy text (nothing shows it was scraped) keeps every line, capitals or not.
    tidy = (
        "Storm warning\n\nTHE STORM WILL REACH THE COAST BY MONDAY NIGHT AT THE LATEST\n\nIt did."
    )
    assert clean(tidy).body.startswith("THE STORM WILL REACH")
