"""Reads of the source documents for the portal: the reader's pages, each with the
portal's corrections of that passage, and the source line of an imported record."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from resources.models import Fiche
from sources import corrections
from sources.corrections import Replacement
from sources.documents import DOCUMENTS, DOCUMENTS_BY_CODE
from sources.models import ImportedRecord
from sources.pages import Page, PagedDocument, paged

EMAIL_MASK = "[adresse masquée]"
PHONE_MASK = "[numéro masqué]"

# The documents name real people: their e-mails and phone numbers are personal data, never
# published through the reader (a contact is shown on a card only when it may be).
# An address, even damaged by the scan (« jean.dupont @ coorace.org », « x©coorace.org »).
TOP_DOMAINS = r"(?:fr|org|com|net|eu|info|coop|asso)\b"
EMAIL = re.compile(
    r"[\w.+-]+(?:\s?[.-]\s?[\w+-]+)*\s?(?:@|\(at\)|©)\s?[\w-]+(?:\s?\.\s?[\w-]+)*\.\s?"
    + TOP_DOMAINS
)
# An address whose domain the text split with spaces and hyphens (« vld@contact - service
# - eure.fr », « x@free .fr »), or whose @ the scan read as « (d » (« x(dgmail.com »).
SPLIT_EMAIL = re.compile(r"[\w.+-]+\s?(?:@|\(d)[^\n@]{0,40}?\.\s?" + TOP_DOMAINS)
# What follows an « Email : » label up to the end of its line: an address the scan broke
# past recognition is masked all the same.
EMAIL_LABEL = re.compile(r"(?im)\b(e-?\s?mail|courriel|m[ée]l)(\s*:\s*)(?!\[)(\S.*)$")
# A French phone or fax number (ten digits), however spaced or dotted, or +33.
PHONE = re.compile(r"(?<![\w=])(?:\+33\s?\(?0?\)?\s?|0)[1-9](?:[ .-]?\d){8}(?!\d)")


def mask_personal_data(text: str) -> str:
    text = SPLIT_EMAIL.sub(EMAIL_MASK, EMAIL.sub(EMAIL_MASK, text))
    text = EMAIL_LABEL.sub(lambda m: f"{m.group(1)}{m.group(2)}{EMAIL_MASK}", text)
    return PHONE.sub(PHONE_MASK, text)


@dataclass(frozen=True)
class ReaderPage:
    reader: PagedDocument
    page: Page
    text: str  # as the document has it, e-mails and phone numbers masked
    corrections: list[Replacement]
    previous: Page | None
    following: Page | None


def documents() -> list[PagedDocument]:
    return [paged(document.code) for document in DOCUMENTS]


def reader(code: str) -> PagedDocument | None:
    return paged(code) if code in DOCUMENTS_BY_CODE else None


def page_titles(reader: PagedDocument) -> dict[int, str]:
    """What each page holds, for the document's contents: a fiche's title as the portal
    has it (the text cuts long titles over several lines), else the cut's own title."""
    fiches = dict(
        Fiche.objects.filter(code__in=[page.key for page in reader.pages if page.key]).values_list(
            "code", "resource__title"
        )
    )
    return {page.number: fiches.get(page.key) or page.title for page in reader.pages}


def reader_page(code: str, number: int) -> ReaderPage | None:
    """A page of a document, or None when the document or the page does not exist."""
    document = reader(code)
    page = document.page(number) if document else None
    if page is None:
        return None
    previous, following = document.neighbours(page)
    return ReaderPage(
        document,
        page,
        mask_personal_data(document.text(page)),
        page_corrections(code, page),
        previous,
        following,
    )


def page_corrections(code: str, page: Page) -> list[Replacement]:
    return [
        replacement
        for replacement in corrections.load().replacements
        if replacement.document == code
        and replacement.page is not None
        and page.holds(replacement.page)
    ]


def page_url(code: str, page: Page | None) -> str:
    if page is None:
        return reverse("sources:document", args=[code])
    return reverse("sources:page", args=[code, page.number])


@dataclass(frozen=True)
class SourceLine:
    document_title: str
    label: str  # « p. 12 », « fiche I-C-2-b »; "" when no page is known
    url: str
    document_year: int | None = None


def source_line(instance) -> SourceLine | None:
    """Where an imported card, group, fiche or resource comes from: its document and page
    in the reader (the first document that wrote it), or None if no document did."""
    if instance is None or instance.pk is None:
        return None
    # A page asks twice (its source line, its « mis à jour le »): read once per record.
    if "_source_line" not in instance.__dict__:
        instance.__dict__["_source_line"] = _read_source_line(instance)
    return instance.__dict__["_source_line"]


def _read_source_line(instance) -> SourceLine | None:
    entry = (
        ImportedRecord.objects.filter(
            content_type=ContentType.objects.get_for_model(instance), object_id=instance.pk
        )
        .order_by("document")
        .only("document", "page")
        .first()
    )
    if entry is None:
        return None
    number = entry.page or getattr(instance, "source_page", None)
    document = paged(entry.document)
    page = document.page(number) if number else None
    if page is None:
        return SourceLine(
            document.document.title, "", page_url(entry.document, None), document.document.year
        )
    # A page that stands for several (their marks lost) is named by the record's own number.
    label = page.label if number == page.number else f"p. {number}"
    url = reverse("sources:page", args=[entry.document, number])
    return SourceLine(document.document.title, label, url, document.document.year)
