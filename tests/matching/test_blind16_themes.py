"""Causes of theme-level misses found on the sixteenth blind set (tests/data/blind16_tenders.jsonl), each as a
general behaviour tried on other wordings than the set's:

- a mural painted by an artist (« fresque murale », street art) named no family but the restoration of heritage
  works, so the waste of the site came before the paints (substances-dangereuses) that the work puts on a wall."""

import pytest

from .support import object_ids, run


@pytest.mark.parametrize(("text", "cpv"), [
    ("Création d'une peinture murale sur le mur du skatepark avec les jeunes du quartier", None),
    ("STREET ART – DECORATION DU TRANSFORMATEUR ELECTRIQUE RUE DES ECOLES", None),
    ("Oeuvre murale pour le hall de la maison de santé", "92310000-7"),
])
def test_a_mural_ranks_the_paints_first(text: str, cpv: str | None) -> None:
    result = run(text, cpv=[cpv[:8]] if cpv else [])
    assert object_ids(result)[0] == "creation-murale", text
    assert result.matches[0].clause.themes[0] == "substances-dangereuses", text
