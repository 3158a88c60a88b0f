"""The documents a query matches, unranked, read from the posting blocks.

Counting (facets, the timeline, saved searches) needs only which documents match,
not how well. Whoosh's ``docs_for_query`` walks its matchers a posting at a time
in Python, and checks a phrase's positions through span objects document by
document: 60-150 ms at 50,000 articles for a common word or a phrase. Here each
term's posting list is read a block at a time (:func:`tui.index.blocks.term_postings`),
the boolean operators are set operations over document numbers, and a phrase
intersects its words' documents before it decodes any position.

The result is the one Whoosh gives (tests/test_matching.py compares the two on
random queries over real indexes). Each kind of query not handled here (a date
range, a phrase with slop, a span query) is handed to Whoosh, for its part of
the query only; so is a whole segment this module cannot read.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence
from typing import Any

from tui.index import whoosh_imports  # noqa: F401 - first: Whoosh without two modules it never uses

# isort: split
from whoosh.query import (
    And,
    AndMaybe,
    AndNot,
    DisjunctionMax,
    MultiTerm,
    Not,
    NullQuery,
    Or,
    Phrase,
    Require,
    Term,
)

from tui.index.blocks import term_postings
from tui.index.schema import PackedCharacters, PackedPositions
from tui.index.segment import expanded_words
from tui.index.segment_files import deleted_numbers

DocSet = set[int] | list[int]  # a list: ascending, no repeats (a term's documents)

#: Whether counting reads matches here (else through Whoosh's ``docs_for_query``).
#: Only bench/search_bench.py turns it off, to time both in the same run.
ENABLED = True


def matching_docs(searcher: Any, query: Any) -> list[int]:
    """The searcher's live document numbers that ``query`` matches, ascending: the
    numbers ``sorted(searcher.docs_for_query(query))`` gives."""
    if not ENABLED:
        return sorted(searcher.docs_for_query(query))
    out: list[int] = []
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        try:
            docs = _Segment(leaf, reader).docs(query)
        except _Unreadable:
            docs = set(query.docs(leaf))
        found = docs if isinstance(docs, list) else sorted(docs)
        if reader.has_deletions():
            deleted = deleted_numbers(reader)
            found = [d for d in found if d not in deleted]
        out += [d + offset for d in found] if offset else found
    return out


class _Unreadable(Exception):
    """The segment's postings are not in the layout :mod:`tui.index.blocks` reads."""


class _Segment:
    """Evaluates queries over one segment (local document numbers)."""

    def __init__(self, searcher: Any, reader: Any) -> None:
        self.searcher = searcher
        self.reader = reader
        self.schema = reader.schema
        self._postings: dict[tuple[str, Any], tuple[list[int], dict[int, bytes]]] = {}

    def docs(self, q: Any) -> DocSet:
        """The documents of the segment ``q`` matches (deleted ones may be among them)."""
        kind = type(q)
        if kind is Term:
            return self.term(q.fieldname, q.text)
        if kind is Phrase and q.slop == 1:
            return self.phrase(q)
        if isinstance(q, MultiTerm) and q.field() in self.schema:
            words = [w for w in expanded_words(q, self.reader) if w]
            return self.union([self.term(q.field(), w) for w in words])
        if kind in (Or, DisjunctionMax) and not getattr(q, "minmatch", 0):
            return self.union([self.docs(sub) for sub in q.subqueries])
        if kind is And or kind is Require:
            return self.intersection([self.docs(sub) for sub in q.children()])
        if kind is AndNot:
            positive = self.docs(q.a)
            if not positive:
                return []
            return _as_set(positive) - _as_set(self.docs(q.b))
        if kind is AndMaybe:
            return self.docs(q.a)
        if kind is Not:
            every = set(range(self.reader.doc_count_all()))
            return every - _as_set(self.docs(q.query))
        if q is NullQuery or kind.__name__ == "_NullQuery":
            return []
        return set(q.docs(self.searcher))  # any other kind: as Whoosh matches it

    def term(self, field: str, text: Any) -> list[int]:
        if field not in self.schema:
            return []
        found = term_postings(self.reader, field, text)
        if found is None:
            raise _Unreadable
        return found[0]

    def phrase(self, q: Any) -> DocSet:
        """Whoosh's ``Phrase`` with a slop of 1: the words at consecutive positions."""
        field = q.fieldname
        if field not in self.schema:
            return []
        fmt = self.schema[field].format
        if not q.words or not fmt or not fmt.supports("positions"):
            return set(q.docs(self.searcher))  # Whoosh's answer (or its error)
        if len(q.words) == 1:
            return self.term(field, q.words[0])
        postings = []
        for word in q.words:
            found = self.postings(field, word)
            if not found[0]:
                return []
            postings.append(found)
        # The documents with every word, the rarest word's first; then positions.
        order = sorted(range(len(postings)), key=lambda i: len(postings[i][0]))
        candidates = set(postings[order[0]][0])
        for i in order[1:]:
            candidates.intersection_update(postings[i][0])
            if not candidates:
                return []
        values = [postings[i][1] for i in order]
        decode = _decoder(fmt)
        out = set()
        for doc in candidates:
            # Where the phrase would start, by the rarest word's places; each other
            # word must be at its distance from there.
            starts = {p - order[0] for p in decode(values[0][doc])}
            for rank in range(1, len(order)):
                places = set(decode(values[rank][doc]))
                shift = order[rank]
                starts = {p for p in starts if p + shift in places}
                if not starts:
                    break
            else:
                out.add(doc)
        return out

    def postings(self, field: str, word: Any) -> tuple[list[int], dict[int, bytes]]:
        """A word's documents and each one's posting value (kept: the phrases one
        typed phrase becomes share most of their words)."""
        key = (field, word)
        found = self._postings.get(key)
        if found is None:
            read = term_postings(self.reader, field, word, values=True)
            if read is None:
                raise _Unreadable
            found = self._postings[key] = (read[0], dict(zip(read[0], read[1], strict=True)))
        return found

    @staticmethod
    def union(parts: list[DocSet]) -> DocSet:
        parts = [p for p in parts if p]
        if not parts:
            return []
        if len(parts) == 1:
            return parts[0]
        out = set(parts[0])
        for p in parts[1:]:
            out.update(p)
        return out

    @staticmethod
    def intersection(parts: list[DocSet]) -> DocSet:
        if not parts:
            return []
        if len(parts) == 1:
            return parts[0]
        parts = sorted(parts, key=len)
        if not parts[0]:
            return []
        out = set(parts[0])
        for p in parts[1:]:
            out.intersection_update(p)
            if not out:
                break
        return out


def _decoder(fmt: Any) -> Callable[[bytes], Sequence[int]]:
    """How to read the word positions out of a posting value of ``fmt``."""
    if type(fmt) is PackedCharacters:  # (position, start, end) triples
        return lambda value: array("I", value)[0::3]
    if type(fmt) is PackedPositions:
        return lambda value: array("I", value)
    return fmt.decode_positions


def _as_set(docs: DocSet) -> set[int]:
    return docs if isinstance(docs, set) else set(docs)
