"""One card writer (`experiences.writing`): proposals and the admin's imports write cards
through it, and an import keeps its state in one object, dropped once it is done."""

import pytest
import tablib
from django.core.cache import cache
from django.db import IntegrityError

from experiences import writing
from experiences.card_spreadsheet import CardSheet
from experiences.models import (
    CardContact,
    CardLink,
    CardLinkKind,
    CardListing,
    CardPoint,
    CardTool,
    ExperienceCard,
    PointKind,
)
from organisations.models import Organisation
from tests import factories
from tests.admin_imports import XLSX, confirm_card_import, preview_card_import
from tests.card_template_files import FILLED, filled_xlsx, send_proposal
from vita.roles import ANIMATEUR
from workgroups.models import WorkingGroup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def setup(db):
    cache.clear()  # the proposals' rate limits count in the cache
    factories.UserFactory(username="animatrice-2", groups=[ANIMATEUR])
    factories.WorkingGroupFactory(code="A2", name="Alliances stratégiques")


@pytest.fixture
def written(monkeypatch):
    """The titles of the cards whose related rows the card writer sets."""
    titles = []
    write_related = writing._write_related

    def spy(writes, stored, outcomes):
        titles.extend(write.card.title for write in writes)
        return write_related(writes, stored, outcomes)

    monkeypatch.setattr(writing, "_write_related", spy)
    return titles


COMPARED_FIELDS = ("summary", "category", "porteur_id", "region_id", "territory_name", "scale",
                   "milieux", "start_year", "end_year", "actions")  # fmt: skip


def _rows(card: ExperienceCard) -> dict:
    """What a card holds besides its name and state."""
    return {
        "fields": {name: getattr(card, name) for name in COMPARED_FIELDS},
        "departements": [d.code for d in card.departements.order_by("code")],
        "partners": sorted(p.name for p in card.partners.all()),
        "groups": [listing.working_group.code for listing in card.listings.all()],
        "points": [(p.kind, p.position, p.text, p.topic) for p in card.points.all()],
        "tools": [(t.position, t.text, t.resource_id) for t in card.tools.all()],
        "history": list(card.history.values_list("history_type", flat=True)),
    }


def test_a_proposal_and_an_import_of_the_same_values_give_the_same_rows(
    client, animator_client, written
):
    values = FILLED | {"Atelier ou groupe de travail": "A2 — Alliances stratégiques"}
    send_proposal(client, "fiche.xlsx", filled_xlsx([values]))
    proposed = ExperienceCard.objects.get()

    imported_values = values | {"Titre": "Le même garage, importé"}
    preview = preview_card_import(
        animator_client, filled_xlsx([imported_values]), "fiche.xlsx", XLSX
    )
    confirm_card_import(animator_client, preview)

    imported = ExperienceCard.objects.get(title="Le même garage, importé")
    assert _rows(imported) == _rows(proposed)
    assert _rows(proposed)["groups"] == ["A2"] and _rows(proposed)["history"] == ["+"]
    assert written == [FILLED["Titre"], "Le même garage, importé"]  # both by the writer


def _dataset(resource, **cells) -> tablib.Dataset:
    columns = {resource.fields[name].column_name: value for name, value in cells.items()}
    return tablib.Dataset(list(columns.values()), headers=list(columns))


def _card_cells(**cells) -> dict:
    return {"title": "Un garage solidaire", "porteur": "Une structure nouvelle",
            "region": "Bretagne", "departement": "35", "freins": "Le coût"} | cells  # fmt: skip


def test_an_import_keeps_no_state_once_done(written):
    resource = CardSheet()
    for dry_run in (True, False):
        result = resource.import_data(_dataset(resource, **_card_cells()), dry_run=dry_run)

        assert not result.has_errors() and not result.has_validation_errors()
        assert resource.state is None
        assert all(w.memory is None for w in resource._remembering_widgets().values())
    card = ExperienceCard.objects.get()
    assert [p.text for p in card.points.all()] == ["Le coût"]
    assert written == ["Un garage solidaire"]  # the dry run wrote nothing

    # A later import of the same resource starts from nothing: the card, read again,
    # is found unchanged.
    result = resource.import_data(_dataset(resource, **_card_cells(slug=card.slug)))
    assert [row.import_type for row in result.rows] == ["skip"]


def test_a_write_the_database_refuses_is_the_import_s_error_and_writes_nothing(monkeypatch):
    def refused(*args, **kwargs):
        Organisation.objects.create(name="Écrite avant l'erreur", slug="ecrite")
        raise IntegrityError("refusé")

    monkeypatch.setattr("experiences.card_spreadsheet.write_cards", refused)
    resource = CardSheet()

    result = resource.import_data(_dataset(resource, **_card_cells()), dry_run=False)

    assert result.has_errors()
    assert not ExperienceCard.objects.exists()
    assert not Organisation.objects.exists()
    assert resource.state is None


# -- related rows, matched by place -------------------------------------------------------

Outcome = writing.RowOutcome


def _outcomes(counts, model) -> dict:
    return {outcome: n for (of_model, outcome), n in counts.items() if of_model is model and n}


def test_a_tool_that_stays_keeps_its_row_and_link_and_only_what_changed_is_written():
    card = factories.ExperienceCardFactory()
    guide = factories.ResourceFactory(title="Guide de la mutualisation")
    kept = factories.CardToolFactory(card=card, position=0, text="Guide", resource=guide)
    renamed = factories.CardToolFactory(card=card, position=1, text="Tableau de bord")
    dropped = factories.CardToolFactory(card=card, position=2, text="Charte")

    counts = writing.write_related(card, tools=["Guide", "Tableau de suivi"])

    tools = list(CardTool.objects.filter(card=card).order_by("position"))
    assert [(t.pk, t.text, t.resource) for t in tools] == [
        (kept.pk, "Guide", guide),  # a file does not name the link: kept
        (renamed.pk, "Tableau de suivi", None),
    ]
    assert not CardTool.objects.filter(pk=dropped.pk).exists()
    assert _outcomes(counts, CardTool) == {
        Outcome.UNCHANGED: 1,
        Outcome.UPDATED: 1,
        Outcome.DELETED: 1,
    }

    # A source document links a tool to the library itself.
    counts = writing.write_related(card, tools=[("Guide", None), ("Tableau de suivi", guide)])
    assert [(t.pk, t.resource) for t in CardTool.objects.filter(card=card)] == [
        (kept.pk, None),
        (renamed.pk, guide),
    ]
    assert _outcomes(counts, CardTool) == {Outcome.UPDATED: 2}


def test_points_keep_their_rows_and_rubriques_by_text_and_new_ones_are_added_last():
    card = factories.ExperienceCardFactory()
    first = factories.FreinFactory(
        card=card, position=0, text="Mobilité", topic="Freins périphériques"
    )
    levier = factories.LevierFactory(card=card, position=0, text="Partenariat")

    counts = writing.write_related(card, freins=["Mobilité", "Garde d'enfants"])

    freins = list(CardPoint.objects.filter(card=card, kind=PointKind.FREIN).order_by("position"))
    assert (freins[0].pk, freins[0].text, freins[0].topic) == (
        first.pk,
        "Mobilité",
        "Freins périphériques",
    )
    assert [p.text for p in freins] == ["Mobilité", "Garde d'enfants"]
    assert CardPoint.objects.get(kind=PointKind.LEVIER, card=card).pk == levier.pk  # not asked
    assert _outcomes(counts, CardPoint) == {Outcome.UNCHANGED: 1, Outcome.CREATED: 1}


def test_a_listing_keeps_its_place_in_its_group_and_takes_where_the_source_files_it():
    a2 = WorkingGroup.objects.get(code="A2")
    b1 = factories.WorkingGroupFactory(code="B1")
    other = factories.ExperienceCardFactory()
    factories.CardListingFactory(card=other, working_group=b1, position=4)
    card = factories.ExperienceCardFactory()
    listing = factories.CardListingFactory(card=card, working_group=a2, position=7)

    counts = writing.write_related(
        card, groups=[(a2, {"source_page": 12, "source_note": "sommaire de l'atelier A2"}), b1, a2]
    )

    listings = {item.working_group.code: item for item in CardListing.objects.filter(card=card)}
    assert listings["A2"].pk == listing.pk
    assert (listings["A2"].position, listings["A2"].source_page) == (7, 12)
    assert listings["A2"].source_note == "sommaire de l'atelier A2"
    assert listings["B1"].position == 5  # last of its group
    assert _outcomes(counts, CardListing) == {Outcome.UPDATED: 1, Outcome.CREATED: 1}

    counts = writing.write_related(card, groups=[b1])
    assert set(
        CardListing.objects.filter(card=card).values_list("working_group__code", flat=True)
    ) == {"B1"}
    assert _outcomes(counts, CardListing) == {Outcome.UNCHANGED: 1, Outcome.DELETED: 1}


def test_contacts_keep_their_rows_and_their_groups_are_compared_as_a_set():
    a2 = WorkingGroup.objects.get(code="A2")
    card = factories.ExperienceCardFactory()
    person = factories.PersonFactory()
    contact = factories.CardContactFactory(card=card, person=person, position=0)
    contact.working_groups.set([a2])

    counts = writing.write_related(
        card, contacts=[{"person": person, "role": contact.role, "working_groups": [a2]}]
    )
    assert _outcomes(counts, CardContact) == {Outcome.UNCHANGED: 1}

    b1 = factories.WorkingGroupFactory(code="B1")
    counts = writing.write_related(
        card, contacts=[{"person": person, "role": contact.role, "working_groups": [b1]}]
    )
    contact_now = CardContact.objects.get(card=card)
    assert contact_now.pk == contact.pk
    assert [g.code for g in contact_now.working_groups.all()] == ["B1"]
    assert _outcomes(counts, CardContact) == {Outcome.UPDATED: 1}


def test_links_themes_and_keywords_are_written_by_the_card_writer():
    card, target = factories.ExperienceCardFactory(), factories.ExperienceCardFactory()
    theme, keyword = factories.ThemeFactory(), factories.KeywordFactory()

    counts = writing.write_related(
        card,
        links=[
            {
                "kind": CardLinkKind.SEE_ALSO,
                "label": "",
                "target_card": target,
                "target_resource": None,
            }
        ],
        themes=[theme],
        keywords=[keyword],
    )

    assert [link.target_card for link in card.links.all()] == [target]
    assert list(card.themes.all()) == [theme]
    assert list(card.keywords.all()) == [keyword]
    assert _outcomes(counts, CardLink) == {Outcome.CREATED: 1}
