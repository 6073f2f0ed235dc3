"""The filters of the experience list, by stable codes: INSEE codes, group codes, slugs.

Several values of one facet combine with OR, facets combine with AND. Values are
checked against the known codes before the FilterSet sees them (see
`selectors.search_cards`), so an unknown code is reported, never silently dropped.
"""

import django_filters
from django.db.models import Exists, OuterRef, Q

from experiences import search
from experiences.models import CardCategory, CardListing, ExperienceCard
from organisations.enums import StructureType
from territories.models import Milieu
from vita.faceting import CheckedCodesFilterSet


def _codes_filter(label, **kwargs):
    return django_filters.MultipleChoiceFilter(label=label, choices=[], **kwargs)


class CardFilter(CheckedCodesFilterSet):
    q = django_filters.CharFilter(label="Mots-clés", method="filter_text")
    programme = _codes_filter("Programme", method="filter_programme")
    groupe = _codes_filter("Groupe de travail / atelier", method="filter_group")
    # A card has one région and one category: no DISTINCT needed (django-filter adds one).
    region = _codes_filter("Région", field_name="region__code", distinct=False)
    departement = _codes_filter("Département", method="filter_departement")
    type = django_filters.MultipleChoiceFilter(
        label="Type de structure du porteur",
        choices=StructureType.choices,
        method="filter_structure_type",
    )
    milieu = django_filters.MultipleChoiceFilter(
        label="Milieu", choices=Milieu.choices, method="filter_milieu"
    )
    theme = _codes_filter("Thème", method="filter_theme")
    categorie = django_filters.MultipleChoiceFilter(
        label="Catégorie", choices=CardCategory.choices, field_name="category", distinct=False
    )
    debut = django_filters.NumberFilter(label="Depuis (année)", method="filter_from_year")
    fin = django_filters.NumberFilter(label="Jusqu'à (année)", method="filter_to_year")

    class Meta:
        model = ExperienceCard
        fields = []

    # Relations to many rows are filtered with EXISTS, so a card in two selected
    # groups is still one result (no DISTINCT, counts stay right).

    def filter_text(self, queryset, name, value):
        return search.matching(queryset, value)

    def filter_programme(self, queryset, name, value):
        listed = CardListing.objects.filter(
            card=OuterRef("pk"), working_group__programme__slug__in=value
        )
        return queryset.filter(Exists(listed))

    def filter_group(self, queryset, name, value):
        listed = CardListing.objects.filter(card=OuterRef("pk"), working_group__code__in=value)
        return queryset.filter(Exists(listed))

    def filter_departement(self, queryset, name, value):
        through = ExperienceCard.departements.through
        return queryset.filter(
            Exists(
                through.objects.filter(experiencecard=OuterRef("pk"), departement__code__in=value)
            )
        )

    def filter_theme(self, queryset, name, value):
        through = ExperienceCard.themes.through
        return queryset.filter(
            Exists(through.objects.filter(experiencecard=OuterRef("pk"), theme__slug__in=value))
        )

    def filter_structure_type(self, queryset, name, value):
        return queryset.filter(porteur__structure_types__overlap=value)

    def filter_milieu(self, queryset, name, value):
        return queryset.filter(milieux__overlap=value)

    def filter_from_year(self, queryset, name, value):
        # A card whose period reaches the year: it ended then or later, or goes on.
        return queryset.filter(
            Q(end_year__gte=value) | Q(end_year__isnull=True, start_year__isnull=False)
        )

    def filter_to_year(self, queryset, name, value):
        return queryset.filter(start_year__lte=value)
