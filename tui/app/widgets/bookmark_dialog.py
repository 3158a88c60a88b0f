"""Small modal dialogs: a bookmark's note and tags, and where to export the bookmarks.

See :class:`~tui.app.widgets.dialog.Dialog` for what every dialog does.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, Label, Static

from tui.app.safe import plain
from tui.app.widgets.dialog import Dialog, cancel_key
from tui.bookmarks.model import with_note_tags
from tui.paths import working_folder

#: What a first Esc says when a note or tags were typed (a second Esc discards them).
DISCARD_WARNING = "Esc again discards what you typed · Enter saves it"

#: Characters of a long quote shown in the dialog.
QUOTE_PREVIEW = 320


@dataclass(frozen=True)
class BookmarkEdit:
    """What the bookmark dialog hands back."""

    note: str
    tags: tuple[str, ...]


def home_relative(path: Path) -> str:
    """``path`` from ``~`` when it is under the home folder (shorter), else whole."""
    try:
        inside = path.relative_to(Path.home())
    except (ValueError, RuntimeError):  # elsewhere, or no home folder
        return str(path)
    return "~/" + inside.as_posix() if inside.parts else "~"


def parse_tags(text: str) -> tuple[str, ...]:
    """Comma-separated tags; a leading ``#`` is dropped (``#economy, follow-up``)."""
    return tuple(t.strip().lstrip("#").strip() for t in text.split(",") if t.strip().lstrip("#"))


def quote_preview(quote: str, limit: int = QUOTE_PREVIEW) -> Text:
    """The quote on one logical line (paragraph breaks shown as ¶), cut at ``limit``."""
    flat = " ¶ ".join(" ".join(p.split()) for p in quote.split("\n\n") if p.strip())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return plain(f"“{flat}”")


class BookmarkDialog(Dialog[BookmarkEdit]):
    """Note and tags for a new bookmark, or to edit a saved one. Enter saves, Esc cancels."""

    BINDINGS = cancel_key("bookmark_dialog")
    FIRST = "bookmark-note"

    def __init__(
        self,
        quote: str,
        where: str,
        *,
        note: str = "",
        tags: tuple[str, ...] = (),
        editing: bool = False,
        error: str = "",
    ) -> None:
        """``error``: the line saying why the note and tags given were not saved (they
        are unsaved text, as if typed: Esc asks before discarding them)."""
        super().__init__()
        self.quote = quote
        self.where = where
        self.note = note
        self.tags = tags
        self.editing = editing
        self.error = error
        self._warned = False  # Esc was pressed once over typed text

    def compose(self) -> ComposeResult:
        title = "Edit bookmark" if self.editing else "Bookmark this passage"
        # Tab named: a note and tags, and only the note's box shows it has the focus.
        with self.framed("bookmark-dialog", title, "saves", tab=True):
            yield Static(quote_preview(self.quote), id="bookmark-quote")
            yield Label(plain(self.where), id="bookmark-where", classes="dialog-hint")
            yield Label("Note", classes="dialog-label")
            # Typing adds to a note or tags being edited rather than replacing them.
            yield Input(
                self.note,
                placeholder="Why this passage matters (optional)",
                id="bookmark-note",
                select_on_focus=False,
            )
            yield Label("Tags", classes="dialog-label")
            yield Input(
                ", ".join(self.tags),
                placeholder="comma, separated (optional)",
                id="bookmark-tags",
                select_on_focus=False,
            )

            yield Label(plain(self.error), id="bookmark-warning", classes="dialog-label")

    def submit(self, value: str) -> None:
        note = self.query_one("#bookmark-note", Input).value.strip()
        tags = parse_tags(self.query_one("#bookmark-tags", Input).value)
        self.dismiss(BookmarkEdit(note, with_note_tags(tags, note)))

    def action_cancel(self) -> None:
        """Esc: leave without saving; with a note or tags typed, only at a second Esc
        (one Esc too many used to throw a note away)."""
        if self._typed() and not self._warned:
            self._warned = True
            self.query_one("#bookmark-warning", Label).update(DISCARD_WARNING)
            return
        self.dismiss(None)

    def _typed(self) -> bool:
        note = self.query_one("#bookmark-note", Input).value.strip()
        tags = parse_tags(self.query_one("#bookmark-tags", Input).value)
        if self.error:  # what the boxes hold was never saved
            return bool(note or tags)
        return note != self.note.strip() or tags != tuple(self.tags)

    @on(Input.Changed)
    def _edited(self, event: Input.Changed) -> None:
        if self._warned:
            self._warned = False
            self.query_one("#bookmark-warning", Label).update("")


class ExportDialog(Dialog[str]):
    """Ask for the file to export the bookmarks to. Enter writes, Esc cancels."""

    BINDINGS = cancel_key("export_dialog")
    FIRST = "export-path"

    def __init__(
        self,
        path: str,
        what: str,
        subject: str = "bookmarks",
        suffixes: tuple[str, ...] = (),
        fallback: str = "Markdown",
    ) -> None:
        super().__init__()
        self.path = path
        self.what = what
        self.subject = subject  # what is exported: "bookmarks", "search results", ...
        # The suffixes that pick a format (".csv"), and the format any other name gets:
        # such a name is written only at a second Enter (results.pdf held Markdown, and
        # nothing said so). No suffixes: any name (the format is chosen already).
        self.suffixes = suffixes
        self.fallback = fallback
        self._replace: Path | None = None  # the existing file a second Enter replaces
        self._unsuffixed: Path | None = None  # the name of no known suffix a second Enter takes

    def compose(self) -> ComposeResult:
        with self.framed("export-dialog", plain(f"Export {self.subject} as {self.what}"), "writes"):
            # Which folder a name alone goes in: "the current directory" said nothing to
            # a user who started the app from a launcher or a shell long ago.
            # The suffixes here, not in the title: on the border they were cut at 76
            # columns ("… as Markdown, CSV or JSON (.md .cs…").
            picks = f"; {' '.join(self.suffixes)} picks the format" if self.suffixes else ""
            yield Label(
                plain(f"File (a name alone goes in {home_relative(working_folder())}{picks})"),
                classes="dialog-label",
            )
            yield Input(self.path, id="export-path")
            yield Label("", id="export-warning", classes="dialog-label")

    def submit(self, path: str) -> None:
        if not path:
            self._warn("Give a file name to write to.")
            return
        target = Path(path).expanduser()
        if not target.is_absolute():
            target = working_folder() / target
        if not target.parent.is_dir():
            # Said here, where the name can be mended: the dialog used to close and a
            # toast said "cannot write ...: No such file or directory".
            self._warn(f"There is no folder {target.parent}: choose another place.")
            return
        if target.exists() and not target.is_file():
            self._warn(f"{target.name} is not a regular file: choose another name.")
            return
        if (
            self.suffixes
            and target.suffix.lower() not in self.suffixes
            and target != self._unsuffixed
        ):
            self._unsuffixed = target
            self._warn(
                f"{target.name} would hold {self.fallback}: the suffix picks the format. "
                "Enter again writes it; or edit the name."
            )
            return
        if target.exists() and target != self._replace:
            # Never replace a file without asking: say so, and let a second Enter confirm.
            self._replace = target
            self._warn(f"{target.name} exists. Enter again replaces it; or edit the name.")
            return
        self.dismiss(path)

    @on(Input.Changed)
    def _edited(self, event: Input.Changed) -> None:
        self._replace = self._unsuffixed = None
        self._warn("")

    def _warn(self, text: str) -> None:
        self.query_one("#export-warning", Label).update(plain(text))
