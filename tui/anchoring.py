"""Re-anchoring a saved passage in an article whose text may have changed.

A bookmark remembers its passage the way the W3C Web Annotation model does:
the exact quote with a little context on each side (a ``TextQuoteSelector``)
and its character offsets into the cleaned body (a ``TextPositionSelector``).
After a re-index the body may have changed; :func:`anchor` finds the passage
again, trying the cheapest strategies first:

1. ``exact-offset``: the quote is still at the stored offsets (the common case);
2. ``exact-search``: the exact quote is elsewhere in the body (text was added or
   removed before it). With several occurrences the one whose surrounding text
   best matches the saved context wins, the nearest to the old offset breaking
   ties. A quote whose whitespace changed (re-wrapped text) is found here too;
3. ``fuzzy``: an approximate match, scored on the quote *and* its context. The
   passage must read nearly the same and at least one side of its context must
   still be recognisably the same text, so a lightly edited passage re-anchors
   while a look-alike sentence elsewhere (news articles repeat each other's
   phrases, "ready to discuss" vs "not ready to discuss") does not;
4. ``orphaned``: nothing good enough, or the article is gone. The caller keeps
   the bookmark with its saved quote; nothing is ever dropped.

Everything here is pure: no I/O, no SQLite.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Literal

#: Characters of context saved on each side of a quote.
CONTEXT_CHARS = 32

#: Fuzzy matching: how alike the candidate passage must read (0..1).
MIN_QUOTE_SIMILARITY = 0.75
#: Fuzzy matching: how alike the better side of the context must be (0..1).
#: Unrelated 32-character snippets of English score about 0.2-0.5 here.
MIN_CONTEXT_SIMILARITY = 0.75
#: Fuzzy matching: the combined score a candidate needs.
MIN_SCORE = 0.8
#: Fuzzy matching: candidate windows examined in detail per bookmark.
MAX_CANDIDATES = 6

Method = Literal["exact-offset", "exact-search", "fuzzy", "orphaned"]

_WORD = re.compile(r"\w+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Selector:
    """What is saved about a passage: quote, context and offsets."""

    quote: str
    prefix: str
    suffix: str
    start: int
    end: int


@dataclass(frozen=True)
class Anchor:
    """Where a passage is now. For ``orphaned`` the offsets are the stored ones."""

    start: int
    end: int
    method: Method
    score: float

    @property
    def found(self) -> bool:
        return self.method != "orphaned"


def context_of(body: str, start: int, end: int, width: int = CONTEXT_CHARS) -> tuple[str, str]:
    """The ``width`` characters before ``start`` and after ``end`` in ``body``."""
    return body[max(0, start - width) : start], body[end : end + width]


def selector_for(body: str, start: int, end: int) -> Selector:
    """The selector of ``body[start:end]``; ``ValueError`` for an empty or out-of-range span."""
    if not (0 <= start < end <= len(body)):
        raise ValueError(f"span {start}-{end} is not a passage of a {len(body)}-character body")
    prefix, suffix = context_of(body, start, end)
    return Selector(body[start:end], prefix, suffix, start, end)


def find_quote(body: str, quote: str) -> tuple[int, int] | None:
    """The first span of ``quote`` in ``body``, exactly or else ignoring whitespace differences."""
    if not quote.strip():
        return None
    pos = body.find(quote)
    if pos >= 0:
        return pos, pos + len(quote)
    spans = _loose_spans(body, quote)
    return spans[0] if spans else None


def anchor(selector: Selector, body: str | None) -> Anchor:
    """Find ``selector``'s passage in ``body`` (``None`` when the article is gone)."""
    orphan = Anchor(selector.start, selector.end, "orphaned", 0.0)
    quote = selector.quote
    if body is None or not quote:
        return orphan
    start, end = selector.start, selector.end
    if body[start:end] == quote and 0 <= start:
        return Anchor(start, end, "exact-offset", 1.0)

    spans = _exact_spans(body, quote) or _loose_spans(body, quote)
    if spans:
        if len(spans) == 1:
            s, e = spans[0]
        else:
            s, e = max(
                spans, key=lambda sp: (_cheap_context(selector, body, *sp), -abs(sp[0] - start))
            )
        return Anchor(s, e, "exact-search", 1.0)

    best = _fuzzy(selector, body)
    return best if best is not None else orphan


# -- exact strategies -------------------------------------------------------------------------


def _exact_spans(body: str, quote: str) -> list[tuple[int, int]]:
    spans = []
    pos = body.find(quote)
    while pos >= 0:
        spans.append((pos, pos + len(quote)))
        pos = body.find(quote, pos + 1)
    return spans


def _loose_spans(body: str, quote: str) -> list[tuple[int, int]]:
    """Spans matching ``quote`` with any run of whitespace standing for any other."""
    parts = quote.split()
    if len(parts) < 2 and quote == quote.strip():
        return []  # no whitespace to be loose about: the exact search already said no
    if not parts:
        return []
    pattern = re.compile(r"\s+".join(re.escape(p) for p in parts))
    return [(m.start(), m.end()) for m in pattern.finditer(body)]


def _common_tail(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_head(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _cheap_context(selector: Selector, body: str, start: int, end: int) -> int:
    """How many context characters agree right next to the span (for ranking exact hits)."""
    before = body[max(0, start - len(selector.prefix)) : start]
    after = body[end : end + len(selector.suffix)]
    return _common_tail(selector.prefix, before) + _common_head(selector.suffix, after)


# -- fuzzy strategy ---------------------------------------------------------------------------


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def similarity(a: str, b: str) -> float:
    """Character similarity of two texts, whitespace runs counting as one space (0..1)."""
    a, b = _norm(a), _norm(b)
    if a == b:
        return 1.0
    if not a or not b:
        return 0.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _context_similarity(saved: str, current: str) -> float:
    if not saved.strip():
        # The passage was at the very start (or end) of the body; is the candidate too?
        return 1.0 if not current.strip() else 0.0
    return similarity(saved, current)


@lru_cache(maxsize=32)
def _tokens(body: str) -> tuple[tuple[str, int, int], ...]:
    """The body's words, lowercased, with their spans (cached: bookmarks share articles)."""
    return tuple((m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(body))


def _fuzzy(selector: Selector, body: str) -> Anchor | None:
    quote = selector.quote
    qwords = [w.lower() for w in _WORD.findall(quote)]
    n = len(qwords)
    tokens = _tokens(body)
    if n == 0 or not tokens:
        return None
    words = [t[0] for t in tokens]
    qset = set(qwords)
    hits = [1 if w in qset else 0 for w in words]

    # Windows of n words holding the most of the quote's words are the candidates.
    size = min(n, len(tokens))
    window = sum(hits[:size])
    counts = [window]
    for i in range(1, len(tokens) - size + 1):
        window += hits[i + size - 1] - hits[i - 1]
        counts.append(window)
    need = max(1, round(n * 0.6))
    old = selector.start
    starts = sorted(
        (i for i, c in enumerate(counts) if c >= need),
        key=lambda i: (-counts[i], abs(tokens[i][1] - old)),
    )
    chosen: list[int] = []  # the best few, skipping neighbours of windows already taken
    for i in starts:
        if all(abs(i - j) > max(1, n // 3) for j in chosen):
            chosen.append(i)
            if len(chosen) >= MAX_CANDIDATES:
                break

    # Word level: for each candidate, the start and then the length that fit best.
    slack = max(1, n // 5)
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(qwords)

    def word_ratio(s: int, e: int, beat: float) -> float:
        matcher.set_seq1(words[s:e])
        if matcher.real_quick_ratio() <= beat or matcher.quick_ratio() <= beat:
            return -1.0  # cannot beat the best so far
        return matcher.ratio()

    windows: list[tuple[float, int, int]] = []
    for i in chosen:
        best_r, best_s = -1.0, i
        for s in range(max(0, i - slack), min(len(tokens) - 1, i + slack) + 1):
            r = word_ratio(s, min(len(tokens), s + n), best_r)
            if r > best_r or (r == best_r and abs(s - i) < abs(best_s - i)):
                best_r, best_s = r, s
        s = best_s
        best_r, best_e = -1.0, min(len(tokens), s + n)
        for length in sorted(range(max(1, n - slack), n + slack + 1), key=lambda k: abs(k - n)):
            e = s + length
            if e > len(tokens):
                continue
            r = word_ratio(s, e, best_r)
            if r > best_r:
                best_r, best_e = r, e
        windows.append((best_r, s, best_e))
    windows.sort(reverse=True)

    # Character level. quick_ratio() is a cheap upper bound of ratio(): a window
    # that cannot beat the best so far is not compared in full.
    scores: dict[tuple[int, int], float] = {}
    chars = SequenceMatcher(None, autojunk=False)
    chars.set_seq2(_norm(quote))

    def char_score(s: int, e: int, beat: float = -1.0) -> float:
        if (s, e) not in scores:
            cs, ce = _refine(body, quote, tokens[s][1], tokens[e - 1][2])
            chars.set_seq1(_norm(body[cs:ce]))
            if chars.quick_ratio() <= beat:
                return 0.0
            scores[(s, e)] = chars.ratio()
        return scores[(s, e)]

    best: Anchor | None = None
    for r, s, e in windows[:3]:
        if r < 0.5:
            break
        # Cheap look at the context first: a look-alike elsewhere stops here.
        p, x = _context_scores(
            selector, body, *_refine(body, quote, tokens[s][1], tokens[e - 1][2])
        )
        if max(p, x) < 0.5:
            continue
        # Character level: nudge each end by a word or two (a changed word is a
        # miss at word level, so the window may have dropped it).

        q = char_score(s, e)
        for _ in range(2):
            moved = False
            for s2 in range(max(0, s - 2), min(e, s + 3)):
                if s2 != s and (c := char_score(s2, e, q)) > q:
                    q, s, moved = c, s2, True
            for e2 in range(max(s + 1, e - 2), min(len(tokens), e + 2) + 1):
                if e2 != e and (c := char_score(s, e2, q)) > q:
                    q, e, moved = c, e2, True
            if not moved:
                break
        if q < MIN_QUOTE_SIMILARITY:
            continue
        cs, ce = _refine(body, quote, tokens[s][1], tokens[e - 1][2])
        p, x = _context_scores(selector, body, cs, ce)
        context = max(p, x)
        if context < MIN_CONTEXT_SIMILARITY:
            continue
        score = 0.6 * q + 0.25 * context + 0.15 * min(p, x)
        if score < MIN_SCORE:
            continue
        if best is None or score > best.score:
            best = Anchor(cs, ce, "fuzzy", round(score, 4))
    return best


def _context_scores(selector: Selector, body: str, start: int, end: int) -> tuple[float, float]:
    """Similarity of the saved prefix and suffix to the text around ``start``-``end``."""
    before, after = context_of(body, start, end, CONTEXT_CHARS)
    if selector.prefix:
        before = before[-len(selector.prefix) :]
    if selector.suffix:
        after = after[: len(selector.suffix)]
    return (
        _context_similarity(selector.prefix, before),
        _context_similarity(selector.suffix, after),
    )


def _refine(body: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span of whole words by the quote's leading and trailing non-word characters."""
    words = list(_WORD.finditer(quote))
    lead = words[0].start() if words else 0
    trail = len(quote) - words[-1].end() if words else 0
    return max(0, start - lead), min(len(body), end + trail)
