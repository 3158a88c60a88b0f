"""The base of Dossier's small modal dialogs.

A dialog hands its answer back with ``dismiss``, ``None`` for Esc; the caller does
the slow work in a thread worker. Enter in any of its boxes calls :meth:`Dialog.submit`.
What the user or a file typed is data: dialogs show it with
:func:`tui.app.safe.plain`, never read as markup.

No toast is drawn over a dialog (see :mod:`tui.app.notices`: the app holds its
toasts back while a modal screen is on top), and a dialog says its own refusals
inside it (:meth:`Dialog.refuse`), under its fields.
"""

from __future__ import annotations

from typing import ClassVar, TypeVar

from rich.text import Text
from textual import events, on
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tui.app.safe import plain

AnswerT = TypeVar("AnswerT")

#: Screens of fewer rows than this get dialogs without blank rows (``-short``).
SHORT = 32


def cancel_key(name: str) -> list[BindingType]:
    """A dialog's ``BINDINGS``: Esc cancels, under the keymap id ``{name}.cancel``."""
    return [Binding("escape", "cancel", "Cancel", id=f"{name}.cancel")]


class Dialog(ModalScreen[AnswerT | None]):
    """A modal dialog: the box ``FIRST`` has the focus; Enter submits, Esc cancels.

    Each dialog binds Esc to ``cancel`` itself, under an id of its own (the user's
    keymap names it): ``BINDINGS = cancel_key("its_name")``.
    """

    #: The id of the box that has the focus when the dialog opens.
    FIRST: ClassVar[str] = ""

    def on_mount(self) -> None:
        self._fit(self.app.size.height)
        # Where refusals are said: under the fields, hidden while there is none.
        self.query_one(".dialog").mount(Label("", id="dialog-says"))
        # Focused now, not on a later callback: the keys typed right after the key that
        # opened the dialog are waiting for it to be mounted, and go to the focus.
        self.set_focus(self.query_one(f"#{self.FIRST}", Input))

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.height)

    def _fit(self, height: int) -> None:
        """On a short screen (80x24) the dialog leaves out its blank rows (``-short``,
        see dossier.tcss): the correction dialog took 28 rows, ran off the screen, its
        last field cut and its keys (Enter saves · Esc cancels) out of sight."""
        self.set_class(height < SHORT, "-short")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit(event.value.strip())

    def submit(self, value: str) -> None:
        """Enter in a box whose text, stripped, is ``value``: dismiss with the answer."""
        raise NotImplementedError

    def framed(self, box_id: str, title: str | Text, enter: str, *, tab: bool = False) -> Vertical:
        """The dialog's box (``with`` it in ``compose``), ``title`` on its border and the
        keys under it: what Enter does (``enter``: "saves"), Tab (with ``tab``), Esc."""
        box = Vertical(id=box_id, classes="dialog")
        box.border_title = title
        box.border_subtitle = " · ".join(
            [f"Enter {enter}", *(["Tab next field"] if tab else []), "Esc cancels"]
        )
        return box

    def refuse(self, why: str, box: Input | None = None) -> None:
        """Say ``why`` the answer cannot be taken, in the dialog (a toast covered its
        lower part, and its keys), and put the focus in ``box`` to fix it."""
        self.say(why)
        if box is not None:
            self.set_focus(box)

    def say(self, text: str) -> None:
        """Say ``text`` under the dialog's fields ("": nothing)."""
        said = self.query_one("#dialog-says", Label)
        said.update(plain(text))
        said.display = bool(text)

    @on(Input.Changed)
    def _unsay(self, event: Input.Changed) -> None:
        if self.query("#dialog-says"):
            self.say("")  # mending the answer takes the refusal away

    def action_cancel(self) -> None:
        self.dismiss(None)


class TextDialog(Dialog[str]):
    """A dialog whose answer is the text of its one box, which may not be blank."""

    #: What to say when Enter comes with the box blank.
    WHEN_BLANK: ClassVar[str] = "Type something first."

    def submit(self, value: str) -> None:
        if not value:
            self.refuse(self.WHEN_BLANK)
            return
        self.dismiss(value)
