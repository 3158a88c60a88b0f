"""One name, one type in a text (tui.ner.agreement.agree_on_types), and where not."""

from __future__ import annotations

from tui.ner.agreement import agree_on_types
from tui.ner.document import TAGGER, Candidate, at_dateline


def cand(
    surface: str, typ: str, *, before: str = "x", after: str = "", after2: str = ""
) -> Candidate:
    return Candidate(
        0,
        len(surface),
        0,
        1,
        surface,
        surface.lower(),
        typ,
        TAGGER,
        surface,
        after=after,
        before=before,
        after2=after2,
    )


def test_a_name_takes_the_type_most_of_its_mentions_got() -> None:
    cands = [cand("Varnholt", "org"), cand("Varnholt", "org"), cand("Varnholt", "place")]
    agree_on_types(cands)
    assert [c.type for c in cands] == ["org", "org", "org"]


def test_a_place_at_the_dateline_stays_a_place() -> None:
    # the story is filed from the town; its team plays in the lines below
    dateline = cand("VARNHOLT", "place", before="", after="2031-03-04")
    team = [cand("Varnholt", "org", after="won"), cand("Varnholt", "org", after="lost")]
    cands = [dateline, *team]
    agree_on_types(cands)
    assert [c.type for c in cands] == ["place", "org", "org"]


def test_datelines_as_news_agencies_write_them() -> None:
    assert at_dateline(cand("VARNHOLT", "place", before="", after="2031-03-04"))
    assert at_dateline(cand("VARNHOLT", "place", before="", after="(", after2="Reuters"))
    assert at_dateline(cand("VARNHOLT", "place", before="", after=",", after2="Mar"))
    assert at_dateline(cand("VARNHOLT", "place", before="", after=",", after2="4"))
    # not at the line's start, or not before a date or an agency
    assert not at_dateline(cand("Varnholt", "place", before="in", after="2031-03-04"))
    assert not at_dateline(cand("Varnholt", "place", before="", after="3"))
    assert not at_dateline(cand("Varnholt", "place", before="", after=",", after2="who"))
    assert not at_dateline(cand("Varnholt", "place", before="", after="(", after2="pictured"))


def test_a_place_elsewhere_in_a_line_still_agrees() -> None:
    cands = [
        cand("Varnholt", "place", before="", after="3"),
        cand("Varnholt", "org"),
        cand("Varnholt", "org"),
    ]
    agree_on_types(cands)
    assert [c.type for c in cands] == ["org", "org", "org"]


def test_a_nationality_before_a_place_noun_is_no_place() -> None:
    from tui.ner.context import correct_by_context

    demonym = cand("Norwegian", "place", before="the", after="town")
    demonym.type = None  # the tagger's MISC
    town = cand("Karvelby", "org", before="the", after="village")
    correct_by_context([demonym, town], set(), "")
    assert demonym.type is None
    assert town.type == "place"


def test_a_dateline_in_capitals_is_no_acronym_of_an_organisation() -> None:
    from tui.ner.context import correct_by_context

    dateline = cand("KARVEL", "place", before="", after="2031-03-04")
    inline = cand("KARVEL", "place", before="the", after="said")
    correct_by_context([dateline], set(), "")
    correct_by_context([inline], set(), "")
    assert dateline.type == "place"
    assert inline.type == "org"


def test_a_gazetteer_name_inside_a_longer_name_of_no_type_stays_inside_it() -> None:
    # the tagger's event "Karvel Open" (MISC) holds the listed place "Karvel":
    # the tournament is no mention of the place; a lone "Karvel" still is
    from tui.gazetteer import Entry
    from tui.ner.document import apply_gazetteer
    from tui.ner.tokens import Offsets, line_words

    text = "She won the Karvel Open and flew home to Karvel"
    words = line_words(text, 0, len(text))
    offsets = Offsets(text, 0, words)
    event = Candidate(12, 23, 3, 5, "Karvel Open", "karvel open", None, TAGGER, "Karvel Open")
    entry = Entry("Karvel", "place")
    got = apply_gazetteer([event], [(3, 4, entry), (9, 10, entry)], text, offsets)
    assert [(c.surface, c.type) for c in got] == [("Karvel Open", None), ("Karvel", "place")]


def test_a_byline_above_the_dateline_is_a_person() -> None:
    from tui.ner.furniture import keep_heading_names

    def line(surface: str, typ: str, first: int, after: str, heading: bool) -> Candidate:
        c = cand(surface, typ, before="", after=after)
        c.first, c.last, c.heading = first, first + len(surface.split()), heading
        return c

    byline = line("Orla Brandtsen", "person", 0, "", True)
    dateline = line("KARVELBY", "place", 2, "2031-03-04", False)
    assert keep_heading_names([byline, dateline]) == [byline, dateline]
    # a heading of a person's name with no dateline below it is page furniture
    heading = line("Orla Brandtsen", "person", 0, "", True)
    text = line("Karvelby", "place", 5, "said", False)
    text.before = "in"
    assert keep_heading_names([heading, text]) == [text]


def test_a_title_opening_a_persons_name_is_no_part_of_it() -> None:
    from tui.ner.features import WordLists
    from tui.ner.spans import people_after_titles

    titles = WordLists().titles
    words = "Then King Zarandor met Mr Karvelsen , Lord Quillby and Queen Mary".split()
    found = [(1, 3, "PER"), (4, 6, "PER"), (7, 9, "PER"), (10, 12, "PER")]
    got = people_after_titles(words, found, titles)
    assert got == [(2, 3, "PER"), (5, 6, "PER"), (7, 9, "PER"), (10, 12, "PER")]
    # an organisation that opens with a title word is left alone
    words = "General Zarandor Motors".split()
    assert people_after_titles(words, [(0, 3, "ORG")], titles) == [(0, 3, "ORG")]


def test_a_month_beside_a_days_number_is_a_date_not_a_name() -> None:
    from tui.ner.context import correct_by_context

    before_day = cand("Jan", "person", before="(", after="11")
    after_day = cand("Sept", "org", before="3", after="when")
    name = cand("Jan", "person", before="said", after="yesterday")
    correct_by_context([before_day, after_day, name], set(), "")
    assert before_day.type is None
    assert after_day.type is None
    assert name.type == "person"


def test_a_persons_name_the_text_also_writes_as_a_company_is_that_company() -> None:
    from tui.ner.roles import org_short_forms

    company = cand("Orla Brandtsen Inc", "org")
    short = cand("Orla Brandtsen", "person")
    other = cand("Karl Quillby", "person")
    org_short_forms([company, short, other])
    assert (short.type, other.type) == ("org", "person")
    # a name of organisations' kind that is no legal form proves no company
    media = cand("Orla Brandtsen Media", "org")
    person = cand("Orla Brandtsen", "person")
    org_short_forms([media, person])
    assert person.type == "person"


def test_a_spokesman_for_someone_in_a_town_leaves_the_town_a_place() -> None:
    from tui.ner.context import correct_by_context

    town = cand("Karvelby", "place", before=",", after="spokesman", after2="for")
    company = cand("Zapmart", "place", before="a", after="spokesman", after2="said")
    correct_by_context([town], set(), "")
    correct_by_context([company], set(), "")
    assert (town.type, company.type) == ("place", "org")


def test_a_listed_name_with_its_s_keeps_it() -> None:
    from tui.ner.context import correct_by_context

    text = "Ratings from Moody's and Karvel's rose."
    listed = Candidate(13, 18, 2, 3, "Moody", "moody", "person", TAGGER, "Moody")
    other = Candidate(28, 34, 5, 6, "Karvel", "karvel", "person", TAGGER, "Karvel")
    correct_by_context([listed, other], set(), text)
    assert (listed.surface, listed.type, listed.end) == ("Moody's", "org", 20)
    assert (other.surface, other.type) == ("Karvel", "person")


def test_a_dateline_with_its_region_is_a_place_whatever_the_tagger_said() -> None:
    from tui.ner.document import dateline_places

    for text, typ in (
        ("Zapton wins\nKARVELBY , Zarbia 2031-03-04\nKarvelby coach Jo Lee", "org"),
        ("Zapton wins\nKARVELBY, Zar. Isles\n2031-03-04\nMore", "person"),
        ("Zapton wins\nKarvelby 2031-03-04\nMore", "org"),
    ):
        at = text.index("KARVELBY" if "KARVELBY" in text else "Karvelby")
        c = Candidate(at, at + 8, 2, 3, text[at : at + 8], "karvelby", typ, TAGGER, "Karvelby")
        c.before, c.after = "", text[at + 8 :].split()[0]
        c.after2 = text[at + 8 :].split()[1]
        dateline_places([c], text)
        assert c.type == "place", text
        assert at_dateline(c), text
    # not a dateline: inside a line, no date after it, or a listed organisation
    for text, surface in (
        ("Zapton beat KARVELBY , Zarbia 2031-03-04", "KARVELBY"),
        ("KARVELBY , Zarbia won\nMore", "KARVELBY"),
        ("UNITED NATIONS 2031-03-04\nMore", "UNITED NATIONS"),
    ):
        at = text.index(surface)
        c = Candidate(at, at + len(surface), 0, 1, surface, surface.lower(), "org", TAGGER)
        c.before = "" if at == 0 or text[at - 1] == "\n" else "beat"
        dateline_places([c], text)
        assert c.type == "org", text


def test_a_candidate_is_made_with_the_fields_and_defaults_it_declares() -> None:
    """Candidate's __init__ is written out (compiled: cheaper than the dataclass's):
    it takes every field, in the order declared, with the declared defaults."""
    import dataclasses

    fields = dataclasses.fields(Candidate)
    # a value for each field, in the order declared, none of them its default
    values = [1, 2, 3, 4, "s", "k", "t", 5, "c", True, True, "a", "b", "a2", True, True]
    assert len(fields) == len(values)
    made = Candidate(*values)
    assert [getattr(made, f.name) for f in fields] == values
    assert made == Candidate(*values)
    required = [f for f in fields if f.default is dataclasses.MISSING]
    assert list(fields[: len(required)]) == required
    bare = Candidate(*values[: len(required)])
    for f, value in zip(fields[len(required) :], values[len(required) :], strict=True):
        assert getattr(bare, f.name) == f.default != value, f.name


def test_a_tie_goes_to_the_type_the_lists_give_the_name() -> None:
    # one mention each way: the places list knows the city
    cands = [cand("Madrid", "person"), cand("Madrid", "place")]
    agree_on_types(cands)
    assert [c.type for c in cands] == ["place", "place"]
    # a name the lists know only as a surname, typed a person and an organisation
    cands = [cand("Morrison", "org"), cand("Morrison", "person")]
    agree_on_types(cands)
    assert [c.type for c in cands] == ["person", "person"]


def test_a_tie_goes_to_the_type_the_gazetteer_gives_the_name_elsewhere() -> None:
    from tui.ner.document import GAZETTEER

    listed = cand("Varn Holt", "org")
    listed.source = GAZETTEER
    cands = [cand("Varn Holt", "person"), cand("Varn Holt", "place"), listed]
    agree_on_types(cands)
    # org is not among the tied types, and nothing else knows the name: as they were
    # (a name of two words: a lone word's tie leaves the person, below)
    assert [c.type for c in cands] == ["person", "place", "org"]
    cands = [cand("Varn Holt", "person"), cand("Varn Holt", "org"), listed]
    agree_on_types(cands)
    assert [c.type for c in cands] == ["org", "org", "org"]


def test_a_tie_the_lists_leave_goes_to_the_tagger_s_scores() -> None:
    # (a name of two words: a lone word's tie leaves the person, below)
    first, second = cand("Quor Vane", "person"), cand("Quor Vane", "org")
    said = {id(first): {"person": 0.5, "org": 1.5}, id(second): {"person": 2.0, "org": 3.0}}
    agree_on_types([first, second], lambda c: said[id(c)])
    assert (first.type, second.type) == ("org", "org")
    # no scores, or equal ones: each mention keeps its type
    first, second = cand("Quor Vane", "person"), cand("Quor Vane", "org")
    agree_on_types([first, second])
    assert (first.type, second.type) == ("person", "org")
    agree_on_types([first, second], lambda c: {"person": 1.0, "org": 1.0})
    assert (first.type, second.type) == ("person", "org")


def joined(*cands: Candidate) -> list[Candidate]:
    """The candidates as names of one list, "A, B and C" (words, and the word after)."""
    at = 0
    for k, c in enumerate(cands):
        c.first, c.last = at, at + len(c.key.split())
        c.after = "," if k < len(cands) - 2 else "and" if k == len(cands) - 2 else "said"
        at = c.last + 1
    return list(cands)


def test_a_lone_words_tie_of_a_person_leaves_the_person() -> None:
    # the tagger scores a person higher for places and firms it does not know: a lone
    # word no full name of the text ends with is no person's surname
    person = {"person": 3.0, "org": 1.0, "place": 1.0}
    for other in ("org", "place"):
        cands = [cand("Zapnet", "person"), cand("Zapnet", other)]
        cands[1].first = cands[1].last = 5
        agree_on_types(cands, lambda c: person)
        assert [c.type for c in cands] == [other, other]
    # a full name of the text ends with it, whatever its type: the scores decide
    full = cand("Orla Zapnet", "place")
    full.first, full.last = 9, 11
    cands = [cand("Zapnet", "person"), cand("Zapnet", "org"), full]
    agree_on_types(cands, lambda c: person)
    assert [c.type for c in cands][:2] == ["person", "person"]


def test_a_tie_in_a_list_of_people_or_after_a_title_is_a_person() -> None:
    org = {"person": 1.0, "org": 3.0}
    # "Dudek, Zarkov and Hamann": most of the list's others are people
    cands = joined(cand("Dudek", "person"), cand("Zarkov", "org"), cand("Hamann", "person"))
    later = cand("Zarkov", "person")
    later.first = later.last = 20
    agree_on_types([*cands, later], lambda c: org)
    assert (cands[1].type, later.type) == ("person", "person")
    # "Father Zarkov", "his sister Zarka"
    for before, name in (("Father", "Zarkov"), ("sister", "Zarka")):
        first, second = cand(name, "org", before=before), cand(name, "person")
        second.first = second.last = 7
        agree_on_types([first, second], lambda c: org)
        assert (first.type, second.type) == ("person", "person"), before
    # a nickname in quotes after a given name: "Ahmed 'Zizo' Hassan ... Zizo said"
    given, first, second = (
        cand("Ahmed", "person"),
        cand("Zizo", "org", before="'"),
        cand("Zizo", "person"),
    )
    given.first, given.last, first.first, first.last = 0, 1, 2, 3
    second.first = second.last = 9
    agree_on_types([given, first, second], lambda c: org)
    assert (first.type, second.type) == ("person", "person")
    # a list of firms, a title no person's only: not so
    cands = joined(cand("Zapco", "org"), cand("Zarkov", "person"), cand("Velmo", "org"))
    later = cand("Zarkov", "org", before="Former")
    later.first = later.last = 20
    agree_on_types([*cands, later], lambda c: {"person": 3.0, "org": 1.0})
    assert (cands[1].type, later.type) == ("org", "org")


def test_a_name_written_the_same_way_has_one_type_in_a_text() -> None:
    from tui.entities import Recognizer, load_gazetteer

    rec = Recognizer(load_gazetteer())
    for text, name, typ in (
        # the tagger reads the name after "show" as a person's, after the full stop
        # as a company's: one each way, its scores say the company
        (
            "The figures show Quellon sold fewer cars. Quellon said it expected a better year.",
            "Quellon",
            "org",
        ),
        # a title's name that is a city the lists know
        (
            "The film Madrid opened in cinemas in May. Madrid is the capital of Spain.",
            "Madrid",
            "place",
        ),
    ):
        got = {m.type for m in rec.extract(text) if m.text == name}
        assert got == {typ}, (text, got)
    # different names stay apart: the longer one is a name of its own
    got = [(m.text, m.type) for m in rec.extract("Madrid Hollis said Madrid was cold.")]
    assert ("Madrid Hollis", "person") in got, got


def test_a_tie_of_a_place_and_an_organisation_is_left_to_the_text() -> None:
    # a town the lists know and its team, one mention each: two entities
    cands = [cand("Madrid", "org"), cand("Madrid", "place")]
    agree_on_types(cands, lambda c: {"org": 5.0, "place": 1.0, "person": 0.0})
    assert [c.type for c in cands] == ["org", "place"]


def test_a_tie_with_a_place_at_the_dateline_goes_to_the_place() -> None:
    dateline = cand("VARNHOLT", "place", before="", after="2031-03-04")
    body = [cand("Varnholt", "person"), cand("Varnholt", "person"), cand("Varnholt", "place")]
    agree_on_types([dateline, *body], lambda c: {"person": 9.0, "place": 0.0})
    assert [c.type for c in body] == ["place", "place", "place"]
