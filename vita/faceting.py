"""What faceted lists share (the experience cards, the library): the facet registry, query
string checks, the chips of active filters, pagination and clean addresses.

A list declares each facet once (`Facet`: its parameter, label, known codes, path to the
codes, message for an unknown one) in a `FacetRegistry`, from which its FilterSet, the
check of the query string, the counts, the options shown and the chips are built. Values
are checked against the known codes before any FilterSet sees them, so an unknown code
is reported in French, never silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property, wraps
from typing import ClassVar
from urllib.parse import urlencode

import django_filters
from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.http import HttpResponsePermanentRedirect, QueryDict

from vita import facet_paths

Choices = dict[str, list[tuple[str, str]]]  # facet name → its (code, label) in display order


@dataclass(frozen=True)
class Facet:
    """One facet of a list, declared once.

    `path` is the lookup from an item to its codes (« region__code », « departements__code »,
    « milieux »): the facet keeps the items having one of the chosen codes there (OR within
    a facet, AND across) and counts them there (`vita.facet_paths`). `unknown` ends the
    message for a code not among `choices`: « « 99 » n'est pas un code de région connu »."""

    name: str  # the query string's parameter
    label: str
    choices: Callable[[], Iterable[tuple[str, str]]]  # code → label, in display order
    path: str
    unknown: str
    # Only the options with results (or chosen) are listed: for facets of many options,
    # most at zero; the others show theirs disabled, so the whole choice stays visible.
    sparse: bool = False
    # Codes renamed since addresses were shared (old → new): the old ones answer 301.
    renamed: Mapping[str, str] = field(default_factory=dict)


class FacetFilterSet(django_filters.FilterSet):
    """A faceted list's FilterSet. Its facets' filters (added by `FacetRegistry.filterset`)
    accept the codes the data gives: the list checks them against the known codes first
    (`FacetRegistry.check`), so the form does not copy every known code on each request."""

    facet_names: ClassVar[tuple[str, ...]] = ()

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        for name in self.facet_names:
            codes = data.getlist(name) if data is not None else []
            self.filters[name].extra["choices"] = [(code, code) for code in codes]

    def filtered_except(self, *facets: str) -> QuerySet:
        """The queryset with every filter but those of `facets`, for their counts. Reuses
        the validated form: a FilterSet per facet would copy its filters each time."""
        items = self.queryset.all()
        self.errors  # validates the form, as `qs` does  # noqa: B018
        for name, value in self.form.cleaned_data.items():
            if name not in facets:
                items = self.filters[name].filter(items, value)
        return items


class FacetRegistry:
    """The facets of one list, in display order, over the items of `filterset`'s model;
    `filterset` holds the list's other filters (the text, years…)."""

    def __init__(self, filterset: type[FacetFilterSet], facets: Iterable[Facet]):
        self.base = filterset
        self.facets = list(facets)
        self.by_name = {facet.name: facet for facet in self.facets}
        clashing = set(self.by_name) & set(filterset.base_filters)
        if len(self.by_name) < len(self.facets) or clashing:
            raise ValueError(f"Facets named twice or like another filter: {clashing or '?'}")

    def __iter__(self):
        return iter(self.facets)

    @property
    def names(self) -> list[str]:
        return list(self.by_name)

    @cached_property
    def routes(self) -> dict[str, facet_paths.Route]:
        """Each facet's path, read once the models are ready."""
        model = self.base._meta.model
        return {facet.name: facet_paths.route(model, facet.path) for facet in self.facets}

    @cached_property
    def filterset(self) -> type[FacetFilterSet]:
        """The list's FilterSet: its own filters, then a multiple choice per facet."""
        condition = self.condition

        def filter_facet(items, name, codes):  # a function: FilterSets deep-copy filters
            return items.filter(condition(name, codes))

        filters = {
            facet.name: django_filters.MultipleChoiceFilter(
                label=facet.label, choices=[], method=filter_facet
            )
            for facet in self.facets
        }
        name = self.base.__name__.removesuffix("Base")
        attributes = {"__module__": self.base.__module__, "facet_names": tuple(self.by_name)}
        return type(name, (self.base,), attributes | filters)

    def condition(self, name: str, codes: list[str]) -> Q:
        """The items having one of `codes` for facet `name`."""
        return self.routes[name].condition(codes)

    @property
    def renamed(self) -> dict[str, dict[str, str]]:
        """Parameter → old code → code now, for `redirects_to_canonical_address`."""
        return {facet.name: dict(facet.renamed) for facet in self.facets if facet.renamed}

    def choices(self) -> Choices:
        """The known codes of every facet, with their labels, in display order."""
        return {facet.name: list(facet.choices()) for facet in self.facets}

    def check(self, params: QueryDict, choices: Choices) -> tuple[QueryDict, list[str]]:
        """The known codes of each facet, each once, in the facet's order (one search, one
        query string: its canonical address, its feed, the one alert an address may have on
        it); every unknown one named in a message."""
        cleaned, errors = QueryDict(mutable=True), []
        for facet in self.facets:
            asked = params.getlist(facet.name)
            known = {code: None for code, _ in choices[facet.name]}  # ordered, quick to ask
            wanted = set(asked)
            for code in known:
                if code in wanted:
                    cleaned.appendlist(facet.name, code)
            for value in asked:
                if value and value not in known:
                    errors.append(
                        f"« {value[:40]} » n'est pas {facet.unknown} : ce filtre est ignoré."
                    )
        return cleaned, errors

    def count_each(self, filtered: FacetFilterSet) -> dict[str, dict[str, int]]:
        """Each facet's option counts, with the other facets' filters applied: a query per
        facet (for lists of hundreds of items)."""
        return {
            name: route.count(filtered.filtered_except(name)) for name, route in self.routes.items()
        }

    def count_in_one_query(
        self, filtered: FacetFilterSet, item: str = "item"
    ) -> tuple[dict[str, dict[str, int]], int]:
        """Each facet's option counts, with the other facets' filters applied, and the
        number of results, in one query (`facet_paths.count_in_one_query`)."""
        selected = {
            name: self.condition(name, filtered.data.getlist(name))
            for name in self.by_name
            if filtered.data.getlist(name)
        }
        items = filtered.filtered_except(*selected)
        return facet_paths.count_in_one_query(items, self.routes, selected, item)

    def options(
        self, choices: Choices, counts: dict[str, dict[str, int]], cleaned: QueryDict
    ) -> list[CountedFacet]:
        """The facets as the form shows them, in their order, with their counts."""
        shown = []
        for facet in self.facets:
            selected = set(cleaned.getlist(facet.name))
            facet_counts = counts.get(facet.name, {})
            options = [
                FacetOption(code, label, facet_counts.get(code, 0), code in selected)
                for code, label in choices[facet.name]
                if not facet.sparse or facet_counts.get(code) or code in selected
            ]
            shown.append(CountedFacet(facet.name, facet.label, options))
        return shown


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class CountedFacet:
    """A facet as the filter form shows it (`templates/_facets.html`)."""

    name: str
    label: str
    options: list[FacetOption]

    @property
    def selected_count(self) -> int:
        return sum(option.selected for option in self.options)


@dataclass
class Chip:
    label: str
    remove_query: str


def clean_text(params: QueryDict, cleaned: QueryDict, name: str = "q") -> None:
    text = params.get(name, "").strip()[:200]
    if text:
        cleaned[name] = text


def chips(cleaned: QueryDict, facets: list[CountedFacet], extra: dict[str, str]) -> list[Chip]:
    """The active filters, each with the link that removes it: the text first, then the
    facets' options, then the single values named in `extra` (name → label)."""
    found = []
    if cleaned.get("q"):
        found.append(Chip(f"Mots-clés : « {cleaned['q']} »", encode(without(cleaned, "q"))))
    for facet in facets:
        for option in facet.options:
            if option.selected:
                rest = cleaned.copy()
                rest.setlist(facet.name, [v for v in rest.getlist(facet.name) if v != option.value])
                found.append(Chip(f"{facet.label} : {option.label}", encode(rest)))
    for name, label in extra.items():
        if cleaned.get(name):
            found.append(Chip(f"{label} {cleaned[name]}", encode(without(cleaned, name))))
    return found


def paginate(
    items: QuerySet, number: str | None, size: int, count: int | None = None
) -> tuple[Page, str]:
    """The asked page; a French message and the nearest page when the number is wrong.
    `count`: the number of items, when the caller has counted them already."""
    paginator = Paginator(items, size)
    if count is not None:
        paginator.count = count  # a cached property: the paginator does not count again
    if number in (None, ""):
        return paginator.page(1), ""
    # ASCII digits only: str.isdigit() accepts « ² », which int() refuses.
    if not re.fullmatch(r"[0-9]{1,6}", number) or int(number) < 1:
        return paginator.page(1), f"« {number[:10]} » n'est pas un numéro de page : page 1."
    if int(number) > paginator.num_pages:
        last = paginator.num_pages
        return paginator.page(last), f"La page {int(number)} n'existe pas : voici la page {last}."
    return paginator.page(int(number)), ""


def encode(params: QueryDict) -> str:
    pairs = [(key, value) for key in params for value in params.getlist(key)]
    return urlencode(pairs)


def without(cleaned: QueryDict, name: str) -> QueryDict:
    rest = cleaned.copy()
    rest.pop(name, None)
    return rest


# -- the address of a list -------------------------------------------------------------------


def canonical_query(params: QueryDict, renamed: dict[str, dict[str, str]]) -> str | None:
    """The query string a list's address should have, or None when it has it: no empty
    parameter (a form sent without JavaScript sends every field), and each value renamed
    since links were shared (`renamed`: parameter → old value → new value) by its name
    now. Order and repeated parameters are kept."""
    pairs = [
        (name, renamed.get(name, {}).get(value, value))
        for name, values in params.lists()
        for value in values
        if value.strip()
    ]
    original = [(name, value) for name, values in params.lists() for value in values]
    return None if pairs == original else urlencode(pairs)


def redirects_to_canonical_address(facets: FacetRegistry):
    """A list view decorator: an address with empty parameters or codes its `facets`
    renamed answers 301 to its clean form, so shared links keep working and addresses
    stay short. htmx's own requests are left alone (site.js sends no empty parameter)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.headers.get("HX-Request"):
                query = canonical_query(request.GET, facets.renamed)
                if query is not None:
                    return HttpResponsePermanentRedirect(
                        f"{request.path}?{query}" if query else request.path
                    )
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
