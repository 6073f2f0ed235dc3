"""The published cards in the sitemap, each dated by `card_dates`."""

from experiences.selectors import card_dates, dated_cards, published_cards
from vita.findable import SiteSitemap


class CardSitemap(SiteSitemap):
    def items(self):
        # Only what the address and the dates need; by id, so pages stay stable.
        return (
            dated_cards(published_cards())
            .only("slug", "published_at", "source_resource__version_date",
                  "source_resource__year")
            .order_by("pk")
        )  # fmt: skip

    def location(self, card):
        return self.address("experiences:detail", card.slug)

    def lastmod(self, card):
        return card_dates(card).lastmod
