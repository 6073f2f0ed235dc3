"""Name look-ups: accent-free and typo-tolerant, for autocompletes."""

import pytest
from django.urls import reverse

from portal.lookups import LIMIT, lookup
from tests import factories
from vita.roles import MEMBRE

pytestmark = pytest.mark.django_db
URL = reverse("name_lookup")


def _labels(response):
    return [result["label"] for result in response.json()["resultats"]]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("isere", "Isère (38)"),
        ("ISÈRE", "Isère (38)"),
        ("cotes-d'armor", "Côtes-d'Armor (22)"),
        ("bretagn", "Bretagne (région)"),
    ],
)
def test_territories_are_found_without_accents_and_with_typos(client, typed, expected):
    response = client.get(URL, {"type": "territoire", "q": typed})

    assert response.status_code == 200
    assert expected in _labels(response)


def test_a_territory_leads_to_its_cards(client):
    response = client.get(URL, {"type": "territoire", "q": "isère"})

    result = next(r for r in response.json()["resultats"] if r["value"] == "38")
    assert result["url"] == "/experiences/?departement=38"


def test_organisations_are_found_by_a_misspelt_name_or_acronym(client):
    organisation = factories.OrganisationFactory(name="Groupe ISACTYS", acronym="")
    factories.OrganisationFactory(name="Entraide du bassin d'emploi", acronym="EBE")

    assert "Groupe ISACTYS" in _labels(client.get(URL, {"type": "structure", "q": "isactis"}))
    assert _labels(client.get(URL, {"type": "structure", "q": "ebe"}))[0].startswith("Entraide")
    found = client.get(URL, {"type": "structure", "q": "isactys"}).json()["resultats"][0]
    assert found["url"] == organisation.get_absolute_url()


def test_people_are_for_members_only(client):
    factories.PersonFactory(first_name="Hélène", last_name="Ménard")

    assert client.get(URL, {"type": "personne", "q": "menard"}).status_code == 403
    client.force_login(factories.UserFactory(groups=[MEMBRE]))
    assert "Hélène Ménard" in _labels(client.get(URL, {"type": "personne", "q": "menard"}))


def test_bad_requests_get_a_french_message(client):
    response = client.get(URL, {"type": "inconnu", "q": "x"})

    assert response.status_code == 400
    assert response.json() == {"erreur": "Type de recherche inconnu."}
    assert _labels(client.get(URL, {"type": "structure", "q": "a"})) == []


def test_the_admin_autocomplete_finds_names_without_accents(client, admin_user):
    client.force_login(admin_user)

    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "organisations", "model_name": "organisation", "field_name": "departement",
         "term": "isere"},
    )  # fmt: skip

    assert [result["text"] for result in response.json()["results"]] == ["Isère (38)"]


def test_htmx_gets_links_to_the_filtered_list(client):
    response = client.get(URL, {"type": "territoire", "q": "isere"}, headers={"HX-Request": "true"})

    assert '<a href="/experiences/?departement=38">Isère (38)</a>' in response.content.decode()


# Towns and pre-2016 régions -----------------------------------------------------


def _territories(client, typed):
    response = client.get(URL, {"type": "territoire", "q": typed})
    assert response.status_code == 200
    return response.json()["resultats"]


def test_a_town_leads_to_its_departement_and_region(client):
    rennes = _territories(client, "Rennes")[0]

    assert rennes["label"] == "Rennes → Ille-et-Vilaine (35), Bretagne"
    assert rennes["value"] == "35238"
    assert rennes["url"] == "/experiences/?departement=35"
    assert [link["url"] for link in rennes["links"]] == [
        "/experiences/?departement=35",
        "/experiences/?region=53",
    ]


def test_every_town_of_a_name_is_listed_with_its_departement_the_exact_name_first(client):
    labels = [result["label"] for result in _territories(client, "Saint-Denis")]

    homonyms = [label for label in labels if label.startswith("Saint-Denis → ")]
    assert homonyms == [
        "Saint-Denis → La Réunion (974)",  # the most populous first
        "Saint-Denis → Seine-Saint-Denis (93), Île-de-France",
        "Saint-Denis → Aude (11), Occitanie",
        "Saint-Denis → Gard (30), Occitanie",
    ]
    assert labels[:4] == homonyms
    assert labels[4].startswith("Saint-Denis-")  # then the names that start with it
    assert len(labels) == 10


@pytest.mark.parametrize("typed", ["saint etienne", "SAINT-ETIENNE", "St Étienne", "saint-étienne"])
def test_towns_are_found_whatever_the_accents_case_and_hyphens(client, typed):
    first = _territories(client, typed)[0]

    assert first["label"] == "Saint-Étienne → Loire (42), Auvergne-Rhône-Alpes"


@pytest.mark.parametrize(
    ("typed", "codes"),
    [
        ("nord-pas-de-calais", ["59", "62"]),
        ("Rhône-Alpes", ["01", "07", "26", "38", "42", "69", "73", "74"]),
        ("Limousin", ["19", "23", "87"]),
    ],
)
def test_a_former_region_leads_to_its_departements(client, typed, codes):
    former = _territories(client, typed)[0]

    assert former["kind"] == "ancienne_region"
    assert former["label"].startswith(f"{former['name']} → ")
    assert former["url"] == "/experiences/?" + "&".join(f"departement={code}" for code in codes)
    assert [link["url"] for link in former["links"]] == [
        f"/experiences/?departement={code}" for code in codes
    ]


def test_a_former_region_links_to_cards_of_its_departements(client):
    card = factories.ExperienceCardFactory(departements=["62"])
    factories.ExperienceCardFactory(departements=["35"])

    former = _territories(client, "Nord-Pas-de-Calais")[0]
    page = client.get(former["url"]).content.decode()

    assert card.title in page
    assert "1 fiche" in page


def test_a_former_region_unchanged_by_the_reform_is_found_once(client):
    labels = [result["label"] for result in _territories(client, "Bretagne")]

    assert labels[0] == "Bretagne (région)"
    assert not any("ancienne région" in label for label in labels)


def test_an_unknown_name_gets_a_french_message(client):
    response = client.get(URL, {"type": "territoire", "q": "Zzyzx"})
    assert response.json() == {
        "resultats": [],
        "message": "Aucun territoire ne correspond à « Zzyzx » : essayez une commune, "
        "un département ou une région.",
    }

    page = client.get(URL, {"type": "territoire", "q": "Zzyzx"}, headers={"HX-Request": "true"})
    assert "Aucun territoire ne correspond à « Zzyzx »" in page.content.decode()


@pytest.mark.parametrize("typed", ["", "r", " - ", "'-"])
def test_too_little_typed_says_nothing(client, typed):
    response = client.get(URL, {"type": "territoire", "q": typed}, headers={"HX-Request": "true"})

    assert response.status_code == 200
    assert "Aucun" not in response.content.decode()


def test_htmx_gets_a_town_with_links_to_its_departement_and_region(client):
    response = client.get(
        URL, {"type": "territoire", "q": "rennes"}, headers={"HX-Request": "true"}
    )

    assert (
        '<li>Rennes → <a href="/experiences/?departement=35">Ille-et-Vilaine (35)</a>, '
        '<a href="/experiences/?region=53">Bretagne</a></li>'
    ) in response.content.decode()


def test_the_territory_lookup_is_one_query_per_kind(django_assert_num_queries):
    # Régions, départements, pre-2016 régions, communes: never a query per result.
    with django_assert_num_queries(4):
        assert len(lookup("territoire", "saint", may_see_people=False)) == LIMIT
