"""French full-text search of cards: the query, its ranking and highlighted snippets."""

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, QuerySet, TextField, Value
from django.db.models.functions import Concat, Replace
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

CONFIG = "french_unaccent"
# Markers no text contains: the snippet is escaped first, then they become <mark>.
START, STOP = "⟦", "⟧"
# PostgreSQL's headline drops anything that looks like a tag: < and > go through it as
# single guillemets, and come back as text, escaped.
LT, GT = "‹", "›"


def search_query(text: str) -> SearchQuery:
    """Web-search syntax: « "clauses sociales" », « insertion -rural », « AI or ACI »."""
    return SearchQuery(text, search_type="websearch", config=CONFIG)


def matching(cards: QuerySet, text: str) -> QuerySet:
    return cards.filter(search_vector=search_query(text))


def ranked(cards: QuerySet, text: str) -> QuerySet:
    return cards.annotate(rank=SearchRank(F("search_vector"), search_query(text))).order_by(
        "-rank", "title", "pk"
    )


def with_snippets(cards: QuerySet, text: str) -> QuerySet:
    """Each card's best passage for `text`, computed for the rows fetched only."""
    story = Concat(
        "summary", Value(" "), "context", Value(" "), "actions", output_field=TextField()
    )
    return cards.annotate(
        raw_snippet=SearchHeadline(
            Replace(Replace(story, Value("<"), Value(LT)), Value(">"), Value(GT)),
            search_query(text),
            config=CONFIG,
            start_sel=START,
            stop_sel=STOP,
            max_words=35,
            min_words=15,
            max_fragments=2,
            fragment_delimiter=" … ",
        )
    )


def snippet_html(raw: str) -> SafeString:
    """Escape the passage, drop its Markdown marks, then turn the markers into <mark>."""
    plain = re.sub(r"(^|\s)(#{1,6}|[-*]) ", r"\1", raw or "")
    plain = re.sub(r"\*\*|__", "", plain)
    plain = plain.replace(LT, "<").replace(GT, ">")
    html = escape(plain).replace(START, "<mark>").replace(STOP, "</mark>")
    return mark_safe(html)  # noqa: S308 - escaped above; only <mark> is ours
