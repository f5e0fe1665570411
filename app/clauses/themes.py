"""The fixed theme taxonomy: ids are an interface shared by clauses, matching, evaluation and reports."""

from dataclasses import dataclass
from typing import Literal

Pillar = Literal["social", "environnement", "transversal"]


@dataclass(frozen=True)
class Theme:
    id: str
    label: str
    pillar: Pillar
    description: str


THEMES: tuple[Theme, ...] = (
    Theme("insertion", "Insertion professionnelle", "social",
          "Heures de travail confiées à des personnes éloignées de l'emploi, critère de performance en "
          "matière d'insertion, accompagnement par un facilitateur."),
    Theme("marche-reserve", "Marchés réservés", "social",
          "Marchés ou lots réservés aux structures d'insertion (SIAE), aux entreprises adaptées et ESAT, "
          "ou à certaines structures de l'économie sociale et solidaire."),
    Theme("handicap-accessibilite", "Handicap et accessibilité", "social",
          "Emploi de travailleurs handicapés, accessibilité des bâtiments, produits et services "
          "numériques (RGAA), conception pour tous."),
    Theme("egalite-non-discrimination", "Égalité et non-discrimination", "social",
          "Égalité entre les femmes et les hommes et lutte contre les discriminations parmi le personnel "
          "affecté au marché."),
    Theme("conditions-de-travail", "Conditions de travail", "social",
          "Travail décent sur le marché : lutte contre le travail illégal, obligations de vigilance, "
          "santé et sécurité, transparence de la sous-traitance, horaires du personnel de propreté."),
    Theme("droits-humains-chaine", "Droits humains dans la chaîne d'approvisionnement", "social",
          "Conventions fondamentales de l'OIT, devoir de vigilance, traçabilité des usines et des "
          "matières premières."),
    Theme("commerce-equitable", "Commerce équitable", "social",
          "Produits issus du commerce équitable au sens de la loi du 2 août 2005, labels ou équivalent."),
    Theme("ecolabels", "Écolabels", "environnement",
          "Spécifications techniques par référence à des labels environnementaux ou équivalents."),
    Theme("substances-dangereuses", "Substances dangereuses", "environnement",
          "Produits chimiques, biocides, produits d'entretien, pesticides, COV et perturbateurs "
          "endocriniens."),
    Theme("reemploi-recyclage", "Réemploi et matières recyclées", "environnement",
          "Biens issus du réemploi, de la réutilisation ou intégrant des matières recyclées (loi AGEC), "
          "reprise des équipements."),
    Theme("dechets-emballages", "Déchets et emballages", "environnement",
          "Prévention et tri des déchets, plan de gestion des déchets de chantier, réduction et reprise "
          "des emballages, plastiques à usage unique."),
    Theme("alimentation-durable", "Alimentation durable", "environnement",
          "Restauration collective : parts EGalim, produits biologiques, lutte contre le gaspillage, "
          "menus végétariens, contenants."),
    Theme("vehicules-mobilite", "Véhicules et mobilité", "environnement",
          "Véhicules à faibles et très faibles émissions, écoconduite, logistique de livraison, "
          "déplacements."),
    Theme("energie-climat", "Énergie et climat", "environnement",
          "Efficacité énergétique, électricité d'origine renouvelable, émissions de gaz à effet de serre, "
          "bilan carbone de l'offre."),
    Theme("bois-forets", "Bois et forêts", "environnement",
          "Bois d'origine légale et issu de forêts gérées durablement, bois tropicaux, déforestation."),
    Theme("papier-impression", "Papier et impression", "environnement",
          "Papier recyclé ou certifié, impression écoresponsable, réduction des impressions."),
    Theme("numerique-responsable", "Numérique responsable", "environnement",
          "Équipements durables, réparables et sobres, garantie, pièces détachées, écoconception des "
          "services numériques, DEEE."),
    Theme("biodiversite-eau", "Biodiversité et eau", "environnement",
          "Gestion différenciée des espaces verts, zéro pesticide, essences locales, sols, économies d'eau."),
    Theme("nuisances-chantier", "Chantier à faibles nuisances", "environnement",
          "Bruit, poussières, circulation, pollution des sols et de l'eau, information des riverains."),
    Theme("cycle-de-vie", "Coût du cycle de vie", "environnement",
          "Coût du cycle de vie, durabilité, garantie, maintenance et pièces détachées, coût complet."),
    Theme("environnement-general", "Environnement (clause générale)", "transversal",
          "Critère et condition d'exécution environnementaux génériques, obligatoires pour les "
          "consultations lancées depuis le 21 août 2026, lorsqu'aucun thème spécifique ne convient."),
)

THEME_IDS: frozenset[str] = frozenset(theme.id for theme in THEMES)
THEMES_BY_ID: dict[str, Theme] = {theme.id: theme for theme in THEMES}
