"""Merging into the officer's template: the marker paragraph is replaced, everything else is kept."""

import io
import zipfile
from datetime import date

import docx
import pytest
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

from app.documents.builder import (
    MAX_TEMPLATE_BYTES,
    DocumentMeta,
    TemplateError,
    TemplateTooLarge,
    build_document,
    check_template,
)
from tests.documents.docx_checks import SAMPLE_CLAUSES, body_paragraphs, make_template, open_docx, plain, styled

META = DocumentMeta(reference="2026-014", date=date(2026, 3, 1))
DOTX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"


def part_xml(content: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return archive.read(name)


def style_definitions(content: bytes) -> dict[str, bytes]:
    root = etree.fromstring(part_xml(content, "word/styles.xml"))
    return {s.get(qn("w:styleId")): etree.tostring(s) for s in root.iter(qn("w:style"))}


def test_marker_paragraph_is_replaced_and_the_rest_kept() -> None:
    template = make_template()
    merged = build_document(META, SAMPLE_CLAUSES, template=template)
    document = open_docx(merged)
    paragraphs = body_paragraphs(document)

    assert paragraphs[0] == ("Heading 1", "Article 1 – Objet du marché")
    assert paragraphs[1] == ("Corps Mairie", "Préambule propre au modèle.")
    assert paragraphs[2] == ("Heading 1", "Clauses à insérer dans le RC")
    assert paragraphs[-1] == ("Corps Mairie", "Dispositions finales du modèle.")
    assert not [text for _, text in paragraphs if "{{" in text]
    assert styled(document, "Heading 2")[0] == "Article 1 – Critère de performance sociale"
    assert len(document.tables) == 2  # the annexes; no title block in a template
    assert styled(document, "Title") == []

    section = document.sections[0]
    assert section.header.paragraphs[0].text == "Mairie de Bourg-Test – CCAP"
    assert section.footer.paragraphs[0].text == "Pied de page du modèle"


def test_template_parts_and_styles_are_untouched() -> None:
    template = make_template()
    merged = build_document(META, SAMPLE_CLAUSES, template=template)
    before, after = style_definitions(template), style_definitions(merged)
    assert {name: after[name] for name in before} == before  # Heading 1 stays red, "Corps Mairie" stays
    for part in ("word/header1.xml", "word/footer1.xml", "word/theme/theme1.xml", "word/settings.xml"):
        assert part_xml(merged, part) == part_xml(template, part)


def test_marker_split_across_runs_is_found() -> None:
    merged = build_document(META, SAMPLE_CLAUSES, template=make_template(marker=["{{CLA", "USES", "}}"]))
    assert "Clauses à insérer dans le RC" in styled(open_docx(merged), "Heading 1")


def test_marker_in_a_table_cell() -> None:
    document = open_docx(build_document(META, SAMPLE_CLAUSES, template=make_template(in_table=True)))
    cell = document.tables[0].cell(0, 0)
    texts = [plain(p.text) for p in cell.paragraphs]
    assert texts[0] == "Cellule du modèle"
    assert "Clauses à insérer dans le RC" in texts
    assert len(cell.tables) == 2  # the annexes, nested
    assert cell._tc[-1].tag == qn("w:p")  # a cell must end with a paragraph


@pytest.mark.parametrize("with_numbering", [True, False], ids=["numbering-part", "no-numbering-part"])
def test_missing_builtin_styles_are_added_without_touching_the_others(with_numbering: bool) -> None:
    document = docx.Document()
    styles = document.styles.element
    for style in list(styles.iterchildren(qn("w:style"))):
        if style.name_val in ("heading 1", "heading 2", "List Bullet", "Table Grid"):
            styles.remove(style)
    if not with_numbering:
        relation = next(r for r in document.part.rels.values() if r.reltype.endswith("/numbering"))
        document.part.drop_rel(relation.rId)
    document.add_paragraph("{{CLAUSES}}")
    stream = io.BytesIO()
    document.save(stream)
    assert ("word/numbering.xml" in zipfile.ZipFile(stream).namelist()) is with_numbering

    merged = open_docx(build_document(META, SAMPLE_CLAUSES, template=stream.getvalue()))
    assert styled(merged, "Heading 1")[0] == "Clauses à insérer dans le RC"
    assert styled(merged, "List Bullet") == ["bois ;", "métaux ;", "gravats."]
    bullet = merged.styles["List Bullet"].element
    num_id = bullet.pPr.numPr.numId.val
    numbering = merged.part.numbering_part.element
    assert numbering.num_having_numId(num_id) is not None


def test_dotx_template_is_accepted() -> None:
    source = make_template()
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(source)) as archive, zipfile.ZipFile(output, "w") as target:
        for entry in archive.infolist():
            blob = archive.read(entry)
            if entry.filename == "[Content_Types].xml":
                blob = blob.replace(DOCX_MAIN.encode(), DOTX_MAIN.encode())
            target.writestr(entry, blob)
    merged = build_document(META, SAMPLE_CLAUSES, template=output.getvalue())
    assert DOCX_MAIN.encode() in part_xml(merged, "[Content_Types].xml")
    assert "Clauses à insérer dans le CCAP" in styled(open_docx(merged), "Heading 1")


def test_marker_carrying_the_section_break_keeps_the_section() -> None:
    document = docx.Document()
    document.add_paragraph("Avant")
    marker = document.add_paragraph("{{CLAUSES}}")
    marker._p.get_or_add_pPr().append(OxmlElement("w:sectPr"))  # a section ends on the marker
    document.add_paragraph("Après")
    stream = io.BytesIO()
    document.save(stream)
    merged = open_docx(build_document(META, SAMPLE_CLAUSES, template=stream.getvalue()))
    assert len(merged.sections) == 2
    assert body_paragraphs(merged)[-1] == ("Normal", "Après")


def zip_bytes(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", method) as archive:
        for name, blob in entries.items():
            archive.writestr(name, blob)
    return output.getvalue()


def content_types(main: str) -> bytes:
    return (
        '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        f'<Override PartName="/word/document.xml" ContentType="{main}"/></Types>'
    ).encode()


def macro_template() -> bytes:
    return zip_bytes({"[Content_Types].xml": content_types("application/vnd.ms-word.document.macroEnabled.main+xml")})


@pytest.mark.parametrize(
    ("template", "error", "message"),
    [
        (b"Bonjour, ceci n'est pas un document Word.", TemplateError, "n'est pas un document Word .docx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), TemplateError, "Word 97-2003 (.doc)"),
        (zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text"}), TemplateError, "OpenDocument (.odt)"),
        (zip_bytes({"word/document.xml": b"<x/>"}), TemplateError, "n'est pas un document Word .docx"),
        (zip_bytes({"[Content_Types].xml": content_types("application/vnd.openxmlformats-officedocument."
                                                          "spreadsheetml.sheet.main+xml")}),
         TemplateError, "n'est pas un document Word .docx"),
        (macro_template(), TemplateError, "macros"),
        (bytes(MAX_TEMPLATE_BYTES + 1), TemplateTooLarge, "taille maximale de 10 Mo"),
        (zip_bytes({"[Content_Types].xml": content_types(DOCX_MAIN), "word/document.xml": b" " * (30 * 1024 * 1024)}),
         TemplateTooLarge, "archive piégée"),
        (make_template(marker="Pas de marqueur ici"), TemplateError, "ne contient pas de paragraphe {{CLAUSES}}"),
        (make_template(marker="Voir ci-après : {{CLAUSES}}"), TemplateError, "seul dans son paragraphe"),
    ],
    ids=["text", "doc", "odt", "no-content-types", "xlsx", "docm", "too-large", "zip-bomb", "no-marker",
         "crowded-marker"],
)
def test_unusable_templates_are_refused_in_french(template: bytes, error: type[Exception], message: str) -> None:
    with pytest.raises(error) as raised:
        build_document(META, SAMPLE_CLAUSES, template=template)
    assert message in str(raised.value)
    assert type(raised.value) is error


def test_two_markers_are_refused() -> None:
    document = docx.Document()
    document.add_paragraph("{{CLAUSES}}")
    document.add_paragraph("{{ CLAUSES }}")
    stream = io.BytesIO()
    document.save(stream)
    with pytest.raises(TemplateError, match="2 paragraphes"):
        build_document(META, SAMPLE_CLAUSES, template=stream.getvalue())


def test_damaged_docx_is_refused() -> None:
    template = make_template()
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        entries = {entry.filename: archive.read(entry) for entry in archive.infolist()}
    entries["word/document.xml"] = b"<w:document><unclosed"
    with pytest.raises(TemplateError, match=r"endommagé|illisible"):
        build_document(META, SAMPLE_CLAUSES, template=zip_bytes(entries))


def test_check_template_returns_docx_unchanged() -> None:
    template = make_template()
    assert check_template(template) == template


def test_template_without_section_properties_is_completed() -> None:
    template = make_template()
    with zipfile.ZipFile(io.BytesIO(template)) as archive:
        entries = {entry.filename: archive.read(entry) for entry in archive.infolist()}
    body = etree.fromstring(entries["word/document.xml"])
    for section in body.iter(qn("w:sectPr")):
        section.getparent().remove(section)
    entries["word/document.xml"] = etree.tostring(body)
    merged = open_docx(build_document(META, SAMPLE_CLAUSES, template=zip_bytes(entries)))
    assert styled(merged, "Heading 1")[1] == "Clauses à insérer dans le RC"


def test_corrupted_templates_fail_with_a_template_error() -> None:
    import random

    template = make_template()
    rng = random.Random(2026)
    outcomes = set()
    for _ in range(200):
        damaged = bytearray(template)
        for _ in range(rng.randint(1, 12)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        if rng.random() < 0.3:
            damaged = damaged[: rng.randrange(len(damaged))]
        try:
            open_docx(build_document(META, SAMPLE_CLAUSES, template=bytes(damaged)))
            outcomes.add("valid file")
        except TemplateError:
            outcomes.add("TemplateError")
    assert "TemplateError" in outcomes  # and nothing else was raised
