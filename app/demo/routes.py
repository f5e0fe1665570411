"""Demonstration data API: what is loaded, and removing it (administrators)."""

from fastapi import APIRouter

from app.auth.dependencies import AdminDep
from app.db import SessionDep
from app.demo.service import DemoStatus, demo_status, remove_demo

router = APIRouter(prefix="/api/v1/demo", tags=["démonstration"])


@router.get("", response_model=DemoStatus)
def read_demo(session: SessionDep) -> DemoStatus:
    """How many demonstration rows (fictional contracts, buyers, suppliers, imports) the database holds."""
    return demo_status(session=session)


@router.post("/remove", response_model=DemoStatus)
def remove_demo_rows(session: SessionDep, actor: AdminDep) -> DemoStatus:
    """Remove every demonstration row in one transaction (audited); the counts of what was removed.

    409 when there is none.
    """
    return remove_demo(session=session, actor=actor)
