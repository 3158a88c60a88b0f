"""What the user is told when a worker fails: one line, "Could not <its task>: <why>".

The app's :meth:`~tui.app.app.DossierApp.on_worker_state_changed` is the one place
worker failures land (a damaged index is rebuilt there instead); the task is named by
the worker's group.
"""

from __future__ import annotations

#: Each worker group's task, as "Could not …" ends.
TASKS = {
    "article": "open the article",
    "entities": "find the entities",
    "entity-articles": "list where that entity appears",
    "search": "search",
    "find": "find in the article",
    "index": "update the search index",
    "scan": "read the corpus",
    "cruft": "mark the line",
    "palette": "list entities",
    "palette-bookmarks": "list the bookmarks",
    "bookmarks": "read the bookmarks",
    "article-bookmarks": "read this article's bookmarks",
    "bookmark-save": "save the bookmark",
    "bookmark-delete": "delete or restore the bookmark",
    "bookmark-export": "export the bookmarks",
    "shared": "mark the shared passages",
    "shared-lookup": "find where the passage appears",
    "together": "list who is mentioned with it",
    "export-list": "export the list",
    "history": "read the search history",
    "history-write": "keep the query in the history",
    "saved-searches": "count the saved searches",
    "palette-searches": "list the saved searches",
    "search-save": "save the search",
    "search-open": "note the saved search as seen",
    "search-remove": "delete the saved search",
    "facets": "count the facets",
    "timeline": "draw the timeline",
    "bookmarked": "find the articles with bookmarks",
    "entity-correction": "save the entity correction",
}


def failure(group: str, error: BaseException | None) -> str:
    """The toast for a worker of ``group`` that failed with ``error``: its first line."""
    text = (
        str(error).strip().splitlines()[0] if error and str(error).strip() else type(error).__name__
    )
    return f"Could not {TASKS.get(group, 'finish a task')}: {text}"
