"""Cleaning scraped article text: the bundled seeds, general rules, user rules."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from tui import paths
from tui.cleaning import (
    CLEANER_VERSION,
    Cleaned,
    Rules,
    clean,
    default_rules,
    load_rules,
    required_literal,
    user_rules,
)

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def seed(stem_prefix: str) -> Cleaned:
    (path,) = SEEDS.glob(f"{stem_prefix}_*.txt")
    return clean(path.read_text(encoding="utf-8"), name=path.stem)


def paragraphs(cleaned: Cleaned) -> list[str]:
    return cleaned.body.split("\n\n")


def heading_texts(cleaned: Cleaned) -> list[str]:
    return [cleaned.body[start:end] for start, end in cleaned.headings]


def assert_gone(cleaned: Cleaned, *cruft: str) -> None:
    for text in cruft:
        assert text not in cleaned.body, text
        assert text not in cleaned.title, text


def assert_kept(cleaned: Cleaned, *sentences: str) -> None:
    for sentence in sentences:
        assert sentence in cleaned.body, sentence


# --------------------------------------------------------------------------- the five seeds


def test_seed_000_rferl_page() -> None:
    c = seed("000")
    assert c.title == "Russia Says Ready To Discuss Syrian Truce"
    assert c.source == "RFE/RL"
    assert_gone(
        c,
        "Accessibility links",
        "Breaking News",
        "A man drives his motorbike past damaged buildings",  # duplicated caption
        "16x9 Image",
        "journalists report the news in 27 languages",
        "undesirable organization",
        "fines or imprisonment",
        "click here",
    )
    assert_kept(
        c,
        "Russia says it is ready to discuss a possible cease-fire in Syria",
        'Moscow opposed plans to establish a "safe zone"',
        "The humanitarian situation is deteriorating rapidly in the city",
        "With reporting by AP, AFP, Reuters, Interfax, and TASS",
    )
    ps = paragraphs(c)
    assert len(ps) == 27  # 23 paragraphs, 2 subheadings, the credit line ... and nothing else
    assert ps[0].startswith("Russia says it is ready")
    assert ps[-1] == "With reporting by AP, AFP, Reuters, Interfax, and TASS"
    assert heading_texts(c) == ["Kurdish Gains", "Russian Strikes"]


def test_seed_001_afp_page() -> None:
    c = seed("001")
    assert c.title == "Russia ready to discuss Syria ceasefire at international talks"
    assert c.source == "AFP"
    assert c.date == "2016-02-11"
    assert_gone(c, "11th February 2016", "Comments", "© 2016 AFP", "To This Article")
    assert_kept(
        c,
        "Russia said Thursday it was ready to discuss a ceasefire in Syria",
        "Analysts see little hope of reconciling differences.",
        "\"We do not have the word 'idiot' written on our foreheads,\"",
        'saying it was turning the region into "a pool of blood".',
    )
    ps = paragraphs(c)
    assert len(ps) == 26
    assert ps[-1].startswith("He has also slammed Washington")
    # AFP's "- Subheading -" dashes are decoration.
    assert heading_texts(c) == ["'Russia destabilising the West'", "Lack of US commitment"]


def test_seed_002_page_with_caption_and_not_found_footer() -> None:
    c = seed("002")
    assert c.title == "Russia announces resumption of Syria talks with US, regional powers"
    assert c.source == "AFP"
    assert c.date is None  # the caption's photo date is not the publication date
    assert_gone(
        c,
        "Skip to main content",
        "George Ourfalian",
        "5 min",
        "Daily newsletter",
        "Page not found",
        "The content you requested",
    )
    assert_kept(
        c,
        "Russia on Wednesday said it would hold Syria talks with the US",
        "Heavy aerial bombardment of eastern Aleppo resumed on Tuesday",
        'said he hoped Saturday\'s talks would be "fruitful".',
    )
    # A paragraph hard-wrapped over two lines is one paragraph.
    assert "military flights over Syria's Aleppo city, sparking" in c.body
    ps = paragraphs(c)
    assert len(ps) == 25
    assert heading_texts(c) == [
        "Air strikes target rebel-held Aleppo districts",
        "Putin dismisses French war crimes accusations",
    ]


def test_seed_003_ads_and_related_headline() -> None:
    c = seed("003")
    assert c.title == "Russia blames US for bombings in Syrian Aleppo"
    assert_gone(c, "Share", "Advertisement", "Kerry wants 'all or nothing' truce")
    assert_kept(
        c,
        "The first peace talks in two years collapsed last week",
        "Overall, the United Nations says nearly half a million people are besieged in Syria.",
        "the Kurds appeared to be exploiting the chaos to expand their nearby enclave",
    )
    ps = paragraphs(c)
    assert len(ps) == 19
    assert ps[-1].startswith("With Syrian troops backed by Russian warplanes")
    assert c.headings == ()


def test_seed_004_comment_and_signup_forms() -> None:
    c = seed("004")
    assert c.title == "U.S., Russia labor over Syria truce deal but battles rage on"
    assert c.source == "Reuters"  # "a copy of which was seen by Reuters"
    assert_gone(
        c,
        "Leave a Reply",
        "Reset password",
        "Enter your email address",
        "Get started with your account",
        "favourite homes",
        "Sign up with email",
        "Terms of Use",
        "Powered by Estatik",
        "Content is protected",
    )
    assert_kept(
        c,
        "“We’re not there yet,” Obama told reporters",
        "He did not elaborate.",
        "Ankara fears that advances by the Kurdish YPG militia will embolden Kurdish militants",
    )
    ps = paragraphs(c)
    assert len(ps) == 29
    assert ps[-1].startswith("Ankara fears")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_body_is_clean_text(prefix: str) -> None:
    c = seed(prefix)
    assert c.title not in c.body
    assert "\n\n\n" not in c.body
    for para in paragraphs(c):
        assert para == " ".join(para.split())  # whitespace normalised, no empty paragraphs
    for start, end in c.headings:
        assert c.body[start:end] in paragraphs(c)
    assert c.removed  # every seed had cruft


# --------------------------------------------------------------------------- plain articles


def test_plain_article_keeps_everything() -> None:
    raw = (
        "Ad sales lift small brewer\n\n"
        "Profits at a small brewer rose 12% last year.\n\n"
        "Short.\n\n"
        "Brewing volumes were flat, the firm said, but prices rose."
    )
    c = clean(raw, name="file")
    assert c.title == "Ad sales lift small brewer"
    assert paragraphs(c) == [
        "Profits at a small brewer rose 12% last year.",
        "Short.",
        "Brewing volumes were flat, the firm said, but prices rose.",
    ]
    assert c.removed == ()


def test_plain_article_ending_in_short_unpunctuated_lines_is_kept() -> None:
    # A clean article shows no sign of being a scraped page: its last lines stay.
    raw = (
        "Cup draw made\n\n"
        "The draw for the next round was made on Monday.\n\n"
        "Chelsea v Everton\n\n"
        "Leeds v Hull\n\n"
        "Half-Life 2 is out now for the PC"
    )
    c = clean(raw)
    assert paragraphs(c)[1:] == [
        "Chelsea v Everton",
        "Leeds v Hull",
        "Half-Life 2 is out now for the PC",
    ]
    assert c.headings == ()


def test_markdown_title_and_subheadings() -> None:
    raw = (
        "# A *Markdown* title\n\nFirst paragraph of prose.\n\n## Background\n\nMore [b]prose[/b].\n"
    )
    c = clean(raw)
    assert c.title == "A *Markdown* title"  # markup is text, only the "#" goes
    assert paragraphs(c) == ["First paragraph of prose.", "Background", "More [b]prose[/b]."]
    assert heading_texts(c) == ["Background"]


def test_no_headline_falls_back_to_name() -> None:
    long = " ".join(["word"] * 60) + "."
    c = clean(long, name="my-file")
    assert c.title == "my-file"
    assert c.body == long
    assert clean("", name="empty") == Cleaned(title="empty", body="")


def test_windows_newlines_and_odd_whitespace() -> None:
    raw = "Title\u00a0here\r\n\r\nOne\tparagraph\u200b  with   space.\r\n\r\nTwo."
    c = clean(raw)
    assert c.title == "Title here"
    assert paragraphs(c) == ["One paragraph with space.", "Two."]


def test_clean_is_deterministic() -> None:
    raw = (SEEDS / next(SEEDS.glob("000_*.txt")).name).read_text(encoding="utf-8")
    assert clean(raw) == clean(raw) == clean(raw, default_rules())


# --------------------------------------------------------------------------- general rules

SCRAPED = """Home
World
Business
Markets

Oil surge knocks shares lower

By Jane Smith, Reuters
Published 12 March 2021

Stocks fell sharply on Tuesday as oil prices rose to a two-year high, traders said.

Advertisement

Analysts expect more volatility in the weeks ahead as central banks weigh their options.

He declined to comment.

A trader looks at screens on the floor of the exchange.
A trader looks at screens on the floor of the exchange.

Where next for prices

The index closed down 2.1%, its worst day since January.

Sign up for our daily newsletter

Share
Tweet
Email

Copyright © 2021 Reuters. All rights reserved.

Related Articles
Oil hits two-year high
Central banks weigh options
"""


def test_synthetic_scraped_article() -> None:
    c = clean(SCRAPED)
    assert c.title == "Oil surge knocks shares lower"
    assert c.byline == "Jane Smith"
    assert c.source == "Reuters"
    assert c.date == "2021-03-12"
    assert paragraphs(c) == [
        "Stocks fell sharply on Tuesday as oil prices rose to a two-year high, traders said.",
        "Analysts expect more volatility in the weeks ahead as central banks weigh their options.",
        "He declined to comment.",  # a short real paragraph: kept
        "Where next for prices",
        "The index closed down 2.1%, its worst day since January.",
    ]
    assert heading_texts(c) == ["Where next for prices"]
    for cruft in (
        "Home",
        "Advertisement",
        "Sign up for our daily newsletter",
        "Oil hits two-year high",
    ):
        assert cruft in c.removed
    assert c.removed.count("A trader looks at screens on the floor of the exchange.") == 2


def test_menu_lines_at_the_top() -> None:
    raw = "News\nSport\nWeather\n\nFloods close roads\n\nHeavy rain closed roads across the county."
    c = clean(raw)
    assert c.title == "Floods close roads"
    assert c.removed == ("News", "Sport", "Weather")


def test_duplicated_caption_lines_dropped_but_repeated_paragraph_kept_once() -> None:
    caption = "Rescuers search the rubble of a building in the city centre on Monday."
    raw = f"Quake hits city\n\n{caption}\n{caption}\n\nA strong earthquake struck the city.\n\n"
    raw += "It was felt for miles.\n\nIt was felt for miles."
    c = clean(raw)
    assert caption not in c.body
    assert paragraphs(c) == ["A strong earthquake struck the city.", "It was felt for miles."]


@pytest.mark.parametrize(
    "line",
    [
        "Sign up for our weekly newsletter",
        "Click here to read more",
        "© 2020 Example News Ltd",
        "Copyright 2019 The Daily Example",
        "Advertisement",
        "12 comments",
        "Share this article",
        "Image caption Crowds gathered outside the court",
        "Related: The 15 Weirdest Galaxies in Our Universe",
        "Sign Up for e-mail newsletters",
        "Advert",
        "This slideshow requires JavaScript.",
        "Tweets by @HarbourDaily",
        "Continue Reading Below",
    ],
)
def test_known_cruft_lines_in_the_body(line: str) -> None:
    raw = (
        f"Headline here\n\nFirst paragraph of the story.\n\n{line}\n\nSecond paragraph of the story"
    )
    raw += "."
    c = clean(raw)
    assert paragraphs(c) == ["First paragraph of the story.", "Second paragraph of the story."]
    assert c.removed == (line,)


@pytest.mark.parametrize(
    "para",
    [
        "He declined to comment.",
        "BT is offering customers free calls if they sign up to broadband in December.",
        '"Sign up for our newsletter and you will get nothing," he said.',
        "The firm's privacy policy was criticised by regulators on Monday.",
        "Share prices fell.",
        "Breaking news is hard to verify, the report said.",
    ],
)
def test_keep_when_unsure(para: str) -> None:
    for raw in (
        f"Headline here\n\nFirst paragraph of the story.\n\n{para}\n\nLast paragraph of the story.",
        f"Headline here\n\n{para}\n\nLast paragraph of the story.",
        f"Headline here\n\nFirst paragraph of the story.\n\n{para}",
    ):
        assert para in paragraphs(clean(raw)), raw


def test_title_repeated_in_body_is_dropped() -> None:
    c = clean("Big win for City\n\nBig win for City\n\nCity won 3-0 on Saturday.")
    assert c.body == "City won 3-0 on Saturday."


def test_title_site_suffix_is_not_title() -> None:
    c = clean("Markets slide again - Reuters\n\nShares fell on Friday.")
    assert c.title == "Markets slide again"
    assert c.source == "Reuters"


def test_dateline_gives_source() -> None:
    c = clean("Talks resume\n\nGENEVA (AFP) - Talks resumed on Monday after a pause.")
    assert c.source == "AFP"


@pytest.mark.parametrize(
    ("line", "iso"),
    [
        ("11th February 2016, Comments 0 comments", "2016-02-11"),
        ("February 11, 2016", "2016-02-11"),
        ("Updated 10:32 GMT, 3 Sept 2019", "2019-09-03"),
        ("2020-01-31", "2020-01-31"),
    ],
)
def test_date_lines_under_the_headline(line: str, iso: str) -> None:
    c = clean(f"Headline here\n\n{line}\n\nThe story starts here.")
    assert c.date == iso
    assert c.body == "The story starts here."


def test_invalid_or_body_dates_are_ignored() -> None:
    assert clean("Headline\n\n31 February 2016\n\nText.").date is None
    c = clean("Budget day\n\nThe budget will be unveiled on 16 March 2005.\n\nMore.")
    assert c.date is None
    assert c.body.startswith("The budget will be unveiled")


# --------------------------------------------------------------------------- rules and YAML


def test_default_rules_are_the_shipped_file_and_cached() -> None:
    rules = default_rules()
    assert rules is default_rules()
    assert rules == load_rules()
    assert rules.lines and rules.phrases and rules.footer and rules.keep
    assert ("AFP", ("AFP", "Agence France-Presse", "Agence France Presse")) in rules.outlets
    assert (paths.defaults_dir() / "boilerplate.yaml").is_file()


def test_empty_rules_only_apply_structure() -> None:
    c = clean("Advertisement\n\nHeadline\n\nText.", Rules())
    assert c.title == "Advertisement"  # no patterns: nothing is known to be cruft
    assert c.body == "Headline\n\nText."


def test_user_yaml_extends_the_defaults(tmp_path: Path) -> None:
    user = tmp_path / "boilerplate.yaml"
    user.write_text(
        "lines:\n  - 'listen to our podcast'\n"
        "phrases:\n  - '\\bmembers only\\b'\n"
        "outlets:\n  Example Times: ['Example Times', 'ET']\n",
        encoding="utf-8",
    )
    rules = load_rules([user])
    assert "listen to our podcast" in rules.lines
    assert set(default_rules().lines) < set(rules.lines)
    assert rules.fingerprint != default_rules().fingerprint
    raw = (
        "Headline here\n\nFirst paragraph of the story.\n\nListen to our podcast\n\n"
        "Members only: read on\n\nLast paragraph, told the Example Times."
    )
    default = clean(raw)
    assert "Listen to our podcast" in default.body
    c = clean(raw, rules)
    assert c.removed == ("Listen to our podcast", "Members only: read on")
    assert c.source == "Example Times"


def test_user_yaml_in_config_dir(hermetic_dirs: Path) -> None:
    config = paths.config_dir()
    config.mkdir(parents=True)
    (config / "boilerplate.yaml").write_text("footer:\n  - 'reader comments'\n", encoding="utf-8")
    rules = user_rules()
    c = clean(
        "Headline\n\nText one.\n\nText two.\n\nReader comments\n\nGreat piece, thanks!", rules
    )
    assert c.body == "Text one.\n\nText two."


def test_user_yaml_can_disable_a_shipped_pattern(tmp_path: Path) -> None:
    user = tmp_path / "b.yaml"
    user.write_text("disable:\n  - 'breaking news'\n", encoding="utf-8")
    rules = load_rules([user])
    assert "breaking news" not in rules.lines
    c = clean("Headline\n\nText one.\n\nBreaking news\n\nText two.", rules)
    assert "Breaking news" in c.body


def test_missing_files_are_ignored(tmp_path: Path) -> None:
    assert load_rules([tmp_path / "nope.yaml"]) == default_rules()
    empty = tmp_path / "empty.yaml"
    empty.write_text("", encoding="utf-8")
    assert load_rules([empty]) == default_rules()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("lines: [unclosed\n", "invalid YAML at line"),
        ("- just\n- a list\n", "expected a mapping"),
        ("lines: 12\n", "'lines' must be a list of strings"),
        ("lines:\n  - '(unbalanced'\n", "bad pattern"),
        ("lnies:\n  - 'typo'\n", "unknown key 'lnies'"),
        ("outlets: [AFP]\n", "'outlets' must map"),
        ("phrase_max_words: many\n", "phrase_max_words"),
    ],
)
def test_malformed_user_yaml(tmp_path: Path, text: str, message: str) -> None:
    bad = tmp_path / "boilerplate.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(ValueError) as info:
        load_rules([bad])
    assert message in str(info.value)
    assert str(bad) in str(info.value)
    assert "\n" not in str(info.value)


def test_fingerprint_tracks_rules_and_version() -> None:
    rules = default_rules()
    assert rules.fingerprint == load_rules().fingerprint
    more = dataclasses.replace(rules, lines=rules.lines + ("extra",))
    assert more.fingerprint != rules.fingerprint
    assert CLEANER_VERSION


def test_required_literal() -> None:
    assert required_literal(r"\bclick here\b") == "click here"
    assert required_literal(r"\b(daily|weekly) newsletters?\b") == "newsletter"
    assert required_literal(r"a|b") is None
    assert required_literal(r"[^|.]{2,60}\s\|\s") is None
    assert required_literal(r"abc{2}def") == "def"


def test_required_any_takes_a_group_of_plain_alternatives() -> None:
    from tui.cleaning.rules import required_any

    grouped = r"\b(get|receive) (the|our) .{0,30}\b(briefing|digest|newsletter)\b"
    assert required_any(grouped) == ("briefing", "digest", "newsletter")
    assert required_any(r"\bclick here\b") == ("click here",)
    assert required_any(r"(abc|def)?x") is None  # an optional group
    assert required_any(r"(abc|de)f") is None  # an alternative too short to tell
    assert required_any(r"(?:abc|def)") is None
    assert required_any(r"(abc|d[ef]g)") is None
    assert required_any(r"x|(abcd|efgh)") is None


def test_phrase_finder_skips_only_lines_no_pattern_can_match() -> None:
    from tui.cleaning.rules import _Finder

    patterns = (
        r"\b(get|receive) (the|our) .{0,30}\b(briefing|digest|newsletter)\b",
        r"\bsign up (for|to) (our|the)\b",
        r"\bsign up with\b",
    )
    finder = _Finder(patterns)
    # every pattern has a text its matches contain: no line runs the whole union
    # unless one of them is in it ("sign up with" is covered by "sign up")
    assert finder.literals == ("digest", "sign up", "briefing", "newsletter")
    lines = [
        "Get our free morning Briefing here",
        "Receive the weekly DIGEST",
        "get the news",
        "Sign up with Google",
        "Sign up to our alerts",
        "The minister did not sign the deal",
        "A digest of the week's stories",
    ]
    union = re.compile("|".join(patterns), re.IGNORECASE)
    assert [finder.search(t) for t in lines] == [bool(union.search(t)) for t in lines]
    assert [finder.search(t) for t in lines] == [True, True, False, True, True, False, False]


def test_cleaning_module_imports_only_stdlib_yaml_and_paths() -> None:
    import ast
    import sys

    import tui.cleaning as package

    folder = Path(package.__file__).parent
    modules = sorted(folder.glob("*.py"))
    assert len(modules) > 1  # the package, not one file
    for path in modules:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imported.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module.split(".")[0])
        third_party = {name for name in imported if name not in sys.stdlib_module_names}
        assert third_party <= {"yaml", "tui"}, path.name
        assert "textual" not in imported


def test_scraped_page_short_last_line_of_article_is_kept_above_footer_cruft() -> None:
    # The page is scraped (it has an ad), but the unpunctuated line sits between the
    # article and the footer: it may be the article's own, so it stays. Only a line
    # that ends the whole text, or sits inside the footer, is taken for a headline.
    raw = (
        "Game review\n\nAdvertisement\n\nThe game is a triumph of design.\n\n"
        "Football Manager is out now for the PC\n\nShare this article\n\n0 comments"
    )
    c = clean(raw)
    assert paragraphs(c) == [
        "The game is a triumph of design.",
        "Football Manager is out now for the PC",
    ]
    c = clean(raw + "\n\nRivals launch rival game at show")
    assert "Rivals launch rival game at show" in c.removed


def test_html_character_references_are_decoded() -> None:
    raw = (
        "Fine of &#163;1.8m for broadcaster\n\n"
        "The regulator fined it &#163;1.8m &amp; more, said Ren&#233;e.\n"
    )
    cleaned = clean(raw, Rules())
    assert cleaned.title == "Fine of £1.8m for broadcaster"
    assert cleaned.body == "The regulator fined it £1.8m & more, said Renée."


def test_unknown_or_control_references_stay_as_written() -> None:
    raw = "Title\n\nKeep &notanentity; and &#7; as they are.\n"
    assert clean(raw, Rules()).body == "Keep &notanentity; and &#7; as they are."


SCRAPED_MARKDOWN = """Skip to main content

We use cookies to improve your experience on our site. By using it you accept them.

# Ferry terminal plan approved

*The Lakeside Courier, 2021-03-09*

By Mara Quinn

Photo: Tom Reyes/Lakeside Courier

The town council voted on Monday to approve a plan for a ferry terminal, ending a year of debate.

Under the plan, the old boathouse will be turned into a ticket hall, the mayor said.

Get the evening briefing in your inbox

Critics said the council had not consulted the rowing club, which has used the shore for decades.

Read more: Ferry plan faces a challenge from the rowing club
"""


def test_scraped_markdown_page_with_outlet_date_line_and_cruft() -> None:
    cleaned = clean(SCRAPED_MARKDOWN)
    assert cleaned.title == "Ferry terminal plan approved"
    assert (cleaned.source, cleaned.date, cleaned.byline) == (
        "The Lakeside Courier",
        "2021-03-09",
        "Mara Quinn",
    )
    assert paragraphs(cleaned) == [
        "The town council voted on Monday to approve a plan for a ferry terminal, "
        "ending a year of debate.",
        "Under the plan, the old boathouse will be turned into a ticket hall, the mayor said.",
        "Critics said the council had not consulted the rowing club, which has used the "
        "shore for decades.",
    ]


def test_an_outlet_line_needs_a_date_and_a_name() -> None:
    # Without a date, or with prose beside it, the line is the article's.
    for line in ("The Lakeside Courier", "The council met on 2021-03-09 to vote on it"):
        text = f"Ferry plan\n\n{line}\n\nThe council voted to approve the plan on Monday."
        assert line in clean(text).body


def test_a_drop_cap_is_joined_to_its_word_when_the_text_says_they_are_one() -> None:
    """Pages set their first letter apart (a drop cap): scraped, "A dam Schiff's
    impeachment inquiry" (National Review) and "H ong Kong is burning" (the Guardian)
    opened their articles, and a search for "Adam" missed the first. Joined when the
    text writes the word so elsewhere, or in small letters while the tail is no word of
    its own there; "A new report" stays when the text also has "anew" and "new"."""
    from tui.cleaning.text import join_drop_caps

    assert join_drop_caps(["A dam Schiff's inquiry.", "Adam Schiff spoke."])[0] == (
        "Adam Schiff's inquiry."
    )
    assert join_drop_caps(["H ong Kong is burning.", "In Hong Kong, more."])[0] == (
        "Hong Kong is burning."
    )
    assert join_drop_caps(["W hile it rained, we left.", "We stayed a while."])[0] == (
        "While it rained, we left."
    )
    kept = ["A new report came.", "They began anew, with new hope.", "A man came.", "I see."]
    assert join_drop_caps(kept) == kept
    text = "The inquiry\n\nA dam Schiff's inquiry is incoherent, he wrote.\n\nAdam Schiff said no."
    assert clean(text).body.startswith("Adam Schiff's inquiry")


def test_a_hover_card_scraped_into_a_sentence_leaves_the_name_once() -> None:
    """The Hill's pages give each person a hover card, scraped into the sentence: "kill
    Rep. Ilhan OmarIlhan OmarHillicon Valley: ... | ... her MORE (D-Minn.), the ..." (the
    card's copy of the name glued on, its headlines, its "MORE" link). The sentence keeps
    the name once; a "MORE" without a glued name stays."""
    from tui.cleaning.text import drop_hover_cards

    card = (
        "Rep. Jana RoweJana RoweValley Report: Senators oppose a bill | Firms face "
        "questions on tracking Rowe asks court for compassion MORE (D-Minn.), the office said."
    )
    middle = "Gov. Kristi NoemKristi Lynn NoemGovernor doubles down on campaign MORE (R) spoke."
    kept = ["GET MORE NEWS BY CLICKING HERE", "He wanted MORE of it, Mr Rowe said."]
    assert drop_hover_cards([card, middle, *kept]) == [
        "Rep. Jana Rowe (D-Minn.), the office said.",
        "Gov. Kristi Noem (R) spoke.",
        *kept,
    ]
    text = f"Threat case\n\nA man threatened {card}\n\nHe will be sentenced in March."
    assert clean(text).body.startswith("A man threatened Rep. Jana Rowe (D-Minn.), the office")


def test_a_sign_up_box_after_the_story_goes() -> None:
    # space.com and Live Science end their stories so.
    raw = (
        "Water vapour found on a moon\n\nAstronomers found water vapour above the moon's "
        "icy surface, a team said on Monday.\n\nThe find backs earlier hints of plumes.\n\n"
        "Sign Up for e-mail newsletters\n\nNo spam, we promise. You can unsubscribe at any "
        "time and we'll never share your details without your permission.\n"
    )
    assert paragraphs(clean(raw)) == [
        "Astronomers found water vapour above the moon's icy surface, a team said on Monday.",
        "The find backs earlier hints of plumes.",
    ]


def test_a_list_of_links_under_a_more_heading_goes_and_an_article_s_list_stays() -> None:
    # Al Jazeera sets "More:" and three headlines of other stories between paragraphs.
    raw = (
        "Helicopter crash\n\nTwo US service members were killed in a helicopter crash in "
        "eastern Afghanistan on Wednesday, the US military said.\n\nMore:\n\n"
        "* Afghan politician sees talks as only hope\n\n* China invites officials for talks"
        "\n\nThe cause of the crash is under investigation, the military said.\n\n"
        "The demands were:\n\n* a ceasefire in the east\n\n* talks within a month\n\n"
        "Officials did not say when talks would begin."
    )
    c = clean(raw)
    assert "* China invites officials for talks" in c.removed
    assert "* Afghan politician sees talks as only hope" in c.removed
    assert "* a ceasefire in the east" in c.body and "* talks within a month" in c.body
    assert "The cause of the crash is under investigation" in c.body


def test_a_wordpress_post_navigation_starts_the_footer() -> None:
    raw = (
        "Bike and style\n\nIf you want a book that makes you feel great about being a biker, "
        "this is it, the reviewer wrote.\n\nIt is a very enjoyable title to leaf through.\n\n"
        "Post navigation\n\nPrevious Post: Free scooter training Next Post: Cleaner review"
        "\n\nLISTEN-IN\n\nSTUFF TO WATCH\n"
    )
    assert paragraphs(clean(raw)) == [
        "If you want a book that makes you feel great about being a biker, this is it, the "
        "reviewer wrote.",
        "It is a very enjoyable title to leaf through.",
    ]


def test_a_price_or_a_change_in_percent_is_no_time_of_day() -> None:
    """A stock table under a Fox Business story ("HD THE HOME DEPOT INC. 225.86 -12.99
    -5.44%") read as a time line ("12.99"), so the table's header above it scored as
    the headline, and the story's first paragraph was left out with it."""
    from tui.cleaning.headline import metaish

    assert not metaish("HD THE HOME DEPOT INC. 225.86 -12.99 -5.44%")
    assert not metaish("Shares closed at 12.45, up 3.5%")
    for line in ("November 19, 2019 6:30 AM", "Updated 6.30pm", "Posted 10:32", "2 hours ago"):
        assert metaish(line), line


def test_a_time_before_a_full_stop_or_with_dotted_am_pm_or_gmt_is_still_a_time() -> None:
    """The price rule (no "." right after a time) also lost the times that end a
    sentence or carry a dotted "p.m." or "GMT", which ref13 read as times."""
    from tui.cleaning.headline import metaish

    for line in ("6.30 p.m.", "Posted at 6:30pm.", "18.30 GMT", "10:15 a.m.", "9.30 A.M."):
        assert metaish(line), line
    for line in ("rose to 12.30.", "up 5.44%", "cost 1.50 amps", "a 1:2345 scale"):
        assert not metaish(line), line
