"""Where Inspector finds its shipped resources and keeps its data."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

APP_NAME = "inspector"


def resources_dir() -> Path:
    """resources/ of the source tree, or of a PyInstaller bundle, or $INSPECTOR_RESOURCES."""
    override = os.environ.get("INSPECTOR_RESOURCES")
    if override:
        return Path(override)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parents[2] / "resources"


def data_dir() -> Path:
    """The user data directory (cases, audit log); $INSPECTOR_DATA_DIR overrides (tests)."""
    override = os.environ.get("INSPECTOR_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))
