"""Changing lists in a user's YAML file by editing its text, not by dumping it again.

A file the user wrote has comments, blank lines and an indentation of their own;
a YAML dump keeps none of them. :func:`splice_lists` changes only the items of
the top-level lists that changed: an item taken out loses its own lines, an item
changed is written again in its place (the comments at the ends of its
lines kept, each on its key's line), a new one goes after the last (at the
indentation of the others). Every other line, comments and all, stays as it was.

The result is checked by reading it back: when it does not give exactly the data
wanted (a layout this module does not know: anchors, a mapping in flow style at
the top, ...), :func:`splice_lists` returns ``None`` and the caller writes the
file whole instead.

Domain code: stdlib and PyYAML only.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Sequence
from typing import Any

import yaml

#: An edit of the text: replace ``text[start:end]`` with the string.
_Edit = tuple[int, int, str]


def splice_lists(
    text: str,
    before: dict[str, list[Any]],
    after: dict[str, list[Any]],
    reads_back: Callable[[str], bool],
) -> str | None:
    """``text`` with each top-level list ``before[key]`` turned into ``after[key]``.

    ``before`` holds what ``text`` gives for each key (a missing key or a null value
    as ``[]``, a lone string as a list of it); ``reads_back`` says whether a text gives
    the data wanted. ``None`` when the text cannot be edited in place."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        edits: list[_Edit] = []
        for key, old in before.items():
            new = after[key]
            if old != new:
                edits.extend(_list_edits(text, root, key, old, new))
    except (yaml.YAMLError, _CannotSplice, RecursionError):
        return None
    out = text
    for start, end, insert in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        out = out[:start] + insert + out[end:]
    try:
        return out if reads_back(out) else None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError):
        return None  # (a key added after the end of the document: "...")


class _CannotSplice(Exception):
    """A layout the splice does not handle (the file is then written whole)."""


def _list_edits(
    text: str, root: yaml.Node | None, key: str, old: list[Any], new: list[Any]
) -> list[_Edit]:
    if root is None:  # a file of comments only
        return [_append_key(text, key, new)]
    if not isinstance(root, yaml.MappingNode) or root.flow_style:
        raise _CannotSplice
    found = [(k, v) for k, v in root.value if isinstance(k, yaml.ScalarNode) and k.value == key]
    if not found:
        return [_append_key(text, key, new)]
    if len(found) > 1:
        raise _CannotSplice
    key_node, value = found[0]
    if isinstance(value, yaml.ScalarNode):
        if value.tag != "tag:yaml.org,2002:null":  # a lone name: a list in its place
            return [(value.start_mark.index, value.end_mark.index, _flow(new))]
        if value.start_mark.index == value.end_mark.index:  # "key:" and nothing after
            start = _line_end(text, key_node.end_mark.index)
            return [
                (
                    start,
                    start,
                    _ensure_newline(text, start) + _block(new, key_node.start_mark.column),
                )
            ]
        at = _line_end(text, value.end_mark.index)  # "key: ~" or "key: null"
        rest = text[value.end_mark.index : at]
        rest += "" if rest.endswith("\n") else "\n"
        return [(value.start_mark.index, at, rest + _block(new, key_node.start_mark.column))]
    if not isinstance(value, yaml.SequenceNode):
        raise _CannotSplice
    if value.flow_style:
        return [(value.start_mark.index, value.end_mark.index, _flow(new))]
    edits = _block_edits(text, value.value, old, new)
    if not new:  # no item left: an empty list, not a null
        colon = text.index(":", key_node.end_mark.index)
        edits.append((colon + 1, colon + 1, " []"))
    return edits


def _block_edits(
    text: str, items: Sequence[yaml.Node], old: list[Any], new: list[Any]
) -> list[_Edit]:
    """Edits of a block sequence: each item's lines run from its ``-`` to the end of
    its last line of content (comments between items belong to none and stay)."""
    if len(items) != len(old) or not items:
        raise _CannotSplice
    starts, columns, ends = [], [], []
    for node in items:
        dash = _dash(text, node.start_mark.index)
        line_start = text.rfind("\n", 0, dash) + 1
        if text[line_start:dash].strip(" "):
            raise _CannotSplice
        starts.append(line_start)
        columns.append(dash - line_start)
        ends.append(_content_end(text, node))
    edits: list[_Edit] = []
    matcher = difflib.SequenceMatcher(
        None, [_key(x) for x in old], [_key(x) for x in new], autojunk=False
    )
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        column = columns[min(i1, len(items) - 1)]
        if op == "replace":  # each changed item keeps the comments at its lines' ends
            olds = list(zip(items[i1:i2], old[i1:i2], strict=True))
            written = "".join(
                _commented(_block([item], column), _comments(text, _partner(olds, n, item)))
                for n, item in enumerate(new[j1:j2])
            )
        else:
            written = _block(new[j1:j2], column) if j2 > j1 else ""
        if op == "insert":
            at = starts[i1] if i1 < len(items) else ends[-1]
            if at == len(text) and not text.endswith("\n"):
                written = "\n" + written
            edits.append((at, at, written))
            continue
        edits.append((starts[i1], ends[i1], written))
        edits.extend((starts[i], ends[i], "") for i in range(i1 + 1, i2))
    return edits


def _partner(olds: list[tuple[yaml.Node, Any]], n: int, item: Any) -> yaml.Node | None:
    """The old item the ``n``-th new one of a replaced run changes: the one of the same
    name (an entry), else the one at its place when the run keeps its length."""
    if isinstance(item, dict) and "name" in item:
        for node, value in olds:
            if isinstance(value, dict) and value.get("name") == item["name"]:
                return node
    return olds[n][0] if n < len(olds) else None


def _line_ends(text: str, node: yaml.Node) -> dict[str | None, int]:
    """Where the lines that end the parts of an item end (before their newline): each
    key's value, for a mapping; the item itself (None) otherwise."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style:
        parts = [(k.value, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)]
    else:
        parts = [(None, node)]
    out: dict[str | None, int] = {}
    for key, value in parts:
        end = _last_mark(value)
        if end > 0 and text[end - 1] == "\n":
            continue  # a block scalar: its last line is text, not a place for a comment
        newline = text.find("\n", end)
        out[key] = len(text) if newline < 0 else newline
    return out


def _comments(text: str, node: yaml.Node | None) -> dict[str | None, str]:
    """The comments at the ends of ``node``'s lines (spaces before them kept), by part."""
    if node is None:
        return {}
    out = {}
    for key, end in _line_ends(text, node).items():
        start = _last_mark(node if key is None else _value_of(node, key))
        rest = text[start:end].rstrip("\r")
        if rest.lstrip(" \t").startswith("#"):
            out[key] = rest
    return out


def _value_of(node: yaml.Node, key: str) -> yaml.Node:
    return next(v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key)


def _commented(written: str, comments: dict[str | None, str]) -> str:
    """``written`` (one item of a block sequence) with ``comments`` put back at the ends
    of the lines of their parts; one whose part is gone goes to the item's first line."""
    if not comments:
        return written
    root = yaml.compose(written, Loader=yaml.SafeLoader)
    if not isinstance(root, yaml.SequenceNode) or len(root.value) != 1:
        raise _CannotSplice
    ends = _line_ends(written, root.value[0])
    first = _line_end(written, 0) - 1
    at: dict[int, str] = {}
    for key, comment in comments.items():
        place = ends.get(key, first)
        at[place] = at.get(place, "") + comment
    for place in sorted(at, reverse=True):
        written = written[:place] + at[place] + written[place:]
    return written


def _dash(text: str, at: int) -> int:
    """The index of the ``-`` that opens the sequence item whose content starts at ``at``."""
    i = at - 1
    while i >= 0 and text[i] in " \t\r\n":
        i -= 1
    if i < 0 or text[i] != "-":
        raise _CannotSplice
    return i


def _content_end(text: str, node: yaml.Node) -> int:
    """The index after the newline that ends ``node``'s last line of content."""
    end = _last_mark(node)
    if end > 0 and text[end - 1] == "\n":  # a block scalar ends at the next line
        return end
    return _line_end(text, end)


def _last_mark(node: yaml.Node) -> int:
    if isinstance(node, yaml.ScalarNode) or getattr(node, "flow_style", False):
        return int(node.end_mark.index)
    if isinstance(node, yaml.MappingNode):
        return max(
            (max(_last_mark(k), _last_mark(v)) for k, v in node.value),
            default=node.start_mark.index,
        )
    if isinstance(node, yaml.SequenceNode):
        return max((_last_mark(v) for v in node.value), default=node.start_mark.index)
    raise _CannotSplice


def _line_end(text: str, at: int) -> int:
    """The index after the newline ending the line that holds ``at`` (the text's end)."""
    newline = text.find("\n", at)
    return len(text) if newline < 0 else newline + 1


def _ensure_newline(text: str, at: int) -> str:
    """A newline to write at ``at`` first when the text ends there without one."""
    return "\n" if at == len(text) and text and not text.endswith("\n") else ""


def _append_key(text: str, key: str, items: list[Any]) -> _Edit:
    lead = "" if not text or text.endswith("\n") else "\n"
    body = _block(items, 0) if items else ""
    value = f"{key}:\n{body}" if items else f"{key}: []\n"
    return (len(text), len(text), lead + value)


def _block(items: list[Any], column: int) -> str:
    if not items:
        return ""
    dumped = yaml.safe_dump(
        list(items), sort_keys=False, allow_unicode=True, default_flow_style=False, width=10**9
    )
    pad = " " * column
    return "".join(pad + line for line in dumped.splitlines(keepends=True))


def _flow(items: list[Any]) -> str:
    dumped = yaml.safe_dump(
        list(items), sort_keys=False, allow_unicode=True, default_flow_style=True, width=10**9
    )
    return dumped.strip()


def _key(item: Any) -> str:
    return json.dumps(item, sort_keys=True, default=str, ensure_ascii=False)
