"""Golden records: the five working groups of the 2008 recueil (000), read against the scan.

Each group's origin, objectives and conclusion are checked at their beginning and end and
on a passage the scan had damaged (side column interleaved, glued or misread words); its
facilitators, period, page and productions (the group's own documents) as a whole.
"""

import re
import unicodedata

import pytest

GROUPS = {
    "G1": {
        "name": "Pôles de développement territorial",
        "period": "de novembre 2006 à mars 2007",
        "page": 10,
        "facilitators": [
            ("Anne Claire", "Pignal", "chef de projet VITA au COORACE", "COORACE"),
            ("Nicolas", "Philippe", "consultant Extra Muros", "Extra Muros"),
        ],
        "origin": (
            "Depuis plus de vingt ans, les Structures d’Insertion par l'Activité Economique",
            "leur ancrage sur le territoire, et leurs compétences plus ou moins affirmées.",
        ),
        "objectives": (
            "À l'issue de la Rencontre nationale VITA du 13 octobre 2006",
            "les complémentarités et les différences entre ces trois expériences.",
        ),
        "conclusions": (
            "Le groupe de travail s'est réuni à trois reprises de novembre à mars 2007 à "
            "Romans et à Lyon. Les réunions ont été co-animées par Extra Muros et le COORACE. "
            "Outre les acteurs de l'insertion partenaires de VITA et co-initiateurs de pôles "
            "de développement territorial (Groupe ISACTYS, Groupe ARCHER et ALCG)",
            "Analyse des activités de reprise et de relance d’activités par le Groupe ARCHER "
            "(Extra Muros, mars 2008)",
        ),
        "damaged": [
            # « [égitimité », the page number « 24 » and the running header, « définitive ment »
            "de renforcer la légitimité et la capacité d'acteur",
            "plus global.\n\nLes impacts d’un projet construit",
            "n'est jamais définitivement acquis",
            "Analyse croisée des structurations de pôles de développement territorial "
            "à l’initiative d’acteurs de l’IAE",
        ],
        "productions": [
            ("Grille d’analyse itérative appliquée au Groupe ISACTYS", "COORACE", 2007),
            (
                "Document de capitalisation de l'accompagnement au renforcement du pôle de "
                "développement territorial par la mise en place d’une charte partenariale "
                "interne - La BISE, Jura",
                "Extra Muros",
                2008,
            ),
            (
                "Analyse des activités de reprise et de relance d’activités par le Groupe ARCHER",
                "Extra Muros",
                2008,
            ),
        ],
    },
    "G2": {
        "name": "Commande publique responsable",
        "period": "de décembre 2006 à février 2008",
        "page": 28,
        "facilitators": [
            (
                "Patrick",
                "Loquet",
                "Maître de conférence en droit en l'Université de Valenciennes et du Hainaut "
                "Cambrésis et membre du CNIAE",
                "Université de Valenciennes et du Hainaut Cambrésis",
            ),
        ],
        "origin": (
            "Depuis quelques mois, nous assistons à un intérêt croissant pour les clauses "
            "sociales dans les marchés publics. L'Etat a mis en ligne un guide à l'attention "
            "des donneurs d’ordres sur le site du Ministère",
            # Its three notes after it: their calls are in it (« … du CNIAE² », « … Régies
            # de Quartier³ »), though the scan reads them after the objectives.
            "dont le bon de commande est téléchargeable à l'adresse : http://www.cnlrq.org",
        ),
        "objectives": (
            "Lors de la Rencontre nationale du 13 octobre 2006, à partir de l'expérience",
            "pour un développement durable des territoires.",
        ),
        "conclusions": (
            "### Les éléments d’évaluation\n\n#### La permanence et l'assiduité\n\n"
            "Le groupe de travail a tenu sept réunions de décembre 2006 à février 2008. "
            "La participation au groupe de travail est très satisfaisante avec une moyenne de "
            "16 participants.",
            "- Fiche 5 : Les SIAE et les clauses sociales.",
        ),
        "damaged": [
            "dans les colleges du Département du Pas-de-Calais".replace("colleges", "collèges"),
            "Les SIAE sont apparues comme de véritables partenaires du développement local. "
            "En initiant des réunions territoriales",
            "l'un par l'Alliance Villes Emploi pour le compte du CNIAE",
            "l'expérience de l'Association Intermédiaire A.C.I.D. à Maubeuge (Nord)",
            "aux Rencontres nationales (octobre 2006, mars et octobre 2007) aux réunions",
            "La commande publique, fût-elle responsable, n'est qu’une entrée possible",
        ],
        "productions": [
            (
                "Dispositif de sensibilisation, d’information et de formation sur les clauses "
                "sociales dans les marchés publics",
                None,
                2008,
            ),
            (
                "Cahier des charges pour décider de l'accompagnement d'une structure d’insertion "
                "par l'activité économique (SIAE) dans une démarche territoriale de mise en "
                "œuvre des clauses sociales",
                None,
                2008,
            ),
            (
                "Fiche 1: Modèle de dispositions contractuelles à intégrer dans les pièces du "
                "marché pour l'utilisation de l'article 14 du Code des marchés publics",
                None,
                2008,
            ),
            (
                "Fiche 2 : Modèle de convention pour un marché de services de qualification et "
                "d’insertion professionnelles passé en application de l'article 30 du code avec "
                "publicité et mise en concurrence",
                None,
                2008,
            ),
            (
                "Fiche 3 : Modèle de délibération susceptible d’être proposée aux organes "
                "délibératifs des collectivités publiques soucieuses d'utiliser la commande "
                "publique pour renforcer la cohésion sociale sur leur territoire",
                None,
                2008,
            ),
            (
                "Fiche 4 : Réussir la mise en œuvre des clauses sociales : les conditions de la "
                "réussite et les conseils d’ordre méthodologique",
                None,
                2008,
            ),
            ("Fiche 5 : Les SIAE et les clauses sociales", None, 2008),
        ],
    },
    "G3": {
        "name": "Services de proximité, emploi et territoire",
        "period": "de décembre 2006 à mars 2008",
        "page": 72,
        "facilitators": [
            (
                "Guy",
                "Michel",
                "directeur de l'Agence pour le Développement des Services de Proximité (ADSP)",
                "ADSP",
            ),
            # « Elles ont été co-animées par Guy Michel, … et Anne-Claire Pignal (COORACE) »
            # (p. 104), as the introduction presents her
            ("Anne Claire", "Pignal", "chef de projet VITA au COORACE", "COORACE"),
        ],
        "origin": (
            "Le groupe de travail VITA “Services de proximité, emploi et territoire” est issu "
            "de la Rencontre Nationale VITA du 13 octobre 2006 et de l'atelier consacré au "
            "développement de la filière des services à la personne",
            "conduites par les COORACE régionaux Pays de la Loire et Midi-Pyrénées.",
        ),
        "objectives": (
            "Les participants à l'atelier ont retenu la création d'un groupe de travail",
            "- convenir des terrains à accompagner.",
        ),
        "conclusions": (
            "### Conditions de fonctionnement\n\nLe groupe de travail s'est réuni huit fois, de "
            "décembre 2006 à février 2007. Les réunions se sont tenues à Paris",
            "L'enjeu est ici de capitaliser les acquis du groupe de travail et de permettre un "
            "transfert de son expérience collective.",
        ),
        "damaged": [
            "Elles ont été co-animées par Guy Michel, directeur de l'Agence pour le "
            "Développement des Services de Proximité (ADSP) et Anne-Claire Pignal (COORACE).",
            "Des productions ont été réalisées transversalement ou par les animateurs",
            "un appui sur site a été réalisé par l'ADSP auprès des membres du groupe",
            "(l'AI Centremploi qui est porteuse également de divers ACI",
            "les groupes de travail VITA :\n\n- appui aux projets territoriaux ;\n",
        ],
        "productions": [
            ("Comptes rendus des groupes de travail", None, 2008),
            ("Apports méthodologiques", None, 2008),
            ("Comptes rendus de visites d’appui sur sites", None, 2008),
            ("Points d'étape et perspectives du groupe de travail", None, 2008),
            (
                "Analyse transversale des actions de professionnalisation conduites par les "
                "membres du groupe",
                None,
                2008,
            ),
            ("Document collectif de restitution finale du travail du groupe", None, 2008),
        ],
    },
    "G4": {
        "name": "Égalité des chances femmes / hommes et territoire",
        "period": "de décembre 2006 à janvier 2008",
        "page": 107,
        "facilitators": [
            ("Françoise", "Le Verge", "co-gérante de PERFEGAL", "PERFEGAL"),
            ("Rozenn", "Le Vaillant", "Consultante Extra Muros", "Extra Muros"),
        ],
        "origin": (
            "La thématique de l'égalité des chances entre femmes et hommes a été identifiée "
            "lors de la première Rencontre nationale VITA (13 octobre 2006). Un ensemblier",
            "au sein de leurs structures et sur chacun de leur territoire.",
        ),
        "objectives": (
            "- Appuyer les projets territoriaux impliqués dans le groupe de travail",
            "impulser de nouvelles dynamiques sur son territoire.",
        ),
        "conclusions": (
            "### Des dynamiques territoriales diversifiées\n\nLe groupe de travail s'est réuni "
            "six fois de décembre 2006 à janvier 2008, en Bretagne, Pays de la Loire ou à "
            "Paris. La première réunion a mis en avant la nécessité",
            "pour qu'une SIAE se pose les bonnes questions au bon moment.",
        ),
        "damaged": ["accompagné dans ses travaux par Françoise Le Verge, consultante au cabinet"],
        "productions": [
            # « … mission d'Extra Muros », « … mission de PERFEGAL » (p. 118)
            (
                "Méthodologie pour l'émergence d’un projet en faveur de l'égalité des chances "
                "entre femmes et hommes",
                "Extra Muros",
                2008,
            ),
            ("Articulation avec la démarche Qualité CEDRE du COORACE", None, 2008),
            # « Méthodologie de conduite de projet - Extra Muros pour le COORACE » (p. 72)
            (
                "Intégration transversale de l'enjeu de l'égalité des chances entre femmes et "
                "hommes dans la “ Méthodologie de conduite de projet VITA ”",
                "Extra Muros",
                2008,
            ),
        ],
    },
    "G5": {
        "name": "Spécificités de l'IAE dans la création d'activités",
        "period": "de juin 2007 à février 2008",
        "page": 122,
        "facilitators": [
            ("Nicolas", "Philippe", "consultant Extra Muros", "Extra Muros"),
            # « co-animées par Nicolas Philippe (Extra Muros) et Anne Claire Pignal (COORACE) »
            # (p. 148)
            ("Anne Claire", "Pignal", "chef de projet VITA au COORACE", "COORACE"),
        ],
        "origin": (
            "Qu’est-ce qui poussent les acteurs de l'insertion par l'activité économique",
            "à la croisée de l'intérêt collectif et de la viabilité économique.",
        ),
        "objectives": (
            "Plusieurs SIAE en réflexion sur l'opportunité de créer une activité",
            "sur les dynamiques de mobilisation des femmes dans la création d'activités.",
        ),
        "conclusions": (
            "### Les éléments d’évaluation\n\n#### Une mobilisation en deux temps\n\n"
            "Le groupe de travail a tenu cinq réunions de juin 2007 à février 2008, "
            "co-animées par Nicolas Philippe (Extra Muros) et Anne Claire Pignal (COORACE).",
            "ambitions de plus values sociales, participatives ou environnementales.",
        ),
        "damaged": [
            "D'abord la conscience aiguë que les parcours d’insertion",
            "Chacun de ces nouveaux porteurs de projet a été rencontré individuellement par "
            "l'équipe VITA afin de mener un travail d'appui méthodologique",
            "Les territoires sont en quête de porteurs de projets",
        ],
        "productions": [
            # « deux documents proposés par Extra Muros »
            (
                "Une note de présentation du statut de SCIC à destination des SIAE",
                "Extra Muros",
                2008,
            ),
            (
                "Un document cadre pour la rédaction d’un “ Plan d’affaires VITA ”",
                "Extra Muros",
                2008,
            ),
        ],
    },
}
# Side-column debris and scan damage that must stay gone from every group's text.
DEBRIS = [
    "Groupe de travail VITA",
    "accompagné par",
    "teﬂ",
    "tOIre",
    "clz",
    "CROISjEE",
    "CONCLUSION",
    "Maître de conférence au",
    "Co-gérante",
    " P reprises",
    "ont O .",
    "\n\n24\n\n",
]


def _group(parsed_000, code):
    return next(group for group in parsed_000.groups if group.code == code)


@pytest.mark.parametrize("code", GROUPS)
def test_a_group_says_what_its_chapter_says(parsed_000, code):
    expected, group = GROUPS[code], _group(parsed_000, code)
    assert group.name == expected["name"]
    assert group.period_label == expected["period"]
    assert group.source_page == expected["page"]
    for field in ("origin", "objectives", "conclusions"):
        start, end = expected[field]
        text = getattr(group, field)
        assert text.startswith(start), (field, text[:200])
        assert text.endswith(end), (field, text[-200:])
    texts = f"{group.origin}\n\n{group.objectives}\n\n{group.conclusions}"
    for passage in expected["damaged"]:
        assert passage in texts
    for debris in DEBRIS:
        assert debris not in texts, debris


@pytest.mark.parametrize("code", GROUPS)
def test_a_group_has_its_facilitators(parsed_000, code):
    group = _group(parsed_000, code)
    assert [
        (c.person.first_name, c.person.last_name, c.person.role, c.organisation)
        for c in group.contacts
    ] == GROUPS[code]["facilitators"]
    assert all(contact.role == "facilitator" for contact in group.contacts)


@pytest.mark.parametrize("code", GROUPS)
def test_a_groups_productions_are_its_own_documents(parsed_000, code):
    group = _group(parsed_000, code)
    resources = {resource.key: resource for resource in parsed_000.resources}
    productions = [resources[key] for key in group.production_keys]
    assert [
        (r.title, (r.author_organisations or [None])[0], r.year) for r in productions
    ] == GROUPS[code]["productions"]
    assert [r.source_key for r in productions] == [
        f"production-{code}-{rank}" for rank in range(1, len(productions) + 1)
    ]
    assert all(r.group_codes == [code] for r in productions)


def test_g2_s_notes_follow_the_origin_that_calls_them(parsed_000):
    g2 = _group(parsed_000, "G2")
    assert "la dimension sociale de son achat.\n\n¹ Guide Commande publique" in g2.origin
    assert "Comité National de Liaison des Régies de Quartier³." in g2.origin
    assert not any(note in g2.objectives for note in ("¹", "²", "³"))


def test_g2_s_productions_heading_is_one_heading(parsed_000):
    conclusions = _group(parsed_000, "G2").conclusions
    assert "\n\n### Les productions du groupe de travail : outils et procédures\n\n" in conclusions


def _conclusions(parsed_000, code):
    return next(group for group in parsed_000.groups if group.code == code).conclusions


def test_g1_s_conclusion_keeps_the_group_s_name_the_side_column_also_prints(parsed_000):
    # « co-initiateurs de poles » « de développement territorial (Groupe »: the text's
    # words, not the side column's label « Pôles de développement territorial ».
    assert "co-initiateurs de pôles de développement territorial (Groupe ISACTYS" in (
        _conclusions(parsed_000, "G1")
    )


def test_g1_s_grid_parts_are_paragraphs_of_their_own(parsed_000):
    assert (
        "la capacité d'acteur du développement territorial.\n\n"
        "Les événements, leviers, opportunités et freins :\n\n- les événements"
    ) in _conclusions(parsed_000, "G1")


def test_g4_s_paragraph_after_its_two_axes_is_no_part_of_the_second(parsed_000):
    assert (
        "- la construction d'une méthodologie pour un état des lieux du territoire, "
        "mission de PERFEGAL.\n\nCette articulation a évolué"
    ) in _conclusions(parsed_000, "G4")


def test_g5_s_two_networks_are_two_items(parsed_000):
    conclusions = _conclusions(parsed_000, "G5")
    assert "\n- Le Réseau Entreprendre : association" in conclusions
    assert "\n- Le Réseau France Active, qui propose des outils financiers" in conclusions


def test_g2_s_fiches_belong_to_their_series(parsed_000):
    series = "Fiches techniques et juridiques “ clauses sociales dans les marchés publics ” de "
    (collection,) = [c for c in parsed_000.collections if c.name == series + "Patrick Loquet"]
    fiches = [r for r in parsed_000.resources if r.collection_key == collection.key]
    assert [fiche.title.split(":")[0].strip() for fiche in fiches] == [
        f"Fiche {number}" for number in range(1, 6)
    ]
    assert all(fiche.group_codes == ["G2"] for fiche in fiches)


# -- the conclusions' outline, the productions' makers, the members (the audit's « Left ») --


def _headings(markdown):
    return [line for line in markdown.splitlines() if line.startswith("#")]


def test_a_conclusion_s_sections_are_in_sentence_case_and_their_parts_under_them(parsed_000):
    """The recueil prints a conclusion's sections in capitals and their parts in small
    letters: sections at the third level, not shouted; parts at the fourth (G2 p. 69)."""
    assert _headings(_conclusions(parsed_000, "G2"))[:3] == [
        "### Les éléments d’évaluation",
        "#### La permanence et l'assiduité",
        "#### Des dynamiques territoriales diversifiées",
    ]
    assert "### Analyse croisée des structurations de pôles de développement territorial à " \
        "l’initiative d’acteurs de l’IAE" in _headings(_conclusions(parsed_000, "G1"))  # fmt: skip
    for group in parsed_000.groups:
        for heading in _headings(group.conclusions):
            assert re.search(r"[a-zà-ÿ]", heading), (group.code, heading)  # none shouted
            assert heading.startswith(("### ", "#### ")), (group.code, heading)


def test_g3_s_numbered_parts_are_headings_under_their_section(parsed_000):
    headings = _headings(_conclusions(parsed_000, "G3"))
    lessons = headings.index("### Leçons à tirer")
    assert headings[lessons + 1 : lessons + 3] == [
        "#### 4.1. Les apports du groupe de travail",
        "#### 4.2. L'analyse des besoins en services de proximité sur un territoire",
    ]


@pytest.mark.parametrize(
    "code, productions",
    [
        ("G1", ["### Les productions réalisées"]),  # printed in small letters, a section too
        (
            "G2",
            [
                "### Les productions du groupe de travail : outils et procédures",
                "#### Dispositif de sensibilisation, d’information et de formation sur les "
                "clauses sociales dans les marchés publics",
                # a paragraph beside the heading above: its first sentence is its title
                "#### Cahier des charges pour décider de l'accompagnement d'une structure "
                "d’insertion par l'activité économique (SIAE) dans une démarche territoriale "
                "de mise en œuvre des clauses sociales",
                "#### Fiches techniques et juridiques “ clauses sociales dans les marchés "
                "publics ” de Patrick Loquet",
            ],
        ),
        ("G3", ["### Productions proposées par le groupe de travail"]),
        (
            "G4",
            [
                "### Les productions et résultats",
                "#### 1. Méthodologie pour l'émergence d’un projet en faveur de l'égalité des "
                "chances entre femmes et hommes",
                "#### 2. Articulation avec la démarche Qualité CEDRE du COORACE",
                "#### 3. Intégration transversale de l'enjeu de l'égalité des chances entre "
                "femmes et hommes dans la “ Méthodologie de conduite de projet VITA ”",
            ],
        ),
        (
            "G5",
            [
                "### Les productions du groupe de travail",
                # « Une note … des SIAE. » was a paragraph beside the heading below
                "#### Une note de présentation du statut de SCIC à destination des SIAE",
                "#### Un document cadre pour la rédaction d’un “ Plan d’affaires VITA ”",
            ],
        ),
    ],
)
def test_a_group_s_productions_are_one_section_their_titles_at_one_level(
    parsed_000, code, productions
):
    headings = _headings(_conclusions(parsed_000, code))
    start = next(i for i, h in enumerate(headings) if "roductions" in h)
    assert headings[start : start + len(productions)] == productions
    assert "\n\nDans l'objectif de pérenniser la démarche" in _conclusions(parsed_000, "G2")
    assert "\n\nMises à la disposition des acteurs intéressés :\n\n- Fiche 1" in (
        _conclusions(parsed_000, "G2")
    )


PUBLISHERS = {
    # (author organisations, author people, publisher), as the recueil credits each
    "production-G1-1": (["COORACE"], [], "COORACE"),  # « (COORACE, mars 2007) »
    "production-G1-2": (["Extra Muros"], [], "Extra Muros"),  # « (Extra Muros, février 2008) »
    "production-G1-3": (["Extra Muros"], [], "Extra Muros"),
    "production-G2-1": ([], [], "COORACE"),  # no maker named: the programme's
    "production-G2-2": ([], [], "COORACE"),
    **{f"production-G2-{n}": ([], ["Loquet"], "") for n in range(3, 8)},  # « de Patrick Loquet »
    **{f"production-G3-{n}": ([], [], "COORACE") for n in range(1, 7)},
    "production-G4-1": (["Extra Muros", "PERFEGAL"], [], ""),  # their two missions
    "production-G4-2": ([], [], "COORACE"),
    "production-G4-3": (["Extra Muros"], [], "COORACE"),  # « Extra Muros pour le COORACE »
    "production-G5-1": (["Extra Muros"], [], "Extra Muros"),  # « proposés par Extra Muros »
    "production-G5-2": (["Extra Muros"], [], "Extra Muros"),
}


def test_each_production_has_the_makers_the_recueil_credits(parsed_000):
    productions = {
        r.source_key: r for r in parsed_000.resources if r.source_key.startswith("production-")
    }
    assert {
        key: (r.author_organisations, [p.last_name for p in r.author_people], r.publisher)
        for key, r in productions.items()
    } == PUBLISHERS


# The structures each chapter names as taking part, besides its cards' porteurs.
NAMED_MEMBERS = {
    # « la CRESS Rhône-Alpes et les COORACE Franche-Comté, PACA-Corse et Rhône-Alpes »
    "G1": ["CRESS Rhône-Alpes", "COORACE Franche-Comté", "COORACE PACA-Corse",
           "COORACE Rhône-Alpes"],
    "G2": ["ESSOR"],  # « ESSOR : Association Intermédiaire - Nanterre », its card in G4
    "G3": ["Rhuys Emplois"],  # « Actions et projets des membres », its card in G5
    # « Ce groupe de travail a réuni différents acteurs de l'insertion … »
    "G4": ["ACCÈS REAGIS", "INSERETZ", "PACTES", "LA PASSERELLE", "Les Bâtisseuses",
           "COORACE Bretagne", "COORACE Pays de la Loire"],
    # the first four projects of the group, two of them porteurs of cards of other groups
    "G5": ["AIDE EMPLOI SERVICES",
           "AMSIC - Association Maison des Squares Solidarité Interculturel Citoyenneté"],
}  # fmt: skip


def _plain_name(name):
    return re.sub(r"\W", "", unicodedata.normalize("NFKD", name).lower())


# Porteurs of a chapter's cards it presents as outside experiences, no members.
OUTSIDE = {
    # « la présentation d'expériences innovantes extérieures » (p. 69)
    "G2": ["Conseil Général du Pas-de-Calais", "Nantes Métropole",
           "Inter-réseaux IAE des Pays de la Loire"],
    # « Des témoignages de partenaires d'actions ont été sollicités » (p. 104)
    "G3": ["Anjou Domicile"],
}  # fmt: skip


@pytest.mark.parametrize("code", NAMED_MEMBERS)
def test_a_group_s_members_are_its_cards_porteurs_and_the_structures_its_text_names(
    parsed_000, code
):
    group = _group(parsed_000, code)
    porteurs = [
        c.porteur
        for c in parsed_000.cards
        if c.listings[0].group_code == code and c.porteur not in OUTSIDE.get(code, [])
    ]
    members = group.member_organisations
    expected = [_plain_name(name) for name in [*porteurs, *NAMED_MEMBERS[code]]]
    assert [_plain_name(member) for member in members] == list(dict.fromkeys(expected))
    # each one an organisation the document gives, by its name there: no second record
    names = {organisation.name for organisation in parsed_000.organisations}
    assert set(members) <= names


def test_the_programme_starts_at_the_introduction_its_parts_under_it(parsed_000):
    (programme,) = parsed_000.programmes
    assert programme.source_page == 7
    assert programme.description.startswith("### Introduction\n\nLes 27 expériences")
    assert "VITA expérimente un Centre de ressources et d'appui" in programme.description
    assert _headings(programme.description) == [
        "### Introduction",
        "#### La dynamique d’un réseau ressource",
        "#### Les groupes de travail, au cœur de la dynamique",
        "#### Une offre de services et un cadre de mutualisation cohérent",
        "### Conclusion du recueil",
        "#### Le développement ou le renforcement de dispositifs partenariaux",
        "#### La construction de structures d’appui au développement du territoire",
        "#### La création ou le développement d’activités économiques",
    ]


@pytest.mark.django_db
def test_the_groups_members_and_the_programme_s_page_are_in_the_portal(imported, client):
    from workgroups.models import Programme, WorkingGroup

    g4 = WorkingGroup.objects.get(code="G4")
    assert {_plain_name(o.name) for o in g4.member_organisations.all()} >= {
        _plain_name(name) for name in NAMED_MEMBERS["G4"]
    }
    page = client.get(g4.get_absolute_url()).content.decode()
    assert "Structures membres" in page and "Les Bâtisseuses" in page
    programme = Programme.objects.get(slug="vita-2005-2008")
    assert programme.get_absolute_url() in page  # the group's page links its programme
    page = client.get(programme.get_absolute_url()).content.decode()
    assert "VITA expérimente un Centre de ressources et d" in page
    assert "Source : " in page and "p. 7" in page
    assert client.get("/groupes/").content.decode().count(programme.get_absolute_url()) >= 1


@pytest.mark.django_db
def test_g3_and_g5_pages_name_their_co_facilitator(imported, client):
    """« co-animées par Guy Michel … et Anne-Claire Pignal (COORACE) » (p. 104), « … par
    Nicolas Philippe (Extra Muros) et Anne Claire Pignal (COORACE) » (p. 148)."""
    from workgroups.models import WorkingGroup

    for code, first in (("G3", "Guy Michel (ADSP)"), ("G5", "Nicolas Philippe (Extra Muros)")):
        group = WorkingGroup.objects.get(code=code)
        page = client.get(group.get_absolute_url()).content.decode()
        assert f"{first}, Anne Claire Pignal (COORACE)" in page, code


def test_g5s_period_is_its_chapters_with_a_doubt_on_the_introductions(parsed_000):
    # The chapter (p. 139): proposed « le 30 mars 2007 », five meetings « de juin 2007 à
    # février 2008 »; the introduction's list (p. 7) prints « de juin 2006 ».
    g5 = next(group for group in parsed_000.groups if group.code == "G5")
    assert g5.period_label == "de juin 2007 à février 2008"
    assert (g5.period_start.isoformat(), g5.period_end.isoformat()) == ("2007-06-01", "2008-02-01")
    assert len(g5.doubts) == 1 and "de juin 2006 à février 2008" in g5.doubts[0]
    assert not [group.code for group in parsed_000.groups if group.doubts and group.code != "G5"]
