"""History rows for rows written in bulk; django-simple-history records the others.

One INSERT … SELECT copies the rows as the database now holds them, instead of building
a historical instance per row in Python and sending every text to the database again
(simple-history's `bulk_history_create`): an import of 10,000 cards spent a quarter of
its time there.
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Exists, OuterRef, Subquery
from django.utils import timezone

# The historical model's own fields; every other field copies a column of the model.
HISTORY_FIELDS = {"history_id", "history_date", "history_change_reason", "history_type",
                  "history_user"}  # fmt: skip
CREATED, CHANGED = "+", "~"
# The change reason of every version the import of the source documents writes.
IMPORT_REASON = "Import des documents sources"


def record_history(model, pks, history_type: str, user=None) -> None:
    """A history row of type `history_type` (CREATED or CHANGED), by `user`, for each
    row `pks` of `model`."""
    if not pks:
        return
    historical = model.history.model._meta
    quote = connection.ops.quote_name
    copied = ", ".join(
        quote(field.column)
        for field in historical.concrete_fields
        if field.name not in HISTORY_FIELDS
    )
    history = ", ".join(
        quote(historical.get_field(name).column)
        for name in ("history_date", "history_type", "history_user")
    )
    sql = (
        f"INSERT INTO {quote(historical.db_table)} ({copied}, {history}) "  # noqa: S608 names from the models
        f"SELECT {copied}, %s, %s, %s FROM {quote(model._meta.db_table)} "
        f"WHERE {quote(model._meta.pk.column)} = ANY(%s) ORDER BY {quote(model._meta.pk.column)}"
    )
    user_pk = user.pk if user is not None else None
    with connection.cursor() as cursor:
        cursor.execute(sql, [timezone.now(), history_type, user_pk, list(pks)])


def current_slug(model, slug: str) -> str | None:
    """The slug of the record that had `slug` before it was renamed, as its history
    remembers it; None if no record ever had it, or if that record was deleted."""
    former = (
        model.history.filter(slug=slug)
        .order_by("-history_date", "-history_id")
        .values_list("id", flat=True)
        .first()
    )
    if former is None:
        return None
    return model.objects.filter(pk=former).values_list("slug", flat=True).first()


def redirect_to_current_slug(model, slug: str, url_name: str, message: str):
    """A permanent redirect from a former slug to the record's page under its slug now
    (links and bookmarks made before a title was corrected keep working); else 404."""
    from django.http import Http404
    from django.shortcuts import redirect

    renamed = current_slug(model, slug)
    if renamed is None or renamed == slug:
        raise Http404(message)
    return redirect(url_name, slug=renamed, permanent=True)


@dataclass
class Authorship:
    """What a record's history says of who changed it, for records imported before
    fingerprints were kept."""

    fields_edited: set[str] = field(default_factory=set)  # last changed by a person
    last_version_by_a_person: bool = False


def authorship(instance) -> Authorship:
    """Walk the record's versions (django-simple-history) in order: a field belongs to
    whoever changed it last. Versions with a user are a person's (the admin, a spreadsheet
    import, a workflow move, a restore); versions without one are the import's."""
    history = getattr(type(instance), "history", None)
    if history is None:
        return Authorship()
    versions = list(instance.history.order_by("history_date", "history_id"))
    if not versions:
        return Authorship()
    historical = {f.attname for f in versions[0]._meta.concrete_fields}
    tracked = [
        f.attname
        for f in instance._meta.concrete_fields
        if f.attname in historical and not f.primary_key
    ]
    names = {f.attname: f.name for f in instance._meta.concrete_fields}
    last_by_person: dict[str, bool] = {}
    previous = None
    for version in versions:
        by_person = version.history_user_id is not None
        for attname in tracked:
            if previous is None or getattr(version, attname) != getattr(previous, attname):
                last_by_person[names[attname]] = by_person
        previous = version
    return Authorship(
        fields_edited={name for name, by_person in last_by_person.items() if by_person},
        last_version_by_a_person=versions[-1].history_user_id is not None,
    )


def last_edit_by_a_person(instance):
    """When a person last changed the record (in the admin, by a spreadsheet, a workflow
    move or a restore), or None: the « mis à jour le » of its page, which an import that
    re-writes the same text does not move."""
    history = getattr(type(instance), "history", None)
    if history is None:
        return None
    return (
        instance.history.filter(history_user__isnull=False)
        .order_by("-history_date")
        .values_list("history_date", flat=True)
        .first()
    )


def last_edit_by_a_person_subquery(model, outer: str = "pk") -> Subquery:
    """`last_edit_by_a_person` as an annotation of `model`'s rows (or of rows whose `outer`
    column holds a `model`'s id): one query for a list of records (the sitemap's dates)
    instead of one per record."""
    return Subquery(
        model.history.model.objects.filter(
            **{model._meta.pk.attname: OuterRef(outer)}, history_user__isnull=False
        )
        .order_by("-history_date")
        .values("history_date")[:1]
    )


def written_by_the_import(instance) -> bool:
    """Whether the import of the source documents wrote the record (a version with its
    change reason), whoever edited it since."""
    return instance.history.filter(history_change_reason=IMPORT_REASON).exists()


def written_by_the_import_subquery(model, outer: str = "pk") -> Exists:
    """`written_by_the_import` as an annotation of `model`'s rows."""
    return Exists(
        model.history.model.objects.filter(
            **{model._meta.pk.attname: OuterRef(outer)}, history_change_reason=IMPORT_REASON
        )
    )
