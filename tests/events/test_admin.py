"""The events in the animators' admin: the programme inline, the registrations per
event with their export, cancelling an event or a registration, a capacity raised."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Registration
from tests import factories

pytestmark = pytest.mark.django_db

Status = Registration.Status


def _event_form(event, **changes) -> dict:
    """The change form of `event` as the admin would post it, with `changes`."""
    local = timezone.localtime(event.starts_at)
    data = {
        "title": event.title, "slug": event.slug, "kind": event.kind, "status": event.status,
        "summary": event.summary, "description": event.description,
        "starts_at_0": local.strftime("%d/%m/%Y"), "starts_at_1": local.strftime("%H:%M:%S"),
        "ends_at_0": "", "ends_at_1": "", "place": event.place, "online_url": "",
        "region": "", "audience": event.audience, "working_group": "", "organiser": "",
        "takes_registrations": "on", "capacity": event.capacity or "",
        "registration_closes_at_0": "", "registration_closes_at_1": "", "resources": [],
        "source_resource": "", "cancelled_at_0": "", "cancelled_at_1": "",
        "cancellation_note": "", "parts-TOTAL_FORMS": "0", "parts-INITIAL_FORMS": "0",
    }  # fmt: skip
    return data | changes


def test_an_animator_raises_the_capacity_and_the_waiting_get_their_places(
    animator_client, django_capture_on_commit_callbacks
):
    event = factories.EventFactory(capacity=1, ends_at=None)
    factories.RegistrationFactory(event=event)
    waiting = factories.RegistrationFactory(event=event, status=Status.WAITING)
    url = reverse("admin:events_event_change", args=[event.pk])

    with django_capture_on_commit_callbacks(execute=True):
        response = animator_client.post(url, _event_form(event, capacity="2"), follow=True)

    assert response.status_code == 200, response.context["adminform"].form.errors
    waiting.refresh_from_db()
    assert waiting.status == Status.CONFIRMED
    assert [m.to for m in mail.outbox] == [[waiting.email]]
    assert "ont obtenu une place" in response.content.decode()


def test_an_animator_cancels_an_event_with_a_reason_sent_to_everyone(
    animator_client, django_capture_on_commit_callbacks
):
    event = factories.EventFactory()
    factories.RegistrationFactory.create_batch(2, event=event)
    changelist = reverse("admin:events_event_changelist")
    selected = {"action": "cancel_events", "_selected_action": [event.pk]}

    asked = animator_client.post(changelist, selected)
    assert "Motif de l'annulation" in asked.content.decode()
    assert not Event.objects.get(pk=event.pk).is_cancelled

    with django_capture_on_commit_callbacks(execute=True):
        animator_client.post(
            changelist, selected | {"confirmation": "oui", "reason": "Grève des transports."}
        )

    event.refresh_from_db()
    assert event.is_cancelled and event.cancellation_note == "Grève des transports."
    assert len(mail.outbox) == 2
    assert all("Grève des transports." in m.body for m in mail.outbox)


def test_an_animator_cancels_a_registration_and_the_line_moves_up(
    animator_client, django_capture_on_commit_callbacks
):
    event = factories.EventFactory(capacity=1)
    holder = factories.RegistrationFactory(event=event)
    waiting = factories.RegistrationFactory(event=event, status=Status.WAITING)

    with django_capture_on_commit_callbacks(execute=True):
        animator_client.post(
            reverse("admin:events_registration_changelist"),
            {"action": "cancel_registrations", "_selected_action": [holder.pk]},
        )

    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == Status.CANCELLED
    assert waiting.status == Status.CONFIRMED


def test_the_registrations_of_an_event_are_listed_filtered_and_exported(animator_client):
    event = factories.EventFactory(title="Rencontre de Lyon")
    factories.RegistrationFactory(event=event, name="Léa Martin", note="Accès en fauteuil")
    factories.RegistrationFactory(event=event, name="Paul Attente", status=Status.WAITING)
    factories.RegistrationFactory(name="Quelqu'un d'autre")
    changelist = reverse("admin:events_registration_changelist")

    listed = animator_client.get(changelist, {"event__id__exact": event.pk, "status": "attente"})
    exported = animator_client.post(
        reverse("admin:events_registration_export") + f"?event__id__exact={event.pk}",
        {"format": "0", "resource": "0", "registrationsheet_name": "on",
         "registrationsheet_status": "on", "registrationsheet_note": "on",
         "registrationsheet_event": "on"},
    )  # fmt: skip

    page = listed.content.decode()
    assert "Paul Attente" in page and "Léa Martin" not in page
    assert exported.status_code == 200, exported.content.decode()[:2000]
    text = exported.content.decode("utf-8-sig")
    assert "Nom;" in text.splitlines()[0] or "Nom" in text.splitlines()[0]
    assert "Léa Martin" in text and "Accès en fauteuil" in text and "Inscrit·e" in text
    assert "Quelqu'un d'autre" not in text


def test_the_event_page_of_the_admin_links_its_registrations_and_parts(animator_client):
    event = factories.EventFactory()
    part = factories.EventPartFactory(event=event)
    factories.EventSpeakerFactory(part=part)

    page = animator_client.get(reverse("admin:events_event_change", args=[event.pk]))
    part_page = animator_client.get(reverse("admin:events_eventpart_change", args=[part.pk]))
    listed = animator_client.get(reverse("admin:events_event_changelist"))

    assert page.status_code == part_page.status_code == 200
    assert "Intervenant·e" in part_page.content.decode() or "intervenant" in (
        part_page.content.decode().lower()
    )
    assert f"?event__id__exact={event.pk}" in listed.content.decode()
