"""A town's name before a player's position or a team's staff is its team
(tui/ner/teams.py), on invented names."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pytest

from tui.gazetteer import lexicon
from tui.ner import teams
from tui.ner.document import CONTEXT, TAGGER, Candidate
from tui.ner.teams import fixture_sides, plural_subjects, result_sides, table_sides, town_teams
from tui.ner.types import ORG, PERSON, PLACE


def cand(text: str, surface: str, after: str = "", nth: int = 0) -> Candidate:
    """The nth mention of ``surface`` in ``text``, typed a place by the tagger."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(surface, at + 1)
    c = Candidate(at, at + len(surface), 0, 1, surface, surface.lower(), PLACE, TAGGER, surface)
    c.after = after
    return c


def test_a_town_before_a_players_position_is_its_team_in_the_whole_text() -> None:
    text = "Harbourton prop Sam Vale is fit. Ossery beat Harbourton 17-16."
    cands = [cand(text, "Harbourton", "prop"), cand(text, "Harbourton", "17-16", nth=1)]
    town_teams(cands, text)
    assert [(c.type, c.source) for c in cands] == [(ORG, CONTEXT)] * 2
    text = "Harbourton fans sang."
    cands = [cand(text, "Harbourton", "fans")]
    town_teams(cands, text)
    assert cands[0].type == ORG


def test_the_town_itself_a_possessive_or_a_country_keep_the_place() -> None:
    text = "She died in Harbourton, aged 94. The Harbourton centre closed."
    cands = [cand(text, "Harbourton", "aged"), cand(text, "Harbourton", "centre", nth=1)]
    town_teams(cands, text)
    assert [c.type for c in cands] == [PLACE, PLACE]
    # a possessive: the town's own boss or fans
    text = "Harbourton's fans were few."
    cands = [cand(text, "Harbourton", "fans")]
    town_teams(cands, text)
    assert cands[0].type == PLACE
    text = "England coach Jo Lee said so."
    cands = [cand(text, "England", "coach")]
    cands[0].key = "england"
    town_teams(cands, text)
    assert cands[0].type == PLACE


def people(text: str, *surfaces: str) -> list[str | None]:
    """The types plural_subjects gives each mention of ``surfaces`` (each once),
    typed a person by the tagger."""
    cands = []
    for surface in surfaces:
        c = cand(text, surface)
        c.type = PERSON
        cands.append(c)
    cands.sort(key=lambda c: c.start)
    plural_subjects(cands, text)
    return [c.type for c in cands]


def test_a_name_that_opens_a_sentence_before_a_plural_verb_is_a_group() -> None:
    text = "It was loud. Zarla Quince have a new album. Fans of Zarla Quince queued."
    assert people(text, "Zarla Quince") == [ORG]
    text = "The Velvet Zaps were the best act. Later Velvet Zaps played."
    assert people(text, "Velvet Zaps") == [ORG]
    assert people("Harbourton are top of the league.", "Harbourton") == [ORG]
    # the sentence decided it: the corpus keeps it (tui.ner.corpus)
    text = "It was loud. Zarla Quince have a new album."
    c = cand(text, "Zarla Quince")
    c.type = PERSON
    plural_subjects([c], text)
    assert (c.type, c.source) == (ORG, CONTEXT)


def test_a_plural_verb_after_a_list_a_clause_or_a_question_is_not_the_names() -> None:
    for text, name in (
        ("Jo Lee and Sam Vale have left.", "Sam Vale"),
        ("Rivals of Jo Lee were angry.", "Jo Lee"),
        ("Would Jo Lee have won?", "Jo Lee"),
        ("Jo Lee has left.", "Jo Lee"),
    ):
        assert people(text, name) == [PERSON], text


def sides(text: str, *surfaces: str) -> list[tuple[str | None, int]]:
    """Types and sources fixture_sides gives each mention of ``surfaces`` (in
    order, each found after the one before), typed a place by the tagger."""
    cands = []
    at = 0
    for surface in surfaces:
        start = text.index(surface, at)
        at = start + len(surface)
        key = surface.lower()
        cands.append(Candidate(start, at, 0, 1, surface, key, PLACE, TAGGER, surface))
    fixture_sides(cands, text)
    return [(c.type, c.source) for c in cands]


def test_a_town_on_either_side_of_a_fixture_is_its_team_in_the_whole_text() -> None:
    text = "Division two - Harbourton v Ossery , Zapton vs. Quorash .\nOssery won."
    got = sides(text, "Harbourton", "Ossery", "Zapton", "Quorash", "Ossery")
    assert got == [(ORG, CONTEXT)] * 5


def test_a_country_in_a_fixture_keeps_the_place_and_a_lone_town_too() -> None:
    # a national side goes by its country's name (as a place)
    assert sides("Second test : England v Harbourton", "England", "Harbourton") == [
        (PLACE, TAGGER),
        (ORG, CONTEXT),
    ]
    # no fixture: "v" is no word between the two, or they are far apart
    assert sides("Harbourton and Ossery", "Harbourton", "Ossery") == [(PLACE, TAGGER)] * 2
    assert (
        sides("Harbourton v. the rest of Ossery", "Harbourton", "Ossery") == [(PLACE, TAGGER)] * 2
    )


def test_a_town_beside_a_score_is_its_team_but_not_a_ground_or_a_country() -> None:
    def scored(text: str, surface: str, before: str, after: str) -> str | None:
        c = cand(text, surface, after)
        c.before = before
        c.key = surface.lower()
        other = cand(text, surface, nth=text.count(surface) - 1)
        other.key = c.key
        cands = [c, other] if other.start != c.start else [c]
        town_teams(cands, text)
        return cands[-1].type

    text = "Ossery beat Harbourton 2-1 . Harbourton fell to sixth ."
    assert scored(text, "Harbourton", "beat", "2-1") == ORG
    text = "Ossery lost 3-1 to Harbourton . Harbourton had lost twice ."
    assert scored(text, "Harbourton", "to", ".") == ORG
    # where the match was played; a country as its national side; a country's formal name
    assert scored("a win at Harbourton Park 3-1 .", "Harbourton Park", "at", "3-1") == PLACE
    assert scored("Ossery beat England 2-1 .", "England", "beat", "2-1") == PLACE
    text = "Jo Lee of the Kingdom of Norway 6-4 ."
    c = cand(text, "Kingdom of Norway", "6-4")
    c.before, c.key = "the", "kingdom of norway"
    town_teams([c], text)
    assert c.type == PLACE


def types_after(
    rule: Callable[[list[Candidate], str], None],
    text: str,
    people: tuple[str, ...],
    places: tuple[str, ...],
) -> dict[str, str]:
    """The type ``rule`` gives each name (the last mention's), every mention of
    ``people`` typed a person and of ``places`` a place by the tagger."""
    cands = []
    for surface in (*people, *places):
        at = -1
        while (at := text.find(surface, at + 1)) >= 0:
            typ = PERSON if surface in people else PLACE
            key = surface.lower()
            cands.append(Candidate(at, at + len(surface), 0, 1, surface, key, typ, TAGGER))
    cands.sort(key=lambda c: c.start)
    rule(cands, text)
    return {c.surface: str(c.type) for c in cands}


def test_the_sides_of_a_result_line_with_their_countries_are_clubs() -> None:
    def typed(text: str, people: tuple[str, ...], places: tuple[str, ...]) -> dict[str, str]:
        return types_after(result_sides, text, people, places)

    text = (
        "In Zapton : Velka Harbourton ( Zarbia ) 2 Ossery\n( Ruritania ) 1 ( 1-1 )\n"
        "Velka Harbourton win 4-2 on aggregate ."
    )
    got = typed(text, ("Velka Harbourton", "Ossery"), ("Zarbia", "Ruritania"))
    assert got == {"Velka Harbourton": ORG, "Ossery": ORG, "Zarbia": PLACE, "Ruritania": PLACE}
    # a golfer's round, a points table, a tennis match: no clubs
    for text in (
        "Jo Lee ( Zarbia ) 71 Sam Vale ( Ruritania ) 72",
        "3. Jo Lee ( Zarbia ) 16\n4. Sam Vale ( Ruritania ) 11",
        "Jo Lee ( Zarbia ) beat Sam Vale ( Ruritania ) 6-2 6-1",
    ):
        got = typed(text, ("Jo Lee", "Sam Vale"), ("Zarbia", "Ruritania"))
        assert got["Jo Lee"] == PERSON and got["Sam Vale"] == PERSON, text


def test_a_mention_the_tagger_typed_the_team_makes_the_towns_mentions_the_team() -> None:
    # the tagger typed "Harbourton manager" the club, the other mentions the town
    text = "He moved to Harbourton . Harbourton manager Jo Lee said so ."
    cands = [cand(text, "Harbourton", "."), cand(text, "Harbourton", "manager", nth=1)]
    cands[1].type = ORG
    town_teams(cands, text)
    assert [(c.type, c.source) for c in cands] == [(ORG, CONTEXT)] * 2


def test_a_side_with_its_goals_and_the_name_opening_a_line_of_scorers_are_clubs() -> None:
    def types(text: str, people: tuple[str, ...]) -> list[str | None]:
        cands = []
        for surface in people:
            at = text.index(surface)
            key = surface.lower()
            cands.append(Candidate(at, at + len(surface), 0, 1, surface, key, PERSON, TAGGER))
        cands.sort(key=lambda c: c.start)
        result_sides(cands, text)
        return [c.type for c in cands]

    # the other side is no name the tagger found
    assert types("In Zapton : Velka Harbourton ( Zarbia ) 2 Qossery 1", ("Velka Harbourton",)) == [
        ORG
    ]
    text = "Scorers :\nVelka Harbourton - Jo Lee ( 32nd ) , Sam Vale ( 84th )"
    assert types(text, ("Velka Harbourton", "Jo Lee", "Sam Vale")) == [ORG, PERSON, PERSON]
    # a rider's points with the next line's words; a scorer without his minute
    text = "6. Tea Vale ( Zarbia ) 5\nOne lap behind :"
    assert types(text, ("Tea Vale",)) == [PERSON]
    assert types("Velka Harbourton - Jo Lee said so", ("Velka Harbourton", "Jo Lee")) == [
        PERSON,
        PERSON,
    ]


def table_types(text: str, people: tuple[str, ...], places: tuple[str, ...]) -> dict[str, str]:
    """The type table_sides gives each name (the last mention's)."""
    return types_after(table_sides, text, people, places)


def test_the_sides_of_a_result_line_and_a_standings_row_are_clubs() -> None:
    text = (
        "Kessab Velka 3 Ossery Zorn 1\nHarbourton 2 Quorash 0\n"
        "Standings :\nZapton Athletico 7 4 2 1 13 3 14\n"
        "Velka won again , and Kessab Velka lead ."
    )
    got = table_types(
        text, ("Kessab Velka", "Ossery Zorn", "Zapton Athletico"), ("Harbourton", "Quorash")
    )
    assert set(got.values()) == {ORG}, got


def test_a_players_averages_a_country_and_a_known_name_keep_their_types() -> None:
    # a batsman's averages end in a figure with decimals; a national side goes
    # by its country's name; a name the lists know as a person's stays one
    text = "Kessab Velka 3 5 1 158 105 79.00\nGermany 1 0 0 1 1 6 0\nJo Vale 2 Sam Lee 1"
    got = table_types(text, ("Kessab Velka", "Jo Vale", "Sam Lee"), ("Germany",))
    assert got == {"Kessab Velka": PERSON, "Germany": PLACE, "Jo Vale": PERSON, "Sam Lee": PERSON}
    # a line with more words than a result's
    text = "Kessab Velka 3 Ossery Zorn 1 in the final"
    assert set(table_types(text, ("Kessab Velka", "Ossery Zorn"), ()).values()) == {PERSON}


def test_a_side_typed_an_organisation_in_a_result_line_makes_its_other_mentions_the_club() -> None:
    text = (
        "In Zapton : Velka Harbourton ( Zarbia ) 2 Ossery ( Ruritania ) 1\nVelka Harbourton win ."
    )
    first, other = text.index("Velka Harbourton"), text.rindex("Velka Harbourton")
    side = Candidate(first, first + 16, 0, 1, "Velka Harbourton", "velka harbourton", ORG, TAGGER)
    again = Candidate(
        other, other + 16, 0, 1, "Velka Harbourton", "velka harbourton", PERSON, TAGGER
    )
    result_sides([side, again], text)
    assert again.type == ORG


def test_a_town_beaten_or_winning_is_its_team_but_where_a_game_was_stays_the_town(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lex = lexicon()
    more = dataclasses.replace(lex, places=lex.places | {"harbourton"})
    monkeypatch.setattr(teams, "lexicon", lambda: more)

    def town_types(
        text: str, afters: tuple[str, ...], befores: tuple[str, ...]
    ) -> list[str | None]:
        cands = []
        for nth, (after, before) in enumerate(zip(afters, befores, strict=True)):
            c = cand(text, "Harbourton", after, nth=nth)
            c.before, c.key = before, "harbourton"
            cands.append(c)
        town_teams(cands, text)
        return [c.type for c in cands]

    # the beaten side, the winning side before a name, a lead given; "In Harbourton ,"
    # (where the game was) stays the town, "Harbourton prop" is the team's
    text = "Ossery beat Harbourton on Sunday . In Harbourton , Jo Lee homered ."
    assert town_types(text, ("on", ","), ("beat", "In")) == [ORG, PLACE]
    text = "Ossery beat Harbourton . They signed in Harbourton prop Jo Lee ."
    assert town_types(text, (".", "prop"), ("beat", "in")) == [ORG, ORG]
    text = "Kim Vale scored in the victory over Harbourton . Harbourton fell ."
    assert town_types(text, (".", "fell"), ("over", ".")) == [ORG, ORG]
    text = "Harbourton edged Ossery on Friday ."
    assert town_types(text, ("edged",), ("",)) == [ORG]
    text = "Jo Lee hit a homer to give Harbourton a 4-2 lead ."
    assert town_types(text, ("a",), ("give",)) == [ORG]
    # a dateline's region stays the place
    text = "ZAPTON , Harbourton 2031-03-04\nOssery defeated Harbourton ."
    assert town_types(text, ("2031-03-04", "."), (",", "defeated")) == [PLACE, ORG]
    # no win: a town visited, beaten back, before a verb and no name, a player's
    # town before a noun ("a win over Harbourton qualifier Jo Lee")
    text = "She beat back fears in Harbourton . Harbourton beat the odds ."
    assert town_types(text, (".", "beat"), ("in", ".")) == [PLACE, PLACE]
    text = "The army defeated rebels near Harbourton ."
    assert town_types(text, (".",), ("near",)) == [PLACE]
    text = "a 6-1 win over Harbourton qualifier Jo Lee ."
    assert town_types(text, ("qualifier",), ("over",)) == [PLACE]
    # a town the lists do not know is no town beaten ("beat Kim to the ball")
    monkeypatch.setattr(teams, "lexicon", lambda: lex)
    text = "Ossery beat Harbourton on Sunday ."
    assert town_types(text, ("on",), ("beat",)) == [PLACE]
