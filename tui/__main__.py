"""``python -m tui`` runs the ``dossier`` command."""

from tui.commands import main

# Guarded: index builds start worker processes that import the main module.
if __name__ == "__main__":
    raise SystemExit(main())
