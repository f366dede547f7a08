"""The pack says who, what and when: a provider, an innovation and a reporting period."""

from __future__ import annotations

from collections.abc import Iterator

from evidencepack.checks.context import CheckContext
from evidencepack.findings import Finding, finding, pointer


def pack_details(ctx: CheckContext) -> Iterator[Finding]:
    metadata, innovation = ctx.pack.metadata, ctx.pack.innovation
    wanted = [
        (("metadata", "provider", "name"), "the provider's name", metadata.provider and metadata.provider.name),
        (("innovation", "name"), "the innovation's name", innovation.name),
        (("innovation", "kind"), "the kind of innovation", innovation.kind),
        (("metadata", "period"), "the reporting period",
         metadata.period and metadata.period.start and metadata.period.end),
    ]
    for parts, label, value in wanted:
        if not value:
            yield finding("EP110", pointer(*parts), f"the pack does not give {label}")


CHECKS = (pack_details,)
