"""An event as an iCalendar file (RFC 5545), written by the `icalendar` library: it
escapes the texts (commas, semicolons, line breaks) and folds the long lines, which a
hand-written file gets wrong sooner or later."""

from __future__ import annotations

from datetime import timedelta

import icalendar
from django.urls import reverse
from django.utils import timezone

from events.models import Event
from vita.notifications import site_host, site_url

PRODID = "-//Centre de ressources VITA//Rencontres//FR"


def event_uid(event: Event) -> str:
    """Stable for the event's life (its id, not its slug, which an editor may change):
    a calendar that imports the file again updates the same entry."""
    return f"evenement-{event.pk}@{site_host()}"


def _location(event: Event, with_link: bool) -> str:
    parts = [event.place] if event.place else []
    if event.online_url:
        parts.append(f"En ligne : {event.online_url}" if with_link else "En ligne")
    return " — ".join(parts)


def calendar_entry(event: Event, with_link: bool) -> icalendar.Event:
    url = site_url(event.get_absolute_url())
    entry = icalendar.Event()
    entry.add("uid", event_uid(event))
    entry.add("dtstamp", timezone.now())
    if event.date_only:
        # Whole days (VALUE=DATE), the end exclusive: never an hour nobody said.
        first = timezone.localdate(event.starts_at)
        last = timezone.localdate(event.ends_at or event.starts_at)
        entry.add("dtstart", first)
        entry.add("dtend", last + timedelta(days=1))
    else:
        entry.add("dtstart", event.starts_at)
        # Without an end, a calendar shows two hours rather than none.
        entry.add("dtend", event.ends_at or event.starts_at + timedelta(hours=2))
    entry.add("summary", event.title)
    description = [event.summary] if event.summary else []
    if event.is_cancelled:
        description.insert(
            0,
            "Événement annulé."
            + (f" {event.cancellation_note}" if event.cancellation_note else ""),
        )
    description.append(url)
    entry.add("description", "\n\n".join(description))
    if location := _location(event, with_link):
        entry.add("location", location)
    entry.add("url", url)
    entry.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
    # Each change seen by a calendar: the seconds since creation of the last change.
    entry.add("sequence", max(int((event.updated_at - event.created_at).total_seconds()), 0))
    entry.add("last-modified", event.updated_at)
    return entry


def event_calendar(event: Event, *, with_link: bool | None = None) -> bytes:
    """The .ics file of one event. The connection link of an event that takes
    registrations is for those who hold a place (their e-mails attach it with the link);
    the event's own file, like its page, leaves it out."""
    if with_link is None:
        with_link = not event.takes_registrations
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", event.title)
    calendar.add_component(calendar_entry(event, with_link))
    return calendar.to_ical()


def ical_url(event: Event) -> str:
    return site_url(reverse("events:ical", args=[event.slug]))
