"""CPV 2008 divisions (first two digits of a code) and their French labels.

Labels from shared/reference/cpv-divisions.md, close to the official French wording of regulation (EC)
213/2008. One table for matching, the supplier suggestions and the annual report.
"""

DIVISIONS: dict[str, str] = {
    "03": "Produits agricoles, de l'élevage, de la pêche, de la sylviculture et produits connexes",
    "09": "Produits pétroliers, combustibles, électricité et autres sources d'énergie",
    "14": "Produits d'exploitation minière, métaux de base et produits connexes",
    "15": "Produits alimentaires, boissons, tabac et produits connexes",
    "16": "Machines agricoles",
    "18": "Vêtements, articles chaussants, bagages et accessoires",
    "19": "Cuir et textiles, matériaux en plastique et en caoutchouc",
    "22": "Imprimés et produits connexes",
    "24": "Produits chimiques",
    "30": "Machines, matériel et fournitures informatiques et de bureau, excepté les meubles et logiciels",
    "31": "Machines, appareils, équipements et consommables électriques ; éclairage",
    "32": "Équipements de radio, de télévision, de communication, de télécommunication et équipements connexes",
    "33": "Matériels médicaux, pharmaceutiques et produits de soins personnels",
    "34": "Équipements de transport et produits auxiliaires pour le transport",
    "35": "Équipements de sécurité, de lutte contre l'incendie, de police et de défense",
    "37": "Instruments de musique, articles de sport, jeux, jouets, articles pour artisanat et travaux artistiques",
    "38": "Équipements de laboratoire, d'optique et de précision (excepté les lunettes)",
    "39": "Meubles, aménagements, appareils électroménagers (excepté l'éclairage) et produits de nettoyage",
    "41": "Eau collectée et purifiée",
    "42": "Machines industrielles",
    "43": "Machines pour l'exploitation minière et le travail des carrières, matériel de construction",
    "44": "Structures et matériaux de construction ; produits auxiliaires pour la construction",
    "45": "Travaux de construction",
    "48": "Logiciels et systèmes d'information",
    "50": "Services de réparation et d'entretien",
    "51": "Services d'installation (excepté les logiciels)",
    "55": "Services d'hôtellerie, de restauration et de commerce au détail",
    "60": "Services de transport (excepté le transport des déchets)",
    "63": "Services de transport complémentaires et auxiliaires ; services d'agences de voyages",
    "64": "Services des postes et télécommunications",
    "65": "Services publics (eau, gaz, électricité, chaleur)",
    "66": "Services financiers et d'assurance",
    "70": "Services immobiliers",
    "71": "Services d'architecture, de construction, d'ingénierie et d'inspection",
    "72": "Services de technologies de l'information : conseil, développement de logiciels, internet et appui",
    "73": "Services de recherche et développement et services de conseil connexes",
    "75": "Services de l'administration publique, de la défense et de la sécurité sociale",
    "76": "Services relatifs à l'industrie du pétrole et du gaz",
    "77": "Services agricoles, forestiers, horticoles, aquacoles et apicoles",
    "79": "Services aux entreprises : droit, marketing, conseil, recrutement, impression et sécurité",
    "80": "Services d'enseignement et de formation",
    "85": "Services de santé et services sociaux",
    "90": "Services d'évacuation des eaux usées, d'élimination des déchets, de nettoyage et services "
          "environnementaux",
    "92": "Services récréatifs, culturels et sportifs",
    "98": "Autres services communautaires, sociaux et personnels",
}


def division_label(code: str, *, default: str = "division inconnue") -> str:
    """French label of the division of ``code``, lower-cased to sit inside a sentence."""
    label = DIVISIONS.get(code[:2])
    return label[0].lower() + label[1:] if label else default
