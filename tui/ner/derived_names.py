"""A word made of another name of the text: a firm's offshoot, or an adjective.

The tagger reads a word it has never seen by its shape, and a long capitalised
word of one piece looks like a surname. Two shapes say what such a word is:

* an organisation's name of the text with a word glued on in lower case is an
  organisation of its own: "Zapgasneft" beside "Zapgas" (a firm's unit named
  after it: "-neft", "-bank", "-com"), not a person (:func:`glued_firms`), and
  so is a word that ends in a word of an industry in a firm's name ("Zapneft",
  "Zapneftegaz", "Zapprom");
* a name with an adjective's or a doctrine's ending is no name at all:
  "Quillian", "Quillite", "Quillesque", "Quillism" beside "Quill" or after a
  surname the lists know (:func:`adjectives_of_names`): "a Quillian
  argument" names a manner, not a person or a place.

Each changes only what the tagger guessed, never a name a list or the gazetteer
gave, and leaves a word the name lists know as a given name, a surname, a place
or an organisation ("Christian", "Adrian").
"""

from __future__ import annotations

from typing import Final

from tui.gazetteer import Lexicon, lexicon
from tui.ner.document import LINKED, TAGGER, Candidate
from tui.ner.types import ORG, PERSON, PLACE

#: The shortest organisation's name a glued word may open with ("Zapgas").
_SHORTEST_FIRM: Final = 4
#: The shortest glued part in lower case ("-neft", "-com").
_SHORTEST_TAIL: Final = 3

#: Endings of adjectives and doctrines made of a name: "Quillian", "Quillite",
#: "Quillesque", "Quillism", "Quillist" (not a plural: "the Quillists" may be a
#: party, as "the Peronists" are).
_ADJECTIVE_ENDS: Final = ("ian", "ite", "esque", "ism", "ist")
_LAST_LETTERS: Final = "nemt"


def _known(key: str, lex: Lexicon) -> bool:
    """Whether a name list knows the word as a name of any kind."""
    return (
        key in lex.first_names
        or key in lex.last_names
        or key in lex.places
        or key in lex.orgs
        or key in lex.countries
    )


def glued_firms(cands: list[Candidate]) -> None:
    """A lone word the tagger typed a person that is an organisation's name of one
    word of the text, then letters in lower case ("Zapgasneft" beside "Zapgas"),
    and that no name list knows, is an organisation there and everywhere in the
    text. Not a word typed a place: "Caribbean" beside "the Carib council" is the
    sea's."""
    firms: set[str] = set()
    for c in cands:
        if c.type == ORG and " " not in c.key and len(c.key) >= _SHORTEST_FIRM:
            firms.add(c.key)
    _industry_words(cands)
    if not firms:
        return
    lex: Lexicon | None = None
    glued: set[str] = set()
    for c in cands:
        key = c.key
        if (
            c.source != TAGGER
            or c.type != PERSON
            or " " in key
            or len(key) < _SHORTEST_FIRM + _SHORTEST_TAIL
        ):
            continue
        for n in range(_SHORTEST_FIRM, len(key) - _SHORTEST_TAIL + 1):
            if key[:n] in firms and c.surface[n:].isalpha() and c.surface[n:].islower():
                if lex is None:
                    lex = lexicon()
                if not _known(key, lex):
                    glued.add(key)
                break
    if glued:
        for c in cands:
            if c.key in glued and c.source == TAGGER and c.type == PERSON:
                c.type, c.source = ORG, LINKED


#: Words of Russian firms' names glued to their stem: "-neft" (oil), "-neftegaz" (oil
#: and gas), "-prom" (industry): "Zapneft", "Zapneftegaz", "Zapprom".
_INDUSTRY_ENDS: Final = ("neft", "neftegaz", "neftegas", "prom")


def _industry_words(cands: list[Candidate]) -> None:
    """A lone word the tagger typed a person or a place, a capital and letters in
    lower case ending in a word of an industry glued on ("Zapneft", "Zapneftegaz"),
    with three letters or more before it, that no name list knows, is a firm, there
    and everywhere in the text."""
    found: set[str] = set()
    lex: Lexicon | None = None
    for c in cands:
        key = c.key
        if (
            c.source == TAGGER
            and (c.type == PERSON or c.type == PLACE)
            and key[-1:] in ("t", "z", "s", "m")
            and key.endswith(_INDUSTRY_ENDS)
            and " " not in key
            and c.surface[1:].isalpha()
            and c.surface[1:].islower()
        ):
            stem = key.removesuffix("neftegaz").removesuffix("neftegas")
            stem = stem.removesuffix("neft").removesuffix("prom")
            if len(stem) < 3:
                continue
            if lex is None:
                lex = lexicon()
            if not _known(key, lex):
                found.add(key)
    if found:
        for c in cands:
            if c.key in found and c.source == TAGGER and (c.type == PERSON or c.type == PLACE):
                c.type, c.source = ORG, LINKED


def adjectives_of_names(cands: list[Candidate]) -> None:
    """A lone word the tagger typed a person, a place or an organisation that is
    another name of the text, or a surname the lists know, with an adjective's or a
    doctrine's ending ("Quillian", "Quillite", "Quillesque", "Quillism" beside
    "Quill"), and that no name list knows, is no name: its type is none, there and
    everywhere in the text."""
    wanted: list[Candidate] = []
    for c in cands:
        key = c.key
        # (the last letter first: "n", "e", "m" or "t" end every ending)
        if key and key[-1] in _LAST_LETTERS and c.source == TAGGER and c.type is not None:
            if " " not in key and key.endswith(_ADJECTIVE_ENDS):
                wanted.append(c)
    if not wanted:
        return
    keys = {c.key for c in cands}
    lex = lexicon()
    dropped: set[str] = set()
    for c in wanted:
        key = c.key
        for end in _ADJECTIVE_ENDS:
            if not key.endswith(end):
                continue
            base = key[: len(key) - len(end)]
            if len(base) >= 3 and c.surface[len(base) :].islower() and not _known(key, lex):
                if base in keys or base in lex.last_names:
                    dropped.add(key)
    if dropped:
        for c in cands:
            if c.key in dropped and c.source == TAGGER:
                c.type, c.source = None, LINKED
