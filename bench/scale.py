"""Dossier at scale: the BBC corpus and 20,000 / 50,000-article copies of it (run by hand).

    python bench/scale.py [--sizes bbc,20k,50k] [--work DIR] [--additions 20] [--app]
        [--ref CHECKOUT] [--builds N]

For each size it makes the corpus (BBC articles copied with their paragraphs shuffled
and a few words changed, so that no two are the same) in a temporary folder, builds a
SQLite FTS5 index of the same files in the same run as the reference, and measures the
``dossier`` command as a user runs it, one whole process each time:

* ``dossier index``, a full build: wall clock, CPU time of every process, the peak
  memory of the largest process (max RSS) and of all of them together (the sum of
  their PSS, sampled every 0.1 s); FTS5 the same way, as the reference. A full build
  comes in two phases (tui.library.naming): "searchable" is the time from the start
  of the process to the line it prints once the folder is searchable, "names done"
  the whole build; with ``--ref CHECKOUT``, that checkout's full build too (its own
  data folder; its "searchable" too when it builds in two phases), run between FTS5
  and this one, the two ``--builds`` times alternated, and the whole build's time to
  the names is compared with it. FTS5 builds once a round, first: the best of the
  rounds is the reference, and each round's ratio is printed as it ends;
* ``dossier index`` on the unchanged folder;
* ``dossier search QUERY``, whole process, over a list of queries: p50/p95 warm (the
  corpus's search server running, ``dossier server run``) and cold (``--no-server``:
  Python, the imports and the index opened on every run), against ripgrep (``rg -l -i
  -w``) over the same folder for the one-word queries, the three interleaved query by
  query so that they share the same load;
* the index and data folder on disk, against the FTS5 database;
* at the largest size, adding 100 articles ``--additions`` times: each update, the
  search p95 after them and the index's size after (``bench/additions.py`` does
  this on its own, with edits, renames and deletions, in-process search times
  and the segment count, on a kept index: no full build each run);
* with ``--app``, ``bench/app_bench.py`` on the largest corpus: launch to first
  article, pauses, resident memory (quiet, and with a second process busy on both cores).

The machine is often shared: the load average is printed before and after each size,
and the table says when it was high. CPU times are robust to load; wall clocks are not.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bbc import bbc_articles
from procs import Run, app_bench, run

REPO = Path(__file__).resolve().parent.parent
BBC = REPO.parent / "shared" / "corpora" / "bbc"
#: Searches as a user types them at a shell: words, phrases, operators, fields, a prefix.
QUERIES = [
    "economy",
    "chelsea",
    "broadband",
    "oscar",
    "microsoft",
    "virus",
    "election labour",
    "oil prices",
    '"prime minister"',
    "blair OR brown",
    "tax NOT income",
    "title:profit",
    'person:"tony blair"',
    "place:london",
    "govern*",
    "interest rates rise",
]
#: The one-word queries, which ripgrep answers too (as whole words, any case).
WORDS = [q for q in QUERIES if re.fullmatch(r"[a-z]+", q)]
HIGH_LOAD = 1.0  # per core: above this the wall clocks are marked unreliable


# ---------------------------------------------------------------------------
# The corpora


def read_bbc(folder: Path) -> list[tuple[str, str, list[str]]]:
    """(topic, title, paragraphs) of every BBC article."""
    return [(path.parent.name, title, paras) for path, title, paras in bbc_articles(folder)]


def write_copies(
    articles: list[tuple[str, str, list[str]]],
    target: Path,
    start: int,
    count: int,
    folder: str | None = None,
) -> list[Path]:
    """``count`` articles numbered from ``start``: copies of BBC articles with the
    paragraphs shuffled and a few words swapped for words of another article."""
    vocabulary = [w for _, _, paras in articles[:400] for p in paras[:1] for w in p.split()]
    written = []
    for n in range(start, start + count):
        rng = random.Random(n)
        topic, title, paragraphs = articles[n % len(articles)]
        paragraphs = paragraphs[:]
        rng.shuffle(paragraphs)
        words = "\n\n".join(paragraphs).split(" ")
        for _ in range(3):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        title_words = title.split(" ")
        title_words[rng.randrange(len(title_words))] = rng.choice(vocabulary)
        path = target / (folder or topic) / f"{n:06d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(" ".join(title_words) + "\n\n" + " ".join(words) + "\n", encoding="utf-8")
        written.append(path)
    return written


def make_corpus(size: int, work: Path, articles: list[tuple[str, str, list[str]]]) -> Path:
    target = work / f"corpus-{size}"
    stamp = target / ".complete"
    if stamp.exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    write_copies(articles, target, 0, size)
    stamp.write_text("")  # a dot file: Dossier does not index it
    return target


def dossier() -> list[str]:
    script = Path(sys.executable).with_name("dossier")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tui"]


def folder_mb(path: Path) -> float:
    total = 0
    for root, _, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total / 1e6


def load() -> float:
    return os.getloadavg()[0]


def pct(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


# ---------------------------------------------------------------------------
# The reference: SQLite FTS5 over the same files

FTS5_BUILD = r"""
import os, sqlite3, sys, time
corpus, db = sys.argv[1], sys.argv[2]
started = time.perf_counter()
con = sqlite3.connect(db)
con.execute("CREATE VIRTUAL TABLE docs USING fts5(path UNINDEXED, title, body,"
            " tokenize='porter unicode61')")
rows = []
for root, dirs, files in os.walk(corpus):
    dirs[:] = [d for d in dirs if not d.startswith('.')]
    for name in files:
        if name.startswith('.') or name.upper().startswith('README'):
            continue
        path = os.path.join(root, name)
        raw = open(path, 'rb').read()
        try:
            text = raw.decode('utf-8')
        except UnicodeDecodeError:
            text = raw.decode('latin-1')
        title, _, body = text.partition('\n')
        rows.append((os.path.relpath(path, corpus), title, body))
        if len(rows) == 1000:
            con.executemany("INSERT INTO docs VALUES (?, ?, ?)", rows)
            rows = []
con.executemany("INSERT INTO docs VALUES (?, ?, ?)", rows)
con.commit()
con.close()
print(f"{time.perf_counter() - started:.3f}")
"""


# ---------------------------------------------------------------------------
# One size


@dataclass
class Figures:
    name: str
    articles: int = 0
    corpus_mb: float = 0.0
    load_before: float = 0.0
    load_after: float = 0.0
    build: Run | None = None
    #: Seconds to the line saying the folder is searchable (a full build's first phase).
    searchable: float = 0.0
    #: The ``--ref`` checkout's full builds, and this checkout's, in the same run.
    ref_builds: list[Run] = field(default_factory=list)
    builds: list[Run] = field(default_factory=list)
    fts5: Run | None = None  # the best of fts5_runs (one a build round)
    fts5_runs: list[Run] = field(default_factory=list)
    fts5_inside: float = 0.0
    unchanged: list[Run] = field(default_factory=list)
    search: list[Run] = field(default_factory=list)  # cold: --no-server
    warm: list[Run] = field(default_factory=list)  # the server running
    served: int = 0  # warm searches the server answered (not fallen back to in-process)
    rg: list[Run] = field(default_factory=list)
    disk_mb: float = 0.0
    fts5_mb: float = 0.0
    adds: list[Run] = field(default_factory=list)
    search_after: list[Run] = field(default_factory=list)
    disk_after_mb: float = 0.0
    app: dict[str, str] = field(default_factory=dict)


def measure(
    name: str,
    corpus: Path,
    work: Path,
    args: argparse.Namespace,
    articles: list[tuple[str, str, list[str]]],
    largest: bool,
) -> Figures:
    fig = Figures(name)
    fig.load_before = load()
    home = work / f"home-{name}"
    if args.builds:
        shutil.rmtree(home, ignore_errors=True)
    env = dict(os.environ, DOSSIER_HOME=str(home))
    env.pop("DOSSIER_DATA_DIR", None)
    env.pop("DOSSIER_INDEX_DIR", None)
    env.pop("DOSSIER_NO_SERVER", None)
    # As installed: byte code written once and reused. Without it every process compiles
    # each module edited since the last write anew (tens of ms, more than a search takes).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    fig.corpus_mb = folder_mb(corpus)

    # Each round: FTS5 first (the first also brings the files into the page cache for
    # all), then the reference's build, then this one's. FTS5's own build moves by a
    # third from one run to the next on a shared machine: the best of the rounds is
    # the reference (each round's ratio is printed too).
    db = work / f"fts5-{name}.db"
    cmd = dossier()
    marks = {"searchable": r"^searchable "}
    for n in range(args.builds):
        db.unlink(missing_ok=True)
        fts5 = run([sys.executable, "-c", FTS5_BUILD, str(corpus), str(db)], env, sample=True)
        fig.fts5_runs.append(fts5)
        fig.fts5_mb = db.stat().st_size / 1e6
        db.unlink()
        if args.ref is not None:
            ref_home = work / f"home-{name}-ref"
            shutil.rmtree(ref_home, ignore_errors=True)
            ref_env = dict(env, DOSSIER_HOME=str(ref_home))
            ref_cmd = [str(args.ref / ".venv" / "bin" / "dossier")]
            # (not --quiet: a checkout that builds in two phases says when it is searchable;
            # sampled as this build is: reading every process's smaps_rollup ten times a
            # second costs the build it watches CPU, more with more processes, and only
            # this build paid it: names done 1.19x ref15's here, 1.00x in build_compare)
            fig.ref_builds.append(
                run([*ref_cmd, "index", str(corpus)], ref_env, sample=True, marks=marks)
            )
            shutil.rmtree(ref_home, ignore_errors=True)
        if n:
            shutil.rmtree(home, ignore_errors=True)
        build = run([*cmd, "index", str(corpus)], env, sample=True, marks=marks)
        if build.code:
            raise SystemExit(f"dossier index failed:\n{build.out}")
        fig.builds.append(build)
        said = build.marked.get("searchable", 0.0)
        line = (
            f"{name} round {n + 1}: FTS5 {fts5.wall:.2f} s; searchable {said:.2f} s "
            f"({said / fts5.wall:.2f}x), names done {build.wall:.2f} s"
        )
        if fig.ref_builds:
            ref = fig.ref_builds[-1]
            ref_said = ref.marked.get("searchable", 0.0)
            line += f"; ref searchable {ref_said:.2f} s, names done {ref.wall:.2f} s"
        print(f"{line}; load {load():.1f}", file=sys.stderr)
    if fig.builds:
        fig.fts5 = min(fig.fts5_runs, key=lambda r: r.wall)
        fig.fts5_inside = float(fig.fts5.out.strip().splitlines()[-1])
        fig.build = min(fig.builds, key=lambda r: r.wall)
        fig.searchable = min(b.marked.get("searchable", 0.0) for b in fig.builds)
    # (with --builds 0: the index kept in --work from an earlier run is brought up to
    # date here, or built, untimed; the rows of the full build show "-")
    out = run([*cmd, "index", str(corpus)], env).out
    fig.articles = int(re.search(r"([\d,]+) articles?", out).group(1).replace(",", ""))  # type: ignore[union-attr]
    fig.unchanged = [run([*cmd, "index", str(corpus), "--quiet"], env) for _ in range(args.repeat)]
    server = _start_server(cmd, corpus, env)
    try:
        before = _served(cmd, corpus, env)
        fig.warm, fig.search, fig.rg = _compared(cmd, corpus, env, args.rounds)
        fig.served = _served(cmd, corpus, env) - before
    finally:
        run([*cmd, "server", "stop", "--corpus", str(corpus)], env)
        server.wait(30)
    fig.disk_mb = folder_mb(home)

    if largest and args.additions and corpus != BBC:  # never write into ../shared
        added = corpus / "added"
        shutil.rmtree(added, ignore_errors=True)
        try:
            for n in range(args.additions):
                write_copies(articles, added, 10_000_000 + n * 100, 100, f"added/{n:02d}")
                fig.adds.append(run([*cmd, "index", str(corpus), "--quiet"], env))
            fig.search_after = _searches(cmd, corpus, env, args.rounds)
            fig.disk_after_mb = folder_mb(home)
        finally:
            shutil.rmtree(added, ignore_errors=True)
            run([*cmd, "index", str(corpus), "--quiet"], env)
    if largest and args.app:
        fig.app = _app(corpus, home, quiet=True)
        fig.app.update({f"busy_{k}": v for k, v in _app(corpus, home, quiet=False).items()})
    fig.load_after = load()
    return fig


def _search(cmd: list[str], corpus: Path, env: dict[str, str], query: str, *extra: str) -> Run:
    r = run([*cmd, "search", "--corpus", str(corpus), query, *extra], env)
    if r.code not in (0, 1):
        raise SystemExit(f"dossier search {query!r} failed:\n{r.out}")
    return r


def _searches(cmd: list[str], corpus: Path, env: dict[str, str], rounds: int) -> list[Run]:
    """Cold searches (no server) over the query list."""
    return [
        _search(cmd, corpus, env, query, "--no-server") for _ in range(rounds) for query in QUERIES
    ]


def _compared(
    cmd: list[str], corpus: Path, env: dict[str, str], rounds: int
) -> tuple[list[Run], list[Run], list[Run]]:
    """(warm, cold, ripgrep) runs, interleaved query by query: each query through the
    running server, then with ``--no-server``, then ripgrep for a one-word query. The
    warm and cold answers must be the same."""
    warm: list[Run] = []
    cold: list[Run] = []
    rg: list[Run] = []
    has_rg = shutil.which("rg") is not None
    for _ in range(rounds):
        for query in QUERIES:
            warm.append(_search(cmd, corpus, env, query))
            cold.append(_search(cmd, corpus, env, query, "--no-server"))
            if warm[-1].out != cold[-1].out or warm[-1].code != cold[-1].code:
                raise SystemExit(f"{query!r}: the server answered otherwise than in-process")
            if has_rg and query in WORDS:
                rg.append(run(["rg", "-l", "-i", "-w", query, str(corpus)], env))
    return warm, cold, rg


def _start_server(cmd: list[str], corpus: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """``dossier server run`` for ``corpus``, once it answers."""
    proc = subprocess.Popen(
        [*cmd, "server", "run", "--corpus", str(corpus)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"dossier server run exited with {proc.returncode}")
        if run([*cmd, "server", "status", "--corpus", str(corpus)], env).code == 0:
            return proc
        time.sleep(0.2)
    proc.kill()
    raise SystemExit("dossier server run did not answer in 300 s")


def _served(cmd: list[str], corpus: Path, env: dict[str, str]) -> int:
    """How many searches the running server has answered."""
    import json

    out = run([*cmd, "server", "status", "--corpus", str(corpus), "--json"], env).out
    return int(json.loads(out.strip().splitlines()[-1])["requests"])


def _app(corpus: Path, home: Path, *, quiet: bool) -> dict[str, str]:
    """``bench/app_bench.py`` on ``corpus`` (its figures by name), with ``quiet`` False
    while a second process keeps both cores busy."""
    out = app_bench(sys.executable, str(corpus), str(home), busy=not quiet).stdout
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


# ---------------------------------------------------------------------------
# The table


def _ms(values: Sequence[float]) -> str:
    return f"{pct(values, 0.5) * 1000:.0f} / {pct(values, 0.95) * 1000:.0f} ms"


def _at(values: Sequence[float], q: float) -> str:
    return f"{pct(values, q) * 1000:.0f} ms"


def _versus(mine: float, theirs: float, unit: str, digits: int = 0) -> str:
    """A figure and how many times another it is: "12.30 s (1.5x)"."""
    return f"{mine:.{digits}f} {unit} ({mine / theirs:.1f}x)"


def report(figs: list[Figures], args: argparse.Namespace) -> None:
    cores = os.cpu_count() or 1
    rows: list[tuple[str, list[str]]] = []

    def row(
        label: str, cell: Callable[[Figures], str], when: Callable[[Figures], Any] = bool
    ) -> None:
        """A row of the table: ``cell(f)`` for each size, "-" where ``when(f)`` is false."""
        rows.append((label, [cell(f) if when(f) else "-" for f in figs]))

    def built_row(
        label: str, cell: Callable[[Figures], str], when: Callable[[Figures], Any] = bool
    ) -> None:
        """A row of the full build's figures: "-" where none was timed (``--builds 0``)."""
        row(label, cell, lambda f: f.build is not None and f.fts5 is not None and when(f))

    def searches(label: str, runs: Callable[[Figures], list[Run]]) -> None:
        row(label, lambda f: _ms([r.wall for r in runs(f)]))
        row("  CPU time p50 / p95", lambda f: _ms([r.cpu for r in runs(f)]))
        row(
            "  one-word searches p95 (x ripgrep p95)",
            lambda f: _versus(
                pct(_words(runs(f), args.rounds), 0.95) * 1000,
                pct([r.wall for r in f.rg], 0.95) * 1000,
                "ms",
            ),
            lambda f: f.rg,
        )

    row("articles (corpus MB)", lambda f: f"{f.articles:,} ({f.corpus_mb:.0f} MB)")
    built_row(
        "`dossier index`, searchable (x FTS5 whole process)",
        lambda f: _versus(f.searchable, f.fts5.wall, "s", 2),
        lambda f: f.searchable,
    )
    built_row(
        "  each round: searchable x that round's FTS5",
        lambda f: " ".join(
            f"{b.marked.get('searchable', 0.0) / r.wall:.2f}x"
            for b, r in zip(f.builds, f.fts5_runs, strict=True)
        ),
        lambda f: f.searchable,
    )
    built_row(
        f"  {args.ref.name if args.ref else 'ref'}'s searchable (x FTS5)",
        lambda f: _versus(
            min(r.marked.get("searchable", 0.0) for r in f.ref_builds), f.fts5.wall, "s", 2
        ),
        lambda f: f.ref_builds and all(r.marked.get("searchable") for r in f.ref_builds),
    )
    built_row(
        "`dossier index`, names done: full build (x FTS5 whole process)",
        lambda f: _versus(f.build.wall, f.fts5.wall, "s", 2),
    )
    built_row(
        f"  {args.ref.name if args.ref else 'ref'}'s full build (x FTS5)",
        lambda f: _versus(min(r.wall for r in f.ref_builds), f.fts5.wall, "s", 2),
        lambda f: f.ref_builds,
    )
    built_row(
        "  names done vs that build, each run (best)",
        lambda f: (
            " ".join(f"{b.wall / r.wall:.2f}x" for b, r in zip(f.builds, f.ref_builds, strict=True))
            + f" ({f.build.wall / min(r.wall for r in f.ref_builds):.2f}x)"
        ),
        lambda f: f.ref_builds,
    )
    built_row(
        "  CPU time vs that build (best of each)",
        lambda f: f"{min(b.cpu for b in f.builds):.1f} / {min(r.cpu for r in f.ref_builds):.1f} s",
        lambda f: f.ref_builds,
    )
    built_row(
        "  CPU time, every process (x FTS5)", lambda f: _versus(f.build.cpu, f.fts5.cpu, "s", 2)
    )
    built_row(
        "  FTS5: whole process / inside / CPU",
        lambda f: f"{f.fts5.wall:.2f} / {f.fts5_inside:.2f} / {f.fts5.cpu:.2f} s",
    )
    built_row(
        "peak memory of the build: largest process (x FTS5)",
        lambda f: _versus(f.build.max_rss_mb, f.fts5.max_rss_mb, "MB"),
    )
    built_row(
        "  all processes together, PSS (x FTS5)",
        lambda f: _versus(f.build.pss_peak_mb, max(f.fts5.pss_peak_mb, 1), "MB"),
    )
    built_row(
        "  each process's peak RSS: `dossier` / its workers",
        lambda f: (
            f"{f.build.peaks_mb[0]:.0f} / "
            + (
                ", ".join(f"{mb:.0f}" for mb in sorted(f.build.peaks_mb[1:], reverse=True)[:4])
                or "-"
            )
            + " MB"
        ),
        lambda f: f.build.peaks_mb,
    )
    row("`dossier index`, unchanged folder p50 / p95", lambda f: _ms([r.wall for r in f.unchanged]))
    row("  CPU time p50", lambda f: _at([r.cpu for r in f.unchanged], 0.5))
    searches("**`dossier search`, whole process, warm (server) p50 / p95**", lambda f: f.warm)
    row("  answered by the server", lambda f: f"{f.served} of {len(f.warm)}")
    searches("`dossier search`, cold (--no-server) p50 / p95", lambda f: f.search)
    row(
        "ripgrep over the same folder p50 / p95",
        lambda f: _ms([r.wall for r in f.rg]),
        lambda f: f.rg,
    )
    row(
        "index + data folder on disk (x FTS5 db)",
        lambda f: _versus(f.disk_mb, f.fts5_mb, "MB") if f.fts5_mb else f"{f.disk_mb:.0f} MB",
    )
    if any(f.adds for f in figs):
        row(
            "adding 100 articles: p50 / max",
            lambda f: (
                f"{pct([r.wall for r in f.adds], 0.5):.2f} / {max(r.wall for r in f.adds):.2f} s"
            ),
            lambda f: f.adds,
        )
        row(
            "  CPU time p50",
            lambda f: f"{pct([r.cpu for r in f.adds], 0.5):.2f} s",
            lambda f: f.adds,
        )
        row(
            "  search p95 after them (before)",
            lambda f: (
                f"{_at([r.wall for r in f.search_after], 0.95)} "
                f"({_at([r.wall for r in f.search], 0.95)})"
            ),
            lambda f: f.search_after,
        )
        row(
            "  on disk after them (before)",
            lambda f: f"{f.disk_after_mb:.0f} MB ({f.disk_mb:.0f} MB)",
            lambda f: f.adds,
        )
    if any(f.app for f in figs):
        for key, label in (
            ("first_article_ms", "app: launch to first article, ms"),
            ("launch_pause_max_ms", "app: longest pause while the list loads, ms"),
            ("pause_max_ms", "app: longest pause reading/typing, ms"),
            ("search_p95_ms", "app: search p95 after debounce, ms"),
            ("open_p95_ms", "app: open article p95, ms"),
            ("rss_mb", "app: resident memory, MB"),
        ):
            row(
                f"{label} (both cores busy)",
                lambda f, k=key: (
                    f"{float(f.app.get(k, 'nan')):.0f} ({float(f.app.get('busy_' + k, 'nan')):.0f})"
                ),
                lambda f: f.app,
            )
    row(
        "load average before / after (per core)",
        lambda f: f"{f.load_before / cores:.1f} / {f.load_after / cores:.1f}",
    )

    width = max(len(label) for label, _ in rows)
    cols = [max(len(f.name), *(len(cells[i]) for _, cells in rows)) for i, f in enumerate(figs)]
    print()
    names = " | ".join(f.name.ljust(c) for f, c in zip(figs, cols, strict=True))
    print(f"| {'':<{width}} | {names} |")
    print(f"|{'-' * (width + 2)}|" + "|".join("-" * (c + 2) for c in cols) + "|")
    for label, cells in rows:
        line = " | ".join(x.ljust(c) for x, c in zip(cells, cols, strict=True))
        print(f"| {label:<{width}} | {line} |")
    worst = max(max(f.load_before, f.load_after) for f in figs) / cores
    print()
    print(
        f"queries: {len(QUERIES)} x {args.rounds} rounds; ripgrep: the {len(WORDS)} one-word "
        "queries as `rg -l -i -w`; every figure is one whole process, as from a shell; warm, "
        "cold and ripgrep interleaved query by query."
    )
    if worst > HIGH_LOAD:
        print(
            f"LOAD HIGH: the load average reached {worst:.1f} per core during the run; wall "
            "clocks are inflated (and ratios to FTS5/ripgrep less so). Compare CPU times."
        )
    else:
        print(f"load: at most {worst:.1f} per core during the run (quiet enough for wall clocks).")


def _words(runs: list[Run], rounds: int) -> list[float]:
    picked = []
    for r in range(rounds):
        for i, query in enumerate(QUERIES):
            if query in WORDS:
                picked.append(runs[r * len(QUERIES) + i].wall)
    return picked


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="bbc,20k,50k", help="bbc and/or N or Nk (comma list)")
    ap.add_argument("--work", type=Path, help="keep the corpora here (reused between runs)")
    ap.add_argument("--rounds", type=int, default=3, help="rounds over the query list")
    ap.add_argument("--repeat", type=int, default=7, help="runs of the unchanged-folder index")
    ap.add_argument("--additions", type=int, default=20, help="100-article additions at the end")
    ap.add_argument("--app", action="store_true", help="the app bench on the largest corpus")
    ap.add_argument(
        "--ref", type=Path, help="a checkout (with its .venv) whose full build is timed too"
    )
    ap.add_argument(
        "--builds", type=int, default=1, help="full builds of each (alternated with --ref)"
    )
    args = ap.parse_args()
    if not BBC.is_dir():
        print(f"no BBC corpus at {BBC}", file=sys.stderr)
        return 2
    work = args.work or Path(tempfile.mkdtemp(prefix="dossier-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    articles = read_bbc(BBC)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    figs = []
    try:
        for i, size in enumerate(sizes):
            if size == "bbc":
                corpus = BBC
            else:
                n = int(size[:-1]) * 1000 if size.endswith("k") else int(size)
                t0 = time.perf_counter()
                corpus = make_corpus(n, work, articles)
                print(f"{size}: corpus in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
            fig = measure(size, corpus, work, args, articles, largest=i == len(sizes) - 1)
            timed = (
                f"build {fig.build.wall:.1f} s (FTS5 {fig.fts5.wall:.2f} s), "
                if fig.build and fig.fts5
                else ""
            )
            print(
                f"{size}: {timed}"
                f"search p95 warm {pct([r.wall for r in fig.warm], 0.95) * 1000:.0f} ms, "
                f"cold {pct([r.wall for r in fig.search], 0.95) * 1000:.0f} ms",
                file=sys.stderr,
            )
            figs.append(fig)
    finally:
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    report(figs, args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
