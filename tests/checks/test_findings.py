"""Each finding type on small drafts: present, absent, outdated, risky — and the wording that must not trigger it."""

from typing import Any

import pytest

from app.checks.comments import comment_text
from app.checks.rules import WORDING_RULES
from app.clauses.library import read_library
from app.clauses.references import read_references
from app.config import PROJECT_ROOT
from tests.checks.support import DRAFTS_DIR, check, check_blocks, finding, rules

NETTOYAGE = ("p", "Le présent marché de services a pour objet le nettoyage des locaux de la mairie. Montant estimé : "
                  "80 000 € HT. Date d'envoi de l'avis à la publication : 15/09/2026.")
VIGILANCE = ("p", "Le titulaire remet, à la signature puis tous les six mois, l'attestation de vigilance délivrée par "
                  "l'URSSAF (article D8222-5 du code du travail).")
ENVIRONMENT = ("p", "Le titulaire utilise des produits titulaires de l'Ecolabel européen ou équivalent et trie ses "
                    "déchets.")


def ccap(*paragraphs: str, head: tuple[str, str] = NETTOYAGE, extra: tuple[tuple[str, Any], ...] = ()) -> list[Any]:
    return [("title", "CCAP"), ("h1", "Article 1 – Objet"), head, ("h1", "Article 2 – Exécution"),
            *[("p", text) for text in paragraphs], *extra]


# --- outdated references ----------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "refs"), [
    ("Conformément à l'article 14 du Code des Marchés Publics, le titulaire s'engage…", ["CMP 2006 art. 14"]),
    ("Les articles 14 et 53 du CMP s'appliquent.", ["CMP 2006 art. 14", "CMP 2006 art. 53"]),
    ("Le candidat atteste ne pas entrer dans les cas de l'article 43 du code des marchés publics.", ["CMP 2006"]),
    ("Vu l'ordonnance n°2015-899 du 23 juillet 2015 relative aux marchés publics.", ["Ord. 2015-899"]),
    ("Procédure adaptée (article 27 du décret n° 2016-360 du 25 mars 2016).", ["Décret 2016-360"]),
    ("La pondération suit l'article 62 du décret n° 2016-360.", ["Décret 2016-360 art. 62"]),
    ("Le CCAG-FCS approuvé par arrêté du 19 janvier 2009 est applicable.", ["CCAG-FCS 2009"]),
    ("Les stipulations du CCAG Travaux (version 2009) s'appliquent.", ["CCAG-Travaux 2009"]),
    ("Le CCAG applicable aux marchés publics de prestations intellectuelles de 2009 s'applique.", ["CCAG-PI 2009"]),
    ("Le marché est soumis au CCAG 2009.", ["CCAG 2009"]),
    ("En application de l'article L.8222-6 du code du travail, une pénalité de 10 % du montant du contrat est "
     "infligée au titulaire.", ["C. trav. L8222-6 (rédaction 2011)"]),
    # an article's subdivision belongs to the article; dotted acronyms read like plain ones
    ("Une préférence est accordée aux SCOP en application de l'article 53 IV du code des marchés publics.",
     ["CMP 2006 art. 53"]),
    ("Les offres sont jugées selon l'art. 53 - I - 2° du CMP.", ["CMP 2006 art. 53"]),
    ("Le C.C.A.G. des marchés de travaux (édition 2009) s'applique.", ["CCAG-Travaux 2009"]),
    ("Les stipulations du C.C.A.G.-P.I. de 2009 s'appliquent.", ["CCAG-PI 2009"]),
    # the ordonnance of 2015 cited without number nor date
    ("Le lot 4 est réservé en application de l'article 37 de l'ordonnance.", ["Ord. 2015-899 art. 37"]),
    # the concession texts of 2016, replaced by the code like those of public contracts
    ("Le contrat de concession est régi par l'ordonnance n°2016-65 et le décret du 1er février 2016.",
     ["Ord. 2016-65", "Décret 2016-86"]),
    ("Les articles 27 et 28 du décret n° 2016-86 fixent la durée de la concession.", ["Décret 2016-86"]),
    # the loi MOP and the payment decree of 2013, both taken into the code on 1 April 2019
    ("La mission de maîtrise d'œuvre est définie par la loi n°85-704 du 12 juillet 1985.", ["Loi 85-704"]),
    ("Les éléments de mission sont ceux de la loi MOP.", ["Loi 85-704"]),
    ("Les intérêts moratoires sont calculés selon le décret du 29 mars 2013.", ["Décret 2013-269"]),
])
def test_outdated_reference_found_with_its_successor(text: str, refs: list[str]) -> None:
    result = check_blocks(ccap(text, "Le titulaire trie ses déchets et réduit les emballages."))
    outdated = [f for f in result.findings if f.category == "obsolete"]
    assert [f.reference for f in outdated] == refs
    assert all(f.replaced_by and f.fix.startswith("Citer à la place") for f in outdated)


@pytest.mark.parametrize("text", [
    "Le CCAG-FCS 2021 approuvé par l'arrêté du 30 mars 2021 s'applique.",
    "Conformément aux articles L2112-2 et R2152-7 du code de la commande publique.",
    "Le titulaire respecte l'article L8222-1 du code du travail.",
    "La commune est membre de la CMPA (centrale mutualisée des petits achats) depuis 2019.",
    # another ordonnance named by its number; a word that starts like « ordonnance »
    "Le titulaire respecte l'article 3 de l'ordonnance n° 2025-979 relative à la performance énergétique.",
    "La mission comprend la coordination de l'ordonnancement des travaux.",
])
def test_current_references_are_not_outdated(text: str) -> None:
    assert "reference-perimee" not in rules(check_blocks(ccap(text, ENVIRONMENT[1])))


def test_outdated_reference_in_a_footer_is_located_there() -> None:
    result = check_blocks(ccap(ENVIRONMENT[1], extra=(("footer", "Établi selon le CCAG-FCS de 2009"),)))
    location = finding(result, "reference-perimee").location
    assert location is not None and location.where == "pied de page" and location.paragraph is None


# --- risky wording ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "rule"), [
    ("Les produits d'entretien doivent obligatoirement porter l'Ecolabel européen.", "label-sans-equivalent"),
    ("Le papier fourni sera labellisé PEFC.", "label-sans-equivalent"),
    ("Le mobilier proposé est certifié NF Environnement.", "label-sans-equivalent"),
    ("Priorité sera donnée aux entreprises implantées sur le territoire de la communauté de communes.",
     "preference-locale"),
    ("Les denrées sont d'origine régionale.", "preference-locale"),
    ("Le titulaire dispose d'un dépôt à moins de 30 km de la commune.", "preference-locale"),
    ("Le candidat présente la politique RSE de l'entreprise, notée sur 10 points.", "politique-generale"),
    ("Le titulaire justifie de sa démarche RSE.", "politique-generale"),
    ("En cas de non-respect de la clause environnementale, une pénalité sera appliquée.", "penalite-sans-montant"),
    ("Le titulaire s'expose à des pénalités en cas de retard.", "penalite-sans-montant"),
    # other ways of announcing a penalty, and preferences in other words
    ("En cas d'absence aux réunions, le prestataire encourra des pénalités.", "penalite-sans-montant"),
    ("Tout dépassement du délai expose le cocontractant à une pénalité.", "penalite-sans-montant"),
    ("L'absence de rapport rend le prestataire redevable de pénalités.", "penalite-sans-montant"),
    ("Tout manquement à la charte est sanctionné par une pénalité.", "penalite-sans-montant"),
    ("Chaque absence de l'agent d'accueil fera l'objet de pénalités.", "penalite-sans-montant"),
    # an equivalence admitted for an earlier label does not cover a later one
    ("Sols : Écolabel européen ou équivalent ; vitres : produit certifié NF Environnement.", "label-sans-equivalent"),
    # the holder undergoes the penalty
    ("En cas de livraison incomplète, le fournisseur supportera des pénalités.", "penalite-sans-montant"),
    ("Faute de rapport mensuel, le prestataire subira une pénalité.", "penalite-sans-montant"),
    ("Tout oubli de collecte est sanctionné d'une pénalité.", "penalite-sans-montant"),
    ("Le titulaire absent à la réunion de chantier se voit appliquer une pénalité.", "penalite-sans-montant"),
    ("Le titulaire fait appel de préférence à des fournisseurs de proximité.", "preference-locale"),
    ("Une attention particulière est portée aux sous-traitants du bassin de vie.", "preference-locale"),
    ("En priorité aux producteurs de la vallée, le titulaire achète ses légumes.", "preference-locale"),
    # other firms, a region rather than a place
    ("Les matériaux sont commandés auprès de fabricants régionaux.", "preference-locale"),
    ("Priorité est donnée aux transporteurs de proximité pour les livraisons.", "preference-locale"),
    ("Les sous-traitants locaux sont consultés en premier.", "preference-locale"),
    # « pénalisé », a penalty left to the gravity of the failure or to the buyer's judgement
    ("Chaque oubli de ramassage sera systématiquement pénalisé.", "penalite-sans-montant"),
    ("Une pénalité modulée selon la gravité du manquement est appliquée.", "penalite-sans-montant"),
    ("Des pénalités sont fixées à l'appréciation du pouvoir adjudicateur.", "penalite-sans-montant"),
    ("Retard de livraison 150 € HT par jour Absence de rapport Pénalité proportionnée à la gravité du manquement",
     "penalite-sans-montant"),
    # the holder « paiera des pénalités »; a deduction from the price announced without amount
    ("En cas de retard, le fournisseur paiera des pénalités.", "penalite-sans-montant"),
    ("Chaque passage manqué donnera lieu à une réfaction du prix.", "penalite-sans-montant"),
    ("Toute absence de l'agent fait l'objet d'une retenue sur le règlement.", "penalite-sans-montant"),
    # the firm's distance scored; the general policy under its English acronyms
    ("La localisation de l'atelier à moins de 25 km du centre technique est notée sur 5 points.",
     "preference-locale"),
    ("Le candidat expose sa politique ESG, notée sur 5 points.", "politique-generale"),
    # a penalty named with a hyphenated word, announced without amount
    ("Toute pénalité de sur-consommation sera calculée lors du bilan annuel.", "penalite-sans-montant"),
    ("En cas de non-conformité, une pénalité d'auto-contrôle peut être appliquée.", "penalite-sans-montant"),
    # a list item naming the failure then its penalty, without amount
    ("Défaut de balisage de la zone de travaux : pénalité journalière par jour constaté ;", "penalite-sans-montant"),
    ("Absence du registre de sécurité : pénalité fixe.", "penalite-sans-montant"),
    # goods of national or regional make; premises required within a distance of the buyer
    ("Les bancs et corbeilles proposés sont de fabrication régionale.", "preference-locale"),
    ("Le dépôt de matériel du prestataire est distant de moins de 20 km de la mairie.", "preference-locale"),
    ("L'entrepôt de stockage du fournisseur est éloigné de 40 km au maximum du centre technique.",
     "preference-locale"),
    # local products named with what they are besides local
    ("Les repas sont composés de produits frais et locaux.", "preference-locale"),
    ("Le titulaire sert chaque jour un produit bio et local.", "preference-locale"),
    # a penalty without amount after another one with its own amount in the same paragraph
    ("Tout retard de livraison donne lieu à une pénalité de 40 € HT par jour. Les livraisons incomplètes seront "
     "pénalisées.", "penalite-sans-montant"),
])
def test_risky_wording_is_flagged(text: str, rule: str) -> None:
    result = check_blocks(ccap(text, ENVIRONMENT[1]))
    assert rule in rules(result, "risque")
    flagged = finding(result, rule)
    assert flagged.location is not None and flagged.location.excerpt == text
    assert flagged.sources and flagged.fix


@pytest.mark.parametrize("text", [
    "Les produits portent l'Ecolabel européen ou tout label équivalent ; tout autre moyen de preuve est admis.",
    "Les produits écolabellisés sont privilégiés dans les propositions du titulaire.",
    "Aucun label n'est exigé.",
    "L'origine géographique des produits n'est pas notée.",
    "Seules sont appréciées les mesures propres à l'exécution du présent marché ; la politique générale de "
    "l'entreprise n'est pas notée.",
    "Tout retard donne lieu à une pénalité de 100 € HT par jour.",
    "Les pénalités de retard sont celles de l'article 14 du CCAG-FCS 2021.",
    "Le délai d'intervention sur site est de quatre heures au plus après l'appel.",
    # Lawful wordings of the library (legal review of December 2026).
    "Le critère porte sur les conditions d'achat des produits proposés et non sur la politique générale de "
    "l'entreprise.",
    "Le cadre de réponse indique pour chaque référence le label détenu ou le justificatif de conformité.",
    "La part minimale des peintures qui satisfont aux exigences de l'écolabel européen est fixée à 50 %.",
    "Au moins 50 % des sujets appartiennent à des espèces sauvages indigènes d'origine locale.",
    # a penalty already fixed in the same clause
    "Si la pièce n'est pas remplacée dans les huit jours, le titulaire encourt la même pénalité.",
    "Les produits portent l'Ecolabel européen ; tout label équivalent est accepté.",
    # the territory of the European Union is not a local territory
    "Les données sont stockées dans des centres de données situés sur le territoire de l'Union européenne.",
    # wild plants of local genetic origin are an ecological requirement; a range of amounts by gravity is an amount
    "Les haies sont plantées d'arbustes sauvages champêtres d'origine locale (marque Végétal local ou équivalent).",
    "Les semences de la prairie fleurie sont d'origine locale (marque Végétal local ou équivalent).",
    # the premises (« locaux ») are no local products
    "Les produits de nettoyage des locaux sont fournis par le titulaire.",
    "Une pénalité de 100 € à 1 000 € HT, selon la gravité du manquement, est appliquée.",
    "Les retards dus aux intempéries ne sont pas pénalisés.",
    # penalties given by the scale that follows; the guarantee retention is no penalty
    "Les retards sont pénalisés selon le barème suivant :",
    "Chaque acompte donne lieu à une retenue de garantie.",
    # penalties announced before the list or table that gives their amounts; an amount after the failure
    "En cas de manquement, des pénalités sont appliquées comme suit :",
    "Défaut de balisage de la zone de travaux : pénalité forfaitaire de 250 € HT par constat ;",
    # a distance stated, not required
    "Les deux écoles desservies sont distantes de 12 km l'une de l'autre.",
    # a penalty whose amount the next sentence gives
    "Une pénalité est appliquée à chaque passage manqué. Son montant est de 60 € HT par passage.",
    # penalties already fixed, referred to again
    "Tout retard donne lieu à une pénalité de 50 € HT par jour. Ces pénalités sont dues sans mise en demeure.",
])
def test_sound_wording_is_not_flagged(text: str) -> None:
    assert rules(check_blocks(ccap(text, ENVIRONMENT[1])), "risque") == []


ORDERS = ("p", "Accord-cadre à bons de commande de fourniture de denrées pour la restauration scolaire. Montant "
               "maximum : 150 000 € HT. Date d'envoi de l'avis : 01/10/2026.")


@pytest.mark.parametrize(("cell", "flagged"), [
    ("Certifié NF Environnement", True),  # a requirement table's cell needs no verb
    ("Produits certifiés Ecodétergent", True),
    ("Certifié Ecodétergent ou équivalent", False),
    ("Fiche de données de sécurité", False),
])
def test_label_required_in_a_table_of_requirements(cell: str, flagged: bool) -> None:
    table = ("table", [["Produit", "Exigence"], ["Liquide vaisselle", cell]])
    assert ("label-sans-equivalent" in rules(check_blocks(ccap(ENVIRONMENT[1], extra=(table,))))) is flagged


@pytest.mark.parametrize(("column", "cell", "flagged"), [
    ("Exigences", "NF Environnement", True),  # the column says it is required: the label alone is enough
    ("Label requis", "Ecolabel européen", True),
    ("Exigences", "NF Environnement ou équivalent", False),
    ("Exigences", "Ecolabel européen, par exemple", False),
    ("Moyen de preuve possible", "NF Environnement", False),  # a proof, not a requirement
])
def test_label_named_alone_under_a_requirement_column(column: str, cell: str, flagged: bool) -> None:
    table = ("table", [["Fourniture", column], ["Papier d'impression", cell]])
    assert ("label-sans-equivalent" in rules(check_blocks(ccap(ENVIRONMENT[1], extra=(table,))))) is flagged


@pytest.mark.parametrize(("cell", "flagged"), [
    ("À définir", True),
    ("Selon le préjudice subi", True),
    ("200 € HT par jour calendaire", False),
    ("Prévue à l'article 7 du présent CCAP", False),
    ("Voir l'article 7", False),
    ("Sans objet", False),
    ("Néant", False),
])
def test_penalty_column_cell_without_amount(cell: str, flagged: bool) -> None:
    # the title row (« Pénalité applicable ») is not itself a penalty without amount
    table = ("table", [["Manquement", "Pénalité applicable"], ["Absence du chef d'équipe", cell]])
    result = check_blocks(ccap(ENVIRONMENT[1], VIGILANCE[1], extra=(table,)))
    assert ("penalite-sans-montant" in rules(result, "risque")) is flagged


def test_result_obligation_on_what_is_ordered_is_flagged() -> None:
    text = "Le titulaire garantit qu'au moins 30 % des denrées livrées sont issues de l'agriculture biologique."
    assert "obligation-resultat-bons-de-commande" in rules(check_blocks(ccap(text, head=ORDERS)), "risque")


def test_means_obligation_under_orders_is_not_flagged() -> None:
    text = ("Le titulaire propose des références biologiques pour chaque famille de denrées ; l'acheteur vise au "
            "moins 30 % de produits biologiques sur l'année.")
    assert "obligation-resultat-bons-de-commande" not in rules(check_blocks(ccap(text, head=ORDERS)))


def test_composition_of_each_product_is_not_a_share_of_orders() -> None:
    text = ("Pour chaque produit fourni, au moins 80 % du volume de bois provient de forêts gérées durablement.")
    assert "obligation-resultat-bons-de-commande" not in rules(check_blocks(ccap(text, head=ORDERS)))


@pytest.mark.parametrize(("text", "flagged"), [
    # any goods named as those delivered or ordered
    ("Le titulaire garantit que 60 % des ampoules livrées sont à LED.", True),
    ("Au moins 40 % des cartouches commandées doivent être des cartouches remanufacturées.", True),
    ("L'acheteur vise 60 % des ampoules commandées à LED ; le titulaire les propose au catalogue.", False),
    # an amount, a price or the orders themselves are not goods
    ("Le titulaire s'engage à consentir une remise de 5 % du montant commandé au-delà de 10 000 € HT.", False),
    ("Le titulaire garantit que 95 % des bons de commande sont livrés dans les délais.", False),
    # a share of the orders' amount, qualified (annual, total)
    ("Les articles recyclés représentent au minimum 40 % du montant total annuel des commandes.", True),
])
def test_share_of_any_goods_ordered(text: str, flagged: bool) -> None:
    assert ("obligation-resultat-bons-de-commande" in rules(check_blocks(ccap(text, head=ORDERS)))) is flagged


def test_share_without_orders_is_not_a_bons_de_commande_risk() -> None:
    text = "Le titulaire garantit qu'au moins 30 % des denrées livrées sont issues de l'agriculture biologique."
    assert "obligation-resultat-bons-de-commande" not in rules(check_blocks(ccap(text)))


RC_HEAD = [("title", "Règlement de la consultation"), ("h1", "Article 1 – Objet"), NETTOYAGE]


@pytest.mark.parametrize(("criteria", "flagged"), [
    ([("list", ["Prix", "Valeur technique", "Performance environnementale"])], True),
    ([("p", "Les offres seront appréciées au regard du prix et de la valeur technique.")], True),
    ([("table", [["Critère", "Note"], ["Prix", "selon la formule"], ["Valeur technique", "mémoire"]])], True),
    ([("list", ["Prix : 60 %", "Valeur technique : 30 %", "Performance environnementale : 10 %"])], False),
    ([("list", ["Prix (60 points)", "Valeur technique (40 points) appréciée au regard des éléments suivants :"]),
      ("list", ["qualité de la méthodologie ;", "délai d'intervention."])], False),
    ([("p", "Les critères, par ordre décroissant d'importance, sont : la valeur technique, le prix.")], False),
    # a table whose header names the unit weighs its rows with bare numbers
    ([("table", [["Critère", "Pondération (%)"], ["Prix", "55"], ["Valeur technique", "45"]])], False),
    ([("table", [["Critère", "Nombre de points"], ["Prix", "55"], ["Délai", "à préciser"]])], True),
])
def test_award_criteria_without_weighting(criteria: list[Any], flagged: bool) -> None:
    blocks = [*RC_HEAD, ("h1", "Article 4 – Critères d'attribution"), *criteria]
    assert ("critere-sans-ponderation" in rules(check_blocks(blocks))) is flagged


# --- missing and present considerations ------------------------------------------------------------------


def test_environmental_condition_missing_then_present() -> None:
    missing = check_blocks(ccap("Les prestations sont réalisées du lundi au vendredi.", VIGILANCE[1]))
    assert rules(missing, "manquant") == ["environnement-condition-manquante"]
    proposed = finding(missing, "environnement-condition-manquante").clauses
    assert proposed and all(c.kind in ("condition-execution", "specification-technique") for c in proposed)
    present = check_blocks(ccap(ENVIRONMENT[1], VIGILANCE[1]))
    assert rules(present, "manquant") == []
    assert present.decp["considerationsEnvironnementales"] == ["Clause environnementale"]


def test_no_environmental_obligation_before_august_2026() -> None:
    head = ("p", "Marché de nettoyage des locaux. Montant estimé : 80 000 € HT. Date d'envoi de l'avis à la "
                 "publication : 3 juin 2026.")
    result = check_blocks(ccap("Les prestations sont réalisées du lundi au vendredi.", VIGILANCE[1], head=head))
    assert rules(result, "manquant") == []


def test_the_environmental_condition_binds_from_22_august_2026() -> None:
    def missing(day: int) -> list[str]:
        head = ("p", "Marché de nettoyage des locaux. Montant estimé : 80 000 € HT. Date d'envoi de l'avis à la "
                     f"publication : {day} août 2026.")
        result = check_blocks(ccap("Les prestations sont réalisées du lundi au vendredi.", VIGILANCE[1], head=head))
        assert result.facts.launch_date.day == day
        return rules(result, "manquant")

    assert missing(21) == []  # the criterion of R2152-7 binds from 21 August: the RC is not checked here
    assert missing(22) == ["environnement-condition-manquante"]


def test_environmental_criterion_missing_in_an_rc() -> None:
    blocks = [*RC_HEAD, ("h1", "Article 4 – Jugement des offres"), ("list", ["Prix : 70 %", "Valeur technique : 30 %"]),
              ("h1", "Article 5 – Attribution"), VIGILANCE]
    result = check_blocks(blocks)
    assert rules(result, "manquant") == ["environnement-critere-manquant"]
    assert all(c.kind == "critere-attribution" for c in finding(result, "environnement-critere-manquant").clauses)
    location = finding(result, "environnement-critere-manquant").location
    assert location is not None and location.part == "RC" and location.article == "4"


@pytest.mark.parametrize("criteria", [
    ("list", ["Prix : 70 %", "Valeur technique : 30 %",
              "Démarche environnementale (emballages, transport) : pour information, non notée"]),
    ("table", [["Critère", "Pondération"], ["Prix", "60 %"], ["Valeur technique", "40 %"],
               ["Performance environnementale des livraisons", "0 %"]]),
])
def test_an_environmental_criterion_not_scored_is_no_criterion(criteria: tuple[str, Any]) -> None:
    """A criterion weighted zero or given « pour information » plays no part in the choice: R2152-7 is not met,
    and the line is no criterion left without weighting."""
    blocks = [*RC_HEAD, ("h1", "Article 4 – Jugement des offres"), criteria, ("h1", "Article 5 – Attribution"),
              VIGILANCE]
    result = check_blocks(blocks)
    assert rules(result, "manquant") == ["environnement-critere-manquant"]
    assert "critere-sans-ponderation" not in rules(result)
    assert result.decp["considerationsEnvironnementales"] == ["Pas de considération environnementale"]


def test_social_condition_required_at_eu_threshold() -> None:
    head = ("p", "Le marché de services porte sur le nettoyage des locaux. Montant estimé : 400 000 € HT. Date "
                 "d'envoi de l'avis : 20/10/2026.")
    without = check_blocks(ccap(ENVIRONMENT[1], VIGILANCE[1], head=head))
    assert rules(without, "manquant") == ["social-condition-manquante"]
    assert finding(without, "social-condition-manquante").certainty == "to-check"
    insertion = ("Clause d'insertion : le titulaire réserve 7 % des heures travaillées à des personnes éloignées de "
                 "l'emploi, article 9.2.")
    with_clause = check_blocks(ccap(ENVIRONMENT[1], VIGILANCE[1], insertion, head=head))
    assert rules(with_clause, "manquant") == []
    present = finding(with_clause, "present-insertion")
    assert present.title == "Clause d'insertion (7 % des heures)" and present.decp == "Clause sociale"
    assert present.clauses and "insertion" in present.clauses[0].id
    assert with_clause.decp["considerationsSociales"] == ["Clause sociale"]


def test_daytime_cleaning_is_a_social_condition() -> None:
    result = check_blocks(ccap(ENVIRONMENT[1], VIGILANCE[1], "Le nettoyage des bureaux est effectué en journée."))
    assert finding(result, "present-clause-sociale").location.excerpt.startswith("Le nettoyage")  # type: ignore[union-attr]


def test_a_reserved_lot_is_a_reservation_not_an_insertion_clause() -> None:
    lot = ("Le lot 3 est réservé aux structures d'insertion par l'activité économique (article L2113-13 du code de la "
           "commande publique).")
    result = check_blocks(ccap(ENVIRONMENT[1], VIGILANCE[1], lot))
    assert [rule for rule in rules(result, "present") if "reserve" in rule or "social" in rule or "insertion" in rule] \
        == ["present-marche-reserve"]
    assert result.decp["considerationsSociales"] == ["Marché réservé"]


@pytest.mark.parametrize("condition", [
    "Le titulaire justifie qu'il emploie une proportion minimale de 50 % de travailleurs handicapés.",
    "La structure emploie une proportion de travailleurs défavorisés au moins égale à 30 %.",
])
def test_the_condition_of_a_reserved_lot_is_not_a_social_clause(condition: str) -> None:
    lot = "Le lot 2 est réservé aux entreprises adaptées (article L2113-12 du code de la commande publique)."
    result = check_blocks([*ccap(ENVIRONMENT[1], VIGILANCE[1], lot), ("h1", "Article 3 – Candidats"),
                           ("p", condition)])
    assert [rule for rule in rules(result, "present") if "social" in rule or "insertion" in rule] == []
    assert result.decp["considerationsSociales"] == ["Marché réservé"]


def test_below_the_threshold_no_social_obligation() -> None:
    assert "social-condition-manquante" not in rules(check_blocks(ccap(ENVIRONMENT[1], VIGILANCE[1])), "manquant")


def test_egalim_shares_missing_in_catering() -> None:
    head = ("p", "Le marché porte sur la fourniture de repas pour la restauration scolaire de la commune. Montant "
                 "estimé : 120 000 € HT. Date d'envoi de l'avis : 10/10/2026.")
    result = check_blocks(ccap("Les repas sont livrés en liaison froide.", ENVIRONMENT[1], VIGILANCE[1], head=head))
    assert rules(result, "manquant") == ["egalim-parts-manquantes"]
    shares = ("Au moins 50 % des produits servis sont durables et de qualité, dont 20 % de produits biologiques "
              "(article L230-5-1 du code rural).")
    assert rules(check_blocks(ccap(shares, VIGILANCE[1], head=head)), "manquant") == []


def test_fleet_rules_missing_for_vehicles() -> None:
    head = ("p", "Le marché porte sur l'acquisition de véhicules utilitaires légers pour les services techniques. "
                 "Montant estimé : 90 000 € HT. Date d'envoi de l'avis : 10/10/2026.")
    result = check_blocks(ccap("Les véhicules sont livrés immatriculés.", ENVIRONMENT[1], VIGILANCE[1], head=head))
    assert "flotte-vehicules-manquante" in rules(result, "manquant")
    electric = "Les véhicules sont électriques ou hybrides rechargeables (véhicules à faibles émissions)."
    assert "flotte-vehicules-manquante" not in rules(check_blocks(ccap(electric, VIGILANCE[1], head=head)))


@pytest.mark.parametrize("text", [
    "Les autobus affectés à la ligne roulent au bioGNV.",
    "Les balayeuses sont des véhicules propres fonctionnant à l'hydrogène.",
])
def test_clean_heavy_vehicles_are_low_emission_vehicles(text: str) -> None:
    result = check_blocks(ccap(text, VIGILANCE[1]))
    assert finding(result, "present-flotte").location.excerpt == text  # type: ignore[union-attr]
    assert "present-clause-environnementale" not in rules(result)


def test_the_title_line_names_the_purchase_and_sets_no_condition() -> None:
    blocks = ccap("Les bacs sont collectés chaque semaine.", VIGILANCE[1])
    result = check_blocks([blocks[0], ("p", "Collecte sélective du verre et des emballages recyclables"), *blocks[1:]])
    assert "present-clause-environnementale" not in rules(result)
    assert "environnement-condition-manquante" in rules(result, "manquant")
    # the part's title naming the purchase
    result = check_blocks([("title", "CCTP – Collecte sélective des emballages recyclables"), *blocks[1:]])
    assert "present-clause-environnementale" not in rules(result)
    # a short line without a final stop further down, in a draft without headings, is no title
    line = "Produits d'entretien écolabellisés ou équivalents"
    result = check_blocks([("title", "CCTP"), ("p", "Nettoyage des locaux de la mairie"),
                           ("p", "Le titulaire intervient chaque soir après 18 heures."), ("p", line)])
    assert finding(result, "present-clause-environnementale").location.excerpt == line  # type: ignore[union-attr]


def test_award_criteria_under_an_english_heading() -> None:
    result = check_blocks([*RC_HEAD, ("h1", "Article 4 – Award criteria"),
                           ("list", ["Prix : 60 %", "Valeur technique : 30 %", "Performance environnementale : 10 %"]),
                           VIGILANCE])
    assert "present-critere-environnemental" in rules(result, "present")
    assert "environnement-critere-manquant" not in rules(result)


@pytest.mark.parametrize("title", ["Critère", "Sous-critère"])
def test_a_weighted_criteria_table_under_any_heading_holds_criteria(title: str) -> None:
    # a DCE whose RC points to an annex of criteria: the table is read as criteria, not as execution clauses
    table = ("table", [[title, "Pondération"], ["Prix des prestations", "60 %"],
                       ["Qualité environnementale (produits, déplacements)", "40 %"]])
    result = check_blocks([*RC_HEAD, ("h1", "Article 3 – Offres"), ("p", "Les critères figurent en annexe."),
                           ("h1", "Annexe – Grille"), table, VIGILANCE])
    assert "present-critere-environnemental" in rules(result, "present")
    assert "present-clause-environnementale" not in rules(result)
    assert "environnement-critere-manquant" not in rules(result)
    assert result.decp["considerationsEnvironnementales"] == ["Critère environnemental"]


def test_a_row_of_a_penalty_table_is_no_consideration() -> None:
    """The failure a penalty table sanctions (« benne non conforme à la norme Euro VI ») restates a condition set
    elsewhere: the condition is found once, where it is set."""
    condition = "Les bennes de collecte affectées au marché sont au minimum de norme Euro VI."
    table = ("table", [["Manquement", "Montant"], ["Benne de collecte non conforme à la norme Euro VI",
                                                   "500 € HT par jour"]])
    result = check_blocks(ccap(condition, VIGILANCE[1], extra=(("h1", "Article 9 – Pénalités"), table)))
    present = [f for f in result.findings if f.rule == "present-clause-environnementale"]
    assert [f.location.excerpt for f in present if f.location] == [condition]


def test_penalty_table_cell_without_amount_is_flagged() -> None:
    table = ("table", [["Manquement", "Pénalité"], ["Absence de rapport mensuel", "Pénalité journalière"],
                       ["Retard de livraison", "50 € HT par jour"]])
    result = check_blocks(ccap(ENVIRONMENT[1], VIGILANCE[1], extra=(table,)))
    flagged = [f for f in result.findings if f.rule == "penalite-sans-montant"]
    assert [f.location.excerpt for f in flagged if f.location] == ["Absence de rapport mensuel"]


@pytest.mark.parametrize("text", [
    "Les pneumatiques usagés sont remis par le titulaire à une filière de collecte agréée.",
    "Le titulaire organise ses tournées de manière à réduire les trajets à vide.",
    "Les huiles de chaîne des tronçonneuses sont biodégradables.",
    "Les bordures sont en béton intégrant des granulats recyclés.",
    "Aucun pesticide n'est utilisé sur les terrains de sport.",
    "Le désherbage des allées est réalisé par des techniques alternatives : désherbage à la vapeur ou thermique.",
    "L'arrosage des massifs utilise l'eau de pluie stockée dans les cuves du centre technique.",
    "Les luminaires à LED remplacent les lanternes à vapeur de sodium.",
    "Les déchets verts issus de la taille des haies sont broyés puis valorisés en paillage.",
    "Les gravats sont acheminés vers une filière de recyclage.",
    "Les bennes de collecte respectent au minimum la norme d'émissions Euro 6.",
    "Les produits concentrés sont dosés par des centrales de dilution.",
    "Le titulaire organise les tirages de manière à réduire les quantités de papier.",
    # emission classes, wild species, late mowing
    "Les véhicules de collecte répondent au niveau Euro VI.",
    "Les bennes sont de catégorie Euro 6d au minimum.",
    "Les mélanges grainiers sont composés d'espèces indigènes adaptées au sol.",
    "Les bords de route font l'objet d'une fauche tardive.",
    # containers without plastic, energy classes, food waste without the word « alimentaire »
    "Les repas sont servis dans de la vaisselle lavable, sans couverts jetables.",
    "Les contenants en plastique sont remplacés par des contenants en verre.",
    "Les téléviseurs fournis relèvent au moins de la classe énergétique B.",
    "Le prestataire pèse les restes pour lutter contre le gaspillage.",
    # a guaranteed consumption, its figure qualified (an energy performance or operation contract)
    "L'exploitant s'engage sur une consommation totale d'eau de 1 800 m³ par saison.",
    "Le titulaire garantit une baisse de 30 % de l'énergie primaire consommée par la piscine.",
])
def test_environmental_conditions_in_words_of_the_trade(text: str) -> None:
    result = check_blocks(ccap(text, VIGILANCE[1]))
    assert rules(result, "manquant") == []
    assert finding(result, "present-clause-environnementale").location.excerpt == text  # type: ignore[union-attr]


@pytest.mark.parametrize(("text", "detail"), [
    # hours of work for a public the social wording names, whatever the clause is called
    ("L'entreprise consacre 800 heures de travail à l'embauche de demandeurs d'emploi de longue durée.", "800 heures"),
    ("Au moins 7 % des heures travaillées sont confiées à des personnes sans emploi rencontrant des difficultés "
     "sociales et professionnelles particulières.", "7 % des heures"),
])
def test_insertion_in_hours_without_the_word(text: str, detail: str) -> None:
    result = check_blocks(ccap(ENVIRONMENT[1], VIGILANCE[1], text))
    assert finding(result, "present-insertion").title == f"Clause d'insertion ({detail})"
    assert result.decp["considerationsSociales"] == ["Clause sociale"]


@pytest.mark.parametrize("text", [
    "Le titulaire assure 800 heures de travail de maintenance.",
    # a social condition with hours is not an insertion clause unless it names the public of insertion
    "Le nettoyage est réalisé en journée, soit 1 200 heures de travail par an.",
])
def test_hours_of_work_alone_are_not_insertion(text: str) -> None:
    assert "present-insertion" not in rules(check_blocks(ccap(ENVIRONMENT[1], VIGILANCE[1], text)))


@pytest.mark.parametrize(("text", "environmental"), [
    # the energy supplied: renewable, proved by guarantees of origin
    ("L'énergie fournie est d'origine renouvelable à hauteur de 60 %.", True),
    ("Le fournisseur annule au registre des garanties d'origine pour chaque kWh livré.", True),
    # the environmental labels of IT equipment (here with their equivalents)
    ("Les imprimantes sont enregistrées EPEAT Bronze ou équivalent.", True),
    ("Les casques audio sont certifiés TCO Certified ou disposent d'un label équivalent.", True),
    # the origin of spare parts is no energy
    ("Le fournisseur présente la garantie d'origine des pièces détachées.", False),
])
def test_energy_and_it_equipment_conditions_are_environmental(text: str, environmental: bool) -> None:
    result = check_blocks(ccap(text, VIGILANCE[1]))
    assert ("present-clause-environnementale" in rules(result)) is environmental
    assert ("environnement-condition-manquante" in rules(result)) is not environmental


@pytest.mark.parametrize(("text", "flagged"), [
    # the firms named are not those of the article cited (CCP L2113-12 EA/ESAT, L2113-13 SIAE, L2113-15 ESS)
    ("Le marché est réservé aux entreprises adaptées au sens de l'article L. 2113-13 du code de la commande "
     "publique.", True),
    ("Le lot 3 est réservé aux structures d'insertion par l'activité économique (article L2113-12 du CCP).", True),
    ("Le marché est réservé aux ESAT et aux entreprises d'insertion, en application de l'article L2113-12.", True),
    # the right article, both articles, a range, the prison reservation, no reservation
    ("Le marché est réservé aux entreprises adaptées et aux ESAT (article L2113-12 du code de la commande "
     "publique).", False),
    ("Le lot 2 est réservé aux ESAT et aux SIAE en application des articles L2113-12 et L2113-13.", False),
    ("Le lot 1 est réservé aux entreprises adaptées, conformément aux articles L2113-12 à L2113-14.", False),
    ("Le marché n'est pas réservé aux entreprises adaptées (article L2113-13).", False),
    ("Le lot 4 est réservé aux opérateurs qui emploient des personnes détenues (article L2113-13-1).", False),
])
def test_a_reservation_under_another_article(text: str, flagged: bool) -> None:
    result = check_blocks(ccap(ENVIRONMENT[1], VIGILANCE[1], text))
    assert ("reservation-article-errone" in rules(result, "risque")) is flagged


def test_a_missing_consideration_proposes_clauses_of_its_own_kind() -> None:
    """An environmental clause that also serves insertion (the environmental objectives of a building programme) is
    no proposal for a missing social consideration: every proposal is declared « Clause sociale »."""
    head = ("p", "Le présent marché a pour objet une mission de maîtrise d'œuvre pour la construction d'une salle "
                 "polyvalente. Montant estimé : 450 000 € HT. Date d'envoi de l'avis à la publication : 15/10/2026.")
    result = check_blocks(ccap(ENVIRONMENT[1], VIGILANCE[1], head=head))
    proposed = finding(result, "social-condition-manquante").clauses
    library = {clause.id: clause for clause in read_library(PROJECT_ROOT / "clauses")}
    assert proposed and {library[clause.id].decp_value for clause in proposed} == {"Clause sociale"}


def test_a_penalty_sentence_hides_only_itself() -> None:
    """The documents asked in a paragraph that goes on with the penalty of their absence are asked; a paragraph
    that only sanctions states no consideration."""
    asked = ("Le prestataire fournit tous les six mois l'attestation de vigilance de l'URSSAF. À défaut, il s'expose "
             "à une pénalité de 200 € HT par jour de retard.")
    result = check_blocks(ccap(ENVIRONMENT[1], asked))
    assert "present-vigilance" in rules(result) and "vigilance-documents-manquants" not in rules(result)
    sanction = "Le défaut de tri des déchets donne lieu à une pénalité de 100 € HT par constat."
    assert "present-clause-environnementale" not in rules(check_blocks(ccap(sanction, VIGILANCE[1])))


def test_what_a_variant_may_offer_is_not_a_condition_of_the_contract() -> None:
    variant = "Les candidats peuvent proposer une variante en papier recyclé."
    result = check_blocks([*RC_HEAD, ("h1", "Article 3 – Variantes"), ("p", variant),
                           ("p", "Le candidat peut aussi proposer des luminaires à LED."), VIGILANCE])
    assert "present-clause-environnementale" not in rules(result)
    assert result.decp["considerationsEnvironnementales"] == ["Pas de considération environnementale"]
    for text in ("Le papier fourni est recyclé.", "Y compris en variante, le papier fourni est recyclé."):
        assert "present-clause-environnementale" in rules(check_blocks(ccap(text, VIGILANCE[1])))


def test_the_company_policy_is_not_a_present_consideration() -> None:
    policy = "Le candidat décrit sa démarche RSE et ses actions en faveur de la biodiversité."
    result = check_blocks(ccap(policy, VIGILANCE[1]))
    assert "present-clause-environnementale" not in rules(result)
    assert "environnement-condition-manquante" in rules(result, "manquant")


@pytest.mark.parametrize("text", [
    "Le prestataire transmet semestriellement les attestations sociales et fiscales exigées par le code du travail.",
    "À la signature, le titulaire produit une attestation de fourniture des déclarations sociales de moins de six "
    "mois.",
])
def test_vigilance_documents_in_other_words(text: str) -> None:
    result = check_blocks(ccap(ENVIRONMENT[1], text))
    assert "vigilance-documents-manquants" not in rules(result)
    assert "present-vigilance" in rules(result, "present")


def test_paragraphs_after_the_criteria_article_are_not_criteria() -> None:
    """The headings above a paragraph are its own article's, not the articles before it."""
    blocks = [*RC_HEAD, ("h1", "Article 4 – Critères d'attribution"),
              ("list", ["Prix : 70 %", "Valeur technique : 30 %"]), ("h1", "Article 5 – Conditions d'exécution"),
              ("h2", "5.1 Déchets"),
              ("p", "Le titulaire assure le tri des déchets produits par ses interventions."), VIGILANCE]
    result = check_blocks(blocks)
    assert "present-clause-environnementale" in rules(result, "present")
    assert "present-critere-environnemental" not in rules(result)


def test_items_of_a_flattened_table_are_read_one_by_one() -> None:
    """A PDF's criteria table comes as one line: the company-policy item does not hide the environmental one."""
    flattened = ("Critère Pondération Prix 50 % Performance environnementale des véhicules proposés 30 % Politique "
                 "RSE de l'entreprise 20 %")
    result = check_blocks([*RC_HEAD, ("h1", "Article 4 – Critères d'attribution"), ("p", flattened),
                           ("h1", "Article 5 – Attribution"), VIGILANCE])
    assert "present-critere-environnemental" in rules(result, "present")
    assert "politique-generale" in rules(result, "risque")


def test_vigilance_documents_missing_from_5000_euros() -> None:
    assert rules(check_blocks(ccap(ENVIRONMENT[1])), "manquant") == ["vigilance-documents-manquants"]
    small = ("p", "Marché de nettoyage des locaux. Montant estimé : 3 000 € HT. Date d'envoi de l'avis : 15/09/2026.")
    assert rules(check_blocks(ccap(ENVIRONMENT[1], head=small)), "manquant") == []


def test_amount_given_by_the_officer_wins_over_the_text() -> None:
    result = check_blocks(ccap(ENVIRONMENT[1], VIGILANCE[1]), amount_eur=500_000.0)
    assert result.facts.amount_eur == 500_000 and result.facts.origin["montant"] == "saisi"
    assert "social-condition-manquante" in rules(result, "manquant")


def test_a_cctp_alone_is_not_asked_for_award_criteria_or_vigilance() -> None:
    blocks = [("title", "Cahier des clauses techniques particulières"), ("h1", "1. Objet"), NETTOYAGE,
              ("h1", "2. Prestations"), ENVIRONMENT]
    assert rules(check_blocks(blocks), "manquant") == []


def test_every_source_is_in_the_registry() -> None:
    """Each rule rests on registry entries: current ones for the rules, replaced ones for outdated citations."""
    registry = read_references(PROJECT_ROOT / "references")
    cited = {(ref, False) for rule in WORDING_RULES for ref in rule.sources}
    for path in sorted(DRAFTS_DIR.glob("*.docx")):
        cited |= {(ref, f.category == "obsolete") for f in check(path.read_bytes(), path.name)[1].findings
                  for ref in f.sources}
    assert len(cited) > 20
    for ref, outdated in cited:
        entry = registry.get(ref)
        assert entry is not None, ref
        assert (entry.status != "current") is outdated, ref


def test_a_present_consideration_names_its_closest_library_clause_once() -> None:
    """The page shows the closest clause as a link under the message; the message no longer says it too (the
    page said it twice), the Word comment and the command line still do."""
    result = check_blocks(ccap("Les produits d'entretien utilisés portent l'Ecolabel européen ou un label équivalent.",
                               VIGILANCE[1]))
    present = finding(result, "present-clause-environnementale")
    assert present.clauses and "Proche de la clause" not in present.message
    assert f"Proche de la clause « {present.clauses[0].title} »" in comment_text(present)


def test_no_closest_clause_through_a_single_telling_word() -> None:
    """An emission class shares one telling word (« minimum ») with the site-waste plan and words every clause uses
    (« sont »): no library clause is said to be close, rather than a wrong one."""
    result = check_blocks(ccap("Les balayeuses sont au minimum de classe Euro VI.", VIGILANCE[1]))
    assert finding(result, "present-clause-environnementale").clauses == []


def test_the_closest_clause_of_a_table_row_reads_the_whole_row() -> None:
    """A requirement's row (« Lasure des bardages en bois | Ecolabel européen ou équivalent ») is compared whole,
    not by its first cell alone."""
    row = ["Lasure des bardages en bois", "Ecolabel européen ou équivalent"]
    in_row = finding(check_blocks(ccap(VIGILANCE[1], extra=(("table", [["Produit", "Exigence"], row]),))),
                     "present-clause-environnementale")
    as_text = finding(check_blocks(ccap(" : ".join(row) + ".", VIGILANCE[1])), "present-clause-environnementale")
    assert in_row.clauses and in_row.clauses == as_text.clauses


@pytest.mark.parametrize(("text", "flagged"), [
    ("Le mobilier porte la marque NF Ameublement délivrée par l'organisme certificateur.", True),
    ("Le mobilier porte la marque NF Ameublement ou toute marque équivalente.", False),
    ("Le mobilier satisfait aux exigences de la marque NF Ameublement ; tout moyen de preuve est admis.", False),
])
def test_a_certification_mark_demanded_is_a_label_demanded(text: str, flagged: bool) -> None:
    """CCP R2111-12: « un label est tout document, certificat ou attestation qui prouve que […] les produits […]
    remplissent certaines caractéristiques »: a « marque NF » demanded without equivalent is flagged like a label."""
    result = check_blocks(ccap(text, VIGILANCE[1]))
    assert ("label-sans-equivalent" in rules(result)) is flagged
