"""Indicators: the shared samples against exemple-expected.json and a by-hand computation, and a small
fixture where every indicator is worked out by hand (SQLite and PostgreSQL)."""

import csv
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from app.purchases.models import HolderIn, PurchaseIn
from app.purchases.service import import_purchases, record_purchase
from app.reports.indicators import compute_indicators, iter_contracts, perimeter
from app.suppliers.models import Supplier, SupplierLabel

DATA = Path(__file__).parent.parent / "data"
EXPECTED = json.loads((DATA / "exemple-expected.json").read_text(encoding="utf-8"))
SOCIAL = {"Clause sociale", "Critère social", "Marché réservé"}
ENVIRONMENTAL = {"Clause environnementale", "Critère environnemental"}


def raw_contracts(name: str) -> dict[tuple[str, str], tuple[Decimal, str, set[str], set[str]]]:
    """(buyer, id) -> (amount, notification date, social values, environmental values), read by hand."""
    path = DATA / name
    found: dict[tuple[str, str], tuple[Decimal, str, set[str], set[str]]] = {}
    if name.endswith(".csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                found[(row["acheteur_id"], row["id"])] = (
                    Decimal(row["montant"]), row["dateNotification"],
                    set(row["considerationsSociales"].split(", ")),
                    set(row["considerationsEnvironnementales"].split(", ")),
                )
        return found
    for c in json.loads(path.read_text(encoding="utf-8"), parse_float=Decimal)["marches"]["marche"]:
        social, environmental = c["considerationsSociales"], c["considerationsEnvironnementales"]
        if isinstance(social, dict):
            social, environmental = social["considerationSociale"], environmental["considerationEnvironnementale"]
        found[(c["acheteur"]["id"], c["id"])] = (Decimal(c["montant"]), c["dateNotification"], set(social),
                                                 set(environmental))
    return found


def by_hand(contracts: dict[tuple[str, str], tuple[Decimal, str, set[str], set[str]]], year: int,
            buyer: str | None) -> dict[str, Any]:
    chosen = [(amount, s & SOCIAL, e & ENVIRONMENTAL) for (b, _), (amount, day, s, e) in contracts.items()
              if day.startswith(str(year)) and buyer in (None, b)]
    total = sum((c[0] for c in chosen), Decimal(0))
    result: dict[str, Any] = {"contracts": len(chosen), "amount_eur": float(total)}
    for side, test in (("social", lambda c: c[1]), ("environmental", lambda c: c[2]),
                       ("any", lambda c: c[1] or c[2])):
        hit = [c for c in chosen if test(c)]
        amount = sum((c[0] for c in hit), Decimal(0))
        result[side] = {"count": len(hit), "amount_eur": float(amount), "share_count": len(hit) / len(chosen),
                        "share_amount": float(amount / total)}
    return result


def assert_same(actual: dict[str, Any], expected: dict[str, Any]) -> None:
    assert actual["contracts"] == expected["contracts"]
    assert actual["amount_eur"] == pytest.approx(expected["amount_eur"], abs=0.001)
    for side in ("social", "environmental", "any"):
        got, want = actual[side], expected[side]
        assert got["count"] == want["count"], side
        assert got["amount_eur"] == pytest.approx(want["amount_eur"], abs=0.001), side
        assert got["share_count"] == pytest.approx(want["share_count"], rel=1e-12), side
        assert got["share_amount"] == pytest.approx(want["share_amount"], rel=1e-12), side


@pytest.mark.parametrize("name", ["exemple-2024-schema.json", "exemple-2024-plat.json", "exemple-consolide.csv"])
def test_samples_give_the_expected_indicators(engine: Engine, name: str) -> None:
    with Session(engine) as session, (DATA / name).open("rb") as stream:
        import_purchases(session=session, stream=stream, filename=name, actor="tests")
    contracts = raw_contracts(name)
    perimeters = [(None, EXPECTED["all"]), *EXPECTED["by_buyer"].items()]
    with Session(engine) as session:
        for buyer, years in perimeters:
            for year_text, expected in years.items():
                year = int(year_text)
                actual = compute_indicators(session, year=year, buyer=buyer)
                assert (actual["year"], actual["buyer"]) == (expected["year"], expected["buyer"])
                assert_same(actual, expected)
                assert_same(actual, by_hand(contracts, year, buyer))
                assert actual["social"]["unreported"] == 0


def test_samples_by_buyer_add_up_to_the_territory(engine: Engine) -> None:
    with Session(engine) as session, (DATA / "exemple-consolide.csv").open("rb") as stream:
        import_purchases(session=session, stream=stream, filename="exemple-consolide.csv", actor="tests")
    with Session(engine) as session:
        territory = compute_indicators(session, year=2025)
    assert [b["buyer"] for b in territory["by_buyer"]] == sorted(EXPECTED["by_buyer"])
    for entry in territory["by_buyer"]:
        assert_same(entry, EXPECTED["by_buyer"][entry["buyer"]]["2025"])
    assert {b["buyer_name"] for b in territory["by_buyer"]} == {
        "Commune fictive A", "Commune fictive B", "Syndicat intercommunal fictif"}


def test_2019_shape_reports_unknown_not_none(engine: Engine) -> None:
    with Session(engine) as session, (DATA / "exemple-2019.json").open("rb") as stream:
        import_purchases(session=session, stream=stream, filename="exemple-2019.json", actor="tests")
        result = compute_indicators(session, year=2025)
    assert (result["contracts"], result["amount_eur"]) == (33, 91548495.15)
    for side in ("social", "environmental", "any"):
        assert result[side] == {"count": None, "amount_eur": None, "share_count": None, "share_amount": None,
                                "unreported": 33}
    assert set(result["by_kind"].values()) == {None}
    assert result["targets"]["social"]["met"] is None
    assert result["targets"]["environmental"]["missing_contracts"] is None


# ---------------------------------------------------------------------------------------------
# A small territory where every indicator is worked out by hand
# ---------------------------------------------------------------------------------------------

A, B = "21000000000001", "21000000000002"
SIAE, ESAT, FIRM, GONE, UNKNOWN = ("30000000000001", "30000000000002", "30000000000003", "30000000000004",
                                   "30000000000005")


def add(session: Session, buyer: str, ref: str, amount: str, notified: str, social: list[str] | None,
        environmental: list[str] | None, holders: list[str], **more: Any) -> None:
    record_purchase(session=session, actor="tests", data=PurchaseIn(
        buyer_siret=buyer, buyer_name={A: "Commune A", B: "Syndicat B"}[buyer], buyer_ref=ref,
        object=f"Objet {ref}", amount_eur=Decimal(amount), notified_on=date.fromisoformat(notified),
        considerations_sociales=social, considerations_environnementales=environmental,
        holders=[HolderIn(holder_id=h) for h in holders], **more,
    ))


@pytest.fixture
def territory(engine: Engine) -> Engine:
    with Session(engine) as session:
        for siret, kind in ((SIAE, "SIAE-EI"), (ESAT, "ESAT"), (FIRM, "entreprise"), (GONE, "SIAE-ACI")):
            session.add(Supplier(siret=siret, siren=siret[:9], name=f"Fournisseur {kind}", kind=kind,
                                 deleted_at=datetime(2025, 1, 1, tzinfo=UTC) if siret == GONE else None))
        session.flush()
        session.add(SupplierLabel(supplier_siret=SIAE, label="Fairtrade/Max Havelaar",
                                  valid_from=date(2025, 1, 1), valid_until=date(2025, 12, 31)))
        session.add(SupplierLabel(supplier_siret=FIRM, label="Écolabel européen", valid_from=date(2025, 6, 1)))
        session.add(SupplierLabel(supplier_siret=GONE, label="Écolabel européen"))
        session.commit()
        add(session, A, "0", "2000", "2024-06-01", ["Clause sociale"], ["Clause environnementale"], [FIRM])
        add(session, A, "1", "1000", "2025-03-01", ["Clause sociale"], ["Pas de considération environnementale"],
            [SIAE], cpv="45000000", nature="Marché", fair_trade_amount_eur=Decimal("200"))
        add(session, A, "2", "3000", "2025-07-01", ["Marché réservé"], ["Critère environnemental"], [ESAT, GONE],
            cpv="90910000-9", nature="Marché")
        add(session, A, "3", "500.50", "2025-05-15", ["Pas de considération sociale"],
            ["Clause environnementale", "Critère environnemental"], [FIRM], cpv="30192000", nature="Marché")
        add(session, B, "1", "10000", "2025-09-01", ["Critère social", "Clause sociale"],
            ["Pas de considération environnementale"], [FIRM], cpv="INX28213", nature="Accord-cadre")
        add(session, B, "2", "250.25", "2025-12-31", None, None, [UNKNOWN], cpv="79800000", nature="Marché")
        add(session, B, "3", "4000", "2025-02-10", ["Pas de considération sociale"],
            ["Pas de considération environnementale"], [SIAE, ESAT], cpv="45230000", nature="Marché")
    return engine


def block(count: int | None, amount: float | None, contracts: int, total: float, unreported: int) -> dict[str, Any]:
    return {"count": count, "amount_eur": amount, "share_count": count / contracts if count is not None else None,
            "share_amount": amount / total if amount is not None else None, "unreported": unreported}


def test_every_indicator_by_hand(territory: Engine) -> None:
    with Session(territory) as session:
        result = compute_indicators(session, year=2025)
    total = 1000 + 3000 + 500.50 + 10000 + 250.25 + 4000
    assert (result["year"], result["buyer"], result["contracts"], result["amount_eur"]) == (2025, None, 6, total)
    # B/2 reports nothing: unknown on both sides; B/3 says "none" on both sides.
    assert result["social"] == pytest.approx(block(3, 14000, 6, total, 1))  # A/1, A/2 (réservé), B/1
    assert result["environmental"] == pytest.approx(block(2, 3500.50, 6, total, 1))  # A/2, A/3
    assert result["any"] == pytest.approx(block(4, 14500.50, 6, total, 1))  # A/1, A/2, A/3, B/1
    assert result["by_kind"] == {"Clause sociale": 2, "Critère social": 1, "Marché réservé": 1,
                                 "Clause environnementale": 1, "Critère environnemental": 2}

    buyers = {b["buyer"]: b for b in result["by_buyer"]}
    assert list(buyers) == [A, B]
    assert buyers[A]["buyer_name"] == "Commune A"
    assert (buyers[A]["contracts"], buyers[A]["amount_eur"]) == (3, 4500.50)
    assert buyers[A]["social"] == pytest.approx(block(2, 4000, 3, 4500.50, 0))
    assert buyers[A]["environmental"] == pytest.approx(block(2, 3500.50, 3, 4500.50, 0))
    assert (buyers[B]["contracts"], buyers[B]["amount_eur"]) == (3, 14250.25)
    assert buyers[B]["social"] == pytest.approx(block(1, 10000, 3, 14250.25, 1))
    assert buyers[B]["environmental"] == pytest.approx(block(0, 0, 3, 14250.25, 1))

    assert [(d["division"], d["contracts"], d["amount_eur"]) for d in result["by_cpv_division"]] == [
        (None, 1, 10000), ("45", 2, 5000), ("90", 1, 3000), ("30", 1, 500.50), ("79", 1, 250.25)]
    assert result["by_cpv_division"][1]["label"] == "Travaux de construction"
    assert result["by_cpv_division"][0]["label"] == "Code CPV absent ou mal formé"
    assert [(c["category"], c["contracts"], c["amount_eur"]) for c in result["by_category"]] == [
        ("fournitures", 1, 500.50), ("services", 2, 3250.25), ("travaux", 2, 5000), (None, 1, 10000)]
    assert [(n["nature"], n["contracts"]) for n in result["by_nature"]] == [("Accord-cadre", 1), ("Marché", 5)]

    inclusive = result["inclusive_suppliers"]  # A/1 (SIAE), A/2 (ESAT; the deleted SIAE does not count), B/3
    assert (inclusive["count"], inclusive["amount_eur"]) == (3, 8000)
    assert inclusive["share_count"] == pytest.approx(0.5)
    assert inclusive["share_amount"] == pytest.approx(8000 / total)
    assert [(k["kind"], k["count"], k["amount_eur"]) for k in inclusive["by_kind"]] == [
        ("ESAT", 2, 7000), ("SIAE-EI", 2, 5000)]
    assert inclusive["registry_coverage"] == {"count": 5, "share_count": pytest.approx(5 / 6)}  # all but B/2
    labels = result["labels"]  # fair trade valid for A/1 and B/3; the ecolabel starts after A/3, before B/1
    assert (labels["commerce-equitable"]["count"], labels["commerce-equitable"]["amount_eur"]) == (2, 5000)
    assert (labels["environnement"]["count"], labels["environnement"]["amount_eur"]) == (1, 10000)
    assert result["fair_trade"] == pytest.approx({"contracts": 1, "amount_eur": 200, "share_amount": 200 / total})

    assert result["targets"]["social"] == {"target": 0.3, "share_count": 0.5, "met": True, "missing_contracts": 0}
    assert result["targets"]["environmental"] == {"target": 1.0, "share_count": pytest.approx(2 / 6), "met": False,
                                                  "missing_contracts": 4}
    assert [(t["year"], t["contracts"], t["social"]["count"]) for t in result["trend"]] == [(2024, 1, 1), (2025, 6, 3)]
    obligation = result["environmental_obligation"]
    assert (obligation["applies"], obligation["total"], obligation["items"]) == (False, 0, [])


def test_one_buyer_only_sees_its_contracts(territory: Engine) -> None:
    with Session(territory) as session:
        result = compute_indicators(session, year=2025, buyer=A)
    assert (result["buyer"], result["buyer_name"], result["contracts"], result["amount_eur"]) == (
        A, "Commune A", 3, 4500.50)
    assert result["inclusive_suppliers"]["count"] == 2  # A/1, A/2
    assert [t["year"] for t in result["trend"]] == [2024, 2025]


@pytest.mark.parametrize(("contracts", "social", "met", "missing"), [
    (10, 3, True, 0),  # exactly 30 %: 0.3 * 10 is 3.0000000000000004 in floats
    (10, 2, False, 1),
    (7, 3, True, 0),  # 30 % of 7 is 2.1: 3 contracts are needed
    (7, 2, False, 1),
])
def test_targets_are_compared_in_whole_contracts(engine: Engine, contracts: int, social: int, met: bool,
                                                 missing: int) -> None:
    with Session(engine) as session:
        for i in range(contracts):
            add(session, A, f"T{i}", "100", "2025-04-01", ["Clause sociale"] if i < social else ["Sans objet"],
                ["Clause environnementale"], [])
        result = compute_indicators(session, year=2025)
    assert (result["targets"]["social"]["met"], result["targets"]["social"]["missing_contracts"]) == (met, missing)
    assert result["targets"]["environmental"]["met"] is True


def test_environmental_obligation_uses_the_launch_date_when_known(engine: Engine) -> None:
    with Session(engine) as session:
        none, env = ["Sans objet"], ["Clause environnementale"]
        add(session, A, "C1", "100", "2026-09-01", none, none, [])  # launch unknown: notification decides
        add(session, A, "C2", "200", "2026-10-01", none, none, [], launched_on=date(2026, 5, 1))  # launched before
        add(session, A, "C3", "300", "2026-06-01", none, none, [])  # notified before
        add(session, B, "C4", "400", "2026-12-01", none, env, [], launched_on=date(2026, 8, 21))  # compliant
        add(session, B, "C5", "500", "2026-11-15", None, None, [], launched_on=date(2026, 9, 1))  # not reported
        result = compute_indicators(session, year=2026)
    obligation = result["environmental_obligation"]
    assert (obligation["applies"], obligation["total"], obligation["unreported"], obligation["to_check"]) == (
        True, 2, 1, 1)
    assert [(i["buyer_ref"], i["status"], i["to_check"], i["launched_on"]) for i in obligation["items"]] == [
        ("C1", "sans considération", True, None), ("C5", "non renseigné", False, "2026-09-01")]


def test_contracts_listed_one_by_one_with_their_holders_in_order(territory: Engine) -> None:
    with Session(territory) as session:
        add(session, B, "4", "100", "2025-12-31", ["Clause sociale"], ["Pas de considération environnementale"], [])
        where = perimeter(session)
        listed = [(c["buyer"][-1] + "/" + c["buyer_ref"], c["holders"], c["inclusive"], c["kinds"], c["social"])
                  for c in iter_contracts(session, 2025, where)]
    assert listed == [
        ("2/3", [SIAE, ESAT], True, [], False),
        ("1/1", [SIAE], True, ["Clause sociale"], True),
        ("1/3", [FIRM], False, ["Clause environnementale", "Critère environnemental"], False),
        ("1/2", [ESAT, GONE], True, ["Marché réservé", "Critère environnemental"], True),  # GONE: deleted
        ("2/1", [FIRM], False, ["Clause sociale", "Critère social"], True),
        ("2/2", [UNKNOWN], False, [], None),
        ("2/4", [], False, ["Clause sociale"], True),
    ]


def test_contracts_listed_the_same_with_an_older_libpq(territory: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without libpq 17 (no chunked streaming), PostgreSQL reads the contracts through a server cursor."""
    with Session(territory) as session:
        streamed = list(iter_contracts(session, 2025, perimeter(session)))
    monkeypatch.setattr("app.bulk.psycopg.capabilities.has_stream_chunked", lambda: False)
    with Session(territory) as session:
        fetched = list(iter_contracts(session, 2025, perimeter(session)))
    assert fetched == streamed and len(streamed) == 6


def test_a_listing_read_in_part_leaves_the_session_usable(engine: Engine, tmp_path: Path) -> None:
    """A reader that stops early (PostgreSQL cancels the streamed query, still sending its rows) can go on
    using its session."""
    contracts = [{"id": f"M{n}", "acheteur": {"id": A}, "objet": f"Marché n° {n} " + "x" * 200, "montant": 1000,
                  "dateNotification": "2025-03-01",
                  "titulaires": [{"titulaire": {"id": FIRM, "typeIdentifiant": "SIRET"}}],
                  "considerationsSociales": ["Clause sociale"],
                  "considerationsEnvironnementales": ["Pas de considération environnementale"]} for n in range(20_000)]
    path = tmp_path / "many.json"
    path.write_text(json.dumps({"marches": {"marche": contracts}}), encoding="utf-8")
    with Session(engine) as session, path.open("rb") as stream:
        import_purchases(session=session, stream=stream, filename=path.name, actor="tests")
    with Session(engine) as session:
        listing = iter_contracts(session, 2025, perimeter(session))
        first = next(listing)
        listing.close()
        assert first["buyer"] == A
        assert compute_indicators(session, year=2025)["contracts"] == 20_000


def test_contracts_csv_written_by_the_database_is_the_listing_formatted_in_python(
        territory: Engine, tmp_path: Path) -> None:
    """The contracts CSV's text comes from SQL (SQLite's rows, PostgreSQL's COPY): byte for byte what formatting
    ``iter_contracts`` in Python gives, with a quote, a separator and a line break in an object, amounts under one
    euro and over a million, holders without a name or an id, two holders in their published order, and no holder
    at all."""
    from app.reports.render import CONTRACTS_CSV_HEADER, write_contracts_csv, yes_no

    with Session(territory) as session:
        for ref, text, amount, holders in (
            ("5", 'Entretien « A ; B »\n"C"', "0.5", [HolderIn(holder_id=FIRM), HolderIn(holder_id=SIAE)]),
            ("6", "Sans titulaire", "1234567.05", []),
            ("7", "Titulaires sans nom", "12", [HolderIn(holder_id=None, name=None),
                                                 HolderIn(holder_id=ESAT, name="")]),
        ):
            record_purchase(session=session, actor="tests", data=PurchaseIn(
                buyer_siret=B, buyer_ref=ref, object=text, amount_eur=Decimal(amount), notified_on=date(2025, 7, 1),
                considerations_sociales=None, considerations_environnementales=None, holders=holders,
            ))
        where = perimeter(session)
        expected = tmp_path / "expected.csv"
        with expected.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle, delimiter=";")
            writer.writerow(CONTRACTS_CSV_HEADER)
            for c in iter_contracts(session, 2025, where):
                writer.writerow([c["buyer"], c["buyer_name"] or "", c["buyer_ref"], c["object"], c["notified_on"],
                                 f"{c['amount_eur']:.2f}".replace(".", ","), c["cpv"] or "", c["nature"] or "",
                                 yes_no(c["social"]), yes_no(c["environmental"]), ", ".join(c["kinds"]),
                                 ", ".join(c["holders"]), yes_no(c["inclusive"])])
        written = tmp_path / "written.csv"
        write_contracts_csv(session.connection(), 2025, where, written)
    assert written.read_bytes() == expected.read_bytes()
    assert b'"Entretien \xc2\xab A ; B \xc2\xbb\n""C"""' in written.read_bytes() and b";0,50;" in written.read_bytes()
