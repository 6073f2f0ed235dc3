"""Staff and account actions reach the log (logger `vita.audit`), with who and from where."""

import logging

import pytest
from django.urls import reverse

from experiences.models import ExperienceCard
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
