"""Dialogs about articles: add one from a web address (fetched while the dialog
waits); correct one's title, date, source, byline.

See :class:`~tui.app.widgets.dialog.Dialog` for what every dialog does.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, LoadingIndicator
from textual.worker import Worker

from tui.app import messages as m
from tui.app.safe import plain
from tui.app.widgets.dialog import Dialog, cancel_key


class AddUrlDialog(Dialog[str]):
    """Ask for a web address and fetch the page: Enter fetches, Esc cancels.

    The dialog stays open while the page comes (``fetch(dialog, url)`` starts the
    worker, which posts :class:`~tui.app.messages.ArticleClipped` or
    :class:`~tui.app.messages.ClipFailed` to the dialog) and says so. A failure is
    said here, where the address can be mended (it was a toast once the dialog had
    closed, and the address had to be typed again); the page saved, the dialog hands
    back its path in the corpus. Esc stops the fetch: a page not yet come is not
    saved. Enter again while a page comes only says so: it started the fetch over
    (the worker is exclusive), dropping the page nearly come. An answer about an
    address other than the last one fetched is dropped.
    """

    BINDINGS = cancel_key("add_url_dialog")
    FIRST = "add-url"

    def __init__(self, corpus: str, fetch: Callable[[AddUrlDialog, str], Worker[None]]) -> None:
        super().__init__()
        self.corpus = corpus
        self.fetch = fetch
        self._fetching: str | None = None  # the address being fetched
        self._worker: Worker[None] | None = None

    def compose(self) -> ComposeResult:
        with self.framed("add-url-dialog", "Add article from URL", "adds"):
            yield Label("Web address of the article", classes="dialog-label")
            yield Input(placeholder="https://…", id="add-url")
            with Horizontal(id="add-url-state"):
                yield LoadingIndicator(id="add-url-busy")
                yield Label("", id="add-url-status")
            yield Label(
                plain(f"The page is saved in {self.corpus}, named after its headline."),
                classes="dialog-hint",
            )

    @property
    def fetching(self) -> str | None:
        """The address being fetched, if one is."""
        return self._fetching

    def submit(self, value: str) -> None:
        if not value:
            self._say("Give the address of a web page.")
            return
        if self._fetching is not None:
            # A second Enter (an impatient user, a key repeated) would fetch anew and
            # cancel the page on its way: the fetch under way goes on.
            self._say(f"Still fetching {self._fetching}… Esc cancels it.", busy=True)
            return
        self._fetching = value
        self._say(f"Fetching {value}…", busy=True)
        self._worker = self.fetch(self, value)

    @on(m.ArticleClipped)
    def _saved(self, message: m.ArticleClipped) -> None:
        message.stop()
        if message.url == self._fetching:
            self._fetching = None
            self.dismiss(message.path)

    @on(m.ClipFailed)
    def _failed(self, message: m.ClipFailed) -> None:
        message.stop()
        if message.url == self._fetching:
            self._fetching = None
            self._say(f"Could not add “{message.url}”: {message.error}")
            self.set_focus(self.query_one("#add-url", Input))

    @on(Input.Changed)
    def _edited(self, event: Input.Changed) -> None:
        if self._fetching is None:
            self._say("")

    def action_cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()  # a page still on its way is not saved
        self._fetching = None
        self.dismiss(None)

    def _say(self, text: str, *, busy: bool = False) -> None:
        self.query_one("#add-url-busy").display = busy
        status = self.query_one("#add-url-status", Label)
        status.update(plain(text))
        status.set_class(bool(text) and not busy, "-error")


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
