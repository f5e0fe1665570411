"""The reservation advice never concludes from a registry that knows nothing of the place (issue 19): it says
what the registry covers and points to the national directories."""

from datetime import date

from fastapi.testclient import TestClient

from app.config import PROJECT_ROOT
from app.suppliers.suggest import DIRECTORIES, Counts, advise, registry_coverage

TODAY = date(2026, 11, 28)


def test_coverage_says_what_the_registry_knows() -> None:
    assert registry_coverage({}, "69") == "Le registre des fournisseurs de Clausier est vide."
    assert registry_coverage({"77": 39, "91": 25, None: 1}, "69") == (
        "Le registre des fournisseurs de Clausier connaît 65 fournisseurs, par département : Seine-et-Marne (77) 39, "
        "Essonne (91) 25, ailleurs ou sans département 1. Dans le département du lieu d'exécution, Rhône (69), il "
        "n'en connaît aucun.")
    assert registry_coverage({"91": 1}, "91") == (
        "Le registre des fournisseurs de Clausier connaît 1 fournisseur, par département : Essonne (91) 1. Dans le "
        "département du lieu d'exécution, Essonne (91), il en connaît 1.")


def test_no_structure_found_is_not_a_conclusion() -> None:
    coverage = registry_coverage({"77": 39, "91": 25}, "69")
    advice = advise(Counts(), amount_eur=80_000, nature="services", on=TODAY, where="pour ce secteur dans le 69",
                    coverage=coverage)
    text = advice.recommendation.explanation
    assert text.startswith("Le registre de Clausier ne connaît aucune structure inclusive pour ce secteur dans le 69, "
                           "ce qui ne veut pas dire qu'il n'en existe pas. " + coverage)
    assert "https://lemarche.inclusion.gouv.fr" in text and "https://www.reseau-gesat.com" in text
    assert DIRECTORIES in text
    assert "possible" not in text.replace("possibles", "")
    few = advise(Counts(siae=1, insertion=1), amount_eur=80_000, nature="services", on=TODAY, where="ici",
                 coverage=coverage)
    assert coverage in few.recommendation.explanation and DIRECTORIES in few.recommendation.explanation


def test_the_old_conclusion_is_gone_from_the_code() -> None:
    sources = "\n".join(path.read_text(encoding="utf-8") for path in (PROJECT_ROOT / "app").rglob("*.py"))
    assert "ni réservation ni sous-traitance locale" not in sources


def test_api_advice_for_a_place_the_registry_does_not_know(sample_client: TestClient) -> None:
    result = sample_client.post("/api/v1/suppliers/suggest", json={
        "text": "Nettoyage des locaux de la mairie", "place": "Rhône", "date": "2026-11-28",
    }).json()
    assert result["place"] == {"query": "Rhône", "departement": "69", "known": True}
    text = result["advice"]["recommendation"]["explanation"]
    assert "Le registre de Clausier ne connaît aucune structure inclusive pour ce secteur dans le 69" in text
    assert "Dans le département du lieu d'exécution, Rhône (69), il n'en connaît aucun." in text
    assert "Seine-et-Marne (77)" in text and "Essonne (91)" in text
    assert "https://lemarche.inclusion.gouv.fr" in text
