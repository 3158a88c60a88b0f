"""The document marks of the tagger's second pass, by the words' fold ids.

What the other mentions of a word in the document said about it (the marks of
:func:`tui.ner.features.doc_marks`), worked out from each line's word ids rather
than by folding each word again at every mention. Kept apart from
:mod:`tui.ner.tagger`, which decodes; compiled with it (setup.py).
"""

from __future__ import annotations

from librt.vecs import append

from tui.ner.features import doc_features
from tui.ner.vocabulary import Vocabulary

# A line: its words, which have a capital, which the tagger decodes, its sentences.
Line = tuple[list[str], list[bool], list[bool], list[tuple[int, int]]]


def doc_marks(
    vocab: Vocabulary,
    lines: list[Line],
    ids_of: list[list[int]],
    found: list[list[tuple[int, int, str]]],
) -> list[dict[int, list[str]]]:
    """:func:`tui.ner.features.doc_marks` over a document's lines, by the words'
    fold ids (``ids_of``: each line's :meth:`Vocabulary.line_ids`, which give
    every word with a capital an id): the same marks, without folding a word
    at each of its mentions. The document's folds are numbered 0, 1, ... in
    ``vocab.local`` (by fold id; -1 outside this call) so that counts are lists."""
    fids = vocab.fids
    local = vocab.local
    while len(local) < len(vocab.fold_ids):
        local = append(local, -1)
    vocab.local = local
    touched: list[int] = []  # the fold ids numbered here
    seen: list[int] = []  # by local number: mentions
    totals: list[dict[str, int] | None] = []  # by local number: type -> mentions in names
    for k in range(len(lines)):
        upper = lines[k][1]
        ids = ids_of[k]
        for i in range(len(upper)):
            if upper[i]:
                f = fids[ids[i]]
                x = local[f]
                if x < 0:
                    x = len(touched)
                    local[f] = x
                    touched.append(f)
                    seen.append(1)
                    totals.append(None)
                else:
                    seen[x] += 1
        for a, b, t in found[k]:
            for i in range(a, b):
                if upper[i]:
                    x = local[fids[ids[i]]]
                    per = totals[x]
                    if per is None:
                        per = totals[x] = {}
                    per[t] = per.get(t, 0) + 1
    out: list[dict[int, list[str]]] = []
    plain: list[list[str] | None] = [None] * len(touched)  # the features of a word in no name
    # by local number: own type -> the features (a dict per word in a name: keyed by
    # (number, type), each mention made and hashed a tuple)
    made: list[dict[str, list[str]] | None] = [None] * len(touched)
    none: dict[int, str] = {}  # (the cover of a line with no name: one empty dict)
    for k in range(len(lines)):
        upper = lines[k][1]
        ids = ids_of[k]
        spans = found[k]
        cover: dict[int, str] = none
        if spans:
            cover = {}
            for a, b, t in spans:
                for i in range(a, b):
                    cover[i] = t
        marks: dict[int, list[str]] = {}
        for i in range(len(upper)):
            if not upper[i]:
                continue
            x = local[fids[ids[i]]]
            if seen[x] < 2:
                continue
            own = cover.get(i, "") if cover else ""
            if not own:
                feats = plain[x]
                if feats is None:
                    feats = plain[x] = doc_features(totals[x], "")
            else:
                by_type = made[x]
                if by_type is None:
                    by_type = made[x] = {}
                got = by_type.get(own)
                if got is None:
                    got = by_type[own] = doc_features(totals[x], own)
                feats = got
            marks[i] = feats
        out.append(marks)
    for f in touched:
        local[f] = -1
    return out
