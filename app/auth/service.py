"""API keys: create (shown once), store as a salted scrypt hash, authenticate, revoke."""

import hashlib
import hmac
import re
import secrets
import threading
from datetime import timedelta

from sqlmodel import Session, col, select

from app.auth.models import ROLES, ApiKey
from app.db import utcnow
from app.errors import Conflict, InvalidInput, NotFound

KEY_SCHEME = "clsr"
# Keys carry 256 random bits, so scrypt's cost only guards a stolen table against brute force; these
# are Python's own recommended interactive parameters (16 MiB, ~50-80 ms), paid once per key and process.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
KEY_PATTERN = re.compile(rf"{KEY_SCHEME}_([0-9a-f]{{8}})_([A-Za-z0-9_-]{{43}})")
# last_used_at is written at most once a minute per key, so reads do not turn into writes.
TOUCH_INTERVAL = timedelta(minutes=1)

# Keys already verified by this process: (prefix, stored hash) -> HMAC of the key under a random
# per-process secret, so scrypt runs once per key and process, not on every request.
_PEPPER = secrets.token_bytes(32)
_verified: dict[tuple[str, str], bytes] = {}
_verified_lock = threading.Lock()


def hash_key(key: str, salt: bytes) -> str:
    """The stored form of ``key``: scrypt parameters and digest."""
    digest = hashlib.scrypt(key.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, dklen=32)
    return f"scrypt:{SCRYPT_N}:{SCRYPT_R}:{SCRYPT_P}:{digest.hex()}"


def _matches(key: str, row: ApiKey) -> bool:
    _, n, r, p, expected = row.key_hash.split(":")
    digest = hashlib.scrypt(key.encode(), salt=bytes.fromhex(row.salt), n=int(n), r=int(r), p=int(p), dklen=32)
    return hmac.compare_digest(digest.hex(), expected)


def _clean_name(name: str) -> str:
    cleaned = " ".join(name.split())
    if not cleaned or len(cleaned) > 100 or not cleaned.isprintable():
        raise InvalidInput("Nom de clé invalide : 1 à 100 caractères imprimables.", field="name")
    return cleaned


def new_key(*, name: str, role: str) -> tuple[ApiKey, str]:
    """A fresh random key and its (unsaved) row holding only the salted hash."""
    prefix = secrets.token_hex(4)
    key = f"{KEY_SCHEME}_{prefix}_{secrets.token_urlsafe(32)}"
    salt = secrets.token_bytes(16)
    return ApiKey(prefix=prefix, name=name, role=role, salt=salt.hex(), key_hash=hash_key(key, salt)), key


def create_key(*, session: Session, name: str, role: str) -> tuple[ApiKey, str]:
    """A new key of ``role`` for ``name``; the clear key is returned here and never again."""
    if role not in ROLES:
        raise InvalidInput(f"Rôle inconnu : « {role} » (attendu : {', '.join(ROLES)}).", field="role")
    name = _clean_name(name)
    active = session.exec(select(ApiKey).where(ApiKey.name == name, col(ApiKey.revoked_at).is_(None))).first()
    if active is not None:
        raise Conflict(
            f"Une clé active porte déjà le nom « {name} » (id {active.prefix}) : révoquez-la ou choisissez "
            "un autre nom.", key_id=active.prefix,
        )
    while True:
        row, key = new_key(name=name, role=role)
        if session.exec(select(ApiKey).where(ApiKey.prefix == row.prefix)).first() is None:
            break
    session.add(row)
    session.commit()
    session.refresh(row)
    return row, key


def list_keys(*, session: Session) -> list[ApiKey]:
    """Every key, revoked ones included, oldest first."""
    return list(session.exec(select(ApiKey).order_by(col(ApiKey.created_at), col(ApiKey.id))).all())


def find_key(*, session: Session, ident: str) -> ApiKey:
    """The key whose id (prefix) is ``ident``, or the only active key named ``ident``."""
    row = session.exec(select(ApiKey).where(ApiKey.prefix == ident)).first()
    if row is not None:
        return row
    named = session.exec(select(ApiKey).where(ApiKey.name == ident, col(ApiKey.revoked_at).is_(None))).all()
    if not named:
        raise NotFound(f"Aucune clé active d'id ou de nom « {ident} ».", key_id=ident)
    return named[0]


def revoke_key(*, session: Session, ident: str) -> ApiKey:
    """Revoke a key at once; a revoked key is kept (for the audit trail) but never accepted again."""
    row = find_key(session=session, ident=ident)
    if row.revoked_at is not None:
        raise Conflict(f"La clé {row.prefix} (« {row.name} ») est déjà révoquée.", key_id=row.prefix)
    row.revoked_at = utcnow()
    session.add(row)
    session.commit()
    session.refresh(row)
    with _verified_lock:
        _verified.pop((row.prefix, row.key_hash), None)
    return row


def authenticate(*, session: Session, key: str) -> ApiKey | None:
    """The active key row matching ``key``, or None (unknown, malformed or revoked)."""
    parsed = KEY_PATTERN.fullmatch(key.strip())
    if parsed is None:
        return None
    row = session.exec(select(ApiKey).where(ApiKey.prefix == parsed[1])).first()
    if row is None or row.revoked_at is not None:
        return None
    cache_key = (row.prefix, row.key_hash)
    fingerprint = hmac.new(_PEPPER, key.strip().encode(), hashlib.sha256).digest()
    with _verified_lock:
        known = _verified.get(cache_key)
    if known is None or not hmac.compare_digest(known, fingerprint):
        if not _matches(key.strip(), row):
            return None
        with _verified_lock:
            _verified[cache_key] = fingerprint
    now = utcnow()
    if row.last_used_at is None or now - row.last_used_at > TOUCH_INTERVAL:
        row.last_used_at = now
        session.add(row)
        session.commit()
        session.refresh(row)
    return row
