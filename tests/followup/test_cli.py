"""``clausier followup``: open a contract, import a statement (and refuse a broken one), overdue on a date."""

from datetime import date
from pathlib import Path

from sqlmodel import Session
from typer.testing import CliRunner

from app.bootstrap import prepare_database
from app.cli import cli
from app.config import get_settings
from app.db import make_engine
from app.followup import service
from tests.followup.support import awarded_contract


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["followup", *args])
    return result.exit_code, result.output + (result.stderr if result.stderr_bytes is not None else "")


def test_followup_commands(cli_database: None, tmp_path: Path) -> None:
    engine = make_engine(get_settings().DATABASE_URL)
    prepare_database(engine, get_settings())
    with Session(engine) as session:
        purchase_id = awarded_contract(session)
    engine.dispose()
    code, output = run("open", str(purchase_id))
    assert code == 0 and output.startswith(f"Marché {purchase_id} : 14 engagements datés.\n  ")  # then each date
    code, output = run("overdue", "--date", "2025-03-01")
    assert code == 0 and "2 engagements en retard au 01/03/2025" in output and "16/01/2025" in output
    broken = tmp_path / "releve.csv"
    broken.write_text("Mois;Catégorie;Modalité;Heures\n2025-01;deld;embauche;douze\n", encoding="utf-8")
    code, output = run("hours", str(purchase_id), "--import", str(broken))
    assert code == 1 and "ligne 2 — Heures : nombre d'heures invalide « douze »" in output
    good = tmp_path / "releve-ok.csv"
    good.write_text("Mois;Catégorie;Modalité;Heures\n2025-01;deld;embauche;100\n", encoding="utf-8")
    code, output = run("hours", str(purchase_id), "--import", str(good))
    assert code == 0, output
    assert "350 h engagées, 100 h réalisées, écart 250 h" in output
    assert "12\u00a0500 € HT" in output
    assert run("overdue", "--date", "2025-01-10") == (0, "Aucun engagement en retard au 10/01/2025.\n")
    assert run("overdue", "--date", "10/01/2025")[0] == 1


def test_followup_hours_gives_the_late_statement_penalty_on_a_date(cli_database: None) -> None:
    engine = make_engine(get_settings().DATABASE_URL)
    prepare_database(engine, get_settings())
    with Session(engine) as session:
        purchase_id = awarded_contract(session, notified=date(2025, 1, 1))
        service.open_followup(session=session, purchase_id=purchase_id, actor="agent")
        march = next(c for c in service.list_commitments(session=session, purchase_id=purchase_id)
                     if c.hours_committed is not None and c.period_start == date(2025, 3, 1))
        service.record_notice(session=session, commitment_id=march.id or 0, sent_on=date(2025, 4, 14), actor="a")
    engine.dispose()
    code, output = run("hours", str(purchase_id), "--date", "2025-04-30")
    assert code == 0, output
    assert "États des heures en retard après mise en demeure : 20 jours, pénalité calculée 1\u00a0000 € HT." in output
    # The penalty clause named by its title (its id was printed), the two penalties within their common cap.
    assert "selon la clause « Pénalité pour heures d'insertion non réalisées »" in output
    assert "insertion-penalite-heures" not in output
    assert "Pénalités ensemble : " in output and "(dans la limite du plafond commun de la clause)." in output
    assert "retard" not in run("hours", str(purchase_id), "--date", "2025-04-20")[1]


def test_overdue_names_the_buyer_and_refuses_a_bad_siret(cli_database: None) -> None:
    """The overdue list names each buyer by its profile (it printed the SIRET), and a SIRET of 13 digits is
    refused (it answered « Aucun engagement en retard », as if the buyer had nothing late)."""
    from app.buyers.models import BuyerCreate
    from app.buyers.service import create_buyer
    from tests.followup.support import BUYER

    engine = make_engine(get_settings().DATABASE_URL)
    prepare_database(engine, get_settings())
    with Session(engine) as session:
        create_buyer(session=session, data=BuyerCreate(siret=BUYER, name="Commune de Valbourg"))
        service.open_followup(session=session, purchase_id=awarded_contract(session), actor="tests")
    engine.dispose()
    code, output = run("overdue", "--date", "2025-03-01")
    assert code == 0 and "Commune de Valbourg" in output and BUYER not in output
    code, output = run("overdue", "--acheteur", BUYER[:13])
    assert code == 1 and f"--acheteur : SIRET invalide « {BUYER[:13]} » (14 chiffres attendus, 13 saisis)." in output
    assert run("overdue", "--date", "2025-03-01", "--acheteur", BUYER[:9] + " " + BUYER[9:])[0] == 0
