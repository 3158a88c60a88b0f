"""Viterbi decoding of one segment of words: the best path through the labels'
scores, for :class:`tui.ner.tagger.Tagger` (which scores each word once and decodes
only the runs of capitalised words). The scores and the decoder's state are
``vec`` (librt, mypyc's runtime library): setup.py compiles this module with mypyc.
"""

from __future__ import annotations

from typing import Final

from librt.vecs import vec
from mypy_extensions import i64

#: A transition's score when it cannot happen (I-X after O, or after B-Y / I-Y).
IMPOSSIBLE: Final = -1e300


def best_path(
    em: vec[float],
    back: vec[i64],
    trans: vec[float],
    n: i64,
    o: i64,
    length: i64,
    preds: vec[i64],
    pred_at: vec[i64],
) -> list[int]:
    """Viterbi over ``length`` words whose label scores are ``em[k*n : k*n+n]``,
    between two O's (label ``o``); ``trans[p*n + j]``: from label p to j. ``em``
    and ``back`` (as long) are overwritten. Only the labels ``preds[pred_at[j] :
    pred_at[j + 1]]`` (in order) are tried before label j: from any other, the
    transition is impossible (-1e300), and a score plus -1e300 is never more than
    the -1e300 the search starts from, so the best and the first of equals are the
    same (a third of the pairs of nine labels: I-X after O, B-Y or I-Y)."""
    into: i64 = o * n  # transitions from O
    # the scores of the first word, then of each next one in place: em
    # becomes the best score of a path ending at each word and label
    for j in range(n):
        em[j] = em[j] + trans[into + j]
    for k in range(1, length):
        here: i64 = k * n
        prev: i64 = here - n
        for j in range(n):
            best = IMPOSSIBLE
            arg: i64 = 0
            for q in range(pred_at[j], pred_at[j + 1]):
                p = preds[q]
                s = em[prev + p] + trans[p * n + j]
                if s > best:
                    best = s
                    arg = p
            em[here + j] = em[here + j] + best
            back[here + j] = arg
    # the word after the segment is O
    here = (length - 1) * n
    best = IMPOSSIBLE
    last: i64 = o
    for p in range(n):
        s = em[here + p] + trans[p * n + o]
        if s > best:
            best = s
            last = p
    path = [0] * length
    path[length - 1] = last
    for k in range(length - 1, 0, -1):
        last = back[k * n + last]
        path[k - 1] = last
    return path
