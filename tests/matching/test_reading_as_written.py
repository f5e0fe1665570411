"""Public data often drop the accents (DECP objects in capitals): a heading or a form of contract is read the same
with or without them. And a service done on a thing followed by « + fourniture de … » or « et fourniture de … »
buys that supply too. What a clause needs the text to say is read with the text's typos corrected, as the object is.
Each behaviour is tried on several wordings, none of them a labelled set's."""

import re

import pytest

from app.french import french_regex
from app.matching.text import analyse

from .support import library_index, object_ids, recommended, run


@pytest.mark.parametrize(("pattern", "text"), [
    ("régie", "REGIE DES EAUX"),
    ("délégations?", "Delegation"),
    ("r[ée]sidence", "RESIDENCE"),
    ("œuvre", "MAITRISE D'OEUVRE"),
    ("crèches?", "CRECHES"),
])
def test_an_accented_pattern_finds_the_word_without_accents(pattern: str, text: str) -> None:
    assert french_regex(pattern, re.IGNORECASE).search(text), (pattern, text)


@pytest.mark.parametrize(("pattern", "text"), [
    (r"\bà\s", "le titulaire a 30 jours"),  # « à » alone is not the verb « a »
    ("[à-é]", "e"),  # a range stays as written: its accented ends do not bring their plain letters
])
def test_a_lone_letter_and_a_range_stay_as_written(pattern: str, text: str) -> None:
    assert not french_regex(pattern).search(text), (pattern, text)


@pytest.mark.parametrize(("text", "family", "wanted"), [
    ("REGIE DES EAUX – ENTRETIEN DES ESPACES VERTS DES STATIONS", "espaces-verts", "biodiversite-eau-zero-phyto"),
    ("DELEGATION DE SERVICE PUBLIC (AFFERMAGE) POUR LA GESTION DU CAMPING MUNICIPAL : ACCUEIL DES VACANCIERS, "
     "ENTRETIEN", "exploitation-equipements-publics", "egalite-non-discrimination-usagers"),
    ("RESIDENCE AUTONOMIE LES ACACIAS ET FOYER-LOGEMENT : DESINSECTISATION ET DERATISATION", "hygiene-3d",
     "substances-dangereuses-lutte-integree-nuisibles"),
])
def test_a_heading_without_accents_is_read_as_with_them(text: str, family: str, wanted: str) -> None:
    for written in (text, text.lower()):
        result = run(written, nature="services")
        assert object_ids(result)[0] == family, written
        assert wanted in recommended(result), written


@pytest.mark.parametrize(("text", "first", "also"), [
    ("Maintenance des chaudières et fourniture de granulés", "maintenance-installations", "bois-energie"),
    ("Maintenance des chaudières gaz + fourniture du gaz naturel", "maintenance-installations", "electricite-gaz"),
    ("Entretien des tondeuses et fourniture de carburant", "entretien-vehicules", "carburants"),
    ("Maintenance des photocopieurs et fourniture de papier", "maintenance-installations", "papier"),
])
def test_a_supply_after_the_service_on_a_thing_is_bought_too(text: str, first: str, also: str) -> None:
    families = object_ids(run(text))
    assert families[0] == first, text
    assert also in families, text


def test_wood_fuel_bought_with_the_upkeep_of_boilers_asks_for_sustainable_forests() -> None:
    result = run("Maintenance des chaudières de la chaufferie bois + fourniture des granulés, 3 ans", nature="services")
    assert "bois-forets-gestion-durable" in recommended(result)


def test_upkeep_alone_still_buys_only_the_service() -> None:
    assert object_ids(run("Entretien et réparation des tondeuses du centre technique")) == ["entretien-vehicules"]


@pytest.mark.parametrize(("text", "nature", "wanted"), [
    ("Nettoyige des locaux de la mairie et des écoles", "services", "ecolabels-produits-entretien-specification"),
    ("Achat d'élecctricité verte pour les bâtiments communaux", "fournitures",
     "energie-climat-electricite-renouvelable"),
    ("Entretien des espaces verts, marché rréservé aux ESAT", "services", "marche-reserve-ea-esat"),
])
def test_what_a_clause_needs_the_text_to_say_is_read_with_its_typos_corrected(text: str, nature: str,
                                                                              wanted: str) -> None:
    assert wanted in recommended(run(text, nature=nature)), text


@pytest.mark.parametrize(("typo", "word"), [("chaufferries", "chaufferies"), ("menaager", "ménager"),
                                            ("gymnasses", "gymnases")])
def test_an_inflected_word_with_a_typo_is_corrected_by_its_stem(typo: str, word: str) -> None:
    token = analyse(typo)[0]
    assert library_index().token_options(token)[1] == analyse(word)[0].key, typo


@pytest.mark.parametrize("text", [
    "Restauration scolaire – fourniture de bacs gastronormes inox et de chariots pour les 6 offices",
    "Cuisine centrale : achat de 500 bacs gastronormes et de 200 pichets",
])
def test_catering_containers_bought_after_a_catering_heading_are_tableware(text: str) -> None:
    result = run(text)
    assert object_ids(result)[0] == "vaisselle-restauration", text
    assert "dechets-emballages-contenants-sans-plastique-restauration" in recommended(result)
    assert "alimentation-durable-egalim-parts" not in recommended(result)
