"""Supplier kinds and the maintained list of labels and certifications (no database, no FastAPI).

The purchases report imports ``INCLUSIVE_KINDS`` and the label categories from here to count
purchases from inclusive structures and from holders of a fair-trade or environmental label.
"""

import re
import unicodedata
from functools import lru_cache
from typing import Final, Literal

Kind = Literal[
    "entreprise", "SIAE-EI", "SIAE-ACI", "SIAE-AI", "SIAE-ETTI", "SIAE-EITI", "GEIQ",
    "EA", "EATT", "ESAT", "ESS", "SCOP", "SCIC", "association", "autre",
]
LabelCategory = Literal["commerce-equitable", "environnement", "social", "qualite"]

# Kind -> French wording shown to officers.
KINDS: Final[dict[str, str]] = {
    "entreprise": "entreprise",
    "SIAE-EI": "entreprise d'insertion (SIAE)",
    "SIAE-ACI": "atelier et chantier d'insertion (SIAE)",
    "SIAE-AI": "association intermédiaire (SIAE)",
    "SIAE-ETTI": "entreprise de travail temporaire d'insertion (SIAE)",
    "SIAE-EITI": "entreprise d'insertion par le travail indépendant (SIAE)",
    "GEIQ": "groupement d'employeurs pour l'insertion et la qualification (GEIQ)",
    "EA": "entreprise adaptée (EA)",
    "EATT": "entreprise adaptée de travail temporaire (EATT)",
    "ESAT": "établissement et service d'accompagnement par le travail (ESAT)",
    "ESS": "entreprise de l'économie sociale et solidaire",
    "SCOP": "société coopérative et participative (SCOP)",
    "SCIC": "société coopérative d'intérêt collectif (SCIC)",
    "association": "association",
    "autre": "autre",
}

SIAE_KINDS: Final = frozenset({"SIAE-EI", "SIAE-ACI", "SIAE-AI", "SIAE-ETTI", "SIAE-EITI"})
# Structures employing mainly disabled workers: EA (L5213-13 code du travail), ESAT (L344-2 CASF).
DISABILITY_KINDS: Final = frozenset({"EA", "EATT", "ESAT"})
INCLUSIVE_KINDS: Final = SIAE_KINDS | DISABILITY_KINDS | {"GEIQ"}
# Kinds that can carry the insertion hours of an insertion clause (CCAG 2021 art. 16.1): the
# contractor subcontracts to or co-contracts with an EI, ACI, EA or ESAT, or has insertion
# workers made available by an AI, ETTI, GEIQ or EATT. EITI workers are self-employed, so the
# issue leaves them out.
INSERTION_KINDS: Final = frozenset(
    {"SIAE-EI", "SIAE-ACI", "SIAE-AI", "SIAE-ETTI", "GEIQ", "EA", "EATT", "ESAT"}
)
# How an insertion-capable structure serves an insertion clause.
INSERTION_ROUTES: Final[dict[str, str]] = {
    "SIAE-EI": "sous-traitance ou cotraitance",
    "SIAE-ACI": "sous-traitance ou cotraitance",
    "SIAE-AI": "mise à disposition de salariés en insertion",
    "SIAE-ETTI": "mise à disposition de salariés en insertion",
    "GEIQ": "mise à disposition de salariés en parcours qualifiant",
    "EA": "sous-traitance ou cotraitance",
    "EATT": "mise à disposition de travailleurs handicapés",
    "ESAT": "sous-traitance ou cotraitance",
}
# Article of the Code de la commande publique under which a contract or lot can be reserved to a kind.
# EITI are counted among the SIAE "and equivalent structures" of L2113-13 (experimental SIAE).
RESERVATION_ARTICLES: Final[dict[str, str]] = {
    **dict.fromkeys(SIAE_KINDS, "L2113-13"),
    **dict.fromkeys(DISABILITY_KINDS, "L2113-12"),
}

# Canonical label name -> category.
LABELS: Final[dict[str, LabelCategory]] = {
    # Fair trade: the six labels present in France, plus the guarantee systems cited next to them.
    "Fairtrade/Max Havelaar": "commerce-equitable",
    "WFTO": "commerce-equitable",
    "SPP": "commerce-equitable",
    "Fair for Life": "commerce-equitable",
    "Biopartenaire": "commerce-equitable",
    "Agri-Éthique": "commerce-equitable",
    "Bio Équitable en France": "commerce-equitable",
    "Ecocert Équitable": "commerce-equitable",
    "Naturland Fair": "commerce-equitable",
    # Environment.
    "Écolabel européen": "environnement",
    "NF Environnement": "environnement",
    "Ange bleu": "environnement",
    "Nordic Swan": "environnement",
    "ISO 14001": "environnement",
    "ISO 50001": "environnement",
    "EMAS": "environnement",
    "Bio/AB": "environnement",
    "HVE": "environnement",
    "MSC": "environnement",
    "GOTS": "environnement",
    "FSC": "environnement",
    "PEFC": "environnement",
    "Imprim'Vert": "environnement",
    "RGE": "environnement",
    "EPEAT": "environnement",
    "TCO Certified": "environnement",
    # Social and responsible business.
    "Label RFAR": "social",
    "ESUS": "social",
    "B Corp": "social",
    "SA8000": "social",
    "Engagé RSE": "social",
    "Lucie 26000": "social",
    "Label Diversité": "social",
    "ISO 45001": "social",
    # Quality.
    "Qualiopi": "qualite",
    "ISO 9001": "qualite",
    "Label Rouge": "qualite",
    "Qualibat": "qualite",
}

LABEL_CATEGORIES: Final[dict[LabelCategory, str]] = {
    "commerce-equitable": "commerce équitable",
    "environnement": "environnement",
    "social": "social",
    "qualite": "qualité",
}

# Other spellings met in suppliers' files -> canonical name.
LABEL_ALIASES: Final[dict[str, str]] = {
    "Fairtrade": "Fairtrade/Max Havelaar",
    "Max Havelaar": "Fairtrade/Max Havelaar",
    "Fairtrade Max Havelaar": "Fairtrade/Max Havelaar",
    "World Fair Trade Organization": "WFTO",
    "Símbolo de Pequeños Productores": "SPP",
    "Producteurs Paysans": "SPP",
    "Symbole des Producteurs Paysans": "SPP",
    "Bio Partenaire": "Biopartenaire",
    "Agri-Éthique France": "Agri-Éthique",
    "Bio Équitable": "Bio Équitable en France",
    "Bio Solidaire": "Bio Équitable en France",
    "Ecocert Fair Trade": "Ecocert Équitable",
    "EU Ecolabel": "Écolabel européen",
    "Écolabel UE": "Écolabel européen",
    "Ecolabel": "Écolabel européen",
    "Blauer Engel": "Ange bleu",
    "Blue Angel": "Ange bleu",
    "Cygne nordique": "Nordic Swan",
    "AB": "Bio/AB",
    "Bio": "Bio/AB",
    "Agriculture biologique": "Bio/AB",
    "Eurofeuille": "Bio/AB",
    "Haute valeur environnementale": "HVE",
    "Imprim Vert": "Imprim'Vert",
    "Reconnu garant de l'environnement": "RGE",
    "RFAR": "Label RFAR",
    "Relations fournisseurs et achats responsables": "Label RFAR",
    "Agrément ESUS": "ESUS",
    "Entreprise solidaire d'utilité sociale": "ESUS",
    "BCorp": "B Corp",
    "Lucie": "Lucie 26000",
    "Label Lucie": "Lucie 26000",
    "AFNOR Engagé RSE": "Engagé RSE",
}


def fold(text: str) -> str:
    """Lower case, accents and punctuation removed, words separated by one space."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return " ".join(re.split(r"[^0-9a-z]+", stripped)).strip()


_LABEL_KEYS: Final[dict[str, str]] = {
    **{fold(alias): name for alias, name in LABEL_ALIASES.items()},
    **{fold(name): name for name in LABELS},
}
_KIND_KEYS: Final[dict[str, str]] = {
    **{fold(kind): kind for kind in KINDS},
    **{fold(wording.split(" (")[0]): kind for kind, wording in KINDS.items()},
    **{fold(kind.removeprefix("SIAE-")): kind for kind in SIAE_KINDS},
    "entreprise d insertion": "SIAE-EI",
    "atelier chantier d insertion": "SIAE-ACI",
    "chantier d insertion": "SIAE-ACI",
    "entreprise de travail temporaire d insertion": "SIAE-ETTI",
    "entreprise adaptee de travail temporaire": "EATT",
    "etablissement et service d aide par le travail": "ESAT",
    "economie sociale et solidaire": "ESS",
    "societe cooperative et participative": "SCOP",
    "societe cooperative d interet collectif": "SCIC",
}


@lru_cache(maxsize=4096)
def canonical_label(text: str) -> str | None:
    """Canonical name of a label written in any known spelling, or None."""
    return _LABEL_KEYS.get(fold(text))


@lru_cache(maxsize=4096)
def canonical_kind(text: str) -> str | None:
    """Kind value for ``text`` (a kind value or its French wording, any case or accents), or None."""
    return _KIND_KEYS.get(fold(text))


def labels_in(*categories: LabelCategory) -> frozenset[str]:
    """Canonical names of the labels of ``categories``."""
    return frozenset(name for name, category in LABELS.items() if category in categories)


FAIR_TRADE_LABELS: Final = labels_in("commerce-equitable")
ENVIRONMENTAL_LABELS: Final = labels_in("environnement")
