from __future__ import annotations

from pathlib import Path

from tui import paths


def test_paths_follow_dossier_home(hermetic_dirs: Path, tmp_path: Path) -> None:
    p = paths.corpus_paths(tmp_path / "corpus")
    assert p.index.is_relative_to(hermetic_dirs / "data")
    assert p.bookmarks.is_relative_to(hermetic_dirs / "data")
    assert paths.config_dir() == hermetic_dirs / "config"
    # computing paths creates nothing
    assert not hermetic_dirs.exists()


def test_env_and_arguments_override(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DOSSIER_DATA_DIR", str(tmp_path / "d"))
    assert paths.data_dir() == tmp_path / "d"
    monkeypatch.setenv("DOSSIER_INDEX_DIR", str(tmp_path / "ix"))
    assert paths.corpus_paths(tmp_path).index == tmp_path / "ix"
    assert paths.corpus_paths(tmp_path, index=tmp_path / "flag").index == tmp_path / "flag"
    assert paths.corpus_paths(tmp_path, data=tmp_path / "dd").bookmarks.is_relative_to(
        tmp_path / "dd"
    )


def test_corpus_keys_are_stable_and_distinct(tmp_path: Path) -> None:
    a, b = tmp_path / "a" / "news", tmp_path / "b" / "news"
    assert paths.corpus_key(a) == paths.corpus_key(a)
    assert paths.corpus_key(a) != paths.corpus_key(b)
    assert paths.corpus_key(a).startswith("news-")


def test_bundled_folders_exist() -> None:
    assert len(list(paths.seeds_dir().glob("*.txt"))) == 5
    assert (paths.defaults_dir() / "dossier.yaml").is_file()


def test_counts_read_as_english() -> None:
    from tui.text import plural

    assert plural(1, "article") == "1 article"
    assert plural(0, "article") == "0 articles"
    assert plural(2225, "article") == "2,225 articles"
    assert plural(2, "entry", "entries") == "2 entries"
