"""Write the evaluation drafts of the draft check (issue 17) into tests/data/drafts/, with expected.json.

Twenty-five RC, CCAP, CCTP, AE and whole consultation files written from scratch for this set: varied
structure (heading styles, typed numbers, Word automatic numbering, numbered and bulleted lists, tables,
headers and footers, text split across runs), some clean, some with several defects. ``expected.json``
lists, per draft, the findings a careful reviewer expects (rule, cited reference, a snippet of the
paragraph concerned) and the DECP values. Deterministic: running it twice writes the same bytes.

    .venv/bin/python scripts/make_drafts.py            # the 25 drafts
    .venv/bin/python scripts/make_drafts.py --long OUT  # also a 40-page CCAP (for the timing benchmark)
    .venv/bin/python scripts/make_drafts.py --blind     # the 68 blind drafts (scripts/blind_drafts.py)
"""

import argparse
import io
import json
import re
import zipfile
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import docx
from docx.document import Document
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Pt

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "drafts"
BLIND_OUT = ROOT / "tests" / "data" / "drafts-blind"
FIXED = datetime(2026, 11, 2, 9, 0, 0)
AUTO_NUM_ID = "90"

# A block: (kind, content). Kinds: title, h1, h2, h3, auto1, auto2 (Word-numbered headings), p, bold (a bold
# short line), list (bullets), numbered (Word numbered list), table (rows of cells), header, footer.
# In texts, "|" splits runs (the check must read across them) and "{{note:…}}" is a Word footnote (its call mark in the
# text, its words in the footnotes part).
Block = tuple[str, Any]


def _numbering(document: Document) -> None:
    """An "Article %1 –" / "%1.%2" automatic numbering, as many house templates have."""
    numbering = document.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{AUTO_NUM_ID}">'
        '<w:multiLevelType w:val="multilevel"/>'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="Article %1 –"/>'
        '<w:lvlJc w:val="left"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/>'
        '<w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
    )
    numbering.insert(0, abstract)
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{AUTO_NUM_ID}"><w:abstractNumId w:val="{AUTO_NUM_ID}"/></w:num>'
    ))


_NOTE = re.compile(r"\{\{note:(.*?)\}\}")
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def _runs(paragraph: Any, text: str, bold: bool = False, notes: list[str] | None = None) -> None:
    for position, chunk in enumerate(_NOTE.split(text)):
        if position % 2:  # a footnote: its call mark here, its text in ``notes``
            if notes is None:
                raise ValueError("footnote outside the body")
            notes.append(chunk)
            paragraph._p.append(parse_xml(
                f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
                f'<w:footnoteReference w:id="{len(notes)}"/></w:r>'
            ))
            continue
        for piece in chunk.split("|"):
            if piece:
                run = paragraph.add_run(piece)
                run.bold = bold or None


def _footnotes(document: Document, notes: list[str]) -> None:
    """The footnotes part (with Word's two separator notes) holding ``notes``, numbered from 1."""
    def note(number: int, body: str, kind: str = "") -> str:
        return f'<w:footnote w:id="{number}"{kind}>{body}</w:footnote>'

    separators = (note(-1, "<w:p><w:r><w:separator/></w:r></w:p>", ' w:type="separator"')
                  + note(0, "<w:p><w:r><w:continuationSeparator/></w:r></w:p>", ' w:type="continuationSeparator"'))
    texts = "".join(
        note(number, '<w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
                     f'<w:r><w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p>')
        for number, text in enumerate(notes, start=1)
    )
    xml = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:footnotes {nsdecls("w")}>'
           f"{separators}{texts}</w:footnotes>")
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, xml.encode("utf-8"), document.part.package)
    document.part.relate_to(part, RELATIONSHIP_TYPE.FOOTNOTES)


def _auto(paragraph: Any, level: int) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{AUTO_NUM_ID}"/></w:numPr>'
    ))


def build(blocks: Sequence[Block]) -> bytes:
    """The .docx of ``blocks`` (fixed metadata so that the bytes do not change between runs)."""
    document = docx.Document()
    document.styles["Normal"].font.size = Pt(10)
    if any(kind.startswith("auto") for kind, _ in blocks):
        _numbering(document)
    section = document.sections[0]
    notes: list[str] = []
    for kind, content in blocks:
        if kind == "header":
            _runs(section.header.paragraphs[0], content)
        elif kind == "footer":
            _runs(section.footer.paragraphs[0], content)
        elif kind == "title":
            _runs(document.add_paragraph(style="Title"), content)
        elif kind in ("h1", "h2", "h3"):
            _runs(document.add_paragraph(style=f"Heading {kind[1]}"), content)
        elif kind in ("auto1", "auto2"):
            paragraph = document.add_paragraph(style="Heading 1" if kind == "auto1" else "Heading 2")
            _auto(paragraph, int(kind[-1]) - 1)
            _runs(paragraph, content)
        elif kind == "bold":
            _runs(document.add_paragraph(), content, bold=True)
        elif kind == "p":
            _runs(document.add_paragraph(), content, notes=notes)
        elif kind in ("list", "numbered"):
            for item in content:
                _runs(document.add_paragraph(style="List Bullet" if kind == "list" else "List Number"), item)
        elif kind == "table":
            table = document.add_table(rows=len(content), cols=len(content[0]))
            table.style = "Table Grid"
            for row, cells in zip(table.rows, content, strict=True):
                for cell, text in zip(row.cells, cells, strict=True):
                    _runs(cell.paragraphs[0], text)
        else:
            raise ValueError(kind)
    if notes:
        _footnotes(document, notes)
    properties = document.core_properties
    properties.created = properties.modified = FIXED
    properties.author = properties.last_modified_by = "Service de la commande publique"
    output = io.BytesIO()
    document.save(output)
    return _stable(output.getvalue())


def _stable(data: bytes) -> bytes:
    """The package rewritten with fixed zip timestamps."""
    source = zipfile.ZipFile(io.BytesIO(data))
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=(2026, 11, 2, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(info, source.read(entry))
    return output.getvalue()


# --- reusable pieces of realistic drafts ----------------------------------------------------------

VIGILANCE_RC = ("Le candidat auquel il est envisagé d'attribuer le marché produit, dans le délai fixé par l'acheteur, "
                "les pièces prévues aux articles D8222-5 du code du travail : une attestation de fourniture des "
                "déclarations sociales et de paiement des cotisations délivrée par l'URSSAF datant de moins de six "
                "mois (attestation de vigilance) et un extrait K-bis.")
VIGILANCE_CCAP = ("Le titulaire remet à l'acheteur, lors de la conclusion du marché puis tous les six mois jusqu'à la "
                  "fin de son exécution, les documents mentionnés à l'article D8222-5 du code du travail.")
CCAG_FCS = ("Le cahier des clauses administratives générales applicable aux marchés de fournitures courantes et de "
            "services approuvé par l'arrêté du 30 mars 2021 (CCAG-FCS 2021).")
PENALTY_OK = ("En cas de retard dans l'exécution, le titulaire encourt, sans mise en demeure préalable, une pénalité "
              "de 150 € HT par jour calendaire de retard.")
ENV_NETTOYAGE = ("Les produits d'entretien utilisés sont titulaires de l'Ecolabel européen ou d'un label équivalent ; "
                 "tout autre moyen de preuve approprié est admis. Le titulaire réduit les emballages et trie les "
                 "déchets produits par ses interventions.")
INSERTION = ("Le titulaire réalise une action d'insertion professionnelle au profit de personnes éloignées de "
             "l'emploi : au moins |5 % des heures| travaillées pour l'exécution du marché leur sont réservées, avec "
             "l'appui du facilitateur de la clause sociale.")

DRAFTS: list[dict[str, Any]] = []


def draft(file: str, blocks: list[Block], expected: list[dict[str, str]], decp: dict[str, list[str]] | None = None,
          given: dict[str, Any] | None = None, into: list[dict[str, Any]] = DRAFTS) -> None:
    # The vigilance paragraphs are present considerations wherever they are used.
    for kind, content in blocks:
        if kind == "p" and content in (VIGILANCE_RC, VIGILANCE_CCAP):
            expected = [*expected, {"rule": "present-vigilance", "at": content[:60]}]
    into.append({"file": file, "blocks": blocks, "expected": expected, "decp": decp, "given": given or {}})


NONE_SOCIAL = ["Pas de considération sociale"]
NONE_ENV = ["Pas de considération environnementale"]

# 1. RC nettoyage: price and technical value only; ordonnance 2015-899 still quoted.
draft("01-rc-nettoyage.docx", [
    ("header", "Commune de Val-Fleuri – Marché n° 2026-031"),
    ("title", "RÈGLEMENT DE LA CONSULTATION (RC)"),
    ("p", "Nettoyage et entretien des locaux municipaux"),
    ("h1", "Article 1 – Objet de la consultation"),
    ("p", "La présente consultation porte sur le nettoyage des locaux de l'hôtel de ville, de la médiathèque et "
          "des deux groupes scolaires. Le montant estimé du marché est de 180 000 € HT sur quatre ans."),
    ("h1", "Article 2 – Cadre juridique"),
    ("p", "La consultation est passée selon la procédure adaptée prévue par l'|ordonnance n° 2015-899| du 23 juillet "
          "2015 et ses textes d'application. Date d'envoi de l'avis à la publication : 15/09/2026."),
    ("h1", "Article 3 – Jugement des offres"),
    ("p", "Les offres sont classées selon les critères pondérés suivants :"),
    ("table", [["Critère", "Pondération"], ["Prix des prestations", "60 %"], ["Valeur technique", "40 %"]]),
    ("h1", "Article 4 – Pièces à produire par l'attributaire"),
    ("p", VIGILANCE_RC),
], [
    {"rule": "environnement-critere-manquant"},
    {"rule": "reference-perimee", "ref": "Ord. 2015-899", "at": "ordonnance n° 2015-899"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": NONE_ENV})

# 2. CCAP nettoyage, clean.
draft("02-ccap-nettoyage-propre.docx", [
    ("header", "CCAP – Nettoyage des locaux municipaux"),
    ("title", "Cahier des clauses administratives particulières"),
    ("h1", "Article 1 – Objet du marché"),
    ("p", "Le présent marché a pour objet le nettoyage des locaux municipaux. Montant estimé : 180 000 € HT. "
          "Date d'envoi de l'avis : 15/09/2026."),
    ("h1", "Article 2 – Pièces contractuelles"),
    ("list", ["L'acte d'engagement ;", "Le présent CCAP ;", "Le CCTP ;", CCAG_FCS]),
    ("h1", "Article 9 – Conditions d'exécution"),
    ("h2", "9.1 Condition environnementale"),
    ("p", ENV_NETTOYAGE),
    ("h2", "9.2 Clause d'insertion"),
    ("p", INSERTION),
    ("h1", "Article 10 – Obligations sociales du titulaire"),
    ("p", VIGILANCE_CCAP),
    ("h1", "Article 11 – Pénalités"),
    ("p", PENALTY_OK),
    ("p", "Le non-respect de l'engagement d'insertion donne lieu à une pénalité de 40 € HT par heure non réalisée."),
], [
    {"rule": "present-clause-environnementale", "at": "Ecolabel européen"},
    {"rule": "present-insertion", "at": "5 % des heures"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# 3. CCAP restauration scolaire à bons de commande: result obligation, penalty without amount, art. 14 split.
draft("03-ccap-restauration-bons-de-commande.docx", [
    ("header", "CCAP – Restauration scolaire"),
    ("title", "CAHIER DES CLAUSES ADMINISTRATIVES PARTICULIÈRES"),
    ("p", "Fourniture et livraison de repas en liaison froide pour la restauration scolaire"),
    ("h1", "ARTICLE 1 : OBJET ET FORME DU MARCHÉ"),
    ("p", "Le marché est un accord-cadre à bons de commande passé en application des articles R2162-13 et R2162-14 du "
          "code de la commande publique. Son montant maximum est de 450 000 € HT. Date d'envoi de l'avis à la "
          "publication : 02/10/2026."),
    ("h1", "ARTICLE 5 : QUALITÉ DES DENRÉES"),
    ("p", "Conformément à l'article 14 du |code des marchés| publics, le titulaire garantit qu'au moins 50 % en "
          "valeur des denrées livrées sont des produits durables et de qualité, dont 20 % de produits issus de "
          "l'agriculture biologique."),
    ("p", "En cas de manquement à cette obligation, des pénalités pourront être appliquées par l'acheteur."),
    ("h1", "ARTICLE 6 : LIVRAISONS"),
    ("p", "Les repas sont livrés chaque jour avant 10 h 30 dans les offices désignés par bon de commande."),
], [
    {"rule": "reference-perimee", "ref": "CMP 2006 art. 14", "at": "code des marchés publics"},
    {"rule": "obligation-resultat-bons-de-commande", "at": "au moins 50 % en valeur"},
    {"rule": "penalite-sans-montant", "at": "des pénalités pourront"},
    {"rule": "present-egalim", "at": "au moins 50 % en valeur"},
    {"rule": "social-condition-manquante"},
    {"rule": "vigilance-documents-manquants"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# 4. CCTP véhicules: no low-emission requirement, workshop nearby.
draft("04-cctp-vehicules.docx", [
    ("title", "CCTP"),
    ("p", "Acquisition de véhicules utilitaires légers pour les services techniques"),
    ("h1", "1. Objet"),
    ("p", "Le présent cahier des clauses techniques particulières définit les caractéristiques des trois véhicules "
          "utilitaires légers à livrer (fourgons de 3 m³). Montant estimé : 120 000 € HT."),
    ("h1", "2. Caractéristiques des véhicules"),
    ("numbered", ["Charge utile d'au moins 800 kg ;", "Cloison de séparation tôlée ;", "Attelage et galerie de toit ;",
                  "Garantie constructeur de trois ans au minimum."]),
    ("h1", "3. Service après-vente"),
    ("p", "Le titulaire doit disposer d'un atelier agréé situé à moins de 20 km de la mairie afin d'assurer "
          "l'entretien des véhicules."),
], [
    {"rule": "environnement-condition-manquante"},
    {"rule": "flotte-vehicules-manquante"},
    {"rule": "preference-locale", "at": "moins de 20 km"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": NONE_ENV})

# 5. Whole file for works: RC + CCAP + CCTP.
draft("05-dce-travaux-ecole.docx", [
    ("title", "Règlement de la consultation"),
    ("p", "Rénovation énergétique de l'école élémentaire Jules-Ferry"),
    ("h1", "1 – Objet"),
    ("p", "La consultation porte sur des travaux de rénovation énergétique. Le marché de travaux est estimé à "
          "850 000 € HT. Date d'envoi de l'avis : 20/09/2026."),
    ("p", "Elle est régie par le |décret n° 2016-360| du 25 mars 2016 relatif aux marchés publics."),
    ("h1", "2 – Critères d'attribution"),
    ("list", ["Prix : 40 %", "Valeur technique : 50 %", "Performance en matière de protection de l'environnement "
              "(gestion des déchets de chantier, émissions) : 10 %"]),
    ("h1", "3 – Pièces de l'attributaire"),
    ("p", VIGILANCE_RC),
    ("title", "Cahier des clauses administratives particulières"),
    ("h1", "Article 1 – Documents contractuels"),
    ("p", "Le |CCAG Travaux 2009| s'applique pour tout ce qui n'est pas réglé par le présent CCAP."),
    ("h1", "Article 2 – Gestion des déchets"),
    ("p", "Le titulaire établit un schéma d'organisation et de gestion des déchets (SOGED) et assure le tri des "
          "déchets du chantier en cinq flux au moins."),
    ("h1", "Article 3 – Pénalités"),
    ("p", "Pour tout retard, une pénalité de 300 € HT par jour est appliquée."),
    ("p", VIGILANCE_CCAP),
    ("title", "Cahier des clauses techniques particulières"),
    ("h1", "Article 1 – Menuiseries extérieures"),
    ("p", "Les menuiseries extérieures sont en bois. Le bois mis en œuvre doit être certifié FSC."),
    ("h1", "Article 2 – Isolation"),
    ("p", "L'isolation des combles atteint une résistance thermique R ≥ 7 m².K/W."),
], [
    {"rule": "reference-perimee", "ref": "Décret 2016-360", "at": "décret n° 2016-360"},
    {"rule": "reference-perimee", "ref": "CCAG-Travaux 2009", "at": "CCAG Travaux 2009"},
    {"rule": "label-sans-equivalent", "at": "certifié FSC"},
    {"rule": "present-critere-environnemental", "at": "protection de l'environnement"},
    {"rule": "present-clause-environnementale", "at": "SOGED"},
    {"rule": "present-clause-environnementale", "at": "certifié FSC"},
], {"considerationsSociales": NONE_SOCIAL,
    "considerationsEnvironnementales": ["Clause environnementale", "Critère environnemental"]})

# 6. RC fournitures de bureau, MAPA: criteria without weighting.
draft("06-rc-fournitures-bureau.docx", [
    ("title", "Règlement de consultation"),
    ("p", "Fourniture de papier et de fournitures de bureau"),
    ("h2", "Objet"),
    ("p", "Objet : fourniture de papier, d'enveloppes et de petites fournitures de bureau pour les services "
          "municipaux. Montant estimé : 35 000 € HT. Date d'envoi de l'avis : 01/09/2026."),
    ("h2", "Critères de jugement des offres"),
    ("p", "Les offres seront jugées sur le prix et la qualité des produits proposés."),
    ("h2", "Remise des offres"),
    ("p", "Les offres sont remises sur le profil d'acheteur avant le 30 septembre 2026 à 12 h."),
], [
    {"rule": "critere-sans-ponderation", "at": "jugées sur le prix"},
    {"rule": "environnement-critere-manquant"},
    {"rule": "vigilance-documents-manquants"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": NONE_ENV})

# 7. CCAP espaces verts: ISO 14001 of the company, repealed L8222-6 penalty.
draft("07-ccap-espaces-verts.docx", [
    ("header", "Ville de Saint-Orme – CCAP espaces verts"),
    ("title", "C.C.A.P."),
    ("h1", "Article 1 – Objet"),
    ("p", "Le présent marché de services a pour objet l'entretien des espaces verts communaux. Montant estimé : "
          "250 000 € HT. Date d'envoi de l'avis à la publication : 12/11/2026."),
    ("h1", "Article 4 – Exécution"),
    ("p", "L'entretien est réalisé sans produits phytosanitaires de synthèse (zéro phyto), par désherbage "
          "mécanique ou thermique."),
    ("p", "Le titulaire réalise au moins 1 200 heures d'insertion au profit de personnes éloignées de l'emploi."),
    ("p", "Le titulaire justifie d'une politique environnementale de l'entreprise certifiée ISO 14001."),
    ("h1", "Article 5 – Travail dissimulé"),
    ("p", VIGILANCE_CCAP),
    ("p", "En application de l'article L. 8222-6 du code du travail, une pénalité est infligée au titulaire qui ne "
          "s'acquitte pas de ses obligations ; son montant est égal à 10 % du montant du contrat."),
], [
    {"rule": "politique-generale", "at": "politique environnementale"},
    {"rule": "label-sans-equivalent", "at": "ISO 14001"},
    {"rule": "reference-perimee", "ref": "C. trav. L8222-6 (rédaction 2011)", "at": "L. 8222-6"},
    {"rule": "present-clause-environnementale", "at": "zéro phyto"},
    {"rule": "present-insertion", "at": "1 200 heures"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# 8. RC informatique: RSE criterion, CMP art. 53.
draft("08-rc-informatique.docx", [
    ("title", "RÈGLEMENT DE LA CONSULTATION"),
    ("p", "Fourniture d'ordinateurs portables et de stations d'accueil"),
    ("h1", "ARTICLE 1 – OBJET"),
    ("p", "Le présent marché a pour objet la fourniture de 400 ordinateurs portables. Montant estimé : "
          "300 000 € HT. Date d'envoi de l'avis à la publication : 05/10/2026."),
    ("h1", "ARTICLE 2 – CRITÈRES DE CHOIX"),
    ("p", "Conformément à l'article 53 du CMP, l'offre économiquement la plus avantageuse est appréciée selon les "
          "critères suivants :"),
    ("table", [["Critère", "Pondération"], ["Prix", "50 %"],
               ["Performance environnementale des équipements (consommation d'énergie, réparabilité)", "20 %"],
               ["Valeur technique", "15 %"], ["Performance RSE de l'entreprise", "15 %"]]),
    ("h1", "ARTICLE 3 – ATTRIBUTION"),
    ("p", VIGILANCE_RC),
], [
    {"rule": "reference-perimee", "ref": "CMP 2006 art. 53", "at": "article 53 du CMP"},
    {"rule": "politique-generale", "at": "Performance RSE"},
    {"rule": "present-critere-environnemental", "at": "Performance environnementale des équipements"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Critère environnemental"]})

# 9. CCAP transport scolaire: low-emission coaches, no insertion.
draft("09-ccap-transport-scolaire.docx", [
    ("title", "CCAP"),
    ("p", "Transport scolaire des élèves de la commune par autocar"),
    ("h1", "Article 1 – Objet du marché"),
    ("p", "Le marché porte sur le transport scolaire quotidien des élèves des écoles de la commune. Montant estimé : "
          "600 000 € HT sur quatre ans. Date d'envoi de l'avis : 03/11/2026."),
    ("h1", "Article 6 – Véhicules"),
    ("p", "Les autocars affectés au marché sont électriques ou classés Crit'Air 1 ; le titulaire forme ses "
          "conducteurs à l'éco-conduite."),
    ("h1", "Article 12 – Pénalités"),
    ("p", "Chaque retard de plus de dix minutes donne lieu à une pénalité de 200 € HT."),
    ("p", "Les pénalités sont appliquées selon les modalités de l'article 12 ci-dessus."),
], [
    {"rule": "social-condition-manquante"},
    {"rule": "vigilance-documents-manquants"},
    {"rule": "present-flotte", "at": "Crit'Air"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# 10. CCTP vêtements de travail: Oeko-Tex without equivalent, made in France.
draft("10-cctp-vetements.docx", [
    ("title", "Cahier des clauses techniques particulières (CCTP)"),
    ("p", "Fourniture de vêtements de travail pour les agents des services techniques"),
    ("h2", "1. Objet"),
    ("p", "Le marché porte sur la fourniture de vêtements de travail (pantalons, vestes, polos). Montant estimé : "
          "90 000 € HT."),
    ("h2", "2. Exigences"),
    ("list", ["Les textiles doivent être certifiés Oeko-Tex Standard 100.",
              "Les vêtements sont exempts de substances dangereuses au sens du règlement REACH.",
              "Les vêtements sont fabriqués en France."]),
], [
    {"rule": "label-sans-equivalent", "at": "Oeko-Tex"},
    {"rule": "preference-locale", "at": "fabriqués en France"},
    {"rule": "present-clause-environnementale", "at": "substances dangereuses"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# 11. Clean RC + CCAP, green spaces.
draft("11-dce-espaces-verts-propre.docx", [
    ("title", "Règlement de la consultation"),
    ("p", "Entretien des espaces verts et des cimetières"),
    ("h1", "Article 1 – Objet"),
    ("p", "La consultation porte sur l'entretien des espaces verts. Montant estimé : 150 000 € HT. Date d'envoi de "
          "l'avis à la publication : 06/10/2026."),
    ("h1", "Article 2 – Jugement des offres"),
    ("numbered", ["Prix : 50 points ;", "Valeur technique : 35 points ;",
                  "Performance environnementale (gestion différenciée, matériel électrique) : 15 points."]),
    ("h1", "Article 3 – Attribution"),
    ("p", VIGILANCE_RC),
    ("title", "CCAP"),
    ("h1", "Article 1 – Documents applicables"),
    ("p", CCAG_FCS),
    ("h1", "Article 2 – Conditions d'exécution"),
    ("p", "Le titulaire applique une gestion différenciée, n'emploie aucun produit phytosanitaire de synthèse et "
          "valorise les déchets verts par compostage."),
    ("h1", "Article 3 – Pénalités"),
    ("p", PENALTY_OK),
    ("p", VIGILANCE_CCAP),
], [
    {"rule": "present-critere-environnemental", "at": "Performance environnementale"},
    {"rule": "present-clause-environnementale", "at": "gestion différenciée"},
], {"considerationsSociales": NONE_SOCIAL,
    "considerationsEnvironnementales": ["Clause environnementale", "Critère environnemental"]})

# 12. CCAP gardiennage with Word automatic numbering; CCAG 2009 in the footer; placeholder penalty.
draft("12-ccap-gardiennage-numerotation.docx", [
    ("header", "CCAP – Gardiennage des bâtiments communaux"),
    ("footer", "Document établi d'après le CCAG-FCS de 2009 – page 1"),
    ("title", "Cahier des clauses administratives particulières"),
    ("auto1", "Objet"),
    ("p", "Le marché a pour objet le gardiennage et la surveillance des bâtiments communaux. Montant estimé : "
          "240 000 € HT. Date d'envoi de l'avis : 10/10/2026."),
    ("auto1", "Exécution"),
    ("auto2", "Horaires"),
    ("p", "Les rondes sont effectuées chaque nuit entre 20 h et 6 h."),
    ("auto2", "Clause d'insertion"),
    ("p", "Le titulaire réserve |5 %| des heures travaillées à des personnes en insertion professionnelle."),
    ("auto1", "Obligations sociales"),
    ("p", VIGILANCE_CCAP),
    ("auto1", "Pénalités"),
    ("p", "Tout manquement à la clause d'insertion entraîne une pénalité dont le montant est fixé à [à compléter] "
          "par heure non réalisée."),
], [
    {"rule": "reference-perimee", "ref": "CCAG-FCS 2009", "at": "CCAG-FCS de 2009"},
    {"rule": "environnement-condition-manquante"},
    {"rule": "penalite-sans-montant", "at": "[à compléter]"},
    {"rule": "present-insertion", "at": "des heures travaillées"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": NONE_ENV})

# 13. RC with price as sole criterion, décret du 25 mars 2016.
draft("13-rc-prix-seul.docx", [
    ("title", "RÈGLEMENT DE CONSULTATION"),
    ("p", "Fourniture de sel de déneigement"),
    ("bold", "1. OBJET"),
    ("p", "Le marché porte sur la fourniture de 300 tonnes de sel de déneigement. Montant estimé : 60 000 € HT. "
          "Date d'envoi de l'avis : 30/09/2026."),
    ("bold", "2. PROCÉDURE"),
    ("p", "Procédure adaptée en application du décret du 25 mars 2016 relatif aux marchés publics."),
    ("bold", "3. CRITÈRE D'ATTRIBUTION"),
    ("p", "Le seul critère d'attribution est le prix (100 %)."),
    ("bold", "4. PIÈCES DE L'ATTRIBUTAIRE"),
    ("p", VIGILANCE_RC),
], [
    {"rule": "reference-perimee", "ref": "Décret 2016-360", "at": "décret du 25 mars 2016"},
    {"rule": "environnement-critere-manquant"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": NONE_ENV})

# 14. RC launched before 21 August 2026: only the outdated CCAG.
draft("14-rc-avant-aout-2026.docx", [
    ("title", "Règlement de la consultation"),
    ("p", "Nettoyage des vitres des bâtiments communaux"),
    ("h1", "Article 1 – Objet"),
    ("p", "Le marché porte sur le nettoyage des vitres. Montant estimé : 80 000 € HT. Date d'envoi de l'avis à la "
          "publication : 12/05/2026."),
    ("h1", "Article 2 – Documents"),
    ("p", "Le marché est soumis au CCAG de 2009 applicable aux fournitures courantes et services."),
    ("h1", "Article 3 – Critère"),
    ("p", "L'offre retenue est la moins chère : le prix est le critère unique (100 %)."),
    ("h1", "Article 4 – Attribution"),
    ("p", VIGILANCE_RC),
], [
    {"rule": "reference-perimee", "ref": "CCAG 2009", "at": "CCAG de 2009"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": NONE_ENV})

# 15. Clean catering CCAP: EGalim as means obligation, insertion, vigilance.
draft("15-ccap-restauration-propre.docx", [
    ("title", "CCAP"),
    ("p", "Fourniture de repas pour la restauration scolaire et le portage à domicile"),
    ("h1", "Article 1 – Objet"),
    ("p", "Accord-cadre à bons de commande de fourniture de repas pour la restauration scolaire. Montant maximum : "
          "500 000 € HT. Date d'envoi de l'avis : 14/10/2026."),
    ("h1", "Article 7 – Produits durables et de qualité"),
    ("p", "Le titulaire propose pour chaque famille de denrées des références de produits durables et de qualité au "
          "sens de l'article L230-5-1 du code rural, dont des produits biologiques, et les livre lorsqu'elles sont "
          "commandées. L'acheteur vise, sur l'année civile, au moins 50 % de produits durables et de qualité dont "
          "20 % de produits biologiques ; le titulaire rend compte chaque trimestre des parts atteintes."),
    ("h1", "Article 8 – Insertion"),
    ("p", INSERTION),
    ("h1", "Article 9 – Vigilance"),
    ("p", VIGILANCE_CCAP),
], [
    {"rule": "present-egalim", "at": "produits durables et de qualité"},
    {"rule": "present-insertion", "at": "5 % des heures"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# 16. CCTP informatique: EPEAT required, TCO with equivalent.
draft("16-cctp-informatique.docx", [
    ("title", "CCTP – Matériel informatique"),
    ("p", "Fourniture de postes de travail informatiques"),
    ("h1", "Article 1 – Objet"),
    ("p", "Fourniture de 150 postes de travail et écrans. Montant estimé : 140 000 € HT."),
    ("h1", "Article 2 – Exigences environnementales"),
    ("p", "Les postes de travail doivent être enregistrés EPEAT niveau Gold."),
    ("p", "Les écrans sont certifiés TCO Certified ou équivalent ; tout autre moyen de preuve est accepté."),
    ("p", "La consommation d'énergie en veille est inférieure à 0,5 W."),
], [
    {"rule": "label-sans-equivalent", "at": "EPEAT"},
    {"rule": "present-clause-environnementale", "at": "EPEAT niveau Gold"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# 17. CCAP gymnase above the EU works threshold: no social clause, several outdated references.
draft("17-ccap-gymnase.docx", [
    ("title", "CAHIER DES CLAUSES ADMINISTRATIVES PARTICULIÈRES"),
    ("p", "Construction d'un gymnase intercommunal"),
    ("h1", "ARTICLE 1 – OBJET"),
    ("p", "Le marché de travaux porte sur la construction d'un gymnase. Montant estimé : 6 000 000 € HT. Date "
          "d'envoi de l'avis à la publication : 01/10/2026."),
    ("h1", "ARTICLE 2 – RÉFÉRENCES"),
    ("p", "Le marché est passé conformément à l'ordonnance n° 2015-899 du 23 juillet 2015 relative aux marchés "
          "publics et aux articles 14 et 53 du CMP, ainsi qu'à la directive 2004/18/CE."),
    ("h1", "ARTICLE 3 – DÉCHETS DE CHANTIER"),
    ("p", "Le titulaire remet un SOGED et assure la traçabilité des déchets jusqu'à leur valorisation."),
    ("h1", "ARTICLE 4 – VIGILANCE"),
    ("p", VIGILANCE_CCAP),
], [
    {"rule": "reference-perimee", "ref": "Ord. 2015-899", "at": "ordonnance n° 2015-899"},
    {"rule": "reference-perimee", "ref": "CMP 2006 art. 14", "at": "articles 14 et 53 du CMP"},
    {"rule": "reference-perimee", "ref": "CMP 2006 art. 53", "at": "articles 14 et 53 du CMP"},
    {"rule": "reference-perimee", "ref": "Directive 2004/18/CE", "at": "directive 2004/18/CE"},
    {"rule": "social-condition-manquante"},
    {"rule": "present-clause-environnementale", "at": "SOGED"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# 18. RC with a local bonus; sub-criteria without weights under weighted criteria (no weighting finding).
draft("18-rc-bonus-local.docx", [
    ("title", "Règlement de la consultation"),
    ("p", "Maintenance des installations de chauffage des bâtiments communaux"),
    ("h1", "Article 1 – Objet"),
    ("p", "La consultation porte sur la maintenance des chaufferies. Date d'envoi de l'avis : 08/10/2026."),
    ("h1", "Article 5 – Critères d'attribution"),
    ("numbered", ["Prix : 45 % ;", "Valeur technique : 40 %, appréciée au regard des sous-critères suivants :"]),
    ("list", ["moyens humains affectés au marché ;", "délai d'intervention en cas de panne ;",
              "qualité de la méthodologie de maintenance."]),
    ("numbered", ["Performance en matière de protection de l'environnement (réduction des consommations "
                  "d'énergie) : 15 %."]),
    ("p", "Une bonification de 5 points est accordée aux entreprises implantées dans le département."),
    ("h1", "Article 6 – Attribution"),
    ("p", VIGILANCE_RC),
], [
    {"rule": "preference-locale", "at": "bonification de 5 points"},
    {"rule": "present-critere-environnemental", "at": "Performance en matière de protection"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Critère environnemental"]})

# 19. CCAP papier à bons de commande: share of ordered products, penalty without amount, no vigilance.
draft("19-ccap-papier-bons-de-commande.docx", [
    ("title", "CCAP"),
    ("p", "Fourniture de papier pour les services"),
    ("h1", "Article 1 – Objet"),
    ("p", "Accord-cadre à bons de commande de fourniture de papier. Montant maximum : 70 000 € HT. Date d'envoi de "
          "l'avis : 21/10/2026."),
    ("h1", "Article 4 – Caractéristiques"),
    ("p", "Le titulaire s'engage à ce qu'au moins 40 % des produits commandés soient en papier recyclé."),
    ("h1", "Article 5 – Pénalités"),
    ("p", "Tout retard de livraison donnera lieu à l'application de pénalités."),
], [
    {"rule": "obligation-resultat-bons-de-commande", "at": "40 % des produits commandés"},
    {"rule": "penalite-sans-montant", "at": "Tout retard de livraison"},
    {"rule": "vigilance-documents-manquants"},
    {"rule": "present-clause-environnementale", "at": "papier recyclé"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# 20. AE alone: an old CMP article.
draft("20-ae-ancien-cmp.docx", [
    ("title", "ACTE D'ENGAGEMENT"),
    ("p", "Marché de maintenance des ascenseurs"),
    ("h1", "Article 1 – Contractant"),
    ("p", "Je soussigné, après avoir pris connaissance du CCAP et du CCTP, m'engage à exécuter les prestations aux "
          "conditions ci-après. Montant : 24 000 € HT par an."),
    ("h1", "Article 2 – Déclaration"),
    ("p", "Le candidat déclare sur l'honneur ne pas tomber sous le coup des interdictions de soumissionner prévues à "
          "l'article 43 du code des marchés publics."),
], [
    {"rule": "reference-perimee", "ref": "CMP 2006", "at": "article 43 du code des marchés publics"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": NONE_ENV})

# 21. CCTP entretien des bâtiments: one label without equivalent, one with.
draft("21-cctp-entretien-batiments.docx", [
    ("title", "CCTP"),
    ("p", "Travaux d'entretien courant des bâtiments communaux – lot peinture"),
    ("h1", "1 – Peintures"),
    ("p", "Les peintures intérieures portent l'Ecolabel européen ou tout label équivalent ; leur teneur en COV est "
          "indiquée dans la fiche technique."),
    ("h1", "2 – Nettoyage de fin de chantier"),
    ("p", "Les produits de nettoyage sont obligatoirement labellisés |NF Environnement|."),
    ("h1", "3 – Déchets"),
    ("p", "Les pots vides et les déchets de peinture sont évacués vers une filière agréée avec bordereau de suivi ; "
          "le tri des déchets est assuré sur place."),
], [
    {"rule": "label-sans-equivalent", "at": "NF Environnement"},
    {"rule": "present-clause-environnementale", "at": "Ecolabel européen"},
    {"rule": "present-clause-environnementale", "at": "tri des déchets"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# 22. CCAP with a penalty table: one row without amount.
draft("22-ccap-tableau-penalites.docx", [
    ("title", "CCAP"),
    ("p", "Collecte et évacuation des encombrants"),
    ("h1", "Article 1 – Objet"),
    ("p", "Le marché de services porte sur la collecte des encombrants. Montant estimé : 300 000 € HT. Date d'envoi "
          "de l'avis : 16/10/2026."),
    ("h1", "Article 8 – Clause d'insertion"),
    ("p", "Le titulaire réserve au moins 3 % des heures de travail nécessaires à l'exécution du marché à des "
          "demandeurs d'emploi de longue durée."),
    ("h1", "Article 9 – Environnement"),
    ("p", "Le titulaire réduit les emballages et valorise au moins 60 % des encombrants collectés par réemploi ou "
          "recyclage."),
    ("h1", "Article 10 – Pénalités"),
    ("table", [["Manquement", "Pénalité"], ["Retard de collecte", "100 € HT par jour de retard"],
               ["Non-respect de la clause d'insertion", "Une pénalité sera appliquée"]]),
    ("h1", "Article 11 – Vigilance"),
    ("p", VIGILANCE_CCAP),
], [
    {"rule": "penalite-sans-montant", "at": "Une pénalité sera appliquée"},
    {"rule": "present-insertion", "at": "3 % des heures"},
    {"rule": "present-clause-environnementale", "at": "réduit les emballages"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# 23. CCAP produits d'entretien before August 2026: orders share, label, no vigilance.
draft("23-ccap-produits-entretien.docx", [
    ("title", "CCAP"),
    ("p", "Fourniture de produits d'entretien"),
    ("h1", "Article 1 – Objet"),
    ("p", "Accord-cadre à bons de commande pour la fourniture de produits d'entretien. Montant maximum : "
          "50 000 € HT. Date d'envoi de l'avis à la publication : 1er juillet 2026."),
    ("h1", "Article 3 – Qualité"),
    ("p", "Les produits doivent porter l'Ecolabel européen."),
    ("p", "Le titulaire s'engage à ce que 80 % des produits livrés soient écolabellisés."),
], [
    {"rule": "label-sans-equivalent", "at": "doivent porter l'Ecolabel"},
    {"rule": "obligation-resultat-bons-de-commande", "at": "80 % des produits livrés"},
    {"rule": "vigilance-documents-manquants"},
    {"rule": "present-clause-environnementale", "at": "Ecolabel"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# 24. Clean RC (TIC services).
draft("24-rc-services-numeriques-propre.docx", [
    ("title", "Règlement de la consultation"),
    ("p", "Maintenance et hébergement du site internet de la commune"),
    ("h1", "1. Objet"),
    ("p", "La consultation porte sur la maintenance et l'hébergement du site internet. Montant estimé : 90 000 € HT. "
          "Date d'envoi de l'avis : 01/12/2026. Le marché se réfère au CCAG-TIC 2021."),
    ("h1", "2. Critères d'attribution"),
    ("table", [["Critère", "Pondération"], ["Prix", "50 %"], ["Valeur technique", "35 %"],
               ["Performance environnementale de l'hébergement (efficacité énergétique, écoconception)", "15 %"]]),
    ("p", "Seules sont appréciées les mesures propres à l'exécution du présent marché ; la politique générale de "
          "l'entreprise n'est pas notée."),
    ("h1", "3. Pièces de l'attributaire"),
    ("p", VIGILANCE_RC),
], [
    {"rule": "present-critere-environnemental", "at": "Performance environnementale de l'hébergement"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Critère environnemental"]})

# 25. Whole consultation file, restauration of a care home, several defects across parts.
draft("25-dce-restauration-ehpad.docx", [
    ("header", "Centre communal d'action sociale – DCE restauration"),
    ("title", "Pièce n° 1 – Règlement de la consultation"),
    ("p", "Préparation et livraison de repas pour l'EHPAD et le portage à domicile"),
    ("h1", "Article 1 – Objet"),
    ("p", "Le marché de services porte sur la fourniture de repas pour la restauration collective de l'EHPAD. "
          "Montant estimé : 400 000 € HT. Date d'envoi de l'avis : 09/11/2026."),
    ("h1", "Article 2 – Critères"),
    ("list", ["Prix : 40 %", "Qualité gustative et nutritionnelle des repas : 30 %",
              "Part de produits locaux et régionaux dans les menus : 30 %"]),
    ("title", "Pièce n° 2 – CCAP"),
    ("h1", "Article 1 – Pièces contractuelles"),
    ("p", "CCAP, CCTP et |CCAG-FCS approuvé par l'arrêté du 19 janvier 2009|."),
    ("h1", "Article 2 – Exécution"),
    ("p", "Les repas sont confectionnés dans la cuisine centrale du titulaire et livrés en liaison froide."),
    ("p", "Le titulaire réserve 4 % des heures de production à des personnes en parcours d'insertion "
          "professionnelle."),
], [
    {"rule": "preference-locale", "at": "produits locaux"},
    {"rule": "environnement-critere-manquant"},
    {"rule": "reference-perimee", "ref": "CCAG-FCS 2009", "at": "19 janvier 2009"},
    {"rule": "egalim-parts-manquantes"},
    {"rule": "environnement-condition-manquante"},
    {"rule": "vigilance-documents-manquants"},
    {"rule": "present-insertion", "at": "4 % des heures"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": NONE_ENV})


def long_ccap(pages: int = 40) -> list[Block]:
    """A CCAP of about ``pages`` pages (about 550 words a page): many ordinary articles and a few defects."""
    blocks: list[Block] = [("header", "CCAP – Accord-cadre de travaux d'entretien des bâtiments"),
                           ("title", "Cahier des clauses administratives particulières"),
                           ("p", "Travaux d'entretien et de grosses réparations des bâtiments communaux")]
    filler = ("Le titulaire exécute les prestations conformément aux règles de l'art, aux normes en vigueur et aux "
              "prescriptions du cahier des clauses techniques particulières. Il informe le maître d'ouvrage de toute "
              "difficulté rencontrée et propose les mesures propres à y remédier dans un délai de cinq jours. Les "
              "ordres de service sont notifiés par voie électronique et précisent le délai d'exécution de chaque "
              "intervention ainsi que le lieu et les conditions d'accès aux bâtiments concernés.")
    article = 0
    while sum(len(text) for kind, text in blocks if kind == "p") < pages * 3300:
        article += 1
        blocks.append(("h1", f"Article {article} – Stipulations particulières n° {article}"))
        for sub in range(1, 4):
            blocks.append(("h2", f"{article}.{sub} Modalités d'exécution"))
            blocks.append(("p", filler))
            blocks.append(("p", filler.replace("cinq", "dix")))
        if article % 10 == 3:
            blocks.append(("p", "Conformément à l'article 14 du code des marchés publics, des pénalités pourront être "
                                "appliquées."))
        if article % 10 == 7:
            blocks.append(("list", ["Prix : 60 %", "Valeur technique : 40 %"]))
    return blocks


def write(out: Path = OUT, drafts: list[dict[str, Any]] = DRAFTS) -> list[dict[str, Any]]:
    """Write ``drafts`` and their expected.json into ``out``; returns the expected entries."""
    out.mkdir(parents=True, exist_ok=True)
    entries = []
    for item in drafts:
        (out / item["file"]).write_bytes(build(item["blocks"]))
        entries.append({key: item[key] for key in ("file", "given", "expected", "decp")})
    (out / "expected.json").write_text(json.dumps({"drafts": entries}, ensure_ascii=False, indent=1) + "\n",
                                       encoding="utf-8")
    return entries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, help=f"default: {OUT} ({BLIND_OUT} with --blind)")
    parser.add_argument("--blind", action="store_true", help="write the blind drafts instead (scripts/blind_drafts.py)")
    parser.add_argument("--long", type=Path, help="also write a 40-page CCAP to this path")
    args = parser.parse_args()
    out = args.out or (BLIND_OUT if args.blind else OUT)
    if args.blind:
        from blind_drafts import BLIND

        entries = write(out, BLIND)
    else:
        entries = write(out)
    print(f"{len(entries)} projets écrits dans {out}")
    if args.long:
        args.long.write_bytes(build(long_ccap()))
        print(f"CCAP de 40 pages écrit dans {args.long}")


if __name__ == "__main__":
    main()
