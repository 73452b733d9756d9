"""The survey: a streaming walk of one filesystem (counts, bytes, fill, per-extension totals) over
the read-only `FileSystemView` it is given (local, simulated, or one a driver needs adjusted).

The lowest domain layer: it imports nothing of content, media, scan, case or above."""
