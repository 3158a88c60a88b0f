"""Cleaning scraped pages: a company's description of itself at the end of a press
release (tui/cleaning/profile.py).

Shaped as a maker's press releases of aeb-dev/text: the release, its notes, then two
paragraphs on the company (what kind of firm it is, where it is based, how many it
employs, where its shares trade) with no "About ..." heading, as scraped. Made-up text.
"""

from __future__ import annotations

from tui.cleaning import clean

RELEASE = [
    "Examplo today announced a partnership with a hospital group in the north of Spain.",
    "The group will use Examplo's alarm system in its eleven intensive care units from May.",
    "\u201cNurses hear fewer false alarms and reach patients sooner,\u201d said its director.",
    "For more information on the system, please visit the company's own pages.",
]
PROFILE = [
    "Examplo is a global solutions provider focused on hospital communication. The vision "
    "of Examplo is to close information gaps in the ward.",
    "Examplo is headquartered in Lund (Sweden), has subsidiaries in 12 countries and employs "
    "around 900 people worldwide. Its shares are listed on the Nordic exchange.",
]
MENU = ["Home", "Solutions", "News", "Investors", "Careers"]


def _page(end: list[str]) -> str:
    lines = [f"  * {x}" for x in MENU] + ["", "    Home News Business News", ""]
    lines += ["      Examplo announces a partnership in Spain", "", "      12 October 2017", ""]
    lines += [f"        {x}" for x in RELEASE + end]
    lines += ["", "  * Quick Links", "  * Contact", "  * Privacy policy", "  Subscribe No thanks"]
    return "\n".join(lines) + "\n"


def test_a_companys_description_at_the_end_of_a_release_goes() -> None:
    c = clean(_page(PROFILE))
    assert c.body.split("\n\n") == RELEASE


def test_one_line_on_the_company_at_a_storys_end_stays() -> None:
    end = ["The firm, founded in 1990, is based in Lund and employs around 900 people."]
    c = clean(_page(end))
    assert c.body.split("\n\n") == RELEASE + end
