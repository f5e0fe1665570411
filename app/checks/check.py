"""The check of a draft: facts, present considerations, missing ones, outdated references, risky wording.

Pure: the matching run is passed in as a function (the service gives ``app.matching.matcher.match`` on the
index of the library in force), so this module never reaches into the matching internals.
"""

import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from app.checks import rules
from app.checks.findings import CheckResult, Facts, Finding, Location, ProposedClause
from app.checks.reader import Draft, Paragraph
from app.clauses.legal_lint import LABEL_RULE, LOCAL_RULE, POLICY_RULE, WordingRule, sentences
from app.clauses.library import ClauseDoc, Nature
from app.clauses.references import Registry, fold
from app.documents.builder import legal_basis_text
from app.matching.cpv import InvalidCpv, parse_code
from app.matching.matcher import MatchResult, Query

OBJECT_CHARS = 2000
MONTHS = ("janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre",
          "decembre")
_DATE = rf"(\d{{1,2}})(?:er)?\s*(?:[/.-]\s*(\d{{1,2}})\s*[/.-]|\s+({'|'.join(MONTHS)})\s+)\s*(\d{{4}})"
_LAUNCH = re.compile(r"date\s+(?:d'envoi|de\s+(?:lancement|publication|mise\s+en\s+ligne|l'avis))[^.\n]{0,60}?" + _DATE)
_DEADLINE = re.compile(r"date\s+(?:et\s+heure\s+)?limites?\s+de\s+(?:remise|reception|depot)[^.\n]{0,60}?" + _DATE)
_AMOUNT = re.compile(
    r"(?:montant|valeur|budget|enveloppe|estimation)[^.\n;]{0,80}?(?<![\d,.])(\d{1,3}(?:[ .]\d{3})+|\d{4,})"
    r"(?:,\d+)?\s*(?:€|euros?\b|eur\b)"
)
_AMOUNT_KIND = re.compile(r"estim|maximum|maximal|previsionnel|total|global|enveloppe|budget|valeur")
_CPV = re.compile(r"cpv[^.\n]{0,60}?(?<!\d)(\d{8}(?:-\d)?)(?!\d)")
_NATURE = re.compile(
    r"(?:marche|accord-cadre|contrat)s?\s+(?:public\s+|mixte\s+)?de\s+(travaux|fournitures?|services?)\b"
)
_OBJECT_HEAD = re.compile(r"\bobjet\b")
_PROCEDURAL = re.compile(r"\bmontant|\bdate\b|\bavis\b|\bpublication|\bcpv\b|\bprocedure|€|\beuros?\b")
_OBJECT_LINE = re.compile(r"^(?:objet\s*(?:du\s+marche|de\s+la\s+consultation|de\s+l'accord-cadre)?\s*:|"
                          r"l[ea]\s+present(?:e)?\s+(?:marche|consultation|accord-cadre|contrat)\s+(?:a\s+pour\s+objet|porte|concerne))")

# The obligations of the matching core this check verifies (others — AGEC shares, SPASER, repairability —
# concern the buyer's yearly purchases, not one contract's text).
ENVIRONMENT = "climat-resilience-environnement"
SOCIAL = "climat-resilience-social"
EGALIM = "egalim-restauration-collective"
FLEET = "vehicules-faibles-emissions"
VIGILANCE = "vigilance-travail-dissimule"
# The environmental execution condition is the law's (CCP L2112-2): it binds the consultations engaged from its entry
# into force, 22 August 2026 (loi 2021-1104 art. 35 IV, quoted in obligations/climat-resilience-environnement.yaml);
# the criterion of R2152-7 binds one day earlier, which the obligation rule's own date carries.
CONDITION_FROM = date(2026, 8, 22)
FORMALISED = re.compile(r"appel\s+d'offres|procedure\s+formalisee|procedure\s+avec\s+negociation|dialogue\s+competitif")


# Said of a missing consideration that the draft sets aside or puts off in so many words.
WAIVED = (" Le passage signalé écarte ces considérations ou les reporte à plus tard : le remplacer par une condition "
          "d'exécution, obligatoire dès cette consultation.")


@dataclass(frozen=True)
class Given:
    """What the officer typed next to the upload (each optional)."""

    amount_eur: float | None = None
    cpv: tuple[str, ...] = ()
    nature: Nature | None = None
    launch_date: date | None = None


Matcher = Callable[[Query], MatchResult]


def _date(match: re.Match[str]) -> date | None:
    day, month_number, month_name, year = match.groups()[-4:]
    month = int(month_number) if month_number else MONTHS.index(month_name) + 1
    try:
        return date(int(year), month, int(day))
    except ValueError:
        return None


def contract_object(draft: Draft) -> str:
    """The object of the contract: the paragraph under an "Objet" heading or opening with "Objet :", and the
    title lines before the first heading."""
    titles: list[str] = []
    for p in draft.paragraphs:
        if p.index is None or (p.is_heading and p.heading is not None and titles):
            break
        if p.is_heading and p.heading is None:  # a part's title: what stands above it is the buyer or a page header
            titles.clear()
        if not p.is_heading and len(p.text) <= 200:
            titles.append(p.text)
        if len(titles) >= 3:
            break
    found = ""
    for position, p in enumerate(draft.paragraphs):
        if p.index is None:
            continue
        if _OBJECT_LINE.match(p.folded):
            found = p.text
            break
        if p.is_heading and _OBJECT_HEAD.search(p.folded) and position + 1 < len(draft.paragraphs):
            following = draft.paragraphs[position + 1]
            if not following.is_heading and following.index is not None:
                found = following.text
                break
    text = " ".join(dict.fromkeys([*titles, found])).strip() or draft.text[:OBJECT_CHARS]
    # What is bought, without the procedure's facts (amount, dates, notice) that would blur the purchase family.
    kept = [sentence for sentence in re.split(r"(?<=[.;])\s+", text) if not _PROCEDURAL.search(fold(sentence))]
    return " ".join(kept)[:OBJECT_CHARS] or text[:OBJECT_CHARS]


def read_facts(draft: Draft, given: Given, *, today: date) -> Facts:
    """The facts of the contract: typed by the officer, else read from the draft, else defaults."""
    origin: dict[str, str] = {}
    folded = fold(draft.text)
    amount = given.amount_eur
    if amount is not None:
        origin["montant"] = "saisi"
    else:
        amounts = [float(re.sub(r"[ .]", "", match.group(1))) for match in _AMOUNT.finditer(folded)
                   if _AMOUNT_KIND.search(match.group(0))]
        if amounts:
            amount, origin["montant"] = max(amounts), "lu dans le projet"
    cpv = list(given.cpv)
    if cpv:
        origin["cpv"] = "saisi"
    else:
        for match in _CPV.finditer(folded):
            try:
                cpv.append(parse_code(match.group(1)))
            except InvalidCpv:
                continue
        cpv = list(dict.fromkeys(cpv))[:5]
        if cpv:
            origin["cpv"] = "lu dans le projet"
    nature = given.nature
    if nature:
        origin["nature"] = "saisie"
    else:
        nature_match = _NATURE.search(folded)
        if nature_match:
            word = nature_match.group(1)
            nature = "travaux" if word == "travaux" else "fournitures" if word.startswith("fourniture") else "services"
            origin["nature"] = "lue dans le projet"
    launch = given.launch_date
    if launch:
        origin["date_lancement"] = "saisie"
    else:
        launch_match, deadline_match = _LAUNCH.search(folded), _DEADLINE.search(folded)
        launch = _date(launch_match) if launch_match else None
        if launch:
            origin["date_lancement"] = "lue dans le projet"
        elif deadline_match and (deadline := _date(deadline_match)):
            # Offers are due some weeks after the launch; the deadline bounds it from above.
            launch, origin["date_lancement"] = deadline - timedelta(days=30), "déduite de la date limite des offres"
        else:
            launch, origin["date_lancement"] = today, "par défaut (aujourd'hui)"
    procurement = "accord-cadre à bons de commande" if rules.draft_has_orders(draft) else None
    return Facts(object=contract_object(draft), amount_eur=amount, cpv=cpv, nature=nature, launch_date=launch,
                 origin=origin, procurement=procurement)


def _location(p: Paragraph) -> Location:
    excerpt = p.text if len(p.text) <= 240 else p.text[:237].rstrip() + "…"
    return Location(part=p.part, article=p.article, heading=p.heading, paragraph=p.index, where=p.where,
                    excerpt=excerpt)


def _proposed(doc: ClauseDoc) -> ProposedClause:
    return ProposedClause(id=doc.id, version=doc.version, title=doc.title, kind=doc.kind, document=doc.document)


_WORD = re.compile(r"[a-z]{4,}")
# A word found in more than this share of the library's clauses tells no clause from another.
COMMON_SHARE = 0.2


@lru_cache(maxsize=1024)
def _words(text: str) -> set[str]:
    return {word.rstrip("s") for word in _WORD.findall(fold(text))}


class _Checker:
    def __init__(self, draft: Draft, library: Mapping[str, ClauseDoc], registry: Registry) -> None:
        self.draft, self.library, self.registry = draft, library, registry
        self.findings: list[Finding] = []
        self.trails = [p.trail for p in draft.paragraphs]
        self.criteria = [rules.in_criteria(p, trail) for p, trail in zip(draft.paragraphs, self.trails, strict=True)]
        self.present: dict[str, list[Paragraph]] = {}
        self._rows: set[tuple[str, str]] = set()  # a table row is read whole: one finding per rule and row
        self._library_words = {doc.id: _words(" ".join([doc.title, *doc.keywords, *doc.synonyms, doc.text]))
                               for doc in library.values()}
        counts = Counter(word for words in self._library_words.values() for word in words)
        self._common_words = {word for word, count in counts.items() if count > len(library) * COMMON_SHARE}

    # present considerations -------------------------------------------------------------------------

    def closest_clause(self, text: str, item: rules.Consideration) -> ClauseDoc | None:
        words = _words(text)
        candidates = [doc for doc in self.library.values()
                      if doc.decp_value in item.library_decp and doc.kind != "penalite"
                      and (not item.library_themes or set(item.library_themes) & set(doc.themes))]
        scored = [(len(words & self._library_words[doc.id]) / (1 + len(words)) ** 0.5, doc.id, doc)
                  for doc in candidates]
        scored.sort(key=lambda entry: (-entry[0], entry[1]))
        # one telling word in common (« minimum »), besides words most clauses use (« sont »): no clause is close
        if not scored or len(words & self._library_words[scored[0][1]] - self._common_words) < 2:
            return None
        return scored[0][2]

    def find_present(self) -> None:
        seen: set[tuple[str, str | None, str | None]] = set()
        titles = rules.title_lines(self.draft.paragraphs)
        for p, criteria in zip(self.draft.paragraphs, self.criteria, strict=True):
            if p.index is None or (p.is_heading and p.heading is not None and len(p.text) < 60) or p.index in titles:
                continue
            heading = fold(p.heading or "")
            for item in rules.considerations_in(p, criteria, heading):
                self.present.setdefault(item.id, []).append(p)
                key = (item.id, p.part, p.article or p.heading)
                if key in seen:
                    continue
                seen.add(key)
                self._present_finding(p, item)

    def _present_finding(self, p: Paragraph, item: rules.Consideration) -> None:
        location = _location(p)
        detail = rules.insertion_detail(p.scope) if item.id == "insertion" else None
        title = f"{item.label} ({detail})" if detail else item.label
        closest = self.closest_clause(p.scope, item) if item.library_decp else None
        message = f"{title}, {location.label()}."
        if item.decp:
            message += f" Valeur DECP : « {item.decp} »."
        self.findings.append(Finding(
            category="present", rule=f"present-{item.id}", severity="info", title=title, message=message,
            fix="Rien à corriger : vérifier que la clause est complète (montant, pénalité, justificatifs).",
            sources=[], location=location, clauses=[_proposed(closest)] if closest else [], decp=item.decp,
        ))

    def has(self, *ids: str) -> bool:
        return any(self.present.get(item) for item in ids)

    # missing considerations -------------------------------------------------------------------------

    def _anchor(self, parts: tuple[str, ...], criteria: bool = False) -> Location | None:
        """Where a missing consideration should go: the criteria section, else the title of the right part."""
        body = [p for p in self.draft.paragraphs if p.index is not None]
        if criteria:
            chosen = next((p for p, c in zip(self.draft.paragraphs, self.criteria, strict=True) if c and p.index), None)
            if chosen:
                return _location(chosen)
        chosen = next((p for p in body if p.part in parts), None) or (body[0] if body else None)
        return _location(chosen) if chosen else None

    def _scope(self, *parts: str) -> bool:
        """Whether the draft holds one of ``parts`` (a draft whose parts are unknown holds them all)."""
        return not self.draft.parts or bool(set(parts) & set(self.draft.parts))

    def _clauses(self, ids: list[str], kinds: tuple[str, ...] = (), decp: tuple[str, ...] = ()) -> list[ProposedClause]:
        """The library clauses an obligation proposes, of the kinds and DECP values of the missing consideration (an
        environmental clause that also serves insertion does not fill a missing social consideration)."""
        docs = [self.library[i] for i in ids if i in self.library]
        return [_proposed(doc) for doc in docs
                if (not kinds or doc.kind in kinds) and (not decp or doc.decp_value in decp)]

    def find_missing(self, result: MatchResult, facts: Facts) -> None:
        obligations = {obligation.id: obligation for obligation in result.obligations}
        environment = obligations.get(ENVIRONMENT)
        has_criteria = any(self.criteria)
        if environment and facts.launch_date >= CONDITION_FROM and self._scope("CCAP", "CCTP") and not self.has(
                "clause-environnementale", "egalim", "flotte"):
            waived = self._waived(rules.ENVIRONMENT, ("CCAP", "CCTP", "AE"))
            self._missing(
                "environnement-condition-manquante", "Aucune condition d'exécution environnementale", "haute",
                ["CCP L2112-2", "Loi 2021-1104 art. 35"],
                "Pour une consultation lancée à partir du 22 août 2026, quel que soit le montant, les conditions "
                "d'exécution prennent en compte des considérations relatives à l'environnement : le projet n'en "
                "contient aucune." + (WAIVED if waived else ""),
                self._clauses(environment.clause_ids, ("condition-execution", "specification-technique"),
                              rules.ENV_CLAUSE),
                _location(waived) if waived else self._anchor(("CCAP", "CCTP", "AE")),
            )
        if environment and (self._scope("RC") or has_criteria) and not self.has("critere-environnemental"):
            self._missing(
                "environnement-critere-manquant", "Aucun critère d'attribution environnemental", "haute",
                ["CCP L2152-7", "CCP R2152-7", "Décret 2022-767"],
                "Pour une consultation lancée à partir du 21 août 2026, au moins un critère d'attribution prend en "
                "compte les caractéristiques environnementales de l'offre ; le prix seul n'est plus possible (un "
                "critère unique ne peut être qu'un coût intégrant ces caractéristiques).",
                self._clauses(environment.clause_ids, ("critere-attribution",), ("Critère environnemental",)),
                self._anchor(("RC",), criteria=True),
            )
        social = obligations.get(SOCIAL)
        social_present = self.has("insertion", "clause-sociale", "marche-reserve")
        if social and self._scope("CCAP", "CCTP") and not social_present:
            self._missing(
                "social-condition-manquante", "Aucune considération sociale dans les conditions d'exécution", "haute",
                ["CCP L2112-2-1", "Loi 2021-1104 art. 35"],
                f"Le montant ({_money(facts.amount_eur)}) atteint le seuil européen : pour une consultation lancée à "
                "partir du 22 août 2026, les conditions d'exécution prennent en compte des considérations relatives "
                "au domaine social ou à l'emploi (article L2112-2-1, dérogations à vérifier sur Légifrance).",
                self._clauses(social.clause_ids, decp=rules.SOCIAL_CLAUSE), self._anchor(("CCAP", "CCTP")),
                certainty="to-check",
            )
        egalim = obligations.get(EGALIM)
        if egalim and self._scope("CCAP", "CCTP") and not self.has("egalim"):
            self._missing(
                "egalim-parts-manquantes", "Parts EGalim absentes d'un marché de restauration collective", "haute",
                ["C. rural L230-5-1"],
                "Marché de restauration collective publique : au moins 50 % en valeur de produits durables et de "
                "qualité, dont au moins 20 % de produits biologiques (et 60 % de viandes et poissons durables depuis "
                "2024) ; le projet ne les mentionne pas.",
                self._clauses(egalim.clause_ids, ("condition-execution",)), self._anchor(("CCAP", "CCTP")),
            )
        fleet = obligations.get(FLEET)
        if fleet and self._scope("CCAP", "CCTP") and not self.has("flotte"):
            self._missing(
                "flotte-vehicules-manquante", "Aucune exigence de véhicules à faibles émissions", "moyenne",
                ["C. env. L224-7", "C. env. L224-8"],
                "Achat ou location de véhicules : lors du renouvellement de leur flotte, les acheteurs publics "
                "acquièrent des véhicules à faibles et très faibles émissions dans des proportions minimales ; le "
                "projet n'en dit rien.",
                self._clauses(fleet.clause_ids), self._anchor(("CCTP", "CCAP")),
            )
        vigilance = obligations.get(VIGILANCE)
        if vigilance and self._scope("RC", "CCAP") and not self.has("vigilance"):
            self._missing(
                "vigilance-documents-manquants", "Documents de vigilance non demandés au titulaire", "moyenne",
                ["C. trav. L8222-1", "C. trav. D8222-5"],
                f"Pour un contrat d'au moins 5 000 € HT ({_money(facts.amount_eur)}), l'acheteur vérifie à la "
                "conclusion puis tous les six mois que le titulaire est à jour de ses déclarations et cotisations "
                "sociales (attestation de vigilance, extrait K-bis) ; le projet ne les demande pas.",
                self._clauses(vigilance.clause_ids), self._anchor(("CCAP", "RC")),
            )

    def _waived(self, pattern: re.Pattern[str], parts: tuple[str, ...]) -> Paragraph | None:
        """The body paragraph of ``parts`` that sets a consideration aside or puts it off (« ne s'appliqueront qu'à
        compter de 2027 », « le présent marché n'en comporte pas »): where the missing one is to be written."""
        for p in self.draft.paragraphs:
            if (p.index is None or p.is_heading or (p.part is not None and p.part not in parts)
                    or not rules.ABSENT.search(p.scope)):
                continue
            stating = [sentence for sentence in sentences(p.scope) if pattern.search(sentence)]
            if stating and all(rules.ABSENT.search(sentence) for sentence in stating):
                return p
        return None

    def _missing(self, rule: str, title: str, severity: str, sources: list[str], message: str,
                 clauses: list[ProposedClause], location: Location | None, certainty: str = "verified") -> None:
        fix = ("Ajouter une clause de la bibliothèque : " + " ; ".join(f"« {c.title} »" for c in clauses) + "."
               if clauses else "Ajouter une clause qui remplit cette obligation.")
        self.findings.append(Finding(
            category="manquant", rule=rule, severity=severity, title=title, message=message, fix=fix,  # type: ignore[arg-type]
            sources=sources, certainty=certainty, location=location, clauses=clauses,  # type: ignore[arg-type]
        ))

    # outdated references ----------------------------------------------------------------------------

    def find_outdated(self) -> None:
        for p in self.draft.paragraphs:
            seen: set[str] = set()
            for entry, start, end in self.registry.find_in_text(p.folded):
                if entry.status == "current" or entry.ref in seen:
                    continue
                seen.add(entry.ref)
                names = "; ".join(
                    legal_basis_text([ref]) + (f" ({found.subject})" if (found := self.registry.get(ref)) else "")
                    for ref in entry.replaced_by
                )
                status = "abrogé" if entry.status == "repealed" else "remplacé"
                self.findings.append(Finding(
                    category="obsolete", rule="reference-perimee",
                    severity="haute" if "8222-6" in entry.ref else "moyenne",
                    title=f"Référence périmée : {legal_basis_text([entry.ref])}",
                    message=f"« {p.text[start:end]} » : {entry.subject} ; texte {status}.",
                    fix=(f"Citer à la place : {names}." if names else "Supprimer la référence.")
                    + (f" {entry.note}" if entry.note else ""),
                    sources=[entry.ref], certainty=entry.certainty, location=_location(p), reference=entry.ref,
                    replaced_by=list(entry.replaced_by),
                ))

    # risky wording ----------------------------------------------------------------------------------

    def _risk(self, rule: WordingRule, p: Paragraph, *, severity: str | None = None, extra: str = "") -> None:
        if p.row is not None:
            if (rule.id, p.row) in self._rows:
                return
            self._rows.add((rule.id, p.row))
        self.findings.append(Finding(
            category="risque", rule=rule.id, severity=(severity or rule.severity), title=rule.title,  # type: ignore[arg-type]
            message=rule.message + extra, fix=rule.fix, sources=list(rule.sources), certainty=rule.certainty,  # type: ignore[arg-type]
            location=_location(p),
        ))

    def find_risks(self, facts: Facts, formalised: bool) -> None:
        paragraphs = self.draft.paragraphs
        orders = facts.procurement is not None
        pdf = self.draft.source == "pdf"
        tables = _table_context(paragraphs)
        for position, (p, criteria) in enumerate(zip(paragraphs, self.criteria, strict=True)):
            if p.is_heading and len(p.text) < 80:
                continue
            following = paragraphs[position + 1].scope if position + 1 < len(paragraphs) else ""
            before = paragraphs[position - 1] if position else None
            previous = before.folded if before is not None and not before.is_heading else ""
            if rules.label_risk(p, following, pdf=pdf, table=tables.get(position, ("", "")), previous=previous):
                self._risk(LABEL_RULE, p)
            if rules.local_risk(p):
                self._risk(LOCAL_RULE, p)
            if rules.policy_risk(p, criteria):
                self._risk(POLICY_RULE, p)
            if rules.penalty_risk(p, pdf=pdf):
                self._risk(rules.PENALTY_RULE, p)
            if orders and rules.orders_risk(p):
                self._risk(rules.ORDERS_RULE, p)
            if rules.reservation_risk(p):
                self._risk(rules.RESERVATION_RULE, p)
        for section in self._criteria_sections():
            missing = rules.unweighted_criteria(section)
            if missing:
                named = ", ".join(f"« {p.text[:60]} »" for p in missing[:4])
                self._risk(rules.WEIGHTING_RULE, missing[0], severity="haute" if formalised else "moyenne",
                           extra=f" Sans pondération : {named}.")
            off = rules.weights_off_total(section)
            if off is not None:
                total = f"{off[1]:g}".replace(".", ",")
                self._risk(rules.WEIGHT_TOTAL_RULE, off[0],
                           extra=f" Total des pondérations annoncées : {total}\u00a0%.")

    def _criteria_sections(self) -> list[list[Paragraph]]:
        sections: list[list[Paragraph]] = []
        current: list[Paragraph] = []
        for p, trail in zip(self.draft.paragraphs, self.trails, strict=True):
            inside = p.index is not None and any(rules.CRITERIA_HEADING.search(title) for title in trail)
            if inside:
                current.append(p)
            elif current:
                sections.append(current)
                current = []
        if current:
            sections.append(current)
        return sections


def _table_context(paragraphs: list[Paragraph]) -> dict[int, tuple[str, str]]:
    """For each table cell (by position), the folded body paragraphs just before and just after its table: the
    sentence that introduces it (« … indiqués ci-dessous : ») and the one that follows it."""
    context: dict[int, tuple[str, str]] = {}
    position = 0
    while position < len(paragraphs):
        if paragraphs[position].row is None:
            position += 1
            continue
        end = position
        while end < len(paragraphs) and paragraphs[end].row is not None:
            end += 1
        intro, outro = (paragraphs[i] if 0 <= i < len(paragraphs) else None for i in (position - 1, end))
        before, after = (q.folded if q is not None and q.index is not None and not q.is_heading else ""
                         for q in (intro, outro))
        context.update(dict.fromkeys(range(position, end), (before, after)))
        position = end
    return context


def _money(amount: float | None) -> str:
    if amount is None:
        return "montant non précisé"
    return f"{amount:,.0f}".replace(",", "\u202f") + " € HT"


def decp_values(findings: list[Finding]) -> dict[str, list[str]]:
    """The considerations the contract should declare in its DECP (``Pas de considération …`` when none)."""
    values = {finding.decp for finding in findings if finding.category == "present" and finding.decp}
    social: list[str] = [v for v in ("Clause sociale", "Critère social", "Marché réservé") if v in values]
    environment: list[str] = [v for v in ("Clause environnementale", "Critère environnemental") if v in values]
    return {
        "considerationsSociales": social or ["Pas de considération sociale"],
        "considerationsEnvironnementales": environment or ["Pas de considération environnementale"],
    }


SEVERITY_ORDER = {"haute": 0, "moyenne": 1, "faible": 2, "info": 3}
CATEGORY_ORDER = {"manquant": 0, "obsolete": 1, "risque": 2, "present": 3}


def check_draft(
    draft: Draft, *, given: Given, library: Mapping[str, ClauseDoc], registry: Registry, matcher: Matcher, today: date,
) -> CheckResult:
    """Every finding on ``draft``; ``matcher`` runs the matching core on the contract's object."""
    facts = read_facts(draft, given, today=today)
    result = matcher(Query(text=facts.object or "marché public", cpv=facts.cpv, amount_eur=facts.amount_eur,
                           nature=facts.nature, date=facts.launch_date, limit=10))
    nature = facts.nature or result.nature
    if nature and not facts.nature:
        origin = {**facts.origin, "nature": "déduite de l'objet"}
        facts = Facts(**{**facts.__dict__, "nature": nature, "origin": origin})
    checker = _Checker(draft, library, registry)
    checker.find_present()
    checker.find_missing(result, facts)
    checker.find_outdated()
    # Formalised procedure: said in the text, or an amount at or above the EU threshold (the social
    # obligation of the matching core is raised from that threshold).
    formalised = bool(FORMALISED.search(fold(draft.text))) or SOCIAL in {o.id for o in result.obligations}
    checker.find_risks(facts, formalised)
    findings = sorted(checker.findings, key=lambda f: (
        SEVERITY_ORDER[f.severity], CATEGORY_ORDER[f.category],
        f.location.paragraph if f.location and f.location.paragraph is not None else 10**9,
    ))
    return CheckResult(facts=facts, parts=draft.parts, source=draft.source, paragraphs=len(draft.paragraphs),
                       findings=findings, decp=decp_values(findings),
                       obligations=[obligation.id for obligation in result.obligations])
