"""Events of the centre: Rencontres nationales, trainings, webinars, open meetings.

An event has a programme in parts (phases, talks), each with its speakers and the cards
and resources they presented; people register for it, within its capacity, and wait in
line when it is full (`events.services`).
"""

from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from vita.models import PublicationStatus, TimestampedModel, URLField
from workgroups.models import Audience


class EventKind(models.TextChoices):
    RENCONTRE = "rencontre", "Rencontre nationale"
    TRAINING = "formation", "Formation"
    WEBINAR = "webinaire", "Webinaire"
    OPEN_MEETING = "reunion", "Réunion ouverte"


def _day_start(moment):
    """Midnight, local time, of the day of `moment`."""
    local = timezone.localtime(moment)
    return local.replace(hour=0, minute=0, second=0, microsecond=0)


class EventQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def upcoming(self, now=None):
        """Events not yet over: over once they ended, or started when they give no end;
        an event of days without hours (`date_only`) once its last day is."""
        now = now or timezone.now()
        today = _day_start(now)
        timed = models.Q(date_only=False) & (
            models.Q(ends_at__gte=now) | models.Q(ends_at__isnull=True, starts_at__gte=now)
        )
        whole_days = models.Q(date_only=True) & (
            models.Q(ends_at__gte=today) | models.Q(ends_at__isnull=True, starts_at__gte=today)
        )
        return self.filter(timed | whole_days)

    def past(self, now=None):
        now = now or timezone.now()
        return self.exclude(pk__in=self.upcoming(now).values("pk"))


class Event(TimestampedModel):
    slug = models.SlugField("identifiant", max_length=255, unique=True)
    title = models.CharField("titre", max_length=255)
    kind = models.CharField("type", max_length=20, choices=EventKind.choices)
    status = models.CharField(
        "statut",
        max_length=20,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
    )
    audience = models.CharField(
        "ouvert à",
        max_length=20,
        choices=Audience.choices,
        default=Audience.PUBLIC,
        help_text="Qui voit l'événement et peut s'y inscrire.",
    )
    working_group = models.ForeignKey(
        "workgroups.WorkingGroup",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name="groupe de travail",
        help_text="Pour un événement d'un groupe (obligatoire si ouvert aux membres du groupe).",
    )
    organiser = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organised_events",
        verbose_name="organisateur",
    )
    summary = models.CharField("en bref", max_length=500, blank=True)
    description = models.TextField("présentation", blank=True, help_text="Markdown.")
    starts_at = models.DateTimeField("début")
    ends_at = models.DateTimeField("fin", null=True, blank=True)
    # A day without an hour: the hour is unknown (a past event whose document gives only
    # its day) or the event takes the whole day. `starts_at` (and `ends_at`) then hold
    # midnight, local time, of their days: pages show the days only, an iCal file gives
    # whole days (`VALUE=DATE`), never an hour nobody said.
    date_only = models.BooleanField(
        "sans heure",
        default=False,
        help_text=(
            "Cocher quand l'heure n'est pas connue ou que l'événement dure toute la "
            "journée : seule la date est affichée."
        ),
    )
    place = models.CharField("lieu", max_length=255, blank=True)
    online_url = URLField("lien de connexion", max_length=500, blank=True)
    region = models.ForeignKey(
        "territories.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name="région",
    )
    takes_registrations = models.BooleanField("inscriptions", default=True)
    capacity = models.PositiveIntegerField(
        "nombre de places",
        null=True,
        blank=True,
        help_text="Vide : sans limite. Au-delà, les inscrits attendent une place libérée.",
    )
    registration_closes_at = models.DateTimeField(
        "clôture des inscriptions",
        null=True,
        blank=True,
        help_text="Vide : jusqu'au début de l'événement.",
    )
    cancelled_at = models.DateTimeField("annulé le", null=True, blank=True)
    cancellation_note = models.TextField("motif de l'annulation", blank=True)
    # What the event left: its supports, recordings, the documents it produced.
    resources = models.ManyToManyField(
        "resources.Resource",
        blank=True,
        related_name="events",
        verbose_name="supports et ressources",
    )
    # The document the event is read from (document 004 for the 2022 webinar).
    source_resource = models.ForeignKey(
        "resources.Resource",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events_read_from",
        verbose_name="document source",
    )

    objects = EventQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "événement"
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="event_title_not_empty"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at"))
                | models.Q(ends_at__isnull=True),
                name="event_ends_after_it_starts",
                violation_error_message="La fin de l'événement précède son début.",
            ),
            models.CheckConstraint(
                condition=~models.Q(audience=Audience.GROUP)
                | models.Q(working_group__isnull=False),
                name="event_group_audience_names_its_group",
                violation_error_message=(
                    "Un événement réservé aux membres d'un groupe doit nommer ce groupe."
                ),
            ),
        ]
        indexes = [models.Index(fields=["status", "starts_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("events:detail", args=[self.slug])

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def is_over(self) -> bool:
        """Over once it ended (an event without an end: once it started; of days without
        hours: once its last day is), as `EventQuerySet.upcoming` says."""
        last = self.ends_at or self.starts_at
        if self.date_only:
            return last < _day_start(timezone.now())
        return last < timezone.now()


class EventPart(models.Model):
    """A part of an event's programme: a phase, a talk, a round table, a workshop."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="parts")
    position = models.PositiveSmallIntegerField("ordre", default=0)
    title = models.CharField("intitulé", max_length=500)
    # The programme's sequence the part belongs to (« Acteurs engagés »): consecutive
    # parts of one session are shown under its name.
    session = models.CharField(
        "séquence",
        max_length=255,
        blank=True,
        help_text=(
            "La séquence du programme qui regroupe cette partie (« Acteurs engagés ») : "
            "les parties qui se suivent sous la même séquence sont présentées ensemble."
        ),
    )
    starts_at = models.TimeField("heure de début", null=True, blank=True)
    ends_at = models.TimeField("heure de fin", null=True, blank=True)
    description = models.TextField("contenu", blank=True, help_text="Markdown.")
    cards = models.ManyToManyField(
        "experiences.ExperienceCard",
        blank=True,
        related_name="presented_at",
        verbose_name="fiches expériences présentées",
    )
    resources = models.ManyToManyField(
        "resources.Resource",
        blank=True,
        related_name="presented_at",
        verbose_name="ressources présentées",
    )

    class Meta:
        verbose_name = "partie du programme"
        verbose_name_plural = "programme"
        ordering = ["event", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(title=""), name="event_part_title_not_empty"
            ),
        ]

    def __str__(self):
        return self.title


class EventSpeaker(models.Model):
    """Who speaks in a part, with the function the programme prints."""

    part = models.ForeignKey(EventPart, on_delete=models.CASCADE, related_name="speakers")
    person = models.ForeignKey(
        "organisations.Person",
        on_delete=models.PROTECT,
        related_name="event_talks",
        verbose_name="intervenant·e",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="event_speakers",
        verbose_name="structure",
    )
    role_as_written = models.CharField("fonction", max_length=255, blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "intervenant·e"
        ordering = ["part", "position", "id"]
        constraints = [
            models.UniqueConstraint(fields=["part", "person"], name="event_speaker_once_per_part"),
        ]

    def __str__(self):
        return str(self.person)


class Registration(models.Model):
    """A person's registration for an event: a place, or a rank on the waiting list."""

    class Status(models.TextChoices):
        CONFIRMED = "inscrit", "Inscrit·e"
        WAITING = "attente", "En liste d'attente"
        CANCELLED = "annule", "Annulée"

    ACTIVE = (Status.CONFIRMED, Status.WAITING)

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    status = models.CharField("état", max_length=10, choices=Status.choices)
    name = models.CharField("nom", max_length=200)
    email = models.EmailField("adresse e-mail")
    organisation_name = models.CharField("structure", max_length=255, blank=True)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name="structure (fiche)",
    )
    person = models.ForeignKey(
        "organisations.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name="personne",
    )
    user = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="event_registrations",
        verbose_name="compte",
    )
    note = models.TextField("besoins particuliers", blank=True)
    # The secret of the registration's own page (cancel, iCal) for people without an account.
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField("inscrit·e le", auto_now_add=True)
    confirmed_at = models.DateTimeField("place obtenue le", null=True, blank=True)
    cancelled_at = models.DateTimeField("annulée le", null=True, blank=True)
    reminder_sent_at = models.DateTimeField("rappel envoyé le", null=True, blank=True)

    class Meta:
        verbose_name = "inscription"
        ordering = ["event", "created_at", "id"]
        # The animators export an event's registrations (the list of attendees).
        permissions = [("export_registration", "Peut exporter des inscriptions")]
        constraints = [
            models.UniqueConstraint(
                "event",
                Lower("email"),
                condition=models.Q(status__in=["inscrit", "attente"]),
                name="registration_once_per_address",
                violation_error_message="Cette adresse est déjà inscrite à cet événement.",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="inscrit") | models.Q(confirmed_at__isnull=False),
                name="registration_confirmed_has_its_date",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="annule") | models.Q(cancelled_at__isnull=False),
                name="registration_cancelled_has_its_date",
            ),
        ]
        indexes = [models.Index(fields=["event", "status", "created_at"])]

    def __str__(self):
        return f"{self.name} — {self.event}"
