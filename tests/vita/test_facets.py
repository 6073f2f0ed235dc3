"""The facet registry: a facet declared once is a filter, counted options, a chip and a
checked code, on both faceted lists; deleting its declaration removes it; the lists run
the queries they ran before the registry."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from experiences import selectors as card_selectors
from experiences.filters import CARD_FACETS
from experiences.models import ExperienceCard
from resources import selectors as library_selectors
from resources.filters import LIBRARY_FACETS
from resources.models import Availability
from tests import factories
from vita.facet_paths import route
from vita.faceting import Facet, FacetRegistry

pytestmark = pytest.mark.django_db
CARDS = reverse("experiences:list")
LIBRARY = reverse("resources:library")

# A facet only these tests declare, on a column the cards have.
START_YEAR = Facet(
    "annee_debut",
    "Année de début",
    lambda: [(str(year), str(year)) for year in (2006, 2008, 2010)],
    path="start_year",
    unknown="une année de début connue",
)


@pytest.fixture
def cards():
    group = factories.WorkingGroupFactory(code="A2", name="Alliances stratégiques")
    theme = factories.ThemeFactory(name="Mobilité", slug="mobilite")
    made = [
        factories.ExperienceCardFactory(start_year=2006, title="Garage solidaire"),
        factories.ExperienceCardFactory(start_year=2006, region=_region("84"), departements=["69"]),
        factories.ExperienceCardFactory(start_year=2008, milieux=["rural"]),
        factories.ExperienceCardFactory(),
    ]
    for card in made[:3]:
        factories.CardListingFactory(card=card, working_group=group)
    made[0].themes.add(theme)
    return made


def _region(code):
    from territories.models import Region

    return Region.objects.get(code=code)


def _counts(response, name):
    facet = next(f for f in response.context["search"].facets if f.name == name)
    return {option.value: option.count for option in facet.options}


def test_a_facet_declared_once_filters_counts_and_is_a_chip(client, cards, monkeypatch):
    with_start_year = FacetRegistry(CARD_FACETS.base, [*CARD_FACETS, START_YEAR])
    monkeypatch.setattr(card_selectors, "CARD_FACETS", with_start_year)

    assert "annee_debut" in with_start_year.filterset.base_filters
    with CaptureQueriesContext(connection) as captured:
        response = client.get(CARDS, {"annee_debut": "2006", "region": "53"})

    search = response.context["search"]
    assert [card.title for card in search.page] == ["Garage solidaire"]
    # Counted without its own condition, with the others'; in the one counting query.
    assert _counts(response, "annee_debut") == {"2006": 1, "2008": 1, "2010": 0}
    assert _counts(response, "region")["84"] == 1
    counting = [q["sql"] for q in captured.captured_queries if "count(" in q["sql"].lower()]
    assert len(counting) == 1 and counting[0].startswith("WITH card")
    assert [chip.label for chip in search.chips] == ["Région : Bretagne", "Année de début : 2006"]
    assert search.chips[1].remove_query == "region=53"
    assert 'name="annee_debut" value="2006" id="f-annee_debut-2006" checked' in (
        response.content.decode()
    )
    unknown = client.get(CARDS, {"annee_debut": "1990"}).context["search"]
    assert unknown.errors == [
        "« 1990 » n'est pas une année de début connue : ce filtre est ignoré."
    ]


def test_the_library_counts_a_declared_facet_too(client, monkeypatch):
    factories.ResourceFactory(title="Sur demande", availability=Availability.ON_REQUEST)
    factories.ResourceFactory(title="Disponible")
    availability = Facet(
        "disponibilite",
        "Disponibilité",
        lambda: Availability.choices,
        path="availability",
        unknown="une disponibilité connue",
    )
    with_availability = FacetRegistry(LIBRARY_FACETS.base, [*LIBRARY_FACETS, availability])
    monkeypatch.setattr(library_selectors, "LIBRARY_FACETS", with_availability)

    response = client.get(LIBRARY, {"disponibilite": Availability.ON_REQUEST})

    search = response.context["search"]
    assert [resource.title for resource in search.page] == ["Sur demande"]
    assert _counts(response, "disponibilite")[Availability.AVAILABLE] == 1
    assert [chip.label for chip in search.chips] == ["Disponibilité : Sur demande"]


def test_deleting_a_declaration_removes_the_facet(client, cards, monkeypatch):
    without_milieu = FacetRegistry(
        CARD_FACETS.base, [facet for facet in CARD_FACETS if facet.name != "milieu"]
    )
    monkeypatch.setattr(card_selectors, "CARD_FACETS", without_milieu)

    response = client.get(CARDS)

    assert "milieu" not in [facet.name for facet in response.context["search"].facets]
    assert 'name="milieu"' not in response.content.decode()
    assert "milieu" not in without_milieu.filterset.base_filters


@pytest.mark.parametrize(
    "path",
    [
        "departements",  # ends on a relation, not on a code
        "region__departements__code",  # a second many-valued step
    ],
)
def test_a_path_the_counts_cannot_take_is_refused(path):
    with pytest.raises(ValueError, match=path):
        route(ExperienceCard, path)


# The queries of each list with facets, as they were before the registry: one counting
# query for the cards, one per facet for the library (hundreds of resources).
@pytest.mark.parametrize(
    ("url", "params", "queries"),
    [
        (CARDS, {}, 11),
        (CARDS, {"region": "53", "milieu": "rural", "groupe": "A2"}, 11),
        (CARDS, {"q": "garage", "theme": "mobilite", "departement": ["35", "69"]}, 11),
        (LIBRARY, {}, 15),
        (LIBRARY, {"type": "guide", "theme": "mobilite", "groupe": "A2", "annee": "2010"}, 15),
    ],
)
def test_the_lists_run_the_queries_they_ran_before_the_registry(
    client, cards, url, params, queries
):
    resource = factories.ResourceFactory(year=2010, collection=factories.CollectionFactory())
    resource.themes.add(cards[0].themes.get())
    resource.working_groups.add(cards[0].listings.get().working_group)

    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params).status_code == 200

    assert len(captured) == queries


def test_a_card_naming_a_code_twice_is_counted_once(client, monkeypatch):
    """Through a link that may hold a pair twice (two tools pointing to one resource) and
    in an array holding a code twice, a card is still one result per code."""
    guide = factories.ResourceFactory(slug="guide-mobilite")
    card = factories.ExperienceCardFactory(milieux=["rural", "rural"])
    factories.CardToolFactory(card=card, resource=guide, text="Le guide")
    factories.CardToolFactory(card=card, resource=guide, text="Le guide, encore")
    by_tool = Facet(
        "outil",
        "Outil",
        lambda: [("guide-mobilite", "Le guide")],
        path="tools__resource__slug",
        unknown="un outil connu",
    )
    registry = FacetRegistry(CARD_FACETS.base, [*CARD_FACETS, by_tool])
    monkeypatch.setattr(card_selectors, "CARD_FACETS", registry)

    response = client.get(CARDS)

    assert _counts(response, "outil") == {"guide-mobilite": 1}
    assert _counts(response, "milieu")["rural"] == 1
    assert not route(ExperienceCard, "tools__resource__slug").link_is_unique
    assert route(ExperienceCard, "listings__working_group__code").link_is_unique
    assert route(ExperienceCard, "departements__code").link_is_unique
