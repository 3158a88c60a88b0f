"""``dossier entities``: the people, places and organisations of a corpus."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator, Sequence
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
    print_table,
    read_index,
    stdout_console,
)

if TYPE_CHECKING:
    from rich.text import Text

    from tui.entities import Mention
    from tui.library import EntityCount

TYPES = ("person", "place", "org")
#: What ``--type`` lists, in the messages.
_PLURALS = {"person": "people", "place": "places", "org": "organisations"}


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
        help="the entities mentioned in the same articles as NAME (and in the same sentences); "
        "TYPE:NAME (place:Georgia) picks among names of several types",
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
        _print_mentions(mentions, args.json, f"in {one_line(args.article)}", args.type)
        return 0 if mentions else EXIT_NO_RESULTS
    # The index alone is read (not the list of articles): the folder stamp may tell it
    # is up to date, as for a search.
    ensure_index(lib, quiet=args.json, stamp="folders")
    if args.with_name is not None:
        return _together(lib, args)
    facets = read_index(lib, lambda: lib.entity_facets(args.type), quiet=args.json)
    if args.limit is not None:
        facets = facets[: args.limit]
    if not facets:
        found = f"no {_PLURALS.get(args.type or '', 'entities')} found"
        if lib.article_count() == 0:  # (as search says it: no article, rather than no name)
            found += f": no articles in {one_line(lib.corpus)} (nor in its subfolders)"
        print(f"dossier: {found}", file=sys.stderr)
    elif args.json:
        for e in facets:
            fields = attributes(e, "id", "name", "type", "aliases", "articles", "mentions")
            print_json({**fields, "aliases": list(e.aliases)})
    else:
        _print_table(facets)
    return 0 if facets else EXIT_NO_RESULTS


def _together(lib: Any, args: argparse.Namespace) -> int:
    from tui.library import LibraryError

    try:
        # --type picks the entities listed, not the one they are mentioned with:
        # `--with Blair --type place` is the places mentioned with the person Blair
        # (it was the places named Blair, and none was found).
        # A name of several types is picked as a query names it: place:Georgia.
        kind, colon, named = args.with_name.partition(":")
        wanted = kind.strip().lower() if colon and kind.strip().lower() in TYPES else None
        name_only = named if wanted else args.with_name
        ent_id, etype, name = read_index(
            lib, lambda: lib.find_entity(name_only.strip().strip('"'), wanted), quiet=args.json
        )
    except LibraryError as exc:
        raise UsageError(str(exc)) from None
    together = read_index(lib, lambda: lib.together(ent_id), quiet=args.json)
    if args.type:
        together = [t for t in together if t.type == args.type]
    if args.limit is not None:
        together = together[: args.limit]
    heading = (
        f"{_PLURALS.get(args.type or '', 'entities')} mentioned with {one_line(name)} ({etype})"
    )
    if args.json:
        for t in together:
            print_json(attributes(t, "name", "type", "articles", "sentences"))
        if not together:
            print(f"dossier: no {heading}", file=sys.stderr)
        return 0 if together else EXIT_NO_RESULTS
    from rich.table import Table
    from rich.text import Text

    if not together:
        print(f"dossier: no {heading}", file=sys.stderr)
        return EXIT_NO_RESULTS
    table = Table(box=None, pad_edge=False, highlight=False)
    table.add_column("articles", justify="right")
    table.add_column("sentences", justify="right")
    table.add_column("type")
    table.add_column("name", style="bold")
    for t in together:
        table.add_row(str(t.articles), str(t.sentences), t.type, Text(one_line(t.name)))
    console = stdout_console()
    # The heading on a line of its own, not the table's title (wrapped to the table's width).
    console.print(Text(heading[0].upper() + heading[1:], style="bold"), soft_wrap=True)
    print_table(console, table)
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
    _print_mentions(mentions, args.json, f"in {one_line(str(path))}", args.type)
    return 0 if mentions else EXIT_NO_RESULTS


def _print_mentions(
    mentions: Sequence[Mention], as_json: bool, where: str, etype: str | None
) -> None:
    if not mentions:
        # Not silence: exit code 1 alone left the user wondering whether it ran.
        print(f"dossier: no {_PLURALS.get(etype or '', 'entities')} found {where}", file=sys.stderr)
        return
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
    """The entities as a table, a line at a time: a rich ``Table`` measures every cell
    of every row first (7 s for the 17,000 entities of 50,000 articles)."""
    console = stdout_console()
    rows = [
        (
            str(e.articles),
            str(e.mentions),
            e.type,
            one_line(e.name),
            one_line(", ".join(e.aliases[:6])),
        )
        for e in facets
    ]
    for batch in _table_lines(rows, console.width):
        console.print(batch, soft_wrap=True)


#: The column headings of :func:`_print_table`.
_HEADINGS = ("articles", "mentions", "type", "name", "also written")
#: The widest the name column gets (a longer name wraps within it).
_NAME_WIDTH = 36


def _table_lines(rows: list[tuple[str, str, str, str, str]], width: int) -> Iterator[Text]:
    """The table's lines, in batches: numbers right-aligned, the name bold, the other
    names it is written as dim and wrapped to the width left."""
    from rich.cells import cell_len
    from rich.text import Text

    def widest(col: int) -> int:
        return max(len(_HEADINGS[col]), *(cell_len(row[col]) for row in rows))

    gap = "  "
    widths = [widest(0), widest(1), widest(2)]
    # The name column as wide as nearly every name (the rare longer one wraps), and
    # room for the other names beside it.
    lengths = sorted(cell_len(row[3]) for row in rows)
    most = lengths[-((len(lengths) - 1) * -99 // 100)]  # the 99th percentile, rounded up
    room = width - sum(widths) - len(gap) * 4 - 24
    widths.append(max(len(_HEADINGS[3]), min(most, _NAME_WIDTH, max(room, 16))))
    left = sum(widths) + len(gap) * 4
    alias_width = max(12, width - left)
    head = Text(style="bold")
    head.append(
        gap.join(
            (
                _HEADINGS[0].rjust(widths[0]),
                _HEADINGS[1].rjust(widths[1]),
                _HEADINGS[2].ljust(widths[2]),
                _HEADINGS[3].ljust(widths[3]),
                _HEADINGS[4],
            )
        )
    )
    batch = [head]
    for articles, mentions, etype, name, aliases in rows:
        names = _wrapped(name, widths[3])
        others = _wrapped(aliases, alias_width)
        for i in range(max(len(names), len(others))):
            line = Text()
            if i == 0:
                line.append(
                    f"{articles.rjust(widths[0])}{gap}{mentions.rjust(widths[1])}{gap}"
                    f"{etype.ljust(widths[2])}{gap}"  # types and numbers are ASCII
                )
            else:
                line.append(" " * (widths[0] + widths[1] + widths[2] + len(gap) * 3))
            part = names[i] if i < len(names) else ""
            line.append(part, style="bold")
            if i < len(others) and others[i]:
                line.append(" " * max(0, widths[3] - cell_len(part)) + gap)
                line.append(others[i], style="dim")
            batch.append(line)
        if len(batch) >= 500:
            yield Text("\n").join(batch)
            batch = []
    if batch:
        yield Text("\n").join(batch)


def _wrapped(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters (words kept whole where they fit)."""
    if len(text) <= width:  # (a name in wide characters may run a few cells over)
        return [text]
    import textwrap

    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]
