"""Overrides with reasons: one rule for the app and the CLI.

An export override (exporting a pack despite its error-level findings) names who decided it, why and when.
The person is the one given (the signed-in or named user in the app, ``--override-by`` on the command line);
when none is given, the pack's ``prepared_by`` name; when the pack names nobody either, there is no override.
The date is today. The checks on the reason and the name (length, no personal data) are the export gate's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from evidencepack.export.gate import ExportOverride, OverrideError


def prepared_by(content: Any) -> str | None:
    """The name of whoever prepared the pack, if it gives one."""
    metadata = content.get("metadata") if isinstance(content, dict) else None
    person = metadata.get("prepared_by") if isinstance(metadata, dict) else None
    name = person.get("name") if isinstance(person, dict) else None
    return name.strip() if isinstance(name, str) and name.strip() else None


def decide_override(
    content: Any, reason: str | None, by: str | None = None, today: dt.date | None = None
) -> ExportOverride:
    """The override a person decides for ``content``. Raises OverrideError with a reason fit for a user."""
    who = (by or "").strip() or prepared_by(content)
    if not who:
        raise OverrideError("an override needs the name of the person who decided it, and the pack names nobody "
                            "in prepared_by")
    return ExportOverride.make(reason, who, today or dt.date.today())


def record_override(content: dict[str, Any], override: ExportOverride) -> None:
    """Write the override into the pack (``metadata.export_override``), so that the saved pack and the
    document agree on it."""
    metadata = content.setdefault("metadata", {})
    if not isinstance(metadata, dict):
        raise OverrideError("the pack's metadata is not an object, so an override cannot be recorded in it")
    metadata["export_override"] = override.to_json()
