"""History of changes (who, when, what, restore) and the member area (password reset,
« Mon espace », failed-login throttling)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from experiences.models import ExperienceCard
from organisations.models import Organisation
from tests import factories
from tests.admin_forms import change_through_admin, restore_version
from tests.card_template_files import FILLED, SUBMITTER, filled_docx
from vita.models import PublicationStatus as Status
from vita.roles import MEMBRE
from workgroups.models import WorkingGroup

pytestmark = pytest.mark.django_db


# -- history -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("factory", "model", "field", "value"),
    [
        (factories.ExperienceCardFactory, ExperienceCard, "title", "Un nouveau titre"),
        (factories.OrganisationFactory, Organisation, "town", "Saint-Brieuc"),
        (factories.WorkingGroupFactory, WorkingGroup, "name", "Un nouveau nom"),
    ],
)
def test_every_change_is_kept_with_who_when_and_what(animator_client, factory, model, field,
                                                     value):  # fmt: skip
    record = factory()

    response = change_through_admin(animator_client, model, record, **{field: value})

    assert response.status_code == 302, response.context["adminform"].form.errors
    last = record.history.first()
    assert last.history_user == animator_client.user and last.history_type == "~"
    delta = last.diff_against(last.prev_record)
    assert field in [change.field for change in delta.changes]
    history = animator_client.get(
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_history", args=[record.pk])
    ).content.decode()
    assert value in history and "animatrice" in history


def test_a_version_can_be_restored(animator_client):
    card = factories.ExperienceCardFactory(title="Le titre d'origine")
    first = card.history.first()
    card.title = "Un titre raté"
    card.save()

    url = reverse("admin:experiences_experiencecard_simple_history", args=[card.pk, first.pk])
    page = animator_client.get(url)
    assert page.status_code == 200
    restore_version(animator_client, url, page)

    card.refresh_from_db()
    assert card.title == "Le titre d'origine"


def test_a_deleted_card_keeps_its_history(animator_client):
    card = factories.ExperienceCardFactory(status=Status.DRAFT)
    pk = card.pk

    animator_client.post(
        reverse("admin:experiences_experiencecard_delete", args=[pk]), {"post": "yes"}
    )

    assert not ExperienceCard.objects.filter(pk=pk).exists()
    assert ExperienceCard.history.filter(id=pk, history_type="-").exists()


# -- member area -----------------------------------------------------------------------------


def test_a_member_resets_a_forgotten_password_by_email(client):
    factories.UserFactory(username="adherente", email="adherente@siae.fr", groups=[MEMBRE])

    client.post(reverse("password_reset"), {"email": "adherente@siae.fr"})

    assert len(mail.outbox) == 1 and mail.outbox[0].subject == "Votre nouveau mot de passe VITA"
    link = re.search(r"https?://[^/]+(/connexion/nouveau-mot-de-passe/\S+)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    assert "Nouveau mot de passe" in form_page.content.decode()
    password = "Un-mot-de-passe-solide-2026"  # noqa: S105 - a test account
    client.post(
        form_page.redirect_chain[-1][0], {"new_password1": password, "new_password2": password}
    )
    response = client.post(reverse("login"), {"username": "adherente", "password": password})
    assert response.status_code == 302


def test_my_space_lists_my_proposals_and_their_state(client):
    user = factories.UserFactory(username="adherente", groups=[MEMBRE])
    mine = factories.CardSubmissionFactory(user=user, card__title="Ma recyclerie")
    factories.CardSubmissionFactory(card__title="Celle d'un autre")
    mine.card.review_comment = "Ajoutez les chiffres clés."
    mine.card.save()
    client.force_login(user)

    page = client.get(reverse("my_space")).content.decode()

    assert "Ma recyclerie" in page and "En relecture" in page
    assert "Ajoutez les chiffres clés." in page
    assert "Celle d" not in page


def test_my_space_needs_a_login(client):
    response = client.get(reverse("my_space"))

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_proposal_made_while_logged_in_shows_in_my_space(client):
    from tests.files import upload

    user = factories.UserFactory(username="adherente")
    client.force_login(user)
    client.post(
        reverse("experiences:propose"),
        {**SUBMITTER, "mode": "fichier", "fichier": upload("fiche.docx", filled_docx(FILLED))},
    )

    assert FILLED["Titre"] in client.get(reverse("my_space")).content.decode()


@pytest.mark.parametrize("url_name", ["login", "admin:login"])
def test_failed_logins_are_throttled(client, settings, url_name):
    settings.AXES_FAILURE_LIMIT = 3
    factories.UserFactory(username="adherente", is_staff=True)
    url = reverse(url_name)

    statuses = [
        client.post(url, {"username": "adherente", "password": "mauvais"}).status_code
        for _ in range(4)
    ]
    blocked = client.post(url, {"username": "adherente", "password": "mot-de-passe-de-test"})

    assert statuses[:2] == [200, 200] and statuses[-1] == 429
    assert blocked.status_code == 429 and "Connexion bloquée" in blocked.content.decode()
