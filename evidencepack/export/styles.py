"""The styles the document uses: a house style (sans-serif, body 10.5 pt, nothing below 10 pt, dark text) or a
provider's template.

With a template, its styles win (fonts, colours, spacing): a style it lacks is added with a plain default
based on its Normal style, and every style the document uses is brought up to two floors: text at least
10 pt, and text colour with at least 4.5:1 contrast on white. A style of the wrong kind (for example a
character style called "Heading 1") is an error that names the style.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from evidencepack.export import ooxml
from evidencepack.export.errors import TemplateError

LANGUAGE = "en-GB"
HOUSE_FONT = "Arial"  # LibreOffice and most systems substitute the metric-compatible Liberation Sans
MIN_SIZE_PT = 10
MIN_CONTRAST = 4.5
HEADING_COLOUR = "1F3864"  # 12.6:1 on white
LINK_COLOUR = "0563C1"  # 5.9:1 on white, and underlined
CAPTION_COLOUR = "404040"  # 10.4:1 on white
DRAFT_COLOUR = "C00000"  # 6.5:1 on white
HEADER_FILL = "DCE6F2"  # table header rows: black text on this is 16:1
_HEX = re.compile("[0-9A-Fa-f]{6}")
_OWN_STYLES = ("Table Text", "Small Text")  # styles of ours, not Word's built-in ones


@dataclass(frozen=True)
class StyleSpec:
    name: str
    kind: WD_STYLE_TYPE
    based_on: str | None = "Normal"
    size: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    colour: str | None = None
    outline_level: int | None = None
    space_before: float | None = None
    space_after: float | None = None
    keep_with_next: bool | None = None
    underline: bool | None = None
    line_spacing: float | None = None  # a multiple of single spacing


P, C = WD_STYLE_TYPE.PARAGRAPH, WD_STYLE_TYPE.CHARACTER
SPECS = (
    StyleSpec("Normal", P, based_on=None, size=10.5, space_before=0, space_after=4, line_spacing=1.1),
    StyleSpec("Title", P, size=24, bold=True, colour=HEADING_COLOUR, space_after=12),
    StyleSpec("Heading 1", P, size=16, bold=True, colour=HEADING_COLOUR, outline_level=0,
              space_before=12, space_after=6, keep_with_next=True),
    StyleSpec("Heading 2", P, size=12, bold=True, colour=HEADING_COLOUR, outline_level=1,
              space_before=10, space_after=3, keep_with_next=True),
    StyleSpec("TOC Heading", P, based_on="Heading 1", outline_level=9),
    StyleSpec("Caption", P, size=10, italic=True, bold=False, colour=CAPTION_COLOUR, space_after=8),
    StyleSpec("Small Text", P, size=10, colour=CAPTION_COLOUR, space_after=4, line_spacing=1.0),
    StyleSpec("Header", P, size=10, space_after=0),
    StyleSpec("Footer", P, size=10, space_after=0),
    StyleSpec("Table Text", P, size=10, space_before=0.5, space_after=0.5, line_spacing=1.0),
    StyleSpec("Hyperlink", C, based_on=None, colour=LINK_COLOUR, underline=True),
)


@dataclass(frozen=True)
class StyleSet:
    """Style ids the builder writes into the document, by role."""

    title: str
    heading1: str
    heading2: str
    toc_heading: str
    normal: str
    small: str  # a short line of our words under the provider's (quality statements, evidence categories)
    caption: str
    header: str
    footer: str
    table_text: str
    hyperlink: str


# Colour --------------------------------------------------------------------------------------------------

def _luminance(hex_colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast_ratio(foreground: str, background: str = "FFFFFF") -> float:
    """WCAG 2 contrast ratio of two RRGGBB colours ("auto" counts as black)."""
    fg = "000000" if foreground.lower() == "auto" else foreground
    bg = "FFFFFF" if background.lower() == "auto" else background
    lighter, darker = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def accessible_colour(hex_colour: str, background: str = "FFFFFF") -> str:
    """The colour itself when it has enough contrast, else the same hue darkened until it has."""
    if hex_colour.lower() == "auto" or contrast_ratio(hex_colour, background) >= MIN_CONTRAST:
        return hex_colour
    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    for step in range(1, 101):
        factor = 1 - step / 100
        candidate = f"{round(r * factor):02X}{round(g * factor):02X}{round(b * factor):02X}"
        if contrast_ratio(candidate, background) >= MIN_CONTRAST:
            return candidate
    return "000000"


# Resolution through basedOn ------------------------------------------------------------------------------

def _by_id(styles_element: Any) -> dict[str, Any]:
    return {s.get(qn("w:styleId")): s for s in styles_element.findall(qn("w:style"))}


def _resolve(styles_element: Any, style: Any, path: str, attribute: str = "w:val") -> str | None:
    """A run property (``path`` under w:rPr) of a style, following basedOn, then the document defaults."""
    index = _by_id(styles_element)
    seen: set[str] = set()
    node = style
    while node is not None:
        found = node.find(f"{qn('w:rPr')}/{qn(path)}")
        if found is not None and found.get(qn(attribute)) is not None:
            return found.get(qn(attribute))
        based = node.find(qn("w:basedOn"))
        key = based.get(qn("w:val")) if based is not None else None
        if key is None or key in seen:
            break
        seen.add(key)
        node = index.get(key)
    defaults = styles_element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}/{qn(path)}")
    return defaults.get(qn(attribute)) if defaults is not None else None


# Preparing the styles ------------------------------------------------------------------------------------

def _set_fonts(rpr: Any, font: str) -> None:
    fonts = rpr.get_or_add_rFonts()
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{attribute}"), font)


def _find(document: Any, spec: StyleSpec) -> Any | None:
    try:
        style = document.styles[spec.name]
    except KeyError:
        return None
    if style.type != spec.kind:
        kind = {P: "paragraph", C: "character", WD_STYLE_TYPE.TABLE: "table", WD_STYLE_TYPE.LIST: "list"}
        raise TemplateError(
            f"the template's style {spec.name!r} is a {kind.get(style.type, 'different')} style; "
            f"the export needs it to be a {kind[spec.kind]} style (rename or remove it)"
        )
    return style


def _apply(style: Any, spec: StyleSpec) -> None:
    font = style.font
    if spec.size is not None:
        font.size = Pt(spec.size)
    if spec.bold is not None:
        font.bold = spec.bold
    if spec.italic is not None:
        font.italic = spec.italic
    if spec.underline is not None:
        font.underline = spec.underline
    if spec.colour is not None:
        font.color.rgb = RGBColor.from_string(spec.colour)
    if spec.kind == P:
        fmt = style.paragraph_format
        if spec.space_before is not None:
            fmt.space_before = Pt(spec.space_before)
        if spec.space_after is not None:
            fmt.space_after = Pt(spec.space_after)
        if spec.keep_with_next is not None:
            fmt.keep_with_next = spec.keep_with_next
        if spec.line_spacing is not None:
            fmt.line_spacing = spec.line_spacing
        if spec.outline_level is not None:
            ooxml.set_outline_level(style.element.get_or_add_pPr(), spec.outline_level)


def _add(document: Any, spec: StyleSpec) -> Any:
    style = document.styles.add_style(spec.name, spec.kind, builtin=spec.name not in _OWN_STYLES)
    if spec.based_on:
        style.base_style = document.styles[spec.based_on]
    return style


def _floor(styles_element: Any, style: Any) -> None:
    """Raise a style's effective size to 11 pt and darken its text colour to 4.5:1 contrast, if needed."""
    element = style.element
    size = _resolve(styles_element, element, "w:sz")
    if size is None or int(size) < 2 * MIN_SIZE_PT:
        style.font.size = Pt(MIN_SIZE_PT)
    colour = _resolve(styles_element, element, "w:color") or "auto"
    # Against the table header fill, the darkest background the document puts text on.
    fixed = accessible_colour(colour, HEADER_FILL) if _HEX.fullmatch(colour) or colour == "auto" else "000000"
    if fixed != colour:
        style.font.color.rgb = RGBColor.from_string(fixed)


def prepare_styles(document: Any, *, house: bool) -> StyleSet:
    """Make sure every style the document uses exists and is readable; return their ids."""
    styles_element = document.styles.element
    ooxml.set_default_language(styles_element, LANGUAGE)
    if house:
        defaults = styles_element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        _set_fonts(defaults, HOUSE_FONT)
    found: dict[str, Any] = {}
    for spec in SPECS:
        style = _find(document, spec)
        if style is None:
            style = _add(document, spec)
            _apply(style, spec)
            if spec.name == "Normal":  # a template without Normal: its text gets the house font, not a guess
                _set_fonts(style.element.get_or_add_rPr(), HOUSE_FONT)
        elif house:
            _apply(style, spec)
        if house:
            _set_fonts(style.element.get_or_add_rPr(), HOUSE_FONT)
        found[spec.name] = style
    for style in found.values():
        _floor(styles_element, style)
    return StyleSet(
        title=found["Title"].style_id,
        heading1=found["Heading 1"].style_id,
        heading2=found["Heading 2"].style_id,
        toc_heading=found["TOC Heading"].style_id,
        normal=found["Normal"].style_id,
        small=found["Small Text"].style_id,
        caption=found["Caption"].style_id,
        header=found["Header"].style_id,
        footer=found["Footer"].style_id,
        table_text=found["Table Text"].style_id,
        hyperlink=found["Hyperlink"].style_id,
    )
