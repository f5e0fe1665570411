"""Causes of wrong pre-ticks found by the eighth blind clause-level set (tests/data/blind8_clause_level.jsonl), each
as a general behaviour tried on other wordings than the set's."""

import datetime as dt

import pytest

from app.matching.reading import read_tender

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)


def test_lots_named_after_sites_of_a_service_are_its_sites() -> None:
    result = run("Nettoyage des bâtiments communaux en 3 lots : lot 1 groupe scolaire Jean-Jaurès, lot 2 cuisine "
                 "centrale et restaurant scolaire, lot 3 centre de loisirs. 4 ans.", nature="services", date=AFTER)
    assert object_ids(result) == ["nettoyage-locaux"]
    clauses = recommended(result)
    assert "ecolabels-produits-entretien-specification" in clauses
    assert not {clause for clause in clauses if clause.startswith(("alimentation-durable", "nuisances-chantier"))}
    assert "dechets-emballages-soged-chantier" not in clauses


def test_supply_lots_under_a_works_like_heading_are_all_bought() -> None:
    for text, nature in (
            ("Équipement et aménagement du nouveau relais petite enfance : lot 1 mobilier (tables, chaises, "
             "armoires), lot 2 ordinateurs portables et imprimante, 45 000 € HT.", "fournitures"),
            ("Aménagement de la médiathèque : lot 1 rayonnages et fauteuils, lot 2 postes informatiques et "
             "tablettes.", None)):
        result = run(text, nature=nature, date=AFTER)
        assert {"mobilier", "informatique-materiel"} <= set(object_ids(result)), nature
        clauses = recommended(result)
        assert {"ecolabels-mobilier-specification", "numerique-responsable-equipements-durables"} <= clauses
        assert not {"insertion-heures-execution", "dechets-emballages-soged-chantier"} & clauses


def test_lots_of_a_supply_named_in_the_heading_are_its_uses() -> None:
    result = run("Fourniture d'électricité : lot 1 bâtiments communaux, lot 2 éclairage public et feux tricolores, "
                 "3 ans.", nature="fournitures", date=AFTER)
    assert object_ids(result) == ["electricite-gaz"]
    assert "energie-climat-eclairage-public" not in recommended(result)


def test_home_help_workers_are_a_social_service_not_cleaning() -> None:
    for text in ("Interventions d'auxiliaires de vie auprès des personnes âgées (lever, toilette, repas, ménage du "
                 "logement), 3 ans.",
                 "Aide ménagère au domicile des retraités : entretien du logement, linge, courses, env. 4 000 h/an."):
        result = run(text, nature="services", date=AFTER)
        assert object_ids(result)[0] == "services-sociaux-formation", text
        clauses = recommended(result)
        assert "egalite-non-discrimination-usagers" in clauses
        assert not {"ecolabels-produits-entretien-specification", "insertion-heures-services-recurrents"} & clauses


def test_a_rental_opening_the_object_rents_the_goods_the_service_is_done_on() -> None:
    result = run("Location et blanchissage des blouses et tuniques du personnel soignant, 3 ans.",
                 nature="services", date=AFTER)
    assert {"blanchisserie", "textiles-habillement"} <= set(object_ids(result))
    assert {"droits-humains-chaine-oit-tracabilite", "reemploi-recyclage-textiles-agec"} <= recommended(result)
    laundering = run("Blanchissage des blouses et tuniques du personnel soignant, 3 ans.", nature="services",
                     date=AFTER)
    assert "textiles-habillement" not in object_ids(laundering)


@pytest.mark.parametrize(
    ("text", "amount", "years"),
    [
        ("Location d'une balayeuse avec maintenance, loyer mensuel de 2 500 € HT, 36 mois.", 90_000, 3),
        ("Mise à disposition de 2 photocopieurs : redevance mensuelle : 300 € HT, 4 ans.", 14_400, 4),
        ("Entretien des toitures, 2 ans + 2 reconductions de 1 an, 20 000 € HT par an.", 80_000, 4),
        ("Maintenance des ascenseurs, 3 ans + 1 reconduction d'1 an, 12 k€ HT/an.", 48_000, 4),
    ],
)
def test_monthly_rents_and_renewals_of_another_length(text: str, amount: float, years: float) -> None:
    reading = read_tender(text)
    assert (reading.amount_eur, reading.years) == (amount, years)


def test_upkeep_of_public_toilets_is_cleaning_but_their_works_are_not() -> None:
    upkeep = run("Balayage des rues et entretien des sanitaires publics, 3 ans.", nature="services", date=AFTER)
    assert "nettoyage-locaux" in object_ids(upkeep)
    assert "ecolabels-produits-entretien-specification" in recommended(upkeep)
    works = run("Réhabilitation des toilettes publiques du parc, 80 000 € HT.", date=AFTER)
    assert "nettoyage-locaux" not in object_ids(works)
    assert "ecolabels-produits-entretien-specification" not in recommended(works)


def test_supplies_read_from_the_first_named_of_equally_strong_families() -> None:
    result = run("Tenues des agents d'accueil de la médiathèque (polos, vestes, pantalons), broderie du logo, 2 ans.",
                 nature="fournitures", date=AFTER)
    assert object_ids(result)[0] == "textiles-habillement"
    assert {"droits-humains-chaine-oit-tracabilite", "reemploi-recyclage-textiles-agec"} <= recommended(result)


def test_mixed_lots_under_a_weak_heading_without_nature_are_all_bought() -> None:
    result = run("Aménagement des bureaux du CCAS : lot 1 cloisons et peinture, lot 2 mobilier de bureau, lot 3 postes "
                 "informatiques.", date=AFTER)
    assert {"mobilier", "informatique-materiel"} <= set(object_ids(result))
    assert "ecolabels-mobilier-specification" in recommended(result)
    building = run("Construction du pôle jeunesse : lot 1 gros œuvre, lot 2 plâtrerie et peinture, lot 3 mobilier.",
                   date=AFTER)
    assert object_ids(building)[0] == "travaux-batiment"


def test_food_supplies_written_ttc_are_brought_back_at_the_reduced_rate() -> None:
    food = run("Fourniture de produits laitiers et d'œufs pour la cuisine centrale, 2 ans, 21 100 € TTC par an.",
               nature="fournitures", date=AFTER)
    assert food.understood.amount_eur == 40_000
    assert any("5,5 %" in note for note in food.understood.reading.notes)
    furniture = run("Fourniture de chaises pour la cuisine centrale, 12 000 € TTC.", nature="fournitures", date=AFTER)
    assert furniture.understood.amount_eur == 10_000


def test_an_ambiguous_supply_word_leading_the_object_keeps_its_complement_as_the_wearer() -> None:
    result = run("Tenues des agents de sécurité du parc des expositions (polos, blousons, pantalons), 2 ans.",
                 date=AFTER)
    assert object_ids(result)[0] == "textiles-habillement"
    assert {"droits-humains-chaine-oit-tracabilite", "reemploi-recyclage-textiles-agec"} <= recommended(result)
    assert "conditions-de-travail-sous-traitance" not in recommended(result)
    staff = run("Agents de sécurité pour le parc des expositions, 2 ans.", date=AFTER)
    assert object_ids(staff)[0] == "securite-gardiennage"


def test_payroll_slips_are_a_payroll_service_not_printing() -> None:
    payroll = run("Gestion externalisée de la paie du syndicat (45 agents) : bulletins de salaire, DSN, 4 ans.",
                  date=AFTER)
    assert object_ids(payroll)[0] == "conseil-etudes"
    assert not {clause for clause in recommended(payroll) if clause.startswith("papier-impression")}
    printing = run("Impression du bulletin d'information intercommunal, 6 numéros par an, 3 ans.", date=AFTER)
    assert object_ids(printing)[0] == "impression"


def test_a_penetration_test_is_an_audit_not_an_intrusion_alarm() -> None:
    audit = run("Tests d'intrusion sur le site internet et la messagerie de la mairie, rapport et restitution.",
                date=AFTER)
    assert object_ids(audit)[0] == "conseil-etudes"
    alarm = run("Fourniture et pose d'une alarme intrusion au centre technique, 8 000 € HT.", date=AFTER)
    assert object_ids(alarm)[0] == "securite-electronique"


@pytest.mark.parametrize(
    ("text", "family"),
    [
        # LED panels and tubes are lighting, not paving slabs.
        ("Achat de dalles LED 60 x 60 et de tubes LED pour les bureaux de la mairie, 9 000 € HT.", "eclairage"),
        ("Fourniture de dalles gravillonnées pour les allées du cimetière.", "materiaux-construction"),
        # An internet subscription and a fibre connection are telecommunications, not press subscriptions.
        ("Raccordement à la fibre de la salle des sports et abonnement internet, 4 ans.", "telecommunications"),
        ("Abonnements aux quotidiens régionaux pour la médiathèque, 2 ans.", "livres-documentation"),
    ],
)
def test_led_panels_and_internet_subscriptions(text: str, family: str) -> None:
    assert object_ids(run(text, date=AFTER))[0] == family


def test_an_energy_saving_incentive_is_not_the_insertion_bonus() -> None:
    result = run("Exploitation des chaufferies des écoles (P1/P2) avec intéressement aux économies d'énergie, 4 ans, "
                 "480 k€ HT.", date=AFTER)
    assert "energie-climat-engagement-performance" in recommended(result)
    assert "insertion-prime-heures-supplementaires" not in recommended(result)


def test_for_the_contract_of_introduces_the_object_not_a_use() -> None:
    result = run("Bonjour, pour la consultation de portage de repas à domicile, pouvez-vous me proposer les "
                 "clauses ? Merci, Julie (CCAS) – 02 99 00 11 22", date=AFTER)
    assert object_ids(result)[0] == "portage-repas"
    assert "alimentation-durable-restauration-personnes-agees" in recommended(result)
    use = run("Sacs pour la collecte des biodéchets des cantines, 2 ans.", date=AFTER)
    assert not {clause for clause in recommended(use) if clause.startswith("alimentation-durable")}
