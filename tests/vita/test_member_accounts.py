"""Animators open members' accounts in the admin and invite them by e-mail, without
superuser rights: they can give neither staff nor superuser status, nor the Animateur
group, nor permissions, even by a forged form; superusers keep Django's full page."""

import re

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core import mail
from django.urls import reverse

from tests import factories
from vita.roles import ANIMATEUR, CONTRIBUTEUR, MEMBRE

pytestmark = pytest.mark.django_db
ADD = reverse("admin:auth_user_add")


@pytest.fixture
def animator(client):
    user = factories.UserFactory(
        username="animatrice", first_name="Anne", last_name="Martin", groups=[ANIMATEUR],
        is_staff=True,
    )  # fmt: skip
    client.force_login(user)
    return user


def _group(name):
    return Group.objects.get(name=name).pk


def _change_url(user):
    return reverse("admin:auth_user_change", args=[user.pk])


def _link(message) -> str:
    return re.search(r"https?://[^/]+(/connexion/nouveau-mot-de-passe/\S+)", message.body)[1]


def test_an_animator_opens_a_member_account_and_the_member_chooses_a_password(
    client, animator, django_capture_on_commit_callbacks
):
    form = client.get(ADD)
    assert form.status_code == 200
    fields = set(form.context["adminform"].form.fields)
    assert fields == {"email", "first_name", "last_name", "username", "groups", "person",
                      "organisation_name"}  # fmt: skip
    assert list(form.context["adminform"].form.fields["groups"].queryset) == [
        Group.objects.get(name=MEMBRE)
    ]

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            ADD,
            {"email": "Lea.Dupont@siae.fr", "first_name": "Léa", "last_name": "Dupont",
             "username": "", "groups": [_group(MEMBRE)]},
        )  # fmt: skip

    assert response.status_code == 302, response.context["adminform"].form.errors
    member = User.objects.get(email="Lea.Dupont@siae.fr")
    assert member.username == "lea.dupont@siae.fr"
    assert (member.is_staff, member.is_superuser, member.is_active) == (False, False, True)
    assert [g.name for g in member.groups.all()] == [MEMBRE]
    assert not member.user_permissions.exists()
    (invitation,) = mail.outbox
    assert invitation.to == ["Lea.Dupont@siae.fr"]
    assert invitation.subject == "Votre compte sur le centre de ressources VITA"
    assert "Anne Martin vous a ouvert un compte" in invitation.body
    assert "Votre identifiant : lea.dupont@siae.fr" in invitation.body

    client.logout()
    page = client.get(_link(invitation), follow=True)
    assert "Nouveau mot de passe" in page.content.decode()
    password = "Un-mot-de-passe-solide-2026"  # noqa: S105 - a test account
    client.post(page.redirect_chain[-1][0], {"new_password1": password,
                                             "new_password2": password})  # fmt: skip
    logged_in = client.post(
        reverse("login"), {"username": "lea.dupont@siae.fr", "password": password}
    )
    assert logged_in.status_code == 302
    assert client.get(_link(invitation), follow=True).context["validlink"] is False  # used


def test_a_forged_form_grants_nothing(client, animator, django_capture_on_commit_callbacks):
    forged = {
        "email": "pirate@siae.fr", "username": "pirate", "first_name": "", "last_name": "",
        "is_staff": "on", "is_superuser": "on",
        "user_permissions": list(Permission.objects.values_list("pk", flat=True)[:5]),
    }  # fmt: skip

    # The Animateur group is not a choice: the form is refused, nothing is written.
    refused = client.post(ADD, {**forged, "groups": [_group(ANIMATEUR)]})
    assert refused.status_code == 200
    assert "groups" in refused.context["adminform"].form.errors
    assert not User.objects.filter(email="pirate@siae.fr").exists()
    assert mail.outbox == []

    # Without it, the account is made, as a member's: the other fields are not read.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(ADD, forged)
    made = User.objects.get(email="pirate@siae.fr")
    assert (made.is_staff, made.is_superuser) == (False, False)
    assert not made.user_permissions.exists() and not made.groups.exists()


def test_an_animator_cannot_raise_a_member_nor_touch_a_staff_account(client, animator):
    member = factories.UserFactory(username="membre", email="m@siae.fr", groups=[MEMBRE])
    staff = factories.UserFactory(username="collegue", email="c@coorace.org", is_staff=True,
                                  groups=[ANIMATEUR])  # fmt: skip
    superuser = factories.UserFactory(username="root", is_staff=True, is_superuser=True)

    response = client.post(
        _change_url(member),
        {"email": "m@siae.fr", "username": "membre", "first_name": "", "last_name": "",
         "is_active": "on", "groups": [_group(MEMBRE), _group(CONTRIBUTEUR)],
         "is_staff": "on", "is_superuser": "on"},
    )  # fmt: skip
    assert response.status_code == 200  # Contributeur is no choice: refused
    client.post(
        _change_url(member),
        {"email": "m@siae.fr", "username": "membre", "first_name": "", "last_name": "",
         "is_active": "on", "groups": [_group(MEMBRE)], "is_staff": "on",
         "is_superuser": "on"},
    )  # fmt: skip
    member.refresh_from_db()
    assert (member.is_staff, member.is_superuser) == (False, False)
    assert [g.name for g in member.groups.all()] == [MEMBRE]

    for other in (staff, superuser):
        # Not among the accounts an animator sees: neither shown nor changed.
        assert client.get(_change_url(other)).status_code == 302
        client.post(_change_url(other), {"email": "pirate@example.org", "username": "x"})
        other.refresh_from_db()
        assert other.email != "pirate@example.org"
    listed = client.get(reverse("admin:auth_user_changelist")).content.decode()
    assert "membre" in listed and "collegue" not in listed and "root" not in listed
    password_url = reverse("admin:auth_user_password_change", args=[member.pk])
    assert client.get(password_url).status_code == 403


def test_groups_an_animator_may_not_give_are_kept_when_they_edit(client, animator):
    member = factories.UserFactory(username="membre", email="m@siae.fr",
                                   groups=[MEMBRE, CONTRIBUTEUR])  # fmt: skip

    client.post(
        _change_url(member),
        {"email": "m@siae.fr", "username": "membre", "first_name": "Marie", "last_name": "",
         "is_active": "on", "groups": []},
    )  # fmt: skip

    member.refresh_from_db()
    assert member.first_name == "Marie"
    assert [g.name for g in member.groups.all()] == [CONTRIBUTEUR]


def test_an_address_already_used_is_refused(client, animator):
    factories.UserFactory(username="deja", email="deja@siae.fr")

    response = client.post(ADD, {"email": "DEJA@siae.fr", "username": "", "groups": []})

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["email"] == [
        "Un compte existe déjà avec cette adresse e-mail."
    ]


def test_an_invitation_can_be_sent_again(client, animator, django_capture_on_commit_callbacks):
    member = factories.UserFactory(username="membre", email="m@siae.fr", groups=[MEMBRE])
    staff = factories.UserFactory(username="collegue", email="c@coorace.org", is_staff=True)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("admin:auth_user_changelist"),
            {"action": "send_invitations", "_selected_action": [member.pk, staff.pk]},
        )

    assert [message.to for message in mail.outbox] == [["m@siae.fr"]]  # not the staff's


def test_only_who_may_change_accounts_is_offered_the_invitation(client):
    """The action names itself in French and asks for the right to change accounts: one
    who may only view them is not offered it."""
    viewer = factories.UserFactory(username="lecteur", is_staff=True)
    viewer.user_permissions.add(Permission.objects.get(codename="view_user"))
    client.force_login(viewer)

    assert "send_invitations" not in _actions_offered(client)

    client.force_login(User.objects.create_superuser("chef", "chef@coorace.org", "x"))
    assert _actions_offered(client)["send_invitations"] == (
        "Envoyer une invitation (choix du mot de passe)"
    )


def _actions_offered(client) -> dict:
    form = client.get(reverse("admin:auth_user_changelist")).context["action_form"]
    return dict(form.fields["action"].choices) if form else {}  # no action: no form


def test_a_superuser_keeps_django_s_full_page(admin_client):
    member = factories.UserFactory(username="membre")

    form = admin_client.get(_change_url(member)).context["adminform"].form

    assert {"is_staff", "is_superuser", "user_permissions", "groups"} <= set(form.fields)
    assert set(form.fields["groups"].queryset) == set(Group.objects.all())
    assert admin_client.get(ADD).status_code == 200
