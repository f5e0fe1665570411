"""The name of a downloaded document, made from the reference or the tender's object an officer typed."""

import pytest

from app.documents.service import FILENAME_LENGTH, document_filename


@pytest.mark.parametrize(("reference", "expected"), [
    # « œ » and « æ » have no accent to drop: NFKD keeps them, and the ASCII filter used to delete them.
    ("Maison de santé en cœur de bourg", "clauses-Maison-de-sante-en-coeur-de-bourg.docx"),
    ("MAÎTRISE D'ŒUVRE – voirie", "clauses-MAITRISE-D-OEUVRE-voirie.docx"),
    ("Curriculum vitæ", "clauses-Curriculum-vitae.docx"),
])
def test_ligatures_are_spelled_out_in_the_filename(reference: str, expected: str) -> None:
    assert document_filename(reference) == expected


def test_a_long_object_is_cut_between_words() -> None:
    summary = ("Construction d'une maison de santé pluriprofessionnelle (R+1, 650 m² SU) en cœur de bourg : "
               "11 lots, démarrage prévu en mars")
    name = document_filename(summary)
    slug = name.removeprefix("clauses-").removesuffix(".docx")
    assert len(slug) <= FILENAME_LENGTH
    words = {"Construction", "d", "une", "maison", "de", "sante", "pluriprofessionnelle", "R", "1", "650", "m2",
             "SU", "en", "coeur", "bourg", "11", "lots", "demarrage", "prevu", "mars"}
    assert set(slug.split("-")) <= words, slug
