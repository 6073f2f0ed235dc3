"""Links inside content: a fiche's « FICHE I-C-2-b » to that fiche, a card's tool to its
library resource."""

import pytest
from django.urls import reverse

from resources.templatetags.manual import link_mentions
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_fiches_mentions_of_other_fiches_are_linked(client):
    cited = factories.FicheFactory(code="I-C-2-b")
    fiche = factories.FicheFactory(code="I-C-2-a")
    factories.FicheBlockFactory(
        fiche=fiche,
        body="Les parties prenantes (FICHE I-C-2-b Co construction), voir aussi la "
        "fiche II-9 qui n'existe pas, et [la fiche I-C-2-b](https://example.org/).",
    )

    page = client.get(reverse("resources:fiche", args=["I-C-2-a"])).content.decode()

    url = reverse("resources:fiche", args=[cited.code])
    assert f'(<a href="{url}">FICHE I-C-2-b</a> Co construction)' in page
    assert "fiche II-9 qui" in page and 'href="/manuel/II-9/"' not in page
    assert (
        '<a href="https://example.org/" rel="noopener noreferrer nofollow">la fiche I-C-2-b</a>'
        in page
    )


def test_a_mention_inside_a_link_or_a_tag_is_left_alone():
    html = '<p title="FICHE I-A-1"><a href="/x">FICHE I-A-1</a> et fiches I-A-1</p>'

    assert link_mentions(html, {"I-A-1"}) == (
        '<p title="FICHE I-A-1"><a href="/x">FICHE I-A-1</a> et '
        '<a href="/manuel/I-A-1/">fiches I-A-1</a></p>'
    )


def test_a_cards_tool_links_to_its_published_library_resource(client):
    card = factories.ExperienceCardFactory()
    guide = factories.ResourceFactory(title="Guide des clauses sociales")
    draft = factories.ResourceFactory(title="Brouillon de convention", status="draft")
    factories.CardToolFactory(card=card, text="Un guide", resource=guide)
    factories.CardToolFactory(card=card, text="Une convention", resource=draft)

    page = client.get(card.get_absolute_url()).content.decode()

    assert f'<a href="{guide.get_absolute_url()}">Guide des clauses sociales</a>' in page
    assert "<em>Brouillon de convention</em>" in page


def test_related_cards_of_the_same_title_say_which_document_each_comes_from(client):
    group = factories.WorkingGroupFactory()
    card = factories.ExperienceCardFactory()
    factories.CardListingFactory(card=card, working_group=group)
    for year in (2010, 2011):
        twin = factories.ExperienceCardFactory(
            title="Un pôle de coopération", source_resource=factories.ResourceFactory(year=year)
        )
        factories.CardListingFactory(card=twin, working_group=group)

    page = client.get(card.get_absolute_url()).content.decode()

    related = page[page.index('id="proches"') :]
    assert "· document de 2010" in related and "· document de 2011" in related
