"""The « points à vérifier » service: the import's doubts kept in step with each run
(`sync_import_doubts`), readers' reports (`report_error`), settling (`close_points`)."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests import factories
from vita.models import ReviewPoint
from vita.reviews import (
    NO_LONGER_STATED,
    DoubtsOutcome,
    ImportDoubt,
    close_points,
    report_error,
    sync_import_doubts,
)

pytestmark = pytest.mark.django_db

GUESSED_KIND = "La catégorie de cette fiche a été devinée."
DAMAGED = "Un passage est illisible dans le document scanné."


@pytest.fixture
def records():
    return {
        "card": factories.ExperienceCardFactory(),
        "group": factories.WorkingGroupFactory(),
        "fiche": factories.FicheFactory(),
        "resource": factories.ResourceFactory(),
        "organisation": factories.OrganisationFactory(),
    }


def _doubts_of(document):
    return ReviewPoint.objects.filter(origin="import", document=document)


def test_doubts_of_an_import_are_opened_on_their_records(records):
    card, group = records["card"], records["group"]

    outcome = sync_import_doubts("000", [
        ImportDoubt(card, GUESSED_KIND, where="Catégorie"),
        ImportDoubt(card, DAMAGED),
        ImportDoubt(group, "Le nom de l'animateur est ambigu."),
    ])  # fmt: skip

    assert outcome == DoubtsOutcome(opened=3, still_open=0, closed=0)
    points = {(p.record, p.what): p for p in _doubts_of("000")}
    assert set(points) == {(card, GUESSED_KIND), (card, DAMAGED),
                           (group, "Le nom de l'animateur est ambigu.")}  # fmt: skip
    guessed = points[card, GUESSED_KIND]
    assert (guessed.origin, guessed.status, guessed.where) == ("import", "open", "Catégorie")
    assert guessed.email == "" and guessed.closed_at is None


def test_every_kind_of_record_receives_doubts(records):
    outcome = sync_import_doubts("001", [ImportDoubt(r, DAMAGED) for r in records.values()])

    assert outcome.opened == 5
    assert {p.record for p in _doubts_of("001")} == set(records.values())


def test_a_second_run_stating_the_same_doubts_changes_nothing(records):
    doubts = [ImportDoubt(records["card"], GUESSED_KIND), ImportDoubt(records["fiche"], DAMAGED)]
    sync_import_doubts("000", doubts)
    before = list(_doubts_of("000").values())

    outcome = sync_import_doubts("000", doubts)

    assert outcome == DoubtsOutcome(opened=0, still_open=2, closed=0)
    assert list(_doubts_of("000").values()) == before


def test_the_same_text_is_the_same_doubt_spaces_aside(records):
    card = records["card"]
    sync_import_doubts("000", [ImportDoubt(card, GUESSED_KIND)])

    outcome = sync_import_doubts("000", [
        ImportDoubt(card, f"  {GUESSED_KIND.replace(' ', '  ')}\n"),
        ImportDoubt(card, GUESSED_KIND, where="stated twice in one run"),
    ])  # fmt: skip

    assert outcome == DoubtsOutcome(opened=0, still_open=1, closed=0)
    assert _doubts_of("000").count() == 1


def test_an_animator_s_closing_sticks_across_imports(records):
    card = records["card"]
    sync_import_doubts("000", [ImportDoubt(card, GUESSED_KIND)])
    animator = factories.UserFactory()
    close_points(_doubts_of("000"), animator, "Catégorie vérifiée avec le porteur.")

    outcome = sync_import_doubts("000", [ImportDoubt(card, GUESSED_KIND)])

    assert outcome == DoubtsOutcome(opened=0, still_open=0, closed=0)
    point = _doubts_of("000").get()
    assert (point.status, point.closed_by, point.closing_note) == (
        "closed", animator, "Catégorie vérifiée avec le porteur."
    )  # fmt: skip


def test_a_doubt_no_longer_stated_is_closed_by_the_import(records):
    card = records["card"]
    sync_import_doubts("000", [ImportDoubt(card, GUESSED_KIND), ImportDoubt(card, DAMAGED)])

    outcome = sync_import_doubts("000", [ImportDoubt(card, DAMAGED)])

    assert outcome == DoubtsOutcome(opened=0, still_open=1, closed=1)
    gone = _doubts_of("000").get(what=GUESSED_KIND)
    assert (gone.status, gone.closing_note, gone.closed_by) == ("closed", NO_LONGER_STATED, None)
    assert gone.closed_at is not None
    assert _doubts_of("000").get(what=DAMAGED).status == "open"


def test_an_import_stating_nothing_closes_its_document_s_doubts_only(records):
    card = records["card"]
    sync_import_doubts("000", [ImportDoubt(card, GUESSED_KIND)])
    sync_import_doubts("001", [ImportDoubt(card, GUESSED_KIND)])
    report = report_error(card, what="Le titre est faux.")

    outcome = sync_import_doubts("000", [])

    assert outcome == DoubtsOutcome(opened=0, still_open=0, closed=1)
    assert _doubts_of("001").get().status == "open"
    report.refresh_from_db()
    assert report.status == "open"


def test_a_doubt_the_import_closed_is_opened_again_when_stated_again(records):
    card = records["card"]
    sync_import_doubts("000", [ImportDoubt(card, GUESSED_KIND)])
    sync_import_doubts("000", [])

    outcome = sync_import_doubts("000", [ImportDoubt(card, GUESSED_KIND)])

    assert outcome == DoubtsOutcome(opened=1, still_open=0, closed=0)
    point = _doubts_of("000").get()
    assert (point.status, point.closed_at, point.closing_note) == ("open", None, "")


def test_the_same_text_on_two_records_or_documents_is_two_doubts(records):
    sync_import_doubts("000", [ImportDoubt(records["card"], DAMAGED),
                               ImportDoubt(records["group"], DAMAGED)])  # fmt: skip
    sync_import_doubts("002", [ImportDoubt(records["card"], DAMAGED)])

    assert ReviewPoint.objects.count() == 3


def test_the_sync_costs_a_few_queries_whatever_the_number_of_doubts(
    records, django_assert_max_num_queries
):
    cards = factories.ExperienceCardFactory.create_batch(30)
    sync_import_doubts("003", [ImportDoubt(card, DAMAGED) for card in cards[:20]])

    # 10 kept, 10 closed, 10 opened, on cards and groups alike.
    with django_assert_max_num_queries(8):
        outcome = sync_import_doubts("003", [
            *(ImportDoubt(card, DAMAGED) for card in cards[10:]),
            *(ImportDoubt(factories.WorkingGroupFactory.build(pk=records["group"].pk), f"n°{n}")
              for n in range(5)),
        ])  # fmt: skip

    assert outcome == DoubtsOutcome(opened=15, still_open=10, closed=10)


@pytest.mark.parametrize(
    ("document", "make", "what"),
    [
        ("000", lambda: factories.PersonFactory(), DAMAGED),  # a person: no points
        ("000", lambda: factories.ExperienceCardFactory.build(), DAMAGED),  # not saved
        ("000", lambda: factories.ExperienceCardFactory(), "   "),  # no text
        ("", lambda: factories.ExperienceCardFactory(), DAMAGED),  # no document
    ],
    ids=["person", "unsaved", "no-text", "no-document"],
)
def test_what_the_import_cannot_state(document, make, what):
    with pytest.raises(ValueError):
        sync_import_doubts(document, [ImportDoubt(make(), what)])
    assert not ReviewPoint.objects.exists()


def test_a_reader_s_report(records):
    point = report_error(records["fiche"], what=" Le lien est mort. ", where="Renvois",
                         email="lecteur@example.org")  # fmt: skip

    point.refresh_from_db()
    assert point.record == records["fiche"]
    assert (point.origin, point.status, point.document) == ("report", "open", "")
    assert (point.what, point.where, point.email) == ("Le lien est mort.", "Renvois",
                                                      "lecteur@example.org")  # fmt: skip


def test_closing_records_who_when_and_why_and_leaves_closed_points_alone(records):
    first, second, third = (report_error(records["card"], what=f"Erreur {n}") for n in range(3))
    someone, animator = factories.UserFactory(), factories.UserFactory()
    close_points([third], someone, "Déjà corrigé.")
    before = timezone.now()

    closed = close_points(ReviewPoint.objects.all(), animator, "Corrigé dans la fiche.")

    assert closed == 2
    for point in (first, second):
        point.refresh_from_db()
        assert (point.status, point.closed_by, point.closing_note) == (
            "closed", animator, "Corrigé dans la fiche."
        )  # fmt: skip
        assert point.closed_at >= before
    third.refresh_from_db()
    assert (third.closed_by, third.closing_note) == (someone, "Déjà corrigé.")
    assert close_points([first], animator) == 0


def test_the_database_keeps_one_doubt_per_document_record_and_text(records):
    sync_import_doubts("000", [ImportDoubt(records["card"], DAMAGED)])

    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ReviewPointFactory(record=records["card"], origin="import", document="000",
                                     what=DAMAGED)  # fmt: skip
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ReviewPointFactory(origin="report", document="000")  # a report has none
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.ReviewPointFactory(status="closed")  # closed, but when?


def test_a_deleted_record_takes_its_points_with_it(records):
    report_error(records["card"], what="Doublon d'une autre fiche.")
    sync_import_doubts("000", [ImportDoubt(records["fiche"], DAMAGED)])
    kept = report_error(records["group"], what="Le nom est mal orthographié.")

    records["card"].delete()
    records["fiche"].resource.delete()  # the fiche goes with its resource

    assert list(ReviewPoint.objects.all()) == [kept]
