"""Golden records of document 002, DLA & Territoires n°18 (Avise, December 2012): the
audited fields of its five field experiences and of its édito, with their page."""

import pytest

from sources import corrections
from sources.documents import DOCUMENTS_BY_CODE
from sources.parsers import dla_territoires


@pytest.fixture(scope="module")
def parsed():
    raw = DOCUMENTS_BY_CODE["002"].path.read_text(encoding="utf-8")
    return dla_territoires.parse(corrections.apply("002", raw))


@pytest.fixture(scope="module")
def cards(parsed):
    return {card.source_key: card for card in parsed.cards}


def test_ge_tremplin(cards):
    card = cards["experience-p2"]
    assert (card.title, card.porteur, card.source_page) == (
        "Une solution innovante en Haute-Corse : le GE Tremplin",
        "GE Tremplin",
        2,
    )
    assert (card.departement_codes, card.territory_name, card.scale) == (
        ["2B"],
        "Haute-Corse",
        "departement",
    )
    assert card.partners[:2] == ["DLA de Haute-Corse", "Unité territoriale de Haute-Corse"]
    assert card.summary.startswith(
        "L'accompagnement social et professionnel au sein des structures d'insertion par "
        "l'activité économique (SIAE) constitue un élément clé du parcours des personnes."
    )
    assert card.perspectives.startswith(
        "\"Nous réfléchissons aujourd'hui à élargir l'offre de service du GE Tremplin"
    )
    assert [contact.person.last_name for contact in card.contacts] == [
        "Savelli",
        "Perfetti",
        "Luciani",
        "Simonpietri",
        "Bonifaci",
    ]


def test_sos_solidarite(cards):
    card = cards["experience-p2-2"]
    assert (card.porteur, card.departement_codes, card.territory_name, card.source_page) == (
        "SOS Solidarité",
        ["77"],
        "Pontault-Combault",
        2,
    )
    assert card.partners[0] == "Commune de Pontault-Combault"
    assert card.summary.startswith("SOS Solidarité est née en 1985")
    assert card.contacts[0].person.role == "Directeur de l'association SOS Solidarité"


def test_coup_de_pouce(cards):
    card = cards["experience-p3"]
    assert (card.porteur, card.departement_codes, card.territory_name, card.source_page) == (
        "Coup de Pouce",
        ["84"],
        "Enclave des Papes",
        3,
    )
    assert card.context.startswith(
        "Lorsque l'association a été créée en 1991, Valréas était la capitale européenne du "
        "cartonnage"
    )
    assert card.actions.endswith(
        "Nous avons monté deux séminaires en mars et décembre 2011 qui ont rassemblé élus et "
        "partenaires."
    )


def test_petits_dejeuners_de_l_insertion(cards):
    card = cards["experience-p4"]
    assert (card.porteur, card.category, card.start_year, card.source_page) == (
        "DLA 89",
        "partenaire",
        2006,
        4,
    )
    assert card.partners == ["Direccte de l'Yonne", "Conseil général de l'Yonne", "ACIP 89"]
    assert card.key_figures.startswith(
        "- **24** structures d'insertion dont\n"
        "    - **12** associations porteuses de chantiers d'insertion (ACI)"
    )


def test_trans_boulot(cards):
    card = cards["experience-p6"]
    assert (card.porteur, sorted(card.departement_codes), card.start_year, card.source_page) == (
        "Trans'boulot",
        ["54", "57"],
        2010,
        6,
    )
    assert card.partners[0] == "Conseil général de Meurthe-et-Moselle"
    assert card.summary.startswith(
        "Créée en 2000, l'association Trans'boulot apporte aujourd'hui en Moselle et "
        "Meurthe-et-Moselle un service de taxi social."
    )


def test_edito_article(parsed):
    edito = next(r for r in parsed.resources if r.key == "dla-et-territoires-18-edito")
    assert (edito.title, edito.kind) == (
        "Les enjeux de l'accompagnement des structures d'insertion par l'activité économique "
        "(SIAE)",
        "article",
    )
    assert edito.description.startswith(
        "Dans un contexte de chômage élevé, qui touche d'abord les personnes faiblement qualifiées"
    )


# -- partners, years and fields reviewed against the document (second audit) ------------


def test_coup_de_pouce_partners_and_start_year(cards):
    card = cards["experience-p3"]
    # « Nous avons monté deux séminaires en mars et décembre 2011 »: the DLA support's
    # first dated step; « avec la communauté de communes… ; et avec le Conseil général ».
    assert card.start_year == 2011
    assert card.partners == [
        "Communauté de communes de l'Enclave des Papes",
        "Conseil général de Vaucluse",
        "DLA de Vaucluse",
    ]
    assert any("DLA de Vaucluse" in doubt for doubt in card.doubts)


def test_sos_solidarite_has_no_start_year(cards):
    # The box dates the association (1985, AI since 1993), not its DLA support.
    card = cards["experience-p2-2"]
    assert card.start_year is None
    assert card.partners == ["Commune de Pontault-Combault", "DLA de Seine-et-Marne"]


def test_ge_tremplin_start_year_and_regional_plan(cards):
    card = cards["experience-p2"]
    # « Le GE a commencé à fonctionner en février 2012 »; no other date of its creation.
    assert card.start_year == 2012
    # Florence Bonifaci, a contact of the card, said something: her box is context.
    assert "### Le plan régional de soutien à l'économie sociale et solidaire en Corse" in (
        card.context
    )
    assert card.context.endswith(
        "grâce au financement d'emplois tremplins associatifs.\" — Florence Bonifaci"
    )


def test_petits_dejeuners_results_not_repeated_in_actions(cards):
    card = cards["experience-p4"]
    assert card.actions.endswith('de mutualiser des formations pour le personnel."')
    assert card.results == (
        "Suite logique de cette collaboration, la création en 2007 de l'ACIP 89 qui fédère "
        "désormais les chantiers d'insertion : le fonctionnement de cette association est basé "
        "sur l'indépendance de ses adhérents et son objectif est de mutualiser et coordonner des "
        "actions, de permettre la mise en place de formations et d'établir une veille pour tous "
        "les domaines touchant à l'insertion. Une structure aujourd'hui reconnue par les "
        "partenaires financiers des ACI et qui leur permet de s'exprimer d'une seule voix en "
        "portant un message commun, cohérent et fédérateur."
    )
    # Antoine Bonacorsi's testimony, like the other cards' testimonies, is context.
    assert (
        "Il y a quelques années, les structures d'insertion par l'activité économique de "
        "l'Yonne ont commencé" in card.context
    )


def test_trans_boulot_partners(cards):
    card = cards["experience-p6"]
    assert card.partners == ["Conseil général de Meurthe-et-Moselle", "DLA de Meurthe-et-Moselle"]
    assert card.start_year == 2010  # « travaille également depuis 2010 au développement »


def test_every_partner_is_an_organisation_of_the_document(parsed):
    names = {organisation.name for organisation in parsed.organisations}
    assert {partner for card in parsed.cards for partner in card.partners} <= names


def test_testimonies_signed_by_their_speaker(cards):
    """p. 4: Antoine Bonacorsi's « Témoignage » box followed Antoine Brondel's quote unsigned,
    so the Conseil général's « nous » read as the Direccte's; each box now opens on its
    speaker, as the article « Zoom sur » prints it (and so on p. 2 and p. 6)."""
    yonne = cards["experience-p4"].context
    brondel, box = yonne.split("\n\n### Témoignage\n\n")
    assert "rappelle Antoine Brondel" in brondel and "Il y a quelques années, les" not in brondel
    assert box.startswith(
        "**Antoine Bonacorsi**, Sous-direction de l'insertion au Conseil général de l'Yonne\n\n"
        "Il y a quelques années, les structures d'insertion par l'activité économique de l'Yonne"
    )
    assert "### Témoignage\n\n**Joseph Luciani**, " in cards["experience-p2"].context
    assert "### Témoignage\n\n**Mylène Gauche**, Directrice des services territoriaux de Briey" in (
        cards["experience-p6"].context
    )


def test_trans_boulot_results_quote_signed(cards):
    """p. 6: the boxed quotation is signed « Pierre-Jean PETIT, Directeur de Trans'boulot »."""
    results = cards["experience-p6"].results
    assert results.startswith('> "Le cabinet conseil missionné dans le cadre du DLA')
    assert results.endswith("\n\n— **Pierre-Jean Petit**, Directeur de Trans'boulot")


def test_trans_boulot_territory_as_the_text_names_it(cards):
    """« en Moselle et Meurthe-et-Moselle » (chapeau), « du Pays de Briey » (p. 6)."""
    card = cards["experience-p6"]
    assert (card.territory_name, card.departement_codes) == (
        "Moselle et Meurthe-et-Moselle (Pays de Briey)",
        ["57", "54"],
    )
