"""Component-class styles for widgets that draw their own rows (the line API)."""

from __future__ import annotations

from typing import ClassVar

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


class ThemeAware:
    """Mixin: calls :meth:`restyle` when a theme change alters the widget's colours.

    ``notify_style_update`` runs before Textual restyles a widget's component
    classes, so colours looked up there are still the old theme's (an open
    article kept its old entity colours after a theme switch). The check runs
    after the next refresh instead, comparing the classes in ``THEMED``.
    """

    #: The component classes to compare (all of the widget's when empty).
    THEMED: ClassVar[tuple[str, ...]] = ()
    _themed_key: tuple[Style, ...] | None = None

    _theme_seen: str | None = None

    def notify_style_update(self) -> None:
        super().notify_style_update()  # type: ignore[misc]
        widget: Widget = self  # type: ignore[assignment]
        # Focus and hover changes restyle too, many times a second: only a new theme
        # is worth the comparison.
        if widget.is_mounted and widget.app.theme != self._theme_seen:
            widget.call_after_refresh(self._check_theme)

    def _check_theme(self) -> None:
        widget: Widget = self  # type: ignore[assignment]
        if not widget.is_mounted:
            return
        names = self.THEMED or tuple(sorted(getattr(self, "COMPONENT_CLASSES", ())))
        try:
            key = tuple(component_style(widget, name) for name in names)
        except KeyError:  # not styled yet (just mounted): the next update compares
            return
        self._theme_seen = widget.app.theme
        changed = self._themed_key is not None and key != self._themed_key
        self._themed_key = key
        if changed:
            self.restyle()

    def restyle(self) -> None:
        """Draw again with the new theme's colours."""
