"""The line under an article's title in the list and the palette (tui.library.labels):
a file's name shows where nothing else names the article, unless a program made it."""

from __future__ import annotations

import pytest

from tui.library.labels import meta_parts, readable_name
from tui.library.models import ArticleSummary


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("field-notes.txt", "field-notes.txt"),
        ("business/012.txt", "business/012.txt"),
        ("2016-02-11-talks.md", "2016-02-11-talks.md"),
        ("20190312.txt", "20190312.txt"),  # a day, written by a person
        ("decadefacade.txt", "decadefacade.txt"),  # hex letters, no digit: a word
        ("001_831a683028b2dccb.txt", "001_831a683028b2dccb.txt"),  # a number before it
        ("9c" * 32 + ".txt", None),  # SHA-256
        ("saved/" + "0f3a" * 10 + ".html.gz", "saved/"),  # SHA-1, in a folder
        ("3f2504e0-4f89-11d3-9a0c-0305e82c3301.json", None),  # a UUID
        ("1574265600123.txt", None),  # a time in milliseconds
    ],
)
def test_a_name_a_program_made_is_not_shown(path: str, shown: str | None) -> None:
    assert readable_name(path) == shown


def test_source_and_date_come_first_and_the_name_only_without_them() -> None:
    def summary(path: str, source: str | None = None, date: str | None = None) -> ArticleSummary:
        return ArticleSummary("id", path, "A title", source, date, None)

    assert meta_parts(summary("a.txt", "Reuters", "2016-02-03")) == ["Reuters", "2016-02-03"]
    assert meta_parts(summary("a.txt", None, "2016-02-03")) == ["2016-02-03"]
    assert meta_parts(summary("a.txt")) == ["a.txt"]
    assert meta_parts(summary("ab12" * 16 + ".txt")) == []
