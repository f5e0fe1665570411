"""A family term whose other words the reading drops (« marché », « objet », « porte ») is read as its one remaining
word: « plaque de porte » took every « plaque », « marché forain » a « fête foraine », « objet publicitaire » any
« publicitaire ». Such terms are refused when the family files load unless the family names that word alone
(tests/matching/test_knowledge.py): « insertion » is now said a term of insertion services outright, and a press
insertion a longer term of communication. These are the texts they misread, in other wordings than the files."""

import pytest

from app.matching.detection import detect

from .support import library_index


def object_families(text: str) -> list[str]:
    """The families read as what the text buys, its head first."""
    return [family.id for family in detect(library_index(), text, [], None).object_families]


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        ("Fourniture de plaques de plâtre BA13 pour les ateliers", "materiaux-construction", "signalisation"),
        ("Location d'une plaque vibrante avec chauffeur pour le chantier du stade", None, "signalisation"),
        ("Plaques de cuisson à induction pour la cuisine du restaurant scolaire", None, "signalisation"),
        ("Insertions publicitaires dans les journaux régionaux", None, "insertion-qualification"),
        ("Fête foraine de la Saint-Jean : installation des manèges et des métiers forains", None,
         "gestion-marches-halles"),
        ("Gestion des marchés forains du samedi : placement des commerçants", "gestion-marches-halles", None),
        ("Achat d'objets publicitaires personnalisés au logo de l'agglomération", "objets-promotionnels", None),
        ("Marché réservé : services d'insertion socioprofessionnelle pour l'entretien des berges",
         "insertion-qualification", None),
        ("Organisation du marché de Noël 2027 sur la place de l'hôtel de ville", "evenementiel", None),
    ],
)
def test_a_word_left_alone_by_a_dropped_one_names_no_family(
    text: str, expected: str | None, not_expected: str | None,
) -> None:
    found = object_families(text)
    if expected is not None:
        assert expected in found, found
    if not_expected is not None:
        assert not_expected not in found, found
