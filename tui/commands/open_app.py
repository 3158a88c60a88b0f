"""``dossier [PATH]``: open the reader on a corpus folder."""

from __future__ import annotations

import argparse

from tui.commands import add_corpus_options
from tui.commands.common import open_library


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("open", help="open the reader (the default command)")
    add_corpus_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    lib = open_library(args)
    print(f"would open {lib.corpus}")
    return 0
