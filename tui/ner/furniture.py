"""Lines that are not running text: headings, menus, share bars, footers.

A web page's text keeps its furniture ("About Us", "Who We Are", "Real
Estate", "RSS Feed", a menu of car makes run together). Capitalised words
there are not names in a sentence, and a tagger trained on sentences reads
them as names. What tells such a line, whatever its words:

* its *shape*: every word capitalised (title case) or in capitals, and no
  sentence punctuation at its end: a heading, a menu item, a button;
* words run together without spaces, a capital in the middle of a word
  after a lower-case one ("AbarthAlfa RomeoAston"): a menu whose items lost
  their separators.

:func:`line_kind` says which kind a line is. The recogniser keeps a name from a
heading only when the running text of the same document, or the gazetteer,
backs it up (:func:`keep_heading_names`); a run-together menu gives nothing.
"""

from __future__ import annotations

import re
from typing import Final

from tui.gazetteer import Gazetteer, Lexicon, fold, lexicon
from tui.ner.document import (
    CONTEXT,
    GAZETTEER,
    LINKED,
    Candidate,
    at_dateline,
    canonical_form,
)
from tui.ner.tokens import TOKEN
from tui.ner.types import ORG, PERSON, PLACE

NORMAL: Final = 0
HEADING: Final = 1  # title case or capitals, no sentence punctuation at the end
MENU: Final = 2  # words run together

#: Short words a title-case heading may leave in lower case.
_MINOR: Final = frozenset(
    "a an the and or nor but of in on at to for by with from as is are vs via "
    "& - – — | / : ,".split()
)
_END: Final = frozenset('.!?"”’)')
_LIST_MARKS: Final = frozenset("( ) , ; :".split())
_LONG_LINE: Final = 25  # words: longer lines are running text whatever their case


def _run_together(w: str) -> bool:
    """A word with a capital after two lower-case letters, twice ("AbarthAlfa"
    once, "RomeoAston"): two words whose space was lost. Names such as
    "McDonald", "MacBook" or "YouTube" have one such capital, after at most
    three letters (checked over the word's capitals after the first)."""
    joins = 0
    run = 0  # lower-case letters before this character
    for i, ch in enumerate(w):
        if ch.isupper():
            if i > 0 and run >= 3:
                joins += 1
            run = 0
        elif ch.islower():
            run += 1
        else:
            run = 0
    return joins >= 1 and len(w) >= 8


def line_kind(words: list[str], cand: list[bool]) -> int:
    """NORMAL, HEADING or MENU for one line's tokens (``cand``: which have a capital)."""
    joined = 0
    for i in range(len(words)):
        if cand[i]:
            w = words[i]
            # (only a long word with a capital after its first letter can be two)
            if len(w) >= 8 and not w[1:].islower() and not w.isupper() and _run_together(w):
                joined += 1
    if joined >= 2:
        return MENU
    if len(words) > _LONG_LINE or words[-1] in _END:
        return NORMAL
    letters = [w for w in words if w[:1].isalpha()]
    if not letters:
        return NORMAL
    for w in words:
        if w[0].isdigit() or w in _LIST_MARKS:
            return NORMAL  # a table row, a score, a dateline, a list of names
    content = [w for w in letters if w.lower() not in _MINOR]
    if not content:
        return NORMAL
    capitalised = sum(1 for w in content if w[0].isupper())
    return HEADING if capitalised == len(content) else NORMAL


def _listed(c: Candidate, lex: Lexicon) -> bool:
    """Whether the name lists back the candidate's type: a person's full name
    starting with a known given name ("Larry Fine", a byline), a listed place,
    a listed organisation; a short word only in capitals ("US", not "Us")."""
    if len(c.surface) <= 3 and not c.surface.isupper():
        return False
    if c.type == PERSON:
        parts = c.key.split()
        return len(parts) >= 2 and parts[0] in lex.first_names
    if c.type == PLACE:
        return c.key in lex.places
    if c.type == ORG:
        return c.key in lex.orgs
    return False


def keep_heading_names(cands: list[Candidate]) -> list[Candidate]:
    """The candidates without the names of headings that nothing backs up.

    A heading's name stays when the gazetteer gave it, when the name lists
    back its type (:func:`_listed`), or when the same name (or the last word
    of a longer one) is a name in the running text of the document.
    """
    lex = lexicon()
    bylines = _bylines(cands)
    body: dict[str, Candidate] = {}
    for c in cands:
        if not c.heading and c.type is not None:
            body.setdefault(c.key, c)
            if " " in c.key:
                body.setdefault(c.key.rsplit(" ", 1)[1], c)
    out: list[Candidate] = []
    for c in cands:
        if c.heading and c.source < GAZETTEER and not _listed(c, lex) and id(c) not in bylines:
            if c.type is None and c.source == LINKED:
                continue  # no name: the text says what it is ("Zapbook Air")
            known = body.get(c.key)
            if known is None or _case_differs(c.surface, known.surface):
                out.extend(_known_parts(c, body))
                continue
        out.append(c)
    return out


def _bylines(cands: list[Candidate]) -> set[int]:
    """The ids of the person names that are a story's byline: a line of a
    person's name alone (two or three words), the next line opening with a
    place, the dateline ("Orla Brandt" above "KARVELBY 2031-03-04 ...")."""
    out: set[int] = set()
    for k in range(len(cands) - 1):
        c = cands[k]
        nxt = cands[k + 1]
        if (
            c.heading
            and c.type == PERSON
            and not c.before
            and not c.after
            and 2 <= c.last - c.first <= 3
            and nxt.first == c.last
            and not nxt.before
            and (nxt.type == PLACE or at_dateline(nxt))
        ):
            out.add(id(c))
    return out


def _case_differs(a: str, b: str) -> bool:
    """Whether one of two short names is an acronym in capitals and the other is
    not ("Us" in "About Us" is not "US")."""
    return len(a) <= 5 and a.isupper() != b.isupper()


def _known_parts(c: Candidate, body: dict[str, Candidate]) -> list[Candidate]:
    """The parts of a heading's name that are names of the running text:
    "Brenmark" in "Talks For Brenmark And Doralia"."""
    toks = [(m.start(), m.end()) for m in TOKEN.finditer(c.surface)]
    out: list[Candidate] = []
    i = 0
    while i < len(toks):
        for j in range(len(toks), i, -1):
            if (i, j) == (0, len(toks)):
                continue
            surface = c.surface[toks[i][0] : toks[j - 1][1]]
            known = body.get(fold(surface))
            if (
                known is not None
                and surface[:1].isupper()
                and not _case_differs(surface, known.surface)
            ):
                out.append(
                    Candidate(
                        c.start + toks[i][0],
                        c.start + toks[j - 1][1],
                        c.first + i,
                        c.first + j,
                        surface,
                        fold(surface),
                        known.type,
                        LINKED,
                        known.canonical,
                        True,
                    )
                )
                i = j
                break
        else:
            i += 1
    return out


#: A line of a press digest under a paper's name: a dash, then a headline.
_DIGEST_ITEM: Final = re.compile(r"[-–—] \S+(?: \S+){3}")
#: A headline without the dash: four words or more.
_HEADLINE: Final = re.compile(r"\S+(?: \S+){3}")
#: A line that only separates: "---".
_SEPARATOR: Final = re.compile(r"[-–—]{2,}")


def digest_papers(
    cands: list[Candidate], text: str, case: dict[str, str] | None = None
) -> list[Candidate]:
    """A press digest's papers: a short line in capitals alone ("HARBOURTON
    HERALD"), the line below it a headline after a dash ("- Minister quits over
    ...") or, the line above a separator ("---"), a headline of its own, twice or
    more in the text, is the name of the paper whose headlines
    follow: an organisation, in place of what the tagger made of its words. A
    line listed as a place keeps it (a digest by country), and so does a text
    whose every such line is common words ("FEATURES", "OPINION": a page's
    sections, by ``case``, the words news writes in lower case)."""
    if "\n-" not in text and "\n–" not in text and "\n—" not in text:
        return cands
    papers: list[tuple[int, int]] = []
    names = 0
    pos = 0
    lines = text.split("\n")
    for k in range(len(lines) - 1):
        line = lines[k]
        start = pos
        pos += len(line) + 1
        s = line.strip()
        if not s or not s[0].isalpha() or not s.isupper() or len(s.split()) > 6:
            continue
        if s[-1] in _END:
            continue
        below = lines[k + 1].strip()
        if _DIGEST_ITEM.match(below) is None and not (
            k > 0
            and _SEPARATOR.fullmatch(lines[k - 1].strip()) is not None
            and _HEADLINE.match(below) is not None
        ):
            continue
        key = fold(s)
        if key in lexicon().places:
            continue
        first = start + line.index(s)
        papers.append((first, first + len(s)))
        words = [w.lower() for w in TOKEN.findall(s) if w[:1].isalpha()]
        if case is None or not all(case.get(w) == "L" for w in words):
            names += 1
    if len(papers) < 2 or names < 2:
        return cands
    out: list[Candidate] = []
    k = 0
    for start, end in papers:
        while k < len(cands) and cands[k].end <= start:
            out.append(cands[k])
            k += 1
        while k < len(cands) and cands[k].start < end:
            k += 1  # the tagger's reading of the paper's name
        surface = text[start:end]
        out.append(
            Candidate(
                start, end, 0, 0, surface, fold(surface), ORG, CONTEXT, canonical_form(surface)
            )
        )
    out.extend(cands[k:])
    return out


#: A slash between two letters: where a photo credit joins its parts ("Jo Lee/Zapnews").
_SLASH: Final = re.compile(r"(?<=\w)\s?/\s?(?=\w)")


def photo_credits(cands: list[Candidate], gaz: Gazetteer, case: dict[str, str]) -> list[Candidate]:
    """A name made of parts joined by slashes, one of them an organisation the
    gazetteer or the lists know, is a photo credit, not one name: a photographer
    and agencies ("Jo Lee/Zapnews", "Zapnews/Velmo Images" under a picture;
    tokens keep "Lee/Zapnews" whole, so the tagger reads the credit as one name).
    Each part becomes a name of its own: a known one with its type; of the
    others, two or three capitalised words that news does not write in lower case
    (``case``: "L") are the photographer, a person ("Jo Lee"), any other is another
    agency ("Zapnews", "Velmo Images"). A part is known when the gazetteer or the
    lists know it, or its first word as an organisation ("Zapnews Two/Velmo One":
    two channels). Parts of which they know none stay one name ("Zap/Velmo"), and
    so does one with a part of one letter (a model's: "Zapco Gene/L")."""
    out: list[Candidate] = []
    changed = False
    for c in cands:
        parts = _credit_parts(c, gaz, case) if "/" in c.surface and c.source < GAZETTEER else None
        if parts is None:
            out.append(c)
        else:
            out.extend(parts)
            changed = True
    return out if changed else cands


def _credit_parts(c: Candidate, gaz: Gazetteer, case: dict[str, str]) -> list[Candidate] | None:
    """The names of the credit ``c`` (:func:`photo_credits`), None when it is none;
    ``case``: the words news writes in lower case ("L")."""
    pieces: list[tuple[int, int]] = []
    at = 0
    for m in _SLASH.finditer(c.surface):
        pieces.append((at, m.start()))
        at = m.end()
    if not pieces:
        return None
    pieces.append((at, len(c.surface)))
    orgs = lexicon().orgs
    out: list[Candidate] = []
    known = False
    for a, b in pieces:
        surface = c.surface[a:b]
        key = fold(surface)
        if len(key) < 2:
            return None  # a model's letter: "Zapgene/L"
        entry = gaz.entries.get(key)
        start = c.start + a
        part = Candidate(
            start,
            start + len(surface),
            c.first,
            c.last,
            surface,
            key,
            None,
            LINKED,
            canonical_form(surface),
            c.heading,
            c.caps,
        )
        if entry is not None:
            part.type, part.canonical, part.source = entry.type, entry.canonical, GAZETTEER
            known = True
        elif key in orgs:
            part.type, part.canonical = ORG, orgs[key][0]
            known = True
        elif " " in key and key[: key.find(" ")] in orgs:
            part.type = ORG  # an organisation's part: "Zapnews Two/Velmo One"
            known = True
        out.append(part)
    if not known:
        return None
    for part in out:
        if part.type is None:
            words = part.surface.split()
            if 2 <= len(words) <= 3 and all(
                w[:1].isupper() and case.get(fold(w)) != "L" for w in words
            ):
                part.type = PERSON  # the photographer: "Jo Lee", "K. Lee"
            else:
                part.type = ORG  # another agency: "Zapnews", "Velmo Images"
    return out
