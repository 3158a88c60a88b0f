"""The app's start on a corpus indexed before: the first article shows before the folder
is read (from the first rows kept beside the index, tui.library.head), the list and the
index's check follow in workers, and the app ends showing what it showed before."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.app_helpers import (
    SIZE,
    Messages,
    held_scan,
    indexed_earlier,
    make_app,
    notified,
    ready,
    wait_for,
)
from tests.conftest import write_article
from tui.bookmarks import make_bookmark
from tui.library import Library, head
from tui.library.ordering import Listing, in_order

TITLES = ["Zebra crossing", "'Apple' harvest", "Mango season", "banana prices", "Cherry blossom"]


@pytest.fixture
def corpus(tmp_path: Path, hermetic_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A corpus indexed by an earlier session, its folders unchanged since."""
    monkeypatch.setattr(head, "ROWS", 2)
    folder = tmp_path / "news"
    for n, title in enumerate(TITLES):
        write_article(folder, f"{n}.txt", title, f"{title}: Anna Lindqvist spoke in Oslo.")
    return indexed_earlier(folder)


async def test_the_first_article_shows_before_the_folder_is_read(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release, scans = held_scan(monkeypatch)
    app = make_app(corpus)
    try:
        async with app.run_test(size=SIZE) as pilot:
            main = app.main_screen()
            assert main is not None
            await wait_for(pilot, lambda: main.article is not None, what="the first article")
            # The first rows, in the list's order, and the whole list's count.
            table = main.article_list
            assert [a.title for a in table.articles] == ["'Apple' harvest", "banana prices"]
            assert str(table.border_title) == f"Articles ({len(TITLES)})"
            assert main.article.title == "'Apple' harvest"
            assert "Lindqvist" in main.article.body
            await wait_for(pilot, lambda: bool(scans), what="the folder's scan")
            release.set()
            main = await ready(pilot)
            # Then the whole list; the article and the cursor stay.
            listed = Library.open(corpus).scan().articles
            assert [a.title for a in table.articles] == [a.title for a in in_order(listed, "title")]
            assert str(table.border_title) == f"Articles ({len(TITLES)})"
            assert main.article.title == "'Apple' harvest"
            assert table.highlighted_id == main.article.id
            await pilot.press("j")
            assert table.highlighted_id == table.articles[1].id
    finally:
        release.set()


async def test_the_list_s_tables_are_made_by_the_worker_that_read_the_folder(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 50,000 articles making them took the UI thread ~25 ms: a pause at launch."""
    import tui.app.workers

    made: list[Listing] = []
    original = tui.app.workers.listing

    def listing(*args: Any) -> Listing:
        made.append(original(*args))
        assert threading.current_thread() is not threading.main_thread()
        return made[-1]

    monkeypatch.setattr(tui.app.workers, "listing", listing)
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        assert made
        assert main.summaries is made[-1].by_id  # taken, not made again
        table = main.article_list
        assert table.articles == made[-1].ordered
        for article in reversed(table.articles):  # each at its row
            table.move_to(article.id)
            assert table.highlighted_id == article.id


async def test_an_unchanged_folder_is_not_indexed_again(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    updates: list[str] = []
    original = Library.update_index

    def update(self: Library, *args: object, **kwargs: object) -> object:
        updates.append("update")
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    lib = Library.open(corpus)  # a bookmark: reading it touches the bookmarks file
    article = lib.article(lib.scan().articles[0].id)
    lib.bookmarks.restore_many([make_bookmark(article, 0, 5, note="kept")])
    lib.update_index(workers=1)
    lib.close()
    bookmarks = lib.paths.bookmarks
    future = bookmarks.stat().st_mtime + 5
    os.utime(bookmarks, (future, future))  # as a read of the bookmarks may
    monkeypatch.setattr(Library, "update_index", update)
    for _ in range(2):  # the first start read the bookmarks: that does not count
        app = make_app(corpus)
        async with app.run_test(size=SIZE) as pilot:
            main = await ready(pilot)
            await pilot.press("B")  # the bookmarks
            await wait_for(pilot, lambda a=app, s=main: a.screen is not s, what="the bookmarks")
            assert app.index_ready
            assert updates == []  # a stat of every file told that nothing changed


async def test_a_file_edited_in_place_is_indexed_at_start(corpus: Path) -> None:
    path = corpus / "2.txt"
    before = path.stat()
    write_article(corpus, "2.txt", "Mango season", "Now about Quentin Blake in Paris.")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000))
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        result = app.library.search("quentin")
        assert [h.title for h in result.hits] == ["Mango season"]


async def test_a_changed_folder_is_read_first_as_before(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_article(corpus, "new.txt", "Aardvark news", "A new one.")
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        assert main.article is not None and main.article.title == "Aardvark news"
        assert len(main.article_list.articles) == len(TITLES) + 1


async def test_once_indexed_the_manifest_is_let_go_and_articles_open_without_it(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 50,000 articles the parsed metadata (the whole manifest) and the look at every
    file are some 60 MB the app kept for nothing: once the list is read and the index in
    step they go, and opening articles, listing and searching do not read them again."""
    from tui.index.folder import IndexFolder

    reads: list[str] = []
    original = IndexFolder.read_meta

    def counted(self: IndexFolder) -> object:
        reads.append("read")
        return original(self)

    monkeypatch.setattr(IndexFolder, "read_meta", counted)
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        library = app.library
        assert reads  # the folder's list was read from it
        await wait_for(
            pilot, lambda: library.index.folder._meta is None, what="the metadata let go"
        )
        assert library.catalog.last_disk == {}
        reads.clear()
        table = main.article_list
        for _ in range(3):
            before = main.article.id
            table.focus()
            await pilot.press("j", "enter")
            await wait_for(pilot, lambda b=before: main.article.id != b, what="the next article")
            assert main.article.id == table.highlighted_id
        assert "Lindqvist" in main.article.body
        await pilot.press("slash", *"oslo")
        await wait_for(
            pilot,
            lambda: bool(getattr(app.screen, "result", None)),
            what="the search's results",
        )
        assert reads == []


async def test_the_indexing_progress_bar_stands_apart_from_its_count(corpus: Path) -> None:
    """While indexing, the status line's bar and its words ("indexing 50/2,225") are
    parted by a space: they ran together ("━━━━╺━━━indexing 1,825/2,225")."""
    from textual.widgets import Label, ProgressBar

    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        status = main.status
        status.indexing = True
        status.progress(50, 2225)
        status.info = "indexing 50/2,225"
        await pilot.pause()
        bar = status.query_one(ProgressBar)
        info = status.query_one("#status-info", Label)
        assert bar.display and bar.region.width > 0
        assert bar.region.right < info.region.x


async def test_no_full_progress_bar_shows_before_the_index_is_ready(corpus: Path) -> None:
    """Once every article is read the index is still being saved (a second or more at
    BBC): the bar stood full beside "saving the index…", then vanished with "index
    ready", and the next build began with that full bar beside "indexing…". It pulses
    instead while nothing can be counted, and is gone once the index is ready."""
    from textual.widgets import ProgressBar

    from tui.app import messages as m

    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        status, bar = main.status, main.status.query_one(ProgressBar)
        status.indexing = True
        main.post_message(m.IndexProgress(3, 5))
        await wait_for(pilot, lambda: status.info == "indexing 3/5")
        assert bar.display and bar.percentage == 0.6
        main.post_message(m.IndexProgress(5, 5))
        await wait_for(pilot, lambda: status.info == "saving the index…")
        assert bar.display and bar.percentage is None  # pulsing, not full
        main.post_message(m.IndexFinished(""))
        await wait_for(pilot, lambda: status.info == "index ready")
        assert not bar.display
        status.progress(4, 5)  # a build cut short by the next left its bar at 80%
        main.feed.start_indexing()  # the next: nothing of it is counted yet
        assert bar.display and bar.percentage is None
        await ready(pilot)


async def test_a_build_cancelled_by_the_next_does_not_end_it(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rebuild index twice in a row (the palette, or two corrections): the first build,
    cancelled by the second, still ended, and its end was taken for the second's: the
    status line said "index ready" beside the second's count ("indexing 25/91", no bar),
    or, as a cancelled build stops with an error, that the index could not be built."""
    from textual.widgets import ProgressBar

    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        release = threading.Event()
        real = app.library.rebuild_index

        def held(*, progress, cancelled, **phases):  # noqa: ANN001, ANN003, ANN202
            release.wait(10)
            if cancelled():  # what the build does when told to stop
                raise InterruptedError("the build was cancelled")
            # (phases: what a full build tells as it goes, tui.library.naming)
            return real(progress=progress, cancelled=cancelled, **phases)

        monkeypatch.setattr(app.library, "rebuild_index", held)
        main.feed.rebuild_index()
        await pilot.pause()
        main.feed.rebuild_index()  # the first is cancelled
        await pilot.pause()
        release.set()
        await ready(pilot)
        assert main.status.info == "index ready"
        assert not main.status.query_one(ProgressBar).display
        assert app.index_problem is None
        assert not any("could not be built" in n for n in app.live_notices())
        finished = [w for w in app.workers if w.group == "index"]
        assert all(not w.is_running for w in finished)


async def test_indexing_says_how_many_before_the_first_is_done(corpus: Path) -> None:
    """The first articles take longest (the entity model loads): the status line stood
    at 'indexing 0/5' for seconds, which reads as stuck; it says what it is indexing."""
    from tui.app import messages as m

    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        main.post_message(m.IndexProgress(0, 5))
        await wait_for(pilot, lambda: main.status.info == "indexing 5 articles…")
        main.post_message(m.IndexProgress(2, 5))
        await wait_for(pilot, lambda: main.status.info == "indexing 2/5")


async def test_the_first_article_at_launch_shows_its_bookmarks(corpus: Path) -> None:
    """The first article, shown from the list's first rows before the folder is read,
    came without its bookmarks: no mark in the reader, no note, until another article
    was opened and this one again."""
    lib = Library.open(corpus)
    first = lib.article(next(a.id for a in lib.scan().articles if a.title == "'Apple' harvest"))
    lib.bookmarks.restore_many([make_bookmark(first, 0, 15, note="kept")])
    lib.close()
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        assert main.article is not None and main.article.id == first.id  # the premise
        await wait_for(pilot, lambda: bool(main.reader.bookmarks), what="its bookmark's mark")
        assert [b.note for b in main.reader.bookmarks] == ["kept"]


async def test_while_the_folder_is_read_the_keys_that_need_an_article_wait(
    seeds_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ "Reading the corpus…" with no article listed yet: the key bar offered s, f, e, r
    and f said "Open an article first (Enter in the list)" over an empty list. They are
    left out until the list comes, and f says the folder is being read."""
    from tui.app.widgets.key_bar import KeyBar

    release, scans = held_scan(monkeypatch)
    # A folder never indexed shows its first file's article before it is read: here
    # none of its first files can be read alone (exports, feeds, unreadable files).
    monkeypatch.setattr(Library, "first_article", lambda self: None)
    app = make_app(seeds_copy)
    try:
        async with app.run_test(size=SIZE, message_hook=(messages := Messages())) as pilot:
            main = app.main_screen()
            assert main is not None
            await wait_for(pilot, lambda: bool(scans), what="the folder's scan")
            bar = main.query_one(KeyBar)
            offered = lambda: {key.description for key in bar.keys}  # noqa: E731
            await wait_for(pilot, lambda: "Search" in offered(), what="the key bar")
            assert not {"Find", "Entities", "Raw", "Sort"} & offered(), offered()
            await pilot.press("f")
            await notified(pilot, "still being read", messages=messages)
            release.set()
            await ready(pilot)
            await wait_for(pilot, lambda: {"Find", "Entities", "Raw", "Sort"} <= offered())
    finally:
        release.set()


def painted_and_asked(app: Any, painted: Any, asked: str, about: object) -> list[str]:
    """What happened, in order: "painted" at each frame sent to the terminal where
    ``painted()`` holds, and ``asked`` at each call of the app's worker of that name
    about ``about`` (its last argument)."""
    events: list[str] = []
    display = app._display  # noqa: SLF001 - each frame sent to the terminal

    def record_display(screen: Any, renderable: Any) -> None:
        display(screen, renderable)
        if renderable is not None and painted():
            events.append("painted")

    worker = getattr(app, asked)

    def record_worker(*args: Any, **kwargs: Any) -> Any:
        if args[-1] == about:
            events.append(asked)
        return worker(*args, **kwargs)

    app._display = record_display  # noqa: SLF001
    setattr(app, asked, record_worker)
    return events


async def test_the_first_article_is_painted_before_its_entities_are_asked_for(
    corpus: Path,
) -> None:
    """Issue 13: the worker finding the first article's entities (loading the tagger,
    reading the index's metadata: 0.2 s of CPU at 50,000 articles) started as the
    article was shown, and held up its paint (the interpreter's lock going back and
    forth), more so with another process busy on the CPUs. It starts once it is painted."""
    lib = Library.open(corpus)
    first = next(a.id for a in lib.scan().articles if a.title == "'Apple' harvest")
    lib.close()
    app = make_app(corpus)

    def article_shown() -> bool:
        main = app.main_screen()
        return main is not None and main.article_id == first

    events = painted_and_asked(app, article_shown, "load_entities", first)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        assert main.article_id == first  # the premise: the first row's, from the head
        await wait_for(pilot, lambda: bool(main.reader.mentions), what="its entities")
    assert "load_entities" in events and "painted" in events, events
    assert events.index("painted") < events.index("load_entities"), events


async def test_an_opened_article_is_painted_before_its_bookmarks_are_asked_for(
    corpus: Path,
) -> None:
    """Issue 13: the worker reading an opened article's bookmarks started as the article
    was shown, and took turns at the interpreter's lock with its paint (with another
    process busy on the CPUs, the paint waited for that worker to get a CPU back)."""
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        other = next(a for a in main.summaries if a != main.article_id)
        events = painted_and_asked(
            app, lambda: main.article_id == other, "load_article_bookmarks", other
        )
        main.reading.open(other, take_focus=True)
        await wait_for(pilot, lambda: "load_article_bookmarks" in events, what="its bookmarks")
    assert "painted" in events, events
    assert events.index("painted") < events.index("load_article_bookmarks"), events
