"""What an index holds: the fields, the analyzer, the packed postings formats.

Documents come in as plain dicts with the keys of :data:`FIELDS` (see
:mod:`tui.index`) and go out the same way; :func:`to_whoosh` and
:func:`from_stored` translate. The analyzer and the two formats are pickled
into every index's table of contents by their dotted names: an index written
when they lived in ``tui/index.py`` names them ``tui.index.FastStemAnalyzer``
and so on, which :mod:`tui.index` still exports, so such an index opens as it
is (a test checks).
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any

from whoosh.analysis import STOP_WORDS, Analyzer, Token
from whoosh.fields import DATETIME, ID, KEYWORD, STORED, TEXT, Schema
from whoosh.formats import Characters, Positions
from whoosh.lang.porter import stem as porter_stem

from tui.terms import WORD
from tui.text import decoded_name

#: Bump when the schema or what goes into a document changes: the index is rebuilt.
SCHEMA_VERSION = 8
ENTITY_FIELDS = ("person", "place", "org")
FIELDS = ("id", "path", "title", "body", "source", "date", "byline", *ENTITY_FIELDS)
INDEX_NAME = "MAIN"
META_NAME = "dossier-meta.json"

UINT = array("I").itemsize


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
        stems = self._stems
        stops = STOP_WORDS
        if not tokenize:
            matches: Iterable[Any] = [_Whole(value)]
        else:
            matches = WORD.finditer(value)
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


def to_whoosh(doc: dict[str, Any]) -> dict[str, Any]:
    """The fields of a Dossier document as Whoosh takes them."""
    # A file name that is not UTF-8 (and a title or source made from it) holds lone
    # surrogates, which Whoosh cannot encode: the index has them as shown.
    fields: dict[str, Any] = {
        "id": doc["id"],
        "path": decoded_name(doc["path"]),
        "title": decoded_name(doc.get("title") or ""),
        "body": doc.get("body") or "",
        "source": decoded_name(doc.get("source") or ""),
        "byline": decoded_name(doc.get("byline") or ""),
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
    }


@dataclass(frozen=True)
class RawHit:
    """One search hit, engine-neutral."""

    doc: dict[str, Any]
    score: float
    matches: tuple[tuple[int, int], ...]  # spans in the body
