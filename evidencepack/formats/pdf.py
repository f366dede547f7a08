"""Read the pack attached to a PDF made by ``evidencepack export --pdf``, and the PDF's visible text.

The export attaches the pack as an embedded file (``ATTACHMENT``) in the PDF's name tree, as PDF/A-3 and
PDF/UA documents carry their data. pypdf reads it; every failure of a broken or hostile PDF becomes a
``LoadError`` (EP007) naming the file, never a traceback.
"""

from __future__ import annotations

import io
from typing import Any

from evidencepack.findings import finding
from evidencepack.formats.errors import LoadError
from evidencepack.formats.json_format import read_json

ATTACHMENT = "evidencepack-pack.json"
MAX_PAGES = 2_000


def _refuse(name: str, problem: str) -> LoadError:
    return LoadError(finding("EP007", "", f"{name}: {problem}"))


def _reader(raw: bytes, name: str) -> Any:
    from pypdf import PdfReader  # lazy: pypdf loads only when a PDF is read (CLI start-up)
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(raw), strict=False)
        pages = len(reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, RecursionError, OSError) as exc:
        raise _refuse(name, f"not a readable PDF ({type(exc).__name__}: {exc})") from None
    if pages > MAX_PAGES:
        raise _refuse(name, f"has {pages:,} pages; a pack's document has at most {MAX_PAGES:,}")
    return reader


def read_pdf(raw: bytes, name: str) -> dict[str, Any]:
    """The pack attached to an exported PDF; LoadError (EP007) for any other PDF."""
    reader = _reader(raw, name)
    try:
        attached = reader.attachments.get(ATTACHMENT)
    except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on a hostile name tree
        raise _refuse(name, f"its attachments cannot be read ({type(exc).__name__})") from None
    if not attached:
        raise _refuse(name, "holds no evidencepack data; it was not made by 'evidencepack export --pdf', "
                      "or the data was removed")
    data = read_json(attached[0], f"{name}: {ATTACHMENT}")
    if not isinstance(data, dict):
        raise _refuse(name, f"the pack attached as {ATTACHMENT} is not an object")
    return data


def page_texts(raw: bytes, name: str) -> list[str]:
    """The visible text of each page, as pypdf extracts it."""
    reader = _reader(raw, name)
    try:
        return [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # noqa: BLE001 - a hostile content stream can fail in many ways
        raise _refuse(name, f"its text cannot be read ({type(exc).__name__})") from None
