"""The clauses on road de-icing salt and on works in watercourses: valid, lawful in their wording, and bound to the
nature of what is bought."""

import re

import pytest

from app.clauses.legal_lint import wording_problems
from app.clauses.library import ClauseDoc, read_library
from app.config import PROJECT_ROOT

NATURES = {
    "biodiversite-eau-fondants-routiers": ["services"],
    "biodiversite-eau-fondants-routiers-fourniture": ["fournitures"],
    "biodiversite-eau-travaux-milieu-aquatique": ["travaux", "services"],
}


def _clause(clause_id: str) -> ClauseDoc:
    return next(clause for clause in read_library(PROJECT_ROOT / "clauses") if clause.id == clause_id)


@pytest.mark.parametrize("clause_id", sorted(NATURES))
def test_the_clause_is_active_reviewed_and_meant_for_its_nature(clause_id: str) -> None:
    clause = _clause(clause_id)
    assert clause.status == "active"
    assert clause.reviewed is not None and clause.guidance is not None
    assert clause.decp_value == "Clause environnementale"
    assert clause.applies_when is not None and clause.applies_when.nature == NATURES[clause_id]
    assert wording_problems(clause.text) == []


@pytest.mark.parametrize("clause_id", sorted(NATURES))
def test_the_clause_promises_no_state_of_the_environment(clause_id: str) -> None:
    # The holder controls its spreading, deliveries and site, not the chlorides or suspended solids of a river.
    text = _clause(clause_id).text.lower()
    assert not re.search(r"(teneur|concentration|taux)[^.]{0,40}(cours d'eau|rivière|nappe|milieu|sols?\b)", text)
    assert "garantit" not in text


def test_a_condition_with_penalties_gives_an_amount_a_trigger_and_a_ceiling() -> None:
    for clause_id in ("biodiversite-eau-fondants-routiers", "biodiversite-eau-travaux-milieu-aquatique"):
        clause = _clause(clause_id)
        assert "plafonné à {{ plafond }} %" in clause.text
        assert "présenter ses observations" in clause.text
        assert clause.variables["plafond"].type == "percent"


def test_the_aquatic_clause_leaves_the_water_act_to_the_buyer() -> None:
    # The declaration or authorisation is the project owner's: the holder applies its prescriptions.
    text = _clause("biodiversite-eau-travaux-milieu-aquatique").text
    assert "obtenu par l'acheteur" in text
    assert "que l'acheteur lui remet au plus tard à la notification" in text
