"""What to tell the user when a key does nothing where the focus is.

A key bound in another pane (``v`` pressed in the article list selects a passage
only in the reader) used to do nothing at all, and the user could not tell
whether the key was wrong or the focus was. :func:`unbound_key_hint` names the
pane where the key works and how to get there; a key bound nowhere points to
the help screen. The main screen shows the hint in its status line.

The way there it names is the keys that get there from where the focus is, pressed
as named (tests/test_app_key_hints.py presses them): "Tab goes there" was said
where one Tab lands on the reader, "e goes there" where ``e`` closes the pane, and
"Enter opens the article there" in the entities pane, where Enter chooses a name.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from textual import events
from textual.binding import Binding, BindingType
from textual.widgets import Input, TextArea

if TYPE_CHECKING:
    from textual.widget import Widget

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
    room: int = 0,
) -> str:
    """A one-line hint for ``key`` (shown to the user as ``shown``) pressed in pane ``here``.

    ``how`` says how to reach a pane from here ("Enter opens the article there").
    Longer than ``room`` (cells, when given), the key's use is left out, not the way.
    """
    owner = table.get(key)
    if owner is None or owner[0] == here:
        return f"{shown} does nothing here: {help_key} lists every key."
    pane, what = owner
    reach = how.get(pane, "Tab moves there")
    return _fitted(shown, what, f" works in {pane}: {reach}.", room)


def _fitted(shown: str, what: str, rest: str, room: int) -> str:
    """``X (what) rest``, or ``X rest`` where that does not fit in ``room`` cells: at 80
    columns "X (not an entity) works in the entities pane's “In this article”: e goes
    there." was cut before the keys to press."""
    from rich.cells import cell_len

    hint = f"{shown} ({what.lower()}){rest}"
    return hint if not room or cell_len(hint) <= room else f"{shown}{rest}"


#: The entities pane's list of the article's names, where its corrections work.
NAMES = "the entities pane's “In this article”"
#: Its list of who is mentioned with the chosen entity.
WITH = "“Mentioned with”"


def printable(event: events.Key) -> bool:
    """A key worth a hint: a character the user typed, not a modifier chord or a control."""
    character = event.character
    return bool(character and character.isprintable() and not character.isspace())


def _times(key: str, n: int) -> str:
    return key if n == 1 else f"{key} twice" if n == 2 else f"{key} {n} times"


def _by_tab(screen: MainScreen, target: Widget) -> str | None:
    """Tab or Shift+Tab, pressed as often as it takes to move the focus to ``target``
    (the fewer), when the panes that show do not depend on where the focus is (from
    :data:`~tui.app.screens.reading.NARROW` columns on: narrower, Tab opens the pane
    it moves to and hides the one it leaves)."""
    from tui.app.screens.panes import NARROW

    chain = screen.focus_chain
    if screen.size.width < NARROW or screen.focused not in chain or target not in chain:
        return None
    here, there = chain.index(screen.focused), chain.index(target)
    ahead, behind = (there - here) % len(chain), (here - there) % len(chain)
    if not ahead:
        return None
    app = screen.dossier
    if ahead <= behind:
        return _times(app.key_for("panes.next", "tab"), ahead)
    return _times(app.key_for("panes.previous", "shift+tab"), behind)


def keys_to_names(screen: MainScreen) -> str:
    """The keys that move the focus to the entities pane's list of the article's names
    ("e", "Tab twice"; "" when the focus is there): ``e`` opens the pane there (or
    brings it back where it shows alone); where it shows, ``e`` closes it, and Tab
    goes round to it."""
    entities = screen.dossier.key_for("entities", "e")
    pane = screen.entity_pane
    if not (screen.entities_open and pane.display):
        return entities
    names = pane.query_one("#entity-list")
    if screen.focused is names:
        return ""  # there already
    return _by_tab(screen, names) or _times(entities, 2)


def choose_entity(screen: MainScreen) -> str:
    """How to choose an entity from where the focus is: "e, then Enter", "Tab, then
    Enter", or "Enter" in the list of names."""
    keys = keys_to_names(screen)
    return f"{keys}, then Enter" if keys else "Enter"


def _to_reader(screen: MainScreen, here: str) -> str:
    """How to move the focus from ``here`` to the reader."""
    app = screen.dossier
    if here == "the article list":
        if not screen.article_list.item_count:
            return "open an article first"
        return f"{app.key_for('list.open', 'enter')} opens the article there"
    if here in (NAMES, "the entities pane"):  # Esc: from the pane to the reader
        return f"{app.key_for('back', 'escape')} goes there"
    by_tab = _by_tab(screen, screen.reader)
    return f"{by_tab} goes there" if by_tab else "Tab moves there"  # (not reached)


def _to_list(screen: MainScreen, here: str) -> str:
    """How to move the focus from ``here`` to the article list: Esc, from the pane twice
    (the reader first); from a search hit Esc goes back to the results instead."""
    app = screen.dossier
    if not screen.steps.reading_hit(screen.article_id):
        back = app.key_for("back", "escape")
        return f"{_times(back, 1 if here == 'the reader' else 2)} goes back to it"
    by_tab = _by_tab(screen, screen.article_list)
    if by_tab is None:  # narrow: Shift+Tab from the reader is the list (MainScreen)
        previous = app.key_for("panes.previous", "shift+tab")
        if here == "the reader":
            return f"{previous} goes back to it"
        return f"{app.key_for('back', 'escape')} then {previous} go back to it"
    return f"{by_tab} goes back to it"


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
            # X and m correct the name under the cursor of the pane's first list only
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
        "the reader": _to_reader(screen, here),
        "the article list": _to_list(screen, here),
        "the entities pane": f"{keys_to_names(screen)} goes there",
        NAMES: f"{keys_to_names(screen)} goes there",
    }
    shown = app.get_key_display(Binding(event.key, ""))
    room = screen.status.content_size.width  # (the hint has the whole line: StatusBar)
    from tui.app.widgets.together import TogetherList

    mentioned = pane_keys({WITH: [TogetherList]}, app.keymap)
    if event.key in mentioned and event.key not in table:
        # x: the articles of both, in the chosen entity's "Mentioned with" list
        what = mentioned[event.key][1].lower()
        with_key = app.key_for("entities.with", "W")
        if screen.across.together_listed():
            reach = f"{with_key} goes there"
        else:
            reach = f"choose an entity first ({choose_entity(screen)}), then {with_key}"
        return _fitted(shown, what, f" works in {WITH}: {reach}.", room)
    return unbound_key_hint(
        event.key, shown, here, table, how=how, help_key=app.key_for("help", "?"), room=room
    )
