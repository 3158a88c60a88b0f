"""The full-text index. Every Whoosh import in Dossier is in this module.

The rest of Dossier talks to :class:`SearchIndex` with plain Python values
(dicts of fields, ids, ``(start, end)`` spans), so the engine could be swapped
without touching the library, the CLI or the app.

Documents are dicts with the keys of :data:`FIELDS`: ``id``, ``path``,
``title``, ``body``, ``source``, ``date`` (ISO string or None), ``byline``,
and one list of canonical names per entity type (``person``, ``place``,
``org``), with one entry per mention so that term frequencies count mentions.

Building uses both cores without Whoosh's multiprocess writer (which can drop
documents): worker processes prepare documents *and* write them into segments
of their own in the index folder; the parent, which holds the write lock,
commits a table of contents that lists those segments, then checks the count.
Segments are written by :class:`_SegmentBuilder` through Whoosh's own codec,
so Whoosh reads them as its own (a test compares every posting with what
Whoosh's writer produces); it skips the per-token and per-posting machinery
that made Whoosh's writer the bulk of a build.
"""

from __future__ import annotations

import gc
import json
import multiprocessing as mp
import operator
import os
import pickle
import re
import shutil
import struct
import sys
import threading
import time
from array import array
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.analysis import STOP_WORDS, Analyzer, Token
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.formats import Characters, Positions
from whoosh.lang.porter import stem as porter_stem
from whoosh.qparser import (
    FuzzyTermPlugin,
    GtLtPlugin,
    MultifieldParser,
    OrGroup,
    PhrasePlugin,
)
from whoosh.query import FuzzyTerm, NullQuery, Or, Phrase, Prefix, Term
from whoosh.system import pack_int, pack_long, pack_uint, pack_ushort
from whoosh.util.numeric import byte_to_length, length_to_byte
from whoosh.writing import SegmentWriter

from tui.terms import WORD as _WORD
from tui.terms import add_terms

#: Bump when the schema or what goes into a document changes: the index is rebuilt.
SCHEMA_VERSION = 7
ENTITY_FIELDS = ("person", "place", "org")
FIELDS = ("id", "path", "title", "body", "source", "date", "byline", *ENTITY_FIELDS)
INDEX_NAME = "MAIN"
META_NAME = "dossier-meta.json"
LOCK_TIMEOUT = 30.0
#: Longer queries take seconds to parse and run, and no one types them.
MAX_QUERY_WORDS = 100
MAX_QUERY_CHARS = 2000


class IndexBusy(Exception):
    """Another process is writing this index."""


class IndexFolderInUse(Exception):
    """The index folder holds files that are not Dossier's: nothing is deleted."""


class IndexCorrupt(Exception):
    """The index on disk cannot be read."""


class QuerySyntaxError(ValueError):
    """The query cannot be parsed; one-line message."""


class FastStemAnalyzer(Analyzer):
    """Whoosh's StemmingAnalyzer (words, lowercase, stop words, Porter stems) in one loop.

    It yields the same tokens as ``StemmingAnalyzer()`` (a test checks this) at
    about half the cost, since the four generator stages become one and stems
    come from a plain dict. It is pickled into the index's schema by name.
    """

    def __init__(self) -> None:
        self._stems: dict[str, str] = {}

    def __getstate__(self) -> dict[str, Any]:
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._stems = {}

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        stems = self._stems
        stops = STOP_WORDS
        if not tokenize:
            matches: Iterable[Any] = [_Whole(value)]
        else:
            matches = _WORD.finditer(value)
        pos = None
        for n, match in enumerate(matches):
            word = match.group(0).lower()
            if keeporiginal:
                t.original = match.group(0)
            t.boost = 1.0
            if len(word) < 2 or word in stops:
                if not removestops:
                    t.text = word
                    t.stopped = True
                    if positions:
                        t.pos = start_pos + n
                    if chars:
                        t.startchar = start_char + match.start()
                        t.endchar = start_char + match.end()
                    yield t
                continue
            stem = stems.get(word)
            if stem is None:
                stem = stems[word] = porter_stem(word)
            t.text = stem
            t.stopped = False
            if positions:
                pos = start_pos + n if pos is None else pos + 1
                t.pos = pos
            if chars:
                t.startchar = start_char + match.start()
                t.endchar = start_char + match.end()
            yield t


class _Whole:
    """A match-like object for the untokenized value."""

    def __init__(self, value: str) -> None:
        self.value = value

    def group(self, _n: int) -> str:
        return self.value

    def start(self) -> int:
        return 0

    def end(self) -> int:
        return len(self.value)


class PackedPositions(Positions):
    """Positions stored as packed unsigned ints rather than a pickled list.

    Building the index encodes one value per (term, article); ``array.tobytes``
    does that in C, where Whoosh's own format pickles a list of deltas. The
    values are a little larger and decode faster. Pickled into the schema by
    name, like the analyzer.
    """

    def encode(self, poslist: Iterable[int]) -> bytes:
        return array("I", poslist).tobytes()

    def decode_positions(self, valuestring: bytes) -> list[int]:
        values = array("I")
        values.frombytes(valuestring)
        return values.tolist()

    def decode_frequency(self, valuestring: bytes) -> int:
        return len(valuestring) // _UINT

    def decode_weight(self, valuestring: bytes) -> float:
        return self.decode_frequency(valuestring) * self.field_boost


class PackedCharacters(Characters):
    """Positions with start and end characters, as packed unsigned int triples."""

    def encode(self, poslist: Iterable[tuple[int, int, int]]) -> bytes:
        return array("I", [n for triple in poslist for n in triple]).tobytes()

    def _decode(self, valuestring: bytes) -> list[int]:
        values = array("I")
        values.frombytes(valuestring)
        return values.tolist()

    def decode_characters(self, valuestring: bytes) -> list[tuple[int, int, int]]:
        flat = self._decode(valuestring)
        return list(zip(flat[0::3], flat[1::3], flat[2::3], strict=True))

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return self._decode(valuestring)[0::3]

    def decode_frequency(self, valuestring: bytes) -> int:
        return len(valuestring) // (3 * _UINT)

    def decode_weight(self, valuestring: bytes) -> float:
        return self.decode_frequency(valuestring) * self.field_boost


_UINT = array("I").itemsize


def _schema() -> Schema:
    stem = FastStemAnalyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        path=ID(stored=True),
        title=_packed(TEXT(stored=True, analyzer=stem, field_boost=2.0)),
        body=_packed(TEXT(stored=True, analyzer=stem, phrase=True, chars=True)),
        source=TEXT(stored=True),
        date=DATETIME(stored=True, sortable=True),
        byline=TEXT(stored=True),
        person=KEYWORD(commas=True, lowercase=True, scorable=True),
        place=KEYWORD(commas=True, lowercase=True, scorable=True),
        org=KEYWORD(commas=True, lowercase=True, scorable=True),
        entities=STORED(),
    )


def _packed(field: Any) -> Any:
    """Give a TEXT field the packed variant of its positions format."""
    old = field.format
    kind = PackedCharacters if isinstance(old, Characters) else PackedPositions
    field.format = kind(field_boost=old.field_boost)
    return field


@lru_cache(maxsize=1 << 16)
def entity_term(canonical: str) -> str:
    """How a canonical entity name is stored in its field (one term per entity)."""
    return " ".join(canonical.replace(",", " ").split()).lower()


def _to_whoosh(doc: dict[str, Any]) -> dict[str, Any]:
    fields: dict[str, Any] = {
        "id": doc["id"],
        "path": doc["path"],
        "title": doc.get("title") or "",
        "body": doc.get("body") or "",
        "source": doc.get("source") or "",
        "byline": doc.get("byline") or "",
        "entities": doc.get("entities") or {},
    }
    if doc.get("date"):
        try:
            fields["date"] = datetime.fromisoformat(doc["date"])
        except ValueError:
            pass
    for name in ENTITY_FIELDS:
        names = [entity_term(n) for n in doc.get(name) or ()]
        if names:
            fields[name] = ",".join(n for n in names if n)
    return fields


def _from_stored(stored: dict[str, Any]) -> dict[str, Any]:
    date = stored.get("date")
    return {
        "id": stored.get("id"),
        "path": stored.get("path"),
        "title": stored.get("title") or "",
        "body": stored.get("body") or "",
        "source": stored.get("source") or None,
        "date": date.date().isoformat() if isinstance(date, datetime) else None,
        "byline": stored.get("byline") or None,
    }


@dataclass(frozen=True)
class RawHit:
    """One search hit, engine-neutral."""

    doc: dict[str, Any]
    score: float
    matches: tuple[tuple[int, int], ...]  # spans in the body


# ---------------------------------------------------------------------------
# Writing a batch of documents as one segment


class _SegmentBuilder:
    """Write a batch of documents straight into one new segment.

    Whoosh's ``SegmentWriter.add_document`` spends most of a build in generic
    machinery: a token object per word, a sorted pool of postings, and a
    read-back of every field length while it writes the postings. This builder
    produces the same segment (a test compares every posting with one written
    by ``SegmentWriter``) through the same codec, but keeps each field's
    postings in a dict, analyses the text fields in one loop, and knows the
    field lengths it wrote. It never takes the write lock: its caller holds it.
    """

    def __init__(self, ix: Any) -> None:
        from whoosh.codec import default_codec

        self._schema = ix.schema
        self._storage = ix.storage
        self._codec = default_codec()
        self.segment = self._codec.new_segment(self._storage, INDEX_NAME)
        self._perdoc = self._codec.per_document_writer(self._storage, self.segment)
        # field -> term -> postings as flat runs of docnum, weight, value, length
        self._postings: dict[str, dict[bytes, list[Any]]] = defaultdict(lambda: defaultdict(list))
        self._stems: dict[str, bytes] = dict.fromkeys(STOP_WORDS, b"")
        self.count = 0

    def add(self, fields: dict[str, Any]) -> None:
        schema = self._schema
        perdoc = self._perdoc
        docnum = self.count
        perdoc.start_doc(docnum)
        for name in sorted(fields):
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if field.indexed:
                postings = self._postings[name]
                if _fast_text(field) and isinstance(value, str):
                    length = self._add_text(postings, docnum, field, value)
                else:
                    items = _simple_values(name, field, value)
                    if field.scorable:
                        length = sum(item[1] for item in items)
                    # The length a reader gets back is rounded to one byte.
                    stored = _stored_length(length)
                    for tbytes, _freq, weight, vbytes in items:
                        postings[tbytes] += (docnum, weight, vbytes, stored)
            perdoc.add_field(name, field, value if field.stored else None, length)
            column = field.column_type
            if column:
                perdoc.add_column_value(name, column, field.to_column_value(value))
        perdoc.finish_doc()
        self.count += 1

    def _add_text(
        self, postings: dict[bytes, list[Any]], docnum: int, field: Any, value: str
    ) -> int:
        """``field.index(value)`` for a :class:`FastStemAnalyzer` field; returns the length.

        The same terms, positions and characters (:func:`tui.terms.add_terms`):
        the text is lowercased once, and each distinct word is stemmed once per
        build (stop words and one-letter words map to ``b""``).
        """
        low = value.lower()
        if len(low) != len(value):
            # Lowercasing changed the length (rare letters): offsets into the
            # lowercased text would be wrong, so take the analyzer's path.
            items = list(field.index(value))
            length = sum(item[1] for item in items)
            stored = _stored_length(length)
            for tbytes, _freq, weight, vbytes in items:
                postings[tbytes] += (docnum, weight, vbytes, stored)
            return length
        with_chars = isinstance(field.format, Characters)
        boost = field.format.field_boost
        return add_terms(
            postings, docnum, low, self._stems, _stem_bytes, with_chars, boost, _stored_length
        )

    def finish(self) -> Any:
        """Write the postings, close the files; return the segment (None if empty)."""
        self._perdoc.close()
        if not self.count:
            return None
        writer = self._codec.field_writer(self._storage, self.segment)
        limit = self._codec._blocklimit
        postfile, table = writer._postfile, writer._tindex
        schema = self._schema
        for name in sorted(self._postings):
            terms = self._postings[name]
            writer.start_field(name, schema[name])
            prefix = pack_ushort(writer._fieldid)
            fixedsize = schema[name].format.fixed_value_size()
            offset = postfile.tell()
            blobs, entries = [], []
            for tbytes in sorted(terms):
                blob, stats = _posting_blocks(terms[tbytes], limit, fixedsize)
                info = _TERMINFO.pack(0, *stats) + pack_long(offset) + pack_int(len(blob))
                entries.append((prefix + tbytes, info))
                blobs.append(blob)
                offset += len(blob)
            postfile.write(b"".join(blobs))
            _add_terms(table, entries)
            writer.finish_field()
        writer.close()
        self.segment.set_doc_count(self.count)
        return self.segment


#: Whoosh pickles blocks with protocol 2, which has no opcode for bytes and
#: pickles each value through a codec call; any protocol reads back the same.
_PICKLE = 4
_TERMINFO = W3TermInfo._struct
_RECORD = struct.Struct("!ii")  # the key and value lengths of a terms-table record


def _posting_blocks(
    flat: list[Any], limit: int, fixedsize: int | None
) -> tuple[bytes, tuple[Any, ...]]:
    """One term's posting blocks, and the statistics its terms-table entry holds.

    ``flat`` holds the term's postings as ``docnum, weight, value, length``
    runs of four. The bytes are those of Whoosh's W3 postings writer (blocks of
    up to ``limit`` postings: a pickled info tuple, then the pickled ids as
    deltas, weights and values), built a block at a time with slices instead
    of a posting at a time. The statistics are W3TermInfo's: total weight,
    document count, shortest and longest field length (as bytes), highest
    weight, first and last document.
    """
    parts = [WHOOSH3_HEADER_MAGIC]
    total = len(flat) // 4
    weight_sum = 0.0
    minlength: int | None = None
    maxlength = 0
    maxweight: float = 0
    for start in range(0, total, limit):
        stop = min(start + limit, total)
        ids = flat[4 * start : 4 * stop : 4]
        weights = flat[4 * start + 1 : 4 * stop : 4]
        values = flat[4 * start + 2 : 4 * stop : 4]
        lengths = flat[4 * start + 3 : 4 * stop : 4]
        count = stop - start
        first = weights[0]
        if weights.count(1.0) == count:
            mini_weights: Any = None
            weight_sum += count
        else:
            rounded = array("f", weights).tolist()  # the codec keeps float32 weights
            mini_weights = rounded[0] if weights.count(first) == count else tuple(rounded)
            weight_sum += sum(rounded)
        if b"" in values:
            values = [v for v in values if v]
        if fixedsize is None or fixedsize < 0:
            mini_values: Any = tuple(values)
        elif fixedsize == 0:
            mini_values = None
        else:
            mini_values = b"".join(values)
        if None in lengths:
            lengths = [n for n in lengths if n]
        deltas = (ids[0], *map(operator.sub, ids[1:], ids[:-1]))
        data = pickle.dumps((deltas, mini_weights, mini_values), _PICKLE)
        block_maxweight = max(0, max(weights))
        block_min = min(lengths) if lengths else None
        block_max = max(lengths) if lengths else 0
        head = pickle.dumps(
            (
                count,
                ids[-1],
                block_maxweight,
                0,  # not compressed
                length_to_byte(block_min),
                length_to_byte(block_max),
            ),
            _PICKLE,
        )
        size = len(head) + len(data)
        parts += (pack_int(-size if stop == total else size), head, data)
        if minlength is None:
            minlength = block_min
        elif block_min is not None:
            minlength = min(minlength, block_min)
        maxlength = max(maxlength, block_max)
        maxweight = max(maxweight, block_maxweight)
    stats = (
        weight_sum,
        total,
        0 if minlength is None else length_to_byte(minlength),
        length_to_byte(maxlength),
        maxweight,
        flat[0],
        flat[-4],
    )
    return b"".join(parts), stats


def _add_terms(table: Any, entries: list[tuple[bytes, bytes]]) -> None:
    """``table.add(key, value)`` for each entry of a field, with one write.

    ``table`` is the segment's OrderedHashWriter: each record is the two
    lengths, the key and the value; the writer remembers where each record
    starts, in key order and in its hash buckets.
    """
    if not entries:
        return
    dbfile = table.dbfile
    pos = dbfile.tell()
    hashfn, buckets, index = table.hashfn, table.buckets, table.index
    parts = []
    for key, value in entries:
        index.append(pos)
        h = hashfn(key)
        buckets[h & 255].append((h, pos))
        record = _RECORD.pack(len(key), len(value))
        parts += (record, key, value)
        pos += len(record) + len(key) + len(value)
    table.lastkey = entries[-1][0]
    dbfile.write(b"".join(parts))


def _fast_text(field: Any) -> bool:
    """Whether :meth:`_SegmentBuilder._add_text` can stand in for ``field.index``."""
    return isinstance(field.analyzer, FastStemAnalyzer) and type(field.format) in (
        PackedPositions,
        PackedCharacters,
    )


def _simple_values(name: str, field: Any, value: Any) -> list[tuple[bytes, int, float, bytes]]:
    """``field.index(value)``, without the analyzer pipeline for the fields that need none.

    The id and path are one term each; the entity fields hold canonical names,
    already lowercased, separated by commas, one per mention.
    """
    boost = field.format.field_boost
    if name in ("id", "path") and isinstance(value, str):
        return [(value.encode("utf-8"), 1, boost, b"")]
    if name in ENTITY_FIELDS and isinstance(value, str):
        pieces = value.split(",")
        if value != value.lower() or any(piece != piece.strip() for piece in pieces):
            pieces = [piece.strip().lower() for piece in pieces]  # not as _to_whoosh makes it
        counts = Counter(pieces)
        counts.pop("", None)
        return [(t.encode("utf-8"), n, n * boost, pack_uint(n)) for t, n in counts.items()]
    return list(field.index(value))


def _stored_length(length: int) -> int | None:
    """A field length as a reader gets it back: rounded to one byte (None for 0)."""
    return byte_to_length(length_to_byte(length)) if length else None


def _stem_bytes(word: str) -> bytes:
    """The indexed term of a lowercased word; ``b""`` for words the analyzer drops."""
    if len(word) < 2 or word in STOP_WORDS:
        return b""
    return porter_stem(word).encode("utf-8")


# ---------------------------------------------------------------------------
# Parallel build: worker side


_PROGRESS: Any = None
_WORK: Any = None


def _worker_init(progress_queue: Any, work_queue: Any) -> None:
    global _PROGRESS, _WORK
    _PROGRESS = progress_queue
    _WORK = work_queue
    # A worker lives for one build and frees everything when it exits; the
    # cyclic collector would only walk its growing postings again and again
    # (about 5% of a build's samples in perf).
    gc.disable()
    _die_with_parent()


def _die_with_parent() -> None:
    """Ask Linux to end this worker when the process that started it ends.

    A worker forked by ``dossier index`` shares the write lock's open file; if the
    parent is killed, a worker left running would keep the lock for ever.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGTERM))  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() == 1:  # the parent is already gone
        os._exit(1)


def _worker_write(
    index_dir: str, prepare: Callable[[Any], dict[str, Any] | str]
) -> tuple[Any, list[dict[str, Any]], list[str]]:
    """Prepare the items of the shared queue and write them as one new segment.

    Returns (segment, docs, errors). Each worker takes batches from the queue
    until it meets its end mark, so a worker on a busier core simply takes
    fewer. The parent holds the write lock; the segment becomes part of the
    index when the parent commits a table of contents that lists it.
    """
    ix = whoosh_index.open_dir(index_dir, indexname=INDEX_NAME)
    return _build_segment(ix, prepare, _queued_items(_WORK), _report_progress, None)


def _queued_items(queue: Any) -> Iterator[Any]:
    while (batch := queue.get()) is not None:
        yield from batch


def _report_progress(n: int) -> None:
    if _PROGRESS is not None:
        _PROGRESS.put(n)


def _build_segment(
    ix: Any,
    prepare: Callable[[Any], dict[str, Any] | str],
    items: Iterable[Any],
    progress: Callable[[int], None] | None,
    cancelled: Callable[[], bool] | None,
) -> tuple[Any, list[dict[str, Any]], list[str]]:
    # made at the first document: no files for a worker (or a batch) with none
    builder: _SegmentBuilder | None = None
    docs: list[dict[str, Any]] = []
    errors: list[str] = []
    pending = 0
    for n, item in enumerate(items, 1):
        if cancelled and n % 20 == 0 and cancelled():
            raise InterruptedError("indexing cancelled")
        doc = prepare(item)
        if isinstance(doc, str):
            errors.append(doc)
        else:
            if builder is None:
                builder = _SegmentBuilder(ix)
            builder.add(_to_whoosh(doc))
            docs.append({k: v for k, v in doc.items() if k != "body"})
        pending += 1
        if progress and pending == 25:
            progress(pending)
            pending = 0
    if progress and pending:
        progress(pending)
    return (builder.finish() if builder else None), docs, errors


@contextmanager
def _stderr_with_a_file_descriptor() -> Iterator[None]:
    """Make sure ``sys.stderr`` has a real file descriptor while processes start."""
    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        yield
        return
    saved = sys.stderr
    try:
        fallback_ok = sys.__stderr__ is not None and sys.__stderr__.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        fallback_ok = False
    with open(os.devnull, "w") as devnull:  # noqa: PTH123
        sys.stderr = sys.__stderr__ if fallback_ok else devnull
        try:
            yield
        finally:
            sys.stderr = saved


#: Items per batch that a worker takes from the queue: small enough that the
#: workers finish within a few milliseconds of each other, large enough that
#: the queue costs nothing next to the work.
_BATCH = 16


def _batches(items: Sequence[Any], size: int = _BATCH) -> list[Sequence[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


# ---------------------------------------------------------------------------


#: The names Whoosh and Dossier give the files of an index: tables of contents (and
#: their temporary copies), segment files (16-character ids), the lock, Whoosh's
#: temporary folder, and the metadata.
_INDEX_FILE = re.compile(
    rf"_{INDEX_NAME}_\d+\.toc(?:\.[\d.]+)?|{INDEX_NAME}_[a-z0-9]{{16}}\..+"
    rf"|{INDEX_NAME}_WRITELOCK|{INDEX_NAME}\.tmp|dossier-meta\.json|dossier-meta\.\d+\.tmp"
)


def _is_index_file(name: str) -> bool:
    """Whether Dossier (or Whoosh on its behalf) made a file of this name."""
    return _INDEX_FILE.fullmatch(name) is not None


class SearchIndex:
    """A Whoosh index in one folder. Thread-safe for one writer and many searches."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._ix: Any = None
        self._searcher: Any = None
        self._searcher_toc: tuple[int, int, int] | None = None
        self._lock = threading.RLock()

    # -- opening ------------------------------------------------------------

    def exists(self) -> bool:
        """Whether the folder holds an index (readable or not)."""
        try:
            return any(self.path.glob(f"_{INDEX_NAME}_*.toc"))
        except OSError:
            return False

    def meta_path(self) -> Path:
        return self.path / META_NAME

    def read_meta(self) -> dict[str, Any]:
        try:
            meta = json.loads(self.meta_path().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return meta if isinstance(meta, dict) else {}

    def write_meta(self, meta: dict[str, Any]) -> None:
        """Save ``meta`` with a record of the index's files as they are now.

        The record (generation, then size and modification time of every file
        the table of contents names) lets :meth:`open` notice a file that was
        changed or cut short behind Whoosh's back, which Whoosh itself only
        trips over, with an obscure error, in the middle of a search.
        """
        meta = {k: v for k, v in meta.items() if k not in ("store", "damaged")}
        store = self._store_record()
        if store is not None:
            meta["store"] = store
        self._write_meta_raw(meta)

    def _write_meta_raw(self, meta: dict[str, Any]) -> None:
        tmp = self.meta_path().with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(meta, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, self.meta_path())

    def mark_damaged(self, why: str) -> None:
        """Note in the metadata that the index failed a read: the next open rebuilds it."""
        meta = self.read_meta()
        meta["damaged"] = why
        try:
            self._write_meta_raw(meta)
        except OSError:
            pass

    def _store_record(self) -> dict[str, Any] | None:
        try:
            ix = whoosh_index.open_dir(str(self.path), indexname=INDEX_NAME)
            gen = int(ix.latest_generation())
            names = [f"_{INDEX_NAME}_{gen}.toc"]
            ids = {seg.segment_id() for seg in ix._segments()}
            names += [n for n in os.listdir(self.path) if n.split(".", 1)[0] in ids]
            files = {}
            for name in names:
                st = os.stat(self.path / name)
                files[name] = [st.st_size, st.st_mtime_ns]
        except Exception:  # noqa: BLE001 - no record: the check is skipped
            return None
        return {"gen": gen, "files": files}

    def _damage(self, ix: Any, meta: dict[str, Any]) -> str | None:
        """Why the index's files are not the ones committed, or None."""
        if meta.get("damaged"):
            return f"the index failed a read ({meta['damaged']})"
        store = meta.get("store")
        if not isinstance(store, dict) or store.get("gen") != ix.latest_generation():
            return None  # no record, or another process has committed since
        for name, (size, mtime) in (store.get("files") or {}).items():
            try:
                st = os.stat(self.path / name)
            except OSError:
                return f"the index is missing a file ({name})"
            if (st.st_size, st.st_mtime_ns) != (size, mtime):
                return f"an index file was changed outside Dossier ({name})"
        return None

    def open(self) -> str | None:
        """Open (or create) the index. Returns why it was rebuilt, or None.

        Raises :class:`IndexFolderInUse` rather than create an index in a folder
        that holds anything else, and OSError when the folder cannot be written.
        """
        with self._lock:
            reason = None
            if self.exists():
                try:
                    self._ix = whoosh_index.open_dir(str(self.path), indexname=INDEX_NAME)
                    self._ix.doc_count()
                    meta = self.read_meta()
                    if meta.get("schema") != SCHEMA_VERSION:
                        reason = "the index is from an older version of Dossier"
                    else:
                        reason = self._damage(self._ix, meta)
                except Exception as exc:  # noqa: BLE001 - any failure means unreadable
                    reason = f"the index was unreadable ({type(exc).__name__})"
                if reason is None:
                    return None
            self._create()
            return reason

    def _create(self, lock_timeout: float = LOCK_TIMEOUT) -> None:
        """Make an empty index, holding the write lock while the old files go."""
        self._close_searcher()
        self._ix = None
        if self.path.exists() and not self.path.is_dir():
            raise IndexFolderInUse(f"the index path {self.path} is a file, not a folder")
        self.path.mkdir(parents=True, exist_ok=True)
        names = os.listdir(self.path)
        foreign = [n for n in names if not _is_index_file(n)]
        if foreign:
            raise IndexFolderInUse(
                f"the index folder {self.path} holds other files ({foreign[0]}, ...): "
                "give an empty folder or one Dossier made"
            )
        lock = self._file_lock(lock_timeout)
        try:
            # Tables of contents first: a reader then sees no index rather than one
            # whose files are going.
            for name in sorted(os.listdir(self.path), key=lambda n: not n.endswith(".toc")):
                if name == f"{INDEX_NAME}_WRITELOCK" or not _is_index_file(name):
                    continue  # the lock is held through it
                target = self.path / name
                try:
                    if target.is_dir() and not target.is_symlink():
                        shutil.rmtree(target)
                    else:
                        target.unlink()
                except FileNotFoundError:
                    pass
            self._ix = whoosh_index.create_in(str(self.path), _schema(), indexname=INDEX_NAME)
            self.write_meta({"schema": SCHEMA_VERSION})
        finally:
            lock.release()

    def _file_lock(self, timeout: float) -> Any:
        """Whoosh's write lock on the folder, taken directly (the index may be unreadable)."""
        from whoosh.filedb.filestore import FileStorage

        lock = FileStorage(str(self.path)).lock(f"{INDEX_NAME}_WRITELOCK")
        deadline = time.monotonic() + timeout
        while not lock.acquire(blocking=False):
            if time.monotonic() >= deadline:
                raise IndexBusy("another Dossier is updating this index")
            time.sleep(0.1)
        return lock

    def drop(self, lock_timeout: float = LOCK_TIMEOUT) -> None:
        """Delete the index (taking the write lock first, so no writer is cut off)."""

        with self._lock:
            self._close_searcher()
            self._ix = None
            self._create(lock_timeout)

    @property
    def ix(self) -> Any:
        if self._ix is None:
            self.open()
        return self._ix

    def generation(self) -> int:
        """Changes with every commit (by this or another process)."""
        return int(self.ix.latest_generation())

    def doc_count(self) -> int:
        return self.ix.doc_count()

    # -- writing ------------------------------------------------------------

    def write(
        self,
        *,
        delete: Iterable[str] = (),
        prepare: Callable[[Any], dict[str, Any] | str],
        items: Sequence[Any],
        workers: int = 1,
        progress: Callable[[int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        lock_timeout: float = LOCK_TIMEOUT,
    ) -> tuple[list[dict[str, Any]], list[str]]:
        """Delete documents by id, then prepare and add ``items``; one commit.

        ``prepare(item)`` returns a document dict or a one-line error string.
        Returns the added documents (without bodies) and the errors. Raises
        :class:`IndexBusy` when another process keeps the lock past
        ``lock_timeout`` seconds, and ``InterruptedError`` when cancelled.
        """
        from whoosh.index import LockError

        with self._lock:
            try:
                writer = SegmentWriter(self.ix, timeout=lock_timeout, delay=0.25)
            except LockError:
                raise IndexBusy("another Dossier is updating this index") from None
            try:
                deleted = set(delete)
                for doc_id in deleted:
                    writer.delete_by_term("id", doc_id)
                items = list(items)
                parallel = None
                if workers > 1 and len(items) >= 200:
                    try:
                        parallel = self._write_parallel(
                            prepare, items, workers, progress, cancelled
                        )
                    except (OSError, ValueError, BrokenProcessPool):
                        # Worker processes cannot be started here: index in
                        # this process instead (the writer has added nothing yet).
                        parallel = None
                if parallel is not None:
                    docs, errors, segments = parallel
                else:
                    segment, docs, errors = _build_segment(
                        self.ix, prepare, items, progress, cancelled
                    )
                    segments = [segment] if segment is not None else []
                expected = self.ix.doc_count() - self._deleted_live(writer, deleted)
                # Small old segments are merged into the writer's own segment;
                # the new ones join as they are.
                finalsegments = writer._merge_segments(None, False, True)
                if writer._added:
                    finalsegments.append(writer._finalize_segment())
                else:
                    writer._close_segment()
                finalsegments += segments
                writer._commit_toc(finalsegments)
                writer._finish()
            except BaseException:
                writer.cancel()
                raise
            self._close_searcher()
            self._ix = whoosh_index.open_dir(str(self.path), indexname=INDEX_NAME)
            actual = self._ix.doc_count()
            if actual != expected + len(docs):
                raise IndexCorrupt(
                    f"the index holds {actual} documents, expected {expected + len(docs)}"
                )
            return docs, errors

    def _deleted_live(self, writer: Any, ids: set[str]) -> int:
        # How many live documents the deletions removed (for the count check).
        if not ids:
            return 0
        with self.ix.searcher() as s:
            return sum(1 for i in ids if s.document_number(id=i) is not None)

    def _write_parallel(self, prepare, items, workers, progress, cancelled):  # type: ignore[no-untyped-def]
        # From a thread (the app), fork is unsafe: a fork server starts the workers.
        ctx = mp.get_context("forkserver" if threading.active_count() > 1 else "fork")
        if ctx.get_start_method() == "forkserver":
            # The fork server imports the code a worker runs once; each worker
            # then starts from it instead of importing it again (~1 s apiece).
            ctx.set_forkserver_preload([getattr(prepare, "__module__", __name__), __name__])
        docs: list[dict[str, Any]] = []
        errors: list[str] = []
        segments: list[Any] = []
        batches = _batches(items)
        workers = min(workers, len(batches))
        with _stderr_with_a_file_descriptor():
            # Starting the fork server and its resource tracker hands them
            # sys.stderr's file descriptor: under Textual, which captures
            # stderr, there is none, and the start would fail.
            progress_queue = ctx.SimpleQueue() if ctx.get_start_method() == "fork" else ctx.Queue()
            # Work is shared out as it goes rather than split up front: on a
            # shared machine one core is often slower than the other.
            work_queue = ctx.Queue()
            for batch in batches:
                work_queue.put(batch)
            for _ in range(workers):
                work_queue.put(None)
            pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=ctx,
                initializer=_worker_init,
                initargs=(progress_queue, work_queue),
            )
            futures = [pool.submit(_worker_write, str(self.path), prepare) for _ in range(workers)]
        with pool:
            while True:
                done = all(f.done() for f in futures)
                while not progress_queue.empty():
                    n = progress_queue.get()
                    if progress:
                        progress(n)
                if done:
                    break
                if cancelled and cancelled():
                    for f in futures:
                        f.cancel()
                    pool.shutdown(wait=True, cancel_futures=True)
                    raise InterruptedError("indexing cancelled")
                time.sleep(0.02)
            for f in futures:
                segment, chunk_docs, chunk_errors = f.result()
                if segment is not None:
                    segments.append(segment)
                docs.extend(chunk_docs)
                errors.extend(chunk_errors)
        return docs, errors, segments

    def _close_searcher(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None

    def changed_on_disk(self, since: tuple[int, int, int] | None = None) -> bool:
        """Whether the index on disk is not the one open here, or not the one there at
        ``since`` (a :meth:`toc_identity`): another copy rebuilt or replaced it, or is
        doing so now."""
        with self._lock:
            now = self.toc_identity()
            if now is None or now != since:
                return True
            return self._searcher is not None and now != self._searcher_toc

    def toc_identity(self) -> tuple[int, int, int] | None:
        return self._toc_identity()

    def _toc_identity(self) -> tuple[int, int, int] | None:
        """(generation, inode, modification time) of the newest table of contents."""
        try:
            gen = int(self.ix.latest_generation())
            st = os.stat(self.path / f"_{INDEX_NAME}_{gen}.toc")
        except Exception:  # noqa: BLE001 - no index there (now)
            return None
        return gen, st.st_ino, st.st_mtime_ns

    def searcher(self) -> Any:
        with self._lock:
            if self._searcher is None:
                self._searcher_toc = self._toc_identity()
                self._searcher = self.ix.searcher()
            else:
                toc = self._toc_identity()
                try:
                    refreshed = self._searcher.refresh()
                except TypeError:
                    # Whoosh cannot refresh a searcher of an index with no
                    # segments (an empty corpus): open a new one.
                    self._close_searcher()
                    refreshed = self.ix.searcher()
                if refreshed is not self._searcher:
                    self._searcher_toc = toc
                self._searcher = refreshed
            return self._searcher

    def close(self) -> None:
        with self._lock:
            self._close_searcher()
            self._ix = None

    def parse(self, text: str, synonyms: dict[str, dict[str, list[str]]] | None = None) -> Any:
        """Parse a query; ``synonyms`` maps field -> term -> other terms it also matches."""
        parser = MultifieldParser(["title", "body"], self.ix.schema, group=OrGroup.factory(0.9))
        parser.add_plugin(FuzzyTermPlugin())
        parser.add_plugin(GtLtPlugin())
        parser.replace_plugin(PhrasePlugin())
        # AND is the default between words, as users expect from a search box.
        from whoosh.qparser import AndGroup

        parser.group = AndGroup
        text = text.strip()
        if not text:
            raise QuerySyntaxError("empty query")
        if len(text) > MAX_QUERY_CHARS or text.count(" ") >= MAX_QUERY_WORDS:
            raise QuerySyntaxError(
                f"the query is too long: at most {MAX_QUERY_WORDS} words "
                f"and {MAX_QUERY_CHARS:,} characters"
            )
        _check_syntax(text, self.ix.schema.names())
        try:
            query = parser.parse(text)
        except Exception:  # noqa: BLE001 - the parser raises many kinds, none for users
            raise QuerySyntaxError(
                f"cannot parse query {text!r}: check quotes, brackets, fields and dates"
            ) from None
        query = _rewrite(query, synonyms or {})
        if _has_errors(query):
            raise QuerySyntaxError(
                f"cannot parse query {text!r}: check quotes, brackets and fields"
            )
        if query is NullQuery or type(query).__name__ == "_NullQuery":
            raise QuerySyntaxError(
                "nothing to search for: the query is incomplete or has only very common words"
            )
        return query

    def search(
        self,
        text: str,
        limit: int | None = 50,
        synonyms: dict[str, dict[str, list[str]]] | None = None,
    ) -> tuple[list[RawHit], int]:
        query = self.parse(text, synonyms)
        with self._lock:
            s = self.searcher()
            # Scoring every match costs less than Whoosh's block skipping plus
            # the second pass that counting the total would need (measured on
            # the BBC corpus); and optimize=False miscounts with terms=True.
            results = s.search(query, limit=None, terms=True)
            total = len(results)
            top = results[:limit] if limit else results[:]
            wanted = {hit.docnum: {t for f, t in hit.matched_terms() if f == "body"} for hit in top}
            spans = self._spans_many(s, wanted, query)
            out = []
            for hit in top:
                stored = hit.fields()
                matches = spans.get(hit.docnum, ())
                named = {(f, _term_text(t)) for f, t in hit.matched_terms() if f in ENTITY_FIELDS}
                if named:  # person:/place:/org: match names, not words: mark those
                    matches = _merged([*matches, *_entity_spans(stored, named)])
                out.append(
                    RawHit(doc=_from_stored(stored), score=float(hit.score), matches=matches)
                )
            return out, total

    def match_spans(
        self,
        text: str,
        doc_id: str,
        synonyms: dict[str, dict[str, list[str]]] | None = None,
    ) -> tuple[tuple[int, int], ...]:
        """Spans of the query's body terms in one document."""
        query = self.parse(text, synonyms)
        with self._lock:
            s = self.searcher()
            docnum = s.document_number(id=doc_id)
            if docnum is None:
                return ()
            terms = {t for f, t in query.iter_all_terms() if f == "body"}
            terms |= self._expand(s, query, docnum)
            spans = self._spans_many(s, {docnum: terms}, query).get(docnum, ())
            named = {(f, _term_text(t)) for f, t in query.iter_all_terms() if f in ENTITY_FIELDS}
            if named:
                spans = _merged([*spans, *_entity_spans(s.stored_fields(docnum), named)])
            return spans

    def _expand(self, s: Any, query: Any, docnum: int) -> set[bytes | str]:
        # Wildcard, prefix and fuzzy queries name patterns, not terms: ask which
        # of their expansions the document holds.
        found: set[bytes | str] = set()
        for sub in query.leaves():
            if getattr(sub, "fieldname", None) != "body" or isinstance(sub, (Term, Phrase)):
                continue
            try:
                for _, term in sub.expanded_terms(s.reader()):
                    found.add(term)
            except Exception:  # noqa: BLE001
                continue
        return found

    def _spans_many(
        self, s: Any, wanted: dict[int, set[Any]], query: Any = None
    ) -> dict[int, tuple[tuple[int, int], ...]]:
        """Character spans of terms in documents, from the postings (no re-tokenising).

        One pass per term over its posting list, visiting the documents in order.
        A word that the query names only inside a "phrase" is marked only where
        the phrase occurs, as one span from its first word to its last.
        """
        reader = s.reader()
        by_term: dict[str, list[int]] = defaultdict(list)
        for docnum, terms in wanted.items():
            for term in terms:
                by_term[_term_text(term)].append(docnum)
        found: dict[int, dict[str, list[tuple[int, int, int]]]] = defaultdict(dict)
        for term, docnums in by_term.items():
            try:
                m = reader.postings("body", term)
            except Exception:  # noqa: BLE001 - term not in this index
                continue
            if not m.supports("characters"):
                continue
            for docnum in sorted(docnums):
                if not m.is_active():
                    break
                if m.id() < docnum:
                    m.skip_to(docnum)
                if m.is_active() and m.id() == docnum:
                    found[docnum][term] = list(m.value_as("characters"))
        phrases, loose = _body_phrases(query)
        phrase_only = {w for words, _ in phrases for w in words} - loose
        out: dict[int, tuple[tuple[int, int], ...]] = {}
        for docnum, by_word in found.items():
            spans = {
                (a, b)
                for term, occ in by_word.items()
                if term not in phrase_only
                for _, a, b in occ
            }
            for words, slop in phrases:
                hits = _phrase_spans(by_word, words, slop)
                if hits:
                    spans.update(hits)
                else:  # not found as Whoosh found it: mark the words rather than nothing
                    spans.update((a, b) for w in words for _, a, b in by_word.get(w, ()))
            out[docnum] = _merged(spans)
        return out

    def stored_entities(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """(doc id, the stored entity summary) for every document."""
        with self._lock:
            s = self.searcher()
            for stored in s.all_stored_fields():
                yield stored["id"], stored.get("entities") or {}

    def facets(self, field: str) -> list[tuple[str, int, int]]:
        """(term, number of documents, number of mentions) for an entity field."""
        with self._lock:
            reader = self.searcher().reader()
            out = []
            for term, info in reader.iter_field(field):
                text = term.decode("utf-8") if isinstance(term, bytes) else term
                out.append((text, info.doc_frequency(), int(info.weight())))
            return out

    def ids_with_entity(self, field: str, canonical: str) -> list[str]:
        with self._lock:
            s = self.searcher()
            return [
                s.stored_fields(n)["id"]
                for n in s.docs_for_query(Term(field, entity_term(canonical)))
            ]


def _term_text(term: Any) -> str:
    return term.decode("utf-8") if isinstance(term, bytes) else str(term)


def _body_phrases(query: Any) -> tuple[list[tuple[tuple[str, ...], int]], set[str]]:
    """The body phrases of ``query`` (words, slop), and the body words it names on their own."""
    phrases: list[tuple[tuple[str, ...], int]] = []
    loose: set[str] = set()
    if query is None:
        return phrases, loose
    for leaf in query.leaves():
        if getattr(leaf, "fieldname", None) != "body":
            continue
        if isinstance(leaf, Phrase):
            words = tuple(_term_text(w) for w in leaf.words)
            if len(words) > 1:
                phrases.append((words, max(1, int(getattr(leaf, "slop", 1) or 1))))
            else:
                loose.update(words)
        elif isinstance(leaf, Term):
            loose.add(_term_text(leaf.text))
    return phrases, loose


def _entity_spans(stored: dict[str, Any], named: set[tuple[str, str]]) -> list[tuple[int, int]]:
    """Where the body names the entities ``named`` ((field, term) pairs), as it names
    them: the forms the recogniser saw in this article ("Mr Kerry", "Kerry")."""
    body = stored.get("body") or ""
    forms: set[str] = set()
    for etype, canonical, _count, seen in (stored.get("entities") or {}).values():
        if (etype, entity_term(canonical)) in named:
            forms.update(seen or (canonical,))
    spans = []
    for form in sorted(forms, key=len, reverse=True):
        pattern = re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")
        spans.extend(m.span() for m in pattern.finditer(body))
    return spans


def _merged(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """``spans`` in order, overlapping ones joined: a word inside a marked phrase is not
    marked twice."""
    out: list[tuple[int, int]] = []
    for a, b in sorted(spans):
        if out and a < out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return tuple(out)


def _phrase_spans(
    by_word: dict[str, list[tuple[int, int, int]]], words: tuple[str, ...], slop: int
) -> set[tuple[int, int]]:
    """Where ``words`` occur in order, each within ``slop`` positions of the last."""
    positions = [{pos: (a, b) for pos, a, b in by_word.get(w, ())} for w in words]
    if not all(positions):
        return set()
    spans = set()
    for pos, (start, end) in positions[0].items():
        at = pos
        for following in positions[1:]:
            nxt = next((q for q in range(at + 1, at + slop + 1) if q in following), None)
            if nxt is None:
                break
            at, end = nxt, following[nxt][1]
        else:
            spans.add((start, end))
    return spans


def _rewrite(query: Any, synonyms: dict[str, dict[str, list[str]]]) -> Any:
    """Adapt parsed queries to how the fields are indexed."""
    # `person:"Sergei Lavrov"` parses as a phrase; an entity field holds whole
    # names as single terms, so the phrase becomes one term.
    # Fuzzy terms keep their first letter (`word~2/3` asks for more): scanning
    # every term of the index is what makes fuzzy search slow.
    if isinstance(query, FuzzyTerm) and query.prefixlength == 0:
        query.prefixlength = 1
    if isinstance(query, Phrase) and query.fieldname in ENTITY_FIELDS:
        query = Term(query.fieldname, entity_term(" ".join(query.words)))
    # An entity also matches the names the library links to it ("lavrov" in
    # an article that never gives the first name, for "Sergei Lavrov").
    if isinstance(query, Term) and query.fieldname in synonyms:
        others = synonyms[query.fieldname].get(query.text, [])
        if others:
            return Or([query, *(Term(query.fieldname, o, boost=query.boost) for o in others)])
        return query
    # Text is stemmed ("negotiators" is stored as "negoti"), so `negotiat*`
    # also matches stems a few letters shorter than what was typed.
    if isinstance(query, Prefix) and query.fieldname in ("title", "body"):
        text = query.text
        shorter = [
            Term(query.fieldname, text[:k], boost=query.boost)
            for k in range(max(4, len(text) - 3), len(text))
        ]
        if shorter:
            return Or([query, *shorter])
    if hasattr(query, "subqueries"):
        query.subqueries = [_rewrite(q, synonyms) for q in query.subqueries]
    elif hasattr(query, "child"):
        query.child = _rewrite(query.child, synonyms)
    return query


_FIELD_PREFIX = re.compile(r"(?<![\w\\])(\w+):(?=\s|$|\))")
_FIELD_USE = re.compile(r"(?<![\w\\])([A-Za-z_]\w*):(?=\S)")
_TRAILING_OP = re.compile(r"(?:^|\s)(AND|OR|NOT|ANDNOT|ANDMAYBE)\s*$")


def _check_syntax(text: str, fields: Iterable[str]) -> None:
    """Raise :class:`QuerySyntaxError` for the mistakes Whoosh would silently ignore."""
    outside = re.sub(r'"[^"]*"', "Q", text)
    if text.count('"') % 2:
        raise QuerySyntaxError('unclosed quote: add a closing "')
    depth = 0
    for ch in outside:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            raise QuerySyntaxError("unbalanced parentheses: a ) has no (")
    if depth:
        raise QuerySyntaxError("unbalanced parentheses: a ( is not closed")
    if outside.count("[") != outside.count("]") or outside.count("{") != outside.count("}"):
        raise QuerySyntaxError("unclosed range: write date:[20160101 TO 20160301]")
    known = list(fields)
    m = _FIELD_PREFIX.search(outside)
    if m and m.group(1) in known:
        raise QuerySyntaxError(f"{m.group(1)}: needs a word after it, e.g. {m.group(1)}:word")
    for m in _FIELD_USE.finditer(outside):
        if m.group(1) not in known and m.group(1).lower() not in ("http", "https", "mailto"):
            names = ", ".join(f for f in known if f not in ("entities", "id", "path"))
            raise QuerySyntaxError(f"unknown field {m.group(1)}: (fields are {names})")
    m = _TRAILING_OP.search(outside)
    if m:
        raise QuerySyntaxError(f"{m.group(1)} at the end needs a word after it")
    for m in _DATE_USE.finditer(outside):
        value = m.group(1).strip("[]{}<>=")
        for part in re.split(r"\s*\bTO\b\s*", value):
            part = part.strip()
            if part and not _is_date(part):
                raise QuerySyntaxError(
                    f"{part!r} is not a date: write date:2016, date:2016-02, date:2016-02-11 "
                    "or a range, date:[2016-01-01 TO 2016-03-01]"
                )


_DATE_USE = re.compile(r"(?<![\w.])date:(\[[^\]]*\]|\{[^}]*\}|[<>]=?\S+|\S+)")
_DATE_VALUE = re.compile(r"(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?")


def _is_date(value: str) -> bool:
    """A year, year and month, or a day (2016, 2016-02, 20160211), and a real one."""
    m = _DATE_VALUE.fullmatch(value)
    if not m:
        return False
    year, month, day = (int(g) if g else None for g in m.groups())
    if not 1000 <= year <= 2999 or (month is not None and not 1 <= month <= 12):
        return False
    if day is not None:
        try:
            datetime(year, month or 1, day)
        except ValueError:
            return False
    return True


def _has_errors(query: Any) -> bool:
    if type(query).__name__ == "ErrorQuery":
        return True
    if query is NullQuery:
        return False
    return any(_has_errors(q) for q in query.children()) if hasattr(query, "children") else False
