"""The experience list: facets by stable codes, their counts, invalid input, htmx."""

import random
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from experiences.models import CardCategory, ExperienceCard
from organisations.enums import StructureType
from tests import factories
from tests.html import count_tags
from vita.models import PublicationStatus

pytestmark = pytest.mark.django_db
URL = reverse("experiences:list")


@pytest.fixture
def cards():
    """Five cards across two groups, three régions, two structure types."""
    a1 = factories.WorkingGroupFactory(code="A1", name="Développement d'activités")
    a2 = factories.WorkingGroupFactory(code="A2", name="Alliances stratégiques")
    ai = factories.OrganisationFactory(structure_types=[StructureType.AI])
    ei = factories.OrganisationFactory(structure_types=[StructureType.EI])
    made = {
        "rennes_a1_ai": factories.ExperienceCardFactory(porteur=ai, departements=["35"]),
        "rennes_a2_ei": factories.ExperienceCardFactory(porteur=ei, departements=["35"],
                                                        milieux=["rural"]),
        "lille_a2_ai": factories.ExperienceCardFactory(
            porteur=ai, region=_region("32"), departements=["59"],
            category=CardCategory.PARTNER, title="Clauses sociales à Lille",
        ),
        "lyon_a1_ei": factories.ExperienceCardFactory(
            porteur=ei, region=_region("84"), departements=["69"], start_year=2006, end_year=2008
        ),
        "draft": factories.ExperienceCardFactory(status=PublicationStatus.DRAFT),
    }  # fmt: skip
    for key, group in [("rennes_a1_ai", a1), ("rennes_a2_ei", a2), ("lille_a2_ai", a2),
                       ("lyon_a1_ei", a1), ("draft", a2)]:  # fmt: skip
        factories.CardListingFactory(card=made[key], working_group=group)
    return made


def _region(code):
    from territories.models import Region

    return Region.objects.get(code=code)


def _titles(response):
    return {card.title for card in response.context["search"].page}


def _facet(response, name):
    facet = next(f for f in response.context["search"].facets if f.name == name)
    return {option.value: option.count for option in facet.options}


def test_only_published_cards_are_listed(client, cards):
    response = client.get(URL)

    assert response.status_code == 200
    assert response.context["search"].total == 4
    assert cards["draft"].title not in _titles(response)
    assert count_tags(response.content, "h1") == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("region=53", {"rennes_a1_ai", "rennes_a2_ei"}),
        ("region=53&region=32", {"rennes_a1_ai", "rennes_a2_ei", "lille_a2_ai"}),
        ("groupe=A2", {"rennes_a2_ei", "lille_a2_ai"}),
        ("groupe=A2&region=53", {"rennes_a2_ei"}),
        ("departement=59", {"lille_a2_ai"}),
        ("type=ai", {"rennes_a1_ai", "lille_a2_ai"}),
        ("type=ai&type=ei&groupe=A1", {"rennes_a1_ai", "lyon_a1_ei"}),
        ("milieu=rural", {"rennes_a2_ei"}),
        ("categorie=partenaire", {"lille_a2_ai"}),
        ("debut=2007&fin=2007", {"lyon_a1_ei"}),
        ("q=clauses+lille", {"lille_a2_ai"}),
    ],
)
def test_facets_combine_or_within_and_across(client, cards, query, expected):
    response = client.get(f"{URL}?{query}")

    assert _titles(response) == {cards[key].title for key in expected}
    assert response.context["search"].errors == []


def test_counts_apply_the_other_facets_but_not_their_own(client, cards):
    response = client.get(f"{URL}?groupe=A2&region=53")

    # Régions counted among A2 cards; groups counted among Bretagne cards.
    assert _facet(response, "region")["53"] == 1
    assert _facet(response, "region")["32"] == 1
    assert _facet(response, "region")["84"] == 0
    assert _facet(response, "groupe") == {"A1": 1, "A2": 1}
    assert _facet(response, "type")["ei"] == 1
    assert _facet(response, "type")["ai"] == 0


def test_every_facet_counts_the_text_search_and_the_other_filters(client, cards):
    response = client.get(URL, {"q": "clauses", "milieu": "rural"})

    # Only the Lille card speaks of clauses; it has no milieu, so milieu=rural excludes it
    # everywhere but in the milieu facet itself.
    assert _facet(response, "milieu") == {"urbain": 0, "periurbain": 0, "semi_rural": 0,
                                          "rural": 0}  # fmt: skip
    assert _facet(response, "region")["32"] == 0
    response = client.get(URL, {"q": "clauses"})
    assert _facet(response, "region")["32"] == 1
    assert _facet(response, "groupe") == {"A1": 0, "A2": 1}
    assert _facet(response, "type")["ai"] == 1
    assert _facet(response, "categorie")[CardCategory.PARTNER] == 1
    assert _facet(response, "departement") == {"59": 1}


def test_the_facets_and_the_number_of_results_are_counted_in_one_query(client, cards):
    def counting_queries(query):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(URL, query)
        return response, [
            q["sql"] for q in captured.captured_queries if "count(" in q["sql"].lower()
        ]

    queries = [
        {},
        {"q": "clauses"},
        {"q": "clauses", "region": "32", "categorie": "partenaire"},
        {"region": "53", "milieu": "rural", "categorie": "siae", "groupe": "A2"},
    ]
    for query in queries:
        response, queries = counting_queries(query)
        assert len(queries) == 1, query
        assert queries[0].startswith("WITH card")
        # One région and one category per card: their filters need no DISTINCT.
        assert "SELECT DISTINCT" not in queries[0]
    assert response.context["search"].total == 1


# One value per card (région, category) or several (the others): the card's codes.
FACET_CODES = {
    "programme": lambda card: {item.working_group.programme.slug for item in card.listings.all()},
    "groupe": lambda card: {listing.working_group.code for listing in card.listings.all()},
    "region": lambda card: {card.region.code},
    "departement": lambda card: {d.code for d in card.departements.all()},
    "type": lambda card: set(card.porteur.structure_types),
    "milieu": lambda card: set(card.milieux),
    "theme": lambda card: {theme.slug for theme in card.themes.all()},
    "categorie": lambda card: {card.category},
}  # fmt: skip


def test_facet_counts_and_totals_match_a_count_card_by_card(client):
    """Random selections of one to four facets over random cards: each option counts the
    cards that match every other facet and have that option; the total, those matching
    all. The expected counts are computed in Python, card by card."""
    rand = random.Random(7)  # noqa: S311 - a reproducible draw, not a secret
    programmes = factories.ProgrammeFactory.create_batch(2)
    groups = [factories.WorkingGroupFactory(programme=programmes[i % 2]) for i in range(4)]
    themes = factories.ThemeFactory.create_batch(3)
    structure_types = ([StructureType.AI], [StructureType.EI, StructureType.ACI], [])
    porteurs = [factories.OrganisationFactory(structure_types=types) for types in structure_types]
    regions = {code: _region(code) for code in ("53", "32", "84")}
    departements = {"53": ["35", "22"], "32": ["59", "62"], "84": ["69", "38"]}
    for n in range(40):
        region = rand.choice(list(regions))
        card = factories.ExperienceCardFactory(
            porteur=rand.choice(porteurs),
            region=regions[region],
            departements=rand.sample(departements[region], min(2, rand.randint(1, 3))),
            milieux=rand.sample(["rural", "urbain", "periurbain"], rand.randint(0, 2)),
            category=rand.choice([CardCategory.SIAE, CardCategory.PARTNER]),
            status=PublicationStatus.DRAFT if n % 9 == 0 else PublicationStatus.PUBLISHED,
            summary="mobilité" if n % 3 else "",
        )
        card.themes.set(rand.sample(themes, rand.randint(0, 2)))
        for group in rand.sample(groups, rand.randint(0, 2)):
            factories.CardListingFactory(card=card, working_group=group)
    published = list(
        ExperienceCard.objects.filter(status=PublicationStatus.PUBLISHED).prefetch_related(
            "listings__working_group__programme", "departements", "themes", "porteur", "region"
        )
    )
    codes = [{name: code_of(card) for name, code_of in FACET_CODES.items()} for card in published]
    known = {name: sorted(set().union(*(card[name] for card in codes))) for name in FACET_CODES}
    searched = {card.pk for card in published if "mobilité" in card.summary}

    for _ in range(25):
        chosen = {name: rand.sample(known[name], rand.randint(1, 2))
                  for name in rand.sample(sorted(FACET_CODES), rand.randint(1, 4))}  # fmt: skip
        text = rand.choice(["", "mobilité"])

        def matches(card, codes_of_card, but=None, chosen=chosen, text=text):
            return (not text or card.pk in searched) and all(
                codes_of_card[name] & set(values) for name, values in chosen.items() if name != but
            )

        query = [(name, value) for name, values in chosen.items() for value in values]
        response = client.get(URL, [*query, ("q", text)] if text else query)

        results = response.context["search"]
        assert results.total == sum(matches(*c) for c in zip(published, codes, strict=True))
        for name in FACET_CODES:
            expected = {
                option: sum(
                    option in card_codes[name] and matches(card, card_codes, but=name)
                    for card, card_codes in zip(published, codes, strict=True)
                )
                for option in known[name]
            }
            counted = _facet(response, name)
            assert {option: counted.get(option, 0) for option in known[name]} == expected, (
                name,
                chosen,
                text,
            )


def test_options_at_zero_are_shown_disabled(client, cards):
    response = client.get(f"{URL}?region=53")

    page = response.content.decode()
    # Régions are counted without the région filter: Auvergne-Rhône-Alpes stays choosable.
    assert 'value="84" id="f-region-84">' in page
    assert 'value="11" id="f-region-11" disabled' in page
    assert "Île-de-France" in page


def test_active_filters_are_chips_with_removal_links(client, cards):
    response = client.get(f"{URL}?region=53&groupe=A2")

    chips = response.context["search"].chips
    assert [chip.label for chip in chips] == [
        "Groupe de travail / atelier : A2 — Alliances stratégiques",
        "Région : Bretagne",
    ]
    assert chips[1].remove_query == "groupe=A2"
    assert "Tout effacer" in response.content.decode()


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("region=99", "« 99 » n'est pas un code de région connu : ce filtre est ignoré."),
        ("groupe=ZZ", "« ZZ » n'est pas un groupe de travail connu : ce filtre est ignoré."),
        ("departement=20", "« 20 » n'est pas un code de département connu : ce filtre est ignoré."),
        ("debut=abc", "L'année de début « abc » n'est pas une année : ce filtre est ignoré."),
        ("page=x", "« x » n'est pas un numéro de page : page 1."),
        ("page=99", "La page 99 n'existe pas : voici la page 1."),
    ],
)
def test_invalid_values_are_reported_not_silently_dropped(client, cards, query, message):
    response = client.get(f"{URL}?{query}")

    assert response.status_code == 200
    assert message in response.context["search"].errors
    assert 'role="alert"' in response.content.decode()


def test_a_valid_value_beside_an_invalid_one_still_filters(client, cards):
    response = client.get(f"{URL}?region=99&region=32")

    assert _titles(response) == {cards["lille_a2_ai"].title}


def test_pagination_keeps_the_query_string(client):
    group = factories.WorkingGroupFactory(code="A3")
    for card in factories.ExperienceCardFactory.create_batch(25):
        factories.CardListingFactory(card=card, working_group=group)

    response = client.get(f"{URL}?groupe=A3&tri=titre")

    assert 'href="?groupe=A3&amp;tri=titre&amp;page=2"' in response.content.decode()
    second = client.get(f"{URL}?groupe=A3&tri=titre&page=2")
    assert len(second.context["search"].page) == 5


def test_the_result_count_is_announced(client, cards):
    page = client.get(f"{URL}?region=53").content.decode()

    assert re.search(r'<p class="search__count"[^>]* role="status">', page)
    assert "2 fiches" in page


def test_htmx_gets_the_search_block_alone(client, cards):
    response = client.get(f"{URL}?region=53", headers={"HX-Request": "true"})

    page = response.content.decode()
    assert page.lstrip().startswith('<div id="recherche"')
    assert "<html" not in page
    assert 'data-hx-push-url="true"' in page
    assert "HX-Request" in response["Vary"]  # caches keep the page and the block apart


def test_the_query_count_does_not_grow_with_the_results(client, cards):
    with CaptureQueriesContext(connection) as few:
        client.get(f"{URL}?groupe=A2")
    group = factories.WorkingGroupFactory(code="A9")
    for card in factories.ExperienceCardFactory.create_batch(12):
        factories.CardListingFactory(card=card, working_group=group)
        factories.CardListingFactory(card=card, working_group=cards["lille_a2_ai"].listings.get()
                                     .working_group)  # fmt: skip

    with CaptureQueriesContext(connection) as many:
        client.get(f"{URL}?groupe=A2")

    assert len(many) == len(few)


def test_programme_and_theme_facets(client, cards):
    theme = factories.ThemeFactory(name="Mobilité")
    cards["lyon_a1_ei"].themes.add(theme)
    programme = cards["lyon_a1_ei"].listings.get().working_group.programme

    by_theme = client.get(f"{URL}?theme={theme.slug}")
    by_programme = client.get(f"{URL}?programme={programme.slug}")

    assert _titles(by_theme) == {cards["lyon_a1_ei"].title}
    assert cards["lyon_a1_ei"].title in _titles(by_programme)
    assert _facet(by_theme, "theme") == {theme.slug: 1}


def test_sorting_by_title_or_recency(client, cards):
    by_title = [c.title for c in client.get(f"{URL}?tri=titre").context["search"].page]
    recent = client.get(f"{URL}?tri=recent").context["search"]

    assert by_title == sorted(by_title)
    assert recent.sort == "recent"
    assert client.get(f"{URL}?tri=pertinence").context["search"].sort == "titre"


def test_departements_without_cards_are_not_listed(client, cards):
    response = client.get(f"{URL}?departement=75")

    assert _facet(response, "departement") == {"35": 2, "59": 1, "69": 1, "75": 0}
    page = response.content.decode()
    assert 'value="75" id="f-departement-75" checked disabled' not in page
    assert 'value="75" id="f-departement-75" checked' in page
    assert 'id="f-departement-01"' not in page


def test_results_leave_the_long_texts_in_the_database(client, cards):
    """A result shows its title, porteur, territory and summary: the story, the other
    long texts and the search vector are not fetched for it."""
    response = client.get(URL, {"q": "clauses"})

    found = response.context["search"].page[0]
    assert {"context", "actions", "results", "search_vector"} <= found.get_deferred_fields()


@pytest.mark.parametrize("query", [{"debut": "²⁰¹⁰"}, {"fin": "２０１０"}, {"page": "²"}])
def test_unicode_digits_are_reported_not_a_500(client, cards, query):
    response = client.get(URL, query)

    assert response.status_code == 200
    assert response.context["search"].errors
