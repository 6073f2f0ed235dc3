"""Every text field of every model, filled with markup that would run, renders escaped on
every page that shows it: a walk over the models' fields and the public pages."""

import pytest
from django.apps import apps
from django.db import models
from django.db.models import Value
from django.db.models.functions import Cast, Concat, Left

from resources.selectors import MANUAL
from tests import factories
from vita.roles import MEMBRE

pytestmark = pytest.mark.django_db

PAYLOAD = "<script>alert(1)</script><img src=x onerror=alert(2)>"
# What the payload looks like when it would run; its escaped form reads « &lt;script&gt; ».
RUNNABLE = ["<script>alert(", "<img src=x onerror"]
ESCAPED = "&lt;script&gt;alert(1)"
# Identifiers that travel in URLs are checked formats, not free text.
IDENTIFIERS = {"slug", "code", "insee_code", "search_name"}


def _text_fields(model):
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, (models.CharField, models.TextField))
        and not field.choices
        and field.name not in IDENTIFIERS
        and not isinstance(field, (models.SlugField, models.GeneratedField))
        and not getattr(field, "generated", False)
    ]


@pytest.fixture
def everything_hostile():
    """A card with all its related rows, a group, a library resource, a manual fiche;
    then every text field of every row of the project's models set to the payload."""
    card = factories.ExperienceCardFactory(departements=["35"])
    card.partners.add(factories.OrganisationFactory())
    group = factories.WorkingGroupFactory()
    factories.CardListingFactory(card=card, working_group=group)
    factories.WorkingGroupContactFactory(working_group=group)
    factories.CardContactFactory(card=card)
    factories.FreinFactory(card=card)
    factories.LevierFactory(card=card)
    resource = factories.ResourceFactory()
    factories.CardToolFactory(card=card, resource=resource)
    card.themes.add(factories.ThemeFactory())
    card.keywords.add(factories.KeywordFactory())
    manual = factories.CollectionFactory(slug=MANUAL)
    part = factories.CollectionFactory(parent=manual)
    fiche = factories.FicheFactory(resource__collection=part)
    factories.KeywordEntryFactory(fiche=fiche)
    factories.FicheBlockFactory(fiche=fiche)
    factories.FicheKeyPointFactory(fiche=fiche)
    factories.FicheCardLinkFactory(fiche=fiche, card=card)
    factories.CardLinkFactory(card=card, target_card=factories.ExperienceCardFactory())
    filled = []
    for model in apps.get_models():
        in_content_app = model._meta.app_label in factories.CONTENT_APPS
        if in_content_app and not model.__name__.startswith("Historical"):
            fields = [model._meta.get_field(name) for name in _text_fields(model)]
            # Each row's own value (some names are unique), cut to the column's length.
            hostile = Concat(Cast("pk", models.TextField()), Value(PAYLOAD))
            # An address must stay absolute (a database check): the payload after its host.
            hostile_url = Concat(
                Value("https://example.org/"),
                Cast("pk", models.TextField()),
                Value(PAYLOAD),
                output_field=models.TextField(),
            )
            model.objects.update(**{
                field.name: Left(value, field.max_length) if field.max_length else value
                for field in fields
                for value in [hostile_url if isinstance(field, models.URLField) else hostile]
            })  # fmt: skip
            filled += [f"{model.__name__}.{field.name}" for field in fields]
    card.refresh_from_db()
    return {"card": card, "group": group, "resource": resource, "fiche": fiche,
            "filled": filled}  # fmt: skip


def test_every_text_field_renders_escaped_on_every_page(client, everything_hostile):
    made = everything_hostile
    expected = {"ExperienceCard.title", "Organisation.name", "Person.last_name",
                "CardPoint.text", "FicheBlock.body", "Resource.title"}  # fmt: skip
    assert expected <= set(made["filled"])
    pages = [
        "/", "/experiences/", made["card"].get_absolute_url(),
        f"/experiences/?groupe={made['group'].code}", "/groupes/",
        f"/groupes/{made['group'].code}/", "/structures/",
        f"/structures/{made['card'].porteur.slug}/", "/ressources/",
        f"/ressources/{made['resource'].slug}/", "/manuel/", "/manuel/mots-clefs/",
        f"/manuel/{made['fiche'].code}/", "/recherche/?q=alert", "/experiences/?q=alert",
    ]  # fmt: skip
    # Members see the contacts too.
    client.force_login(factories.UserFactory(groups=[MEMBRE]))

    runnable, silent = [], []
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        page = response.content.decode()
        runnable += [(path, found) for found in RUNNABLE if found in page]
        if ESCAPED not in page:
            silent.append(path)

    assert runnable == []
    assert silent == []  # every page shows some of the payload, escaped
