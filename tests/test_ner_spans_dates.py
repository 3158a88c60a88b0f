"""A table's day or date run into a name is cut off it (tui/ner/spans.py
dates_at_edges), an organisation's "The" and a currency's code are no names
(shed_the_and_money), a squad list's bracketed names are clubs
(clubs_in_brackets), a result line's sides are clubs (result_sides), on
invented names."""

from __future__ import annotations

from tui.ner.spans import clubs_in_brackets, dates_at_edges, result_sides, shed_the_and_money


def test_a_weekday_in_capitals_before_a_name_is_cut_off() -> None:
    words = "MON Zapcorda YR EPS 93.12".split()
    assert dates_at_edges(words, [(0, 2, "ORG")]) == [(1, 2, "ORG")]
    words = "THU ZD Holdings YR DIV 41.8".split()
    assert dates_at_edges(words, [(0, 3, "ORG")]) == [(1, 3, "ORG")]


def test_a_month_and_its_day_after_a_name_are_cut_off() -> None:
    words = "Zapsurvey Aug 21 37.2 32.8".split()
    assert dates_at_edges(words, [(0, 2, "ORG")]) == [(0, 1, "ORG")]
    words = "Elect Zapres April 20 43.0".split()
    assert dates_at_edges(words, [(0, 3, "ORG")]) == [(0, 2, "ORG")]


def test_a_headline_in_capitals_a_month_without_a_day_and_one_word_are_kept() -> None:
    found = [(0, 2, "ORG")]
    # a name all in capitals (a headline's "SUN ZAPCO")
    assert dates_at_edges("SUN ZAPCO RAISES".split(), found) is found
    # a month with no day after it: a surname ("Jo March said")
    assert dates_at_edges("Jo March said".split(), found) is found
    assert dates_at_edges("Jo March 2000".split(), found) is found
    # a one-word name that is no date word
    assert dates_at_edges("Zapco 21".split(), [(0, 1, "ORG")]) == [(0, 1, "ORG")]


def test_a_month_or_a_weekday_alone_in_a_table_is_no_name() -> None:
    # before a figure or a dash, alone in brackets, a weekday in capitals
    assert dates_at_edges("For Nov 11-25 from".split(), [(1, 2, "ORG")]) == []
    assert dates_at_edges("PRICES Jun - 0.2".split(), [(1, 2, "ORG")]) == []
    words = "LONG ZAPGILT ( SEP ) 107-12".split()
    assert dates_at_edges(words, [(0, 2, "ORG"), (3, 4, "ORG")]) == [(0, 2, "ORG")]
    assert dates_at_edges("MON Zapcorda".split(), [(0, 1, "ORG"), (1, 2, "ORG")]) == [(1, 2, "ORG")]
    # an acronym of the words before its brackets; a name; a month not in a table
    words = "the Disasters Emergency Committee ( DEC ) said".split()
    assert dates_at_edges(words, [(1, 4, "ORG"), (5, 6, "ORG")]) == [(1, 4, "ORG"), (5, 6, "ORG")]
    found = [(1, 2, "PER")]
    assert dates_at_edges("said May on".split(), found) is found
    assert dates_at_edges("the DEC said".split(), [(1, 2, "ORG")]) == [(1, 2, "ORG")]


def test_an_organisations_the_is_cut_off_but_a_papers_or_a_titles_is_kept() -> None:
    words = "The Zapland Grain Commission said".split()
    assert shed_the_and_money(words, [(0, 4, "ORG")]) == [(1, 4, "ORG")]
    found = [(0, 3, "ORG")]
    assert shed_the_and_money("The Zapton Times said".split(), found) is found
    assert shed_the_and_money("The Zapland Code sold".split(), found) is found
    # two words, or a person's name, keep it
    assert shed_the_and_money("The Zapcorps said".split(), [(0, 2, "ORG")]) == [(0, 2, "ORG")]
    words = "The Zapland Grain Commission".split()
    assert shed_the_and_money(words, [(0, 4, "PER")]) == [(0, 4, "PER")]


def test_a_currencys_code_before_its_sign_is_no_name() -> None:
    words = "The stock fell ZK $ 0.23 in Zapland".split()
    assert shed_the_and_money(words, [(3, 4, "ORG"), (7, 8, "LOC")]) == [(7, 8, "LOC")]
    # a name before a dollar sign written apart is kept when not in capitals
    words = "Zapco $ 5".split()
    assert shed_the_and_money(words, [(0, 1, "ORG")]) == [(0, 1, "ORG")]


def _people(words: list[str], *names: str) -> list[tuple[int, int, str]]:
    """The spans of ``names`` (each a run of words) typed people."""
    out = []
    for name in names:
        parts = name.split()
        at = next(i for i in range(len(words)) if words[i : i + len(parts)] == parts)
        out.append((at, at + len(parts), "PER"))
    return out


def test_the_names_in_brackets_after_a_squad_lists_players_are_clubs() -> None:
    words = "Defenders - Jo Vale ( Zapton Rovers ) , Sam Kell ( Harbgrass ) .".split()
    found = [*_people(words, "Jo Vale", "Sam Kell"), (5, 6, "LOC")]
    got = clubs_in_brackets(words, sorted(found), set())
    assert (5, 7, "ORG") in got and (12, 13, "ORG") in got, got
    assert (5, 6, "LOC") not in got


def test_countries_figures_a_cast_list_and_roles_keep_their_types() -> None:
    # players with their countries; a results line with figures
    words = "Jo Vale ( Germany ) , Sam Kell ( Zapton Rovers ) .".split()
    found = _people(words, "Jo Vale", "Sam Kell")
    assert clubs_in_brackets(words, found, set()) == found  # one club only
    words = "1. Jo Vale ( Zapton Rovers ) 71 , Sam Kell ( Harbgrass ) 72".split()
    found = _people(words, "Jo Vale", "Sam Kell")
    assert clubs_in_brackets(words, found, set()) is found
    # a cast list: no club named by a place or as a club; words written in lower case
    words = "Jo Vale ( Shining Zapcity ) , Sam Kell ( Dumb Zapshow ) .".split()
    found = _people(words, "Jo Vale", "Sam Kell")
    assert clubs_in_brackets(words, found, set()) == found
    words = "Jo Vale ( Zapton Rovers ) , Sam Kell ( Enduring Love ) .".split()
    found = _people(words, "Jo Vale", "Sam Kell")
    assert clubs_in_brackets(words, found, {"love"}) == found
    # roles that are given names
    words = "Tea Vale ( Jo ) , Sam Kell ( Zapton Rovers ) .".split()
    found = _people(words, "Tea Vale", "Sam Kell")
    assert clubs_in_brackets(words, found, set()) == found


def test_both_sides_of_a_result_line_with_a_country_and_goals_are_clubs() -> None:
    words = "In Ossery : Zapton Athletic ( Germany ) 8 Harbgrass".split()
    got = result_sides(words, [(1, 2, "LOC"), (3, 5, "PER")])
    assert got == [(1, 2, "LOC"), (3, 5, "ORG"), (9, 10, "ORG")]
    words = "In Ossery : Harbgrass ( Germany ) 1 Zapton Rovers ( Germany ) 0".split()
    assert result_sides(words, [(1, 2, "LOC")]) == [(1, 2, "LOC"), (3, 4, "ORG"), (8, 10, "ORG")]


def test_a_golfers_round_a_riders_points_and_a_runners_time_name_no_clubs() -> None:
    for line in (
        "Jo Vale ( Germany ) 71 Sam Kell ( Germany ) 72",  # a round, no goals
        "3. Jo Vale ( Germany ) 16",  # points ending the line
        "Jo Vale ( Germany ) 10.03 Sam Kell",  # a time
        "Jo Vale ( Zapland ) 2 Sam Kell",  # no country the lists know
    ):
        words = line.split()
        found = _people(words, "Jo Vale")
        assert result_sides(words, found) == found, line
