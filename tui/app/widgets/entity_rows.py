"""What the entities pane lists: an article's entities by type, an entity's mentions
across the corpus (as option-list rows), and how many there are, in words."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.widgets.option_list import Option

from tui.app.safe import highlighted, plain
from tui.library import EntityOccurrence
from tui.text import plural

if TYPE_CHECKING:
    from tui.entities import Mention  # loads the recogniser: not on the launch's path

TYPE_LABELS = {"person": "People", "place": "Places", "org": "Organisations", "date": "Dates"}


def mentions_in(mentions: int, articles: int) -> str:
    """``3 mentions in 1 article``."""
    return f"{plural(mentions, 'mention')} in {plural(articles, 'article')}"


class NameCount:
    """A name and its count on one row: a name too long for the row is cut short
    with an ellipsis, so that its count stays on the row ("Federal Communicati… ×6")."""

    def __init__(self, name: Text, count: Text) -> None:
        self.name = name
        self.count = count

    @property
    def plain(self) -> str:
        return self.name.plain + self.count.plain

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        room = max(1, options.max_width - self.count.cell_len)
        name = self.name.copy()
        name.no_wrap = True
        if name.cell_len > room:
            name.truncate(room, overflow="ellipsis")
        # one line whatever the width (a list measured while its pane was hidden
        # must not find it no line high)
        yield from (name + self.count).render(console, end="")
        yield Segment.line()

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        width = self.name.cell_len + self.count.cell_len
        return Measurement(min(width, self.count.cell_len + 2), width)


def entity_options(mentions: Sequence[Mention], style_of: Callable[[str], Style]) -> list[Option]:
    """The article's entities under a heading per type (in ``style_of(type)``), each with
    its count of mentions, the most mentioned first; an entity's option id is its id."""
    counts = Counter(m.id for m in mentions)
    first: dict[str, Mention] = {}
    for mention in mentions:
        first.setdefault(mention.id, mention)
    items: list[Option] = []
    for kind, label in TYPE_LABELS.items():
        group = [mention for mention in first.values() if mention.type == kind]
        if not group:
            continue
        items.append(Option(Text(label, style=style_of(kind) + Style(bold=True)), disabled=True))
        group.sort(key=lambda m: (-counts[m.id], m.canonical.lower(), m.canonical, m.id))
        for mention in group:
            count = Text(f"  ×{counts[mention.id]}", style="dim")
            items.append(Option(NameCount(plain(mention.canonical), count), id=f"{mention.id}"))
    return items


def occurrence_options(
    occurrences: Sequence[EntityOccurrence], mention_style: Style
) -> list[Option | None]:
    """One row per mention (option id ``occ-N``), its sentence with the mention in
    ``mention_style``. The article's title stands over its first mention only: the next
    ones follow it, each marked, and a rule (``None``) parts one article from the next."""
    items: list[Option | None] = []
    previous = None
    for index, occurrence in enumerate(occurrences):
        prompt = Text()
        if occurrence.article.id != previous:
            if previous is not None:
                items.append(None)
            previous = occurrence.article.id
            prompt = plain(occurrence.article.title, "bold")
            if occurrence.article.date:
                prompt.append(f"  {occurrence.article.date}", style="dim")
            prompt.append("\n")
        prompt.append("› ", style="dim")
        start = occurrence.start - occurrence.sentence_start
        end = occurrence.end - occurrence.sentence_start
        prompt.append_text(highlighted(occurrence.sentence, [(start, end)], mention_style))
        items.append(Option(prompt, id=f"occ-{index}"))
    return items


#: What the entity list says when the article names nobody, and under it before a choice.
NO_ENTITIES = (
    "No people, places or organisations found in this article. To teach Dossier a name, "
    "add it to entities.yaml in the config folder (dossier paths shows where)."
)
CHOOSE_ONE = "Choose an entity (Enter) to see every article that mentions it."


def notice(text: str) -> Option:
    """A line of the list that says something rather than offers a choice."""
    return Option(Text(text), disabled=True)
