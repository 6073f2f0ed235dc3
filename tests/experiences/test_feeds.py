"""The Atom feeds of searches (issue 24): every card list's address gives its feed, the
newest published cards that match by publication date; a working group's and a région's
are those searches, linked from their pages; the library's; an unknown code is a French
400, never a 500."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from territories.models import Region
from tests import factories
from vita.models import PublicationStatus

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
FEED = reverse("experiences:feed")


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def _atom(content: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(content)  # noqa: S314 - the site's own feed


def _feed(client, query=""):
    response = client.get(f"{FEED}?{query}" if query else FEED)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("application/atom+xml")
    root = _atom(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]
    return root.find(f"{ATOM}title").text, titles


def _card(title, days_ago, **fields):
    return factories.ExperienceCardFactory(
        title=title, published_at=timezone.now() - timedelta(days=days_ago), **fields
    )


def test_the_feed_of_a_search_holds_its_newest_published_cards_in_order(client):
    hauts_de_france = Region.objects.get(code="32")
    group = factories.WorkingGroupFactory(code="A2", name="Alliances stratégiques")
    old = _card("Une régie de quartier à Roubaix", 30, region=hauts_de_france)
    newest = _card("Un garage solidaire à Lens", 1, region=hauts_de_france)
    middle = _card("Une recyclerie à Arras", 5, region=hauts_de_france)
    _card("Un chantier en Bretagne", 0)  # another région
    _card("Un brouillon à Lille", 0, region=hauts_de_france, status=PublicationStatus.DRAFT)
    for card in (newest, old):
        factories.CardListingFactory(card=card, working_group=group)

    title, entries = _feed(client, "region=32")
    assert entries == [newest.title, middle.title, old.title]
    assert title == "Nouvelles fiches — Région : Hauts-de-France"

    # Facets combine as on the list: the group's cards of the région.
    title, entries = _feed(client, "region=32&groupe=A2")
    assert entries == [newest.title, old.title]
    assert title == (
        "Nouvelles fiches — Groupe de travail / atelier : A2 — Alliances stratégiques, "
        "Région : Hauts-de-France"
    )

    # Words too, through the list's own FilterSet; the sort asked changes nothing.
    assert _feed(client, "q=garage&tri=titre")[1] == [newest.title]

    # No search: every new card, the newest first.
    title, entries = _feed(client)
    assert title == "Nouvelles fiches expériences"
    assert entries[:2] == ["Un chantier en Bretagne", newest.title]
    assert "Un brouillon à Lille" not in entries


def test_each_entry_links_its_card_and_says_who_and_where(client):
    card = _card("Un garage solidaire à Lens", 1, region=Region.objects.get(code="32"))

    root = _atom(client.get(f"{FEED}?region=32").content)
    (entry,) = root.iter(f"{ATOM}entry")

    assert entry.find(f"{ATOM}link").get("href").endswith(card.get_absolute_url())
    assert "Hauts-de-France" in entry.find(f"{ATOM}summary").text
    assert entry.find(f"{ATOM}published") is not None
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
    assert links["alternate"].endswith("/experiences/?region=32")
    assert links["self"].endswith("/experiences/flux.atom?region=32")


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("region=99", "« 99 » n'est pas un code de région connu"),
        ("groupe=ZZ9", "« ZZ9 » n'est pas un groupe de travail connu"),
        ("debut=deux-mille", "L'année de début « deux-mille » n'est pas une année"),
    ],
)
def test_an_unknown_code_is_a_french_400(client, query, message):
    response = client.get(f"{FEED}?{query}")

    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_list_links_the_feed_of_its_search_and_the_group_page_its_own(client):
    factories.WorkingGroupFactory(code="A2", name="Alliances stratégiques")

    page = client.get(reverse("experiences:list") + "?region=32&tri=recent").content.decode()
    assert (
        '<link rel="alternate" type="application/atom+xml" title="Nouvelles fiches de cette '
        'recherche" href="/experiences/flux.atom?region=32">'
    ) in page
    assert "Suivre cette recherche" in page
    assert 'href="/experiences/flux.atom?region=32"' in page  # the visible link too

    group_page = client.get(reverse("workgroups:detail", args=["A2"])).content.decode()
    assert group_page.count('href="/experiences/flux.atom?groupe=A2"') == 2  # head and text


def test_the_library_feed_holds_its_newest_resources_with_its_filters(client):
    now = timezone.now()
    guide = factories.ResourceFactory(title="Guide de la coopération", kind="guide",
                                      published_at=now - timedelta(days=2))  # fmt: skip
    newer = factories.ResourceFactory(title="Un autre guide", kind="guide",
                                      published_at=now - timedelta(days=1))  # fmt: skip
    factories.ResourceFactory(title="Une étude", kind="etude", published_at=now)
    factories.ResourceFactory(title="Un guide en brouillon", kind="guide",
                              status=PublicationStatus.DRAFT, published_at=now)  # fmt: skip

    response = client.get(reverse("resources:feed") + "?type=guide")
    assert response.status_code == 200
    root = _atom(response.content)
    titles = [entry.find(f"{ATOM}title").text for entry in root.iter(f"{ATOM}entry")]
    assert titles == [newer.title, guide.title]
    assert root.find(f"{ATOM}title").text.startswith("Nouvelles ressources — Type : ")

    refused = client.get(reverse("resources:feed") + "?type=roman")
    assert refused.status_code == 400 and "n'est pas un type de ressource connu" in (
        refused.content.decode()
    )
    library = client.get(reverse("resources:library") + "?type=guide").content.decode()
    assert 'href="/ressources/flux.atom?type=guide"' in library


def test_feeds_are_rate_limited_like_searches(client, settings):
    settings.SEARCH_RATE = "2/m"

    statuses = [client.get(f"{FEED}?q=garage").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]


@pytest.mark.parametrize("feed", ["experiences:feed", "resources:feed", "events:feed"])
def test_a_feeds_addresses_are_on_site_url_whatever_the_host(client, settings, feed):
    """A feed reader keeps the addresses it read: they are the portal's public ones (as
    canonical addresses and the sitemap), not the Host header's."""
    settings.SITE_URL = "https://vita.example.org"
    settings.ALLOWED_HOSTS = ["*"]
    _card("Un garage solidaire à Lens", 1)
    factories.ResourceFactory(title="Guide de la coopération", published_at=timezone.now())
    factories.EventFactory(title="Rencontre à venir")

    response = client.get(reverse(feed), HTTP_HOST="ailleurs.example.net")

    assert response.status_code == 200
    root = _atom(response.content)
    hrefs = [link.get("href") for link in root.iter(f"{ATOM}link")]
    assert len(hrefs) >= 3  # the feed's own two and at least one entry's
    assert all(href.startswith("https://vita.example.org/") for href in hrefs), hrefs
    assert "ailleurs.example.net" not in response.content.decode()
