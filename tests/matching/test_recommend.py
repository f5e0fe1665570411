"""Recommended clauses (pre-ticked): the object of the contract read in context, its core clauses, the obligations
that follow the object, one clause per need, nothing the text contradicts; the insertion hours proposed."""

import datetime as dt
import re

import pytest

from app.clauses.library import read_library
from app.config import PROJECT_ROOT
from app.matching.index import ClauseIndex
from app.matching.matcher import MatchResult, Query, match
from app.matching.recommend import core_reason

from .support import knowledge, run

AFTER = dt.date(2026, 9, 1)  # Climat et résilience in force: an environmental condition and criterion are due


def recommend(text: str, **options: object) -> MatchResult:
    return run(text, date=AFTER, **options)


def recommended(result: MatchResult) -> set[str]:
    return {item.clause.id for item in result.matches if item.recommended}


def obligation_ids(result: MatchResult) -> set[str]:
    return {obligation.id for obligation in result.obligations}


VEHICLES = {"vehicules-mobilite-faibles-emissions-acquisition", "vehicules-mobilite-flotte-prestataire",
            "vehicules-mobilite-ecoconduite"}
CATERING = {"alimentation-durable-egalim-parts", "alimentation-durable-menu-vegetarien",
            "dechets-emballages-contenants-sans-plastique-restauration"}
WORKS_SITE = {"dechets-emballages-soged-chantier", "nuisances-chantier-charte",
              "dechets-emballages-bsd-dechets-dangereux"}
CLEANING = {"ecolabels-produits-entretien-specification", "conditions-de-travail-nettoyage-en-journee"}


@pytest.mark.parametrize(
    ("text", "nature", "wanted", "unwanted"),
    [
        # "livraison", "recharge", "véhicule" in a tender that does not buy vehicles.
        ("Acquisition de 80 ordinateurs portables et de 4 chariots de recharge pour les écoles, livraison et "
         "installation comprises ; le véhicule de livraison est à la charge du titulaire.", None,
         {"numerique-responsable-equipements-durables"}, VEHICLES),
        # "restauration" of a building, of a painting, and catering.
        ("Restauration des façades et des menuiseries de l'ancien presbytère, reprise des enduits à la chaux.",
         None, {"insertion-heures-execution", "dechets-emballages-soged-chantier"}, CATERING),
        ("Restauration de deux tableaux de l'église : constat d'état, nettoyage, consolidation de la couche "
         "picturale.", None, {"environnement-general-condition-execution"}, CATERING | WORKS_SITE | CLEANING),
        ("Restauration scolaire en liaison froide pour les écoles maternelles et élémentaires", None, CATERING,
         WORKS_SITE),
        # "remise en état après travaux" in cleaning; "nettoyage" inside a works tender.
        ("Nettoyage des locaux de la mairie et remise en état après travaux de l'aile rénovée, vitrerie comprise.",
         None, {"ecolabels-produits-entretien-specification", "insertion-heures-services-recurrents"},
         WORKS_SITE | {"insertion-heures-execution"}),
        ("Réhabilitation de la salle des fêtes : gros œuvre, plâtrerie, peinture, nettoyage de fin de chantier.",
         None, {"insertion-heures-execution", "dechets-emballages-soged-chantier"},
         CLEANING | {"insertion-heures-services-recurrents"}),
        # Insurance of the fleet; buses with a driver for school trips; vehicles leased without driver.
        ("Assurance de la flotte automobile (60 véhicules) et des engins : responsabilité civile, dommages, bris de "
         "glace.", "services", {"environnement-general-critere-attribution"}, VEHICLES),
        ("Location de bus avec chauffeur pour les sorties scolaires et les accueils de loisirs, 150 trajets par an.",
         "services", {"vehicules-mobilite-flotte-prestataire"}, {"vehicules-mobilite-faibles-emissions-acquisition"}),
        ("Location longue durée de 10 véhicules utilitaires électriques pour les services techniques.", None,
         {"vehicules-mobilite-faibles-emissions-acquisition"}, {"vehicules-mobilite-flotte-prestataire"}),
        # Design services are not works.
        ("Maîtrise d'œuvre pour l'aménagement de la place de la mairie : voirie, réseaux, plantations. Montant des "
         "travaux estimé à 900 000 € HT.", "services", {"environnement-general-condition-execution"},
         WORKS_SITE | {"insertion-heures-execution"}),
        # "bois": firewood, timber, and a kind of waste.
        ("Fourniture de bois de chauffage en bûches pour les logements communaux", None,
         {"bois-forets-gestion-durable"}, set()),
        ("Fourniture de bois de construction et de panneaux OSB pour l'atelier municipal", None,
         {"bois-forets-origine-legale", "bois-forets-gestion-durable"}, set()),
        ("Enlèvement des bennes de la déchetterie (gravats, bois, cartons, déchets verts)", "services",
         {"vehicules-mobilite-flotte-prestataire"}, {"bois-forets-critere-attribution", "bois-forets-gestion-durable"}),
        # "papier peint" is not paper.
        ("Travaux de peinture et pose de papier peint dans trois logements communaux", None,
         {"substances-dangereuses-peintures-cov"}, {"papier-impression-papier-recycle"}),
        ("Fourniture de papier A4 et A3 pour les services", None, {"papier-impression-papier-recycle"}, set()),
        # Meals of an event are not collective catering under EGalim.
        ("Fourniture de repas pour la fête de la musique : buffet et boissons pour 300 personnes, prestation de "
         "traiteur.", None, {"dechets-emballages-reduction-emballages-plastiques"}, CATERING),
        ("Restauration des bénévoles du festival d'été : repas chauds servis sous chapiteau.", None,
         {"dechets-emballages-reduction-emballages-plastiques"}, CATERING),
    ],
)
def test_words_are_read_in_context(text: str, nature: str | None, wanted: set[str], unwanted: set[str]) -> None:
    chosen = recommended(recommend(text, nature=nature))
    assert wanted <= chosen, chosen
    assert not unwanted & chosen, unwanted & chosen


def test_the_object_is_what_is_bought_not_where_nor_what_for() -> None:
    objects = {
        "Acquisition et maintenance d'un logiciel de gestion de la restauration scolaire": [
            "logiciels-services-numeriques"],
        "Dératisation et désinsectisation des bâtiments, des réseaux d'assainissement et des restaurants scolaires": [
            "hygiene-3d"],
        "Enlèvement des bennes des déchetteries et collecte des déchets diffus spécifiques (DDS)": [
            "collecte-dechets", "dechets-dangereux"],
        "Travaux de réaménagement de la médiathèque et fourniture du mobilier": ["travaux-batiment", "mobilier"],
        "Réhabilitation de l'école : désamiantage, gros œuvre, peinture": [
            "travaux-batiment", "travaux-desamiantage", "travaux-peinture"],
    }
    for text, families in objects.items():
        assert [family.id for family in recommend(text).understood.object_families] == families, text


@pytest.mark.parametrize(
    ("text", "cpv", "applies", "absent"),
    [
        ("Fabrication et livraison des repas de la cantine de l'école, 120 repas par jour", [],
         {"egalim-restauration-collective", "menu-vegetarien-scolaire", "contenants-plastique-restauration"}, set()),
        ("Restauration de l'EHPAD municipal : cuisine sur place, petits-déjeuners, déjeuners, goûters et dîners", [],
         {"egalim-restauration-collective"}, {"menu-vegetarien-scolaire", "contenants-plastique-restauration"}),
        ("Fourniture de repas en liaison froide", ["55523100"], {"menu-vegetarien-scolaire"}, set()),
        ("Organisation de la fête communale : scène, sonorisation, restauration des bénévoles", [], set(),
         {"egalim-restauration-collective", "menu-vegetarien-scolaire"}),
        ("Logiciel de gestion de la restauration scolaire et des inscriptions", [], set(),
         {"egalim-restauration-collective", "menu-vegetarien-scolaire", "contenants-plastique-restauration"}),
        ("Acquisition de 6 véhicules utilitaires électriques", [], {"vehicules-faibles-emissions"}, set()),
        ("Assurance de la flotte automobile de la commune", [], set(), {"vehicules-faibles-emissions"}),
        ("Entretien et réparation des véhicules du parc municipal", [], set(), {"vehicules-faibles-emissions"}),
        ("Transport scolaire : circuits du matin et du soir", [], set(), {"vehicules-faibles-emissions"}),
        ("Fourniture de mobilier scolaire", [], {"agec-reemploi-recyclage"}, set()),
        ("Travaux de réaménagement de la médiathèque et fourniture du mobilier", [], {"agec-reemploi-recyclage"},
         set()),
        ("Travaux de réaménagement de la médiathèque", [], set(), {"agec-reemploi-recyclage"}),
        ("Nettoyage des bureaux de la mairie", [], set(), {"agec-reemploi-recyclage"}),
        ("Renouvellement du parc informatique : ordinateurs portables", [], {"indice-reparabilite"}, set()),
        ("Plateforme web de prise de rendez-vous, hébergement et maintenance des postes des agents", [], set(),
         {"indice-reparabilite", "materiels-informatiques-reformes"}),
    ],
)
def test_obligations_follow_the_object(text: str, cpv: list[str], applies: set[str], absent: set[str]) -> None:
    found = obligation_ids(recommend(text, cpv=cpv))
    assert applies <= found, found
    assert not absent & found, absent & found


def test_each_obligation_brings_what_it_requires() -> None:
    result = recommend("Acquisition de 6 véhicules utilitaires électriques")
    chosen = recommended(result)
    assert "vehicules-mobilite-faibles-emissions-acquisition" in chosen  # fleet renewal
    kinds = {(item.clause.kind, item.clause.decp_value) for item in result.matches if item.recommended}
    # Climat et résilience: an environmental award criterion and an environmental execution condition.
    assert ("critere-attribution", "Critère environnemental") in kinds
    assert ("condition-execution", "Clause environnementale") in kinds
    reasons = {item.clause.id: item.recommendation for item in result.matches if item.recommended}
    assert reasons["vehicules-mobilite-faibles-emissions-acquisition"] == (
        "clause essentielle d'un marché d'achat ou location de véhicules")


def test_one_clause_per_need_the_best_fitting() -> None:
    chosen = recommended(recommend("Nettoyage des locaux de la mairie avec clause d'insertion", cpv=["90911200"],
                                   amount_eur=300_000))
    assert "insertion-heures-services-recurrents" in chosen and "insertion-heures-execution" not in chosen
    works = recommended(recommend("Construction d'un gymnase avec clause d'insertion", amount_eur=1_500_000))
    assert "insertion-heures-execution" in works and "insertion-heures-services-recurrents" not in works


def test_nothing_the_text_contradicts() -> None:
    single = recommended(recommend("Entretien des espaces verts des cimetières, marché réservé aux SIAE et aux "
                                   "entreprises adaptées, lot unique, 2 ans"))
    assert "marche-reserve-lot-reserve" not in single
    assert single & {"marche-reserve-siae", "marche-reserve-ea-esat"}  # a reserved contract is still proposed
    lots = recommended(recommend("Entretien des espaces verts en 3 lots, dont un lot réservé aux SIAE"))
    assert "marche-reserve-lot-reserve" in lots


def test_text_that_names_a_theme_gets_its_best_clause() -> None:
    result = recommend("Maîtrise d'œuvre pour la viabilisation d'un lotissement : voirie, noues, plantations "
                       "d'essences locales et haies champêtres.", nature="services")
    assert "biodiversite-eau-vegetaux-locaux" in recommended(result)
    assert "dechets-emballages-soged-chantier" not in recommended(result)
    # ... when a purchase family of the text has the theme: a waste collection is no building site.
    collection = recommend("Collecte des ordures ménagères, horaires limitant les nuisances sonores pour les riverains")
    assert not {clause for clause in recommended(collection) if clause.startswith("nuisances-chantier")}


def test_no_penalty_is_recommended_documents_add_those_required() -> None:
    result = recommend("Restauration scolaire : repas des écoles en liaison froide")
    chosen = [item.clause for item in result.matches if item.recommended]
    assert chosen and all(clause.kind != "penalite" for clause in chosen)
    assert any("alimentation-durable-penalite" in clause.requires for clause in chosen)


def test_the_recommendation_does_not_depend_on_the_length_of_the_list() -> None:
    text = "Travaux de voirie et de réseaux, 800 000 € HT"
    assert recommended(recommend(text, limit=3)) == recommended(recommend(text, limit=50))


def test_a_core_clause_no_longer_in_force_gives_way_to_another_of_its_need() -> None:
    library = [doc for doc in read_library(PROJECT_ROOT / "clauses")
               if doc.id != "insertion-heures-services-recurrents"]
    result = match(ClauseIndex(library, knowledge()), Query(text="Nettoyage des locaux de la mairie", date=AFTER))
    assert "insertion-heures-execution" in recommended(result)


def test_insertion_hours_are_sized_with_the_family_labour_share() -> None:
    works = recommend("Construction d'un gymnase, 1,2 M€ HT")
    assert works.insertion is not None
    assert (works.insertion.clause_id, works.insertion.variable) == ("insertion-heures-execution", "heures")
    assert (works.insertion.labour_share.value, works.insertion.rate.value, works.insertion.hourly_cost_eur.value) == (
        0.5, 0.05, 30)
    assert works.insertion.hours == 1000  # 1 200 000 × 50 % × 5 % ÷ 30
    painting = recommend("Travaux de peinture intérieure des écoles", amount_eur=300_000)
    assert painting.insertion is not None and painting.insertion.labour_share.value == 0.7
    assert painting.insertion.hours == 350
    assert painting.insertion.formula == "300\u00a0000 € HT × 70 % × 5 % ÷ 30 €/h = 350 heures"
    assert recommend("Construction d'un gymnase").insertion is None  # amount unknown
    assert recommend("Fourniture de papier, 30 000 € HT").insertion is None  # no insertion clause recommended


def test_an_amount_read_from_the_text_brings_the_threshold_obligations() -> None:
    read = recommend("Entretien des espaces verts, 60 000 € HT par an sur 4 ans")
    assert (read.understood.amount_eur, read.understood.source) == (240_000, "texte")
    assert "climat-resilience-social" in obligation_ids(read)  # 240 000 € ≥ the EU threshold of services
    typed = recommend("Entretien des espaces verts, 60 000 € HT par an sur 4 ans", amount_eur=100_000)
    assert (typed.understood.amount_eur, typed.understood.source) == (100_000, "formulaire")
    assert "climat-resilience-social" not in obligation_ids(typed)


def test_the_nature_and_the_inferred_codes_follow_the_object() -> None:
    works = recommend("Construction d'un gymnase : lot 1 gros œuvre, lot 2 charpente, lot 3 électricité")
    assert works.nature == "travaux"
    assert works.inferred_cpv == ["45000000", "45420000"]  # not the supply of electricity
    cleaning = recommend("Nettoyage des locaux et remise en état après travaux de l'aile rénovée")
    assert cleaning.nature == "services" and cleaning.inferred_cpv == ["90910000"]


@pytest.mark.parametrize("lot", ["Électricité", "Ascenseur", "Espaces verts"])
def test_a_trade_lot_of_building_works_is_works_when_the_officer_says_so(lot: str) -> None:
    """A lot named by its trade, in a file the officer declared as works: "Électricité" is electrical works, not
    an electricity supply; "Ascenseur", not a lift maintenance service."""
    text = f"{lot}. Construction d'un gymnase de 1 200 m² avec vestiaires, en 3 lots : gros œuvre, {lot.lower()}."
    result = run(text, nature="travaux")
    assert [family.nature for family in result.understood.object_families] == ["travaux"]
    recommended = {item.clause.id for item in result.matches if item.recommended}
    assert "dechets-emballages-soged-chantier" in recommended
    assert not recommended & {"energie-climat-electricite-renouvelable", "energie-climat-engagement-performance",
                              "insertion-heures-services-recurrents"}


def test_a_head_whose_nature_the_text_states_stays_whatever_the_officers_nature() -> None:
    """A works lot of a services file ("Travaux de peinture") keeps its works clauses."""
    result = run("Travaux de peinture intérieure. Entretien des bâtiments communaux en 3 lots : nettoyage des "
                 "locaux, entretien des espaces verts, travaux de peinture intérieure.", nature="services")
    assert result.understood.object_families[0].id == "travaux-peinture"


def test_the_reason_of_every_family_reads_as_french() -> None:
    families = knowledge().families.all
    reasons = {family.id: core_reason(family) for family in families}
    assert len(reasons) == len(families) > 50
    assert reasons["vehicules-acquisition"] == "clause essentielle d'un marché d'achat ou location de véhicules"
    assert reasons["nettoyage-locaux"] == "clause essentielle d'un marché de nettoyage de locaux"
    assert reasons["electricite-gaz"] == "clause essentielle d'un marché de fourniture d'électricité et de gaz"
    # No purchase of a purchase, no doubled or unelided « de », no « de le » (du) nor « de les » (des).
    wrong = re.compile(r"\bachat d'achat\b|\bmarché de marché\b|\bde (de|d'|du|des|le|les)\b|\bde [aeiouyéèêàâîôû]")
    for family_id, reason in reasons.items():
        assert not wrong.search(reason.lower()), (family_id, reason)
