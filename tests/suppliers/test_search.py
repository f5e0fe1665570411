"""Searching the registry: fuzzy names (typos, accents, plurals) and filters, over the API."""

from datetime import date, timedelta

import pytest
from fastapi.testclient import TestClient

from app.suppliers.search import NameIndex, words
from app.suppliers.transfer import import_suppliers

from .conftest import make_csv, make_siret

NAMES = [
    ("1", "Les Ateliers du Val d'Yerres"),
    ("2", "Atelier Vélo Solidaire"),
    ("3", "Val de Seine Propreté"),
    ("4", "Torréfaction Équitable de Melun Café des Bords de Seine"),
    ("5", "ESAT Les Jardins d'Étampes"),
    ("6", "Yerres Bâtiment"),
]
INDEX = NameIndex.build(NAMES)


def test_words_fold_accents_plurals_and_stopwords() -> None:
    assert words("Les Ateliers du Val d'Yerres") == ["atelier", "val", "yerre"]
    assert words("ÉTAMPES, Jardins") == ["etampe", "jardin"]


@pytest.mark.parametrize(("query", "first"), [
    ("atelier val yeres", "1"),
    ("Ateliers du Val d'Yerres", "1"),
    ("ATELIERS VAL D YERRES", "1"),
    ("atelier velo", "2"),
    ("torefaction equitable", "4"),
    ("cafe bords de seine", "4"),
    ("jardins etampes", "5"),
    ("jardin d'étampe", "5"),
    ("esat etamp", "5"),
])
def test_fuzzy_search_finds_names_despite_typos_and_accents(query: str, first: str) -> None:
    assert INDEX.search(query)[0][0] == first


def test_search_ranks_full_matches_first_and_drops_poor_ones() -> None:
    # "Yerres Bâtiment" and "Val de Seine Propreté" match one word of two: below the cut-off.
    assert INDEX.search("val yerres") == [("1", 100.0)]
    assert [key for key, _ in INDEX.search("seine")] == ["3", "4"]  # shorter name first on equal scores
    assert INDEX.search("boulangerie") == []
    assert INDEX.search("les de du") == []


def test_api_search_finds_the_acceptance_example(sample_client: TestClient) -> None:
    page = sample_client.get("/api/v1/suppliers", params={"q": "atelier val yeres"}).json()
    assert page["items"][0]["name"] == "Les Ateliers du Val d'Yerres"
    assert page["items"][0]["score"] >= 85
    assert page["total"] == len(page["items"]) >= 1
    assert page["items"][0].keys() >= {"siret", "name", "kind", "commune", "labels"}


def test_api_search_by_siret_prefix(sample_client: TestClient) -> None:
    everything = sample_client.get("/api/v1/suppliers", params={"limit": 200}).json()
    siret = everything["items"][0]["siret"]
    found = sample_client.get("/api/v1/suppliers", params={"q": siret[:9] + " " + siret[9:]}).json()
    assert [item["siret"] for item in found["items"]] == [siret]


@pytest.fixture
def registry(client: TestClient) -> TestClient:
    """A small registry whose dates follow today's date."""
    today = date.today()
    past, soon, later = (today - timedelta(days=10)), (today + timedelta(days=20)), (today + timedelta(days=400))
    rows = [
        [make_siret(1), "ESAT de Melun", "ESAT", "77000", "Melun", "7731|9091", f"ISO 14001:{later}"],
        [make_siret(2), "Insertion Évry", "SIAE-EI", "91000", "Évry-Courcouronnes", "45210000", f"FSC:{past}"],
        [make_siret(3), "Café Sénart", "SCOP", "77176", "Savigny-le-Temple", "1586", f"Max Havelaar:{soon}"],
        [make_siret(4), "Bureau Études 77", "entreprise", "77000", "Melun", "71", ""],
        [make_siret(5), "Coursiers EITI", "SIAE-EITI", "77127", "Lieusaint", "6412", f"Fair for Life:{later}"],
    ]
    report = import_suppliers(engine=client.app.state.engine, data=make_csv(rows), filename="petit.csv", actor="tests")  # type: ignore[attr-defined]
    assert report.created == 5
    return client


def names(client: TestClient, **params: object) -> list[str]:
    page = client.get("/api/v1/suppliers", params=params).json()
    assert page["total"] == len(page["items"])
    return [item["name"] for item in page["items"]]


@pytest.mark.parametrize(("params", "expected"), [
    ({}, ["Bureau Études 77", "Café Sénart", "Coursiers EITI", "ESAT de Melun", "Insertion Évry"]),
    ({"kind": "ESAT"}, ["ESAT de Melun"]),
    ({"departement": "91"}, ["Insertion Évry"]),
    ({"commune": "evry-courcouronnes"}, ["Insertion Évry"]),
    ({"commune": "MELUN"}, ["Bureau Études 77", "ESAT de Melun"]),
    ({"cpv": "77310000-6"}, ["ESAT de Melun"]),
    ({"cpv": "45"}, ["Insertion Évry"]),
    ({"cpv": "45211000"}, ["Insertion Évry"]),
    ({"cpv": "90"}, ["ESAT de Melun"]),
    ({"label": "ISO 14001"}, ["ESAT de Melun"]),
    ({"label": "FSC"}, []),
    ({"label": "max havelaar"}, ["Café Sénart"]),
    ({"label": "commerce-equitable"}, ["Café Sénart", "Coursiers EITI"]),
    ({"eligible_clause_sociale": "true"}, ["ESAT de Melun", "Insertion Évry"]),
    ({"eligible_clause_sociale": "false"}, ["Bureau Études 77", "Café Sénart", "Coursiers EITI"]),
    ({"kind": "SIAE-EI", "departement": "77"}, []),
    ({"q": "esat melun", "departement": "77"}, ["ESAT de Melun"]),
])
def test_filters(registry: TestClient, params: dict[str, object], expected: list[str]) -> None:
    assert names(registry, **params) == expected


def test_label_filter_at_another_date(registry: TestClient) -> None:
    before_expiry = (date.today() - timedelta(days=20)).isoformat()
    assert names(registry, label="FSC", label_valid_on=before_expiry) == ["Insertion Évry"]


def test_labels_in_items_say_whether_they_are_valid(registry: TestClient) -> None:
    [item] = registry.get("/api/v1/suppliers", params={"kind": "SIAE-EI"}).json()["items"]
    labels = [(lab["label"], lab["category"], lab["valid"]) for lab in item["labels"]]
    assert labels == [("FSC", "environnement", False)]


def test_pagination_is_stable(registry: TestClient) -> None:
    page = registry.get("/api/v1/suppliers", params={"limit": 2, "offset": 1}).json()
    assert page["total"] == 5
    assert [item["name"] for item in page["items"]] == ["Café Sénart", "Coursiers EITI"]


@pytest.mark.parametrize(("params", "field"), [
    ({"kind": "startup"}, "kind"), ({"label": "inconnu"}, "label"), ({"cpv": "7x"}, "cpv"), ({"limit": 0}, "limit"),
])
def test_bad_filters_are_422_naming_the_field(registry: TestClient, params: dict[str, object], field: str) -> None:
    response = registry.get("/api/v1/suppliers", params=params)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    assert field in {error["field"] for error in response.json()["errors"]}


def test_search_sees_changes_made_elsewhere(registry: TestClient) -> None:
    assert names(registry, q="coursiers") == ["Coursiers EITI"]
    rows = [[make_siret(6), "Coursiers du Val", "SIAE-EITI", "77127", "Lieusaint", "6412", ""]]
    import_suppliers(engine=registry.app.state.engine, data=make_csv(rows), filename="plus.csv", actor="tests")  # type: ignore[attr-defined]
    assert sorted(names(registry, q="coursiers")) == ["Coursiers EITI", "Coursiers du Val"]
