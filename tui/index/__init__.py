"""The full-text index. Every Whoosh import in Dossier is in this package.

The rest of Dossier talks to :class:`SearchIndex` with plain Python values
(dicts of fields, ids, ``(start, end)`` spans), so the engine could be swapped
without touching the library, the CLI or the app.

Documents are dicts with the keys of :data:`FIELDS`: ``id``, ``path``,
``title``, ``body``, ``source``, ``date`` (ISO string or None), ``byline``,
and one list of canonical names per entity type (``person``, ``place``,
``org``), with one entry per mention so that term frequencies count mentions.

The modules, from the bottom up:

* :mod:`~tui.index.errors`: the exceptions, each with a one-line message;
* :mod:`~tui.index.fields`: the fields' and files' names, the entity terms, a hit
  (no Whoosh: the library and the app name them before anything is searched);
* :mod:`~tui.index.analysis`: how text becomes terms (folding, acronyms, CJK
  bigrams, stems by language), in the index and in queries;
* :mod:`~tui.index.schema`: the fields, the analyzers and packed postings formats,
  documents in and out;
* :mod:`~tui.index.postings`: a document's fields as postings, as Whoosh's
  ``field.index`` gives them, without its analyzer pipeline where none is needed;
* :mod:`~tui.index.segment`: the one module that touches Whoosh's private
  internals (private modules, ``_name`` attributes and methods of its objects):
  a segment writer on Whoosh's codec, the commit of its segments, what readers
  and matchers keep to themselves; what needs Whoosh's public API alone or no
  Whoosh lives beside it, in the module of its concern:
* :mod:`~tui.index.storage`: the folder's files made private, its write lock;
* :mod:`~tui.index.hashtable`: a terms table's hashes and slots;
* :mod:`~tui.index.blocks`: a term's posting list as bytes, encoded and read back;
* :mod:`~tui.index.segment_files`: the files of our own beside each segment, a
  segment's documents read back; :mod:`~tui.index.sidecar` (passage fingerprints
  and entity rows, written), :mod:`~tui.index.sidecar_read` (mapped, and the
  passages looked up), :mod:`~tui.index.cooccurrence` (entities named together),
  all in the format of :mod:`~tui.index.arrayfile`;
* :mod:`~tui.index.build`: building segments, in this process or in worker
  processes (the worker side of the parallel build);
* :mod:`~tui.index.folder`: the files of an index folder, the metadata, damage
  detection, the write lock;
* :mod:`~tui.index.query`: query checks, parsing and rewriting;
* :mod:`~tui.index.spans`: where a query matched, for highlighting;
* :mod:`~tui.index.matching`: the documents a query matches, from the posting blocks;
* :mod:`~tui.index.ranking`: the best hits of a query, every match scored over whole
  posting lists at once (Whoosh's own scores, in its order);
* :mod:`~tui.index.collector`: searches that stop when cancelled or too slow;
* :mod:`~tui.index.writes`: a batch deleted and added in one commit, checked after;
* :mod:`~tui.index.copying`: merged segments copied, not indexed again;
* :mod:`~tui.index.enriching`: segments written without names (*plain*, a first
  build's searchable phase) and the names added to them afterwards, by copying;
* :mod:`~tui.index.lookups`: what the index stores, looked up without a query
  (entity terms, the sidecars of shared passages);
* :mod:`~tui.index.store`: :class:`SearchIndex`, which opens, searches and owns
  the writes, lookups and counts (:mod:`~tui.index.facets`, over the tables of
  :mod:`~tui.index.facet_table`, made a segment at a time by
  :mod:`~tui.index.facet_cache`).

The analyzers and formats are pickled into every index by name, as
``tui.index.NewsAnalyzer`` and so on: those names are exported here and must stay
(``FastStemAnalyzer``, the analyzer of older indexes, too: they open, then rebuild).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.lazy import lazy_exports

if TYPE_CHECKING:
    from tui.index.errors import (
        IndexBusy,
        IndexCorrupt,
        IndexFolderInUse,
        IndexNotBuilt,
        NamesFound,
        PassagesNotReady,
        QuerySyntaxError,
        SearchCancelled,
    )
    from tui.index.fields import (
        DECIDED,
        ENTITY_FIELDS,
        FIELDS,
        INDEX_NAME,
        META_NAME,
        SCHEMA_VERSION,
        RawHit,
        alias_mark,
        entity_term,
        is_decided,
    )
    from tui.index.query import MAX_QUERY_CHARS, MAX_QUERY_WORDS
    from tui.index.schema import (
        FastStemAnalyzer,
        FoldingAnalyzer,
        NewsAnalyzer,
        PackedCharacters,
        PackedPositions,
    )
    from tui.index.store import LOCK_TIMEOUT, SearchIndex

#: Where each name lives, imported when first asked for (pickle's look-up of
#: ``tui.index.NewsAnalyzer`` too): importing the package imports no Whoosh, so that
#: the app's first frame, which names the index's errors and holds a
#: :class:`SearchIndex` unopened, pays for none of it. Each module that imports Whoosh
#: imports :mod:`~tui.index.whoosh_imports` first (tests/test_whoosh_imports.py).
_WHERE = {
    "tui.index.errors": (
        "IndexBusy IndexCorrupt IndexFolderInUse IndexNotBuilt NamesFound PassagesNotReady "
        "QuerySyntaxError SearchCancelled"
    ),
    "tui.index.query": "MAX_QUERY_CHARS MAX_QUERY_WORDS",
    "tui.index.fields": (
        "DECIDED ENTITY_FIELDS FIELDS INDEX_NAME META_NAME SCHEMA_VERSION RawHit alias_mark "
        "entity_term is_decided"
    ),
    "tui.index.schema": (
        "FastStemAnalyzer FoldingAnalyzer NewsAnalyzer PackedCharacters PackedPositions"
    ),
    "tui.index.store": "LOCK_TIMEOUT SearchIndex",
}

__getattr__ = lazy_exports(__name__, _WHERE)

__all__ = [
    "ENTITY_FIELDS",
    "FIELDS",
    "INDEX_NAME",
    "LOCK_TIMEOUT",
    "MAX_QUERY_CHARS",
    "MAX_QUERY_WORDS",
    "META_NAME",
    "NewsAnalyzer",
    "SCHEMA_VERSION",
    "FastStemAnalyzer",
    "FoldingAnalyzer",
    "IndexBusy",
    "IndexCorrupt",
    "IndexFolderInUse",
    "IndexNotBuilt",
    "NamesFound",
    "PassagesNotReady",
    "PackedCharacters",
    "PackedPositions",
    "QuerySyntaxError",
    "RawHit",
    "SearchCancelled",
    "SearchIndex",
    "DECIDED",
    "alias_mark",
    "entity_term",
    "is_decided",
]
