"""Where a query matched: character spans in an article's body, for highlighting.

Spans come from the postings (the body field stores each occurrence's
characters), not from tokenising the text again. A word the query names only
inside a phrase is marked where the phrase occurs; ``person:``/``place:``/``org:``
searches mark the names as the article writes them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from tui.index import whoosh_imports  # noqa: F401 - first: Whoosh without two modules it never uses

# isort: split
from whoosh.query import Phrase, Term

from tui.index.schema import entity_term
from tui.index.summaries import unpack_summary


def expanded_terms(s: Any, query: Any, docnum: int) -> set[bytes | str]:
    """The body terms that ``query``'s patterns (wildcards, prefixes, fuzzy terms) stand
    for in document ``docnum``."""
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


def body_spans(
    s: Any,
    wanted: dict[int, set[Any]],
    query: Any = None,
    known: dict[int, dict[str, list[tuple[int, int, int]]]] | None = None,
) -> dict[int, tuple[tuple[int, int], ...]]:
    """Character spans of terms in documents, from the postings (no re-tokenising).

    One pass per term over its posting list, visiting the documents in order;
    ``known`` gives the (position, start, end) occurrences of terms in documents
    already read, which are not read again. A word that the query names only
    inside a "phrase" is marked only where the phrase occurs, as one span from
    its first word to its last.
    """
    reader = s.reader()
    found: dict[int, dict[str, list[tuple[int, int, int]]]] = defaultdict(dict)
    by_term: dict[str, list[int]] = defaultdict(list)
    for docnum, terms in wanted.items():
        read = (known or {}).get(docnum, {})
        for term in terms:
            text = term_text(term)
            if text in read:
                found[docnum][text] = read[text]
            else:
                by_term[text].append(docnum)
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
            (a, b) for term, occ in by_word.items() if term not in phrase_only for _, a, b in occ
        }
        found_phrase = False
        for words, slop in phrases:
            hits = _phrase_spans(by_word, words, slop)
            if hits:
                spans.update(hits)
                found_phrase = True
        if phrases and not found_phrase:
            # Not found as Whoosh found it: mark the words rather than nothing. (A
            # typed phrase is several, one per language and spelling: one found is enough.)
            for words, _slop in phrases:
                spans.update((a, b) for w in words for _, a, b in by_word.get(w, ()))
        out[docnum] = merged(spans)
    return out


def term_text(term: Any) -> str:
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
            words = tuple(term_text(w) for w in leaf.words)
            if len(words) > 1:
                phrases.append((words, max(1, int(getattr(leaf, "slop", 1) or 1))))
            else:
                loose.update(words)
        elif isinstance(leaf, Term):
            loose.add(term_text(leaf.text))
    return phrases, loose


def entity_spans(stored: dict[str, Any], named: set[tuple[str, str]]) -> list[tuple[int, int]]:
    """Where the body names the entities ``named`` ((field, term) pairs), as it names
    them: the forms the recogniser saw in this article ("Mr Kerry", "Kerry")."""
    body = stored.get("body") or ""
    forms: set[str] = set()
    for etype, canonical, _count, seen, *_ in unpack_summary(stored.get("entities")).values():
        if (etype, entity_term(canonical)) in named:
            forms.update(seen or (canonical,))
    spans: list[tuple[int, int]] = []
    for form in sorted(forms, key=len, reverse=True):
        pattern = re.compile(rf"(?<!\w){re.escape(form)}(?!\w)")
        spans.extend(m.span() for m in pattern.finditer(body))
    return spans


def merged(spans: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
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
