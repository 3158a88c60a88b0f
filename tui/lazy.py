"""A module imported on first use: a command that does not need it never pays for it.

``dossier search`` is one whole process, and importing numpy alone costs about as
much as the search; only the passage and co-occurrence lookups use it. A module
that needs numpy for some calls only writes::

    if TYPE_CHECKING:
        import numpy as np
    else:
        np = lazy_module("numpy")

and ``np.zeros`` imports numpy the first time it runs.

A package's ``__init__`` that imported all of its modules made every command pay for
all of them (``dossier search`` loaded the cleaner and the bookmarks store). With
``__getattr__ = lazy_exports(__name__, WHERE)`` a name the package exports is
imported from the module ``WHERE`` lists it under the first time it is asked for,
then kept in the package like an ordinary attribute.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


class _LazyModule:
    def __init__(self, name: str) -> None:
        self.__dict__["_lazy_name"] = name

    def __getattr__(self, attr: str) -> Any:
        value = getattr(importlib.import_module(self.__dict__["_lazy_name"]), attr)
        self.__dict__[attr] = value  # found directly from now on
        return value

    def __repr__(self) -> str:
        return f"<module {self.__dict__['_lazy_name']!r}, imported on first use>"


def lazy_module(name: str) -> Any:
    """A stand-in for module ``name`` that imports it when an attribute is first read."""
    return _LazyModule(name)


def lazy_exports(package: str, modules: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``modules`` maps each of its modules to
    the names the package exports from it (separated by white space)."""
    where = {name: module for module, names in modules.items() for name in names.split()}

    def __getattr__(name: str) -> Any:
        module = where.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
