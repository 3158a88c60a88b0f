"""Articles cleaned again at the end of an update: their source learned other
boilerplate lines, or its corrections changed.

A full build cleans every article with no learned lines; :func:`reading_learned`
tells which of them read otherwise with the lines their source learned meanwhile,
and :func:`clean_again` indexes those again (in one more commit), as it does the
articles of a source whose corrections changed. :func:`in_workers` runs such work
over many articles in forked processes (the comparison of entities after a change
of the recogniser uses it too: :mod:`tui.library.update`).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from tui.cleaning.learn import digests_of
from tui.index import IndexBusy, IndexCorrupt
from tui.library.boilerplate import LearnedState, group_of
from tui.library.catalog import Catalog
from tui.library.manifest import State, record_written
from tui.library.prepare import prepare_document, prepare_plain, reads_learned


def in_workers(
    fn: Callable[[Any], Any],
    items: list[Any],
    workers: int,
    count: int | None = None,
    chunksize: int = 32,
) -> list[Any] | None:
    """``fn`` over ``items`` in ``workers`` forked processes, in order; None when that is
    not worth it or not possible (too few items, or ``count`` articles when the items
    are runs of them; a process with threads: the app)."""
    many = len(items) if count is None else count
    if workers < 2 or many < 200 or threading.active_count() != 1:
        return None
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    try:
        ctx = mp.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            return list(pool.map(fn, items, chunksize=chunksize))
    except (OSError, BrokenProcessPool):
        return None  # workers cannot be started here: done in this process


def reading_learned(
    catalog: Catalog,
    state: State,
    learned: LearnedState,
    paths: list[str],
    signature: tuple[Any, ...],
    workers: int,
    extra: Callable[[str, str], dict[str, Any]],
    noted: dict[str, bytes],
) -> set[str]:
    """Which of ``paths``, just cleaned with no learned lines, have a line their source
    learned: the others read the same cleaned with them (:func:`reads_learned`), and
    are not prepared again. At 20,000 articles the sport folder learns 7 lines from 4 of
    its articles: 9 of its 4,599 articles have one, where all were prepared again.

    ``noted``: the digests of the candidate lines of some of them, as the build's
    workers read them (:func:`~tui.library.boilerplate.contributed`): those are told
    from their digests; the others are read again (at 50,000 articles, ~11,000 files of
    one folder took ~0.5 s, most of the build's end)."""
    found: set[str] = set()
    lines: dict[str, frozenset[bytes]] = {}  # group -> its learned lines, as digests
    rest = []
    for p in paths:
        if p not in state.entries:
            continue
        digests = noted.get(p)
        if digests is None:
            rest.append(p)
            continue
        group = group_of(p)
        if group not in lines:
            lines[group] = frozenset(bytes.fromhex(h) for h in learned.learned(group))
        if not lines[group].isdisjoint(digests_of(digests)):
            found.add(p)
    items = [
        catalog.item(
            p,
            state.entries[p].id,
            signature,
            learned.learned(group_of(p)),
            extra(p, state.entries[p].id),
        )
        for p in rest
    ]
    flags = in_workers(reads_learned, items, workers)
    if flags is None:
        flags = [reads_learned(item) for item in items]
    return found | {item[1] for item, flag in zip(items, flags, strict=True) if flag}


def clean_again(
    catalog: Catalog,
    state: State,
    learned: LearnedState,
    paths: list[str],
    signature: tuple[Any, ...],
    workers: int,
    disk: dict[str, tuple[int, int]],
    failed: dict[str, Any],
    cancelled: Callable[[], bool] | None,
    extra: Callable[[str, str], dict[str, Any]] | None = None,
    names: bool = True,
) -> list[str]:
    """Index ``paths`` again: their source's learned boilerplate or corrections changed.

    ``extra(path, id)``: what else the worker needs (the user's metadata correction).
    ``names``: False in the first phase of a full build (their names come after).
    """
    again = [(p, state.entries[p].id) for p in paths if p in state.entries]
    try:
        docs, warnings = catalog.index.write(
            delete=[doc_id for _, doc_id in again],
            prepare=prepare_document if names else prepare_plain,
            items=[
                catalog.item(
                    p,
                    doc_id,
                    signature,
                    learned.learned(group_of(p)),
                    extra(p, doc_id) if extra else None,
                )
                for p, doc_id in again
            ],
            workers=workers,
            cancelled=cancelled,
            names=names,
        )
    except (IndexBusy, IndexCorrupt, OSError) as exc:
        # The articles keep their cleaning until they change; the search still works.
        return [f"learned boilerplate not applied yet: {exc}"]
    record_written(state, docs, warnings, disk, failed, catalog.corpus)
    learned.update(docs, [msg.split(": ", 1)[0] for msg in warnings])
    return warnings
