"""Word clusters for the entity tagger, learned from unlabelled text (training helper).

Words that occur in the same contexts get the same cluster, so a name the
labelled data never saw can still look like the names it did see. Each
word (lower-cased, digits as 0) with at least ``min_count`` occurrences gets a
bit string: its path down a binary tree, so that prefixes of the string are
coarser clusters (the tagger uses several prefix lengths as features).

How: counts of the frequent words one and two places to the left and right,
weighted by positive pointwise mutual information, reduced to ``dims``
dimensions (randomised SVD), then split in two again and again (spherical
2-means) down to ``depth`` levels. numpy only; deterministic for a seed.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tui.ner.features import cluster_key as normalise  # noqa: E402


def word_clusters(
    sentences: Iterable[list[str]],
    *,
    min_count: int = 3,
    contexts: int = 1000,
    dims: int = 100,
    depth: int = 12,
    seed: int = 0,
) -> dict[str, str]:
    import numpy as np

    sents = [[normalise(w) for w in s] for s in sentences]
    counts = Counter(w for s in sents for w in s)
    vocab = sorted((w for w, c in counts.items() if c >= min_count), key=lambda w: (-counts[w], w))
    index = {w: i for i, w in enumerate(vocab)}
    ctx = {w: i for i, w in enumerate(vocab[:contexts])}
    width = contexts + 1
    m = np.zeros((len(vocab), 4 * width), dtype=np.float64)
    for s in sents:
        p = ["<s>", "<s>", *s, "</s>", "</s>"]
        for i in range(2, len(p) - 2):
            wi = index.get(p[i])
            if wi is None:
                continue
            for slot, j in ((0, i - 1), (1, i + 1), (2, i - 2), (3, i + 2)):
                m[wi, slot * width + ctx.get(p[j], contexts)] += 1.0
    total = m.sum()
    rows = m.sum(1, keepdims=True)
    cols = m.sum(0, keepdims=True) ** 0.75
    cols = cols / cols.sum() * total
    with np.errstate(divide="ignore", invalid="ignore"):
        ppmi = np.log(m * total / (rows * cols))
    ppmi[~np.isfinite(ppmi)] = 0.0
    ppmi[ppmi < 0] = 0.0
    rng = np.random.default_rng(seed)
    omega = rng.standard_normal((ppmi.shape[1], dims + 20))
    q, _ = np.linalg.qr(ppmi @ omega)
    ub, s, _ = np.linalg.svd(q.T @ ppmi, full_matrices=False)
    u = (q @ ub)[:, :dims] * np.sqrt(s[:dims])
    u /= np.linalg.norm(u, axis=1, keepdims=True) + 1e-9
    codes = [""] * len(vocab)

    def split(ix: np.ndarray, code: str) -> None:
        if len(code) == depth or len(ix) < 8:
            for i in ix:
                codes[i] = code
            return
        x = u[ix]
        r = np.random.default_rng([seed, len(code), int(code or "0", 2)])
        c = x[r.choice(len(ix), 2, replace=False)]
        side = np.ones(len(ix), dtype=bool)
        for _ in range(20):
            side = (x @ c[0]) >= (x @ c[1])
            if side.all() or not side.any():
                break
            c = np.stack([x[side].mean(0), x[~side].mean(0)])
            c /= np.linalg.norm(c, axis=1, keepdims=True) + 1e-9
        if side.all() or not side.any():
            for i in ix:
                codes[i] = code
            return
        split(ix[side], code + "0")
        split(ix[~side], code + "1")

    split(np.arange(len(vocab)), "")
    return {w: codes[i] for i, w in enumerate(vocab) if codes[i]}


def case_prior(sentences: Iterable[list[str]], min_count: int = 5) -> dict[str, str]:
    """The words that news nearly always writes in lower case inside a sentence
    (90% of 5 or more occurrences not first in a sentence): "L" for each. The
    recogniser drops a lone capitalised such word it has no other evidence for
    ("Drink 20 minutes before..."). Words in capitals (headlines) are skipped."""
    lower: Counter[str] = Counter()
    upper: Counter[str] = Counter()
    for s in sentences:
        for i in range(1, len(s)):
            w = s[i]
            if not w.isalpha() or not s[i - 1][:1].isalnum():
                continue
            if w.islower():
                lower[w] += 1
            elif w[0].isupper() and not w.isupper():
                upper[w.lower()] += 1
    return {
        w: "L"
        for w, lo in lower.items()
        if lo + upper[w] >= min_count and lo >= 0.9 * (lo + upper[w])
    }
