"""Search results as the library gives them: hits with snippets, and plain-word finds.

The index returns engine-neutral hits with the character spans of the matches
in each body; :func:`to_hits` adds a snippet around the densest cluster of
matches (:func:`make_snippet`) and marks a hit whose text a higher-ranked hit
already has (a copy of the same article in another file). :class:`ArticleSearch`
is the part of :class:`~tui.library.Library` that searches and finds in an article.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from tui.articles import ArticleError
from tui.index import META_NAME, QuerySyntaxError, RawHit
from tui.library import derived
from tui.library.manifest import Entry, copies_of, entry_of
from tui.library.models import LibraryError, QueryError, SearchHit, SearchResult

if TYPE_CHECKING:
    from tui.library.core import Library


class ArticleSearch:
    """Searches of a :class:`Library`: ranked hits with snippets, and the matches of
    a query inside one article."""

    def __init__(self, lib: Library) -> None:
        self.lib = lib

    def search(
        self, query: str, limit: int | None, cancelled: Callable[[], bool] | None
    ) -> SearchResult:
        """See :meth:`Library.search`."""
        lib = self.lib
        lib._ensure_index()
        try:
            raw_hits, total = lib._read(
                lambda: lib.index.search(
                    query, limit=limit, synonyms=lib._synonyms(query), cancelled=cancelled
                ),
                query,
            )
        except QuerySyntaxError as exc:
            raise QueryError(str(exc)) from None
        entries, by_id = self.entries_of([raw.doc["id"] for raw in raw_hits])
        hits = to_hits(raw_hits, entries, by_id)
        return SearchResult(query=query, hits=tuple(hits), total=total)

    def entries_of(self, ids: list[str]) -> tuple[dict[str, Entry], dict[str, str]]:
        """The manifest's entries of the articles ``ids`` (and id -> path): from the
        manifest in memory, or, after :meth:`Library.quick_update`, from the copy
        beside the index (reading the whole manifest costs more than a search)."""
        catalog = self.lib.catalog
        state = catalog.state
        if state.entries or not ids:
            return state.entries, state.by_id
        folder = self.lib.paths.index
        found = derived.read_entries(folder, derived.meta_key(folder, META_NAME), ids)
        if found is None:
            with self.lib._lock:
                state = catalog.load_state()
                catalog.replace(state)
            return state.entries, state.by_id
        entries: dict[str, Entry] = {}
        by_id: dict[str, str] = {}
        for doc_id, (relpath, fields) in found.items():
            entry = entry_of(fields)
            if entry is not None:
                entries[relpath] = entry
                by_id[doc_id] = relpath
        return entries, by_id

    def warm_up(self) -> None:
        """Do the first search's one-time work now: open a searcher, link the surnames
        (which reads every person in the index), load the query parser, read every
        document's facet record (the counts beside the results need them). Best called
        in the background once the index is ready; the search that follows is then warm."""
        lib = self.lib
        lib._ensure_index()
        lib._read(lambda: lib.index.search("dossier", limit=1, synonyms=lib._synonyms()))
        lib._read(lambda: lib.index.counts.facets(None, top=1))

    def match_spans(self, query: str, article_id: str) -> list[tuple[int, int]]:
        """Spans of ``query`` in one article's body (find in article).

        The query language decides first; when it finds nothing and the query is
        plain words, the words are looked for as they are written, so that words the
        index leaves out ("the", "of", a single letter) are still found.
        """
        lib = self.lib
        lib._ensure_index()
        literal = literal_pattern(query)
        try:
            spans = list(
                lib._read(
                    lambda: lib.index.match_spans(query, article_id, lib._synonyms(query)), query
                )
            )
        except QuerySyntaxError as exc:
            if literal is None:  # only common words is an error for the index, not here
                raise QueryError(str(exc)) from None
            spans = []
        if not spans and literal is not None:
            try:
                body = lib.article(article_id).body
            except (LibraryError, ArticleError):
                return []
            spans = [m.span() for m in literal.finditer(body)]
        return spans


def to_hits(
    raw_hits: Iterable[RawHit], entries: dict[str, Entry], by_id: dict[str, str] | None = None
) -> list[SearchHit]:
    """The index's hits, with snippets; ``entries`` (the manifest) tell copies apart.

    ``by_id`` finds a hit's entry by id: the index has a name that is not UTF-8 as
    shown, not as the manifest keys it.
    """
    hits = []
    raw_hits = list(raw_hits)
    found: dict[str, Entry] = {}  # relpath -> entry, of the hits
    for raw in raw_hits:
        relpath = by_id.get(raw.doc["id"], raw.doc["path"]) if by_id else raw.doc["path"]
        if (entry := entries.get(relpath)) is not None:
            found[relpath] = entry
    # The article list's rule (the first by path is the original), among the hits.
    originals = copies_of(found)
    for raw in raw_hits:
        doc = raw.doc
        relpath = by_id.get(doc["id"], doc["path"]) if by_id else doc["path"]
        entry = entries.get(relpath)
        duplicate_of = originals.get(relpath)
        snippet, snippet_matches = make_snippet(doc["body"], raw.matches)
        hits.append(
            SearchHit(
                id=doc["id"],
                path=doc["path"],
                title=doc["title"],
                source=doc["source"],
                date=doc["date"],
                score=raw.score,
                snippet=snippet,
                snippet_matches=snippet_matches,
                matches=raw.matches,
                duplicate_of=duplicate_of,
                format=entry.format if entry is not None else "txt",
                url=entry.url if entry is not None else None,
                language=entry.language if entry is not None else None,
            )
        )
    return hits


#: What makes a find query more than plain words: field names, wildcards, fuzzy
#: marks, ranges, grouping and the operators.
_QUERY_SYNTAX = re.compile(r"[:*?~\[\]{}()^]|\b(?:AND|OR|NOT|TO)\b")


def literal_pattern(query: str) -> re.Pattern[str] | None:
    """The plain words of ``query`` as a case-insensitive whole-word pattern (or None)."""
    words = query.strip().strip('"').split()
    if not words or _QUERY_SYNTAX.search(query):
        return None
    escaped = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<!\w){escaped}(?!\w)", re.IGNORECASE)


def make_snippet(
    body: str, matches: Iterable[tuple[int, int]], width: int = 220
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of ``body`` around the densest cluster of matches, on word boundaries.

    Returns the snippet (whitespace collapsed, "…" where cut) and the spans of
    the matches inside it.
    """
    spans = sorted(matches)
    if not body:
        return "", ()
    if not spans:
        lo, hi = 0, min(len(body), width)
        best_start = 0
    else:
        # Sliding window over the matches: the most distinct words within `width`;
        # among those, one that starts in a paragraph of prose (a menu or a list of
        # headlines cleaning left holds the query's words as densely: "Trump
        # Impeachment Inquiry More * Watch live: ... impeachment hearing * ..."), then
        # the most matches.
        prose = _Prose(body)
        keys = [body[a:b].lower() for a, b in spans]
        held: Counter[str] = Counter()  # the window's matches by their words
        best_start, best_score = spans[0][0], (-1, False, -1)
        j = -1
        for i, (start, _end) in enumerate(spans):
            if j < i:
                j = i
                held[keys[i]] += 1
            while j + 1 < len(spans) and spans[j + 1][1] <= start + width:
                j += 1
                held[keys[j]] += 1
            if (len(held), True, j - i + 1) > best_score:  # (else its paragraph is not read)
                score = (len(held), prose.at(start), j - i + 1)
                if score > best_score:
                    best_start, best_score = start, score
            held[keys[i]] -= 1
            if not held[keys[i]]:
                del held[keys[i]]
        lo = max(0, best_start - width // 4)
        if lo > 0:
            para = body.rfind("\n\n", lo, best_start)
            if para != -1:
                lo = para + 2
            else:
                space = body.find(" ", lo, best_start)
                lo = space + 1 if space != -1 else best_start
        hi = min(len(body), lo + width)
    if hi < len(body):
        space = body.rfind(" ", max(best_start, lo), hi)
        hi = space if space > best_start else hi
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(body) else ""
    # Collapse runs of whitespace, keeping a map from body offsets to snippet offsets.
    pieces: list[str] = [prefix]
    shifts: list[tuple[int, int]] = []  # (body offset, snippet offset) at each piece start
    out_len = len(prefix)
    pos = lo
    for m in _SPACES.finditer(body, lo, hi):
        shifts.append((pos, out_len))
        pieces.append(body[pos : m.start()])
        out_len += m.start() - pos
        pieces.append(" ")
        out_len += 1
        pos = m.end()
    shifts.append((pos, out_len))
    pieces.append(body[pos:hi])
    text = "".join(pieces).rstrip() + suffix

    def where(offset: int) -> int:
        k = bisect_right(shifts, (offset, 1 << 60)) - 1
        base, out = shifts[k]
        return out + (offset - base)

    inside = tuple((where(a), where(b)) for a, b in spans if a >= lo and b <= hi)
    return text, inside


_SPACES = re.compile(r"\s{2,}|[\n\t\r\f\v]")
_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
#: How a paragraph of prose ends.
_PROSE_END = ".!?…\"'”’)"


class _Prose:
    """Whether an offset of ``body`` is in a paragraph of prose: eight words or more,
    ending like a sentence. Paragraphs are found once, each judged once."""

    def __init__(self, body: str) -> None:
        self.body = body
        self.starts: list[int] | None = None
        self.judged: dict[int, bool] = {}

    def at(self, offset: int) -> bool:
        if self.starts is None:
            self.starts = [0, *(m.end() for m in _PARAGRAPH_BREAK.finditer(self.body))]
        k = bisect_right(self.starts, offset) - 1
        if k not in self.judged:
            end = self.starts[k + 1] if k + 1 < len(self.starts) else len(self.body)
            para = self.body[self.starts[k] : end].rstrip()
            self.judged[k] = para[-1:] in _PROSE_END and len(para.split(None, 7)) >= 8
        return self.judged[k]
