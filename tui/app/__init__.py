"""The Textual app: the reading face of Dossier, on top of :class:`tui.library.Library`."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.app.app import DossierApp
    from tui.library import Library


def create_app(
    corpus: Path | None = None,
    *,
    data_dir: Path | None = None,
    index_dir: Path | None = None,
    library: Library | None = None,
) -> DossierApp:
    """The app for ``corpus`` (the bundled seeds by default); used by the CLI and the tests."""
    from tui.app.app import DossierApp
    from tui.settings import Settings, SettingsError, load_settings

    problems: list[str] = []
    try:
        settings = load_settings()
    except SettingsError as exc:
        problems.append(str(exc))
        settings = Settings()
    if library is None:
        from tui.library import Library

        library = Library.open(corpus, data_dir=data_dir, index_dir=index_dir, settings=settings)
    return DossierApp(
        library,
        keymap=settings.keymap,
        theme=settings.theme,
        problems=problems,
        debounce=settings.search_debounce_ms / 1000,
        search_limit=settings.search_limit,
        watch=settings.corpus_watch,
    )
