"""Helpers of the draft-check tests: drafts built like the evaluation set, the pure check, small PDFs."""

import importlib.util
import sys
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from app.checks.findings import CheckResult, Finding
from app.checks.reader import Draft
from app.config import PROJECT_ROOT

DRAFTS_DIR = PROJECT_ROOT / "tests" / "data" / "drafts"


def _module(path: Path, name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def drafts_module() -> ModuleType:
    """``scripts/make_drafts.py``: the builder of the evaluation drafts."""
    return _module(PROJECT_ROOT / "scripts" / "make_drafts.py", "make_drafts")


def build(blocks: list[tuple[str, Any]]) -> bytes:
    """A .docx of blocks ("title", "h1", "auto1", "p", "list", "numbered", "table", "header", "footer"…);
    "|" in a text splits runs."""
    return drafts_module().build(blocks)  # type: ignore[no-any-return]


@lru_cache
def _checker() -> Any:
    drafts_module()
    return _module(PROJECT_ROOT / "scripts" / "bench" / "check_quality.py", "check_quality").Checker()


def check(data: bytes, filename: str = "projet.docx", **given: Any) -> tuple[Draft, CheckResult]:
    """The pure check (built-in library and registry, no database) of a draft, dated 6 December 2026."""
    return _checker()(data, filename, given)  # type: ignore[no-any-return]


def check_blocks(blocks: list[tuple[str, Any]], **given: Any) -> CheckResult:
    return check(build(blocks), **given)[1]


def rules(result: CheckResult, category: str | None = None) -> list[str]:
    """The rules of the findings (of one category)."""
    return [f.rule for f in result.findings if category is None or f.category == category]


def finding(result: CheckResult, rule: str) -> Finding:
    return next(f for f in result.findings if f.rule == rule)


def pdf(pages: list[list[str]]) -> bytes:
    """A PDF with a text layer: one page per list of lines (Helvetica, WinAnsi so that accents survive)."""
    objects: list[bytes] = []
    kids = " ".join(f"{4 + 2 * i} 0 R" for i in range(len(pages)))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    for lines in pages:
        text = b"BT /F1 10 Tf 50 800 Td 14 TL " + b" ".join(
            b"(" + line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b") '"
            for line in lines
        ) + b" ET"
        number = len(objects) + 1
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {number + 1} 0 R >>".encode())
        objects.append(b"<< /Length " + str(len(text)).encode() + b" >>\nstream\n" + text + b"\nendstream")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
