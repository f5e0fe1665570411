"""What a check returns: findings with their location, severity, rule, sources and fix; the facts it used."""

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from app.clauses.library import Nature

Category = Literal["manquant", "obsolete", "risque", "present"]
Severity = Literal["haute", "moyenne", "faible", "info"]
Certainty = Literal["verified", "to-check"]

CATEGORY_LABELS: dict[str, str] = {
    "manquant": "Considération manquante",
    "obsolete": "Référence périmée",
    "risque": "Rédaction risquée",
    "present": "Déjà présent",
}
SEVERITY_LABELS: dict[str, str] = {
    "haute": "À corriger avant publication",
    "moyenne": "À corriger",
    "faible": "À vérifier",
    "info": "Ce que le projet contient déjà",
}
SEVERITIES: tuple[str, ...] = ("haute", "moyenne", "faible", "info")


@dataclass(frozen=True)
class Location:
    """Where a finding stands in the draft."""

    part: str | None  # RC, CCAP, CCTP, AE
    article: str | None  # "9.2"
    heading: str | None
    paragraph: int | None  # 1-based, body paragraphs in reading order (tables included)
    where: str  # corps, tableau, en-tête, pied de page, note de bas de page
    excerpt: str

    def label(self) -> str:
        """French wording: "CCAP, article 9.2 (Clause d'insertion), § 41"."""
        pieces = [self.part] if self.part else []
        if self.article:
            pieces.append(f"article {self.article}" + (f" ({self.heading})" if self.heading else ""))
        elif self.heading:
            pieces.append(f"« {self.heading} »")
        if self.where in ("en-tête", "pied de page", "note de bas de page", "tableau"):
            pieces.append(f"{self.where}" if self.where != "tableau" else "dans un tableau")
        if self.paragraph is not None:
            pieces.append(f"§ {self.paragraph}")
        return ", ".join(pieces) or "ensemble du projet"


@dataclass(frozen=True)
class ProposedClause:
    """A library clause that fulfils a missing consideration (or that a present one resembles)."""

    id: str
    version: int
    title: str
    kind: str
    document: str


@dataclass(frozen=True)
class Finding:
    """One thing the officer should know about the draft."""

    category: Category
    rule: str
    severity: Severity
    title: str
    message: str
    fix: str
    sources: list[str]  # registry refs the rule rests on
    certainty: Certainty = "verified"
    location: Location | None = None
    clauses: list[ProposedClause] = field(default_factory=list)
    reference: str | None = None  # outdated: the registry entry cited by the draft
    replaced_by: list[str] = field(default_factory=list)
    decp: str | None = None  # present: the DECP value it gives the contract


@dataclass(frozen=True)
class Facts:
    """What the checked contract is, as given by the officer or read from the draft."""

    object: str
    amount_eur: float | None
    cpv: list[str]
    nature: Nature | None
    launch_date: date
    origin: dict[str, str]  # field -> "saisi", "lu dans le projet", "déduit", "par défaut"
    procurement: str | None = None  # "accord-cadre à bons de commande" when the draft says so


@dataclass
class CheckResult:
    """A checked draft: its parts, the facts used, the findings (most severe first), the DECP values."""

    facts: Facts
    parts: list[str]
    source: str
    paragraphs: int
    findings: list[Finding]
    decp: dict[str, list[str]]
    obligations: list[str]

    def count(self, category: str) -> int:
        return sum(1 for finding in self.findings if finding.category == category)
