"""Names in lists and quotations: the items of one list are of one kind.

Split from :mod:`tui.ner.roles` (what a name does in its sentence), whose
:func:`~tui.ner.roles.apply_roles` runs these passes too:

* the names of one list are of one kind: "Zapco, Velmo and Kessab", the first
  two known organisations (:func:`list_members`);
* examples of a kind are of that kind: "franchises such as Zapquest and Grey
  Harbour" (:func:`examples_of_kinds`);
* a quotation of capitalised words is a work's title: "called 'Grey Harbour:
  Zapquest' a flagship game", 'a poem called "Winter Hill, Kessab Station,"'
  (:func:`quoted_titles`), not a possessive's apostrophe after a name ('"Zarbia's
  exports fell," he said') nor a nickname inside a name ("Ahmed 'Zizo' Hassan");
* a name at the end of a list of products is one: "the zPhone, zPad, and
  Zapbuds" (:func:`product_lists`);
* what a person has a role in is a work: "her role in Vera Quill"
  (:func:`roles_in_works`).

Each changes only what the tagger guessed, never a gazetteer entry.
"""

from __future__ import annotations

import re
from typing import Final

from tui.gazetteer import lexicon
from tui.ner.document import GAZETTEER, LINKED, TAGGER, Candidate, retype
from tui.ner.things import particle_surname
from tui.ner.types import ORG, PERSON, PLACE

#: What stands between the names of one list: "Zapco, Velmo and Kessab".
_LIST_JOINS: Final = frozenset((", ", " and ", ", and ", " or ", ", or "))


def name_lists(cands: list[Candidate], text: str) -> list[list[Candidate]]:
    """The lists of three names or more in the text, in order: names one after
    another joined only by a comma, "and" or "or" ("A, B and C", "A, B, or C"), or
    by an item of capitalised words the tagger took for no name between a comma
    and a join ("A, B, Deir ez-Zor, C and D": :func:`_untaken_item`)."""
    out: list[list[Candidate]] = []
    k = 0
    n = len(cands)
    while k < n:
        m = k
        while m + 1 < n:
            a, b = cands[m].end, cands[m + 1].start
            # (the gap's length first: 2 to 6 characters, as the joins; most gaps
            # are longer, and an item between joins has 30 characters at most)
            if 2 <= b - a <= 6:
                if text[a:b] not in _LIST_JOINS:
                    break
            elif not (
                b - a <= 40
                and ord(text[a]) == 44  # ", ": read by its codes, no new string
                and ord(text[a + 1]) == 32
                and _untaken_item(text[a + 2 : b])
            ):
                break
            m += 1
        if m - k >= 2:
            out.append(cands[k : m + 1])
        k = m + 1
    return out


#: The joins after an item of a list, longest first.
_ITEM_ENDS: Final = (", and ", ", or ", " and ", " or ", ", ")


def _untaken_item(gap: str) -> bool:
    """Whether ``gap`` (what follows a list's name and its comma) is an item of one
    to three words the tagger took for no name, the first capitalised, and a join
    ("Deir ez-Zor, ", "Zapton-on-Sea and "), no other punctuation."""
    for join in _ITEM_ENDS:
        if gap.endswith(join):
            item = gap[: len(gap) - len(join)]
            if not item[:1].isupper() or item.count(" ") > 2:
                return False
            for ch in item:
                if not (ch.isalpha() or ch in " -'’"):
                    return False
            return True
    return False


def list_members(cands: list[Candidate], text: str) -> None:
    """The names of one list are of one kind: the lone words typed a person in a
    list of three names or more whose others are all of another type, two of them
    or more known as one by a name list or the gazetteer, and more of them than
    those words, are of that type there and everywhere in the text ("Zapco, Velmo
    and Kessab are expected to release new consoles", the first two known
    organisations; "Arvo, Kessab, Telmar, Durn and Oskel", Arvo, Telmar and Oskel
    known towns)."""
    retyped: dict[str, str] = {}
    lex = lexicon()
    # the others' type must be sure: a name list's or the gazetteer's
    known = {ORG: lex.orgs, PLACE: lex.places}
    for members in name_lists(cands, text):
        lone = [c for c in members if c.type == PERSON and c.source == TAGGER and " " not in c.key]
        if not lone:
            continue
        rest = [o for o in members if o not in lone]
        others = {o.type for o in rest}
        other = others.pop() if len(others) == 1 else None
        if other not in known:
            continue
        # (more of the others known than lone words: "Zapco, Velmo, Kessab and Tarn",
        # two of four, is no list of organisations)
        sure = sum(1 for o in rest if o.source >= GAZETTEER or o.key in known[other])
        if sure >= 2 and sure > len(lone):
            for c in lone:
                retyped[c.key] = other
    if retyped:
        for c in cands:
            if c.key in retyped and c.type == PERSON and c.source == TAGGER:
                c.type, c.source = retyped[c.key], LINKED


#: Plural nouns whose examples ("franchises such as A, B and C", "companies
#: including A and B") are of one kind; None: things, no names of ours.
_KINDS_OF_EXAMPLES: Final = {
    **dict.fromkeys(
        "games titles franchises products apps services devices consoles gadgets films "
        "movies shows series songs albums books novels programmes programs".split(),
        None,
    ),
    **dict.fromkeys(
        "companies firms banks carriers airlines retailers publishers studios developers "
        "clubs teams broadcasters insurers manufacturers".split(),
        ORG,
    ),
    **dict.fromkeys("countries cities towns states regions nations capitals".split(), PLACE),
}


def examples_of_kinds(cands: list[Candidate], text: str) -> None:
    """The names that follow a plural noun of a kind and "such as" or "including"
    are of that kind, the whole list of them: "franchises such as Grey Harbour,
    Zapquest and more" (things), "firms such as Zapco" (organisations), "countries
    including Kessab" (places). Names a list knows as another type keep theirs, and
    so does an organisation whose possessive opens an example of things: its maker
    ("services such as Zapco's Zapphoto and Velmo": Zapco stays one)."""
    if "such as" not in text and "including" not in text:
        return
    lex = lexicon()
    known = {ORG: lex.orgs, PLACE: lex.places}
    # (a title with a possessive inside is one member: "Zapper's Creed")
    joins = _LIST_JOINS | {"'s ", "’s "}
    # where each "<noun> such as"/"<noun> including" ends -> the noun
    nouns: dict[int, str] = {}
    for marker in (" such as ", " including "):
        at = text.find(marker)
        while at >= 0:
            before = text[max(0, at - 30) : at].rstrip(",").rsplit(None, 1)
            if before:
                nouns[at + len(marker)] = before[-1].lower()
            at = text.find(marker, at + 1)
    k = 0
    n = len(cands)
    while k < n:
        noun = nouns.get(cands[k].start, "")
        if noun not in _KINDS_OF_EXAMPLES:
            k += 1
            continue
        kind = _KINDS_OF_EXAMPLES[noun]
        m = k
        while m + 1 < n and text[cands[m].end : cands[m + 1].start] in joins:
            m += 1
        for member in cands[k : m + 1]:
            if member.source != TAGGER or member.type == kind:
                continue
            if member.type in known and member.key in known[member.type]:
                continue  # a name list knows it as its type
            if kind is None and member.type == ORG and _possessive(text, member.end):
                continue  # the things' maker: "services such as Zapco's Zapphoto"
            member.type, member.source = kind, LINKED
        k = m + 1


#: A list's verb and "among" before a plural noun of a kind: "Zapco, Velmo and
#: Kessab are among the retailers that ..." (the noun one of the next three
#: words: "among American retailers", "among the biggest online retailers").
_AMONG: Final = re.compile(r" (?:is|are|was|were) among (?:the )?((?:[a-z][a-z-]* ?){1,3})")
#: The verbs of :data:`_AMONG`, as the word after a name (looked at first).
_AMONG_VERBS: Final = frozenset(("is", "are", "was", "were"))
#: The last join of a list whose last member is described: ", and the
#: recreational vehicle-maker Zapbago".
_DESCRIBED_LAST: Final = re.compile(r",? (?:and|or) (?:the|a|an) (?:[a-z][a-z-]* ){1,3}")


def among_kinds(cands: list[Candidate], text: str) -> None:
    """The names of a list that "are among" a plural noun of a kind are of that
    kind, the whole list: "Zapsi, Velmo-Cola and the vehicle-maker Kessab are
    among retailers that said ..." (organisations), "Zarbia and Kessab are among
    the countries" (places). Names a list knows as another type keep theirs."""
    if " among " not in text:
        return
    lex = lexicon()
    known = {ORG: lex.orgs, PLACE: lex.places}
    for m in range(len(cands)):
        if cands[m].after not in _AMONG_VERBS:
            continue
        found = _AMONG.match(text, cands[m].end)
        if found is None:
            continue
        noun = next((w for w in found.group(1).split() if w in _KINDS_OF_EXAMPLES), "")
        if not noun:
            continue
        kind = _KINDS_OF_EXAMPLES[noun]
        k = m
        while k > 0:
            between = text[cands[k - 1].end : cands[k].start]
            if between not in _LIST_JOINS and not (
                k == m and _DESCRIBED_LAST.fullmatch(between) is not None
            ):
                break
            k -= 1
        for member in cands[k : m + 1]:
            if member.source != TAGGER or member.type == kind:
                continue
            if member.type in known and member.key in known[member.type]:
                continue  # a name list knows it as its type
            member.type, member.source = kind, LINKED


_OPENING: Final = frozenset("\"'“‘")
_CLOSING: Final = frozenset("\"'”’")
#: What a work's title between quotes is made of: capitalised words, numbers, colons.
_TITLE: Final = re.compile(r"(?:[A-Z0-9][\w’'.-]*[:,]?\s)*[A-Z0-9][\w’'.-]*")


def quoted_titles(cands: list[Candidate], text: str) -> None:
    """A name that is a whole quotation of capitalised words, or ends one with a
    colon inside ("called 'Grey Harbour: Zapquest' a flagship game"), is a work's
    title, and so are the names of that quotation: no person, place or organisation,
    there and everywhere in the text. An apostrophe and "s" after the name is its
    possessive, no closing quote ('"Zarbia's exports fell," the minister said'
    made Zarbia a title, and no place anywhere in the text), and a quotation
    between two capitalised words is a nickname ("Ahmed 'Zizo' Hassan"). A name
    that ends in a body's word ("Party", "Front") is the body's, set in quotes
    ('the "Zarbian Freedom Party"'), unless a word before the quotes introduces a
    work ('a film called "The Freedom Front"')."""
    if "'" not in text and '"' not in text and "‘" not in text and "“" not in text:
        return
    titles: set[str] = set()
    size = len(text)
    for c in cands:
        if c.source != TAGGER or c.type is None or c.end >= size:
            continue
        # the comma or full stop that closes a title's sentence may stand inside
        # its quotes: 'a poem called "Winter Hill, Kessab Station," won'
        stop = text[c.end] in ",." and c.end + 1 < size and text[c.end + 1] in _CLOSING
        if text[c.end] not in _CLOSING and not stop:
            continue
        if not stop and _possessive(text, c.end):
            continue  # '"Zarbia's results ...', not a quotation's end
        at = c.start
        # the quotation's start: the nearest quote at most 40 characters before
        start = max(text.rfind(q, max(0, at - 40), at) for q in _OPENING)
        if start < 0:
            continue
        inside = text[start + 1 : c.end]
        if start > 0 and text[start - 1].isalnum():
            continue  # an apostrophe inside a word
        if not _TITLE.fullmatch(inside):
            continue
        if _nickname(text, start, c.end + (2 if stop else 1)):
            continue  # "Ahmed 'Zizo' Hassan": a person's nickname
        if not _introduced(text, start) and c.key[c.key.rfind(" ") + 1 :] in _BODIES:
            continue  # a body's name in quotes: 'the "Zarbian Freedom Party" marched'
        if _introduced(text, start) if stop else (inside == c.surface or ":" in inside):
            titles.update(o.key for o in cands if start < o.start and o.end <= c.end)
    if titles:
        for c in cands:
            if c.key in titles and c.source == TAGGER:
                c.type, c.source = None, LINKED


#: The last words of the names of bodies that a text may set in quotes (a party, a
#: militia it does not take for what it calls itself): no work's title ends so
#: unless the words before the quotes introduce it as one ("a film called ...").
_BODIES: Final = frozenset(
    "party parties movement front union alliance coalition brigade brigades army forces "
    "council committee federation association organisation organization".split()
)


def _possessive(text: str, at: int) -> bool:
    """Whether the apostrophe at ``at`` makes a possessive ("Zarbia's", "Zarbia’s"):
    an "s" after it and no letter after that."""
    return text[at] in "'’" and text[at + 1 : at + 2] == "s" and not text[at + 2 : at + 3].isalpha()


def _nickname(text: str, opening: int, after: int) -> bool:
    """Whether the quotation from ``opening`` to just before ``after`` stands
    between two capitalised words: a nickname inside a person's name ("Ahmed
    'Zizo' Hassan", 'Ronald "Zap" Lee')."""
    before = text[max(0, opening - 30) : opening]
    if not before.endswith(" "):
        return False
    words = before.split()
    if not words or not words[-1][:1].isupper() or not words[-1].isalpha():
        return False
    return text[after : after + 1] == " " and text[after + 1 : after + 2].isupper()


#: Words that introduce a work's title in quotes: 'a poem called "...",' 'his
#: song "...".'
_INTRODUCING: Final = frozenset(
    "called titled entitled named dubbed poem poems song songs book novel story play "
    "film movie album single show series episode essay game".split()
)


def _introduced(text: str, quote: int) -> bool:
    """Whether the word before the quotation opening at ``quote`` introduces a
    work's title ("called", "poem")."""
    before = text[max(0, quote - 20) : quote].split()
    return bool(before) and before[-1].rstrip(",:").lower() in _INTRODUCING


#: A product's shape: a word in lower case with a capital inside ("zPhone", "xCloud").
_PRODUCT_SHAPE: Final = re.compile(r"\b[a-z]{1,3}[A-Z][A-Za-z]+")
#: Whether a text has a word of that shape: the pattern starts at the capital,
#: which the regex engine scans for (the lower-case start is checked behind it),
#: where one that starts with a word boundary is tried at every character: that
#: search of every text was 8% of extraction (a test checks that both agree).
_PRODUCT_SHAPE_IN: Final = re.compile(
    r"[A-Z](?:(?<=\b[a-z][A-Z])|(?<=\b[a-z]{2}[A-Z])|(?<=\b[a-z]{3}[A-Z]))[A-Za-z]"
)
#: A capital after a letter in lower case, and a letter: what a word of a product's
#: shape has, whatever comes before it (a look in the few characters before a name).
_CAPITAL_INSIDE: Final = re.compile(r"[A-Z](?<=[a-z][A-Z])[A-Za-z]")
#: The items of a list before a name: "the zPhone, zPad, Zap Watch, and ".
_LIST_ENDS: Final = (", ", ", and ", ", or ")
_LIST_BEFORE: Final = re.compile(r"((?:[\w’'-]+(?: [\w’'-]+){0,2}, )+(?:and |or )?)$")


def _ends_list(text: str, at: int) -> bool:
    """``text.endswith(_LIST_ENDS, 0, at)``, for ``0 <= at <= len(text)``."""
    for end in _LIST_ENDS:
        if text[max(0, at - len(end)) : at] == end:
            return True
    return False


def product_lists(cands: list[Candidate], text: str) -> None:
    """A name at the end of a list of products is a product: the other items are
    words of a product's shape ("zPhone") or names of no type of ours, one at least
    of a product's shape ("the zPhone, zPad, Zap Watch, and Zapbuds"): there and
    everywhere in the text. A surname with its particle run in has no product's
    shape ("Leonardo diCaprio, Jo Lee and Al Vane": people)."""
    shaped_words = False  # whether the text has a word of a product's shape: not asked yet
    notype: dict[int, Candidate] = {}
    products: set[str] = set()
    for c in cands:
        if c.source != TAGGER or c.type is None:
            continue
        # (a list's items end with a comma, and an "and" or "or" after it: the
        # search, ~30 µs a name, is made only where the text says so)
        begin = c.start
        # (each of _LIST_ENDS has a comma, a "d" or an "r" two characters before its
        # end: asked first; then the ends one by one, as endswith with a tuple and a
        # range is a method call from compiled code)
        if begin < 2 or text[begin - 2] not in ",dr" or not _ends_list(text, begin):
            continue
        lo = max(0, begin - 80)
        # (the list's items lie in the 80 characters before the name, and one of them
        # has a product's shape: most lists have no capital after a lower-case letter,
        # and the searches below, ~30 µs for the text, ~200 µs for the list, are not made)
        if _CAPITAL_INSIDE.search(text, lo, begin) is None:
            continue
        if not shaped_words:
            # (a search of the whole text, asked only once a name ends a list: most
            # texts have none, and a list of products has a word of their shape)
            if not _PRODUCT_SHAPE_IN.search(text):
                return
            shaped_words = True
            notype = {c.start: c for c in cands if c.type is None}
        found = _LIST_BEFORE.search(text, lo, begin)
        if found is None:
            continue
        items = re.split(r", (?:and |or )?", found.group(1))
        at = found.start(1)
        shaped = 0
        ok = True
        for n, item in enumerate(items):
            item = item.strip()
            if not item:
                continue
            if n == 0 and not _PRODUCT_SHAPE.fullmatch(item):
                item = item.rsplit(" ", 1)[-1]  # "to the zPhone": the list starts at its end
            start = text.find(item, at)
            at = start + len(item)
            # (not a surname with its particle: "Leonardo diCaprio, Jo Lee and ...")
            if _PRODUCT_SHAPE.fullmatch(item) and not particle_surname(item):
                shaped += 1
            elif start not in notype:
                ok = False
                break
        if ok and shaped:
            products.add(c.key)
    if products:
        for c in cands:
            if c.key in products and c.source == TAGGER:
                c.type, c.source = None, LINKED


#: "her role in Grey Harbour": what a person plays a part in is a work.
_ROLE_IN: Final = re.compile(r"\b(?:role|roles|performance|performances|cameo) in $")


def roles_in_works(cands: list[Candidate], text: str) -> None:
    """A name typed a person right after "role in" or "performance in" ("her role in
    Vera Quill") is a work's title, no person: there and everywhere in the text (a
    person has a role in something, not in someone)."""
    if " in " not in text:
        return
    works: set[str] = set()
    for c in cands:
        if (
            c.source == TAGGER
            and c.type == PERSON
            and text[max(0, c.start - 4) : c.start] == " in "  # (what _ROLE_IN ends with)
            and _ROLE_IN.search(text, max(0, c.start - 20), c.start)
            and text[c.end : c.end + 2] not in ("'s", "’s")
        ):
            works.add(c.key)
    retype(cands, works, PERSON, None)


#: A sequel's number after a title of two words or more: "Grey Harbour 2".
_SEQUEL: Final = re.compile(r" [2-9](?:[.,;:)]|\s+[a-z])")


#: The last words of a broadcaster's channel or station before its number.
_STATIONS: Final = frozenset("radio tv television channel station".split())


def sequels(cands: list[Candidate], text: str) -> None:
    """A name of two words or more right before a sequel's number, then a
    stop or a word in lower case ("in Grey Harbour 2. While", "Grey Harbour 2 is
    free"), is a work's title in the whole text: no names of places or bodies are
    numbered so (a score or a table has a number or a name after it), and no
    broadcaster's station ("Zapcast Radio 4, ...", "Velmo TV 2.")."""
    lex = lexicon()
    works: set[str] = set()
    for c in cands:
        if (
            c.source < GAZETTEER
            and c.type is not None
            and " " in c.key
            and _SEQUEL.match(text, c.end)
            and c.key not in lex.orgs
            and c.key not in lex.places
            # a broadcaster's channel or station: "Zapcast Radio 4, ..."
            and c.key[c.key.rfind(" ") + 1 :] not in _STATIONS
        ):
            works.add(c.key)
    if works:
        for c in cands:
            if c.key in works and c.source < GAZETTEER:
                c.type, c.source = None, LINKED


def stars_of_works(cands: list[Candidate], text: str) -> None:
    """A name of two words or more typed a person, right before "star" and a person
    named in full ("Vera Quill star Jo Lee"), is what that person stars in: a work,
    there and everywhere in the text (a person has no stars; a team's star follows
    a team's name, which other passes type)."""
    if " star " not in text:
        return
    works: set[str] = set()
    for k in range(len(cands) - 1):
        c, nxt = cands[k], cands[k + 1]
        if (
            c.source == TAGGER
            and c.type == PERSON
            and " " in c.key
            and text[c.end : nxt.start] == " star "
            and nxt.type == PERSON
            and " " in nxt.key
        ):
            works.add(c.key)
    retype(cands, works, PERSON, None)


#: What an award has: its nominees, winners and ceremonies ("Zapaward nominee Jo
#: Lee", "the Zapaward ceremony"); a person's name qualifies none of them.
_AWARD_NOUNS: Final = frozenset(
    "nominee nominees nomination nominations winner winners hopeful hopefuls "
    "ceremony ceremonies statuette statuettes laureate".split()
)
#: A category of an award right before its name: "the best actress Zapaward".
_BEST_OF: Final = re.compile(r"\bbest (?:[a-z]+ ){1,2}$")


def awards(cands: list[Candidate], text: str) -> None:
    """A lone word typed a person, no surname the name lists know and that no
    person named in full in the text starts or ends with, right before a noun of
    an award's ("Zapaward nominee Jo Lee", "the Zapaward ceremony") or right
    after a category ("the best actress Zapaward"), is an award, no person: there
    and everywhere in the text."""
    found: set[str] = set()
    best = "best " in text  # (what _BEST_OF needs: the search is made only then)
    for c in cands:
        if c.source != TAGGER or c.type != PERSON or " " in c.key or c.key in found:
            continue
        if (c.after in _AWARD_NOUNS and text[c.end : c.end + 1] == " ") or (
            best
            and text[max(0, c.start - 1) : c.start] == " "
            and _BEST_OF.search(text, max(0, c.start - 30), c.start)
            and not text[c.end + 1 : c.end + 2].isupper()
        ):
            found.add(c.key)
    if not found:
        return
    for c in cands:
        if c.type == PERSON and " " in c.key:
            found.discard(c.key.split(" ", 1)[0])
            found.discard(c.key.rsplit(" ", 1)[1])
    surnames = lexicon().last_names
    found = {k for k in found if k not in surnames}
    retype(cands, found, PERSON, None)
