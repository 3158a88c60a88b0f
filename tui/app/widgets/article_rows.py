"""The article list's orders and cells, apart from the widget: how rows sort (the orders
live in the domain, :mod:`tui.library.ordering`), how a value fits its column."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size

from tui.library.ordering import SORTS, sort_key

__all__ = ["SORTS", "fit", "sort_key"]


def fit(text: str, width: int) -> str:
    """``text`` cut (with an ellipsis) or padded to exactly ``width`` cells."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)
