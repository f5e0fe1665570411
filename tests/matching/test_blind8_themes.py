"""Causes of theme-level misses found on the eighth blind real set (tests/data/blind8_tenders.jsonl), each as a
general behaviour tried on other wordings than the set's:

- a service to a construction (design, SPS, control) named after the works operation closes the object
  (« … HALLE ATHLE MOE »): the mission is bought, the operation is its subject, so no works clause is pre-ticked;
- a heading that plainly names such a service before a dash and the works (« Mission de maîtrise d'œuvre – travaux
  de … ») is what is bought, not the operation of the works after it;
- « ligne » alone is a bus line as often as a phone line: a coach line is passenger transport."""

import pytest

from .support import first_themes, object_ids, recommended, run


@pytest.mark.parametrize(("text", "family"), [
    ("RESTRUCTURATION EXTENSION ECOLE MATERNELLE DES TILLEULS MOE", "maitrise-oeuvre"),
    ("Construction d'un centre technique municipal - MOE", "maitrise-oeuvre"),
    ("REHABILITATION DU GYMNASE COSEC CSPS", "controles-construction"),
])
def test_engineering_service_closing_a_works_object_is_bought(text: str, family: str) -> None:
    result = run(text)
    assert object_ids(result) == [family]
    assert result.nature == "services"
    assert "insertion-heures-execution" not in recommended(result)


@pytest.mark.parametrize("text", [
    "MISSION DE MAITRISE D'OEUVRE - TRAVAUX DE REHABILITATION DE LA STATION D'EPURATION",
    "Mission de maîtrise d'œuvre – travaux d'aménagement de la place de l'église",
])
def test_design_heading_before_works_is_the_purchase(text: str) -> None:
    result = run(text)
    assert object_ids(result)[0] == "maitrise-oeuvre"
    assert "energie-climat" in first_themes(result)
    assert "insertion-heures-execution" not in recommended(result)


@pytest.mark.parametrize("text", [
    "Construction d'un centre technique municipal - lot 3 : menuiseries extérieures",
    "Extension du gymnase - travaux de couverture",
])
def test_works_operation_before_its_trades_stays_works(text: str) -> None:
    result = run(text)
    assert result.nature == "travaux"
    assert "insertion" in first_themes(result)


@pytest.mark.parametrize(("text", "cpv"), [("LIGNE 12 MENDE FLORAC", []),
                                           ("Lot 4 : ligne régionale 205", ["60112000"])])
def test_a_line_alone_is_not_telecommunications(text: str, cpv: list[str]) -> None:
    result = run(text, cpv=cpv)
    assert object_ids(result)[0] == "transport-personnes"
    assert "numerique-responsable" not in first_themes(result)


def test_a_phone_line_stays_telecommunications() -> None:
    assert object_ids(run("LIGNE TELEPHONIQUE DE LA MAIRIE"))[0] == "telecommunications"
