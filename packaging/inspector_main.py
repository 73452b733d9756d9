"""Entry point of the bundled `inspector` program (PyInstaller script)."""

from inspector.cli import main

raise SystemExit(main())
