"""Causes of missed must-clauses and off-topic pre-ticks found by the twelfth blind clause-level set
(tests/data/blind12_clause_level.jsonl), each as a general behaviour tried on other wordings than the set's."""

import datetime as dt

import pytest

from app.clauses.legal_lint import LABEL_RULE, admits_equivalent, label_required
from app.clauses.references import fold
from app.matching.cautions import read_cautions
from app.matching.reading import read_tender

from .support import object_ids, recommended, run

AFTER = dt.date(2026, 9, 1)


@pytest.mark.parametrize("text", [
    "Concession de service public pour la gestion du camping municipal des Rives (120 emplacements), 5 saisons.",
    "DSP pour l'exploitation de la piscine intercommunale et de son espace bien-être, 7 ans.",
    "Contrat de concession pour la gestion du cinéma municipal (2 salles) : programmation, accueil, billetterie.",
])
def test_a_concession_is_read_by_what_it_delegates_after_pour(text: str) -> None:
    result = run(text, nature="services", date=AFTER)
    assert object_ids(result)[0] == "exploitation-equipements-publics", text
    chosen = recommended(result)
    assert "egalite-non-discrimination-usagers" in chosen
    assert "insertion-heures-execution" not in chosen
    assert not {clause for clause in chosen if clause.startswith("conditions-de-travail-sous")}


@pytest.mark.parametrize("text", [
    "Délégation de service public pour la restauration scolaire : confection et livraison des repas, 6 ans.",
    "Piscine municipale – fourniture des produits de traitement de l'eau (chlore, correcteur de pH), 3 ans.",
])
def test_a_concession_of_catering_or_a_pool_named_as_a_place_keep_their_own_object(text: str) -> None:
    result = run(text, date=AFTER)
    assert "exploitation-equipements-publics" not in object_ids(result), text


@pytest.mark.parametrize(("text", "nature"), [
    ("Projet « jardin partagé du quartier des Fontaines » : fourniture de 12 composteurs en bois et d'une cabane à "
     "outils.", "fournitures"),
    ("Programme « Nature en ville » – fourniture et pose de 30 nichoirs et de 10 bacs à fleurs en robinier.",
     "fournitures"),
    ("Fourniture de 40 jardinières en douglas pour les rues piétonnes.", "fournitures"),
])
def test_timber_species_and_project_headings_keep_the_wood_clause(text: str, nature: str) -> None:
    assert "bois-forets-gestion-durable" in recommended(run(text, nature=nature, date=AFTER)), text


def test_a_felled_or_collected_tree_is_not_wood_bought() -> None:
    result = run("Abattage de 12 chênes et de 5 pins dépérissants au parc municipal, évacuation des branches.",
                 nature="services", date=AFTER)
    assert "forets-bois" not in object_ids(result)


@pytest.mark.parametrize("text", [
    "Cuisine centrale – founiture de 4 chariots de débarrassage et de 20 tables inox.",
    "Restaurant scolaire : fournitre de 60 chaises et 15 tables pour le réfectoire.",
])
def test_a_buying_verb_with_a_slip_still_opens_the_purchase(text: str) -> None:
    chosen = recommended(run(text, date=AFTER))
    assert "ecolabels-mobilier-specification" in chosen, text
    assert not {clause for clause in chosen if clause.startswith("alimentation-durable")}


@pytest.mark.parametrize("text", [
    "Lutte anti-vectorielle contre Aedes albopictus : surveillance des gîtes larvaires et traitements ciblés, 2 ans.",
    "Piégeage des ragondins sur les berges du canal et destruction des nids de guêpes dans les écoles, 3 ans.",
])
def test_mosquitoes_coypus_and_wasps_are_pest_control(text: str) -> None:
    chosen = recommended(run(text, nature="services", date=AFTER))
    assert "substances-dangereuses-lutte-integree-nuisibles" in chosen, text


@pytest.mark.parametrize("text", [
    "Rénovation du mobilier de la salle du conseil : ponçage et vernissage des tables, retapissage des fauteuils.",
    "Mobilier des écoles – lot 1 : tables et chaises neuves ; lot 2 : remise en état des meubles existants.",
])
def test_work_on_furniture_is_furniture_not_building_works(text: str) -> None:
    result = run(text, date=AFTER)
    assert "mobilier" in object_ids(result), text
    chosen = recommended(result)
    assert "dechets-emballages-soged-chantier" not in chosen
    assert "nuisances-chantier-charte" not in chosen
    assert "insertion-heures-execution" not in chosen


def test_building_repair_stays_works() -> None:
    result = run("Remise en état de la salle polyvalente : peinture, sols souples, menuiseries intérieures.",
                 date=AFTER)
    assert object_ids(result)[0] == "travaux-batiment"


@pytest.mark.parametrize(("text", "amount"), [
    ("Déneigement des parkings de la mairie : 3 hivers, 9 000 € HT par hiver.", 27_000),
    ("Salage des voies : 12 k€ HT l'hiver, marché de 2 hivers.", 24_000),
])
def test_an_amount_per_winter_is_a_year_of_winter_service(text: str, amount: float) -> None:
    assert read_tender(text).amount_eur == amount


@pytest.mark.parametrize(("text", "amount"), [
    ("Ateliers d'éveil musical : 20 séances par an à 180 € HT la séance, 3 ans.", 10_800),
    ("Formation SST des agents : 6 sessions par an, 1 100 € HT par session, 2 ans.", 13_200),
])
def test_a_price_per_session_with_the_sessions_a_year_is_the_amount(text: str, amount: float) -> None:
    assert read_tender(text).amount_eur == amount


def test_a_price_per_session_alone_is_a_unit_price() -> None:
    reading = read_tender("Formation aux gestes de premiers secours, 450 € HT la session.")
    assert reading.amount_eur is None
    assert any("prix unitaire" in note for note in reading.notes)


@pytest.mark.parametrize("text", [
    "Café et thé labellisés Max Havelaar, aucun équivalent ne sera admis.",
    "Produits d'entretien certifiés Ecocert exigés, à l'exclusion de tout autre label.",
    "Sacs compostables : label OK Compost obligatoire, aucun autre label ne sera accepté.",
])
def test_a_label_made_exclusive_is_cautioned(text: str) -> None:
    assert [caution.rule for caution in read_cautions(text)] == [LABEL_RULE], text


@pytest.mark.parametrize("text", [
    "Aucun label n'est exigé pour les fournitures de bureau.",
    "Mobilier certifié NF Environnement ou équivalent, aucun autre critère environnemental.",
])
def test_no_label_required_or_an_equivalent_admitted_is_not_cautioned(text: str) -> None:
    assert read_cautions(text) == [], text


def test_the_draft_check_reads_an_exclusive_label_alike() -> None:
    assert label_required(fold("Le papier porte obligatoirement le label Ange Bleu, "
                               "aucun autre label ne sera accepté."))
    assert not admits_equivalent(fold("Label Ange Bleu exigé ; aucun équivalent ne sera accepté."))
    assert admits_equivalent(fold("Label Ange Bleu ou équivalent."))


@pytest.mark.parametrize("text", [
    "Crématorium – entretien du four et du traitement des fumées, évacuation des résidus (REFIOM), 3 ans.",
    "Maintenance du four crématoire et enlèvement des REFIDI en centre agréé, 4 ans.",
])
def test_a_cremation_furnace_is_an_installation_and_its_flue_residues_hazardous_waste(text: str) -> None:
    result = run(text, nature="services", date=AFTER)
    assert "electromenager" not in object_ids(result), text
    chosen = recommended(result)
    assert "dechets-emballages-bsd-dechets-dangereux" in chosen
    assert "bois-forets-fournitures-funeraires" not in chosen


@pytest.mark.parametrize("text", [
    "Cinéma municipal : achat d'un projecteur numérique laser et d'un serveur, reprise de l'ancien matériel.",
    "Salle de cinéma – remplacement de l'équipement de projection (projecteur de cinéma, serveur DCP).",
])
def test_a_cinema_projector_is_hardware_not_a_digital_service(text: str) -> None:
    result = run(text, date=AFTER)
    assert object_ids(result)[0] == "informatique-materiel", text
    assert "handicap-accessibilite-rgaa-numerique" not in recommended(result)


@pytest.mark.parametrize("text", [
    "Photographe scolaire : photos de classe des écoles maternelles et élémentaires, 3 ans.",
    "Prises de vue et tirages des photos de classe dans les 6 écoles et la crèche.",
])
def test_school_photos_are_a_photographer_s_service_not_works_in_schools(text: str) -> None:
    result = run(text, date=AFTER)
    assert object_ids(result) == ["communication-evenementiel"], text
    chosen = recommended(result)
    assert not {clause for clause in chosen if clause.startswith(("alimentation-durable", "insertion-heures"))}
    assert "dechets-emballages-soged-chantier" not in chosen


@pytest.mark.parametrize(("text", "amount"), [
    ("Location longue durée de 4 véhicules pour la police municipale, 350 € HT par mois et par véhicule, 48 mois.",
     67_200),
    ("LLD de 6 vélos électriques : 45 € HT par vélo et par mois, 36 mois.", 9_720),
    ("Location de copieurs : 95 € HT par mois et par copieur pour 12 copieurs, 5 ans.", 68_400),
])
def test_a_price_per_month_and_per_thing_counts_the_things(text: str, amount: float) -> None:
    assert read_tender(text).amount_eur == amount


def test_a_price_per_month_and_per_thing_never_counted_stays_a_month_s() -> None:
    assert read_tender("Location : 95 € HT par mois et par copieur, 5 ans.").amount_eur == 5_700


@pytest.mark.parametrize("text", [
    "Échange de jeunes avec la ville jumelée : voyage en train et hébergement pour 20 jeunes.",
    "Séjour linguistique en Irlande pour 25 collégiens : vol, hébergement en familles, cours.",
])
def test_a_youth_exchange_or_a_language_stay_serves_its_participants(text: str) -> None:
    result = run(text, date=AFTER)
    assert object_ids(result)[0] == "services-sociaux-formation", text
    chosen = recommended(result)
    assert "egalite-non-discrimination-usagers" in chosen
    assert not {clause for clause in chosen if clause.startswith("vehicules-mobilite")}


@pytest.mark.parametrize("text", [
    "Profil acheteur : abonnement à une plateforme de dématérialisation des marchés, 3 ans.",
    "Abonnement à la plateforme de dématérialisation des procédures pour les 12 communes, 4 ans.",
])
def test_a_subscription_to_a_buyer_platform_is_a_digital_service_not_periodicals(text: str) -> None:
    result = run(text, date=AFTER)
    assert object_ids(result)[0] == "logiciels-services-numeriques", text
    assert "handicap-accessibilite-rgaa-numerique" in recommended(result)


def test_a_press_subscription_stays_periodicals() -> None:
    result = run("Médiathèque : abonnements à 80 périodiques et abonnements presse, 3 ans.", date=AFTER)
    assert object_ids(result)[0] == "livres-documentation"
