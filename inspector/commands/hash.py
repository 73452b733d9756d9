"""`inspector hash FILE... [--case ID]`: BLAKE3 of chosen files in full, as a manifest."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from inspector.commands.output import print_json
from inspector.commands.stores import add_training, case_id, store_of
from inspector.core.media.evidence import hash_files, manifest_json
from inspector.core.survey.names import display_name

EXIT_OK = 0


def register(p: argparse.ArgumentParser) -> None:
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help="print one inspector.manifest/1 document")
    p.add_argument("--case", type=case_id, metavar="ID", help="record the manifest in this case")
    p.add_argument("--by", metavar="OFFICER", help="officer hashing (default: the case's)")
    add_training(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    manifest = hash_files(args.files)
    doc: dict[str, Any] = manifest_json(manifest)
    if args.case is not None:
        from inspector.core.case import audit  # SQLAlchemy: only when a case is touched

        with store_of(args) as store:
            entry = store.record(
                args.case,
                audit.FILES_HASHED,
                {
                    "digest": manifest.digest,
                    "total_bytes": manifest.total_bytes,
                    "files": [
                        {"path": display_name(f.path), "size": f.size, "blake3": f.blake3}
                        for f in manifest.files
                    ],
                },
                by=args.by,
            )
        doc["case"] = args.case
        doc["audit_entry"] = entry.seq
    if args.json:
        print_json(doc)
    else:  # b3sum's format, plain (names escaped): no need for rich here
        sys.stdout.write("".join(f"{f.blake3}  {display_name(f.path)}\n" for f in manifest.files))
    return EXIT_OK
