"""Aligning two articles' words around the fingerprints they share (:func:`align`).

:class:`~tui.library.passages.PassageFinder` hands it the asking article's words, a
candidate's, and where their fingerprints (:mod:`tui.shingles`) meet; around each group
of them :class:`difflib.SequenceMatcher` finds the matching runs of words, which are
joined across small gaps (:data:`GAP`) and kept when they make a passage: at least
:data:`MIN_WORDS` matching words, a run of :data:`CORE` unchanged, :data:`DENSITY` of
the span matching. Positions are word numbers; the finder turns them into characters.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, overload

from tui.lazy import lazy_module

if TYPE_CHECKING:
    from tui import shingles
else:
    shingles = lazy_module("tui.shingles")  # numpy too: the app starts without it

#: Matching words a passage needs (the issue's "about eight words in common").
MIN_WORDS = 8
#: Largest run of unmatched words inside a match (a small edit), on either side.
GAP = 3
#: Share of a match's span that must match.
DENSITY = 0.75
#: A match holds a run of at least this many words unchanged.
CORE = 4
#: Shorter runs at either end of a match are left out of it.
EDGE = 3
#: Words of context aligned around the shared fingerprints.
CONTEXT = 12


@dataclass
class Match:
    """One aligned run between the asking article (a) and another (b), in words."""

    blocks: list[tuple[int, int, int]]  # (a word, b word, length)

    @property
    def a_lo(self) -> int:
        return self.blocks[0][0]

    @property
    def a_hi(self) -> int:
        a, _, n = self.blocks[-1]
        return a + n


def low_words(text: str, spans: list[tuple[int, int]]) -> list[str]:
    low = text.lower()
    return [low[s:e] for s, e in spans]


class LowWords(Sequence[str]):
    """The lowercased words of a text, made only for the slices asked for.

    :func:`align` reads an article that shares a passage in windows around the
    shared fingerprints; making every word of it, for each of dozens of articles,
    was a sixth of a lookup."""

    def __init__(self, text: str, spans: list[tuple[int, int]]) -> None:
        self._low = text.lower()
        self._spans = spans

    def __len__(self) -> int:
        return len(self._spans)

    @overload
    def __getitem__(self, i: int) -> str: ...
    @overload
    def __getitem__(self, i: slice) -> list[str]: ...
    def __getitem__(self, i: int | slice) -> str | list[str]:
        low = self._low
        if isinstance(i, slice):
            return [low[s:e] for s, e in self._spans[i]]
        s, e = self._spans[i]
        return low[s:e]


def _chains(blocks: list[tuple[int, int, int]]) -> list[list[tuple[int, int, int]]]:
    """Matching blocks joined across gaps of at most :data:`GAP` words on each side."""
    chains: list[list[tuple[int, int, int]]] = []
    for a, b, n in blocks:
        if not n:
            continue
        if chains:
            pa, pb, pn = chains[-1][-1]
            if 0 <= a - (pa + pn) <= GAP and 0 <= b - (pb + pn) <= GAP:
                chains[-1].append((a, b, n))
                continue
        chains.append([(a, b, n)])
    return chains


def _trimmed(chain: list[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """A chain without runs of one or two words at its ends: those are words that
    happen to follow a shared passage ("... at the time"), not part of it."""
    lo, hi = 0, len(chain)
    while hi - lo > 1 and chain[lo][2] < EDGE:
        lo += 1
    while hi - lo > 1 and chain[hi - 1][2] < EDGE:
        hi -= 1
    return chain[lo:hi]


def _good(chain: list[tuple[int, int, int]]) -> bool:
    """Enough matching words, in a run of :data:`CORE` or more, and few gaps."""
    matched = sum(n for _, _, n in chain)
    if matched < MIN_WORDS or max(n for _, _, n in chain) < CORE:
        return False
    span_a = chain[-1][0] + chain[-1][2] - chain[0][0]
    span_b = chain[-1][1] + chain[-1][2] - chain[0][1]
    return matched >= DENSITY * max(span_a, span_b)


def _clusters(anchors: list[tuple[int, int]]) -> list[list[tuple[int, int]]]:
    """Shared fingerprints (a word, b word) grouped where they lie near one diagonal."""
    out: list[list[tuple[int, int]]] = []
    for a, b in sorted(anchors, key=lambda x: (x[1] - x[0], x[0])):
        if out:
            pa, pb = out[-1][-1]
            if abs((b - a) - (pb - pa)) <= 2 * GAP and abs(a - pa) <= 2 * CONTEXT:
                out[-1].append((a, b))
                continue
        out.append([(a, b)])
    return out


def align(
    a_words: Sequence[str], b_words: Sequence[str], anchors: list[tuple[int, int]]
) -> list[Match]:
    """The matches between two word lists around their shared fingerprints."""
    found: list[Match] = []
    seen: set[tuple[int, int]] = set()
    for cluster in _clusters(anchors):
        a_lo = max(0, min(a for a, _ in cluster) - CONTEXT)
        a_hi = min(len(a_words), max(a for a, _ in cluster) + shingles.K + CONTEXT)
        b_lo = max(0, min(b for _, b in cluster) - CONTEXT - GAP)
        b_hi = min(len(b_words), max(b for _, b in cluster) + shingles.K + CONTEXT + GAP)
        matcher = SequenceMatcher(None, a_words[a_lo:a_hi], b_words[b_lo:b_hi], autojunk=False)
        blocks = [(a + a_lo, b + b_lo, n) for a, b, n in matcher.get_matching_blocks()]
        for chain in map(_trimmed, _chains(blocks)):
            key = (chain[0][0], chain[0][1])
            if key not in seen and _good(chain):
                seen.add(key)
                found.append(Match(chain))
    return found


def clip(match: Match, lo: int, hi: int) -> list[tuple[int, int, int]]:
    """The blocks of a match inside words [lo, hi) of the asking article."""
    out: list[tuple[int, int, int]] = []
    for a, b, n in match.blocks:
        s, e = max(a, lo), min(a + n, hi)
        if e > s:
            out.append((s, b + (s - a), e - s))
    return out


def unmatched(blocks: list[tuple[int, int, int]], side: int) -> list[int]:
    """Words between the first and last block that no block covers (on side 0 or 1)."""
    out: list[int] = []
    for (a1, b1, n1), (a2, b2, _) in zip(blocks, blocks[1:], strict=False):
        lo, hi = (a1 + n1, a2) if side == 0 else (b1 + n1, b2)
        out.extend(range(lo, hi))
    return out
