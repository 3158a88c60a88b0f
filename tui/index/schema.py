"""What an index holds: the fields, the analyzers, the packed postings formats.

Documents come in as plain dicts with the keys of :data:`FIELDS` (see
:mod:`tui.index`) and go out the same way; :func:`to_whoosh` and
:func:`from_stored` translate. The analyzers and the two formats are pickled
into every index's table of contents by their dotted names, which :mod:`tui.index`
exports (``tui.index.NewsAnalyzer`` and so on), so an index opens whichever module
defines them (a test checks). The name indexes of version 8 and before gave
their analyzer, ``FastStemAnalyzer``, still unpickles: such an index opens, is
found to be of an older version, and is rebuilt.

Besides the searchable fields, each document has a ``lang`` (its language's
two-letter code) and a ``facets`` column: the few values that the counts of
:mod:`tui.index.facets` need, packed in one short record per document, so that
counting them over every match reads no stored article.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime
from functools import lru_cache, partial
from typing import Any

from tui.index import whoosh_imports  # noqa: F401 - first: Whoosh without two modules it never uses

# isort: split
from whoosh.analysis import Analyzer, Token
from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.formats import Characters, Positions

from tui.cleaning.language import language_code
from tui.index.analysis import fold, index_term, query_form, tokens

# The names without Whoosh (tui.index.fields), exported here too, as before.
from tui.index.fields import DECIDED as DECIDED
from tui.index.fields import DEFAULT_LANGUAGE as DEFAULT_LANGUAGE
from tui.index.fields import ENTITY_FIELDS as ENTITY_FIELDS
from tui.index.fields import FIELDS as FIELDS
from tui.index.fields import INDEX_NAME as INDEX_NAME
from tui.index.fields import META_NAME as META_NAME
from tui.index.fields import SCHEMA_VERSION as SCHEMA_VERSION
from tui.index.fields import TEXT_FIELDS as TEXT_FIELDS
from tui.index.fields import RawHit as RawHit
from tui.index.fields import alias_mark as alias_mark
from tui.index.fields import alias_of as alias_of
from tui.index.fields import entity_term as entity_term
from tui.index.fields import field_term as field_term
from tui.index.fields import is_decided as is_decided
from tui.index.summaries import pack_summary, term_counts
from tui.text import decoded_name

UINT = array("I").itemsize


class _Terms(dict[str, str]):
    """Terms by word, each made by ``make`` the first time it is asked for."""

    __slots__ = ("make",)

    def __init__(self, make: Callable[[str], str]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, word: str) -> str:
        term = self[word] = self.make(word)
        return term


def _folded(word: str) -> str:
    return fold(word.lower())


class _WordAnalyzer(Analyzer):
    """What the analyzers share: Whoosh's call, one loop that turns each word into a
    token with its term (from the table :meth:`table` gives), position and
    characters, and no state pickled (caches start empty; any two are equal).

    A word given whole (``tokenize=False``: a wildcard or prefix) is only folded.
    """

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._whole = _Terms(_folded)

    def table(self, query: bool) -> _Terms:
        """Each word's term, made once."""
        raise NotImplementedError

    def __getstate__(self) -> dict[str, Any]:
        return {}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._reset()

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self)

    def __hash__(self) -> int:
        return hash(type(self))

    def __call__(
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
        t.stopped = False
        t.boost = 1.0
        if tokenize:
            query = mode == "query"
            words: Iterable[tuple[str, int, int, int]] = tokens(value, query)
            terms = self.table(query)
        else:
            words, terms = [(value, 0, 0, len(value))], self._whole
        for surface, pos, start, end in words:
            t.text = terms[surface]
            if keeporiginal:
                t.original = surface
            if positions:
                t.pos = start_pos + pos
            if chars:
                t.startchar = start_char + start
                t.endchar = start_char + end
            yield t


class NewsAnalyzer(_WordAnalyzer):
    """Words to index terms by the rules of :mod:`tui.index.analysis`, in one loop.

    In the index (``mode`` other than ``"query"``) a word's term is its folded stem in
    the language set on :attr:`language` (the writer sets it per document; English
    when None), an acronym as written; each word keeps its position and characters,
    however common. In a query a word is only folded (an acronym keeps its capitals):
    the query parser's rewriting stems it for every language of the corpus. Terms
    come from per-language caches, so a word is stemmed once per build. Pickled into
    the index's schema by name.
    """

    def _reset(self) -> None:
        super()._reset()
        self.language: str | None = None
        self._terms: dict[str | None, _Terms] = {}

    def table(self, query: bool) -> _Terms:
        if query:  # a query's words, for this query only
            return _Terms(query_form)
        lang = self.language
        terms = self._terms.get(lang)
        if terms is None:
            terms = self._terms[lang] = _Terms(partial(index_term, lang=lang))
        return terms


#: The name indexes of schema version 8 and before pickled: they open, and are rebuilt.
FastStemAnalyzer = NewsAnalyzer


class FoldingAnalyzer(_WordAnalyzer):
    """Words, lower case and folded, none left out, none stemmed: the source and byline."""

    def table(self, query: bool) -> _Terms:
        return self._whole


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
        return len(valuestring) // UINT

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
        return len(valuestring) // (3 * UINT)

    def decode_weight(self, valuestring: bytes) -> float:
        return self.decode_frequency(valuestring) * self.field_boost


def make_schema() -> Schema:
    news = NewsAnalyzer()
    folding = FoldingAnalyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        path=ID(stored=True),
        title=_packed(TEXT(stored=True, analyzer=news, field_boost=2.0, multitoken_query="phrase")),
        body=_packed(
            TEXT(stored=True, analyzer=news, phrase=True, chars=True, multitoken_query="phrase")
        ),
        source=TEXT(stored=True, analyzer=folding, multitoken_query="phrase"),
        date=DATETIME(stored=True, sortable=True),
        byline=TEXT(stored=True, analyzer=folding, multitoken_query="phrase"),
        person=KEYWORD(commas=True, lowercase=True, scorable=True),
        place=KEYWORD(commas=True, lowercase=True, scorable=True),
        org=KEYWORD(commas=True, lowercase=True, scorable=True),
        lang=ID(stored=True),
        entities=STORED(),
        facets=COLUMN(VarBytesColumn()),
    )


def _packed(field: Any) -> Any:
    """Give a TEXT field the packed variant of its positions format."""
    old = field.format
    kind = PackedCharacters if isinstance(old, Characters) else PackedPositions
    field.format = kind(field_boost=old.field_boost)
    return field


def document_language(doc: dict[str, Any]) -> str:
    """The two-letter language code a document is indexed under."""
    return language_code(doc.get("lang") or doc.get("language")) or DEFAULT_LANGUAGE


#: A document's facet record as its segment had it, when a merge writes the segment
#: again (:func:`tui.index.segment_files.live_documents`): kept as it was, its names as
#: first written, where the entity fields read back from the postings are terms.
FACET_RECORD = "facets_record"


def to_whoosh(doc: dict[str, Any], counted: bool = False) -> dict[str, Any]:
    """The fields of a Dossier document as Whoosh takes them; ``counted``: each entity
    field as its terms with their mentions (:func:`tui.index.summaries.term_counts`),
    as the segment builder takes them, rather than Whoosh's comma-separated text."""
    # A file name that is not UTF-8 (and a title or source made from it) holds lone
    # surrogates, which Whoosh cannot encode: the index has them as shown.
    lang = document_language(doc)
    fields: dict[str, Any] = {
        "id": doc["id"],
        "path": decoded_name(doc["path"]),
        "title": decoded_name(doc.get("title") or ""),
        "body": doc.get("body") or "",
        "source": decoded_name(doc.get("source") or ""),
        "byline": decoded_name(doc.get("byline") or ""),
        "lang": lang,
        "entities": pack_summary(doc.get("entities") or {}),
    }
    day = None
    if doc.get("date"):
        try:
            fields["date"] = datetime.fromisoformat(doc["date"])
            day = fields["date"].toordinal()
        except ValueError:
            pass
    for name in ENTITY_FIELDS:
        names = doc.get(name)
        if names:
            if counted:
                fields[name] = term_counts(names, field_term)
            else:
                fields[name] = ",".join(filter(None, map(entity_term, names)))
    fields["facets"] = doc.get(FACET_RECORD) or pack_facets(doc, day, lang)
    return fields


# The facet record: fields apart by a unit separator, names in a field by a record
# separator (neither can be in a name: control characters become spaces).
_UNIT, _RECORD = "\x1f", "\x1e"
_CONTROLS = {c: " " for c in range(32)}
#: What tui.index.facetfile needs to split many records at once.
FACET_UNIT, FACET_NAMES = _UNIT, _RECORD
FACET_RECORD_FIELDS = ("id", "source", "day", "lang", *ENTITY_FIELDS)


def pack_facets(doc: dict[str, Any], day: int | None, lang: str) -> bytes:
    """One document's facet record: id, source, day (a proleptic ordinal), language,
    and its people, places and organisations (each named once, as first written)."""

    parts = [_facet_text(doc["id"]), _facet_text(doc.get("source")), str(day or ""), lang]
    parts += facet_names(doc)
    return _UNIT.join(parts).encode("utf-8", "surrogateescape")


def facet_names(doc: dict[str, Any]) -> list[str]:
    """The names part of a document's facet record: its people, places and
    organisations, each field's names joined (each named once, as first written)."""
    parts = []
    for name in ENTITY_FIELDS:
        seen: dict[str, None] = {}
        # (a name is in the list once per mention: each is cleaned once)
        for canonical in dict.fromkeys(doc.get(name) or ()):
            text = _name_text(canonical) if isinstance(canonical, str) else _facet_text(canonical)
            if text and text[:1] != DECIDED:
                seen.setdefault(text, None)
        parts.append(_RECORD.join(seen))
    return parts


def with_facet_names(record: bytes, names: list[str]) -> bytes:
    """A facet record with ``names`` (:func:`facet_names`) in place of the names it
    has: what :func:`pack_facets` makes of the same document with those names."""
    head = record.decode("utf-8", "surrogateescape").split(_UNIT)[:4]
    return _UNIT.join([*head, *names]).encode("utf-8", "surrogateescape")


def _facet_text(value: Any) -> str:
    """A value as a facet record holds it: control characters as spaces, runs of
    white space as one, none at the ends."""
    text = str(value or "")
    if not text.isprintable():  # (a printable text has no control character)
        text = text.translate(_CONTROLS)
    return " ".join(text.split())


#: :func:`_facet_text` of a name, once per name and process (a corpus names the same
#: people, places and organisations again and again).
_name_text = lru_cache(maxsize=1 << 16)(_facet_text)


def pack_unpacked(doc_id: str, source: str, day: int, lang: str, names: list[list[str]]) -> bytes:
    """A record as :func:`unpack_facets` reads it, packed again (its fields only)."""
    parts = [doc_id, source, str(day or ""), lang, *(_RECORD.join(n) for n in names)]
    return _UNIT.join(parts).encode("utf-8", "surrogateescape")


def unpack_facets(record: bytes) -> tuple[str, str, int, str, list[list[str]]]:
    """(id, source, day ordinal or 0, language, [people, places, organisations])."""
    parts = record.decode("utf-8", "surrogateescape").split(_UNIT)
    if len(parts) < 4 + len(ENTITY_FIELDS):
        return "", "", 0, "", [[] for _ in ENTITY_FIELDS]
    day = int(parts[2]) if parts[2] else 0
    names = [p.split(_RECORD) if p else [] for p in parts[4 : 4 + len(ENTITY_FIELDS)]]
    return parts[0], parts[1], day, parts[3], names


def from_stored(stored: dict[str, Any]) -> dict[str, Any]:
    """A Dossier document (without entity fields) from Whoosh's stored fields."""
    date = stored.get("date")
    return {
        "id": stored.get("id"),
        "path": stored.get("path"),
        "title": stored.get("title") or "",
        "body": stored.get("body") or "",
        "source": stored.get("source") or None,
        "date": date.date().isoformat() if isinstance(date, datetime) else None,
        "byline": stored.get("byline") or None,
        "lang": stored.get("lang") or None,
    }
