"""``dossier bookmarks``: list, add, export and import saved passages."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.commands import EXIT_NO_RESULTS, UsageError, add_command, add_group
from tui.commands.common import (
    article_errors,
    json_text,
    one_line,
    open_library,
    print_json,
    say_none,
    shown,
    stdout_console,
)
from tui.text import plural

if TYPE_CHECKING:
    from tui.bookmarks import Bookmark, BookmarkStore
    from tui.library import Library


def register(sub: argparse._SubParsersAction) -> None:
    summary = "saved passages: list, add, export, import"
    actions = add_group(
        sub,
        "bookmarks",
        summary,
        "Saved passages (bookmarks): list, add, export and import them "
        "(list when no ACTION is given).",
        default="list",
    )

    q = add_command(actions, "list", run_list, "every bookmark", grouped=True)
    q.add_argument("--filter", default="", metavar="TEXT", help="only bookmarks matching TEXT")
    q.add_argument(
        "--sort",
        choices=("date", "article"),
        default="date",
        help="newest first (date, the default) or by article",
    )
    q.add_argument("--json", action="store_true", help="one JSON object per line")

    q = add_command(actions, "add", run_add, "bookmark a passage of an article", grouped=True)
    q.add_argument("article", metavar="ARTICLE", help="article id or file path")
    q.add_argument("--quote", required=True, help="the passage; it must occur in the article")
    q.add_argument("--note", default="", help="a note to keep with it")
    q.add_argument("--tag", action="append", default=[], metavar="TAG", help="a tag (repeatable)")
    q.add_argument("--json", action="store_true", help="print the new bookmark as JSON")

    q = add_command(
        actions,
        "export",
        run_export,
        "write the bookmarks as Markdown or Web Annotations",
        grouped=True,
    )
    q.add_argument(
        "file",
        nargs="?",
        metavar="FILE",
        help="write to FILE (as -o FILE; default: standard output)",
    )
    q.add_argument(
        "--format",
        choices=("md", "json"),
        help="Markdown or JSON Web Annotations (default: FILE's suffix, else md)",
    )
    q.add_argument("-o", "--output", metavar="FILE", help="write to FILE (default: stdout)")
    q.add_argument("--force", action="store_true", help="replace FILE if it exists")

    q = add_command(
        actions, "import", run_import, "restore bookmarks from an exported JSON file", grouped=True
    )
    q.add_argument("file", metavar="FILE.json")


def _store(
    args: argparse.Namespace, *, article: str | None = None
) -> tuple[Library, BookmarkStore]:
    lib = open_library(args, article=article)
    return lib, lib.bookmarks


def bookmark_json(b: Bookmark) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "id": b.id,
        "article_id": b.article_id,
        "path": b.article_path,
        "title": b.article_title,
        "source": b.article_source,
        "date": b.article_date,
        "quote": b.quote,
        "note": b.note,
        "tags": list(b.tags),
        "created": b.created,
        "updated": b.updated,
        "status": b.status,
    }
    if b.status == "anchored":
        obj["start"], obj["end"] = b.start, b.end
    return obj


def run_list(args: argparse.Namespace) -> int:
    from tui.bookmarks import BookmarkError

    _, store = _store(args)
    try:
        items = store.find(query=args.filter, sort=args.sort)
    except BookmarkError as exc:
        raise UsageError(str(exc)) from None
    if not items:
        total = len(store.find()) if args.filter else 0
        if total:
            say_none(
                f"no bookmark matches {one_line(args.filter)!r} "
                f"({plural(total, 'bookmark')} in all: `dossier bookmarks list` shows them)"
            )
        else:
            say_none("no bookmarks yet: press b in the reader, or use `dossier bookmarks add`")
        return EXIT_NO_RESULTS
    if args.json:
        for b in items:
            print_json(bookmark_json(b))
        return 0
    from rich.text import Text

    console = stdout_console()
    for b in items:
        head = Text(one_line(b.article_title), style="bold")
        meta = Text(
            one_line(
                # (the day it was saved named as such, as the app does: two dates side
                # by side read as the article's first and last)
                " · ".join(
                    x for x in (b.article_source, b.article_date, f"saved {b.created[:10]}") if x
                )
            ),
            style="dim",
        )
        if b.orphaned:
            meta.append("  (orphaned: passage not found)", style="yellow")
        if head.cell_len + 2 + meta.cell_len <= console.width:
            console.print(head, "  ", meta, sep="")
        else:  # the source and date on a line of their own, not cut across two
            console.print(head)
            _indented(console, meta)
        # Under its article, each part indented as a whole: a quote wrapped at the
        # terminal's width went on at the left margin, among the titles.
        _indented(console, Text("“" + shown(b.quote) + "”"))
        if b.note:
            _indented(console, Text("note: " + shown(b.note), style="italic"))
        if b.tags:
            _indented(console, Text("tags: " + one_line(", ".join(b.tags)), style="dim"))
        console.print(Text(f"  [{one_line(b.id)}]", style="dim"))
        console.print()
    return 0


def run_add(args: argparse.Namespace) -> int:
    from tui.bookmarks import BookmarkError
    from tui.bookmarks.model import with_note_tags

    if not args.quote.strip():
        # It said "quote not found in a.txt: ''", as though the passage were missing.
        raise UsageError("--quote is empty: give the passage to bookmark, as the article has it")
    lib, store = _store(args, article=args.article)
    tags = with_note_tags(tuple(args.tag), args.note)  # "#word"s in the note too, as the app
    with article_errors(lib, args.article, BookmarkError, ValueError):
        article = lib.article(args.article)
        bookmark = store.add_quote(article, args.quote, note=args.note, tags=tags)
    if args.json:
        print_json(bookmark_json(bookmark))
    else:
        print(
            f"bookmarked {bookmark.start}-{bookmark.end} of {one_line(article.path)} "
            f"[{bookmark.id}]"
        )
    return 0


def _indented(console: Any, text: Any) -> None:
    """Print ``text`` two spaces in, every line of it once wrapped, with no spaces after."""
    for line in text.wrap(console, max(20, console.width - 2)):
        line.rstrip()
        console.print(" " * 2, line, sep="")


def run_export(args: argparse.Namespace) -> int:
    from tui.bookmarks import BookmarkError

    if args.file and args.output and args.file != args.output:
        raise UsageError(f"two files to write: {one_line(args.file)} and {one_line(args.output)}")
    output = args.file or args.output
    fmt = args.format or "md"
    from tui.outfile import not_regular

    # A pipe or a device (/dev/null, no suffix) is refused as such when written.
    if output and not not_regular(output):
        from tui.export import named_format

        try:
            # out.csv held Markdown: a suffix that names neither format is refused.
            fmt = named_format(output, args.format, ("md", "json"))
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    _, store = _store(args)
    try:
        # Notes, tags and quotes come from files and imports: an escape sequence
        # in them is shown, not run, by whatever displays the export later.
        if fmt == "md":
            text = shown(store.export_markdown())
        else:
            text = json_text(store.export_annotations(), indent=2) + "\n"
    except BookmarkError as exc:
        raise UsageError(str(exc)) from None
    if output:
        from tui.outfile import OutputError, write_output

        try:
            out = write_output(Path(output), text, overwrite=args.force)
        except OutputError as exc:
            raise UsageError(str(exc)) from None
        print(f"wrote {plural(store.count(), 'bookmark')} to {one_line(out)}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from tui.bookmarks import BookmarkError

    path = Path(args.file)
    lib, store = _store(args)
    try:
        result = store.import_file(path)
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (BookmarkError, ValueError) as exc:
        raise UsageError(f"{path}: {exc}") from None
    # Find the imported passages in the articles here: one that is in no article is
    # orphaned, not taken for anchored on the export's word.
    if result.added or result.updated:
        try:
            lib.reanchor_bookmarks()
        except BookmarkError as exc:
            raise UsageError(str(exc)) from None
    print(f"{import_summary(result)} from {one_line(path)}")
    return 0


def import_summary(result) -> str:  # type: ignore[no-untyped-def]
    """What an import did, in words: "2 new bookmarks, 1 updated, 3 kept (yours were newer)"."""
    from tui.text import plural

    if not result.total:
        return "no bookmarks in the file"
    parts = []
    parts.append(plural(result.added, "new bookmark") if result.added else "no new bookmarks")
    if result.updated:
        parts.append(f"{result.updated:,} updated (the file's copies were newer)")
    if result.kept:
        parts.append(f"{result.kept:,} already here kept as they are")
    return ", ".join(parts)
