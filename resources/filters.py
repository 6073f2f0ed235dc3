"""The filters of the library list, by stable codes: kinds, slugs, group codes, years.

Each facet is declared once in `LIBRARY_FACETS`; its filter, its counts, its options and
its chips are built from that declaration (`vita.faceting`). Values are checked against
the known codes before the FilterSet sees them (see `selectors.search_library`)."""

import django_filters

from resources.models import AccessLevel, Collection, Resource, ResourceKind, Theme
from vita.faceting import Facet, FacetFilterSet, FacetRegistry
from vita.files import FileFormat
from vita.models import PublicationStatus
from vita.search import search_query
from workgroups.models import group_choices


class ResourceFilterBase(FacetFilterSet):
    """The library's filters other than its facets."""

    q = django_filters.CharFilter(label="Mots-clés", method="filter_text")

    class Meta:
        model = Resource
        fields = []

    def filter_text(self, queryset, name, value):
        # The same search as the library group of /recherche/ (matching_resources).
        return queryset.filter(search_vector=search_query(value))


def _years():
    """The years of the published resources, latest first."""
    years = (
        Resource.objects.filter(status=PublicationStatus.PUBLISHED)
        .exclude(year=None)
        .exclude(access_level=AccessLevel.GROUP)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return [(str(year), str(year)) for year in years]


LIBRARY_ACCESS_LEVELS = [
    (value, label) for value, label in AccessLevel.choices if value != AccessLevel.GROUP
]

LIBRARY_FACETS = FacetRegistry(
    ResourceFilterBase,
    [
        Facet("type", "Type", lambda: ResourceKind.choices, path="kind",
              unknown="un type de ressource connu"),
        Facet("collection", "Collection", lambda: Collection.objects.values_list("slug", "name"),
              path="collection__slug", unknown="une collection connue", sparse=True),
        Facet("groupe", "Groupe de travail", group_choices, path="working_groups__code",
              unknown="un groupe de travail connu", sparse=True),
        Facet("theme", "Thème", lambda: Theme.objects.values_list("slug", "name"),
              path="themes__slug", unknown="un thème connu", sparse=True),
        Facet("annee", "Année", _years, path="year", unknown="une année de la bibliothèque",
              sparse=True),
        # A group's documents are listed in its members' space, never in the library.
        Facet("acces", "Accès", lambda: LIBRARY_ACCESS_LEVELS, path="access_level",
              unknown="un niveau d'accès connu",
              renamed={"members": "adherents", "restricted": "restreint"}),
        Facet("format", "Format du fichier", lambda: FileFormat.choices, path="file_format",
              unknown="un format de fichier connu"),
    ],
)  # fmt: skip
ResourceFilter = LIBRARY_FACETS.filterset
