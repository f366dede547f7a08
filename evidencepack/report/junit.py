"""JUnit XML, one test case per pack, for CI systems that display test results."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from evidencepack.findings import Severity
from evidencepack.report.run import RunResult


def render(run: RunResult) -> str:
    failures = sum(1 for r in run.results if run.failed(r))
    suites = ET.Element("testsuites", name="evidencepack", tests=str(len(run.results)), failures=str(failures))
    suite = ET.SubElement(
        suites, "testsuite", name="evidencepack validate", tests=str(len(run.results)), failures=str(failures)
    )
    for result in run.results:
        case = ET.SubElement(suite, "testcase", classname="evidencepack.validate", name=result.path)
        reasons = run.reasons(result)
        if reasons:
            failure = ET.SubElement(case, "failure", message="; ".join(reasons), type="evidencepack")
            failure.text = "\n".join(
                f"{f.severity.value} {f.code} {f.pointer or '/'}: {f.message}"
                for f in result.findings
                if f.severity is not Severity.INFO
            )
        if result.score is not None:
            props = ET.SubElement(case, "properties")
            ET.SubElement(props, "property", name="score", value=f"{result.score.overall:g}")
            ET.SubElement(props, "property", name="readiness", value=result.score.readiness.value)
    return ET.tostring(suites, encoding="unicode", xml_declaration=True) + "\n"
