"""000's cards as their contact blocks print them, and a card's contact row keeping the
function and e-mail its card prints (the person shows the latest document's)."""

import pytest
from django.urls import reverse

from experiences.models import CardContact, ExperienceCard
from sources import corrections
from sources.documents import DOCUMENTS_BY_CODE
from sources.models import ImportedRecord
from sources.ownership import fingerprint
from sources.parsers import recueil_vita
from tests.admin_forms import change_through_admin, inline_prefix
from tests.sources.test_editors_work_kept import reimport
from tests.test_history_and_members import animator_client

__all__ = ["animator_client"]  # a fixture

DOCUMENT = DOCUMENTS_BY_CODE["000"]


@pytest.fixture(scope="module")
def parsed():
    text = corrections.apply("000", DOCUMENT.path.read_text(encoding="utf-8"))
    return recueil_vita.parse(text)


def cards(parsed) -> dict:
    return {card.source_key: card for card in parsed.cards}


# -- contacts ---------------------------------------------------------------------------

# Each card's people as its contact block prints them, read against the scan: first name,
# surname, function, e-mail (an e-mail the card prints under the porteur alone is the
# porteur's). Two e-mails keep the character the scan lost (G3-4, G3-5).
CONTACTS = {
    "G1-1": [("Hubert", "Petitprez", "Directeur", "")],
    "G1-2": [("Christophe", "Chevalier", "Directeur", "")],
    "G1-3": [("Xavier", "Collard", "Directeur", ""),
             ("Séverine", "Guttharl", "Chargée d’animation et de développement BISE", "")],
    "G2-1": [("Christophe", "Lemoine", "Chargé de développement et Animateur Qualité",
              "lac.lemoine@laposte.net")],
    "G2-2": [("Pierre", "Langlade", "Directeur", "p.langlade.ece@orange.fr")],
    "G2-3": [("Jean-Christophe", "Chaurin", "Directeur", "jechaurin.aide@wanadoo.fr")],
    "G2-4": [("Christine", "Allegraud", "Responsable Insertion & Développement",
              "callegraud@ulisse38.com")],
    "G2-5": [("Hélène", "Ménard", "Déléguée Régionale", "hmenard.cooracemp@orange.fr")],
    "G2-6": [("Alain", "Pirot", "Délégué régional", "apirot2iae@orange.fr")],
    "G2-7": [("Aurélie", "Coup", "Coordinatrice du CAI 92", "")],
    "G2-8": [("Guillaume", "Manier", "Chargé de Mission", "manier.guillaume@cg62.fr")],
    "G2-9": [("Didier", "Oble", "Responsable AMO Insertion", "didier.oble@nantesmetropole.fr")],
    "G2-10": [("Anne-Sophie", "Meliand-Viot", "Déléguée régionale COORACE Pays de la Loire",
               "")],
    "G3-1": [("Rémy", "Le Stum", "Directeur", "")],
    "G3-2": [("Pierre", "Langlade", "Directeur", "p.langlade.ece@orange.fr"),
             ("Frédérique", "Dalzon", "Responsable des Ateliers et Chantiers d’Insertion", "")],
    "G3-3": [("Yolaine", "Casagrande", "Coordinatrice du PES Sud Essonne",
              "y.casagrande@poleecosolidaire.fr"),
             ("Julien", "Lepreux", "Chargé de projet", "julien.lepreux@free.fr")],
    "G3-4": [("Patricia", "Guiboux", "", "Jura-servicepatriciaguiboux@wanadoo.fr")],
    "G3-5": [("Cathy", "Bellec", "Chargée de mission “formation et qualité”",
              "cathybellec.cooracepdll@wanadoo.fr")],
    "G3-6": [("Hélène", "Ménard", "Déléguée Régionale", "hmenard.cooracemp@orange.fr")],
    "G3-7": [("Christiane", "Lebeau", "Présidente", ""), ("Laure", "Reveau", "Coordinatrice", "")],
    "G4-1": [("Jean Luc", "Galbrun",
              "Coordinateur projets et responsable de la démarche sur l'égalité",
              "jl.galbrun@essor92.fr"),
             ("Jean", "Giroud", "Président de l'association", "jgiroud-essor@wanadoo.fr")],
    "G4-2": [("Danièle", "Jacquemont", "Directrice", "dir@maisondessquares.org"),
             ("Anne Francoise", "Bourhis", "Réseau d'échange de savoir et culture",
              "res@maisondessquares.org"),
             ("Nicolas", "Alloke", "Informatique & formation", "multimedia@maisondessquares.org")],
    "G5-1": [("Gaëlle", "Corcuff", "Directrice", "rhuysemplois.gcorcuff@wanadoo.fr")],
    "G5-2": [("Jean Luc", "Brossas", "Directeur", "ec.bretagne.dr@wanadoo.fr"),
             ("Typhaine", "Lesselingue", "Ingénierie de projets",
              "ec.bretagne.lesselingue@orange.fr"),
             ("Hélène", "Floch", "Chef de projet Palacret", "ec.bretagne.floch@wanadoo.fr")],
    "G5-3": [("Rémi", "Gauthier", "Directeur des Pôles d’Accueil et de Services et du "
              "Développement", "remi@agate-paysages.org"),
             ("Cécile", "Morel", "Directrice des Ressources Humaines et de l'accompagnement "
              "socioprofessionnel", "cecile@agate-paysages.org"),
             ("Benjamin", "Ley", "Chargé de Développement", "benjamin@agate-paysages.org")],
    "G5-4": [("Laurent", "Pinet", "Directeur Général", "lpinet@ulisse38.com")],
    "G5-5": [("Olivier", "Adam", "Directeur", "olivier.bb@free.fr")],
}  # fmt: skip


def test_every_card_names_its_people_as_its_contact_block_prints_them(parsed):
    found = {
        key.removeprefix("experience-"): [
            (c.person.first_name, c.person.last_name, c.person.role, c.person.email)
            for c in card.contacts
        ]
        for key, card in cards(parsed).items()
    }
    assert found == CONTACTS
    # The first person named is the card's référent principal.
    assert all(card.contacts[0].role == "referent_principal" for card in parsed.cards)


# -- the card's contact row ---------------------------------------------------------------


def palacret() -> ExperienceCard:
    entry = ImportedRecord.objects.get(document="000", key="experience-G5-2")
    return ExperienceCard.objects.get(pk=entry.object_id)


def contact(card, last_name) -> CardContact:
    return card.contacts.select_related("person").get(person__last_name=last_name)


def test_the_card_shows_the_function_it_prints_not_the_persons_latest(imported, animator_client):
    card = palacret()
    lesselingue = contact(card, "Lesselingue")
    # 001 (2010) names her « Chargée de mission »: the person shows the latest document's.
    assert lesselingue.person.role == "Chargée de mission"
    assert lesselingue.role_as_written == "Ingénierie de projets"
    assert contact(card, "Floch").role_as_written == "Chef de projet Palacret"

    page = animator_client.get(card.get_absolute_url()).content.decode()

    assert "Typhaine Lesselingue</strong>, Ingénierie de projets" in page
    assert "Hélène Floch</strong>, Chef de projet Palacret" in page
    assert "Chargée de mission" not in page


def test_a_card_of_another_document_shows_its_own_printing(imported):
    # 001's Palacret card (2010) prints « Chargée de mission » for the same person.
    entry = ImportedRecord.objects.get(document="001", key="experience-p7")
    card = ExperienceCard.objects.get(pk=entry.object_id)
    assert contact(card, "Lesselingue").role_as_written == "Chargée de mission"
    # 000's card prints Pierre Langlade's e-mail of 2008; the person has 001's.
    langlade = contact(
        ExperienceCard.objects.get(
            pk=ImportedRecord.objects.get(document="000", key="experience-G2-2").object_id
        ),
        "Langlade",
    )
    assert langlade.shown_email == "p.langlade.ece@orange.fr" != langlade.person.email


def test_without_a_printed_function_the_card_shows_the_persons(imported, animator_client):
    card = palacret()
    floch = contact(card, "Floch")
    CardContact.objects.filter(pk=floch.pk).update(role_as_written="", email_as_written="")

    page = animator_client.get(card.get_absolute_url()).content.decode()

    assert f"Hélène Floch</strong>, {floch.person.role}" in page
    assert floch.person.email in page


def test_an_editors_function_survives_the_import(imported, animator_client):
    card = palacret()
    prefix = inline_prefix(animator_client, ExperienceCard, card, CardContact)
    position = list(card.contacts.order_by("position")).index(contact(card, "Lesselingue"))

    response = change_through_admin(
        animator_client,
        ExperienceCard,
        card,
        **{f"{prefix}-{position}-role_as_written": "Chargée de développement"},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors

    report = reimport("000")

    assert contact(card, "Lesselingue").role_as_written == "Chargée de développement"
    assert (card.title, "contacts") in {(k.record, k.field) for k in report.kept}
    page = animator_client.get(reverse("experiences:detail", args=[card.slug])).content
    assert "Typhaine Lesselingue</strong>, Chargée de développement" in page.decode()


def test_contacts_imported_before_the_printed_function_was_kept_are_filled(imported):
    """The first import after the migration: rows without a printed function, under the
    fingerprint the import wrote without it, are still the import's."""
    card = palacret()
    rows = list(card.contacts.order_by("position").prefetch_related("working_groups"))
    CardContact.objects.filter(card=card).update(role_as_written="", email_as_written="")
    entry = ImportedRecord.objects.get(document="000", key="experience-G5-2")
    entry.written["contacts"] = fingerprint(
        [
            {
                "person": row.person_id,
                "role": row.role,
                "codes": sorted(group.code for group in row.working_groups.all()),
            }
            for row in rows
        ]
    )
    entry.save()

    report = reimport("000")

    assert contact(card, "Lesselingue").role_as_written == "Ingénierie de projets"
    assert contact(card, "Brossas").email_as_written == "ec.bretagne.dr@wanadoo.fr"
    assert (card.title, "contacts") not in {(k.record, k.field) for k in report.kept}
