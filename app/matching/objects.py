"""The object of the contract: what is bought, read from the head of the text, as purchase families.

Words are read in context. A tender text names its object first ("Nettoyage des locaux…", "Maîtrise d'œuvre pour
la viabilisation…") and then details it: complements ("des écoles", "de la restauration scolaire"), purposes ("pour
les sorties scolaires"), parentheses, and, after a colon or a full stop, lists and conditions. The families of the
object decide the core clauses and the obligations; the other words only add themes.

- The *head piece* is the first piece of the text (up to a colon, a semicolon, a full stop, a line break or a dash
  between spaces) naming a purchase family outside a "pour …" complement and outside parentheses (an acronym in
  parentheses restates what precedes it and counts), after a heading naming the buyer ("EHPAD public Les Glycines –
  blanchisserie…", "Groupement de commandes CCAS et EHPAD : …"), a place when a purchase is named plainly after it
  ("Bureau du maire et salle des mariages : fabrication d'un bureau…"), the form of the contract ("Marché global de
  performance : …") or the operation when a dash then names the purchase ("Extension du gymnase – lot A contrôle
  technique…"); a short heading naming the domain, or a project's title, gives way to the purchase of a thing after it
  ("Viabilité hivernale : acquisition d'une saleuse", "Projet « un potager par école » : fourniture et livraison de bacs
  en douglas"), the buying word read with a one-letter slip too ("fourniure de"). A concession names what it delegates
  after "pour" ("Délégation de service public pour l'exploitation du centre aquatique": ``app.matching.text``).
- Its *head* is the first plain family term in it that names what is bought ("Restauration", ambiguous, gives way
  to "charpente"; "Fourniture et pose" to "mobilier urbain"); when it has only ambiguous terms, the strongest of
  their families.
- Another family named in the head piece joins the object when it is coordinated with the head ("Fauchage et
  débroussaillage", "Travaux de la médiathèque et fourniture du mobilier": the supplies of a works contract
  are bought too), when it names the material the head is made of ("composteurs en bois", "bacs en douglas":
  however late in the text it comes), or when, as a complement, it refines the head (same nature, one of its main
  themes: "collecte des déchets diffus spécifiques"); a complement of another domain is a place or a domain
  ("des accueils périscolaires", "logiciel de la restauration scolaire"), except the goods a rental provides
  ("Location-entretien des vêtements de travail": the clothes are bought too). In works, the trades listed after
  the head piece are part of the object (désamiantage, peinture), not the cleaning at the end of the works.
- A service word that opens the head piece before a thing of another nature names the service bought
  ("Maintenance des hottes de la cantine", "Contrôle des aires de jeux"): neither works on that thing nor the
  place are bought; supplies under upkeep may be replaced (their family joins), supplies checked are not. A supply
  whose family names the service that repairs it (``upkept_by``), opened only by upkeep words (« Entretien et
  réparation des vélos »), is that service alone: the thing was bought elsewhere.
- Advice, studies, checks or training named first, the thing after it as its complement ("Accompagnement à la
  labellisation de la cuisine centrale"), are the object: work about a subject (``about`` families) buys the work,
  not the subject. A service to a construction (design, control: CPV group 71) that closes a text or a head piece
  naming works ("CONSTRUCTION DE LA HALLE MOE") or heads it before a dash and the works ("Mission de maîtrise
  d'œuvre – travaux de …") is the object too: the works are its subject.
- A family whose words describe the purchase of another one found in the text gives way to it (``yields_to``:
  the meals of a festival, of a reception). The family of a CPV code given joins the object.

Pure: no FastAPI, no database.
"""

import re
from collections.abc import Iterable
from functools import cached_property
from itertools import pairwise

from rapidfuzz.distance import Levenshtein

from app.clauses.library import Nature
from app.french import french_regex
from app.matching.cpv import nature_of
from app.matching.families import Family
from app.matching.index import ClauseIndex, Hit
from app.matching.text import LOT_NUMBER, phrase_keys

# A family of the object is found at least this strongly, and at least OBJECT_SHARE as strongly as the head.
OBJECT_MIN = 0.5
OBJECT_SHARE = 0.8
# The material a thing is made of (« composteurs en bois ») is found at least this strongly: a word of the head piece,
# however late in the text.
MATERIAL_MIN = 0.3
# A family gives way to another one named in the text at least this strongly (in a "pour …" complement too:
# "Prestation de restauration pour le buffet des vœux").
YIELD_MIN = 0.4
# A full stop ends a piece; the dot of an abbreviation, followed by a word in lower case, does not ("Conso.
# d'impression", "Maint. préventive").
_PIECE_BREAK = french_regex(r"[:;\n]|\.(?:\s(?!\s*[a-zàâäçéèêëîïôöùûüÿœ])|$)|\s[-–—]\s")
_PARENTHESES = french_regex(r"\([^()]*\)|\[[^\[\]]*\]")
# An acronym in parentheses restates what precedes it ("déchets diffus spécifiques (DDS)"): not a detail.
_ACRONYM = french_regex(r"\(\s*[A-Z][A-Z0-9&'’.\-]{1,11}\s*\)")
# Between two coordinated terms: a comma or a conjunction ("Fauchage et débroussaillage"); two terms side by side
# are one name ("Assurance automobile").
_COORDINATION = french_regex(r"\s*(?:(?:[,/&+]|\bet\b|\bou\b|\bpuis\b)\s*)+", re.IGNORECASE)
# A conjunction followed by what is done starts another object, even after a complement ("Travaux de la
# médiathèque et fourniture du mobilier", "Nettoyage des locaux et entretien des espaces verts", « Maintenance des
# chaudières + fourniture des plaquettes »).
_NEW_OBJECT = french_regex(
    r"[\s,]*(?:et|ainsi\s+que|puis|,|\+)\s+(?:(?:la|le|les|l['’])\s*)?(?:fourniture|pose|livraison|installation|"
    r"acquisition|achat|location|entretien|maintenance|travaux|prestation|mise\s+en\s+place|nettoyage|collecte|"
    r"transport|réparation|gestion|fabrication|confection|réalisation)s?\b",
    re.IGNORECASE,
)
# The next lot of a list ("lot 1 désamiantage, lot 2 gros œuvre, lot 3 …"): each lot names another purchase.
_NEXT_LOT = french_regex(rf"\s*(?:,\s*(?:et\s+)?|et\s+){LOT_NUMBER}\s*[:.\-–—]?\s*",
                       re.IGNORECASE)
# Goods joined to goods by "et des", "et de la" ("fourniture des produits de traitement de l'eau et des produits
# d'entretien"): both are bought.
_AND_OF = french_regex(r"\s(?:et|ou)\s+(?:de\s+la|de\s+l['’]|de|des|du|d['’])\s*$", re.IGNORECASE)
# A domain heading: a few words before a colon or a dash at the start of the text, then the purchase of a thing
# (« acquisition d'une saleuse », not « location, pose et stockage »).
_HEADING_MARKS = frozenset({":", "-", "–", "—"})
_HEADING_WORDS = 4
# A piece that opens on buying something (« acquisition d'un minibus », « fourniture de … »), the verb written with
# a one-letter slip too (« fourniure de », « founiture de »: hurried officers; a word that short is never another
# noun one letter away).
_BUYING_WORD = french_regex(r"\s*(?P<word>[^\W\d_]{4,13})\b", re.IGNORECASE)
# A subscription is a purchase too (« Réseau des médiathèques – abonnement à une plateforme de … »).
_BUYING_VERBS = ("acquisition", "achat", "fourniture", "location", "abonnement")
# « de », after another verb too (« fourniture et livraison de », « acquisition, installation de »).
_OF_NEXT = french_regex(r"(?:\s*(?:,|\bet\b)\s*[^\W\d_]+)?\s+(?:de|d['’]|des|du)\b", re.IGNORECASE)
# A heading that names a project or a programme by its title (« Projet « un potager dans chaque école » : fourniture
# de … », « Opération Cœur de bourg : acquisition de … »): like a short domain heading, it gives way to the purchase
# of a thing after it, whatever its length.
_PROJECT_HEADING = french_regex(r"\s*(?:projet|programme|opération|action|dispositif|démarche|plan)\b", re.IGNORECASE)
# A heading that names the buyer or its establishment ("SIVOS des Trois Vallées – …", "EHPAD public Les Glycines : …",
# "Résidence autonomie Les Lilas : …", "CCAS de … –", "Multi-accueil Les Lutins (40 berceaux) : …"):
# the object comes after it, even when the buyer's name holds a family word (an EHPAD buys more than its meals).
# A group of buyers is a buyer too ("Groupement de commandes CCAS et EHPAD : …"), not a group named by its purchase
# ("Groupement de commandes électricité").
_BUYER_HEADING = french_regex(
    r"\s*(?:groupement\s+(?:de\s+commandes?\s+)?(?:entre\s+)?(?:(?:la|le|les)\s+|l['’])?)?"
    r"(?:commune|ville|mairie|CCAS|CIAS|SIVOS|SIVU|SIVOM|syndicat|communauté|métropole|département|"
    r"conseil\s+départemental|région|EHPAD|résidence\s+autonomie|foyer[- ]logement|office\s+de\s+tourisme|"
    r"office\s+public|centre\s+hospitalier|multi[- ]accueils?|micro[- ]crèches?|EAJE|halte[- ]garderies?|"
    r"crèches?\s+(?:municipales?|familiales?|collectives?|parentales?|intercommunales?)|relais\s+petite\s+enfance|"
    r"caisse\s+des\s+écoles|établissement\s+public|régie)\b[^:;\n.]{0,80}?(?::|\s[-–—]\s)",
    re.IGNORECASE,
)
# A heading that names a place or a building of the buyer (« Bureau du maire et salle des mariages : fabrication d'un
# bureau… », « Auberge de jeunesse municipale – renouvellement du linge », « Groupe scolaire Jean Jaurès : … »,
# « Cimetière de l'Est : … », « Ateliers municipaux et cimetière : … »): when a purchase is named plainly after it,
# that is what is bought, the place is where it goes, even when the place's name holds a family word (a bureau, a
# library, a cemetery's green spaces).
_PLACE_HEADING = french_regex(
    r"\s*(?:bureaux?\s+(?:du|de\s+la|des)\s|salles?|biblioth[èe]ques?|m[ée]diath[èe]ques?|ludoth[èe]ques?|"
    r"groupes?\s+scolaires?|[ée]coles?|coll[èe]ges?|lyc[ée]es?|cimeti[èe]res?|gymnases?|piscines?|"
    r"centres?\s+(?:aquatiques?|nautiques?|culturels?|sociaux|social|techniques?(?:\s+municipaux)?|de\s+loisirs)|"
    r"ateliers?\s+(?:municipaux|communaux|techniques?)|"
    r"maisons?\s+(?:de\s+quartier|des\s+associations|de\s+la\s+culture|des\s+jeunes|de\s+santé|du\s+patrimoine)|"
    r"auberges?\s+de\s+jeunesse|h[ôo]tel\s+de\s+ville|th[ée][âa]tres?|mus[ée]es?|cin[ée]mas?|conservatoires?|"
    r"complexes?\s+sportifs?|campings?|halles?)\b[^:;\n.]{0,80}?(?::|\s[-–—]\s)",
    re.IGNORECASE,
)
# A heading that names the operation, followed after a dash by what is bought in it ("Extension du gymnase – lot A
# contrôle technique…", "Requalification du centre-bourg – fourniture de mobilier urbain"), or a place followed by
# the works done there ("Stade Jean-Moulin – réfection de la piste"): the purchase is the object, the operation or
# the place is its setting.
# Correcting a room's acoustics and cleaning up polluted soil name works as plainly (« Restaurant scolaire Jules Ferry
# – correction acoustique de la salle », « Ancienne station-service … – dépollution des sols »): the site before the
# dash, a canteen or a filling station, buys no meals nor fuel.
_WORKS_NAMED = r"travaux|rénovation|réhabilitation|remplacement|réfection|création|correction|dépollution"
_OPERATION_HEADING = french_regex(
    r"[^:;\n.]{3,100}?\s[-–—]\s(?=(?:lots?|fournitures?|fourn|fournit|missions?|prestations?|prest|location|achat|"
    rf"acquisition|marché|{_WORKS_NAMED})\b)",
    re.IGNORECASE,
)
# Works named after such a heading (« – travaux de… », « – rénovation de… »).
_WORKS_FOLLOW = french_regex(rf"(?:{_WORKS_NAMED})\b", re.IGNORECASE)
# A heading that names the form of the contract ("Marché global de performance : rénovation…", "CPE – exploitation…",
# "Accord-cadre : …", "Contrat de performance énergétique (CPE) pour la piscine : …"): what is bought comes after it.
_FORM_HEADING = french_regex(
    r"\s*(?:march[ée]\s+global(?:\s+de\s+performance)?|MGP|contrat\s+de\s+performance\s+[ée]nerg[ée]tique|CPE|"
    r"accord[- ]cadre|MAPA|march[ée]\s+public)(?:\s*\([^()]*\))?(?:\s+pour\s[^:;\n.()]{0,80}?)?\s*(?::|\s[-–—]\s)",
    re.IGNORECASE,
)
# A lot of an operation ("LOT 3", "Lot n°2", "lot no1", "LOT6", "Lot 1B").
_LOT_MARK = french_regex(LOT_NUMBER, re.IGNORECASE)
# What separates a lot's number from its title (« lot 1 : tondeuses », « LOT 2 – voirie », « lot 3. Textiles »).
_LOT_TITLE = french_regex(r"\s*(?:[:.\-–—]\s*)?")
# A works operation followed by a lot and its title, without a dash (« RESTRUCTURATION DE L'ECOLE LOT 7 EQUIPEMENT
# DE CUISINE »): the title says what the lot buys.
_LOT_HEADING = french_regex(rf"[^:;\n.]{{3,100}}?\s(?={LOT_NUMBER}\s*[:.\-–—]?\s*[^\W\d_])",
                          re.IGNORECASE)
# CPV division 44: « Structures et matériaux de construction ; produits auxiliaires pour la construction ».
_CONSTRUCTION_MATERIALS = "44"
# CPV group 71: architecture, construction, engineering and inspection services (design missions, SPS, checks).
_ENGINEERING = "71"
# Between two things bought together ("Assistance administrative et accueil téléphonique").
_LINKED = french_regex(r"\bet\b|\bou\b|[,&+/]", re.IGNORECASE)
# A term that holds its own complement ("nettoyage des écoles").
_COMPLEMENT = french_regex(r"\s(?:de|des|du|d['’])\s?", re.IGNORECASE)

# Words that say how something is bought, not what: a head made only of them ("Fourniture et pose de…", "Travaux
# de…") gives way to the next family term.
_HOW = frozenset(key for word in (
    "fourniture", "pose", "livraison", "installation", "mise", "place", "travaux", "acquisition", "achat",
    "prestation", "service", "location", "réalisation", "exécution",
) for key in phrase_keys(word)[0])

# A works head that names an action ("Rénovation de…", "Remplacement des…") is completed by what is worked on: the
# family named by that complement is bought too ("Rénovation de l'éclairage public": lighting works).
_WORKS_ACTIONS = frozenset(key for word in (
    "rénovation", "réhabilitation", "remplacement", "réfection", "modernisation", "renouvellement", "extension",
    "création", "mise en conformité", "mise aux normes",
) for key in phrase_keys(word)[0])
# A service done on a thing, named before it ("Maintenance des hottes…", "Contrôle des aires de jeux"): checking buys
# nothing else; upkeep may replace the supplies it maintains.
_CHECKS = frozenset(key for word in ("contrôle", "vérification", "inspection") for key in phrase_keys(word)[0])
_UPKEEP = frozenset(key for word in ("maintenance",) for key in phrase_keys(word)[0])
# The words that open a head piece on keeping a supply in use (« Entretien et réparation des vélos », « Prestations
# de maintenance préventive des tondeuses »): with nothing else before the supply, the service that repairs it is
# bought (its family's ``upkept_by``), not the thing, bought elsewhere.
_UPKEEP_WORDS = frozenset(key for word in (
    "entretien", "réparation", "maintenance", "révision", "remise en état", "dépannage", "réparer", "entretenir",
) for keys in phrase_keys(word) for key in keys)
_UPKEEP_FILLER = frozenset(key for word in (
    "prestation", "marché", "contrat", "service", "préventive", "curative", "corrective", "courant", "annuel",
    "périodique", "mécanique",
) for keys in phrase_keys(word) for key in keys)
# A rental head ("Location-entretien des vêtements de travail"): the holder provides the goods rented, which are
# bought too (supplies in a services contract).
_RENTAL_BEFORE = french_regex(r"\blocations?\b[^:;.()\n]{0,40}$", re.IGNORECASE)
_RENTAL = frozenset(key for word in ("location",) for key in phrase_keys(word)[0])
# Before the material a thing is made of ("composteurs en bois"): that material is bought with it.
_MADE_OF = french_regex(r"\ben\s*$", re.IGNORECASE)
# A supply named by what it goes to ("Approvisionnement de la chaufferie bois en plaquettes forestières"): the goods
# after "en" are bought, the thing supplied is where they go.
_SUPPLY_OF = french_regex(
    r"\b(?:r?approvisionnements?|ravitaillements?)\s+(?:de\s+la|de\s+l['’]|de|des|du|d['’])\s*$", re.IGNORECASE)
# Before a service that comes with the thing bought ("Location avec maintenance de copieurs"): the thing is the object,
# the service an addition.
_WITH = french_regex(r"\bavec\s*(?:(?:la|le|les|une?|des)\s+|l['’]\s*)?$", re.IGNORECASE)
# What joins a noun to its complement: "de l'", "des", "du".
_OF = french_regex(r"\s*(?:de\s+la|de\s+l['’]|de|des|du|d['’])\s*", re.IGNORECASE)

# A family term found in the text: the hit and its family concepts with their weights (1.0 plain, less ambiguous).
FamilyHit = tuple[Hit, list[tuple[int, float]]]


def _main_themes(family: Family) -> set[str]:
    """The themes a family weighs most (several when tied)."""
    top = max(family.themes.values())
    return {theme for theme, weight in family.themes.items() if weight == top}


def _buying(text: str, start: int, *, of: bool = False) -> bool:
    """True when the piece at ``start`` opens on buying (« fourniture », « acquisition »…, one letter slipped
    allowed), followed by « de » when ``of``."""
    found = _BUYING_WORD.match(text, start)
    if found is None:
        return False
    word = found["word"].lower().removesuffix("s")
    if not any(Levenshtein.distance(word, verb) <= (1 if len(verb) > 6 else 0) for verb in _BUYING_VERBS):
        return False
    return not of or _OF_NEXT.match(text, found.end()) is not None


def _says_how(hit: Hit) -> bool:
    """True when the words of ``hit`` only say how something is bought."""
    keys = phrase_keys(hit.surface)
    return bool(keys) and _HOW.issuperset(keys[0])


def _is_works_action(hit: Hit) -> bool:
    """True when ``hit`` names an action on a works (rénovation, remplacement…) rather than the thing worked on."""
    keys = phrase_keys(hit.surface)
    return bool(keys) and _WORKS_ACTIONS.issuperset(keys[0])


def _is_rental(hit: Hit) -> bool:
    """True when ``hit`` names a rental ("location-entretien")."""
    keys = phrase_keys(hit.surface)
    return bool(keys) and bool(_RENTAL & set(keys[0]))


def _rented_before(text: str, hit: Hit) -> bool:
    """True when a rental opens the words just before ``hit`` ("Location, marquage et blanchissage des tenues")."""
    return bool(_RENTAL_BEFORE.search(text, 0, hit.start))


def _without_parentheses(text: str) -> str:
    return _PARENTHESES.sub(lambda found: found[0] if _ACRONYM.fullmatch(found[0]) else " ", text)


def _works_before_lot(index: ClauseIndex, text: str, hits: list[FamilyHit]) -> int:
    """The end of a works operation named before a lot and its title without a dash (« RESTRUCTURATION DE L'ECOLE
    LOT 7 EQUIPEMENT DE CUISINE »: its first plain family term names works), else 0; an operation naming another
    purchase first is that purchase (« TRANSPORT LOT 1 … »)."""
    heading = _LOT_HEADING.match(text)
    if not heading:
        return 0
    plain = [{family.nature for concept, weight in concepts
              if weight >= 1.0 and (family := index.concepts[concept].family) is not None}
             for hit, concepts in hits if hit.start < heading.end()]
    return heading.end() if next((natures for natures in plain if natures), None) == {"travaux"} else 0


def _engineering(family: Family) -> bool:
    """True when ``family`` is a service to a construction (design, engineering, checks: CPV group 71)."""
    return family.nature == "services" and all(prefix.startswith(_ENGINEERING) for prefix in family.cpv)


def _service_heading(index: ClauseIndex, text: str, hits: list[FamilyHit]) -> re.Match[str] | None:
    """The heading naming an operation before a dash and the purchase (``_OPERATION_HEADING``), unless it plainly
    names a service to a construction or work about a subject (studies, assistance) and the works follow (« Mission
    de maîtrise d'œuvre – travaux de création d'un château d'eau », « Assistance à maîtrise d'ouvrage – rénovation du
    gymnase »): the mission is bought, the works are its subject; nor when it opens on a service that
    lots divide (« Lavage des véhicules du parc – lot 1 véhicules légers, lot 2 poids lourds »): the lots name what
    the service works on, not goods bought."""
    heading = _OPERATION_HEADING.match(text)
    if heading is None:
        return None
    after = text[heading.end():]
    named = [index.concepts[concept].family for hit, concepts in hits if hit.start < heading.end()
             for concept, weight in concepts if weight >= 1.0]
    if re.match(r"lots?\b", after, re.IGNORECASE):
        opening = len(text) - len(text.lstrip())
        first = [index.concepts[concept].family for hit, concepts in hits if hit.start == opening
                 for concept, weight in concepts if weight >= 1.0]
        return None if any(family is not None and family.nature == "services" for family in first) else heading
    if not _WORKS_FOLLOW.match(after):
        return heading
    return None if any(family is not None and (_engineering(family) or family.about) for family in named) else heading


def _place_heading(text: str, hits: list[FamilyHit]) -> re.Match[str] | None:
    """The heading naming a place (``_PLACE_HEADING``) when a purchase is named plainly after it; else None."""
    heading = _PLACE_HEADING.match(text)
    if heading is None or not any(not hit.modifier and hit.start >= heading.end() and any(
            weight >= 1.0 for _, weight in concepts) for hit, concepts in hits):
        return None
    return heading


def _head_piece(index: ClauseIndex, text: str, hits: list[FamilyHit]) -> list[FamilyHit]:
    """The family hits of the head piece, in the order of the text."""
    hidden = [(found.start(), found.end()) for found in _PARENTHESES.finditer(text) if not _ACRONYM.fullmatch(found[0])]
    heading = (_BUYER_HEADING.match(text) or _FORM_HEADING.match(text) or _service_heading(index, text, hits)
               or _place_heading(text, hits))
    if heading or (heading_end := _works_before_lot(index, text, hits)):
        end = heading.end() if heading else heading_end
        # A lot titled after the heading without naming a purchase names a site (« Travaux d'élagage sur RD - lot 2
        # secteur de Romans »): the heading says what is bought.
        titled = re.search(r"[^\W\d_]", _LOT_MARK.sub(" ", text[end:]))
        if not titled or any(not hit.modifier and hit.start >= end for hit, _ in hits):
            hidden.append((0, end))
    usable = [(hit, concepts) for hit, concepts in hits
              if not hit.modifier and not any(start <= hit.start < end for start, end in hidden)]
    if not usable:
        return []
    first = min(hit.start for hit, _ in usable)
    breaks = [found.end() for found in _PIECE_BREAK.finditer(text, 0, first)]
    start = breaks[-1] if breaks else 0
    pieces = []
    while start < len(text):
        stop = _PIECE_BREAK.search(text, start)
        end = stop.end() if stop else len(text)
        piece = sorted(((hit, concepts) for hit, concepts in usable if start <= hit.start < end),
                       key=lambda item: item[0].start)
        if piece:
            pieces.append((start, piece))
            if len(pieces) == 2:  # the first piece, and the next one it may give way to
                break
        start = end
    # A first piece naming only a place, a building or a service of the buyer in ambiguous words (« lycée agricole
    # de … : mobilier de l'internat », « accueil de jour : acquisition d'un minibus ») gives way to the next piece
    # when that one names a purchase plainly and the first only buildings or the next opens on buying.
    weak = [index.concepts[concept].family for _, concepts in pieces[0][1] for concept, weight in concepts
            if weight < 1.0]
    plain = any(weight >= 1.0 for _, concepts in pieces[0][1] for _, weight in concepts)
    # A short heading opening the text names the domain (« Viabilité hivernale : acquisition d'une saleuse »): when
    # the next piece opens on buying, that is what is bought.
    opening = pieces[0][0]
    stop = _PIECE_BREAK.search(text, opening)
    domain = (not text[:opening].strip() and stop is not None and stop.group().strip() in _HEADING_MARKS
              and (len(text[opening:stop.start()].split()) <= _HEADING_WORDS or bool(_PROJECT_HEADING.match(
                  text, opening))))
    for start, piece in pieces[1:2]:
        buys = _buying(text, start)
        if any(weight >= 1.0 for _, concepts in piece for _, weight in concepts) and (
                (domain and _buying(text, start, of=True)) or (not plain and (
                    buys or all(family is not None and family.nature == "travaux" for family in weak)))):
            return piece
    return pieces[0][1]


def head_opening(index: ClauseIndex, text: str, hits: list[FamilyHit]) -> tuple[int, int] | None:
    """Where the head piece opens: from its start to the end of its first family term (« TRX CREATION », « fourn.
    des goûters », « Fourniure de repas »); None when no piece names a family."""
    piece = _head_piece(index, text, hits)
    if not piece:
        return None
    first = piece[0][0]
    breaks = [found.end() for found in _PIECE_BREAK.finditer(text, 0, first.start)]
    return (breaks[-1] if breaks else 0), first.end


class _Reader:
    """Reads the families of the object from the hits of one tender (``levels``: family id -> strength in the
    tender, after the nature discount; ``said``: the nature the text states)."""

    def __init__(self, index: ClauseIndex, text: str, levels: dict[str, float], said: Nature | None) -> None:
        self.index, self.text, self.levels, self.said = index, text, levels, said
        self.by_id = index.knowledge.families.by_id
        self.named = {family for family, level in levels.items() if level >= YIELD_MIN}

    def level(self, family: Family) -> float:
        return self.levels.get(family.id, 0.0)

    def family_of(self, concept: int) -> Family:
        family = self.index.concepts[concept].family
        assert family is not None
        return family

    def resolved(self, family: Family) -> Family:
        """The family itself, or the strongest family named in the text that it gives way to."""
        yielded = [self.by_id[other] for other in family.yields_to if other in self.named]
        return max(yielded, key=self.level) if yielded else family

    def strongest(self, families: list[Family]) -> Family:
        """The family of one term of the nature the text states ("Travaux de désimperméabilisation"), found with
        confidence; else the strongest, between equals the one of the stated nature."""
        stated = [family for family in families if family.nature == self.said and self.level(family) >= OBJECT_MIN]
        return max(stated or families, key=lambda family: (self.level(family), family.nature == self.said))

    def confident(self) -> list[Family]:
        return [self.by_id[family] for family, level in self.levels.items() if level >= OBJECT_MIN]

    def supplied(self, piece: list[FamilyHit]) -> list[FamilyHit]:
        """The head piece from the goods on, when it opens on a supply of a thing "en" goods ("Approvisionnement de
        la chaufferie en plaquettes"); else the piece."""
        lead = piece[0][0]
        if not _SUPPLY_OF.search(self.text, 0, lead.start):
            return piece
        for position in range(1, len(piece)):
            between = _without_parentheses(self.text[piece[position - 1][0].end:piece[position][0].start])
            if _MADE_OF.search(between):
                return piece[position:]
        return piece

    def head(self, piece: list[FamilyHit]) -> tuple[Hit, Family] | None:
        """The first plain term naming what is bought, and its family; None when nothing is found with confidence."""
        plain = [(hit, [self.family_of(concept) for concept, weight in concepts if weight >= 1.0])
                 for hit, concepts in piece]
        plain = [(hit, families) for hit, families in plain if families]
        plain = [item for item in plain if not _says_how(item[0])] or plain
        # A term right after "en" says how or in what the thing is placed ("pose en armoire", "livraison en
        # vrac"), or what it is made of: the thing named after it is bought.
        plain = [item for item in plain if not _MADE_OF.search(self.text, 0, item[0].start)] or plain
        if plain and (lead := self._weak_supply_lead(piece, plain[0])) is not None:
            return lead
        if plain:
            hit, head = plain[0][0], self.resolved(self.strongest(plain[0][1]))
        else:
            hit, head = piece[0][0], self.resolved(self.strongest(
                [self.family_of(concept) for _, concepts in piece for concept, _ in concepts]))
        if self.level(head) >= OBJECT_MIN:
            return hit, head
        confident = self.confident()  # an ambiguous word alone: the strongest family found, if any
        return (hit, confident[0]) if confident else None

    def _weak_supply_lead(self, piece: list[FamilyHit], first: tuple[Hit, list[Family]]) -> tuple[Hit, Family] | None:
        """The lead of the head piece when it is an ambiguous word of a supply the text names plainly elsewhere and
        the first plain term is its complement naming a service (« Tenues des agents d'accueil (polos, vestes) »:
        the clothes of the reception staff, not reception staff)."""
        lead, concepts = piece[0]
        if lead is first[0] or not _OF.fullmatch(self.text[lead.end:first[0].start]) or any(
                family.nature != "services" for family in first[1]):
            return None
        supplies = [self.family_of(concept) for concept, _ in concepts
                    if self.family_of(concept).nature == "fournitures"]
        named = [family for family in supplies if self.level(family) >= 1.0]
        return (lead, self.strongest(named)) if named else None

    def service_on(self, piece: list[FamilyHit], head_hit: Hit, head: Family) -> list[Family] | None:
        """The object when the head piece opens on a service done on a thing of another nature ("Maintenance des
        hottes de la cantine", "Contrôle annuel des aires de jeux"): the service family of that word, and for upkeep
        the supplies it maintains (parts are replaced), never works nor the place where the thing stands."""
        lead, concepts = piece[0]
        keys = phrase_keys(lead.surface)
        action = set(keys[0]) if keys else set()
        if lead is head_hit or head.nature == "services" or not action or not action <= _CHECKS | _UPKEEP or (
                _WITH.search(self.text, 0, lead.start)):
            return None
        services = [self.family_of(concept) for concept, _ in concepts
                    if self.family_of(concept).nature == "services"]
        if not services:
            return None
        bought = [self.strongest(services)]
        return [*bought, head] if action <= _UPKEEP and head.nature == "fournitures" else bought

    def upkeep_of(self, piece: list[FamilyHit]) -> Family | None:
        """The service family that keeps a supply in use when only upkeep words, family terms or not, open the head
        piece before that supply (« Entretien et réparation des vélos de la flotte », « Maintenance préventive des
        tondeuses », « Remise en état des remorques »); else None."""
        upkept = [(hit, supplies) for hit, concepts in piece
                  if (supplies := [family for concept, weight in concepts if weight >= 1.0
                                   and (family := self.family_of(concept)).nature == "fournitures"
                                   and family.upkept_by])]
        if not upkept:
            return None
        hit, supplies = upkept[0]
        breaks = [found.end() for found in _PIECE_BREAK.finditer(self.text, 0, hit.start)]
        keys = phrase_keys(self.text[breaks[-1] if breaks else 0:hit.start])
        words = set(keys[0]) if keys else set()
        if not words & _UPKEEP_WORDS or not words <= _UPKEEP_WORDS | _UPKEEP_FILLER:
            return None
        return self.by_id[self.strongest(supplies).upkept_by or ""]

    def also_bought(self, piece: list[FamilyHit]) -> list[Family]:
        """What the head piece buys besides the service done on a thing, after a conjunction and what is done
        (« Maintenance des chaudières bois + fourniture des plaquettes forestières », « Entretien des tondeuses et
        fourniture du carburant »): the family named plainly right after, when the tender names it firmly."""
        return [family for (previous, _), (hit, concepts) in pairwise(piece)
                if _NEW_OBJECT.match(_without_parentheses(self.text[previous.end:hit.start]) + hit.surface)
                for concept, weight in concepts[:1]
                if weight >= 1.0 and self.level(family := self.resolved(self.family_of(concept))) >= OBJECT_MIN]

    def companions(self, piece: list[FamilyHit], head_hit: Hit,
                   head: Family) -> tuple[list[Family], list[Family], list[Family]]:
        """The families of the head piece bought as well (coordinated with the head, named plainly), the material
        the head is made of (« bacs en douglas », named plainly) and those that refine the head (coordinated but
        ambiguous, or complements of the same nature sharing a main theme)."""
        main = _main_themes(head)
        bought: list[Family] = []
        materials: list[Family] = []
        refining: list[Family] = []
        coordinated, previous = False, None  # chained to the head by "et", commas
        for hit, concepts in piece:
            made_of = False
            if previous is not None:
                between = _without_parentheses(self.text[previous.end:hit.start])
                made_of = bool(_MADE_OF.search(between)) and not head.about  # a training « en cuisine »: its subject
                of_head = previous is head_hit and bool(_OF.fullmatch(between))
                worked_on = of_head and head.nature == "travaux" and _is_works_action(head_hit)
                rented = of_head and (_is_rental(head_hit) or _rented_before(self.text, piece[0][0])) and any(
                    self.family_of(concept).nature == "fournitures" for concept, _ in concepts)
                goods = head.nature == "fournitures" and bool(_AND_OF.search(between)) and any(
                    self.family_of(concept).nature == "fournitures" for concept, _ in concepts)
                coordinated = worked_on or rented or goods or bool(_NEW_OBJECT.match(between + hit.surface)) or bool(
                    _NEXT_LOT.fullmatch(between)) or (
                    coordinated and bool(_COORDINATION.fullmatch(between)))
                previous = hit
            if hit is head_hit:  # "Nettoyage des écoles et restaurants scolaires": the complement goes on
                coordinated, previous = not _COMPLEMENT.search(hit.surface), hit
                continue
            # A term naming purchases of several natures names, next to the head, the one of the head's nature
            # ("Réfection du terrain de football": the ground's works, not its upkeep).
            same = [(concept, weight) for concept, weight in concepts
                    if self.family_of(concept).nature == head.nature]
            for concept, weight in same or concepts:
                family = self.resolved(self.family_of(concept))
                if coordinated and weight >= 1.0:
                    bought.append(family)
                elif made_of and family.nature == head.nature and weight >= 1.0:
                    materials.append(family)
                elif coordinated or (family.nature == head.nature and main & _main_themes(family)):
                    refining.append(family)
        return bought, materials, refining


def find_object(
    index: ClauseIndex, text: str, hits: list[FamilyHit], levels: dict[str, float], said: Nature | None,
    coded: list[Family], stated: Nature | None = None,
) -> list[Family]:
    """The families of the object of the contract, the head first (``levels``: family id -> strength in the
    tender, after the nature discount; ``said``: the nature the text states, which decides between equally strong
    families of one term, "Fourniture de papier peint"; ``coded``: the families of the CPV codes given;
    ``stated``: the nature the officer chose). In a supplies or services file, named lots of different natures are
    all bought, unless the head piece already names a purchase of the officer's nature: the lots are then its sites
    (« Entretien des locaux scolaires : lot 1 groupe scolaire Prévert, lot 2 école et son restaurant scolaire »).
    Outside works, several lots that all name supplies are all bought when the heading names an operation or a place
    (« Aménagement des classes : lot 1 mobilier, lot 2 écrans interactifs »), not when it names the supply they
    divide (« Achat d'électricité : lot 1 bâtiments, lot 2 éclairage public »).

    A head of another nature than the officer's, which the text does not state either and whose CPV codes do not cover
    the officer's nature either (tyres are parts of the vehicle upkeep family, bought as supplies too), gives way to
    the families of the officer's nature the text names with confidence, those of the head piece first: a lot
    "Électricité" of building works is electrical works, not an electricity supply; a lot "Travaux de peinture" of a
    services file stays works; "Extension du système de vidéoprotection : … caméras" bought as supplies is video
    protection."""
    reader = _Reader(index, text, levels, said)
    piece = _head_piece(index, text, hits)  # read once: the object, then the officer's nature, look at it
    lots = _Lots(reader, hits)
    found = _object(reader, piece, hits, coded)
    first_lot = lots.marks[0].start() if lots.marks else len(text)
    heading = {reader.family_of(concept).id for hit, concepts in piece if hit.start < first_lot
               for concept, _ in concepts}
    named_in_head = bool(found) and found[0].id in heading and reader.level(found[0]) >= OBJECT_MIN
    if stated in ("fournitures", "services") and not (named_in_head and found[0].nature == stated) and (
            lots.of_natures()):
        return lots.of_natures()
    # No nature chosen: lots of different natures under a heading that names its operation by a weak word only
    # (« Aménagement de la médiathèque : lot 1 travaux de cloisonnement, lot 2 mobilier ») are all bought.
    plainly = {reader.family_of(concept).id for hit, concepts in piece if hit.start < first_lot
               for concept, weight in concepts if weight >= 1.0}
    if stated is None and not (found and found[0].id in plainly) and lots.of_natures():
        return lots.of_natures()
    # A heading that names a supply, or a service the officer did not call supplies, is what the lots divide.
    heading_buys = named_in_head and (found[0].nature == "fournitures" or (
        found[0].nature == "services" and stated != "fournitures"))
    if "travaux" not in (stated, said) and not heading_buys and lots.all_supplies():
        return _distinct(lots.heads)
    stated = stated or _lot_of_works(reader, found, coded, hits, lots)
    if stated is None or not found or said == found[0].nature or any(
            family.nature == stated or stated in {nature_of(code) for code in family.cpv} for family in found):
        return found
    by_id = index.knowledge.families.by_id
    # The families of the head piece first, the strongest, then the first named (« Tenues des agents … (polos,
    # vestes), broderie du logo » bought as supplies: the clothes, not the embroidery).
    in_head: dict[str, int] = {}
    for hit, concepts in reversed(piece):
        in_head.update((reader.family_of(concept).id, hit.start) for concept, _ in concepts)
    own = [by_id[family] for family, level in sorted(levels.items(), key=lambda item: (
               item[0] not in in_head, -item[1], in_head.get(item[0], 0)))
           if level >= OBJECT_MIN and by_id[family].nature == stated]
    near = [family for family in own if _main_themes(family) & _main_themes(found[0])]
    return (near or own)[:1] or found


class _Lots:
    """The named lots of a tender: their marks, and the purchase each names when one is found (read when asked)."""

    def __init__(self, reader: _Reader, hits: list[FamilyHit]) -> None:
        self.reader, self.hits = reader, hits
        self.marks = list(_LOT_MARK.finditer(reader.text))

    @cached_property
    def heads(self) -> list[Family]:
        text, marks, heads = self.reader.text, self.marks, []
        for number, mark in enumerate(marks):
            stop = marks[number + 1].start() if number + 1 < len(marks) else len(text)
            separator = _LOT_TITLE.match(text, mark.end())  # « lot 1 : tondeuses » is titled after its colon
            title = separator.end() if separator else mark.end()
            end = _PIECE_BREAK.search(text, title, stop)
            piece = [(hit, concepts) for hit, concepts in self.hits
                     if title <= hit.start < (end.start() if end else stop) and not hit.modifier]
            found = self.reader.head(piece) if piece else None
            if found is not None:
                heads.append(found[1])
        return heads

    def of_natures(self) -> list[Family]:
        """The purchases of the named lots when they are of different natures (« Aménagement de la médiathèque : lot 1
        travaux de cloisonnement, lot 2 mobilier, lot 3 équipement informatique » bought as supplies: works,
        furniture and computers are all bought, whatever the operation's heading names); else none (lots of one
        nature are read from the head; in a works file, a lot read as a supply is one of its trades)."""
        natures = {family.nature for family in self.heads} if len(self.marks) > 1 else set()
        return _distinct(self.heads) if len(natures) > 1 else []

    def all_supplies(self) -> bool:
        """Several lots that all name supplies (« Médiathèque – livres : lot 1 romans, lot 2 albums »)."""
        heads = self.heads if len(self.marks) > 1 else []
        return len(heads) > 1 and all(family.nature == "fournitures" for family in heads)


def _lot_of_works(
    reader: _Reader, found: list[Family], coded: list[Family], hits: list[FamilyHit], lots: _Lots,
) -> Nature | None:
    """Works, when the text names a lot of an operation whose works it names with confidence and reads as a supply
    that is one of its trades: « Réaménagement du centre de documentation – lot 2 – électricité » is electrical
    works, « Aménagement de la crèche : lot 7 : menuiseries bois » joinery works, « BOULANGERIE LOT 9 PLOMBERIE »
    plumbing. A supply a CPV code given names is a lot of supplies of the operation (« Construction d'un gymnase –
    lot 12 : mobilier »), unless it sells the materials of the works (all its codes in CPV division 44, « structures
    et matériaux de construction »); a supply the text states stays one; several lots that all name supplies are
    lots of supplies, not the trades of an operation. The buyer's name is no operation (« EHPAD Les Tilleuls –
    denrées alimentaires en 4 lots »): the works are named after it."""
    if not found or found[0].nature != "fournitures" or reader.said not in (None, "travaux") or not lots.marks:
        return None
    head = found[0]
    if head in coded and not all(prefix.startswith(_CONSTRUCTION_MATERIALS) for prefix in head.cpv):
        return None
    if lots.all_supplies():
        return None
    buyer = _BUYER_HEADING.match(reader.text)
    named = {family.id for hit, concepts in hits if not buyer or hit.start >= buyer.end()
             for concept, _ in concepts if (family := reader.index.concepts[concept].family) is not None}
    works = any(reader.by_id[family].nature == "travaux" and level >= OBJECT_MIN and family in named
                for family, level in reader.levels.items())
    return "travaux" if works else None


def _object(reader: _Reader, piece: list[FamilyHit], hits: list[FamilyHit], coded: list[Family]) -> list[Family]:
    text = reader.text
    if piece:
        piece = reader.supplied(piece)
    if not piece:
        fallback = [reader.resolved(family) for family in coded] or reader.confident()[:1]
        return _distinct(family for family in fallback if reader.level(family) >= OBJECT_MIN)
    found = reader.head(piece)
    if found is None:
        return []
    head_hit, head = found
    closing = _closing_engineering(reader, piece, hits, head)
    if closing is not None:
        return [closing]
    lead, concepts = piece[0]
    about = [reader.family_of(concept) for concept, _ in concepts if reader.family_of(concept).about]
    between = text[lead.end:head_hit.start]
    if about and lead is not head_hit and not _LINKED.search(between):
        return [reader.strongest(about)]  # "Accompagnement à la labellisation de la cuisine centrale": the advice
    upkeep = reader.upkeep_of(piece)
    serviced = [upkeep] if upkeep is not None else reader.service_on(piece, head_hit, head)
    if serviced is not None:
        return _distinct([*serviced, *reader.also_bought(piece)])
    bought, materials, refining = reader.companions(piece, head_hit, head)
    if head.about:  # work about a subject: a complement is that subject (« analyses des lixiviats des ISDND »)
        refining = []
    refining += [reader.resolved(family) for family in coded]
    if head.nature == "travaux":  # the trades listed after the head piece are part of the works
        end = max(hit.end for hit, _ in piece)
        refining += [reader.resolved(reader.family_of(concept)) for hit, concepts in hits
                     if hit.start >= end and not hit.modifier for concept, _ in concepts
                     if reader.family_of(concept).nature == "travaux"]
    floor = max(OBJECT_MIN, OBJECT_SHARE * reader.level(head))
    # The material of the head is read from the head piece's own words, right after it: it joins even when named
    # late in a long text (after a project heading), where the position of its words weakens it.
    return _distinct([head, *(family for family in bought if reader.level(family) >= OBJECT_MIN),
                      *(family for family in materials if reader.level(family) >= MATERIAL_MIN),
                      *(family for family in refining if reader.level(family) >= floor)])


def _closing_engineering(reader: _Reader, piece: list[FamilyHit], hits: list[FamilyHit], head: Family) -> Family | None:
    """The service to a construction that closes a head piece naming works, or the whole text (« CONSTRUCTION SALLE
    DE SPORT MOE », « Construction du centre technique – MOE »): the operation comes first, the mission bought last;
    else None."""
    if head.nature != "travaux":
        return None
    text = reader.text
    in_piece = max(piece, key=lambda item: item[0].end)
    rest = _PIECE_BREAK.search(text, in_piece[0].end)
    in_text = max((item for item in hits if not item[0].modifier), key=lambda item: item[0].end)
    closing = [concepts for hit, concepts in (in_piece, in_text)
               if not re.search(r"\w", text[hit.end:rest.start() if rest and hit is in_piece[0] else len(text)])]
    services = [family for concepts in closing for concept, _ in concepts
                if _engineering(family := reader.family_of(concept))]
    return services[0] if services else None


def _distinct(families: Iterable[Family]) -> list[Family]:
    """``families`` without repeats, in order."""
    return list({family.id: family for family in families}.values())
