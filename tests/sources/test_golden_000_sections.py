"""Golden sections of 000: each labelled passage of a card's « NOTRE EXPÉRIENCE » in the field
its label names, each frein and levier one point of the document under its own topic, and the
groups' origin, objectives and conclusions whole (issue 19, audit d).

Each assertion holds the text the document prints (page of the portal's reader in comments).
"""

import re
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string

from sources.documents import DOCUMENTS_BY_CODE

DOCUMENT = DOCUMENTS_BY_CODE["000"]
FIELDS = ("context", "actions", "results", "perspectives", "key_figures")


def card(parsed_000, code):
    return next(c for c in parsed_000.cards if c.source_key == f"experience-{code}")


def group(parsed_000, code):
    return next(g for g in parsed_000.groups if g.code == code)


def points(parsed_000, code, kind=None):
    return [
        (p.kind, p.topic, p.text) for p in card(parsed_000, code).points if kind in (None, p.kind)
    ]


# -- « NOTRE EXPÉRIENCE »: each labelled passage in its field ---------------------------


def test_g3_4_the_constat_is_the_context_and_the_state_of_progress_the_perspectives(parsed_000):
    """« Le constat » opens the card (p. 87): its context; « État d'avancement et
    perspectives », glued to the last item of the actions by the scan, is the perspectives."""
    g3_4 = card(parsed_000, "G3-4")
    assert g3_4.context.startswith("Jura Service est située à proximité du centre ville de Dole.")
    assert g3_4.context.endswith("n'ont pas le permis, mais possèdent un deux roues")
    assert g3_4.actions.startswith("### “Moteur... action” : un projet global d’accompagnement")
    assert g3_4.actions.endswith("qui développe un service de location de deux roues.")
    assert "constat" not in g3_4.actions.split("\n\n")[0]
    assert g3_4.perspectives.startswith(
        "### Etat d’avancement et perspectives\n\nDe septembre 2007"
    )
    assert g3_4.perspectives.endswith("(Emploi Tremplin).")
    assert "avancement" not in g3_4.actions


def test_g2_6_the_perspectives_are_not_results(parsed_000):
    """« Les perspectives : » (p. 51) ends the results' page: its list is the perspectives."""
    g2_6 = card(parsed_000, "G2-6")
    assert g2_6.results.endswith("entre les opérateurs (chargés missions clauses) et les SIAE.")
    assert "perspectives" not in g2_6.results.lower()
    assert g2_6.perspectives.startswith("- Depuis cette rencontre, le groupe de travail")
    assert g2_6.perspectives.endswith("dernière réunion du comité de pilotage de la manifestation.")


def test_g2_10_the_actions_open_on_their_heading_not_on_the_page_s_side_label(parsed_000):
    """The context (p. 65) ends on the mission's two aims; the actions open on their own
    heading; « Inter réseaux IAE des Pays de la Loire », the next page's running header, is
    no heading of the card."""
    g2_10 = card(parsed_000, "G2-10")
    assert g2_10.context.endswith("ouverture de l'offre publique aux SIAE.")
    assert g2_10.actions.startswith(
        "### Les actions mises en œuvre, notamment pour mettre en lumière l'offre des SIAE sur "
        "le territoire\n\nLes actions se sont déroulées en 3 phases :\n\n1. Phase d’identification"
    )
    assert all("Inter réseaux IAE" not in getattr(g2_10, field) for field in FIELDS)


def test_g2_1_no_side_label_nor_running_header_ends_a_field(parsed_000):
    """« Commande publique » « responsable » (the chapter's label) closed the actions and
    « A.C.I.D. » (the running header) the results, both printed above a section's heading
    after an unpunctuated last item; the results keep their sentence over their list."""
    g2_1 = card(parsed_000, "G2-1")
    assert g2_1.context.startswith("### Un contexte favorable rencontrant les préoccupations de ")
    assert g2_1.actions.endswith("avec le chargé de mission PLIE et le chef de chantier")
    assert g2_1.results.startswith("De mai 2005 à décembre 2007, avec 8 entreprises de BTP")
    assert g2_1.results.endswith("- 18 sont restées en AI")


@pytest.mark.parametrize(
    ("code", "field", "opening"),
    [
        ("G1-3", "context", "### Origine et contexte de la création de la BISE en 2003"),
        ("G2-2", "actions", "### Projet de conventionnement avec le Conseil Général pour le "
                            "remplacement des personnels Techniciens, Ouvriers et de Service"),
        ("G2-5", "context", "Suite à sa participation au groupe de travail VITA"),
        ("G2-5", "results", "### Premier impacts et perspectives\n\nLes commentaires récoltés"),
        ("G2-7", "actions", "### Préparation partenariale de la Rencontre\n\nL'expérience"),
        ("G2-7", "perspectives", "### Les perspectives à l'issue de la rencontre\n\nDébut janvier"),
        ("G2-8", "results", "Au 31 décembre 2007 :"),
        ("G3-7", "context", "En 1996, l'Etat était déjà dans une perspective"),
        ("G5-1", "perspectives", "### Etat d’avancement et perspectives\n\nDébut 2008"),
        ("G5-3", "context", "Le secteur de l'Insertion par l'Activité Economique connaît"),
        ("G5-5", "context", "### Un constat partagé : inventer de nouveaux support"),
        ("G5-5", "perspectives", "### Etat d’avancement début 2008\n\nL'E"),
    ],
)  # fmt: skip
def test_a_labelled_passage_opens_the_field_its_label_names(parsed_000, code, field, opening):
    assert getattr(card(parsed_000, code), field).startswith(opening)


def test_the_context_ends_where_the_card_s_next_heading_starts(parsed_000):
    assert card(parsed_000, "G2-2").context.endswith(
        "être force de proposition auprès des acteurs publics locaux sur deux projets."
    )
    assert card(parsed_000, "G2-7").context.endswith(
        "Plans Locaux d'Insertion par l'Emploi (PLIE)."
    )
    assert "Les actions portées par AIR" in card(parsed_000, "G3-1").actions.split("\n\n")[0]


def test_no_label_of_a_field_is_left_in_the_actions_nor_a_heading_at_a_field_s_end(parsed_000):
    label = re.compile(
        r"(?im)^### (?:(?:le|les|un) )?(?:constats?|contexte|origines?|perspectives|"
        r"[ée]tat d.avancement|(?:premiers? )?r[ée]sultats)\b"
    )
    for c in parsed_000.cards:
        assert not label.search(c.actions), c.source_key
        for field in FIELDS:
            blocks = getattr(c, field).split("\n\n")
            assert not blocks[-1].startswith("### "), (c.source_key, field)
            assert not re.search(r"(?m)^(?:Commande publique responsable|A\.C\.I\.D\.)$",
                                 getattr(c, field)), (c.source_key, field)  # fmt: skip


def test_a_heading_glued_to_its_paragraph_is_parted_from_it(parsed_000):
    """« Délégation d'une dotation spécifique » over « En vertu des principes … » (G2-8,
    p. 58), « Déroulé de l'action » under the paragraph before it (G3-6, p. 96)."""
    assert "### Délégation d'une dotation spécifique\n\nEn vertu des principes" in (
        card(parsed_000, "G2-8").actions
    )
    assert "qualifications.\n\n### Déroulé de l'action\n\nElle se déroule" in (
        card(parsed_000, "G3-6").actions
    )


def test_a_sentence_the_scan_cut_before_a_capital_is_one(parsed_000):
    """« … de Nantes » « Métropole permet d'identifier : » (G2-9, p. 61: the scan's double
    spacing, reviewed); « … d'acteurs » « “classiques” de l'insertion. » (G2-9's first
    levier); « Chèque » « Domicile, … ) » (G3-7, a levier cut in two)."""
    assert "Clauses d'insertion de Nantes Métropole permet d'identifier :" in (
        card(parsed_000, "G2-9").actions
    )
    assert not any(
        re.match(r"###.*de Nantes$", block)
        for block in card(parsed_000, "G2-9").actions.split("\n\n")
    )
    g2_9 = points(parsed_000, "G2-9")
    assert g2_9[0][2].endswith("lorsqu’il ne s'agit pas d'acteurs “classiques” de l'insertion.")
    assert not any(text.startswith("“classiques”") for _, _, text in g2_9)
    financements = next(
        t for _, _, t in points(parsed_000, "G3-7") if t.startswith("Les financements")
    )
    assert (
        "AGIRC-ARCCO, Chèque Domicile, la Communauté d’Agglomération du Choletais" in financements
    )
    assert financements.endswith("et à obtenir des engagements pluriannuels.")
    assert not any(t.startswith("Domicile,") for _, _, t in points(parsed_000, "G3-7"))


def test_a_footnote_follows_the_sentence_it_cut(parsed_000):
    """G3-1 (p. 73): the page's footnote (the nine partners) printed inside an item."""
    context = card(parsed_000, "G3-1").context
    assert "- Organiser cette filière métier pour la rendre visible, en y intégrant" in context
    assert context.endswith("Agricole (MSA) et Pays de Gâtine en qualité de chef de file.")
    assert "\n\n¹ Association Départementale ADMR" in context


# -- freins and leviers: a point is one point of the document, under its own topic ------


def test_g5_5_topics_are_whole_and_each_point_under_its_own(parsed_000):
    """G5-5 (p. 146): « L'inscription dans un partenariat public - privé de territoire »,
    cut before « - privé … »; « Des soutiens financiers multiples » over the sentence and its
    list; « Des incertitudes économiques à lever » and « Des enjeux de pouvoir à prévenir...
    ou contrer » glued into their paragraphs."""
    g5_5 = points(parsed_000, "G5-5")
    assert [(kind, topic) for kind, topic, _ in g5_5] == [
        ("levier", "L'inscription dans un partenariat public - privé de territoire"),
        ("levier", "Le soutien des réseaux d'aide à la création d’entreprise"),
        ("levier", "Le soutien des réseaux d'aide à la création d’entreprise"),
        ("levier", "Des soutiens financiers multiples"),
        ("frein", "L'activité des SIAE à soutenir"),
        ("frein", "Des incertitudes économiques à lever"),
        ("frein", "Des incertitudes économiques à lever"),
        ("frein", "Des enjeux de pouvoir à prévenir... ou contrer"),
    ]
    assert g5_5[0][2].startswith("L'inscription dans un projet partenarial de territoire a été")
    financial = g5_5[3][2].split("\n")
    assert financial[0] == "Les financements sont quasiment réunis pour l'aide au démarrage :"
    assert len(financial) == 6 and all(line.startswith("- ") for line in financial[1:])
    assert g5_5[5][2].startswith("Certaines incertitudes économiques restent")
    assert g5_5[7][2].startswith("Le projet économique a suscité de nouveaux enjeux de pouvoir")


def test_g2_6_two_freins_and_each_levier_whole_under_its_topic(parsed_000):
    """G2-6 (p. 51): the second difficulty, at the top of a page, is a frein of its own; the
    Préfet's support is one levier (« … nous avons bénéficié : » and its three items, and
    what followed from it); « Le groupe de travail “ Marché publics ” … portée par 2IAE. »,
    run into its paragraph, is the second levier's topic."""
    freins = points(parsed_000, "G2-6", "frein")
    assert [text[:28] for _, _, text in freins] == [
        "La première difficulté a été",
        "La seconde difficulté réside",
    ]
    leviers = points(parsed_000, "G2-6", "levier")
    assert len(leviers) == 3
    topic, text = leviers[0][1:]
    assert topic == "L'appui de la Préfecture, commanditaire de la journée"
    assert text.split("\n") == [
        "La volonté de mener une telle action étant venue du Préfet, nous avons bénéficié :",
        "- d’un budget (8 500 Euros) ;",
        "- de la mise à disposition de la salle de réunion équipée et de la logistique ;",
        "- de la réalisation du mailing d'invitation par la DDTEFP.",
        "De ce fait la participation a pu être gratuite.",
    ]
    assert {t for _, t, _ in leviers[1:]} == {
        "Le groupe de travail “ Marché publics ” de la démarche “ prospective ” portée par 2IAE"
    }
    assert leviers[1][2].startswith("En 2007, 17 SIAE de l'Eure ont souhaité réfléchir")
    assert leviers[2][2].startswith("Ce groupe s'est élargi à de nouveaux partenaires")
    # Four actions for 2008, the two whose bullets the scan lost restored (p. 51)
    assert leviers[2][2].count("\n- ") == 4


def test_g3_7_a_levier_with_the_items_printed_under_it(parsed_000):
    """G3-7 (p. 102): « Des actions répondant aux enjeux du secteur (…). » and the four items
    the scan printed with a dash under it, one condition of success."""
    leviers = [text for _, _, text in points(parsed_000, "G3-7", "levier")]
    assert len(leviers) == 8
    actions = next(t for t in leviers if t.startswith("Des actions répondant aux enjeux"))
    assert actions.count("\n- ") == 4
    assert actions.endswith("information des particuliers via la Ligne Unique")


def test_g2_10_each_bulleted_point_holds_its_dashed_items(parsed_000):
    """G2-10 (p. 67): the bulleted points of « Les points positifs » and the dashed items
    under them (« Deux éléments sont à souligner : », « deux étapes : », « … existantes : »)."""
    leviers = [text for _, _, text in points(parsed_000, "G2-10", "levier")]
    counts = {text[:30]: text.count("\n- ") for text in leviers if "\n- " in text}
    assert counts == {
        "Le travail de cartographie a p": 2,
        "L'activation de la clause d’in": 2,
        "La mission a mis en évidence l": 3,
    }


@pytest.mark.parametrize(
    ("code", "opening", "items"),
    [
        ("G1-3", "La collectivité reconnaît l'action du pôle", 2),
        ("G2-2", "Les leviers envisagés pour relancer le projet en 2008 sont :", 2),
        ("G2-2", "D’autres solutions ont été envisagées", 3),
        ("G2-5", "La répartition des tâches a été la suivante :", 3),
        ("G2-9", "Dans les faits, et grâce au cadrage", 3),
        ("G3-2", "La participation au groupe de travail VITA", 1),
        ("G3-3", "Le partage d'expériences avec d'autres Plate formes", 3),
        ("G3-4", "Jura Service a réussi à mobiliser un large partenariat local", 3),
        ("G3-6", "Ont été également peu à peu associés à l'action :", 2),
        ("G5-2", "Fruit du travail de plusieurs acteurs", 5),
        ("G5-3", "Le projet est né d'une réaction aux freins contextuels", 3),
    ],
)
def test_a_sentence_that_introduces_a_list_is_one_point_with_it(parsed_000, code, opening, items):
    point = next(text for _, _, text in points(parsed_000, code) if text.startswith(opening))
    assert point.count("\n- ") == items


def test_no_point_is_an_introduction_without_what_it_introduces(parsed_000):
    for c in parsed_000.cards:
        for point in c.points:
            assert not point.text.rstrip().endswith(":"), (c.source_key, point.text)


def test_reviewed_readings_of_freins_and_leviers(parsed_000):
    """Where the scan alone cannot tell (`recueil_vita_points`): G3-4's list lost two bullets
    (p. 90), G3-1's two freins share a paragraph (p. 76), G3-6's financing (p. 97), G5-2's
    questions and what they hold back (p. 130), G5-3's financing asked (p. 137)."""
    g3_4 = [text for _, _, text in points(parsed_000, "G3-4", "levier")]
    assert not any(t.startswith(("L'ANPE", "Des partenaires opérationnels")) for t in g3_4)
    assert g3_4[1].startswith("Certains professionnels du territoire")
    g3_1 = [text for _, _, text in points(parsed_000, "G3-1", "frein")]
    assert g3_1[2] == (
        "Une focalisation sur les services liés à la dépendance (certainement en raison de la "
        "prédominance des acteurs pourvoyeurs de ces services dans le partenariat)."
    )
    assert g3_1[3].startswith("L'absence de consultation des destinataires")
    # G3-6's financing as printed under « Freins »: how the CAE opened a door ends its
    # second item; « Autres soutiens : » over its three supports, then « En revanche » the
    # refusals they contrast with, all under « Le financement de l'action ».
    g3_6 = points(parsed_000, "G3-6")
    financing = [(k, text) for k, topic, text in g3_6 if topic == "Le financement de l'action"]
    assert [k for k, _ in financing] == ["frein"] * 3
    assert financing[0][1].count("\n- ") == 2
    assert "Au final, fin 2005, la possibilité de signer des Contrats" in financing[0][1]
    assert financing[1][1].startswith("Autres soutiens :\n- AGEFOS PME\n- REUNICA Bayard")
    assert financing[1][1].count("\n- ") == 3
    assert financing[2][1].startswith("En revanche, aucun des deux Conseils Généraux")
    assert not [topic for _, topic, _ in g3_6 if topic == "Autres soutiens"]
    g5_2 = points(parsed_000, "G5-2")
    # « Pour y remédier » (« Ce manque de lisibilité … ») stays in its frein's paragraph.
    assert "tend à freiner l'avancement du projet. Pour y remédier, un comité" in g5_2[0][2]
    assert g5_2[1][:2] == ("levier", "Réhabilitation et vie du lieu")
    # A paragraph that says what the one before it names: « cette fonction » (G2-10, p. 67),
    # « cette contradiction entre statut et besoins » (G3-5, p. 93).
    g2_10 = next(t for _, _, t in points(parsed_000, "G2-10") if t.startswith("La sollicitation"))
    assert "habitants.\nCette fonction allie à la fois des compétences juridiques" in g2_10
    g3_5 = next(c for c in parsed_000.cards if c.source_key == "experience-G3-5").perspectives
    assert "(statut de stagiaires" in g3_5
    assert "\n\n    Les salariés en insertion issus des AI ne peuvent que rarement" in g3_5
    # G5-3's financing asked (p. 137) is a tool of its last page (test_golden_000_lists).
    g5_3 = [text for _, _, text in points(parsed_000, "G5-3")]
    assert not any(text.startswith("Pour le développement du projet") for text in g5_3)


def test_g4_1_an_item_cut_after_its_colon_is_one(parsed_000):
    """G4-1 (p. 111): « Par rapport aux partenaires institutionnels: » « activer … »."""
    freins = [text for _, _, text in points(parsed_000, "G4-1", "frein")]
    assert any(
        t.startswith("Par rapport aux partenaires institutionnels: activer une sensibilisation")
        for t in freins
    )
    assert not any(t.startswith("activer") for t in freins)


def test_g3_3_the_running_header_is_no_part_of_a_levier(parsed_000):
    assert not any("PES SUD ESSONNE" in text for _, _, text in points(parsed_000, "G3-3"))


def test_a_point_s_list_keeps_its_items_on_their_own_lines_on_the_card_page():
    html = render_to_string(
        "experiences/_points.html",
        {"points": [SimpleNamespace(topic="", text="Intro :\n- un\n- deux")], "kind": "leviers"},
    )
    assert "<li><p>Intro :</p><ul><li>un</li><li>deux</li></ul></li>" in html


# -- the groups ---------------------------------------------------------------------------


def test_g1_objectives_are_whole(parsed_000):
    """« … d'un pôle de » « développement territorial : » (p. 10): the group's own name in
    the sentence, no running header."""
    objectives = group(parsed_000, "G1").objectives
    assert (
        "impliqués dans la création et le développement d’un pôle de développement "
        "territorial :\n\n- Le groupe ISACTYS à Pont-de-Beauvoisin (Isère)"
    ) in objectives


def test_g4_conclusion_s_heading_and_first_item(parsed_000):
    """G4's conclusion (p. 119): the heading « AU FINAL, DEUX STRUCTURES ONT EXPÉRIMENTÉ LA
    DÉMARCHE » under the paragraph before it (in sentence case); the first of the four items,
    its bullet read « ¢ »."""
    conclusions = group(parsed_000, "G4").conclusions
    assert (
        "sans s'être approprié la thématique en interne.\n\n"
        "### Au final, deux structures ont expérimenté la démarche\n\nSeules ESSOR"
    ) in conclusions
    assert "diversifiées :\n\n- Des acteurs de l'IAE du bassin d’emploi de Saint-Nazaire" in (
        conclusions
    )


def test_groups_headings_glued_to_their_paragraph_are_parted(parsed_000):
    assert "\n\n#### La recherche d’expériences innovantes\n\nL'approche territoriale" in (
        group(parsed_000, "G2").conclusions
    )
    g3 = group(parsed_000, "G3").conclusions
    assert (
        "\n\n#### Association d’Intérêts Collectifs “Pôle Economie Solidaire” - Etampes, "
        "Essonne\n\nL'Association d'Intérêts Collectifs"
    ) in g3
    assert "acteurs du réseau intéressés.\n\n### Leçons à tirer" in g3


def test_g5_conclusion_has_no_side_label(parsed_000):
    """The side label « Groupe de travail VITA accompagné par » « Nicolas PHILIPPE Consultant
    Extra Muros », low on the conclusion's page (p. 148)."""
    assert "PHILIPPE" not in group(parsed_000, "G5").conclusions


def test_g3_2_two_line_subheading_is_parted_from_its_paragraph(parsed_000):
    """« D'une plateforme de services à une étude » « des besoins en services portée par un
    ACI » (p. 78), its second line in lower case, over « En lien avec le COORACE PACA »."""
    g3_2 = card(parsed_000, "G3-2")
    assert g3_2.actions.startswith(
        "### D’une plateforme de services à une étude des besoins en services portée par un "
        "ACI\n\nEn lien avec le COORACE PACA - Corse, AI Centremploi avait proposé en 2004"
    )
    assert "plateforme" not in g3_2.context
    assert g3_2.context.endswith("relève de la compétence de la Communauté d’Agglomération.")


def test_a_paragraph_ending_in_a_comma_goes_on_in_the_next(parsed_000):
    """« Financements mobilisés : DDTEFP (FDI), » « Conseil Général, … » (G3-2, p. 79) and
    « Pour la mise en œuvre de cette décision, » « Nantes Métropole met en place … » (G2-9):
    one sentence each, the scan's blank line between its lines."""
    assert (
        "\n\nFinancements mobilisés : DDTEFP (FDI), Conseil Général, Conseil Régional, la DRIRE "
        "serait une alternative au FSE.\n\n"
    ) in card(parsed_000, "G3-2").actions
    assert (
        "\n\nPour la mise en œuvre de cette décision, Nantes Métropole met en place une mission"
    ) in card(parsed_000, "G2-9").actions
    # A numbered list's items each end in a comma and stay apart (G1-2, p. 17).
    assert "économiques,\n\n2. le développement d'un pôle" in card(parsed_000, "G1-2").actions


def test_g1_conclusion_sentence_has_its_full_stop(parsed_000):
    """« … les fondements d'un projet à venir » « Le positionnement … » (p. 27): the scan lost
    the full stop at the line's end (reviewed)."""
    assert "d’un projet à venir. Le positionnement d'acteur" in group(parsed_000, "G1").conclusions


def test_g4_1_freins_keep_their_internal_and_external_grouping(parsed_000):
    """« Les freins internes : » and « Les freins externes : » (p. 113) group the freins:
    topics, not lost."""
    freins = points(parsed_000, "G4-1", "frein")
    assert [topic for _, topic, _ in freins] == ["Les freins internes"] * 3 + [
        "Les freins externes"
    ] * 3
    assert freins[0][2].startswith("La méthodologie proposée dans le cadre de VITA")
    assert freins[5][2].startswith(
        "Par rapport aux partenaires institutionnels: activer une sensibilisation"
    )


def test_g3_6_aveyron_and_the_asp_s_refusal_are_one_frein(parsed_000):
    """« Au début du projet, … l'Aveyron avait été pressenti … » « Les ASP contactées n'ont
    toutefois pas souhaité s'investir dans le projet. » (p. 97): one frein."""
    asp = [text for _, topic, text in points(parsed_000, "G3-6", "frein") if "ASP" in topic]
    assert len(asp) == 1
    assert asp[0].startswith("Au début du projet, le département de l'Aveyron")
    assert asp[0].endswith(
        "l'intégralité du territoire. Les ASP contactées n'ont toutefois pas souhaité "
        "s'investir dans le projet."
    )


def test_the_introduction_s_footnotes_are_numbered_and_after_their_text(parsed_000):
    """The introduction's seven notes, their calls and numbers misread (« ? », « ® », « * »,
    « ’ », « ¢ », « ° », « 7 »): each numbered as its call, after the text of its section,
    and no note cutting a sentence (« à l'échelle » « œuvre par l'ALDESS » « régionale »)."""
    description = parsed_000.programmes[0].description
    for call in ("l'IAE² et de leurs", "prenantes de l'IAE³.", "(Lettre VITA⁴)", "VITA⁵, lancée",
                 "Extra Muros⁶ de novembre", "PERFEGAL⁷, avec"):  # fmt: skip
        assert call in description
    assert "à l'échelle régionale ou départementale, sur l'une des thématiques" in description
    notes = [block for block in description.split("\n\n") if block[:1] in "¹²³⁴⁵⁶⁷"]
    assert [note[0] for note in notes] == list("¹²³⁴⁵⁶⁷")
    assert notes[1].startswith("² 229 acteurs de l'IAE")
    assert notes[2] == (
        "³ … œuvre par l'Agence Locale de Développement de l'Economie Sociale et Solidaire "
        "(ALDESS)."
    )
    assert notes[4].endswith("DB Ingénierie.")
    assert notes[6].endswith("(http://www.perfegal.fr)")
    assert "\n\nCe recueil rend compte de la richesse de cette dynamique :" in description
    assert "en présentant l'origine et les objectifs" in description
    assert not any(mark in description for mark in ("®", "VITA*", "¢", "IAE?"))
    # The facilitators' roles do not carry the calls.
    assert "consultant Extra Muros" in [
        c.person.role for g in parsed_000.groups if g.code == "G1" for c in g.contacts
    ]


def test_g5_2_s_note_follows_the_text_that_calls_it(parsed_000):
    actions = card(parsed_000, "G5-2").actions
    assert "(Pratiques ANciennes et Innovations pour les Emplois Ruraux)¹." in actions
    assert "par le soutien à l'émergence d'éco activités.\n\n¹ http://www.panier-equal.eu/\n\n" in (
        actions
    )
    assert '"http' not in actions and "Ruraux)'" not in actions


def test_the_introduction_and_the_conclusion_are_signed(parsed_000):
    """The signatures stand on their own line, as printed: not a heading, not the end of the
    last sentence."""
    description = parsed_000.programmes[0].description
    assert "\n\n*Anne Claire PIGNAL, Chef de projet VITA, COORACE*\n\n³ " in description
    assert description.endswith(
        "que portent déjà les acteurs de l'IAE.\n\n*Christophe CHEVALIER, Président du COORACE*"
    )
    assert "### Anne Claire PIGNAL" not in description


def test_a_side_label_that_prints_the_porteurs_kind_is_page_furniture(parsed_000):
    """G2-1 (p. 32–35): the side column repeats « A.C.I.D. (Association Intermédiaire) »
    while the porteur is named « A.C.I.D. »; the label is no heading and no text, and the
    section it cut keeps its three objectives in the actions."""
    card = next(c for c in parsed_000.cards if c.source_key == "experience-G2-1")
    assert card.porteur == "A.C.I.D."
    fields = (card.context, card.actions, card.results, card.perspectives, card.key_figures)
    assert not any("Association Intermédiaire)" in field for field in fields)
    assert card.results.startswith("De mai 2005 à décembre 2007, avec 8 entreprises de BTP")
    section = card.actions[card.actions.index("### Une participation active") :]
    for objective in ("- convaincre les collectivités", "- construire un guichet unique",
                      "- coordonner l'offre d'insertion"):  # fmt: skip
        assert objective in section
