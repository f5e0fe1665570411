"""Causes of wrong pre-ticks found by the fourth blind clause-level set (tests/data/blind4_clause_level.jsonl) and
the leftovers of the earlier rounds, each as a general behaviour tried on other wordings than the set's."""

import datetime as dt

import pytest

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)
SITE = {"insertion-heures-execution", "dechets-emballages-soged-chantier", "nuisances-chantier-charte"}
VEHICLES = {"vehicules-mobilite-flotte-prestataire", "vehicules-mobilite-faibles-emissions-acquisition",
            "vehicules-mobilite-ecoconduite"}


@pytest.mark.parametrize(
    "text",
    [
        "Vidange des bacs à graisses et curage des canalisations des bâtiments communaux, 3 ans, 300 000 € HT, "
        "avec une clause sociale d'insertion.",
        "Curage des réseaux d'eaux pluviales et des bassins d'orage, 4 ans, 400 000 € HT.",
    ],
)
def test_a_service_counts_worked_hours_not_site_insertion_hours(text: str) -> None:
    chosen = recommended(run(text, date=AFTER))
    assert "insertion-heures-services-recurrents" in chosen
    assert "insertion-heures-execution" not in chosen


@pytest.mark.parametrize(
    ("text", "nature"),
    [
        ("Réfection des trottoirs de la rue Nationale, 900 000 € HT, clause d'insertion.", None),
        # A works lot of a services file: what is bought decides, not the file's nature.
        ("Travaux de réfection des sols et des murs des vestiaires, clause d'insertion.", "services"),
    ],
)
def test_works_keep_site_insertion_hours(text: str, nature: str | None) -> None:
    chosen = recommended(run(text, nature=nature, amount_eur=600_000, date=AFTER))
    assert "insertion-heures-execution" in chosen
    assert "insertion-heures-services-recurrents" not in chosen


@pytest.mark.parametrize(
    ("text", "clause"),
    [
        ("Fourniture de fruits et légumes en 3 lots, le lot 2 légumes de plein champ est réservé aux structures "
         "d'insertion (SIAE), 2 ans.", "marche-reserve-lot-reserve"),
        ("Fourniture de gants et de masques pour les services techniques, marché réservé aux ESAT.",
         "marche-reserve-ea-esat"),
        ("Rénovation de la mairie en 6 lots ; le lot 6 aménagements paysagers est réservé aux SIAE. 800 000 € HT.",
         "marche-reserve-lot-reserve"),
        ("Entretien des espaces verts en 3 lots, le lot 3 est réservé aux structures d'insertion (SIAE).",
         "marche-reserve-lot-reserve"),
        ("Entretien des espaces verts, marché réservé aux structures d'insertion (SIAE), lot unique.",
         "marche-reserve-siae"),
    ],
)
def test_a_reservation_asked_outright_fits_any_purchase(text: str, clause: str) -> None:
    chosen = recommended(run(text, date=AFTER))
    assert clause in chosen
    assert len({c for c in chosen if c.startswith("marche-reserve")}) == 1  # one reservation


@pytest.mark.parametrize(
    ("text", "nature"),
    [
        ("Entretien et petites réparations des bâtiments communaux (plomberie, serrurerie, vitrerie), accord-cadre "
         "à bons de commande de travaux, 3 ans.", "travaux"),
        ("Maintenance des toitures-terrasses et des gouttières des écoles, marché de services, 2 ans.", "services"),
    ],
)
def test_the_nature_the_text_gives_the_contract_is_its_nature(text: str, nature: str) -> None:
    assert run(text, date=AFTER).nature == nature


@pytest.mark.parametrize(
    "text",
    [
        "Assistance à maîtrise d'ouvrage pour la passation du marché de travaux de rénovation de la piscine.",
        "Mission de coordination SPS pour l'accord-cadre de travaux d'entretien des bâtiments, 3 ans.",
    ],
)
def test_a_contract_named_in_a_complement_is_another_contract(text: str) -> None:
    result = run(text, date=AFTER)
    assert result.nature == "services"
    assert not recommended(result) & SITE


def test_charging_points_are_equipment_not_road_works_nor_vehicles() -> None:
    result = run("Acquisition, pose et supervision de 4 bornes de recharge sur le parking de la mairie et du "
                 "gymnase.", date=AFTER)
    assert "bornes-recharge" in object_ids(result)
    assert result.nature == "fournitures"
    assert not recommended(result) & (VEHICLES | SITE)
    assert object_ids(run("Fourniture de bornes anti-stationnement en fonte pour la place.", date=AFTER)) == [
        "mobilier-urbain-jeux"]


def test_preparing_mailings_is_bench_work_without_rounds() -> None:
    result = run("Routage et mise sous enveloppe du journal municipal et des lettres aux aînés, réservé aux ESAT.",
                 date=AFTER)
    assert object_ids(result)[0] == "mise-sous-pli"
    chosen = recommended(result)
    assert "marche-reserve-ea-esat" in chosen
    assert not chosen & VEHICLES
    # Collecting and delivering the mail is done in rounds: the holder's vehicles stay.
    rounds = run("Collecte et distribution du courrier des services municipaux, 3 ans.", date=AFTER)
    assert "vehicules-mobilite-flotte-prestataire" in recommended(rounds)


def test_a_buyer_heading_names_no_works_before_lots() -> None:
    result = run("Centre hospitalier de Pontivy – produits d'épicerie en 3 lots : lot 1 conserves, lot 2 "
                 "épicerie bio, lot 3 boissons. BC 2 ans.", date=AFTER)
    assert object_ids(result)[0] == "denrees-alimentaires"
    assert result.nature == "fournitures"
    assert not recommended(result) & SITE


def test_a_global_performance_contract_commits_to_measured_performance() -> None:
    result = run("Marché global de performance : réhabilitation thermique et maintenance du gymnase avec garantie "
                 "de consommation pendant 6 ans, 2,8 M€ HT.", date=AFTER)
    assert result.nature == "travaux"
    assert "energie-climat-engagement-performance" in recommended(result)


def test_no_insertion_hours_where_no_work_is_bought() -> None:
    insurance = run("Assurance dommages aux biens et responsabilité civile de la commune, 4 ans, 300 000 € HT.",
                    date=AFTER)
    assert insurance.insertion is None
    cleaning = run("Nettoyage des locaux de la mairie, 4 ans, 300 000 € HT.", date=AFTER)
    assert cleaning.insertion is not None and cleaning.insertion.hours > 0


@pytest.mark.parametrize(
    "text",
    [
        "Entretien des ascenseurs et monte-charges des écoles et de la médiathèque, 3 ans, 90 000 € HT.",
        "Maintenance des rideaux métalliques et des portails du centre technique, 2 ans.",
    ],
)
def test_the_upkeep_of_installations_is_a_service_not_works_nor_curtains(text: str) -> None:
    result = run(text, date=AFTER)
    assert object_ids(result)[0] == "maintenance-installations"
    assert result.nature == "services"
    chosen = recommended(result)
    assert not chosen & SITE
    assert "ecolabels-textiles-specification" not in chosen


def test_used_cooking_oil_is_waste_collected_not_food_bought() -> None:
    result = run("Enlèvement et valorisation des huiles alimentaires usagées des cuisines des collèges, 2 ans.",
                 date=AFTER)
    assert object_ids(result)[0] == "collecte-dechets"
    assert not {clause for clause in recommended(result) if clause.startswith("alimentation-durable")}


@pytest.mark.parametrize(
    "text",
    [
        "Transport des travailleurs de l'ESAT des Genêts entre leur domicile et l'établissement, 3 ans.",
        "Nettoyage des locaux de la SIAE La Passerelle et de la maison des associations, 2 ans.",
    ],
)
def test_a_structure_named_as_a_place_or_a_user_asks_no_reservation(text: str) -> None:
    assert not {clause for clause in recommended(run(text, date=AFTER)) if clause.startswith("marche-reserve")}


@pytest.mark.parametrize(
    ("text", "wanted", "unwanted"),
    [
        ("Achat d'électricité pour les 45 sites de la commune (C4 et C5), 2027-2029.",
         "energie-climat-electricite-renouvelable", "energie-climat-biomethane-garanties-origine"),
        ("Fourniture et acheminement de gaz naturel pour les chaufferies des écoles, 3 ans.",
         "energie-climat-biomethane-garanties-origine", "energie-climat-electricite-renouvelable"),
    ],
)
def test_the_renewable_origin_is_asked_of_the_energy_bought(text: str, wanted: str, unwanted: str) -> None:
    chosen = recommended(run(text, date=AFTER))
    assert wanted in chosen
    assert unwanted not in chosen
