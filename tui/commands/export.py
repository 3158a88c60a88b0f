"""``--export FILE``: search results and shared passages written out as Markdown, CSV
or JSON (:mod:`tui.export`), never over an existing file without ``--force``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tui.commands import UsageError
from tui.commands.common import one_line


def add_export_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--export", metavar="FILE", help="write the list to FILE: Markdown, CSV or JSON")
    p.add_argument(
        "--format",
        choices=("md", "csv", "json"),
        help="the export's format (default: FILE's suffix)",
    )
    p.add_argument("--force", action="store_true", help="replace FILE if it exists")


def write(
    args: argparse.Namespace, items: list[Any], heading: str, *, total: int | None = None
) -> None:
    """Write ``items`` (:class:`tui.export.Cited`) to ``--export``; one line on stderr.

    ``total``: how many there are of which ``items`` are the first (a search's
    matches, ``--limit`` of them written): the line says how to write them all."""
    from tui.export import format_of, named_format, render
    from tui.outfile import OutputError, not_regular, write_output

    try:
        # A pipe or a device is refused as such by write_output, whatever its name.
        odd = not_regular(args.export)
        fmt = format_of(args.export, args.format) if odd else named_format(args.export, args.format)
        out = write_output(Path(args.export), render(items, fmt, heading), overwrite=args.force)
    except (OutputError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    noun = "item" if len(items) == 1 else "items"
    how = ""
    if total is not None and total > len(items):
        # 20 of 180 matches written: the default --limit is for reading on a screen.
        how += f" (the first {len(items)} of {total:,}: --limit {total} writes them all)"
    print(f"dossier: wrote {len(items)} {noun} to {one_line(out)}{how}", file=sys.stderr)


def summary_item(lib: Any, article: Any) -> Any:
    """A :class:`~tui.export.Cited` for an article (its address from the manifest)."""
    from tui.export import Cited

    return Cited(
        article.id,
        article.title,
        article.source,
        article.date,
        article.path,
        getattr(article, "url", None) or lib.across.url_of(article.path),
    )
