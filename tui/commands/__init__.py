"""The ``dossier`` command line: a thin face over the domain API.

Each subcommand lives in its own module of this package with a
``register(subparsers)`` function that adds its parser (:func:`add_command`)
and sets ``func``.
``func(args)`` returns the exit code: 0 success, 1 no results, 2 bad usage or
bad input. Errors are raised as :class:`UsageError` (one line on stderr).
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import os
import sys

# Neither typing nor argparse is imported at run time by a search through a running
# server (argparse is when a parser is built); mypy takes TYPE_CHECKING as true.
TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence
    from typing import NoReturn

EXIT_OK = 0
EXIT_NO_RESULTS = 1
EXIT_USAGE = 2
#: What was asked for is not ready yet (shared passages while a full build's names are
#: still being found): the same command later answers.
EXIT_NOT_READY = 3


class UsageError(Exception):
    """Bad usage or bad input: printed as one line, exit code 2."""


def _parser_class() -> type[argparse.ArgumentParser]:
    import argparse

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:  # one line, exit 2, as argparse does
            self.exit(EXIT_USAGE, f"dossier: error: {_one_line(message)}\n")

    return _Parser


def add_corpus_options(
    parser: argparse.ArgumentParser, *, positional: bool = True, inherit: bool = False
) -> None:
    """The options every corpus command shares. ``inherit``: an action of a group of
    commands (``dossier bookmarks list``), whose options the group takes too
    (``dossier bookmarks --corpus X list``): left out, the group's value stands."""
    import argparse

    if positional and not inherit:
        parser.add_argument(
            "corpus_arg",
            nargs="?",
            metavar="PATH",
            help="corpus folder (default: the bundled seeds)",
        )
    # An action's own option, given, wins over its group's; left out, it sets nothing.
    default = argparse.SUPPRESS if inherit else None
    for option, dest, metavar, helped in _CORPUS_OPTIONS:
        parser.add_argument(option, dest=dest, metavar=metavar, help=helped, default=default)


#: The corpus options of :func:`add_corpus_options`: option, dest, metavar, help.
_CORPUS_OPTIONS = (
    ("--corpus", "corpus", "PATH", "corpus folder"),
    ("--data-dir", "data_dir", "DIR", "where indexes and bookmarks live (env DOSSIER_DATA_DIR)"),
    ("--index-dir", "index_dir", "DIR", "the index folder for this corpus (env DOSSIER_INDEX_DIR)"),
)


def limit_value(text: str) -> int:
    """``--limit N``: a whole number, 1 or more, in every command that takes one.

    Leaving the option out gives the command's default (all entities, 20 hits); 0 meant
    "everything" to ``dossier entities`` and was refused by ``dossier search``, so it
    is refused by both now, in one line."""
    import argparse

    try:
        number = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {number}")
    return number


def add_limit(parser: argparse.ArgumentParser, noun: str, default: int | None) -> None:
    """The ``--limit N`` option (:func:`limit_value`): at most N ``noun``."""
    when_left_out = f"default {default}" if default is not None else f"all {noun} when left out"
    parser.add_argument(
        "--limit",
        type=limit_value,
        default=default,
        metavar="N",
        help=f"at most N {noun}, 1 or more ({when_left_out})",
    )


def add_command(
    sub: argparse._SubParsersAction,
    name: str,
    run: Callable[[argparse.Namespace], int],
    help: str,
    *,
    description: str | None = None,
    positional: bool = False,
    grouped: bool = False,
) -> argparse.ArgumentParser:
    """The parser of a command (or with ``grouped`` of an action of one, ``dossier
    bookmarks list``: :func:`add_group`): ``help`` in the list of commands,
    ``description`` atop its own ``--help``, the corpus options
    (:func:`add_corpus_options`), and ``run`` as its ``func``. The command's own
    arguments are added to the parser returned."""
    if description is None:  # its own --help says what it does, as the list of commands does
        description = help[:1].upper() + help[1:] + "."
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help, description=description)
    add_corpus_options(parser, positional=positional, inherit=grouped)
    parser.set_defaults(func=run)
    return parser


def add_group(
    sub: argparse._SubParsersAction,
    name: str,
    help: str,
    description: str,
    *,
    default: str | None = None,
) -> argparse._SubParsersAction:
    """A command made of actions (``dossier bookmarks list``), which takes the corpus
    options before its action as well as after it; add each action with
    :func:`add_command` and ``grouped=True``. ``default``: the action run when none is
    given (``dossier bookmarks`` lists them; without one, argparse's usage error)."""
    parser: argparse.ArgumentParser = sub.add_parser(name, help=help, description=description)
    add_corpus_options(parser, positional=False)
    if default is not None:
        parser.set_defaults(default_action=default)
    return parser.add_subparsers(dest="action", metavar="ACTION", required=default is None)


def build_parser() -> argparse.ArgumentParser:
    from tui import __version__
    from tui.commands import (
        add,
        bookmarks,
        correct,
        entities,
        index,
        open_app,
        passages,
        search,
        searches,
        server,
        show,
    )

    _Parser = _parser_class()
    parser = _Parser(
        prog="dossier",
        # The app is what most run: `dossier --help` named only COMMAND, and `open` the
        # default one, never that a folder alone opens it.
        usage="%(prog)s [PATH]\n       %(prog)s COMMAND ...",
        description="Read a folder of news articles: list, search, entities, bookmarks.",
        epilog=(
            "dossier PATH opens the app on the articles in the folder PATH and its "
            "subfolders; dossier alone, on the bundled seed articles. "
            "dossier COMMAND --help says what a command takes."
        ),
    )
    parser.add_argument("--version", action="version", version=f"dossier {__version__}")
    # (prog: a command's usage is "dossier search ...", not the two lines above with
    # the command's name after them, which argparse makes of the usage by default)
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, prog="dossier"
    )
    for module in (
        open_app,
        index,
        search,
        searches,
        show,
        entities,
        passages,
        bookmarks,
        add,
        correct,
        server,
    ):
        module.register(sub)
    return parser


def _one_line(exc: BaseException | str) -> str:
    """A message as one line with nothing a terminal would act on (names in it come
    from files and arguments: an escape sequence there is shown, not run)."""
    from tui.text import visible

    text = str(exc).strip() or type(exc).__name__
    return " ".join(visible(text, keep_newlines=False).split())


def command_names(parser: argparse.ArgumentParser) -> set[str]:
    """The names of the subcommands (argparse lists them only on its actions)."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return set(action.choices or ())
    return set()


def main(argv: Sequence[str] | None = None) -> int:
    _no_last_collection()
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "search":
            return _search(argv)
        if argv and argv[0] == "index":
            from tui.commands.quick import index_unchanged

            code = index_unchanged(argv[1:])
            if code is not None:
                return code
        if not argv or (len(argv) == 1 and argv[0] not in COMMANDS and _a_folder(argv[0])):
            return _open_app(argv)
        return _main(argv)
    except BrokenPipeError:
        # The reader of a pipe stopped early (| head): not an error. Point stdout at
        # nothing so that the flush at exit does not complain either.
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except KeyboardInterrupt:
        print("dossier: interrupted", file=sys.stderr)
        return 130


_at_exit_frozen = False


def _no_last_collection() -> None:
    """Have the interpreter skip its last walk of the heap when this process exits.

    At exit, Python collects cycles over every object still alive before it frees the
    modules: a build's parent holds the recogniser's model, the manifest and every
    document the workers wrote (0.065 s of the 0.08 s a BBC build spent exiting, all
    of it CPU after the work was done). Frozen at exit (``gc.freeze``, from an
    ``atexit`` handler: after the command, its output and the other handlers' work),
    they are left to the operating system; what is not in a cycle is still freed, and
    nothing of Dossier's waits for the collector to be written or closed."""
    global _at_exit_frozen
    if not _at_exit_frozen:
        _at_exit_frozen = True
        atexit.register(_freeze_at_exit)


def _freeze_at_exit() -> None:
    """``gc.freeze()`` in a process that worked on an index (it imported tui.heap: a
    small command's heap is not worth it, nor an import at its exit), unless Dossier
    leaves the collector to Python here (``DOSSIER_NO_HEAP_TUNING``, another
    collector: :func:`tui.heap.why_off`)."""
    heap = sys.modules.get("tui.heap")
    if heap is not None and heap.why_off() is None:
        gc.freeze()


def folder_for_words(words: Sequence[str]) -> None:
    """:class:`UsageError` when the first of a search's words is a folder written as a
    path (``dossier search ~/news paris``, the folder where ``dossier index`` takes it):
    searched for as words, in the bundled seeds, it would find nothing, and the user
    would read that their folder has nothing on Paris."""
    if not words:
        return
    first = words[0]
    if not (os.sep in first or "/" in first or first in (".", "..") or first.startswith("~")):
        return
    if not os.path.isdir(os.path.expanduser(first)):
        return
    rest = " ".join(words[1:]) or "WORDS"
    raise UsageError(
        f"{first} is a folder, not words to search for: dossier search --corpus {first} {rest}"
    )


def _search(argv: list[str]) -> int:
    """``dossier search``: through the corpus's search server when one runs (a few
    milliseconds, see :mod:`tui.server`), else in this process, which then starts one
    for the next search (unless ``--no-server`` or ``DOSSIER_NO_SERVER``)."""
    from tui.server import client

    opts = client.parse(argv[1:])
    if opts is not None and not opts.get("corpus"):
        try:
            folder_for_words(opts["query"])
        except UsageError as exc:
            print(f"dossier: {_one_line(exc)}", file=sys.stderr)
            return EXIT_USAGE
    if opts is None or client.disabled(opts):
        return _main(argv)
    try:
        code = client.search(opts)
    except (OSError, ValueError):  # a path that cannot be looked at: said by the search
        code = None
    if code is not None:
        return code
    code = _main(argv)
    if code in (EXIT_OK, EXIT_NO_RESULTS):
        with contextlib.suppress(Exception):  # the search answered; a server is a bonus
            client.start_server(opts)
    return code


#: The subcommands' names, as :func:`build_parser` makes them (a test holds the two
#: together): ``dossier NAME`` runs the command even where a folder has that name.
COMMANDS = frozenset(
    ("add", "bookmarks", "correct", "entities", "index", "open", "passages", "paths")
    + ("search", "searches", "server", "show")
)


def _a_folder(arg: str) -> bool:
    return not arg.startswith("-") and os.path.isdir(arg)


def _open_app(argv: list[str]) -> int:
    """``dossier`` or ``dossier FOLDER``: the app, as ``dossier open [FOLDER]`` opens it,
    without building the parser of every command (their imports and argparse's work:
    ~10-40 ms of the launch) for arguments that leave nothing to parse."""
    return _run(open_args(argv))


def open_args(argv: list[str]) -> argparse.Namespace:
    """The Namespace the parser gives ``dossier open [FOLDER]`` (a test holds the two
    together: an option added to ``open`` must be added here too)."""
    import argparse

    from tui.commands import open_app

    return argparse.Namespace(
        command="open",
        corpus_arg=argv[0] if argv else None,
        corpus=None,
        data_dir=None,
        index_dir=None,
        func=open_app.run,
    )


def _main(argv: list[str]) -> int:
    parser = build_parser()
    # `dossier [PATH]` opens the app: anything that is not a subcommand is a path.
    known = command_names(parser)
    if not argv or (argv[0] not in known and argv[0] not in ("-h", "--help", "--version")):
        if argv and not argv[0].startswith("-") and not os.path.exists(argv[0]):
            from tui.commands.open_app import no_such_folder

            print(f"dossier: {_one_line(no_such_folder(argv[0]))}", file=sys.stderr)
            return EXIT_USAGE
        argv = ["open", *argv]
    args, _ = parser.parse_known_args(argv)
    if getattr(args, "default_action", None) and args.action is None:
        # `dossier bookmarks` alone (or with options: `searches --json`): its default
        # action, which takes the command's options after it as well.
        return _run(parser.parse_args([argv[0], args.default_action, *argv[1:]]))
    return _run(parser.parse_args(argv))


def _run(args: argparse.Namespace) -> int:
    try:
        return int(args.func(args) or 0)
    except UsageError as exc:
        print(f"dossier: {_one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:
        raise  # main's
    except (ValueError, OSError) as exc:
        # A malformed config file, an unreadable folder: one line, never a
        # traceback (set DOSSIER_DEBUG=1 to see where it came from).
        if os.environ.get("DOSSIER_DEBUG"):
            raise
        print(f"dossier: {_one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("dossier: interrupted", file=sys.stderr)
        return 130
