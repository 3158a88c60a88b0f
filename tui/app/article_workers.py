"""One article and what the user changes of it: the library's slow calls about one
article (its text, its entities, find in it, its corrections, a page added), as thread
workers of the app.

Like :mod:`tui.app.workers`: each posts a typed message (:mod:`tui.app.messages`) to the
node that asked and never touches a widget; handlers drop stale answers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.message_pump import MessagePump

from tui.app import messages as m
from tui.app.turns import Turns
from tui.app.workers import cancelled, one_line
from tui.articles import Article
from tui.library import Library, LibraryError

if TYPE_CHECKING:
    from tui.ner.curation import Change

#: Articles up to this many characters get their entities in the same worker (a few ms).
QUICK_ENTITIES = 20_000


def _a(word: str) -> str:
    """``word`` with its article: "a place", "an organisation"."""
    return f"{'an' if word[0] in 'aeiou' else 'a'} {word}"


class ArticleWorkers(App[None]):
    """The slow calls about one article, as workers of the app (a base class of
    DossierApp, like :class:`~tui.app.workers.LibraryWorkers`)."""

    library: Library
    key_for: Callable[[str, str], str]  # DossierApp's: how a binding's key is shown
    #: The entity corrections made in this session, the latest last: what undo takes back.
    entity_changes: list[Change]
    #: The order the entity corrections and undos were asked in, which they write in.
    entity_turns: Turns

    @work(thread=True, exclusive=True, group="article", exit_on_error=False)
    def load_article(
        self,
        target: MessagePump,
        article_id: str,
        *,
        focus: int | None = None,
        matches: tuple[tuple[int, int], ...] = (),
        query: str = "",
        again: bool = False,
    ) -> None:
        """Read ``article_id`` and post it (:class:`ArticleLoaded`). ``again``: the open
        article read again after an index update; gone or unreadable meanwhile (the
        list and its status line say so), nothing is posted and the worker does not fail."""
        try:
            article = self.library.article(article_id)
        except (LibraryError, OSError):
            if again:
                return
            raise
        mentions = None
        # A long article, or the model not loaded yet (the first article): the reader
        # shows the text now and asks for the entities after (Reading.show).
        quick = len(article.body) <= QUICK_ENTITIES and self.library.entities_quick()
        if quick and not cancelled():
            try:
                mentions = list(self.library.entities(article_id))
            except Exception:  # noqa: BLE001 - load_entities reports it
                mentions = None
        if not cancelled():
            file_hash = self.library.listed_hash(article_id)
            target.post_message(
                m.ArticleLoaded(article, focus, tuple(matches), query, mentions, file_hash)
            )

    # Not exclusive: a write; a second mark asked for before this one's worker started
    # (keys typed ahead) cancelled it, and its line was never written.
    @work(thread=True, group="cruft", exit_on_error=False)
    def toggle_cruft(self, target: MessagePump, article: Article, line: str, removed: bool) -> None:
        """Mark a raw line as cruft for the article's source, or take the mark back.

        A line the cleaner removes is restored (its cruft mark dropped, else marked as
        article text); a line it keeps is marked as cruft (or loses its keep mark).
        The change goes to the user's boilerplate.yaml and applies to every article
        of that source; the article comes back cleaned with it.
        """
        from tui.cleaning import mark_line, source_corrections, unmark_line
        from tui.cleaning.rules import line_key
        from tui.library.boilerplate import group_of

        source = group_of(article.path, article.url)
        drop, keep = source_corrections(source)
        key = line_key(line)
        if removed and any(line_key(d) == key for d in drop):
            unmark_line(source, line)
            said = "no longer marked as cruft"
        elif removed:
            mark_line(source, line, cruft=False)
            said = "kept as article text"
        elif any(line_key(k) == key for k in keep):
            unmark_line(source, line)
            said = "no longer marked as article text"
        else:
            mark_line(source, line, cruft=True)
            said = "marked as cruft"
        where = "this folder" if source.startswith("dir:") else source
        fresh = self.library.article(article.id)
        target.post_message(m.CruftMarked(fresh, f"Line {said} for {where}; re-indexing."))

    @work(thread=True, exclusive=True, group="entities", exit_on_error=False)
    def load_entities(self, target: MessagePump, article_id: str) -> None:
        mentions = self.library.entities(article_id)
        if not cancelled():
            target.post_message(m.EntitiesLoaded(article_id, list(mentions)))

    def correct_entity(
        self, target: MessagePump, kind: str, name: str, typ: str, into: str
    ) -> None:
        """Write one correction to the user's entities.yaml (see tui.ner.curation),
        after those asked for before it (:mod:`tui.app.turns`)."""
        self.entity_turns.take(
            lambda ticket: self._correct_entity(target, ticket, kind, name, typ, into)
        )

    @work(thread=True, group="entity-correction", exit_on_error=False)
    def _correct_entity(
        self, target: MessagePump, ticket: int, kind: str, name: str, typ: str, into: str
    ) -> None:
        with self.entity_turns.turn(ticket) as mine:
            if mine:
                self._write_correction(target, kind, name, typ, into)

    def _write_correction(
        self, target: MessagePump, kind: str, name: str, typ: str, into: str
    ) -> None:
        from tui.ner import curation
        from tui.yamlfile import ConfigError

        path = self.library.config_dir / "entities.yaml"
        try:
            if kind == "type":
                change = curation.set_entity_type(path, name, typ)
                text = f"{name} is now {_a(curation.TYPE_WORDS[typ])} in every article"
            elif kind == "ignore":
                change = curation.ignore_name(path, name)
                text = f"{name} is no longer an entity in any article"
            else:
                change = curation.merge_entities(path, into, name, typ)
                text = f"{name} is now {into} in every article"
        except (ConfigError, ValueError, OSError) as exc:
            target.post_message(m.EntityCorrected("", str(exc) or exc.__class__.__name__))
            return
        # The file by its name: a full path wrapped the toast over three lines, and
        # `dossier paths` says where it is (entities_file).
        undo = self.key_for("entities.undo", "u")
        said = f"{text} (saved in {path.name}; {undo} undoes)"
        target.post_message(m.EntityCorrected(said, change=change))

    def undo_last_correction(self, target: MessagePump) -> None:
        """Take back the last entity correction made in this session (``u`` in the
        entities pane, the palette); ``target`` (the main screen) hears how it went."""
        if not self.entity_changes:
            # (undo keeps this session's corrections: one made before the app started
            # is in the file, which the user can edit)
            self.notify(
                "No entity correction to undo in this session (earlier ones are in "
                "entities.yaml: dossier paths says where).",
                markup=False,
                timeout=5,
            )
            return
        change = self.entity_changes.pop()
        self.entity_turns.take(lambda ticket: self.undo_entity_correction(target, ticket, change))

    @work(thread=True, group="entity-correction", exit_on_error=False)
    def undo_entity_correction(self, target: MessagePump, ticket: int, change: Change) -> None:
        """Take ``change`` back from the user's entities.yaml (tui.ner.curation.undo),
        after the writes asked for before it."""
        with self.entity_turns.turn(ticket) as mine:
            if mine:
                self._write_undo(target, change)

    def _write_undo(self, target: MessagePump, change: Change) -> None:
        from tui.ner import curation
        from tui.yamlfile import ConfigError

        path = self.library.config_dir / "entities.yaml"
        try:
            curation.undo(path, change)
        except (ConfigError, ValueError) as exc:  # changed since, or broken: not again
            target.post_message(m.EntityCorrected("", str(exc) or exc.__class__.__name__))
            return
        except OSError as exc:  # the disk: the undo can be tried again
            error = exc.strerror or str(exc) or exc.__class__.__name__
            target.post_message(m.EntityCorrected("", error, change, undone=True))
            return
        said = f"Undone: “{change.said}” (saved in {path.name}); every article follows"
        target.post_message(m.EntityCorrected(said, change=change, undone=True))

    @work(thread=True, exclusive=True, group="entity-articles", exit_on_error=False)
    def load_entity_articles(self, target: MessagePump, entity_id: str, name: str) -> None:
        occurrences = self.library.entity_articles(entity_id)
        if not cancelled():
            target.post_message(m.EntityOccurrencesLoaded(entity_id, name, list(occurrences)))

    @work(thread=True, exclusive=True, group="clip", exit_on_error=False)
    def clip_url(self, target: MessagePump, url: str) -> None:
        """Fetch a web page and save it into the corpus folder (indexing comes after).

        Cancelled while the page was coming (Esc in the dialog, or another address):
        nothing is saved, nothing is said.
        """
        try:
            page = self.library.fetch_url(url)
            if cancelled():
                return
            path = self.library.save_fetched(page)
        except Exception as exc:  # noqa: BLE001 - every failure is one line for the user
            if not cancelled():
                target.post_message(m.ClipFailed(url, one_line(exc)))
            return
        target.post_message(m.ArticleClipped(url, path))

    @work(thread=True, group="correct", exit_on_error=False)
    def correct_article(self, target: MessagePump, article_id: str, values: dict[str, str]) -> None:
        """Keep the user's correction of an article's metadata, then index it again."""
        try:
            self.library.correct(article_id, **values)
            articles = list(self.library.articles())
        except Exception as exc:  # noqa: BLE001 - a bad date, a locked file: one line
            target.post_message(m.ArticleCorrected(article_id, one_line(exc)))
            return
        target.post_message(m.ArticleCorrected(article_id, articles=articles))

    @work(thread=True, exclusive=True, group="find", exit_on_error=False)
    def find_in_article(self, target: MessagePump, query: str, article_id: str) -> None:
        from tui.library import QueryError

        try:
            spans = self.library.match_spans(query, article_id)
        except QueryError as exc:
            target.post_message(m.MatchesFound(query, article_id, [], one_line(exc)))
            return
        if not cancelled():
            target.post_message(m.MatchesFound(query, article_id, list(spans)))
