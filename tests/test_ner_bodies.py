"""Names the text shows to be bodies or places where the tagger read a person
(tui.ner.bodies), and a capitals headline's surname linked to the person the text
goes on to name by it (tui.ner.document), on invented names."""

from __future__ import annotations

from tui.entities import Recognizer
from tui.ner.bodies import (
    bodies_of_people,
    briefs_of_spokesmen,
    clipped_names,
    common_word_people,
    owners_named_in_full,
    phrases_of_common_words,
    places_of_office_holders,
)
from tui.ner.document import LINKED, TAGGER, Candidate
from tui.ner.model import shipped_model
from tui.ner.spans import capitalised_inside, people_after_common_words


def spans(text: str, *named: tuple[str, str]) -> list[Candidate]:
    """Candidates typed as the tagger would, each at its first place in ``text``
    after the one before."""
    out, at = [], 0
    for surface, typ in named:
        start = text.index(surface, at)
        out.append(
            Candidate(
                start, start + len(surface), 0, 1, surface, surface.lower(), typ, TAGGER, surface
            )
        )
        at = start + len(surface)
    return out


def types(cands: list[Candidate]) -> list[tuple[str, str | None]]:
    return [(c.surface, c.type) for c in cands]


def test_a_name_with_a_spokesman_for_a_brief_is_a_body() -> None:
    text = "Zarnia Cymru health spokesman Jo Vale said so. Later Zarnia Cymru voted."
    cands = spans(
        text, ("Zarnia Cymru", "person"), ("Jo Vale", "person"), ("Zarnia Cymru", "person")
    )
    briefs_of_spokesmen(cands, text)
    assert types(cands) == [("Zarnia Cymru", "org"), ("Jo Vale", "person"), ("Zarnia Cymru", "org")]
    assert cands[0].source == LINKED
    # a person's own spokesman has no brief, and a possessive's may be anybody's
    for text in (
        "Jo Vale spokesman Al Moss said so.",
        "Jo Vale's health spokesman Al Moss said so.",
    ):
        cands = spans(text, ("Jo Vale", "person"), ("Al Moss", "person"))
        briefs_of_spokesmen(cands, text)
        assert types(cands) == [("Jo Vale", "person"), ("Al Moss", "person")]


def test_a_name_no_list_knows_before_a_possessive_and_a_person_is_their_body() -> None:
    text = "Zarnia Cymru's John Vale said so."
    cands = spans(text, ("Zarnia Cymru", "person"), ("John Vale", "person"))
    owners_named_in_full(cands, text)
    assert types(cands) == [("Zarnia Cymru", "org"), ("John Vale", "person")]
    # a person's (a given name the lists know), or a work's title after the possessive
    for text, owner, owned in (
        ("John Zapini's Mary Vale said so.", "John Zapini", "Mary Vale"),
        ("Marto Zapini's Madame Zapfly opened.", "Marto Zapini", "Madame Zapfly"),
    ):
        cands = spans(text, (owner, "person"), (owned, "person"))
        owners_named_in_full(cands, text)
        assert types(cands) == [(owner, "person"), (owned, "person")]


def test_a_listed_place_before_an_elected_office_and_its_holder_is_the_place() -> None:
    text = "Ohio Rep. Jo Vale and the Ohio Senate met."
    cands = spans(text, ("Ohio", "org"), ("Jo Vale", "person"), ("Ohio", "org"))
    places_of_office_holders(cands, text)
    assert types(cands) == [("Ohio", "place"), ("Jo Vale", "person"), ("Ohio", "place")]
    # an office of a body ("Zapco chairman") or a name no place list knows: unchanged
    for text, name in (
        ("Ohio chairman Jo Vale met.", "Ohio"),
        ("Zarnia Rep. Jo Vale met.", "Zarnia"),
    ):
        cands = spans(text, (name, "org"), ("Jo Vale", "person"))
        places_of_office_holders(cands, text)
        assert types(cands) == [(name, "org"), ("Jo Vale", "person")]


def test_an_organisations_name_cut_short_is_the_organisation() -> None:
    text = "Harbourton United fans. Harb Utd won. Harbourton Intl Bank and Harb News."
    cands = spans(
        text,
        ("Harbourton United", "org"),
        ("Harb Utd", "person"),
        ("Harbourton Intl Bank", "person"),
        ("Harb News", "person"),
    )
    for full in ("Harbourton International Bank", "Harbourton Networks"):
        cands.append(Candidate(0, 0, 0, 1, full, full.lower(), "org", TAGGER, full))
    clipped_names(cands)
    got = [(c.surface, c.type, c.canonical) for c in cands[1:4]]
    assert got == [
        ("Harb Utd", "org", "Harbourton United"),
        ("Harbourton Intl Bank", "org", "Harbourton International Bank"),
        # "News" is a word, no contraction of "Networks"
        ("Harb News", "person", "Harb News"),
    ]


def test_an_organisations_name_typed_so_and_cut_short_keeps_its_own_name() -> None:
    # 7dd1953: an organisation-typed name that only cuts words short is left to the
    # corpus's alias pass (which links the two by the articles naming both); a
    # contraction ("Harb Utd") still takes the full name, whatever its type.
    text = "Zarnian Democrats met. Zarnian Democrat aims. Harbourton United won. Harb Utd lost."
    cands = spans(
        text,
        ("Zarnian Democrats", "org"),
        ("Zarnian Democrat", "org"),
        ("Harbourton United", "org"),
        ("Harb Utd", "org"),
    )
    clipped_names(cands)
    got = [(c.surface, c.type, c.canonical) for c in (cands[1], cands[3])]
    assert got == [
        ("Zarnian Democrat", "org", "Zarnian Democrat"),
        ("Harb Utd", "org", "Harbourton United"),
    ]


def test_the_recogniser_reads_a_clubs_short_name_and_a_capitals_headlines_surname() -> None:
    rec = Recognizer()
    text = (
        "Bid\n\nShares in Harbourton United rose on Monday. The board of Harb Utd met "
        "on Friday to discuss the bid for Harb Utd."
    )
    got = {(m.text, m.type, m.canonical) for m in rec.extract(text, dates=False)}
    assert ("Harb Utd", "org", "Harbourton United") in got
    # a given name no list knows: the text calling him "Quennell" later says the
    # full name is a person's, and the headline's capitals are his surname
    text = (
        "WILL QUENNELL RUN AGAIN?\n\nFormer President Zoltan Quennell, the most popular "
        "Democrat in Zarnia, spoke on Monday. Quennell said nothing more."
    )
    found = [(m.text, m.canonical) for m in rec.extract(text, dates=False) if m.type == "person"]
    assert found == [
        ("QUENNELL", "Zoltan Quennell"),
        ("Zoltan Quennell", "Zoltan Quennell"),
        ("Quennell", "Zoltan Quennell"),
    ]
    # a phrase opening with a common word lends its last word to no earlier mention
    text = "Quennell hits back\n\nRapper Quennell said on Monday that Quennell would sing."
    first = rec.extract(text, dates=False)[0]
    assert (first.text, first.canonical) == ("Quennell", "Quennell")


def test_a_common_word_opening_a_sentence_is_no_part_of_the_person_after_it() -> None:
    def cut(sentence: str, elsewhere: str = "") -> list[str]:
        words = sentence.split()
        found = [(0, 3 if words[2][:1].isupper() else 2, "PER")]
        got = people_after_common_words(
            words,
            found,
            shipped_model().case,
            lambda: capitalised_inside([elsewhere.split()], shipped_model().case),
        )
        return [" ".join(words[a:b]) for a, b, _ in got]

    assert cut("Singer Sam Quill said so .") == ["Sam Quill"]
    # a given name ("Will"), a determiner, a word no list knows after it: whole
    assert cut("Will Quill said so .") == ["Will Quill"]
    assert cut("The Beatles said so .") == ["The Beatles"]
    assert cut("Comic Zapflies said so .") == ["Comic Zapflies"]
    # the text writes the word with a capital inside a sentence: part of the name
    assert cut("Singer Sam Quill said so .", "shares of Singer Sam Quill rose") == [
        "Singer Sam Quill"
    ]


def test_a_common_word_opening_a_sentence_is_cut_off_a_name_the_text_names_alone() -> None:
    def cut(*named: tuple[str, str]) -> list[str]:
        """The surfaces after common_word_people of people named so, each after the
        word given with it ("" at a line's start)."""
        cands = []
        for k, (before, surface) in enumerate(named):
            c = Candidate(
                k * 100,
                k * 100 + len(surface),
                k * 10,
                k * 10 + len(surface.split()),
                surface,
                surface.lower(),
                "person",
                TAGGER,
                surface,
            )
            c.before = before
            cands.append(c)
        common_word_people(cands, shipped_model().case)
        return [c.surface for c in cands if c.type == "person"]

    assert cut(("", "Rapper Zed Quennvale"), ("star", "Zed Quennvale")) == [
        "Zed Quennvale",
        "Zed Quennvale",
    ]
    assert cut(("“", "Make Quennvale"), ("with", "Quennvale")) == ["Quennvale", "Quennvale"]
    # the rest never named alone, the whole named inside a sentence, a given name, a
    # determiner: as they were
    assert cut(("", "Rapper Zed Quennvale"), ("with", "Quennvale")) == [
        "Rapper Zed Quennvale",
        "Quennvale",
    ]
    # (the one inside the sentence is no person: a band's or a work's name, above)
    assert cut(
        ("", "Rapper Zed Quennvale"), ("star", "Zed Quennvale"), ("by", "Rapper Zed Quennvale")
    ) == ["Rapper Zed Quennvale", "Zed Quennvale"]
    assert cut((".", "Will Quennvale"), ("with", "Quennvale")) == ["Will Quennvale", "Quennvale"]
    assert cut((".", "The Quennvales"), ("with", "Quennvales")) == ["The Quennvales", "Quennvales"]


def test_a_verb_of_speech_opening_a_sentence_is_no_part_of_the_speaker_after_it() -> None:
    def cut(sentence: str, elsewhere: str = "") -> list[str]:
        words = sentence.split()
        end = next(i for i in range(1, len(words)) if not words[i][:1].isupper())
        got = people_after_common_words(
            words,
            [(0, end, "PER")],
            shipped_model().case,
            lambda: capitalised_inside([elsewhere.split()], shipped_model().case),
        )
        return [" ".join(words[a:b]) for a, b, _ in got]

    # names no list knows, one word or two, before the quote's colon or comma
    assert cut("Said Zed Quennvale : we stay .") == ["Zed Quennvale"]
    assert cut("Said Quennvale , we stay .") == ["Quennvale"]
    assert cut("Added Zed Quennvale : we stay .") == ["Zed Quennvale"]
    # a title in the text capitalising the verb changes nothing here
    assert cut("Said Zed Quennvale : we stay .", "hits include You Said Maybe") == ["Zed Quennvale"]
    # no quote after it, but a given name the lists know: the speaker still
    assert cut("Said Maria Quennvale in a statement .", "You Said Maybe") == ["Maria Quennvale"]
    # no quote after the name: left to the other guards (a title, a name of its own)
    assert cut("Said Zed Quennvale was a hit .") == ["Said Zed Quennvale"]
    assert cut("SAID ZED QUENNVALE : we stay .") == ["SAID ZED QUENNVALE"]


def test_the_recogniser_cuts_a_verb_of_speech_off_the_speaker_of_a_quote() -> None:
    text = (
        "Their hits include You Said Maybe.\n\n"
        'The talks ended late. Said Zed Quennvale: "We stay." Quennvale left.'
    )
    got = [(m.text, m.canonical) for m in Recognizer().extract(text, dates=False)]
    assert ("Zed Quennvale", "Zed Quennvale") in got
    assert ("Quennvale", "Zed Quennvale") in got
    assert not [m for m, _ in got if m.startswith("Said")]


def test_the_recogniser_cuts_a_sentences_common_word_off_a_persons_name() -> None:
    text = "Tour\n\nSinger Sam Quill said on Monday that he would tour. Quill added more."
    got = [(m.text, m.canonical) for m in Recognizer().extract(text, dates=False)]
    assert got == [("Sam Quill", "Sam Quill"), ("Quill", "Sam Quill")]


def test_a_body_named_by_its_member_its_office_or_its_possessive_brief() -> None:
    # "Jo Vale, of Zarnia Cymru": a person's party; "of" a person named in full is no body
    for text in ("Jo Vale, of Zarnia Cymru, said so.", "Jo Vale of Zarnia Cymru said so."):
        cands = spans(text, ("Jo Vale", "person"), ("Zarnia Cymru", "person"))
        bodies_of_people(cands, text)
        assert types(cands) == [("Jo Vale", "person"), ("Zarnia Cymru", "org")]
    text = "Jo Vale, of Mary Quill, said so."
    cands = spans(text, ("Jo Vale", "person"), ("Mary Quill", "person"))
    bodies_of_people(cands, text)
    assert types(cands) == [("Jo Vale", "person"), ("Mary Quill", "person")]
    # an office held in it: "Zarnia Cymru's former President"
    text = "It was questioned by Zarnia Cymru's former President, Jo Vale."
    cands = spans(text, ("Zarnia Cymru", "person"), ("Jo Vale", "person"))
    owners_named_in_full(cands, text)
    assert types(cands) == [("Zarnia Cymru", "org"), ("Jo Vale", "person")]
    # a brief's spokesman after the possessive; a person's official one is no brief
    text = "Zarnia Cymru's economics spokesman Jo Vale said so."
    cands = spans(text, ("Zarnia Cymru", "person"), ("Jo Vale", "person"))
    briefs_of_spokesmen(cands, text)
    assert types(cands)[0] == ("Zarnia Cymru", "org")
    text = "Zarnia Cymru's official spokesman said so."
    cands = spans(text, ("Zarnia Cymru", "person"))
    briefs_of_spokesmen(cands, text)
    assert types(cands) == [("Zarnia Cymru", "person")]


def test_a_name_ending_in_a_common_word_after_a_word_of_no_name_is_no_person() -> None:
    case = shipped_model().case
    assert case.get("watch") == "L"  # the premise: news writes "watch" in lower case
    text = "Zarvel Watch rose. Jo Watch, Chen Watch and N. Watch met Zarvel Watch."
    cands = spans(
        text,
        ("Zarvel Watch", "person"),
        ("Jo Watch", "person"),
        ("Chen Watch", "person"),
        ("N. Watch", "person"),
        ("Zarvel Watch", "person"),
    )
    phrases_of_common_words(cands, case)
    # a given name, a surname the lists know, an initial: people still
    assert types(cands) == [
        ("Zarvel Watch", None),
        ("Jo Watch", "person"),
        ("Chen Watch", "person"),
        ("N. Watch", "person"),
        ("Zarvel Watch", None),
    ]
    # one that speaks is a body
    text = "Zarvel Watch said so, and Zarvel Watch rose."
    cands = spans(text, ("Zarvel Watch", "person"), ("Zarvel Watch", "person"))
    cands[0].after = "said"
    phrases_of_common_words(cands, case)
    assert types(cands) == [("Zarvel Watch", "org"), ("Zarvel Watch", "org")]
