"""The app's corrections rewrite files the user owns (entities.yaml, boilerplate.yaml):
a link to a folder of dotfiles stays a link, the file keeps its permissions, and a
write that fails leaves the file as it was."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tui.cleaning.corrections import mark_line
from tui.ner.curation import set_entity_type
from tui.yamlfile import load_yaml, replace_text


def _linked(tmp_path: Path, name: str, text: str) -> tuple[Path, Path]:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    target = dotfiles / name
    target.write_text(text, encoding="utf-8")
    config = tmp_path / "config"
    config.mkdir()
    link = config / name
    link.symlink_to(target)
    return link, target


def test_an_entity_correction_writes_through_a_link(tmp_path: Path) -> None:
    link, target = _linked(
        tmp_path, "entities.yaml", "entities:\n- name: Tom Pike\n  type: person\n"
    )
    set_entity_type(link, "Port Alder", "place")
    assert link.is_symlink()
    names = [e["name"] for e in load_yaml(target.read_text(encoding="utf-8"))["entities"]]
    assert names == ["Tom Pike", "Port Alder"]
    assert not list(tmp_path.rglob("*.tmp")) and not list(tmp_path.rglob(".entities-*"))


def test_a_cleaning_correction_writes_through_a_link_and_keeps_the_mode(
    tmp_path: Path,
) -> None:
    link, target = _linked(tmp_path, "boilerplate.yaml", "# mine\nlanguage: en\n")
    os.chmod(target, 0o600)
    mark_line("example.com", "Share this story", cruft=True, path=link)
    assert link.is_symlink()
    text = target.read_text(encoding="utf-8")
    assert "# mine" in text and "Share this story" in text
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_new_file_is_the_users_alone(tmp_path: Path) -> None:
    path = tmp_path / "new" / "entities.yaml"
    replace_text(path, "entities: []\n")
    assert path.read_text(encoding="utf-8") == "entities: []\n"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_failed_write_leaves_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "boilerplate.yaml"
    path.write_text("language: en\n", encoding="utf-8")

    def fails(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", fails)
    with pytest.raises(OSError, match="No space"):
        replace_text(path, "language: fr\n")
    assert path.read_text(encoding="utf-8") == "language: en\n"
    assert [p.name for p in tmp_path.iterdir()] == ["boilerplate.yaml"]
