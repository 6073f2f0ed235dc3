"""Golden records of document 004, the webinar « IAE et EA : quelle coopération avec les
acteurs du territoire ? » (DREETS Hauts-de-France, 14 December 2022): the audited fields
of its four talks and two fiches ressources, as the document gives them (the deck has no
page numbers: each field names its slide).
"""

import pytest

from sources import corrections
from sources.documents import DOCUMENTS_BY_CODE
from sources.parsers import webinaire_cooperation
from vita.models import PublicationStatus


@pytest.fixture(scope="module")
def parsed():
    raw = DOCUMENTS_BY_CODE["004"].path.read_text(encoding="utf-8")
    return webinaire_cooperation.parse(corrections.apply("004", raw))


@pytest.fixture(scope="module")
def cards(parsed):
    return {card.source_key: card for card in parsed.cards}


@pytest.fixture(scope="module")
def fiches(parsed):
    return {fiche.code: fiche for fiche in parsed.fiches}


def test_coorace_talk(cards):
    card = cards["experience-1"]
    assert (card.title, card.porteur, card.category) == (
        "Coopérer pour créer de l'emploi",
        "COORACE",
        "reseau",
    )
    # A national network's research: no département of the région is its territory.
    assert (card.scale, card.departement_codes) == ("national", [])
    # It never names the région: filed under the webinar's, not « as written ».
    assert (card.region_as_written, card.region_filed) == ("", "Hauts-de-France")
    assert card.summary == (
        "Appréhender les coopérations au service de l'emploi des personnes fragilisées.\n\n"
        "Discussion : le rapport sur les coopérations à but d'emploi"
    )
    assert card.context.startswith("**Dans l'ADN Coorace : buts d'emplois et d'activités**")
    assert card.tools[0].text == (
        "Le diagnostic initial : orienter ses coopérations et maîtriser un système "
        "d'acteurs (Coodiag)"
    )
    assert card.contacts[0].person.last_name == "Alleau"


def test_institut_godin_talk_has_no_content_and_stays_a_draft(cards):
    card = cards["experience-2"]
    assert (card.porteur, card.category, card.draft) == ("Institut Godin", "partenaire", True)
    assert card.summary.startswith("A travers l'exemple des PTCE comment la R&D")
    assert (card.context, card.actions, card.results) == ("", "", "")
    # The text gives it no territory: the webinar's région, no département.
    assert (card.region_as_written, card.region_filed, card.departement_codes) == (
        "",
        "Hauts-de-France",
        [],
    )


def test_afeji_talk(cards):
    card = cards["experience-3"]
    assert (card.title, card.porteur) == (
        "Les coopérations entre le secteur de l'IAE et le Handicap",
        "AFEJI",
    )
    # « Emploi Adapté du Littoral », « Entreprise Adaptée Flandre - Littoral »: the Nord.
    assert (card.territory_name, card.departement_codes, card.draft) == (
        "Flandre - Littoral",
        ["59"],
        False,
    )
    assert card.partners == [
        "Entreprise Adaptée Flandre - Littoral",
        "Ateliers chantiers d'insertion Littoral",
    ]
    assert card.actions.startswith("**Les avantages d'une coopération économique et sociale**")
    assert "- Embauche en CDI à l'EA" in card.results


def test_agora_du_ternois_talk(cards):
    card = cards["experience-4"]
    assert (card.porteur, card.partners) == ("AGORA du Ternois", ["ATRE"])
    assert (card.territory_name, card.departement_codes, card.scale, card.milieux) == (
        "Ternois",
        ["62"],
        "intercommunalite",
        ["rural"],
    )
    assert (card.start_year, card.end_year) == (2018, None)
    assert card.summary == (
        "Comment la coopération peut-être un levier de développement des territoires et "
        "spécifiquement en zone rurale."
    )
    assert "**2020** : création de de l'**AGORA**" in card.actions


def test_fiche_gme(fiches):
    fiche = fiches["COOP-GME"]
    assert fiche.resource.title == "Le Groupement Momentané d'Entreprises (GME)"
    blocks = {block.kind: block for block in fiche.blocks}
    assert blocks["de_quoi"].body == "Outil de coopération économique et fonctionnelle."
    assert blocks["definition"].body.startswith(
        "Un GME est un accord momentané entre entreprises et/ou Structures de l'insertion par "
        "l'Activité Economique (SIAE) et/ou Entreprise Adaptée (EA)"
    )
    assert blocks["objectifs"].body.startswith(
        "- Faire ensemble ce que chacun n'a pas les moyens de faire séparément"
    )


def test_fiche_regie(fiches):
    fiche = fiches["COOP-REGIE"]
    assert fiche.resource.title == "La Régie de Quartier (RQ) ou Régie de Territoire"
    blocks = {block.kind: block for block in fiche.blocks}
    assert blocks["de_quoi"].body == "Outil de coopération organique et stratégique."
    assert blocks["definition"].body.startswith("Une régie est une association loi 1901.")


def test_seven_fiches(parsed):
    assert len(parsed.fiches) == 7


@pytest.mark.django_db
def test_written_territories_and_the_draft(imported, cards):
    from experiences.models import ExperienceCard

    slugs = {key: card.key for key, card in cards.items()}
    written = {
        card.slug: card
        for card in ExperienceCard.objects.filter(slug__in=slugs.values()).prefetch_related(
            "departements"
        )
    }
    card = {key: written[slug] for key, slug in slugs.items()}
    codes = {key: sorted(d.code for d in row.departements.all()) for key, row in card.items()}
    assert codes["experience-1"] == []  # national
    assert codes["experience-2"] == []  # no territory given
    assert card["experience-2"].region.name == "Hauts-de-France"
    assert (card["experience-1"].region_as_written, card["experience-1"].region.name) == (
        "",
        "Hauts-de-France",
    )
    assert codes["experience-3"] == ["59"]
    assert codes["experience-4"] == ["62"]
    assert card["experience-2"].status == PublicationStatus.DRAFT
    assert card["experience-4"].status == PublicationStatus.PUBLISHED
