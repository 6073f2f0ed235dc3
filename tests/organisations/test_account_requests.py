"""« Demander un compte »: a person of the network asks, an animator accepts (structure,
person and account, all or nothing) or refuses with a reason; animators also invite from
the accounts' admin, tying the account to a person."""

import re

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.urls import reverse

from organisations.models import AccountRequest, Organisation, Person, RequestStatus
from tests import factories
from vita.roles import MEMBRE

pytestmark = pytest.mark.django_db
URL = reverse("account_request")
PASSWORD = "Un-mot-de-passe-solide-2026"  # noqa: S105 - a test account


def _asked(**changes):
    return {
        "first_name": "Lina", "last_name": "Rossi", "organisation_name": "Régie de Lorient",
        "role": "Chargée d'insertion", "email": "lina.rossi@example.org",
        "message": "Le groupe A2 m'intéresse.", "website": "",
    } | changes  # fmt: skip


def _link(message) -> str:
    return re.search(r"https?://[^/]+(/connexion/nouveau-mot-de-passe/\S+)", message.body)[1]


def test_an_account_request_approved_then_used(
    client, animator_client, settings, django_capture_on_commit_callbacks
):
    settings.ANIMATOR_EMAILS = ["equipe@coorace.example.org"]
    anonymous = client.__class__()
    assert 'href="/demander-un-compte/"' in anonymous.get(reverse("login")).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        sent = anonymous.post(URL, _asked())
    assert sent.status_code == 302
    request = AccountRequest.objects.get()
    assert (request.status, request.organisation_name) == (
        RequestStatus.PENDING,
        "Régie de Lorient",
    )
    (notice,) = mail.outbox
    assert notice.to == ["equipe@coorace.example.org"] and "Lina Rossi" in notice.subject
    assert reverse("admin:organisations_accountrequest_change", args=[request.pk]) in notice.body

    # The animator corrects the structure's name, then accepts.
    change = reverse("admin:organisations_accountrequest_change", args=[request.pk])
    page = animator_client.get(change).content.decode()
    assert 'name="_accept"' in page and 'name="_refuse"' in page
    edited = _asked(organisation_name="Régie de quartier de Lorient", refusal_reason="")
    del edited["website"]
    with django_capture_on_commit_callbacks(execute=True):
        accepted = animator_client.post(change, {**edited, "_accept": "1"})
    assert accepted.status_code == 302

    request.refresh_from_db()
    member = User.objects.get(email="lina.rossi@example.org")
    person = Person.objects.get(account=member)
    assert request.status == RequestStatus.ACCEPTED
    assert (request.decided_by, request.person, request.account) == (
        animator_client.user, person, member,
    )  # fmt: skip
    assert request.decided_at is not None
    assert person.organisation.name == "Régie de quartier de Lorient"
    assert person.organisation.proposed  # off the public pages until an animator shows it
    assert (person.full_name, person.role) == ("Lina Rossi", "Chargée d'insertion")
    assert [g.name for g in member.groups.all()] == [MEMBRE]
    invitation = mail.outbox[-1]
    assert invitation.to == ["lina.rossi@example.org"]

    # The member chooses a password, logs in, and finds themselves in « Mon espace ».
    page = anonymous.get(_link(invitation), follow=True)
    anonymous.post(page.redirect_chain[-1][0], {"new_password1": PASSWORD,
                                                "new_password2": PASSWORD})  # fmt: skip
    logged_in = anonymous.post(
        reverse("login"), {"username": "lina.rossi@example.org", "password": PASSWORD}
    )
    assert logged_in.status_code == 302
    space = anonymous.get(reverse("my_space")).content.decode()
    assert "Lina Rossi" in space and "Régie de quartier de Lorient" in space
    assert "Chargée d&#x27;insertion" in space


def test_an_address_with_an_account_or_an_open_request_is_told_and_nothing_is_written(client):
    factories.UserFactory(username="lina", email="Lina.Rossi@example.org")
    refused = client.post(URL, _asked())
    assert refused.status_code == 200
    assert "Un compte existe déjà avec cette adresse e-mail" in refused.content.decode()
    assert not AccountRequest.objects.exists()

    factories.AccountRequestFactory(email="autre@example.org")
    again = client.post(URL, _asked(email="AUTRE@example.org"))
    assert "Une demande de compte est déjà en attente" in again.content.decode()
    assert AccountRequest.objects.count() == 1


def test_a_request_with_errors_is_told_in_french_and_writes_nothing(client):
    response = client.post(
        URL, _asked(first_name="", organisation_name="", email="pas-une-adresse")
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Donnez votre prénom." in page and "Donnez le nom de votre structure." in page
    assert "Cette adresse e-mail n&#x27;est pas valide" in page
    assert 'href="#id_first_name"' in page  # the error summary links each field
    assert not AccountRequest.objects.exists()


def test_requests_are_rate_limited(client, settings):
    settings.PUBLIC_FORM_RATE = "1/h"
    assert client.post(URL, _asked()).status_code == 302
    limited = client.post(URL, _asked(email="autre@example.org"))
    assert limited.status_code == 429
    assert AccountRequest.objects.count() == 1


def test_a_refusal_needs_a_reason_which_is_e_mailed(
    animator_client, django_capture_on_commit_callbacks
):
    request = factories.AccountRequestFactory(email="lina@example.org")
    change = reverse("admin:organisations_accountrequest_change", args=[request.pk])
    names = ("first_name", "last_name", "organisation_name", "role", "email", "message")
    fields = {name: getattr(request, name) for name in names}

    without = animator_client.post(change, {**fields, "refusal_reason": "", "_refuse": "1"},
                                   follow=True)  # fmt: skip
    assert "Donnez le motif du refus" in without.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING

    with django_capture_on_commit_callbacks(execute=True):
        animator_client.post(
            change,
            {**fields, "refusal_reason": "Réservé aux structures du réseau.", "_refuse": "1"},
        )
    request.refresh_from_db()
    assert (request.status, request.decided_by) == (RequestStatus.REFUSED, animator_client.user)
    (answer,) = mail.outbox
    assert answer.to == ["lina@example.org"] and "Réservé aux structures du réseau." in answer.body
    assert not User.objects.filter(email="lina@example.org").exists()
    # Decided: its fields are read only, and no button decides it again.
    assert 'name="_accept"' not in animator_client.get(change).content.decode()


def test_an_acceptance_that_cannot_open_the_account_writes_nothing(animator_client):
    request = factories.AccountRequestFactory(organisation_name="Structure toute neuve")
    factories.UserFactory(username="deja", email=request.email)  # since the request
    people = Person.objects.count()

    response = animator_client.post(
        reverse("admin:organisations_accountrequest_changelist"),
        {"action": "accept_requests", "_selected_action": [request.pk]},
        follow=True,
    )

    assert "existe déjà avec cette adresse" in response.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING and request.account is None
    assert Person.objects.count() == people
    assert not Organisation.objects.filter(name="Structure toute neuve").exists()


def test_pending_requests_come_first_in_the_admin(animator_client):
    factories.AccountRequestFactory(last_name="Ancienne", status=RequestStatus.PENDING)
    factories.AccountRequestFactory(last_name="Refusée", status=RequestStatus.REFUSED)
    factories.AccountRequestFactory(last_name="Récente", status=RequestStatus.PENDING)
    response = animator_client.get(reverse("admin:organisations_accountrequest_changelist"))
    names = [r.last_name for r in response.context["cl"].result_list]
    assert names == ["Récente", "Ancienne", "Refusée"]
    assert animator_client.get(reverse("admin:organisations_accountrequest_add")).status_code == 403


def test_an_animator_invites_with_a_person_chosen_or_made_from_the_name(
    animator_client, django_capture_on_commit_callbacks
):
    add = reverse("admin:auth_user_add")
    known = factories.PersonFactory(first_name="Jean", last_name="Durand", email="")
    with django_capture_on_commit_callbacks(execute=True):
        animator_client.post(add, {"email": "jean.durand@example.org", "first_name": "Jean",
                                   "last_name": "Durand", "username": "", "person": known.pk,
                                   "organisation_name": ""})  # fmt: skip
    known.refresh_from_db()
    assert known.account.email == "jean.durand@example.org"
    assert known.email == "jean.durand@example.org"

    with django_capture_on_commit_callbacks(execute=True):
        animator_client.post(add, {"email": "ana@example.org", "first_name": "Ana",
                                   "last_name": "Lopez", "username": "", "person": "",
                                   "organisation_name": "Garage solidaire du Pays"})  # fmt: skip
    made = Person.objects.get(account__email="ana@example.org")
    assert (made.full_name, made.organisation.name) == ("Ana Lopez", "Garage solidaire du Pays")

    # A person with an account is not given a second one.
    taken = animator_client.post(add, {"email": "autre@example.org", "first_name": "X",
                                       "last_name": "Y", "username": "", "person": known.pk,
                                       "organisation_name": ""})  # fmt: skip
    assert "a déjà un autre compte" in taken.content.decode()
    assert not User.objects.filter(email="autre@example.org").exists()
