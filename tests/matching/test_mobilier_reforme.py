"""Removal and clearance services that leave furniture behind get the clause on its inventory and reuse
(reemploi-recyclage-mobilier-reforme); a move where everything follows, a furniture purchase and works do not."""

import datetime as dt

import pytest

from .support import ids, object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)
CLAUSE = "reemploi-recyclage-mobilier-reforme"


@pytest.mark.parametrize("text", [
    "Déménagement de l'école de musique vers le centre culturel ; les pupitres et armoires réformés sont donnés à "
    "une ressourcerie.",
    "Débarras des locaux de l'ancienne trésorerie : bureaux, chaises et rayonnages non conservés.",
    "Vidage des archives et du mobilier réformé de l'ancienne mairie annexe.",
    "Enlèvement et évacuation du mobilier réformé des écoles (tables, chaises, armoires), 2 ans.",
])
def test_a_removal_or_clearance_leaving_furniture_behind_recommends_the_clause(text: str) -> None:
    result = run(text, date=AFTER)
    assert CLAUSE in recommended(result), text
    assert CLAUSE in ids(result, 3), text


def test_a_move_where_all_the_furniture_follows_does_not_recommend_it() -> None:
    result = run("Déménagement des services techniques vers le nouveau centre technique municipal : cartons, "
                 "mobilier et outillage.", date=AFTER)
    assert object_ids(result) == ["transport-logistique"]
    assert CLAUSE not in recommended(result)
    assert "vehicules-mobilite-flotte-prestataire" in recommended(result)


@pytest.mark.parametrize("text", [
    "Fourniture de mobilier scolaire avec reprise et évacuation de l'ancien mobilier réformé.",
    "Acquisition de mobilier de bureau pour la nouvelle médiathèque.",
    "Réhabilitation de l'ancienne poste en médiathèque : curage, gros œuvre, menuiseries.",
])
def test_a_furniture_purchase_or_works_do_not_get_it(text: str) -> None:
    result = run(text, date=AFTER)
    assert CLAUSE not in recommended(result), text
    assert CLAUSE not in ids(result, 5), text
