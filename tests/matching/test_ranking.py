"""Ranking: the right themes first, typo tolerance, CPV boosts, diversity, generic clauses last, reasons."""

import pytest

from app.matching.ranking import RELEVANT, applies

from .support import first_themes, ids, library_index, run


@pytest.mark.parametrize(
    ("text", "cpv", "expected"),
    [
        ("Marché de nettoyage des locaux de la mairie et des écoles", [], {"insertion", "conditions-de-travail"}),
        ("Restauration scolaire : fabrication et livraison des repas de la cantine", [], {"alimentation-durable"}),
        ("Travaux de voirie 2025 : réfection de chaussée et trottoirs", [], {"insertion", "dechets-emballages"}),
        ("COL BLETTERANS EXTENSION INFIRMERIE ET ADAPTATIONS PMR LOT 01", ["45262660"],
         {"insertion", "handicap-accessibilite"}),
        ("Fourniture de vêtements de travail pour les agents", [], {"droits-humains-chaine"}),
        ("Acquisition de véhicules utilitaires électriques", [], {"vehicules-mobilite"}),
        ("Impression du magazine municipal", [], {"papier-impression"}),
        ("Entretien des espaces verts et fauchage des accotements", [], {"biodiversite-eau", "insertion"}),
        ("Fourniture de produits d'entretien", ["39830000"], {"ecolabels", "substances-dangereuses"}),
        ("Renouvellement du parc informatique : ordinateurs portables", [], {"numerique-responsable",
                                                                             "reemploi-recyclage"}),
        ("Fourniture de café et de thé", [], {"commerce-equitable"}),
        ("Isolation des combles et remplacement de la chaudière de l'école", [], {"energie-climat", "insertion"}),
    ],
)
def test_expected_themes_are_among_the_first_five(text: str, cpv: list[str], expected: set[str]) -> None:
    assert expected <= first_themes(run(text, cpv=cpv))


@pytest.mark.parametrize(
    ("text", "typo", "read_as"),
    [
        ("Marché de nettoyage des locaux", "Marché de netoyage des locaux", "nettoyage"),
        ("Achat de matériel informatique", "Achat de matériel infromatique", "informatique"),
        ("ENTRETIEN DES ESPACES VERTS", "ENTRETIEN DES ESAPCES VERTS", "espaces"),
        ("Restauration scolaire", "Restauraiton scolaire", "restauration"),
    ],
)
def test_a_misspelt_word_is_read_as_the_right_one(text: str, typo: str, read_as: str) -> None:
    right, wrong = run(text), run(typo)
    assert wrong.matches[0].clause.themes[0] == right.matches[0].clause.themes[0]
    assert first_themes(wrong, 3) & first_themes(right, 3)
    reasons = [reason for item in wrong.matches[:3] for reason in item.reasons]
    assert any(reason.startswith("correction : ") and f"lu comme « {read_as}" in reason for reason in reasons)


def test_names_and_known_words_are_not_corrected() -> None:
    index = library_index()
    assert index.correction("bletteran") is None
    assert run("Fauchage au profit de la Ville de Quimper").matches[0].reasons[-1:] != ["correction"]


def test_cpv_code_boosts_its_family_when_the_text_is_vague() -> None:
    vague = run("Prestations diverses 2025-2028")
    green = run("Prestations diverses 2025-2028", cpv=["77310000"])
    assert not vague.matches or vague.matches[0].clause.generic
    assert green.matches[0].clause.themes[0] == "biodiversite-eau"
    assert any(reason == "code CPV 77310000 : entretien des espaces verts" for reason in green.matches[0].reasons)


def test_cpv_prefix_of_a_clause_decides_between_variants_of_a_theme() -> None:
    works = run("Clause d'insertion", cpv=["45210000"])
    services = run("Clause d'insertion", cpv=["90911200"])
    assert ids(works)[0] == "insertion-heures-execution"
    assert ids(services)[0] == "insertion-heures-services-recurrents"


def test_a_clearly_named_family_outweighs_a_neighbouring_cpv_code() -> None:
    result = run("Impression du programme de la Fête", cpv=["79342200"])
    assert result.matches[0].clause.themes[0] == "papier-impression"


def test_first_clauses_cover_distinct_themes_before_repeating_one() -> None:
    result = run("Travaux de réhabilitation du groupe scolaire : isolation, menuiseries, accessibilité PMR")
    relevant = {theme for theme, level in result.themes.items() if level >= RELEVANT}
    firsts = [item.clause.themes[0] for item in result.matches[:4]]
    assert len(set(firsts)) == 4
    assert {"insertion", "energie-climat", "handicap-accessibilite", "dechets-emballages"} <= relevant


def test_a_penalty_never_opens_its_theme() -> None:
    for text in ("Marché de nettoyage des locaux", "Travaux de voirie", "Restauration scolaire",
                 "Fourniture de vêtements de travail"):
        seen: set[str] = set()
        for item in run(text, limit=30).matches:
            if item.clause.kind == "penalite":
                assert item.clause.themes[0] in seen, (text, item.clause.id)
            seen.update(item.clause.themes)


def test_generic_clauses_follow_the_specific_ones() -> None:
    result = run("Marché de nettoyage des locaux", limit=20)
    generic = [rank for rank, item in enumerate(result.matches) if item.clause.generic]
    specific_strong = [rank for rank, item in enumerate(result.matches) if not item.clause.generic and item.score >= 40]
    assert generic and specific_strong
    assert max(specific_strong) < min(generic)


def test_generic_environmental_clauses_when_nothing_specific_is_found() -> None:
    result = run("Assurance dommages aux biens et responsabilité civile")
    assert [item.clause.generic for item in result.matches[:4]] == [True, True, True, True]
    assert {item.clause.kind for item in result.matches[:2]} == {"condition-execution", "critere-attribution"}


def test_small_purchases_get_the_simplified_generic_clause() -> None:
    small = run("Assurance dommages aux biens", amount_eur=8_000)
    large = run("Assurance dommages aux biens", amount_eur=800_000)
    assert ids(small)[0] == "environnement-general-petits-achats"
    assert ids(large)[0] != "environnement-general-petits-achats"


def test_scores_are_percentages_in_proposal_order() -> None:
    result = run("Collecte des ordures ménagères et des encombrants", limit=50)
    scores = [item.score for item in result.matches]
    assert scores == sorted(scores, reverse=True)
    assert all(1 <= score <= 100 for score in scores)
    assert scores[0] >= 90


def test_reasons_name_the_words_the_code_and_the_obligation_in_french() -> None:
    result = run("Marché de nettoyage des locaux de la mairie", cpv=["90911200"], amount_eur=300_000)
    reasons = result.matches[0].reasons
    assert reasons[0].startswith("termes reconnus : nettoyage des locaux")
    assert "code CPV 90911200 : nettoyage de locaux" in reasons
    assert "obligation : Considération sociale ou relative à l'emploi dans les conditions d'exécution" in reasons


@pytest.mark.parametrize(
    ("clause_id", "nature", "amount", "caveat"),
    [
        ("alimentation-durable-menu-vegetarien", "fournitures", None, "prévue pour les marchés de services"),
        ("alimentation-durable-menu-vegetarien", "services", None, None),
        ("conditions-de-travail-vigilance", "services", 3_000, "prévue à partir de 5\u00a0000 € HT"),
        ("conditions-de-travail-vigilance", None, 5_000, None),
        ("insertion-heures-execution", "fournitures", 1.0, None),
    ],
)
def test_clause_meant_for_another_nature_or_amount_is_discounted(
    clause_id: str, nature: str | None, amount: float | None, caveat: str | None
) -> None:
    facts = next(facts for facts in library_index().clauses if facts.doc.id == clause_id)
    assert applies(facts, nature, amount) == ((0.5, caveat) if caveat else (1.0, None))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "cpv", "inferred"),
    [
        ("Nettoyage des locaux administratifs", [], ["90910000"]),
        ("Fourniture et acheminement d'électricité", [], ["09300000"]),
        ("Nettoyage des locaux administratifs", ["90911200"], []),
        ("Objet sans indice", [], []),
    ],
)
def test_cpv_codes_are_inferred_from_the_text_when_none_is_given(
    text: str, cpv: list[str], inferred: list[str]
) -> None:
    assert run(text, cpv=cpv).inferred_cpv[:1] == inferred


def test_limit_bounds_the_list_the_recommended_clauses_always_in_it() -> None:
    few, many = run("Travaux de voirie", limit=3), run("Travaux de voirie", limit=50)
    recommended = [item.clause.id for item in many.matches if item.recommended]
    assert len(recommended) > 3
    assert [item.clause.id for item in few.matches] == recommended  # the best others made room for them
    assert len(run("Travaux de voirie", limit=12).matches) == 12
    assert len(many.matches) > 12
