"""config.yaml: a value of the wrong type is one line naming the setting, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from tests.conftest import write_config
from tui.commands import main
from tui.settings import SettingsError, load_settings

BAD = {
    "index: 5\n": "index",
    "search: x\n": "search",
    "search: [1, 2]\n": "search",
    "corpus: 5\n": "corpus",
    "corpus:\n  skip: [1]\n": "corpus.skip",
    "index:\n  workers: [1]\n": "index.workers",
    "index:\n  workers: 1.5\n": "index.workers",
    "index:\n  workers: yes\n": "index.workers",
    "search:\n  limit: .inf\n": "search.limit",
    "search:\n  limit: .nan\n": "search.limit",
    "search:\n  limit: abc\n": "search.limit",
    "search:\n  debounce_ms: {a: 1}\n": "search.debounce_ms",
    "theme: [1]\n": "theme",
    "theme: 5\n": "theme",
    "keymap: [raw]\n": "keymap",
    "keymap:\n  5: w\n": "keymap",
}


@pytest.mark.parametrize("text", list(BAD))
def test_a_wrong_type_is_a_one_line_settings_error(text: str) -> None:
    path = write_config(text)
    with pytest.raises(SettingsError) as info:
        load_settings()
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path)) and BAD[text] in message


@pytest.mark.parametrize("text", ["index: 5\n", "search:\n  limit: .inf\n"])
def test_every_command_says_so_in_one_line(capsys, text: str) -> None:
    write_config(text)
    for argv in (["paths"], ["index"], ["search", "x"], ["bookmarks", "list"]):
        code = main(argv)
        out, err = capsys.readouterr()
        assert code == 2, argv
        assert err.count("\n") == 1 and "config.yaml" in err, (argv, err)


def test_deeply_nested_yaml_is_an_error_not_a_crash() -> None:
    write_config("keymap: " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises(SettingsError):
        load_settings()


def test_a_config_file_that_is_not_a_regular_file_is_refused(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("DOSSIER_CONFIG_FILE", "/dev/zero")
    started = time.monotonic()
    with pytest.raises(SettingsError, match="not a regular file"):
        load_settings()
    assert time.monotonic() - started < 5
    fifo = tmp_path / "config.fifo"
    os.mkfifo(fifo)
    monkeypatch.setenv("DOSSIER_CONFIG_FILE", str(fifo))
    with pytest.raises(SettingsError, match="not a regular file"):
        load_settings()


def test_dev_zero_as_config_file_ends_the_command(tmp_path) -> None:
    env = {**os.environ, "DOSSIER_HOME": str(tmp_path / "home"), "DOSSIER_CONFIG_FILE": "/dev/zero"}
    out = subprocess.run(
        [sys.executable, "-m", "tui", "paths"], capture_output=True, text=True, env=env, timeout=60
    )
    assert out.returncode == 2 and "not a regular file" in out.stderr


def test_a_huge_config_file_is_refused(tmp_path, monkeypatch) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * (2 * 1024 * 1024) + "\n")
    monkeypatch.setenv("DOSSIER_CONFIG_FILE", str(big))
    with pytest.raises(SettingsError, match="too large"):
        load_settings()


def test_the_worker_count_is_capped(monkeypatch) -> None:
    write_config("index:\n  workers: 100000\n")
    assert 1 <= load_settings().workers <= (os.cpu_count() or 1)
    monkeypatch.setenv("DOSSIER_INDEX_WORKERS", "-3")
    assert load_settings().workers == max(1, os.cpu_count() or 1)


def test_good_settings_still_load(monkeypatch) -> None:
    write_config(
        "theme: nord\nindex:\n  workers: 1\nsearch:\n  limit: 20\n  debounce_ms: 0\n"
        "corpus:\n  skip: [NOTES*]\nkeymap:\n  raw: w\n"
    )
    s = load_settings()
    assert (s.theme, s.workers, s.search_limit, s.search_debounce_ms) == ("nord", 1, 20, 0)
    assert s.corpus_skip == ("NOTES*",) and s.keymap == {"raw": "w"}
