"""Incremental updates of a large index (run by hand): what a user feels after the
first build.

    python bench/additions.py [--size 50k] [--work DIR] [--additions 20] [--rounds 2]

On a copy of the ``--size`` corpus of ``bench/scale.py`` (made in ``--work``, or
linked from an existing ``corpus-N`` folder there, and its index built once and
kept), one whole ``dossier`` process each time, as from a shell:

* ``dossier index`` on the unchanged folder (``--repeat`` runs): wall clock, CPU;
* ``dossier search QUERY --no-server`` over the query list of ``bench/scale.py``
  (``--rounds`` rounds): p50 / p95, with the index's size and segment count; and the
  same queries inside one process that has the index open (as the app and the
  search server have), where the number of segments shows;
* ``--additions`` times: 100 new articles, then ``dossier index``; then 100 of them
  edited, 100 renamed and 100 deleted, each followed by ``dossier index``;
* the searches, size and segments again after all that, and with ``--verify`` a
  fresh build of the folder as it is then, whose search results must be the same;
* with ``--compare 20,50``: after that many additions, the searches (in one process
  and whole processes, taken in turn) on the updated index and on a fresh build of
  the folder as it is then, with each one's segments and deleted documents.

The articles the bench adds are removed at the end and the index brought back in
step, so the next run starts from the same state. The load average is printed: the
machine is shared, CPU times hold under load, wall clocks do not.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from procs import Run, run
from scale import BBC, QUERIES, dossier, folder_mb, make_corpus, pct, read_bbc, write_copies

ADDED = "bench-added"


def index_dir(home: Path) -> Path | None:
    found = sorted(home.glob("data/corpora/*/index/dossier-meta.json"))
    return found[0].parent if found else None


def segments(home: Path) -> int:
    folder = index_dir(home)
    if folder is None:
        return 0
    # a segment Dossier writes has a .trm file; one Whoosh's writer merged, a .seg
    ids = {p.name.split(".")[0] for p in folder.glob("MAIN_*") if p.suffix in (".trm", ".seg")}
    return len(ids)


def searches(cmd: list[str], corpus: Path, env: dict[str, str], rounds: int) -> list[Run]:
    out = []
    for _ in range(rounds):
        for query in QUERIES:
            r = run([*cmd, "search", "--corpus", str(corpus), "--no-server", query], env)
            if r.code not in (0, 1):
                raise SystemExit(f"dossier search {query!r} failed:\n{r.out}")
            out.append(r)
    return out


WARM = r"""
import json, sys, time
from tui.library import Library
lib = Library.open(sys.argv[1])
lib.update_index()
queries = json.loads(sys.argv[2])
times = []
for _ in range(int(sys.argv[3])):
    for q in queries:
        started, cpu = time.perf_counter(), time.process_time()
        lib.search(q, limit=20)
        times.append([time.perf_counter() - started, time.process_time() - cpu])
print(json.dumps(times))
"""


def warm(corpus: Path, env: dict[str, str], rounds: int) -> list[list[float]]:
    """Each query's [wall, CPU] seconds inside one process that has the index open (as
    the app and the search server do), after a first round not counted. (``-P``: not the
    ``tui`` of the folder the bench runs in, but the one ``dossier`` runs: ``--other``'s
    PYTHONPATH.) The CPU time holds under load; at load 20 the wall clocks of two
    indexes measured in turn differed twice over."""
    r = run(
        [sys.executable, "-P", "-c", WARM, str(corpus), json.dumps(QUERIES), str(rounds + 1)], env
    )
    if r.code:
        raise SystemExit(f"in-process searches failed:\n{r.out}")
    times = json.loads(r.out.strip().splitlines()[-1])
    return times[len(QUERIES) :]


SHAPE = r"""
import json, sys
from tui.library import Library
lib = Library.open(sys.argv[1])
ix = lib.index.ix
print(json.dumps([ix.doc_count_all(), ix.doc_count()]))
"""


def shape(corpus: Path, env: dict[str, str]) -> str:
    """The index's segments and deleted documents."""
    r = run([sys.executable, "-P", "-c", SHAPE, str(corpus)], env)
    if r.code:
        return "?"
    stored, live = json.loads(r.out.strip().splitlines()[-1])
    home = Path(env["DOSSIER_HOME"])
    return f"{segments(home)} segments, {stored - live:,} deleted of {stored:,}"


def compare(
    cmd: list[str],
    corpus: Path,
    updated: list[tuple[str, dict[str, str]]],
    rounds: int,
    label: str,
    work: Path,
) -> None:
    """Searches on the updated indexes and on a fresh build of the same folder, in turn."""
    fresh_home = work / "home-compare"
    shutil.rmtree(fresh_home, ignore_errors=True)
    fresh_env = dict(updated[0][1], DOSSIER_HOME=str(fresh_home))
    built = index(cmd, corpus, fresh_env, f"fresh build to compare ({label})")
    for name, env in updated:
        index(cmd, corpus, env, f"{name} index brought up to date")
    sides = [*updated, ("fresh build", fresh_env)]
    shapes = [shape(corpus, env) for _, env in sides]
    whole: list[list[Run]] = [[] for _ in sides]
    warm_times: list[list[list[float]]] = [[] for _ in sides]
    for k in range(2):
        order = list(range(len(sides)))
        for side in order if k == 0 else order[::-1]:
            warm_times[side].extend(warm(corpus, sides[side][1], rounds + 1))
    for _ in range(rounds):
        for query in QUERIES:
            for side, (_, env) in enumerate(sides):
                whole[side].extend(searches_of(cmd, corpus, env, query))
    same = [answers(cmd, corpus, env) for _, env in sides]
    print(f"after {label} (fresh build {built.wall:.1f} s wall; load {load()}):")
    for side, (name, _) in enumerate(sides[:-1]):
        print(f"  {name} finds what the fresh build finds: {same[side] == same[-1]}")
    for side, (name, _) in enumerate(sides):
        t = [wall for wall, _ in warm_times[side]]
        cpu = [c for _, c in warm_times[side]]
        print(
            f"  {name:12} {shapes[side]}; in one process p50 {pct(t, 0.5) * 1000:.1f} / "
            f"p95 {pct(t, 0.95) * 1000:.1f} ms (CPU p50 {pct(cpu, 0.5) * 1000:.1f} / "
            f"p95 {pct(cpu, 0.95) * 1000:.1f}); whole process {ms(whole[side])}"
        )
    shutil.rmtree(fresh_home, ignore_errors=True)


def searches_of(cmd: list[str], corpus: Path, env: dict[str, str], query: str) -> list[Run]:
    r = run([*cmd, "search", "--corpus", str(corpus), "--no-server", query], env)
    if r.code not in (0, 1):
        raise SystemExit(f"dossier search {query!r} failed:\n{r.out}")
    return [r]


def answers(cmd: list[str], corpus: Path, env: dict[str, str]) -> list[list[str]]:
    """Every article each query finds (paths, sorted), to compare two indexes (the
    order may differ: scores count deleted documents until they are merged away)."""
    out = []
    for q in QUERIES:
        r = run(
            [
                *cmd,
                "search",
                "--corpus",
                str(corpus),
                "--no-server",
                "--json",
                "--limit",
                "1000000",
                q,
            ],
            env,
        )
        hits = [json.loads(line) for line in r.out.splitlines() if line.startswith("{")]
        out.append(sorted(str(h.get("path")) for h in hits if "path" in h))
    return out


def index(cmd: list[str], corpus: Path, env: dict[str, str], what: str) -> Run:
    r = run([*cmd, "index", str(corpus)], env)
    if r.code:
        raise SystemExit(f"dossier index ({what}) failed:\n{r.out}")
    print(f"  {what}: {r.wall:.2f} s wall, {r.cpu:.2f} s CPU; {r.out.strip()}", file=sys.stderr)
    return r


def replace_text(path: Path, text: str) -> None:
    """Write ``path`` anew (a new file renamed over it: the corpus may be hard links)."""
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def ms(runs: list[Run]) -> str:
    walls = [r.wall for r in runs]
    cpus = [r.cpu for r in runs]
    return (
        f"p50 {pct(walls, 0.5) * 1000:.0f} / p95 {pct(walls, 0.95) * 1000:.0f} ms "
        f"(CPU p50 {pct(cpus, 0.5) * 1000:.0f} / p95 {pct(cpus, 0.95) * 1000:.0f} ms)"
    )


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.1f} / {five:.1f} (1 / 5 min, {os.cpu_count()} cores)"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--size", default="50k", help="N or Nk articles")
    ap.add_argument("--work", type=Path, help="keep the corpus and its index here")
    ap.add_argument("--additions", type=int, default=20, help="100-article additions")
    ap.add_argument("--rounds", type=int, default=2, help="rounds over the query list")
    ap.add_argument("--repeat", type=int, default=5, help="runs of the unchanged-folder index")
    ap.add_argument("--verify", action="store_true", help="compare with a fresh build at the end")
    ap.add_argument(
        "--other",
        type=Path,
        help="another checkout: a copy of the index is updated by it too (its tui first on "
        "PYTHONPATH), and compared beside",
    )
    ap.add_argument(
        "--compare",
        default="",
        help="after these numbers of additions (20,50), searches vs a fresh build",
    )
    args = ap.parse_args()
    n = int(args.size[:-1]) * 1000 if args.size.endswith("k") else int(args.size)
    work = args.work or Path(tempfile.mkdtemp(prefix="dossier-additions-"))
    work.mkdir(parents=True, exist_ok=True)
    articles = read_bbc(BBC)
    corpus = make_corpus(n, work, articles)
    home = work / f"home-{n}"
    env = dict(os.environ, DOSSIER_HOME=str(home))
    for name in ("DOSSIER_DATA_DIR", "DOSSIER_INDEX_DIR", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    env["DOSSIER_NO_SERVER"] = "1"
    cmd = dossier()
    added = corpus / ADDED
    if added.exists():
        shutil.rmtree(added)
    print(f"load at start: {load()}", file=sys.stderr)
    index(cmd, corpus, env, "build or bring up to date")

    unchanged = [run([*cmd, "index", str(corpus), "--quiet"], env) for _ in range(args.repeat)]
    before = searches(cmd, corpus, env, args.rounds)
    warm_before = warm(corpus, env, args.rounds + 2)
    size_before, segs_before = folder_mb(home), segments(home)

    adds: list[Run] = []
    checkpoints = {int(c) for c in args.compare.split(",") if c.strip()}
    updated = [("updated", env)]
    other_home = work / f"home-{n}-other"
    if args.other:
        shutil.rmtree(other_home, ignore_errors=True)
        shutil.copytree(home, other_home, symlinks=True)
        path = os.pathsep.join([str(args.other.resolve()), env.get("PYTHONPATH", "")])
        updated.append(("other", dict(env, DOSSIER_HOME=str(other_home), PYTHONPATH=path)))
    other_adds: list[Run] = []
    try:
        for k in range(args.additions):
            write_copies(articles, added, 20_000_000 + k * 100, 100, f"{ADDED}/{k:02d}")
            adds.append(index(cmd, corpus, env, f"addition {k + 1}"))
            if args.other:
                other_adds.append(index(cmd, corpus, updated[1][1], f"addition {k + 1}, other"))
            if k + 1 in checkpoints:
                compare(cmd, corpus, updated, args.rounds, f"{k + 1} additions", work)
        files = sorted(added.rglob("*.txt"))
        for path in files[:100]:
            replace_text(path, path.read_text(encoding="utf-8") + "\n\nUpdated: a late edit.\n")
        edits = index(cmd, corpus, env, "100 edited")
        for path in files[100:200]:
            path.rename(path.with_name("renamed-" + path.name))
        renames = index(cmd, corpus, env, "100 renamed")
        for path in files[200:300]:
            path.unlink()
        deletions = index(cmd, corpus, env, "100 deleted")
        after = searches(cmd, corpus, env, args.rounds)
        warm_after = warm(corpus, env, args.rounds + 2)
        size_after, segs_after = folder_mb(home), segments(home)
        unchanged_after = [
            run([*cmd, "index", str(corpus), "--quiet"], env) for _ in range(args.repeat)
        ]
        same = None
        if args.verify:
            fresh_home = work / f"home-{n}-fresh"
            shutil.rmtree(fresh_home, ignore_errors=True)
            fresh_env = dict(env, DOSSIER_HOME=str(fresh_home))
            index(cmd, corpus, fresh_env, "fresh build to compare")
            same = answers(cmd, corpus, env) == answers(cmd, corpus, fresh_env)
            shutil.rmtree(fresh_home, ignore_errors=True)
    finally:
        shutil.rmtree(added, ignore_errors=True)
        shutil.rmtree(other_home, ignore_errors=True)
        subprocess.run([*cmd, "index", str(corpus), "--quiet"], env=env, check=False)

    walls = [r.wall for r in adds]
    print()
    print(f"corpus: {n:,} articles; {args.additions} additions of 100; load now {load()}")
    print(f"`dossier index`, unchanged folder: {ms(unchanged)}")
    print(f"                 after the updates: {ms(unchanged_after)}")
    if adds:
        print(
            f"adding 100 articles: p50 {pct(walls, 0.5):.2f} / max {max(walls):.2f} s wall; "
            f"CPU p50 {pct([r.cpu for r in adds], 0.5):.2f} / max {max(r.cpu for r in adds):.2f} s"
        )
        print("  each: " + ", ".join(f"{r.wall:.1f}" for r in adds) + " s")
    if other_adds:
        print(
            f"  other: p50 {pct([r.wall for r in other_adds], 0.5):.2f} / max "
            f"{max(r.wall for r in other_adds):.2f} s wall; CPU p50 "
            f"{pct([r.cpu for r in other_adds], 0.5):.2f} / max "
            f"{max(r.cpu for r in other_adds):.2f} s"
        )
    for label, r in (
        ("editing 100", edits),
        ("renaming 100", renames),
        ("deleting 100", deletions),
    ):
        print(f"{label}: {r.wall:.2f} s wall, {r.cpu:.2f} s CPU")
    print(f"`dossier search --no-server` before: {ms(before)}")
    print(f"                          after:  {ms(after)}")
    for label, times in (("before", warm_before), ("after", warm_after)):
        walls, cpus = [w for w, _ in times], [c for _, c in times]
        print(
            f"searches in a process with the index open (the app, the server), {label}: "
            f"p50 {pct(walls, 0.5) * 1000:.1f} / p95 {pct(walls, 0.95) * 1000:.1f} ms "
            f"(CPU p50 {pct(cpus, 0.5) * 1000:.1f} / p95 {pct(cpus, 0.95) * 1000:.1f} ms)"
        )
    print(
        f"index + data folder: {size_before:.0f} MB, {segs_before} segments before; "
        f"{size_after:.0f} MB, {segs_after} segments after"
    )
    if same is not None:
        print(f"search results after the updates equal a fresh build's: {same}")
        return 0 if same else 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
