"""What the API reads besides the lists' and pages' own selectors, which it calls as they
are: the territories, the vocabularies of the lists' parameters, and the dates of the
latest changes (Last-Modified)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Max, Prefetch

from events.models import Event, EventKind
from experiences.filters import CARD_FACETS
from experiences.models import ExperienceCard
from organisations.models import Organisation
from resources.filters import LIBRARY_FACETS
from resources.models import AccessLevel, Fiche, Resource
from territories.models import Departement, Region
from vita.sorting import FrenchSortKey
from workgroups.models import WorkingGroup, WorkingGroupStatus

# The API's library is the library's public part (resources.access: anyone reads it).
PUBLIC_ACCESS = AccessLevel.PUBLIC.value


def regions():
    return Region.objects.prefetch_related(
        Prefetch("departements", queryset=Departement.objects.order_by("code"))
    ).order_by("code")


def region(code: str) -> Region | None:
    return regions().filter(code=code).first()


def departements():
    return Departement.objects.select_related("region").order_by("code")


def departement(code: str) -> Departement | None:
    return departements().filter(code=code).first()


# -- the vocabularies: the codes each list's parameters take -----------------------------


@dataclass
class Parameter:
    name: str
    label: str
    codes: list[dict]


@dataclass
class Vocabulary:
    list: str  # the API list's path word: « experiences », « ressources »…
    parameters: list[Parameter]


def _codes(pairs) -> list[dict]:
    return [{"code": str(code), "label": str(label)} for code, label in pairs]


def _from_registry(registry, leave_out=None) -> list[Parameter]:
    leave_out = leave_out or {}
    return [
        Parameter(
            facet.name,
            facet.label,
            _codes(
                pair for pair in facet.choices() if pair[0] not in leave_out.get(facet.name, ())
            ),
        )
        for facet in registry
    ]


def _reserved_levels() -> set[str]:
    return {level for level in AccessLevel.values if level != PUBLIC_ACCESS}


VOCABULARY_LISTS = ("experiences", "ressources", "rencontres", "groupes")


def vocabulary(name: str) -> Vocabulary | None:
    """The codes a list's parameters take, from the declarations the lists use."""
    if name == "experiences":
        return Vocabulary(name, _from_registry(CARD_FACETS))
    if name == "ressources":
        return Vocabulary(name, _from_registry(LIBRARY_FACETS, {"acces": _reserved_levels()}))
    if name == "rencontres":
        region_codes = Region.objects.order_by(FrenchSortKey("name")).values_list("code", "name")
        return Vocabulary(
            name,
            [
                Parameter("type", "Type", _codes(EventKind.choices)),
                Parameter("region", "Région", _codes(region_codes)),
            ],
        )
    if name == "groupes":
        return Vocabulary(name, [Parameter("etat", "État", _codes(WorkingGroupStatus.choices))])
    return None


def vocabularies() -> list[Vocabulary]:
    return [vocabulary(name) for name in VOCABULARY_LISTS]


# -- Last-Modified: the latest change of what a list shows --------------------------------

LIST_MODELS = {
    "experiences": ExperienceCard,
    "groupes": WorkingGroup,
    "structures": Organisation,
    "ressources": Resource,
    "rencontres": Event,
}


def last_change(list_name: str):
    """The latest `updated_at` of the list's records, published or not (a card
    unpublished moves it too); None for a list without one."""
    if list_name == "manuel":
        return Fiche.objects.aggregate(latest=Max("resource__updated_at"))["latest"]
    model = LIST_MODELS.get(list_name)
    return model.objects.aggregate(latest=Max("updated_at"))["latest"] if model else None
