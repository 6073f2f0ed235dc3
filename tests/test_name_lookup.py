"""Name look-ups: accent-free and typo-tolerant, for autocompletes."""

import pytest
from django.urls import reverse

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
