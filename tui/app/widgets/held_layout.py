"""A widget that can change its virtual size without laying the screen out.

Textual lays the whole screen out when a widget's ``virtual_size`` changes; for a
widget whose own size does not follow its content (a one-line input as it is typed
in, the facets list as its lines change), that is a layout and a repaint of everything
for nothing. :meth:`HeldLayout.held_layout` wraps such a change: the refreshes asked
for inside it repaint, but lay nothing out. :meth:`HeldLayout.held_repaint` holds back
the repaints of the whole widget as well, for a caller that then draws again only the
lines that changed (the facets list).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Self

from textual.geometry import Region
from textual.widget import Widget

if TYPE_CHECKING:
    _Mixin = Widget
else:  # (a plain mixin: a Widget base before the widget's own class would take the
    _Mixin = object  # place of its COMPONENT_CLASSES and styles in the method order)


class HeldLayout(_Mixin):
    """Mixed in before a Textual widget class (``class X(HeldLayout, Input)``)."""

    #: Inside held_layout, held_repaint (class attributes: refresh is called while the
    #: widget is made).
    _layout_held = False
    _repaint_held = False

    @contextmanager
    def held_layout(self) -> Iterator[None]:
        """Refreshes asked for inside lay nothing out (they repaint)."""
        self._layout_held = True
        try:
            yield
        finally:
            self._layout_held = False

    @contextmanager
    def held_repaint(self, held: bool = True) -> Iterator[None]:
        """Refreshes of the whole widget asked for inside are dropped (``held``); a layout
        asked for still is (a scrollbar came or went), and so are regions."""
        self._repaint_held = held
        try:
            yield
        finally:
            self._repaint_held = False

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if self._repaint_held and not regions and not recompose:
            repaint = False
            if not layout:
                return self
        return super().refresh(
            *regions, repaint=repaint, layout=layout and not self._layout_held, recompose=recompose
        )
