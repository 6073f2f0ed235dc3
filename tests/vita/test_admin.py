"""Every model is in the admin; its pages answer, in French, with bounded queries."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import connection
from django.db.models import URLField
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from experiences.models import ExperienceCard
from tests import factories
from tests.factories import CONTENT_APPS
from vita.roles import ANIMATEUR, CONTRIBUTEUR

pytestmark = pytest.mark.django_db

FACTORIES = {
    factory._meta.model: factory
    for factory in vars(factories).values()
    if isinstance(factory, type) and hasattr(factory, "_meta") and factory._meta.model
}
REGISTERED = [
    model for model in admin.site._registry if model._meta.app_label in CONTENT_APPS
]  # fmt: skip
# Change pages hold inlines and autocompletes: a few queries each, never one per row.
MAX_PAGE_QUERIES = 40


def _url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def superuser_client(client, admin_user):
    client.force_login(admin_user)
    return client


def test_every_model_is_in_the_admin_itself_or_inline():
    inline_models = {
        model
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
        # Frein and Levier are views of CardPoint.
        for model in (inline.model, inline.model._meta.concrete_model)
    }
    for app_label in CONTENT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if model not in factories.DERIVED_MODELS:
                assert model in REGISTERED or model in inline_models, model.__name__


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model.__name__)
def test_changelist_answers_with_a_query_count_independent_of_rows(
    superuser_client, model, django_assert_num_queries
):
    FACTORIES[model]()
    with CaptureQueriesContext(connection) as few_rows:
        response = superuser_client.get(_url(model, "changelist"))
    assert response.status_code == 200
    FACTORIES[model].create_batch(4)

    with django_assert_num_queries(len(few_rows)):
        response = superuser_client.get(_url(model, "changelist"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model.__name__)
def test_add_and_change_pages_answer(superuser_client, model, django_assert_max_num_queries):
    instance = FACTORIES[model]()

    with django_assert_max_num_queries(MAX_PAGE_QUERIES):
        add = superuser_client.get(_url(model, "add"))
    with django_assert_max_num_queries(MAX_PAGE_QUERIES):
        change = superuser_client.get(_url(model, "change", instance.pk))

    # What only the public makes (an answer to a call, a request for an account or a
    # withdrawal) has no add page, even a superuser's.
    addable = admin.site._registry[model].has_add_permission(add.wsgi_request)
    assert add.status_code == (200 if addable else 403)
    assert change.status_code == 200


def test_a_card_change_page_with_many_rows_stays_bounded(
    superuser_client, django_assert_max_num_queries
):
    card = factories.ExperienceCardFactory()
    for position in range(6):
        factories.FreinFactory(card=card, position=position)
        factories.LevierFactory(card=card, position=position)
        factories.CardToolFactory(card=card, position=position)
        factories.CardContactFactory(card=card, position=position)

    with django_assert_max_num_queries(MAX_PAGE_QUERIES + 10):
        response = superuser_client.get(_url(card.__class__, "change", card.pk))

    assert response.status_code == 200
    page = response.content.decode()
    assert "Freins rencontrés" in page and "Leviers mobilisés" in page


def test_the_admin_speaks_french(superuser_client):
    response = superuser_client.get(reverse("admin:index"))

    assert "Administration du centre de ressources VITA" in response.content.decode()
    assert "Fiches expériences" in response.content.decode()
    changelist = superuser_client.get(_url(ExperienceCard, "changelist"))
    assert "Sélectionnez l’objet fiche expérience à changer" in changelist.content.decode()


def test_an_animator_edits_cards_and_a_contributor_cannot_delete_them(client):
    card = factories.ExperienceCardFactory(status="draft")
    animator = factories.UserFactory(is_staff=True, groups=[ANIMATEUR])
    contributor = factories.UserFactory(is_staff=True, groups=[CONTRIBUTEUR])

    client.force_login(animator)
    assert client.get(_url(card.__class__, "change", card.pk)).status_code == 200
    assert client.get(_url(card.__class__, "delete", card.pk)).status_code == 200

    client.force_login(contributor)
    assert client.get(_url(card.__class__, "add")).status_code == 200
    assert client.get(_url(card.__class__, "delete", card.pk)).status_code == 403


XSS = "<script>alert('xss')</script>"


@pytest.mark.parametrize("model", REGISTERED, ids=lambda model: model.__name__)
def test_a_script_in_any_text_field_is_escaped_on_admin_pages(superuser_client, model):
    instance = FACTORIES[model]()
    free_text = [
        field
        for field in instance._meta.concrete_fields
        if field.get_internal_type() in ("CharField", "TextField")
        and not field.choices
        and field.name not in ("slug", "code")
    ]
    for field in free_text:
        # An address must stay absolute (a database check): the payload after its host.
        value = f"https://example.org/{XSS}" if isinstance(field, URLField) else XSS
        setattr(instance, field.name, value[: field.max_length])
    instance.save()

    # Reference data fills the first page of territories: search brings the row up.
    search = "?q=xss" if model._meta.app_label == "territories" else ""
    for url in (_url(model, "changelist") + search, _url(model, "change", instance.pk)):
        page = superuser_client.get(url).content.decode()
        assert "<script>alert(" not in page
        assert "&lt;script&gt;alert(" in page


def test_a_script_in_an_inline_row_is_escaped(superuser_client):
    card = factories.ExperienceCardFactory()
    factories.FreinFactory(card=card, text=XSS)
    factories.CardToolFactory(card=card, text=XSS)

    page = superuser_client.get(_url(ExperienceCard, "change", card.pk)).content.decode()

    assert "<script>alert(" not in page
    assert page.count("&lt;script&gt;alert(") >= 2


AUTOCOMPLETES = [
    (model, field_name)
    for model in REGISTERED
    for field_name in admin.site._registry[model].autocomplete_fields
]


@pytest.mark.parametrize(
    ("model", "field_name"), AUTOCOMPLETES, ids=lambda value: getattr(value, "__name__", value)
)
def test_autocompletes_answer_with_a_query_count_independent_of_results(
    superuser_client, model, field_name, django_assert_num_queries
):
    target = model._meta.get_field(field_name).related_model
    url = reverse("admin:autocomplete")
    params = {
        "app_label": model._meta.app_label,
        "model_name": model._meta.model_name,
        "field_name": field_name,
    }
    if target._meta.app_label != "territories":  # reference rows are already there
        FACTORIES[target]()
    with CaptureQueriesContext(connection) as few_results:
        response = superuser_client.get(url, params)
    assert response.status_code == 200
    if target._meta.app_label != "territories":
        FACTORIES[target].create_batch(4)

    with django_assert_num_queries(len(few_results)):
        response = superuser_client.get(url, params)
    assert response.json()["results"]
