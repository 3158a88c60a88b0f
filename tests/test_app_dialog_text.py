"""Pilot tests: what a dialog says under its field is read whole, at 80x24 too.

The export dialog's warning ("out.xyz would hold Markdown: the suffix picks the
format. Enter again writes it; or edit the name.") ran past the dialog's edge on one
line and was cut at "Enter again": what a second Enter does was out of sight.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Label

from tests.app_helpers import make_app, ready, settle, wait_for
from tests.conftest import write_article
from tui.app.widgets.bookmark_dialog import ExportDialog


def _shown(label: Label) -> str:
    """The label's text as drawn in its region, its lines joined."""
    lines = label.render_lines(label.region.reset_offset)
    return " ".join("".join(s.text for s in line).strip() for line in lines).strip()


@pytest.mark.parametrize("size", [(120, 36), (80, 24)])
async def test_the_export_dialogs_warning_is_shown_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "Harbour talks", "Negotiators met at the harbour.")
    monkeypatch.chdir(tmp_path)
    app = make_app(folder)
    async with app.run_test(size=size) as pilot:
        await ready(pilot)
        dialog = ExportDialog("out.md", "Markdown, CSV or JSON", "results", (".md", ".csv"))
        app.push_screen(dialog)
        await wait_for(pilot, lambda: bool(dialog.query(Input)), what="the dialog")
        dialog.query_one(Input).value = "out.xyz"
        await pilot.press("enter")
        await settle(pilot)
        label = dialog.query_one("#export-warning", Label)
        # Within the dialog's frame: a label as wide as its one line ran past it, clipped.
        frame = dialog.query_one(".dialog").content_region
        assert label.region.right <= frame.right, (label.region, frame)
        said = _shown(label)
        assert said.endswith("Enter again writes it; or edit the name."), said
        assert said.startswith("out.xyz would hold Markdown"), said


async def test_the_export_dialog_of_an_entitys_articles_names_its_formats_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its title, "Export articles naming Gordon Brown as Markdown, CSV or JSON (.md
    .csv .json)", was cut at the frame ("(.md .cs…"); the suffixes are said by the field."""
    folder = tmp_path / "news"
    write_article(folder, "a.txt", "Harbour talks", "Negotiators met at the harbour.")
    monkeypatch.chdir(tmp_path)
    app = make_app(folder)
    async with app.run_test(size=(80, 24)) as pilot:
        await ready(pilot)
        app.ask_export_list(app.screen, "articles naming Gordon Brown", [], "Gordon Brown")
        await wait_for(pilot, lambda: isinstance(app.screen, ExportDialog), what="the dialog")
        dialog = app.screen
        await wait_for(pilot, lambda: bool(dialog.query(Input)), what="its field")
        frame = dialog.query_one(".dialog")
        title = str(frame.border_title)
        assert title == "Export articles naming Gordon Brown as Markdown, CSV or JSON"
        assert len(title) + 4 <= frame.region.width, (title, frame.region)
        labels = " ".join(str(label.render()) for label in dialog.query(Label))
        assert ".md .markdown .txt .csv .json picks the format" in labels, labels
