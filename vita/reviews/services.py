"""Writes of the « points à vérifier » (vita.models.ReviewPoint)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from vita import audit
from vita.models import REVIEWABLE_MODELS, ReviewPoint
from vita.notifications import notify_animators

Origin, Status = ReviewPoint.Origin, ReviewPoint.Status
# The note of a doubt closed because the import no longer states it.
NO_LONGER_STATED = "Plus signalé par l'import"


@dataclass(frozen=True)
class ImportDoubt:
    record: models.Model  # a saved card, group, fiche, resource or organisation
    what: str  # a short French sentence; it identifies the doubt (same text = same doubt)
    where: str = ""  # e.g. the field's label, « Freins et leviers »


@dataclass(frozen=True)
class DoubtsOutcome:
    opened: int  # doubts new to this document (or stated again after the import closed them)
    still_open: int  # stated again, still open
    closed: int  # no longer stated: closed with the note NO_LONGER_STATED

    def __str__(self):
        return (
            f"points à vérifier : {self.opened} nouveau(x), {self.still_open} toujours "
            f"ouvert(s), {self.closed} réglé(s) par l'import"
        )


def _text(value: str) -> str:
    return " ".join(str(value).split())


def _check_record(record: models.Model) -> None:
    if record._meta.label_lower not in REVIEWABLE_MODELS:
        raise ValueError(f"A {record._meta.label} cannot receive points à vérifier")
    if record.pk is None:
        raise ValueError(f"The {record._meta.label} must be saved first")


@transaction.atomic
def sync_import_doubts(document: str, doubts: Iterable[ImportDoubt]) -> DoubtsOutcome:
    """The import of `document` ("000"…) states what it could not settle. A doubt not yet
    known for that document, record and text is opened; a known one, open or closed, is left
    as it is (an animator's closing sticks across imports); an open doubt of this document
    that the import no longer states is closed with the note « Plus signalé par l'import ».
    A doubt the import itself closed that way and states again is opened again (no
    animator settled it). Returns the counts: opened, still_open, closed.

    A few queries per call, whatever the number of doubts. Texts are compared with their
    spaces normalised; `where` is kept from the doubt's first statement."""
    document = document.strip()
    if not document or len(document) > ReviewPoint._meta.get_field("document").max_length:
        raise ValueError(f"Not a source document's code: {document!r}")
    doubts = list(doubts)
    for doubt in doubts:
        _check_record(doubt.record)
    content_types = ContentType.objects.get_for_models(*{type(d.record) for d in doubts})
    stated: dict[tuple[int, int, str], ImportDoubt] = {}
    for doubt in doubts:
        what = _text(doubt.what)
        if not what:
            raise ValueError(f"A doubt about {doubt.record!r} has no text")
        key = (content_types[type(doubt.record)].pk, doubt.record.pk, what)
        stated.setdefault(key, doubt)

    known = {
        (point.content_type_id, point.object_id, point.what): point
        for point in ReviewPoint.objects.filter(origin=Origin.IMPORT, document=document).only(
            "pk", "content_type_id", "object_id", "what", "status", "closed_by", "closing_note"
        )
    }
    new = [
        ReviewPoint(
            content_type_id=content_type_id,
            object_id=object_id,
            origin=Origin.IMPORT,
            document=document,
            what=what,
            where=_text(doubt.where)[:200],
        )
        for (content_type_id, object_id, what), doubt in stated.items()
        if (content_type_id, object_id, what) not in known
    ]
    ReviewPoint.objects.bulk_create(new)
    closed_by_import = [
        point.pk for key, point in known.items() if key in stated and _closed_by_import(point)
    ]
    reopened = ReviewPoint.objects.filter(pk__in=closed_by_import).update(
        status=Status.OPEN, closed_at=None, closing_note=""
    )
    no_longer_stated = [
        point.pk
        for key, point in known.items()
        if key not in stated and point.status == Status.OPEN
    ]
    closed = ReviewPoint.objects.filter(pk__in=no_longer_stated).update(
        status=Status.CLOSED,
        closed_at=timezone.now(),
        closed_by=None,
        closing_note=NO_LONGER_STATED,
    )
    still_open = sum(
        1 for key, point in known.items() if key in stated and point.status == Status.OPEN
    )
    return DoubtsOutcome(opened=len(new) + reopened, still_open=still_open, closed=closed)


def _closed_by_import(point: ReviewPoint) -> bool:
    return (
        point.status == Status.CLOSED
        and point.closed_by_id is None
        and point.closing_note == NO_LONGER_STATED
    )


def report_error(record, *, what: str, where: str = "", email: str = "") -> ReviewPoint:
    """A reader's « Signaler une erreur » on a record's public page: an open point, and an
    e-mail to the animators once it is saved (reply goes to the reader when they left an
    address)."""
    _check_record(record)
    what = str(what).strip()
    if not what:
        raise ValueError("A report says what is wrong")
    point = ReviewPoint.objects.create(
        record=record,
        origin=Origin.REPORT,
        what=what,
        where=_text(where)[:200],
        email=email.strip(),
    )
    transaction.on_commit(lambda: _tell_animators(point, record))
    return point


def _tell_animators(point: ReviewPoint, record) -> None:
    lines = [
        f"Un lecteur signale une erreur sur « {record} » ({record._meta.verbose_name}).",
        "",
        f"Où : {point.where or 'non précisé'}",
        "",
        point.what,
        "",
        f"Le point à vérifier : {reverse('admin:vita_reviewpoint_change', args=[point.pk])}",
    ]
    lines.append(f"La page : {record.get_absolute_url()}")
    lines.append(
        "Répondez directement à ce message pour écrire au lecteur."
        if point.email
        else "Le lecteur n'a pas laissé d'adresse."
    )
    notify_animators(f"Signalement : {record}", "\n".join(lines), reply_to=point.email)


def close_points(points, user, note: str = "") -> int:
    """Marks the open ones of `points` (a queryset, or points) as settled by `user`, now,
    with `note` when one is given; returns how many were closed. Closed points are left
    as they are."""
    if isinstance(points, models.QuerySet):
        chosen = points.filter(status=Status.OPEN)
    else:
        chosen = ReviewPoint.objects.filter(pk__in=[point.pk for point in points])
    closing = list(chosen.filter(status=Status.OPEN).order_by().values_list("pk", "what"))
    changes = {"status": Status.CLOSED, "closed_at": timezone.now(), "closed_by": user}
    if note.strip():
        changes["closing_note"] = note.strip()
    # Closed in between by someone else: left as they closed it.
    closed = ReviewPoint.objects.filter(
        pk__in=[pk for pk, _ in closing], status=Status.OPEN
    ).update(**changes)
    audit.review_points_closed(user, closing)
    return closed
