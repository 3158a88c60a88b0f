"""numpy is imported by the first search or passage lookup, not by starting up.

Importing numpy costs ~75 ms of CPU: the app's launch, and every command that
opens the index without ranking, no longer pay it (tui.index.store,
tui.index.ranking and tui.library.passages load it on first use).
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_python, write_article


def test_the_app_and_the_index_start_without_numpy(tmp_path: Path) -> None:
    code = (
        "import sys, tui.app.app, tui.index, tui.index.store, tui.index.ranking\n"
        "import tui.library.passages\n"
        "print('numpy' in sys.modules)\n"
    )
    assert run_python(code, tmp_path) == "False"


def test_a_search_and_a_passage_lookup_load_it_when_theyrun_python(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shared = "The committee said the bridge would reopen after the winter repairs were done."
    write_article(corpus, "a.txt", "Bridge to reopen", shared + " Traffic will be diverted.")
    write_article(corpus, "b.txt", "Repairs", "Officials agreed. " + shared)
    build = f"from tui.library import Library\nLibrary({str(corpus)!r}).update_index()"
    run_python(build, tmp_path)
    code = (  # a later process: the index is there, as for the app or `dossier search`
        "import sys\n"
        "from tui.library import Library\n"
        f"lib = Library({str(corpus)!r})\n"
        "print('numpy' in sys.modules)\n"
        "hits = lib.search('bridge').hits\n"
        "print(sorted(h.path.rsplit('/', 1)[-1] for h in hits), 'numpy' in sys.modules)\n"
        "found = lib.passages(hits[0].id)\n"
        "print(len(found) > 0)\n"
    )
    assert run_python(code, tmp_path).splitlines() == ["False", "['a.txt', 'b.txt'] True", "True"]
