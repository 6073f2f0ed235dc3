"""The public pages: a card, a group, an organisation, the manual, the home page."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from experiences.models import ExperienceCard
from organisations.enums import ContactRole
from organisations.models import Organisation
from resources.models import Collection, Fiche
from resources.selectors import published_resources
from tests import factories
from tests.html import count_tags
from vita.models import PublicationStatus
from vita.roles import MEMBRE
from workgroups.models import WorkingGroup

pytestmark = pytest.mark.django_db


def _card_with_everything():
    card = factories.ExperienceCardFactory(
        context="Un **contexte** rural.", actions="Ce qui a été fait.", milieux=["rural"]
    )
    factories.CardListingFactory(card=card)
    public = factories.PersonFactory(first_name="Claire", contact_is_public=True)
    private = factories.PersonFactory(first_name="Paul", email="paul@example.org")
    factories.CardContactFactory(card=card, person=public, role=ContactRole.REFERENT_PRINCIPAL)
    factories.CardContactFactory(card=card, person=private)
    factories.FreinFactory(card=card, text="Des financements morcelés")
    factories.LevierFactory(card=card, text="Un élu porteur")
    factories.CardToolFactory(card=card, text="Convention type")
    return card


def test_a_card_shows_its_sections_in_order(client):
    card = _card_with_everything()

    response = client.get(card.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert count_tags(response.content, "h1") == 1
    # The key facts first (« En bref »), then the story.
    order = ["En bref", "Porteur", "Région", "Catégorie", "Contexte", "L'expérience",
             "Freins rencontrés et leviers", "Outils et ressources", "Contacts"]  # fmt: skip
    positions = [page.index(f">{heading}") for heading in order]
    assert positions == sorted(positions)
    assert "<strong>contexte</strong>" in page
    assert "Des financements morcelés" in page and "Un élu porteur" in page
    assert "Rural" in page


def test_a_card_across_a_border_names_the_other_region_of_its_departements(client):
    from territories.models import Departement, Region

    bretagne = Region.objects.get(code="53")
    card = factories.ExperienceCardFactory(region=bretagne)
    card.departements.set(Departement.objects.filter(code__in=["35", "56", "44"]))

    page = client.get(card.get_absolute_url()).content.decode()

    territory = page[page.index('id="territoire"') :]
    assert re.search(r"<dt>Régions</dt>\s*<dd><a [^>]*>Bretagne</a>, Pays de la Loire</dd>",
                     territory)  # fmt: skip
    card.departements.set(Departement.objects.filter(code__in=["35", "56"]))
    page = client.get(card.get_absolute_url()).content.decode()
    assert "<dt>Région</dt>" in page and ", Pays de la Loire</dd>" not in page


def test_a_cards_former_region_is_named_with_its_sources_year(client):
    # The 2008 recueil names départements; their région was then Nord-Pas-de-Calais.
    source = factories.ResourceFactory(year=2008)
    card = factories.ExperienceCardFactory(
        region_as_written="Nord-Pas-de-Calais", source_resource=source
    )

    page = client.get(card.get_absolute_url()).content.decode()

    assert "(« Nord-Pas-de-Calais » en 2008)" in page


def test_a_link_under_its_kinds_heading_does_not_repeat_it(client):
    card = factories.ExperienceCardFactory()
    factories.CardLinkFactory(
        card=card, kind="a_consulter", target_card=None, label="Lettre VITA n°3 — mars 2007"
    )
    factories.CardLinkFactory(card=card, kind="autre_projet", target_card=None, label="Garage")

    page = client.get(card.get_absolute_url()).content.decode()

    assert "<li>Lettre VITA n°3 — mars 2007</li>" in page
    assert '<li>Garage <span class="muted">(Autre projet)</span></li>' in page


def test_a_heading_row_among_the_tools_heads_those_after_it(client):
    card = factories.ExperienceCardFactory()
    for position, text in enumerate(["Convention", "### Projet SCIC", "Statuts :\n- Modèle"]):
        factories.CardToolFactory(card=card, text=text, position=position)

    page = client.get(card.get_absolute_url()).content.decode()

    section = page[page.index('<section aria-labelledby="outils">') :]
    section = section[: section.index("</section>")]
    assert re.search(r"<ul[^>]*><li>Convention</li></ul>\s*<h3>Projet SCIC</h3>", section)
    assert "<li><p>Statuts :</p><ul><li>Modèle</li></ul></li>" in section
    assert "###" not in section


def test_a_cards_tools_intro_is_said_once_over_its_tools(client):
    card = factories.ExperienceCardFactory(tools_intro="Sont disponibles auprès du CAI 92 :")
    factories.CardToolFactory(card=card, text="La liste des intervenants", position=0)
    factories.CardToolFactory(card=card, text="La plaquette", position=1)

    page = client.get(card.get_absolute_url()).content.decode()

    section = page[page.index('<section aria-labelledby="outils">') :]
    section = section[: section.index("</section>")]
    assert section.count("Sont disponibles auprès du CAI 92") == 1
    assert section.index("Sont disponibles") < section.index("<ul") < section.index("La liste")


def test_contacts_are_shown_only_where_allowed(client):
    card = _card_with_everything()

    anonymous = client.get(card.get_absolute_url()).content.decode()
    member = factories.UserFactory(groups=[MEMBRE])
    client.force_login(member)
    for_member = client.get(card.get_absolute_url()).content.decode()

    assert "Claire" in anonymous
    assert "paul@example.org" not in anonymous
    assert "1 contact réservé aux adhérents" in anonymous
    assert "paul@example.org" in for_member


def test_a_card_describes_itself_in_json_ld(client):
    card = _card_with_everything()
    card.title = "Titre </script><script>alert(1)</script>"
    card.save()

    page = client.get(card.get_absolute_url()).content.decode()

    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1)
    data = json.loads(block)
    assert data["@type"] == "Article"
    assert data["headline"] == card.title
    assert "<script>alert" not in page


def test_a_draft_or_unknown_card_is_not_found(client):
    draft = factories.ExperienceCardFactory(status=PublicationStatus.DRAFT)

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("experiences:detail", args=["inconnue"])).status_code == 404


def test_a_card_page_query_count_does_not_grow_with_its_rows(client):
    card = _card_with_everything()
    with CaptureQueriesContext(connection) as few:
        client.get(card.get_absolute_url())
    for position in range(8):
        factories.FreinFactory(card=card, position=position + 1)
        factories.CardContactFactory(
            card=card, person=factories.PersonFactory(contact_is_public=True)
        )
        factories.CardListingFactory(card=card)
        factories.CardToolFactory(card=card, resource=factories.ResourceFactory())

    with CaptureQueriesContext(connection) as many:
        client.get(card.get_absolute_url())

    assert len(many) == len(few)


def test_related_cards_come_from_links_then_shared_groups(client):
    card = _card_with_everything()
    linked = factories.ExperienceCardFactory(title="Le projet lié")
    factories.CardLinkFactory(card=card, target_card=linked)
    same_group = factories.ExperienceCardFactory(title="Même atelier")
    factories.CardListingFactory(card=same_group, working_group=card.listings.get().working_group)

    page = client.get(card.get_absolute_url()).content.decode()

    related = page[page.index("Fiches proches") :]
    assert related.index("Le projet lié") < related.index("Même atelier")


def test_related_cards_share_the_most_and_their_cost_does_not_grow(monkeypatch):
    from experiences import selectors

    card = _card_with_everything()  # in Ille-et-Vilaine (35)
    group = card.listings.get().working_group
    both, group_only, draft = (
        factories.ExperienceCardFactory(title=title, status=status, departements=[code])
        for title, status, code in (("Z partage tout", "published", "35"),
                                    ("A même atelier", "published", "29"),
                                    ("Brouillon", "draft", "35"))
    )  # fmt: skip
    for other in (both, group_only, draft):
        factories.CardListingFactory(card=other, working_group=group)
    card = selectors.card_detail(card.slug)

    assert [c.title for c in selectors.related_cards(card)] == ["Z partage tout", "A même atelier"]
    monkeypatch.setattr(selectors, "RELATED_CANDIDATES", 1)  # the latest card of each only
    assert [c.title for c in selectors.related_cards(card)] == ["A même atelier", "Z partage tout"]
    with CaptureQueriesContext(connection) as queries:
        selectors.related_cards(card)
    assert len(queries) == 3  # the group, the département, the candidates' cards


def test_a_group_page(client):
    card = _card_with_everything()
    group = card.listings.get().working_group
    factories.WorkingGroupContactFactory(working_group=group)

    response = client.get(reverse("workgroups:detail", args=[group.code]))

    assert response.status_code == 200
    assert card.title in response.content.decode()
    assert f"?groupe={group.code}" in response.content.decode()


def test_a_groups_productions_link_to_the_library_with_their_credits(client):
    group = factories.WorkingGroupFactory()
    author = factories.OrganisationFactory(name="Extra Muros")
    note = factories.ResourceFactory(title="Une note sur la SCIC", year=2008)
    note.author_organisations.add(author)
    note.working_groups.add(group)

    page = client.get(reverse("workgroups:detail", args=[group.code])).content.decode()

    assert f'<a href="{note.get_absolute_url()}">Une note sur la SCIC</a>' in page
    assert '<span class="muted">— Extra Muros, 2008</span>' in page


def test_an_organisation_page_lists_its_cards(client):
    card = _card_with_everything()

    response = client.get(card.porteur.get_absolute_url())

    assert response.status_code == 200
    assert card.title in response.content.decode()


def test_an_organisation_page_shows_its_address_to_all_its_phone_and_e_mail_to_members(client):
    organisation = factories.OrganisationFactory(
        address="1, rue du Tribunal", postal_code="35600", town="Redon",
        phone="02 99 71 20 62", email="accueil@example.org",
    )  # fmt: skip

    anonymous = client.get(organisation.get_absolute_url()).content.decode()
    client.force_login(factories.UserFactory(groups=[MEMBRE]))
    member = client.get(organisation.get_absolute_url()).content.decode()

    assert "<dd>1, rue du Tribunal<br>35600 Redon</dd>" in anonymous
    assert "02 99 71 20 62" not in anonymous and "accueil@example.org" not in anonymous
    assert "Réservés aux adhérents." in anonymous
    assert "<dd>1, rue du Tribunal<br>35600 Redon</dd>" in member
    organisation.cedex = "9"
    organisation.save()
    page = client.get(organisation.get_absolute_url()).content.decode()
    assert "<br>35600 Redon Cedex 9</dd>" in page
    assert "<dd>02 99 71 20 62</dd>" in member
    assert 'href="mailto:accueil@example.org"' in member


def test_a_fiche_shows_what_cites_it(client):
    cited = factories.FicheFactory(code="II-3")
    citing = factories.FicheFactory(code="I-A-1")
    factories.FicheLinkFactory(source=citing, target=cited)

    page = client.get(reverse("resources:fiche", args=["II-3"])).content.decode()

    assert "Cette fiche est citée par" in page
    assert reverse("resources:fiche", args=["I-A-1"]) in page


def test_the_home_page_leads_to_groups_and_regions(client):
    card = _card_with_everything()
    group = card.listings.get().working_group

    page = client.get(reverse("home")).content.decode()

    assert f'href="/experiences/?groupe={group.code}"' in page
    assert 'href="/experiences/?region=53"' in page  # Bretagne, on the map and in the list
    assert 'class="france-map__region france-map__region--4"' in page


def test_every_page_answers_for_every_imported_record(client, imported):
    for card in ExperienceCard.objects.filter(status=PublicationStatus.PUBLISHED):
        assert client.get(card.get_absolute_url()).status_code == 200, card.slug
    for group in WorkingGroup.objects.all():
        assert client.get(reverse("workgroups:detail", args=[group.code])).status_code == 200
    for organisation in Organisation.objects.all():
        assert client.get(organisation.get_absolute_url()).status_code == 200, organisation.slug
    for fiche in Fiche.objects.all():
        assert client.get(reverse("resources:fiche", args=[fiche.code])).status_code == 200
    for slug in published_resources().values_list("slug", flat=True):
        response = client.get(reverse("resources:resource", args=[slug]))
        assert response.status_code == 200, slug
        assert count_tags(response.content, "h1") == 1


def test_a_new_user_finds_a2_bretagne_and_commande_publique_from_home(client, imported):
    home = client.get(reverse("home")).content.decode()
    assert 'href="/experiences/?groupe=A2"' in home
    assert 'href="/experiences/?region=53"' in home

    a2 = client.get("/experiences/?groupe=A2").context["search"]
    bretagne = client.get("/experiences/?region=53").context["search"]
    commande = client.get("/experiences/?q=commande+publique").context["search"]

    assert a2.total >= 10
    assert bretagne.total >= 5
    assert commande.total >= 5
    assert all(card.region.code == "53" for card in bretagne.page)


@pytest.mark.parametrize(
    "page", ["group", "organisation", "fiche", "home", "groups", "manual", "organisations"]
)
def test_other_pages_query_counts_do_not_grow_with_their_rows(client, page):
    card = _card_with_everything()
    group = card.listings.get().working_group
    manual, _ = Collection.objects.get_or_create(slug="manuel-dts-v1", defaults={"name": "Manuel"})
    part = factories.CollectionFactory(parent=manual)
    fiche = factories.FicheFactory(resource=factories.ResourceFactory(collection=part))
    urls = {
        "group": reverse("workgroups:detail", args=[group.code]),
        "organisation": card.porteur.get_absolute_url(),
        "fiche": reverse("resources:fiche", args=[fiche.code]),
        "home": reverse("home"),
        "groups": reverse("workgroups:list"),
        "manual": reverse("resources:manual"),
        "organisations": reverse("organisations:list"),
    }
    client.get(urls[page])  # once first: the per-process caches (content types) filled
    with CaptureQueriesContext(connection) as few:
        assert client.get(urls[page]).status_code == 200
    for position in range(6):
        more = factories.ExperienceCardFactory(porteur=card.porteur)
        factories.CardListingFactory(card=more, working_group=group)
        factories.WorkingGroupContactFactory(working_group=group)
        factories.CardListingFactory(card=more)
        factories.FicheBlockFactory(fiche=fiche, position=position)
        factories.FicheLinkFactory(source=fiche, target=factories.FicheFactory(
            resource=factories.ResourceFactory(collection=fiche.resource.collection)))  # fmt: skip
        factories.FicheLinkFactory(target=fiche)
        factories.KeywordEntryFactory(fiche=fiche)

    with CaptureQueriesContext(connection) as many:
        assert client.get(urls[page]).status_code == 200

    # At most as many: a prefetch runs only when a shown row has something to fetch.
    assert len(many) <= len(few)


def test_searching_the_imported_content(client, imported):
    mutualiser = client.get(reverse("search"), {"q": "mutualiser"}).context["groups"]
    counts = {group.kind: group.count for group in mutualiser}
    assert counts["cards"] >= 10 and counts["fiches"] >= 10

    for typed, meant in [("insertoin", "insertion"), ("mobilté", "mobilité")]:
        misspelt = client.get(reverse("search"), {"q": typed}).context
        assert (misspelt["misspelt"], misspelt["q"]) == (typed, meant)
        assert misspelt["groups"][0].count >= 5

    acronym = client.get(reverse("experiences:list"), {"q": "AI"}).context["search"]
    assert acronym.total >= 20
    assert (
        client.get(reverse("organisations:list"), {"q": "coorace"}).context["page"].paginator.count
        >= 3
    )


def test_a_cards_topic_heads_its_points_once(client):
    card = factories.ExperienceCardFactory(status="published")
    for position, text in enumerate(["La volonté du Préfet", "Un budget de 9 500 euros"]):
        factories.CardPointFactory(
            card=card,
            kind="levier",
            topic="L'appui de la Préfecture",
            text=text,
            position=position,
        )
    page = client.get(card.get_absolute_url()).content.decode()
    assert page.count("L&#x27;appui de la Préfecture") == 1
    assert '<h4 class="points__topic">' in page


def test_a_point_s_lead_in_shows_its_items_as_a_list_under_it(client):
    """« Les financements obtenus : » then its « - » bullets, one levier as printed: the
    items a list inside the point, its other lines kept as lines; all of it escaped."""
    card = factories.ExperienceCardFactory(status="published")
    factories.CardPointFactory(
        card=card,
        kind="levier",
        text=(
            "Les financements obtenus <b>en 2007</b> :\n- le Conseil général ;\n"
            "- la DDTEFP (FDI).\nCertains sont encore en cours."
        ),
    )
    page = client.get(card.get_absolute_url()).content.decode()
    assert (
        "<li><p>Les financements obtenus &lt;b&gt;en 2007&lt;/b&gt; :</p>"
        "<ul><li>le Conseil général ;</li><li>la DDTEFP (FDI).</li></ul>"
        "<p>Certains sont encore en cours.</p></li>"
    ) in page
