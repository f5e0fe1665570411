"""Families of issue 21 served by the new clauses (public lighting, renewable gas and fuels, design services,
vehicle maintenance, pest control, events, plant supply, technical textiles, funeral supplies): a realistic tender
of the family gets its clause recommended (pre-ticked) and its strongest purchase family lists the clause among
its core clauses; a tender of another family neither gets it recommended nor among its first ten proposals."""

import pytest

from app.matching.detection import detect
from app.matching.matcher import MatchResult

from .support import ids, knowledge, library_index, run


def recommended(result: MatchResult) -> list[str]:
    """The clauses that come pre-ticked."""
    return [item.clause.id for item in result.matches if item.recommended]

LIGHTING = "Rénovation de l'éclairage public : remplacement de 350 luminaires par des LED et télégestion"
GAS = "Fourniture et acheminement de gaz naturel pour les bâtiments communaux"
FUEL = "Fourniture de carburants pour la flotte de véhicules communaux"
DESIGN = ("Mission de maîtrise d'œuvre pour la réhabilitation énergétique et l'extension du groupe scolaire "
          "Jules Ferry (mission de base avec EXE et OPC)")
ROADS = ("Maîtrise d'œuvre pour l'aménagement de la rue de la République et de la place du marché : "
         "études de conception VRD, ACT, VISA, DET, AOR")
AMO = "Assistance à maîtrise d'ouvrage pour la programmation et le suivi de la construction d'une médiathèque"
GARAGE = ("Entretien, réparation et fourniture de pièces détachées pour les véhicules légers et utilitaires "
          "du parc municipal")
INSURANCE = "Assurance de la flotte automobile de la commune : dommages aux véhicules, bris de glace, assistance"
PESTS = ("Prestations de dératisation, désinsectisation et désinfection des bâtiments communaux et des réseaux "
         "d'assainissement")
EVENT = ("Organisation technique de la fête de la musique et du festival d'été : scène, sonorisation, sanitaires "
         "mobiles, buvette et restauration")
PLANTS = "Fourniture de plantes annuelles et bisannuelles pour le fleurissement de la ville, printemps et automne"
CURTAINS = "Fourniture de rideaux de scène, pendrillons et frises ignifugés pour la salle des fêtes"
FUNERAL = ("Prise en charge des obsèques des personnes dépourvues de ressources suffisantes : fourniture du cercueil, "
           "transport, inhumation ou crémation")
COFFINS = "Fourniture de cercueils et d'urnes cinéraires pour le service municipal des pompes funèbres"
CANTEEN = "Restauration scolaire : fabrication et livraison des repas"
CLEANING = "Nettoyage des locaux administratifs et des écoles"
GREEN = "Entretien des espaces verts et fauchage des accotements"
FLEET = "Acquisition de véhicules utilitaires légers électriques"
WORKS = "Travaux de réhabilitation du groupe scolaire : lot 1 gros œuvre, lot 2 menuiseries extérieures"
OFFICE = "Fourniture de papier et de fournitures de bureau pour les services municipaux"
CARE_HOME = ("Restauration de l'EHPAD municipal : préparation sur place des petits-déjeuners, déjeuners, goûters et "
             "dîners des 80 résidents, régimes et textures adaptés")
HOSTING = "Hébergement et infogérance du logiciel de gestion financière en mode SaaS, 4 ans"
PHONES = "Services de téléphonie mobile avec fourniture et renouvellement de 300 terminaux pour les agents"


@pytest.mark.parametrize(
    ("text", "clause_id", "other"),
    [
        (LIGHTING, "energie-climat-eclairage-public", CANTEEN),
        (GAS, "energie-climat-biomethane-garanties-origine", LIGHTING),
        (FUEL, "energie-climat-carburants-renouvelables", GREEN),
        (DESIGN, "energie-climat-maitrise-oeuvre-engagements", WORKS),
        (ROADS, "energie-climat-maitrise-oeuvre-engagements", CLEANING),
        (AMO, "energie-climat-assistance-maitrise-ouvrage", CANTEEN),
        (GARAGE, "reemploi-recyclage-entretien-vehicules-pieces", FLEET),
        (INSURANCE, "reemploi-recyclage-entretien-vehicules-pieces", OFFICE),
        (PESTS, "substances-dangereuses-lutte-integree-nuisibles", CLEANING),
        (EVENT, "dechets-emballages-evenements-ecoresponsables", CANTEEN),
        (PLANTS, "biodiversite-eau-fourniture-vegetaux", GREEN),
        (CURTAINS, "substances-dangereuses-textiles-techniques-feu", CLEANING),
        (FUNERAL, "bois-forets-fournitures-funeraires", WORKS),
        (COFFINS, "bois-forets-fournitures-funeraires", OFFICE),
        (HOSTING, "numerique-responsable-hebergement-sobre", OFFICE),
        (PHONES, "numerique-responsable-equipements-services", CANTEEN),
    ],
    ids=["lighting", "gas", "fuel", "design", "roads-design", "amo", "garage", "motor-insurance", "pest-control",
         "event", "plants", "stage-curtains", "funeral-services", "coffins", "hosting",
         "phones-with-service"],
)
def test_a_family_tender_gets_its_clause_and_another_family_does_not(text: str, clause_id: str, other: str) -> None:
    assert clause_id in recommended(run(text))
    families = detect(library_index(), text, [], None).families
    strongest = max(families, key=families.__getitem__)
    assert clause_id in knowledge().families.by_id[strongest].core, strongest
    assert clause_id not in recommended(run(other))
    assert clause_id not in ids(run(other), 10)


def test_maintenance_of_public_lighting_is_recognised_by_its_cpv_code() -> None:
    assert ids(run("Maintenance des installations", cpv=["50232100"]), 1) == ["energie-climat-eclairage-public"]


def test_a_care_home_tender_gets_the_elderly_catering_clause_and_a_school_canteen_does_not() -> None:
    """Care-home catering is collective catering: the clause comes from its own obligation (nutritional quality in
    social and medico-social establishments), not from the family's core clauses."""
    assert "alimentation-durable-restauration-personnes-agees" in recommended(run(CARE_HOME))
    assert "alimentation-durable-restauration-personnes-agees" not in ids(run(CANTEEN), 10)


def test_hosting_comes_with_hosted_software_not_with_software_run_on_the_buyers_servers() -> None:
    saas = "Abonnement à un logiciel de gestion des ressources humaines en mode SaaS"
    on_premise = "Acquisition de licences du logiciel de gestion financière installé sur les serveurs de la mairie"
    assert "numerique-responsable-hebergement-sobre" in recommended(run(saas))
    assert "numerique-responsable-hebergement-sobre" not in recommended(run(on_premise))


@pytest.mark.parametrize("text", [
    "Mission de contrôle technique et de coordination SPS pour la construction du pôle enfance",
    "Relevés topographiques et diagnostic amiante avant les travaux de la mairie",
])
def test_a_provider_who_checks_but_does_not_design_gets_no_designer_commitment(text: str) -> None:
    """Contrôle technique, coordination SPS, surveys: the designer's commitments (its clause's guidance says to
    avoid them there) are not recommended; a design mission still gets them."""
    assert "energie-climat-maitrise-oeuvre-engagements" not in recommended(run(text))
    assert "energie-climat-maitrise-oeuvre-engagements" in recommended(run(DESIGN))


def test_vehicles_leased_with_their_maintenance_are_vehicles_bought() -> None:
    """"Location-maintenance de véhicules" leases vehicles: the low-emission rules of a fleet apply."""
    result = run("Marché de location-maintenance de véhicules de la police municipale")
    assert "vehicules-mobilite-faibles-emissions-acquisition" in recommended(result)
    assert "vehicules-faibles-emissions" in {obligation.id for obligation in result.obligations}


@pytest.mark.parametrize(("text", "expected"), [
    ("Entretien et maintenance des installations de chauffage, ventilation et climatisation (P2/P3)", True),
    ("Marché d'exploitation des installations de chauffage avec intéressement", True),
    ("Maintenance des extincteurs et des systèmes de sécurité incendie", False),
    ("Maintenance des ascenseurs des bâtiments communaux", False),
])
def test_the_energy_performance_commitment_comes_with_energy_systems_only(text: str, expected: bool) -> None:
    """The holder who runs the heating can commit to a consumption; the one who services lifts or extinguishers
    cannot (the clause's guidance)."""
    assert ("energie-climat-engagement-performance" in recommended(run(text))) is expected


def test_street_cleaning_is_not_the_cleaning_of_premises() -> None:
    result = run("Prestations de nettoyage des voiries et de vidage des corbeilles de propreté")
    assert not set(recommended(result)) & {"conditions-de-travail-nettoyage-en-journee",
                                           "ecolabels-produits-entretien-specification"}
    assert "insertion-heures-services-recurrents" in recommended(result)


def test_stage_equipment_bought_is_equipment_not_an_event() -> None:
    bought = run("Achat de matériel de sonorisation et d'éclairage scénique pour la salle des fêtes")
    assert "cycle-de-vie-garantie-pieces" in recommended(bought)
    assert "dechets-emballages-evenements-ecoresponsables" not in recommended(bought)
    assert "dechets-emballages-evenements-ecoresponsables" in recommended(run(EVENT))


@pytest.mark.parametrize(("text", "textiles"), [
    ("Fourniture d'équipements de protection individuelle (gants de protection, chaussures de sécurité, casques) "
     "pour les services techniques", False),
    ("Fourniture d'EPI et de vêtements haute visibilité", False),
    ("Achat de vêtements de travail et d'équipements de protection individuelle pour les agents", True),
    ("Fourniture de vêtements de travail pour les agents des services techniques", True),
])
def test_protective_equipment_is_not_in_the_agec_textile_category(text: str, textiles: bool) -> None:
    """Décret 2024-134: "produits textiles à l'exception des équipements de protection individuels". PPE alone get
    the supply-chain commitment, not the AGEC textile share; bought with work clothes, the clothes bring it."""
    result = run(text)
    assert "droits-humains-chaine-oit-tracabilite" in recommended(result)
    assert ("reemploi-recyclage-textiles-agec" in recommended(result)) is textiles
    if not textiles:
        reasons = {item.clause.id: item.recommendation for item in result.matches if item.recommended}
        assert reasons["droits-humains-chaine-oit-tracabilite"] == (
            "clause essentielle d'un marché d'équipements de protection individuelle")
    assert ("agec-reemploi-recyclage" in {obligation.id for obligation in result.obligations}) is textiles
