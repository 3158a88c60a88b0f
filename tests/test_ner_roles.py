"""What a name does in its sentence (tui/ner/roles.py), on fixtures of our own."""

from __future__ import annotations

from tui.entities import Recognizer, load_gazetteer
from tui.ner.document import CONTEXT, TAGGER, Candidate
from tui.ner.lists import (
    awards,
    examples_of_kinds,
    list_members,
    product_lists,
    quoted_titles,
    roles_in_works,
    sequels,
    stars_of_works,
)
from tui.ner.org_kinds import apposed_kinds
from tui.ner.roles import (
    compass_places,
    given_name_last,
    group_words,
    kinds_of_organisations,
    makers_of_goods,
    org_short_forms,
    owners_of_people,
    people_of_places,
    plural_abbreviations,
    question_openers,
    region_codes,
    score_sides,
    titled_people,
)
from tui.ner.types import ORG, PERSON, PLACE


def cand(text: str, surface: str, typ: str | None = PERSON, nth: int = 0) -> Candidate:
    """The nth mention of ``surface`` in ``text``, as the recogniser makes it."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(surface, at + 1)
    before = text[:at].split()
    after = text[at + len(surface) :].replace("'s", " ").replace(",", " , ").split()
    c = Candidate(at, at + len(surface), 0, 1, surface, surface.lower(), typ, TAGGER, surface)
    c.before = before[-1] if before else ""
    c.after = after[0].lower() if after else ""
    return c


def names(text: str) -> dict[str, str]:
    rec = Recognizer(load_gazetteer())
    return {m.text: m.type for m in rec.extract(text) if m.type != "date"}


def test_a_word_that_owns_a_person_or_has_members_is_an_organisation() -> None:
    text = "Harbourton's Jo Lee scored. Harbourton lead the table. Ossery fans sang."
    cands = [
        cand(text, "Harbourton"),
        cand(text, "Jo Lee"),
        cand(text, "Harbourton", nth=1),
        cand(text, "Ossery"),
    ]
    owners_of_people(cands, text)
    assert [c.type for c in cands] == [ORG, PERSON, ORG, ORG]
    # a business's customers and subscribers
    text = "Zapline customers complained. Zapline said sorry."
    cands = [cand(text, "Zapline"), cand(text, "Zapline", nth=1)]
    owners_of_people(cands, text)
    assert [c.type for c in cands] == [ORG, ORG]
    # a service's users and accounts ("posted on Zapchat": one text, one type)
    text = "Zapchat users were angry. She posted on Zapchat, then shut her Zapchat account."
    cands = [cand(text, "Zapchat"), cand(text, "Zapchat", nth=1), cand(text, "Zapchat", nth=2)]
    owners_of_people(cands, text)
    assert [c.type for c in cands] == [ORG, ORG, ORG]
    # a person's own fans or aides come with a possessive
    text = "Lee's fans sang, and Lee's aides left. Lee said so."
    cands = [cand(text, "Lee"), cand(text, "Lee", nth=1), cand(text, "Lee", nth=2)]
    owners_of_people(cands, text)
    assert [c.type for c in cands] == [PERSON] * 3


def test_a_word_that_only_qualifies_nouns_is_a_groups_word() -> None:
    text = "Whig leader Jo Lee said Whig plans would cut tax, unlike a Whig government."
    cands = [
        cand(text, "Whig"),
        cand(text, "Jo Lee"),
        cand(text, "Whig", nth=1),
        cand(text, "Whig", nth=2),
    ]
    group_words(cands, text)
    assert [c.type for c in cands] == [None, PERSON, None, None]
    # once, in a text that writes the plural
    text = "The Whigs won. Whig voters cheered."
    cands = [cand(text, "Whig", nth=1)]
    group_words(cands, text)
    assert cands[0].type is None


def test_a_person_who_acts_or_is_named_in_full_stays_a_person() -> None:
    text = "Marlo said the plan works. Marlo plans more."
    cands = [cand(text, "Marlo"), cand(text, "Marlo", nth=1)]
    group_words(cands, text)
    assert [c.type for c in cands] == [PERSON, PERSON]
    text = "Kit Marlo spoke. Marlo aides and Marlo supporters cheered."
    cands = [cand(text, "Kit Marlo"), cand(text, "Marlo", nth=1), cand(text, "Marlo", nth=2)]
    group_words(cands, text)
    assert [c.type for c in cands] == [PERSON] * 3


def test_an_auxiliary_that_opens_a_question_is_no_name() -> None:
    text = "Will Whig tax cuts work? Will Marlo sang."
    question = cand(text, "Will Whig")
    statement = cand(text, "Will Marlo")
    question_openers([question, statement], text)
    assert (question.surface, question.key, question.start) == ("Whig", "whig", 5)
    assert statement.surface == "Will Marlo"
    alone = cand("Will they come? Will", "Will")
    question_openers([alone], "Will they come? Will")
    assert alone.type is None


def test_a_place_and_a_point_of_the_compass_is_a_place() -> None:
    text = "Derby North voted. Zorbel North voted."
    known, unknown = cand(text, "Derby North", ORG), cand(text, "Zorbel North", ORG)
    compass_places([known, unknown])
    assert (known.type, unknown.type) == (PLACE, ORG)


def test_two_capitals_after_a_place_and_a_comma_are_a_regions_code() -> None:
    text = "June 9: Harbourton, ZQ. June 10: Ossery ZQ tour. ZQ fans, and the ZQ board."
    town = cand(text, "Harbourton", PLACE)
    code = cand(text, "ZQ", ORG)
    again = cand(text, "ZQ", ORG, nth=1)
    other = cand(text, "Ossery", PERSON)
    region_codes([town, code, other, again], text)
    assert (code.type, again.type, other.type) == (PLACE, PLACE, PERSON)
    # no place before it, or no comma: unchanged
    text = "Harbourton ZQ and Jo Lee, ZQ"
    cands = [cand(text, "Harbourton", PLACE), cand(text, "ZQ", ORG)]
    cands += [cand(text, "Jo Lee"), cand(text, "ZQ", ORG, nth=1)]
    region_codes(cands, text)
    assert [c.type for c in cands] == [PLACE, ORG, PERSON, ORG]


def test_the_recogniser_reads_a_team_and_a_party_word() -> None:
    rec = Recognizer(load_gazetteer())
    got = [
        (m.text, m.type)
        for m in rec.extract(
            "Harbourton manager Jo Marlow praised his side. Harbourton lead the league "
            "by four points after beating Ossery."
        )
        if m.text == "Harbourton"
    ]
    assert got == [("Harbourton", "org")] * 2, got
    got = names("Tory plans would cut tax, Jo Marlow said. He attacked the Tory plans.")
    assert "Tory" not in got and got.get("Jo Marlow") == "person", got


def test_a_word_after_a_noun_of_a_kind_of_organisation_is_one() -> None:
    text = "Russian oil firm Zapco sued. Zapco said so. Lord Zapco spoke in Kessab."
    cands = [cand(text, "Zapco"), cand(text, "Zapco", nth=1), cand(text, "Kessab", PLACE)]
    kinds_of_organisations(cands)
    assert [c.type for c in cands] == [ORG, ORG, PLACE]
    # the context decided it: the corpus keeps it (tui.ner.corpus)
    assert [c.source for c in cands[:2]] == [CONTEXT, CONTEXT]
    text = "the carrier Ireland and the firm Kessab"
    cands = [cand(text, "Ireland", PLACE), cand(text, "Kessab", PLACE)]
    kinds_of_organisations(cands)
    assert [c.type for c in cands] == [PLACE, ORG]  # a country stays one


def test_a_name_described_between_commas_as_a_kind_of_organisation_is_one() -> None:
    text = (
        "Zaptan, a Harbourton-based defence company, pleaded guilty. Zaptan paid. "
        "The Grey Zappers], a rescue service operating in Kessab, said so. "
        "Ossery, a town in the hills, flooded. Jo Vale, a senior broadcaster, spoke. "
        "Velmo, a group of fans, sang."
    )
    zaptan, again, zappers, ossery, vale, velmo = (
        cand(text, "Zaptan"),
        cand(text, "Zaptan", nth=1),
        cand(text, "Grey Zappers", PLACE),
        cand(text, "Ossery", PLACE),
        cand(text, "Jo Vale"),
        cand(text, "Velmo"),
    )
    apposed_kinds([zaptan, again, zappers, ossery, vale, velmo], text)
    # the company everywhere in the text; the sentence decided it
    assert [zaptan.type, again.type, zappers.type] == [ORG, ORG, ORG]
    assert zaptan.source == CONTEXT
    # a town, a person's job, a crowd: no organisation
    assert [ossery.type, vale.type, velmo.type] == [PLACE, PERSON, PERSON]


def test_a_kind_of_organisation_before_a_name_the_tagger_typed_one_there_names_it() -> None:
    # the tagger typed the mention after "bank" an organisation and the others
    # people: the text's vote made them all people before
    text = "involves private bank Zamerindo . Zamerindo said . Zamerindo declined ."
    cands = [cand(text, "Zamerindo", ORG), cand(text, "Zamerindo", nth=1)]
    cands.append(cand(text, "Zamerindo", nth=2))
    kinds_of_organisations(cands)
    assert [c.type for c in cands] == [ORG, ORG, ORG]
    # a name of two words whose first is no given name; a person's name is left
    text = "saplings maker Kessab Oy said . bank chairman Jo Vale said . the bank Jo Vale ."
    maker, chair, named = (
        cand(text, "Kessab Oy"),
        cand(text, "Jo Vale"),
        cand(text, "Jo Vale", nth=1),
    )
    kinds_of_organisations([maker, chair, named])
    assert [maker.type, chair.type, named.type] == [ORG, PERSON, PERSON]


def test_a_peers_title_and_a_name_is_a_person() -> None:
    text = "Lord Harbourton spoke. Dame Jo Marlow sang. Lord Chancellor Kessab. Lady Zed Hall."
    lord, dame = cand(text, "Lord Harbourton", PLACE), cand(text, "Dame Jo Marlow", ORG)
    office, hall = cand(text, "Lord Chancellor", ORG), cand(text, "Lady Zed Hall", ORG)
    titled_people([lord, dame, office, hall])
    assert [c.type for c in (lord, dame, office, hall)] == [PERSON, PERSON, ORG, ORG]


def test_a_feast_is_a_time_of_the_year() -> None:
    got = names("Sales fell after Christmas, and shops hope for a better Easter in Kessab.")
    assert "Christmas" not in got and "Easter" not in got, got


def test_the_two_sides_of_one_score_are_of_one_kind() -> None:
    text = "Zapton 2-1 Harbourton\n\nHarbourton lost. Lee 6-4 6-2 Kim."
    zap, harb = cand(text, "Zapton", ORG), cand(text, "Harbourton")
    again = cand(text, "Harbourton", nth=1)
    lee, kim = cand(text, "Lee"), cand(text, "Kim")
    score_sides([zap, harb, again, lee, kim], text)
    assert [c.type for c in (zap, harb, again, lee, kim)] == [ORG, ORG, ORG, PERSON, PERSON]
    # a player beside a team, with more than one score between them: unchanged
    text = "Zapton 6-4 6-2 Kim"
    zap, kim = cand(text, "Zapton", ORG), cand(text, "Kim")
    score_sides([zap, kim], text)
    assert kim.type == PERSON


def test_the_names_of_one_list_are_of_one_kind() -> None:
    # Sony and Microsoft are organisations every name list knows; Zentrix is not
    text = "Sony, Microsoft and Zentrix will release consoles. Zentrix has said so."
    cands = [
        cand(text, "Sony", ORG),
        cand(text, "Microsoft", ORG),
        cand(text, "Zentrix"),
        cand(text, "Zentrix", nth=1),
    ]
    list_members(cands, text)
    assert [c.type for c in cands] == [ORG, ORG, ORG, ORG]
    # the others not known as their type, or a list of two: left as they are
    text = "Visit us on Quorbook, Zentrix and Velgram today."
    cands = [cand(text, "Quorbook", PLACE), cand(text, "Zentrix"), cand(text, "Velgram", PLACE)]
    list_members(cands, text)
    assert cands[1].type == PERSON
    text = "Sony and Zentrix will release consoles."
    cands = [cand(text, "Sony", ORG), cand(text, "Zentrix")]
    list_members(cands, text)
    assert cands[1].type == PERSON
    # two lone words among three known names of one kind (and one the tagger typed)
    text = "Sony, Zentrix, Microsoft, Velgram, Quorbox and Honda make games."
    cands = [
        cand(text, "Sony", ORG),
        cand(text, "Zentrix"),
        cand(text, "Microsoft", ORG),
        cand(text, "Velgram"),
        cand(text, "Quorbox", ORG),
        cand(text, "Honda", ORG),
    ]
    list_members(cands, text)
    assert [c.type for c in cands] == [ORG] * 6
    # ... but not as many lone words as known names
    text = "Sony, Zentrix, Velgram and Honda make games."
    cands = [cand(text, "Sony", ORG), cand(text, "Zentrix"), cand(text, "Velgram")]
    cands.append(cand(text, "Honda", ORG))
    list_members(cands, text)
    assert [c.type for c in cands] == [ORG, PERSON, PERSON, ORG]
    # not a list: a full stop between
    text = "Sony, Microsoft. Zentrix spoke."
    cands = [cand(text, "Sony", ORG), cand(text, "Microsoft", ORG), cand(text, "Zentrix")]
    list_members(cands, text)
    assert cands[2].type == PERSON


def test_a_list_goes_on_past_an_item_the_tagger_took_for_no_name() -> None:
    # "Deir ez-Zor"-like: a lower-case particle, the tagger found no name there, and
    # the list fell in two of which neither had two known places
    text = "Strikes hit Paris, Berlin, Vell ak-Dorn, Zentrix and Madrid overnight."
    cands = [cand(text, "Paris", PLACE), cand(text, "Berlin", PLACE), cand(text, "Zentrix")]
    cands.append(cand(text, "Madrid", PLACE))
    list_members(cands, text)
    assert [c.type for c in cands] == [PLACE] * 4
    # not past a phrase in lower case, nor past a full stop
    for gap in ("the capital of Vell", "Vell. Then"):
        text = f"Strikes hit Paris, Berlin, {gap}, Zentrix and Madrid overnight."
        cands = [cand(text, "Paris", PLACE), cand(text, "Berlin", PLACE), cand(text, "Zentrix")]
        cands.append(cand(text, "Madrid", PLACE))
        list_members(cands, text)
        assert cands[2].type == PERSON, gap


def test_an_abbreviation_with_a_plural_s_is_no_part_of_a_name() -> None:
    text = "Fines were paid over two other New York DJs and three Zapton MPs."
    cands = [cand(text, "New York DJs", ORG), cand(text, "Zapton MPs", ORG)]
    plural_abbreviations(cands)
    assert [(c.surface, c.type) for c in cands] == [("New York", PLACE), ("Zapton", ORG)]
    assert text[cands[0].start : cands[0].end] == "New York"
    # a word in capitals with no plural "s", or a lone word: left alone
    text = "Shares in Zapton PLC and ZAPS rose."
    cands = [cand(text, "Zapton PLC", ORG), cand(text, "ZAPS", ORG)]
    plural_abbreviations(cands)
    assert [c.surface for c in cands] == ["Zapton PLC", "ZAPS"]


def test_a_place_that_acts_beside_its_organisation_named_in_full_is_the_organisation() -> None:
    text = (
        "Zapair Airline has bought 30 jets. Zapair said the jets come in 2023. "
        "Zapair is the biggest buyer. Flights from Zapair leave daily."
    )
    cands = [
        cand(text, "Zapair Airline", ORG),
        cand(text, "Zapair", PLACE, nth=1),
        cand(text, "Zapair", PLACE, nth=2),
        cand(text, "Zapair", PLACE, nth=3),
    ]
    for c in cands:
        c.key = c.key.lower()
    org_short_forms(cands)
    assert [c.type for c in cands] == [ORG, ORG, ORG, ORG]
    # acting once only, or no organisation named in full with it: a place
    text = "Zapair Airline flies to Kessab. Kessab said no. Flights from Kessab are full."
    cands = [cand(text, "Zapair Airline", ORG), cand(text, "Kessab", PLACE, nth=1)]
    org_short_forms(cands)
    assert cands[1].type == PLACE
    text = "Zapair Airline has bought jets. Zapair said so. Zapair is big."
    cands = [cand(text, "Zapair Airline", ORG), cand(text, "Zapair", PLACE, nth=1)]
    cands[1].after = "said"
    org_short_forms(cands)
    assert cands[1].type == PLACE  # one acting mention


def test_examples_of_a_kind_are_of_that_kind() -> None:
    text = "It offers franchises such as Zapper's Creed, Grey Harbour, Velquest and more."
    cands = [
        cand(text, "Zapper"),
        cand(text, "Creed", PLACE),
        cand(text, "Grey Harbour", ORG),
        cand(text, "Velquest"),
    ]
    examples_of_kinds(cands, text)
    assert [c.type for c in cands] == [None, None, None, None]
    text = "Firms such as Zentrix and Velmo cut prices; countries including Kessab joined."
    cands = [cand(text, "Zentrix"), cand(text, "Velmo", PLACE), cand(text, "Kessab", ORG)]
    examples_of_kinds(cands, text)
    assert [c.type for c in cands] == [ORG, ORG, PLACE]
    # a noun of no kind we know, or no "such as": left alone
    text = "Fans such as Jo Lee came. Games, Zentrix said, sell."
    cands = [cand(text, "Jo Lee"), cand(text, "Zentrix")]
    examples_of_kinds(cands, text)
    assert [c.type for c in cands] == [PERSON, PERSON]
    # a name a list knows as its type keeps it: "France" is a place
    text = "Products such as France and Zentrix sold well."
    cands = [cand(text, "France", PLACE), cand(text, "Zentrix", ORG)]
    cands[0].key = "france"
    examples_of_kinds(cands, text)
    assert [c.type for c in cands] == [PLACE, None]


def test_a_given_name_after_words_of_no_name_or_an_article_is_no_person() -> None:
    # an award named like a person: "Mabel" is a given name and no surname
    text = "It was up for the Best Velmoran Mabel, won a Mabel, then her second Mabel."
    cands = [cand(text, "Velmoran Mabel"), cand(text, "Mabel", nth=1), cand(text, "Mabel", nth=2)]
    cands[0].key, cands[1].key, cands[2].key = "velmoran mabel", "mabel", "mabel"
    cands[0].before = "Best"
    given_name_last(cands)
    assert [c.type for c in cands] == [None, None, None]
    # a person: the given name first, or a word before that is no capital's
    text = "Mabel Quennell met Velmoran Mabel. They saw Mabel Pryce at home."
    cands = [cand(text, "Mabel Quennell"), cand(text, "Velmoran Mabel"), cand(text, "Mabel")]
    cands[0].key, cands[1].key, cands[2].key = "mabel quennell", "velmoran mabel", "mabel"
    given_name_last(cands)
    assert [c.type for c in cands] == [PERSON, PERSON, PERSON]


def test_a_quoted_title_is_a_works_name() -> None:
    for text in (
        "The studio called 'Grey Harbour: Zapquest' a flagship game. Zapquest sold.",
        "The studio called ‘Grey Harbour: Zapquest’ a flagship game. Zapquest sold.",
    ):
        cands = [
            cand(text, "Grey Harbour", PLACE),
            cand(text, "Zapquest"),
            cand(text, "Zapquest", nth=1),
        ]
        quoted_titles(cands, text)
        assert [c.type for c in cands] == [None, None, None], text
    # the comma closing a title's clause inside its quotes, after a word that
    # introduces a work; not a quoted name that nothing introduces
    text = 'Her poem "Winter Hill, Kessab Station," won a prize in "Paris," she said.'
    cands = [
        cand(text, "Winter Hill", PERSON),
        cand(text, "Kessab Station", PLACE),
        cand(text, "Paris", PLACE),
    ]
    quoted_titles(cands, text)
    assert [c.type for c in cands] == [None, None, PLACE]
    # a quotation with words in lower case is someone's words, not a title
    text = 'He said "Jo Lee is here" and left.'
    cands = [cand(text, "Jo Lee")]
    quoted_titles(cands, text)
    assert cands[0].type == PERSON


def test_a_name_at_the_end_of_a_list_of_products_is_a_product() -> None:
    text = "It charges the zPhone, zPad, Zap Watch, and Zapbuds. Zapbuds cost $99."
    cands = [
        cand(text, "Zap Watch", None),
        cand(text, "Zapbuds", ORG),
        cand(text, "Zapbuds", ORG, 1),
    ]
    product_lists(cands, text)
    assert [c.type for c in cands] == [None, None, None]
    # an organisation among the items, or no item of a product's shape: left alone
    text = "Buy it on zShop, Velmo and Zentrix."
    cands = [cand(text, "Velmo", ORG), cand(text, "Zentrix", ORG)]
    product_lists(cands, text)
    assert cands[1].type == ORG
    text = "It charges the phone, the pad, and Zapbuds."
    cands = [cand(text, "Zapbuds", ORG)]
    product_lists(cands, text)
    assert cands[0].type == ORG


def test_what_a_person_has_a_role_in_is_a_work() -> None:
    text = "She was praised for her role in Vera Quill. Vera Quill won two prizes."
    cands = [cand(text, "Vera Quill"), cand(text, "Vera Quill", nth=1)]
    roles_in_works(cands, text)
    assert [c.type for c in cands] == [None, None]
    # a place, or a person's possessive after "role in": left alone
    text = "Its role in Kessab grew, as did his role in Jo Lee's rise."
    cands = [cand(text, "Kessab", PLACE), cand(text, "Jo Lee")]
    roles_in_works(cands, text)
    assert [c.type for c in cands] == [PLACE, PERSON]


def test_a_place_no_list_knows_before_goods_is_their_maker() -> None:
    text = "The port of Zapstar’s Western video game is slow. Zapstar said so."
    cands = [cand(text, "Zapstar", PLACE), cand(text, "Zapstar", PLACE, nth=1)]
    makers_of_goods(cands, text)
    assert [c.type for c in cands] == [ORG, ORG]
    # a place a list knows keeps its type, and so does one before other nouns
    text = "Japan's cars and Kessab's harbour."
    cands = [cand(text, "Japan", PLACE), cand(text, "Kessab", PLACE)]
    cands[0].key = "japan"
    makers_of_goods(cands, text)
    assert [c.type for c in cands] == [PLACE, PLACE]


def test_a_title_before_a_sequels_number_is_a_work() -> None:
    text = "It runs at 30fps in Grey Harbour 2. While slow, Grey Harbour sells."
    cands = [cand(text, "Grey Harbour", PLACE), cand(text, "Grey Harbour", PLACE, nth=1)]
    for c in cands:
        c.key = "grey harbour"
    sequels(cands, text)
    assert [c.type for c in cands] == [None, None]
    # a score, a table, a lone word: left alone
    for text in ("Zapton United 2 Kessab Rovers 1", "Zapton United 2 1 0 1", "Zentrix 2 is out."):
        name = text.split(" 2")[0]
        cands = [cand(text, name, ORG)]
        cands[0].key = name.lower()
        sequels(cands, text)
        assert cands[0].type == ORG, text


def test_a_branch_named_after_a_place_and_its_short_form_are_the_organisation() -> None:
    text = "Zentrix Europe said the console comes in March. Zentrix has said so."
    cands = [cand(text, "Zentrix Europe"), cand(text, "Zentrix", nth=1)]
    cands[0].key, cands[1].key = "zentrix europe", "zentrix"
    org_short_forms(cands)
    assert [c.type for c in cands] == [ORG, ORG]
    # a person whose surname is a place's name, and a given name alone: people
    text = "Mike Jordan met Jo Lee. Mike said so."
    cands = [cand(text, "Mike Jordan"), cand(text, "Mike", nth=1)]
    cands[0].key, cands[1].key = "mike jordan", "mike"
    org_short_forms(cands)
    assert [c.type for c in cands] == [PERSON, PERSON]


def test_what_stars_a_person_is_a_work_or_a_team() -> None:
    text = "Vera Quill star Jo Lee has 5/1 odds. Vera Quill won."
    cands = [cand(text, "Vera Quill"), cand(text, "Jo Lee"), cand(text, "Vera Quill", nth=1)]
    for c in cands:
        c.key = c.surface.lower()
    stars_of_works(cands, text)
    assert [c.type for c in cands] == [None, PERSON, None]
    text = "Harbourton star Jo Lee scored twice."
    cands = [cand(text, "Harbourton"), cand(text, "Jo Lee")]
    cands[0].key, cands[1].key = "harbourton", "jo lee"
    owners_of_people(cands, text)
    assert [c.type for c in cands] == [ORG, PERSON]


def test_a_places_member_named_after_its_possessive_is_a_person() -> None:
    text = "Later Harbourton's Zwyn Simon went so far as to suggest it."
    cands = [cand(text, "Harbourton", PLACE), cand(text, "Zwyn Simon", ORG)]
    cands[1].key = "zwyn simon"
    people_of_places(cands, text)
    assert cands[1].type == PERSON
    # a body's name ends in no given name: "Kessab Villa", "Zapco Group"
    text = "Harbourton's Kessab Villa won; Harbourton's Zapco Group lost."
    cands = [
        cand(text, "Harbourton", PLACE),
        cand(text, "Kessab Villa", ORG),
        cand(text, "Harbourton", PLACE, nth=1),
        cand(text, "Zapco Group", ORG),
    ]
    cands[1].key, cands[3].key = "kessab villa", "zapco group"
    people_of_places(cands, text)
    assert [cands[1].type, cands[3].type] == [ORG, ORG]


def test_what_has_nominees_winners_or_a_category_is_an_award() -> None:
    text = "Zapaward nominee Jo Lee was there. Lee won the Zapaward before."
    cands = [cand(text, "Zapaward"), cand(text, "Jo Lee"), cand(text, "Zapaward", nth=1)]
    awards(cands, text)
    assert [c.type for c in cands] == [None, PERSON, None]
    text = "She is tipped to win the best actress Zapaward at the ceremony."
    cands = [cand(text, "Zapaward")]
    awards(cands, text)
    assert cands[0].type is None
    assert [c.type for c in _awards("Sunday's Zapaward ceremony is late.", "Zapaward")] == [None]


def _awards(text: str, *surfaces: str) -> list[Candidate]:
    cands = [cand(text, s) for s in surfaces]
    awards(cands, text)
    return cands


def test_a_person_before_an_awards_noun_or_after_a_category_stays_a_person() -> None:
    # a surname the lists know ("Smith nominee": whom Smith named), a name the
    # text gives in full, a full name after the category
    assert _awards("Smith nominee Jo Lee was there.", "Smith")[0].type == PERSON
    text = "Zaprell Quon spoke. Quon nominee Jo Lee was there."
    assert [c.type for c in _awards(text, "Zaprell Quon", "Quon")] == [PERSON, PERSON]
    text = "The best actress Zaprell Quon won."
    assert _awards(text, "Zaprell")[0].type == PERSON
    assert _awards("Zaprell's nominee won.", "Zaprell")[0].type == PERSON


def test_a_lone_word_typed_a_person_that_opens_a_companys_full_name_is_the_company() -> None:
    from tui.ner.document import TAGGER, Candidate
    from tui.ner.roles import org_short_forms
    from tui.ner.types import ORG, PERSON

    def cand(surface: str, typ: str) -> Candidate:
        return Candidate(0, len(surface), 0, 1, surface, surface.lower(), typ, TAGGER, surface)

    full = cand("Zarvex Petroleum Inc", ORG)
    short = [cand("Zarvex", PERSON), cand("Zarvex", PERSON)]
    org_short_forms([full, *short])
    assert [c.type for c in short] == [ORG, ORG]
    # a surname the name lists know stays a person ("Smith" beside "Smith Barney Inc")
    full = cand("Smith Widgets Inc", ORG)
    smith = cand("Smith", PERSON)
    org_short_forms([full, smith])
    assert smith.type == PERSON
