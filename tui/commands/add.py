"""``dossier add URL-OR-FILE...``: clip web pages (or copy files) into a corpus and index them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from tui.commands import EXIT_OK, EXIT_USAGE, UsageError, add_command

DESCRIPTION = """Fetch each web address and save the page's HTML into the corpus folder
under a name made from its headline; copy each file given (an article, a saved page, an
export or a feed) the same way. Nothing is overwritten: a taken name gets -2, -3. Prints
the path of each saved file. The corpus is --corpus, else the indexed corpus the current
folder is in."""


def register(sub: argparse._SubParsersAction) -> None:
    summary = "save web pages (or copy files) into a corpus folder and index them"
    p = add_command(sub, "add", run, summary, description=DESCRIPTION)
    p.add_argument("sources", nargs="+", metavar="URL-OR-FILE", help="web addresses or files")
    p.add_argument("--no-index", action="store_true", help="save only; index later")
    p.add_argument(
        "--timeout",
        type=float,
        default=None,
        metavar="S",
        help="seconds to wait for each web page (default 20)",
    )


def run(args: argparse.Namespace) -> int:
    from tui import clipping
    from tui.commands.common import corpus_arg, ensure_index, one_line, open_library

    if args.timeout is not None and args.timeout <= 0:
        raise UsageError("--timeout must be more than 0 seconds")
    given = corpus_arg(args)
    data = Path(args.data_dir) if getattr(args, "data_dir", None) else None
    try:
        folder = clipping.ensure_corpus(Path(given) if given else _corpus_here(data))
    except clipping.ClipError as exc:
        raise UsageError(str(exc)) from None
    args.corpus, args.corpus_arg = str(folder), None
    lib = open_library(args)
    saved: list[Path] = []
    failed = 0
    for source in args.sources:
        try:
            path = _add_one(source, lib, args.timeout)
        except clipping.ClipError as exc:
            failed += 1
            print(f"dossier: {one_line(source)}: {one_line(exc)}", file=sys.stderr)
            continue
        saved.append(path)
        print(one_line(path))
        sys.stdout.flush()
    if saved and not args.no_index:
        ensure_index(lib)
    return EXIT_USAGE if failed else EXIT_OK


def _corpus_here(data: Path | None) -> Path:
    """The indexed corpus the current folder is in (it or a folder above it).

    Not just the current folder: adding a page from the home folder would then
    index every article file under it.
    """
    from tui import known
    from tui.paths import corpus_paths

    here = Path.cwd()
    folder = known.corpus_of_file(here / "page.html", data)
    paths = corpus_paths(folder, data=data)
    if (paths.data / known.MARKER).is_file() or (paths.data / "index").is_dir():
        return folder
    raise UsageError(
        f"say which folder to save into: --corpus PATH ({here} is not in a corpus "
        "Dossier has indexed; the folder is made if it does not exist)"
    )


def _add_one(source: str, lib: Any, timeout: float | None) -> Path:
    """Save one web page or copy one file into the library's folder; the new file's path."""
    from tui import clipping

    local = Path(source).expanduser()
    if source.lower().startswith(("http://", "https://")) or not (
        local.exists() or local.is_symlink()
    ):
        if "://" not in source and not _host_like(source):
            raise clipping.ClipError("no such file, and not a web address")
        return Path(lib.corpus) / lib.add_url(source, timeout=timeout)
    return Path(lib.corpus) / lib.add_file(local)


def _host_like(text: str) -> bool:
    import re

    return bool(re.match(r"(?:[\w-]+\.)+[a-z]{2,}(?:[/:?#]|$)", text, re.IGNORECASE))
