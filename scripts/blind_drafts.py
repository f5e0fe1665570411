"""Blind evaluation drafts of the draft check (issue 17): seventy-four drafts on objects absent from the first set, in
eleven batches (b01–b12, c01–c08, d01–d06, e01–e08, f01–f08, g01–g06, h01–h05, i01–i05, j01–j05, k01–k05, l01–l06),
each committed before the check was run on it; written the way buyers write (« Article 7 – … », « 7.2.1 », Word
numbering, tables, headers and footers, all-caps headings, typed « - » and « 1° » lists, lettered paragraphs « a) »,
Word footnotes, « TITRE » and « CHAPITRE » parts, a typed table of contents, the ATTRI1 form's lettered sections with
tick boxes, « pouvoir adjudicateur », « titulaire / prestataire / cocontractant / délégataire », a non-lawyer's
run-on sentences, English-influenced wording), labelled with the first set's conventions before the check was ever
run on them.
Written by ``scripts/make_drafts.py --blind`` into tests/data/drafts-blind/.
"""

from typing import Any

from make_drafts import draft

BLIND: list[dict[str, Any]] = []
NONE_SOCIAL = ["Pas de considération sociale"]
NONE_ENV = ["Pas de considération environnementale"]
CCAG_FCS_2021 = ("Le cahier des clauses administratives générales des marchés publics de fournitures courantes et de "
                 "services, approuvé par l'arrêté du 30 mars 2021.")


def blind(file: str, blocks: list[Any], expected: list[dict[str, str]], decp: dict[str, list[str]]) -> None:
    draft(file, blocks, expected, decp, into=BLIND)


# B1. RC déneigement: weighted table, L2123-1 basis (current), an old « C.M.P. » article, vigilance by D. 8222-5.
blind("b01-rc-deneigement.docx", [
    ("header", "Commune des Hauts-Prés – Règlement de la consultation – Déneigement 2026-2030"),
    ("title", "REGLEMENT DE LA CONSULTATION"),
    ("p", "Déneigement et salage des voies communales"),
    ("bold", "ARTICLE 1 – OBJET ET ÉTENDUE DE LA CONSULTATION"),
    ("p", "La présente consultation concerne le déneigement et le salage préventif et curatif des 42 km de voies "
          "communales. Montant estimé : 120 000 € HT pour la durée totale de l'accord-cadre. Date d'envoi de "
          "l'avis à la publication : 14/09/2026."),
    ("bold", "ARTICLE 2 – PROCÉDURE"),
    ("p", "Le présent marché est passé en application des articles L2123-1 et R2123-1 1° du code de la commande "
          "publique (procédure adaptée). Les variantes ne sont pas autorisées."),
    ("p", "Le pouvoir adjudicateur se réserve la possibilité de négocier avec les trois candidats ayant présenté les "
          "meilleures offres, conformément à l'art. 28 du C.M.P."),
    ("bold", "ARTICLE 5 – JUGEMENT DES OFFRES"),
    ("p", "Le jugement des offres sera effectué dans les conditions prévues aux articles R2152-1 et suivants du "
          "code de la commande publique, selon les critères pondérés ci-dessous :"),
    ("table", [["Critères", "Pondération"], ["1 – Prix des prestations (bordereau de prix unitaires)", "60 %"],
               ["2 – Valeur technique (moyens matériels, délai de mobilisation)", "30 %"],
               ["3 – Performance environnementale (nature des fondants, modulation du dosage)", "10 %"]]),
    ("bold", "ARTICLE 6 – ATTRIBUTION"),
    ("p", "L'attributaire pressenti produit, dans un délai de huit jours, les pièces mentionnées aux articles "
          "D. 8222-5 ou D. 8222-7 et D. 8254-2 à D. 8254-5 du code du travail."),
], [
    {"rule": "reference-perimee", "ref": "CMP 2006", "at": "C.M.P."},
    {"rule": "present-critere-environnemental", "at": "nature des fondants"},
    {"rule": "present-vigilance", "at": "D. 8222-5"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Critère environnemental"]})

# B2. CCAP maintenance des ascenseurs: « 7.2.1 » headings, penalties fixed « à l'article 14 ci-après », a penalty
# « encourue » without amount, the repealed L8222-6 wording, environmental conditions in words of the trade.
blind("b02-ccap-maintenance-ascenseurs.docx", [
    ("header", "CCAP – Maintenance des ascenseurs et monte-charges"),
    ("footer", "Marché n° 26-ASC-04 – CCAP – page 1/6"),
    ("title", "Cahier des Clauses Administratives Particulières"),
    ("bold", "Article 1 – Objet du marché"),
    ("p", "Le présent marché de services a pour objet la maintenance préventive et corrective des 14 ascenseurs et "
          "2 monte-charges des bâtiments communaux. Montant estimé : 180 000 € HT sur quatre ans. Date d'envoi de "
          "l'avis à la publication : 28/09/2026."),
    ("bold", "Article 3 – Pièces contractuelles"),
    ("numbered", ["L'acte d'engagement et ses annexes ;", "Le présent CCAP ;", "Le CCTP et ses annexes ;",
                  CCAG_FCS_2021]),
    ("bold", "Article 7 – Conditions d'exécution"),
    ("bold", "7.2 Interventions"),
    ("bold", "7.2.1 Délais d'intervention"),
    ("p", "Le prestataire intervient dans un délai de quatre heures en cas de personne bloquée en cabine. Les "
          "pénalités pour retard d'intervention sont fixées à l'article 14 ci-après."),
    ("bold", "7.2.2 Pièces, huiles et déchets"),
    ("p", "Les huiles usagées, les pièces remplacées et leurs emballages sont repris par le titulaire et remis à des "
          "filières de traitement agréées ; le titulaire transmet les bordereaux de suivi des déchets à chaque "
          "visite. Les graisses et lubrifiants employés sont biodégradables."),
    ("bold", "Article 10 – Obligations sociales"),
    ("p", "Le titulaire remet au pouvoir adjudicateur, à la notification puis tous les six mois jusqu'à la fin de "
          "l'exécution, les documents prévus à l'article D.8222-5 du code du travail."),
    ("p", "Conformément aux dispositions de l'article L.8222-6 du Code du travail, le titulaire qui méconnaît ses "
          "obligations se voit appliquer une pénalité, dans la limite de 10 % du montant du marché."),
    ("bold", "Article 14 – Pénalités"),
    ("p", "14.1 Pour tout retard d'intervention, le titulaire encourt une pénalité de 80 € HT par heure de retard."),
    ("p", "14.2 En cas de non-remise du rapport annuel d'état des appareils, le titulaire encourt des pénalités."),
], [
    {"rule": "reference-perimee", "ref": "C. trav. L8222-6 (rédaction 2011)", "at": "L.8222-6"},
    {"rule": "penalite-sans-montant", "at": "rapport annuel"},
    {"rule": "present-clause-environnementale", "at": "huiles usagées"},
    {"rule": "present-vigilance", "at": "D.8222-5"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# B3. DCE fournitures scolaires (RC + CCTP), accord-cadre à bons de commande: one criterion without weight,
# labels « PEFC ou FSC » without equivalent, labels in the bid form's guidance (lawful), a share of deliveries.
blind("b03-dce-fournitures-scolaires.docx", [
    ("header", "Ville de Roncières – DCE fournitures scolaires"),
    ("title", "Règlement de la consultation"),
    ("p", "Fourniture et livraison de fournitures scolaires pour les écoles maternelles et élémentaires"),
    ("h1", "Article 1 – Objet"),
    ("p", "Accord-cadre mono-attributaire à bons de commande, passé en procédure adaptée. Montant maximum : "
          "160 000 € HT sur la durée de l'accord-cadre. Date d'envoi de l'avis à la publication : 12/10/2026."),
    ("h1", "Article 4 – Contenu de l'offre"),
    ("p", "Le candidat complète le bordereau des prix unitaires. Dans la colonne « Label ou preuve », il indique, le "
          "cas échéant, le label détenu par le produit, à titre d'exemple NF Environnement ou l'Ange bleu, ou tout "
          "autre moyen de preuve équivalent."),
    ("h1", "Article 6 – Critères de jugement des offres"),
    ("numbered", ["Prix des fournitures, apprécié sur le détail quantitatif estimatif : 55 points",
                  "Qualité des produits au vu des échantillons : 30 points",
                  "Performance environnementale des fournitures (part de matières recyclées, réduction des "
                  "emballages) : 15 points",
                  "Délai de livraison des commandes urgentes"]),
    ("title", "Cahier des clauses techniques particulières"),
    ("h1", "Article 2 – Caractéristiques des fournitures"),
    ("p", "Les cahiers, les copies et le papier à dessin devront être certifiés PEFC ou FSC."),
    ("h1", "Article 3 – Produits recyclés"),
    ("p", "Le titulaire garantit qu'au moins 30 % des fournitures livrées sont issues de matières recyclées."),
], [
    {"rule": "critere-sans-ponderation", "at": "Délai de livraison"},
    {"rule": "label-sans-equivalent", "at": "certifiés PEFC ou FSC"},
    {"rule": "obligation-resultat-bons-de-commande", "at": "30 % des fournitures livrées"},
    {"rule": "vigilance-documents-manquants"},
    {"rule": "present-critere-environnemental", "at": "Performance environnementale des fournitures"},
    {"rule": "present-clause-environnementale", "at": "certifiés PEFC ou FSC"},
    {"rule": "present-clause-environnementale", "at": "issues de matières recyclées"},
], {"considerationsSociales": NONE_SOCIAL,
    "considerationsEnvironnementales": ["Clause environnementale", "Critère environnemental"]})

# B4. CCAP travaux de voirie with Word automatic numbering: CCAG Travaux of 2009 written out, a penalty table row
# without amount, quarries « du département », a label « titulaires du label PEFC », recycled aggregates.
blind("b04-ccap-travaux-voirie.docx", [
    ("header", "CCAP – Travaux de voirie – Programme 2027"),
    ("title", "Cahier des clauses administratives particulières"),
    ("p", "Travaux de réfection de chaussées et de trottoirs – programme 2027"),
    ("auto1", "Objet du marché"),
    ("p", "Le présent marché de travaux porte sur la réfection des chaussées et trottoirs de la commune. Montant "
          "estimé : 1 200 000 € HT. Date d'envoi de l'avis à la publication : 05/11/2026."),
    ("auto1", "Pièces constitutives"),
    ("p", "Le cahier des clauses administratives générales applicables aux marchés publics de travaux, approuvé par "
          "l'arrêté du 8 septembre 2009, s'applique pour tout ce qui n'est pas réglé par le présent CCAP."),
    ("auto1", "Matériaux"),
    ("auto2", "Enrobés"),
    ("p", "Les enrobés bitumineux mis en œuvre intègrent au moins 20 % d'agrégats d'enrobés recyclés issus du "
          "rabotage des chaussées."),
    ("auto2", "Granulats"),
    ("p", "Les granulats proviendront exclusivement de carrières situées dans le département."),
    ("auto2", "Bois"),
    ("p", "Les bois utilisés pour les coffrages et le mobilier urbain sont titulaires du label PEFC."),
    ("auto1", "Clause sociale d'insertion"),
    ("p", "L'entreprise réalise au moins 700 heures de travail au bénéfice de personnes en insertion "
          "professionnelle, avec l'appui du facilitateur désigné par le maître d'ouvrage."),
    ("auto1", "Obligations sociales et documents à remettre"),
    ("p", "Le titulaire remet lors de la signature puis tous les 6 mois les attestations URSSAF de fourniture des "
          "déclarations sociales."),
    ("auto1", "Pénalités"),
    ("table", [["Manquement", "Montant de la pénalité"],
               ["Retard dans l'achèvement des travaux", "1/3000 du montant du marché par jour calendaire"],
               ["Absence à une réunion de chantier", "150 € HT par absence"],
               ["Non-remise du schéma d'organisation et de gestion des déchets", "Pénalité forfaitaire"]]),
], [
    {"rule": "reference-perimee", "ref": "CCAG-Travaux 2009", "at": "8 septembre 2009"},
    {"rule": "penalite-sans-montant", "at": "Pénalité forfaitaire"},
    {"rule": "preference-locale", "at": "carrières situées dans le département"},
    {"rule": "label-sans-equivalent", "at": "titulaires du label PEFC"},
    {"rule": "present-clause-environnementale", "at": "agrégats d'enrobés recyclés"},
    {"rule": "present-clause-environnementale", "at": "titulaires du label PEFC"},
    {"rule": "present-insertion", "at": "700 heures"},
    {"rule": "present-vigilance", "at": "attestations URSSAF"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# B5. CCTP téléphonie mobile: TCO required without equivalent, « démarche RSE » required, CMP art. 6, no social
# consideration above the EU threshold.
blind("b05-cctp-telephonie.docx", [
    ("title", "C.C.T.P."),
    ("p", "Services de téléphonie mobile et fourniture de terminaux"),
    ("h1", "1. Objet du marché"),
    ("p", "Le présent cahier définit les prestations de téléphonie mobile (forfaits voix et données) et la "
          "fourniture de 350 terminaux. Montant estimé : 300 000 € HT sur quatre ans."),
    ("h1", "2. Terminaux"),
    ("h2", "2.1 Caractéristiques"),
    ("p", "Les smartphones proposés seront certifiés TCO Certified Edge."),
    ("h2", "2.2 Reprise des terminaux"),
    ("p", "Le titulaire reprend les terminaux usagés de la collectivité en vue de leur réemploi ou de leur "
          "reconditionnement ; les terminaux non réutilisables sont recyclés par une filière agréée."),
    ("h1", "3. Exigences à l'égard du titulaire"),
    ("p", "Le titulaire justifie de sa démarche RSE et de son engagement en faveur de la sobriété numérique, "
          "conformément à l'article 6 du Code des marchés publics."),
], [
    {"rule": "label-sans-equivalent", "at": "TCO Certified Edge"},
    {"rule": "present-clause-environnementale", "at": "TCO Certified Edge"},
    {"rule": "politique-generale", "at": "démarche RSE"},
    {"rule": "reference-perimee", "ref": "CMP 2006 art. 6", "at": "article 6 du Code des marchés publics"},
    {"rule": "social-condition-manquante"},
    {"rule": "present-clause-environnementale", "at": "réemploi"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# B6. AE formation: three outdated texts in their 2015/2016 and 2009 spellings.
blind("b06-ae-formation.docx", [
    ("title", "ACTE D'ENGAGEMENT"),
    ("p", "Formation des agents à la sécurité incendie et aux premiers secours"),
    ("bold", "A – Objet de l'acte d'engagement"),
    ("p", "Le présent acte d'engagement concerne des actions de formation des agents municipaux. Montant du "
          "marché : 40 000 € HT. Il est établi en application de l'article 27 du décret du 25 mars 2016."),
    ("bold", "B – Engagement du titulaire"),
    ("p", "Après avoir pris connaissance du CCAP, du CCTP et du CCAG-PI du 16 septembre 2009, le cocontractant "
          "s'engage à exécuter les prestations aux prix indiqués ci-dessous."),
    ("p", "Le cocontractant affirme, sous peine de résiliation du marché à ses torts exclusifs, ne pas tomber sous "
          "le coup des interdictions de soumissionner découlant des articles 45 et 48 de l'ordonnance du 23 juillet "
          "2015."),
], [
    {"rule": "reference-perimee", "ref": "Décret 2016-360", "at": "décret du 25 mars 2016"},
    {"rule": "reference-perimee", "ref": "CCAG-PI 2009", "at": "CCAG-PI du 16 septembre 2009"},
    {"rule": "reference-perimee", "ref": "Ord. 2015-899", "at": "ordonnance du 23 juillet"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": NONE_ENV})

# B7. CCAP restauration d'EHPAD, clean: EGalim as the buyer's target, hours of insertion, food waste, vigilance,
# CCAG-FCS 2021, penalties fixed « à l'article 14 ci-après ».
blind("b07-ccap-restauration-ehpad-propre.docx", [
    ("header", "CCAS de Bellerive – CCAP restauration de l'EHPAD « Les Tilleuls »"),
    ("title", "Cahier des clauses administratives particulières"),
    ("h1", "Article 1 – Objet"),
    ("p", "Le présent marché a pour objet la restauration des résidents de l'EHPAD (préparation sur place, 220 repas "
          "par jour). Montant estimé : 520 000 € HT sur quatre ans. Date d'envoi de l'avis : 20/10/2026."),
    ("h1", "Article 2 – Pièces contractuelles"),
    ("p", CCAG_FCS_2021),
    ("h1", "Article 7 – Qualité des denrées"),
    ("p", "Le prestataire propose pour chaque famille de denrées des produits durables et de qualité au sens de "
          "l'article L. 230-5-1 du code rural et de la pêche maritime. L'acheteur vise, sur l'année civile, au "
          "moins 50 % de tels produits dont 20 % issus de l'agriculture biologique ; le prestataire rend compte "
          "chaque trimestre des parts atteintes."),
    ("h1", "Article 8 – Lutte contre le gaspillage alimentaire"),
    ("p", "Le prestataire pèse les restes des plateaux une semaine par trimestre et adapte les grammages en "
          "conséquence ; les biodéchets sont triés et remis à une filière de compostage."),
    ("h1", "Article 9 – Engagement d'insertion"),
    ("p", "Le cocontractant s'engage à réaliser 1 500 heures de travail au bénéfice de publics en difficulté "
          "d'insertion professionnelle pendant la durée du marché."),
    ("h1", "Article 10 – Travail dissimulé"),
    ("p", "Le cocontractant transmet son attestation de vigilance à la notification puis tous les six mois."),
    ("h1", "Article 12 – Manquements"),
    ("p", "Les manquements aux articles 7 à 9 donnent lieu aux pénalités fixées à l'article 14 ci-après."),
    ("h1", "Article 14 – Pénalités"),
    ("p", "Tout manquement constaté aux articles 7 à 9 donne lieu à une pénalité de 200 € HT par manquement."),
], [
    {"rule": "present-egalim", "at": "produits durables et de qualité"},
    {"rule": "present-clause-environnementale", "at": "compostage"},
    {"rule": "present-insertion", "at": "1 500 heures"},
    {"rule": "present-vigilance", "at": "attestation de vigilance"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# B8. RC collecte des déchets (appel d'offres): no environmental criterion, an RSE sub-criterion, the CMP 53-IV
# preference, no vigilance documents.
blind("b08-rc-collecte-dechets.docx", [
    ("title", "RÈGLEMENT DE LA CONSULTATION"),
    ("p", "Collecte des ordures ménagères résiduelles et des emballages ménagers"),
    ("h1", "ARTICLE 1 – OBJET"),
    ("p", "La consultation porte sur la collecte en porte-à-porte des ordures ménagères et des emballages. Montant "
          "estimé : 2 400 000 € HT sur six ans. Date d'envoi de l'avis à la publication : 01/09/2026."),
    ("h1", "ARTICLE 2 – PROCÉDURE"),
    ("p", "Appel d'offres ouvert passé en application des articles L2124-2, R2124-2 1° et R2161-2 à R2161-5 du code "
          "de la commande publique."),
    ("p", "À égalité de prix, un droit de préférence est attribué à l'offre présentée par une société coopérative "
          "ouvrière de production, conformément à l'article 53-IV du Code des marchés publics."),
    ("h1", "ARTICLE 7 – CRITÈRES D'ATTRIBUTION"),
    ("table", [["Critère", "Sous-critère", "Pondération"],
               ["Prix", "Montant du détail quantitatif estimatif", "50 %"],
               ["Valeur technique", "Organisation des tournées et moyens affectés", "30 %"],
               ["Valeur technique", "Engagements sociétaux : politique RSE de l'entreprise", "5 %"],
               ["Performance en matière d'insertion professionnelle", "Nombre d'heures d'insertion proposées",
                "15 %"]]),
], [
    {"rule": "reference-perimee", "ref": "CMP 2006 art. 53", "at": "53-IV"},
    {"rule": "politique-generale", "at": "politique RSE"},
    {"rule": "environnement-critere-manquant"},
    {"rule": "vigilance-documents-manquants"},
    {"rule": "present-critere-social", "at": "insertion professionnelle"},
], {"considerationsSociales": ["Critère social"], "considerationsEnvironnementales": NONE_ENV})

# B9. CCAP location de véhicules: diesel vehicles, vigilance « semestriellement », a penalty « expose » without
# amount, no social consideration above the EU threshold.
blind("b09-ccap-location-vehicules.docx", [
    ("title", "CCAP"),
    ("p", "Location longue durée de véhicules de service avec entretien"),
    ("h1", "Article 1 – Objet"),
    ("p", "Le présent marché de fournitures porte sur la location longue durée, avec entretien, de douze véhicules "
          "de service. Montant estimé : 250 000 € HT sur quatre ans. Date d'envoi de l'avis : 01/10/2026."),
    ("h1", "Article 4 – Véhicules"),
    ("p", "Les véhicules sont des berlines compactes à motorisation diesel, boîte manuelle, cinq places, livrées "
          "avec roue de secours et kit de sécurité."),
    ("h1", "Article 8 – Obligations du loueur"),
    ("p", "Le loueur fournit, au moment de la signature puis semestriellement, l'attestation de fourniture de "
          "déclarations sociales émanant de l'organisme de protection sociale chargé du recouvrement des "
          "cotisations."),
    ("h1", "Article 11 – Pénalités"),
    ("p", "Toute immobilisation d'un véhicule au-delà de 48 heures sans véhicule de remplacement expose le titulaire "
          "à des pénalités journalières."),
], [
    {"rule": "environnement-condition-manquante"},
    {"rule": "flotte-vehicules-manquante"},
    {"rule": "social-condition-manquante"},
    {"rule": "penalite-sans-montant", "at": "immobilisation"},
    {"rule": "present-vigilance", "at": "semestriellement"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": NONE_ENV})

# B10. CCTP espaces verts en régie partielle, clean: labels as examples with equivalents in the next sentence.
blind("b10-cctp-espaces-verts-regie-propre.docx", [
    ("title", "Cahier des clauses techniques particulières"),
    ("p", "Entretien des espaces verts – secteurs non assurés par la régie municipale"),
    ("h1", "Article 1 – Périmètre"),
    ("p", "La régie municipale assure la tonte des stades ; le titulaire entretient les autres espaces verts "
          "communaux. Montant estimé : 90 000 € HT par an. Date d'envoi de l'avis : 20/09/2026."),
    ("h1", "Article 3 – Mode de gestion"),
    ("p", "Le titulaire applique la gestion différenciée définie au plan de gestion communal : fauche tardive des "
          "prairies, paillage des massifs avec les déchets de taille broyés, désherbage exclusivement manuel ou "
          "mécanique."),
    ("h1", "Article 4 – Végétaux"),
    ("p", "Les plants fournis sont issus de filières de production identifiées, par exemple labellisés Plante Bleue."),
    ("p", "Tout végétal présentant des garanties équivalentes est accepté, sur présentation de tout moyen de "
          "preuve approprié."),
], [
    {"rule": "present-clause-environnementale", "at": "gestion différenciée"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# B11. RC + CCAP prestations intellectuelles (AMO): criteria without weighting, none environmental; CCAG-PI 2021;
# fewer travels as the environmental condition.
blind("b11-dce-amo-energie.docx", [
    ("title", "Règlement de la consultation"),
    ("p", "Assistance à maîtrise d'ouvrage pour le schéma directeur immobilier et énergétique"),
    ("h1", "1. Objet de la consultation"),
    ("p", "Mission d'assistance à maîtrise d'ouvrage. Montant estimé : 150 000 € HT. Date d'envoi de l'avis à la "
          "publication : 15/11/2026."),
    ("h1", "2. Jugement des offres"),
    ("p", "Les offres seront appréciées au regard de la valeur technique, du prix et du délai d'exécution."),
    ("h1", "3. Pièces à produire par l'attributaire"),
    ("p", "Le candidat retenu produit les certificats prévus aux articles R2143-6 à R2143-10 du code de la commande "
          "publique et les pièces mentionnées à l'article D8222-5 du code du travail."),
    ("title", "Cahier des clauses administratives particulières"),
    ("h1", "Article 2 – Documents contractuels"),
    ("p", "Le CCAG applicable aux marchés publics de prestations intellectuelles approuvé par l'arrêté du 30 mars "
          "2021."),
    ("h1", "Article 5 – Modalités d'exécution"),
    ("p", "Afin de limiter les déplacements, le titulaire tient les réunions de suivi en visioconférence sauf "
          "demande contraire et remet ses livrables sous forme dématérialisée."),
    ("h1", "Article 9 – Pénalités"),
    ("p", "Tout retard dans la remise d'un livrable donne lieu à une pénalité de 100 € HT par jour de retard."),
], [
    {"rule": "critere-sans-ponderation", "at": "valeur technique, du prix"},
    {"rule": "environnement-critere-manquant"},
    {"rule": "present-clause-environnementale", "at": "limiter les déplacements"},
    {"rule": "present-vigilance", "at": "D8222-5"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# B12. CCAP mobilier launched before 21 August 2026: NF Environnement required (the next sentence names other labels
# with an equivalent), local preference in disguise, « C.C.A.G.-F.C.S. 2009 », no vigilance documents.
blind("b12-ccap-mobilier.docx", [
    ("header", "CCAP – Fourniture de mobilier"),
    ("footer", "Version du 12/06/2026 – Marché n° 26-MOB-01"),
    ("title", "CCAP"),
    ("p", "Fourniture de mobilier de bureau et de mobilier scolaire"),
    ("h1", "Article 1 – Objet"),
    ("p", "Le présent marché de fournitures a pour objet l'acquisition de mobilier pour les services et les écoles. "
          "Montant estimé : 260 000 € HT. Date d'envoi de l'avis à la publication : 10/07/2026."),
    ("h1", "Article 2 – Pièces contractuelles"),
    ("p", "Le C.C.A.G.-F.C.S. 2009 s'applique pour tout ce qui n'est pas réglé par le présent document."),
    ("h1", "Article 5 – Qualité du mobilier"),
    ("p", "Les sièges de bureau porteront l'écolabel NF Environnement Ameublement."),
    ("p", "Les panneaux de particules sont certifiés PEFC, FSC ou équivalent."),
    ("h1", "Article 6 – Fabrication"),
    ("p", "Le titulaire fait appel en priorité aux artisans et entreprises du bassin de vie pour la fabrication et la "
          "pose du mobilier sur mesure."),
    ("h1", "Article 9 – Pénalités"),
    ("p", "Le retard de livraison donne lieu à une pénalité égale à 1/1000e du montant de la commande par jour."),
], [
    {"rule": "reference-perimee", "ref": "CCAG-FCS 2009", "at": "C.C.A.G.-F.C.S. 2009"},
    {"rule": "label-sans-equivalent", "at": "NF Environnement Ameublement"},
    {"rule": "preference-locale", "at": "bassin de vie"},
    {"rule": "vigilance-documents-manquants"},
    {"rule": "present-clause-environnementale", "at": "NF Environnement Ameublement"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})


# --- second blind batch, written after the fixes of the first run and labelled before running them ---------------

# C1. RC impression du bulletin municipal: criteria ranked (lawful), none environmental; Imprim'Vert required.
blind("c01-rc-impression-bulletin.docx", [
    ("title", "Règlement de la consultation"),
    ("p", "Impression et façonnage du bulletin municipal « Vivre à Saint-Aubin »"),
    ("h2", "1. Objet"),
    ("p", "Impression de six numéros par an du bulletin municipal (8 000 exemplaires, 24 pages). Montant estimé : "
          "70 000 € HT sur trois ans. Date d'envoi de l'avis à la publication : 05/10/2026."),
    ("h2", "2. Procédure"),
    ("p", "Procédure adaptée en application de l'article 27 du décret n°2016-360."),
    ("h2", "3. Critères de sélection des offres"),
    ("p", "Le jugement des offres sera effectué selon les critères suivants, classés par ordre décroissant "
          "d'importance : 1) la valeur technique ; 2) le prix."),
    ("h2", "4. Conditions à remplir"),
    ("p", "L'imprimeur doit être labellisé Imprim'Vert."),
    ("p", "L'attributaire remet les attestations sociales délivrées par l'URSSAF et fiscales dans un délai de dix "
          "jours."),
], [
    {"rule": "reference-perimee", "ref": "Décret 2016-360", "at": "décret n°2016-360"},
    {"rule": "label-sans-equivalent", "at": "Imprim'Vert"},
    {"rule": "environnement-critere-manquant"},
    {"rule": "present-vigilance", "at": "URSSAF"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": NONE_ENV})

# C2. CCAP maintenance des extincteurs à bons de commande: penalty « passible » without amount, penalty by formula
# (lawful), recycling of discarded extinguishers, no vigilance documents.
blind("c02-ccap-extincteurs.docx", [
    ("title", "C.C.A.P."),
    ("p", "Vérification et maintenance des extincteurs et des robinets d'incendie armés"),
    ("bold", "ARTICLE 1 – OBJET"),
    ("p", "Le présent accord-cadre à bons de commande porte sur la vérification annuelle et la maintenance des "
          "extincteurs des bâtiments communaux. Montant maximum : 45 000 € HT. Date d'envoi de l'avis : 02/11/2026."),
    ("bold", "ARTICLE 2 – PIÈCES CONTRACTUELLES"),
    ("p", CCAG_FCS_2021),
    ("bold", "ARTICLE 6 – EXÉCUTION"),
    ("p", "Les extincteurs réformés sont repris par le titulaire et dépollués ; leurs composants sont recyclés."),
    ("bold", "ARTICLE 9 – PÉNALITÉS"),
    ("p", "Par dérogation à l'article 14.1 du CCAG-FCS, les pénalités de retard sont calculées par la formule "
          "P = V x R / 1000."),
    ("p", "En cas de non-remise du registre de sécurité à jour, le titulaire sera passible de pénalités."),
], [
    {"rule": "penalite-sans-montant", "at": "registre de sécurité"},
    {"rule": "vigilance-documents-manquants"},
    {"rule": "present-clause-environnementale", "at": "extincteurs réformés"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# C3. CCTP repas de la crèche: EGalim shares, fruits from « producteurs locaux ».
blind("c03-cctp-repas-creche.docx", [
    ("title", "Cahier des clauses techniques particulières"),
    ("p", "Fourniture de repas pour la crèche municipale « Les Petits Loups »"),
    ("h1", "Article 1 – Objet"),
    ("p", "Le marché porte sur la confection et la livraison des repas des enfants accueillis à la crèche. Montant "
          "estimé : 60 000 € HT par an. Date d'envoi de l'avis : 10/09/2026."),
    ("h1", "Article 4 – Composition des repas"),
    ("p", "Sur l'année, les repas comprennent au minimum 50 % de produits de qualité et durables, dont au moins 20 % "
          "de produits issus de l'agriculture biologique, au sens de l'article L. 230-5-1 du code rural."),
    ("p", "Les fruits et légumes proviennent de producteurs locaux."),
], [
    {"rule": "preference-locale", "at": "producteurs locaux"},
    {"rule": "present-egalim", "at": "produits de qualité et durables"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# C4. CCAP éclairage public above the EU threshold: insertion, vigilance, LED retrofit and night dimming, CMP art. 48.
blind("c04-ccap-eclairage-public.docx", [
    ("title", "Cahier des clauses administratives particulières"),
    ("p", "Maintenance des installations d'éclairage public"),
    ("h1", "Article 1 – Objet du marché"),
    ("p", "Le présent marché de services porte sur la maintenance préventive et curative des 2 300 points lumineux "
          "de la commune. Montant estimé : 400 000 € HT sur quatre ans. Date d'envoi de l'avis : 15/10/2026."),
    ("h1", "Article 5 – Exécution des prestations"),
    ("p", "Le titulaire remplace les luminaires défectueux par des luminaires à LED et programme un abaissement de "
          "puissance de 50 % entre 23 h et 5 h."),
    ("h1", "Article 6 – Insertion"),
    ("p", "Le titulaire confie au moins 5 % des heures de main-d'œuvre à des salariés en parcours d'insertion."),
    ("h1", "Article 7 – Obligations sociales"),
    ("p", "Le titulaire fournit les pièces prévues aux articles D. 8222-5 et D. 8254-2 du code du travail lors de la "
          "conclusion du marché et tous les six mois."),
    ("p", "Il atteste ne pas faire l'objet d'une exclusion au sens de l'article 48 du Code des Marchés Publics."),
    ("h1", "Article 9 – Pénalités"),
    ("p", "Les pénalités de retard sont appliquées dans les conditions de l'article 14 du CCAG-FCS 2021."),
], [
    {"rule": "reference-perimee", "ref": "CMP 2006", "at": "article 48 du Code des Marchés Publics"},
    {"rule": "present-clause-environnementale", "at": "abaissement de puissance"},
    {"rule": "present-insertion", "at": "5 % des heures"},
    {"rule": "present-vigilance", "at": "D. 8222-5"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# C5. RC réhabilitation d'une salle des fêtes: weighted table with an environmental sub-criterion, ISO 14001 of the
# company required and scored, décret 2016-360, no vigilance documents.
blind("c05-rc-salle-des-fetes.docx", [
    ("title", "RÈGLEMENT DE CONSULTATION"),
    ("p", "Réhabilitation de la salle des fêtes – lots 1 à 6"),
    ("h1", "ARTICLE 1 – OBJET"),
    ("p", "Les travaux portent sur la réhabilitation de la salle des fêtes. Montant estimé des travaux : "
          "800 000 € HT. Date d'envoi de l'avis à la publication : 20/11/2026."),
    ("p", "La consultation est lancée conformément à l'article 139 du décret n° 2016-360."),
    ("h1", "ARTICLE 8 – CRITÈRES DE JUGEMENT"),
    ("table", [["Critère", "Points"], ["Prix", "60"],
               ["Valeur technique, dont méthodologie (20), planning (10) et gestion environnementale du chantier (10)",
                "40"]]),
    ("p", "Le candidat doit être certifié ISO 14001 ; cette certification de l'entreprise est notée au titre de la "
          "valeur technique."),
], [
    {"rule": "reference-perimee", "ref": "Décret 2016-360", "at": "décret n° 2016-360"},
    {"rule": "label-sans-equivalent", "at": "ISO 14001"},
    {"rule": "politique-generale", "at": "ISO 14001"},
    {"rule": "vigilance-documents-manquants"},
    {"rule": "present-critere-environnemental", "at": "gestion environnementale du chantier"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Critère environnemental"]})

# C6. CCAP produits d'hygiène à bons de commande: Ecolabel criteria with presumption (lawful), a share of deliveries
# imposed, a penalty « redevable » without amount.
blind("c06-ccap-produits-hygiene.docx", [
    ("title", "CCAP"),
    ("p", "Fourniture de produits d'hygiène et d'entretien pour les écoles"),
    ("h1", "Article 1 – Objet"),
    ("p", "Accord-cadre à bons de commande de fourniture de produits d'hygiène. Montant maximum : 90 000 € HT. Date "
          "d'envoi de l'avis : 25/09/2026."),
    ("h1", "Article 4 – Qualité des produits"),
    ("p", "Les produits d'entretien satisfont aux critères de l'Ecolabel européen. La détention de l'écolabel vaut "
          "présomption de conformité ; tout autre moyen de preuve approprié est admis."),
    ("p", "Le fournisseur s'engage à livrer au moins 60 % de produits écolabellisés sur l'ensemble des commandes."),
    ("h1", "Article 5 – Obligations sociales"),
    ("p", "Le titulaire produit l'attestation de vigilance délivrée par l'URSSAF à la notification puis tous les six "
          "mois."),
    ("h1", "Article 8 – Pénalités"),
    ("p", "Tout retard de livraison rend le titulaire redevable d'une pénalité."),
], [
    {"rule": "obligation-resultat-bons-de-commande", "at": "60 % de produits écolabellisés"},
    {"rule": "penalite-sans-montant", "at": "redevable"},
    {"rule": "present-clause-environnementale", "at": "critères de l'Ecolabel"},
    {"rule": "present-vigilance", "at": "attestation de vigilance"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# C7. AE photocopieurs: the 2006 code « édition 2006 » and the CCAG-FCS of 19 January 2009.
blind("c07-ae-photocopieurs.docx", [
    ("title", "ACTE D'ENGAGEMENT"),
    ("p", "Location et maintenance de photocopieurs multifonctions"),
    ("h2", "Article 1 – Contractant"),
    ("p", "Vu le Code des Marchés Publics (édition 2006), je soussigné m'engage à exécuter les prestations aux "
          "conditions du CCAP, du CCTP et du CCAG-FCS du 19 janvier 2009. Montant : 30 000 € HT par an."),
], [
    {"rule": "reference-perimee", "ref": "CMP 2006", "at": "Code des Marchés Publics"},
    {"rule": "reference-perimee", "ref": "CCAG-FCS 2009", "at": "19 janvier 2009"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": NONE_ENV})

# C8. CCTP balayage des voiries: mechanical weeding only, rainwater for washing.
blind("c08-cctp-balayage-voirie.docx", [
    ("title", "CCTP"),
    ("p", "Balayage mécanisé et lavage des voiries communales"),
    ("h1", "1. Objet"),
    ("p", "Le marché porte sur le balayage mécanisé des voiries et le lavage des places de marché. Montant estimé : "
          "150 000 € HT. Date d'envoi de l'avis : 10/10/2026."),
    ("h1", "2. Désherbage des caniveaux"),
    ("p", "Aucun herbicide n'est employé : le désherbage des caniveaux est exclusivement mécanique ou thermique."),
    ("h1", "3. Lavage"),
    ("p", "L'eau de lavage provient de la récupération des eaux pluviales du centre technique."),
], [
    {"rule": "present-clause-environnementale", "at": "Aucun herbicide"},
    {"rule": "present-clause-environnementale", "at": "eaux pluviales"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})


# --- third blind batch, written after the fixes of the second run and labelled before running them --------------

# D1. CCAP carburants à bons de commande: no environmental or social condition, CMP art. 77, a penalty « fait
# l'objet d'une pénalité » without amount, vigilance « tous les semestres ».
blind("d01-ccap-carburants.docx", [
    ("title", "Cahier des clauses administratives particulières"),
    ("p", "Fourniture de carburants par cartes accréditives"),
    ("h1", "Article 1 – Objet et forme du marché"),
    ("p", "Accord-cadre à bons de commande pour la fourniture de carburants en station par cartes accréditives, "
          "conclu selon l'article 77 du Code des marchés publics. Montant maximum : 300 000 € HT. Date d'envoi de "
          "l'avis : 20/10/2026."),
    ("h1", "Article 5 – Cartes"),
    ("p", "Le non-respect du délai de livraison des cartes fait l'objet d'une pénalité."),
    ("h1", "Article 6 – Obligations sociales"),
    ("p", "Le titulaire produit tous les semestres les justificatifs prévus à l'article D. 8222-5 du code du "
          "travail."),
], [
    {"rule": "reference-perimee", "ref": "CMP 2006", "at": "article 77 du Code des marchés publics"},
    {"rule": "penalite-sans-montant", "at": "fait l'objet d'une pénalité"},
    {"rule": "environnement-condition-manquante"},
    {"rule": "social-condition-manquante"},
    {"rule": "present-vigilance", "at": "tous les semestres"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": NONE_ENV})

# D2. RC vidéoprotection: weighted criteria in parentheses, none environmental, ordonnance 2015-899 article 42,
# R2143 certificates only.
blind("d02-rc-videoprotection.docx", [
    ("title", "REGLEMENT DE LA CONSULTATION"),
    ("p", "Fourniture et pose d'un système de vidéoprotection urbaine"),
    ("bold", "1. OBJET"),
    ("p", "Fourniture, pose et mise en service de 24 caméras. Montant estimé : 180 000 € HT. Date d'envoi de l'avis "
          "à la publication : 10/11/2026."),
    ("bold", "2. PROCÉDURE"),
    ("p", "Marché passé selon une procédure adaptée, en application de l'article 42 de l'ordonnance n°2015-899. Le "
          "pouvoir adjudicateur se réserve le droit d'attribuer le marché sur la base des offres initiales."),
    ("bold", "3. CRITÈRES D'ATTRIBUTION"),
    ("p", "Valeur technique (50 %) ; prix (40 %) ; délais d'exécution (10 %)."),
    ("bold", "4. ATTRIBUTION"),
    ("p", "L'attributaire produit les certificats mentionnés aux articles R. 2143-7 à R. 2143-10 du code de la "
          "commande publique."),
], [
    {"rule": "reference-perimee", "ref": "Ord. 2015-899", "at": "ordonnance n°2015-899"},
    {"rule": "environnement-critere-manquant"},
    {"rule": "vigilance-documents-manquants"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": NONE_ENV})

# D3. CCTP réfection des toitures: ACERMI and Qualibat required, waste sorted to recovery channels.
blind("d03-cctp-toitures.docx", [
    ("title", "CCTP"),
    ("p", "Réfection des couvertures de l'école et du gymnase"),
    ("h1", "Article 1 – Objet"),
    ("p", "Travaux de réfection des couvertures en tuiles et en zinc. Montant estimé : 150 000 € HT. Date d'envoi de "
          "l'avis : 30/09/2026."),
    ("h1", "Article 3 – Matériaux"),
    ("p", "Les isolants mis en œuvre sont certifiés ACERMI."),
    ("h1", "Article 4 – Qualification"),
    ("p", "Le couvreur doit être qualifié Qualibat 3191."),
    ("h1", "Article 6 – Déchets"),
    ("p", "Les déchets de chantier (tuiles, zinc, bois) sont triés sur place et évacués vers des filières de "
          "valorisation."),
], [
    {"rule": "label-sans-equivalent", "at": "ACERMI"},
    {"rule": "label-sans-equivalent", "at": "Qualibat"},
    {"rule": "present-clause-environnementale", "at": "filières de valorisation"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# D4. CCAP assurance dommages aux biens: no environmental condition, décret 2016-360, vigilance by URSSAF.
blind("d04-ccap-assurance.docx", [
    ("title", "CCAP"),
    ("p", "Assurance dommages aux biens et risques annexes"),
    ("h1", "Article 1 – Objet"),
    ("p", "Le présent marché de services a pour objet l'assurance des bâtiments communaux. Montant estimé : "
          "120 000 € HT sur quatre ans. Date d'envoi de l'avis : 01/10/2026."),
    ("h1", "Article 2 – Cadre"),
    ("p", "Le marché est conclu en application du décret n° 2016-360 ; le cocontractant est désigné ci-après "
          "« l'assureur »."),
    ("h1", "Article 8 – Obligations de l'assureur"),
    ("p", "L'assureur remet à la signature puis tous les six mois une attestation URSSAF de moins de six mois."),
], [
    {"rule": "reference-perimee", "ref": "Décret 2016-360", "at": "décret n° 2016-360"},
    {"rule": "environnement-condition-manquante"},
    {"rule": "present-vigilance", "at": "attestation URSSAF"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": NONE_ENV})

# D5. CCTP livres de la médiathèque: a bookshop « implantée dans le département », cartons reused.
blind("d05-cctp-livres.docx", [
    ("title", "Cahier des clauses techniques particulières"),
    ("p", "Fourniture de livres pour la médiathèque municipale"),
    ("h1", "1. Objet"),
    ("p", "Fourniture de livres équipés (couverture, code-barres). Montant estimé : 70 000 € HT. Date d'envoi de "
          "l'avis : 05/10/2026."),
    ("h1", "2. Fournisseur"),
    ("p", "Le titulaire est une librairie implantée dans le département, afin de favoriser l'économie du livre."),
    ("h1", "3. Livraison"),
    ("p", "Les cartons de livraison sont repris par le titulaire pour réutilisation."),
], [
    {"rule": "preference-locale", "at": "implantée dans le département"},
    {"rule": "present-clause-environnementale", "at": "réutilisation"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# D6. RC contrôle des aires de jeux, clean: an environmental sub-weight inside the technical value.
blind("d06-rc-aires-de-jeux-propre.docx", [
    ("title", "Règlement de la consultation"),
    ("p", "Contrôle annuel des aires de jeux et des équipements sportifs"),
    ("h1", "Article 1 – Objet"),
    ("p", "Contrôle annuel de 18 aires de jeux. Montant estimé : 25 000 € HT. Date d'envoi de l'avis : 01/12/2026."),
    ("h1", "Article 4 – Critères de jugement des offres"),
    ("list", ["Prix : 60 %", "Valeur technique : 40 %, dont 10 % pour les mesures de réduction de l'impact "
              "environnemental des déplacements des contrôleurs"]),
    ("h1", "Article 5 – Attribution"),
    ("p", "Le titulaire pressenti remet l'attestation de vigilance et un extrait K-bis."),
], [
    {"rule": "present-critere-environnemental", "at": "impact environnemental"},
    {"rule": "present-vigilance", "at": "attestation de vigilance"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Critère environnemental"]})


# --- fourth blind batch (e01–e08), written after the fixes of the third run and labelled before running them -------

# E1. CCAP maîtrise d'œuvre: « mission de base », a penalty on deliverables « subit une pénalité » without amount, one
# with a fraction of the fees, the CCAG-PI of 2009, bio-sourced design, no social consideration above the threshold.
blind("e01-ccap-maitrise-oeuvre.docx", [
    ("header", "Communauté de communes du Val d'Ornain – Marché de maîtrise d'œuvre – CCAP"),
    ("title", "Cahier des clauses administratives particulières"),
    ("p", "Marché de maîtrise d'œuvre pour la réhabilitation de la piscine intercommunale"),
    ("h1", "Article 1 – Objet du marché"),
    ("p", "Le présent marché de maîtrise d'œuvre porte sur la mission de base définie par les articles R2431-4 et "
          "suivants du code de la commande publique, complétée des missions EXE et OPC. Forfait provisoire de "
          "rémunération : 240 000 € HT ; enveloppe financière prévisionnelle affectée aux travaux : 2 100 000 € HT. "
          "Date d'envoi de l'avis à la publication : 02/11/2026."),
    ("h1", "Article 2 – Pièces contractuelles"),
    ("numbered", ["L'acte d'engagement et l'annexe de répartition des honoraires ;", "Le présent CCAP ;",
                  "Le programme de l'opération ;",
                  "Le CCAG applicable aux marchés publics de prestations intellectuelles, approuvé par l'arrêté du "
                  "16 septembre 2009."]),
    ("h1", "Article 5 – Conception"),
    ("p", "Le maître d'œuvre conçoit l'ouvrage en recherchant la sobriété énergétique du bâtiment et l'emploi de "
          "matériaux biosourcés pour l'isolation et les menuiseries."),
    ("h1", "Article 8 – Délais et pénalités"),
    ("p", "8.1 Le dossier APD est remis dans un délai de six semaines à compter de la validation de l'APS. Par jour de "
          "retard, le maître d'œuvre supporte une pénalité égale à 1/3000e du forfait de rémunération."),
    ("p", "8.2 En cas de retard dans la remise des documents de la phase PRO ou du dossier de consultation des "
          "entreprises, le maître d'œuvre subit une pénalité."),
    ("h1", "Article 11 – Obligations du titulaire"),
    ("p", "Le maître d'œuvre remet, à la notification puis tous les six mois, l'attestation de vigilance délivrée par "
          "l'URSSAF."),
], [
    {"rule": "reference-perimee", "ref": "CCAG-PI 2009", "at": "16 septembre 2009"},
    {"rule": "penalite-sans-montant", "at": "subit une pénalité"},
    {"rule": "present-clause-environnementale", "at": "biosourcés"},
    {"rule": "present-vigilance", "at": "attestation de vigilance"},
    {"rule": "social-condition-manquante"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# E2. RC accord-cadre multi-attributaire à marchés subséquents (déménagements): weights of the subsequent contracts as
# ranges (lawful), CMP art. 76, no vigilance document asked.
blind("e02-rc-accord-cadre-demenagement.docx", [
    ("title", "Règlement de la consultation"),
    ("p", "Accord-cadre de prestations de déménagement et de transfert de mobilier et d'archives"),
    ("bold", "1 – Objet et forme de l'accord-cadre"),
    ("p", "Accord-cadre multi-attributaire exécuté par la conclusion de marchés subséquents, passé en application de "
          "l'article 76 du code des marchés publics. Il sera conclu avec trois opérateurs économiques au maximum. "
          "Montant maximum : 300 000 € HT sur quatre ans. Date d'envoi de l'avis à la publication : 16/11/2026."),
    ("bold", "5 – Critères de sélection des offres de l'accord-cadre"),
    ("table", [["Critère", "Pondération"], ["Prix, apprécié sur un marché subséquent fictif", "50 %"],
               ["Valeur technique (méthodologie, moyens humains et matériels)", "35 %"],
               ["Performance environnementale (motorisation des véhicules, cartons et housses réutilisables)",
                "15 %"]]),
    ("bold", "6 – Remise en concurrence des titulaires"),
    ("p", "Les marchés subséquents sont attribués à l'offre économiquement la plus avantageuse selon les critères "
          "suivants, pondérés à chaque remise en concurrence dans la fourchette indiquée : prix (50 à 70 %), délai "
          "d'exécution (30 à 50 %)."),
    ("bold", "7 – Attribution"),
    ("p", "Les attributaires pressentis produisent un extrait K-bis et leurs attestations d'assurance de "
          "responsabilité civile."),
], [
    {"rule": "reference-perimee", "ref": "CMP 2006", "at": "article 76 du code des marchés publics"},
    {"rule": "present-critere-environnemental", "at": "Performance environnementale"},
    {"rule": "vigilance-documents-manquants"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Critère environnemental"]})

# E3. CCAP fourrière automobile written in concession words (« délégataire », « à ses risques et périls »): Euro VI
# tow trucks, a penalty « sanctionné d'une pénalité dont le montant est arrêté par la collectivité », no social
# consideration above the threshold.
blind("e03-ccap-fourriere.docx", [
    ("title", "CCAP"),
    ("p", "Gestion de la fourrière automobile municipale"),
    ("h1", "Article 1 – Objet"),
    ("p", "Le présent marché a pour objet l'enlèvement, la garde et la restitution des véhicules mis en fourrière sur "
          "le territoire communal. Le délégataire exploite le service à ses risques et périls. Montant estimé : "
          "400 000 € HT sur cinq ans. Date d'envoi de l'avis à la publication : 07/12/2026."),
    ("h1", "Article 4 – Moyens"),
    ("p", "Les dépanneuses affectées au service respectent au minimum la norme Euro VI ; le délégataire dispose d'un "
          "parc de stockage clos de 80 places."),
    ("h1", "Article 6 – Ouverture au public"),
    ("p", "La fourrière est ouverte du lundi au samedi de 8 h à 19 h. Tout manquement aux horaires d'ouverture est "
          "sanctionné d'une pénalité dont le montant est arrêté par la collectivité."),
    ("h1", "Article 9 – Obligations sociales du délégataire"),
    ("p", "Le délégataire remet tous les six mois les documents mentionnés à l'article D. 8222-5 du code du travail."),
], [
    {"rule": "present-clause-environnementale", "at": "Euro VI"},
    {"rule": "penalite-sans-montant", "at": "horaires d'ouverture"},
    {"rule": "present-vigilance", "at": "D. 8222-5"},
    {"rule": "social-condition-manquante"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# E4. CCTP nettoyage des locaux with the products in a table (one label without equivalent, a norm « ou équivalente »),
# dilution and microfibres, daytime cleaning.
blind("e04-cctp-nettoyage-produits.docx", [
    ("header", "Ville de Saint-Aubin-les-Prés – CCTP nettoyage des locaux"),
    ("title", "Cahier des clauses techniques particulières"),
    ("p", "Nettoyage des locaux administratifs et des écoles"),
    ("h1", "Article 1 – Objet"),
    ("p", "Nettoyage courant de 14 000 m² de locaux. Montant estimé : 260 000 € HT sur quatre ans. Date d'envoi de "
          "l'avis : 20/11/2026."),
    ("h1", "Article 3 – Horaires"),
    ("p", "Les prestations sont réalisées en journée, entre 7 h et 19 h, afin d'améliorer les conditions de travail "
          "des agents de nettoyage."),
    ("h1", "Article 4 – Produits"),
    ("p", "Les produits employés sont ceux du tableau ci-dessous :"),
    ("table", [["Produit", "Usage", "Exigence"],
               ["Détergent sols", "Lavage des sols", "Écolabel européen ou équivalent"],
               ["Désinfectant", "Sanitaires", "Conforme à la norme EN 1276 ou équivalente ; usage limité aux "
                                              "sanitaires et aux zones à risque"],
               ["Nettoyant vitres", "Vitrerie", "Certifié Ecocert"]]),
    ("h1", "Article 5 – Méthodes"),
    ("p", "Le titulaire emploie des centrales de dilution et des microfibres lavables afin de limiter les quantités de "
          "produits et d'eau utilisées."),
], [
    {"rule": "present-clause-sociale", "at": "en journée"},
    {"rule": "present-clause-environnementale", "at": "Écolabel européen"},
    {"rule": "label-sans-equivalent", "at": "Ecocert"},
    {"rule": "present-clause-environnementale", "at": "microfibres"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# E5. CCAP travaux with a « charte chantier vert » and insertion hours with the facilitator, CCAG Travaux 2009, a
# preference for local subcontractors.
blind("e05-ccap-travaux-charte-chantier.docx", [
    ("title", "CCAP"),
    ("p", "Construction d'un groupe scolaire – Lot 02 Gros œuvre"),
    ("auto1", "Objet"),
    ("p", "Travaux de gros œuvre du groupe scolaire des Tilleuls. Montant estimé du lot : 2 400 000 € HT. Date "
          "d'envoi de l'avis à la publication : 05/10/2026."),
    ("auto1", "Pièces contractuelles"),
    ("p", "Le CCAG applicable aux marchés publics de travaux, approuvé par l'arrêté du 8 septembre 2009, s'applique "
          "pour tout ce qui n'est pas prévu au présent CCAP."),
    ("auto1", "Organisation du chantier"),
    ("p", "Le titulaire respecte la charte « chantier vert » annexée au présent CCAP et désigne un référent "
          "environnement."),
    ("p", "Pour la sous-traitance des lots techniques, les entreprises locales seront privilégiées."),
    ("auto1", "Insertion"),
    ("p", "Le titulaire réalise au moins 1 200 heures d'insertion au bénéfice de personnes éloignées de l'emploi, avec "
          "l'appui du facilitateur de la Maison de l'emploi, qui valide les candidatures et suit les heures."),
    ("p", "En cas de non-réalisation des heures d'insertion, le titulaire est redevable d'une pénalité de 30 € HT par "
          "heure non réalisée."),
    ("auto1", "Obligations sociales"),
    ("p", "Le titulaire remet tous les six mois les pièces prévues à l'article D. 8222-5 du code du travail."),
], [
    {"rule": "reference-perimee", "ref": "CCAG-Travaux 2009", "at": "8 septembre 2009"},
    {"rule": "present-clause-environnementale", "at": "chantier vert"},
    {"rule": "preference-locale", "at": "entreprises locales"},
    {"rule": "present-insertion", "at": "1 200 heures"},
    {"rule": "present-vigilance", "at": "D. 8222-5"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# E6. RC maintenance CVC: criteria and sub-criteria as nested lists, the last criterion without weight after the
# sub-criteria, CMP art. 53.
blind("e06-rc-maintenance-cvc.docx", [
    ("title", "RÈGLEMENT DE LA CONSULTATION"),
    ("p", "Maintenance des installations de chauffage, ventilation et climatisation des bâtiments communaux"),
    ("h1", "Article 1 – Objet"),
    ("p", "Exploitation et maintenance des installations thermiques de 22 bâtiments. Montant estimé : 190 000 € HT "
          "sur trois ans. Date d'envoi de l'avis à la publication : 09/11/2026."),
    ("h1", "Article 6 – Jugement des offres"),
    ("p", "Les offres sont jugées conformément à l'article 53 du code des marchés publics, selon les critères "
          "suivants :"),
    ("numbered", ["Prix des prestations : 40 points",
                  "Valeur technique : 50 points, répartis entre les sous-critères suivants :"]),
    ("list", ["moyens humains affectés au contrat : 20 points",
              "méthodologie de la maintenance préventive : 20 points",
              "plan de réduction des consommations d'énergie des installations : 10 points"]),
    ("numbered", ["Délai d'intervention en cas de panne"]),
    ("h1", "Article 7 – Attribution"),
    ("p", "Le candidat retenu produit l'attestation de vigilance et l'extrait K-bis."),
], [
    {"rule": "reference-perimee", "ref": "CMP 2006 art. 53", "at": "article 53"},
    {"rule": "critere-sans-ponderation", "at": "Délai d'intervention"},
    {"rule": "present-critere-environnemental", "at": "consommations d'énergie"},
    {"rule": "present-vigilance", "at": "attestation de vigilance"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Critère environnemental"]})

# E7. CCAP logiciel en SaaS: RGAA and the RGESN, servers located in the European Union (lawful), an availability
# penalty with a rate and one « entraîne l'application de pénalités » without amount, CCAG-TIC 2009, no vigilance.
blind("e07-ccap-saas.docx", [
    ("title", "CCAP"),
    ("p", "Mise à disposition en mode SaaS d'un logiciel de gestion des inscriptions scolaires et périscolaires"),
    ("h1", "Article 1 – Objet"),
    ("p", "Abonnement à une solution logicielle hébergée, paramétrage, reprise des données et formation. Montant "
          "estimé : 180 000 € HT sur quatre ans. Date d'envoi de l'avis à la publication : 25/09/2026."),
    ("h1", "Article 2 – Pièces contractuelles"),
    ("p", "Le CCAG des marchés publics de techniques de l'information et de la communication, approuvé par l'arrêté "
          "du 16 septembre 2009."),
    ("h1", "Article 5 – Hébergement et données"),
    ("p", "Les serveurs sont localisés sur le territoire de l'Union européenne ; aucun transfert de données hors de "
          "l'Union n'est admis."),
    ("h1", "Article 6 – Accessibilité et sobriété"),
    ("p", "Le portail des familles respecte le RGAA dans sa version en vigueur ; le titulaire publie la déclaration "
          "d'accessibilité et corrige les non-conformités relevées."),
    ("p", "Le titulaire applique les critères du référentiel général d'écoconception de services numériques (RGESN) "
          "aux évolutions du portail."),
    ("h1", "Article 9 – Niveaux de service et pénalités"),
    ("p", "9.1 Disponibilité garantie : 99,5 % par mois. En deçà, une pénalité de 5 % du montant mensuel de "
          "l'abonnement est appliquée par tranche de 0,5 % manquante."),
    ("p", "9.2 Toute indisponibilité non planifiée de plus de quatre heures entraîne l'application de pénalités."),
], [
    {"rule": "reference-perimee", "ref": "CCAG-TIC 2009", "at": "16 septembre 2009"},
    {"rule": "present-clause-sociale", "at": "RGAA"},
    {"rule": "present-clause-environnementale", "at": "RGESN"},
    {"rule": "penalite-sans-montant", "at": "indisponibilité non planifiée"},
    {"rule": "vigilance-documents-manquants"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# E8. DCE espaces verts et cimetières in lots, lot 2 reserved « en application de l'article 15 du code des marchés
# publics », lot 3 reserved « conformément à l'article 36 de l'ordonnance » (no number), zero phyto, URSSAF.
blind("e08-dce-lots-reserves.docx", [
    ("title", "Règlement de la consultation"),
    ("p", "Entretien des espaces verts et des cimetières communaux"),
    ("h1", "Article 1 – Objet"),
    ("p", "Entretien des parcs, des accotements et des cimetières. Montant estimé : 320 000 € HT sur quatre ans. Date "
          "d'envoi de l'avis à la publication : 12/10/2026."),
    ("h1", "Article 2 – Allotissement"),
    ("p", "Lot n° 1 – Parcs et accotements."),
    ("p", "Lot n° 2 – Cimetières : lot réservé aux entreprises adaptées et aux établissements et services d'aide par "
          "le travail, en application de l'article 15 du code des marchés publics."),
    ("p", "Lot n° 3 – Ramassage des feuilles : réservé aux structures d'insertion par l'activité économique, "
          "conformément à l'article 36 de l'ordonnance."),
    ("h1", "Article 5 – Critères de jugement"),
    ("list", ["Prix : 60 %", "Valeur technique : 30 %",
              "Gestion différenciée des espaces et techniques sans produits phytosanitaires : 10 %"]),
    ("title", "Cahier des clauses administratives particulières"),
    ("h1", "Article 4 – Exécution"),
    ("p", "Aucun produit phytosanitaire de synthèse n'est employé ; le désherbage est manuel ou mécanique."),
    ("h1", "Article 7 – Obligations sociales"),
    ("p", "Le titulaire remet à la notification puis tous les six mois une attestation URSSAF de moins de six mois."),
], [
    {"rule": "reference-perimee", "ref": "CMP 2006 art. 15", "at": "article 15"},
    {"rule": "reference-perimee", "ref": "Ord. 2015-899 art. 36", "at": "article 36 de l'ordonnance"},
    {"rule": "present-marche-reserve", "at": "Lot n° 2"},
    {"rule": "present-critere-environnemental", "at": "Gestion différenciée"},
    {"rule": "present-clause-environnementale", "at": "Aucun produit phytosanitaire"},
    {"rule": "present-vigilance", "at": "attestation URSSAF"},
], {"considerationsSociales": ["Marché réservé"],
    "considerationsEnvironnementales": ["Clause environnementale", "Critère environnemental"]})

# --- fifth blind batch (f01–f08), written after the fixes of the fourth run and labelled before running them --------

# F1. CCAP restauration des accueils de loisirs, all-caps headings and typed « - » lists: EGalim shares met by the
# caterer (lawful: the caterer buys the food), a penalty table whose last row gives no amount, no social consideration
# above the EU threshold, vigilance documents listed with dashes.
blind("f01-ccap-restauration-loisirs.docx", [
    ("header", "CCAP – Restauration des accueils collectifs de mineurs – 2027-2029"),
    ("title", "CAHIER DES CLAUSES ADMINISTRATIVES PARTICULIERES"),
    ("p", "Confection et livraison des repas des accueils de loisirs et des séjours de vacances"),
    ("bold", "ARTICLE 1 - OBJET ET DUREE"),
    ("p", "Le présent marché de services a pour objet la confection en liaison froide et la livraison des déjeuners "
          "et goûters des quatre accueils de loisirs sans hébergement de la commune. Montant estimé : 390 000 € HT "
          "pour trois ans. Date d'envoi de l'avis à la publication : 02/11/2026."),
    ("bold", "ARTICLE 4 - QUALITE DES DENREES"),
    ("p", "Le titulaire compose les menus avec :"),
    ("p", "- au moins 50 % en valeur d'achats hors taxes de produits durables et de qualité au sens de l'article "
          "L230-5-1 du code rural et de la pêche maritime ;"),
    ("p", "- parmi ceux-ci, au moins 20 % de produits issus de l'agriculture biologique ;"),
    ("p", "- des produits de saison, les fruits et légumes frais étant privilégiés chaque fois que possible."),
    ("p", "Le titulaire remet chaque trimestre le relevé de ses achats par catégorie de produits."),
    ("bold", "ARTICLE 7 - DOCUMENTS A PRODUIRE"),
    ("p", "Le titulaire remet à la notification du marché puis tous les six mois jusqu'à la fin de son exécution :"),
    ("p", "- une attestation de vigilance délivrée par l'URSSAF datant de moins de six mois ;"),
    ("p", "- un extrait de l'inscription au registre du commerce et des sociétés (K-bis)."),
    ("bold", "ARTICLE 11 - BAREME DES PENALITES"),
    ("table", [["Manquement constaté", "Pénalité"],
               ["Retard de livraison de plus de 30 minutes", "100 € HT par site et par jour"],
               ["Menu non conforme au plan alimentaire validé", "50 € HT par repas non conforme"],
               ["Non-remise du relevé trimestriel des achats", "Pénalité fixée selon la gravité du manquement"]]),
], [
    {"rule": "present-egalim", "at": "produits durables et de qualité"},
    {"rule": "present-clause-environnementale", "at": "produits de saison"},
    {"rule": "present-vigilance", "at": "attestation de vigilance"},
    {"rule": "penalite-sans-montant", "at": "selon la gravité"},
    {"rule": "social-condition-manquante"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# F2. CCTP fournitures de peinture à bons de commande, lettered paragraphs « a) b) », a table whose « Exigence »
# column names a label alone (no « certifié », no equivalent) next to one with its equivalent and a VOC limit, a share
# of the paints delivered set on the holder, « fabricants régionaux » preferred.
blind("f02-cctp-peintures.docx", [
    ("title", "Cahier des clauses techniques particulières"),
    ("p", "Fourniture de peintures, lasures et produits d'entretien des façades pour les ateliers municipaux"),
    ("h1", "Article 1 – Objet"),
    ("p", "Accord-cadre à bons de commande de fournitures. Montant maximum : 90 000 € HT sur quatre ans. Date d'envoi "
          "de l'avis à la publication : 16/11/2026."),
    ("h1", "Article 2 – Exigences par famille de produits"),
    ("table", [["Famille", "Usage", "Exigence"],
               ["Peinture intérieure murale", "Locaux scolaires et administratifs", "Écolabel européen"],
               ["Lasure bois extérieure", "Menuiseries et bardages", "NF Environnement ou équivalent"],
               ["Peinture de sol", "Ateliers", "Teneur en composés organiques volatils inférieure à 30 g/l"]]),
    ("h1", "Article 3 – Conditions de fourniture"),
    ("p", "a) Le titulaire garantit qu'au moins 80 % des peintures livrées sont en phase aqueuse."),
    ("p", "b) Les produits proviennent de préférence de fabricants régionaux, afin de réduire les délais."),
    ("p", "c) Les pots vides sont repris par le titulaire lors de la livraison suivante et remis à une filière de "
          "recyclage."),
], [
    {"rule": "label-sans-equivalent", "at": "Écolabel européen"},
    {"rule": "present-clause-environnementale", "at": "Écolabel européen"},
    {"rule": "obligation-resultat-bons-de-commande", "at": "80 % des peintures livrées"},
    {"rule": "preference-locale", "at": "fabricants régionaux"},
    {"rule": "present-clause-environnementale", "at": "filière de recyclage"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# F3. Cahier des charges d'une délégation de service public (piscine), citing the replaced concession texts
# (ordonnance n° 2016-65 and décret n° 2016-86) next to the current CGCT and CCP articles; energy and water savings,
# apprentices, vigilance, a penalty with its amount.
blind("f03-dsp-piscine.docx", [
    ("title", "Cahier des charges de la délégation de service public"),
    ("p", "Exploitation du centre aquatique intercommunal"),
    ("h1", "Article 1 – Objet et cadre juridique"),
    ("p", "La présente convention a pour objet de confier au délégataire, à ses risques et périls, l'exploitation du "
          "centre aquatique. Elle est conclue en application des articles L1411-1 et suivants du code général des "
          "collectivités territoriales et de l'ordonnance n° 2016-65 du 29 janvier 2016 relative aux contrats de "
          "concession."),
    ("p", "La procédure a été conduite selon les articles 4 à 10 du décret n° 2016-86 du 1er février 2016. Valeur "
          "estimée de la concession : 4 800 000 € HT sur six ans."),
    ("h1", "Article 8 – Sobriété de l'équipement"),
    ("p", "Le délégataire réduit les consommations d'énergie et d'eau de l'équipement : il met en œuvre un plan de "
          "comptage, récupère la chaleur des eaux de vidange et rend compte chaque année des consommations."),
    ("h1", "Article 9 – Personnel"),
    ("p", "Le délégataire accueille au moins deux apprentis par an parmi le personnel affecté à l'exploitation."),
    ("p", "Le délégataire remet à l'autorité délégante, à la signature puis tous les six mois, les documents "
          "mentionnés à l'article D8222-5 du code du travail."),
    ("h1", "Article 15 – Sanctions"),
    ("p", "Toute fermeture non autorisée du bassin au public donne lieu à une pénalité de 1 500 € par jour."),
], [
    {"rule": "reference-perimee", "ref": "Ord. 2016-65", "at": "ordonnance n° 2016-65"},
    {"rule": "reference-perimee", "ref": "Décret 2016-86", "at": "décret n° 2016-86"},
    {"rule": "present-clause-environnementale", "at": "consommations d'énergie"},
    {"rule": "present-clause-sociale", "at": "apprentis"},
    {"rule": "present-vigilance", "at": "D8222-5"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# F4. AE with its DC4 subcontracting declaration, lettered sections « A – … », the current law of 1975 and CCP
# articles next to an old CMP article and the 2016 decree; nothing to declare.
blind("f04-ae-dc4-sous-traitance.docx", [
    ("title", "ACTE D'ENGAGEMENT"),
    ("p", "Travaux de rénovation de la toiture de la mairie – Lot 1 Couverture"),
    ("p", "A – Identification de l'acheteur : Commune de Belleval, représentée par son maire."),
    ("p", "B – Objet : le titulaire s'engage à exécuter les travaux du lot 1 au prix global et forfaitaire de "
          "186 400 € HT, conformément au CCAP et au CCTP."),
    ("p", "C – Délai : le délai d'exécution est de quatre mois à compter de l'ordre de service de démarrage."),
    ("title", "Annexe n° 1 – Déclaration de sous-traitance (DC4)"),
    ("p", "A – Objet de la déclaration : présentation d'un sous-traitant en cours d'exécution du marché, en "
          "application de l'article 3 de la loi n° 75-1334 du 31 décembre 1975 relative à la sous-traitance et des "
          "articles R2193-1 et suivants du code de la commande publique."),
    ("p", "B – Prestations sous-traitées : dépose et évacuation des tuiles, zinguerie. Montant maximum payé "
          "directement au sous-traitant : 38 000 € HT."),
    ("p", "C – Paiement direct : le sous-traitant est payé directement dans les conditions prévues à l'article 115 "
          "du code des marchés publics."),
    ("p", "D – Attestations : le sous-traitant déclare sur l'honneur ne pas tomber sous le coup des interdictions de "
          "soumissionner mentionnées aux articles 45 et 48 de l'ordonnance n° 2015-899 et produit les pièces prévues "
          "à l'article 134 du décret n° 2016-360 du 25 mars 2016."),
], [
    {"rule": "reference-perimee", "ref": "CMP 2006", "at": "article 115 du code des marchés publics"},
    {"rule": "reference-perimee", "ref": "Ord. 2015-899", "at": "ordonnance n° 2015-899"},
    {"rule": "reference-perimee", "ref": "Décret 2016-360", "at": "décret n° 2016-360"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": NONE_ENV})

# F5. CCTP entretien des espaces verts, all-caps « ARTICLE n - » headings and lettered paragraphs: zero phyto and
# differentiated management, wild seeds « d'origine locale » under the Végétal local mark (an ecological requirement,
# lawful), a penalty « sanctionné par une pénalité » without amount.
blind("f05-cctp-espaces-verts-gestion-differenciee.docx", [
    ("title", "CCTP"),
    ("p", "Entretien des parcs, squares et accotements enherbés de la commune"),
    ("bold", "ARTICLE 1 - OBJET"),
    ("p", "Entretien courant de 38 hectares d'espaces verts. Montant estimé : 150 000 € HT sur trois ans. Date d'envoi "
          "de l'avis à la publication : 09/11/2026."),
    ("bold", "ARTICLE 3 - GESTION DIFFERENCIEE"),
    ("p", "a) Les espaces sont entretenus selon le plan de gestion différenciée annexé : tontes espacées dans les "
          "zones de classe 3, fauche tardive des prairies après le 15 juillet."),
    ("p", "b) Aucun produit phytosanitaire n'est employé ; le désherbage des allées est mécanique ou thermique."),
    ("p", "c) Les déchets verts sont broyés sur place et réutilisés en paillage des massifs."),
    ("bold", "ARTICLE 4 - SEMIS ET PLANTATIONS"),
    ("p", "Les mélanges pour prairies fleuries sont composés d'espèces sauvages d'origine locale, garanties par la "
          "marque Végétal local ou par tout moyen de preuve équivalent."),
    ("bold", "ARTICLE 6 - CONTROLES"),
    ("p", "Tout usage constaté d'un produit phytosanitaire sur les espaces confiés est sanctionné par une pénalité."),
], [
    {"rule": "present-clause-environnementale", "at": "gestion différenciée"},
    {"rule": "present-clause-environnementale", "at": "espèces sauvages"},
    {"rule": "penalite-sans-montant", "at": "usage constaté"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# F6. RC of works in the code era, legal texts in Word footnotes (one cites the 2016 decree), variants allowed on the
# environmental performance (not an award criterion), price and technical value only, vigilance documents asked.
blind("f06-rc-menuiseries-variantes.docx", [
    ("title", "RÈGLEMENT DE LA CONSULTATION"),
    ("p", "Remplacement des menuiseries extérieures du groupe scolaire Jean-Moulin"),
    ("bold", "ARTICLE 1 - OBJET ET PROCÉDURE"),
    ("p", "Marché public de travaux passé selon la procédure adaptée{{note:Articles L2123-1 et R2123-1 du code de la "
          "commande publique.}}. Montant estimé : 310 000 € HT. Date d'envoi de l'avis à la publication : "
          "23/11/2026."),
    ("bold", "ARTICLE 3 - VARIANTES"),
    ("p", "Variantes autorisées : les candidats peuvent présenter, en plus de l'offre de base, une variante portant "
          "sur la performance environnementale des menuiseries (profilés à forte part de matière recyclée, bois issu "
          "de forêts gérées durablement){{note:Article 58 du décret n° 2016-360 du 25 mars 2016 relatif aux marchés "
          "publics.}}."),
    ("bold", "ARTICLE 5 - CRITÈRES DE JUGEMENT DES OFFRES"),
    ("p", "Les offres sont classées selon les critères pondérés suivants{{note:Article R2152-7 du code de la commande "
          "publique.}} :"),
    ("p", "- Prix des prestations : 60 %"),
    ("p", "- Valeur technique appréciée au vu du mémoire technique : 40 %"),
    ("bold", "ARTICLE 6 - ATTRIBUTION"),
    ("p", "Le candidat retenu produit une attestation de vigilance de l'URSSAF de moins de six mois et un extrait "
          "K-bis."),
], [
    {"rule": "reference-perimee", "ref": "Décret 2016-360", "at": "décret n° 2016-360"},
    {"rule": "environnement-critere-manquant"},
    {"rule": "present-vigilance", "at": "attestation de vigilance"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": NONE_ENV})

# F7. CCAP transport des enfants (service, vehicles driven by the carrier), typed « - » lists: coaches « de classe
# Euro VI », minibuses « Crit'Air 1 ou électriques », a delay « pénalisé » without amount, no social consideration above
# the EU threshold.
blind("f07-ccap-transport-enfants.docx", [
    ("title", "CCAP"),
    ("p", "Transport des enfants des accueils de loisirs et des sorties scolaires"),
    ("h1", "Article 1 – Objet"),
    ("p", "Accord-cadre de services de transport occasionnel de personnes par autocar et minibus avec conducteur. "
          "Montant estimé : 280 000 € HT sur quatre ans. Date d'envoi de l'avis à la publication : 30/11/2026."),
    ("h1", "Article 5 – Véhicules affectés"),
    ("p", "- les autocars sont au minimum de classe Euro VI ;"),
    ("p", "- les minibus de moins de neuf places sont classés Crit'Air 1 ou électriques."),
    ("h1", "Article 8 – Ponctualité"),
    ("p", "Le véhicule se présente au point de départ dix minutes avant l'heure fixée. Tout retard supérieur à quinze "
          "minutes est pénalisé."),
    ("h1", "Article 10 – Obligations sociales"),
    ("p", "Le titulaire remet tous les six mois les documents mentionnés à l'article D. 8222-5 du code du travail."),
], [
    {"rule": "present-clause-environnementale", "at": "Euro VI"},
    {"rule": "present-flotte", "at": "Crit'Air 1"},
    {"rule": "penalite-sans-montant", "at": "pénalisé"},
    {"rule": "present-vigilance", "at": "D. 8222-5"},
    {"rule": "social-condition-manquante"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# F8. CCAP travaux with Word automatic numbering: a « promotion de l'emploi » clause in hours with the « guichet
# unique », never the word « insertion »; waste in a SOGED; PEFC timber without equivalent; vigilance.
blind("f08-ccap-halle-emploi.docx", [
    ("header", "CCAP – Construction de la halle du marché couvert"),
    ("title", "Cahier des clauses administratives particulières"),
    ("p", "Construction de la halle du marché couvert – Lot 03 Charpente bois"),
    ("auto1", "Objet"),
    ("p", "Le présent marché de travaux porte sur la charpente et la couverture de la halle. Montant estimé du lot : "
          "640 000 € HT. Date d'envoi de l'avis à la publication : 19/10/2026."),
    ("auto1", "Promotion de l'emploi"),
    ("p", "Le titulaire réalise au moins 1 050 heures de travail au bénéfice de personnes rencontrant des difficultés "
          "sociales ou professionnelles particulières. Le guichet unique de la Maison de l'emploi oriente les "
          "candidats et suit les heures réalisées."),
    ("auto1", "Matériaux et déchets"),
    ("auto2", "Bois"),
    ("p", "Les bois de charpente sont issus de forêts gérées durablement et certifiés PEFC."),
    ("auto2", "Déchets"),
    ("p", "Le titulaire établit un schéma d'organisation et de gestion des déchets (SOGED) et justifie de leur "
          "évacuation."),
    ("auto1", "Obligations sociales"),
    ("p", "Le titulaire remet à la notification puis tous les six mois les documents mentionnés à l'article D8222-5 "
          "du code du travail."),
], [
    {"rule": "present-insertion", "at": "1 050 heures"},
    {"rule": "label-sans-equivalent", "at": "certifiés PEFC"},
    {"rule": "present-clause-environnementale", "at": "certifiés PEFC"},
    {"rule": "present-clause-environnementale", "at": "SOGED"},
    {"rule": "present-vigilance", "at": "D8222-5"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# --- sixth blind batch (g01–g06), written after the fixes of the fifth run and labelled before running them --------

# G1. CCAP maintenance informatique, the page header repeating the title: a service-level grid of penalties whose last
# row leaves the amount « au cas par cas », an availability penalty by formula (lawful), « C.C.A.G.-T.I.C. » of 2009
# with dots, Energy Star required without equivalent, reconditioned parts and WEEE channels, an on-site delay
# « quel que soit le lieu d'implantation » (lawful), no vigilance document, no social consideration above the threshold.
blind("g01-ccap-maintenance-informatique.docx", [
    ("header", "CCAP – Maintenance du parc informatique et des serveurs de la mairie"),
    ("title", "CCAP – Maintenance du parc informatique et des serveurs de la mairie"),
    ("h1", "Article 1 – Objet et durée"),
    ("p", "Le présent accord-cadre de services a pour objet la maintenance préventive et corrective des 320 postes de "
          "travail, des 14 serveurs et des équipements réseau de la ville. Montant maximum : 260 000 € HT sur quatre "
          "ans. Date d'envoi de l'avis à la publication : 05/10/2026."),
    ("h1", "Article 2 – Pièces contractuelles"),
    ("numbered", ["l'acte d'engagement ;", "le présent CCAP ;", "le CCTP et son annexe « inventaire du parc » ;",
                  "le C.C.A.G.-T.I.C. approuvé par l'arrêté du 16/09/2009."]),
    ("h1", "Article 5 – Niveaux de service et pénalités"),
    ("p", "Le délai d'intervention sur site est de quatre heures ouvrées, quel que soit le lieu d'implantation de "
          "l'agence du titulaire. Les dépassements des délais de rétablissement sont pénalisés selon la grille "
          "ci-dessous :"),
    ("table", [["Priorité de l'incident", "Délai de rétablissement", "Pénalité par heure de dépassement"],
               ["P1 – serveur ou réseau indisponible", "4 heures ouvrées", "150 € HT"],
               ["P2 – poste de travail bloqué", "8 heures ouvrées", "40 € HT"],
               ["P3 – demande d'évolution ou incident mineur", "5 jours ouvrés", "Appréciée au cas par cas"]]),
    ("p", "Lorsque le taux de disponibilité mensuel des serveurs est inférieur à 99,5 %, la facture du mois est "
          "réduite de 1 % par tranche de 0,1 point manquante."),
    ("h1", "Article 6 – Matériels de remplacement"),
    ("p", "Les écrans fournis en remplacement d'un matériel hors d'usage portent obligatoirement le label "
          "Energy Star."),
    ("h1", "Article 7 – Fin de vie des matériels"),
    ("p", "Les pièces détachées peuvent être reconditionnées. Les équipements hors d'usage sont remis par le titulaire "
          "à une filière agréée de traitement des déchets d'équipements électriques et électroniques (DEEE), qui en "
          "assure le réemploi ou le recyclage ; le titulaire en remet le bordereau à la ville."),
    ("h1", "Article 9 – Paiement"),
    ("p", "Les sommes dues sont payées dans un délai global de trente jours à compter de la réception de la facture."),
], [
    {"rule": "reference-perimee", "ref": "CCAG-TIC 2009", "at": "C.C.A.G.-T.I.C."},
    {"rule": "penalite-sans-montant", "at": "au cas par cas"},
    {"rule": "label-sans-equivalent", "at": "Energy Star"},
    {"rule": "present-clause-environnementale", "at": "Energy Star"},
    {"rule": "present-clause-environnementale", "at": "reconditionnées"},
    {"rule": "vigilance-documents-manquants"},
    {"rule": "social-condition-manquante"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# G2. RC of a works framework by purchase orders, typed « 1°, 2° » lists: a « clause de réexamen » and price revision on
# BT01 (lawful), the repealed loi MOP n° 85-704, an environmental criterion, a firm « implantée dans un rayon de
# 30 km » scored, qualifications « Qualibat ou équivalent » (lawful), vigilance documents asked.
blind("g02-rc-accord-cadre-travaux-reexamen.docx", [
    ("title", "RÈGLEMENT DE LA CONSULTATION"),
    ("p", "Accord-cadre à bons de commande de travaux d'entretien et de grosses réparations des bâtiments communaux"),
    ("bold", "ARTICLE 1 – OBJET"),
    ("p", "La consultation porte sur un accord-cadre mono-attributaire de travaux tous corps d'état exécuté par bons "
          "de commande. Montant maximum : 1 800 000 € HT sur quatre ans. Date d'envoi de l'avis à la publication : "
          "20/10/2026. Le maître d'ouvrage au sens de la loi n° 85-704 du 12 juillet 1985 est la commune."),
    ("bold", "ARTICLE 3 – PRIX ET CLAUSE DE RÉEXAMEN"),
    ("p", "Les prix sont révisables mensuellement par application de l'index BT01. En application de l'article "
          "R2194-1 du code de la commande publique, si l'index varie de plus de 15 % depuis le mois zéro, les parties "
          "réexaminent le bordereau de prix ; à défaut d'accord, le pouvoir adjudicateur peut résilier "
          "l'accord-cadre."),
    ("bold", "ARTICLE 5 – CAPACITÉS"),
    ("p", "Les candidats justifient de leurs capacités par des certificats de qualification professionnelle "
          "(Qualibat ou équivalent) ou par tout moyen de preuve équivalent."),
    ("bold", "ARTICLE 6 – JUGEMENT DES OFFRES"),
    ("p", "L'offre économiquement la plus avantageuse est appréciée selon les critères suivants :"),
    ("p", "1° Prix, apprécié sur le détail quantitatif estimatif : 50 points ;"),
    ("p", "2° Valeur technique : 35 points, dont 25 points pour les moyens affectés aux interventions et 10 points "
          "pour l'implantation de l'entreprise dans un rayon de 30 km de la mairie ;"),
    ("p", "3° Performance environnementale des chantiers (tri et réemploi des matériaux déposés) : 15 points."),
    ("bold", "ARTICLE 8 – PIÈCES À PRODUIRE PAR L'ATTRIBUTAIRE"),
    ("p", "1° les pièces mentionnées à l'article D8222-5 du code du travail ;"),
    ("p", "2° l'attestation d'assurance de responsabilité décennale en cours de validité."),
], [
    {"rule": "reference-perimee", "ref": "Loi 85-704", "at": "85-704"},
    {"rule": "preference-locale", "at": "rayon de 30 km"},
    {"rule": "present-critere-environnemental", "at": "Performance environnementale"},
    {"rule": "present-vigilance", "at": "D8222-5"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Critère environnemental"]})

# G3. CCTP cantine scolaire of a small commune written by a non-lawyer: run-on sentences, typos, « bio » and « local »
# everywhere; the EGalim shares said « 20% de bio » (no « biologique »), met by the caterer on meals ordered by purchase
# orders (lawful: the caterer buys the food), inox instead of plastic trays, local suppliers preferred, « il aura des
# pénalités » without amount.
blind("g03-cctp-cantine-commune.docx", [
    ("title", "CCTP cantine"),
    ("p", "Restauration scolaire : fourniture et livraison des repas de la cantine de l'école communale des Tilleuls"),
    ("bold", "LES REPAS"),
    ("p", "Le prestataire livre tout les jours d'école environ 85 repas en liaison chaude, les repas sont commandés "
          "par bons de commande chaque jeudi pour la semaine d'après, montant estimé 120 000 € HT pour 3 ans, date "
          "d'envoi de l'avis à la publication : 3 novembre 2026, il y a un menu végétarien une fois par semaine comme "
          "la loi le demande."),
    ("bold", "LES PRODUITS"),
    ("p", "Les repas doivent comporter au moins 50 % de produits de qualité et durable dont 20% de bio, le prestataire "
          "donne chaque trimestre la liste de ses achats avec les factures pour que la mairie puisse vérifier, le "
          "pain est du pain bio du boulanger et les yaourts sont bio."),
    ("p", "On veut manger local donc les produits locaux sont a privilégier au maximum et les fournisseurs du canton "
          "passent en priorité, la viande est française."),
    ("bold", "LE SERVICE"),
    ("p", "Les barquettes en plastique ne sont plus autorisées, les repas arrivent dans des bacs inox qui sont repris "
          "et lavés par le prestataire, les restes sont pesés pour lutter contre le gaspilage et réduire les "
          "quantités."),
    ("bold", "SI CA NE VA PAS"),
    ("p", "Si les repas arrivent en retard ou ne sont pas conformes au menu le prestataire aura des pénalités et au "
          "bout de trois fois la mairie peut arrêter le contrat."),
], [
    {"rule": "present-egalim", "at": "produits de qualité et durable"},
    {"rule": "preference-locale", "at": "produits locaux"},
    {"rule": "present-clause-environnementale", "at": "barquettes en plastique"},
    {"rule": "penalite-sans-montant", "at": "aura des pénalités"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# G4. AE of a lot reserved to ESAT and entreprises adaptées with its bordereau des prix unitaires (BPU) in a table,
# typed « 1°, 2° » commitments: payment under the repealed décret n° 2013-269, the workers « de l'établissement implanté
# sur le territoire de la communauté de communes » preferred; nothing environmental in an AE.
blind("g04-ae-bpu-lot-reserve-esat.docx", [
    ("title", "ACTE D'ENGAGEMENT"),
    ("p", "Entretien des espaces verts des écoles et des crèches – Lot n° 2 : tonte, taille et ramassage des feuilles"),
    ("bold", "A – Objet de l'acte d'engagement"),
    ("p", "Le présent lot est réservé aux établissements et services d'aide par le travail (ESAT) et aux entreprises "
          "adaptées, en application de l'article L2113-12 du code de la commande publique. Montant estimé du lot : "
          "60 000 € HT sur trois ans."),
    ("bold", "B – Engagement du candidat"),
    ("p", "Le candidat, après avoir pris connaissance des pièces du marché, s'engage :"),
    ("p", "1° à exécuter les prestations aux prix du bordereau ci-dessous ;"),
    ("p", "2° à affecter en priorité au lot les travailleurs de l'établissement implanté sur le territoire de la "
          "communauté de communes ;"),
    ("p", "3° à justifier, à la demande de l'acheteur, que la proportion de travailleurs handicapés qu'il emploie est "
          "au moins égale à 50 %."),
    ("bold", "C – Paiement"),
    ("p", "Le délai global de paiement est de trente jours, conformément au décret n° 2013-269 du 29 mars 2013 relatif "
          "à la lutte contre les retards de paiement dans les contrats de la commande publique."),
    ("bold", "D – Bordereau des prix unitaires"),
    ("table", [["N° prix", "Désignation", "Unité", "Prix unitaire HT"],
               ["1", "Tonte des pelouses, ramassage compris", "m²", "…… €"],
               ["2", "Taille des haies sur deux faces", "ml", "…… €"],
               ["3", "Ramassage et évacuation des feuilles", "passage", "…… €"]]),
], [
    {"rule": "present-marche-reserve", "at": "est réservé aux établissements"},
    {"rule": "preference-locale", "at": "établissement implanté sur le territoire"},
    {"rule": "reference-perimee", "ref": "Décret 2013-269", "at": "2013-269"},
], {"considerationsSociales": ["Marché réservé"], "considerationsEnvironnementales": NONE_ENV})

# G5. CCAP collecte des déchets in « TITRE » chapters: « véhicules propres » (GNV, bioGNV or electric) of class Euro VI,
# a « charte qualité » of the service (neutral), noise limited under the old number R1334-36 of the public health code,
# insertion hours with the PLIE, a « retenue sur facture » for each bin not collected without amount, the list of
# foreign workers (vigilance).
blind("g05-ccap-collecte-dechets-vehicules-propres.docx", [
    ("title", "Cahier des clauses administratives particulières"),
    ("p", "Collecte en porte-à-porte des déchets ménagers et assimilés et des emballages recyclables"),
    ("bold", "TITRE I – DISPOSITIONS GÉNÉRALES"),
    ("h1", "Article 1 – Objet"),
    ("p", "Le présent marché de services porte sur la collecte des ordures ménagères résiduelles et des emballages "
          "des 9 communes du syndicat. Montant estimé : 1 900 000 € HT sur cinq ans. Date d'envoi de l'avis à la "
          "publication : 14/10/2026."),
    ("h1", "Article 2 – Charte qualité"),
    ("p", "Le titulaire adhère à la charte qualité de la collecte annexée au présent CCAP (horaires, propreté des "
          "points de collecte, information des usagers) et en rend compte chaque mois."),
    ("bold", "TITRE II – EXÉCUTION"),
    ("h1", "Article 5 – Véhicules"),
    ("p", "Les bennes affectées au marché sont des véhicules propres, fonctionnant au GNV, au bioGNV ou à "
          "l'électricité, et de norme Euro VI au minimum."),
    ("h1", "Article 6 – Horaires et bruit"),
    ("p", "Les collectes commencent à 5 h 30 ; le titulaire limite les nuisances sonores (moteurs coupés lors des "
          "arrêts, lève-conteneurs silencieux) dans le respect de l'article R. 1334-36 du code de la santé publique."),
    ("h1", "Article 7 – Insertion"),
    ("p", "Le titulaire réserve au moins 7 % des heures de collecte à des personnes en parcours d'insertion "
          "orientées par le PLIE."),
    ("bold", "TITRE III – OBLIGATIONS SOCIALES ET SANCTIONS"),
    ("h1", "Article 9 – Obligations sociales"),
    ("p", "Le titulaire remet, à la notification puis tous les six mois, la liste nominative des salariés étrangers "
          "soumis à autorisation de travail et les documents de l'article D8222-5 du code du travail."),
    ("h1", "Article 10 – Sanctions"),
    ("p", "Tout bac présenté à la collecte et non collecté, sans motif signalé à la collectivité, donne lieu à une "
          "retenue sur la facture du mois."),
], [
    {"rule": "present-flotte", "at": "véhicules propres"},
    {"rule": "present-clause-environnementale", "at": "nuisances sonores"},
    {"rule": "reference-perimee", "ref": "C. santé publ. R1334-36", "at": "R. 1334-36"},
    {"rule": "present-insertion", "at": "7 % des heures"},
    {"rule": "present-vigilance", "at": "liste nominative"},
    {"rule": "penalite-sans-montant", "at": "retenue sur la facture"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# G6. RC in English-influenced wording: « best value », « award criteria : prix 70 / qualité 30 » (weighted, none
# environmental), the repealed directive 2004/18/CE, the « politique CSR » of the firm scored, the URSSAF certificate as
# « compliance check » (vigilance).
blind("g06-rc-best-value-communication.docx", [
    ("title", "Règlement de la consultation"),
    ("p", "Social media management et conseil en communication digitale de la Ville"),
    ("h1", "1. Scope of work – objet"),
    ("p", "La Ville recherche une agence pour le community management de ses comptes, la production de contenus et le "
          "reporting mensuel (KPI). Montant estimé : 150 000 € HT sur trois ans. Date d'envoi de l'avis à la "
          "publication : 10/11/2026. La procédure suit les principes de la directive 2004/18/CE."),
    ("h1", "2. Award criteria"),
    ("p", "Le contrat est attribué à l'offre best value, c'est-à-dire au meilleur rapport qualité-prix : "
          "prix 70 / qualité 30."),
    ("p", "La note qualité (30) se décompose en méthodologie et planning (15), profil de l'équipe dédiée (10) et "
          "politique CSR de l'entreprise (5)."),
    ("h1", "3. Shortlist et pitch"),
    ("p", "Les trois meilleures offres sont invitées à un pitch de 30 minutes en visioconférence ; le scoring final "
          "tient compte du pitch dans la note qualité."),
    ("h1", "4. Compliance check"),
    ("p", "Avant signature, le candidat retenu fournit un extrait Kbis et l'attestation URSSAF de moins de six mois."),
], [
    {"rule": "reference-perimee", "ref": "Directive 2004/18/CE", "at": "2004/18/CE"},
    {"rule": "environnement-critere-manquant"},
    {"rule": "politique-generale", "at": "politique CSR"},
    {"rule": "present-vigilance", "at": "attestation URSSAF"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": NONE_ENV})

# H1. CCAP of a « marché global de performance » (energy renovation and operation of a school group): the guaranteed
# consumption with a performance penalty given as a formula (lawful: an amount), the 2015 ordonnance's article 34, a
# « pénalité de non-performance » on comfort left to a later schedule (no amount), insertion hours, vigilance.
blind("h01-ccap-marche-global-performance.docx", [
    ("header", "Communauté de communes du Val d'Ysse – MGP groupe scolaire Jules-Ferry – CCAP"),
    ("footer", "CCAP – MGP – version consultation"),
    ("title", "Cahier des clauses administratives particulières"),
    ("p", "Marché global de performance pour la rénovation énergétique et l'exploitation-maintenance du groupe "
          "scolaire Jules-Ferry"),
    ("bold", "Article 1er – Objet et forme du marché"),
    ("p", "Le présent marché global de performance associe la conception, la réalisation des travaux de rénovation "
          "énergétique et l'exploitation-maintenance des installations pendant huit ans, avec des engagements de "
          "performance mesurables. Il est conclu en application de l'article 34 de l'ordonnance n° 2015-899 du 23 "
          "juillet 2015. Montant estimé : 3 900 000 € HT. Date d'envoi de l'avis à la publication : 02/11/2026."),
    ("bold", "Article 6 – Engagements de performance"),
    ("p", "6.1 Le titulaire garantit une consommation annuelle d'énergie finale pour le chauffage et l'eau chaude "
          "sanitaire n'excédant pas 410 MWh, à climat de référence, soit une réduction de 45 % par rapport à la "
          "situation initiale."),
    ("p", "6.2 Si la consommation mesurée et corrigée du climat dépasse l'engagement, le titulaire verse une "
          "pénalité de performance égale à 100 % du volume d'énergie consommé au-delà de l'engagement, valorisé au "
          "prix moyen du MWh de l'année."),
    ("p", "6.3 En cas de température intérieure inférieure à 19 °C constatée dans les salles de classe, une "
          "pénalité de non-performance est appliquée dans des conditions précisées ultérieurement par avenant."),
    ("bold", "Article 8 – Insertion professionnelle"),
    ("p", "Le titulaire réserve 2 500 heures de travail à des personnes éloignées de l'emploi, sur la phase travaux "
          "et la phase d'exploitation, avec l'appui du facilitateur de la communauté de communes."),
    ("bold", "Article 11 – Obligations sociales du titulaire"),
    ("p", "Le titulaire remet, à la notification puis tous les six mois jusqu'à la fin de l'exécution, les pièces "
          "prévues aux articles D. 8222-5 ou D. 8222-7 du code du travail."),
], [
    {"rule": "reference-perimee", "ref": "Ord. 2015-899", "at": "ordonnance n° 2015-899"},
    {"rule": "present-clause-environnementale", "at": "consommation annuelle d'énergie"},
    {"rule": "penalite-sans-montant", "at": "pénalité de non-performance"},
    {"rule": "present-insertion", "at": "2 500 heures"},
    {"rule": "present-vigilance", "at": "D. 8222-5"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# H2. CCTP of school furniture: NF Environnement « ou équivalent » (lawful), the FCBA's NF mark demanded without
# equivalent, recycled content of particle boards, take-back for reuse, a « fabrication à moins de 200 km » demand.
# (Label corrected after the first run: the recycled boards sit in article 2.2 with the ecolabel, and a present
# consideration is one finding per article, as in 23, b12 and c06; the first label counted it twice.)
blind("h02-cctp-mobilier-scolaire.docx", [
    ("header", "Ville de Montclar – CCTP – Mobilier scolaire 2027"),
    ("title", "CAHIER DES CLAUSES TECHNIQUES PARTICULIÈRES"),
    ("p", "Fourniture et livraison de mobilier scolaire (tables, chaises, armoires) pour les écoles élémentaires"),
    ("h1", "1 – Objet"),
    ("p", "Le présent CCTP fixe les caractéristiques du mobilier scolaire commandé par la Ville. Montant estimé : "
          "95 000 € HT. Date d'envoi de l'avis à la publication : 20/10/2026."),
    ("h1", "2 – Exigences techniques"),
    ("h2", "2.1 Normes"),
    ("p", "Les tables et chaises sont conformes à la norme NF EN 1729-1 et 1729-2 (tailles 4 à 6)."),
    ("p", "Le mobilier bénéficie de la marque NF Ameublement délivrée par le FCBA."),
    ("h2", "2.2 Exigences environnementales"),
    ("p", "Le mobilier répond aux critères de l'écolabel NF Environnement Ameublement ou d'un écolabel équivalent ; "
          "tout moyen de preuve approprié, notamment un dossier technique du fabricant, est accepté."),
    ("p", "Les plateaux en panneaux de particules contiennent au moins 30 % de bois recyclé ; les piètements "
          "métalliques sont sans chrome hexavalent."),
    ("h2", "2.3 Fabrication"),
    ("p", "Le mobilier est fabriqué dans un atelier situé à moins de 200 km de la commune."),
    ("h1", "3 – Reprise du mobilier usagé"),
    ("p", "Le titulaire reprend le mobilier remplacé et le remet à une structure de réemploi ; à défaut, à une "
          "filière de recyclage agréée ; il transmet un état des quantités reprises."),
], [
    {"rule": "label-sans-equivalent", "at": "NF Ameublement délivrée par le FCBA"},
    {"rule": "preference-locale", "at": "moins de 200 km"},
    {"rule": "present-clause-environnementale", "at": "NF Environnement Ameublement"},
    {"rule": "present-clause-environnementale", "at": "structure de réemploi"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# H3. RC of an insurance contract in lots: criteria on premium, guarantees and claims handling (weighted, none
# environmental although launched after August 2026), the 2016 decree's insurance article, « flotte automobile » as a
# lot (an insurance, not a vehicle purchase: no fleet rule), no vigilance documents asked.
blind("h03-rc-assurances.docx", [
    ("header", "SIVOM des Trois Vallées – Règlement de la consultation – Assurances 2027-2030"),
    ("title", "RÈGLEMENT DE LA CONSULTATION"),
    ("p", "Souscription des contrats d'assurance du SIVOM"),
    ("h1", "Article 1 – Objet et allotissement"),
    ("p", "La consultation porte sur les assurances du SIVOM pour quatre ans à compter du 1er janvier 2027 : lot 1 "
          "dommages aux biens, lot 2 responsabilité civile, lot 3 flotte automobile, lot 4 protection juridique. "
          "Montant estimé : 68 000 € HT de primes par an, soit 272 000 € HT sur quatre ans. Date d'envoi de l'avis à "
          "la publication : 16/11/2026."),
    ("h1", "Article 2 – Procédure"),
    ("p", "Appel d'offres ouvert en application des articles L2124-2 et R2124-2 du code de la commande publique. Les "
          "variantes relatives aux franchises sont autorisées, conformément à l'article 58 du décret n° 2016-360 du "
          "25 mars 2016."),
    ("h1", "Article 6 – Jugement des offres"),
    ("table", [["Critère", "Pondération"],
               ["Tarification (montant de la prime TTC, franchises et indexation)", "40 %"],
               ["Étendue des garanties (adéquation au cahier des charges, exclusions, plafonds)", "45 %"],
               ["Modalités de gestion des sinistres (délais de règlement, interlocuteur dédié)", "15 %"]]),
    ("h1", "Article 7 – Pièces à fournir par l'attributaire"),
    ("p", "L'attributaire produit le mandat de l'intermédiaire d'assurance, le cas échéant, et une attestation de "
          "son immatriculation à l'ORIAS."),
], [
    {"rule": "reference-perimee", "ref": "Décret 2016-360", "at": "décret n° 2016-360"},
    {"rule": "environnement-critere-manquant"},
    {"rule": "vigilance-documents-manquants"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": NONE_ENV})

# H4. CCAP of catering for a local hospital (services, 1.6 M€): EGalim shares as a commitment on the meals served,
# allergens and textures for dénutrition (neutral), CCAG-FCS of 2009, a flat penalty per non-compliant meal (amount)
# and « des pénalités pourront être appliquées » on the food plan (no amount), no social consideration above the EU
# threshold, vigilance by « attestation de vigilance ».
blind("h04-ccap-restauration-hopital.docx", [
    ("header", "Centre hospitalier de Saint-Aubin-des-Landes – CCAP restauration patients et personnel"),
    ("title", "C.C.A.P."),
    ("p", "Prestation de restauration des patients, des résidents de l'USLD et du self du personnel"),
    ("h1", "ARTICLE 1 – OBJET"),
    ("p", "Le présent marché de services a pour objet la confection et la distribution en liaison froide d'environ "
          "210 000 repas par an pour les patients, les résidents et le personnel. Montant estimé : 1 600 000 € HT "
          "sur quatre ans. Date d'envoi de l'avis à la publication : 09/11/2026."),
    ("h1", "ARTICLE 2 – PIÈCES CONTRACTUELLES"),
    ("p", "Le cahier des clauses administratives générales des marchés publics de fournitures courantes et de "
          "services approuvé par l'arrêté du 19 janvier 2009."),
    ("h1", "ARTICLE 5 – QUALITÉ DES REPAS"),
    ("p", "5.1 Le titulaire s'engage à ce que les repas servis comportent, en valeur d'achat sur l'année civile, "
          "au moins 50 % de produits durables et de qualité, dont au moins 20 % de produits issus de l'agriculture "
          "biologique, au sens de l'article L230-5-1 du code rural et de la pêche maritime."),
    ("p", "5.2 Les quatorze allergènes majeurs sont signalés pour chaque plat ; les textures modifiées (haché, mixé, "
          "lisse) et les enrichissements protéino-énergétiques prescrits contre la dénutrition sont respectés."),
    ("h1", "ARTICLE 9 – OBLIGATIONS SOCIALES"),
    ("p", "Le titulaire remet son attestation de vigilance à la notification puis tous les six mois."),
    ("h1", "ARTICLE 12 – PÉNALITÉS"),
    ("p", "12.1 Tout repas non conforme à la texture prescrite donne lieu à une pénalité de 15 € HT par repas."),
    ("p", "12.2 En cas de non-respect du plan alimentaire validé par la diététicienne, des pénalités pourront être "
          "appliquées."),
], [
    {"rule": "reference-perimee", "ref": "CCAG-FCS 2009", "at": "19 janvier 2009"},
    {"rule": "present-egalim", "at": "produits durables et de qualité"},
    {"rule": "present-vigilance", "at": "attestation de vigilance"},
    {"rule": "penalite-sans-montant", "at": "plan alimentaire"},
    {"rule": "social-condition-manquante"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# H5. A whole DCE typed as one Word file the way a PDF export looks: page headers « Page 2/9 », « Article 1er »,
# roman-numeral parts « I. – », « II. – », annexes as tables (criteria with weights, penalty schedule with one row
# « selon barème » without amount, documents list with the URSSAF certificate); road signs « certifiés NF ou
# équivalent » (lawful), the 1985 MOP law cited.
blind("h05-dce-signalisation-pdf-word.docx", [
    ("header", "DCE – Fourniture et pose de signalisation verticale – Page 1/9"),
    ("footer", "Commune de Lerval – Services techniques"),
    ("title", "DOSSIER DE CONSULTATION DES ENTREPRISES"),
    ("p", "Fourniture et pose de panneaux de signalisation verticale et de mobilier de sécurité routière"),
    ("bold", "I. – RÈGLEMENT DE LA CONSULTATION"),
    ("bold", "Article 1er – Objet"),
    ("p", "Accord-cadre de travaux à bons de commande, sans minimum, maximum 480 000 € HT sur quatre ans. Date "
          "d'envoi de l'avis à la publication : 23/10/2026. Les ouvrages d'art éventuellement concernés restent "
          "régis par la loi n° 85-704 du 12 juillet 1985 relative à la maîtrise d'ouvrage publique."),
    ("bold", "Article 2 – Jugement des offres"),
    ("p", "Les offres sont jugées selon les critères pondérés de l'annexe 1."),
    ("bold", "II. – CAHIER DES CLAUSES ADMINISTRATIVES PARTICULIÈRES"),
    ("bold", "Article 1er – Pièces constitutives"),
    ("p", "CCAG applicable aux marchés publics de travaux approuvé par l'arrêté du 30 mars 2021."),
    ("bold", "Article 2 – Produits"),
    ("p", "Les panneaux et supports sont certifiés NF Équipements de la route ou présentent une certification "
          "équivalente ; les films rétroréfléchissants sont de classe 2."),
    ("p", "Les panneaux déposés sont repris par le titulaire ; l'aluminium des faces et les supports en acier sont "
          "remis à une filière de recyclage et le titulaire en fournit les bordereaux."),
    ("bold", "Article 3 – Pénalités"),
    ("p", "Les pénalités sont fixées à l'annexe 2."),
    ("bold", "III. – ANNEXES"),
    ("p", "Annexe 1 – Critères de jugement"),
    ("table", [["Critère", "Pondération"], ["Prix (bordereau des prix)", "55 %"],
               ["Valeur technique (méthodologie, délais d'intervention)", "35 %"],
               ["Performance environnementale (recyclabilité des panneaux, émissions des véhicules d'intervention)",
                "10 %"]]),
    ("p", "Annexe 2 – Barème des pénalités"),
    ("table", [["Manquement", "Pénalité"], ["Retard de pose, par jour calendaire", "150 € HT"],
               ["Panneau posé non conforme au bon de commande", "selon barème"]]),
    ("p", "Annexe 3 – Pièces à remettre par l'attributaire"),
    ("table", [["Pièce", "Fondement"],
               ["Attestation de vigilance URSSAF de moins de six mois", "art. D. 8222-5 C. trav."],
               ["Extrait Kbis", "art. R. 2143-9 CCP"]]),
], [
    {"rule": "reference-perimee", "ref": "Loi 85-704", "at": "85-704"},
    {"rule": "present-clause-environnementale", "at": "filière de recyclage"},
    {"rule": "present-critere-environnemental", "at": "Performance environnementale"},
    {"rule": "penalite-sans-montant", "at": "selon barème"},
    {"rule": "present-vigilance", "at": "Attestation de vigilance URSSAF"},
], {"considerationsSociales": NONE_SOCIAL,
    "considerationsEnvironnementales": ["Clause environnementale", "Critère environnemental"]})

# I1. CCAP of a works contract passed by a « groupement de commandes » (town and its CCAS), typed by a hurried officer:
# « ART. 4 », typed « 4.2.1 » sub-headings, run-on sentences; the 2015 ordonnance's groupement article, a SOGED, timber
# « PEFC ou FSC ou équivalent » (lawful), insertion hours as a « minimum » with the territory's facilitator, a penalty
# bullet « pénalité forfaitaire par constat » with no amount, a waiver of the CCAG's exemption (lawful), no vigilance.
blind("i01-ccap-travaux-groupement-commandes.docx", [
    ("header", "Groupement de commandes Ville de Saint-Rémy-sur-Lys / CCAS – CCAP – Centre technique municipal"),
    ("title", "CCAP"),
    ("p", "Construction d'un centre technique municipal et d'une épicerie sociale – lots 1 à 9"),
    ("bold", "ART. 1 - OBJET - GROUPEMENT DE COMMANDES"),
    ("p", "Le present marché de travaux est passé par le groupement de commandes constitué entre la Ville et son CCAS "
          "en application de l'article 28 de l'ordonnance n° 2015-899 du 23 juillet 2015, la Ville est coordonnateur "
          "et signe le marché pour le compte des membres. Montant estimé tous lots : 2 400 000 € HT. Date d'envoi de "
          "l'avis à la publication : 16/11/2026."),
    ("bold", "ART. 3 - PIECES CONTRACTUELLES"),
    ("numbered", ["l'acte d'engagement du lot ;", "le présent CCAP ;", "le CCTP de chaque lot ;",
                  "le CCAG Travaux approuvé par l'arrêté du 30 mars 2021."]),
    ("bold", "ART. 4 - PREPARATION ET ORGANISATION DU CHANTIER"),
    ("bold", "4.2.1 Gestion des déchets de chantier"),
    ("p", "Chaque entreprise remet avec son offre puis met à jour un SOGED, les déchets sont triés sur le chantier en "
          "7 flux minimum (bois, métaux, plâtre, inertes, etc) et l'entreprise transmet les bordereaux à l'OPC chaque "
          "mois."),
    ("bold", "4.2.2 Bois"),
    ("p", "Les bois de charpente et de bardage sont issus de forêts gérées durablement, certifiés PEFC ou FSC ou "
          "équivalent, toute preuve de gestion durable étant acceptée."),
    ("bold", "4.2.3 Nettoyage"),
    ("p", "Le nettoyage du chantier est à la charge de chaque entreprise pour ce qui la concerne, en cas de carence le "
          "maître d'ouvrage fait intervenir une entreprise aux frais du défaillant après mise en demeure restée sans "
          "effet 48 heures."),
    ("bold", "ART. 6 - CLAUSE D'INSERTION"),
    ("p", "Les entreprises des lots 1, 2 et 5 réaliseront un minimum de 5 % des heures de main-d'œuvre du lot au "
          "profit de personnes rencontrant des difficultés sociales et professionnelles particulières, les modalités "
          "sont vues avec le facilitateur du territoire qui valide les candidats et le suivi des heures."),
    ("bold", "ART. 9 - PENALITES"),
    ("list", ["retard d'exécution : 1/1000e du montant HT du lot par jour calendaire de retard ;",
              "absence non excusée aux réunions de chantier : 100 € par absence ;",
              "non-respect des prescriptions du SOGED : pénalité forfaitaire par constat ;"]),
    ("p", "Par dérogation au CCAG Travaux, les pénalités sont dues dès le premier euro et ne sont pas plafonnées."),
], [
    {"rule": "reference-perimee", "ref": "Ord. 2015-899", "at": "ordonnance n° 2015-899"},
    {"rule": "present-clause-environnementale", "at": "SOGED, les déchets"},
    {"rule": "present-clause-environnementale", "at": "PEFC ou FSC"},
    {"rule": "present-insertion", "at": "5 % des heures"},
    {"rule": "penalite-sans-montant", "at": "prescriptions du SOGED"},
    {"rule": "vigilance-documents-manquants"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# I2. CCTP of cleaning products by bons de commande: a requirements table (« Ecolabel européen ou équivalent » lawful,
# « Marque NF Environnement » alone not), a presumption with any other proof (lawful), « seuls les produits porteurs de
# l'Ecolabel européen » in prose, dilution units, a share of « 60 % du montant annuel des commandes » imposed on the
# holder, « produits de fabrication française » preferred.
blind("i02-cctp-produits-entretien-tableau.docx", [
    ("header", "Communauté de communes Cœur de Bresse – CCTP – Produits d'entretien"),
    ("title", "C.C.T.P."),
    ("p", "Fourniture de produits d'entretien, d'hygiène et de petits matériels de nettoyage pour les bâtiments "
          "communautaires"),
    ("h1", "ARTICLE 1 – OBJET"),
    ("p", "Accord-cadre de fournitures à bons de commande, sans minimum, avec un maximum de 150 000 € HT sur quatre "
          "ans. Date d'envoi de l'avis à la publication : 19/10/2026."),
    ("h1", "ARTICLE 2 – EXIGENCES GÉNÉRALES"),
    ("p", "Les produits sont conformes au règlement (CE) n° 648/2004 relatif aux détergents et au règlement CLP ; le "
          "titulaire fournit la fiche de données de sécurité et la fiche technique de chaque référence."),
    ("h1", "ARTICLE 3 – EXIGENCES ENVIRONNEMENTALES PAR FAMILLE"),
    ("table", [["Famille de produits", "Exigence environnementale", "Justificatif"],
               ["Détergents pour sols et surfaces", "Ecolabel européen ou équivalent",
                "Certificat, ou dossier technique du fabricant"],
               ["Produits pour vaisselle manuelle", "Marque NF Environnement", "Certificat NF"],
               ["Essuie-mains et papier toilette", "Fibres recyclées ou issues de forêts gérées durablement",
                "Fiche technique"]]),
    ("p", "Un produit titulaire d'un écolabel de type I est présumé satisfaire aux exigences ci-dessus ; le candidat "
          "peut en apporter la preuve par tout autre moyen approprié."),
    ("h1", "ARTICLE 4 – SANITAIRES"),
    ("p", "Pour l'entretien des sanitaires, seuls les produits porteurs de l'Ecolabel européen sont admis."),
    ("h1", "ARTICLE 5 – CONDITIONNEMENTS ET DOSAGE"),
    ("p", "Les produits concentrés sont livrés avec des systèmes de dosage ou des centrales de dilution mis à "
          "disposition gratuitement ; les bidons vides sont repris par le titulaire lors de la livraison suivante."),
    ("h1", "ARTICLE 6 – PART DES PRODUITS ÉCOLABELLISÉS"),
    ("p", "Le titulaire s'engage à ce que les produits écolabellisés représentent au moins 60 % du montant annuel des "
          "commandes."),
    ("h1", "ARTICLE 7 – ORIGINE DES PRODUITS"),
    ("p", "À prix équivalent, le titulaire propose en priorité des produits de fabrication française."),
], [
    {"rule": "present-clause-environnementale", "at": "Ecolabel européen ou équivalent"},
    {"rule": "label-sans-equivalent", "at": "Marque NF Environnement"},
    {"rule": "label-sans-equivalent", "at": "seuls les produits porteurs"},
    {"rule": "present-clause-environnementale", "at": "seuls les produits porteurs"},
    {"rule": "present-clause-environnementale", "at": "centrales de dilution"},
    {"rule": "obligation-resultat-bons-de-commande", "at": "60 % du montant annuel"},
    {"rule": "present-clause-environnementale", "at": "60 % du montant annuel"},
    {"rule": "preference-locale", "at": "fabrication française"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# I3. RC of a caterer for receptions (not collective catering): points out of 100, an environmental criterion listed
# « 0 point, à titre d'information » (no criterion in law: the environmental criterion is missing), the caterer's
# kitchen required « distant de 30 km au plus » of the town hall, a delivery time stated instead (lawful), vigilance.
blind("i03-rc-traiteur-critere-information.docx", [
    ("header", "Ville de Beaulieu-les-Sources – RC – Réceptions 2027-2029"),
    ("title", "RÈGLEMENT DE CONSULTATION"),
    ("p", "Prestations de traiteur pour les réceptions, vins d'honneur et cérémonies de la Ville"),
    ("h1", "1. Objet de la consultation"),
    ("p", "Accord-cadre de services à bons de commande, mono-attributaire, conclu pour un an reconductible deux fois. "
          "Montant maximum : 90 000 € HT sur la durée totale. Date d'envoi de l'avis à la publication : 26/10/2026."),
    ("h1", "2. Conditions de la consultation"),
    ("p", "Procédure adaptée en application de l'article R2123-1 1° du code de la commande publique. Les variantes ne "
          "sont pas admises."),
    ("p", "Pour garantir la fraîcheur des produits, le laboratoire de production du candidat doit être distant de "
          "30 km au plus de l'hôtel de ville."),
    ("p", "Le délai entre la sortie du laboratoire et le service ne peut excéder deux heures, chaîne du froid "
          "respectée."),
    ("h1", "4. Critères d'attribution"),
    ("p", "Les offres sont notées sur 100 points :"),
    ("list", ["Prix (détail estimatif de cinq réceptions types) : 55 points",
              "Qualité des prestations (qualité gustative, présentation, composition des buffets) : 45 points",
              "Performance environnementale (vaisselle réutilisable, gestion des restes, produits de saison) : "
              "0 point, à titre d'information"]),
    ("h1", "5. Pièces à produire par l'attributaire"),
    ("p", "L'attributaire produit, dans un délai de cinq jours, l'attestation de vigilance délivrée par l'URSSAF "
          "datant de moins de six mois et un extrait Kbis."),
], [
    {"rule": "environnement-critere-manquant"},
    {"rule": "preference-locale", "at": "distant de 30 km"},
    {"rule": "present-vigilance", "at": "attestation de vigilance"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": NONE_ENV})

# I4. AE of a laundry contract reserved to ESAT only, under the wrong article (L2113-13, the SIAE's: no finding the
# check could make until batch j added the rule « reservation-article-errone », labelled then),
# bullets of the signatory's commitments with the 2015 ordonnance's exclusion articles of old forms,
# vigilance documents, the reserved firm's share of disabled workers (the reservation, not a social clause).
blind("i04-ae-blanchisserie-esat.docx", [
    ("title", "ACTE D'ENGAGEMENT (AE)"),
    ("p", "Marché n° 2026-BL-07 – Entretien du linge plat et des tenues de travail des crèches et de la résidence "
          "autonomie"),
    ("bold", "1 - Identification de l'acheteur"),
    ("p", "Centre communal d'action sociale de Vernay, représenté par sa vice-présidente."),
    ("bold", "2 - Objet"),
    ("p", "Le marché a pour objet le ramassage, le lavage, le séchage, le repassage et la livraison du linge. Il est "
          "réservé aux établissements et services d'aide par le travail (ESAT), en application de l'article L2113-13 "
          "du code de la commande publique. Montant estimé : 70 000 € HT sur trois ans."),
    ("bold", "3 - Engagement du titulaire"),
    ("p", "Après avoir pris connaissance du CCAP, du CCTP et des documents qui y sont mentionnés, le signataire :"),
    ("list", ["s'engage à exécuter les prestations aux prix indiqués au bordereau ci-après ;",
              "déclare sur l'honneur ne pas entrer dans l'un des cas d'interdiction de soumissionner mentionnés aux "
              "articles 45 et 48 de l'ordonnance n° 2015-899 du 23 juillet 2015 ;",
              "s'engage à remettre, à la notification puis tous les six mois, les documents mentionnés à l'article "
              "D. 8222-5 du code du travail ;",
              "certifie que la proportion de travailleurs handicapés accueillis dans l'établissement est au moins "
              "égale à 50 %."]),
    ("bold", "4 - Prix"),
    ("p", "4.1 Les prix sont fermes la première année puis révisés annuellement selon la formule de l'article 5 du "
          "CCAP."),
    ("p", "4.2 Bordereau des prix unitaires"),
    ("table", [["N°", "Désignation", "Unité", "Prix HT"], ["1", "Linge plat (draps, housses, taies)", "kg", "…… €"],
               ["2", "Tenues de travail des agents", "pièce", "…… €"],
               ["3", "Linge de toilette des résidents", "kg", "…… €"]]),
    ("bold", "5 - Paiement"),
    ("p", "Le délai global de paiement est de 30 jours (articles R2192-10 et suivants du code de la commande "
          "publique)."),
    ("bold", "6 - Signature"),
    ("p", "Fait en un seul original, à ……, le ……"),
], [
    {"rule": "present-marche-reserve", "at": "réservé aux établissements et services"},
    {"rule": "reservation-article-errone", "at": "réservé aux établissements et services"},
    {"rule": "reference-perimee", "ref": "Ord. 2015-899", "at": "ordonnance n° 2015-899"},
    {"rule": "present-vigilance", "at": "D. 8222-5"},
], {"considerationsSociales": ["Marché réservé"], "considerationsEnvironnementales": NONE_ENV})

# I5. CCAP of school transport by coach in mixed styles (« 1.1 » paragraphs, « 4.2.1 » headings, bullets, a penalty
# table): the 2006 code's tender articles, « norme Euro VI » with a Crit'Air sticker (environmental condition), new
# coaches on bioGNV or electricity (fleet), eco-driving, an apprentice driver (social condition), vigilance in a
# bullet, a penalty intro before its table (lawful) and one row « à l'appréciation de l'autorité organisatrice ».
blind("i05-ccap-transport-scolaire-styles-mixtes.docx", [
    ("header", "Syndicat intercommunal de transport scolaire du Haut-Val – CCAP"),
    ("title", "Cahier des clauses administratives particulières"),
    ("p", "Transport scolaire des élèves des écoles, collèges et lycée du syndicat – circuits réguliers par autocar"),
    ("bold", "ARTICLE 1 – OBJET – DURÉE"),
    ("p", "1.1 Le marché de services porte sur l'exécution de 14 circuits de transport scolaire par autocar. Montant "
          "estimé : 900 000 € HT sur quatre ans. Date d'envoi de l'avis à la publication : 07/10/2026."),
    ("p", "1.2 Le marché est passé selon la procédure d'appel d'offres ouvert prévue aux articles 33 et 57 à 59 du "
          "code des marchés publics."),
    ("bold", "ARTICLE 2 – PIÈCES CONTRACTUELLES"),
    ("list", ["l'acte d'engagement ;", "le présent CCAP ;", "le CCTP et la fiche de chaque circuit ;",
              "le CCAG des marchés publics de fournitures courantes et de services (arrêté du 30 mars 2021)."]),
    ("bold", "ARTICLE 4 – MOYENS AFFECTÉS"),
    ("bold", "4.2 Véhicules"),
    ("bold", "4.2.1 Normes d'émission"),
    ("p", "Les autocars affectés aux circuits répondent au minimum à la norme Euro VI ; les véhicules de réserve "
          "peuvent être de norme Euro V pendant la première année. Les véhicules portent le certificat qualité de "
          "l'air (Crit'Air) correspondant, apposé sur le pare-brise."),
    ("bold", "4.2.2 Renouvellement"),
    ("p", "Tout autocar mis en service en cours de marché fonctionne au bioGNV ou à l'électricité ; le titulaire "
          "présente chaque année l'état de son parc affecté."),
    ("bold", "4.3 Conducteurs"),
    ("list", ["les conducteurs sont titulaires du permis D et de la FIMO ou de la FCO en cours de validité ;",
              "ils sont formés à l'éco-conduite dans les six mois suivant leur affectation ;",
              "le titulaire accueille, pour l'exécution du marché, au moins un conducteur en contrat de "
              "professionnalisation ou en apprentissage par année scolaire."]),
    ("bold", "ARTICLE 7 – DOCUMENTS À PRODUIRE PAR LE TITULAIRE"),
    ("p", "Le titulaire remet au syndicat, à la notification puis tous les six mois jusqu'à la fin du marché :"),
    ("list", ["une attestation de fourniture des déclarations sociales et de paiement des cotisations émanant de "
              "l'URSSAF, de moins de six mois ;",
              "la liste des véhicules affectés avec leur carte grise et leur classe Crit'Air."]),
    ("bold", "ARTICLE 9 – PÉNALITÉS"),
    ("p", "Les pénalités suivantes sont appliquées sans mise en demeure préalable :"),
    ("table", [["Manquement constaté", "Pénalité"],
               ["Retard au point de montée supérieur à 10 minutes", "80 € HT par retard"],
               ["Circuit non effectué", "1 000 € HT par circuit"],
               ["Autocar ne respectant pas la norme Euro VI", "300 € HT par jour d'utilisation"],
               ["Absence de l'accompagnateur prévu au circuit", "à l'appréciation de l'autorité organisatrice"]]),
    ("bold", "ARTICLE 12 – RÉSILIATION"),
    ("p", "Les stipulations du CCAG-FCS relatives à la résiliation s'appliquent. En cas de retrait de l'inscription au "
          "registre des transporteurs, le marché est résilié de plein droit."),
], [
    {"rule": "reference-perimee", "ref": "CMP 2006", "at": "code des marchés publics"},
    {"rule": "present-clause-environnementale", "at": "norme Euro VI ;"},
    {"rule": "present-flotte", "at": "bioGNV"},
    {"rule": "present-clause-environnementale", "at": "éco-conduite"},
    {"rule": "present-clause-sociale", "at": "contrat de professionnalisation"},
    {"rule": "present-vigilance", "at": "attestation de fourniture"},
    {"rule": "penalite-sans-montant", "at": "appréciation de l'autorité"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# J1. CCAP of electricity supply: « 100 % d'origine renouvelable » proved by guarantees of origin (environmental
# condition in the energy trade's words), the end of regulated tariffs told through the « loi NOME » (a history, not
# a reference to apply: lawful), a monthly report of energy consumption for the sobriety plan, a penalty « selon la
# gravité », vigilance by D. 8222-5, no social consideration above the EU threshold.
blind("j01-ccap-fourniture-electricite.docx", [
    ("header", "Ville de Saint-Aubin-les-Étangs – Accord-cadre de fourniture d'électricité – CCAP"),
    ("title", "CAHIER DES CLAUSES ADMINISTRATIVES PARTICULIÈRES"),
    ("bold", "ARTICLE 1 – OBJET"),
    ("p", "Le présent accord-cadre a pour objet la fourniture d'électricité et les services associés pour les 46 "
          "points de livraison de la ville (bâtiments communaux et éclairage public). Montant estimé : 1 400 000 € "
          "HT sur trois ans. Date d'envoi de l'avis à la publication : 02/10/2026."),
    ("bold", "ARTICLE 2 – CONTEXTE"),
    ("p", "Depuis la suppression des tarifs réglementés de vente pour les sites de puissance souscrite supérieure à "
          "36 kVA, prévue par la loi n° 2010-1488 du 7 décembre 2010 portant nouvelle organisation du marché de "
          "l'électricité (loi NOME), la ville achète son électricité après mise en concurrence."),
    ("bold", "ARTICLE 3 – PIÈCES CONTRACTUELLES"),
    ("list", ["l'acte d'engagement et l'annexe listant les points de livraison ;", "le présent CCAP ;",
              "le CCTP ;", CCAG_FCS_2021]),
    ("bold", "ARTICLE 5 – ORIGINE DE L'ÉLECTRICITÉ"),
    ("p", "5.1 Le titulaire fournit une électricité 100 % renouvelable : pour chaque année de livraison, il acquiert "
          "et annule au registre national autant de garanties d'origine que de mégawattheures consommés par les points "
          "de livraison du marché, et en remet l'attestation au pouvoir adjudicateur avant le 31 mars de l'année "
          "suivante."),
    ("bold", "ARTICLE 6 – DONNÉES DE CONSOMMATION"),
    ("p", "Le titulaire transmet chaque mois, par site, les index relevés et un bilan des consommations d'énergie, "
          "utilisé pour le suivi du plan de sobriété de la ville."),
    ("bold", "ARTICLE 8 – PÉNALITÉS"),
    ("p", "8.1 Retard dans la remise de l'attestation d'annulation des garanties d'origine : 50 € HT par jour de "
          "retard."),
    ("p", "8.2 L'absence d'annulation de garanties d'origine pour tout ou partie des volumes livrés donne lieu à une "
          "pénalité fixée selon la gravité du manquement."),
    ("bold", "ARTICLE 9 – OBLIGATIONS SOCIALES"),
    ("p", "Le titulaire produit, à la notification puis tous les six mois, les pièces prévues aux articles D. 8222-5 "
          "et D. 8254-2 du code du travail."),
], [
    {"rule": "present-clause-environnementale", "at": "garanties d'origine que de mégawattheures"},
    {"rule": "present-clause-environnementale", "at": "plan de sobriété"},
    {"rule": "penalite-sans-montant", "at": "selon la gravité"},
    {"rule": "present-vigilance", "at": "D. 8222-5"},
    {"rule": "social-condition-manquante"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# J2. CCTP of IT equipment: TCO Certified / EPEAT with equivalents for laptops, EPEAT alone for screens (no
# equivalent), a repairability index asked, spare parts for seven years, insertion hours in the deployment.
blind("j02-cctp-postes-informatiques.docx", [
    ("header", "Communauté d'agglomération du Val d'Ombre – CCTP – Postes de travail"),
    ("title", "Cahier des clauses techniques particulières"),
    ("p", "Fourniture de postes de travail informatiques"),
    ("bold", "1. Objet"),
    ("p", "Le marché porte sur la fourniture de 320 ordinateurs portables, 150 écrans et leurs stations d'accueil, "
          "ainsi que leur déploiement dans les services. Montant estimé : 410 000 € HT. Date d'envoi de l'avis à la "
          "publication : 20/10/2026."),
    ("bold", "2. Ordinateurs portables"),
    ("p", "Les ordinateurs portables sont certifiés TCO Certified (génération 9) ou EPEAT niveau Gold, ou disposent "
          "d'un label équivalent ; tout autre moyen de preuve approprié est accepté."),
    ("bold", "3. Écrans"),
    ("p", "Les écrans sont obligatoirement labellisés EPEAT Silver. Leur diagonale est de 24 pouces, avec un réglage "
          "en hauteur et un pivot."),
    ("bold", "4. Réparabilité et durée d'usage"),
    ("p", "L'indice de réparabilité de chaque modèle d'ordinateur portable proposé est au moins égal à 7/10 ; le "
          "candidat l'indique dans son offre. Les pièces détachées restent disponibles pendant au moins sept ans "
          "après la livraison."),
    ("bold", "5. Déploiement"),
    ("p", "Le déballage, l'installation et la configuration des postes sont réalisés sur site. Pour ces tâches, le "
          "titulaire réserve au moins 600 heures de travail à des personnes éloignées de l'emploi, avec l'appui du "
          "facilitateur de la communauté d'agglomération."),
], [
    {"rule": "present-clause-environnementale", "at": "TCO Certified"},
    {"rule": "label-sans-equivalent", "at": "EPEAT Silver"},
    {"rule": "present-clause-environnementale", "at": "EPEAT Silver"},
    {"rule": "present-clause-environnementale", "at": "indice de réparabilité"},
    {"rule": "present-insertion", "at": "600 heures"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# J3. RC of blinds and curtains for schools: the environmental consideration only as a weighted sub-criterion of
# the technical value, sub-criteria whose weights do not add up to their criterion's (no finding type for that), a
# delivery criterion without weight, the company's CSR report asked at the application stage, URSSAF attestation.
blind("j03-rc-stores-ecoles.docx", [
    ("header", "Commune de Monteval – RC – Stores et rideaux occultants"),
    ("title", "RÈGLEMENT DE LA CONSULTATION"),
    ("bold", "1 - Objet de la consultation"),
    ("p", "Fourniture et pose de stores et de rideaux occultants dans les salles de classe des cinq écoles "
          "communales. Montant estimé : 150 000 € HT. Date d'envoi de l'avis à la publication : 09/10/2026."),
    ("bold", "2 - Dossier de candidature"),
    ("p", "Outre le DC1 et le DC2, les candidats justifient de leur démarche RSE en joignant leur dernier rapport "
          "extra-financier."),
    ("bold", "3 - Critères d'attribution"),
    ("p", "Critère 1 – Prix des prestations : 50 %"),
    ("p", "Critère 2 – Valeur technique : 40 %, appréciée au regard des sous-critères suivants :"),
    ("list", ["méthodologie de pose et planning d'intervention pendant les vacances scolaires (20 %) ;",
              "qualité et garantie des matériaux (15 %) ;",
              "performance environnementale des tissus et des mécanismes : part de matières recyclées, absence de "
              "retardateurs de flamme halogénés (10 %)."]),
    ("p", "Critère 3 – Délai de livraison"),
    ("bold", "4 - Attribution"),
    ("p", "Le candidat retenu produit, dans les huit jours, une attestation de vigilance délivrée par l'URSSAF de "
          "moins de six mois."),
], [
    {"rule": "politique-generale", "at": "démarche RSE"},
    {"rule": "present-critere-environnemental", "at": "performance environnementale des tissus"},
    {"rule": "critere-sans-ponderation", "at": "Délai de livraison"},
    {"rule": "present-vigilance", "at": "attestation de vigilance"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Critère environnemental"]})

# J4. CCAP of a reserved mailing contract: lot 1 reserved to ESAT and adapted firms under the SIAE article (the
# check could not see the wrong article: rule « reservation-article-errone » added after the first run, labelled
# then), lot 2 « non réservé » (lawful), the 50 % proportion of R2113-7 (the
# reservation's condition, no social clause), recycled or PEFC/FSC « ou équivalent » envelopes, errors « pénalisées »
# without amount, no vigilance documents.
blind("j04-ccap-mise-sous-pli-reserve.docx", [
    ("header", "Ville de Rochebrune – CCAP – Mise sous pli et routage"),
    ("title", "Cahier des clauses administratives particulières"),
    ("bold", "Article 1 – Objet et allotissement"),
    ("p", "Le marché porte sur la mise sous pli, l'affranchissement et le routage des courriers de la ville. Montant "
          "estimé : 90 000 € HT sur deux ans. Date d'envoi de l'avis à la publication : 16/10/2026."),
    ("list", ["Lot 1 – Mise sous pli : lot réservé aux établissements et services d'aide par le travail et aux "
              "entreprises adaptées, en application de l'article L2113-13 du code de la commande publique ;",
              "Lot 2 – Affranchissement et dépôt : lot non réservé."]),
    ("bold", "Article 2 – Pièces contractuelles"),
    ("p", "L'acte d'engagement, le présent CCAP, le CCTP et le CCAG-FCS approuvé par l'arrêté du 30 mars 2021."),
    ("bold", "Article 3 – Condition de la réservation"),
    ("p", "Conformément à l'article R2113-7 du code de la commande publique, le titulaire du lot 1 justifie que la "
          "proportion de travailleurs handicapés qu'il emploie est d'au moins 50 %."),
    ("bold", "Article 4 – Enveloppes"),
    ("p", "Les enveloppes fournies sont en papier recyclé ou issues de forêts gérées durablement (PEFC, FSC ou "
          "équivalent)."),
    ("bold", "Article 6 – Pénalités"),
    ("p", "Tout retard dans le dépôt des plis donne lieu à une pénalité de 30 € HT par jour. Les erreurs d'adressage "
          "imputables au titulaire seront pénalisées."),
], [
    {"rule": "present-marche-reserve", "at": "lot réservé aux établissements"},
    {"rule": "reservation-article-errone", "at": "lot réservé aux établissements"},
    {"rule": "present-clause-environnementale", "at": "papier recyclé"},
    {"rule": "penalite-sans-montant", "at": "erreurs d'adressage"},
    {"rule": "vigilance-documents-manquants"},
], {"considerationsSociales": ["Marché réservé"], "considerationsEnvironnementales": ["Clause environnementale"]})

# J5. CCAP of building cleaning pasted from a 2015 template: décret 2016-360, « article 14 du code des marchés
# publics », the CCAG-FCS of 19 January 2009, the repealed L8222-6 penalty; the takeover of staff under annexe 7 of
# the cleaning agreement (lawful, no consideration), an insertion clause of 5 % of hours, work in daytime (social),
# the European Ecolabel required alone.
blind("j05-ccap-proprete-ancien-modele.docx", [
    ("header", "Mairie de Belcourt – CCAP – Nettoyage des locaux"),
    ("title", "CAHIER DES CLAUSES ADMINISTRATIVES PARTICULIERES"),
    ("bold", "ARTICLE 1 - OBJET DU MARCHE"),
    ("p", "Le présent marché a pour objet le nettoyage des locaux de la mairie annexe, des deux gymnases et de la "
          "médiathèque. Montant estimé : 480 000 € HT sur quatre ans. Date d'envoi de l'avis à la publication : "
          "05/10/2026."),
    ("bold", "ARTICLE 2 - PROCEDURE"),
    ("p", "Le marché est passé selon la procédure adaptée prévue à l'article 27 du décret n° 2016-360 du 25 mars "
          "2016 relatif aux marchés publics."),
    ("bold", "ARTICLE 3 - PIECES CONTRACTUELLES"),
    ("p", "Le cahier des clauses administratives générales applicable aux marchés publics de fournitures courantes et "
          "de services, approuvé par l'arrêté du 19 janvier 2009, complète le présent CCAP."),
    ("bold", "ARTICLE 4 - REPRISE DU PERSONNEL"),
    ("p", "En application de l'accord du 5 mars 2002 (annexe 7 de la convention collective nationale des entreprises "
          "de propreté), le titulaire reprend les salariés affectés aux sites par le prestataire sortant dont la liste "
          "figure en annexe 2."),
    ("bold", "ARTICLE 5 - CLAUSE D'INSERTION"),
    ("p", "Conformément à l'article 14 du code des marchés publics, le titulaire réserve au moins 5 % des heures "
          "travaillées à des personnes rencontrant des difficultés sociales et professionnelles particulières. Les "
          "heures des salariés repris au titre de l'annexe 7 qui relèvent de ce public sont comptées."),
    ("bold", "ARTICLE 6 - HORAIRES"),
    ("p", "Les prestations de nettoyage sont réalisées en journée, entre 7 h et 19 h, hors heures d'ouverture au "
          "public des gymnases."),
    ("bold", "ARTICLE 7 - PRODUITS"),
    ("p", "Les produits d'entretien utilisés portent l'Ecolabel européen."),
    ("bold", "ARTICLE 9 - TRAVAIL DISSIMULE"),
    ("p", "Le titulaire remet tous les six mois les documents mentionnés à l'article D. 8222-5 du code du travail. "
          "En application de l'article L. 8222-6 du même code, il encourt une pénalité égale à 10 % du montant du "
          "marché s'il méconnaît ses obligations."),
], [
    {"rule": "reference-perimee", "ref": "Décret 2016-360", "at": "décret n° 2016-360"},
    {"rule": "reference-perimee", "ref": "CCAG-FCS 2009", "at": "19 janvier 2009"},
    {"rule": "reference-perimee", "ref": "CMP 2006 art. 14", "at": "article 14 du code des marchés publics"},
    {"rule": "reference-perimee", "ref": "C. trav. L8222-6 (rédaction 2011)", "at": "L. 8222-6"},
    {"rule": "present-insertion", "at": "5 % des heures"},
    {"rule": "present-clause-sociale", "at": "en journée"},
    {"rule": "label-sans-equivalent", "at": "Ecolabel européen"},
    {"rule": "present-clause-environnementale", "at": "Ecolabel européen"},
    {"rule": "present-vigilance", "at": "D. 8222-5"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# K1. CCTP of coach hire with driver for school outings (a carrier's service: no fleet obligation), « Chapitre » parts
# and « 2.3 » sub-articles, a vehicles table asking a Crit'Air 2 class (environmental condition in a table), engines
# stopped while waiting (environmental, in the drivers' words), the coaches kept in a depot « de la commune ou d'une
# commune limitrophe » (local preference), penalties pointing to the CCAP (lawful), above the EU threshold with no
# social consideration.
blind("k01-cctp-location-autocars-sorties-scolaires.docx", [
    ("header", "Communauté de communes du Pays de Serre – CCTP – Location d'autocars avec chauffeur"),
    ("title", "Cahier des clauses techniques particulières"),
    ("p", "Location d'autocars avec chauffeur pour les sorties scolaires, périscolaires et les séjours des centres de "
          "loisirs"),
    ("bold", "CHAPITRE 1 – DISPOSITIONS GÉNÉRALES"),
    ("bold", "1.1 Objet"),
    ("p", "Le présent accord-cadre à bons de commande porte sur la mise à disposition d'autocars avec conducteur pour "
          "les déplacements des élèves des douze écoles et des deux centres de loisirs communautaires. Montant "
          "maximum : 240 000 € HT sur quatre ans. Date d'envoi de l'avis à la publication : 09/11/2026."),
    ("bold", "1.2 Commande des transports"),
    ("p", "Chaque transport fait l'objet d'un bon de commande transmis par courriel au moins sept jours avant la date "
          "de la sortie ; il précise l'horaire, le lieu de prise en charge, la destination et l'effectif."),
    ("bold", "CHAPITRE 2 – VÉHICULES ET CONDUCTEURS"),
    ("bold", "2.1 Caractéristiques des autocars"),
    ("p", "Les véhicules affectés aux transports commandés présentent les caractéristiques suivantes :"),
    ("table", [["Caractéristique", "Niveau demandé"],
               ["Capacité", "de 49 à 63 places assises, ceintures de sécurité à toutes les places"],
               ["Certificat qualité de l'air", "Crit'Air 2 ou classe plus favorable, vignette apposée sur le "
                                               "pare-brise"],
               ["Âge du véhicule", "moins de dix ans à la date du transport"],
               ["Équipements", "éthylotest antidémarrage, climatisation, soute à bagages"]]),
    ("bold", "2.2 Conducteurs"),
    ("p", "Les conducteurs sont titulaires du permis D et de la FCO en cours de validité. Pendant l'attente des élèves "
          "sur le lieu de la sortie, le conducteur coupe le moteur ; le véhicule n'est pas maintenu au ralenti pour "
          "le chauffage ou la climatisation, sauf par température extérieure inférieure à 0 °C."),
    ("bold", "2.3 Remisage des véhicules"),
    ("p", "En dehors des transports, les autocars affectés au marché sont remisés dans un dépôt de la commune siège "
          "ou d'une commune limitrophe, afin de garantir la disponibilité du service."),
    ("bold", "2.4 Remplacement"),
    ("p", "En cas de panne, le titulaire met en place un véhicule de remplacement dans un délai d'une heure."),
    ("bold", "CHAPITRE 3 – SUIVI DE L'EXÉCUTION"),
    ("p", "Le titulaire tient un registre des transports réalisés, transmis chaque trimestre. Les manquements aux "
          "stipulations du présent CCTP donnent lieu aux pénalités prévues à l'article 11 du CCAP."),
], [
    {"rule": "present-clause-environnementale", "at": "Crit'Air 2"},
    {"rule": "present-clause-environnementale", "at": "coupe le moteur"},
    {"rule": "preference-locale", "at": "commune limitrophe"},
    {"rule": "social-condition-manquante"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# K2. RC of application maintenance and hosting of a finance software, opening with a typed table of contents
# (« ARTICLE 5 – JUGEMENT DES OFFRES ........ 4 »): the 2016 decree's tender articles, « article 53 du CMP » in
# brackets, a criteria table whose environmental row scores the company's management system and greenhouse-gas
# balance (general policy: no environmental criterion on the offer), accessibility (RGAA) in the technical value
# (social criterion), data hosted in the European Union (lawful), no vigilance documents.
blind("k02-rc-tma-hebergement-logiciel.docx", [
    ("header", "Syndicat mixte numérique des Trois Vallées – RC – TMA et hébergement du progiciel financier"),
    ("title", "RÈGLEMENT DE LA CONSULTATION"),
    ("bold", "Sommaire"),
    ("p", "ARTICLE 1 – OBJET DE LA CONSULTATION ........ 2"),
    ("p", "ARTICLE 2 – PROCÉDURE ........ 2"),
    ("p", "ARTICLE 3 – DOSSIER DE CONSULTATION ........ 3"),
    ("p", "ARTICLE 5 – JUGEMENT DES OFFRES ........ 4"),
    ("p", "ARTICLE 6 – ATTRIBUTION ........ 5"),
    ("bold", "ARTICLE 1 – OBJET DE LA CONSULTATION"),
    ("p", "La consultation porte sur la tierce maintenance applicative, l'hébergement et l'infogérance du progiciel "
          "de gestion financière et des ressources humaines du syndicat et de ses 38 collectivités adhérentes. "
          "Accord-cadre mono-attributaire à bons de commande. Montant maximum : 640 000 € HT sur quatre ans. Date "
          "d'envoi de l'avis à la publication : 13/11/2026."),
    ("bold", "ARTICLE 2 – PROCÉDURE"),
    ("p", "La consultation est passée par appel d'offres ouvert en application des articles 25-I.1° et 67 à 68 du "
          "décret n°2016-360 du 25 mars 2016 relatif aux marchés publics."),
    ("bold", "ARTICLE 3 – DOSSIER DE CONSULTATION"),
    ("p", "Le dossier comprend le présent règlement, l'acte d'engagement, le CCAP, le CCTP et ses annexes (niveaux de "
          "service, plan de réversibilité), le bordereau des prix unitaires et le détail quantitatif estimatif. Le "
          "CCAG applicable est celui des marchés publics de techniques de l'information et de la communication "
          "approuvé par l'arrêté du 30 mars 2021."),
    ("p", "Les données sont hébergées dans des centres de données situés dans l'Union européenne."),
    ("bold", "ARTICLE 5 – JUGEMENT DES OFFRES"),
    ("p", "Les offres sont classées selon les critères pondérés ci-après (article 53 du CMP) :"),
    ("table", [["Critère", "Éléments appréciés", "Pondération"],
               ["Prix", "Montant du détail quantitatif estimatif établi à partir du bordereau des prix unitaires",
                "45 %"],
               ["Valeur technique", "Méthodologie de maintenance, engagements de niveaux de service, plan de "
                                    "réversibilité, accessibilité numérique des évolutions livrées (conformité RGAA)",
                "40 %"],
               ["Engagement environnemental", "Système de management environnemental de la société (ISO 14001, EMAS "
                                              "ou équivalent) et dernier bilan d'émissions de gaz à effet de serre "
                                              "de l'entreprise", "15 %"]]),
    ("bold", "ARTICLE 6 – ATTRIBUTION"),
    ("p", "Le marché est attribué au candidat dont l'offre est économiquement la plus avantageuse. Le candidat retenu "
          "produit, dans un délai de dix jours, les certificats fiscaux et le DC2 dûment complété."),
], [
    {"rule": "reference-perimee", "ref": "Décret 2016-360", "at": "2016-360"},
    {"rule": "reference-perimee", "ref": "CMP 2006 art. 53", "at": "article 53 du CMP"},
    {"rule": "politique-generale", "at": "Système de management environnemental"},
    {"rule": "environnement-critere-manquant"},
    {"rule": "present-critere-social", "at": "RGAA"},
    {"rule": "vigilance-documents-manquants"},
], {"considerationsSociales": ["Critère social"], "considerationsEnvironnementales": NONE_ENV})

# K3. CCAP of a contract reserved under the right articles (a sound case: no false alarm on the reservation): cemetery
# grounds kept by adapted firms, ESAT and SIAE under L2113-12 and L2113-13 together, the 50 % proportion of R2113-7 (the
# reservation's condition), Heading 2 styles only, « Article premier », no pesticide with mechanical weeding and
# composting under L2112-2 (environmental condition), a label « EcoJardin, ou de tout référentiel équivalent » as a
# guide (lawful), vigilance documents, a penalty table with amounts.
blind("k03-ccap-cimetieres-marche-reserve.docx", [
    ("header", "Ville de Mornay-sur-Arve – CCAP – Entretien des cimetières – Marché réservé"),
    ("title", "Cahier des clauses administratives particulières"),
    ("h2", "Article premier – Objet et réservation du marché"),
    ("p", "Le marché a pour objet l'entretien des espaces verts, le désherbage et la propreté des allées des quatre "
          "cimetières communaux. Montant estimé : 150 000 € HT sur quatre ans. Date d'envoi de l'avis à la "
          "publication : 23/11/2026."),
    ("p", "En application des articles L2113-12 et L2113-13 du code de la commande publique, le marché est réservé aux "
          "entreprises adaptées, aux établissements et services d'aide par le travail et aux structures d'insertion "
          "par l'activité économique, ainsi qu'aux structures équivalentes. Conformément à l'article R2113-7 du même "
          "code, la proportion minimale de travailleurs handicapés ou défavorisés qu'ils emploient est de 50 %."),
    ("h2", "Article 2 – Pièces contractuelles"),
    ("numbered", ["l'acte d'engagement et le bordereau des prix ;", "le présent CCAP ;",
                  "le CCTP et le plan des cimetières ;", CCAG_FCS_2021]),
    ("h2", "Article 4 – Conditions d'exécution"),
    ("p", "En application de l'article L2112-2 du code de la commande publique, les conditions d'exécution comprennent "
          "les considérations environnementales suivantes : aucun produit phytosanitaire n'est employé ; le "
          "désherbage des allées est mécanique, manuel ou thermique ; les déchets verts sont apportés à la plateforme "
          "de compostage de la ville."),
    ("p", "Le titulaire peut s'appuyer sur le référentiel du label EcoJardin, ou de tout référentiel équivalent, pour "
          "organiser la gestion des espaces."),
    ("h2", "Article 6 – Obligations sociales du titulaire"),
    ("p", "Le titulaire remet, lors de la conclusion du marché puis tous les six mois jusqu'à la fin de son exécution, "
          "les documents prévus aux articles D8222-5 et D8254-2 du code du travail."),
    ("h2", "Article 8 – Pénalités"),
    ("table", [["Manquement", "Pénalité"],
               ["Passage d'entretien non effectué selon le planning", "150 € HT par passage"],
               ["Emploi d'un produit phytosanitaire", "500 € HT par constat"],
               ["Retard dans la remise des documents de l'article 6", "50 € HT par jour de retard"]]),
    ("p", "Le montant total des pénalités est plafonné à 10 % du montant du marché."),
    ("h2", "Article 9 – Paiement"),
    ("p", "Le délai global de paiement est de 30 jours (article R2192-10 du code de la commande publique)."),
], [
    {"rule": "present-marche-reserve", "at": "réservé aux entreprises adaptées"},
    {"rule": "present-clause-environnementale", "at": "aucun produit phytosanitaire"},
    {"rule": "present-vigilance", "at": "D8222-5"},
], {"considerationsSociales": ["Marché réservé"], "considerationsEnvironnementales": ["Clause environnementale"]})

# K4. CCTP of office and school cleaning with a frequencies table (local, frequency, products and materials) that
# requires its products without a verb: one row « Ecolabel européen ou équivalent » (lawful), one « label Ecolabel
# européen » alone (no equivalent); work « exécutées en journée continue » (social, in other words than the
# earlier sets), the bins emptied into the selective-sorting containers (environmental).
blind("k04-cctp-nettoyage-frequences.docx", [
    ("header", "Ville de Chantereine – CCTP – Nettoyage des locaux municipaux"),
    ("title", "CCTP"),
    ("p", "Nettoyage et entretien courant de l'hôtel de ville, de la médiathèque et des groupes scolaires Jean-Zay et "
          "Les Tilleuls"),
    ("h1", "1. Objet et volume"),
    ("p", "Les prestations portent sur 11 500 m² de locaux. Montant estimé : 320 000 € HT sur trois ans. Date d'envoi "
          "de l'avis à la publication : 17/11/2026."),
    ("h1", "2. Organisation du travail"),
    ("p", "Dans les bureaux et à la médiathèque, les prestations sont exécutées en journée continue, entre 8 h et "
          "18 h, en présence des agents ; dans les écoles, elles sont exécutées après la sortie des classes."),
    ("h1", "3. Fréquences, produits et matériels"),
    ("p", "Pour chaque local, le titulaire emploie les produits et matériels indiqués ci-dessous :"),
    ("table", [["Local", "Fréquence", "Produits et matériels"],
               ["Bureaux, salles de réunion", "Quotidienne", "Détergent neutre Ecolabel européen ou équivalent, "
                                                              "lavettes microfibres"],
               ["Sanitaires", "Deux passages par jour", "Détergent détartrant désinfectant, label Ecolabel européen"],
               ["Vitrerie", "Trimestrielle", "Produit vitres dilué, raclette"]]),
    ("h1", "4. Déchets"),
    ("p", "Les corbeilles sont vidées chaque jour ; leur contenu est déposé dans les bacs de tri sélectif "
          "correspondants (papiers, emballages, ordures résiduelles) mis à disposition par la ville."),
    ("h1", "5. Contrôle"),
    ("p", "Un contrôle contradictoire de la qualité est réalisé chaque mois avec le référent du site, sur une grille "
          "annexée au présent CCTP."),
], [
    {"rule": "present-clause-sociale", "at": "en journée continue"},
    {"rule": "present-clause-environnementale", "at": "Ecolabel européen ou équivalent"},
    {"rule": "label-sans-equivalent", "at": "détartrant"},
    {"rule": "present-clause-environnementale", "at": "tri sélectif"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# K5. AE of work clothes and PPE by purchase orders, in the ATTRI1 form's lettered sections (« A – », « B – ») with
# tick boxes: a BPU whose trousers are of recycled cotton (environmental) and whose tee-shirts are « certifié GOTS »
# without equivalent, a delivery penalty « selon le barème annexé » while the annexes listed hold no such scale (no
# amount), the sworn statement on exclusions and on the employment of disabled workers (the firm's legal duty, no
# social clause of the contract).
blind("k05-ae-vetements-travail-bpu.docx", [
    ("title", "ACTE D'ENGAGEMENT"),
    ("p", "Accord-cadre n° 2026-VT-03 – Fourniture de vêtements de travail et d'équipements de protection individuelle "
          "pour les services techniques"),
    ("bold", "A - OBJET DE L'ACTE D'ENGAGEMENT"),
    ("p", "Le présent acte d'engagement concerne l'accord-cadre à bons de commande de fourniture de vêtements de "
          "travail, passé en procédure adaptée. Montant maximum : 120 000 € HT sur la durée de l'accord-cadre."),
    ("bold", "B - ENGAGEMENT DU TITULAIRE"),
    ("p", "☒ Le signataire s'engage, sur la base de son offre et pour son propre compte, à livrer les fournitures "
          "aux prix indiqués au bordereau ci-après."),
    ("p", "☐ Le signataire engage la société pour le compte de laquelle il intervient."),
    ("p", "Le signataire atteste sur l'honneur ne pas entrer dans l'un des cas d'exclusion des articles L2141-1 à "
          "L2141-5 et L2141-7 à L2141-11 du code de la commande publique, et avoir satisfait à l'obligation d'emploi "
          "des travailleurs handicapés prévue aux articles L5212-1 à L5212-11 du code du travail."),
    ("bold", "C - PRIX"),
    ("p", "Les fournitures sont rémunérées par application des prix unitaires du bordereau ci-dessous aux quantités "
          "réellement commandées."),
    ("table", [["Réf.", "Désignation", "Unité", "Prix unitaire HT"],
               ["1", "Pantalon de travail multipoches, tissu polyester et coton recyclé", "pièce", "…… €"],
               ["2", "Tee-shirt manches courtes, coton biologique certifié GOTS", "pièce", "…… €"],
               ["3", "Chaussures de sécurité S3", "paire", "…… €"],
               ["4", "Gilet haute visibilité classe 2", "pièce", "…… €"]]),
    ("bold", "D - DÉLAIS DE LIVRAISON"),
    ("p", "Le délai de livraison est de quinze jours à compter de la réception du bon de commande. En cas de retard de "
          "livraison, le titulaire se voit appliquer des pénalités selon le barème annexé au présent acte "
          "d'engagement."),
    ("bold", "E - PAIEMENT"),
    ("p", "Le délai global de paiement est de 30 jours. Les sommes dues sont versées au compte ouvert au nom du "
          "titulaire (joindre un RIB)."),
    ("bold", "F - ANNEXES"),
    ("list", ["annexe 1 : bordereau des prix unitaires ;", "annexe 2 : détail quantitatif estimatif ;",
              "annexe 3 : déclaration de sous-traitance (DC4), le cas échéant."]),
    ("p", "Fait à ……, le ……  Signature du titulaire :"),
], [
    {"rule": "present-clause-environnementale", "at": "coton recyclé"},
    {"rule": "label-sans-equivalent", "at": "GOTS"},
    {"rule": "penalite-sans-montant", "at": "barème annexé"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# L1. AE of hot drinks and snacks for the receptions and staff rooms, by purchase orders, with its BPU in a table: the
# coffee row asks « label Fairtrade/Max Havelaar » alone (a fair-trade label without equivalent, the fair-trade
# requirement itself a social consideration), the tea row organic « (Bio/AB ou équivalent) » (lawful), a delivery
# penalty with its amount; an AE alone: no criteria, conditions or vigilance expected of it.
blind("l01-ae-bpu-cafe-the-equitables.docx", [
    ("header", "Communauté d'agglomération du Val d'Auxois – Acte d'engagement – Boissons chaudes et collations"),
    ("title", "ACTE D'ENGAGEMENT"),
    ("p", "Accord-cadre n° 2026-BC-11 – Fourniture de café, thé, sucre et collations pour les réceptions et les "
          "salles de pause des services communautaires"),
    ("bold", "ARTICLE 1 – OBJET"),
    ("p", "Le présent acte d'engagement concerne l'accord-cadre mono-attributaire à bons de commande de fourniture de "
          "boissons chaudes et de collations, passé en procédure adaptée. Montant maximum : 48 000 € HT sur quatre "
          "ans."),
    ("bold", "ARTICLE 2 – ENGAGEMENT DU TITULAIRE"),
    ("p", "Après avoir pris connaissance des pièces du marché, le signataire s'engage, sans réserve, à livrer les "
          "fournitures commandées aux prix unitaires du bordereau ci-dessous :"),
    ("table", [["N°", "Désignation", "Conditionnement", "Prix unitaire HT"],
               ["1", "Café moulu 100 % arabica issu du commerce équitable, label Fairtrade/Max Havelaar",
                "paquet de 1 kg", "…… €"],
               ["2", "Thé noir en sachets individuels issu de l'agriculture biologique (Bio/AB ou équivalent)",
                "boîte de 100", "…… €"],
               ["3", "Sucre en morceaux emballés individuellement", "carton de 500", "…… €"],
               ["4", "Biscuits sablés en sachets individuels", "carton de 150", "…… €"]]),
    ("p", "Les quantités figurant au détail estimatif ne valent pas engagement de commande."),
    ("bold", "ARTICLE 3 – LIVRAISONS"),
    ("p", "Les fournitures sont livrées dans un délai de cinq jours ouvrés à compter de la réception du bon de "
          "commande, au magasin central. En cas de retard de livraison, le titulaire encourt une pénalité de 30 € HT "
          "par jour de retard."),
    ("bold", "ARTICLE 4 – PAIEMENT"),
    ("p", "Le délai global de paiement est de 30 jours. Le titulaire joint un relevé d'identité bancaire."),
    ("p", "Fait à ……, le ……  Signature et cachet du titulaire :"),
], [
    {"rule": "label-sans-equivalent", "at": "Max Havelaar"},
    {"rule": "present-clause-sociale", "at": "commerce équitable"},
    {"rule": "present-clause-environnementale", "at": "agriculture biologique"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# L2. CCAP of the digitisation of civil-status registers and archives in two lots (a sound case: no error to find):
# lot 2 (dusting, packing and transport) reserved to EA and ESAT under L2113-12 with the 50 % proportion of R2113-7
# (right article for these firms), lot 1 open; grouped collections « afin de limiter les déplacements » and reusable
# transport crates (environmental condition), vigilance documents, a penalties table with amounts.
blind("l02-ccap-numerisation-archives-lot-reserve.docx", [
    ("header", "Ville de Saint-Aubin-des-Landes – CCAP – Numérisation des registres et archives"),
    ("footer", "CCAP – Marché n° 2026-ARCH-02 – page 1/5"),
    ("title", "Cahier des clauses administratives particulières"),
    ("h1", "Article 1 – Objet et allotissement"),
    ("p", "Le marché a pour objet la numérisation des registres d'état civil (1850-1975) et des délibérations du "
          "conseil municipal, ainsi que la préparation matérielle des documents avant numérisation. Montant estimé : "
          "190 000 € HT pour les deux lots. Date d'envoi de l'avis à la publication : 20/11/2026."),
    ("list", ["Lot 1 : numérisation, indexation et contrôle qualité des images ;",
              "Lot 2 : dépoussiérage, conditionnement et transport des registres."]),
    ("p", "En application de l'article L2113-12 du code de la commande publique, le lot 2 est réservé aux "
          "entreprises adaptées et aux établissements et services d'aide par le travail, ainsi qu'à des structures "
          "équivalentes, qui emploient une proportion minimale de 50 % de travailleurs handicapés (article R2113-7 "
          "du même code)."),
    ("h1", "Article 2 – Pièces contractuelles"),
    ("numbered", ["l'acte d'engagement de chaque lot et son bordereau des prix ;", "le présent CCAP ;",
                  "le CCTP et l'inventaire des registres ;", CCAG_FCS_2021]),
    ("h1", "Article 5 – Conditions d'exécution"),
    ("p", "Les registres sont enlevés et restitués par lots d'au moins trente volumes, afin de limiter les "
          "déplacements entre les archives municipales et l'atelier ; ils voyagent dans des caisses de transport "
          "réutilisables fournies par le titulaire."),
    ("h1", "Article 7 – Obligations sociales du titulaire"),
    ("p", ("Le titulaire remet à l'acheteur, lors de la conclusion du marché puis tous les six "
                                  "mois jusqu'à la fin de son exécution, les documents mentionnés à l'article D8222-5 "
                                  "du code du travail.")),
    ("h1", "Article 9 – Pénalités"),
    ("table", [["Manquement", "Pénalité"],
               ["Retard de restitution d'un lot de registres", "100 € HT par jour calendaire"],
               ["Image illisible ou manquante non reprise sous quinze jours", "5 € HT par image"],
               ["Registre restitué endommagé", "400 € HT par registre"]]),
    ("p", "Le montant total des pénalités est plafonné à 10 % du montant du lot concerné."),
], [
    {"rule": "present-marche-reserve", "at": "le lot 2 est réservé"},
    {"rule": "present-clause-environnementale", "at": "limiter les déplacements"},
], {"considerationsSociales": ["Marché réservé"], "considerationsEnvironnementales": ["Clause environnementale"]})

# L3. RC of summer camps for children (a service new to the sets): the 2016 decree's article 62 cited for the criteria,
# a criteria table whose weights add up to 110 %, an environmental criterion on the camps' transport and meals, a
# social row scoring the firm's « index de l'égalité professionnelle » (general policy, no social criterion of this
# contract), vigilance documents asked in the RC.
blind("l03-rc-sejours-vacances-ponderation.docx", [
    ("header", "Commune de Bellegarde-sur-Loing – RC – Séjours de vacances 2027-2030"),
    ("title", "RÈGLEMENT DE LA CONSULTATION"),
    ("p", "Organisation de séjours de vacances pour les enfants et les jeunes de 6 à 17 ans"),
    ("h1", "1. Objet de la consultation"),
    ("p", "La consultation porte sur l'organisation, l'encadrement et le transport de séjours de vacances d'été et "
          "d'hiver, d'une durée de sept à quatorze jours, pour environ 120 enfants par an. Accord-cadre à bons de "
          "commande ; montant maximum : 300 000 € HT sur quatre ans. Date d'envoi de l'avis à la publication : "
          "16/11/2026."),
    ("h1", "2. Procédure"),
    ("p", "La consultation est passée selon la procédure adaptée (articles L2123-1 et R2123-1 du code de la commande "
          "publique)."),
    ("h1", "5. Critères de jugement des offres"),
    ("p", "Conformément à l'article 62 du décret n° 2016-360 du 25 mars 2016, les offres sont notées selon les "
          "critères pondérés ci-dessous :"),
    ("table", [["Critère", "Contenu", "Pondération"],
               ["Prix", "Prix par enfant et par jour, transport compris", "40 %"],
               ["Valeur pédagogique", "Projet pédagogique, activités, taux et qualification de l'encadrement", "40 %"],
               ["Performance environnementale", "Mode de transport jusqu'au lieu du séjour (train privilégié), part "
                                                "de produits biologiques et de saison dans les repas", "15 %"],
               ["Engagement social", "Note obtenue par l'organisme à l'index de l'égalité professionnelle entre les "
                                     "femmes et les hommes", "15 %"]]),
    ("h1", "6. Pièces à produire par l'attributaire"),
    ("p", ("L'attributaire pressenti produit, dans un délai de huit jours, l'attestation de "
                                "vigilance délivrée par l'URSSAF datant de moins de six mois et un extrait K-bis, "
                                "conformément à l'article D8222-5 du code du travail.")),
], [
    {"rule": "reference-perimee", "ref": "Décret 2016-360 art. 62", "at": "2016-360"},
    {"rule": "ponderation-incoherente", "at": "Prix par enfant"},
    {"rule": "present-critere-environnemental", "at": "Mode de transport"},
    {"rule": "politique-generale", "at": "index de l'égalité professionnelle"},
    {"rule": "present-vigilance", "at": "URSSAF"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Critère environnemental"]})

# L4. CCTP of preventive cleaning of storm-water networks and gullies (a trade new to the sets): degreasers
# « biodégradables » in the body, their label required in a Word footnote (« portent l'Ecolabel européen », no
# equivalent), cleaning residues to an approved channel with waste tracking slips (environmental), above the EU
# threshold for services with no social or employment consideration.
blind("l04-cctp-curage-eaux-pluviales-note.docx", [
    ("header", "Syndicat intercommunal d'assainissement de la Basse-Vallée – CCTP – Curage des réseaux pluviaux"),
    ("title", "Cahier des clauses techniques particulières"),
    ("p", "Curage préventif des réseaux d'eaux pluviales, des avaloirs et des bouches d'égout"),
    ("bold", "Article 1 – Objet et consistance des prestations"),
    ("p", "Les prestations portent sur le curage hydrodynamique de 62 km de canalisations d'eaux pluviales et le "
          "nettoyage de 4 800 avaloirs et bouches d'égout, selon le programme annuel annexé. Montant estimé : "
          "260 000 € HT sur quatre ans. Date d'envoi de l'avis à la publication : 24/11/2026."),
    ("bold", "Article 3 – Moyens matériels"),
    ("p", "Le titulaire dispose d'au moins un hydrocureur combiné à recyclage d'eau et d'une caméra d'inspection. "
          "Les produits dégraissants employés pour le nettoyage des engins sont biodégradables{{note:Les produits "
          "dégraissants portent l'Ecolabel européen.}}."),
    ("bold", "Article 5 – Matières de curage"),
    ("p", "Les matières de curage sont égouttées sur le site de stockage du syndicat puis évacuées vers une "
          "installation de traitement autorisée. Le titulaire remet au syndicat les bordereaux de suivi des déchets "
          "de chaque évacuation."),
    ("bold", "Article 6 – Compte rendu"),
    ("p", "Après chaque intervention, le titulaire transmet un rapport indiquant les tronçons curés, les volumes "
          "extraits et les anomalies constatées (racines, affaissements, branchements non conformes)."),
], [
    {"rule": "present-clause-environnementale", "at": "biodégradables"},
    {"rule": "label-sans-equivalent", "at": "portent l'Ecolabel européen"},
    {"rule": "present-clause-environnementale", "at": "bordereaux de suivi des déchets"},
    {"rule": "social-condition-manquante"},
], {"considerationsSociales": NONE_SOCIAL, "considerationsEnvironnementales": ["Clause environnementale"]})

# L5. CCAP of works for a skatepark and an outdoor fitness area (a works object new to the sets): the CCAG Travaux of
# 2009 still quoted, an insertion clause of 175 hours with its public, a penalty per missing insertion hour without
# amount while the delay penalty has one, a site waste management plan (SOGED), vigilance documents.
blind("l05-ccap-travaux-skatepark-insertion.docx", [
    ("header", "Commune de Montreuil-Bellay-sur-Thouet – CCAP – Aménagement d'un skatepark et d'une aire de fitness"),
    ("title", "CAHIER DES CLAUSES ADMINISTRATIVES PARTICULIÈRES"),
    ("auto1", "Objet du marché"),
    ("p", "Le présent marché de travaux a pour objet la création d'un skatepark en béton et d'une aire de fitness "
          "extérieure au parc des Sablons. Montant estimé : 680 000 € HT. Date d'envoi de l'avis à la publication : "
          "02/12/2026."),
    ("auto1", "Pièces contractuelles"),
    ("p", "Les pièces contractuelles sont l'acte d'engagement, le présent CCAP, le CCTP et ses plans, la décomposition "
          "du prix global et forfaitaire, ainsi que le cahier des clauses administratives générales applicables aux "
          "marchés publics de travaux approuvé par l'arrêté du 8 septembre 2009."),
    ("auto1", "Clause d'insertion"),
    ("p", "Le titulaire réserve au moins 175 heures de travail à des personnes éloignées de l'emploi (demandeurs "
          "d'emploi de longue durée, bénéficiaires du RSA, jeunes sans qualification), recrutées directement ou mises "
          "à disposition par une structure d'insertion, avec l'appui du facilitateur de la maison de l'emploi."),
    ("p", "Le titulaire transmet chaque mois au facilitateur l'état des heures d'insertion réalisées."),
    ("auto1", "Gestion des déchets de chantier"),
    ("p", "Le titulaire établit un schéma d'organisation et de gestion des déchets (SOGED) ; les déchets de béton sont "
          "concassés et réemployés en sous-couche sur le chantier, les autres déchets sont triés par nature."),
    ("auto1", "Pénalités"),
    ("p", "En cas de retard dans l'exécution des travaux, le titulaire encourt une pénalité de 400 € HT par jour "
          "calendaire de retard."),
    ("p", "Le non-respect de l'engagement d'insertion donne lieu à une pénalité par heure d'insertion non réalisée."),
    ("auto1", "Obligations sociales"),
    ("p", "Le titulaire remet à l'acheteur, lors de la conclusion du marché puis tous les six mois jusqu'à la fin de "
          "son exécution, les documents mentionnés à l'article D8222-5 du code du travail."),
], [
    {"rule": "reference-perimee", "ref": "CCAG-Travaux 2009", "at": "8 septembre 2009"},
    {"rule": "present-insertion", "at": "175 heures"},
    {"rule": "present-clause-environnementale", "at": "SOGED"},
    {"rule": "penalite-sans-montant", "at": "heure d'insertion non réalisée"},
], {"considerationsSociales": ["Clause sociale"], "considerationsEnvironnementales": ["Clause environnementale"]})

# L6. Whole DCE (RC then CCAP) of small repair works in municipal dwellings reserved to SIAE, written by an officer who
# cites L2113-12 (the article of EA and ESAT) for insertion structures, weighs price and technical value only, and
# writes that the environmental conditions of the loi Climat et résilience « ne s'appliqueront qu'à compter de 2027 »
# so that the contract has none (misdated: they bind consultations launched from 22 August 2026).
blind("l06-dce-petits-travaux-logements-siae.docx", [
    ("header", "Commune de La Ferrière-en-Parthenay – DCE – Petits travaux dans les logements communaux"),
    ("title", "Règlement de la consultation"),
    ("p", "Petits travaux d'entretien et de remise en état des logements communaux (peinture, plomberie, "
          "menuiserie)"),
    ("h1", "Article 1 – Objet"),
    ("p", "Accord-cadre à bons de commande de petits travaux d'entretien des 26 logements communaux. Montant "
          "maximum : 90 000 € HT sur trois ans. Date d'envoi de l'avis à la publication : 27/11/2026."),
    ("h1", "Article 2 – Marché réservé"),
    ("p", "En application de l'article L2113-12 du code de la commande publique, le marché est réservé aux structures "
          "d'insertion par l'activité économique (entreprises d'insertion, ateliers et chantiers d'insertion)."),
    ("h1", "Article 4 – Critères d'attribution"),
    ("table", [["Critère", "Pondération"], ["Prix (bordereau de prix unitaires)", "60 %"],
               ["Valeur technique (moyens humains, encadrement technique, délais d'intervention)", "40 %"]]),
    ("title", "Cahier des clauses administratives particulières"),
    ("h1", "Article 1 – Objet"),
    ("p", "Le présent CCAP fixe les conditions d'exécution de l'accord-cadre de petits travaux d'entretien des "
          "logements communaux."),
    ("h1", "Article 3 – Conditions d'exécution"),
    ("p", "Les travaux sont commandés par bons de commande précisant le logement, la nature des travaux et le délai "
          "d'exécution, qui ne peut être inférieur à cinq jours ouvrés."),
    ("p", "Les conditions d'exécution environnementales prévues par la loi Climat et résilience ne s'appliqueront "
          "qu'à compter de 2027 ; le présent marché n'en comporte donc pas."),
    ("h1", "Article 5 – Obligations sociales"),
    ("p", "Le titulaire remet à l'acheteur, lors de la conclusion du marché puis tous les six mois jusqu'à la fin de "
          "son exécution, les documents mentionnés à l'article D8222-5 du code du travail."),
    ("h1", "Article 6 – Pénalités"),
    ("p", "En cas de retard dans l'exécution d'un bon de commande, le titulaire encourt une pénalité de 50 € HT par "
          "jour calendaire de retard."),
], [
    {"rule": "present-marche-reserve", "at": "réservé aux structures"},
    {"rule": "reservation-article-errone", "at": "L2113-12"},
    {"rule": "environnement-critere-manquant"},
    {"rule": "environnement-condition-manquante"},
], {"considerationsSociales": ["Marché réservé"], "considerationsEnvironnementales": NONE_ENV})
