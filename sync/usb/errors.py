"""The USB-drive failures a person can act on."""

from __future__ import annotations

from labeler.errors import LabelerError


class DriveError(LabelerError):
    """The drive is missing, not writable, or its HITL folder is damaged."""


class DriveFullError(DriveError):
    """The drive has no room left for a file; nothing half-written is left on it."""
