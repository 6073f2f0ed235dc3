"""Findable pages: the sitemap and robots.txt, each content page's canonical address and
OpenGraph description, the JSON-LD dates of a card (its document's, a person's edit,
never the import's run)."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from experiences.models import ExperienceCard
from experiences.sitemaps import CardSitemap
from sources.documents import DOCUMENTS_BY_CODE
from sources.importer import import_document
from sources.models import ImportedRecord
from tests import factories
from tests.admin_forms import change_through_admin
from tests.html import parse
from vita.models import PublicationStatus
from workgroups.models import Audience

pytestmark = pytest.mark.django_db

SITE = "https://vita.example.org"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _xml(content: bytes) -> ET.Element:
    return ET.fromstring(content)  # noqa: S314 - the portal's own response


@pytest.fixture(autouse=True)
def site_url(settings):
    settings.SITE_URL = SITE


def _sitemap(client, section, page=None) -> dict[str, str | None]:
    """A section's addresses, each with its lastmod."""
    url = reverse("sitemap_section", kwargs={"section": section})
    response = client.get(url, {"p": page} if page else {})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    root = _xml(response.content)
    return {
        entry.find("s:loc", NS).text: getattr(entry.find("s:lastmod", NS), "text", None)
        for entry in root.findall("s:url", NS)
    }


def _all_sitemap_addresses(client) -> set[str]:
    index = _xml(client.get(reverse("sitemap")).content)
    addresses = set()
    for loc in index.findall("s:sitemap/s:loc", NS):
        section = re.search(r"sitemap-(\w+)\.xml", loc.text).group(1)
        page = re.search(r"\?p=(\d+)", loc.text)
        addresses |= set(_sitemap(client, section, page.group(1) if page else None))
    return addresses


def _head(response) -> dict:
    """The canonical address and the OpenGraph properties of a page."""
    assert response.status_code == 200
    parsed = parse(response.content)
    canonical = [
        link["href"] for link in parsed.attributes["link"] if link.get("rel") == "canonical"
    ]
    og = {
        meta["property"]: meta["content"]
        for meta in parsed.attributes.get("meta", [])
        if (meta.get("property") or "").startswith("og:")
    }
    return {"canonical": canonical, "og": og}


def _json_ld(response) -> dict:
    found = re.search(
        r'<script type="application/ld\+json">(.*?)</script>', response.content.decode(), re.S
    )
    return json.loads(found.group(1))


# -- the sitemap ---------------------------------------------------------------------------


def test_the_sitemap_is_an_index_of_sections_on_the_sites_address(client):
    response = client.get("/sitemap.xml")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    index = _xml(response.content)
    locations = [loc.text for loc in index.findall("s:sitemap/s:loc", NS)]
    assert f"{SITE}/sitemap-experiences.xml" in locations
    assert f"{SITE}/sitemap-pages.xml" in locations
    assert all(location.startswith(f"{SITE}/sitemap-") for location in locations)


def test_the_sitemap_lists_public_pages_and_nothing_private(client):
    card = factories.ExperienceCardFactory()
    draft = factories.ExperienceCardFactory(status=PublicationStatus.DRAFT, published_at=None)
    public = factories.ResourceFactory()
    reserved = factories.ResourceFactory(access_level="adherents")
    restricted = factories.ResourceFactory(access_level="restreint")
    group = factories.WorkingGroupFactory()
    group_document = factories.ResourceFactory(access_level="groupe")
    group_document.working_groups.add(group)
    unpublished = factories.ResourceFactory(status=PublicationStatus.DRAFT)
    event = factories.EventFactory()
    network_event = factories.EventFactory(audience=Audience.NETWORK)
    organisation = factories.OrganisationFactory()

    addresses = _all_sitemap_addresses(client)

    for page in (card, public, group, event, organisation, group.programme):
        assert f"{SITE}{page.get_absolute_url()}" in addresses, page
    for page in (draft, reserved, restricted, group_document, unpublished, network_event):
        assert f"{SITE}{page.get_absolute_url()}" not in addresses, page
    assert f"{SITE}{reverse('experiences:list')}" in addresses
    assert f"{SITE}{reverse('site_page', args=['mentions-legales'])}" in addresses
    assert f"{SITE}{reverse('sources:page', args=['000', 11])}" in addresses
    private = ("/admin/", "/mon-espace/", "/apercu/", "/espace/", "/inscription/", "/abonnements/")
    assert not [address for address in addresses if any(part in address for part in private)]


def test_a_large_section_is_cut_into_pages(client, monkeypatch):
    monkeypatch.setattr(CardSitemap, "limit", 2)
    cards = factories.ExperienceCardFactory.create_batch(3)

    index = client.get("/sitemap.xml").content.decode()

    assert f"{SITE}/sitemap-experiences.xml?p=2" in index
    first, second = _sitemap(client, "experiences"), _sitemap(client, "experiences", 2)
    assert len(first) == 2 and len(second) == 1
    assert set(first) | set(second) == {f"{SITE}{card.get_absolute_url()}" for card in cards}
    assert client.get("/sitemap-experiences.xml", {"p": 3}).status_code == 404
    assert client.get("/sitemap-inconnue.xml").status_code == 404


def test_a_crawler_whose_copy_is_current_gets_304(client):
    factories.ExperienceCardFactory()
    first = client.get("/sitemap-experiences.xml")

    again = client.get("/sitemap-experiences.xml", HTTP_IF_NONE_MATCH=first["ETag"])

    assert first["Last-Modified"] and "max-age" in first["Cache-Control"]
    assert again.status_code == 304


def test_a_new_address_with_an_older_date_is_never_hidden_by_a_304(client):
    """A card read from an older document joins the section with its document's date:
    the section's latest date does not move, so a crawler asking by date alone
    (If-Modified-Since) gets the new page of addresses, not a 304."""
    factories.ExperienceCardFactory(published_at=timezone.make_aware(datetime(2025, 5, 6)))
    first = client.get("/sitemap-experiences.xml")
    older = factories.ExperienceCardFactory(published_at=timezone.make_aware(datetime(2021, 3, 1)))

    again = client.get("/sitemap-experiences.xml", HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])

    assert again.status_code == 200
    assert f"{SITE}{older.get_absolute_url()}" in again.content.decode()


def test_the_cards_sitemap_costs_the_same_queries_for_more_cards(client):
    factories.ExperienceCardFactory.create_batch(2)
    with CaptureQueriesContext(connection) as few:
        _sitemap(client, "experiences")
    factories.ExperienceCardFactory.create_batch(6)
    with CaptureQueriesContext(connection) as more:
        _sitemap(client, "experiences")

    assert len(more) == len(few)


# -- robots.txt ----------------------------------------------------------------------------


def test_robots_txt_leaves_private_pages_alone_and_names_the_sitemap(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "max-age" in response["Cache-Control"] and "public" in response["Cache-Control"]
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    for path in ("/admin/", "/mon-espace/", "/rencontres/inscription/", "/abonnements/",
                 "/appui/*/", "/*/apercu/", "/groupes/*/espace/"):  # fmt: skip
        assert f"Disallow: {path}" in lines
    assert "Allow: /" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines


def test_robots_leave_the_exports_and_the_alert_form_alone(client):
    """Every list page links its files: a crawler following them would lay out a PDF
    dossier for each combination of filters (seconds of a worker each)."""
    factories.ExperienceCardFactory()
    lines = client.get("/robots.txt").content.decode().splitlines()

    for path in (reverse("experiences:export_csv"), reverse("experiences:export_pdf")):
        assert f"Disallow: {path.rsplit('.', 1)[0]}." in lines
    assert f"Disallow: {reverse('experiences:alert')}" in lines
    page = client.get(reverse("experiences:list")).content.decode()
    links = re.findall(r'<a href="/experiences/selection\.\w+"[^>]*>', page)
    assert len(links) == 3 and all('rel="nofollow"' in link for link in links)


# -- canonical addresses and OpenGraph -----------------------------------------------------


@pytest.mark.parametrize("kind", ["card", "group", "resource", "event"])
def test_a_content_page_has_its_canonical_address_and_opengraph(client, kind):
    record = {
        "card": lambda: factories.ExperienceCardFactory(
            title="Un garage solidaire", summary="Des **voitures** pour aller au travail."
        ),
        "group": lambda: factories.WorkingGroupFactory(name="Un garage solidaire"),
        "resource": lambda: factories.ResourceFactory(title="Un garage solidaire"),
        "event": lambda: factories.EventFactory(title="Un garage solidaire"),
    }[kind]()
    # Another host, tracking parameters: the canonical address is the site's own.
    response = client.get(
        record.get_absolute_url(), {"utm_source": "lettre"}, HTTP_HOST="127.0.0.1"
    )

    head = _head(response)
    address = f"{SITE}{record.get_absolute_url()}"
    assert head["canonical"] == [address]
    og = head["og"]
    assert og["og:url"] == address
    assert "Un garage solidaire" in og["og:title"]
    assert og["og:site_name"] == "Centre de ressources VITA"
    assert og["og:locale"] == "fr_FR"
    assert og["og:type"] in ("article", "website")
    assert og["og:description"]
    assert og["og:image"].startswith(f"{SITE}/static/") and og["og:image"].endswith(".png")
    if kind == "card":
        assert og["og:type"] == "article"
        assert og["og:description"] == "Des voitures pour aller au travail."  # plain words


def test_a_filtered_list_names_its_clean_address_as_canonical(client):
    factories.ExperienceCardFactory()

    response = client.get(
        reverse("experiences:list"),
        {"region": "53", "groupe": "ZZ", "utm_campaign": "lettre", "page": "1"},
    )

    # The unknown group and the tracking parameter are not part of it, nor the first page.
    assert _head(response)["canonical"] == [f"{SITE}/experiences/?region=53"]
    library = client.get(reverse("resources:library"), {"type": "guide", "fbclid": "x"})
    assert _head(library)["canonical"] == [f"{SITE}/ressources/?type=guide"]
    events = client.get(reverse("events:list"), {"region": "53", "type": "inconnu"})
    assert _head(events)["canonical"] == [f"{SITE}/rencontres/?region=53"]


def test_a_list_page_after_the_first_keeps_its_number(client):
    factories.ExperienceCardFactory.create_batch(21)

    response = client.get(reverse("experiences:list"), {"page": "2"})

    assert _head(response)["canonical"] == [f"{SITE}/experiences/?page=2"]


# -- JSON-LD dates -------------------------------------------------------------------------


def test_a_card_made_on_the_site_is_dated_by_its_publication(client):
    card = factories.ExperienceCardFactory(
        published_at=timezone.make_aware(datetime(2025, 5, 6, 10, 0))
    )

    data = _json_ld(client.get(card.get_absolute_url()))

    assert data["datePublished"] == "2025-05-06"
    assert data["dateModified"] == "2025-05-06"  # nobody edited it since
    assert data["url"] == f"{SITE}{card.get_absolute_url()}"


def test_a_drafts_preview_without_porteur_nor_region_describes_what_it_has(animator_client):
    """A draft may have neither yet (a proposed card: only a published one must)."""
    card = factories.ExperienceCardFactory(
        porteur=None, region=None, title="Sans porteur", status=PublicationStatus.DRAFT
    )

    response = animator_client.get(reverse("experiences:preview", args=[card.slug]))

    assert response.status_code == 200
    data = _json_ld(response)
    assert data["headline"] == "Sans porteur"
    assert "author" not in data and "spatialCoverage" not in data


def test_an_imported_card_is_dated_by_its_document_and_an_animators_edit(animator_client):
    import_document(DOCUMENTS_BY_CODE["004"])
    entry = ImportedRecord.objects.filter(
        document="004", content_type__model="experiencecard"
    ).first()
    card = ExperienceCard.objects.get(pk=entry.object_id)
    address = f"{SITE}{card.get_absolute_url()}"

    # As the import wrote it: the webinar's day, however late the import ran.
    data = _json_ld(animator_client.get(card.get_absolute_url()))
    assert (data["datePublished"], data["dateModified"]) == ("2022-12-14", "2022-12-14")
    assert _sitemap(animator_client, "experiences")[address] == "2022-12-14"

    # An animator corrects it in the admin; say it was on 4 March 2025.
    response = change_through_admin(
        animator_client, ExperienceCard, card, summary="Un résumé revu par l'animatrice."
    )
    assert response.status_code == 302
    edit = card.history.filter(history_user__isnull=False).latest("history_date")
    edit.history_date = timezone.make_aware(datetime(2025, 3, 4, 15, 0))
    edit.save()

    # The import runs again (today): it writes its versions, not a person's edit.
    import_document(DOCUMENTS_BY_CODE["004"])
    assert card.history.filter(history_user__isnull=True).count() >= 1

    data = _json_ld(animator_client.get(card.get_absolute_url()))
    assert data["datePublished"] == "2022-12-14"
    assert data["dateModified"] == "2025-03-04"
    assert _sitemap(animator_client, "experiences")[address] == "2025-03-04"
    assert date.today().isoformat() not in (data["datePublished"], data["dateModified"])


def test_a_resource_and_an_event_describe_themselves_in_json_ld(client):
    resource = factories.ResourceFactory(title="Guide de la mobilité", year=2009)
    event = factories.EventFactory(
        title="Rencontre nationale", place="Lyon", date_only=True, cancelled_at=timezone.now()
    )

    described = _json_ld(client.get(resource.get_absolute_url()))
    happening = _json_ld(client.get(event.get_absolute_url()))

    assert described["@type"] == "CreativeWork"
    assert described["datePublished"] == "2009"  # the year its document gives, no more
    assert described["url"] == f"{SITE}{resource.get_absolute_url()}"
    assert happening["@type"] == "Event"
    assert happening["startDate"] == timezone.localtime(event.starts_at).date().isoformat()
    assert happening["location"] == {"@type": "Place", "name": "Lyon"}
    assert happening["eventStatus"] == "https://schema.org/EventCancelled"


def test_the_deploy_check_asks_for_the_sites_public_address(settings):
    from vita.findable import check_site_url

    settings.SITE_URL = "http://localhost:8000"
    assert [warning.id for warning in check_site_url()] == ["vita.W001"]
    settings.SITE_URL = SITE
    assert check_site_url() == []


def test_a_drafts_preview_describes_it_without_dates_it_does_not_have(animator_client):
    draft = factories.ExperienceCardFactory(status=PublicationStatus.DRAFT, published_at=None)

    response = animator_client.get(reverse("experiences:preview", args=[draft.slug]))

    data = _json_ld(response)
    assert data["headline"] == draft.title
    assert "datePublished" not in data and "dateModified" not in data
