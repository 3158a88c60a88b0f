"""Help, generated from the real bindings (with the user's keymap applied)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app.safe import plain


def binding_rows(
    bindings: Iterable[BindingType], keymap: dict[str, str], app
) -> list[tuple[str, str]]:  # noqa: ANN001
    """``(keys, description)`` for each action of ``bindings``, keys remapped by ``keymap``."""
    rows: dict[tuple[str, str], list[str]] = {}
    for binding in Binding.make_bindings(bindings):
        if not binding.description:
            continue
        keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
        for key in keys.split(","):
            shown = app.get_key_display(replace(binding, key=key.strip()))
            label = binding.tooltip or binding.description
            slot = rows.setdefault((binding.action, label), [])
            if shown not in slot:
                slot.append(shown)
    return [(" ".join(keys), label) for (_, label), keys in rows.items()]


class HelpScreen(ModalScreen[None]):
    """Every key, by pane, as currently bound."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close help", id="help.close"),
    ]

    def __init__(
        self, sections: list[tuple[str, list[BindingType]]], keymap: dict[str, str]
    ) -> None:
        super().__init__()
        self.sections = sections
        self.keymap = keymap
        self.rows: list[tuple[str, str, str]] = []  # (section, keys, description), as shown

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "Esc closes · remap keys under keymap: in config.yaml"
            yield Static(self._table(), id="help-table")

    def _table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(justify="right", style="bold", no_wrap=True)
        table.add_column()
        for title, bindings in self.sections:
            rows = binding_rows(bindings, self.keymap, self.app)
            if not rows:
                continue
            table.add_row("", Text(title, style="bold underline"))
            for keys, description in rows:
                self.rows.append((title, keys, description))
                table.add_row(plain(keys), plain(description))
            table.add_row("", "")
        return table

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
