"""Document 002, « DLA & Territoires » n°18: the parser on the real shipped text."""

from datetime import date

import pytest

from sources.documents import DOCUMENTS_BY_CODE
from sources.importer import parse_document
from sources.parsers import dla_territoires
from sources.quality import damage_in, texts_of
from sources.records import SourceFormatError

ARTICLE_KEYS = [
    "dla-et-territoires-18-edito",
    "dla-et-territoires-18-territoires",
    "dla-et-territoires-18-zoom-sur",
    "dla-et-territoires-18-entretien",
    "dla-et-territoires-18-en-action",
    "dla-et-territoires-18-reperes",
    "dla-et-territoires-18-actualites",
]
CARD_KEYS = [
    "une-solution-innovante-en-haute-corse-le-ge-tremplin",
    "association-sos-solidarite",
    "association-coup-de-pouce",
    "une-initiative-favorisant-la-mutualisation-entre-siae",
    "l-insertion-par-l-activite-economique-moteur-du-developpement-local",
]


@pytest.fixture(scope="module")
def parsed():
    return parse_document(DOCUMENTS_BY_CODE["002"])


@pytest.fixture(scope="module")
def cards(parsed):
    return {card.key: card for card in parsed.cards}


@pytest.fixture(scope="module")
def articles(parsed):
    return {resource.key: resource for resource in parsed.resources}


def test_the_issue_is_the_source(parsed):
    source = parsed.source
    assert parsed.code == "002"
    assert source.key == "dla-et-territoires-18"
    assert source.title == (
        "DLA & Territoires n°18 — Les enjeux de l'accompagnement des structures "
        "d'insertion par l'activité économique (SIAE)"
    )
    assert (source.kind, source.publisher, source.year) == ("lettre", "Avise", 2012)
    assert source.version_date == date(2012, 12, 1)
    assert source.description.startswith("Dans un contexte de chômage élevé")
    assert "106 DLA, 19 C2RA et 6 CNAR" in source.description
    assert "- Repères (p. 7) : Bilan de l'accompagnement des SIAE par les DLA en 2011" in (
        source.description
    )
    assert "(1)" not in source.description


def test_one_article_per_rubrique_in_the_issue_order(parsed):
    assert [resource.key for resource in parsed.resources] == ARTICLE_KEYS
    assert [resource.position for resource in parsed.resources] == list(range(1, 8))
    for resource in parsed.resources:
        assert (resource.kind, resource.publisher, resource.year) == ("article", "Avise", 2012)
        assert resource.version_date == date(2012, 12, 1)
    assert [resource.title for resource in parsed.resources][1:4] == [
        "Une solution innovante en Haute-Corse : le GE Tremplin",
        "Une initiative favorisant la mutualisation entre SIAE",
        "Les réseaux de l'IAE : amplifier la collaboration avec les DLA",
    ]
    assert parsed.resources[-1].title == (
        "Projet stratégique DLA 2013-2017 : 4 chantiers prioritaires"
    )


def test_the_edito_keeps_its_signature_and_note(articles):
    edito = articles["dla-et-territoires-18-edito"]
    assert edito.description.startswith("Dans un contexte de chômage élevé")
    assert "55 000 équivalents temps plein (1)." in edito.description
    assert "— **Céline Jaeagy-Roulmann**, Chef de la mission insertion professionnelle" in (
        edito.description
    )
    assert edito.description.endswith(
        "*(1) Sources : DARES Analyses, Mars 2011 (chiffres 2008) ; "
        "Estimation Avise pour le nombre d'ETP*"
    )
    (author,) = edito.author_people
    assert (author.first_name, author.last_name) == ("Céline", "Jaeagy-Roulmann")
    assert author.role.endswith(
        "ministère du Travail, de l'Emploi, de la Formation professionnelle et du Dialogue social"
    )


def test_boxes_stay_inside_their_article(articles):
    territoires = articles["dla-et-territoires-18-territoires"].description
    headings = [line for line in territoires.splitlines() if line.startswith("### ")]
    assert headings == [
        "### Le plan régional de soutien à l'économie sociale et solidaire en Corse",
        "### Témoignage",
        "### Ça marche : Association SOS Solidarité",
        "### Ça marche : Association Coup de Pouce",
    ]
    assert (
        "**Joseph Luciani**, Unité Territoriale de Haute-Corse, Directeur adjoint à l'emploi"
        in (territoires)
    )
    assert "**Qu'attendiez-vous d'un accompagnement DLA ?**" in territoires
    # Paragraphs cut by a page break are whole again.
    assert "Nous avons observé la nécessité de renforcer" in territoires
    assert "pour du service à la personne. Mais lorsque" in territoires
    zoom = articles["dla-et-territoires-18-zoom-sur"].description
    assert "### Chiffres clés - IAE Yonne" in zoom
    assert "### Témoignage\n\n**Antoine Bonacorsi**, Sous-direction de l'insertion" in zoom


def test_the_interview_names_its_speakers_and_their_networks(articles):
    entretien = articles["dla-et-territoires-18-entretien"]
    assert [(p.first_name, p.last_name, p.organisation) for p in entretien.author_people] == [
        ("Luis", "Semedo", "Chantier École"),
        ("Alexis", "Goursolas", "FNARS"),
        ("Astrid", "Le Vern", "COORACE"),
    ]
    assert "**Face à ce cadre, comment les structures se positionnent-elles ?**" in (
        entretien.description
    )
    assert "### Zoom\n\nPour changer d'échelle" in entretien.description


def test_en_action_quotes_its_director(articles):
    en_action = articles["dla-et-territoires-18-en-action"].description
    assert '> "Le cabinet conseil missionné' in en_action
    assert "— **Pierre-Jean Petit**, Directeur de Trans'boulot" in en_action


def test_the_2011_figures_of_the_reperes_page(articles):
    reperes = articles["dla-et-territoires-18-reperes"].description
    assert (
        "### Les principaux chiffres 2011\n\n"
        + "\n".join(
            [
                "- 794 SIAE ont bénéficié d'une ou plusieurs ingénieries DLA en 2011.",
                "- Sur 625 prestations de conseil, 2/3 sont individuelles et 1/3 collectives.",
                "- Les SIAE bénéficiaires du DLA en 2011 totalisent plus de 3 300 salariés "
                "permanents et 33 700 salariés en insertion.",
            ]
        )
        in reperes
    )
    assert "plus de 15% des bénéficiaires du DLA" in reperes
    assert "2ème secteur le plus accompagné après la culture" in reperes
    assert "stratégie de consolidation de la structure (22%)" in reperes
    assert "ont prescrit 12% des ingénieries individuelles et 9% des ingénieries collectives" in (
        reperes
    )
    assert "*Bilan de l'accompagnement des SIAE par les DLA en 2011, réalisé par le Cnar IAE" in (
        reperes
    )
    assert "LE PROFIL" not in reperes  # a chart the text lacks


def test_online_resources_give_the_urls(articles):
    actualites = articles["dla-et-territoires-18-actualites"]
    assert actualites.urls == [
        ("https://www.socialement-responsable.org", "www.socialement-responsable.org"),
        (
            "https://www.essenregion.org",
            "L'innovation sociale, un levier pour le développement des territoires",
        ),
        ("https://www.avise.org", "Politique de cohésion européenne 2014-2020"),
    ]
    assert "### Ressources en ligne" in actualites.description
    assert "En téléchargement sur : [www.avise.org](https://www.avise.org)" in (
        actualites.description
    )
    assert "### Les 4 chantiers" in actualites.description


def test_five_field_experiences(parsed):
    assert [card.key for card in parsed.cards] == CARD_KEYS
    names = {organisation.name for organisation in parsed.organisations}
    for card in parsed.cards:
        assert card.porteur in names
        assert set(card.partners) <= names
        assert card.departement_codes, card.key
        assert card.summary and card.context and card.actions, card.key
        assert card.links[0].target_resource_key in {r.key for r in parsed.resources}
        for contact in card.contacts:
            assert contact.role == "contact"
            assert not contact.person.last_name.isupper()


def test_card_ge_tremplin(cards):
    card = cards["une-solution-innovante-en-haute-corse-le-ge-tremplin"]
    assert card.title == "Une solution innovante en Haute-Corse : le GE Tremplin"
    assert (card.porteur, card.category) == ("GE Tremplin", "siae")
    assert (card.region_as_written, card.departement_codes) == ("Corse", ["2B"])
    assert (card.territory_name, card.scale, card.start_year) == (
        "Haute-Corse",
        "departement",
        2012,
    )
    assert card.summary.startswith("L'accompagnement social et professionnel au sein des")
    assert card.context.startswith("Avec ses collègues Maryse Dominici et Magali Martin")
    assert "nous sommes passés de 4 SIAE sur le département en 2008 à 18" in card.context
    assert card.actions.startswith("La création de ce Groupement d'employeurs")
    assert "il compte 14 adhérents sur les 18 SIAE de Haute-Corse" in card.actions
    assert card.results.startswith("Hélène Savelli, Directrice du GE Tremplin")
    assert "recrutement d'une psychologue" in card.perspectives
    people = [(c.person.first_name, c.person.last_name, c.person.role) for c in card.contacts]
    assert people[:2] == [
        ("Hélène", "Savelli", "Directrice du GE Tremplin"),
        ("Jean-Claude", "Perfetti", "Président du GE Tremplin et co-gérant de Triac"),
    ]
    assert ("Marie-Hélène", "Simonpietri", "Responsable du DLA de Haute-Corse") in people
    assert "Corse Active" in card.partners
    assert card.source_page == 2


def test_card_sos_solidarite(cards):
    card = cards["association-sos-solidarite"]
    assert (card.title, card.porteur, card.category) == (
        "Association SOS Solidarité",
        "SOS Solidarité",
        "siae",
    )
    assert (card.departement_codes, card.territory_name, card.scale) == (
        ["77"],
        "Pontault-Combault",
        "commune",
    )
    assert card.summary.startswith("SOS Solidarité est née en 1985")
    assert card.context.startswith("Côté logement, nous réalisons")
    assert card.actions.startswith("Nous voulions faire un bilan")
    assert "\n\nConcrètement, l'objectif était" in card.actions
    assert card.results.startswith("Nous avons travaillé ensemble sur un projet de convention")
    (contact,) = card.contacts
    assert (contact.person.first_name, contact.person.last_name) == ("Franck", "Burel")
    assert contact.person.role == "Directeur de l'association SOS Solidarité"
    assert contact.person.organisation == "SOS Solidarité"
    assert card.partners[0] == "Commune de Pontault-Combault"
    assert card.source_page == 2


def test_card_coup_de_pouce(cards):
    card = cards["association-coup-de-pouce"]
    assert card.porteur == "Coup de Pouce"
    assert (card.departement_codes, card.territory_name) == (["84"], "Enclave des Papes")
    assert card.context.startswith("Lorsque l'association a été créée en 1991, Valréas")
    assert "deux séminaires en mars et décembre 2011" in card.actions
    assert "future Cité du Végétal" in card.results
    assert card.contacts[0].person.role == "Présidente de Coup de Pouce dans le Vaucluse"
    assert card.source_page == 3


def test_card_petits_dejeuners_de_l_insertion(cards):
    card = cards["une-initiative-favorisant-la-mutualisation-entre-siae"]
    assert (card.porteur, card.category) == ("DLA 89", "partenaire")
    assert (card.departement_codes, card.start_year, card.source_page) == (["89"], 2006, 4)
    assert '"Les petits déjeuners de l\'insertion"' in card.summary
    assert card.key_figures.splitlines() == [
        "- **24** structures d'insertion dont",
        "    - **12** associations porteuses de chantiers d'insertion (ACI)",
        "    - **6** associations intermédiaires (AI)",
        "    - **3** entreprises d'insertion (EI)",
        "    - **3** entreprises de travail temporaire d'insertion (ETTI)",
        "- **500** postes équivalents temps plein (ETP) par an",
        "- **2000** bénéficiaires par an",
    ]
    assert card.results.startswith("Suite logique de cette collaboration, la création en 2007")
    assert [(c.person.last_name, c.person.role) for c in card.contacts] == [
        ("Brondel", "Chargé de l'IAE à la Direccte de l'Yonne"),
        ("Bonacorsi", "Sous-direction de l'insertion au Conseil général de l'Yonne"),
        ("Pesquet", "Responsable d'une association bénéficiaire"),
    ]


def test_card_trans_boulot(cards):
    card = cards["l-insertion-par-l-activite-economique-moteur-du-developpement-local"]
    assert (card.porteur, card.category) == ("Trans'boulot", "siae")
    assert card.departement_codes == ["57", "54"]
    assert card.start_year == 2010
    assert card.results.startswith('> "Le cabinet conseil missionné dans le cadre du DLA')
    assert "crise de la sidérurgie" in card.context
    assert [c.person.organisation for c in card.contacts] == [
        "Trans'boulot",
        "Conseil général de Meurthe-et-Moselle",
    ]
    assert card.source_page == 6


def test_porteurs_say_what_they_are(parsed):
    organisations = {organisation.name: organisation for organisation in parsed.organisations}
    assert organisations["GE Tremplin"].structure_types == ["groupement_employeurs"]
    assert organisations["GE Tremplin"].description.startswith("Le GE fédère des chantiers")
    assert organisations["SOS Solidarité"].structure_types == ["ai"]
    assert organisations["Trans'boulot"].structure_types == ["aci"]
    assert organisations["Trans'boulot"].description.endswith("huit permanents.")
    assert "COORACE" in organisations


def test_no_damage_left(parsed):
    assert damage_in(parsed) == []


def test_markdown_has_no_hard_wraps(parsed):
    for text in texts_of(parsed):
        for block in text.split("\n\n"):
            lines = block.splitlines()
            if len(lines) > 1:
                assert all(line.lstrip().startswith("- ") for line in lines), block


def test_what_was_left_out_is_said(parsed):
    assert len(parsed.warnings) == 1
    assert "photo captions" in parsed.warnings[0]
    doubts = {resource.source_key: resource.doubts for resource in parsed.resources}
    reperes = doubts.pop("article-reperes")
    assert [doubt.split(" « ")[0] for doubt in reperes] == [
        "La citation mise en exergue",
        "Le graphique",
    ]
    assert "« LE PROFIL DES SIAE ACCOMPAGNÉES » (p. 7)" in reperes[1]
    assert set(map(tuple, doubts.values())) == {()}
    (colophon,) = parsed.source.doubts
    assert colophon.startswith("En p. 8, la mention « Avec le soutien de » est suivie de logos")
    # The DLA a card's text calls « le DLA » without naming it is a doubt on the card.
    assert [len(card.doubts) for card in parsed.cards] == [0, 1, 1, 0, 1]
    assert all(
        doubt.startswith("Le texte parle du « DLA » sans le nommer")
        for card in parsed.cards
        for doubt in card.doubts
    )


def test_a_missing_block_is_an_error():
    with pytest.raises(SourceFormatError, match=r"\(edito\)"):
        dla_territoires.parse("DLA & Territoires\n\nSOMMAIRE\n")


# -- the repairs of this document ------------------------------------------------------


def test_repair_joins_a_paragraph_cut_by_a_page_break():
    text = "nous avons observé la\n\n\n\nnécessité de renforcer.\n\nUne autre phrase."
    assert dla_territoires.repair(text) == (
        "nous avons observé la nécessité de renforcer.\n\nUne autre phrase."
    )


def test_repair_footnotes_superscripts_and_bold_numbers():
    text = "55 000 ETP¹.\n\n¹. Sources : DARES\n\nle 2^{ème} secteur\n- 24** structures"
    assert dla_territoires.repair(text) == (
        "55 000 ETP (1).\n\n(1) Sources : DARES\n\nle 2ème secteur\n- **24** structures"
    )


def test_proper_case_of_names_in_capitals():
    assert dla_territoires.proper_case("JAEAGY-ROULMANN") == "Jaeagy-Roulmann"
    assert dla_territoires.proper_case("Le Vern") == "Le Vern"


def test_figures_nest_under_the_total_they_detail():
    items = "- 10 structures dont\n- 6 AI\n- 4 EI\n- 50 ETP"
    assert dla_territoires.nested_figures(items) == (
        "- 10 structures dont\n    - 6 AI\n    - 4 EI\n- 50 ETP"
    )


def test_card_key_splits_elisions():
    assert dla_territoires.card_key("L'insertion par l'activité") == "l-insertion-par-l-activite"
