"""Wording the law does not allow in a clause, read sentence by sentence on folded text (lower case, no accents,
plain apostrophes: ``references.fold``): the errors the December 2026 legal review found and that a pattern can
catch, so that they cannot come back (a named label required without « ou équivalent », a share of the buyer's
orders imposed on the holder, an obsolete figure…).

The sentence rules on labels and shares of orders are shared by the validator of the library's own clauses
(``wording_problems``, shown by ``clausier clauses validate``) and the draft checker (``app.checks.rules``), so that
the library and the checker read a clause alike. The labels are those of the maintained list (``app.labels``:
``supplier_data/labels.yaml``). The outdated texts of the registry (L8222-6 in its 2011 wording…) are checked
with the registry's aliases, like in the draft checker.

Pure: no FastAPI, no database.
"""

import re

from app.clauses.references import fold
from app.labels import CHECKED_SPELLINGS


def any_of(*alternatives: str) -> re.Pattern[str]:
    """One pattern matching any of ``alternatives``."""
    return re.compile("|".join(f"(?:{alternative})" for alternative in alternatives))


_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+(?=[A-Za-z0-9\"«(])")
NEGATION = any_of(r"\bn'(?:est|sont|a|ont)\s+pas\b", r"\bne\s+(?:sont|peut|peuvent|doit|doivent|sera|seront)\s+pas\b",
                  r"\bn'\w+\s+(?:aucun|jamais)", r"\baucune?\b", r"\bsans\s+(?:tenir|condition|exiger|preference)",
                  r"\bni\b", r"\bn'est\s+pas\s+note", r"\bet\s+non\s+(?:sur|a|au|aux|pas)\b")


def sentences(folded: str) -> list[str]:
    """The sentences of a folded paragraph (semicolons split too: list items often end with one)."""
    return [piece for piece in _SENTENCE_END.split(folded) if piece.strip()]


# --- labels -----------------------------------------------------------------------------------------

def _named(name: str) -> str:
    return r"\s+".join(re.escape(word) for word in fold(name).split())


# The longest spellings first, so that « écolabel européen » is read whole rather than as « écolabel ».
_SPELLINGS = sorted(CHECKED_SPELLINGS, key=len, reverse=True)
LABELS = any_of(
    r"(?<![\w-])(?:" + "|".join(_named(spelling) for spelling in _SPELLINGS) + r")s?(?!\w)",
    r"\blabel\s+(?!rouge\b|equivalent|ecologique\s+equivalent|(?:detenu|dont|ou|qui|que|particulier|exige|vise|"
    r"retenu|correspondant|applicable)\b)[a-z0-9'-]+",
    # A certification mark is a label too: « tout document, certificat ou attestation qui prouve que […] les
    # produits […] remplissent certaines caractéristiques » (CCP R2111-12, quoted in references/ccp.yaml).
    r"(?:(?<=\bmarque )|(?<=\bmarques ))nf\s+(?!equivalent)[a-z0-9'-]+",
)
EQUIVALENT = any_of(r"equivalen", r"tout\s+(?:autre\s+)?moyen\s+de\s+preuve", r"toute\s+autre\s+preuve",
                    r"autres?\s+moyens?\s+de\s+preuve")
_LABEL_REQUIRED = any_of(
    r"\bdoi(?:t|vent)\b", r"\bdevr(?:a|ont)\b", r"\bobligatoire", r"\bexig", r"\bimperati", r"\brequis", r"\bimpos",
    r"\bjustifi", r"\bcertifie(?:e|s|es)?\b",
    r"\bporte(?:nt|ront|ur|urs|r)?\b", r"\btitulaires?\s+d", r"\blabellise", r"\bbeneficie", r"\bdispos", r"\bmunis?\b",
    r"\bconformes?\s+(?:au|a\s+l)", r"\brepond", r"\bseront\b", r"\bsont\b", r"\bsera\b", r"\best\b",
    r"\bsoient\b", r"\buniquement\b", r"\bseul",
)
OPTIONAL_LABEL = any_of(r"\bpar\s+exemple\b", r"\bnotamment\b",
                         r"\bpeu(?:t|vent)\s+(?:etre\s+)?(?:justifi|prouv|demontr)",
                         r"\ba\s+titre\s+(?:de\s+preuve|d'exemple|indicatif)", r"vaut\s+presomption", r"\bpresum",
                         # the label's criteria used as the requirement, not the label itself (CJUE C-368/10)
                         r"\b(?:criteres|exigences|seuils|valeurs|limites|referentiel)\s+(?:de\s+l'|du\s+|de\s+la\s+|"
                         r"des\s+)(?:eco-?label|label|marque)", r"\bque\s+certifie")


def label_required(sentence: str) -> bool:
    """A folded sentence requiring a named label (not one giving it as an example or as a presumption)."""
    return bool(LABELS.search(sentence) and _LABEL_REQUIRED.search(sentence) and not OPTIONAL_LABEL.search(sentence)
                and not NEGATION.search(sentence))


# --- a share of what the buyer orders ---------------------------------------------------------------

# What qualifies an amount: « du montant annuel des commandes », « du montant total HT des achats ».
_AMOUNT_WORDS = r"(?:(?:ht|ttc|total|annuel|global|cumule)\s+){0,3}"
_SHARE = re.compile(
    r"(?:\d+(?:[.,]\d+)?\s?%)\s*(?:au\s+moins\s+|minimum\s+)?(?:en\s+valeur\s+|en\s+volume\s+|du\s+montant\s+"
    rf"{_AMOUNT_WORDS})?(?:des|du|de\s+la|de\s+l'|de|parmi\s+les)\s*(?:montant\s+{_AMOUNT_WORDS}(?:des|du)\s+)?"
    r"(?:produits|denrees|fournitures|articles|achats|commandes|quantites|vehicules|equipements|papiers?|textiles|repas|volumes?|"
    r"livraisons|biens|references|matieres|vetements|materiels?|consommables)"
    # any goods, when the words say they are those delivered or ordered (« 80 % des peintures livrées »; not an
    # amount, a price or the orders themselves: « 5 % du montant commandé », « 95 % des bons de commande livrés »)
    r"|(?:\d+(?:[.,]\d+)?\s?%)\s*(?:au\s+moins\s+|minimum\s+)?(?:des|du|de\s+la|de\s+l')\s*"
    r"(?!(?:bons|commandes|montant|prix|couts?|chiffre|valeur|total)\b)[a-z'-]+(?:\s+[a-z'-]+)?\s+"
    r"(?:livre|commande|fourni|achete|acquis)(?:e|s|es)?\b"
)
_SHARE_OBLIGED = any_of(r"\bs'engage", r"\bgarantit", r"\bgarantir", r"\bdoi(?:t|vent)\b", r"\bdevr(?:a|ont)\b",
                        r"\bau\s+(?:moins|minimum)\b",
                        r"\bminimum\b", r"\bminimale?s?\b", r"\bimperativement", r"\bobligatoire", r"\batteindre\b",
                        r"\bsont\s+(?:issu|constitu|compos|labellis|certifi|biolog|recycl|durables)",
                        r"\bseront\s+(?:issu|constitu|compos)")
_SHARE_ORDERED = any_of(r"command", r"livr", r"fourni", r"achet", r"acquis", r"servi")
_MEANS = any_of(r"\bpropos", r"\bcatalogue", r"\bmet\s+a\s+disposition", r"\brend\s+compte",
                r"\bobjectif\s+(?:de|que)\s+l'acheteur",
                r"l'acheteur\s+(?:vise|se\s+fixe|s'efforce|commande|commandera|s'engage)", r"pouvoir\s+adjudicateur",
                r"\bpart\s+visee", r"\bindicati", r"\bpour\s+chaque\s+(?:produit|ouvrage|article|reference)")


def share_of_orders_imposed(sentence: str) -> bool:
    """A folded sentence setting a share of what is ordered or delivered as the holder's result obligation: under
    purchase orders the buyer chooses what it orders, so the share is not the holder's to reach."""
    return bool(_SHARE.search(sentence) and _SHARE_OBLIGED.search(sentence) and _SHARE_ORDERED.search(sentence)
                and not _MEANS.search(sentence))


# --- the library's own clauses -------------------------------------------------------------------

_OTHER_PROOF = re.compile(r"tout (?:autre )?moyen|toute autre preuve")
# A variable of the template stands for a figure: « au moins {{ part }} % des articles commandés ».
_VARIABLE = re.compile(r"\{\{\s*\w+\s*\}\}")
_SIXTY_GRAMS = re.compile(r"\b60\s?g\s?(?:de\s)?(?:co2|co₂|/\s?km)")
_BIOCIDE_AUTHORISED = re.compile(r"autoris\w*[^.;]{0,120}528/2012|528/2012[^.;]{0,120}autoris")
_PHONE = re.compile(r"smartphone|telephone|tablette")


def wording_problems(text: str) -> list[str]:
    """What the body ``text`` of a clause says that the law, as reviewed in December 2026, does not allow."""
    folded = fold(text)
    problems: list[str] = []
    labels = sorted({text[m.start():m.end()] for m in LABELS.finditer(folded)}, key=str.lower)
    if labels and not EQUIVALENT.search(folded):
        problems.append(f"label cité sans « ou équivalent » : {', '.join(labels)}")
    lines = [sentence for line in text.splitlines() for sentence in sentences(_VARIABLE.sub("50", fold(line)))]
    if any(LABELS.search(sentence) and "presum" in sentence for sentence in lines) and not _OTHER_PROOF.search(folded):
        problems.append("label présenté comme une présomption sans admettre « tout autre moyen de preuve approprié » "
                        "(CJUE C-368/10 : un label qui n'est qu'un moyen de preuve admet toute preuve appropriée)")
    for sentence in lines:
        if share_of_orders_imposed(sentence):
            problems.append("part minimale de ce que l'acheteur commande imposée au titulaire : sous bons de commande, "
                            "l'acheteur choisit les références ; exiger que le titulaire propose et livre les "
                            "références, la part restant l'objectif de l'acheteur")
        if _PHONE.search(sentence) and "indice de reparabilite" in sentence and "classe" not in sentence:
            problems.append("indice de réparabilité exigé pour les téléphones ou tablettes : depuis le 20 juin 2025 "
                            "ils portent l'étiquette énergie de l'Union avec une classe de réparabilité A à E "
                            "(règlement délégué (UE) 2023/1669)")
        if _BIOCIDE_AUTHORISED.search(sentence) and "89" not in sentence:
            problems.append("biocides : admettre aussi les produits mis à disposition sur le marché au titre des "
                            "mesures transitoires de l'article 89 du règlement (UE) n° 528/2012, pas les seuls "
                            "produits « autorisés »")
    if _SIXTY_GRAMS.search(folded):
        problems.append("60 g de CO2/km (décret 2017-24) n'est plus la définition d'un véhicule à faibles émissions : "
                        "50 g/km WLTP et polluants en conduite réelle (C. env. D224-15-11)")
    return problems
