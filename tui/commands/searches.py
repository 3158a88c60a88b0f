"""``dossier searches``: queries saved by name, with their counts and what is new."""

from __future__ import annotations

import argparse

from tui.commands import EXIT_NO_RESULTS, UsageError, add_command, add_group, add_limit
from tui.commands.common import (
    indexed_library,
    one_line,
    open_library,
    print_json,
    print_table,
    read_index,
    say_none,
    stdout_console,
)
from tui.commands.export import add_export_options
from tui.text import plural


def register(sub: argparse._SubParsersAction) -> None:
    actions = add_group(
        sub,
        "searches",
        "saved searches: add, list, run, rm",
        "Queries saved by name (the app's ctrl+s in search saves one too). "
        "Each counts its articles, and those that are new since it was last run or opened "
        "(list when no ACTION is given).",
        default="list",
    )

    q = add_command(
        actions, "add", run_add, "save a query under a name (replacing one so named)", grouped=True
    )
    q.add_argument("name", metavar="NAME")
    q.add_argument("query", nargs="+", metavar="QUERY", help="the query (quote it for the shell)")

    q = add_command(
        actions,
        "list",
        run_list,
        "every saved search with its count and how many are new",
        grouped=True,
    )
    q.add_argument("--json", action="store_true", help="one object a line: name, query, count, new")

    q = add_command(
        actions,
        "run",
        run_run,
        "search with a saved query (its articles are then seen)",
        grouped=True,
    )
    q.add_argument("name", metavar="NAME")
    add_limit(q, "hits", 20)
    q.add_argument("--json", action="store_true", help="one JSON object per hit, as search prints")
    q.add_argument("--facets", action="store_true", help="the counts by facet too, as search")
    add_export_options(q)

    q = add_command(actions, "rm", run_rm, "delete a saved search", grouped=True)
    q.add_argument("name", metavar="NAME")


def run_add(args: argparse.Namespace) -> int:
    from tui.bookmarks import BookmarkError, SavedSearchError
    from tui.library import QueryError

    query = " ".join(args.query)
    lib = indexed_library(args)
    try:
        saved, replaced = read_index(lib, lambda: lib.save_search(args.name, query))
        count = saved.seen_count
    except (QueryError, SavedSearchError, BookmarkError) as exc:
        raise UsageError(str(exc)) from None
    verb = "replaced" if replaced else "saved"
    print(f"{verb} {one_line(saved.name)!s}: {one_line(saved.query)} ({plural(count, 'article')})")
    return 0


def run_list(args: argparse.Namespace) -> int:
    from tui.bookmarks import BookmarkError

    lib = indexed_library(args, quiet=args.json)
    try:
        saved = lib.saved_searches()
        rows = [read_index(lib, lambda s=s: lib.saved_search_status(s)) for s in saved]
    except BookmarkError as exc:
        raise UsageError(str(exc)) from None
    if not rows:
        say_none("no saved searches (dossier searches add NAME QUERY)")
        return EXIT_NO_RESULTS
    if args.json:
        for row in rows:
            obj = {"name": row.name, "query": row.query, "count": row.count, "new": row.new}
            if row.error:
                obj["error"] = row.error
            print_json(obj)
        return 0 if rows else EXIT_NO_RESULTS
    from rich.table import Table
    from rich.text import Text

    console = stdout_console()
    table = Table(box=None, pad_edge=False, show_header=True, header_style="bold")
    table.add_column("name")
    table.add_column("query")
    table.add_column("articles", justify="right")
    table.add_column("new", justify="right")
    for row in rows:
        table.add_row(
            Text(one_line(row.name)),
            Text(one_line(row.query)),
            Text(
                f"{row.count:,}" if not row.error else "error", style="" if not row.error else "red"
            ),
            Text(f"{row.new:,}" if row.new else "", style="bold"),
        )
    print_table(console, table)
    for row in rows:
        if row.error:
            console.print(Text(f"{one_line(row.name)}: {one_line(row.error)}", style="red"))
    return 0


def run_run(args: argparse.Namespace) -> int:
    from tui.bookmarks import BookmarkError, SavedSearchError
    from tui.commands.search import print_search

    lib = indexed_library(args, quiet=args.json)
    saved = lib.bookmarks.searches.get(args.name)
    if saved is None:
        raise UsageError(f"no saved search named {one_line(args.name)!r} (dossier searches list)")
    code = print_search(lib, saved.query, args)
    try:
        lib.open_saved_search(saved.name)
    except (SavedSearchError, BookmarkError) as exc:
        raise UsageError(str(exc)) from None
    return code


def run_rm(args: argparse.Namespace) -> int:
    from tui.bookmarks import BookmarkError

    lib = open_library(args)
    try:
        removed = lib.remove_saved_search(args.name)
    except BookmarkError as exc:
        raise UsageError(str(exc)) from None
    if not removed:
        raise UsageError(f"no saved search named {one_line(args.name)!r} (dossier searches list)")
    print(f"removed {one_line(args.name)}")
    return 0
