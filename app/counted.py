"""Which rows a figure counts: demonstration rows only while nothing real is there, unless told otherwise.

Reports and the supplier advice call ``counted`` with ``include_demo``: None (the default) counts demo
rows only while the table holds no real row at all (a fresh install shows a useful demo; the first real
contract or supplier makes every figure real, every year included), True always, False never.
"""

from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Table, exists, false, select, true
from sqlmodel import Session


@dataclass(frozen=True)
class Counted:
    """The conditions to add to a query of the table, and whether demo rows are part of the figures."""

    conditions: list[ColumnElement[bool]] = field(default_factory=list)
    demo: bool = False


def counted(session: Session, table: Table, include_demo: bool | None = None) -> Counted:
    """What of ``table`` (which has an ``is_demo`` column) a figure counts."""
    flag = table.c.is_demo
    if include_demo is False:
        return Counted([flag == false()])
    has_demo = bool(session.execute(select(exists().where(flag == true()))).scalar())
    if not has_demo:
        return Counted()
    if include_demo is None and session.execute(select(exists().where(flag == false()))).scalar():
        return Counted([flag == false()])
    return Counted(demo=True)
