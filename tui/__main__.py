"""``python -m tui`` runs the ``dossier`` command."""

from tui.commands import main

raise SystemExit(main())
