"""An option list that also moves with j/k and g/G (the entities pane's lists and others)."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import OptionList


class VimOptionList(OptionList):
    """An option list that also moves with j/k and g/G."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False, id="options.down"),
        Binding("k", "cursor_up", "Up", show=False, id="options.up"),
        Binding("g", "first", "Top", show=False, id="options.top"),
        Binding("G", "last", "Bottom", show=False, id="options.bottom"),
    ]
