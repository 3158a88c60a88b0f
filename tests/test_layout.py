"""The reader's row arithmetic (tui/app/widgets/layout.py), without an app."""

from rich.text import Text

from tui.app.widgets.layout import (
    Block,
    Line,
    first_raw_line,
    next_raw_line,
    offset_in_row,
    row_of,
)


def _line(block: int, text: str, start: int) -> Line:
    return Line(block, Text(text), start)


def test_row_of_is_the_last_row_starting_at_or_before_the_offset() -> None:
    lines = [
        _line(0, "Headline", -1),
        _line(1, "first row ", 0),
        _line(1, "second row", 10),
        _line(2, "", -1),
        _line(3, "next para", 21),
    ]
    assert row_of(lines, 0) == 1
    assert row_of(lines, 9) == 1
    assert row_of(lines, 10) == 2
    assert row_of(lines, 20) == 2  # between paragraphs: the row before
    assert row_of(lines, 21) == 4
    assert row_of(lines, 500) == 4
    assert row_of([_line(0, "title", -1)], 3) == 0


def test_offset_in_row_counts_cells_not_characters() -> None:
    line = _line(0, "ab東京cd", 100)  # the two ideographs take two cells each
    assert offset_in_row(line, 0) == 100
    assert offset_in_row(line, 1) == 101
    assert offset_in_row(line, 2) == 102
    assert offset_in_row(line, 3) == 102  # the right half of 東
    assert offset_in_row(line, 4) == 103
    assert offset_in_row(line, 6) == 104
    assert offset_in_row(line, 40) == 105  # beyond the row: its last character
    assert offset_in_row(_line(0, "", 7), 3) == 7


def test_raw_line_cursor_skips_blank_lines() -> None:
    blocks = [
        Block("raw", "Menu", 0),
        Block("blank", "", 5),
        Block("raw", "Body text", 6),
        Block("blank", "  ", 16),
    ]
    lines = [_line(i, b.text, b.start) for i, b in enumerate(blocks)]
    assert first_raw_line(blocks, lines, 0) == 0
    assert first_raw_line(blocks, lines, 1) == 2  # the top row is blank: the next line
    assert first_raw_line(blocks, lines, 99) == 0  # past the end: from the top
    assert next_raw_line(blocks, 0, +1) == 2
    assert next_raw_line(blocks, 2, +1) == 2  # nothing further down
    assert next_raw_line(blocks, 2, -1) == 0
