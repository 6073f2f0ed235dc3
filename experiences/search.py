"""French full-text search of cards: the query, its ranking and highlighted snippets."""

import contextlib
import csv
import functools
import re

from django.conf import settings
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
)
from django.db import connection, transaction
from django.db.models import Case, F, QuerySet, TextField, Value, When
from django.db.models.functions import Concat, Left, Replace
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from experiences.models import ExperienceCard, SearchWord
from vita.models import PublicationStatus
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


def matching(cards: QuerySet, text: str) -> QuerySet:
    return cards.filter(search_vector=search_query(text))


def ranked(cards: QuerySet, text: str) -> QuerySet:
    """Best first: by the words of the title (A), then of the presentation (B: summary,
    porteur, territory); the story decides what matches, not the order (its vector is
    read out of TOAST: ranking by it cost 675 ms for a word of half of 100,000 cards)."""
    return cards.annotate(rank=SearchRank(F("rank_vector"), search_query(text))).order_by(
        "-rank", "title", "pk"
    )


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


def with_snippets(cards: QuerySet, text: str) -> QuerySet:
    """Each card's best passage of its story for `text`."""
    return cards.annotate(raw_snippet=snippet(text, "summary", "context", "actions"))


def snippet_html(raw: str) -> SafeString:
    """Escape the passage, drop its Markdown marks, then turn the markers into <mark>."""
    text = re.sub(r"(^|\s)(#{1,6}|[-*]) ", r"\1", raw or "")
    text = re.sub(r"\*\*|__", "", text)
    text = text.replace(LT, "<").replace(GT, ">")
    html = escape(text).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only <mark> is ours


def suggestion(text: str) -> str | None:
    """« insertoin mobilté » → « insertion mobilité »: each word that finds nothing is
    replaced by the closest word of the cards (trigram similarity); None if none is."""
    words = re.findall(r"[^\W\d_]+", text)
    published = ExperienceCard.objects.filter(status=PublicationStatus.PUBLISHED)
    corrected, changed = [], False
    for word in words:
        unaccented = plain(word)
        known = len(unaccented) <= 3 or matching(published, unaccented).exists()
        if not known:
            closest = closest_word(unaccented)
            if closest:
                corrected.append(closest)
                changed = True
                continue
        corrected.append(word)
    return " ".join(corrected) if changed else None


def closest_word(unaccented: str) -> str | None:
    """The word of the published cards closest to `unaccented`, its accented spelling
    first when the cards have both (« mobilité » over « mobilite »)."""
    return (
        SearchWord.objects.filter(cards__gt=0, plain__trigram_similar=unaccented)
        .annotate(similarity=TrigramSimilarity("plain", unaccented))
        .order_by("-similarity", Case(When(word=F("plain"), then=1), default=0), "word")
        .values_list("word", flat=True)
        .first()
    )


@contextlib.contextmanager
def one_search_refresh():
    """Bulk writes to cards and their related rows, with each card's search vector
    refreshed once at the end instead of once per statement (migration 0009). Yields the
    set the caller fills with the ids of the cards it writes. On an error the savepoint,
    and the setting with it, is rolled back."""
    card_ids = set()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('experiences.defer_search_refresh', 'on', true)")
        yield card_ids
        cursor.execute("SELECT set_config('experiences.defer_search_refresh', 'off', true)")
        if card_ids:
            cursor.execute("SELECT experiences_refresh_card_search(%s)", [sorted(card_ids)])
