"""Help, generated from the real bindings (with the user's keymap applied)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.app.safe import plain
from tui.app.widgets.styles import component_style
from tui.settings import user_config_file


def binding_rows(
    bindings: Iterable[BindingType], keymap: dict[str, str], app: App[Any]
) -> list[tuple[str, str, str]]:
    """``(keys, description, binding id)`` for each action of ``bindings``.

    Keys are remapped by ``keymap``; the id is what ``keymap:`` in config.yaml names.
    """
    rows: dict[tuple[str, str], list[str]] = {}
    ids: dict[tuple[str, str], str] = {}
    for binding in Binding.make_bindings(bindings):
        if not binding.description:
            continue
        keys = keymap.get(binding.id, binding.key) if binding.id else binding.key
        label = binding.tooltip or binding.description
        if binding.id:
            ids.setdefault((binding.action, label), binding.id)
        for key in keys.split(","):
            shown = app.get_key_display(replace(binding, key=key.strip()))
            slot = rows.setdefault((binding.action, label), [])
            if shown not in slot:
                slot.append(shown)
    return [
        (" ".join(keys), label, ids.get((action, label), ""))
        for (action, label), keys in rows.items()
    ]


#: What help says of the settings file, under its path.
SETTINGS_HELP = (
    "Theme, keys (keymap: and the ids below) and the rest, read at start; the file may "
    "not exist yet: write it. {palette} → Theme changes the colours now. "
    "`dossier paths` lists every folder Dossier uses."
)


def _palette_key(app: App[Any]) -> str:
    return app.get_key_display(Binding("ctrl+p", "command_palette", ""))


def settings_path() -> str:
    """The settings file's path as help shows it: under the home folder, from ``~``
    (shorter, and the same for every user)."""
    path = user_config_file()
    try:
        return "~/" + path.relative_to(Path.home()).as_posix()
    except (ValueError, RuntimeError):  # elsewhere, or no home folder
        return str(path)


def settings_note(app: App[Any]) -> str:
    """Where the settings are and how to change them, for the palette's Settings."""
    return f"Settings file: {settings_path()}. " + SETTINGS_HELP.format(palette=_palette_key(app))


class HelpScreen(ModalScreen[None]):
    """Every key, by pane, as currently bound."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "dismiss", "Close help", id="help.close"),
    ]
    #: The keymap ids, muted by the theme: Rich's "dim" drew them as bright as the text.
    COMPONENT_CLASSES: ClassVar[set[str]] = {"help--id"}

    def __init__(
        self, sections: list[tuple[str, list[BindingType]]], keymap: dict[str, str]
    ) -> None:
        super().__init__()
        self.sections = sections
        self.keymap = keymap
        self.rows: list[tuple[str, str, str]] = []  # (section, keys, description), as shown
        self.ids: dict[str, str] = {}  # description -> binding id, for keymap: in config.yaml

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "Esc closes · remap a key by its id under keymap: in config.yaml"
            yield Static("", id="help-settings")
            yield Static("", id="help-table")

    def on_mount(self) -> None:
        # Built once mounted: the ids' colour comes from the stylesheet (help--id).
        self.query_one("#help-settings", Static).update(self._settings())
        self.query_one("#help-table", Static).update(self._table())

    def _table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(justify="right", style="bold", no_wrap=True)
        table.add_column()
        id_style = component_style(self, "help--id")
        table.add_column(no_wrap=True)
        for title, bindings in self.sections:
            rows = binding_rows(bindings, self.keymap, self.app)
            if not rows:
                continue
            table.add_row("", Text(title, style="bold underline"))
            for keys, description, binding_id in rows:
                self.rows.append((title, keys, description))
                self.ids.setdefault(description, binding_id)
                table.add_row(plain(keys), plain(description), plain(binding_id, id_style))
            table.add_row("", "")
        return table

    def _settings(self) -> Text:
        """Where the settings file is (the border says to remap keys in it): above the
        keys, across the whole width (a path is long)."""
        text = Text()
        text.append("Settings", style="bold underline")
        text.append("\n")
        text.append_text(plain(settings_path(), "bold"))
        text.append("\n")
        text.append_text(plain(SETTINGS_HELP.format(palette=_palette_key(self.app))))
        return text

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
