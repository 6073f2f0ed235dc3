"""« Points à vérifier » in the admin: the animators' list, the column and filter on each
list of records, the open points on a record's page, the count on the admin's home, and
settling them."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories
from tests.html import count_tags
from vita.models import REVIEWABLE_MODELS, ReviewPoint
from vita.reviews import ImportDoubt, report_error, sync_import_doubts
from vita.roles import ANIMATEUR, CONTRIBUTEUR

pytestmark = pytest.mark.django_db

POINTS = reverse("admin:vita_reviewpoint_changelist")
# A record of each kind that receives points, as the factories make it.
MAKERS = {
    "experiences.experiencecard": factories.ExperienceCardFactory,
    "workgroups.workinggroup": factories.WorkingGroupFactory,
    "resources.fiche": factories.FicheFactory,
    "resources.resource": factories.ResourceFactory,
    "organisations.organisation": factories.OrganisationFactory,
}


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def animator():
    return factories.UserFactory(username="animatrice", is_staff=True, groups=[ANIMATEUR])


@pytest.fixture
def animator_client(client, animator):
    client.force_login(animator)
    return client


def test_every_kind_of_record_is_listed_here():
    assert set(MAKERS) == set(REVIEWABLE_MODELS)


# -- the list of points ---------------------------------------------------------------


def test_the_list_links_each_point_to_its_record_in_the_admin_and_on_the_site(animator_client):
    card = factories.ExperienceCardFactory(title="Une régie de quartier")
    fiche = factories.FicheFactory(code="I-C-2-b")
    report_error(card, what="Le porteur a changé de nom.", where="Porteur")
    sync_import_doubts("003", [ImportDoubt(fiche, "Un renvoi est illisible.", "Renvois")])

    response = animator_client.get(POINTS)

    assert response.status_code == 200
    page = response.content.decode()
    assert "Le porteur a changé de nom." in page and "Un renvoi est illisible." in page
    assert f'href="{_url(card, "change", card.pk)}"' in page
    assert f'href="{_url(fiche, "change", fiche.pk)}"' in page
    assert "Une régie de quartier" in page and "I-C-2-b — " in page
    assert "Signalement" in page and "Import des documents sources" in page
    point = ReviewPoint.objects.get(document="003")
    change = animator_client.get(_url(point, "change", point.pk)).content.decode()
    assert f'href="{fiche.get_absolute_url()}"' in change  # its public page
    assert "003" in change and "E-mail du lecteur" not in change


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("origin__exact=report", {"report on the card"}),
        ("origin__exact=import", {"doubt on the group", "closed doubt"}),
        ("status__exact=open", {"report on the card", "doubt on the group"}),
        ("status__exact=closed", {"closed doubt"}),
        ("fiche=workgroups.workinggroup", {"doubt on the group", "closed doubt"}),
        ("fiche=experiences.experiencecard", {"report on the card"}),
        ("document=001", {"doubt on the group", "closed doubt"}),
    ],
)
def test_the_list_filters_by_origin_status_kind_and_document(animator_client, query, expected):
    group = factories.WorkingGroupFactory()
    report_error(factories.ExperienceCardFactory(), what="report on the card")
    sync_import_doubts("001", [ImportDoubt(group, "doubt on the group"),
                               ImportDoubt(group, "closed doubt")])  # fmt: skip
    sync_import_doubts("001", [ImportDoubt(group, "doubt on the group")])  # closes the other

    response = animator_client.get(f"{POINTS}?{query}")

    shown = {str(point) for point in response.context["cl"].result_list}
    assert shown == expected


def test_the_list_costs_the_same_queries_for_one_point_or_many(
    animator_client, django_assert_num_queries
):
    def one_of_each_kind():
        for make in MAKERS.values():
            report_error(make(), what="Une erreur.")

    one_of_each_kind()
    with CaptureQueriesContext(connection) as few:
        assert animator_client.get(POINTS).status_code == 200
    for _ in range(4):
        one_of_each_kind()
    sync_import_doubts("000", [ImportDoubt(factories.FicheFactory(), "Un doute.")])

    with django_assert_num_queries(len(few)):
        assert animator_client.get(POINTS).status_code == 200


def test_points_are_never_added_from_the_admin(admin_client, animator_client):
    assert admin_client.get(reverse("admin:vita_reviewpoint_add")).status_code == 403
    assert animator_client.get(reverse("admin:vita_reviewpoint_add")).status_code == 403
    assert reverse("admin:vita_reviewpoint_add") not in animator_client.get(POINTS).content.decode()


# -- settling them ---------------------------------------------------------------------


def test_an_animator_settles_points_from_the_list(animator_client, animator):
    card = factories.ExperienceCardFactory()
    chosen = [report_error(card, what=f"Erreur {n}") for n in range(2)]
    other = report_error(card, what="Pas encore vue")
    before = timezone.now()

    response = animator_client.post(POINTS, {
        "action": "close_selected", "_selected_action": [p.pk for p in chosen],
    }, follow=True)  # fmt: skip

    assert "2 point(s) marqué(s) comme réglé(s)." in response.content.decode()
    for point in chosen:
        point.refresh_from_db()
        assert (point.status, point.closed_by) == ("closed", animator)
        assert point.closed_at >= before
    other.refresh_from_db()
    assert other.status == "open"
    assert "Marquer comme réglé" in response.content.decode()


def test_an_animator_settles_a_point_from_its_page_with_a_note(animator_client, animator):
    point = report_error(factories.ExperienceCardFactory(), what="Le site web a changé.",
                         email="lecteur@example.org")  # fmt: skip
    page = animator_client.get(_url(point, "change", point.pk))
    assert 'name="_close"' in page.content.decode()
    assert count_tags(page.content, "textarea") == 1  # the note only: the rest is read-only
    assert "lecteur@example.org" in page.content.decode()
    assert "Document source" not in page.content.decode()  # a reader's report has none

    response = animator_client.post(
        _url(point, "change", point.pk),
        {"closing_note": "Adresse corrigée.", "_close": "Marquer comme réglé"},
    )

    assert response.status_code == 302 and response["Location"] == POINTS
    point.refresh_from_db()
    assert (point.status, point.closed_by, point.closing_note) == (
        "closed", animator, "Adresse corrigée."
    )  # fmt: skip
    assert point.what == "Le site web a changé." and point.email == "lecteur@example.org"
    closed_page = animator_client.get(_url(point, "change", point.pk)).content.decode()
    assert 'name="_close"' not in closed_page and "animatrice" in closed_page


def test_only_animators_see_and_settle_points(client):
    point = report_error(factories.ExperienceCardFactory(), what="Une erreur.")
    contributor = factories.UserFactory(is_staff=True, groups=[CONTRIBUTEUR])
    animator = factories.UserFactory(is_staff=True, groups=[ANIMATEUR])

    client.force_login(contributor)
    assert client.get(POINTS).status_code == 403
    assert client.get(_url(point, "change", point.pk)).status_code == 403
    client.force_login(animator)
    assert client.get(POINTS).status_code == 200
    assert not animator.has_perm("vita.add_reviewpoint")
    assert not animator.has_perm("vita.delete_reviewpoint")
    assert animator.has_perm("vita.change_reviewpoint")


# -- on each list of records ---------------------------------------------------------------


@pytest.mark.parametrize("label", REVIEWABLE_MODELS)
def test_each_list_counts_open_points_and_filters_on_them(animator_client, label):
    make = MAKERS[label]
    flagged, clean, settled = make(), make(), make()
    for n in range(2):
        report_error(flagged, what=f"Erreur {n}")
    sync_import_doubts("000", [ImportDoubt(settled, "Un doute.")])
    sync_import_doubts("000", [])  # closed by the import
    url = _url(flagged, "changelist")

    response = animator_client.get(url)

    counts = {record.pk: record.open_points_count for record in response.context["cl"].result_list}
    assert counts == {flagged.pk: 2, clean.pk: 0, settled.pk: 0}
    page = response.content.decode()
    assert "Points à vérifier" in page
    assert f"fiche={label}&amp;object_id={flagged.pk}&amp;status__exact=open" in page
    having = animator_client.get(f"{url}?points=oui").context["cl"].result_list
    assert [record.pk for record in having] == [flagged.pk]
    without = animator_client.get(f"{url}?points=non").context["cl"].result_list
    assert {record.pk for record in without} == {clean.pk, settled.pk}
    by_count = animator_client.get(f"{url}?o=-{_column(response)}").context["cl"].result_list
    assert by_count[0].pk == flagged.pk


def _column(response) -> int:
    """The position of the points' column, for sorting by it (?o=N)."""
    return response.context["cl"].list_display.index("open_points")


@pytest.mark.parametrize("label", REVIEWABLE_MODELS)
def test_each_list_costs_the_same_queries_however_many_points(
    animator_client, label, django_assert_num_queries
):
    make = MAKERS[label]
    record = make()
    url = _url(record, "changelist")
    with CaptureQueriesContext(connection) as few:
        assert animator_client.get(url).status_code == 200
    for other in [record, *(make() for _ in range(4))]:
        for n in range(3):
            report_error(other, what=f"Erreur {n}")

    with django_assert_num_queries(len(few)):
        assert animator_client.get(url).status_code == 200
    with django_assert_num_queries(len(few)):
        assert animator_client.get(f"{url}?points=oui").status_code == 200


@pytest.mark.parametrize("label", REVIEWABLE_MODELS)
def test_a_record_s_page_shows_its_open_points(animator_client, label):
    record = MAKERS[label]()
    report_error(record, what="Le téléphone est faux.", where="Contacts")
    sync_import_doubts("004", [ImportDoubt(record, "Catégorie devinée.")])
    closed = report_error(record, what="Déjà réglé.")
    closed.status, closed.closed_at = "closed", timezone.now()
    closed.save()

    page = animator_client.get(_url(record, "change", record.pk)).content.decode()

    assert "Points à vérifier</h2>" in page and "Tous les points de cette fiche" in page
    assert "Le téléphone est faux." in page and "« Contacts »" in page
    assert "Catégorie devinée." in page and "(document 004)" in page
    assert "Déjà réglé." not in page


def test_a_record_without_open_points_shows_none(animator_client):
    card = factories.ExperienceCardFactory()

    page = animator_client.get(_url(card, "change", card.pk)).content.decode()

    assert "review-point" not in page and "Tous les points de cette fiche" not in page


def test_the_record_s_page_saves_as_before(animator_client):
    group = factories.WorkingGroupFactory(name="Ancien nom")
    report_error(group, what="Le nom a changé.")
    page = animator_client.get(_url(group, "change", group.pk))
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in {**form.initial, "name": "Nouveau nom"}.items()
        if value is not None
    }
    data["member_organisations"] = []
    for formset in page.context["inline_admin_formsets"]:
        management = formset.formset.management_form
        data |= {f"{management.prefix}-{k}": v for k, v in management.initial.items()}

    response = animator_client.post(_url(group, "change", group.pk), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    group.refresh_from_db()
    assert group.name == "Nouveau nom"


def test_contributors_see_no_points_on_the_lists(client):
    contributor = factories.UserFactory(is_staff=True, groups=[CONTRIBUTEUR])
    card = factories.ExperienceCardFactory(created_by=contributor, status="draft")
    report_error(card, what="Une erreur.")
    client.force_login(contributor)

    listing = client.get(_url(card, "changelist")).content.decode()
    change = client.get(_url(card, "change", card.pk)).content.decode()

    assert "Points à vérifier" not in listing and "points à vérifier" not in listing
    assert "Une erreur." not in change


# -- the admin's home ----------------------------------------------------------------------


def test_the_admin_s_home_counts_the_open_points(animator_client):
    card = factories.ExperienceCardFactory()
    for n in range(3):
        report_error(card, what=f"Erreur {n}")
    sync_import_doubts("000", [ImportDoubt(card, "Un doute.")])
    sync_import_doubts("000", [])  # closed: not counted

    response = animator_client.get(reverse("admin:index"))

    page = response.content.decode()
    assert f'href="{POINTS}?status__exact=open">3 points à vérifier</a>' in page
    assert "Fiches expériences" in page  # the apps' list is still there
    assert count_tags(page, "h1") == 1


def test_the_admin_s_home_says_when_nothing_is_open(animator_client):
    page = animator_client.get(reverse("admin:index")).content.decode()

    assert "Aucun point à vérifier" in page


def test_the_admin_s_home_has_no_count_for_those_who_cannot_see_the_points(client):
    client.force_login(factories.UserFactory(is_staff=True, groups=[CONTRIBUTEUR]))

    page = client.get(reverse("admin:index")).content.decode()

    assert "à vérifier" not in page
