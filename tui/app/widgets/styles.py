"""Component-class styles for widgets that draw their own rows (the line API)."""

from __future__ import annotations

from rich.style import Style
from textual.widget import Widget


def component_style(widget: Widget, name: str) -> Style:
    """The component class ``name`` as a partial style (only what it sets), with opaque colours.

    A partial style (``get_component_rich_style(partial=True)``) drops a colour's alpha
    rather than blending it: ``$text-muted`` ("auto 60%") becomes pure white in a dark
    theme and pure black in a light one, and the blurred cursor's see-through background
    turns as solid as the focused cursor's. The full style has the blended colours but
    also the widget's background, which would paint over whatever lies under a span;
    so this takes the colours the class sets from the full style, the rest from the
    partial one.
    """
    partial = widget.get_component_rich_style(name, partial=True)
    styles = widget.get_component_styles(name)
    has_color = styles.has_rule("color") or styles.has_rule("auto_color")
    has_background = styles.has_rule("background")
    if not (has_color or has_background):
        return partial
    full = widget.get_component_rich_style(name)
    return partial + Style(
        color=full.color if has_color else None,
        bgcolor=full.bgcolor if has_background else None,
    )
