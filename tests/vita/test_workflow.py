"""The editorial workflow of cards and resources: who moves what, with confirmation."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from experiences.models import ExperienceCard
from resources.models import Resource
from tests import factories
from vita import workflow
from vita.models import PublicationStatus as Status
from vita.roles import ANIMATEUR, CONTRIBUTEUR

pytestmark = pytest.mark.django_db


@pytest.fixture
def animator():
    return factories.UserFactory(username="animatrice", groups=[ANIMATEUR], is_staff=True)


@pytest.fixture
def contributor():
    return factories.UserFactory(username="contributeur", groups=[CONTRIBUTEUR], is_staff=True)


# Who may do what, from which status: (role, transition, from) → allowed.
MATRIX = [
    ("contributor", "submit", Status.DRAFT, True),
    ("contributor", "publish", Status.IN_REVIEW, False),
    ("contributor", "send_back", Status.IN_REVIEW, False),
    ("contributor", "archive", Status.PUBLISHED, False),
    ("animator", "submit", Status.DRAFT, True),
    ("animator", "publish", Status.IN_REVIEW, True),
    ("animator", "publish", Status.DRAFT, True),
    ("animator", "send_back", Status.IN_REVIEW, True),
    ("animator", "archive", Status.PUBLISHED, True),
    ("animator", "publish", Status.PUBLISHED, False),  # already published
    ("animator", "send_back", Status.DRAFT, False),
]


@pytest.mark.parametrize(("role", "name", "source", "allowed"), MATRIX)
@pytest.mark.parametrize("kind", ["card", "resource"])
def test_the_permission_matrix(request, role, name, source, allowed, kind):
    user = request.getfixturevalue(role)
    allowed = allowed and not (kind == "resource" and role == "contributor")  # cards only
    record = (
        factories.ExperienceCardFactory(status=source)
        if kind == "card"
        else factories.ResourceFactory(status=source)
    )

    if allowed:
        workflow.apply([record], name, user, comment="À reprendre : le contexte manque.")
        record.refresh_from_db()
        assert record.status == workflow.TRANSITIONS[name].target
    else:
        with pytest.raises((PermissionDenied, ValidationError)):
            workflow.apply([record], name, user, comment="x")
        record.refresh_from_db()
        assert record.status == source


def test_publishing_sets_the_date_and_clears_the_comment(animator):
    card = factories.ExperienceCardFactory(status=Status.IN_REVIEW, published_at=None)
    workflow.apply([card], "send_back", animator, comment="Ajoutez les chiffres clés.")
    card.refresh_from_db()
    assert (card.status, card.review_comment) == (Status.DRAFT, "Ajoutez les chiffres clés.")

    workflow.apply([card], "publish", animator)

    card.refresh_from_db()
    assert card.status == Status.PUBLISHED and card.published_at and card.review_comment == ""


def test_sending_back_needs_a_comment(animator):
    card = factories.ExperienceCardFactory(status=Status.IN_REVIEW)

    with pytest.raises(ValidationError, match="commentaire"):
        workflow.apply([card], "send_back", animator, comment="  ")


def test_a_card_without_porteur_cannot_be_published_and_nothing_moves(animator):
    complete = factories.ExperienceCardFactory(status=Status.IN_REVIEW)
    lacking = factories.ExperienceCardFactory(status=Status.IN_REVIEW, porteur=None)

    with pytest.raises(ValidationError) as raised:
        workflow.apply([complete, lacking], "publish", animator)

    assert "doit avoir un titre, un porteur et une région" in raised.value.messages[0]
    complete.refresh_from_db()
    assert complete.status == Status.IN_REVIEW


def _action(client, model, name, records, **extra):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    data = {"action": name, "_selected_action": [r.pk for r in records], **extra}
    return client.post(url, data)


def test_bulk_publish_asks_for_confirmation_first(client, animator):
    cards = factories.ExperienceCardFactory.create_batch(3, status=Status.IN_REVIEW)
    client.force_login(animator)

    page = _action(client, ExperienceCard, "publish", cards)

    assert page.status_code == 200 and "Confirmer : publier" in page.content.decode()
    assert set(ExperienceCard.objects.values_list("status", flat=True)) == {Status.IN_REVIEW}
    done = _action(client, ExperienceCard, "publish", cards, confirmation="oui")
    assert done.status_code == 302
    assert set(ExperienceCard.objects.values_list("status", flat=True)) == {Status.PUBLISHED}


def test_bulk_archive_of_resources(client, animator):
    resources = factories.ResourceFactory.create_batch(2)
    client.force_login(animator)

    _action(client, Resource, "archive", resources, confirmation="oui")

    assert set(Resource.objects.values_list("status", flat=True)) == {Status.ARCHIVED}


def test_sending_back_from_the_admin_asks_for_the_comment(client, animator):
    card = factories.ExperienceCardFactory(status=Status.IN_REVIEW)
    client.force_login(animator)

    page = _action(client, ExperienceCard, "send_back", [card])
    assert 'name="comment"' in page.content.decode()
    refused = _action(client, ExperienceCard, "send_back", [card], confirmation="oui")
    assert "Écrivez le commentaire" in refused.content.decode()
    _action(client, ExperienceCard, "send_back", [card], confirmation="oui", comment="Précisez.")

    card.refresh_from_db()
    assert (card.status, card.review_comment) == (Status.DRAFT, "Précisez.")


def test_contributors_see_only_the_submit_action_and_a_read_only_status(client, contributor):
    card = factories.ExperienceCardFactory(status=Status.DRAFT, created_by=contributor)
    client.force_login(contributor)

    changelist = client.get(reverse("admin:experiences_experiencecard_changelist"))
    actions = dict(changelist.context["action_form"].fields["action"].choices)
    assert "submit" in actions and "publish" not in actions and "archive" not in actions
    change = client.get(reverse("admin:experiences_experiencecard_change", args=[card.pk]))
    assert "status" not in change.context["adminform"].form.fields


def test_a_published_card_is_archived_rather_than_deleted(client, animator):
    card = factories.ExperienceCardFactory(status=Status.PUBLISHED)
    client.force_login(animator)

    response = client.get(reverse("admin:experiences_experiencecard_delete", args=[card.pk]))

    assert response.status_code == 302
    assert ExperienceCard.objects.filter(pk=card.pk).exists()
    follow = client.get(response["Location"])
    assert "archivez-la" in follow.content.decode()


def test_drafts_have_a_preview_for_their_author_and_the_animators(client, contributor, animator):
    card = factories.ExperienceCardFactory(status=Status.DRAFT, created_by=contributor)
    preview = reverse("experiences:preview", args=[card.slug])

    assert client.get(card.get_absolute_url()).status_code == 404
    assert client.get(preview).status_code == 404  # anonymous
    client.force_login(factories.UserFactory(username="autre", is_staff=True))
    assert client.get(preview).status_code == 404
    for user in (contributor, animator):
        client.force_login(user)
        response = client.get(preview)
        assert response.status_code == 200
        assert "Aperçu : brouillon, pas encore publié" in response.content.decode()
        assert response["X-Robots-Tag"] == "noindex"


def test_a_draft_resource_has_a_preview_for_the_animators(client, animator):
    resource = factories.ResourceFactory(status=Status.IN_REVIEW)
    client.force_login(animator)

    response = client.get(reverse("resources:preview", args=[resource.slug]))

    assert "Aperçu : en relecture" in response.content.decode()


def test_the_admin_links_an_unpublished_record_to_its_preview(client, animator):
    card = factories.ExperienceCardFactory(status=Status.DRAFT)
    client.force_login(animator)

    change = client.get(reverse("admin:experiences_experiencecard_change", args=[card.pk]))

    assert reverse("experiences:preview", args=[card.slug]) in change.content.decode()


def test_a_new_card_remembers_its_author(client, animator):
    client.force_login(animator)
    factories.OrganisationFactory(name="AIRE")

    client.post(
        reverse("admin:experiences_experiencecard_add"),
        {"title": "Nouvelle", "slug": "nouvelle", "category": "siae", "status": "draft",
         **{f"{prefix}-{key}": 0 for prefix in INLINE_PREFIXES
            for key in ("TOTAL_FORMS", "INITIAL_FORMS")}},
    )  # fmt: skip

    assert ExperienceCard.objects.get(slug="nouvelle").created_by == animator


INLINE_PREFIXES = ["submission", "contacts", "points", "points-2", "tools", "listings", "links"]
