"""Queries: the syntax checks Whoosh would skip, parsing, and rewriting for our fields.

:func:`parse_query` turns what the user typed into a Whoosh query, or raises
:class:`~tui.index.errors.QuerySyntaxError` with a one-line message for the
mistakes Whoosh would silently ignore (an unclosed quote, an unknown field, a
date that is not one). The parsed query is then adapted to how the fields are
indexed: entity phrases become single terms, linked names are added as
synonyms, fuzzy terms keep their first letter, prefixes match shorter stems.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from whoosh.qparser import (
    AndGroup,
    FuzzyTermPlugin,
    GtLtPlugin,
    MultifieldParser,
    OrGroup,
    PhrasePlugin,
)
from whoosh.query import FuzzyTerm, NullQuery, Or, Phrase, Prefix, Term

from tui.index.errors import QuerySyntaxError
from tui.index.schema import ENTITY_FIELDS, entity_term

#: Longer queries take seconds to parse and run, and no one types them.
MAX_QUERY_WORDS = 100
MAX_QUERY_CHARS = 2000


def parse_query(
    schema: Any, text: str, synonyms: dict[str, dict[str, list[str]]] | None = None
) -> Any:
    """Parse a query against ``schema``; ``synonyms`` maps field -> term -> other terms it
    also matches. :class:`QuerySyntaxError` with a one-line message when it cannot be used."""
    parser = MultifieldParser(["title", "body"], schema, group=OrGroup.factory(0.9))
    parser.add_plugin(FuzzyTermPlugin())
    parser.add_plugin(GtLtPlugin())
    parser.replace_plugin(PhrasePlugin())
    # AND is the default between words, as users expect from a search box.
    parser.group = AndGroup
    text = text.strip()
    if not text:
        raise QuerySyntaxError("empty query")
    if len(text) > MAX_QUERY_CHARS or text.count(" ") >= MAX_QUERY_WORDS:
        raise QuerySyntaxError(
            f"the query is too long: at most {MAX_QUERY_WORDS} words "
            f"and {MAX_QUERY_CHARS:,} characters"
        )
    _check_syntax(text, schema.names())
    try:
        query = parser.parse(text)
    except Exception:  # noqa: BLE001 - the parser raises many kinds, none for users
        raise QuerySyntaxError(
            f"cannot parse query {text!r}: check quotes, brackets, fields and dates"
        ) from None
    query = _rewrite(query, synonyms or {})
    if _has_errors(query):
        raise QuerySyntaxError(f"cannot parse query {text!r}: check quotes, brackets and fields")
    if query is NullQuery or type(query).__name__ == "_NullQuery":
        raise QuerySyntaxError(
            "nothing to search for: the query is incomplete or has only very common words"
        )
    return query


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
    year = int(m.group(1))
    month, day = (int(g) if g else None for g in m.groups()[1:])
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
