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


def test_names_folded_in_one_go_are_folded_as_one_at_a_time() -> None:
    """fold_set (the lexicon's lists at every start) gives fold's keys: ASCII
    lists, lists with other letters and marks, spacing that fold changes."""
    import random

    lists = [list(part) for part in gazetteer._generated("places.yaml").values()]
    lists += [list(part) for part in gazetteer._generated("names.yaml").values()]
    assert any(not "".join(names).isascii() for names in lists)  # (the cities)
    rng = random.Random(7)
    pieces = ["a", "B", ".", " ", "  ", "\t", "\n", "\r", "\x1f", "-", "Z", " ."]
    pieces += ["é", "E\u0301", "\u0301", "\u00a0", "\u2028", "\x85", "\u2019", "İ", "ß", "ﬁ", "…"]
    for _ in range(5000):
        lists.append(
            ["".join(rng.choices(pieces, k=rng.randint(0, 6))) for _ in range(rng.randint(0, 5))]
        )
    for names in lists:
        assert gazetteer.fold_set(names) == {fold(name) for name in names}, names
