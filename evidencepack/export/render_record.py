"""How a document was made, recorded inside it so that ``verify`` can make it again: the release and the rules
it was made with, when, the check settings, and the findings about files outside the pack (verify cannot look
at those files again). It travels as an attribute of the part that holds the pack (see ``embed``)."""

from __future__ import annotations

import datetime as dt
import io
import json
from dataclasses import dataclass
from typing import Any

import evidencepack
from evidencepack.canonical import content_sha256
from evidencepack.findings import Finding
from evidencepack.formats.archive import Archive, parse_xml
from evidencepack.framework import Framework
from evidencepack.options import CheckOptions

#: The version of the document's layout. A document recorded with another layout cannot be re-rendered by
#: this release; verify then says so instead of reporting every line as changed. Layout 2: no completeness
#: section (the answered figure is one line of the inspector summary), contents with page numbers.
LAYOUT = 2
_ATTRIBUTE = "{urn:evidencepack:pack:1}render"
RENDER_ATTACHMENT = "evidencepack-render.json"  # the record's name when attached to a PDF


def rules_version(framework: Framework) -> str:
    """A short fingerprint of the rules (every schema, with its rubric and scoring settings)."""
    return content_sha256(framework.documents)[:12]


@dataclass(frozen=True)
class RenderRecord:
    layout: int
    made_with: str
    rules: str
    generated_at: dt.datetime
    today: dt.date
    evidence_max_age_days: int | None
    ready_threshold: float | None
    nearly_ready_threshold: float | None
    file_findings: tuple[Finding, ...] = ()

    @classmethod
    def of(cls, framework: Framework, generated_at: dt.datetime, check: CheckOptions,
           file_findings: list[Finding]) -> RenderRecord:
        return cls(LAYOUT, evidencepack.__version__, rules_version(framework), generated_at, check.today,
                   check.evidence_max_age_days, check.ready_threshold, check.nearly_ready_threshold,
                   tuple(file_findings))

    def options(self, schema_dir: Any = None) -> CheckOptions:
        """The check settings the document was made with (files outside the pack are not looked at again)."""
        return CheckOptions(today=self.today, evidence_max_age_days=self.evidence_max_age_days,
                            ready_threshold=self.ready_threshold, nearly_ready_threshold=self.nearly_ready_threshold,
                            check_files=False, schema_dir=schema_dir)

    def to_json(self) -> str:
        return json.dumps({
            "layout": self.layout,
            "made_with": self.made_with,
            "rules": self.rules,
            "generated_at": self.generated_at.isoformat(),
            "today": self.today.isoformat(),
            "evidence_max_age_days": self.evidence_max_age_days,
            "ready_threshold": self.ready_threshold,
            "nearly_ready_threshold": self.nearly_ready_threshold,
            "file_findings": [f.model_dump(mode="json") for f in self.file_findings],
        }, sort_keys=True, separators=(",", ":"), ensure_ascii=True)

    @classmethod
    def from_json(cls, text: str) -> RenderRecord:
        """ValueError (with what is wrong) for a record that cannot be read."""
        try:
            raw = json.loads(text)
            return cls(
                layout=int(raw["layout"]),
                made_with=str(raw["made_with"]),
                rules=str(raw["rules"]),
                generated_at=dt.datetime.fromisoformat(raw["generated_at"]),
                today=dt.date.fromisoformat(raw["today"]),
                evidence_max_age_days=raw.get("evidence_max_age_days"),
                ready_threshold=raw.get("ready_threshold"),
                nearly_ready_threshold=raw.get("nearly_ready_threshold"),
                file_findings=tuple(Finding.model_validate(f) for f in raw.get("file_findings", [])),
            )
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"the record of how the document was made cannot be read ({exc})") from None


def read_record(archive: Archive, part: str) -> RenderRecord | None:
    """The record in the pack part ``part``; None for a document made before records were kept.
    ValueError when a record is there but cannot be read."""
    root = parse_xml(archive.read(part), f"{archive.name}: {part}")
    text = root.get(_ATTRIBUTE)
    return None if text is None else RenderRecord.from_json(text)


def read_pdf_record(raw: bytes, name: str) -> RenderRecord | None:
    """The record attached to an exported PDF; None when it carries none. ValueError when it cannot be read."""
    from pypdf import PdfReader  # lazy: only when a PDF is verified

    try:
        attached = PdfReader(io.BytesIO(raw), strict=False).attachments.get(RENDER_ATTACHMENT)
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on a hostile name tree
        raise ValueError(f"{name}: its attachments cannot be read ({type(exc).__name__})") from None
    if not attached:
        return None
    try:
        return RenderRecord.from_json(attached[0].decode("ascii"))
    except UnicodeDecodeError:
        raise ValueError(f"{name}: the record of how the document was made is not ASCII JSON") from None
