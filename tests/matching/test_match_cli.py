"""``clausier match``: table and JSON output, bad arguments, and the lenient batch mode for free data."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from app.cli import cli
from app.matching.cli import lenient_request


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_json_output_is_the_api_response(cli_database: None) -> None:
    code, out, _ = invoke("match", "Fourniture de vêtements de travail", "--cpv", "18100000", "--amount", "30000",
                          "--limit", "3", "--json")
    assert code == 0
    body = json.loads(out)
    assert set(body) == {"matches", "obligations", "cautions", "inferred_cpv", "understood", "insertion"}
    assert len(body["matches"]) >= 3
    assert body["matches"][0]["themes"][0] == "droits-humains-chaine"
    assert body["matches"][0]["recommended"] is True
    assert body["understood"]["source"] == "formulaire"


def test_table_output_lists_clauses_and_obligations(cli_database: None) -> None:
    code, out, _ = invoke("match", "Restauration scolaire", "--amount", "300000", "--date", "2026-09-01")
    assert code == 0
    assert "Obligation : Produits durables et de qualité en restauration collective (EGalim)" in out
    assert "alimentation-durable" in out
    assert "CPV déduits du texte : 55520000" in out


def test_table_output_marks_the_recommended_clauses_and_says_what_it_read(cli_database: None) -> None:
    code, out, _ = invoke("match", "Construction d'un gymnase, 1,2 M€ HT, lot unique, 18 mois", "--date", "2026-09-01")
    assert code == 0
    assert "Objet reconnu : travaux de bâtiment" in out
    assert "Montant lu dans le texte : 1\u00a0200\u00a0000 € HT (« 1,2 M€ HT »)" in out
    assert "Lots : lot unique" in out
    assert "Durée lue dans le texte, reconductions comprises : 18 mois" in out
    hours = "Heures d'insertion proposées (insertion-heures-execution) : 1\u00a0200\u00a0000 € HT × 50 % × 5 % ÷ 30 €/h"
    assert hours in out
    row = next(line for line in out.splitlines() if "insertion-heures-execution" in line and "│" in line)
    assert row.split("│")[2].strip() == "✓"
    assert "clauses recommandées (✓) : cochées d'avance sur la page web." in out


def test_table_output_says_what_to_check_and_the_buyer_volume_brings_the_spaser(cli_database: None) -> None:
    code, out, _ = invoke("match", "Nettoyage des locaux", "--amount", "300000", "--date", "2026-09-01",
                          "--buyer-purchases", "60000000")
    assert code == 0
    assert "à vérifier : Le texte de l'article L2112-2-1" in out
    assert "Obligation : Schéma de promotion des achats socialement et écologiquement responsables" in out
    code, out, _ = invoke("match", "Nettoyage des locaux", "--amount", "300000", "--date", "2026-09-01")
    assert "SPASER" not in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        # The options as typed, not the API's field names (« cpv.0 », « text », « limit »).
        (("match", "Nettoyage", "--cpv", "1234"), "--cpv : code CPV « 1234 » invalide"),
        (("match", "   "), "texte du marché : texte vide"),
        (("match", "Nettoyage", "--limit", "0"), "--limit : valeur trop petite (minimum 1)"),
        (("match", "Nettoyage", "--date", "31/02/2026"), "--date : date attendue (AAAA-MM-JJ)"),
        (("match",), "Texte du marché manquant"),
        (("match", "Nettoyage", "--nature", "location"), "valeurs permises : travaux, fournitures ou services"),
    ],
)
def test_bad_arguments_fail_with_a_french_message(cli_database: None, args: tuple[str, ...], message: str) -> None:
    code, _, err = invoke(*args)
    assert code == 1
    assert message in err


@pytest.mark.parametrize(("typed", "amount"), [
    ("250 000", 250_000), ("12 500,50", 12_500.5), ("12\u00a0500,50", 12_500.5), ("1,9 M€", 1_900_000),
    ("300 k€", 300_000), ("880000", 880_000),
])
def test_amounts_are_read_as_an_officer_types_them(cli_database: None, typed: str, amount: float) -> None:
    """The amounts the web form takes (« 250 000 », « 12 500,50 ») were refused with « nombre attendu »."""
    code, out, err = invoke("match", "Nettoyage des écoles", "--amount", typed, "--buyer-purchases", typed,
                            "--limit", "1", "--json")
    assert code == 0, err
    assert json.loads(out)["understood"]["amount_eur"] == amount


@pytest.mark.parametrize(("typed", "message"), [
    ("abc", "« abc » n'est pas un nombre"), ("-5", "valeur inférieure au minimum (0)"),
])
def test_a_bad_amount_says_what_is_expected(cli_database: None, typed: str, message: str) -> None:
    code, _, err = invoke("match", "Nettoyage des écoles", "--amount", typed)
    assert code == 2
    flat = " ".join(err.replace("│", " ").split())
    assert message in flat and "par exemple 250 000 ou 12 500,50" in flat


def test_batch_answers_each_line_and_survives_messy_data(cli_database: None, tmp_path: Path) -> None:
    lines = [
        {"text": "enlèvement des déchets ménagers dangereux en déchetterie", "cpv": "INX 28213700-5",
         "amount_eur": 41971.97, "id": "2024 LOT 400", "core": ["dechets-emballages"]},
        {"text": "fourniture et acheminement d'électricité", "cpv": "9310000", "amount_eur": None},
        "not an object",
        {"text": "   "},
        {"text": "Impression du magazine", "cpv": ["79800000-2"], "amount_eur": "beaucoup", "nature": "autre"},
    ]
    source = tmp_path / "tenders.jsonl"
    source.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n{mal formé\n\n",
                      encoding="utf-8")
    code, out, err = invoke("match", "--batch", str(source))
    answers = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert "3 lignes en erreur." in err
    assert len(answers) == 6
    assert answers[0]["matches"][0]["themes"][:2] == ["dechets-emballages", "substances-dangereuses"]
    assert answers[1]["matches"][0]["clause_id"] == "energie-climat-electricite-renouvelable"
    assert answers[1]["matches"][0]["recommended"] is True  # the batch answers carry the recommendation
    assert answers[1]["understood"]["source"] is None
    assert [answer.get("status") for answer in answers] == [None, None, 422, 422, None, 422]
    assert answers[3]["errors"][0] == {"field": "text", "message": "texte vide : décrivez l'objet du marché"}
    assert answers[5]["detail"].startswith("ligne 6 : JSON mal formé")
    assert "ligne 1 : code CPV « INX 28213700-5 » ignoré : la division 28 n'existe pas" in err
    assert "ligne 2 : code CPV « 9310000 » lu comme 09310000 (zéro initial restauré)" in err
    assert "ligne 5 : montant « beaucoup » ignoré : nombre positif attendu" in err


def test_lenient_request_keeps_what_it_can() -> None:
    body, notes = lenient_request({"text": "Nettoyage", "cpv": ["90911200-8", "n/a"], "amount_eur": True,
                                   "nature": "services", "date": "01/09/2026", "limit": 3, "buyer": "X",
                                   "buyer_annual_purchases_eur": 7e7})
    assert body == {"text": "Nettoyage", "cpv": ["90911200"], "nature": "services", "limit": 3,
                    "buyer_annual_purchases_eur": 7e7}
    assert notes == [
        "code CPV « n/a » ignoré : aucun code à 8 chiffres",
        "montant « True » ignoré : nombre positif attendu",
        "date « 01/09/2026 » ignorée : AAAA-MM-JJ attendu",
    ]
