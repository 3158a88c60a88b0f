"""The shared-passage list (``w`` in the reader): where else a passage appears.

For the sentence, selection or bookmark under the reader's cursor, every other
article with the same or a near-same passage, earliest first: its title, outlet
and date, and its words, those that differ from the passage marked. Enter opens
that article at the passage; ``y`` copies it with its citation; ``x`` exports the
list; Esc goes back. What ``y`` and ``x`` did is said under the list (:meth:`say`):
no toast is drawn over a modal screen (:mod:`tui.app.notices`).
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.notifications import SeverityLevel
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.app.base import UsesDossier
from tui.app.safe import plain
from tui.app.widgets.vim_options import VimOptionList
from tui.export import Cited, passages_items, quoted
from tui.library.passages import Copy, Passage


def copy_text(copy: Copy) -> Text:
    """A copy's words, those that differ from the passage underlined and bold, with "…"
    where it is cut inside its sentence (:attr:`Copy.excerpt`)."""
    text = plain(copy.excerpt)
    lead = 1 if copy.cut[0] else 0  # the "…" before it
    for start, end in copy.differs:
        s, e = start - copy.start, end - copy.start
        if 0 <= s < e <= len(copy.text):
            text.stylize("bold underline", s + lead, min(e + lead, len(text)))
    return text


def joined(passages: list[Passage]) -> str:
    """The passages of a selection as one text: "…" between two that a sentence not
    shared parts (one cut inside its sentence has its own)."""
    out = ""
    for n, passage in enumerate(passages):
        if n:
            before = passages[n - 1]
            apart = passage.start - before.end > 2 and not (before.cut[1] or passage.cut[0])
            out += " … " if apart else " "
        out += passage.excerpt
    return out


def cited(copy: Copy) -> Cited:
    return Cited(copy.id, copy.title, copy.source, copy.date, copy.path, copy.url, copy.excerpt)


class PassagesScreen(UsesDossier, ModalScreen[Copy | None]):
    """Other articles that share a passage of the open article."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,w", "close", "Back", id="passages.close"),
        Binding("y", "copy", "Copy", id="passages.copy", tooltip="Copy it, with its citation"),
        # (ctrl+o too: the export key of the main and search screens)
        Binding("x,ctrl+o", "export", "Export", id="passages.export", tooltip="Export the list"),
    ]

    def __init__(
        self, article: Cited, passages: list[Passage], same_text: frozenset[str] = frozenset()
    ) -> None:
        super().__init__()
        self.article = article
        self.passages = passages
        #: The articles whose file has the same text as the open one's (a copied file):
        #: every passage of it is "shared" with them; each says so in the list.
        self.same_text = same_text
        self.copies: list[Copy] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="passages-dialog", classes="dialog") as box:
            count = len({c.id for p in self.passages for c in p.also_in})
            noun = "article" if count == 1 else "articles"
            box.border_title = f"Also in {count} other {noun} · earliest first"
            key = self.dossier.key_for
            box.border_subtitle = (  # in the user's keys (keymap:)
                f"Enter opens · {key('passages.copy', 'y')} copies · "
                f"{key('passages.export', 'x')} exports · {key('passages.close', 'escape')} back"
            )
            passage = joined(self.passages)
            yield Label(plain(" ".join(passage.split())), id="passages-text")
            yield VimOptionList(id="passage-copies")
            yield Label("", id="passages-says")

    def on_mount(self) -> None:
        options = self.query_one("#passage-copies", OptionList)
        items: list[Option | None] = []
        for n, passage in enumerate(self.passages):
            if len(self.passages) > 1:
                if n:
                    items.append(None)
                items.append(Option(plain(passage.excerpt, "italic"), disabled=True))
            for m, copy in enumerate(passage.also_in):
                if m:
                    items.append(None)  # a rule between two articles
                prompt = plain(copy.title or copy.path, "bold")
                meta = " · ".join(x for x in (copy.source, copy.date) if x)
                if meta:
                    prompt.append("  ")
                    prompt.append_text(plain(meta, "dim"))
                if copy.id in self.same_text:
                    prompt.append_text(plain(f"  (the same text: {copy.path})", "dim"))
                prompt.append("\n")
                prompt.append_text(copy_text(copy))
                items.append(Option(prompt, id=f"copy-{len(self.copies)}"))
                self.copies.append(copy)
        options.add_options(items)
        options.highlighted = next(
            (i for i, o in enumerate(options.options) if not o.disabled), None
        )
        self.set_focus(options)

    def _highlighted(self) -> Copy | None:
        options = self.query_one("#passage-copies", OptionList)
        if options.highlighted is None:
            return None
        option_id = options.get_option_at_index(options.highlighted).id or ""
        return self.copies[int(option_id[5:])] if option_id.startswith("copy-") else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("copy-"):
            self.dismiss(self.copies[int(option_id[5:])])

    def action_close(self) -> None:
        self.dismiss(None)

    def action_copy(self) -> None:
        copy = self._highlighted()
        if copy is not None:
            self.dossier.copy_quote(quoted(copy.excerpt, cited(copy)), said=self.say)

    def say(
        self,
        message: str,
        *,
        kind: str | None = None,
        timeout: float | None = None,
        severity: SeverityLevel = "information",
    ) -> None:
        """Say ``message`` under the list (what a copy or an export did), where a toast
        would be held back until the list is closed. (``kind`` and ``timeout``: as a
        screen's toast has them; the line stays until the next one.)"""
        said = self.query_one("#passages-says", Label)
        said.update(plain(message))
        said.set_class(severity == "error", "-error")
        said.display = bool(message)

    def action_export(self) -> None:
        items = passages_items(self.article, self.passages)
        self.dossier.ask_export_list(
            self, "shared passages", items, f"Shared passages of {self.article.title}"
        )
