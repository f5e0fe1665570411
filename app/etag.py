"""ETag / If-Match for optimistic concurrency: the ETag of a resource is its version number."""

import re

from app.errors import PreconditionFailed, PreconditionRequired


def etag(version: int) -> str:
    """Strong ETag of a version."""
    return f'"{version}"'


def expected_version(if_match: str | None) -> int:
    """The version the client last saw, from ``If-Match``; 428 when missing, 412 when unreadable."""
    if if_match is None or not if_match.strip():
        raise PreconditionRequired(
            "En-tête If-Match obligatoire : renvoyez l'ETag reçu à la lecture de la ressource."
        )
    match = re.fullmatch(r'\s*(?:W/)?"?(\d{1,9})"?\s*', if_match)
    if match is None:
        raise PreconditionFailed(f"En-tête If-Match illisible : {if_match[:40]!r}.")
    return int(match[1])
