"""Errors of the export, verify and bundle steps: each carries a one-line message fit for a user."""

from __future__ import annotations


class ExportError(Exception):
    """The document could not be made (for example, a template that is not a Word document)."""


class TemplateError(ExportError):
    """The ``--template`` file cannot be used."""


class BundleError(ExportError):
    """A bundle could not be made: an evidence file is missing, unreadable or outside the pack's folder."""
