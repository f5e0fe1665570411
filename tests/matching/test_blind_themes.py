"""Causes of theme-level misses found on the blind real set (tests/data/blind_tenders.jsonl), each as a general
behaviour tried on other wordings than the set's: a family named beside the object (a place, the thing collected,
the insured fleet) adds its themes at a discount; the characters DECP exports lose to "?" are restored; a phrase
leaves its last word to a longer-reaching phrase when its first words still name something; a theme cue naming the
people served keeps its weight in a "pour …" complement; river-restoration and urban-farm words point at
biodiversity and water; meal vouchers are a financial service; the truncations of DECP objects ("FOURN.",
"PREST", "TRVX", "RESTO") are read as whole words; a lift alone is a thing (its creation is works, its upkeep
maintenance); a site for travellers ("gens du voyage") is a social service, not a transport."""

import pytest

from app.matching.text import repair

from .support import first_themes, run


def object_ids(text: str, cpv: list[str] | None = None) -> list[str]:
    return [family.id for family in run(text, cpv=cpv or []).understood.object_families]


@pytest.mark.parametrize(
    ("text", "beside"),
    [
        ("TRANSPORTS SCOLAIRES ET ROTATIONS CANTINE DU MERCREDI", "alimentation-durable"),
        ("Navettes vers la cantine centrale et la piscine pour les écoles", "alimentation-durable"),
        ("Assurance responsabilité civile et flotte automobile", "vehicules-mobilite"),
    ],
)
def test_a_family_named_beside_the_object_does_not_lead_the_proposals(text: str, beside: str) -> None:
    assert beside not in first_themes(run(text))


def test_the_family_of_a_cpv_code_the_text_contradicts_is_not_discounted_twice() -> None:
    result = run("Travaux d'enlèvement des graffitis sur les bâtiments communaux", cpv=["90910000"])
    assert "substances-dangereuses" in first_themes(result)


@pytest.mark.parametrize(
    ("published", "restored"),
    [
        ("MAITRISE D?OEUVRE", "MAITRISE D'OEUVRE"),
        ("Maîtrise d'?uvre", "Maîtrise d'œuvre"),
        ("AMENAGEMENT C?UR DE VILLE", "AMENAGEMENT CŒUR DE VILLE"),
        ("station d?épuration", "station d'épuration"),
        ("Pourquoi ? Parce que", "Pourquoi ? Parce que"),
    ],
)
def test_the_characters_exports_turn_into_question_marks_are_restored(published: str, restored: str) -> None:
    assert repair(published) == restored


def test_a_design_contract_with_a_lost_apostrophe_is_still_a_design_contract() -> None:
    assert object_ids("MAITRISE D?OEUVRE POUR LA RENOVATION DE LA SALLE DES FETES")[0] == "maitrise-oeuvre"


def test_a_phrase_leaves_its_last_word_to_a_longer_reaching_one() -> None:
    assert object_ids("Restauration du patrimoine arboré du parc municipal")[0] == "espaces-verts"
    assert object_ids("Restauration du patrimoine bâti de l'église")[0] == "travaux-batiment"


@pytest.mark.parametrize(
    ("text", "family"),
    [
        # "véhicules légers" means what "véhicules" alone means: the repair keeps its last word.
        ("Entretien et réparation des véhicules légers et utilitaires du parc municipal", "entretien-vehicules"),
        # A water network is a network: works, not the water service.
        ("TRAVAUX DE RENOUVELLEMENT DU RESEAU D'EAU POTABLE RUE DES LILAS", "travaux-voirie-reseaux"),
        ("Exploitation du réseau d'eau potable (affermage)", "eau-assainissement"),
    ],
)
def test_a_phrase_keeps_its_last_word_when_the_longer_one_means_the_same(text: str, family: str) -> None:
    assert object_ids(text)[0] == family


@pytest.mark.parametrize(
    ("text", "cpv", "family"),
    [
        # « mécanique » alone is not a garage: the mechanical upkeep of canals is irrigation works.
        ("ENTRETIEN MECANIQUE SUR LES CANAUX D'IRRIGATION DE LA PLAINE D'AVIGNON", ["45232120"],
         "travaux-voirie-reseaux"),
        ("Garage : mécanique et carrosserie des véhicules municipaux", [], "entretien-vehicules"),
        ("ENTRETIEN ET REPARATION MECANIQUE/ELECTRIQUE VL ET PL", [], "entretien-vehicules"),
        ("ENTRETIEN ET REPARATION MECANIQUE/ELECTRIQUE VL ET PL", ["50100000"], "entretien-vehicules"),
        # A street named after a wood is a place: separating sewers is network works.
        ("MISE EN SEPARATIF DE LA RUE DU BOIS DE TILLET", ["45232410"], "travaux-voirie-reseaux"),
        # A generator and a control cabinet installed are electrical works, not event hire nor furniture.
        ("FOURNITURE POSE GROUPE ELECTROGENE + ARMOIRE CONTROLE COMMANDE - HDD", ["45311200"], "travaux-batiment"),
        ("Location de groupes électrogènes pour la fête de la musique", [], "evenementiel"),
        ("Armoires de rangement pour les écoles", [], "mobilier"),
    ],
)
def test_words_with_a_second_trade_read_by_their_context(text: str, cpv: list[str], family: str) -> None:
    assert object_ids(text, cpv=cpv)[0] == family


def test_a_theme_cue_naming_the_people_served_keeps_its_weight_in_a_pour_complement() -> None:
    result = run("Fourniture de sièges ergonomiques pour les agents en situation de handicap")
    assert "handicap-accessibilite" in first_themes(result, 2)


@pytest.mark.parametrize(
    ("text", "theme"),
    [
        ("Etude de franchissabilité piscicole des seuils du Loir", "biodiversite-eau"),
        ("Etude de restauration morphologique du ruisseau", "biodiversite-eau"),
        ("Travaux de restauration de la ripisylve", "biodiversite-eau"),
        ("MOE FERME URBAINE", "biodiversite-eau"),
    ],
)
def test_words_of_real_objects_point_at_their_theme(text: str, theme: str) -> None:
    assert theme in first_themes(run(text))


@pytest.mark.parametrize("text", ["Titres-restaurant dématérialisés pour les agents",
                                  "FOURNITURE DE TICKETS RESTAURANT POUR LE PERSONNEL 2025-2027"])
def test_meal_vouchers_are_a_financial_service_not_catering_nor_paper(text: str) -> None:
    result = run(text)
    assert [family.id for family in result.understood.object_families] == ["assurances-finance"]
    assert not first_themes(result) & {"alimentation-durable", "papier-impression"}


def test_the_meal_voucher_code_is_not_read_as_paper() -> None:
    result = run("FOURNITURE DE TITRES POUR LE PERSONNEL", cpv=["30199770"])
    assert "papier-impression" not in first_themes(result)


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("FOURN. ET LIV. DE DENREES ALIMENTAIRES", "denrees-alimentaires"),
        ("FOURN. CARBURANT 2025", "carburants"),
        ("PREST NETT LOCAUX SCOLAIRES", "nettoyage-locaux"),
        ("TRVX REFECTION TOITURE", "travaux-batiment"),
        ("RESTO SCOLAIRE ET CRECHE", "restauration-collective"),
        ("TRANSP. SCOLAIRE MATIN ET SOIR", "transport-personnes"),
    ],
)
def test_truncated_words_of_decp_objects_are_read_whole(text: str, family: str) -> None:
    assert object_ids(text)[0] == family


def test_a_lift_alone_is_a_thing_its_creation_is_works_and_its_upkeep_maintenance() -> None:
    assert object_ids("TRAVAUX DE CREATION ASCENSEUR SALLE DES FETES - GROS OEUVRE")[0] == "travaux-batiment"
    assert object_ids("Maintenance préventive et curative des ascenseurs")[0] == "maintenance-installations"


def test_a_site_for_travellers_is_a_social_service_not_a_transport() -> None:
    result = run("GESTION DES AIRES D'ACCUEIL DES GENS DU VOYAGE DE LA COMMUNAUTE DE COMMUNES")
    assert [family.id for family in result.understood.object_families] == ["services-sociaux-formation"]
    assert "vehicules-mobilite" not in first_themes(result)
