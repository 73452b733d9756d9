"""One scan of one target, end to end: `target` says what it is, `device` resolves block
devices and images to a drive, `drive` mounts and scans each filesystem of a drive, `tree`
surveys and identifies one tree; `to_json`/`from_json` are the inspector.scan/1 edge.

Imports survey, content and media; never case, reports or training (import contracts)."""
