import re

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from organisations.enums import ConventionStatus, StructureType
from organisations.matching import OrganisationIndex, organisation_keys
from vita.models import (
    ChoiceArrayField,
    PublicationStatus,
    TimestampedModel,
    URLField,
    search_name,
    search_vector,
)
from vita.sorting import FrenchSortKey


def absolute_url(address: str) -> str:
    """A web address as a link needs it: « www.x.org » is « https://www.x.org » (the
    scheme a document omits is today's default); one with its scheme is kept as given."""
    address = address.strip()
    if not address or re.match(r"^[a-z][a-z0-9+.-]*://", address, re.IGNORECASE):
        return address
    return f"https://{address.lstrip('/')}"


class OrganisationQuerySet(models.QuerySet):
    def public(self):
        """What public pages show: every organisation but those a partner's proposal
        created, until one of their cards is published (or an animator accepts them)."""
        published = PublicationStatus.PUBLISHED
        with_published_cards = Organisation.objects.filter(
            models.Q(carried_cards__status=published) | models.Q(partner_cards__status=published)
        ).values("pk")
        return self.filter(models.Q(proposed=False) | models.Q(pk__in=with_published_cards))

    def network_members(self, today=None):
        """The network's members: a signed partnership convention, not past its end."""
        today = today or timezone.localdate()
        return self.filter(convention_status=ConventionStatus.SIGNED).filter(
            models.Q(convention_ends_on__isnull=True) | models.Q(convention_ends_on__gte=today)
        )

    def match(self, name: str):
        """The organisation a name or slug stands for (`organisations.matching`), or None."""
        return OrganisationIndex(self).find(name)

    def matching(self, names) -> dict:
        """`match` for many names at once, in one query: {name: organisation} for the
        names found."""
        index = OrganisationIndex(self)
        index.load(names)
        found = {name: index.find(name) for name in names if name and name.strip()}
        return {name: organisation for name, organisation in found.items() if organisation}

    def named(self, name: str):
        """The organisation of that very name (case, accents, spaces and punctuation
        aside), not of its acronym or a part of it; None if none."""
        return OrganisationIndex(self).find_named(name)

    def sharing_keys(self, slugs, keys):
        """The organisations of these slugs or having any of these keys (`name_keys`), in
        one query, by id (one row per key matched), among all organisations: a raw query
        leaves this queryset's filters aside. One GIN look-up per key: a single
        `name_keys && ARRAY[…]` of many keys is estimated to match every row and is read by
        scanning the table (seconds at 50,000 organisations, against milliseconds)."""
        return self.raw(
            "SELECT * FROM organisations_organisation WHERE slug = ANY(%s) "
            "UNION ALL "
            "SELECT organisation.* FROM unnest(%s::varchar[]) AS given(key) "
            "JOIN organisations_organisation organisation "
            "ON organisation.name_keys @> ARRAY[given.key] "
            "ORDER BY id",
            [sorted(slugs), sorted(keys)],
        )

    # The stored keys follow the name and acronym in bulk writes too (`save` otherwise).

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        for organisation in objs:
            organisation.name_keys = organisation_keys(organisation.name, organisation.acronym)
        return super().bulk_create(objs, *args, **kwargs)

    def bulk_update(self, objs, fields, *args, **kwargs):
        objs = list(objs)
        if {"name", "acronym"} & set(fields):
            for organisation in objs:
                organisation.name_keys = organisation_keys(organisation.name, organisation.acronym)
            fields = [*fields, "name_keys"]
        return super().bulk_update(objs, fields, *args, **kwargs)

    def update(self, **kwargs):
        """`QuerySet.update` writes no model: a new name or acronym gets its keys here."""
        if not {"name", "acronym"} & kwargs.keys():
            return super().update(**kwargs)
        pks = list(self.values_list("pk", flat=True))  # before the filter may stop matching
        updated = super().update(**kwargs)
        renamed = list(self.model._default_manager.filter(pk__in=pks).only("name", "acronym"))
        for organisation in renamed:
            organisation.name_keys = organisation_keys(organisation.name, organisation.acronym)
        self.model._default_manager.bulk_update(renamed, ["name_keys"], batch_size=500)
        return updated


class Organisation(TimestampedModel):
    """A porteur or partner: SIAE, network, local authority, company…"""

    objects = OrganisationQuerySet.as_manager()

    name = models.CharField("nom", max_length=255)
    acronym = models.CharField("sigle", max_length=50, blank=True)
    slug = models.SlugField(max_length=255, unique=True)
    structure_types = ChoiceArrayField(
        models.CharField(max_length=30, choices=StructureType.choices),
        verbose_name="types de structure",
        default=list,
        blank=True,
    )
    address = models.TextField("adresse", blank=True)
    postal_code = models.CharField("code postal", max_length=10, blank=True)
    town = models.CharField("commune", max_length=100, blank=True)
    # « 62018 Arras Cedex 9 »: the distribution office after the town, not the town.
    cedex = models.CharField("cedex", max_length=20, blank=True, help_text="Par exemple « 9 ».")
    departement = models.ForeignKey(
        "territories.Departement",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name="département",
    )
    phone = models.CharField("téléphone", max_length=100, blank=True)
    email = models.EmailField("e-mail", blank=True)
    website = URLField("site internet", blank=True)
    description = models.TextField("présentation", blank=True, help_text="Markdown.")
    networks = models.ManyToManyField(
        "self",
        symmetrical=False,
        blank=True,
        related_name="network_members",
        verbose_name="réseaux",
        help_text="Réseaux et fédérations dont la structure est membre (ex. COORACE).",
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name="structure mère",
        help_text="Groupe ou collectif dont la structure fait partie.",
    )
    # The structure's partnership convention with the network (« membres du réseau »).
    convention_status = models.CharField(
        "convention de partenariat",
        max_length=10,
        choices=ConventionStatus.choices,
        blank=True,
        help_text="Laissé vide : pas de convention.",
    )
    convention_signed_on = models.DateField("convention signée le", null=True, blank=True)
    convention_ends_on = models.DateField(
        "convention valable jusqu'au",
        null=True,
        blank=True,
        help_text="Laissé vide : sans échéance. Passée cette date, la structure n'est plus "
        "comptée parmi les membres du réseau.",
    )
    proposed = models.BooleanField(
        "créée par une proposition",
        default=False,
        help_text="Créée par une fiche proposée : cachée du site tant qu'aucune de ses fiches "
        "n'est publiée. Décochez pour la montrer.",
    )
    search_vector = models.GeneratedField(
        expression=search_vector(("name", "acronym"), ("town", "description")),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    search_name = models.GeneratedField(
        expression=search_name("name", "acronym"), output_field=models.TextField(), db_persist=True
    )
    # What a name finds it by (`organisations.matching`): computed in Python, not in the
    # database, so that every path reads names with the same rule.
    name_keys = ArrayField(
        models.CharField(max_length=255),
        verbose_name="clefs du nom",
        default=list,
        blank=True,
        editable=False,
    )

    # Every change kept: who, when, what (django-simple-history); computed columns aside.
    history = HistoricalRecords(excluded_fields=["search_vector", "search_name", "name_keys"])

    class Meta:
        verbose_name = "structure"
        ordering = [FrenchSortKey("name")]
        permissions = [
            ("import_organisation", "Peut importer des structures"),
            ("export_organisation", "Peut exporter des structures"),
            ("manage_conventions", "Peut modifier les conventions de partenariat"),
        ]
        indexes = [
            GinIndex(fields=["search_vector"], name="organisation_search_gin"),
            GinIndex(
                fields=["search_name"], opclasses=["gin_trgm_ops"], name="organisation_name_trgm"
            ),
            GinIndex(fields=["name_keys"], name="organisation_name_keys_gin"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name=""), name="organisation_name_not_empty"
            ),
            models.CheckConstraint(
                condition=~models.Q(parent=models.F("pk")), name="organisation_not_own_parent"
            ),
            models.CheckConstraint(
                condition=~models.Q(convention_status=ConventionStatus.SIGNED)
                | models.Q(convention_signed_on__isnull=False),
                name="organisation_signed_convention_has_its_date",
                violation_error_message="Une convention signée a sa date de signature.",
            ),
            models.CheckConstraint(
                condition=models.Q(convention_ends_on__isnull=True)
                | models.Q(convention_signed_on__isnull=True)
                | models.Q(convention_ends_on__gte=models.F("convention_signed_on")),
                name="organisation_convention_ends_after_signature",
                violation_error_message="La convention finit après sa signature.",
            ),
            # An address without its scheme is a relative link on the page (a 404).
            models.CheckConstraint(
                condition=models.Q(website="") | models.Q(website__regex=r"^https?://[^\s/]"),
                name="organisation_website_absolute",
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    def save(self, *args, **kwargs):
        self.name_keys = organisation_keys(self.name, self.acronym)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name", "acronym"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "name_keys"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("organisations:detail", kwargs={"slug": self.slug})

    @property
    def structure_type_labels(self) -> list[str]:
        return [StructureType(value).label for value in self.structure_types]


class NetworkMember(Organisation):
    """The structures with a signed partnership convention in force, as the animators
    list and export them (« Membres du réseau » in the admin)."""

    class Meta:
        proxy = True
        verbose_name = "membre du réseau"
        verbose_name_plural = "membres du réseau"
        ordering = [FrenchSortKey("name")]
        permissions = [("export_networkmember", "Peut exporter les membres du réseau")]


class PersonQuerySet(models.QuerySet):
    def public(self):
        """The people public pages may name: all but those withdrawn at their request."""
        return self.filter(withdrawn_at__isnull=True)


class Person(TimestampedModel):
    """Someone named by a card or a working group: personal data, private by default."""

    objects = PersonQuerySet.as_manager()

    first_name = models.CharField("prénom", max_length=100, blank=True)
    last_name = models.CharField("nom", max_length=100)
    slug = models.SlugField(max_length=255, unique=True)
    role = models.CharField("fonction", max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
        verbose_name="structure",
    )
    email = models.EmailField("e-mail", blank=True)
    phone = models.CharField("téléphone", max_length=50, blank=True)
    contact_is_public = models.BooleanField(
        "coordonnées publiques",
        default=False,
        help_text="Affiche e-mail et téléphone à tous les visiteurs (sinon aux seuls membres).",
    )
    # The person's own account on the site, once an animator opened it: through it a
    # member of the network is known with their structure and their working groups.
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name="compte",
    )
    # A named person's rights (portal.services): no public page names them any more, or
    # their name is cut to initials and their details cleared. The source import writes
    # neither column, and leaves the cleared fields alone (sources.ownership).
    withdrawn_at = models.DateTimeField(
        "retirée des pages publiques le",
        null=True,
        blank=True,
        help_text="La personne n'apparaît plus sur aucune page publique.",
    )
    anonymised_at = models.DateTimeField("anonymisée le", null=True, blank=True)
    search_name = models.GeneratedField(
        expression=search_name("first_name", "last_name"),
        output_field=models.TextField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = "personne"
        ordering = [FrenchSortKey("last_name"), FrenchSortKey("first_name")]
        permissions = [
            ("import_person", "Peut importer des personnes"),
            ("export_person", "Peut exporter des personnes"),
        ]
        indexes = [
            GinIndex(fields=["search_name"], opclasses=["gin_trgm_ops"], name="person_name_trgm")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(last_name=""), name="person_last_name_not_empty"
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self):
        return f"{self.first_name} {self.last_name}".strip()


class SourceMention(TimestampedModel):
    """What one source document says of a record, dated: each document keeps its own."""

    document = models.CharField(
        "document source", max_length=10, help_text="Code du document (« 001 »)."
    )
    source_title = models.CharField("titre du document", max_length=255, blank=True)
    year = models.PositiveSmallIntegerField("année")

    class Meta:
        abstract = True

    @property
    def source_label(self) -> str:
        return self.source_title or f"document {self.document}"


class Presentation(SourceMention):
    """A structure's presentation as one document gives it (« ENTREPRISE(S) » of 2010,
    the 2008 recueil…): the page shows the latest, the earlier ones dated."""

    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="presentations",
        verbose_name="structure",
    )
    text = models.TextField("présentation", help_text="Markdown.")

    history = HistoricalRecords()

    class Meta:
        verbose_name = "présentation d'un document"
        verbose_name_plural = "présentations des documents"
        ordering = ["-year", "-document"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "document"], name="presentation_one_per_document"
            ),
            models.CheckConstraint(condition=~models.Q(text=""), name="presentation_not_empty"),
        ]

    def __str__(self):
        return f"{self.organisation} — {self.source_label}"


class PersonMention(SourceMention):
    """A person as one document names them, with the role, structure and e-mail of that
    year: personal data, like the person."""

    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="mentions", verbose_name="personne"
    )
    role = models.CharField("fonction", max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="structure",
    )
    email = models.EmailField("e-mail", blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = "mention dans un document"
        verbose_name_plural = "mentions dans les documents"
        ordering = ["-year", "-document"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "document"], name="person_mention_one_per_document"
            ),
        ]

    def __str__(self):
        return f"{self.person} — {self.source_label}"


class RequestStatus(models.TextChoices):
    PENDING = "en_attente", "En attente"
    ACCEPTED = "acceptee", "Acceptée"
    REFUSED = "refusee", "Refusée"


class AccountRequest(TimestampedModel):
    """Someone of the network asks for an account (« Demander un compte »); an animator
    accepts it (their person and structure found or created, the account opened and
    invited) or refuses it with a reason e-mailed to them."""

    first_name = models.CharField("prénom", max_length=100)
    last_name = models.CharField("nom", max_length=100)
    organisation_name = models.CharField("structure", max_length=255)
    role = models.CharField("fonction", max_length=255, blank=True)
    email = models.EmailField("e-mail", max_length=254)
    message = models.TextField("message", blank=True)
    status = models.CharField(
        "état", max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
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
    refusal_reason = models.TextField(
        "motif du refus", blank=True, help_text="Envoyé par e-mail à la personne."
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="account_requests",
        verbose_name="personne",
    )
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="account_requests",
        verbose_name="compte ouvert",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "demande de compte"
        verbose_name_plural = "demandes de compte"
        ordering = ["-created_at"]
        constraints = [
            # One open request per address: asked twice, the second is refused in French.
            models.UniqueConstraint(
                Lower("email"),
                condition=models.Q(status="en_attente"),
                name="account_request_one_pending_per_email",
                violation_error_message="Une demande de compte est déjà en attente pour "
                "cette adresse e-mail.",
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} ({self.organisation_name})"


class DataRequestKind(models.TextChoices):
    WITHDRAWAL = "retrait", "Retrait des pages publiques"
    ANONYMISATION = "anonymisation", "Anonymisation (initiales seules)"


class DataRequestStatus(models.TextChoices):
    PENDING = "en_attente", "En attente"
    DONE = "traitee", "Traitée"
    DECLINED = "sans_suite", "Close sans suite"


class PersonalDataRequest(TimestampedModel):
    """Someone named in the documents asks to be withdrawn from the public pages or
    anonymised (« Retrait ou anonymisation »); an animator finds the person, does it
    and the request keeps who did what, when."""

    name_as_shown = models.CharField("nom tel qu'il apparaît", max_length=200)
    pages = models.TextField("pages concernées", help_text="Adresses (URL) des pages.")
    email = models.EmailField("e-mail pour la réponse", max_length=254)
    kind = models.CharField("demande", max_length=20, choices=DataRequestKind.choices)
    message = models.TextField("message", blank=True)
    status = models.CharField(
        "état",
        max_length=20,
        choices=DataRequestStatus.choices,
        default=DataRequestStatus.PENDING,
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="data_requests",
        verbose_name="personne concernée",
        help_text="La personne des documents, choisie par l'animateur avant de traiter.",
    )
    done = models.CharField(
        "ce qui a été fait", max_length=20, choices=DataRequestKind.choices, blank=True
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="traitée par",
    )
    handled_at = models.DateTimeField("traitée le", null=True, blank=True)
    note = models.TextField("note de l'animateur", blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "demande de retrait ou d'anonymisation"
        verbose_name_plural = "demandes de retrait ou d'anonymisation"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name_as_shown} — {self.get_kind_display()}"
