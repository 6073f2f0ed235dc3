"""« Télécharger cette sélection », under a list of cards: `{% selection_export search %}`."""

from django import template
from django.conf import settings

from vita import pdf

register = template.Library()


@register.inclusion_tag("experiences/_selection_export.html")
def selection_export(search):
    limit = settings.EXPORT_MAX_CARDS
    return {
        "search": search,
        "limit": limit,
        "too_large": search.total > limit,
        "pdf_available": pdf.pdf_available(),
        "pdf_limit": settings.EXPORT_MAX_PDF_CARDS,
    }
