"""Pages and the provider's share of the words in the exported document of each example.

    python bench/document_pages.py [PACK ...]     (default: both examples)

Each pack is exported (as of the examples' date), converted to PDF by LibreOffice (soffice --headless) and read
back with poppler (pdfinfo for the page count, pdftotext for the words). The words are counted by
``evidencepack.export.provider_share.provider_words`` (the layout tests count with it too); the share is the
provider's words / total words.
"""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from evidencepack.export.document import ExportOptions, export_docx  # noqa: E402
from evidencepack.export.gate import ExportOverride  # noqa: E402
from evidencepack.export.provider_share import provider_words  # noqa: E402
from evidencepack.load import load  # noqa: E402
from evidencepack.options import CheckOptions  # noqa: E402

TODAY = dt.date(2026, 11, 26)
EXAMPLES = [ROOT / "examples" / "care-home-digital-care-planning.json", ROOT / "examples" / "gp-online-triage.yaml"]


def measure(path: Path, folder: Path) -> tuple[int, int, int]:
    document = load(path)
    options = ExportOptions(
        check=CheckOptions(today=TODAY, base_dir=document.base_dir),
        generated_at=dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.UTC),
        override=ExportOverride(reason="measurement", by="bench", date=TODAY),
    )
    docx = folder / f"{path.stem}.docx"
    docx.write_bytes(export_docx(document.data, options=options))
    subprocess.run(["soffice", f"-env:UserInstallation=file://{folder}/profile", "--headless", "--convert-to",
                    "pdf", "--outdir", str(folder), str(docx)], check=True, capture_output=True, timeout=300)
    pdf = docx.with_suffix(".pdf")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    text = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True,
                          text=True).stdout
    total, provider = provider_words(document.data, text)
    return pages, total, provider


def main() -> None:
    paths = [Path(p) for p in sys.argv[1:]] or EXAMPLES
    with tempfile.TemporaryDirectory() as tmp:
        for path in paths:
            pages, total, provider = measure(path, Path(tmp))
            print(f"{path.name}: {pages} pages, {total} words, provider's words {provider} "
                  f"({100 * provider / total:.0f}%)")


if __name__ == "__main__":
    main()
