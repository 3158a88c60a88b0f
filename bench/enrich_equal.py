"""A build without names, then the names added: the index one build with names makes,
and what adding them costs apart from recognising them.

    python bench/enrich_equal.py [--corpus DIR] [--workers N] [--cost [--rounds N]]
                                 [--plain DIR] [--tmp DIR]

The default (the check): the corpus (default ``../shared/corpora/bbc``) is indexed
twice in this process, in fresh data folders: with its names, as ``dossier index
--rebuild`` does, and without them (every article prepared as the build does, with
no recogniser: ``SearchIndex.write(..., names=False)``, the learned boilerplate's
second pass too), then :meth:`~tui.index.SearchIndex.enrich` with the names
recognised from each document's stored title and body as the build's preparation
recognises them (``tui/library/prepare.py``). Both indexes are compared as
``bench/index_equal.py`` compares two builds, by document: stored fields, terms and
postings, field lengths, passage fingerprints, entity rows, facet records (not
the manifest, which the library writes). Exits 1 when anything differs.

``--cost``: the enrichment's own cost, with an ``add`` that returns the same few
names for every document (no recognition): CPU (this process and its workers)
and wall clock of the enrichment of the same plain index copied (the segments
copied with the names added, :mod:`tui.index.copying`) and written again (their
documents indexed again, as a build writes segments), in alternating rounds.
``--plain DIR``: a plain index made by an earlier run with ``--keep`` (else one is
built, and its build timed). ``--recognised``: one more enrichment, with the names
recognised (the enrichment as the app runs it).
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from types import SimpleNamespace
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bbc import BBC  # noqa: E402
from bench.index_equal import compare, dump  # noqa: E402

#: The config folder the names are recognised with (set before the workers fork).
CONFIG = ""


def _plain_of(read: Any) -> Any:
    """The build's second phase with no recogniser: the document without names."""
    from tui.library.prepare import document_of

    if isinstance(read, str):
        return read
    apath, extra, _recognizer, made = read
    return document_of((apath, extra, None, made))


def plain_prepare(item: tuple[Any, ...]) -> Any:
    from tui.library.prepare import read_document

    return _plain_of(read_document(item))


def _set_phases() -> None:
    from tui.library.prepare import read_document

    plain_prepare.phases = (read_document, _plain_of)  # type: ignore[attr-defined]


def add_names(stored: dict[str, Any]) -> dict[str, Any]:
    """The names the build's preparation finds in the article (its title and body)."""
    from tui.library.prepare import _entity_summary, tools

    _rules, recognizer = tools(CONFIG)
    article: Any = SimpleNamespace(title=stored["title"], body=stored["body"])
    fields, summary = _entity_summary(recognizer, article)
    return {**fields, "entities": summary}


FIXED = {
    "person": ["Jana Okafor", "Jana Okafor"],
    "place": ["Valmora"],
    "org": [],
    "entities": {
        "person:jana okafor": ["person", "Jana Okafor", 2, ["Jana Okafor"], [0, 1]],
        "place:valmora": ["place", "Valmora", 1, ["Valmora"], [1]],
    },
}


def fixed_names(stored: dict[str, Any]) -> dict[str, Any]:
    """The same names for every document: the enrichment without recognition."""
    return FIXED


@contextmanager
def without_names() -> Iterator[None]:
    """The library's builds write their documents without names, in plain segments."""
    from tui.index import SearchIndex
    from tui.library import update

    _set_phases()
    write = SearchIndex.write

    def plain_write(self: SearchIndex, **kwargs: Any) -> Any:
        return write(self, **kwargs, names=False)

    saved = update.prepare_document
    update.prepare_document = plain_prepare  # type: ignore[assignment]
    SearchIndex.write = plain_write  # type: ignore[method-assign]
    try:
        yield
    finally:
        update.prepare_document = saved
        SearchIndex.write = write  # type: ignore[method-assign]


def _cpu() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, kids.ru_utime + kids.ru_stime


#: The CPU seconds of this process in the last :func:`timed` (the rest: its workers').
OWN = [0.0]


def timed(run: Callable[[], Any]) -> tuple[Any, float, float]:
    """(what ``run`` returns, wall seconds, CPU seconds of this process and its children)."""
    cpu, wall = _cpu(), time.perf_counter()
    out = run()
    wall = time.perf_counter() - wall
    after = _cpu()
    OWN[0] = after[0] - cpu[0]
    return out, wall, after[0] + after[1] - cpu[0] - cpu[1]


def build(corpus: Path, index: Path, workers: int, names: bool) -> Any:
    from tui.library import Library

    global CONFIG
    lib = Library.open(corpus, index_dir=index)
    CONFIG = str(lib.config_dir)
    if names:
        _, wall, cpu = timed(lambda: lib.update_index(workers=workers, fresh=True))
    else:
        with without_names():
            _, wall, cpu = timed(lambda: lib.update_index(workers=workers, fresh=True))
    print(f"  build {'with' if names else 'without'} names: {wall:.2f} s wall, {cpu:.2f} s CPU")
    return lib


def check(corpus: Path, work: Path, workers: int) -> bool:
    build(corpus, work / "built", workers, True)
    plain = build(corpus, work / "plain", workers, False)
    docs = plain.index.plain_documents()
    done, wall, cpu = timed(lambda: plain.index.enrich(add_names, workers=workers))
    print(f"  enrich: {done} of {docs} documents, {wall:.2f} s wall, {cpu:.2f} s CPU")
    assert plain.index.plain_documents() == 0
    this, ref = dump(work / "plain"), dump(work / "built")
    for found in (this, ref):  # (the library's: the entity hashes come with the names)
        for part in [p for p in found if p.startswith("manifest")]:
            del found[part]
    return compare(ref, this)


def cost(
    corpus: Path, work: Path, workers: int, rounds: int, plain: Path | None, recognised: bool
) -> None:
    from tui.index import SearchIndex, enriched
    from tui.index.errors import NotCopyable

    global CONFIG
    if plain is None:
        plain = work / "plain"
        build(corpus, plain, workers, False)
    else:
        from tui.library import Library

        CONFIG = str(Library.open(corpus, index_dir=plain).config_dir)
    original = enriched.copy_segments

    def refuse(*args: Any) -> Any:
        raise NotCopyable("written again, for the bench")

    results: dict[str, list[tuple[float, float, float]]] = {
        "copied": [],
        "copied, stored by the parent": [],
        "written again": [],
    }
    stored_bytes = enriched.stored_bytes
    docs = SearchIndex(plain).plain_documents()
    for _ in range(rounds):
        for how in results:
            scratch = work / "scratch"
            shutil.rmtree(scratch, ignore_errors=True)
            shutil.copytree(plain, scratch)
            index = SearchIndex(scratch)
            copied = how.startswith("copied")
            enriched.copy_segments = original if copied else refuse  # type: ignore[assignment]
            # (the workers pickle the documents' stored fields, or the parent does)
            enriched.stored_bytes = stored_bytes if how == "copied" else refuse  # type: ignore[assignment]
            done, wall, cpu = timed(partial(index.enrich, fixed_names, workers=workers))
            assert done == docs, (done, docs)
            results[how].append((wall, cpu, OWN[0]))
            index.close()
    enriched.copy_segments = original  # type: ignore[assignment]
    enriched.stored_bytes = stored_bytes  # type: ignore[assignment]
    if recognised:
        scratch = work / "scratch"
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.copytree(plain, scratch)
        index = SearchIndex(scratch)
        done, wall, cpu = timed(partial(index.enrich, add_names, workers=workers))
        print(f"  enrichment with the names recognised: {wall:.2f} s wall, {cpu:.2f} s CPU")
        index.close()
    shutil.rmtree(work / "scratch", ignore_errors=True)
    print(f"  enrichment of {docs} documents, fixed names, {workers} workers, {rounds} rounds:")
    for how, found in results.items():
        walls = sorted(w for w, _, _ in found)
        cpus = sorted(c for _, c, _ in found)
        owns = sorted(o for _, _, o in found)
        wall, cpu, own = (x[len(x) // 2] for x in (walls, cpus, owns))
        print(
            f"    {how:28} median {wall:6.2f} s wall, {cpu:6.2f} s CPU, {own:6.2f} s of it "
            f"this process's ({1000 * cpu / max(1, docs):.3f} ms CPU a document; "
            f"walls {' '.join(f'{w:.2f}' for w, _, _ in found)})"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=BBC)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cost", action="store_true", help="time the enrichment")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--plain", type=Path, help="a plain index made before (--cost)")
    parser.add_argument("--recognised", action="store_true", help="and with the names (--cost)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--tmp", type=Path, help="where the temporary folder goes")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir():
        raise SystemExit(f"no corpus at {args.corpus}")
    work = args.keep or Path(tempfile.mkdtemp(prefix="enrich-equal-", dir=args.tmp))
    work.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        DOSSIER_HOME=str(work),
        DOSSIER_DATA_DIR=str(work / "data"),
        DOSSIER_CONFIG_DIR=str(work / "config"),
        DOSSIER_NO_SERVER="1",
    )
    print(f"corpus {args.corpus}, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    try:
        if args.cost:
            cost(args.corpus, work, args.workers, args.rounds, args.plain, args.recognised)
            same = True
        else:
            same = check(args.corpus, work, args.workers)
            print("same index" if same else "THE INDEXES DIFFER")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
