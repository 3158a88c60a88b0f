"""Pilot tests: the entities pane, an entity across articles, stepping through its mentions."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from tests.app_helpers import SIZE, Messages, make_app, notified, ready, settle, wait_for
from tests.conftest import write_article
from tui.app.widgets.entity_pane import EntityPane
from tui.app.widgets.entity_rows import mentions_in
from tui.app.widgets.reader import Reader

KERRY = "person:john kerry"


@pytest.fixture
def app(indexed_seeds: Path):
    return make_app(indexed_seeds)


async def _entities_listed(pilot, main) -> None:  # noqa: ANN001
    """The open article's entities reach the pane in a message of their own, after the
    article (ready() waits for the article only): wait until the list has them."""
    options = main.query_one("#entity-list", OptionList)

    def listed() -> bool:
        return any(not options.get_option_at_index(i).disabled for i in range(options.option_count))

    await wait_for(pilot, listed, what="the article's entities in the entities pane")


async def _choose_kerry(pilot) -> None:  # noqa: ANN001
    app = pilot.app
    main = app.main_screen()
    await pilot.press("e")
    await _entities_listed(pilot, main)
    entity_list = main.query_one("#entity-list", OptionList)
    assert app.focused is entity_list
    for _ in range(entity_list.option_count):
        option = entity_list.highlighted_option
        if option is not None and option.id == KERRY:
            break
        await pilot.press("j")
    assert entity_list.highlighted_option.id == KERRY
    await pilot.press("enter")
    await settle(pilot)


async def test_entities_pane_groups_by_type_with_counts(app) -> None:
    async with app.run_test(size=(160, 40)) as pilot:
        main = await ready(pilot)
        await pilot.press("e")
        await _entities_listed(pilot, main)
        pane = main.query_one(EntityPane)
        assert pane.display
        options = main.query_one("#entity-list", OptionList)
        labels = [options.get_option_at_index(i).prompt.plain for i in range(options.option_count)]
        assert "People" in labels and "Places" in labels
        counts = {
            mention.id: sum(1 for other in main.reader.mentions if other.id == mention.id)
            for mention in main.reader.mentions
        }
        kerry_label = next(label for label in labels if label.startswith("John Kerry"))
        assert kerry_label.endswith(f"×{counts[KERRY]}")
        await pilot.press("e")
        assert not pane.display


async def test_reader_highlights_entities_by_type(app) -> None:
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        reader = main.reader
        person = reader.get_component_rich_style("reader--person", partial=True)
        place = reader.get_component_rich_style("reader--place", partial=True)
        assert person != place
        styled = {
            line.text.plain[span.start : span.end]: span.style
            for line in reader.lines
            for span in line.text.spans
        }
        assert styled.get("Kerry") == person or styled.get("John Kerry") == person
        assert styled.get("Syria") == place


async def test_choosing_an_entity_lists_every_article_and_enter_opens_the_mention(app) -> None:
    messages = Messages()
    async with app.run_test(size=(160, 40), message_hook=messages) as pilot:
        main = await ready(pilot)
        messages.clear()
        await _choose_kerry(pilot)
        assert any(msg.entity_id == KERRY for msg in messages.of(EntityPane.Chosen))
        occurrences = main.steps.occurrences
        articles = {o.article.id for o in occurrences}
        assert len(articles) >= 3
        listing = main.query_one("#occurrence-list", OptionList)
        assert listing.option_count == len(occurrences)
        assert app.focused is listing
        first = listing.get_option_at_index(0).prompt.plain
        assert occurrences[0].article.title[:20] in first
        assert "Kerry" in first
        # Go to a mention in another article.
        other = next(i for i, o in enumerate(occurrences) if o.article.id != main.article.id)
        for _ in range(other):
            await pilot.press("j")
        await pilot.press("enter")
        await settle(pilot)
        assert main.article.id == occurrences[other].article.id
        assert isinstance(app.focused, Reader)
        start, end = main.reader.matches[main.reader.current_match]
        assert (start, end) == (occurrences[other].start, occurrences[other].end)
        assert "Kerry" in main.article.body[start:end]


async def test_next_mention_walks_on_into_the_next_article(app) -> None:
    async with app.run_test(size=(160, 40)) as pilot:
        main = await ready(pilot)
        await _choose_kerry(pilot)
        occurrences = main.steps.occurrences
        await pilot.press("enter")  # the first mention
        await settle(pilot)
        seen = [(main.article.id, main.reader.matches[main.reader.current_match])]
        for _ in range(len(occurrences) - 1):
            await pilot.press("right_square_bracket")
            await settle(pilot)
            seen.append((main.article.id, main.reader.matches[main.reader.current_match]))
        assert seen == [(o.article.id, (o.start, o.end)) for o in occurrences]
        await pilot.press("right_square_bracket")
        await notified(pilot, "last mention")
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert main.steps.occurrence_index == len(occurrences) - 2
        await pilot.press("n")  # n follows the entity too
        await settle(pilot)
        assert main.steps.occurrence_index == len(occurrences) - 1


async def test_n_right_after_choosing_an_entity_goes_to_its_first_mention_here(app) -> None:
    async with app.run_test(size=(160, 40)) as pilot:
        main = await ready(pilot)
        here = main.article.id
        await _choose_kerry(pilot)
        await pilot.press("n")
        await settle(pilot)
        first_here = next(o for o in main.steps.occurrences if o.article.id == here)
        assert main.article.id == here
        start, end = main.reader.matches[main.reader.current_match]
        assert (start, end) == (first_here.start, first_here.end)


async def test_the_entity_list_cursor_follows_the_chosen_entity_into_each_article(app) -> None:
    # "]" walks the chosen entity's mentions into other articles: the list of each
    # article's entities has its cursor on that entity (T, X and m act on that row),
    # not on the first name of the list.
    async with app.run_test(size=(160, 40)) as pilot:
        main = await ready(pilot)
        await _choose_kerry(pilot)
        occurrences = main.steps.occurrences
        await pilot.press("enter")  # the first mention
        await settle(pilot)
        entity_list = main.query_one("#entity-list", OptionList)
        articles = {main.article.id}
        for _ in range(len(occurrences) - 1):
            await pilot.press("right_square_bracket")
            await settle(pilot)
            await _entities_listed(pilot, main)
            articles.add(main.article.id)
            assert entity_list.highlighted_option is not None
            assert entity_list.highlighted_option.id == KERRY, main.article.title
        assert len(articles) >= 3


async def test_an_article_without_entities_says_so(tmp_path: Path) -> None:
    corpus = tmp_path / "plain"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "quiet day\n\nnothing at all happened here today.\n", encoding="utf-8"
    )
    app = make_app(corpus)
    async with app.run_test(size=(160, 40)) as pilot:
        main = await ready(pilot)
        await pilot.press("e")
        options = main.query_one("#entity-list", OptionList)
        await wait_for(pilot, lambda: options.option_count == 1)
        message = options.get_option_at_index(0).prompt.plain
        assert "No people, places or organisations" in message
        assert "entities.yaml" in message  # what to do about it
        # No "choose an entity" invitation under a list with nothing to choose.
        assert main.query_one("#occurrence-list", OptionList).option_count == 0
        # ] with no entity steps through shared passages; until they are looked up
        # (a moment after the article opens) it says "Still looking" instead.
        await wait_for(
            pilot,
            lambda: main.across.loaded_id == main.article_id,
            what="the open article's shared passages looked up",
        )
        await pilot.press("right_square_bracket")
        await notified(pilot, "Choose an entity first")


def test_mention_counts_read_as_english() -> None:
    assert mentions_in(3, 1) == "3 mentions in 1 article"
    assert mentions_in(1, 1) == "1 mention in 1 article"
    assert mentions_in(1200, 14) == "1,200 mentions in 14 articles"


async def test_a_theme_switch_recolours_the_open_article_and_the_entity_lists(app) -> None:
    def person_colours(main) -> set[str]:  # noqa: ANN001
        return {
            str(segment.style.color)
            for row in range(len(main.reader.lines))
            for segment in main.reader.render_line(row)
            if segment.text.strip() in ("Kerry", "John Kerry") and segment.style
        }

    def heading_colours(main) -> set[str]:  # noqa: ANN001
        entity_list = main.query_one("#entity-list", OptionList)
        return {
            str(option.prompt.style.color)
            for option in entity_list.options
            if option.disabled and option.prompt.style
        }

    async with app.run_test(size=(160, 40)) as pilot:
        app.theme = "textual-dark"
        main = await ready(pilot)
        await _choose_kerry(pilot)
        dark, dark_heads = person_colours(main), heading_colours(main)
        assert dark and dark_heads
        app.theme = "textual-light"
        await settle(pilot)
        await wait_for(
            pilot,
            lambda: person_colours(main).isdisjoint(dark),
            what="the entity colours of the light theme",
        )
        light, light_heads = person_colours(main), heading_colours(main)
        assert light and light.isdisjoint(dark)
        assert light_heads and light_heads.isdisjoint(dark_heads)
        # The chosen entity's mentions are still listed after the refill.
        assert main.query_one("#occurrence-list", OptionList).option_count > 1


async def test_mentions_of_different_articles_are_parted_by_a_rule(app) -> None:
    async with app.run_test(size=(160, 40)) as pilot:
        main = await ready(pilot)
        await _choose_kerry(pilot)
        options = main.query_one("#occurrence-list", OptionList)
        articles = {o.article.id for o in main.steps.occurrences}
        assert len(articles) > 1
        dividers = sum(1 for option in options.options if option._divider)  # noqa: SLF001
        assert dividers == len(articles) - 1
        assert all("› " in option.prompt.plain for option in options.options)


async def test_the_mentions_list_starts_in_the_open_article(app) -> None:
    async with app.run_test(size=(160, 40)) as pilot:
        main = await ready(pilot)
        # Open an article further down the list that names Kerry, then choose him.
        with_kerry = [
            a.id for a in main.article_list.articles if "Kerry" in app.library.article(a.id).body
        ]
        assert len(with_kerry) > 1
        main.reading.open(with_kerry[-1])
        await settle(pilot)
        await _choose_kerry(pilot)
        assert main.steps.occurrences[0].article.id == with_kerry[-1]
        await pilot.press("enter")  # the first mention: in this article
        await settle(pilot)
        assert main.article.id == with_kerry[-1]
        info = main.status.info
        assert "in this article" in info and "mention 1/" in info
        assert "Kerry" not in info  # the message beside it names him already


LONG_ORG = "Northern Waterways Regulatory Commission"


async def test_a_long_names_count_stays_on_its_row(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    sentences = [
        f"The {LONG_ORG} said on Monday that the canal would stay shut.",
        f"A spokesman for the {LONG_ORG} declined to comment further.",
    ] * 3
    write_article(folder, "a.txt", "Canal shut", " ".join(sentences))
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await pilot.press("e")
        await _entities_listed(pilot, main)
        options = main.query_one("#entity-list", OptionList)
        ids = [options.get_option_at_index(i).id for i in range(options.option_count)]
        assert f"org:{LONG_ORG.lower()}" in ids  # the premise: one organisation, six times
        lines = [options.render_line(y).text for y in range(options.size.height)]
        rows = [line for line in lines if "Northern" in line or "Commission" in line]
        # one row: the name cut short, the count on it (it wrapped to the next line)
        assert len(rows) == 1, lines
        assert "…" in rows[0] and "×6" in rows[0]
        assert rows[0].rstrip().endswith("×6")


async def test_the_entity_list_has_the_pane_until_one_is_chosen(app) -> None:
    """At 80x24 the list took half the pane (to keep room for the mentions of an entity
    not yet chosen: a three-line hint and blank rows); it now has all but the hint."""
    async with app.run_test(size=(80, 24)) as pilot:
        main = await ready(pilot)
        await pilot.press("e")
        await _entities_listed(pilot, main)
        await settle(pilot)
        pane = main.query_one(EntityPane)
        entity_list = main.query_one("#entity-list", OptionList)
        hint = main.query_one("#occurrence-list", OptionList)
        assert entity_list.max_scroll_y > 0  # the premise: more entities than rows
        assert entity_list.size.height >= pane.content_size.height - hint.size.height - 2
        # chosen: the list gives the room to the entity's mentions
        await pilot.press("enter")
        await settle(pilot)
        assert entity_list.size.height <= pane.content_size.height * 0.35 + 1
        assert hint.size.height >= 4


async def test_mentioned_with_keeps_each_count_on_its_row(app) -> None:
    """ "Mentioned with": each name and its counts on one row, the counts explained in
    the title ("5 art · 6 sent" wrapped under long names); on a wide terminal the pane
    is wider."""
    async with app.run_test(size=(160, 45)) as pilot:
        await ready(pilot)
        await _choose_kerry(pilot)
        main = app.main_screen()
        together = main.query_one("#together-list", OptionList)
        await wait_for(pilot, lambda: together.option_count > 1, what="who is mentioned with")
        title = main.query_one("#together-title")
        assert "articles · sentences with both" in str(title.render())
        width = together.scrollable_content_region.width
        rows = [together.get_option_at_index(i) for i in range(together.option_count)]
        assert any(len(option.prompt.plain) > width for option in rows)  # the premise
        lines = [together.render_line(y).text.rstrip() for y in range(together.size.height)]
        assert all(line == "" or line[-1].isdigit() for line in lines), lines
        pane = main.query_one(EntityPane)
        narrow = pane.size.width
        await pilot.resize_terminal(200, 50)
        await settle(pilot)
        assert pane.size.width > narrow


async def test_an_empty_folder_offers_no_entity_to_choose(tmp_path: Path) -> None:
    """No article: the pane said 'Open an article to see its entities' and, under it,
    'Choose an entity (Enter) to see every article that mentions it'."""
    folder = tmp_path / "empty"
    folder.mkdir()
    app = make_app(folder)
    async with app.run_test(size=SIZE) as pilot:
        main = app.main_screen()
        await wait_for(pilot, lambda: main.status.message == "No articles", what="no articles")
        await pilot.press("e")
        await settle(pilot)
        entities = main.query_one("#entity-list", OptionList)
        hint = main.query_one("#occurrence-list", OptionList)
        texts = [str(entities.get_option_at_index(i).prompt) for i in range(entities.option_count)]
        assert texts == ["Open an article to see its entities."]
        assert hint.option_count == 0


async def test_the_lists_scrollbars_stand_against_the_panes_border(app) -> None:
    """The entity list's scrollbar had a blank column on its right, between it and the
    pane's border (the list's right padding, drawn outside the scrollbar)."""
    async with app.run_test(size=SIZE) as pilot:
        main = await ready(pilot)
        await _choose_kerry(pilot)
        pane = main.query_one(EntityPane)
        inner_right = pane.content_region.right
        for name in ("#entity-list", "#occurrence-list", "#together-list"):
            listing = main.query_one(name, OptionList)
            assert listing.region.right == inner_right, name
            # the last column is the scrollbar's gutter: the rows end just before it
            assert listing.scrollable_content_region.right == inner_right - 1, name
            if listing.show_vertical_scrollbar:
                assert listing.vertical_scrollbar.region.right == inner_right, name
        entity_list = main.query_one("#entity-list", OptionList)
        assert entity_list.show_vertical_scrollbar  # the premise: the seeds' list scrolls


async def test_on_a_narrow_terminal_the_pane_shows_alone_while_it_has_the_focus(app) -> None:
    """At 60 columns the pane (34 wide) left the reader 22: articles read a few words a
    line. Below 80 the open pane takes the width while it has the focus; Esc shows the
    reader, e or Tab brings the pane back, e in it closes it."""
    async with app.run_test(size=(60, 20)) as pilot:
        main = await ready(pilot)
        pane, column = main.entity_pane, main.query_one("#reader-column")
        await pilot.press("enter", "e")
        await settle(pilot)
        assert main.entities_open and pane.display and not column.display
        assert pane.outer_size.width == 60
        await pilot.press("escape")
        await settle(pilot)
        assert app.focused is main.reader
        assert column.display and not pane.display and main.entities_open
        await pilot.press("e")  # still open: back in sight, not closed
        await settle(pilot)
        assert pane.display and pane.has_focus_within and not column.display
        await pilot.press("escape", "tab")
        await settle(pilot)
        assert pane.display and pane.has_focus_within
        await pilot.press("e")
        await settle(pilot)
        assert not main.entities_open and not pane.display and column.display
