"""The search server: one resident process per corpus that answers ``dossier search``.

A search from the shell is one whole process, and most of its time goes to starting
Python and importing Whoosh and the library, not to the query. So the first search of
a corpus runs in its own process as always and then starts a server in the background
(:mod:`tui.server.daemon`) that keeps the index open; the searches after it send their
query over a Unix socket (:mod:`tui.server.client`, which imports next to nothing) and
print the answer (:mod:`tui.server.plain`, the same code the in-process search prints
with). The server leaves after some idle minutes, on ``dossier server stop``, when its
corpus goes, or when it finds it is older than the installed Dossier.

Whenever the server cannot answer exactly as the search in its own process would
(none running, the folder changed and the index must be brought up to date first, a
damaged index, a server of another version), the client searches in its own process.
"""
