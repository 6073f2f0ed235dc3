"""One card writer (`experiences.writing`): proposals and the admin's imports write cards
through it, and an import keeps its state in one object, dropped once it is done."""

import pytest
import tablib
from django.core.cache import cache
from django.db import IntegrityError

from experiences import writing
from experiences.card_spreadsheet import CardSheet
from experiences.models import ExperienceCard
from organisations.models import Organisation
from tests import factories
from tests.admin_imports import XLSX, confirm_card_import, preview_card_import
from tests.card_template_files import FILLED, filled_xlsx, send_proposal
from vita.roles import ANIMATEUR

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
