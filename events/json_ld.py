"""schema.org description of an event, for search engines (JSON-LD in its page)."""

from django.utils import timezone

from vita.findable import canonical_url, json_ld, plain_description


def _when(moment, date_only: bool) -> str | None:
    if moment is None:
        return None
    local = timezone.localtime(moment)
    # A day without an hour is given as a day (`Event.date_only`), never with midnight.
    return local.date().isoformat() if date_only else local.isoformat()


def event_json_ld(event) -> str:
    """An Event: when, where (a place, an address online, or both), by whom; cancelled
    events say so."""
    places = []
    if event.place:
        place = {"@type": "Place", "name": event.place}
        if event.region:
            place["address"] = {"@type": "PostalAddress", "addressRegion": event.region.name}
        places.append(place)
    if event.online_url:
        places.append({"@type": "VirtualLocation", "url": event.online_url})
    if event.place and event.online_url:
        mode = "MixedEventAttendanceMode"
    else:
        mode = "OnlineEventAttendanceMode" if event.online_url else "OfflineEventAttendanceMode"
    status = "EventCancelled" if event.is_cancelled else "EventScheduled"
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "name": event.title,
        "url": canonical_url(event.get_absolute_url()),
        "inLanguage": "fr",
        "startDate": _when(event.starts_at, event.date_only),
        "endDate": _when(event.ends_at, event.date_only),
        "eventStatus": f"https://schema.org/{status}",
        "eventAttendanceMode": f"https://schema.org/{mode}",
        "location": places[0] if len(places) == 1 else places,
        "description": plain_description(event.summary or event.description, words=60),
    }
    if event.organiser:
        data["organizer"] = {"@type": "Organization", "name": event.organiser.name}
    return json_ld(data)
