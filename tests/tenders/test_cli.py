"""``clausier tenders list|show|export`` on a saved 3-lot file (both databases), output in French."""

from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

from app.config import Settings
from app.tenders import service
from app.tenders.models import AwardIn, TenderClauseIn
from tests.conftest import clausier
from tests.documents.docx_checks import all_text, open_docx
from tests.tenders.conftest import add_buyer, tender_in


def test_tenders_from_the_command_line(engine: Engine, settings: Settings, tmp_path: Path) -> None:
    with Session(engine) as session:
        add_buyer(session)
        tender_id = int(service.create_tender(session=session, data=tender_in(), author="Agnès").id or 0)
        service.set_clauses(session=session, tender_id=tender_id, expected_version=1, clauses=[
            TenderClauseIn(id="insertion-heures-execution", lots=[3], lot_variables={3: {"heures": 175}}),
            TenderClauseIn(id="conditions-de-travail-vigilance")])
    env = {"CLAUSIER_DATABASE_URL": settings.DATABASE_URL, "CLAUSIER_LOAD_SAMPLE_DATA": "false"}

    listed = clausier("tenders", "list", "--statut", "brouillon", cwd=tmp_path, env=env)
    assert listed.returncode == 0, listed.stderr
    assert "Entretien des bâtiments communaux" in listed.stdout and "1 dossier." in listed.stdout

    shown = clausier("tenders", "show", str(tender_id), cwd=tmp_path, env=env)
    assert shown.returncode == 0, shown.stderr
    assert shown.stdout.splitlines()[0] == (
        f"Dossier n° {tender_id} : Entretien des bâtiments communaux (brouillon, version 2)")
    assert "  Lot n° 3 – Travaux de peinture intérieure (150 000 € HT)" in shown.stdout
    assert "Ajoutée car requise par « Action d'insertion" in shown.stdout

    exported = clausier("tenders", "export", str(tender_id), "--portee", "lot", "--lot", "3", cwd=tmp_path, env=env)
    assert exported.returncode == 0, exported.stderr
    assert "175 heures" in all_text(open_docx((tmp_path / "clauses-2027-ENT-01-lot3.docx").read_bytes()))

    missing = clausier("tenders", "export", str(tender_id), "--portee", "lot", "--lot", "9", cwd=tmp_path, env=env)
    assert (missing.returncode, missing.stderr.strip()) == (1, f"Le dossier {tender_id} n'a pas de lot n° 9.")
    unknown = clausier("tenders", "show", "999", cwd=tmp_path, env=env)
    assert unknown.stderr.strip() == "Dossier inconnu : 999."

    # Awarded, each lot names the contract of the ledger it became (the officer follows it from there).
    with Session(engine) as session:
        service.set_status(session=session, tender_id=tender_id, status="pret", expected_version=2)
        service.set_status(session=session, tender_id=tender_id, status="publie", expected_version=3)
        contracts = service.award(session=session, tender_id=tender_id, expected_version=4, actor="Agnès",
                                  data=AwardIn(notified_on=date(2027, 4, 1)))
        by_lot = {number: purchase.id for number, purchase in
                  service.purchases_of(session=session, tender_id=tender_id).items()}
    assert len(contracts) == 3
    awarded = clausier("tenders", "show", str(tender_id), cwd=tmp_path, env=env)
    assert awarded.returncode == 0, awarded.stderr
    assert (f"  Lot n° 3 – Travaux de peinture intérieure (150 000 € HT) — attribué : marché n° {by_lot[3]} du "
            f"registre, notifié le 01/04/2027 (suivi : clausier followup hours {by_lot[3]})") in awarded.stdout
