"""The library: its faceted list, a resource's page, and « Demander ce document »."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from resources.models import AccessLevel, Availability, ResourceKind
from tests import factories, files
from tests.html import count_tags
from vita.files import FileFormat
from vita.models import PublicationStatus
from vita.roles import ANIMATEUR, MEMBRE

pytestmark = pytest.mark.django_db
URL = reverse("resources:library")


@pytest.fixture
def library():
    guides = factories.CollectionFactory(name="Guides du réseau", slug="guides")
    group = factories.WorkingGroupFactory(code="A2")
    theme = factories.ThemeFactory(name="Mobilité", slug="mobilite")
    made = {
        "guide_pdf": factories.ResourceFactory(
            title="Guide de la mobilité solidaire", collection=guides, year=2010,
            description="Garages et auto-écoles solidaires.",
        ),
        "modele_docx": factories.ResourceFactory(
            title="Modèle de fiche expérience", kind=ResourceKind.MODELE_FICHE, year=2024,
        ),
        "lettre_membres": factories.ResourceFactory(
            title="Lettre des adhérents", kind=ResourceKind.LETTRE, year=2010,
            access_level=AccessLevel.MEMBERS,
        ),
        "brouillon": factories.ResourceFactory(title="Brouillon", status=PublicationStatus.DRAFT),
    }  # fmt: skip
    made["guide_pdf"].file = files.upload("guide.pdf", files.PDF)
    made["guide_pdf"].save()
    made["modele_docx"].file = files.upload("modele.docx", files.docx_bytes())
    made["modele_docx"].save()
    made["guide_pdf"].working_groups.add(group)
    made["guide_pdf"].themes.add(theme)
    return made


def _facet(response, name):
    facet = next(f for f in response.context["search"].facets if f.name == name)
    return {option.value: option.count for option in facet.options}


def _titles(response):
    return [resource.title for resource in response.context["search"].page]


def test_the_list_shows_published_resources_only(client, library):
    response = client.get(URL)

    assert _titles(response) == [
        "Guide de la mobilité solidaire", "Lettre des adhérents", "Modèle de fiche expérience",
    ]  # fmt: skip
    assert count_tags(response.content, "h1") == 1


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"type": "guide"}, ["Guide de la mobilité solidaire"]),
        ({"type": ["guide", "lettre"]}, ["Guide de la mobilité solidaire", "Lettre des adhérents"]),
        ({"collection": "guides"}, ["Guide de la mobilité solidaire"]),
        ({"groupe": "A2"}, ["Guide de la mobilité solidaire"]),
        ({"theme": "mobilite"}, ["Guide de la mobilité solidaire"]),
        ({"annee": "2010", "acces": "adherents"}, ["Lettre des adhérents"]),
        ({"format": "docx"}, ["Modèle de fiche expérience"]),
        ({"q": "garages"}, ["Guide de la mobilité solidaire"]),
        ({"q": "modèles"}, ["Modèle de fiche expérience"]),
    ],
)
def test_each_facet_and_the_search_filter(client, library, query, expected):
    assert _titles(client.get(URL, query)) == expected


def test_counts_apply_the_other_facets_but_not_their_own(client, library):
    response = client.get(URL, {"annee": "2010", "type": "guide"})

    assert _facet(response, "type")["guide"] == 1
    assert _facet(response, "type")["lettre"] == 1
    assert _facet(response, "annee") == {"2010": 1}  # only years with resources are listed
    assert _facet(response, "format")[FileFormat.PDF] == 1
    assert _facet(response, "acces") == {"public": 1, "adherents": 0, "restreint": 0}


def test_invalid_values_are_reported_in_french(client, library):
    response = client.get(URL, {"type": "roman", "annee": "1850", "page": "x"})

    assert response.status_code == 200
    assert response.context["search"].errors == [
        "« roman » n'est pas un type de ressource connu : ce filtre est ignoré.",
        "« 1850 » n'est pas une année de la bibliothèque : ce filtre est ignoré.",
        "« x » n'est pas un numéro de page : page 1.",
    ]
    assert len(_titles(response)) == 3


@pytest.mark.parametrize("page", ["²", "-1", "0", "1e3", "١"])
def test_odd_page_numbers_are_reported_not_a_500(client, library, page):
    response = client.get(URL, {"page": page})

    assert response.status_code == 200
    assert response.context["search"].errors == [
        f"« {page} » n'est pas un numéro de page : page 1."
    ]


def test_results_state_format_size_and_access(client, library):
    page = client.get(URL).content.decode()

    assert "PDF · " in page and "DOCX · " in page
    assert "Réservé aux adhérents" in page


def test_htmx_gets_the_search_block_alone(client, library):
    response = client.get(URL, {"type": "guide"}, headers={"HX-Request": "true"})

    assert count_tags(response.content, "h1") == 0
    assert "HX-Request" in response["Vary"]
    assert 'id="recherche"' in response.content.decode()


def test_sorting(client, library):
    assert _titles(client.get(URL, {"tri": "recent"}))[0] == "Modèle de fiche expérience"
    library["lettre_membres"].download_count = 9
    library["lettre_membres"].save()
    assert _titles(client.get(URL, {"tri": "telechargements"}))[0] == "Lettre des adhérents"


def test_the_query_count_does_not_grow_with_the_results(client, library):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            client.get(URL)
        return len(captured.captured_queries)

    before = queries()
    factories.ResourceFactory.create_batch(5, collection=library["guide_pdf"].collection)
    assert queries() == before


# -- a resource's page -------------------------------------------------------------------


def test_a_resource_page_shows_its_metadata_and_download_button(client, library):
    resource = library["guide_pdf"]
    resource.publisher = factories.OrganisationFactory(name="COORACE")
    resource.version_label = "2e édition"
    resource.save()
    resource.author_organisations.add(factories.OrganisationFactory(name="AIRE 35"))

    response = client.get(reverse("resources:resource", args=[resource.slug]))

    page = response.content.decode()
    assert count_tags(response.content, "h1") == 1
    for text in ["COORACE", "AIRE 35", "2e édition", "Guides du réseau", "2010", "Mobilité"]:
        assert text in page
    assert reverse("resources:download", args=[resource.slug]) in page
    assert f'Télécharger <span class="download__format">(PDF, {len(files.PDF)}\xa0octets)' in page
    assert reverse("workgroups:detail", args=["A2"]) in page


def test_a_reserved_document_asks_anonymous_readers_to_log_in(client, library):
    resource = library["lettre_membres"]
    resource.file = files.upload("lettre.pdf", files.PDF)
    resource.save()
    url = reverse("resources:resource", args=[resource.slug])
    download = reverse("resources:download", args=[resource.slug])

    assert f"{reverse('login')}?next={download}" in client.get(url).content.decode()
    client.force_login(factories.UserFactory(groups=[MEMBRE]))
    assert f'href="{download}"' in client.get(url).content.decode()


def test_the_cards_and_fiches_of_a_resource(client):
    resource = factories.ResourceFactory(title="Recueil VITA")
    citing = factories.ExperienceCardFactory(title="Une carte qui le cite")
    factories.CardToolFactory(card=citing, resource=resource)
    factories.ExperienceCardFactory(title="Une carte qui la lie").resources.add(resource)
    factories.ExperienceCardFactory(title="Une carte tirée du recueil", source_resource=resource)
    factories.ExperienceCardFactory(
        title="Un brouillon", source_resource=resource, status=PublicationStatus.DRAFT
    )

    page = client.get(reverse("resources:resource", args=[resource.slug])).content.decode()

    assert "Une carte qui le cite" in page and "Une carte tirée du recueil" in page
    assert "Une carte qui la lie" in page
    assert "Un brouillon" not in page


def test_a_fiche_resource_links_to_the_manual_and_its_citing_fiches(client):
    fiche = factories.FicheFactory(code="I-A-1")
    source = factories.FicheFactory(code="II-B-2")
    factories.FicheLinkFactory(source=source, target=fiche)

    page = client.get(reverse("resources:resource", args=[fiche.resource.slug])).content.decode()

    assert reverse("resources:fiche", args=["I-A-1"]) in page
    assert reverse("resources:fiche", args=["II-B-2"]) in page


def test_unpublished_resources_have_no_page(client, library):
    url = reverse("resources:resource", args=[library["brouillon"].slug])

    assert client.get(url).status_code == 404


# -- « Demander ce document » ------------------------------------------------------------


@pytest.fixture
def on_request():
    cache.clear()  # the rate limits count in the cache
    factories.UserFactory(username="animatrice", email="animatrice@coorace.org",
                          groups=[ANIMATEUR])  # fmt: skip
    return factories.ResourceFactory(
        title="Guide des achats responsables", availability=Availability.ON_REQUEST
    )


def _ask(client, resource, **fields):
    data = {"name": "Jeanne Martin", "email": "jeanne@siae.fr", "organisation": "AIRE"} | fields
    return client.post(reverse("resources:request", args=[resource.slug]), data)


def test_a_document_on_request_can_be_asked_for(client, on_request, mailoutbox):
    page = client.get(reverse("resources:resource", args=[on_request.slug])).content.decode()
    assert "Demander ce document" in page

    response = _ask(client, on_request, message="Pour notre atelier.")

    assert response.status_code == 302
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["animatrice@coorace.org"] and mail.reply_to == ["jeanne@siae.fr"]
    assert "Guide des achats responsables" in mail.subject and "Pour notre atelier." in mail.body
    followed = client.get(response["Location"]).content.decode()
    assert "Votre demande est envoyée" in followed


def test_an_invalid_request_says_what_is_wrong_and_sends_nothing(client, on_request, mailoutbox):
    response = _ask(client, on_request, name="", email="pas-une-adresse")

    page = response.content.decode()
    assert "Ce champ est obligatoire." in page
    assert "Saisissez une adresse e-mail valide." in page
    assert mailoutbox == []


def test_a_robot_filling_the_honeypot_is_told_yes_and_nothing_is_sent(
    client, on_request, mailoutbox
):
    response = _ask(client, on_request, website="http://spam.example")

    assert response.status_code == 302
    assert mailoutbox == []


def test_requests_are_rate_limited_per_address(client, on_request, mailoutbox, settings):
    settings.PUBLIC_FORM_RATE = "2/h"

    statuses = [_ask(client, on_request, email=f"p{n}@siae.fr").status_code for n in range(3)]

    assert statuses == [302, 302, 429]
    assert len(mailoutbox) == 2


def test_requests_are_rate_limited_per_email(client, on_request, mailoutbox, settings):
    settings.PUBLIC_FORM_RATE = "2/h"

    for n in range(2):
        _ask(client, on_request, REMOTE_ADDR=f"10.0.0.{n}")
    response = client.post(
        reverse("resources:request", args=[on_request.slug]),
        {"name": "Jeanne", "email": "JEANNE@siae.fr"},
        REMOTE_ADDR="10.0.0.9",
    )

    assert response.status_code == 429
    assert "Trop de demandes" in response.content.decode()


def test_only_documents_on_request_take_requests(client, library, mailoutbox):
    response = _ask(client, library["guide_pdf"])

    assert response.status_code == 404
    assert mailoutbox == []
