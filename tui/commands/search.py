"""``dossier search QUERY``: ranked hits with highlighted snippets."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from tui.commands import EXIT_NO_RESULTS, UsageError, add_command, add_limit, folder_for_words
from tui.commands.common import corpus_arg, ensure_index, open_library, read_index
from tui.commands.export import add_export_options

if TYPE_CHECKING:
    from tui.library import Library


DESCRIPTION = """Query language: words (all must match), AND / OR / NOT, "exact phrases"
("words near"~2), prefix*, fuzzy~ (fuzzy~2), title:word, source:reuters, byline:smith,
person:"Name", place:, org:, date:2016-02, date:[2016-01-01 TO 2016-03-01],
date:>20160901, lang:de, (groups)."""


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "search", run, "search every article", description=DESCRIPTION)
    p.add_argument("query", nargs="+", help="the query (quote it for the shell)")
    add_limit(p, "hits", 20)
    p.add_argument("--json", action="store_true", help="one JSON object per hit and line")
    p.add_argument(
        "--rescan",
        action="store_true",
        help="look at every file for changes first (by default a file rewritten in place, "
        "not renamed, is seen by the next `dossier index`; added, removed and renamed "
        "files always are)",
    )
    p.add_argument(
        "--no-server",
        action="store_true",
        help="search in this process only: neither ask the corpus's search server nor "
        "start one (env DOSSIER_NO_SERVER=1; see `dossier server`)",
    )
    add_export_options(p)
    p.add_argument(
        "--facets",
        action="store_true",
        help="after the hits, counts of the matches by source, month, person, place, "
        'organisation and language (with --json: one line {"facets": ...})',
    )


def run(args: argparse.Namespace) -> int:
    query = " ".join(args.query)
    if corpus_arg(args) is None:
        folder_for_words(args.query)
    lib = open_library(args)
    # A search trusts the folders' times; --rescan looks at every file.
    stamp = "files" if getattr(args, "rescan", False) else "folders"
    # (the names of a full build's articles are left to `dossier index` or the app: a
    # search answers once the folder is searchable, ~19 s for 50,000 articles, not ~50)
    report = ensure_index(lib, quiet=args.json, stamp=stamp, names=False)
    from tui.library.naming import asks_names

    if report.names_pending and (asks_names(query) or getattr(args, "facets", False)):
        import sys

        print(
            "dossier: names are still to be found in this folder's articles (`dossier index` "
            "or the app finds them): person:, place: and org: (and their counts) miss "
            "those not read yet",
            file=sys.stderr,
        )
    return print_search(lib, query, args)


def print_search(lib: Library, query: str, args: argparse.Namespace) -> int:
    """Search ``lib`` and print the hits (and the facets) as ``args`` ask; the exit code."""
    from tui.library import QueryError
    from tui.library.searching import dated_counts

    want_facets = getattr(args, "facets", False)
    try:
        result = read_index(lib, lambda: lib.search(query, limit=args.limit), quiet=args.json)
        counts = read_index(lib, lambda: lib.facets(query), quiet=True) if want_facets else None
    except QueryError as exc:
        from tui.server.plain import query_error

        raise UsageError(query_error(query, str(exc))) from None
    if args.export:
        from tui.commands.export import write
        from tui.export import hits_items

        write(args, hits_items(result.hits), f"Search: {query}", total=result.total)
        return 0 if result.hits else EXIT_NO_RESULTS
    import sys

    from tui.server import plain

    hits = [plain.hit_record(hit) for hit in result.hits]
    facets = plain.facet_record(counts) if counts is not None else None
    empty = str(lib.corpus) if not hits and lib.article_count() == 0 else None
    dated = None if hits or empty else read_index(lib, lambda: dated_counts(lib, query), quiet=True)
    plain.print_search(
        sys.stdout,
        hits,
        result.total,
        result.query,
        facets,
        as_json=args.json,
        empty_folder=empty,
        dated=dated,
    )
    return 0 if result.hits else EXIT_NO_RESULTS
