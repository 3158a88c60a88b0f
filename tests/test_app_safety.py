"""Article text is data: markup and escape sequences show literally. Empty and bad corpora."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

from textual.widgets import Label

from tests.app_helpers import (
    SIZE,
    Messages,
    drawn_rows,
    make_app,
    notified,
    ready,
    settle,
    wait_for,
)
from tui.app.safe import visible
from tui.app.widgets.article_list import ArticleList

NASTY_TITLE = "[bold red]Alert[/] \x1b[31mred\x1b[0m [link=http://x]click[/link]"
NASTY_BODY = (
    "The [bold red]council[/bold red] met in [link=https://evil.example]Paris[/link] today.",
    "Escape \x1b[2J\x1b[31mstill here\x1b[0m and a bell \x07 and [/] stray close tag.",
)


def _nasty_corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "nasty"
    corpus.mkdir()
    text = NASTY_TITLE + "\n\n" + "\n\n".join(NASTY_BODY) + "\n"
    (corpus / "nasty.txt").write_text(text, encoding="utf-8")
    return corpus


def test_visible_keeps_length_and_drops_control_characters() -> None:
    text = "a\x1b[31mb\x07c\x9bd\u202ee\tf"
    shown = visible(text)
    assert len(shown) == len(text)
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) < 0xA0 for ch in shown)
    assert "\u202e" not in shown
    assert "[31m" in shown


async def test_markup_and_escapes_in_an_article_show_literally(tmp_path: Path) -> None:
    app = make_app(_nasty_corpus(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        shown = main.reader.text
        assert "[bold red]council[/bold red]" in shown
        assert "[link=https://evil.example]Paris[/link]" in shown
        assert "\x1b" not in shown and "\x07" not in shown
        assert "\u241b[2J\u241b[31mstill here" in shown  # ␛ shown in place of ESC
        rendered = [
            seg for y in range(main.reader.size.height) for seg in main.reader.render_line(y)
        ]
        assert not any("\x1b" in seg.text for seg in rendered)
        assert not any(seg.style and seg.style.link for seg in rendered)
        # The list shows the title literally too.
        table = main.query_one(ArticleList)
        title_cell = table.cells(0)[1]
        assert title_cell.startswith("[bold red]Alert[/]")
        drawn = [seg for y in range(1, 3) for seg in table.render_line(y)]
        assert not any("\x1b" in seg.text for seg in drawn)
        assert not any(seg.style and seg.style.link for seg in drawn)
        # Raw mode as well.
        await pilot.press("r")
        assert "\x1b" not in main.reader.text
        assert "[bold red]council" in main.reader.text
        # Search snippets and notifications.
        await pilot.press("r", "slash")
        await pilot.press(*"council")
        await wait_for(pilot, lambda: app.screen.shown_query == "council")
        rows = drawn_rows(app.screen.query_one("#search-results"))
        shown = " ".join(text.strip() for text, _ in rows)
        assert "[bold red]council[/bold red]" in shown
        assert NASTY_TITLE.split(" ")[0] in shown  # the title too: [bold red]Alert[/]
        pieces = [piece for _, segments in rows for piece in segments]
        assert not any("\x1b" in text for text, _ in pieces)
        assert not any(style and style.link for _, style in pieces)
        await pilot.press("escape")
        app.notify(NASTY_TITLE, markup=False)
        await settle(pilot)


async def test_a_source_with_markup_filters_the_list_and_shows_literally(tmp_path: Path) -> None:
    """The list's border says what its filter keeps, the source's name in it: as a str,
    Textual read it as markup, and a source named "Dai[/] Post" (an export's field)
    stopped the app with MarkupError when the list was filtered by it."""
    import json

    from textual.content import Content

    from tui.app.list_filter import ListFilter

    corpus = tmp_path / "feeds"
    corpus.mkdir()
    records = [
        {
            "title": f"Harbour story {i}",
            "text": f"The harbour of Port Alder closed for {i + 2} days after the storm.",
            "source": "Dai[/] Post [b]" if i % 2 else "Other Post",
            "date": f"2016-02-0{i + 1}",
        }
        for i in range(4)
    ]
    lines = "\n".join(json.dumps(r) for r in records)
    (corpus / "feed.jsonl").write_text(lines + "\n", encoding="utf-8")
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        main.story._filter_chosen(ListFilter("Dai[/] Post [b]"))
        await settle(pilot)
        listed = main.article_list
        assert len(listed.articles) == 2
        shown = Content.from_markup(listed.border_subtitle).plain  # as Textual draws it
        assert "source Dai[/] Post [b] · by date" in shown


async def test_an_empty_folder_says_what_to_do(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(empty)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main_screen()
        await wait_for(pilot, lambda: "No articles in" in main.reader.text)
        # The text is wrapped to the pane, and where depends on the folder's path.
        text = " ".join(main.reader.text.split())
        assert "Put articles in that folder" in text
        assert "web pages" in text and "show up here as they arrive" in text
        assert str(main.query_one(ArticleList).border_title) == "Articles (0)"
        assert str(main.query_one("#status-message", Label).render()) == "No articles"


async def test_in_an_empty_folder_the_article_keys_say_there_are_no_articles(
    tmp_path: Path,
) -> None:
    """f said "Open an article first (Enter in the list)" where there is no list to
    press Enter in; w likewise. They say the folder has no articles."""
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(empty)
    async with app.run_test(size=SIZE) as pilot:
        main = app.main_screen()
        await wait_for(pilot, lambda: main.feed.empty, what="the empty folder")
        await pilot.press("f")
        await notified(pilot, "There are no articles in empty yet")
        await pilot.press("w")
        await wait_for(pilot, lambda: "no articles in empty" in main.status.hint, what="w")


async def test_a_folder_whose_every_file_was_skipped_says_which_and_why(tmp_path: Path) -> None:
    """Every file skipped (too large, a broken link): the reader said "No articles in
    ... Put articles in that folder" once the toast naming them had left, as if the
    folder were empty. It says that none could be read, which file and why."""
    folder = tmp_path / "odd"
    folder.mkdir()
    (folder / "gone story.txt").symlink_to(folder / "nowhere.txt")
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main = app.main_screen()
        await wait_for(pilot, lambda: "could be read" in main.reader.text, what="the message")
        text = " ".join(main.reader.text.split())
        assert "No article could be read in" in text and "(1 file skipped)" in text, text
        assert "gone story.txt: a broken link" in text, text
        assert "Put articles in that folder" not in text


async def test_an_empty_folder_shows_what_to_do_at_80_columns(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(empty)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        main = app.main_screen()
        await wait_for(pilot, lambda: "No articles in" in main.reader.text)
        await pilot.pause()
        # One pane at a time: the reader with the message, not an empty list.
        assert main.query_one("#reader-column").display
        assert not main.article_list.display
        # Search says there is nothing to search, rather than "Indexing…" for ever;
        # at once, not "Type to search" until a word is typed.
        await pilot.press("slash")
        await wait_for(
            pilot,
            lambda: (
                "no articles to search"
                in str(app.screen.query_one("#search-status", Label).render())
            ),
            what="the search screen's first line",
        )
        await pilot.press(*"syria")
        await wait_for(
            pilot,
            lambda: (
                "no articles to search"
                in str(app.screen.query_one("#search-status", Label).render())
            ),
        )


async def test_a_broken_index_is_a_notification_not_a_traceback(seeds_copy: Path) -> None:
    app = make_app(seeds_copy)

    def broken(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        raise RuntimeError("index file is damaged")

    app.library.update_index = broken
    toasts = Messages()  # the toasts of the start, even once they have timed out
    async with app.run_test(size=SIZE, message_hook=toasts) as pilot:
        await settle(pilot)
        main = app.main_screen()
        await wait_for(pilot, lambda: main.article is not None)
        assert not app.index_ready
        assert main.status.info == "search unavailable"
        messages = toasts.toasts()
        assert any("index file is damaged" in msg and "Rebuild index" in msg for msg in messages)
        await pilot.press("slash")
        await pilot.press(*"syria")
        # Not "Indexing…" for ever: why search is off, and what to do.
        label = app.screen.query_one("#search-status", Label)
        await wait_for(pilot, lambda: "unavailable" in str(label.render()), what="the reason")
        status = str(label.render())
        assert "Search is unavailable" in status and "index file is damaged" in status
        assert "ctrl+p → Rebuild index" in status


async def test_a_failing_worker_becomes_a_notification(seeds_copy: Path) -> None:
    app = make_app(seeds_copy)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)

        def boom(article_id: str):  # noqa: ANN202
            raise OSError("disk on fire")

        app.library.entities = boom
        await pilot.press("j", "enter")
        await settle(pilot)
        assert main.article is not None
        messages = [str(n.message) for n in app._notifications]  # noqa: SLF001
        assert any(msg == "Could not find the entities: disk on fire" for msg in messages)


def test_a_bad_path_is_one_line_and_exit_2(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    result = subprocess.run(
        [sys.executable, "-m", "tui", str(missing)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "no such folder" in result.stderr
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tui", "open", str(a_file)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "not a folder" in result.stderr


async def test_the_files_skipped_as_at_the_last_start_are_not_a_toast_again(
    tmp_path: Path,
) -> None:
    """A folder that holds a file Dossier cannot read (a photo named .txt): the toast
    "1 skipped while reading the folder" came for 8 s at every start, for the same file.
    It comes when what is skipped changed since the app last closed; the same again is
    a line of the status line that passes."""
    from tests.app_helpers import notified
    from tests.conftest import write_article
    from tui.library.session import read_session

    folder = tmp_path / "news"
    write_article(folder, "good.txt", "A good article", "Ministers met in Valmora on Monday.")
    (folder / "photo.txt").write_bytes(bytes(range(256)) * 8)

    async def toasts_at_start() -> list[str]:
        messages = Messages()
        app = make_app(folder)
        async with app.run_test(size=SIZE, message_hook=messages) as pilot:
            await ready(pilot)
            await settle(pilot)
            skipped = [t for t in messages.toasts() if "skipped while reading" in t]
            if not skipped:  # the toast may come a moment after the index
                try:
                    await notified(pilot, "skipped while reading", timeout=2, messages=messages)
                except AssertionError:
                    pass
            return [t for t in messages.toasts() if "skipped while reading" in t]

    first = await toasts_at_start()
    assert len(first) == 1 and "photo.txt: not a text file" in first[0], first
    assert read_session(make_app(folder).library.paths.data).skipped is not None
    assert await toasts_at_start() == []  # the same file, said at the last start
    (folder / "scan.txt").write_bytes(bytes(range(256)) * 8)
    third = await toasts_at_start()
    assert len(third) == 1 and "2 skipped while reading the folder" in third[0], third


async def test_skipped_files_are_named_each_on_a_line(tmp_path: Path) -> None:
    """A folder of odd files: the toast said '3 skipped while reading the folder:
    passwd.txt: a link to outside the corpus (/etc/passwd); skipped (and 2 more)', the
    others never named and 'skipped' twice. It names the first three, one a line, and
    counts the rest."""
    from tests.app_helpers import notified
    from tests.conftest import write_article

    folder = tmp_path / "odd"
    write_article(folder, "good.txt", "A good article", "Ministers met in Valmora on Monday.")
    (folder / "a-empty.txt").write_text("", encoding="utf-8")
    (folder / "b-binary.txt").write_bytes(bytes(range(256)) * 8)
    outside = tmp_path / "outside.txt"
    outside.write_text("Outside the corpus.\n", encoding="utf-8")
    (folder / "c-link.txt").symlink_to(outside)
    (folder / "d-empty.txt").write_text("", encoding="utf-8")
    (folder / "e-empty.txt").write_text("", encoding="utf-8")
    messages = Messages()
    app = make_app(folder)
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        await ready(pilot)
        await notified(pilot, "skipped while reading the folder", messages=messages)
        toast = next(t for t in messages.toasts() if "skipped while reading" in t)
        lines = toast.splitlines()
        assert lines[0] == "5 skipped while reading the folder:", toast
        named = lines[1:4]
        assert len(named) == 3 and all(line.startswith("· ") for line in named), toast
        assert lines[4] == f"and 2 more: dossier index {folder} lists all", toast
        assert "; skipped" not in toast and ": skipped:" not in toast, toast
        assert any("a link to outside the corpus" in line for line in named), toast


def test_the_skipped_notice_names_the_folder_as_a_shell_takes_it(tmp_path: Path) -> None:
    """The line "and 2 more: dossier index FOLDER lists all" is a command to copy: a folder
    with a space in its name ("My News") is quoted, or the shell reads two folders."""
    from tui.app.screens.feed import skipped_notice
    from tui.paths import corpus_paths, index_command

    warnings = [f"f{n}.txt: not a text file; skipped" for n in range(5)]
    base = tmp_path.resolve()
    assert " " not in str(base) and "'" not in str(base)  # (what the test's quoting assumes)
    spaced = corpus_paths(base / "My News")
    notice = skipped_notice(warnings, index_command(spaced))
    assert notice.splitlines()[-1] == f"and 2 more: dossier index '{base}/My News' lists all"
    plain = skipped_notice(warnings, index_command(corpus_paths(base / "news")))
    assert plain.splitlines()[-1] == f"and 2 more: dossier index {base}/news lists all"


def test_the_skipped_notice_names_the_index_the_app_reads(tmp_path: Path) -> None:
    """An app opened with --data-dir or --index-dir: the command it names reads that
    index, not one it would build anew in the usual place (a whole build at 50,000
    articles, and another copy of the index on disk)."""
    from tui.paths import corpus_paths, index_command

    corpus = tmp_path / "news"
    data, index = tmp_path / "elsewhere", tmp_path / "my index"
    command = index_command(corpus_paths(corpus, data=data))
    assert command == f"dossier index --data-dir {data} {corpus}"
    command = index_command(corpus_paths(corpus, index=index))
    assert command == f"dossier index --index-dir '{index}' {corpus}"
    both = corpus_paths(corpus, data=data, index=index)
    assert index_command(both) == f"dossier index --data-dir {data} --index-dir '{index}' {corpus}"
    # each command, run, finds the same paths as the app
    for paths in (corpus_paths(corpus, data=data), both):
        words = shlex.split(index_command(paths))
        given = {words[k]: Path(words[k + 1]) for k in range(2, len(words) - 1, 2)}
        again = corpus_paths(
            Path(words[-1]), data=given.get("--data-dir"), index=given.get("--index-dir")
        )
        assert again == paths


async def test_the_timeline_of_an_empty_folder_speaks_of_the_timeline(tmp_path: Path) -> None:
    """`t` in an empty folder said "There are no articles to search in …", the search
    screen's words, on a screen that counts articles by date: it says there is nothing
    to count and where articles go."""
    empty = tmp_path / "empty"
    empty.mkdir()
    app = make_app(empty)
    async with app.run_test(size=SIZE) as pilot:
        main = app.main_screen()
        await wait_for(pilot, lambda: main.feed.empty, what="the empty folder")
        await pilot.press("t")
        await wait_for(pilot, lambda: type(app.screen).__name__ == "TimelineScreen")
        line = str(app.screen.query_one("#timeline-status", Label).render())
        assert "search" not in line, line
        assert line.startswith(f"No articles in {empty}: nothing to count yet."), line
