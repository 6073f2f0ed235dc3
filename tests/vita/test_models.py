"""Database constraints guard what must hold, whatever writes to the tables."""

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction

from experiences.models import CardPoint, ExperienceCard, Frein, Levier, PointKind
from organisations.enums import ContactRole
from tests import factories
from vita.models import PublicationStatus

pytestmark = pytest.mark.django_db


def _raises_integrity_error(create):
    with pytest.raises(IntegrityError), transaction.atomic():
        create()


def test_every_model_has_a_factory_that_saves_it():
    factories_by_model = {
        factory._meta.model: factory
        for factory in vars(factories).values()
        if isinstance(factory, type) and hasattr(factory, "_meta") and factory._meta.model
    }
    for app_label in factories.CONTENT_APPS:
        for model in set(apps.get_app_config(app_label).get_models()) - factories.DERIVED_MODELS:
            assert model in factories_by_model, f"no factory for {model.__name__}"
            instance = factories_by_model[model]()
            assert model.objects.filter(pk=instance.pk).exists()


@pytest.mark.parametrize(
    "factory",
    [
        factories.OrganisationFactory,
        factories.PersonFactory,
        factories.ProgrammeFactory,
        factories.WorkingGroupFactory,
        factories.ThemeFactory,
        factories.KeywordFactory,
        factories.CollectionFactory,
        factories.ResourceFactory,
        factories.ExperienceCardFactory,
    ],
)
def test_slugs_are_unique(factory):
    first = factory()

    _raises_integrity_error(lambda: factory(slug=first.slug))


def test_codes_are_unique():
    group = factories.WorkingGroupFactory(code="A2")
    fiche = factories.FicheFactory(code="I-C-2-b")

    _raises_integrity_error(lambda: factories.WorkingGroupFactory(code=group.code))
    _raises_integrity_error(lambda: factories.FicheFactory(code=fiche.code))
    _raises_integrity_error(lambda: factories.RegionFactory(code="53"))
    _raises_integrity_error(lambda: factories.DepartementFactory(code="2A"))


def test_a_card_has_at_most_one_referent_principal():
    card = factories.ExperienceCardFactory()
    factories.CardContactFactory(card=card, role=ContactRole.REFERENT_PRINCIPAL)
    factories.CardContactFactory(card=card, role=ContactRole.AUTRE_REFERENT)

    _raises_integrity_error(
        lambda: factories.CardContactFactory(card=card, role=ContactRole.REFERENT_PRINCIPAL)
    )
    factories.CardContactFactory(role=ContactRole.REFERENT_PRINCIPAL)  # another card: fine


@pytest.mark.parametrize(
    "missing", [{"title": ""}, {"porteur": None}, {"region": None}], ids=lambda m: next(iter(m))
)
def test_a_published_card_has_a_title_a_porteur_and_a_territory(missing):
    _raises_integrity_error(
        lambda: factories.ExperienceCardFactory(status=PublicationStatus.PUBLISHED, **missing)
    )
    draft = factories.ExperienceCardFactory(status=PublicationStatus.DRAFT, **missing)
    assert draft.pk


def test_a_card_period_is_in_order():
    _raises_integrity_error(lambda: factories.ExperienceCardFactory(start_year=2008, end_year=2005))


def test_a_card_link_points_somewhere_and_not_to_its_own_card():
    card = factories.ExperienceCardFactory()

    _raises_integrity_error(lambda: factories.CardLinkFactory(card=card, target_card=None))
    _raises_integrity_error(lambda: factories.CardLinkFactory(card=card, target_card=card))
    link = factories.CardLinkFactory(card=card, target_card=None, label="Régie de Bégard")
    assert link.pk


def test_a_fiche_does_not_cite_itself_and_cites_another_once():
    fiche, other = factories.FicheFactory(), factories.FicheFactory()
    factories.FicheLinkFactory(source=fiche, target=other)

    _raises_integrity_error(lambda: factories.FicheLinkFactory(source=fiche, target=fiche))
    _raises_integrity_error(lambda: factories.FicheLinkFactory(source=fiche, target=other))


def test_cited_by_is_derived_from_the_links():
    cited = factories.FicheFactory(code="II-3")
    citing = [factories.FicheFactory(code=code) for code in ("I-A-1", "III-14")]
    for fiche in citing:
        factories.FicheLinkFactory(source=fiche, target=cited)

    cited_by = {link.source.code for link in cited.incoming_links.select_related("source")}

    assert cited_by == {"I-A-1", "III-14"}


def test_an_organisation_is_not_its_own_parent():
    organisation = factories.OrganisationFactory()
    organisation.parent = organisation

    _raises_integrity_error(organisation.save)


def test_freins_and_leviers_are_one_ordered_table_seen_through_two_lists():
    card = factories.ExperienceCardFactory()
    factories.FreinFactory(card=card, position=1, text="Isolement des structures")
    factories.LevierFactory(card=card, position=1, text="Un réseau régional")
    Frein.objects.create(card=card, position=2, text="Un frein saisi dans l'admin")

    assert list(Frein.objects.filter(card=card).values_list("kind", flat=True)) == [
        PointKind.FREIN,
        PointKind.FREIN,
    ]
    assert Levier.objects.filter(card=card).count() == 1
    assert CardPoint.objects.filter(card=card).count() == 3


def test_milieux_and_structure_types_hold_several_values():
    card = factories.ExperienceCardFactory(milieux=["rural", "semi_rural"])
    organisation = factories.OrganisationFactory(structure_types=["aci", "ei"])

    assert ExperienceCard.objects.filter(milieux__contains=["rural"]).get() == card
    assert organisation.__class__.objects.filter(structure_types__contains=["ei"]).get()


def test_a_slug_taken_meanwhile_gets_a_random_ending(monkeypatch):
    """Two proposals of one title at once: the second insert finds the slug taken."""
    from experiences.models import ExperienceCard
    from vita import slugs

    factories.ExperienceCardFactory(title="Projet", slug="projet")
    monkeypatch.setattr(slugs, "free_slug", lambda model, text: "projet")  # as if not yet taken

    card = slugs.create_with_free_slug(ExperienceCard, "Projet", title="Projet")

    assert card.slug.startswith("projet-") and len(card.slug) == len("projet-") + 6
