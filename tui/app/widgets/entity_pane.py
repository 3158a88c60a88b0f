"""The entities pane: the open article's entities, and where a chosen one appears.

Top: the article's entities grouped by type with mention counts. Choosing one
posts :class:`EntityPane.Chosen`; the screen loads every article that mentions
it and sets :meth:`EntityPane.show_occurrences`. Choosing an occurrence posts
:class:`EntityPane.OccurrenceChosen`.

The corrections of the highlighted entity (``T``, ``X``, ``m``) are
:class:`~tui.app.widgets.entity_corrections.EntityCorrections`, mixed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Label, OptionList

from tui.app.safe import plain
from tui.app.widgets.entity_corrections import EntityCorrections
from tui.app.widgets.entity_rows import (
    CHOOSE_ONE,
    NO_ENTITIES,
    entity_options,
    mentions_in,
    notice,
    occurrence_options,
)
from tui.app.widgets.styles import ThemeAware, component_style
from tui.app.widgets.together import TYPE_STYLE, TogetherList
from tui.app.widgets.vim_options import VimOptionList
from tui.library import EntityOccurrence
from tui.library.cooccur import Together

if TYPE_CHECKING:
    from tui.entities import Mention  # loads the recogniser: not on the launch's path


class EntityPane(EntityCorrections, ThemeAware, Vertical):
    """Entities of the open article, then the chosen entity across the corpus."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "entity-pane--person",
        "entity-pane--place",
        "entity-pane--org",
        "entity-pane--date",
        "entity-pane--mention",
    }

    @dataclass
    class Chosen(Message):
        entity_id: str
        name: str

    @dataclass
    class OccurrenceChosen(Message):
        index: int  # position in the occurrence list

    def compose(self) -> ComposeResult:
        yield Label("In this article", id="entities-title", classes="pane-title")
        yield VimOptionList(id="entity-list")
        yield Label("", id="occurrences-title", classes="pane-title")
        yield VimOptionList(id="occurrence-list")
        yield Label("", id="together-title", classes="pane-title")
        yield TogetherList(id="together-list")

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.names: dict[str, str] = {}
        self._pending: tuple[str | None, Sequence[Mention]] | None = None
        #: The entity whose mentions are listed, if any.
        self.chosen: str | None = None
        self._entities_shown: tuple[str | None, Sequence[Mention]] = (None, ())
        #: The article whose entities the list holds, and their names by option id.
        self._filled: str | None = None
        self._shown_names: dict[str, str] = {}
        self._occurrences_shown: tuple[str | None, str, Sequence[EntityOccurrence]] = (
            None,
            "",
            (),
        )

    def restyle(self) -> None:
        """Fill both lists again in the new theme's colours."""
        self._pending = self._entities_shown
        if self.display:
            self.fill_entities()
        current = self.query_one("#occurrence-list", OptionList).highlighted
        self.show_occurrences(*self._occurrences_shown, current=current or 0)

    def on_mount(self) -> None:
        self.show_entities(None, [])
        self.show_occurrences(None, "", [])

    def show_entities(self, title: str | None, mentions: Sequence[Mention]) -> None:
        """List the entities of the article titled ``title`` (None: no article open).

        While the pane is hidden the list is only filled when it shows (most articles
        are read with the pane closed).
        """
        self.names = {m.id: m.canonical for m in mentions}
        self._pending = self._entities_shown = (title, mentions)
        if self.display:
            self.fill_entities()

    def on_show(self) -> None:
        self.fill_entities()

    def fill_entities(self) -> None:
        """Fill the entity list if it is behind (the pane was hidden)."""
        if self._pending is None:
            return
        title, mentions = self._pending
        self._pending = None
        options = self.query_one("#entity-list", OptionList)
        # The same article listed again (after a correction): the cursor stays where
        # it was, on the same name if it is still there, rather than at the top.
        keep = self._cursor() if title is not None and title == self._filled else None
        self._filled = title
        self._shown_names = dict(self.names)
        options.clear_options()
        if title is None:
            options.add_option(notice("Open an article to see its entities."))
            if self.chosen is None:  # nothing to choose: no "choose an entity" under it
                self.query_one("#occurrence-list", OptionList).clear_options()
            return
        if not mentions:
            options.add_option(notice(NO_ENTITIES))
            if self.chosen is None:  # no "choose an entity" under an empty list
                self.query_one("#occurrence-list", OptionList).clear_options()
            return
        if self.chosen is None:
            self.show_occurrences(None, "", [])
        items = entity_options(mentions, lambda kind: component_style(self, f"entity-pane--{kind}"))
        options.add_options(items)
        rows = [index for index, item in enumerate(items) if not item.disabled]
        at = rows[0] if rows else None
        # Stepping through a chosen entity's mentions into another article: the cursor
        # on that entity, where T, X and m would act (not on the list's first name).
        chosen = [i for i in rows if self.chosen is not None and items[i].id == self.chosen]
        if chosen and keep is None:
            at = chosen[0]
        if keep is not None and rows:
            index, name = keep
            same = [i for i in rows if self.names.get(items[i].id or "") == name]
            at = same[0] if same else next((i for i in rows if i >= index), rows[-1])
        options.highlighted = at

    def _cursor(self) -> tuple[int, str] | None:
        """(row, name) of the entity the list's cursor is on, if any."""
        options = self.query_one("#entity-list", OptionList)
        if options.highlighted is None or options.highlighted >= options.option_count:
            return None
        option = options.get_option_at_index(options.highlighted)
        return options.highlighted, self._shown_names.get(option.id or "", "")

    def show_occurrences(
        self,
        name: str | None,
        entity_id: str,
        occurrences: Sequence[EntityOccurrence],
        current: int = -1,
    ) -> None:
        """List where the entity ``name`` appears (one row per mention, in article order)."""
        title = self.query_one("#occurrences-title", Label)
        options = self.query_one("#occurrence-list", OptionList)
        options.clear_options()
        self.chosen = None if name is None else entity_id
        self.set_class(self.chosen is not None, "-chosen")
        self._occurrences_shown = (name, entity_id, occurrences)
        if name is None:
            title.update("")
            self._clear_together()
            if self._entities_shown[1]:  # only under entities to choose from
                options.add_option(notice(CHOOSE_ONE))
            return
        articles = len({o.article.id for o in occurrences})
        # The counts on a line of their own: beside the name they wrapped at any width.
        heading = plain(name, "bold")
        heading.append(f"\n{mentions_in(len(occurrences), articles)}", style="dim")
        title.update(heading)
        mention_style = component_style(self, "entity-pane--mention")
        options.add_options(occurrence_options(occurrences, mention_style))
        if occurrences:
            options.highlighted = max(0, current)

    def _clear_together(self) -> None:
        if self.is_mounted:
            self.query_one("#together-title", Label).update("")
            self.query_one("#together-list", TogetherList).clear()

    def show_together(self, entity_id: str, name: str, together: Sequence[Together]) -> None:
        """Who is mentioned with the chosen entity (if it is still the one chosen)."""
        if entity_id != self.chosen:
            return
        styles = {kind: component_style(self, style) for kind, style in TYPE_STYLE.items()}
        title = self.query_one("#together-title", Label)
        heading = plain(f"Mentioned with {name}", "bold")
        heading.append("\narticles · sentences with both", style="dim")
        title.update(heading)
        self.query_one("#together-list", TogetherList).show(entity_id, name, together, styles)

    def highlight_occurrence(self, index: int) -> None:
        options = self.query_one("#occurrence-list", OptionList)
        if 0 <= index < options.option_count:
            options.highlighted = index

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if event.option_list.id == "entity-list":
            self.post_message(self.Chosen(option_id, self.names.get(option_id, option_id)))
        elif option_id.startswith("occ-"):
            self.post_message(self.OccurrenceChosen(int(option_id[4:])))
