"""A draft (.docx or PDF with a text layer) read as located paragraphs: part, article, heading, position.

Pure: python-docx and pypdf only, no FastAPI, no database. Upload refusals (size, macros, zip bombs,
damaged files) are those of the template merge (``app.documents.builder.check_template``) for Word files.
"""

import io
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Literal

from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from lxml import etree
from pypdf import PdfReader
from pypdf.errors import PdfReadError, PyPdfError

from app.clauses.references import fold
from app.documents.builder import MAX_TEMPLATE_BYTES, TemplateError, TemplateTooLarge, open_upload

DRAFT = "Le projet"
MAX_PDF_PAGES = 1000
MAX_TEXT_CHARS = 5_000_000
# A PDF whose pages hold fewer characters than this on average has no text layer (a scan).
MIN_CHARS_PER_PAGE = 40

Where = Literal["corps", "tableau", "en-tête", "pied de page", "note de bas de page"]
_PART_TITLES = (
    ("RC", re.compile(r"reglement\s+(?:de\s+(?:la\s+)?)?consultation\b|r\.\s?c\.?$|rc$")),
    ("CCAP", re.compile(r"cahier\s+des\s+clauses\s+administratives\s+particulieres\b|c\.?c\.?a\.?p\b|"
                        r"cahier\s+des\s+charges\b")),
    ("CCTP", re.compile(r"cahier\s+des\s+clauses\s+techniques\s+particulieres\b|c\.?c\.?t\.?p\b")),
    ("AE", re.compile(r"acte\s+d'engagement\b|a\.e\.?$")),
)
# « Pièce n° 3 – », « Annexe 2 : », and the roman numeral of a part in a file holding several (« II. – CCAP »)
_TITLE_PREFIX = re.compile(r"^(?:(?:piece|document|annexe)\s*(?:n\s*[°o]\.?\s*)?\d*\s*[-:–.]?\s*|"
                           r"[ivx]{1,4}\s*[.)]?\s*[-:–]\s*)?")
_FILENAME_PARTS = (
    ("CCTP", re.compile(r"cctp")), ("CCAP", re.compile(r"ccap")),
    ("RC", re.compile(r"(?<![a-z])rc(?![a-z])|reglement")), ("AE", re.compile(r"(?<![a-z])ae(?![a-z])|engagement")),
)
# "Article 9.2 – Titre", "ARTICLE 4 : TITRE", "Art. 3 -", "Article premier"
_ARTICLE_HEAD = re.compile(r"^(?:article|art\.)\s*(premier|1er|\d+(?:[.-]\d+)*|[ivxlc]+)\b[\s.:)–—-]*", re.IGNORECASE)
_NUMBER_HEAD = re.compile(r"^(\d+(?:\.\d+)*)\.?(?:\s*[)–—:-])?\s+(?=\S)")
_CHAPTER_HEAD = re.compile(
    r"^(?:chapitre|titre|section|partie)\s+([ivxlc]+|\d+|premier|1er)\b[\s.:)–—-]*", re.IGNORECASE
)
# « Annexe 3 – Pièces à remettre », « ANNEXE N° 2 : » (a PDF's line: the table that follows belongs to it, not to the
# paragraph or the table before)
_ANNEX_HEAD = re.compile(r"^annexe\s*(?:n\s*[°o]\.?\s*)?(?:\d+|[ivx]+|[a-z])\s*[–—:-]\s*\S", re.IGNORECASE)
_HEADING_STYLE = re.compile(r"^(?:heading|titre)\s*(\d)$", re.IGNORECASE)
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2009\u2007]+")
_QUOTES = str.maketrans({"’": "'", "ʼ": "'", "\u00ad": ""})


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of the draft and where it stands."""

    index: int | None  # 1-based position among the body paragraphs (tables included); None in headers/footers
    text: str  # spaces and apostrophes normalised
    folded: str  # ``text`` folded, same length
    part: str | None  # RC, CCAP, CCTP, AE; None when the draft does not say
    article: str | None  # number of the nearest numbered heading ("9.2")
    heading: str | None  # title of the nearest heading
    where: Where = "corps"
    is_heading: bool = False
    in_list: bool = False
    row: str | None = None  # for a table cell: the text of its whole row
    column: str | None = None  # for a table cell below the first row: the folded title of its column ("exigence")
    trail: tuple[str, ...] = ()  # folded titles of the headings above, outermost first (its own for a heading)

    @property
    def scope(self) -> str:
        """The folded text a rule reads: the whole row for a table cell."""
        return fold(self.row) if self.row is not None else self.folded


@dataclass
class Draft:
    """The paragraphs of a draft, in reading order."""

    paragraphs: list[Paragraph]
    source: Literal["docx", "pdf"]
    parts: list[str] = field(default_factory=list)  # the parts found, in order

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


class DraftError(TemplateError):
    """An unusable draft; the message is French and meant for the officer."""


def normalise(text: str) -> str:
    """Spaces collapsed (non-breaking ones included), typographic apostrophes made plain."""
    return _SPACES.sub(" ", text.translate(_QUOTES)).strip()


def part_title(text: str) -> str | None:
    """The part a short title paragraph opens ("RÈGLEMENT DE LA CONSULTATION (RC)"), or None."""
    folded = fold(text).strip(" .:-–")
    # a title is no sentence, nor a line cut in the middle of one (a PDF's wrapped cell: « cahier des charges, »)
    if (not 2 <= len(folded) <= 160 or folded.endswith((".", ",", ";"))
            or folded.startswith(("le ", "la ", "les ", "l'"))):
        return None
    rest = _TITLE_PREFIX.sub("", folded, count=1)
    for part, pattern in _PART_TITLES:
        match = pattern.match(rest)
        if match and len(rest) - match.end() <= 90:
            return part
    return None


def part_from_filename(filename: str) -> str | None:
    """The part a file name suggests ("CCAP_2026-12.docx"), or None."""
    folded = fold(filename)
    return next((part for part, pattern in _FILENAME_PARTS if pattern.search(folded)), None)


@dataclass
class _Heading:
    level: int
    number: str | None
    title: str


def heading_parts(text: str, label: str | None = None) -> tuple[str | None, str, int | None]:
    """(number, title, level implied by the number) of a heading's text; ``label`` is its automatic number."""
    full = f"{label} {text}" if label else text
    for pattern, level in ((_ARTICLE_HEAD, None), (_CHAPTER_HEAD, 0), (_NUMBER_HEAD, None)):
        match = pattern.match(full)
        if match:
            raw = match.group(1).lower()
            number = "1" if raw in ("premier", "1er") else raw.upper() if raw.isalpha() else raw
            title = full[match.end():].strip(" .:–—-") or full
            if pattern is _CHAPTER_HEAD:
                return None, title, 0
            return number, title, level if level is not None else number.count(".") + 1
    return None, full.strip(), None


class _Locator:
    """Follows parts and headings along the reading order."""

    def __init__(self, part: str | None) -> None:
        self.part = part
        self.parts: list[str] = [part] if part else []
        self.stack: list[_Heading] = []
        self.articles = False  # whether sections of the current part are numbered "Article n"

    def title(self, part: str) -> None:
        self.part = part
        if part not in self.parts:
            self.parts.append(part)
        self.stack = []
        self.articles = False

    def heading(self, text: str, label: str | None, style_level: int | None) -> None:
        number, title, number_level = heading_parts(text, label)
        if style_level is None and number_level:
            # Where sections are "Article n", a bare number ("3 – …", "2.1") numbers something inside an article.
            if _ARTICLE_HEAD.match(f"{label} {text}" if label else text):
                self.articles = True
            elif self.articles:
                number_level += 1
        level = style_level if style_level is not None else number_level if number_level is not None else 1
        while self.stack and self.stack[-1].level >= level:
            self.stack.pop()
        self.stack.append(_Heading(level, number, title))

    def where(self) -> tuple[str | None, str | None, tuple[str, ...]]:
        """The article number, the nearest heading's title and the folded titles of the headings above."""
        numbered = next((h for h in reversed(self.stack) if h.number), None)
        return ((numbered.number if numbered else None), (self.stack[-1].title if self.stack else None),
                tuple(fold(h.title) for h in self.stack))


# --- Word ------------------------------------------------------------------------------------------

W_P, W_TBL, W_SDT, W_R = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:r")
_TEXT_TAGS = {qn("w:t"): None, qn("w:tab"): " ", qn("w:br"): " ", qn("w:cr"): " ", qn("w:noBreakHyphen"): "-"}
W_TXBX = qn("w:txbxContent")
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_SKIP = {W_TXBX, qn("w:del"), qn("w:instrText"), qn("w:footnoteReference"), _FALLBACK}
_FORMATS = {"upperRoman": "roman", "lowerRoman": "roman", "upperLetter": "letter", "lowerLetter": "letter"}


def paragraph_text(p: Any) -> str:
    """The visible text of a ``<w:p>``: runs, hyperlinks, insertions, fields' results; not text boxes or
    deleted text."""
    pieces: list[str] = []

    def walk(element: Any) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP:
                continue
            if tag in _TEXT_TAGS:
                replacement = _TEXT_TAGS[tag]
                pieces.append(replacement if replacement is not None else (child.text or ""))
            elif len(child):
                walk(child)

    walk(p)
    return "".join(pieces)


def _roman(number: int) -> str:
    values = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
              (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in values:
        while number >= value:
            out, number = out + letters, number - value
    return out


class _Numbering:
    """Automatic numbers of paragraphs (``w:numPr``), computed as Word displays them."""

    def __init__(self, document: Document) -> None:
        self.levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId -> ilvl -> (start, format, text)
        self.counters: dict[str, dict[int, int]] = {}
        self.styles: dict[str, tuple[str, int | None, tuple[str, int] | None]] = {}  # id -> (name, level, numPr)
        for style in document.styles.element.iter(qn("w:style")):
            style_id = style.get(qn("w:styleId")) or ""
            name_element = style.find(qn("w:name"))
            name = name_element.get(qn("w:val")) if name_element is not None else style_id
            outline = style.find(f"{qn('w:pPr')}/{qn('w:outlineLvl')}")
            match = _HEADING_STYLE.match(name or "")
            level = int(match.group(1)) if match else None
            if level is None and outline is not None:
                level = int(outline.get(qn("w:val"))) + 1
            if (name or "").lower() in ("title", "titre"):
                level = 0
            self.styles[style_id] = (name or "", level, self._num_pr(style.find(qn("w:pPr"))))
        try:
            numbering = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for node in numbering.iter(qn("w:abstractNum")):
            levels = {}
            for lvl in node.iter(qn("w:lvl")):
                start = lvl.find(qn("w:start"))
                fmt = lvl.find(qn("w:numFmt"))
                text = lvl.find(qn("w:lvlText"))
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = (
                    int(start.get(qn("w:val"), "1")) if start is not None else 1,
                    fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal",
                    text.get(qn("w:val"), "") if text is not None else "",
                )
            abstract[node.get(qn("w:abstractNumId"), "")] = levels
        for num in numbering.iter(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            if ref is not None:
                self.levels[num.get(qn("w:numId"), "")] = abstract.get(ref.get(qn("w:val"), ""), {})

    @staticmethod
    def _num_pr(properties: Any) -> tuple[str, int] | None:
        if properties is None:
            return None
        num_pr = properties.find(qn("w:numPr"))
        if num_pr is None:
            return None
        num_id, ilvl = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
        if num_id is None:
            return None
        return num_id.get(qn("w:val"), "0"), int(ilvl.get(qn("w:val"), "0")) if ilvl is not None else 0

    def style(self, p: Any) -> tuple[str, int | None, tuple[str, int] | None]:
        properties = p.find(qn("w:pPr"))
        style = properties.find(qn("w:pStyle")) if properties is not None else None
        style_id = style.get(qn("w:val"), "") if style is not None else ""
        name, level, style_num = self.styles.get(style_id, ("", None, None))
        direct = self._num_pr(properties)
        outline = properties.find(qn("w:outlineLvl")) if properties is not None else None
        if outline is not None and outline.get(qn("w:val"), "9") != "9":
            level = int(outline.get(qn("w:val"), "0")) + 1
        return name, level, direct or style_num

    def label(self, num_pr: tuple[str, int] | None) -> str | None:
        """The number Word shows before the paragraph ("Article 3", "9.2."), or None for bullets or none."""
        if num_pr is None or num_pr[0] == "0" or num_pr[0] not in self.levels:
            return None
        num_id, ilvl = num_pr
        levels = self.levels[num_id]
        counters = self.counters.setdefault(num_id, {})
        start = levels.get(ilvl, (1, "decimal", ""))[0]
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]
        _, fmt, text = levels.get(ilvl, (1, "decimal", f"%{ilvl + 1}."))
        if fmt in ("bullet", "none") or not text:
            return None

        def value(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            count = counters.get(level, levels.get(level, (1, "", ""))[0])
            kind = _FORMATS.get(levels.get(level, (1, "decimal", ""))[1], "decimal")
            if kind == "roman":
                return _roman(count)
            if kind == "letter":
                return chr(ord("A") + (count - 1) % 26)
            return str(count)

        return re.sub(r"%(\d)", value, text).strip() or None


def _is_heading_text(text: str, p: Any, level: int | None, label: str | None) -> bool:
    """Whether a paragraph is a heading: heading style, "Article n", "Chapitre", or a short numbered line in bold."""
    if level is not None:
        return len(text) <= 250
    if len(text) > 200:
        return False
    full = f"{label} {text}" if label else text
    if _ARTICLE_HEAD.match(full) or _CHAPTER_HEAD.match(full):
        return not full.rstrip().endswith((";", ","))
    number = _NUMBER_HEAD.match(full)
    if len(text) > 120 or "%" in text or re.search(r"\bpoints?\b", text, re.IGNORECASE):
        return False
    if number and "." in number.group(1):
        return not text.rstrip().endswith((".", ";", ","))
    runs = [r for r in p.iter(W_R) if (paragraph_text(r)).strip()]
    bold = bool(runs) and all(r.find(f"{qn('w:rPr')}/{qn('w:b')}") is not None for r in runs)
    capitals = text.upper() == text and any(c.isalpha() for c in text)
    if number:
        return bold or capitals
    # an unnumbered title line in capitals (« JUGEMENT DES OFFRES »), not a sentence: a bold line alone may be one
    return capitals and len(text) <= 80 and label is None and not text.rstrip().endswith((".", ";", ",", ":"))


def _cells(table: Any) -> list[tuple[Any, str]]:
    """Each paragraph of ``table`` (nested tables included) with the text of its row."""
    found = []
    for row in table.iter(qn("w:tr")):
        if row.getparent() is not table:
            continue
        cells = [c for c in row if c.tag == qn("w:tc")]
        row_text = " | ".join(normalise(paragraph_text(p)) for c in cells for p in c.iter(W_P))
        for cell in cells:
            for child in _blocks(cell):
                found.append((child, row_text))
    return found


def _blocks(container: Any) -> list[Any]:
    """The ``<w:p>`` and ``<w:tbl>`` of a container in reading order (content controls opened)."""
    blocks = []
    for child in container:
        if child.tag in (W_P, W_TBL):
            blocks.append(child)
        elif child.tag == W_SDT:
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                blocks.extend(_blocks(content))
    return blocks


def _grid(row: Any) -> list[tuple[range, Any]]:
    """The cells of a table row with the grid columns each covers (a merged cell spans several)."""
    cells, column = [], 0
    for cell in row:
        if cell.tag != qn("w:tc"):
            continue
        span = cell.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
        width = int(span.get(qn("w:val"), "1")) if span is not None else 1
        cells.append((range(column, column + width), cell))
        column += width
    return cells


def _column_titles(body: Any) -> dict[Any, str]:
    """The folded title of the column (its cell in the table's title row) of each ``<w:p>`` of the rows below: a
    cell under « Exigence » states a requirement, one under « Pénalité » a penalty. The title row is the first one
    with several cells (a single merged cell above it titles the whole table); cells are matched by grid column."""
    titles: dict[Any, str] = {}
    for table in body.iter(W_TBL):  # outer tables first: a nested table's own titles win for its cells
        rows = [row for row in table if row.tag == qn("w:tr")]
        first = next((position for position, row in enumerate(rows) if len(_grid(row)) > 1), len(rows))
        if first + 1 >= len(rows):
            continue
        head = {column: fold(normalise(" ".join(paragraph_text(p) for p in cell.iter(W_P))))
                for columns, cell in _grid(rows[first]) for column in columns}
        for row in rows[first + 1:]:
            for columns, cell in _grid(row):
                title = head.get(columns[0])
                titles.update({p: title for p in cell.iter(W_P) if title})
    return titles


def _footnotes(document: Document) -> dict[str, list[str]]:
    """The paragraphs of each footnote, by id (none when the draft has no footnotes part)."""
    try:
        part = document.part.part_related_by(RELATIONSHIP_TYPE.FOOTNOTES)
    except KeyError:
        return {}
    notes: dict[str, list[str]] = {}
    for note in parse_xml(part.blob).iter(qn("w:footnote")):
        texts = [text for p in note.iter(W_P) if (text := normalise(paragraph_text(p)))]
        if texts and note.get(qn("w:type")) is None:  # not a separator
            notes[note.get(qn("w:id"), "")] = texts
    return notes


def _text_boxes(p: Any) -> list[Any]:
    """The text boxes anchored in a ``<w:p>`` (their Word 2010 drawing, not the VML copy Word writes for older
    readers), outermost only: a box inside a box is read with its container."""
    boxes = []
    for box in p.iter(W_TXBX):
        above = box.getparent()
        while above is not None and above is not p and above.tag not in (W_TXBX, _FALLBACK):
            above = above.getparent()
        if above is p:
            boxes.append(box)
    return boxes


def _paragraphs(container: Any, row: str | None = None) -> list[tuple[Any, str | None]]:
    found: list[tuple[Any, str | None]] = []
    for block in _blocks(container):
        if block.tag == W_P:
            found.append((block, row))
            for box in _text_boxes(block):  # a text box's paragraphs follow the paragraph it is anchored in
                found.extend(_paragraphs(box, row))
        else:
            for p, cell_row in _cells(block):
                found.extend([(p, cell_row)] if p.tag == W_P else [(q, r) for q, r in _cells(p)])
    return found


def body_paragraphs(document: Document) -> list[tuple[Any, str | None]]:
    """Every ``<w:p>`` of the body in reading order, text boxes included, with its table row's text (None outside
    tables): the order of ``Paragraph.index``, also used to anchor comments."""
    return _paragraphs(document.element.body)


def _header_footer_texts(document: Document) -> list[tuple[Where, str]]:
    texts: list[tuple[Where, str]] = []
    seen: set[int] = set()
    for section in document.sections:
        for where, parts in (("en-tête", (section.header, section.first_page_header, section.even_page_header)),
                             ("pied de page", (section.footer, section.first_page_footer, section.even_page_footer))):
            for part in parts:
                if part.is_linked_to_previous:
                    continue
                element = part._element
                if id(element) in seen:
                    continue
                seen.add(id(element))
                for p in element.iter(W_P):
                    text = normalise(paragraph_text(p))
                    if text:
                        texts.append((where, text))  # type: ignore[arg-type]
    return texts


def read_docx(data: bytes, *, filename: str = "") -> Draft:
    """The paragraphs of a Word draft; ``DraftError`` (``TemplateTooLarge``) for an unusable file."""
    document = open_upload(data, DRAFT)
    try:
        return _read_document(document, filename)
    except (ValueError, LookupError, AttributeError, TypeError, etree.XMLSyntaxError) as exc:
        raise DraftError(f"{DRAFT} a une structure que Clausier ne sait pas lire ({type(exc).__name__}) : "
                         "enregistrez-le à nouveau depuis Word ou LibreOffice.") from exc


def _read_document(document: Document, filename: str) -> Draft:
    numbering = _Numbering(document)
    margins = _header_footer_texts(document)
    first_part = next((part for _, text in margins if (part := _margin_part(text))), None)
    locator = _Locator(first_part or part_from_filename(filename))
    columns = _column_titles(document.element.body)
    footnotes = _footnotes(document)
    paragraphs: list[Paragraph] = []
    notes: list[Paragraph] = []  # footnotes, located where they are called
    for index, (p, row) in enumerate(body_paragraphs(document), start=1):
        name, level, num_pr = numbering.style(p)
        label = numbering.label(num_pr)
        text = normalise(paragraph_text(p))
        if not text:
            continue
        part = part_title(text) if row is None else None
        heading = False
        if part:
            locator.title(part)
            heading = True
        elif row is None and _is_heading_text(text, p, level, label):
            locator.heading(text, label, level)
            heading = True
        article, title, trail = locator.where()
        shown = f"{label} {text}" if label and heading else text
        paragraphs.append(Paragraph(
            index=index, text=shown, folded=fold(shown), part=locator.part, article=article, heading=title,
            where="tableau" if row is not None else "corps", is_heading=heading,
            in_list=num_pr is not None or "list" in name.lower() or "liste" in name.lower(), row=row, trail=trail,
            column=columns.get(p),
        ))
        for call in p.iter(qn("w:footnoteReference")):
            notes.extend(Paragraph(index=None, text=note, folded=fold(note), part=locator.part, article=article,
                                   heading=title, where="note de bas de page", trail=trail)
                         for note in footnotes.get(call.get(qn("w:id"), ""), []))
    paragraphs.extend(notes)
    for where, text in margins:
        paragraphs.append(Paragraph(index=None, text=text, folded=fold(text), part=first_part, article=None,
                                    heading=None, where=where))
    return Draft(paragraphs, "docx", locator.parts)


def _margin_part(text: str) -> str | None:
    """The part a header names ("CCAP – Marché 2026-12"), or None."""
    folded = fold(text)
    for part, pattern in _PART_TITLES:
        if pattern.search(folded) and part != "RC":
            return part
    return "RC" if re.search(r"reglement\s+de\s+(?:la\s+)?consultation|\brc\b", folded) else None


# --- PDF -------------------------------------------------------------------------------------------

# A list item's mark; Word's bullets come out of a PDF as the private-use code points of the Symbol and Wingdings
# fonts (U+F0B7 for the round bullet, U+F0A7 for the square, U+F0D8 for the arrow…).
_BULLET = re.compile(r"^(?:[-–—•▪●◦*■►➢✓\uf000-\uf0ff]|\d{1,2}[.)]|[a-z][.)])\s")
_PAGE_NUMBER = re.compile(r"\d+")
# A running header or footer has words, or is a page number alone (« 3 », « 3/9 », « - 3 - »): a line holding a mere
# figure with its unit (a weight « 45 % » on one page, « 15 % » on the next) is the body's.
_MARGIN_LINE = re.compile(r"[^\W\d_]|^[\s#/|.\-–—]*$")
# A numbered title line of a PDF: "2. Jugement des offres", "3.1 – Délais" (not "2009. Montant…", "12 mois").
_PDF_NUMBERED = re.compile(r"^(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}(?:\.|\s*[)–—-]))\s+\S")


def _pdf_numbered_title(line: str) -> bool:
    """A short numbered line that names a section rather than starts a sentence or a weighted list item."""
    return (bool(_PDF_NUMBERED.match(line)) and len(line) <= 100 and not line.endswith((".", ",", ";", ":"))
            and not re.search(r"%|\bpoints?\b", line, re.IGNORECASE))


# The title of the award criteria's section, alone on its line and unnumbered (« Critères de jugement des offres »).
_CRITERIA_TITLE = re.compile(r"(?:criteres?\s+(?:d'attribution|de\s+jugement|de\s+choix|de\s+selection|d'analyse|"
                             r"de\s+notation)(?:\s+des\s+offres)?|(?:jugement|analyse|classement)\s+des\s+offres)")


def _pdf_head(line: str) -> bool:
    """A PDF line that opens a section: an article, a chapter, an annex or the award criteria."""
    return bool(_ARTICLE_HEAD.match(line) or _CHAPTER_HEAD.match(line) or _ANNEX_HEAD.match(line)
                or _CRITERIA_TITLE.fullmatch(fold(line).strip(" .:-–")))


_CELL_PUNCTUATION = re.compile(r"[,;:()]")


def _wrapped_titles(lines: list[str]) -> list[str]:
    """The lines of a page, a part's title wrapped over two lines (« Pièce n° 1 – Règlement de la » /
    « consultation », in a large font) joined into one; not a table's cell wrapped after a comma or within
    brackets (« cahier des charges, » / « exclusions, plafonds) »)."""
    joined: list[str] = []
    for line in lines:
        previous = joined[-1] if joined else ""
        if (previous[-1:].isalpha() and line and not _CELL_PUNCTUATION.search(line) and not part_title(previous)
                and part_title(f"{previous} {line}")):
            joined[-1] = f"{previous} {line}"
        else:
            joined.append(line)
    return joined


def read_pdf(data: bytes, *, filename: str = "") -> Draft:
    """The paragraphs of a PDF with a text layer; ``DraftError`` for a scan, an encrypted or damaged file."""
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateTooLarge(f"{DRAFT} dépasse la taille maximale de {MAX_TEMPLATE_BYTES // (1024 * 1024)} Mo.")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DraftError(f"{DRAFT} est un PDF protégé par un mot de passe : envoyez-le sans protection.")
        if len(reader.pages) > MAX_PDF_PAGES:
            raise DraftError(f"{DRAFT} compte plus de {MAX_PDF_PAGES} pages : envoyez les pièces une par une.")
        pages, total = [], 0
        for page in reader.pages:
            text = page.extract_text() or ""
            total += len(text)
            if total > MAX_TEXT_CHARS:
                raise TemplateTooLarge(f"{DRAFT} contient un volume de texte anormal : il est refusé.")
            pages.append(text)
    except DraftError:
        raise
    except (PdfReadError, PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError,
            IndexError, ZeroDivisionError) as exc:
        raise DraftError(f"{DRAFT} est un fichier PDF endommagé ou illisible ({type(exc).__name__}).") from None
    if sum(len(text.strip()) for text in pages) < MIN_CHARS_PER_PAGE * max(1, len(pages)):
        raise DraftError(
            f"{DRAFT} est un PDF sans texte (document numérisé ou image) : Clausier ne lit pas les images. "
            "Envoyez le fichier Word d'origine, un PDF enregistré depuis le traitement de texte, ou passez "
            "d'abord le scan dans un logiciel de reconnaissance de caractères (OCR)."
        )
    return _pdf_paragraphs(pages, filename)


def _pdf_paragraphs(pages: list[str], filename: str) -> Draft:
    lines_by_page = [_wrapped_titles([normalise(line) for line in page.splitlines()]) for page in pages]
    # Running headers and footers: the same line (numbers aside) on most pages (on both pages of a two-page file).
    repeated: set[str] = set()
    if len(pages) >= 2:
        counts = Counter(key for lines in lines_by_page
                         for key in {_PAGE_NUMBER.sub("#", line) for line in lines if line})
        repeated = {key for key, count in counts.items() if count >= min(len(pages), max(3, len(pages) // 2))
                    and _MARGIN_LINE.search(key)}
    locator = _Locator(part_from_filename(filename))
    paragraphs: list[Paragraph] = []
    current: list[str] = []

    def flush() -> None:
        if not current:
            return
        text = normalise(" ".join(current))
        current.clear()
        part = part_title(text)
        heading = False
        if part:
            locator.title(part)
            heading = True
        elif len(text) <= 150 and (_pdf_head(text)
                                   or (_NUMBER_HEAD.match(text) and not text.endswith(".") and "%" not in text)):
            locator.heading(text, None, None)
            heading = True
        article, title, trail = locator.where()
        paragraphs.append(Paragraph(index=len(paragraphs) + 1, text=text, folded=fold(text), part=locator.part,
                                    article=article, heading=title, is_heading=heading,
                                    in_list=bool(_BULLET.match(text)), trail=trail))

    for lines in lines_by_page:
        for line in lines:
            if not line:
                flush()
                continue
            if _PAGE_NUMBER.sub("#", line) in repeated:
                continue
            starts_block = bool(part_title(line) or _pdf_head(line)
                                or _BULLET.match(line) or (_PDF_NUMBERED.match(line) and len(line) < 120))
            previous = current[-1] if current else ""
            # a numbered title ends at its line when a capitalised sentence follows
            title_ends = len(current) == 1 and _pdf_numbered_title(previous) and line[:1].isupper()
            if starts_block or title_ends or (previous.endswith((".", ":", ";", "!", "?")) and line[:1].isupper()):
                flush()
            if current and previous.endswith("-") and (line[:1].islower() or line[:1].isdigit()):
                # a word cut at the line's end is joined; the hyphen of a number (« D. 8222-5 », « 2015-899 ») stays
                number = previous[-2:-1].isdigit() and line[:1].isdigit()
                current[-1] = (previous if number else previous[:-1]) + line
            else:
                current.append(line)
            if part_title(line) or (len(line) <= 120 and _pdf_head(line)):
                flush()
        flush()
    return Draft(paragraphs, "pdf", locator.parts)


def read_draft(data: bytes, *, filename: str = "") -> Draft:
    """A .docx (or .dotx) or a PDF draft, recognised by its content."""
    if data.startswith(b"%PDF-") or data[:1024].lstrip().startswith(b"%PDF-"):
        return read_pdf(data, filename=filename)
    return read_docx(data, filename=filename)
