"""Legal wording checks of a clause body: the errors the December 2026 legal review found and that a pattern can
catch, so that they cannot come back (a label without « ou équivalent », an obsolete figure, a share of the
buyer's orders imposed on the holder…). The outdated texts of the registry (L8222-6 in its 2011 wording…) are
checked with the registry's aliases, like in the draft checker.

Pure: no FastAPI, no database. Each check returns the French message shown by ``clausier clauses validate``.
"""

import re

# Labels and certification marks the library names (as written in French clause texts).
LABELS = (
    "EU Ecolabel", "écolabel européen", "label écologique de l'Union européenne", "NF Environnement", "FSC", "PEFC",
    "Fairtrade", "Max Havelaar", "WFTO", "Fair for Life", "Biopartenaire", "Agri-Éthique",
    "Symbole des producteurs paysans", "TCO Certified", "EPEAT", "Ange bleu", "Blauer Engel", "Nordic Swan",
    "Cygne nordique", "Imprim'Vert", "EcoJardin", "Végétal local", "Plante Bleue", "OEKO-TEX", "GOTS", "ACERMI",
    "Global Recycled Standard", "Recycled Claim Standard",
)
_LABEL = re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(label) for label in LABELS) + r")(?![\w-])", re.IGNORECASE)
_EQUIVALENT = re.compile(r"équivalen", re.IGNORECASE)
_OTHER_PROOF = re.compile(r"tout (?:autre )?moyen|toute autre preuve", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.;])\s+|\n+")
# A share of what the buyer orders: "au moins {{ part }} % des articles commandés".
_SHARE_OF_ORDERS = re.compile(
    r"au moins \{\{\s*\w+\s*\}\}\s*%[^.;]{0,120}?\bcommand(?:é|ée|és|ées)\b", re.IGNORECASE
)
_SIXTY_GRAMS = re.compile(r"\b60\s?g\s?(?:de\s)?(?:CO2|CO₂|/\s?km)", re.IGNORECASE)
_BIOCIDE_AUTHORISED = re.compile(r"autoris\w*[^.;]{0,120}528/2012|528/2012[^.;]{0,120}autoris", re.IGNORECASE)
_PHONE = re.compile(r"smartphone|téléphone|tablette", re.IGNORECASE)


def _sentences(text: str) -> list[str]:
    return [sentence for sentence in _SENTENCE_END.split(text) if sentence.strip()]


def wording_problems(text: str) -> list[str]:
    """What the body ``text`` of a clause says that the law, as reviewed in December 2026, does not allow."""
    problems: list[str] = []
    labels = sorted({match.group(0) for match in _LABEL.finditer(text)}, key=str.lower)
    if labels and not _EQUIVALENT.search(text):
        problems.append(f"label cité sans « ou équivalent » : {', '.join(labels)}")
    if any(_LABEL.search(sentence) and "présum" in sentence for sentence in _sentences(text)) \
            and not _OTHER_PROOF.search(text):
        problems.append("label présenté comme une présomption sans admettre « tout autre moyen de preuve approprié » "
                        "(CJUE C-368/10 : un label qui n'est qu'un moyen de preuve admet toute preuve appropriée)")
    for sentence in _sentences(text):
        if _SHARE_OF_ORDERS.search(sentence):
            problems.append("part minimale de ce que l'acheteur commande imposée au titulaire : sous bons de commande, "
                            "l'acheteur choisit les références ; exiger que le titulaire propose et livre les "
                            "références, la part restant l'objectif de l'acheteur")
        if _PHONE.search(sentence) and "indice de réparabilité" in sentence and "classe" not in sentence:
            problems.append("indice de réparabilité exigé pour les téléphones ou tablettes : depuis le 20 juin 2025 "
                            "ils portent l'étiquette énergie de l'Union avec une classe de réparabilité A à E "
                            "(règlement délégué (UE) 2023/1669)")
        if _BIOCIDE_AUTHORISED.search(sentence) and "89" not in sentence:
            problems.append("biocides : admettre aussi les produits mis à disposition sur le marché au titre des "
                            "mesures transitoires de l'article 89 du règlement (UE) n° 528/2012, pas les seuls "
                            "produits « autorisés »")
    if _SIXTY_GRAMS.search(text):
        problems.append("60 g de CO2/km (décret 2017-24) n'est plus la définition d'un véhicule à faibles émissions : "
                        "50 g/km WLTP et polluants en conduite réelle (C. env. D224-15-11)")
    return problems
