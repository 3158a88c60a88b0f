"""After a change of the user's entity list: which articles to read again.

A correction in the app (or an edit of ``entities.yaml``) changes the recogniser.
Before, the next update prepared every article again to compare its entities with
the manifest's: a full build's work (16 s for the 2,225 BBC articles on a busy
machine, minutes at 50,000). :mod:`tui.ner.impact` tells what the change can
change (the folded names, first words and surnames an article must hold to read
otherwise), the index's stored texts tell which articles may hold them
(:meth:`~tui.index.SearchIndex.ids_whose_text`, a superset), and only those are
prepared and compared. Anything else changed with it (the shipped lists, the model,
the rules), or no state of the list kept beside the index (an index of an older
Dossier): every article is compared, as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.index import SearchIndex

#: The key of the index's metadata that keeps :func:`tui.ner.impact.entity_state`.
STATE_KEY = "entity_state"


def entity_state(recognizer: Any) -> dict[str, Any] | None:
    """What the index keeps of the recogniser's user list (None: no recogniser)."""
    if recognizer is None:
        return None
    from tui.ner.impact import base_fingerprint
    from tui.ner.impact import entity_state as state_of

    return state_of(recognizer.gazetteer, base_fingerprint(recognizer))


def articles_to_compare(
    index: SearchIndex, before: Any, now: dict[str, Any] | None
) -> set[str] | None:
    """The ids of the articles whose entities may differ under the user's list ``now``
    from under ``before`` (two :func:`entity_state`); None: every article may."""
    if now is None:
        return None
    from tui.ner.impact import TextProbe, changed_words

    words = changed_words(before, now)
    if words is None:
        return None
    if not words:
        return set()
    try:
        probe = TextProbe(words)
    except ValueError:
        return None  # a name of no letter or digit: every article is compared
    return index.ids_whose_text(probe.may_hold)
