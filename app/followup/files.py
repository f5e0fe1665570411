"""Evidence files: type told by content (magic bytes), size limit, zip-bomb check for spreadsheets, SHA-256,
stored under the data directory by their hash. Never executed, never opened by the server beyond these
checks, served only as downloads.
"""

import hashlib
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.errors import InvalidInput, PayloadTooLarge, UnsupportedMediaType

# Accepted types: media type -> (label, file name extensions).
TYPES = {
    "application/pdf": ("PDF", (".pdf",)),
    "image/png": ("PNG", (".png",)),
    "image/jpeg": ("JPEG", (".jpg", ".jpeg")),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("XLSX", (".xlsx",)),
    "application/vnd.oasis.opendocument.spreadsheet": ("ODS", (".ods",)),
    "text/csv": ("CSV", (".csv",)),
}
ODS = "application/vnd.oasis.opendocument.spreadsheet"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A spreadsheet is a zip: refused when it would inflate beyond these (a few-kB "zip bomb" can hold gigabytes).
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
MAX_RATIO = 100
MAX_ENTRIES = 10_000
ACCEPTED = ", ".join(label for label, _ in TYPES.values())


@dataclass(frozen=True)
class StoredFile:
    """What the database keeps of a stored file."""

    filename: str
    media_type: str
    size: int
    sha256: str

    def as_dict(self) -> dict[str, Any]:
        return {"filename": self.filename, "media_type": self.media_type, "size": self.size, "sha256": self.sha256}


def _zip_type(data: bytes, max_uncompressed: int) -> str:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise UnsupportedMediaType(f"Archive illisible : {exc}.") from exc
    if len(infos) > MAX_ENTRIES:
        raise InvalidInput(f"Classeur refusé : {len(infos)} fichiers dans l'archive (au plus {MAX_ENTRIES}).")
    total = sum(info.file_size for info in infos)
    if total > max_uncompressed or total > MAX_RATIO * max(len(data), 1):
        raise InvalidInput(
            f"Classeur refusé : il se décompresserait en {size_label(total)} pour {size_label(len(data))} envoyés "
            f"(au plus {size_label(max_uncompressed)} et {MAX_RATIO} fois la taille du fichier) : archive piégée "
            "(« bombe zip ») ou anormale.",
            uncompressed_bytes=total,
        )
    names = {info.filename for info in infos}
    if "mimetype" in names and archive.read("mimetype").strip() == ODS.encode():
        return ODS
    if "[Content_Types].xml" in names and any(name.startswith("xl/") for name in names):
        return XLSX
    raise UnsupportedMediaType(f"Archive refusée : ni classeur XLSX ni classeur ODS. Types acceptés : {ACCEPTED}.")


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return False
    return True


def detect(data: bytes, filename: str, *, max_uncompressed: int = MAX_UNCOMPRESSED_BYTES) -> str:
    """The media type of an evidence file, told by its content and matching its name's extension."""
    if data.startswith(b"%PDF-"):
        media_type = "application/pdf"
    elif data.startswith(b"\x89PNG\r\n\x1a\n"):
        media_type = "image/png"
    elif data.startswith(b"\xff\xd8\xff"):
        media_type = "image/jpeg"
    elif data.startswith(b"PK\x03\x04"):
        media_type = _zip_type(data, max_uncompressed)
    elif filename.lower().endswith(".csv") and _is_text(data):
        media_type = "text/csv"
    else:
        raise UnsupportedMediaType(f"Type de fichier refusé : le contenu n'est pas un des types acceptés ({ACCEPTED}).")
    label, extensions = TYPES[media_type]
    if not filename.lower().endswith(extensions):
        raise UnsupportedMediaType(
            f"Le contenu est un fichier {label} mais son nom « {filename} » n'a pas l'extension attendue "
            f"({', '.join(extensions)})."
        )
    return media_type


def check(
    data: bytes, filename: str, *, max_bytes: int, max_uncompressed: int = MAX_UNCOMPRESSED_BYTES
) -> StoredFile:
    """Checks of an uploaded file: not empty, within ``max_bytes``, of an accepted type (a spreadsheet within
    ``max_uncompressed`` once inflated)."""
    if not data:
        raise InvalidInput("Fichier vide.")
    if len(data) > max_bytes:
        raise PayloadTooLarge(
            f"Fichier trop volumineux : {len(data) / 1024 / 1024:.1f} Mo (au plus {max_bytes / 1024 / 1024:.0f} Mo)."
            .replace(".", ","),
            max_bytes=max_bytes,
        )
    name = Path(filename.replace("\\", "/")).name.strip()[:255] or "justificatif"
    return StoredFile(filename=name, media_type=detect(data, name, max_uncompressed=max_uncompressed), size=len(data),
                      sha256=hashlib.sha256(data).hexdigest())


def path_of(folder: Path, sha256: str) -> Path:
    """Where a file of this hash is kept: ``folder/ab/abcdef…`` (no extension: nothing there is run)."""
    return folder / sha256[:2] / sha256


def store(folder: Path, data: bytes, stored: StoredFile) -> Path:
    """Write the file once (same content, same place), readable by its owner only."""
    path = path_of(folder, stored.sha256)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.write_bytes(data)
        partial.chmod(0o600)
        partial.replace(path)
    return path


def accept(upload: tuple[bytes, str] | None, folder: Path, *, max_bytes: int) -> dict[str, Any]:
    """An uploaded file (content, name) checked then stored in ``folder``: the columns that describe it
    (none without a file)."""
    if upload is None:
        return {}
    stored = check(upload[0], upload[1], max_bytes=max_bytes)
    store(folder, upload[0], stored)
    return stored.as_dict()


def size_label(size: int) -> str:
    """``12 ko``, ``1,5 Mo``."""
    if size < 1024 * 1024:
        return f"{max(size // 1024, 1)} ko"
    return f"{size / 1024 / 1024:.1f} Mo".replace(".", ",")

