from django.contrib.postgres.indexes import GinIndex
from django.db import models

from vita.models import ImmutableUnaccent, search_name
from vita.sorting import FrenchSortKey


class Region(models.Model):
    """A current région (since 2016), keyed by its INSEE code."""

    code = models.CharField("code INSEE", max_length=2, unique=True)
    name = models.CharField("nom", max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    search_name = models.GeneratedField(
        expression=search_name("name"), output_field=models.TextField(), db_persist=True
    )

    class Meta:
        verbose_name = "région"
        ordering = [FrenchSortKey("name")]
        indexes = [
            GinIndex(fields=["search_name"], opclasses=["gin_trgm_ops"], name="region_name_trgm")
        ]

    def __str__(self):
        return self.name


class Departement(models.Model):
    """A département, keyed by its INSEE code (`2A`, `2B` and `971`… included)."""

    code = models.CharField("code INSEE", max_length=3, unique=True)
    name = models.CharField("nom", max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="departements", verbose_name="région"
    )
    former_region = models.ForeignKey(
        "FormerRegion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="departements",
        verbose_name="région avant 2016",
    )
    search_name = models.GeneratedField(
        expression=search_name("name", "code"), output_field=models.TextField(), db_persist=True
    )

    class Meta:
        verbose_name = "département"
        ordering = ["code"]
        indexes = [
            GinIndex(
                fields=["search_name"], opclasses=["gin_trgm_ops"], name="departement_name_trgm"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"


class FormerRegion(models.Model):
    """A région as it was before the 2016 reform, which the sources still name."""

    code = models.CharField("code INSEE (avant 2016)", max_length=2, unique=True)
    name = models.CharField("nom", max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    current_region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        related_name="former_regions",
        verbose_name="région actuelle",
    )
    search_name = models.GeneratedField(
        expression=search_name("name"), output_field=models.TextField(), db_persist=True
    )

    class Meta:
        verbose_name = "ancienne région"
        verbose_name_plural = "anciennes régions"
        ordering = [FrenchSortKey("name")]

    def __str__(self):
        return f"{self.name} → {self.current_region.name}"


class Words(models.Func):
    """A name's words, lower case and accent-free, one space apart: « Saint-Étienne »,
    « SAINT ETIENNE » and « saint-etienne » all give « saint etienne ». In SQL, so the
    typed text and the stored names go through the same unaccent (« Œ » → « oe »)."""

    template = "btrim(regexp_replace(lower(%(expressions)s), '[^a-z0-9]+', ' ', 'g'))"
    output_field = models.TextField()

    def __init__(self, expression, **extra):
        super().__init__(ImmutableUnaccent(expression), **extra)


class Commune(models.Model):
    """A commune of the INSEE COG. Cards are not filed by commune: a commune is only a
    look-up aid, which leads to its département and région."""

    code = models.CharField("code INSEE", max_length=5, unique=True)
    name = models.CharField("nom", max_length=100)
    departement = models.ForeignKey(
        Departement,
        on_delete=models.PROTECT,
        related_name="communes",
        verbose_name="département",
    )
    # Ranks homonyms and prefixes: « Saint-Denis » first gives the large ones.
    population = models.PositiveIntegerField("population municipale", null=True, blank=True)
    search_name = models.GeneratedField(
        expression=Words("name"), output_field=models.TextField(), db_persist=True
    )

    class Meta:
        verbose_name = "commune"
        ordering = [FrenchSortKey("name"), "code"]
        indexes = [
            # Equality and prefix (`LIKE 'saint d%'`) look-ups.
            models.Index(
                fields=["search_name"], opclasses=["text_pattern_ops"], name="commune_name_prefix"
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.departement.code})"


class Scale(models.TextChoices):
    COMMUNE = "commune", "Commune"
    INTERCOMMUNALITE = "intercommunalite", "Intercommunalité / pays"
    DEPARTEMENT = "departement", "Département"
    REGION = "region", "Région"
    NATIONAL = "national", "National"


class Milieu(models.TextChoices):
    URBAIN = "urbain", "Urbain"
    PERIURBAIN = "periurbain", "Périurbain"
    SEMI_RURAL = "semi_rural", "Semi-rural"
    RURAL = "rural", "Rural"
