"""One document's names: the tagger's and the gazetteer's, made to agree.

The tagger reads a sentence at a time; this module looks at the whole text:

* gazetteer entries (the shipped ``entities.yaml`` and the user's) win over
  the tagger, and ignored names are dropped (:func:`apply_gazetteer`);
* an acronym in brackets after a name ("Islamic State (IS)") is that name in
  the rest of the text (:func:`tui.ner.acronyms.link_acronyms`);
* a lone surname after a full name ("Lavrov" after "Sergei Lavrov"), or
  before the one full name with it (a headline's "Lavrov"), is that person
  (:func:`link_short_forms`);
* one name has one type in a text: the type most of its mentions got, a tie
  broken by the gazetteer and the lists, a list of people or a title, a lone
  word's away from a person, then by the tagger's scores
  (:func:`tui.ner.agreement.agree_on_types`).

Candidates are :class:`Candidate` objects, in text order, disjoint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from tui.gazetteer import Entry, Gazetteer, cue_words, fold, lexicon
from tui.ner.candidates import PARTICLES
from tui.ner.features import fold_word
from tui.ner.model import shipped_model
from tui.ner.tokens import TOKEN, Offsets
from tui.ner.types import ORG, PERSON, PLACE

#: Where a candidate's type comes from, weakest first.
TAGGER: Final = 0
LINKED: Final = 1  # the document-level passes gave it
#: A rule read the type from the words around the name, evidence no other text
#: can outweigh ("Harbourton coach", "shares in Zapco", "Jo Vale, 34,"): the corpus
#: keeps this text's type for the name (:func:`tui.ner.corpus.corpus_types`).
CONTEXT: Final = 2
GAZETTEER: Final = 3
IGNORED: Final = 4  # a placeholder: a name the user ignores (key: its last word)


@dataclass(slots=True)
class Candidate:
    """A name found in a text, before it becomes a :class:`~tui.ner.mention.Mention`.

    ``first``/``last`` are token indices (last exclusive); ``type`` is a name
    type, or None for a name of no Dossier type (MISC: events, nationalities).
    """

    start: int
    end: int
    first: int
    last: int
    surface: str
    key: str
    type: str | None
    source: int = TAGGER
    canonical: str = ""
    heading: bool = False  # in a line that is a heading
    caps: bool = False  # in a line written in capitals
    after: str = ""  # the word after it, lower-cased
    before: str = ""  # the word before it
    after2: str = ""  # the word after that, as written
    called: bool = False  # introduced as a thing's name ("a sensor called Zapwatch")
    corrected: bool = False  # the user's entry for a name the text reads as a person

    # Written out: compiled, a dataclass's own __init__ is made at import by the
    # dataclasses module, interpreted code each candidate went through (~1 us each,
    # 70,000 candidates over the BBC corpus); this one is compiled. Same fields, order
    # and defaults as above (a test checks them against the dataclass's fields).
    def __init__(
        self,
        start: int,
        end: int,
        first: int,
        last: int,
        surface: str,
        key: str,
        type: str | None,  # noqa: A002 - the field's name
        source: int = TAGGER,
        canonical: str = "",
        heading: bool = False,
        caps: bool = False,
        after: str = "",
        before: str = "",
        after2: str = "",
        called: bool = False,
        corrected: bool = False,
    ) -> None:
        self.start = start
        self.end = end
        self.first = first
        self.last = last
        self.surface = surface
        self.key = key
        self.type = type
        self.source = source
        self.canonical = canonical
        self.heading = heading
        self.caps = caps
        self.after = after
        self.before = before
        self.after2 = after2
        self.called = called
        self.corrected = corrected


#: surface -> :func:`canonical_form` of it, for the names a text repeats and texts share.
_CANONICAL: Final[dict[str, str]] = {}


def canonical_form(surface: str) -> str:
    """A name's default canonical form: spaces normalised, no leading "the",
    long names in capitals in title case ("REUTERS" -> "Reuters"). Remembered
    (bounded): worked out, it is three or four str methods, each a call from
    compiled code (~1,400 instructions a mention); looked up, the surface's hash,
    which the mention's fold has already made."""
    got = _CANONICAL.get(surface)
    if got is None:
        if len(_CANONICAL) >= 20_000:
            _CANONICAL.clear()
        got = _CANONICAL[surface] = _canonical(surface)
    return got


def _canonical(surface: str) -> str:
    s = surface
    if " " in s or not s.isprintable():
        s = " ".join(s.split())
        if s[:4].lower() == "the ":
            s = s[4:]
    if len(s) > 4 and s.isupper() and "." not in s:
        s = s.title()
    return s


def retype(cands: list[Candidate], keys: set[str], was: str, now: str | None) -> None:
    """Every mention of a name of ``keys`` that the tagger typed ``was`` is ``now``
    (linked): a pass that reads a name's type from one mention's context makes it
    that name's type there and everywhere in the text."""
    if not keys:
        return
    for c in cands:
        if c.key in keys and c.type == was and c.source == TAGGER:
            c.type, c.source = now, LINKED


def gazetteer_limits(gaz: Gazetteer) -> tuple[dict[str, int], frozenset[str]]:
    """First word -> most words of an entry or ignored name starting with it; and
    the keys that only match in capitals (every alias they come from is an
    acronym in capitals: "US", "WHO" but not "Us" or "Who")."""
    return gaz.derived("ner_limits", lambda: _work_out_limits(gaz))


def _work_out_limits(gaz: Gazetteer) -> tuple[dict[str, int], frozenset[str]]:
    limits: dict[str, int] = {}
    for key in (*gaz.entries, *gaz.ignore):
        toks = TOKEN.findall(key)
        if toks and len(toks) > limits.get(toks[0], 0):
            limits[toks[0]] = len(toks)
    lower_ok: set[str] = set()
    upper: set[str] = set()
    for key, entry in gaz.entries.items():
        for name in (entry.canonical, *entry.aliases):
            if fold(name) != key:
                continue
            if name.isupper() and len(name.replace(".", "")) <= 5:
                upper.add(key)
            else:
                lower_ok.add(key)
    return limits, frozenset(upper - lower_ok)


def gazetteer_matches(
    gaz: Gazetteer,
    text: str,
    words: list[str],
    offsets: Offsets,
    cand: list[bool],
    limits_of: tuple[dict[str, int], frozenset[str]] | None = None,
) -> list[tuple[int, int, Entry | None]]:
    """(first, last + 1, entry) of the gazetteer's names among the tokens, longest
    first, left to right; entry None for an ignored name. A name starts and
    ends at a word with a capital letter. ``limits_of``: :func:`gazetteer_limits`
    of ``gaz``, if the caller has it (a text's lines each ask)."""
    limits, caps_only = limits_of if limits_of is not None else gazetteer_limits(gaz)
    entries = gaz.entries
    ignore = gaz.ignore
    out: list[tuple[int, int, Entry | None]] = []
    n = len(words)
    i = 0
    while i < n:
        if not cand[i]:
            i += 1
            continue
        first = fold_word(words[i])
        lim = limits.get(first, 0)
        found = 0
        entry: Entry | None = None
        for m in range(min(lim, n - i), 0, -1):
            if not cand[i + m - 1]:
                continue
            if m == 1:
                # (one token: the text there is the token, already folded; its
                # offsets, found token by token up to it, are not needed)
                surface = words[i]
                key = first
            else:
                surface = text[offsets.start(i) : offsets.end(i + m - 1)]
                key = fold(surface)
            if key in ignore:
                found, entry = m, None
                break
            e = entries.get(key)
            if e is not None:
                if key in caps_only and not surface.isupper():
                    continue
                found, entry = m, e
                break
        if found:
            out.append((i, i + found, entry))
            i += found
        else:
            i += 1
    return out


def apply_gazetteer(
    cands: list[Candidate],
    matches: list[tuple[int, int, Entry | None]],
    text: str,
    offsets: Offsets,
) -> list[Candidate]:
    """The candidates with the gazetteer's names put in: a name the gazetteer
    knows replaces the tagger's candidates it overlaps (unless it lies inside a
    longer one: "Portugal" in "Central Bank of Portugal", "U.S." in the event
    "U.S. Open"), an ignored name removes them."""
    if not matches:
        return cands
    out: list[Candidate] = []
    k = 0
    n = len(cands)
    for a, b, entry in matches:
        while k < n and cands[k].last <= a:
            out.append(cands[k])
            k += 1
        inside = (
            k < n
            and cands[k].first <= a
            and cands[k].last >= b
            and cands[k].last - cands[k].first > b - a
        )
        if inside:
            continue
        replaced = k
        while k < n and cands[k].first < b:
            k += 1  # overlapped: replaced
        if entry is None:
            # an ignored full name takes its lone surname with it
            words = fold(text[offsets.start(a) : offsets.end(b - 1)]).split()
            if len(words) >= 2:
                start, end = offsets.start(a), offsets.end(b - 1)
                # (its canonical: the name as written, for an earlier lone surname
                # to know it by: _link_earlier_surnames)
                written = text[start:end]
                out.append(Candidate(start, end, a, b, "", words[-1], None, IGNORED, written))
            continue
        start, end = offsets.start(a), offsets.end(b - 1)
        surface = text[start:end]
        found = Candidate(
            start, end, a, b, surface, fold(surface), entry.type, GAZETTEER, entry.canonical
        )
        # the user retyped or merged a name the tagger read as a person: its short
        # forms ("Quill" after "Jane Quill") follow the correction (link_short_forms)
        found.corrected = entry.user and any(c.type == PERSON for c in cands[replaced:k])
        out.append(found)
    out.extend(cands[k:])
    return out


def link_short_forms(cands: list[Candidate]) -> None:
    """A lone surname (or the last two words of a longer name) after a person's
    full name is that person: "Lavrov" after "Sergei Lavrov"; after a name the
    user ignores, it is ignored too; after a person's name the user retyped or
    merged, it takes the correction, unless a person of the text has that surname
    too (then it is that person's). Names in headings, which may be page
    furniture ("Courtesy Google"), give no short forms. Of two people named as
    "Jo and Kim Lee", the first is named first: a later "Lee" is Jo Lee, as after
    "Jo Lee and Kim Lee"."""
    short: dict[str, str] = {}
    pairs = _given_name_pairs(cands)
    # short forms of a person the user retyped or merged into another entity: the
    # short forms follow the correction ("Quill" after "Jane Quill", now a place)
    corrected: dict[str, tuple[str | None, str]] = {}
    for c in cands:
        if c.source == IGNORED:
            short[c.key] = ""
        elif (c.type == PERSON or c.corrected) and " " in c.key and not c.heading:
            parts = c.key.split()
            forms = [parts[-1], " ".join(parts[-2:])] if len(parts) >= 3 else [parts[-1]]
            pair = pairs.get(c.start) if pairs else None
            for form in forms:
                if pair is not None:
                    short.setdefault(form, pair[1])
                if c.type == PERSON:
                    short.setdefault(form, c.canonical)
                elif form not in short:
                    corrected.setdefault(form, (c.type, c.canonical))
        elif c.source < GAZETTEER and c.key in short:
            if short[c.key]:
                c.type, c.canonical, c.source = PERSON, short[c.key], LINKED
            else:
                c.type, c.source = None, IGNORED
        elif c.source < GAZETTEER and c.key in corrected:
            c.type, c.canonical = corrected[c.key]
            c.source = LINKED
    _link_earlier_surnames(cands)
    _link_given_names(cands, short, pairs)


def _given_name_pairs(cands: list[Candidate]) -> dict[int, tuple[Candidate, str]]:
    """Where a full name starts that shares its surname with a lone given name right
    before it and "and" ("Jo and Kim Lee"; both given names the lists know), -> that
    given name and the first person's full name ("Jo Lee"). Not a word that ends a
    full name of the text ("Rhys Lee ... Lee and Kim Vale": a surname), nor one
    after a capitalised word ("Jo-Ann Vale and Kim Lee": the end of a name)."""
    out: dict[int, tuple[Candidate, str]] = {}
    surnames: set[str] | None = None
    for k in range(len(cands) - 1):
        c = cands[k]
        if c.after != "and" or c.type != PERSON or c.heading or " " in c.key:
            continue
        other = cands[k + 1]
        if other.start != c.end + 5 or other.type != PERSON or " " not in other.key:
            continue
        if c.before[:1].isupper():
            continue
        first_names = lexicon().first_names
        if c.key in first_names and other.key.split(" ", 1)[0] in first_names:
            if surnames is None:
                surnames = {
                    n.key.rsplit(" ", 1)[-1] for n in cands if n.type == PERSON and " " in n.key
                }
            if c.key not in surnames:
                out[other.start] = (c, f"{c.surface} {other.canonical.split(' ', 1)[1]}")
    return out


def _link_earlier_surnames(cands: list[Candidate]) -> None:
    """A lone surname typed a person before the text names the person in full is that
    person too, when one person of the text has that surname: a headline names people
    by surname ("Quennell hits back") and the story below in full ("Harold Quennell
    has ..."). Two people of the text with the surname: neither. A full name counts
    when it reads as one (:func:`_named_in_full`), or when the text goes on to call
    the person by the surname alone ("Zoltan Quennell ... Quennell said"): a given
    name no list knows, a headline in capitals ("WILL QUENNELL RUN?").

    A full name the user corrected counts as the person it was: the earlier surname
    takes the correction (the user's new type, or no entity), as the later ones do
    (:func:`link_short_forms`), so that the name and its short forms, one entity
    before the correction, stay one after it."""
    # the full names a later lone surname was linked to (:func:`link_short_forms`),
    # and the surnames that went with a full name the user ignores
    fixed = {c.canonical for c in cands if c.corrected}
    echoed = {
        c.canonical
        for c in cands
        if c.source == LINKED and " " not in c.key and (c.type == PERSON or c.canonical in fixed)
    }
    dropped = {c.key for c in cands if c.source == IGNORED and c.key and " " not in c.canonical}
    if echoed:
        # not a phrase that opens with a common word ("Rapper Jo Lee", "Make Lee Win")
        case = shipped_model().case
        echoed = {n for n in echoed if case.get(fold(n.split(" ", 1)[0])) != "L"}
    # a surname -> what its full names make of it: (type, canonical); None: no entity
    full: dict[str, set[tuple[str | None, str]]] = {}
    for c in cands:
        if c.heading:
            continue
        if c.source == IGNORED and " " in c.canonical:  # a full name the user ignores
            parts = fold(c.canonical).split()
            if not _named_in_full(parts, c.canonical) and parts[-1] not in dropped:
                continue
            what: tuple[str | None, str] = (None, "")
        elif (c.type == PERSON or c.corrected) and " " in c.key:
            parts = c.key.split()
            if not _named_in_full(parts, c.canonical) and c.canonical not in echoed:
                continue
            what = (c.type, c.canonical)
        else:
            continue
        full.setdefault(parts[-1], set()).add(what)
        if len(parts) >= 3:
            full.setdefault(" ".join(parts[-2:]), set()).add(what)
    if not full:
        return
    for c in cands:
        if c.type != PERSON or c.source != TAGGER:
            continue
        named = full.get(c.key)
        if named is not None and len(named) == 1:
            typ, canonical = next(iter(named))
            if typ is None:
                c.type, c.source = None, IGNORED
            else:
                c.type, c.canonical, c.source = typ, canonical, LINKED


def _named_in_full(parts: list[str], canonical: str) -> bool:
    """Whether a name typed a person reads as one named in full: it opens with a
    known given name or a title ("Harold Quennell", "Lord Quennell"), and its other
    words have capitals or are particles ("van", "de"). What the tagger takes for a
    person in a product's or a film's name ("Bonus Case", "My Summer of Love")
    lends its last word to no earlier mention."""
    if parts[0] not in lexicon().first_names and parts[0] not in title_words():
        return False
    return all(w[:1].isupper() or w in PARTICLES for w in canonical.split()[1:])


@lru_cache(maxsize=1)
def title_words() -> frozenset[str]:
    """The person titles ("mr", "lord", "dr"), folded."""
    return frozenset(fold(t) for t in cue_words().person_titles)


def _link_given_names(
    cands: list[Candidate],
    surnames: dict[str, str],
    pairs: dict[int, tuple[Candidate, str]],
) -> None:
    """A lone given name is the one person of the text named in full with it,
    before or after: "David" beside "David Marsh" (in a quote: "David has done
    well"), "Anil" beside "Anil Zarwani" (a given name no list knows, and no
    surname). Not a word that ends a full name too, nor one two people share."""
    lone = [
        c
        for c in cands
        if c.type == PERSON and c.source == TAGGER and " " not in c.key and c.key not in surnames
    ]
    if not lone:
        return
    lex = lexicon()
    first_names = lex.first_names
    full: dict[str, set[str]] = {}
    for c in cands:
        if c.type == PERSON and " " in c.key and not c.heading:
            given = c.key.split(" ", 1)[0]
            # a given name the lists know, or a word they know as no surname and
            # no title ("Graeme", "Anil": the text's full name is the evidence)
            if given in first_names or (
                given not in lex.last_names and given not in title_words() and given.isalpha()
            ):
                full.setdefault(given, set()).add(c.canonical)
    # (a word no list knows is linked where the text types it a person only: its
    # type stays the tagger's guess, one vote among the text's mentions)
    mixed = {c.key for c in cands if c.type != PERSON and c.key in full}
    for c in lone:
        named = full.get(c.key)
        if named is not None and len(named) == 1:
            if c.key in first_names:
                c.canonical, c.source = next(iter(named)), LINKED
            elif c.key not in mixed:
                c.canonical = next(iter(named))
    # "David and Victoria Marsh": the given name shares the surname after "and"
    for first, full_name in pairs.values():
        if first.source == TAGGER and first.key not in surnames:
            first.canonical, first.source = full_name, LINKED


_DATELINE_SOURCES: Final = frozenset(("reuters", "ap", "afp", "upi", "dpa", "bloomberg"))


def at_dateline(c: Candidate) -> bool:
    """Whether the name opens its line as a news story's dateline does, before a
    date ("NEW YORK 1996-08-22", "LONDON, 6 Dec") or an agency ("PARIS (Reuters)"):
    where the story was filed, a place whatever the name stands for elsewhere."""
    if c.before:
        return False
    after = c.after
    if after[:1].isdigit():
        return "-" in after or "/" in after
    nxt = c.after2.lower()
    if after == "(":
        return nxt in _DATELINE_SOURCES
    if after != ",":
        return False
    # "HARBOURTON, Ruritania 2031-03-04": a town in capitals, its region or country
    return (
        nxt[:1].isdigit() or nxt[:3] in _MONTHS or (c.surface.isupper() and c.after2[:1].isupper())
    )


#: The rest of a dateline after its town: its region or country if any, and the
#: date ("KARVELBY, Zarbia 2031-03-04", "ZAPTON, Ala.\n2031-03-04", "PARIS 6 Dec").
_DATELINE_REST: Final = re.compile(
    r"(?: ?, ?[A-Z][\w.']*(?: [A-Z][\w.']*){0,3} ?\.?)? ?\n?"
    r"(?:\d{4}-\d\d-\d\d|\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec))"
)


def dateline_places(cands: list[Candidate], text: str) -> None:
    """A name that opens its line before a date, or before its region and a date
    ("ZAPTON , Ruritania 2031-03-04"), is the place a story was filed from,
    whatever the tagger or a team's nouns made of it ("Zapton coach" below the
    dateline makes the team an organisation, not the town above). A listed
    organisation keeps its type ("UNITED NATIONS 2031-03-04": filed at its seat)."""
    orgs = None
    for c in cands:
        if (
            c.before
            or c.type not in (ORG, PERSON)
            or c.source >= GAZETTEER
            or (c.start > 0 and text[c.start - 1] != "\n")
            or _DATELINE_REST.match(text, c.end) is None
        ):
            continue
        if orgs is None:
            orgs = lexicon().orgs
        if c.key not in orgs:
            c.type, c.source = PLACE, TAGGER


_MONTHS: Final = frozenset(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
)


#: Words before a common noun, not before a surname alone.
_ARTICLES: Final = frozenset(("the", "a", "an"))

#: Verbs of speech next to a person called by the surname ("Zane told reporters"),
#: none that a thing does too ("Zapsong adds nothing", "Zapco reported a loss").
_SPEECH: Final = frozenset(
    "said says told tells explained explains insisted insists admitted admits replied "
    "warned warns".split()
)


def surname_alone(c: Candidate) -> bool:
    """Whether the mention is a lone word the tagger found, right before or after
    a verb of speech ("Zane said", "said Zane", "Zane told reporters"): how news
    names a person it named in full, the surname, whatever type the tagger gave
    the word alone (elsewhere a lone word is often a common word of a title's:
    "the Zapwit reaction", "Locked Up is")."""
    return c.type is not None and c.source == TAGGER and " " not in c.key and speaks(c)


def surname_of(c: Candidate, named: set[str]) -> bool:
    """Whether the mention, a lone word and the last of a person's name in the
    text, is that person's surname: by a verb of speech (:func:`surname_alone`),
    or, the person named with a given name a list knows, where the tagger reads
    a person's name, not after an article ("Stu Zane ... the zane consensus ...
    that Zane had bowled"; a caption's or a title's "person" opens with another
    word: "Hey Zapwit", "Locked Up")."""
    if c.key in named and c.type == PERSON and c.source == TAGGER:
        return c.before.lower() not in _ARTICLES
    return surname_alone(c)


def speaks(c: Candidate) -> bool:
    """Whether a verb of speech comes right before or after the mention ("Zane
    said", "said Zane", "Zane told")."""
    return c.after in _SPEECH or c.before.lower() in _SPEECH
