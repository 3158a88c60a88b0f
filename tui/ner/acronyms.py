"""Acronyms in brackets after a name or after the words they spell.

"Islamic State (IS)": IS is Islamic State in the rest of the text; an acronym after
capitalised words the tagger found no name in ("Commercial Lunar Payload Services
(CLPS)") or after words in lower case that spell it ("megawatts (MW)") is no name
(:func:`link_acronyms`, a pass of :mod:`tui.ner.document`'s whole-text stage).
An acronym of three letters or more that spells the initials of a person the text
names in full is that person ("Zara Quill-Vance" and "ZQV": :func:`people_by_initials`).
setup.py compiles this module with mypyc.
"""

from __future__ import annotations

from typing import Final

from tui.ner.document import GAZETTEER, LINKED, TAGGER, Candidate, canonical_form
from tui.ner.features import fold_word
from tui.ner.tokens import TOKEN
from tui.ner.types import ORG, PERSON, PLACE

_MINOR_WORDS: Final = frozenset("of and for the on in to &".split())


def spells(text: str, end: int, acronym: str) -> bool:
    """Whether the capitalised words that end at ``end`` in ``text`` (minor
    words such as "of" between them) have the acronym's letters as initials:
    "Commercial Lunar Payload Services" before "(CLPS)"."""
    words = TOKEN.findall(text, max(0, end - 40 * len(acronym)), end)
    k = len(acronym)
    i = len(words)
    while k > 0 and i > 0:
        w = words[i - 1]
        i -= 1
        if w.lower() in _MINOR_WORDS and k < len(acronym):
            continue
        if not w[:1].isupper() or w[0] != acronym[k - 1]:
            return False
        k -= 1
    return k == 0


def _letters_of(acronym: str, words: list[str]) -> bool:
    """Whether the acronym is each word's first letter and maybe more of its
    letters, in order: "cash reserve ratio" CRR, "kilovolt" KV, "megawatts" MW."""
    if not words:
        return not acronym
    if not acronym or words[0][0] != acronym[0]:
        return False
    word, rest = words[0], acronym[1:]
    at = 1
    # the word gives its first letter, then as many of the next as it holds in order
    for take in range(len(rest) + 1):
        if _letters_of(rest[take:], words[1:]):
            return True
        if take < len(rest):
            at = word.find(rest[take], at) + 1
            if at == 0:
                return False
    return False


def spelled_in_lower_case(text: str, end: int, acronym: str) -> bool:
    """Whether words in lower case ending at ``end`` in ``text`` spell the acronym
    ("dark northern spring" before "( DNS )", "megawatts" before "( MW )"): a
    term's, no name's (a name's words are capitalised)."""
    words = TOKEN.findall(text, max(0, end - 16 * len(acronym)), end)[-len(acronym) :]
    low = acronym.lower()
    for k in range(1, len(words) + 1):
        tail = words[-k:]
        if all(w.isalpha() and w.islower() for w in tail) and _letters_of(low, tail):
            return True
    return False


def _spelled_start(text: str, end: int, acronym: str) -> int:
    """Where the words that :func:`spells` the acronym with, ending at ``end``, start;
    -1 when there are none."""
    k = len(acronym)
    for found in reversed(list(TOKEN.finditer(text, max(0, end - 40 * k), end))):
        w = found.group()
        if w.lower() in _MINOR_WORDS and k < len(acronym):
            continue
        if not w[:1].isupper() or w[0] != acronym[k - 1]:
            return -1
        k -= 1
        if k == 0:
            return found.start()
    return -1


def _closes(text: str, end: int) -> bool:
    """Whether a bracket closes right after ``end`` ("IS)", or "IS )" as text
    rebuilt from tokens writes it)."""
    return text[end : end + 1] == ")" or text[end : end + 2] == " )"


def _bracketed(text: str, c: Candidate) -> bool:
    """Whether the candidate is alone in brackets: "(IS)", "( IS )"."""
    return (text[c.start - 1 : c.start] == "(" or text[c.start - 2 : c.start] == "( ") and _closes(
        text, c.end
    )


def link_acronyms(cands: list[Candidate], text: str) -> None:
    """ "Islamic State (IS)": IS is Islamic State in the rest of the text. And an
    acronym in brackets after the words it abbreviates, which the tagger found
    no name in ("Commercial Lunar Payload Services (CLPS)": a programme), is no
    name in the rest of the text either, whatever its shape made the tagger
    guess; nor is one in brackets after words in lower case that spell it
    ("cash reserve ratio ( CRR )", "megawatts ( MW )"): a term's."""
    aliases: dict[str, Candidate] = {}
    prev: Candidate | None = None
    gone: set[int] = set()  # names inside an acronym's words, which a name now holds
    for c in cands:
        alias = aliases.get(c.key)
        if alias is not None and c.source < GAZETTEER:
            c.type, c.canonical, c.source = alias.type, alias.canonical, LINKED
        elif (
            c.source == TAGGER
            and 3 <= len(c.surface) <= 8  # (first: str methods are calls from compiled code)
            and c.surface.isupper()
            and c.surface.isalpha()
            and _bracketed(text, c)
            and (prev is None or prev.type is None or prev.end < c.start - 3)
            and spells(text, text.rfind("(", 0, c.start), c.surface)
        ):
            c.type, c.source = None, LINKED  # the words before are no name
            aliases[c.key] = c
        elif (
            c.source == TAGGER
            and 2 <= len(c.surface) <= 6
            and c.surface.isupper()
            and c.surface.isalpha()
            and _bracketed(text, c)
            and (prev is None or prev.end < c.start - 3)
            and spelled_in_lower_case(text, text.rfind("(", 0, c.start), c.surface)
        ):
            # "megawatts ( MW )", "cash reserve ratio ( CRR )": a term, here and on
            c.type, c.source = None, LINKED
            aliases[c.key] = c
        elif (
            prev is not None
            and prev.type in (ORG, PLACE)
            and " " in prev.surface
            and c.surface.isupper()
            and 2 <= len(c.surface) <= 8
            and text[prev.end : c.start].strip() == "("
            and _closes(text, c.end)
            and c.surface[0] == prev.canonical.lstrip()[:1].upper()
        ):
            if c.source < GAZETTEER:
                c.type, c.canonical, c.source = prev.type, prev.canonical, LINKED
            aliases[c.key] = c
        elif (
            prev is not None
            and (prev.type == ORG or prev.type == PERSON)
            and prev.source < GAZETTEER
            and c.surface.isupper()
            and c.surface.isalpha()
            and 2 <= len(c.surface) <= 8
            and c.surface[0] != prev.surface[:1]
            and text[prev.end : c.start].strip() == "("
            and _closes(text, c.end)
        ):
            # the tagger's name is only the end of the words the acronym spells
            # ("Racial Equality" of "Commission for Racial Equality (CRE)"): the
            # name is all of them, an organisation's (a place's end may be the
            # place's or a body's: "Zarnian Athletics Kenya (ZAK)"; left alone)
            start = _spelled_start(text, text.rfind("(", 0, c.start), c.surface)
            if 0 <= start < prev.start and not any(o.start < start < o.end for o in cands):
                gone.update(id(o) for o in cands if start <= o.start and o.end <= prev.start)
                prev.first -= len(TOKEN.findall(text, start, prev.start))
                prev.start = start
                prev.surface = text[start : prev.end]
                prev.key = fold_word(prev.surface)
                prev.canonical = canonical_form(prev.surface)
                prev.type, prev.source = ORG, LINKED
                if c.source < GAZETTEER:
                    c.type, c.canonical, c.source = prev.type, prev.canonical, LINKED
                aliases[c.key] = c
        prev = c
    if gone:
        cands[:] = [c for c in cands if id(c) not in gone]


def person_initials(name: str) -> str:
    """The capitals that a person's name's words and the parts of its hyphenated
    words begin with ("Zara Quill-Vance": ZQV), particles in lower case left out
    ("Jan de Zoet": JZ); "" when a word opens with no letter."""
    out = []
    for word in name.split():
        for part in word.split("-"):
            first = part[:1]
            if not first:
                continue
            if first.isupper():
                out.append(first)
            elif not part.islower():
                return ""
    return "".join(out)


def people_by_initials(cands: list[Candidate]) -> None:
    """An acronym of three letters or more (two are too often something else: a
    country's, a disease's, a city's) that the tagger typed no person, and that
    spells the initials of one person the text names in full, is that person:
    "Zara Quill-Vance ... ZQV said" (a politician called by her initials), whether
    the text gives it in brackets after the name or not. Not when two people of the
    text have those initials, nor an acronym a list knows or a link gave another
    name."""
    wanted: set[str] = set()
    for c in cands:
        s = c.surface
        n = len(s)  # (first: str methods are calls from compiled code)
        if (
            3 <= n <= 5
            and c.source < GAZETTEER
            and 65 <= ord(s[n - 1]) <= 90
            and s.isupper()
            and s.isalpha()
            and c.type != PERSON
            and c.canonical == s
        ):
            wanted.add(s)
    if not wanted:
        return
    letters = {s[0] for s in wanted}
    people: dict[str, set[str]] = {}
    for c in cands:
        if c.type == PERSON and not c.heading and c.surface[:1] in letters and " " in c.surface:
            spelled = person_initials(c.canonical)
            if spelled in wanted:
                people.setdefault(spelled, set()).add(c.canonical)
    if not people:
        return
    for c in cands:
        if c.type != PERSON and c.source < GAZETTEER and c.canonical == c.surface:
            named = people.get(c.surface)
            if named is not None and len(named) == 1:
                c.type, c.canonical, c.source = PERSON, next(iter(named)), LINKED
