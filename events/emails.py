"""The e-mails of the events, in French and plain text: the confirmation (with the
iCal file), the waiting-list notice (with the rank), « une place s'est libérée », the
reminder and the cancelled event. Each gives the registration's private link.

They leave after the commit of what they tell (`events.services`); a mail server that
fails is logged, never raised: the registration is saved either way."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.urls import reverse

from events.ical import event_calendar, ical_url
from events.models import Registration
from vita.notifications import animator_addresses, send_email, site_url


def registration_url(registration: Registration) -> str:
    return site_url(reverse("events:registration", args=[registration.token]))


def _send(registration: Registration, template: str, subject: str, *, ics=False, **extra) -> bool:
    event = registration.event
    context = {
        "registration": registration,
        "event": event,
        "event_url": site_url(event.get_absolute_url()),
        "registration_url": registration_url(registration),
        "ical_url": ical_url(event),
        **extra,
    }
    # Sent to those who hold a place: their file has the connection link.
    attachments = (
        ((f"{event.slug}.ics", event_calendar(event, with_link=True), "text/calendar"),)
        if ics
        else ()
    )
    return send_email(
        registration.email,
        f"{subject} : {event.title}",
        render_to_string(f"events/emails/{template}.txt", context),
        reply_to=animator_addresses(),
        attachments=attachments,
    )


def send_confirmation(registration: Registration) -> bool:
    return _send(registration, "confirmation", "Inscription confirmée", ics=True)


def send_waiting(registration: Registration, rank: int | None) -> bool:
    return _send(registration, "waiting", "Liste d'attente", rank=rank)


def send_place_freed(registration: Registration) -> bool:
    return _send(registration, "place_freed", "Une place s'est libérée", ics=True)


def send_reminder(registration: Registration) -> bool:
    return _send(registration, "reminder", "Rappel", ics=True)


def send_event_cancelled(registration: Registration) -> bool:
    return _send(registration, "event_cancelled", "Événement annulé")
