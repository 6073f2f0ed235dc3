"""The filters of the library list, by stable codes: kinds, slugs, group codes, years.

Values are checked against the known codes before the FilterSet sees them (see
`selectors.search_library`)."""

import django_filters
from django.db.models import Exists, OuterRef

from resources.models import Resource
from vita.faceting import CheckedCodesFilterSet
from vita.search import search_query


class ResourceFilter(CheckedCodesFilterSet):
    q = django_filters.CharFilter(label="Mots-clés", method="filter_text")
    type = django_filters.MultipleChoiceFilter(
        label="Type", field_name="kind", choices=[], distinct=False
    )
    collection = django_filters.MultipleChoiceFilter(
        label="Collection", field_name="collection__slug", choices=[], distinct=False
    )
    groupe = django_filters.MultipleChoiceFilter(
        label="Groupe de travail", choices=[], method="filter_group"
    )
    theme = django_filters.MultipleChoiceFilter(label="Thème", choices=[], method="filter_theme")
    annee = django_filters.MultipleChoiceFilter(
        label="Année", field_name="year", choices=[], distinct=False
    )
    acces = django_filters.MultipleChoiceFilter(
        label="Accès", field_name="access_level", choices=[], distinct=False
    )
    format = django_filters.MultipleChoiceFilter(
        label="Format du fichier", field_name="file_format", choices=[], distinct=False
    )

    class Meta:
        model = Resource
        fields = []

    def filter_text(self, queryset, name, value):
        # The same search as the library group of /recherche/ (matching_resources).
        return queryset.filter(search_vector=search_query(value))

    def filter_group(self, queryset, name, value):
        through = Resource.working_groups.through
        return queryset.filter(
            Exists(through.objects.filter(resource=OuterRef("pk"), workinggroup__code__in=value))
        )

    def filter_theme(self, queryset, name, value):
        through = Resource.themes.through
        return queryset.filter(
            Exists(through.objects.filter(resource=OuterRef("pk"), theme__slug__in=value))
        )
