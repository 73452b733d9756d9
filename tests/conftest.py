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
    """Refuse to test compiled modules (identifier, survey) older than their sources (an edit
    after `pip install -e .` would be shadowed by the old build, setup.py)."""
    import pytest

    from inspector.native import stale_build_error

    error = stale_build_error()
    if error:
        pytest.exit(error, returncode=4)
