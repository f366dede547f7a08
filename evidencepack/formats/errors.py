"""Errors of the pack format readers, each with a one-line message fit for a user."""

from __future__ import annotations

from evidencepack.findings import Finding


class LoadError(Exception):
    """A pack could not be read. Carries the finding that says why and where."""

    def __init__(self, found: Finding):
        super().__init__(found.message)
        self.finding = found


class ArchiveError(Exception):
    """A .docx or .zip that is corrupt, foreign, or over a safety limit."""
