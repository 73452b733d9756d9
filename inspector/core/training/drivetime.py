"""What a simulated hard disk's time costs: directory listings, inode reads and file reads.

The model (docs/training.md, "Drive time"), for a 7,200 rpm 3.5" drive of the 80 TB class:
- every access that is not a continuation of the previous one pays a seek and, on average,
  half a rotation. The seek grows with the square root of the distance travelled (the
  arm's acceleration phase dominates short seeks): `SEEK_MIN_S + SEEK_SPAN_S * sqrt(d / C)`.
  A random access across the drive then costs ~9 ms (75-110 IOPS at queue depth 1) and
  accesses sorted by offset (elevator order, NCQ) ~5.5 ms (~180 IOPS), as DOMAIN.md measures.
- an access within `NEAR_BYTES` after the previous one is a continuation (track cache,
  read-ahead): transfer only.
- data moves at `TRANSFER_BPS` (sequential rate of the outer half of the platters).
- listing a directory reads its directory blocks (`DIRENT_BYTES` per entry) and the inodes of
  its entries (`INODE_BYTES` each; ext4 and XFS allocate a directory's inodes together, so they
  are one run), two accesses near the directory's data. Metadata read once stays in the page
  cache: listing the same directory again costs nothing.
Nothing here depends on the machine the simulation runs on, so the same seed stops a budget at
the same sample everywhere.
"""

from __future__ import annotations

import math
import threading
from typing import Final

SEEK_MIN_S: Final = 0.0008  # track-to-track seek
SEEK_SPAN_S: Final = 0.0075  # added for a full-stroke seek (8.3 ms full stroke)
ROTATION_S: Final = 60 / 7200  # one revolution at 7,200 rpm
TRANSFER_BPS: Final = 250e6  # sequential bytes per second
NEAR_BYTES: Final = 1 << 20  # within the drive's read-ahead / track cache: no seek
DIRENT_BYTES: Final = 32  # a directory entry of a short name (ext4: 8 + name, 4-aligned)
INODE_BYTES: Final = 256  # ext4's default inode size (XFS: 512)


class DriveTime:
    """The clock of one simulated spindle: seconds of drive time spent so far."""

    def __init__(self, capacity_bytes: int) -> None:
        self.capacity = max(1, capacity_bytes)
        self.seconds = 0.0
        self.head = 0  # byte position after the last access
        self.accesses = 0
        self._lock = threading.Lock()

    def now(self) -> float:
        return self.seconds

    def access(self, position: int, nbytes: int) -> None:
        """Read `nbytes` at `position`: seek and rotate unless it continues the last access."""
        with self._lock:
            distance = abs(position - self.head)
            cost = nbytes / TRANSFER_BPS
            if distance > NEAR_BYTES or position < self.head:
                fraction = min(1.0, distance / self.capacity)
                cost += SEEK_MIN_S + SEEK_SPAN_S * math.sqrt(fraction) + ROTATION_S / 2
                self.accesses += 1
            self.seconds += cost
            self.head = position + nbytes

    def list_directory(self, position: int, entries: int) -> None:
        """Directory blocks, then the inode run of its entries, near `position`."""
        self.access(position, max(1, entries) * DIRENT_BYTES)
        self.access(position + 2 * NEAR_BYTES, max(1, entries) * INODE_BYTES)

    def stat(self, position: int) -> None:
        """One inode outside any listed directory."""
        self.access(position, INODE_BYTES)
