"""French text normalisation for matching: lower-case, accent folding, lemmas, light stemming, stop words.

Every word gets two *keys*. The main key is the folded word (lower-case, no accents) lightly stemmed
(plural and feminine endings), so "DECHETS", "déchets" and "déchet" meet on the same key whatever the
accents: DECP objects are often in capitals without accents, which no lemmatiser knows. The second key
is the simplemma lemma, folded and stemmed the same way, for inflected forms the rules miss ("abris",
"nettoyons", "repeints"). Queries, thesaurus phrases and clause keywords all go through these functions,
so keys only need to be consistent, not linguistically exact.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

import simplemma

from app.french import LIGATURES, fold, french_regex

# Words the rules or the lemmatiser would merge with another meaning: "travaux" (works) is not "travail", "agréé"
# (a centre or body approved: « centre agréé ») is not "agrès" (gymnastics apparatus), the acronym "CSPS" (health and
# safety coordinator) is no plural of "CSP" (a pharmacy purchasing centre, a socio-professional category).
KEY_OVERRIDES = {"travaux": "travaux", "oeuvre": "oeuvre", "oeuvres": "oeuvre", "vitres": "vitre", "csps": "csps",
                 **dict.fromkeys(("agree", "agrees", "agreee", "agreees"), "agree")}

# Truncations DECP objects use for the words of what is bought ("FOURN. ET LIV.", "PREST NETT LOCAUX", "TRX VOIRIE"),
# read as the whole word: otherwise "FOURN" would be corrected to "four" (an oven) and "PLOMB." taken for lead.
# A numbered lot as tenders write it: « LOT 3 », « Lot n°2 », « lot no1 », « LOT6 », « Lot 1B » (a regex fragment,
# read with re.IGNORECASE).
LOT_NUMBER = r"\blots?\s*(?:n\s*[°o]\.?\s*)?\d{1,2}[a-z]?\b"

ABBREVIATIONS = {
    "fourn": "fourniture", "fournit": "fourniture", "fournt": "fourniture", "liv": "livraison", "livr": "livraison",
    "prest": "prestation", "presta": "prestation", "entr": "entretien", "maint": "maintenance", "nett": "nettoyage",
    "resto": "restauration", "transp": "transport", "chauff": "chauffage", "pdt": "produit", "pdts": "produits",
    "amenagt": "aménagement", "amgt": "aménagement", "equipt": "équipement", "trx": "travaux", "trvx": "travaux",
    "tvx": "travaux", "tx": "travaux", "renov": "rénovation", "rehab": "réhabilitation", "constr": "construction",
    "acq": "acquisition", "elec": "électricité", "mat": "matériel", "protec": "protection", "indiv": "individuelle",
    "vetemt": "vêtement", "vetemts": "vêtements",
}
# Truncations that are words too, read as the whole word only when written with their dot and followed by another
# word (« PLOMB. SANITAIRES » is plumbing; « branchements en plomb » lead).
DOTTED_ABBREVIATIONS = {"plomb": "plomberie"}
_DOTTED = french_regex(r"\.\s*[^\W\d_]")

# Timber species that also name standing trees (« abattage de chênes », « élagage des pins »): written as the material
# of a made thing, right after « en » (« jougs en chêne », « table en hêtre »), each is read as « bois de … » too, the
# wood the thing is made of; alone, a tree.
TIMBER_SPECIES = frozenset(("chene", "chenes", "hetre", "hetres", "pin", "pins", "sapin", "sapins", "peuplier",
                            "peupliers", "frene", "frenes", "noyer", "merisier", "erable", "chataignier"))
_MADE_OF_BEFORE = french_regex(r"\ben\s+$", re.IGNORECASE)

# Grammar words and procurement boilerplate that never tell what is bought.
STOP_WORDS = frozenset((
    "a", "au", "aux", "avec", "c", "ce", "ces", "cet", "cette", "chez", "d", "dans", "de", "des", "du", "elle",
    "elles", "en", "entre", "et", "etc", "il", "ils", "j", "l", "la", "le", "les", "leur", "leurs", "lui", "m", "ma",
    "mes", "mon", "n", "ne", "ni", "nos", "notre", "on", "ou", "par", "pas", "pour", "qu", "que", "qui", "quoi", "s",
    "sa", "sans", "se", "ses", "si", "son", "sous", "sur", "t", "ta", "te", "tes", "ton", "un", "une", "vers", "via",
    "vos", "votre", "y", "afin", "ainsi", "dont", "hors", "selon", "tout", "tous", "toute", "toutes", "divers",
    "diverse", "diverses", "autre", "autres", "marche", "marches", "accord", "accords", "cadre", "cadres",
    "subsequent", "subsequents", "consultation", "objet", "present", "presente", "relatif", "relative", "relatifs",
    "relatives", "concernant", "portant", "porte", "n°", "no", "num", "numero", "lot", "lots", "tranche", "tranches",
    "ferme", "optionnelle", "ht", "ttc", "euros", "eur", "alinea", "type",
    "epic",  # établissement public industriel et commercial: a buyer, not spices
))

# Words after which, up to the next separator, the text describes the beneficiary or the use rather
# than the thing bought ("sacs POUR la collecte", "prestations AU PROFIT DE la ville").
MODIFIER_MARKERS = frozenset({"pour", "profit", "destine", "destines", "destinee", "destinees", "destination"})
# "pour le marché de …", "pour la consultation relative à …" (an e-mail, a cover note), "… a pour objet la
# fourniture de …" (the boilerplate of published objects), « pour le groupement de commandes entretien hygiène » (a
# group named by what it buys): what follows is the object, not a use.
_FOR_THE_CONTRACT = french_regex(
    r"\s+(?:(?:le|la|l['’]|les|un|une|cet|cette|ce)\s*(?:marchés?|consultations?|accords?[-\s]cadres?|contrats?"
    r"|groupements?\s+de\s+commandes?)"
    r"|objets?)\b",
    re.IGNORECASE,
)
# « Groupement de commandes pour la location de copieurs », « convention de groupement pour l'achat de … », « que
# l'entreprise retenue pour la réfection des trottoirs forme un apprenti »: what follows « pour » is what the group
# buys or the holder is chosen for, not a use.
_PURCHASE_FOR = french_regex(
    r"(?:groupements?(?:\s+de\s+commandes?)?|(?:entreprises?|titulaires?|prestataires?|attributaires?)\s+"
    r"(?:retenu|choisi|désigné|sélectionné)e?s?"
    # A concession names what is delegated after « pour » (« Délégation de service public (concession) pour
    # l'exploitation du centre aquatique », « Concession de service pour la gestion du camping »): the object.
    r"|délégations?\s+de\s+service\s+public|DSP|concessions?(?:\s+de\s+(?:services?|travaux)(?:\s+publics?)?)?"
    r"|contrats?\s+de\s+concession)(?:\s*\([^()]{0,30}\))?\s+$",
    re.IGNORECASE,
)
# The outlet of waste ("évacuation EN FILIÈRE bois-énergie", "VERS LES FILIÈRES agréées"): what follows is where the
# waste goes, not a purchase; "issu de la filière équitable" still names what is bought.
_OUTLETS = frozenset({"filiere", "filieres"})
_TOWARDS = french_regex(r"\b(?:en|vers(?:\s+(?:la|les|une|des))?)\s+$", re.IGNORECASE)

# The buyer's reference heading the object before a dash (« IA900 - MISE A DISPOSITION DE PERSONNEL … »): letters
# and digits in one word, whose letters are no word (« IA » is no artificial intelligence); not read. Without the
# dash, a word of three digits or more followed by a capitalised word is a reference too (« IA800 COLLECTE
# TRAITEMENT DECHETS … », « IA412 Fourniture de … »); a shorter code heading the object is still read (« RD12 … »,
# « E85 … », « A4 … »), and so is a fuel's name going on in lower case (« HVO100 pour les bus »).
_REFERENCE = french_regex(r"\s*(?=[^\W_]*\d)(?=[^\W_]*[^\W\d_])[^\W_]+(?=\s*[-–—]\s)"
                        r"|\s*(?=[^\W_]*[^\W\d_])(?=(?:[^\W\d_]*\d){3})[^\W_]+(?=\s+[A-ZÀ-ÖØ-ÞŒ])")
# A web or e-mail address (« https://sivu-bordeaux-merignac.e-marchespublics.com/ », the buyer's platform pasted as
# the object): its words name a host, never a purchase, and are not read.
_ADDRESS = french_regex(r"(?:\bhttps?://|\bwww\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
# A place name joined by hyphens (« Aulnay-sous-Bois », « FOS-SUR-MER », « Saint-Laurent-du-Maroni »,
# « Bourg-en-Bresse », « Sainte-Marie »): its words name no purchase (« Bois » is no wood, « Mer » no sea), they are
# not read.
_PLACE_NAME = french_regex(
    r"(?<![\w'’-])(?:(?:saint|sainte|st|ste)(?:-[^\W\d_]+)+"
    r"|[^\W\d_]+(?:-[^\W\d_]+)*-(?:sous|sur|l[eè]s|lez|en|de|du|des|la|le|aux|à|saint|sainte)-[^\W\d_]+"
    r"(?:-[^\W\d_]+)*)(?![\w-])",
    re.IGNORECASE,
)
# A deliberative body (« la salle du conseil municipal », « les réunions du conseil communautaire »): it names the
# buyer's assembly, not advice bought (« conseil juridique »); its words are not read.
_BODY = french_regex(
    r"\bconseils?\s+(?:municipa(?:l|ux)|communautaires?|d[ée]partementa(?:l|ux)|r[ée]giona(?:l|ux)|syndica(?:l|ux)"
    r"|d['’]administration|d['’][ée]coles?|de\s+quartiers?|citoyens?)\b",
    re.IGNORECASE,
)
# A department of the buyer as the subject of a wish or a request (« Le service communication souhaite remplacer le
# panneau lumineux… », « le service des sports demande… », « Notre service jeunesse voudrait… »): it names who asks,
# not what is bought (« communication », « sports », « jeunesse » are no purchase there); its words are not read. A
# department heading the object before a dash (« Service jeunesse – achat d'un minibus ») is read as a heading
# elsewhere.
_DEPARTMENT = french_regex(
    r"\b(?:le|notre|votre|du|au|par\s+le)\s+(?:service|pôle|direction|département)s?"
    r"(?:\s+(?:de\s+la|de\s+l['’]|des|du|de|d['’]))?\s*(?!publics?\b)[^\W\d_]+(?:\s+[^\W\d_]+)?"
    r"(?=\s+(?:souhaite|souhaiterait|demande|voudrait|veut|désire|envisage|prévoit|sollicite|a\s+besoin|aurait"
    r"\s+besoin|doit|va|lance|recherche|cherche)\b)",
    re.IGNORECASE,
)
# The technology of a thing named before it (« panneau d'information à LED », « écran à LED », « afficheur à leds »):
# « LED » after « à » says how the thing shows or lights, it is not lighting bought; the thing keeps its own words
# (« luminaires à LED », « éclairage à LED » are lighting by « luminaires », « éclairage »). Not read.
_WITH_LEDS = french_regex(r"\bà\s+(?:LED|leds)\b", re.IGNORECASE)
# Organic farming denied (« COUCHES TRADITIONNELLES (NON BIOLOGIQUE) », « légumes non bio », « pain non issu de
# l'agriculture biologique »): the text says the thing is not organic; those words name no organic purchase and are
# not read.
_NOT_ORGANIC = french_regex(
    r"\bnon[-\s]+(?:issue?s?\s+de\s+l['’]agriculture\s+)?(?:biologiques?|bio)\b", re.IGNORECASE)

# A word: letters, possibly with digits ("RD12", "E85", "A4"), or a number (dropped).
_WORD = french_regex(r"[^\W_]*[^\W\d_][^\W_]*|\d+")
_LETTERS = french_regex(r"[^\W\d_]+")
# A segment break between two words: punctuation, or a dash with a space on one side ("LOT 2 - PEINTURE"); not the
# dot of an abbreviation followed by a word in lower case ("Conso. d'impression", "Maint. préventive"); nor a slash,
# which joins two words as "et" does ("Collecte/ remise du courrier": the mail's collection, no waste collection).
_BREAK = french_regex(r"[,;:!?()\[\]|«»\"\n]|\.(?!\s*[a-zàâäçéèêëîïôöùûüÿœ])|\s[-–—]|[-–—]\s|[–—]")


# DECP exports often lose "’" and "œ" to a question mark ("MAITRISE D?OEUVRE", "Maîtrise d'?uvre", "C?UR DE
# VILLE"): restored before reading, the length kept so that offsets still point into the text as published.
_LOST_OE = french_regex(r"\?(?=(?:uvre|ur)s?(?![^\W_]))", re.IGNORECASE)
_LOST_APOSTROPHE = french_regex(r"(?<![^\W_])([cdjlmnst]|qu)\?(?=[^\W\d_])", re.IGNORECASE)


def repair(text: str) -> str:
    """``text`` with the apostrophes and "œ" that exports turned into "?" restored (same length)."""
    text = _LOST_OE.sub(lambda lost: "Œ" if lost.string[lost.end()].isupper() else "œ", text)
    return _LOST_APOSTROPHE.sub(r"\1'", text)


# The preamble of a council deliberation pasted as the summary: its visas (« Vu le code de la commande publique,
# notamment ses articles… ») cite texts and its recitals (« Considérant qu'un groupement de commandes permet… »)
# give reasons; what is bought is in the operative part (« APPROUVE…, AUTORISE le maire à signer… »).
_PREAMBLE_LINE = french_regex(r"^[ \t]*(?:vu|consid[ée]rant)\b[^\n]*", re.IGNORECASE | re.MULTILINE)


def without_preamble(text: str) -> str:
    """``text`` with the visa and recital lines of a deliberation blanked (same length), when other lines remain."""
    blanked = _PREAMBLE_LINE.sub(lambda line: " " * len(line.group()), text)
    return blanked if blanked.strip() else text


@lru_cache(maxsize=65536)
def _fold_word(word: str) -> str:
    return fold(word)


def stem(word: str) -> str:
    """Light French stemming of a folded word: plural, then feminine and infinitive endings."""
    if word in KEY_OVERRIDES:
        return KEY_OVERRIDES[word]
    if len(word) <= 3:
        return word
    if word.endswith("eaux"):
        word = word[:-1]
    elif word.endswith("aux") and len(word) > 4:
        word = word[:-3] + "al"
    elif (word.endswith("eux") and len(word) > 4) or (word.endswith("s") and not word.endswith(("ss", "us", "is"))):
        word = word[:-1]
    if word.endswith("ee"):
        word = word[:-1]
    if word.endswith(("elle", "enne", "onne")):  # residuelle -> residuel, ancienne -> ancien
        word = word[:-2]
    elif word.endswith("euse"):
        word = word[:-4] + "eux"
    elif word.endswith("ive"):
        word = word[:-3] + "if"
    elif word.endswith("e") and len(word) > 4:
        word = word[:-1]
    if word.endswith("er") and len(word) > 5:
        word = word[:-2]
    return word


@lru_cache(maxsize=65536)
def word_keys(word: str) -> tuple[str, str]:
    """Main key and lemma key of one lower-cased word (cached: the lemmatiser is the costly step).

    A word mixing letters and digits keeps them in its main key ("e85", "a4") and gets its letters as
    second key, so "RD12" is also read as "RD".
    """
    folded = fold(word)
    if folded in ABBREVIATIONS:
        return word_keys(ABBREVIATIONS[folded])
    if not folded.isalpha():
        letters = _LETTERS.match(folded)
        return folded, letters.group() if letters and len(letters.group()) >= 2 else folded
    main = stem(folded)
    if folded in KEY_OVERRIDES:
        return main, main
    lemma = stem(fold(simplemma.lemmatize(word.translate(LIGATURES), lang="fr")))
    return main, lemma


@lru_cache(maxsize=65536)
def is_known_word(word: str) -> bool:
    """True when the lemmatiser knows this lower-cased word (so it is not a typo)."""
    return bool(simplemma.is_known(word, lang="fr"))


@dataclass(frozen=True, slots=True)
class Token:
    """A content word of a text."""

    surface: str  # as written, for the reasons shown to the officer
    key: str
    alt: str  # lemma key, equal to ``key`` when the lemmatiser adds nothing
    position: int  # index among content words
    segment: int
    modifier: bool  # in a "pour …" part of its segment
    proper: bool  # capitalised inside mixed-case text: a name, never typo-corrected
    start: int  # offsets in the text
    end: int

    @property
    def keys(self) -> tuple[str, ...]:
        """The keys this word may be looked up by."""
        return (self.key,) if self.alt == self.key else (self.key, self.alt)


# The spans whose words are not read, each behind a literal none of its matches goes without: a quick search that
# spares most texts the full pattern, tried at every character.
_UNREAD_SPANS = (
    (re.compile("-"), _PLACE_NAME),
    (re.compile("conseil", re.IGNORECASE), _BODY),
    (re.compile(r"service|pôle|direction|département", re.IGNORECASE), _DEPARTMENT),
    (re.compile("led", re.IGNORECASE), _WITH_LEDS),
    (re.compile("non", re.IGNORECASE), _NOT_ORGANIC),
    (re.compile(r"://|www\.|@", re.IGNORECASE), _ADDRESS),
)


def analyse(text: str) -> list[Token]:
    """Content words of ``text`` with their keys; stop words and numbers dropped."""
    has_lower = any(char.islower() for char in text)
    places = [(found.start(), found.end())
              for needed, pattern in _UNREAD_SPANS if needed.search(text) for found in pattern.finditer(text)]
    if reference := _REFERENCE.match(text):
        places.append(reference.span())
    breaks = iter(match.start() for match in _BREAK.finditer(text))
    next_break = next(breaks, len(text))
    tokens: list[Token] = []
    segment, modifier, first_in_segment = 0, False, True
    for match in _WORD.finditer(text):
        start = match.start()
        if next_break < start:
            segment, modifier, first_in_segment = segment + 1, False, True
            while next_break < start:
                next_break = next(breaks, len(text))
        surface = match.group()
        if surface.isdigit() or (places and any(begin <= start < end for begin, end in places)):
            continue
        lowered = surface.lower()
        folded = _fold_word(lowered)
        if (folded in MODIFIER_MARKERS and not _FOR_THE_CONTRACT.match(text, match.end())
                and not _PURCHASE_FOR.search(text, max(0, start - 60), start)) or (
                folded in _OUTLETS and _TOWARDS.search(text, 0, start)):
            modifier = True
        if folded in STOP_WORDS or len(folded) < 2 or (has_lower and lowered == "the"):
            # « the » without its accent in mixed-case text is the English article (« The Garden »); « THE » in
            # capitals stays tea.
            continue
        proper = has_lower and not first_in_segment and surface[0].isupper() and surface[1:].islower()
        first_in_segment = False
        dotted = folded in DOTTED_ABBREVIATIONS and _DOTTED.match(text, match.end())
        if folded in TIMBER_SPECIES and _MADE_OF_BEFORE.search(text, max(0, start - 6), start):
            wood, wood_alt = word_keys("bois")
            tokens.append(Token(surface, wood, wood_alt, len(tokens), segment, modifier, False, start, match.end()))
        key, alt = word_keys(DOTTED_ABBREVIATIONS[folded] if dotted else lowered)
        tokens.append(Token(surface, key, alt, len(tokens), segment, modifier, proper, start, match.end()))
    return tokens


@lru_cache(maxsize=65536)
def phrase_keys(phrase: str) -> tuple[tuple[str, ...], ...]:
    """Key variants of a thesaurus or keyword phrase (main keys first), in word order (cached)."""
    variants: list[tuple[str, ...]] = [()]
    for token in analyse(phrase):
        # A phrase word mixing letters and digits is only read whole: the term « SP95 » is not a bare « SP ».
        keys = token.keys if token.key.isalpha() else (token.key,)
        variants = [(*prefix, key) for prefix in variants for key in keys][:8]
    return tuple(variant for variant in variants if variant)


@lru_cache(maxsize=65536)
def phrase_words(phrase: str) -> tuple[str, ...]:
    """The content words of a phrase as written, lower-case, aligned with its keys (cached)."""
    return tuple(token.surface.lower() for token in analyse(phrase))


@lru_cache(maxsize=4096)  # the phrases of the needs' conditions, asked of every tender
def _written_phrase(phrase: str) -> re.Pattern[str] | None:
    """The pattern ``writes`` looks for: the folded words of ``phrase`` in a row (None for a phrase without words)."""
    words = re.findall(r"[^\W_]+", fold(phrase))
    pattern = r"[\s'’-]+".join(rf"{re.escape(word)}s?" for word in words)
    return re.compile(rf"(?<![^\W_]){pattern}(?![^\W_])") if words else None


@lru_cache(maxsize=64)  # one tender's text is asked for several phrases in a row
def _folded_text(text: str) -> str:
    return fold(text)


def writes(text: str, phrase: str) -> bool:
    """True when ``text`` holds ``phrase`` word for word, stop words included ("marché réservé", "lot unique"; a
    final "s" and accents and case aside), where ``mentions`` would read only its content words."""
    pattern = _written_phrase(phrase)
    return pattern is not None and pattern.search(_folded_text(text)) is not None


def mentions(tokens: list[Token], phrase: str) -> bool:
    """True when ``tokens`` (of ``analyse``) name ``phrase``: its words in a row, accents, case and plural ignored."""
    return any(
        all(keys[offset] in tokens[start + offset].keys for offset in range(len(keys)))
        for keys in phrase_keys(phrase) for start in range(len(tokens) - len(keys) + 1)
    )
