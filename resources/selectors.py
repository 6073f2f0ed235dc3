"""Reads of the reference manual for the public pages."""

from django.db.models import Exists, OuterRef, Prefetch, Q

from experiences.search import search_query
from resources.models import (
    Collection,
    Fiche,
    FicheBlock,
    FicheLink,
    FicheLinkKind,
    Keyword,
    KeywordEntry,
    Resource,
)
from vita.models import PublicationStatus

MANUAL = "manuel-dts-v1"
PUBLISHED = {"resource__status": PublicationStatus.PUBLISHED}


def published_fiches():
    return Fiche.objects.filter(**PUBLISHED).select_related("resource")


def matching_fiches(text: str):
    """Published fiches whose title, description or any block matches `text`."""
    query = search_query(text)
    blocks = FicheBlock.objects.filter(fiche=OuterRef("pk"), search_vector=query)
    return published_fiches().filter(Q(resource__search_vector=query) | Exists(blocks))


def published_resources():
    return Resource.objects.filter(status=PublicationStatus.PUBLISHED)


def downloadable_resource(slug: str) -> Resource | None:
    """A published resource that has a file."""
    return published_resources().exclude(file="").filter(slug=slug).first()


def matching_resources(text: str):
    """Published library resources that are not fiches, matching `text`."""
    return Resource.objects.filter(
        status=PublicationStatus.PUBLISHED, fiche__isnull=True, search_vector=search_query(text)
    )


def manual_table_of_contents(text: str = ""):
    """The manual's parts with their fiches in order; with `text`, its matching fiches only."""
    parts = list(Collection.objects.filter(parent__slug=MANUAL).order_by("position", "name"))
    fiches = matching_fiches(text) if text else published_fiches()
    fiches = fiches.filter(resource__collection__in=parts).order_by("position", "code")
    by_part: dict[int, list[Fiche]] = {part.pk: [] for part in parts}
    for fiche in fiches:
        by_part[fiche.resource.collection_id].append(fiche)
    return [(part, by_part[part.pk]) for part in parts if by_part[part.pk] or not text]


def fiche_detail(code: str) -> Fiche | None:
    links = FicheLink.objects.filter(target__resource__status=PublicationStatus.PUBLISHED)
    return (
        published_fiches()
        .select_related("resource__collection", "experience_card")
        .prefetch_related(
            "blocks",
            "key_points",
            Prefetch(
                "outgoing_links",
                queryset=links.select_related("target__resource").order_by("kind", "position"),
            ),
            Prefetch(
                "incoming_links",
                queryset=FicheLink.objects.filter(
                    source__resource__status=PublicationStatus.PUBLISHED
                )
                .select_related("source__resource")
                .order_by("source__position", "source__code"),
            ),
            Prefetch("keyword_entries", queryset=KeywordEntry.objects.select_related("keyword")),
        )
        .filter(code=code)
        .first()
    )


def links_by_kind(fiche: Fiche) -> list[tuple[str, list[FicheLink]]]:
    grouped: dict[str, list[FicheLink]] = {}
    for link in fiche.outgoing_links.all():
        grouped.setdefault(link.kind, []).append(link)
    return [(FicheLinkKind(kind).label, links) for kind, links in grouped.items()]


def citing_fiches(fiche: Fiche) -> list[Fiche]:
    """« Cette fiche est citée par »: the fiches linking here, each once."""
    seen, fiches = set(), []
    for link in fiche.incoming_links.all():
        if link.source_id not in seen:
            seen.add(link.source_id)
            fiches.append(link.source)
    return fiches


def keyword_index():
    return (
        Keyword.objects.filter(entries__isnull=False)
        .distinct()
        .prefetch_related(
            Prefetch(
                "entries",
                queryset=KeywordEntry.objects.filter(
                    **{f"fiche__{k}": v for k, v in PUBLISHED.items()}
                )
                .select_related("fiche__resource")
                .order_by("-is_primary", "fiche__position", "fiche__code"),
            )
        )
        .order_by("name")
    )
