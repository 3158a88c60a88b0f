"""Named-entity recognition for news articles: people, places, organisations (and dates).

Pure Python and rule based, built for speed during indexing:

1. capitalised words are found with one regular expression and grouped into
   *chunks* (runs of capitalised words, allowing connectors such as "of", "&");
2. each chunk is cut into *pieces* at cue words (titles such as "Foreign
   Minister", nationalities, ordinary sentence starters) and at gazetteer matches;
3. each piece gets a type from, strongest first: the user's gazetteer, cue words
   (titles before people, organisation suffixes such as "Ministry" or "Inc",
   place suffixes such as "Province"), the generated lexicons (countries, cities,
   regions, given names, known organisations), and context;
4. a document-level pass makes mentions agree: later short forms of a person
   ("Lavrov") link to the full name ("Sergei Lavrov"), a name typed by strong
   evidence once gives its type to its other mentions, all-caps or title-case
   headlines only keep names corroborated elsewhere, and sports reports turn
   club names that look like places ("Leicestershire", "Chicago") into
   organisations.

Speed: step 2-3 depend only on a chunk's words (and the line mode), so their
result, a *plan*, is cached per chunk text (:class:`_Planner`); per document only
sentence starts, scores after club names and the words around lone unknown names
are looked at. Gazetteer lookups try only the phrase lengths some name starting
with the word has (:func:`tui.gazetteer.first_token_limits`). Dates are tried only
where one can start (month and day names, numbers before them, ISO dates).
The planner also keeps what depends on one word or one run only: each word's
cue-word bits, how runs with hyphens or apostrophes split, and whether a
sentence-starting word may be an ordinary one. All of it lives with the
gazetteer it was worked out for and is dropped when that changes or the caches
fill up. In a cold pass over a corpus (each index build) planning new chunks is
still about a third of the time.

The public surface is :class:`Mention`, :class:`Recognizer`, :func:`entity_id`,
and (re-exported) :class:`Gazetteer` / :func:`load_gazetteer`.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import operator
import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any, Final, NamedTuple

from tui.gazetteer import (
    EVENTS,
    NATIONALITIES,
    NEVER,
    ORG_HEADS,
    ORG_SUFFIXES,
    PERSON_TITLES,
    PLACE_SUFFIXES,
    SPORTS,
    TEAM_SPORTS,
    Gazetteer,
    Lexicon,
    first_token_limits,
    fold,
    lexicon,
    load_gazetteer,
    user_gazetteer_path,
)

__all__ = [
    "Gazetteer",
    "Mention",
    "Recognizer",
    "default_recognizer",
    "entity_id",
    "load_gazetteer",
]

RULES_VERSION: Final = "3"

PERSON: Final = "person"
PLACE: Final = "place"
ORG: Final = "org"
DATE: Final = "date"


def entity_id(type: str, canonical: str) -> str:  # noqa: A002 - public name
    """The identity of an entity across articles, e.g. ``person:sergei lavrov``."""
    return f"{type}:{fold(canonical)}"


class Mention(NamedTuple):
    """One mention: its span in the text, the text, its type and canonical name.

    A named tuple rather than a frozen dataclass: extraction makes one per
    mention (57,000 for the BBC corpus) and a frozen dataclass's constructor
    costs three times as much, compiled or not.
    """

    start: int
    end: int
    text: str
    type: str
    canonical: str

    @property
    def id(self) -> str:
        return entity_id(self.type, self.canonical)


# --------------------------------------------------------------------------- patterns


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    upper = "".join(chr(c) for c in range(0x41, 0x250) if chr(c).isupper())
    up = f"[{re.escape(upper)}]"
    word = (
        rf"(?:{up}\.(?:{up}\.)+"  # U.S., U.N.
        rf"|{up}\.(?= {up})"  # an initial: "M. Butcher"
        rf"|{up}[\w]*(?:['’&.-]{up}[\w]*|-[a-z0-9]+|['’][a-z]+"
        rf"|(?<={up}{up})/{up}{up}+(?!\w))*)"  # "RFE/RL": one acronym
    )
    connector = (
        r"[ \t]+(?:(?:of|of the|for|for the|de|du|da|del|della|der|den|van|von|la|le"
        r"|y|&)[ \t]+)?"
    )
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    days = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    return {
        "cap": re.compile(word),
        "date": re.compile(
            rf"\b(?:(?:{months})\.? \d{{1,2}}(?:st|nd|rd|th)?(?:,? \d{{4}})?"
            rf"|\d{{1,2}}(?:st|nd|rd|th)? (?:of )?(?:{months})(?:,? \d{{4}})?"
            rf"|(?:{months}) \d{{4}}|\d{{4}}-\d\d-\d\d|(?:{days}))\b"
        ),
        "date_name": re.compile(f"(?:{months}|{days})"),
        "iso_dash": re.compile(r"-(?=\d\d-\d\d)"),
        "connector": re.compile(connector),
        # a run of capitalised words joined by connectors, "al-"/"el-" allowed inside
        "run": re.compile(rf"{word}(?:{connector}(?:[ae]l-)?{word})*"),
        "sentence_end": re.compile(r"(?:^|[.!?:;\"“”‘’'(\[\n]|\s-|--)\s*$"),
        "lower_word": re.compile(r"\b[a-z][a-z'’-]*\b"),
        "number": re.compile(r"\s*[(]?\d"),
        "dateline": re.compile(r"[ \t]+(?:\d{4}-\d\d-\d\d|\(Reuters\)|\d{1,2} [A-Z][a-z]+ \d{4})"),
    }


_NEXT_WORD: Final = re.compile(r"[^\S\n]*(\S+)")
_DIGIT: Final = re.compile(r"\d")
_ACRONYM: Final = re.compile(r"[A-Z][A-Z.&/-]{1,7}")
_OPEN_PAREN: Final = re.compile(r"[ \t]*\([ \t]*")
_CLOSE_PAREN: Final = re.compile(r"[ \t]*\)")
_LOWER_TOKEN: Final = re.compile(r"[a-z]\S*")
_LOWER_START: Final = re.compile(r"(?<!\S)[a-z]")
_HAS_LETTER: Final = re.compile(r"[^\W\d_]")
_SENTENCE_END_CHARS: Final = frozenset(".!?:;\"“”‘’'([\n")
_LOWER_WORD: Final = re.compile(r"[a-z][a-z'’-]*")
_LOWER_TAIL: Final = re.compile(r"-[a-z]{3,}\b")
_SAY_VERBS: Final = frozenset(
    "said says told added say tells adds stated warned insisted argued explained asked wrote "
    "announced noted replied declared admitted claimed confirmed denied".split()
)
_PLACE_PREPS: Final = frozenset("in at near from outside inside across throughout via into".split())
# Adjectives that start names of groups ("White Helmets", "Grey Wolves").
_GROUP_ADJECTIVES: Final = frozenset(
    "White Black Red Blue Green Yellow Golden Grey Gray Brown Orange Purple Silver Young "
    "Free Holy Civil Popular Revolutionary".split()
)
# Before an unknown two-word name, these make it a place rather than a person.
_NAME_PLACE_PREPS: Final = frozenset("in near outside inside across throughout around".split())
# After a name, these make it a place: "the Bustan al-Basha neighbourhood".
_PLACE_NOUNS: Final = frozenset(
    "neighbourhood neighborhood district districts village villages town city suburb "
    "suburbs quarter province region governorate area camp airbase border crossing".split()
)
# Plural common nouns whose possessive goes on inside a name ("People's Protection Units").
_NAME_POSSESSIVES: Final = frozenset(
    "People Workers Women Children Men Veterans Farmers Martyrs".split()
)
# After an unknown name, these make it a place (a facility): "the Menagh air base".
_FACILITY_NOUNS: Final = frozenset(
    "airport airbase airfield base dam bridge camp prison jail hospital checkpoint refinery "
    "barracks port harbour harbor crossing".split()
)
# "Powered by X": a product or company credit, not a person.
_CREDIT_VERBS: Final = frozenset("powered hosted sponsored".split())
# Nouns that, after a nationality or religion adjective, name a body: "Islamic State".
_STATE_NOUNS: Final = frozenset("State Caliphate Emirate".split())
# Month names that are also surnames, after a given name: "Theresa May".
_MONTH_SURNAMES: Final = frozenset("May June April August".split())
_FUNCTION_TITLECASE: Final = frozenset(
    "To In Of For The And With On At As Is Are Be By From Over After Up A An Into Out".split()
)
_START: Final = operator.attrgetter("start")
_PARTICLES: Final = frozenset("de du da del della der den van von la le y bin ibn al".split())


# --------------------------------------------------------------------------- recogniser


class Recognizer:
    """Find person, place and organisation mentions (and cheap dates) in text."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, dates: bool = True):
        self._gazetteer = gazetteer
        self.dates = dates

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer([user_gazetteer_path()])
        return self._gazetteer

    @property
    def fingerprint(self) -> str:
        h = hashlib.sha1()
        h.update(RULES_VERSION.encode())
        h.update(self.gazetteer.fingerprint.encode())
        h.update(lexicon().fingerprint.encode())
        h.update(b"dates" if self.dates else b"")
        return h.hexdigest()[:16]

    # -- public ----------------------------------------------------------------

    def extract(self, text: str) -> list[Mention]:
        if not text:
            return []
        doc = _Doc(text, self.gazetteer)
        mentions = doc.run()
        if self.dates:
            mentions = _add_dates(text, mentions)
        return mentions


@lru_cache(maxsize=1)
def default_recognizer() -> Recognizer:
    return Recognizer()


def _add_dates(text: str, mentions: list[Mention]) -> list[Mention]:
    p = _patterns()
    # The full date pattern is slow to try at every position; a date can only
    # start at a month or day name, at a number at most 8 characters before a
    # month name ("21st of March") or at an ISO date ("2016-03-21"), so try it
    # there (in text order, skipping overlaps: the same matches as finditer).
    cands = []
    digits = _DIGIT.finditer
    for m in p["date_name"].finditer(text):
        q = m.start()
        cands += [d.start() for d in digits(text, q - 8 if q > 8 else 0, q)]
        cands.append(q)
    if "-" in text:
        cands += [m.start() - 4 for m in p["iso_dash"].finditer(text) if m.start() >= 4]
    if not cands:
        return mentions
    cands.sort()
    date = p["date"]
    n = len(mentions)
    out = mentions
    last = -1
    for pos in cands:
        if pos < last:
            continue
        dm = date.match(text, pos)
        if dm is None:
            continue
        s, e = dm.span()
        last = e
        # the mention starting last at or before s, and the one after it
        i = bisect.bisect_right(mentions, s, key=_START) - 1
        if i >= 0 and mentions[i].end > s:
            continue
        if i + 1 < n and mentions[i + 1].start < e:
            continue
        if out is mentions:
            out = list(mentions)
        out.append(Mention(s, e, dm.group(), DATE, dm.group()))
    if out is not mentions:
        out.sort(key=_START)
    return out


_PLAN_CACHE_SIZE: Final = 200_000


def _planner(gaz: Gazetteer, lex: Lexicon) -> _Planner:
    """The gazetteer's planner (a new one, with an empty cache, when it changed)."""
    key = (gaz.version, lex.fingerprint)
    cached: Any = gaz._derived.get("planner")
    if cached is None or cached[0] != key:
        cached = (key, _Planner(gaz, lex))
        gaz._derived["planner"] = cached
    return cached[1]


def _limits(gaz: Gazetteer, lex: Lexicon) -> dict[str, int]:
    """First word -> most words of a gazetteer, ignored or lexicon name it starts."""
    key = (gaz.version, lex.fingerprint)
    cached: Any = gaz._derived.get("limits")
    if cached is None or cached[0] != key:
        names = itertools.chain(gaz.entries, gaz.ignore, lex.orgs, lex.places)
        cached = (key, first_token_limits(names))
        gaz._derived["limits"] = cached
    return cached[1]


# A piece of a chunk: start, end (relative to the chunk), type, strength, canonical,
# cue_person, "starts the sentence if the chunk does", how context may change it,
# and its text, folded text and default canonical name.
_Piece = tuple[int, int, "str | None", int, "str | None", bool, bool, int, str, str, str]
_Spans = Sequence[tuple[int, int]]  # words' (start, end)
_Chunk = tuple[int, int, _Spans]  # a chunk of a run: start, end (in the run) and its words
_FIXED: Final = 0
_TEAM: Final = 1
_CONTEXT: Final = 2
_PLACE_CONTEXT: Final = 4
_ORG_NOUN: Final = 8


# A chunk's plan: what its words say, whatever the document (cached per line mode
# and surface), as (pieces, first_drops, first, spans):
# - pieces: from the first word on;
# - first_drops: 2 if the first word is always dropped at a sentence start, 1 if
#   it is when the document uses it as a common word, 0 if never;
# - first: the first word; spans: the words, relative to the surface (only kept
#   when the first word may be dropped and others follow: () otherwise).
# _EMPTY for a chunk that yields nothing wherever it stands ("World Cup", "The").
# (Plain tuples, which the garbage collector stops tracking: a corpus makes
# tens of thousands of plans.)
_Plan = tuple[tuple[_Piece, ...], int, str, tuple[tuple[int, int], ...]]
_EMPTY: _Plan = ((), 0, "", ())


class _Planner:
    """Cuts chunks into pieces from their words alone; results cached per surface."""

    def __init__(self, gaz: Gazetteer, lex: Lexicon):
        self.gaz = gaz
        self.lex = lex
        self.limits = _limits(gaz, lex)
        # line mode -> chunk surface -> plan; and its pieces without the first word
        self.cache: dict[str, dict[str, _Plan]] = {"normal": {}, "caps": {}, "title": {}}
        self.rests: dict[str, dict[str, tuple[_Piece, ...]]] = {m: {} for m in self.cache}
        # person name -> its short forms (see _Doc._short_keys)
        self.shorts: dict[str, tuple[str, str, bool] | tuple[()]] = {}
        # word -> what it is to the rules (a cache: the words of the plans above)
        self.kinds = _Kinds()
        # run with hyphens or apostrophes -> its chunks (see _Doc._split_run)
        self.splits: dict[str, tuple[_Chunk, ...]] = {}
        # sentence-starting word -> its lower-case form, if it may be an ordinary word
        self.starters: dict[str, str | None] = {}
        self.size = 0  # entries in the caches above
        self.text = ""
        self.toks: list[str] = []
        self.keys: list[str] = []  # the words folded
        self.gaps: dict[tuple[int, int], str] = {}
        self.last_org = -1

    def plan(self, surface: str, spans: _Spans, mode: str) -> _Plan:
        """``spans``: the chunk's words, relative to ``surface``."""
        toks = [surface[a:b] for a, b in spans]
        self._load(surface, spans, toks)
        norms = toks if mode == "normal" else [_norm(w, mode) for w in toks]
        kinds = self.kinds
        if kinds[norms[-1]] & _K_EVENT:
            plan = _EMPTY  # "U.S. Open", "World Cup": an event, not a place or org
        else:
            if self._known_prefix(spans, 0):
                drops = 0
            elif kinds[norms[0]] & _K_NEVER:
                drops = 2
            else:
                drops = 1
            pieces = self.pieces(spans, mode, 0)
            if not pieces and (drops == 0 or len(spans) == 1):
                # nothing from the first word on, and nothing after it when it is dropped
                plan = _EMPTY
            else:
                # (the spans only serve to plan the rest when the first word is dropped)
                rest_spans = tuple(spans) if drops and len(spans) > 1 else ()
                plan = (tuple(pieces), drops, toks[0], rest_spans)
        self._make_room()
        self.cache[mode][surface] = plan
        return plan

    def rest(self, surface: str, spans: _Spans, mode: str) -> tuple[_Piece, ...]:
        """A plan's pieces from its second word on (its first word dropped)."""
        if len(spans) < 2:
            return ()
        rests = self.rests[mode]
        pieces = rests.get(surface)
        if pieces is None:
            self._load(surface, spans, [surface[a:b] for a, b in spans])
            pieces = tuple(self.pieces(spans, mode, 1))
            self._make_room()
            self.rests[mode][surface] = pieces
        return pieces

    def keep_split(self, run: str, chunks: Sequence[_Chunk]) -> tuple[_Chunk, ...]:
        self._make_room()
        kept = self.splits[run] = tuple(chunks)  # (a tuple: untracked by the collector)
        return kept

    def starter_word(self, w: str) -> str | None:
        """The lower-case form of ``w`` to look for in a document when ``w``,
        starting a sentence, may be an ordinary word ("However", "Officials"):
        None for a word that never is (an acronym, a country)."""
        if w in self.starters:
            return self.starters[w]
        lw: str | None = w.lower()
        if not w[:1].isupper() or w.isupper() and len(w) > 1:
            lw = None
        else:
            f = fold(w)
            lex = self.lex
            if (f in lex.places or f in lex.first_names) and f in lex.countries:
                lw = None
        self._make_room()
        self.starters[w] = lw
        return lw

    def _make_room(self) -> None:
        """Count one more cache entry, after emptying the caches when they are full."""
        if self.size >= _PLAN_CACHE_SIZE:
            for plans in self.cache.values():
                plans.clear()
            for rests in self.rests.values():
                rests.clear()
            self.shorts.clear()
            self.kinds.clear()
            self.splits.clear()
            self.starters.clear()
            self.size = 0
        self.size += 1

    def _load(self, surface: str, spans: _Spans, toks: list[str]) -> None:
        self.text = surface
        self.toks = toks
        self.keys = list(map(fold, toks))
        if len(toks) == 1:
            self.gaps = {}
            self.last_org = -1
            return
        gaps: dict[tuple[int, int], str] = {}
        # (one character between each two words: a space or a tab, nothing to keep)
        if len(surface) - sum(map(len, toks)) >= len(toks):
            for (_, pe), (s, _) in zip(spans, spans[1:], strict=False):
                gap = surface[pe:s]
                if gap != " " and (gap := gap.strip()):
                    gaps[(pe, s)] = gap
        self.gaps = gaps
        # _org_end(i) is the index after the last organisation suffix beyond i
        last_org = -1
        for k in range(len(toks) - 1, 0, -1):
            if toks[k] in ORG_SUFFIXES:
                last_org = k
                break
        self.last_org = last_org

    def pieces(self, words: _Spans, mode: str, i: int) -> list[_Piece]:
        """Cut one chunk (from word ``i`` on) into typed pieces, context aside."""
        toks = self.toks
        keys = self.keys
        norms = toks if mode == "normal" else [_norm(w, mode) for w in toks]
        kinds = self.kinds
        limits = self.limits
        first_names = self.lex.first_names
        last_org = self.last_org
        n = len(words)
        out: list[tuple] = []
        cue_person = False
        sent_start = i == 0  # whether the piece still starts the sentence (if the chunk does)
        while i < n:
            s0 = words[i][0]
            key = keys[i]
            lim = limits.get(key, 0) if " " not in key else 7
            best = self._gazetteer_match(words, i, lim) if lim else None
            if best is not None:
                j, typ, strength, canonical = best
                # an org suffix right after a place makes an org ("Moscow City Council")
                if typ == PLACE and j < n and last_org > j - 1:
                    j, typ, strength, canonical = last_org + 1, ORG, 2, None
                if typ is not None:
                    out.append(
                        (s0, words[j - 1][1], typ, strength, canonical, False, sent_start, _FIXED)
                    )
                i = j
                cue_person = False
                sent_start = False
                continue
            w = toks[i]
            # (a one-letter word is the same in every line mode)
            kind = kinds[norms[i]]
            if kind:  # a cue word
                if kind & (_K_EVENT | _K_LETTER):
                    i += 1
                    cue_person = False
                    continue
                if kind & _K_TITLE_DOT and last_org <= i:
                    # a title word unless it starts an organisation name
                    cue_person = True
                    i += 1
                    sent_start = False
                    continue
                if (
                    kind & _K_NATIONALITY
                    and i + 1 < n
                    and kinds[norms[i + 1]] & _K_STATE
                    and last_org <= i + 1
                ):
                    # a nationality or religion adjective and a state noun: "Islamic State"
                    out.append((s0, words[i + 1][1], ORG, 2, None, False, sent_start, _FIXED))
                    i += 2
                    cue_person = False
                    sent_start = False
                    continue
                if kind & (_K_NEVER | _K_NATIONALITY):
                    if kind & _K_NATIONALITY == 0 or last_org <= i:
                        i += 1
                        sent_start = False
                        continue
            # an open run of unknown words up to the next cue word
            j = i + 1
            personish = len(w) == 2 and w[1] == "." or key in first_names
            while j < n:
                kj = kinds[norms[j]]
                if kj:
                    if j == i + 1 and kj & _K_MONTH_SURNAME and personish and w[-1] != ".":
                        j += 1  # "Theresa May": a surname, not a month
                        continue
                    if kj & _K_NEVER or kj & (_K_TITLE | _K_ORG_SUFFIX) == _K_TITLE:
                        # a title word goes on an organisation name ("Civil Defence Force")
                        if kj & (_K_ORG_SUFFIX | _K_PLACE_SUFFIX) == 0 and not (
                            last_org > j and kj & (_K_TITLE | _K_NEVER) == _K_TITLE
                        ):
                            break
                    if kj & _K_EVENT:
                        break
                    if kj & _K_NATIONALITY and last_org <= j:
                        break
                if (
                    not personish
                    and kj & _K_ORG_SUFFIX == 0
                    and last_org <= j
                    and self._known_prefix(words, j)
                ):
                    break
                j += 1
            # a connector may only join org/place-like names
            if j > i + 1 and self.gaps:
                j = self._trim_connectors(words, i, j)
            typ, strength, how = self.classify(words, i, j, mode, cue_person)
            out.append((s0, words[j - 1][1], typ, strength, None, cue_person, sent_start, how))
            cue_person = False
            sent_start = False
            i = j
        text = self.text
        pieces = []
        for p in out:
            surface = text[p[0] : p[1]]
            pieces.append((*p, surface, fold(surface), _canonical(surface)))
        return pieces

    def _gazetteer_match(
        self, words: _Spans, i: int, lim: int
    ) -> tuple[int, str | None, int, str | None] | None:
        """(end, type, strength, canonical) of the longest gazetteer, ignored or
        lexicon name of at most ``lim`` words starting at word ``i``, if any."""
        text = self.text
        gaz, lex = self.gaz, self.lex
        s0 = words[i][0]
        for j in range(min(len(words), i + 7, i + lim), i, -1):
            key = fold(text[s0 : words[j - 1][1]]) if j > i + 1 else self.keys[i]
            entry = gaz.entries.get(key)
            if entry is not None:
                return j, entry.type, 3, entry.canonical
            if key in gaz.ignore:
                return j, None, 3, None
            org = lex.orgs.get(key)
            if org is not None:
                return j, ORG, 2, org[0]
            if key in lex.places and (j - i > 1 or not self._looks_like_person(words, i)):
                return j, PLACE, 2, None
        return None

    def _known_prefix(self, words: _Spans, i: int) -> bool:
        """Whether a gazetteer or lexicon name starts at words[i]."""
        text = self.text
        first = self.keys[i]
        lim = self.limits.get(first, 0) if " " not in first else 5
        if not lim:
            return False
        s0 = words[i][0]
        entries, orgs, places = self.gaz.entries, self.lex.orgs, self.lex.places
        for j in range(min(len(words), i + 5, i + lim), i, -1):
            key = fold(text[s0 : words[j - 1][1]]) if j > i + 1 else first
            if key in entries or key in orgs or key in places:
                return True
        return False

    def _looks_like_person(self, words: _Spans, i: int) -> bool:
        """A one-word place that starts "First Last" is a given name ("Victoria Smith")."""
        if i + 1 >= len(words):
            return False
        text = self.text
        w = self.keys[i]
        if w not in self.lex.first_names or w in self.lex.countries:
            return False
        gap = text[words[i][1] : words[i + 1][0]]
        return gap.strip() == ""

    def _org_end(self, words: _Spans, i: int) -> int | None:
        """End index if words[i:] form an organisation ending in an org suffix."""
        return self.last_org + 1 if self.last_org > i else None

    def _trim_connectors(self, words: _Spans, i: int, j: int) -> int:
        text = self.text
        for k in range(i + 1, j):
            gap = self.gaps.get((words[k - 1][1], words[k][0]), "")
            if not gap:
                continue
            head = text[words[i][0] : words[i][1]]
            left = text[words[k - 1][0] : words[k - 1][1]]
            if gap in ("&",):
                continue
            if gap.split()[0] in ("of", "for", "on", "upon") and (
                head in ORG_HEADS
                or left in ORG_HEADS
                or left in ORG_SUFFIXES
                or left in PLACE_SUFFIXES
            ):
                continue
            if gap in _PARTICLES:
                continue
            if gap == "and" and self._org_end(words, k) is not None and head in ORG_HEADS:
                continue
            return k
        return j

    def classify(
        self,
        words: _Spans,
        i: int,
        j: int,
        mode: str,
        cue_person: bool,
    ) -> tuple[str | None, int, int]:
        """(type, strength, how): what the words say; ``how`` tells what context may change.

        ``how`` has the bit ``_TEAM`` when a score after the name makes it a club in
        a team-sport report, and ``_CONTEXT`` when the type (given here for no
        context) comes from the words around a lone unknown word.
        """
        lex = self.lex
        toks = self.toks[i:j]
        first, last = toks[0], toks[-1]
        key = self.keys[i]  # first, folded
        n = j - i
        if n == 1 and self.kinds[first] & _K_NATIONALITY:
            return None, 0, _FIXED
        how = _FIXED
        if not cue_person and not (n > 1 and (key in lex.first_names or first.endswith("."))):
            # results and standings tables: "Partizan 3 Rudar 1"
            how = _TEAM
        gaps = self.gaps
        has_amp = (
            n > 1
            and bool(gaps)
            and any(gaps.get((words[k - 1][1], words[k][0])) == "&" for k in range(i + 1, j))
        )
        if last in ORG_SUFFIXES and (n > 1 or last.isupper()):
            return ORG, 2, how
        elif has_amp or (first in ORG_HEADS and n > 1 and any(t in ORG_SUFFIXES for t in toks)):
            return ORG, 2, how
        elif cue_person:
            return PERSON, 2, how
        elif n > 1 and last in PLACE_SUFFIXES:
            return PLACE, 2, how
        elif n > 1 and (
            (key in lex.first_names and first not in ORG_HEADS)
            or (len(first) == 2 and first[1] == ".")
        ):
            return PERSON, 2, how
        elif n == 1 and len(first) >= 2 and first.replace(".", "").isupper() and mode == "normal":
            return ORG, 1, how
        elif n >= 4:
            return ORG, 0, how
        elif n > 1:
            # no given name, title or initial: a person only if nothing says otherwise
            if len(last) == 1:
                return None, 0, how  # "Plan B", "Group C"
            if first in _GROUP_ADJECTIVES and _is_plural_noun(last):
                return ORG, 0, how  # "White Helmets", "Blue Jays": a group
            return PERSON, 0, how | _PLACE_CONTEXT  # "in Bustan al-Basha": a place
        if (first in ORG_HEADS or first in ORG_SUFFIXES) and not (
            key in lex.first_names or key in lex.last_names
        ):
            # "the Observatory said": a body, not a person
            return None, 0, how | _CONTEXT | _ORG_NOUN
        # a lone unknown word: "X said", "by X", "in X"; this is the answer without them
        if key in lex.last_names:
            return PERSON, 0, how | _CONTEXT
        return (ORG if first.isupper() and len(first) > 1 else None), 0, how | _CONTEXT


class _Doc:
    def __init__(self, text: str, gaz: Gazetteer):
        self.text = text
        self.gaz = gaz
        self.lex = lexicon()
        self.planner = _planner(gaz, self.lex)
        self.p = _patterns()
        self._line_modes: dict[int, str] = {}
        self._lower_words: set[str] | None = None
        self._lower_cache: dict[str, bool] = {}
        # acronym -> (type, strength, canonical) of the name it was given after
        self.aliases: dict[str, tuple[str, int, str]] = {}
        first_line = text.lstrip().split("\n", 1)[0]
        head_words = first_line.replace("-", " ").split()[:3]
        self.sport = any(w.upper() in SPORTS for w in head_words[:1]) or (
            first_line.isupper() and any(w in SPORTS for w in head_words)
        )
        self.team_sport = self.sport and any(w.upper() in TEAM_SPORTS for w in head_words[:2])

    # -- helpers -----------------------------------------------------------------

    def lower_words(self) -> set[str]:
        if self._lower_words is None:
            self._lower_words = set(self.p["lower_word"].findall(self.text))
        return self._lower_words

    def line_mode(self, pos: int) -> str:
        text = self.text
        ls = text.rfind("\n", 0, pos) + 1
        mode = self._line_modes.get(ls)
        if mode is None:
            le = text.find("\n", pos)
            if le < 0:
                le = len(text)
            mode = "normal"
            words = []
            line = text[ls:le] if le - ls < 250 else ""
            if line and not self._plain_line(line):
                # headlines are short; long lines are running text
                has_letter = _HAS_LETTER.search
                words = [w for w in line.split() if has_letter(w)]
            if words:
                n_upper = sum(1 for w in words if w.isupper() and len(w) > 1)
                n_cap = sum(1 for w in words if w[0].isupper())
                if len(words) >= 2 and n_upper >= 0.6 * len(words):
                    mode = "caps"
                elif (
                    len(words) >= 4
                    and n_cap >= 0.75 * len(words)
                    and any(w in _FUNCTION_TITLECASE for w in words[1:])
                    and not line.rstrip().endswith((".", '"', "”"))
                ):
                    mode = "title"
            self._line_modes[ls] = mode
        return mode

    @staticmethod
    def _plain_line(line: str) -> bool:
        """A quick "normal" for lines that can be neither all caps nor title case.

        All caps needs at most 40% of the words to have a lower-case letter;
        title case needs a line not ending like a sentence and at most 25% of the
        words to start with a lower-case letter.
        """
        tokens = line.split()
        n = len(tokens)
        if line.isascii() and sum(map(str.islower, tokens)) > 0.4 * n:
            return True  # running text: too many words in lower case for either
        if len(_LOWER_TOKEN.findall(line)) <= 0.4 * n:
            return False
        if line.rstrip().endswith((".", '"', "”")):
            return True
        return len(_LOWER_START.findall(line)) > 0.25 * n

    def at_sentence_start(self, pos: int) -> bool:
        if pos < 4:
            before = self.text[:pos]
            if pos == 0 or not before.strip(" \t"):
                return True
        else:
            before = self.text[pos - 4 : pos]
            if not before.strip(" \t"):
                return False
        # what the "sentence_end" pattern finds, without a regex call
        rest = before.rstrip()
        if not rest or rest[-1] in _SENTENCE_END_CHARS or "\n" in before[len(rest) :]:
            return True
        return rest[-1] == "-" and len(rest) >= 2 and (rest[-2] == "-" or rest[-2].isspace())

    def prev_word(self, pos: int) -> str:
        chunk = self.text[max(0, pos - 25) : pos]
        if "\n" in chunk:
            chunk = chunk[chunk.rfind("\n") + 1 :]
        parts = chunk.rsplit(None, 1)
        return parts[-1] if parts else ""

    def facility_after(self, end: int, nxt: str) -> bool:
        """Whether a facility noun follows (``nxt``: the next word, lower case):
        "air base", "airport", "dam", "prison"."""
        if nxt in _FACILITY_NOUNS:
            return True
        if nxt == "air":
            after = self.next_word(self.text.find("air", end) + 3).lower()
            return after in ("base", "field", "strip")
        return False

    def credit_before(self, start: int) -> bool:
        """Whether "by" before ``start`` follows a credit verb ("Powered by")."""
        by = self.text.rfind("by", 0, start)
        return by > 0 and self.prev_word(by).lower() in _CREDIT_VERBS

    def next_word(self, pos: int) -> str:
        # the first word of text[pos:pos+25] up to the line's end
        m = _NEXT_WORD.match(self.text, pos, pos + 25)
        return m.group(1).strip(",.;:") if m else ""

    # -- pipeline ----------------------------------------------------------------

    def chunks(self) -> Iterator[tuple[int, str, _Spans | None]]:
        """Runs of capitalised words joined by spaces or connectors.

        Yields (start, surface, words) with the words' spans relative to the
        chunk, or None for the words of a plain run (no hyphen or apostrophe: its
        words are just the capitalised words in it), which only a chunk not yet
        planned needs (see ``words``).
        """
        text = self.text
        find = text.find
        splits = self.planner.splits
        e0 = 0
        parts: Sequence[_Chunk] | None
        # each run found is the first occurrence of its text from the previous
        # run's end on (any capital letter there would start a run)
        for surface in self.p["run"].findall(text):
            s0 = find(surface, e0)
            e0 = s0 + len(surface)
            if s0 and text[s0 - 1] == "-":
                parts = self._split_run(s0, e0)  # "al-" before the run may join it
            elif "-" in surface or "'" in surface or "’" in surface:
                # nothing outside such a run changes how it splits
                parts = splits.get(surface)
                if parts is None:
                    parts = self.planner.keep_split(surface, self._split_run(s0, e0))
            else:
                yield s0, surface, None
                continue
            for start, end, words in parts:
                yield s0 + start, text[s0 + start : s0 + end], words

    def words(self, surface: str) -> list[tuple[int, int]]:
        """The spans of a plain run's words in its surface.

        (The same as in the text: a run never starts right after a capital, the
        only character the word pattern looks back at.)
        """
        if " " not in surface and "\t" not in surface:
            return [(0, len(surface))]  # one word: runs join words with spaces or tabs
        return [m.span() for m in self.p["cap"].finditer(surface)]

    def _split_run(self, s0: int, e0: int) -> list[_Chunk]:
        """Chunks of a run with hyphens or apostrophes, word by word:
        modifiers ("French-drafted") are left out, "al-"/"el-" go with the name that
        follows, possessives ("Russia's") end a chunk.

        Each chunk: its start and end relative to the run, and its words' spans
        relative to the chunk.
        """
        text = self.text
        conn = self.p["connector"].fullmatch
        lower_tail = _LOWER_TAIL.search
        out: list[list[tuple[int, int]]] = []
        cur: list[tuple[int, int]] = []
        pe = -1
        for m in self.p["cap"].finditer(text, s0, e0):
            s, e = m.span()
            w = m.group()
            if "-" in w and lower_tail(w):
                # "French-drafted", "U.S.-led": a modifier, not a name
                if cur:
                    out.append(cur)
                cur = []
                continue
            if s >= 3 and text[s - 1] == "-" and text[s - 3 : s - 1] in ("al", "el"):
                s -= 3  # "al-Nusra"
            # possessive: "Russia's" -> "Russia"
            # (but "People's Protection Units", "Women's Institute" go on)
            if (
                w[-1] == "s"
                and w.endswith(("'s", "’s"))
                and e - s > 2
                and w[:-2] not in _NAME_POSSESSIVES
            ):
                e -= 2
            if cur:
                # joined by a space or a connector (" of the "): no slicing of long gaps
                if s > pe and text[pe] in " \t" and (s == pe + 1 or conn(text, pe, s)):
                    cur.append((s, e))
                    pe = e
                    continue
                out.append(cur)
            cur = [(s, e)]
            pe = e
        if cur:
            out.append(cur)
        chunks: list[_Chunk] = []
        for words in out:
            start = words[0][0]
            spans = tuple((a - start, b - start) for a, b in words)
            chunks.append((start - s0, words[-1][1] - s0, spans))
        return chunks

    def run(self) -> list[Mention]:
        """Candidates, document-level agreement (short forms, consistent types,
        headlines), then mentions; candidates come in text order, disjoint."""
        cands, short, strong, seen_normal = self.candidates()
        aliases = self.aliases
        ignore = self.gaz.ignore
        sport = self.sport
        kept: list[list] = []
        out: list[Mention] = []
        last_end = -1
        for c in cands:
            start, end, typ, strength, canonical, mode, ss, surface, key, canon = c
            if strength >= 3:
                pass  # a gazetteer entry: the document changes nothing
            elif strength < 2 and key in aliases:
                typ, strength, canonical = c[2], c[3], c[4] = aliases[key]
            elif key in short and " " not in surface.strip():
                typ, canonical, strength = PERSON, short[key], max(strength, 1)
                c[2], c[3], c[4] = typ, strength, canonical
            elif strength < 2 and key in strong and strong[key][1] > strength:
                typ, strength, canonical = c[2], c[3], c[4] = strong[key]
            if typ is None:
                continue
            if mode != "normal":
                # headlines: keep only names known from the gazetteers or the body
                if strength < 2 and key not in strong and key not in short:
                    continue
            elif ss and strength == 0 and " " not in surface:
                if key not in seen_normal and key not in strong:
                    continue
            if sport:
                kept.append(c)
                continue
            if start < last_end or key in ignore:
                continue
            out.append(Mention(start, end, surface, typ, canonical or canon))
            last_end = end
        if sport:
            self._sports(kept)
            for start, end, typ, _, canonical, _, _, surface, key, canon in kept:
                if typ is None or start < last_end or key in ignore:
                    continue
                out.append(Mention(start, end, surface, typ, canonical or canon))
                last_end = end
        return out

    def candidates(
        self,
    ) -> tuple[list[list], dict[str, str], dict[str, tuple[str, int, str | None]], set[str]]:
        """Typed candidates of every chunk (its cached plan, then the context), in
        text order, with what the document-level pass needs: the short forms of
        full person names, the strongest type of each name, and the names seen
        in running text away from a sentence start.

        A candidate: [start, end, type, strength, canonical, line mode,
        sent_start, surface, folded surface, default canonical].
        """
        text = self.text
        planner = self.planner
        plans = planner.cache
        shorts = planner.shorts
        number = self.p["number"]
        team_sport = self.team_sport
        # the bits of a piece's ``how`` that make the words around it matter here
        contextual = _CONTEXT | _PLACE_CONTEXT | (_TEAM if team_sport else 0)
        cands: list[list] = []
        prev_end = -5  # the end of the last candidate (none yet: far before the text)
        short: dict[str, str] = {}
        strong: dict[str, tuple[str, int, str | None]] = {}
        seen_normal: set[str] = set()
        add_seen = seen_normal.add
        aliases: dict[str, tuple[str, int, str]] = self.aliases
        line_end = -1
        mode = "normal"
        mode_plans = plans[mode]
        for s0, surface, words in self.chunks():
            if s0 > line_end:
                le = text.find("\n", s0)
                line_end = le if le >= 0 else len(text)
                mode = self.line_mode(s0)
                mode_plans = plans[mode]
            plan = mode_plans.get(surface)
            if plan is None:
                plan = planner.plan(surface, self.words(surface) if words is None else words, mode)
            if plan is _EMPTY:
                continue
            pieces, first_drops, first, spans = plan
            if s0 >= 2 and text[s0 - 1] == " " and text[s0 - 2].isalnum():
                sent_start = False  # most chunks: after a word and a space
            else:
                sent_start = self.at_sentence_start(s0)
            if (
                (sent_start or mode != "normal")
                and first_drops
                and (first_drops == 2 or self.is_common_starter(first))
            ):
                # an ordinary word starting a sentence ("However", "Officials")
                pieces = planner.rest(surface, spans, mode)
                sent_start = False
            normal = mode == "normal"
            for ps, pe, typ, strength, canonical, _, starts, how, surf, key, canon in pieces:
                start, end = s0 + ps, s0 + pe
                if how & contextual:
                    if team_sport and how & _TEAM and number.match(text, end):
                        typ, strength = ORG, 1
                    elif how & _CONTEXT:
                        nxt = self.next_word(end).lower()
                        if nxt in _SAY_VERBS:
                            typ, strength = (ORG if how & _ORG_NOUN else PERSON), 1
                        elif (
                            not how & _ORG_NOUN
                            and not (sent_start and starts)
                            and self.facility_after(end, nxt)
                        ):
                            typ, strength = PLACE, 2  # "the Menagh air base"
                        else:
                            prev = self.prev_word(start).lower()
                            if prev == "by" and self.credit_before(start):
                                typ, strength = ORG, 1  # "Powered by X"
                            elif prev in ("said", "says", "by"):
                                typ, strength = (ORG if how & _ORG_NOUN else PERSON), 1
                            elif prev in _PLACE_PREPS and not how & _ORG_NOUN:
                                typ, strength = PLACE, 1
                    elif how & _PLACE_CONTEXT and (
                        (nxt := self.next_word(end).lower()) in _PLACE_NOUNS
                        or self.facility_after(end, nxt)
                        or self.prev_word(start).lower() in _NAME_PLACE_PREPS
                    ):
                        # "in Tell Abyad", "the Bustan al-Basha neighbourhood"
                        typ, strength = PLACE, 1
                ss = sent_start and starts
                c = [start, end, typ, strength, canonical, mode, ss, surf, key, canon]
                if (
                    strength < 2
                    and start - prev_end <= 4
                    and text[start - 1] in " ("
                    and _ACRONYM.fullmatch(surf)
                ):
                    alias = self._acronym_of(cands[-1], start, end)
                    if alias is not None:
                        # "Islamic State (IS)": IS is Islamic State in this article
                        aliases[key] = alias
                        typ, strength, canonical = c[2], c[3], c[4] = alias
                cands.append(c)
                prev_end = end
                if typ is None:
                    continue
                if normal:
                    if not ss:
                        add_seen(key)
                    if strength >= 1:
                        prev_strong = strong.get(key)
                        if prev_strong is None or strength > prev_strong[1]:
                            strong[key] = (typ, strength, canonical)
                if typ == PERSON:
                    # full person names register their short forms
                    sk = shorts.get(surf)
                    if sk is None:
                        sk = shorts[surf] = self._short_keys(surf)
                    if sk and (strength >= 1 or sk[2]):
                        name = canonical or canon
                        if sk[0] not in short:
                            short[sk[0]] = name
                        if sk[1] and sk[1] not in short:
                            short[sk[1]] = name
        return cands, short, strong, seen_normal

    def _acronym_of(self, prev: list, start: int, end: int) -> tuple[str, int, str] | None:
        """(type, strength, canonical) of the organisation or place named right
        before an acronym in parentheses ("Islamic State (IS)"), else None."""
        if prev[2] not in (ORG, PLACE) or " " not in prev[7]:
            return None
        text = self.text
        if not _OPEN_PAREN.fullmatch(text, prev[1], start) or not _CLOSE_PAREN.match(text, end):
            return None
        return (prev[2], 2, prev[4] or prev[9])

    def _short_keys(self, surface: str) -> tuple[str, str, bool] | tuple[()]:
        """A person name's short forms (last word, last two words when it has three
        or more) and whether they count even for a guess (the last word is no place
        or organisation); () for a one-word name."""
        parts = surface.split()
        if len(parts) < 2:
            return ()
        last = fold(parts[-1])
        ok = last not in self.lex.places and last not in self.lex.orgs
        return (last, fold(" ".join(parts[-2:])) if len(parts) >= 3 else "", ok)

    def is_common_starter(self, w: str) -> bool:
        """Whether ``w``, starting a sentence, is an ordinary word here: one the
        document also writes in lower case (see ``_Planner.starter_word``)."""
        lw = self.planner.starter_word(w)
        return lw is not None and self.has_lower_word(lw)

    def has_lower_word(self, lw: str) -> bool:
        """Whether ``lw`` is one of the document's lower-case words (``lower_words``).

        Looks for the word itself instead of collecting every lower-case word of
        the text; falls back to the full set when an occurrence touches a hyphen
        or an apostrophe (where the word pattern's backtracking decides).
        """
        cache = self._lower_cache
        known = cache.get(lw)
        if known is not None:
            return known
        if self._lower_words is not None:
            known = lw in self._lower_words
        elif not _LOWER_WORD.fullmatch(lw) or lw[-1] in "'’-":
            known = False
        elif len(lw) <= 2:
            known = lw in self.lower_words()
        else:
            text = self.text
            n = len(lw)
            size = len(text)
            known = False
            pos = text.find(lw)
            while pos >= 0:
                before = text[pos - 1] if pos else " "
                end = pos + n
                after = text[end] if end < size else " "
                if before in "'’-" or after in "'’-":
                    known = lw in self.lower_words()
                    break
                if not before.isalnum() and before != "_" and not after.isalnum() and after != "_":
                    known = True
                    break
                pos = text.find(lw, pos + 1)
        cache[lw] = known
        return known

    def _sports(self, cands: list[list]) -> None:
        """Sports reports: clubs named after places are organisations."""
        text = self.text
        lex = self.lex
        first_nl = text.find("\n", text.find("\n") + 1)
        for c in cands:
            start, end, typ, strength = c[0], c[1], c[2], c[3]
            if typ != PLACE or strength >= 3:
                continue
            key = fold(text[start:end])
            if key in lex.countries:
                continue
            # the dateline ("LONDON 1996-08-30") stays a place
            line_start = text.rfind("\n", 0, start) + 1
            if start == line_start and self.p["dateline"].match(text, end):
                continue
            if start < first_nl and c[5] == "normal":
                continue
            prev = self.prev_word(start).lower()
            if prev in _PLACE_PREPS or prev == "to":
                continue
            if self.team_sport or self.p["number"].match(text, end):
                c[2] = ORG


def _norm(w: str, mode: str) -> str:
    """A word as it would be written in running text (headline capitals undone)."""
    if mode != "normal" and w.isupper() and len(w) > 1 and "." not in w:
        return w.capitalize()
    return w


def _is_nationality(w: str) -> bool:
    return w in NATIONALITIES or (w.endswith("s") and w[:-1] in NATIONALITIES)


# What a word is to the planner's rules, as bits (see _Kinds); 0 for most names.
_K_EVENT: Final = 1  # "Cup", "Open"
_K_LETTER: Final = 2  # a lone letter
_K_TITLE: Final = 4  # a title word ("Minister", "Mr")
_K_TITLE_DOT: Final = 8  # a title word, maybe with a dot ("Mr.")
_K_NEVER: Final = 16  # never (part of) a name on its own: "However", "Monday"
_K_NATIONALITY: Final = 32  # "French", "Britons"
_K_STATE: Final = 64  # "State": "Islamic State"
_K_MONTH_SURNAME: Final = 128  # "May": "Theresa May"
_K_ORG_SUFFIX: Final = 256  # "Ministry", "Inc"
_K_PLACE_SUFFIX: Final = 512  # "Province"


@lru_cache(maxsize=1)
def _cue_kinds() -> dict[str, int]:
    """Each word of the cue-word lists -> its ``_K_*`` bits."""
    kinds: dict[str, int] = {}
    for words, bits in (
        (EVENTS, _K_EVENT),
        (PERSON_TITLES, _K_TITLE | _K_TITLE_DOT),
        (NEVER, _K_NEVER),
        (NATIONALITIES, _K_NATIONALITY),
        (_STATE_NOUNS, _K_STATE),
        (_MONTH_SURNAMES, _K_MONTH_SURNAME),
        (ORG_SUFFIXES, _K_ORG_SUFFIX),
        (PLACE_SUFFIXES, _K_PLACE_SUFFIX),
    ):
        for w in words:
            kinds[w] = kinds.get(w, 0) | bits
    return kinds


class _Kinds(dict[str, int]):
    """Word -> what it is to the rules, as ``_K_*`` bits (worked out on first use)."""

    def __init__(self) -> None:
        super().__init__()
        self.cues = _cue_kinds()

    def __missing__(self, w: str) -> int:
        kind = self.cues.get(w, 0)
        if len(w) == 1:
            if w.isalpha():
                kind |= _K_LETTER
        elif w[-1] == "s":
            if w[:-1] in NATIONALITIES:
                kind |= _K_NATIONALITY  # "Britons"
        elif w[-1] == "." and w.rstrip(".") in PERSON_TITLES:
            kind |= _K_TITLE_DOT  # "Gen."
        self[w] = kind
        return kind


def _is_plural_noun(w: str) -> bool:
    """A capitalised plural common noun ("Helmets", "Rangers"), going by the ending."""
    return len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")) and w[-2].islower()


def _canonical(surface: str) -> str:
    """A name's default canonical form. (Not cached: plans keep it, once per piece.)"""
    s = surface
    if " " in s or not s.isprintable():  # (any other whitespace is unprintable)
        s = " ".join(s.split())
        if s.lower().startswith("the "):
            s = s[4:]
    if s.isupper() and len(s) > 4 and "." not in s:
        s = s.title()
    return s
