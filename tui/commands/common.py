"""Helpers shared by the subcommands: opening the corpus, printing safely."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from tui.commands import UsageError
from tui.text import plural


def corpus_arg(args: argparse.Namespace) -> str | None:
    positional = getattr(args, "corpus_arg", None)
    flag = getattr(args, "corpus", None)
    if positional and flag and Path(positional).resolve() != Path(flag).resolve():
        raise UsageError(f"two corpus folders given: {positional} and --corpus {flag}")
    return flag or positional


def open_library(args: argparse.Namespace, *, article: str | None = None, here: bool = True) -> Any:
    """The :class:`~tui.library.Library` the arguments name (the seeds by default).

    With no corpus given, an ``article`` named by its file implies the corpus: the
    nearest folder above the file that Dossier has indexed, else the file's folder;
    an article id names the indexed corpus that has it (as ``dossier search
    --corpus X`` printed it). Else, with ``here``, the indexed corpus the current
    folder is in (:func:`tui.known.corpus_here`): ``dossier search`` in a corpus
    searched the seeds, and ``bookmarks list`` listed theirs, saying nothing of it.
    """
    from tui.library import Library, LibraryError
    from tui.settings import SettingsError

    data = Path(args.data_dir) if getattr(args, "data_dir", None) else None
    corpus = corpus_arg(args)
    if corpus is None and article:
        corpus = _implied_corpus(article, data)
    if corpus is None and here:
        from tui import known

        found = known.corpus_here(data)
        corpus = str(found) if found is not None else None
    try:
        return Library.open(
            corpus,
            data_dir=data,
            index_dir=Path(args.index_dir) if getattr(args, "index_dir", None) else None,
        )
    except (LibraryError, SettingsError) as exc:
        raise UsageError(str(exc)) from None


def _implied_corpus(article: str, data: Path | None) -> str | None:
    """The corpus folder an article reference implies, or None for the seeds."""
    from tui import known
    from tui.paths import seeds_dir

    path = Path(article).expanduser()
    if path.is_file():
        return str(known.corpus_of_file(path, data))
    not_file = not_a_regular_file(article)
    if not_file:
        raise UsageError(not_file)
    if "/" in article or os.sep in article or path.suffix:
        raise UsageError(f"no such file: {article}")
    holders = [c for c in known.corpora_with_id(article, data) if c != seeds_dir().resolve()]
    if len(holders) > 1:
        flags = " or ".join(f"--corpus {h}" for h in holders)
        raise UsageError(f"article {article} is in {len(holders)} corpora: add {flags}")
    return str(holders[0]) if holders else None


def not_a_regular_file(article: str) -> str | None:
    """What is wrong with an article named as ``-``, a folder, a pipe or a device (each
    was "no such file"): an article is a regular file of a corpus, or its id."""
    if not article.strip():
        return "give an article's id or its file"
    if article == "-":
        return (
            "'-': articles are read from their files, not from standard input "
            "(give a file or an id)"
        )
    path = Path(article).expanduser()
    try:
        if not path.exists() or path.is_file():
            return None
    except OSError:
        return None
    if path.is_dir():
        return (
            f"{article} is a folder: give one article's file or id "
            f"(dossier {article} opens the folder)"
        )
    return (
        f"{article} is not a regular file (a pipe or a device): "
        "Dossier reads the regular files of a corpus only"
    )


def missing_article(lib: Any, article: str) -> UsageError:
    """The one-line error for an article not in ``lib``'s corpus, naming the flag to add."""
    from tui import known

    data = getattr(getattr(lib, "paths", None), "data", None)
    root = data.parent.parent if data is not None else None  # DATA/corpora/KEY
    holders = [c for c in known.corpora_with_id(article, root) if c != lib.corpus]
    where = f"no article {article!r} in {lib.corpus}"
    not_file = not_a_regular_file(article)
    if not_file:
        return UsageError(not_file)
    if holders:
        flags = " or ".join(f"--corpus {h}" for h in holders)
        return UsageError(f"{where}; it is in another corpus: add {flags}")
    if Path(article).suffix or "/" in article:
        skip = getattr(getattr(lib, "settings", None), "corpus_skip", ())
        why = _why_not_listed(Path(article).expanduser(), lib.corpus, skip)
        return UsageError(f"{where} ({why})")
    return UsageError(
        f"{where}: an id belongs to the corpus it was listed from; "
        "add --corpus PATH for that folder (or give the article's file path)"
    )


def _why_not_listed(path: Path, corpus: Path, skip: Iterable[str] = ()) -> str:
    """Why the file ``path`` is not an article of ``corpus``: what reading it says (a
    binary file, one too large, one that cannot be read), else the reason it is left out
    (a name beginning with a dot, in the file's path in the folder; a name ``skip``, the
    settings' ``corpus: skip``, leaves out). A file that is there was said to be "no
    such file"."""
    from fnmatch import fnmatch

    from tui.formats import ArticleError, format_of, inside, quick_records

    if not path.is_file():
        return "no such file"
    real, root = os.path.realpath(path), os.path.realpath(corpus)
    if not inside(real, root):
        if inside(os.path.join(os.path.realpath(path.parent), path.name), root):
            return f"a link to {real}, outside that folder: only the files inside it are read"
        return "the file is not in that folder"
    if any(part.startswith(".") for part in Path(os.path.relpath(real, root)).parts):
        return "skipped: Dossier leaves out files and folders whose names begin with a dot"
    if format_of(path.name) is None:
        return "not a kind of file Dossier reads: text, Markdown, web pages, exports, feeds"
    try:
        quick_records(path, corpus=corpus)
    except ArticleError as exc:
        return str(exc)
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    if any(fnmatch(path.name.lower(), p.lower()) for p in skip if p.strip()):
        return "skipped: its name is left out by corpus: skip in config.yaml"
    return "not among the folder's articles"


@contextmanager
def article_errors(lib: Any, article: str, *also: type[Exception]) -> Iterator[None]:
    """Errors of reading ``article`` as one-line usage errors: not in the corpus
    (:func:`missing_article`), or any other ``LibraryError`` (or ``also``) as its message;
    but ``PassagesPending`` (not ready yet: no usage error) goes to the command."""
    from tui.library import LibraryError, NoSuchArticle, PassagesPending

    errors: tuple[type[Exception], ...] = (LibraryError, *also)
    try:
        yield
    except NoSuchArticle:
        raise missing_article(lib, article) from None
    except PassagesPending:
        raise
    except errors as exc:
        raise UsageError(str(exc)) from None


def attributes(obj: Any, *names: str) -> dict[str, Any]:
    """``{name: obj.name}`` for ``names``: a record's fields as a JSON object."""
    return {name: getattr(obj, name) for name in names}


def ensure_index(
    lib: Any,
    *,
    quiet: bool = False,
    rebuild: bool = False,
    stamp: str = "",
    searchable: Any = None,
    names: bool = True,
) -> Any:
    """Bring the index up to date, with a progress bar on a terminal when there is work.

    ``searchable(report)``: told when a full build has made the folder searchable, its
    names still to be found (:meth:`Library.update_index`). The names are said to be
    missing on stderr when the update leaves some to find (another process finds them).

    ``stamp``: a command that needs the index only (not the list of articles) may
    trust a stamp of the folder kept beside the index to tell that nothing changed
    (:meth:`Library.quick_update`), from a ``stat`` of every file ("files") or from
    the folders' times only ("folders": a file rewritten in place is not seen).
    Otherwise, or when it cannot tell, the manifest is compared with the folder.

    ``names=False``: an update leaves the names of a full build's articles (its second
    phase) to a later one: the command answers once the folder is searchable."""
    from tui.library import LibraryError, UpdateReport
    from tui.settings import SettingsError

    if stamp and not rebuild:
        # (a command that leaves the names to another trusts a stamp of the folder as
        # indexed while they are pending: tui.freshness)
        if lib.quick_update(every_file=stamp == "files", names_pending=not names):
            return UpdateReport(names_pending=not names and lib.names_pending())
    try:
        method = partial(lib.rebuild_index if rebuild else lib.update_index, searchable=searchable)
        if not names and not rebuild:
            method = partial(method, find_names=False)
        # Progress goes to stderr whenever that is a terminal, --json or not: a first
        # build of thousands of articles takes a while, and silence looks like a hang.
        if sys.stderr.isatty():
            report = _update_with_progress(method)
        else:
            report = method()
    except (LibraryError, SettingsError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    for warning in report.warnings:
        print(f"dossier: warning: {one_line(warning)}", file=sys.stderr)
    if report.message and not quiet:
        # (a sentence in the app's notice; after "dossier: " a clause, as every message)
        message = one_line(report.message)
        print(f"dossier: {message[:1].lower()}{message[1:]}", file=sys.stderr)
    if report.names_why:
        print(
            f"dossier: warning: names not found yet: {one_line(report.names_why)}", file=sys.stderr
        )
    return report


def indexed_library(
    args: argparse.Namespace, *, article: str | None = None, quiet: bool = False
) -> Any:
    """:func:`open_library`, its index then brought up to date (:func:`ensure_index`)."""
    lib = open_library(args, article=article)
    ensure_index(lib, quiet=quiet)
    return lib


def read_index(lib: Any, read: Any, *, quiet: bool = False) -> Any:
    """``read()``, and when it finds the index damaged, rebuild the index and read again."""
    from tui.library import IndexDamaged

    try:
        return read()
    except IndexDamaged as exc:
        print(f"dossier: {one_line(exc)}; rebuilding it", file=sys.stderr)
    ensure_index(lib, quiet=quiet)
    try:
        return read()
    except IndexDamaged as exc:
        raise UsageError(f"{exc}, even after a rebuild: check the disk") from None


def _update_with_progress(method: Any) -> Any:
    """``method(progress=..., naming=...)`` with "indexing N articles…" and a bar on
    stderr, then "finding names" and a bar of their own when a full build finds the
    names after the folder is searchable.

    The line is printed once the build knows how many articles it has to read (the
    bar only for builds long enough to need one: a few files go by too fast to draw).
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True, highlight=False)
    progress = Progress(
        TextColumn("indexing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = progress.add_task("index", total=None)
    said = started = naming = False

    def report(done: int, total: int) -> None:
        nonlocal said, started
        if total and not said:
            said = True
            print(f"dossier: indexing {plural(total, 'article')}…", file=sys.stderr, flush=True)
        if total >= 50 and not started:
            progress.start()
            started = True
        progress.update(task, completed=done, total=total)

    def names(done: int, total: int) -> None:
        nonlocal naming, started, task
        if not naming:
            naming = True
            if started:
                progress.remove_task(task)
            progress.columns = (TextColumn("finding names"), *progress.columns[1:])
            task = progress.add_task("names", total=total)
        if total >= 50 and not started:
            progress.start()
            started = True
        progress.update(task, completed=done, total=total)

    try:
        return method(progress=report, naming=names)
    finally:
        if started:
            progress.stop()


def say_none(message: str) -> None:
    """Say on stderr that a command found nothing (its exit code is 1): stdout carries
    results alone, as grep's does, so a pipe or ``> file`` gets no message as a result."""
    print(f"dossier: {one_line(message)}", file=sys.stderr, flush=True)


def print_json(obj: Any) -> None:
    """One JSON object on a line; characters a terminal acts on are ``\\u`` escapes."""
    sys.stdout.write(json_text(obj) + "\n")


def json_text(obj: Any, **kwargs: Any) -> str:
    """``json.dumps`` of ``obj`` (UTF-8 text) with nothing raw that a terminal acts on."""
    from tui.text import json_safe

    return json_safe(json.dumps(obj, ensure_ascii=False, **kwargs))


def one_line(text: Any) -> str:
    """``text`` (a name, a warning from a file) as one visible line for a terminal."""
    from tui.text import visible

    return visible(str(text), keep_newlines=False)


def shown(text: str | None) -> str:
    """Text from a file or an import, its line breaks kept, made visible for a terminal."""
    from tui.text import visible

    return visible(text or "")


def print_table(console: Any, table: Any) -> None:
    """A rich ``Table`` a line at a time, without the spaces that pad its last column:
    piped into a file or ``grep 'Smith$'`` a row ends where its text does."""
    from rich.text import Text

    for line in console.render_lines(table, console.options, pad=False):
        row = Text()
        for segment in line:
            if not segment.control:
                row.append(segment.text, segment.style)
        row.rstrip()
        console.print(row, soft_wrap=True)


def stdout_console(**kwargs: Any) -> Any:
    """A rich console on stdout; a closed pipe (``| head``) ends the command with exit 0.

    rich's own answer to a broken pipe is ``SystemExit(1)``, which reads as "no
    results" in Dossier's exit codes.
    """
    from rich.console import Console

    class _Console(Console):
        def on_broken_pipe(self) -> None:
            raise BrokenPipeError

    kwargs.setdefault("highlight", False)
    return _Console(**kwargs)
