"""``dossier show ARTICLE``: one article, cleaned or raw."""

from __future__ import annotations

import argparse

from tui.commands import add_command
from tui.commands.common import (
    article_errors,
    open_library,
    print_json,
    stdout_console,
)
from tui.text import decoded_name


def register(sub: argparse._SubParsersAction) -> None:
    p = add_command(sub, "show", run, "print one article (by id or file path)")
    p.add_argument("article", metavar="ARTICLE", help="article id or file path")
    p.add_argument("--raw", action="store_true", help="the file as it is, uncleaned")
    p.add_argument("--json", action="store_true", help="one JSON object")


def run(args: argparse.Namespace) -> int:
    lib = open_library(args, article=args.article)
    with article_errors(lib, args.article):
        # The folder unchanged since the last update: no scan of the folder.
        primed = lib.prime_article(args.article)
        article = lib.article(primed or args.article)
    if args.json:
        obj = {
            "id": article.id,
            "path": decoded_name(article.path),
            "title": article.title,
            "source": article.source,
            "date": article.date,
            "byline": article.byline,
            "url": article.url,
            "language": article.language,
            "format": article.format,
            "corrected": sorted(_corrected(lib, article.id)),
            "body": article.body,
        }
        if args.raw:
            obj["raw"] = article.raw
        print_json(obj)
        return 0
    import sys

    from rich.text import Text

    from tui.text import visible

    if args.raw and not sys.stdout.isatty():
        sys.stdout.write(article.raw)  # to a file or a pipe: the text as it is
        return 0
    # No line breaks of rich's own: the terminal wraps, and a pipe gets whole paragraphs.
    console = stdout_console(soft_wrap=True)
    if args.raw:
        console.print(Text(visible(article.raw)))
        return 0
    console.print(Text(visible(article.title, keep_newlines=False), style="bold"))
    meta = " · ".join(x for x in (article.source, article.date, article.byline) if x)
    if meta:
        console.print(Text(visible(meta, keep_newlines=False), style="dim"))
    if article.url:
        console.print(Text(visible(article.url, keep_newlines=False), style="dim"))
    console.print()
    headings = set(article.headings)
    quotes = set(article.quotes)
    for start, end in article.paragraphs():
        style = "bold" if (start, end) in headings else "italic" if (start, end) in quotes else ""
        console.print(Text(visible(article.body[start:end]), style=style))
        console.print()
    return 0


def _corrected(lib, article_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The fields the user corrected (their values are what ``show`` prints)."""
    try:
        correction = lib.bookmarks.corrections.get(article_id)
    except Exception:  # noqa: BLE001 - an unreadable bookmarks file: nothing to report here
        return []
    return list(correction.values()) if correction is not None else []
