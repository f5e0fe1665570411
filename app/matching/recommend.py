"""The clauses recommended for a tender: the indisputable ones, which come pre-ticked everywhere (API, CLI, web).

In order:

1. the core clauses of the families of the object of the contract (``core`` in ``families/``): what any buyer
   expects for that kind of purchase (a core clause no longer in force gives way to another one of its need);
2. for each theme the text names outright ("avec clause d'insertion", "essences locales"), its best clause when
   a purchase family found in the text has that theme, a reservation written whatever is bought (a family of the
   object, when the object is work about a subject: "Formation des cuisiniers aux menus végétariens" asks for no
   vegetarian menu); when a clause above already covers the theme, only a clause whose own keywords are words asked
   that no recommended clause answers ("isolants biosourcés" in energy renovation works: the biosourced materials
   clause next to the energy performance one);
3. for each obligation that applies, what its rule requires (``recommend`` in ``obligations/``, by default one of
   the clauses it finds): a clause already recommended if one fits, else the first clause found by what it is
   (legal basis, kind, themes), else one found because the matcher proposed it, if its theme weighs in the object
   and, for a rule that does not test the object, it is not a core clause of other purchases only (renewable
   electricity for the upkeep of a boiler under the energy-efficiency rule).

A clause is recommended only if it is meant for the tender's nature, amount and launch date; never a penalty
clause (documents add the penalties that a clause requires); at most one clause per need of ``besoins.yaml``
(the best fitting: the first met in this order, else the best scored; the one meant for the tender's nature, or for
a lot the text reserves, when the need says so), and none that the text contradicts.

Pure: no FastAPI, no database.
"""

import re
from dataclasses import dataclass, field
from datetime import date

from app.clauses.library import Nature
from app.french import french_regex, of
from app.matching.detection import Detection, Floats
from app.matching.families import Family, Need
from app.matching.index import GENERIC_THEME, ClauseIndex
from app.matching.obligations import Obligation
from app.matching.ranking import applies
from app.matching.rules import Requirement
from app.matching.text import LOT_NUMBER, phrase_keys, writes

# A clause an obligation found only because the matcher proposed it must have a theme weighing this much in the
# families of the object.
OBJECT_THEME = 0.5
# A theme the text names outright is recommended when a family found at least this strongly has it.
FOUND = 0.5
# A reservation is asked when the text writes it (« réservé aux ESAT », « réserver le lot 3 »), whatever is bought:
# « Des marchés ou des lots d'un marché peuvent être réservés » to SIAE or to EA and ESAT (CCP L2113-12, L2113-13);
# a structure named as a place or a user asks for nothing (« les travailleurs de l'ESAT », « locaux de la SIAE »).
# Wishing to entrust the contract to such structures asks for it too (« les élus souhaitent confier ce marché à un
# ESAT ») — only a reservation can do that; the infinitive only, as « le tri est confié à l'ESAT » tells the past.
RESERVATION = "marche-reserve"
_RESERVES = french_regex(
    r"\br[ée]serv|\bconfier\b[^.;:]{0,60}?\b(?:à|a|aux)\s+(?:un|une|des|les|l['’])?\s*"
    r"(?:ESAT|EA|entreprises?\s+adapt[ée]es?|SIAE|structures?\s+(?:de\s+l['’]|d['’])insertion|chantiers?\s+d['’]insertion"
    r"|ateliers?\s+(?:et\s+chantiers?\s+)?d['’]insertion|entreprises?\s+d['’]insertion)\b",
    re.IGNORECASE)
# The text says goods are supplied (« fourniture des plaquettes », « + fourniture et livraison de »).
_SUPPLIED = french_regex(r"\bfourniture\s+(?:et\s+\w+\s+)?(?:de|des|du|d['’])", re.IGNORECASE)
# The text reserves a numbered lot (« le lot 3 est réservé aux SIAE », « lot 2 légumerie réservé aux ESAT »,
# « réserver le lot 9 aux EA »), or asks for a lot reserved without numbering it first (« souhaite un lot réservé
# (le lot 2) », « avec deux lots réservés »): the reservation is that of a lot, not of the contract. « un lot
# unique réservé » is the whole contract and does not match (« unique » stands between).
_RESERVED_LOT = french_regex(
    rf"{LOT_NUMBER}[^.;:]{{0,60}}?\br[ée]serv|\br[ée]serv\w*\s+(?:le|les|un|des)\s+lots?\b"
    r"|\b(?:un|des|deux|trois|quatre|certains|plusieurs)\s+lots?\s+r[ée]serv",
    re.IGNORECASE,
)


def _corrected(text: str, corrections: list[tuple[str, str]]) -> str:
    """``text`` with each word read as another (a typo corrected) written as it was read."""
    for written, read in corrections:
        text = re.sub(rf"(?<![^\W_]){re.escape(written)}(?![^\W_])", read, text)
    return text


def core_reason(family: Family) -> str:
    """Why a core clause of ``family`` is recommended: « clause essentielle d'un marché de nettoyage de locaux ».
    « marché de » takes every family label, be it an activity or goods (« marché d'achat ou location de
    véhicules », « marché de mobilier »), where « achat de » would repeat a label that names the purchase."""
    return f"clause essentielle d'un marché {of(family.label)}"


@dataclass
class Recommendation:
    """The recommended clauses (positions, in order) and why each one is."""

    positions: list[int] = field(default_factory=list)
    reasons: dict[int, str] = field(default_factory=dict)


class Recommender:
    """Builds the recommendation of one tender: ``core`` and ``requested`` first, then (once the obligations are
    known, their clauses ranked after these) ``obligations``."""

    def __init__(
        self, index: ClauseIndex, detection: Detection, scores: Floats, *, text: str, amount: float | None,
        when: date,
    ) -> None:
        self.index, self.detection, self.scores = index, detection, scores
        # The text as read, typos corrected (« Nettoyige des locaux » reads « nettoyage »): what a clause needs the
        # text to say (``only_if``, a reservation, goods supplied) is looked for in it.
        self.text, self.amount, self.when = _corrected(text, detection.corrections), amount, when
        self.reserves_lot = bool(_RESERVED_LOT.search(self.text))  # read once: ``eligible`` runs for every candidate
        # A service that supplies the goods it works with, written so (« maintenance des chaudières bois + fourniture
        # des plaquettes forestières », « ramonage des poêles, fourniture de bûches »): the goods, read as part of the
        # object, are bought, so the clauses meant for supplies apply to them too.
        self.goods_supplied: Nature | None = (
            "fournitures" if detection.nature == "services" and _SUPPLIED.search(self.text)
            and any(family.nature == "fournitures" for family in detection.object_families) else None)
        self.themes_of_object: dict[str, float] = {}  # theme -> its heaviest weight in the families of the object
        for family in detection.object_families:
            for theme, weight in family.themes.items():
                self.themes_of_object[theme] = max(weight, self.themes_of_object.get(theme, 0.0))
        self.result = Recommendation()

    def eligible(self, position: int) -> bool:
        """Meant for this tender (nature, amount, launch date), not a penalty, not contradicted by the text, and
        its need not yet met by another clause."""
        facts = self.index.clauses[position]
        doc = facts.doc
        nature: Nature | None = self.detection.nature
        if doc.kind == "penalite" or (applies(facts, nature, self.amount)[0] < 1.0 and (
                self.goods_supplied is None or applies(facts, self.goods_supplied, self.amount)[0] < 1.0)):
            return False
        if doc.applies_when and doc.applies_when.from_date and self.when < doc.applies_when.from_date:
            return False
        need = self.index.need_of.get(doc.id)
        if need is None:
            return True
        if any(writes(self.text, phrase) for phrase in need.unless.get(doc.id, ())):
            return False
        if doc.id in need.only_if and not any(writes(self.text, phrase) for phrase in need.only_if[doc.id]):
            return False
        meant = self._meant_id(need)
        if meant is not None and meant != doc.id and meant in self.index.position_of:
            return False
        return not any(self.index.clauses[other].doc.id in need.clauses for other in self.result.positions)

    def add(self, position: int, reason: str) -> None:
        if position not in self.result.reasons and self.eligible(position):
            self.result.positions.append(position)
            self.result.reasons[position] = reason

    def core(self) -> None:
        """The core clauses of the families of the object (a core reservation gives way to that of a lot the text
        reserves; a core clause no longer in force, to the best clause of its need)."""
        known = self.index.position_of
        for family in self.detection.object_families:
            for clause_id in family.core:
                position = known.get(clause_id)
                need = self.index.need_of.get(clause_id)
                lot = self._lot_meant(need) if need is not None else None
                if lot is not None and lot in known:  # « réserver le lot 3 aux EA »: the lot's reservation
                    position = known[lot]
                if position is None and need is not None:
                    others = [known[other] for other in need.clauses if other in known]
                    position = max(others, key=lambda p: float(self.scores[p]), default=None)
                if position is not None:
                    self.add(position, core_reason(family))

    def requested(self) -> None:
        """For each theme the text names outright, its best clause — if a purchase family found in the text has the
        theme (site nuisances are not asked of a waste collection); when a recommended clause covers the theme
        already, only a clause whose keywords are the words asked."""
        table = self.index.table
        by_id = self.index.knowledge.families.by_id
        if any(family.about for family in self.detection.object_families):
            supported = set(self.themes_of_object)  # work about a subject: the subject is not bought
        else:
            supported = {theme for family, level in self.detection.families.items() if level >= FOUND
                         for theme in by_id[family].themes} | {RESERVATION}  # whatever is bought
        if not _RESERVES.search(self.text):  # a reservation is asked only in writing, a structure named asks nothing
            supported.discard(RESERVATION)
        fit = self.detection.keyword_fit
        for theme, words in self.detection.requested.items():
            if theme == GENERIC_THEME or theme not in supported:
                continue
            candidates = [int(position) for position in table.clauses_where(themes=(theme,))
                          if not table.generic[position] and self.eligible(int(position))
                          and self.fits_purchase(int(position), supported)]
            if any(theme in self.index.clauses[p].themes for p in self.result.positions):
                # Covered already: only a clause whose own keywords are words asked that no recommended clause
                # answers yet adds something ("fibre de bois" next to "rénovation énergétique").
                named: set[int] = set()
                unanswered = []
                for word in words:
                    asked = set(phrase_keys(word))
                    clauses = {int(p) for hit in self.detection.keyword_hits if asked & set(phrase_keys(hit.surface))
                               for p in self.index.entries[hit.entry].clause_positions}
                    if not clauses & set(self.result.reasons):
                        named |= clauses
                        unanswered.append(word)
                candidates, words = [p for p in candidates if p in named], unanswered
            if candidates:
                best = max(candidates, key=lambda p: (float(fit[p]), float(self.scores[p])))
                self.add(best, f"demandée dans le texte ({', '.join(f'« {word} »' for word in words[:3])})")

    def fits_purchase(self, position: int, supported: set[str]) -> bool:
        """A clause asked through one of its themes fits what is bought: its main theme is one the purchases found
        have (« mobilier issu du reconditionnement » asks for no digital equipment clause), and it is not the core
        clause of goods only, which a service names as what it works on (« collecte des textiles », « blanchisserie
        du linge » buy no textiles; the object's reading says when a service buys goods too, as a rental does)."""
        facts = self.index.clauses[position]
        if facts.themes[0] not in supported:
            return False
        by_id = self.index.knowledge.families.by_id
        owners = [by_id[family] for family in self.index.knowledge.families.core_of.get(facts.doc.id, ())]
        objects = self.detection.object_families
        goods_only = bool(owners) and all(family.nature == "fournitures" for family in owners)
        services_only = bool(objects) and all(family.nature == "services" for family in objects)
        return not (goods_only and services_only)

    def _lot_meant(self, need: Need) -> str | None:
        """The clause of ``need`` meant for a lot (``for_lot``) when the text reserves a lot."""
        if need.for_lot and self.reserves_lot and not any(
                writes(self.text, phrase) for phrase in need.unless.get(need.for_lot, ())):
            return need.for_lot
        return None

    def _meant_id(self, need: Need) -> str | None:
        """The clause of ``need`` meant for the tender: the one for a reserved lot, else the one for the nature of
        what is bought (``by_nature``): the object's, which a lot of works in a services file keeps ("Travaux de
        peinture intérieure"), else the tender's."""
        lot = self._lot_meant(need)
        if lot is not None:
            return lot
        objects = self.detection.object_families
        nature = objects[0].nature if objects else self.detection.nature
        return need.by_nature.get(nature) if nature is not None else None

    def _meant(self, position: int) -> int:
        """The clause of the need of ``position`` meant for the nature of what is bought, else itself."""
        need = self.index.need_of.get(self.index.clauses[position].doc.id)
        meant = self._meant_id(need) if need is not None else None
        return self.index.position_of.get(meant, position) if meant is not None else position

    def _core_elsewhere(self, clause_id: str) -> bool:
        """True when the clause is a core clause of other purchases only: meant for them (renewable electricity is
        bought with electricity, not with the upkeep of a boiler)."""
        owners = self.index.knowledge.families.core_of.get(clause_id, frozenset())
        return bool(owners) and not owners & {family.id for family in self.detection.object_families}

    def obligations(self, obligations: list[Obligation]) -> None:
        """What each obligation that applies requires."""
        for obligation in obligations:
            for requirement in obligation.rule.recommend:
                self._fulfil(obligation, requirement)

    def _fulfil(self, obligation: Obligation, requirement: Requirement) -> None:
        found = dict(obligation.found)

        def meets(position: int) -> bool:
            doc = self.index.clauses[position].doc
            return (not requirement.kinds or doc.kind in requirement.kinds) and (
                not requirement.decp or doc.decp_value in requirement.decp)

        criteria = bool(requirement.kinds or requirement.decp)
        # A rule on the object (AGEC category, vehicles…) finds clauses meant for it; another one (an amount) may find
        # the core clause of another purchase (renewable electricity for the upkeep of a boiler).
        when = obligation.rule.when
        about_object = bool(when.agec or when.object_tags or when.object_families)
        if any(meets(position) and (criteria or position in found) for position in self.result.positions):
            return
        # Clauses found by what they are (legal basis, kind, themes) first, then those found because the matcher
        # proposed them, if their theme weighs in the object; each as the clause of its need meant for the tender's
        # nature (they say the same thing).
        for found_at, trusted in sorted(obligation.found, key=lambda item: not item[1]):
            position = self._meant(found_at)
            facts = self.index.clauses[position]
            suits = trusted or facts.generic or (self.themes_of_object.get(facts.themes[0], 0.0) >= OBJECT_THEME
                                                 and (about_object or not self._core_elsewhere(facts.doc.id)))
            if meets(position) and suits and self.eligible(position):
                # Read after « Recommandée : » on the page: a sentence, not a « key : value » reason.
                self.add(position, f"répond à l'obligation « {obligation.title} »")
                return
