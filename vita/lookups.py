"""Name look-ups for autocompletes: accent-free, tolerant of typos (trigrams)."""

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import Q, QuerySet
from django.db.models.functions import Length
from django.urls import reverse

from organisations.models import Organisation, Person
from territories.models import Departement, Region
from vita.sorting import FrenchSortKey
from vita.text import plain

LIMIT = 10
# Similarity of a typed word to the closest word of a name: low enough for « isere »
# → « Isère », « coorace » → « COORACE Pays de la Loire ».
MIN_SIMILARITY = 0.4


def matching_names(queryset: QuerySet, text: str) -> QuerySet:
    """Rows whose name contains `text` or has a word close to it, closest (shortest) first."""
    typed = plain(text).strip()
    return (
        queryset.annotate(similarity=TrigramWordSimilarity(typed, "search_name"))
        # The `<%` operator (at pg_trgm's threshold, set to MIN_SIMILARITY for our
        # connections: vita/settings.py) lets the trigram index find the close names;
        # `similarity__gte` alone walked every name (200 ms over 50,000 organisations).
        .filter(
            Q(search_name__contains=typed)
            | Q(search_name__trigram_word_similar=typed, similarity__gte=MIN_SIMILARITY)
        )
        .order_by("-similarity", Length("search_name"), FrenchSortKey("search_name"), "pk")
    )


def lookup(kind: str, text: str, *, may_see_people: bool) -> list[dict[str, str]]:
    """Up to ten entries {label, value, url} of the named kind whose name looks like `text`."""
    if len(plain(text).strip()) < 2:
        return []
    if kind == "structure":
        return [
            {"label": str(o), "value": o.slug, "url": o.get_absolute_url()}
            for o in matching_names(Organisation.objects.public(), text)[:LIMIT]
        ]
    if kind == "territoire":
        experiences = reverse("experiences:list")
        regions = [
            {
                "label": f"{r.name} (région)",
                "value": r.code,
                "url": f"{experiences}?region={r.code}",
            }
            for r in matching_names(Region.objects.all(), text)[:LIMIT]
        ]
        departements = [
            {"label": f"{d.name} ({d.code})", "value": d.code,
             "url": f"{experiences}?departement={d.code}"}
            for d in matching_names(Departement.objects.all(), text)[:LIMIT]
        ]  # fmt: skip
        return (regions + departements)[:LIMIT]
    if kind == "personne" and may_see_people:
        return [
            {"label": p.full_name, "value": p.slug, "url": ""}
            for p in matching_names(Person.objects.all(), text)[:LIMIT]
        ]
    raise PermissionError(kind)
