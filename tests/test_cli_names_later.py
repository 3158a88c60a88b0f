"""The command line during a full build in two phases (tui.library.naming): what
`dossier index` says, and a search while the names are found."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import write_article
from tests.test_two_phase import _corpus, stopped_finding_names
from tui.library import Library
from tui.library.naming import NamingLock


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return _corpus(tmp_path / "news")


def test_dossier_index_says_when_searchable_and_when_the_names_were_done(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    from tui.commands import main

    assert main(["index", str(corpus)]) == 0
    out, _err = capsys.readouterr()
    first, last = out.strip().splitlines()
    assert first.startswith(f"searchable {corpus}: 24 articles indexed in ")
    assert first.endswith("; finding their names…")
    assert last.startswith(f"indexed {corpus}: 24 articles (24 added, 0 changed, 0 removed) in ")
    assert "; names found " in last and "after it was searchable" in last
    # An update of a few files: one line, as before.
    write_article(corpus, "late.txt", "Late news", "Jacques Chirac spoke in Rome today.")
    assert main(["index", str(corpus)]) == 0
    out, _err = capsys.readouterr()
    assert out.startswith(f"indexed {corpus}: 25 articles (1 added,") and "names" not in out


def test_a_search_while_another_process_finds_the_names_answers_and_says_so(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    from tui.commands import main

    lib = Library.open(corpus)
    stopped_finding_names(lib, workers=1)
    lock = NamingLock(lib.paths.index)
    assert lock.acquire()
    try:
        code = main(["search", "--no-server", "--corpus", str(corpus), "ceasefire"])
        out, err = capsys.readouterr()
        assert code == 0 and "24 articles match" in out and "names" not in err
        code = main(["search", "--no-server", "--corpus", str(corpus), 'person:"tony blair"'])
        out, err = capsys.readouterr()
        assert "names are still to be found" in err
    finally:
        lock.release()
    # The next search answers at once too, and says who finds them: a search does
    # not keep its user waiting for a full build's second phase.
    code = main(["search", "--no-server", "--corpus", str(corpus), 'person:"tony blair"'])
    out, err = capsys.readouterr()
    assert "6 articles match" not in out and "`dossier index`" in err  # (none: exit 1)
    assert Library.open(corpus).index.plain_documents() > 0
    assert main(["index", str(corpus)]) == 0
    capsys.readouterr()
    code = main(["search", "--no-server", "--corpus", str(corpus), 'person:"tony blair"'])
    out, err = capsys.readouterr()
    assert code == 0 and "6 articles match" in out and "names" not in err


def test_a_first_search_answers_once_the_folder_is_searchable(
    capsys: pytest.CaptureFixture[str], corpus: Path
) -> None:
    """A search in a folder never indexed builds its index's first phase and answers:
    the names (the second phase) are left to `dossier index` or the app."""
    from tui.commands import main

    code = main(["search", "--no-server", "--corpus", str(corpus), "ceasefire"])
    out, err = capsys.readouterr()
    assert code == 0 and "24 articles match" in out and "names" not in err
    assert Library.open(corpus).index.plain_documents() == 24
    code = main(["search", "--no-server", "--corpus", str(corpus), 'person:"tony blair"'])
    _out, err = capsys.readouterr()
    assert "names are still to be found" in err
    assert main(["index", str(corpus)]) == 0
    assert Library.open(corpus).index.plain_documents() == 0
