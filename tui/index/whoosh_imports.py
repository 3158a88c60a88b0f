"""Whoosh imported without two modules it asks for and never uses here.

Every Dossier command that reads or writes the index imports Whoosh, and Whoosh
(the Whoosh-Reloaded release) imports two modules for corners Dossier never reaches:

* ``whoosh.compat`` takes ``urlretrieve`` from ``urllib.request``, which brings in
  ``http.client`` and the ``email`` package (about a tenth of importing
  ``tui.library``); no Whoosh module calls it;
* ``whoosh.reading`` takes the ``cached_property`` package for one property
  (``deleted_docs_set``), and that package imports ``asyncio`` (as much again) to
  tell coroutines apart; the property is a plain method, for which the standard
  library's :func:`functools.cached_property` does the same.

This module, imported first by each module of :mod:`tui.index` that imports Whoosh
(before its Whoosh imports: tests/test_whoosh_imports.py checks), imports Whoosh's
query modules (and so most of Whoosh) with stand-ins for those two in ``sys.modules``
*during that import only*: Whoosh keeps the names it took (a ``urlretrieve`` that
imports the real module when called, the standard ``cached_property``), and any later
``import urllib.request`` or ``import cached_property`` anywhere gets the real module.
Nothing is replaced when Whoosh (or either module) was imported before.
"""

from __future__ import annotations

import functools
import sys
from types import ModuleType
from typing import Any

#: The Whoosh modules that take the two names.
TAKERS = ("whoosh.compat", "whoosh.reading")


def _urlretrieve(*args: Any, **kwargs: Any) -> Any:
    """``urllib.request.urlretrieve``, imported when called."""
    from urllib.request import urlretrieve

    return urlretrieve(*args, **kwargs)


def _stand_ins() -> dict[str, ModuleType]:
    request = ModuleType("urllib.request", "stands in while Whoosh imports")
    request.urlretrieve = _urlretrieve  # type: ignore[attr-defined]
    cached = ModuleType("cached_property", "stands in while Whoosh imports")
    cached.cached_property = functools.cached_property  # type: ignore[attr-defined]
    return {"urllib.request": request, "cached_property": cached}


def import_whoosh() -> None:
    """Import Whoosh with the stand-ins (see the module's docstring)."""
    if any(name in sys.modules for name in TAKERS):
        return  # imported before: as it came
    placed = {k: v for k, v in _stand_ins().items() if k not in sys.modules}
    sys.modules.update(placed)
    try:
        import whoosh.query  # noqa: F401 - through whoosh.reading and whoosh.compat
    finally:
        for name, module in placed.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


import_whoosh()
