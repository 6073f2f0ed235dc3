"""Reads of the events: the list (upcoming first, then past), an event's page with its
programme, speakers, cards and resources, a registration by its private link, a
member's registrations, the next events of the home page and the feed.

Who sees an event is its audience's business (`workgroups.audiences`): the list and the
pages show a visitor only the events of the audiences they are in."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from events.models import Event, EventKind, EventPart, EventSpeaker, Registration
from experiences.models import ExperienceCard
from organisations.models import Organisation, Person
from resources.selectors import published_resources
from territories.models import Region
from vita.models import PublicationStatus
from workgroups.audiences import (
    Audience,
    audience_line,
    is_animator,
    may_see,
    member_group_codes,
)

Status = Registration.Status


def visible_to(user) -> Q:
    """The events `user` may see (their audience's)."""
    if is_animator(user):
        return Q()
    seen = Q(audience=Audience.PUBLIC)
    if may_see(user, Audience.NETWORK):
        seen |= Q(audience=Audience.NETWORK)
    codes = member_group_codes(user)
    if codes:
        seen |= Q(audience=Audience.GROUP, working_group__code__in=codes)
    return seen


def _with_counts(events: QuerySet) -> QuerySet:
    return events.annotate(
        confirmed=Count("registrations", filter=Q(registrations__status=Status.CONFIRMED)),
        waiting=Count("registrations", filter=Q(registrations__status=Status.WAITING)),
    )


def _shown(events) -> list[Event]:
    """Each event with what its list item and page say: `places_left`, `audience_line`."""
    events = list(events)
    for event in events:
        event.places_left = places_left(event)
        event.audience_line = audience_line(event.audience, event.working_group)
    return events


def _published(user) -> QuerySet:
    return (
        Event.objects.published().filter(visible_to(user)).select_related("region", "working_group")
    )


@dataclass
class EventList:
    upcoming: list[Event]
    past: list[Event]
    kind: str
    region: Region | None
    errors: list[str]
    kinds: list[tuple[str, str]]
    regions: list[Region]

    @property
    def filtered(self) -> bool:
        return bool(self.kind or self.region)

    @property
    def query_string(self) -> str:
        """The clean filters, known codes only: the list's canonical address."""
        pairs = [("type", self.kind), ("region", self.region.code if self.region else "")]
        return urlencode([(name, value) for name, value in pairs if value])


def event_list(user, kind: str = "", region_code: str = "") -> EventList:
    """Upcoming events (the nearest first), then past ones (the latest first), filtered by
    type and région; an unknown code is said in French and ignored."""
    errors = []
    events = _with_counts(_published(user))
    if kind and kind not in EventKind.values:
        errors.append(f"« {kind} » n'est pas un type d'événement connu : ce filtre est ignoré.")
        kind = ""
    if kind:
        events = events.filter(kind=kind)
    region = None
    if region_code:
        region = Region.objects.filter(code=region_code).first()
        if region is None:
            errors.append(f"« {region_code} » n'est pas une région connue : ce filtre est ignoré.")
        else:
            events = events.filter(region=region)
    now = timezone.now()
    regions = Region.objects.filter(
        pk__in=Event.objects.published().filter(visible_to(user)).values("region")
    )
    return EventList(
        upcoming=_shown(events.upcoming(now).order_by("starts_at", "id")),
        past=_shown(events.past(now).order_by("-starts_at", "-id")),
        kind=kind,
        region=region,
        errors=errors,
        kinds=list(EventKind.choices),
        regions=list(regions),
    )


def event_detail(slug: str) -> Event | None:
    """A published event with its programme: each part's speakers (people not withdrawn
    from the public pages, their structures), its published cards and resources (as the
    library lists them: a group's own documents are not)."""
    speakers = EventSpeaker.objects.filter(person__in=Person.objects.public()).select_related(
        "person", "organisation"
    )
    parts = EventPart.objects.prefetch_related(
        Prefetch("speakers", queryset=speakers),
        Prefetch(
            "cards",
            queryset=ExperienceCard.objects.filter(status=PublicationStatus.PUBLISHED)
            .select_related("porteur", "region", "source_resource")
            .prefetch_related("departements", "listings__working_group"),
        ),
        Prefetch(
            "resources",
            queryset=published_resources(),
        ),
    )
    found = (
        _with_counts(Event.objects.published())
        .select_related("region", "working_group", "organiser", "source_resource")
        .prefetch_related(
            Prefetch("parts", queryset=parts),
            Prefetch(
                "resources",
                queryset=published_resources(),
            ),
        )
        .filter(slug=slug)
        .first()
    )
    return _shown([found])[0] if found is not None else None


def public_organisation_ids(event: Event) -> set[int]:
    """The speakers' structures a public page may link to."""
    ids = {
        speaker.organisation_id
        for part in event.parts.all()
        for speaker in part.speakers.all()
        if speaker.organisation_id
    }
    return set(Organisation.objects.public().filter(pk__in=ids).values_list("pk", flat=True))


def presented_cards(event: Event) -> list[ExperienceCard]:
    """Every card presented in the programme, once, in the programme's order."""
    seen, cards = set(), []
    for part in event.parts.all():
        for card in part.cards.all():
            if card.pk not in seen:
                seen.add(card.pk)
                cards.append(card)
    return cards


def places_left(event: Event) -> int | None:
    """From the counts `event_detail` and `event_list` annotate (None: no limit)."""
    if event.capacity is None:
        return None
    return max(event.capacity - event.confirmed, 0)


def registration_by_token(token: str) -> Registration | None:
    if not token or len(token) > 64:
        return None
    return (
        Registration.objects.select_related("event", "event__working_group", "event__region")
        .filter(token=token)
        .first()
    )


def user_registration(event: Event, user) -> Registration | None:
    """The signed-in member's live registration for the event."""
    if not user.is_authenticated:
        return None
    return (
        event.registrations.filter(status__in=Registration.ACTIVE)
        .filter(Q(user=user) | Q(email__iexact=user.email) if user.email else Q(user=user))
        .first()
    )


def registrations_of(user) -> tuple[list[Registration], list[Registration]]:
    """« Mes inscriptions »: the member's registrations (their account's, or their
    address's), the upcoming events' first (the nearest first), then the past ones."""
    if not user.is_authenticated:
        return [], []
    mine = Q(user=user)
    if user.email:
        mine |= Q(email__iexact=user.email)
    registrations = (
        Registration.objects.filter(mine)
        .filter(event__status=PublicationStatus.PUBLISHED)
        .select_related("event")
    )
    now = timezone.now()
    upcoming_ids = Event.objects.upcoming(now).values("pk")
    upcoming = registrations.filter(event__in=upcoming_ids).order_by("event__starts_at", "id")
    past = registrations.exclude(event__in=upcoming_ids).order_by("-event__starts_at", "-id")
    return list(upcoming), list(past[:20])


def next_public_events(limit: int = 3) -> list[Event]:
    """The home page's next events: public ones, not cancelled, the nearest first."""
    return _shown(
        _with_counts(
            Event.objects.published().filter(audience=Audience.PUBLIC, cancelled_at__isnull=True)
        )
        .upcoming()
        .select_related("region", "working_group")
        .order_by("starts_at", "id")[:limit]
    )


def feed_events(limit: int = 50) -> list[Event]:
    """The feed's: upcoming public events, the nearest first (cancelled ones say so)."""
    return list(
        Event.objects.published()
        .filter(audience=Audience.PUBLIC)
        .upcoming()
        .select_related("region")
        .order_by("starts_at", "id")[:limit]
    )


def registration_data(user) -> list[dict]:
    """For « Télécharger mes données »: the member's registrations (their account's, or
    their address's), with what they wrote."""
    if not user.is_authenticated:
        return []
    mine = Q(user=user) | Q(email__iexact=user.email) if user.email else Q(user=user)
    return [
        {
            "evenement": registration.event.title,
            "date": registration.event.starts_at,
            "etat": registration.get_status_display(),
            "nom": registration.name,
            "adresse": registration.email,
            "structure": registration.organisation_name,
            "besoins_particuliers": registration.note,
            "inscrit_le": registration.created_at,
            "place_obtenue_le": registration.confirmed_at,
            "annulee_le": registration.cancelled_at,
        }
        for registration in Registration.objects.filter(mine)
        .select_related("event")
        .order_by("created_at", "pk")
    ]
