"""Reads of the library and of the reference manual for the public pages."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchRank
from django.core.paginator import Page
from django.db.models import Exists, F, OuterRef, Prefetch, Q, QuerySet
from django.http import QueryDict

from organisations.models import Person
from resources.access import LEVEL_AUDIENCES
from resources.filters import LIBRARY_FACETS
from resources.models import (
    AccessLevel,
    Availability,
    Collection,
    Fiche,
    FicheBlock,
    FicheLink,
    FicheLinkKind,
    Keyword,
    KeywordEntry,
    Resource,
)
from vita import faceting
from vita.faceting import Chip, CountedFacet
from vita.findable import RecordDates, dated, history_marks, record_dates
from vita.models import PublicationStatus
from vita.search import search_query, snippet
from vita.sorting import FrenchSortKey
from workgroups.audiences import Audience
from workgroups.models import WorkingGroup

MANUAL = "manuel-dts-v1"
# A resource's authors as public pages name them: nobody withdrawn at their request.
PUBLIC_AUTHORS = Prefetch("author_people", queryset=Person.objects.public())
PUBLISHED = {"resource__status": PublicationStatus.PUBLISHED}


def published_fiches():
    return Fiche.objects.filter(**PUBLISHED).select_related("resource")


def published_fiche_codes() -> set[str]:
    """The codes a fiche's text may cite and link to (« FICHE I-C-2-b »)."""
    return set(published_fiches().values_list("code", flat=True))


def published_fiche(code: str) -> Fiche | None:
    """A published fiche and its resource, without what its page shows."""
    return published_fiches().filter(code=code).first()


def matching_fiches(text: str):
    """Published fiches whose title, description or any block matches `text`."""
    query = search_query(text)
    blocks = FicheBlock.objects.filter(fiche=OuterRef("pk"), search_vector=query)
    return published_fiches().filter(Q(resource__search_vector=query) | Exists(blocks))


def published_resources():
    """What the library, the site search and a group's page list: published resources,
    but a group's own documents (listed in its members' space only)."""
    return Resource.objects.filter(status=PublicationStatus.PUBLISHED).exclude(
        access_level=AccessLevel.GROUP
    )


# The levels everyone reads (`resources.access`): not reserved to the network's members, the
# animators or a group.
PUBLIC_LEVELS = [
    level for level, audience in LEVEL_AUDIENCES.items() if audience == Audience.PUBLIC
]


def public_resources():
    """The published resources everyone may read, page and file: what search engines are
    shown (the sitemap), never a reserved one."""
    return published_resources().filter(access_level__in=PUBLIC_LEVELS)


def public_fiches():
    """The manual's published fiches everyone may read."""
    return published_fiches().filter(resource__access_level__in=PUBLIC_LEVELS)


def public_collections():
    """The collections whose page shows something to everyone (`collection_page`): a
    published resource of the library, or a collection in them that has one."""
    shown = published_resources().filter(collection=OuterRef("pk"))
    child_shown = Collection.objects.filter(
        parent=OuterRef("pk"),
        pk__in=published_resources().exclude(collection=None).values("collection"),
    )
    return Collection.objects.filter(Exists(shown) | Exists(child_shown))


def dated_resources(resources: QuerySet) -> QuerySet:
    """`resources` with their history's marks for `resource_dates`, in the same query."""
    return dated(resources)


def resource_dates(resource: Resource) -> RecordDates:
    """When a resource was published (its version's date, else its year; else, for one
    the site made, the day it published it) and last changed by a person, never by an
    import's run: its JSON-LD and its `lastmod` in the sitemap."""
    edited_at, imported = history_marks(resource)
    return record_dates(
        document_date=resource.version_date,
        document_year=resource.year,
        published_at=resource.published_at,
        imported=imported,
        edited_at=edited_at,
    )


def _readable_resources(published_only: bool = True):
    """Resources as their own page and file see them, whatever their access (the view
    asks `resources.access` who may read them)."""
    resources = Resource.objects.all()
    return resources.filter(status=PublicationStatus.PUBLISHED) if published_only else resources


def downloadable_resource(slug: str, published_only: bool = True) -> Resource | None:
    """An available resource that has a file (a file kept for « sur demande » or « non
    diffusable » is not handed out); published, unless asked for a preview's."""
    return (
        _readable_resources(published_only)
        .prefetch_related("working_groups")
        .filter(availability=Availability.AVAILABLE, slug=slug)
        .exclude(file="")
        .first()
    )


def matching_resources(text: str):
    """Published library resources matching `text`: what `/ressources/?q=` lists."""
    return published_resources().filter(search_vector=search_query(text))


def manual_table_of_contents(text: str = ""):
    """The manual's parts with their fiches in order; with `text`, its matching fiches only."""
    parts = list(
        Collection.objects.filter(parent__slug=MANUAL).order_by("position", FrenchSortKey("name"))
    )
    fiches = matching_fiches(text) if text else published_fiches()
    fiches = fiches.filter(resource__collection__in=parts).order_by("position", "code")
    by_part: dict[int, list[Fiche]] = {part.pk: [] for part in parts}
    for fiche in fiches:
        by_part[fiche.resource.collection_id].append(fiche)
    return [(part, by_part[part.pk]) for part in parts if by_part[part.pk] or not text]


def _published_citations():
    """Links from published fiches, in the manual's order (« cette fiche est citée par »)."""
    return (
        FicheLink.objects.filter(source__resource__status=PublicationStatus.PUBLISHED)
        .select_related("source__resource")
        .order_by("source__position", "source__code")
    )


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
                queryset=_published_citations(),
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
        .order_by(FrenchSortKey("name"))
    )


# -- the library list ---------------------------------------------------------------------

LIBRARY_PAGE_SIZE = 20
LIBRARY_SORTS = {
    "pertinence": "Pertinence",
    "titre": "Titre",
    "recent": "Les plus récentes",
    "telechargements": "Les plus téléchargées",
}


@dataclass
class LibrarySearch:
    page: Page
    total: int
    facets: list[CountedFacet]
    chips: list[Chip]
    errors: list[str]
    sort: str
    params: QueryDict
    query_string: str
    sorts: dict[str, str] = field(default_factory=lambda: LIBRARY_SORTS)

    @property
    def is_filtered(self) -> bool:
        return bool(self.chips)

    @property
    def follow_query(self) -> str:
        """The search as its feed follows it, whatever the order."""
        return faceting.encode(faceting.without(self.params, "tri"))


def search_library(params: QueryDict) -> LibrarySearch:
    """The published resources matching `params`, a page of them, the facets' counts."""
    choices = LIBRARY_FACETS.choices()
    cleaned, errors = LIBRARY_FACETS.check(params, choices)
    faceting.clean_text(params, cleaned)
    text = cleaned.get("q", "")
    sort = params.get("tri") if params.get("tri") in LIBRARY_SORTS else ""
    if sort:
        cleaned["tri"] = sort
    if not sort or (sort == "pertinence" and not text):
        sort = "pertinence" if text else "titre"
    resource_filter = LIBRARY_FACETS.filterset(cleaned, queryset=published_resources())
    page, page_error = faceting.paginate(
        _listed(resource_filter.qs, sort, text), params.get("page"), LIBRARY_PAGE_SIZE
    )
    if page_error:
        errors.append(page_error)
    counts = LIBRARY_FACETS.count_each(resource_filter)
    facets = LIBRARY_FACETS.options(choices, counts, cleaned)
    return LibrarySearch(
        page=page,
        total=page.paginator.count,
        facets=facets,
        chips=faceting.chips(cleaned, facets, {}),
        errors=errors,
        sort=sort,
        params=cleaned,
        query_string=faceting.encode(cleaned),
    )


@dataclass
class ResourceSelection:
    """The published resources a library search matches, unsorted, with its filters'
    names (the list's chips) and its errors (unknown codes)."""

    resources: QuerySet[Resource]
    params: QueryDict
    filters: list[str]
    errors: list[str]

    @property
    def query_string(self) -> str:
        return faceting.encode(self.params)


def resource_selection(params: QueryDict) -> ResourceSelection:
    """The library's own FilterSet and checks (`search_library`), without page nor counts:
    for its feed."""
    choices = LIBRARY_FACETS.choices()
    cleaned, errors = LIBRARY_FACETS.check(params, choices)
    faceting.clean_text(params, cleaned)
    facets = LIBRARY_FACETS.options(choices, {}, cleaned)
    return ResourceSelection(
        resources=LIBRARY_FACETS.filterset(cleaned, queryset=published_resources()).qs,
        params=cleaned,
        filters=[chip.label for chip in faceting.chips(cleaned, facets, {})],
        errors=errors,
    )


def newest_resources(selection: ResourceSelection) -> QuerySet[Resource]:
    """The selection's resources by publication date, newest first."""
    return (
        selection.resources.exclude(published_at=None)
        .select_related("collection")
        .defer("search_vector")
        .order_by("-published_at", "-pk")
    )


def with_source_flag(resources: QuerySet) -> QuerySet:
    """Annotates `is_source_document`: the resource is a document cards were read from."""
    taken_from = Resource.objects.filter(pk=OuterRef("pk"), source_of_cards__isnull=False)
    return resources.annotate(is_source_document=Exists(taken_from))


def listed_resources(resources: QuerySet) -> QuerySet:
    """The resources as a list shows them (`resources/_resource_result.html`: a reference
    with its authors and publisher), in the library and the site search alike."""
    return (
        with_source_flag(resources)
        .select_related("collection", "fiche", "publisher")
        .prefetch_related(PUBLIC_AUTHORS, "author_organisations")
        .defer("search_vector")
    )


def _listed(resources: QuerySet, sort: str, text: str) -> QuerySet:
    resources = listed_resources(resources)
    if text:
        resources = resources.annotate(raw_snippet=snippet(text, "description"))
    if sort == "pertinence":
        query = search_query(text)
        return resources.annotate(rank=SearchRank(F("search_vector"), query)).order_by(
            "-rank", FrenchSortKey("title"), "pk"
        )
    if sort == "recent":
        return resources.order_by(F("year").desc(nulls_last=True), FrenchSortKey("title"), "pk")
    if sort == "telechargements":
        return resources.order_by("-download_count", FrenchSortKey("title"), "pk")
    return resources.order_by(FrenchSortKey("title"), "pk")


# -- one resource -------------------------------------------------------------------------


def resource_detail(slug: str, published_only: bool = True) -> Resource | None:
    """A published resource (any resource, for a preview) with everything its page shows."""
    return (
        dated_resources(with_source_flag(_readable_resources(published_only)))
        .select_related("collection", "publisher", "fiche", "part_of")
        .prefetch_related(
            PUBLIC_AUTHORS,
            "author_organisations",
            "links",
            "themes",
            Prefetch("working_groups", queryset=WorkingGroup.objects.select_related("programme")),
            Prefetch(
                "fiche__incoming_links",
                queryset=_published_citations(),
            ),
        )
        .filter(slug=slug)
        .first()
    )


# How a card cites a resource: a tool, a linked resource, an « À consulter également ».
CITING_PATHS = ("tools__resource", "resources", "links__target_resource")


def _published_cards():
    """The cards' model is the experiences app's, above this one: reached through the
    reverse relations it declares on resources."""
    card_model = Resource._meta.get_field("source_of_cards").related_model
    return card_model.objects.filter(status=PublicationStatus.PUBLISHED).select_related(
        "porteur", "region"
    )


def resource_cards(resource: Resource) -> tuple[list, list]:
    """The published cards that cite `resource` (a tool, a linked resource, « À consulter
    également »), and those taken from it (a source document)."""
    cards = _published_cards()
    citing = cards.filter(
        Q(tools__resource=resource) | Q(resources=resource) | Q(links__target_resource=resource)
    ).distinct()
    citing = citing.order_by(FrenchSortKey("title"), "pk")
    sourced = cards.filter(source_resource=resource).order_by(FrenchSortKey("title"), "pk")
    return list(citing), list(sourced)


def cards_citing(resources: list[Resource]) -> dict[int, list]:
    """For each of `resources`, the published cards that cite it, by title: one query per
    way of citing, one for the cards."""
    ids = [resource.pk for resource in resources]
    pairs = set()
    for path in CITING_PATHS:
        pairs |= set(_published_cards().filter(**{f"{path}__in": ids}).values_list(path, "pk"))
    cards = _published_cards().filter(pk__in={card for _, card in pairs})
    by_pk = {card.pk: card for card in cards.order_by(FrenchSortKey("title"), "pk")}
    order = list(by_pk)
    citing: dict[int, list] = {pk: [] for pk in ids}
    for resource_pk, card_pk in sorted(pairs, key=lambda pair: order.index(pair[1])):
        citing[resource_pk].append(by_pk[card_pk])
    return citing


@dataclass
class CollectionPage:
    collection: Collection
    resources: list[Resource]  # each with `citing_cards`, the published cards citing it
    children: list[Collection]


def collection_page(slug: str) -> CollectionPage | None:
    """A collection as its page shows it: its published resources in the collection's
    order (a letter's issues by number), each with the cards that cite it, and the
    collections it holds that have some."""
    collection = Collection.objects.select_related("parent").filter(slug=slug).first()
    if collection is None:
        return None
    resources = list(
        listed_resources(published_resources().filter(collection=collection))
        .prefetch_related("links")
        .order_by("position", FrenchSortKey("title"), "pk")
    )
    children = list(
        collection.children.filter(
            Exists(published_resources().filter(collection=OuterRef("pk")))
        ).order_by("position", FrenchSortKey("name"))
    )
    if not resources and not children:
        return None  # nothing a reader may see
    citing = cards_citing(resources)
    for resource in resources:
        resource.citing_cards = citing[resource.pk]
    return CollectionPage(collection, resources, children)


def group_documents(group) -> list[Resource]:
    """The documents shared with a group only, published, for its members' space."""
    return list(
        listed_resources(
            Resource.objects.filter(
                status=PublicationStatus.PUBLISHED,
                access_level=AccessLevel.GROUP,
                working_groups=group,
            )
        )
        .prefetch_related("working_groups")
        .order_by("-updated_at", FrenchSortKey("title"))
    )


def productions_in_progress(group) -> list[Resource]:
    """The group's productions not yet published (drafts, in review), which its members
    read before they are out."""
    in_progress = [PublicationStatus.DRAFT, PublicationStatus.IN_REVIEW]
    return list(
        Resource.objects.filter(status__in=in_progress, working_groups=group)
        .prefetch_related("working_groups")
        .order_by("-updated_at", FrenchSortKey("title"))
    )


def group_productions(group) -> list[Resource]:
    """What a working group produced, published, as the library credits it."""
    return list(
        published_resources()
        .filter(working_groups=group)
        .select_related("publisher", "part_of")
        .prefetch_related(PUBLIC_AUTHORS, "author_organisations")
        .order_by("position", FrenchSortKey("title"))
    )
