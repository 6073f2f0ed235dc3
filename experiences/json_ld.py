"""schema.org description of a card, for search engines (JSON-LD in the page)."""

from experiences.selectors import card_dates
from vita.findable import canonical_url, json_ld


def card_json_ld(card) -> str:
    """An Article at the card's canonical address, dated by `card_dates`: the document it
    was read from and the last edit by a person, never the import's run (a draft's
    preview may have neither)."""
    dates = card_dates(card)
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": card.title,
        "url": canonical_url(card.get_absolute_url()),
        "inLanguage": "fr",
        # A draft's preview may have neither yet (only a published card must).
        "author": {"@type": "Organization", "name": card.porteur.name} if card.porteur else None,
        "spatialCoverage": {"@type": "AdministrativeArea", "name": card.region.name}
        if card.region
        else None,
        "datePublished": dates.published_iso,
        "dateModified": dates.modified.isoformat() if dates.modified else None,
        "about": [listing.working_group.name for listing in card.listings.all()],
    }
    if card.summary:
        data["abstract"] = card.summary
    return json_ld(data)
