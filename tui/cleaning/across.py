"""The story on both sides of a box set into it, where the block model kept one side.

The main block is the run of lines the model takes for the article; a box between two
parts of the story (share buttons and a newsletter's pitch under the first paragraphs,
"Related Links" over one link before the last paragraph) breaks that run, and the
smaller part was left out with the page's cruft: a magazine's first nine paragraphs
above its share box, set a step deeper than the rest; a wire story's last paragraph
under a box of links.

A part is taken back when it is prose the model is sure of, the box between is short
and holds nothing the model is sure of, and the part lies between the headline and
the block (above) or at the block's own indent (below, where the page's footer
starts: teasers of other stories sit elsewhere).
"""

from __future__ import annotations

from tui.cleaning.features import Shape
from tui.cleaning.text import Line

#: A box holds at most this many lines above the block (share buttons, a newsletter, a
#: video and its caption), at most _BOX_BELOW under it (a heading and a few links).
_BOX_ABOVE = 10
_BOX_BELOW = 4
#: The model's probability of article text: above the block, every line of the part at
#: least _PART, the part's last line and _SURE_LINES of its prose lines at least _SURE,
#: the box's lines (up to that last line) less sure or no prose. (On aeb-dev the part
#: taken back has seven prose lines of 0.96 to 0.98; the prose above a block that is no
#: such part has at most two lines over 0.85. A story's short paragraph scores 0.87.)
_PART = 0.8
_SURE = 0.85
_SURE_LINES = 3
#: Under the block, the part's first line is prose at least this sure, at its indent
#: (a last paragraph of 25 words or more scores 0.84 to 0.91; prose under a box that is
#: the page's scores at most 0.31; one short sentence 0.55 stays lost).
_SURE_BELOW = 0.6


def part_above(
    lines: list[Line], shapes_: list[Shape], p: list[float], a: int, top: int
) -> tuple[int, set[int]] | None:
    """(first line, the box's lines) of the story's part above the block at ``a`` that a
    box parts from it, no higher than ``top``; None when there is none."""
    end = a - 1
    while end > top and a - end <= _BOX_ABOVE and not (shapes_[end].prose and p[end] >= _SURE):
        end -= 1
    if end <= top or end == a - 1 or not (shapes_[end].prose and p[end] >= _SURE):
        return None
    start = end
    while start - 1 > top and p[start - 1] >= _PART:
        start -= 1
    sure = sum(1 for x in range(start, end + 1) if shapes_[x].prose and p[x] >= _SURE)
    if sure < _SURE_LINES:
        return None
    return start, set(range(end + 1, a))


def part_below(
    lines: list[Line], shapes_: list[Shape], p: list[float], b: int
) -> tuple[int, set[int]] | None:
    """(last line, the box's lines) of the story's part under the block ending at ``b``,
    at the block's indent, that a box parts from it; None when there is none."""
    n = len(lines)
    indent = lines[b].indent
    start = b + 1
    while start < n and start - b - 1 < _BOX_BELOW and p[start] < _SURE_BELOW:
        start += 1
    if start >= n or start == b + 1 or p[start] < _SURE_BELOW:
        return None
    end = start
    while end + 1 < n and p[end + 1] >= _PART and lines[end + 1].indent == indent:
        end += 1
    if any(lines[x].indent != indent or not shapes_[x].prose for x in range(start, end + 1)):
        return None
    return end, set(range(b + 1, start))


__all__ = ["part_above", "part_below"]
