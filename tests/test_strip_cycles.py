"""Drawn lines are freed by reference counting, not left for the cycle collector."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tests.app_helpers import make_app, ready, settle
from tui.app import strip_cycles


@contextmanager
def cyclic_garbage() -> Iterator[list[object]]:
    """Collects first, then yields the list of what the next collection finds unreachable."""
    gc.collect()
    found: list[object] = []
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        yield found
        gc.collect()
        found.extend(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


def line(text: str = "a line of text") -> Strip:
    return Strip([Segment(text[:6], Style(bold=True)), Segment(text[6:])])


def test_whole_width_cuts_give_the_same_strips_and_leave_no_cycles() -> None:
    strip_cycles.install()
    with cyclic_garbage() as garbage:
        strip = line()
        width = strip.cell_length
        assert list(strip.divide([width])) == [strip]
        assert list(strip.divide([width, width + 5])) == [strip]  # cuts past the end are dropped
        assert strip.crop_extend(0, width, None) is strip
        del strip
    # This test's strips only: a test run before it in the same process (xdist) may
    # leave an app's drawn lines to be collected here.
    assert not [o for o in garbage if isinstance(o, Strip) and o.text == "a line of text"]


def test_other_cuts_still_cut_and_are_cached() -> None:
    strip_cycles.install()
    strip = line("abcdefghij")
    halves = strip.divide([4, 10])
    assert [h.text for h in halves] == ["abcd", "efghij"]
    assert strip.divide([4, 10]) is halves  # Textual's cache still answers
    assert strip.crop_extend(2, 12, None).text == "cdefghij  "
    assert strip.crop_extend(0, 4, None).text == "abcd"


def test_installing_twice_wraps_once() -> None:
    strip_cycles.install()
    divide = Strip.divide
    strip_cycles.install()
    assert Strip.divide is divide


async def test_using_the_app_leaves_no_drawn_lines_for_the_collector(seeds_copy: Path) -> None:
    app = make_app(seeds_copy)
    async with app.run_test(size=(120, 36)) as pilot:
        await ready(pilot)
        await settle(pilot)
        gc.unfreeze()  # the app froze its survivors; see everything again
        with cyclic_garbage() as garbage:
            for key in ("j", "enter", "space", "tab", "j", "enter", "G", "g"):
                await pilot.press(key)
                await pilot.pause()
        strips = [o for o in garbage if isinstance(o, Strip)]
        assert not strips, f"{len(strips)} strips were only freed by the cycle collector"
