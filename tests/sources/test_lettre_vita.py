"""The Lettre VITA's issues the recueil (000) cites: a « Lettre VITA » collection of the
library, through the import (stable key, editors never overwritten), read as a reader
does; and, being the Lettre's past, never mailed to its subscribers."""

import html
import re

import pytest
from django.db import transaction
from django.urls import reverse

from resources import mailings
from resources.models import Collection, IssueMailing, Resource
from sources.documents import DOCUMENTS_BY_CODE
from sources.importer import import_document
from sources.writer import ImportReport
from tests import factories
from tests.admin_forms import change_through_admin

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    """The page's words, tags aside, spaces collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html.unescape(response.content.decode())).split())


def _import_000() -> ImportReport:
    return import_document(DOCUMENTS_BY_CODE["000"]).report


@pytest.fixture(scope="module")
def imported_000(django_db_setup, django_db_blocker):
    """000 imported once for the tests that only read it, rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _import_000()
        transaction.set_rollback(True)


def test_the_issues_are_a_collection_in_number_order_that_editors_keep(animator_client):
    _import_000()

    lettre = Collection.objects.get(slug="lettre-vita")
    issues = list(lettre.resources.order_by("position"))
    assert lettre.name == "Lettre VITA" and "trimestriel" in lettre.description
    assert [(issue.slug, issue.position) for issue in issues] == [
        (f"lettre-vita-n{n}", n) for n in range(1, 7)
    ]
    assert not _import_000().changed  # a second run changes nothing

    # An animator renames the collection and takes n°2 out of it: the import keeps both.
    change_through_admin(animator_client, Collection, lettre, name="La Lettre VITA (archives)")
    second = issues[1]
    change_through_admin(animator_client, Resource, second, collection="", file="")
    report = _import_000()

    assert not report.changed
    assert {kept.field for kept in report.kept} >= {"nom", "collection"}
    lettre.refresh_from_db()
    second.refresh_from_db()
    assert lettre.name == "La Lettre VITA (archives)" and second.collection is None


def test_the_collection_page_reads_each_issue_with_its_interviews_and_cards(client, imported_000):
    page = client.get(reverse("resources:collection", args=["lettre-vita"]))

    assert page.status_code == 200
    text = text_of(page)
    numbers = [text.index(f"Lettre VITA n°{n}") for n in range(1, 7)]
    assert numbers == sorted(numbers)
    # n°3: its two interviews, then the two cards that cite it, each a link.
    third = text[numbers[2] : numbers[3]]
    assert "Entretien avec Christophe CHEVALIER, Directeur du Groupe ARCHER" in third
    assert "Entretien avec Gaëlle CORCUFF" in third
    assert "Cité par les fiches expériences" in third
    html = page.content.decode()
    assert 'href="/experiences/pole-sud-pole-de-cooperation-et-d-initiatives-sud-rhone-alpes/"' in (
        html
    )
    assert "?sujet=lettre-vita" in html  # the subscription to the next issues
    # An issue's page names its collection and the cards that link to it.
    issue = text_of(client.get(reverse("resources:resource", args=["lettre-vita-n3"])))
    assert "Collection Lettre VITA" in issue
    assert "Fiches expériences qui y renvoient" in issue and "Pôle Sud" in issue


def test_the_issues_of_the_source_documents_are_never_mailed(
    imported_000, mailoutbox, django_capture_on_commit_callbacks
):
    factories.SubscriptionFactory(email="lecteur@example.org")

    with django_capture_on_commit_callbacks(execute=True) as queued:
        outcome = mailings.queue_new_issues()

    assert outcome.startswith("0 numéro(s) à envoyer ; 6 numéro(s) des documents sources")
    assert queued == [] and mailoutbox == []
    assert set(IssueMailing.objects.values_list("status", flat=True)) == {"not_sent"}
    assert mailings.queue_new_issues().startswith("0 numéro(s) à envoyer ; 0 ")
