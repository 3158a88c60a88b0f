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
"""

from __future__ import annotations

import re
from typing import Final

from tui.gazetteer import Lexicon, lexicon
from tui.ner.document import (
    CONTEXT,
    LINKED,
    TAGGER,
    Candidate,
    canonical_form,
    retype,
    title_words,
)
from tui.ner.features import fold_word
from tui.ner.things import org_suffixes
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
        or c.after in _BODY_NOUNS
        or c.before in _ORG_KINDS
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


#: Heads of organisations' names that also end names of places or of things:
#: "Harbourton County", "Harbourton Town Hall", "Harbourton Centre" may be either.
_PLACE_HEADS: Final = frozenset("county town centre center front forest post".split())
#: A head the name lists miss: "Zapiter Research" (an analysts' firm).
_MORE_HEADS: Final = frozenset(("research",))
#: A capitalised word right after a name, then no other letter or figure.
_HEAD_AFTER: Final = re.compile(r" ([A-Z][a-z]+)(?![\w'’-])")
#: The word after a name, for its ``after``.
_WORD_AFTER: Final = re.compile(r"\s*([\w'’-]+)")


def organisation_heads(cands: list[Candidate], text: str) -> None:
    """A lone word typed a place or a person, right before a capitalised head of
    an organisation's name that the recogniser left out of it ("analysts
    Zapiter Research", "Harbourton Holdings"), is that organisation's name with
    its head. Heads that also end places' names ("Harbourton County") are left
    out, and so are lines in capitals."""
    heads: frozenset[str] | None = None
    taken: set[int] | None = None
    for c in cands:
        if (
            c.source != TAGGER
            or (c.type != PLACE and c.type != PERSON)
            or c.caps
            or " " in c.key
            or text[c.end : c.end + 1] != " "
            or not text[c.end + 1 : c.end + 2].isupper()
        ):
            continue
        found = _HEAD_AFTER.match(text, c.end)
        if found is None:
            continue
        if taken is None:
            taken = {o.start for o in cands}
        if found.start(1) in taken:
            continue
        head = found.group(1).lower()
        if heads is None:
            heads = org_suffixes() | _MORE_HEADS
        if head not in heads or head in _PLACE_HEADS:
            continue
        c.end = found.end()
        c.surface = text[c.start : c.end]
        c.last += 1
        c.key = fold_word(c.surface)
        c.canonical = canonical_form(c.surface)
        c.type, c.source = ORG, LINKED
        nxt = _WORD_AFTER.match(text, c.end)
        c.after = nxt.group(1).lower() if nxt is not None else ""


#: Legal forms and media that end organisations' names ("Zapco AG", "Zap TV")
#: and name none alone: "millions of TV viewers", "the AG".
_BARE_HEADS: Final = frozenset(
    "tv fc ag sa nv bv ab asa oyj llc plc inc ltd co corp spa gmbh".split()
)


def bare_heads(cands: list[Candidate]) -> None:
    """A name that is only an organisation name's legal form or medium, in
    capitals ("TV" in "TV news", "AG"), is no name: its type is none."""
    for c in cands:
        if (
            c.type == ORG
            and c.source == TAGGER
            and len(c.key) <= 4
            and c.key in _BARE_HEADS
            and " " not in c.surface
        ):
            c.type, c.source = None, LINKED


#: The pronoun of a thing a word or two after a name: "Zapco released its new
#: console", "Zapco and its rivals" (a person's would be "his" or "her").
_ITS: Final = re.compile(r"(?:'s|’s)?(?: [a-z]+){0,2} its ")


def companies_called_it(cands: list[Candidate], text: str) -> None:
    """A lone word typed a person that the name lists know as no given name or
    surname, which the text calls "its" right after it ("Zapco released its new
    console"), and that no person named in full in the text starts or ends
    with, is an organisation there and everywhere in the text."""
    if " its " not in text:
        return  # (what _ITS needs: no match is tried after each name)
    found: set[str] = set()
    for c in cands:
        if c.type != PERSON or c.source != TAGGER or " " in c.key or c.key in found:
            continue
        if _ITS.match(text, c.end) is not None:
            found.add(c.key)
    if not found:
        return
    lex = lexicon()
    for c in cands:
        if c.type == PERSON and " " in c.key:
            found.discard(c.key.split(" ", 1)[0])
            found.discard(c.key.rsplit(" ", 1)[1])
    _people_to_organisations(cands, found, lex)


def _people_to_organisations(cands: list[Candidate], found: set[str], lex: Lexicon) -> None:
    """The tagger's people named by one of ``found`` that the name lists know as
    no given name or surname become organisations, at every mention."""
    found = {k for k in found if k not in lex.first_names and k not in lex.last_names}
    retype(cands, found, PERSON, ORG)


#: Titles whose "of" names a place: "Lord Vale of Harbourton", "the Bishop of Ossery".
_PEERS: Final = frozenset(
    "lord lady baron baroness earl viscount duke duchess marquess count countess bishop "
    "archbishop prince princess king queen".split()
)


def employers_of_people(cands: list[Candidate], text: str) -> None:
    """A lone word typed a person right after a person named in full and "of"
    ("said Jo Vale of Zapcorda"), that the name lists know as no given name or
    surname, is the person's employer: an organisation there and everywhere in
    the text (a person is no one's "of")."""
    found: set[str] = set()
    for k in range(1, len(cands)):
        c, prev = cands[k], cands[k - 1]
        if (
            c.type == PERSON
            and c.source == TAGGER
            and " " not in c.key
            and prev.type == PERSON
            and " " in prev.key
            and text[prev.end : c.start] == " of "
            and prev.key.split(" ", 1)[0] not in _PEERS
        ):
            found.add(c.key)
    if found:
        _people_to_organisations(cands, found, lexicon())


#: Nouns of kinds of organisations: right before a name ("oil firm Zapco",
#: "carrier Zapair"), they say what it is.
_ORG_KINDS: Final = frozenset(
    "firm firms company companies giant group maker makers carrier airline retailer bank "
    "insurer operator broker conglomerate subsidiary manufacturer publisher broadcaster "
    "developer supplier chain club band label".split()
)


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
            c.before in _ORG_KINDS
            and c.source == TAGGER
            and (c.type == PERSON or c.type == ORG or (c.type == PLACE and c.key not in countries))
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


#: Legal forms that end only a company's name ("Zapco Oy", "Zapco GmbH").
_LEGAL_FORMS: Final = frozenset(
    "inc corp ltd plc llc ag sa nv bv gmbh oy oyj ab asa spa sarl srl bhd kk".split()
)


def legal_form_names(cands: list[Candidate]) -> None:
    """A name of two words or more typed a person or a place whose last word is a
    company's legal form ("Zapco Oy", "Zapco Holdings Ltd") is that company;
    the name without its legal form, typed a person or a place at its other
    mentions ("Zapco said"), is the company too, unless the name lists know it
    as a given name or a surname."""
    short: set[str] = set()
    for c in cands:
        if c.source != TAGGER or " " not in c.key or c.type not in (PERSON, PLACE, ORG):
            continue
        head, _, last = c.key.rpartition(" ")
        if last.rstrip(".") not in _LEGAL_FORMS or not head:
            continue
        if c.type != ORG:
            c.type, c.source = ORG, LINKED
        short.add(head.removesuffix(",").strip())
    if not short:
        return
    lex = lexicon()
    short = {k for k in short if k not in lex.first_names and k not in lex.last_names}
    for c in cands:
        if c.key in short and c.source == TAGGER and c.type in (PERSON, PLACE):
            c.type, c.source = ORG, LINKED


#: Nouns of a body's people or parts right after its name: "Zapgake members",
#: "the Zapgake secretary-general" (a person's come with "administration" first).
_BODY_NOUNS: Final = frozenset(
    "members member deputies officials official secretary-general unit units party faction "
    "rebels guerrillas troops forces fighters shareholders employees workers chairman leader "
    "spokesman spokeswoman".split()
)


def bodies_before_their_people(cands: list[Candidate]) -> None:
    """A lone word typed a person right before a noun of a body's people or parts
    ("Zapgake members", "Zapgake secretary-general"), that the name lists know
    as no given name or surname and that no person named in full in the text
    bears, is an organisation there and everywhere in the text ("Jo Vale
    spokesman" and "Vale spokesman" after "Jo Vale" stay people)."""
    found = {
        c.key
        for c in cands
        if c.type == PERSON and c.source == TAGGER and " " not in c.key and c.after in _BODY_NOUNS
    }
    if not found:
        return
    for c in cands:
        if c.type == PERSON and " " in c.key:
            found.difference_update(c.key.split(" "))
    if found:
        _people_to_organisations(cands, found, lexicon())


#: A share price's move right after a name: "Zapco fell 1.7 percent to 395.0",
#: "Zapco gained 20.37 to 677.98", "Zapco fell to $ 2.56 from $ 2.58" (a score
#: after "lost" is a match's: "Lee lost 6-4").
_MOVED: Final = re.compile(
    r" (?:fell|rose|gained|lost|added|dropped|slipped|climbed|eased|firmed|jumped|"
    r"plunged|slumped|shed|advanced|declined)(?: to| by)?(?: [A-Z]{0,3}\$)? \d[\d.,]*"
    r"(?! ?-\d)(?: (?:percent|pct|pence|cents|points|to|from)\b)"
)


def share_movers(cands: list[Candidate], text: str) -> None:
    """A lone word or a name typed a person right before a share price's move
    ("Zapco fell 1.7 percent to 395.0", "Zapcables gained 20.37 to 677.98"),
    that the name lists know as no given name or surname and no person named
    in full in the text bears, is a company there and everywhere in the text."""
    found = {
        c.key
        for c in cands
        if c.type == PERSON and c.source == TAGGER and _MOVED.match(text, c.end) is not None
    }
    if not found:
        return
    for c in cands:
        if c.type == PERSON and " " in c.key and c.key not in found:
            found.difference_update(c.key.split(" "))
    lex = lexicon()
    found = {k for k in found if k.split(" ", 1)[0] not in lex.first_names}
    _people_to_organisations(cands, found, lex)


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


#: What a leader heads, right after the leader's name: "the Zapton administration".
_LED: Final = frozenset("administration presidency government cabinet campaign era aides".split())


def firms_by_first_word(cands: list[Candidate]) -> None:
    """A lone word the tagger typed a person that is the first word of an
    organisation the text names with more words ("Zapton will distribute the
    film" beside "Zapton Brothers") is that organisation, at each such mention:
    a firm named after its founders goes by that name alone. Not when a person of
    the text is named with the word ("Jo Zapton", a founder) or leads with it
    ("the Zapton administration", a president's), a title stands before it at any
    of its mentions ("Mr Zapton"), or it is a given name that the name lists know as
    no surname ("Jo" beside "Jo Zapton Trust"). Of two such organisations ("Zapton Brothers",
    "Zapton Records") it is an organisation under its own name."""
    lone: list[Candidate] = []  # the tagger's people of one word
    orgs: list[Candidate] = []  # the organisations of more words
    for c in cands:
        n = c.last - c.first  # (before the types: ints are cheaper to compare)
        if n == 1:
            if c.source == TAGGER and c.type == PERSON:
                lone.append(c)
        elif n > 1 and c.type == ORG and not c.heading:
            orgs.append(c)
    if not lone or not orgs:
        return
    firms: dict[str, str] = {}  # first word -> the organisation's name ("": two of them)
    for c in orgs:
        space = c.key.find(" ")
        if space > 0:
            word = c.key[:space]
            got = firms.get(word)
            firms[word] = c.canonical if got is None or got == c.canonical else ""
    named: set[str] | None = None  # the words of the people named in full
    lex: Lexicon | None = None
    for c in lone:
        found = firms.get(c.key)
        if found is None:
            continue
        if named is None:
            named = set()
            titles = title_words()
            for o in cands:
                if o.type == PERSON and " " in o.key:
                    named.update(o.key.split())
                elif o.last - o.first == 1 and (o.after in _LED or fold_word(o.before) in titles):
                    # a leader's ("the Zapton administration"), or a person's by a title
                    # at any mention ("Mr Zapton said ... Zapton added": both the man)
                    named.add(o.key)
        if c.key in named:
            continue
        if lex is None:
            lex = lexicon()
        if c.key in lex.first_names and c.key not in lex.last_names:
            continue  # a given name: the person's a body is named after ("Jo Zapton Trust")
        c.type, c.source = ORG, LINKED
        if found:
            c.canonical = found
