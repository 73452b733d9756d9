"""Build a demonstration case (the four engineers with 80 TB drives, DOMAIN.md) in a scratch
store and export its reports — for screenshots and for looking at the PDF layout.

    python scripts/demo_report.py OUTDIR [--training]

The scan results are synthetic (drive figures as a sampled scan of such drives would report
them); everything after that — store, verdicts, audit, reports — is the real pipeline.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from inspector.core.case.policy import load_policy
from inspector.core.case.records import DriveIdentity
from inspector.core.case.store import DeclarationInput, open_store
from inspector.core.content.result import CategoryShare, ContentResult, DisguisedShare
from inspector.core.media.drives.model import DeviceInfo, FilesystemInfo
from inspector.core.reports import gather, report_bytes, report_json, write_csv, write_pdf
from inspector.core.reports.receipt import write_receipt
from inspector.core.scan.result import ScanResult
from inspector.core.survey.walk import ExtensionStat, SurveyResult

TB = 10**12


def synthetic_scan(serial: str, used_tb: float, shares: dict[str, float], seed: int) -> ScanResult:
    used = int(used_tb * TB)
    cats = tuple(
        CategoryShare(
            cat,
            share,
            (max(0.0, share - 0.02), min(1.0, share + 0.02)),
            int(share * used),
            int(share * 40_000),
        )
        for cat, share in shares.items()
    )
    return ScanResult(
        target=f"/dev/disk/by-id/usb-{serial}",
        complete=True,
        elapsed_s=61.0,
        survey=SurveyResult(
            "/",
            40_000,
            120,
            0,
            0,
            used,
            used,
            0,
            (ExtensionStat("parquet", 38_000, int(used * 0.9)),),
        ),
        content=ContentResult(
            "sampled", 2401, 2401 * 65536, seed, 0.95, cats, (), DisguisedShare(0.0, (0.0, 0.0012))
        ),
        device=DeviceInfo(
            f"/dev/sd{serial[-1].lower()}", "Seagate Exos 80TB", serial, None, "usb", 80 * TB, True
        ),
        filesystem=FilesystemInfo(
            "ext4", None, None, 80 * TB, used, 80 * TB - used, used / (80 * TB)
        ),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("--training", action="store_true")
    args = parser.parse_args()
    args.outdir.mkdir(parents=True, exist_ok=True)
    os.environ["INSPECTOR_DATA_DIR"] = tempfile.mkdtemp(prefix="inspector-demo-")
    with open_store(training=args.training) as store:
        case = store.open_case("Officer N. Rahman", "KLIA Terminal 1, desk 4", load_policy())
        travelers = [
            ("Zhang Wei", "E12345678", "personal backups", 2 * TB, None),
            ("Li Na", "E23456789", "holiday photos", int(0.5 * TB), None),
            ("Wang Fang", "E34567890", "", None, None),
            ("Chen Jie", "E45678901", "research data", 10 * TB, "MY-LIC-0042"),
        ]
        for i, (name, doc, text, declared, licence) in enumerate(travelers):
            shown = name
            store.add_traveler(
                case.id,
                shown,
                doc,
                "flight MH 319",
                DeclarationInput(text, declared, licence) if text or declared else None,
            )
            for k in range(2 if i < 3 else 1):
                serial = f"ZR{i}{k}X80T{chr(65 + i)}"
                d = store.begin_drive(
                    case.id,
                    shown,
                    DriveIdentity(f"serial:{serial}", serial),
                    bay=f"{i * 2 + k + 1}",
                    mount_options="ro,noload,nosuid,nodev,noexec",
                    method={"budget_s": 60, "full": False, "seed": 7 + i},
                )
                shares = {
                    "ai-dataset": 0.81,
                    "ai-model": 0.06,
                    "archive": 0.05,
                    "image": 0.03,
                    "encrypted": 0.03,
                    "unknown": 0.02,
                }
                if i == 1:
                    shares = {"image": 0.7, "video": 0.25, "document": 0.05}
                store.finish_drive(
                    d.id, synthetic_scan(serial, 76.5 if i != 1 else 0.3, shares, 7 + i)
                )
        report = gather(store, case.id)
        data, digest = report_bytes(report_json(report))
        (args.outdir / "report.json").write_bytes(data)
        write_csv(report, args.outdir / "report.csv")
        write_pdf(report, digest, args.outdir / "report.pdf")
        write_receipt(report, "Zhang Wei", digest, args.outdir / "receipt.pdf")
        print(f"case {case.id}: {report.summary.verdict}; report BLAKE3 {digest}")


if __name__ == "__main__":
    main()
