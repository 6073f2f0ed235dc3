"""Document 004, the webinar on cooperation (2022): the parser on the real shipped text."""

from datetime import date

import pytest

from sources.documents import DOCUMENTS_BY_CODE
from sources.importer import parse_document
from sources.parsers import webinaire_cooperation
from sources.quality import damage_in, texts_of
from sources.records import SourceFormatError

FICHES = [
    ("COOP-GME", "cooperation-gme", "Le Groupement Momentané d'Entreprises (GME)"),
    ("COOP-REGIE", "cooperation-regie", "La Régie de Quartier (RQ) ou Régie de Territoire"),
    ("COOP-PTCE", "cooperation-ptce", "Pôle Territorial de Coopération Economique (PTCE)"),
    ("COOP-TZCLD", "cooperation-tzcld", "Territoire Zéro Chômeur de Longue Durée (TZCLD)"),
    (
        "COOP-GES",
        "cooperation-ges",
        "Groupement d'Employeurs Solidaires (GES) et Ensemblier d'Insertion",
    ),
    ("COOP-JVS", "cooperation-jvs", "Joint Venture Social (JVS)"),
    ("COOP-PAT", "cooperation-pat", "Projet Alimentaire de Territoire (PAT)"),
]
CARD_KEYS = [
    "cooperer-pour-creer-de-l-emploi",
    "la-cooperation-dans-une-approche-rd",
    "les-cooperations-entre-le-secteur-de-l-iae-et-le-handicap",
    "l-agora-du-ternois-un-espace-de-cooperation-durable-en-territoire-rural",
]


@pytest.fixture(scope="module")
def parsed():
    return parse_document(DOCUMENTS_BY_CODE["004"])


@pytest.fixture(scope="module")
def cards(parsed):
    return {card.key: card for card in parsed.cards}


@pytest.fixture(scope="module")
def fiches(parsed):
    return {fiche.code: fiche for fiche in parsed.fiches}


def test_the_webinar_is_the_source(parsed):
    source = parsed.source
    assert parsed.code == "004"
    assert source.key == "webinaire-iae-ea-cooperation-2022"
    assert source.title == (
        "Webinaire « IAE et EA : quelle coopération avec les acteurs du territoire ? »"
    )
    assert (source.kind, source.publisher, source.year) == (
        "webinaire",
        "DREETS Hauts-de-France",
        2022,
    )
    assert source.version_date == date(2022, 12, 14)
    assert source.description.startswith(
        "Comité régional d'inclusion dans l'emploi, 14 décembre 2022."
    )
    assert "    - *Pourquoi coopérer ?*" in source.description
    assert "**Perspectives**\n\n- Mise en ligne des fiches ressources" in source.description
    assert [(p.first_name, p.last_name, p.organisation) for p in source.author_people] == [
        ("Pierre", "Manac'h", "DREETS Hauts-de-France"),
        ("Julien", "Alleau", "COORACE"),
        ("Rachid", "Cherfaoui", "Institut Godin"),
        ("Émilie", "Verwaerde", "AFEJI"),
        ("Yoann", "Caquiere", "AGORA du Ternois"),
    ]
    assert source.author_people[0].role == "Chargé de mission IAE"


def test_the_work_axis_and_its_objectives(parsed):
    (programme,) = parsed.programmes
    assert programme.key == "innovation-cooperation-territoriale-2022"
    assert programme.name == "Axe de travail « Innovation et coopération territoriale »"
    assert programme.organiser == "DREETS Hauts-de-France"
    assert (programme.start_year, programme.end_year) == (2022, 2023)
    objectives = programme.description.splitlines()
    assert len(objectives) == 4
    assert objectives[0] == (
        "- Encourager les dynamiques d'innovation sociale et économique et les coopérations "
        "entre entreprises sociales inclusives."
    )
    assert objectives[1] == "- Développer la relation entreprise des SIAE."


def test_phases_in_order_with_their_dates(parsed):
    phases = parsed.programmes[0].phases
    assert [(phase.title, phase.start_date, phase.end_date) for phase in phases] == [
        ("Phase préparatoire du projet", None, None),
        ("Phase 1 : Etat des lieux", date(2022, 4, 1), date(2022, 9, 30)),
        ("Phase 2 : Production des livrables", date(2022, 10, 1), date(2022, 12, 31)),
        ("Phase 3 : Restitution des travaux", date(2022, 12, 1), date(2023, 6, 30)),
        (
            "Phase 4 : Accompagnement des projets émergents, innovants ou expérimentaux",
            None,
            None,
        ),
    ]


def test_phase_descriptions_keep_their_nested_tasks(parsed):
    preparatory, first, second, third, fourth = parsed.programmes[0].phases
    assert preparatory.description.splitlines() == [
        "- Rdv de travail : DREETS/IRIAE/ Réseaux",
        "- Constitution du groupe de travail",
        "- Définition des fiches actions par axe de travail",
    ]
    assert first.description.splitlines()[:2] == [
        "- Recueil des données basé sur :",
        "    - la littérature existante disponible : documents, études, rapport, internet etc....",
    ]
    assert first.description.splitlines()[-2:] == [
        "- Analyse des données",
        "- Production d'un modèle de fiche techniques.",
    ]
    assert "Avril" not in first.description  # the period is in the dates
    assert second.description.splitlines()[0] == "- Définition de la coopération."
    assert third.description == (
        "**Décembre 2022**\n\n- Wébinaire de restitution intermédiaire des travaux.\n\n"
        "**Printemps 2023**\n\n"
        "- Organisation d'une journée « Innovation et Coopération » en présentiel."
    )
    assert fourth.description == ""


def test_seven_cooperation_fiches_in_one_collection(parsed):
    (collection,) = parsed.collections
    assert (collection.key, collection.name) == (
        "fiches-ressources-cooperation-2022",
        "Fiches ressources : formes de coopération (2022)",
    )
    assert [(f.code, f.resource.key, f.resource.title) for f in parsed.fiches] == FICHES
    for position, fiche in enumerate(parsed.fiches, start=1):
        assert (fiche.position, fiche.resource.position) == (position, position)
        assert (fiche.part, fiche.section) == ("", "")
        resource = fiche.resource
        assert (resource.kind, resource.publisher, resource.year) == (
            "fiche_ressource",
            "DREETS Hauts-de-France",
            2022,
        )
        assert resource.collection_key == "fiches-ressources-cooperation-2022"


def test_only_the_first_two_fiches_have_content(parsed):
    availability = {fiche.code: fiche.resource.availability for fiche in parsed.fiches}
    assert availability == {
        "COOP-GME": "disponible",
        "COOP-REGIE": "disponible",
        "COOP-PTCE": "en_preparation",
        "COOP-TZCLD": "en_preparation",
        "COOP-GES": "en_preparation",
        "COOP-JVS": "en_preparation",
        "COOP-PAT": "en_preparation",
    }
    for fiche in parsed.fiches[2:]:
        assert (fiche.blocks, fiche.resource.description) == ([], "")
        assert fiche.doubts == [
            "Le webinaire annonce cette fiche, mais le document n'en contient que le titre : "
            "elle est enregistrée « en préparation ». Son contenu est à ajouter quand elle sera "
            "disponible."
        ]
    assert parsed.fiches[0].doubts == []


def test_fiche_gme_blocks(fiches):
    gme = fiches["COOP-GME"]
    assert [(block.kind, block.heading) for block in gme.blocks] == [
        ("de_quoi", "Le GME, qu'est-ce que c'est ?"),
        ("definition", "Définition"),
        ("objectifs", "Objectifs"),
    ]
    de_quoi, definition, objectifs = gme.blocks
    assert de_quoi.body == "Outil de coopération économique et fonctionnelle."
    assert definition.body.startswith("Un GME est un accord momentané entre entreprises")
    assert "\n\nLe type de GME peut revêtir des formes différentes :\n\n- Conjoint avec" in (
        definition.body
    )
    assert "\n- Solidaire avec mandataire commun :" in definition.body
    assert objectifs.body == (
        "- Faire ensemble ce que chacun n'a pas les moyens de faire séparément pour un "
        "chantier donné\n"
        "- Optimiser l'accès pour une TPE / PME ou SIAE aux marchés publics"
    )
    assert gme.resource.description.startswith(
        "Outil de coopération économique et fonctionnelle.\n\nUn GME est un accord"
    )


def test_fiche_regie_stops_after_its_definition(fiches, parsed):
    regie = fiches["COOP-REGIE"]
    assert [block.kind for block in regie.blocks] == ["de_quoi", "definition"]
    assert regie.blocks[0].body == "Outil de coopération organique et stratégique."
    assert regie.blocks[1].body.startswith("Une régie est une association loi 1901.\n\n")
    assert regie.blocks[1].body.endswith("économie solidaire et éducation populaire.")
    assert regie.doubts == [
        "Le texte de la fiche s'arrête après sa définition : la suite (les objectifs "
        "notamment) manque et est à compléter."
    ]


def test_four_talks_as_cards(parsed):
    assert [card.key for card in parsed.cards] == CARD_KEYS
    names = {organisation.name for organisation in parsed.organisations}
    for card in parsed.cards:
        assert card.porteur in names
        assert set(card.partners) <= names
        # Filed under the webinar's région; « as written » only where the talk names it.
        assert "Hauts-de-France" in (card.region_as_written, card.region_filed)
        (contact,) = card.contacts
        assert contact.role == "contact"
        assert not contact.person.last_name.isupper()


def test_card_coorace(cards):
    card = cards["cooperer-pour-creer-de-l-emploi"]
    assert (card.title, card.porteur, card.category, card.scale) == (
        "Coopérer pour créer de l'emploi",
        "COORACE",
        "reseau",
        "national",
    )
    assert card.summary == (
        "Appréhender les coopérations au service de l'emploi des personnes fragilisées.\n\n"
        "Discussion : le rapport sur les coopérations à but d'emploi"
    )
    assert card.context.startswith("**Dans l'ADN Coorace : buts d'emplois et d'activités**")
    assert (
        "- La coopération en tant que moyen est le plus petit dénominateur commun aux SIAE\n"
        "    - Accompagner\n    - Former\n    - Mettre en situation professionnelle\n"
    ) in card.context
    assert "Pourquoi la coopération" not in card.context
    assert card.actions.startswith("**La coopération territorialisée pour une approche IAE**")
    assert card.actions.count("La coopération territorialisée : quelques outils") == 1
    assert [tool.text[:30] for tool in card.tools] == [
        "Le diagnostic initial : orient",
        "LA FILIERE STRUCTUREE AUTOUR D",
        "LA FILIERE STRUCTUREE AUTOUR D",
        "VITA AIR OU L'EXEMPLE D'UNE GP",
    ]
    person = card.contacts[0].person
    assert (person.first_name, person.last_name) == ("Julien", "Alleau")
    assert person.role == (
        "Docteur en Sciences humaines et sociales et auteur du rapport : "
        '"Les coopérations, 30 ans d\'initiatives en réseau"'
    )


def test_card_institut_godin(cards):
    card = cards["la-cooperation-dans-une-approche-rd"]
    assert (card.porteur, card.category) == ("Institut Godin", "partenaire")
    assert card.summary.startswith("A travers l'exemple des PTCE comment la R&D")
    person = card.contacts[0].person
    assert (person.first_name, person.last_name, person.role) == (
        "Rachid",
        "Cherfaoui",
        "Président fondateur de l'Institut GODIN et PDG de la Maison de l'Économie Solidaire",
    )


def test_card_afeji(cards):
    card = cards["les-cooperations-entre-le-secteur-de-l-iae-et-le-handicap"]
    assert (card.porteur, card.category) == ("AFEJI", "siae")
    assert card.partners == [
        "Entreprise Adaptée Flandre - Littoral",
        "Ateliers chantiers d'insertion Littoral",
    ]
    assert card.summary.startswith("Les coopérations entre le secteur de l'IAE et le Handicap : ")
    assert card.context.startswith(
        "**Entreprise Adaptée Flandre - Littoral**\n\nElle permet ainsi aux salariés"
    )
    assert "- Logistique\n- Nettoyage des locaux\n- Espaces verts" in card.context
    assert "- DK'Phone\n- Afeji Mobilité\n- Atelier second-œuvre bâtiment" in card.context
    assert card.actions.startswith("**Les avantages d'une coopération économique et sociale**")
    assert card.results.endswith(
        "**Recrutement EA**\n\n- Immersion au sein du service Nettoyage de EA\n"
        "- Embauche en CDI à l'EA"
    )
    person = card.contacts[0].person
    assert (person.first_name, person.last_name, person.role) == (
        "Émilie",
        "Verwaerde",
        "Coordinatrice AFEJI Hauts de France, Emploi Adapté du Littoral",
    )


def test_card_agora_du_ternois(cards):
    card = cards["l-agora-du-ternois-un-espace-de-cooperation-durable-en-territoire-rural"]
    assert card.title == (
        "L'AGORA du Ternois : un espace de coopération durable en territoire rural"
    )
    assert (card.porteur, card.category, card.partners) == ("AGORA du Ternois", "reseau", ["ATRE"])
    assert (card.territory_name, card.milieux, card.start_year) == ("Ternois", ["rural"], 2018)
    assert card.summary.startswith("Comment la coopération peut-être un levier")
    assert card.actions.startswith("**2018** : création d'un groupe de réflexion")
    assert "\n\n**2020** : création de de l'**AGORA**\n\n" in card.actions
    assert card.results.startswith("**Développement d'un ECO SYSTÈME dans le Ternois**")
    assert card.contacts[0].person.role == (
        "Administrateur de l'AGORA du Ternois et Directeur de l'ACI ATRE"
    )


# -- the webinar as an event, its programme read against the deck -----------------------


def test_the_webinar_is_an_event_of_its_day_without_an_hour(parsed):
    (event,) = parsed.events
    assert (event.key, event.source_key) == ("webinaire-iae-ea-cooperation-2022", "evenement")
    assert event.title == "IAE et EA : quelle coopération avec les acteurs du territoire ?"
    assert (event.kind, event.audience, event.published) == ("webinaire", "public", True)
    # « 14 décembre 2022 » under the title: the deck prints no hour, none is made up.
    assert (event.day, event.starts_at, event.end_day, event.ends_at) == (
        date(2022, 12, 14),
        None,
        None,
        None,
    )
    assert (event.organiser, event.region, event.place, event.online_url) == (
        "DREETS Hauts-de-France",
        "Hauts-de-France",
        "En ligne",
        "",
    )
    assert (event.takes_registrations, event.capacity) == (False, None)
    assert event.summary.startswith(
        "Restitution intermédiaire des travaux de l'axe « Innovation et coopération "
        "territoriale » du Comité régional d'inclusion dans l'emploi (CRIE)"
    )
    assert event.source_resource_key == parsed.source.key
    assert event.resource_keys == [parsed.source.key] + [key for _, key, _ in FICHES]


def test_the_event_programme_follows_the_deck(parsed):
    (event,) = parsed.events
    assert [(part.session, part.title) for part in event.parts] == [
        ("", "Introduction"),
        ("", "Définir la coopération"),
        ("", "Fiches ressources"),
        ("La Coopération dans une approche R&D", "Coopérer pour créer de l'emploi"),
        # Institut Godin's talk has no title of its own: its session's, as its card.
        ("La Coopération dans une approche R&D", "La Coopération dans une approche R&D"),
        ("Acteurs engagés", "Les coopérations entre le secteur de l'IAE et le Handicap"),
        (
            "Acteurs engagés",
            "L'AGORA du Ternois : un espace de coopération durable en territoire rural",
        ),
        ("", "Perspectives"),
    ]
    assert [part.source_key for part in event.parts] == [
        "evenement-introduction",
        "evenement-definir-la-cooperation",
        "evenement-fiches-ressources",
        "evenement-intervention-1",
        "evenement-intervention-2",
        "evenement-intervention-3",
        "evenement-intervention-4",
        "evenement-perspectives",
    ]
    # The reader's parts: the programme, the two fiches, each talk (the perspectives
    # close the last one).
    assert [part.source_page for part in event.parts] == [1, 1, 1, 4, 5, 6, 7, 7]
    assert all((part.starts_at, part.ends_at) == (None, None) for part in event.parts)


def test_the_event_speakers_with_their_functions_as_printed(parsed):
    (event,) = parsed.events
    speakers = [
        [(s.person.first_name, s.person.last_name, s.organisation, s.role) for s in part.speakers]
        for part in event.parts
    ]
    assert speakers == [
        [("Pierre", "Manac'h", "DREETS Hauts-de-France", "Chargé de mission IAE")],
        [],
        [],
        [
            (
                "Julien",
                "Alleau",
                "COORACE",
                "Docteur en Sciences humaines et sociales et auteur du rapport : "
                '"Les coopérations, 30 ans d\'initiatives en réseau"',
            )
        ],
        [
            (
                "Rachid",
                "Cherfaoui",
                "Institut Godin",
                "Président fondateur de l'Institut GODIN et PDG de la Maison de l'Économie "
                "Solidaire",
            )
        ],
        [
            (
                "Émilie",
                "Verwaerde",
                "AFEJI",
                "Coordinatrice AFEJI Hauts de France, Emploi Adapté du Littoral",
            )
        ],
        [
            (
                "Yoann",
                "Caquiere",
                "AGORA du Ternois",
                "Administrateur de l'AGORA du Ternois et Directeur de l'ACI ATRE",
            )
        ],
        [],
    ]
    # The speakers are the people the document already names (the webinar's authors).
    named = {(p.first_name, p.last_name) for p in parsed.source.author_people}
    assert {(s.person.first_name, s.person.last_name) for p in event.parts for s in p.speakers} == (
        named
    )


def test_each_talk_presents_its_card_and_the_fiches_part_the_fiches(parsed):
    introduction, video, fiches, *talks, perspectives = parsed.events[0].parts
    assert [talk.card_keys for talk in talks] == [[key] for key in CARD_KEYS]
    assert [talk.description for talk in talks] == [card.summary for card in parsed.cards]
    assert fiches.resource_keys == [key for _, key, _ in FICHES]
    assert fiches.description.splitlines() == [
        "- Groupement Momentané d'Entreprises (GME)",
        "- La Régie de Quartier ou Régie de Territoire (RQ)",
        "- Pôle Territorial de Coopération Economique (PTCE)",
        "- Territoire Zéro Chômeur de Longue Durée (TZCLD)",
        "- Groupement d'Employeurs Solidaires (GES) et Ensemblier d'Insertion",
        "- Joint Venture Social (JVS)",
        "- Projet Alimentaire de Territoire (PAT)",
    ]
    for part in (introduction, video, perspectives):
        assert (part.card_keys, part.resource_keys) == ([], [])


def test_the_event_parts_say_what_the_slides_say(parsed):
    introduction, video, *_, perspectives = parsed.events[0].parts
    assert introduction.description.startswith(
        "Présentation de l'axe de travail « Innovation et coopération territoriale ».\n\n"
        "**Objectifs**\n\n- Encourager les dynamiques d'innovation sociale"
    )
    assert introduction.description.endswith(
        "**Phases**\n\n"
        "- Phase préparatoire du projet\n"
        "- Phase 1 : Etat des lieux (avril – fin septembre 2022)\n"
        "- Phase 2 : Production des livrables (octobre-décembre 2022)\n"
        "- Phase 3 : Restitution des travaux (décembre 2022 ; printemps 2023)\n"
        "- Phase 4 : Accompagnement des projets émergents, innovants ou expérimentaux"
    )
    assert video.description == (
        "Vidéo : La coopération, outil de développement des Structures de l'Insertion par "
        "L'Activité Économique (SIAE) et des Entreprises Adaptées (EA)\n\n"
        "- *La coopération, de quoi parle-t-on ?*\n"
        "- *Pourquoi coopérer ?*\n"
        "- *Les types de formalisation de la coopération*"
    )
    assert perspectives.description.splitlines() == [
        "- Mise en ligne des fiches ressources sur l'espace collaboratif du CRIE",
        "- Organisation de webinaires thématiques",
        "- Atelier d'échanges entre professionnels sur les modèles de coopération",
        "- Autres besoins ?",
    ]


def test_the_event_summary_rests_on_the_work_axis(parsed):
    text = webinaire_cooperation.repair(
        DOCUMENTS_BY_CODE["004"].path.read_text(encoding="utf-8")
    ).replace("-Wébinaire de restitution intermédiaire", "-Réunion de restitution intermédiaire")
    with pytest.raises(SourceFormatError, match="the event's summary rests on"):
        webinaire_cooperation.parse(text)


def test_organisations_say_what_they_are(parsed):
    organisations = {organisation.name: organisation for organisation in parsed.organisations}
    assert organisations["COORACE"].structure_types == ["reseau"]
    ea = organisations["Entreprise Adaptée Flandre - Littoral"]
    assert (ea.structure_types, ea.parent) == (["ea"], "AFEJI")
    aci = organisations["Ateliers chantiers d'insertion Littoral"]
    assert (aci.acronym, aci.structure_types, aci.parent) == ("ACI Littoral", ["aci"], "AFEJI")
    assert organisations["AGORA du Ternois"].description.startswith("Espace d'échange")


def test_no_damage_left(parsed):
    assert damage_in(parsed) == []


def test_markdown_has_no_hard_wraps(parsed):
    for text in texts_of(parsed):
        for block in text.split("\n\n"):
            lines = block.splitlines()
            if len(lines) > 1:
                assert all(line.lstrip().startswith("- ") for line in lines), block


def test_what_was_left_out_is_said(parsed):
    assert len(parsed.warnings) == 4
    assert parsed.warnings[0].startswith("the timeline diagram's labels were dropped")
    assert "fiche COOP-GME: slide label dropped: GME ?" in parsed.warnings
    assert parsed.warnings[2].startswith("AFEJI's title slide dropped")
    assert parsed.warnings[3] == (
        "the deck gives the webinar's day (2022-12-14), not its hour: the event is stored "
        "without an hour"
    )
    godin = next(card for card in parsed.cards if card.porteur == "Institut Godin")
    (abstract_only,) = godin.doubts
    assert abstract_only.startswith("Le document ne donne de cette intervention que son résumé")
    assert [card.doubts for card in parsed.cards if card is not godin] == [[], [], []]
    assert parsed.source.doubts == []


def test_a_missing_part_is_an_error():
    with pytest.raises(SourceFormatError, match=r"\(introduction\)"):
        webinaire_cooperation.parse("Comité régional d'inclusion dans l'emploi\n")


# -- the slide reading of this document --------------------------------------------------


def test_slide_lists_nest_under_a_main_item_ending_with_a_colon():
    lines = ["-Recueil basé sur :", "", "- la littérature", "- le repérage", "-Analyse"]
    assert webinaire_cooperation.slide_markdown(lines) == (
        "- Recueil basé sur :\n    - la littérature\n    - le repérage\n- Analyse"
    )


def test_slide_indented_items_nest_and_short_lines_are_headings():
    lines = ["La coopération comme moyen", "- Le moyen", " - Accompagner", "Une phrase."]
    assert webinaire_cooperation.slide_markdown(lines) == (
        "**La coopération comme moyen**\n\n- Le moyen\n    - Accompagner\n\nUne phrase."
    )


def test_slide_check_marks_are_list_items():
    assert webinaire_cooperation.slide_markdown(["- ✓ Encourager."]) == "- Encourager."


@pytest.mark.parametrize(
    ("line", "first", "last"),
    [
        ("Avril – fin septembre 2022", date(2022, 4, 1), date(2022, 9, 30)),
        ("Octobre-décembre 2022", date(2022, 10, 1), date(2022, 12, 31)),
        ("Décembre 2022", date(2022, 12, 1), date(2022, 12, 31)),
        ("Printemps 2023", date(2023, 3, 1), date(2023, 6, 30)),
    ],
)
def test_periods_span_whole_months(line, first, last):
    assert webinaire_cooperation.read_period(line) == (first, last)


def test_a_task_is_no_period():
    assert webinaire_cooperation.read_period("-Analyse des données") is None


def test_proper_case_keeps_apostrophes():
    assert webinaire_cooperation.proper_case("MANAC'H") == "Manac'h"
