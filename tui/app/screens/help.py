"""Help, generated from the real bindings (with the user's keymap applied)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from rich.style import Style as RichStyle
from rich.table import Table
from rich.text import Text
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.strip import Strip
from textual.widget import Widget
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


class KeyTable(Widget):
    """Help's table of keys, drawn once for the width it is shown at.

    As a Static's content, the table (~100 rows, ~30 ms of the UI thread's CPU to draw)
    was drawn again at each layout of the screen, to measure its height and then to
    paint it, and again once the scrollbar showed: four draws as help opened, ~200 ms
    (issue 13). Here its lines are drawn when its height is first asked for and kept
    until its width or its style (the theme) changes; the screen paints them as they
    are. (The box keeps the scrollbar's room from the start: dossier.tcss.)"""

    DEFAULT_CSS = """
    KeyTable {
        height: auto;
    }
    """

    def __init__(self, table: Callable[[], Table], *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self._table = table
        #: The lines drawn, and the width and the style (the theme's) they were drawn for.
        self._drawn: tuple[int, RichStyle, list[Strip]] | None = None

    def _lines(self, width: int) -> list[Strip]:
        style = self.visual_style.rich_style
        if self._drawn is None or self._drawn[:2] != (width, style):
            console = self.app.console
            options = self.app.console_options.update(highlight=False, width=width, height=None)
            drawn = console.render_lines(self._table(), options, style=style, pad=False)
            self._drawn = (width, style, [Strip(line) for line in drawn])
        return self._drawn[2]

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._lines(width))

    def render_line(self, y: int) -> Strip:
        lines = self._lines(self.size.width)
        if y < len(lines):
            return lines[y]
        return Strip.blank(self.size.width, self.visual_style.rich_style)


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
            yield Static(self._settings(), id="help-settings")
            yield KeyTable(self._table, id="help-table")
        for title, bindings in self.sections:
            for keys, description, binding_id in binding_rows(bindings, self.keymap, self.app):
                self.rows.append((title, keys, description))
                self.ids.setdefault(description, binding_id)

    def _table(self) -> Table:
        """The keys of each section; made when drawn, once mounted: the ids' colour
        comes from the stylesheet (help--id)."""
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
