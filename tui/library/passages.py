"""Shared passages: where a sentence, a selection or a whole article appears again.

The index keeps every article's passage fingerprints (:mod:`tui.shingles`,
stored beside the segments by :mod:`tui.index.sidecar`). A lookup fingerprints
the asking article, fetches the other articles holding any of its fingerprints,
and checks each candidate by aligning the words around the shared fingerprints
(:mod:`tui.library.alignment`: :class:`difflib.SequenceMatcher` on words): runs of
matching words joined across small gaps (a changed, added or dropped word or two)
make a match, kept when it holds at least :data:`MIN_WORDS` matching words and most
of its span matches. A fingerprint alone never makes a match, so a hash collision or a stock
phrase shorter than a passage is not reported.

Offsets are characters of the articles' bodies. Matches are reported per
sentence of the asking article: a passage is the part of one sentence that
other articles share, with the matching part of each of them, earliest first.
A part that runs to its sentence's end takes the stop and closing quotes after
its last word (and the opening quote before its first word at a sentence's
start); a part cut inside its sentence is marked where it is cut
(:attr:`Copy.excerpt`: "…"), so that a quotation shown or copied does not seem
to end mid-quote.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tui.lazy import lazy_module
from tui.library.alignment import MIN_WORDS, LowWords, align, clip, low_words, unmatched
from tui.sentences import _CLOSERS, _STOPS
from tui.text import sentence_spans

if TYPE_CHECKING:
    import numpy as np

    from tui import shingles
else:
    np = lazy_module("numpy")  # only the passage and entity lookups use it
    shingles = lazy_module("tui.shingles")  # numpy too: the app starts without it

#: A fingerprint held by more articles than this is a stock phrase: not looked up.
MAX_POSTINGS = 5000
#: Candidate articles checked for one lookup, those sharing most fingerprints first.
MAX_CANDIDATES = 400
#: Reads of one lookup made again when another process committed meanwhile: the
#: document numbers of one read are those of the next only on one searcher.
TRIES = 3


#: What may open a sentence before its first word: quotes and brackets.
_OPENERS = "\"'“‘([«"
#: What may follow a sentence's last word up to its end: stops, quotes, brackets.
_ENDERS = _STOPS + _CLOSERS + "»"
_SPACE = " \t\n\r\u00a0"


def _excerpt(text: str, cut: tuple[bool, bool]) -> str:
    head = "…" if cut[0] else ""
    if not cut[1]:
        return head + text
    return head + text.rstrip(",;:–— ") + "…"


class _Excerpted:
    text: str
    cut: tuple[bool, bool]

    @property
    def excerpt(self) -> str:
        """The text as shown and quoted: "…" where it begins or ends inside its sentence
        (a comma or colon before the cut left out)."""
        return _excerpt(self.text, self.cut)


@dataclass(frozen=True)
class Copy(_Excerpted):
    """Where a passage appears in another article."""

    id: str
    path: str
    title: str
    source: str | None
    date: str | None
    url: str | None
    start: int
    end: int
    text: str
    #: Spans (offsets into the other article's body) of its words that differ.
    differs: tuple[tuple[int, int], ...] = ()
    #: Whether ``text`` begins, ends inside its sentence (not at its start, its end).
    cut: tuple[bool, bool] = (False, False)


@dataclass(frozen=True)
class Passage(_Excerpted):
    """Part of one sentence of an article that other articles share."""

    start: int
    end: int
    text: str
    also_in: tuple[Copy, ...]
    #: Spans (offsets into this article's body) of words some copy has otherwise.
    differs: tuple[tuple[int, int], ...] = ()
    #: Whether ``text`` begins, ends inside its sentence (not at its start, its end).
    cut: tuple[bool, bool] = (False, False)


def sentence_ends(
    body: str, sentences: Sequence[tuple[int, int]], start: int, end: int
) -> tuple[int, int, tuple[bool, bool]]:
    """``start`` and ``end`` (a run of words of ``body``; ``sentences``: its sentence
    spans, in order) with what belongs to them, and whether each is cut inside its
    sentence. An end reaches its sentence's bound when only quotes, brackets and stops
    lie between; else it takes the quotes and brackets right beside it, and a quote
    that opens and closes within it is whole (not cut): ``"We will stay," he said``
    gives ``"We will stay,"``, where it ended at ``stay`` mid-quote."""
    i = max(0, bisect_right(sentences, (start, len(body) + 1)) - 1)
    j = max(0, bisect_right(sentences, (end - 1, len(body) + 1)) - 1)
    s_start = sentences[i][0] if sentences and sentences[i][0] <= start else start
    s_end = sentences[j][1] if sentences and sentences[j][1] >= end else end
    head = body[s_start:start]
    cut_before = bool(head.strip(_OPENERS + _SPACE))
    if not cut_before:
        start = s_start + len(head) - len(head.lstrip())
    else:
        while start > s_start and body[start - 1] in _OPENERS:
            start -= 1
    tail = body[end:s_end]
    if not tail.strip(_ENDERS + _SPACE):
        return start, end + len(tail.rstrip()), (cut_before, False)
    closing = _CLOSING.match(tail)
    if closing is None:
        return start, end, (cut_before, True)
    end += closing.end()
    return start, end, (cut_before, not _quote_closed(body[start:end]))


#: Quotes and brackets right after a sentence's last words, a stop or comma before them.
_CLOSING = re.compile(r"(?:[,.;:!?…]*[\"”»)\]])+")


def _quote_closed(text: str) -> bool:
    """Whether ``text`` holds a quotation (or a bracket) that opens and closes in it."""
    pairs = (("“", "”"), ("(", ")"), ("[", "]"), ("«", "»"))
    opened = text.count('"') >= 2 or any(text.count(a) for a, _ in pairs)
    even = text.count('"') % 2 == 0 and all(text.count(a) == text.count(b) for a, b in pairs)
    return opened and even


class PassageFinder:
    """Shared passages of one corpus, read from its index.

    ``index`` is the :class:`~tui.index.SearchIndex`; ``extra(path)`` gives an
    article's address (from the manifest), which the index does not store.
    """

    def __init__(self, index: Any, url_of: Callable[[str], str | None]) -> None:
        self.index = index
        self._url_of = url_of

    def _candidates(self, doc_id: str, hashes: Any, at: Any) -> dict[int, list[tuple[int, int]]]:
        """Other documents holding any of the fingerprints: docnum -> (a word, b word)."""
        from tui.index.sidecar_read import passage_postings

        loaded = self.index.sidecars(passages=True)
        which, docs, pos = passage_postings(loaded, hashes, MAX_POSTINGS)
        own = self.index.number_of(doc_id)
        if own is not None:
            keep = docs != own
            which, docs, pos = which[keep], docs[keep], pos[keep]
        if not len(docs):
            return {}
        counts = np.bincount(docs)
        # most shared first; ties by id, not by the number the build gave the article
        ranked = np.lexsort((_id_ranks(self.index, len(counts)), -counts))
        ranked = ranked[counts[ranked] > 0][:MAX_CANDIDATES]
        wanted = set(ranked.tolist())
        out: dict[int, list[tuple[int, int]]] = defaultdict(list)
        a_words = at[which].tolist()
        for a, d, b in zip(a_words, docs.tolist(), pos.tolist(), strict=True):
            if d in wanted:
                out[d].append((a, b))
        return out

    def _read(
        self, doc_id: str, hashes: Any, at: Any
    ) -> tuple[dict[int, list[tuple[int, int]]], dict[int, dict[str, Any]]]:
        """:meth:`_candidates` and the documents they store, read on one searcher: the
        sidecars, the article's number, the ids' ranks and the stored documents are
        separate reads, and another process's commit between two (a rebuild, a merge)
        numbers the documents otherwise. Then all are read again (:data:`TRIES`)."""
        seen = self.index.searcher_serial()
        for _ in range(TRIES):
            candidates = self._candidates(doc_id, hashes, at)
            stored = self.index.stored_by_number(candidates) if candidates else {}
            now = self.index.searcher_serial()
            if now == seen:
                break
            seen = now
        return candidates, stored

    def find(
        self,
        doc_id: str,
        body: str,
        start: int = 0,
        end: int | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> list[Passage]:
        """The passages of ``body`` (the article ``doc_id``) between ``start`` and ``end``
        that other articles share, one per sentence, in text order."""
        end = len(body) if end is None else end
        spans = shingles.words(body)
        starts = [s for s, _ in spans]
        ends = [e for _, e in spans]
        w_lo = bisect_right(ends, start)  # first word ending after start
        w_hi = bisect_left(starts, end)  # words starting before end
        if w_hi - w_lo <= 0:
            return []
        hashes, at = shingles.fingerprints(body)
        # shingles that overlap the range
        keep = (at + shingles.K > w_lo) & (at < w_hi)
        hashes, at = hashes[keep], at[keep]
        if not len(hashes):
            return []
        candidates, stored = self._read(doc_id, hashes, at)
        if not candidates:
            return []
        a_words = low_words(body, spans)
        # sentences of the asking article, as word ranges
        sentences = []
        body_sentences = sentence_spans(body)
        for s, e in body_sentences:
            if e <= start or s >= end:
                continue
            lo = max(w_lo, bisect_left(starts, s))
            hi = min(w_hi, bisect_left(starts, e))
            if hi > lo:
                sentences.append((lo, hi))
        per_sentence: dict[tuple[int, int], list[tuple[Copy, list[int]]]] = defaultdict(list)
        for n, (docnum, anchors) in enumerate(candidates.items()):
            if cancelled and n % 16 == 0 and cancelled():
                raise InterruptedError("cancelled")
            doc = stored.get(docnum)
            if not doc or not doc.get("body"):
                continue
            other = doc["body"]
            b_spans = shingles.words(other)
            matches = align(a_words, LowWords(other, b_spans), anchors)
            b_sentences: list[tuple[int, int]] | None = None  # read once a match is kept
            for lo, hi in sentences:
                best: list[tuple[int, int, int]] = []
                for match in matches:
                    blocks = clip(match, lo, hi)
                    if sum(x[2] for x in blocks) > sum(x[2] for x in best):
                        best = blocks
                matched = sum(x[2] for x in best)
                if not best or (matched < MIN_WORDS and matched < 0.8 * (hi - lo)):
                    continue
                b_lo, b_hi = best[0][1], best[-1][1] + best[-1][2]
                if b_sentences is None:
                    b_sentences = sentence_spans(other)
                c_start, c_end, c_cut = sentence_ends(
                    other, b_sentences, b_spans[b_lo][0], b_spans[b_hi - 1][1]
                )
                copy = Copy(
                    id=doc["id"],
                    path=doc["path"],
                    title=doc["title"],
                    source=doc["source"],
                    date=doc["date"],
                    url=self._url_of(doc["path"]),
                    start=c_start,
                    end=c_end,
                    text=other[c_start:c_end],
                    differs=tuple(b_spans[i] for i in unmatched(best, 1)),
                    cut=c_cut,
                )
                a_span = (best[0][0], best[-1][0] + best[-1][2])
                per_sentence[(lo, hi)].append((copy, [*a_span, *unmatched(best, 0)]))
        out = []
        for lo, hi in sentences:
            found = per_sentence.get((lo, hi))
            if not found:
                continue
            a_lo = min(x[1][0] for x in found)
            a_hi = max(x[1][1] for x in found)
            differing = sorted({i for _, info in found for i in info[2:]})
            p_start, p_end, p_cut = sentence_ends(
                body, body_sentences, spans[a_lo][0], spans[a_hi - 1][1]
            )
            copies = sorted((c for c, _ in found), key=_earliest)
            out.append(
                Passage(
                    start=p_start,
                    end=p_end,
                    text=body[p_start:p_end],
                    also_in=tuple(copies),
                    differs=tuple(spans[i] for i in differing),
                    cut=p_cut,
                )
            )
        return out


def _earliest(copy: Copy) -> tuple[int, str, str, str]:
    """Dated copies first, earliest first; then by title."""
    return (0 if copy.date else 1, copy.date or "", copy.title.lower(), copy.id)


@dataclass(frozen=True)
class Reused:
    """A passage found in several articles (:meth:`PassageFinder.top`)."""

    text: str
    articles: int
    ids: tuple[str, ...]  # earliest first
    passage: Passage
    id: str  # the article the text is quoted from
    copies: tuple[Copy, ...] = ()  # every article that has it, earliest first

    @property
    def excerpt(self) -> str:
        """The text as shown: "…" where it is cut inside its sentence."""
        return self.passage.excerpt


def top_passages(
    finder: PassageFinder, count: int, cancelled: Callable[[], bool] | None = None
) -> list[Reused]:
    """The passages that the most articles share, most first.

    Two fingerprints next to each other in an article stand for a run of about ten
    words; the pairs held by the most articles are taken first, each looked up as a
    passage (the sentence it lies in, in one of its articles). The fingerprints of
    a passage found are not taken again.

    The pairs' documents are numbered as the searcher of the sidecars read first
    numbers them: when another process commits before the last is read, all is read
    again on the newest searcher (:data:`TRIES` times at most).
    """
    index = finder.index
    seen = index.searcher_serial()
    for attempt in range(TRIES):
        found = _top_passages(finder, count, cancelled, seen, last=attempt == TRIES - 1)
        if found is not None:
            return found
        seen = index.searcher_serial()
    return []  # (the last attempt returns a list)


def _top_passages(
    finder: PassageFinder,
    count: int,
    cancelled: Callable[[], bool] | None,
    seen: int,
    *,
    last: bool,
) -> list[Reused] | None:
    """:func:`top_passages` on the searcher numbered ``seen``; None when another was
    opened meanwhile (unless ``last``)."""
    from tui.index.sidecar_read import live_hashes

    index = finder.index
    hashes, docs, pos = live_hashes(index.sidecars(passages=True))
    if len(hashes) < 2:
        return []
    order = np.lexsort((pos, docs))
    hashes, docs, pos = hashes[order], docs[order], pos[order]
    near = (docs[1:] == docs[:-1]) & (pos[1:] - pos[:-1] <= shingles.K + 2)
    pairs = (hashes[:-1][near].astype(np.uint64) << np.uint64(32)) | hashes[1:][near]
    pair_docs, pair_pos = docs[:-1][near], pos[:-1][near]
    if not len(pairs):
        return []
    # each pair's first article by id (its passage is the one shown), not by number
    order = np.lexsort((_id_ranks(index, int(pair_docs.max()) + 1)[pair_docs], pairs))
    pairs, pair_docs, pair_pos = pairs[order], pair_docs[order], pair_pos[order]
    fresh = np.concatenate(([True], (pairs[1:] != pairs[:-1]) | (pair_docs[1:] != pair_docs[:-1])))
    pairs, pair_docs, pair_pos = pairs[fresh], pair_docs[fresh], pair_pos[fresh]
    held, first, counts = np.unique(pairs, return_index=True, return_counts=True)
    ranked = np.argsort(-counts, kind="stable")
    ranked = ranked[counts[ranked] > 1]
    done: set[int] = set()
    found: list[Reused] = []
    for n, i in enumerate(ranked.tolist()):
        if n >= 20 * count or (len(found) >= count and counts[i] < found[-1].articles):
            break
        if cancelled and cancelled():
            raise InterruptedError("cancelled")
        pair = int(held[i])
        if pair >> 32 in done and pair & 0xFFFFFFFF in done:
            continue
        doc, word = int(pair_docs[first[i]]), int(pair_pos[first[i]])
        stored = index.stored_by_number([doc]).get(doc)
        if not last and index.searcher_serial() != seen:
            return None  # (numbered otherwise now)
        if not stored or not stored.get("body"):
            continue
        body = stored["body"]
        spans = shingles.words(body)
        if not spans:
            continue
        s, e = _sentence_of(body, spans[min(word, len(spans) - 1)][0])
        passages = finder.find(stored["id"], body, s, e)
        done.update((pair >> 32, pair & 0xFFFFFFFF))
        if not passages:
            continue
        passage = max(passages, key=lambda p: len(p.also_in))
        done.update(int(x) for x in shingles.fingerprints(passage.text)[0].tolist())
        me = Copy(
            stored["id"],
            stored["path"],
            stored["title"],
            stored["source"],
            stored["date"],
            None,
            passage.start,
            passage.end,
            passage.text,
            cut=passage.cut,
        )
        copies = sorted([me, *passage.also_in], key=_earliest)
        ids = tuple(dict.fromkeys(c.id for c in copies))
        # The same sentence reached again by a pair of fingerprints its own do not
        # cover (one running into the next sentence): listed twice, side by side.
        if any(r.ids == ids and r.text == passage.text for r in found):
            continue
        found.append(Reused(passage.text, len(ids), ids, passage, stored["id"], tuple(copies)))
        found.sort(key=lambda r: -r.articles)
    if not last and index.searcher_serial() != seen:
        return None
    return found[:count]


def _id_ranks(index: Any, size: int) -> Any:
    """Document numbers ``0 .. size - 1`` ranked by their articles' ids; by number
    beyond the index's table (a commit between the two reads)."""
    ranks = index.counts.id_ranks()
    if len(ranks) >= size:
        return ranks[:size]
    return np.concatenate((ranks, np.arange(len(ranks), size, dtype=np.int64)))


def _sentence_of(body: str, offset: int) -> tuple[int, int]:
    for s, e in sentence_spans(body):
        if s <= offset < e:
            return s, e
    return offset, min(len(body), offset + 1)
