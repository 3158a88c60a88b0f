"""The names of one organisation across the corpus, from the facet table.

:func:`tui.ner.aliases.organisation_links` says which organisations' names are one
("Labour" and "Labour Party", "NAO" and "National Audit Office"), from how many
articles name each and how many name two of them together. Both come from the
facet table's organisation rows, once per version of the index: each name's
articles are a ``bincount``, and the articles two names share are the
intersection of their rows' owners (only for the few pairs whose form fits, or
that the shipped list of well-known organisations gives as one's names).
"""

from __future__ import annotations

from collections.abc import Collection
from typing import TYPE_CHECKING, Any

from tui.index.schema import entity_term
from tui.lazy import lazy_module

if TYPE_CHECKING:
    import numpy as np

    from tui.index.facet_table import FacetTable
else:
    np = lazy_module("numpy")


def organisation_terms(
    table: FacetTable, bracketed: Collection[tuple[str, str]] = ()
) -> dict[str, str]:
    """Each organisation's term that is one of a group of names of one organisation
    -> the group's term, from ``table``'s live documents; ``bracketed``: the (acronym,
    full name) terms that articles write together in brackets."""
    from tui.gazetteer import fold, lexicon
    from tui.ner.aliases import organisation_links

    values, owners = table.entities["org"]
    mask = table._mask(None)
    if mask is not None:
        keep = mask[owners]
        values, owners = values[keep], owners[keep]
    if not len(values):
        return {}
    names = table.names
    order = np.argsort(values, kind="stable")
    by_value = values[order]
    numbers, starts = np.unique(by_value, return_index=True)
    ends = np.append(starts[1:], len(by_value))
    # each term as its most frequent spelling, with the articles of all of them
    rows: dict[str, list[Any]] = {}
    spelled: dict[str, tuple[int, str]] = {}
    for number, start, end in zip(numbers.tolist(), starts.tolist(), ends.tolist(), strict=True):
        name = names[number]
        if not name:
            continue
        term = entity_term(name)
        rows.setdefault(term, []).append(owners[order[start:end]])
        if end - start > spelled.get(term, (0, ""))[0]:
            spelled[term] = (end - start, name)
    docs: dict[str, Any] = {}

    def articles(name: str) -> Any:
        term = entity_term(name)
        got = docs.get(term)
        if got is None:
            got = docs[term] = np.unique(np.concatenate(rows[term]))
        return got

    # (a record names each of its names once: a spelling's rows are its articles)
    counts = {spelled[t][1]: sum(map(len, rows[t])) for t in rows}

    def together(a: str, b: str) -> int:
        return len(np.intersect1d(articles(a), articles(b), assume_unique=True))

    pairs = [
        (spelled[short][1], spelled[full][1])
        for short, full in bracketed
        if short in spelled and full in spelled
    ]
    known = lexicon().orgs

    def listed(name: str) -> str | None:
        # the shipped list's well-known organisations: "Tories" of the Conservatives
        got = known.get(fold(name))
        return got[0] if got is not None else None

    links = organisation_links(counts, together, pairs, listed)
    return {entity_term(a): entity_term(b) for a, b in links.items()}
