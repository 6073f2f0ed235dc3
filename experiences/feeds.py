"""The Atom feeds of the cards: the newest published cards of any search of the list
(`/experiences/flux.atom?<the list's query string>`), a working group's and a région's
being the search `?groupe=A2` or `?region=32`."""

from django.urls import reverse
from django.utils.html import linebreaks

from experiences.alerts import search_path, title
from experiences.models import ExperienceCard
from experiences.selectors import CardSelection, card_selection, newest_cards
from vita.feeds import SearchFeed
from vita.notifications import site_url

FEED_SIZE = 30


def feed_path(selection: CardSelection) -> str:
    path = reverse("experiences:feed")
    return f"{path}?{selection.query_string}" if selection.query_string else path


class CardFeed(SearchFeed):
    subtitle = "Les dernières fiches expériences publiées par le centre de ressources VITA."

    def selection(self, params) -> CardSelection:
        return card_selection(params)

    def title(self, selection: CardSelection) -> str:
        return title(selection)

    def link(self, selection: CardSelection) -> str:
        return site_url(search_path(selection.query_string))

    def feed_url(self, selection: CardSelection) -> str:
        return site_url(feed_path(selection))

    def items(self, selection: CardSelection):
        return newest_cards(selection)[:FEED_SIZE]

    def item_title(self, card: ExperienceCard) -> str:
        return card.title

    def item_description(self, card: ExperienceCard) -> str:
        where = " — ".join(
            part for part in (card.porteur.name if card.porteur else "",
                              card.region.name if card.region else "") if part
        )  # fmt: skip
        return linebreaks("\n\n".join(part for part in (where, card.summary) if part), True)

    def item_pubdate(self, card: ExperienceCard):
        return card.published_at

    def item_updateddate(self, card: ExperienceCard):
        return card.published_at
