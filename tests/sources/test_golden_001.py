"""Golden records of 001, « Fiches synthétiques projets – VITA – DTS » (2010).

Seven cards among the hardest layouts, each audited field by field against the document
(the page is the card's first printing, from the running header « … DTS - 7/ 40 »): the
text each field must hold after the import, Mac Roman damage repaired, in the field the
card's label gives it. A change of the parser that alters one of them must be a change of
this file too, read against the document.
"""

import pytest

from sources import corrections
from sources.documents import DOCUMENTS_BY_CODE
from sources.parsers import fiches_dts

DOCUMENT = DOCUMENTS_BY_CODE["001"]
FIELDS = (
    "title", "summary", "porteur", "category", "partners", "region_as_written",
    "departement_codes", "territory_name", "milieux", "key_figures", "start_year", "end_year",
    "context", "actions", "problematiques", "mutualisation_sought", "mutualisation_offered",
)  # fmt: skip


@pytest.fixture(scope="module")
def cards():
    text = corrections.apply("001", DOCUMENT.path.read_text(encoding="utf-8"))
    return {card.source_page: card for card in fiches_dts.parse(text).cards}


def as_read(card) -> dict:
    record = {name: getattr(card, name) for name in FIELDS}
    record["contacts"] = [
        (
            contact.role,
            contact.person.first_name,
            contact.person.last_name,
            contact.person.role,
            contact.person.email,
            contact.person.organisation,
            contact.working_group_codes,
        )
        for contact in card.contacts
    ]
    record["links"] = [link.label for link in card.links]
    record["listings"] = [(listing.group_code, listing.source_page) for listing in card.listings]
    return record


# fmt: off
GOLDEN = {
    # Palacret: printed in A1 and A2, listed in three ateliers; « FLOCôH H®l¯ne », « b©ti »
    7: {'title': 'Le Site du Palacret',
 'summary': '"Carrefour citoyen des cultures locales et internationales"',
 'porteur': 'Etudes et Chantiers Bretagne - Pays de la Loire',
 'category': 'siae',
 'partners': ['Communauté de communes du Pays de Bégard'],
 'region_as_written': 'Bretagne',
 'departement_codes': ['22'],
 'territory_name': 'Communauté de Communes du Pays de Bégard',
 'milieux': ['rural'],
 'key_figures': '',
 'start_year': None,
 'end_year': None,
 'context': "Le site du Palacret est situé à Saint-Laurent, dans les Côtes d'Armor "
            '(Bretagne).\n'
            '\n'
            'Le projet rayonne sur 2 Pays : celui de Guingamp et celui du Trégor-Goëlo. Le '
            'site appartient à la Communauté de Communes du Pays de Bégard.',
 'actions': "Les 2 structures, collectivité et association, avaient l'habitude de travailler "
            'ensemble et souhaitaient valoriser le patrimoine du site (devenu propriété '
            'publique), notamment à partir des entrées historique (présence des Templiers), '
            'industrielle (dernier site de teillage de lin préservé en Bretagne), '
            "environnementale et autour du bâti (cours d'eau, moulin…).\n"
            '\n'
            'Les objectifs du projet :\n'
            '\n'
            '- Valoriser ce patrimoine pour une ouverture au public\n'
            "- Se servir du site comme support à long terme d'insertion, avec comme moyen, "
            'la rencontre entre divers publics\n'
            '- Faire du site un carrefour international\n'
            '\n'
            "Aujourd'hui, phase de remise à plat du projet : aller vers la création d'une "
            "structure porteuse du projet global, qui rassemble l'ensemble des partenaires "
            'actuels (collectivité et associations), plutôt que de poursuivre en portant '
            'souvent seul les actions. Objectifs :\n'
            '\n'
            '- Créer collectivement une cohérence au projet : un esprit, un programme '
            "d'activités, un fonctionnement\n"
            '- Mutualiser des moyens (compétences, réseaux, moyens financiers)\n'
            '- Travailler ensemble sur la faisabilité économique du projet',
 'problematiques': "- Comment réussir la mise en place d'une activité d'accueil, comme "
                   "nouveau support d'insertion, qui soit équilibrée économiquement et qui "
                   'réponde aux besoins des personnes accueillies sur le site ?\n'
                   "- Comment associer étroitement les personnes en parcours d'insertion à "
                   "la mise en place d'animations sur le site, notamment culturelles ?\n"
                   "- Comment dans le temps continuer à impliquer l'ensemble des partenaires "
                   "du projet, dont la préoccupation première n'est pas la même que la nôtre "
                   '?',
 'mutualisation_sought': "- Recherche de transfert de savoir-faire, d'outils et de "
                         "ressources autour de supports d'insertion en lien avec de "
                         "l'accueil de public (ateliers, animations, transformation et vente "
                         'de produits)',
 'mutualisation_offered': "- Proposition de transfert sur l'expérience d'accueil de femmes "
                          "sur un chantier d'insertion\n"
                          "- Construction d'un partenariat Public Privé « gagnant-gagnant »",
 'contacts': [('referent_principal',
               'Hélène',
               "Floc'h",
               'Chargée de projet',
               'ec.bretagne.floch@wanadoo.fr',
               'Etudes et Chantiers Bretagne - Pays de la Loire',
               ['A1', 'GT']),
              ('autre_referent',
               'Jean-Luc',
               'Brossas',
               'Directeur',
               'ec.bretagne.dr@wanadoo.fr',
               'Etudes et Chantiers Bretagne - Pays de la Loire',
               ['A2', 'GT']),
              ('autre_referent',
               'Marie Claire',
               'Quillivere',
               'Responsable insertion formation',
               'ec.bretagne.mission@wanadoo.fr',
               'Etudes et Chantiers Bretagne - Pays de la Loire',
               ['A3']),
              ('autre_referent',
               'Typhaine',
               'Lesselingue',
               'Chargée de mission',
               'ec.bretagne.lesselingue@orange.fr',
               'Etudes et Chantiers Bretagne - Pays de la Loire',
               [])],
 'links': [],
 'listings': [('A1', 7), ('A2', 22), ('A3', 35)]},
    # « Moteuré Action »: the damaged ellipsis in a quoted title, two référents with and
    # without e-mail
    8: {'title': '"Moteur… Action"',
 'summary': "Programme d'accompagnement socio professionnel par l'accès à la mobilité - "
            'Pérennisation et élargissement',
 'porteur': 'JURA SERVICE',
 'category': 'siae',
 'partners': [],
 'region_as_written': 'Franche-Comté',
 'departement_codes': ['39'],
 'territory_name': "Communauté d'agglomération du Grand Dole",
 'milieux': ['urbain', 'semi_rural'],
 'key_figures': '',
 'start_year': None,
 'end_year': None,
 'context': "25 communes de la communauté d'agglomération du Grand Dole (qui en comporte "
            '41), situées sur le département du Jura.',
 'actions': "En 2007, constat que près de la moitié des demandeurs d'emploi engagés dans "
            "l'AI rencontre un problème de mobilité, qui contraint parfois l'AI à refuser "
            'des missions de travail.\n'
            '\n'
            "Avec la création d'un poste de « chauffeur – accompagnateur » et l'acquisition "
            "d'un véhicule est né « Moteur…. Action », visant un double objectif : proposer "
            'un accompagnement socio professionnel renforcé pour la résolution du problème '
            'lié à la mobilité (avec contractualisation et participation financière des '
            "salariés engagés) et développer l'activité de l'AI par un contact renforcé avec "
            'les clients.',
 'problematiques': "La recherche d'appui et de financements. Après 18 mois de gestation, "
                   "nous réunissons sur 2008-2009 des financements de la communauté d'agglo, "
                   "de la DDTEFP, du CUCS et d'un CCAS qui nous permettent d'accompagner en "
                   'continu une vingtaine de personnes.\n'
                   '\n'
                   'Cependant, à ce jour, nous nous trouvons face à un souhait de '
                   'pérennisation, qui se trouve remis en question par le nouveau plan de '
                   "transport de la communauté d'agglo qui nous oblige à « repenser » "
                   "l'action, et à nous diriger vers d'autres partenaires institutionnels et "
                   'financiers (FSE, fondations….).',
 'mutualisation_sought': "Une réflexion est menée sur la création d'une plateforme de "
                         'mobilité portée par la roue de secours 39 (location de 2 roues), '
                         "qui regrouperaient l'ensemble des acteurs œuvrant dans le cadre de "
                         "la mobilité des publics qu'ils soient issus de l'insertion ou non.",
 'mutualisation_offered': 'Dans un premier temps, rapprochement avec les autres SIAE du '
                          'secteur qui seront les acteurs de la plateforme mobilité. '
                          'Sollicitation des institutions.',
 'contacts': [('referent_principal',
               'Patricia',
               'Guiboux',
               'Directrice',
               'jura-servicepatriciaguiboux@wanadoo.fr',
               'JURA SERVICE',
               ['A1']),
              ('autre_referent',
               'Julie',
               'Gomes',
               'Accompagnatrice dans le cadre du programme',
               '',
               'JURA SERVICE',
               [])],
 'links': [],
 'listings': [('A1', 8)]},
    # Act'Eure: two ENTREPRISE(S) that are not the porteur, empty NOM and MILIEU, context in PROJET
    9: {'title': "Groupes Projets d'Act'Eure Insertion, collectif d'entreprises de l'IAE de l'Eure",
 'summary': '',
 'porteur': "Act'Eure Insertion",
 'category': 'reseau',
 'partners': ['CONTACT SERVICE', 'EMPLOI CONSEIL'],
 'region_as_written': 'Haute-Normandie',
 'departement_codes': ['27'],
 'territory_name': '',
 'milieux': [],
 'key_figures': '',
 'start_year': None,
 'end_year': None,
 'context': '',
 'actions': 'Eléments de contexte : Généralisation du RSA – Positionnement économique des '
            'SIAE – Positionnement du Département (Service social / Service du développement '
            "économique) : à la recherche d'une cohérence.\n"
            '\n'
            'Objectifs :\n'
            '\n'
            "Mise en place d'actions collectives (à géométries variables) pour amener "
            "chercheurs d'emploi, SIAE, entreprises à participer à des projets communs "
            "autour de l'insertion professionnelle et de la découverte du monde de "
            "l'entreprise, dans un souci d'autonomie des personnes et de prise en main de "
            "leur retour à l'emploi. Exemples : organisation d'une semaine de découverte "
            "métier, d'une table ronde ; prospection d'entreprises, etc.\n"
            '\n'
            'Co-construction des expériences conduites pour :\n'
            '\n'
            '- compréhension mutuelle des acteurs engagés (individus, entreprises, '
            'collectivités)\n'
            '- complémentarité des acteurs\n'
            "- favoriser l'innovation, la mutualisation, le transfert d'expériences\n"
            '\n'
            "Production d'une méthodologie d'évaluation, d'acquisition et de valorisation de "
            "compétences dans le cadre de l'organisation d'une action collective, d'un "
            'évènement.\n'
            '\n'
            'Où en sommes-nous ?\n'
            '\n'
            "Difficultés de mobilisation au sein d'Act'Eure Insertion\n"
            '\n'
            'Un groupe a démarré sur une UTAS avec des financements ACSE, Fondation de '
            'France mais pas de partenariat engagé\n'
            '\n'
            "Proposition de co-construction CG27 sur le territoire d'une autre UTAS",
 'problematiques': "- Place du chercheur d'emploi : c'est l'acteur principal qui va être "
                   'soutenu par des « facilitateurs ».\n'
                   '- Méthodologie de recherche-action, qui capitalise aussi bien les acquis '
                   "individuels des acteurs (l'analyse des pratiques), que les acquis "
                   'structurels qui vont conduire à faire évoluer les organisations, les '
                   'actions, au-delà de la compétence propre à chaque acteur et/ou propre à '
                   'chaque structure.\n'
                   '- Pratique de co-construction des réponses : partir des atouts de chacun '
                   "des acteurs engagés dans la démarche, pour s'enrichir mutuellement et "
                   'faire une offre élaborée et adaptée aux besoins du public, dans les '
                   'moyens disponibles.',
 'mutualisation_sought': "Outils d'évaluation des compétences\n"
                         '\n'
                         'Méthodologie de conduite de projet (intégrant les bénéficiaires '
                         'comme acteurs)',
 'mutualisation_offered': "Référentiel de compétences du chercheur d'emploi\n"
                          '\n'
                          "Partage d'expériences",
 'contacts': [('referent_principal',
               'Véronique',
               'Le Dantec',
               'Directrice',
               'vld@contact-service-eure.fr',
               'CONTACT SERVICE',
               ['A1', 'GT']),
              ('autre_referent',
               'Muriel',
               'Moujeard',
               'Directrice',
               'muriel.moujeard@emploiconseil.fr',
               'EMPLOI CONSEIL',
               ['A2', 'GT'])],
 'links': ['Evaluation individuelle', 'Offre de service des SIAE sur les clauses'],
 'listings': [('A1', 9), ('A2', 24)]},
    # SMS / SSAP: the PORTEUR cell wrapped before its codes, AUTRES RÉFÉRENTS and the
    # territory's description empty
    11: {'title': 'Pôle multi activités pour personnes isolées, âgées ou handicapées',
 'summary': '',
 'porteur': 'SOLIDARITE MULTI-SERVICES ET SOLIDARITE SERVICES AUX PERSONNES',
 'category': 'siae',
 'partners': [],
 'region_as_written': 'Nord Pas-de-Calais',
 'departement_codes': ['59'],
 'territory_name': 'Arrondissement de Cambrai',
 'milieux': ['semi_rural'],
 'key_figures': '',
 'start_year': None,
 'end_year': None,
 'context': '',
 'actions': 'Le projet vise à proposer des activités diversifiées auprès de personnes '
            'isolées.\n'
            '\n'
            'Objectifs :\n'
            '\n'
            '- Elargir notre offre de prestations en mettant en place des activités '
            'créatives, culturelles touristiques ou de séjours.\n'
            '- Développer les compétences des salariés en parcours en visant une formation '
            "pré qualifiante ou qualifiante (CQP animation) afin de viser d'autres métiers "
            "que ceux du champ de l'aide à domicile.\n"
            "- Développer notre service mobilité en proposant un service d'accompagnement "
            'collectif.',
 'problematiques': "- Nécessité d'un diagnostic pour connaître l'existant (en matière "
                   "d'activités)\n"
                   "- Recrutement d'une personne en charge de la coordination de ce pôle "
                   'multi activités (poste basé à 40 h / mois).',
 'mutualisation_sought': '- Avec des structures accueillant des publics divers : personnes '
                         'âgées, personnes handicapées, personnes en insertion\n'
                         '- Avec les instances de coordination en gérontologie\n'
                         "- Avec l'association ENVIE : association d'accompagnement des "
                         'personnes atteintes de maladie du cancer\n'
                         "- Avec l'association HANDY SPORT\n"
                         "- Avec le réseau d'échanges réciproques de savoirs\n"
                         '- Avec les municipalités : salle des fêtes disponibles',
 'mutualisation_offered': 'Mutualisation des évaluations des salariés en insertion pour un '
                          "recrutement dans l'association de services aux personnes.\n"
                          '\n'
                          'Une mutualisation des véhicules (entre SMS et SSAP) pour un '
                          'service accompagnement efficace une information partagée : nous '
                          "proposons d'être une instance de coordination entre les "
                          'différents partenaires.',
 'contacts': [('referent_principal',
               'Chantal',
               'Lempereur',
               'Directrice de SMS et administrateur de SSAP',
               'chantal.lempereur.sms@orange.fr',
               'SOLIDARITE MULTI-SERVICES ET SOLIDARITE SERVICES AUX PERSONNES',
               ['A1', 'GT'])],
 'links': ["En cours de réflexion : Réaliser un bulletin d'information visant une "
           'communication sur les sorties proposées et un écrit des témoignages des '
           'personnes durant les ateliers.'],
 'listings': [('A1', 11)]},
    # AIR & AICM: printed in A1 and A2, listed in three ateliers, a référent without a role
    15: {'title': '"Travailler autrement – Une valeur ajoutée pour l\'entreprise"',
 'summary': "Développement d'une offre de services en GPEC à destination des employeurs du "
            'territoire',
 'porteur': 'AIR & AICM',
 'category': 'siae',
 'partners': ['AIR', 'AICM'],
 'region_as_written': 'Poitou-Charentes',
 'departement_codes': ['79'],
 'territory_name': 'Pays de Gâtine',
 'milieux': ['rural'],
 'key_figures': '',
 'start_year': None,
 'end_year': None,
 'context': 'Territoire rural des Deux-Sèvres (en Poitou-Charentes) de 66 400 habitants '
            '(dont 20 000 pour le canton de Parthenay), découpé en 9 cantons (9 Communautés '
            "de communes) à l'intérieur desquels 6 communes non regroupées. Desserte (route, "
            'rails) compliquée. Absence de grands pôles industriels.',
 'actions': "Le projet repose sur le constat qu'en entreprise, les postes de travail sont "
            'tenus par des employés ayant la qualification maximale exigée pour ces postes. '
            "Or, une part des tâches requises pour ces postes relève d'une qualification "
            'moindre ou de compétences disponibles parmi celles de nos DE.\n'
            '\n'
            "L'objectif en découlant, consiste à initier une méthode permettant de dresser "
            'un catalogue des compétences requises et de les comparer à celles de nos DE, '
            'dans le but de proposer des MAD.',
 'problematiques': 'Nos difficultés, nos doutes :\n'
                   '\n'
                   "- 2 ou 3 entreprises volontaires hier se sont aujourd'hui rétractées, "
                   "d'où écriture d'une présentation du projet à l'adresse des entreprises.\n"
                   "- Par ailleurs, quelle taille donner à notre projet, c'est-à-dire quels "
                   'partenaires associer ? Il faut avouer que nous craignons que notre idée '
                   'soit reprise par une entité plus "puissante" nous priverait des services '
                   'que nous envisageons pour nos DE. Par contre, pour parvenir à notre '
                   'objectif final (ambitieux) de mettre en place une banque de compétences '
                   "à l'échelle de notre territoire, de façon à constituer, de fait, une "
                   'GPEC externalisée, nous avons besoin de partenaires puissants.\n'
                   '\n'
                   'Démarrer seuls ou inviter des partenaires, il nous faut maintenant '
                   "statuer sur notre stratégie d'action.",
 'mutualisation_sought': 'Constituer un partenariat compatible avec notre projet et veiller '
                         'à ne pas se le faire "manger" par des structures plus puissantes.',
 'mutualisation_offered': "Expériences SAP dans le cadre d'EQUAL\n"
                          '\n'
                          "Regroupement d'AI (Fédération des AI des Deux-Sèvres)",
 'contacts': [('referent_principal',
               'Rémy',
               'Le Stum',
               "Directeur d'AIR",
               'lestum.air@orange.fr',
               'AIR',
               ['A1', 'A2', 'A3', 'GT']),
              ('autre_referent',
               'Olivier',
               'Parnaudeau',
               "Président d'AIR",
               'parnaudeauol@cc-parthenay.fr',
               'AIR',
               ['A1', 'A2', 'A3']),
              ('autre_referent',
               'Jannick',
               'Vergnault',
               '',
               'aicm@cc-parthenay.fr',
               'AICM',
               ['A1', 'A2', 'A3'])],
 'links': [],
 'listings': [('A1', 15), ('A2', 29), ('A3', 38)]},
    # Collectif des AI des Bouches-du-Rhône: empty NOM, MILIEU, description and RECHERCHE;
    # four référents, two code cells (given in order: a doubt left, see the audit)
    30: {'title': "Développement de l'offre d'insertion au sein des Associations intermédiaires "
          '(Département des Bouches-du-Rhône)',
 'summary': '',
 'porteur': 'Collectif des AI des Bouches du Rhône',
 'category': 'reseau',
 'partners': ['G.D.I.D.', 'ADPEI', 'AER', 'Centremploi'],
 'region_as_written': "Provence Alpes Cote d'Azur",
 'departement_codes': ['13'],
 'territory_name': '',
 'milieux': [],
 'key_figures': '',
 'start_year': None,
 'end_year': None,
 'context': '',
 'actions': 'Une activation et une coordination de nos stratégies de développement '
            "économique. La volonté est d'accroître la capacité d'accueil et de mise au "
            "travail au sein des AI. Bien évidement, ce développement de l'offre d'insertion "
            "doit s'entendre de manière quantitative mais aussi de manière qualitative. En "
            "effet il est important d'élargir la nature des missions de travail au sein des "
            "AI afin d'être pertinents dans la construction de parcours et l'optimisation "
            "des passerelles vers d'autres SIAE, la formation ou l'emploi pérenne…\n"
            '\n'
            "Une plus grande concertation de l'ensemble de nos structures pour une plus "
            'grande cohérence et efficacité de nos actions\n'
            '\n'
            "Un vrai dialogue avec l'ensemble des politiques (Etat, Région, Département) "
            'pour une optimisation des ressources au service des projets de nos structures '
            "sur l'ensemble des territoires du département.",
 'problematiques': "Dans un contexte où l'environnement économique, social et financier "
                   "change, il est d'autant plus important que l'IAE puisse s'adapter. De "
                   "plus, l'Etat a engagé des reformes structurantes qui impactent "
                   'directement les SIAE : RSA, réforme de la formation professionnelle, '
                   "réforme du service public de l'emploi, révision générale des politiques "
                   "publiques en matière d'emploi et d'insertion, politique des instances "
                   "européennes en matière d'inclusion active.\n"
                   '\n'
                   'Les Associations intermédiaires ont dans ce contexte un rôle primordial '
                   'à jouer autour de trois axes qui sont les fondamentaux de leur cœur de '
                   'métier :\n'
                   '\n'
                   '- Assurer une viabilité et un développement économique\n'
                   '- Mettre la personne au centre du dispositif\n'
                   "- Travailler dans un souci permanent d'amélioration de la qualité\n"
                   '\n'
                   'De plus, le contexte spécifique lié à la crise oblige nos structures à '
                   "repenser leur stratégie de développement. Une baisse d'heure sur le "
                   'premier trimestre 2009 induit non seulement de graves inquiétudes '
                   'structurelles mais nous conduit à repenser nos axes de développement, '
                   "d'innover et de sécuriser des champs investis par les associations "
                   'intermédiaires.\n'
                   '\n'
                   "Pour nos structures, une baisse d'activité auprès du secteur marchand et "
                   'auprès des particuliers se fait ressentir cette année. Cela vient '
                   'accentuer un positionnement de plus en plus difficile pour nos '
                   "associations entre l'intérim, l'intérim d'insertion, les structures de "
                   'services à la personne… Il est alors primordial que les associations '
                   'intermédiaires, au-delà de la mise en œuvre de stratégie de '
                   'développement puissent asseoir leur positionnement.',
 'mutualisation_sought': '',
 'mutualisation_offered': '- Lobbying\n- Commercialisation\n- Communication\n- Formation',
 'contacts': [('referent_principal',
               'Pierre',
               'Langlade',
               'Directeur de GDID',
               'planglade@asso-gdid.fr',
               'G.D.I.D.',
               ['A2']),
              ('autre_referent',
               'Samuel',
               'Mougin',
               "Directeur d'ADPEI",
               's.mougin@adpei.org',
               'ADPEI',
               ['A2']),
              ('autre_referent',
               'Issma',
               'Benkhaled',
               "Responsable service social d'ADPEI",
               '',
               'ADPEI',
               ['A2']),
              ('autre_referent',
               'Jean-Charles',
               'Poupelle',
               "Directeur d'AER",
               '',
               'AER',
               [])],
 'links': [],
 'listings': [('A2', 30)]},
    # ULISSE: printed only in A2, the sommaire général gives it no codes, its porteur's
    # codes are A1, A2, A3, GT
    32: {'title': 'Validation et reconnaissance des compétences acquises lors du parcours dans les '
          "SIAE d'ULISSE",
 'summary': '',
 'porteur': 'ULISSE',
 'category': 'siae',
 'partners': [],
 'region_as_written': 'Rhône-Alpes',
 'departement_codes': ['38'],
 'territory_name': "L'agglomération grenobloise",
 'milieux': ['urbain'],
 'key_figures': '',
 'start_year': None,
 'end_year': None,
 'context': "L'agglomération grenobloise (26 communes), bassin d'emploi essentiellement "
            "orienté sur la recherche, l'industrie et les métiers du service.\n"
            '\n'
            "Peu d'offres d'emploi non qualifiées",
 'actions': "Projet transversal à l'ensemble des structures qui a pour objet de construire "
            "un dispositif de professionnalisation à partir de la mutualisation de l'offre "
            '(Mission, Contrat aidé, EMT, etc.) pour permette aux salariés :\n'
            '\n'
            "- d'être partie prenante du développement de leurs compétences en participant à "
            "l'élaboration de leur parcours (emploi / formation) et plus largement à "
            "l'organisation de l'action.\n"
            "- d'obtenir une validation officielle de leurs compétences professionnelles "
            "sanctionnée par un certificat, diplôme, etc. reconnu sur le marché de l'emploi "
            'classique.\n'
            '\n'
            'Une phase expérimentale est prévue, deux "familles" professionnelles (« '
            'nettoyage » et « logistique ») serviront de supports à cette 1ère phase pour '
            "ensuite transférer et élargir à d'autres types de postes existant à ULISSE.",
 'problematiques': 'La participation des salariés en parcours au montage et / ou à '
                   "l'organisation du projet\n"
                   '\n'
                   'Structuration dans la méthodologie de mise en œuvre du projet\n'
                   '\n'
                   "L'implication des permanents dans le montage du projet",
 'mutualisation_sought': "Partage d'expériences autour de l'implication des salariés dans un "
                         'projet de développement dans lequel ils amènent leur expertise (à '
                         'partir du vécu des périodes de travail en SIAE).',
 'mutualisation_offered': 'Démarches de professionnalisation pour les salariées en parcours\n'
                          '\n'
                          "Outils d'évaluation des salariés",
 'contacts': [('referent_principal',
               'Laurent',
               'Pinet',
               'Directeur',
               'lpinet@ulisse38.com',
               'ULISSE',
               ['A1']),
              ('autre_referent',
               'Nassima',
               'Allam',
               'Responsable de service',
               'nallam@ulisse38.com',
               'ULISSE',
               ['A2', 'A3']),
              ('autre_referent',
               'Christine',
               'Allegraud',
               'Responsable Insertion et Développement',
               'callegraud@ulisse38.com',
               'ULISSE',
               ['A2', 'A3', 'GT'])],
 'links': [],
 'listings': [('A2', 32), ('A3', 40)]},
}
# fmt: on


@pytest.mark.parametrize("page", sorted(GOLDEN))
def test_golden_card(cards, page):
    assert cards[page].source_page == page
    assert as_read(cards[page]) == GOLDEN[page]


def test_golden_cards_cover_the_hard_layouts():
    assert len(GOLDEN) >= 6


def test_no_summary_where_the_heading_has_no_subtitle(cards):
    """16 of the 21 headings are a title alone: the summary stays empty, not a copy of it."""
    without = sorted(page for page, card in cards.items() if not card.summary)
    assert without == [6, 9, 10, 11, 13, 14, 16, 17, 18, 21, 23, 26, 27, 28, 30, 32]
    assert all(card.summary != card.title for card in cards.values())


def test_entraide_partners_from_its_partenariat_line(cards):
    """p. 23: « Partenariat : Conseil de développement, Assemblée Syndicale et Comité du
    bassin d'emploi du Syndicat de Pays, … » — the Pays Sancerre Sologne's syndicate."""
    assert cards[23].partners == ["Syndicat de Pays Sancerre Sologne"]
    assert "Partenariat :" in cards[23].actions  # the sentence stays where the card has it


def test_gas_49_planned_review_is_no_end_year(cards):
    """p. 27: « nous prévoyons un temps de bilan en 2012 » plans a review, not an end."""
    assert (cards[27].start_year, cards[27].end_year) == (2010, None)


def test_ateliers_members_from_the_sommaires_too():
    """ADPEI's card says « A2 »; the sommaires file it under A1, A2 and A3 (p. 16, 38)."""
    text = corrections.apply("001", DOCUMENT.path.read_text(encoding="utf-8"))
    groups = {group.code: group for group in fiches_dts.parse(text).groups}
    for code in ("A1", "A2", "A3"):
        assert "ADPEI" in groups[code].member_organisations, code
    assert "ADPEI" not in groups["GT"].member_organisations
