"""The filters of the experience list, by stable codes: INSEE codes, group codes, slugs.

Several values of one facet combine with OR, facets combine with AND. Values are
checked against the known codes before the FilterSet sees them (see
`selectors.search_cards`), so an unknown code is reported, never silently dropped.
"""

import django_filters
from django.db.models import Q

from experiences import search
from experiences.models import CardListing, ExperienceCard
from territories.models import Region
from vita.faceting import CheckedCodesFilterSet

# Each facet's condition on a card for the chosen codes. Relations to many rows are
# `id IN (subquery)`: a card in two selected groups is still one result (no DISTINCT,
# counts stay right), and the facet counts can evaluate several conditions in one pass
# over the cards (an uncorrelated subquery is hashed once, `experiences/facet_counts.py`).
FACET_CONDITIONS = {
    "programme": lambda codes: Q(
        pk__in=CardListing.objects.filter(working_group__programme__slug__in=codes).values(
            "card_id"
        )
    ),
    "groupe": lambda codes: Q(
        pk__in=CardListing.objects.filter(working_group__code__in=codes).values("card_id")
    ),
    # A card has one région and one category: plain columns.
    "region": lambda codes: Q(region__in=Region.objects.filter(code__in=codes).values("pk")),
    "departement": lambda codes: Q(
        pk__in=ExperienceCard.departements.through.objects.filter(
            departement__code__in=codes
        ).values("experiencecard_id")
    ),
    "type": lambda codes: Q(porteur__structure_types__overlap=codes),
    "milieu": lambda codes: Q(milieux__overlap=codes),
    "theme": lambda codes: Q(
        pk__in=ExperienceCard.themes.through.objects.filter(theme__slug__in=codes).values(
            "experiencecard_id"
        )
    ),
    "categorie": lambda codes: Q(category__in=codes),
}


def _codes_filter(label, **kwargs):
    return django_filters.MultipleChoiceFilter(
        label=label, choices=[], method="filter_facet", **kwargs
    )


class CardFilter(CheckedCodesFilterSet):
    q = django_filters.CharFilter(label="Mots-clés", method="filter_text")
    programme = _codes_filter("Programme")
    groupe = _codes_filter("Groupe de travail / atelier")
    region = _codes_filter("Région")
    departement = _codes_filter("Département")
    type = _codes_filter("Type de structure du porteur")
    milieu = _codes_filter("Milieu")
    theme = _codes_filter("Thème")
    categorie = _codes_filter("Catégorie")
    debut = django_filters.NumberFilter(label="Depuis (année)", method="filter_from_year")
    fin = django_filters.NumberFilter(label="Jusqu'à (année)", method="filter_to_year")

    class Meta:
        model = ExperienceCard
        fields = []

    def filter_text(self, queryset, name, value):
        return search.matching(queryset, value)

    def filter_facet(self, queryset, name, value):
        return queryset.filter(FACET_CONDITIONS[name](value))

    def filter_from_year(self, queryset, name, value):
        # A card whose period reaches the year: it ended then or later, or goes on.
        return queryset.filter(
            Q(end_year__gte=value) | Q(end_year__isnull=True, start_year__isnull=False)
        )

    def filter_to_year(self, queryset, name, value):
        return queryset.filter(start_year__lte=value)
