"""What to tell the user when a key does nothing where the focus is.

A key bound in another pane (``v`` pressed in the article list selects a passage
only in the reader) used to do nothing at all, and the user could not tell
whether the key was wrong or the focus was. :func:`unbound_key_hint` names the
pane where the key works and how to get there; a key bound nowhere points to
the help screen. The main screen shows the hint in its status line.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import Input, TextArea

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen


def pane_keys(
    panes: Mapping[str, Iterable[type]], keymap: Mapping[str, str]
) -> dict[str, tuple[str, str]]:
    """``{key: (pane, description)}`` for the bindings of each pane's widget classes.

    Bindings are read from every class in each widget's MRO (mixins such as the
    passage cursor carry their own), with the user's keymap applied by binding id.
    The first pane that binds a key wins.
    """
    table: dict[str, tuple[str, str]] = {}
    for pane, classes in panes.items():
        for cls in classes:
            for klass in cls.__mro__:
                for binding in _bindings(klass.__dict__.get("BINDINGS", ())):
                    keys = keymap.get(binding.id or "", binding.key) if binding.id else binding.key
                    for key in keys.split(","):
                        key = key.strip()
                        if key and key not in table:
                            table[key] = (pane, binding.description or binding.action)
    return table


def _bindings(items: Iterable[BindingType]) -> Iterable[Binding]:
    for item in items:
        if isinstance(item, Binding):
            yield item
        else:  # a (key, action[, description]) tuple
            yield Binding(*item)


def unbound_key_hint(
    key: str,
    shown: str,
    here: str,
    table: Mapping[str, tuple[str, str]],
    *,
    how: Mapping[str, str],
    help_key: str,
) -> str:
    """A one-line hint for ``key`` (shown to the user as ``shown``) pressed in pane ``here``.

    ``how`` says how to reach a pane from here ("Enter opens the article there").
    """
    owner = table.get(key)
    if owner is None or owner[0] == here:
        return f"{shown} does nothing here: {help_key} lists every key."
    pane, what = owner
    reach = how.get(pane, "Tab moves there")
    return f"{shown} ({what.lower()}) works in {pane}: {reach}."


#: The entities pane's list of the article's names, where its corrections work.
NAMES = "the entities pane's “In this article”"
#: Its list of who is mentioned with the chosen entity.
WITH = "“Mentioned with”"


def printable(event: events.Key) -> bool:
    """A key worth a hint: a character the user typed, not a modifier chord or a control."""
    character = event.character
    return bool(character and character.isprintable() and not character.isspace())


def main_screen_hint(screen: MainScreen, event: events.Key) -> str | None:
    """The hint for ``event`` on the main screen, or ``None`` when a binding takes the key."""
    from tui.app.widgets.article_list import ArticleList
    from tui.app.widgets.entity_pane import EntityPane
    from tui.app.widgets.reader import Reader
    from tui.app.widgets.vim_options import VimOptionList

    if not printable(event) or isinstance(screen.focused, (Input, TextArea)):
        return None
    active = screen.active_bindings.get(event.key)
    if active is not None and active.enabled:
        return None  # a binding of the focused pane, the screen or the app takes it
    app = screen.dossier
    table = pane_keys(
        {
            "the reader": [Reader],
            "the article list": [ArticleList],
            # x and m correct the name under the cursor of the pane's first list only
            NAMES: [EntityPane],
            "the entities pane": [VimOptionList],
        },
        app.keymap,
    )
    focused = screen.focused
    if focused is not None and focused is screen.entity_pane.query_one("#entity-list"):
        here = NAMES
    elif focused is not None and (
        focused is screen.entity_pane or screen.entity_pane in focused.ancestors
    ):
        here = "the entities pane"
    elif focused is screen.article_list:
        here = "the article list"
    else:
        here = "the reader"
    how = {
        "the reader": (
            f"{app.key_for('list.open', 'enter')} opens the article there"
            if screen.article_list.item_count
            else "open an article first"
        ),
        "the article list": f"{app.key_for('back', 'escape')} goes back to it",
        "the entities pane": f"{app.key_for('entities', 'e')} opens it",
        NAMES: (
            f"{app.key_for('panes.previous', 'shift+tab')} goes there"
            if here == "the entities pane"
            else f"{app.key_for('entities', 'e')} goes there"
            if not screen.entities_open
            else f"{app.key_for('panes.next', 'tab')} goes there"
        ),
    }
    shown = app.get_key_display(Binding(event.key, ""))
    if here != NAMES and screen.across.together_listed():
        # An entity is chosen: x there is more likely "the articles of both" (its
        # "Mentioned with" list) than "not an entity" (a name of the article's).
        from tui.app.widgets.together import TogetherList

        mentioned = pane_keys({WITH: [TogetherList]}, app.keymap)
        if event.key in mentioned:
            what = mentioned[event.key][1].lower()
            reach = f"{app.key_for('entities.with', 'W')} goes there"
            return f"{shown} ({what}) works in {WITH}: {reach}."
    return unbound_key_hint(
        event.key, shown, here, table, how=how, help_key=app.key_for("help", "?")
    )
