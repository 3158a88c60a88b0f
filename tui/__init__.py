"""Dossier: a terminal reader for a folder of news articles.

The modules directly in this package are the domain layer (articles, cleaning,
index, entities, bookmarks, settings, paths); none of them imports Textual.
The Textual app lives in :mod:`tui.app` and the command line in :mod:`tui.commands`.
"""

__version__ = "0.1.0"
