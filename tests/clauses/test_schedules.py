"""Every verification item whose ``when`` states a fixed execution schedule carries it (``due``), so that opening a
contract's follow-up makes it a dated commitment; a new clause cannot forget it."""

import re
from datetime import date

import pytest
from pydantic import ValidationError

from app.clauses.library import ClauseDoc, Verification, day_of_year, read_library
from app.config import PROJECT_ROOT
from app.followup.schedule import NO_END, schedule

# Phrases of ``when`` that fix a date during execution (read on the whole library, December 2026).
FIXED = [re.compile(pattern) for pattern in (
    r"avant le 31 (janvier|mars)",
    r"(suivant|suivent|après) (la fin de )?chaque trimestre",
    r"suivant chaque date anniversaire",
    r"dixième jour (qui suit la fin )?de chaque mois",
    r"suivant la fin de chaque période",
    r"après (la fin de )?chaque année civile",
    r"après la fin de l'année contractuelle",
    r"(après|suivant) la notification",
    r"^(à la fin du marché|mensuellement)$",
    r"^avant le début d'exécution",
    # Dates a clause value or the contract's end gives (December 2026, schedule schema extended)
    r"au plus tard à la date fixée$",  # « chaque année, au plus tard le {{ date_attestation }} de l'année suivante »
    r"^chaque semestre$",
    r"avant le terme du marché",
    r"^à l'expiration du délai de (formation|sensibilisation)",
    r"^dans le délai fixé(,| après le début d'exécution)",
    r"^dans le mois qui suit la (première année d'exécution|période couverte)$",
    r"^selon la fréquence fixée( et en fin de marché)?$",
)]

# Items whose ``when`` reads as a fixed schedule but whose date the follow-up cannot (or must not) draw, and why.
NO_DUE = {
    ("alimentation-durable-penalite-references", 1): "penalty: compares the dates of statements other clauses owe",
    ("vehicules-mobilite-penalite", 1): "penalty: the buyer's comparison of the reports the conditions owe",
    ("energie-climat-engagement-performance", 1): "the clause text sets no monthly statement (only `when` does)",
    ("biodiversite-eau-gestion-differenciee", 1): "only for the months the holder watered: no fixed date",
    ("biodiversite-eau-fondants-routiers", 1): "only for the months the holder intervened: no fixed date",
}


def fixed_schedule(item: Verification) -> bool:
    return any(pattern.search(item.when) for pattern in FIXED)


@pytest.fixture(scope="module")
def library() -> list[ClauseDoc]:
    return read_library(PROJECT_ROOT / "clauses")


def test_every_item_with_a_fixed_schedule_has_its_due(library: list[ClauseDoc]) -> None:
    missing = [(clause.id, index, item.when) for clause in library for index, item in enumerate(clause.verification)
               if fixed_schedule(item) and item.due is None and (clause.id, index) not in NO_DUE]
    assert not missing, missing


def test_the_exceptions_are_still_needed(library: list[ClauseDoc]) -> None:
    items = {(clause.id, index): item for clause in library for index, item in enumerate(clause.verification)}
    stale = [key for key in NO_DUE if key not in items or items[key].due is not None
             or not fixed_schedule(items[key])]
    assert not stale, stale


def test_the_patterns_read_the_phrases_they_are_for() -> None:
    def item(when: str) -> Verification:
        return Verification(evidence="Relevé", when=when)
    assert fixed_schedule(item("chaque année, avant le 31 janvier ; pour la dernière année, au plus tard un mois "
                               "après la fin du marché"))
    assert fixed_schedule(item("dans les quinze jours suivant la fin de chaque trimestre"))
    assert fixed_schedule(item("dans le délai fixé après la notification, puis à chaque changement de produit"))
    assert fixed_schedule(item("à la fin du marché"))
    assert fixed_schedule(item("au plus tard trois mois avant le terme du marché"))
    assert fixed_schedule(item("chaque année, au plus tard à la date fixée"))
    assert fixed_schedule(item("à l'expiration du délai de formation"))
    for free in ("avec l'offre", "avec la candidature", "à chaque livraison", "à chaque manquement constaté",
                 "sur demande de l'acheteur", "dans le délai fixé après chaque enlèvement",
                 "chaque année, à la date fixée par le marché", "selon la fréquence fixée au CCAP",
                 "dans le délai fixé à compter de la demande de l'acheteur"):
        assert not fixed_schedule(item(free)), free


def test_the_last_year_is_capped_wherever_the_when_says_so(library: list[ClauseDoc]) -> None:
    said = [(clause.id, index) for clause in library for index, item in enumerate(clause.verification)
            if "pour la dernière année, au plus tard un mois après la fin du marché" in item.when]
    assert said
    assert [key for key in said
            if next(c for c in library if c.id == key[0]).verification[key[1]].last_within_months != 1] == []


def test_the_tenth_of_each_month_is_for_the_calendar_month_before(library: list[ClauseDoc]) -> None:
    monthly = [(clause.id, item.due) for clause in library for index, item in enumerate(clause.verification)
               if "dixième jour de chaque mois pour le mois précédent" in item.when.replace(",", "")
               and (clause.id, index) not in NO_DUE]
    assert len(monthly) >= 3 and {due for _, due in monthly} == {"mois-civil"}, monthly
    soged = next(clause for clause in library if clause.id == "dechets-emballages-soged-chantier")
    dues = [due for due in schedule(soged, {}, starts_on=date(2025, 12, 24), ends_on=date(2026, 6, 23))
            if due.due_kind == "mois-civil"]
    assert [(due.period_start, due.period_end, due.due_on) for due in dues][:2] == [
        (date(2025, 12, 24), date(2025, 12, 31), date(2026, 1, 10)),
        (date(2026, 1, 1), date(2026, 1, 31), date(2026, 2, 10)),
    ]
    assert (dues[-1].period_start, dues[-1].period_end, dues[-1].due_on) == (
        date(2026, 6, 1), date(2026, 6, 23), date(2026, 7, 10))


def test_the_textile_statement_of_the_last_year_is_due_a_month_after_the_end(library: list[ClauseDoc]) -> None:
    textiles = next(clause for clause in library if clause.id == "reemploi-recyclage-textiles-agec")
    dues = schedule(textiles, {}, starts_on=date(2027, 3, 1), ends_on=date(2028, 8, 31))
    assert [(due.period_start, due.period_end, due.due_on) for due in dues] == [
        (date(2027, 3, 1), date(2027, 12, 31), date(2028, 1, 31)),
        (date(2028, 1, 1), date(2028, 8, 31), date(2028, 9, 30)),  # not 31 January 2029
    ]


def test_the_last_year_in_the_same_delay_after_the_end(library: list[ClauseDoc]) -> None:
    said = [(clause, item) for clause in library for item in clause.verification
            if "pour la dernière année, dans le même délai après la fin du marché" in item.when]
    assert said and all(item.last_from_end for _, item in said)
    garage = next(clause for clause, _ in said if clause.id == "reemploi-recyclage-entretien-vehicules-pieces")
    dues = [due for due in schedule(garage, {"delai_bilan": "45"}, starts_on=date(2027, 1, 1),
                                    ends_on=date(2028, 6, 30)) if due.due_kind == "annee-civile"]
    assert [due.due_on for due in dues] == [date(2028, 2, 14), date(2028, 8, 14)]  # 31 Dec 2027 / 30 June + 45 days


def test_last_within_months_goes_with_a_periodic_due() -> None:
    with pytest.raises(ValidationError, match="last_within_months et last_from_end vont avec une échéance périodique"):
        Verification(evidence="Bilan", when="à la fin du marché", due="fin", last_within_months=1)
    with pytest.raises(ValidationError):
        Verification(evidence="Bilan", when="chaque année", due="annee-civile", last_within_months=0)


def test_the_new_schedule_fields_are_checked() -> None:
    def refused(message: str, **fields: object) -> None:
        with pytest.raises(ValidationError, match=message):
            Verification(evidence="Relevé", when="chaque année", **fields)
    refused("due: avant-fin va avec months_before_end", due="avant-fin")
    refused("due: avant-fin va avec months_before_end", due="fin", months_before_end=3)
    refused("day_variable va avec due: annee-civile", due="annuel", day_variable="date_remise")
    refused("un délai en mois va avec due: notification ou fin", due="trimestriel", delay_months=1)
    refused("un seul délai", due="notification", delay_days=10, delay_months_variable="delai")
    refused("délai ou heures sans échéance", delay_months=2)


def test_a_day_variable_holds_a_day_and_a_month() -> None:
    assert day_of_year("30 juin") == (30, 6) and day_of_year("1er mars") == (1, 3)
    assert day_of_year(" 15 Décembre ") == (15, 12) and day_of_year("29 février") == (29, 2)
    for text in ("fin juin", "31 avril", "30/06", "juin", "le 30 juin"):
        assert day_of_year(text) is None, text
    with pytest.raises(ValidationError, match="doit être un jour et un mois"):
        ClauseDoc.model_validate({
            "id": "essai", "version": 1, "status": "draft", "title": "Essai", "kind": "condition-execution",
            "document": "CCTP", "themes": ["energie-climat"], "decp_value": "Clause environnementale",
            "legal_basis": ["CCP L2112-2"], "sources": ["essai"], "text": "Au plus tard le {{ jour }}.",
            "variables": {"jour": {"type": "text", "label": "Jour de remise", "default": "fin juin"}},
            "verification": [{"evidence": "Attestation", "when": "chaque année", "due": "annee-civile",
                              "day_variable": "jour"}],
        })


def test_guarantees_of_origin_are_due_on_the_day_the_contract_sets(library: list[ClauseDoc]) -> None:
    for clause_id in ("energie-climat-biomethane-garanties-origine", "energie-climat-electricite-renouvelable"):
        clause = next(c for c in library if c.id == clause_id)
        dues = schedule(clause, {"date_attestation": "15 mars"}, starts_on=date(2027, 7, 1), ends_on=date(2029, 6, 30))
        assert [(d.period_start, d.period_end, d.due_on) for d in dues] == [
            (date(2027, 7, 1), date(2027, 12, 31), date(2028, 3, 15)),
            (date(2028, 1, 1), date(2028, 12, 31), date(2029, 3, 15)),
            (date(2029, 1, 1), date(2029, 6, 30), date(2030, 3, 15)),  # « de l'année suivante », even the last
        ]
        default = schedule(clause, {}, starts_on=date(2027, 7, 1), ends_on=date(2027, 12, 31))
        assert [d.due_on for d in default] == [date(2028, 6, 30)]  # the clause's « 30 juin », as the document printed
        unread = schedule(clause, {"date_attestation": "fin juin"}, starts_on=date(2027, 7, 1),
                          ends_on=date(2029, 6, 30))
        assert len(unread) == 1 and unread[0].due_on is None
        assert unread[0].undated_reason is not None and "(« fin juin ») ne se lit pas comme un jour et un mois" \
            in unread[0].undated_reason


def test_an_unset_value_without_default_leaves_the_date_open() -> None:
    clause = ClauseDoc.model_validate({
        "id": "essai", "version": 1, "status": "draft", "title": "Diagnostic", "kind": "condition-execution",
        "document": "CCAP", "themes": ["energie-climat"], "decp_value": "Clause environnementale",
        "legal_basis": ["CCP L2112-2"], "sources": ["essai"],
        "text": "Dans un délai de {{ delai }} mois à compter du début d'exécution, le titulaire remet un diagnostic.",
        "variables": {"delai": {"type": "integer", "label": "Délai du diagnostic", "unit": "mois"}},
        "verification": [{"evidence": "Diagnostic", "when": "dans le délai fixé après le début d'exécution",
                          "due": "notification", "delay_months_variable": "delai"}],
    })
    assert [d.due_on for d in schedule(clause, {"delai": "4"}, starts_on=date(2027, 10, 31),
                                       ends_on=date(2028, 10, 30))] == [date(2028, 2, 29)]
    unset = schedule(clause, {}, starts_on=date(2027, 10, 31), ends_on=date(2028, 10, 30))
    assert unset[0].due_on is None and unset[0].undated_reason == (
        "La valeur « Délai du diagnostic » de la clause « Diagnostic » n'est pas renseignée pour ce marché. "
        "Indiquez-la dans les clauses du marché, puis mettez le suivi à jour.")


def test_three_months_before_the_end(library: list[ClauseDoc]) -> None:
    clause = next(c for c in library if c.id == "numerique-responsable-ecoconception-services")
    dues = [d for d in schedule(clause, {}, starts_on=date(2027, 1, 1), ends_on=date(2029, 5, 31))
            if d.due_kind == "avant-fin"]
    assert [d.due_on for d in dues] == [date(2029, 2, 28)]
    unknown = [d for d in schedule(clause, {}, starts_on=date(2027, 1, 1), ends_on=None) if d.due_kind == "avant-fin"]
    assert unknown[0].due_on is None and unknown[0].undated_reason == NO_END


def test_each_semester_is_due_fifteen_days_after_it_the_last_after_the_end(library: list[ClauseDoc]) -> None:
    """« dans les quinze jours qui suivent la fin de chaque semestre d'exécution ; pour le dernier semestre, dans le
    même délai après la fin du marché » (twelfth legal reading): semesters counted from the start of execution."""
    fuels = next(c for c in library if c.id == "energie-climat-carburants-renouvelables")
    dues = schedule(fuels, {}, starts_on=date(2027, 3, 15), ends_on=date(2028, 6, 30))
    assert [(d.period_start, d.period_end, d.due_on) for d in dues if d.due_kind == "semestre"] == [
        (date(2027, 3, 15), date(2027, 9, 14), date(2027, 9, 29)),
        (date(2027, 9, 15), date(2028, 3, 14), date(2028, 3, 29)),
        (date(2028, 3, 15), date(2028, 6, 30), date(2028, 7, 15)),
    ]


def test_delays_in_months_and_frequencies_set_by_a_choice(library: list[ClauseDoc]) -> None:
    by_id = {clause.id: clause for clause in library}
    waste = schedule(by_id["alimentation-durable-gaspillage-alimentaire"], {"delai_diagnostic": "5"},
                     starts_on=date(2027, 9, 1), ends_on=date(2029, 8, 31))
    assert waste[0].due_kind == "notification" and waste[0].due_on == date(2028, 2, 1)
    for unread in ("cinq", "40"):  # not a number of months, or beyond the clause's bounds: said, never the default
        unset = schedule(by_id["alimentation-durable-gaspillage-alimentaire"], {"delai_diagnostic": unread},
                         starts_on=date(2027, 9, 1), ends_on=date(2029, 8, 31))[0]
        assert unset.due_on is None and unset.undated_reason == (
            f"La valeur « Délai de réalisation du diagnostic initial » de ce marché (« {unread} ») n'est pas un "
            "nombre de mois. Corrigez-la dans les clauses du marché, puis mettez le suivi à jour.")
    plan = [d for d in schedule(by_id["papier-impression-reduction-impressions"], {}, starts_on=date(2027, 9, 1),
                                ends_on=date(2029, 8, 31)) if d.item == 2]
    assert [d.due_on for d in plan] == [date(2028, 10, 1)]  # the first year ends 31 August 2028, then a month
    paper = by_id["papier-impression-impression-ecoresponsable"]
    assert [d.due_on for d in schedule(paper, {"frequence_bilan": "à la fin du marché"}, starts_on=date(2027, 9, 1),
                                       ends_on=date(2028, 8, 31))] == [date(2028, 10, 1)]
    assert [d.due_on for d in schedule(paper, {"frequence_bilan": "chaque semestre"}, starts_on=date(2027, 9, 1),
                                       ends_on=date(2028, 8, 31))] == [date(2028, 3, 31), date(2028, 10, 1)]
