"""schema.org description of a card, for search engines (JSON-LD in the page)."""

import json

from django.utils.safestring import mark_safe

# As django.utils.html.json_script does: no « </script> » can close the element early.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def card_json_ld(card, request) -> str:
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": card.title,
        "url": request.build_absolute_uri(),
        "inLanguage": "fr",
        "author": {"@type": "Organization", "name": card.porteur.name},
        "spatialCoverage": {"@type": "AdministrativeArea", "name": card.region.name},
        "datePublished": card.published_at.date().isoformat() if card.published_at else None,
        "dateModified": card.updated_at.date().isoformat(),
        "about": [listing.working_group.name for listing in card.listings.all()],
    }
    if card.summary:
        data["abstract"] = card.summary
    text = json.dumps({k: v for k, v in data.items() if v}, ensure_ascii=False)
    return mark_safe(text.translate(_ESCAPES))  # noqa: S308 - escaped above
