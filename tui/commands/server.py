"""``dossier server run|status|stop``: the corpus's search server (:mod:`tui.server`)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

from tui.commands import EXIT_NO_RESULTS, UsageError, add_command

DESCRIPTION = """The first `dossier search` of a corpus leaves a server running in the
background that keeps the index open and answers the next searches; it leaves after
server.idle_minutes (config) without one. `status` says whether one runs, `stop` stops
it, `run` runs one in the foreground. DOSSIER_NO_SERVER=1, `search --no-server` or
`server: {start: false}` in config.yaml: no server."""


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub,
        "server",
        run,
        "the search server that answers `dossier search` quickly",
        description=DESCRIPTION,
    )
    # ACTION as bookmarks' and searches' (a missing one said "required: action").
    p.add_argument(
        "action", metavar="ACTION", choices=("status", "stop", "run"), help="status, stop or run"
    )
    p.add_argument("--all", action="store_true", help="status/stop: every corpus's server")
    p.add_argument("--json", action="store_true", help="status: one JSON object per server")


def _opts(args: argparse.Namespace) -> dict[str, Any]:
    from tui.commands.common import corpus_arg

    return {
        "corpus": corpus_arg(args),
        "data_dir": getattr(args, "data_dir", None),
        "index_dir": getattr(args, "index_dir", None),
    }


def run(args: argparse.Namespace) -> int:
    from tui.server import client

    if args.action == "run":
        if args.all:
            raise UsageError("--all goes with status or stop")
        from tui.server import daemon

        corpus, index, _ = client.target(_opts(args))
        if not os.path.isdir(corpus):
            raise UsageError(f"no such folder: {corpus}")
        data = Path(args.data_dir) if args.data_dir else None
        code = daemon.run(Path(corpus), data_dir=data, index_dir=Path(index))
        if code:
            raise UsageError(f"a search server of {corpus} is running already")
        return 0
    if args.all:
        sockets = _all_sockets()
        if args.action == "status" and not sockets and not args.json:
            print("no search server is running")
        answered = [_act(args, sock, None) for sock in sockets]
        return 0 if any(answered) or args.action == "stop" else EXIT_NO_RESULTS
    corpus, _, sock = client.target(_opts(args))
    return 0 if _act(args, sock, corpus) or args.action == "stop" else EXIT_NO_RESULTS


def _all_sockets() -> list[str]:
    from tui import paths

    found: set[str] = set()
    for folder in {paths.runtime_dir(), paths._tmp_runtime_dir()}:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        found.update(
            str(folder / n) for n in names if n.startswith("search-") and n.endswith(".sock")
        )
    return sorted(found)


def _act(args: argparse.Namespace, sock: str, corpus: str | None) -> bool:
    """Ask the server at ``sock`` for its status or to stop; whether one answered."""
    from tui.commands.common import json_text, one_line
    from tui.server import daemon, protocol

    answer = protocol.ask(sock, {"op": args.action, "version": protocol.version()}, timeout=10)
    name = one_line(corpus or (answer or {}).get("corpus") or sock)
    if answer is None:
        if corpus is not None and not args.json:
            print(f"no search server is running for {name}")
        return False
    if answer.get("fallback") == "version":
        print(f"the search server of {name} was of another version of Dossier; it has stopped")
        return args.action == "stop"
    if args.action == "stop":
        for _ in range(100):  # until it has let go of its socket and its lock
            if not daemon.running(sock):
                break
            time.sleep(0.05)
        print(f"stopped the search server of {name} (pid {answer.get('stopped')})")
        return True
    if args.json:
        sys.stdout.write(json_text(answer) + "\n")
        return True
    up = _duration(time.time() - float(answer.get("started", time.time())))
    rss = answer.get("rss_mb")
    memory = f", {rss:.0f} MB resident" if isinstance(rss, (int, float)) else ""
    print(
        f"search server of {name}: pid {answer.get('pid')}, up {up}, "
        f"{answer.get('requests')} searches, idle {_duration(answer.get('idle_seconds', 0))} "
        f"(leaves after {answer.get('idle_minutes')} min idle){memory}; socket {one_line(sock)}"
    )
    return True


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"
