"""Imports started from the web page run in a thread of the server; their page follows their progress.

The state lives in the serving process (``clausier serve`` is one process): a restart forgets the jobs
in progress, never the imports themselves, which are recorded in the database once done.
"""

import logging
import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final, Literal

from app.db import utcnow

KEPT_JOBS: Final = 100
logger = logging.getLogger(__name__)


@dataclass
class ImportJob:
    """One import started from the page: what it reads, how far it got, and how it ended."""

    kind: Literal["marches", "fournisseurs"]
    filename: str
    unit: Literal["octets", "lignes"]
    total: int = 0
    done: int = 0
    finished: bool = False
    outcome: dict[str, Any] | None = None  # the import's report, once written (or checked, for a dry run)
    error: str | None = None  # why the file was refused
    errors: list[dict[str, Any]] = field(default_factory=list)  # the refused lines
    error_count: int = 0
    started_at: datetime = field(default_factory=utcnow)
    id: str = field(default_factory=lambda: uuid.uuid4().hex)

    @property
    def percent(self) -> int | None:
        """How far the import got, when its size is known."""
        if self.finished:
            return 100
        return min(99, self.done * 100 // self.total) if self.total else None

    def progress(self, done: int, total: int | None = None) -> None:
        """Called by the import as it reads."""
        self.done = done
        if total is not None:
            self.total = max(total, done)

    def as_dict(self) -> dict[str, Any]:
        """What the page's script polls."""
        return {"finished": self.finished, "percent": self.percent, "done": self.done, "total": self.total,
                "unit": self.unit}


class ImportJobs:
    """The jobs of one server, the latest ``KEPT_JOBS`` kept."""

    def __init__(self) -> None:
        self._jobs: OrderedDict[str, ImportJob] = OrderedDict()
        self._lock = threading.Lock()

    def start(self, job: ImportJob, work: Callable[[ImportJob], None]) -> None:
        """Run ``work(job)`` in a thread; ``job.finished`` is set however it ends."""
        with self._lock:
            self._jobs[job.id] = job
            while len(self._jobs) > KEPT_JOBS:
                self._jobs.popitem(last=False)

        def run() -> None:
            try:
                work(job)
            except Exception:  # the page says it failed; the log says why
                logger.exception("import %s (%s) failed", job.id, job.filename)
                job.error = job.error or ("Erreur inattendue pendant l'import : rien n'a été enregistré. Réessayez, ou "
                                          "prévenez l'administrateur de Clausier.")
            finally:
                job.finished = True

        threading.Thread(target=run, name=f"import-{job.id[:8]}", daemon=True).start()

    def get(self, job_id: str) -> ImportJob | None:
        """A job by id (None when unknown or forgotten)."""
        with self._lock:
            return self._jobs.get(job_id)
