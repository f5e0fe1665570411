"""Wording the law does not allow in a clause, read sentence by sentence on folded text (lower case, no accents,
plain apostrophes: ``references.fold``): the errors the December 2026 legal review found and that a pattern can
catch, so that they cannot come back (a named label required without « ou équivalent », a share of the buyer's
orders imposed on the holder, an obsolete figure…).

The sentence rules on labels and shares of orders are shared by the validator of the library's own clauses
(``wording_problems``, shown by ``clausier clauses validate``) and the draft checker (``app.checks.rules``), so that
the library and the checker read a clause alike. The rules on a named label, a local preference and the
company's general policy, with their French explanation and fix (``WordingRule``), are shared by the draft checker
and the proposals, which caution an officer whose summary asks one of them (``app.matching.cautions``).
The labels are those of the maintained list (``app.labels``:
``supplier_data/labels.yaml``). The outdated texts of the registry (L8222-6 in its 2011 wording…) are checked
with the registry's aliases, like in the draft checker.

Pure: no FastAPI, no database.
"""

import re
from dataclasses import dataclass

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


# Words refusing any other label or any equivalent (« aucun autre label ne sera accepté », « aucun équivalent ne sera
# admis », « à l'exclusion de tout autre label »): the requirement made exclusive, not a negation of the requirement
# nor an equivalence admitted. CCP R2111-16 as the registry holds it (references/ccp.yaml, read in a presentation,
# exact text à vérifier): « l'acheteur doit accepter les labels respectant les caractéristiques exigées par le
# marché ».
REFUSED_EQUIVALENT = any_of(
    r"\baucune?\s+autres?\s+(?:labels?|eco-?labels?|certifications?|marques?|certificats?)\b",
    r"\baucune?\s+(?:(?:label|certification|marque)\s+)?equivalen",
    r"\b(?:pas|sans)\s+d'equivalen", r"\ba\s+l'exclusion\s+de\s+tout",
    r"\bequivalen\w*\s+(?:ne\s+(?:sera|seront|est|sont)\s+pas|non)\s+(?:accept|admis|retenu|recevable)",
)


def label_required(sentence: str) -> bool:
    """A folded sentence requiring a named label (not one giving it as an example or as a presumption), exclusively
    too (« aucun autre label ne sera accepté »)."""
    return bool(LABELS.search(sentence) and _LABEL_REQUIRED.search(sentence) and not OPTIONAL_LABEL.search(sentence)
                and (not NEGATION.search(sentence) or REFUSED_EQUIVALENT.search(sentence)))


def admits_equivalent(sentence: str) -> bool:
    """A folded sentence admitting an equivalent label or other proof (not one refusing any equivalent)."""
    return bool(EQUIVALENT.search(sentence)) and not REFUSED_EQUIVALENT.search(sentence)


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
# A document handed over at a frequency (« chaque mois », « trimestriellement », a frequency variable) with no day it
# falls due: its lateness cannot be established, so a penalty per day of delay has no trigger.
_PERIODIC_HANDOVER = re.compile(
    r"\b(?:transmet|transmettent|remet|remettent|adresse|adressent|communique|communiquent|fournit|fournissent)\b"
    r"[^.;]{0,160}?(?:\b(?:mensuellement|trimestriellement|semestriellement|annuellement)\b"
    r"|\bchaque\s+(?:mois|trimestre|semestre|saison)\b|\{\{\s*(?:frequence|periodicite)\w*\s*\}\})"
)
_DUE_DAY = re.compile(
    r"au\s+plus\s+tard|avant\s+le\b|dans\s+un\s+delai|dans\s+les\s+\w+\s+(?:jours|semaines)"
    r"|(?:qui\s+suit|suivant)\s+(?:la\s+fin|la\s+periode|le\s+mois|le\s+trimestre)|dans\s+le\s+mois\s+qui\s+suit"
)


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
    for sentence in (sentence for line in text.splitlines() for sentence in sentences(fold(line))):
        if _PERIODIC_HANDOVER.search(sentence) and not _DUE_DAY.search(sentence):
            problems.append("remise périodique sans échéance : dire le jour où chaque document est dû (par exemple "
                            "« au plus tard le dixième jour qui suit la fin de chaque mois »), sans quoi son retard "
                            "ne peut pas déclencher de pénalité")
    if _SIXTY_GRAMS.search(folded):
        problems.append("60 g de CO2/km (décret 2017-24) n'est plus la définition d'un véhicule à faibles émissions : "
                        "50 g/km WLTP et polluants en conduite réelle (C. env. D224-15-11)")
    return problems


# --- Rules shared by the draft check (app.checks.rules) and the proposals' cautions (app.matching.cautions) ---


@dataclass(frozen=True)
class WordingRule:
    """A risky way of writing, its severity, its sources (registry refs), and how to fix it."""

    id: str
    title: str
    severity: str
    sources: tuple[str, ...]
    message: str
    fix: str
    certainty: str = "verified"


LABEL_RULE = WordingRule(
    "label-sans-equivalent", "Label exigé sans « ou équivalent »", "haute",
    ("CJUE C-368/10", "CCP R2111-13", "CCP R2111-16", "CCP R2111-17"),
    "Un label précis est exigé sans que soient admis les labels équivalents ni les autres moyens de preuve : "
    "l'acheteur doit accepter tout label équivalent (R2111-16) et, si le candidat n'a pas pu l'obtenir à temps, "
    "tout moyen de preuve approprié (R2111-17). La CJUE a jugé irrégulière l'exigence d'un label nommé (affaire "
    "C-368/10, Commission c/ Pays-Bas).",
    "Écrire « label X ou équivalent » et, mieux, énoncer les caractéristiques exigées du label en admettant "
    "tout moyen de preuve approprié.",
)
LOCAL_RULE = WordingRule(
    "preference-locale", "Préférence locale", "haute", ("CCP L3",),
    "Le texte favorise les entreprises, les produits ou la main-d'œuvre d'un territoire : une préférence locale "
    "méconnaît le principe d'égalité de traitement des candidats (article L3 du code de la commande publique). "
    "Une implantation ne peut être exigée que si l'objet ou les conditions d'exécution la justifient (délai "
    "d'intervention, par exemple).",
    "Remplacer le critère géographique par l'exigence qui le justifie (délai d'intervention, circuit "
    "d'approvisionnement direct au sens du nombre d'intermédiaires, émissions liées au transport), mesurée "
    "pour tous les candidats de la même façon.",
)
POLICY_RULE = WordingRule(
    "politique-generale", "Exigence sur la politique générale de l'entreprise", "haute",
    ("CE 25 mai 2018 n° 417580",),
    "Le texte apprécie la politique générale de l'entreprise (RSE, politique sociale ou environnementale, "
    "certification de l'entreprise) et non la façon dont elle exécutera ce marché : le Conseil d'État a jugé un tel "
    "critère sans lien avec l'objet du marché (CE, 25 mai 2018, Nantes Métropole, n° 417580).",
    "Ne noter ou n'exiger que des engagements propres à l'exécution de ce marché (moyens affectés, méthode, "
    "produits livrés), en l'écrivant : « seules sont appréciées les mesures propres à l'exécution du présent marché ».",
)


# Who the text speaks of when it speaks of the firm as a whole rather than of this contract.
_COMPANY = r"(?:de\s+l'entreprise|de\s+la\s+societe|du\s+candidat|du\s+soumissionnaire|de\s+son\s+entreprise)"
_FIRMS = (r"(?:artisans|entreprises|fournisseurs|fabricants|producteurs|prestataires|transporteurs|sous-traitants|"
          r"commerces?)")
LOCAL = any_of(
    r"entreprises?\s+(?:locales?|du\s+territoire|de\s+la\s+commune|du\s+departement|de\s+la\s+region)",
    r"(?:implante|situe|installe|domicilie|localise)e?s?\s+(?:dans|sur|a\s+moins\s+de)\s+(?:le\s+|la\s+|l'|un\s+rayon\s+de\s+)?"
    r"(?:territoire|commune|departement|region|agglomeration|communaute|canton|\d+\s?(?:km|kilometres))",
    r"(?:siege(?:\s+social)?|etablissement|agence|depot|antenne)\s+(?:\w+\s+){0,3}(?:dans|sur|a\s+moins\s+de)\s+"
    r"(?:le\s+|la\s+|l'|un\s+rayon\s+de\s+)?(?:territoire|commune|departement|region|agglomeration|\d+\s?(?:km|kilometres))",
    r"preference\s+(?:locale|regionale|nationale|aux\s+entreprises)",
    r"priorite\s+(?:sera\s+)?(?:donnee\s+)?aux\s+entreprises",
    r"tissu\s+economique\s+local",
    # « produits locaux », « produits bio et locaux », « produit frais et local »
    r"produits?\s+(?:(?:bio(?:logiques?)?|frais|fermiers?|alimentaires?|de\s+saison)\s+(?:et\s+)?)?"
    r"(?:locaux|local|regionaux|regional|de\s+proximite|du\s+terroir\s+local)\b",
    r"origine\s+(?:locale|regionale|france|francaise)",
    r"d'origine\s+(?:locale|regionale|francaise)", r"(?:de\s+)?fabrication\s+(?:locale|regionale|francaise)\b",
    r"made\s+in\s+france", r"fabrique(?:e|s|es)?\s+en\s+france",
    r"provenance\s+(?:locale|regionale|francaise)", r"main-d'oeuvre\s+locale", r"\bemploi\s+local\b",
    r"(?:residant|domicilie)e?s?\s+(?:dans|sur)\s+(?:la\s+commune|le\s+territoire|le\s+departement)",
    r"bonus\s+(?:de\s+)?proximite",
    # the holder's premises required in a territory: « un dépôt de la commune ou d'une commune limitrophe » (not the
    # buyer's own depot: « au dépôt de la commune »)
    r"(?:\b(?:son|ses|leurs?)\s+(?:sieges?|etablissements?|agences?|depots?|antennes?|entrepots?|locaux)|"
    r"\b(?:un|une)\s+(?:siege|agence|depot|antenne|entrepot))\s+(?:\w+\s+){0,2}?"
    r"(?:de\s+la|du|d'une?|dans\s+(?:la|le|une?)|sur\s+(?:la|le|une?))\s+"
    r"(?:commune|departement|region|canton|territoire|agglomeration|communaute)\b",
    # premises required near the buyer: « distant de 30 km au plus », « éloigné de moins de 50 km »
    r"\b(?:distante?s?|eloignee?s?)\s+(?:de\s+)?(?:moins\s+de\s+\d+\s?(?:km|kilometres)\b|\d+\s?(?:km|kilometres)\s+"
    r"(?:au\s+(?:plus|maximum)|maximum))",
    r"(?:implantation|localisation|eloignement)\s+(?:[\w'-]+\s+){0,3}?(?:dans\s+un\s+rayon\s+de|a\s+moins\s+de)\s+"
    r"\d+\s?(?:km|kilometres)\b",
    r"proximite\s+geographique", r"implantation\s+(?:locale|geographique|sur\s+le\s+territoire|dans\s+(?:la|le))",
    r"critere\s+de\s+proximite", r"approvisionnements?\s+locaux", r"approvisionnement\s+local",
    r"bassin\s+d'emploi\s+local", r"bassin\s+de\s+vie",
    rf"{_FIRMS}\s+(?:et\s+\w+\s+)?(?:locaux|locales|regionaux|regionales|de\s+proximite|du\s+(?:secteur|canton|pays|bassin))\b",
    rf"priorite\s+(?:sera\s+)?(?:donnee\s+)?aux\s+{_FIRMS}",
)
POLICY = any_of(
    r"politique\s+(?:generale|globale)\s+(?:de\s+l'entreprise|du\s+candidat|du\s+soumissionnaire|de\s+la\s+societe|en\s+matiere)",
    r"politique\s+(?:rse|sociale|environnementale|de\s+developpement\s+durable|d'achats?\s+responsables?)\s+(?:de\s+l'entreprise|du\s+candidat|du\s+soumissionnaire|de\s+la\s+societe)",
    r"politique\s+(?:rse|sociale|environnementale)\s+(?:menee|conduite|mise\s+en\s+oeuvre)\s+par",
    r"demarche\s+rse", r"\brse\b", r"\bcsr\b", r"\besg\b",
    r"responsabilite\s+(?:sociale|societale)\s+(?:des|de\s+l'|de\s+son)\s*entreprises?",
    r"engagement\s+(?:de\s+l'entreprise|du\s+candidat)\s+en\s+matiere\s+de\s+developpement\s+durable",
    r"\biso\s+26000\b", r"\blabel\s+(?:lucie|engage\s+rse)", r"\becovadis\b",
    r"index\s+(?:de\s+l')?egalite\s+professionnelle",
    r"bilan\s+(?:carbone|ges)\s+de\s+(?:l'entreprise|la\s+societe|l'ensemble)",
    # the firm's own balance of greenhouse gases and management system, whatever the contract
    rf"bilans?\s+(?:des\s+|d')emissions\s+(?:de\s+gaz\s+a\s+effet\s+de\s+serre|de\s+ges|de\s+co2)\s+{_COMPANY}",
    rf"(?:systemes?\s+de\s+)?management\s+(?:environnemental|de\s+l'environnement|de\s+l'energie|"
    rf"(?:de\s+la\s+)?rse|social)\s+{_COMPANY}",
    r"effectifs?\s+(?:total\s+)?de\s+l'entreprise", r"politique\s+de\s+l'entreprise\s+en\s+matiere",
    r"iso\s+14001\s+de\s+(?:l'entreprise|la\s+societe|son\s+entreprise)",
    r"certifi\w+\s+(?:de\s+l'entreprise|du\s+candidat)", r"ensemble\s+de\s+(?:son|ses)\s+activites?",
)
_POLICY_CONTEXT = any_of(r"\bnote", r"\bpresent", r"\bcritere", r"\bapprecie", r"\bevalue", r"\bpoints?\b", r"\bdoit\b",
                         r"\bdoivent\b",
                         r"\bexige", r"\bjustifie", r"\bfourni", r"\bproduir", r"\bdisposer")


# The local provenance of wild plants and seeds (genetic origin from the site's biogeographic region, defined by
# criteria) is an ecological requirement, not a preference for local firms.
_WILD_PROVENANCE = any_of(r"(?:indigenes?|sauvages?|semences?)\s+(?:\w+\s+){0,2}?d'origine\s+locale",
                          # the origin the Végétal local mark certifies, named in the same sentence
                          r"d'origine\s+locale(?=[^.;]*\bvegetal\s+local\b)", r"\bvegetal\s+local\b",
                          r"(?:vegetal|semence)\s+(?:\w+\s+){0,4}regardee?\s+comme\s+d'origine\s+locale")


# The territory of the European Union (data hosted there, for instance) is not a local territory.
_EUROPE = any_of(r"(?:le\s+|du\s+)?territoire\s+(?:de\s+l'union\s+europeenne|de\s+l'ue\b|de\s+l'espace\s+economique\s+"
                 r"europeen|europeen|d'un\s+etat\s+membre)")


def local_preference(sentence: str) -> re.Match[str] | None:
    """Where a folded sentence prefers local firms, products or workers (None when it does not)."""
    if NEGATION.search(sentence):
        return None
    return LOCAL.search(_EUROPE.sub(lambda m: " " * len(m.group()), _WILD_PROVENANCE.sub(lambda m: " " * len(m.group()),
                                                                                          sentence)))


def general_policy(sentence: str, *, criteria: bool) -> re.Match[str] | None:
    """Where a folded sentence requires or assesses the company's general policy rather than this contract (in a
    criteria section any mention counts; elsewhere only with a verb of requirement or assessment)."""
    if NEGATION.search(sentence) or not (criteria or _POLICY_CONTEXT.search(sentence)):
        return None
    return POLICY.search(sentence)
