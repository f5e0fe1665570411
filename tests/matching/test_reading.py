"""Amounts, durations and lots read from a tender text: French number formats, M€ and k€, per year × years."""

import pytest

from app.matching.reading import Lot, object_lines, object_title, read_tender, without_other_lots


@pytest.mark.parametrize(
    ("text", "amount", "words"),
    [
        ("Construction d'un gymnase, 1,2 M€ HT.", 1_200_000, "1,2 M€ HT"),
        ("Estimation : 1.2 M€", 1_200_000, "1.2 M€"),
        ("Montant estimé : 880 000 € HT", 880_000, "880 000 € HT"),
        ("Montant estimé : 880\u00a0000 € HT", 880_000, "880 000 € HT"),
        ("Budget : 1.200.000 euros HT", 1_200_000, "1.200.000 euros HT"),
        ("environ 35 k€", 35_000, "35 k€"),
        ("environ 35 K€ HT", 35_000, "35 K€ HT"),
        ("2 millions d'euros", 2_000_000, "2 millions d'euros"),
        ("12 500,50 € HT", 12_500.5, "12 500,50 € HT"),
        ("minimum 10 000 € HT et maximum 50 000 € HT", 50_000, "50 000 € HT"),
    ],
)
def test_total_amounts_in_french_formats(text: str, amount: float, words: str) -> None:
    reading = read_tender(text)
    assert (reading.amount_eur, reading.amount_text) == (amount, words)


@pytest.mark.parametrize(
    ("text", "amount", "annual", "years"),
    [
        ("Entretien des espaces verts, 60 000 € HT par an sur 4 ans.", 240_000, 60_000, 4),
        ("60 000 €/an × 4 ans", 240_000, 60_000, 4),
        ("3 ans, env. 48 000 € HT/an", 144_000, 48_000, 3),
        ("1 an reconductible 3 fois, maxi 70 000 € HT/an", 280_000, 70_000, 4),
        ("Accord-cadre de deux ans renouvelable une fois, 45 000 € HT annuels", 180_000, 45_000, 4),
        ("5 000 € HT par mois pendant 2 ans", 120_000, 60_000, 2),
        ("Contrat de 18 mois, 10 000 € HT par an", 15_000, 10_000, 1.5),
        # Renewals abbreviated or written as a sum.
        ("1 an recond. 2 fois, ~30 k€ HT/an", 90_000, 30_000, 3),
        ("AC 1 an + 2 reconductions, maxi 40 000 € HT/an", 120_000, 40_000, 3),
        ("Marché d'un an + 1 renouvellement, 20 000 € HT par an", 40_000, 20_000, 2),
        ("2 ans + 2 x 1 an, env. 100 k€ HT/an", 400_000, 100_000, 4),
        ("1 an + 3 × 6 mois, 12 000 € HT par an", 30_000, 12_000, 2.5),
    ],
)
def test_an_amount_per_year_is_multiplied_by_the_duration(text: str, amount: float, annual: float,
                                                          years: float) -> None:
    reading = read_tender(text)
    assert (reading.amount_eur, reading.annual_amount_eur, reading.years) == (amount, annual, years)
    assert " × " in (reading.amount_text or "")


def test_an_amount_per_year_without_duration_counts_one_year_and_says_so() -> None:
    reading = read_tender("Maintenance des ascenseurs, 20 000 € HT par an, garantie 2 ans")
    assert (reading.amount_eur, reading.years) == (20_000, None)  # a warranty is not the contract's duration
    assert reading.notes == ["montant annuel, durée non lue : le montant d'une année est retenu"]


@pytest.mark.parametrize(
    ("text", "nature", "note"),
    [
        ("Repas livrés à 3,50 € par repas, 4 ans", None,
         "« 3,50 € par repas » : prix unitaire, pas le montant du marché"),
        ("Maîtrise d'œuvre ; montant des travaux estimé à 1,1 M€ HT", "services",
         "« 1,1 M€ HT » : montant des travaux, pas celui du marché"),
        ("AMO ; enveloppe prévisionnelle des travaux : 2,3 M€ HT", None,
         "« 2,3 M€ HT » : montant des travaux, pas celui du marché"),
    ],
)
def test_unit_prices_and_works_budgets_are_not_the_amount(text: str, nature: str | None, note: str) -> None:
    reading = read_tender(text, nature)  # type: ignore[arg-type]
    assert reading.amount_eur is None
    assert reading.notes == [note]


def test_the_budget_of_a_works_contract_is_its_amount() -> None:
    assert read_tender("Montant des travaux estimé à 1,1 M€ HT", "travaux").amount_eur == 1_100_000


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Construction d'une maison de santé : 11 lots, 14 mois de travaux", 11),
        ("Marché alloti en trois lots", 3),
        ("Nettoyage des écoles, lot unique, 4 ans", 1),
        ("Marché non alloti", 1),
        ("Nettoyage des locaux, 3 ans, allotissement en 2 lots", 2),  # « allotissement » is not « lotissement »
        ("Voirie du lotissement des Prés, 12 lots à bâtir", None),
        ("Viabilisation d'un lotissement communal de 28 lots", None),  # plots of land, not lots of the contract
        ("COL BLETTERANS EXTENSION INFIRMERIE LOT 01", None),  # this contract is a lot of a larger operation
        ("Entretien des espaces verts", None),
    ],
)
def test_lot_count(text: str, count: int | None) -> None:
    reading = read_tender(text)
    assert reading.lot_count == count


def test_named_lots_are_listed_and_become_lines_of_the_object() -> None:
    text = ("Assurances de la commune 2027-2031 : lot 1 dommages aux biens (68 bâtiments), lot 2 responsabilité "
            "civile générale, lot n° 3 – protection juridique des agents. Effet au 1er janvier 2027, 5 ans.")
    reading = read_tender(text)
    assert reading.lots == [Lot(1, "dommages aux biens (68 bâtiments)"), Lot(2, "responsabilité civile générale"),
                            Lot(3, "protection juridique des agents")]
    assert reading.lot_count == 3
    assert object_lines(text).splitlines() == [
        "Assurances de la commune 2027-2031 :", "Lot 1 : dommages aux biens (68 bâtiments)",
        "Lot 2 : responsabilité civile générale", "Lot 3 : protection juridique des agents",
        "Effet au 1er janvier 2027, 5 ans.",
    ]


def test_the_duration_and_amount_written_after_the_last_lot_are_the_contract_s_not_the_lot_s() -> None:
    text = "Ménage des crèches : lot 1 crèche des Tilleuls, lot 2 multi-accueil du centre, 4 ans, 96 000 € HT."
    reading = read_tender(text)
    assert reading.lots == [Lot(1, "crèche des Tilleuls"), Lot(2, "multi-accueil du centre")]
    assert (reading.amount_eur, reading.years) == (96_000, 4)
    assert object_lines(text).splitlines() == [
        "Ménage des crèches :", "Lot 1 : crèche des Tilleuls", "Lot 2 : multi-accueil du centre", "4 ans, 96 000 € HT.",
    ]
    # A count that is the lot's own words stays; so does the amount of the last lot when each lot states one.
    assert read_tender("Mobilier : lot 1 bureaux, lot 2 armoires, 12 salles").lots[1] == Lot(2, "armoires, 12 salles")
    assert read_tender("Voirie : lot 1 enrobés (45 000 € HT), lot 2 signalisation, 30 000 € HT").lots[1] == Lot(
        2, "signalisation, 30 000 € HT")


@pytest.mark.parametrize(
    ("text", "reserved"),
    [
        ("Propreté : lot 1 gymnases, lot 2 stades réservé aux SIAE", [2]),
        ("Propreté : lot 1 gymnases, lot 2 stades, lot 3 piscine ; le lot 3 est réservé aux EA.", [3]),
        ("Propreté : lot 1 gymnases, lot 2 stades, lot 3 piscine. La ville veut réserver les lots 1 et 3.", [1, 3]),
        ("Voyages : lot 1 réservation de billets de train, lot 2 hébergement", []),
        ("Propreté : lot 1 gymnases, lot 2 stades", []),
    ],
)
def test_the_lots_the_text_reserves(text: str, reserved: list[int]) -> None:
    assert [lot.number for lot in read_tender(text).lots if lot.reserved] == reserved


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Propreté des stades (tonte), 2 lots : lot 1 nord, lot 2 sud, 3 ans", "Propreté des stades (tonte)"),
        ("Entretien des bâtiments en 3 lots :\nLot 1 : nettoyage\nLot 2 : peinture", "Entretien des bâtiments"),
        ("Voirie - 2 lots - lot 1 enrobés, lot 2 signalisation", "Voirie"),
        ("Nettoyage des locaux, 3 ans, 90 000 € HT", "Nettoyage des locaux, 3 ans, 90 000 € HT"),
        ("Marché de 2 lots", "Marché de 2 lots"),
    ],
)
def test_the_title_of_a_summary_stops_before_its_lots(text: str, title: str) -> None:
    assert object_title(text) == title


def test_lots_already_one_per_line_are_kept_as_written() -> None:
    text = "Travaux de la mairie :\nLot 1 : Gros œuvre\nLot 2 : Charpente"
    assert read_tender(text).lots == [Lot(1, "Gros œuvre"), Lot(2, "Charpente")]
    assert object_lines(text) == text
    assert object_lines("Nettoyage des locaux") == "Nettoyage des locaux"


def test_an_amount_written_with_tax_is_brought_back_to_the_amount_without_tax_and_says_so() -> None:
    reading = read_tender("Feu d'artifice du 14 juillet, 2 ans, 12 000 € TTC par an.")
    assert (reading.amount_eur, reading.annual_amount_eur) == (20_000, 10_000)
    assert any("TTC" in note and "20 %" in note for note in reading.notes)
    assert read_tender("Montant : 12 000 € HT").notes == []


def test_a_price_per_issue_with_issues_a_year_but_no_duration_gives_one_year() -> None:
    reading = read_tender("Impression du bulletin municipal, 6 numéros par an, env. 3 500 € HT par numéro.")
    assert (reading.amount_eur, reading.annual_amount_eur) == (21_000, 21_000)
    assert reading.notes == ["montant annuel, durée non lue : le montant d'une année est retenu"]


@pytest.mark.parametrize(
    ("text", "amount", "annual", "words"),
    [
        ("Jouets pour la crèche, budget annuel d'env. 12 000 € HT, 3 ans.", 36_000, 12_000, "12 000 € HT × 3 ans"),
        ("Montant annuel : 20 000 € HT ; durée 4 ans.", 80_000, 20_000, "20 000 € HT × 4 ans"),
        ("Location de 12 copieurs, loyer annuel estimé 9 000 € HT, 5 ans.", 45_000, 9_000, "9 000 € HT × 5 ans"),
        ("Magazine municipal, 10 numéros/an, 1 an reconductible 2 fois, env. 4 000 € HT par numéro.", 120_000,
         40_000, "4 000 € HT par numéro × 10 numéros/an × 3 ans"),
        ("Lettre d'information : 4 parutions par an, 2 500 € HT la parution, 2 ans.", 20_000, 10_000,
         "2 500 € HT la parution × 4 parutions par an × 2 ans"),
    ],
)
def test_a_years_amount_from_the_words_before_it_or_a_unit_price_times_units_a_year(
        text: str, amount: float, annual: float, words: str) -> None:
    reading = read_tender(text)
    assert (reading.amount_eur, reading.annual_amount_eur, reading.amount_text) == (amount, annual, words)


def test_a_unit_price_without_a_yearly_count_stays_a_unit_price() -> None:
    reading = read_tender("Portage de repas, 7,80 € HT par repas, env. 110 repas par jour, 3 ans.")
    assert reading.amount_eur is None
    assert any("prix unitaire" in note for note in reading.notes)


def test_a_lot_is_matched_without_the_other_lots_words() -> None:
    """Each lot of a file is matched on its title and the summary: the other lots' words would read as bought in it
    too (a painting lot of a services consultation took the cleaning lot's insertion clause)."""
    text = ("Entretien des bâtiments communaux en 3 lots :\nLot 1 : nettoyage des locaux\n"
            "Lot 2 : entretien des espaces verts\nLot 3 : travaux de peinture intérieure")
    assert " ".join(without_other_lots(text, 3).split()) == (
        "Entretien des bâtiments communaux en 3 lots : Lot 3 : travaux de peinture intérieure")
    inline = ("Espaces verts, 2 lots : lot 1 secteur nord, lot 2 secteur sud réservé à une structure d'insertion, "
              "3 ans, 240 000 € HT")
    assert without_other_lots(inline, 1) == "Espaces verts, 2 lots : lot 1 secteur nord, , 3 ans, 240 000 € HT"
    assert "réservé" in without_other_lots(inline, 2) and "nord" not in without_other_lots(inline, 2)
    assert without_other_lots("Nettoyage de la mairie, 60 000 € HT", 1) == "Nettoyage de la mairie, 60 000 € HT"
