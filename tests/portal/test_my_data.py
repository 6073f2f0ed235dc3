"""A member's rights from « Mon espace »: their data as a JSON file, and their account
deleted with the data it brought (the person it made, their memberships)."""

import json

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from organisations.models import AccountRequest, Person
from portal.models import AccountDeletion
from tests import factories
from vita.models import Subscription
from workgroups.models import GroupMembership

pytestmark = pytest.mark.django_db
PASSWORD = "mot-de-passe-de-test"  # noqa: S105 - the factories' (tests/factories.py)


@pytest.fixture
def member(client):
    user = factories.UserFactory(username="lina", email="lina@example.org", first_name="Lina")
    person = factories.PersonFactory(
        first_name="Lina", last_name="Rossi", email="lina@example.org", account=user,
        organisation__name="Régie de Lorient",
    )  # fmt: skip
    factories.GroupMembershipFactory(person=person, working_group__code="A2")
    factories.AccountRequestFactory(email="lina@example.org", status="acceptee", account=user,
                                    person=person)  # fmt: skip
    factories.CardSubmissionFactory(user=user, contact_name="Lina Rossi")
    factories.CallAnswerFactory(email="Lina@example.org", answers={"Pourquoi ?": "Coopérer."})
    client.force_login(user)
    return user


def test_my_space_shows_the_person_and_the_rights(client, member):
    page = client.get(reverse("my_space")).content.decode()
    assert "Lina Rossi" in page and "Régie de Lorient" in page
    assert f'href="{reverse("my_data")}"' in page
    assert f'href="{reverse("delete_account")}"' in page


def test_the_member_downloads_everything_the_site_keeps_about_them(client, member):
    response = client.get(reverse("my_data"))
    assert response["Content-Disposition"] == 'attachment; filename="mes-donnees-vita.json"'
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert data["compte"]["e_mail"] == "lina@example.org"
    assert data["personne"]["nom"] == "Rossi"
    assert data["personne"]["structure"] == "Régie de Lorient"
    assert data["groupes_de_travail"][0]["groupe"].startswith("A2 — ")
    assert data["demandes_de_compte"][0]["etat"] == "Acceptée"
    assert data["propositions_de_fiches"][0]["nom"] == "Lina Rossi"
    assert data["reponses_aux_appels"][0]["reponses"] == {"Pourquoi ?": "Coopérer."}
    client.logout()
    assert client.get(reverse("my_data")).status_code == 302  # to the login


def test_an_account_deleted_with_its_data(client, member):
    person = member.person
    page = client.get(reverse("delete_account")).content.decode()
    assert "définitive" in page

    wrong = client.post(reverse("delete_account"), {"password": "pas-le-bon"})
    assert "Ce mot de passe n&#x27;est pas le bon" in wrong.content.decode()
    assert User.objects.filter(pk=member.pk).exists()

    done = client.post(reverse("delete_account"), {"password": PASSWORD})

    assert done.status_code == 302
    assert not User.objects.filter(pk=member.pk).exists()
    assert not Person.objects.filter(pk=person.pk).exists()  # made for the account alone
    assert not GroupMembership.objects.filter(person_id=person.pk).exists()
    assert not AccountRequest.objects.exists()
    # Nor in their history, which held every field.
    assert not AccountRequest.history.exists()
    assert not GroupMembership.history.filter(person_id=person.pk).exists()
    trace = AccountDeletion.objects.get()
    assert (trace.person_deleted, trace.memberships_deleted, trace.account_requests_deleted) == (
        True, 1, 1,
    )  # fmt: skip
    assert "_auth_user_id" not in client.session  # logged out
    assert client.get(reverse("my_space")).status_code == 302


def test_the_subscriptions_of_the_account_s_address_go_with_it_and_the_page_says_so(client, member):
    factories.SubscriptionFactory(email="Lina@example.org")  # the address, not linked
    factories.SubscriptionFactory(email="autre@example.org", user=member, state="pending")
    factories.SubscriptionFactory(email="lina@example.org", state="unsubscribed")
    someone_else = factories.SubscriptionFactory(email="voisine@example.org")

    page = client.get(reverse("delete_account")).content.decode()
    assert "Vos abonnements sont supprimés avec lui" in page
    assert "« La Lettre VITA »" in page and "Lina@example.org, autre@example.org" in page
    assert f'href="{reverse("subscriptions:subscribe")}"' in page

    client.post(reverse("delete_account"), {"password": PASSWORD})

    assert list(Subscription.objects.all()) == [someone_else]
    assert AccountDeletion.objects.get().subscriptions_deleted == 3


def test_the_page_says_what_becomes_of_subscriptions_when_there_are_none(client, member):
    page = client.get(reverse("delete_account")).content.decode()
    assert "Les abonnements de votre adresse e-mail, s'il y en a, sont supprimés" in page


def test_a_person_the_documents_name_stays_without_the_account(client, member):
    person = member.person
    factories.CardContactFactory(person=person)

    client.post(reverse("delete_account"), {"password": PASSWORD})

    person.refresh_from_db()
    assert person.account is None
    assert person.email == ""  # the account's address, no document gives it
    assert GroupMembership.objects.filter(person=person).exists()
    assert AccountDeletion.objects.get().person_deleted is False


def test_a_team_account_is_not_deleted_from_my_space(client, animator):
    client.force_login(animator)
    page = client.get(reverse("delete_account")).content.decode()
    assert "compte de l'équipe" in page
    client.post(reverse("delete_account"), {"password": PASSWORD})
    assert User.objects.filter(pk=animator.pk).exists()
