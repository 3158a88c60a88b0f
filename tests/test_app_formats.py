"""Pilot tests: a corpus of saved web pages and a feed; add from URL; correct an article."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input, Label

from tests.app_helpers import (
    SIZE,
    Messages,
    make_app,
    notified,
    palette_offers,
    ready,
    settle,
    wait_for,
)
from tests.web_server import WEB, serve
from tui.app.widgets.article_dialogs import AddUrlDialog, CorrectionDialog
from tui.app.widgets.article_list import ArticleList

EXPORTS = Path(__file__).parent / "fixtures" / "exports"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "pages"
    folder.mkdir()
    shutil.copy(WEB / "harbour-pier.html", folder / "pier.html")
    shutil.copy(WEB / "bahn-strecke.html", folder / "bahn.html")
    shutil.copy(EXPORTS / "county.rss", folder / "county.rss")
    return folder


@pytest.fixture
def site() -> Iterator[str]:
    with serve() as (base, _requests):
        yield base


async def _open(pilot, screen, title: str) -> None:  # type: ignore[no-untyped-def]
    table = screen.query_one(ArticleList)
    target = next(a for a in table.articles if a.title == title)
    screen.reading.open(target.id)
    await wait_for(pilot, lambda: getattr(screen.article, "id", None) == target.id)
    await settle(pilot)


async def _dialog(pilot, kind: type) -> None:  # type: ignore[no-untyped-def]
    """Wait until a dialog of ``kind`` is up with its text boxes (one has the focus)."""
    from textual.widgets import Input

    app = pilot.app
    await wait_for(
        pilot,
        lambda: isinstance(app.screen, kind) and isinstance(app.focused, Input),
        what=f"the {kind.__name__}",
    )


async def test_an_html_corpus_shows_the_extracted_article(corpus: Path) -> None:
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        titles = [a.title for a in screen.query_one(ArticleList).articles]
        assert "Storm-hit pier closed for the winter" in titles
        assert "Flood defences finished a year early" in titles  # a feed entry
        assert "pier" not in titles  # never the file's name
        await _open(pilot, screen, "Storm-hit pier closed for the winter")
        text = screen.reader.text
        assert text.startswith("Storm-hit pier closed for the winter")
        assert "The Porthaven Courier · 2019-11-20 · Mara Quinlan" in text
        assert "The harbour authority closed the Victorian pier" in text
        assert "Divers to survey the columns" in text
        for cruft in ("We use cookies", "Share on Facebook", "Privacy Policy", "Skip to content"):
            assert cruft not in text
        await pilot.press("r")  # the whole page, to see what was left out
        await wait_for(pilot, lambda: "We use cookies" in screen.reader.text)
        assert "The whole page as text" in screen.reader.text
        await pilot.press("r")
        await wait_for(pilot, lambda: "We use cookies" not in screen.reader.text)


async def test_the_list_takes_the_extracted_titles_once_indexed(corpus: Path) -> None:
    paragraph = "<p>The ferry company said the new timetable would start in the spring. </p>"
    (corpus / "untitled.html").write_text(
        "<html><body><h1>Ferry timetable changes in spring</h1>" + paragraph * 6 + "</body></html>"
    )
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        table = screen.query_one(ArticleList)
        # listed by its file name until indexed (no <title> in its head), then by its headline
        await wait_for(
            pilot, lambda: "Ferry timetable changes in spring" in [a.title for a in table.articles]
        )
        assert "untitled" not in [a.title for a in table.articles]


async def test_add_article_from_url(corpus: Path, site: str) -> None:
    app = make_app(corpus)
    messages = Messages()  # the toast of 4 s, even if the scan after it outlasts it
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        screen = await ready(pilot)
        before = screen.query_one(ArticleList).row_count
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"add article")
        await palette_offers(pilot, "Add article from URL")
        await pilot.press("enter")
        await _dialog(pilot, AddUrlDialog)
        await pilot.press(*f"{site}/fr/marche-no-meta")
        await pilot.press("enter")
        # Saved (a toast of 4 s), then the list is read again and the new article opens.
        await notified(pilot, "Saved le-marche-couvert", timeout=20, messages=messages)
        title = "Le marché couvert rouvre ses portes après deux ans de travaux"
        await wait_for(pilot, lambda: getattr(screen.article, "title", "") == title, timeout=20)
        assert screen.query_one(ArticleList).row_count == before + 1
        assert (
            corpus / "le-marche-couvert-rouvre-ses-portes-apres-deux-ans-de-travaux.html"
        ).is_file()
        await wait_for(pilot, lambda: "Après deux ans de chantier" in screen.reader.text)
        await wait_for(pilot, lambda: app.index_ready, timeout=20)
        assert app.library.search("fromagère").total == 1  # indexed


def _said(dialog: AddUrlDialog) -> str:
    return str(dialog.query_one("#add-url-status", Label).render())


async def test_add_from_url_says_why_it_failed(corpus: Path, site: str) -> None:
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.edits.ask_add_url()
        await _dialog(pilot, AddUrlDialog)
        dialog = app.screen
        await pilot.press(*f"{site}/report.pdf", "enter")
        await wait_for(pilot, lambda: "not an HTML page (application/pdf)" in _said(dialog))
        assert sorted(p.name for p in corpus.iterdir()) == ["bahn.html", "county.rss", "pier.html"]


async def test_add_from_url_fails_in_the_dialog_where_the_address_can_be_mended(
    corpus: Path, site: str
) -> None:
    """The dialog closed before the fetch: a failure was a toast, and the address had to
    be typed again. It stays open while the page comes, says there why it failed, keeps
    the address; mended, Enter adds the page, and the new article is opened."""
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.edits.ask_add_url()
        await _dialog(pilot, AddUrlDialog)
        dialog = app.screen
        assert isinstance(dialog, AddUrlDialog)
        await pilot.press(*f"{site}/news/pear", "enter")
        await wait_for(pilot, lambda: "404 Not Found" in _said(dialog))
        assert app.screen is dialog and dialog.fetching is None
        box = dialog.query_one(Input)
        assert box.value == f"{site}/news/pear" and app.focused is box
        box.value = f"{site}/news/pier"
        await wait_for(pilot, lambda: _said(dialog) == "", what="mending to clear the failure")
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen, what="the dialog closed")
        title = "Storm-hit pier closed for the winter"
        await wait_for(pilot, lambda: getattr(screen.article, "title", "") == title, timeout=20)
        assert len([p for p in corpus.iterdir() if "storm-hit-pier" in p.name]) == 1


async def test_esc_while_a_page_is_fetched_cancels_it(corpus: Path, site: str) -> None:
    """Esc while the page comes closes the dialog, and the page is not saved when it
    arrives."""
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.edits.ask_add_url()
        await _dialog(pilot, AddUrlDialog)
        dialog = app.screen
        await pilot.press(*f"{site}/slow", "enter")  # answers after 2 s
        assert isinstance(dialog, AddUrlDialog) and dialog.fetching  # busy, still open
        assert dialog.query_one("#add-url-busy").display and "Fetching" in _said(dialog)
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, what="the dialog closed")
        await wait_for(
            pilot,
            lambda: not [w for w in app.workers if w.group == "clip" and w.is_running],
            timeout=10,
            what="the fetch's end",
        )
        await settle(pilot)
        assert sorted(p.name for p in corpus.iterdir()) == ["bahn.html", "county.rss", "pier.html"]


async def test_a_second_enter_while_a_page_is_fetched_does_not_start_it_again(
    corpus: Path, site: str
) -> None:
    """Enter again while the page came fetched it anew: the worker is exclusive, so the
    first fetch was cancelled, the page nearly come dropped. The fetch under way goes
    on, the dialog says so, and the page is saved once."""
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.edits.ask_add_url()
        await _dialog(pilot, AddUrlDialog)
        dialog = app.screen
        assert isinstance(dialog, AddUrlDialog)
        await pilot.press(*f"{site}/slow", "enter")  # answers after 2 s
        first = [w for w in app.workers if w.group == "clip"]
        assert len(first) == 1 and dialog.fetching
        await pilot.press("enter")
        for _ in range(3):  # (not settle: it waits for the fetch to end)
            await pilot.pause(0.05)
        assert not first[0].is_cancelled and first[0].is_running
        assert [w for w in app.workers if w.group == "clip"] == first  # none started
        assert "Still fetching" in _said(dialog) and dialog.query_one("#add-url-busy").display
        await wait_for(pilot, lambda: app.screen is screen, timeout=20, what="the page saved")
        title = "Storm-hit pier closed for the winter"
        await wait_for(pilot, lambda: getattr(screen.article, "title", "") == title, timeout=20)
        assert len([p for p in corpus.iterdir() if "storm-hit-pier" in p.name]) == 1


async def test_a_correction_during_a_build_leaves_the_build_its_status(corpus: Path) -> None:
    """M while the index updates (the folder changed): "Correction kept" set the status
    line to "index ready", beside the build's progress bar, until the build's next count."""
    from textual.widgets import ProgressBar

    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await _open(pilot, screen, "Bahnstrecke nach Erlenbach wird zwei Monate gesperrt")
        status = screen.status
        app.index_ready, status.indexing = False, True  # a build under way, as start_indexing
        status.progress(3, 5)
        status.info = "indexing 3/5"
        screen.reader.focus()
        await pilot.press("M")
        await _dialog(pilot, CorrectionDialog)
        app.screen.query_one("#correct-byline").value = "Lena Vogt"
        await pilot.press("enter")
        await notified(pilot, "Correction kept")
        await settle(pilot)
        assert status.query_one(ProgressBar).display
        assert status.info == "indexing 3/5"
        app.index_ready, status.indexing = True, False


async def test_m_corrects_the_title_and_date(corpus: Path) -> None:
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await _open(pilot, screen, "Bahnstrecke nach Erlenbach wird zwei Monate gesperrt")
        screen.reader.focus()
        await pilot.press("M")
        await _dialog(pilot, CorrectionDialog)
        dialog = app.screen
        labels = [str(label.render()) for label in dialog.query(".dialog-label")]
        # The date's form, not another date beside the article's own (2021-03-08).
        assert "Date (YYYY-MM-DD)" in labels and dialog.query_one("#correct-date").value
        title = dialog.query_one("#correct-title")
        assert title.value == "Bahnstrecke nach Erlenbach wird zwei Monate gesperrt"
        title.value = "Strecke nach Erlenbach gesperrt"
        dialog.query_one("#correct-byline").value = "Lena Vogt"
        await pilot.press("enter")
        await notified(pilot, "Correction kept")
        await wait_for(
            pilot, lambda: screen.reader.text.startswith("Strecke nach Erlenbach gesperrt")
        )
        assert "Taunusbote · 2021-03-08 · Lena Vogt" in screen.reader.text
        titles = [a.title for a in screen.query_one(ArticleList).articles]
        assert "Strecke nach Erlenbach gesperrt" in titles
        assert app.library.search("title:strecke").total == 1
        assert "Bahnstrecke nach Erlenbach" in (corpus / "bahn.html").read_text()


async def test_a_bad_date_is_refused_in_the_dialog(corpus: Path) -> None:
    """Said under the fields (a toast covered the dialog's lower part), and mending the
    date takes it away."""
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.action_correct()
        await _dialog(pilot, CorrectionDialog)
        dialog = app.screen
        dialog.query_one("#correct-date").value = "next week"
        await pilot.press("enter")
        said = dialog.query_one("#dialog-says", Label)
        await wait_for(pilot, lambda: "is not a date" in str(said.render()))
        assert said.display and app.focused is dialog.query_one("#correct-date")
        assert isinstance(app.screen, CorrectionDialog)  # still open, nothing kept
        assert not [n for n in app.live_notices() if "is not a date" in n]
        await pilot.press("backspace")
        await pilot.pause()
        assert not said.display
        await pilot.press("escape")
        await settle(pilot)
        assert app.library.bookmarks.corrections.all() == {}


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
async def test_no_toast_covers_a_dialog(corpus: Path, size: tuple[int, int]) -> None:
    """The 8 s toast "1 skipped while reading the folder" covered the correction
    dialog's last field and its keys at 80x24. Toasts showing when a dialog opens are
    taken down, those raised meanwhile wait; both show when it closes."""
    from textual.widgets._toast import Toast

    (corpus / "photo.txt").write_bytes(bytes(range(256)) * 8)  # skipped: a toast
    app = make_app(corpus)
    async with app.run_test(size=size, notifications=True) as pilot:  # toasts drawn
        screen = await ready(pilot)
        await notified(pilot, "skipped while reading the folder")
        await _open(pilot, screen, "Storm-hit pier closed for the winter")
        await pilot.press("M")
        await _dialog(pilot, CorrectionDialog)
        app.notify("Raised while the dialog is open", markup=False)
        for _ in range(3):  # (not settle: the first toast's 8 s could pass meanwhile)
            await pilot.pause(0.1)
        dialog = app.screen
        box = dialog.query_one("#correction-dialog").region
        over = [t for t in dialog.query(Toast) if t.region.overlaps(box)]
        assert not over, [str(t.render()) for t in over]
        under = [t for s in app.screen_stack[:-1] for t in s.query(Toast)]
        assert not under, [str(t.render()) for t in under]  # none left drawn behind it
        assert not [n for n in app.live_notices() if "skipped" in n or "Raised" in n]
        await pilot.press("escape")
        await notified(pilot, "skipped while reading the folder")
        await notified(pilot, "Raised while the dialog is open")


async def test_a_bad_address_is_quoted_in_the_failure(corpus: Path) -> None:
    """'Could not add not a url: not a web address': the address typed is quoted, so
    the sentence reads."""
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        screen.edits.ask_add_url()
        await _dialog(pilot, AddUrlDialog)
        dialog = app.screen
        await pilot.press(*"not a url", "enter")
        await wait_for(
            pilot, lambda: "Could not add “not a url”: not a web address" in _said(dialog)
        )


async def test_a_saved_page_indexed_while_open_is_not_said_to_have_changed(tmp_path: Path) -> None:
    """The open article is read again after each index update, and shown anew only if its
    file changed: a saved page's language is the page's ("en-GB") until it is indexed,
    the index's ("en") after, and the status line said the file had changed."""
    from tui.app.screens.reading import EDITED_NOTE

    folder = tmp_path / "page"
    folder.mkdir()
    shutil.copy(WEB / "harbour-pier.html", folder / "pier.html")
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        shown = screen.article
        assert shown.language == "en-GB"  # the page's, before the index had it
        await settle(pilot)
        assert app.library.article(shown.id).language == "en"
        assert screen.article is shown
        assert EDITED_NOTE not in str(screen.status.query_one("#status-message").render())


@pytest.mark.parametrize("size", [(80, 24), (120, 36)], ids=["80x24", "120x36"])
async def test_the_correction_dialog_fits_a_small_terminal_whole(
    corpus: Path, size: tuple[int, int]
) -> None:
    """At 80x24 the correction dialog (M) took 28 rows: it ran off the screen, the byline
    field cut, its border and its keys (Enter saves · Esc cancels) out of sight. On a
    short screen a dialog leaves out its blank rows: every field shows, nothing scrolls."""
    from textual.widgets import Input

    app = make_app(corpus)
    async with app.run_test(size=size) as pilot:
        screen = await ready(pilot)
        await _open(pilot, screen, "Storm-hit pier closed for the winter")
        await pilot.press("M")
        await _dialog(pilot, CorrectionDialog)
        await settle(pilot)
        box = app.screen.query_one("#correction-dialog")
        assert box.region.y >= 0 and box.region.bottom <= size[1], box.region
        assert box.max_scroll_y == 0  # whole, not scrolled
        for field in app.screen.query(Input):
            assert box.content_region.contains_region(field.region), field.id
        await pilot.press("escape")
