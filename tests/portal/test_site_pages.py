"""The footer's pages, written by the animators, and « mis à jour le » on content pages."""

import pytest
from django.urls import resolve, reverse
from django.utils.html import escape

from portal import personal_data
from portal.models import SITE_PAGES, SitePage
from portal.site_pages import create_missing_site_pages
from tests import factories
from tests.html import forms_and_links
from tests.public_pages import public_page_urls, public_site
from vita.roles import ANIMATEUR

pytestmark = pytest.mark.django_db


def test_the_footer_links_to_the_four_pages_and_each_answers(client):
    home = client.get("/").content.decode()

    for slug, title in SITE_PAGES.items():
        url = reverse("site_page", args=[slug])
        assert f'href="{url}"' in home
        page = client.get(url)
        assert page.status_code == 200
        assert f"<h1>{title}</h1>" in page.content.decode()
        assert "Mis à jour le" in page.content.decode()
    assert "Accessibilité : non conforme" in home  # the RGAA's wording of the state


def test_the_accessibility_page_is_a_declaration_in_the_rgaa_form(client):
    page = client.get("/accessibilite/").content.decode()

    for heading in ["État de conformité", "Résultats des tests", "Contenus non accessibles",
                    "Retour d'information et contact", "Voies de recours"]:  # fmt: skip
        assert f">{heading}</h2>" in page
    assert "axe-core" in page and "Défenseur des droits" in page


def test_an_animator_rewrites_a_page_but_cannot_add_or_delete_one(client):
    client.force_login(factories.UserFactory(is_staff=True, groups=[ANIMATEUR]))
    page = SitePage.objects.get(slug="contact")
    change = reverse("admin:portal_sitepage_change", args=[page.pk])

    response = client.post(change, {"title": "Nous écrire", "body": "Écrivez à **l'équipe**."})

    assert response.status_code == 302
    shown = client.get("/contact/").content.decode()
    assert "<h1>Nous écrire</h1>" in shown and "<strong>l'équipe</strong>" in shown
    assert client.get(reverse("admin:portal_sitepage_add")).status_code == 403
    assert client.get(reverse("admin:portal_sitepage_delete", args=[page.pk])).status_code == 403
    assert page.history.filter(history_user__isnull=False).count() == 1


def test_migrate_creates_missing_pages_and_never_rewrites_an_animators_text():
    SitePage.objects.filter(slug="contact").update(body="Le texte de l'animatrice.")
    SitePage.objects.filter(slug="accessibilite").delete()

    assert create_missing_site_pages() == 1
    assert SitePage.objects.get(slug="contact").body == "Le texte de l'animatrice."
    assert "RGAA" in SitePage.objects.get(slug="accessibilite").body


def test_every_form_of_the_public_pages_is_on_the_personal_data_page(client):
    """« Données personnelles » stays true as forms are added: a page's POST form whose view
    is missing from portal.personal_data fails here."""
    client.force_login(factories.UserFactory())  # the logout form too
    receivers = set()
    for url in public_page_urls(public_site()).values():
        response = client.get(url, follow=True)
        forms, _ = forms_and_links(response.content)
        for form in forms:
            if form.method == "post":
                action = form.action or response.request["PATH_INFO"]
                receivers.add(resolve(action).view_name)

    assert {"experiences:propose", "experiences:report", "resources:request", "logout"} <= receivers
    assert [name for name in receivers if personal_data.record_for(name) is None] == []
    page = client.get("/donnees-personnelles/").content.decode()
    for form in personal_data.FORMS:
        assert f"<h3>{escape(form.name)}</h3>" in page


@pytest.mark.parametrize("kind", ["card", "group", "organisation", "resource", "programme"])
def test_a_page_is_updated_when_a_person_edits_it_not_when_it_is_imported(client, kind):
    from django.contrib.contenttypes.models import ContentType

    from sources.models import ImportedRecord

    record = {
        "card": factories.ExperienceCardFactory,
        "group": factories.WorkingGroupFactory,
        "organisation": factories.OrganisationFactory,
        "resource": factories.ResourceFactory,
        "programme": factories.ProgrammeFactory,
    }[kind]()
    ImportedRecord.objects.create(
        document="000",
        content_type=ContentType.objects.get_for_model(record),
        key=f"{kind}-1",
        object_id=record.pk,
    )

    page = client.get(record.get_absolute_url()).content.decode()
    assert "Texte tel que publié dans le document de 2008" in page
    assert "Mis à jour le" not in page

    record._history_user = factories.UserFactory()
    record.save()
    page = client.get(record.get_absolute_url()).content.decode()
    assert "Mis à jour le" in page and "document de 2008" not in page


def test_a_card_is_updated_when_a_person_edits_it(client):
    card = factories.ExperienceCardFactory()

    assert "Mis à jour le" not in client.get(card.get_absolute_url()).content.decode()

    card.title = card.title + " (corrigé)"
    card._history_user = factories.UserFactory()
    card.save()
    page = client.get(card.get_absolute_url()).content.decode()
    assert "Mis à jour le" in page


def test_pages_are_compressed_and_files_are_not(client, rf):
    from django.http import HttpResponse

    from vita.middleware import TextGZipMiddleware

    page = client.get("/mentions-legales/", headers={"accept-encoding": "gzip"})
    assert page["Content-Encoding"] == "gzip"

    pdf = HttpResponse(b"%PDF-1.7 " * 100, content_type="application/pdf")
    middleware = TextGZipMiddleware(lambda request: pdf)
    response = middleware(rf.get("/", headers={"accept-encoding": "gzip"}))
    assert not response.has_header("Content-Encoding")
