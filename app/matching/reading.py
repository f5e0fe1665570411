"""What a tender text says about its amount, duration and lots, for when the form's fields are empty.

Officers write amounts the French way and in many shapes: "1,2 M€ HT", "880 000 € HT", "environ 35 k€",
"60 000 € HT par an sur 4 ans", "maxi 70 000 € HT/an" with "1 an reconductible 3 fois" (or "1 an + 3
reconductions", "2 ans + 2 x 1 an", "2 ans + 2 reconductions d'1 an"), "18 000 € TTC" (brought back to HT, except
an insurance premium, exempt from VAT); and lots as "3 lots", "lot unique" or "Lot 1 : …, lot 2 : …".
``read_tender`` reads them and says what it read; an amount per year ("… € HT/an", "budget annuel de …") or per
month ("loyer mensuel de …") is multiplied by the duration when the text gives one. Unit prices ("3,50 € par repas")
are not amounts of the contract, unless the text gives how many units, a year or in all ("4 000 € HT par numéro" and "10
numéros/an": 40 000 € a year; "env. 25 obsèques par an à 1 400 € HT": 35 000 € a year; "8 sessions par an" and
"950 € HT la session": 7 600 € a year; "600 composteurs … à 52 € HT le kit": 31 200 €; "18 défibrillateurs … 350 € HT
par appareil et par an": 6 300 € a year), nor is the budget of the
works in a design or assistance contract ("montant des travaux : 1,1 M€"). When every named lot states its own
amount and the text writes none outside them ("lot 1 … (45 000 € HT), lot 2 … (60 000 € HT)"), the contract's amount
is their sum. A bound may follow the amount ("25 000 € HT maximum par an"); a one-off sum added to it ("9 000 € HT par
an, plus 12 000 € HT de mise en service") counts with it.

Pure: no FastAPI, no database.
"""

import functools
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from app.clauses.library import Nature
from app.clauses.values import OutOfBounds, Variable, parse_value
from app.french import fold, french_regex
from app.matching.families import Factor

# An « e » right before « HT » or « TTC » is the euro of a keyboard without the sign (« 8 000 e ht par an »,
# « 65 KE HT/AN »); alone it is no currency (« 3 e étage », « 2 e lot »).
# A number: French thousands (space, non-breaking space, dot) and decimal comma, or a plain decimal. Numbers and
# counts are only read from the start of a run of digits (a long run is then read once, not from each digit).
_NUMBER = r"(?<![\d.,])(?:\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?:,\d+)?|\d+(?:[.,]\d+)?)"
_AMOUNT = french_regex(
    rf"(?P<number>{_NUMBER})\s*(?P<scale>m|k|millions?\s+d['’]|milliers?\s+d['’]|millions?\s+de\s+|millions?)?\s*"
    r"(?P<currency>€|euros?\b|eur\b|e(?=\s*(?:h\.?\s?t\b|t\.?t\.?c\b|hors\s+taxes?\b)))"
    r"(?P<tax>\s*(?:h\.?t\.?|t\.?t\.?c\.?|hors\s+taxes?)\b)?",
    re.IGNORECASE,
)
_SCALES = {"m": 1_000_000, "k": 1_000, "million": 1_000_000, "millier": 1_000}
# Right after an amount: per year, per month, or per some unit (a unit price: not an amount of the contract).
# A season is a year's ("38 k€ HT par saison" for Christmas lights or winter service, "3 saisons"), and so is a
# winter of a winter service ("15 k€ HT par hiver", "4 hivers"). « par ans » is a year's written with a slip.
_PER_YEAR = french_regex(r"\s*(?:(?:/|par|chaque|l['’])\s*(?:ans?|ann[ée]e|saison|hiver)\b|annuel(?:le)?s?\b)",
                       re.IGNORECASE)
_PER_MONTH = french_regex(r"\s*(?:/|par)\s*mois\b|\s*mensuel(?:le)?s?\b", re.IGNORECASE)
# Right after an amount, before its period: a bound (« 25 000 € HT maximum par an », « 5 000 € HT minimum par an »).
_BOUND_AFTER = french_regex(
    r"\s*(?:au\s+)?(?:(?P<min>min(?:imum|i)?)|max(?:imum|i)?)\b\.?(?=\s*(?:/|par|chaque)\b)", re.IGNORECASE)
_UNITS = (
    r"repas|couverts?|convives?|heures?|h|jours?|journées?|nuits?|"
    r"m²|m2|m3|ml|m|km|kg|t|tonnes?|litres?|l|stères?|unités?|u|pièces?|élèves?|enfants?|personnes?|agents?|"
    r"habitants?|postes?|véhicules?|passages?|interventions?|pages?|exemplaires?|lots?|numéros?|éditions?|"
    r"parutions?|sessions?|séances?"
)
# « de l'heure », « du repas », « de la séance » say a unit price as « l'heure » does (« 45 € HT de l'heure »),
# for measures and services only: « 30 000 € HT du lot 2 » is the amount of a lot.
_OF_UNITS = r"repas|heures?|journ[ée]es?|jours?|nuit[ée]?e?s?|s[ée]ances?|m²|m2|m3|kg|tonnes?|litres?|st[èe]res?|km"
_PER_UNIT = french_regex(rf"\s*(?:(?:/|par|l[ea]|pour\s+(?:un|une|le|la))\s*(?P<unit>{_UNITS})|"
                         rf"(?:de\s+l[ea]\s+|de\s+l['’]\s*|du\s+)(?P<of_unit>{_OF_UNITS}))\b", re.IGNORECASE)
# A price per period and per counted thing (« 350 € HT par mois et par véhicule », « … par véhicule et par mois »):
# the text's count of those things (« 4 véhicules ») multiplies it.
_PERIOD_WORD = r"(?:mois|an|ann[ée]e|jour|semaine|trimestre)\b"
_AND_PER_UNIT = french_regex(
    rf"\s*,?\s*et\s+(?:/|par|pour\s+(?:un|une|le|la))\s*(?!{_PERIOD_WORD})(?P<unit>[^\W\d_]{{2,}})\b", re.IGNORECASE)
_PER_UNIT_AND_PERIOD = french_regex(
    rf"\s*(?:/|par|pour\s+(?:un|une|le|la))\s*(?!{_PERIOD_WORD})(?P<unit>[^\W\d_]{{2,}})\s*,?\s*et\s+(?:par|/)\s*"
    r"(?P<period>mois|an|ann[ée]e)\b", re.IGNORECASE)
# Before an amount: it is a year's ("budget annuel d'env. 9 600 € TTC").
_ANNUAL_BEFORE = french_regex(
    r"\b(?:budget|montant|enveloppe|co[uû]t|dépense|prime|cotisation|loyer|redevance)s?\s+annuel(?:le)?s?(?:\s+estimée?s?)?\s*(?::|de|à|d['’]|d['’]environ|d['’]env\.|"
    r"environ|env\.|d['’]un\s+maximum\s+de|maxi(?:mum)?|max\.?)?\s*$",
    re.IGNORECASE,
)
# Before an amount: a one-off sum added to the contract's other amount (« 9 000 € HT par an, plus 12 000 € HT de mise
# en service », « + 5 000 € HT d'installation »): the contract's amount is the other one and this one.
_ADDED_BEFORE = french_regex(
    r"(?:\bplus|\+|\ben\s+sus|\bauxquels?\s+s['’]ajoutent?|\bs['’]y\s+ajoutent?)\s*(?:env\.|environ)?\s*$",
    re.IGNORECASE)
# Before an amount: a lump sum (« 650 € HT par bâtiment … et le réseau de chaleur (forfait 3 500 € HT) »): next to a
# price for each of the things counted, it is another part of the contract, added to it.
_LUMP_BEFORE = french_regex(r"\b(?:forfait|forfaitairement)\s*(?:de|:|à)?\s*(?:env\.|environ)?\s*$", re.IGNORECASE)
# Before an amount: it is a month's ("loyer mensuel de 4 200 € HT").
_MONTHLY_BEFORE = french_regex(
    r"\b(?:budget|montant|co[uû]t|dépense|loyer|redevance)s?\s+mensuel(?:le)?s?\s*(?::|de|d['’]environ|environ|env\.)?"
    r"\s*$",
    re.IGNORECASE,
)
# Before an amount: the price or value of one unit ("valeur faciale 9 €", "prix unitaire : 4,50 € HT"), not the
# amount of the contract.
_UNIT_BEFORE = french_regex(
    r"\b(?:valeur\s+faciale|valeur\s+unitaire|prix\s+unitaire|co[uû]t\s+unitaire|tarif\s+unitaire|P\.?\s?U\.?)"
    r"\s*(?:de|:|=|d['’]environ|d['’]env\.|environ|env\.)?\s*$",
    re.IGNORECASE,
)
# Before an amount: a count of units in a period at that price (« env. 25 obsèques par an à 1 400 € HT », « 20 ateliers
# de 2 heures par an à 180 € HT »: the things counted, not their length): a year's
# amount is the count times the price; per day, week or month the number of periods is not known (a unit price).
# « à » or « au prix (unitaire) de » just before an amount.
_AT = r"(?:\bà|\bau\s+prix\s+(?:unitaire\s+)?de)\s*(?:env\.|environ)?\s*$"
_COUNT_AT_BEFORE = french_regex(
    rf"(?P<count>{_NUMBER})\s+(?P<unit>[^\W\d_]+)(?:\s+(?:de|d['’])\s*[^.;:,()]{{1,25}}?)?\s*(?:/|par)\s*"
    rf"(?P<period>an|ann[ée]e|jour|semaine|mois)\s*,?\s*" + _AT,
    re.IGNORECASE,
)
# A price for each thing bought (« 600 composteurs … à 52 € HT le kit », « 40 barrières à 85 € HT l'unité », « 120
# coffrets, à 35 € TTC le coffret », « 12 bancs, 450 € HT le banc », « 20 tables, 150 € HT chacune »): « à » before
# the amount, or a thing the sentence counts, and « l'unité », « la pièce », « le <chose> » after it, or « chacun » or
# « pièce » alone. The contract's amount is that price times the count of things the sentence gives before it; without
# a count it is a unit price, not the contract's amount. An estimate (« estimé à 45 000 € HT la première année »,
# « jusqu'à … ») or a part of the contract (« la tranche ferme », « le lot ») is not a price for each thing.
_AT_BEFORE = french_regex(_AT, re.IGNORECASE)
_ESTIMATE_BEFORE = french_regex(
    r"(?:jusqu['’]\s*|\b(?:estimée?s?|évaluée?s?|él[èe]ve(?:nt)?|fixée?s?|plafonnée?s?|limitée?s?|arrêtée?s?|"
    r"portée?s?|chiffrée?s?|montant|budget|enveloppe|hauteur)\s+)à\s*(?:env\.|environ)?\s*$", re.IGNORECASE)
_NOT_A_THING = (r"(?:premi[eè]re?s?|derni[eè]re?s?|tranches?|phases?|p[ée]riodes?|dur[ée]es?|totalit[ée]|ensemble|"
                r"lots?|march[ée]s?|contrats?|an|ann[ée]es?|mois|saisons?|hivers?|semaines?|jours?)\b")
_EACH_AFTER = french_regex(
    rf"\s*(?:l['’]\s*|l[ea]\s+|par\s+|pour\s+(?:un|une|le|la)\s+)(?!{_PERIOD_WORD})(?!{_NOT_A_THING})"
    r"(?P<unit>[^\W\d_]{2,})\b|\s*(?:chacune?s?|pièce)\b", re.IGNORECASE)
# Counts that measure rather than count the things bought (« bacs de 400 litres », « 3 ans »).
_MEASURES = frozenset({
    "litre", "litres", "tonne", "tonnes", "mètre", "mètres", "metre", "metres", "kilo", "kilos", "kilogramme",
    "kilogrammes", "heure", "heures", "jour", "jours", "an", "ans", "année", "années", "annee", "annees", "mois",
    "semaine", "semaines", "minute", "minutes", "places", "place", "mm", "cm", "km", "kw", "kwh", "watts", "volts",
})
_COUNTED = french_regex(rf"(?P<count>{_NUMBER})\s+(?P<thing>[^\W\d_]{{3,}})", re.IGNORECASE)
_SENTENCE_START = french_regex(r"[.;!?\n](?=[^.;!?\n]*$)")
_BOUND_BEFORE = french_regex(r"(?P<min>\bmin(?:imum|i)?\b)|\bmax(?:imum|i)?\b|\bplafond\b|\bjusqu['’]", re.IGNORECASE)
# The budget of the works, written in a contract of another nature (design, assistance): not its amount.
_WORKS_BUDGET = french_regex(
    r"(?:montant|enveloppe|co[uû]t|budget|estimation)\s+(?:\w+\s+){0,2}(?:des|du)\s+travaux|travaux\s+(?:estim|évalu)"
    r"|\btravaux\s*(?:[:=]\s*)?$",
    re.IGNORECASE,
)
_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
          "neuf": 9, "dix": 10, "onze": 11, "douze": 12}
_COUNT = r"(?<!\d)\d+|\b(?:" + "|".join(_WORDS) + r")"
_YEARS = french_regex(rf"(?P<count>{_COUNT})\s*(?P<unit>ans?\b|ann[ée]es?\b|saisons?\b|hivers?\b|mois\b)",
                      re.IGNORECASE)
# "1 an reconductible 3 fois", "1 an recond. 3 fois", "1 an + 3 reconductions": the first period and its renewals;
# "2 ans + 2 x 1 an": the first period and renewals of another length.
_PERIOD = rf"(?P<count>{_COUNT})\s*(?P<unit>ans?|ann[ée]es?|mois)"
_RENEWALS = french_regex(
    rf"{_PERIOD}\s*,?\s*(?:(?:reconductibles?|renouvelables?|reconduct\.|recond\.|renouv\.)"
    rf"(?:\s+(?:tacitement|expressément))?\s+(?P<times>{_COUNT})\s*(?:fois\b|x\b|×)"
    rf"|\+\s*(?P<renewals>{_COUNT})\s+(?:reconductions?|renouvellements?)\b"
    rf"(?:\s+(?:d['’]|de\s+)\s*(?P<renewal_length>{_COUNT})\s*(?P<renewal_unit>ans?|ann[ée]es?|mois)\b)?"
    rf"|\+\s*(?P<extra>{_COUNT})\s*[x×]\s*(?P<length>{_COUNT})\s*(?P<length_unit>ans?|ann[ée]es?|mois)\b)",
    re.IGNORECASE,
)
# Value added tax of an amount written "TTC": the standard rate, CGI art. 278 « Le taux normal de la taxe sur la
# valeur ajoutée est fixé à 20 %. » (in force since 1 January 2014, read on doctrine.fr); reduced rates exist
# (food supplies: the family's ``vat_rate``; catering, works in housing), so the reading says which rate it used.
_VAT = 0.20
# An insurance premium is not subject to VAT: CGI art. 261 C 2° exempts « les opérations d'assurance, de réassurance
# ainsi que les prestations de services afférentes à ces opérations effectuées par les courtiers et intermédiaires
# d'assurance », and « une opération d'assurance se caractérise par le fait qu'un assureur se charge, moyennant le
# paiement préalable d'une prime, de procurer à un assuré […] » (BOI-TVA-CHAMP-30-10-70, § 10 and 20, on
# bofip.impots.gouv.fr). Its « TTC » includes instead the taxe sur les conventions d'assurance, « perçue sur le montant
# des sommes stipulées au profit de l'assureur », whose rate « varie selon le type de contrat d'assurance » (CGI
# art. 991 and 1001; BOI-TCAS-20150401, § 20 and 40): no single rate takes it out, so the amount is kept as written
# (above the amount before tax: a threshold is never missed by it) and the note says so. Only a premium is read so:
# advice about insurance (an AMO, an audit) stays at the standard VAT rate, and the financial services of the same
# family are not made exempt by this reading.
_PREMIUM_BEFORE = french_regex(r"\b(?:primes?|cotisations?)\b[^.;:\n€]*$", re.IGNORECASE)
# Durations that are not the contract's: a warranty, an age.
# « stockage entre deux saisons » is a time between two seasons, not the contract's.
_NOT_DURATION = french_regex(
    r"(?:garantie|garanti|âgée?s?|de plus de|de moins de|moins de|plus de|\bentre)\s*(?:de\s+)?$", re.IGNORECASE)
_LOT_COUNT = french_regex(rf"\b(?P<count>{_COUNT})\s+lots\b", re.IGNORECASE)
_SINGLE_LOT = french_regex(
    r"\blot\s+unique\b|\bun\s+seul\s+lot\b|\bnon\s+alloti|\bpas\s+alloti|\bsans\s+allotissement\b",
    re.IGNORECASE,
)
# "lot 1 : …", "Lot n° 2 – …", "LOT 03 …": a named lot; its label runs to the next lot or the end of the sentence.
_LOT = french_regex(r"\blot\s*(?:n\s*[°o]\.?\s*)?(?P<number>\d{1,2})\b\s*[:.\-–—)]?\s*", re.IGNORECASE)
_SENTENCE_END = french_regex(r"\.(?:\s+(?=[A-ZÀ-Ý\d])|\s*$)|;|\n")
_QUANTITY = french_regex(rf"{_NUMBER}\s*(?:k€|m€|€|euros?\b|ans?\b|ann[ée]es?\b|mois\b)", re.IGNORECASE)
# The last piece of a lot's label when it is the contract's duration or amount (", 3 ans", ", durée 4 ans",
# ", pour un montant de 240 000 € HT"), not the lot's words.
_LABEL_TAIL = french_regex(
    rf"\s*,\s*(?:(?:pour|une?|durée|montant|budget|total|global|estimée?|d'environ|environ|de|soit|:)\s*)*"
    rf"{_QUANTITY.pattern}[^,;]*$",
    re.IGNORECASE,
)
# A lot reserved: « réservé » among its words, or « réserver le lot 3 », « réserve les lots 2 et 4 ».
_RESERVES = french_regex(r"\br[ée]serv[ée]e?s?\b", re.IGNORECASE)
_RESERVE_LOTS = french_regex(
    r"\br[ée]serv\w*\s+(?:le|les)\s+lots?\s*((?:n\s*[°o]\.?\s*)?\d{1,2}(?:\s*(?:,|et)\s*\d{1,2})*)", re.IGNORECASE
)
# What ends the object's first line before its lots: « , 2 lots : », « en 3 lots », « allotissement en 2 lots : ».
_TITLE_END = french_regex(
    rf"(?:(?:\s*[,;:–-]\s*|\s+(?:allotissement\s+)?en\s+|\s+avec\s+)(?:{_COUNT})\s+lots)?[\s,;:–-]*$", re.IGNORECASE
)
# Land plots ("lotissement de 28 lots") are not lots of the contract; "allotissement en 2 lots" is the contract's.
_PLOTS = french_regex(r"\blotissement|parcelle|terrain", re.IGNORECASE)
MAX_YEARS = 20


@dataclass(frozen=True)
class Lot:
    """A lot named in the text."""

    number: int
    label: str
    reserved: bool = False  # the text reserves it (« lot 2 … réservé aux SIAE », « le lot 2 est réservé »)


@dataclass(frozen=True)
class Reading:
    """What the text says about the amount, the duration and the lots."""

    amount_eur: float | None = None  # total € HT of the contract, as read
    amount_text: str | None = None  # the words it was read from ("60 000 € HT par an sur 4 ans")
    annual_amount_eur: float | None = None  # when the text gives an amount per year (or per month)
    years: float | None = None  # duration, renewals included
    lot_count: int | None = None  # 1 for "lot unique"
    lots: list[Lot] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # what was read but not used, in French


def _count(word: str) -> int:
    return _WORDS[word.lower()] if word.lower() in _WORDS else int(word)


def _number(raw: str) -> float:
    digits = re.sub(r"[ \u00a0\u202f]", "", raw)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", digits):  # "1.200.000": dots as thousands
        digits = digits.replace(".", "")
    return float(digits.replace(",", "."))


def _in_years(count: str, unit: str) -> float:
    return _count(count) / (12 if unit.lower().startswith("mois") else 1)


def _years(text: str) -> float | None:
    """The duration of the contract, renewals included ("1 an reconductible 3 fois" is 4 years)."""
    renewal = _RENEWALS.search(text)
    if renewal:
        period = _in_years(renewal["count"], renewal["unit"])
        if renewal["extra"]:
            return period + _count(renewal["extra"]) * _in_years(renewal["length"], renewal["length_unit"])
        if renewal["renewal_length"]:  # "2 ans + 2 reconductions d'1 an"
            return period + _count(renewal["renewals"]) * _in_years(renewal["renewal_length"], renewal["renewal_unit"])
        return period * (1 + _count(renewal["times"] or renewal["renewals"]))
    for found in _YEARS.finditer(text):
        if _NOT_DURATION.search(text[max(0, found.start() - 20):found.start()]):
            continue
        years = _in_years(found["count"], found["unit"])
        if 0 < years <= MAX_YEARS:
            return years
    return None


@dataclass(frozen=True)
class _Amount:
    value: float
    start: int
    end: int
    per_year: bool
    minimum: bool
    units: str = ""  # the yearly count a unit price is multiplied by ("10 numéros/an")
    added: bool = False  # a one-off sum added to the other amount (« plus 12 000 € HT de mise en service »)
    lump: bool = False  # a lump sum (« forfait 3 500 € HT »), added to a price for each of the things counted


def _amounts(text: str, nature: Nature | None, vat: Factor | None, notes: list[str]) -> list[_Amount]:
    """The amounts of the contract written in the text (unit prices and works budgets left out, with a note); an
    amount TTC is brought back to HT at ``vat`` (the reduced rate of what is bought) or else the standard rate."""
    found: list[_Amount] = []
    for match in _AMOUNT.finditer(text):
        scale_word = (match["scale"] or "").lower().replace("'", " ").replace("’", " ").split()
        scale = _SCALES.get(scale_word[0].rstrip("s") if scale_word else "", 1)
        value = _number(match["number"]) * scale
        before = text[max(0, match.start() - 60):match.start()]
        if match["tax"] and match["tax"].strip().lower().startswith("t") and _PREMIUM_BEFORE.search(before):
            notes.append(f"« {match.group().strip()} » : prime d'assurance, exonérée de TVA (CGI art. 261 C 2°) ; le "
                         "montant TTC comprend la taxe sur les conventions d'assurance, dont le taux dépend du risque "
                         "assuré (CGI art. 1001) : montant retenu tel quel, le montant hors taxes est un peu inférieur")
        elif match["tax"] and match["tax"].strip().lower().startswith("t") and vat is not None:
            value = value / (1 + vat.value)
            rate = f"{vat.value * 100:g}".replace(".", ",")
            notes.append(f"« {match.group().strip()} » : montant TTC, ramené en HT avec une TVA à {rate} % (taux "
                         "réduit de cet achat ; à vérifier pour les produits qui en sont exclus)")
        elif match["tax"] and match["tax"].strip().lower().startswith("t"):
            value = value / (1 + _VAT)  # rounded once, on the total (26 000 € TTC a year × 2 is 43 333,33 € HT)
            notes.append(f"« {match.group().strip()} » : montant TTC, ramené en HT avec une TVA à 20 % (taux normal, "
                         "à vérifier pour cet achat)")
        if unit := _UNIT_BEFORE.search(before):
            notes.append(f"« {_words(text, match.start() - len(unit[0]), match.end())} » : prix unitaire, pas le "
                         "montant du marché")
            continue
        end = match.end()
        per_year, factor, units = False, 1.0, ""
        bound_after = _BOUND_AFTER.match(text, end)
        if bound_after:
            end = bound_after.end()
        if (counted := _COUNT_AT_BEFORE.search(before)) and not counted["period"].lower().startswith("an") and (
                total := _stated_total(text, match.end(), counted["unit"])):
            # « 2 interventions par mois à 90 € HT …, soit 40 interventions »: the pace gives way to the total stated.
            factor, units = _number(total["count"]), _words(text, total.start(), total.end())
        elif counted:
            if not counted["period"].lower().startswith("an"):
                notes.append(f"« {_words(text, match.start() - len(counted[0]), match.end())} » : prix unitaire, pas "
                             "le montant du marché")
                continue
            per_year, factor, units = True, _number(counted["count"]), _words(
                text, match.start() - len(counted[0]), match.start() - len(counted[0]) + len(counted[0].rstrip()))
        elif period := _PER_YEAR.match(text, end):
            per_year, end = True, period.end()
        elif period := _PER_MONTH.match(text, end):
            per_year, factor, end = True, 12.0, period.end()
        elif (each := _PER_UNIT_AND_PERIOD.match(text, end)) and (
                counted := _unit_count(text, each["unit"]) or _generic_count(text, match.start(), each["unit"])):
            # "350 € HT par véhicule et par mois" and "4 véhicules": 4 vehicles a month, 12 months a year.
            per_year, end, units = True, each.end(), _words(text, counted.start(), counted.end())
            factor = _number(counted["count"]) * (12.0 if each["period"].lower() == "mois" else 1.0)
        elif (each := _EACH_AFTER.match(text, end)) and each["unit"] is not None and (
                yearly := _yearly_count(text, each["unit"])):
            # "145 € HT l'enlèvement" and "350 enlèvements par an", "1 150 € HT par jeune" and "30 jeunes … par an":
            # a price for each of the things the text counts a year, whatever they are (not only the usual units).
            per_year, factor, end, units = True, _number(yearly["count"]), each.end(), _words(
                text, yearly.start(), yearly.end())
        elif (each := _EACH_AFTER.match(text, end)) and (
                each["unit"] is None or _yearly_count(text, each["unit"]) is None) and (
                (_AT_BEFORE.search(before) and not _ESTIMATE_BEFORE.search(before)) or each["unit"] is None
                or _things_counted(text, match.start(), each["unit"], named_only=True)):
            counted = _things_counted(text, match.start(), each["unit"])
            if counted is None:
                notes.append(f"« {_words(text, match.start(), each.end())} » : prix unitaire, pas le montant du "
                             "marché")
                continue
            # "600 composteurs … à 52 € HT le kit": the price of each of the things counted.
            factor, end, units = _number(counted["count"]), each.end(), _words(text, counted.start(), counted.end())
            if period := _PER_YEAR.match(text, end):  # « 12 000 € HT chacun par an »
                per_year, end = True, period.end()
            elif period := _PER_MONTH.match(text, end):  # « 3 bennes à 150 € HT la benne par mois »: 12 a year
                factor, per_year, end = factor * 12.0, True, period.end()
        elif period := _PER_UNIT.match(text, end):
            yearly = _yearly_count(text, period["unit"] or period["of_unit"])
            if yearly is None:
                notes.append(f"« {_words(text, match.start(), period.end())} » : prix unitaire, pas le montant du "
                             "marché")
                continue
            # "4 000 € par numéro" and "10 numéros/an": a year's amount.
            per_year, factor, end, units = True, _number(yearly["count"]), period.end(), _words(
                text, yearly.start(), yearly.end())
        if per_year and not units and (each := _AND_PER_UNIT.match(text, end)) and (
                counted := _unit_count(text, each["unit"]) or _generic_count(text, match.start(), each["unit"])):
            # "350 € HT par mois et par véhicule" and "4 véhicules".
            factor, end, units = factor * _number(counted["count"]), each.end(), _words(
                text, counted.start(), counted.end())
        if _ANNUAL_BEFORE.search(before):
            per_year = True
        elif not per_year and _MONTHLY_BEFORE.search(before):
            per_year, factor = True, 12.0
        if nature != "travaux" and _WORKS_BUDGET.search(before):
            notes.append(f"« {match.group().strip()} » : montant des travaux, pas celui du marché")
            continue
        bounds = list(_BOUND_BEFORE.finditer(before[-15:]))  # "maxi 70 000 €", "minimum 10 000 €"
        minimum = bool(bound_after["min"]) if bound_after else bool(bounds and bounds[-1]["min"])
        found.append(_Amount(value * factor, match.start(), end, per_year, minimum, units,
                             bool(_ADDED_BEFORE.search(before)),
                             not per_year and not units and bool(_LUMP_BEFORE.search(before))))
    return found


@functools.lru_cache(maxsize=64)  # asked again for each price of a text: one scan of a long text per unit
def _unit_count(text: str, unit: str) -> re.Match[str] | None:
    """How many ``unit`` the text names ("4 véhicules", "pour 2 lots"), if it does."""
    stem = re.escape(unit.lower().rstrip("s"))
    return re.search(rf"(?P<count>{_NUMBER})\s*{stem}s?\b", text, re.IGNORECASE)


# Words that name any thing bought (« 350 € HT par appareil et par an » after « 18 défibrillateurs »): the price is
# for each of the things the text counted before it, in whatever sentence.
_GENERIC_UNITS = frozenset({"appareil", "equipement", "unite", "materiel", "machine"})  # folded, singular


# Counts of places and people, where the things are (« 3 copieurs pour 12 écoles »), not the things themselves.
_WHERE_OR_WHO = french_regex(
    r"(?:sites?|écoles?|communes?|bâtiments?|établissements?|salles?|lieux|classes?|collèges?|lycées?|crèches?"
    r"|services?|agents?|élèves?|enfants?|habitants?|personnes?|usagers?|utilisateurs?)", re.IGNORECASE)


def _generic_count(text: str, start: int, unit: str) -> re.Match[str] | None:
    """For a price « par appareil » (or « par équipement », « par unité »), the last count of things the text gives
    before it (« 18 défibrillateurs »), else the first after it; counts of measures (« 4 ans »), places and people
    (« 12 écoles ») left out; None for a named unit."""
    if fold(unit).removesuffix("s") not in _GENERIC_UNITS:
        return None
    counts = [found for found in _COUNTED.finditer(text)
              if found["thing"].lower() not in _MEASURES and not _WHERE_OR_WHO.fullmatch(found["thing"])]
    before = [found for found in counts if found.end() <= start]
    after = [found for found in counts if found.start() > start]  # « … par appareil et par an pour les 18 DAE »
    return before[-1] if before else after[0] if after else None


def _things_counted(text: str, start: int, unit: str | None, *, named_only: bool = False) -> re.Match[str] | None:
    """The count of things a price for each one multiplies, in the sentence before ``start``: of ``unit`` when the
    sentence counts it (« 120 coffrets … le coffret »), else (unless ``named_only``) the last count of things there
    (« 600 composteurs … et 600 bioseaux … le kit »); counts of measures (« 400 litres », « 3 ans ») are not counts
    of things."""
    boundary = _SENTENCE_START.search(text, 0, start)
    sentence_start = boundary.end() if boundary else 0
    # A count per period (« 2 séances par semaine », « 3 passages par mois ») is a pace, not how many are bought.
    counts = [found for found in _COUNTED.finditer(text, sentence_start, start)
              if found["thing"].lower() not in _MEASURES and not _RATE_AFTER.match(text, found.end())]
    stem = unit.lower().rstrip("s") if unit else None
    # « 4 photocopieurs … le copieur », « 2 minibus … le bus »: the thing counted may be named shorter.
    named = [found for found in counts if stem and found["thing"].lower().rstrip("s").endswith(stem)]
    if not named and unit and (total := _stated_total(text, start, unit)):
        # The total may follow the price (« 85 € HT la séance, 3 ans (312 séances) »).
        named = [total]
    chosen = named if named or named_only else counts
    return chosen[-1] if chosen else None


def _stated_total(text: str, start: int, unit: str) -> re.Match[str] | None:
    """The first count of ``unit`` after ``start`` that is no pace (« (312 séances) », « soit 40 interventions »,
    not « 2 séances par semaine »), if the text states one."""
    stem = unit.lower().rstrip("s")
    return next((found for found in _COUNTED.finditer(text, start)
                 if found["thing"].lower().rstrip("s").endswith(stem) and not _RATE_AFTER.match(text, found.end())),
                None)


_RATE_AFTER = french_regex(r"\s*(?:/|par|chaque)\s*(?:semaine|jour|mois|trimestre|an|ann[ée]e)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _WeeklyCount:
    """A yearly count made of a weekly pace and the weeks of a year (« 6 heures par semaine, 40 semaines par an »),
    read like a match of the yearly count."""
    count: float
    span: tuple[int, int]

    def __getitem__(self, group: str) -> str:
        return f"{self.count:g}"

    def start(self) -> int:
        return self.span[0]

    def end(self) -> int:
        return self.span[1]


_WEEKS_A_YEAR = french_regex(rf"(?P<count>{_NUMBER})\s*semaines?\s*(?:/|par|chaque)\s*(?:an|ann[ée]e)\b",
                             re.IGNORECASE)


@functools.lru_cache(maxsize=64)  # asked again for each price of a text: one scan of a long text per unit
def _yearly_count(text: str, unit: str) -> re.Match[str] | _WeeklyCount | None:
    """Where the text states how many ``unit`` a year ("10 numéros/an", "12 parutions par an"), if it does; a short
    complement may stand between the things and the year ("12 sessions de 6 séances par an", "30 jeunes de 18 à 25
    ans par an"). A weekly pace counts when the text gives the weeks of a year (« 6 heures par semaine, 40 semaines
    par an »: 240 hours a year); without them the number of weeks is not known."""
    stem = re.escape(unit.lower().rstrip("s"))
    yearly = re.search(rf"(?P<count>{_NUMBER})\s*{stem}s?(?:\s+(?:de|d['’])\s*[^.;:,()]{{1,25}}?)?\s*"
                       r"(?:/|par|chaque)\s*(?:an|ann[ée]e)\b", text, re.IGNORECASE)
    if yearly or fold(unit).rstrip("s") == "semaine":
        return yearly
    weekly = re.search(rf"(?P<count>{_NUMBER})\s*{stem}s?\s*(?:/|par|chaque)\s*semaine\b", text, re.IGNORECASE)
    weeks = _WEEKS_A_YEAR.search(text)
    if weekly is None or weeks is None:
        return None
    return _WeeklyCount(_number(weekly["count"]) * _number(weeks["count"]),
                        (min(weekly.start(), weeks.start()), max(weekly.end(), weeks.end())))


def _lot_spans(text: str, *, sentences: str | None = None) -> list[tuple[re.Match[str], int]]:
    """Each named lot's mark and where its words end: at the end of its sentence (read in ``sentences``, the text
    with parts blanked out, when given) or at the next lot."""
    marks = list(_LOT.finditer(text))
    spans = []
    for index, mark in enumerate(marks):
        stop = marks[index + 1].start() if index + 1 < len(marks) else len(text)
        end = _SENTENCE_END.search(sentences or text, mark.end(), stop)
        spans.append((mark, end.start() if end else stop))
    return spans


def reserved_lots(text: str, spans: list[tuple[re.Match[str], int]] | None = None) -> set[int]:
    """The numbers of the lots the text reserves (« lot 2 stades réservé aux SIAE », « le lot 3 est réservé »,
    « réserver les lots 1 et 3 »), whether or not it names the others; ``spans``: the text's lots, when read."""
    spans = _lot_spans(text) if spans is None else spans
    reserved = {int(mark["number"]) for mark, end in spans if _RESERVES.search(text, mark.end(), end)}
    return reserved | {int(number) for found in _RESERVE_LOTS.finditer(text) for number in re.findall(r"\d+", found[1])}


# Who a reservation is for, as officers write it: the insertion structures (L2113-13) or the adapted and sheltered
# workshops (L2113-12). Abbreviations are read in capitals only (« EA », « EI » are words too).
_FOR_INSERTION = french_regex(
    r"\b(?:structures?\s+d['’]insertion|insertion\s+par\s+l['’]activit[ée]\s+[ée]conomique|chantiers?\s+d['’]insertion"
    r"|entreprises?\s+d['’]insertion)\b|\b(?-i:SIAE|IAE|ACI|ETTI|EI)\b", re.IGNORECASE)
_FOR_DISABLED = french_regex(
    r"\b(?:entreprises?\s+adapt[ée]es?|[ée]tablissements?\s+(?:et\s+services\s+)?d['’]aide\s+par\s+le\s+travail"
    r"|travailleurs\s+handicap[ée]s)\b|\b(?-i:E\.?A|ESAT)\b", re.IGNORECASE)


def reserved_for(text: str, number: int) -> str | None:
    """Who the text reserves lot ``number`` to: "insertion" (SIAE, L2113-13) or "handicap" (EA and ESAT,
    L2113-12) when its reservation names only one of them (« lot 3 réservé aux SIAE »), else None (both, or
    neither said: the clause keeps its default)."""
    # The lot's own words when they reserve it (« lot 3 : espaces verts, réservé aux SIAE »), and what follows a
    # reservation naming it (« réserver le lot 3 aux entreprises adaptées »), up to the end of its sentence.
    pieces = [text[mark.end():end] for mark, end in _lot_spans(text)
              if int(mark["number"]) == number and _RESERVES.search(text, mark.end(), end)]
    for found in _RESERVE_LOTS.finditer(text):
        if number in {int(n) for n in re.findall(r"\d+", found[1])}:
            end = _SENTENCE_END.search(text, found.end())
            pieces.append(text[found.end():end.start() if end else len(text)])
    said = " ".join(pieces)
    insertion, disabled = bool(_FOR_INSERTION.search(said)), bool(_FOR_DISABLED.search(said))
    return "insertion" if insertion and not disabled else "handicap" if disabled and not insertion else None


def _named_lots(text: str) -> list[tuple[Lot, int]]:
    """The lots named, in the order of the text, each with where its label ends: before the duration and amount of
    the whole contract written after the last one ("lot 2 : secteur sud, 3 ans, 240 000 € HT")."""
    named: list[tuple[Lot, int]] = []
    spans = _lot_spans(text)
    reserved = reserved_lots(text, spans)
    # Only the last lot runs on into the contract's words, unless each lot states its own amount or duration.
    tail_possible = not any(_QUANTITY.search(text, mark.end(), end) for mark, end in spans[:-1])
    for position, (mark, end) in enumerate(spans):
        if tail_possible and position == len(spans) - 1:
            while tail := _LABEL_TAIL.search(text, mark.end(), end):
                end = tail.start()
        label = text[mark.end():end].strip(" ,;:.–-\n")
        if label and not any(lot.number == int(mark["number"]) for lot, _ in named):
            number = int(mark["number"])
            named.append((Lot(number, " ".join(label.split()), number in reserved), end))
    return named if len(named) > 1 else []  # one lot named: this contract is a lot of a larger operation


def _lots(text: str) -> tuple[int | None, list[Lot]]:
    """The number of lots and the lots named, in the order of the text."""
    count = None
    if _SINGLE_LOT.search(text):
        count = 1
    for found in _LOT_COUNT.finditer(text):
        segment = text[max(0, found.start() - 60):found.start()]
        if not _PLOTS.search(segment.split(".")[-1]):
            count = max(count or 0, _count(found["count"]))
    named = [lot for lot, _ in _named_lots(text)]
    if named:
        count = max(count or 0, len(named))
    return count, named


def _lot_amounts(text: str, amounts: list[_Amount]) -> list[_Amount]:
    """The amount of each named lot, when every lot states one total amount and the text none outside them ("lot 1 …
    (45 000 € HT), lot 2 … (60 000 € HT)": the contract is their sum); else none."""
    if any(amount.per_year or amount.minimum for amount in amounts):
        return []
    plain = re.sub(r"\([^()]*\)", lambda found: " " * len(found[0]), text)  # "(… ; 60 000 € HT)" ends no lot
    spans = _lot_spans(text, sentences=plain)
    if len(spans) < 2:
        return []
    by_lot = [[amount for amount in amounts if mark.start() <= amount.start < end] for mark, end in spans]
    if sum(map(len, by_lot)) < len(amounts) or any(len(found) != 1 for found in by_lot):
        return []
    return [found[0] for found in by_lot]


# Amounts written in words (« vingt-quatre mille euros hors taxes », « un million deux cent mille euros »), as a
# deliberation or a formal letter writes them: read as the digits they say.
_NUMBER_WORDS = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
                 "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
                 "seize": 16, "vingt": 20, "vingts": 20, "trente": 30, "quarante": 40, "cinquante": 50,
                 "soixante": 60}
_NUMBER_WORD = r"(?:" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r"|cents?|mille|millions?|et)"
# The words right before « euros » (« … mille euros », « … cents d'euros »), not after digits: « 2 millions
# d'euros » is read by the amounts in digits. Only the text before each « euro » is searched (a long document
# names few amounts in words).
_EUROS = re.compile(r"\beuros?\b", re.IGNORECASE)
_SPELLED_BEFORE = re.compile(
    rf"(?<!\d)(?<!\d )(?<!\d\u00a0)\b(?P<words>{_NUMBER_WORD}(?:[\s-]+{_NUMBER_WORD})*)(?P<sep>\s+(?:d['’]\s*)?)$",
    re.IGNORECASE)


def _spelled(words: str) -> int | None:
    """The number French words say (« quatre-vingt-dix mille » is 90 000), None when they say none."""
    total = current = 0
    previous = ""
    for word in re.split(r"[\s-]+", words.lower()):
        if word == "et":
            continue
        if word in ("vingt", "vingts") and previous == "quatre":  # « quatre-vingt(s) »: 4 × 20
            current += 80 - 4
        elif word in _NUMBER_WORDS:
            current += _NUMBER_WORDS[word]
        elif word in ("cent", "cents"):
            current = (current or 1) * 100
        elif word == "mille":
            total, current = total + (current or 1) * 1000, 0
        elif word.startswith("million"):
            total, current = total + (current or 1) * 1_000_000, 0
        previous = word
    number = total + current
    return number if number > 0 else None


def _digits_for_words(text: str) -> str:
    """``text`` with its amounts in words written in digits (« vingt-quatre mille euros » → « 24 000 euros »)."""
    pieces, done = [], 0
    for euro in _EUROS.finditer(text):
        window_start = max(done, euro.start() - 160)
        found = _SPELLED_BEFORE.search(text, window_start, euro.start())
        if found is None or found["words"].lower().strip() in ("un", "une", "et"):
            continue
        number = _spelled(found["words"])
        if number is None:
            continue
        pieces += [text[done:found.start()], f"{number:,}".replace(",", " "), found["sep"]]
        done = euro.start()
    return "".join(pieces) + text[done:] if pieces else text


def read_tender(text: str, nature: Nature | None = None, vat: Factor | None = None) -> Reading:
    """The amount (total € HT), duration and lots the text states; ``nature`` tells a works budget from the amount
    of a works contract; ``vat`` is the reduced VAT rate of what is bought, if any."""
    notes: list[str] = []
    text = _digits_for_words(text)
    amounts = _amounts(text, nature, vat, notes)
    lot_count, lots = _lots(text)
    years = _years(text)
    if not amounts:
        return Reading(years=years, lot_count=lot_count, lots=lots, notes=notes)
    maxima = [amount for amount in amounts if not amount.minimum] or amounts
    # A sum added to another amount (« …, plus 12 000 € HT de mise en service », « 5 000 € HT plus 2 000 € HT par
    # an ») counts with it, a year's for each year.
    if any(amount.units for amount in maxima):
        maxima = [replace(amount, added=True) if amount.lump else amount for amount in maxima]
    added = [amount for amount in maxima if amount.added]
    if len(added) < len(maxima):
        maxima = [amount for amount in maxima if amount not in added]
    else:
        added = []
    extra = sum(amount.value * (years if amount.per_year and years else 1) for amount in added)
    extra_words = "".join(f" + {_words(text, amount.start, amount.end)}"
                          + (f" × {format_years(years)}" if amount.per_year and years else "") for amount in added)
    totals = [amount for amount in maxima if not amount.per_year]
    if by_lot := _lot_amounts(text, amounts):
        return Reading(round(sum(amount.value for amount in by_lot), 2),
                       " + ".join(_words(text, amount.start, amount.end) for amount in by_lot), None, years,
                       lot_count, lots, notes)
    if totals:
        chosen = max(totals, key=lambda amount: amount.value)
        return Reading(round(chosen.value + extra, 2), _words(text, chosen.start, chosen.end) + extra_words, None,
                       years, lot_count, lots, notes)
    chosen = max(maxima, key=lambda amount: amount.value)
    words = _words(text, chosen.start, chosen.end) + (f" × {chosen.units}" if chosen.units else "")
    if years is None:
        notes.append("montant annuel, durée non lue : le montant d'une année est retenu")
        return Reading(round(chosen.value + extra, 2), words + extra_words, round(chosen.value, 2), None, lot_count,
                       lots, notes)
    return Reading(round(chosen.value * years + extra, 2), f"{words} × {format_years(years)}{extra_words}",
                   round(chosen.value, 2), years, lot_count, lots, notes)


def _words(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


def format_years(years: float) -> str:
    """A duration as officers write it: « 3 ans », « 1 an », « 18 mois »."""
    if years == int(years):
        return f"{int(years)} an{'s' if years > 1 else ''}"
    return f"{round(years * 12)} mois"


def without_other_lots(text: str, number: int) -> str:
    """``text`` without the words of its named lots other than lot ``number`` (the label and what it says of the
    lot, up to the next lot or the end of its sentence): what the summary says of the whole and of that lot, to
    match that lot. Unchanged when the text names fewer than two lots."""
    ends = {lot.number: end for lot, end in _named_lots(text)}
    if not ends:
        return text
    pieces, cursor, seen = [], 0, set()
    for mark, _ in _lot_spans(text):
        other = int(mark["number"])
        if other == number or other in seen or other not in ends or ends[other] <= mark.start():
            continue
        seen.add(other)
        pieces.append(text[cursor:mark.start()])
        cursor = ends[other]
    return "".join(pieces) + text[cursor:]


def object_title(text: str) -> str:
    """The object's first line without its list of lots and what closes it (« …, 2 lots : lot 1 …, 3 ans »): the
    title of a file saved from a pasted summary."""
    head = object_lines(text).splitlines()[0] if text.strip() else ""
    return _TITLE_END.sub("", head).strip() or head.strip()


def object_lines(text: str) -> str:
    """``text`` with its named lots one per line ("Lot 1 : …"), as the document's "Objet du marché" lists them;
    unchanged when it names fewer than two lots or already puts each lot on its own line."""
    marks = list(_LOT.finditer(text))
    named = _named_lots(text)
    if not named or all(text[:mark.start()].rstrip(" \t").endswith("\n") or not mark.start() for mark in marks):
        return text
    head = text[:marks[0].start()].rstrip(" ,;–-")
    tail = text[named[-1][1]:].lstrip(" ,;.\n").rstrip()
    lines = [head, *(f"Lot {lot.number} : {lot.label}" for lot, _ in named)]
    return "\n".join(line for line in (*lines, tail) if line)


# An amount typed in a field (a form's « montant », the CLI's --amount): French digits, or as a tender's text says it.
_TYPED_AMOUNT = Variable(type="money", label="Montant", min=0)


def typed_amount(raw: str) -> Decimal:
    """An amount in € HT typed as an officer writes it (« 250 000 », « 12 500,50 », « 1,9 M€ », « 300 k€ »); a
    ``ValueError`` in French otherwise (a negative amount is refused, never read again as a text)."""
    try:
        return Decimal(parse_value(_TYPED_AMOUNT, raw))
    except OutOfBounds:
        raise
    except ValueError:
        read = read_tender(raw).amount_eur
        if read is None:
            raise
        return Decimal(str(round(read, 2)))
