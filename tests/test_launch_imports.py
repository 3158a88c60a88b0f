"""What `dossier CORPUS` imports before its first article is shown (issue 13).

A user's launch pays Python's start-up and every import before the first article; the
app's workers then list the corpus and read that article. Neither needs the entity
recogniser (its module, word lists and gazetteer: 10-30 ms), nor the screens that are
not shown yet: they load when first used. numpy has its own test (test_numpy_imports).
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import run_python, write_article

#: Loaded later than the first article: names (once it is painted), the bookmarks
#: screen (built when the user is idle, or on B), numpy (the first search).
NOT_AT_LAUNCH = ("tui.entities", "tui.ner.recognizer", "tui.app.screens.bookmarks", "numpy")


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    write_article(corpus, "a.txt", "Bridge to reopen", "The bridge in Velmora reopens in May.")
    write_article(corpus, "b.txt", "Repairs", "Officials in Velmora agreed on the repairs.")
    build = f"from tui.library import Library\nLibrary({str(corpus)!r}).update_index()"
    run_python(build, tmp_path)
    return corpus


def _launch(corpus: Path, then: str = "") -> str:
    """The launch's path: the command's modules, the app's, the library opened, the
    corpus listed and its first article read (as the app's workers do), then ``then``."""
    return (
        "import sys, argparse\n"
        "import tui.commands, tui.commands.open_app, tui.commands.common, tui.app.app\n"
        "from tui.commands.common import open_library\n"
        f"args = argparse.Namespace(corpus_arg={str(corpus)!r}, corpus=None, data_dir=None,"
        " index_dir=None)\n"
        "lib = open_library(args)\n"
        "scan = lib.scan()\n"
        "article = lib.article(scan.articles[0].id)\n"
        "print(bool(article.body))\n"
        f"{then}"
        f"print('loaded:' + ','.join(m for m in {NOT_AT_LAUNCH!r} if m in sys.modules))\n"
    )


def test_the_launch_lists_and_reads_without_the_recogniser_or_later_screens(
    tmp_path: Path,
) -> None:
    assert run_python(_launch(_corpus(tmp_path)), tmp_path).splitlines() == ["True", "loaded:"]


def test_names_and_the_bookmarks_screen_load_them_when_asked(tmp_path: Path) -> None:
    """The same check sees these modules when they are used (it can fail)."""
    corpus = _corpus(tmp_path)
    then = "lib.entities(article.id)\nimport tui.app.screens.bookmarks\n"
    loaded = run_python(_launch(corpus, then), tmp_path).splitlines()
    assert loaded[0] == "True"
    assert set(loaded[1].removeprefix("loaded:").split(",")) == {
        "tui.entities",
        "tui.ner.recognizer",
        "tui.app.screens.bookmarks",
    }


def test_dossier_folder_opens_without_building_every_command(tmp_path: Path) -> None:
    """``dossier FOLDER`` leaves nothing to parse: the other commands' modules (and the
    parser's work) are not paid for. Here standard output is a pipe, so the app says
    it needs a terminal, as ``dossier open FOLDER`` does."""
    corpus = _corpus(tmp_path)
    code = (
        "import sys, contextlib, io\n"
        "from tui.commands import main\n"
        "err = io.StringIO()\n"
        "with contextlib.redirect_stderr(err):\n"
        f"    print(main([{str(corpus)!r}]))\n"
        "print(err.getvalue().strip())\n"
        "print([m for m in ('tui.commands.search', 'tui.commands.index') if m in sys.modules])\n"
        "with contextlib.redirect_stderr(err):\n"
        f"    print(main(['open', {str(corpus)!r}]))\n"
        "print('tui.commands.search' in sys.modules)\n"
    )
    from tui.commands.open_app import NO_TERMINAL

    out = run_python(code, tmp_path).splitlines()
    assert out == ["2", f"dossier: {NO_TERMINAL}", "[]", "2", "True"]


def test_the_commands_named_for_the_quick_open_are_the_parsers() -> None:
    from tui.commands import COMMANDS, build_parser, command_names

    assert command_names(build_parser()) == COMMANDS


def test_the_quick_open_gives_the_command_what_the_parser_gives_it() -> None:
    """`dossier FOLDER` skips the parser: its Namespace must be the one the parser gives
    `dossier open FOLDER`, or an option added to `open` would be missing there
    (AttributeError in the command) while `dossier open FOLDER` works."""
    from tui.commands import build_parser, open_args

    for argv in ([], ["news"], ["some/folder/of news"]):
        assert vars(open_args(argv)) == vars(build_parser().parse_args(["open", *argv]))


def test_the_app_shows_its_first_article_without_whoosh(tmp_path: Path) -> None:
    """The first rows and the first article come from beside the index: the app is made,
    paints its first frame and shows that article without importing Whoosh (~125 ms of
    the launch's UI thread at 50,000 articles, more on a busy machine), which the
    folder's scan and the index's check import later, in their workers. Here both wait
    (and the article's names, which open the index) until the article is shown."""
    corpus = _corpus(tmp_path)
    repo = Path(__file__).resolve().parent.parent
    code = (
        "import asyncio, sys, threading\n"
        f"sys.path.insert(0, {str(repo)!r})\n"
        "from pathlib import Path\n"
        "from tui.library import Library\n"
        "from tests.app_helpers import SIZE, wait_for\n"
        "held = threading.Event()\n"
        "def holding(method):\n"
        "    def wait(self, *args, **kwargs):\n"
        "        held.wait(60)\n"
        "        return method(self, *args, **kwargs)\n"
        "    return wait\n"
        "Library.scan = holding(Library.scan)\n"
        "Library.entities = holding(Library.entities)\n"
        "from tui.app import create_app\n"
        f"app = create_app(Path({str(corpus)!r}))\n"
        "print('made', 'whoosh' in sys.modules)\n"
        "async def main():\n"
        "    async with app.run_test(size=SIZE) as pilot:\n"
        "        screen = app.main_screen()\n"
        "        await wait_for(pilot, lambda: screen.article is not None, what='the article')\n"
        "        print('shown', bool(screen.article.body), 'whoosh' in sys.modules)\n"
        "        held.set()\n"
        "        await wait_for(pilot, lambda: app.index_ready, what='the index checked')\n"
        "    print('ready', 'whoosh' in sys.modules)\n"
        "asyncio.run(main())\n"
    )
    out = run_python(code, tmp_path).splitlines()
    # (the last line: the check sees Whoosh once the index is used)
    assert out == ["made False", "shown True False", "ready True"]
