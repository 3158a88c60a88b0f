"""A company that shares its name with a place, told apart in each text.

A name list knows "Zapriver" as a river's place, and the tagger, reading one
word that a place list knows, types it a place; a text about the online shop
that took the river's name says so in how it uses the name:

* it writes it as a web address: "Zapriver.com", "Zapriver.co.uk";
* it owns what only a business has: "Zapriver's shares", "Zapriver's website",
  "Zapriver's book chart", "Zapriver's chief executive";
* it follows a shop's noun: "online store Zapriver";
* its shares are traded: "shares in Zapriver", "Zapriver shares";
* a word no place list knows names a business's part: "the Zapgas unit";
* it is one of a list of businesses: "web portals such as Zapsearch and
  Zapriver", "firms like Zapriver".

Such evidence makes the lone word an organisation there and everywhere in the
text: one text is about the shop or about the river, seldom both. A text with
no such evidence keeps the tagger's reading (a text about the river says
"the Zapriver basin"), so a corpus where the name is used for both keeps both,
each text as its evidence says. Countries keep their type ("Japan's shares" are
its market's): a country's goods, markets and sites are the country's.

The other passes that tell a company from a person or a place live beside it:
:mod:`tui.ner.org_kinds` (a noun of a kind of organisation before or after a
name), :mod:`tui.ner.firm_names` (the heads and legal forms that end a firm's
name) and :mod:`tui.ner.people_firms` (a lone word typed a person that acts as
a firm).
"""

from __future__ import annotations

import re
from typing import Final

from tui.gazetteer import lexicon
from tui.ner.document import LINKED, TAGGER, Candidate, retype
from tui.ner.org_kinds import ORG_KINDS
from tui.ner.people_firms import BODY_NOUNS
from tui.ner.types import ORG, PERSON, PLACE

#: A web address's ending right after a name: "Zapriver.com".
_DOMAIN: Final = re.compile(r"\.(?:com|net|co\.uk|com\.au|co\.jp)\b")

#: What a business owns, a word or two after its possessive ("Zapriver's
#: website", "Zapriver's book chart", "Zapriver's chief executive").
_OWNED: Final = frozenset(
    "website websites shares shareholders share profits profit revenue revenues "
    "turnover earnings founder founders ceo chairman executive executives boss "
    "customers subscribers chart charts stock".split()
)
_APOSTROPHES: Final = frozenset("'’")
_POSSESSIVE: Final = re.compile(r"['’]s (?:([\w-]+) )?([\w-]+)")

#: A shop's noun right before its name: "online store Zapriver".
_SHOPS: Final = frozenset("store bookseller e-tailer webstore".split())

#: A business's parts after its name: "the Zapgas unit" (a place's unit is
#: an army's or a hospital's: only a word no place list knows is read so).
_PARTS: Final = frozenset("unit units subsidiary subsidiaries shareholders".split())

#: "shares in Zapriver", "a stake in Zapriver"
_SHARES_IN: Final = re.compile(r"\b(?:shares|stake|stakes|investment) in $")

#: Plural nouns of businesses whose examples ("portals such as A, B and C",
#: "firms like A") are businesses, even a name a place list knows.
_BUSINESSES: Final = frozenset(
    "companies firms giants sites websites portals retailers e-tailers shops stores "
    "brands businesses corporations".split()
)
#: What comes right before a list's member: its marker or a join.
_IN_LIST: Final = (", ", " and ", " or ", " such as ", " like ", " including ")
_MARKERS: Final = (" such as ", " like ", " including ")
_NAME: Final = r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)*"
_LIST: Final = re.compile(rf"{_NAME}(?:(?:,? and |,? or |, ){_NAME})*")


def _owns(c: Candidate, text: str) -> bool:
    """Whether a business's belongings follow the name's possessive (a person
    has a website and shares too: only a place's name is read so)."""
    if text[c.end : c.end + 1] not in _APOSTROPHES:
        return False
    owned = _POSSESSIVE.match(text, c.end)
    if owned is None:
        return False
    first, second = owned.group(1), owned.group(2)
    return second.lower() in _OWNED or (first is not None and first.lower() in _OWNED)


#: Words right after a name that show it acting as a business does, which a
#: product or a brand of goods does not ("Zapcar said", "Zapcar reported a loss").
_DEEDS: Final = frozenset(
    "said says told announced announces reported reports plans agreed employs hired "
    "sacked warned".split()
)


def acts_as_business(c: Candidate, text: str) -> bool:
    """Whether the mention acts as a business: it speaks or reports ("Zapcar
    said"), owns a business's belongings ("Zapcar's chief executive"), has its
    people or parts ("Zapcar workers"), its shares are traded ("Zapcar shares"),
    or a noun of a kind of organisation comes right before it ("carmaker
    Zapcar" is not one: "maker Zapcar" is)."""
    return (
        c.after in _DEEDS
        or c.after in BODY_NOUNS
        or c.before in ORG_KINDS
        or _owns(c, text)
        or _traded(c, text, lexicon().places)
    )


def _traded(c: Candidate, text: str, places: frozenset[str]) -> bool:
    """Whether the mention is a web address, follows a shop's noun ("online
    store Zapriver"), its shares are traded or, a word no place list knows, it
    names a business's part ("the Zapgas unit")."""
    if c.after == "shares" or c.before.lower() in _SHOPS:
        return True
    if c.after in _PARTS and c.key not in places:
        return True
    if text[c.end : c.end + 1] == "." and _DOMAIN.match(text, c.end) is not None:
        return True
    if c.before != "in":
        return False
    before = text[max(0, c.start - 24) : c.start]
    return _SHARES_IN.search(before) is not None


def _business_lists(text: str) -> list[tuple[int, int]]:
    """Where each list of capitalised names after a plural noun of businesses
    and "such as", "like" or "including" is (a member the recogniser dropped
    still makes the list: "Zapsearch, Zapbay and Zapriver")."""
    spans: list[tuple[int, int]] = []
    for marker in _MARKERS:
        if marker not in text:
            continue
        at = text.find(marker)
        while at >= 0:
            start = at + len(marker)
            noun = text[max(0, at - 30) : at].rsplit(" ", 1)[-1].rstrip(",")
            if noun.lower() in _BUSINESSES:
                listed = _LIST.match(text, start)
                if listed is not None:
                    spans.append((start, listed.end()))
            at = text.find(marker, start)
    return spans


def companies_by_context(cands: list[Candidate], text: str) -> None:
    """A lone word typed a place or a person that is no country, which the text
    writes as a web address, whose shares it trades, or lists among
    businesses, or a place's name that owns a business's belongings, is an
    organisation there and everywhere in the text (the evidence may sit by a
    mention the tagger typed an organisation)."""
    lex = lexicon()
    countries, places = lex.countries, lex.places
    undecided = {
        c.key
        for c in cands
        if c.source == TAGGER
        and (c.type == PLACE or c.type == PERSON)
        and " " not in c.key
        and c.key not in countries
    }
    if not undecided:
        return
    # a mention the tagger typed an organisation is evidence too ("the Zapgas
    # unit" beside "the sale of Zapgas", a place)
    eligible = [
        c
        for c in cands
        if c.key in undecided and c.source == TAGGER and c.type in (PLACE, PERSON, ORG)
    ]
    spans: list[tuple[int, int]] | None = None
    named: set[str] = set()
    for c in eligible:
        if c.key in named:
            continue
        if _traded(c, text, places) or (c.type != PERSON and _owns(c, text)):
            named.add(c.key)
            continue
        if not text[max(0, c.start - 12) : c.start].endswith(_IN_LIST):
            continue  # not where a list's member stands
        if spans is None:
            spans = _business_lists(text)
        for a, b in spans:
            if a <= c.start and c.end <= b:
                named.add(c.key)
                break
    for c in eligible:
        if c.key in named:
            c.type, c.source = ORG, LINKED


#: Goods a maker's possessive comes before: "Zapco's new video game".
_GOODS: Final = frozenset(
    "game games console consoles phone phones smartphone app apps software car cars "
    "handset handsets chip chips device devices laptop laptops".split()
)
_MAKERS_GOODS: Final = re.compile(r"['’]s (?:[\w-]+ ){0,2}(\w+)")


def makers_of_goods(cands: list[Candidate], text: str) -> None:
    """A lone word typed a place that no name list knows, before a possessive and
    goods ("Zapstar's Western video game"), is their maker: an organisation, there
    and everywhere in the text (a place's goods are its country's: "Japan's cars",
    which a name list knows)."""
    places = lexicon().places
    makers: set[str] = set()
    for c in cands:
        if c.source != TAGGER or c.type != PLACE or " " in c.key or c.key in places:
            continue
        found = _MAKERS_GOODS.match(text, c.end)
        if found is not None and found.group(1).lower() in _GOODS:
            makers.add(c.key)
    retype(cands, makers, PLACE, ORG)
