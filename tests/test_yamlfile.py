"""tui.yamlfile.load_yaml: libyaml's fast loader, with PyYAML's own loader's values and messages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tui import yamlfile
from tui.yamlfile import ConfigError, load_yaml, read_mapping

CONFIG = Path(__file__).resolve().parent.parent / "config"

# Every YAML feature the shipped and user files use, and a few they may.
FEATURES = """\
# a comment
theme: textual-dark   # trailing comment
corpus:
  skip: [README*, LICENSE*, 'quoted, with comma']
  watch: true
  off: false
  nothing: null
  tilde: ~
index: {workers: 0, ratio: 0.5, big: 12345678901234567890, neg: -3, hex: 0x1F, exp: 1.5e3}
keymap: {}
empty_list: []
patterns:
  - '(\\d+|no) comments? to this article'
  - "double \\"quoted\\" \\u00e9 \\t tab"
  - plain words: not a key
  - caf\u00e9 \u0418\u0440\u0430\u043d \u4e2d\u6587
literal: |
  one name a line
  second line

folded: >
  folded
  text
keep: |+
  kept

strip: |-
  stripped
date: 2016-02-29
stamp: 2016-02-29 10:30:00
version: "1.0"
anchor: &base
  a: 1
  b: [x, y]
alias: *base
merged:
  <<: *base
  c: 3
? complex key
: value
1: int key
yes_word: yes
inf: .inf
"""

MALFORMED = [
    "a: [1, 2\nb: 3\n",  # unclosed flow sequence
    "a: 1\n\tb: 2\n",  # a tab as indentation
    "a: 'unterminated\nb: 2\n",
    "a: 1\n b: 2\nc: 3\n",  # bad indentation
    "key: value: other\n",
    "- a\nb: 1\n",
    "a: *missing\n",  # an alias to no anchor
    "a: !!python/object:os.system x\n",  # a tag the safe loader refuses
    "a: 1\na: {b\n",
    "date: 2016-02-30\n",  # a date that does not exist
    "%YAML 9.9\n--- a\n",
    "a: b\n---\nc: d\n",  # two documents
    "\x00",
]


def pure(text: str) -> object:
    return yaml.load(text, Loader=yaml.SafeLoader)  # noqa: S506


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
@pytest.mark.parametrize("name", sorted(p.name for p in CONFIG.glob("*.yaml")))
def test_shipped_config_files_read_the_same_with_libyaml(name: str) -> None:
    text = (CONFIG / name).read_text(encoding="utf-8")
    fast = yaml.load(text, Loader=yaml.CSafeLoader)  # noqa: S506
    assert fast == pure(text)
    assert load_yaml(text) == pure(text)


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
def test_every_feature_reads_the_same_with_libyaml() -> None:
    expected = pure(FEATURES)
    assert isinstance(expected, dict) and expected["merged"] == {"a": 1, "b": ["x", "y"], "c": 3}
    assert yaml.load(FEATURES, Loader=yaml.CSafeLoader) == expected  # noqa: S506
    assert load_yaml(FEATURES) == expected


def _message(path: Path) -> str:
    with pytest.raises(ConfigError) as info:
        read_mapping(path)
    return str(info.value)


@pytest.mark.parametrize("text", MALFORMED)
def test_a_malformed_file_gives_the_pure_loaders_message(
    text: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    got = _message(path)
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)  # what read_mapping said before
    assert got == _message(path)
    assert got.startswith(f"{path}: ") and "\n" not in got


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML built without libyaml")
def test_libyaml_alone_would_word_some_errors_differently() -> None:
    """What the fallback is for: without it, these messages would change."""

    def problem(loader: type) -> str:
        try:
            yaml.load("a: 1\n\tb: 2\n", Loader=loader)  # noqa: S506
        except yaml.YAMLError as exc:
            return f"{getattr(exc, 'problem', '')} {getattr(exc, 'problem_mark', '')}"
        return "no error"

    assert problem(yaml.CSafeLoader) != problem(yaml.SafeLoader)


def test_the_pure_loader_when_libyaml_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delattr(yaml, "CSafeLoader", raising=False)
    assert load_yaml(FEATURES) == pure(FEATURES)
    path = tmp_path / "config.yaml"
    path.write_text("search:\n  limit: 7\n", encoding="utf-8")
    assert read_mapping(path) == {"search": {"limit": 7}}
    path.write_text("a: [1, 2\nb: 3\n", encoding="utf-8")
    assert "invalid YAML at line" in _message(path)


def test_libyaml_is_used_when_present(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[type] = []
    real = yaml.load

    def spy(text: str, Loader: type) -> object:  # noqa: N803 - yaml.load's name
        seen.append(Loader)
        return real(text, Loader=Loader)  # noqa: S506

    monkeypatch.setattr(yamlfile.yaml, "load", spy)
    assert load_yaml("a: 1\n") == {"a": 1}
    assert seen == [getattr(yaml, "CSafeLoader", yaml.SafeLoader)]
