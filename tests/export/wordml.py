"""Reading an exported .docx back, part by part, to check what a reader (or a screen reader) gets.

Independent of the export code: it opens the ZIP, parses the XML and resolves each run's effective size,
font and colour through run properties, character style, paragraph style (following basedOn) and the
document defaults, as Word does. ``accessibility_problems`` lists every miss; an accessible document has none.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
}
W = f"{{{NS['w']}}}"
SANS_SERIF = {
    "arial", "liberation sans", "helvetica", "calibri", "verdana", "tahoma", "segoe ui", "open sans",
    "dejavu sans", "gill sans", "trebuchet ms", "century gothic", "lato", "roboto", "source sans pro",
}
MIN_HALF_POINTS = 20  # 10 pt: the smallest text (tables, the line of quality statements); body text is 10.5 pt
MIN_CONTRAST = 4.5
DEFAULT_HALF_POINTS = 20  # Word's size when nothing sets one


def w(name: str) -> str:
    return W + name


def q(prefix: str, name: str) -> str:
    """A qualified tag name: q("wp", "docPr")."""
    return f"{{{NS[prefix]}}}{name}"


def luminance(hex_colour: str) -> float:
    def channel(v: int) -> float:
        c = v / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (int(hex_colour[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(fg: str, bg: str) -> float:
    fg = "000000" if fg.lower() == "auto" else fg
    bg = "FFFFFF" if bg.lower() == "auto" else bg
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@dataclass
class Docx:
    path: Path
    parts: dict[str, bytes] = field(default_factory=dict)

    @classmethod
    def open(cls, path: Path) -> Docx:
        with zipfile.ZipFile(path) as archive:
            return cls(path, {name: archive.read(name) for name in archive.namelist()})

    def xml(self, name: str) -> Any:
        return etree.fromstring(self.parts[name])

    def rels(self, part: str) -> list[tuple[str, str]]:
        folder, base = posixpath.split(part)
        name = posixpath.join(folder, "_rels", base + ".rels")
        if name not in self.parts:
            return []
        out = []
        for rel in self.xml(name).findall("rel:Relationship", NS):
            if rel.get("TargetMode") == "External":
                continue
            out.append((rel.get("Type"), posixpath.normpath(posixpath.join(folder, rel.get("Target")))))
        return out

    def relationship_targets(self, part: str) -> list[tuple[str, str]]:
        """(relationship id, target part) for each internal relationship of ``part``."""
        folder, base = posixpath.split(part)
        root = self.xml(posixpath.join(folder, "_rels", base + ".rels"))
        return [
            (rel.get("Id"), posixpath.normpath(posixpath.join(folder, rel.get("Target"))))
            for rel in root.findall("rel:Relationship", NS)
            if rel.get("TargetMode") != "External"
        ]

    @property
    def document(self) -> Any:
        return self.xml("word/document.xml")

    @property
    def styles(self) -> Any:
        return self.xml("word/styles.xml")

    def stories(self) -> list[tuple[str, Any]]:
        """The main document and every header and footer it uses."""
        out = [("word/document.xml", self.document)]
        for kind, target in self.rels("word/document.xml"):
            if kind.endswith("/header") or kind.endswith("/footer"):
                out.append((target, self.xml(target)))
        return out

    def footers(self) -> list[Any]:
        return [x for name, x in self.stories() if "footer" in name]

    def core(self) -> Any:
        return self.xml("docProps/core.xml")

    def core_value(self, tag: str) -> str:
        prefix, local = tag.split(":")
        node = self.core().find(f"{{{NS[prefix]}}}{local}")
        return (node.text or "") if node is not None else ""

    def text(self) -> str:
        return "\n".join("".join(t.text or "" for t in p.iter(w("t"))) for p in self.document.iter(w("p")))


class Styles:
    """Effective run properties through styles and document defaults."""

    def __init__(self, docx: Docx):
        self.root = docx.styles
        self.by_id = {s.get(w("styleId")): s for s in self.root.findall(w("style"))}
        self.defaults = self.root.find(f"{w('docDefaults')}/{w('rPrDefault')}/{w('rPr')}")
        theme = next((t for k, t in docx.rels("word/document.xml") if k.endswith("/theme")), None)
        self.theme_fonts: dict[str, str] = {}
        if theme:
            root = docx.xml(theme)
            a = f"{{{NS['a']}}}"
            for kind in ("major", "minor"):
                latin = root.find(f".//{a}{kind}Font/{a}latin")
                if latin is not None:
                    self.theme_fonts[kind] = latin.get("typeface")

    def chain(self, style_id: str | None) -> list[Any]:
        out, seen = [], set()
        while style_id and style_id in self.by_id and style_id not in seen:
            seen.add(style_id)
            style = self.by_id[style_id]
            out.append(style)
            based = style.find(w("basedOn"))
            style_id = based.get(w("val")) if based is not None else None
        return out

    def default_paragraph_style(self) -> str | None:
        for sid, style in self.by_id.items():
            if style.get(w("type")) == "paragraph" and style.get(w("default")) in ("1", "true"):
                return sid
        return None

    def outline_level(self, style_id: str | None) -> int | None:
        for style in self.chain(style_id):
            level = style.find(f"{w('pPr')}/{w('outlineLvl')}")
            if level is not None:
                value = int(level.get(w("val")))
                return None if value >= 9 else value
        return None

    def name(self, style_id: str | None) -> str:
        style = self.by_id.get(style_id or "")
        node = style.find(w("name")) if style is not None else None
        return node.get(w("val")) if node is not None else ""

    def run_property(self, run: Any, paragraph_style: str | None, tag: str) -> Any:
        """The first ``tag`` element that applies to ``run`` (run, character style, paragraph style, defaults)."""
        rpr = run.find(w("rPr"))
        layers = [rpr]
        if rpr is not None and rpr.find(w("rStyle")) is not None:
            layers += [s.find(w("rPr")) for s in self.chain(rpr.find(w("rStyle")).get(w("val")))]
        layers += [s.find(w("rPr")) for s in self.chain(paragraph_style or self.default_paragraph_style())]
        layers.append(self.defaults)
        for layer in layers:
            if layer is not None and layer.find(w(tag)) is not None:
                return layer.find(w(tag))
        return None

    def font(self, run: Any, paragraph_style: str | None) -> str | None:
        fonts = self.run_property(run, paragraph_style, "rFonts")
        if fonts is None:
            return None
        theme = fonts.get(w("asciiTheme"))
        if theme:
            return self.theme_fonts.get("major" if theme.startswith("major") else "minor")
        return fonts.get(w("ascii"))


def paragraph_style(p: Any) -> str | None:
    node = p.find(f"{w('pPr')}/{w('pStyle')}")
    return node.get(w("val")) if node is not None else None


def cell_fill(p: Any) -> str:
    for ancestor in p.iterancestors(w("tc")):
        shd = ancestor.find(f"{w('tcPr')}/{w('shd')}")
        if shd is not None and shd.get(w("fill")) not in (None, "auto"):
            return shd.get(w("fill"))
        break
    return "FFFFFF"


# The checks ----------------------------------------------------------------------------------------------

def heading_problems(docx: Docx) -> list[str]:
    styles = Styles(docx)
    problems = []
    titles = [p for p in docx.document.iter(w("p")) if styles.name(paragraph_style(p)) == "Title"]
    if len(titles) != 1:
        problems.append(f"{len(titles)} paragraphs in the Title style; there must be exactly one")
    previous = 0
    count = 0
    for p in docx.document.iter(w("p")):
        level = styles.outline_level(paragraph_style(p))
        if level is None:
            continue
        count += 1
        text = "".join(t.text or "" for t in p.iter(w("t")))
        if not text.strip():
            problems.append("an empty heading")
        if level + 1 > previous + 1:
            problems.append(f"heading level {level + 1} after level {previous} skips a level: {text!r}")
        previous = level + 1
    if count == 0:
        problems.append("no headings")
    return problems


def image_problems(docx: Docx) -> list[str]:
    problems = []
    for name, story in docx.stories():
        for doc_pr in story.iter(q("wp", "docPr")):
            if not (doc_pr.get("descr") or "").strip():
                problems.append(f"{name}: image {doc_pr.get('name')!r} has no alt text (descr)")
    return problems


def language_problems(docx: Docx, language: str = "en-GB") -> list[str]:
    problems = []
    lang = Styles(docx).defaults
    node = lang.find(w("lang")) if lang is not None else None
    if node is None or node.get(w("val")) != language:
        problems.append(f"styles docDefaults language is {node.get(w('val')) if node is not None else None}")
    if docx.core_value("dc:language") != language:
        problems.append(f"core properties language is {docx.core_value('dc:language')!r}")
    return problems


def property_problems(docx: Docx, title: str | None = None, author: str | None = None) -> list[str]:
    problems = []
    got_title, got_author = docx.core_value("dc:title"), docx.core_value("dc:creator")
    if not got_title.strip() or (title is not None and got_title != title):
        problems.append(f"core title is {got_title!r}, expected {title!r}")
    if "python-docx" in got_author or not got_author.strip() or (author is not None and got_author != author):
        problems.append(f"core author is {got_author!r}, expected {author!r}")
    for tag in ("cp:lastModifiedBy", "dc:description"):
        if "python-docx" in docx.core_value(tag):
            problems.append(f"core {tag} mentions python-docx")
    return problems


def table_problems(docx: Docx) -> list[str]:
    problems = []
    for index, tbl in enumerate(docx.document.iter(w("tbl")), start=1):
        rows = tbl.findall(w("tr"))
        first = rows[0] if rows else None
        if first is None or first.find(f"{w('trPr')}/{w('tblHeader')}") is None:
            problems.append(f"table {index} has no repeating header row (w:tblHeader)")
        if tbl.find(f"{w('tblPr')}/{w('tblCaption')}") is None:
            problems.append(f"table {index} has no caption (alt text)")
    return problems


def text_problems(docx: Docx, *, sans_serif: bool = True) -> list[str]:
    """Every run with text: at least 10 pt, a sans-serif font (unless not asked), contrast at least 4.5:1."""
    styles = Styles(docx)
    problems: set[str] = set()
    for name, story in docx.stories():
        for p in story.iter(w("p")):
            pstyle = paragraph_style(p)
            background = cell_fill(p)
            for run in p.iter(w("r")):
                text = "".join(t.text or "" for t in run.findall(w("t")))
                if not text.strip():
                    continue
                size = styles.run_property(run, pstyle, "sz")
                half_points = int(size.get(w("val"))) if size is not None else DEFAULT_HALF_POINTS
                if half_points < MIN_HALF_POINTS:
                    problems.add(f"{name}: {half_points / 2} pt text in style {pstyle}: {text[:30]!r}")
                font = styles.font(run, pstyle)
                if sans_serif and (font or "").lower() not in SANS_SERIF:
                    problems.add(f"{name}: font {font!r} is not a known sans-serif in style {pstyle}")
                colour = styles.run_property(run, pstyle, "color")
                value = colour.get(w("val")) if colour is not None else "auto"
                if contrast(value, background) < MIN_CONTRAST:
                    problems.add(f"{name}: colour {value} on {background} is below 4.5:1 in style {pstyle}")
    return sorted(problems)


def instructions(story: Any) -> str:
    return " ".join((node.text or "") for node in story.iter(w("instrText")))


def field_problems(docx: Docx) -> list[str]:
    problems = []
    footers = docx.footers()
    if not footers or not all(
        re.search(r"\bPAGE\b", instructions(f)) and "NUMPAGES" in instructions(f) for f in footers
    ):
        problems.append("a footer lacks the PAGE and NUMPAGES fields")
    problems += contents_problems(docx)
    settings = docx.xml("word/settings.xml")
    update = settings.find(w("updateFields"))
    if update is None or update.get(w("val")) not in ("true", "1"):
        problems.append("settings lack w:updateFields (Word would not fill the contents on opening)")
    return problems


def contents_problems(docx: Docx) -> list[str]:
    """The contents give each section (a level-1 heading) a page number: a PAGEREF field to the heading's bookmark,
    which Word (on updating fields) and LibreOffice (at layout) compute."""
    references = set(re.findall(r"PAGEREF\s+(\S+)", instructions(docx.document)))
    if not references:
        return ["the document has no contents with page numbers (no PAGEREF field)"]
    styles = Styles(docx)
    problems = []
    for p in docx.document.iter(w("p")):
        if styles.outline_level(paragraph_style(p)) != 0:
            continue
        names = {b.get(w("name")) for b in p.iter(w("bookmarkStart"))}
        if not names & references:
            text = "".join(t.text or "" for t in p.iter(w("t")))
            problems.append(f"the contents give no page number (PAGEREF) for the heading {text!r}")
    return problems


def accessibility_problems(docx: Docx, title: str | None = None, author: str | None = None) -> list[str]:
    return [
        *heading_problems(docx),
        *image_problems(docx),
        *language_problems(docx),
        *property_problems(docx, title, author),
        *table_problems(docx),
        *text_problems(docx),
        *field_problems(docx),
    ]
