"""Reading a command's plain options by hand, for the quick paths that answer before
argparse is imported (``dossier index`` on an unchanged folder, :mod:`tui.commands.quick`;
``dossier search`` through the server, :mod:`tui.server.client`). Imports nothing."""

from __future__ import annotations

TYPE_CHECKING = False  # typing itself is ~5 ms to import, more than this module's work
if TYPE_CHECKING:
    from typing import Any


def plain_options(
    argv: list[str],
    valued: dict[str, str],
    flags: dict[str, str],
    opts: dict[str, Any],
    positional: list[str],
    *,
    once: bool = False,
) -> bool:
    """Fill ``opts`` (by the names ``valued`` and ``flags`` map each option to) and
    ``positional`` from ``argv``; False when it holds anything else (``--help``, an
    abbreviation, a value missing, a mistake, with ``once`` an option given twice):
    the full parser takes those and says what is wrong."""
    rest = iter(argv)
    for arg in rest:
        if arg == "--":
            positional.extend(rest)
            break
        if not arg.startswith("-") or arg == "-":
            positional.append(arg)
            continue
        name, eq, value = arg.partition("=")
        if name in valued:
            if not eq:
                given = next(rest, None)
                if given is None or given.startswith("-"):
                    return False
                value = given
            if once and (name in opts or valued[name] in opts):
                return False
            opts[valued[name]] = value
        elif name in flags and not eq:
            opts[flags[name]] = True
        else:
            return False
    return True
