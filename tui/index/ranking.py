"""Ranked search in bulk: every match scored a posting list at a time, not a posting.

Whoosh ranks by walking its tree of matchers one document at a time in Python,
asking each node for its score (some 25 µs a match: 0.3 s for the 12,000
matches of ``govern*`` at 50,000 articles). Its own top-k skipping helps a lone
word only; a phrase, a prefix, ``x NOT y`` or three words still score every
match. Here the same tree of matchers, built by Whoosh for each segment as its
collector builds it, is evaluated a node at a time over whole arrays: a term's
documents and weights are read a block at a time (:func:`tui.index.blocks.term_weights`),
its BM25F scores computed with numpy from the scorer Whoosh made (the same idf,
average length and parameters, the same operations in the same order, so the
same floats), and each operator combines its children's arrays as its
``score()`` does (a union adds where both match, an intersection adds, AND NOT
keeps the left side's, a boost multiplies). The top ``k`` are then picked by
score, ties by the articles' ids (:func:`best_first`); the count of matches
comes for free.

The matcher classes are Whoosh's documented API, but some of the fields read
here are not: like :mod:`tui.index.segment`, this runs only on the release of
whoosh-reloaded pyproject.toml pins (:func:`~tui.index.segment.native_writes`).
A node of a kind not handled here (a span query other than a plain phrase, a
NOT alone, another weighting) makes :func:`ranked` return None, and the caller
asks Whoosh for that query. tests/test_ranking.py compares the two, hit by hit
and score by score, over random queries on real indexes.
"""

from __future__ import annotations

import weakref
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui.index import whoosh_imports  # noqa: F401 - first: Whoosh without two modules it never uses

# isort: split
from whoosh.matching import (
    AndMaybeMatcher,
    AndNotMatcher,
    ArrayUnionMatcher,
    DisjunctionMaxMatcher,
    FilterMatcher,
    IntersectionMatcher,
    InverseMatcher,
    NullMatcherClass,
    RequireMatcher,
    UnionMatcher,
    WrappingMatcher,
)
from whoosh.query import SpanNear2
from whoosh.scoring import BM25FScorer, WeightScorer

from tui.index.blocks import term_postings, term_weights
from tui.index.matching import _decoder
from tui.index.schema import PackedCharacters, PackedPositions
from tui.index.segment import (
    POSTING_MATCHERS,
    field_lengths,
    filter_parts,
    inverse_weight,
    native_writes,
    term_scorer,
    union_parts,
)
from tui.index.segment_files import deleted_numbers
from tui.lazy import lazy_module

Term = tuple[str, bytes]

#: Whether searches rank here (else every match through Whoosh's collector). Only
#: the comparisons turn it off (tests/test_ranking.py, bench/search_bench.py).
ENABLED = True

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")  # first used by a search: a build's parent never loads it


@dataclass
class Ranked:
    """The top hits of a query (best first) and how many documents match."""

    #: (score, the searcher's document number, the terms that matched in it, the
    #: posting values of those terms in it as read, if they were)
    hits: list[tuple[float, int, list[Term], dict[Term, bytes]]]
    total: int


#: Given document numbers (an int64 array), a key for each that does not depend on
#: the numbering: what orders hits of equal scores. Either the articles' ids, or
#: (for many documents) an int64 array of the ids' ranks.
TieKey = Callable[["np.ndarray"], "list[str] | np.ndarray"]


def best_first(
    docs: np.ndarray, scores: np.ndarray, limit: int | None, tie_key: TieKey | None
) -> tuple[np.ndarray, np.ndarray]:
    """The ``limit`` best of ``docs`` (all with None), best first.

    Documents of equal score come in the order of ``tie_key`` (by document number
    without one, as Whoosh orders them). A document's number depends on which build
    worker took it, so that the same files give the same hits in the same order,
    only the documents whose score another candidate shares are asked for a key:
    the top ``limit`` and those tied with the last of them.
    """
    if limit is not None and len(docs) > limit:
        kth = np.partition(scores, len(docs) - limit)[len(docs) - limit]  # the limit-th best
        keep = np.nonzero(scores >= kth)[0]
        docs, scores = docs[keep], scores[keep]
    rank = np.zeros(len(docs), dtype=np.int64)
    if tie_key is not None and len(docs) > 1:
        _, inverse, counts = np.unique(scores, return_inverse=True, return_counts=True)
        tied = np.flatnonzero(counts[inverse] > 1)
        if len(tied):
            got = tie_key(docs[tied])
            keys = got if isinstance(got, np.ndarray) else np.asarray(got, dtype=object)
            rank[tied[np.argsort(keys, kind="stable")]] = np.arange(len(tied))
    order = np.lexsort((docs, rank, -scores))  # best first; ties by key, then number
    if limit is not None:
        order = order[:limit]
    return docs[order], scores[order]


class _Unsupported(Exception):
    """A matcher this module does not evaluate: Whoosh ranks the query."""


def _empty() -> tuple[np.ndarray, np.ndarray]:
    """No documents, no scores (made when asked: numpy is imported on first use)."""
    return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)


def ranked(
    searcher: Any,
    query: Any,
    limit: int | None,
    check: Callable[[], None] | None = None,
    tie_key: TieKey | None = None,
) -> Ranked | None:
    """The ``limit`` best documents ``query`` matches on ``searcher`` (all, ranked,
    with None) and the number of matches: what ``searcher.search(query,
    limit=None, terms=True)`` ranks first, with the same scores. None when the
    query has a part not handled here. ``check()`` is called between segments
    (it may raise to stop the search). Equal scores are ordered by ``tie_key`` (see
    :func:`best_first`)."""
    if not ENABLED or not native_writes():  # the matchers' fields read here are 2.7.5's
        return None
    context = searcher.context(needs_current=True)
    parts_docs: list[np.ndarray] = []
    parts_scores: list[np.ndarray] = []
    segments: list[tuple[int, int, _Segment]] = []  # (offset, end, its evaluator)
    try:
        for leaf, offset in searcher.leaf_searchers():
            if check is not None:
                check()
            evaluator = _Segment(leaf.reader())
            docs, scores = evaluator.evaluate(query.matcher(leaf, context))
            parts_docs.append(docs + offset)
            parts_scores.append(scores)
            segments.append((offset, offset + leaf.reader().doc_count_all(), evaluator))
    except _Unsupported:
        return None
    docs = np.concatenate(parts_docs) if parts_docs else _empty()[0]
    scores = np.concatenate(parts_scores) if parts_scores else _empty()[1]
    total = len(docs)
    hits = []
    docs, scores = best_first(docs, scores, limit, tie_key)
    for i in range(len(docs)):
        docnum = int(docs[i])
        terms: tuple[list[Term], dict[Term, bytes]] = ([], {})
        for offset, end, evaluator in segments:
            if offset <= docnum < end:
                terms = evaluator.terms_of(docnum - offset)
                break
        hits.append((float(scores[i]), docnum, *terms))
    return Ranked(hits=hits, total=total)


#: Per segment reader (while it is open and in use), what :class:`_Segment` keeps.
_KEPT: weakref.WeakKeyDictionary[Any, dict[Any, Any]] = weakref.WeakKeyDictionary()


def _phrase_packed(values: list[list[bytes]], stride: int, count: int) -> np.ndarray:
    """Which of ``count`` documents hold the words one after another, from each
    word's packed values in each (positions first of every ``stride`` numbers):
    all documents at once, as keys of (document, where the phrase would start)."""
    found: np.ndarray | None = None
    width = len(values)
    for shift, per_doc in enumerate(values):
        flat = np.frombuffer(b"".join(per_doc), dtype=np.uint32)[0::stride].astype(np.int64)
        sizes = np.fromiter(map(len, per_doc), dtype=np.int64, count=count) // (4 * stride)
        owner = np.repeat(np.arange(count, dtype=np.int64), sizes)
        keys = (owner << 33) + flat + (width - shift)  # the start, kept above zero
        found = keys if found is None else np.intersect1d(found, keys, assume_unique=True)
        if not len(found):
            break
    keep = np.zeros(count, dtype=bool)
    if found is not None:
        keep[found >> 33] = True
    return keep


def _phrase_in(values: list[list[bytes]], decode: Callable[[bytes], Any]) -> np.ndarray:
    """As :func:`_phrase_packed`, a document at a time, positions decoded by ``decode``."""
    keep = np.zeros(len(values[0]), dtype=bool)
    for i in range(len(keep)):
        starts = set(decode(values[0][i]))
        for shift in range(1, len(values)):
            at = set(decode(values[shift][i]))
            starts = {p for p in starts if p + shift in at}
            if not starts:
                break
        else:
            keep[i] = True
    return keep


def _term_of(m: Any) -> Term | None:
    """The term of a matcher of one term's postings; None for any other matcher."""
    if not isinstance(m, POSTING_MATCHERS):
        return None
    matcher: Any = m
    term: Term | None = matcher.term()
    return term


def _holds(docs: np.ndarray, docnum: int) -> bool:
    i = int(np.searchsorted(docs, docnum))
    return i < len(docs) and int(docs[i]) == docnum


class _Segment:
    """Evaluates one segment's matcher tree: (documents ascending, their scores)."""

    def __init__(self, reader: Any) -> None:
        self.reader = reader
        self.size = reader.doc_count_all()
        #: What is worked out once per segment reader: field lengths, masks.
        self.kept: dict[Any, Any] = _KEPT.setdefault(reader, {})
        #: Each term read, with the documents of each node from it up to the root
        #: (each filled once its node is evaluated): a term matched in a hit when
        #: every one of them holds the hit, as Whoosh's matchers then stand on it.
        self.leaves: list[tuple[Term, tuple[list[np.ndarray], ...]]] = []
        self._path: list[list[np.ndarray]] = []
        #: Each term's documents and posting values as read (None: not kept), and
        #: its documents and weights as arrays.
        self.postings: dict[Term, tuple[list[int], list[bytes] | None]] = {}
        self.arrays: dict[Term, tuple[np.ndarray, np.ndarray]] = {}

    def terms_of(self, docnum: int) -> tuple[list[Term], dict[Term, bytes]]:
        """The terms matched in a document, and the posting value of each (those
        that were read)."""
        out: list[Term] = []
        values: dict[Term, bytes] = {}
        for term, path in self.leaves:
            if term not in out and all(_holds(node[0], docnum) for node in path):
                out.append(term)
                docs, kept = self.postings[term]
                if kept is not None:
                    values[term] = kept[bisect_left(docs, docnum)]
        return out, values

    def evaluate(self, m: Any) -> tuple[np.ndarray, np.ndarray]:
        node: list[np.ndarray] = []
        self._path.append(node)
        try:
            docs, scores = self._evaluate(m)
        finally:
            self._path.pop()
        node.append(docs)
        return docs, scores

    def _evaluate(self, m: Any) -> tuple[np.ndarray, np.ndarray]:
        kind = type(m)
        if _term_of(m) is not None:
            return self.term(m)
        if kind is UnionMatcher:  # a + b where both match
            (da, sa), (db, sb) = self.evaluate(m.a), self.evaluate(m.b)
            if not len(da) or not len(db):
                return (db, sb) if not len(da) else (da, sa)
            dense = self.dense(da, sa)
            dense[db] += sb  # both: a + b; b alone: 0 + b = b
            docs = np.flatnonzero(self.mask(da) | self.mask(db))
            return docs, dense[docs]
        if kind is IntersectionMatcher:  # a + b
            (da, sa), (db, sb) = self.evaluate(m.a), self.evaluate(m.b)
            keep = self.mask(db)[da]
            docs = da[keep]
            return docs, sa[keep] + self.dense(db, sb)[docs]
        if kind is DisjunctionMaxMatcher:  # the higher of a and b
            (da, sa), (db, sb) = self.evaluate(m.a), self.evaluate(m.b)
            dense = self.dense(da, sa, -np.inf)
            dense[db] = np.maximum(dense[db], sb)
            docs = np.flatnonzero(self.mask(da) | self.mask(db))
            return docs, dense[docs]
        if kind is AndNotMatcher:  # a's
            (da, sa), (db, _sb) = self.evaluate(m.a), self.evaluate(m.b)
            keep = ~self.mask(db)[da]
            return da[keep], sa[keep]
        if kind is AndMaybeMatcher:  # a + b where b matches too, else a
            (da, sa), (db, sb) = self.evaluate(m.a), self.evaluate(m.b)
            both = self.mask(db)[da]
            scores = sa.copy()
            scores[both] = sa[both] + self.dense(db, sb)[da[both]]
            return da, scores
        if kind is RequireMatcher:  # a's, where b matches too
            (da, sa), (db, _sb) = self.evaluate(m.a), self.evaluate(m.b)
            keep = self.mask(db)[da]
            return da[keep], sa[keep]
        if kind is FilterMatcher:
            docs, scores = self.evaluate(m.child)
            ids, exclude = filter_parts(m)
            keep = self.among(ids)[docs]
            if exclude:
                keep = ~keep
            return docs[keep], scores[keep] * m.boost
        if kind is WrappingMatcher:
            docs, scores = self.evaluate(m.child)
            return docs, scores * m.boost
        if kind is ArrayUnionMatcher:  # an OR of many parts where no one asks which
            return self.array_union(m)
        if kind is InverseMatcher:  # NOT x: every other document
            return self.inverse(m)
        if kind is SpanNear2.SpanNear2Matcher:
            return self.phrase(m)
        if kind is NullMatcherClass:
            return _empty()
        raise _Unsupported(kind.__name__)

    def mask(self, docs: np.ndarray) -> np.ndarray:
        out = np.zeros(self.size, dtype=bool)
        out[docs] = True
        return out

    def dense(self, docs: np.ndarray, scores: np.ndarray, fill: float = 0.0) -> np.ndarray:
        out = np.full(self.size, fill)
        out[docs] = scores
        return out

    def term(self, m: Any) -> tuple[np.ndarray, np.ndarray]:
        """A term's postings scored as its matcher's scorer scores them."""
        field, text = m.term()
        read = self.arrays.get((field, text))
        if read is None:  # (a typed phrase is several, sharing most of their words)
            found = term_weights(self.reader, field, text)
            if found is None:
                raise _Unsupported("posting layout")
            read = self.arrays[field, text] = (
                np.array(found[0], dtype=np.int64),
                np.array(found[1], dtype=np.float64),
            )
            self.postings[field, text] = (found[0], found[2])
        docs, weights = read
        self.leaves.append(((field, text), tuple(self._path)))
        scorer: Any = term_scorer(m)
        if type(scorer) is WeightScorer:
            return docs, weights
        if type(scorer) is not BM25FScorer:
            raise _Unsupported(type(scorer).__name__)
        lengths = self.lengths(field)[docs]
        if len(lengths) and not lengths.all():
            raise _Unsupported("a match with no length")  # Whoosh would fail there
        idf, avgfl, b, k1 = scorer.idf, scorer.avgfl, scorer.B, scorer.K1
        # whoosh.scoring.bm25, operation for operation.
        scores = idf * ((weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * lengths / avgfl)))
        return docs, scores

    def lengths(self, field: str) -> np.ndarray:
        """Each document's length of ``field`` as the scorer reads it (0 for none)."""
        key = ("length", field)
        found = self.kept.get(key)
        if found is None:
            read = field_lengths(self.reader, field)
            if read is None:
                raise _Unsupported("length layout")
            data, table = read
            decoded = np.array(table, dtype=np.float64)
            decoded[0] = 0
            found = self.kept[key] = decoded[np.frombuffer(data, dtype=np.uint8)]
        return found

    def among(self, ids: Any) -> np.ndarray:
        """Which of the segment's documents are in the set ``ids`` (a mask), kept
        while it is the same set (the reader's deleted documents are)."""
        key = ("among", id(ids))
        found = self.kept.get(key)
        if found is None or found[0] is not ids:
            inside = np.zeros(self.reader.doc_count_all(), dtype=bool)
            inside[np.fromiter(ids, dtype=np.int64, count=len(ids))] = True
            found = self.kept[key] = (ids, inside)
        mask: np.ndarray = found[1]
        return mask

    def array_union(self, m: Any) -> tuple[np.ndarray, np.ndarray]:
        """Whoosh's preloaded OR: each part's scores added into one array in the
        parts' order (times the boost); a document matches when its sum is over 0."""
        submatchers, scored, boost = union_parts(m)
        parts = [self.evaluate(sub) for sub in submatchers]
        docs = np.unique(np.concatenate([d for d, _ in parts])) if parts else _empty()[0]
        sums = np.zeros(len(docs))
        for part_docs, part_scores in parts:
            at = np.searchsorted(docs, part_docs)
            if scored:
                sums[at] += part_scores * boost
            else:
                sums[at] = 1
        keep = sums > 0
        return docs[keep], sums[keep]

    def inverse(self, m: Any) -> tuple[np.ndarray, np.ndarray]:
        """The documents below the matcher's limit neither missing nor matched by
        its child, each scored its weight."""
        matched, _scores = self.evaluate(m.child)
        every = np.arange(m.limit, dtype=np.int64)
        missing = m.missing
        if getattr(missing, "__self__", None) is self.reader and missing.__name__ == "is_deleted":
            gone = np.fromiter(deleted_numbers(self.reader), dtype=np.int64)
        else:
            gone = every[np.fromiter(map(missing, range(m.limit)), dtype=bool, count=m.limit)]
        keep = ~np.isin(every, gone) & ~np.isin(every, matched)
        docs = every[keep]
        return docs, np.full(len(docs), inverse_weight(m), dtype=np.float64)

    def phrase(self, m: Any) -> tuple[np.ndarray, np.ndarray]:
        """Whoosh's phrase matcher: the documents of its intersection in which the
        words stand one after another, scored as the intersection."""
        if m.slop != 1 or not m.ordered or m.mindist != 1 or m.boost != 1.0:
            raise _Unsupported("a phrase with slop")
        docs, scores = self.evaluate(m.child)
        words = []
        for sub in m.ms:
            while type(sub) is FilterMatcher and filter_parts(sub)[1]:  # deletions left out
                sub = sub.child
            term = _term_of(sub)
            if term is None:
                raise _Unsupported("a phrase of other parts")
            words.append(term)
        if len(words) < 2 or not len(docs):
            return docs, scores
        fmt = self.reader.schema[words[0][0]].format
        # Each word's posting value in each candidate document.
        values = []
        for word in words:
            read: Any = self.postings.get(word)
            if read is None or read[1] is None:
                read = term_postings(self.reader, word[0], word[1], values=True)
                if read is None:
                    raise _Unsupported("posting layout")
            at = np.searchsorted(np.asarray(read[0], dtype=np.int64), docs)
            values.append([read[1][i] for i in at.tolist()])
        stride = {PackedCharacters: 3, PackedPositions: 1}.get(type(fmt))
        if stride is None:  # another format: a document at a time
            keep = _phrase_in(values, _decoder(fmt))
        else:
            keep = _phrase_packed(values, stride, len(docs))
        return docs[keep], scores[keep]
