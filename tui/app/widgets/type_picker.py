"""The entity type picker: ``T`` on an entity asks which type it is.

A small modal list of the three types, the entity's current one marked "now" and the
cursor on the next (so ``T`` then Enter does what ``t`` alone did when it went round
the types). Enter (or a click, or the type's number) picks; Esc cancels. The answer is
the type picked (``person``, ``place`` or ``org``), ``None`` when cancelled or when the
current type was picked again: nothing to change.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.safe import plain
from tui.app.widgets.vim_options import VimOptionList

#: The types in the order listed, each with what the picker calls it.
TYPES: tuple[tuple[str, str], ...] = (
    ("person", "Person"),
    ("place", "Place"),
    ("org", "Organisation"),
)


class TypePicker(ModalScreen[str | None]):
    """Which type ``name`` is (it is ``current`` now)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="entity_type.cancel"),
        Binding("1", "pick(0)", "Person", show=False, id="entity_type.person"),
        Binding("2", "pick(1)", "Place", show=False, id="entity_type.place"),
        Binding("3", "pick(2)", "Organisation", show=False, id="entity_type.org"),
    ]

    def __init__(self, name: str, current: str) -> None:
        super().__init__()
        self.entity_name = name
        self.current = current

    def compose(self) -> ComposeResult:
        box = Vertical(id="type-picker", classes="dialog")
        title = Text("Type of ")
        title.append_text(plain(self.entity_name, "bold"))
        box.border_title = title
        box.border_subtitle = "Enter picks · Esc cancels"
        with box:
            options = []
            for n, (kind, label) in enumerate(TYPES, 1):
                prompt = Text(f"{n}  {label}")
                if kind == self.current:
                    prompt.append("  · now", style="dim")
                options.append(Option(prompt, id=kind))
            yield VimOptionList(*options, id="type-options")

    def on_mount(self) -> None:
        options = self.query_one("#type-options", OptionList)
        kinds = [kind for kind, _ in TYPES]
        now = kinds.index(self.current) if self.current in kinds else -1
        options.highlighted = (now + 1) % len(kinds)
        self.set_focus(options)

    @on(OptionList.OptionSelected, "#type-options")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._answer(event.option.id or "")

    def action_pick(self, index: int) -> None:
        self._answer(TYPES[index][0])

    def _answer(self, kind: str) -> None:
        self.dismiss(kind)  # the current one too: the pane says nothing changed

    def action_cancel(self) -> None:
        self.dismiss(None)
