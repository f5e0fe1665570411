"""The one rule of every list: ``limit`` from 1 to ``MAX_LIST_LIMIT`` items a page, ``offset`` from 0."""

from typing import Annotated, Final

from fastapi import Query

MAX_LIST_LIMIT: Final = 500
Limit = Annotated[int, Query(ge=1, le=MAX_LIST_LIMIT, description=f"Éléments par page (1 à {MAX_LIST_LIMIT})")]
Offset = Annotated[int, Query(ge=0, description="Éléments à sauter (pagination)")]
