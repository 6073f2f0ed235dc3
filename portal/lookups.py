"""The site's name look-ups (the territory finder, the admin's autocompletes): accent-free,
tolerant of typos (trigrams, `vita.search.matching_names`)."""

import re
from urllib.parse import urlencode

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Case, F, QuerySet, Value, When
from django.urls import reverse

from organisations.models import Organisation, Person
from territories.models import Commune, Departement, FormerRegion, Region, Words
from vita.search import matching_names
from vita.sorting import FrenchSortKey
from vita.text import plain

LIMIT = 10


def _key(name: str) -> str:
    """Letters and digits only: « Rhône-Alpes » and « rhone alpes » give « rhonealpes »."""
    return re.sub(r"[^a-z0-9]", "", plain(name))


def too_short(text: str) -> bool:
    """Fewer than two letters or digits: nothing is looked up."""
    return len(_key(text)) < 2


def lookup(kind: str, text: str, *, may_see_people: bool) -> list[dict]:
    """Up to ten entries {label, value, url} of the named kind whose name looks like `text`."""
    if too_short(text):
        return []
    if kind == "structure":
        return [
            {"label": str(o), "value": o.slug, "url": o.get_absolute_url()}
            for o in matching_names(Organisation.objects.public(), text)[:LIMIT]
        ]
    if kind == "territoire":
        return territories(text)
    if kind == "personne" and may_see_people:
        return [
            {"label": p.full_name, "value": p.slug, "url": ""}
            for p in matching_names(Person.objects.public(), text)[:LIMIT]
        ]
    raise PermissionError(kind)


# Territories -----------------------------------------------------------------
# Cards are filed by région and département: every territory found leads to those
# filters of the list. A commune leads to its département and région, a pre-2016
# région to its départements.

EXACT, PREFIX, CLOSE = 0, 1, 2


def _match(typed_key: str, name: str, code: str = "") -> int:
    key = _key(name)
    if key == typed_key or typed_key == code.lower():
        return EXACT
    return PREFIX if key.startswith(typed_key) else CLOSE


def _filter_url(**codes) -> str:
    return f"{reverse('experiences:list')}?{urlencode(codes, doseq=True)}"


def territories(text: str) -> list[dict]:
    """The territories whose name looks like `text`: exact names first, then names that
    start with it, then close names; at each step régions, départements, pre-2016
    régions, communes (the most populous first). Four queries, one per kind."""
    if too_short(text):
        return []
    typed_key = _key(text)
    found = []
    for region in matching_names(Region.objects.all(), text)[:LIMIT]:
        found.append((_match(typed_key, region.name), {
            "kind": "region", "label": f"{region.name} (région)", "value": region.code,
            "url": _filter_url(region=region.code),
        }))  # fmt: skip
    for departement in matching_names(Departement.objects.all(), text)[:LIMIT]:
        found.append((_match(typed_key, departement.name, departement.code), {
            "kind": "departement", "label": str(departement), "value": departement.code,
            "url": _filter_url(departement=departement.code),
        }))  # fmt: skip
    for former in _former_regions(text):
        links = [
            {"label": f"{name} ({code})", "url": _filter_url(departement=code)}
            for code, name in zip(former.departement_codes, former.departement_names, strict=True)
        ]
        name = f"{former.name} (ancienne région)"
        found.append((_match(typed_key, former.name), {
            "kind": "ancienne_region", "label": f"{name} → {_labels(links)}",
            "value": former.code, "url": _filter_url(departement=former.departement_codes),
            "name": name, "links": links,
        }))  # fmt: skip
    for commune in _communes(text):
        departement, region = commune.departement, commune.departement.region
        links = [{"label": str(departement), "url": _filter_url(departement=departement.code)}]
        if region.name != departement.name:  # not « La Réunion (974), La Réunion »
            links.append({"label": region.name, "url": _filter_url(region=region.code)})
        found.append((commune.match, {
            "kind": "commune", "label": f"{commune.name} → {_labels(links)}",
            "value": commune.code, "url": links[0]["url"], "name": commune.name,
            "links": links,
        }))  # fmt: skip
    # A stable sort: each kind keeps its own order within a step.
    found.sort(key=lambda item: item[0])
    return [result for _, result in found[:LIMIT]]


def _labels(links: list[dict]) -> str:
    return ", ".join(link["label"] for link in links)


def _former_regions(text: str) -> QuerySet:
    """Pre-2016 régions with their départements' codes and names, in one query. Those
    the reform left as they were (Bretagne…) are found as current régions."""
    return (
        matching_names(FormerRegion.objects.exclude(name=F("current_region__name")), text)
        .filter(departements__isnull=False)
        .annotate(
            departement_codes=ArrayAgg("departements__code", order_by="departements__code"),
            departement_names=ArrayAgg("departements__name", order_by="departements__code"),
        )[:LIMIT]
    )


def _communes(text: str) -> QuerySet:
    """Communes whose name is `text` or starts with it, hyphens, accents and case aside
    (« saint etienne » finds Saint-Étienne, « st denis » Saint-Denis), each with its
    département and région, in one query on the prefix index."""
    typed = Words(Value(re.sub(r"(?i)\bst(e?)\b", r"saint\1", text)))
    communes = (
        Commune.objects.filter(search_name__startswith=typed)
        .annotate(match=Case(When(search_name=typed, then=Value(EXACT)), default=Value(PREFIX)))
        .select_related("departement__region")
        .order_by("match", F("population").desc(nulls_last=True), FrenchSortKey("name"), "code")
    )
    return communes[:LIMIT]
