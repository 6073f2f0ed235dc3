"""Every path of the admin that frees a place gives it to the first in line: a
registration deleted (one, or several at once), an event restored after a cancellation
during which places were freed; and an address edited onto one already registered is the
form's French error, not a 500."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Registration
from tests import factories
from tests.events.test_admin import _event_form

pytestmark = pytest.mark.django_db

Status = Registration.Status


def test_an_animator_deletes_a_registration_and_the_line_moves_up(
    animator_client, django_capture_on_commit_callbacks
):
    event = factories.EventFactory(capacity=1)
    holder = factories.RegistrationFactory(event=event)
    waiting = factories.RegistrationFactory(event=event, status=Status.WAITING)
    url = reverse("admin:events_registration_delete", args=[holder.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = animator_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not Registration.objects.filter(pk=holder.pk).exists()
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [[waiting.email]]


def test_an_animator_deletes_several_registrations_and_the_line_moves_up(
    animator_client, django_capture_on_commit_callbacks
):
    event = factories.EventFactory(capacity=2)
    holders = factories.RegistrationFactory.create_batch(2, event=event)
    first, second, third = [
        factories.RegistrationFactory(event=event, status=Status.WAITING) for _ in range(3)
    ]

    with django_capture_on_commit_callbacks(execute=True):
        animator_client.post(
            reverse("admin:events_registration_changelist"),
            {"action": "delete_selected", "_selected_action": [r.pk for r in holders],
             "post": "yes"},
        )  # fmt: skip

    assert [Registration.objects.get(pk=r.pk).status for r in (first, second, third)] == [
        Status.CONFIRMED, Status.CONFIRMED, Status.WAITING,
    ]  # fmt: skip


def test_an_event_restored_gives_the_places_freed_while_it_was_cancelled(
    animator_client, django_capture_on_commit_callbacks
):
    event = factories.EventFactory(capacity=1, ends_at=None)
    holder = factories.RegistrationFactory(event=event)
    waiting = factories.RegistrationFactory(event=event, status=Status.WAITING)
    services.cancel_event(event, note="Salle indisponible.")
    services.cancel_registration(holder)  # the event cancelled: nobody moves up
    waiting.refresh_from_db()
    assert waiting.status == Status.WAITING
    event.refresh_from_db()
    cancelled_at = timezone.localtime(event.cancelled_at)
    form = _event_form(event) | {
        "cancelled_at_0": cancelled_at.strftime("%d/%m/%Y"),
        "cancelled_at_1": cancelled_at.strftime("%H:%M:%S"),
        "cancellation_note": event.cancellation_note,
    }
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = animator_client.post(
            reverse("admin:events_event_change", args=[event.pk]),
            form | {"cancelled_at_0": "", "cancelled_at_1": ""},
        )

    assert response.status_code == 302
    event.refresh_from_db()
    waiting.refresh_from_db()
    assert not event.is_cancelled
    assert waiting.status == Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [[waiting.email]]


def test_an_address_edited_onto_one_already_registered_is_refused_in_french(animator_client):
    event = factories.EventFactory()
    factories.RegistrationFactory(event=event, email="lea@example.org")
    other = factories.RegistrationFactory(event=event, email="paul@example.org")
    url = reverse("admin:events_registration_change", args=[other.pk])

    response = animator_client.post(
        url,
        {"name": other.name, "email": "LEA@example.org", "organisation_name": "",
         "note": "", "organisation": "", "person": ""},
    )  # fmt: skip

    assert response.status_code == 200
    assert "déjà inscrite à cet événement" in response.content.decode()
    other.refresh_from_db()
    assert other.email == "paul@example.org"
