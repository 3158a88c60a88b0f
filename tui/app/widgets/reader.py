"""The reader: an article as readable, wrapped paragraphs (Textual's line API).

The screen sets attributes (``article``, ``mentions``, ``matches``,
``current_match``, ``raw``); the reader lays the article out as
:class:`~tui.app.widgets.layout.Block` rows and draws only the visible lines,
so long articles open instantly. Overlays are ``(start, end, style)`` spans
over the body: entities and search matches today, a passage cursor later.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.app.widgets.after_paint import AfterPaint
from tui.app.widgets.layout import (
    Block,
    Line,
    article_blocks,
    row_of,
    wrap_blocks,
)
from tui.app.widgets.passage_cursor import PassageCursor
from tui.app.widgets.reader_keys import READER_BINDINGS
from tui.app.widgets.reader_rows import ReaderRows
from tui.app.widgets.scroll_range import set_virtual_size
from tui.app.widgets.styles import ThemeAware
from tui.articles import Article

if TYPE_CHECKING:  # tui.entities loads the recogniser, not needed to show an article
    from tui.entities import Mention

#: The widest a line of body text gets, in cells.
MEASURE = 80

ENTITY_TYPES = ("person", "place", "org")


class Reader(ThemeAware, AfterPaint, ScrollView, ReaderRows, can_focus=True):
    """Shows one article; knows the body offset of every wrapped row. (The app is
    ``self.dossier``, through :class:`RawLines`.)"""

    BINDINGS: ClassVar[list[BindingType]] = READER_BINDINGS

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "reader--title",
        "reader--meta",
        "reader--heading",
        "reader--quote",
        "reader--notice",
        "reader--cut",
        "reader--person",
        "reader--place",
        "reader--org",
        "reader--match",
        "reader--match-current",
        *PassageCursor.COMPONENT_CLASSES,
    }

    article: reactive[Article | None] = reactive(None, layout=False)
    raw: reactive[bool] = reactive(False)
    mentions: reactive[tuple[Mention, ...]] = reactive(())
    matches: reactive[tuple[tuple[int, int], ...]] = reactive(())
    current_match: reactive[int] = reactive(-1)
    empty_message: reactive[str] = reactive("Choose an article from the list and press Enter.")

    class CopyRequested(Message):
        """Copy the passage under the cursor, with its citation (``y``)."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.raw_line = -1
        self._blocks = []
        self._lines = []
        self._strips: dict[int, tuple[int, Style, Strip]] = {}  # row -> (width, base, drawn)
        self._line_width = 0
        self._style_cache: dict[str, Style] = {}
        self._base: Style | None = None  # self.rich_style, which is slow to work out per line
        self._layout_width = 0
        self._last_styles: object = None
        #: A line under the article's title, about the article (see :meth:`show`).
        self.note = ""

    # -- attributes set by the screen ------------------------------------------------------

    def show(
        self,
        article: Article,
        *,
        mentions: tuple[Mention, ...] = (),
        matches: tuple[tuple[int, int], ...] = (),
        current: int = -1,
        note: str = "",
    ) -> None:
        """Show ``article`` in one step (one layout rather than one per attribute).

        ``note``: a line about the article under its title (that it is a copy of another)."""
        same = self.article is not None and self.article.id == article.id
        if self.raw and self.is_mounted:
            self.screen.refresh_bindings()  # the key bar names r for the raw text again
        with self.prevent(), self.app.batch_update():
            self.raw_line = -1
            self.note = note
            self.set_reactive(Reader.article, article)
            self.set_reactive(Reader.raw, False)
            self.set_reactive(Reader.mentions, tuple(mentions))
            self.set_reactive(Reader.matches, tuple(matches))
            self.set_reactive(Reader.current_match, current)
            if not same:
                self.set_reactive(Reader.shared, ())
            self._relayout(rebuild=True)
            self.scroll_to(0, 0, animate=False, immediate=True)

    def watch_article(self) -> None:
        self.raw_line = -1
        self._relayout(rebuild=True)
        self.scroll_to(0, 0, animate=False, immediate=True)

    def watch_raw(self) -> None:
        if self.is_mounted:
            self.screen.refresh_bindings()  # the key bar names what r does now (Raw, Cleaned)
        self.raw_line = -1
        self._relayout(rebuild=True)
        self.scroll_to(0, 0, animate=False, immediate=True)

    def reshow_raw(self, article: Article) -> None:
        """``article`` cleaned again (a line marked): the raw view, its cursor and scroll kept."""
        y = self.scroll_y
        with self.prevent():
            self.set_reactive(Reader.article, article)
        self._relayout(rebuild=True)
        self.scroll_to(y=y, animate=False, immediate=True)

    def action_copy_passage(self) -> None:
        if self.article is not None and not self.raw:
            self.post_message(self.CopyRequested())

    def watch_mentions(self) -> None:
        self._relayout()

    def watch_matches(self) -> None:
        self._relayout()

    def watch_current_match(self) -> None:
        self._relayout()

    def watch_empty_message(self) -> None:
        self._relayout(rebuild=True)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._base = None
        self._style_cache.clear()
        styles = (self._styles(), self._overlays()) if self.is_mounted else None
        if styles != self._last_styles:  # a theme change, not just a focus change
            self._relayout()

    def on_resize(self) -> None:
        self._relayout()

    def restyle(self) -> None:
        self._base = None
        self._style_cache.clear()
        self._relayout()

    # -- queries ---------------------------------------------------------------------------

    @property
    def lines(self) -> list[Line]:
        """The wrapped rows currently laid out (for tests and a future passage cursor)."""
        return self._lines

    @property
    def text(self) -> str:
        """Everything the reader shows, as plain text."""
        return "\n".join(line.text.plain for line in self._lines)

    def line_of(self, offset: int) -> int:
        """The row that shows body ``offset`` (the last row starting at or before it)."""
        return row_of(self._lines, offset)

    def top_offset(self) -> int | None:
        """The body offset of the first row of text at the top of the view (None: no
        article text is laid out)."""
        top = max(0, round(self.scroll_y))
        return next((line.start for line in self._lines[top:] if line.start >= 0), None)

    def scroll_to_offset(self, offset: int) -> None:
        """Scroll so that body ``offset`` is in view, a third of the way down; where it is
        in view already (a row from either edge, or anywhere on the first screen), the
        view stays: a search hit opened at a match on its first screen scrolled its
        headline out of sight, and ``n`` moved the text under the eyes at each match."""
        row = self.line_of(offset)
        height = self.scrollable_content_region.height
        top = round(self.scroll_y)
        if (top == 0 or row > top) and row < top + height - 1:
            return
        target = max(0, row - max(1, height // 3))
        self.scroll_to(y=target, animate=False, immediate=True)

    # -- layout and drawing ----------------------------------------------------------------

    def _overlays(self) -> list[tuple[int, int, Style]]:
        if self.raw:
            return self.raw_overlays(self._style("reader--passage"))
        get = self._style
        spans: list[tuple[int, int, Style]] = []
        by_type = {kind: get(f"reader--{kind}") for kind in ENTITY_TYPES}
        for mention in self.mentions:
            style = by_type.get(mention.type)
            if style is not None:  # dates and the like stay plain
                spans.append((mention.start, mention.end, style))
        match_style = get("reader--match")
        current_style = get("reader--match-current")
        for index, (start, end) in enumerate(self.matches):
            style = current_style if index == self.current_match else match_style
            spans.append((start, end, style))
        spans.extend(self.passage_overlays())
        return spans

    def _relayout(self, *, rebuild: bool = False) -> None:
        if not self.is_mounted:
            return
        if rebuild or not self._blocks:
            if self.article is None:
                self._blocks = [Block("notice", self.empty_message)]
            else:
                raw_key = self.dossier.key_for("raw", "r")
                self._blocks = article_blocks(
                    self.article, raw=self.raw, raw_key=raw_key, note=self.note
                )
        styles, overlays = self._styles(), self._overlays()
        self._last_styles = (styles, overlays)
        width = max(10, min(MEASURE, self.scrollable_content_region.width - 2))
        # The same text wrapped to a new width (a resize, the entities pane shown):
        # the view keeps the text it had at its top, not the row number.
        kept = self.top_offset() if not rebuild and width != self._layout_width else None
        self._layout_width = width
        self._lines = wrap_blocks(self._blocks, width, styles, overlays)
        self._strips.clear()
        set_virtual_size(self, Size(width, len(self._lines) + 1))
        if kept:
            self.scroll_to(y=self.line_of(kept), animate=False, immediate=True)
        # (its scrollbar, always there, drawn as the background while the text fits)
        self.set_class(len(self._lines) + 1 <= self.scrollable_content_region.height, "-fits")
        self.refresh()
