"""Vocabulary.number_as takes a model file's base names a few thousand at a time,
letting other threads take the interpreter's lock between (issue 13: the app's UI
thread while a worker loads the model): the ids are the names' places all the same."""

from __future__ import annotations

from tui.ner.features import Featurizer
from tui.ner.model import shipped_model
from tui.ner.vocabulary import LOCK_STEP, Vocabulary


def _names(n: int) -> list[str]:
    kinds = ("w", "sh", "c4", "suffix3")
    return [f"{kinds[i % 4]}={i}" if i % 7 else f"plain{i}" for i in range(n)]


def test_the_ids_are_the_places_across_every_step() -> None:
    names = _names(3 * LOCK_STEP + 17)
    vocab = Vocabulary(Featurizer())
    assert vocab.number_as(names)
    assert vocab.base == {name: i for i, name in enumerate(names)}
    for i in (0, LOCK_STEP - 1, LOCK_STEP, 2 * LOCK_STEP + 5, len(names) - 1):
        kind, eq, value = names[i].partition("=")
        if eq:
            assert vocab.families[kind][value] == i
    assert "plain0" not in vocab.families and sum(map(len, vocab.families.values())) == sum(
        1 for name in names if "=" in name
    )


def test_a_name_twice_in_another_step_is_not_the_layout() -> None:
    names = _names(2 * LOCK_STEP)
    names[-1] = names[3]  # the same name in the first step and the last
    assert not Vocabulary(Featurizer()).number_as(names)


def test_the_shipped_model_is_numbered_as_its_file() -> None:
    bases = shipped_model().first.table.bases
    assert len(bases) > 2 * LOCK_STEP
    vocab = Vocabulary(Featurizer())
    assert vocab.number_as(bases) and vocab.base == {name: i for i, name in enumerate(bases)}
