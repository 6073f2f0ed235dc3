from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from vita.files import (
    FileFormat,
    file_format,
    library_storage,
    random_name,
    validate_new_upload,
)
from vita.models import (
    EditorialFields,
    PublicationStatus,
    TimestampedModel,
    URLField,
    search_vector,
)
from vita.sorting import FrenchSortKey


class Theme(models.Model):
    """A theme shared by cards and resources (commande publique, mobilité…)."""

    name = models.CharField("nom", max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)
    description = models.TextField("description", blank=True)

    class Meta:
        verbose_name = "thème"
        ordering = [FrenchSortKey("name")]

    def __str__(self):
        return self.name


class Keyword(models.Model):
    """A keyword of the manual's index (« Quelques mots clefs ») or of a card."""

    name = models.CharField("mot clef", max_length=150, unique=True)
    slug = models.SlugField(max_length=150, unique=True)

    class Meta:
        verbose_name = "mot clef"
        verbose_name_plural = "mots clefs"
        ordering = [FrenchSortKey("name")]

    def __str__(self):
        return self.name


class Collection(models.Model):
    """A set of resources published together; collections can nest."""

    name = models.CharField("nom", max_length=255)
    slug = models.SlugField(max_length=255, unique=True)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="collection parente",
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)
    description = models.TextField("description", blank=True, help_text="Markdown.")

    class Meta:
        verbose_name = "collection"
        ordering = ["position", FrenchSortKey("name")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="collection_not_own_parent"
            ),
        ]

    def __str__(self):
        return self.name


class ResourceKind(models.TextChoices):
    GUIDE = "guide", "Guide"
    RECUEIL = "recueil", "Recueil"
    FICHE_REPERE = "fiche_repere", "Fiche repère"
    FICHE_METHODE = "fiche_methode", "Fiche méthode"
    FICHE_EXPERIENCE = "fiche_experience", "Fiche expérience"
    FICHE_RESSOURCE = "fiche_ressource", "Fiche ressource"
    MODELE_FICHE = "modele_fiche", "Modèle de fiche"
    LETTRE = "lettre", "Lettre / newsletter"
    ARTICLE = "article", "Article"
    ETUDE = "etude", "Étude"
    WEBINAIRE = "webinaire", "Webinaire"
    VIDEO = "video", "Vidéo"
    SITE_WEB = "site_web", "Site web"

    @classmethod
    def fiche_kinds(cls):
        return [cls.FICHE_REPERE, cls.FICHE_METHODE, cls.FICHE_EXPERIENCE, cls.FICHE_RESSOURCE]


class AccessLevel(models.TextChoices):
    PUBLIC = "public", "Public"
    MEMBERS = "adherents", "Réservé aux adhérents"
    RESTRICTED = "restreint", "Restreint (démarche CEDRE)"
    # Readable by the members of the working groups the resource belongs to (and the
    # animators), nobody else: listed in their group's space, not in the library.
    GROUP = "groupe", "Réservé aux membres du groupe"


# The levels a permission opens; a group's documents are its members' (resources.access).


class Availability(models.TextChoices):
    AVAILABLE = "disponible", "Disponible"
    ON_REQUEST = "sur_demande", "Sur demande"
    IN_PREPARATION = "en_preparation", "En préparation"
    NOT_DISTRIBUTED = "non_diffusable", "Non diffusable"


class Resource(TimestampedModel, EditorialFields):
    """An item of the library: a guide, a fiche, a newsletter issue, a video…"""

    title = models.CharField("titre", max_length=255)
    slug = models.SlugField(max_length=255, unique=True)
    kind = models.CharField("type", max_length=30, choices=ResourceKind.choices)
    description = models.TextField("description", blank=True, help_text="Markdown.")
    file = models.FileField(
        "fichier",
        storage=library_storage,
        upload_to=random_name,
        blank=True,
        validators=[validate_new_upload],
        help_text="PDF, Word, Excel, PowerPoint, OpenDocument, CSV, PNG ou JPEG.",
    )
    file_format = models.CharField(
        "format", max_length=10, choices=FileFormat.choices, blank=True, editable=False
    )
    file_size = models.PositiveBigIntegerField("taille (octets)", null=True, editable=False)
    author_people = models.ManyToManyField(
        "organisations.Person",
        blank=True,
        related_name="authored_resources",
        verbose_name="auteurs",
    )
    author_organisations = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="authored_resources",
        verbose_name="structures autrices",
    )
    publisher = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="published_resources",
        verbose_name="éditeur",
    )
    year = models.PositiveSmallIntegerField("année", null=True, blank=True)
    part_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="parts",
        verbose_name="paru dans",
        help_text="Le document qui la contient : le numéro d'une lettre, un manuel, un recueil.",
    )
    part_of_detail = models.CharField(
        "emplacement",
        max_length=100,
        blank=True,
        help_text="Où elle se trouve dans ce document, ex. « p. 4-5 ».",
    )
    where_to_find = models.CharField(
        "où la trouver",
        max_length=500,
        blank=True,
        help_text=(
            "Ce que le document dit de la façon de se la procurer, ex. « accessible aux "
            "adhérents COORACE », « disponible sur le site Internet du COORACE (2008) »."
        ),
    )
    version_label = models.CharField("version", max_length=100, blank=True)
    version_date = models.DateField("date de version", null=True, blank=True)
    collection = models.ForeignKey(
        Collection,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources",
        verbose_name="collection",
    )
    position = models.PositiveSmallIntegerField("ordre dans la collection", default=0)
    access_level = models.CharField(
        "accès", max_length=20, choices=AccessLevel.choices, default=AccessLevel.PUBLIC
    )
    availability = models.CharField(
        "disponibilité", max_length=20, choices=Availability.choices, default=Availability.AVAILABLE
    )
    working_groups = models.ManyToManyField(
        "workgroups.WorkingGroup",
        blank=True,
        related_name="resources",
        verbose_name="groupes de travail",
        help_text="Groupes dont la ressource est une production ou un support.",
    )
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="resources", verbose_name="thèmes"
    )
    status = models.CharField(
        "statut", max_length=20, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    published_at = models.DateTimeField("publié le", null=True, blank=True)
    download_count = models.PositiveIntegerField("téléchargements", default=0, editable=False)
    search_vector = models.GeneratedField(
        expression=search_vector(("title",), ("description",)),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    # Every change kept: who, when, what (django-simple-history); computed columns aside.
    history = HistoricalRecords(excluded_fields=["search_vector"])

    class Meta:
        verbose_name = "ressource"
        ordering = [FrenchSortKey("title")]
        permissions = [
            ("import_resource", "Peut importer des ressources"),
            ("export_resource", "Peut exporter des ressources"),
            ("publish_resource", "Peut publier, dépublier et archiver une ressource"),
            ("view_member_resources", "Peut consulter les ressources réservées aux adhérents"),
            ("view_restricted_resources", "Peut consulter les ressources à accès restreint"),
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(title=""), name="resource_title_not_empty"),
            models.CheckConstraint(
                condition=models.Q(year__gte=1900, year__lte=2100) | models.Q(year__isnull=True),
                name="resource_year_plausible",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "kind"]),
            GinIndex(fields=["search_vector"], name="resource_search_gin"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Format and size are the file's: kept beside it for the facets and the button.
        if self.file:
            self.file_format = file_format(self.file.name) or ""
            try:
                self.file_size = self.file.size
            except FileNotFoundError:  # a stored file gone missing: the download says so
                self.file_size = None
        else:
            self.file_format, self.file_size = "", None
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("resources:resource", kwargs={"slug": self.slug})

    @cached_property
    def is_source_document(self) -> bool:
        """One of the documents the cards were read from (the portal holds its text).

        Lists and pages annotate it (`resources.selectors.with_source_flag`)."""
        return self.source_of_cards.exists()

    @property
    def is_reference(self) -> bool:
        """Only a bibliographic reference: the portal holds neither its file nor its text
        (a fiche, a part of a document it holds, a source document)."""
        if self.file or self.part_of_id or hasattr(self, "fiche"):
            return False
        return not self.is_source_document

    def reference_details(self) -> list[str]:
        """What a reference gives besides the title: authors, publisher, version, date."""
        authors = [str(person) for person in self.author_people.all()]
        authors += [organisation.name for organisation in self.author_organisations.all()]
        details = [", ".join(authors)] if authors else []
        if self.publisher and self.publisher.name not in authors:
            details.append(self.publisher.name)
        if self.version_label and self.version_label not in self.title:
            details.append(self.version_label)
        if self.version_date:
            details.append(date_format(self.version_date, "F Y"))
        elif self.year and str(self.year) not in self.version_label:
            details.append(str(self.year))
        return details


class ResourceLink(models.Model):
    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="links")
    position = models.PositiveSmallIntegerField("ordre", default=0)
    url = URLField("adresse", max_length=500)
    label = models.CharField("libellé", max_length=255, blank=True)

    class Meta:
        verbose_name = "lien"
        ordering = ["resource", "position"]

    def __str__(self):
        return self.label or self.url


class FichePart(models.TextChoices):
    REPERES = "I", "I — Repères"
    METHODES = "II", "II — Méthodes / outils"
    EXPERIENCES = "III", "III — Expériences"


class Fiche(models.Model):
    """The structure of a fiche resource: its code, place in the manual, blocks, links.

    Its type is the resource's kind (fiche repère, méthode, expérience, ressource).
    """

    resource = models.OneToOneField(
        Resource, on_delete=models.CASCADE, related_name="fiche", verbose_name="ressource"
    )
    code = models.CharField(
        "code", max_length=30, unique=True, help_text="Code stable : I-A-1, I-C-2-b, II-3, III-14…"
    )
    part = models.CharField("partie", max_length=3, choices=FichePart.choices, blank=True)
    section = models.CharField(
        "section", max_length=30, blank=True, help_text="Ex. A, C-1, C-2 pour la partie I."
    )
    section_title = models.CharField("titre de la section", max_length=255, blank=True)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    keywords = models.ManyToManyField(
        Keyword, through="KeywordEntry", related_name="fiches", verbose_name="mots clefs"
    )

    class Meta:
        verbose_name = "fiche structurée"
        verbose_name_plural = "fiches structurées"
        ordering = ["position", "code"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(code=""), name="fiche_code_not_empty"),
        ]

    def __str__(self):
        return f"{self.code} — {self.resource.title}"

    def get_absolute_url(self):
        return reverse("resources:fiche", kwargs={"code": self.code})


class BlockKind(models.TextChoices):
    EN_BREF = "en_bref", "En bref"
    DE_QUOI = "de_quoi", "De quoi s'agit-il ?"
    COMMENT = "comment", "Comment ?"
    DEFINITION = "definition", "Définition"
    OBJECTIFS = "objectifs", "Objectifs"
    CONTEXTE = "contexte", "Le contexte de l'expérience"
    EXPERIENCE = "experience", "L'expérience"
    POINTS_MARQUANTS = "points_marquants", "Les points marquants"
    QUESTIONNEMENTS = "questionnements", "Les questionnements et points de tension"
    PAROLES = "paroles", "Paroles d'acteurs"
    POUR_ALLER_PLUS_LOIN = "pour_aller_plus_loin", "Pour aller plus loin"
    BIBLIOGRAPHIE = "bibliographie", "Bibliographie / autres ressources"
    EN_SAVOIR_PLUS = "en_savoir_plus", "Pour en savoir plus"
    AUTRE = "autre", "Autre"


class FicheBlock(models.Model):
    fiche = models.ForeignKey(Fiche, on_delete=models.CASCADE, related_name="blocks")
    position = models.PositiveSmallIntegerField("ordre", default=0)
    kind = models.CharField("type de rubrique", max_length=30, choices=BlockKind.choices)
    heading = models.CharField("intitulé tel qu'écrit", max_length=255, blank=True)
    body = models.TextField("contenu", blank=True, help_text="Markdown.")
    search_vector = models.GeneratedField(
        expression=search_vector(("heading",), (), ("body",)),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = "rubrique"
        ordering = ["fiche", "position"]
        indexes = [GinIndex(fields=["search_vector"], name="fiche_block_search_gin")]

    def __str__(self):
        return self.heading or self.get_kind_display()


class KeyPointKind(models.TextChoices):
    SUCCESS_KEY = "clef_reussite", "Clef de réussite"
    WATCH_POINT = "point_vigilance", "Point de vigilance"


class FicheKeyPoint(models.Model):
    fiche = models.ForeignKey(Fiche, on_delete=models.CASCADE, related_name="key_points")
    position = models.PositiveSmallIntegerField("ordre", default=0)
    kind = models.CharField("type", max_length=20, choices=KeyPointKind.choices)
    text = models.TextField("texte")

    class Meta:
        verbose_name = "clef de réussite ou point de vigilance"
        verbose_name_plural = "clefs de réussite et points de vigilance"
        ordering = ["fiche", "kind", "position"]

    def __str__(self):
        return self.text[:80]


class FicheLinkKind(models.TextChoices):
    SEE_ALSO = "voir_aussi", "Voir aussi"
    ILLUSTRATED_BY = "illustree_par", "Illustrée par"
    DIMENSION = "dimension", "Dimension mise en œuvre"
    FURTHER_METHOD = "methode", "Pour aller plus loin : méthode"
    FURTHER_EXPERIENCE = "experience", "Pour aller plus loin : expérience"


class FicheLink(models.Model):
    """A fiche citing another; « cité par » is the reverse, never stored."""

    source = models.ForeignKey(
        Fiche, on_delete=models.CASCADE, related_name="outgoing_links", verbose_name="fiche"
    )
    target = models.ForeignKey(
        Fiche, on_delete=models.CASCADE, related_name="incoming_links", verbose_name="fiche citée"
    )
    kind = models.CharField("type de lien", max_length=20, choices=FicheLinkKind.choices)
    position = models.PositiveSmallIntegerField("ordre", default=0)

    class Meta:
        verbose_name = "lien entre fiches"
        verbose_name_plural = "liens entre fiches"
        ordering = ["source", "position"]
        constraints = [
            models.UniqueConstraint(fields=["source", "target", "kind"], name="fiche_link_once"),
            models.CheckConstraint(
                condition=~models.Q(source=models.F("target")), name="fiche_link_not_to_itself"
            ),
        ]

    def __str__(self):
        return f"{self.source.code} → {self.target.code} ({self.get_kind_display()})"


class KeywordEntry(models.Model):
    """An entry of the keyword index: a keyword pointing to a fiche."""

    keyword = models.ForeignKey(Keyword, on_delete=models.CASCADE, related_name="entries")
    fiche = models.ForeignKey(Fiche, on_delete=models.CASCADE, related_name="keyword_entries")
    is_primary = models.BooleanField("entrée principale", default=False)

    class Meta:
        verbose_name = "entrée d'index"
        verbose_name_plural = "entrées d'index"
        ordering = ["keyword", "-is_primary", "fiche"]
        constraints = [
            models.UniqueConstraint(fields=["keyword", "fiche"], name="keyword_entry_once"),
        ]

    def __str__(self):
        return f"{self.keyword} → {self.fiche.code}"


class IssueMailing(models.Model):
    """The mailing of a resource of a mailed collection (an issue of the Lettre VITA) to
    its topic's subscribers (`resources.mailings`). One row per topic and resource, claimed
    before anything is sent: an issue goes out once, whatever runs the job twice. An issue
    the import of the source documents brought (the Lettre's 2006-2007 issues) gets a row
    that says it was not sent."""

    class Status(models.TextChoices):
        QUEUED = "queued", "En attente d'envoi"
        SENDING = "sending", "Envoi en cours"
        SENT = "sent", "Envoyé"
        FAILED = "failed", "Échec"
        NOT_SENT = "not_sent", "Non envoyé (archive)"  # brought by the source documents

    resource = models.ForeignKey(
        Resource, on_delete=models.CASCADE, related_name="mailings", verbose_name="numéro"
    )
    topic = models.CharField("envoi", max_length=50)
    status = models.CharField("état", max_length=10, choices=Status.choices)
    created_at = models.DateTimeField("décidé le", auto_now_add=True)
    sent_at = models.DateTimeField("envoyé le", null=True, blank=True)
    recipients = models.PositiveIntegerField("destinataires", default=0)
    message = models.TextField("message", blank=True)

    class Meta:
        verbose_name = "envoi d'un numéro"
        verbose_name_plural = "envois des numéros"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "resource"], name="issue_mailing_once_per_topic"
            ),
        ]

    def __str__(self):
        return f"{self.resource} — {self.get_status_display()}"
