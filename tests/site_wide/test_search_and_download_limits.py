"""Searches and downloads are limited per client address (cache-backed, configurable):
over the rate, a French 429 page; plain lists and other clients are not counted."""

import pytest
from django.core.cache import cache

from tests import factories, files

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_counts():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize(
    "path", ["/recherche/", "/experiences/", "/ressources/", "/manuel/", "/groupes/",
             "/structures/"],
)  # fmt: skip
def test_word_searches_are_limited_per_client(client, settings, path):
    settings.SEARCH_RATE = "3/m"

    answers = [client.get(path, {"q": f"garage {n}"}).status_code for n in range(4)]

    assert answers == [200, 200, 200, 429]
    refused = client.get(path, {"q": "garage"})
    assert "Trop de demandes" in refused.content.decode()
    assert refused["Retry-After"] == "60"
    # Browsing without words is not counted; another address is counted apart.
    assert client.get(path).status_code == 200
    assert client.get(path, {"q": "garage"}, REMOTE_ADDR="10.0.0.9").status_code == 200


def test_downloads_are_limited_per_client(client, settings, library_files):
    settings.DOWNLOAD_RATE = "2/m"
    resource = factories.ResourceFactory()
    resource.file = files.upload("guide.pdf", files.PDF)
    resource.save()
    url = f"/ressources/{resource.slug}/telecharger/"

    answers = [client.get(url).status_code for _ in range(3)]

    assert answers == [200, 200, 429]
    assert client.get("/experiences/proposer/modele-fiche-experience.xlsx").status_code == 429


def test_the_name_look_ups_have_their_own_rate(client, settings):
    settings.LOOKUP_RATE = "2/m"

    answers = [client.get("/recherche/noms/", {"type": "territoire", "q": "bre"}).status_code
               for _ in range(3)]  # fmt: skip

    assert answers == [200, 200, 429]
    assert client.get("/recherche/", {"q": "bre"}).status_code == 200


def test_rates_and_switch_come_from_the_environment(settings):
    assert settings.RATELIMIT_VIEW == "vita.ratelimits.too_many_requests"
    assert settings.RATELIMIT_ENABLE is True
