"""What makes the public pages findable by search engines and shareable: each page's one
canonical address and OpenGraph description (`templates/_findable.html`, drawn by the
`findable` tag), its JSON-LD's text, the dates a record gives them (`RecordDates`), and
the base of the sitemap's sections (composed, with `robots.txt`, by `portal.findable`).

Every absolute address is built on `SITE_URL` (`vita.notifications.site_url`), never on
the host a request came by: a page has one canonical address, the sitemap's."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import date, datetime
from urllib.parse import quote, urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core import checks
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from vita.history import (
    last_edit_by_a_person,
    last_edit_by_a_person_subquery,
    written_by_the_import,
    written_by_the_import_subquery,
)
from vita.markdown import render_markdown
from vita.notifications import site_url

SITE_NAME = "Centre de ressources VITA"
LOCALE = "fr_FR"
# What a page without a text of its own says (base.html's description).
SITE_DESCRIPTION = (
    "Expériences de terrain, groupes de travail et ressources de l'insertion par l'activité "
    "économique."
)
DESCRIPTION_WORDS = 30
# The image a shared link shows: the site's wordmark (static/img/partage.png).
SHARE_IMAGE = "img/partage.png"


@checks.register(checks.Tags.security, deploy=True)
def check_site_url(app_configs=None, **kwargs):
    """`manage.py check --deploy`: canonical addresses, the sitemap and robots.txt name
    `SITE_URL`; left at its development default, they would send search engines there."""
    address = urlsplit(settings.SITE_URL)
    if address.scheme == "https" and address.hostname not in {"localhost", "127.0.0.1", "::1"}:
        return []
    return [
        checks.Warning(
            f"SITE_URL is {settings.SITE_URL!r}: canonical addresses, the sitemap and "
            "robots.txt would name it.",
            hint="Set SITE_URL to the portal's public https:// address.",
            id="vita.W001",
        )
    ]


def canonical_url(path: str, query: str = "", page_number: int = 1) -> str:
    """The absolute address of a page. For a list, `query` is its clean filters (a search's
    `query_string`: known codes only, no empty, tracking or unknown parameter, no page),
    and a page after the first keeps its number."""
    pairs = [query] if query else []
    if page_number and int(page_number) > 1:
        pairs.append(f"page={int(page_number)}")
    return site_url(f"{path}?{'&'.join(pairs)}" if pairs else path)


# As django.utils.html.json_script does: no « </script> » can close the element early.
_JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    """A schema.org description as the text of a `<script type="application/ld+json">`,
    its empty values left out."""
    text = json.dumps({k: v for k, v in data.items() if v}, ensure_ascii=False)
    return mark_safe(text.translate(_JSON_ESCAPES))  # noqa: S308 - escaped above


def plain_description(text: str, words: int = DESCRIPTION_WORDS) -> str:
    """A Markdown text as the plain words of a description, cut after `words` words."""
    plain = html.unescape(strip_tags(render_markdown(text or "")))
    return Truncator(" ".join(plain.split())).words(words)


@dataclass(frozen=True)
class RecordDates:
    """When a record was published and when a person last changed it: its JSON-LD's
    `datePublished` and `dateModified`, its sitemap's `lastmod`. Never an import's run:
    a re-import that writes the same text moves neither. None where nothing tells it
    (an imported reference whose document gives no date, nobody edited since)."""

    published: date | None
    modified: date | None
    published_year_only: bool = False  # the document gives its year alone

    @property
    def published_iso(self) -> str | None:
        """ISO 8601: the year alone (« 2008 ») when the document gives no more."""
        if self.published is None:
            return None
        return str(self.published.year) if self.published_year_only else self.published.isoformat()

    @property
    def lastmod(self) -> date | None:
        """The day a sitemap may give: none when only the document's year is known."""
        if self.published_year_only and self.modified == self.published:
            return None
        return self.modified


# What `dated` annotates: when a person last changed the record, whether the import wrote it.
EDITED_AT = "edited_by_a_person_at"
IMPORTED = "written_by_the_import"


def dated(records: QuerySet, model=None, outer: str = "pk") -> QuerySet:
    """`records` with what `record_dates` reads of each one's history, in the same query
    (the sitemap's 100,000 cards); `model` and `outer` for rows dated by another model's
    history (a fiche by its resource's: `Resource`, `"resource_id"`)."""
    model = model or records.model
    return records.annotate(
        **{
            EDITED_AT: last_edit_by_a_person_subquery(model, outer),
            IMPORTED: written_by_the_import_subquery(model, outer),
        }
    )


def history_marks(record) -> tuple[datetime | None, bool]:
    """The last edit by a person and whether the import wrote `record`: as `dated`
    annotated them, else asked of its history."""
    if EDITED_AT in record.__dict__:
        return record.__dict__[EDITED_AT], record.__dict__[IMPORTED]
    return last_edit_by_a_person(record), written_by_the_import(record)


def record_dates(
    *,
    document_date: date | None,
    document_year: int | None,
    published_at: datetime | None,
    imported: bool,
    edited_at: datetime | None,
) -> RecordDates:
    """A record's dates: published when its document was (a day, else a year), else, for
    a record the site made, when the site published it (an imported one's `published_at`
    is the import's run: not a date of its text); modified when a person last changed it
    (`vita.history.last_edit_by_a_person`), else when it was published."""
    published, year_only = None, False
    if document_date is not None:
        published = document_date
    elif document_year is not None:
        published, year_only = date(document_year, 1, 1), True
    elif published_at is not None and not imported:
        published = timezone.localdate(published_at)
    edited = timezone.localdate(edited_at) if edited_at is not None else None
    # A card written on the site, edited, then published: modified is never before.
    modified = max(filter(None, (edited, published)), default=None)
    return RecordDates(published, modified, year_only)


# -- the sitemap ----------------------------------------------------------------------------


# What `reverse` leaves unquoted in a path (django.urls.resolvers), and a code it accepts
# for any slug or str converter.
_URL_SAFE = "!$&'()*+,;=/~:@"
_PLACEHOLDER = "x0placeholder0x"


class _PagesByKey:
    """A section's records (a query ordered by id) as the paginator cuts them: a page is
    the records between its first and last ids, so the dates' subqueries run for its own
    rows, not for the 50,000 rows an OFFSET would skip (the second page of 100,000
    cards: about 1 s of SQL instead of 2.6 s)."""

    def __init__(self, records: QuerySet):
        if tuple(records.query.order_by) != ("pk",):
            raise ValueError("A sitemap's records are ordered by id (`.order_by('pk')`).")
        self.records = records

    def count(self) -> int:
        return self.records.count()

    def __getitem__(self, page: slice):
        ids = list(self.records.values_list("pk", flat=True)[page])
        if not ids:
            return self.records.none()
        return self.records.filter(pk__gte=ids[0], pk__lte=ids[-1])


class SiteSitemap(Sitemap):
    """A section of `/sitemap.xml` (each app's `sitemaps.py`, composed by
    `portal.findable.SITEMAPS`): its addresses on `SITE_URL`, whatever host asked, cut in
    pages of 50,000 (the protocol's limit). `lastmod` is a day (`RecordDates.modified`),
    or nothing where no person's edit and no document date are known."""

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme or "https"

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc

    @property
    def paginator(self):
        items = self.items()
        return Paginator(_PagesByKey(items) if isinstance(items, QuerySet) else items, self.limit)

    def get_latest_lastmod(self):
        # Django would read every record of the section for the index: its pages say it.
        return None

    def address(self, url_name: str, code: str) -> str:
        """`reverse(url_name, args=[code])` for a record's slug or code, without its cost
        (50 µs each: over 2 s for a page of 50,000 cards): the address is reversed once
        with a placeholder, the code quoted as `reverse` quotes it."""
        patterns = self.__dict__.setdefault("_patterns", {})
        if url_name not in patterns:
            patterns[url_name] = reverse(url_name, args=[_PLACEHOLDER])
        return patterns[url_name].replace(_PLACEHOLDER, quote(code, safe=_URL_SAFE))


class EditedSitemap(SiteSitemap):
    """A section whose records' `lastmod` is the last edit by a person, annotated as
    `EDITED_AT`; none for a record nobody edited (imported: its document's date is not
    known here)."""

    def lastmod(self, item):
        edited_at = getattr(item, EDITED_AT, None)
        return timezone.localdate(edited_at) if edited_at else None
