"""What a text shows is no person, place or organisation: common words, things,
products, works and the abbreviations of common nouns.

The tagger learned from news of 1996; on today's pages it takes products
("the 13-inch Zapbook", "Wi-Fi 6 routers"), works ("The Grey Harbour") and
kinds of things ("a weird XV", "SUVs") for organisations. Each test here looks
at all of a name's mentions in the text, as :func:`drop_common_words` says,
and drops only what the tagger guessed, never a gazetteer entry.
"""

from __future__ import annotations

from typing import Final

from tui.gazetteer import Lexicon, lexicon
from tui.ner.candidates import PARTICLES
from tui.ner.document import TAGGER, Candidate, surname_of
from tui.ner.spans import org_suffixes
from tui.ner.types import ORG, PERSON, PLACE
from tui.ner.works import listed_work, lists_titles, may_follow_work, work_titles

_ARABIC_PARTICLES: Final = frozenset("al el ad ar as ash at az bin ibn abu ben bel".split())


def particle_surname(w: str) -> bool:
    """Whether a word is a surname with its particle run in, a particle in lower
    case and a capital after it ("diCaprio", "deGrom", "vanPelt"): a person's
    name, not a product's ("iPhone", "eBay", "zPad" have no particle)."""
    for n in range(2, 5):
        if n < len(w) - 1 and w[n].isupper():
            return w[:n] in PARTICLES and w[n + 1 :].islower()
    return False


def _product_word(w: str) -> bool:
    """A word in lower case with a capital inside ("iPhone", "e-tron" is not:
    no capital; "eBay"), not an Arabic name with its particle ("al-Assad") nor
    a surname with its particle run in ("diCaprio", "deGrom": :func:`particle_surname`)."""
    first = ord(w[0])  # (an ASCII first letter read by its code: most words have one)
    if first < 128 and not 97 <= first <= 122 or not w[0].islower() or w.islower():
        return False
    head, _, _ = w.partition("-")
    return head.lower() not in _ARABIC_PARTICLES and not particle_surname(w)


def _compound_modifier(surface: str, lower: set[str]) -> bool:
    """A name that ends in a hyphen and a word in lower case that the text also
    writes on its own ("Assembly-like", "Zorva-style"): a modifier made of a
    name, not the name itself."""
    _, hyphen, tail = surface.rpartition("-")
    return bool(hyphen) and tail.isalpha() and tail.islower() and tail in lower


_THING_BEFORE: Final = frozenset("a an new latest my your our their".split())
#: Of those, the ones that may belong to a noun after the name ("a Zapflix
#: account": the account is the thing, the name is a name).
_DETERMINERS: Final = frozenset("a an my your our their".split())
#: Possessives whose noun is no person's name: "its Zorva lander", "our Zorva app".
_OWNERS: Final = frozenset("its our their your my".split())
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


def _person_like(key: str, lex: Lexicon) -> bool:
    """Whether a name's words are a person's as the name lists know them: a lone
    given name or surname, or a given name first and a surname last."""
    first, _, rest = key.partition(" ")
    if not rest:
        return key in lex.first_names or key in lex.last_names
    return first in lex.first_names and rest.rsplit(" ", 1)[-1] in lex.last_names


def _thing_before(w: str) -> bool:
    """A word before a name that makes it a thing rather than a name: "a", "an",
    "new", "latest", a possessive ("my"), or a hyphenated word in lower case
    ("12-inch", "all-electric") that is not a role ("state-owned")."""
    if len(w) > 6 and "-" not in w:
        return False  # (longer than any of _THING_BEFORE, lower case no shorter)
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


#: Words before a name that are no description of it: function words, verbs
#: of saying, and the nouns that introduce an organisation ("insurer ABN").
_NOT_DESCRIPTIONS: Final = _NOT_NOUNS | frozenset(
    "the of its his her some any each every all both no not also into over after before "
    "between against under about through towards including said says say told tell "
    "agency group firm company insurer operator bank team carrier airline maker retailer "
    "broker party club side body unit association network channel newspaper daily "
    "station league federation union council".split()
)


def _described(c: Candidate) -> bool:
    """An abbreviation in capitals after a word in lower case that may describe it
    ("a weird XV", "the seventh XV"): how news writes of a kind of thing; an
    organisation follows "the", a verb or the noun of its kind ("insurer ABN")."""
    b = c.before
    s = c.surface
    return (
        2 <= len(s) <= 4
        and s.isalpha()
        and s.isupper()
        and b.isalpha()
        and b.islower()
        and b not in _NOT_DESCRIPTIONS
        and b not in _THING_BEFORE  # counted already
        and not b.endswith(("ed", "ing", "s"))
    )


def _model_code(w: str) -> bool:
    """A word of letters and digits only, with at least two letters and three
    digits ("ZX4410QT", "VK3300"): a product's model code, which the name of no
    person, place or organisation has ("G20", "M25", "A380", "Covid-19" are
    no model codes here)."""
    if len(w) < 5:
        return False
    digits = 0
    for k in range(len(w)):  # (ASCII letters and digits only, read by their codes)
        c = ord(w[k])
        if 48 <= c <= 57:
            digits += 1
        elif not (65 <= c <= 90 or 97 <= c <= 122):
            return False
    return digits >= 3 and len(w) - digits >= 2


_DAYS: Final = frozenset("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
#: The codes of their first letters.
_DAY_INITIALS: Final = frozenset(ord(day[0]) for day in _DAYS)


def _day_name_word(c: Candidate, text: str, lex: Lexicon) -> bool:
    """A lone word before a weekday in capitals, a phrase the text writes twice
    or more ("Zorple Friday ... the season of Zorple Friday"): the first word of
    a day's name, an event's, not a name on its own; a listed name stays ("in
    Washington Tuesday"), and a listed last name the tagger takes for a
    person's."""
    if " " in c.key or not text or text[c.end : c.end + 1] != " ":
        return False
    # (a weekday's first letter, read by its code, where the next word starts:
    # most names have none there, and the slices below are not made)
    k = c.end
    stop = min(len(text), c.end + 12)
    while k < stop and ord(text[k]) == 32:
        k += 1
    if k == stop or ord(text[k]) not in _DAY_INITIALS:
        return False
    nxt = text[c.end : c.end + 12].lstrip(" ")
    day = nxt.split(" ", 1)[0].rstrip(".,;:!?")
    if day not in _DAYS:
        return False
    if (
        c.key in lex.places
        or c.key in lex.orgs
        or c.key in lex.first_names
        or (c.type == PERSON and c.key in lex.last_names)
    ):
        return False
    return text.count(f"{c.surface} {day}") >= 2


_CURRENCY: Final = "$£€"

#: Words after a name that make it a device's feature or platform ("other
#: Zorva devices", "Zorva built-in"), no person.
_FEATURE_AFTER: Final = frozenset(
    "built-in device devices -enabled enabled -compatible compatible speaker speakers".split()
)

#: Prepositions a work's title starts with ("In the Dream House").
_TITLE_OPENERS: Final = frozenset("In On At Into Under Beyond Inside Across Through".split())


def _title_opening(c: Candidate, text: str, lex: Lexicon) -> bool:
    """A name after "the" and a capitalised preposition that follow a comma or
    a colon inside a line ("her memoir, In the Velmor House"): a work's title
    that starts with the preposition, not a name; a listed place stays."""
    if c.before != "the" or not text or c.key in lex.places or c.key in lex.orgs:
        return False
    head = text[max(0, c.start - 24) : c.start].rstrip(" ")
    if not head.endswith("the"):
        return False
    head = head[:-3].rstrip(" ")
    prep = head.rsplit(" ", 1)[-1] if " " in head else ""
    if prep not in _TITLE_OPENERS:
        return False
    return head[: -len(prep)].rstrip(" ").endswith((",", ":"))


def _deal_products(cands: list[Candidate], text: str, lex: Lexicon) -> set[str]:
    """The keys of the names a shop's offer sells: a short line that ends in
    "for" and a price, whose words before the name start with a capital or a
    digit and whose words after it, if any, start with "with" ("Zorbex Cube
    with case for $45", "New: Zapco Zorbex Cube for $45"; not "* Get it at
    Zapmart for $45" nor "Beatles suits sell for $45"), the name a person's or a
    place's to the tagger and on no list: a product, not a name."""
    # (the line ends in " for " and a currency's sign: a text without both together
    # has no such line, and most have none)
    if not text or not any(" for " + sign in text for sign in _CURRENCY):
        return set()
    out: set[str] = set()
    for c in cands:
        if c.source != TAGGER or c.type not in (PERSON, PLACE) or c.key in out:
            continue
        if c.key in lex.places or c.key in lex.orgs:
            continue
        eol = text.find("\n", c.end)
        rest = text[c.end : eol if eol >= 0 else len(text)].rstrip()
        at = rest.rfind(" for ")
        if at < 0 or len(rest) > 80:
            continue
        if at > 0 and not rest.startswith(" with "):
            continue
        price = rest[at + 5 :]
        if not (
            len(price) >= 2
            and price[0] in _CURRENCY
            and price[1].isdigit()
            and all(ch.isdigit() or ch in ",." for ch in price[1:])
        ):
            continue
        bol = text.rfind("\n", 0, c.start) + 1
        head = text[bol : c.start].split()
        if len(head) <= 6 and not any(w.isalpha() and w.islower() for w in head):
            out.add(c.key)
    return out


def _variant(w: str) -> bool:
    """A model's number and its variant ("737-800", "352-4B"): three digits, a
    hyphen and a digit; no score ("2-1") and no season ("2004-05")."""
    if len(w) < 5 or w[3] != "-":
        return False  # (no first hyphen after three characters with one after it)
    head, hyphen, tail = w.partition("-")
    return (
        bool(hyphen) and len(head) == 3 and head.isdigit() and tail[:1].isdigit() and tail.isalnum()
    )


def _digits(w: str) -> bool:
    """Whether ``w`` is digits once its commas and stops are gone ("1,200", "2.5")."""
    if not w:
        return False
    first = ord(w[0])  # (an ASCII first character other than those: not, most words)
    if first < 128 and not 48 <= first <= 57 and first != 44 and first != 46:
        return False
    return w.replace(",", "").replace(".", "").isdigit()


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
      now"), unless it is the surname of a person the text names in full
      ("Tavi Zane ... a horse's zane ... Zane said", :func:`~tui.ner.document.surname_of`);
    * a name with a word that starts in lower case and has a capital inside
      (product names: "iPhone", "e-tron");
    * a name ending in a hyphen and a word the text also writes on its own in
      lower case ("a General Assembly-like debate"): a modifier, not a name;
    * a name with a model code, a word of letters and digits with two letters
      and three digits or more ("the Zapware ZX4410QT"): a product;
    * a name, at least two and half of whose mentions follow "a", "an", "new",
      "latest", a possessive ("my") or a hyphenated word in lower case
      ("12-inch"), or come before a model number ("Phone 7 camera"): a thing,
      not a name ("an SUV", "the new MacBook", "my Zapbook"), and so is a
      longer name it starts ("Zapbook Air");
    * an abbreviation in capitals, at least two and half of whose mentions
      follow a word in lower case that may describe it ("a weird XV", "the
      seventh XV"): a kind of thing;
    * a word in capitals that the text also writes as a plural ("SUVs",
      "MPs"): a common noun's abbreviation, not an organisation;
    * the title of a work: a name mostly after "The" inside a sentence;
    * a name a line sells, a short line that ends in "for" and a price
      ("Zorbex Cube with case for $45"), the longer names starting with it, the
      shorter ones of two words or more it starts with, and its later words
      alone ("the Cube"): a product;
    * a lone word before a weekday, a phrase the text repeats ("Zorple
      Friday"): the first word of a day's name, not a name on its own;
    * a name after "the" and a capitalised preposition after a comma or a
      colon ("her memoir, In the Velmor House"): a work's title;
    * a name right after "single", "song", "track" or "album", or listed after
      such a noun and "include" ("singles include Zorvo Lane, Held The Door"):
      a recorded work's title, at each of its mentions;
    * a lone word the tagger takes for a person's name, which the text once or
      more writes before "devices", "built-in", "-enabled" ("other Zorva
      devices"): a device's platform, no person, at each of its mentions;
    * a lone word that no name list knows, three or more times in the text and
      each time the first word of a sentence before a word that may be a noun
      ("Favourite books?", "Favourite films?"): a heading's word, not a name;
    * a lone word that news nearly always writes in lower case (``case``:
      "L"), unless a longer name of the text has it ("Drink 20 minutes...");
    * a lone word that mostly follows a number (or a model's number and its
      variant, "737-800") and comes before a word or a comma or stop: a unit or
      a kind ("2 Tbsp sugar", "1 Green,", "352-4B Zorvoliner jets"); a team in
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
    surnames: set[str] = set()  # the last words of the people it names in full
    named: set[str] = set()  # those of the people named with a given name a list knows
    things: dict[str, list[int]] = {}
    plain: set[str] = set()  # names found outside lines in capitals
    for c in cands:
        if not c.caps:
            plain.add(c.key)
        if " " in c.key and c.type is not None:
            inside.update(c.key.split())
            if c.type == PERSON:
                surname = c.key[c.key.rfind(" ") + 1 :]
                surnames.add(surname)
                if c.key[: c.key.find(" ")] in lex.first_names:
                    named.add(surname)
        counts = things.setdefault(c.key, [0, 0, 0, 0])
        counts[0] += 1
        if not c.before[:1].isalnum() and _noun_after(c.after):
            counts[3] += 1
        if _described(c):
            counts[1] += 1
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
        if (_digits(c.before) or _variant(c.before)) and (
            c.after[:1].isalpha() or c.after in (",", ".", ";")
        ):
            counts[2] += 1
    plurals = _plural_acronyms(cands, text, lex) if text else set()
    plurals |= work_titles(cands, text, lex)
    deals = _deal_products(cands, text, lex)
    # recorded works' titles, at each of their mentions ("If Zorvo Lane reaches ...")
    # (a list of titles needs "include", "includes", ... after a record's noun:
    # without, only a name right after "single", "song", "track" or "album" is one)
    listed = lists_titles(text)
    works = {
        c.key
        for c in cands
        if c.source == TAGGER and (listed or may_follow_work(c, text)) and listed_work(c, text, lex)
    }
    # lone person's names the text uses once or more as a device's feature
    features = {
        c.key
        for c in cands
        if c.source == TAGGER
        and c.type == PERSON
        and " " not in c.key
        and (c.after in _FEATURE_AFTER or text[c.end : c.end + 9] in ("-enabled", "-compatib"))
    }
    # people's names after "its", "our", "their" and before a noun, of words no
    # name list knows as a person's: a brand's ("its Zorva brand", "our Zorva
    # lander"; a person is no one's thing, but "their Lee counterparts" are Lee's)
    brands = {
        c.key
        for c in cands
        if c.source == TAGGER
        and c.type == PERSON
        and c.before.lower() in _OWNERS
        and _noun_after(c.after)
        and text[c.end : c.end + 1] == " "
        and not _person_like(c.key, lex)
    }
    # the later words of a product's name, alone: a short form of it ("the Cube")
    deal_words = {w for d in deals for w in d.split()[1:]}
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
            if deals and (
                c.key in deals
                or any(
                    c.key.startswith(d + " ") or (" " in c.key and d.startswith(c.key + " "))
                    for d in deals
                )
                or (
                    c.key in deal_words
                    and c.key not in lex.places
                    and c.key not in lex.orgs
                    and c.key not in lex.first_names
                )
            ):
                continue  # a shop's offer: "Zorbex Cube with case for $45"
            if _day_name_word(c, text, lex):
                continue  # "Zorple Friday": the first word of a day's name
            if features and c.type == PERSON and c.key in features:
                continue  # "use Zorva to ... other Zorva devices": a platform
            if _title_opening(c, text, lex):
                continue  # "her memoir, In the Velmor House": a work's title
            if works and c.key in works:
                continue  # "the single Zorvo Lane", "singles include Zorvo Lane, ..."
            if (
                " " not in c.key
                and not c.surface.isupper()
                and c.surface.lower() in lower
                and not (c.key in surnames and surname_of(c, named))
            ):
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
            words = c.surface.split()
            if any(_product_word(w) for w in words):
                continue
            if _compound_modifier(c.surface, lower):
                continue  # "a General Assembly-like debate", "a Zorva-style tax"
            if any(_model_code(w) for w in words):
                continue  # a product with its model code ("the Zapware ZX4410QT")
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
            if brands and c.type == PERSON and c.key in brands:
                c.type = ORG  # "its Zorva brand": a maker's (later passes may say more)
        out.append(c)
    return out


def product_lines(cands: list[Candidate], lex: Lexicon) -> set[str]:
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
    suffixes = org_suffixes()
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


def _plural_acronyms(cands: list[Candidate], text: str, lex: Lexicon) -> set[str]:
    """The keys of the lone words in capitals that the text also writes with a
    plural "s" ("SUV" beside "SUVs"), and of those plurals: abbreviations of
    common nouns."""
    out: set[str] = set()
    seen: set[str] = set()
    for c in cands:
        s = c.surface
        n = len(s)  # (the lengths asked first: most names are longer)
        if 3 <= n <= 6 and s[n - 1] == "s":
            head = s[:-1]
            if head.isalpha() and head.isupper():
                out.add(c.key)  # the plural itself ("SUVs", "MPs")
                continue
        if not 2 <= n <= 5 or c.key in seen or " " in s or not (s.isalpha() and s.isupper()):
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
