"""The hand-written lists of entity recognition, read from the shipped config/lexicon.yaml."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from tui import gazetteer
from tui.gazetteer import cue_words, fold, lexicon


def test_every_list_is_shipped_and_read_as_words_or_lines() -> None:
    words = cue_words()
    for f in fields(words):
        assert getattr(words, f.name), f"lexicon.yaml: {f.name} is empty"
    assert {"Mr", "Mr.", "Prof."} <= words.person_titles  # words: split on white space
    assert "United Nations|UN|U.N." in words.known_orgs  # lines: one name a line, spaces kept
    assert "North America" in words.regions
    assert "North" not in words.regions


def test_the_lists_reach_the_lexicon() -> None:
    lex = lexicon()
    assert lex.orgs[fold("U.N.")] == ("United Nations", "org")
    assert fold("North America") in lex.places
    assert fold("Sergei") in lex.first_names  # a given name the census lists lack


def test_a_list_missing_from_the_file_is_a_broken_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "lexicon.yaml").write_text("person_titles: |\n  Mr Mrs\n", encoding="utf-8")
    monkeypatch.setattr(gazetteer, "_defaults_dir", lambda: tmp_path)
    cue_words.cache_clear()
    try:
        with pytest.raises(RuntimeError, match="no 'org_suffixes'"):
            cue_words()
    finally:
        cue_words.cache_clear()
