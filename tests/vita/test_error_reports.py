"""« Signaler une erreur » on a card, a working group and a fiche of the manual: a short
form of its own page, a point for the animators, a confirmation back on the record."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from resources.models import Fiche
from tests import factories
from tests.html import count_tags, parse
from vita.models import PublicationStatus, ReviewPoint
from vita.roles import ANIMATEUR

pytestmark = pytest.mark.django_db

REPORT = {"what": "Le porteur a changé de nom en 2012.", "where": "Porteur"}


@pytest.fixture(autouse=True)
def setup(db):
    cache.clear()  # the rate limits count in the cache
    factories.UserFactory(username="animatrice", email="animatrice@coorace.org",
                          groups=[ANIMATEUR])  # fmt: skip


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs what waits for the transaction's commit (the e-mail), as in production."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def _card():
    return factories.ExperienceCardFactory(title="Une régie de quartier à Rennes")


def _group():
    return factories.WorkingGroupFactory(code="T9", name="Alliances stratégiques")


def _fiche():
    return factories.FicheFactory(code="I-C-2-b", resource__title="Coopérer sur un territoire")


# What each page is: its record, its public page and its report page.
KINDS = {
    "card": (_card, lambda card: reverse("experiences:report", args=[card.slug])),
    "group": (_group, lambda group: reverse("workgroups:report", args=[group.code])),
    "fiche": (_fiche, lambda fiche: reverse("resources:report_fiche", args=[fiche.code])),
}


@pytest.fixture(params=KINDS, ids=str)
def record_and_url(request):
    make, report_url = KINDS[request.param]
    record = make()
    return record, report_url(record)


def test_report_urls_are_the_records_own_with_signaler():
    assert reverse("experiences:report", args=["une-fiche"]) == "/experiences/une-fiche/signaler/"
    assert reverse("workgroups:report", args=["A2"]) == "/groupes/A2/signaler/"
    assert reverse("resources:report_fiche", args=["I-C-2-b"]) == "/manuel/I-C-2-b/signaler/"


def test_each_page_links_to_its_report_form(client, record_and_url):
    record, url = record_and_url

    page = client.get(record.get_absolute_url())

    assert page.status_code == 200
    links = [a.get("href") for a in parse(page.content).attributes["a"]]
    assert url in links


def test_the_form_is_an_accessible_french_page(client, record_and_url):
    record, url = record_and_url

    response = client.get(url)

    assert response.status_code == 200
    page = response.content.decode()
    assert count_tags(page, "h1") == 1
    assert "<h1>Signaler une erreur</h1>" in page
    assert str(record.get_absolute_url()) in page  # back to the record
    parsed = parse(page)
    labelled = {label.get("for") for label in parsed.attributes["label"]}
    assert {"id_what", "id_where", "id_email"} <= labelled
    textarea = parsed.attributes["textarea"][0]
    assert textarea["name"] == "what" and "required" in textarea


def test_a_report_is_stored_on_its_record_and_confirmed(
    client, record_and_url, mailoutbox, committed
):
    record, url = record_and_url

    with committed():
        response = client.post(url, {**REPORT, "email": "lectrice@example.org"})

    assert response.status_code == 302
    assert response["Location"] == record.get_absolute_url()
    point = ReviewPoint.objects.get()
    assert point.record == record
    assert (point.origin, point.status) == ("report", "open")
    assert (point.what, point.where, point.email) == (
        REPORT["what"], "Porteur", "lectrice@example.org"
    )  # fmt: skip
    assert point.document == "" and point.closed_at is None
    confirmation = client.get(response["Location"]).content.decode()
    assert "Merci : votre signalement est transmis aux animateurs" in confirmation
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert mail.to == ["animatrice@coorace.org"] and mail.reply_to == ["lectrice@example.org"]
    assert mail.subject.startswith("[VITA] Signalement : ")
    assert REPORT["what"] in mail.body
    assert reverse("admin:vita_reviewpoint_change", args=[point.pk]) in mail.body


def test_where_and_email_are_optional(client, record_and_url):
    _, url = record_and_url

    response = client.post(url, {"what": "Une coquille dans le titre."})

    assert response.status_code == 302
    point = ReviewPoint.objects.get()
    assert (point.where, point.email) == ("", "")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"what": ""}, "Dites-nous ce qui ne va pas sur cette page."),
        ({"what": "   "}, "Dites-nous ce qui ne va pas sur cette page."),
        ({**REPORT, "email": "pas-une-adresse"}, "Saisissez une adresse e-mail valide."),
        ({"what": "x" * 2001}, "au plus 2000 caractères"),
        ({**REPORT, "where": "x" * 201}, "au plus 200 caractères"),
        ({**REPORT, "email": "a" * 250 + "@example.org"}, "au plus 254 caractères"),
    ],
    ids=["empty", "blank", "bad-email", "long-what", "long-where", "long-email"],
)
def test_bad_input_is_refused_in_french_and_nothing_is_written(
    client, record_and_url, mailoutbox, data, message
):
    _, url = record_and_url

    response = client.post(url, data)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Rien n'a été envoyé" in page
    assert message in page
    assert count_tags(page, "h1") == 1
    assert not ReviewPoint.objects.exists() and mailoutbox == []


@pytest.mark.parametrize("field", ["what", "where", "email"])
def test_a_nul_character_is_refused_not_a_server_error(client, field):
    card = _card()

    response = client.post(reverse("experiences:report", args=[card.slug]),
                           {**REPORT, field: "Un texte\x00 abîmé"})  # fmt: skip

    assert response.status_code in (200, 400)
    assert not ReviewPoint.objects.exists()


def test_a_robot_is_thanked_and_nothing_is_written(client, mailoutbox, committed):
    card = _card()

    with committed():
        response = client.post(
            reverse("experiences:report", args=[card.slug]),
            {**REPORT, "website": "http://spam.example"},
        )

    assert response.status_code == 302 and response["Location"] == card.get_absolute_url()
    assert not ReviewPoint.objects.exists() and mailoutbox == []


def test_reports_are_rate_limited(client, settings):
    settings.PUBLIC_FORM_RATE = "1/h"
    card = _card()
    url = reverse("experiences:report", args=[card.slug])
    assert client.post(url, REPORT).status_code == 302

    response = client.post(url, {"what": "Encore une erreur."})

    assert response.status_code == 429
    page = response.content.decode()
    assert "Trop de demandes" in page and count_tags(page, "h1") == 1
    assert ReviewPoint.objects.count() == 1


def test_corrections_do_not_count_against_the_limit(client, settings):
    settings.PUBLIC_FORM_RATE = "1/h"
    card = _card()
    url = reverse("experiences:report", args=[card.slug])
    for _ in range(3):
        client.post(url, {"what": ""})  # refused, not counted

    assert client.post(url, REPORT).status_code == 302


def test_unpublished_or_unknown_records_have_no_report_page(client):
    draft = factories.ExperienceCardFactory(status=PublicationStatus.DRAFT)
    hidden = factories.FicheFactory(resource__status=PublicationStatus.DRAFT)

    for url in [
        reverse("experiences:report", args=[draft.slug]),
        reverse("experiences:report", args=["inconnue"]),
        reverse("workgroups:report", args=["ZZ"]),
        reverse("resources:report_fiche", args=[hidden.code]),
    ]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, REPORT).status_code == 404, url
    assert not ReviewPoint.objects.exists()


def test_a_preview_does_not_offer_to_report(client):
    author = factories.UserFactory()
    draft = factories.ExperienceCardFactory(status=PublicationStatus.DRAFT, created_by=author)
    client.force_login(author)

    page = client.get(reverse("experiences:preview", args=[draft.slug])).content.decode()

    assert "Signaler une erreur" not in page


def test_the_report_page_costs_a_few_queries(client, django_assert_max_num_queries):
    fiche = _fiche()
    assert isinstance(fiche, Fiche)

    with django_assert_max_num_queries(2):  # the fiche and its resource, in one
        assert client.get(reverse("resources:report_fiche", args=[fiche.code])).status_code == 200


def test_an_error_is_summed_up_first_linked_to_its_field_and_said_beside_it(client, record_and_url):
    _, url = record_and_url

    page = client.post(url, {"what": "", "email": "pas-une-adresse"}).content.decode()

    summary = page.index('id="erreurs"')
    assert summary < page.index("<form")
    assert '<a href="#id_what">' in page and '<a href="#id_email">' in page
    # The message sits between the label and the control, where a screen reader meets it.
    label, error = page.index('<label for="id_what"'), page.index('id="id_what_erreur"')
    assert label < error < page.index('<textarea name="what"')
