"""The counting side of a :class:`~tui.index.SearchIndex`: facets, days and ids of matches.

:class:`IndexCounts` counts sources, months, people, places, organisations and
languages over the documents a query matches (every document when none), from one
searcher and its facet table (:class:`~tui.index.facet_table.FacetTable`, made by
:class:`~tui.index.facet_cache.FacetCache`): the names of one person or
organisation counted as one, a name as the type the corpus gives it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from tui.index.aliases import organisation_terms
from tui.index.facet_cache import FacetCache
from tui.index.facet_table import FacetTable, person_groups
from tui.index.matching import matching_docs
from tui.index.query import within_budget
from tui.index.retype import Key, name_types, retyped
from tui.index.schema import alias_of
from tui.index.segment_files import segment_key
from tui.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np
else:
    np = lazy_module("numpy")  # counting only: a search without facets does not load it


class IndexCounts:
    """The counting side of a :class:`~tui.index.SearchIndex`: facets, days and ids over
    the matches of a query, from one searcher and its facet table."""

    def __init__(self, index: Any) -> None:
        self._index = index
        self._cache = FacetCache()
        # (key, the links, person_groups of them): made again when names are added
        self._people: tuple[Any, dict[str, str], tuple[Any, Any]] | None = None
        self._orgs: tuple[Any, dict[str, str], tuple[Any, Any]] | None = None  # likewise
        # segment -> (field, term) -> mentions, for corpus_types
        self._frequencies: dict[Any, dict[tuple[str, str], int]] = {}
        # (table, types, the table with each name counted as its corpus type)
        self._retyped: tuple[FacetTable, Mapping[Key, Key], FacetTable] | None = None
        # (table, each document number's place among the ids)
        self._id_ranks: tuple[FacetTable, Any] | None = None

    def forget(self) -> None:
        self._cache.forget()

    def _matching(self, text: str | None, synonyms: Any) -> tuple[FacetTable, list[int] | None]:
        """(The facet table, the document numbers matching ``text``: None for every
        one), of one searcher. Unscored: counting needs no ranking."""
        index = self._index
        query = index.parse(text, synonyms) if text is not None and text.strip() else None
        with index._lock:
            s = index.searcher()
            layout = self._cache.layout(s, index.path)
            docs = None if query is None else matching_docs(s, within_budget(query, s.reader()))
        # New segments' facet records are parsed here, without the index's lock: a
        # search need not wait for the first count after opening.
        return self._cache.build(layout), docs

    def facets(
        self,
        text: str | None,
        synonyms: Any = None,
        top: int = 20,
        links: dict[str, str] | None = None,
        types: Mapping[Key, Key] | None = None,
        hidden: frozenset[str] = frozenset(),
        org_links: dict[str, str] | None = None,
    ) -> dict[str, list[tuple[str, int]]]:
        """Counts of sources, months, people, places, organisations and languages over
        the matches of ``text`` (the whole corpus when None): see :class:`FacetTable`.
        ``links`` merge the names of one person (:func:`person_groups`), ``org_links``
        those of one organisation (:meth:`organisation_links`); ``types``
        (:meth:`corpus_types`) count a name as the type the corpus gives it; the
        people of ``hidden`` terms (given names alone) are not counted."""
        table, docs = self._matching(text, synonyms)
        if types:
            made = self._retyped
            if made is None or made[0] is not table or made[1] is not types:
                made = self._retyped = (table, types, retyped(table, types, table.numbers))
            table = made[2]
        people = None
        if links is not None:
            key = (id(links), len(table.names), id(types), hidden)
            cached = self._people
            if cached is None or cached[0] != key or cached[1] is not links:
                people_names = np.unique(table.entities["person"][0]).tolist()
                groups = person_groups(table.names, links, people_names, hidden)
                cached = self._people = (key, links, groups)
            people = cached[2]
        orgs = None
        if org_links:
            org_key = (id(org_links), len(table.names), id(types))
            grouped = self._orgs
            if grouped is None or grouped[0] != org_key or grouped[1] is not org_links:
                org_names = np.unique(table.entities["org"][0]).tolist()
                groups = person_groups(table.names, org_links, org_names)
                grouped = self._orgs = (org_key, org_links, groups)
            orgs = grouped[2]
        return table.counts(docs, top, people, orgs)

    def organisation_links(self) -> dict[str, str]:
        """Each organisation's term that is one of several names of one organisation
        -> the term it is counted as (:func:`tui.index.aliases.organisation_terms`)."""
        index = self._index
        bracketed: set[tuple[str, str]] = set()
        with index._lock:
            s = index.searcher()
            layout = self._cache.layout(s, index.path)
            for leaf, _ in s.leaf_searchers():
                # the acronyms written in brackets (schema.alias_mark): few terms
                for term in index.lookups.segment_terms(leaf.reader(), "org"):
                    pair = alias_of(term)
                    if pair is not None:
                        bracketed.add(pair)
        return organisation_terms(self._cache.build(layout), bracketed)

    def corpus_types(self) -> dict[Key, Key]:
        """(type, name) -> the (type, name) the corpus counts that name as, for the
        names that change (:func:`tui.index.retype.name_types`): from the facet table
        of the current searcher and the index's term frequencies."""
        index = self._index
        with index._lock:
            s = index.searcher()
            layout = self._cache.layout(s, index.path)
        table = self._cache.build(layout)
        with index._lock:
            # each segment's frequencies are kept: a segment never changes, and after
            # an update only the new ones are asked (a few thousand terms, ~1 s over
            # the eight segments of 50,000 articles when asked afresh)
            kept = self._frequencies
            now: dict[Any, dict[tuple[str, str], int]] = {}
            readers = []
            for leaf, _ in s.leaf_searchers():
                reader = leaf.reader()
                seg = segment_key(reader)
                cache = kept.get(seg, {}) if seg is not None else {}
                if seg is not None:
                    now[seg] = cache
                readers.append((reader, cache))
            self._frequencies = now

            tables: dict[tuple[int, str], dict[str, tuple[int, float]]] = {}

            def frequency(field: str, term: str) -> int:
                total = 0
                for n, (reader, cache) in enumerate(readers):
                    got = cache.get((field, term))
                    if got is None:
                        # from the segment's kept table (IndexLookups.segment_terms),
                        # asked once per segment and field: 4,000 lookups in each of ten
                        # segments cost ~0.35 s a process
                        terms = tables.get((n, field))
                        if terms is None:
                            terms = tables[n, field] = index.lookups.segment_terms(reader, field)
                        got = cache[field, term] = int(terms.get(term, (0, 0.0))[1])
                    total += got
                return total

            return name_types(table, frequency)

    def days(self, text: str | None, synonyms: Any = None) -> dict[int, int]:
        """Matches of ``text`` (every article when None) per day, as proleptic ordinals."""
        table, docs = self._matching(text, synonyms)
        return table.days(docs)

    def id_ranks(self) -> Any:
        """Each document number's place among the articles' ids, by id (an int64
        array): an order of documents that is the same whichever order the build
        numbered them in."""
        index = self._index
        with index._lock:
            return self.id_ranks_of(index.searcher())

    def id_ranks_of(self, searcher: Any) -> Any:
        """:meth:`id_ranks` for ``searcher``'s documents (the caller holds the
        index's lock). Worked out once per facet table: ordering many hits of one
        score (a filter alone, ``date:2016``) then costs an array look-up."""
        table = self._cache.build(self._cache.layout(searcher, self._index.path))
        known = self._id_ranks
        if known is not None and known[0] is table:
            return known[1]
        # (a fixed-width string array sorts by code point, as str does, ~3x faster
        # than sorting the ids as objects)
        order = np.argsort(np.array(table.ids, dtype=str), kind="stable")
        ranks = np.empty(len(order), dtype=np.int64)
        ranks[order] = np.arange(len(order), dtype=np.int64)
        self._id_ranks = (table, ranks)
        return ranks

    def ids(self, text: str | None, synonyms: Any = None) -> list[str]:
        """The ids of the articles matching ``text`` (every article when None)."""
        table, docs = self._matching(text, synonyms)
        return table.ids_of(table.all_docs() if docs is None else docs)
