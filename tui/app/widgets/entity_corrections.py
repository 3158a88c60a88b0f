"""Corrections of the entities pane's highlighted entity, mixed into
:class:`~tui.app.widgets.entity_pane.EntityPane`: ``T`` changes its type (picked in a
small list, :class:`~tui.app.widgets.type_picker.TypePicker`), ``X`` says it is no
entity, ``m`` then ``m`` on another entity merges the first into the second (Esc
cancels). Each posts :class:`EntityCorrections.Corrected` (``EntityPane.Corrected``);
the screen writes it to the user's entities.yaml and the index follows. ``u`` takes
back the last correction of the session (the palette's "Undo entity correction" too).

They act on the pane's list of the article's names (``#entity-list``) only, and only
while it has the focus. Shifted (``T``, ``X``), as ``M`` (correct the article) is:
``t`` is the timeline everywhere, ``x`` in "Mentioned with" searches the articles of
both (it said "not an entity" one list up, where an ``x`` meant for "Mentioned with"
rewrote the user's entities.yaml).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widget import Widget
from textual.widgets import OptionList

from tui.app.base import UsesDossier

#: The types an entity can be corrected to (``T`` offers them).
ENTITY_TYPES = ("person", "place", "org")

#: The kind of the toast that asks which entity ``m`` merges into (it leaves once answered).
MERGE_PROMPT = "entity-merge"


class EntityCorrections(UsesDossier, Widget):
    """The correction keys of the entities pane (see the module's docstring); the pane
    keeps ``names`` (entity id -> name) and composes ``#entity-list``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("T", "retype", "Change type", id="entities.retype"),
        Binding("X", "not_entity", "Not an entity", id="entities.ignore"),
        Binding("m", "merge", "Merge", id="entities.merge"),
        Binding(
            "u",
            "undo_correction",
            "Undo",  # short: at 80 columns the bar had no room for "Undo correction"
            id="entities.undo",
            tooltip="Undo the last correction (type, not an entity, merge)",
        ),
        Binding("escape", "cancel_merge", "Cancel merge", id="entities.cancel_merge"),
    ]

    names: dict[str, str]
    #: The entity ``m`` was pressed on: (id, name), until ``m`` on another or Esc.
    merging: tuple[str, str] | None = None

    @dataclass
    class Corrected(Message):
        """The user corrected an entity: ``kind`` is "type" (``name`` is now of
        ``type``), "ignore" (``name`` is no entity) or "merge" (``name`` is the
        entity ``into``, of ``type``)."""

        kind: str
        name: str
        type: str
        into: str = ""

    def _highlighted_entity(self) -> tuple[str, str] | None:
        """(id, name) of the highlighted entity, if the entity list has the focus."""
        options = self.query_one("#entity-list", OptionList)
        if not options.has_focus or options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        if option.disabled or not option.id or option.id.split(":", 1)[0] not in ENTITY_TYPES:
            return None
        return option.id, self.names.get(option.id, option.id)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "cancel_merge":
            return self.merging is not None
        if action == "undo_correction":  # (out of the key bar with nothing to undo)
            return True
        if action in ("retype", "not_entity", "merge"):
            return self._highlighted_entity() is not None
        return True

    def action_retype(self) -> None:
        """``T``: ask which type the entity is (it went round the types, one a press)."""
        from tui.app.widgets.type_picker import TYPES, TypePicker

        chosen = self._highlighted_entity()
        if chosen is None:
            return
        entity_id, name = chosen
        current = entity_id.split(":", 1)[0]

        def picked(kind: str | None) -> None:
            if kind == current:  # (it closed with no word: as if the key were not taken)
                word = dict(TYPES).get(kind, kind).lower()
                self.dossier.notify(
                    f"{name} is {'an' if word[0] in 'aeiou' else 'a'} {word} already: "
                    "nothing changed.",
                    markup=False,
                    timeout=4,
                )
            elif kind:
                self.post_message(self.Corrected("type", name, kind))

        self.app.push_screen(TypePicker(name, current), picked)

    def action_not_entity(self) -> None:
        chosen = self._highlighted_entity()
        if chosen is not None:
            self.post_message(self.Corrected("ignore", chosen[1], ""))

    def action_merge(self) -> None:
        chosen = self._highlighted_entity()
        if chosen is None:
            return
        if self.merging is None or self.merging[0] == chosen[0]:
            self.merging = chosen
            self.dossier.notify(
                f"Merge {chosen[1]} into… move to the entity it is and press m (Esc: cancel)",
                markup=False,
                timeout=6,
                kind=MERGE_PROMPT,
            )
        else:
            (_, name), (into_id, into) = self.merging, chosen
            self.action_cancel_merge()  # the prompt leaves: the merge is done
            self.post_message(self.Corrected("merge", name, into_id.split(":", 1)[0], into))
        self.refresh_bindings()

    def action_undo_correction(self) -> None:
        self.dossier.undo_last_correction(self.screen)

    def action_cancel_merge(self) -> None:
        self.merging = None
        self.dossier.withdraw_notice(MERGE_PROMPT)
        self.refresh_bindings()
