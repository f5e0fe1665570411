"""The pure form helpers: clause text as HTML, previews, hints and the typed tender."""

from datetime import date
from decimal import Decimal

import pytest

from app.clauses.library import ClauseDoc
from app.web.forms import TenderForm, preview, text_html, variable_fields


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("Un\ndeux\n\nTrois", "<p>Un deux</p><p>Trois</p>"),
        ("Liste :\n- a\n- b\nsuite de b\n\nFin", "<p>Liste :</p><ul><li>a</li><li>b suite de b</li></ul><p>Fin</p>"),
        ("- seul", "<ul><li>seul</li></ul>"),
        ("<script>x</script> & \x01gras\x02", "<p>&lt;script&gt;x&lt;/script&gt; &amp; <strong class=\"valeur\">gras"
                                              "</strong></p>"),
    ],
)
def test_text_html(text: str, html: str) -> None:
    assert str(text_html(text)) == html


def clause(text: str, **variables: dict[str, object]) -> ClauseDoc:
    return ClauseDoc.model_validate({
        "id": "essai", "version": 1, "status": "active", "title": "Clause d'essai", "kind": "condition-execution",
        "document": "CCAP", "themes": ["insertion"], "decp_value": "Clause sociale", "legal_basis": ["CCP L2112-2"],
        "verification": [{"evidence": "Attestation", "when": "à la fin"}], "sources": ["essai"],
        "variables": variables, "text": text,
    })


def test_preview_marks_missing_and_bad_values_and_escapes_what_is_typed() -> None:
    doc = clause("{{ heures }} heures, {{ montant }}, {{ note }}.",
                 heures={"type": "integer", "label": "Heures", "min": 1, "max": 100},
                 montant={"type": "money", "label": "Montant"},
                 note={"type": "text", "label": "Note", "required": False})
    html = str(preview(doc, {"heures": "1 000", "montant": "12 500", "note": "<b>\x02x"}, {}))
    assert html == ('<p><strong class="valeur">[à corriger : Heures]</strong> heures, '
                    '<strong class="valeur">12\u00a0500</strong>, <strong class="valeur">&lt;b&gt;x</strong>.</p>')


def test_fields_show_units_bounds_defaults_and_errors() -> None:
    doc = clause("{{ taux }} {{ choix }}",
                 taux={"type": "percent", "label": "Taux", "min": 1, "max": 30, "default": 5, "help": "Aide."},
                 choix={"type": "choice", "label": "Choix", "choices": ["a", "b"], "default": "b"})
    taux, choix = variable_fields(doc, None, [])
    assert (taux.widget, taux.value, taux.unit, taux.inputmode) == ("number", "5", "%", "decimal")
    assert taux.hint == "Entre 1 et 30 %. Valeur par défaut : 5 %"
    assert (choix.widget, choix.value, choix.choices) == ("choice", "b", ["a", "b"])
    from app.clauses.values import ValueProblem

    typed = variable_fields(doc, {"taux": "50"}, [ValueProblem("taux", "Taux", "valeur supérieure au maximum (30)")])
    assert (typed[0].value, typed[0].error, typed[1].value) == ("50", "Valeur supérieure au maximum (30)", "")


def test_a_unit_agrees_with_the_value_it_follows() -> None:
    """French takes the singular for 0 and 1: « Valeur par défaut : 1 menu par semaine », « Au moins 1 jour ouvré »;
    a unit that is a symbol or an invariable word stays as written (« 1 mois », « 1 % »)."""
    doc = clause("{{ menus }} {{ delai }} {{ duree }} {{ part }}",
                 menus={"type": "integer", "label": "Menus", "min": 1, "max": 5, "default": 1,
                        "unit": "menus par semaine"},
                 delai={"type": "integer", "label": "Délai", "min": 1, "default": 10, "unit": "jours ouvrés"},
                 duree={"type": "integer", "label": "Durée", "max": 1, "default": 1, "unit": "mois"},
                 part={"type": "percent", "label": "Part", "default": 1})
    menus, delai, duree, part = variable_fields(doc, None, [])
    assert menus.hint == "Entre 1 et 5 menus par semaine. Valeur par défaut : 1 menu par semaine"
    assert delai.hint == "Au moins 1 jour ouvré. Valeur par défaut : 10 jours ouvrés"
    assert duree.hint == "Au plus 1 mois. Valeur par défaut : 1 mois"
    assert part.hint == "Entre 0 et 100 %. Valeur par défaut : 1 %"


def test_tender_is_typed_its_line_breaks_kept() -> None:
    tender = TenderForm(texte="  Nettoyage  des locaux :\r\n\n Lot 1 : mairie \n Lot 2 : écoles ", cpv="90911200-8",
                        montant="10 000,50", nature="services", date_lancement="21/08/2026", lieu=" Melun ").parse()
    assert tender is not None
    assert (tender.text, tender.cpv, tender.amount_eur, tender.nature, tender.launch_date, tender.place) == (
        "Nettoyage des locaux :\nLot 1 : mairie\nLot 2 : écoles", "90911200", Decimal("10000.50"), "services",
        date(2026, 8, 21), "Melun")
