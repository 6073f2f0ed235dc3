"""French full-text search, for every kind of record: the query (web-search syntax, with
acronyms and their long forms), and highlighted snippets. What is searched (a card's
vector, a resource's…) belongs to each app; how is said once here."""

import csv
import functools
import re

from django.conf import settings
from django.contrib.postgres.search import SearchHeadline, SearchQuery, TrigramWordSimilarity
from django.db.models import F, Q, QuerySet, TextField, Value
from django.db.models.functions import Concat, Left, Length, Replace
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from vita.sorting import FrenchSortKey
from vita.text import plain

CONFIG = "french_unaccent"
# Markers no text contains: the snippet is escaped first, then they become <mark>.
START, STOP = "⟦", "⟧"
# PostgreSQL's headline drops anything that looks like a tag: < and > go through it as
# single guillemets, and come back as text, escaped.
LT, GT = "‹", "›"


SYNONYMS_FILE = settings.BASE_DIR / "fixtures" / "search" / "synonyms.csv"
MAX_VARIANTS = 8
# PostgreSQL parses the whole text to find a passage: its cost grows with the length. The
# first characters of the story hold the summary and the context, where a card says what
# it is about; a card matching only further down starts its snippet with its summary.
SNIPPET_SOURCE_CHARS = 2000


def search_query(text: str) -> SearchQuery:
    """Web-search syntax (« "clauses sociales" », « insertion -rural », « AI or ACI »),
    and the same search with each acronym in its long form and back (« AI » finds
    « association intermédiaire »: « ai » alone is a French stop word)."""
    query = SearchQuery(text, search_type="websearch", config=CONFIG)
    for variant in query_variants(text):
        query |= SearchQuery(variant, search_type="websearch", config=CONFIG)
    return query


@functools.cache
def synonym_groups() -> list[tuple[str, ...]]:
    with SYNONYMS_FILE.open(encoding="utf-8", newline="") as file:
        rows = list(csv.reader(file, delimiter=";"))[1:]
    return [(acronym, *expansions.split("|")) for acronym, expansions in rows]


@functools.lru_cache(maxsize=512)  # a list page builds the same query once per facet
def query_variants(text: str) -> tuple[str, ...]:
    """The query with one synonym put for another, each variant once."""
    unaccented = plain(text)
    variants = []
    for group in synonym_groups():
        for form in group:
            found = re.search(rf"(?<!\w){re.escape(plain(form))}(?!\w)", unaccented)
            if not found:
                continue
            for other in group:
                if other != form:
                    replacement = f'"{other}"' if " " in other else other
                    variants.append(
                        unaccented[: found.start()] + replacement + unaccented[found.end() :]
                    )
    return tuple(dict.fromkeys(variants))[:MAX_VARIANTS]


def snippet(text: str, *fields: str) -> SearchHeadline:
    """The best passage of `fields` for `text`, with markers around the matched words.
    Annotated on a sliced queryset, PostgreSQL computes it for the fetched rows only."""
    parts = [part for name in fields for part in (Value(" "), F(name))][1:]
    source = Left(
        Concat(*parts, output_field=TextField()) if len(parts) > 1 else F(fields[0]),
        SNIPPET_SOURCE_CHARS,
    )
    return SearchHeadline(
        Replace(Replace(source, Value("<"), Value(LT)), Value(">"), Value(GT)),
        search_query(text),
        config=CONFIG,
        start_sel=START,
        stop_sel=STOP,
        max_words=35,
        min_words=15,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def snippet_html(raw: str) -> SafeString:
    """Escape the passage, drop its Markdown marks, then turn the markers into <mark>."""
    text = re.sub(r"(^|\s)(#{1,6}|[-*]) ", r"\1", raw or "")
    text = re.sub(r"\*\*|__", "", text)
    text = text.replace(LT, "<").replace(GT, ">")
    html = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only <mark> is ours


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
