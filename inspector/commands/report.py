"""`inspector report CASE --pdf F --csv F --json F [--receipt TRAVELER F]`: export a case.

Each file is written beside its destination and renamed into place, so a failure leaves no
half-written report; the export is then recorded in the audit log with the report hash.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from inspector.commands.output import print_json, stdout_console
from inspector.commands.stores import add_training, case_id, store_of
from inspector.core.case import audit
from inspector.core.case.records import LANGUAGES
from inspector.core.errors import UsageError
from inspector.core.reports.csv_report import write_csv
from inspector.core.reports.model import gather, report_bytes, report_json

EXIT_OK = 0


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("case", type=case_id, metavar="CASE")
    p.add_argument("--pdf", metavar="FILE", help="the report for people (A4)")
    p.add_argument("--csv", metavar="FILE", help="one table, safe to open in a spreadsheet")
    p.add_argument(
        "--json", dest="json_file", metavar="FILE", help="everything, inspector.report/1"
    )
    p.add_argument(
        "--receipt", nargs=2, metavar=("TRAVELER", "FILE"), help="one-page receipt with a QR code"
    )
    p.add_argument(
        "--print-json",
        dest="json",
        action="store_true",
        help="print one JSON document describing the export",
    )
    p.add_argument(
        "--lang",
        choices=LANGUAGES,
        default="en",
        help="language of the PDF report (the officer's; default en). Messages here and the "
        "JSON and CSV files stay English and language-neutral",
    )
    p.add_argument(
        "--receipt-lang",
        choices=LANGUAGES,
        default=None,
        help="language of the receipt (default: the traveler's, recorded with "
        "'case traveler --lang'; else en)",
    )
    p.add_argument("--by", metavar="OFFICER", help="officer exporting (default: the case's)")
    add_training(p)
    p.set_defaults(func=run)


def _atomic(path: str, write: Callable[[Path], None]) -> str:
    final = Path(path)
    if final.is_dir():
        raise UsageError(f"{path}: is a directory; give a file name")
    if not final.parent.is_dir():
        raise UsageError(f"{path}: folder {final.parent} does not exist")
    tmp = final.with_name(f".{final.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, final)
    except OSError as exc:
        raise UsageError(f"cannot write {path}: {exc.strerror or exc}") from None
    finally:
        tmp.unlink(missing_ok=True)
    return str(final.resolve())


def run(args: argparse.Namespace) -> int:
    from inspector.core.reports.pdf_report import write_pdf  # fpdf2 is slow to import
    from inspector.core.reports.receipt import write_receipt

    if not (args.pdf or args.csv or args.json_file or args.receipt):
        raise UsageError("say what to export: --pdf FILE, --csv FILE, --json FILE or --receipt")
    with store_of(args) as store:
        report = gather(store, args.case)
        if args.receipt and not any(
            t.traveler.name == args.receipt[0] for t in report.summary.travelers
        ):
            raise UsageError(f"no traveler {args.receipt[0]!r} in case {args.case}")
        data, digest = report_bytes(report_json(report))
        files: dict[str, str] = {}
        if args.json_file:
            files["json"] = _atomic(args.json_file, lambda p: p.write_bytes(data))
        if args.csv:
            files["csv"] = _atomic(args.csv, lambda p: write_csv(report, p))
        if args.pdf:
            files["pdf"] = _atomic(args.pdf, lambda p: write_pdf(report, digest, p, args.lang))
        if args.receipt:
            name, path = args.receipt
            files["receipt"] = _atomic(
                path, lambda p: write_receipt(report, name, digest, p, args.receipt_lang)
            )
        details: dict[str, Any] = {"report_hash": digest, "files": files}
        if args.receipt:
            details["receipt_for"] = args.receipt[0]
        entry = store.record(args.case, audit.REPORT_EXPORTED, details, by=args.by)
    if args.json:
        print_json(
            {
                "schema": "inspector.export/1",
                "case": args.case,
                "report_hash": digest,
                "verdict": report.summary.verdict,
                "provisional": report.provisional,
                "files": files,
                "audit_entry": entry.seq,
            }
        )
    else:
        out = stdout_console()
        out.print(
            f"Case {args.case}: {report.summary.verdict.upper()}; report BLAKE3 {digest}",
            markup=False,
            soft_wrap=True,
        )
        for item in report.summary.open_items:
            out.print(f"  provisional: {item}", markup=False, soft_wrap=True)
        for kind, path in files.items():
            out.print(f"  {kind}: {path}", markup=False, soft_wrap=True)
    return EXIT_OK
