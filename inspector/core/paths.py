"""Where Inspector finds its shipped resources and keeps its data: the one place that knows
the three layouts it runs from (the source tree, a PyInstaller bundle in any folder, the .deb's
/usr/lib/inspector), so scenarios, the policy, icons, report fonts, Magika's model and the
privileged helper are found the same way in each."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

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


def bundle_dir() -> Path | None:
    """The folder of a PyInstaller bundle this process runs from, or None."""
    bundle = getattr(sys, "_MEIPASS", None)
    return Path(bundle) if bundle else None


def resource(*parts: str) -> Path:
    """A shipped resource, e.g. resource("scenarios") or resource("policy", "default.toml")."""
    return resources_dir().joinpath(*parts)


def font_dirs() -> tuple[Path, ...]:
    """Where report fonts are looked for: the bundle's own copy first, then the system's."""
    system: tuple[str, ...] = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu")
    # fonts-noto-core (Noto Sans, Tamil, Arabic) and fonts-noto-cjk (the CJK collections)
    system += ("/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto")
    system += ("/usr/local/share/fonts",)
    return (resource("fonts"), *map(Path, system))


def magika_model_dir() -> Path | None:
    """Magika's model inside a bundle (its package data, collected by the spec); None means
    the installed magika package finds its own."""
    bundle = bundle_dir()
    if bundle is None:
        return None
    models = sorted((bundle / "magika" / "models").glob("standard_v*"))
    return models[-1] if models else None


def helper_program() -> str | None:
    """inspector-helper, the privileged helper: $INSPECTOR_HELPER, else beside this program
    (bundle, .deb, virtual environment's bin/), else on PATH."""
    override = os.environ.get("INSPECTOR_HELPER")
    if override:
        return override
    beside = Path(sys.executable).parent / "inspector-helper"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    return shutil.which("inspector-helper")


def data_dir() -> Path:
    """The user data directory (cases, audit log); $INSPECTOR_DATA_DIR overrides (tests)."""
    override = os.environ.get("INSPECTOR_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs  # only where data is kept: a survey-only scan never needs it

    return Path(platformdirs.user_data_dir(APP_NAME))
