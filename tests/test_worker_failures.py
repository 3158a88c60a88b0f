"""The one line a failed worker gets (tui.app.worker_failures)."""

from __future__ import annotations

from tui.app.worker_failures import failure


def test_a_failure_names_the_task_and_the_first_line_of_why() -> None:
    assert failure("search", ValueError("bad query\nmore")) == "Could not search: bad query"
    assert failure("nobody", RuntimeError("")) == "Could not finish a task: RuntimeError"


def test_an_entity_correction_that_fails_says_so() -> None:
    """Undo and the corrections run in the group "entity-correction", which had no task:
    a failure there said "Could not finish a task"."""
    said = failure("entity-correction", OSError("disk full"))
    assert said == "Could not save the entity correction: disk full"
