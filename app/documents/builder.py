"""Word documents of ready-to-insert clauses, standalone or merged into an officer's template.

Pure: python-docx only, no FastAPI, no database. Input is document metadata and clauses already
rendered (values filled in); output is the bytes of a .docx file.
"""

import io
import re
import zipfile
import zlib
from collections.abc import Iterable, Sequence
from copy import deepcopy
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, NamedTuple

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.simpletypes import ST_Merge
from docx.oxml.table import CT_Tbl
from docx.parts.numbering import NumberingPart
from docx.shared import Cm, Emu, Mm, Pt, RGBColor
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph
from lxml import etree

from app import __version__
from app.clauses.library import CROSS_REFERENCE, DOCUMENTS, KIND_LABELS
from app.clauses.values import format_date

MARKER = "{{CLAUSES}}"
DEFAULT_TITLE = "Clauses à insérer dans le dossier de consultation"
MAX_TEMPLATE_BYTES = 10 * 1024 * 1024
# A real .docx holds compressed images (ratio ~1) and XML (ratio ~5-30); a zip bomb exceeds both
# limits by orders of magnitude. python-docx reads through zipfile, which never inflates an entry past
# its declared size, so checking the declared sizes bounds what opening the template can cost.
MAX_TEMPLATE_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_TEMPLATE_RATIO = 100
MAX_TEMPLATE_ENTRIES = 2000

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOTX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"

BLUE = RGBColor(0x00, 0x00, 0x91)  # "bleu France" of the State's visual identity
GREY = "595959"
RED = "C9191E"
HEADER_FILL = "E3E3FD"
LOGO_HEIGHT = Cm(2)
FONT = "Arial"
NBSP = "\u00a0"

PART_TITLES = {
    "RC": "Clauses à insérer dans le RC",
    "CCAP": "Clauses à insérer dans le CCAP",
    "CCTP": "Clauses à insérer dans le CCTP",
    "AE": "Clauses à insérer dans l'AE",
}
# Abbreviations of the clause files' ``legal_basis`` (keys: lowercase, without spaces and dots).
CODES = {
    "ccp": "code de la commande publique",
    "cenv": "code de l'environnement",
    "ctrav": "code du travail",
    "casf": "code de l'action sociale et des familles",
    "cgct": "code général des collectivités territoriales",
    "cgppp": "code général de la propriété des personnes publiques",
    "css": "code de la sécurité sociale",
    "csp": "code de la santé publique",
    "csantépubl": "code de la santé publique",
    "cconso": "code de la consommation",
    "cconsom": "code de la consommation",
    "curb": "code de l'urbanisme",
    "cch": "code de la construction et de l'habitation",
    "cfor": "code forestier",
    "cciv": "code civil",
    "ccom": "code de commerce",
    "cgi": "code général des impôts",
    "crur": "code rural et de la pêche maritime",
    "crural": "code rural et de la pêche maritime",
    "cpén": "code pénal",
    "cénergie": "code de l'énergie",
    "croute": "code de la route",
    "crpa": "code des relations entre le public et l'administration",
    "cmp2006": "code des marchés publics (2006)",
}
ACTS = {  # keyword -> (name, "of the" form written after an article number)
    "loi": ("loi", "de la "),
    "décret": ("décret", "du "),
    "decret": ("décret", "du "),
    "ord": ("ordonnance", "de l'"),
    "ordonnance": ("ordonnance", "de l'"),
    "arrêté": ("arrêté", "de l'"),
    "règlement": ("règlement", "du "),
    "directive": ("directive", "de la "),
}

_XML_INVALID = re.compile("[^\t\n\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_MISSING_MARK = re.compile(r"\[à compléter\s*:[^\]]*\]")
DIGITS = "0123456789"
_TYPOGRAPHY: tuple[tuple[str, re.Pattern[str], str], ...] = (  # (characters one of which must occur, …)
    (":;!?%", re.compile(r" +(?=[:;!?%])"), NBSP),
    ("%€", re.compile(r"(?<=\d) *(?=[%€])"), NBSP),
    ("«", re.compile(r"«[ \u00a0\u202f]*"), "«" + NBSP),
    ("»", re.compile(r"[ \u00a0\u202f]*»"), NBSP + "»"),
    ("€", re.compile(r"€ +(?=(?:HT|TTC)\b)"), "€" + NBSP),
    ("°", re.compile(r"\b([nN]°) +"), "\\1" + NBSP),
    (DIGITS, re.compile(r"(?i)\b(articles?|art\.) +(?=[LRDA]?\d)"), "\\1" + NBSP),
    (
        DIGITS,
        re.compile(
            r"(?<=\d) +(?=(?:heures?|h|jours?|mois|ans?|années?|semaines?|kg|t|tonnes?|km|m|m²|m³|kWh|MWh"
            r"|points?)\b)"
        ),
        NBSP,
    ),
)
_THOUSANDS = re.compile(r"(?<![\d,.])\d{1,3}(?: \d{3})+(?![\d])")
_CODE_ARTICLE = re.compile(r"^(?P<code>.+?)\s+(?:art\.\s*)?(?P<article>[LRDA]?\.?\s?\*?\d[\w.\-]*)$")
_ACT = re.compile(
    r"^(?P<act>[^\s(]+?)\.?\s+(?P<org>\((?:UE|CE|CEE)\)\s+)?(?:n°\s*)?(?P<number>[\d/\-]+)"
    r"(?:\s+art\.?\s*(?P<article>\S+))?$",
    re.IGNORECASE,
)


class Evidence(NamedTuple):
    """What the holder hands over, and when."""

    evidence: str
    when: str


@dataclass(frozen=True)
class RenderedClause:
    """A clause with its values already filled in."""

    id: str
    title: str
    kind: str
    document: str
    text: str
    legal_basis: tuple[str, ...] = ()
    verification: tuple[Evidence, ...] = ()
    # The lot(s) this copy of the clause is for ("Lot n° 2 – Espaces verts", "Lots n° 1 et 3"); "" for every lot.
    lot: str = ""

    @property
    def key(self) -> str:
        """What identifies the article: the clause, and its lots when it is written for some lots only."""
        return f"{self.id}@{self.lot}" if self.lot else self.id


@dataclass(frozen=True)
class DocumentMeta:
    """What the title block shows."""

    title: str = DEFAULT_TITLE
    buyer: str = ""
    tender_object: str = ""
    reference: str = ""
    date: date = field(default_factory=date.today)
    draft: bool = False
    # Grey "Type de clause / Fondement" lines under each article. Off by default: officers paste the articles
    # into their own CCAP, and a note inside an article gets pasted and published with it; the type and legal
    # basis of every clause then sit in an annex meant for the officer and the lawyer.
    notes: bool = False
    clausier_version: str = __version__
    logo: bytes | None = None  # the buyer's (PNG or JPEG), above the title of a standalone document


class TemplateError(ValueError):
    """An unusable uploaded .docx (template or draft); the message is French and meant for the officer."""


class TemplateTooLarge(TemplateError):
    """An uploaded file over the size limit (or inflating to an abnormal size)."""


def clean_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (control characters, lone surrogates)."""
    return _XML_INVALID.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def french_typography(text: str) -> str:
    """Non-breaking spaces where French typography wants them: before ``: ; ! ? % » €``, after ``«``,
    inside numbers (``10 000``), between a number and its unit, after ``n°`` and ``article``."""
    if any(digit in text for digit in DIGITS):
        text = _THOUSANDS.sub(lambda match: match.group(0).replace(" ", NBSP), text)
    for triggers, pattern, replacement in _TYPOGRAPHY:
        if any(character in text for character in triggers):  # most patterns have nothing to do
            text = pattern.sub(replacement, text)
    return text


def _article_number(article: str) -> str:
    return "1er" if article in ("1", "1er") else article


def _parse_basis(basis: str) -> tuple[str, str | None, str]:
    """(target, article, "of the" form) of one legal basis; the target alone when there is no article."""
    text = " ".join(basis.split())
    act = _ACT.match(text)
    if act and act["act"].lower() in ACTS:
        name, of_the = ACTS[act["act"].lower()]
        org = f" {act['org'].strip()}" if act["org"] else ""
        number = f" n° {act['number']}" if name not in ("règlement", "directive") else f" {act['number']}"
        target = f"{name}{org}{number}"
        return target, (_article_number(act["article"]) if act["article"] else None), of_the
    code = _CODE_ARTICLE.match(text)
    if code:
        key = code["code"].lower().replace(" ", "").replace(".", "")
        if key in CODES:
            article = re.sub(r"^([LRDA])\.?\s?", r"\1", code["article"])
            return CODES[key], _article_number(article), "du "
    return text, None, ""


def legal_basis_text(bases: Iterable[str]) -> str:
    """French wording of ``legal_basis``: ``CCP L2112-2`` -> ``article L2112-2 du code de la commande
    publique``; articles of the same code are grouped (``articles L2113-12 et L2113-13 du …``)."""
    groups: list[tuple[str, str, list[str]]] = []  # (target, "of the" form, articles)
    for basis in bases:
        target, article, of_the = _parse_basis(basis)
        if article is not None and groups and groups[-1][0] == target and groups[-1][2]:
            groups[-1][2].append(article)
        else:
            groups.append((target, of_the, [article] if article is not None else []))
    phrases = []
    for target, of_the, articles in groups:
        if not articles:
            phrases.append(target)
            continue
        listed = articles[0] if len(articles) == 1 else ", ".join(articles[:-1]) + " et " + articles[-1]
        phrases.append(f"{'article' if len(articles) == 1 else 'articles'} {listed} {of_the}{target}")
    return " ; ".join(phrases)


def _fr(text: str) -> str:
    return french_typography(clean_text(text))


def _blocks(text: str) -> list[tuple[str, str]]:
    """The clause text as ``("paragraph" | "item", text)``: blank lines separate paragraphs, a line
    starting with ``- `` is a list item, any other line continues the paragraph or item before it."""
    blocks: list[list[str]] = []
    for chunk in re.split(r"\n[ \t]*\n", clean_text(text).strip()):
        continued = False
        for line in (line.strip() for line in chunk.split("\n")):
            if line.startswith("- "):
                blocks.append(["item", line[2:].strip()])
            elif not line:
                continue
            elif continued:
                blocks[-1][1] += " " + line
            else:
                blocks.append(["paragraph", line])
            continued = True
    return [(kind, french_typography(body)) for kind, body in blocks if body]


def text_blocks(text: str) -> list[tuple[str, str]]:
    """A clause's text as the articles write it: ``("paragraph" | "item", text)``, for documents written
    paragraph by paragraph (letters)."""
    return _blocks(text)


# --- upload checks (templates and drafts) ---------------------------------------------------------

TEMPLATE = "Le modèle"


def check_template(data: bytes, what: str = TEMPLATE) -> bytes:
    """The uploaded file as a .docx package, or ``TemplateError`` saying in French what is wrong with it;
    ``what`` names the file in the messages ("Le modèle", "Le projet").

    A .dotx (Word template) is accepted and turned into a document; macros are refused.
    """
    if len(data) > MAX_TEMPLATE_BYTES:
        raise TemplateTooLarge(f"{what} dépasse la taille maximale de {MAX_TEMPLATE_BYTES // (1024 * 1024)} Mo.")
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise TemplateError(
            f"{what} est au format Word 97-2003 (.doc) ou protégé par un mot de passe : "
            "enregistrez-le au format .docx, sans mot de passe."
        )
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, NotImplementedError, OSError, EOFError):
        raise TemplateError(f"{what} n'est pas un document Word .docx.") from None
    try:
        with archive:
            return _check_package(archive, data, what)
    except TemplateError:
        raise
    # A damaged archive fails in many ways: bad CRC, truncated or invalid deflate data, odd versions.
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, ValueError, OSError, EOFError, RuntimeError):
        raise TemplateError(f"{what} est un fichier .docx endommagé.") from None


def _check_package(archive: zipfile.ZipFile, data: bytes, what: str) -> bytes:
    entries = archive.infolist()
    if len(entries) > MAX_TEMPLATE_ENTRIES:
        raise TemplateError(f"{what} contient trop de fichiers internes pour un document Word.")
    total = sum(entry.file_size for entry in entries)
    if total > MAX_TEMPLATE_UNCOMPRESSED_BYTES or any(
        entry.file_size > 1024 * 1024 and entry.file_size > MAX_TEMPLATE_RATIO * max(entry.compress_size, 1)
        for entry in entries
    ):
        raise TemplateTooLarge(f"{what} se décompresse en un volume anormal (archive piégée) : il est refusé.")
    names = {entry.filename for entry in entries}
    if "mimetype" in names and b"opendocument" in archive.read("mimetype"):
        raise TemplateError(f"{what} est un document OpenDocument (.odt) : enregistrez-le au format Word .docx.")
    if "[Content_Types].xml" not in names:
        raise TemplateError(f"{what} n'est pas un document Word .docx.")
    content_types = archive.read("[Content_Types].xml")
    if b"macroEnabled" in content_types:
        raise TemplateError("Les documents Word contenant des macros (.docm, .dotm) ne sont pas acceptés.")
    if DOTX_MAIN.encode() in content_types:
        return _as_document(archive, content_types)
    if DOCX_MAIN.encode() not in content_types:
        raise TemplateError(f"{what} n'est pas un document Word .docx.")
    return data


def _as_document(archive: zipfile.ZipFile, content_types: bytes) -> bytes:
    """A .dotx package rewritten as a .docx one (only the main content type changes)."""
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in archive.infolist():
            blob = archive.read(entry)
            if entry.filename == "[Content_Types].xml":
                blob = content_types.replace(DOTX_MAIN.encode(), DOCX_MAIN.encode())
            target.writestr(entry.filename, blob)
    return output.getvalue()


def open_upload(data: bytes, what: str = TEMPLATE) -> Document:
    """The uploaded .docx opened by python-docx after ``check_template``; ``TemplateError`` otherwise."""
    package = check_template(data, what)
    try:
        return docx.Document(io.BytesIO(package))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError, EOFError) as exc:
        raise TemplateError(f"{what} est un fichier .docx illisible ({type(exc).__name__}).") from None
    except Exception as exc:  # lxml.etree.XMLSyntaxError and friends: a damaged part
        raise TemplateError(f"{what} est un fichier .docx endommagé ({type(exc).__name__}).") from None


def _find_marker(document: Document) -> Any:
    """The ``<w:p>`` holding the marker alone (in the body, a table cell or a content control)."""
    found, crowded = [], 0
    allowed = {qn("w:body"), qn("w:tc"), qn("w:sdtContent")}
    for p in document.element.body.iter(qn("w:p")):
        text = "".join(t.text or "" for t in p.iter(qn("w:t")))
        if "{{" not in text:
            continue
        compact = re.sub(r"\s+", "", text)
        if compact == MARKER and p.getparent().tag in allowed:
            found.append(p)
        elif MARKER in compact:
            crowded += 1
    if len(found) > 1:
        raise TemplateError(f"Le modèle contient {len(found)} paragraphes {MARKER} : un seul est attendu.")
    if found:
        return found[0]
    if crowded:
        raise TemplateError(
            f"Le marqueur {MARKER} doit être seul dans son paragraphe : placez-le sur une ligne à part."
        )
    raise TemplateError(
        f"Le modèle ne contient pas de paragraphe {MARKER} : ajoutez-le, seul sur sa ligne, "
        "à l'endroit où insérer les clauses."
    )


# --- styles ---------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _default_styles() -> dict[str, Any]:
    """Definitions of python-docx's default template, by lowercase style name (copied, never mutated)."""
    styles = docx.Document().styles.element
    return {s.name_val.lower(): s for s in styles.iterchildren(qn("w:style")) if s.name_val}


def _find_style(document: Document, name: str, kind: WD_STYLE_TYPE) -> Any:
    """The ``<w:style>`` named ``name`` (case aside: Word writes "heading 1", others "Heading 1")."""
    wanted, xml_kind = name.lower(), {WD_STYLE_TYPE.PARAGRAPH: "paragraph", WD_STYLE_TYPE.TABLE: "table"}[kind]
    for style in document.styles.element.iterchildren(qn("w:style")):
        if (style.name_val or "").lower() == wanted and style.get(qn("w:type")) == xml_kind:
            return style
    return None


def _style(document: Document, name: str, kind: WD_STYLE_TYPE) -> Any:
    """The document's ``<w:style>`` ``name``; a missing built-in style is added from Word's defaults."""
    found = _find_style(document, name, kind)
    if found is not None:
        return found
    style = deepcopy(_default_styles()[name.lower()])
    for tag in ("w:rsid", "w:link"):
        for child in style.findall(qn(tag)):
            style.remove(child)
    styles = document.styles.element
    existing_ids = {s.styleId for s in styles.iterchildren(qn("w:style"))}
    based_on = style.find(qn("w:basedOn"))
    if based_on is not None and based_on.get(qn("w:val")) not in existing_ids:
        style.remove(based_on)
    if style.styleId in existing_ids:
        style.styleId = f"Clausier{style.styleId}"
    styles.append(style)
    if name == "List Bullet":
        _use_dash_bullets(document, style)
    return style


def _numbering(document: Document) -> Any:
    """The ``<w:numbering>`` of the document, created when it has none (python-docx cannot)."""
    try:
        return document.part.part_related_by(RT.NUMBERING).element  # type: ignore[attr-defined]
    except KeyError:
        package = document.part.package
        assert package is not None
        partname = package.next_partname("/word/numbering%d.xml")
        part = NumberingPart(partname, CT.WML_NUMBERING, parse_xml(f"<w:numbering {nsdecls('w')}/>"), package)
        document.part.relate_to(part, RT.NUMBERING)
        return part.element


def _use_dash_bullets(document: Document, style: Any) -> None:
    """Point ``style`` at a new single-level "–" list (the French enumeration dash)."""
    numbering = _numbering(document)
    ids = [int(a.get(qn("w:abstractNumId"))) for a in numbering.iterchildren(qn("w:abstractNum"))]
    abstract_id = max(ids, default=-1) + 1
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">'
        f'<w:nsid w:val="{0x434C0000 + abstract_id:08X}"/><w:multiLevelType w:val="singleLevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/>'
        '<w:lvlText w:val="–"/><w:lvlJc w:val="left"/>'
        '<w:pPr><w:ind w:left="397" w:hanging="284"/></w:pPr>'
        f'<w:rPr><w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:cs="{FONT}" w:hint="default"/></w:rPr>'
        "</w:lvl></w:abstractNum>"
    )
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = numbering.add_num(abstract_id)
    numPr = style.get_or_add_pPr().get_or_add_numPr()
    numPr.get_or_add_numId().val = num.numId


def _set_font(rPr: Any, size: float | None = None) -> None:
    fonts = rPr.get_or_add_rFonts()
    for attribute in ("asciiTheme", "hAnsiTheme", "eastAsiaTheme", "cstheme"):
        fonts.attrib.pop(qn(f"w:{attribute}"), None)
    for attribute in ("ascii", "hAnsi", "cs", "eastAsia"):
        fonts.set(qn(f"w:{attribute}"), FONT)
    if size is not None:
        rPr.get_or_add_sz().val = Pt(size)


def _house_style(document: Document) -> None:
    """Page and styles of a standalone document: A4, Arial, French language, blue headings."""
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Cm(2.2)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.header_distance = section.footer_distance = Cm(1)

    defaults = document.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_font(defaults, 10)
    defaults.find(qn("w:lang")).set(qn("w:val"), "fr-FR")

    normal = document.styles["Normal"]
    assert isinstance(normal, ParagraphStyle)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.1
    for name, size, color, before, after in (
        ("Title", 18, BLUE, 0, 12),
        ("Heading 1", 13, BLUE, 18, 6),
        ("Heading 2", 11, RGBColor(0x16, 0x16, 0x16), 12, 4),
        ("Heading 3", 10, RGBColor(0x16, 0x16, 0x16), 10, 4),
    ):
        style = document.styles[name]
        assert isinstance(style, ParagraphStyle)
        _set_font(style.element.get_or_add_rPr(), size)
        style.font.color.rgb = color
        style.font.bold = True
        style.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
        style.paragraph_format.space_before, style.paragraph_format.space_after = Pt(before), Pt(after)
    title = document.styles["Title"].element
    for border in title.xpath("./w:pPr/w:pBdr/w:bottom"):
        border.set(qn("w:color"), str(BLUE))
        border.attrib.pop(qn("w:themeColor"), None)
    title_rpr = title.get_or_add_rPr()
    for spacing in title_rpr.findall(qn("w:spacing")):
        title_rpr.remove(spacing)
    bullet = document.styles["List Bullet"]
    assert isinstance(bullet, ParagraphStyle)
    bullet.paragraph_format.space_after = Pt(3)
    bullet.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
    _use_dash_bullets(document, bullet.element)


# --- writing --------------------------------------------------------------------------------------
# Blocks are written as lxml elements rather than through python-docx's proxies, whose style and cell
# look-ups rescan the document on every call: this keeps a 20-clause document well under 100 ms.

W_VAL, W_P, W_R, W_T, W_PPR, W_RPR = qn("w:val"), qn("w:p"), qn("w:r"), qn("w:t"), qn("w:pPr"), qn("w:rPr")
XML_SPACE = qn("xml:space")


def _child(parent: Any, tag: str, val: str | None = None) -> Any:
    element = etree.SubElement(parent, tag)
    if val is not None:
        element.set(W_VAL, val)
    return element


def _run(
    paragraph: Any, text: str, *, bold: bool = False, italic: bool = False, size: float | None = None,
    color: str | None = None, highlight: bool = False,
) -> None:
    """Append a ``<w:r>``; tabs and line breaks become ``<w:tab/>`` and ``<w:br/>``."""
    run = _child(paragraph, W_R)
    if bold or italic or size or color or highlight:
        properties = _child(run, W_RPR)  # children in the order of the schema
        if bold:
            _child(properties, qn("w:b"))
        if italic:
            _child(properties, qn("w:i"))
        if color:
            _child(properties, qn("w:color"), color)
        if size:
            _child(properties, qn("w:sz"), str(round(size * 2)))
        if highlight:
            _child(properties, qn("w:highlight"), "yellow")
    for piece in re.split(r"([\t\n])", text):
        if piece == "\t":
            _child(run, qn("w:tab"))
        elif piece == "\n":
            _child(run, qn("w:br"))
        elif piece:
            node = _child(run, W_T)
            node.text = piece
            node.set(XML_SPACE, "preserve")


def add_text(paragraph: Any, text: str, **formatting: Any) -> None:
    """Append ``text`` as runs; every ``[à compléter : …]`` mark is bold and highlighted in yellow."""
    position = 0
    for match in _MISSING_MARK.finditer(text):
        if match.start() > position:
            _run(paragraph, text[position : match.start()], **formatting)
        _run(paragraph, match.group(0), **{**formatting, "bold": True, "highlight": True})
        position = match.end()
    if position < len(text):
        _run(paragraph, text[position:], **formatting)


class _Writer:
    """Writes blocks just before an anchor paragraph, with the styles the document provides."""

    def __init__(self, document: Document, anchor: Any) -> None:
        self.anchor = anchor
        self.heading1 = _style(document, "Heading 1", WD_STYLE_TYPE.PARAGRAPH).styleId
        self.heading2 = _style(document, "Heading 2", WD_STYLE_TYPE.PARAGRAPH).styleId
        self.heading3 = _style(document, "Heading 3", WD_STYLE_TYPE.PARAGRAPH).styleId
        self.bullet = _style(document, "List Bullet", WD_STYLE_TYPE.PARAGRAPH).styleId
        self.grid = _style(document, "Table Grid", WD_STYLE_TYPE.TABLE).styleId
        try:
            section = document.sections[-1]
            self.width = Emu(section.page_width - section.left_margin - section.right_margin)  # type: ignore[operator]
        except (IndexError, TypeError):  # a template without section properties, page size or margins
            self.width = Emu(Cm(16))

    def paragraph(
        self, text: str = "", style: str | None = None, *, align: str | None = None, **formatting: Any
    ) -> Any:
        """A ``<w:p>`` of style id ``style`` (the default paragraph style when None)."""
        paragraph = OxmlElement("w:p")
        if style or align:
            properties = _child(paragraph, W_PPR)
            if style:
                _child(properties, qn("w:pStyle"), style)
            if align:
                _child(properties, qn("w:jc"), align)
        self.anchor.addprevious(paragraph)
        if text:
            add_text(paragraph, text, **formatting)
        return paragraph

    def table(self, rows: int, shares: Sequence[float]) -> list[list[Any]]:
        """A grid table; returns its ``<w:tc>`` cells by row, each holding one left-aligned paragraph."""
        widths = [Emu(int(self.width * share)) for share in shares]
        table = CT_Tbl.new_tbl(rows, len(widths), Emu(sum(widths)))
        table.tblStyle_val = self.grid
        table.tblPr.alignment = WD_TABLE_ALIGNMENT.CENTER
        for column, width in zip(table.tblGrid.gridCol_lst, widths, strict=True):
            column.w = width
        cells = []
        for row in table.tr_lst:
            for cell, width in zip(row.tc_lst, widths, strict=True):
                cell.find(f"{qn('w:tcPr')}/{qn('w:tcW')}").set(qn("w:w"), str(width.twips))  # was an even share
                _child(_child(cell.find(W_P), W_PPR), qn("w:jc"), "left")
            cells.append(list(row.tc_lst))
        self.anchor.addprevious(table)
        return cells


def _note(writer: _Writer, label: str, text: str) -> None:
    paragraph = writer.paragraph(align="left")
    _run(paragraph, label, bold=True, italic=True, size=9, color=GREY)
    _run(paragraph, text, italic=True, size=9, color=GREY)


def _label_cell(cell: Any, text: str) -> None:
    """A bold, shaded cell (column headers, labels of the title block)."""
    add_text(cell.find(W_P), text, bold=True)
    shading = _child(cell.tcPr, qn("w:shd"), "clear")  # after w:tcW, as the schema orders them
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), HEADER_FILL)


def _article(number: int, title: str) -> str:
    return f"Article{NBSP}{number} – {_fr(title)}"


def _in_order(clauses: Sequence[RenderedClause]) -> list[RenderedClause]:
    """RC -> CCAP -> CCTP -> AE; in each part the articles for every lot, then those of each lot (in the order
    the lots first appear)."""
    lots = {lot: rank for rank, lot in enumerate(dict.fromkeys(clause.lot for clause in clauses if clause.lot))}
    return sorted(clauses, key=lambda clause: (DOCUMENTS.index(clause.document), lots.get(clause.lot, -1)))


def article_numbers(clauses: Sequence[RenderedClause]) -> dict[str, tuple[str, int]]:
    """Each clause's part and article number (by ``key``; a clause's id alone names its first article): numbered
    from 1 in each part, so that "l'article 3 du CCAP" means the same thing in the file and once pasted into
    the CCAP."""
    numbers: dict[str, tuple[str, int]] = {}
    counts: dict[str, int] = {}
    for clause in _in_order(clauses):
        counts[clause.document] = counts.get(clause.document, 0) + 1
        numbers[clause.key] = (clause.document, counts[clause.document])
        numbers.setdefault(clause.id, numbers[clause.key])
    return numbers


def _part_name(document: str) -> str:
    return "de l'acte d'engagement" if document == "AE" else f"du {document}"


def _with_articles(text: str, numbers: dict[str, tuple[str, int]], lot: str = "") -> str:
    """``[[clause-id]]`` replaced by the article it points at (the one of the same lots when there is one); every
    required clause is in the file."""
    def article(match: re.Match[str]) -> str:
        document, number = numbers.get(f"{match.group(1)}@{lot}") or numbers[match.group(1)]
        return f"l'article{NBSP}{number} {_part_name(document)}"

    return CROSS_REFERENCE.sub(article, text)


def _write_sections(writer: _Writer, clauses: Sequence[RenderedClause], *, notes: bool = False) -> None:
    """One part per target document (RC -> CCAP -> CCTP -> AE), its articles for every lot then, under a heading
    per lot, those of some lots only; then the annexes: the evidence to ask for and, without ``notes``, the type
    and legal basis of each clause."""
    numbers = article_numbers(clauses)
    ordered = _in_order(clauses)
    previous: tuple[str, str] | None = None
    for clause in ordered:
        document, number = numbers[clause.key]
        if previous is None or document != previous[0]:
            writer.paragraph(PART_TITLES[document], writer.heading1)
        if clause.lot and (document, clause.lot) != previous:
            writer.paragraph(_fr(clause.lot), writer.heading2)
        previous = (document, clause.lot)
        writer.paragraph(_article(number, clause.title), writer.heading3 if clause.lot else writer.heading2)
        for kind, body in _blocks(_with_articles(clause.text, numbers, clause.lot)):
            writer.paragraph(body, writer.bullet if kind == "item" else None)
        if notes:
            _note(writer, f"Type de clause{NBSP}: ", KIND_LABELS.get(clause.kind, clause.kind) + ".")
            if clause.legal_basis:
                _note(writer, f"Fondement{NBSP}: ", _fr(legal_basis_text(clause.legal_basis)) + ".")
    _evidence_annex(writer, ordered, numbers)
    if not notes:
        _basis_annex(writer, ordered, numbers)


def _article_label(clause: RenderedClause, numbers: dict[str, tuple[str, int]]) -> str:
    document, number = numbers[clause.key]
    lot = f" ({_fr(clause.lot)})" if clause.lot else ""
    return f"{document} art.{NBSP}{number} – {_fr(clause.title)}{lot}"


def _basis_annex(writer: _Writer, ordered: Sequence[RenderedClause], numbers: dict[str, tuple[str, int]]) -> None:
    """For the officer: what kind of clause each article is, and the texts it rests on."""
    writer.paragraph("Annexe – Nature et fondement des clauses", writer.heading1)
    cells = writer.table(len(ordered) + 1, (0.38, 0.22, 0.40))
    for cell, label in zip(cells[0], ("Clause", "Type", "Fondement"), strict=True):
        _label_cell(cell, label)
    cells[0][0].getparent().get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    for (article, kind, basis), clause in zip(cells[1:], ordered, strict=True):
        add_text(article.find(W_P), _article_label(clause, numbers))
        add_text(kind.find(W_P), KIND_LABELS.get(clause.kind, clause.kind))
        add_text(basis.find(W_P), _fr(legal_basis_text(clause.legal_basis)) if clause.legal_basis else "—")


def _evidence_annex(
    writer: _Writer, ordered: Sequence[RenderedClause], numbers: dict[str, tuple[str, int]]
) -> None:
    rows = sum(len(clause.verification) for clause in ordered)
    if not rows:
        return
    writer.paragraph("Annexe – Justificatifs à demander", writer.heading1)
    cells = writer.table(rows + 1, (0.30, 0.45, 0.25))
    for cell, label in zip(cells[0], ("Clause", "Justificatif", "Moment"), strict=True):
        _label_cell(cell, label)
    cells[0][0].getparent().get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on each page
    row = 1
    for clause in ordered:
        for index, item in enumerate(clause.verification):
            article, evidence, when = cells[row + index]
            if index == 0:
                add_text(article.find(W_P), _article_label(clause, numbers))
            if len(clause.verification) > 1:  # one clause cell spanning its evidence rows
                article.vMerge = ST_Merge.RESTART if index == 0 else ST_Merge.CONTINUE
            add_text(evidence.find(W_P), _fr(item.evidence))
            add_text(when.find(W_P), _fr(item.when))
        row += len(clause.verification)


def _field(paragraph: Paragraph, instruction: str, cached: str) -> None:
    """A complex field (``PAGE``, ``NUMPAGES``) that Word and LibreOffice update when rendering."""
    for kind in ("begin", "instr", "separate", "text", "end"):
        run = paragraph.add_run()
        run.font.size = Pt(8)
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {instruction} "
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = cached
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _footer(document: Document, meta: DocumentMeta) -> None:
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    reference = f"{_fr(meta.reference)} – " if meta.reference.strip() else ""
    for text, instruction in ((f"{reference}Page ", "PAGE"), (" sur ", "NUMPAGES")):
        paragraph.add_run(text).font.size = Pt(8)
        _field(paragraph, instruction, "1")


# A line of the pasted object that lists a lot or an item: "Lot 1 : …", "lot n° 2 – …", "- …", "• …".
LIST_LINE = re.compile(r"^\s*(?:[-•*–]\s+|lot\s*(?:n\s*[°o]\s*)?\d+\b)", re.IGNORECASE)


def _cell_lines(cell: Any, value: str, bullet: str) -> None:
    """A table cell holding ``value`` line by line: its paragraphs kept, its lots and items as a list."""
    first = cell.find(W_P)
    lines = [line.strip() for line in value.splitlines() if line.strip()] or [""]
    for index, line in enumerate(lines):
        paragraph = first if index == 0 else deepcopy(first)
        if index:
            for run in paragraph.findall(qn("w:r")):
                paragraph.remove(run)
            cell.append(paragraph)
        if LIST_LINE.match(line):
            properties = paragraph.find(W_PPR)
            if properties is None:
                properties = OxmlElement("w:pPr")
                paragraph.insert(0, properties)
            style = OxmlElement("w:pStyle")
            style.set(W_VAL, bullet)
            properties.insert(0, style)  # pStyle comes first in w:pPr
            line = re.sub(r"^\s*[-•*–]\s+", "", line)
        add_text(paragraph, _fr(line))


def _title_block(writer: _Writer, document: Document, meta: DocumentMeta) -> None:
    if meta.logo:
        logo = document.add_paragraph()
        logo.add_run().add_picture(io.BytesIO(meta.logo), height=LOGO_HEIGHT)
        writer.anchor.addprevious(logo._p)
    title = _style(document, "Title", WD_STYLE_TYPE.PARAGRAPH).styleId
    writer.paragraph(_fr(meta.title) or DEFAULT_TITLE, title)
    rows = [
        ("Acheteur", meta.buyer),
        ("Objet du marché", meta.tender_object),
        ("Référence", meta.reference),
        ("Date de génération", format_date(meta.date)),
        ("Version de Clausier", meta.clausier_version),
    ]
    rows = [(label, value) for label, value in rows if value.strip()]
    for (label_cell, value_cell), (label, value) in zip(writer.table(len(rows), (0.28, 0.72)), rows, strict=True):
        _label_cell(label_cell, label)
        _cell_lines(value_cell, value, writer.bullet)
    writer.paragraph()
    if meta.draft:
        writer.paragraph(
            "PROJET – les valeurs surlignées restent à compléter avant la publication de la consultation.",
            align="left", bold=True, color=RED,
        )
    writer.paragraph(
        french_typography(
            "Chaque partie rassemble les clauses à reporter dans la pièce indiquée du dossier de "
            "consultation. Les articles sont numérotés dans chaque pièce : adaptez leur numéro et les renvois "
            "au plan de la pièce. Les justificatifs à demander au titulaire"
            + ("" if meta.notes else ", puis la nature et le fondement juridique de chaque clause,")
            + " sont récapitulés en annexe."
        )
    )


def _properties(document: Document, meta: DocumentMeta) -> None:
    package = document.part.package
    assert package is not None
    for relation in [r for r in package.rels.values() if r.reltype == RT.THUMBNAIL]:
        del package.rels[relation.rId]  # python-docx's own blank-page preview would stand for ours
    now = datetime.now(UTC).replace(microsecond=0)
    properties = document.core_properties
    properties.title = clean_text(meta.title)[:255] or DEFAULT_TITLE
    properties.subject = clean_text(meta.tender_object)[:255]
    properties.author = properties.last_modified_by = "Clausier"
    properties.comments = f"Généré par Clausier {meta.clausier_version}"
    properties.keywords = "clauses sociales; clauses environnementales; commande publique"
    properties.language = "fr-FR"
    properties.created = properties.modified = now
    properties.revision = 1


def build_document(meta: DocumentMeta, clauses: Sequence[RenderedClause], *, template: bytes | None = None) -> bytes:
    """The .docx: a standalone document, or ``template`` with its ``{{CLAUSES}}`` paragraph replaced by
    the parts and the annex (its styles, headers, footers and other content untouched).

    Raises ``TemplateError`` (``TemplateTooLarge``) for an unusable template.
    """
    if template is None:
        document = docx.Document()
        _house_style(document)
        anchor = document.add_paragraph()._p
        writer = _Writer(document, anchor)
        _title_block(writer, document, meta)
        _footer(document, meta)
        _properties(document, meta)
        _write_sections(writer, clauses, notes=meta.notes)
        _drop_anchor(anchor)
        return _save(document)
    document = open_upload(template)
    anchor = _find_marker(document)
    try:
        _write_sections(_Writer(document, anchor), clauses, notes=meta.notes)
        _drop_anchor(anchor)
        return _save(document)
    # A package python-docx could open may still hold parts it cannot work with (odd styles, sections).
    except (ValueError, LookupError, AttributeError, TypeError, NotImplementedError, etree.LxmlError) as exc:
        raise TemplateError(
            f"Le modèle a une structure que Clausier ne sait pas compléter ({type(exc).__name__}) : "
            "enregistrez-le à nouveau depuis Word ou LibreOffice."
        ) from exc


def house_document(meta: DocumentMeta) -> Document:
    """An empty standalone document in the house style (A4, Arial, French), with the buyer's logo on top,
    its footer and properties: for letters and other documents written paragraph by paragraph."""
    document = docx.Document()
    _house_style(document)
    if meta.logo:
        document.add_paragraph().add_run().add_picture(io.BytesIO(meta.logo), height=LOGO_HEIGHT)
    _footer(document, meta)
    _properties(document, meta)
    return document


def document_bytes(document: Document) -> bytes:
    """The .docx file of ``document``."""
    return _save(document)


def _save(document: Document) -> bytes:
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _drop_anchor(anchor: Any) -> None:
    """Remove the anchor paragraph, or only empty it where a paragraph must stay: it carries a section
    break, ends a table cell or the document, or keeps the annex table apart from a following table."""
    properties = anchor.find(qn("w:pPr"))
    section = properties.find(qn("w:sectPr")) if properties is not None else None
    following, previous = anchor.getnext(), anchor.getprevious()
    if section is None and following is not None and following.tag != qn("w:sectPr") and (
        previous is None or previous.tag != qn("w:tbl")
    ):
        anchor.getparent().remove(anchor)
        return
    for child in list(anchor):
        anchor.remove(child)
    if section is not None:
        anchor.append(OxmlElement("w:pPr"))
        anchor[0].append(section)
