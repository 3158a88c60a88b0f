"""``dossier search QUERY``: ranked hits with highlighted snippets."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tui.commands import EXIT_NO_RESULTS, UsageError, add_command
from tui.commands.common import ensure_index, open_library, print_json, read_index, stdout_console
from tui.commands.export import add_export_options
from tui.text import plural, visible

if TYPE_CHECKING:
    from tui.library import Library, SearchResult


DESCRIPTION = """Query language: words (all must match), AND / OR / NOT, "exact phrases",
prefix*, fuzzy~ (fuzzy~2), title:word, source:reuters, person:"Name", place:, org:,
date:[2016-01-01 TO 2016-03-01], (groups)."""


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "search", run, "search every article", description=DESCRIPTION)
    p.add_argument("query", nargs="+", help="the query (quote it for the shell)")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="at most N hits (default 20)")
    p.add_argument("--json", action="store_true", help="one JSON object per hit and line")
    p.add_argument(
        "--rescan",
        action="store_true",
        help="look at every file for changes first (by default a file rewritten in place, "
        "not renamed, is seen by the next `dossier index`; added, removed and renamed "
        "files always are)",
    )
    add_export_options(p)
    p.add_argument(
        "--facets",
        action="store_true",
        help="after the hits, counts of the matches by source, month, person, place, "
        'organisation and language (with --json: one line {"facets": ...})',
    )


def run(args: argparse.Namespace) -> int:
    if args.limit < 1:
        raise UsageError("--limit must be 1 or more")
    query = " ".join(args.query)
    lib = open_library(args)
    # A search trusts the folders' times; --rescan looks at every file.
    stamp = "files" if getattr(args, "rescan", False) else "folders"
    ensure_index(lib, quiet=args.json, stamp=stamp)
    return print_search(lib, query, args)


def print_search(lib: Library, query: str, args: argparse.Namespace) -> int:
    """Search ``lib`` and print the hits (and the facets) as ``args`` ask; the exit code."""
    from tui.library import QueryError

    want_facets = getattr(args, "facets", False)
    try:
        result = read_index(lib, lambda: lib.search(query, limit=args.limit), quiet=args.json)
        counts = read_index(lib, lambda: lib.facets(query), quiet=True) if want_facets else None
    except QueryError as exc:
        raise UsageError(str(exc)) from None
    if args.export:
        from tui.commands.export import write
        from tui.export import hits_items

        write(args, hits_items(result.hits), f"Search: {query}")
        return 0 if result.hits else EXIT_NO_RESULTS
    if args.json:
        for hit in result.hits:
            print_json(
                {
                    "id": hit.id,
                    "path": hit.path,
                    "title": hit.title,
                    "source": hit.source,
                    "date": hit.date,
                    "url": hit.url,
                    "language": hit.language,
                    "format": hit.format,
                    "score": round(hit.score, 4),
                    "snippet": hit.snippet,
                    "snippet_matches": [list(s) for s in hit.snippet_matches],
                    "matches": [list(s) for s in hit.matches],
                    "duplicate_of": hit.duplicate_of,
                }
            )
        if counts is not None:
            print_json({"facets": {k: [list(kv) for kv in v] for k, v in counts.items()}})
    else:
        _print_hits(result)
        if counts is not None:
            _print_facets(counts)
    return 0 if result.hits else EXIT_NO_RESULTS


#: How the facets are headed in text output.
FACET_NAMES = {
    "source": "sources",
    "month": "months",
    "person": "people",
    "place": "places",
    "org": "organisations",
    "lang": "languages",
}


def _print_facets(counts: dict[str, list[tuple[str, int]]]) -> None:
    import sys

    from rich.text import Text

    console = stdout_console(soft_wrap=not sys.stdout.isatty())
    for kind, name in FACET_NAMES.items():
        values = counts.get(kind) or []
        if not values:
            continue
        line = Text(f"{name}: ", style="bold")
        line.append(", ".join(f"{visible(v, keep_newlines=False)} {n}" for v, n in values))
        console.print(line)


def _print_hits(result: SearchResult) -> None:
    import sys

    from rich.text import Text

    # To a pipe or a file, each line whole rather than wrapped at 80 columns.
    console = stdout_console(soft_wrap=not sys.stdout.isatty())
    if not result.hits:
        console.print(Text(f"no articles match {visible(repr(result.query))}", style="dim"))
        return
    for n, hit in enumerate(result.hits, 1):
        head = Text(f"{n:>3}. ", style="dim")
        # Article text is data: control characters (escape sequences, BEL) are shown,
        # one visible sign each, so the snippet's match offsets still line up.
        head.append(visible(hit.title, keep_newlines=False), style="bold")
        meta = " · ".join(x for x in (hit.source, hit.date, hit.path) if x)
        meta = visible(meta, keep_newlines=False)  # a newline in a file name: one line still
        console.print(head)
        copy = f"  (same text as [{hit.duplicate_of}])" if hit.duplicate_of else ""
        console.print(Text(f"     {meta}  [{hit.id}]{copy}", style="dim"))
        snippet = Text("     " + visible(hit.snippet, keep_newlines=False))
        for a, b in hit.snippet_matches:
            snippet.stylize("bold reverse", a + 5, b + 5)
        console.print(snippet)
        console.print()
    shown = len(result.hits)
    more = f" (showing {shown}: --limit shows more)" if result.total > shown else ""
    match = "matches" if result.total == 1 else "match"
    console.print(Text(f"{plural(result.total, 'article')} {match}{more}", style="dim"))
