"""Rule explanations as text and as the Markdown of docs/rules.md, from the one registry."""

from __future__ import annotations

from evidencepack.findings import Rule, rules

HEADER = """# Finding codes

Every finding evidencepack reports has a stable code. This page is generated from the rule registry
(`evidencepack/schemas/rules.json`) with `evidencepack explain --all --markdown > docs/rules.md`; a test
fails when the two differ. `evidencepack explain CODE` prints one entry.

Families: EP0xx reading the file, EP1xx the schema and the pack's details, EP2xx references, citations and
assurance, EP3xx dates, EP4xx identifiers, EP5xx outcome measures, EP6xx completeness and repeated text,
EP7xx evidence files and attestations, EP8xx personal data.
EP208 and EP209 are risks: listed first and capping the pack's readiness (see docs/scoring.md).
EP601–EP604 and EP210 are gaps in completeness ("answered"): each carries the completeness points it costs.
"""


def rule_text(rule: Rule) -> str:
    return (
        f"{rule.code} {rule.name} ({rule.severity.value})\n"
        f"  {rule.summary}\n"
        f"  Why it matters: {rule.why}\n"
        f"  How to fix it: {rule.fix}\n"
    )


def rule_markdown(rule: Rule) -> str:
    return (
        f"## {rule.code} {rule.name}\n\n"
        f"Severity: **{rule.severity.value}**. {rule.summary}\n\n"
        f"**Why it matters.** {rule.why}\n\n"
        f"**How to fix it.** {rule.fix}\n"
    )


def rules_markdown() -> str:
    return HEADER + "".join("\n" + rule_markdown(rule) for rule in rules().values())
