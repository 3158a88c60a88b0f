"""Organisations on real pages: names the words around them show to be things
(tui/ner/context.py, tui/ner/document.py), on fixtures of our own."""

from __future__ import annotations

from tui.entities import Recognizer, load_gazetteer
from tui.ner.acronyms import link_acronyms, spelled_in_lower_case, spells
from tui.ner.context import correct_by_context, maker_products
from tui.ner.document import TAGGER, Candidate
from tui.ner.introduced import called_thing
from tui.ner.tokens import WORDS
from tui.ner.types import ORG, PERSON, PLACE


def names(text: str) -> dict[str, str]:
    rec = Recognizer(load_gazetteer())
    return {m.text: m.type for m in rec.extract(text) if m.type != "date"}


def cand(text: str, surface: str, typ: str | None = ORG, nth: int = 0, **kw: object) -> Candidate:
    at = -1
    for _ in range(nth + 1):
        at = text.index(surface, at + 1)
    c = Candidate(at, at + len(surface), 0, 1, surface, surface.lower(), typ, TAGGER, surface)
    for k, v in kw.items():
        setattr(c, k, v)
    return c


def test_a_name_introduced_as_a_things_is_a_thing() -> None:
    for text, name in (
        ("a new alarm solution called Zapwatch Ward", "Zapwatch"),
        ("an electric station wagon called the Veltro Concept", "Veltro"),
        ("It's called Grow Big Plan", "Grow"),
        ("the plan is dubbed Zapgrow", "Zapgrow"),
        ("Lee's film Grey Harbour", "Grey"),
        ("the play Kessab Nights", "Kessab"),
        ("won for the gritty harbour drama Vera Quill", "Vera"),
        ("Lee's 1950s drama Vera Quill", "Vera"),
        ("and British film Vera Quill", "Vera"),
    ):
        words = WORDS.findall(text)
        assert called_thing(words, words.index(name)), text
    for text, name in (
        ("a company called Zapcorp", "Zapcorp"),
        ("a rebel group called the Free Army", "Free"),
        ("a man named Jo Lee", "Jo"),
        ("a town called Kessab", "Kessab"),
        ("the solution Zapwatch", "Zapwatch"),
        ("they film Jo Lee", "Jo"),
        ("the players say they film Jo Lee", "Jo"),
        ("the team to play Zapton on Saturday", "Zapton"),
        ("the fans will film Jo Lee", "Jo"),
        ("Kessab play Harbourton", "Harbourton"),
    ):
        words = WORDS.findall(text)
        assert not called_thing(words, words.index(name)), text


def test_a_called_things_name_is_no_organisation_anywhere_in_the_text() -> None:
    got = names(
        "The new alarm management solution called Brisco Ward Monitor collects data from "
        "bedside devices. Brisco Ward Monitor will ship in May."
    )
    assert not any("Brisco" in n for n in got), got
    got = names(
        "She founded a company called Brisco Labs in 2015. Brisco Labs now employs 40 people."
    )
    assert got.get("Brisco Labs") == "org", got


def test_a_product_lines_name_of_two_words_is_no_organisation() -> None:
    text = (
        "Velmix Flux Boost before, Velmix Flux Surge during, Velmix Flux Glide after: "
        "Velmix Flux drinks help."
    )
    cands = [
        cand(text, "Velmix Flux Boost", PERSON),
        cand(text, "Velmix Flux Surge", PERSON),
        cand(text, "Velmix Flux Glide", ORG),
        cand(text, "Velmix Flux", ORG, nth=3),
    ]
    correct_by_context(cands)
    assert [c.type for c in cands] == [None] * 4
    # a maker's one-word name beside its models stays
    text = "Zapcar Kelvo, Zapcar Brix and Zapcar Tund: Zapcar makes them."
    cands = [
        cand(text, "Zapcar Kelvo"),
        cand(text, "Zapcar Brix"),
        cand(text, "Zapcar Tund"),
        cand(text, "Zapcar", nth=3),
    ]
    correct_by_context(cands)
    assert [c.type for c in cands] == [None, None, None, ORG]


def test_an_organisations_name_with_common_nouns_is_its_product() -> None:
    text = (
        "Zentrol said smart TVs will get the Zentrol TV app, and the music service "
        "Zentrol Music comes later. Zentrol Securities, its broking arm, grew, and "
        "Zentrol Bank too."
    )
    lower = {w for w in WORDS.findall(text) if w.islower()}
    cands = [
        cand(text, "Zentrol"),
        cand(text, "Zentrol TV"),
        cand(text, "Zentrol Music"),
        cand(text, "Zentrol Securities"),
        cand(text, "Zentrol Bank"),
    ]
    assert maker_products(cands, lower, text) == {"zentrol tv", "zentrol music"}
    # "TV" written nowhere as a plural, "music" nowhere in lower case: names
    text = "Zentrol said the Zentrol TV app and Zentrol Music come later."
    lower = {w for w in WORDS.findall(text) if w.islower()}
    cands = [cand(text, "Zentrol"), cand(text, "Zentrol TV"), cand(text, "Zentrol Music")]
    assert maker_products(cands, lower, text) == set()
    # no organisation of that name on its own: nothing to be a product of
    assert maker_products(cands[1:], lower, text) == set()


def test_an_acronym_spelled_by_words_that_are_no_name_is_no_name() -> None:
    text = (
        "Firms with Orbital Cargo Delivery Services (OCDS) contracts grew. The OCDS "
        "contract pays well. The Zapcorp Freight Unit (ZFU) said ZFU would bid."
    )
    assert spells(text, text.index("("), "OCDS")
    assert not spells(text, text.index("("), "OCD")
    ocds = cand(text, "OCDS")
    later = cand(text, "OCDS", nth=1)
    zfu_name = cand(text, "Zapcorp Freight Unit")
    zfu = cand(text, "ZFU")
    zfu_later = cand(text, "ZFU", nth=1)
    cands = [ocds, later, zfu_name, zfu, zfu_later]
    link_acronyms(cands, text)
    assert (ocds.type, later.type) == (None, None)
    # the tagger found the name the acronym abbreviates: it gives its type
    assert (zfu.type, zfu_later.type, zfu_later.canonical) == (ORG, ORG, "Zapcorp Freight Unit")


def test_an_acronym_spelled_by_words_in_lower_case_is_a_term_in_the_whole_text() -> None:
    text = (
        "Zapco bought dark northern spring ( DNS ) wheat and 500 megawatts ( MW ) of power. "
        "It paid more for DNS . The Zapland Wheat Board ( ZWB ) and the board ( KFB ) sold."
    )
    for acronym, expected in (("DNS", True), ("MW", True), ("ZWB", False), ("KFB", False)):
        at = text.index(f"( {acronym} )")
        assert spelled_in_lower_case(text, at, acronym) is expected, acronym
    dns, later, mw = cand(text, "DNS"), cand(text, "DNS", nth=1), cand(text, "MW")
    board, zwb, kfb = cand(text, "Zapland Wheat Board"), cand(text, "ZWB"), cand(text, "KFB")
    cands = [dns, mw, later, board, zwb, kfb]
    link_acronyms(cands, text)
    assert [c.type for c in (dns, mw, later)] == [None, None, None]
    # capitalised words give a name; lower-case words that do not spell it leave it
    assert (zwb.type, zwb.canonical, kfb.type) == (ORG, "Zapland Wheat Board", ORG)


def test_a_name_set_beside_a_noun_of_products_between_commas_is_a_thing() -> None:
    for text, name, j in (
        ("the tech giant's video streaming service, Zapflix, launched today", "Zapflix", 1),
        ("its new console, Veltro One, goes on sale", "Veltro", 2),
    ):
        words = WORDS.findall(text)
        i = words.index(name)
        assert called_thing(words, i, i + j), text
    for text, name, j in (
        ("the firm's new service, Jo Lee said on Monday", "Jo", 2),  # no closing comma
        ("service, Zapflix, launched", "Zapflix", 1),  # no noun phrase before it
        ("the group's parent company, Zapcorp, said", "Zapcorp", 1),  # a company
    ):
        words = WORDS.findall(text)
        i = words.index(name)
        assert not called_thing(words, i, i + j), text
    text = (
        "Zapcorp's foray into gaming has arrived: the tech giant's game streaming "
        'service, Zapflix, launched on Tuesday. "Zapflix has been built to be a cloud '
        'platform," said Jo Lee. Zapflix can run on phones.'
    )
    found = [m for m in Recognizer(load_gazetteer()).extract(text) if m.text == "Zapflix"]
    assert found == []  # a thing everywhere in the text


def test_a_programmes_name_is_no_organisation() -> None:
    text = (
        "Landers will fly under the ZLP program. Nine firms hold ZLP contracts, "
        "and ZLP has paid for two missions."
    )
    got = names(text)
    assert "ZLP" not in got, got
    # a known organisation's programme stays the organisation's
    assert names("Funds come from the NASA program this year.").get("NASA") == "org"


def test_a_name_the_text_numbers_as_models_is_no_organisation() -> None:
    text = (
        "Zapwerk's first ZX.3 electric car arrives next year. Zapwerk says that the ZX. "
        "CROSS VISION may only be a concept today. Walk up to the ZX. CROSS VISION and "
        "its pads light up."
    )
    assert "ZX" not in names(text)
    # a full stop and a number in the next sentence are no model's number
    got = names("Shares in Zapwerk fell after the ZXR. 3 analysts cut their rating of ZXR.")
    assert got.get("ZXR") == "org", got


def test_an_acronym_spelled_by_more_words_than_the_taggers_name_makes_the_name_whole() -> None:
    text = (
        "The Commission for Velbury Equality (CVE) said so, and Transport and Zarnian "
        "Workers Union (TZWU) members agreed. CVE and TZWU will meet."
    )
    tail = cand(text, "Velbury Equality")
    cve = cand(text, "CVE")
    transport = cand(text, "Transport", PERSON)
    union = cand(text, "Zarnian Workers Union")
    tzwu = cand(text, "TZWU")
    later = [cand(text, "CVE", nth=1), cand(text, "TZWU", nth=1)]
    cands = [tail, cve, transport, union, tzwu, *later]
    link_acronyms(cands, text)
    # the names are the acronyms' words, organisations; the pieces inside are gone
    assert [c.canonical for c in cands if c.type == ORG] == [
        "Commission for Velbury Equality",
        "Commission for Velbury Equality",
        "Transport and Zarnian Workers Union",
        "Transport and Zarnian Workers Union",
        "Commission for Velbury Equality",
        "Transport and Zarnian Workers Union",
    ]
    assert transport not in cands and len(cands) == 6
    assert text[tail.start : tail.end] == "Commission for Velbury Equality"
    # a place's end is left alone: a body's name or a place's
    text = "Zarnian Athletics Velbury (ZAV) said so."
    place = cand(text, "Velbury", PLACE)
    zav = cand(text, "ZAV")
    link_acronyms([place, zav], text)
    assert (place.surface, place.type) == ("Velbury", PLACE)


def test_an_acronym_in_brackets_written_with_spaces_links_as_one_without() -> None:
    # text rebuilt from tokens writes "( ZFU )": the same acronym, the same links
    text = (
        "Firms with Orbital Cargo Delivery Services ( OCDS ) contracts grew . The OCDS "
        "contract pays well . The Zapcorp Freight Unit ( ZFU ) said ZFU would bid ."
    )
    ocds, later = cand(text, "OCDS"), cand(text, "OCDS", nth=1)
    zfu_name, zfu, zfu_later = (
        cand(text, "Zapcorp Freight Unit"),
        cand(text, "ZFU"),
        cand(text, "ZFU", nth=1),
    )
    link_acronyms([ocds, later, zfu_name, zfu, zfu_later], text)
    assert (ocds.type, later.type) == (None, None)
    assert (zfu.type, zfu_later.type, zfu_later.canonical) == (ORG, ORG, "Zapcorp Freight Unit")
