"""evidencepack: build, score and export evidence against CQC's six principles of innovation.

    import evidencepack
    doc = evidencepack.load("pack.json")
    validation = evidencepack.validate(doc)
    result = evidencepack.score(doc)
"""

__version__ = "0.1.0"

from evidencepack.api import InvalidPackError, check, load, parse_bytes, score, validate  # noqa: E402
from evidencepack.findings import Finding, Severity  # noqa: E402
from evidencepack.load import LoadError, PackDocument  # noqa: E402
from evidencepack.model import Pack  # noqa: E402
from evidencepack.options import CheckOptions  # noqa: E402
from evidencepack.result import PackResult  # noqa: E402
from evidencepack.scoring import Score  # noqa: E402
from evidencepack.validate import Validation  # noqa: E402

__all__ = [
    "CheckOptions",
    "Finding",
    "InvalidPackError",
    "LoadError",
    "Pack",
    "PackDocument",
    "PackResult",
    "Score",
    "Severity",
    "Validation",
    "__version__",
    "check",
    "load",
    "parse_bytes",
    "score",
    "validate",
]
