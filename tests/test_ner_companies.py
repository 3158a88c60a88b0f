"""A company that shares its name with a place (tui/ner/companies.py and the modules
split from it), on invented names: each text decides from its own evidence."""

from __future__ import annotations

from tui.ner.companies import companies_by_context
from tui.ner.document import LINKED, TAGGER, Candidate
from tui.ner.firm_names import legal_form_names
from tui.ner.people_firms import (
    bodies_before_their_people,
    companies_called_it,
    employers_of_people,
    share_movers,
)
from tui.ner.types import ORG, PERSON, PLACE


def cand(text: str, surface: str, typ: str | None, nth: int = 0) -> Candidate:
    """The nth mention of ``surface`` in ``text``, as the recogniser makes it."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(surface, at + 1)
    before = text[:at].split()
    after = text[at + len(surface) :].replace("'s", " ").replace(",", " , ").split()
    c = Candidate(at, at + len(surface), 0, 1, surface, surface.lower(), typ, TAGGER, surface)
    c.before = before[-1] if before else ""
    c.after = after[0].lower() if after else ""
    return c


def types(text: str, *surfaces: str, typ: str = PLACE) -> list[str | None]:
    """The types companies_by_context gives each mention of ``surfaces``, in
    order (a surface repeated: its next mention)."""
    seen: dict[str, int] = {}
    cands = []
    for s in surfaces:
        cands.append(cand(text, s, typ, nth=seen.get(s, 0)))
        seen[s] = seen.get(s, 0) + 1
    cands.sort(key=lambda c: c.start)
    companies_by_context(cands, text)
    return [c.type for c in cands]


def test_a_web_address_makes_the_name_a_company_in_the_whole_text() -> None:
    text = "The US-based Zapriver.com holds a patent. Zapriver made it first."
    assert types(text, "Zapriver", "Zapriver") == [ORG, ORG]
    text = "Buy it at Zapriver.co.uk today. Zapriver is cheap."
    assert types(text, "Zapriver", "Zapriver") == [ORG, ORG]


def test_a_business_s_belongings_after_a_place_s_possessive() -> None:
    text = "The novel topped Zapriver's book chart. Zapriver sold 400,000 copies."
    assert types(text, "Zapriver", "Zapriver") == [ORG, ORG]
    text = "Zapriver's chief executive left, and Zapriver's shares fell."
    assert types(text, "Zapriver", "Zapriver") == [ORG, ORG]
    # a person has a website too: a person's name is not read so
    text = "Zapley's website was down."
    assert types(text, "Zapley", typ=PERSON) == [PERSON]


def test_traded_shares_make_a_company() -> None:
    assert types("Investors bought shares in Zapriver on Monday.", "Zapriver") == [ORG]
    assert types("Zapriver shares rose 4%.", "Zapriver") == [ORG]
    assert types("It links to online store Zapriver.", "Zapriver") == [ORG]


def test_a_business_s_part_after_a_word_no_place_list_knows() -> None:
    text = "Zapneft bought the Zapgas unit for $9bn. Zapgas was sold."
    assert types(text, "Zapgas", "Zapgas") == [ORG, ORG]
    # the evidence may sit by a mention the tagger typed an organisation
    text = "The sale of Zapgas, its Zapgas unit, stalled."
    cands = [cand(text, "Zapgas", PLACE), cand(text, "Zapgas", ORG, nth=1)]
    companies_by_context(cands, text)
    assert [(c.type, c.source) for c in cands] == [(ORG, LINKED)] * 2
    # a place a list knows has units of an army or a hospital
    text = "The London unit closed today. London was quiet."
    cands = [cand(text, "London", PLACE), cand(text, "London", PLACE, nth=1)]
    for c in cands:
        c.key = "london"
    companies_by_context(cands, text)
    assert [c.type for c in cands] == [PLACE, PLACE]


def test_a_list_after_a_plural_noun_of_businesses() -> None:
    text = "Web portals such as Zapsearch, Zapbay and Zapriver gather links."
    # Zapbay is no candidate (the recogniser dropped it): the list still holds
    assert types(text, "Zapsearch", "Zapriver") == [ORG, ORG]
    text = "Sites like Zapriver offer it. Zapriver said so."
    assert types(text, "Zapriver", "Zapriver") == [ORG, ORG]
    # a list of another kind is no evidence
    text = "Rivers such as the Zapriver and Kessab flood."
    assert types(text, "Zapriver", "Kessab") == [PLACE, PLACE]


def test_a_text_about_the_place_keeps_the_place() -> None:
    text = "The Zapriver basin floods each year, and the Zapriver's tributaries too."
    assert types(text, "Zapriver", "Zapriver") == [PLACE, PLACE]
    text = "Zapriver's harbour and Zapriver's people."
    assert types(text, "Zapriver", "Zapriver") == [PLACE, PLACE]


def test_a_country_keeps_its_type() -> None:
    text = "Japan's shares fell and Japan's website was down."
    cands = [cand(text, "Japan", PLACE), cand(text, "Japan", PLACE, nth=1)]
    for c in cands:
        c.key = "japan"
    companies_by_context(cands, text)
    assert [c.type for c in cands] == [PLACE, PLACE]


def test_an_organisation_s_head_left_out_of_a_place_s_name_joins_it() -> None:
    from tui.ner.firm_names import organisation_heads

    text = "said an analyst with Zapiter Research. Harbourton Holdings fell."
    cands = [cand(text, "Zapiter", PLACE), cand(text, "Harbourton", PERSON)]
    organisation_heads(cands, text)
    assert [(c.surface, c.type) for c in cands] == [
        ("Zapiter Research", ORG),
        ("Harbourton Holdings", ORG),
    ]
    assert [c.last for c in cands] == [2, 2]
    # a head that also ends a place's name, a word that goes on, no capital
    text = "Harbourton County, Harbourton Researchers and Harbourton research."
    cands = [cand(text, "Harbourton", PLACE, nth=k) for k in range(3)]
    organisation_heads(cands, text)
    assert [(c.surface, c.type) for c in cands] == [("Harbourton", PLACE)] * 3


def test_a_legal_form_or_medium_alone_is_no_name() -> None:
    from tui.ner.firm_names import bare_heads

    text = "Millions of TV viewers saw Zap TV and Zapco AG, not the AG."
    cands = [
        cand(text, "TV", ORG),
        cand(text, "Zap TV", ORG),
        cand(text, "Zapco AG", ORG),
        cand(text, "AG", ORG, nth=1),
    ]
    bare_heads(cands)
    assert [c.type for c in cands] == [None, ORG, ORG, None]


def called_it(text: str, *surfaces: str) -> list[str | None]:
    """The types companies_called_it gives each mention of ``surfaces``, typed a
    person by the tagger (a surface repeated: its next mention)."""
    seen: dict[str, int] = {}
    cands = []
    for s in surfaces:
        cands.append(cand(text, s, PERSON, nth=seen.get(s, 0)))
        seen[s] = seen.get(s, 0) + 1
    cands.sort(key=lambda c: c.start)
    for c in cands:
        c.key = c.surface.lower()
    companies_called_it(cands, text)
    return [c.type for c in cands]


def test_a_lone_person_the_text_calls_its_is_an_organisation() -> None:
    text = "Zapcorda released its new console. Sales of Zapcorda rose."
    assert called_it(text, "Zapcorda", "Zapcorda") == [ORG, ORG]
    text = "Zapcorda and its rivals fell. Zapcorda's shares fell most."
    assert called_it(text, "Zapcorda", "Zapcorda") == [ORG, ORG]
    # his or her: a person's
    assert called_it("Zapcorda released his new album.", "Zapcorda") == [PERSON]
    # "its" further off, or after a sentence's end, is another's
    text = "Zapcorda said the firm would cut its costs. Zapcorda. Its costs fell."
    assert called_it(text, "Zapcorda", "Zapcorda") == [PERSON, PERSON]


def test_a_known_name_or_one_named_in_full_stays_a_person() -> None:
    # a surname commenting on a company's plans: "Smith said its plans..."
    assert called_it("Smith said its plans were wrong.", "Smith") == [PERSON]
    text = "Jo Zapcorda spoke. Zapcorda said its plans were wrong."
    assert called_it(text, "Jo Zapcorda", "Zapcorda") == [PERSON, PERSON]


def test_a_lone_person_after_a_person_named_in_full_and_of_is_the_employer() -> None:
    text = "said Jo Vale of Zapcorda. Zapcorda grew."
    cands = [cand(text, "Jo Vale", PERSON), cand(text, "Zapcorda", PERSON)]
    cands.append(cand(text, "Zapcorda", PERSON, nth=1))
    employers_of_people(cands, text)
    assert [c.type for c in cands] == [PERSON, ORG, ORG]
    # a peer's seat is a place's, a known surname a person's ("Jo Vale of Smith")
    cases = (("Lord Vale of Zapcorda said so.", "Lord Vale"), ("Jo Vale of Smith", "Jo Vale"))
    for text, name in cases:
        last = text.split(" of ")[1].split()[0].rstrip(".")
        cands = [cand(text, name, PERSON), cand(text, last, PERSON)]
        employers_of_people(cands, text)
        assert cands[1].type == PERSON, text


def test_a_name_ending_in_a_legal_form_and_its_short_form_are_the_company() -> None:
    text = "KESSABRO SEES PROFIT .\nKessabro Oy said on Thursday . In 1995 , Kessabro lost ."
    head = cand(text, "KESSABRO", PERSON)
    full = cand(text, "Kessabro Oy", PERSON)
    short = cand(text, "Kessabro", PERSON, nth=1)
    head.key = short.key = "kessabro"
    legal_form_names([head, full, short])
    assert [head.type, full.type, short.type] == [ORG, ORG, ORG]
    assert full.source == LINKED


def test_no_legal_form_or_a_persons_name_before_one_keeps_the_person() -> None:
    text = "Zed Kessabro said . Kessabro left ."
    cands = [cand(text, "Zed Kessabro", PERSON), cand(text, "Kessabro", PERSON, nth=1)]
    legal_form_names(cands)
    assert [c.type for c in cands] == [PERSON, PERSON]
    # the short form is a given name the lists know: the person stays
    text = "Jo Inc said . Jo left ."
    cands = [cand(text, "Jo Inc", PERSON), cand(text, "Jo", PERSON, nth=1)]
    cands[1].start = text.index("Jo left")
    legal_form_names(cands)
    assert [c.type for c in cands] == [ORG, PERSON]


def test_a_lone_person_before_a_noun_of_a_bodys_people_is_the_body() -> None:
    text = "Ten Zapgake members left . Zapgake said so . He quit as Zapgake secretary-general ."
    cands = [cand(text, "Zapgake", PERSON, nth=k) for k in range(3)]
    bodies_before_their_people(cands)
    assert [(c.type, c.source) for c in cands] == [(ORG, LINKED)] * 3
    # a person named in full bears the word; a surname the lists know
    text = "Jo Zapgake spoke . Zapgake spokesman Tim said . Lee spokesman Sam said ."
    cands = [cand(text, "Jo Zapgake", PERSON), cand(text, "Zapgake", PERSON, nth=1)]
    cands.append(cand(text, "Lee", PERSON))
    bodies_before_their_people(cands)
    assert [c.type for c in cands] == [PERSON, PERSON, PERSON]


def test_a_name_before_a_share_prices_move_is_a_company() -> None:
    text = (
        "Zapbank rose 12.71 taka to 228.7 , Kessab Cables gained 20.37 to 677.98 . "
        "Zaptel fell to $ 2.56 from $ 2.58 . Kessab Cables said so ."
    )
    cands = [
        cand(text, "Kessab Cables", PERSON),
        cand(text, "Zaptel", PERSON),
        cand(text, "Kessab Cables", PERSON, nth=1),
    ]
    share_movers(cands, text)
    assert [c.type for c in cands] == [ORG, ORG, ORG]


def test_a_players_score_a_rise_to_power_and_a_given_name_keep_the_person() -> None:
    text = "Zed Kessab lost 6-4 6-2 . Zapvale rose to power . Jo Kessab gained 5 percent ."
    cands = [cand(text, "Zed Kessab", PERSON), cand(text, "Zapvale", PERSON)]
    cands.append(cand(text, "Jo Kessab", PERSON))
    share_movers(cands, text)
    assert [c.type for c in cands] == [PERSON, PERSON, PERSON]
