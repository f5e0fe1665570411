"""Reading and checking registry files, without a database: encodings, separators, aliases, reasons."""

import io
import zipfile
from datetime import date, datetime

import openpyxl
import pytest
from stdnum import luhn

from app.errors import InvalidInput
from app.suppliers.importer import RowParser, decode, normalise_cpv, parse_zone, read_table
from app.suppliers.labels import (
    INCLUSIVE_KINDS,
    INSERTION_KINDS,
    LABELS,
    canonical_kind,
    canonical_label,
    labels_in,
)

from .conftest import make_csv, make_siret

TODAY = date(2026, 11, 28)


def parse_file(data: bytes) -> tuple[RowParser, list[tuple[int, object, list, list]]]:
    table = read_table(data)
    parser = RowParser(table.headers, TODAY)
    return parser, [(line, *parser.parse(line, cells)) for line, cells in table.rows]


@pytest.mark.parametrize(("text", "expected"), [
    ("Max Havelaar", "Fairtrade/Max Havelaar"),
    ("fairtrade / max havelaar", "Fairtrade/Max Havelaar"),
    ("ECOLABEL EUROPEEN", "Écolabel européen"),
    ("AB", "Bio/AB"),
    ("Imprim Vert", "Imprim'Vert"),
    ("agri-éthique france", "Agri-Éthique"),
    ("label rfar", "Label RFAR"),
    ("Label inventé", None),
])
def test_label_spellings_map_to_the_maintained_list(text: str, expected: str | None) -> None:
    assert canonical_label(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("SIAE-EI", "SIAE-EI"), ("EI", "SIAE-EI"), ("Entreprise d'insertion", "SIAE-EI"),
    ("atelier et chantier d'insertion", "SIAE-ACI"), ("Association intermédiaire", "SIAE-AI"),
    ("etti", "SIAE-ETTI"), ("Entreprise adaptée", "EA"), ("ESAT", "ESAT"), ("Scop", "SCOP"),
    ("association", "association"), ("Entreprise", "entreprise"), ("SIAE", None), ("Startup", None),
])
def test_kind_spellings(text: str, expected: str | None) -> None:
    assert canonical_kind(text) == expected


def test_kind_sets_follow_the_issue() -> None:
    assert {"SIAE-EI", "SIAE-ACI", "SIAE-AI", "SIAE-ETTI", "SIAE-EITI", "GEIQ", "EA", "EATT", "ESAT"} == INCLUSIVE_KINDS
    assert {"SIAE-EI", "SIAE-ACI", "SIAE-AI", "SIAE-ETTI", "GEIQ", "EA", "EATT", "ESAT"} == INSERTION_KINDS
    assert {"Fairtrade/Max Havelaar", "WFTO", "SPP", "Fair for Life", "Biopartenaire", "Agri-Éthique"} <= labels_in(
        "commerce-equitable"
    )
    assert set(LABELS.values()) == {"commerce-equitable", "environnement", "social", "qualite"}


@pytest.mark.parametrize(("data", "expected"), [
    ("Sénart".encode(), "Sénart"),
    ("\ufeffSénart".encode(), "Sénart"),
    ("Sénart – l’œuvre".encode("cp1252"), "Sénart – l’œuvre"),
    ("Sénart".encode("utf-16"), "Sénart"),
])
def test_decode_detects_the_encoding(data: bytes, expected: str) -> None:
    assert decode(data) == expected


def test_french_excel_file_in_windows_1252_with_semicolons() -> None:
    header = ["N° SIRET", "Raison sociale", "Type de structure", "CP", "Ville", "Activités CPV", "Labels"]
    data = make_csv(
        [[make_siret(1), "Régie de l'Œuvre « Sénart »", "Entreprise d'insertion", "77176", "Savigny-le-Temple",
          "77310000-6|90910000", "Écolabel européen:2027-06-30|Bio"]],
        header, encoding="cp1252",
    )
    parser, rows = parse_file(data)
    assert parser.missing == []
    [(line, record, errors, warnings)] = rows
    assert (line, errors, warnings) == (2, [], [])
    assert record.siret == make_siret(1)
    assert record.values["name"] == "Régie de l'Œuvre « Sénart »"
    assert record.values["kind"] == "SIAE-EI"
    assert record.values["departement"] == "77"  # derived from the postcode
    assert [(a.cpv_prefix, a.reach, a.areas) for a in record.activities] == [
        ("7731", "departements", ["77"]), ("9091", "departements", ["77"])
    ]
    assert [(lab.label, lab.valid_until) for lab in record.labels] == [
        ("Écolabel européen", date(2027, 6, 30)), ("Bio/AB", None)
    ]
    assert record.raw["Raison sociale"] == "Régie de l'Œuvre « Sénart »"


def test_comma_separated_utf8_bom_file() -> None:
    data = make_csv([[make_siret(2), "Café, Thé & Co", "entreprise", "91000", "Évry", "158", ""]],
                    sep=",", encoding="utf-8-sig")
    _, [(_, record, errors, _)] = parse_file(data)
    assert errors == []
    assert record.values["name"] == "Café, Thé & Co"
    assert record.values["commune"] == "Évry"


def test_each_bad_cell_is_named_with_its_line_and_reason() -> None:
    good, bad_key = make_siret(3), make_siret(4)[:-1] + str((int(make_siret(4)[-1]) + 1) % 10)
    data = make_csv([
        [good, "Bonne structure", "ESAT", "77000", "Melun", "7731", ""],
        [bad_key, "Clé fausse", "ESAT", "77000", "Melun", "7731", ""],
        ["1234", "Trop court", "Startup", "7700", "Melun", "77x", "Label inventé|FSC:31/02/2027"],
        ["", "", "", "", "", "", ""],
        [make_siret(5)[1:], "Zéro perdu", "EA", "", "", "", "FSC:2020-01-31"],
    ])
    _, rows = parse_file(data)
    issues = {(line, e.column, e.message) for line, _, errors, _ in rows for e in errors}
    assert (3, "siret", "SIRET invalide : clé de contrôle incorrecte (algorithme de Luhn)") in issues
    assert (4, "siret", "SIRET invalide : 14 chiffres attendus, 4 reçus") in issues
    assert any(i[:2] == (4, "type") and "« Startup »" in i[2] and "SIAE-EI" in i[2] for i in issues)
    assert (4, "activites_cpv", "code CPV invalide « 77x » : 2 à 8 chiffres attendus") in issues
    assert any(i[:2] == (4, "labels") and "« Label inventé »" in i[2] for i in issues)
    assert any(i[:2] == (4, "labels") and "date invalide « 31/02/2027 » : date qui n'existe pas, ou écrite "
               "autrement que AAAA-MM-JJ ou JJ/MM/AAAA" in i[2] for i in issues)
    lost_zero = "SIRET invalide : 14 chiffres attendus, 13 reçus (zéro initial perdu par le tableur ?)"
    assert (6, "siret", lost_zero) in issues
    assert not any(line == 2 for line, *_ in issues)
    # The postcode lost its leading zero in a spreadsheet: "7700" is read as 07700.
    assert rows[0][1] is not None and rows[1][1] is None


def test_past_end_of_validity_is_accepted_but_flagged() -> None:
    data = make_csv([[make_siret(6), "Ancien label", "entreprise", "", "", "", "FSC:2025-01-31|PEFC:2030-01-01"]])
    _, [(_, record, errors, warnings)] = parse_file(data)
    assert errors == []
    assert [(w.line, w.column, w.message) for w in warnings] == [(2, "labels", "FSC : validité terminée le 31/01/2025")]
    assert {lab.label for lab in record.labels} == {"FSC", "PEFC"}


def test_line_numbers_count_physical_lines_of_multiline_cells() -> None:
    data = make_csv([
        [make_siret(7), "Nom\nsur deux lignes", "EA", "", "", "", ""],
        ["42", "Mauvais", "EA", "", "", "", ""],
    ])
    _, rows = parse_file(data)
    assert [(line, bool(errors)) for line, _, errors, _ in rows] == [(2, False), (4, True)]


def test_missing_required_columns_are_listed() -> None:
    parser = RowParser(["Raison sociale", "Ville"], TODAY)
    assert parser.missing == ["siret", "type"]


def test_xlsx_numbers_get_their_leading_zeros_back() -> None:
    siren = "01234567" + luhn.calc_check_digit("01234567")
    siret = siren + "0001" + luhn.calc_check_digit(siren + "0001")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["SIRET", "Dénomination", "Type", "Code postal", "Engagement OIT"])
    sheet.append([int(siret), "Structure de l'Ain", "EA", 1000, datetime(2025, 3, 1)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    _, [(line, record, errors, _)] = parse_file(buffer.getvalue())
    assert (line, errors) == (2, [])
    assert record.siret == siret
    assert record.values["postcode"] == "01000"
    assert record.values["departement"] == "01"
    assert record.values["ilo_commitment_on"] == date(2025, 3, 1)


def test_a_zip_that_is_no_workbook_is_refused_in_french() -> None:
    word = io.BytesIO()
    with zipfile.ZipFile(word, "w") as archive:  # a Word document renamed .xlsx: a zip without a workbook
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    with pytest.raises(InvalidInput) as refused:
        read_table(word.getvalue())
    assert str(refused.value).startswith("Classeur .xlsx illisible : ce fichier compressé n'est pas un classeur "
                                         "Excel valide (un document Word renommé, par exemple). Ouvrez-le dans Excel")
    assert "workbook" not in str(refused.value)


@pytest.mark.parametrize(("code", "prefix"), [
    ("45210000-2", "4521"), ("45000000", "45"), ("03000000-1", "03"), ("7731", "7731"), ("30197000", "30197"),
])
def test_cpv_codes_become_prefixes(code: str, prefix: str) -> None:
    assert normalise_cpv(code) == prefix


@pytest.mark.parametrize(("cell", "departement", "expected"), [
    ("", "77", ("departements", ("77",))),
    ("", None, ("national", ())),
    ("national", "77", ("national", ())),
    ("Région", "91", ("region", ("11",))),
    ("77|91", "77", ("departements", ("77", "91"))),
    ("Melun|Dammarie-les-Lys", "77", ("communes", ("Melun", "Dammarie-les-Lys"))),
])
def test_zone_of_intervention(cell: str, departement: str | None, expected: tuple[str, tuple[str, ...]]) -> None:
    assert parse_zone(cell, departement) == expected


def test_zone_mixing_communes_and_departements_is_refused() -> None:
    with pytest.raises(ValueError, match="mélange"):
        parse_zone("77|Melun", "77")
