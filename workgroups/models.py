from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from organisations.enums import ContactRole
from vita.files import library_storage, random_name, validate_new_upload
from vita.models import TimestampedModel, URLField, search_vector
from vita.sorting import FrenchSortKey


class Audience(models.TextChoices):
    """The four audiences of the site (`workgroups.audiences` says who is in each)."""

    PUBLIC = "public", "Tout public"
    NETWORK = "reseau", "Membres du réseau"
    GROUP = "groupe", "Membres du groupe"
    ANIMATORS = "animateurs", "Animateurs"


class Programme(TimestampedModel):
    """A programme of collective work: VITA 2005–2008, VITA-DTS 2008–2010…"""

    name = models.CharField("nom", max_length=255)
    slug = models.SlugField(max_length=255, unique=True)
    organiser = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programmes",
        verbose_name="organisateur",
    )
    start_year = models.PositiveSmallIntegerField("année de début", null=True, blank=True)
    end_year = models.PositiveSmallIntegerField("année de fin", null=True, blank=True)
    description = models.TextField("description", blank=True, help_text="Markdown.")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "programme"
        ordering = ["start_year", FrenchSortKey("name")]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name=""), name="programme_name_not_empty"),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year"))
                | models.Q(end_year__isnull=True)
                | models.Q(start_year__isnull=True),
                name="programme_period_in_order",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("workgroups:programme", args=[self.slug])


class ProgrammePhase(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="phases")
    position = models.PositiveSmallIntegerField("ordre", default=0)
    title = models.CharField("intitulé", max_length=255)
    start_date = models.DateField("début", null=True, blank=True)
    end_date = models.DateField("fin", null=True, blank=True)
    description = models.TextField("description", blank=True, help_text="Markdown.")

    class Meta:
        verbose_name = "phase"
        ordering = ["programme", "position"]

    def __str__(self):
        return self.title


class WorkingGroupKind(models.TextChoices):
    GROUPE_TRAVAIL = "groupe_travail", "Groupe de travail"
    ATELIER = "atelier", "Atelier thématique"


class WorkingGroupStatus(models.TextChoices):
    """A group's cycle: formed from a call for interest, at work, then closed with its
    productions."""

    CALL = "ami", "Appel à manifestation d'intérêt"
    ACTIVE = "en_cours", "En cours"
    CLOSED = "clos", "Clos"


class WorkingGroup(TimestampedModel):
    """A groupe de travail or atelier thématique, known by its code (G1, A2, GT…)."""

    code = models.CharField(
        "code", max_length=20, unique=True, help_text="Code stable : G1, A1, A2, A3, GT…"
    )
    name = models.CharField("nom", max_length=255)
    slug = models.SlugField(max_length=255, unique=True)
    kind = models.CharField(
        "type", max_length=20, choices=WorkingGroupKind.choices, default=WorkingGroupKind.ATELIER
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="working_groups", verbose_name="programme"
    )
    position = models.PositiveSmallIntegerField("ordre dans le programme", default=0)
    status = models.CharField(
        "état",
        max_length=20,
        choices=WorkingGroupStatus.choices,
        default=WorkingGroupStatus.CALL,
        help_text="Clore un groupe demande ses productions (ou la confirmation qu'il n'en a "
        "aucune).",
    )
    closed_without_productions = models.BooleanField(
        "clos sans production",
        default=False,
        help_text="Cochez pour clore un groupe qui n'a produit aucun document.",
    )
    period_start = models.DateField("début", null=True, blank=True)
    period_end = models.DateField("fin", null=True, blank=True)
    period_label = models.CharField(
        "période telle qu'écrite", max_length=255, blank=True, help_text="Ex. « 2006 – 2007 »."
    )
    origin = models.TextField("origine", blank=True, help_text="Markdown.")
    objectives = models.TextField("objectifs", blank=True, help_text="Markdown.")
    conclusions = models.TextField("conclusions", blank=True, help_text="Markdown.")
    member_organisations = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="working_groups",
        verbose_name="structures membres",
    )
    search_vector = models.GeneratedField(
        expression=search_vector(("code", "name"), (), ("origin", "objectives", "conclusions")),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    # Every change kept: who, when, what (django-simple-history); computed columns aside.
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        verbose_name = "groupe de travail"
        verbose_name_plural = "groupes de travail"
        ordering = ["programme__start_year", "position", "code"]
        permissions = [
            ("import_workinggroup", "Peut importer des groupes de travail"),
            ("export_workinggroup", "Peut exporter des groupes de travail"),
        ]
        indexes = [GinIndex(fields=["search_vector"], name="working_group_search_gin")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(code="") & ~models.Q(name=""),
                name="working_group_code_and_name_not_empty",
            ),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start"))
                | models.Q(period_end__isnull=True)
                | models.Q(period_start__isnull=True),
                name="working_group_period_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.code} — {self.name}"

    def get_absolute_url(self):
        return reverse("workgroups:detail", kwargs={"code": self.code})


class WorkingGroupContact(models.Model):
    """A facilitator or speaker of a group, with the organisation they came from."""

    working_group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, related_name="contacts"
    )
    person = models.ForeignKey(
        "organisations.Person",
        on_delete=models.PROTECT,
        related_name="working_group_roles",
        verbose_name="personne",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="structure",
        help_text="Structure de la personne à ce moment-là, si elle diffère de l'actuelle.",
    )
    role = models.CharField(
        "rôle",
        max_length=30,
        choices=[
            (ContactRole.FACILITATOR, ContactRole.FACILITATOR.label),
            (ContactRole.SPEAKER, ContactRole.SPEAKER.label),
        ],
        default=ContactRole.FACILITATOR,
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "animateur ou intervenant"
        verbose_name_plural = "animateurs et intervenants"
        ordering = ["working_group", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["working_group", "person", "role"], name="working_group_contact_once"
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"


def group_choices() -> list[tuple[str, str]]:
    """Every group as a choice, « A2 — Alliances stratégiques », in the groups' order."""
    return [
        (code, f"{code} — {name}")
        for code, name in WorkingGroup.objects.values_list("code", "name")
    ]


class MemberRole(models.TextChoices):
    ANIMATEUR = "animateur", "Animateur"
    EXPERT = "expert", "Expert"
    PARTICIPANT = "participant", "Participant"


class MembershipStatus(models.TextChoices):
    REQUESTED = "demandee", "Demandée"
    ACTIVE = "active", "Active"
    REFUSED = "refusee", "Refusée"
    ENDED = "terminee", "Terminée"


class GroupMembership(TimestampedModel):
    """A structure, and the person who represents it, in a working group's workspace:
    asked for (by the person, or by answering a call for interest), then approved or
    refused by an animator; or added by an animator."""

    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name="groupe de travail",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="group_memberships",
        verbose_name="structure",
    )
    person = models.ForeignKey(
        "organisations.Person",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="group_memberships",
        verbose_name="personne",
        help_text="Vide : la structure est membre sans représentant nommé.",
    )
    role = models.CharField(
        "rôle", max_length=20, choices=MemberRole.choices, default=MemberRole.PARTICIPANT
    )
    status = models.CharField(
        "état",
        max_length=20,
        choices=MembershipStatus.choices,
        default=MembershipStatus.REQUESTED,
    )
    message = models.TextField("message de la demande", blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="décidé par",
    )
    decided_at = models.DateTimeField("décidé le", null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "membre d'un groupe"
        verbose_name_plural = "membres des groupes"
        ordering = ["working_group", "status", "organisation__name"]
        constraints = [
            # One live membership (asked for or active) per person, or per structure
            # without a named person, in a group.
            models.UniqueConstraint(
                fields=["working_group", "person"],
                condition=models.Q(
                    person__isnull=False,
                    status__in=[MembershipStatus.REQUESTED, MembershipStatus.ACTIVE],
                ),
                name="one_live_membership_per_person",
                violation_error_message="Cette personne est déjà membre du groupe ou l'a demandé.",
            ),
            models.UniqueConstraint(
                fields=["working_group", "organisation"],
                condition=models.Q(
                    person__isnull=True,
                    status__in=[MembershipStatus.REQUESTED, MembershipStatus.ACTIVE],
                ),
                name="one_live_membership_per_unnamed_structure",
                violation_error_message="Cette structure est déjà membre du groupe ou l'a demandé.",
            ),
        ]

    def __str__(self):
        who = self.person.full_name if self.person else self.organisation.name
        return f"{who} — {self.working_group.code} ({self.get_status_display()})"


# -- Calls for interest (« appels à manifestation d'intérêt ») ------------------------------


class CallQuerySet(models.QuerySet):
    def open(self, today=None):
        """Calls still answered: not closed by an animator, deadline not passed (the
        deadline's whole day included)."""
        today = today or timezone.localdate()
        return self.filter(closed_at__isnull=True, deadline__gte=today)


class CallForInterest(TimestampedModel):
    """An « appel à manifestation d'intérêt »: structures answer it (`CallAnswer`) and the
    animators make the accepted ones members of its working group. Open until its deadline
    (that day included), or until an animator closes it earlier."""

    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.PROTECT,
        related_name="calls",
        verbose_name="groupe de travail",
        help_text="Le groupe que rejoignent les structures retenues ; pour un nouveau "
        "groupe, créez-le d'abord.",
    )
    title = models.CharField("titre", max_length=255)
    slug = models.SlugField(max_length=255, unique=True)
    theme = models.CharField("thème", max_length=255, blank=True)
    presentation = models.TextField("présentation", help_text="Markdown.")
    deadline = models.DateField(
        "date limite", help_text="Les réponses sont reçues jusqu'à ce jour inclus."
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="ouvert par",
    )
    opened_at = models.DateTimeField("ouvert le", default=timezone.now)
    closed_at = models.DateTimeField(
        "clos avant la date limite le",
        null=True,
        blank=True,
        help_text="Rempli par l'action « Clore l'appel maintenant ».",
    )
    history = HistoricalRecords()

    objects = CallQuerySet.as_manager()

    class Meta:
        verbose_name = "appel à manifestation d'intérêt"
        verbose_name_plural = "appels à manifestation d'intérêt"
        ordering = ["-deadline", "title"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(title="") & ~models.Q(slug=""),
                name="call_title_and_slug_not_empty",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("calls:detail", kwargs={"slug": self.slug})

    def is_open(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.closed_at is None and self.deadline >= today

    @property
    def closed_on(self):
        """The day the call stopped taking answers (None while open)."""
        if self.closed_at is not None:
            return timezone.localtime(self.closed_at).date()
        return None if self.is_open() else self.deadline


class CallQuestion(models.Model):
    """A question of a call, in its order; each answer gives one text per question."""

    call = models.ForeignKey(CallForInterest, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField("ordre", default=0)
    text = models.CharField("question", max_length=500)

    class Meta:
        verbose_name = "question"
        ordering = ["call", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(text=""), name="call_question_not_empty"),
            models.UniqueConstraint(
                fields=["call", "text"],
                name="call_question_once",
                violation_error_message="Cette question est déjà posée dans cet appel.",
            ),
        ]

    def __str__(self):
        return self.text


class AnswerStatus(models.TextChoices):
    PENDING = "en_attente", "En attente"
    ACCEPTED = "acceptee", "Acceptée"
    REFUSED = "refusee", "Refusée"


class CallAnswer(TimestampedModel):
    """A structure's answer to a call, as its contact sent it, then the animators'
    decision and what it led to (the structure, the person, the membership, the account)."""

    call = models.ForeignKey(
        CallForInterest, on_delete=models.CASCADE, related_name="answers", verbose_name="appel"
    )
    organisation_name = models.CharField("structure", max_length=200)
    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    role = models.CharField("fonction", max_length=200)
    email = models.EmailField("adresse e-mail")
    phone = models.CharField("téléphone", max_length=30, blank=True)
    answers = models.JSONField(
        "réponses",
        default=dict,
        blank=True,
        help_text="Chaque question, telle qu'elle était posée, et sa réponse.",
    )
    wants_account = models.BooleanField("souhaite un compte", default=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="call_answers",
        verbose_name="envoyée depuis le compte",
    )
    status = models.CharField(
        "état", max_length=20, choices=AnswerStatus.choices, default=AnswerStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="décidée par",
    )
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    refusal_reason = models.TextField("motif du refus", blank=True)
    refusal_sent_at = models.DateTimeField("motif envoyé le", null=True, blank=True)
    # What an accepted answer led to.
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="structure retenue",
    )
    person = models.ForeignKey(
        "organisations.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="personne retenue",
    )
    membership = models.ForeignKey(
        GroupMembership,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="adhésion au groupe",
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="compte",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "réponse à un appel"
        verbose_name_plural = "réponses aux appels"
        ordering = ["call", "status", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                "call",
                Lower("email"),
                name="one_answer_per_email_and_call",
                violation_error_message="Une réponse a déjà été envoyée à cet appel avec "
                "cette adresse e-mail.",
            ),
        ]

    def __str__(self):
        return f"{self.organisation_name} — {self.call}"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class Meeting(TimestampedModel):
    """A meeting of a working group: its calendar, agenda and minutes, for an audience
    (the group's members by default)."""

    working_group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.CASCADE,
        related_name="meetings",
        verbose_name="groupe de travail",
    )
    slug = models.SlugField(
        "identifiant",
        max_length=50,
        blank=True,
        help_text="Dans l'adresse du compte rendu ; vide : tiré de la date (« 2026-03-12 »).",
    )
    title = models.CharField("intitulé", max_length=255, blank=True)
    starts_at = models.DateTimeField("date et heure")
    ends_at = models.DateTimeField("fin", null=True, blank=True)
    place = models.CharField("lieu", max_length=255, blank=True)
    visio_url = URLField("lien de visioconférence", max_length=500, blank=True)
    agenda = models.TextField("ordre du jour", blank=True, help_text="Markdown.")
    minutes = models.TextField("compte rendu", blank=True, help_text="Markdown.")
    minutes_file = models.FileField(
        "compte rendu (fichier)",
        storage=library_storage,
        upload_to=random_name,
        blank=True,
        validators=[validate_new_upload],
        help_text="PDF, Word, Excel, PowerPoint, OpenDocument, CSV, PNG ou JPEG.",
    )
    audience = models.CharField(
        "visible par",
        max_length=20,
        choices=Audience.choices,
        default=Audience.GROUP,
        help_text="Par défaut, les membres du groupe (et les animateurs).",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "réunion"
        ordering = ["working_group", "starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["working_group", "slug"],
                name="meeting_slug_unique_in_group",
                violation_error_message="Ce groupe a déjà une réunion de cet identifiant.",
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at"))
                | models.Q(ends_at__isnull=True),
                name="meeting_ends_after_it_starts",
                violation_error_message="La fin de la réunion précède son début.",
            ),
        ]

    def __str__(self):
        label = self.title or "Réunion"
        return f"{label} du {timezone.localtime(self.starts_at):%d/%m/%Y}"

    def save(self, *args, **kwargs):
        if not self.slug and self.starts_at:
            self.slug = self._free_slug()
        super().save(*args, **kwargs)

    def _free_slug(self) -> str:
        base = f"{timezone.localtime(self.starts_at):%Y-%m-%d}"
        taken = set(
            Meeting.objects.filter(working_group_id=self.working_group_id, slug__startswith=base)
            .exclude(pk=self.pk)
            .values_list("slug", flat=True)
        )
        candidate, number = base, 2
        while candidate in taken:
            candidate, number = f"{base}-{number}", number + 1
        return candidate

    @property
    def has_ended(self) -> bool:
        return (self.ends_at or self.starts_at) < timezone.now()
