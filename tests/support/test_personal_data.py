"""A support request holds personal data: « Télécharger mes données » gives it, and an
account deleted leaves its requests to the network's record without who asked."""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from support.models import SupportNote, SupportRequest
from tests import factories
from vita.roles import MEMBRE

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_with_a_request():
    user = factories.UserFactory(username="lina", email="lina.rossi@example.org",
                                 groups=[MEMBRE])  # fmt: skip
    factories.PersonFactory(account=user, last_name="Rossi")
    asked = factories.SupportRequestFactory(
        user=user, person=user.person, contact_name="Lina Rossi",
        contact_email="lina.rossi@example.org", contact_phone="02 99 00 00 00",
    )  # fmt: skip
    factories.SupportNoteFactory(request=asked, kind="message", from_requester=True,
                                 text="Je suis disponible jeudi.", written_by=user)  # fmt: skip
    factories.SupportNoteFactory(request=asked, kind="message", text="Marc vous appelle.")
    factories.ExpertiseDaysFactory(request=asked, days=Decimal("2"))
    return user, asked


def test_my_data_gives_my_support_requests(client, member_with_a_request):
    user, asked = member_with_a_request
    client.force_login(user)

    data = json.loads(client.get(reverse("my_data")).content)

    (mine,) = data["demandes_d_appui"]
    assert mine["reference"] == asked.reference and mine["telephone"] == "02 99 00 00 00"
    assert [m["texte"] for m in mine["messages"]] == ["Je suis disponible jeudi.",
                                                      "Marc vous appelle."]  # fmt: skip
    assert mine["jours_d_expertise"][0]["jours"] == "2.0"


def test_an_account_deleted_leaves_its_requests_without_who_asked(client, member_with_a_request):
    user, asked = member_with_a_request
    old_link = asked.get_private_url()
    client.force_login(user)

    response = client.post(reverse("delete_account"), {"password": "mot-de-passe-de-test"})

    assert response.status_code == 302
    kept = SupportRequest.objects.get(pk=asked.pk)
    assert (kept.user, kept.person, kept.contact_email, kept.contact_phone) == (None, None, "", "")
    assert kept.contact_name == "Compte supprimé"
    assert kept.project == asked.project and kept.expertise_days.count() == 1  # the figures
    assert list(kept.notes.values_list("text", flat=True)) == ["Marc vous appelle."]
    assert not SupportNote.history.filter(text="Je suis disponible jeudi.").exists()
    assert not SupportRequest.history.filter(contact_email="lina.rossi@example.org").exists()
    assert client.get(old_link).status_code == 404  # the private link died with it


def test_an_expert_deleting_their_account_stays_named_on_the_requests(client):
    user = factories.UserFactory(groups=[MEMBRE])
    expert = factories.PersonFactory(account=user)
    asked = factories.SupportRequestFactory(expert=expert)
    client.force_login(user)

    response = client.post(reverse("delete_account"), {"password": "mot-de-passe-de-test"})

    assert response.status_code == 302
    asked.refresh_from_db()
    assert asked.expert == expert and expert.__class__.objects.get(pk=expert.pk).account is None
