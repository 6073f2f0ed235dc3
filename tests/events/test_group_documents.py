"""An event's page lists what it left and what its programme presented as the library
does: a working group's own documents (`AccessLevel.GROUP`, listed in its members' space
only) are not named on it, whoever reads it."""

import pytest
from django.urls import reverse

from resources.models import AccessLevel
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_group_s_own_document_is_not_named_on_an_event_s_page(client):
    event = factories.EventFactory()
    shown = factories.ResourceFactory(title="Support de la table ronde")
    hidden = factories.ResourceFactory(
        title="Compte rendu interne du groupe", access_level=AccessLevel.GROUP
    )
    event.resources.add(shown, hidden)
    part = factories.EventPartFactory(event=event)
    part.resources.add(hidden, factories.ResourceFactory(title="Diaporama présenté"))

    page = client.get(reverse("events:detail", args=[event.slug])).content.decode()

    assert "Support de la table ronde" in page and "Diaporama présenté" in page
    assert "Compte rendu interne du groupe" not in page
