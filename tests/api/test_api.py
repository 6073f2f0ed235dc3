"""The API's lists are the pages' lists: same parameters, codes, results and order; an
unknown code is a French 400; pages, conditional GET, the rate limit and the schema."""

import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse

from territories.models import Region
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def cards():
    for number, (region, text) in enumerate(
        [("84", "mobilité solidaire"), ("84", "garage"), ("53", "mobilité rurale")] * 9
    ):
        factories.ExperienceCardFactory(
            title=f"Expérience {number} : {text}",
            summary=text,
            region=Region.objects.get(code=region),
            departements=["69" if region == "84" else "35"],
        )


def html_slugs(client, path, query):
    page = client.get(path, query).content.decode()
    return re.findall(r'class="card-item__title"><a href="/[a-z]+/([^/"]+)/"', page)


@pytest.mark.parametrize(
    "query",
    [{}, {"region": "84"}, {"region": "84", "q": "mobilité"}, {"q": "mobilité", "tri": "titre"},
     {"departement": "35"}, {"page": "2"}],
)  # fmt: skip
def test_the_card_list_is_the_pages(client, cards, query):
    api = client.get(reverse("api:experiences"), query).json()

    assert [card["slug"] for card in api["results"]] == html_slugs(client, "/experiences/", query)
    assert api["count"] == int(
        re.search(r"(\d+) fiches?", client.get("/experiences/", query).content.decode()).group(1)
    )


def test_the_library_is_the_pages_public_part(client):
    for number in range(3):
        factories.ResourceFactory(title=f"Guide {number}")
    factories.ResourceFactory(title="Guide réservé", access_level="adherents")

    api = client.get(reverse("api:resources")).json()

    assert [r["slug"] for r in api["results"]] == html_slugs(
        client, "/ressources/", {"acces": "public"}
    )
    assert len(api["results"]) == 3


def test_an_unknown_code_is_the_pages_french_message_as_a_400(client, cards):
    response = client.get(reverse("api:experiences"), {"region": "99", "milieu": "lunaire"})

    assert response.status_code == 400
    assert response.json() == {
        "errors": [
            "« 99 » n'est pas un code de région connu : ce filtre est ignoré.",
            "« lunaire » n'est pas un milieu connu : ce filtre est ignoré.",
        ]
    }
    page = client.get("/experiences/", {"region": "99"}).content.decode()
    assert "« 99 » n'est pas un code de région connu" in page.replace("&#x27;", "'")
    assert client.get(reverse("api:resources"), {"acces": "adherents"}).status_code == 400
    assert client.get(reverse("api:events"), {"type": "bal"}).status_code == 400


def test_pages_link_to_each_other_and_facets_are_counted(client, cards):
    first = client.get(reverse("api:experiences")).json()
    assert first["count"] == 27 and len(first["results"]) == 20 and first["previous"] is None
    second = client.get(first["next"]).json()
    assert len(second["results"]) == 7 and second["next"] is None
    assert client.get(second["previous"]).json()["results"] == first["results"]
    regions = next(f for f in first["facets"] if f["parameter"] == "region")
    counted = {o["code"]: o["count"] for o in regions["options"] if o["count"]}
    assert counted == {"84": 18, "53": 9}
    assert client.get(reverse("api:experiences"), {"page": "9"}).status_code == 400


def test_an_unchanged_answer_is_a_304(client, cards):
    url = reverse("api:experiences")
    response = client.get(url)
    etag, modified = response["ETag"], response["Last-Modified"]

    assert client.get(url, headers={"if-none-match": etag}).status_code == 304
    # A date alone may miss a change of another record the answer shows: never a 304.
    assert client.get(url, headers={"if-modified-since": modified}).status_code == 200
    factories.ExperienceCardFactory(title="Une nouvelle fiche")
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200 and changed["ETag"] != etag
    card = changed.json()["results"][0]["slug"]
    detail = client.get(reverse("api:experience", args=[card]))
    assert (
        client.get(
            detail.request["PATH_INFO"], headers={"if-none-match": detail["ETag"]}
        ).status_code
        == 304
    )


def test_the_rate_limits_are_the_pages(client, settings):
    cache.clear()
    settings.SEARCH_RATE = "2/m"
    settings.API_RATE = "100/m"
    url = reverse("api:experiences")
    assert client.get("/experiences/", {"q": "garage"}).status_code == 200  # counted with them
    assert client.get(url, {"q": "garage"}).status_code == 200
    refused = client.get(url, {"q": "garage"})
    assert refused.status_code == 429 and int(refused["Retry-After"]) >= 1
    assert client.get(url).status_code == 200  # a plain list is no word search
    settings.API_RATE = "1/m"
    cache.clear()
    assert client.get(reverse("api:regions")).status_code == 200
    assert client.get(reverse("api:regions")).status_code == 429
    cache.clear()


def test_the_schema_is_valid_and_complete(tmp_path):
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "s.yaml"))
    schema = (tmp_path / "s.yaml").read_text()
    for path in ["/api/v1/experiences/", "/api/v1/manuel/{code}/", "/api/v1/vocabulaires/{name}/"]:
        assert f"{path}:" in schema


def test_api_redirects_to_its_documentation(client):
    response = client.get("/api/")
    assert response.status_code == 302 and response["Location"] == reverse("api:docs")
    assert "API publique" in client.get(reverse("api:docs")).content.decode()


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _records(kind: str, count: int):
    for _ in range(count):
        if kind == "experiences":
            card = factories.ExperienceCardFactory(departements=["35", "22"])
            factories.CardListingFactory(card=card)
        elif kind == "ressources":
            resource = factories.ResourceFactory(collection=factories.CollectionFactory())
            resource.author_people.add(factories.PersonFactory(contact_is_public=True))
        elif kind == "structures":
            factories.ExperienceCardFactory()
        elif kind == "rencontres":
            factories.EventFactory(region=Region.objects.get(code="53"))
        elif kind == "groupes":
            factories.WorkingGroupFactory()


@pytest.mark.parametrize(
    "kind", ["experiences", "ressources", "structures", "rencontres", "groupes"]
)
def test_a_lists_queries_do_not_grow_with_its_results(client, kind):
    url = f"/api/v1/{kind}/"
    _records(kind, 2)
    few = _queries(client, url)
    _records(kind, 6)
    assert _queries(client, url) == few


def test_a_fiche_names_no_fiche_reserved_to_members(client):
    """A public fiche's links and « citée par » leave out the fiches the public may not
    read, as the API's list and detail do (no code, no title of theirs)."""
    cache.clear()
    public = factories.FicheFactory(code="X-PUB", resource__title="Fiche publique")
    reserved = factories.FicheFactory(
        code="X-RES", resource__title="Fiche des adhérents", resource__access_level="adherents"
    )
    factories.FicheLinkFactory(source=public, target=reserved)
    factories.FicheLinkFactory(source=reserved, target=public)

    answer = client.get(reverse("api:fiche", args=["X-PUB"]))

    assert answer.status_code == 200
    assert (answer.json()["links"], answer.json()["cited_by"]) == ([], [])
    assert "X-RES" not in answer.content.decode()
    assert client.get(reverse("api:fiche", args=["X-RES"])).status_code == 404


def test_a_change_the_records_date_misses_is_never_a_304(client):
    """A group's answer shows its cards: a card published in it since is news, though the
    group's own `updated_at` did not move. A client that asks by date alone gets it."""
    cache.clear()
    group = factories.WorkingGroupFactory(code="Z7", name="Groupe daté")
    url = reverse("api:group", args=["Z7"])
    first = client.get(url)
    assert first.status_code == 200 and first["Last-Modified"]

    card = factories.ExperienceCardFactory(title="Une fiche publiée après")
    factories.CardListingFactory(card=card, working_group=group)
    again = client.get(url, headers={"if-modified-since": first["Last-Modified"]})

    assert again.status_code == 200
    assert [c["slug"] for c in again.json()["cards"]] == [card.slug]
    assert client.get(url, headers={"if-none-match": again["ETag"]}).status_code == 304
