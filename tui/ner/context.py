"""Corrections from the words around a name, where the tagger is weakest.

The tagger learned from 1996 Reuters news; on names it has never seen it goes
by shape and context, and some contexts say more than its features can:

* a name right before a place noun is a place: "the Quorash air base"
  (:data:`PLACE_NOUNS`);
* a "person" whose last word is an organisation's ("Harbourton United",
  "Quill Works Inc", "Zapner Bros") is an organisation, and so is a name that opens
  with a noun of bodies in Arabic, Persian or Urdu ("Jabhat Zarqa al-Velm");
* an organisation of the text and a country or a region of the world after it
  ("Zapcorp Europe") is the organisation's arm there, no place;
* the surname of a person of the text with a plural "s", after "the" ("the
  Quills" beside "Jo Quill"), is the family: people (:func:`family_names`);
* an unknown acronym in capitals is an organisation, not a place ("ABC/XN");
* a "place" that the text also names with a business noun after it
  ("Amazon founder Jeff Bezos", "Walmart's shoppers") is an organisation
  there and everywhere in the text;
* a "person" with a word of two capitalised parts that the text names as an
  organisation elsewhere is that organisation ("Major WeWork");
* an unknown "organisation" after "in" or "near", with no word of an
  organisation's name, is a place ("camps in Tell Sabah");
* a "place" that the text sells at ("at Zapmart for $20", "Zapmart offers")
  more often than it is in it, is a business;
* a name that ends in a day of the week is an event ("Cyber Tuesday"), and a
  feast is a time of the year ("since Christmas");
* a name of two words or more that ends in "Act", "Amendment" or "Doctrine" is a
  law's ("the Zapland Act"), no person's or body's;
* a name made of an organisation of the text and common nouns ("Zapcorp TV"
  beside "smart TVs") is the maker's product, not an organisation;
* a name after a noun of things ("the moon Veltra"), introduced as a
  thing's ("a solution called Zapwatch") or as what a maker makes ("the
  maker of Zapbrew lager") is no name anywhere in the text (unless it acts
  as a business elsewhere: "the maker of Zapcar ... Zapcar said", an
  organisation's brand),
  nor are three or more names that differ only in their last word ("Zapbook
  Air", "Zapbook Max", "Zapbook Mini": a product line's models), nor the
  line's name of two words or more that they share ("Zapfit Power").

Each changes only what the tagger guessed, never a gazetteer entry.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from tui.gazetteer import Lexicon, cue_words, fold, lexicon
from tui.ner.companies import acts_as_business
from tui.ner.document import LINKED, TAGGER, Candidate, at_dateline, canonical_form
from tui.ner.features import fold_word
from tui.ner.introduced import DETERMINERS, NATIONAL, THING_NOUNS
from tui.ner.spans import acronym
from tui.ner.things import product_lines
from tui.ner.types import ORG, PERSON, PLACE

#: Nouns that, right after a name, make it a place.
PLACE_NOUNS: Final = frozenset(
    "district districts neighbourhood neighborhood village villages town suburb province "
    "governorate region quarter camp airbase airport airfield base dam bridge prison jail "
    "checkpoint crossing refinery port harbour harbor valley river mountains".split()
)
#: Last words of organisation names that no person's name ends with.
ORG_ENDINGS: Final = frozenset(
    "inc corp corporation ltd plc llc ag gmbh fc united council ministry party union "
    "committee commission association federation university institute agency authority "
    "company group holdings bank brigade brigades forces movement front organisation "
    "organization foundation society league club bros brothers".split()
)


#: The last words of the names of schools, which the tagger reads as places where
#: one goes ("went to Harbourton University"): organisations.
_SCHOOLS: Final = frozenset("university college institute academy polytechnic".split())
#: The last words of the names of buildings where people meet, no person's.
_VENUES: Final = frozenset("center centre arena stadium theatre theater auditorium".split())
#: A legal form after a comma right after a name: "Zapger, Inc.", "Zapger, Ltd".
_LEGAL_FORM: Final = re.compile(r", (?:Inc|Ltd|LLC|Corp|plc|PLC|GmbH|AG|S\.A)\b")

#: Nouns that, after a name (or its 's), make it a business, not a place.
_BUSINESS_NOUNS: Final = frozenset(
    "founder founders ceo shares stock shoppers customers subscribers app website "
    "stores brand products spokesperson spokesman spokeswoman".split()
)
_IN: Final = frozenset("in near outside inside around".split())
#: Nouns after which a name is a programme's, no organisation's: "the Zaplunar program".
_PROGRAMMES: Final = frozenset("program programme programs programmes scheme initiative".split())
#: Words after a name that sell: "Zapmart offers", "at Zapmart for $20".
_SELLING: Final = frozenset(
    "offers offering offered discounts discounting discounted sells selling".split()
)
_CURRENCY: Final = frozenset("$£€¥")
_WEEKDAYS: Final = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
#: Feasts and holidays: times of the year, not places or people ("since Christmas").
_FEASTS: Final = frozenset(
    "christmas easter ramadan thanksgiving hanukkah diwali halloween passover lent advent "
    "whitsun pentecost epiphany".split()
)


#: The last words of the names of laws and doctrines ("the Zapland Act", "the Fifth
#: Amendment", "the Velmo Doctrine"): no person, place or body is named so.
_LAWS: Final = frozenset("act acts amendment amendments doctrine".split())
#: A law's last word written as in its name, right after a name: " Act", " Amendment".
_LAW_WORD_OPENINGS: Final = frozenset((" A", " D"))
#: The last words of treaties' names ("the Zap Charter Treaty", "the Velmo
#: Protocol"): no person is named so (a firm may be: "Penn Treaty said").
_TREATIES: Final = frozenset("treaty treaties protocol convention accord accords pact".split())


#: Months and their abbreviations: before or after a day's number, a date.
_MONTHS: Final = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)


def _day(word: str) -> bool:
    """Whether ``word`` is a day of a month: 1 to 31, "3rd", "21st"."""
    digits = word[:-2] if word[-2:] in ("st", "nd", "rd", "th") else word
    return 0 < len(digits) <= 2 and digits.isdigit() and 1 <= int(digits) <= 31


def _sells(c: Candidate) -> bool:
    """A mention in a shop's context: a verb of selling, or a price after "for"."""
    return c.after in _SELLING or (c.after == "for" and c.after2[:1] in _CURRENCY)


_ORG_WORDS: Final = frozenset(
    "house office department court ministry police army government parliament senate "
    "congress assembly news times post journal press exchange market".split()
)


@lru_cache(maxsize=1)
def _nationalities() -> frozenset[str]:
    """The demonyms of the cue words, folded (a nationality is no place)."""
    return frozenset(fold(w) for w in cue_words().nationalities)


#: The codes of the apostrophes of a possessive's "'s".
_APOSTROPHES: Final = frozenset((ord("'"), ord("’")))


def _listed_possessives(cands: list[Candidate], text: str, lex: Lexicon) -> None:
    """A name before "'s" that the lists know with it ("Lloyd's", "Moody's") is
    that organisation, the "'s" included: the tokens cut it off as a possessive."""
    for c in cands:
        if c.type is None or c.source > LINKED:
            continue
        # (the text first: few names have an "'s" after them, and the lists' key is
        # folded by a call into Python for each)
        # (its codes first: an apostrophe there or after a space; most names have none)
        at = c.end
        if at + 1 >= len(text) or not (
            ord(text[at]) in _APOSTROPHES or ord(text[at + 1]) in _APOSTROPHES
        ):
            continue
        tail = text[c.end : c.end + 3]
        size = 2 if tail[:2] in ("'s", "’s") else 3 if tail in (" 's", " ’s") else 0
        if not size or fold(c.surface) + "'s" not in lex.orgs:
            continue
        after = c.end + size
        if not (after < len(text) and text[after].isalnum()):
            c.end = after
            c.last += 1
            c.surface = text[c.start : c.end]
            c.key = fold(c.surface)
            c.canonical = canonical_form(c.surface)
            c.type, c.source = ORG, LINKED


def _common_noun(w: str, lower: set[str], text: str) -> bool:
    """Whether the text uses a word of a name as a common noun: it writes it in
    lower case ("music"), or, an abbreviation in capitals, with a plural "s"
    ("TV" beside "smart TVs")."""
    if w.isupper() and w.isalpha():
        at = text.find(w + "s")
        while at >= 0:
            end = at + len(w) + 1
            if (at == 0 or not text[at - 1].isalnum()) and not text[end : end + 1].isalnum():
                return True
            at = text.find(w + "s", end)
        return False
    return w.lower() in lower


def maker_products(cands: list[Candidate], lower: set[str], text: str) -> set[str]:
    """The keys of names made of an organisation the text names on its own and
    words it uses as common nouns: the maker's product or service ("Zapcorp TV",
    "Zapcorp Music"), not an organisation. A plural or a word of organisations'
    names keeps it one ("Zapcorp Securities", "Zapcorp Bank", "Zapcorp News")."""
    alone = {c.key for c in cands if c.type == ORG and " " not in c.key}
    if not alone:
        return set()
    out: set[str] = set()
    for c in cands:
        if c.source != TAGGER or c.type != ORG or " " not in c.key:
            continue
        first, *rest = c.surface.split()
        if fold(first) not in alone or not rest:
            continue
        if all(
            not w.endswith("s")
            and fold(w) not in ORG_ENDINGS
            and fold(w) not in _ORG_WORDS
            and _common_noun(w, lower, text)
            for w in rest
        ):
            out.add(c.key)
    return out


def _dots_before_digits(text: str) -> list[int]:
    """Where ``text`` has a dot with a digit right after it ("3.5", "Zapcar.3")."""
    out: list[int] = []
    at = text.find(".")
    while at >= 0:
        if text[at + 1 : at + 2].isdigit():
            out.append(at)
        at = text.find(".", at + 1)
    return out


def _model_numbers(name: str, text: str, dots: list[int]) -> bool:
    """Whether ``text`` writes ``name`` with a dot and a digit right after it, as a
    model's number ("Zapcar.3"), not at a sentence's end ("... Zapcar. 3 more");
    ``dots``: :func:`_dots_before_digits` of the text (a few per text, where a
    search for each name would read the whole text)."""
    n = len(name)
    for dot in dots:
        at = dot - n
        if at >= 0 and text.startswith(name, at) and (at == 0 or not text[at - 1].isalnum()):
            return True
    return False


def correct_by_context(
    cands: list[Candidate], lower: set[str] | None = None, text: str = ""
) -> None:
    """The corrections above, on candidates that know the word after them;
    ``lower``: the words the text writes in lower case."""
    lex: Lexicon = lexicon()
    if text:
        _listed_possessives(cands, text, lex)
    orgs = {c.key for c in cands if c.type == ORG}
    # names the text calls a thing ("the moon Veltra"): things everywhere in it
    things = {
        c.key
        for c in cands
        if c.source == TAGGER and (c.before in THING_NOUNS or c.called) and c.key not in lex.orgs
    }
    # not one introduced as a thing's ("the maker of Zapcar") that acts as a
    # business elsewhere ("Zapcar said"): a maker's brand may be a business, one
    # at each of its mentions
    acting = (
        {
            c.key
            for c in cands
            if c.key in things
            and not c.called
            and c.before not in THING_NOUNS
            and acts_as_business(c, text)
        }
        if things
        else set()
    )
    things -= acting
    # the name of a programme: "the Zaplunar program", "under the ZLP scheme"
    things.update(
        c.key
        for c in cands
        if c.source == TAGGER
        and c.after in _PROGRAMMES
        and c.before in DETERMINERS
        and c.key not in lex.orgs
        and c.key not in lex.places
    )
    # a series of models: the text writes the name with a dot and a number ("the
    # Zapcar.3", beside "the Zapcar. CROSS concept")
    dots = _dots_before_digits(text) if text else []
    if dots:
        things.update(
            c.key
            for c in cands
            if c.source == TAGGER
            and c.type is not None
            and " " not in c.key
            and c.key not in lex.orgs
            and _model_numbers(c.surface, text, dots)
        )
    # places the text also calls businesses ("Amazon founder", "Walmart's shoppers")
    businesses = {
        c.key
        for c in cands
        if c.type == PLACE
        and c.after in _BUSINESS_NOUNS
        and c.key not in lex.countries
        # "the Zarbin spokesman for the rebels": where he speaks, for whom he does
        and not (c.after.startswith("spokes") and c.after2.lower() == "for")
    }
    # places the text sells at more often than it is in them ("at Zapmart for $20")
    shop: dict[str, int] = {}
    for c in cands:
        if c.type == PLACE and c.source == TAGGER and c.key not in lex.countries:
            if _sells(c):
                shop[c.key] = shop.get(c.key, 0) + 1
            elif c.before in _IN:
                shop[c.key] = shop.get(c.key, 0) - 1
    businesses.update(k for k, n in shop.items() if n >= 2)
    lines = product_lines(cands, lex)
    # names a legal form follows after a comma: "Zapger, Inc."
    incorporated = {
        c.key
        for c in cands
        if c.type is not None
        and text[c.end : c.end + 2] == ", "
        and _LEGAL_FORM.match(text, c.end)
        and c.key not in lex.places
    }
    if lower is not None:
        things |= maker_products(cands, lower, text)
    for c in cands:
        if c.source != TAGGER:
            continue
        # (the last word of a name of two words or more, cut once for the tests below)
        last = c.key[c.key.rfind(" ") + 1 :] if " " in c.key else ""
        if (
            lines
            and c.type is not None
            and (c.key.rpartition(" ")[0] in lines or (" " in c.key and c.key in lines))
        ):
            # a model of a product line, or the line itself when its name has two
            # words or more ("Zapfit Power" beside "Zapfit Power Boost/Rise/Calm";
            # a one-word one may be its maker's name: "Zapcar" beside its models)
            c.type, c.source = None, LINKED
        elif (
            c.type is not None
            and " " in c.key
            and last in _WEEKDAYS
            and c.key.split(" ", 1)[0] not in lex.places  # "Sheffield Wednesday": a team
        ):
            c.type, c.source = None, LINKED  # a day's name: an event ("Cyber Tuesday")
        elif (
            c.type is not None and last in _LAWS and c.surface[c.surface.rfind(" ") + 1 :].istitle()
        ):
            c.type, c.source = None, LINKED  # a law: "the Zapland Act", no body
        elif (
            c.type is not None
            and c.after in _LAWS
            and text[c.end : c.end + 2] in _LAW_WORD_OPENINGS
            and not (c.heading or c.caps)  # "Congress Acts On Budget": a verb
        ):
            # the words of a law's name the tagger cut before its last ("the
            # Zapland Rivers and Harbours Act"): no body named so
            c.type, c.source = None, LINKED
        elif c.type == PERSON and last in _TREATIES:
            c.type, c.source = None, LINKED  # "the 1994 Zap Charter Treaty": no person
        elif c.type is not None and c.key in _FEASTS:
            c.type, c.source = None, LINKED  # a feast: a time of the year
        elif c.type is not None and c.key in _MONTHS and (_day(c.after) or _day(c.before)):
            c.type, c.source = None, LINKED  # "( Jan 11 )", "on 3 Sept": a date
        elif c.type is not None and c.key in things:
            c.type, c.source = None, LINKED
        elif acting and c.key in acting:
            c.type, c.source = ORG, LINKED  # "the maker of Zapcar ... Zapcar said"
        elif (
            c.after in PLACE_NOUNS
            and c.type != PLACE
            and c.key not in lex.orgs
            and c.key not in _nationalities()  # "the Zarbic town of", "Zarbic airport staff"
        ):
            c.type, c.source = PLACE, LINKED
        elif c.type == PLACE and c.key in businesses:
            c.type, c.source = ORG, LINKED
        elif c.type == PLACE and last and _branch(c.key, orgs, lex):
            c.type, c.source = ORG, LINKED  # "Zapcorp Europe": the firm's arm there
        elif c.type == PERSON and (
            (" " in c.key and last in ORG_ENDINGS)
            # (the look-up first: most texts' organisations hold none of the words)
            or orgs
            and any(fold_word(w) in orgs and _joined_word(w) for w in c.surface.split())
        ):
            c.type, c.source = ORG, LINKED
        elif last and c.type is not None and c.type != ORG and _arabic_body(c.key):
            c.type, c.source = ORG, LINKED  # "Jabhat Zarqa al-Velm": a front, no person
        elif c.type == PLACE and " " in c.key and last in _SCHOOLS and c.key not in lex.places:
            c.type, c.source = ORG, LINKED  # "went to Harbourton University"
        elif c.type == PERSON and " " in c.key and last in _VENUES:
            c.type, c.source = PLACE, LINKED  # "at Blossom Music Center": a building
        elif c.key in incorporated and c.type != ORG:
            c.type, c.source = ORG, LINKED  # "Sales for Zapger, Inc.": Zapger everywhere
        elif (
            c.type == PLACE
            and not c.caps
            and acronym(c.surface)
            and c.key not in lex.places
            and not at_dateline(c)  # "ZARBIN 2031-03-04": where the story was filed
        ):
            c.type, c.source = ORG, LINKED
        elif (
            c.type == ORG
            and c.before in _IN
            and not acronym(c.surface)
            and c.key not in lex.orgs
            and not any(w in ORG_ENDINGS or w in _ORG_WORDS for w in c.key.split())
            and not (last and _branch(c.key, orgs, lex))  # "a stake in Zapcorp Europe"
        ):
            c.type, c.source = PLACE, LINKED


@lru_cache(maxsize=1)
def _markets() -> frozenset[str]:
    """The countries and the regions of the world the lists know, folded."""
    return lexicon().countries | frozenset(fold(r) for r in cue_words().regions)


def _branch(key: str, orgs: set[str], lex: Lexicon) -> bool:
    """Whether a name of two words or more is an organisation of the text (or one
    the lists know) and a country or a region of the world after it, itself no
    place the lists know: the organisation's arm there ("Zapcorp Europe", "Zapcorp
    North America", "Zapcorp Japan")."""
    if key in lex.places:
        return False
    words = key.split(" ")
    for cut in range(len(words) - 1, max(0, len(words) - 3), -1):
        head = " ".join(words[:cut])
        if (head in orgs or head in lex.orgs) and " ".join(words[cut:]) in _markets():
            return True
    return False


_THE: Final = frozenset(("the", "The", "THE"))


def family_names(cands: list[Candidate]) -> None:
    """The surname of a person the text names in full, with a plural "s" and after
    "the" at one of its mentions at least ("the Quills" beside "Jo Quill"), is that
    family, people, where the tagger read a body, a place or no type; not a word the
    lists know as a surname, an organisation or a place ("Roberts", "Williams"
    beside "Prince William"), nor a name never after "the" ("building Saabs")."""
    surnames: set[str] | None = None
    families: set[str] = set()
    for c in cands:
        if c.before not in _THE or c.type == PERSON or c.source != TAGGER:
            continue  # (the cheap tests first: most names have no "the" before them)
        if " " in c.key or not c.key.endswith("s"):
            continue
        if surnames is None:
            surnames = {
                k.key.rsplit(" ", 1)[-1] for k in cands if k.type == PERSON and " " in k.key
            }
        if len(c.key) > 3 and c.key[:-1] in surnames:
            lex = lexicon()
            if c.key not in lex.last_names and c.key not in lex.orgs and c.key not in lex.places:
                families.add(c.key)
    if families:
        for c in cands:
            if c.key in families and c.source == TAGGER and c.type != PERSON:
                c.type, c.source = PERSON, LINKED


#: Nouns of bodies that open their names in Arabic, Persian and Urdu, transliterated: front,
#: movement, party, army, group, organisation, brigades, free men, legion, soldiers,
#: council, union, society ("Jabhat al-Nusra", "Hizb ut-Tahrir", "Jaish al-Islam",
#: "Lashkar-e-Taiba", "Tehrik-i-Taliban"). Not words that are also given names or places
#: ("Ansar", "Hayat", "Liwa").
_ARABIC_BODIES: Final = frozenset(
    "jabhat jabhet harakat harkat hizb hezb hizbul jaish jaysh jamaat jamaah jemaah jamiat "
    "tanzim kataib lashkar tehrik tahrik sipah saraya faylaq jund ahrar majlis ittihad".split()
)


def _arabic_body(key: str) -> bool:
    """Whether a name of two words or more opens with a noun of :data:`_ARABIC_BODIES`
    (a hyphen may join it to the next word: "Tehrik-i-Taliban Pakistan")."""
    first = key[: key.find(" ")]
    if first in _ARABIC_BODIES:
        return True
    dash = first.find("-")
    return dash > 0 and first[:dash] in _ARABIC_BODIES


#: Common English words: their share of a text's lower-case words tells English.
_ENGLISH: Final = frozenset(
    "the of and to a in is that for it was on with as by at be this from are have has "
    "not but or an they their which were been will would said he she we you his her its "
    "who after also more than about into".split()
)


def is_english(lower: set[str]) -> bool:
    """Whether a text reads as English, from the words it writes in lower case:
    a dozen or more of the commonest English words among them (prose has most
    of them; texts of few words count as English)."""
    return len(lower) < 100 or len(lower & _ENGLISH) >= 12


_NAME_PREFIXES: Final = ("Mc", "Mac", "De", "Di", "Da", "Du", "La", "Le", "Van", "Von", "Fitz")


def _joined_word(w: str) -> bool:
    """A word of two capitalised parts that no person's name has ("WeWork",
    "AirPods"; not "McDonald", "DeShawn", "O'Neill")."""
    if len(w) < 4 or not w[0].isupper() or w[1:].islower() or w.isupper():
        return False
    for i in range(2, len(w)):
        if w[i].isupper() and w[i - 1].islower():
            return w[:i] not in _NAME_PREFIXES
    return False


#: Words that join two names of one kind: "Zapco and Velmo", "Zapco or Velmo".
_JOINING: Final = frozenset(("and", "or", "&"))
#: How adjectives end (of nations and people: Zarnian, Zarnish, Zarnese, Zarnic).
_ADJECTIVE_ENDINGS: Final = (*NATIONAL, "ic")


def coordinated_types(cands: list[Candidate]) -> None:
    """A name of one word the tagger left without a type that the text joins by
    "and" or "or" to an organisation is one, here and at its other mentions of the
    text ("rival makers Zapco and Velmo": Velmo is a maker too, not a product),
    when the organisation is one the name lists know or the text's context typed
    (not the tagger's guess: "the war between the North and South"), and the
    text also names it away from such a pair ("Velmo said"): a name that
    only ever comes beside another may be a title's half ("Angels and Zemons") or
    a thing's ("formats such as Zapmax and VHS"). Only beside an organisation:
    beside a person or a place, such a word is mostly an adjective ("Olympic
    champions Jo Lee and ..."); and never a nationality or an adjective ("war
    with Zarnians and Velmo", "no Nixonian or Zarnic argument"), a word of other
    parts ("Zarn-backed"), or the rest of a name that shares a word with the
    other ("Zapmon Sword or Shield")."""
    joined: dict[str, str] = {}
    paired: set[int] = set()  # the candidates joined to the one before or after
    orgs = lexicon().orgs
    for k in range(1, len(cands)):
        a, b = cands[k - 1], cands[k]
        if b.first != a.last + 1 or b.before.lower() not in _JOINING:
            continue
        paired.add(k - 1)
        paired.add(k)
        if (a.type is None) == (b.type is None):
            continue
        bare, typed = (a, b) if a.type is None else (b, a)
        if (
            bare.source == TAGGER
            and typed.type == ORG
            # an organisation the lists know or the text's context typed, not the
            # tagger's guess ("the war between the North and South": a region)
            and (typed.source != TAGGER or typed.key in orgs)
            and not typed.caps
            and " " not in bare.key
            and typed.last - typed.first == 1  # not "Zapmon Sword or Shield"
            and bare.surface.isalpha()  # not "Zarn-backed"
            and not bare.key.endswith(_ADJECTIVE_ENDINGS)  # not "Zarnian"
        ):
            joined.setdefault(bare.key, typed.type)
    if not joined:
        return
    demonyms = _nationalities()
    alone = {c.key for k, c in enumerate(cands) if k not in paired and c.key in joined}
    for key in list(joined):
        if key not in alone or key in demonyms or key.removesuffix("s") in demonyms:
            del joined[key]
    for c in cands:
        if c.type is None and c.source == TAGGER and c.key in joined:
            c.type, c.source = joined[c.key], LINKED
