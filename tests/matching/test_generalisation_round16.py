"""Causes of missed must-clauses and misread natures found by the fifteenth blind clause-level set
(tests/data/blind15_clause_level.jsonl) in its second round, each as a general behaviour tried on other wordings
than the set's."""

import datetime as dt

import pytest

from app.matching.text import analyse

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)


# A heading naming a place or a building gives way to the purchase named after it.
@pytest.mark.parametrize(("text", "expected"), [
    ("Groupe scolaire Jean Jaurès : fourniture de 40 tables et 80 chaises pour deux classes, 2027.", "mobilier"),
    ("Salle polyvalente – rideaux occultants et nappes en tissu, livraison avant l'été.", "textiles-ameublement-scene"),
    ("Bibliothèque municipale – fourniture de 12 ordinateurs portables et de 2 écrans pour le public.",
     "informatique-materiel"),
    ("Auberge de jeunesse de la plage : remplacement des draps, taies et serviettes, 200 lots.",
     "textiles-habillement"),
    ("Bureaux de la direction générale : fabrication de 6 armoires et de 4 tables de réunion.", "mobilier"),
])
def test_a_place_heading_gives_way_to_the_purchase_after_it(text: str, expected: str) -> None:
    assert object_ids(run(text, date=AFTER))[0] == expected, text


def test_a_place_heading_alone_still_names_what_it_is() -> None:
    """Nothing plain after the heading: the heading is read as before."""
    assert object_ids(run("Cimetière de l'Est – 2 ans", nature="services", date=AFTER)) == ["espaces-verts"]


@pytest.mark.parametrize("text", [
    "Salle du conseil : fabrication d'une table de 20 places et de 20 chaises en noyer massif. 18 000 € HT.",
    "Hôtel de ville – fabrication sur mesure de 3 bureaux et de 12 chaises en chêne, 22 k€ HT.",
])
def test_furniture_in_timber_under_a_place_heading_asks_for_sustainable_wood(text: str) -> None:
    chosen = recommended(run(text, nature="fournitures", date=AFTER))
    assert "bois-forets-gestion-durable" in chosen, text
    assert "ecolabels-mobilier-specification" in chosen, text


# A timber species right after « en » is the wood a made thing is made of; alone, a tree.
@pytest.mark.parametrize(("text", "nature"), [
    ("Chapelle Saint-Jean : remplacement des poutres en chêne du clocher et reprise des enduits, 90 k€ HT.", "travaux"),
    ("Réfection du kiosque à musique : garde-corps en pin traité, reprise de la couverture, 40 000 € HT.", "travaux"),
    ("Fourniture de 30 bancs en hêtre pour les vestiaires du gymnase.", "fournitures"),
])
def test_a_thing_made_of_a_named_timber_asks_for_sustainable_wood(text: str, nature: str) -> None:
    assert "bois-forets-gestion-durable" in recommended(run(text, nature=nature, date=AFTER)), text


@pytest.mark.parametrize("text", [
    "Abattage de 8 chênes et de 3 pins dangereux dans le parc du château, dessouchage compris.",
    "Élagage des platanes et des chênes de l'avenue, 2 ans.",
])
def test_trees_felled_or_pruned_are_no_timber_bought(text: str) -> None:
    assert "bois-forets-gestion-durable" not in recommended(run(text, nature="services", date=AFTER)), text


def test_only_a_species_after_en_reads_as_wood() -> None:
    keys = [token.key for token in analyse("tables en chêne")]
    assert len(keys) == 3 and keys[1] == analyse("bois")[0].key
    assert len(analyse("abattage des chênes")) == 2


# Health care and screening of users are a service to users.
@pytest.mark.parametrize("text", [
    "Bilans de santé des enfants des 4 crèches par un médecin, deux passages par an.",
    "Dépistage visuel et auditif des élèves de grande section dans les écoles maternelles, 3 ans.",
    "Vaccination antigrippale des agents dans les locaux des services techniques.",
])
def test_health_screening_of_users_is_a_service_to_users(text: str) -> None:
    result = run(text, date=AFTER)
    assert result.nature == "services", text
    assert object_ids(result)[0] == "services-sociaux-formation", text
    assert "egalite-non-discrimination-usagers" in recommended(result), text


# Without the nature given, the nature word that opens the object stands for the officer's.
@pytest.mark.parametrize(("text", "nature", "expected"), [
    ("TVX AMENAGEMENT CIMETIERE COMMUNAL – COLUMBARIUM 24 CASES + REFECTION DES ALLEES", "travaux",
     "travaux-batiment"),
    ("Accueil de loisirs – fourn. des goûters : fruits, yaourts, pain et biscuits, 2 ans.", "fournitures",
     "denrees-alimentaires"),
    ("Founiture des goûters de la halte-garderie : compotes, laitages, fruits frais, livrés chaque semaine.",
     "fournitures", "denrees-alimentaires"),
])
def test_the_nature_word_opening_the_object_stands_for_the_officers(text: str, nature: str, expected: str) -> None:
    result = run(text, date=AFTER)
    assert result.nature == nature, text
    assert object_ids(result)[0] == expected, text


@pytest.mark.parametrize(("text", "nature", "expected"), [
    ("Travaux d'impression du bulletin municipal et des affiches, 2 ans.", "services", "impression"),
    ("Fourniture de repas en liaison froide pour la crèche : repas bébés, goûters, 2 ans.", "services",
     "restauration-collective"),
    ("Fourniture de repas pour l'accueil de loisirs : produits bio, fruits et légumes de saison, 3 ans.", "services",
     "restauration-collective"),
    ("Nettoyage des locaux après travaux de peinture de l'école", "services", "nettoyage-locaux"),
])
def test_a_nature_word_naming_the_kind_of_the_service_does_not(text: str, nature: str, expected: str) -> None:
    """« Travaux d'impression » are printing jobs, « fourniture de repas » a catering service, and works named as the
    subject of a cleaning are not bought."""
    result = run(text, date=AFTER)
    assert result.nature == nature, text
    assert object_ids(result)[0] == expected, text


# The upkeep of supplies does not buy them: their purchase clause does not come first.
@pytest.mark.parametrize("text", [
    "Entretien et réparation des véhicules légers et utilitaires de la flotte municipale, 3 ans.",
    "Maintenance préventive et curative des véhicules du parc communal (VL, VUL), pièces comprises.",
])
def test_the_purchase_clause_of_vehicles_serviced_does_not_rank_first(text: str) -> None:
    result = run(text, nature="services", date=AFTER)
    assert object_ids(result)[0] == "entretien-vehicules", text
    assert result.matches[0].clause.id != "vehicules-mobilite-faibles-emissions-acquisition", text
    assert "vehicules-mobilite-faibles-emissions-acquisition" not in recommended(result), text


def test_vehicles_bought_keep_their_purchase_clause_first() -> None:
    result = run("Acquisition de 3 fourgons utilitaires électriques pour les services techniques.", date=AFTER)
    assert result.matches[0].clause.id == "vehicules-mobilite-faibles-emissions-acquisition"
