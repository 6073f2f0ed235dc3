"""Reads for the home page and the site-wide search."""

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count

from experiences.models import ExperienceCard
from experiences.selectors import published_cards
from organisations.models import Organisation
from resources.selectors import published_fiches
from territories.models import Region

MAP_FILE = settings.BASE_DIR / "static" / "vendor" / "svg-maps" / "france.regions.svg"
# The map's region ids and the INSEE codes of the régions (its overseas régions are
# not drawn: the list under the map has them).
MAP_IDS = {
    "ara": "84", "bfc": "27", "bre": "53", "cvl": "24", "cor": "94", "ges": "44", "hdf": "32",
    "idf": "11", "nor": "28", "naq": "75", "occ": "76", "pdl": "52", "pac": "93",
}  # fmt: skip


@dataclass
class MapRegion:
    code: str
    name: str
    count: int
    level: int  # 0 (no card) to 4 (the most cards)
    path: str


@cache
def _map_paths() -> tuple[str, dict[str, str]]:
    svg = MAP_FILE.read_text(encoding="utf-8")
    view_box = re.search(r'viewBox="([^"]+)"', svg).group(1)
    paths = dict(re.findall(r'<path\s+id="(\w+)"[^>]*?\sd="([^"]+)"', svg, re.S))
    return view_box, {MAP_IDS[key]: d for key, d in paths.items() if key in MAP_IDS}


def regions_with_counts() -> list[tuple[Region, int]]:
    counts = dict(
        published_cards()
        .order_by()
        .values_list("region")
        .annotate(n=Count("pk"))
        .values_list("region", "n")
    )
    return [(region, counts.get(region.pk, 0)) for region in Region.objects.order_by("name")]


def france_map() -> tuple[str, list[MapRegion]]:
    view_box, paths = _map_paths()
    regions = regions_with_counts()
    highest = max((count for _, count in regions), default=0) or 1
    drawn = [
        MapRegion(
            region.code,
            region.name,
            count,
            0 if count == 0 else 1 + min(3, (4 * count - 1) // highest),
            paths[region.code],
        )
        for region, count in regions
        if region.code in paths
    ]
    return view_box, drawn


def latest_cards(limit: int = 6) -> list[ExperienceCard]:
    return list(
        published_cards()
        .select_related("porteur", "region")
        .order_by("-published_at", "-pk")[:limit]
    )


def key_figures() -> dict[str, int]:
    return {
        "cards": published_cards().count(),
        "organisations": Organisation.objects.count(),
        "regions": published_cards().values("region").distinct().count(),
        "fiches": published_fiches().count(),
    }


@dataclass
class SearchGroup:
    kind: str
    label: str
    count: int
    items: list
    more_url: str = ""


SEARCH_GROUP_SIZE = 5


def global_search(text: str) -> list[SearchGroup]:
    """One search over cards, manual fiches, library resources, groups and organisations."""
    from django.contrib.postgres.search import SearchRank
    from django.db.models import Exists, F, OuterRef, Q
    from django.urls import reverse

    from experiences import search
    from resources.models import FicheBlock, Resource
    from vita.models import PublicationStatus
    from workgroups.models import WorkingGroup

    query = search.search_query(text)
    cards = search.matching(published_cards(), text)
    blocks = FicheBlock.objects.filter(fiche=OuterRef("pk"), search_vector=query)
    fiches = published_fiches().filter(Q(resource__search_vector=query) | Exists(blocks))
    resources = Resource.objects.filter(
        status=PublicationStatus.PUBLISHED, fiche__isnull=True, search_vector=query
    )
    groups = WorkingGroup.objects.filter(search_vector=query)
    organisations = Organisation.objects.filter(search_vector=query)

    def rank(queryset, vector="search_vector"):
        return queryset.annotate(rank=SearchRank(F(vector), query)).order_by("-rank", "pk")

    top = SEARCH_GROUP_SIZE
    return [
        SearchGroup(
            "cards",
            "Fiches expériences",
            cards.count(),
            list(
                search.with_snippets(search.ranked(cards, text), text).select_related(
                    "porteur", "region"
                )[:top]
            ),
            f"{reverse('experiences:list')}?{urlencode({'q': text})}",
        ),
        SearchGroup(
            "fiches",
            "Fiches du manuel et fiches ressources",
            fiches.count(),
            list(rank(fiches, "resource__search_vector")[:top]),
        ),
        SearchGroup("resources", "Ressources", resources.count(), list(rank(resources)[:top])),
        SearchGroup(
            "groups",
            "Groupes de travail",
            groups.count(),
            list(rank(groups).select_related("programme")[:top]),
        ),
        SearchGroup(
            "organisations", "Structures", organisations.count(), list(rank(organisations)[:top])
        ),
    ]
