"""A record's history in human terms: field labels, French values, Paris dates, long texts
as the words that changed; a restore that would change the publication status says so and
is saved only once confirmed."""

import datetime
import html
import re

import pytest
from django.urls import reverse

from experiences.models import ExperienceCard
from tests import factories
from tests.admin_forms import change_through_admin, restore_version
from vita.models import PublicationStatus as Status
from vita.roles import CONTRIBUTEUR

pytestmark = pytest.mark.django_db
UTC = datetime.UTC


def _history(client, card) -> str:
    url = reverse("admin:experiences_experiencecard_history", args=[card.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def _changes(page: str) -> str:
    """The text of the « what changed » cells."""
    cells = re.findall(r'<ul class="history-changes">(.*?)</ul>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", "", " ".join(cells)))


def test_a_change_is_said_with_the_field_s_label_and_french_values(animator_client):
    card = factories.ExperienceCardFactory(status=Status.DRAFT, published_at=None)
    other = factories.OrganisationFactory(name="Régie de quartier de Rennes")

    change_through_admin(
        animator_client, ExperienceCard, card, status=Status.PUBLISHED, porteur=other.pk
    )

    changes = _changes(_history(animator_client, card))
    assert re.search(r"Statut : Brouillon\s*→\s*Publiée", changes), changes
    assert f"Porteur : {card.porteur} → {other}" in changes  # names, not ids
    assert "published" not in changes and "draft" not in changes
    assert "Modifié le" not in changes  # said by the version's date


def test_dates_are_in_paris_time(animator_client):
    card = factories.ExperienceCardFactory(published_at=None)
    card.published_at = datetime.datetime(2026, 1, 15, 12, 0, tzinfo=UTC)
    card.save()
    card.history.filter(history_id=card.history.first().history_id).update(
        history_date=datetime.datetime(2030, 7, 1, 10, 30, tzinfo=UTC)
    )

    page = html.unescape(_history(animator_client, card))

    assert "Publiée le : (vide) → 15 janvier 2026 à 13:00" in _changes(page)  # CET, UTC+1
    assert "1 juillet 2030 à 12:30" in page  # the version's date, CEST, UTC+2
    assert "+00:00" not in page


def test_a_long_text_shows_the_words_that_changed_escaped(animator_client):
    words = [f"mot{n}" for n in range(300)]
    card = factories.ExperienceCardFactory(actions=" ".join(words))
    card.actions = " ".join(words).replace("mot150", "<b>changé</b>")
    card.save()

    page = _history(animator_client, card)

    assert "<del>mot150</del><ins>&lt;b&gt;changé&lt;/b&gt;</ins>" in page
    changes = _changes(page)
    assert "mot149" in changes and "[…]" in changes
    assert "mot10 " not in changes and "mot290" not in changes  # cut around the change


def test_a_restore_that_would_unpublish_says_so_and_waits_for_a_yes(animator_client):
    card = factories.ExperienceCardFactory(title="Titre d'origine", status=Status.DRAFT)
    draft = card.history.first()
    card.title, card.status = "Titre publié", Status.PUBLISHED
    card.save()
    url = reverse("admin:experiences_experiencecard_simple_history", args=[card.pk, draft.pk])

    page = animator_client.get(url)

    text = html.unescape(page.content.decode())
    assert "change le statut de publication, de « Publiée » à « Brouillon »" in text
    assert "elle ne sera plus visible sur le site public" in text
    assert re.search(r"Titre : Titre publié\s*→\s*Titre d'origine", html.unescape(
        re.sub(r"<[^>]+>", "", text)
    ))  # fmt: skip
    assert 'name="confirmer_statut"' in text

    refused = restore_version(animator_client, url, page)  # the box left unticked

    assert refused.status_code == 302
    card.refresh_from_db()
    assert (card.title, card.status) == ("Titre publié", Status.PUBLISHED)
    message = html.unescape(animator_client.get(refused["Location"]).content.decode())
    assert "Rien n'a été restauré" in message

    page = animator_client.get(url)
    data = {"confirmer_statut": "oui"}
    _post_with(animator_client, url, page, data)

    card.refresh_from_db()
    assert (card.title, card.status) == ("Titre d'origine", Status.DRAFT)


def _post_with(client, url, page, extra):
    """Restores with `extra` added to the form, as ticking the box does."""
    original = client.post

    def post(path, data):
        return original(path, {**data, **extra})

    client.post = post
    try:
        return restore_version(client, url, page)
    finally:
        client.post = original


def test_a_restore_that_keeps_the_status_asks_nothing(animator_client):
    card = factories.ExperienceCardFactory(title="Avant")
    first = card.history.first()
    card.title = "Après"
    card.save()
    url = reverse("admin:experiences_experiencecard_simple_history", args=[card.pk, first.pk])

    page = animator_client.get(url)

    assert "confirmer_statut" not in page.content.decode()
    restore_version(animator_client, url, page)
    card.refresh_from_db()
    assert card.title == "Avant"


def test_a_contributor_s_restore_keeps_the_status_and_is_not_warned(client):
    contributor = factories.UserFactory(groups=[CONTRIBUTEUR], is_staff=True)
    card = factories.ExperienceCardFactory(title="Avant", status=Status.DRAFT, created_by=None)
    first = card.history.first()
    card.title, card.status = "Après", Status.IN_REVIEW
    card.save()
    client.force_login(contributor)
    url = reverse("admin:experiences_experiencecard_simple_history", args=[card.pk, first.pk])

    page = client.get(url)

    assert page.status_code == 200
    assert "confirmer_statut" not in page.content.decode()
    restore_version(client, url, page)
    card.refresh_from_db()
    assert (card.title, card.status) == ("Avant", Status.IN_REVIEW)


def test_an_organisation_s_types_and_flags_are_said_in_french(animator_client):
    organisation = factories.OrganisationFactory(structure_types=["ai"], proposed=False)
    organisation.structure_types = ["ai", "etti"]
    organisation.proposed = True
    organisation.save()
    url = reverse("admin:organisations_organisation_history", args=[organisation.pk])

    page = animator_client.get(url).content.decode()

    assert (  # the item added, by its label
        "Types de structure</span> : Association intermédiaire (AI), "
        "<ins>Entreprise de travail temporaire d&#x27;insertion (ETTI)</ins>"
    ) in page
    changes = _changes(page)
    assert re.search(r": non\s*→\s*oui", changes), changes
    assert "'ai'" not in changes and "etti" not in changes and "True" not in changes
