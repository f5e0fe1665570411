"""Food supplies are not catering services (issues #12 and #13): a food-supply tender gets the clauses written for
bons de commande (lines of the bordereau designated as sustainable and quality products, a criterion on the
products offered) and never the catering clauses that bind a holder who buys the food itself; a catering tender
keeps its own clauses and never gets the supply ones."""

import datetime as dt

import pytest

from app.matching.matcher import MatchResult

from .support import ids, library_index, run

AFTER = dt.date(2026, 9, 1)  # Climat et résilience in force
SUPPLY = {"alimentation-durable-references-qualifiees", "alimentation-durable-critere-references"}
SUPPLY_PENALTY = "alimentation-durable-penalite-references"
CATERING_ONLY = {"alimentation-durable-egalim-parts", "alimentation-durable-critere-attribution",
                 "alimentation-durable-menu-vegetarien", "alimentation-durable-gaspillage-alimentaire",
                 "alimentation-durable-penalite", "alimentation-durable-restauration-personnes-agees"}


def recommended(result: MatchResult) -> set[str]:
    return {item.clause.id for item in result.matches if item.recommended}


@pytest.mark.parametrize(
    ("text", "nature", "amount"),
    [
        ("Fourniture de denrées alimentaires (fruits et légumes frais) pour la cuisine centrale, accord-cadre à bons "
         "de commande.", "fournitures", 300_000),
        ("Fourniture d'épicerie et de produits laitiers pour les restaurants scolaires, bons de commande, 2 lots",
         "fournitures", None),
        ("Fourniture de viande fraîche (bœuf, porc, volaille) pour les restaurants scolaires de la ville", None, None),
        ("Achat de denrées pour la cuisine centrale", None, None),
    ],
)
def test_a_food_supply_gets_the_supply_clauses_and_no_catering_one(
    text: str, nature: str | None, amount: int | None,
) -> None:
    result = run(text, nature=nature, amount_eur=amount, date=AFTER)
    chosen = recommended(result)
    assert chosen >= SUPPLY
    assert not chosen & CATERING_ONLY
    assert not set(ids(result, 10)) & CATERING_ONLY
    egalim = next(item for item in result.obligations if item.id == "egalim-restauration-collective")
    assert "alimentation-durable-references-qualifiees" in egalim.clause_ids


@pytest.mark.parametrize(
    "text",
    ["Restauration scolaire : fabrication et livraison des repas en liaison froide",
     "Portage de repas à domicile pour les personnes âgées de la commune"],
)
def test_a_catering_service_keeps_its_clauses_and_gets_no_supply_one(text: str) -> None:
    result = run(text, nature="services", date=AFTER)
    assert "alimentation-durable-egalim-parts" in recommended(result)
    assert not set(ids(result)) & (SUPPLY | {SUPPLY_PENALTY})


def test_the_supply_clauses_stand_together_and_declare_their_nature() -> None:
    by_id = {facts.doc.id: facts.doc for facts in library_index().clauses}
    assert by_id["alimentation-durable-references-qualifiees"].requires == [SUPPLY_PENALTY]
    assert by_id["alimentation-durable-critere-references"].requires == ["alimentation-durable-references-qualifiees"]
    natures = {clause_id: tuple(doc.applies_when.nature or ()) if doc.applies_when else ()
               for clause_id, doc in by_id.items()}
    assert {natures[clause_id] for clause_id in (*SUPPLY, SUPPLY_PENALTY)} == {("fournitures",)}
    assert {natures[clause_id] for clause_id in CATERING_ONLY} == {("services",)}


def test_an_obligation_lists_only_clauses_meant_for_the_tenders_nature() -> None:
    """EGalim on a food supply: the catering-services clauses (applies_when: services) do not fulfil it there."""
    result = run("Fourniture de denrées alimentaires (fruits et légumes frais) pour la cuisine centrale, accord-cadre "
                 "à bons de commande.", nature="fournitures", amount_eur=300_000)
    egalim = next(item for item in result.obligations if item.id == "egalim-restauration-collective")
    listed = set(egalim.clause_ids)
    assert "alimentation-durable-references-qualifiees" in listed
    assert not listed & {"alimentation-durable-egalim-parts", "alimentation-durable-critere-attribution"}
