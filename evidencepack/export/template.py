"""The document the export starts from: python-docx's blank document, or a provider's own .docx/.dotx.

A template keeps its styles, page set-up, headers and footers (a logo, a letterhead); its body is cleared.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import Any

from evidencepack.export.errors import TemplateError
from evidencepack.formats.archive import open_archive
from evidencepack.formats.errors import ArchiveError

MAX_TEMPLATE_BYTES = 50 * 1024 * 1024
_TEMPLATE_MAIN = b"application/vnd.ms-word.template.macroEnabledTemplate.main+xml"
_DOTX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
_DOCX_MAIN = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"

Template = bytes | str | os.PathLike[str]


def read_template(template: Template) -> tuple[bytes, str]:
    """The template's bytes and a name for messages."""
    if isinstance(template, bytes | bytearray):
        raw, name = bytes(template), "template"
    else:
        path = Path(template)
        name = str(path)
        try:
            size = path.stat().st_size
            if size > MAX_TEMPLATE_BYTES:
                raise TemplateError(f"{name}: {size:,} bytes is over the template limit of {MAX_TEMPLATE_BYTES:,}")
            raw = path.read_bytes()
        except OSError as exc:
            raise TemplateError(f"{name}: cannot read the template ({exc.strerror or exc})") from None
    if len(raw) > MAX_TEMPLATE_BYTES:
        raise TemplateError(f"{name}: {len(raw):,} bytes is over the template limit of {MAX_TEMPLATE_BYTES:,}")
    return raw, name


def _as_document(raw: bytes, name: str) -> bytes:
    """A .dotx (Word template) re-labelled as a .docx, which is all that differs between them."""
    try:
        archive = open_archive(raw, name)
        types = archive.read("[Content_Types].xml")
    except ArchiveError as exc:
        raise TemplateError(f"{exc} (a template must be a .docx or .dotx)") from None
    if _TEMPLATE_MAIN in types:
        raise TemplateError(f"{name}: a macro-enabled template (.dotm) is not accepted; save it as .dotx or .docx")
    if _DOTX_MAIN not in types:
        return raw
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.zip.infolist():
            data = archive.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(_DOTX_MAIN, _DOCX_MAIN)
            target.writestr(info.filename, data)
    return out.getvalue()


def open_document(template: Template | None) -> Any:
    """A python-docx Document to build into: blank, or the template with its body cleared."""
    # python-docx loads only when a document is written
    import docx

    if template is None:
        # python-docx loads only when a document is written
        from docx.shared import Mm

        document = docx.Document()
        section = document.sections[0]  # python-docx's blank page is US Letter: use A4 with 2 cm margins
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.left_margin = section.right_margin = section.top_margin = section.bottom_margin = Mm(20)
        return _without_thumbnail(document)
    raw, name = read_template(template)
    raw = _as_document(raw, name)
    try:
        document = docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises many kinds (KeyError, ValueError, lxml errors) for bad files
        kind = type(exc).__name__
        raise TemplateError(f"{name}: not a Word document python-docx can open ({kind}: {exc})") from None
    body = document.element.body
    for child in list(body):
        if not child.tag.endswith("}sectPr"):
            body.remove(child)
    body.get_or_add_sectPr()  # a body without section properties still gets a page
    return _without_thumbnail(document)


def _without_thumbnail(document: Any) -> Any:
    """Drop the package thumbnail: a picture of the blank or template page, not of this document."""
    rels = document.part.package.rels
    for rel_id, rel in list(rels.items()):
        if rel.reltype == _THUMBNAIL:
            rels.pop(rel_id)
    return document
