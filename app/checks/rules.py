"""What the check recognises in a draft's paragraphs: considerations already there, risky wording.

Pure. Every pattern runs on folded text (lower case, no accents, plain apostrophes: ``references.fold``),
so "Écolabel", "ECOLABEL" and "écolabel" read alike. Each rule names the registry references it rests on.
"""

import re
from dataclasses import dataclass

from app.checks.reader import Draft, Paragraph
from app.clauses.legal_lint import (
    EQUIVALENT,
    LABEL_RULE,
    LABELS,
    LOCAL_RULE,
    NEGATION,
    OPTIONAL_LABEL,
    POLICY,
    POLICY_RULE,
    WordingRule,
    admits_equivalent,
    any_of,
    general_policy,
    label_required,
    local_preference,
    sentences,
    share_of_orders_imposed,
)

# --- sections and sentences -----------------------------------------------------------------------

CRITERIA_HEADING = any_of(
    r"criteres?\s+(?:d'attribution|de\s+jugement|de\s+choix|de\s+selection\s+des\s+offres|d'analyse|de\s+notation)",
    r"jugement\s+des\s+offres", r"analyse\s+des\s+offres", r"choix\s+de\s+l'offre", r"selection\s+des\s+offres",
    r"classement\s+des\s+offres", r"notation\s+des\s+offres", r"attribution\s+du\s+marche", r"offre\s+economiquement",
    r"^criteres?\b", r"\bcriteres?$", r"\baward\s+criteria\b",
)
WEIGHT = any_of(r"\d+(?:[.,]\d+)?\s*(?:%|pour\s?cent|points?\b|pts\b)", r"\b\d+\s*/\s*\d{2,3}\b", r"coefficient\s*\d",
                r"\bponder\w*\s*(?:de|a|:)?\s*\d")
_CRITERIA_COLUMN = re.compile(r"(?:sous-)?criteres?\b|ponderations?\b")


def in_criteria(p: Paragraph, trail: tuple[str, ...]) -> bool:
    """Whether a paragraph belongs to the award criteria: under a criteria heading, or a criterion with its weight
    (in its text, or in a table whose column is titled « Critère » or « Pondération »: an annex of criteria under
    any heading)."""
    if any(CRITERIA_HEADING.search(title) for title in trail):
        return True
    named = re.search(r"\bcriteres?\b", p.scope) or (p.column is not None and _CRITERIA_COLUMN.match(p.column))
    return bool(named and WEIGHT.search(p.scope))


# --- considerations already in the draft ----------------------------------------------------------

ENVIRONMENT = any_of(
    r"clauses?\s+environnementales?", r"conditions?\s+d'execution\s+environnementales?",
    r"considerations?\s+environnementales?", r"protection\s+de\s+l'environnement", r"developpement\s+durable",
    r"performance\s+environnementale", r"criteres?\s+environnementa", r"impacts?\s+environnementa",
    r"\becolabel", r"\beco-label", r"label\s+ecologique", r"agriculture\s+biologique",
    r"produits?\s+(?:issus\s+de\s+l'agriculture\s+)?biologiques?",
    r"gaz\s+a\s+effet\s+de\s+serre", r"emissions?\s+de\s+(?:co2|carbone|gaz)", r"empreinte\s+carbone",
    r"bilan\s+carbone",
    r"faibles\s+emissions", r"\breemploi\b", r"\breutilisation\b", r"matieres?\s+recyclees?", r"papier\s+recycle",
    r"(?:valorisation|tri|gestion|reduction|tracabilite)\s+des\s+dechets",
    r"dechets\s+(?:sont\s+)?(?:tries|valorises|recycles)",
    r"\bsoged\b", r"reduction\s+des\s+emballages", r"emballages?\s+(?:reutilisables|recyclables|consignes)",
    r"zero\s+phyto", r"produits?\s+phytosanitaires?", r"gestion\s+differenciee", r"\bcompost",
    r"valoris\w*\s+(?:les\s+|des\s+)?dechets", r"dechets\s+(?:\w+\s+)?(?:sont\s+)?valoris",
    r"gaspill?age\s+alimentaire", r"lutter?\s+contre\s+le\s+gaspill?age",
    r"eco-?conduite",
    r"(?:normes?|classes?|classee?s?|categories?|niveau)\s+(?:d'emissions?\s+|minimale?\s+)?euro\s*(?:v|vi|vii|[5-7][a-e]?)\b",
    r"vehicules?\s+(?:electriques?|hybrides\s+rechargeables|a\s+faibles)", r"economies?\s+d'energie",
    r"performance\s+energetique", r"consommations?\s+(?:\w+\s+){0,2}?d'(?:energie|eau)",
    r"energie\s+(?:finale|primaire)", r"sobriete", r"biodiversite",
    r"biosource", r"bas\s+carbone", r"substances\s+dangereuses", r"eco-?conception", r"\bpefc\b", r"\bfsc\b",
    r"gestion\s+durable\s+des\s+forets", r"circuits?\s+courts?", r"approvisionnements?\s+directs?",
    r"produits\s+de\s+saison",
    r"cout\s+(?:global|du\s+cycle\s+de\s+vie)", r"cycle\s+de\s+vie", r"reparabilite", r"reconditionn",
    r"\begalim\b", r"produits\s+durables\s+et\s+de\s+qualite", r"nuisances\s+(?:sonores|de\s+chantier)",
    r"chantier\s+(?:propre|vert|a\s+faibles\s+nuisances)", r"charte\s+chantier", r"\becologi",
    # words of the trades: recycled materials, waste handed to approved channels, fewer journeys
    r"\brecycl", r"biodegradab", r"bordereaux?\s+de\s+suivi\s+des\s+dechets",
    r"\bdechets\b[^.;]{0,80}?\b(?:sont|seront|est)\s+(?:\w+\s+){0,3}?(?:tries|valorises|recycles|reemployes)",
    r"filieres?\s+de\s+(?:valorisation|recyclage|reemploi)",
    r"(?:huiles|pieces|materiels?|equipements?|pneumatiques|batteries)\s+usage(?:e|s|es)?\b[^.;]{0,120}\bfilieres?",
    r"(?:limiter|reduire|eviter|optimiser)\s+(?:les\s+|des\s+)?(?:deplacements|trajets|transports)",
    r"(?:limiter|reduire)\s+(?:les\s+)?(?:quantites|consommations?)\s+(?:de|d')\s*(?:produits|eau|energie|papier)",
    r"centrales?\s+de\s+dilution",
    # whole domains: pesticides, water, energy of lighting
    r"\bherbicid", r"\bpesticid",
    # the energy labelling of equipment: its class, its label
    r"\benergy\s+star\b", r"(?:classes?|etiquettes?|etiquetage)\s+(?:d'efficacite\s+)?energ(?:etique|ie)",
    # containers without plastic, washed and reused (school catering: C. env. L541-15-10, III, read and quoted in
    # the clause dechets-emballages-contenants-sans-plastique-restauration)
    r"(?:barquettes?|contenants?|couverts|vaisselle|gobelets)\s+(?:[\w-]+\s+){0,2}?(?:en\s+)?plastiques?\b",
    r"(?:barquettes?|contenants?|bacs?|vaisselle)\s+(?:[\w-]+\s+){0,2}?(?:inox|en\s+verre|reutilisables?|lavables?)\b",
    r"desherbage[^.;]{0,40}?(?:mecanique|thermique|manuel|alternati|vapeur|eau\s+chaude)",
    # rain water kept, reused or let soak in (not the storm-water networks a contract cleans or lays)
    r"\b(?:recuper|reutilis|infiltr|stock|valoris|utilis)\w*\s+(?:des\s+|les\s+|l'|d')?eaux?\s+(?:pluviales?|de\s+pluie)",
    r"\beaux?\s+(?:pluviales?|de\s+pluie)\s+(?:\w+\s+){0,3}?(?:recuperee|reutilisee|infiltree|stockee)s?\b",
    r"\b(?:arros|lav|nettoy|rempli|aliment|approvisionn)\w*\s+(?:[\w'-]+\s+){0,4}?(?:a|avec|par)\s+(?:de\s+)?l'eaux?\s+(?:pluviale|de\s+pluie)",
    r"gestion\s+(?:integree|alternative|durable|a\s+la\s+parcelle)\s+des\s+eaux\s+pluviales",
    r"recuperation\s+des\s+eaux", r"efficacite\s+energetique",
    r"energies?\s+renouvelables?", r"abaissement\s+de\s+(?:la\s+)?puissance", r"extinction\s+nocturne",
    r"luminaires?\s+(?:a\s+)?(?:led|basse\s+consommation)",
    r"vegetal\s+local", r"especes?\s+(?:\w+\s+)?(?:sauvages|indigenes)", r"fauches?\s+tardives?",
    # the energy supplied: renewable electricity or gas, proved by guarantees of origin
    r"\b(?:electricite|energie|gaz)\s+(?:[\w%]+\s+){0,3}?(?:d'origine\s+)?renouvelables?",
    r"garanties?\s+d'origine(?=[^.;]{0,120}?(?:electri|energ|renouvelable|[mk]wh|megawattheure|kilowattheure))",
    r"(?:electri|energ)\w*[^.;]{0,120}?garanties?\s+d'origine",
    # the environmental labels of IT equipment
    r"\bepeat\b", r"\btco\s+certified\b",
    # vehicles: the air-quality certificate (Crit'Air class) asked of them, engines stopped rather than idling
    r"\bcrit'?\s?air\s*(?:de\s+)?(?:classe\s+)?(?:[0-5]|e\b)", r"certificats?\s+(?:de\s+)?qualite\s+de\s+l'air",
    r"\bcoupe\w*\s+(?:le|son|les|leurs?)\s+moteurs?\b",
    r"\bmoteurs?\s+(?:est\s+|sont\s+)?(?:coupes?|eteints?|arretes?)\s+(?:a\s+l'arret|pendant|durant|lors|des\s+l'arret)",
    r"\b(?:maintenue?s?|tourn\w*|fonctionn\w*|laisse\w*)\s+(?:pas\s+|jamais\s+)?au\s+ralenti\b",
    r"\bralenti\s+moteur\b",
    # sorting the waste into its streams
    r"\btri\s+selectif", r"\b(?:bacs?|conteneurs?|colonnes?|poubelles?)\s+de\s+tri\b",
)
ENVIRONMENT_CRITERION = any_of(ENVIRONMENT.pattern, r"\benvironnement")
# The people an insertion clause employs (the public of L5132-1 C. trav.: « personnes sans emploi rencontrant des
# difficultés sociales et professionnelles particulières »).
INSERTION_PUBLIC = any_of(
    r"personnes?\s+(?:eloignees?\s+de\s+l'emploi|en\s+(?:difficulte|insertion|situation\s+de\s+handicap)|defavorisees|handicapees)",
    r"publics?\s+(?:prioritaires|en\s+insertion|eloignes|eligibles)", r"demandeurs\s+d'emploi\s+de\s+longue\s+duree",
    r"difficultes\s+sociales\s+(?:et|ou)\s+professionnelles", r"travailleurs\s+handicapes", r"\bapprenti",
    r"contrats?\s+de\s+professionnalisation",
)
SOCIAL = any_of(
    r"\binsertion\s+(?:professionnelle|sociale|par\s+l'activite)", r"clauses?\s+(?:sociales?|d'insertion)",
    r"heures?\s+(?:d'insertion|de\s+travail\s+(?:en|d')insertion)", r"action\s+d'insertion", INSERTION_PUBLIC.pattern,
    r"\bsiae\b", r"structures?\s+d'insertion", r"entreprises?\s+d'insertion",
    r"entreprises?\s+adaptees?", r"\besat\b",
    r"facilitat(?:eur|rice)\s+(?:de\s+la\s+)?clause", r"commerce\s+equitable", r"\boit\b",
    r"organisation\s+internationale\s+du\s+travail",
    r"egalite\s+(?:professionnelle\s+)?(?:entre\s+les\s+)?femmes", r"lutte\s+contre\s+les\s+discriminations",
    r"accessibilite\s+numerique",
    r"\brgaa\b",
    r"(?:nettoyage|travail|prestations?)(?:\s+(?:de|des|du|d')\s*[\w'-]+){0,2}\s+(?:(?:est|sont|sera|seront)\s+)?"
    r"(?:(?:realise|effectue|assure|execute|organise)e?s?\s+)?en\s+journee", r"performance\s+sociale",
    r"criteres?\s+social",
)
RESERVED = any_of(
    r"reserve(?:e|s|es)?\s+(?:aux|a\s+des)\s+(?:entreprises\s+adaptees|esat|etablissements\s+et\s+services\s+d'aide|structures\s+d'insertion|siae|operateurs)",
    r"\bl\.?\s?2113-1[2-5]\b", r"marches?\s+reserves?", r"lots?\s+reserves?",
)
EGALIM = any_of(r"\begalim\b", r"\bl\.?\s?230-5-1\b", r"produits\s+durables\s+et\s+de\s+qualite",
                r"\b50\s?%[^.;]{0,100}(?:durables|qualite)", r"\b20\s?%[^.;]{0,80}biolog", r"biolog[^.;]{0,80}\b20\s?%")
FLEET = any_of(r"faibles\s+emissions", r"\bl\.?\s?224-[78]\b",
               r"vehicules?\s+(?:electriques?|hybrides\s+rechargeables|a\s+hydrogene)",
               r"crit'air\s*(?:0|1|e\b)", r"\b\d{1,3}\s?g(?:\s?de)?\s?co2\s?/\s?km", r"motorisations?\s+electriques?",
               # clean vehicles of the heavy fleets (buses, refuse trucks): alternative fuels
               r"vehicules?\s+propres?\b", r"\b(?:bio-?)?gnv\b", r"\bbiomethane\b",
               r"(?:fonctionnant|roulant|propulses?)\s+(?:[\w'-]+\s+){0,3}?a\s+l'(?:electricite|hydrogene)")
VIGILANCE = any_of(
    r"(?:attestations?|obligations?|documents?|pieces?)\s+de\s+vigilance", r"\bd\.?\s?8222-[57]\b",
    r"\bl\.?\s?8222-1\b",
    r"attestations?[^.;]{0,60}urssaf", r"urssaf[^.;]{0,60}attestation", r"\bl\.?\s?8254-1\b", r"\bd\.?\s?8254-2\b",
    r"(?:attestations?|documents?|justificatifs?|certificats?)[^.;]{0,120}(?:tous\s+les\s+(?:six|6)\s+mois|semestriel)",
    r"(?:tous\s+les\s+(?:six|6)\s+mois|semestriel\w*)[^.;]{0,120}(?:attestations?|documents?|justificatifs?|certificats?)",
    # the document D8222-5 1° names: "une attestation de fourniture des déclarations sociales et de paiement…"
    r"attestations?\s+de\s+fourniture\s+(?:des\s+|de\s+)?declarations\s+sociales",
    r"liste\s+nominative\s+des\s+salaries\s+etrangers",
    r"declarations\s+sociales\s+et\s+(?:de\s+)?paiement\s+des\s+cotisations",
    r"\br\.?\s?324-4\b",
)
INSERTION_FIGURE = re.compile(
    r"(\d+(?:[.,]\d+)?\s?%)\s*(?:au\s+moins\s+)?(?:du\s+nombre\s+|des\s+)?(?:total\s+des\s+)?heures"
    r"|(\d[\d ]*\d|\d+)\s*heures\s+(?:d'insertion|de\s+travail)"
)


INSERTION_WORD = re.compile(r"\binsertion\b")


@dataclass(frozen=True)
class Consideration:
    """A kind of consideration the check recognises, the DECP value it gives and the library clauses like it."""

    id: str
    label: str
    decp: str | None
    pattern: re.Pattern[str]
    criterion: bool | None  # True: only in award criteria; False: only outside; None: anywhere
    library_decp: tuple[str, ...]
    library_themes: tuple[str, ...] = ()


ENV_CLAUSE, SOCIAL_CLAUSE = ("Clause environnementale",), ("Clause sociale",)
CONSIDERATIONS = (
    Consideration("marche-reserve", "Marché ou lot réservé", "Marché réservé", RESERVED, None, ("Marché réservé",)),
    Consideration("critere-environnemental", "Critère d'attribution environnemental", "Critère environnemental",
                  ENVIRONMENT_CRITERION, True, ("Critère environnemental",)),
    Consideration("critere-social", "Critère d'attribution social", "Critère social", SOCIAL, True,
                  ("Critère social",)),
    Consideration("egalim", "Parts de produits durables et de qualité (EGalim)", ENV_CLAUSE[0], EGALIM, False,
                  ENV_CLAUSE, ("alimentation-durable",)),
    Consideration("flotte", "Véhicules à faibles émissions", ENV_CLAUSE[0], FLEET, False, ENV_CLAUSE,
                  ("vehicules-mobilite",)),
    Consideration("insertion", "Clause d'insertion", SOCIAL_CLAUSE[0], INSERTION_WORD, False, SOCIAL_CLAUSE,
                  ("insertion",)),
    Consideration("clause-sociale", "Condition d'exécution sociale", SOCIAL_CLAUSE[0], SOCIAL, False, SOCIAL_CLAUSE),
    Consideration("clause-environnementale", "Condition d'exécution environnementale", ENV_CLAUSE[0], ENVIRONMENT,
                  False, ENV_CLAUSE),
    Consideration("vigilance", "Documents de vigilance demandés au titulaire", None, VIGILANCE, None, ()),
)
PENALTY_WORD = re.compile(r"\bpenalit")
# An insertion clause is a social one: "insertion" alone counts only where social wording confirms it; hours of work
# for the public of insertion are one too, whatever the clause is called ("promotion de l'emploi").
_INSERTION_CONFIRM = any_of(SOCIAL.pattern, r"heures", r"emploi")


def _insertion(text: str, heading: str) -> bool:
    if INSERTION_WORD.search(text) or INSERTION_WORD.search(heading):
        return bool(_INSERTION_CONFIRM.search(text))
    return bool(INSERTION_FIGURE.search(text) and INSERTION_PUBLIC.search(text))


# What a variant may offer is the candidates' choice, not a condition of the contract: a section on variants, or a
# sentence that lets candidates offer one (« y compris en variante, les véhicules sont électriques » binds them all).
VARIANT = re.compile(r"\bvariantes?\b")
_VARIANT_OFFERED = re.compile(r"\bvariantes?\b[^.;]*?\b(?:peu(?:t|vent)|pourr|autorise|admise|propos|present)"
                              r"|\b(?:peu(?:t|vent)|pourr|autorise|admise|propos|present)\w*[^.;]*?\bvariantes?\b")
# What a reserved contract or lot asks of the firms it is reserved to (« une proportion minimale […] de travailleurs
# handicapés », CCP L2113-12; « de travailleurs défavorisés », L2113-13) is the reservation, not a social clause.
RESERVATION_CONDITION = re.compile(r"proportion\s+(?:minimale\s+)?(?:[\w'%-]+\s+){0,4}?(?:travailleurs|salaries|"
                                   r"personnes)\s+(?:handicapes|defavorises|en\s+situation\s+de\s+handicap)")
# A criterion weighted zero or given « pour information » plays no part in the choice: it is no award criterion (an
# environmental one does not meet CCP R2152-7, « Au moins l'un de ces critères prend en compte les caractéristiques
# environnementales de l'offre », quoted in obligations/climat-resilience-environnement.yaml).
NOT_SCORED = any_of(r"(?<![\d.,])0(?:[.,]0+)?\s*(?:%|pour\s?cent|points?\b|pts\b)",
                    r"(?:a\s+titre|pour)\s+(?:d')?information", r"\bnon\s+not(?:e|ee|es)\b",
                    r"\bn'est\s+pas\s+note")
# What the candidate declares of its own situation (« atteste sur l'honneur »: the sworn statement of CCP R2143-3, which
# covers its compliance with the obligation to employ disabled workers of C. trav. L5212-1 to L5212-11, as
# legal-facts.md § 1(f) reports it) is no condition of this contract; the workers who benefit from that obligation
# may still be the public of an insertion clause.
OWN_SITUATION = any_of(r"\bsur\s+l'honneur\b",
                       r"(?:satisf\w*|respect\w*|rempli\w*|en\s+regle|conform\w*)\s+(?:a\s+|au\s+regard\s+de\s+|avec\s+)?"
                       r"(?:l'|son\s+|ses\s+|leurs?\s+)?obligations?\s+d'emploi\s+des\s+travailleurs\s+handicapes")
# The title of a section of penalties (« Pénalités », « Pénalités de retard », « Barème des pénalités »).
PENALTY_SECTION = re.compile(r"^\W*(?:(?:bareme|grille|tableau|montant)s?\s+des\s+)?penalit")
ABSENT = any_of(r"sans\s+objet", r"^\W*neant\W*$",
                # a consideration said to bind later or not this contract (« ne s'appliqueront qu'à compter de
                # 2027 », « le présent marché n'en comporte donc pas »)
                r"\bne\s+s'appliqu\w*\s+(?:qu'(?:a\s+compter|a\s+partir|en)|pas\s+(?:au|a\s+ce|a\s+l'|aux?)\s+"
                r"(?:present|marche|contrat|accord))",
                r"\b(?:ne\s+(?:sera|seront|est|sont|deviendra|deviendront)|n'(?:est|sont))\s+(?:applicables?|"
                r"obligatoires?|exigee?s?|exigibles?)\s+qu'(?:a\s+compter|a\s+partir|en)\b",
                r"\bdeviendr(?:a|ont)\s+(?:applicables?|obligatoires?|exigibles?)\b",
                r"\bn'en\s+(?:comporte|prevoit|contient|impose|fixe)\s+(?:donc\s+)?(?:pas|aucune?)\b",
                r"n'(?:est|sont)\s+pas\s+(?:prevue?s?|exigee?s?|applicables?|demandee?s?|requise?s?|retenue?s?|notee?s?)",
                r"ne\s+(?:comporte|prevoit|contient)\s+pas",
                r"aucune?\s+(?:clause|condition|critere|consideration|exigence)",
                r"pas\s+de\s+(?:clause|condition|critere|consideration)")


# A weight closes an item of a list or table flattened into one sentence (a PDF's table: "Prix 50 % Valeur technique
# 30 % Politique RSE de l'entreprise 20 %"): each item is read on its own.
_WEIGHTED_ITEM_END = re.compile(r"(?<=%)\s+|(?<=\bpoints)\s+")


# The firm's general environmental policy (its management system, its carbon balance) states no social consideration
# written beside it, nor its social policy an environmental one (a PDF's flattened table of criteria runs the
# accessibility of the technical value into the firm's ISO 14001 of the next row); the firm's CSR covers both.
_POLICY_ENVIRONMENT = re.compile(r"environn|carbone|\bges\b|\bgaz\b|14001|energ|\bemas\b")
_POLICY_SOCIAL = re.compile(r"politique\s+sociale|\bsocial\s|egalite|effectif|emploi|handicap")
SOCIAL_KINDS = frozenset({"marche-reserve", "critere-social", "insertion", "clause-sociale"})


def _policy_states(piece: str, item: Consideration) -> bool:
    """Whether the firm's general policy, named in ``piece``, is what states ``item`` there."""
    for match in POLICY.finditer(piece):
        environment, social = (bool(kind.search(match.group())) for kind in (_POLICY_ENVIRONMENT, _POLICY_SOCIAL))
        if item.id in SOCIAL_KINDS and environment and not social:
            continue
        if item.id not in SOCIAL_KINDS and social and not environment:
            continue
        return True
    return False


def considerations_in(p: Paragraph, criteria: bool, heading: str = "") -> list[Consideration]:
    """The considerations a paragraph carries (the most specific first; insertion implies social); ``heading``
    is the folded title of its section ("Clause d'insertion" over a paragraph on hours for the unemployed)."""
    found: list[Consideration] = []
    # a penalty sentence, or a row of a table of penalties (its failure, its amount), sanctions a consideration
    # stated elsewhere; the other sentences of its paragraph still state theirs (« remet les documents de
    # vigilance. […] il encourt une pénalité »)
    text = " ".join(sentence for sentence in sentences(p.scope) if not PENALTY_WORD.search(sentence))
    if not text or (p.row is not None and PENALTY_SECTION.match(heading)) or VARIANT.search(heading):
        return found
    for item in CONSIDERATIONS:
        if item.criterion is not None and item.criterion != criteria:
            continue
        if item.id == "insertion":
            if not _insertion(text, heading):
                continue
        elif not item.pattern.search(text):
            continue
        # a reserved contract or lot names the firms it is reserved to (SIAE, ESAT): that is the reservation, not
        # an insertion or social execution clause
        if item.id in ("insertion", "clause-sociale") and any(other.id == "marche-reserve" for other in found):
            continue
        if item.id == "clause-sociale" and any(other.id == "insertion" for other in found):
            continue
        if item.id == "clause-environnementale" and any(other.id in ("egalim", "flotte") for other in found):
            continue
        stating = [(sentence, piece) for sentence in sentences(text) for piece in _WEIGHTED_ITEM_END.split(sentence)
                   if item.pattern.search(piece)]
        # a consideration stated as absent, as the company's general policy (not a commitment on this contract), as
        # what a variant may offer, as a criterion that is not scored or, for a social one, as the condition of a
        # reservation
        if stating and all(ABSENT.search(piece) or _policy_states(piece, item) or _VARIANT_OFFERED.search(piece)
                           or (criteria and NOT_SCORED.search(piece)) or OWN_SITUATION.search(sentence)
                           or (item.id in ("insertion", "clause-sociale") and RESERVATION_CONDITION.search(sentence))
                           for sentence, piece in stating):
            continue
        found.append(item)
    return found


def title_lines(paragraphs: list[Paragraph]) -> set[int]:
    """The positions of the lines of a part's title (« Collecte des déchets et des emballages recyclables »): the
    part's title itself (a PDF may join the next line to it) and the short lines without a final stop that open
    the part, before its first heading or sentence. They name what is bought; they set no condition."""
    found: set[int] = set()
    part: object = object()
    leading = False
    for p in paragraphs:
        if p.index is None:
            continue
        if p.part != part or (p.is_heading and p.heading is None):  # a new part, or its title
            part, leading = p.part, True
            if p.is_heading:
                found.add(p.index)
                continue
        if p.is_heading or p.row is not None or len(p.text) > 200 or p.text.rstrip().endswith((".", ";", ":")):
            leading = False
        elif leading:
            found.add(p.index)
    return found


def insertion_detail(folded: str) -> str | None:
    """"5 % des heures" or "1 200 heures" from an insertion clause, when it says."""
    match = INSERTION_FIGURE.search(folded)
    if not match:
        return None
    if match.group(1):
        return f"{match.group(1).replace(' ', '')} des heures".replace("%", " %")
    return f"{match.group(2)} heures"


# --- risky wording ----------------------------------------------------------------------------------


WEIGHTING_RULE = WordingRule(
    "critere-sans-ponderation", "Critère d'attribution sans pondération", "haute", ("CCP R2152-12",),
    "Des critères d'attribution sont annoncés sans pondération ni ordre décroissant d'importance. Pour une "
    "procédure formalisée, l'article R2152-12 impose leur pondération (ou, à défaut pour des raisons objectives, "
    "leur hiérarchisation) ; en procédure adaptée, l'absence de toute indication fragilise le choix.",
    "Indiquer la pondération de chaque critère (en % ou en points) et la méthode de notation.",
)
PENALTY_RULE = WordingRule(
    "penalite-sans-montant", "Pénalité sans montant", "moyenne", ("CCAG-FCS 2021 art. 16",),
    "Une pénalité est prévue sans montant ni formule de calcul : une pénalité n'est applicable que si les "
    "documents du marché en fixent le montant ; les CCAG 2021 laissent à l'acheteur le soin de le fixer dans les "
    "documents particuliers.",
    "Fixer le montant (par jour, par manquement ou par heure non réalisée), son déclencheur et, le cas échéant, "
    "son plafond.",
)
ORDERS_RULE = WordingRule(
    "obligation-resultat-bons-de-commande", "Obligation de résultat sur ce que l'acheteur commande", "moyenne",
    ("CCP R2162-2",),
    "Le titulaire doit atteindre une part (en %) des produits commandés ou livrés alors que le marché s'exécute "
    "par bons de commande : c'est l'acheteur qui choisit ce qu'il commande, la part ne dépend pas du titulaire et "
    "l'engagement n'est pas opposable.",
    "Écrire une obligation de moyens : le titulaire propose et livre les références correspondantes quand elles "
    "sont commandées et rend compte des parts atteintes ; la part visée reste l'objectif de l'acheteur. Réserver "
    "les pénalités à ce que le titulaire maîtrise (références absentes, livraison non conforme).",
    "to-check",
)
RESERVATION_RULE = WordingRule(
    "reservation-article-errone", "Marché réservé sous un autre article que celui de ses bénéficiaires", "moyenne",
    ("CCP L2113-12", "CCP L2113-13", "CCP L2113-15"),
    "La réservation cite un article qui ne vise pas les structures auxquelles elle s'adresse : l'article L2113-12 "
    "vise les entreprises adaptées, les ESAT et les structures équivalentes employant des travailleurs handicapés ; "
    "l'article L2113-13 les structures d'insertion par l'activité économique et les structures équivalentes "
    "employant des travailleurs défavorisés ; l'article L2113-15 les entreprises de l'économie sociale et solidaire, "
    "pour certains services sociaux et spécifiques seulement. L'avis et les candidats lisent la réservation d'après "
    "l'article cité.",
    "Citer l'article qui correspond aux bénéficiaires nommés (ou les deux articles L2113-12 et L2113-13 si le marché "
    "est réservé aux uns et aux autres), et l'indiquer de même dans l'avis.",
)
WEIGHT_TOTAL_RULE = WordingRule(
    "ponderation-incoherente", "Pondérations des critères dont le total n'est pas 100\u00a0%", "moyenne",
    ("CCP R2152-12", "CCP L3"),
    "Les pondérations en pourcentage des critères d'attribution ne totalisent pas 100\u00a0% : le poids réel de "
    "chaque critère dans la note finale n'est pas celui affiché, et les candidats ne savent pas comment leur offre "
    "sera notée. La pondération que l'article R2152-12 impose en procédure formalisée doit être lisible et appliquée "
    "telle qu'elle est annoncée (égalité de traitement et transparence, article L3).",
    "Corriger les pourcentages pour que leur total fasse 100\u00a0% (ou exprimer la pondération en points sur un "
    "total indiqué), dans le règlement de la consultation et dans l'avis.",
    "to-check",
)
WORDING_RULES = (LABEL_RULE, LOCAL_RULE, POLICY_RULE, WEIGHTING_RULE, PENALTY_RULE, ORDERS_RULE, RESERVATION_RULE,
                 WEIGHT_TOTAL_RULE)

CRITERION_ITEM = re.compile(
    r"^(?:[-–•*]\s*)?(?:critere\s*(?:n\s*[°o]\s*)?\d*\s*[:.)–-]?\s*)?(?:[a-z0-9]{1,3}[.)–-]\s*)?(?:le\s+|la\s+|les\s+)?"
    r"(prix|cout\s+global|cout|valeur\s+technique|qualite|delais?|performances?\s+(?:en\s+matiere|environnementale|sociale|d'insertion)"
    r"|critere\s+(?:environnemental|social)|developpement\s+durable|insertion|valeur\s+environnementale)\b"
)
ORDERED = any_of(r"ordre\s+decroissant", r"hierarchis", r"par\s+ordre\s+d'importance", r"classes?\s+par\s+ordre")
PENALTY = any_of(
    r"penalit\w*\s+(?:[\w'-]+\s+){0,4}(?:sera|seront|est|sont|pourra|pourront|peut|peuvent)\s+(?:etre\s+)?(?:appliqu|inflig|exig|due|retenu|calcul|prononc|decompt)",
    r"(?:donne(?:ra)?|donnent|donneront)\s+lieu\s+a\s+(?:une\s+|des\s+|l'application\s+d'une\s+|l'application\s+de\s+)?penalit",
    r"passibles?\s+d'une\s+penalit", r"passibles?\s+de\s+penalit", r"s'expose\w*\s+a\s+(?:des\s+|une\s+)?penalit",
    r"(?:entraine|entrainera|entrainent)\s+(?:une\s+|des\s+|l'application\s+(?:d'une\s+|de\s+))?penalit",
    r"(?:applique|inflige)\s+(?:une|des)\s+penalit", r"sous\s+peine\s+de\s+penalit",
    # a new penalty ("encourt des pénalités"), not one already fixed ("encourt la même pénalité")
    r"\bencour(?:t|ent|ra|ront)\s+(?:[\w,]+\s+){0,6}?(?:une|des)\s+penalit",
    r"\bexpos\w*\s+(?:\w+\s+){0,3}a\s+(?:des\s+|une\s+)?penalit",
    r"\bredevables?\s+(?:d'une|des|de)\s+penalit", r"\bsanctionn\w*\s+(?:par\s+(?:une|des)|d'une|de)\s+penalit",
    # the holder undergoes it ("subit une pénalité", "se voit appliquer des pénalités")
    r"\b(?:subi|support)\w*\s+(?:une|des)\s+penalit", r"\bse\s+voi\w*\s+(?:appliquer|infliger)\s+(?:une|des)\s+penalit",
    r"\b(?:fait|font|fera|feront)\s+l'objet\s+(?:d'une|de|des)\s+penalit",
    r"\b(?:aura|auront|paiera|paieront|payera|payeront|versera|verseront)\s+(?:une|des)\s+penalit",
    # a deduction from the price is a penalty too (not the guarantee retention of R2191-32)
    r"(?:donne(?:ra)?|donnent|donneront)\s+lieu\s+a\s+(?:une\s+|des\s+)?(?:retenues?|refactions?|abattements?)\b"
    r"(?!\s+de\s+garantie)",
    r"\b(?:fait|font|fera|feront)\s+l'objet\s+(?:d'une|de|des)\s+(?:retenues?|refactions?)\b(?!\s+de\s+garantie)",
    # « est pénalisé », « sera systématiquement pénalisée », not « ne sont pas pénalisées »
    r"\b(?:est|sont|sera|seront|etre)\s+(?!(?:pas|plus|jamais)\b)(?:\w+\s+)?penalise(?:e|s|es)?\b",
    # a cell of a penalty table, or the item of a list after its failure (« non-respect du plan : pénalité forfaitaire
    # par constat »), that names the penalty alone ("Pénalité forfaitaire"; « Pénalité applicable » and « Pénalité
    # prévue » title a column: its cells are read under it, ``penalty_risk``)
    r"(?:^|\||:)\s*penalit\w*\s+(?:forfaitaire|journaliere|horaire|fixe)s?(?:\s+par\s+[\w' -]+?)?\s*(?:\||[;.]?\s*$)",
)
AMOUNT = any_of(
    r"\d+(?:[ .,]\d+)*\s*(?:€|euros?\b|eur\b|%|pour\s?cent|‰|o/oo)", r"\b1\s*/\s*\d+", r"\bun\s+(?:\w+-)?millieme",
    r"\bun\s+\w+ieme\s+du\s+montant", r"\bmontant\s+(?:de|egal\s+a|fixe\s+a)\s+\d", r"\bfixee?s?\s+a\s+\d",
    r"\bformule", r"\bp\s*=",
)
PENALTY_ELSEWHERE = any_of(r"\bccag\b", r"prevue?s?\s+(?:a|au|par)\s+(?:l'article|le\s+ccap|le\s+present)",
                           r"fixee?s?\s+(?:a|au|par)\s+l'article",
                           r"(?:definie?s?|visee?s?|mentionnee?s?|indiquee?s?|detaillee?s?)\s+(?:a|au|par|dans)\s+(?:l'article|le\s+bordereau|l'annexe)",
                           r"conformement\s+a\s+l'article", r"selon\s+les\s+modalites\s+de\s+l'article",
                           r"article\s+\d+(?:\.\d+)*\s+ci-(?:apres|dessous|dessus)",
                           r"\b(?:voir|cf\.?)\s+(?:l'\s*)?(?:article|annexe|bordereau)",
                           # a grid or scale of penalties given right below or after, or a sentence that ends on a
                           # colon: its list or table follows
                           r":\s*$",
                           r"\b(?:grille|bareme|tableau)\s+(?:des\s+penalites\s+)?(?:ci-(?:dessous|apres|dessus)|suivante?)\b")
PLACEHOLDER = re.compile(r"\[\s*(?:a\s+completer|montant|xx+|\.\.\.)|\bxx+\s*(?:€|euros)|\.\.\.\s*(?:€|euros)")
ORDERS = any_of(r"bons?\s+de\s+commande", r"accord-cadre\s+a\s+bons", r"emission\s+de\s+bons")


# A table states what is supplied or used without verbs (« Sanitaires | Deux passages par jour | Détergent, label
# Ecolabel européen »): a label named in a cell is required, unless its row, the sentence that introduces the table
# or the one that follows it admits equivalents, or its column gives examples or means of proof.
_EXAMPLE_COLUMN = re.compile(r"\bexemples?\b|\bindicati|\ba\s+titre\b|\binformati|\bfacultati|\boptionn|"
                             r"\bpreuves?\b|\bjustificati|\bpossibles?\b")
# The sentence before a table introduces it when it ends on a colon or points to it.
_INTRODUCES = re.compile(r":\s*$|ci-(?:dessous|apres)|\bsuivante?s?\b|\btableau\b")


# A table of requirements flattened by a PDF into one paragraph (« Famille Usage Exigence Peinture intérieure
# Écolabel européen Lasure NF Environnement ou équivalent »): its column titles open it, every label named in it is
# required, and only the words right after a label admit its equivalent (or make it an example, a presumption).
_FLAT_REQUIREMENT_TABLE = re.compile(r"^(?:[\w'-]+\s+){0,6}?(?:exigences?|prescriptions?|specifications?|"
                                     r"labels?\s+requis)\b")
_AFTER_LABEL = 40


def _flat_requirement_risk(folded: str) -> bool:
    return any(not (EQUIVALENT.search(after) or OPTIONAL_LABEL.search(after))
               for match in LABELS.finditer(folded)
               for after in [folded[match.end():match.end() + _AFTER_LABEL]])


def _flat_table_after_intro(p: Paragraph, previous: str) -> bool:
    """A PDF's paragraph that is a table flattened after the sentence introducing it (« … le titulaire emploie les
    produits indiqués ci-dessous : »): no list item, no sentence of its own, and an introduction that admits no
    equivalent."""
    return (previous.rstrip().endswith(":") and not (EQUIVALENT.search(previous) or OPTIONAL_LABEL.search(previous))
            and not p.in_list and not p.folded.rstrip().endswith((".", ";", ":")) and not NEGATION.search(p.folded))


def label_risk(p: Paragraph, following: str, *, pdf: bool = False, table: tuple[str, str] = ("", ""),
               previous: str = "") -> bool:
    """A named label required without equivalents admitted in its sentence, a later one of the paragraph or just
    after it ("Tout label équivalent est accepté"; a next paragraph about another label does not count). An
    equivalence admitted before covers an earlier label, not this one (a PDF's flattened table of requirements).
    ``table``: for a table's cell, the folded sentences that introduce and follow its table (the one that follows
    admits the equivalents of the table's labels unless it names a label of its own); ``previous``: the folded body
    paragraph before."""
    if pdf and _FLAT_REQUIREMENT_TABLE.match(p.folded) and not NEGATION.search(p.folded):
        return _flat_requirement_risk(p.folded)
    if pdf and _flat_table_after_intro(p, previous) and _flat_requirement_risk(p.folded):
        return True
    if p.row is not None and LABELS.search(p.folded) and not (p.column and _EXAMPLE_COLUMN.search(p.column)):
        intro, outro = table
        admitted = [p.scope, intro if _INTRODUCES.search(intro) else "", "" if LABELS.search(outro) else outro]
        return not any(EQUIVALENT.search(text) or OPTIONAL_LABEL.search(text) for text in admitted) \
            and not NEGATION.search(p.folded)
    if EQUIVALENT.search(following) and not LABELS.search(following):
        return False
    parts = sentences(p.scope)
    return any(label_required(sentence) and not any(admits_equivalent(later) for later in parts[position:])
               for position, sentence in enumerate(parts))


def local_risk(p: Paragraph) -> bool:
    """A preference for local firms, products or workers."""
    return any(local_preference(sentence) for sentence in sentences(p.scope))


def policy_risk(p: Paragraph, criteria: bool) -> bool:
    """A requirement or criterion on the company's general policy rather than on this contract."""
    return any(general_policy(sentence, criteria=criteria) for sentence in sentences(p.scope))


# A penalty whose amount is left to the gravity of the failure or to the buyer's judgement has no amount, whatever
# other penalties of the paragraph say (a PDF's flattened table of penalties).
_DISCRETIONARY = any_of(r"penalit\w*(?:\s+[a-z'-]+){0,4}?\s+(?:selon|en\s+fonction\s+de|proportionnee?s?\s+a)\s+"
                        r"(?:la\s+)?gravite",
                        r"penalit\w*(?:\s+[a-z'-]+){0,6}?\s+a\s+l'appreciation\s+(?:de|du)\b")
# A cell under a « Pénalité » column states the penalty of its row.
_PENALTY_COLUMN = re.compile(r"\bpenalit|\bsanctions?\b")


# A table of penalties flattened by a PDF into one paragraph (« Manquement Pénalité Retard 80 € HT par retard …
# Absence de l'accompagnateur à l'appréciation de l'autorité »): its column titles open it, and a row whose penalty
# has no amount says so in words, whatever the amounts of the other rows.
_FLAT_PENALTY_TABLE = re.compile(r"^(?:[\w'-]+\s+){0,6}?penalit")
_NO_AMOUNT = any_of(r"\ba\s+l'appreciation\s+d", r"\bau\s+cas\s+par\s+cas\b",
                    r"\ba\s+(?:definir|preciser|determiner)\b",
                    r"\bselon\s+(?:le\s+)?(?:bareme|prejudice(?:\s+subi)?)\s*$",
                    r"\bpenalit\w*\s+(?:forfaitaire|journaliere|horaire|fixe)s?\s*$",
                    r"\bpenalit\w*\s+(?:sera|seront)\s+(?:appliquee?s?|due?s?)\s*$")


_NEW_PENALTY = any_of(r"\b(?:une|des)\s+penalit", r"\bpenalise(?:e|s|es)?\b")


def penalty_risk(p: Paragraph, *, pdf: bool = False) -> bool:
    """A penalty announced with neither an amount nor a formula, here or where it points to (``pdf``: the draft is
    a PDF, whose tables come flattened)."""
    text = p.scope
    if _DISCRETIONARY.search(text):
        return True
    if pdf and _FLAT_PENALTY_TABLE.match(text) and _NO_AMOUNT.search(text):
        return True
    if p.column is not None and _PENALTY_COLUMN.search(p.column):
        cell = p.folded
        return not (AMOUNT.search(cell) or PENALTY_ELSEWHERE.search(cell) or ABSENT.search(cell))
    if not PENALTY.search(text) or PENALTY_ELSEWHERE.search(text):
        return False
    if PLACEHOLDER.search(text) or not AMOUNT.search(text):
        return True
    # a new penalty has its amount in its sentence or a later one (« … 30 € par jour. Les erreurs seront pénalisées. »
    # leaves the second without one); « ces pénalités sont dues » refers to penalties already fixed
    parts = sentences(text)
    for position, sentence in enumerate(parts):
        announced = PENALTY.search(sentence)
        if (announced and _NEW_PENALTY.search(sentence[max(0, announced.start() - 12):announced.end()])
                and not any(AMOUNT.search(later) for later in parts[position:])):
            return True
    return False


# The firms each reservation article names (CCP L2113-12, L2113-13, L2113-15, quoted in references/ccp.yaml).
_RESERVED_TO = {
    "12": any_of(r"entreprises?\s+adaptees?", r"\besat\b",
                 r"etablissements?\s+et\s+services\s+d'aide\s+par\s+le\s+travail", r"travailleurs\s+handicapes"),
    "13": any_of(r"\bsiae\b", r"structures?\s+d'insertion", r"entreprises?\s+d'insertion",
                 r"chantiers?\s+d'insertion", r"insertion\s+par\s+l'activite\s+economique",
                 r"travailleurs\s+defavorises"),
    "15": any_of(r"economie\s+sociale\s+et\s+solidaire", r"\bess\b"),
}
_RESERVATION_ARTICLE = re.compile(r"\bl\.?\s?2113-(1[2-5])(?![-\d])")
_ARTICLE_INITIAL = re.compile(r"\bl\.\s+(?=\d)")  # « L. 2113-13 » is no sentence end
_RESERVATION_RANGE = re.compile(r"\bl\.?\s?2113-(1[2-5])\s+(?:a|au)\s+(?:l'article\s+)?l\.?\s?2113-(1[2-6])(?!\d)")


def reservation_risk(p: Paragraph) -> bool:
    """A reservation whose cited article does not name the firms it is reserved to (ESAT under L2113-13)."""
    for sentence in sentences(_ARTICLE_INITIAL.sub("l", p.scope)):
        if not RESERVED.search(sentence) or NEGATION.search(sentence):
            continue
        cited = set(_RESERVATION_ARTICLE.findall(sentence))
        for first, last in _RESERVATION_RANGE.findall(sentence):
            cited |= {str(n) for n in range(int(first), int(last) + 1)}
        named = {article for article, firms in _RESERVED_TO.items() if firms.search(sentence)}
        if cited & set(_RESERVED_TO) and named and not named <= cited:
            return True
    return False


def orders_risk(p: Paragraph) -> bool:
    """A share of what is ordered or delivered set as the holder's result obligation."""
    return any(share_of_orders_imposed(sentence) for sentence in sentences(p.scope))


SUB_CRITERIA = any_of(r"sous-criteres?", r"au\s+regard", r"elements?\s+suivants", r"apprecie", r"decompos",
                      r"sur\s+la\s+base")
_NAMED = re.compile(r"\b(prix|valeur\s+technique|delais?|qualite|cout|performance\s+environnementale)\b")


def _criterion_item(p: Paragraph) -> bool:
    """A line naming one award criterion: list item, table cell, "Prix : …", "Critère 2 – Délai"."""
    text = p.folded.lstrip("0123456789.)-–•* ")
    match = CRITERION_ITEM.match(text)
    if not match:
        return False
    rest = text[match.end():].lstrip()
    return p.in_list or p.where == "tableau" or p.is_heading or len(text) <= 60 or rest[:1] in (":", "(", "–", "-", "=")


# A table whose header names the unit ("Critère | Points", "Pondération (%)") weighs its rows with bare numbers.
_WEIGHT_UNIT = any_of(r"\bpoints?\b", r"\bponderations?\b", r"%", r"\bcoefficients?\b", r"\bnotes?\b")
_BARE_NUMBER = re.compile(r"(?:^|\|)\s*\d+(?:[.,]\d+)?\s*(?:\||$)")
# The same table flattened by a PDF into one paragraph: « Critère Points Prix 60 Valeur technique 40 ».
_FLAT_UNIT_TABLE = re.compile(r"^criteres?\s+(?:\S+\s+){0,2}?(?:points?|ponderations?|notes?|coefficients?)\b[^.;]*?\d")


def unweighted_criteria(section: list[Paragraph]) -> list[Paragraph]:
    """The criteria of an award-criteria section announced without weight, unless the section ranks them;
    sub-criteria listed under a weighted criterion are elements of appreciation, not criteria."""
    if any(ORDERED.search(p.scope) for p in section):
        return []
    unit_header = any(p.row is not None and _WEIGHT_UNIT.search(p.scope) and not re.search(r"\d", p.scope)
                      for p in section)

    def weighted(p: Paragraph) -> bool:
        bare = unit_header and p.row is not None and bool(_BARE_NUMBER.search(p.scope))
        return bare or bool(WEIGHT.search(p.scope) or _FLAT_UNIT_TABLE.match(p.scope))

    any_weight = any(weighted(p) for p in section)
    missing: list[Paragraph] = []
    under_weighted = False
    for position, p in enumerate(section):
        if NOT_SCORED.search(p.folded):  # no criterion: it counts for nothing
            continue
        if weighted(p):
            under_weighted = p.folded.rstrip().endswith(":") or bool(SUB_CRITERIA.search(p.folded))
            continue
        if _criterion_item(p):
            if p.is_heading:
                following = section[position + 1 :]
                end = next((i for i, q in enumerate(following) if q.is_heading), len(following))
                if any(weighted(q) for q in following[:end]):
                    continue
            elif under_weighted and p.in_list:
                continue
            missing.append(p)
        elif not any_weight and len({m.group(1) for m in _NAMED.finditer(p.folded)}) >= 2 \
                and re.search(r"\b(?:jug|appreci|examin|not|classe|retenu|criteres?)", p.folded):
            missing.append(p)
        if not p.in_list:
            under_weighted = False
    return missing


def draft_has_orders(draft: Draft) -> bool:
    """Whether the contract is executed by bons de commande."""
    return any(ORDERS.search(p.folded) for p in draft.paragraphs)


# A weight in per cent (« 40 % », « 40 pour cent »), and the line of a sub-criterion (« dont méthodologie : 20 % »,
# « – moyens humains 10 % », « 2.1 Méthodologie », « a) délais ») whose weight is part of its criterion's.
_PERCENT = re.compile(r"(?<![\d.,])(\d{1,3}(?:[.,]\d+)?)\s*(?:%|pour\s?cent\b)")
_SUB_LINE = re.compile(r"^\W*(?:dont\b|sous-criteres?\b|[a-z]\s*[).]\s|\d+\.\d+\b|[-–•*]\s)")


def weights_off_total(section: list[Paragraph]) -> tuple[Paragraph, float] | None:
    """The first criterion and the total of a group of weighted criteria (the rows of one table, or one run of
    criterion lines) whose percentages do not add up to 100; None when every group adds up, or when sub-criteria or
    several weights on one line make the sum unreadable."""
    groups: list[list[tuple[Paragraph, float]]] = [[]]
    last_row: str | None = None  # the cells of a row follow each other: the row is read once
    under_weighted = False
    for p in section:
        if p.row is not None and p.row == last_row:
            continue
        last_row = p.row
        if p.row is None and not (p.in_list or _criterion_item(p)):
            if groups[-1]:
                groups.append([])
            under_weighted = bool(_PERCENT.search(p.folded)) and p.folded.rstrip().endswith(":")
            continue
        text = p.scope
        weights = _PERCENT.findall(text)
        if not weights:
            continue
        if len(weights) > 1 or re.search(r"sous-criteres?", text):
            return None
        if _SUB_LINE.match(p.folded) or (p.in_list and under_weighted):
            return None
        if p.row is None:
            under_weighted = p.folded.rstrip().endswith(":")
        groups[-1].append((p, float(weights[0].replace(",", "."))))
    for group in groups:
        if len(group) >= 2 and abs(sum(weight for _, weight in group) - 100) > 0.5:
            return group[0][0], sum(weight for _, weight in group)
    return None
