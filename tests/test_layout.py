"""The reader's row arithmetic (tui/app/widgets/layout.py), without an app."""

from rich.text import Text

from tui.app.widgets.layout import Block, Line, offset_in_row, row_of
from tui.app.widgets.raw_lines import first_raw_line, next_raw_line


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


def test_rows_of_spans_and_where_to_scroll() -> None:
    from tui.app.widgets.layout import rows_of, scroll_target

    def line_of(offset: int) -> int:
        return offset // 10  # ten characters a row

    assert rows_of([(0, 5), (25, 41)], line_of) == {0, 2, 3, 4}
    assert rows_of([(10, 20)], line_of) == {1}  # the end is exclusive
    assert rows_of([(7, 7)], line_of) == {0}  # an empty span still marks its row
    # a view of 10 rows at the top (rows 0-9)
    assert scroll_target((3, 4), 0, 10, top=False) is None  # in view already
    assert scroll_target((3, 4), 0, 10, top=True) == 0
    assert scroll_target((30, 31), 0, 10, top=True) == 27  # a third of the way down
    assert scroll_target((12, 12), 0, 10, top=False) == 5  # just into view, a row below
    assert scroll_target((12, 20), 0, 10, top=False) == 11  # taller than the view: its top
    assert scroll_target((4, 5), 8, 10, top=False) == 2  # above: two rows of context


def test_an_indented_line_wraps_within_the_width() -> None:
    """The indentation before the first word takes its cells: each row fits."""
    from rich.cells import cell_len

    from tui.app.widgets.layout import wrap_offsets

    for text in (" " * 10 + "Характеристики бега можно увеличить за счет кодов", "  ab " * 9):
        for width in (12, 20, 40, 56):
            starts = wrap_offsets(text, width)
            ends = [*starts[1:], len(text)]
            rows = [text[a:b].rstrip() for a, b in zip(starts, ends, strict=True)]
            assert all(cell_len(row) <= width for row in rows), (width, rows)
