"""E-mails to the animators: never the reason a saved proposal or request fails."""

import pytest

from tests import factories
from vita.notifications import (
    animator_addresses,
    notify_animators,
    send_email,
    site_host,
    site_url,
)
from vita.roles import ANIMATEUR

pytestmark = pytest.mark.django_db


def test_animators_are_told_at_their_addresses(mailoutbox):
    factories.UserFactory(email="a@coorace.org", groups=[ANIMATEUR])
    factories.UserFactory(email="membre@siae.fr")

    assert notify_animators("Sujet", "Texte", reply_to="x@siae.fr") == 1
    assert mailoutbox[0].to == ["a@coorace.org"] and mailoutbox[0].subject == "[VITA] Sujet"


def test_the_setting_names_the_recipients(mailoutbox, settings):
    settings.ANIMATOR_EMAILS = ["animation@coorace.org"]

    notify_animators("Sujet", "Texte")

    assert mailoutbox[0].to == ["animation@coorace.org"]


def test_a_line_break_in_the_subject_does_not_fail(mailoutbox, settings):
    settings.ANIMATOR_EMAILS = ["animation@coorace.org"]

    notify_animators("Proposée par Jeanne\r\nBcc: victime@example.org", "Texte")

    assert mailoutbox[0].subject == "[VITA] Proposée par Jeanne Bcc: victime@example.org"


def test_a_failing_mail_server_is_logged_not_raised(settings, caplog):
    settings.ANIMATOR_EMAILS = ["animation@coorace.org"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there

    assert notify_animators("Sujet", "Texte") == 0
    assert "Could not send « Sujet »" in caplog.text


def test_one_way_to_send_an_email_to_a_person(mailoutbox, settings):
    settings.ANIMATOR_EMAILS = ["animation@coorace.org"]

    sent = send_email(
        "membre@siae.fr",
        "Inscription confirmée :\n« Rencontre »",
        "Texte",
        reply_to=animator_addresses(),
        attachments=(("rencontre.ics", "BEGIN:VCALENDAR", "text/calendar"),),
    )

    assert sent is True
    (message,) = mailoutbox
    assert message.subject == "[VITA] Inscription confirmée : « Rencontre »"
    assert message.to == ["membre@siae.fr"] and message.reply_to == ["animation@coorace.org"]
    assert message.attachments[0][0] == "rencontre.ics"


def test_a_person_not_reached_is_said_not_raised(settings, caplog):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there

    assert send_email("membre@siae.fr", "Sujet", "Texte") is False
    assert "Could not send « Sujet »" in caplog.text


def test_pages_are_addressed_from_the_site_url(settings):
    settings.SITE_URL = "https://vita.example.org/"

    assert site_url("/rencontres/") == "https://vita.example.org/rencontres/"
    assert site_host() == "vita.example.org"
