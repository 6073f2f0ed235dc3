"""« Télécharger cette sélection »: the cards of a list in a file. Under a list of cards,
`{% selection_export search %}` (its `CardSearch`); elsewhere, the list's query string
and its count: `{% selection_export query="groupe=A1" total=12 what="du groupe" heading="h3" %}`."""

from django import template
from django.conf import settings

from vita import pdf

register = template.Library()


@register.inclusion_tag("experiences/_selection_export.html")
def selection_export(search=None, query="", total=0, what="", heading="h2"):
    if search is not None:
        query, total = search.query_string, search.total
    return {
        "query": query,
        "total": total,
        "what": what,  # « du groupe »: cards shown apart from their list, by title there
        "heading": heading,  # the block's title level, under the page's own headings
        "limit": settings.EXPORT_MAX_CARDS,
        "pdf_limit": settings.EXPORT_MAX_PDF_CARDS,
        "pdf_available": pdf.pdf_available(),
    }
