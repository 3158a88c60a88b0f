"""The same files give the same answers, whichever order the build numbered them in.

Document numbers depend on which build worker took which batch; every order a user
sees (search hits of equal score, entities of equal counts, facets, entities
mentioned together) must be settled by something of the articles themselves.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.commands import main
from tui.index import SearchIndex, store
from tui.library import Library

# Articles of one shape: the same words as often, the same lengths, so that a
# query matching several scores them equally; the people, places and companies come
# in pairs with equal counts, and two spellings of one name differ only in case.
PEOPLE = ["Anna Berg", "Lena Ostrova", "Tomas Kovac", "Ilse Marten", "Pavel Dorn", "Vera Lind"]
PLACES = ["Leeds", "Bristol", "Hull", "Derby", "Exeter", "Bath"]
COMPANIES = ["Zapco Ltd", "Novar Ltd", "Kelda Ltd", "ZAPCO Ltd", "Brint Ltd", "Corva Ltd"]


def _record(n: int) -> dict[str, str]:
    person, place, company = PEOPLE[n % 6], PLACES[(n // 2) % 6], COMPANIES[n % 6]
    text = (
        f"{person} visited the harbour in {place} on Monday, officials said. "
        f"{person} told reporters that {company} would open a new depot there. "
        f"The harbour board said the plan for {place} was welcome. "
        "Shipping firms along the coast have asked for such a depot for many years now."
    )
    return {"id": f"r{n:02d}", "title": f"Harbour plan {n:02d}", "text": text, "date": "2016-02-03"}


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for part in range(3):  # three files, so the build has several items to order
        lines = [json.dumps(_record(n)) for n in range(part, 24, 3)]
        (folder / f"wire{part}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


QUERIES = ["harbour", "harbour plan", "monday", 'person:"anna berg"', "depot OR welcome"]


def _answers(folder: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    lib = Library.open(folder)
    out: dict[str, object] = {}
    for q in QUERIES:
        result = lib.search(q, limit=5)
        out[f"search {q}"] = [(h.id, h.path, h.score) for h in result.hits]
        out[f"all {q}"] = [h.id for h in lib.search(q, limit=None).hits]
        out[f"facets {q}"] = lib.facets(q, top=3)
    out["facets"] = lib.facets(None, top=4)
    rows = lib.entity_facets()
    out["entities"] = [(e.id, e.type, e.name, e.articles, e.mentions, e.aliases) for e in rows]
    for e in rows[:4]:
        out[f"with {e.id}"] = lib.cooccurrence.with_entity(e.id, limit=3)
        out[f"articles {e.id}"] = [(o.article.id, o.start) for o in lib.entity_articles(e.id)]
    out["reused"] = lib.reused_passages(3)
    first_hit = lib.search("harbour", limit=1).hits[0].id
    out["passages"] = lib.passages(first_hit)
    lib.close()
    for argv in (
        ["entities"],
        ["entities", "--type", "org"],
        ["entities", "--with", "Anna Berg"],
        ["search", "harbour", "--facets", "--limit", "4"],
        ["search", "--json", "monday"],
    ):
        capsys.readouterr()
        assert main([*argv, "--corpus", str(folder)]) == 0
        out[" ".join(argv)] = capsys.readouterr().out.replace(str(folder), "CORPUS")
    return out


@pytest.mark.parametrize("few_ties", [64, 0])  # ids from stored fields / the facet table
def test_two_builds_numbering_the_articles_differently_answer_alike(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    few_ties: int,
) -> None:
    monkeypatch.setenv("DOSSIER_NO_SERVER", "1")
    monkeypatch.setattr(store, "FEW_TIES", few_ties)
    first = _corpus(tmp_path / "a" / "news")
    second = _corpus(tmp_path / "b" / "news")
    Library.open(first).update_index(workers=1)
    write = SearchIndex.write

    def backwards(self: SearchIndex, **kw: object) -> object:
        kw["items"] = list(reversed(list(kw["items"])))  # type: ignore[call-overload]
        return write(self, **kw)  # type: ignore[arg-type]

    with monkeypatch.context() as m:
        m.setattr(SearchIndex, "write", backwards)
        Library.open(second).update_index(workers=1)
    a, b = _answers(first, capsys), _answers(second, capsys)
    # the builds did number the articles differently
    some = a["all harbour"][0]  # type: ignore[index]
    assert len({Library.open(f).index.number_of(some) for f in (first, second)}) == 2
    assert a.keys() == b.keys()
    assert a["reused"] and a["passages"]  # shared passages exist to be ordered
    differ = [k for k in a if a[k] != b[k]]
    for k in differ:
        print(k, a[k], b[k], sep="\n")
    assert not differ, (differ, {k: (a[k], b[k]) for k in differ})
