"""History rows for rows written in bulk; django-simple-history records the others.

One INSERT … SELECT copies the rows as the database now holds them, instead of building
a historical instance per row in Python and sending every text to the database again
(simple-history's `bulk_history_create`): an import of 10,000 cards spent a quarter of
its time there.
"""

from django.db import connection
from django.utils import timezone

# The historical model's own fields; every other field copies a column of the model.
HISTORY_FIELDS = {"history_id", "history_date", "history_change_reason", "history_type",
                  "history_user"}  # fmt: skip
CREATED, CHANGED = "+", "~"


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
