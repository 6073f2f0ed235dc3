"""Reads for the home page and the site-wide search."""

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.postgres.search import SearchRank
from django.db.models import Count, F
from django.urls import reverse

from experiences import search
from experiences.models import ExperienceCard
from experiences.selectors import published_cards
from organisations.models import Organisation
from organisations.selectors import matching_organisations
from resources.selectors import matching_fiches, matching_resources, published_fiches
from territories.models import Region
from workgroups.selectors import matching_groups

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
    """One search over cards, manual fiches, library resources, groups and organisations,
    each group with its count and a link to its own list filtered the same way."""
    query = search.search_query(text)
    cards = search.matching(published_cards(), text)
    fiches = matching_fiches(text)
    resources = matching_resources(text)
    groups = matching_groups(text)
    organisations = matching_organisations(text)

    def rank(queryset, vector="search_vector"):
        return queryset.annotate(rank=SearchRank(F(vector), query)).order_by("-rank", "pk")

    def filtered(url_name):
        return f"{reverse(url_name)}?{urlencode({'q': text})}"

    top = SEARCH_GROUP_SIZE
    ranked_cards = search.with_snippets(search.ranked(cards, text), text)
    return [
        SearchGroup(
            "cards",
            "Fiches expériences",
            cards.count(),
            list(ranked_cards.select_related("porteur", "region")[:top]),
            filtered("experiences:list"),
        ),
        SearchGroup(
            "fiches",
            "Fiches du manuel et fiches ressources",
            fiches.count(),
            list(
                rank(fiches, "resource__search_vector")
                .select_related("resource")
                .annotate(raw_snippet=search.snippet(text, "resource__description"))[:top]
            ),
            filtered("resources:manual"),
        ),
        SearchGroup(
            "resources",
            "Ressources",
            resources.count(),
            list(rank(resources).annotate(raw_snippet=search.snippet(text, "description"))[:top]),
        ),
        SearchGroup(
            "groups",
            "Groupes de travail",
            groups.count(),
            list(
                rank(groups)
                .select_related("programme")
                .annotate(raw_snippet=search.snippet(text, "objectives", "origin", "conclusions"))[
                    :top
                ]
            ),
            filtered("workgroups:list"),
        ),
        SearchGroup(
            "organisations",
            "Structures",
            organisations.count(),
            list(
                organisations.order_by("name").annotate(
                    raw_snippet=search.snippet(text, "description")
                )[:top]
            ),
            filtered("organisations:list"),
        ),
    ]


@dataclass
class SiteSearch:
    text: str  # the words searched, corrected when the typed ones found nothing
    groups: list[SearchGroup]
    misspelt: str = ""  # the typed words, when they were corrected

    @property
    def total(self) -> int:
        return sum(group.count for group in self.groups)


def site_search(text: str) -> SiteSearch:
    """The global search; when its words find no card, the search of the closest words
    of the cards instead (« insertoin » → « insertion »), if that one finds something."""
    if not text:
        return SiteSearch(text, [])
    # The cheap question first: the whole search runs once, for the words it shows.
    if not search.matching(published_cards(), text).exists():
        correction = search.suggestion(text)
        if correction and search.matching(published_cards(), correction).exists():
            return SiteSearch(correction, global_search(correction), misspelt=text)
    return SiteSearch(text, global_search(text))
