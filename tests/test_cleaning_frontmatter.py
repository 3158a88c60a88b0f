"""Markdown front matter (``---`` / ``key: value`` lines / ``---``): its fields are the
article's, its lines no part of the text. Before, a note with front matter lost its
title (the first sentence became the title, the body was left empty)."""

from __future__ import annotations

from tui.articles import build_article
from tui.cleaning import clean
from tui.cleaning.frontmatter import front_matter

NOTE = """---
title: Ferry timetable changes
date: 2021-06-14
author: Mira Okafor
---

The island ferry will leave an hour earlier from Monday.

The harbour office said the change follows the new tide tables.
"""


def test_front_matter_gives_the_title_date_and_byline_and_the_body_stays_whole() -> None:
    article = build_article("notes/ferry.md", NOTE)
    assert article.title == "Ferry timetable changes"
    assert article.date == "2021-06-14"
    assert article.byline == "Mira Okafor"
    assert article.body == (
        "The island ferry will leave an hour earlier from Monday.\n\n"
        "The harbour office said the change follows the new tide tables."
    )
    assert "date:" not in article.body and "---" not in article.body


def test_its_lines_are_dimmed_in_the_raw_view_and_offsets_stay_those_of_the_file() -> None:
    cleaned = clean(NOTE, name="ferry")
    dimmed = [NOTE[a:b] for a, b in cleaned.removed_spans]
    assert dimmed[:3] == ["---", "date: 2021-06-14", "author: Mira Okafor"]
    kept = [NOTE[a:b] for a, b in cleaned.kept_spans]
    assert "The island ferry will leave an hour earlier from Monday." in kept


def test_lists_written_dates_and_the_outlet() -> None:
    text = (
        "---\nheadline: Quay works begin\nauthors:\n  - Ann Lee\n  - Bo Ray\n"
        "published: March 3, 2021\npublisher: The Harbour Post\ntags: [port]\n---\n"
        "# Quay works begin\n\nWork on the quay began on Tuesday.\n"
    )
    cleaned = clean(text, name="quay")
    assert cleaned.title == "Quay works begin"
    assert (cleaned.date, cleaned.byline) == ("2021-03-03", "Ann Lee, Bo Ray")
    assert cleaned.source == "The Harbour Post"
    assert "Work on the quay began on Tuesday." in cleaned.body


def test_a_title_too_long_for_its_line_still_wins() -> None:
    text = "---\ntitle: >-\n  A folded title\n  over two lines\n---\nThe text of the note.\n"
    cleaned = clean(text, name="folded")
    assert cleaned.title == "A folded title over two lines"
    assert "title:" not in cleaned.body


def test_what_is_not_front_matter_is_left_to_the_cleaner() -> None:
    rule_first = "---\nSome prose between rules, with no field.\n---\nMore prose here.\n"
    no_known_field = "---\nmood: calm\n---\nThe text.\n"
    unclosed = "---\ntitle: Never closed\n" + "A line of text.\n" * 80
    nested = "---\ntitle: " + "[" * 3000 + "\n---\nText.\n"
    for text in (rule_first, no_known_field, unclosed, nested):
        assert front_matter(text) is None, text[:40]
    assert front_matter("title: no fence\n---\n") is None


def test_markup_in_a_field_stays_text() -> None:
    text = '---\ntitle: "[bold]Loud[/bold] \\u001b[31mred"\n---\nBody line.\n'
    cleaned = clean(text, name="m")
    assert cleaned.title == "[bold]Loud[/bold] \x1b[31mred"
