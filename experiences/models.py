from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from organisations.enums import ContactRole
from resources.models import FicheLinkKind
from territories.models import Milieu, Scale
from vita.models import ChoiceArrayField, EditorialFields, PublicationStatus, TimestampedModel
from vita.sorting import FrenchSortKey


class CardCategory(models.TextChoices):
    SIAE = "siae", "Expérience de SIAE"
    NETWORK = "reseau", "Expérience de réseau"
    PARTNER = "partenaire", "Contribution de partenaire"


class ExperienceCard(TimestampedModel, EditorialFields):
    """An experience card: who did what, where, what held them back and what helped."""

    title = models.CharField("titre", max_length=255)
    slug = models.SlugField(max_length=255, unique=True)
    summary = models.TextField("en bref", blank=True, help_text="Markdown.")
    category = models.CharField(
        "catégorie", max_length=20, choices=CardCategory.choices, default=CardCategory.SIAE
    )

    porteur = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="carried_cards",
        verbose_name="porteur",
    )
    partners = models.ManyToManyField(
        "organisations.Organisation",
        blank=True,
        related_name="partner_cards",
        verbose_name="partenaires",
    )

    # Territory: filed under a current région, keeping the name its source wrote.
    region = models.ForeignKey(
        "territories.Region",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="cards",
        verbose_name="région",
    )
    region_as_written = models.CharField(
        "région telle qu'écrite",
        max_length=100,
        blank=True,
        help_text="Ex. « Nord-Pas-de-Calais » pour une fiche d'avant 2016.",
    )
    departements = models.ManyToManyField(
        "territories.Departement", blank=True, related_name="cards", verbose_name="départements"
    )
    territory_name = models.CharField(
        "nom du territoire",
        max_length=255,
        blank=True,
        help_text="Tel qu'écrit : « Pays de Gâtine », « Communauté de communes du Pays de Bégard »",
    )
    scale = models.CharField("échelle", max_length=20, choices=Scale.choices, blank=True)
    milieux = ChoiceArrayField(
        models.CharField(max_length=20, choices=Milieu.choices),
        verbose_name="milieux",
        default=list,
        blank=True,
    )

    start_year = models.PositiveSmallIntegerField("année de début", null=True, blank=True)
    end_year = models.PositiveSmallIntegerField("année de fin", null=True, blank=True)
    key_figures = models.TextField("chiffres clés", blank=True, help_text="Markdown.")

    context = models.TextField("contexte", blank=True, help_text="Markdown.")
    actions = models.TextField("l'expérience", blank=True, help_text="Markdown.")
    results = models.TextField("résultats", blank=True, help_text="Markdown.")
    perspectives = models.TextField("perspectives", blank=True, help_text="Markdown.")
    problematiques = models.TextField(
        "problématiques principales", blank=True, help_text="Markdown."
    )
    mutualisation_sought = models.TextField(
        "mutualisation recherchée", blank=True, help_text="Markdown."
    )
    mutualisation_offered = models.TextField(
        "mutualisation proposée", blank=True, help_text="Markdown."
    )
    # What the card says of its tools as a whole, over their list: who makes them
    # available and to whom (« Sont disponibles auprès du CAI 92 : »).
    tools_intro = models.TextField(
        "présentation des outils",
        blank=True,
        help_text="Markdown. La phrase qui précède la liste des outils : qui les met à "
        "disposition, auprès de qui les demander.",
    )

    working_groups = models.ManyToManyField(
        "workgroups.WorkingGroup",
        through="CardListing",
        blank=True,
        related_name="cards",
        verbose_name="groupes de travail",
    )
    resources = models.ManyToManyField(
        "resources.Resource", blank=True, related_name="cards", verbose_name="ressources liées"
    )
    themes = models.ManyToManyField(
        "resources.Theme", blank=True, related_name="cards", verbose_name="thèmes"
    )
    keywords = models.ManyToManyField(
        "resources.Keyword", blank=True, related_name="cards", verbose_name="mots clefs"
    )

    source_resource = models.ForeignKey(
        "resources.Resource",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="source_of_cards",
        verbose_name="document source",
    )
    source_page = models.PositiveIntegerField("page dans la source", null=True, blank=True)
    fiche = models.OneToOneField(
        "resources.Fiche",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="experience_card",
        verbose_name="fiche expérience du manuel",
    )

    status = models.CharField(
        "statut", max_length=20, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    published_at = models.DateTimeField("publiée le", null=True, blank=True)
    # Kept by database triggers from the card and its related rows, as declared in
    # `experiences/search_document.py`.
    search_vector = SearchVectorField(null=True, editable=False)
    # Title and presentation only (`search_document.RANKED_WEIGHTS`): what « Pertinence »
    # ranks by, small enough to stay in the row.
    rank_vector = SearchVectorField(null=True, editable=False)

    # Every change kept: who, when, what (django-simple-history); computed columns aside.
    history = HistoricalRecords(excluded_fields=["search_vector", "rank_vector"])

    class Meta:
        verbose_name = "fiche expérience"
        verbose_name_plural = "fiches expériences"
        ordering = [FrenchSortKey("title")]
        permissions = [
            ("import_experiencecard", "Peut importer des fiches expériences"),
            ("export_experiencecard", "Peut exporter des fiches expériences"),
            ("publish_experiencecard", "Peut publier, dépublier et archiver une fiche expérience"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status=PublicationStatus.PUBLISHED)
                | (
                    ~models.Q(title="")
                    & models.Q(porteur__isnull=False)
                    & models.Q(region__isnull=False)
                ),
                name="published_card_has_title_porteur_and_territory",
                violation_error_message=(
                    "Une fiche publiée doit avoir un titre, un porteur et une région."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(end_year__gte=models.F("start_year"))
                | models.Q(end_year__isnull=True)
                | models.Q(start_year__isnull=True),
                name="card_period_in_order",
                violation_error_message="L'année de fin précède l'année de début.",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-published_at"]),
            # The facet counts and the home page's counts read these columns of every
            # published card: from this narrow index (an index-only scan), not the wide
            # rows (measured at 100,000 cards: 94 → 17 ms a facet).
            models.Index(
                fields=["status"],
                include=["id", "region", "category", "milieux", "porteur", "published_at"],
                name="card_status_facet_columns",
            ),
            GinIndex(fields=["search_vector"], name="card_search_vector_gin"),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("experiences:detail", kwargs={"slug": self.slug})

    @property
    def milieu_labels(self) -> list[str]:
        return [Milieu(value).label for value in self.milieux]

    @property
    def other_regions(self) -> list:
        """The régions of its départements besides its own: a card has one région, and a
        territory across a border (G2-3's Pays de Redon, over Bretagne and Pays de la
        Loire) says the other one too."""
        others = []
        for departement in self.departements.all():
            region = departement.region
            if region.pk != self.region_id and region not in others:
                others.append(region)
        return others

    @property
    def years_label(self) -> str:
        """The years, short, for a list: « 2004 – 2007 », « 2007 », « depuis 2003 »."""
        start, end = self.start_year, self.end_year
        if not start:
            return ""
        if not end:
            return f"depuis {start}"
        return str(start) if end == start else f"{start} – {end}"

    @property
    def period_label(self) -> str:
        """The years as a reader expects them: « 2004 – 2007 », « 2007 » for one year; an
        empty end year is an experience still running, said as of its source's year
        (« depuis 2003, en cours en 2008 »), never a bare « 2003 » read as one year; an end
        after its source's year was a plan then (« depuis 2007, prévu jusqu'en 2010 »)."""
        start, end = self.start_year, self.end_year
        if not start:
            return ""
        source = self.source_resource if self.source_resource_id else None
        as_of = source.year if source else None
        if end and as_of and end > as_of:
            if start > as_of:
                return f"prévu en {start}" if end == start else f"prévu de {start} à {end}"
            return f"depuis {start}, prévu jusqu'en {end}"
        if end == start:
            return str(start)
        if end:
            return f"{start} – {end}"
        if as_of and as_of > start:
            return f"depuis {start}, en cours en {as_of}"
        return f"depuis {start}"


class CardContact(models.Model):
    """A person named on a card, with their role there (référent principal…)."""

    card = models.ForeignKey(ExperienceCard, on_delete=models.CASCADE, related_name="contacts")
    person = models.ForeignKey(
        "organisations.Person",
        on_delete=models.PROTECT,
        related_name="card_roles",
        verbose_name="personne",
    )
    role = models.CharField(
        "rôle",
        max_length=30,
        choices=[
            (role.value, role.label)
            for role in (
                ContactRole.REFERENT_PRINCIPAL,
                ContactRole.AUTRE_REFERENT,
                ContactRole.CONTACT,
            )
        ],
        default=ContactRole.CONTACT,
    )
    # What this card prints of the person: a 2008 card keeps « Directeur » when a later
    # document names the same person otherwise (the person's record shows the latest).
    role_as_written = models.CharField(
        "fonction sur la fiche",
        max_length=255,
        blank=True,
        help_text="La fonction de la personne telle que la fiche l'écrit ; vide : celle de sa "
        "fiche personne.",
    )
    email_as_written = models.EmailField(
        "e-mail sur la fiche",
        blank=True,
        help_text="L'e-mail de la personne tel que la fiche l'écrit ; vide : celui de sa fiche "
        "personne.",
    )
    position = models.PositiveSmallIntegerField("ordre", default=0)
    working_groups = models.ManyToManyField(
        "workgroups.WorkingGroup",
        blank=True,
        related_name="card_contacts",
        verbose_name="ateliers",
        help_text="Ateliers auxquels la personne participe, selon la fiche (A1, A2, GT…).",
    )

    class Meta:
        verbose_name = "contact"
        ordering = ["card", "position"]
        constraints = [
            models.UniqueConstraint(fields=["card", "person"], name="card_contact_once"),
            models.UniqueConstraint(
                fields=["card"],
                condition=models.Q(role=ContactRole.REFERENT_PRINCIPAL),
                name="one_referent_principal_per_card",
                violation_error_message="Une fiche a au plus un référent principal.",
            ),
        ]

    def __str__(self):
        return f"{self.person} ({self.get_role_display()})"

    @property
    def shown_role(self) -> str:
        """The function the card prints; where it prints none, the person's only when no
        document gave it (an editor's): another document's is `role_elsewhere`."""
        if self.role_as_written or self._elsewhere("role"):
            return self.role_as_written
        return self.person.role

    @property
    def shown_email(self) -> str:
        if self.email_as_written or self._elsewhere("email"):
            return self.email_as_written
        return self.person.email

    @property
    def role_elsewhere(self) -> tuple[str, str] | None:
        """Where the card prints no function, the person's from another document and which
        (« d'après COORACE, Manuel de référence DTS, version 1 (2010) »): the page says so,
        never as if the card printed it."""
        return None if self.role_as_written else self._elsewhere("role")

    @property
    def email_elsewhere(self) -> tuple[str, str] | None:
        return None if self.email_as_written else self._elsewhere("email")

    def _elsewhere(self, field: str) -> tuple[str, str] | None:
        """The person's value of `field` and the latest document that gives it, if one."""
        value = getattr(self.person, field)
        if not value:
            return None
        # Mentions are ordered latest first.
        mention = next((m for m in self.person.mentions.all() if getattr(m, field) == value), None)
        if mention is None:
            return None
        label = mention.source_label
        if str(mention.year) not in label:
            label = f"{label}, {mention.year}"
        return value, f"d'après {label}"


class PointKind(models.TextChoices):
    FREIN = "frein", "Frein"
    LEVIER = "levier", "Levier"


class CardPoint(models.Model):
    """A frein met or a levier used, in the card's order."""

    card = models.ForeignKey(ExperienceCard, on_delete=models.CASCADE, related_name="points")
    kind = models.CharField("type", max_length=10, choices=PointKind.choices)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    topic = models.CharField(
        "rubrique", max_length=255, blank=True, help_text="Intitulé de rubrique, s'il y en a."
    )
    text = models.TextField("texte")

    class Meta:
        verbose_name = "frein ou levier"
        verbose_name_plural = "freins et leviers"
        ordering = ["card", "kind", "position"]

    def __str__(self):
        return f"{self.get_kind_display()} : {self.text[:60]}"


class _PointsOfKind(models.Manager):
    def __init__(self, kind):
        super().__init__()
        self.kind = kind

    def get_queryset(self):
        return super().get_queryset().filter(kind=self.kind)


class Frein(CardPoint):
    """Freins alone, so the admin edits them in their own list."""

    objects = _PointsOfKind(PointKind.FREIN)

    class Meta:
        proxy = True
        verbose_name = "frein rencontré"
        verbose_name_plural = "freins rencontrés"

    def save(self, *args, **kwargs):
        self.kind = PointKind.FREIN
        super().save(*args, **kwargs)


class Levier(CardPoint):
    """Leviers alone, so the admin edits them in their own list."""

    objects = _PointsOfKind(PointKind.LEVIER)

    class Meta:
        proxy = True
        verbose_name = "levier mobilisé"
        verbose_name_plural = "leviers mobilisés"

    def save(self, *args, **kwargs):
        self.kind = PointKind.LEVIER
        super().save(*args, **kwargs)


class CardTool(models.Model):
    """An item of « outils et ressources », linked to the library when it is there."""

    card = models.ForeignKey(ExperienceCard, on_delete=models.CASCADE, related_name="tools")
    position = models.PositiveSmallIntegerField("ordre", default=0)
    text = models.TextField(
        "outil ou ressource",
        help_text="Une ligne « ### Titre » est un intertitre au-dessus des outils qui la suivent.",
    )
    resource = models.ForeignKey(
        "resources.Resource",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="card_tools",
        verbose_name="ressource de la bibliothèque",
    )

    class Meta:
        verbose_name = "outil ou ressource"
        verbose_name_plural = "outils et ressources"
        ordering = ["card", "position"]

    def __str__(self):
        return self.text[:80]


class CardLinkKind(models.TextChoices):
    OTHER_PROJECT = "autre_projet", "Autre projet"
    SEE_ALSO = "a_consulter", "À consulter également"


class CardLink(models.Model):
    """« Autres projets » and « à consulter également »: a card, a resource, or a label."""

    card = models.ForeignKey(ExperienceCard, on_delete=models.CASCADE, related_name="links")
    kind = models.CharField("type", max_length=20, choices=CardLinkKind.choices)
    position = models.PositiveSmallIntegerField("ordre", default=0)
    target_card = models.ForeignKey(
        ExperienceCard,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="incoming_links",
        verbose_name="fiche liée",
    )
    target_resource = models.ForeignKey(
        "resources.Resource",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="card_links",
        verbose_name="ressource liée",
    )
    label = models.CharField(
        "libellé", max_length=500, blank=True, help_text="Tel qu'écrit dans la source."
    )

    class Meta:
        verbose_name = "lien"
        ordering = ["card", "kind", "position"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_card__isnull=False)
                | models.Q(target_resource__isnull=False)
                | ~models.Q(label=""),
                name="card_link_points_somewhere",
                violation_error_message="Un lien désigne une fiche, une ressource ou un libellé.",
            ),
            models.CheckConstraint(
                condition=~models.Q(target_card=models.F("card")),
                name="card_link_not_to_itself",
            ),
        ]

    def __str__(self):
        return str(self.target_card or self.target_resource or self.label)


class CardListing(models.Model):
    """A card filed in a working group, where a source files it there."""

    card = models.ForeignKey(ExperienceCard, on_delete=models.CASCADE, related_name="listings")
    working_group = models.ForeignKey(
        "workgroups.WorkingGroup",
        on_delete=models.CASCADE,
        related_name="listings",
        verbose_name="groupe de travail",
    )
    position = models.PositiveSmallIntegerField("ordre dans le groupe", default=0)
    source_page = models.PositiveIntegerField("page", null=True, blank=True)
    source_note = models.CharField(
        "où la source le dit",
        max_length=255,
        blank=True,
        help_text="Ex. « sommaire de l'atelier A2 », « codes de la fiche ».",
    )

    class Meta:
        verbose_name = "classement dans un groupe"
        verbose_name_plural = "classements dans les groupes"
        ordering = ["working_group", "position"]
        constraints = [
            models.UniqueConstraint(fields=["card", "working_group"], name="card_listed_once"),
        ]

    def __str__(self):
        return f"{self.card} ∈ {self.working_group.code}"


class FicheCardLink(models.Model):
    """A manual fiche citing an experience card (the reverse is derived)."""

    fiche = models.ForeignKey(
        "resources.Fiche", on_delete=models.CASCADE, related_name="card_links", verbose_name="fiche"
    )
    card = models.ForeignKey(
        ExperienceCard,
        on_delete=models.CASCADE,
        related_name="citing_fiche_links",
        verbose_name="fiche expérience",
    )
    kind = models.CharField("type de lien", max_length=20, choices=FicheLinkKind.choices)

    class Meta:
        verbose_name = "lien d'une fiche vers une expérience"
        verbose_name_plural = "liens des fiches vers les expériences"
        constraints = [
            models.UniqueConstraint(fields=["fiche", "card", "kind"], name="fiche_card_link_once"),
        ]

    def __str__(self):
        return f"{self.fiche.code} → {self.card}"


class ProjectListing(models.Model):
    """A project a source lists in a working group (a sommaire) without its card.

    Kept as the source gives it rather than turned into an invented card.
    """

    working_group = models.ForeignKey(
        "workgroups.WorkingGroup",
        on_delete=models.CASCADE,
        related_name="project_listings",
        verbose_name="groupe de travail",
    )
    title = models.CharField("titre", max_length=255)
    porteur_name = models.CharField("porteur tel qu'écrit", max_length=255, blank=True)
    region_as_written = models.CharField("région telle qu'écrite", max_length=100, blank=True)
    departement = models.ForeignKey(
        "territories.Departement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="département",
    )
    source_resource = models.ForeignKey(
        "resources.Resource",
        on_delete=models.PROTECT,
        related_name="project_listings",
        verbose_name="document source",
    )
    source_page = models.PositiveIntegerField("page", null=True, blank=True)

    class Meta:
        verbose_name = "projet listé sans fiche"
        verbose_name_plural = "projets listés sans fiche"
        ordering = ["working_group", FrenchSortKey("title")]
        constraints = [
            models.UniqueConstraint(
                fields=["working_group", "title", "source_resource"], name="project_listed_once"
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.working_group.code})"


class SearchWord(models.Model):
    """A word of the published cards' texts (title, summary, territory, story) and the
    number of published cards that hold it, kept by database triggers (migration 0010)
    whatever writes the cards; spelling suggestions compare `plain` by trigram similarity
    through its GIN index (« insertoin »). One row per word, not per card and word: at
    100,000 cards that was 20 million rows and 2.4 GB."""

    word = models.CharField(max_length=60, primary_key=True)
    plain = models.CharField(max_length=60)  # lower case, without accents
    # Plain integer: the triggers add and subtract in one upsert.
    cards = models.IntegerField("fiches publiées", default=0)

    class Meta:
        verbose_name = "mot des fiches"
        verbose_name_plural = "mots des fiches"
        indexes = [
            GinIndex(fields=["plain"], opclasses=["gin_trgm_ops"], name="search_word_plain_trgm")
        ]

    def __str__(self):
        return self.word


class SubmissionSource(models.TextChoices):
    FORM = "formulaire", "Formulaire en ligne"
    DOCX = "docx", "Modèle Word"
    XLSX = "xlsx", "Modèle Excel"


class CardSubmission(models.Model):
    """Who proposed a card and how: for the animators only, never on a public page."""

    card = models.OneToOneField(
        ExperienceCard, on_delete=models.CASCADE, related_name="submission", verbose_name="fiche"
    )
    contact_name = models.CharField("nom", max_length=150)
    contact_email = models.EmailField("e-mail")
    contact_phone = models.CharField("téléphone", max_length=50, blank=True)
    user = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="card_submissions",
        verbose_name="compte",
        help_text="Le compte connecté qui a proposé la fiche, s'il y en avait un.",
    )
    source = models.CharField("envoyée par", max_length=20, choices=SubmissionSource.choices)
    submitted_at = models.DateTimeField("proposée le", auto_now_add=True)

    class Meta:
        verbose_name = "proposition de fiche"
        verbose_name_plural = "propositions de fiches"
        ordering = ["-submitted_at"]

    def __str__(self):
        return f"{self.card} — {self.contact_name}"
