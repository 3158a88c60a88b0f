"""Queries: the syntax checks Whoosh would skip, parsing, and rewriting for our fields.

:func:`parse_query` turns what the user typed into a Whoosh query, or raises
:class:`~tui.index.errors.QuerySyntaxError` with a one-line message for the
mistakes Whoosh would silently ignore (an unclosed quote, an unknown field, a
date that is not one). The parsed query is then adapted to how the fields are
indexed: entity phrases become single terms, linked names are added as
synonyms, fuzzy terms keep their first letter, prefixes match shorter stems.

What a query may cost is bounded before it runs: a fuzzy word may be at most
:data:`MAX_FUZZY` letters off, a word may not start with a wildcard (it would
stand for every word there is), and :func:`within_budget` refuses a query whose
wildcards, prefixes, fuzzy words and ranges stand for more than
:data:`MAX_EXPANSION` words of the index, or that has more than
:data:`MAX_FUZZY_WORDS` fuzzy words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from tui.index import whoosh_imports  # noqa: F401 - first: Whoosh without two modules it never uses

# isort: split
from whoosh.qparser import (
    AndGroup,
    FuzzyTermPlugin,
    GtLtPlugin,
    MultifieldParser,
    OrGroup,
    PhrasePlugin,
)
from whoosh.query import (
    Every,
    FuzzyTerm,
    MultiTerm,
    NullQuery,
    Or,
    Phrase,
    Prefix,
    Term,
    TermRange,
    Wildcard,
)

from tui.index.errors import QuerySyntaxError
from tui.index.query_words import drop_common_words, stem_words
from tui.index.retype import NOTHING, RETYPE
from tui.index.schema import ENTITY_FIELDS, entity_term
from tui.index.segment import ExpandedTerms, expanded_words

#: Longer queries take seconds to parse and run, and no one types them (operators
#: such as OR are not counted: a hundred words joined by OR is a query).
MAX_QUERY_WORDS = 200
MAX_QUERY_CHARS = 4000
#: Letters a fuzzy word may differ by: `word~2`. Whoosh's automaton for more grows
#: without bound (`abcdefghijklmnopqrstuvwxyz~9` took minutes and gigabytes).
MAX_FUZZY = 2
#: Words of the index that the wildcards, prefixes, fuzzy words and ranges of one
#: query may stand for. Each is one more posting list to merge for every hit;
#: `a*` (1,320 words on the BBC corpus) took 1.4 s, `con*` (214 words) 0.2 s.
MAX_EXPANSION = 500
#: Fuzzy words in one query: each walks the index's word list (about 0.1 s apiece on
#: the BBC corpus, whatever it matches).
MAX_FUZZY_WORDS = 8
_OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"})


def parse_query(
    schema: Any,
    text: str,
    synonyms: dict[str, dict[str, list[str]]] | None = None,
    languages: tuple[str, ...] = (),
) -> Any:
    """Parse a query against ``schema``; ``synonyms`` maps field -> term -> other terms it
    also matches; ``languages`` are the corpus's, whose stems each word stands for
    (:mod:`tui.index.query_words`). :class:`QuerySyntaxError` with a one-line message
    when it cannot be used."""
    parser = MultifieldParser(["title", "body"], schema, group=OrGroup.factory(0.9))
    parser.add_plugin(FuzzyTermPlugin())
    parser.add_plugin(GtLtPlugin())
    parser.replace_plugin(PhrasePlugin())
    # AND is the default between words, as users expect from a search box.
    parser.group = AndGroup
    text = text.strip()
    if not text:
        raise QuerySyntaxError("empty query")
    words = [w for w in text.split() if w not in _OPERATORS]
    if len(text) > MAX_QUERY_CHARS or len(words) > MAX_QUERY_WORDS:
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
    query = stem_words(drop_common_words(query), languages)
    query = _rewrite(query, synonyms or {})
    if _has_errors(query):
        raise QuerySyntaxError(f"cannot parse query {text!r}: check quotes, brackets and fields")
    if query is NullQuery or type(query).__name__ == "_NullQuery":
        raise QuerySyntaxError("nothing to search for: the query has no words")
    return query


def corpus_languages(reader: Any) -> tuple[str, ...]:
    """The languages of an index's articles (two-letter codes), most articles first: a
    query's words are stemmed in each (:func:`~tui.index.analysis.query_stems`)."""
    if "lang" not in reader.schema:
        return ()
    codes = [t.decode("utf-8") if isinstance(t, bytes) else str(t) for t in reader.lexicon("lang")]
    return tuple(sorted(codes, key=lambda c: (-reader.doc_frequency("lang", c), c)))


def _rewrite(query: Any, synonyms: dict[str, dict[str, list[str]]]) -> Any:
    """Adapt parsed queries to how the fields are indexed."""
    # `person:"Sergei Lavrov"` parses as a phrase; an entity field holds whole
    # names as single terms, so the phrase becomes one term.
    # Fuzzy terms keep their first letter (`word~2/3` asks for more): scanning
    # every term of the index is what makes fuzzy search slow. A prefix cannot be
    # longer than the word (Whoosh fails with an IndexError).
    if isinstance(query, FuzzyTerm):
        if query.maxdist > MAX_FUZZY:
            raise QuerySyntaxError(
                f"{query.text}~{query.maxdist}: a word may be at most {MAX_FUZZY} letters "
                f"off (write word~{MAX_FUZZY}, or word~ for one)"
            )
        query.prefixlength = max(1, min(query.prefixlength, len(query.text)))
    if isinstance(query, Every) or (isinstance(query, Wildcard) and query.text[:1] in ("*", "?")):
        raise QuerySyntaxError(
            "a word cannot start with * or ?: it would stand for every word; "
            "type its first letters (negotiat*)"
        )
    if isinstance(query, Phrase) and query.fieldname in ENTITY_FIELDS:
        query = Term(query.fieldname, entity_term(" ".join(query.words)))
    # An entity also matches the names the library links to it ("lavrov" in
    # an article that never gives the first name, for "Sergei Lavrov").
    # A name the corpus counts as another type's (tui.index.retype) is searched
    # as that type: `org:amazon` also matches the articles that typed Amazon a
    # place, and `place:amazon` none of them.
    if isinstance(query, Term) and query.fieldname in ENTITY_FIELDS:
        retype = synonyms.get(RETYPE, {})
        pairs = [(query.fieldname, query.text)]
        moved = retype.get(f"{query.fieldname}:{query.text}") if retype else None
        if moved is not None:
            pairs = [(f, t) for f, _, t in (m.partition(":") for m in moved)]
        terms = []
        for field, text in pairs:
            for t in (text, *synonyms.get(field, {}).get(text, [])):
                if (field, t) not in terms:
                    terms.append((field, t))
        if terms == [(query.fieldname, query.text)]:
            return query
        if not terms:
            return Term(query.fieldname, NOTHING, boost=query.boost)
        return Or([Term(f, t, boost=query.boost) for f, t in terms])
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
    if query.is_leaf():
        return query
    # Every kind of compound (And, Or, Not, AndNot, AndMaybe, Require, ...).
    return query.apply(lambda sub: _rewrite(sub, synonyms))


def within_budget(query: Any, reader: Any, limit: int = MAX_EXPANSION) -> Any:
    """``query`` with each wildcard, prefix, fuzzy word and range expanded once, here,
    into the words of the index (``reader``'s) it stands for.

    :class:`QuerySyntaxError` when they stand for more than ``limit`` words in all, or
    when the query has more than :data:`MAX_FUZZY_WORDS` fuzzy words (each one walks
    the index's word list). The expansion is kept in the returned query, so that the
    search does not walk the word list a second time.
    """
    fuzzy = {(leaf.text, leaf.maxdist) for leaf in query.leaves() if isinstance(leaf, FuzzyTerm)}
    if len(fuzzy) > MAX_FUZZY_WORDS:
        raise QuerySyntaxError(
            f"at most {MAX_FUZZY_WORDS} fuzzy words (word~) in one query: "
            "each one is compared with every word of the index"
        )
    total = 0
    expanded: list[Any] = []

    def expand(leaf: Any) -> Any:
        nonlocal total
        if not isinstance(leaf, MultiTerm) or isinstance(leaf, ExpandedTerms):
            return leaf
        words = []
        for word in expanded_words(leaf, reader):
            words.append(word)
            total += 1
            if total > limit:
                several = any(e.words and _typed(e) != _typed(leaf) for e in expanded)
                what = (
                    f"{_typed(leaf)} and the other wildcards and fuzzy words match"
                    if several
                    else f"{_typed(leaf)} matches"
                )
                raise QuerySyntaxError(
                    f"{what} too many words (over {limit:,}): add letters to narrow it"
                )
        out = ExpandedTerms(leaf, words)
        expanded.append(out)
        return out

    return query.accept(expand)


def _typed(leaf: Any) -> str:
    """A wildcard, prefix, fuzzy word or range the way the user would have typed it."""
    leaf = getattr(leaf, "original", leaf)
    field = "" if leaf.fieldname in ("title", "body") else f"{leaf.fieldname}:"
    if isinstance(leaf, Prefix):
        return f"{field}{leaf.text}*"
    if isinstance(leaf, FuzzyTerm):
        return f"{field}{leaf.text}~{leaf.maxdist}"
    if isinstance(leaf, TermRange):
        return f"{field}[{leaf.start} TO {leaf.end}]"
    return f"{field}{getattr(leaf, 'text', '')}"


_FIELD_PREFIX = re.compile(r"(?<![\w\\])(\w+):(?=\s|$|\))")
_FIELD_USE = re.compile(r"(?<![\w\\])([A-Za-z_]\w*):(?=\S)")
_TRAILING_OP = re.compile(r"(?:^|\s)(AND|OR|NOT|ANDNOT|ANDMAYBE)\s*$")


def _check_syntax(text: str, fields: Iterable[str]) -> None:
    """Raise :class:`QuerySyntaxError` for the mistakes Whoosh would silently ignore."""
    # each quoted phrase kept as quotes around blanks: the same length, so that a
    # match in ``outside`` names the text at the same place in ``text``
    outside = re.sub(r'"[^"]*"', lambda q: '"' + " " * (len(q.group()) - 2) + '"', text)
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
    if m and m.group(1) == "date":
        raise QuerySyntaxError(f"date: needs a date after it, e.g. {_DATE_FORMS}")
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
        value = text[m.start(1) : m.end(1)]
        if '"' in value:
            raise QuerySyntaxError(f"a date is written without quotes: {_DATE_FORMS}")
        if not value.strip("<>="):
            raise QuerySyntaxError(f"date:{value} needs a date right after it, e.g. {_DATE_FORMS}")
        value = value.strip("[]{}<>=")
        for part in re.split(r"\s*\bTO\b\s*", value):
            part = part.strip()
            if part and not _is_date(part):
                raise QuerySyntaxError(
                    f"{part!r} is not a date: write date:2016, date:2016-02, date:2016-02-11 "
                    "or a range, date:[2016-01-01 TO 2016-03-01]"
                )


_DATE_FORMS = "date:2016-02, date:>2016-02 or date:[2016-01-01 TO 2016-03-01]"
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


def read_what_it_reads(
    ix: Any, text: str, synonyms: dict[str, dict[str, list[str]]] | None
) -> None:
    """Read every index file the query ``text`` reads in ``ix``: the table of contents,
    stored fields, and the postings of every word it stands for (for
    :meth:`IndexFolder.reads_cleanly <tui.index.folder.IndexFolder.reads_cleanly>`):
    raises what a damaged file raises, :class:`QuerySyntaxError` for the query's own."""
    with ix.searcher() as s:
        reader = s.reader()
        query = parse_query(ix.schema, text, synonyms, corpus_languages(reader))
        count = s.doc_count_all()
        for docnum in {0, count // 2, count - 1} if count else ():
            if not reader.is_deleted(docnum):
                s.stored_fields(docnum)
        terms = set(query.iter_all_terms())
        for leaf in query.leaves():
            if hasattr(leaf, "expanded_terms") and not isinstance(leaf, Term):
                try:
                    for n, term in enumerate(leaf.expanded_terms(reader)):
                        if n >= 2000:
                            break
                        terms.add(term)
                except Exception:  # noqa: BLE001 - the query's failure, not a file's
                    continue
        for fieldname, word in terms:
            if fieldname in ix.schema and (fieldname, word) in reader:
                matcher = reader.postings(fieldname, word)
                while matcher.is_active():
                    matcher.value()
                    matcher.next()
