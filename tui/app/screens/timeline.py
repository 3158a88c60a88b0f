"""The timeline: how many articles fall in each day, week, month or year.

For every article, or for a search's matches (the query it was opened with), counted
from the index (:meth:`tui.library.Library.timeline`) in a worker. Bars from zero
(:class:`~tui.app.widgets.count_bars.CountBars`) show the whole story's shape at a glance; below
it each period is a row with a bar and its count. Enter on a row dismisses the
screen with the query narrowed to that period (``date:2016-02``); ``s`` changes
the scale (automatic, day, week, month, year); Esc goes back unchanged.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.app import search_messages as sm
from tui.app.base import DossierScreen
from tui.app.messages import IndexReadyChanged
from tui.app.safe import plain, quoted
from tui.app.widgets.count_bars import CountBars
from tui.app.widgets.key_bar import KeyBar
from tui.library.searching import narrowed
from tui.library.timeline import SCALES, Bucket, Gap, Scale, Timeline, folded

#: The bar of the busiest period at this many cells (less when the screen is narrow).
BAR_WIDTH = 50
_EIGHTHS = " ▏▎▍▌▋▊▉"


def bar(count: int, peak: int, width: int) -> str:
    """``count`` as a bar of block characters, ``width`` cells for ``peak``."""
    if peak <= 0 or count <= 0:
        return ""
    eighths = max(1, round(count / peak * width * 8))
    return "█" * (eighths // 8) + (_EIGHTHS[eighths % 8] if eighths % 8 else "")


def bucket_prompt(bucket: Bucket, peak: int, width: int, bar_style: Style | str = "") -> Text:
    label = bucket.label.ljust(18 if bucket.scale == "week" else 10)
    line = Text(f"{label} ", style="bold" if bucket.count else "dim")
    drawn = bar(bucket.count, peak, width)
    line.append(drawn, style=bar_style)
    line.append(" " * (width - len(drawn)))
    line.append(f" {bucket.count:,}", style="" if bucket.count else "dim")
    return line


def gap_prompt(gap: Gap) -> Text:
    """A run of empty periods: ``2010-11 to 2014-08  none in 46 months``, dim."""
    return Text(f"{gap.label}  {gap.note}", style="dim italic")


class TimelineScreen(DossierScreen[str]):
    """Articles over time; dismissed with a narrowed query, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="timeline.back"),
        Binding("s", "scale", "Scale", id="timeline.scale", tooltip="Day, week, month, year"),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"timeline--bar"}

    def __init__(self, query: str = "") -> None:
        super().__init__()
        self.query_text = query.strip()
        self.scale: Scale | None = None  # None: the finest that fits
        self.timeline: Timeline | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline-box"):
            yield Label(self._heading(), id="timeline-heading")
            yield CountBars(id="timeline-spark")
            yield Label("Counting…", id="timeline-status")
            yield OptionList(id="timeline-list")
        yield KeyBar(id="key-bar")

    def _heading(self) -> Text:
        if not self.query_text:
            return Text("Timeline of every article", style="bold")
        heading = Text("Timeline of “", style="bold")
        heading.append_text(plain(self.query_text))
        heading.append("”")
        return heading

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#timeline-list", OptionList))
        self._load()

    def _load(self) -> None:
        app = self.dossier
        if not app.index_ready:
            # Counted from the index: say why there is nothing yet (no articles, the
            # first build running, a build that failed) rather than "Counting…" for
            # good and a toast telling the user to run `dossier index`.
            problem = app.index_problem or "Indexing… the timeline is drawn when it finishes."
            main = app.main_screen()
            if main is not None and main.feed.empty:  # (the problem is said for search)
                problem = (
                    f"No articles in {app.library.corpus}: nothing to count yet. Put "
                    "articles in that folder (subfolders count too)."
                )
            self.query_one("#timeline-status", Label).update(plain(problem))
            self.query_one("#timeline-list", OptionList).display = False
            self.query_one("#timeline-spark").display = False  # (no empty baseline)
            return
        self.query_one("#timeline-list", OptionList).display = True
        app.load_timeline(self, self.query_text, self.scale)

    def on_index_ready_changed(self, message: IndexReadyChanged) -> None:
        if message.ready:
            self._load()

    def key_bar_hides(self, action: str) -> bool:
        """``s Scale`` out of the key bar with no period to count again (no dated article)."""
        return action == "scale" and self.timeline is not None and not self.timeline.buckets

    def on_timeline_loaded(self, message: sm.TimelineLoaded) -> None:
        if message.query != self.query_text:
            return
        line = message.timeline
        if line is not None and self.scale is not None and line.scale != self.scale:
            return  # an answer for the scale before
        status = self.query_one("#timeline-status", Label)
        if message.error is not None or line is None:
            status.update(plain(f"Cannot count: {message.error or 'no answer'}"))
            return
        self.timeline = line
        self.refresh_bindings()  # (the key bar: s with periods to count again, or not)
        spark = self.query_one("#timeline-spark", CountBars)
        spark.data = tuple(b.count for b in line.buckets)
        spark.display = len(line.buckets) > 1  # (one period: its row says it all)
        listing = self.query_one("#timeline-list", OptionList)
        # No periods: no empty frame below the message either.
        listing.display = bool(line.buckets)
        if not line.buckets and not line.undated and self.query_text.strip():
            status.update(plain(f"No articles match {quoted(self.query_text)}."))  # as / says
            return
        if not line.buckets:
            # Where the date comes from, and how to give one here (the app's key first:
            # the user is in the app) or from the shell.
            correct = self.dossier.key_for("correct", "M")
            # Text, not markup: a key of the user's keymap is data (it may hold brackets).
            status.update(
                plain(
                    "No dated articles match: an article gets its date from its page or file. "
                    f"To give one a date, press {correct} on it in the reader (or `dossier "
                    "correct ID --date`).",
                    one_line=False,
                )
            )
            listing.clear_options()
            return
        n = line.total
        # The articles with no date are in no period: say how many, or the bars look
        # like all there is ("1 dated article" of 5).
        undated = f"; {line.undated:,} without a date" if line.undated else ""
        status.update(
            plain(
                f"{n:,} dated article{'s' if n != 1 else ''} by {line.scale}, {line.span}"
                f"{undated}. Enter narrows to a period · "
                f"{self.dossier.key_for('timeline.scale', 's')} changes the scale",
                one_line=False,
            )
        )
        self._fill(line)

    def _fill(self, line: Timeline) -> None:
        listing = self.query_one("#timeline-list", OptionList)
        keep = listing.highlighted
        # From the screen's width, not the list's: that changes as its scrollbar comes.
        label = 18 if line.scale == "week" else 10
        width = max(8, min(BAR_WIDTH, min(self.size.width, 120) - label - 18))
        style = Style(color=self.get_component_rich_style("timeline--bar").color)
        listing.clear_options()
        # A run of empty periods is one row (disabled: there is nothing to narrow to);
        # an option's id is its bucket's index.
        rows = folded(line.buckets)
        listing.add_options(
            [
                Option(gap_prompt(row), disabled=True)
                if isinstance(row, Gap)
                else Option(bucket_prompt(line.buckets[row], line.peak, width, style), id=str(row))
                for row in rows
            ]
        )
        if keep is not None and keep < len(rows) and not isinstance(rows[keep], Gap):
            listing.highlighted = keep
        else:  # the busiest period first: where the story is
            busiest = max(range(len(line.buckets)), key=lambda i: line.buckets[i].count)
            listing.highlighted = rows.index(busiest)
        # Again once laid out: the status line above may take a second line in the same
        # update, and the list's scroll to the cursor was worked out on the taller list.
        listing.call_after_refresh(listing.scroll_to_highlight)

    def on_resize(self) -> None:
        if self.timeline is not None and self.timeline.buckets:
            self._fill(self.timeline)

    @on(OptionList.OptionSelected, "#timeline-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if self.timeline is None or event.option.id is None:
            return
        bucket = self.timeline.buckets[int(event.option.id)]
        self.dismiss(narrowed(self.query_text, bucket.clause))

    def action_scale(self) -> None:
        current = self.scale or (self.timeline.scale if self.timeline else None)
        order: list[Scale] = list(SCALES)
        self.scale = order[(order.index(current) + 1) % len(order)] if current else "day"
        self.query_one("#timeline-status", Label).update(plain(f"Counting by {self.scale}…"))
        self._load()

    def action_back(self) -> None:
        self.dismiss(None)
