"""Staff and account actions reach the log (logger `vita.audit`), with who and from where."""

import logging

import pytest
from django.urls import reverse

from experiences.models import ExperienceCard
from resources.models import Theme
from tests import factories
from vita import workflow
from vita.models import PublicationStatus
from vita.roles import ANIMATEUR

pytestmark = pytest.mark.django_db


@pytest.fixture
def animator():
    return factories.UserFactory(username="animatrice", groups=[ANIMATEUR], is_staff=True)


def _audit(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "vita.audit"]


def test_logins_failed_logins_and_logouts_are_logged(client, animator, caplog):
    caplog.set_level(logging.INFO, logger="vita.audit")
    login = reverse("login")

    client.post(login, {"username": "animatrice", "password": "pas le bon mot de passe"})
    client.post(login, {"username": "animatrice", "password": "mot-de-passe-de-test"})
    client.post(reverse("logout"))

    assert _audit(caplog) == [
        "login failed user=animatrice ip=127.0.0.1",
        "login user=animatrice ip=127.0.0.1",
        "logout user=animatrice ip=127.0.0.1",
    ]
    assert not any("pas le bon" in record.getMessage() for record in caplog.records)


def test_admin_changes_and_workflow_moves_are_logged(client, animator, caplog):
    caplog.set_level(logging.INFO, logger="vita.audit")
    theme = factories.ThemeFactory(name="Mobilité", slug="mobilite")
    client.force_login(animator)

    client.post(
        reverse("admin:resources_theme_change", args=[theme.pk]),
        {"name": "Mobilité durable", "slug": "mobilite"},
    )
    card = factories.ExperienceCardFactory(title="Un garage", status=PublicationStatus.IN_REVIEW)
    workflow.apply(ExperienceCard.objects.filter(pk=card.pk), "publish", animator)

    lines = _audit(caplog)
    assert any(
        line.startswith(f"admin change user=animatrice object=resources.theme:{theme.pk} ")
        and "'Mobilité durable'" in line
        for line in lines
    ), lines
    assert (
        f"workflow publish user=animatrice object=experiences.experiencecard:{card.pk} "
        "'Un garage'" in lines
    )


def _deletions(caplog):
    return [line for line in _audit(caplog) if line.startswith("admin delete")]


def _bulk_delete(client, themes, confirmed=True):
    data = {"action": "delete_selected", "_selected_action": [theme.pk for theme in themes]}
    if confirmed:
        data["post"] = "yes"
    return client.post(reverse("admin:resources_theme_changelist"), data)


def test_bulk_deletions_from_a_change_list_are_logged_one_line_each(client, animator, caplog):
    """Django saves the LogEntry rows of a bulk deletion with bulk_create (no signal)."""
    caplog.set_level(logging.INFO, logger="vita.audit")
    mobility = factories.ThemeFactory(name="Mobilité", slug="mobilite")
    housing = factories.ThemeFactory(name="Logement", slug="logement")
    client.force_login(animator)

    asked = _bulk_delete(client, [mobility, housing], confirmed=False)
    assert asked.status_code == 200 and _deletions(caplog) == []  # the confirmation page

    _bulk_delete(client, [mobility, housing])

    assert not Theme.objects.exists()
    assert sorted(_deletions(caplog)) == sorted(
        [
            f"admin delete user=animatrice object=resources.theme:{mobility.pk} 'Mobilité' ",
            f"admin delete user=animatrice object=resources.theme:{housing.pk} 'Logement' ",
        ]
    )


def test_a_lone_record_deleted_from_a_change_list_is_logged_once(client, animator, caplog):
    caplog.set_level(logging.INFO, logger="vita.audit")
    theme = factories.ThemeFactory(name="Mobilité", slug="mobilite")
    client.force_login(animator)

    _bulk_delete(client, [theme])

    assert _deletions(caplog) == [
        f"admin delete user=animatrice object=resources.theme:{theme.pk} 'Mobilité' "
    ]


def test_records_the_action_could_not_delete_are_not_logged(client, animator, caplog):
    """A published card is archived, not deleted: the action refuses the whole batch."""
    caplog.set_level(logging.INFO, logger="vita.audit")
    cards = [factories.ExperienceCardFactory(), factories.ExperienceCardFactory()]
    client.force_login(animator)

    client.post(
        reverse("admin:experiences_experiencecard_changelist"),
        {"action": "delete_selected", "_selected_action": [c.pk for c in cards], "post": "yes"},
    )

    assert ExperienceCard.objects.count() == 2
    assert _deletions(caplog) == []
