"""Clean, French addresses: slugs of whole words, no empty parameter, French codes, and the
old addresses answering 301 to the new ones."""

import pytest
from django.urls import reverse

from resources.models import AccessLevel
from tests import factories
from vita.slugs import free_slug, slug_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Mise en œuvre de la clause", "mise-en-oeuvre-de-la-clause"),
        ("L'AGORA du Ternois", "l-agora-du-ternois"),
        ("Cœur d’Æther", "coeur-d-aether"),
        ("Construction d’une légitimité d’intervention dans la mise en œuvre de la clause",
         "construction-d-une-legitimite-d-intervention-dans-la-mise-en-oeuvre-de-la"),
    ],
)  # fmt: skip
def test_a_slug_is_made_of_whole_words(title, slug):
    assert slug_of(title, 75) == slug
    assert len(slug_of(title, 75)) <= 75


def test_a_new_record_gets_a_slug_of_whole_words():
    assert free_slug(factories.ExperienceCardFactory._meta.model, "Mise en œuvre", 80) == (
        "mise-en-oeuvre"
    )


def test_an_address_with_empty_parameters_answers_301_to_its_clean_form(client):
    url = reverse("experiences:list")

    response = client.get(url, {"q": "", "region": "53", "debut": "", "fin": ""})

    assert response.status_code == 301
    assert response["Location"] == f"{url}?region=53"
    assert client.get(url, {"q": " "})["Location"] == url
    assert client.get(url, {"region": "53"}).status_code == 200


def test_htmx_requests_are_not_redirected(client):
    response = client.get(
        reverse("experiences:list"), {"q": "", "region": "53"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200


def test_the_library_speaks_french_and_its_old_access_codes_answer_301(client):
    factories.ResourceFactory(title="Lettre des adhérents", access_level=AccessLevel.MEMBERS)
    url = reverse("resources:library")

    assert AccessLevel.MEMBERS == "adherents" and AccessLevel.RESTRICTED == "restreint"
    old = client.get(url, {"acces": ["members", "restricted"], "type": "lettre"})
    assert old.status_code == 301
    assert old["Location"] == f"{url}?acces=adherents&acces=restreint&type=lettre"
    page = client.get(url).content.decode()
    assert 'name="acces" value="adherents"' in page
