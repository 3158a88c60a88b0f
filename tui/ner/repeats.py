"""A name the text names once is that name where the tagger let it pass elsewhere.

The tagger reads a sentence at a time, and where a sentence gives it little to
go on it lets a name it typed elsewhere pass as a common word: "Zapcorp is
keen to ..." opening a paragraph, "when Zapcorp asked", a headline's "Zapcorp
attacked over ...". A text means one thing by one name (:mod:`tui.ner.agreement`
makes its mentions agree), so :func:`repeat_names` gives such a word the type and
canonical name its mentions have, where nothing in the words around it says it
is part of something else. setup.py compiles this module with mypyc.
"""

from __future__ import annotations

from typing import Final

from librt.vecs import append, vec
from mypy_extensions import i64

from tui.ner.document import LINKED, Candidate
from tui.ner.features import fold_word
from tui.ner.marks import Line
from tui.ner.tokens import Offsets
from tui.ner.types import PERSON

#: Capitalised words that may stand right before a name that is not part of a longer one.
_BEFORE: Final = frozenset(("The",))
#: Words always capitalised that are no names ("in May", "on Sunday"): a month or a day
#: the tagger took for a person ("May", "Theresa May" cut short) is not repeated.
_CALENDAR: Final = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)

#: Characters that, right after a name, make it part of a longer word.
_JOINED: Final = frozenset("+-/&@_")

#: A name's first word -> its words, type and canonical name (a name the same at each
#: of its mentions; the longest first).
Names = dict[str, list[tuple[list[str], str, str]]]


def _calendar(word: str) -> bool:
    """Whether a word in lower case is a month's or a day's name, or its plural."""
    return len(word) <= 10 and (word in _CALENDAR or (word[-1:] == "s" and word[:-1] in _CALENDAR))


def _longest_first(found: tuple[list[str], str, str]) -> int:
    return -len(found[0])


def _names(
    cands: list[Candidate],
    text: str,
    lines: list[Line],
    wanted: set[str],
    lower: set[str],
    case: dict[str, str],
) -> Names:
    """The names of ``cands`` whose first word is one of ``wanted`` and that all
    their mentions give one type and one canonical name, by their first word
    (``lines``: the text's lines, their words first). Left out: a
    name some mention gives no type (a thing, a work) or another one; a name of one
    character; a month's or a day's; a name of one word the text (``lower``) or
    news (``case``) writes in lower case; a word that stands for a longer name
    that does not end with it ("Zapcorp" for "Zapcorp Mini"; a surname or an
    acronym does); a name the text writes only as a label, before a colon (a
    caption's "Credit: Zapnews" the tagger took for a name)."""
    seen: dict[str, Candidate] = {}
    mixed: set[str] = set()
    named: set[str] = set()  # names with a mention that is no label
    size = len(text)
    nlines = len(lines)
    k = 0
    base = 0  # the number of the first token of line k
    for c in cands:
        first = c.first
        if first < base:
            k = base = 0
        while k < nlines and first >= base + len(lines[k][0]):
            base += len(lines[k][0])
            k += 1
        if k == nlines or lines[k][0][first - base] not in wanted:
            continue  # (the word at its first token: most names, found at little cost)
        surface = c.surface
        if surface not in wanted:  # (a name of one word is its first word)
            space = surface.find(" ")
            if space < 0 or surface[:space] not in wanted:
                continue
        if c.end >= size or text[c.end] != ":":
            named.add(surface)
        got = seen.get(surface)
        if got is None:
            seen[surface] = c
        elif got.type != c.type or got.canonical != c.canonical:
            mixed.add(surface)
    out: Names = {}
    for surface, c in seen.items():
        kind = c.type
        if kind is None or len(surface) < 2 or (mixed and surface in mixed) or surface not in named:
            continue
        canonical = c.canonical
        if " " not in surface:
            low = surface.lower()
            if low in lower or case.get(low) == "L" or _calendar(low):
                continue  # a word the text or news writes in lower case too; a month
            if (
                canonical != surface
                and not surface.isupper()  # an acronym of its full name
                and not (kind == PERSON and canonical.endswith(" " + surface))  # a surname
            ):
                continue  # not what a short form stands for ("Zapcorp" for "Zapcorp Mini")
            words = [surface]
        else:
            words = surface.split()
            if _calendar(words[-1].lower()):
                continue
        found = out.get(words[0])
        if found is None:
            out[words[0]] = [(words, kind, canonical)]
        else:
            found.append((words, kind, canonical))
            found.sort(key=_longest_first)
    return out


def repeat_names(
    cands: list[Candidate],
    text: str,
    lines: list[Line],
    at: list[list[int]],
    starts: list[int],
    headings: list[bool],
    lower: set[str],
    case: dict[str, str],
) -> list[Candidate]:
    """``cands`` (in text order, disjoint) with the other mentions of their names
    that the tagger let pass: the same words, written the same way, outside any
    name, neither right after a capitalised word (but "The") nor right before one
    or a number (they belong to a longer name: "Zapcorp Arena", "Mr Quill",
    "Zapnet 4"), nor joined to the next word ("Zapflix+"). Each takes its name's
    type and canonical name (:func:`_names` says which names). ``lines``: the
    text's lines (their words first); ``at``: the indexes of each line's words
    with a capital (:func:`tui.ner.candidates.capitals`), the only words looked at."""
    size = len(cands)
    if not size:
        return cands
    # the names' first words: the words at their first tokens (read there, not cut
    # out of their surface: as costly as the rest of this function)
    # (of typed names only: a name some mention gives no type is not repeated, and
    # :func:`_names` reads every mention of the names these words begin)
    heads: set[str] = set()
    nlines = len(lines)
    k = 0
    base = 0  # the number of the first token of line k
    for c in cands:
        if c.type is None:
            continue
        first = c.first
        if first < base:
            k = base = 0
        while k < nlines and first >= base + len(lines[k][0]):
            base += len(lines[k][0])
            k += 1
        if k < nlines:
            heads.add(lines[k][0][first - base])
    # the capitalised words outside any name that are a name's first word, not
    # right after a capitalised word (but "The"), by their token's number in the text
    free = vec[i64]()  # (unboxed)
    wanted: set[str] = set()
    total = 0
    for line in lines:
        total += len(line[0])
    p = 0  # the first candidate that does not end before the word looked at
    nxt, end = cands[0].first, cands[0].last  # where it starts and ends
    base = 0
    for k in range(nlines):
        words = lines[k][0]
        last = -2  # the index of the line's capitalised word before
        for i in at[k]:
            t = base + i
            if t >= end:
                while p < size and cands[p].last <= t:
                    p += 1
                if p < size:
                    nxt, end = cands[p].first, cands[p].last
                else:
                    nxt = end = total
            if t < nxt:
                # (a word before with a capital is the only one whose first letter is one)
                if last == i - 1:
                    before = words[i - 1]
                    if before[:1].isupper() and before not in _BEFORE:
                        last = i
                        continue  # right after a capitalised word: "Mr Quill"
                word = words[i]
                if word in heads:
                    free = append(free, t)
                    wanted.add(word)
            last = i
        base += len(words)
    if len(free) == 0:
        return cands  # (most texts: two in three of the BBC's)
    names = _names(cands, text, lines, wanted, lower, case)
    if not names:
        return cands
    added: list[Candidate] = []
    p = 0
    done = 0  # the first token after the last name added
    k = 0
    base = 0
    offsets: Offsets | None = None  # line k's, from ``at`` on
    at_char = at_token = 0
    for t64 in free:
        t = int(t64)
        if t < done:
            continue
        while t >= base + len(lines[k][0]):
            base += len(lines[k][0])
            k += 1
            offsets = None
        i = t - base
        words = lines[k][0]
        found = names.get(words[i])
        if found is None:
            continue
        while p < size and cands[p].last <= t:
            p += 1
        nxt = cands[p].first if p < size else t + len(words) + 1  # where the next name starts
        n = len(words)
        for name, kind, canonical in found:
            m = len(name)
            if i + m > n or t + m > nxt or (m > 1 and words[i : i + m] != name):
                continue
            if i + m < n:
                after = words[i + m][:1]
                if after.isupper() or after.isdigit():
                    continue  # a longer name's first words: "Zapcorp Arena", "Zapnet 4"
            if offsets is None:
                # (from the end of the name before when it is on the line: a line's
                # tokens are found one after the other from where it starts)
                at_char, at_token = starts[k], 0
                if p > 0:
                    prev = cands[p - 1]
                    j = prev.last - base
                    if 0 < j <= i and text.startswith(words[j - 1], prev.end - len(words[j - 1])):
                        at_char, at_token = prev.end, j
                offsets = Offsets(text, at_char, words[at_token:])
            start, end = offsets.start(i - at_token), offsets.end(i + m - 1 - at_token)
            if end < len(text) and text[end] in _JOINED:
                continue  # "Zapflix+", "Zapcorp-owned": part of another word
            surface = text[start:end]
            added.append(
                Candidate(
                    start,
                    end,
                    t,
                    t + m,
                    surface,
                    fold_word(surface),
                    kind,
                    LINKED,
                    canonical,
                    headings[k],
                )
            )
            done = t + m
            break
    if not added:
        return cands
    # both in text order: merged
    out: list[Candidate] = []
    a = 0
    for c in added:
        while a < size and cands[a].start <= c.start:
            out.append(cands[a])
            a += 1
        out.append(c)
    while a < size:
        out.append(cands[a])
        a += 1
    return out
