"""Two checkouts' apps on one corpus, quiet and busy, in alternating rounds (issue 13).

    python bench/app_rounds.py CORPUS --home HOME --ref DIR --ref-home HOME2 [--rounds 3]
                               [--only PARTS] [--quiet-only] [--cold]

Runs ``bench/app_bench.py --machine --no-update`` (this checkout's bench, so both apps
are timed with the same measure) once per round for each checkout, ``--ref``'s app
through ``--code`` and this checkout's own, each alone (quiet) and with a second
process busy on both cores (``while True: pass`` on each, as ``bench/scale.py``'s
harness does), the four runs of a round one after the other so that they share the
machine's load. Each run starts from the same session (the article the user left and
the list's order, as ``HOME``'s data folder had them when this began): the bench's
own opens move it otherwise. Prints, per checkout, the median over the rounds of each
figure quiet and busy, the busy/quiet ratio, and the load average before and after.
Each checkout's app runs with its own checkout's Python (``.venv/bin/python``) when
it has one, so that its compiled modules are the ones loaded.

``HOME`` (this checkout's) and ``HOME2`` (``--ref``'s) are Dossier homes
(``DOSSIER_HOME``) whose data folder holds the corpus's index, up to date for that
checkout: copies (``cp -a``) of one home, each brought up to date by a first run of its
checkout's app (the app writes its session there, and two checkouts sharing one home
would each find the other's configuration fingerprints and update the index at every
launch: their bundled configuration lies in different folders).

Before each run the home's files and the corpus's are read once, so that both apps
start from the page cache (this machine's kernel reclaims pages unused for a while: a
home left alone for an hour came back from disk and every search of that run was
several times slower, for either checkout). ``--cold`` skips it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

from procs import app_bench

REPO = Path(__file__).resolve().parent.parent
#: The figures printed, in this order (app_bench's --machine names).
SHOWN = [
    ("first_article_ms", "launch -> first article, ms"),
    ("launch_pause_max_ms", "longest pause, launch (first frame -> index ready), ms"),
    ("launch_pauses_over_50ms", "pauses over 50 ms, launch"),
    ("launch_gc_count", "full collections, launch"),
    ("launch_ui_cpu_max_ms", "UI thread's CPU in one launch pause, ms"),
    ("launch_worker_cpu_max_ms", "a worker's CPU in one launch pause, ms"),
    ("use_pause_max_ms", "longest pause, use (searching, opening), ms"),
    ("search_p95_ms", "search p95, ms"),
    ("open_p95_ms", "open p95, ms"),
    ("rss_mb", "RSS, the larger of ready / end, MB"),
]


def python_of(checkout: Path) -> str:
    own = checkout / ".venv" / "bin" / "python"
    return str(own) if own.exists() else sys.executable


def one_run(checkout: Path, corpus: Path, home: Path, only: str, *, busy: bool) -> dict[str, float]:
    extra = ("--only", only, "--code", str(checkout))
    out = app_bench(python_of(checkout), str(corpus), str(home), *extra, busy=busy)
    figures = {}
    for line in out.stdout.splitlines():
        name, sep, value = line.partition("=")
        if sep:
            try:
                figures[name] = float(value)
            except ValueError:
                continue
    if not figures:
        print(out.stdout[-2000:], out.stderr[-2000:], file=sys.stderr)
    return figures


def sessions(home: Path) -> dict[Path, bytes]:
    """Every corpus's session file in ``home``'s data folder, as it is now."""
    return {p: p.read_bytes() for p in (home / "data").glob("corpora/*/session.json")}


def warm(*folders: Path) -> None:
    """Read every regular file under ``folders`` once, so they are in the page cache."""
    for folder in folders:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                try:
                    with open(os.path.join(root, name), "rb", buffering=0) as handle:
                        while handle.read(1 << 20):
                            pass
                except OSError:
                    continue


def load() -> str:
    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _median(runs: list[dict[str, float]], key: str) -> float:
    """The median of ``key`` over the runs that gave it (a run that failed gave
    nothing: its NaN made the median of every figure NaN); NaN when none did."""
    values = [r[key] for r in runs if key in r]
    return statistics.median(values) if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--home", type=Path, required=True, help="this checkout's home")
    parser.add_argument("--ref", type=Path, required=True, help="the other checkout")
    parser.add_argument("--ref-home", type=Path, required=True, help="--ref's home")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", default="launch,search,open")
    parser.add_argument("--quiet-only", action="store_true", help="no busy runs")
    parser.add_argument("--cold", action="store_true", help="do not read the files first")
    args = parser.parse_args()
    checkouts = {"ref": args.ref.resolve(), "this": REPO}
    homes = {"ref": args.ref_home, "this": args.home}
    kept = {**sessions(args.home), **sessions(args.ref_home)}
    modes = ["quiet"] if args.quiet_only else ["quiet", "busy"]
    runs: dict[tuple[str, str], list[dict[str, float]]] = {}
    print(f"load average before: {load()} ({os.cpu_count()} cores)")
    for round_ in range(args.rounds):
        order = list(checkouts.items())
        if round_ % 2:
            order.reverse()
        for mode in modes:
            for name, checkout in order:
                for path, data in kept.items():
                    path.write_bytes(data)
                if not args.cold:
                    warm(homes[name], args.corpus)
                figures = one_run(
                    checkout, args.corpus, homes[name], args.only, busy=mode == "busy"
                )
                runs.setdefault((name, mode), []).append(figures)
                shown = ", ".join(
                    f"{k.removesuffix('_ms')} {figures.get(k, float('nan')):.0f}"
                    for k in ("first_article_ms", "launch_pause_max_ms", "search_p95_ms", "rss_mb")
                )
                print(f"round {round_ + 1} {name:4} {mode:5}: {shown}  (load {load()})", flush=True)
    for path, data in kept.items():
        path.write_bytes(data)
    print(f"load average after: {load()}")
    width = max(len(label) for _, label in SHOWN)
    head = "".join(f"{f'{n} {m}':>12}" for n in checkouts for m in modes)
    ratios = "".join(f"{f'{n} b/q':>10}" for n in checkouts) if "busy" in modes else ""
    print(f"{'median of ' + str(args.rounds) + ' rounds':{width}}{head}{ratios}")
    for (name, mode), figures in runs.items():
        failed = sum(1 for r in figures if not r)
        if failed:  # (its output was printed above; the medians are of the others)
            print(f"{name} {mode}: {failed} of {len(figures)} runs failed")
    for key, label in SHOWN:
        medians = {(n, m): _median(runs[(n, m)], key) for n in checkouts for m in modes}
        line = "".join(f"{medians[(n, m)]:12.0f}" for n in checkouts for m in modes)
        if "busy" in modes:
            for n in checkouts:
                quiet = medians[(n, "quiet")]
                line += f"{medians[(n, 'busy')] / quiet:10.2f}" if quiet else f"{'-':>10}"
        print(f"{label:{width}}{line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
