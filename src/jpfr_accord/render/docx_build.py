"""Word rendering, the python-docx part: styles, page, header and footer, body
(the package around them, settings and properties: ``render.docx_package``).

Stage: render. Imported by ``render.docx`` only when a ``.docx`` is written; it
imports python-docx at the top (that is why it is a module of its own).

WordprocessingML the python-docx API does not cover (``w:lang``, bookmarks,
fields, table borders, hyphenation) is added with ``OxmlElement`` in the order
the schema requires (ECMA-376 Part 1, §17.3.2 run properties, §17.13.6 bookmarks,
§17.16 fields).
"""

from __future__ import annotations

from itertools import count

from docx import Document as new_document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from ..model import AlignedDocument
from .context import ClauseView, Row, View, labels
from . import docx_package
from .docx import FONTS, LANG_TAGS, MARGIN_MM, PAGE_MM, bookmark_name, shown_text, stored_texts

_BODY_PT = 10.5
_GREY = RGBColor(0x59, 0x59, 0x59)
_RPR_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_THEME_FONT_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def clause_style(lang: str) -> str:
    return f"Clause ({lang})"


class _Builder:
    def __init__(self, view: View, pair: AlignedDocument, version: str | None) -> None:
        self.view = view
        self.pair = pair
        self.version = version  # the version given or the document's; None when unreleased
        self.stored = stored_texts(pair)
        self.doc = new_document()
        self.ids = count()
        self.width_mm = PAGE_MM[view.paper][0] - 2 * MARGIN_MM

    # -- runs ---------------------------------------------------------------
    def set_fonts(self, rpr, lang: str) -> None:
        """Fonts and language of a run (or style) ``rPr`` for ``lang``."""
        latin, east_asian = FONTS[lang]
        fonts = rpr.get_or_add_rFonts()
        for attr in _THEME_FONT_ATTRS:
            fonts.attrib.pop(qn(attr), None)
        for attr, value in (("w:ascii", latin), ("w:hAnsi", latin), ("w:cs", latin), ("w:eastAsia", east_asian)):
            fonts.set(qn(attr), value)
        if lang == "ja":  # quotes, dashes and ellipses of Japanese text in the Japanese font
            fonts.set(qn("w:hint"), "eastAsia")
        for old in rpr.findall(qn("w:lang")):
            rpr.remove(old)
        tag = OxmlElement("w:lang")
        # w:val is the language of Latin-script characters, w:eastAsia of CJK ones
        tag.set(qn("w:val"), LANG_TAGS[lang])
        tag.set(qn("w:eastAsia"), LANG_TAGS["ja"])  # CJK characters in these documents are Japanese
        rpr.insert_element_before(tag, *_RPR_AFTER_LANG)

    def run(self, paragraph, text: str, lang: str, *, bold: bool = False, size: float | None = None,
            grey: bool = False, italic: bool = False):
        run = paragraph.add_run(text)
        if bold:
            run.bold = True
        if italic:
            run.italic = True
        if size:
            run.font.size = Pt(size)
        if grey:
            run.font.color.rgb = _GREY
        self.set_fonts(run._r.get_or_add_rPr(), lang)
        return run

    def bookmarked(self, paragraph, name: str, parts: list[tuple[str, str]], *, placeholder: bool = False) -> None:
        """Runs ``(text, lang)`` between a bookmark start and end named ``name``; a
        placeholder for missing text is grey and italic (its bookmark keeps edits
        typed over it apart from the neighbouring clauses)."""
        bid = str(next(self.ids))
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), bid)
        start.set(qn("w:name"), name)
        paragraph._p.append(start)
        for text, lang in parts:
            self.run(paragraph, text, lang, grey=placeholder, italic=placeholder)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), bid)
        paragraph._p.append(end)

    def clauses(self, paragraph, clauses: tuple[ClauseView, ...], separator: str) -> None:
        for i, cl in enumerate(clauses):
            if i and separator:
                self.run(paragraph, separator, cl.lang)
            self.bookmarked(paragraph, bookmark_name(cl.lang, cl.eid), [(shown_text(cl, self.stored), cl.lang)],
                            placeholder=cl.is_missing)

    # -- styles, page, header, footer ----------------------------------------
    def styles(self) -> None:
        styles = self.doc.styles
        primary = self.view.lang
        normal = styles["Normal"]
        normal.font.size = Pt(_BODY_PT)
        self.set_fonts(normal.element.get_or_add_rPr(), primary)
        normal.paragraph_format.space_after = Pt(0)
        for lang in LANG_TAGS:
            style = styles.add_style(clause_style(lang), 1)
            style.base_style = normal
            style.font.size = Pt(_BODY_PT)
            self.set_fonts(style.element.get_or_add_rPr(), lang)
            fmt = style.paragraph_format
            fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY  # French hyphenated (w:autoHyphenation)
            fmt.space_after = Pt(4)
            fmt.line_spacing = 1.2
        for name, size in (("Title", 15.0), ("Heading 1", 12.0)):
            style = styles[name]
            style.font.size = Pt(size)
            style.font.color.rgb = RGBColor(0, 0, 0)
            style.font.bold = True
            self.set_fonts(style.element.get_or_add_rPr(), primary)
            ppr = style.element.get_or_add_pPr()
            for border in ppr.findall(qn("w:pBdr")):
                ppr.remove(border)
            style.paragraph_format.space_before = Pt(12 if name == "Heading 1" else 0)
            style.paragraph_format.space_after = Pt(6)
        styles["Title"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def page(self) -> None:
        section = self.doc.sections[0]
        width, height = PAGE_MM[self.view.paper]
        section.page_width, section.page_height = Mm(width), Mm(height)
        for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
            setattr(section, side, Mm(MARGIN_MM))
        section.header_distance = section.footer_distance = Mm(10)
        v = self.view
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for i, notice in enumerate(v.notices):
            if i:
                self.run(header, " / ", notice.lang, size=9)
            self.run(header, notice.text, notice.lang, bold=True, size=9)
        status = header if not v.notices else section.header.add_paragraph()
        status.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for i, c in enumerate(v.columns):
            if i:
                self.run(status, " · ", c.lang, size=8, grey=True)
            self.run(status, f"{c.language} — {c.status}", c.lang, size=8, grey=True)
        footer = section.footer.paragraphs[0]
        footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for i, label in enumerate(v.version_labels):
            if i:
                self.run(footer, " / ", label.lang, size=8, grey=True)
            self.run(footer, label.text, label.lang, size=8, grey=True)
        self.run(footer, " — ", v.lang, size=8, grey=True)  # the labels hold the version, in each language
        self.page_field(footer)

    def page_field(self, paragraph) -> None:
        """A ``PAGE`` field (§17.16.5.44), its last result "1" until Word or LibreOffice updates it."""
        for kind in ("begin", "instr", "separate", "result", "end"):
            if kind == "result":
                self.run(paragraph, "1", self.view.lang, size=8, grey=True)
                continue
            run = self.run(paragraph, "", self.view.lang, size=8, grey=True)
            if kind == "instr":
                instr = OxmlElement("w:instrText")
                instr.set(qn("xml:space"), "preserve")
                instr.text = " PAGE "
                run._r.append(instr)
            else:
                char = OxmlElement("w:fldChar")
                char.set(qn("w:fldCharType"), kind)
                run._r.append(char)

    # -- body ------------------------------------------------------------------
    def front(self) -> None:
        v = self.view
        for title in v.titles:
            self.run(self.doc.add_paragraph(style="Title"), title.text, title.lang)
        for c in v.columns:
            if c.dateline:
                p = self.doc.add_paragraph()
                p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                self.run(p, c.dateline, c.lang)
        p = self.doc.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(8)
        for i, label in enumerate(v.version_labels):
            self.run(p, (" / " if i else "") + label.text, label.lang, size=9, grey=True)
        for c in v.columns:
            self.run(p, " · ", c.lang, size=9, grey=True)
            self.run(p, f"{c.language} — {c.status}", c.lang, size=9, grey=True)

    def heading(self, row: Row) -> None:
        p = self.doc.add_paragraph(style="Heading 1")
        p.paragraph_format.keep_with_next = True
        shown = [cell for cell in row.cells if cell.heading]
        for i, cell in enumerate(shown):
            if i:
                self.run(p, "", cell.lang).add_break()
            self.bookmarked(p, bookmark_name(cell.lang, row.eid), [(cell.heading or "", cell.lang)],
                            placeholder=cell.is_missing)

    def table(self):
        v = self.view
        table = self.doc.add_table(rows=0, cols=len(v.columns))
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        # the view's shares (proportional to each text's length, so that both columns end together)
        shares = [float(c.width.rstrip("%")) / 100 if c.width else 1 / len(v.columns) for c in v.columns]
        widths = [Mm(self.width_mm * share) for share in shares]
        for col, width in zip(table.columns, widths):
            col.width = width
        self.borders(table)
        head = table.add_row()
        head._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on every page
        for cell, c, width in zip(head.cells, v.columns, widths):
            cell.width = width
            self.run(cell.paragraphs[0], f"{c.language} — {c.status}", c.lang, bold=True, size=8, grey=True)
        return table, widths

    def borders(self, table) -> None:
        borders = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            el = OxmlElement(f"w:{side}")
            visible = side not in ("left", "right")
            el.set(qn("w:val"), "single" if visible else "nil")
            if visible:
                el.set(qn("w:sz"), "4")
                el.set(qn("w:space"), "0")
                el.set(qn("w:color"), "BFBFBF")
            borders.append(el)
        tbl_pr = table._tbl.tblPr
        tbl_pr.insert_element_before(borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
                                     "w:tblCaption", "w:tblDescription")
        margins = OxmlElement("w:tblCellMar")
        for side, twips in (("top", 57), ("left", 85), ("bottom", 57), ("right", 85)):
            el = OxmlElement(f"w:{side}")
            el.set(qn("w:w"), str(twips))
            el.set(qn("w:type"), "dxa")
            margins.append(el)
        tbl_pr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")

    def side_by_side(self) -> None:
        table, widths = None, []
        for row in self.view.rows:
            if row.kind == "heading":
                self.heading(row)
                table = None
                continue
            if table is None:
                table, widths = self.table()
            tr = table.add_row()
            for cell, view_cell, width in zip(tr.cells, row.cells, widths):
                cell.width = width
                p = cell.paragraphs[0]
                p.style = self.doc.styles[clause_style(view_cell.lang)]
                self.clauses(p, view_cell.clauses, view_cell.separator)

    def interleaved(self) -> None:
        for row in self.view.rows:
            if row.kind == "heading":
                self.heading(row)
                continue
            for pair in row.clause_rows:
                shown = [cl for cl in pair if cl is not None]
                for i, cl in enumerate(shown):
                    p = self.doc.add_paragraph(style=clause_style(cl.lang))
                    last = i == len(shown) - 1
                    p.paragraph_format.keep_with_next = not last
                    p.paragraph_format.space_after = Pt(8 if last else 2)
                    self.bookmarked(p, bookmark_name(cl.lang, cl.eid), [(shown_text(cl, self.stored), cl.lang)],
                                    placeholder=cl.is_missing)

    def one_language(self) -> None:
        for row in self.view.rows:
            if row.kind == "heading":
                self.heading(row)
                continue
            cell = row.cells[0]  # a paragraph this language lacks shows its placeholders
            self.clauses(self.doc.add_paragraph(style=clause_style(cell.lang)), cell.clauses, cell.separator)

    def signatories(self) -> None:
        columns = [c for c in self.view.columns if c.signatories]
        if not columns:
            return
        self.doc.add_paragraph().paragraph_format.space_before = Pt(12)
        for c in columns:
            for name in c.signatories:
                self.run(self.doc.add_paragraph(style=clause_style(c.lang)), name, c.lang)

    def colophon(self) -> None:
        for i, note in enumerate(self.view.colophon):
            p = self.doc.add_paragraph()
            if not i:
                p.paragraph_format.space_before = Pt(12)
            self.run(p, note.text, note.lang, size=8, grey=True)

def build_document(view: View, pair: AlignedDocument, *, date: str | None, category: str,
                   version: str | None = None):
    """The python-docx ``Document`` of ``view``."""
    labels()
    b = _Builder(view, pair, version)
    b.styles()
    docx_package.finish_settings(b.doc)
    b.page()
    b.front()
    if view.is_side_by_side:
        b.side_by_side()
    elif view.is_interleaved:
        b.interleaved()
    else:
        b.one_language()
    b.signatories()
    b.colophon()
    docx_package.set_properties(b.doc, view, pair, version=version, stored=b.stored, date=date, category=category)
    return b.doc
