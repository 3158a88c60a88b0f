"""Entity recognition: spans, types, linking, gazetteer overrides, no junk."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from tui.entities import Mention, Recognizer, entity_id, load_gazetteer


def found(text: str, rec: Recognizer | None = None) -> dict[str, tuple[str, str]]:
    rec = rec or Recognizer()
    out = {}
    for m in rec.extract(text):
        assert text[m.start : m.end] == m.text
        out[m.text] = (m.type, m.canonical)
    return out


def test_mentions_are_sorted_and_disjoint():
    text = (
        "Finance Minister Olga Brandt met bankers in Lisbon on Tuesday.\n"
        "Brandt said the Central Bank of Portugal would act."
    )
    ms = Recognizer().extract(text)
    assert ms == sorted(ms, key=lambda m: m.start)
    for a, b in zip(ms, ms[1:], strict=False):
        assert a.end <= b.start
    assert all(isinstance(m, Mention) for m in ms)


def test_mention_is_an_immutable_value():
    m = Mention(3, 8, "Paris", "place", "Paris")
    assert Mention._fields == ("start", "end", "text", "type", "canonical")
    assert m == Mention(3, 8, "Paris", "place", "Paris")
    assert hash(m) == hash(Mention(3, 8, "Paris", "place", "Paris"))
    assert m._replace(start=0).start == 0
    assert pickle.loads(pickle.dumps(m)) == m
    assert repr(m) == "Mention(start=3, end=8, text='Paris', type='place', canonical='Paris')"
    assert m.id == "place:paris"
    with pytest.raises(AttributeError):
        m.start = 1  # type: ignore[misc]


def test_types_titles_and_places():
    got = found(
        "Deputy Foreign Minister Pavel Orlov told reporters in Vienna that "
        "the Interior Ministry would respond."
    )
    assert got["Pavel Orlov"][0] == "person"
    assert got["Vienna"][0] == "place"
    assert got["Interior Ministry"][0] == "org"
    assert "Deputy" not in " ".join(got)


def test_short_form_links_to_full_name():
    text = "Talks were led by Henrik Vallander. Later, Vallander said he was hopeful."
    ms = [m for m in Recognizer().extract(text) if m.type == "person"]
    assert [m.text for m in ms] == ["Henrik Vallander", "Vallander"]
    assert {m.canonical for m in ms} == {"Henrik Vallander"}
    assert ms[0].id == ms[1].id == "person:henrik vallander"


def test_aliases_merge_variants():
    text = "The U.S. and the United States and USA all appear; so do UN and the United Nations."
    ms = Recognizer().extract(text)
    ids = {m.text: m.id for m in ms}
    assert ids["U.S."] == ids["United States"] == ids["USA"] == entity_id("place", "United States")
    assert ids["UN"] == ids["United Nations"] == "org:united nations"


def test_possessive_and_leading_the_excluded():
    text = "Portugal's government replied. The Netherlands agreed."
    got = {m.text: m for m in Recognizer().extract(text)}
    assert "Portugal" in got and got["Portugal"].end == text.index("'s")
    assert "Netherlands" in got and got["Netherlands"].canonical == "Netherlands"


def test_no_junk_on_sentence_starts_weekdays_and_boilerplate():
    text = (
        "Advertisement\n\nHowever, the vote was delayed. Meanwhile talks went on.\n"
        "Officials met on Monday in March. Analysts expect more."
    )
    ms = Recognizer().extract(text)
    assert [m for m in ms if m.type != "date"] == []
    assert {m.text for m in ms if m.type == "date"} <= {"Monday"}


def test_user_gazetteer_overrides_and_ignores(tmp_path: Path):
    user = tmp_path / "entities.yaml"
    user.write_text(
        "entities:\n"
        "  - name: Blue Heron Collective\n    type: org\n    aliases: [BHC, Herons]\n"
        "  - name: Vienna\n    type: person\n"
        "ignore:\n  - Lisbon\n",
        encoding="utf-8",
    )
    rec = Recognizer(load_gazetteer([user]))
    got = found("The Herons met Vienna in Lisbon, the BHC said.", rec)
    assert got["Herons"] == ("org", "Blue Heron Collective")
    assert got["BHC"] == ("org", "Blue Heron Collective")
    assert got["Vienna"][0] == "person"
    assert "Lisbon" not in got
    assert rec.fingerprint != Recognizer(load_gazetteer()).fingerprint


def test_a_later_file_correcting_a_name_takes_its_other_names(tmp_path: Path):
    """A name an earlier list knows by other names: a later file's new type, merge or
    ignore covers those names too ("Assad" for Bashar al-Assad in the shipped list)."""
    first = tmp_path / "first.yaml"
    first.write_text(
        "entities:\n"
        "  - name: Orla Brandt\n    type: person\n    aliases: [Brandt]\n"
        "  - name: Vell Foundry\n    type: org\n    aliases: [Vell, Vell Works]\n"
        "  - name: Tarn Keller\n    type: person\n    aliases: [Keller]\n",
        encoding="utf-8",
    )
    later = tmp_path / "later.yaml"
    later.write_text(
        "entities:\n"
        "  - name: Orla Brandt\n    type: place\n"
        "  - name: Kestrel Group\n    type: org\n    aliases: [Vell Foundry]\n"
        "ignore:\n  - Tarn Keller\n",
        encoding="utf-8",
    )
    gaz = load_gazetteer([first, later])
    assert gaz.lookup("Brandt") == gaz.lookup("Orla Brandt")
    assert gaz.lookup("Brandt").type == "place"
    assert gaz.lookup("Vell Works").canonical == "Kestrel Group"
    assert gaz.lookup("Keller") is None and gaz.is_ignored("Keller")
    assert load_gazetteer([first]).lookup("Brandt").type == "person"


def test_user_file_in_config_dir_is_read(hermetic_dirs: Path):
    conf = hermetic_dirs / "config"
    conf.mkdir(parents=True)
    (conf / "entities.yaml").write_text(
        "entities:\n  - name: Quill Works\n    type: org\n", encoding="utf-8"
    )
    got = found("Shares of Quill Works rose.")
    assert got["Quill Works"][0] == "org"


def test_missing_file_ignored_and_malformed_raises(tmp_path: Path):
    load_gazetteer([tmp_path / "nope.yaml"])
    bad = tmp_path / "bad.yaml"
    bad.write_text("entities:\n  - name: X\n    type: planet\n", encoding="utf-8")
    with pytest.raises(ValueError) as err:
        load_gazetteer([bad])
    assert "\n" not in str(err.value)
    bad.write_text("entities: [\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_gazetteer([bad])


def test_all_caps_headline_keeps_only_corroborated_names():
    text = "SOCCER - HARBOURTON HOLD ON IN TIGHT FINISH .\nHarbourton United won again."
    got = found(text)
    assert "HOLD" not in got and "TIGHT" not in got
    assert got["Harbourton United"][0] == "org"


def test_entity_id():
    assert entity_id("person", "Sergei  Lavrov") == "person:sergei lavrov"
    assert entity_id("place", "U.S.") == entity_id("place", "US")


def test_letter_suffixed_phrase_is_not_a_person():
    got = found('The ministers kept "Option C" in reserve while talks in Oslo went on.')
    assert "Option C" not in got
    assert got["Oslo"][0] == "place"


def test_org_suffix_after_title_word_is_an_org_not_a_person():
    got = found("Volunteers of the Harbour Civil Defence Force pulled people from the rubble.")
    assert all(t != "person" for t, _ in got.values())
    assert got["Harbour Civil Defence Force"][0] == "org"


def test_adjective_plural_group_name_is_not_a_person():
    got = found("Rescuers known as the Grey Wolves searched the ruins overnight.")
    assert got["Grey Wolves"][0] == "org"


def test_unknown_two_word_name_before_a_place_noun_or_after_in_is_a_place():
    text = (
        "Shelling hit the Karm al-Tut district on Sunday. "
        "Families fled to camps in Tell Sabah as well."
    )
    got = found(text)
    assert got["Karm al-Tut"][0] == "place"
    assert got["Tell Sabah"][0] == "place"


def test_lone_organisation_noun_speaking_is_not_a_person():
    text = "The Syrian Observatory for Human Rights counted the dead. The Observatory said 40 died."
    got = found(text)
    assert got["Syrian Observatory for Human Rights"][0] == "org"
    assert got.get("Observatory", ("org",))[0] == "org"


def test_real_names_still_people():
    got = found("Talks were chaired by Marek Ostrowski. Ostrowski said Dana Whitfield agreed.")
    assert got["Marek Ostrowski"][0] == "person"
    assert got["Ostrowski"] == ("person", "Marek Ostrowski")
    assert got["Dana Whitfield"][0] == "person"


def test_gazetteer_changes_apply_at_once(tmp_path: Path):
    rec = Recognizer(load_gazetteer())
    before = found("Crews from Kestrel Vale arrived.", rec)
    assert before.get("Kestrel Vale", ("none",))[0] != "person"
    rec.gazetteer.add("Kestrel Vale", "person")
    assert found("Crews from Kestrel Vale arrived.", rec)["Kestrel Vale"][0] == "person"
    rec.gazetteer.add_ignore("Kestrel Vale")
    assert "Kestrel Vale" not in found("Crews from Kestrel Vale arrived.", rec)


def test_cached_plans_and_splits_give_the_same_mentions_in_any_order():
    texts = [
        "Officials said the al-Nusra Front's fighters left Tell Abyad. However, Officials "
        "from the U.S.-led coalition met Hassan al-Bashir's envoy on 3 March.",
        "WORLD CUP - BRAZIL BEAT HOSTS\nBrazil's coach said Harbourton-born Ana Souza-Lima "
        "scored twice. Souza-Lima said she was pleased.",
        "Mid-March Talks In The Capital Of Valdoria\nMinisters from Valdoria and the "
        "People's Defence Units met in Oslo.",
    ]
    expected = [Recognizer(load_gazetteer()).extract(t) for t in texts]
    rec = Recognizer(load_gazetteer())
    for order in (texts, texts[::-1], texts):
        got = {t: rec.extract(t) for t in order}
        assert [got[t] for t in texts] == expected


def test_title_case_headline_keeps_only_corroborated_names():
    text = "Future Talks For Brenmark And Doralia\nTalks in Brenmark stalled."
    headline = [m for m in Recognizer().extract(text) if m.end <= text.index("\n")]
    assert [(m.text, m.type) for m in headline] == [("Brenmark", "place")]


def test_dates_found_where_they_start():
    text = "Talks on 21st of March, 2016 and on 2016-03-22 and on Friday were cut short."
    dates = {m.text for m in Recognizer().extract(text) if m.type == "date"}
    assert dates == {"21st of March, 2016", "2016-03-22", "Friday"}


def test_dates_can_be_left_out_of_one_extraction():
    """The index build asks for names only: the same names, no dates."""
    text = "Talks in Brenmark on 21st of March, 2016 were cut short by Anna Berg on Friday."
    rec = Recognizer()
    every = rec.extract(text)
    names = rec.extract(text, dates=False)
    assert {m.type for m in every} >= {"date", "place"}
    assert names == [m for m in every if m.type != "date"]


def test_nationality_and_state_noun_form_an_org_and_acronym_in_parens_links():
    text = (
        "Gunmen loyal to Islamic State (IS) entered Varnok on Sunday. "
        "By evening IS had lost the bridge."
    )
    rec = Recognizer()
    mentions = [m for m in rec.extract(text) if m.text in ("Islamic State", "IS")]
    assert [(m.text, m.type, m.canonical) for m in mentions] == [
        ("Islamic State", "org", "Islamic State"),
        ("IS", "org", "Islamic State"),
        ("IS", "org", "Islamic State"),
    ]


def test_acronym_after_a_one_word_place_is_not_its_alias():
    got = found("The Central Bank of Valdoria (CBV) raised rates. CBV officials agreed.")
    assert got["CBV"][1] != "Valdoria"


def test_name_before_a_facility_noun_is_a_place():
    text = (
        "Rebels said the Quorash air base fell, and the Drevik prison too. "
        "The army said Quorash was lost."
    )
    got = found(text)
    assert got["Quorash"][0] == "place"
    assert got["Drevik"][0] == "place"


def test_plural_possessive_stays_inside_a_name():
    got = found("Fighters of the Valdorian People's Defence Units (VPDU) held the ridge.")
    assert "Defence Units" not in got
    assert any("People's Defence Units" in k and v[0] == "org" for k, v in got.items())


def test_slash_joined_acronym_is_one_org():
    got = found("Speaking to ABC/XN on Friday, the envoy declined to comment.")
    assert got["ABC/XN"][0] == "org"
    assert "XN" not in got


def test_month_after_a_given_name_is_a_surname():
    got = found("The talks were hosted by Prime Minister Theresa May in London.")
    assert got["Theresa May"][0] == "person"
    assert "Theresa" not in got


def test_powered_by_credit_is_not_a_person():
    got = found("Copyright notice.\nPowered by Quillbrook")
    assert got.get("Quillbrook", ("org",))[0] == "org"


def test_a_users_correction_of_a_full_name_reaches_the_lone_surname_of_other_texts(
    tmp_path: Path,
):
    """ "Jane Quill" retyped (or ignored) in one article: another article's lone
    "Quill" is no person of its own, unless that text names another Quill in full."""
    lone = "Quill said on Monday that the plan was wrong. Quill added nothing."
    assert {m.type for m in Recognizer().extract(lone) if m.text == "Quill"} == {"person"}
    user = tmp_path / "entities.yaml"
    user.write_text("entities:\n  - name: Jane Quill\n    type: place\n", encoding="utf-8")
    rec = Recognizer(load_gazetteer([user]))
    got = [(m.type, m.canonical) for m in rec.extract(lone) if m.text == "Quill"]
    assert got == [("place", "Jane Quill"), ("place", "Jane Quill")]
    other = "Tom Quill said on Monday that the plan was wrong. Quill added nothing."
    assert found(other, rec)["Quill"] == ("person", "Tom Quill")
    user.write_text("ignore:\n  - Jane Quill\n", encoding="utf-8")
    rec = Recognizer(load_gazetteer([user]))
    assert [m for m in rec.extract(lone) if m.text == "Quill"] == []
    # two corrections that disagree about the surname: neither
    user.write_text(
        "entities:\n  - name: Jane Quill\n    type: place\n  - name: Mark Quill\n    type: org\n",
        encoding="utf-8",
    )
    rec = Recognizer(load_gazetteer([user]))
    assert {m.type for m in rec.extract(lone) if m.text == "Quill"} == {"person"}
