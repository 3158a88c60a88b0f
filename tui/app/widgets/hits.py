"""Search hits as the search screen lists them, and the query language hint above them.

A hit is two or three lines: the title in bold (marked when an earlier hit has the same
text); the source and date, dimmed, then the snippet with the matched words styled.
:func:`hit_plain` gives the same text unstyled, enough to lay a long list out; a hit is
styled only when drawn. Article text stays data (see :mod:`tui.app.safe`).
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style
from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

from tui.app.safe import highlighted, plain, visible
from tui.library import SearchHit

#: The year the hint's ``date:`` example names when the corpus has no dated article.
EXAMPLE_YEAR = "2016"

#: The query language in a line, longest first: the longest that fits the width is shown
#: (the first fits the search box at its widest, the second 80 columns, the last 40; at
#: 60 columns the second wrapped, its last item alone on a line opening with "·").
#: ``date:2016`` names the corpus's latest year instead (:func:`syntax_hint`).
SYNTAX_HINTS = (
    'all words match · "exact phrase" · a OR b · NOT word · prefix* · typo~ · title:word · '
    f"person:name · date:{EXAMPLE_YEAR}",
    f'"a phrase" · a OR b · NOT c · pre* · typo~ · person:name · date:{EXAMPLE_YEAR}',
    '"a phrase" · a OR b · NOT c · pre* · person:name',
    '"a phrase" · a OR b · NOT c · pre*',
)


def syntax_hint(width: int, year: str | None = None) -> str:
    """The longest hint that fits in ``width`` cells (the shortest when none does), its
    ``date:`` example in ``year`` (four digits: the hint keeps its width) when given;
    none (``""``: a corpus with no dated article, where any ``date:`` finds nothing)."""
    hints: tuple[str, ...] = SYNTAX_HINTS
    if year == "":
        hints = tuple(hint.replace(f" · date:{EXAMPLE_YEAR}", "") for hint in SYNTAX_HINTS)
    hint = next((hint for hint in hints if len(hint) <= width), hints[-1])
    if year and len(year) == 4 and year.isdigit():
        hint = hint.replace(f"date:{EXAMPLE_YEAR}", f"date:{year}")
    return hint


def latest_year(dates: Iterable[str | None]) -> str | None:
    """The latest year of ISO ``dates``, for an example that finds something in this
    corpus (a BBC corpus of 2004-05 has nothing in 2016); ``""`` when none is dated
    (no example then), None when there are none (not known yet)."""
    years = [d[:4] if d and d[:4].isdigit() else "" for d in dates]
    return max(years) if years else None


class SyntaxHint(Widget):
    """The query language in a line, as much of it as fits the width it is given; its
    ``date:`` example in :attr:`year` (the corpus's latest, given by the screen)."""

    year: reactive[str | None] = reactive(None)

    def __init__(self, year: str | None = None, *, id: str | None = None) -> None:  # noqa: A002
        super().__init__(id=id)
        self.set_reactive(SyntaxHint.year, year)

    def render(self) -> str:
        return syntax_hint(self.content_region.width, self.year)


#: Beside a hit whose file has the same text as another hit's and is the copy, as the
#: article list marks it (corpora hold copies): it may rank above its original.
SAME_TEXT = "(copy of another result)"


def _meta(hit: SearchHit) -> str:
    return " · ".join(part for part in (hit.source, hit.date) if part)


def hit_prompt(hit: SearchHit, match_style: Style) -> Text:
    """A hit as shown: the title in bold; below it the source and date, dimmed, then the
    snippet with each matched word in ``match_style``. The source and date open the
    snippet rather than end the title line, where a long title wrapped them apart.
    Article text stays data (see :mod:`tui.app.safe`)."""
    prompt = plain(hit.title, "bold")
    if hit.duplicate_of:
        prompt.append(f"  {SAME_TEXT}", style="dim italic")
    prompt.append("\n")
    if meta := _meta(hit):
        prompt.append_text(plain(meta + " — ", "dim"))
    prompt.append_text(highlighted(hit.snippet, hit.snippet_matches, match_style))
    return prompt


def hit_plain(hit: SearchHit) -> str:
    """``hit_prompt(hit).plain``, without building the styled text."""
    meta = _meta(hit)
    title = visible(hit.title, keep_newlines=False)
    if hit.duplicate_of:
        title += f"  {SAME_TEXT}"
    lead = visible(meta + " — ", keep_newlines=False) if meta else ""
    return f"{title}\n{lead}{visible(hit.snippet, keep_newlines=False)}"
