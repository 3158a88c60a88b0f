"""A correction made in the app edits the user's entities.yaml in place: the entries
it changes are written, every other line (comments, blank lines, the user's own
indentation, keys Dossier does not read) stays exactly as the user wrote it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tui.ner.curation import ignore_name, merge_entities, set_entity_type, undo
from tui.yamledit import splice_lists
from tui.yamlfile import load_yaml

HAND_WRITTEN = """\
# Corrections kept by hand for the harbour stories.
entities:
    # the mayor since the spring
    -   name: Ada Quill
        type: person   # not the bird
        aliases: [Mayor Quill]

    -   name: Harbour Board
        type: org

# names that are no entity
ignore:
   - Real Estate   # a section title
notes: {kept: as written}
"""


def _kept(before: str, after: str, *gone: str) -> None:
    """Every line of ``before`` is in ``after`` in order, but the lines of ``gone``."""
    wanted = [line for line in before.splitlines() if not any(g in line for g in gone)]
    lines = iter(after.splitlines())
    for line in wanted:
        assert any(line == other for other in lines), f"lost: {line!r}\n{after}"


@pytest.fixture
def entities(tmp_path: Path) -> Path:
    path = tmp_path / "entities.yaml"
    path.write_text(HAND_WRITTEN, encoding="utf-8")
    return path


def test_a_new_entity_keeps_every_line_the_user_wrote(entities: Path) -> None:
    set_entity_type(entities, "Tarnbridge", "place")
    text = entities.read_text(encoding="utf-8")
    _kept(HAND_WRITTEN, text)
    assert "    - name: Tarnbridge\n      type: place\n" in text  # at the others' indentation
    assert text.index("Tarnbridge") < text.index("# names that are no entity")
    assert load_yaml(text)["notes"] == {"kept": "as written"}


def test_a_changed_entry_is_written_in_its_place_and_only_it(entities: Path) -> None:
    set_entity_type(entities, "Harbour Board", "place")
    text = entities.read_text(encoding="utf-8")
    _kept(HAND_WRITTEN, text, "Harbour Board", "type: org")
    data = load_yaml(text)
    assert data["entities"][1] == {"name": "Harbour Board", "type": "place"}
    assert text.index("Harbour Board") < text.index("# names that are no entity")


def test_an_ignored_name_is_added_to_the_users_list(entities: Path) -> None:
    ignore_name(entities, "Harbour Board")
    text = entities.read_text(encoding="utf-8")
    _kept(HAND_WRITTEN, text, "Harbour Board", "type: org")
    assert load_yaml(text)["ignore"] == ["Real Estate", "Harbour Board"]
    assert "   - Harbour Board\n" in text


def test_corrections_undone_give_back_the_users_lines(entities: Path) -> None:
    changes = [
        set_entity_type(entities, "Tarnbridge", "place"),
        merge_entities(entities, "Ada Quill", "Ada", "person"),
        ignore_name(entities, "Real Estate Weekly"),
        set_entity_type(entities, "Real Estate", "org"),
    ]
    for change in reversed(changes):
        undo(entities, change)
    text = entities.read_text(encoding="utf-8")
    # the entries a correction took out and its undo put back are written anew
    _kept(HAND_WRITTEN, text, "Ada Quill", "type: person", "Mayor Quill", "- Real Estate")
    assert load_yaml(text) == load_yaml(HAND_WRITTEN)


def test_a_list_emptied_reads_as_an_empty_list(entities: Path) -> None:
    set_entity_type(entities, "Real Estate", "org")
    text = entities.read_text(encoding="utf-8")
    assert "ignore: []\n" in text and load_yaml(text)["ignore"] == []


def test_the_link_to_a_dotfiles_folder_stays_and_so_do_the_comments(tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    target = dotfiles / "entities.yaml"
    target.write_text(HAND_WRITTEN, encoding="utf-8")
    link = tmp_path / "entities.yaml"
    link.symlink_to(target)
    ignore_name(link, "Front Page")
    assert link.is_symlink()
    _kept(HAND_WRITTEN, target.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("# only a comment\n", "# only a comment"),
        ("# mine\nentities:\nignore:\n", "# mine"),
        ("entities: ~   # none yet\nignore: Real Estate\n", "# none yet"),
        ("ignore: [Real Estate, Sport]  # flow\nentities: []\n", "# flow"),
        ("entities:\n- name: Tom Pike\n  type: person\n# end", "# end"),
        ("entities:\n- name: Tom Pike\n  type: person", "- name: Tom Pike"),
    ],
)
def test_other_layouts_read_back_as_wanted_and_keep_their_comments(
    tmp_path: Path, text: str, kept: str
) -> None:
    path = tmp_path / "entities.yaml"
    path.write_text(text, encoding="utf-8")
    set_entity_type(path, "Port Alder", "place")
    ignore_name(path, "Weather")
    written = path.read_text(encoding="utf-8")
    assert kept in written
    data = load_yaml(written)
    assert {"name": "Port Alder", "type": "place"} in data["entities"]
    assert "Weather" in data["ignore"]


def test_a_file_with_an_end_of_document_marker_is_written_whole(tmp_path: Path) -> None:
    # the ignore list appended after "..." made a second document: the check of the
    # spliced text raised a YAML error out of the correction, which was not saved
    path = tmp_path / "entities.yaml"
    path.write_text("# mine\nentities: []\n...\n", encoding="utf-8")
    ignore_name(path, "Weather")
    assert load_yaml(path.read_text(encoding="utf-8"))["ignore"] == ["Weather"]


def test_a_layout_it_cannot_edit_is_left_to_a_whole_write() -> None:
    before = {"entities": [{"name": "A", "type": "org"}], "ignore": []}
    after = {"entities": [], "ignore": []}
    text = "{entities: [{name: A, type: org}]}\n"  # a flow mapping at the top
    assert splice_lists(text, before, after, lambda _new: True) is None
    assert (
        splice_lists("entities:\n- {name: A, type: org}\n", before, after, lambda _new: False)
        is None
    )


def test_a_changed_entry_keeps_its_own_comments(entities: Path) -> None:
    # An entry changed was written again whole: the comment the user put at the end
    # of one of its lines ("# not the bird") went with it. It stays on its key's line.
    merge_entities(entities, "Ada Quill", "Ada", "person")  # Ada Quill gains an alias
    text = entities.read_text(encoding="utf-8")
    assert re.search(r"\n +type: person +# not the bird\n", text), text
    assert load_yaml(text)["entities"][0]["aliases"] == ["Mayor Quill", "Ada"]
    set_entity_type(entities, "Ada Quill", "place")
    text = entities.read_text(encoding="utf-8")
    assert re.search(r"\n +type: place +# not the bird\n", text), text
    _kept(HAND_WRITTEN, text, "Ada Quill", "type: person", "Mayor Quill")


def test_a_changed_item_of_a_list_of_names_keeps_its_comment() -> None:
    text = "ignore:\n  - Real Estate   # a section title\n  - Weather  # the page's box\n"
    wanted = {"ignore": ["Real Estate Weekly", "Weather"]}
    out = splice_lists(
        text, {"ignore": ["Real Estate", "Weather"]}, wanted, lambda t: load_yaml(t) == wanted
    )
    assert out == (
        "ignore:\n  - Real Estate Weekly   # a section title\n  - Weather  # the page's box\n"
    )
