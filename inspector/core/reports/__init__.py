"""Case reports: JSON (everything), CSV (a table, safe to open in a spreadsheet), PDF, and a
one-page traveler receipt with a QR code.

    report = gather(store, case_id)            # frozen snapshot of the case
    doc = report_json(report)                  # inspector.report/1
    data, digest = report_bytes(doc)           # the JSON file's bytes and their BLAKE3
    write_csv(report, path); write_pdf(report, digest, path)
    write_receipt(report, traveler_name, digest, path)
"""

from inspector.core.reports.csv_report import csv_text, neutralise, write_csv
from inspector.core.reports.model import CaseReport, gather, report_bytes, report_json
from inspector.core.reports.pdf_report import write_pdf
from inspector.core.reports.receipt import write_receipt

__all__ = [
    "CaseReport",
    "csv_text",
    "gather",
    "neutralise",
    "report_bytes",
    "report_json",
    "write_csv",
    "write_pdf",
    "write_receipt",
]
