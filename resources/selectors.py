"""Reads of the reference manual for the public pages."""

from django.db.models import Prefetch

from resources.models import (
    Collection,
    Fiche,
    FicheLink,
    FicheLinkKind,
    Keyword,
    KeywordEntry,
)
from vita.models import PublicationStatus

MANUAL = "manuel-dts-v1"
PUBLISHED = {"resource__status": PublicationStatus.PUBLISHED}


def published_fiches():
    return Fiche.objects.filter(**PUBLISHED).select_related("resource")


def manual_table_of_contents():
    parts = list(Collection.objects.filter(parent__slug=MANUAL).order_by("position", "name"))
    fiches = published_fiches().filter(resource__collection__in=parts).order_by("position", "code")
    by_part: dict[int, list[Fiche]] = {part.pk: [] for part in parts}
    for fiche in fiches:
        by_part[fiche.resource.collection_id].append(fiche)
    return [(part, by_part[part.pk]) for part in parts]


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
