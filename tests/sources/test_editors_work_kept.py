"""Re-importing the source documents never undoes an editor's work: the import finds its
records by their source keys, writes only the fields it still owns, leaves deleted and
archived records as they are, and names itself in their history."""

import io
import os
import re
import shutil

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse

from experiences.models import CardPoint, ExperienceCard, Frein
from organisations.models import Organisation
from sources import documents
from sources.documents import DOCUMENTS, DOCUMENTS_BY_CODE
from sources.importer import import_document
from sources.models import ImportedRecord
from sources.ownership import IMPORT_REASON
from sources.writer import ImportReport
from tests import factories
from tests.admin_forms import change_through_admin, inline_prefix, restore_version
from tests.admin_imports import CSV, confirm_card_import, preview_card_import
from vita import workflow
from vita.models import PublicationStatus, ReviewPoint
from workgroups.models import WorkingGroup

pytestmark = pytest.mark.django_db

# 000's « Maison emploi et services animée par un groupe d'économie sociale », first card of G1.
CARD_KEY = "experience-G1-1"
TITLE_LINE = " MAISON EMPLOI ET SERVICES\n"
STORY_LINE = "e Une journée en bus réunissant 75 acteurs"


@pytest.fixture
def sources(tmp_path, monkeypatch):
    """The shipped documents copied aside, so that a test can correct one as a new
    version of the project would: `sources("000", find, replace)`."""
    for document in DOCUMENTS:
        shutil.copy(document.path, tmp_path / document.filename)
    monkeypatch.setattr(documents, "SOURCES_DIR", tmp_path)

    def correct(code, find, replace):
        path = tmp_path / DOCUMENTS_BY_CODE[code].filename
        text = path.read_text(encoding="utf-8")
        assert text.count(find) == 1, find
        path.write_text(text.replace(find, replace), encoding="utf-8")

    return correct


def reimport(*codes) -> ImportReport:
    report = ImportReport()
    for code in codes or [d.code for d in DOCUMENTS]:
        report.merge(import_document(DOCUMENTS_BY_CODE[code]).report)
    return report


def card(key=CARD_KEY) -> ExperienceCard:
    entry = ImportedRecord.objects.get(document="000", key=key)
    return ExperienceCard.objects.get(pk=entry.object_id)


def make_run():
    """What `make run` runs before serving, in its order."""
    out = io.StringIO()
    call_command("migrate", verbosity=0, stdout=out)
    call_command("import_sources", stdout=out)
    call_command("publish_card_templates", stdout=out)
    if not os.environ.get("DATABASE_URL"):  # as the Makefile does, in development mode
        with override_settings(DEBUG=True):
            call_command("create_demo_animator", stdout=out)
    return out.getvalue()


def test_an_admin_edit_survives_the_import_and_make_run(imported, animator_client):
    record = card()
    prefix = inline_prefix(animator_client, ExperienceCard, record, Frein)

    response = change_through_admin(
        animator_client,
        ExperienceCard,
        record,
        title="Maison de l'emploi et des services du Guiers",
        context="Un contexte réécrit par l'animatrice.",
        **{f"{prefix}-0-text": "Un frein reformulé par l'animatrice."},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors

    report = reimport("000")
    output = make_run()

    record.refresh_from_db()
    assert record.title == "Maison de l'emploi et des services du Guiers"
    assert record.context == "Un contexte réécrit par l'animatrice."
    assert record.points.filter(kind="frein").first().text == "Un frein reformulé par l'animatrice."
    kept = {(k.record, k.field) for k in report.kept}
    assert {(record.title, "titre"), (record.title, "contexte")} <= kept
    assert (record.title, "freins et leviers") in kept
    assert "Modifiés dans l'administration, conservés" in output
    # Its other fields are still the document's, and owned by the import.
    assert record.porteur.name == "Groupe ISACTYS"


def test_a_spreadsheet_import_edit_survives(imported, animator_client):
    record = card()
    content = (
        "Identifiant;Titre;Structure porteuse;Région;En bref;Freins rencontrés\n"
        f"{record.slug};{record.title};{record.porteur.slug};Auvergne-Rhône-Alpes;"
        "Un résumé venu d'un tableur;Un seul frein, venu du tableur\n"
    ).encode()
    preview = preview_card_import(animator_client, content, "fiches.csv", CSV)
    assert not preview.context["result"].has_validation_errors()
    confirm_card_import(animator_client, preview)

    make_run()

    record.refresh_from_db()
    assert record.summary == "Un résumé venu d'un tableur"
    assert [p.text for p in record.points.filter(kind="frein")] == [
        "Un seul frein, venu du tableur"
    ]


def test_workflow_moves_survive(imported, animator_client):
    record = card()
    workflow.apply([record], "archive", animator_client.user)

    make_run()

    record.refresh_from_db()
    assert record.status == PublicationStatus.ARCHIVED


def test_a_restored_version_survives(imported, animator_client):
    record = card()
    change_through_admin(animator_client, ExperienceCard, record, title="Premier titre corrigé")
    wanted = record.history.first()
    change_through_admin(animator_client, ExperienceCard, record, title="Second titre, raté")
    url = reverse("admin:experiences_experiencecard_simple_history", args=[record.pk, wanted.pk])
    restore_version(animator_client, url, animator_client.get(url))
    record.refresh_from_db()
    assert record.title == "Premier titre corrigé"

    make_run()

    record.refresh_from_db()
    assert record.title == "Premier titre corrigé"


def test_a_corrected_title_keeps_the_same_record_and_its_old_address(imported, sources, client):
    record = card()
    old_url = record.get_absolute_url()
    cards = ExperienceCard.objects.count()

    sources("000", TITLE_LINE, " MAISON DE L’EMPLOI ET DES SERVICES\n")
    reimport("000")

    renamed = card()
    assert renamed.pk == record.pk and ExperienceCard.objects.count() == cards
    assert renamed.title.startswith("Maison de l’emploi et des services")
    assert renamed.slug != record.slug
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == renamed.get_absolute_url()
    assert client.get(renamed.get_absolute_url()).status_code == 200


def test_a_corrected_title_whose_slug_another_card_has_takes_the_next_one(imported, sources):
    sources("000", TITLE_LINE, " MAISON DE L’EMPLOI ET DES SERVICES\n")
    with transaction.atomic():  # learn the slug the corrected title makes, then forget it
        reimport("000")
        wanted = card().slug
        transaction.set_rollback(True)
    factories.ExperienceCardFactory(title="Une autre fiche", slug=wanted)

    reimport("000")

    assert card().slug == f"{wanted}-2"
    assert not reimport("000").changed


def test_a_source_correction_reaches_the_fields_nobody_edited(imported, sources, animator_client):
    record = card()
    field = next(
        name for name in ("context", "actions", "results") if "75 acteurs" in getattr(record, name)
    )
    change_through_admin(animator_client, ExperienceCard, record, title="Titre de l'animatrice")

    sources("000", STORY_LINE, STORY_LINE.replace("75", "76"))
    report = reimport("000")

    record.refresh_from_db()
    assert "76 acteurs" in getattr(record, field)
    assert record.title == "Titre de l'animatrice"
    assert not ReviewPoint.objects.filter(what__contains="76 acteurs").exists()
    assert [k.field for k in report.kept] == ["titre"]


def test_a_field_both_edited_and_corrected_is_kept_and_the_animators_are_told(
    imported, sources, animator_client
):
    record = card()
    field = next(
        name for name in ("context", "actions", "results") if "75 acteurs" in getattr(record, name)
    )
    change_through_admin(animator_client, ExperienceCard, record, **{field: "Réécrit."})

    sources("000", STORY_LINE, STORY_LINE.replace("75", "76"))
    reimport("000")

    record.refresh_from_db()
    assert getattr(record, field) == "Réécrit."
    point = ReviewPoint.objects.get(object_id=record.pk, what__contains="76 acteurs")
    assert point.document == "000" and point.status == ReviewPoint.Status.OPEN
    assert "modifié dans l'administration" in point.what


def test_a_deleted_record_is_not_created_again(imported):
    record = card()
    CardPoint.objects.filter(card=record).delete()
    record.delete()

    output = io.StringIO()
    call_command("import_sources", "--only", "000", stdout=output)

    assert not ExperienceCard.objects.filter(pk=record.pk).exists()
    assert not ExperienceCard.objects.filter(title=record.title).exists()
    assert "Supprimés dans l'administration, non recréés : 1" in output.getvalue()


def test_an_organisation_field_an_editor_emptied_stays_empty(imported, animator_client):
    isactys = Organisation.objects.get(name="Groupe ISACTYS")
    assert isactys.phone
    change_through_admin(animator_client, Organisation, isactys, phone="")

    make_run()

    isactys.refresh_from_db()
    assert isactys.phone == ""


def test_records_imported_before_keys_were_kept_are_found_and_their_edits_kept(
    imported, sources, animator_client
):
    """The first run after this change: no key, no fingerprint. Records are found by
    their slugs and codes; a field whose history shows a person's change last is kept,
    on that run and the next ones; the others follow the document."""
    record, neighbour = card(), card("experience-G1-2")
    group = WorkingGroup.objects.get(code="G1")
    assert "75 acteurs" in record.actions
    change_through_admin(
        animator_client, ExperienceCard, record, title="Titre de l'animatrice", actions=""
    )
    ImportedRecord.objects.all().delete()
    cards = ExperienceCard.objects.count()

    sources("000", STORY_LINE, STORY_LINE.replace("75", "76"))
    sources("000", "lines, au Nord de la Drome,", "lines, au nord de la Drôme,")
    report = reimport()

    assert ExperienceCard.objects.count() == cards
    record.refresh_from_db()
    neighbour.refresh_from_db()
    assert (record.title, record.actions) == ("Titre de l'animatrice", "")
    assert "au nord de la Drôme" in neighbour.actions
    assert {(k.record, k.field) for k in report.kept} == {
        (record.title, "titre"),
        (record.title, "l'expérience"),
    }
    assert ImportedRecord.objects.get(document="000", key=CARD_KEY).object_id == record.pk
    assert ImportedRecord.objects.get(document="000", key="G1").object_id == group.pk
    assert not reimport().changed
    record.refresh_from_db()
    assert (record.title, record.actions) == ("Titre de l'animatrice", "")


def test_a_record_deleted_before_keys_were_kept_is_not_created_again(imported):
    record = card()
    CardPoint.objects.filter(card=record).delete()
    record.delete()
    ImportedRecord.objects.all().delete()

    reimport("000")

    assert not ExperienceCard.objects.filter(slug=record.slug).exists()


def test_the_history_names_the_import(imported, animator_client):
    record = card()

    versions = list(record.history.all())

    assert versions and {v.history_change_reason for v in versions} == {IMPORT_REASON}
    assert {v.history_user for v in versions} == {None}
    change_through_admin(animator_client, ExperienceCard, record, title="Titre revu")
    page = animator_client.get(
        reverse("admin:experiences_experiencecard_history", args=[record.pk])
    ).content.decode()
    assert IMPORT_REASON in page and "animatrice" in page
    assert "Aucun" not in page
    assert not re.search(r">\s*None\s*<", page)  # no reason: an empty cell


def test_the_console_summary_is_short_and_french(imported):
    output = io.StringIO()

    call_command("import_sources", stdout=output)

    text = output.getvalue()
    assert "Tout était déjà à jour." in text
    assert "attention" not in text and "Everything" not in text
    assert "kinds guessed" not in text  # developers' notes need -v 2
    assert len(text.splitlines()) <= 10
