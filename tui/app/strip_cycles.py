"""Stop Textual's drawn lines from caching themselves.

Textual draws every line of the screen as a :class:`textual.strip.Strip`, and a strip
keeps small caches of what it was cut into. When the compositor cuts a line at its own
width (the common case: a widget as wide as its region), ``Strip.divide`` returns
``[self]`` and caches that list inside the strip; ``Strip.crop_extend`` does the same
with the strip itself when asked for its whole width. Each such strip is then a
reference cycle, which reference counting cannot free: every screen update leaves a few
hundred of them (about 6,000 objects an article opened with the BBC corpus) for Python's
full garbage collections, which came every few seconds and took 60-110 ms each.

:func:`install` wraps the two methods so that the trivial answer is returned without
being cached. The result is the same strip (or a one-item list of it), so nothing
drawn changes; the lines are freed as soon as the screen stops using them. Other cuts
and crops keep Textual's caching.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from textual.strip import Strip

_installed = False


def install() -> None:
    """Patch :class:`Strip` once; does nothing if Textual's methods are not there."""
    global _installed
    if _installed:
        return
    divide = getattr(Strip, "divide", None)
    crop_extend = getattr(Strip, "crop_extend", None)
    if divide is None or crop_extend is None:
        return

    def divide_uncached_whole(self: Strip, cuts: Iterable[int]) -> Sequence[Strip]:
        length = self.cell_length
        kept = [cut for cut in cuts if cut <= length]  # as Textual keeps them
        if kept == [length]:
            return [self]
        return divide(self, kept)

    def crop_extend_uncached_whole(self: Strip, start: int, end: int, style: Any) -> Strip:
        if start == 0 and end == self.cell_length:
            return self
        return crop_extend(self, start, end, style)

    divide_uncached_whole.__doc__ = divide.__doc__
    crop_extend_uncached_whole.__doc__ = crop_extend.__doc__
    Strip.divide = divide_uncached_whole  # type: ignore[method-assign]
    Strip.crop_extend = crop_extend_uncached_whole  # type: ignore[method-assign]
    _installed = True
