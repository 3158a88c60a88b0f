"""Pilot tests: opening the app, moving through the list, reading, raw text, help, palette."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app_helpers import (
    SIZE,
    Messages,
    drawn_rows,
    make_app,
    palette_offers,
    ready,
    settle,
    wait_for,
)
from tests.conftest import write_config
from tui.app.screens.help import HelpScreen
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.reader import Reader


@pytest.fixture
def app(indexed_seeds: Path):
    return make_app(indexed_seeds)


async def test_opens_on_the_first_article_and_lists_every_article(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        table = screen.query_one(ArticleList)
        assert table.row_count == 5
        assert str(table.border_title) == "Articles (5)"
        first = table.articles[0]
        assert screen.article.id == first.id
        assert table.current_id == first.id
        assert screen.reader.text.startswith(first.title[:20])
        assert app.focused is table


def _grey(color) -> int:  # noqa: ANN001
    return sum(color.get_truecolor())


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light"])
async def test_headline_is_bold_the_meta_muted_and_the_blurred_cursor_faint(app, theme) -> None:
    async with app.run_test(size=SIZE) as pilot:
        app.theme = theme
        screen = await ready(pilot)
        await pilot.pause()
        reader, article = screen.reader, screen.article
        rows = {text.strip(): segments for text, segments in drawn_rows(reader) if text.strip()}
        title = next(style for text, style in rows[article.title] if text == article.title)
        assert title.bold
        meta = " · ".join(p for p in (article.source, article.date, article.byline) if p)
        meta_style = next(style for text, style in rows[meta] if text == meta)
        body = next(segments for text, segments in rows.items() if text.startswith("Russia said"))
        body_style = next(style for text, style in body if text.strip())
        # Muted: between the background and the body text, not pure white or black.
        lo, hi = sorted((_grey(body_style.bgcolor), _grey(body_style.color)))
        assert meta_style.italic and lo < _grey(meta_style.color) < hi
        # The list's cursor is solid while the list has the focus, fainter once it has not.
        listing = screen.article_list
        focused = list(listing.render_line(1))[1].style.bgcolor
        reader.focus()
        await pilot.pause()
        blurred = list(listing.render_line(1))[1].style.bgcolor
        assert blurred != focused


async def test_a_preview_that_comes_after_the_cursor_moved_on_is_dropped(app) -> None:
    """j previews the next article once the cursor rests; if k comes while that
    article is still loading, its late arrival must not pull the cursor back."""
    from tui.app import messages as m

    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        table = screen.query_one(ArticleList)
        first, second = table.articles[0].id, table.articles[1].id
        await pilot.press("j")
        await wait_for(pilot, lambda: screen.reading.wanted == second, what="the preview asked for")
        await wait_for(pilot, lambda: screen.article_id == second, what="the preview shown")
        # Now the same with the load held back: j asks for the second article ...
        await pilot.press("k")
        await wait_for(pilot, lambda: screen.article_id == first, what="back on the first")
        screen.reading.wanted = second  # ... as a preview still on its way
        await pilot.press("j", "k")  # ... and the user went on and came back meanwhile
        late = app.library.article(second)
        screen.post_message(m.ArticleLoaded(late))
        await settle(pilot)
        assert table.highlighted_id == first
        assert screen.article_id == first


async def test_only_the_user_moving_the_cursor_previews_an_article(app) -> None:
    """The list refilled (an index update) or an article opened moves the cursor
    for the app: no Highlighted, so no preview that would replace an article the
    user has just opened from search with the row the cursor lands on."""
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        screen = await ready(pilot)
        table = screen.query_one(ArticleList)
        third = table.articles[2].id
        messages.clear()
        table.move_to(third)
        table.set_articles(list(table.articles))  # refilled: the cursor stays on its article
        await settle(pilot)
        assert table.highlighted_id == third
        assert not messages.of(ArticleList.Highlighted)
        await pilot.press("k")
        await wait_for(pilot, lambda: bool(messages.of(ArticleList.Highlighted)), what="k's")
        assert [msg.article_id for msg in messages.of(ArticleList.Highlighted)] == [
            table.articles[1].id
        ]


async def test_j_k_and_enter_open_the_next_article(app) -> None:
    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        screen = await ready(pilot)
        table = screen.query_one(ArticleList)
        messages.clear()
        await pilot.press("j", "j", "k")
        second = table.articles[1]
        # A key that runs a binding holds the keys after it until its action has run
        # (tui.app.typeahead): press() can come back while "k" still waits its turn.
        await wait_for(
            pilot, lambda: table.highlighted_id == second.id, what="the cursor on the second"
        )
        await pilot.press("enter")
        await settle(pilot)
        assert any(m.article_id == second.id for m in messages.of(ArticleList.Selected))
        assert screen.article.id == second.id
        assert table.current_id == second.id
        assert isinstance(app.focused, Reader)
        await pilot.press("escape")
        assert app.focused is table


async def test_g_and_G_jump_to_the_ends_of_the_list(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        table = screen.query_one(ArticleList)
        await pilot.press("G")
        assert table.cursor_row == 4
        await pilot.press("g")
        assert table.cursor_row == 0


async def test_sorting_cycles_date_title_source(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        table = screen.query_one(ArticleList)
        dates = [a.date or "" for a in table.articles if a.date]
        assert dates == sorted(dates, reverse=True)
        await pilot.press("s")
        assert table.sort_column == "title"
        titles = [a.title.lower() for a in table.articles]
        assert titles == sorted(titles)
        await pilot.press("s")
        assert table.sort_column == "source"
        assert table.border_subtitle == "by source"


async def test_reader_scrolls_with_space_and_keys(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        await pilot.press("enter")
        await settle(pilot)
        reader = screen.reader
        assert reader.max_scroll_y > 0
        await pilot.press("space")
        assert reader.scroll_y > 0
        await pilot.press("G")
        assert reader.scroll_y == reader.max_scroll_y
        await pilot.press("g")
        assert reader.scroll_y == 0
        await pilot.press("j")
        assert reader.scroll_y == 1


async def test_r_toggles_the_raw_text(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("r")
        assert screen.reader.raw
        assert "Raw text, as in the file" in screen.reader.text
        assert "raw text" in screen.status.info
        await pilot.press("r")
        assert not screen.reader.raw
        assert "Raw text" not in screen.reader.text


async def test_an_indented_raw_line_is_wrapped_not_cut(tmp_path: Path) -> None:
    """Text scraped off a page indents its lines (ten spaces, twelve): in the raw view
    such a line ran as many cells past the reader's width, and its end was cut off (the
    wrap counted the words, not the indentation before them)."""
    from tests.conftest import write_article

    folder = tmp_path / "news"
    words = "Lighthouse keepers of the northern coast met on Monday to talk about their wages"
    indented = " " * 10 + " ".join([words] * 2)
    write_article(folder, "keepers.txt", "Keepers meet", indented, "The talks go on.")
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await pilot.press("r")
        await settle(pilot)
        reader = main.reader
        assert reader.raw
        width = reader.scrollable_content_region.width
        rows = [text for text, _ in drawn_rows(reader)]
        assert all(len(line.text.plain) <= width for line in reader.lines), rows
        shown = " ".join(" ".join(rows).split())
        assert " ".join([words] * 2) in shown, rows


async def test_enter_on_the_article_shown_keeps_its_raw_text_and_place(app) -> None:
    """r in the list shows the previewed article's raw text; Enter to read it loaded it
    again: the raw text went back to the cleaned, the reader to its top, and the status
    line said "index ready" where it said "raw text". Enter now only moves the focus."""
    from tui.app import messages as m

    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        screen = await ready(pilot)
        assert isinstance(app.focused, ArticleList)
        await pilot.press("r")
        assert screen.reader.raw
        messages.clear()
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is screen.reader
        assert screen.reader.raw and "raw text" in screen.status.info
        assert not messages.of(m.ArticleLoaded)  # nothing read again
        await pilot.press("escape", "j", "enter")  # another article: opened, cleaned
        await wait_for(pilot, lambda: app.focused is screen.reader and not screen.reader.raw)


async def test_narrow_terminal_shows_one_pane_at_a_time(app) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await ready(pilot)
        table = screen.query_one(ArticleList)
        assert table.display and table.region.width > 60
        assert screen.reader.region.width == 0
        await pilot.press("enter")
        await settle(pilot)
        assert screen.reader.region.width > 60
        assert table.region.width == 0
        await pilot.resize_terminal(140, 40)
        await pilot.pause()
        assert table.region.width > 0 and screen.reader.region.width > 0


async def test_help_lists_the_real_bindings_with_the_keymap_applied(
    seeds_copy: Path, hermetic_dirs: Path
) -> None:
    write_config("keymap:\n  raw: w\n")
    app = make_app(seeds_copy)
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        await pilot.press("w")
        assert screen.reader.raw
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = {description: keys for _, keys, description in app.screen.rows}
        assert rows["Raw / cleaned text"] == "w"
        assert app.screen.ids["Raw / cleaned text"] == "raw"  # the id the keymap used
        assert rows["Search every article"] == "/"
        assert "Next mention" in rows
        await pilot.press("escape")
        assert app.screen is screen


async def test_help_section_titles_name_the_remapped_keys(
    seeds_copy: Path, hermetic_dirs: Path
) -> None:
    """The titles "Entity type (T in the entities pane)" and "Shared passages list (w)"
    named the default keys to a user who had moved them (the hints follow the keymap)."""
    write_config("keymap:\n  entities.retype: ctrl+r\n  shared: ctrl+w\n")
    app = make_app(seeds_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        titles = {section for section, _, _ in app.screen.rows}
        assert "Entity type (ctrl+r in the entities pane)" in titles, titles
        assert "Shared passages list (ctrl+w)" in titles, titles
        assert not any("(T in" in t or "(w)" in t for t in titles), titles


async def test_help_and_the_palette_say_where_the_settings_are(app) -> None:
    """Help said "remap a key ... in config.yaml" without saying where that file is, and
    the palette had nothing for "settings". Help ends with the settings file's path;
    the palette's Settings says it too."""
    import io

    from rich.console import Console

    from tests.app_helpers import notified
    from tui.settings import user_config_file

    path = str(user_config_file())
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        table = app.screen.query_one("#help-settings")

        def shown() -> str:
            console = Console(width=400, record=True, file=io.StringIO())
            console.print(table.content)
            return " ".join(console.export_text().split())

        await wait_for(pilot, lambda: path in shown(), what="the settings file in help")
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"settings")
        await palette_offers(pilot, "Settings")
        await pilot.press("enter")
        await notified(pilot, path)


async def test_palette_goes_to_an_article(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await ready(pilot)
        target = screen.query_one(ArticleList).articles[-1]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*target.title[:18])
        await palette_offers(pilot, target.title[:18])
        await pilot.press("enter")
        await settle(pilot)
        assert screen.article.id == target.id


async def test_palette_rebuilds_the_index(app) -> None:
    from tui.app.messages import IndexFinished

    messages = Messages()
    async with app.run_test(size=SIZE, message_hook=messages) as pilot:
        screen = await ready(pilot)
        library = app.library
        everything = len(library.articles())
        # Behind the app's back, the index loses an article: only a rebuild from the
        # files brings it back (an update trusts the index's record of what it holds).
        gone = library.articles()[0]
        library.index.write(delete=[gone.id], prepare=lambda item: item, items=[])
        assert library.index.doc_count() == everything - 1
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Rebuild index")
        await palette_offers(pilot, "Rebuild index")
        messages.clear()
        await pilot.press("enter")
        await wait_for(pilot, lambda: messages.of(IndexFinished), timeout=30, what="the rebuild")
        await ready(pilot)
        assert library.index.doc_count() == everything
        assert [h.id for h in library.search(f'"{gone.title}"').hits][:1] == [gone.id]
        assert screen.status.info == "index ready"


async def test_quit(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("q")
        await wait_for(pilot, lambda: not app.is_running)


def test_titles_sort_as_an_index_would_ignoring_leading_quotes() -> None:
    from types import SimpleNamespace

    from tui.app.widgets.article_rows import sort_key

    titles = ["'Best person' for the job", "Apples rise", "“Zebra” crossing row", "bananas fall"]
    items = [SimpleNamespace(title=t, path=t, date=None, source=None) for t in titles]
    ordered = [s.title for s in sorted(items, key=sort_key("title"))]
    assert ordered == [
        "Apples rise",
        "bananas fall",
        "'Best person' for the job",
        "“Zebra” crossing row",
    ]


async def test_the_palette_puts_the_apps_commands_before_articles_that_match_as_well(
    seeds_copy: Path,
) -> None:
    from textual.command import CommandPalette

    (seeds_copy / "zz.txt").write_text(
        "Harbour board rebuilds its fleet\n\nThe board said the rebuild would take years.\n",
        encoding="utf-8",
    )
    app = make_app(seeds_copy)
    rebuilt: list[bool] = []
    original = app.library.rebuild_index

    def rebuild(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        rebuilt.append(True)
        return original(*args, **kwargs)

    app.library.rebuild_index = rebuild
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"rebuild")
        await palette_offers(pilot, "Rebuild index")
        palette = app.screen
        assert isinstance(palette, CommandPalette)
        titles = [str(o.prompt) for o in palette.query_one("CommandList").options]
        assert "Rebuild index" in titles[0], titles
        assert not any(t.startswith(("Keys", "Screenshot", "Maximize")) for t in titles)
        await pilot.press("enter")
        await ready(pilot)
        assert rebuilt


async def test_the_palette_opens_on_the_apps_commands_before_articles(
    tmp_path: Path,
) -> None:
    """Before a word was typed the palette listed what each provider gave in the order
    it came: on BBC's 2,225 articles, 40 articles and 40 entities came first, and Theme
    or Rebuild index only below them."""
    from textual.command import CommandList, CommandPalette

    from tests.conftest import write_article

    corpus = tmp_path / "news"
    for n in range(50):
        write_article(corpus, f"a{n:02}.txt", f"Harbour report {n}", f"Anna Lindqvist {n}.")
    app = make_app(corpus)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        await pilot.press("ctrl+p")

        def titles() -> list[str]:
            if not isinstance(app.screen, CommandPalette):
                return []
            options = app.screen.query_one(CommandList).options
            return [str(o.prompt).split("\n")[0] for o in options]

        await wait_for(
            pilot,
            lambda: (
                sum(t.startswith("Go to article") for t in titles()) >= 40
                and any(t.startswith("Theme") for t in titles())
            ),
            what="the palette's commands and articles",
        )
        await settle(pilot)
        shown = titles()
        first_item = next(i for i, t in enumerate(shown) if t.startswith("Go to "))
        commands = shown[:first_item]
        assert {"Theme", "Rebuild index", "Quit"} <= {t.strip() for t in commands}, shown[:20]


async def test_the_theme_chosen_is_the_theme_next_time(
    seeds_copy: Path, hermetic_dirs: Path
) -> None:
    from tui.settings import load_settings

    app = make_app(seeds_copy)
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert app.theme == "textual-dark"
        app.theme = "textual-light"
        await settle(pilot)
    assert load_settings().theme == "textual-light"
    again = make_app(seeds_copy)
    async with again.run_test(size=SIZE) as pilot:
        await ready(pilot)
        assert again.theme == "textual-light"
    # A theme named in the config file still wins.
    write_config("theme: nord\n")
    assert load_settings().theme == "nord"


async def test_an_app_closed_at_once_after_its_start_ends_without_an_error(
    seeds_copy: Path,
) -> None:
    """The theme's subscription waits for the first refresh; an app closed before it ran
    (a terminal closed, q at once) failed there: SignalError, the node not running."""
    for _ in range(3):
        app = make_app(seeds_copy)
        async with app.run_test(size=SIZE):
            pass


def _a_reuters_story(tmp_path: Path) -> Path:
    """A folder "news" with one story, from Reuters and dated."""
    from tests.test_search_facets import record, write_corpus

    folder = tmp_path / "news"
    write_corpus(folder, [record(1, text="Talks in Geneva.", source="Reuters", date="2016-02-03")])
    return folder


async def _two_line_rows(folder: Path, count: int) -> list[str]:
    """The article list of ``folder``'s ``count`` articles as drawn in two-line rows."""
    from tests.app_helpers import drawn_rows

    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        listing = main.query_one(ArticleList)
        await wait_for(pilot, lambda: listing.row_count == count, what="the articles")
        assert listing.two_line
        return [text for text, _ in drawn_rows(listing)]


async def test_an_article_without_source_or_date_shows_its_file_under_its_title(
    tmp_path: Path,
) -> None:
    """Two-line rows: an article with no source and no date had a blank second line;
    it shows the file's name there (dim), so the row still says which article it is."""
    from tests.conftest import write_article

    folder = _a_reuters_story(tmp_path)
    write_article(folder, "field-notes.txt", "Notes from the field", "Rain all week in Valmora.")
    rows = await _two_line_rows(folder, 2)
    at = next(i for i, text in enumerate(rows) if "Notes from the field" in text)
    assert "field-notes.txt" in rows[at + 1], rows
    other = next(i for i, text in enumerate(rows) if "Story 1" in text)
    assert "Reuters · 2016-02-03" in rows[other + 1], rows


async def test_a_file_named_by_its_hash_is_not_named_under_its_title(tmp_path: Path) -> None:
    """Pages saved by a crawler are named by a hash of their address: in such a corpus
    sorted by date, an article with neither source nor date showed its file's name, 64
    hex characters, as its second line (and in the palette), which tells a reader
    nothing. Such a name is left out: the folder it sits in shows, else nothing."""
    from tests.conftest import write_article

    folder = _a_reuters_story(tmp_path)
    digest = "5e1f" * 16
    write_article(folder, f"{digest}.txt", "Ferry timetable changes", "Boats leave at nine.")
    write_article(folder, f"crawl/{'a7c3' * 16}.txt", "Harbour fees rise", "Fees go up in May.")
    write_article(folder, "quay-notes.txt", "Notes from the quay", "Wind all week in Valmora.")
    rows = [text.rstrip() for text in await _two_line_rows(folder, 4)]
    at = next(i for i, text in enumerate(rows) if "Ferry timetable" in text)
    assert rows[at + 1] == "", rows
    at = next(i for i, text in enumerate(rows) if "Harbour fees" in text)
    assert rows[at + 1].strip() == "crawl/", rows
    at = next(i for i, text in enumerate(rows) if "Notes from the quay" in text)
    assert rows[at + 1].strip() == "quay-notes.txt", rows
    assert not any("5e1f5e1f" in text or "a7c3a7c3" in text for text in rows), rows


async def test_a_long_source_is_cut_under_the_title_not_the_date(tmp_path: Path) -> None:
    """Two-line rows: a source longer than the line ("San Antonio Express-News" at
    100 columns) pushed the date off its end ("… · 2019-…"); the source is cut, the
    date shows whole."""
    from tests.app_helpers import drawn_rows
    from tests.test_search_facets import record, write_corpus

    long_source = "The Valmora Evening Courier and Harbour Gazette"
    folder = tmp_path / "news"
    write_corpus(folder, [record(1, source=long_source, date="2019-11-20")])
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        listing = main.query_one(ArticleList)
        assert listing.two_line
        assert listing.rows.width - 4 < len(long_source) + len(" · 2019-11-20")
        rows = [text.rstrip() for text, _ in drawn_rows(listing)]
        at = next(i for i, text in enumerate(rows) if "Story 1" in text)
        line = rows[at + 1].strip()
        assert line.endswith("… · 2019-11-20"), rows
        assert long_source.startswith(line.removesuffix("… · 2019-11-20")), rows


async def test_a_copy_of_another_file_is_marked_in_the_list_and_named_in_the_reader(
    tmp_path: Path,
) -> None:
    """Corpora hold the same article twice (two files, one text): the list showed two
    identical rows. The second by path is marked "(copy)" after its title, and the
    reader says which file has the same text; the first is shown as it was."""
    from tests.app_helpers import drawn_rows
    from tests.conftest import write_article
    from tui.app.widgets.article_rows import COPY_MARK

    folder = tmp_path / "news"
    text = ("Pop band Tessaly take a break", "The band Tessaly said on Monday it would rest.")
    write_article(folder, "music/040.txt", *text)
    write_article(folder, "music/012.txt", *text)
    write_article(folder, "music/020.txt", "Tessaly tour dates", "The band plays Valmora in May.")
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        listing = main.query_one(ArticleList)
        await wait_for(
            pilot,
            lambda: any(a.duplicate_of for a in listing.articles),
            what="the copy marked once the index has the files' hashes",
        )
        rows = [text.rstrip() for text, _ in drawn_rows(listing)]
        same = [row for row in rows if "Tessaly take a break" in row]
        assert len(same) == 2, rows
        assert sum(row.endswith(COPY_MARK.strip()) for row in same) == 1, rows
        copy = next(a for a in listing.articles if a.duplicate_of)
        assert copy.path == "music/040.txt"
        listing.focus()
        listing.move_to(copy.id)
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.article_id == copy.id, what="the copy open")
        assert "Same text as music/012.txt" in main.reader.text
        original = next(a for a in listing.articles if a.path == "music/012.txt")
        listing.focus()
        listing.move_to(original.id)
        await pilot.press("enter")
        await wait_for(pilot, lambda: main.article_id == original.id, what="the original open")
        assert "Same text as" not in main.reader.text
        assert not any(r.endswith(COPY_MARK.strip()) for r in rows if "tour dates" in r)


async def test_the_text_is_wrapped_to_the_width_beside_the_scrollbar(tmp_path: Path) -> None:
    """The first article was wrapped before its scrollbar came, one cell wider than the
    room left beside it: the text ran up to the scrollbar, then reflowed seconds later
    (when the index was ready). The scrollbar's column is kept from the start."""
    from tests.conftest import write_article

    folder = tmp_path / "news"
    paragraphs = [f"Paragraph {n} of the council's report on the harbour." for n in range(12)]
    write_article(folder, "long.txt", "A long report", "x" * 300, *paragraphs)
    app = make_app(folder)
    async with app.run_test(size=(120, 12)) as pilot:
        main = app.main_screen()
        assert main is not None
        await wait_for(pilot, lambda: main.article is not None, what="the article")
        await pilot.pause()
        reader = main.reader
        assert reader.show_vertical_scrollbar
        rows = [text for text, _ in drawn_rows(reader)]
        # One long word is cut at the wrap width: a blank cell stays on either side.
        assert any("x" * 20 in text for text in rows), rows
        assert all(text.endswith(" ") for text in rows), rows


async def test_moving_down_a_list_of_two_line_rows_shows_no_half_row_at_the_top(
    tmp_path: Path,
) -> None:
    """Past the bottom of a list of two-line rows in an odd number of lines, the list
    scrolled by one line too few: its top line was the previous row's source and date
    alone. It scrolls to the next whole row."""
    from tests.test_search_facets import record, write_corpus

    folder = tmp_path / "news"
    write_corpus(
        folder,
        [record(n, source="Reuters", date=f"2016-02-{n:02d}") for n in range(1, 21)],
    )
    app = make_app(folder)
    async with app.run_test(size=(120, 20)) as pilot:
        main = await ready(pilot)
        listing = main.query_one(ArticleList)
        await wait_for(pilot, lambda: listing.item_count == 20, what="every article")
        assert listing.two_line
        for _ in range(9):
            await pilot.press("j")
        await settle(pilot)
        rows = [text for text, _ in drawn_rows(listing)]
        assert listing.scroll_y > 0, rows
        assert "Story" in rows[1], rows  # under the header: a title, not a date
        title = listing.articles[listing.cursor].title
        assert any(title in text for text in rows), rows  # the cursor's row in sight


async def test_the_cursor_moved_as_the_list_fills_stays_in_sight(tmp_path: Path) -> None:
    """A list refilled with more rows than fit and its cursor moved at once (the app does
    it when it reopens the article the user left, further down than the first rows):
    Textual dropped the scroll (the view had no scrollbar at its last layout) and the
    cursor's row stayed out of sight. Under load it happened in test_app_session."""
    from tests.test_search_facets import record, write_corpus

    folder = tmp_path / "news"
    write_corpus(folder, [record(n, date=f"2016-02-{n:02d}") for n in range(1, 21)])
    app = make_app(folder)
    async with app.run_test(size=(120, 20)) as pilot:
        main = await ready(pilot)
        listing = main.query_one(ArticleList)
        await wait_for(pilot, lambda: listing.item_count == 20, what="every article")
        articles = list(listing.articles)
        listing.set_articles(articles[:2])
        await settle(pilot)
        assert not listing.show_vertical_scrollbar
        listing.set_articles(articles)  # no layout between these lines
        listing.cursor = 15
        # Scrolled now, not by a scroll queued for after the next refresh (set_articles
        # queues one): under load that one too ran before the layout and was dropped.
        assert listing.scroll_y > 0
        await settle(pilot)
        rows = [text for text, _ in drawn_rows(listing)]
        title = listing.articles[15].title
        assert any(title in text for text in rows), rows  # the cursor's row in sight


async def test_help_uses_a_wide_terminal_for_its_descriptions(app) -> None:
    """At 200 columns help was a 76-cell box in the middle: "Other articles with the /
    sentence, selection or / bookmark under the cursor" took three lines, and "Export
    the chosen entity's articles, else the shared passages" three, with most of the
    screen unused. On a wide terminal every description is drawn on one line."""
    from textual.geometry import Region

    async with app.run_test(size=(200, 50)) as pilot:
        await ready(pilot)
        await pilot.press("question_mark")
        await wait_for(pilot, lambda: isinstance(app.screen, HelpScreen), what="help")
        await pilot.pause()
        table = app.screen.query_one("#help-table")
        size = table.size
        lines = [
            "".join(s.text for s in strip) for strip in table.render_lines(Region(0, 0, *size))
        ]
        shown = [line for line in lines if "Other articles with the" in line]
        assert shown and "under the cursor" in shown[0], lines[:40]
        assert any("else the shared passages" in line and "Export" in line for line in lines)


async def test_the_palette_names_an_article_without_source_or_date_by_its_file(app) -> None:
    """The list shows an article with neither source nor date by its file's name, under
    its title; the palette's "Go to article" gave it no second line at all, where the
    others have "AFP · 2016-02-11" (and two articles of one title could not be told
    apart). It shows the file's name there too."""
    from textual.command import CommandList, CommandPalette

    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        bare = next(a for a in main.article_list.articles if not a.source and not a.date)
        await pilot.press("ctrl+p")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette), what="palette")
        await settle(pilot)

        def prompts() -> list[str]:
            commands = app.screen.query_one(CommandList)
            return [str(o.prompt) for o in commands._options]  # noqa: SLF001

        await wait_for(pilot, lambda: any(bare.title in p for p in prompts()), what="articles")
        shown = next(p for p in prompts() if bare.title in p)
        others = [p for p in prompts() if "AFP · 2016-02-11" in p]
        assert others, prompts()[:6]
        assert bare.path in shown, shown
