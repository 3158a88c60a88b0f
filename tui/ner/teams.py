"""A town's name before a player's position or a team's staff is its team.

Clubs take their town's name, and a name list knows the town: the tagger types
"Harbourton" a place. A sports text says which it means by the noun after it:
"Harbourton coach Jo Lee", "Harbourton prop Sam Vale", "Harbourton fans" are
the club's, and so is every mention of "Harbourton" in that text ("beat
Harbourton 17-16", "against Harbourton"). A text about the town ("died in
Harbourton") has no such noun and keeps the place. A country keeps its type:
"Ruritania coach Jo Lee" coaches the national side, which the country's name
stands for as a place.
"""

from __future__ import annotations

import re
from typing import Final

from tui.gazetteer import Lexicon, lexicon
from tui.ner.document import CONTEXT, TAGGER, Candidate
from tui.ner.types import ORG, PERSON, PLACE

#: A player's position or a team's staff or following, right after a town's
#: name ("centre", "wing" and "lock" also follow a town's name as other nouns:
#: "the Harbourton centre"; left out).
_TEAM_NOUNS: Final = frozenset(
    "coach manager boss striker midfielder defender goalkeeper keeper winger skipper "
    "captain squad fans supporters players prop fly-half scrum-half flanker hooker "
    "full-back".split()
)


#: A score: "2-1", "320-5" (a cricket side's runs and wickets).
_SCORE: Final = re.compile(r"\d{1,3}-\d{1,3}")
#: A score and "to" before a name: "lost 3-1 to Harbourton".
_SCORE_TO: Final = re.compile(r"\b\d{1,3}-\d{1,3} to $")


#: Words before a place beside a score that make it where the match was
#: played or whose player won ("at Harbourton 2-1", "Jo Lee of the Zarbian
#: Republic 6-4"), not a side.
_NOT_SIDES: Final = frozenset("at of".split())


def _scored(c: Candidate, text: str) -> bool:
    """Whether a score follows the name ("Harbourton 2-1", "beat Harbourton
    17-16") or comes before it with "to" ("lost 3-1 to Harbourton"), and the
    name is a side, not a ground or a player's country."""
    if c.before in _NOT_SIDES:
        return False
    return (_SCORE.fullmatch(c.after) is not None and text[c.end : c.end + 1] == " ") or (
        c.before == "to" and _SCORE_TO.search(text, max(0, c.start - 12), c.start) is not None
    )


#: Words of a win right before the beaten side: "beat Harbourton", "a 17-16
#: victory over Harbourton" (a town is beaten at nothing else; a country may be,
#: in a war, and keeps its type).
_BEATEN_AFTER: Final = re.compile(
    r"(?:\b(?:beat|beating|defeated|defeating|thrashed|edged|blanked|routed|swept)"
    r"|\b(?:victory|victories|win|wins|lead) over) $"
)
#: The last word of :data:`_BEATEN_AFTER`, as the word before a name (looked at
#: first: the expression runs only after one of them).
_BEATEN_LAST: Final = frozenset(
    "beat beating defeated defeating thrashed edged blanked routed swept over".split()
)
#: A win's words right after the winning side, then another name: "Harbourton
#: beat Zapton", "Harbourton edged Zapton".
_BEAT_VERBS: Final = frozenset("beat defeated thrashed edged blanked routed swept".split())
#: A lead given to a side: "gave Harbourton a 4-2 lead" (a score and a lead: a game's).
_GIVEN_LEAD: Final = re.compile(r" an? \d{1,3}-\d{1,3} (?:lead|win|victory)\b")


#: Words after a beaten side that end its name: "beat Harbourton on Sunday",
#: "a win over Harbourton for their fourth" (not a noun: "a win over Zarbian
#: qualifier Jo Lee" names a player's country).
_AFTER_SIDE: Final = frozenset(
    "on in at for to and with by as after before last this since , . ; : ' ’ ( )".split()
)


def _beaten_or_winning(c: Candidate, text: str, places: frozenset[str]) -> bool:
    """Whether a win's words name a town the lists know as its side: "beat
    Harbourton", "victory over Harbourton" (then no noun), "Harbourton beat
    Zapton" (a capital after the verb: a name), "give Harbourton a 4-2 lead"."""
    if c.type != PLACE or c.key not in places:
        return False
    if c.before in _BEATEN_LAST and (
        _BEATEN_AFTER.search(text, max(0, c.start - 16), c.start) is not None
    ):
        return not c.after or c.after in _AFTER_SIDE or text[c.end + 1 : c.end + 2].isupper()
    if c.after in _BEAT_VERBS:
        at = c.end + 2 + len(c.after)
        return text[c.end : c.end + 1] == " " and text[at : at + 1].isupper()
    return c.after in ("a", "an") and _GIVEN_LEAD.match(text, c.end) is not None


def town_teams(cands: list[Candidate], text: str) -> None:
    """A lone word typed a place, no country, right before a player's position
    or a team's staff ("Harbourton coach") and no possessive, is the team: an
    organisation there and everywhere in the text; so is a place, of one word or
    more, beside a score ("Harbourton 2-1", "lost 3-1 to Harbourton"): a town
    scores nothing (a country does, as its national side, and keeps its type).
    A mention the tagger typed an organisation in such a place counts too: the
    town's other mentions are then the team as well."""
    teams: set[str] = set()
    lex: Lexicon | None = None
    for c in cands:
        # (the tagger may type one mention the team and the rest the town:
        # "Harbourton manager Jo Lee" but "a move to Harbourton")
        if c.type not in (PLACE, ORG) or c.source != TAGGER:
            continue
        if c.after in _TEAM_NOUNS:
            if " " in c.key or text[c.end : c.end + 1] in ("'", "’"):
                continue
        elif not _scored(c, text):
            if lex is None:
                lex = lexicon()
            if not _beaten_or_winning(c, text, lex.places):
                continue
        if lex is None:
            lex = lexicon()
        countries = lex.countries
        # (a country under its formal name too: "the Republic of Zarbia")
        if c.key not in countries and c.key.rpartition(" of ")[2] not in countries:
            teams.add(c.key)
    if teams:
        for c in cands:
            if (
                c.key in teams
                and c.type in (PLACE, ORG)
                and c.source == TAGGER
                and not (c.type == PLACE and c.after not in _TEAM_NOUNS and _where(c, text))
            ):
                c.type, c.source = ORG, CONTEXT


#: A date right after a dateline's region: "ZAPTON , Harbourton 2031-03-04".
_DATE_AFTER: Final = re.compile(r" ?\n?\d{4}-\d\d-\d\d")


def _where(c: Candidate, text: str) -> bool:
    """Whether a town's mention says where, not who: "In Harbourton , Jo Lee
    homered", "won 3-1 in Harbourton", a dateline's region ("ZAPTON , Harbourton
    2031-03-04"): the place, whatever its team does elsewhere in the text ("at"
    says nothing: "to stay at Harbourton" is at the club)."""
    before = c.before.lower()
    return before == "in" or (before == "," and _DATE_AFTER.match(text, c.end) is not None)


#: A plural verb right after a name: "Zapband have", "Harbourton were" (British
#: English gives a team, a band or a company plural verbs; a person takes "has").
_PLURAL_VERBS: Final = (" have ", " were ", " are ")
#: What ends a sentence before a name that opens the next.
_SENTENCE_END: Final = frozenset('.!?\n"“')


def _opens_sentence(text: str, start: int) -> bool:
    """Whether a name at ``start`` opens its sentence (after "The" or not): then a
    verb right after it is its own, no list's or clause's ("Jo and Sam were",
    "shadow chancellor Jo Lee were the equivalent")."""
    head = text[:start].rstrip(" ")
    if head.endswith("The"):
        head = head[:-3].rstrip(" ")
    return not head or head[-1] in _SENTENCE_END


def plural_subjects(cands: list[Candidate], text: str) -> None:
    """A name typed a person that opens a sentence right before "have", "were" or
    "are" ("Franz Quill have achieved", "The Zapband were the only band") is a
    group of people: a band, a team, a company: an organisation there and
    everywhere in the text."""
    found: set[str] = set()
    for c in cands:
        if (
            c.type == PERSON
            and c.source == TAGGER
            and c.key not in found
            and text.startswith(_PLURAL_VERBS, c.end)
            and _opens_sentence(text, c.start)
        ):
            found.add(c.key)
    if found:
        for c in cands:  # the sentence decided it (the corpus keeps it, tui.ner.corpus)
            if c.key in found and c.type == PERSON and c.source == TAGGER:
                c.type, c.source = ORG, CONTEXT


#: What stands between the two sides of a fixture: "Harbourton v Zapton".
_VERSUS: Final = re.compile(r" (?:v|vs|vs\.|V) ")


def fixture_sides(cands: list[Candidate], text: str) -> None:
    """The two sides of a fixture ("Harbourton v Zapton", "Zapton vs Ruritania")
    are teams: a side typed a town or a region is its club, there and everywhere
    in the text. A country keeps its type (its national side goes by the
    country's name), as do people ("Lee v Kim": a tennis match)."""
    teams: set[str] = set()
    countries = None
    for k in range(1, len(cands)):
        a, b = cands[k - 1], cands[k]
        if (
            PLACE not in (a.type, b.type)
            or b.start - a.end > 5
            or _VERSUS.fullmatch(text, a.end, b.start) is None
        ):
            continue
        if countries is None:
            countries = lexicon().countries
        for c in (a, b):
            if c.type == PLACE and c.source == TAGGER and c.key not in countries:
                teams.add(c.key)
    if teams:
        for c in cands:
            if c.key in teams and c.type == PLACE and c.source == TAGGER:
                c.type, c.source = ORG, CONTEXT


#: A side's country in brackets and its goals: " ( Ruritania ) 2 ".
_SIDE_SCORE: Final = re.compile(r"\s?\(\s?[A-Z][^()\n]{0,30}?\s?\)\s?1?\d(?=[\s.,;]|$) ?")
#: A scorer's minute in brackets after his name: " ( 32nd )", " ( 90th minute )".
_MINUTE: Final = re.compile(r"\s?\(\s?\d{1,3}(?:st|nd|rd|th)\b")


def result_sides(cands: list[Candidate], text: str) -> None:
    """The sides of a result line with their countries ("Harbourton ( Zarbia ) 2
    Ossery ( Ruritania ) 1") are clubs: a side's name, its country in brackets
    and its goals (under 20: a golfer's round or a team's points in the 70s
    tell no club), then the other side's name. So is the name that opens a
    line of scorers ("Harbourton - Jo Lee ( 32nd ) , Sam Vale ( 84th )"). A
    side typed a person or a place (no country: a national side goes by its
    country's name) is then a team, there and everywhere in the text."""
    if ") " not in text:
        return
    at = {c.start: c for c in cands}
    sides: list[Candidate] = []
    for k, a in enumerate(cands):
        m = _SIDE_SCORE.match(text, a.end)
        if m is not None:
            if text[m.end() : m.end() + 1].isupper():
                sides.append(a)
                b = at.get(m.end())
                if b is not None and _SIDE_SCORE.match(text, b.end) is not None:
                    sides.append(b)
        elif (
            k + 1 < len(cands)
            and (a.start == 0 or text[a.start - 1] == "\n")
            and text[a.end : a.end + 3] == " - "
            and cands[k + 1].start == a.end + 3
            and cands[k + 1].type == PERSON
            and _MINUTE.match(text, cands[k + 1].end) is not None
        ):
            sides.append(a)
    if not sides:
        return
    countries = lexicon().countries
    # (a side typed an organisation already counts: its other mentions are the club)
    teams = {
        c.key
        for c in sides
        if c.type in (PERSON, PLACE, ORG) and c.source == TAGGER and c.key not in countries
    }
    if teams:
        for c in cands:
            if c.key in teams and c.type in (PERSON, PLACE) and c.source == TAGGER:
                c.type, c.source = ORG, CONTEXT


#: The rest of a result line after its first side: its goals, then the other side.
_GOALS: Final = re.compile(r" \d{1,3} ")
#: The other side's goals, ending the line.
_LAST_GOALS: Final = re.compile(r" \d{1,3}[ \t]*(?:\n|$)")
#: A standings row's figures after its side, to the end of the line: six or more
#: (played, won, drawn, lost, goals for and against, points), the last a whole
#: number (a player's averages end in one with decimals: "158 105 79.00").
_STANDINGS: Final = re.compile(r"(?: -?\d[\d.,]*){5,} \d+[ \t]*(?:\n|$)")


def _side_named(c: Candidate, lex: Lexicon) -> bool:
    """Whether a side's name typed a person or a place may be a club's: no
    country (a national side goes by its country's name, a place) and, typed a
    person, no name a list knows as a person's ("Jo Vale 3 5 0 396 170" is a
    batsman's averages)."""
    if c.source != TAGGER or c.key in lex.countries:
        return False
    if c.type == PLACE:
        return True
    if c.type != PERSON:
        return False
    first = c.key.split(" ", 1)[0]
    if " " in c.key:
        return first not in lex.first_names
    return first not in lex.first_names and first not in lex.last_names


def table_sides(cands: list[Candidate], text: str) -> None:
    """The names of a line that is a result, side and goals twice ("Harbourton 3
    Zapton Rovers 1"), and the name opening a standings row, its side then six
    figures or more ("Harbourton 7 4 2 1 13 3 14"), are clubs: a side typed a
    person or a town is the team there and everywhere in the text. A country
    keeps its type, and so does a name the lists know as a person's."""
    sides: list[Candidate] = []
    for k, a in enumerate(cands):
        if a.start and text[a.start - 1] != "\n":
            continue
        if _STANDINGS.match(text, a.end) is not None:
            sides.append(a)
            continue
        goals = _GOALS.match(text, a.end)
        if goals is None or k + 1 >= len(cands):
            continue
        b = cands[k + 1]
        if b.start == goals.end() and _LAST_GOALS.match(text, b.end) is not None:
            sides += (a, b)
    if not sides:
        return
    lex = lexicon()
    teams = {c.key for c in sides if _side_named(c, lex)}
    if teams:
        for c in cands:
            if c.key in teams and c.type in (PERSON, PLACE) and c.source == TAGGER:
                c.type, c.source = ORG, CONTEXT
