"""Building blocks shared by the apps' models."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
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
