"""Case reports: JSON (everything), CSV (a table, safe to open in a spreadsheet), PDF, and a
one-page traveler receipt with a QR code.

    report = gather(store, case_id)            # frozen snapshot of the case
    doc = report_json(report)                  # inspector.report/1
    data, digest = report_bytes(doc)           # the JSON file's bytes and their BLAKE3
    write_csv(report, path); write_pdf(report, digest, path)
    write_receipt(report, traveler_name, digest, path)

Names resolve lazily: fpdf2 (with numpy and Pillow) costs ~0.8 s to import, which every CLI
command would otherwise pay.
"""

from __future__ import annotations

import importlib
from typing import Any

_WHERE = {
    "CaseReport": "model",
    "gather": "model",
    "report_bytes": "model",
    "report_json": "model",
    "summary_json": "model",
    "csv_text": "csv_report",
    "neutralise": "csv_report",
    "write_csv": "csv_report",
    "write_pdf": "pdf_report",
    "write_receipt": "receipt",
}
__all__ = sorted(_WHERE)


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_WHERE[name]}"), name)
