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


def _fuzzy(selector: Selector, body: str) -> Anchor | None:
    quote = selector.quote
    qwords = [w.lower() for w in _WORD.findall(quote)]
    n = len(qwords)
    if n == 0:
        return None
    tokens = [(m.group().lower(), m.start(), m.end()) for m in _WORD.finditer(body)]
    if not tokens:
        return None
    qset = set(qwords)
    hits = [1 if t[0] in qset else 0 for t in tokens]

    # Windows of n words holding the most of the quote's words are the candidates.
    size = min(n, len(tokens))
    window = sum(hits[:size])
    counts = [window]
    for i in range(1, len(tokens) - size + 1):
        window += hits[i + size - 1] - hits[i - 1]
        counts.append(window)
    need = max(1, int(n * MIN_QUOTE_SIMILARITY * 0.7))
    old = selector.start
    starts = sorted(
        (i for i, c in enumerate(counts) if c >= need),
        key=lambda i: (-counts[i], abs(tokens[i][1] - old)),
    )
    # Keep the best few, skipping neighbours of windows already taken.
    chosen: list[int] = []
    for i in starts:
        if all(abs(i - j) > max(1, n // 3) for j in chosen):
            chosen.append(i)
            if len(chosen) >= MAX_CANDIDATES:
                break
    if not chosen:
        return None

    slack = max(1, n // 5)
    best: Anchor | None = None
    for i in chosen:
        # Word level: the window length (and a shift of a word or two) that fits best.
        matcher = SequenceMatcher(None, autojunk=False)
        matcher.set_seq2(qwords)
        top = (-1.0, i, i + size)
        for s in range(max(0, i - slack), min(len(tokens), i + slack + 1)):
            for length in range(max(1, n - slack), n + slack + 1):
                e = s + length
                if e > len(tokens):
                    break
                matcher.set_seq1([t[0] for t in tokens[s:e]])
                if matcher.real_quick_ratio() <= top[0]:
                    continue
                r = matcher.ratio()
                if r > top[0]:
                    top = (r, s, e)
        _, s, e = top

        # Character level: nudge each end by up to two words (a changed word
        # counts as a miss at word level, so the window may have dropped it).
        def char_score(s: int, e: int) -> float:
            cs, ce = _refine(body, quote, tokens[s][1], tokens[e - 1][2])
            return similarity(quote, body[cs:ce])

        q = char_score(s, e)
        for _ in range(2):
            moved = False
            for s2 in range(max(0, s - 2), min(e, s + 3)):
                if s2 != s and (r := char_score(s2, e)) > q:
                    q, s, moved = r, s2, True
            for e2 in range(max(s + 1, e - 2), min(len(tokens), e + 2) + 1):
                if e2 != e and (r := char_score(s, e2)) > q:
                    q, e, moved = r, e2, True
            if not moved:
                break
        cs, ce = _refine(body, quote, tokens[s][1], tokens[e - 1][2])
        if q < MIN_QUOTE_SIMILARITY:
            continue
        before, after = context_of(body, cs, ce, CONTEXT_CHARS)
        p = _context_similarity(
            selector.prefix, before[-len(selector.prefix) :] if selector.prefix else before
        )
        x = _context_similarity(
            selector.suffix, after[: len(selector.suffix)] if selector.suffix else after
        )
        context = max(p, x)
        if context < MIN_CONTEXT_SIMILARITY:
            continue
        score = 0.6 * q + 0.25 * context + 0.15 * min(p, x)
        if score < MIN_SCORE:
            continue
        if best is None or score > best.score:
            best = Anchor(cs, ce, "fuzzy", round(score, 4))
    return best


def _refine(body: str, quote: str, start: int, end: int) -> tuple[int, int]:
    """Widen a span of whole words by the quote's leading and trailing non-word characters."""
    words = list(_WORD.finditer(quote))
    lead = words[0].start() if words else 0
    trail = len(quote) - words[-1].end() if words else 0
    return max(0, start - lead), min(len(body), end + trail)
