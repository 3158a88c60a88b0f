"""Cleaning scraped pages: a sign-up form's buttons and the message it shows once sent
("Subscribe No thanks", "You have successfully subscribed. Thank you!", "Thanks for
signing up!") start the page's footer (config/boilerplate.yaml, ``footer``); the pitch
over it ("Stay up to date with Example Corp.") is a cruft phrase, and the form's lines
the footer took count for the form above them (tui/cleaning/signup.py). A press
release's company description then ends the body and goes (tui/cleaning/profile.py).

Shaped as pages of aeb-dev/text without their indents (a company's press release, a
regional paper's story with its newsletter box), with made-up names and text.
"""

from __future__ import annotations

from tui.cleaning import clean

RELEASE = [
    "ZURICH, SWITZERLAND",
    "Example Corp and Northwind Medical announce a partnership to bring the Wardwatch "
    "alarm system to hospitals across Europe, starting with twelve sites next year.",
    "The system gathers the alarms of every device at a patient's bed and sends only the "
    "ones that need a nurse to a handheld phone, so that staff hear fewer of them.",
    "\u201cNurses told us they hear hundreds of alarms a shift,\u201d says Lena Brandt, who "
    "leads the product at Example Corp. \u201cMost of them need nothing from anyone.\u201d",
    "For more information on Wardwatch, please visit the company's website.",
]
PROFILE = [
    "Example Corp is a global solutions provider focused on hospital communication. Its "
    "vision is to close the gaps between the devices and the people who care for patients.",
    "Example Corp is headquartered in Zurich (Switzerland), has subsidiaries in 12 "
    "countries and employs around 900 people worldwide. Its shares are listed on the "
    "Swiss exchange.",
]
FORM = [
    "Stay up to date with Example Corp.",
    "Subscribe No thanks",
    "You have successfully subscribed. Thank you!",
    "An email with an activation link has just been sent to your address. Please "
    "activate your subscription by clicking on the link inside the email.",
    "Example Corp News Service",
    "Company news at your fingertips.",
    "Example Corp offers to all who are interested a news service that brings its media "
    "releases to their desktop or phone.",
    "* Quick Links",
    "Solutions",
    "Example Corp | Hospitals Example Corp | Care homes Example Corp | Clinics "
    "Example Corp | Pharmacies Example Corp | Laboratories Example Corp | Schools",
    "Find a partner",
    "Example Corp | Partners around the world. With you every step of the way.",
    "\u00a92019 Example Corp",
    "Legal information & privacy policy",
]
HEADER = [
    "Home News Company news Example Corp and Northwind Medical announce a partnership",
    "Example Corp and Northwind Medical announce a partnership",
    "October 12, 2017",
]


def test_a_release_without_indents_ends_before_its_profile_and_form() -> None:
    c = clean("\n".join(HEADER + RELEASE + PROFILE + FORM) + "\n")
    assert c.body.split("\n\n")[-4:] == RELEASE[1:]
    assert c.date == "2017-10-12"


STORY = [
    "The county will open two new treatment centres next year, its health board said on "
    "Tuesday, after a campaign that got people talking about the problem.",
    "Board members said the centres would have forty beds between them, and that the "
    "waiting list had grown by half since last spring.",
    "\u201cWe put the heart of the message where people would see it,\u201d the campaign's "
    "director said. \u201cThat was the point.\u201d",
]
NEWSLETTER = [
    "Subscribe to the Evening Digest newsletter",
    "Get the day's top headlines delivered to your inbox every evening by subscribing to "
    "our newsletter.",
    "You have been successfully subscribed!",
    "There was a problem subscribing you to the newsletter. Please try again.",
    "Top stories in Region",
    "Council approves new bus routes",
    "12:51 p.m.",
]


def test_a_newsletter_box_under_a_story_goes_with_its_message() -> None:
    page = ["Health board plans two new treatment centres", "By Jo Lane", *STORY, *NEWSLETTER]
    c = clean("\n".join(page) + "\n")
    assert c.body.split("\n\n") == STORY


def test_a_story_about_signing_up_keeps_its_sentences() -> None:
    story = [
        *STORY[:2],
        "Thanks for signing up, the director told the first volunteers in a letter sent on "
        "Monday, and she asked them to stay up to date with the board's plans.",
        "You have been successfully subscribed to nothing, one volunteer joked.",
        STORY[2],
    ]
    page = ["Health board plans two new treatment centres", "By Jo Lane", *story]
    assert clean("\n".join(page) + "\n").body.split("\n\n") == story
