"""The app's first start after a release that changes how articles are cleaned (or a
change of the cleaning rules): the index is made again and listing the folder reads
every file (20 s at 50,000 articles), yet the first article shows at once, from the
rows the last update listed, read and cleaned as it is now; when the list and the new
index land, the reader keeps that article and where it was in it. So too in a folder
never indexed: its first file's article shows while the folder is read."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import tui.cleaning.rules
from tests.app_helpers import SIZE, held_scan, indexed_earlier, make_app, ready, wait_for
from tests.conftest import write_article
from tui import freshness
from tui.library import Library, derived, head
from tui.library.ordering import in_order
from tui.library.prepare import rules_of

TITLES = ["Zebra crossing", "'Apple' harvest", "Mango season", "banana prices", "Cherry blossom"]
#: Enough paragraphs for the reader to scroll (120 x 36).
LONG = [f"Paragraph {n} of the harvest: Anna Lindqvist spoke in Oslo." for n in range(60)]


@pytest.fixture
def corpus(tmp_path: Path, hermetic_dirs: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A corpus indexed by an earlier release, its files unchanged since."""
    monkeypatch.setattr(head, "ROWS", 2)
    folder = tmp_path / "news"
    for n, title in enumerate(TITLES):
        body = LONG if title == "'Apple' harvest" else [f"{title}: a short one."]
        write_article(folder, f"{n}.txt", title, *body)
    return indexed_earlier(folder)


def upgrade(monkeypatch: pytest.MonkeyPatch) -> None:
    """A new release: Dossier's files changed, and so did its cleaner's version."""
    freshness.code_stamp.cache_clear()
    monkeypatch.setattr(freshness, "code_stamp", lambda: "a later release")
    monkeypatch.setattr(derived, "code_stamp", lambda: "a later release")
    monkeypatch.setattr(tui.cleaning.rules, "CLEANER_VERSION", "a later cleaner")


def test_after_an_upgrade_the_rows_listed_before_are_known_but_not_as_fresh(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    upgrade(monkeypatch)
    lib = Library.open(corpus)
    assert lib.head() is None  # the index is not as this release makes it
    rows = lib.head(files_only=True)
    assert rows is not None
    assert [r.title for r in rows.rows] == ["'Apple' harvest", "banana prices"]
    assert "Paragraph 59" in lib.article(rows.rows[0].id).body  # read from its file now


def test_a_file_added_leaves_no_rows_to_show_even_after_an_upgrade(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows kept are those of the folder as it was: not shown once a file came."""
    upgrade(monkeypatch)
    write_article(corpus, "new.txt", "Aardvark news", "A new one.")
    assert Library.open(corpus).head(files_only=True) is None


async def test_after_an_upgrade_the_first_article_shows_before_the_folder_is_read(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    upgrade(monkeypatch)
    release, scans = held_scan(monkeypatch)
    app = make_app(corpus)
    try:
        async with app.run_test(size=SIZE) as pilot:
            main = app.main_screen()
            assert main is not None
            await wait_for(pilot, lambda: main.article is not None, what="the first article")
            assert main.article.title == "'Apple' harvest"
            assert "Paragraph 59" in main.article.body
            table = main.article_list
            assert [a.title for a in table.articles] == ["'Apple' harvest", "banana prices"]
            assert str(table.border_title) == f"Articles ({len(TITLES)})"
            # The user reads on while the folder is read and the index made again.
            main.reader.focus()
            main.reader.scroll_to(y=12, animate=False, immediate=True)
            await pilot.pause()
            assert main.reader.scroll_y == 12
            await wait_for(pilot, lambda: bool(scans), what="the folder's scan")
            release.set()
            main = await ready(pilot)
            listed = Library.open(corpus).scan().articles
            assert [a.title for a in table.articles] == [a.title for a in in_order(listed, "title")]
            # The same article, where the user was in it, the focus where it was.
            assert main.article.title == "'Apple' harvest"
            assert table.highlighted_id == main.article.id
            assert main.reader.scroll_y == 12
            assert app.focused is main.reader
            # The index was made again, with this release's cleaner.
            catalog = Library.open(corpus).catalog
            rules = rules_of(str(catalog.config_dir))
            assert catalog.load_manifest()["cleaner"] == rules.fingerprint
    finally:
        release.set()


async def test_a_folder_never_indexed_shows_an_article_before_it_is_read(
    tmp_path: Path, hermetic_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "new"
    for n, title in enumerate(TITLES):
        write_article(folder, f"{n}.txt", title, f"{title}: Anna Lindqvist spoke in Oslo.")
    release, scans = held_scan(monkeypatch)
    app = make_app(folder)
    try:
        async with app.run_test(size=SIZE) as pilot:
            main = app.main_screen()
            assert main is not None
            await wait_for(pilot, lambda: main.article is not None, what="an article")
            assert main.article.title == "Zebra crossing"  # 0.txt, the first file
            table = main.article_list
            assert [a.title for a in table.articles] == ["Zebra crossing"]
            await wait_for(pilot, lambda: bool(scans), what="the folder's scan")
            release.set()
            main = await ready(pilot)
            assert len(table.articles) == len(TITLES)
            assert main.article.title == "Zebra crossing"  # the list came: the same article
            assert table.highlighted_id == main.article.id
    finally:
        release.set()


#: A line every page of the made-up "Quayside Courier" ends with: learned as boilerplate.
COURIER = "The Quayside Courier is printed on recycled paper every Thursday."


async def test_after_an_upgrade_an_article_cleaned_otherwise_is_not_said_to_have_changed(
    tmp_path: Path, hermetic_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The release learns a source's boilerplate otherwise: the article shown at once
    (cleaned with the lines learned before) reads otherwise once the index is made
    again. Its file did not change: the status line said it did; it says the truth."""
    from tui.app.screens import reading
    from tui.app.widgets.status_bar import StatusBar
    from tui.cleaning import learn

    monkeypatch.setattr(head, "ROWS", 2)
    folder = tmp_path / "courier"
    for n in range(4):
        write_article(
            folder,
            f"quay/{n}.txt",
            f"Ferry timetable {n} changes",
            "Advertisement",  # a page's cruft: the folder's pages are scraped ones
            f"The harbour board moved the ferry on route {n} to an earlier hour.",
            COURIER,
        )
    indexed_earlier(folder)
    assert COURIER not in Library.open(folder).article("quay/0.txt").body  # learned
    upgrade(monkeypatch)
    monkeypatch.setattr(learn, "MIN_ARTICLES", 10)  # this release wants more pages
    said: list[str] = []
    flash = StatusBar.flash

    def recorded(self: StatusBar, text: str, *args: object, **kwargs: object) -> None:
        said.append(text)
        flash(self, text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(StatusBar, "flash", recorded)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        main = app.main_screen()
        assert main is not None
        await wait_for(pilot, lambda: main.article is not None, what="the first article")
        shown = main.article
        assert COURIER not in shown.body  # cleaned with the lines learned before
        main = await ready(pilot)
        await wait_for(pilot, lambda: COURIER in main.article.body, what="the new cleaning")
        assert main.article.id == shown.id
        assert reading.EDITED_NOTE not in said
        assert reading.CLEANED_NOTE in said  # why the text moved


async def test_while_a_folder_never_indexed_is_read_the_status_line_says_how_far(
    tmp_path: Path, hermetic_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One row listed for seconds (10,000 files: 10-20 s on a busy machine) and the status
    line said the folder's count as if the list were whole: it says how far the scan is,
    then the count once the list is whole."""
    from tui.app import workers
    from tui.app.screens.feed import CorpusFeed
    from tui.library import catalog

    folder = tmp_path / "new"
    for n, title in enumerate(TITLES):
        write_article(folder, f"{n}.txt", title, f"{title}: Anna Lindqvist spoke in Oslo.")
    monkeypatch.setattr(catalog, "SCAN_STEP", 1)
    monkeypatch.setattr(workers, "SCAN_PROGRESS_EVERY", 0.0)
    said: list[str] = []
    progress = CorpusFeed.scan_progress

    def recorded(self: CorpusFeed, done: int, total: int) -> None:
        progress(self, done, total)
        said.append(self.screen.status.message)

    monkeypatch.setattr(CorpusFeed, "scan_progress", recorded)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        # (a burst of them collapses into the latest one)
        assert said and re.fullmatch(
            rf"new: reading the folder, [1-4] of {len(TITLES)} files…", said[0]
        )
        assert main.status.message == f"new: {len(TITLES)} articles"


async def test_a_saved_page_read_with_a_new_extractor_is_not_said_to_have_changed(
    tmp_path: Path, hermetic_dirs: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A release with a new extractor reads a saved page otherwise: its article and its
    page text (the raw view's) are new, its file is as it was. The open page, read
    again after the index, was said to have changed ("The open article's file
    changed"): a page's text is no measure of its file; its content is."""
    import dataclasses
    import shutil

    import tui.formats.html
    import tui.formats.pagetext
    from tui.app.screens import reading
    from tui.app.widgets.status_bar import StatusBar

    folder = tmp_path / "pages"
    folder.mkdir()
    web = Path(__file__).parent / "fixtures" / "web"
    for name in ("harbour-pier.html", "marche-couvert.html"):
        shutil.copy(web / name, folder / name)
    indexed_earlier(folder)
    said: list[str] = []
    flash = StatusBar.flash

    def recorded(self: StatusBar, text: str, *args: object, **kwargs: object) -> None:
        said.append(text)
        flash(self, text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(StatusBar, "flash", recorded)
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        shown = main.article
        assert shown is not None and shown.format == "html"
        extract, page_text = tui.formats.html.extract_page, tui.formats.pagetext.page_text
        added = "A paragraph the new extractor finds."

        def extract_anew(text: str, **kwargs: object):  # type: ignore[no-untyped-def]
            page = extract(text, **kwargs)  # type: ignore[arg-type]
            return dataclasses.replace(page, body=page.body + "\n\n" + added)

        monkeypatch.setattr(tui.formats.html, "extract_page", extract_anew)
        monkeypatch.setattr(tui.formats.html, "extractor_key", lambda: "a later extractor")
        monkeypatch.setattr(tui.formats.pagetext, "page_text", lambda t: page_text(t) + "\n.")
        main.feed.rebuild_index()
        await wait_for(pilot, lambda: added in main.article.body, what="the new extraction")
        assert main.article.id == shown.id
        assert reading.EDITED_NOTE not in said
        assert reading.CLEANED_NOTE in said
        # The page's file edited: that is said, as for any file.
        path = folder / shown.path
        edit = "Harbour wardens counted eleven herons on the breakwater at noon."
        path.write_bytes(path.read_bytes().replace(b"</p>", f" {edit}</p>".encode(), 1))
        await wait_for(pilot, lambda: edit in main.article.body, timeout=20, what="the edit")
        assert said[-1] == reading.EDITED_NOTE


@pytest.mark.parametrize("hashes", [("", ""), (None, None), ("", "c0ffee"), (None, "c0ffee")])
def test_a_page_edited_before_its_file_is_hashed_is_said_to_have_changed(hashes) -> None:
    """Review of 2f5051c: a page listed before the index hashed it has the hash ""
    (Entry.listed), and "" == "" said "only its cleaning changed" of a page whose file
    was edited; a hash not known on one side is no measure: the text is compared."""
    from tui.app.screens.reading import _same_file
    from tui.articles import Article

    def page(raw: str) -> Article:
        return Article("p1", "p.html", "Pier", raw.upper(), raw, format="html")

    assert not _same_file(page("the pier opens"), page("the pier shuts"), *hashes)
    assert _same_file(page("the pier opens"), page("the pier opens"), *hashes)
    assert _same_file(page("read once"), page("read anew"), "c0ffee", "c0ffee")
    assert not _same_file(page("same text"), page("same text"), "c0ffee", "decade")
