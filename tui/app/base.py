"""The typed way from a screen or widget up to the app.

Textual types ``self.app`` as ``App[object]``: the app's own attributes (the
library, the workers, ``key_for``) are unknown there. Every screen of Dossier
derives from :class:`DossierScreen`, and widgets (and palette providers) that
call the app mix in :class:`UsesDossier`; both give ``self.dossier``, the same
object as ``self.app`` typed as :class:`~tui.app.app.DossierApp`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol, TypeVar, cast, runtime_checkable

from textual.notifications import SeverityLevel
from textual.screen import Screen

if TYPE_CHECKING:
    from textual.app import App

    from tui.app.app import DossierApp

ResultT = TypeVar("ResultT")


class _HasApp(Protocol):
    @property
    def app(self) -> App[Any]: ...


@runtime_checkable
class Says(Protocol):
    """A screen that says what came of the user's action itself: a :class:`DossierScreen`
    in a toast that leaves with it, a modal screen in a line of its own (no toast is
    drawn over a modal screen, see :mod:`tui.app.notices`)."""

    def say(
        self,
        message: str,
        *,
        kind: str | None = None,
        timeout: float | None = None,
        severity: SeverityLevel = "information",
    ) -> None: ...


class UsesDossier:
    """Mixin for a widget or command provider: ``self.dossier`` is the running app."""

    @property
    def dossier(self: _HasApp) -> DossierApp:
        return cast("DossierApp", self.app)


class DossierScreen(UsesDossier, Screen[ResultT]):
    """A screen of Dossier (``self.dossier`` is the app). Toasts it :meth:`say` s leave
    with it: when it is dismissed or covered (see :mod:`tui.app.notices`)."""

    def on_screen_suspend(self) -> None:
        self.dossier.withdraw_notices(self)

    def say(
        self,
        message: str,
        *,
        kind: str | None = None,
        timeout: float | None = None,
        severity: SeverityLevel = "information",
    ) -> None:
        """A toast about this screen: it leaves when the screen does."""
        self.dossier.notify(
            message, kind=kind, screen=self, markup=False, timeout=timeout, severity=severity
        )
