"""``dossier entities``: the people, places and organisations of a corpus."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.commands import EXIT_NO_RESULTS, UsageError, add_command, add_limit
from tui.commands.common import (
    article_errors,
    attributes,
    ensure_index,
    one_line,
    open_library,
    print_json,
    read_index,
    stdout_console,
)

if TYPE_CHECKING:
    from tui.entities import Mention
    from tui.library import EntityCount

TYPES = ("person", "place", "org")


def register(sub: argparse._SubParsersAction) -> None:
    summary = "people, places and organisations, by number of articles"
    description = "List the entities of a corpus, of one article, or of any text file."
    p = add_command(sub, "entities", run, summary, description=description, positional=True)
    p.add_argument("--type", choices=TYPES, help="only this type")
    p.add_argument("--article", metavar="ID", help="the mentions in one article (id or path)")
    p.add_argument("--text-file", metavar="FILE", help="recognise entities in any UTF-8 text file")
    p.add_argument(
        "--with",
        dest="with_name",
        metavar="NAME",
        help="the entities mentioned in the same articles as NAME (and in the same sentences)",
    )
    add_limit(p, "entities", None)
    p.add_argument("--json", action="store_true", help="one JSON object per line")


def _mention_json(m: Mention) -> dict[str, Any]:
    return attributes(m, "start", "end", "text", "type", "canonical", "id")


def run(args: argparse.Namespace) -> int:
    if args.text_file:
        return _text_file(args)
    lib = open_library(args, article=args.article)
    if args.article:
        with article_errors(lib, args.article):
            mentions = lib.entities(args.article)
        mentions = [m for m in mentions if not args.type or m.type == args.type]
        _print_mentions(mentions, args.json)
        return 0 if mentions else EXIT_NO_RESULTS
    ensure_index(lib, quiet=args.json)
    if args.with_name is not None:
        return _together(lib, args)
    facets = read_index(lib, lambda: lib.entity_facets(args.type), quiet=args.json)
    if args.limit is not None:
        facets = facets[: args.limit]
    if args.json:
        for e in facets:
            fields = attributes(e, "id", "name", "type", "aliases", "articles", "mentions")
            print_json({**fields, "aliases": list(e.aliases)})
    else:
        _print_table(facets)
    return 0 if facets else EXIT_NO_RESULTS


def _together(lib: Any, args: argparse.Namespace) -> int:
    from tui.library import LibraryError

    try:
        ent_id, etype, name = read_index(
            lib, lambda: lib.find_entity(args.with_name, args.type), quiet=args.json
        )
    except LibraryError as exc:
        raise UsageError(str(exc)) from None
    together = read_index(lib, lambda: lib.together(ent_id), quiet=args.json)
    if args.type:
        together = [t for t in together if t.type == args.type]
    if args.limit is not None:
        together = together[: args.limit]
    if args.json:
        for t in together:
            print_json(attributes(t, "name", "type", "articles", "sentences"))
        return 0 if together else EXIT_NO_RESULTS
    from rich.table import Table
    from rich.text import Text

    if not together:
        print(f"no entities mentioned with {one_line(name)}", file=sys.stderr)
        return EXIT_NO_RESULTS
    table = Table(box=None, pad_edge=False, highlight=False, title=Text(one_line(name)))
    table.add_column("articles", justify="right")
    table.add_column("sentences", justify="right")
    table.add_column("type")
    table.add_column("name", style="bold")
    for t in together:
        table.add_row(str(t.articles), str(t.sentences), t.type, Text(one_line(t.name)))
    stdout_console().print(table)
    return 0


def _text_file(args: argparse.Namespace) -> int:
    from tui.library.prepare import load_recognizer
    from tui.paths import config_dir

    path = Path(args.text_file)
    try:
        text = path.read_bytes().decode("utf-8")
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path} is not UTF-8 text") from None
    try:
        recognizer = load_recognizer(config_dir())
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if recognizer is None:
        raise UsageError("entity recognition is not available")
    mentions = [m for m in recognizer.extract(text) if not args.type or m.type == args.type]
    _print_mentions(mentions, args.json)
    return 0 if mentions else EXIT_NO_RESULTS


def _print_mentions(mentions: Sequence[Mention], as_json: bool) -> None:
    if as_json:
        for m in mentions:
            print_json(_mention_json(m))
        return
    from rich.text import Text

    console = stdout_console()
    for m in mentions:
        line = Text(f"{m.start:>6}-{m.end:<6} {m.type:<7} ")
        line.append(one_line(m.text), style="bold")
        if m.canonical != m.text:
            line.append(f"  → {one_line(m.canonical)}", style="dim")
        console.print(line)


def _print_table(facets: Sequence[EntityCount]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    if not facets:
        Console(stderr=True).print("no entities found")
        return
    table = Table(box=None, pad_edge=False, highlight=False)
    table.add_column("articles", justify="right")
    table.add_column("mentions", justify="right")
    table.add_column("type")
    table.add_column("name", style="bold")
    table.add_column("also written", style="dim", overflow="fold")
    for e in facets:
        table.add_row(
            str(e.articles),
            str(e.mentions),
            e.type,
            Text(one_line(e.name)),
            Text(one_line(", ".join(e.aliases[:6]))),
        )
    stdout_console().print(table)
