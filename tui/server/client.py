"""``dossier search`` through a running search server: the quick path.

:func:`parse` reads the command line the way ``dossier search``'s parser does, for
the common options only (anything else, ``--help`` or a mistake included, goes the
usual way, so the parser says what it always says). :func:`search` asks the corpus's
server and prints its answer; None means no server answered as the search in this
process would (none running, the folder changed, another version): the caller then
searches in its own process and calls :func:`start_server`.

This module and what it imports (:mod:`tui.server.protocol`, :mod:`tui.server.plain`,
:mod:`tui.paths`, :mod:`tui.text`) must stay light: no Whoosh, no rich, no library.
"""

from __future__ import annotations

import os
import sys

from tui.argv import plain_options
from tui.server import protocol

# typing is not imported at run time: a search through a running server imports only
# what it runs (mypy takes TYPE_CHECKING as true whatever it is bound to).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

#: Set (to anything but empty or 0) to search in-process only and never start a server.
ENV_NO_SERVER = "DOSSIER_NO_SERVER"

_VALUED = {
    "--corpus": "corpus",
    "--data-dir": "data_dir",
    "--index-dir": "index_dir",
    "--limit": "limit",
}
_FLAGS = {
    "--json": "json",
    "--facets": "facets",
    "--rescan": "rescan",
    "--no-server": "no_server",
}


def parse(argv: list[str]) -> dict[str, Any] | None:
    """The options of ``dossier search ARGV`` (what follows ``search``), or None when
    they are not the plain kind this path answers (the full parser takes them)."""
    opts: dict[str, Any] = {"query": [], "limit": 20}
    words: list[str] = opts["query"]
    if not plain_options(argv, _VALUED, _FLAGS, opts, words):
        return None  # --help, --export, an abbreviation, a mistake: the parser's
    try:
        opts["limit"] = int(opts["limit"])
    except ValueError:
        return None
    if not words or opts["limit"] < 1:
        return None
    return opts


def disabled(opts: dict[str, Any]) -> bool:
    """Whether the user asked for no server (``--no-server``, ``DOSSIER_NO_SERVER``)."""
    env = os.environ.get(ENV_NO_SERVER, "").strip()
    return bool(opts.get("no_server")) or env not in ("", "0")


def target(opts: dict[str, Any]) -> tuple[str, str, str]:
    """(corpus folder, index folder, socket) that ``opts`` name, as the library would
    find them (:meth:`tui.library.Library.open`)."""
    from pathlib import Path

    from tui import paths

    corpus = opts.get("corpus")
    data, index = opts.get("data_dir"), opts.get("index_dir")
    if corpus:
        folder = Path(corpus).expanduser()
    else:  # as open_library: the indexed corpus the current folder is in, else the seeds
        from tui import known  # (only here: a search naming its corpus spares the import)

        folder = known.corpus_here(Path(data) if data else None) or paths.seeds_dir()
    where = paths.corpus_paths(
        folder,
        data=Path(data) if data else None,
        index=Path(index) if index else None,
    )
    return str(where.corpus), str(where.index), str(paths.server_socket(where.index))


def search(opts: dict[str, Any]) -> int | None:
    """Answer the search through the corpus's server: the exit code, or None when
    the search must run in this process."""
    corpus, _, sock = target(opts)
    answer = protocol.ask(
        sock,
        {
            "op": "search",
            "version": protocol.version(),
            "corpus": corpus,
            "query": " ".join(opts["query"]),
            "limit": opts["limit"],
            "facets": bool(opts.get("facets")),
            "rescan": bool(opts.get("rescan")),
        },
    )
    if answer is None:
        return None
    if isinstance(answer.get("error"), str):
        from tui.server.plain import query_error
        from tui.text import visible

        message = " ".join(visible(answer["error"].strip(), keep_newlines=False).split())
        print(f"dossier: {query_error(' '.join(opts['query']), message)}", file=sys.stderr)
        return 2
    hits, total, query = answer.get("hits"), answer.get("total"), answer.get("query")
    if not (isinstance(hits, list) and isinstance(total, int) and isinstance(query, str)):
        return None  # "fallback", or an answer of another shape: search here
    from tui.server import plain

    facets = answer.get("facets") if opts.get("facets") else None
    as_json = bool(opts.get("json"))
    empty = corpus if not hits and answer.get("articles") == 0 else None
    dated = answer.get("dated")
    counts = (dated[0], dated[1]) if isinstance(dated, list) and len(dated) == 2 else None
    return plain.print_search(
        sys.stdout, hits, total, query, facets, as_json=as_json, empty_folder=empty, dated=counts
    )


def start_server(opts: dict[str, Any]) -> bool:
    """Start the corpus's server in the background, unless one is running or starting,
    or the config says not to (``server: {start: false}``). Whether one was started."""
    import subprocess

    from tui.server import daemon

    corpus, index, sock = target(opts)
    folder = os.path.dirname(sock)
    if os.path.isdir(folder) and not protocol.private_folder(folder):
        return False  # it would not listen there
    if not daemon.wanted() or daemon.running(sock):
        return False
    cmd = [sys.executable, "-m", "tui", "server", "run", "--corpus", corpus, "--index-dir", index]
    if opts.get("data_dir"):
        cmd += ["--data-dir", os.path.abspath(os.path.expanduser(opts["data_dir"]))]
    try:
        subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,  # not stopped by the terminal's ctrl+c, outlives the shell
            close_fds=True,
            cwd="/",
        )
    except OSError:
        return False
    return True
