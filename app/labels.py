"""The maintained list of labels and certifications (``supplier_data/labels.yaml``): the supplier registry's
labels and categories, and the spellings the text checks read as a named label. Pure: no FastAPI, no database.
"""

from pathlib import Path
from typing import Final, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from app.config import PROJECT_ROOT

LabelCategory = Literal["commerce-equitable", "environnement", "social", "qualite"]
LABELS_FILE: Final = PROJECT_ROOT / "supplier_data" / "labels.yaml"
LABEL_CATEGORIES: Final[dict[LabelCategory, str]] = {
    "commerce-equitable": "commerce équitable",
    "environnement": "environnement",
    "social": "social",
    "qualite": "qualité",
}


class Label(BaseModel):
    """A label as the file describes it."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=1)
    category: LabelCategory
    aliases: tuple[str, ...] = ()
    import_only: tuple[str, ...] = ()  # spellings with another meaning in a text (« Lucie »)
    checked: bool = True
    why_not_checked: str | None = None


class _LabelsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    labels: list[Label] = Field(min_length=1)


def read_labels(path: Path = LABELS_FILE) -> tuple[Label, ...]:
    """Every label of ``path``; a ValueError names what is wrong (a spelling given twice, a label left out of the
    text checks without its reason)."""
    try:
        labels = _LabelsFile.model_validate(yaml.safe_load(path.read_text(encoding="utf-8"))).labels
    except (ValidationError, yaml.YAMLError) as error:
        raise ValueError(f"{path} : {error}") from error
    seen: dict[str, str] = {}
    for label in labels:
        if label.checked == (label.why_not_checked is not None):
            raise ValueError(f"{path} : {label.name} : why_not_checked est requis avec checked: false, et seulement")
        for spelling in (label.name, *label.aliases, *label.import_only):
            key = " ".join(spelling.casefold().split())
            if key in seen:
                raise ValueError(f"{path} : « {spelling} » écrit deux fois ({seen[key]}, {label.name})")
            seen[key] = label.name
    return tuple(labels)


ALL_LABELS: Final = read_labels()
# Canonical name -> category, and every other spelling -> canonical name (the supplier registry).
LABELS: Final[dict[str, LabelCategory]] = {label.name: label.category for label in ALL_LABELS}
LABEL_ALIASES: Final[dict[str, str]] = {
    alias: label.name for label in ALL_LABELS for alias in (*label.aliases, *label.import_only)
}
# The spellings a text check reads as a named label.
CHECKED_SPELLINGS: Final[tuple[str, ...]] = tuple(
    spelling for label in ALL_LABELS if label.checked for spelling in (label.name, *label.aliases)
)
