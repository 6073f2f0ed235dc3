"""What faceted lists share (the experience cards, the library): facets with their counted
options, the chips of active filters, query-string checks and pagination.

A list declares its multi-valued facets as names with known codes; values are checked
against those codes before any FilterSet sees them, so an unknown code is reported in
French, never silently dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

import django_filters
from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet
from django.http import QueryDict

Choices = dict[str, list[tuple[str, str]]]  # facet name → its (code, label) in display order


class CheckedCodesFilterSet(django_filters.FilterSet):
    """A FilterSet whose multiple-choice filters accept the codes given as `choices`: the
    list checks the query string's codes first (`clean_codes`) and passes the chosen
    ones, so the form does not copy every known code on each request."""

    def __init__(self, *args, choices: Choices, **kwargs):
        super().__init__(*args, **kwargs)
        for name, options in choices.items():
            self.filters[name].extra["choices"] = options

    def filtered_except(self, *facets: str) -> QuerySet:
        """The queryset with every filter but those of `facets`, for their counts. Reuses
        the validated form: a FilterSet per facet would copy its filters each time."""
        items = self.queryset.all()
        self.errors  # validates the form, as `qs` does  # noqa: B018
        for name, value in self.form.cleaned_data.items():
            if name not in facets:
                items = self.filters[name].filter(items, value)
        return items


def chosen_codes(cleaned: QueryDict, names: Iterable[str]) -> Choices:
    """The codes chosen in `cleaned`, as choices for a CheckedCodesFilterSet."""
    return {name: [(code, code) for code in cleaned.getlist(name)] for name in names}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
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


def clean_codes(
    params: QueryDict, choices: Choices, unknown: dict[str, str]
) -> tuple[QueryDict, list[str]]:
    """The known codes of each facet, each once; every unknown one named in a message
    (`unknown[name]` says what the value should have been: « un code de région connu »)."""
    cleaned, errors = QueryDict(mutable=True), []
    for name, options in choices.items():
        known = {code for code, _ in options}
        for value in params.getlist(name):
            if value in known:
                if value not in cleaned.getlist(name):
                    cleaned.appendlist(name, value)
            elif value:
                errors.append(f"« {value[:40]} » n'est pas {unknown[name]} : ce filtre est ignoré.")
    return cleaned, errors


def clean_text(params: QueryDict, cleaned: QueryDict, name: str = "q") -> None:
    text = params.get(name, "").strip()[:200]
    if text:
        cleaned[name] = text


def build_facets(
    choices: Choices,
    labels: dict[str, str],
    counts: dict[str, dict[str, int]],
    cleaned: QueryDict,
    sparse: Iterable[str] = (),
) -> list[Facet]:
    """Facets in the order of `choices`; a sparse facet lists only its options with
    results (or selected), the others show theirs at zero too, so the choice stays whole."""
    facets = []
    for name, options in choices.items():
        selected = set(cleaned.getlist(name))
        facet_counts = counts.get(name, {})
        facets.append(
            Facet(
                name=name,
                label=labels[name],
                options=[
                    FacetOption(code, label, facet_counts.get(code, 0), code in selected)
                    for code, label in options
                    if name not in sparse or facet_counts.get(code) or code in selected
                ],
            )
        )
    return facets


def chips(cleaned: QueryDict, facets: list[Facet], extra: dict[str, str]) -> list[Chip]:
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


def count_by(path: str) -> Callable[[QuerySet], dict[str, int]]:
    """Counts per value of a column reached through one-valued relations."""

    def count(items: QuerySet) -> dict[str, int]:
        rows = items.order_by().values(path).annotate(n=Count("pk"))
        return {row[path]: row["n"] for row in rows if row[path] is not None}

    return count


def count_through(model, field: str, path: str) -> Callable[[QuerySet], dict[str, int]]:
    """Counts per value of a many-valued relation, read from its link table `model`."""

    def count(items: QuerySet) -> dict[str, int]:
        rows = (
            model.objects.filter(**{f"{field}__in": items.order_by().values("pk")})
            .values(path)
            .annotate(n=Count(field, distinct=True))
        )
        return {row[path]: row["n"] for row in rows}

    return count


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


def redirects_to_canonical_address(renamed: dict[str, dict[str, str]] | None = None):
    """A list view decorator: an address with empty parameters or old values answers 301
    to its clean form, so shared links keep working and addresses stay short. htmx's own
    requests are left alone (site.js sends no empty parameter)."""
    from functools import wraps

    from django.http import HttpResponsePermanentRedirect

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.headers.get("HX-Request"):
                query = canonical_query(request.GET, renamed or {})
                if query is not None:
                    return HttpResponsePermanentRedirect(
                        f"{request.path}?{query}" if query else request.path
                    )
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
