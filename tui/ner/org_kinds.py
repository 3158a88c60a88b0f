"""A noun of a kind of organisation next to a name says what the name is.

Split from :mod:`tui.ner.companies`: a noun right before a name ("oil firm
Zapco", "carrier Zapair": :func:`kinds_of_organisations`) or set after it
between commas ("Zapco, a Dallas-based maker of chips": :func:`apposed_kinds`).
"""

from __future__ import annotations

import re
from typing import Final

from tui.gazetteer import Lexicon, lexicon
from tui.ner.document import CONTEXT, TAGGER, Candidate
from tui.ner.types import ORG, PERSON, PLACE

#: Nouns of kinds of organisations: right before a name ("oil firm Zapco",
#: "carrier Zapair"), they say what it is.
ORG_KINDS: Final = frozenset(
    "firm firms company companies giant group maker makers carrier airline retailer bank "
    "insurer operator broker conglomerate subsidiary manufacturer publisher broadcaster "
    "developer supplier chain club band label brokerage unit lender utility refiner miner".split()
)

#: Kinds that are people's trades too ("the Chilean miner Sepulveda", "the money
#: lender Shylock"): before a name the tagger typed a person, they say nothing.
PEOPLE_TOO: Final = frozenset({"lender", "miner"})


def kinds_of_organisations(cands: list[Candidate]) -> None:
    """A name typed a person or a place (no country) right after a noun of a
    kind of organisation ("Russian oil firm Zapco", "carrier Zapair", "maker
    Zapco Oy") is an organisation there and everywhere in the text; so is one
    the tagger typed an organisation there but a person elsewhere ("private bank
    Zapbank", then "Zapbank said"). A name of two words or more is read so only
    if the name lists know its first word as no given name ("bank chairman Jo
    Vale" is no bank)."""
    lex = lexicon()
    countries, given = lex.countries, lex.first_names
    named: set[str] = set()
    for c in cands:
        if (
            c.before in ORG_KINDS
            and c.source == TAGGER
            and (c.type == PERSON or c.type == ORG or (c.type == PLACE and c.key not in countries))
            and not (c.type == PERSON and c.before in PEOPLE_TOO)
            and (" " not in c.key or c.key.split(" ", 1)[0] not in given)
        ):
            named.add(c.key)
    if named:
        for c in cands:
            if c.key in named and c.source == TAGGER and c.type in (PERSON, PLACE):
                # the context decided it (the corpus keeps it, tui.ner.corpus)
                c.type, c.source = ORG, CONTEXT


#: A noun phrase set after a name between a comma and what ends it, whose noun is
#: a kind of organisation: "Zapco, a Dallas-based maker of chips", "the Zappers], a
#: rescue service operating ..." (a word or three before the noun, in lower case or
#: a place's adjective with a hyphen; "of" after a group or a band makes them a
#: crowd: "Jo Lee, a group of fans").
_APPOSED_KIND: Final = re.compile(
    r"[\])]?, (?:a|an) (?:(?:[a-z][a-z-]*|[A-Z][a-z]+-[a-z]+) ){0,3}?"
    r"(firm|company|group|maker|carrier|airline|retailer|bank|insurer|operator|broker|"
    r"conglomerate|subsidiary|manufacturer|publisher|broadcaster|developer|supplier|"
    r"chain|club|band|label|charity|organisation|organization|agency|service|newspaper|"
    r"lender|consultancy|startup)"
    r"(?=[,.;:)]| (?:that|which|who|whose|based|in|with|owned|operating|run|founded|"
    r"backed|listed|known|for|of|from|on|at|and|to)\b)"
)


def apposed_kinds(cands: list[Candidate], text: str) -> None:
    """A name typed a person or a place (no country) that the text describes
    between commas as a kind of organisation ("Zapco, a Dallas-based maker of
    chips, said", "the Zappers], a rescue service operating in ...") is that
    organisation there and everywhere in the text; the sentence decided it. A name
    that opens with a known given name is left: a person has a job ("Jo Vale, a
    senior broadcaster")."""
    named: set[str] = set()
    lex: Lexicon | None = None
    for c in cands:
        if c.source != TAGGER or (c.type != PERSON and c.type != PLACE):
            continue
        if text[c.end : c.end + 1] not in _COMMA_OR_BRACKET:
            continue
        m = _APPOSED_KIND.match(text, c.end)
        if m is None or (m.group(1) in ("group", "band") and text.startswith(" of", m.end())):
            continue
        if lex is None:
            lex = lexicon()
        # (a person named in full by a known given name has a job: "Jo Vale, a
        # senior broadcaster")
        if c.key not in lex.countries and c.key.split(" ", 1)[0] not in lex.first_names:
            named.add(c.key)
    if named:
        for c in cands:
            if c.key in named and c.source == TAGGER and (c.type == PERSON or c.type == PLACE):
                c.type, c.source = ORG, CONTEXT


_COMMA_OR_BRACKET: Final = frozenset(",])")


#: The last words of newspapers' names after their town ("the Zapton Herald", "the
#: Harbourton County Register"): a paper, no person or place is named so.
_MASTHEADS: Final = frozenset(
    "post times herald tribune gazette register journal chronicle courier examiner "
    "observer inquirer enquirer intelligencer dispatch sentinel bulletin advertiser "
    "star-tribune news-register".split()
)
#: A town's administrative noun between its name and a paper's: "Harbourton County
#: Register".
_TOWN_NOUNS: Final = frozenset(("county", "city"))


def mastheads(cands: list[Candidate]) -> None:
    """A name the tagger typed a person or a place, a town the lists know and a
    newspaper's last word ("Zapton Post", "Harbourton County Register"), is the
    paper: an organisation there and everywhere in the text ("Jo Post" is a
    person: no town before the word)."""
    named: set[str] = set()
    places = None
    for c in cands:
        if c.source != TAGGER or (c.type != PERSON and c.type != PLACE) or " " not in c.key:
            continue
        head, _, last = c.key.rpartition(" ")
        if last not in _MASTHEADS:
            continue
        if places is None:
            places = lexicon().places
        town, _, noun = head.rpartition(" ")
        if head in places or (noun in _TOWN_NOUNS and town in places):
            named.add(c.key)
    if named:
        for c in cands:
            if c.key in named and c.source == TAGGER and (c.type == PERSON or c.type == PLACE):
                c.type, c.source = ORG, CONTEXT
