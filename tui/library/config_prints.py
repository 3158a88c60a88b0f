"""The fingerprints an index is built with: of the cleaning rules, of each source's
corrections and of the recogniser, saved beside the index.

Working out the recogniser's (its word lists loaded: 70-130 ms) is left until it is
first asked for: the first phase of a full build does not use the recogniser, and
its parent works it out while the build's workers run
(:meth:`ConfigPrints.work_out`, :class:`tui.index.build.Batch`'s ``meanwhile``),
where it held up their start (issue 13).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tui.library import derived
from tui.library.catalog import Catalog
from tui.library.prepare import fingerprints, rules_of, tools
from tui.library.rereading import entity_state


class ConfigPrints:
    """The fingerprints of the cleaning rules (``rules``) and of each source's
    corrections (``corrections``), and, worked out when first asked, of the recogniser
    (:attr:`entities`) and what the index keeps of the user's entity list
    (:attr:`state`, :func:`~tui.library.rereading.entity_state`). Once all are known
    they are saved beside the index (when it is there), keyed by the config files."""

    def __init__(self, catalog: Catalog) -> None:
        self._config = catalog.config_dir
        self._saved_at = catalog.index.path / derived.CONFIG_NAME
        self._key = derived.config_key(catalog.config_dir)
        self._entities: tuple[str, dict[str, Any] | None] | None = None
        saved = derived.read_keyed(self._saved_at, self._key)
        if (
            isinstance(saved, list)
            and len(saved) == 4
            and isinstance(saved[0], str)
            and isinstance(saved[1], str)
            and isinstance(saved[2], dict)
            and (saved[3] is None or isinstance(saved[3], dict))
        ):
            self.rules: str = saved[0]
            self.corrections: dict[str, str] = {str(k): str(v) for k, v in saved[2].items()}
            self._entities = (saved[1], saved[3])
            return
        rules = rules_of(str(self._config))
        self.rules = str(getattr(rules, "fingerprint", ""))
        self.corrections = rules.corrections_fingerprints()
        _check_user_list(Path(self._config))

    def work_out(self) -> None:
        """Work out the recogniser's fingerprints now, if not yet (it loads the
        recogniser: its word lists, not its model), and save all of them."""
        if self._entities is not None:
            return
        _rules_fp, ents_fp = fingerprints(self._config)
        state = entity_state(tools(str(self._config))[1])
        self._entities = (ents_fp, state)
        if self._saved_at.parent.is_dir():
            derived.write_keyed(
                self._saved_at, self._key, [self.rules, ents_fp, self.corrections, state]
            )

    @property
    def entities(self) -> str:
        """The recogniser's fingerprint ("" without one)."""
        self.work_out()
        assert self._entities is not None
        return self._entities[0]

    @property
    def state(self) -> dict[str, Any] | None:
        """What the index keeps of the user's entity list (None: no recogniser)."""
        self.work_out()
        assert self._entities is not None
        return self._entities[1]


def _check_user_list(config: Path) -> None:
    """Raise the error of a malformed user's entity list (``entities.yaml``) now, as
    when the recogniser's fingerprints came first: found only by :meth:`ConfigPrints.
    work_out`, while a full build's workers run, it was said once they had read every
    article (and again after a build in this process). Reading the user's list alone
    (its YAML and entries, milliseconds; none when there is no list) leaves the
    recogniser's word lists unloaded."""
    user = config / "entities.yaml"
    if user.exists():
        from tui.gazetteer import load_gazetteer

        load_gazetteer([user])


def config_fingerprints(catalog: Catalog) -> ConfigPrints:
    """The fingerprints the index is built with (see :class:`ConfigPrints`): saved beside
    the index, since working them out loads the recogniser's word lists (most of an
    update of an unchanged folder otherwise)."""
    return ConfigPrints(catalog)
