"""Reads of experience cards for the public pages."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from django.core.paginator import Page
from django.db.models import Prefetch, QuerySet
from django.http import QueryDict

from experiences import search
from experiences.filters import CARD_FACETS
from experiences.models import (
    CardContact,
    CardLink,
    CardListing,
    CardPoint,
    CardSubmission,
    CardTool,
    ExperienceCard,
)
from organisations.models import Organisation, Person
from resources.models import Resource
from territories.models import Departement, Region
from vita import faceting
from vita.faceting import Chip, CountedFacet
from vita.findable import RecordDates, dated, history_marks, record_dates
from vita.models import PublicationStatus
from vita.sorting import FrenchSortKey, french_sort_key

PAGE_SIZE = 20
SORTS = {"pertinence": "Pertinence", "titre": "Titre", "recent": "Les plus récentes"}


def published_cards() -> QuerySet[ExperienceCard]:
    return ExperienceCard.objects.filter(status=PublicationStatus.PUBLISHED)


def published_card(slug: str) -> ExperienceCard | None:
    """A published card alone, without what its page shows."""
    return published_cards().filter(slug=slug).first()


@dataclass
class CardSearch:
    page: Page
    total: int
    facets: list[CountedFacet]
    chips: list[Chip]
    errors: list[str]
    sort: str
    suggestion: str | None
    params: QueryDict
    query_string: str  # the search without its page, for pagination links
    sorts: dict[str, str] = field(default_factory=lambda: SORTS)
    misspelt: str = ""  # the typed words, when the search shows those of `suggestion`

    @property
    def is_filtered(self) -> bool:
        return bool(self.chips)

    @property
    def follow_query(self) -> str:
        """The search as its feed and alert follow it: the cards it selects, whatever
        their order."""
        return faceting.encode(faceting.without(self.params, "tri"))

    @property
    def suggestion_query(self) -> str:
        """The same search with the suggested words."""
        params = self.params.copy()
        params["q"] = self.suggestion
        return faceting.encode(params)


def search_cards(params: QueryDict, correct_spelling: bool = True, choices=None) -> CardSearch:
    """The published cards matching `params`, a page of them, and the facets' counts.
    Words that find nothing are replaced by the closest words of the cards when those
    find something (« insertoin » → « insertion »); `misspelt` then keeps the typed ones."""
    choices = choices or CARD_FACETS.choices()
    cleaned, errors = _clean(params, choices)
    card_filter = CARD_FACETS.filterset(cleaned, queryset=published_cards())
    counts, total = CARD_FACETS.count_in_one_query(card_filter, item="card")
    sort = _sort(cleaned)
    text = cleaned.get("q", "")
    page, page_error = faceting.paginate(
        _sorted(card_filter.qs, sort, text), params.get("page"), PAGE_SIZE, count=total
    )
    if page_error:
        errors.append(page_error)
    # The corrected search itself is not corrected again: its caller keeps the suggestion.
    wants_suggestion = correct_spelling and text and not total and not errors
    suggestion = search.suggestion(text) if wants_suggestion else None
    if suggestion:
        corrected_params = cleaned.copy()
        corrected_params["q"] = suggestion
        corrected = search_cards(corrected_params, correct_spelling=False, choices=choices)
        if corrected.total:
            corrected.suggestion, corrected.misspelt = suggestion, text
            return corrected
    facets = CARD_FACETS.options(choices, counts, cleaned)
    return CardSearch(
        page=page,
        total=total,
        facets=facets,
        chips=_chips(cleaned, facets),
        errors=errors,
        sort=sort,
        suggestion=suggestion,
        params=cleaned,
        query_string=faceting.encode(cleaned),
    )


def _clean(params: QueryDict, choices) -> tuple[QueryDict, list[str]]:
    """Keep the known values; name every unknown one in a message."""
    cleaned, errors = CARD_FACETS.check(params, choices)
    faceting.clean_text(params, cleaned)
    for name, label in (("debut", "L'année de début"), ("fin", "L'année de fin")):
        value = params.get(name, "").strip()
        if not value:
            continue
        if re.fullmatch(r"[0-9]{4}", value) and 1900 <= int(value) <= 2100:
            cleaned[name] = value
        else:
            errors.append(f"{label} « {value[:10]} » n'est pas une année : ce filtre est ignoré.")
    if params.get("tri") in SORTS:
        cleaned["tri"] = params["tri"]
    return cleaned, errors


def _sort(cleaned: QueryDict) -> str:
    default = "pertinence" if cleaned.get("q") else "titre"
    sort = cleaned.get("tri", default)
    return "titre" if sort == "pertinence" and not cleaned.get("q") else sort


# What a result of the list shows: the long texts and the search vector stay in the database.
LISTED_FIELDS = [
    "slug", "title", "summary", "published_at", "porteur", "region", "category", "start_year",
    "end_year", "source_resource",
]  # fmt: skip


def listed_cards(cards: QuerySet) -> QuerySet:
    """The cards as a list shows them (`experiences/_card_result.html`): porteurs, régions,
    ateliers and the document's year are fetched for the page's cards (prefetched), not
    joined to every matching card before the sort picks the page (50 ms for a word of
    half of 100,000 cards)."""
    return cards.only(*LISTED_FIELDS).prefetch_related(
        # Slugs and codes: the API's list names them (api.serializers.CardListSerializer).
        Prefetch("porteur", queryset=Organisation.objects.only("name", "slug")),
        Prefetch("region", queryset=Region.objects.only("name", "code")),
        Prefetch("source_resource", queryset=Resource.objects.only("year")),
        Prefetch(
            "listings",
            queryset=CardListing.objects.select_related("working_group").order_by(
                "working_group__code"
            ),
        ),
        "departements",
    )


def _sorted(cards: QuerySet, sort: str, q: str) -> QuerySet:
    cards = listed_cards(cards)
    if q:
        cards = search.with_snippets(cards, q)
    if sort == "recent":
        return cards.order_by("-published_at", "-pk")
    if sort == "pertinence":
        return search.ranked(cards, q)
    return cards.order_by(FrenchSortKey("title"), "pk")


def _chips(cleaned: QueryDict, facets: list[CountedFacet]) -> list[Chip]:
    return faceting.chips(cleaned, facets, {"debut": "Depuis", "fin": "Jusqu'à"})


# -- a card's dates ----------------------------------------------------------------------


def dated_cards(cards: QuerySet) -> QuerySet:
    """`cards` with what `card_dates` reads, in the same query: their source document's
    date and their history's marks (`vita.findable.dated`)."""
    return dated(cards.select_related("source_resource"))


def card_dates(card: ExperienceCard) -> RecordDates:
    """When a card was published and last changed by a person: its JSON-LD's
    `datePublished` and `dateModified`, its `lastmod` in the sitemap (feeds and the API
    may read them too).

    Published: the date of the source document it was read from (`source_resource`: its
    version's date, else its year), or, for a card written on the site, the day the site
    published it. Modified: the last version of its history with a user (an animator in
    the admin, a spreadsheet, a workflow move, a restore: `vita.history`), the « mis à
    jour le » of its page; never the import's run, which writes versions without one: a
    card nobody edited was last modified when it was published."""
    edited_at, imported = history_marks(card)
    source = card.source_resource
    return record_dates(
        document_date=source.version_date if source else None,
        document_year=source.year if source else None,
        published_at=card.published_at,
        imported=imported,
        edited_at=edited_at,
    )


# -- a selection: the matching cards without a page (feeds, alerts) -----------------------


@dataclass
class CardSelection:
    """The published cards a search matches, unsorted and unpaged, with what names it."""

    cards: QuerySet[ExperienceCard]
    params: QueryDict  # the search's known values, its sort and page aside
    filters: list[str]  # its filters in French, as the list's chips name them
    errors: list[str]  # every unknown code or wrong value, in French

    @property
    def query_string(self) -> str:
        """The search's canonical query string: the list's address without its page."""
        return faceting.encode(self.params)


def card_selection(params: QueryDict, choices=None) -> CardSelection:
    """The published cards matching `params` with the list's own FilterSet and checks
    (`search_cards`), without its counts, page or spelling suggestion."""
    choices = choices or CARD_FACETS.choices()
    cleaned, errors = _clean(params, choices)
    cleaned.pop("tri", None)  # the order changes no card of the selection
    card_filter = CARD_FACETS.filterset(cleaned, queryset=published_cards())
    facets = CARD_FACETS.options(choices, {}, cleaned)  # chosen options are kept uncounted
    return CardSelection(
        cards=card_filter.qs,
        params=cleaned,
        filters=[chip.label for chip in _chips(cleaned, facets)],
        errors=errors,
    )


def newest_cards(selection: CardSelection, since=None, until=None) -> QuerySet[ExperienceCard]:
    """The selection's cards by publication date, newest first; only those published
    after `since` and up to `until` when given (an alert's period)."""
    cards = selection.cards.exclude(published_at=None)
    if since is not None:
        cards = cards.filter(published_at__gt=since)
    if until is not None:
        cards = cards.filter(published_at__lte=until)
    return listed_cards(cards).order_by("-published_at", "-pk")


# -- a selection, for its exports -------------------------------------------------------


def selection_search(params: QueryDict) -> CardSearch:
    """The list's search as an export takes it: the same parameters, every page."""
    params = params.copy()
    params.pop("page", None)
    return search_cards(params)


def selection_slugs(search: CardSearch) -> list[str]:
    """Every card of `search`, in the list's order (the pages' query, without pages)."""
    cards = search.page.paginator.object_list.prefetch_related(None)
    return list(cards.values_list("slug", flat=True))


def cards_in_order(slugs: list[str]) -> list[ExperienceCard]:
    """The published cards of `slugs`, in full (`cards_in_full`), in that order."""
    found = cards_in_full(published_cards().filter(slug__in=slugs))
    by_slug = {card.slug: card for card in found}
    return [by_slug[slug] for slug in slugs if slug in by_slug]


# -- one card ---------------------------------------------------------------------------


def card_detail(slug: str, published_only: bool = True) -> ExperienceCard | None:
    """A published card (any card, for a preview) with everything its page shows, in a
    fixed number of queries."""
    cards = published_cards() if published_only else ExperienceCard.objects.all()
    return cards_in_full(dated_cards(cards)).filter(slug=slug).first()


def cards_in_full(cards: QuerySet) -> QuerySet:
    """`cards` with everything a card's page shows, in a fixed number of queries however
    many they are."""
    return cards.select_related(
        "porteur", "porteur__departement", "region", "source_resource", "fiche"
    ).prefetch_related(
        Prefetch("departements", queryset=Departement.objects.select_related("region")),
        "partners",
        "themes",
        "keywords",
        Prefetch(
            "contacts",
            # Nobody withdrawn at their request (organisations.Person.objects.public).
            queryset=CardContact.objects.filter(person__in=Person.objects.public())
            .select_related("person", "person__organisation")
            .prefetch_related("working_groups", "person__mentions"),
        ),
        Prefetch("points", queryset=CardPoint.objects.order_by("kind", "position")),
        Prefetch("tools", queryset=CardTool.objects.select_related("resource")),
        Prefetch(
            "links",
            queryset=CardLink.objects.select_related(
                "target_card__porteur",
                "target_card__region",
                "target_card__source_resource",
                "target_resource",
            ).order_by("kind", "position"),
        ),
        Prefetch(
            "listings",
            queryset=CardListing.objects.select_related(
                "working_group", "working_group__programme"
            ),
        ),
    )


# Cards looked at per shared group, département or theme: a theme may hold a tenth of
# all cards, and the page must not cost more as the centre grows.
RELATED_CANDIDATES = 60


def related_cards(card: ExperienceCard, limit: int = 6) -> list[ExperienceCard]:
    """Explicit links first, then the cards sharing the most groups, départements and
    themes with this one (among the latest cards of each), by title."""
    linked = [
        link.target_card
        for link in card.links.all()
        if link.target_card and link.target_card.status == PublicationStatus.PUBLISHED
    ]
    wanted = limit - len(linked)
    if wanted <= 0:
        return linked[:limit]
    taken = {card.pk, *(c.pk for c in linked)}
    groups = [listing.working_group_id for listing in card.listings.all()]
    departements = [departement.pk for departement in card.departements.all()]
    themes = [theme.pk for theme in card.themes.all()]
    sources = [
        (CardListing.objects, "card", "working_group_id", groups),
        (ExperienceCard.departements.through.objects, "experiencecard", "departement_id",
         departements),
        (ExperienceCard.themes.through.objects, "experiencecard", "theme_id", themes),
    ]  # fmt: skip
    # One point per shared group, département or theme; each link table read by its
    # index, the latest published cards first.
    published = PublicationStatus.PUBLISHED
    scores = Counter()
    for links, card, item_column, items in sources:
        if items:
            shared = (
                links.filter(**{f"{item_column}__in": items, f"{card}__status": published})
                .exclude(**{f"{card}__in": taken})
                .order_by(f"-{card}_id")
                .values_list(f"{card}_id", flat=True)
            )
            scores.update(shared[:RELATED_CANDIDATES])
    best = sorted(scores, key=lambda pk: -scores[pk])[: wanted * 2]
    candidates = (
        published_cards()
        .filter(pk__in=best)
        .select_related("porteur", "region", "source_resource")
        .only("slug", "title", "porteur__name", "region__name", "source_resource__year")
    )
    computed = sorted(candidates, key=lambda c: (-scores[c.pk], french_sort_key(c.title)))[:wanted]
    return [*linked, *computed]


def organisation_cards(organisation) -> tuple[list[ExperienceCard], list[ExperienceCard]]:
    """The published cards a structure carries, and those it is a partner of, by title."""
    cards = published_cards().select_related("region").order_by(FrenchSortKey("title"))
    return list(cards.filter(porteur=organisation)), list(cards.filter(partners=organisation))


def group_cards(group) -> list[ExperienceCard]:
    """A working group's published cards, in the group's order."""
    return list(
        published_cards()
        .filter(listings__working_group=group)
        .select_related("porteur", "region")
        .order_by("listings__position", FrenchSortKey("title"))
    )


def submission_data(user) -> list[dict]:
    """The cards the member proposed, with the contact they gave (« Télécharger mes
    données »)."""
    submissions = CardSubmission.objects.filter(user=user).select_related("card")
    return [
        {
            "fiche": s.card.title,
            "etat_de_la_fiche": s.card.get_status_display(),
            "nom": s.contact_name,
            "e_mail": s.contact_email,
            "telephone": s.contact_phone,
            "envoyee_par": s.get_source_display(),
            "proposee_le": s.submitted_at,
        }
        for s in submissions.order_by("submitted_at")
    ]
