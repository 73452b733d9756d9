"""Suite-wide fixtures."""

from __future__ import annotations

import os

# Qt tests run without a display unless the caller chose a platform (e.g. xcb under Xvfb).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# No test may touch the officer's real cases: the whole session gets a scratch data dir (unit
# tests further get one per test, tests/unit/conftest.py).
if "INSPECTOR_DATA_DIR" not in os.environ:
    import tempfile

    os.environ["INSPECTOR_DATA_DIR"] = tempfile.mkdtemp(prefix="inspector-test-data-")


def pytest_configure(config: object) -> None:
    """Refuse to test compiled identifier modules older than their sources (an edit after
    `pip install -e .` would be shadowed by the old build, setup.py)."""
    import pytest

    from inspector.core.native import stale_compiled_modules

    stale = stale_compiled_modules()
    if stale:
        pytest.exit(
            f"compiled modules older than their sources: {', '.join(stale)}; run "
            "`.venv/bin/pip install -e .` again (INSPECTOR_PURE_PYTHON=1 to build none)",
            returncode=4,
        )
