"""The words of a text as index terms: the inner loop of an index build.

An index build spends most of its time here, once per word of every title and
body, so this module is plain typed Python that setup.py compiles with mypyc
(see tui/__init__.py). It knows nothing of the search engine: it splits a
text into words, maps each word to the number of its term (:class:`Words`, with
the analysis's term function for words not seen yet; the numbers are a build's,
:class:`Vocabulary`) and writes, for each term of the text, one posting (the
positions and character spans of its occurrences, encoded as the engine's packed
postings want them) to the field's :class:`TermPostings`, which keeps them by
term number until the builder seals or writes them.

Why numbers (2026-12-07, issue 13): the postings were a dict of lists keyed by the
term's bytes, each text's terms a dict of ``BytesWriter`` keyed by those bytes
too, and every 250 documents the lists were packed into bytes
(:mod:`tui.index.packed`). Now a text's occurrences are grouped by term number in
flat arrays (a term's first-seen mark is an array slot, not a dict entry), each
posting is written once, already packed, to one buffer, and the builder's pass
groups that buffer by term number (:meth:`TermPostings.take`).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from typing import Any, Final

from librt.strings import (
    BytesWriter,
    read_i32_le,
    write_f64_le,
    write_i32_be,
    write_i32_le,
)
from librt.vecs import append, vec
from mypy_extensions import i32, i64

from tui.posting_layout import INT_MAX, NO_LENGTH, SHORT_VALUE, SMALL_WEIGHT, decode

#: A word: word characters or ``*``, with single dots inside ("u.s", "3.5").
#: The same matches as Whoosh's default ``[\w\*]+(\.?[\w\*]+)*`` (a test checks),
#: written without the nested optional group, in half the time.
WORD = re.compile(r"[\w*]+(?:\.[\w*]+)*")
#: The same pattern as one group: ``split`` returns the words and what lies
#: between them, whose lengths give every word's offsets without a match object.
_SPLIT = re.compile(r"([\w*]+(?:\.[\w*]+)*)")

#: Whether this machine stores ints little-endian, as the postings' values are
#: written here (Whoosh reads them back as ``array("I")``, in the machine's order).
_LITTLE: Final = sys.byteorder == "little"

#: A term number's mark (:attr:`Vocabulary.marks`) is the text's serial times this,
#: plus the term's place among the text's terms.
_SPAN: Final = 1 << 32


class Vocabulary:
    """The terms of the segments one process builds, each numbered once
    (:meth:`number`), and what :func:`add_terms` reuses from one text to the next:
    per term number, the mark of the last text that had it; the current text's
    terms in order, and each occurrence's term (its place in that order) and
    numbers (position, and start and end with characters)."""

    def __init__(self) -> None:
        self.ids: dict[bytes, int] = {}
        self.names: list[bytes] = []
        self.marks = vec[i64]()
        self.serial: i64 = 0
        self.words: dict[Any, Words] = {}  # language -> its words (tui.index.postings)
        self.order = vec[i64]()
        self.occurs = vec[i64]()
        self.hits = vec[i32]()
        self.starts = vec[i64]()
        self.sorted_hits = vec[i64]()

    def number(self, term: bytes) -> i64:
        """The number of ``term`` (a new one the first time)."""
        found = self.ids.get(term)
        if found is not None:
            return found
        n = len(self.names)
        self.ids[term] = n
        self.names.append(term)
        self.marks = append(self.marks, 0)
        return n


class Words:
    """One language's words as a text writes them, each with its term's number (-1: a
    word that is not indexed), worked out once by ``term_of`` (set after making this,
    with a :class:`Known` of these words if it asks for the terms of words seen before).
    (Neither refers to its :class:`Vocabulary`: a build's worker runs without the cyclic
    collector.)"""

    def __init__(self) -> None:
        self.numbers: dict[str, int] = {}
        self.term_of: Callable[[str], bytes] = _no_term

    def new(self, word: str, vocabulary: Vocabulary) -> i64:
        """Number a word not seen before."""
        term = self.term_of(word)
        n: i64 = vocabulary.number(term) if term else -1
        self.numbers[word] = n
        return n


class Known:
    """The term of a word of :class:`Words` seen before (``b""``: not indexed; None: not
    seen), for its ``term_of`` (:func:`tui.index.analysis.term_bytes`)."""

    def __init__(self, words: Words, vocabulary: Vocabulary) -> None:
        self.numbers = words.numbers
        self.names = vocabulary.names

    def __call__(self, word: str) -> bytes | None:
        n = self.numbers.get(word)
        if n is None:
            return None
        return b"" if n < 0 else self.names[n]


def _no_term(word: str) -> bytes:
    return word.encode("utf-8")


class TermPostings:
    """One field's postings in a segment being built, by term number.

    Each posting comes packed (:mod:`tui.posting_layout`) after its term's
    number and its size, into one buffer in the order of the documents
    (:func:`add_terms`, :meth:`add_packed`). :meth:`take` puts them after the
    postings each term has packed before, and gives back those that fill a block,
    decoded (:class:`Full`).

    A term holds its postings as one ``bytes`` or, once they pass :data:`CHUNK`
    bytes, as a list of such chunks, each take's appended (not the whole copied
    again at each take: 2026-12-07, issue 13); :meth:`pop` joins them."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self.vocabulary = vocabulary
        self.arena = BytesWriter()
        self.packed: list[Any] = []  # per term number: b"", bytes or a list of bytes
        self.held = vec[i64]()  # and how many postings that is
        self.marks = vec[i64]()  # the serial of the last take that found the term
        self.slots = vec[i64]()  # its place in that take
        self.serial: i64 = 0

    def add_packed(self, term: bytes, posting: bytes) -> None:
        """Add one posting of ``term``, packed (:func:`tui.index.packed.pack`)."""
        write_i32_le(self.arena, i32(self.vocabulary.number(term)))
        write_i32_le(self.arena, i32(len(posting)))
        self.arena.write(posting)

    def take(self, limit: i64) -> list[Full]:
        """Put the postings added since the last take after those of their term. The
        terms whose postings are now at least ``limit`` (a block's) are given back, in
        the order their first new posting came, each with as many of its first
        postings as fill whole blocks (:class:`Full`, which decodes them); each holds
        the rest."""
        data = self.arena.getvalue()
        self.arena = BytesWriter()
        size = len(self.vocabulary.names)
        packed = self.packed
        while len(packed) < size:
            packed.append(b"")
            self.held = append(self.held, 0)
            self.marks = append(self.marks, 0)
            self.slots = append(self.slots, 0)
        self.serial += 1
        serial = self.serial
        marks = self.marks
        slots = self.slots
        held = self.held
        touched = vec[i64]()  # the terms in the order they come
        counts = vec[i64]()  # and how many new postings each has
        end: i64 = len(data)
        at: i64 = 0
        while at < end:
            n = i64(read_i32_le(data, at))
            if marks[n] != serial:
                marks[n] = serial
                slots[n] = len(touched)
                touched = append(touched, n)
                counts = append(counts, 0)
            counts[slots[n]] += 1
            at += 8 + i64(read_i32_le(data, at + 4))
        # per term: how many of its new postings go to whole blocks (those of a term
        # that fills one, after its packed ones), and how many it holds after this take
        blocked = vec[i64]()
        left = vec[i64]()
        names = self.vocabulary.names
        full: list[Full] = []
        for i in range(len(touched)):
            n = touched[i]
            total = held[n] + counts[i]
            if total < limit:
                blocked = append(blocked, 0)
                left = append(left, total)
                continue
            done = total // limit * limit
            blocked = append(blocked, done - held[n])
            left = append(left, total - done)
            full.append(Full(names[n], packed[n]))
            packed[n] = b""
        # each term's new postings, in order: those that go to whole blocks, the others
        into: list[Any] = [None] * len(touched)
        rest: list[Any] = [None] * len(touched)
        at = 0
        while at < end:
            slot = slots[i64(read_i32_le(data, at))]
            start = at + 8
            at = start + i64(read_i32_le(data, at + 4))
            if blocked[slot] > 0:
                blocked[slot] -= 1
                into[slot] = _gather(into[slot], data[start:at])
            else:
                rest[slot] = _gather(rest[slot], data[start:at])
        f = 0
        for i in range(len(touched)):
            n = touched[i]
            held[n] = left[i]
            have = into[i]
            if have is not None:
                full[f].new = have if isinstance(have, bytes) else have.getvalue()
                f += 1
            have = rest[i]
            if have is not None:
                new: bytes = have if isinstance(have, bytes) else have.getvalue()
                packed[n] = _after(packed[n], new)
        return full

    def terms(self) -> list[bytes]:
        """The terms holding postings (after a :meth:`take`)."""
        names = self.vocabulary.names
        packed = self.packed
        return [names[n] for n in range(len(packed)) if packed[n]]

    def columns(self, term: bytes) -> tuple[list[Any], list[Any], list[Any], list[Any]]:
        """The postings ``term`` holds (after a :meth:`take`), which it holds no more,
        decoded as :meth:`Full.columns` gives them (empty: none)."""
        n = self.vocabulary.ids.get(term)
        if n is None or n >= len(self.packed):
            return [], [], [], []
        out = Full(term, self.packed[n])
        self.packed[n] = b""
        self.held[n] = 0
        return out.columns()

    def pop(self, term: bytes) -> bytes:
        """The postings ``term`` holds, packed (``b""``: none), which it holds no more."""
        n = self.vocabulary.ids.get(term)
        if n is None or n >= len(self.packed):
            return b""
        chunks = self.packed[n]
        self.packed[n] = b""
        self.held[n] = 0
        if isinstance(chunks, list):
            return b"".join(chunks)
        posting: bytes = chunks
        return posting


#: The size from which a term's packed postings are kept as a list of chunks, the
#: postings of each later take a chunk of their own (unless the last is shorter than
#: this, then the two are joined): what a take copies again of a term's postings is
#: at most this, and a chunk's own object (~40 bytes) at most a tenth of what it holds.
CHUNK: Final = 512


def _after(before: Any, new: bytes) -> Any:
    """A term's chunks (``b""``, bytes or a list of them) with ``new`` after them."""
    if isinstance(before, list):
        last: bytes = before[-1]
        if len(last) < CHUNK:
            before[-1] = last + new
        else:
            before.append(new)
        return before
    held: bytes = before
    if not held:
        return new
    if len(held) < CHUNK:
        return held + new
    return [held, new]


class Full:
    """A term's postings that fill whole blocks (:meth:`TermPostings.take`), packed:
    those it held (``held``: b"", bytes or a list of them) and the new ones."""

    def __init__(self, term: bytes, held: Any) -> None:
        self.term = term
        self.held: Any = held
        self.new = b""

    def columns(self) -> tuple[list[Any], list[Any], list[Any], list[Any]]:
        """The postings decoded as the documents, weights, values and lengths a block
        encoder takes (once: the packed postings are let go of)."""
        ids: list[Any] = []
        weights: list[Any] = []
        values: list[Any] = []
        lengths: list[Any] = []
        held = self.held
        if isinstance(held, list):
            for chunk in held:
                decode(chunk, ids, weights, values, lengths)
        elif held:
            decode(held, ids, weights, values, lengths)
        decode(self.new, ids, weights, values, lengths)
        self.held = b""
        self.new = b""
        return ids, weights, values, lengths


def _gather(have: Any, posting: bytes) -> Any:
    """``have`` (None, one posting's bytes or a writer of several) with ``posting`` after."""
    if have is None:
        return posting
    if isinstance(have, bytes):
        writer = BytesWriter()
        writer.write(have)
        writer.write(posting)
        return writer
    more: BytesWriter = have
    more.write(posting)
    return more


def add_terms(
    out: TermPostings,
    docnum: int,
    text: str,
    words: Words,
    with_chars: bool,
    boost: float,
    stored_length: Callable[[int], Any],
) -> int:
    """Add the postings of one text to ``out``; return its length in terms.

    ``words`` gives each word, as the text writes it, its term's number. Every term
    of the text gets one posting: the document number, the weight (occurrences times
    ``boost``), the encoded positions (position, start, end per occurrence when
    ``with_chars``, else the positions alone, as native unsigned ints) and the length
    as ``stored_length`` gives it. A word's position is its place among the words.

    The occurrences are noted as numbers in flat arrays (each one's term, by its place
    among the text's terms, and its position and characters), then written term by
    term, packed, to ``out``: no object is made per occurrence, nor per posting.
    """
    vocabulary = out.vocabulary
    vocabulary.serial += 1
    base: i64 = vocabulary.serial * _SPAN
    vocabulary.order = vec[i64]()
    vocabulary.occurs = vec[i64]()
    vocabulary.hits = vec[i32]()
    pos = 0
    offset = 0  # where the chunk starts
    # Most of a text is words between single spaces. No match of the pattern takes in
    # a space, so the text's words are those of its chunks between spaces, found
    # chunk by chunk; a chunk of letters and digits alone (str.isalnum: the pattern's
    # \w but "_") is one word, without the pattern, and so is one with a mark after it
    # (86% and 7% of the chunks of news text); the pattern splits the rest.
    for chunk in text.split(" "):
        if chunk.isalnum():
            _hit(vocabulary, words, base, chunk, pos, offset, with_chars)
            pos += 1
        elif chunk[:-1].isalnum() and chunk[-1] not in "_*":
            # a word and a mark after it ("said," "time."): the mark is no word
            # character, and a dot ends a word that no word character follows
            _hit(vocabulary, words, base, chunk[:-1], pos, offset, with_chars)
            pos += 1
        elif chunk:
            parts: list[str] = _SPLIT.split(chunk)
            end = offset + len(parts[0])
            count = len(parts)
            i = 1
            while i < count:
                word = parts[i]
                start = end
                end = start + len(word)
                _hit(vocabulary, words, base, word, pos, start, with_chars)
                pos += 1
                end += len(parts[i + 1])
                i += 2
        offset += len(chunk) + 1
    indexed = len(vocabulary.occurs)
    if not indexed:
        return 0
    _write(out, vocabulary, docnum, with_chars, boost, stored_length(indexed))
    return indexed


def _hit(
    vocabulary: Vocabulary,
    words: Words,
    base: i64,
    word: str,
    pos: int,
    start: int,
    with_chars: bool,
) -> None:
    """Note the word at ``pos`` (starting at character ``start``), if it is indexed.

    (An article is at most a few MB: its offsets fit in 31 bits.)"""
    n: i64 = words.numbers.get(word, -2)
    if n == -2:
        n = words.new(word, vocabulary)
    if n < 0:
        return
    mark = vocabulary.marks[n]
    if mark >= base:
        place = mark - base
    else:
        place = len(vocabulary.order)
        vocabulary.marks[n] = base + place
        vocabulary.order = append(vocabulary.order, n)
    vocabulary.occurs = append(vocabulary.occurs, place)
    hits = append(vocabulary.hits, i32(pos))
    if with_chars:
        hits = append(hits, i32(start))
        hits = append(hits, i32(start + len(word)))
    vocabulary.hits = hits


def _write(
    out: TermPostings,
    vocabulary: Vocabulary,
    docnum: int,
    with_chars: bool,
    boost: float,
    length: Any,
) -> None:
    """Write the postings of the text :func:`add_terms` noted in ``vocabulary`` to
    ``out``, a term at a time in the order the text has them first, each term's
    occurrences in order (a counting sort of the occurrences by term)."""
    order = vocabulary.order
    occurs = vocabulary.occurs
    hits = vocabulary.hits
    terms: i64 = len(order)
    total: i64 = len(occurs)
    width: i64 = 3 if with_chars else 1
    # (the arrays are the vocabulary's, reused from text to text)
    starts = vocabulary.starts
    while len(starts) <= terms:
        starts = append(starts, 0)
    vocabulary.starts = starts
    sorted_hits = vocabulary.sorted_hits
    while len(sorted_hits) < total:
        sorted_hits = append(sorted_hits, 0)
    vocabulary.sorted_hits = sorted_hits
    for t in range(terms + 1):
        starts[t] = 0
    for k in range(total):
        starts[occurs[k] + 1] += 1
    for t in range(terms):
        starts[t + 1] += starts[t]
    # each term's occurrences in order; then starts[t] is where term t's end (t + 1's start)
    for k in range(total):
        place = occurs[k]
        sorted_hits[starts[place]] = k
        starts[place] += 1
    if not (0 <= docnum <= INT_MAX) or not (length is None or 0 <= length <= INT_MAX):
        raise ValueError(f"a document number or length out of range: {docnum}, {length}")
    arena = out.arena
    doc = i32(docnum)
    stored = i32(0 if length is None else int(length))
    lengthless = length is None
    first: i64 = 0
    for t in range(terms):
        end = starts[t]
        freq = end - first
        weight = float(freq) * boost
        size = int(freq * width * 4)
        small = 1.0 <= weight < 64.0 and weight == float(int(weight))
        tag = 0
        if small:
            tag |= SMALL_WEIGHT
        if size < 256:
            tag |= SHORT_VALUE
        if lengthless:
            tag |= NO_LENGTH
        record = 5 + (1 if small else 8) + (1 if size < 256 else 4) + size
        if not lengthless:
            record += 4
        write_i32_le(arena, i32(order[t]))
        write_i32_le(arena, i32(record))
        arena.append(tag)
        write_i32_le(arena, doc)
        if small:
            arena.append(int(weight))
        else:
            write_f64_le(arena, weight)
        if size < 256:
            arena.append(size)
        else:
            write_i32_le(arena, i32(size))
        for j in range(first, end):
            k = sorted_hits[j] * width
            for w in range(width):
                if _LITTLE:
                    write_i32_le(arena, hits[k + w])
                else:
                    write_i32_be(arena, hits[k + w])
        if not lengthless:
            write_i32_le(arena, stored)
        first = end
