"""Document 000: freins and leviers cut as the scan prints them (`recueil_vita_points`).

A point is one printed paragraph or bullet, or the part of one that reads alone under its
topic: a sentence that opens on a connective or an anaphor whose antecedent is in the part
before it stays with that part (« Mais le CNLRQ … », « … cet écueil doit pouvoir être
évité », « Pour le lever, … »). Each card below is held whole: kind, topic, and each text by
its opening and its end, in order."""

import pytest

# (kind, topic, opening, end) of every point of the card, in order.
# fmt: off
POINTS = {
    # p. 24: no frein at the start but the premises; the essoufflement told over three
    # paragraphs (« Au fur et à mesure », « Au cours de cette évolution »), what is now done
    # about it the levier (« Cette démarche est lancée … »).
    "G1-3": [
        ("frein", "Une forte mobilisation des acteurs et une réelle volonté politique",
         "Au démarrage du projet, il n'y a pas eu de freins particuliers.\nLes locaux. La "
         "principale difficulté", "l'accueil et l'accompagnement du public."),
        ("levier", "Une forte mobilisation", "Une fois le local trouvé", "HLM attenant."),
        ("levier", "Une forte mobilisation", "Les locaux ont rapidement été agrandis",
         "documentation générale."),
        ("levier", "Une forte mobilisation", "La synergie entre acteurs.", "réguliers."),
        ("levier", "Une forte mobilisation", "Inscrite depuis longtemps", "accès à l'emploi."),
        ("levier", "Une forte mobilisation", "En parallèle, les structures", "politique fort."),
        ("levier", "Une forte mobilisation", "La BISE bénéficie aujourd", "ARCADE."),
        ("levier", "Une forte mobilisation", "La collectivité reconnaît", "sur le territoire."),
        ("frein", "Évolution du projet, évolution des structures : essoufflement de la "
         "dynamique collective",
         "Le champ d'intervention des structures fondatrices était très ciblé sur le domaine "
         "de l'emploi.\nAu fur et à mesure, il y a eu une volonté d’ouverture des domaines "
         "d'intervention vers le champ social.\nAu cours de cette évolution",
         "le projet collectif n'a pas été retravaillé."),
        ("levier", "Évolution du projet",
         "Aujourd'hui, il importe de retravailler la dynamique partenariale et la coordination "
         "de la BISE.\nCette démarche est lancée grâce au travail d'accompagnement",
         "dont la BISE bénéficie."),
        ("levier", "Conventionnement avec VITA", "L'accompagnement d'Extra Muros",
         "nécessaire au projet."),
    ],
    # p. 38: « Cependant, certains freins ont dû être levés : », each bullet a frein with
    # how it was lifted told of it (« ces préjugés », « Ces appréhensions »).
    "G2-3": [
        ("levier", "", "Le lancement de l'opération a été relativement aisé",
         "travailler ensemble."),
        ("frein", "Auprès des élus locaux", "Une représentation très négative",
         "qui sont accueillies en chantier d'insertion. L'AIDE a su lever ces préjugés en "
         "explicitant la réalité des compétences et parcours de professionnalisation des "
         "personnes qu'elle accompagne."),
        ("frein", "Auprès des élus locaux", "La crainte d’une généralisation massive",
         "dans les marchés publics. La MEDEFI et AIDE ont pu rassurer en mettant en avant le "
         "caractère forcément expérimental et limité de cette mise en œuvre dans un premier "
         "temps, avant de prétendre toucher un nombre de personnes plus important."),
        ("frein", "Auprès des élus locaux", "L'inquiétude de voir les entreprises",
         "dans les délais. Ces appréhensions ont pu être levées grâce aux multiples exemples "
         "de mises en œuvre réussies ailleurs en France."),
        ("frein", "Auprès des élus locaux", "La crainte de réticences", "techniciens."),
        ("frein", "Auprès des techniciens des intercommunalités",
         "Quelques techniciens restent encore opposés",
         "de la procédure. Une sensibilisation réalisée par une personne qualifiée, appuyée "
         "sur la présentation d’exemples et éventuellement des prises de contact avec des "
         "techniciens de collectivités expérimentées, permet de lever cette inquiétude."),
        ("frein", "Auprès des techniciens des intercommunalités",
         "Cependant, le principal frein à un élargissement",
         "de gestion. En dépit de cette difficulté, l'AIDE se permet régulièrement de faire "
         "des rappels pour que le projet reste prioritaire.\nC’est ainsi que les premiers "
         "contacts avec les deux premières EPCI pilotes ont été pris en janvier 2008. Le "
         "Conseil d’Administration de la MEDEFI a confirmé ce projet comme prioritaire pour "
         "l'année 2008."),
    ],
    # p. 55: paragraphs that tell a frein and then a levier, each reading alone, are cut;
    # the UREI and CNLRQ paragraph (« néanmoins », « Mais le CNLRQ ») and the weak
    # participation (« Cependant, à l'issue de la Rencontre ») are one frein each.
    "G2-7": [
        ("levier", "", "Le constat initial d'une faible connaissance", "acteurs présents."),
        ("frein", "", "Le délai pour l'organisation", "élections municipales."),
        ("levier", "", "Des réticences politiques initiales", "a été déterminant."),
        ("levier", "", "Afin de justifier l'intérêt", "situation de travail réelles."),
        ("frein", "", "Certaines fédérations régionales n’ont pas souhaité participer aux "
         "réunions préparatoires (UREI et CNLRQ). La finalisation de l'organisation de la "
         "rencontre a permis néanmoins d’obtenir l'intervention d'un représentant national",
         "lors d'une table ronde. Mais le CNLRQ n’a pas pu être raccroché à la dynamique."),
        ("frein", "", "Le principe de la “ commande publique responsable ”",
         "par l'ensemble des partenaires."),
        ("levier", "", "La présence de Patrick Loquet", "dépasser les premières réticences."),
        ("levier", "", "La Maison de l'Emploi et de la Formation de Nanterre",
         "Cité des métiers."),
        ("frein", "", "La faiblesse de la participation des SIAE",
         "inter réseaux IAE 92 rapidement. Cependant, à l'issue de la Rencontre, l'inter "
         "réseaux IAE a fait des propositions concrètes aux MDE et PLIE pour permettre une "
         "réelle implication des SIAE dans la gestion des clauses."),
    ],
    # p. 67: « Au final, il a mis en route … »: « il », the post of the frein's paragraph.
    "G2-10": [
        ("frein", "", "Tout d’abord, le poste de Chargé de mission",
         "du Code des marchés publics. Au final, il a mis en route une réelle dynamique qui "
         "aurait justifié une pérennisation de cette fonction."),
        ("levier", "Les points positifs", "Le travail de cartographie", "rapidement)."),
        ("levier", "Les points positifs", "L'activation de la clause", "par les élus."),
        ("levier", "Les points positifs", "Un facteur clé de succès", "de cet outil."),
        ("levier", "Les points positifs", "La mission a mis en évidence", "commandes."),
        ("levier", "Les points positifs", "La sollicitation régulière", "communication."),
        ("levier", "Les points positifs", "Les formations d’une journée", "commune."),
        ("frein", "Les freins rencontrés", "La plupart des SIAE", "des enjeux."),
        ("frein", "Les freins rencontrés", "Le portage de la mission", "que souhaité."),
        ("frein", "Les freins rencontrés", "Les collectivités territoriales", "la mission."),
        ("frein", "Les freins rencontrés", "Une prise de contact", "pas pu être réalisée."),
    ],
    # p. 85: the last three leviers are printed after the items of « L'appui technique et
    # financier régulier de partenaires institutionnels » (and its « Par ailleurs »,
    # « Enfin »), under no topic: sharing with other platforms, the team, the financing.
    "G3-3": [
        ("frein", "Le développement économique", "Le bassin d’emploi", "suppressions d'emploi."),
        ("frein", "La politique locale", "Une grande partie des élus", "de voir le jour."),
        ("levier", "La synergie entre partenaires locaux", "Les “Partenaires pour l'emploi”",
         "de l'économie."),
        ("levier", "La synergie entre partenaires locaux", "Les partenaires pour l'accompagnement",
         "d’hébergement."),
        ("levier", "L'appui technique et financier régulier de partenaires institutionnels",
         "Le Conseil Général de l'Essonne", "le projet Mobilité."),
        ("levier", "L'appui technique et financier", "Le Conseil Régional", "à la demande."),
        ("levier", "L'appui technique et financier", "Par ailleurs, un dossier", "d'Epargne."),
        ("levier", "L'appui technique et financier", "Enfin, des fondations", "le carburant)."),
        ("levier", "", "Le partage d'expériences avec d'autres Plate formes Mobilité",
         "pour la réparation des véhicules."),
        ("levier", "", "Une équipe solide", "toujours en mouvement."),
        ("levier", "", "Les diverses pistes de financement", "les intercommunalités."),
    ],
    # p. 130: « Pour y remédier » stays with the lack of clarity it remedies; the
    # association's role, its limit (« Mais ce rôle ») and what it is now (« Aujourd'hui,
    # elle se pose ») one levier; the site's aim (« Le site doit accueillir … afin de … »)
    # no obstacle: the frein's first paragraph, what « ces activités » are.
    "G5-2": [
        ("frein", "Partenariat public privé", "Fruit du travail de plusieurs acteurs",
         "tend à freiner l'avancement du projet. Pour y remédier, un comité de pilotage avec "
         "des réunions de travail régulières permet de construire une vision commune du "
         "projet et de débattre des responsabilités, des missions et des priorités. Nos "
         "outils de gestion de projet et d'aide à la décision sont construits et évalués au "
         "fur et à mesure de notre pratique."),
        ("levier", "Réhabilitation et vie du lieu", "La stratégie de l'association",
         "animations locales."),
        ("levier", "Réhabilitation et vie du lieu", "Le site a ainsi pu", "déjà amorcée."),
        ("levier", "Réhabilitation et vie du lieu", "Le lancement des activités", "l'équipe."),
        ("frein", "Réhabilitation et vie du lieu", "Cependant, la réhabilitation du site",
         "petit à petit démobilisée."),
        ("frein", "Représentations multiples du projet",
         "Le site suscite des représentations et des projections multiples pour ceux qui y "
         "sont attachés.", "sont attachés."),
        ("levier", "Représentations multiples du projet", "Afin de permettre aux acteurs",
         "tout en laissant aux acteurs locaux le soin de choisir et de décider. Mais ce rôle "
         "n'a pas permis à l'association de poser ses limites et de favoriser des décisions "
         "qui sont essentielles pour la suite de son action. Aujourd’hui, elle se pose de "
         "plus en plus comme force de proposition. À travers le comité de pilotage et la "
         "réhabilitation, elle est davantage identifiée comme un acteur à part entière du "
         "projet."),
        ("frein", "Développement d’activités diversifiées",
         "Le site doit accueillir des activités diversifiées",
         "richesse d'échanges et de créativité.\nLe développement de ces activités demande "
         "cependant un temps d’ingénierie et de concertation important. Par ailleurs, le "
         "caractère innovant et atypique des activités et la difficulté d’identifier un axe "
         "fort n'ont pas permis de trouver un partenariat important avec une entreprise "
         "privée. Enfin, se pose la question de la cohabitation des différentes activités et "
         "des services sur le site."),
        ("levier", "Développement d’activités diversifiées", "À partir d'une clarification",
         "dès 2009."),
    ],
    # p. 135: « Pour le lever », « Pour les lever »: how the frein of the paragraph was
    # lifted, told of it; « Un chargé de développement a été recruté » reads alone.
    "G5-3": [
        ("frein", "Les freins initiaux", "Le projet est né d'une réaction", "est réduite."),
        ("frein", "Une question de Légitimité", "Une seconde difficulté s'est révélée",
         "développement économique solidaire. Pour le lever, des rencontres ont été "
         "organisées avec les différents acteurs du territoire (institutionnels, opérationnels "
         "ou des financeurs potentiels) afin d'expliciter le contexte et les besoins de "
         "l'association en termes de développement économique. Ces acteurs ont alimenté le "
         "projet par leurs réflexions et leurs attentes et remarques ont été prises en "
         "compte."),
        ("frein", "Une question de Légitimité", "Des besoins dans des domaines",
         "moyens humains importants."),
        ("levier", "Une question de Légitimité", "Un chargé de développement a été recruté.",
         "(cf. Outils et ressources)."),
        ("frein", "Des inquiétudes en interne et chez nos partenaires",
         "En interne, des inquiétudes se sont rapidement révélées",
         "l'évolution des postes et missions. Pour les lever, il a été décidé de communiquer "
         "sur le projet, dès la phase d'étude de faisabilité, et d'y associer des salariés "
         "permanents. Ainsi,"),
        ("frein", "Des inquiétudes en interne", "Les partenaires sur le territoire",
         "(une ASP et une ETT)."),
        ("frein", "Des inquiétudes en interne", "Pour le projet de création d'une ASP",
         "projets en commun."),
    ],
}
# fmt: on


def _card(parsed_000, code):
    return next(c for c in parsed_000.cards if c.source_key == f"experience-{code}")


@pytest.mark.parametrize("code", sorted(POINTS))
def test_each_point_is_a_printed_paragraph_or_the_part_of_one_that_reads_alone(parsed_000, code):
    points = _card(parsed_000, code).points
    expected = POINTS[code]
    assert len(points) == len(expected), [p.text[:50] for p in points]
    for point, (kind, topic, opening, end) in zip(points, expected, strict=True):
        assert point.kind == kind, point.text[:60]
        assert point.topic.startswith(topic) and bool(point.topic) == bool(topic), point.topic
        assert point.text.startswith(opening), point.text[:80]
        assert end in point.text, point.text[-80:]
        if not end.endswith(","):
            assert point.text.endswith(end), point.text[-80:]


def test_no_point_opens_on_a_connective_whose_antecedent_is_in_the_other_list(parsed_000):
    """The class of defect across all 27 cards: a levier (or frein) cut off the frein (or
    levier) its first words lean on, shown in the other list without it."""
    leaning = (
        "Mais ", "Cependant, à l'issue", "Au final, il ", "Pour y remédier", "Pour le lever",
        "Pour les lever", "Ces appréhensions", "En dépit de cette", "C’est ainsi que",
        "Cette démarche est lancée",
    )  # fmt: skip
    for card in parsed_000.cards:
        kinds = [p.kind for p in card.points]
        for index, point in enumerate(card.points):
            if point.text.startswith(leaning):
                assert index and kinds[index - 1] == point.kind, (card.source_key, point.text)
    for code, words in (("G2-3", "L'AIDE a su lever ces préjugés"),
                        ("G2-3", "permet de lever cette inquiétude"),
                        ("G5-4", "cet écueil doit pouvoir être évité")):  # fmt: skip
        holder = next(p for p in _card(parsed_000, code).points if words in p.text)
        assert holder.kind == "frein" and not holder.text.startswith(words[:12]), holder.text


def test_g3_5_the_vigilance_section_is_its_perspectives_whole(parsed_000):
    """G3-5 (p. 93): « Point de vigilance et axes de progrès », one section of cautions and
    what to do better, its two subheadings kept: the card's perspectives, no frein nor
    levier; its first bullet one item, « Sans l'appui de la DRTEFP … » its last sentence."""
    card = _card(parsed_000, "G3-5")
    assert not any("vigilance" in p.topic for p in card.points)
    assert card.perspectives.startswith(
        "### Point de vigilance et axes de progrès\n\n#### Ingénierie financière\n\n"
        "- L'incertitude du renouvellement"
    )
    assert (
        "Sans l'appui de la DRTEFP et de la DR AFPA, cette action n'aurait pu se réaliser.\n"
        "- Le statut et la rémunération" in card.perspectives
    )
    assert "\n\n#### Ingénierie pédagogique\n\n- Affiner" in card.perspectives


def test_g5_4_the_risk_and_how_it_is_to_be_avoided_are_one_frein(parsed_000):
    """G5-4 (p. 141): « … cet écueil doit pouvoir être évité » ends the paragraph of the
    risk it names."""
    points = _card(parsed_000, "G5-4").points
    risk = next(p for p in points if p.text.startswith("Dès le départ, un déséquilibre"))
    assert risk.kind == "frein"
    assert risk.text.endswith("Le risque d'une appropriation du projet par une association au "
                              "détriment de l'autre est réel. Grâce à des réunions de cadrage "
                              "très régulières et à la rédaction d'une convention de partenariat "
                              "fixant les objectifs communs et les modalités de pilotage, cet "
                              "écueil doit pouvoir être évité.")  # fmt: skip
    assert [p.kind for p in points] == [
        "frein", "levier", "frein", "levier", "frein", "frein", "levier", "levier", "levier"
    ]  # fmt: skip


def test_a_point_under_its_run_in_label_opens_on_a_capital(parsed_000):
    """« Un point de vigilance : les relations contractuelles … » (G2-10, p. 67) and « Auprès
    des élus locaux : » « e une représentation … » (G2-3, p. 38): the label is the point's
    topic, the point a sentence of its own, on a capital, in every card. G2-10's point of
    vigilance, printed at the end of « Les points positifs », is a caution for what comes
    next (« Le recours au marché ne doit pas être systématisé »): its perspectives, under
    its label."""
    for card in parsed_000.cards:
        for point in card.points:
            assert not point.text[:1].islower(), (card.source_key, point.text[:60])
    assert _card(parsed_000, "G2-10").perspectives.endswith(
        "### Un point de vigilance\n\nLes relations contractuelles entre une collectivité et "
        "une SIAE peuvent toujours prendre la forme de subventions en particulier lorsque "
        "l'association révèle un besoin et apporte des réponses adaptées sur le territoire. Le "
        "recours au marché ne doit pas être systématisé."
    )


def test_g5_2s_closing_paragraph_is_no_part_of_the_last_question(parsed_000):
    """G5-2 (p. 131): « Ce manque de lisibilité … notre pratique. », printed after the list
    of questions, closes the frein as a paragraph of its own, not glued to the last bullet
    « Qui a la responsabilité … ? »."""
    frein = _card(parsed_000, "G5-2").points[0]
    lines = frein.text.split("\n")
    assert lines[-2] == "- Qui a la responsabilité de quoi et jusqu’où va cette responsabilité ?"
    assert lines[-1].startswith("Ce manque de lisibilité sur les rôles")
    assert _card(parsed_000, "G5-2").doubts == []  # no kind left to guess


def test_g3_4s_cut_sentence_is_kept_and_said_as_a_doubt(parsed_000):
    """G3-4 (p. 90): the last levier ends, last line of its column, on « L'enjeu global d'un
    accompagnement en vue de favoriser l'épanouissement professionnel, »; the rest is
    nowhere in the scan (the next lines are the tools, then G3-5). Kept as printed, marked
    where it stops for the reader, a « Points à vérifier » says it; no other point of 000 is
    so cut."""
    card = _card(parsed_000, "G3-4")
    assert card.points[-1].text.endswith(
        "favoriser l'épanouissement professionnel, [la suite manque dans le document numérisé]"
    )
    cut = [d for d in card.doubts if "phrase coupée" in d]
    assert len(cut) == 1 and "L'enjeu global d'un accompagnement" in cut[0], card.doubts
    others = [c.source_key for c in parsed_000.cards if c is not card and any(
        "phrase coupée" in d for d in c.doubts)]  # fmt: skip
    assert others == []
