"""``dossier [PATH]`` / ``dossier open PATH``: read a corpus folder in the Textual app."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tui.commands import EXIT_OK, UsageError, add_command

#: What to use instead of the app where there is no terminal to draw it in.
NO_TERMINAL = (
    "the reader needs a terminal (standard output here is a pipe or a file): "
    "in a script use `dossier search QUERY` or `dossier show ID` "
    "(`dossier --help` lists every command)"
)


def run(args: argparse.Namespace) -> int:
    from tui.commands.common import corpus_arg, open_library

    folder = corpus_arg(args)
    if folder is not None and not Path(folder).expanduser().exists():
        raise UsageError(no_such_folder(folder))
    # A bad path is one line and exit 2, before Textual starts. `dossier` alone opens the
    # seeds wherever it is started (README), not the corpus the current folder is in.
    library = open_library(args, here=False)
    if not (sys.stdout.isatty() and sys.stdin.isatty()):
        # The full-screen app would draw into the pipe and wait for keys that never come.
        raise UsageError(NO_TERMINAL)
    from tui.app import create_app

    create_app(library=library).run()
    return EXIT_OK


def no_such_folder(folder: str) -> str:
    """'no such folder', and for a bare word (a mistyped command?) the commands there are."""
    message = f"no such folder: {folder}"
    if any(ch in folder for ch in "/\\.~") or not folder.isidentifier():
        return message
    from tui.commands import build_parser, command_names

    names = sorted(command_names(build_parser()) - {"open"})
    return f"{message} (not a command either: dossier {' | '.join(names)}; dossier --help)"


def register(subparsers: argparse._SubParsersAction) -> None:
    summary = "read a corpus folder in the app (the default command)"
    description = "Open the reader on a folder of articles (default: the bundled seeds)."
    add_command(subparsers, "open", run, summary, description=description, positional=True)
