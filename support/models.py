"""Support requests (« appuis individualisés »): a structure describes its project and its
need; the animators study it, assign an expert of the network, write to the structure,
and count the days of expertise given.

A request is known by its reference (« APPUI-2026-0007 »), in every address and e-mail.
Its status moves only through `support.services` (each move a `StatusChange`: who, when);
the structure reads its page from « Mon espace », or by the private link e-mailed to it
when it asked without an account.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from vita.models import TimestampedModel


class SupportStatus(models.TextChoices):
    RECEIVED = "recue", "Reçue"
    STUDY = "etude", "À l'étude"
    ONGOING = "en_cours", "Accompagnement en cours"
    DONE = "terminee", "Terminée"
    REFUSED = "refusee", "Refusée"


CLOSED_STATUSES = (SupportStatus.DONE, SupportStatus.REFUSED)


class SupportRequest(TimestampedModel):
    """A structure's request for support, as it was sent, and where it stands."""

    reference = models.CharField("référence", max_length=20, unique=True, editable=False)
    # The structure as typed, and the organisation it stands for when the one matcher
    # (`organisations.matching`) finds it: a public form creates no organisation.
    organisation_name = models.CharField("structure (telle que saisie)", max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_requests",
        verbose_name="structure (fiche)",
    )
    # Who asked: the account it was sent from and its person, when signed in.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_requests",
        verbose_name="envoyée depuis le compte",
    )
    person = models.ForeignKey(
        "organisations.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_requests",
        verbose_name="personne",
    )
    contact_name = models.CharField("contact", max_length=200)
    contact_email = models.EmailField("adresse e-mail")
    contact_phone = models.CharField("téléphone", max_length=30, blank=True)
    region = models.ForeignKey(
        "territories.Region",
        on_delete=models.PROTECT,
        related_name="support_requests",
        verbose_name="région",
    )
    departement = models.ForeignKey(
        "territories.Departement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_requests",
        verbose_name="département",
    )
    themes = models.ManyToManyField(
        "resources.Theme", blank=True, related_name="support_requests", verbose_name="thèmes"
    )
    project = models.TextField("le projet")
    need = models.TextField("le besoin d'appui")
    status = models.CharField(
        "état",
        max_length=20,
        choices=SupportStatus.choices,
        default=SupportStatus.RECEIVED,
        editable=False,  # moved by support.services only, each move recorded
    )
    expert = models.ForeignKey(
        "organisations.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_requests_as_expert",
        verbose_name="expert·e",
        help_text="La personne du réseau qui accompagne la structure.",
    )
    # The secret of the request's private page, e-mailed to the contact (no account needed).
    token = models.CharField(max_length=64, unique=True, editable=False)

    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = "demande d'appui"
        verbose_name_plural = "demandes d'appui"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"], name="support_request_by_status")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(organisation_name="") & ~models.Q(contact_name=""),
                name="support_request_names_its_structure_and_contact",
            ),
        ]

    def __str__(self):
        return f"{self.reference} — {self.organisation_name}"

    def get_absolute_url(self):
        return reverse("support:detail", args=[self.reference])

    def get_private_url(self):
        return reverse("support:private", args=[self.reference, self.token])

    @property
    def is_closed(self) -> bool:
        return self.status in CLOSED_STATUSES


class StatusChange(models.Model):
    """A move of a request's status: from, to, who and when. Written by
    support.services only; never edited."""

    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField("ancien état", max_length=20, choices=SupportStatus.choices,
                                   blank=True)  # fmt: skip
    to_status = models.CharField("nouvel état", max_length=20, choices=SupportStatus.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="par",
    )
    changed_at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "changement d'état"
        verbose_name_plural = "changements d'état"
        ordering = ["request", "changed_at", "id"]

    def __str__(self):
        return f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"


class NoteKind(models.TextChoices):
    INTERNAL = "interne", "Note interne (animateurs)"
    MESSAGE = "message", "Message (la structure le lit)"


class SupportNote(models.Model):
    """A note on a request: internal to the animators, or a message the structure reads
    on its page (written by an animator, or by the structure itself)."""

    request = models.ForeignKey(SupportRequest, on_delete=models.CASCADE, related_name="notes")
    kind = models.CharField("type", max_length=10, choices=NoteKind.choices,
                            default=NoteKind.INTERNAL)  # fmt: skip
    text = models.TextField("texte")
    from_requester = models.BooleanField("écrit par la structure", default=False, editable=False)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="écrit par",
        editable=False,
    )
    created_at = models.DateTimeField("écrit le", auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "note ou message"
        verbose_name_plural = "notes et messages"
        ordering = ["request", "created_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="support_note_not_empty"),
            models.CheckConstraint(
                condition=models.Q(from_requester=False) | models.Q(kind="message"),
                name="support_note_of_the_requester_is_a_message",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} du {self.created_at:%d/%m/%Y}" if self.created_at else ""


class ExpertiseDays(models.Model):
    """Days of expertise given to a request, one dated entry each: they sum."""

    request = models.ForeignKey(
        SupportRequest, on_delete=models.CASCADE, related_name="expertise_days"
    )
    day = models.DateField("date")
    days = models.DecimalField(
        "jours",
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
        help_text="Par demi-journées : 0,5 ; 1 ; 1,5…",
    )
    expert = models.ForeignKey(
        "organisations.Person",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="expertise_days",
        verbose_name="expert·e",
    )
    note = models.CharField("ce qui a été fait", max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "jours d'expertise"
        verbose_name_plural = "jours d'expertise"
        ordering = ["request", "day", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(days__gt=0),
                name="expertise_days_positive",
                violation_error_message="Le nombre de jours doit être positif.",
            ),
        ]

    def __str__(self):
        return f"{self.days} j le {self.day:%d/%m/%Y}"
