"""How long an entity correction takes to show, and whether its index is a rebuild's.

    python bench/correction.py [--corpus DIR] [--home DIR] [--modes selective,full]
                               [--compare] [--keep DIR] [--only N] [--first-workers N]

A user corrects an entity in the app's entities pane (``T`` a type, ``X`` no entity,
``m`` a merge): the correction is written to ``entities.yaml``
(:mod:`tui.ner.curation`), the open article's entities are found again (the pane and
the reader show them), and the index is updated (search, counts and facets show it).
For each of a few corrections (a type, a new entity with an accent the text does not
write, a multi-word merge, a name with an apostrophe no longer an entity, a
correction taken back), this prints the time of each step, as the app's worker
thread does them (one process, the articles prepared in it):

* ``write``: the correction saved; ``pane``: the open article's entities found again
  (an article that names it); ``update``: the index update; ``search``: a
  ``person:``/``org:``/``place:`` search for the name after it;
* ``compared``: the articles prepared again to compare their entities; ``changed``:
  those whose entities differed, indexed again.

Each correction runs in each mode of ``--modes`` in turn (taken back after each
with an update of the same mode): ``selective``, this checkout (only the articles
whose text may hold a name the change touched are compared:
tui.library.rereading); ``full``, as before it (every article compared). The load
average is printed before and after.

``--home DIR`` starts from a built Dossier home (copied into the work folder first:
the given one is never changed); else the corpus is indexed first. ``--compare``
applies every correction (selective), then builds a fresh index with the same
corrections and compares the two by content (bench/index_equal.py's dump: every
stored field, term, posting, sidecar row, facet record and the manifest); exits 1
when they differ.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bbc import BBC  # noqa: E402


def corrections() -> list[tuple[str, Callable[[Path], None], Callable[[Path], None], str]]:
    """(label, apply, take back, a query that shows it) of the corrections tried."""
    from tui.ner import curation

    def remove(name: str) -> Callable[[Path], None]:
        def undo(path: Path) -> None:
            # the app has no "take back": the user's list is edited (as by hand)
            from tui.gazetteer import fold

            data = curation._load(path)
            key = fold(name)
            data["entities"] = [
                e for e in data["entities"] if all(fold(n) != key for n in curation._names(e))
            ]
            data["ignore"] = [n for n in data["ignore"] if fold(n) != key]
            curation._save(path, data)

        return undo

    return [
        (
            "type: Chelsea is an org",
            lambda p: curation.set_entity_type(p, "Chelsea", "org"),
            remove("Chelsea"),
            'org:"Chelsea"',
        ),
        (
            "new entity: Arsène Wenger (texts write Arsene)",
            lambda p: curation.set_entity_type(p, "Arsène Wenger", "org"),
            remove("Arsène Wenger"),
            'org:"Arsène Wenger"',
        ),
        (
            "merge: Blair into Tony Blair",
            lambda p: curation.merge_entities(p, "Tony Blair", "Blair", "person"),
            remove("Tony Blair"),
            'person:"Tony Blair"',
        ),
        (
            "no entity: Ronnie O'Sullivan",
            lambda p: curation.ignore_name(p, "Ronnie O'Sullivan"),
            remove("Ronnie O'Sullivan"),
            "O'Sullivan",
        ),
        (
            "merge: Biden into Joe Biden",
            lambda p: curation.merge_entities(p, "Joe Biden", "Biden", "person"),
            remove("Joe Biden"),
            'person:"Joe Biden"',
        ),
        (
            "new entity: Fórmula Indy (as written)",
            lambda p: curation.set_entity_type(p, "Fórmula Indy", "org"),
            remove("Fórmula Indy"),
            'org:"Fórmula Indy"',
        ),
        (
            "type: Donald Trump is a place",
            lambda p: curation.set_entity_type(p, "Donald Trump", "place"),
            remove("Donald Trump"),
            'place:"Donald Trump"',
        ),
    ]


def _load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


class Counting:
    """Counts the articles an update prepares to compare their entities."""

    def __init__(self) -> None:
        from tui.library import update as update_mod

        self.mod = update_mod
        self.original = update_mod._entities_differing
        self.compared = 0
        update_mod._entities_differing = self._counted

    def _counted(self, catalog: Any, paths: list[str], *args: Any) -> set[str]:
        self.compared += len(paths)
        return self.original(catalog, paths, *args)


def _mode(name: str) -> None:
    """``full``: every article compared, as before tui.library.rereading."""
    from tui.library import rereading, update

    update.articles_to_compare = (
        (lambda index, before, now: None) if name == "full" else rereading.articles_to_compare
    )


def _article_with(lib: Any, query: str) -> str | None:
    try:
        hits = lib.search(query.split(":", 1)[-1].strip('"'), limit=1).hits
    except Exception:  # noqa: BLE001 - a query this corpus cannot run
        return None
    return hits[0].id if hits else None


def run(
    corpus: Path, home: Path, modes: list[str], compare: bool, only: int, first_workers: int
) -> int:
    os.environ["DOSSIER_HOME"] = str(home)
    os.environ["DOSSIER_NO_SERVER"] = "1"
    from tui.library import Library

    config = home / "config"
    config.mkdir(parents=True, exist_ok=True)
    entities = config / "entities.yaml"
    counting = Counting()
    lib = Library.open(corpus)
    t = time.perf_counter()
    report = lib.update_index(workers=first_workers)
    print(
        f"{corpus} ({lib.index.doc_count()} articles): first update {time.perf_counter() - t:.1f} s"
        f" ({report.added} added, {report.changed} changed); {_load()}"
    )
    print(
        f"{'correction':48} {'mode':9} {'write':>6} {'pane':>6} {'update':>7} {'search':>6}"
        f" {'compared':>8} {'changed':>7}"
    )
    for label, apply, undo, query in corrections()[:only]:
        article = _article_with(lib, query)
        for mode in modes:
            _mode(mode)
            for step, change in (("", apply), ("(back)", undo)):
                counting.compared = 0
                t0 = time.perf_counter()
                change(entities)
                t1 = time.perf_counter()
                if article is not None:
                    lib.entities(article)
                t2 = time.perf_counter()
                report = lib.update_index(workers=1)
                t3 = time.perf_counter()
                try:
                    lib.search(query, limit=20)
                except Exception:  # noqa: BLE001 - shown as a dash
                    pass
                t4 = time.perf_counter()
                name = label if not step else f"  {step}"
                print(
                    f"{name[:48]:48} {mode:9} {t1 - t0:6.2f} {t2 - t1:6.2f} {t3 - t2:7.2f}"
                    f" {t4 - t3:6.2f} {counting.compared:8} {report.changed:7}",
                    flush=True,
                )
    print(_load())
    if not compare:
        return 0
    _mode("selective")
    for _, apply, _, _ in corrections():
        apply(entities)
        lib.update_index(workers=1)
    lib.close()
    from bench.index_equal import compare as compare_dumps
    from bench.index_equal import dump

    fresh_dir = home / "fresh-index"
    fresh = Library.open(corpus, index_dir=fresh_dir)
    t = time.perf_counter()
    fresh.update_index(workers=1, fresh=True)
    print(f"fresh build with every correction: {time.perf_counter() - t:.1f} s; {_load()}")
    fresh.close()
    same = compare_dumps(dump(fresh_dir), dump(lib.paths.index))
    print("index after the corrections == a fresh build's:", "yes" if same else "NO")
    return 0 if same else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=BBC)
    parser.add_argument("--home", type=Path, help="a built Dossier home (copied first)")
    parser.add_argument("--modes", default="selective,full")
    parser.add_argument("--compare", action="store_true")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    parser.add_argument("--only", type=int, default=99, help="the first N corrections only")
    parser.add_argument(
        "--first-workers", type=int, default=2, help="processes of the first update (the app: 1)"
    )
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="correction-"))
    home = work / "home"
    try:
        if args.home is not None and not home.exists():
            t = time.perf_counter()
            shutil.copytree(args.home, home, symlinks=True)
            print(f"copied {args.home} in {time.perf_counter() - t:.1f} s")
        return run(
            args.corpus.resolve(),
            home,
            args.modes.split(","),
            args.compare,
            args.only,
            args.first_workers,
        )
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
