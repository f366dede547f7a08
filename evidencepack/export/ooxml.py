"""The WordprocessingML that python-docx has no API for: fields, bookmarks, internal links, repeating table
header rows, table alt text, language, right-to-left paragraphs and the "update fields on open" setting.

Elements are inserted where the schema's sequence wants them (the Open XML SDK validator checks order).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn

# Successors in the schema sequences, for insert_element_before.
_PPR_AFTER_OUTLINE = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_SETTINGS_AFTER_UPDATE_FIELDS = (
    "w:hdrShapeDefaults", "w:footnotePr", "w:endnotePr", "w:compat", "w:docVars", "w:rsids", "m:mathPr",
    "w:attachedSchema", "w:themeFontLang", "w:clrSchemeMapping", "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures", "w:forceUpgrade", "w:captions", "w:readModeInkLockDown", "w:smartTagType",
    "sl:schemaLibrary", "w:shapeDefaults", "w:doNotEmbedSmartTags", "w:decimalSymbol", "w:listSeparator",
)
_SETTINGS_AFTER_THEME_LANG = _SETTINGS_AFTER_UPDATE_FIELDS[_SETTINGS_AFTER_UPDATE_FIELDS.index("w:themeFontLang") + 1 :]


def element(tag: str, **attributes: str) -> Any:
    """A new element; attribute names are given without prefix and put in the w: namespace."""
    node = OxmlElement(tag)
    for name, value in attributes.items():
        node.set(qn(f"w:{name}"), value)
    return node


def _child(parent: Any, tag: str, successors: Iterable[str]) -> Any:
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.insert_element_before(found, *successors)
    return found


# Runs and fields -----------------------------------------------------------------------------------------

def run(text: str, *, bold: bool = False, style_id: str | None = None) -> Any:
    """A w:r holding ``text`` (tabs and line breaks become w:tab and w:br)."""
    node = OxmlElement("w:r")
    if style_id or bold:
        rpr = node.get_or_add_rPr()
        if style_id:
            rpr.style = style_id
        if bold:
            rpr.get_or_add_b()
    if text:
        node.text = text
    return node


def add_field(p: Any, instruction: str, placeholder: str, *, bold: bool = False) -> None:
    """Append to w:p a complex field (begin, instruction, separate, result, end), dirty so Word updates it."""
    begin = run("", bold=bold)
    begin.append(element("w:fldChar", fldCharType="begin", dirty="true"))
    instr = run("", bold=bold)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = f" {instruction} "
    instr.append(code)
    separate = run("", bold=bold)
    separate.append(element("w:fldChar", fldCharType="separate"))
    result = run(placeholder, bold=bold)
    end = run("", bold=bold)
    end.append(element("w:fldChar", fldCharType="end"))
    for node in (begin, instr, separate, result, end):
        p.append(node)


def page_reference_xml(bookmark: str) -> str:
    """A PAGEREF field marked dirty: the number of the page the bookmark is on, computed at layout (LibreOffice)
    or when fields are updated (Word). Its stored result is empty: a number stored here could only be a guess."""
    code = escape(f" PAGEREF {bookmark} \\h ")
    return (
        '<w:r><w:fldChar w:fldCharType="begin" w:dirty="true"/></w:r>'
        f'<w:r><w:instrText xml:space="preserve">{code}</w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
    )


def run_xml(text: str, *, bold: bool = False, style_id: str | None = None) -> str:
    """The XML of a w:r holding ``text`` (tabs and line breaks as w:tab and w:br); ``text`` must be clean."""
    props = ""
    if style_id or bold:
        style = f"<w:rStyle w:val={quoteattr(style_id)}/>" if style_id else ""
        props = f"<w:rPr>{style}{'<w:b/>' if bold else ''}</w:rPr>"
    pieces = []
    for number, line in enumerate(text.split("\n")):
        if number:
            pieces.append("<w:br/>")
        for index, chunk in enumerate(line.split("\t")):
            if index:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return f"<w:r>{props}{''.join(pieces)}</w:r>"


def link_xml(anchor: str, text: str, style_id: str | None) -> str:
    """The XML of a hyperlink to the bookmark ``anchor`` in this document."""
    return f'<w:hyperlink w:anchor={quoteattr(anchor)} w:history="1">{run_xml(text, style_id=style_id)}</w:hyperlink>'


# Styles and settings -------------------------------------------------------------------------------------

def set_outline_level(ppr: Any, level: int) -> None:
    _child(ppr, "w:outlineLvl", _PPR_AFTER_OUTLINE).set(qn("w:val"), str(level))


# Tables --------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class CellXml:
    """One cell's content as XML runs (already escaped), with a bookmark around it if named."""

    runs: str
    right_to_left: bool = False
    bookmark: tuple[int, str] | None = None


def table_xml(
    header: Sequence[CellXml],
    rows: Iterable[Sequence[CellXml]],
    widths: Sequence[int],
    paragraph_style: str,
    caption: str,
    description: str,
    header_fill: str,
    border_colour: str = "808080",
) -> Any:
    """A whole w:tbl built as text and parsed once: bordered, fixed column widths (twips), alt text, and
    a first row that repeats on every page. Much faster than growing a table cell by cell."""
    borders = "".join(
        f'<w:{edge} w:val="single" w:sz="4" w:space="0" w:color="{border_colour}"/>'
        for edge in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{width}"/>' for width in widths)

    def row(cells: Sequence[CellXml], head: bool) -> str:
        # no row splits across pages: a reader never has to join half a row from two pages
        out = [f"<w:tr><w:trPr><w:cantSplit/>{'<w:tblHeader/>' if head else ''}</w:trPr>"]
        shade = f'<w:shd w:val="clear" w:color="auto" w:fill="{header_fill}"/>' if head else ""
        for cell, width in zip(cells, widths, strict=True):
            bidi = "<w:bidi/>" if cell.right_to_left else ""
            start = end = ""
            if cell.bookmark:
                number, name = cell.bookmark
                start = f'<w:bookmarkStart w:id="{number}" w:name={quoteattr(name)}/>'
                end = f'<w:bookmarkEnd w:id="{number}"/>'
            out.append(
                f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/>{shade}</w:tcPr>'
                f"<w:p><w:pPr><w:pStyle w:val={quoteattr(paragraph_style)}/>{bidi}</w:pPr>"
                f"{start}{cell.runs}{end}</w:p></w:tc>"
            )
        out.append("</w:tr>")
        return "".join(out)

    body = "".join(row(cells, False) for cells in rows)
    return parse_xml(
        f"<w:tbl {nsdecls('w')}><w:tblPr>"
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblLayout w:type="fixed"/>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:lastColumn="0" '
        'w:noHBand="0" w:noVBand="1"/>'
        f"<w:tblCaption w:val={quoteattr(caption[:255])}/><w:tblDescription w:val={quoteattr(description[:255])}/>"
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>{row(header, True)}{body}</w:tbl>"
    )


def set_default_language(styles_element: Any, language: str) -> None:
    """Set w:lang in the document defaults' run properties (the language of all text)."""
    defaults = styles_element.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = OxmlElement("w:docDefaults")
        styles_element.insert(0, defaults)
    rpr_default = defaults.find(qn("w:rPrDefault"))
    if rpr_default is None:
        rpr_default = OxmlElement("w:rPrDefault")
        defaults.insert(0, rpr_default)
    rpr = rpr_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        rpr_default.append(rpr)
    set_run_language(rpr, language)


def set_run_language(rpr: Any, language: str) -> None:
    lang = _child(rpr, "w:lang", _RPR_AFTER_LANG)
    lang.set(qn("w:val"), language)
    lang.set(qn("w:eastAsia"), language)


def set_update_fields(settings_element: Any, language: str) -> None:
    """Ask Word to update fields (the contents) on opening, and set the theme font language."""
    _child(settings_element, "w:updateFields", _SETTINGS_AFTER_UPDATE_FIELDS).set(qn("w:val"), "true")
    theme_lang = _child(settings_element, "w:themeFontLang", _SETTINGS_AFTER_THEME_LANG)
    theme_lang.set(qn("w:val"), language)
