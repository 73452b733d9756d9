"""Suite-wide fixtures."""

from __future__ import annotations

import os

# Qt tests run without a display unless the caller chose a platform (e.g. xcb under Xvfb).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
