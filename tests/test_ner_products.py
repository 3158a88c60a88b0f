"""Products, things, shops and events are not people, places or organisations:
what the words around a name say (tui/ner/context.py, tui/ner/things.py)."""

from __future__ import annotations

import random

from tui.entities import Recognizer, load_gazetteer
from tui.ner.context import correct_by_context
from tui.ner.document import TAGGER, Candidate
from tui.ner.roles import shop_verbs
from tui.ner.things import drop_common_words
from tui.ner.types import ORG, PERSON, PLACE


def names(text: str) -> dict[str, str]:
    rec = Recognizer(load_gazetteer())
    return {m.text: m.type for m in rec.extract(text) if m.type != "date"}


def test_a_name_after_a_possessive_or_a_measure_is_a_thing_and_so_are_its_models():
    got = names(
        "I charge my Zentrix at night. The 13-inch Zentrix weighs little, and the "
        "13-inch Zentrix Air is lighter. Our Zentrix is two years old, and Zentrix "
        "owners like it."
    )
    assert not any("Zentrix" in n for n in got), got


def test_a_name_before_a_noun_after_an_article_stays_a_name():
    # "a Quillo account": the article is the account's; the company stays
    got = names(
        "She opened a Quillo account in May. Quillo said on Monday that a Quillo "
        "account costs less than before, and state-owned Quillo rivals agreed."
    )
    assert got.get("Quillo") == "org", got


def test_a_name_before_a_model_number_is_a_thing():
    got = names(
        "Routers that support Velnet 6 devices cost more. You need Velnet 6 hardware "
        "to see the gain, and a Velnet 6 mesh covers a house. Velnet was named by a "
        "trade group."
    )
    assert "Velnet" not in got, got


def test_a_table_of_points_keeps_its_names():
    got = names("Standings after nine rounds:\n1. Kestrava 280 points\n2. Morrow 269 points\n")
    assert "Kestrava" in got or "Morrow" in got, got


def test_abbreviations_the_text_writes_as_plurals_are_not_organisations():
    got = names(
        "The electric QRV is quiet. Sales of QRVs rose this year, and the QRV market "
        "grew as buyers left sedans for QRVs."
    )
    assert not any(n.startswith("QRV") for n in got), got


def test_a_place_the_text_sells_at_is_a_business_and_one_it_lives_in_is_a_place():
    got = names(
        "Deals\n\nGet the kettle at Aurora for $20 today. The toaster is at Aurora for "
        "$35, and Aurora offers free delivery."
    )
    assert got.get("Aurora") == ORG, got
    got = names(
        "She grew up in Aurora and went to school in Aurora. Aurora officials said the "
        "roads were closed."
    )
    assert got.get("Aurora") == PLACE, got


def _cand(surface: str, typ: str, first: int) -> Candidate:
    return Candidate(
        first * 10, first * 10 + len(surface), first, first + len(surface.split()),
        surface, surface.lower(), typ, TAGGER,
    )  # fmt: skip


def test_a_name_that_ends_in_a_day_of_the_week_is_an_event_unless_it_starts_with_a_place():
    cands = [_cand("Mega Friday", PLACE, 0), _cand("Sheffield Wednesday", ORG, 5)]
    correct_by_context(cands)
    assert cands[0].type is None
    assert cands[1].type == ORG


def test_a_name_after_a_noun_of_things_is_a_thing_in_the_whole_text():
    got = names(
        "Astronomers watched the moon Veltra for weeks. Veltra has an icy shell, and "
        "plumes rise from Veltra often."
    )
    assert "Veltra" not in got, got


def test_a_title_after_the_inside_a_sentence_is_a_work_but_a_plural_is_a_band():
    got = names(
        "I first read The Grey Harbour in school. Years later she gave me The Grey "
        "Harbour again, and I loved The Grey Harbour more."
    )
    assert "Grey Harbour" not in got, got
    got = names("We saw The Grey Owls live, and then The Grey Owls played again in Leeds.")
    assert "Grey Owls" in got, got


def test_a_word_that_only_ever_opens_a_line_before_a_noun_is_no_name():
    def opening(word: str, after: str, k: int) -> Candidate:
        c = _cand(word, ORG, k)
        c.before, c.after = ":", after
        return c

    cands = [opening("Dearest", w, k) for k, w in enumerate(("films", "books", "trips"))]
    assert drop_common_words(cands, set(), {}, "") == []
    # a company that each sentence opens with, before its verbs, stays
    said = [opening("Zapcorp", w, k) for k, w in enumerate(("said", "plunged", "will"))]
    assert len(drop_common_words(said, set(), {}, "")) == 3


def test_names_that_differ_only_in_their_last_word_are_a_product_line():
    got = names(
        "Trovex Glide is the light one. Trovex Summit weighs more, and Trovex Ridge is "
        "the cheapest. Each Trovex Glide ships in May."
    )
    assert not any("Trovex" in n for n in got), got
    # people who share a given name are people
    got = names("John Smith met John Brown and John Hale in Leeds on Monday.")
    assert got.get("John Smith") == "person" and got.get("John Hale") == "person", got


def test_an_abbreviation_a_text_describes_like_a_thing_is_no_organisation():
    got = names(
        "Volt Motors showed a weird QZX at the fair. It is the seventh QZX the firm has "
        "made, and the QZX went on sale in May."
    )
    assert "QZX" not in got and got.get("Volt Motors") == "org", got
    got = names("Shares in insurer QZX rose. The QZX board met, and QZX said profits grew.")
    assert got.get("QZX") == "org", got


def test_a_name_with_a_model_code_is_a_product_not_a_person():
    def cand(surface: str, kind: str, k: int) -> Candidate:
        c = _cand(surface, kind, k)
        c.before, c.after = "the", "should"
        return c

    cands = [
        cand("Zapware ZX4410QT", PERSON, 0),
        cand("Velmora VK3300", PLACE, 1),
        cand("Quorix QX2200", ORG, 2),
    ]
    assert drop_common_words(cands, set(), {}, "") == []
    # short codes of roads, groups and planes, and names without digits stay
    kept = [
        cand("Zapware Quill", PERSON, 0),
        cand("M25", PLACE, 1),
        cand("G20", ORG, 2),
        cand("Zapjet A380", ORG, 3),
    ]
    assert [c.surface for c in drop_common_words(kept, set(), {}, "")] == [c.surface for c in kept]
    got = names(
        "If you want the biggest screen, the Zapware ZX4410QT should be at the top of "
        "your list. Specs include a curved panel."
    )
    assert not any("ZX4410QT" in n for n in got), got


def test_a_shop_verb_opening_a_link_is_no_part_of_the_name():
    cands = [_cand("Buy Zapquest Deluxe", PLACE, 0), _cand("Order of Velmora", ORG, 5)]
    cands.append(_cand("Shop Quorix Lamps", PERSON, 9))
    shop_verbs(cands)
    assert [c.surface for c in cands] == ["Zapquest Deluxe", "Order of Velmora", "Quorix Lamps"]
    assert cands[0].key == "zapquest deluxe" and cands[0].start == 4 and cands[0].first == 1
    assert [c.type for c in cands] == [None, ORG, None]
    got = names(
        "New Release: Last Chance to Buy Zapquest Deluxe or Lite and Get $10 Credit\n"
        "Zapquest Deluxe is the game of the year, Velmora Games said."
    )
    assert not any("Zapquest" in n for n in got), got
    assert "Velmora Games" in got, got  # the other names stay


def test_a_name_a_shop_line_sells_for_a_price_is_a_product():
    text = (
        "Best deals this week\n"
        "Marlow Dot Plus for $199\n"
        "The smaller, more portable Marlow Dot fits in a bag. It costs less than "
        "the original Marlow Dot, and the Dot is light.\n"
        "* Get it at Brellmart for $199\n"
        "Echo Pebble with clock for $45\n"
        "The new Echo Pebble with a clock shows the time.\n"
        "Harriet Mulgrave, who runs the shop in Brisbane, said prices would rise.\n"
    )
    got = names(text)
    assert not any("Marlow" in n or "Pebble" in n for n in got), got
    assert got.get("Harriet Mulgrave") == "person", got
    assert "Dot" not in got, got
    # a shop that sells it, and a name before what a line says of it, stay
    assert "Brellmart" in got, got
    assert "Tessa Quorn" in names("Tessa Quorn dresses sell for $5,000\nThey were hers.\n")


def test_a_word_before_a_weekday_the_text_repeats_is_no_name():
    text = (
        "Zorple Friday deals\n"
        "As we head into the season of Zorple Friday and Cyber Monday, prices fall. "
        "Officials met in Washington Tuesday, and Dana Kettle flew to Brisbane.\n"
    )
    got = names(text)
    assert "Zorple" not in got, got
    assert got.get("Washington") == "place", got


def test_a_name_in_a_title_that_opens_with_a_preposition_is_no_place():
    text = (
        "Books of the year\n"
        "4. The Dark Charm of Ilsa Marrow's Memoir, In the Velmor House\n"
        "Three years ago, my friend handed me a novel. She lived in Brisbane, "
        "and in the Velmor Valley before that.\n"
    )
    got = names(text)
    assert "Velmor House" not in got, got
    assert got.get("Brisbane") == "place", got


def test_a_name_a_text_puts_before_devices_or_built_in_is_no_person():
    text = (
        "Smart homes\n"
        "One of my top requests to Quorrel is to ask for the time. You can ask "
        "Quorrel to play music. The earbuds have Quorrel built-in, and other "
        "Quorrel devices work too. Annika Stroud, who tested them, liked them.\n"
    )
    got = names(text)
    assert got.get("Quorrel") != "person", got
    assert got.get("Annika Stroud") == "person", got


def test_a_school_the_tagger_takes_for_a_place_is_an_organisation():
    cands = [_cand("Harbourton University", PLACE, 0), _cand("Velbury Institute", PLACE, 5)]
    correct_by_context(cands)
    assert [c.type for c in cands] == [ORG, ORG]
    # places whose last word is no school's stay
    cands = [_cand("Harbourton Heights", PLACE, 0), _cand("University Park", PLACE, 5)]
    correct_by_context(cands)
    assert [c.type for c in cands] == [PLACE, PLACE]


def test_a_person_after_its_our_or_their_and_before_a_noun_is_a_brand():
    text = "Zorvex will offer its Kelmoor Dawn lander. Kelmoor Dawn flies in May."

    def at(surface: str, nth: int, before: str, after: str) -> Candidate:
        start = -1
        for _ in range(nth + 1):
            start = text.index(surface, start + 1)
        c = _cand(surface, PERSON, 0)
        c.start, c.end = start, start + len(surface)
        c.before, c.after = before, after
        return c

    cands = [at("Kelmoor Dawn", 0, "its", "lander"), at("Kelmoor Dawn", 1, ".", "flies")]
    assert [c.type for c in drop_common_words(cands, set(), {}, text)] == [ORG, ORG]
    # a verb after it, or a person's name the lists know ("their Clinton counterparts")
    text = "Zorvex said its Kelmoor Dawn said so."
    cands = [at("Kelmoor Dawn", 0, "its", "said")]
    assert [c.type for c in drop_common_words(cands, set(), {}, text)] == [PERSON]
    text = "They met their Smith counterparts."
    cands = [at("Smith", 0, "their", "counterparts")]
    assert [c.type for c in drop_common_words(cands, set(), {}, text)] == [PERSON]


def test_a_person_named_after_a_building_is_a_place_and_a_legal_form_makes_an_organisation():
    cands = [_cand("Zarla Music Center", PERSON, 0), _cand("Jo Vale", PERSON, 5)]
    correct_by_context(cands)
    assert [c.type for c in cands] == [PLACE, PERSON]
    text = "Jo Lee, head of sales for Zapger, Inc., said Zapger grew."
    zapger = [_cand("Zapger", PERSON, 0), _cand("Zapger", PERSON, 1)]
    for c, at in zip(zapger, (text.index("Zapger"), text.rindex("Zapger")), strict=True):
        c.start, c.end = at, at + len("Zapger")
    jo = _cand("Jo Lee", PERSON, 2)
    jo.start, jo.end = 0, len("Jo Lee")  # followed by ", head": no legal form
    cands = sorted([jo, *zapger], key=lambda c: c.start)
    correct_by_context(cands, set(), text)
    assert [c.type for c in cands] == [PERSON, ORG, ORG]


def test_a_name_made_a_modifier_by_a_hyphen_and_a_common_word_is_no_name():
    # "Lindqvist-like": the text writes "like" on its own, so the compound
    # describes something; a double-barrelled name stays a person's
    got = names("Anna Lindqvist-like figures would like to run. Mary Smith-Jones met them.")
    assert not any("Lindqvist" in n for n in got), got
    assert got.get("Mary Smith-Jones") == "person", got


def test_a_name_a_sentence_gives_as_a_records_title_is_no_name():
    def kept(text: str, *named: str) -> list[str]:
        cands, at = [], 0
        for surface in named:
            start = at = text.index(surface, at)
            c = _cand(surface, PLACE, 0)
            c.start, c.end = start, start + len(surface)
            c.before = text[:start].split()[-1] if text[:start].split() else ""
            cands.append(c)
        return [c.surface for c in drop_common_words(cands, set(), {}, text)]

    # titles listed after "singles include", one after "single", "album"
    text = "They split. Their singles include Went To Zorvo, Year 4000, Held The Garden and Yes."
    assert kept(text, "Went To Zorvo", "Held The Garden") == []
    assert kept("Their new single Held The Garden went to number one.", "Held The Garden") == []
    # a title at each of its mentions
    text = "The single Held The Garden is out. If Held The Garden reaches number one, Jo Vale wins."
    assert kept(text, "Held The Garden", "Held The Garden", "Jo Vale") == ["Jo Vale"]
    assert kept("She recorded the album Zorvo Lights in Quenby.", "Zorvo Lights") == []
    # the list ends at a word in lower case; "singles" alone is an event; a count
    text = "Their singles include two hits, and they toured Quenby and Zorvo Vale."
    assert kept(text, "Quenby", "Zorvo Vale") == ["Quenby", "Zorvo Vale"]
    text = "In the men's singles Zorvo Vale beat Jo Quennvale."
    assert kept(text, "Zorvo Vale") == ["Zorvo Vale"]
    assert kept("It was won by a single Quennvale try.", "Quennvale") == ["Quennvale"]
    # a place a list knows stays
    assert kept("Their singles include London Calling.", "London") == ["London"]
    # in capitals too (the look for such a noun in the text is made in lower case)
    assert kept("THE ALBUM Zorvo Lights is out.", "Zorvo Lights") == []
    assert kept("Their SINGLES include Held The Garden.", "Held The Garden") == []


def test_a_name_is_read_for_a_title_only_after_what_may_end_a_records_noun():
    """drop_common_words asks listed_work only where the character before a name
    (past white space) may end "single", "song", "track" or "album", in any case,
    or where "include" follows what may end a record's noun: listed_work finds
    no title elsewhere."""
    from tui.gazetteer import lexicon
    from tui.ner.works import listed_work, lists_titles, may_follow_work

    pieces = [
        "single ",
        "SINGLE ",
        "Song\n",
        "track  ",
        "ALBUM ",
        "singles ",
        "hits ",
        "the ",
        "a ",
        ", ",
        ". ",
        "Zorvo ",
        "Lane ",
        "\u212a ",
        "TRAC",
        "\u0130 ",
        "include ",
        "including ",
        "Includes ",
        ",include ",
    ]
    rng = random.Random(16)
    found = listed = 0
    for _ in range(6000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 7))) + "Held Over"
        c = _cand("Held Over", PLACE, 0)
        c.start, c.end = len(text) - 9, len(text)
        if listed_work(c, text, lexicon()):
            found += 1
            listed += not may_follow_work(c, text)
            assert may_follow_work(c, text) or lists_titles(text), repr(text)
    assert found > 300 and listed > 20

    def follows(text: str) -> bool:
        c = _cand("Held", PLACE, 0)
        c.start = text.index("Held")
        c.end = c.start + 4
        return may_follow_work(c, text)

    assert follows("a SONG Held") and follows("a TRAC\u212a Held") and follows("album\tHeld")
    assert not follows("a hit Held") and not follows("at the Held") and not follows("Held")
    assert not lists_titles("the band, including Held")
    assert lists_titles("Their SONGS  include Held")


def test_a_name_mostly_after_a_models_number_and_variant_is_a_product():
    text = (
        "Velta Air ordered 30 of Quarrow's 352-4B Zorvoliner jets on Monday. "
        "It adds to five 352 Zorvoliner sales this week. The 352-4 Zorvoliner seats 300, "
        "and the Zorvoliner flew in May. Jo Kestrel said so."
    )

    def kept(*named: str) -> list[str]:
        cands, at = [], 0
        for surface in named:
            start = at = text.index(surface, at)
            c = _cand(surface, PERSON, 0)
            c.start, c.end = start, start + len(surface)
            c.before = text[:start].split()[-1]
            c.after = text[c.end :].split()[0].strip(",.")
            cands.append(c)
        return [c.surface for c in drop_common_words(cands, set(), {}, text)]

    assert kept("Zorvoliner", "Zorvoliner", "Zorvoliner", "Zorvoliner", "Jo Kestrel") == [
        "Jo Kestrel"
    ]
    # a score ("2-1") or a season ("2004-05") is no model's number
    text = "Velta won 2-1 Zorvo at home in the 2004-05 Zorvo season, and Zorvo fans sang."
    assert kept("Zorvo", "Zorvo", "Zorvo") == ["Zorvo", "Zorvo", "Zorvo"]
