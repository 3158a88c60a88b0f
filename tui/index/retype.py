"""One name, one type across the corpus, in searches and their counts.

The recogniser types a name from one article's evidence; the corpus may know
better (:func:`tui.ner.corpus.corpus_types`: "Amazon" a place on two pages that
list it beside prices, an organisation on forty). The entities pane counts such
a name as the corpus's type; so do a search's counts and the ``org:``/``place:``
fields here, so that a row of the pane, a row of the search's counts and the
search a row narrows to all find the same articles.

Worked out from what every count reads anyway, once per facet table (one per
version of the index), never per query: the documents of each (type, name) are
a ``bincount`` of the table's rows, and only the names found with two types or
more (a few thousand at 50,000 articles) need their mentions, which are the
index's term frequencies. A search then rewrites ``org:amazon`` to also match
the articles that typed Amazon a place, and ``place:amazon`` to match none
(:func:`search_terms`); the counts move each such row to its corpus type
(:func:`retyped`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from tui.index.fields import DECIDED, ENTITY_FIELDS, entity_term
from tui.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np

    from tui.index.facet_table import FacetTable
else:
    np = lazy_module("numpy")

Key = tuple[str, str]  # (type, name)
#: The key of the synonyms (field -> term -> terms) that holds the corpus's types:
#: ``"place:amazon"`` -> the ``field:term`` pairs a search for it matches (none:
#: it matches nothing; the name is another type's in this corpus).
RETYPE = "="
#: A term that no entity field holds (names have no control characters).
NOTHING = "\x1f"


class _Folds:
    """Each interned name's folded form as a group number, kept as the names grow
    (a facet cache's names are only ever appended to)."""

    def __init__(self) -> None:
        self.names: list[str] | None = None
        self.groups: list[int] = []
        self.keys: list[str] = []
        self._number: dict[str, int] = {}
        self._lock = threading.Lock()

    def of(self, names: list[str]) -> tuple[Any, list[str]]:
        """Each name's group number (a numpy array) and the groups' folded keys."""
        from tui.gazetteer import fold

        with self._lock:  # the app's workers may ask from two threads at once
            if self.names is not names:  # another cache's names: start again
                self.names, self.groups, self.keys, self._number = names, [], [], {}
            number = self._number
            for name in names[len(self.groups) :]:
                key = fold(name)
                at = number.get(key)
                if at is None:
                    at = number[key] = len(self.keys)
                    self.keys.append(key)
                self.groups.append(at)
            return np.asarray(self.groups, dtype=np.int64), list(self.keys)


_FOLDS = _Folds()


def name_types(table: FacetTable, frequency: Callable[[str, str], int]) -> dict[Key, Key]:
    """(type, name) -> the (type, name) the corpus counts it as, for the names that
    change (:func:`tui.ner.corpus.corpus_types`), from ``table``'s live documents;
    ``frequency(field, term)``: a term's mentions in the index. A type some article's
    own context decided (its field's :data:`~tui.index.schema.DECIDED` entry) stays."""
    from tui.gazetteer import lexicon
    from tui.ner.corpus import corpus_types

    names = table.names
    if len(names) < 2:
        return {}
    groups, keys = _FOLDS.of(names)
    mask = table._mask(None)
    docs: dict[str, Any] = {}
    present: dict[str, Any] = {}
    for kind in ENTITY_FIELDS:
        values, owners = table.entities[kind]
        chosen = values if mask is None else values[mask[owners]]
        counts = np.bincount(chosen, minlength=len(names))
        counts[0] = 0  # no name
        docs[kind] = counts
        present[kind] = np.flatnonzero(counts)
    # the folded names found with two types or more
    kinds_per_group = np.concatenate([np.unique(groups[p]) for p in present.values()])
    found, times = np.unique(kinds_per_group, return_counts=True)
    shared = found[times > 1]
    if not len(shared):
        return {}
    totals: dict[Key, tuple[int, int]] = {}
    decided: dict[Key, int] = {}  # (type, name) -> the articles whose context decided it
    for kind, numbers in present.items():
        chosen = numbers[np.isin(groups[numbers], shared)]
        by_term: dict[str, list[int]] = {}
        for n in chosen.tolist():
            by_term.setdefault(entity_term(names[n]), []).append(n)
        for term, spellings in by_term.items():
            mentions = frequency(kind, term)
            # the articles whose context decided it (one entry each)
            decided_docs = frequency(kind, DECIDED + term)
            if decided_docs:
                decided.update(dict.fromkeys(((kind, names[n]) for n in spellings), decided_docs))
            all_docs = sum(int(docs[kind][n]) for n in spellings)
            for n in spellings:
                d = int(docs[kind][n])
                # the term's mentions shared among its spellings by their documents
                totals[kind, names[n]] = (max(d, round(mentions * d / all_docs)), d)
    # lone words that are the surname of a person named in full in the corpus
    wanted = {keys[g] for g in shared.tolist() if " " not in keys[g]}
    surnames: set[str] = set()
    if wanted:
        first_names = lexicon().first_names
        for n in present["person"].tolist():
            given, _, rest = keys[groups[n]].partition(" ")
            if rest and rest.rsplit(" ", 1)[-1] in wanted and given in first_names:
                surnames.add(rest.rsplit(" ", 1)[-1])
    return corpus_types(totals, surnames, set(decided), decided)


def search_terms(types: Mapping[Key, Key]) -> dict[str, list[str]]:
    """The ``field:term`` entries of :data:`RETYPE` for ``types`` (:func:`name_types`):
    a name counted as another type's matches nothing in its own field, and the name
    it is counted as also matches it."""
    away: set[str] = set()
    into: dict[str, list[str]] = {}
    for (kind, name), (other, target) in types.items():
        source = f"{kind}:{entity_term(name)}"
        goal = f"{other}:{entity_term(target)}"
        if source != goal:
            away.add(source)
            sources = into.setdefault(goal, [])
            if source not in sources:
                sources.append(source)
    out: dict[str, list[str]] = {source: [] for source in away}
    for goal, sources in into.items():
        out[goal] = ([] if goal in away else [goal]) + sources
    return out


def retyped(table: FacetTable, types: Mapping[Key, Key], numbers: Mapping[str, int]) -> FacetTable:
    """``table`` with each entity row of a name the corpus types otherwise counted as
    that type's name (once per article); ``numbers``: each name's interned number."""
    kinds = {kind: at for at, kind in enumerate(ENTITY_FIELDS)}
    moves: list[tuple[int, int, int, int]] = []  # (kind, value, into kind, into value)
    for (kind, name), (into, target) in types.items():
        source, goal = numbers.get(name), numbers.get(target)
        if source is None or goal is None or kind not in kinds or into not in kinds:
            continue
        if (kind, source) != (into, goal):
            moves.append((kinds[kind], source, kinds[into], goal))
    if not moves:
        return table
    n_names = len(table.names)
    extra: dict[int, list[tuple[Any, Any]]] = {k: [] for k in kinds.values()}
    kept: dict[int, Any] = {}
    for k, kind in enumerate(ENTITY_FIELDS):
        mine = sorted((v, ik, iv) for kk, v, ik, iv in moves if kk == k)
        if not mine:
            continue
        values, owners = table.entities[kind]
        sources = np.asarray([m[0] for m in mine], dtype=np.int64)
        moved = np.isin(values, sources)
        kept[k] = ~moved
        rows = np.flatnonzero(moved)
        at = np.searchsorted(sources, values[rows])
        into_kind = np.asarray([m[1] for m in mine], dtype=np.int64)[at]
        into_value = np.asarray([m[2] for m in mine], dtype=values.dtype)[at]
        for ik in np.unique(into_kind).tolist():
            sel = into_kind == ik
            extra[ik].append((into_value[sel], owners[rows][sel]))
    entities = dict(table.entities)
    for k, kind in enumerate(ENTITY_FIELDS):
        if k not in kept and not extra[k]:
            continue
        values, owners = table.entities[kind]
        if k in kept:
            values, owners = values[kept[k]], owners[kept[k]]
        if extra[k]:
            goals = np.unique(np.concatenate([v for v, _ in extra[k]]))
            values = np.concatenate([values, *(v for v, _ in extra[k])])
            owners = np.concatenate([owners, *(o for _, o in extra[k])])
            # an article that has the name as both types counts once
            sub = np.flatnonzero(np.isin(values, goals))
            # (int64: the rows may be int32, and articles * names passes 2**31)
            keys = owners[sub].astype(np.int64) * n_names + values[sub]
            _, first = np.unique(keys, return_index=True)
            keep = np.ones(len(values), dtype=bool)
            keep[sub] = False
            keep[sub[first]] = True
            values, owners = values[keep], owners[keep]
        entities[kind] = (values, owners)
    return replace(table, entities=entities, _people=None)
