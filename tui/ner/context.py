"""Corrections from the words around a name, where the tagger is weakest.

The tagger learned from 1996 Reuters news; on names it has never seen it goes
by shape and context, and some contexts say more than its features can:

* a name right before a place noun is a place: "the Quorash air base",
  "the Karm al-Tut district" (:data:`PLACE_NOUNS`);
* a "person" whose last word is an organisation's ("Harbourton United",
  "Quill Works Inc") is an organisation;
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
* a name that ends in a day of the week is an event ("Cyber Tuesday").

Each changes only what the tagger guessed, never a gazetteer entry.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from tui.gazetteer import Lexicon, cue_words, fold, lexicon
from tui.ner.document import LINKED, TAGGER, Candidate
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
    "organization foundation society league club".split()
)


#: Nouns that, after a name (or its 's), make it a business, not a place.
_BUSINESS_NOUNS: Final = frozenset(
    "founder founders ceo shares stock shoppers customers subscribers app website "
    "stores brand products spokesperson spokesman spokeswoman".split()
)
_IN: Final = frozenset("in near outside inside around".split())
#: Words after a name that sell: "Zapmart offers", "at Zapmart for $20".
_SELLING: Final = frozenset(
    "offers offering offered discounts discounting discounted sells selling".split()
)
_CURRENCY: Final = frozenset("$£€¥")
_WEEKDAYS: Final = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())


def _sells(c: Candidate) -> bool:
    """A mention in a shop's context: a verb of selling, or a price after "for"."""
    return c.after in _SELLING or (c.after == "for" and c.after2[:1] in _CURRENCY)


_ORG_WORDS: Final = frozenset(
    "house office department court ministry police army government parliament senate "
    "congress assembly news times post journal press exchange market".split()
)


def _acronym(surface: str) -> bool:
    letters = surface.replace("/", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def names_before_place_nouns(
    words: list[str], cand: list[bool], found: list[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """``found`` (a line's names, in order) with the capitalised words the tagger
    left out before a place noun added as places: "the Karm al-Tut district".
    The words must follow "the" or another lower-case word (not a sentence start)."""
    covered = [False] * len(words)
    for a, b, _ in found:
        for i in range(a, b):
            covered[i] = True
    added: list[tuple[int, int, str]] = []
    for j in range(1, len(words)):
        if words[j] not in PLACE_NOUNS or not cand[j - 1] or covered[j - 1]:
            continue
        i = j - 1
        while i > 0 and cand[i - 1] and not covered[i - 1] and j - i < 4:
            i -= 1
        if i > 0 and words[i - 1].islower() and words[i][0].isupper():
            added.append((i, j, "LOC"))
    if not added:
        return found
    return sorted(found + added)


#: Nouns that, right before a name, say it is a thing: "the moon Veltra",
#: "the novel Grey Harbour" (not an organisation: "carrier Veltra" is one).
THING_NOUNS: Final = frozenset(
    "moon moons planet planets comet asteroid spacecraft rover telescope novel novels "
    "movie movies album albums song songs games app apps smartphone laptop sedan hatchback"
    # (no word that is also a verb: "federal agents probe Arkansas church fires")
    .split()
)


def correct_by_context(cands: list[Candidate]) -> None:
    """The corrections above, on candidates that know the word after them."""
    lex: Lexicon = lexicon()
    orgs = {c.key for c in cands if c.type == ORG}
    # names the text calls a thing ("the moon Veltra"): things everywhere in it
    things = {
        c.key
        for c in cands
        if c.source == TAGGER and c.before in THING_NOUNS and c.key not in lex.orgs
    }
    # places the text also calls businesses ("Amazon founder", "Walmart's shoppers")
    businesses = {
        c.key
        for c in cands
        if c.type == PLACE and c.after in _BUSINESS_NOUNS and c.key not in lex.countries
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
    lines = _product_lines(cands, lex)
    for c in cands:
        if c.source != TAGGER:
            continue
        if lines and c.type is not None and c.key.rpartition(" ")[0] in lines:
            c.type, c.source = None, LINKED  # a model of a product line
        elif (
            c.type is not None
            and " " in c.key
            and c.key.rsplit(" ", 1)[1] in _WEEKDAYS
            and c.key.split(" ", 1)[0] not in lex.places  # "Sheffield Wednesday": a team
        ):
            c.type, c.source = None, LINKED  # a day's name: an event ("Cyber Tuesday")
        elif c.type is not None and c.key in things:
            c.type, c.source = None, LINKED
        elif c.after in PLACE_NOUNS and c.type != PLACE and c.key not in lex.orgs:
            c.type, c.source = PLACE, LINKED
        elif c.type == PLACE and c.key in businesses:
            c.type, c.source = ORG, LINKED
        elif c.type == PERSON and (
            (" " in c.key and c.key.rsplit(" ", 1)[1] in ORG_ENDINGS)
            or any(_joined_word(w) and fold(w) in orgs for w in c.surface.split())
        ):
            c.type, c.source = ORG, LINKED
        elif c.type == PLACE and not c.caps and _acronym(c.surface) and c.key not in lex.places:
            c.type, c.source = ORG, LINKED
        elif (
            c.type == ORG
            and c.before in _IN
            and not _acronym(c.surface)
            and c.key not in lex.orgs
            and not any(w in ORG_ENDINGS or w in _ORG_WORDS for w in c.key.split())
        ):
            c.type, c.source = PLACE, LINKED


def bracketed_acronyms(lines: list[list[str]], found: list[list[tuple[int, int, str]]]) -> None:
    """Add to ``found`` an acronym in brackets right after a name it abbreviates
    ("Islamic State (IS)") and its other mentions in the document, which the
    tagger may have left out ("By evening IS had lost"); the document pass
    gives them the name's type and canonical name (``link_acronyms``)."""
    acronyms: set[str] = set()
    for words in lines:
        for b in range(2, len(words) - 2):
            if words[b] != "(" or words[b + 2] != ")" or not _acronym(words[b + 1]):
                continue
            # two or more capitalised words before, the first with the acronym's initial
            a = b
            while a > 0 and words[a - 1][:1].isupper():
                a -= 1
            if b - a >= 2 and any(words[i][0] == words[b + 1][0] for i in range(a, b - 1)):
                acronyms.add(words[b + 1])
    if not acronyms:
        return
    for k, (words, spans) in enumerate(zip(lines, found, strict=True)):
        covered: set[int] = set()
        for a, b, _ in spans:
            covered.update(range(a, b))
        extra = [
            (i, i + 1, "ORG") for i, w in enumerate(words) if w in acronyms and i not in covered
        ]
        if extra:
            found[k] = sorted(spans + extra)


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


_ARABIC_PARTICLES: Final = frozenset("al el ad ar as ash at az bin ibn abu ben bel".split())


def _product_word(w: str) -> bool:
    """A word in lower case with a capital inside ("iPhone", "e-tron" is not:
    no capital; "eBay"), not an Arabic name with its particle ("al-Assad")."""
    if not w[0].islower() or w.islower():
        return False
    head, _, _ = w.partition("-")
    return head.lower() not in _ARABIC_PARTICLES


_THING_BEFORE: Final = frozenset("a an new latest my your our their".split())
#: Of those, the ones that may belong to a noun after the name ("a Zapflix
#: account": the account is the thing, the name is a name).
_DETERMINERS: Final = frozenset("a an my your our their".split())
#: Words after a name that show it is not a modifier of a noun.
_NOT_NOUNS: Final = frozenset(
    "to that which who with for from in on at of by as and or but is are was were has have "
    "had will would can could should may might must does did when while if than then".split()
)
#: Endings of a hyphenated word before a name that say who runs or backs it
#: ("state-owned Gazprom"): an organisation, not a thing.
_ROLE_ENDINGS: Final = (
    "-based", "-owned", "-backed", "-led", "-run", "-controlled", "-born", "-linked",
    "-funded", "-affiliated", "-allied", "-sponsored", "-operated", "-listed", "-registered",
)  # fmt: skip


def _thing_before(w: str) -> bool:
    """A word before a name that makes it a thing rather than a name: "a", "an",
    "new", "latest", a possessive ("my"), or a hyphenated word in lower case
    ("12-inch", "all-electric") that is not a role ("state-owned")."""
    low = w.lower()
    if low in _THING_BEFORE:
        return True
    return "-" in w and not w[:1].isupper() and w[:1].isalnum() and not low.endswith(_ROLE_ENDINGS)


_SAYING: Final = frozenset("said says told added announced reported".split())


def _noun_after(w: str) -> bool:
    """Whether the word after a name, lower-cased, may be a noun it qualifies
    ("Favourite books?") rather than a verb it does ("Zapcorp said", "Zapcorp
    plunged"): a word in lower case, no auxiliary, no past tense."""
    return (
        w.isalpha()
        and w.islower()
        and w not in _NOT_NOUNS
        and w not in _SAYING
        and not w.endswith("ed")
    )


def _model_number(c: Candidate) -> bool:
    """A name inside a sentence followed by a number of one or two digits and a
    word in lower case: a model or a version of a thing ("the Phone 7 camera",
    "Wi-Fi 6 routers"; not a table's "1. Lee 42 points")."""
    return (
        c.after.isdigit()
        and len(c.after) <= 2
        and c.after2[:1].islower()
        and c.before[:1].isalpha()
    )


def drop_common_words(
    cands: list[Candidate], lower: set[str], case: dict[str, str] | None = None, text: str = ""
) -> list[Candidate]:
    """The candidates without what the text shows is no name:

    * a lone capitalised word that the same text also writes in lower case,
      which no name list knows ("Meal", "Drink" on a recipe page), or which
      starts a sentence and is no given name, place or organisation ("See it
      now");
    * a name with a word that starts in lower case and has a capital inside
      (product names: "iPhone", "e-tron");
    * a name, at least two and half of whose mentions follow "a", "an", "new",
      "latest", a possessive ("my") or a hyphenated word in lower case
      ("12-inch"), or come before a model number ("Phone 7 camera"): a thing,
      not a name ("an SUV", "the new MacBook", "my Zapbook"), and so is a
      longer name it starts ("Zapbook Air");
    * a word in capitals that the text also writes as a plural ("SUVs",
      "MPs"): a common noun's abbreviation, not an organisation;
    * the title of a work: a name mostly after "The" inside a sentence;
    * a lone word that no name list knows, three or more times in the text and
      each time the first word of a sentence before a word that may be a noun
      ("Favourite books?", "Favourite films?"): a heading's word, not a name;
    * a lone word that news nearly always writes in lower case (``case``:
      "L"), unless a longer name of the text has it ("Drink 20 minutes...");
    * a lone word that mostly follows a number and comes before a word or a
      comma or stop: a unit or a kind ("2 Tbsp sugar", "1 Green,"); a team in
      a score line ("Bolton 2 Leicester 1", "Borac 1 Mladost (L)") has a number
      or a bracket after it;
    * a lone word in capitals in a line written in capitals (a heading: "WILL
      THEY BASH THE BILLIONAIRES?") that the text also writes in lower case
      ("will") and nowhere outside such lines: the heading's case hides whether
      it is a name, and the text's own case says it is not ("OBAMA" stays: the
      text has no "obama"; "US" stays where the text names the US elsewhere).
    """
    lex = lexicon()
    case = case or {}
    inside: set[str] = set()  # the words of the text's longer names
    things: dict[str, list[int]] = {}
    plain: set[str] = set()  # names found outside lines in capitals
    for c in cands:
        if not c.caps:
            plain.add(c.key)
        if " " in c.key and c.type is not None:
            inside.update(c.key.split())
        counts = things.setdefault(c.key, [0, 0, 0, 0])
        counts[0] += 1
        if not c.before[:1].isalnum() and _noun_after(c.after):
            counts[3] += 1
        if _model_number(c) or (
            _thing_before(c.before)
            and not (c.type == PERSON and "-" in c.before)  # "scrum-half Jo Lee"
            and not (
                c.before.lower() in _DETERMINERS
                and c.after.isalpha()
                and c.after.islower()
                and c.after not in _NOT_NOUNS
            )
        ):
            counts[1] += 1
        if c.before.replace(",", "").replace(".", "").isdigit() and (
            c.after[:1].isalpha() or c.after in (",", ".", ";")
        ):
            counts[2] += 1
    plurals = _plural_acronyms(cands, text, lex) if text else set()
    plurals |= _work_titles(cands, text, lex)
    # one-word things: the longer names they start are things too ("Zapbook Air")
    thing_words = {
        k
        for k, (n, t, _, _) in things.items()
        if t >= 2 and t * 2 >= n and " " not in k and k not in lex.places and k not in lex.orgs
    }
    out: list[Candidate] = []
    for c in cands:
        if c.source == TAGGER:
            if plurals and c.key in plurals:
                continue
            if thing_words and " " in c.key and c.key.split(" ", 1)[0] in thing_words:
                continue
            if " " not in c.key and not c.surface.isupper() and c.surface.lower() in lower:
                listed = c.key in lex.first_names or c.key in lex.places or c.key in lex.orgs
                if not (listed or c.key in lex.last_names):
                    continue
                if not c.before[:1].isalnum() and not listed:
                    continue  # starts a sentence
            if (
                c.caps
                and " " not in c.key
                and c.key not in plain
                and c.surface.isupper()
                and c.surface.lower() in lower
            ):
                continue  # a heading's word in capitals that the text writes in lower case
            if any(_product_word(w) for w in c.surface.split()):
                continue
            n, after_thing, after_number, opening = things[c.key]
            if (
                after_thing >= 2
                and after_thing * 2 >= n
                and c.key not in lex.places
                and c.key not in lex.orgs
            ):
                continue
            if " " not in c.key and not c.surface.isupper():
                if case.get(c.key) == "L" and c.key not in inside:
                    continue
                if after_number * 2 >= n:
                    continue
                if opening == n >= 3 and not (
                    c.key in lex.first_names
                    or c.key in lex.last_names
                    or c.key in lex.places
                    or c.key in lex.orgs
                ):
                    continue  # always the first word of a sentence, before a noun
        out.append(c)
    return out


def _product_lines(cands: list[Candidate], lex: Lexicon) -> set[str]:
    """The product lines of a text: the first words of three or more names that
    differ in their last word only, none of which a name list knows ("Zapbook
    Air", "Zapbook Max", "Zapbook Mini"; not "Real Oviedo" beside "Real
    Madrid", nor "John Major" beside "John Smith")."""
    lasts: dict[str, set[str]] = {}
    for c in cands:
        if c.source == TAGGER and c.type is not None and " " in c.key:
            head, _, last = c.key.rpartition(" ")
            got = lasts.get(head)
            if got is None:
                got = lasts[head] = set()
            got.add(last)
    if not any(len(v) >= 3 for v in lasts.values()):
        return set()
    suffixes = _org_suffixes()
    return {
        head
        for head, words in lasts.items()
        if len(words) >= 3
        and len(head) > 2
        and "." not in head  # initials: "R. Lee", "R. Moss", "R. Shah"
        and head not in lex.first_names
        and not any(
            w in lex.places or w in lex.first_names or w in lex.last_names or w in suffixes
            for w in (*head.split(), *words)
        )
    }


@lru_cache(maxsize=1)
def _org_suffixes() -> frozenset[str]:
    return frozenset(fold(w) for w in cue_words().org_suffixes)


def _work_titles(cands: list[Candidate], text: str, lex: Lexicon) -> set[str]:
    """The keys of names of two or more words, at least two and half of whose
    mentions follow a "The" in capitals inside a sentence ("she read The Grey
    Harbour twice"): the title of a work, not an organisation ("told The Daily
    Courier": a word of an organisation's name keeps it, and "The Grey Owls", a
    band, its plural)."""
    after_the: dict[str, list[int]] = {}
    for c in cands:
        if " " not in c.key:
            continue
        counts = after_the.setdefault(c.key, [0, 0])
        counts[0] += 1
        if c.before == "The":
            at = text.rfind("The", 0, c.start)
            k = at - 1
            while k >= 0 and text[k] == " ":
                k -= 1
            if k >= 0 and (text[k].islower() or text[k] == ","):
                counts[1] += 1
    if not any(t >= 2 for _, t in after_the.values()):
        return set()
    suffixes = _org_suffixes()
    return {
        key
        for key, (n, t) in after_the.items()
        if t >= 2
        and t * 2 >= n
        and key not in lex.orgs
        and not key.endswith("s")  # a plural: a band or a team ("The Rolling Stones")
        and not any(w in suffixes for w in key.split())
    }


def _plural_acronyms(cands: list[Candidate], text: str, lex: Lexicon) -> set[str]:
    """The keys of the lone words in capitals that the text also writes with a
    plural "s" ("SUV" beside "SUVs"), and of those plurals: abbreviations of
    common nouns."""
    out: set[str] = set()
    seen: set[str] = set()
    for c in cands:
        s = c.surface
        head = s[:-1]
        if s[-1:] == "s" and 2 <= len(head) <= 5 and head.isalpha() and head.isupper():
            out.add(c.key)  # the plural itself ("SUVs", "MPs")
            continue
        if c.key in seen or " " in s or not (2 <= len(s) <= 5 and s.isalpha() and s.isupper()):
            continue
        seen.add(c.key)
        if c.key in lex.orgs or c.key in lex.places:
            continue
        plural = s + "s"
        at = text.find(plural)
        while at >= 0:
            end = at + len(plural)
            if (at == 0 or not text[at - 1].isalnum()) and (
                end == len(text) or not text[end].isalnum()
            ):
                out.add(c.key)
                break
            at = text.find(plural, end)
    return out


def people_after_titles(
    words: list[str], found: list[tuple[int, int, str]], titles: frozenset[str]
) -> list[tuple[int, int, str]]:
    """``found`` with names that run a title into a person's name cut to the
    person: "(Secretary of) State John Kerry" -> "John Kerry". A name is cut at
    a known given name when a title word stands at most three words before that
    name (or inside it, before the given name)."""
    first_names = lexicon().first_names
    out: list[tuple[int, int, str]] = []
    changed = False
    for a, b, t in found:
        cut = -1
        if b - a >= 3 and t != "PER":
            for k in range(a + 1, b - 1):
                if words[k].lower() in first_names and words[k + 1][:1].isupper():
                    if any(words[i].lower() in titles for i in range(max(0, a - 3), k)):
                        cut = k
                    break
        if cut >= 0:
            out.append((cut, b, "PER"))
            changed = True
        else:
            out.append((a, b, t))
    return out if changed else found
