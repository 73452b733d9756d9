"""Times as the desk's officer reads them: the desk's local zone with its offset.

The store, the audit log and every JSON document keep UTC ISO 8601 (one clock for the record);
only what people read (desk, PDF, receipt, `case show`) is shown in local time.
"""

from __future__ import annotations

from datetime import datetime, tzinfo


def local_parts(iso: str, zone: tzinfo | None = None) -> tuple[datetime, str] | None:
    """The recorded time in the desk's zone and that zone as "UTC+08:00"; None when `iso` is
    not an ISO time with a zone (showing a zoneless time as local would be a guess)."""
    try:
        when = datetime.fromisoformat(iso)
    except ValueError:
        return None
    if when.tzinfo is None:
        return None
    local = when.astimezone(zone)
    offset = local.strftime("%z")  # +0800
    return local, f"UTC{offset[:3]}:{offset[3:]}" if offset else "UTC"


def local_time(iso: str | None, zone: tzinfo | None = None, *, seconds: bool = True) -> str:
    """ "2026-12-02T12:58:42+00:00" → "2026-12-02 20:58:42 UTC+08:00" at a desk in UTC+8.
    Text that is not an ISO time is returned as it is (never an exception in a report)."""
    if not iso:
        return "—"
    parts = local_parts(iso, zone)
    if parts is None:
        return iso
    local, zone_text = parts
    shown = local.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    return f"{shown} {zone_text}"


def local_clock(iso: str | None, zone: tzinfo | None = None) -> str:
    """Only the time of day, local ("20:58:42"): for a finish on the same day as its start."""
    text = local_time(iso, zone)
    parts = text.split(" ")
    return parts[1] if len(parts) == 3 else text
