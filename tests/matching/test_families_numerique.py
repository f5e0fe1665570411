"""Families of digital purchases that have their own clause: hosting and SaaS, equipment supplied with a
service, re-use of the buyer's discarded IT (issues #12 and #21)."""

import pytest

from .support import ids, run


@pytest.mark.parametrize(
    ("tender", "clause_id"),
    [
        ("Hébergement et infogérance du site internet et des applications de la mairie",
         "numerique-responsable-hebergement-sobre"),
        ("Abonnement à un logiciel de gestion des ressources humaines en mode SaaS",
         "numerique-responsable-hebergement-sobre"),
        ("Marché de services de téléphonie mobile et fourniture de terminaux",
         "numerique-responsable-equipements-services"),
        ("Location et maintenance de photocopieurs multifonctions pour les services municipaux",
         "numerique-responsable-equipements-services"),
        ("Reprise et reconditionnement du matériel informatique réformé de la commune",
         "numerique-responsable-reforme-materiels"),
        ("Acquisition d'ordinateurs portables et reprise de l'ancien parc informatique",
         "numerique-responsable-reforme-materiels"),
    ],
)
def test_a_tender_of_the_family_gets_its_clause(tender: str, clause_id: str) -> None:
    assert clause_id in ids(run(tender), 10)


@pytest.mark.parametrize(
    "tender",
    ["Fourniture de mobilier de bureau", "Travaux de réfection de voirie", "Impression du magazine municipal",
     "Restauration scolaire : fabrication des repas"],
)
def test_a_tender_of_another_family_does_not(tender: str) -> None:
    proposed = set(ids(run(tender)))
    assert not proposed & {"numerique-responsable-hebergement-sobre", "numerique-responsable-equipements-services",
                           "numerique-responsable-reforme-materiels"}
