"""``dossier passages``: where an article's passages appear in other articles, or the
passages the most articles share."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from tui.commands import EXIT_NO_RESULTS, EXIT_NOT_READY, UsageError, add_command
from tui.commands.common import (
    article_errors,
    attributes,
    indexed_library,
    one_line,
    print_json,
    read_index,
    say_none,
    stdout_console,
)
from tui.commands.export import add_export_options

DESCRIPTION = """With ARTICLE: each passage of that article (8 or more words, small edits
allowed) found in other articles, and where. With --top N: the passages the most articles
share. While a full build's names are still being found (by another Dossier), shared
passages are not ready: it says so and exits with 3."""


def register(sub: argparse._SubParsersAction) -> None:
    summary = "passages shared with other articles (one article's, or the most reused)"
    p = add_command(sub, "passages", run, summary, description=DESCRIPTION)
    p.add_argument("article", nargs="?", metavar="ARTICLE", help="article id or file path")
    p.add_argument("--top", type=int, metavar="N", help="the N passages most articles share")
    p.add_argument("--json", action="store_true", help="one JSON object per line")
    add_export_options(p)


def copy_json(c: Any) -> dict[str, Any]:
    return attributes(c, "id", "title", "date", "start", "end", "text", "excerpt")


def run(args: argparse.Namespace) -> int:
    from tui.library import PassagesPending

    try:
        return _run(args)
    except PassagesPending as exc:
        print(f"dossier: {one_line(exc)}; try again once they are", file=sys.stderr)
        return EXIT_NOT_READY


def _run(args: argparse.Namespace) -> int:
    if (args.top is None) == (args.article is None):
        raise UsageError("give an ARTICLE, or --top N for the most reused passages")
    if args.top is not None and args.top <= 0:
        raise UsageError("--top takes a number above 0")
    lib = indexed_library(args, article=args.article, quiet=args.json)
    if args.top is not None:
        return _top(lib, args)
    with article_errors(lib, args.article):
        article = lib.article(args.article)
        passages = read_index(lib, lambda: lib.passages(article.id), quiet=args.json)
    if args.export:
        from tui.commands.export import summary_item, write
        from tui.export import passages_items

        items = passages_items(summary_item(lib, article), passages)
        write(args, items, f"Shared passages of {article.title}")
        return 0 if passages else EXIT_NO_RESULTS
    if not passages:
        # Exit 1 says "none"; the line on stderr says it to whoever reads (as search's "no
        # articles match"), in the words of the app's `w`.
        say_none("no other article shares a passage with this one (8 or more words alike)")
    elif args.json:
        for p in passages:
            also_in = [copy_json(c) for c in p.also_in]
            shown = attributes(p, "start", "end", "text", "excerpt")
            print_json({**shown, "also_in": also_in})
    else:
        _print_passages(passages)
    return 0 if passages else EXIT_NO_RESULTS


def _top(lib: Any, args: argparse.Namespace) -> int:
    reused = read_index(lib, lambda: lib.reused_passages(args.top), quiet=args.json)
    if args.export:
        from tui.commands.export import write
        from tui.export import Cited

        items = [
            Cited(
                c.id, c.title, c.source, c.date, c.path, c.url, r.excerpt, f"{r.articles} articles"
            )
            for r in reused
            for c in r.copies[:1]
        ]
        write(args, items, "Most reused passages")
        return 0 if reused else EXIT_NO_RESULTS
    if not reused:
        say_none("no passage is shared by two articles or more (8 or more words alike)")
    elif args.json:
        for r in reused:
            print_json(
                {"text": r.text, "excerpt": r.excerpt, "articles": r.articles, "ids": list(r.ids)}
            )
    else:
        from rich.text import Text

        # One line a passage and one of its ids, however long: a pipe (grep, a file)
        # gets no line broken at 80 columns, as search's output.
        console = stdout_console(soft_wrap=True)
        for r in reused:
            line = Text(f"{r.articles:>4} articles  ", style="dim")
            line.append(one_line(r.excerpt))
            console.print(line)
            console.print(Text("      " + " ".join(r.ids), style="dim"))
    return 0 if reused else EXIT_NO_RESULTS


def _print_passages(passages: list[Any]) -> None:
    from rich.text import Text

    console = stdout_console(soft_wrap=True)
    for p in passages:
        console.print(Text(f"{p.start}-{p.end}  ", style="dim") + Text(one_line(p.excerpt)))
        for c in p.also_in:
            where = " · ".join(one_line(x) for x in (c.title, c.source, c.date) if x)
            line = Text(f"    {c.id}  ", style="dim")
            line.append(where)
            line.append(f"  {c.start}-{c.end}", style="dim")
            console.print(line)
            console.print(Text("      " + one_line(c.excerpt), style="italic"))
