"""Reads for the home page and the site-wide search."""

import re
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.postgres.search import SearchRank
from django.db.models import Count, F, QuerySet, Window
from django.urls import reverse

from experiences import search
from experiences.models import ExperienceCard
from experiences.selectors import listed_cards, published_cards
from organisations.models import Organisation, Person
from organisations.selectors import matching_organisations
from resources.selectors import (
    listed_resources,
    matching_fiches,
    matching_resources,
    published_fiches,
)
from territories.models import Region
from vita.search import search_query, snippet
from vita.sorting import FrenchSortKey
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
    return [
        (region, counts.get(region.pk, 0))
        for region in Region.objects.order_by(FrenchSortKey("name"))
    ]


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
    return list(listed_cards(published_cards()).order_by("-published_at", "-pk")[:limit])


def key_figures() -> dict[str, int]:
    return {
        "cards": published_cards().count(),
        "organisations": Organisation.objects.public().count(),
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


def _group(kind: str, label: str, results: QuerySet, more_url: str = "") -> SearchGroup:
    """The first results of a kind and, on each row, the count of them all (a window
    count: the count rides with the results instead of a query of its own)."""
    top = list(results.annotate(found=Window(Count("*")))[:SEARCH_GROUP_SIZE])
    return SearchGroup(kind, label, top[0].found if top else 0, top, more_url)


def global_search(text: str) -> list[SearchGroup]:
    """One search over cards, manual fiches, library resources, groups and organisations,
    each group with its count and a link to its own list filtered the same way."""
    query = search_query(text)

    def rank(queryset, vector="search_vector"):
        return queryset.annotate(rank=SearchRank(F(vector), query)).order_by("-rank", "pk")

    def filtered(url_name):
        return f"{reverse(url_name)}?{urlencode({'q': text})}"

    cards = search.ranked(search.matching(published_cards(), text), text)
    fiches = rank(matching_fiches(text), "resource__search_vector").select_related("resource")
    groups = rank(matching_groups(text)).select_related("programme")
    return [
        _group(
            "cards",
            "Fiches expériences",
            # The count runs over every matching card: each carries only what the row
            # shows, its porteur, région and ateliers fetched for the five shown.
            search.with_snippets(listed_cards(cards), text),
            filtered("experiences:list"),
        ),
        _group(
            "fiches",
            "Fiches du manuel et fiches ressources",
            fiches.annotate(raw_snippet=snippet(text, "resource__description")),
            filtered("resources:manual"),
        ),
        _group(
            "resources",
            "Bibliothèque de ressources",
            rank(listed_resources(matching_resources(text))).annotate(
                raw_snippet=snippet(text, "description")
            ),
            filtered("resources:library"),
        ),
        _group(
            "groups",
            "Groupes de travail",
            groups.annotate(raw_snippet=snippet(text, "objectives", "origin", "conclusions")),
            filtered("workgroups:list"),
        ),
        _group(
            "organisations",
            "Structures",
            matching_organisations(text)
            .select_related("departement__region")
            .order_by(FrenchSortKey("name"))
            .annotate(raw_snippet=snippet(text, "description")),
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


def member_space(user) -> dict:
    """The member's person and structure, the cards they proposed on the site, and the
    cards and resources they wrote in the admin, newest first, each with its state."""
    from experiences.models import CardSubmission
    from resources.models import Resource

    return {
        "person": Person.objects.filter(account=user).select_related("organisation").first(),
        "submissions": CardSubmission.objects.filter(user=user)
        .select_related("card")
        .order_by("-submitted_at"),
        "cards": ExperienceCard.objects.filter(created_by=user).order_by("-updated_at"),
        "resources": Resource.objects.filter(created_by=user).order_by("-updated_at"),
    }
