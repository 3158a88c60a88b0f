"""The wheel must carry every subpackage, the seeds and the YAML defaults."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_in_pyproject() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    # Any folder of .py files is a package (namespace packages have no __init__.py).
    found = {
        ".".join(p.parent.relative_to(REPO).parts)
        for p in (REPO / "tui").rglob("*.py")
        if "__pycache__" not in p.parts
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert config["package-dir"] == {"tui.seeds": "seeds", "tui.defaults": "config"}


def test_seeds_are_the_five_bundled_articles() -> None:
    names = sorted(p.name for p in (REPO / "seeds").iterdir() if p.suffix == ".txt")
    assert len(names) == 5
    assert names[0].startswith("000_")


def test_no_script_or_module_defaults_to_a_path_of_one_machine() -> None:
    # Benches and code find data relative to the repository (its ../shared), so that they
    # run in any checkout and in CI; an absolute path of one machine works there only.
    import ast
    import re

    machine = re.compile(r"^/(?:work|home|Users|root|mnt|srv|data)/")
    found = []
    for path in [*(REPO / "bench").rglob("*.py"), *(REPO / "tui").rglob("*.py")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                if machine.match(node.value):
                    found.append(f"{path.relative_to(REPO)}:{node.lineno}: {node.value}")
    assert found == []


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", readme, re.DOTALL)
    command = blocks[1].strip()  # the second command: install the test extra, run pytest
    assert "pytest" in command
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert command in ci.splitlines()
    # ... and then lints and type-checks with the versions the test extra pins.
    assert ".venv/bin/ruff check tui tests bench" in ci and ".venv/bin/mypy" in ci


def _fake_ci(tmp_path: Path, pytest_status: int, lint_status: int = 0) -> tuple[int, str]:
    """Run .ci/run in a copy of its folder with a ``python3`` that makes a stub venv:
    pip does nothing, pytest (``.venv/bin/python -m pytest``) exits with
    ``pytest_status``, ruff and mypy with ``lint_status``."""
    import os
    import shutil
    import stat
    import subprocess

    repo = tmp_path / "repo"
    (repo / ".ci").mkdir(parents=True)
    shutil.copy(REPO / ".ci" / "run", repo / ".ci" / "run")
    tools = tmp_path / "bin"
    tools.mkdir()
    stub = (
        "#!/bin/sh\n"
        "mkdir -p .venv/bin\n"
        f"printf '#!/bin/sh\\nexit 0\\n' > .venv/bin/pip\n"
        f"printf '#!/bin/sh\\nexit {pytest_status}\\n' > .venv/bin/python\n"
        f"printf '#!/bin/sh\\nexit {lint_status}\\n' > .venv/bin/ruff\n"
        f"printf '#!/bin/sh\\nexit {lint_status}\\n' > .venv/bin/mypy\n"
        "chmod +x .venv/bin/*\n"
    )
    python3 = tools / "python3"
    python3.write_text(stub, encoding="utf-8")
    python3.chmod(python3.stat().st_mode | stat.S_IXUSR)
    env = {**os.environ, "PATH": f"{tools}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(
        ["bash", str(repo / ".ci" / "run")],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )
    return done.returncode, done.stderr


def test_ci_fails_when_pytest_collects_no_tests(tmp_path: Path) -> None:
    """pytest's exit code 5 (no tests collected, e.g. a conftest that deselects all) is
    a broken suite: CI fails on it, as on any failure, and passes only on 0."""
    code, err = _fake_ci(tmp_path / "none", 5)
    assert code != 0 and "collected no tests" in err
    assert _fake_ci(tmp_path / "failed", 1)[0] == 1
    assert _fake_ci(tmp_path / "lint", 0, lint_status=1)[0] == 1
    assert _fake_ci(tmp_path / "passed", 0) == (0, "")


def test_every_bench_script_reads_its_arguments_with_argparse() -> None:
    """`bench/entities_speed.py --help` crashed (``int("--help")``: it read its
    arguments by hand), and `bench/eval_conll.py --help` looked for a file named
    --help: every script a person runs answers --help and says what is wrong."""
    import subprocess
    import sys

    by_hand = [
        path.name
        for path in sorted((REPO / "bench").glob("*.py"))
        if '__name__ == "__main__"' in (text := path.read_text(encoding="utf-8"))
        and "argparse" not in text
    ]
    assert by_hand == []
    for name in ("entities_speed.py", "eval_conll.py"):
        done = subprocess.run(
            [sys.executable, str(REPO / "bench" / name), "--help"],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0 and done.stdout.startswith("usage:"), (name, done.stderr)
