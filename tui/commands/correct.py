"""``dossier correct ARTICLE``: correct an article's title, date, source or byline."""

from __future__ import annotations

import argparse

from tui.commands import add_command

DESCRIPTION = """Keep a correction of an article's title, date, source or byline beside
the bookmarks; it shows in the app, in search and in `dossier show`, and survives
re-indexing. An empty value (--title '') goes back to what the file says. With no field
given, prints the article's values and what is corrected."""


def register(sub: argparse._SubParsersAction) -> None:
    summary = "correct an article's title, date, source or byline (your file is not changed)"
    p = add_command(sub, "correct", run, summary, description=DESCRIPTION)
    p.add_argument("article", metavar="ARTICLE", help="article id or file path")
    for field in ("title", "date", "source", "byline"):
        p.add_argument(f"--{field}", metavar="TEXT", help=f"the article's {field}")
    p.add_argument("--reset", action="store_true", help="forget every correction of the article")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")


def run(args: argparse.Namespace) -> int:
    from tui.bookmarks import BookmarkError, CorrectionError
    from tui.commands.common import (
        article_errors,
        ensure_index,
        one_line,
        open_library,
        print_json,
    )

    # A file path or an id from `dossier search --corpus X` names its corpus, as for show.
    lib = open_library(args, article=args.article)
    fields = {
        f: getattr(args, f)
        for f in ("title", "date", "source", "byline")
        if getattr(args, f) is not None
    }
    if args.reset:
        fields = dict.fromkeys(("title", "date", "source", "byline"))
    with article_errors(lib, args.article, CorrectionError, BookmarkError):
        if fields:
            ensure_index(lib, quiet=True)
            lib.correct(args.article, **fields)
        article = lib.article(args.article)
        correction = lib.bookmarks.corrections.get(article.id)
    corrected = sorted(correction.values()) if correction is not None else []
    values = {f: getattr(article, f) for f in ("title", "date", "source", "byline")}
    if args.json:
        print_json({"id": article.id, "path": article.path, **values, "corrected": corrected})
        return 0
    for field, value in values.items():
        mark = "  (corrected)" if field in corrected else ""
        print(f"{field:<7} {one_line(value) if value else '-'}{mark}")
    return 0
