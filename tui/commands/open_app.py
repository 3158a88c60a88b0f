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
    terminal = _in_a_terminal()
    # What opens, on the app's screen at once: before the library is opened and Textual
    # imported and started (0.4-0.6 s of CPU, 1.4-2.6 s on a busy machine) the terminal
    # showed nothing happen, then a blank screen.
    opening = _say_opening(folder) if terminal else False
    try:
        # A bad path is one line and exit 2, before Textual starts. `dossier` alone opens
        # the seeds wherever it is started (README), not the corpus the current folder is in.
        library = open_library(args, here=False)
        if not terminal:
            # The full-screen app would draw into the pipe and wait for keys that never come.
            raise UsageError(NO_TERMINAL)
        from tui.app import create_app

        app = create_app(library=library)
    except BaseException:
        if opening:
            _leave_screen()  # (the error is said where the user typed the command)
        raise
    app.run()
    return EXIT_OK


#: The terminal's alternate screen (the one the app draws on), the cursor hidden, the
#: screen cleared: the app's first frame covers what is written there.
_ENTER = "\x1b[?1049h\x1b[?25l\x1b[H\x1b[2J"
_LEAVE = "\x1b[2J\x1b[?25h\x1b[?1049l"


def _in_a_terminal() -> bool:
    return sys.stdout.isatty() and sys.stdin.isatty()


def _say_opening(folder: str | None) -> bool:
    """Say on the app's screen what opens (the app's first frame replaces it); whether
    it was written."""
    name = Path(folder).expanduser().resolve().name if folder else "the bundled articles"
    printable = "".join(ch if ch.isprintable() else "?" for ch in name)
    try:
        sys.stdout.write(f"{_ENTER}\x1b[2;3HOpening {printable}…")
        sys.stdout.flush()
    except (OSError, UnicodeError):
        return False
    return True


def _leave_screen() -> None:
    try:
        sys.stdout.write(_LEAVE)
        sys.stdout.flush()
    except (OSError, UnicodeError):
        pass


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
