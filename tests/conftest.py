"""Shared fixtures: every test runs with its data and config dirs under tmp_path."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"


@pytest.fixture(autouse=True)
def hermetic_dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point Dossier's data and config dirs at tmp_path; nothing leaks to ~/."""
    home = tmp_path / "dossier-home"
    monkeypatch.setenv("DOSSIER_HOME", str(home))
    for name in (
        "DOSSIER_DATA_DIR",
        "DOSSIER_CONFIG_DIR",
        "DOSSIER_INDEX_DIR",
        "DOSSIER_NO_HEAP_TUNING",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    # A search starts no search server that would outlive the test; the server's own
    # tests (tests/test_search_server.py) turn this off and stop what they start.
    monkeypatch.setenv("DOSSIER_NO_SERVER", "1")
    return home


@pytest.fixture
def seeds_copy(tmp_path: Path) -> Path:
    """A private copy of the bundled seeds that a test may edit."""
    target = tmp_path / "seeds"
    shutil.copytree(SEEDS, target)
    return target


def write_article(folder: Path, name: str, title: str, *paragraphs: str) -> Path:
    """Write a small article file (title line, blank line, paragraphs)."""
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return path


def write_config(text: str) -> Path:
    """Write the user's config.yaml (in the hermetic config dir) and return its path."""
    from tui.settings import user_config_file

    path = user_config_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path
