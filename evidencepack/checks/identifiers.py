"""Identifiers in the shape their registers issue them."""

from __future__ import annotations

import re
from collections.abc import Iterator

from evidencepack.checks.context import CheckContext
from evidencepack.findings import Finding, finding, pointer

CQC_ID = re.compile(r"1-[0-9]{9,10}")
ODS_CODE = re.compile(r"(?=[A-Z0-9]*[A-Z])[A-Z0-9]{3,6}")
# Outward code (area, district) then inward code (sector, unit); letters restricted as Royal Mail issues them.
POSTCODE = re.compile(
    r"(GIR ?0AA|[A-PR-UWYZ]([0-9][0-9A-HJKPSTUW]?|[A-HK-Y][0-9][0-9ABEHMNPRV-Y]?) ?[0-9][ABD-HJLNP-UW-Z]{2})",
    re.IGNORECASE,
)


def provider_identifiers(ctx: CheckContext) -> Iterator[Finding]:
    provider = ctx.pack.metadata.provider
    if not provider:
        return
    if provider.cqc_provider_id and not CQC_ID.fullmatch(provider.cqc_provider_id.strip()):
        yield finding(
            "EP401",
            pointer("metadata", "provider", "cqc_provider_id"),
            f"{provider.cqc_provider_id!r} is not 1- followed by 9 or 10 digits",
        )
    if provider.ods_code and not ODS_CODE.fullmatch(provider.ods_code.strip()):
        yield finding(
            "EP403",
            pointer("metadata", "provider", "ods_code"),
            f"{provider.ods_code!r} is not 3 to 6 capital letters and digits",
        )


def location_identifiers(ctx: CheckContext) -> Iterator[Finding]:
    for index, location in enumerate(ctx.pack.metadata.locations):
        if location.cqc_location_id and not CQC_ID.fullmatch(location.cqc_location_id.strip()):
            yield finding(
                "EP402",
                pointer("metadata", "locations", index, "cqc_location_id"),
                f"{location.cqc_location_id!r} is not 1- followed by 9 or 10 digits",
            )
        if location.postcode and not POSTCODE.fullmatch(location.postcode.strip()):
            yield finding(
                "EP404",
                pointer("metadata", "locations", index, "postcode"),
                f"{location.postcode!r} is not a well-formed UK postcode",
            )


CHECKS = (provider_identifiers, location_identifiers)
