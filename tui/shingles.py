"""Passage fingerprints: what lets the index find a passage again in other articles.

A text is read as its words (lowercased); every run of :data:`K` words (a
shingle) gets a 32-bit hash, and of each :data:`W` consecutive shingles the one
with the smallest hash is kept (winnowing). Two texts that share any run of
``K + W - 1`` (8) words unchanged are sure to keep one fingerprint in common,
however the run is framed and whatever words were changed around it; a passage
with a word changed in its middle still shares the fingerprints of its
unchanged parts. About one shingle in three is kept.

Why not MinHash of each sentence (datasketch's MinHashLSH): it estimates how
alike two whole sentences are, so a quote framed by different words in two
articles ("'...', he said." against "He told reporters: '...'") scores low
while the quote is the same; and hashing each sentence with a hundred-odd
permutations costs more than the rest of the index build. Winnowing finds a
shared run wherever it is, and costs a few array operations per article: the
whole text is tokenised and hashed as bytes by numpy, without a Python loop
over its words.

Words are runs of letters, digits and ``_`` (any character beyond ASCII counts
as a letter, except punctuation such as curly quotes, dashes and non-breaking
spaces). Hashes are stable across processes and runs (no use of Python's
salted ``hash``): worker processes write them into the index and the app reads
them back later.
"""

from __future__ import annotations

from typing import Any

import numpy as np

#: Words per shingle.
K = 4
#: Shingles per winnowing window: any shared run of K + W - 1 words keeps a fingerprint.
W = 5
#: The guaranteed run length.
GUARANTEED = K + W - 1

_WORD_BYTE = np.zeros(256, dtype=bool)
for _c in b"0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_":
    _WORD_BYTE[_c] = True
_WORD_BYTE[0x80:] = True  # the bytes of characters beyond ASCII; punctuation is taken out below

_P = 0x100000001B3  # odd: invertible modulo 2**64
_MASK = (1 << 64) - 1
_P_INV = pow(_P, -1, 1 << 64)
_MUL = [
    np.uint64(0x9E3779B97F4A7C15),
    np.uint64(0xC2B2AE3D27D4EB4F),
    np.uint64(0x165667B19E3779F9),
    np.uint64(0xD6E8FEB86659FD93),
]
_MIX = np.uint64(0xFF51AFD7ED558CCD)
_S33 = np.uint64(33)
_S32 = np.uint64(32)

#: (P**j, P**-j) for j below their length: one tuple, replaced whole, so that a thread
#: reading it while another grows it never pairs a new table with an old one.
_TABLES: tuple[Any, Any] = (np.ones(1, dtype=np.uint64), np.ones(1, dtype=np.uint64))


def _tables(n: int) -> tuple[Any, Any]:
    """P**j and P**-j modulo 2**64 for j < n (kept and grown as texts get longer)."""
    global _TABLES
    tables = _TABLES
    if len(tables[0]) < n:
        size = max(n, 2 * len(tables[0]), 4096)
        tables = (_powers(_P, size), _powers(_P_INV, size))
        _TABLES = tables
    return tables


def _powers(base: int, size: int) -> Any:
    """``base**j`` modulo 2**64 for ``j < size``: doubling runs, each the one before
    times ``base`` to its length (numpy's uint64 products wrap modulo 2**64), not a
    loop over ``j`` (a batch of texts needs hundreds of thousands)."""
    out = np.empty(size, dtype=np.uint64)
    out[0] = 1
    filled = 1
    with np.errstate(over="ignore"):
        while filled < size:
            n = min(filled, size - filled)
            step = np.uint64(pow(base, filled, 1 << 64))
            np.multiply(out[:n], step, out=out[filled : filled + n])
            filled += n
    return out


def _word_bytes(data: Any) -> Any:
    """Which bytes of UTF-8 ``data`` belong to words."""
    word = np.take(_WORD_BYTE, data)  # (a fifth of the time of _WORD_BYTE[data])
    if len(data) > 1 and int(data.max()) >= 0x80:
        # U+2000-U+206F (dashes, curly quotes, ellipsis: E2 80 xx, E2 81 xx) and
        # U+00A0-U+00BF (no-break space, guillemets: C2 A0-BF) are punctuation. (Only
        # the few lead bytes are looked at past the one pass that finds them.)
        at = np.flatnonzero((data[:-1] == 0xE2) | (data[:-1] == 0xC2))
        lead = data[at]
        nxt = data[at + 1]
        general = at[(lead == 0xE2) & ((nxt == 0x80) | (nxt == 0x81))]
        latin = at[(lead == 0xC2) & (nxt >= 0xA0) & (nxt <= 0xBF)]
        for offset in (0, 1, 2):
            word[np.minimum(general + offset, len(data) - 1)] = False
        for offset in (0, 1):
            word[latin + offset] = False
    return word


def _encode(text: str) -> tuple[Any, bool]:
    """The lowercased text as UTF-8 bytes, and whether byte offsets are character offsets."""
    raw, chars = _lowered(text)
    return np.frombuffer(raw, dtype=np.uint8), len(raw) == chars


def _lowered(text: str) -> tuple[bytes, int]:
    """The lowercased text's UTF-8 bytes, and its length in characters."""
    low = text.lower()
    if len(low) != len(text):  # a rare letter whose lowercase is longer: keep offsets
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.encode("utf-8", "surrogatepass"), len(low)


def _bounds(data: Any) -> tuple[Any, Any]:
    word = _word_bytes(data)
    edges = np.diff(np.concatenate(([False], word, [False])).astype(np.int8))
    return np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)


def words(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` character offsets of every word of ``text``, as fingerprints count them."""
    data, ascii_only = _encode(text)
    starts, ends = _bounds(data)
    if not ascii_only:
        # byte offset -> character offset: count the bytes that start a character
        chars = np.concatenate(([0], np.cumsum((data & 0xC0) != 0x80)))
        starts, ends = chars[starts], chars[ends]
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def shingle_hashes(text: str) -> Any:
    """The 32-bit hash of every shingle of ``text``, by the index of its first word
    (a numpy ``uint32`` array; empty for a text of fewer than :data:`K` words)."""
    data, _ = _encode(text)
    starts, ends = _bounds(data)
    n = len(starts) - K + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint32)
    return _shingles_at(data, starts, ends, n)


def _shingles_at(data: Any, starts: Any, ends: Any, n: int) -> Any:
    """The hash of the shingle of :data:`K` words at each of the first ``n`` words
    (``starts``/``ends``: the words' byte bounds in ``data``)."""
    powers, inverse = _tables(len(data) + 1)
    with np.errstate(over="ignore"):
        prefix = np.zeros(len(data) + 1, dtype=np.uint64)
        np.cumsum(data.astype(np.uint64) * powers[: len(data)], out=prefix[1:])
        codes = (prefix[ends] - prefix[starts]) * inverse[starts]
        codes = (codes ^ (codes >> _S33)) * _MIX
        h = codes[:n] * _MUL[0]
        for i in range(1, K):
            h = (h ^ (h >> _S33)) + codes[i : i + n] * _MUL[i]
        h = (h ^ (h >> _S33)) * _MIX
        h ^= h >> _S33
    return (h >> _S32).astype(np.uint32)


def winnow(hashes: Any) -> tuple[Any, Any]:
    """The fingerprints kept of ``hashes``: (their hashes, their shingle indexes), in
    text order. Each window of :data:`W` shingles keeps its smallest hash (equal
    ones alike); a text shorter than a window keeps its smallest."""
    n = len(hashes)
    if n <= W:
        at = np.flatnonzero(hashes == hashes.min()) if n else np.zeros(0, dtype=np.int64)
        return hashes[at], at
    # smallest of each window, then: a shingle is kept when it is the smallest of
    # some window holding it, i.e. equals the largest of those windows' smallest
    m = hashes[: n - W + 1].copy()
    for i in range(1, W):
        np.minimum(m, hashes[i : n - W + 1 + i], out=m)
    padded = np.concatenate((np.zeros(W - 1, np.uint32), m, np.zeros(W - 1, np.uint32)))
    top = padded[:n].copy()
    for i in range(1, W):
        np.maximum(top, padded[i : n + i], out=top)
    at = np.flatnonzero(hashes == top)
    return hashes[at], at


def fingerprints(text: str) -> tuple[Any, Any]:
    """(hashes, word indexes of their shingles' first words) of ``text``."""
    return winnow(shingle_hashes(text))


def fingerprints_many(texts: list[str]) -> list[tuple[Any, Any]]:
    """:func:`fingerprints` of each of ``texts``, the same arrays, worked out together.

    An index build fingerprints every article: one at a time, each of the thirty-odd
    array operations costs more in numpy's overhead than in work (an article is a few
    thousand bytes). Here the texts are joined, a space between two (no word runs
    across), and every step runs once over all of them: the words and their codes
    (a word's code depends on its bytes only), the shingles (those whose words are
    all in one text), and the winnowing (windows within one text).
    """
    if not texts:
        return []
    parts = [_lowered(text)[0] for text in texts]
    sizes = np.array([len(part) for part in parts], dtype=np.int64)
    data = np.frombuffer(b" ".join(parts), dtype=np.uint8)
    begins = np.concatenate(([0], np.cumsum(sizes + 1)[:-1]))  # each text's first byte
    starts, ends = _bounds(data)
    text_of = np.searchsorted(begins, starts, side="right") - 1  # each word's text
    counts = np.bincount(text_of, minlength=len(texts))  # words per text
    first = np.concatenate(([0], np.cumsum(counts)[:-1]))  # each text's first word
    shingles = np.maximum(counts - K + 1, 0)  # shingles per text
    n = len(starts) - K + 1
    if n <= 0 or not shingles.any():
        empty = np.zeros(0, dtype=np.uint32)
        return [(empty, np.zeros(0, dtype=np.int64)) for _ in texts]
    every = _shingles_at(data, starts, ends, n)  # a shingle at each word; some span two texts
    # each text's own shingles, one after the other: text t's are every[first[t]:][:shingles[t]]
    owner = np.repeat(np.arange(len(texts)), shingles)
    local = np.arange(len(owner)) - np.repeat(np.cumsum(shingles) - shingles, shingles)
    hashes = every[first[owner] + local]
    keep = np.zeros(len(hashes), dtype=bool)
    begin = np.cumsum(shingles) - shingles  # each text's first shingle in ``hashes``
    # texts of at most W shingles keep their smallest (each one equal to it)
    short = (shingles > 0) & (shingles <= W)
    if short.any():
        some = shingles > 0  # (reduceat's runs go from one start to the next)
        least = np.zeros(len(texts), dtype=np.uint32)
        least[some] = np.minimum.reduceat(hashes, begin[some])
        rows = np.flatnonzero(short[owner])
        keep[rows] = hashes[rows] == least[owner[rows]]
    long = shingles > W
    if long.any():
        # the smallest of each window of W shingles that lies within one text (0 for
        # the others: a kept shingle equals the largest of the windows holding it)
        m = hashes[: len(hashes) - W + 1].copy()
        for i in range(1, W):
            np.minimum(m, hashes[i : len(hashes) - W + 1 + i], out=m)
        valid = (owner[: len(m)] == owner[W - 1 :]) & long[owner[: len(m)]]
        m[~valid] = 0
        padded = np.concatenate((np.zeros(W - 1, np.uint32), m, np.zeros(W - 1, np.uint32)))
        top = padded[: len(hashes)].copy()
        for i in range(1, W):
            np.maximum(top, padded[i : len(hashes) + i], out=top)
        rows = np.flatnonzero(long[owner])
        keep[rows] = hashes[rows] == top[rows]
    kept = np.flatnonzero(keep)
    cuts = np.searchsorted(kept, np.cumsum(shingles)[:-1])
    out = []
    for t, at in enumerate(np.split(kept, cuts)):
        out.append((hashes[at], at - begin[t]))
    return out
