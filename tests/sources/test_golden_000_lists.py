"""000's lists as the scan prints them: in the cards' narrative fields, each item whole and
in its list (numbered where the page numbers it, a dash item under its bulleted item);
in « OUTILS ET RESSOURCES », no sentence that only introduces the tools is a tool; G5-3's
last page read as its tools, its lost heading restored without moving a page."""

import itertools
import re

import pytest

from experiences.templatetags.points import tool_html
from sources import corrections
from sources.documents import DOCUMENTS_BY_CODE
from sources.pages import line_pages_000
from vita.markdown import render_markdown

NARRATIVE = ("context", "actions", "results", "perspectives", "key_figures")


def card(parsed_000, code):
    return next(card for card in parsed_000.cards if card.source_key == f"experience-{code}")


def tools(parsed_000, code) -> list[str]:
    return [tool.text for tool in card(parsed_000, code).tools]


# -- lists in the narrative fields ----------------------------------------------------------


def test_no_item_is_glued_to_the_paragraph_before_it(parsed_000):
    """A Markdown item right under a paragraph line reads as that paragraph's text."""
    for each in parsed_000.cards:
        for name in NARRATIVE:
            lines = getattr(each, name).split("\n")
            for before, line in itertools.pairwise(lines):
                if re.match(r"(?: {4})?- ", line):
                    assert not before or re.match(r"(?: {4})?- ", before), (
                        f"{each.source_key} {name}: « {line[:60]} »"
                    )


def test_numbered_steps_keep_their_numbers(parsed_000):
    for each in parsed_000.cards:
        for name in NARRATIVE:
            assert not re.search(r"(?m)^\d+\.\S", getattr(each, name)), each.source_key
    g2_1 = card(parsed_000, "G2-1").actions
    assert "\n\n1. Création d'une mission “ développement / clause d’insertion ”" in g2_1
    assert "\n\n2. Professionnalisation de l'offre d’insertion" in g2_1
    assert "\n\n3. Développement du partenariat local" in g2_1
    g3_6 = card(parsed_000, "G3-6").actions
    assert "\n\n1. Le “repérage” et la “préparation” des personnes" in g3_6
    # The step's title and the sentence under it, parted.
    assert (
        "\n\n3. L'embauche définitive par une association d’aide à domicile\n\n"
        "Les deux spécificités majeures de l'action sont :\n\n"
        "- la rémunération des salariés durant la formation" in g3_6
    )
    g2_10 = card(parsed_000, "G2-10").actions
    assert "Les actions se sont déroulées en 3 phases :\n\n1. Phase d’identification" in g2_10
    assert "\n\n2. Phase de mise en œuvre autour de deux objectifs opérationnels" in g2_10
    assert "### Phase de mise en œuvre" not in g2_10
    assert "\n\n3. Phase de Bilan\n\n" in g2_10
    html = render_markdown(g2_10)
    # One list of three steps, each step's sub-lists nested under it (not lists after it).
    assert html.count("<ol>") == 1 and "<ol start=" not in html, html
    assert html.count("<li>\n<p>") >= 3 or html.count("<li><p>") >= 3, html


def test_an_item_whose_bullet_the_scan_lost_is_an_item(parsed_000):
    # G2-5: the items after « … de coordination ; » (one in the first item's paragraph).
    assert (
        "pour leur rôle de coordination ;\n"
        "- S'approprier des connaissances communes autour de ce thème ;\n"
        "- Témoigner de l'intérêt de la mise en œuvre de ces clauses sociales ;\n"
        "- Susciter la mise en place de groupes de travail"
    ) in card(parsed_000, "G2-5").actions
    # G3-7: three items between two bulleted ones.
    assert (
        "Ils s'organisent ainsi pour :\n\n"
        "- réfléchir ensemble aux enjeux, problématiques et évolutions du secteur ;\n"
        "- rechercher et veiller collectivement à la pertinence des réponses aux besoins des "
        "usagers du département ;\n"
        "- favoriser le développement de la demande, pour permettre celui d’emplois durables "
        "et qualifiés ;\n"
        "- être force de proposition et de pression pour une prise en compte des enjeux et "
        "besoins du secteur ;\n"
        "- se doter d'un espace de projet et de mutualisation au service du secteur et de ses "
        "composantes ;\n"
        "- renforcer la place de l'Economie Sociale et des CCAS"
    ) in card(parsed_000, "G3-7").actions
    # G5-2: the three things the site is to be, each its own item (reviewed bullets).
    g5_2 = card(parsed_000, "G5-2").actions
    assert "aux habitants.\n- Un lieu d'animation locale via un centre de ressources." in g5_2
    assert "poterie, etc.).\n- Un lieu d’accueil et de mixité des publics." in g5_2
    # G2-10: the two items under « Sensibilisation, formation des acteurs concernés », in
    # phase 2, nested under it.
    assert (
        "    Sensibilisation, formation des acteurs concernés (collectivités et SIAE) :\n\n"
        "    - Contact direct du Chargé de mission auprès des collectivités ou SIAE qui le "
        "sollicitent.\n    - Actions d’appui auprès des collectivités territoriales"
    ) in card(parsed_000, "G2-10").actions
    # G4-2: the activities between two bulleted ones.
    g4_2 = card(parsed_000, "G4-2").actions
    assert "\n- La halte garderie aborde également" in g4_2
    assert "\n- Un atelier enfant doit permettre" in g4_2
    # G3-3: the Plate forme Mobilité's « cinq actions distinctes », five items.
    g3_3 = card(parsed_000, "G3-3").actions
    assert "\n- Un service de transport solidaire afin de rejoindre" in g3_3
    assert "\n- Un service de location de deux-roues et de véhicules" in g3_3
    # G4-1: the last item under « Actions de sensibilisation auprès des donneurs d'ordres ».
    assert "\n    - Réalisation d’un diagnostic du territoire" in card(parsed_000, "G4-1").actions


def test_a_sentence_goes_on_after_its_colon(parsed_000):
    assert (
        "Différents acteurs locaux ont participé à la réflexion (outre le GAB 26 et Manger "
        "Bio) : la Commune de Muzillac, un jardin associatif bénévole"
    ) in card(parsed_000, "G5-1").actions


def test_g2_1_each_aim_is_an_item_with_its_result(parsed_000):
    g2_1 = card(parsed_000, "G2-1").actions
    assert (
        "- coordonner l'offre d'insertion des différents acteurs de l'IAE et de l'emploi du "
        "territoire afin de permettre à l'entreprise de voir la clause d'insertion comme une "
        "opportunité, notamment pour la gestion prévisionnelle de leur main d'œuvre.\n\n"
        "    Résultat : Un comité de coordination des clauses existe depuis 1 an"
    ) in g2_1
    assert "\n\n- activer et coordonner tous les outils (IAE, emploi, formation)" in g2_1
    html = render_markdown(g2_1.split("### Le développement")[0])
    assert html.count("<li>") == 4 and html.count("Résultat") == 4


def test_dash_items_are_the_sub_items_of_their_bulleted_item(parsed_000):
    g4_1 = card(parsed_000, "G4-1").actions
    assert (
        "### Le lancement d’un plan d’action intégré\n\n"
        "- Actions sur les pratiques d’ESSOR\n"
        "    - révision des terminologies de métiers (“femme de ménage” / “homme toutes "
        "mains”) ;\n"
        "    - révision de la politique tarifaire"
    ) in g4_1
    assert (
        "\n- Actions de sensibilisation auprès des donneurs d’ordres et des financeurs :\n" in g4_1
    )
    g3_7 = card(parsed_000, "G3-7").actions
    assert (
        "- Vers les particuliers et les demandeurs d’emploi :\n"
        "    - pour les informer sur les services à domicile"
    ) in g3_7
    assert "- Vers les acteurs des services à domicile :\n    - espace de réflexion" in g3_7
    g2_5 = card(parsed_000, "G2-5").actions
    assert (
        "poser le débat :\n    - présentation des dispositifs prévus par le Code des marchés "
        "publics"
    ) in g2_5
    html = render_markdown(g3_7)
    assert html.count("<ul>") >= 3  # the list and its two sub-lists


def test_g4_1_a_subheading_keeps_its_end(parsed_000):
    g4_1 = card(parsed_000, "G4-1").actions
    assert "### L'expérimentation d’un diagnostic - état des lieux\n\nL'objectif" in g4_1
    assert "\n- état des lieux" not in g4_1


# -- tools -------------------------------------------------------------------------------

# A sentence that only makes the tools available; what is said of them stays said.
LEAD_INS = (
    "Deux ressources principales peuvent être mises à la disposition",
    "Les outils et ressources suivants sont mis à la disposition",
    "L'espace CENTREMPLOI met à la disposition",
    "L'AMSIC met à la disposition",
    "Cependant, elle met à la disposition",
)


LEFT_AS_PRINTED = (
    # An item that ends on « : » in print, nothing under it (G2-9's article, last under
    # its heading).
    "Pour mieux comprendre le Dispositif Clauses d’insertion de Nantes Métropole :\n",
)


def test_no_sentence_that_only_introduces_the_tools_is_a_tool(parsed_000):
    for each in parsed_000.cards:
        for tool in each.tools:
            assert not tool.text.startswith(LEAD_INS), f"{each.source_key}: {tool.text[:60]}"
            # A lead-in alone (« … : ») is no tool (G2-6's « Éléments du dossier remis aux
            # participants : » holds its parts); an item that ends so in print (G2-9) is left
            # as printed.
            if tool.text.endswith(":"):
                assert tool.text.startswith(LEFT_AS_PRINTED), each.source_key
    assert tools(parsed_000, "G3-2")[0].startswith("Enquête de besoins en services")
    assert tools(parsed_000, "G4-2")[0].startswith("Description de l'expérimentation")
    # A label over paragraphs is printed over them, up to a tool with a label of its own.
    g3_7 = tools(parsed_000, "G3-7")
    where = "Disponibles sur demande au COORACE, qui s’engage à en tenir informé Anjou Domicile"
    assert len(g3_7) == 2
    assert g3_7[0].startswith(f"{where} :\n- Diaporama de présentation de l'association.\n- ")
    assert g3_7[0].count("\n- ") == 4
    assert g3_7[1].startswith("Ressource : Réseau National des Plates-Formes")
    g5_5 = tools(parsed_000, "G5-5")
    assert [line.split(" (")[0] for line in g5_5[4].split("\n")] == [
        "Les ressources extérieures :",
        "- Réseau Entreprendre",
        "- France Active",
        "- Les Unions Régionales des SCOP",
    ]
    assert g5_5[5].startswith("Voir également : ")


def test_a_sentence_and_its_list_are_one_tool(parsed_000):
    # G2-2: a subheading printed as a paragraph, over the fiches and their list.
    g2_2 = tools(parsed_000, "G2-2")
    assert len(g2_2) == 5
    assert g2_2[1] == (
        "### Mise en place d'un dispositif territorial partenarial de gestion des clauses "
        "sociales du Code des marchés publics"
    )
    assert g2_2[2].startswith("Les fiches techniques et juridiques")
    assert "des clauses sociales :\n- Fiche 1 - Modèle de dispositions" in g2_2[2]
    assert "\n- Fiche 3 - Modèle de délibération" in g2_2[2]
    # G2-3: the same fiches, named by the sentence over them.
    g2_3 = tools(parsed_000, "G2-3")
    assert any(
        t.startswith("Les fiches techniques et juridiques mises à la disposition")
        and "appuyer ce mouvement :\n- Fiche n°1 : " in t
        for t in g2_3
    )
    assert not any(t.startswith("Fiche n°") for t in g2_3)
    # G2-8: what the Conseil Général offers, and why.
    assert tools(parsed_000, "G2-8") == [
        "Afin de garantir que l'initiative du Conseil Général du Pas-de-Calais sera bien "
        "respectée et que la dynamique de mutualisation et de capitalisation sera mise à "
        "profit :\n"
        "- Le Conseil Général du Pas-de-Calais propose aux Conseils Généraux et autres "
        "collectivités territoriales ou réseaux intéressés une intervention en vue "
        "d'expliciter le dispositif d'ensemble.\n"
        "- Sur la base des expériences entreprises, le Conseil Général du Pas-de-Calais pourra "
        "proposer de rencontrer les collectivités territoriales intéressées afin de leur "
        "présenter plus amplement son dispositif et les outils développés.\n"
        "- Sous réserve d'une décision de la hiérarchie, la diffusion de divers documents "
        "complémentaires pourra être envisagée."
    ]
    # G2-9: « Parmi ces documents : » lists the documents of the tool before it.
    g2_9 = tools(parsed_000, "G2-9")
    assert not any(t.startswith("Parmi ces documents") for t in g2_9)
    assert any(
        t.startswith("Par ailleurs, tous les documents relatifs à la construction du cadre")
        and "Nantes Métropole.\nParmi ces documents :\n- Cahier des charges" in t
        for t in g2_9
    )
    # G2-7: the network's proposals, actions under the item that names them (where to ask
    # for them is the tools' intro).
    g2_7 = tools(parsed_000, "G2-7")
    assert any(
        t.startswith("Les propositions de l'inter réseaux")
        and t.endswith("pour l'ensemble des acteurs de l'IAE :\n- Connaître les territoires "
                       "d’intervention des MDE et des PLIE\n- Recenser l'offre d'insertion des "
                       "différentes structures de l'IAE\n- Informer et/ou former les acteurs de "
                       "l'IAE sur les clauses sociales\n- Inciter les acteurs de l'IAE à être "
                       "parties prenantes dans la mise en œuvre des clauses sociales.")
        for t in g2_7
    )  # fmt: skip
    assert not any(t.startswith(("Connaître", "Recenser")) for t in g2_7)
    # G4-1: tools only planned early in 2008, said so over them (the tools' intro).
    assert card(parsed_000, "G4-1").tools_intro == (
        "Début 2008, les actions commencent juste à être initiées. Cependant, il est prévu de "
        "mettre en place rapidement et de tenir à la disposition des acteurs intéressés :"
    )
    assert tools(parsed_000, "G4-1") == [
        "Approches et outils pour une révision des pratiques de l'AI : terminologies des "
        "métiers et politique tarifaire.",
        "Outils de sensibilisation des salariés en insertion : affiches présentant notamment "
        "les dates clés de l'accès à l'égalité des droits pour les femmes, traduites en "
        "plusieurs langues.",
        "Actions de sensibilisation auprès des clients et des financeurs : argumentaire "
        "commercial pour convaincre les clients de la mixité des emplois et sensibiliser les "
        "partenaires institutionnels.",
    ]


# -- G5-3's last page ---------------------------------------------------------------------

G5_3_HEADING = next(
    r
    for r in corrections.load().replacements
    if r.document == "000" and "OUTILS ET RESSOURCES" in r.replace and "grou-" in r.find
)


def test_g5_3_the_last_page_is_its_tools(parsed_000):
    g5_3 = tools(parsed_000, "G5-3")
    assert len(g5_3) == 2
    assert g5_3[0].startswith(
        "Pour le développement du projet de groupement économique solidaire, plusieurs "
        "demandes de financement ont été réalisées sur la partie étude du projet en 2008. "
        "Elles visent à couvrir les dépenses liées au projet"
    )
    assert (
        "\nCertaines sont encore en cours de négociation, alors que d’autre ont été acceptées :"
        "\n- Etat (Réserve parlementaire),\n- Etat (Convention Promotion de l'Emploi),"
    ) in g5_3[0]
    assert g5_3[0].endswith("\n- Fonds de confiance de la Caisse des dépôts et consignations "
                            "géré par France Active.")  # fmt: skip
    assert g5_3[1].startswith(
        "Un certain nombre de besoins en accompagnement externe ont été identifiés et des "
        "moyens sont à notre disposition ou nous ont été proposés :\n"
        "- accompagnement méthodologique de l'ensemble du projet réalisé par Extra Muros"
    )
    assert g5_3[1].endswith("\n- accompagnement juridique et fiscal réalisé par un cabinet "
                            "juridique.")  # fmt: skip
    points = [point.text for point in card(parsed_000, "G5-3").points]
    assert not any("plusieurs demandes de financement" in text for text in points)
    assert not any("besoins en accompagnement externe" in text for text in points)
    assert points[-1].startswith("Pour le projet de création d'une ASP")
    assert points[-1].endswith("des projets en commun.")


def test_g5_3_heading_restored_without_moving_a_page(parsed_000):
    """The heading takes the place of a blank line of the same page: no line is added, so
    no page of the reader, nor any record's page, moves."""
    assert G5_3_HEADING.find.count("\n") == G5_3_HEADING.replace.count("\n")
    raw = DOCUMENTS_BY_CODE["000"].path.read_text(encoding="utf-8")
    corrected = corrections.apply("000", raw)
    without = corrected.replace(G5_3_HEADING.replace, G5_3_HEADING.find)
    assert line_pages_000(corrected.splitlines()) == line_pages_000(without.splitlines())
    pages = {c.source_key: c.source_page for c in parsed_000.cards}
    assert (pages["experience-G5-3"], pages["experience-G5-4"]) == (133, 138)


@pytest.mark.parametrize("code", ["G1-3", "G2-1", "G2-4", "G2-7", "G2-9", "G2-10", "G3-3", "G5-2"])
def test_reviewed_bullets_add_no_line(code):
    for replacement in corrections.load().replacements:
        bullet = replacement.find.startswith("\n") and replacement.find.endswith("\n")
        if replacement.document == "000" and code in replacement.reason and bullet:
            assert replacement.find.count("\n") == replacement.replace.count("\n")


# -- a point under a topic that is not its own ------------------------------------------


def test_g2_10_the_point_of_vigilance_is_not_filed_under_the_positive_points(parsed_000):
    points = [(p.kind, p.topic, p.text) for p in card(parsed_000, "G2-10").points]
    assert not [p for p in points if p[1] == "Un point de vigilance"]
    assert "### Un point de vigilance\n\nLes relations contractuelles" in (
        card(parsed_000, "G2-10").perspectives
    )
    positive = [text for _, topic, text in points if topic == "Les points positifs"]
    assert not any("vigilance" in text or "systématisé" in text for text in positive)


def test_g2_3_the_sentence_that_says_only_the_kind_is_no_topic(parsed_000):
    """« Cependant, certains freins ont dû être levés : » says what the freins' kind says;
    the points under it are filed by whom they were lifted with."""
    g2_3 = card(parsed_000, "G2-3").points
    assert not any(p.topic.startswith("Cependant") or "freins ont" in p.text for p in g2_3)
    assert [p.topic for p in g2_3][:2] == ["", "Auprès des élus locaux"]


def test_a_tool_with_its_list_shows_the_list_on_the_card_page(parsed_000):
    g5_3 = tools(parsed_000, "G5-3")[0]
    html = str(tool_html(g5_3))
    assert "acceptées :</p><ul><li>Etat (Réserve parlementaire),</li>" in html
    assert str(tool_html("Programme <b>de la journée</b>")) == (
        "Programme &lt;b&gt;de la journée&lt;/b&gt;"
    )


def test_g1_1_the_lead_in_holds_both_difficulties_it_introduces(parsed_000):
    """« … le Groupe s'est trouvé confronté à une double difficulté concernant sa
    légitimité : » then two items (the second's bullet lost, p. 13), each followed in its
    item by how it was lifted: one frein, the lead-in and its two items; two leviers."""
    points = card(parsed_000, "G1-1").points
    first = points[0].text
    assert first.startswith("Le projet a propos") and first.count("\n- ") == 2
    assert "\n- La question de la légitimité d'un groupe associatif d'insertion" in first
    assert [p.kind for p in points[:3]] == ["frein", "levier", "levier"]
    assert not any(p.text.startswith("La question de la légitimité") for p in points)


# -- second pass: lists, headings and lead-ins an independent audit found ------------------


def test_items_whose_bullet_the_scan_lost_are_items(parsed_000):
    """Reviewed bullets (each replacing a line): the items that go on a list after a page or
    a column break, printed with the same bullet as the items before them."""
    g1_3 = card(parsed_000, "G1-3").actions
    assert "Deux exemples :\n\n- Une action visant à renforcer" in g1_3
    assert "\n- Le projet de création d'une structure de type centre social." in g1_3
    g2_4 = card(parsed_000, "G2-4").actions
    assert (
        "notamment de sécurité.\n- Développer le partenariat dans la filière.\n"
        "- Obtenir un groupe de demandeurs d’emploi opérationnel"
    ) in g2_4
    g2_7 = card(parsed_000, "G2-7").perspectives
    assert (
        "de la mobilisation des clauses sociales au niveau local.\n"
        "- L'inter réseaux IAE 92 a défini ses perspectives"
    ) in g2_7
    assert "par exemple).\n- Les MDE souhaitent travailler avec les SIAE" in g2_7
    assert "de gestion des clauses.\n- Des réunions entre SIAE et chargés de mission" in g2_7
    g2_9 = card(parsed_000, "G2-9").actions
    criteria = g2_9.split("au regard de :\n\n")[1].split("\n\n")[0].split("\n")
    assert [item[:22] for item in criteria] == [
        "- La mise en synergie ",
        "- Le recrutement du pu",
        "- La durée des contrat",
        "- L'accompagnement et ",
        "- La formation doit pr",
        "- Le placement : les E",
    ]


def test_a_paragraph_after_a_list_is_not_its_last_item(parsed_000):
    """« - rendre les services aux habitants plus » « accessibles. » « Ce projet est reconnu
    … »: after items in lower case, the short line that ends one ends its paragraph."""
    g1_3 = card(parsed_000, "G1-3").actions
    assert (
        "- rendre les services aux habitants plus accessibles.\n\n"
        "Ce projet est reconnu comme l'un des axes prioritaires"
    ) in g1_3


def test_a_numbered_item_keeps_its_end_and_its_number(parsed_000):
    g2_4 = card(parsed_000, "G2-4").context
    assert (
        "2. un “Dispositif Emploi Grands Chantiers” avec trois missions :\n\n"
        "    - Relation avec les entreprises adjudicataires"
    ) in g2_4
    # G3-5: « Pilotage et coordination », a part of phase 3 as the two before it, is no
    # subheading that cuts « 4. Évaluation » from the phases: the fourth phase, numbered 4.
    g3_5 = card(parsed_000, "G3-5").actions
    assert "\n\n    Pilotage et coordination :\n\n    - Comité de pilotage : COORACE" in g3_5
    assert "### Pilotage" not in g3_5
    html = render_markdown(g3_5)
    assert "<li>\n<p>Évaluation : Enquête de satisfaction" in html


def test_a_dash_inside_a_sentence_is_no_item(parsed_000):
    """« … au sud d'une ligne Etampes » « e Dourdan, … »: the bracket the item opened is
    still open, so the dash the scan read as a bullet is inside the sentence."""
    g3_3 = card(parsed_000, "G3-3").context
    assert "au sud d'une ligne Etampes – Dourdan, peu de lignes transversales" in g3_3
    assert "\n- Dourdan" not in g3_3


def test_g3_1_a_subheading_inside_the_context_stays(parsed_000):
    g3_1 = card(parsed_000, "G3-1").context
    assert "\n\n### Un enjeu partagé\n\nCette réflexion positionne AIR" in g3_1


def test_the_sentence_that_leads_the_freins_is_no_frein(parsed_000):
    g2_7 = card(parsed_000, "G2-7").points
    assert not any(p.text.startswith("Des freins ont été rencontrés") for p in g2_7)
    assert g2_7[0].text.startswith("Le constat initial d'une faible connaissance des SIAE")


def test_g3_5_a_heading_over_two_topics_stays_in_their_topics(parsed_000):
    """« Point de vigilance et axes de progrès » printed right over « Ingénierie
    financière », then « Ingénierie pédagogique » further down: it heads both. The first
    bullet under it is one frein, « Sans l'appui de la DRTEFP … » its last sentence."""
    perspectives = card(parsed_000, "G3-5").perspectives
    assert perspectives.count("### Point de vigilance et axes de progrès\n") == 1
    assert perspectives.index("#### Ingénierie financière") < perspectives.index(
        "#### Ingénierie pédagogique"
    )


def test_g3_3_the_sentence_that_offers_the_tools_is_no_tool(parsed_000):
    """« L'Association d'Intérêts Collectifs - PES Sud Essonne peut être sollicitée pour
    transmettre des outils et des ressources. »: the porteur says its tools are to be asked
    of it, over them all: the tools' intro."""
    g3_3 = tools(parsed_000, "G3-3")
    assert not any("peut être sollicitée" in tool for tool in g3_3)
    # Four tools: three headings over their lists, the financing files between them.
    assert [tool.count("\n- ") for tool in g3_3] == [5, 0, 4, 2]
    assert "peut être sollicitée" in card(parsed_000, "G3-3").tools_intro


def test_the_list_a_numbered_item_introduces_is_nested_under_it(parsed_000):
    g2_4 = card(parsed_000, "G2-4").context
    assert (
        "2. un “Dispositif Emploi Grands Chantiers” avec trois missions :\n\n"
        "    - Relation avec les entreprises adjudicataires et aide au recrutement.\n"
        "    - Veille, contrôle des conditions d'exécution"
    ) in g2_4
    html = render_markdown(g2_4)
    assert "avec trois missions :</p>\n<ul>\n<li>Relation avec les entreprises" in html
    assert "3. Développement du partenariat local" in card(parsed_000, "G2-1").actions
    assert "avec :\n\n    - deux ETTI du territoire" in card(parsed_000, "G2-1").actions
    # G3-4: the post's two functions, the second's bullet lost (reviewed, p. 88).
    g3_4 = card(parsed_000, "G3-4").actions
    assert (
        "progressivement :\n\n    - Accompagnement : récupérer la personne" in g3_4
        and "chez elle.\n    - Développement. Il s'agit dans un premier temps" in g3_4
    )


def test_a_paragraph_after_an_item_is_no_part_of_it(parsed_000):
    """G1-2 (p. 17): « Le Pôle SUD a vocation à desservir le Nord de la Drôme et Ardèche. »,
    printed after the three axes, is a paragraph of its own, not the end of item 3: after an
    item's short last line ending its sentence, a sentence opening on a capital opens a
    paragraph (as after « ; »)."""
    actions = card(parsed_000, "G1-2").actions
    assert (
        "3. la création d'une plate-forme de l'Economie Sociale et Solidaire destinée à "
        "promouvoir ses valeurs.\n\nLe Pôle SUD a vocation à desservir le Nord de la Drôme "
        "et Ardèche.\n\n"
    ) in actions
    html = render_markdown(actions)
    assert "<p>Le Pôle SUD a vocation" in html


@pytest.mark.parametrize(
    ("code", "step", "nested"),
    [
        # p. 89: the last step and the list right under it.
        ("G3-4", "3. Programme d’accompagnement socio-professionnel",
         "    - Programme pluriannuel sur trois ans (2008-2010)"),
        # p. 93: step 3, its three labels and their lists, up to step 4.
        ("G3-5", "3. Réalisation de l'action (avril 2006 - mars 2007) :",
         "    Pilotage et coordination :\n\n    - Comité de pilotage : COORACE"),
        # p. 96: each step's list under it.
        ("G3-6", "2. La formation qualifiante durant 6 à 8 mois",
         "    - Tarn-et-Garonne - formation “Employé familial Polyvalent”"),
    ],
)  # fmt: skip
def test_a_numbered_steps_sub_list_is_nested_under_it(parsed_000, code, step, nested):
    actions = card(parsed_000, code).actions
    assert step in actions
    after = actions[actions.index(step) :]
    assert nested in after
    html = render_markdown(actions)
    # One ordered list, the step's items inside its <li>, none after the list.
    assert html.count("<ol") == 1, html
    ordered = html[html.index("<ol") : html.index("</ol>")]
    last_line = nested.split("\n")[-1].strip().removeprefix("- ")
    assert last_line[:25] in ordered, ordered[-400:]


def test_g2_6_actions_for_2008_are_three_items_as_printed(parsed_000):
    """G2-6 (p. 51): « Elaborer un argumentaire… », « Organiser une journée départementale… »,
    « Partir de l'ancrage local… »: the scan lost the last two bullets (reviewed, with
    their page), which ran the three actions into one."""
    card = next(c for c in parsed_000.cards if c.source_key == "experience-G2-6")
    point = next(p for p in card.points if "ancrage local" in p.text)
    assert "etc.\n- Organiser une journée départementale de diffusion de cet argumentaire.\n" \
        "- Partir de l'ancrage local des SIAE" in point.text  # fmt: skip
