"""A member deletes their account: the registrations of the account and of its address go
with it (the page says which, and that a place they held goes to the waiting list), as
« Supprimer mon compte » promises that the site keeps neither name nor address."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events.models import Registration
from tests import factories

pytestmark = pytest.mark.django_db
PASSWORD = "mot-de-passe-de-test"  # noqa: S105 - the factories' (tests/factories.py)

Status = Registration.Status


@pytest.fixture
def member(client):
    user = factories.UserFactory(username="lina", email="lina@example.org", first_name="Lina")
    client.force_login(user)
    return user


def test_the_registrations_of_the_account_and_its_address_go_with_it(
    client, member, django_capture_on_commit_callbacks
):
    full = factories.EventFactory(title="Rencontre de Lyon", capacity=1)
    mine = factories.RegistrationFactory(event=full, email="autre@example.org", user=member)
    waiting = factories.RegistrationFactory(event=full, status=Status.WAITING)
    past = factories.EventFactory(
        title="Webinaire passé",
        starts_at=timezone.now() - timedelta(days=30),
        ends_at=timezone.now() - timedelta(days=30) + timedelta(hours=2),
    )
    by_address = factories.RegistrationFactory(event=past, email="Lina@example.org")
    someone_else = factories.RegistrationFactory(event=past, email="voisine@example.org")

    page = client.get(reverse("delete_account")).content.decode()
    assert "Vos inscriptions aux événements sont supprimées avec lui" in page
    assert "« Rencontre de Lyon »" in page

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("delete_account"), {"password": PASSWORD})

    assert not Registration.objects.filter(pk__in=[mine.pk, by_address.pk]).exists()
    assert Registration.objects.filter(pk=someone_else.pk).exists()
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED  # the place the member held
    assert [m.to for m in mail.outbox] == [[waiting.email]]


def test_the_page_says_what_becomes_of_registrations_when_there_are_none(client, member):
    page = client.get(reverse("delete_account")).content.decode()
    assert "Les inscriptions de votre adresse e-mail aux événements, s'il y en a" in page
