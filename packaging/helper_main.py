"""Entry point of the bundled `inspector-helper` program, started as root through pkexec."""

from inspector.core.media.helper import main

raise SystemExit(main())
