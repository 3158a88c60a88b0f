"""The command line as a new user meets it: files imply their corpus, waits are not
silent, the app refuses to start without a terminal, and typos are explained."""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import write_article, write_config
from tui.commands import main


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "stories" / "harbour"
    write_article(
        folder,
        "world/talks.txt",
        "Harbour talks",
        "Negotiators met in Valmora to discuss a ceasefire along the harbour.",
    )
    write_article(folder, "farm.txt", "Grain prices", "Farmers said grain prices had collapsed.")
    return folder


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _bookmark_farm(capsys, corpus: Path, quote: str, *more: str) -> str:  # noqa: ANN001
    """`dossier bookmarks add` of ``quote`` in farm.txt (``more``: its options): the output."""
    code, out, err = run(
        capsys, "bookmarks", "add", str(corpus / "farm.txt"), "--quote", quote, *more
    )
    assert code == 0, err
    return out


def _env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra)
    return env


# -- a file path implies its corpus; an id is found in the corpus that listed it -------


def test_show_a_file_without_corpus_uses_the_indexed_folder_above_it(capsys, corpus: Path) -> None:
    code, out, err = run(capsys, "index", str(corpus))
    assert code == 0, err
    code, out, err = run(capsys, "show", str(corpus / "world" / "talks.txt"), "--json")
    assert code == 0, err
    shown = json.loads(out)
    # The corpus is the indexed folder, not the file's own subfolder: the path says so.
    assert shown["path"] == "world/talks.txt"
    assert shown["title"] == "Harbour talks"


def test_commands_without_corpus_use_the_indexed_folder_they_are_run_in(
    capsys, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a corpus folder (or one under it), ``dossier search grain`` searched the seeds
    ("no articles match"), ``bookmarks list`` listed the seeds' bookmarks, and nothing
    said so; ``dossier add`` already took the corpus the current folder is in. They all
    do; elsewhere they keep to the seeds, and ``dossier`` alone opens the seeds."""
    from tui.commands import common

    code, _, err = run(capsys, "index", str(corpus))
    assert code == 0, err
    monkeypatch.chdir(corpus / "world")
    from tui.commands import quick
    from tui.server import client

    assert client.target({})[0] == str(corpus.resolve())  # the search server's too
    assert quick.index_unchanged([]) == 0  # `dossier index`'s quick look, of this folder
    assert str(corpus.resolve()) in capsys.readouterr().out
    code, out, err = run(capsys, "search", "grain", "--json")
    assert code == 0, err
    assert [json.loads(line)["path"] for line in out.splitlines()] == ["farm.txt"]
    quote = "Farmers said grain prices"
    code, _, err = run(capsys, "bookmarks", "add", str(corpus / "farm.txt"), "--quote", quote)
    assert code == 0, err
    code, out, err = run(capsys, "bookmarks", "list", "--json")
    assert code == 0, err
    assert json.loads(out)["quote"] == quote
    code, out, err = run(capsys, "paths", "--json")
    assert code == 0, err
    assert json.loads(out)["corpus"] == str(corpus.resolve())
    args = common.argparse.Namespace(corpus=None, corpus_arg=None, data_dir=None, index_dir=None)
    assert common.open_library(args, here=False).corpus != corpus.resolve()  # the app's
    monkeypatch.chdir(corpus.parent)  # above it: the seeds, as before
    code, out, err = run(capsys, "search", "grain")
    assert code == 1, out


def test_show_a_file_of_a_folder_never_indexed_uses_its_folder(capsys, tmp_path: Path) -> None:
    folder = tmp_path / "loose"
    write_article(folder, "note.txt", "A loose note", "Written about the harbour.")
    code, out, err = run(capsys, "show", str(folder / "note.txt"), "--json")
    assert code == 0, err
    assert json.loads(out)["path"] == "note.txt"


def test_show_a_link_to_outside_names_the_folder_it_is_in_and_why(
    capsys, corpus: Path, tmp_path: Path
) -> None:
    # The implied corpus was the link's target's folder (the path resolved whole):
    # "no article '.../harbour/elsewhere.txt' in .../outside (not among the folder's
    # articles)", a folder the user never named, read as a corpus.
    outside = tmp_path / "outside"
    write_article(outside, "memo.txt", "A memo", "Written outside the corpus folder.")
    code, out, err = run(capsys, "index", str(corpus))
    assert code == 0, err
    (corpus / "elsewhere.txt").symlink_to(outside / "memo.txt")
    code, out, err = run(capsys, "show", str(corpus / "elsewhere.txt"))
    assert code == 2
    assert f"in {corpus}" in err and str(outside) + " " not in err
    assert "a link to " in err and "outside that folder" in err
    assert not list((tmp_path / "dossier-home").rglob("outside*"))


def test_a_date_cut_off_by_the_shell_says_to_quote_the_query(capsys, corpus: Path) -> None:
    """`dossier search date:>2016-99` unquoted: the shell writes to a file "2016-99"
    and the query is "date:"; it said "date: needs a word after it, e.g. date:word"."""
    code, _, err = run(capsys, "search", "date:", "--corpus", str(corpus))
    assert code == 2
    assert "needs a date after it, e.g. date:2016-02" in err and "quote the query" in err
    code, _, err = run(capsys, "search", "date:>2016-99", "--corpus", str(corpus))
    assert code == 2 and "'2016-99' is not a date" in err and "quote" not in err


def test_show_of_stdin_a_pipe_or_a_folder_says_what_it_reads(
    capsys, corpus: Path, tmp_path: Path
) -> None:
    """`dossier show -` and `dossier show <(...)` said "no such file" (or "no article
    '-'"): the file is there, it is not what Dossier reads."""
    run(capsys, "index", str(corpus))
    pipe = corpus / "live.txt"
    os.mkfifo(pipe)
    for corpus_flag in ((), ("--corpus", str(corpus))):
        code, _, err = run(capsys, "show", "-", *corpus_flag)
        assert code == 2 and "not from standard input" in err, err
        code, _, err = run(capsys, "show", str(pipe), *corpus_flag)
        assert code == 2 and "not a regular file" in err and "regular files of a corpus" in err
        code, _, err = run(capsys, "show", str(corpus / "world"), *corpus_flag)
        assert code == 2 and "is a folder" in err, err
        assert "no such file" not in err
        code, _, err = run(capsys, "show", "", *corpus_flag)  # was "is a folder" (".")
        assert code == 2 and "give an article's id or its file" in err, err


def test_ids_from_search_work_with_show_entities_and_bookmarks_without_corpus(
    capsys, corpus: Path
) -> None:
    code, out, err = run(capsys, "search", "ceasefire", "--corpus", str(corpus), "--json")
    assert code == 0, err
    hit = json.loads(out.splitlines()[0])
    code, out, err = run(capsys, "show", hit["id"], "--json")
    assert code == 0, err
    assert json.loads(out)["title"] == "Harbour talks"
    code, out, err = run(capsys, "entities", "--article", hit["id"], "--json")
    assert code in (0, 1), err
    assert "no article" not in err
    code, out, err = run(
        capsys, "bookmarks", "add", hit["id"], "--quote", "Negotiators met in Valmora"
    )
    assert code == 0, err
    assert "world/talks.txt" in out


def test_correct_takes_a_file_or_an_id_without_corpus_as_show_does(capsys, corpus: Path) -> None:
    # `dossier correct ~/stories/harbour/world/talks.txt --title ...` said "no article
    # '...talks.txt' in .../seeds (give an id or a file path)": it looked in the seeds.
    code, out, err = run(capsys, "search", "ceasefire", "--corpus", str(corpus), "--json")
    assert code == 0, err
    doc = json.loads(out.splitlines()[0])["id"]
    path = str(corpus / "world" / "talks.txt")
    code, out, err = run(capsys, "correct", path, "--title", "Harbour talks resume", "--json")
    assert code == 0, err
    shown = json.loads(out)
    assert (shown["id"], shown["title"], shown["corrected"]) == (
        doc,
        "Harbour talks resume",
        ["title"],
    )
    code, out, err = run(capsys, "correct", doc, "--json")
    assert code == 0, err
    assert json.loads(out)["title"] == "Harbour talks resume"
    code, out, err = run(capsys, "correct", "0123456789ab", "--title", "x")
    assert code == 2 and err.count("\n") == 1 and "--corpus" in err


def test_passages_with_none_to_show_say_so(capsys, corpus: Path) -> None:
    # Exit 1 and not a word: a user could not tell "none" from "nothing happened".
    code, out, err = run(capsys, "search", "ceasefire", "--corpus", str(corpus), "--json")
    doc = json.loads(out.splitlines()[0])["id"]
    # Said on stderr, as every command's "none" (stdout has the results alone, as grep's).
    code, out, err = run(capsys, "passages", doc)
    assert (code, out) == (1, ""), err
    assert err.strip().endswith(
        "dossier: no other article shares a passage with this one (8 or more words alike)"
    )
    code, out, err = run(capsys, "passages", doc, "--json")
    assert (code, out) == (1, "")  # --json: no line that is not JSON
    code, out, err = run(capsys, "passages", "--top", "5", "--corpus", str(corpus))
    assert (code, out) == (1, ""), err
    assert "dossier: no passage is shared" in err


def test_an_unknown_id_says_which_flag_to_add(capsys, corpus: Path) -> None:
    code, out, err = run(capsys, "show", "0123456789ab")
    assert code == 2
    assert err.count("\n") == 1
    assert "--corpus" in err
    # An id of another indexed corpus, asked for in the wrong one, names that corpus.
    code, out, _ = run(capsys, "search", "grain", "--corpus", str(corpus), "--json")
    hit = json.loads(out.splitlines()[0])
    other = corpus.parent / "other"
    write_article(other, "x.txt", "Other", "Nothing to do with grain.")
    code, out, err = run(capsys, "show", hit["id"], "--corpus", str(other))
    assert code == 2
    assert f"--corpus {corpus}" in err


def test_a_missing_file_is_named(capsys, tmp_path: Path) -> None:
    code, _, err = run(capsys, "show", str(tmp_path / "nope" / "gone.txt"))
    assert code == 2
    assert "no such file" in err


def test_a_file_that_is_there_but_not_an_article_says_why(capsys, tmp_path: Path) -> None:
    """`dossier show` of a file in the folder that is not read as an article said "no
    such file" of a file the user could see: it says why it is not one."""
    folder = tmp_path / "news"
    write_article(folder, "story.txt", "A story", "Talks resumed in Geneva.")
    (folder / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4 x")
    (tmp_path / "elsewhere.txt").write_text("Title\n\nBody.\n", encoding="utf-8")
    code, out, _ = run(capsys, "show", str(folder / "story.txt"))
    assert code == 0 and "Talks resumed in Geneva." in out
    for name, why in (
        ("photo.txt", "skipped: not a text file"),
        ("scan.pdf", "not a kind of file Dossier reads"),
    ):
        code, _, err = run(capsys, "show", str(folder / name))
        assert code == 2 and err.count("\n") == 1
        assert why in err and "no such file" not in err, err
    code, _, err = run(capsys, "show", str(tmp_path / "elsewhere.txt"), "--corpus", str(folder))
    assert code == 2 and "not in that folder" in err, err


def test_a_hidden_file_is_said_to_be_hidden_not_left_out_by_the_settings(
    capsys, tmp_path: Path
) -> None:
    """A file in a folder whose name begins with a dot (or its own name so) is left out by
    every walk of the folder: `dossier show` blamed "corpus: skip in config.yaml", which the
    user had never written. A name the settings skip still says so."""
    folder = tmp_path / "news"
    write_article(folder, "story.txt", "A story", "Talks resumed in Geneva.")
    write_article(folder / ".drafts", "draft.txt", "A draft", "Talks may resume in Geneva.")
    write_article(folder, ".later.txt", "Later", "Talks resumed again in Geneva.")
    write_article(folder, "notes-skip.txt", "Notes", "Talks, notes on them.")
    write_config("corpus:\n  skip: ['*-skip.txt']\n")
    for path in (folder / ".drafts" / "draft.txt", folder / ".later.txt"):
        code, _, err = run(capsys, "show", str(path), "--corpus", str(folder))
        assert code == 2 and "names begin with a dot" in err and "config.yaml" not in err, err
    code, _, err = run(capsys, "show", str(folder / "notes-skip.txt"), "--corpus", str(folder))
    assert code == 2 and "left out by corpus: skip in config.yaml" in err, err


# -- a long first build is not silent on a terminal ------------------------------------


def _stderr_on_a_terminal(args: list[str], home: Path, timeout: float = 120) -> tuple[int, str]:
    """Run the CLI with stderr on a pseudo-terminal (stdout a pipe); what stderr showed."""
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", *args],
        stdout=subprocess.PIPE,
        stderr=slave,
        stdin=subprocess.DEVNULL,
        env=_env(DOSSIER_HOME=str(home), COLUMNS="100"),
    )
    os.close(slave)
    chunks = []
    # poll, not select: late in a long run the worker's descriptors pass 1024 (index
    # files of closed libraries wait for a full collection) and select() refuses them.
    poller = select.poll()
    poller.register(master, select.POLLIN)
    while True:
        ready = poller.poll(timeout * 1000)
        if not ready:
            proc.kill()
            break
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=timeout)
    os.close(master)
    return proc.returncode, b"".join(chunks).decode("utf-8", "replace")


def test_a_search_that_builds_the_index_first_says_so_on_a_terminal(tmp_path: Path) -> None:
    folder = tmp_path / "many"
    for n in range(60):
        write_article(folder, f"a{n:03}.txt", f"Story {n}", f"Paragraph about harbour {n}.")
    code, shown = _stderr_on_a_terminal(
        ["search", "harbour", "--corpus", str(folder), "--json"], tmp_path / "home"
    )
    assert code == 0, shown
    assert "indexing 60 articles…" in shown


# -- the app needs a terminal; a mistyped command is explained -------------------------


def test_the_app_refuses_to_start_into_a_pipe(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui"],
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
        env=_env(DOSSIER_HOME=str(tmp_path / "home")),
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "needs a terminal" in result.stderr and "dossier search" in result.stderr
    assert result.stdout == ""


def test_a_mistyped_command_is_not_only_a_missing_folder(capsys) -> None:
    code, _, err = run(capsys, "serach", "kerry")
    assert code == 2
    assert "no such folder: serach" in err
    assert "search" in err.replace("serach", "") and "--help" in err
    code, _, err = run(capsys, "./not/here")
    assert code == 2
    assert err.strip() == "dossier: no such folder: ./not/here"


def test_a_filter_that_matches_nothing_is_not_called_an_empty_store(capsys, corpus: Path) -> None:
    _bookmark_farm(capsys, corpus, "grain prices had collapsed")
    code, out, err = run(capsys, "bookmarks", "list", "--corpus", str(corpus), "--filter", "zzz")
    assert (code, out) == (1, "")  # the message on stderr, as every command's "none"
    assert "dossier: no bookmark matches 'zzz'" in err and "1 bookmark in all" in err
    assert "no bookmarks yet" not in err


def test_the_help_says_that_a_folder_alone_opens_the_app(capsys) -> None:
    """`dossier --help` began "usage: dossier [-h] [--version] COMMAND ..." and named
    `open` "the default command": nowhere that `dossier ~/news` opens the app."""
    with pytest.raises(SystemExit) as exited:
        main(["--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: dossier [PATH]\n       dossier COMMAND ...\n"), out
    words = " ".join(out.split())
    assert "dossier PATH opens the app on the articles in the folder PATH" in words
    assert "dossier alone, on the bundled seed articles" in words


def test_a_command_s_usage_names_it_after_dossier_alone(capsys) -> None:
    """The two-line usage of `dossier --help` went into every command's: `dossier search
    --help` began "usage: dossier [PATH]\n       dossier COMMAND ... search [-h]"."""
    with pytest.raises(SystemExit) as exited:
        main(["search", "--help"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith("usage: dossier search [-h]")
    with pytest.raises(SystemExit) as exited:
        main(["bookmarks", "export", "--help"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.startswith("usage: dossier bookmarks export [-h]")
    with pytest.raises(SystemExit) as exited:
        main(["search"])  # no query
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "required: query" in err and "[PATH]" not in err and "COMMAND" not in err, err


def test_every_command_and_action_says_what_it_does_in_its_own_help() -> None:
    """`dossier index --help` (and paths, show, bookmarks and its actions) began with
    the usage and went straight to the options: what the command does was only in the
    list of commands."""
    import argparse

    from tui.commands import build_parser

    def commands(parser: argparse.ArgumentParser, path: str):  # noqa: ANN202
        for action in parser._actions:  # noqa: SLF001 - argparse keeps its subparsers here
            if isinstance(action, argparse._SubParsersAction):  # noqa: SLF001
                for name, sub in action.choices.items():
                    yield f"{path} {name}", sub
                    yield from commands(sub, f"{path} {name}")

    found = dict(commands(build_parser(), "dossier"))
    assert {"dossier index", "dossier paths", "dossier show", "dossier bookmarks"} <= set(found)
    assert {"dossier bookmarks list", "dossier searches rm"} <= set(found)
    silent = [name for name, parser in found.items() if not (parser.description or "").strip()]
    assert silent == []


def test_server_names_its_action_as_the_other_commands_do(capsys) -> None:
    # `dossier server` said "the following arguments are required: action", where
    # bookmarks and searches say ACTION; its help listed {status,stop,run} as a name.
    with pytest.raises(SystemExit) as stop:
        main(["server"])
    assert stop.value.code == 2
    err = capsys.readouterr().err
    assert "required: ACTION" in err and err.count("\n") <= 3, err
    with pytest.raises(SystemExit):
        main(["server", "--help"])
    out = capsys.readouterr().out
    assert "status, stop or run" in out and "{status,stop,run}" not in out
    with pytest.raises(SystemExit):
        main(["server", "restart"])
    assert "invalid choice: 'restart'" in capsys.readouterr().err


def test_bookmarks_add_with_an_empty_quote_says_so(capsys, corpus: Path) -> None:
    """``--quote ''`` said "quote not found in world/talks.txt: ''", as though the
    article lacked the passage: it says the quote is empty."""
    talks = str(corpus / "world" / "talks.txt")
    for quote in ("", "   "):
        code, _, err = run(capsys, "bookmarks", "add", talks, "--quote", quote)
        assert code == 2
        assert err.startswith("dossier: --quote is empty") and err.count("\n") == 1, err


def test_bookmarks_list_keeps_a_wrapped_quote_under_its_article(
    corpus: Path, tmp_path: Path
) -> None:
    """A quote longer than the terminal's width went on at the left margin (and with
    trailing spaces): every line of it is indented now, none ends in a space."""
    quote = "Negotiators met in Valmora to discuss a ceasefire along the harbour."
    env = _env(COLUMNS="40", DOSSIER_NO_SERVER="1")
    base = [sys.executable, "-m", "tui", "bookmarks"]
    added = subprocess.run(
        [*base, "add", "--corpus", str(corpus), "world/talks.txt", "--quote", quote, "--note", "n"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert added.returncode == 0, added.stderr
    listed = subprocess.run(
        [*base, "list", "--corpus", str(corpus)], capture_output=True, text=True, env=env
    )
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if "“" in line)
    end = next(i for i, line in enumerate(lines) if "note: n" in line)
    quoted = lines[start:end]
    assert len(quoted) >= 2  # the premise: the quote wraps at 40 columns
    assert all(line.startswith("  ") and not line.endswith(" ") for line in quoted), lines
    # a title and its dates too long for one line: the dates on a line of their own,
    # indented, not wrapped to the margin
    write_article(corpus, "later.txt", "Harbour talks resume in Valmora", "Talks resumed.")
    again = subprocess.run(
        [*base, "add", "--corpus", str(corpus), "later.txt", "--quote", "Talks resumed."],
        capture_output=True,
        text=True,
        env=env,
    )
    assert again.returncode == 0, again.stderr
    listed = subprocess.run(
        [*base, "list", "--corpus", str(corpus)], capture_output=True, text=True, env=env
    )
    lines = listed.stdout.splitlines()
    at = lines.index("Harbour talks resume in Valmora")
    assert lines[at + 1].startswith("  ") and lines[at + 1].strip()[:8] == "saved 20", lines


def test_bookmarks_export_writes_the_file_it_is_given(capsys, corpus: Path) -> None:
    """`dossier bookmarks export notes.json` was refused (unrecognised argument: only
    -o FILE wrote a file); a .json file gets the JSON format unless --format says else."""
    code, _, err = run(
        capsys, "bookmarks", "add", str(corpus / "farm.txt"), "--quote", "grain prices"
    )
    assert code == 0, err
    target = corpus.parent / "notes.json"
    code, out, err = run(capsys, "bookmarks", "export", "--corpus", str(corpus), str(target))
    assert code == 0, err
    assert "wrote 1 bookmark to" in err and out == ""
    assert json.loads(target.read_text("utf-8"))[0]["type"] == "Annotation"
    markdown = corpus.parent / "notes.md"
    code, _, err = run(capsys, "bookmarks", "export", "--corpus", str(corpus), str(markdown))
    assert code == 0, err
    assert "grain prices" in markdown.read_text("utf-8")
    code, _, err = run(capsys, "bookmarks", "export", str(markdown), "-o", str(target))
    assert code == 2 and "two files" in err


def _settled(folder: Path) -> None:
    """Folder times out of the window in which a folder's time is not trusted alone."""
    for path in (folder, *(p for p in folder.rglob("*") if p.is_dir() and not p.is_symlink())):
        os.utime(path, ns=(path.stat().st_mtime_ns - 10**10,) * 2)


def test_a_search_does_not_repeat_the_folders_warnings(capsys, corpus: Path) -> None:
    """Each `dossier search` printed the folder's broken link and pipe above its hits. The
    update that sees them says them (index time, or the first search after a change); a
    search of the unchanged folder prints its hits only."""
    (corpus / "gone.txt").symlink_to(corpus / "nowhere.txt")
    os.mkfifo(corpus / "pipe.txt")
    _settled(corpus)
    code, _, err = run(capsys, "index", "--corpus", str(corpus))
    assert code == 0 and "gone.txt" in err and "pipe.txt" in err, err
    for _ in range(2):
        code, out, err = run(capsys, "search", "harbour", "--corpus", str(corpus))
        assert code == 0 and "Harbour talks" in out
        assert err == "", err
    # dossier index says them each time; so does a search after a change, once.
    code, _, err = run(capsys, "index", "--corpus", str(corpus))
    assert "gone.txt" in err and "pipe.txt" in err, err
    write_article(corpus, "port.txt", "Port reopens", "The harbour reopened on Monday.")
    _settled(corpus)
    code, out, err = run(capsys, "search", "harbour", "--corpus", str(corpus))
    assert code == 0 and "Port reopens" in out and "gone.txt" in err and "pipe.txt" in err
    code, out, err = run(capsys, "search", "harbour", "--corpus", str(corpus))
    assert code == 0 and "Port reopens" in out and err == "", err


def test_a_folder_given_to_search_where_the_words_go_is_not_searched_for(
    capsys, corpus: Path
) -> None:
    """``dossier search ~/news paris`` (the folder first, as ``dossier index`` takes it)
    searched the bundled seeds for the words "~/news paris" and said nothing matched:
    the user read that their folder has nothing on Paris. It names the flag instead."""
    for extra in ([], ["--no-server"], ["--json"], ["--export", str(corpus.parent / "x.md")]):
        code, out, err = run(capsys, "search", *extra, str(corpus), "kerry")
        assert code == 2, (extra, out, err)
        assert err.count("\n") == 1, err
        assert f"--corpus {corpus} kerry" in err and "is a folder" in err, err
        assert out == ""
    # Given as the corpus, it is searched; a word that names no folder is a word.
    code, out, _ = run(capsys, "search", "--corpus", str(corpus), "--no-server", "kerry")
    assert code in (0, 1), out
    code, _, err = run(capsys, "search", "--no-server", "./no/such/folder")
    assert "is a folder" not in err


def test_the_rebuild_of_an_old_index_is_said_as_every_message(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """It said "dossier: The index is from an older version of Dossier; rebuilt it.":
    a capital after "dossier: ", where every other message is a clause ("dossier: no
    such folder: ...", "dossier: warning: ...")."""
    from tui.library import Library

    assert main(["index", str(corpus), "--quiet"]) == 0
    index = Library.open(corpus).index
    index.write_meta({**index.read_meta(), "schema": -1})
    code, _, err = run(capsys, "index", str(corpus))
    assert code == 0
    assert "dossier: the index is from an older version of Dossier; rebuilt it." in err, err


def test_search_help_names_every_field_of_the_query_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`dossier search --help` left out byline:, lang: and the short dates the README's
    query table shows (date:2016-02, date:>20160901); `add --timeout` said "seconds to
    wait for a server" (the search server's?) without its default."""
    import re

    from tui.clipping import TIMEOUT

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Query language", 1)[1].split("How words are matched", 1)[0]
    spans = re.findall(r"`([^`]+)`", table)
    fields = {field for span in spans for field in re.findall(r"\b([a-z]+):", span)}
    assert {"title", "byline", "person", "date", "lang"} <= fields
    with pytest.raises(SystemExit):
        main(["search", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert all(f"{field}:" in text for field in fields), sorted(fields)
    assert "date:2016-02" in text and "date:>20160901" in text
    with pytest.raises(SystemExit):
        main(["add", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert f"seconds to wait for each web page (default {TIMEOUT:g})" in text


def test_bookmarks_add_takes_the_notes_hashtags_as_tags_as_the_app_does(
    capsys, corpus: Path
) -> None:
    """In the app a note's "#word" is a tag too (a filter's "#" looks in the tags); the
    CLI kept `--note 'grain #harvest'` untagged, so the app's "#harvest" filter missed
    a bookmark made from the shell."""
    out = _bookmark_farm(
        capsys,
        corpus,
        "grain prices",
        "--note",
        "check the #harvest figures, #Harvest again, #1 is no tag",
        "--tag",
        "farm",
        "--json",
    )
    assert json.loads(out)["tags"] == ["farm", "harvest"]


def test_a_search_naming_its_corpus_does_not_look_for_one_here(tmp_path: Path) -> None:
    """The search server's client runs on every `dossier search` and counts its imports:
    the indexed corpus the current folder is in (tui.known) is looked for only when the
    command names no corpus (it cost a warm search ~5 ms of imports when it was always)."""
    code = (
        "import sys\n"
        "from tui.server import client\n"
        f"client.target({{'corpus': {str(tmp_path)!r}}})\n"
        "print('tui.known' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_entities_of_an_article_or_file_with_none_say_so(capsys, corpus: Path) -> None:
    # Exit code 1 and nothing at all on the screen left it unclear whether it ran.
    code, out, err = run(capsys, "entities", "--article", str(corpus / "farm.txt"))
    assert (code, out) == (1, "")
    assert err == f"dossier: no entities found in {corpus / 'farm.txt'}\n"
    code, out, err = run(
        capsys, "entities", "--text-file", str(corpus / "farm.txt"), "--type", "place"
    )
    assert (code, out) == (1, "")
    assert err == f"dossier: no places found in {corpus / 'farm.txt'}\n"


def test_bookmarks_and_searches_without_an_action_list_them(capsys, corpus: Path) -> None:
    # `dossier bookmarks` alone printed argparse's "required: ACTION": the list, as
    # `bookmarks list` prints it, is what one asks for without an action.
    assert run(capsys, "index", str(corpus))[0] == 0
    talks = str(corpus / "world" / "talks.txt")
    code, _, err = run(capsys, "bookmarks", "add", talks, "--quote", "met in Valmora")
    assert code == 0, err
    code, listed, err = run(capsys, "bookmarks", "list", "--corpus", str(corpus))
    assert code == 0, err
    code, out, err = run(capsys, "bookmarks", "--corpus", str(corpus))
    assert (code, out) == (0, listed), err
    assert "met in Valmora" in out
    code, out, err = run(capsys, "bookmarks", "--json", "--corpus", str(corpus))
    assert code == 0, err
    assert json.loads(out)["quote"] == "met in Valmora"
    code, _, err = run(capsys, "searches", "add", "talks", "ceasefire", "--corpus", str(corpus))
    assert code == 0, err
    code, out, err = run(capsys, "searches", "--json", "--corpus", str(corpus))
    assert code == 0, err
    assert json.loads(out)["name"] == "talks"
    with pytest.raises(SystemExit) as stop:
        main(["bookmarks", "bogus"])
    assert stop.value.code == 2
    assert "invalid choice: 'bogus'" in capsys.readouterr().err


def test_bookmarks_export_refuses_a_name_that_picks_no_format(capsys, corpus: Path) -> None:
    # notes.csv held Markdown: bookmarks export as Markdown or JSON, which the line names.
    for name in ("notes.csv", "notes.xyz"):
        target = corpus.parent / name
        code, out, err = run(capsys, "bookmarks", "export", "--corpus", str(corpus), str(target))
        assert (code, out) == (2, "")
        assert "an export is Markdown (.md) or JSON (.json)" in err and err.count("\n") == 1
        assert not target.exists()
    target = corpus.parent / "notes.xyz"
    args = ["bookmarks", "export", "--corpus", str(corpus), str(target), "--format", "json"]
    code, _, err = run(capsys, *args)
    assert code == 0, err
    assert json.loads(target.read_text("utf-8")) == []


def test_index_of_a_folder_with_no_article_says_so(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    """`dossier index` of an empty folder said 'is up to date: 0 articles', and of a folder
    of files it could not read 'searchable …: 0 articles indexed …; finding their names…':
    all well, to a user who had pointed it at the wrong folder."""
    empty = tmp_path / "empty"
    empty.mkdir()
    for _ in range(2):  # the build, then the look that finds nothing changed
        code, out, _ = run(capsys, "index", str(empty))
        assert code == 0
        assert out == (
            f"no articles in {empty} (nor in its subfolders): Dossier reads text, Markdown, "
            "web pages, exports or feeds\n"
        )
    unreadable = tmp_path / "unreadable"
    unreadable.mkdir()
    (unreadable / "scan.txt").write_bytes(bytes(range(256)) * 8)
    code, out, err = run(capsys, "index", str(unreadable))
    assert code == 0
    assert "finding their names" not in out
    assert out.startswith(f"no articles in {unreadable} (nor in its subfolders; 1 file skipped)")
    assert "scan.txt: skipped" in err


def test_a_date_search_in_a_folder_without_dates_says_none_has_one(
    capsys,  # noqa: ANN001
    corpus: Path,
) -> None:
    """`dossier search 'person:"Tony Blair" date:2005'` in BBC (no file has a date) said
    only "no articles match …", as the app said "try fewer words"; both say why now."""
    code, out, err = run(
        capsys, "search", "harbour date:2016", "--corpus", str(corpus), "--no-server"
    )
    assert (code, out) == (1, "")  # the message on stderr, as every command's "none"
    assert err.endswith(
        "dossier: no articles match 'harbour date:2016' (none of the 2 articles here has a "
        "date: date: finds only dated articles)\n"
    )
    code, out, err = run(capsys, "search", "valmora zzz", "--corpus", str(corpus), "--no-server")
    assert err.endswith("dossier: no articles match 'valmora zzz'\n")  # no date asked: as before


def test_the_no_match_line_names_the_dates_when_they_are_why() -> None:
    from tui.server.plain import hits_lines

    ((line, _),) = hits_lines([], 0, "date:2016", dated=(0, 7))
    assert line == (
        "no articles match 'date:2016' (none of the 7 articles here has a date: "
        "date: finds only dated articles)"
    )
    ((line, _),) = hits_lines([], 0, "date:2016", dated=(2, 7))
    assert (
        line
        == "no articles match 'date:2016' (date: finds only the 2 of 7 articles that have a date)"
    )


def test_entities_of_a_folder_with_no_article_say_so(capsys, tmp_path: Path) -> None:  # noqa: ANN001
    """'dossier: no entities found' of an empty folder: as if its articles named no one."""
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, err = run(capsys, "entities", str(empty))
    assert code == 1 and out == ""
    assert err == f"dossier: no entities found: no articles in {empty} (nor in its subfolders)\n"


def test_bookmarks_list_names_the_day_a_bookmark_was_saved(capsys, corpus: Path) -> None:  # noqa: ANN001
    """'2016-02-11 · 2026-12-07' beside a title: the article's day and the day it was
    saved, unnamed (the app says 'saved 2026-12-07 21:20')."""
    farm = str(corpus / "farm.txt")
    assert run(capsys, "correct", farm, "--date", "2016-02-11")[0] == 0
    code, _, err = run(capsys, "bookmarks", "add", farm, "--quote", "grain prices")
    assert code == 0, err
    code, out, err = run(capsys, "bookmarks", "list", "--corpus", str(corpus))
    assert code == 0, err
    head = next(line for line in out.splitlines() if line.startswith("Grain prices"))
    assert "2016-02-11 · saved 20" in head, head
