"""Journey 2: browse and search the clause library; a clause page shows everything an officer checks."""

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session

from app.clauses.service import get_version, to_doc, update_clause
from tests.conftest import builtin_version
from tests.web.page_checks import parse, text_of

V = builtin_version("insertion-heures-execution")  # the file's version: local edits count from it


def clause_links(html: str) -> list[str]:
    return [href.rsplit("/", 1)[1] for href in parse(html).xpath("//main//li[@class='carte']//a/@href")]


@pytest.mark.parametrize(
    ("query", "expected", "excluded"),
    [
        ({"theme": "insertion"}, "insertion-heures-execution", "bois-forets-origine-legale"),
        ({"type": "penalite"}, "insertion-penalite-heures", "insertion-heures-execution"),
        ({"document": "CCTP"}, "papier-impression-papier-recycle", "insertion-heures-execution"),
        ({"q": "papier recycle"}, "papier-impression-papier-recycle", "insertion-heures-execution"),
    ],
)
def test_library_filters(browser: TestClient, query: dict[str, str], expected: str, excluded: str) -> None:
    response = browser.get("/bibliotheque", params=query)
    links = clause_links(response.text)
    assert expected in links and excluded not in links
    assert f"{len(links)} clause" in text_of(parse(response.text).xpath("//p[@role='status']")[0])


def test_library_groups_clauses_by_theme(browser: TestClient) -> None:
    tree = parse(browser.get("/bibliotheque").text)
    headings = [text_of(h) for h in tree.xpath("//main//section/h2")]
    assert headings[0].startswith("Insertion professionnelle")
    assert any(h.startswith("Bois et forêts") for h in headings)


def test_no_match_says_so(browser: TestClient) -> None:
    response = browser.get("/bibliotheque", params={"q": "zzzzqqqq"})
    assert "Aucune clause ne correspond" in text_of(parse(response.text))


def test_clause_page_shows_text_variables_basis_proof_and_versions(browser: TestClient) -> None:
    tree = parse(browser.get("/bibliotheque/insertion-heures-execution").text)
    main = text_of(tree.xpath("//main")[0])
    values = [text_of(v) for v in tree.xpath("//strong[@class='valeur']")]
    assert "350" in values and "chaque mois" in values  # defaults filled into the text
    assert "Nombre minimal d'heures d'insertion" in main and "nombre entier (heures), min. 1, max. 100 000" in main
    assert "CCP L2112-2" in main
    assert "Plan de mise en œuvre de l'action d'insertion" in main
    assert any(href.startswith("https://marche-public.fr/ccp/") for href in tree.xpath("//main//a/@href"))
    versions = tree.xpath("(//table)[last()]/tbody/tr")
    assert [text_of(row.xpath("td")[0]) for row in versions] == [f"{V} (affichée) actuelle"]


def test_clause_history_lists_local_versions(browser: TestClient, engine: Engine) -> None:
    with Session(engine) as session:
        doc = to_doc(get_version(session=session, clause_id="insertion-heures-execution"))
        data = doc.model_dump(mode="json") | {"title": "Heures d'insertion (version locale)"}
        update_clause(session=session, clause_id=doc.id, data=data, expected_version=V, author="claire.martin")
    current = parse(browser.get("/bibliotheque/insertion-heures-execution").text)
    assert text_of(current.xpath("//h1")[0]) == "Heures d'insertion (version locale)"
    rows = [text_of(row) for row in current.xpath("(//table)[last()]/tbody/tr")]
    assert rows[0].startswith(f"{V + 1} (affichée) actuelle") and "claire.martin" in rows[0]
    old = parse(browser.get(f"/bibliotheque/insertion-heures-execution?version={V}").text)
    assert "n'est plus en vigueur" in text_of(old.xpath("//main")[0])
    assert text_of(old.xpath("//h1")[0]).startswith("Action d'insertion")
