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
import struct
from array import array
from collections.abc import Callable
from typing import Any, Final

#: A word: word characters or ``*``, with single dots inside ("u.s", "3.5").
#: The same matches as Whoosh's default ``[\w\*]+(\.?[\w\*]+)*`` (a test checks),
#: written without the nested optional group, in half the time.
WORD = re.compile(r"[\w*]+(?:\.[\w*]+)*")
#: The same pattern as one group: ``split`` returns the words and what lies
#: between them, whose lengths give every word's offsets without a match object.
_SPLIT = re.compile(r"([\w*]+(?:\.[\w*]+)*)")

# Most terms occur once in a document: packing one value (or one triple) with
# struct costs a quarter of building an array. Same bytes as array("I").
_ONE = struct.Struct("=I").pack
_TRIPLE = struct.Struct("=III").pack
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
    """
    seen: dict[bytes, list[int]] = {}
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
    size = 3 if with_chars else 1
    for term, hits in seen.items():
        n = len(hits)
        if n == 3 and with_chars:
            value = _TRIPLE(hits[0], hits[1], hits[2])
        elif n == 1:
            value = _ONE(hits[0])
        else:
            value = array("I", hits).tobytes()
        freq = n // size
        weight: Any = _WEIGHTS[freq] if boost == 1.0 and freq < 64 else freq * boost
        existing = postings.get(term)
        if existing is None:
            postings[term] = [docnum, weight, value, stored]
        else:
            existing.append(docnum)
            existing.append(weight)
            existing.append(value)
            existing.append(stored)
    return indexed


def _hit(
    seen: dict[bytes, list[int]],
    terms: dict[str, bytes],
    term_of: Callable[[str], bytes],
    word: str,
    pos: int,
    start: int,
    with_chars: bool,
) -> int:
    """Note the word at ``pos`` (starting at character ``start``); 1 if it is indexed."""
    term = terms.get(word)
    if term is None:
        term = term_of(word)
        terms[word] = term
    if not term:
        return 0
    hits = seen.get(term)
    if hits is None:
        seen[term] = [pos, start, start + len(word)] if with_chars else [pos]
    else:
        hits.append(pos)
        if with_chars:
            hits.append(start)
            hits.append(start + len(word))
    return 1
