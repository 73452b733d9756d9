"""Drives: the DriveBackend interface, its dataclasses, and the backends (udev, simulated)."""
