"""French normalisation: keys that ignore case, accents and plurals, lemmas, stop words, segments, modifiers."""

import pytest

from app.french import fold
from app.matching.text import analyse, phrase_keys, stem, word_keys, writes


@pytest.mark.parametrize(
    ("variants", "key"),
    [
        (("DECHETS", "déchets", "déchet", "Déchet"), "dechet"),
        (("ORDURES MENAGERES", "ordures ménagères", "ordure ménagère"), "ordur menag"),
        (("RÉSEAUX", "réseau", "reseaux"), "reseau"),
        (("locaux", "LOCAUX", "local"), "local"),
        (("ÉTANCHÉITÉ", "etancheite", "étanchéités"), "etancheit"),
        (("Véhicules électriques", "VEHICULE ELECTRIQUE"), "vehicul electriqu"),
    ],
)
def test_keys_ignore_case_accents_and_plural(variants: tuple[str, ...], key: str) -> None:
    for variant in variants:
        assert " ".join(token.key for token in analyse(variant)) == key, variant


@pytest.mark.parametrize(
    ("word", "lemma_key"),
    [("abris", "abri"), ("nettoyons", "nettoy"), ("chevaux", "cheval"), ("repeints", "repeint")],
)
def test_lemma_gives_a_second_key(word: str, lemma_key: str) -> None:
    assert lemma_key in word_keys(word)


def test_works_is_not_labour() -> None:
    assert word_keys("travaux")[0] != word_keys("travail")[0]


def test_fold_removes_accents_and_ligatures() -> None:
    assert fold("Œuvre ÉCOLE élève") == "oeuvre ecole eleve"
    assert stem("vehicules") == stem("vehicule") == "vehicul"


def test_stop_words_numbers_and_boilerplate_are_dropped() -> None:
    words = [token.surface for token in analyse("Accord-cadre pour le marché n° 12 de nettoyage, lot 3 : vitrerie")]
    assert words == ["nettoyage", "vitrerie"]


def test_words_after_pour_are_modifiers_until_the_next_separator() -> None:
    tokens = analyse("FOURNITURE DE SACS POUR LA COLLECTE DES ORDURES - LOT 2 : CONTENEURS")
    assert [(token.surface, token.modifier) for token in tokens] == [
        ("FOURNITURE", False), ("SACS", False), ("COLLECTE", True), ("ORDURES", True), ("CONTENEURS", False),
    ]


def test_dash_with_spaces_and_punctuation_start_a_new_segment_a_slash_coordinates() -> None:
    # « / » joins two words as « et » does (« Collecte/ remise du courrier », « démolition / reconstruction »).
    tokens = analyse("LOT 2 - PEINTURE / SOLS souples, rétro-réfléchissant")
    assert [token.segment for token in tokens] == [1, 1, 1, 2, 2]


def test_codes_with_digits_keep_their_letters_as_second_key() -> None:
    (token,) = analyse("RD12")
    assert (token.key, token.alt) == ("rd12", "rd")
    assert phrase_keys("papier A4") == (("papi", "a4"),)


def test_capitalised_names_inside_sentences_are_marked() -> None:
    tokens = analyse("Entretien des espaces verts de Quimper")
    assert [token.proper for token in tokens] == [False, False, False, True]


@pytest.mark.parametrize(
    ("text", "phrase", "expected"),
    [
        ("Marchés réservés aux ESAT", "marché réservé", True),
        ("5 % des heures réservées à des publics éloignés", "marché réservé", False),
        ("Critère unique du prix", "lot unique", False),
        ("Allotissement : LOT UNIQUE.", "lot unique", True),
        ("Le lot uniquement", "lot unique", False),
    ],
)
def test_writes_reads_a_phrase_word_for_word(text: str, phrase: str, expected: bool) -> None:
    assert writes(text, phrase) is expected
