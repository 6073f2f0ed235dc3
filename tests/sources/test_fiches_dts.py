"""The parser of 001, « Fiches synthétiques projets – VITA – DTS » (2010), on the real file."""

import dataclasses
import re
import time
from collections import Counter
from datetime import date

import pytest

from organisations.matching import name_key
from sources import corrections
from sources.documents import DOCUMENTS_BY_CODE
from sources.parsers import fiches_dts
from sources.quality import damage_in

DOCUMENT = DOCUMENTS_BY_CODE["001"]


@pytest.fixture(scope="module")
def parsed():
    text = corrections.apply("001", DOCUMENT.path.read_text(encoding="utf-8"))
    return fiches_dts.parse(text)


@pytest.fixture(scope="module")
def cards(parsed):
    return {card.key: card for card in parsed.cards}


@pytest.fixture(scope="module")
def organisations(parsed):
    return {organisation.name: organisation for organisation in parsed.organisations}


def card_titled(parsed, start):
    (card,) = [card for card in parsed.cards if card.title.startswith(start)]
    return card


def listings(card):
    return {
        listing.group_code: (listing.source_page, listing.source_note) for listing in card.listings
    }


def contacts(card):
    return [
        (
            contact.role,
            contact.person.first_name,
            contact.person.last_name,
            contact.person.role,
            contact.person.email,
            contact.working_group_codes,
        )
        for contact in card.contacts
    ]


# -- the document as a whole -------------------------------------------------------------


def test_is_registered_for_the_document():
    assert DOCUMENT.parser() is fiches_dts.parse


def test_parses_fast():
    text = corrections.apply("001", DOCUMENT.path.read_text(encoding="utf-8"))
    started = time.perf_counter()
    fiches_dts.parse(text)
    assert time.perf_counter() - started < 2


def test_counts(parsed):
    assert parsed.code == "001"
    assert len(parsed.cards) == 21  # 13 printed under A1, 12 under A2, 4 of them twice
    assert len(parsed.project_listings) == 3  # A3 projects whose card the text lacks
    assert len(parsed.groups) == 4
    # 30 structures with an address or a role, and the 7 partners the cards name in
    # sentences (REVIEWED).
    assert len(parsed.organisations) == 37
    assert sum(len(card.contacts) for card in parsed.cards) == 48


def test_listings_per_atelier(parsed):
    per_group = Counter(listing.group_code for card in parsed.cards for listing in card.listings)
    # Only the sommaires file a card: the porteurs' own codes (A1, A2, A3, GT beside
    # PORTEUR) describe the organisations, so no card is listed under GT.
    assert per_group == {"A1": 13, "A2": 12, "A3": 4}
    in_sommaires = Counter(
        listing.group_code
        for card in parsed.cards
        for listing in card.listings
        if "sommaire de l'atelier" in listing.source_note
    )
    # Each atelier's sommaire, the last one's without its 3 unprinted projects.
    assert in_sommaires == {"A1": 13, "A2": 12, "A3": 4}


def test_no_damage(parsed):
    assert damage_in(parsed) == []


def test_markdown_has_no_layout_left(parsed):
    for card in parsed.cards:
        for text in (card.context, card.actions, card.problematiques, card.mutualisation_sought):
            assert "\n\n\n" not in text
            assert not re.search(r"  |^ | $| [.,]|\( ", text, re.MULTILINE), text
            assert "PORTEUR" not in text and "Sommaire" not in text


def test_card_keys_are_unique_slugs(parsed):
    keys = [card.key for card in parsed.cards]
    assert len(set(keys)) == len(keys)
    assert all(re.fullmatch(r"[a-z0-9-]{1,80}", key) for key in keys)


def test_every_structure_named_is_recorded_once(parsed, organisations):
    assert len({name_key(name) for name in organisations}) == len(organisations)
    for card in parsed.cards:
        assert card.porteur in organisations
        assert set(card.partners) <= set(organisations)
        assert {contact.person.organisation for contact in card.contacts} <= set(organisations)
        assert card.region_as_written and card.departement_codes
    for group in parsed.groups:
        assert set(group.member_organisations) <= set(organisations)


def test_source_and_programme(parsed):
    source = parsed.source
    assert source.key == "fiches-synthetiques-vita-dts-2010"
    assert source.title == (
        "Fiches synthétiques projets VITA-DTS (Développeurs de territoires solidaires)"
    )
    assert (source.kind, source.publisher, source.year) == ("recueil", "COORACE", 2010)
    assert source.version_date == date(2010, 3, 1)
    (programme,) = parsed.programmes
    assert programme.key == "vita-dts-2008-2010"
    assert programme.name == "VITA – Développeurs de territoires solidaires (DTS)"
    assert (programme.organiser, programme.start_year, programme.end_year) == (
        "COORACE",
        2008,
        2010,
    )
    assert programme.description.startswith(
        "Ces fiches de présentation ont été rédigées par les porteurs de projets investis dans "
        "VITA « Développeurs de territoires solidaires », dynamique de Recherche & "
        "Développement fondée sur la contribution d'entreprises volontaires. Elles visent à :"
        "\n\n- faciliter la connaissance mutuelle des acteurs impliqués"
    )
    assert "\n- rendre lisible et concrète la dynamique collective engagée.\n" in (
        programme.description
    )
    assert source.description == programme.description


def test_groups(parsed):
    groups = {group.code: group for group in parsed.groups}
    assert [(g.code, g.kind, g.position) for g in parsed.groups] == [
        ("A1", "atelier", 1),
        ("A2", "atelier", 2),
        ("A3", "atelier", 3),
        ("GT", "groupe_travail", 4),
    ]
    assert groups["A1"].name == (
        "Développement d'activités et de services porteurs d'emplois et de solidarité"
    )
    assert groups["A2"].name == (
        "Alliances stratégiques public / privé en faveur de l'emploi et du développement durable"
    )
    assert groups["A3"].name == (
        "Gestion territoriale des emplois et compétences en priorité pour les personnes ayant "
        "un faible niveau de qualification"
    )
    assert groups["GT"].name == "Groupe de travail (GT)"
    assert {group.programme_key for group in parsed.groups} == {"vita-dts-2008-2010"}
    assert groups["GT"].member_organisations == [
        "Etudes et Chantiers Bretagne - Pays de la Loire",
        "Act'Eure Insertion",
        "SOLIDARITE MULTI-SERVICES ET SOLIDARITE SERVICES AUX PERSONNES",
        "AIR & AICM",
        "ISACTYS",
        "ULISSE",
    ]


def test_project_listings(parsed):
    assert [dataclasses.astuple(listing) for listing in parsed.project_listings] == [
        (
            "Créer un organisme de formation accessible largement sur le territoire",
            "A3",
            "Passerelle",
            "Auvergne",
            "63",
            34,
            "",
            "sommaire-A3-1",
        ),
        (
            "Service de gestion et de mutualisation d'activités parcellaires pour sécuriser les "
            "parcours professionnel, au service des employeurs du territoire",
            "A3",
            "NOVEO",
            "Franche-Comté",
            "70",
            36,
            "",
            "sommaire-A3-3",
        ),
        (
            "Territoire d'emploi : économie sociale et entreprises citoyennes à la rencontre des "
            "demandeurs d'emploi - Gestion territorialisée des emplois et des compétences "
            "associant SIAE, entreprises et centres de formation",
            "A3",
            "ALCG",
            "Franche-Comté",
            "39",
            37,
            "",
            "sommaire-A3-4",
        ),
    ]


def test_warnings_and_doubts(parsed):
    assert len(parsed.warnings) == 1
    assert "mode d'emploi" in parsed.warnings[0]
    (gt,) = [group for group in parsed.groups if group.code == "GT"]
    assert len(gt.doubts) == 1
    assert gt.doubts[0].startswith("Le document ne dit pas ce que désigne le code « GT »")
    assert [group.doubts for group in parsed.groups if group.code != "GT"] == [[], [], []]
    # Every card's printings agree, and the sommaires title them alike.
    assert [card.doubts for card in parsed.cards if card.doubts] == []
    assert parsed.source.doubts == []


# -- cards, field by field ---------------------------------------------------------------


def test_passerelle_in_thiers(parsed, cards, organisations):
    card = cards["initier-de-nouvelles-activites-inserantes-specifiques-au-territoire"]
    assert card.title == "Initier de nouvelles activités insérantes spécifiques au territoire"
    assert card.summary == ""  # the heading has no subtitle: no copy of the title
    assert (card.porteur, card.partners, card.category) == ("Passerelle", [], "siae")
    assert card.source_page == 6
    assert contacts(card) == [
        (
            "referent_principal",
            "Isabelle",
            "Briaire",
            "Directrice",
            "passerelle.plus@wanadoo.fr",
            ["A1", "A2", "A3"],
        ),
        (
            "autre_referent",
            "Cécile",
            "Barral",
            "Chargée de développement",
            "passerelle.plus@wanadoo.fr",
            ["A1", "A2", "A3"],
        ),
        (
            "autre_referent",
            "Aurélie",
            "Marsin",
            "Assistante de formation",
            "passerelle.plus@wanadoo.fr",
            ["A1", "A2", "A3"],
        ),
    ]
    assert {contact.person.organisation for contact in card.contacts} == {"Passerelle"}
    assert (card.region_as_written, card.departement_codes) == ("Auvergne", ["63"])
    assert (card.territory_name, card.milieux, card.key_figures) == (
        "Ville de Thiers",
        ["urbain"],
        "",
    )
    assert card.context.startswith(
        "La Ville de Thiers, 14 000 habitants au recensement de 1999, centre d'un "
        "arrondissement d'environ 55 000 habitants, caractérisée par l'ancienneté"
    )
    assert card.context.endswith(
        "mutation du tissu économique.\n\nTerritoire non maillé en termes de transport en commun"
    )
    assert card.actions.startswith(
        "La ville de Thiers manque de chantiers d'insertion (CI) selon M. le sous préfet.\n\n"
        "Le Sous Préfet a demandé à toutes des structures sur Thiers lors des AG de réfléchir à "
        "un chantier d'insertion (Passerelle, le Foyer des Jeunes Travailleurs …)."
    )
    assert "le CG veut couper des ACI plutôt qu'en soutenir de nouveaux." in card.actions
    assert card.problematiques.endswith(
        "\n- Un chantier d'insertion sur « du montage de couteaux » est-il envisageable ? comment ?"
    )
    assert card.mutualisation_sought == (
        "- Etude, TSF … pour étudier ce projet\n"
        "- Réglementation des ACI, exemples de conventionnement avec l'Etat …"
    )
    assert card.mutualisation_offered == ""
    assert [(link.kind, link.label, link.target_card_key) for link in card.links] == [
        ("autre_projet", "Organisme de Formation", ""),
        (
            "autre_projet",
            "clause d'insertion",
            "promouvoir-le-recours-a-la-clause-d-insertion-dans-les-marches-publics-et-la",
        ),
    ]
    assert listings(card) == {
        "A1": (6, "sommaire de l'atelier A1, sommaire général"),
    }
    passerelle = organisations["Passerelle"]
    assert dataclasses.asdict(passerelle) | {"description": ""} == {
        "name": "Passerelle",
        "acronym": "",
        "structure_types": ["ai"],
        "address": "7 rue Fernand Forest",
        "postal_code": "63300",
        "town": "Thiers",
        "cedex": "",
        "departement_code": "63",
        "phone": "04 73 80 18 62",
        "email": "",
        "website": "www.passerelle-thiers.com",
        "description": "",
        "networks": ["COORACE"],
        "parent": "",
    }
    assert passerelle.description.startswith("Association intermédiaire créée en 1988;")
    assert passerelle.description.endswith(
        "\n\nAdhérente au réseau COORACE, Passerelle a été certifiée CEDRE en décembre 2008."
    )


def test_the_second_passerelle_card_is_another_project(parsed):
    card = card_titled(parsed, "Promouvoir le recours")
    assert card.title == (
        "Promouvoir le recours à la clause d'insertion dans les marchés publics et la place de "
        "l'IAE sur le territoire"
    )
    assert (card.porteur, card.source_page, card.territory_name) == (
        "Passerelle",
        21,
        "Arrondissement de Thiers",
    )
    assert listings(card)["A2"] == (
        21,
        "sommaire de l'atelier A2, sommaire général",
    )
    assert [link.label for link in card.links] == ["Organisme de Formation", "ACI ?"]


def test_palacret_printed_twice_is_one_card(parsed, organisations):
    card = card_titled(parsed, "Le Site du Palacret")
    assert card.key == "le-site-du-palacret"
    assert card.summary == '"Carrefour citoyen des cultures locales et internationales"'
    assert card.porteur == "Etudes et Chantiers Bretagne - Pays de la Loire"
    assert card.source_page == 7
    assert listings(card) == {
        "A1": (7, "sommaire de l'atelier A1, sommaire général"),
        "A2": (22, "sommaire de l'atelier A2, sommaire général"),
        "A3": (35, "sommaire de l'atelier A3, sommaire général"),
    }
    assert contacts(card) == [
        (
            "referent_principal",
            "Hélène",
            "Floc'h",
            "Chargée de projet",
            "ec.bretagne.floch@wanadoo.fr",
            ["A1", "GT"],
        ),
        (
            "autre_referent",
            "Jean-Luc",
            "Brossas",
            "Directeur",
            "ec.bretagne.dr@wanadoo.fr",
            ["A2", "GT"],
        ),
        (
            "autre_referent",
            "Marie Claire",
            "Quillivere",
            "Responsable insertion formation",
            "ec.bretagne.mission@wanadoo.fr",
            ["A3"],
        ),
        (
            "autre_referent",
            "Typhaine",
            "Lesselingue",
            "Chargée de mission",
            "ec.bretagne.lesselingue@orange.fr",
            [],
        ),
    ]
    assert (card.region_as_written, card.departement_codes, card.milieux) == (
        "Bretagne",
        ["22"],
        ["rural"],
    )
    assert card.territory_name == "Communauté de Communes du Pays de Bégard"
    # Each cell from its least split printing: p. 22 writes « économiquement ».
    assert "qui soit équilibrée économiquement" in card.problematiques
    # … but p. 7 keeps the comma p. 22 lost: a lone « , » is no word to count.
    assert "(devenu propriété publique), notamment à partir des entrées" in card.actions
    assert card.actions.endswith("\n- Travailler ensemble sur la faisabilité économique du projet")
    assert card.mutualisation_offered == (
        "- Proposition de transfert sur l'expérience d'accueil de femmes sur un chantier "
        "d'insertion\n- Construction d'un partenariat Public Privé « gagnant-gagnant »"
    )
    assert card.links == []
    organisation = organisations[card.porteur]
    assert (organisation.address, organisation.postal_code, organisation.town) == (
        "3 rue Jean Lemaistre",
        "35000",
        "Rennes",
    )
    assert (organisation.departement_code, organisation.phone) == ("35", "02 99 54 60 01")
    assert organisation.structure_types == ["aci", "association"]
    assert organisation.description.startswith(
        "Etudes et Chantiers Bretagne - Pays de la Loire est une association d'éducation "
        "populaire, qui intervient dans le champ de l'IAE"
    )


def test_adpei_listings_disagree_with_its_card(parsed, organisations):
    card = card_titled(parsed, "Association intermédiaire : un tremplin")
    # The three sommaires file it under A1, A2 and A3; its own PORTEUR line says A2 only.
    assert listings(card) == {
        "A1": (16, "sommaire de l'atelier A1, sommaire général"),
        "A2": (31, "sommaire de l'atelier A2, sommaire général"),
        "A3": (39, "sommaire de l'atelier A3, sommaire général"),
    }
    assert (card.region_as_written, card.departement_codes, card.territory_name) == (
        "Provence Alpes Cote d'Azur",
        ["13"],
        "Marseille",
    )
    assert card.context == (
        "Activité est essentiellement centrée sur la ville de Marseille (850 000 habitants)."
    )
    assert contacts(card) == [
        (
            "referent_principal",
            "Issma",
            "Benkhaled",
            "Responsable service social",
            "i.benkhaled@adpei.org",
            ["A3"],
        ),
        ("autre_referent", "Samuel", "Mougin", "Directeur", "s.mougin@adpei.org", ["A1", "A3"]),
    ]
    assert card.links[0].label == (
        "création d'un collectif d'AI sur le département des Bouches-du-Rhône"
    )
    assert card.links[0].target_card_key.startswith("developpement-de-l-offre-d-insertion-au-sein")
    adpei = organisations["ADPEI"]
    assert (adpei.address, adpei.town, adpei.structure_types) == (
        "18 boulevard Camille Flammarion",
        "Marseille",
        ["ai"],
    )


def test_cyrcee_a_collective_of_three_ai(parsed, organisations):
    card = card_titled(parsed, "Collaborations territoriales entre 3 AI")
    assert card.summary == (
        "Développement de l'offre d'insertion, de l'offre de services, de parcours de qualification"
    )
    assert (card.porteur, card.category) == ("Collectif CYRCEE par 3 AI des Yvelines", "reseau")
    assert card.partners == ["REAGIR !", "Chantiers Yvelines", "Chantiers Emploi Eserpy"]
    assert contacts(card) == [
        (
            "referent_principal",
            "Jean-François",
            "Leblanc",
            "Président de REAGIR !",
            "jfleblan@aol.com",
            ["A2"],
        ),
        (
            "autre_referent",
            "Patrick",
            "Radjef",
            "Administrateur, Chantiers Yvelines",
            "p.radjef@chantiers-yvelines.fr",
            ["A1"],
        ),
        (
            "autre_referent",
            "Daniel",
            "Jeantelet",
            "Président de Chantiers Emploi Eserpy",
            "daniel.jeantelet@free.fr",
            ["A3"],
        ),
    ]
    assert [c.person.organisation for c in card.contacts] == card.partners
    assert (card.region_as_written, card.departement_codes) == ("Ile-de-France", ["78"])
    assert card.territory_name == "La Communauté d'agglomération de Versailles Grand Parc"
    assert (card.milieux, card.key_figures) == (["urbain", "rural"], "environ 400 000 habitants")
    assert listings(card) == {
        "A2": (25, "sommaire de l'atelier A2, sommaire général"),
    }
    eserpy = organisations["Chantiers Emploi Eserpy"]
    assert (eserpy.address, eserpy.postal_code, eserpy.town, eserpy.phone) == (
        "Centre administratif des 7 Mares",
        "78997",
        "Elancourt",
        "01 30 69 73 13",
    )
    assert (eserpy.structure_types, eserpy.networks) == (["ai"], ["COORACE"])
    assert organisations[card.porteur].structure_types == ["reseau"]


def test_gas_49_keeps_its_card_departement(parsed, organisations):
    card = card_titled(parsed, "Coopération entre le COORACE Pays de la Loire")
    # The sommaires write « Loire-Atlantique (44) »; the card's DÉPARTEMENT is 49.
    assert (card.departement_codes, card.territory_name) == (
        ["49"],
        "Département du Maine et Loire",
    )
    assert card.milieux == ["rural", "urbain"]
    assert card.porteur == "Groupement des acteurs sociaux sur le Maine et Loire"
    assert organisations[card.porteur].acronym == "GAS 49"
    assert card.partners == [
        "Fédération des Centres Sociaux du Maine et Loire",
        "COORACE Pays de la Loire",
    ]
    coorace_pdl = organisations["COORACE Pays de la Loire"]
    assert (coorace_pdl.address, coorace_pdl.town, coorace_pdl.networks) == (
        "5 Place de la Trinité",
        "Clisson",
        ["COORACE"],
    )
    assert contacts(card)[0][1:4] == (
        "Odile",
        "Charroux",
        "Coordinatrice du GAS (Fédération des centres sociaux 49)",
    )


def test_air_and_aicm(parsed, organisations):
    card = card_titled(parsed, '"Travailler autrement')
    assert card.title == '"Travailler autrement – Une valeur ajoutée pour l\'entreprise"'
    assert card.summary == (
        "Développement d'une offre de services en GPEC à destination des employeurs du territoire"
    )
    assert (card.porteur, card.partners) == ("AIR & AICM", ["AIR", "AICM"])
    assert [(c.person.last_name, c.person.organisation) for c in card.contacts] == [
        ("Le Stum", "AIR"),
        ("Parnaudeau", "AIR"),
        ("Vergnault", "AICM"),  # no role: « aicm@cc-parthenay.fr » says where
    ]
    assert card.contacts[2].person.first_name == "Jannick"
    assert (card.territory_name, card.region_as_written, card.departement_codes) == (
        "Pays de Gâtine",
        "Poitou-Charentes",
        ["79"],
    )
    assert set(listings(card)) == {"A1", "A2", "A3"}
    # p. 29 writes « avouer » and « l'échelle » unsplit.
    assert "Il faut avouer que nous craignons" in card.problematiques
    assert organisations["AICM"].address == "Château de la Ménardière"


def test_ulisse_cards_link_each_other(parsed, organisations):
    ressourcerie = card_titled(parsed, "Consolidation du partenariat territorial")
    validation = card_titled(parsed, "Validation et reconnaissance des compétences")
    assert ressourcerie.links[-1].target_card_key == validation.key
    assert ressourcerie.milieux == ["urbain", "periurbain"]
    assert ressourcerie.key_figures == "400 000 habitants"
    assert validation.territory_name == "L'agglomération grenobloise"
    assert listings(validation) == {
        "A2": (32, "sommaire de l'atelier A2"),
        "A3": (40, "sommaire de l'atelier A3"),
    }
    assert [c.working_group_codes for c in validation.contacts] == [
        ["A1"],
        ["A2", "A3"],
        ["A2", "A3", "GT"],
    ]
    assert organisations["ULISSE"].structure_types == ["ges_ensemblier"]


def test_moteur_action_and_its_ellipsis(parsed):
    card = card_titled(parsed, '"Moteur… Action"')
    assert card.summary == (
        "Programme d'accompagnement socio professionnel par l'accès à la mobilité - "
        "Pérennisation et élargissement"
    )
    assert card.milieux == ["urbain", "semi_rural"]
    assert card.territory_name == "Communauté d'agglomération du Grand Dole"
    assert card.region_as_written == "Franche-Comté"
    assert contacts(card)[1] == (
        "autre_referent",
        "Julie",
        "Gomes",
        "Accompagnatrice dans le cadre du programme",
        "",
        [],
    )


def test_porteur_codes_make_members_not_listings(parsed):
    """« PORTEUR Passerelle A1, A2, A3 »: Passerelle takes part in the three ateliers, but its
    card « Initier de nouvelles activités… » is filed by the sommaires under A1 only."""
    card = card_titled(parsed, "Initier de nouvelles activités insérantes")
    assert [listing.group_code for listing in card.listings] == ["A1"]
    groups = {group.code: group for group in parsed.groups}
    for code in ("A1", "A2", "A3"):
        assert "Passerelle" in groups[code].member_organisations
    assert "Passerelle" not in groups["GT"].member_organisations
    # No sommaire files a card under GT: the code only tags organisations and people.
    assert not [card for card in parsed.cards for lst in card.listings if lst.group_code == "GT"]


def test_reviewed_partners_and_years(parsed):
    """Partners and years given in sentences, read once by a person and checked in the text."""
    facts = {
        card.source_page: (card.partners, card.start_year, card.end_year)
        for card in parsed.cards
        if card.source_page in fiches_dts.REVIEWED
    }
    assert facts == {
        7: (["Communauté de communes du Pays de Bégard"], None, None),
        12: (["ESSEM"], 2009, None),
        17: (["Communauté de communes Les Vallons du Guiers"], None, None),
        18: (["Régie de Quartier Villeneuve", "Grenoble Alpes Métropole"], 2008, None),
        23: (["Syndicat de Pays Sancerre Sologne"], None, None),
        27: (["Fédération des Centres Sociaux du Maine et Loire", "COORACE Pays de la Loire"],
             2010, None),  # « un temps de bilan en 2012 » is no end
        28: ([], 2009, 2011),
        30: (["G.D.I.D.", "ADPEI", "AER", "Centremploi"], None, None),
    }  # fmt: skip
    others = [c for c in parsed.cards if c.source_page not in fiches_dts.REVIEWED]
    assert {(c.start_year, c.end_year) for c in others} == {(None, None)}
    collective = card_titled(parsed, "Développement de l'offre d'insertion au sein")
    (poupelle,) = [c.person for c in collective.contacts if c.person.last_name == "Poupelle"]
    assert poupelle.organisation == "AER"  # « Directeur d'AER »


def test_reviewed_facts_must_stay_in_the_text():
    text = corrections.apply("001", DOCUMENT.path.read_text(encoding="utf-8"))
    with pytest.raises(fiches_dts.SourceFormatError, match=r"p\. 18 no longer says"):
        fiches_dts.parse(text.replace("Ressourcerie est n®e en 2008", "Ressourcerie est n®e"))


def test_employer_from_the_email_where_the_role_names_none(parsed):
    card = card_titled(parsed, "Groupes Projets d'Act'Eure")
    assert [(c.person.last_name, c.person.organisation) for c in card.contacts] == [
        ("Le Dantec", "CONTACT SERVICE"),  # vld@contact-service-eure.fr
        ("Moujeard", "EMPLOI CONSEIL"),  # muriel.moujeard@emploiconseil.fr
    ]


def test_oeuvre_gets_its_ligature(parsed):
    """p. 27 and 28 type « mise en oeuvre »; the damaged runs write « îuvre », i.e. « œuvre »."""
    texts = " ".join(card.actions + card.problematiques for card in parsed.cards)
    assert "oeuvre" not in texts
    assert "Toute l'année 2010 sera consacrée à la mise en œuvre concrète" in texts
