"""The filters of the experience list, by stable codes: INSEE codes, group codes, slugs.

Each facet is declared once in `CARD_FACETS`; its filter, its counts, its options and its
chips are built from that declaration (`vita.faceting`). Values are checked against the
known codes before the FilterSet sees them (see `selectors.search_cards`), so an unknown
code is reported, never silently dropped.
"""

import django_filters
from django.db.models import Q

from experiences import search
from experiences.models import CardCategory, ExperienceCard
from organisations.enums import StructureType
from resources.models import Theme
from territories.models import Departement, Milieu, Region
from vita.faceting import Facet, FacetFilterSet, FacetRegistry
from workgroups.models import Programme, group_choices


class CardFilterBase(FacetFilterSet):
    """The list's filters other than its facets."""

    q = django_filters.CharFilter(label="Mots-clés", method="filter_text")
    debut = django_filters.NumberFilter(label="Depuis (année)", method="filter_from_year")
    fin = django_filters.NumberFilter(label="Jusqu'à (année)", method="filter_to_year")

    class Meta:
        model = ExperienceCard
        fields = []

    def filter_text(self, queryset, name, value):
        return search.matching(queryset, value)

    def filter_from_year(self, queryset, name, value):
        # A card whose period reaches the year: it ended then or later, or goes on.
        return queryset.filter(
            Q(end_year__gte=value) | Q(end_year__isnull=True, start_year__isnull=False)
        )

    def filter_to_year(self, queryset, name, value):
        return queryset.filter(start_year__lte=value)


def _departements():
    return [
        (code, f"{name} ({code})") for code, name in Departement.objects.values_list("code", "name")
    ]


CARD_FACETS = FacetRegistry(
    CardFilterBase,
    [
        Facet("programme", "Programme", lambda: Programme.objects.values_list("slug", "name"),
              path="listings__working_group__programme__slug", unknown="un programme connu"),
        Facet("groupe", "Groupe de travail / atelier", group_choices,
              path="listings__working_group__code", unknown="un groupe de travail connu"),
        Facet("region", "Région", lambda: Region.objects.values_list("code", "name"),
              path="region__code", unknown="un code de région connu"),
        Facet("departement", "Département", _departements, path="departements__code",
              unknown="un code de département connu", sparse=True),
        Facet("type", "Type de structure du porteur", lambda: StructureType.choices,
              path="porteur__structure_types", unknown="un type de structure connu"),
        Facet("milieu", "Milieu", lambda: Milieu.choices, path="milieux",
              unknown="un milieu connu"),
        Facet("theme", "Thème", lambda: Theme.objects.values_list("slug", "name"),
              path="themes__slug", unknown="un thème connu"),
        Facet("categorie", "Catégorie", lambda: CardCategory.choices, path="category",
              unknown="une catégorie connue"),
    ],
)  # fmt: skip
CardFilter = CARD_FACETS.filterset
