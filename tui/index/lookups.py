"""Lookups of what an index stores, for the entity directory and shared passages.

Not searches: the stored entity summaries, the terms of an entity field with their
counts, the documents that name an entity, and the sidecar files beside each
segment (:mod:`tui.index.sidecar`) with the stored documents their rows point to.
Each reads the current searcher of a :class:`~tui.index.SearchIndex` under its lock.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from tui.index import whoosh_imports  # noqa: F401 - first: Whoosh without two modules it never uses

# isort: split
from whoosh.query import Term

from tui.index import termfile
from tui.index.errors import PassagesNotReady
from tui.index.schema import entity_term, from_stored, is_decided
from tui.index.segment_files import deleted_numbers, leaf_segments
from tui.index.sidecar_read import Loaded, Sidecar
from tui.index.summaries import unpack_summary
from tui.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np

    from tui.index.store import SearchIndex
else:
    np = lazy_module("numpy")  # only the passage and entity lookups use it


#: Lookups of the sidecars one call makes, on the searchers of commits that other
#: processes made meanwhile (see :meth:`IndexLookups.sidecars`).
TRIES = 3


class IndexLookups:
    """What the index of a :class:`SearchIndex` stores, looked up without a query."""

    def __init__(self, index: SearchIndex) -> None:
        self.index = index
        self._open: dict[str, Sidecar] = {}  # segment id -> its sidecar, opened
        self._plain: set[str] = set()  # the plain segments among them
        #: (segment id, field) -> that segment's terms of an entity field, with counts.
        self._terms: dict[tuple[str, str], dict[str, tuple[int, float]]] = {}

    def stored_entities(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """(doc id, the stored entity summary) for every document."""
        with self.index._lock:
            s = self.index.searcher()
            for stored in s.all_stored_fields():
                yield stored["id"], unpack_summary(stored.get("entities"))

    def ids_whose_text(self, test: Callable[[str], bool]) -> set[str]:
        """The ids of the documents whose headline and body, as the entity recogniser
        reads them (``title``, two new lines, ``body``), pass ``test``: every stored
        document is read (1 s at 50,000 articles), by a reader of its own, so that
        searches meanwhile do not wait for the lock."""
        with self.index._lock:
            reader = self.index.ix.reader()
        try:
            return {
                stored["id"]
                for stored in reader.all_stored_fields()
                if test(f"{stored.get('title') or ''}\n\n{stored.get('body') or ''}")
            }
        finally:
            reader.close()

    def facets(self, field: str) -> list[tuple[str, int, int]]:
        """(term, number of documents, number of mentions) for an entity field."""
        # Summed segment by segment, as Whoosh's own reader of many segments sums them,
        # from each segment's table (:meth:`segment_terms`): asking every segment for
        # every term (as that reader does) took 1.4 s for the people of 50,000
        # articles in nine segments.
        with self.index._lock:
            reader = self.index.searcher().reader()
            totals: dict[str, tuple[int, float]] = {}
            for leaf, _ in reader.leaf_readers():
                for term, (docs, weight) in self.segment_terms(leaf, field).items():
                    had_docs, had_weight = totals.get(term, (0, 0.0))
                    totals[term] = (had_docs + docs, had_weight + weight)
            return [
                (term, docs, int(weight))
                for term, (docs, weight) in sorted(totals.items())
                if not is_decided(term)
            ]

    def segment_terms(self, leaf: Any, field: str) -> dict[str, tuple[int, float]]:
        """``{term: (documents, mentions)}`` of an entity field in one segment (its reader
        ``leaf``), deleted documents counted as Whoosh counts them.

        A segment never changes: its table is read once and kept in a file beside it
        (``MAIN_<id>.<field>.ets``, written once, removed with the segment), so that
        each command need not read every term of every segment again after an update
        (the surname links and the corpus's types ask for them)."""
        segment = leaf.segment() if hasattr(leaf, "segment") else None
        if segment is None:
            return _read_terms(leaf, field)
        key = (segment.segment_id(), field)
        got = self._terms.get(key)
        if got is None:
            path = self.index.path / segment.make_filename(termfile.extension(field))
            got = termfile.load(path)
            if got is None:
                got = _read_terms(leaf, field)
                termfile.save(path, got)
            if len(self._terms) > 256:  # segments merged away: start again
                self._terms.clear()
            self._terms[key] = got
        return got

    def terms(self, field: str) -> list[str]:
        """Every term of a field, without counts (much cheaper than :meth:`facets`)."""
        with self.index._lock:
            reader = self.index.searcher().reader()
            words = reader.lexicon(field)
            texts = (t.decode("utf-8") if isinstance(t, bytes) else t for t in words)
            return [t for t in texts if not is_decided(t)]

    def ids_with_entity(self, field: str, canonical: str) -> list[str]:
        with self.index._lock:
            s = self.index.searcher()
            return [
                s.stored_fields(n)["id"]
                for n in s.docs_for_query(Term(field, entity_term(canonical)))
            ]

    def spelled(self, field: str, term: str, tries: int = 3) -> str | None:
        """The name an entity field's ``term`` is ("donald trump" -> "Donald Trump"),
        as the first of the documents that hold it writes it in its stored summary
        (None when none of the first ``tries`` does)."""
        with self.index._lock:
            s = self.index.searcher()
            for k, n in enumerate(s.docs_for_query(Term(field, term))):
                if k >= tries:
                    break
                summary = unpack_summary(s.stored_fields(n).get("entities"))
                for etype, canonical, *_ in summary.values():
                    if etype == field and entity_term(canonical) == term:
                        return str(canonical)
        return None

    # -- beside the segments: passages and entity rows (tui.index.sidecar) -------

    def sidecars(self, passages: bool = False) -> list[Loaded]:
        """The sidecar of every segment the current searcher reads (those with
        readable files), with their document offsets and deletions.

        With ``passages`` (a lookup of shared passages), only those with their passage
        fingerprints, and :class:`PassagesNotReady` when a segment read is plain: its
        fingerprints come with its names (:mod:`tui.index.enriched`), and an answer
        without its articles would look whole. (A segment whose files are not written
        yet for another reason, a merge just committed, is left out as ever.)

        A segment's files are opened once, at the first lookup that reads it (a plain
        one's too: it never gets its fingerprints, its named copy is a new segment), and
        kept while searchers read it. Another process may commit while a lookup reads
        (its phase 2 naming a plain segment, an update merging segments away: their
        files are then removed): the lookup is made again on the searcher of that
        commit (:data:`TRIES` times at most), so that its answer is never one that
        leaves a replaced segment out, and numbers documents as the searcher that
        :meth:`stored_by_number` reads next."""
        with self.index._lock:
            s = self.index.searcher()
            for _ in range(TRIES):
                found = self._loaded(s, passages, last=False)
                newer = self.index.searcher()
                if newer is s:  # no commit since
                    if found is not None:
                        return found
                    break  # files not written yet, damaged, or a plain segment
                s = newer
            found = self._loaded(s, passages, last=True)
            assert found is not None
            return found

    def _loaded(self, s: Any, passages: bool, *, last: bool) -> list[Loaded] | None:
        """:meth:`sidecars` of searcher ``s``; None when a segment's files cannot be read
        (or, with ``passages``, a segment is plain), unless ``last``: then such a
        segment is left out (or passages are not ready)."""
        out = []
        current = set()
        for segid, offset, reader, paths in leaf_segments(s, self.index.path):
            current.add(segid)
            side = self._open.get(segid)
            if side is None:
                try:
                    side = Sidecar.open((paths[0], paths[1]), passages=False)
                except (OSError, ValueError, KeyError):
                    if not last:
                        return None
                    continue  # not written yet (a merge just committed), or damaged
                # (kept: a segment's files never change; but a segment's fingerprints
                # missing, and it not plain, may be a file not written yet)
                if side.has_passages or os.path.exists(paths[2]):  # noqa: PTH110
                    self._open[segid] = side
                    if not side.has_passages:
                        self._plain.add(segid)
            if passages and not side.has_passages:
                if not last:
                    return None
                if segid in self._plain:
                    raise PassagesNotReady("passages are found with the names")
                continue
            deleted = None
            if reader.has_deletions():
                deleted = np.zeros(reader.doc_count_all(), dtype=bool)
                deleted[list(deleted_numbers(reader))] = True
            out.append(Loaded(offset, side, deleted))
        for segid in set(self._open) - current:
            del self._open[segid]
            self._plain.discard(segid)
        return out

    def let_go_sidecar_pages(self) -> None:
        """See :meth:`Sidecar.let_go_pages`; for every sidecar opened."""
        with self.index._lock:
            opened = list(self._open.values())
        for side in opened:
            side.let_go_pages()

    def stored_by_number(self, docnums: Iterable[int]) -> dict[int, dict[str, Any]]:
        """The stored documents (with bodies) of the current searcher's document numbers."""
        with self.index._lock:
            s = self.index.searcher()
            return {n: from_stored(s.stored_fields(n)) for n in docnums}

    def number_of(self, doc_id: str) -> int | None:
        """The current searcher's document number of an id."""
        with self.index._lock:
            n = self.index.searcher().document_number(id=doc_id)
            return None if n is None else int(n)


def _read_terms(leaf: Any, field: str) -> dict[str, tuple[int, float]]:
    """Every term of ``field`` in one segment's reader, in one pass over its terms."""
    if field not in leaf.indexed_field_names():
        return {}
    out: dict[str, tuple[int, float]] = {}
    for term, info in leaf.iter_field(field):
        text = term.decode("utf-8") if isinstance(term, bytes) else term
        out[text] = (int(info.doc_frequency()), float(info.weight()))
    return out
