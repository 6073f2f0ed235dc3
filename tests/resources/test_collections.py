"""A collection's page in the library: its published resources in the collection's order,
each with the cards that cite it; nothing a reader may not see."""

import pytest
from django.urls import reverse

from tests import factories
from vita.models import PublicationStatus

pytestmark = pytest.mark.django_db


def _url(slug):
    return reverse("resources:collection", args=[slug])


def test_the_items_come_in_the_collections_order_with_the_cards_citing_them(
    client, django_assert_max_num_queries
):
    lettre = factories.CollectionFactory(name="Lettre VITA", slug="lettre-vita")
    for number in (10, 2, 9):  # by number, not by title (« n°10 » < « n°2 » as text)
        factories.ResourceFactory(
            title=f"Lettre VITA n°{number}", kind="lettre", collection=lettre, position=number
        )
    factories.ResourceFactory(
        title="Lettre VITA n°11", collection=lettre, position=11, status=PublicationStatus.DRAFT
    )
    factories.ResourceFactory(
        title="Lettre VITA n°12", collection=lettre, position=12, access_level="groupe"
    )
    cited = lettre.resources.get(position=9)
    card = factories.ExperienceCardFactory(title="Un garage solidaire")
    factories.CardLinkFactory(card=card, kind="a_consulter", target_resource=cited)
    tool_card = factories.ExperienceCardFactory(title="Une auto-école sociale")
    factories.CardToolFactory(card=tool_card, text="La lettre", resource=cited)
    draft = factories.ExperienceCardFactory(title="Brouillon", status=PublicationStatus.DRAFT)
    factories.CardLinkFactory(card=draft, kind="a_consulter", target_resource=cited)

    with django_assert_max_num_queries(12):
        page = client.get(_url("lettre-vita"))

    html = page.content.decode()
    positions = [html.index(f"Lettre VITA n°{n}<") for n in (2, 9, 10)]
    assert positions == sorted(positions)
    assert "VITA n°11" not in html and "VITA n°12" not in html  # a draft, a group's document
    ninth = html[positions[1] : positions[2]]
    assert "Une auto-école sociale" in ninth and "Un garage solidaire" in ninth
    assert "Brouillon" not in html
    assert "?sujet=lettre-vita" in html  # the Lettre's subscription


def test_a_collection_without_a_readable_resource_is_not_found(client):
    empty = factories.CollectionFactory(slug="vide")
    factories.ResourceFactory(collection=empty, status=PublicationStatus.DRAFT)
    other = factories.CollectionFactory(slug="guides")
    factories.ResourceFactory(collection=other)

    assert client.get(_url("vide")).status_code == 404
    assert client.get(_url("inconnue")).status_code == 404
    page = client.get(_url("guides")).content.decode()
    assert "?sujet=" not in page  # no mailing for this one


def test_a_resource_page_leads_to_its_collection(client):
    guides = factories.CollectionFactory(name="Guides du réseau", slug="guides")
    resource = factories.ResourceFactory(collection=guides)

    html = client.get(resource.get_absolute_url()).content.decode()

    assert f'<a href="{_url("guides")}">Guides du réseau</a>' in html
