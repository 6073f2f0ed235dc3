"""Building blocks shared by the apps' models."""

import operator
from functools import reduce

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.functions import MD5, Lower
from django.forms import CheckboxSelectMultiple, MultipleChoiceField


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "Brouillon"
    IN_REVIEW = "in_review", "En relecture"
    PUBLISHED = "published", "Publié"
    ARCHIVED = "archived", "Archivé"


class TimestampedModel(models.Model):
    created_at = models.DateTimeField("créé le", auto_now_add=True)
    updated_at = models.DateTimeField("modifié le", auto_now=True)

    class Meta:
        abstract = True


class EditorialFields(models.Model):
    """What the editorial workflow (vita.workflow) keeps on a card or a resource besides
    its status: who wrote it, and the comment of the animator who sent it back."""

    review_comment = models.TextField(
        "commentaire de relecture",
        blank=True,
        help_text="Laissé par l'animateur qui renvoie en brouillon.",
    )
    created_by = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="créé par",
        editable=False,
    )

    class Meta:
        abstract = True


class ChoiceArrayField(ArrayField):
    """An array of choices, edited as checkboxes (several structure types, milieux…)."""

    def formfield(self, **kwargs):
        return MultipleChoiceField(
            choices=self.base_field.choices,
            required=not self.blank,
            widget=CheckboxSelectMultiple,
            label=self.verbose_name[:1].upper() + self.verbose_name[1:],
            help_text=self.help_text,
        )


class URLField(models.URLField):
    """A URL typed without a scheme is https (Django 6's default, adopted now)."""

    def formfield(self, **kwargs):
        return super().formfield(**{"assume_scheme": "https", **kwargs})


SEARCH_CONFIG = "french_unaccent"


def search_vector(*fields_by_weight):
    """A weighted French search vector over a model's own text fields, for a
    GeneratedField: `search_vector(("title",), ("description",))` weighs title A,
    description B (then C, D)."""
    from django.contrib.postgres.search import SearchVector

    vectors = [
        SearchVector(*fields, weight=weight, config=SEARCH_CONFIG)
        for fields, weight in zip(fields_by_weight, "ABCD", strict=False)
        if fields
    ]
    combined = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


class ImmutableUnaccent(models.Func):
    """`immutable_unaccent(text)`, created by migration vita 0001: usable in indexes and
    generated columns, where unaccent itself is not."""

    function = "immutable_unaccent"
    output_field = models.TextField()


def search_name(*fields):
    """An accent-free, lower-case copy of name fields, for trigram look-ups (« Isere »
    finds « Isère », « coorace » finds « COORACE »)."""
    from django.db.models.functions import Coalesce, Concat, Lower

    parts = []
    for field in fields:
        if parts:
            parts.append(models.Value(" "))
        parts.append(Coalesce(field, models.Value("")))
    joined = Concat(*parts, output_field=models.TextField()) if len(parts) > 1 else parts[0]
    return Lower(ImmutableUnaccent(joined))


def import_storage():
    """Files waiting to be imported: private, like the library's."""
    from django.core.files.storage import storages

    return storages["library"]


def import_file_name(job, filename: str) -> str:
    """A random name: an uploaded name never reaches the disk."""
    import uuid
    from pathlib import PurePath

    return f"imports/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()[:10]}"


class ImportJob(models.Model):
    """A large import run by the task worker: first checked (nothing written), then, once
    an animator confirms, written in one transaction. Survives web worker restarts."""

    class Status(models.TextChoices):
        CHECKING = "checking", "Vérification en cours"
        CHECKED = "checked", "Vérifié : prêt à importer"
        INVALID = "invalid", "Erreurs : rien n'a été importé"
        IMPORTING = "importing", "Import en cours"
        DONE = "done", "Importé"
        FAILED = "failed", "Échec : rien n'a été importé"

    user = models.ForeignKey(
        "auth.User", on_delete=models.SET_NULL, null=True, verbose_name="lancé par"
    )
    model = models.CharField("données", max_length=100)  # app_label.model_name
    resource_path = models.CharField(max_length=200)  # the spreadsheet class (`CardSheet`…)
    format_index = models.PositiveSmallIntegerField()
    file = models.FileField("fichier", upload_to=import_file_name, storage=import_storage)
    original_name = models.CharField("nom du fichier", max_length=255)
    status = models.CharField(
        "état", max_length=20, choices=Status.choices, default=Status.CHECKING
    )
    total_rows = models.PositiveIntegerField("lignes", default=0)
    checked_rows = models.PositiveIntegerField("lignes vérifiées", default=0)
    counts = models.JSONField("bilan", default=dict)  # new / update / skip
    errors = models.JSONField("erreurs", default=list)  # « Ligne N — Colonne — message »
    created_at = models.DateTimeField("lancé le", auto_now_add=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)

    class Meta:
        verbose_name = "import de fichier"
        verbose_name_plural = "imports de fichiers"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.original_name} ({self.get_status_display()})"

    @property
    def running(self) -> bool:
        return self.status in (self.Status.CHECKING, self.Status.IMPORTING)

    @property
    def progress(self) -> int:
        return round(100 * self.checked_rows / self.total_rows) if self.total_rows else 0


class ScheduledRun(models.Model):
    """One occurrence of a scheduled job (`vita.scheduling`). The scheduler that inserts
    the row first runs the occurrence; the unique (job, due_at) pair keeps any other from
    running it again."""

    class Status(models.TextChoices):
        RUNNING = "running", "En cours"
        SUCCEEDED = "succeeded", "Réussie"
        ENQUEUED = "enqueued", "Confiée au worker"
        FAILED = "failed", "Échec"

    job = models.CharField("tâche", max_length=100)
    due_at = models.DateTimeField("échéance")
    status = models.CharField("résultat", max_length=20, choices=Status.choices)
    started_at = models.DateTimeField("commencée le")
    finished_at = models.DateTimeField("terminée le", null=True, blank=True)
    message = models.TextField("compte rendu", blank=True)  # what it did, or its error
    claimed_by = models.CharField("lancée par", max_length=200)  # host and process id

    class Meta:
        verbose_name = "exécution de tâche planifiée"
        verbose_name_plural = "tâches planifiées"
        ordering = ["-due_at", "job"]
        constraints = [
            models.UniqueConstraint(fields=["job", "due_at"], name="scheduled_run_once"),
        ]

    def __str__(self):
        from django.utils.timezone import localtime

        return f"{self.job} ({localtime(self.due_at):%d/%m/%Y %H:%M})"


# The records a « point à vérifier » can be about, as `app_label.model_name` (the kernel
# names them without importing their apps); their admins show their open points
# (vita.admin.ReviewPointsAdminMixin).
REVIEWABLE_MODELS = (
    "experiences.experiencecard",
    "workgroups.workinggroup",
    "resources.fiche",
    "resources.resource",
    "organisations.organisation",
)


def reviewable_content_types() -> models.Q:
    """The content types of REVIEWABLE_MODELS, as a condition on ContentType."""
    conditions = [
        models.Q(app_label=app_label, model=model)
        for app_label, model in (label.split(".") for label in REVIEWABLE_MODELS)
    ]
    return reduce(operator.or_, conditions)


class ReviewPoint(models.Model):
    """Something to check on a record: a reader's report (« Signaler une erreur ») or
    what the import of a source document could not settle. Animators close it once it
    is settled. Written by vita.reviews; the record is any of REVIEWABLE_MODELS."""

    class Origin(models.TextChoices):
        REPORT = "report", "Signalement"
        IMPORT = "import", "Import des documents sources"

    class Status(models.TextChoices):
        OPEN = "open", "À vérifier"
        CLOSED = "closed", "Réglé"

    content_type = models.ForeignKey(
        "contenttypes.ContentType",
        on_delete=models.CASCADE,
        limit_choices_to=reviewable_content_types,
        verbose_name="type de fiche",
    )
    object_id = models.PositiveBigIntegerField("identifiant de la fiche")
    record = GenericForeignKey("content_type", "object_id")
    origin = models.CharField("origine", max_length=10, choices=Origin.choices)
    where = models.CharField("où", max_length=200, blank=True)
    what = models.TextField("ce qui est à vérifier")
    email = models.EmailField("e-mail du lecteur", blank=True)
    document = models.CharField(
        "document source",
        max_length=10,
        blank=True,
        help_text="Le code du document dont l'import a relevé ce doute (« 000 »…).",
    )
    status = models.CharField("état", max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField("relevé le", auto_now_add=True)
    closed_at = models.DateTimeField("réglé le", null=True, blank=True)
    closed_by = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="réglé par",
    )
    closing_note = models.TextField("note de clôture", blank=True)

    class Meta:
        verbose_name = "point à vérifier"
        verbose_name_plural = "points à vérifier"
        ordering = ["-created_at", "-pk"]
        indexes = [
            # The open points of a record, counted on every admin list of records.
            models.Index(
                fields=["content_type", "object_id"],
                condition=models.Q(status="open"),
                name="reviewpoint_open_by_record",
            ),
            models.Index(fields=["status", "-created_at"], name="reviewpoint_queue"),
        ]
        constraints = [
            # One doubt per document, record and text: the import finds it again.
            models.UniqueConstraint(
                models.F("document"),
                models.F("content_type"),
                models.F("object_id"),
                MD5("what"),
                condition=models.Q(origin="import"),
                name="reviewpoint_one_doubt_per_text",
            ),
            models.CheckConstraint(
                condition=models.Q(origin="import", document__gt="")
                | models.Q(origin="report", document=""),
                name="reviewpoint_document_for_import_only",
            ),
            models.CheckConstraint(
                condition=models.Q(status="open", closed_at__isnull=True)
                | models.Q(status="closed", closed_at__isnull=False),
                name="reviewpoint_closed_has_a_date",
            ),
        ]

    def __str__(self):
        text = " ".join(self.what.split())
        return text if len(text) <= 80 else text[:79] + "…"


class Subscription(models.Model):
    """An address subscribed to a topic (`vita.subscriptions.topics`): the Lettre VITA, or
    an alert on a search (its `parameters`, mailed at its `frequency`). No account is
    needed; the account whose address it is, when there is one, is linked. Pending until
    the link e-mailed to the address is followed (double opt-in); unsubscribed by the link
    of each mailing. Written by vita.subscriptions.services only."""

    class State(models.TextChoices):
        PENDING = "pending", "En attente de confirmation"
        ACTIVE = "active", "Actif"
        UNSUBSCRIBED = "unsubscribed", "Désabonné"

    class Frequency(models.TextChoices):
        DAILY = "daily", "Chaque jour"
        WEEKLY = "weekly", "Chaque semaine"

    email = models.EmailField("adresse e-mail")
    topic = models.CharField("sujet", max_length=50)
    # A topic that takes parameters (a search alert): what the subscription follows, as
    # its canonical query string (« region=32&groupe=A2 »), and how often it is mailed.
    parameters = models.CharField("recherche", max_length=2000, blank=True, default="")
    frequency = models.CharField(
        "fréquence", max_length=10, choices=Frequency.choices, blank=True, default=""
    )
    # The last mailing sent: the next one tells what is new since then (or since the
    # confirmation, for the first).
    last_sent_at = models.DateTimeField("dernier envoi le", null=True, blank=True)
    user = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subscriptions",
        verbose_name="compte",
    )
    state = models.CharField("état", max_length=15, choices=State.choices, default=State.PENDING)
    confirmation_token = models.CharField(max_length=64, unique=True)
    unsubscribe_token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField("demandé le", auto_now_add=True)
    confirmation_sent_at = models.DateTimeField("lien de confirmation envoyé le")
    confirmed_at = models.DateTimeField("confirmé le", null=True, blank=True)
    unsubscribed_at = models.DateTimeField("désabonné le", null=True, blank=True)

    class Meta:
        verbose_name = "abonnement"
        verbose_name_plural = "abonnements"
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One live subscription per address, topic and search (an address's case
            # aside): an address may follow several searches, each once.
            models.UniqueConstraint(
                Lower("email"),
                "topic",
                "parameters",
                condition=models.Q(state__in=["pending", "active"]),
                name="subscription_one_live_per_address_topic_and_search",
            ),
            # A search alert has its frequency; a plain topic (the Lettre) has neither.
            models.CheckConstraint(
                condition=models.Q(frequency__in=["daily", "weekly"])
                | models.Q(frequency="", parameters=""),
                name="subscription_alert_has_a_frequency",
            ),
            models.CheckConstraint(
                condition=models.Q(state="pending")
                | models.Q(state="active", confirmed_at__isnull=False)
                | models.Q(state="unsubscribed", unsubscribed_at__isnull=False),
                name="subscription_state_has_its_date",
            ),
        ]
        indexes = [models.Index(fields=["topic", "state"], name="subscription_by_topic")]

    def __str__(self):
        return f"{self.email} — {self.topic}"
