"""``dossier index`` and ``dossier paths``."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING

from tui.commands import EXIT_USAGE, add_command, quick
from tui.commands.common import ensure_index, one_line, open_library, print_json
from tui.text import ARTICLE_KINDS, plural

if TYPE_CHECKING:
    from tui.library import UpdateReport


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
    searchable_at: float | None = None

    def searchable(report: UpdateReport) -> None:
        """A full build's first phase committed: say so before the names are found."""
        nonlocal searchable_at
        searchable_at = time.perf_counter()
        # (no article: no names to find either; after a release, every one "changed")
        if not args.quiet and (report.added or report.changed):
            n = plural(report.added + report.changed, "article")
            print(
                f"searchable {one_line(lib.corpus)}: {n} indexed "
                f"in {searchable_at - started:.2f} s; finding their names…",
                flush=True,
            )

    try:
        report = ensure_index(
            lib, quiet=args.quiet, rebuild=args.rebuild, stamp=stamp, searchable=searchable
        )
    except KeyboardInterrupt:
        if searchable_at is None:
            raise
        # (the names committed so far stay; the others are found by the next update)
        print(
            "dossier: interrupted while finding names; the folder is searchable, "
            "and the next `dossier index` finds the rest",
            file=sys.stderr,
        )
        return 130
    elapsed = time.perf_counter() - started
    if report.stale:
        return EXIT_USAGE  # not brought up to date: ensure_index printed why
    if not args.quiet:
        count = lib.article_count()
        n = plural(count, "article")
        # Not "as unreadable": a file too large or not text was read, and refused.
        skipped = f"; {plural(report.skipped, 'file')} skipped" if report.skipped else ""
        names = _names_said(report, searchable_at, time.perf_counter())
        if not count:
            # "is up to date: 0 articles" said all was well of a folder with nothing to read.
            print(no_articles(one_line(lib.corpus), report.skipped))
        elif report.touched:
            print(
                f"indexed {one_line(lib.corpus)}: {n} "
                f"({report.added} added, {report.changed} changed, {report.removed} removed) "
                f"in {elapsed:.2f} s{names}{skipped}"
            )
        elif report.names_found or report.names_pending:
            print(f"index of {one_line(lib.corpus)}: {n}{names}{skipped}")
        else:
            print(f"index of {one_line(lib.corpus)} is up to date: {n}{skipped}")
    return 0


def no_articles(corpus: str, skipped: int = 0) -> str:
    """What ``dossier index`` says of a folder with no article (as the app says it);
    ``skipped``: the files read and refused (each warned of on stderr)."""
    refused = f"; {plural(skipped, 'file')} skipped" if skipped else ""
    return (
        f"no articles in {corpus} (nor in its subfolders{refused}): Dossier reads {ARTICLE_KINDS}"
    )


def _names_said(report: UpdateReport, searchable_at: float | None, now: float) -> str:
    """What the line of ``dossier index`` says of the names a full build finds after the
    folder is searchable (:mod:`tui.library.naming`): nothing when there were none."""
    if report.names_pending:
        if report.names_found:
            return f"; names found in {plural(report.names_found, 'article')}, the rest to come"
        return "; names still being found"
    if not report.names_found:
        return ""
    if searchable_at is not None:
        return f"; names found {now - searchable_at:.2f} s after it was searchable"
    return f"; names found in {plural(report.names_found, 'article')}"


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
