"""Reads of the « points à vérifier »: counts for the admin's lists and home page, the
open points of a record."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from vita.models import ReviewPoint

OPEN = ReviewPoint.Status.OPEN


def _open_points_of_each(model) -> QuerySet[ReviewPoint]:
    """The open points of the row `OuterRef("pk")` of `model` (its content type joined,
    not looked up: no query of its own)."""
    concrete = model._meta.concrete_model._meta
    return ReviewPoint.objects.filter(
        content_type__app_label=concrete.app_label,
        content_type__model=concrete.model_name,
        object_id=OuterRef("pk"),
        status=OPEN,
    )


def with_open_points(records: QuerySet, name: str = "open_points") -> QuerySet:
    """`records` with the number of their open points as `name`, in the same query."""
    count = (
        _open_points_of_each(records.model)
        .order_by()
        .values("object_id")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return records.annotate(
        **{name: Coalesce(Subquery(count, output_field=IntegerField()), Value(0))}
    )


def having_open_points(records: QuerySet, having: bool = True) -> QuerySet:
    """The records of `records` that have (or, `having=False`, have not) an open point."""
    exists = Exists(_open_points_of_each(records.model))
    return records.filter(exists if having else ~exists)


def open_points_of(record) -> list[ReviewPoint]:
    """A record's open points, the latest first."""
    return list(
        ReviewPoint.objects.filter(
            content_type=ContentType.objects.get_for_model(record),
            object_id=record.pk,
            status=OPEN,
        )
    )


def open_points_count() -> int:
    return ReviewPoint.objects.filter(status=OPEN).count()
