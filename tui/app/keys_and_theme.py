"""The user's keys and theme, as the app applies them: the keymap checked and set, the
theme chosen and each new pick remembered, keys named in sentences, and every pane's
bindings for the help screen (a base class of DossierApp).
"""

from __future__ import annotations

from functools import partial

from textual.app import App
from textual.binding import Binding, BindingType
from textual.theme import Theme

from tui.app.help_sections import help_sections
from tui.app.keymap_check import keymap_problems
from tui.app.screens.help import HelpScreen
from tui.app.widgets.article_dialogs import AddUrlDialog, CorrectionDialog
from tui.app.widgets.bookmark_dialog import BookmarkDialog, ExportDialog
from tui.app.widgets.search_dialogs import ListFilterDialog, SaveSearchDialog

#: Keys named as words in sentences (the key bar keeps Textual's symbols).
_SPOKEN_KEYS = {"enter": "Enter", "escape": "Esc", "tab": "Tab", "space": "Space"}


class KeysAndTheme(App[None]):
    """The keymap and theme the app was given, applied at its mount (:meth:`apply_settings`)."""

    #: The user's keymap (binding id -> keys), as checked at the mount.
    keymap: dict[str, str]
    _wanted_theme: str | None
    #: What is wrong in the settings, told once the app is mounted.
    _problems: list[str]

    def apply_settings(self) -> None:
        """At the app's mount: the user's keymap and theme, and a toast for each problem
        found in the settings (those the app was given and those found here)."""
        if self.keymap:
            problems, self.keymap = keymap_problems(self.keymap, self.help_sections())
            self._problems += problems
            self.set_keymap(self.keymap)
        if self._wanted_theme:
            if self._wanted_theme in self.available_themes:
                self.theme = self._wanted_theme
            else:
                self._problems.append(f"unknown theme {self._wanted_theme!r}")
        # From now on a theme the user picks is remembered for the next start (after the
        # refresh, so that the theme set just above is not taken for a choice).
        self.call_after_refresh(self._follow_theme_choices)
        if self.keymap:
            self._check_keymap_ids()
        for problem in self._problems:
            self.notify(f"Settings: {problem}", severity="warning", markup=False, timeout=8)

    def _remember_theme(self, theme: Theme) -> None:
        from tui.settings import remember_theme

        self.run_worker(
            partial(remember_theme, theme.name),
            thread=True,
            group="remember-theme",
            exclusive=True,
            exit_on_error=False,
        )

    def _follow_theme_choices(self) -> None:
        """Remember each theme the user picks from now on; not when the app is closing
        already (closed at once after its start, the subscription failed: SignalError)."""
        if self.is_running:
            self.theme_changed_signal.subscribe(self, self._remember_theme)

    def key_for(self, binding_id: str, default: str) -> str:
        """How the key bound to ``binding_id`` is shown, after the user's keymap."""
        key = self.keymap.get(binding_id, default).split(",")[0].strip() or default
        if key in _SPOKEN_KEYS:  # "⏎ opens the article" reads worse than "Enter opens …"
            return _SPOKEN_KEYS[key]
        shown = self.get_key_display(Binding(key, ""))
        # In a sentence "ctrl+p" reads better than the key bar's "^p".
        return "ctrl+" + shown[1:] if shown.startswith("^") and len(shown) > 1 else shown

    def _check_keymap_ids(self) -> None:
        """A keymap id no key has is a problem to tell (every screen's keys: the help's)."""
        dialogs = [
            *HelpScreen.BINDINGS,
            *BookmarkDialog.BINDINGS,
            *ExportDialog.BINDINGS,
            *AddUrlDialog.BINDINGS,
            *CorrectionDialog.BINDINGS,
            *SaveSearchDialog.BINDINGS,
            *ListFilterDialog.BINDINGS,
        ]
        known = {
            binding.id
            for bindings in [*(b for _, b in self.help_sections()), dialogs]
            for binding in bindings
            if isinstance(binding, Binding) and binding.id
        }
        unknown = sorted(set(self.keymap) - known)
        if unknown:
            self._problems.append(
                f"keymap: no key has the id {', '.join(map(repr, unknown))} "
                "(the help screen, ?, lists the ids)"
            )

    def help_sections(self) -> list[tuple[str, list[BindingType]]]:
        """The bindings of every pane, for the help screen."""
        return help_sections(self.BINDINGS, self.key_for)
