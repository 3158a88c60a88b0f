"""Dialogs about articles: add one from a web address; correct one's title, date, source, byline.

See :class:`~tui.app.widgets.dialog.Dialog` for what every dialog does.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Label

from tui.app.safe import plain
from tui.app.widgets.dialog import Dialog, TextDialog, cancel_key


class AddUrlDialog(TextDialog):
    """Ask for a web address to save into the corpus. Enter adds, Esc cancels."""

    BINDINGS = cancel_key("add_url_dialog")
    FIRST = "add-url"
    WHEN_BLANK = "Give the address of a web page."

    def __init__(self, corpus: str) -> None:
        super().__init__()
        self.corpus = corpus

    def compose(self) -> ComposeResult:
        with self.framed("add-url-dialog", "Add article from URL", "adds"):
            yield Label("Web address of the article", classes="dialog-label")
            yield Input(placeholder="https://…", id="add-url")
            yield Label(
                plain(f"The page is saved in {self.corpus}, named after its headline."),
                classes="dialog-hint",
            )


class CorrectionDialog(Dialog["dict[str, str]"]):
    """Correct an article's title, date, source and byline. Enter saves, Esc cancels.

    Hands back every field's text (blank: as the file says); the caller keeps them.
    """

    BINDINGS = cancel_key("correction_dialog")
    FIRST = "correct-title"

    FIELDS = (
        ("title", "Title"),
        # The form, not an example date: above a field holding 2016-02-11, "Date
        # (2019-11-20)" read as a second, different date of the article.
        ("date", "Date (YYYY-MM-DD)"),
        ("source", "Source"),
        ("byline", "Byline"),
    )

    def __init__(self, values: dict[str, str], where: str) -> None:
        super().__init__()
        self.values = values
        self.where = where

    def compose(self) -> ComposeResult:
        with self.framed("correction-dialog", "Correct this article", "saves", tab=True):
            yield Label(plain(self.where), classes="dialog-hint")
            for field, label in self.FIELDS:
                yield Label(label, classes="dialog-label")
                yield Input(self.values.get(field, ""), id=f"correct-{field}")
            yield Label(
                "A blank field goes back to what the file says. Your file is not changed.",
                classes="dialog-hint",
            )

    def submit(self, value: str) -> None:
        answer = {f: self.query_one(f"#correct-{f}", Input).value for f, _ in self.FIELDS}
        date = answer["date"].strip()
        if date:
            from tui.formats.record import iso_date

            if iso_date(date) is None:
                box = self.query_one("#correct-date", Input)
                self.refuse(f"{date!r} is not a date: write it as YYYY-MM-DD (2019-11-20)", box)
                return
        self.dismiss(answer)
