"""plan_update: what an index update adds, changes, deletes and keeps, without an index."""

from __future__ import annotations

from tui.articles import article_id
from tui.library import plan_update
from tui.library.manifest import Entry


def entry(doc_id: str, size: int = 10, mtime: int = 1, hash: str = "") -> Entry:
    return Entry(doc_id, size, mtime, hash, f"title {doc_id}", None, None, None)


def test_an_unchanged_folder_plans_nothing() -> None:
    entries = {"a.txt": entry("A"), "b.txt": entry("B")}
    plan = plan_update(entries, {"a.txt": (10, 1), "b.txt": (10, 1)})
    assert (plan.added, plan.changed, plan.removed, plan.index, plan.delete) == ([], [], [], [], [])
    assert plan.state.entries == entries
    assert plan.state.by_id == {"A": "a.txt", "B": "b.txt"}


def test_new_changed_and_removed_files() -> None:
    entries = {"a.txt": entry("A"), "b.txt": entry("B"), "gone.txt": entry("G")}
    disk = {"a.txt": (10, 1), "b.txt": (11, 2), "new.txt": (5, 5)}
    plan = plan_update(entries, disk)
    assert plan.added == ["new.txt"]
    assert plan.changed == ["b.txt"]
    assert plan.removed == ["gone.txt"]
    new = article_id("new.txt")
    # Changed files first, keeping their ids; then the new ones.
    assert plan.index == [("b.txt", "B"), ("new.txt", new)]
    # The old documents go, and the new id too (another copy may have added it).
    assert plan.delete == ["G", "B", "B", new]
    assert "gone.txt" not in plan.state.entries
    assert plan.state.by_id[new] == "new.txt"


def test_a_renamed_file_keeps_its_id() -> None:
    entries = {"old.txt": entry("OLD", hash="h1"), "other.txt": entry("O", hash="h2")}
    disk = {"renamed.txt": (10, 1), "other.txt": (10, 1)}
    hashes = {"renamed.txt": "h1"}
    plan = plan_update(entries, disk, content_hash=hashes.get)
    assert plan.renamed_from == {"renamed.txt": "old.txt"}
    assert plan.index == [("renamed.txt", "OLD")]
    assert plan.state.by_id["OLD"] == "renamed.txt"


def test_a_file_with_other_text_is_not_a_rename() -> None:
    entries = {"old.txt": entry("OLD", hash="h1")}
    plan = plan_update(entries, {"new.txt": (10, 1)}, content_hash=lambda p: "h9")
    assert plan.renamed_from == {}
    assert plan.index == [("new.txt", article_id("new.txt"))]
    assert plan.delete[0] == "OLD"


def test_ids_carried_through_a_rebuild_are_kept_unless_taken() -> None:
    disk = {"a.txt": (1, 1), "b.txt": (1, 1)}
    plan = plan_update({}, disk, carried={"a.txt": "KEPT", "b.txt": "KEPT"})
    assert plan.index == [("a.txt", "KEPT"), ("b.txt", article_id("b.txt"))]


def test_two_paths_with_one_id_get_different_ids() -> None:
    entries = {"x.txt": entry(article_id("a.txt"))}  # a.txt's id is taken by x.txt
    plan = plan_update(entries, {"x.txt": (10, 1), "a.txt": (1, 1)})
    [(relpath, doc_id)] = plan.index
    assert relpath == "a.txt"
    assert doc_id not in {article_id("a.txt")} and doc_id == article_id("a.txt#1")


def test_files_that_failed_before_and_are_unchanged_are_left_alone() -> None:
    failed = {"bad.txt": {"size": 3, "mtime": 3, "error": "bad.txt: cannot read"}}
    plan = plan_update({}, {"bad.txt": (3, 3), "ok.txt": (1, 1)}, failed=failed)
    assert plan.added == ["ok.txt"]


def test_files_in_a_folder_that_cannot_be_read_are_not_removed() -> None:
    entries = {"locked/a.txt": entry("A"), "b.txt": entry("B")}
    plan = plan_update(entries, {}, unreadable=("locked/",))
    assert plan.removed == ["b.txt"]
    assert "locked/a.txt" in plan.state.entries


def test_new_cleaning_rules_reindex_every_file() -> None:
    entries = {"a.txt": entry("A"), "b.txt": entry("B")}
    plan = plan_update(entries, {"a.txt": (10, 1), "b.txt": (10, 1)}, rules_changed=True)
    assert plan.changed == ["a.txt", "b.txt"]


def test_a_new_gazetteer_reindexes_only_the_files_whose_entities_differ() -> None:
    entries = {"a.txt": entry("A"), "b.txt": entry("B"), "c.txt": entry("C")}
    disk = {"a.txt": (10, 1), "b.txt": (10, 1), "c.txt": (99, 9)}
    asked: list[str] = []

    def differ(relpath: str, e: Entry) -> bool:
        asked.append(relpath)
        return relpath == "b.txt"

    plan = plan_update(entries, disk, entities_differ=differ)
    assert plan.changed == ["c.txt", "b.txt"]
    assert asked == ["a.txt", "b.txt"]  # c.txt changed anyway: not prepared twice
    # With new cleaning rules every file is indexed again: no need to ask.
    asked.clear()
    plan_update(entries, disk, rules_changed=True, entities_differ=differ)
    assert asked == []
