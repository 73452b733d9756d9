"""File → Open image… on a real loop device: attached read-only, known by its file and
filesystem (the same identity on every attach, whatever /dev/loopN it gets), detached after,
image unchanged."""

from __future__ import annotations

import os

from inspector.core.case.records import DriveIdentity
from inspector.core.media.drives.udev import UdevBackend
from inspector.core.media.privileged import get_read_only
from tests.device import images
from tests.device.conftest import b3, loops_over


def test_an_opened_image_is_read_only_and_keeps_its_identity(device_dir):
    image = os.path.join(device_dir, "evidence.img")
    images.make_ext4(image, "VAULT")
    before = b3(image)
    backend = UdevBackend()  # no --include-loop: only the images it opened are shown
    identities = []
    nodes = []
    for _ in range(2):
        try:
            drive = backend.attach_image(image)
            nodes.append(drive.path)
            assert get_read_only(drive.path)
            assert drive.backing_file == os.path.realpath(image)
            assert drive.path in [d.path for d in backend.drives()]  # shown though a loop
            identities.append(drive.identity)
            record = DriveIdentity.of_drive(drive)
            assert record.target == os.path.realpath(image) and "/dev/loop" not in record.key
        finally:
            backend.detach_images()
        assert not loops_over(device_dir)
    assert identities[0] == identities[1] and identities[0].startswith("image:evidence.img:")
    assert b3(image) == before
