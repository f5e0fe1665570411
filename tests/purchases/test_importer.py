"""Reading the four file shapes into records, without a database."""

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from app.errors import InvalidInput
from app.purchases.importer import (
    NO_DAY_WITH_YEAR,
    PurchaseReader,
    PurchaseRecord,
    RecordError,
    clean_cpv,
    considerations,
    detect_format,
)

DATA = Path(__file__).parent.parent / "data"


def read(path: Path) -> tuple[str, list[PurchaseRecord], list[RecordError]]:
    with path.open("rb") as stream:
        reader = PurchaseReader(stream)
        items = list(reader)
    return (reader.format, [i for i in items if isinstance(i, PurchaseRecord)],
            [i for i in items if isinstance(i, RecordError)])


def read_bytes(data: bytes) -> list[PurchaseRecord | RecordError]:
    return list(PurchaseReader(io.BytesIO(data)))


@pytest.mark.parametrize(("name", "expected"), [
    ("exemple-2024-schema.json", "decp-2024"),
    ("exemple-2024-plat.json", "decp-2024"),
    ("exemple-2019.json", "decp-2019"),
    ("exemple-consolide.csv", "decp-consolide"),
    ("region-bretagne-2019-extrait.csv", "registre"),
])
def test_format_is_detected_from_content(name: str, expected: str) -> None:
    assert detect_format((DATA / name).read_bytes()[:4096]) == expected


@pytest.mark.parametrize(("head", "message"), [
    (b"", "Fichier vide."),
    (b"  \n ", "Fichier vide."),
    (b'{"records": []}', "JSON non reconnu : la clé « marches » des données essentielles (DECP) est absente."),
])
def test_unrecognised_files_are_refused(head: bytes, message: str) -> None:
    with pytest.raises(InvalidInput) as caught:
        detect_format(head)
    assert caught.value.detail == message


@pytest.mark.parametrize(("values", "social", "expected"), [
    (None, True, None),
    ([], True, None),
    (["Pas de considération sociale"], True, frozenset()),
    (["Sans objet"], False, frozenset()),
    (["Clause sociale", "Critère social"], True, frozenset({"Clause sociale", "Critère social"})),
    (["marché réservé"], True, frozenset({"Marché réservé"})),
    (["Critere environnemental", "Clause environnementale"], False,
     frozenset({"Critère environnemental", "Clause environnementale"})),
])
def test_considerations_keep_unknown_apart_from_none(
    values: list[str] | None, social: bool, expected: frozenset[str] | None
) -> None:
    assert considerations(values, social=social) == expected


@pytest.mark.parametrize(("values", "social", "message"), [
    (["Clause verte"], False, "considération environnementale inconnue : « Clause verte »"),
    (["Clause environnementale"], True, "considération sociale inconnue : « Clause environnementale »"),
    (["Pas de considération sociale", "Clause sociale"], True,
     "considérations sociales contradictoires : « Pas de considération sociale » avec Clause sociale"),
])
def test_bad_considerations_are_explained(values: list[str], social: bool, message: str) -> None:
    with pytest.raises(ValueError, match="^" + message + "$"):
        considerations(values, social=social)


@pytest.mark.parametrize(("raw", "expected"), [
    ("45262660", ("45262660", "45")),
    ("22113000-5", ("22113000", "22")),
    ("INX28213", ("INX28213", None)),
    ("", (None, None)),
    (None, (None, None)),
])
def test_cpv_drops_check_digit_and_keeps_malformed_codes(raw: str | None, expected: tuple[str | None, ...]) -> None:
    assert clean_cpv(raw) == expected


def test_both_2024_shapes_give_the_same_records() -> None:
    fmt_schema, schema, schema_errors = read(DATA / "exemple-2024-schema.json")
    fmt_flat, flat, flat_errors = read(DATA / "exemple-2024-plat.json")
    assert (fmt_schema, fmt_flat) == ("decp-2024", "decp-2024")
    assert schema_errors == flat_errors == []
    assert len(schema) == 50
    assert schema == flat
    raw = json.loads((DATA / "exemple-2024-schema.json").read_text(encoding="utf-8"))["marches"]["marche"][1]
    first = schema[1]
    assert first.key == (raw["acheteur"]["id"], raw["id"]) == ("29155217296010", "2025-11-0001")
    assert first.amount_cents == 4351942
    assert first.notified_on == date(2025, 9, 19)
    assert first.social == frozenset({"Clause sociale"})
    assert first.environmental == frozenset({"Clause environnementale", "Critère environnemental"})
    assert [h.holder_id for h in first.holders] == ["94393328373002"]


def test_2019_shape_has_names_but_no_considerations() -> None:
    fmt, records, errors = read(DATA / "exemple-2019.json")
    assert (fmt, len(records), errors) == ("decp-2019", 50, [])
    assert {r.social for r in records} == {None}
    assert {r.environmental for r in records} == {None}
    assert records[0].buyer_name == "Commune fictive A"
    assert records[0].holders[0].name == "TITULAIRE 9290"


def test_consolidated_csv_gives_one_record_per_contract_with_every_holder() -> None:
    with (DATA / "exemple-consolide.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    holders_by_key: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        holders_by_key.setdefault((row["acheteur_id"], row["id"]), []).append(row["titulaire_id"])
    fmt, records, errors = read(DATA / "exemple-consolide.csv")
    assert (fmt, errors) == ("decp-consolide", [])
    assert len(rows) == 57
    assert {r.key: [h.holder_id for h in r.holders] for r in records} == holders_by_key
    assert len(records) == len(holders_by_key) == 50
    assert any(len(h) == 2 for h in holders_by_key.values())
    none_row = next(r for r in records if r.key == ("26388534596688", "2025-11-0000"))
    assert (none_row.social, none_row.environmental) == (frozenset(), frozenset())


def test_region_ledger_is_read_with_french_formats() -> None:
    fmt, records, errors = read(DATA / "region-bretagne-2019-extrait.csv")
    assert fmt == "registre"
    assert len(records) == 74
    assert [(e.line, e.record, e.message) for e in errors] == [
        (13, "acheteur 23 350 001 600 040, marché 90023", NO_DAY_WITH_YEAR),
        (77, "acheteur 23 350 001 600 040, marché 90114", NO_DAY_WITH_YEAR),
    ]  # the « Année » column (2019) cannot date them: no day is invented, the officer is told what to do
    assert NO_DAY_WITH_YEAR == ("date de notification manquante (la colonne « Année » ne suffit pas : un marché "
                                "est daté et compté par le jour de sa notification ; reportez-le depuis le marché "
                                "notifié)")
    by_ref = {r.buyer_ref: r for r in records}
    first = by_ref["90001"]
    assert first.buyer_siret == "23350001600040"
    assert first.buyer_name == "Région Bretagne"
    assert (first.cpv, first.cpv_division) == ("22113000", "22")
    assert first.notified_on == date(2019, 1, 30)
    assert first.amount_cents == 4_000_000  # initial and modified empty: forecast amount
    assert first.nature == "Accord cadre"
    assert first.duration_months == 48
    assert (first.social, first.environmental) == (None, None)  # the ledger has no such column
    assert [(h.holder_id, h.id_type, h.name) for h in first.holders] == [
        ("79878508500035", "SIRET", "LE FORUM DU LIVRE")
    ]
    assert by_ref["90005"].amount_cents == 182_054_200  # "1 820 542,00"
    assert by_ref["90012"].amount_cents == 161_728_000  # initial 0,00: modified amount
    assert by_ref["90039"].amount_cents == 10_000_000  # 0,00 and 0,00: forecast amount
    assert by_ref["90057"].holders[0].holder_id is None  # "Non disponible" for a natural person
    assert by_ref["90057"].holders[0].name == "Tiers Physique"


def test_simple_ledger_without_id_gets_a_stable_derived_id() -> None:
    ledger = (
        "acheteur_siret;acheteur_nom;titulaire_siret;objet;cpv;montant_ht;date_notification;"
        "considerations_sociales;considerations_environnementales\n"
        "21350238800019;Commune fictive;12345678901234;Nettoyage des locaux;90919200;12 500,50;03/02/2025;"
        "Clause sociale;Sans objet\n"
    ).encode("cp1252")
    first, again = read_bytes(ledger), read_bytes(ledger)
    assert isinstance(first[0], PurchaseRecord)
    assert first == again
    record = first[0]
    assert record.buyer_ref.startswith("R-") and len(record.buyer_ref) == 16
    assert record.amount_cents == 1_250_050
    assert (record.social, record.environmental) == (frozenset({"Clause sociale"}), frozenset())


@pytest.mark.parametrize(("change", "message"), [
    ({"acheteur": {"id": "123"}}, "SIRET de l'acheteur invalide : « 123 » (14 chiffres attendus)"),
    ({"montant": "beaucoup"}, "« beaucoup » n'est pas un nombre"),
    ({"montant": -5}, "montant négatif : -5"),
    ({"dateNotification": "31/02/2025"},
     "date de notification invalide : « 31/02/2025 » (date qui n'existe pas, ou écrite autrement que AAAA-MM-JJ "
     "ou JJ/MM/AAAA)"),
    ({"dateNotification": None}, "date de notification manquante"),
    ({"id": ""}, "identifiant du marché (« id ») manquant"),
    ({"objet": " "}, "objet manquant"),
    ({"considerationsSociales": ["Clause solidaire"]}, "considération sociale inconnue : « Clause solidaire »"),
])
def test_invalid_json_record_is_named_with_reason(change: dict[str, object], message: str) -> None:
    record = {"id": "2025-001", "acheteur": {"id": "21350238800019"}, "objet": "Fournitures",
              "montant": 1000, "dateNotification": "2025-03-01", "titulaires": []} | change
    items = read_bytes(json.dumps({"marches": {"marche": [record]}}).encode())
    assert len(items) == 1 and isinstance(items[0], RecordError)
    assert items[0].message == message
    assert items[0].record.endswith("(enregistrement n° 1)")


def test_a_contract_notified_in_days_to_come_is_refused_in_every_shape() -> None:
    """A published contract has been notified: a later day (here the year typed 2205) would count it in a year not
    yet begun, so the record is refused with the day it reads; the day itself is accepted."""
    today = date(2025, 3, 1)
    record = {"id": "2025-001", "acheteur": {"id": "21350238800019"}, "objet": "Fournitures", "montant": 1000,
              "titulaires": []}
    said = ("date de notification à venir : 01/03/2205 (nous sommes le 01/03/2025 ; un marché est publié une fois "
            "notifié)")
    for day, expected in (("2205-03-01", said), ("2025-03-02", "02/03/2025"), ("2025-03-01", None)):
        data = json.dumps({"marches": {"marche": [record | {"dateNotification": day}]}}).encode()
        ledger = ("acheteur_siret;objet;montant_ht;date_notification\n"
                  f"21350238800019;Fournitures;1000;{day[8:]}/{day[5:7]}/{day[:4]}\n").encode()
        for content in (data, ledger):
            items = list(PurchaseReader(io.BytesIO(content), today=today))
            if expected is None:
                assert isinstance(items[0], PurchaseRecord) and items[0].notified_on == today
            else:
                assert isinstance(items[0], RecordError) and expected in items[0].message


def test_truncated_json_is_refused_as_a_whole() -> None:
    with pytest.raises(InvalidInput) as refused:
        read_bytes(b'{"marches": {"marche": [{"id": "1", "acheteur": {"id": "21350238800019"}')
    assert str(refused.value) == (
        "JSON mal formé : le fichier s'arrête avant la fin ou contient une erreur de syntaxe. Téléchargez-le de "
        "nouveau (un téléchargement interrompu tronque le fichier) ou vérifiez-le avec un validateur JSON.")


def test_csv_without_required_columns_is_refused() -> None:
    with pytest.raises(InvalidInput) as caught:
        read_bytes(b"acheteur_siret;objet\n21350238800019;Travaux\n")
    assert caught.value.detail.startswith("Colonnes obligatoires introuvables : montant, date de notification.")


def test_2019_concessions_are_ignored() -> None:
    data = {"marches": [
        {"_type": "Contrat de concession", "id": "C1", "autoriteConcedante": {"id": "21350238800019"}},
        {"_type": "Marché", "id": "M1", "acheteur": {"id": "21350238800019"}, "objet": "Travaux",
         "montant": 10, "dateNotification": "2019-05-01"},
    ]}
    reader = PurchaseReader(io.BytesIO(json.dumps(data).encode()))
    items = list(reader)
    assert [i.buyer_ref for i in items if isinstance(i, PurchaseRecord)] == ["M1"]
    assert reader.ignored == 1
