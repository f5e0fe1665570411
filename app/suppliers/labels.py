"""Supplier kinds, and the label categories of the maintained list of labels (``app.labels``; no database, no
FastAPI).

The purchases report imports ``INCLUSIVE_KINDS`` and the label categories from here to count
purchases from inclusive structures and from holders of a fair-trade or environmental label.
"""

import re
import unicodedata
from functools import lru_cache
from typing import Final, Literal

from app.labels import LABEL_ALIASES, LABELS, LabelCategory

Kind = Literal[
    "entreprise", "SIAE-EI", "SIAE-ACI", "SIAE-AI", "SIAE-ETTI", "SIAE-EITI", "GEIQ",
    "EA", "EATT", "ESAT", "ESS", "SCOP", "SCIC", "association", "autre",
]

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
