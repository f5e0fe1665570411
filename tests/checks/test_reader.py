"""Reading drafts: tricky layouts (runs, tables, automatic numbering, lists, headers, content controls, tracked
changes), parts of a whole consultation file, PDF with and without text, and refused uploads."""

import io
import zipfile

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from app.checks.comments import commented_draft
from app.checks.reader import DraftError, _pdf_paragraphs, part_title, read_draft
from app.documents.builder import MAX_TEMPLATE_BYTES, TemplateError, TemplateTooLarge
from tests.checks.support import build, check, finding, pdf, rules


def test_text_split_across_runs_is_read_whole() -> None:
    data = build([("title", "CCAP"),
                  ("p", "Conformément à l'art|icle 14 du co|de des marchés pu|blics, le titulaire…")])
    _draft, result = check(data)
    assert [f.reference for f in result.findings if f.category == "obsolete"] == ["CMP 2006 art. 14"]


def test_automatic_numbering_gives_article_numbers() -> None:
    data = build([("title", "Cahier des clauses administratives particulières"), ("auto1", "Objet"),
                  ("p", "Le marché porte sur le gardiennage."), ("auto1", "Exécution"), ("auto2", "Horaires"),
                  ("auto2", "Pénalités"), ("p", "Une pénalité sera appliquée en cas d'absence.")])
    draft, result = check(data)
    headings = [p.text for p in draft.paragraphs if p.is_heading]
    assert headings[1:] == ["Article 1 – Objet", "Article 2 – Exécution", "2.1 Horaires", "2.2 Pénalités"]
    location = next(f for f in result.findings if f.rule == "penalite-sans-montant").location
    assert location is not None and (location.part, location.article, location.heading) == ("CCAP", "2.2", "Pénalités")


def test_unnumbered_titles_in_capitals_are_headings() -> None:
    data = build([("title", "RÈGLEMENT DE LA CONSULTATION"), ("p", "Entretien des espaces verts"),
                  ("bold", "JUGEMENT DES OFFRES"), ("p", "Le prix compte pour 60 % et la valeur technique pour 40 %."),
                  ("p", "La gestion différenciée des espaces est appréciée sur 10 points."),
                  ("bold", "Les produits phytosanitaires sont interdits")])
    draft, result = check(data)
    assert [p.text for p in draft.paragraphs if p.is_heading] == ["RÈGLEMENT DE LA CONSULTATION",
                                                                   "JUGEMENT DES OFFRES"]
    location = finding(result, "present-critere-environnemental").location  # read as an award criterion
    assert location is not None and location.heading == "JUGEMENT DES OFFRES"


def test_tables_and_lists_are_located() -> None:
    data = build([("title", "RÈGLEMENT DE LA CONSULTATION"), ("h1", "Article 3 – Critères d'attribution"),
                  ("table", [["Critère", "Pondération"], ["Prix", "70 %"],
                             ["Performance RSE de l'entreprise", "30 %"]]),
                  ("numbered", ["Le bois est certifié FSC."])])
    draft, result = check(data)
    cell = next(p for p in draft.paragraphs if p.text == "Performance RSE de l'entreprise")
    assert cell.where == "tableau" and cell.row == "Performance RSE de l'entreprise | 30 %"
    policy = [f for f in result.findings if f.rule == "politique-generale"]
    assert len(policy) == 1  # one finding for the row, not one per cell
    assert policy[0].location is not None and policy[0].location.where == "tableau"
    item = next(p for p in draft.paragraphs if p.text.startswith("Le bois"))
    assert item.in_list and "label-sans-equivalent" in rules(result)


def test_header_names_the_part_and_its_text_is_checked() -> None:
    data = build([("header", "CCAP – Marché n° 2026-12 – décret n° 2016-360"), ("h1", "Article 1 – Objet"),
                  ("p", "Nettoyage des locaux.")])
    draft, result = check(data)
    assert draft.parts == ["CCAP"]
    outdated = next(f for f in result.findings if f.category == "obsolete")
    assert outdated.location is not None and outdated.location.where == "en-tête"


def test_whole_consultation_file_is_split_in_parts() -> None:
    data = build([("title", "Pièce n° 1 – Règlement de la consultation"), ("h1", "Article 1 – Objet"),
                  ("p", "Le règlement de la consultation fixe les règles de la mise en concurrence."),
                  ("title", "Pièce n° 2 – CCAP"), ("h1", "Article 1 – Pièces"), ("p", "Le CCAG 2009 s'applique."),
                  ("title", "CAHIER DES CLAUSES TECHNIQUES PARTICULIÈRES"), ("h1", "Article 1 – Prestations"),
                  ("p", "Les produits doivent porter le label NF Environnement.")])
    draft, result = check(data)
    assert draft.parts == ["RC", "CCAP", "CCTP"]
    located = {f.rule: f.location.part for f in result.findings if f.location and f.category != "manquant"}
    assert located["reference-perimee"] == "CCAP" and located["label-sans-equivalent"] == "CCTP"


def test_footnotes_are_read_where_they_are_called() -> None:
    data = build([("title", "CCAP"), ("h1", "Article 1 – Objet"), ("p", "Nettoyage des locaux."),
                  ("h1", "Article 4 – Sous-traitance"),
                  ("p", "Le sous-traitant est payé directement{{note:Selon l'article 115 du code des marchés "
                        "publics.}}."),
                  ("h1", "Article 5 – Prix"), ("p", "Les prix sont fermes{{note:Article R2112-10 du code.}}.")])
    draft, result = check(data)
    notes = [p for p in draft.paragraphs if p.where == "note de bas de page"]
    assert [(p.text, p.article, p.index) for p in notes] == [
        ("Selon l'article 115 du code des marchés publics.", "4", None), ("Article R2112-10 du code.", "5", None)]
    assert "Nettoyage des locaux." in draft.text and "payé directement." in draft.text  # no call mark in the body
    outdated = finding(result, "reference-perimee")
    assert outdated.location is not None and outdated.location.where == "note de bas de page"
    assert outdated.location.label() == "CCAP, article 4 (Sous-traitance), note de bas de page"


def test_a_table_cell_knows_the_title_of_its_column() -> None:
    data = build([("title", "CCTP"), ("table", [["Produit", "Exigence"], ["Savon", "Écolabel européen"]])])
    draft, _result = check(data)
    cells = {p.text: p.column for p in draft.paragraphs if p.where == "tableau"}
    assert cells == {"Produit": None, "Exigence": None, "Savon": "produit", "Écolabel européen": "exigence"}


def test_content_controls_hyperlinks_and_tracked_changes() -> None:
    document = docx.Document()
    document.add_paragraph("CCAP", style="Title")
    body = document.element.body
    body.append(parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtContent><w:p><w:r><w:t>Le CCAG-FCS de 2009 s\'applique.</w:t></w:r></w:p>'
        '</w:sdtContent></w:sdt>'
    ))
    body.append(parse_xml(
        f'<w:p {nsdecls("w", "r")}><w:hyperlink r:id="rId99"><w:r><w:t>ordonnance n° 2015-899</w:t></w:r></w:hyperlink>'
        '<w:del w:id="1" w:author="x"><w:r><w:delText>décret n° 2016-360</w:delText></w:r></w:del></w:p>'
    ))
    body.append(body[-3])  # keep the section properties last
    output = io.BytesIO()
    document.save(output)
    _draft, result = check(output.getvalue())
    refs = sorted(f.reference or "" for f in result.findings if f.category == "obsolete")
    assert refs == ["CCAG-FCS 2009", "Ord. 2015-899"]  # the deleted decree is not read


MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def _merged_table(rows: list[list[str]], merges: list[tuple[int, int, int]]) -> bytes:
    """A CCAP whose table has cells merged across columns: ``(row, first column, last column)``."""
    document = docx.Document()
    document.add_paragraph("CCAP", style="Title")
    document.add_paragraph("Article 9 – Pénalités", style="Heading 1")
    table = document.add_table(rows=len(rows), cols=max(len(row) for row in rows))
    for row, first, last in merges:
        table.cell(row, first).merge(table.cell(row, last))
    for position, texts in enumerate(rows):
        cells = list(dict.fromkeys(table.rows[position].cells))  # a merged cell once
        for cell, text in zip(cells, texts, strict=True):
            cell.text = text
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


@pytest.mark.parametrize(("rows", "merges"), [
    # a merged title row above the column titles
    ([["Barème des pénalités"], ["Manquement", "Pénalité"], ["Absence du rapport mensuel", "À définir"]],
     [(0, 0, 1)]),
    # a column title spanning two columns: the cells are matched by grid column, not by position
    ([["Manquement", "Pénalité"], ["Rapport", "mensuel absent", "À définir"]], [(0, 0, 1)]),
])
def test_merged_cells_keep_their_column_titles(rows: list[list[str]], merges: list[tuple[int, int, int]]) -> None:
    draft, result = check(_merged_table(rows, merges))
    cell = next(p for p in draft.paragraphs if p.text == "À définir")
    assert cell.column == "penalite"
    assert "penalite-sans-montant" in rules(result, "risque")


def _text_box(text: str) -> str:
    """A run holding a text box as Word writes it: the drawing, and its VML copy for older readers."""
    box = f"<w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent>"
    return (
        f'<w:r {nsdecls("w", "wp", "a")} xmlns:mc="{MC}" xmlns:wps="{WPS}" xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        f'<wp:anchor><wp:docPr id="1" name="Zone de texte 1"/><a:graphic><a:graphicData uri="{WPS}"><wps:wsp>'
        f"<wps:txbx>{box}</wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f"<mc:Fallback><w:pict><v:shape><v:textbox>{box}</v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent></w:r>"
    )


def test_text_boxes_are_read_once_after_their_paragraph() -> None:
    document = docx.Document()
    document.add_paragraph("CCAP", style="Title")
    anchor = document.add_paragraph("Article 4 – Pénalités")
    anchor._p.append(parse_xml(_text_box("Une pénalité sera appliquée en cas de retard.")))
    document.add_paragraph("Le titulaire trie ses déchets.")
    output = io.BytesIO()
    document.save(output)
    data = output.getvalue()
    draft, result = check(data)
    texts = [p.text for p in draft.paragraphs if p.index is not None]
    assert texts == ["CCAP", "Article 4 – Pénalités", "Une pénalité sera appliquée en cas de retard.",
                     "Le titulaire trie ses déchets."]
    location = finding(result, "penalite-sans-montant").location
    assert location is not None and location.article == "4" and location.paragraph == 3
    commented = docx.Document(io.BytesIO(commented_draft(data, result)))
    assert len(list(commented.comments)) == len(result.findings)
    box = commented.element.body.findall(".//" + qn("w:txbxContent"))[0]
    assert box.findall(".//" + qn("w:commentRangeStart"))  # the comment sits in the box itself


def test_pdf_with_text_layer() -> None:
    data = pdf([["RÈGLEMENT DE LA CONSULTATION", "Article 1 – Objet", "Nettoyage des écoles. Montant estimé : "
                 "60 000 € HT.", "Page 1"],
                ["Article 2 – Jugement des offres", "Les offres sont jugées sur le prix (100 %), en application de",
                 "l'article 53 du code des marchés publics.", "Page 2"],
                ["Article 3 – Attribution", "Le titulaire fournit l'attestation de vigilance tous les six mois.",
                 "Page 3"]])
    draft, result = check(data, "rc.pdf")
    assert draft.source == "pdf" and draft.parts == ["RC"]
    assert not any(p.text.startswith("Page") for p in draft.paragraphs)  # running footer dropped
    outdated = next(f for f in result.findings if f.category == "obsolete")
    assert outdated.reference == "CMP 2006 art. 53" and outdated.location is not None
    assert outdated.location.article == "2"
    assert "environnement-critere-manquant" in rules(result, "manquant")


def test_pdf_annex_title_opens_its_own_section() -> None:
    """In a PDF, an « Annexe n – » line after a table opens a section: the documents it lists are not read as part
    of the penalty table before it (where a penalty word hid them)."""
    data = pdf([["CAHIER DES CLAUSES ADMINISTRATIVES PARTICULIÈRES", "Article 1 – Objet",
                 "Entretien des fontaines. Montant estimé : 90 000 € HT. Date d'envoi de l'avis : 05/10/2026.",
                 "Le titulaire remet les eaux de vidange à une filière de valorisation.",
                 "Annexe A – Pénalités", "Retard d'intervention 80 € HT par jour",
                 "Annexe B – Justificatifs", "Attestation de vigilance de l'URSSAF, tous les six mois"]])
    draft, result = check(data, "ccap.pdf")
    headings = [p.text for p in draft.paragraphs if p.is_heading]
    assert headings[-2:] == ["Annexe A – Pénalités", "Annexe B – Justificatifs"]
    vigilance = finding(result, "present-vigilance").location
    assert vigilance is not None and vigilance.heading == "Annexe B – Justificatifs"


def test_pdf_structure_of_numbered_titles_lists_and_wrapped_lines() -> None:
    """A numbered title ends at its line; a wrapped line opening with a year or a number does not start a
    paragraph; items numbered "1 –" under an "Article n" stay inside it; a two-page header is dropped."""
    data = pdf([["Ville de Lorme – RC", "RÈGLEMENT DE LA CONSULTATION", "Article 1 – Objet",
                 "Achat de vélos à assistance électrique. Montant estimé : 40 000 € HT, le CCAG applicable étant",
                 "2009. Date d'envoi de l'avis : 01/10/2026.", "Article 4 – Critères d'attribution",
                 "1 – Prix", "70 %", "2 – Performance environnementale des batteries", "30 %"],
                ["Ville de Lorme – RC", "Article 5 – Attribution", "5.1 Pièces de l'attributaire",
                 "Le titulaire fournit l'attestation de vigilance tous les six mois."]])
    draft, result = check(data, "rc.pdf")
    texts = [p.text for p in draft.paragraphs]
    assert texts.count("Ville de Lorme – RC") == 0
    assert any(text.endswith("étant 2009. Date d'envoi de l'avis : 01/10/2026.") for text in texts)
    assert "5.1 Pièces de l'attributaire" in texts
    item = next(p for p in draft.paragraphs if p.text.startswith("2 – Performance"))
    assert item.trail[0] == "criteres d'attribution"
    assert "present-critere-environnemental" in rules(result, "present")
    assert "environnement-critere-manquant" not in rules(result)
    assert "reference-perimee" in rules(result)  # « CCAG … 2009 » read across the wrapped line


@pytest.mark.parametrize(("lines", "flagged"), [
    (["Critère Points", "Prix 70", "Valeur technique et gestion des déchets du chantier 30"], False),
    (["Critère Pondération", "Prix", "Valeur technique"], True),
])
def test_pdf_criteria_table_flattened_weighs_with_its_header(lines: list[str], flagged: bool) -> None:
    """A PDF flattens a criteria table into one paragraph: a header naming the unit still weighs bare numbers."""
    data = pdf([["RÈGLEMENT DE LA CONSULTATION", "Article 1 – Objet", "Réfection de la toiture de la mairie. Montant "
                 "estimé : 90 000 € HT. Date d'envoi de l'avis : 01/10/2026.", "Article 5 – Critères de jugement",
                 *lines]])
    assert ("critere-sans-ponderation" in rules(check(data, "rc.pdf")[1])) is flagged


CCAP_HEAD = ["CAHIER DES CLAUSES ADMINISTRATIVES PARTICULIÈRES", "Article 1 – Objet",
             "Entretien des espaces verts de la commune. Montant estimé : 90 000 € HT. Date d'envoi de l'avis : "
             "01/10/2026."]


@pytest.mark.parametrize(("lines", "flagged"), [
    (["Manquement Pénalité", "Retard de tonte 120 € HT par jour",
      "Déchets verts laissés sur place à l'appréciation du maître d'ouvrage"], True),
    (["Manquement constaté Pénalité applicable", "Retard de tonte 120 € HT par jour", "Absence du chef d'équipe",
      "Pénalité journalière"], True),
    (["Manquement Pénalité", "Retard de tonte 120 € HT par jour", "Absence du chef d'équipe 60 € HT par absence"],
     False),
])
def test_pdf_penalty_table_flattened_reads_a_row_without_amount(lines: list[str], flagged: bool) -> None:
    """A PDF flattens a penalty table into one paragraph opened by its column titles: a row whose penalty is left to
    the buyer or named without amount is read in words, whatever the amounts of the other rows."""
    data = pdf([[*CCAP_HEAD, "Article 9 – Pénalités", *lines]])
    assert ("penalite-sans-montant" in rules(check(data, "ccap.pdf")[1])) is flagged


@pytest.mark.parametrize(("lines", "flagged"), [
    (["Fourniture Exigence", "Compost Ecocert ou équivalent", "Paillage Écolabel européen"], True),
    (["Fourniture Exigence", "Compost Ecocert ou équivalent", "Paillage Écolabel européen ou équivalent"], False),
    (["Exigences relatives au paillage : aucun label n'est exigé, la fiche technique suffit."], False),
])
def test_pdf_requirement_table_flattened_reads_each_label(lines: list[str], flagged: bool) -> None:
    """A PDF flattens a table of requirements into one paragraph: the equivalence written after one label does not
    cover another one."""
    data = pdf([[*CCAP_HEAD, "Article 4 – Fournitures", *lines]])
    assert ("label-sans-equivalent" in rules(check(data, "ccap.pdf")[1])) is flagged


def test_pdf_wrapped_part_title_and_unnumbered_criteria_title() -> None:
    """A part's title in a large font wraps over two lines (« Pièce n° 2 – Règlement de la » / « consultation »): it
    still opens the part; « Critères d'attribution » alone on its line, unnumbered, opens the criteria section."""
    data = pdf([["Syndicat des eaux – DCE", "Pièce n° 2 – Règlement de la", "consultation",
                 "Fourniture de compteurs d'eau",
                 "Objet : fourniture de compteurs d'eau. Montant estimé : 60 000 € HT. Date d'envoi de l'avis : "
                 "02/10/2026.", "Critères d'attribution",
                 "Les offres seront classées selon le prix et la qualité des compteurs."]])
    draft, result = check(data, "dce.pdf")
    assert draft.parts == ["RC"]
    assert next(p for p in draft.paragraphs if p.text.startswith("Les offres")).trail == ("criteres d'attribution",)
    assert "critere-sans-ponderation" in rules(result)


def test_pdf_page_header_above_the_part_title_is_not_the_object() -> None:
    """A one-page PDF keeps its page header (nothing repeats it): the line above the part's title names the buyer,
    not what is bought, so the object starts under the title."""
    data = pdf([["Centre communal d'action sociale de Lorme – DCE", "CAHIER DES CLAUSES ADMINISTRATIVES PARTICULIÈRES",
                 "Préparation et livraison de repas pour la résidence autonomie", "Article 1 – Objet",
                 "Montant estimé : 300 000 € HT. Date d'envoi de l'avis : 02/10/2026."]])
    _, result = check(data, "ccap.pdf")
    assert result.facts.object.startswith("Préparation et livraison de repas")
    assert "egalim-restauration-collective" in result.obligations


def test_pdf_symbol_font_bullets_open_list_items() -> None:
    """Word's bullets come out of a PDF as private-use code points of the Symbol font (U+F0B7): each opens an
    item, so that two items on following lines are not read as one paragraph."""
    draft = _pdf_paragraphs(["CCAP\nArticle 9 – Pénalités\n\uf0b7 retard de tonte : 120 € HT par jour ;\n"
                             "\uf0b7 absence du chef d'équipe : pénalité fixe ;"], "ccap.pdf")
    items = [p for p in draft.paragraphs if p.in_list]
    assert [p.text[2:] for p in items] == ["retard de tonte : 120 € HT par jour ;",
                                           "absence du chef d'équipe : pénalité fixe ;"]


def test_pdf_line_cut_after_a_hyphen_keeps_a_number_whole() -> None:
    """A word cut at the end of a line is joined; an article number broken at its own hyphen keeps it."""
    data = pdf([["CCAP", "Article 3 – Obligations sociales",
                 "Le prestataire produit, à la signature puis chaque semestre, les pièces prévues à l'article R. 1263-",
                 "12 du code du travail et le bordereau d'envoi des dé-", "chets."]])
    draft, _ = check(data, "ccap.pdf")
    assert any("R. 1263-12 du code du travail et le bordereau d'envoi des déchets." in p.text for p in draft.paragraphs)


def test_scanned_pdf_is_refused_in_french() -> None:
    with pytest.raises(DraftError, match=r"PDF sans texte .*numérisé"):
        read_draft(pdf([[], []]))


def _zip(entries: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return output.getvalue()


@pytest.mark.parametrize(("data", "error", "message"), [
    (b"Ceci n'est pas un document.", TemplateError, "Le projet n'est pas un document Word .docx"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), TemplateError, "Word 97-2003"),
    (_zip({"[Content_Types].xml": b"application/vnd.ms-word.document.macroEnabled.main+xml"}), TemplateError,
     "macros"),
    (_zip({"mimetype": b"application/vnd.oasis.opendocument.text"}), TemplateError, "OpenDocument"),
    (_zip({"[Content_Types].xml": b"x", "word/document.xml": bytes(30 * 1024 * 1024)}), TemplateTooLarge,
     "archive piégée"),
    (bytes(MAX_TEMPLATE_BYTES + 1), TemplateTooLarge, "taille maximale de 10 Mo"),
    (b"%PDF-1.4\n garbage", DraftError, "PDF endommagé"),
])
def test_refused_uploads(data: bytes, error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        read_draft(data)


@pytest.mark.parametrize(("text", "part"), [
    ("RÈGLEMENT DE LA CONSULTATION (RC)", "RC"),
    ("Pièce n° 3 – Cahier des clauses techniques particulières", "CCTP"),
    ("C.C.A.P.", "CCAP"),
    ("ACTE D'ENGAGEMENT", "AE"),
    ("Le règlement de la consultation fixe les règles.", None),
    ("Le présent CCAP complète le CCAG.", None),
    # the roman numeral of a part in a file holding the whole DCE; a line cut in the middle of a sentence
    ("II. – CAHIER DES CLAUSES TECHNIQUES PARTICULIÈRES", "CCTP"),
    ("IV – Acte d'engagement", "AE"),
    ("cahier des charges, délais,", None),
])
def test_part_titles(text: str, part: str | None) -> None:
    assert part_title(text) == part
