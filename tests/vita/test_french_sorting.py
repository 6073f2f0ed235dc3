"""French alphabetical order on every sorted list, on both paths of `vita.sorting`: the ICU
collation where the server has it (the CI server), the accent-free key where it has not
(the embedded server; forced here on the same server, so CI runs both)."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from organisations.models import Organisation, Person
from territories.models import Region
from tests import factories
from vita import sorting
from vita.search import matching_names

pytestmark = pytest.mark.django_db

# In French order: accents and case aside, leading quotes and guillemets skipped, « œ »
# spelt « oe ». Byte order would put « "Moteur" » first and « Égalité », « Étude »,
# « Œuvrer », « « Accompagner » » after « Zoo ».
FRENCH_ORDER = [
    "Accompagnement vers l'emploi",
    "« Accompagner » les salariés",
    "Décloisonnement des dispositifs",
    "Diagnostic territorial",
    "Economie solidaire",
    "Égalité des chances",
    "emploi des jeunes",
    "Étude de faisabilité",
    '"Moteur" de l\'action',
    "Œuvrer ensemble",
    "Zoo des métiers",
]
ICU_SQL = f'COLLATE "{sorting.FRENCH_COLLATION}"'


def shuffled(items):
    items = list(items)
    random.Random(20).shuffle(items)  # noqa: S311 - a reproducible order, not a secret
    return items


@pytest.fixture(params=["icu", "plain"])
def sort_path(request, monkeypatch):
    """Each test runs with the ICU collation (skipped where the server has none, as the
    embedded one) and with the accent-free key, forced by the capability check."""
    if request.param == "icu":
        if not sorting.has_french_collation(connection):
            pytest.skip(f"this server has no {sorting.FRENCH_COLLATION} collation")
    else:
        monkeypatch.setattr(sorting, "has_french_collation", lambda connection: False)
    return request.param


@pytest.fixture
def sorted_sql(sort_path):
    """Checks the queries of a block sorted with the chosen path's SQL."""

    class Check(CaptureQueriesContext):
        def __exit__(self, *exc):
            super().__exit__(*exc)
            sql = " ".join(query["sql"] for query in self.captured_queries)
            assert "regexp_replace" in sql
            assert (ICU_SQL in sql) == (sort_path == "icu")
            assert ("unaccent" in sql) == (sort_path == "plain")

    return Check(connection)


def test_the_experience_list_sorts_titles_in_french_order(client, sorted_sql):
    for title in shuffled(FRENCH_ORDER):
        factories.ExperienceCardFactory(title=title)
    with sorted_sql:
        response = client.get(reverse("experiences:list"), {"tri": "titre"})
    assert [card.title for card in response.context["search"].page] == FRENCH_ORDER


def test_the_experience_list_facets_list_regions_and_themes_in_french_order(client, sorted_sql):
    for name in shuffled(FRENCH_ORDER):
        factories.ThemeFactory(name=name)
    with sorted_sql:
        response = client.get(reverse("experiences:list"))
    facets = {
        facet.name: [o.label for o in facet.options] for facet in response.context["search"].facets
    }
    assert facets["theme"] == FRENCH_ORDER
    regions = facets["region"]
    assert regions == sorted(regions, key=sorting.french_sort_key)
    # Byte order put « Île-de-France » after « Provence-Alpes-Côte d'Azur ».
    assert regions.index("Hauts-de-France") + 1 == regions.index("Île-de-France")


def test_the_organisation_list_sorts_names_in_french_order(client, sorted_sql):
    for name in shuffled(FRENCH_ORDER):
        factories.OrganisationFactory(name=name)
    with sorted_sql:
        response = client.get(reverse("organisations:list"))
    assert [org.name for org in response.context["page"]] == FRENCH_ORDER


@pytest.mark.parametrize("sort", ["titre", "recent", "telechargements"])
def test_the_library_sorts_titles_in_french_order(client, sorted_sql, sort):
    """By title, and by title within a year or a number of downloads."""
    for title in shuffled(FRENCH_ORDER):
        factories.ResourceFactory(title=title, year=2010)
    with sorted_sql:
        response = client.get(reverse("resources:library"), {"tri": sort})
    assert [resource.title for resource in response.context["search"].page] == FRENCH_ORDER


def test_the_manual_keyword_index_is_in_french_order(client, sorted_sql):
    fiche = factories.FicheFactory()
    for name in shuffled(FRENCH_ORDER):
        factories.KeywordEntryFactory(keyword=factories.KeywordFactory(name=name), fiche=fiche)
    with sorted_sql:
        response = client.get(reverse("resources:keywords"))
    names = [keyword.name for keyword in response.context["keywords"]]
    assert names == FRENCH_ORDER
    page = response.content.decode()
    assert page.index("Égalité des chances") < page.index("emploi des jeunes")


def test_working_groups_list_programmes_of_a_year_in_french_order(client, sorted_sql):
    for name in shuffled(FRENCH_ORDER):
        factories.ProgrammeFactory(name=name, start_year=2008)
    with sorted_sql:
        response = client.get(reverse("workgroups:list"))
    assert [programme.name for programme in response.context["programmes"]] == FRENCH_ORDER


def test_a_working_group_page_lists_its_cards_in_french_order(client, sorted_sql):
    group = factories.WorkingGroupFactory(code="A2")
    for title in shuffled(FRENCH_ORDER):
        factories.CardListingFactory(
            card=factories.ExperienceCardFactory(title=title), working_group=group, position=1
        )
    with sorted_sql:
        response = client.get(reverse("workgroups:detail", args=["A2"]))
    assert [card.title for card in response.context["cards"]] == FRENCH_ORDER


def test_default_orderings_are_french(sorted_sql):
    """What follows a model's default order (admin lists, selects, related rows)."""
    for name in shuffled(FRENCH_ORDER):
        factories.PersonFactory(last_name=name)
    with sorted_sql:
        regions = list(Region.objects.values_list("name", flat=True))
        people = list(Person.objects.values_list("last_name", flat=True))
    assert regions == sorted(regions, key=sorting.french_sort_key)
    assert people == FRENCH_ORDER


def test_the_admin_lists_organisations_in_french_order(admin_client, sorted_sql):
    for name in shuffled(FRENCH_ORDER):
        factories.OrganisationFactory(name=name)
    with sorted_sql:
        response = admin_client.get(reverse("admin:organisations_organisation_changelist"))
    assert [org.name for org in response.context["cl"].result_list] == FRENCH_ORDER


@pytest.mark.parametrize("column", ["1", "-1"], ids=["nom", "nom-décroissant"])
def test_a_clicked_text_column_of_the_admin_sorts_in_french_order(admin_client, sorted_sql, column):
    for name in shuffled(FRENCH_ORDER):
        factories.OrganisationFactory(name=name)
        factories.PersonFactory(last_name=name)
    with sorted_sql:
        organisations = admin_client.get(
            reverse("admin:organisations_organisation_changelist"), {"o": column}
        )
        people = admin_client.get(reverse("admin:organisations_person_changelist"), {"o": column})
    expected = FRENCH_ORDER if column == "1" else FRENCH_ORDER[::-1]
    listed = [org.name for org in organisations.context["cl"].result_list]
    assert [name for name in listed if name in FRENCH_ORDER] == expected  # people's too
    assert [person.last_name for person in people.context["cl"].result_list] == expected


def test_the_name_lookup_breaks_ties_in_french_order(sorted_sql):
    """Names as close to the typed word and as long: the quote no longer comes first."""
    factories.OrganisationFactory(name='"Zèbre" coop')
    factories.OrganisationFactory(name="Abeille coop")
    with sorted_sql:
        found = list(matching_names(Organisation.objects.all(), "coop"))
    assert [org.name for org in found] == ["Abeille coop", '"Zèbre" coop']


def test_python_sorts_follow_the_same_order():
    assert sorted(shuffled(FRENCH_ORDER), key=sorting.french_sort_key) == FRENCH_ORDER
    assert sorting.french_sort_key("« Œuvre »") == "oeuvre »"


def test_the_server_is_asked_once():
    """The capability is known from the connection's opening: sorting asks nothing more."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT EXISTS (SELECT 1 FROM pg_collation WHERE collname = %s)",
            [sorting.FRENCH_COLLATION],
        )
        expected = cursor.fetchone()[0]
    with CaptureQueriesContext(connection) as queries:
        assert sorting.has_french_collation(connection) is expected
        list(Region.objects.all())
    assert len(queries) == 1
