"""French full-text search of cards: what matches, its ranking, its snippets, the
suggestion for a misspelt word (the query itself: `vita.search`)."""

import contextlib
import re

from django.contrib.postgres.search import (
    SearchRank,
    TrigramSimilarity,
)
from django.db import connection, transaction
from django.db.models import Case, F, QuerySet, When

from experiences.models import ExperienceCard, SearchWord
from vita.models import PublicationStatus
from vita.search import search_query, snippet
from vita.text import plain


def matching(cards: QuerySet, text: str) -> QuerySet:
    return cards.filter(search_vector=search_query(text))


def ranked(cards: QuerySet, text: str) -> QuerySet:
    """Best first: by the words of the title (A), then of the presentation (B: summary,
    porteur, territory); the story decides what matches, not the order (its vector is
    read out of TOAST: ranking by it cost 675 ms for a word of half of 100,000 cards)."""
    return cards.annotate(rank=SearchRank(F("rank_vector"), search_query(text))).order_by(
        "-rank", "title", "pk"
    )


def with_snippets(cards: QuerySet, text: str) -> QuerySet:
    """Each card's best passage of its story for `text`."""
    return cards.annotate(raw_snippet=snippet(text, "summary", "context", "actions"))


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
    refreshed once at the end instead of once per statement (`search_document`). Yields the
    set the caller fills with the ids of the cards it writes. On an error the savepoint,
    and the setting with it, is rolled back."""
    card_ids = set()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('experiences.defer_search_refresh', 'on', true)")
        yield card_ids
        cursor.execute("SELECT set_config('experiences.defer_search_refresh', 'off', true)")
        if card_ids:
            cursor.execute("SELECT experiences_refresh_card_search(%s)", [sorted(card_ids)])
