"""What a name does in its sentence tells its type where its shape cannot.

The tagger reads a word's shape and its neighbours; some evidence lies a step
further, in how the text uses the name:

* a word after a noun of a kind of organisation ("oil firm Zapco") is one
  (:func:`tui.ner.org_kinds.kinds_of_organisations`);
* a word that "owns" a person named in full ("Harbourton's Jo Lee") or has
  members ("Harbourton manager", "Harbourton fans") is a team, a party or an
  employer, not a person (:func:`owners_of_people`);
* a word that only ever qualifies a noun ("Whig leader", "Whig plans", "a
  Whig government"), or that the text writes as a plural of people ("the
  Whigs"), names a group's members, as "Republican" or "Briton" do: no person
  (:func:`group_words`);
* an auxiliary that opens a question is no given name: "Will Whig tax cuts
  work?" (:func:`question_openers`);
* two capitals after a place and a comma are a region's code: "Harbourton,
  ZQ" (:func:`region_codes`);
* the two sides of a score are of one kind: "Zapton 2-1 Harbourton"
  (:func:`score_sides`);
* a peer's or a knight's title and a name is a person ("Lord Harbourton")
  (:func:`titled_people`); a given name after a word of no name is none ("the
  Best Foreign Language Oscar") (:func:`given_name_last`);
* a place followed by a point of the compass is a place: a constituency or a
  district ("Harbourton North") (:func:`compass_places`);
* the names of lists and quotations are of one kind (:mod:`tui.ner.lists`);
* an abbreviation with a plural "s" at a name's end is no part of it: "two
  Harbourton DJs" (:func:`plural_abbreviations`);
* a place that acts, beside an organisation named in full with it, is that
  organisation: "Zapair Airline ... Zapair said" (:func:`org_short_forms`);
* a place no list knows before a possessive and goods is their maker: "Zapstar's
  video game" (:func:`tui.ner.companies.makers_of_goods`).

Each changes only what the tagger guessed, never a gazetteer entry.
"""

from __future__ import annotations

import re
from typing import Final

from tui.gazetteer import fold, lexicon
from tui.ner.ages import people_of_an_age
from tui.ner.bodies import (
    bodies_of_people,
    briefs_of_spokesmen,
    clipped_names,
    owners_named_in_full,
    places_of_office_holders,
)
from tui.ner.companies import companies_by_context, makers_of_goods
from tui.ner.document import GAZETTEER, LINKED, TAGGER, Candidate, canonical_form, retype
from tui.ner.features import fold_word
from tui.ner.firm_names import bare_heads, legal_form_names, organisation_heads
from tui.ner.lists import (
    among_kinds,
    awards,
    examples_of_kinds,
    list_members,
    product_lists,
    quoted_titles,
    roles_in_works,
    sequels,
    stars_of_works,
)
from tui.ner.org_kinds import apposed_kinds, kinds_of_organisations, mastheads
from tui.ner.people_firms import (
    bodies_before_their_people,
    companies_called_it,
    employers_of_people,
    share_movers,
)
from tui.ner.teams import fixture_sides, plural_subjects, result_sides, table_sides, town_teams
from tui.ner.things import org_suffixes
from tui.ner.types import ORG, PERSON, PLACE

_POSSESSIVE: Final = ("'s ", "’s ")


#: Nouns right after a name (no "'s") that make it a team or an employer: a
#: person has a manager or fans with a possessive ("Lee's fans"), if at all.
_MEMBER_NOUNS: Final = frozenset(
    "manager boss chairman striker midfielder defender goalkeeper keeper winger skipper "
    "squad players fans supporters employees staff shareholders chief executives "
    "customers subscribers users account accounts".split()
)


def owners_of_people(cands: list[Candidate], text: str) -> None:
    """A lone word typed a person, right before "'s" or "star" and a person named
    in full ("Harbourton's Jo Lee", "Harbourton star Jo Lee"), or right before a
    noun of its members or its users ("Harbourton manager", "Harbourton fans",
    "Zapchat users", "a Zapchat account"), is an organisation there and everywhere
    in the text."""
    owners: set[str] = set()
    for k in range(len(cands)):
        c = cands[k]
        if c.type != PERSON or c.source != TAGGER or " " in c.key:
            continue
        possessive = text[c.end : c.end + 3] in _POSSESSIVE
        if not possessive and c.after in _MEMBER_NOUNS:
            owners.add(c.key)
            continue
        nxt = cands[k + 1] if k + 1 < len(cands) else None
        if (
            nxt is not None
            and nxt.type == PERSON
            and " " in nxt.key
            and (text[c.end : nxt.start] in _POSSESSIVE or text[c.end : nxt.start] == " star ")
        ):
            owners.add(c.key)
    retype(cands, owners, PERSON, ORG)


def people_of_places(cands: list[Candidate], text: str) -> None:
    """A name of two words typed an organisation right after a place's possessive
    ("Harbourton's Alwyn Simon"), whose last word is a given name and a surname
    and whose first no name list knows, is a person there and everywhere in the
    text: a place's member, its MP or its player (a body's name ends in a word of
    bodies or places: "Harbourton's Zapco Group", "Harbourton's Kessab Villa")."""
    lex = lexicon()
    people: set[str] = set()
    for k in range(1, len(cands)):
        c, before = cands[k], cands[k - 1]
        if c.source != TAGGER or c.type != ORG or c.key.count(" ") != 1:
            continue
        first, last = c.key.split(" ")
        if (
            before.type == PLACE
            and text[before.end : c.start] in _POSSESSIVE
            and last in lex.first_names
            and last in lex.last_names
            and first.isalpha()
            and first not in lex.first_names
            and first not in lex.last_names
            and first not in lex.places
            and first not in lex.orgs
        ):
            people.add(c.key)
    retype(cands, people, ORG, PERSON)


#: Words after a name that show it does something or is done to, rather than
#: qualifying a noun: verbs, auxiliaries, function words.
_NOT_NOUNS: Final = frozenset(
    "to that which who with for from in on at of by as and or but is are was were has have "
    "had will would can could should may might must does did when while if than then said "
    "says told added also".split()
)


def _qualifies(c: Candidate, text: str) -> bool:
    """Whether a mention comes right before a noun it qualifies ("Whig plans";
    not "Lee's plans": a person has them)."""
    w = c.after
    return (
        text[c.end : c.end + 2] not in ("'s", "’s")
        and w[:1].isalpha()
        and w[:1].islower()
        and w not in _NOT_NOUNS
        and not w.endswith("ed")
        and c.before.lower() not in ("mr", "mrs", "ms", "dr", "sir")
    )


def _plural_in(word: str, text: str) -> bool:
    """Whether the text writes a capitalised word's plural as a word ("Whigs",
    "Tories" for "Tory")."""
    plurals = [word + "s"]
    if word.endswith("y"):
        plurals.append(word[:-1] + "ies")
    for plural in plurals:
        at = text.find(plural)
        while at >= 0:
            end = at + len(plural)
            if (at == 0 or not text[at - 1].isalnum()) and not text[end : end + 1].isalnum():
                return True
            at = text.find(plural, end)
    return False


def group_words(cands: list[Candidate], text: str) -> None:
    """A lone word typed a person that qualifies a noun at every mention, twice
    or more or once in a text that writes its plural ("the Whigs"), or at half
    of two or more mentions in such a text,
    that no person named in full in the text ends with and that is no known
    surname ("Clinton proposes" reads like "Whig plans"): a group's word, no
    name of ours."""
    surnames = lexicon().last_names
    counts: dict[str, list[int]] = {}
    full: set[str] = set()
    for c in cands:
        if c.type != PERSON:
            continue
        if " " in c.key:
            full.add(c.key.rsplit(" ", 1)[1])
            continue
        if c.source != TAGGER or c.key in surnames or not c.surface.isalpha():
            continue
        got = counts.setdefault(c.key, [0, 0])
        got[0] += 1
        got[1] += _qualifies(c, text)
    if not counts:
        return
    groups = set()
    for key, (n, q) in counts.items():
        if key in full or q * 2 < n:
            continue
        plural = _plural_in(key[:1].upper() + key[1:], text)
        if (q == n and (n >= 2 or plural)) or (n >= 2 and plural):
            groups.add(key)
    retype(cands, groups, PERSON, None)


#: Auxiliaries that open a question and are also given names or words of names.
_AUXILIARIES: Final = frozenset(
    "Will May Can Could Would Should Shall Did Does Do Is Are Was Were Has Have Must".split()
)
_SENTENCE_START: Final = frozenset(("", ".", "?", "!", '"', "“", "‘", "'", ":"))


def question_openers(cands: list[Candidate], text: str) -> None:
    """A name whose first word is an auxiliary opening a question ("Will Whig
    tax cuts work?") starts after it; a name of that word alone is none."""
    if "?" not in text:
        return
    for c in cands:
        if c.source != TAGGER or c.type is None or c.before not in _SENTENCE_START:
            continue
        first, _, rest = c.surface.partition(" ")
        if first not in _AUXILIARIES:
            continue
        end = c.end
        while end < len(text) and text[end] not in ".?!\n":
            end += 1
        if end >= len(text) or text[end] != "?":
            continue
        rest = rest.lstrip()
        if not rest:
            c.type, c.source = None, LINKED
            continue
        c.start = c.end - len(rest)
        c.first += 1
        c.before = first
        c.surface = rest
        c.key = fold_word(rest) if " " not in rest else fold(rest)
        c.canonical = canonical_form(rest)


#: Imperatives of shops' links and buttons ("Buy Zapquest Deluxe", "Shop Velmora
#: Lamps"), never a name's first word before another capitalised word.
_SHOP_VERBS: Final = frozenset("Buy Shop Order Pre-order Preorder Download".split())


def shop_verbs(cands: list[Candidate]) -> None:
    """A name whose first word is a shop's imperative before a capitalised word
    ("to Buy Zapquest Deluxe") is a link's text: the verb is no part of the name
    and what follows is a thing to buy, no name, there and, when it has two
    words or more, at each of its mentions in the text ("Order of Merit" stays:
    a lower-case word follows the verb)."""
    things: set[str] = set()
    for c in cands:
        if c.source != TAGGER or c.type is None:
            continue
        first, _, rest = c.surface.partition(" ")
        if first not in _SHOP_VERBS:
            continue
        rest = rest.lstrip()
        if not rest[:1].isupper():
            continue
        c.start = c.end - len(rest)
        c.first += 1
        c.before = first
        c.surface = rest
        c.key = fold_word(rest) if " " not in rest else fold(rest)
        c.canonical = canonical_form(rest)
        c.type, c.source = None, LINKED
        if " " in rest:
            things.add(c.key)
    if things:
        for c in cands:
            if c.source == TAGGER and c.key in things:
                c.type, c.source = None, LINKED


_CODE: Final = re.compile(r", [A-Z]{2}\b")


def region_codes(cands: list[Candidate], text: str) -> None:
    """Two capitals right after a place and a comma ("Harbourton, ZQ") are the
    code of the state or region it lies in: a place there and everywhere in
    the text."""
    codes: set[str] = set()
    for k in range(1, len(cands)):
        prev, c = cands[k - 1], cands[k]
        s = c.surface
        if (
            prev.type == PLACE
            and c.source == TAGGER
            and c.type != PLACE
            and len(s) == 2
            and s.isupper()
            and s.isalpha()
            and text[prev.end : c.start] == ", "
        ):
            codes.add(c.key)
    # (the search of the whole text, after the names: few texts have such a pair)
    if codes and _CODE.search(text) is not None:
        for c in cands:
            if c.key in codes and c.source == TAGGER and c.surface.isupper():
                c.type, c.source = PLACE, LINKED


_SCORE: Final = re.compile(r" \d{1,3}-\d{1,3} ")


def score_sides(cands: list[Candidate], text: str) -> None:
    """The two sides of one score ("Zapton 2-1 Harbourton") are of one kind: a
    side typed a person beside a side typed an organisation is a team too,
    there and everywhere in the text (a tennis result's "Lee 6-4 6-2 Kim" has
    more than one score between its players)."""
    teams: set[str] = set()
    for k in range(1, len(cands)):
        a, b = cands[k - 1], cands[k]
        # (one of each: compared in place, not as two sets built for each pair)
        if not (a.type == ORG and b.type == PERSON or a.type == PERSON and b.type == ORG):
            continue
        person = a if a.type == PERSON else b
        if person.source != TAGGER or _SCORE.fullmatch(text, a.end, b.start) is None:
            continue
        teams.add(person.key)
    retype(cands, teams, PERSON, ORG)


#: Titles of peers and knights: before a name they make it a person's.
_PEERAGE: Final = frozenset("Lord Lady Sir Dame Baroness Baron Earl Viscount Countess".split())
#: Words after such a title that make it an office, a building or a place's.
_OFFICES: Final = frozenset(
    "chancellor mayor chief justice lieutenant advocate provost chamberlain president "
    "speaker protector high".split()
)


def titled_people(cands: list[Candidate]) -> None:
    """A peer's or a knight's title and a name ("Lord Harbourton", "Dame Jo
    Marlow") is a person, not the place or organisation the name's words may
    suggest (not an office: "Lord Chancellor"; nor "Lady Margaret Hall", whose
    last word names a building)."""
    for c in cands:
        if c.source != TAGGER or c.type == PERSON or c.type is None:
            continue
        title, _, rest = c.surface.partition(" ")
        if title not in _PEERAGE or not rest or not rest[:1].isupper():
            continue
        words = rest.split()
        if (
            len(words) > 3
            or words[0].lower() in _OFFICES
            or not all(w[:1].isupper() for w in words)
        ):
            continue
        if fold(words[-1]) in _NOT_PERSON_ENDINGS:
            continue
        c.type, c.source = PERSON, LINKED


#: Words before a thing's name, never before a person's given name alone.
_ARTICLES: Final = frozenset(
    "a an the his her their its my your our second third first fourth".split()
)


def given_name_last(cands: list[Candidate]) -> None:
    """A name of two words typed a person, the end of a longer run of capitalised
    words, whose last word is a given name and no surname and whose first is
    neither ("Language Oscar", in "the Best Foreign Language Oscar"), is a thing's
    name, not a person's: a person's given name comes first. So is a given name
    that is no surname after an article or a possessive ("won the Oscar", "her
    second Oscar")."""
    lex = lexicon()
    for c in cands:
        if c.source != TAGGER or c.type != PERSON:
            continue
        if " " not in c.key:
            # a lone given name that is no surname, after an article or a
            # possessive: a thing named like a person ("an Oscar", "her second
            # Oscar")
            if c.before in _ARTICLES and c.key in lex.first_names and c.key not in lex.last_names:
                c.type, c.source = None, LINKED
            continue
        if c.key.count(" ") != 1:
            continue
        first, last = c.key.split(" ")
        if (
            last in lex.first_names
            and last not in lex.last_names
            and first not in lex.first_names
            and first not in lex.last_names
            and first.isalpha()
            and c.before[:1].isupper()
        ):
            c.type, c.source = None, LINKED


_NOT_PERSON_ENDINGS: Final = frozenset(
    "hall college school hospital house street road square bridge park island islands "
    "cup trophy stakes".split()
)

_COMPASS: Final = frozenset("north south east west central".split())
_COMPASS_WORDS: Final = tuple(" " + w.title() for w in _COMPASS)


def compass_places(cands: list[Candidate]) -> None:
    """A known place and a point of the compass ("Harbourton North") is a place:
    a constituency, a district."""
    places = lexicon().places
    for c in cands:
        if not c.surface.endswith(_COMPASS_WORDS) or c.source != TAGGER:
            continue
        head, _, last = c.key.rpartition(" ")
        if c.type not in (None, PLACE) and last in _COMPASS and head in places:
            c.type, c.source = PLACE, LINKED


#: Words after a name that show it acting, as a business does and a place does not
#: in business news ("Zapair inks a deal", "Zapair said").
_ACTING: Final = frozenset(
    "said says is has had will inks signed plans announced ordered reported expects "
    "bought agreed".split()
)


#: Last words of a company's registered name: "X Inc" is a company, whatever X looks like.
_LEGAL_FORMS: Final = frozenset(
    "inc corp co ltd plc llc ag sa nv gmbh corporation cos holdings".split()
)


def org_short_forms(cands: list[Candidate]) -> None:
    """A lone word typed a place that the text also names in full as an
    organisation, with a word of organisations' names after it ("Zapair Airline",
    "Zapair Group"), and that acts in two mentions or more ("Zapair inks a deal",
    "Zapair said"), is that organisation's short form there and everywhere in the
    text. A name typed a person that ends in a place no person is named after is
    a branch ("Zapco Europe"), an organisation; then a lone word typed a person,
    no name list's given name or surname, that begins one of these organisations'
    names is the organisation ("Zapco" beside "Zapco Europe"), and so is one
    that opens the name of a company with its legal form ("Zapco" beside "Zapco
    Petroleum Inc"). A name of two
    words or more typed a person that the text also writes with a company's
    legal form after it is that company ("Orla Brandt" beside "Orla Brandt Inc")."""
    lex = lexicon()
    heads: set[str] = set()
    names: set[str] = set()  # "brush wellman" of "Brush Wellman Inc"
    firsts: set[str] = set()  # "zapco" of "Zapco Petroleum Inc"
    for c in cands:
        if " " not in c.key or c.type not in (ORG, PERSON) or c.source >= GAZETTEER:
            continue
        head, _, last = c.key.rpartition(" ")
        if " " in head:
            if c.type == ORG and last.rstrip(".") in _LEGAL_FORMS:
                names.add(head.removesuffix(" &").removesuffix(" and"))
                # "Zapco" typed a person beside "Zapco Petroleum Inc"
                firsts.add(head.split(" ", 1)[0])
            continue
        if c.type == ORG and last in org_suffixes():
            heads.add(head)
        elif (
            last in lex.places
            and last not in lex.first_names
            and last not in lex.last_names
            and head not in lex.first_names
            and c.source == TAGGER
        ):
            # a branch: "Zapco Europe" is no person, and Zapco is its organisation
            c.type, c.source = ORG, LINKED
            heads.add(head)
    # "Brush Wellman" beside "Brush Wellman Inc": the company, no person
    retype(cands, names, PERSON, ORG)
    if not heads and not firsts:
        return
    for c in cands:  # a lone word no name list knows as a person's: the organisation
        if (
            (c.key in heads or c.key in firsts)
            and c.type == PERSON
            and c.source == TAGGER
            and c.key not in lex.first_names
            and c.key not in lex.last_names
        ):
            c.type, c.source = ORG, LINKED
    acting: dict[str, int] = {}
    for c in cands:
        if c.key in heads and c.type == PLACE and c.source == TAGGER and c.after in _ACTING:
            acting[c.key] = acting.get(c.key, 0) + 1
    named = {k for k, n in acting.items() if n >= 2}
    retype(cands, named, PLACE, ORG)


_PLURAL_ABBREVIATION: Final = re.compile(r"[A-Z]{2,}s")


def plural_abbreviations(cands: list[Candidate]) -> None:
    """A name that ends in an abbreviation with a plural "s" ("DJs", "MPs", "CEOs")
    names people of a place or a body, not itself: the name is what comes before
    ("two New York DJs": New York, a place when a name list knows it)."""
    places = lexicon().places
    for c in cands:
        if c.source != TAGGER or c.type is None or " " not in c.surface:
            continue
        # (the name's last two characters, a capital and an "s", asked first: most
        # names end otherwise, and are not cut and matched)
        n = len(c.surface)
        if n < 3 or c.surface[n - 1] != "s" or not 65 <= ord(c.surface[n - 2]) <= 90:
            continue
        head, _, last = c.surface.rpartition(" ")
        if not _PLURAL_ABBREVIATION.fullmatch(last) or not head.strip():
            continue
        c.surface = head.rstrip()
        c.end = c.start + len(c.surface)
        c.last -= 1
        c.key = fold_word(c.surface)
        c.canonical = canonical_form(c.surface)
        if fold(c.surface) in places:
            c.type, c.source = PLACE, LINKED


def apply_roles(cands: list[Candidate], text: str) -> None:
    """The passes above and those of :mod:`tui.ner.lists` that follow the tagger's
    corrections by context, in the recogniser's order (:func:`question_openers`
    comes before the common words are dropped: the recogniser runs it first, on
    its own)."""
    plural_abbreviations(cands)
    kinds_of_organisations(cands)
    apposed_kinds(cands, text)
    mastheads(cands)
    owners_of_people(cands, text)
    owners_named_in_full(cands, text)
    briefs_of_spokesmen(cands, text)
    bodies_of_people(cands, text)
    places_of_office_holders(cands, text)
    people_of_places(cands, text)
    group_words(cands, text)
    compass_places(cands)
    titled_people(cands)
    given_name_last(cands)
    score_sides(cands, text)
    region_codes(cands, text)
    list_members(cands, text)
    examples_of_kinds(cands, text)
    among_kinds(cands, text)
    quoted_titles(cands, text)
    product_lists(cands, text)
    roles_in_works(cands, text)
    sequels(cands, text)
    stars_of_works(cands, text)
    awards(cands, text)
    makers_of_goods(cands, text)
    organisation_heads(cands, text)
    bare_heads(cands)
    companies_by_context(cands, text)
    companies_called_it(cands, text)
    legal_form_names(cands)
    employers_of_people(cands, text)
    bodies_before_their_people(cands)
    share_movers(cands, text)
    people_of_an_age(cands, text)
    town_teams(cands, text)
    fixture_sides(cands, text)
    result_sides(cands, text)
    table_sides(cands, text)
    plural_subjects(cands, text)
    org_short_forms(cands)
    clipped_names(cands)
