"""A person withdrawn from the public pages or anonymised at their request stays so when
the source documents are imported again: the import never writes the withdrawal, and
finds the cleared fields changed by an editor (sources.ownership)."""

import pytest

from experiences.models import CardContact
from organisations.models import Person, PersonMention
from organisations.services import withdraw_person
from portal.services import anonymise_person
from sources.documents import DOCUMENTS_BY_CODE
from sources.importer import import_document

pytestmark = pytest.mark.django_db


def test_a_withdrawn_and_an_anonymised_person_stay_so_after_a_reimport(client):
    document = DOCUMENTS_BY_CODE["001"]
    import_document(document)
    contacts = (
        CardContact.objects.filter(card__status="published")
        .exclude(person__email="")
        .select_related("person", "card")
        .order_by("pk")
    )
    withdrawn_contact, anonymised_contact = (
        contacts[0],
        contacts.exclude(person=contacts[0].person).exclude(card=contacts[0].card)[0],
    )
    withdrawn, anonymised = withdrawn_contact.person, anonymised_contact.person
    name = anonymised.last_name
    withdraw_person(withdrawn)
    anonymise_person(anonymised)
    people = Person.objects.count()

    import_document(document)

    withdrawn.refresh_from_db()
    anonymised.refresh_from_db()
    assert withdrawn.withdrawn_at is not None
    assert anonymised.last_name == f"{name[0].upper()}." and anonymised.email == ""
    assert anonymised.role == "" and anonymised.phone == ""
    assert not PersonMention.objects.filter(person=anonymised).exclude(email="", role="").exists()
    assert (
        not CardContact.objects.filter(person=anonymised)
        .exclude(role_as_written="", email_as_written="")
        .exists()
    )
    assert Person.objects.count() == people  # nobody made again under the old name
    page = client.get(withdrawn_contact.card.get_absolute_url()).content.decode()
    assert withdrawn.last_name not in page
    assert name not in client.get(anonymised_contact.card.get_absolute_url()).content.decode()


def test_a_person_anonymised_is_not_made_again_by_another_document_naming_them():
    """Pierre Langlade is named by documents 001 and 003: anonymised after 001's import,
    003 finds the same person (by the key 001 keeps), not a new one under his name."""
    import_document(DOCUMENTS_BY_CODE["001"])
    langlade = Person.objects.get(slug="pierre-langlade")
    anonymise_person(langlade)

    import_document(DOCUMENTS_BY_CODE["003"])

    assert not Person.objects.filter(last_name__iexact="Langlade").exists()
    langlade.refresh_from_db()
    assert (langlade.first_name, langlade.last_name) == ("P.", "L.")
    assert langlade.mentions.filter(document="003").exists()
