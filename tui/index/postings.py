"""A document's indexed fields as postings, the way Whoosh's ``field.index`` gives them.

:class:`~tui.index.builder.SegmentBuilder` keeps each field's postings as
``term -> [docnum, weight, value, length, ...]`` (flat runs of four) and encodes
them in Whoosh's layout. :class:`FieldPostings` fills those runs from a
document's fields without Whoosh's analyzer pipeline where it is not needed:
the text fields of a :class:`~tui.index.schema.NewsAnalyzer` in one loop
(:func:`tui.terms.add_terms`, each distinct word of a language turned into its
term's number once per build, the postings written packed to the field's
:class:`~tui.terms.TermPostings`), the id, the path and the entity fields as the
terms they are. Anything else goes through ``field.index``. The two encodings of Whoosh's
it needs (a field length rounded as a reader gets it back, a frequency as a
posting value) are given by the segment module.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tui.index import whoosh_imports  # noqa: F401 - first: Whoosh without two modules it never uses

# isort: split
from whoosh.analysis import IDTokenizer
from whoosh.formats import Characters, Existence

from tui.index.analysis import has_cjk, term_bytes
from tui.index.packed import pack
from tui.index.schema import ENTITY_FIELDS, NewsAnalyzer, PackedCharacters, PackedPositions
from tui.index.summaries import name_postings
from tui.terms import Known, TermPostings, Vocabulary, Words, add_terms

#: term -> its postings as flat runs of docnum, weight, value, length
Postings = dict[bytes, list[Any]]


class FieldPostings:
    """Adds the postings of one document's field at a time.

    ``terms`` (the numbers of the words and terms) may be shared by the builders of a
    build's segments;
    ``stored_length(n)`` is a field length as a reader gets it back (None for 0)
    and ``pack_count(n)`` the posting value of a term that occurs ``n`` times.
    """

    def __init__(
        self,
        terms: Vocabulary | None,
        stored_length: Callable[[int], int | None],
        pack_count: Callable[[int], bytes],
    ) -> None:
        self.terms = Vocabulary() if terms is None else terms
        self._stored_length = stored_length
        self._pack_count = pack_count
        self._kinds: dict[str, object] = {}

    def add(
        self,
        postings: Postings | TermPostings,
        docnum: int,
        name: str,
        field: Any,
        value: Any,
        lang: Any,
    ) -> int:
        """Add the postings of ``field`` (named ``name``) holding ``value``; returns the
        field's length (0 for a field that is not scored). ``postings`` is a
        :class:`~tui.terms.TermPostings` for a field of :func:`fast_text`, else a dict."""
        kind = self._kinds.get(name)
        if kind is None:
            kind = self._kinds[name] = _kind(name, field)
        if isinstance(value, str):
            if kind is _TEXT:
                # (a scan for CJK characters is needless in a text of ASCII only)
                if isinstance(postings, TermPostings) and (value.isascii() or not has_cjk(value)):
                    words = self.terms.words.get(lang)
                    if words is None:
                        words = self.terms.words[lang] = Words()
                        words.term_of = term_bytes(lang, Known(words, self.terms))
                    chars = isinstance(field.format, Characters)
                    boost = field.format.field_boost
                    return add_terms(
                        postings, docnum, value, words, chars, boost, self._stored_length
                    )
                # Runs of CJK characters become characters and pairs of them: the
                # analyzer's path, which knows how (rare in most corpora).
                field.analyzer.language = lang
                items = list(field.index(value))
                length = sum(item[1] for item in items)
                stored = self._stored_length(length)
                for tbytes, _freq, weight, vbytes in items:
                    if isinstance(postings, TermPostings):
                        postings.add_packed(tbytes, pack([docnum, weight, vbytes, stored]))
                    else:
                        postings[tbytes] += (docnum, weight, vbytes, stored)
                return length
            if kind is _EMPTY_NONE and not value:
                return 0  # (an empty source or byline: the analyzer finds no word in it)
        items = self._simple_values(kind, field, value)
        length = sum(item[1] for item in items) if field.scorable else 0
        stored = self._stored_length(length)  # rounded to one byte, as a reader gets it
        for tbytes, _freq, weight, vbytes in items:
            if isinstance(postings, TermPostings):
                postings.add_packed(tbytes, pack([docnum, weight, vbytes, stored]))
            else:
                postings[tbytes] += (docnum, weight, vbytes, stored)
        return length

    def _simple_values(self, kind: object, field: Any, value: Any) -> list[Any]:
        """``field.index(value)``, without the analyzer pipeline for the fields that need
        none: a field of one term (the id, the path, the language) is its value; the
        entity fields hold canonical names, already lowercased, separated by commas, one
        per mention."""
        boost = field.format.field_boost
        if kind is _WHOLE and isinstance(value, str):
            return [(value.encode("utf-8"), 1, boost, b"")]
        if kind is _NAMES and isinstance(value, str):
            return name_postings(value, boost, self._pack_count)
        return list(field.index(value))


#: How :class:`FieldPostings` adds a field's value (worked out once per field name):
#: its words in one loop (:func:`fast_text`); as one term; as comma-separated entity
#: names; through ``field.index`` (which finds nothing in an empty text); through
#: ``field.index``.
_TEXT, _WHOLE, _NAMES, _EMPTY_NONE, _OTHER = (object() for _ in range(5))


def _kind(name: str, field: Any) -> object:
    if fast_text(field):
        return _TEXT
    if type(field.analyzer) is IDTokenizer and type(field.format) is Existence:
        return _WHOLE
    if name in ENTITY_FIELDS:
        return _NAMES
    try:
        return _EMPTY_NONE if not list(field.index("")) else _OTHER
    except Exception:  # noqa: BLE001 - a field that takes no text: asked each time
        return _OTHER


def fast_text(field: Any) -> bool:
    """Whether :class:`FieldPostings` adds ``field``'s terms itself (for ``str`` values)."""
    return isinstance(field.analyzer, NewsAnalyzer) and type(field.format) in (
        PackedPositions,
        PackedCharacters,
    )
