"""The search server (tui.server): `dossier search` answered by a resident process
prints exactly what the search in its own process prints, and every way the server
can be missing, stale or wrong ends in the search in-process, never in a wrong answer."""

from __future__ import annotations

import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import search_in_subprocess, write_article
from tests.test_derived import settle
from tui import paths
from tui.commands import main
from tui.server import client, daemon, protocol

pytestmark = pytest.mark.skipif(not hasattr(socket, "AF_UNIX"), reason="Unix sockets")


@pytest.fixture
def runtime(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Servers allowed, their sockets in a short private folder of their own; every
    server started in the test is stopped after it."""
    monkeypatch.delenv("DOSSIER_NO_SERVER", raising=False)
    folder = Path(tempfile.mkdtemp(prefix="dsrv-", dir="/tmp"))
    monkeypatch.setenv("DOSSIER_RUNTIME_DIR", str(folder))
    try:
        yield folder
    finally:
        for name in os.listdir(folder):
            if name.endswith(".sock.lock"):
                sock = str(folder / name[: -len(".lock")])
                pid = daemon.holder(sock)
                if pid is not None:  # started, perhaps not listening yet
                    os.kill(pid, 9)
                    wait_for(lambda s=sock: not daemon.running(s), "the server to go", 10)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_article(
        folder,
        "a.txt",
        "Harbour talks resume",
        "Foreign Minister Anna Lindqvist met reporters in Oslo on Monday.",
        "The harbour talks with Norway went on late into the night.",
    )
    write_article(
        folder,
        "sub/b.txt",
        "Ferry strike \x1b[31mends\x1b[0m",
        "On Tuesday, Lindqvist said the ferry strike in Bergen was over.",
    )
    write_article(folder, "c.txt", "Weather", "The weather was fine all week in the harbour.")
    settle(folder)
    assert main(["index", str(folder), "--quiet"]) == 0
    return folder


def socket_of(corpus: Path) -> str:
    return client.target({"corpus": str(corpus)})[2]


def status(sock: str) -> dict | None:
    answer = protocol.ask(sock, {"op": "status", "version": protocol.version()}, timeout=10)
    return answer if answer and "pid" in answer else None


def stop(sock: str) -> None:
    answer = status(sock)
    protocol.ask(sock, {"op": "stop", "version": protocol.version()}, timeout=10)
    if answer:  # and make sure
        for _ in range(100):
            if not daemon.running(sock):
                return
            time.sleep(0.05)
        os.kill(answer["pid"], 9)


def wait_for(check, what: str, timeout: float = 60.0):  # noqa: ANN001, ANN201
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def start(corpus: Path) -> dict:
    """Run `dossier server run` for ``corpus`` in the background; its status once it answers."""
    sock = socket_of(corpus)
    subprocess.Popen(
        [sys.executable, "-m", "tui", "server", "run", "--corpus", str(corpus)],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return wait_for(lambda: status(sock), "the server to answer")


def both_ways(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple:
    """(code, stdout, stderr) of `dossier search ARGS` through the server, then in-process."""
    capsys.readouterr()
    served = (main(["search", *args]), *capsys.readouterr())
    alone = (main(["search", *args, "--no-server"]), *capsys.readouterr())
    return served, alone


def test_the_server_answers_exactly_as_the_search_in_process(
    runtime: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sock = socket_of(corpus)
    before = start(corpus)["requests"]
    c = ["--corpus", str(corpus)]
    cases = [
        ["harbour", *c],
        ["harbour", *c, "--json"],
        ["harbour", *c, "--facets"],
        [*c, "lindqvist", "--json", "--facets", "--limit", "1"],
        ["ferry", "OR", "weather", *c, "--limit=1"],
        ['person:"Anna Lindqvist"', *c],
        ["nothingmatchesthis", *c],
        ["nothingmatchesthis", *c, "--json", "--facets"],
        ["harbour", "date:2031", *c],  # none: and how many articles have a date
        ["title:(", *c],  # a bad query: one line on stderr, exit 2
        ["harbour", *c, "--rescan"],
    ]
    answered = 0
    for args in cases:
        served, alone = both_ways(capsys, args)
        assert served == alone, args
        answered += 1
    assert status(sock)["requests"] == before + answered  # none fell back to in-process
    code, out, err = both_ways(capsys, ["title:(", *c])[0]
    assert code == 2 and out == "" and err.startswith("dossier: ") and err.count("\n") == 1
    code, out, _ = both_ways(capsys, ["strike", *c])[0]
    assert code == 0 and "\x1b" not in out and "␛[31mends" in out  # text is data
    code, out, _ = both_ways(capsys, ["strike", *c, "--json"])[0]
    assert json.loads(out)["title"] == "Ferry strike \x1b[31mends\x1b[0m"


def test_the_server_says_an_empty_folder_has_no_articles(
    runtime: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    assert main(["index", "--corpus", str(folder)]) == 0
    sock = socket_of(folder)
    before = start(folder)["requests"]
    served, alone = both_ways(capsys, ["harbour", "--corpus", str(folder)])
    assert served == alone
    # "None" is said on stderr, as every command says it (stdout: the results alone).
    assert served[:2] == (1, "") and served[2].startswith("dossier: no articles to search in ")
    assert status(sock)["requests"] == before + 1  # the server answered


def test_a_search_starts_a_server_and_the_next_one_uses_it(
    runtime: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sock = socket_of(corpus)
    assert main(["search", "harbour", "--corpus", str(corpus)]) == 0  # in-process, starts one
    first = capsys.readouterr().out
    info = wait_for(lambda: status(sock), "the server the search started")
    assert info["corpus"] == str(corpus.resolve()) and info["requests"] == 0
    assert main(["search", "harbour", "--corpus", str(corpus)]) == 0
    assert capsys.readouterr().out == first
    assert status(sock)["requests"] == 1
    assert os.stat(sock).st_mode & 0o777 == 0o600
    assert os.stat(os.path.dirname(sock)).st_mode & 0o777 == 0o700
    # A second search does not start a second server.
    assert not client.start_server({"query": ["x"], "corpus": str(corpus)})


def test_no_server_when_the_user_says_so(
    runtime: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sock = socket_of(corpus)
    assert main(["search", "harbour", "--corpus", str(corpus), "--no-server"]) == 0
    monkeypatch.setenv("DOSSIER_NO_SERVER", "1")
    assert main(["search", "harbour", "--corpus", str(corpus)]) == 0
    monkeypatch.delenv("DOSSIER_NO_SERVER")
    config = paths.config_dir() / "config.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("server:\n  start: false\n", encoding="utf-8")
    assert main(["search", "harbour", "--corpus", str(corpus)]) == 0
    time.sleep(1.0)
    assert not daemon.running(sock) and not os.path.exists(sock)
    # One running when the setting changes leaves at the next search.
    config.unlink()
    start(corpus)
    config.write_text("server:\n  start: false\n", encoding="utf-8")
    assert main(["search", "harbour", "--corpus", str(corpus)]) == 0
    wait_for(lambda: not daemon.running(sock), "the server to leave", 10)


def test_the_server_sees_a_new_index_and_new_files(
    runtime: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sock = socket_of(corpus)
    start(corpus)
    assert main(["search", "glacier", "--corpus", str(corpus)]) == 1
    write_article(corpus, "d.txt", "Glacier", "The glacier melted near Tromso.")
    settle(corpus)
    assert main(["index", str(corpus), "--quiet"]) == 0  # a new generation of the index
    before = status(sock)["requests"]
    capsys.readouterr()
    assert main(["search", "glacier", "--corpus", str(corpus), "--json"]) == 0
    assert [json.loads(line)["path"] for line in capsys.readouterr().out.splitlines()] == ["d.txt"]
    assert status(sock)["requests"] == before + 1  # the server answered, from the new index
    # A file added without `dossier index`: the search sees it, as it always did.
    write_article(corpus, "e.txt", "Fjord", "A fjord ferry ran aground.")
    assert main(["search", "fjord", "--corpus", str(corpus), "--json"]) == 0
    assert "e.txt" in capsys.readouterr().out


def test_stale_socket_and_a_server_killed_mid_request(
    runtime: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sock = socket_of(corpus)
    expected = (
        main(["search", "harbour", "--corpus", str(corpus), "--no-server"]),
        capsys.readouterr().out,
    )
    # A server that takes the request and dies before answering.
    dying = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    dying.bind(sock)
    dying.listen(1)

    def die() -> None:
        conn, _ = dying.accept()
        conn.recv(100)
        conn.close()
        dying.close()  # its socket file stays behind, stale

    thread = threading.Thread(target=die)
    thread.start()
    assert (
        main(["search", "harbour", "--corpus", str(corpus)]),
        capsys.readouterr().out,
    ) == expected
    thread.join()
    assert os.path.exists(sock)
    # The stale file: the search answers in-process and a new server replaces it.
    assert (
        main(["search", "harbour", "--corpus", str(corpus)]),
        capsys.readouterr().out,
    ) == expected
    info = wait_for(lambda: status(sock), "a server in place of the stale socket")
    # Killed outright: the next search still answers.
    os.kill(info["pid"], 9)
    wait_for(lambda: not daemon.running(sock), "the killed server's lock to go")
    assert (
        main(["search", "harbour", "--corpus", str(corpus)]),
        capsys.readouterr().out,
    ) == expected
    wait_for(lambda: status(sock), "the server that search started")  # stopped after the test


def test_another_version_a_moved_corpus_and_two_clients_at_once(
    runtime: Path, corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sock = socket_of(corpus)
    start(corpus)
    request = {
        "op": "search",
        "version": protocol.version(),
        "corpus": str(corpus.resolve()),
        "query": "harbour",
        "limit": 5,
        "facets": True,
    }
    answers: list[dict | None] = []
    threads = [
        threading.Thread(
            target=lambda: answers.extend(protocol.ask(sock, request) for _ in range(5))
        )
        for _ in range(3)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(answers) == 15 and all(a and a["total"] == 2 for a in answers)
    # A client of another version: the server says so and leaves.
    old = dict(request, version="0.0.0/0")
    assert protocol.ask(sock, old) == {"fallback": "version"}
    wait_for(lambda: not daemon.running(sock), "the server of another version to leave")
    # A moved corpus: the old path is no folder any more, the server leaves.
    start(corpus)
    moved = tmp_path / "moved"
    corpus.rename(moved)
    capsys.readouterr()
    assert main(["search", "harbour", "--corpus", str(corpus)]) == 2
    assert "no such folder" in capsys.readouterr().err
    wait_for(lambda: not daemon.running(sock), "the server of a moved corpus to leave")


def test_server_status_and_stop(
    runtime: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c = ["--corpus", str(corpus)]
    assert main(["server", "status", *c]) == 1
    assert "no search server is running" in capsys.readouterr().out
    info = start(corpus)
    assert main(["server", "status", *c, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["pid"] == info["pid"] and shown["rss_mb"] > 10
    assert main(["server", "status", *c]) == 0
    assert f"pid {info['pid']}" in capsys.readouterr().out
    assert main(["server", "status", "--all"]) == 0
    assert str(corpus.resolve()) in capsys.readouterr().out
    assert main(["server", "run", *c]) == 2  # one server per index
    assert "running already" in capsys.readouterr().err
    assert main(["server", "stop", *c]) == 0
    assert f"pid {info['pid']}" in capsys.readouterr().out
    assert not daemon.running(socket_of(corpus)) and not os.path.exists(socket_of(corpus))


def test_a_socket_folder_others_may_write_in_is_not_trusted(
    runtime: Path, corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    os.chmod(runtime, 0o777)
    assert daemon.run(corpus) == 1  # the server will not listen there
    assert main(["search", "harbour", "--corpus", str(corpus)]) == 0  # in-process
    assert not os.path.exists(socket_of(corpus))


def test_the_server_leaves_when_idle(corpus: Path) -> None:
    server = daemon.Server("/nonexistent/x.sock", corpus, data_dir=None, index_dir=None)
    assert server.ready
    sock = tempfile.mktemp(prefix="dsrv-", dir="/tmp")
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
        s.bind(sock)
        server.socket = sock
        ino = os.stat(sock).st_ino
        assert not server._time_to_leave(ino)
        server.last_request -= server.lib.settings.server_idle_minutes * 60 + 1
        assert server._time_to_leave(ino)
    os.unlink(sock)


def test_the_quick_client_imports_no_whoosh_and_no_rich(runtime: Path, corpus: Path) -> None:
    start(corpus)
    output, modules = search_in_subprocess(corpus, "harbour")
    assert "Harbour talks resume" in output
    heavy = {m for m in modules if m.split(".")[0] in ("whoosh", "rich", "yaml", "argparse")}
    heavy |= {m for m in modules if m.startswith(("tui.library", "tui.index", "tui.settings"))}
    assert not heavy, sorted(heavy)


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_lines_are_styled_and_wrapped_at_spaces(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import re

    from tui.server import plain

    words = "the harbour talks went on late into the night while ferries waited outside"
    snippet = f"{words} {words} {'x' * 50}"
    start = snippet.index("harbour")
    hit = {
        "id": "abc",
        "title": "Harbour talks \x1b[31mresume\x1b[0m after a long night of talks in Oslo",
        "source": "AFP",
        "date": "2016-02-11",
        "path": "a.txt",
        "snippet": snippet,
        "snippet_matches": [[start, start + 7]],
        "duplicate_of": None,
    }
    monkeypatch.setenv("COLUMNS", "40")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    out = _Terminal()
    assert plain.print_search(out, [hit], 3, "harbour", None, as_json=False) == 0
    text = out.getvalue()
    assert "\x1b[1;7mharbour\x1b[0m" in text  # the match, reversed
    shown = re.sub("\x1b\\[[0-9;]*m", "", text)
    assert "␛[31mresume" in shown  # the article's own escape is shown, not run
    lines = shown.splitlines()
    assert all(len(line) <= 40 for line in lines), lines
    assert lines[0] == "  1. Harbour talks ␛[31mresume␛[0m after"
    assert lines[1].startswith("     a long night")  # the rest, indented
    assert "x" * 35 in shown and "x" * 36 not in shown  # a word longer than a line: folded
    # Every word is there, in order, none cut but the one too long for a line.
    assert " ".join(shown.split()).count(words) == 2
    monkeypatch.setenv("NO_COLOR", "1")
    out = _Terminal()
    plain.print_search(out, [hit], 3, "harbour", None, as_json=False)
    assert "\x1b" not in out.getvalue() and out.getvalue() == shown
    out = io.StringIO()  # a pipe: neither styled nor wrapped
    plain.print_search(out, [hit], 3, "harbour", None, as_json=False)
    assert "\x1b" not in out.getvalue()
    assert out.getvalue().splitlines()[2] == "     " + snippet


def test_the_version_tells_two_installs_of_one_release_apart(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    mark = tmp_path / "schema.py"
    mark.write_text("one", encoding="utf-8")
    monkeypatch.setattr(protocol, "_MARKS", (str(mark),))
    first = protocol.version()
    assert protocol.version() == first
    mark.write_text("other", encoding="utf-8")  # another install's file
    assert protocol.version() != first
