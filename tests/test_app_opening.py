"""`dossier FOLDER` in a terminal says what it opens at once, on the app's screen, before
the library is opened and Textual imported and started: on a busy machine those took
1.4-2.6 s in which the terminal showed nothing happen, then a blank screen (issue 13)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest

import tui.app
from tests.conftest import write_article
from tui.commands import UsageError, common, open_app

ENTER = "\x1b[?1049h"  # the alternate screen, the one the app draws on
LEAVE = "\x1b[?1049l"


def _args(folder: Path) -> argparse.Namespace:
    return argparse.Namespace(corpus_arg=str(folder), corpus=None, data_dir=None, index_dir=None)


class _App:
    def __init__(self, ran: list[str]) -> None:
        self.ran = ran

    def run(self) -> None:
        self.ran.append("run")


@pytest.fixture
def folder(tmp_path: Path, hermetic_dirs: Path) -> Path:
    folder = tmp_path / "harbour-news"
    write_article(folder, "a.txt", "Ferry timetable", "The ferry leaves at nine.")
    return folder


def _seen_before_the_library(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], fail: bool = False
) -> list[str]:
    seen: list[str] = []
    opened = common.open_library

    def opening(*args: Any, **kwargs: Any) -> Any:
        seen.append(capsys.readouterr().out)
        if fail:
            raise UsageError("cannot read the data folder")
        return opened(*args, **kwargs)

    monkeypatch.setattr(common, "open_library", opening)
    monkeypatch.setattr(tui.app, "create_app", lambda **kwargs: _App(seen))
    return seen


def test_a_terminal_is_told_what_opens_before_the_library_is_opened(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen = _seen_before_the_library(monkeypatch, capsys)
    monkeypatch.setattr(open_app, "_in_a_terminal", lambda: True)
    assert open_app.run(_args(folder)) == 0
    assert seen[1:] == ["run"]
    assert seen[0].startswith(ENTER)
    assert seen[0].endswith("Opening harbour-news…")
    # The app's own screen follows (it leaves the alternate screen when it quits).
    assert LEAVE not in capsys.readouterr().out


def test_an_error_before_the_app_leaves_the_screen_it_was_said_on(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen = _seen_before_the_library(monkeypatch, capsys, fail=True)
    monkeypatch.setattr(open_app, "_in_a_terminal", lambda: True)
    with pytest.raises(UsageError):
        open_app.run(_args(folder))
    assert seen[0].startswith(ENTER)
    assert capsys.readouterr().out.endswith(LEAVE)  # the error is said where typed


def test_a_pipe_gets_no_screen(
    folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    seen = _seen_before_the_library(monkeypatch, capsys)
    monkeypatch.setattr(open_app, "_in_a_terminal", lambda: False)
    with pytest.raises(UsageError, match="needs a terminal"):
        open_app.run(_args(folder))
    assert seen == [""]
    assert capsys.readouterr().out == ""
