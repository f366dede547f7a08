"""The export gate: a pack with an error-level finding is not exported unless a person overrides, with a reason.

Any error-level finding blocks (a schema error, a broken reference, an NHS number ...), not only the personal-data
ones: an error means the pack is not fit to share as it stands. The override is a recorded decision (who, when,
why) that travels in the pack (``metadata.export_override``) and is stated in the document, together with the
findings it was exported despite. An override is given for each export: one recorded in the pack earlier is not
honoured on its own (the errors may have changed since), so ``ExportOptions.override`` must name it again.

Pure functions and plain data; no python-docx, no I/O.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from evidencepack.export.errors import ExportError
from evidencepack.findings import Finding, Severity
from evidencepack.gate import blocking as core_blocking
from evidencepack.privacy import mask, scan_text

#: The schema's limits on ``metadata.export_override`` (tests/export/test_export_gate.py keeps them equal).
MAX_REASON_CHARS = 2000
MAX_BY_CHARS = 200
_LISTED = 5  # findings named in a one-line message; ``ExportRefused.lines()`` has them all


class OverrideError(ExportError):
    """An override that cannot be recorded: no reason, no name, too long, or personal data in it."""


@dataclass(frozen=True)
class ExportOverride:
    """A person's decision to export a pack despite its error-level findings: why, who, and when."""

    reason: str
    by: str
    date: dt.date

    @classmethod
    def make(cls, reason: str | None, by: str | None, date: dt.date | None = None) -> ExportOverride:
        """A checked override (``date`` defaults to today). Raises OverrideError with a reason fit for a user."""
        reason = (reason or "").strip()
        by = (by or "").strip()
        if not reason:
            raise OverrideError("an override needs a reason: say why the pack is exported despite its errors")
        if not by:
            raise OverrideError("an override needs the name of the person who decided it")
        if len(reason) > MAX_REASON_CHARS:
            raise OverrideError(f"the reason is {len(reason):,} characters; at most {MAX_REASON_CHARS:,} are kept")
        if len(by) > MAX_BY_CHARS:
            raise OverrideError(f"the name is {len(by):,} characters; at most {MAX_BY_CHARS} are kept")
        for label, text in (("reason", reason), ("name", by)):
            hits = [h for h in scan_text(text) if h.severity == Severity.ERROR.value]
            if hits:
                shown = ", ".join(h.masked_text for h in hits[:3])
                raise OverrideError(
                    f"the {label} holds what looks like personal data ({shown}); it would be printed on the cover, "
                    "so reword it"
                )
        return cls(reason=reason, by=by, date=date or dt.date.today())

    def to_json(self) -> dict[str, str]:
        """The value of ``metadata.export_override``."""
        return {"reason": self.reason, "by": self.by, "date": self.date.isoformat()}


def blocking(findings: Iterable[Finding]) -> list[Finding]:
    """The findings that stop an export: the core gate's rule (``evidencepack.gate.blocking``)."""
    return core_blocking(findings)


def masked(text: str) -> str:
    """``text`` with any identifier the personal-data gate finds replaced by its masked form.

    Personal-data findings are masked already; this also covers a schema message that previews a value.
    """
    return mask(text, scan_text(text)) if text else text


def finding_line(found: Finding) -> str:
    """One finding as ``CODE at /pointer: message`` (masked), for refusals and warnings."""
    return f"{found.code} at {found.pointer or '/'}: {masked(found.message)}"


def recorded_override(pack_data: Any) -> dict[str, Any] | None:
    """The ``metadata.export_override`` a pack holds, if any."""
    metadata = pack_data.get("metadata") if isinstance(pack_data, dict) else None
    value = metadata.get("export_override") if isinstance(metadata, dict) else None
    return value if isinstance(value, dict) and value else None


def with_override(pack_data: dict[str, Any], override: ExportOverride) -> dict[str, Any]:
    """A copy of the pack with ``metadata.export_override`` set to ``override`` (the input is not changed)."""
    metadata = pack_data.get("metadata", {})
    if not isinstance(metadata, dict):
        raise OverrideError("the pack's metadata is not an object, so an override cannot be recorded in it")
    out = dict(pack_data)
    out["metadata"] = {**copy.deepcopy(metadata), "export_override": override.to_json()}
    return out


class ExportRefused(ExportError):
    """The pack has error-level findings and no override was given; nothing was exported.

    ``findings`` are the error-level findings (each message masked in ``lines()`` and in the message);
    ``earlier`` is an override the pack already records (not honoured on its own), or None.
    """

    def __init__(self, findings: Sequence[Finding], earlier: dict[str, Any] | None = None):
        self.findings = tuple(findings)
        self.earlier = earlier
        count = len(self.findings)
        listed = "; ".join(finding_line(f) for f in self.findings[:_LISTED])
        more = f"; and {count - _LISTED} more" if count > _LISTED else ""
        super().__init__(
            f"the pack has {count} error-level finding{'s' if count != 1 else ''}, so it was not exported: "
            f"{listed}{more}"
        )

    def lines(self) -> list[str]:
        """Every error-level finding, one per line (masked)."""
        return [finding_line(f) for f in self.findings]

    def earlier_text(self) -> str | None:
        """Words for an override the pack records from an earlier export, or None."""
        if not self.earlier:
            return None
        who = str(self.earlier.get("by") or "someone not named")
        when = str(self.earlier.get("date") or "an unrecorded date")
        return (f"the pack records an earlier override (by {masked(who)} on {masked(when)}); an override is given "
                "for each export, so give it again if it still holds")
