"""``dossier index`` and ``dossier paths``."""

from __future__ import annotations

import argparse
import time

from tui.commands import EXIT_USAGE, add_command, quick
from tui.commands.common import ensure_index, one_line, open_library, print_json
from tui.text import plural


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(
        sub, "index", run_index, "build or update the index of a corpus", positional=True
    )
    p.add_argument("--rebuild", action="store_true", help="throw the index away and build it anew")
    p.add_argument("--quiet", "-q", action="store_true", help="print nothing but errors")

    summary = "where the index, bookmarks and config of a corpus live"
    p = add_command(sub, "paths", run_paths, summary, positional=True)
    p.add_argument("--json", action="store_true", help="print one JSON object")


def run_index(args: argparse.Namespace) -> int:
    lib = open_library(args)
    started = time.perf_counter()
    # Unless the quick path (tui.commands.quick) has just looked and seen a change.
    stamp = "" if quick.checked else "files"
    report = ensure_index(lib, quiet=args.quiet, rebuild=args.rebuild, stamp=stamp)
    elapsed = time.perf_counter() - started
    if report.stale:
        return EXIT_USAGE  # not brought up to date: ensure_index printed why
    if not args.quiet:
        n = plural(lib.article_count(), "article")
        # Not "as unreadable": a file too large or not text was read, and refused.
        skipped = f"; {plural(report.skipped, 'file')} skipped" if report.skipped else ""
        if report.touched:
            print(
                f"indexed {one_line(lib.corpus)}: {n} "
                f"({report.added} added, {report.changed} changed, {report.removed} removed) "
                f"in {elapsed:.2f} s{skipped}"
            )
        else:
            print(f"index of {one_line(lib.corpus)} is up to date: {n}{skipped}")
    return 0


def run_paths(args: argparse.Namespace) -> int:
    lib = open_library(args)
    from tui.settings import user_config_file

    info = lib.paths.as_dict() | {
        "config_file": str(user_config_file()),
        # the user's entity corrections (the app's toasts name only the file)
        "entities_file": str(lib.config_dir / "entities.yaml"),
    }
    if args.json:
        print_json(info)
    else:
        width = max(len(k) for k in info)
        for key, value in info.items():
            print(f"{key:<{width}}  {one_line(value)}")
    return 0
