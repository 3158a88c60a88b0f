"""Helpers shared by the subcommands: opening the corpus, printing safely."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from tui.commands import UsageError


def corpus_arg(args: argparse.Namespace) -> str | None:
    positional = getattr(args, "corpus_arg", None)
    flag = getattr(args, "corpus", None)
    if positional and flag and Path(positional).resolve() != Path(flag).resolve():
        raise UsageError(f"two corpus folders given: {positional} and --corpus {flag}")
    return flag or positional


def open_library(args: argparse.Namespace) -> Any:
    """The :class:`~tui.library.Library` the arguments name (the seeds by default)."""
    from tui.library import Library, LibraryError
    from tui.settings import SettingsError

    try:
        return Library.open(
            corpus_arg(args),
            data_dir=Path(args.data_dir) if getattr(args, "data_dir", None) else None,
            index_dir=Path(args.index_dir) if getattr(args, "index_dir", None) else None,
        )
    except (LibraryError, SettingsError) as exc:
        raise UsageError(str(exc)) from None


def ensure_index(lib: Any, *, quiet: bool = False, rebuild: bool = False) -> Any:
    """Bring the index up to date, with a progress bar on a terminal when there is work."""
    from tui.library import LibraryError
    from tui.settings import SettingsError

    try:
        method = lib.rebuild_index if rebuild else lib.update_index
        if quiet or not sys.stderr.isatty():
            report = method()
        else:
            report = _update_with_progress(method)
    except (LibraryError, SettingsError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    for warning in report.warnings:
        print(f"dossier: warning: {one_line(warning)}", file=sys.stderr)
    if report.message:
        print(f"dossier: {one_line(report.message)}", file=sys.stderr)
    return report


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
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    progress = Progress(
        TextColumn("indexing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    )
    task = progress.add_task("index", total=None)
    started = False

    def report(done: int, total: int) -> None:
        nonlocal started
        if total >= 50 and not started:
            progress.start()
            started = True
        progress.update(task, completed=done, total=total)

    try:
        return method(progress=report)
    finally:
        if started:
            progress.stop()


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
