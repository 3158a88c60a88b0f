"""Kill `dossier index` at random moments; search must work and agree with a clean build.

    python bench/robustness.py [CORPUS] [--rounds 10] [--seed N] [--workers N]

The corpus (default: the BBC corpus in ../shared/corpora/bbc) is copied to a
temporary folder and indexed once cleanly as the reference, and its answers to a
fixed list of queries are kept (the set of matching ids). Then, in one data
folder, each round starts `dossier index` (in turn a first build, a `--rebuild`
over a whole index, and an update after 40% of the files were touched, which
re-indexes them with the same text), kills it with SIGKILL at
a random moment within the time a clean build takes, and runs every query with
`dossier search`. A round passes when every search exits 0 or 1 (never 2, never
a traceback), answers what the clean build answers, no worker process outlives
the kill for more than a few seconds, and no partial segment is left behind once
the index is whole. It prints one line per round and a summary; exit 1 if any
round failed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bbc import BBC as DEFAULT_CORPUS
from bbc import REPO

QUERIES = [
    "economy",
    '"prime minister"',
    "blair OR brown",
    "tax NOT income",
    "econom*",
    "champions league",
    "title:profit",
    'person:"tony blair"',
    "place:london",
    "lavrof~",
]


def dossier(args: list[str], env: dict[str, str], timeout: float = 600) -> Any:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
        cwd=REPO,
    )


Answers = dict[str, tuple[int, frozenset[str]]]


def answers(corpus: Path, env: dict[str, str]) -> tuple[Answers, list[str]]:
    """{query: (exit code, ids)} and the problems seen (exit 2, tracebacks, stderr noise)."""
    out: Answers = {}
    problems: list[str] = []
    for query in QUERIES:
        done = dossier(["search", query, "--corpus", str(corpus), "--json", "--limit", "5000"], env)
        ids = frozenset(json.loads(line)["id"] for line in done.stdout.splitlines() if line.strip())
        out[query] = (done.returncode, ids)
        if done.returncode not in (0, 1) or "Traceback" in done.stderr:
            problems.append(f"{query!r}: exit {done.returncode}: {done.stderr.strip()[:200]}")
    return out, problems


def children_of(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (index workers, the fork server)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        kids = children_of(todo.pop())
        out += kids
        todo += kids
    return out


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def index_files(data: Path) -> tuple[int, int]:
    """(number of segment files, bytes) under the data folder's index folders."""
    count = size = 0
    for path in data.rglob("MAIN_*"):
        if path.is_file():
            count += 1
            size += path.stat().st_size
    return count, size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--workers", type=int, default=0, help="index workers (0: one per core)")
    args = parser.parse_args()
    source = Path(args.corpus).resolve()
    if not source.is_dir():
        print(f"no corpus at {source} (give a folder of articles)", file=sys.stderr)
        return 2
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rnd = random.Random(seed)
    work = Path(tempfile.mkdtemp(prefix="dossier-robustness-"))
    corpus = work / "corpus"  # a copy: update rounds touch its files
    shutil.copytree(source, corpus)
    files = sorted(p for p in corpus.rglob("*") if p.is_file())
    base_env = {k: v for k, v in os.environ.items() if not k.startswith("DOSSIER_")}
    # Each search in its own process, as the answers compared were before the search
    # server, and no server left running in the temporary homes after the bench.
    base_env["DOSSIER_NO_SERVER"] = "1"
    if args.workers:
        base_env["DOSSIER_INDEX_WORKERS"] = str(args.workers)
    try:
        ref_env = {**base_env, "DOSSIER_HOME": str(work / "reference")}
        started = time.perf_counter()
        built = dossier(["index", str(corpus), "--quiet"], ref_env)
        build_time = time.perf_counter() - started
        if built.returncode != 0:
            print(f"the clean build failed: {built.stderr.strip()}", file=sys.stderr)
            return 2
        reference, problems = answers(corpus, ref_env)
        if problems:
            print("the clean build's searches failed:", *problems, sep="\n  ", file=sys.stderr)
            return 2
        print(
            f"corpus {source} · clean build {build_time:.1f} s · {len(QUERIES)} queries · "
            f"seed {seed}"
        )
        env = {**base_env, "DOSSIER_HOME": str(work / "killed")}
        modes = ["first build", "--rebuild", "update"]
        failures = 0
        for n in range(1, args.rounds + 1):
            mode = modes[(n - 1) % len(modes)]
            if mode == "first build":
                shutil.rmtree(work / "killed", ignore_errors=True)
            elif mode == "update":
                now = time.time()
                for path in rnd.sample(files, len(files) * 2 // 5):
                    os.utime(path, (now, now + rnd.random()))
            argv = [sys.executable, "-m", "tui", "index", str(corpus), "--quiet"]
            if mode == "--rebuild":
                argv.append("--rebuild")
            at = rnd.uniform(0.05, 1.0) * build_time
            proc = subprocess.Popen(
                argv, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            time.sleep(at)
            finished = proc.poll() is not None
            family = descendants(proc.pid)
            if not finished:
                proc.send_signal(signal.SIGKILL)
            proc.wait()
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and any(alive(p) for p in family):
                time.sleep(0.1)
            left = [p for p in family if alive(p)]
            for pid in left:
                os.kill(pid, signal.SIGKILL)
            t0 = time.perf_counter()
            got, problems = answers(corpus, env)
            search_time = time.perf_counter() - t0
            wrong = [q for q in QUERIES if got[q] != reference[q]]
            segments_before = index_files(work / "killed")
            dossier(["index", str(corpus), "--quiet"], env)  # settled: nothing left to do
            segments_after = index_files(work / "killed")
            ok = not problems and not wrong and not left
            failures += not ok
            print(
                f"round {n:>2}: {mode:<11} killed at {at:5.1f} s"
                f"{' (had finished)' if finished else ''} · searches {search_time:5.1f} s · "
                f"{'same answers' if not wrong else f'{len(wrong)} differ'} · "
                f"workers left {len(left)} · index {segments_after[1] / 1e6:.1f} MB "
                f"({segments_before[0]} -> {segments_after[0]} files) · "
                f"{'ok' if ok else 'FAILED'}"
            )
            for line in problems:
                print(f"    {line}")
            for q in wrong:
                exp, got_q = reference[q], got[q]
                print(
                    f"    {q!r}: exit {got_q[0]} with {len(got_q[1])} ids, "
                    f"clean build: exit {exp[0]} with {len(exp[1])}"
                )
        print(f"{args.rounds - failures} of {args.rounds} rounds ok (seed {seed})")
        # Searches while another process rebuilds: each answers from the old index
        # (or the new one, once it is in place), never from half of one.
        dossier(["index", str(corpus), "--quiet"], env)
        rebuild = subprocess.Popen(
            [sys.executable, "-m", "tui", "index", str(corpus), "--rebuild", "--quiet"],
            env=env,
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        during = wrong_during = 0
        while rebuild.poll() is None or during == 0:
            query = QUERIES[during % len(QUERIES)]
            done = dossier(
                ["search", query, "--corpus", str(corpus), "--json", "--limit", "5000"], env
            )
            ids = frozenset(
                json.loads(line)["id"] for line in done.stdout.splitlines() if line.strip()
            )
            during += 1
            wrong_during += (done.returncode, ids) != reference[query]
        rebuild.wait()
        same = during - wrong_during
        print(f"during a rebuild: {same} of {during} searches gave the same answers")
        return 1 if failures or wrong_during else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
