"""No string from a file or an import reaches the terminal raw: escapes, C1 codes and bidi
overrides are made visible by one shared function, in the CLI and in the app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.app_helpers import SIZE, Messages, make_app, ready
from tests.conftest import write_article
from tui.commands import main

ESC_NAME = "x\x1b]2;PWNED\x07y"
# Every kind of character that can change a terminal's state or reorder a line.
HOSTILE = "\x1b[31m\x07\x9b2J\u202ecba\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069\x08"


def raw_controls(text: str) -> list[str]:
    """The characters of ``text`` that must never reach a terminal."""
    return [
        ch
        for ch in text
        if (ord(ch) < 32 and ch not in "\n")
        or 0x7F <= ord(ch) < 0xA0
        or 0x202A <= ord(ch) <= 0x202E
        or 0x2066 <= ord(ch) <= 0x2069
    ]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write_article(
        folder,
        f"{ESC_NAME}.txt",
        f"Harbour {HOSTILE} talks",
        f"Negotiators met {HOSTILE} to discuss a ceasefire along the harbour.",
    )
    (folder / f"empty{ESC_NAME}.txt").write_text("")
    return folder


def test_the_cli_and_the_app_share_one_function() -> None:
    from tui import text
    from tui.app import safe

    assert safe.visible is text.visible
    shown = text.visible(HOSTILE)
    assert len(shown) == len(HOSTILE) and raw_controls(shown) == []
    assert raw_controls(text.visible("a\nb", keep_newlines=False)) == []
    assert "\n" not in text.visible("a\nb", keep_newlines=False)


def test_index_warnings_show_file_names_visibly(capsys, corpus: Path) -> None:
    code, out, err = run(capsys, "index", str(corpus))
    assert code == 0
    assert "PWNED" in err  # the warning names the empty file
    assert raw_controls(out + err) == []


def test_search_and_show_pass_nothing_raw(capsys, corpus: Path, monkeypatch) -> None:
    code, out, err = run(capsys, "search", "ceasefire", "--corpus", str(corpus))
    assert code == 0 and "Harbour" in out
    assert raw_controls(out + err) == []
    code, out, err = run(capsys, "search", "ceasefire", "--corpus", str(corpus), "--json")
    assert code == 0 and raw_controls(out) == []
    hit = json.loads(out.splitlines()[0])
    assert HOSTILE in hit["title"]  # the JSON keeps the data, escaped
    code, out, err = run(capsys, "show", hit["id"], "--corpus", str(corpus))
    assert code == 0 and raw_controls(out + err) == []
    # --raw to a pipe or a file is the file as it is (that is what it asks for) ...
    code, out, err = run(capsys, "show", hit["id"], "--corpus", str(corpus), "--raw")
    assert code == 0 and HOSTILE in out
    # ... and to a terminal, made visible like everything else.
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    code, out, err = run(capsys, "show", hit["id"], "--corpus", str(corpus), "--raw")
    assert code == 0 and "Harbour" in out and raw_controls(out + err) == []
    code, out, err = run(capsys, "show", hit["id"], "--corpus", str(corpus), "--json")
    assert raw_controls(out) == [] and HOSTILE in json.loads(out)["body"]


def test_error_messages_show_names_visibly(capsys, corpus: Path) -> None:
    code, out, err = run(capsys, "show", ESC_NAME + "\u202e", "--corpus", str(corpus))
    assert code == 2 and "PWNED" in err
    assert raw_controls(err) == []
    code, out, err = run(capsys, "search", "x", "--corpus", str(corpus / ESC_NAME))
    assert code == 2 and raw_controls(err) == []


def test_bookmarks_output_passes_nothing_raw(capsys, corpus: Path) -> None:
    code, out, err = run(
        capsys,
        "bookmarks",
        "add",
        f"{ESC_NAME}.txt",
        "--corpus",
        str(corpus),
        "--quote",
        f"Negotiators met {HOSTILE} to discuss",
        "--note",
        f"note {HOSTILE}",
        "--tag",
        f"tag{HOSTILE}",
    )
    assert code == 0, err
    assert raw_controls(out + err) == []
    code, out, err = run(capsys, "bookmarks", "list", "--corpus", str(corpus))
    assert code == 0 and "Harbour" in out and raw_controls(out + err) == []
    code, out, err = run(capsys, "bookmarks", "list", "--corpus", str(corpus), "--json")
    assert code == 0 and raw_controls(out) == []
    assert json.loads(out)["note"] == f"note {HOSTILE}"
    code, out, err = run(capsys, "bookmarks", "export", "--corpus", str(corpus))
    assert code == 0 and "Harbour" in out and raw_controls(out + err) == []
    code, out, err = run(capsys, "bookmarks", "export", "--format", "json", "--corpus", str(corpus))
    assert code == 0 and raw_controls(out + err) == []
    assert HOSTILE in out.encode().decode("unicode_escape") or HOSTILE in json.dumps(
        json.loads(out), ensure_ascii=False
    )


async def test_the_files_skipped_notice_shows_names_visibly(corpus: Path) -> None:
    app = make_app(corpus)
    toasts = Messages()  # the toasts of the start, even once they have timed out
    async with app.run_test(size=SIZE, message_hook=toasts) as pilot:
        await ready(pilot)
        messages = toasts.toasts()
        assert any("PWNED" in m for m in messages), messages
        assert all(raw_controls(m) == [] for m in messages)
