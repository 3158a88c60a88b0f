""" "Mentioned with": the entities mentioned in the same articles as the chosen one.

A list in the entities pane, under the chosen entity's mentions: each person,
place and organisation with how many articles (and sentences) mention both, most
first. Enter moves to that entity; ``x`` searches the articles where both appear
(the entity list's "Not an entity" is ``X``: this list corrects nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.app.safe import plain
from tui.app.widgets.entity_rows import NameCount
from tui.app.widgets.vim_options import VimOptionList
from tui.library.cooccur import Together

TYPE_STYLE = {
    "person": "entity-pane--person",
    "place": "entity-pane--place",
    "org": "entity-pane--org",
}


def both_query(a_type: str, a_name: str, b_type: str, b_name: str) -> str:
    """The query for the articles that mention both entities."""

    def field(etype: str, name: str) -> str:
        return f'{etype}:"{name.replace(chr(34), " ")}"'

    return f"{field(a_type, a_name)} AND {field(b_type, b_name)}"


class TogetherList(VimOptionList):
    """The entities mentioned with the chosen one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # Enter is the option list's, shown here: the key bar said only "x" of this list.
        Binding("enter", "select", "Go to", id="entities.with_go", tooltip="Move to that entity"),
        Binding(
            "x",
            "both",
            "Articles of both",
            id="entities.both",
            tooltip="The articles that mention both (a search)",
        ),
    ]

    @dataclass
    class Chosen(Message):
        """Move to ``entity_id``, or with ``both`` (a query) search the articles of both."""

        entity_id: str
        name: str
        both: str = ""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entity: tuple[str, str] = ("", "")  # (id, name) of the chosen entity
        self.rows: list[Together] = []
        #: Each row's name in its type's colour, and plain: the cursor's row is drawn
        #: plain (see :meth:`watch_highlighted`).
        self._prompts: list[tuple[NameCount, NameCount]] = []
        self._plain_at: int | None = None

    def show(
        self, entity_id: str, name: str, together: Sequence[Together], styles: dict[str, Style]
    ) -> None:
        self.entity = (entity_id, name)
        self.rows = list(together)
        self._prompts, self._plain_at = [], None
        self.clear_options()
        if not together:
            self.add_option(Option(Text("No one else is mentioned with it."), disabled=True))
            return
        items = []
        for n, t in enumerate(together):
            prompt = plain(t.name)
            style = styles.get(t.type)
            if style is not None:
                prompt.stylize(style)
            # The counts stay on the name's row: a long name is cut short instead. The
            # list's title says what they count ("art" and "sent" were not words).
            count = Text(f"  {t.articles:,} · {t.sentences:,}", style="dim")
            self._prompts.append((NameCount(prompt, count), NameCount(plain(t.name), count)))
            items.append(Option(self._prompts[-1][0], id=f"with-{n}"))
        self.add_options(items)
        self.highlighted = 0

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self._cursor_plain()

    def watch_has_focus(self, has_focus: bool) -> None:
        super().watch_has_focus(has_focus)
        self._cursor_plain()

    def _cursor_plain(self) -> None:
        """The cursor's row drawn plain, in the cursor's own colours, while the list has
        the focus: a name in its type's colour on the cursor (the theme's primary
        colour) could not be read, a person's at a contrast of 1.7 to 1 (textual-dark),
        an organisation's at 1.03 (textual-light). Without the focus the cursor is a
        faint tint, and every row keeps its type's colour."""
        wanted = self.highlighted if self.has_focus else None
        if wanted == self._plain_at:
            return
        for index, which in ((self._plain_at, 0), (wanted, 1)):
            if index is not None and index < min(len(self._prompts), self.option_count):
                self.replace_option_prompt_at_index(index, self._prompts[index][which])
        self._plain_at = wanted

    def clear(self) -> None:
        self.entity = ("", "")
        self.rows = []
        self._prompts, self._plain_at = [], None
        self.clear_options()

    def _row(self) -> Together | None:
        if self.highlighted is None or not self.rows:
            return None
        option_id = self.get_option_at_index(self.highlighted).id or ""
        return self.rows[int(option_id[5:])] if option_id.startswith("with-") else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        row = self._row()
        if row is not None:
            self.post_message(self.Chosen(row.id, row.name))

    def action_both(self) -> None:
        row = self._row()
        entity_id, name = self.entity
        if row is None or not entity_id:
            return
        query = both_query(entity_id.partition(":")[0], name, row.type, row.name)
        self.post_message(self.Chosen(row.id, row.name, query))
