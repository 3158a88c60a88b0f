"""The words of a text as index terms: the inner loop of an index build.

An index build spends most of its time here, once per word of every title and
body, so this module is plain typed Python that setup.py compiles with mypyc
(see tui/__init__.py). It knows nothing of the search engine: it splits a
text into words, maps each word to its term (through a cache, with the
analysis's term function for words not seen yet) and collects, per term, the
positions and character spans of its occurrences, encoded as the engine's
packed postings want them.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Callable
from typing import Any, Final

from librt.strings import BytesWriter, write_i32_le
from mypy_extensions import i32

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
#: The weights of a term that occurs 0..63 times in a text of boost 1.0, made once: a
#: posting holds the same float object instead of one of its own (24 bytes of each
#: posting's ~100 while it waits in a list; pickled, a float is the same bytes).
_WEIGHTS: Final[list[Any]] = [float(n) for n in range(64)]


def add_terms(
    postings: dict[bytes, list[Any]],
    docnum: int,
    text: str,
    terms: dict[str, bytes],
    term_of: Callable[[str], bytes],
    with_chars: bool,
    boost: float,
    stored_length: Callable[[int], Any],
) -> int:
    """Add the postings of one text; return its length in terms.

    ``terms`` maps a word, as the text writes it, to its term (``b""`` for a word
    that is not indexed); ``term_of(word)`` gives the term of a word not in it yet.
    Every term of the text gets one posting appended to ``postings[term]`` as four
    values: the document number, the weight (occurrences times ``boost``), the
    encoded positions (position, start, end per occurrence when ``with_chars``,
    else the positions alone, as native unsigned ints) and the length as
    ``stored_length`` gives it. A word's position is its place among the words.

    Each term's occurrences are written as they come into a ``BytesWriter``
    (librt, mypyc's runtime library), whose bytes are then the posting's value:
    compiled, the numbers are never Python ints. As a list of ints per term, packed
    at the end (``struct`` for one occurrence, an ``array`` for more), each offset
    was an int object made and freed, and the loop over a text's terms a third of
    this function's time (the same postings, a third less time in all:
    467 -> 309 ns a word over 3,000 articles of the 50,000-article corpus).
    """
    seen: dict[bytes, BytesWriter] = {}
    indexed = 0
    pos = 0
    offset = 0  # where the chunk starts
    # Most of a text is words between single spaces. No match of the pattern takes in
    # a space, so the text's words are those of its chunks between spaces, found
    # chunk by chunk; a chunk of letters and digits alone (str.isalnum: the pattern's
    # \w but "_") is one word, without the pattern, and so is one with a mark after it
    # (86% and 7% of the chunks of news text); the pattern splits the rest.
    for chunk in text.split(" "):
        if chunk.isalnum():
            indexed += _hit(seen, terms, term_of, chunk, pos, offset, with_chars)
            pos += 1
        elif chunk[:-1].isalnum() and chunk[-1] not in "_*":
            # a word and a mark after it ("said," "time."): the mark is no word
            # character, and a dot ends a word that no word character follows
            indexed += _hit(seen, terms, term_of, chunk[:-1], pos, offset, with_chars)
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
                indexed += _hit(seen, terms, term_of, word, pos, start, with_chars)
                pos += 1
                end += len(parts[i + 1])
                i += 2
        offset += len(chunk) + 1
    if not indexed:
        return 0
    stored = stored_length(indexed)
    doc: object = docnum  # (made an int object once, not once per posting)
    size = 12 if with_chars else 4  # the bytes of one occurrence
    for term, hits in seen.items():
        freq = len(hits) // size
        value = hits.getvalue() if _LITTLE else _swapped(hits.getvalue())
        weight: Any = _WEIGHTS[freq] if boost == 1.0 and freq < 64 else freq * boost
        existing = postings.get(term)
        if existing is None:
            postings[term] = [doc, weight, value, stored]
        else:
            existing.append(doc)
            existing.append(weight)
            existing.append(value)
            existing.append(stored)
    return indexed


def _swapped(data: bytes) -> bytes:
    """Little-endian 32-bit ints in the machine's order (a big-endian machine's)."""
    values = array("I")
    values.frombytes(data)
    values.byteswap()
    return values.tobytes()


def _hit(
    seen: dict[bytes, BytesWriter],
    terms: dict[str, bytes],
    term_of: Callable[[str], bytes],
    word: str,
    pos: int,
    start: int,
    with_chars: bool,
) -> int:
    """Note the word at ``pos`` (starting at character ``start``); 1 if it is indexed.

    (An article is at most a few MB: its offsets fit in 31 bits.)"""
    term = terms.get(word)
    if term is None:
        term = term_of(word)
        terms[word] = term
    if not term:
        return 0
    hits = seen.get(term)
    if hits is None:
        hits = seen[term] = BytesWriter()
    write_i32_le(hits, i32(pos))
    if with_chars:
        write_i32_le(hits, i32(start))
        write_i32_le(hits, i32(start + len(word)))
    return 1
