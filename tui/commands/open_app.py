"""``dossier [PATH]`` / ``dossier open PATH``: read a corpus folder in the Textual app."""

from __future__ import annotations

import argparse

from tui.commands import EXIT_OK, add_corpus_options


def run(args: argparse.Namespace) -> int:
    from tui.commands.common import open_library

    library = open_library(args)  # a bad path is one line and exit 2, before Textual starts
    from tui.app import create_app

    create_app(library=library).run()
    return EXIT_OK


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "open",
        help="read a corpus folder in the app (the default command)",
        description="Open the reader on a folder of articles (default: the bundled seeds).",
    )
    add_corpus_options(parser)
    parser.set_defaults(func=run)
