"""What the import could not settle is stored on the record as a point à vérifier, for the
animators, and stays settled once they have settled it."""

import pytest
from django.contrib.contenttypes.models import ContentType

from experiences.models import ExperienceCard
from organisations.models import Organisation
from resources.models import Fiche
from sources.documents import DOCUMENTS_BY_CODE
from sources.importer import import_document
from sources.models import ImportedRecord
from tests import factories
from vita.models import ReviewPoint
from vita.reviews import close_points

pytestmark = pytest.mark.django_db

GUESSED = "le type de chaque point (frein ou levier) a été deviné"
UNNAMED_DLA = "Le texte parle du « DLA » sans le nommer"


def points_on(model, **lookup):
    return ReviewPoint.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=model.objects.filter(**lookup).values("pk"),
        origin=ReviewPoint.Origin.IMPORT,
    )


def test_the_parsers_doubts_are_on_their_records(imported):
    # 000's guessed kinds of freins and leviers are settled by a reviewed table: none left.
    assert not ReviewPoint.objects.filter(what__contains=GUESSED).exists()
    dla = ReviewPoint.objects.filter(what__contains=UNNAMED_DLA)
    assert dla.count() == 3
    assert {point.document for point in dla} == {"002"}
    assert points_on(Fiche, code="COOP-PTCE").filter(what__contains="en préparation").exists()


def test_a_name_matched_by_a_part_of_it_is_a_doubt_on_the_organisation(imported):
    (point,) = points_on(Organisation, name="Ulisse")
    assert "« Groupe ULISSE »" in point.what and point.document == "003"

    import_document(DOCUMENTS_BY_CODE["003"])  # found by its key now, not by its name

    point.refresh_from_db()
    assert point.status == ReviewPoint.Status.OPEN


def test_a_settled_doubt_stays_settled_and_a_second_run_opens_none(imported):
    animator = factories.UserFactory(username="animatrice")
    card = ExperienceCard.objects.get(
        pk=ReviewPoint.objects.filter(what__contains=UNNAMED_DLA)[0].object_id
    )
    settled = points_on(ExperienceCard, pk=card.pk)
    close_points(settled, animator, "DLA vérifié sur le PDF.")
    open_before = ReviewPoint.objects.filter(status=ReviewPoint.Status.OPEN).count()

    report = import_document(DOCUMENTS_BY_CODE["002"]).report

    assert report.doubts_opened == 0
    assert ReviewPoint.objects.filter(status=ReviewPoint.Status.OPEN).count() == open_before
    assert not settled.filter(status=ReviewPoint.Status.OPEN).exists()


def test_a_record_the_document_no_longer_gives_is_left_with_a_point(imported):
    """A key the parser no longer gives (its scheme changed, or the record went): the
    record stays, and the animators are asked what to do with it."""
    card = factories.ExperienceCardFactory(title="Une fiche d'une ancienne lecture")
    programme = factories.ProgrammeFactory()
    for record, key in ((card, "experience-ancienne"), (programme, "programme-ancien")):
        ImportedRecord.objects.create(
            document="000",
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            key=key,
        )

    import_document(DOCUMENTS_BY_CODE["000"])

    (point,) = points_on(ExperienceCard, pk=card.pk)
    assert "ne donne plus cet enregistrement (clé « experience-ancienne »)" in point.what
    assert ExperienceCard.objects.filter(pk=card.pk).exists()
