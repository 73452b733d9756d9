"""Errors that reach the officer as one clear line (the CLI maps them to exit codes)."""

from __future__ import annotations


class InspectorError(Exception):
    """Base class: the message is shown to the user as is, without a traceback."""

    exit_code = 2


class BadTargetError(InspectorError):
    """The scan target does not exist or is not a directory, block device or image."""


class UsageError(InspectorError):
    """A command was called with values that make no sense."""


class Cancelled(InspectorError):
    """The work was cancelled by the user; partial results may exist."""

    exit_code = 3
